//! Baselines: `--write-baseline FILE` records the findings of today, `--baseline FILE`
//! reports only the findings that are not in it. Findings are keyed by what they are about
//! (file, section and option, rule), not by line, so re-exporting or reordering a file keeps
//! the baseline valid. Files are keyed by their canonical path (relative to the project
//! root), so a baseline holds whichever way the files are named, from any folder of the
//! project.

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

/// The version of the baselines gimlint writes: 2 keys files by their canonical path; 1
/// (still read) by the path as typed, from the current folder.
const VERSION: u32 = 2;

/// The key of each finding of `report`: its place comes with it from the check, masked.
fn keys(report: &Report) -> Vec<(String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                report.files[f.file].canonical_path.clone(),
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
        version: VERSION,
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

/// The findings a baseline file records.
pub struct Baseline {
    version: u32,
    entries: Vec<Entry>,
}

impl Baseline {
    /// How many findings the baseline records.
    pub fn recorded(&self) -> usize {
        self.entries.iter().map(|e| e.count).sum()
    }
}

pub fn parse(text: &str) -> Result<Baseline, String> {
    let file: File =
        serde_json::from_str(text).map_err(|e| format!("not a gimlint baseline: {e}"))?;
    if !(1..=VERSION).contains(&file.version) {
        return Err(format!(
            "baseline version {} is not supported",
            file.version
        ));
    }
    Ok(Baseline {
        version: file.version,
        entries: file.findings,
    })
}

/// Removes from `report` the findings the baseline records (as many per key as it counted),
/// and returns how many were removed.
pub fn apply(report: &mut Report, baseline: &Baseline) -> usize {
    let mut remaining: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for entry in &baseline.entries {
        // A version 1 baseline's paths are as typed when it was written, taken to be from
        // the current folder: made canonical, they match whichever way the files are named
        // now.
        let path = match baseline.version {
            1 => report.paths.canonical(&entry.path),
            _ => entry.path.clone(),
        };
        *remaining
            .entry((path, entry.place.clone(), entry.rule.clone()))
            .or_insert(0) += entry.count;
    }
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
