use super::{described_options, shown_value, value_problem};
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema::value::ValueProblem;

declare_rule! {
    /// ## What it does
    /// Reports an option whose value does not parse as the option's documented type: a
    /// boolean spelt `ture`, a number `1O`, a time `12:75`, a CRON schedule with three
    /// fields. The message shows the expected form. Types come from gimlint's schemas
    /// (`gimlint explain section/option`).
    ///
    /// A value with blanks around it is OPT006's, an empty value is left alone, and an
    /// option whose type no reachable source confirms is reported as a warning only.
    ///
    /// ## Why is this bad?
    /// Genesys applications do not reject a value they cannot read: they use the default
    /// instead, silently. `run-scheduler=ture` is a scheduler that does not run.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=ture
    /// aggregate-duration=12:75
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=true
    /// aggregate-duration=12:45
    /// ```
    ///
    /// ## Fix
    /// Write the value in the expected form.
    pub struct InvalidValue {
        code: "OPT010",
        name: "invalid-value",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "a value that does not parse as the option's type (`ture`, `12:75`)",
        source: "the option schemas under schemas/, each fact with its documentation URL",
    }
}

impl Rule for InvalidValue {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        described_options(ctx, app)
            .into_iter()
            .filter(|(option, found)| value_problem(option, found) == Some(ValueProblem::Invalid))
            .map(|(option, found)| {
                let mut finding = Finding::new(
                    &Self::META,
                    option.value_span,
                    format!(
                        "{} is not a valid value of `{}`: expected {}",
                        shown_value(option),
                        option.name,
                        found.option.ty.expected_form()
                    ),
                )
                .label(format!("not {}", found.option.ty.expected_form()))
                .help(format!(
                    "write {}; with a value it cannot read, the application uses the default{}",
                    found.option.ty.expected_form(),
                    found
                        .option
                        .default
                        .as_deref()
                        .map_or(String::new(), |d| format!(" (`{d}`)"))
                ));
                if !found.option.confirmed {
                    super::downgrade_unconfirmed(&mut finding);
                }
                finding
            })
            .for_each(|finding| out.push(finding));
    }
}
