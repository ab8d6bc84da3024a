//! The crate's layers import one way: no top-level module of src/ may reach, directly or
//! through others, a module that reaches it back. docs/architecture.md names the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules: src/NAME.rs and src/NAME/, `lib` for the crate root's own items.
fn top_level_modules(src: &Path) -> BTreeSet<String> {
    let mut modules = BTreeSet::from(["lib".to_owned()]);
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() || path.extension().is_some_and(|e| e == "rs") {
            modules.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    modules.remove("main");
    modules
}

/// The code of a Rust file that the library is built from: without its comments (doc links
/// name modules without importing them), string literals, and `#[cfg(test)]` modules (unit
/// tests may build their cases with any layer; the library does not contain them).
fn code_of(text: &str) -> String {
    without_test_modules(&without_comments_and_strings(text))
}

fn without_test_modules(code: &str) -> String {
    let mut kept = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after.as_bytes()[open] == b';' || !after[..open].contains("mod ") {
            // A test-only item that is not a module: kept.
            kept.push_str(&after[..open + 1]);
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept
}

fn without_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                code.push_str("\"\"");
            }
            // A character literal (`'"'`, `'\''`), not a lifetime (`'a`).
            '\'' if chars.get(i + 2) == Some(&'\'') => {
                i += 2;
                code.push_str("' '");
            }
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                code.push_str("' '");
            }
            c => code.push(c),
        }
        i += 1;
    }
    code
}

/// The top-level modules that `code` names after `crate::`, in paths and in `use crate::{…}`.
fn referenced(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            // The first name of each item of the group, at any depth of its own braces.
            let mut depth = 0;
            let end = group
                .find(|c| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => return true,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    false
                })
                .unwrap_or(group.len());
            let mut names = Vec::new();
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let word = group[i..]
                            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or("");
                        names.push(word);
                        start = false;
                    }
                    _ => {}
                }
            }
            names
        } else {
            vec![rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")]
        };
        for name in names {
            found.insert(if modules.contains(name) {
                name.to_owned()
            } else {
                // An item of the crate root (`crate::Report`).
                "lib".to_owned()
            });
        }
    }
    found
}

/// Which top-level modules each one imports.
fn import_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = top_level_modules(src);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let below = path.strip_prefix(src).unwrap();
            let first = below.components().next().unwrap().as_os_str();
            let module = Path::new(first)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if module == "main" {
                continue;
            }
            let code = code_of(&std::fs::read_to_string(&path).unwrap());
            let mut imports = referenced(&code, &modules);
            imports.remove(&module);
            graph.entry(module).or_default().extend(imports);
        }
    }
    graph
}

/// The modules that `from` reaches through the graph, with one path to each.
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeMap<String, String> {
    let mut paths = BTreeMap::new();
    let mut todo = vec![(from.to_owned(), from.to_owned())];
    while let Some((module, path)) = todo.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if !paths.contains_key(next) {
                let path = format!("{path} → {next}");
                paths.insert(next.clone(), path.clone());
                todo.push((next.clone(), path));
            }
        }
    }
    paths
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = import_graph(Path::new("src"));
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| reachable(&graph, module).remove(module))
        .collect();
    // The crate root only wires the modules and re-exports the library's entry points: an
    // import through it would hide which layer an item comes from.
    let through_root: Vec<&String> = graph
        .iter()
        .filter(|(_, imports)| imports.contains("lib"))
        .map(|(module, _)| module)
        .collect();
    assert!(
        through_root.is_empty(),
        "modules importing items of the crate root instead of their module: {through_root:?}"
    );
    assert!(
        cycles.is_empty(),
        "import cycles between top-level modules of src/:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_import_graph_sees_every_form_of_import() {
    let modules: BTreeSet<String> = ["model", "rules", "base"].map(str::to_owned).into();
    let code = code_of(
        "use crate::model::Application;\n\
         use crate::{base::{Span, Severity}, rules};\n\
         // crate::nothing, a comment\n\
         let x = \"crate::nothing \\\" crate::nothing\";\n\
         let quote = '\"'; let lifetime: &'static str = \"\"; let escaped = '\\'';\n\
         crate::Report::new();\n\
         #[cfg(test)]\n\
         mod tests { use crate::cli; fn f() { if true { crate::lsp::x(); } } }\n\
         crate::model::after_tests();\n",
    );
    let found = referenced(&code, &modules);
    assert_eq!(
        found,
        ["base", "lib", "model", "rules"].map(str::to_owned).into()
    );
}

/// The modules of each row of docs/architecture.md's table, in order.
fn documented_layers() -> Vec<Vec<String>> {
    let page = std::fs::read_to_string("docs/architecture.md").unwrap();
    page.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            cells.get(1)?.parse::<usize>().ok()?;
            Some(
                cells[2]
                    .split(',')
                    .map(|m| m.trim().trim_matches('`').to_owned())
                    .collect(),
            )
        })
        .collect()
}

/// docs/architecture.md names every top-level module, and no module imports one of a later
/// row of its table: the page is the order the code keeps.
#[test]
fn the_layers_are_those_docs_architecture_names() {
    let layers = documented_layers();
    let row_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(row, modules)| modules.iter().map(move |m| (m.as_str(), row)))
        .collect();
    let mut modules = top_level_modules(Path::new("src"));
    modules.remove("lib");
    let undocumented: Vec<&String> = modules
        .iter()
        .filter(|m| !row_of.contains_key(m.as_str()))
        .collect();
    assert!(
        undocumented.is_empty(),
        "modules missing from docs/architecture.md: {undocumented:?}"
    );
    let graph = import_graph(Path::new("src"));
    let mut upward = Vec::new();
    for (module, imports) in &graph {
        let Some(&row) = row_of.get(module.as_str()) else {
            continue;
        };
        for import in imports {
            if row_of.get(import.as_str()).is_some_and(|&r| r >= row) {
                upward.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports of a layer at or below their own in docs/architecture.md:\n{}",
        upward.join("\n")
    );
}
