//! `--statistics`: the findings counted by rule, as ruff counts them: count, code, a `[*]`
//! when `--fix` fixes some, and the rule's name. Codes and names only: no value, path or
//! message of the input, so nothing of a file, and no secret, can show.

use crate::engine::Report;
use serde::Serialize;

/// One rule's line.
#[derive(Serialize)]
struct Statistic {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable: bool,
}

/// The rules with findings, most findings first, then by code. `unsafe_fixes`: a rule whose
/// fixes are suggestions counts as fixable, as `--fix --unsafe-fixes` would fix it.
fn statistics(report: &Report, unsafe_fixes: bool) -> Vec<Statistic> {
    let mut by_rule: Vec<Statistic> = Vec::new();
    for finding in &report.findings {
        let fixable = !super::fixable_marker(finding, unsafe_fixes).is_empty();
        let count = finding.left_out.max(1);
        match by_rule.iter_mut().find(|s| s.code == finding.rule.code) {
            Some(statistic) => {
                statistic.count += count;
                statistic.fixable |= fixable;
            }
            None => by_rule.push(Statistic {
                code: finding.rule.code,
                name: finding.rule.name,
                count,
                fixable,
            }),
        }
    }
    by_rule.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    by_rule
}

/// The table, columns aligned and separated by tabs (ruff's and Flake8's layout); the
/// `[*]`/`[ ]` column only when some rule is fixable.
pub fn render(report: &Report, unsafe_fixes: bool) -> String {
    let statistics = statistics(report, unsafe_fixes);
    let count_width = statistics.iter().map(|s| s.count.to_string().len()).max();
    let code_width = statistics.iter().map(|s| s.code.len()).max().unwrap_or(0);
    let any_fixable = statistics.iter().any(|s| s.fixable);
    statistics
        .iter()
        .map(|s| {
            let marker = match (any_fixable, s.fixable) {
                (false, _) => "",
                (true, true) => "[*] ",
                (true, false) => "[ ] ",
            };
            format!(
                "{:>count_width$}\t{:<code_width$}\t{marker}{}\n",
                s.count,
                s.code,
                s.name,
                count_width = count_width.unwrap_or(0)
            )
        })
        .collect()
}

/// The same, as a JSON array of `{code, name, count, fixable}` (ruff's keys).
pub fn render_json(report: &Report, unsafe_fixes: bool) -> String {
    let mut text = serde_json::to_string_pretty(&statistics(report, unsafe_fixes))
        .expect("codes, names, counts and booleans serialize");
    text.push('\n');
    text
}
