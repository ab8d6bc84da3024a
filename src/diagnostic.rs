//! What rules find: plain data, no formatting. The engine adds where each finding is
//! ([`Located`]), computed while its file's text is at hand, so that reporters need no text.

use crate::base::span::Span;
use crate::base::Severity;
use serde::Serialize;

mod located;
mod rule_meta;
pub use located::{Lines, Located, PlaceKey, Position, Range};
pub use rule_meta::{FixAvailability, Need, RuleMeta};

/// What a rule selector (`GIM001`, `GIM`, `duplicate-option`, `ALL`) stands for: the codes,
/// or an error that says why none. The layers below the rules (gimlint.toml, the
/// suppression comments of the model) are given this by the rules layer, which alone knows
/// the rules.
pub type RuleSelectors<'r> = &'r dyn Fn(&str) -> Result<Vec<&'static str>, String>;

/// One problem found in one file.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// Index of the file in [`crate::engine::Report::files`]; set by the runner.
    pub file: usize,
    /// The place the message is about.
    pub span: Span,
    /// Text shown under the primary span.
    pub label: Option<String>,
    /// Other places that matter ("first defined here").
    pub labels: Vec<Label>,
    /// What is wrong: a lowercase fragment, no trailing period, values quoted.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// When this finding stands for findings of its rule in its file that were not kept
    /// (past [`crate::engine::FINDINGS_KEPT_PER_RULE`]), how many: totals count them instead of it.
    pub left_out: usize,
    /// Where it is, as output shows it: set by the engine on the worker that checked its
    /// file (`None` until then; boxed, since rules move findings by value).
    pub located: Option<Box<Located>>,
}

/// A secondary labelled span.
#[derive(Clone, Debug, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// How far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Exactly what the procedure asks for: safe to apply without review.
    Safe,
    /// A starting point that a person must check (e.g. the right calendar year).
    Suggestion,
}

/// Byte edits on the decoded text that resolve a finding.
#[derive(Clone, Debug, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A suggestion that replaces the bytes of `span` with `replacement`.
    pub fn suggest_replacing(
        span: Span,
        replacement: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Fix {
            applicability: Applicability::Suggestion,
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// The same edits, as a suggestion that a person must review (`--unsafe-fixes`).
    pub fn as_suggestion(mut self) -> Self {
        self.applicability = Applicability::Suggestion;
        self
    }
}

/// Replace the bytes of `span` with `replacement` (an empty span inserts).
#[derive(Clone, Debug, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            file: 0,
            span,
            label: None,
            labels: Vec::new(),
            message: message.into(),
            help: None,
            fix: None,
            left_out: 0,
            located: None,
        }
    }

    /// Where the finding is, as output shows it (line 1, column 1, no place, for a finding
    /// the engine did not locate).
    pub fn located(&self) -> &Located {
        static NOWHERE: Located = Located::NOWHERE;
        self.located.as_deref().unwrap_or(&NOWHERE)
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: text.into(),
        });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// Where a rule puts its findings, each as soon as it is found. The runner filters and
/// bounds them as they come (see `FINDINGS_KEPT_PER_RULE`), so that a rule never holds all of
/// its findings at once: a file of millions of problems would otherwise need gigabytes before
/// any of them was left out.
pub struct Findings<'a> {
    keep: &'a mut dyn FnMut(Finding),
}

impl<'a> Findings<'a> {
    /// A sink that gives every finding pushed to `keep`.
    pub fn new(keep: &'a mut dyn FnMut(Finding)) -> Self {
        Findings { keep }
    }

    pub fn push(&mut self, finding: Finding) {
        (self.keep)(finding);
    }
}

impl Extend<Finding> for Findings<'_> {
    fn extend<I: IntoIterator<Item = Finding>>(&mut self, findings: I) {
        findings.into_iter().for_each(|finding| self.push(finding));
    }
}
