use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a custom calendar section `[date-time-*]` that lacks an option the default
    /// calendar `[date-time]` sets. `date-time-min-days-ahead` and
    /// `date-time-max-days-ahead` are not required, since they only decide how far ahead
    /// calendars are populated.
    ///
    /// ## Why is this bad?
    /// A custom calendar is configured by a section with the same options as `[date-time]`.
    /// An option left out takes its default in that calendar only (a different time zone,
    /// start year or first day of week), so the two calendars disagree, and once populated
    /// they cannot be changed safely.
    ///
    /// ## Example
    /// ```ini
    /// [date-time]
    /// date-time-start-year=2016
    /// date-time-tz=America/New_York
    /// [date-time-fiscal]
    /// date-time-start-year=2016
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [date-time]
    /// date-time-start-year=2016
    /// date-time-tz=America/New_York
    /// [date-time-fiscal]
    /// date-time-start-year=2016
    /// date-time-tz=America/New_York
    /// ```
    ///
    /// ## Fix
    /// Add the missing options to the custom calendar, with the values that calendar needs.
    pub struct CalendarOptionsDiffer {
        code: "GIM013",
        name: "calendar-options-differ",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        summary: "a `[date-time-*]` calendar lacks an option that `[date-time]` sets",
        source: "https://enu.docs.genesys.com/Documentation/Options/latest/GIM/GIM-date-time",
    }
}

/// Options that may differ between calendars (they only decide how far ahead to populate).
const MAY_DIFFER: &[&str] = &["date-time-min-days-ahead", "date-time-max-days-ahead"];

impl Rule for CalendarOptionsDiffer {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        // Every option of the default calendar once, however many `[date-time]` headers hold
        // it (a repeated header is OPT002's).
        let mut seen = std::collections::HashSet::new();
        let default_options: Vec<_> = app
            .doc
            .sections_named("date-time")
            .flat_map(|s| &s.options)
            .filter(|o| seen.insert(o.name))
            .collect();
        for custom in &app.doc.sections {
            let Some(name) = custom.name.filter(|n| n.starts_with("date-time-")) else {
                continue;
            };
            for option in &default_options {
                if MAY_DIFFER.contains(&option.name) || app.option(name, option.name).is_some() {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        custom.name_span,
                        format!(
                            "calendar `[{name}]` does not set `{}`, which `[date-time]` sets",
                            option.name
                        ),
                    )
                    .label(format!("no `{}`", option.name))
                    .secondary(option.name_span, "set for the default calendar")
                    .help(format!(
                        "add `{}` to `[{name}]` with the value this calendar needs",
                        option.name
                    )),
                );
            }
        }
    }
}
