use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::missing_option_anchor_in;
use crate::rules::opt::shown_value;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema;

declare_rule! {
    /// ## What it does
    /// In `gimlint diff`, reports an option that the export before the migration set to a
    /// value other than its documented default, and that the export after does not have.
    /// An option whose default gimlint does not know counts as customized.
    ///
    /// ## Why is this bad?
    /// The installation can overwrite an application's configuration: the procedure asks
    /// you to note every customization before the upgrade (Prerequisite 3) and to carry it
    /// over afterwards (Deployment step 2). A customization that is simply gone takes its
    /// default value back without anyone deciding it.
    ///
    /// ## Example
    /// Before:
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-gidb-facts=30
    /// ```
    /// After, the option is gone (the default, 14 days, applies again):
    /// ```text
    /// [gim-etl]
    /// ```
    ///
    /// ## Fix
    /// Set the option again, or note why the default is now right.
    pub struct CustomizationLost {
        code: "DIF002",
        name: "customization-lost",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        needs: [BeforeExports],
        summary: "an option that held a non-default value before is absent after",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 3 and Deployment step 2",
    }
}

impl Rule for CustomizationLost {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(before) = ctx.before() else {
            return;
        };
        let schema = schema::for_kind(before.kind);
        // Looked up once: a lookup in `app` per option of `before` would be quadratic.
        let (sections, options) = (app.doc.sections_by_name(), app.doc.options_by_name());
        for section in &before.doc.sections {
            let Some(name) = section.name else { continue };
            let Some(&after) = sections.get(name) else {
                continue; // DIF003 reports the whole section
            };
            for option in &section.options {
                if options.contains_key(&(name, option.name)) {
                    continue;
                }
                let default = schema
                    .and_then(|s| s.find(name, option.name))
                    .and_then(|f| f.option.default.as_deref());
                if !before.is_customized(name, option) {
                    continue;
                }
                let (anchor, _) = missing_option_anchor_in(app, Some(after), name, option.name);
                let default_words =
                    default.map_or("its default".to_owned(), |d| format!("its default `{d}`"));
                out.push(
                    Finding::new(
                        &Self::META,
                        anchor,
                        format!("`[{name}] {}` was {} before the migration and is gone: {default_words} applies again", option.name, shown_value(option)),
                    )
                    .label(format!("no `{}` here any more", option.name))
                    .help(format!("set `{}` again in `[{name}]`, or note why the default is now right", option.name)),
                );
            }
        }
    }
}
