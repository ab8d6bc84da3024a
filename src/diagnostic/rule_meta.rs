//! What a rule is, apart from its check: the metadata every finding points to.

use crate::base::{AppKind, Phase, Severity};
use serde::Serialize;

/// Whether a rule's findings carry a fix, and how far it can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    No,
    /// A suggested edit that a person must check.
    Suggestion,
    /// The exact edit.
    Yes,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::No => "no",
            FixAvailability::Suggestion => "suggestion",
            FixAvailability::Yes => "yes",
        }
    }
}

/// Something besides the exports that a rule cannot check without.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// gimlint.toml's topology (connections, pairs), declaring the application checked.
    Topology,
    /// The exports from before the migration, which only `gimlint diff` reads.
    BeforeExports,
    /// The installation package's attached-data specification (`--adata-reference`).
    AdataReference,
}

/// Everything about a rule except its check: feeds `rules`, `explain`, docs/rules and the
/// reporters.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, never reused: `GIM001`.
    pub code: &'static str,
    /// Kebab-case name of the problem: `scheduler-running-during-migration`.
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One line for the `rules` table.
    pub summary: &'static str,
    /// The procedure step or documentation the rule comes from.
    pub source: &'static str,
    /// The kinds of file the rule checks; empty for every option export.
    pub applies_to: &'static [AppKind],
    /// The migration phase the rule runs in; `None` for both.
    pub phase: Option<Phase>,
    /// Whether the check reads other files of the run (the project, beyond the file it
    /// checks). A file that no such rule checks is checked as soon as it is modelled, and its
    /// model dropped. (The `DIF` rules read the files from before the migration, which only
    /// `gimlint diff` has, and it keeps every model.)
    pub reads_other_files: bool,
    /// Whether the rule reports on the suppressions themselves, and so runs once they have
    /// removed what they cover (the `SUP` rules), and not at all with `--no-suppressions`.
    pub after_suppressions: bool,
    /// What the rule needs besides the exports of the run: without it, it finds nothing,
    /// and the readiness report says that its check did not run.
    pub needs: &'static [Need],
    /// The options the rule reads, as `section/option`, for `gimlint explain section/option`.
    pub options: &'static [&'static str],
    /// The rule's doc comment (Markdown, one leading space per line, as rustdoc keeps it).
    pub doc_comment: &'static str,
}

impl RuleMeta {
    /// The rule's documentation as Markdown.
    pub fn doc(&self) -> String {
        self.doc_comment
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    }

    /// Whether the rule checks files of `kind`: the kinds `applies_to` names, or every
    /// option export when it names none (never a specification, nor gimlint.toml).
    pub fn checks(&self, kind: AppKind) -> bool {
        if self.applies_to.is_empty() {
            !matches!(kind, AppKind::AdataSpec | AppKind::GimlintToml)
        } else {
            self.applies_to.contains(&kind)
        }
    }

    /// Link to the rule's documentation page.
    pub fn url(&self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.code
        )
    }
}
