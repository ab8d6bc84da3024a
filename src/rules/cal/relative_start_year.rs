use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::parse::options::OptionEntry;
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
    /// Replace the relative value with the absolute year the calendar starts in: the year
    /// it was first populated from (computed when the calendar was initialized, possibly
    /// years ago), not the year the relative value means today. Where the file states that
    /// year, gimlint suggests it (with `--unsafe-fixes`): from the calendar's own
    /// `fiscal-year-start` (`2016-07-01` → `2016`), else from `[date-time]`'s absolute
    /// `date-time-start-year` or its `fiscal-year-start`, else from the absolute
    /// `date-time-start-year` of another calendar section. Otherwise it offers no fix, only
    /// help: check the earliest year in that calendar's table.
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

/// The start year an export shows for a calendar, and the option that shows it.
struct StartEvidence<'a> {
    year: i64,
    section: &'a str,
    option: &'a OptionEntry<'a>,
}

/// The year a `fiscal-year-start` date begins with (`2016-07-01` → 2016); `None` for any
/// other form, which states no year.
fn year_of_date(value: &str) -> Option<i64> {
    let (year, rest) = value.split_at_checked(4)?;
    let year = year
        .parse::<i64>()
        .ok()
        .filter(|y| *y >= FIRST_ABSOLUTE_YEAR)?;
    (rest.is_empty() || rest.starts_with('-')).then_some(year)
}

/// The absolute year an option states: `date-time-start-year=2016`, or the year of
/// `fiscal-year-start=2016-07-01`.
fn stated_year(option: &OptionEntry) -> Option<i64> {
    match option.name {
        "date-time-start-year" if !is_relative_year(option.value) => {
            parse_int(option.value).filter(|y| (FIRST_ABSOLUTE_YEAR..=9999).contains(y))
        }
        "fiscal-year-start" => year_of_date(option.value),
        _ => None,
    }
}

/// The start year the file itself shows for calendar `section`, most telling first: the
/// calendar's own `fiscal-year-start`, then the absolute `date-time-start-year` and the
/// `fiscal-year-start` of `[date-time]`, then the absolute `date-time-start-year` of
/// another calendar (Job_InitializeGIM populates every calendar at once). Options such as
/// `date-time-min-days-ahead` are counted from today and state no start year.
fn start_evidence<'a>(app: &'a Application, section: &'a str) -> Option<StartEvidence<'a>> {
    let in_section = |name: &'a str, option: &'static str| {
        let entry = app.option(name, option)?;
        Some(StartEvidence {
            year: stated_year(entry)?,
            section: name,
            option: entry,
        })
    };
    let mut other_calendars = app.doc.sections.iter().filter_map(|s| {
        let name = s.name.filter(|n| *n != section && is_calendar(n))?;
        in_section(name, "date-time-start-year")
    });
    in_section(section, "fiscal-year-start")
        .or_else(|| in_section("date-time", "date-time-start-year"))
        .or_else(|| in_section("date-time", "fiscal-year-start"))
        .or_else(|| other_calendars.next())
}

/// `[date-time]` or a custom calendar `[date-time-*]`.
fn is_calendar(section: &str) -> bool {
    section == "date-time" || section.starts_with("date-time-")
}

impl Rule for RelativeStartYear {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        for section in &app.doc.sections {
            let Some(name) = section.name.filter(|n| is_calendar(n)) else {
                continue;
            };
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
                // An offset too large to be a year means no year.
                let meant = today
                    .checked_add(year)
                    .filter(|y| (FIRST_ABSOLUTE_YEAR..=9999).contains(y));
                let finding = match meant {
                    None => Finding::new(
                        &Self::META,
                        option.value_span,
                        format!("`date-time-start-year={}` in `[{name}]` is not an absolute year", option.value),
                    )
                    .label("not a year"),
                    Some(_) => Finding::new(
                        &Self::META,
                        option.value_span,
                        format!(
                            "`date-time-start-year={}` in `[{name}]` is a relative year; since release 8.1 it must be an absolute year",
                            option.value
                        ),
                    )
                    .label("relative year"),
                };
                // The year the relative value means today is when the check runs, not when
                // the calendar was initialized: only a year the file states is suggested.
                let finding = match start_evidence(app, name) {
                    Some(evidence) => {
                        let shown = format!("`[{}] {}={}`", evidence.section, evidence.option.name, evidence.option.value);
                        finding
                            .secondary(evidence.option.value_span, format!("the calendar starts in {}", evidence.year))
                            .help(format!("replace it with the absolute year this calendar starts in: {shown} says {}", evidence.year))
                            .fix(Fix::suggest_replacing(
                                option.value_span,
                                evidence.year.to_string(),
                                format!("set `date-time-start-year={}` (the year of {shown})", evidence.year),
                            ))
                    }
                    None => finding.help(match meant {
                        Some(meant) => format!(
                            "replace it with the absolute year this calendar starts in: in {today}, `{}` means {meant}, but the right year is the one the calendar was first populated from, so check the earliest year in its table first",
                            option.value
                        ),
                        None => "replace it with the absolute year this calendar starts in: the first year the calendar was populated from".to_owned(),
                    }),
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::year_of_date;

    /// Only a date that starts with a four-digit year states one.
    #[test]
    fn a_fiscal_year_start_states_a_year_only_as_a_date() {
        assert_eq!(year_of_date("2016-07-01"), Some(2016));
        assert_eq!(year_of_date("2016"), Some(2016));
        for value in [
            "07-01",
            "July 1",
            "20160701",
            "+201-07-01",
            "0999-07-01",
            "",
            "2016/07/01",
        ] {
            assert_eq!(year_of_date(value), None, "{value}");
        }
    }
}
