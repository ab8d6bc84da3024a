//! Bytes → the whole lint of one in-memory file, as `gimlint check -` or the language server
//! runs it → every output format; then `--fix --unsafe-fixes` on it and a second lint.
//!
//! The first byte chooses what the rest is (its low two bits), the phase (bit 2) and
//! whether SARIF and colours are rendered (bit 3):
//! - 0: an option export (`fuzz.cfg`);
//! - 1: an attached-data specification (`ccon_adata_spec_fuzz.xml`);
//! - 2: a gimlint.toml, a NUL byte, then the export it declares as `app.cfg`;
//! - 3: `gimlint diff`: the export before, a NUL byte, the export after.
//!
//! Checked: no panic; every span a finding, label, fix, secret or evidence holds lies in its
//! file's text on character boundaries; and applying the fixes does not bring back the
//! findings they fixed (see `assert_fixes_hold`).
#![no_main]

use gimlint::diagnostic::{Edit, Finding};
use gimlint::fix;
use gimlint::report::{github, gitlab, human, inventory, json, junit, readiness, sarif, short};
use gimlint::settings::Settings;
use gimlint::base::Phase;
use gimlint::base::span::Span;
use gimlint::{Input, Report};
use gimlint_fuzz::assert_span;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

/// A fixed day, so a run does not depend on the clock (CAL001's year, SUP002's expiry).
const TODAY: &str = "2026-11-18";

/// What one fuzz input lints.
struct Case {
    settings: Settings,
    /// `gimlint diff` only: the before export.
    before: Option<Vec<u8>>,
    name: String,
    bytes: Vec<u8>,
}

impl Case {
    fn of(bytes: &[u8]) -> Option<Case> {
        let (&selector, body) = bytes.split_first()?;
        let phase = if selector & 0b100 == 0 {
            Phase::PreMigration
        } else {
            Phase::PostMigration
        };
        let plain = |name: &str, before: Option<&[u8]>, bytes: &[u8]| Case {
            settings: Settings {
                phase,
                ..Settings::all_rules(TODAY)
            },
            before: before.map(<[u8]>::to_vec),
            name: name.to_owned(),
            bytes: bytes.to_vec(),
        };
        let split = |body: &[u8]| -> (Vec<u8>, Vec<u8>) {
            match body.iter().position(|&b| b == 0) {
                Some(nul) => (body[..nul].to_vec(), body[nul + 1..].to_vec()),
                None => (body.to_vec(), Vec::new()),
            }
        };
        Some(match selector & 0b11 {
            0 => plain("fuzz.cfg", None, body),
            1 => plain("ccon_adata_spec_fuzz.xml", None, body),
            2 => {
                let (config, export) = split(body);
                with_config(&config, export, phase)?
            }
            _ => {
                let (before, after) = split(body);
                plain("fuzz.cfg", Some(&before), &after)
            }
        })
    }

    fn lint(&self, bytes: &[u8]) -> Report {
        let input = [Input::Memory {
            name: self.name.clone(),
            bytes: bytes.to_vec(),
        }];
        match &self.before {
            Some(before) => {
                let before = [Input::Memory {
                    name: self.name.clone(),
                    bytes: before.clone(),
                }];
                gimlint::diff(&before, &input, &self.settings)
            }
            // The texts are kept, for the spans to be checked against them.
            None => gimlint::engine::lint_keeping_texts(&input, &self.settings),
        }
    }
}

