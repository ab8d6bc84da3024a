//! Checking one file: its rules, then what removes findings, then the `SUP` rules, with at
//! most [`FINDINGS_KEPT_PER_RULE`] findings kept of a rule in a file.

use super::suppress::{ConfigSuppression, FileFilter, PathIgnores};
use crate::base::Span;
use crate::diagnostic::{Finding, Findings, RuleMeta};
use crate::model::FileModel;
use crate::rules;
use std::path::PathBuf;

/// Checks one file: its rules, severity overrides, path ignores, gimlint.toml's
/// `[[suppress]]` entries, inline suppressions, then the `SUP` rules on what the
/// suppressions did. (Secrets are scrubbed from the messages of the whole run at its end,
/// when every secret of the run is known.) Last, each finding is located (see
/// [`super::locate`]), while the text is at hand.
pub(super) fn check_one(
    file: &FileModel,
    ctx: &rules::Context,
    canonical: Option<&PathBuf>,
    path_ignores: &PathIgnores,
    entries: &[ConfigSuppression],
) -> FileCheck {
    let settings = ctx.settings;
    let mut filter = FileFilter::new(file, canonical, path_ignores, entries, settings);
    let mut found = Vec::new();
    rules::check_file(file, ctx, rules::Stage::Findings, |check| {
        let mut bounded = Bounded::new(&mut found);
        // Every finding goes through the filter, so that a suppression it uses is not
        // called unused, even past the findings kept.
        check(&mut Findings::new(&mut |finding| {
            if filter.keeps(&finding) {
                bounded.push(finding);
            }
        }));
        bounded.finish();
    });
    if settings.use_suppressions {
        let ctx = rules::Context {
            suppression_use: Some(&filter.suppression_use),
            ..*ctx
        };
        let ignored = &filter.ignored;
        rules::check_file(file, &ctx, rules::Stage::Suppressions, |check| {
            let mut bounded = Bounded::new(&mut found);
            check(&mut Findings::new(&mut |finding| {
                if !ignored.contains(finding.rule.code) {
                    bounded.push(finding);
                }
            }));
            bounded.finish();
        });
    }
    for finding in &mut found {
        if let Some(severity) = settings.severity.get(finding.rule.code) {
            finding.severity = *severity;
        }
    }
    let mut lines = super::locate::locate(file, &mut found);
    // Held until every file is checked: without the room left by growing them (a file of
    // one finding would hold four).
    found.shrink_to_fit();
    lines.shrink_to_fit();
    FileCheck {
        found,
        entries_used: filter.entries_used.into_iter().collect(),
        lines,
    }
}

/// How many findings of one rule gimlint keeps for one file. Past it, findings are counted,
/// not kept, and one finding says how many more there are: a file of a million repeated
/// options would otherwise hold a million findings, and their output, in memory.
pub const FINDINGS_KEPT_PER_RULE: usize = 1_000;

/// What is kept of one rule's findings in one file, as the rule pushes them: the first
/// [`FINDINGS_KEPT_PER_RULE`], then only a count and where the first left out is, so that
/// nothing past the limit is ever stored.
pub(super) struct Bounded<'k> {
    pub(super) kept: &'k mut Vec<Finding>,
    pub(super) kept_of_rule: usize,
    /// How many were left out, and the rule and span of the first.
    pub(super) left_out: Option<(usize, &'static RuleMeta, Span)>,
}

impl<'k> Bounded<'k> {
    /// Keeps the rule's findings at the end of `kept`.
    fn new(kept: &'k mut Vec<Finding>) -> Self {
        Bounded {
            kept,
            kept_of_rule: 0,
            left_out: None,
        }
    }

    fn push(&mut self, finding: Finding) {
        if self.kept_of_rule < FINDINGS_KEPT_PER_RULE {
            self.kept.push(finding);
            self.kept_of_rule += 1;
        } else {
            self.left_out
                .get_or_insert((0, finding.rule, finding.span))
                .0 += 1;
        }
    }

    /// After the rule's last finding: when some were left out, one finding where the first
    /// left out is, saying how many.
    fn finish(self) {
        let Some((count, rule, span)) = self.left_out else {
            return;
        };
        let (findings, are) = if count == 1 {
            ("finding", "is")
        } else {
            ("findings", "are")
        };
        let mut more = Finding::new(
            rule,
            span,
            format!(
                "{count} more {} {findings} in this file {are} not shown",
                rule.code
            ),
        )
        .label(format!(
            "the first of {count} more {} {findings}",
            rule.code
        ))
        .help(format!(
            "gimlint reports at most {FINDINGS_KEPT_PER_RULE} findings of a rule in a file; fix \
             these (`--fix` fixes those shown) and run it again, or ignore {} for this file",
            rule.code
        ));
        // It counts as the findings it stands for, so that totals are those of the file.
        more.left_out = count;
        self.kept.push(more);
    }
}

/// What checking one file gave: its findings after ignores and suppressions, located,
/// which `[[suppress]]` entries of gimlint.toml were used, and the lines of the file its
/// findings show.
pub(super) struct FileCheck {
    pub(super) found: Vec<Finding>,
    pub(super) entries_used: Vec<usize>,
    pub(super) lines: Vec<crate::diagnostic::Lines>,
}
