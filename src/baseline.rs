//! Baselines: `--write-baseline FILE` records the findings of today, `--baseline FILE`
//! reports only the findings that are not in it. Findings are keyed by what they are about
//! (file, section and option, rule), not by line, so re-exporting or reordering a file keeps
//! the baseline valid.

use crate::engine::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    /// `[section]option`, `[section]`, or the line's text outside options.
    place: String,
    rule: String,
    /// How many findings of the rule the place had.
    count: usize,
}

/// The key of each finding of `report`: its place comes with it from the check, masked.
fn keys(report: &Report) -> Vec<(String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                report.files[f.file].path.clone(),
                report.place(f),
                f.rule.code.to_owned(),
            )
        })
        .collect()
}

/// The baseline file of `report`'s findings.
pub fn record(report: &Report) -> String {
    let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for key in keys(report) {
        *counts.entry(key).or_insert(0) += 1;
    }
    let file = File {
        version: 1,
        findings: counts
            .into_iter()
            .map(|((path, place, rule), count)| Entry {
                path,
                place,
                rule,
                count,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("baselines always serialize");
    text.push('\n');
    text
}

/// The findings a baseline file records, by key.
pub struct Baseline(BTreeMap<(String, String, String), usize>);

pub fn parse(text: &str) -> Result<Baseline, String> {
    let file: File =
        serde_json::from_str(text).map_err(|e| format!("not a gimlint baseline: {e}"))?;
    if file.version != 1 {
        return Err(format!(
            "baseline version {} is not supported",
            file.version
        ));
    }
    Ok(Baseline(
        file.findings
            .into_iter()
            .map(|e| ((e.path, e.place, e.rule), e.count))
            .collect(),
    ))
}

/// Removes from `report` the findings the baseline records (as many per key as it counted),
/// and returns how many were removed.
pub fn apply(report: &mut Report, baseline: &Baseline) -> usize {
    let mut remaining = baseline.0.clone();
    let keys = keys(report);
    let mut index = 0;
    let before = report.findings.len();
    report.findings.retain(|_| {
        let key = &keys[index];
        index += 1;
        match remaining.get_mut(key) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        }
    });
    before - report.findings.len()
}
