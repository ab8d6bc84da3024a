use crate::finding::Finding;
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports an option defined twice in the same section, including across repeated
    /// headers of that section.
    ///
    /// ## Why is this bad?
    /// A section holds one value per option name. With two definitions, which one an import
    /// keeps is not documented: the value you read may not be the value Genesys runs with.
    /// gimlint's own rules read the last definition. Option names are case-sensitive:
    /// `Verbose` and `verbose` are different options, not duplicates.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// run-scheduler=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Keep the definition you mean and delete the others.
    pub struct DuplicateOption {
        code: "OPT003",
        name: "duplicate-option",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "the same option name twice in one section",
        source: "GAX Help, CFG/CONF File Format (one `option-name=value` per option): https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt",
    }
}

impl Rule for DuplicateOption {
    fn check_options(&self, _ctx: &Context, app: &Application) -> Vec<Finding> {
        let mut first_seen = HashMap::new();
        let mut findings = Vec::new();
        for section in &app.doc.sections {
            for option in &section.options {
                let key = (section.name, option.name);
                let Some(&first) = first_seen.get(&key) else {
                    first_seen.insert(key, option.name_span);
                    continue;
                };
                let place = section.name.map_or_else(
                    || "before the first section".to_owned(),
                    |s| format!("in `[{s}]`"),
                );
                findings.push(
                    Finding::new(
                        &Self::META,
                        option.name_span,
                        format!("option `{}` is defined more than once {place}", option.name),
                    )
                    .label("defined again here")
                    .secondary(first, "first defined here")
                    .help("keep one definition and delete the others; which one an import keeps is not documented"),
                );
            }
        }
        findings
    }
}
