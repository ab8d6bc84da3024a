use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::cal::relative_start_year::is_relative_year;
use crate::rules::edits::missing_option_anchor_in;
use crate::rules::opt::shown_value;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// In `gimlint diff`, reports an option of the default calendar `[date-time]` or of a
    /// custom calendar `[date-time-*]` whose value changed between the export before and the
    /// export after the migration, was added, or was removed, except
    /// `date-time-min-days-ahead` and `date-time-max-days-ahead`, and a relative
    /// `date-time-start-year` replaced by an absolute year (the change CAL001 asks for).
    ///
    /// ## Why is this bad?
    /// GIM populates calendar tables once, at initialization, and only extends them later.
    /// Only the two `*-days-ahead` options may change afterwards: changing the time zone, the
    /// start year or the week numbering of a populated calendar makes its data
    /// inconsistent, with no error from GIM.
    ///
    /// ## Example
    /// Before:
    /// ```ini
    /// [date-time]
    /// date-time-tz=America/New_York
    /// ```
    /// After, the time zone changed:
    /// ```text
    /// [date-time]
    /// date-time-tz=UTC
    /// ```
    ///
    /// ## Fix
    /// Restore the value from before the migration. If the calendar really must change, plan
    /// it as its own project: the calendar tables must be repopulated.
    pub struct CalendarOptionChanged {
        code: "DIF001",
        name: "calendar-option-changed",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        needs: [BeforeExports],
        summary: "a `[date-time]`/`[date-time-*]` option other than the `*-days-ahead` ones changed between before and after",
        source: "https://enu.docs.genesys.com/Documentation/Options/latest/GIM/GIM-date-time",
    }
}

/// The calendar options that may change after initialization.
const MAY_CHANGE: &[&str] = &["date-time-min-days-ahead", "date-time-max-days-ahead"];

fn is_calendar(section: &str) -> bool {
    section == "date-time" || section.starts_with("date-time-")
}

/// Whether the change of `option` from `old` to `new` is a relative start year made
/// absolute, as Deployment step 2 requires.
fn is_start_year_made_absolute(option: &str, old: Option<&str>, new: Option<&str>) -> bool {
    option == "date-time-start-year"
        && matches!((old, new), (Some(old), Some(new)) if is_relative_year(old) && !is_relative_year(new))
}

impl Rule for CalendarOptionChanged {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(before) = ctx.before() else {
            return;
        };
        // Looked up once: one lookup in the documents per change would be quadratic.
        let (olds, news) = (before.doc.options_by_name(), app.doc.options_by_name());
        let sections = app.doc.sections_by_name();
        crate::model::diff::changes(before, app)
            .into_iter()
            .filter(|c| is_calendar(&c.section) && !MAY_CHANGE.contains(&c.option.as_str()))
            .filter_map(|change| {
                let key = (change.section.as_str(), change.option.as_str());
                let old = olds.get(&key).copied();
                let new = news.get(&key).copied();
                if is_start_year_made_absolute(&change.option, old.map(|o| o.value), new.map(|n| n.value)) {
                    return None;
                }
                let name = format!("[{}] {}", change.section, change.option);
                let (span, message) = match (old, new) {
                    (Some(o), Some(n)) => (n.value_span, format!("`{name}` changed from {} to {}", shown_value(o), shown_value(n))),
                    (None, Some(n)) => (n.name_span, format!("`{name}` was added after the migration")),
                    (Some(o), None) => (
                        missing_option_anchor_in(app, sections.get(key.0).copied(), key.0, key.1).0,
                        format!("`{name}` ({}) was removed after the migration", shown_value(o)),
                    ),
                    (None, None) => unreachable!("a change has a before or an after"),
                };
                Some(Finding::new(&Self::META, span, message)
                    .label("calendar option changed")
                    .help(format!("restore `{name}` as it was before: only the `*-days-ahead` options may change once a calendar is populated")))
            })
            .for_each(|finding| out.push(finding));
    }
}
