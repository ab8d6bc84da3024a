use crate::base::Severity;
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
    /// An option that the option schemas mark removed or replaced at or before the target
    /// release is not asked back (OPT016 asks to delete or rename it): nothing is said when
    /// it was removed, or when the export after sets its replacement; an info says so when
    /// the replacement is not set, since the setting was then carried nowhere.
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
                if !before.is_customized(name, option) {
                    continue;
                }
                let found = schema.and_then(|s| s.find(name, option.name));
                let (anchor, _) = missing_option_anchor_in(app, Some(after), name, option.name);
                let obsolete = found.and_then(|f| {
                    let removed = f.removed_by(&ctx.settings.target_release)?;
                    Some((removed, f.option.replaced_by.as_deref()))
                });
                match obsolete {
                    // The release deployed does not read it (OPT016 asks to delete it), or its
                    // replacement holds the setting now.
                    Some((_, None)) => continue,
                    Some((_, Some(new))) if options.contains_key(&(name, new)) => continue,
                    Some((removed, Some(new))) => {
                        let mut finding = Finding::new(
                            &Self::META,
                            anchor,
                            format!("`[{name}] {}` was {} before the migration and is gone, and `{new}`, which replaced it in {removed}, is not set: the setting was carried nowhere", option.name, shown_value(option)),
                        )
                        .label(format!("no `{new}` here"))
                        .help(format!("set `{new}` in `[{name}]` if the setting still holds, or note why its default is now right"));
                        // Dropping a replaced option is what the release asks for: only
                        // where its setting went is uncertain.
                        finding.severity = Severity::Info;
                        out.push(finding);
                        continue;
                    }
                    None => {}
                }
                let default = found.and_then(|f| f.option.default.as_deref());
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
