use super::{described_options, value_problem};
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema::value::ValueProblem;

declare_rule! {
    /// ## What it does
    /// Reports a number outside the documented range of its option, for example
    /// `delayed-data-threshold` outside 60–3600 seconds, `days-to-keep-gdpr-history` above
    /// 30, or a `date-time-max-days-ahead` that is not positive.
    ///
    /// ## Why is this bad?
    /// Out of range, the value is rejected or clamped at run time, and the behaviour you
    /// configured (a retention period, an alarm threshold) is not the one you get.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// delayed-data-threshold=30
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// delayed-data-threshold=60
    /// ```
    ///
    /// ## Fix
    /// Choose a value inside the range the message gives.
    pub struct ValueOutOfRange {
        code: "OPT012",
        name: "value-out-of-range",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "a number outside the option's documented range",
        source: "the option schemas under schemas/, each fact with its documentation URL",
    }
}

impl Rule for ValueOutOfRange {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        described_options(ctx, app)
            .into_iter()
            .filter_map(|(option, found)| {
                let Some(ValueProblem::OutOfRange { number }) = value_problem(option, &found)
                else {
                    return None;
                };
                let range = match (found.option.min, found.option.max) {
                    (Some(min), Some(max)) => format!("from {min} to {max}"),
                    (Some(min), None) => format!("at least {min}"),
                    (None, Some(max)) => format!("at most {max}"),
                    (None, None) => "in range".to_owned(),
                };
                let mut finding = Finding::new(
                    &Self::META,
                    option.value_span,
                    format!(
                        "`{}={number}` is out of range: the value must be {range}",
                        option.name
                    ),
                )
                .label(format!("must be {range}"))
                .help(format!("choose a value {range}"));
                if !found.option.confirmed {
                    super::downgrade_unconfirmed(&mut finding);
                }
                Some(finding)
            })
            .for_each(|finding| out.push(finding));
    }
}
