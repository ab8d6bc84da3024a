use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports a `[section]` header that appears more than once in one file.
    ///
    /// ## Why is this bad?
    /// One export describes the options of one configuration object, and Configuration
    /// Server keeps one key/value list per section. What an import does with a repeated
    /// section is not documented: options may be merged, overwritten or rejected, so the
    /// configuration you get is not the one you read. Section names are case-sensitive:
    /// `[Log]` and `[log]` are two different sections, not duplicates.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    ///
    /// [schedule]
    /// run-aggregates=false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// run-aggregates=false
    /// ```
    ///
    /// ## Fix
    /// Move the options of the repeated section into the first one and delete the repeated
    /// header.
    pub struct DuplicateSection {
        code: "OPT002",
        name: "duplicate-section",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "the same `[section]` twice in one file",
        source: "GAX Help, Bulk Provisioning of Configuration Options (one object per file): https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt",
    }
}

impl Rule for DuplicateSection {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let mut first_seen = HashMap::new();
        for section in &app.doc.sections {
            let Some(name) = section.name else { continue };
            match first_seen.get(name) {
                None => {
                    first_seen.insert(name, section.name_span);
                }
                Some(&first) => out.push(
                    Finding::new(
                        &Self::META,
                        section.name_span,
                        format!("section `[{name}]` is defined more than once"),
                    )
                    .label("defined again here")
                    .secondary(first, "first defined here")
                    .help(format!(
                        "move these options into the first `[{name}]` section and delete this header"
                    )),
                ),
            }
        }
    }
}
