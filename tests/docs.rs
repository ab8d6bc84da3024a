//! `docs/rules/` and `docs/options.md` are generated from the rule files and the schemas. A
//! stale page fails the test; `GIMLINT_UPDATE_DOCS=1 cargo test --test docs` rewrites them.

use gimlint::docs::{options_reference, rule_page, rules_index};
use gimlint::rules::REGISTRY;
use std::fs;
use std::path::Path;

/// Whether `path` is stale; rewritten when `GIMLINT_UPDATE_DOCS` is set.
fn ensure(path: &Path, contents: &str) -> bool {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return false;
    }
    if std::env::var_os("GIMLINT_UPDATE_DOCS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    true
}

#[test]
fn the_options_reference_is_fresh() {
    let path = Path::new("docs/options.md");
    assert!(
        !ensure(path, &options_reference()),
        "docs/options.md is stale: GIMLINT_UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn rule_pages_are_fresh() {
    let dir = Path::new("docs/rules");
    let mut stale = Vec::new();
    for rule in REGISTRY {
        let meta = rule.meta();
        let path = dir.join(format!("{}.md", meta.code));
        if ensure(&path, &rule_page(meta)) {
            stale.push(path.display().to_string());
        }
    }
    let index = dir.join("README.md");
    if ensure(&index, &rules_index()) {
        stale.push(index.display().to_string());
    }
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let known = name == "README" || REGISTRY.iter().any(|r| r.meta().code == name);
        assert!(known, "{} documents no rule: delete it", path.display());
    }
    assert!(
        stale.is_empty(),
        "stale docs {stale:?}: GIMLINT_UPDATE_DOCS=1 cargo test --test docs"
    );
}

/// The `ini` and `xml` code blocks of a rule's documentation, in order, each with a file
/// name of its language.
fn examples(doc: &str) -> Vec<(&'static str, String)> {
    doc.split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|block| {
            let (language, code) = block.split_once('\n')?;
            let name = match language {
                "ini" => "example.cfg",
                "xml" => "example.xml",
                _ => return None,
            };
            Some((name, code.to_owned()))
        })
        .collect()
}

#[test]
fn documented_examples_do_what_the_docs_say() {
    use gimlint::base::Phase;
    use gimlint::settings::Settings;
    use gimlint::{lint, Input};
    let mut skipped = Vec::new();
    for rule in REGISTRY {
        let meta = rule.meta();
        let examples = examples(&meta.doc());
        // A rule about bytes (OPT005) cannot show its bad example as text; rules that need
        // other files (ADS007's reference, DIF*'s before export, GIM010's other DAPs, ICN010's
        // specification), the
        // topology of gimlint.toml (GIM014, ICN004, ICN005, WFM*) or another target release
        // (OPT015) show only the file they report on.
        let [bad, good] = examples.as_slice() else {
            skipped.push(meta.code);
            continue;
        };
        // Every rule runs, as in a real run (SUP001 judges a suppression only when the rule
        // it names ran); only this rule's findings count.
        let settings = Settings {
            phase: meta.phase.unwrap_or(Phase::PreMigration),
            ..Settings::all_rules("2026-11-18")
        };
        let findings = |(name, text): &(&str, String)| {
            let input = Input::Memory {
                name: (*name).into(),
                bytes: text.as_bytes().to_vec(),
            };
            lint(&[input], &settings)
                .findings
                .iter()
                .filter(|f| f.rule.code == meta.code)
                .count()
        };
        assert!(
            findings(bad) > 0,
            "{}: the bad example raises nothing:\n{}",
            meta.code,
            bad.1
        );
        assert_eq!(
            findings(good),
            0,
            "{}: the good example raises a finding:\n{}",
            meta.code,
            good.1
        );
    }
    assert_eq!(
        skipped,
        [
            "ADS007", "DIF001", "DIF002", "DIF003", "GIM010", "GIM014", "ICN004", "ICN005",
            "ICN010", "OPT005", "OPT015", "WFM001", "WFM002", "WFM003"
        ],
        "which rules show one example only"
    );
}

/// Every source file under `dir`, appended to `out`.
fn rust_sources(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push_str(&fs::read_to_string(&path).unwrap());
        }
    }
}

/// docs/security.md keeps each promise by naming its test: a renamed or deleted test must not
/// leave the page vouching for it.
#[test]
fn every_test_the_security_page_names_exists() {
    let page = fs::read_to_string("docs/security.md").unwrap();
    let mut sources = String::new();
    for dir in ["src", "tests", "fuzz/fuzz_targets"] {
        rust_sources(Path::new(dir), &mut sources);
    }
    // Test names are backticked snake_case with several words; option names such as
    // `client_secret` have fewer underscores.
    let named: Vec<&str> = page
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| {
            word.matches('_').count() >= 3
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .collect();
    assert!(named.len() > 20, "too few test names found: {named:?}");
    let missing: Vec<&&str> = named
        .iter()
        .filter(|name| !sources.contains(&format!("fn {name}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/security.md names tests that do not exist: {missing:?}"
    );
}