/// gimlint.toml and the export it declares are written to a folder of this process's own
/// (under `TMPDIR`; `fuzz/run` points it into `fuzz/target`): gimlint.toml is read from disk,
/// and declared files are matched by their canonical path, so both must exist. The settings
/// come from gimlint.toml as the language server builds them.
fn with_config(config: &[u8], export: Vec<u8>, phase: Phase) -> Option<Case> {
    static FOLDER: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let folder = FOLDER.get_or_init(|| {
        let folder = std::env::temp_dir().join(format!("gimlint-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a temporary folder for gimlint.toml");
        folder
    });
    std::fs::write(folder.join("gimlint.toml"), config).ok()?;
    let name = folder.join("app.cfg");
    std::fs::write(&name, &export).ok()?;
    let requested = gimlint::engine::settings::Requested {
        phase: Some(phase),
        ..Default::default()
    };
    // An invalid gimlint.toml is reported by the run itself, like the command line does.
    let settings = gimlint::engine::settings::resolve(&requested, TODAY, Some(folder))
        .unwrap_or_else(|_| Settings {
            phase,
            config: Some(gimlint::engine::settings::read_config(
                folder.join("gimlint.toml"),
            )),
            ..Settings::all_rules(TODAY)
        });
    Some(Case {
        settings,
        before: None,
        name: name.to_string_lossy().into_owned(),
        bytes: export,
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some(case) = Case::of(bytes) else {
        return;
    };
    let report = case.lint(&case.bytes);
    assert_spans(&report);
    render_everything(&report, &case, bytes[0] & 0b1000 != 0);
    assert_fixes_hold(&case, &report);
});

fn assert_spans(report: &Report) {
    // (`diff` keeps no text: its spans are not checked.)
    for file in &report.files {
        let Some(kept) = &file.text else { continue };
        let text = &kept.source.text;
        for &secret in &kept.secrets {
            assert_span(text, secret, "secret");
        }
        if let Some(evidence) = &file.evidence {
            assert_span(text, evidence.span, "evidence of the kind");
        }
    }
    for finding in &report.findings {
        let Some(kept) = &report.files[finding.file].text else {
            continue;
        };
        let text = &kept.source.text;
        let code = finding.rule.code;
        assert_span(text, finding.span, code);
        for label in &finding.labels {
            assert_span(text, label.span, &format!("{code} label"));
        }
        for edit in finding.fix.iter().flat_map(|f| &f.edits) {
            assert_span(text, edit.span, &format!("{code} fix"));
        }
    }
}

/// Every format `check`, `report` and `inventory` write; what they return is not checked
/// here (tests/schemas.rs and the snapshots do), only that they do not panic. With
/// `also_sarif`, SARIF and coloured human output; else human output without colour: SARIF
/// carries the whole rule catalogue, the same for every input, and rendering it for every
/// input took half the time of a run.
fn render_everything(report: &Report, case: &Case, also_sarif: bool) {
    human::render(
        report,
        human::HumanOptions::new(also_sarif, 80),
    );
    if also_sarif {
        sarif::render(report);
    }
    short::render(report, true);
    json::render(report);
    github::render(report);
    junit::render(report, case.settings.fail_on);
    gitlab::render(report);
    let assessed = gimlint::readiness::assess(report, &case.settings, Some(TODAY.into()));
    readiness::html::render(report, &assessed);
    readiness::json::render(report, &assessed);
    readiness::markdown::render(report, &assessed);
    let (apps, _) = gimlint::inventory(
        &[Input::Memory {
            name: case.name.clone(),
            bytes: case.bytes.clone(),
        }],
        &case.settings,
    );
    inventory::markdown(&apps);
    inventory::json(&apps);
}

/// `--fix --unsafe-fixes`, one pass: the planned edits are applied to the file's bytes in
/// its own encoding, and the result is linted again.
///
/// The invariant: a fixed finding does not come back. Findings have no identity across two
/// lints, so "the same finding" is one of the same rule at the place the fix moved it to:
/// its start offset carried through the edits (a window, when the start is inside or at an
/// edit: the new text there). Other findings of that rule may legitimately be in that window
/// (those whose fixes were not applied because they overlapped, or that had none), so the
/// check is: after the fix, that window holds no more findings of the rule than the
/// unfixed ones that map into it. Findings of other rules may appear (renaming an unknown
/// option can make a duplicate), and so may findings of the same rule elsewhere.
fn assert_fixes_hold(case: &Case, report: &Report) {
    for patch in fix::plan(report, true) {
        let Some(kept) = &report.files[patch.file].text else {
            continue;
        };
        let source = &kept.source;
        let Ok(fixed_bytes) = fix::apply_to_bytes(source, &case.bytes, &patch.edits) else {
            // Windows-1252 cannot write the replacement: `--fix` reports it and writes nothing.
            continue;
        };
        let fixed_text = fix::apply_to_text(&source.text, &patch.edits);
        let after = case.lint(&fixed_bytes);
        assert_spans(&after);
        match after.files.first() {
            Some(file)
                if file
                    .text
                    .as_ref()
                    .is_some_and(|kept| kept.source.text == fixed_text) => {}
            // The edits changed how the bytes decode (a fix removed the only byte that was not
            // UTF-8, so the rest now reads as UTF-8): offsets no longer map, nothing to compare.
            Some(_) => continue,
            None => continue,
        }
        let applied = |finding: &Finding| {
            finding.file == patch.file
                && finding.fix.as_ref().is_some_and(|fix| {
                    fix.edits.iter().all(|e| {
                        patch
                            .edits
                            .iter()
                            .any(|p| p.span == e.span && p.replacement == e.replacement)
                    })
                })
        };
        for fixed in report.findings.iter().filter(|f| applied(f)) {
            let code = fixed.rule.code;
            let window = carried(fixed.span.start, &patch.edits);
            let overlaps = |w: (usize, usize)| w.0 <= window.1 && window.0 <= w.1;
            let unfixed = report
                .findings
                .iter()
                .filter(|f| f.rule.code == code && f.file == patch.file && !applied(f))
                .filter(|f| overlaps(carried(f.span.start, &patch.edits)))
                .count();
            let back: Vec<&Finding> = after
                .findings
                .iter()
                .filter(|f| f.rule.code == code && (window.0..=window.1).contains(&f.span.start))
                .collect();
            assert!(
                back.len() <= unfixed,
                "{code} `{}` at {:?} came back after its fix {:?} was applied: {:?}\nfixed text:\n{fixed_text:?}",
                fixed.message,
                fixed.span,
                fixed.fix.as_ref().map(|f| &f.edits),
                back.iter().map(|f| (&f.message, f.span)).collect::<Vec<_>>(),
            );
        }
    }
}

/// Where offset `at` of the text before `edits` (sorted, not overlapping) is after them:
/// `(start, end)` of the offsets it may now be. One offset when no edit touches it; the new
/// text of the edit when it is at or inside that edit (an insertion at `at` may end up
/// before or after it).
fn carried(at: usize, edits: &[Edit]) -> (usize, usize) {
    let mut shift: isize = 0;
    for edit in edits {
        let Span { start, end } = edit.span;
        if end < at || (end == at && start < at) {
            shift += edit.replacement.len() as isize - edit.span.len() as isize;
        } else if start <= at {
            let new_start = start
                .checked_add_signed(shift)
                .expect("offsets stay positive");
            return (new_start, new_start + edit.replacement.len());
        } else {
            break;
        }
    }
    let moved = at.checked_add_signed(shift).expect("offsets stay positive");
    (moved, moved)
}
