//! `docs/rules/` is generated from the rule files. This test regenerates it: when a page is
//! missing or stale it writes the new page and fails, so the change shows in `git diff` and
//! CI (which runs on a clean checkout) catches a commit without it.

use gimlint::docs::{rule_page, rules_index};
use gimlint::rules::REGISTRY;
use std::fs;
use std::path::Path;

/// Writes `contents` to `path` if it differs; returns whether it was stale.
fn ensure(path: &Path, contents: &str) -> bool {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return false;
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
    true
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
        "regenerated stale docs (commit them): {stale:?}"
    );
}

/// The `ini` code blocks of a rule's documentation, in order.
fn ini_examples(doc: &str) -> Vec<String> {
    doc.split("```ini\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

#[test]
fn documented_examples_do_what_the_docs_say() {
    use gimlint::settings::{Phase, Settings};
    use gimlint::{lint, Input};
    let mut checked = 0;
    for rule in REGISTRY {
        let meta = rule.meta();
        let examples = ini_examples(&meta.doc());
        // A rule about bytes (OPT005) cannot show its bad example as text.
        let [bad, good] = examples.as_slice() else {
            continue;
        };
        let settings = Settings {
            phase: meta.phase.unwrap_or(Phase::PreMigration),
            target_release: gimlint::release::Release::known(gimlint::release::LATEST_KNOWN_GIM),
            enabled: [meta.code].into(),
            fail_on: gimlint::rules::Severity::Warning,
            current_year: 2026,
            adata_reference: None,
        };
        let findings = |text: &str| {
            let input = Input::Memory {
                name: "example.cfg".into(),
                bytes: text.as_bytes().to_vec(),
            };
            lint(&[input], &settings).findings.len()
        };
        assert!(
            findings(bad) > 0,
            "{}: the bad example raises nothing:\n{bad}",
            meta.code
        );
        assert_eq!(
            findings(good),
            0,
            "{}: the good example raises a finding:\n{good}",
            meta.code
        );
        checked += 1;
    }
    assert_eq!(
        checked,
        REGISTRY.len() - 1,
        "only OPT005 may skip its examples"
    );
}
