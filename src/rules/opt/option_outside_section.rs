use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an option line that comes before any `[section]` header.
    ///
    /// ## Why is this bad?
    /// Every Genesys option belongs to a section: the export lists a section name in square
    /// brackets and then that section's options. An option before the first header belongs
    /// to no section, so an import either rejects it or drops it, and the setting you meant
    /// is never applied.
    ///
    /// ## Example
    /// ```ini
    /// run-scheduler=false
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
    /// Move the option under the header of the section it belongs to.
    pub struct OptionOutsideSection {
        code: "OPT004",
        name: "option-outside-section",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "`name=value` before any section header",
        source: "GAX Help, CFG/CONF File Format: https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt",
    }
}

impl Rule for OptionOutsideSection {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        app.doc
            .sections
            .iter()
            .filter(|s| s.name.is_none())
            .flat_map(|s| &s.options)
            .map(|option| {
                Finding::new(
                    &Self::META,
                    option.name_span,
                    format!("option `{}` is not in any section", option.name),
                )
                .label("before the first `[section]` header")
                .help("move it under the `[section]` header it belongs to")
            })
            .for_each(|finding| out.push(finding));
    }
}
