//! Embeds the commit gimlint is built from, for `gimlint --version`. `GIMLINT_COMMIT` from
//! the environment wins (a build from a source archive has no git); without either, the
//! commit is `unknown`.
//!
//! Also writes one `#[test]` per rule fixture for tests/rules.rs (see [`write_fixture_tests`]),
//! and the option schemas as JSON for src/schema (see [`write_schemas`]).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

fn main() {
    write_fixture_tests();
    write_schemas();
    println!("cargo:rerun-if-env-changed=GIMLINT_COMMIT");
    for watched in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if Path::new(watched).exists() {
            println!("cargo:rerun-if-changed={watched}");
        }
    }
    let commit = std::env::var("GIMLINT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()
                .filter(|output| output.status.success())
                .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=GIMLINT_COMMIT={commit}");
}

/// `testdata/rules/<CODE>/<fixture>` becomes `<CODE>::<fixture>` in `$OUT_DIR/rule_fixtures.rs`,
/// a test calling `check_fixture` of tests/rules.rs: `cargo test ICN005::fail_pair_differs`
/// runs one fixture, a failure names it, and a new fixture is a test at the next build. A
/// fixture is a file, or a folder holding every file of a multi-file case. A source archive
/// without testdata/ gets no fixture test.
fn write_fixture_tests() {
    let root = Path::new("testdata/rules");
    // Cargo looks at every file below a watched folder: adding, editing or deleting a
    // fixture reruns this script.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut tests = String::new();
    for code in sorted_names(root) {
        if !is_identifier(&code) {
            let message = format!("{}: not a rule code", root.join(&code).display());
            writeln!(tests, "compile_error!({message:?});").unwrap();
            continue;
        }
        writeln!(tests, "#[allow(non_snake_case)]\nmod {code} {{").unwrap();
        for fixture in sorted_names(&root.join(&code)) {
            let path = root.join(&code).join(&fixture);
            let name = if path.is_dir() {
                fixture.as_str()
            } else {
                fixture
                    .rsplit_once('.')
                    .map_or(fixture.as_str(), |(stem, _)| stem)
            };
            if !is_identifier(name) {
                // Said at compile time: a test cannot be named after this fixture.
                let message = format!(
                    "{}: name fixtures fail_* or pass_*, in lowercase letters, digits and _",
                    path.display()
                );
                writeln!(tests, "    compile_error!({message:?});").unwrap();
                continue;
            }
            writeln!(
                tests,
                "    #[test]\n    fn {name}() {{\n        \
                 super::check_fixture({code:?}, {:?});\n    }}",
                path.display().to_string()
            )
            .unwrap();
        }
        tests.push_str("}\n");
    }
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("rule_fixtures.rs");
    std::fs::write(&out, tests).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The names in `folder`, sorted; none if it cannot be read.
fn sorted_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Whether `name` can name a test function (rule codes are upper case, fixtures lower case).
fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Each `schemas/<name>.toml` becomes `$OUT_DIR/schemas/<name>.json`, the same data, and
/// `<name>.kind`, the file's `kind`: src/schema embeds those. Reading JSON at run time costs
/// a fraction of reading TOML (a run over one small export spent most of its time parsing
/// the schemas), and the kind tells which files a kind's schema needs without parsing them.
/// A file that is not TOML fails the build, naming it; what the schema types make of the
/// data is checked by tests/schemas.rs.
fn write_schemas() {
    let root = Path::new("schemas");
    println!("cargo:rerun-if-changed={}", root.display());
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("schemas");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    for name in sorted_names(root) {
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        let path = root.join(&name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()));
        let kind = table
            .get("kind")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let json = serde_json::to_string(&table).expect("a TOML table is JSON");
        for (extension, contents) in [("json", json.as_str()), ("kind", kind)] {
            let target = out.join(format!("{stem}.{extension}"));
            std::fs::write(&target, contents)
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}
