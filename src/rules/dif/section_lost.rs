use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// In `gimlint diff`, reports a whole section that the export before the migration had
    /// and the export after does not, unless every option it held had its documented
    /// default value (then nothing is lost).
    ///
    /// ## Why is this bad?
    /// A section that disappears takes all its options with it: a custom calendar, a
    /// `[custom-states]` mapping, a log configuration. The procedure asks you to carry
    /// customizations over (Prerequisite 3, Deployment step 2).
    ///
    /// ## Example
    /// Before, a custom calendar:
    /// ```ini
    /// [date-time-fiscal]
    /// date-time-start-year=2016
    /// ```
    /// After, the section is gone.
    ///
    /// ## Fix
    /// Restore the section from the export before the migration.
    pub struct SectionLost {
        code: "DIF003",
        name: "section-lost",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        needs: [BeforeExports],
        summary: "a whole section present before is gone after",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 3 and Deployment step 2",
    }
}

impl Rule for SectionLost {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(before) = ctx.before() else {
            return;
        };
        let after = app.doc.sections_by_name();
        let mut reported = std::collections::BTreeSet::new();
        before
            .doc
            .sections
            .iter()
            .filter_map(|s| s.name.map(|n| (n, s)))
            .filter(|(name, section)| section.options.iter().any(|o| before.is_customized(name, o)))
            .map(|(name, section)| (name, section.options.len()))
            .filter(|(name, _)| !after.contains_key(name))
            .filter(|(name, _)| reported.insert(*name))
            .map(|(name, options)| {
                Finding::new(
                    &Self::META,
                    app.start_of_file(),
                    format!(
                        "section `[{name}]` ({}) was in the export before the migration and is gone",
                        crate::base::text::plural(options, "option")
                    ),
                )
                .label(format!("no `[{name}]` in this export"))
                .help(format!("restore `[{name}]` from the export before the migration, or note why it is no longer needed"))
            })
            .for_each(|finding| out.push(finding));
    }
}
