use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a `date-time-start-year` option, in `[date-time]` or in any custom calendar
    /// section `[date-time-*]`, whose value is a year relative to today (`-1`, `+1`, `0`)
    /// instead of an absolute year such as `2019`.
    ///
    /// ## Why is this bad?
    /// Since release 8.1, Genesys Info Mart no longer accepts relative values for the start
    /// of calendar dimensions. A relative value left over from an older release makes GIM's
    /// configuration check fail when the server starts after the upgrade, in the middle of
    /// the migration window.
    ///
    /// ## Example
    /// ```ini
    /// [date-time]
    /// date-time-start-year=-1
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [date-time]
    /// date-time-start-year=2019
    /// ```
    ///
    /// ## Fix
    /// Replace the relative value with the absolute year the calendar starts in. gimlint
    /// suggests the year the relative value means today, but the right year is the one the
    /// calendar was first populated from (it was computed when the calendar was
    /// initialized, possibly years ago): check the earliest year in that calendar's table
    /// before you apply it.
    pub struct RelativeStartYear {
        code: "CAL001",
        name: "relative-start-year",
        severity: Error,
        fix: Suggestion,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["date-time/date-time-start-year"],
        summary: "`date-time-start-year` in `[date-time]` or `[date-time-*]` is not an absolute year",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 2",
    }
}

/// The smallest value read as an absolute year; smaller numbers are offsets from today.
const FIRST_ABSOLUTE_YEAR: i64 = 1000;

/// Whether a `date-time-start-year` value is relative: a signed number, or one too small to
/// be a year. Values that are not numbers are left to OPT010.
pub fn is_relative_year(value: &str) -> bool {
    parse_int(value).is_some_and(|year| value.starts_with(['-', '+']) || year < FIRST_ABSOLUTE_YEAR)
}

impl Rule for RelativeStartYear {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        for section in &app.doc.sections {
            let Some(name) = section.name else { continue };
            if name != "date-time" && !name.starts_with("date-time-") {
                continue;
            }
            for option in section
                .options
                .iter()
                .filter(|o| o.name == "date-time-start-year")
            {
                let Some(year) = parse_int(option.value).filter(|_| is_relative_year(option.value))
                else {
                    continue;
                };
                let today = i64::from(ctx.settings.current_year);
                // An offset too large to be a year gets no suggestion.
                let Some(meant) = today
                    .checked_add(year)
                    .filter(|y| (FIRST_ABSOLUTE_YEAR..=9999).contains(y))
                else {
                    out.push(
                        Finding::new(
                            &Self::META,
                            option.value_span,
                            format!("`date-time-start-year={}` in `[{name}]` is not an absolute year", option.value),
                        )
                        .label("not a year")
                        .help("replace it with the absolute year this calendar starts in: the first year the calendar was populated from"),
                    );
                    continue;
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        option.value_span,
                        format!(
                            "`date-time-start-year={}` in `[{name}]` is a relative year; since release 8.1 it must be an absolute year",
                            option.value
                        ),
                    )
                    .label("relative year")
                    .help(format!(
                        "replace it with the absolute year this calendar starts in: in {today}, `{}` means {meant}, but the right year is the one the calendar was first populated from, so check the earliest year in its table first",
                        option.value
                    ))
                    .fix(Fix::suggest_replacing(option.value_span, meant.to_string(), format!("set `date-time-start-year={meant}` (check the year first)"))),
                );
            }
        }
    }
}
