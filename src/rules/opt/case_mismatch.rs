use super::view;
use crate::base::span::Span;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema;

declare_rule! {
    /// ## What it does
    /// Reports a section or an option whose name differs from a documented one only by
    /// case: `[Schedule]`, `Run-Scheduler`, WFM's `autoCleanupTimeout`.
    ///
    /// ## Why is this bad?
    /// Genesys section and option names are case-sensitive. `Run-Scheduler=false` is not
    /// `run-scheduler`: the application never reads it and runs with the default, while the
    /// export looks right to a reader.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-aggregates=false
    /// Run-Scheduler=false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-aggregates=false
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Write the name as documented; the suggested fix renames it (check that the right
    /// spelling is not also defined).
    pub struct CaseMismatch {
        code: "OPT014",
        name: "option-case-mismatch",
        severity: Error,
        fix: Suggestion,
        applies_to: &[],
        phase: None,
        summary: "a section or option that differs from a documented one only by case (Genesys ignores it)",
        source: "GAX Help: configuration options are case-sensitive, https://docs.genesys.com/Documentation/GA/latest/user/OptionMgmt",
    }
}

fn rename(span: Span, what: &str, to: &str) -> Fix {
    Fix::suggest_replacing(span, to.to_owned(), format!("rename {what} to `{to}`"))
}

impl Rule for CaseMismatch {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(schema) = schema::for_kind(app.kind) else {
            return;
        };
        let view = view(ctx, app);
        for ((section, described), found) in app
            .doc
            .sections
            .iter()
            .zip(&view.sections)
            .zip(&view.options)
        {
            let Some(name) = section.name else { continue };
            let Some(described) = described else {
                let documented = schema
                    .own_section_names()
                    .find(|known| known.eq_ignore_ascii_case(name));
                if let Some(documented) = documented {
                    out.push(
                        Finding::new(
                            &Self::META,
                            section.name_span,
                            format!("section `[{name}]` is not `[{documented}]`: names are case-sensitive, so it is never read"),
                        )
                        .label(format!("not `{documented}`"))
                        .help(format!("rename the section to `[{documented}]`"))
                        .fix(rename(section.name_span, "the section", documented)),
                    );
                }
                continue;
            };
            for (option, found) in section.options.iter().zip(found) {
                if found.is_some() {
                    continue;
                }
                let Some(documented) = described
                    .own_option_names()
                    .find(|known| known.eq_ignore_ascii_case(option.name))
                else {
                    continue;
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        option.name_span,
                        format!("option `{}` is not `{documented}`: names are case-sensitive, so it is never read", option.name),
                    )
                    .label(format!("not `{documented}`"))
                    .help(format!("rename the option to `{documented}`"))
                    .fix(rename(option.name_span, "the option", documented)),
                );
            }
        }
    }
}
