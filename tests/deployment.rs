//! A deployment written the way Genesys' own documentation writes exports (`name = value`,
//! `[log]`, `[log-filter-data]`, WFM CamelCase): the clean copy lints with no finding at
//! all, and in the copy with planted mistakes each mistake is found exactly once, at the
//! line after its `expect: CODE` comment, and nothing else is found.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::Path;

fn gimlint() -> Command {
    let mut cmd = Command::cargo_bin("gimlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("SOURCE_DATE_EPOCH", "1795000000"); // 2026-11-18
    cmd
}

/// `(file name, 1-based line)` → the codes expected there, from the `; expect: CODE` and
/// `<!-- expect: CODE -->` comments: each names the finding on the line after it.
fn expectations(dir: &Path) -> BTreeMap<(String, u64), Vec<String>> {
    let mut expected = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for (index, line) in text.lines().enumerate() {
            let Some((_, rest)) = line.split_once("expect: ") else {
                continue;
            };
            let code = rest.trim_end_matches("-->").trim().to_owned();
            expected
                .entry((name.clone(), index as u64 + 2))
                .or_insert_with(Vec::new)
                .push(code);
        }
    }
    expected
}

fn lint(dir: &str, format: &str) -> (i32, String) {
    let output = gimlint()
        .args(["check", "--color", "never", "--format", format, dir])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn the_clean_deployment_has_no_finding() {
    let dir = "testdata/deployment/clean";
    assert!(expectations(Path::new(dir)).is_empty());
    let (code, json) = lint(dir, "json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(code, 0);
    let (_, human) = lint(dir, "human");
    insta::assert_snapshot!(human);
}

#[test]
fn each_planted_mistake_is_found_once_at_its_line() {
    let dir = "testdata/deployment/mistakes";
    let mut expected = expectations(Path::new(dir));
    assert!(expected.len() >= 15, "the planted mistakes are gone");
    let (code, json) = lint(dir, "json");
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut unexpected = Vec::new();
    for diagnostic in value["diagnostics"].as_array().unwrap() {
        let path = diagnostic["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_string_lossy();
        let line = diagnostic["start"]["line"].as_u64().unwrap();
        let found = diagnostic["code"].as_str().unwrap();
        let codes = expected.get_mut(&(name.to_string(), line));
        match codes.and_then(|codes| {
            let at = codes.iter().position(|c| c == found)?;
            Some(codes.remove(at))
        }) {
            Some(_) => {}
            None => unexpected.push(format!("{name}:{line} {found}")),
        }
    }
    let missed: Vec<String> = expected
        .iter()
        .flat_map(|((name, line), codes)| codes.iter().map(move |c| format!("{name}:{line} {c}")))
        .collect();
    assert!(
        unexpected.is_empty() && missed.is_empty(),
        "found but not planted: {unexpected:?}\nplanted but not found (or found twice): {missed:?}"
    );
    let (_, human) = lint(dir, "human");
    insta::assert_snapshot!(human);
}
