use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::parse::options::OptionEntry;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a WFM Server `[ETL] DayChunk` (7 by default) that is not less than
    /// `DaysBack + DaysAhead` (14 each by default), when one of the three is set.
    ///
    /// ## Why is this bad?
    /// `DayChunk` is the number of days the ETL process handles in one transaction, out of
    /// the `DaysBack + DaysAhead` days it covers. The option page says it "should be less
    /// than (DaysBack + DaysAhead)": a chunk that covers the whole range or more defeats the
    /// chunking.
    ///
    /// ## Example
    /// ```ini
    /// [ScheduleService]
    /// AutoCleanupTimeout=0
    ///
    /// [ETL]
    /// DayChunk=14
    /// DaysBack=7
    /// DaysAhead=7
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [ScheduleService]
    /// AutoCleanupTimeout=0
    ///
    /// [ETL]
    /// DayChunk=7
    /// DaysBack=7
    /// DaysAhead=7
    /// ```
    ///
    /// ## Fix
    /// Lower `DayChunk` below `DaysBack + DaysAhead`, or widen the range.
    pub struct EtlDayChunkTooLarge {
        code: "WFM004",
        name: "etl-day-chunk-too-large",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::WfmServer],
        phase: None,
        options: ["ETL/DayChunk", "ETL/DaysBack", "ETL/DaysAhead"],
        summary: "WFM Server `[ETL] DayChunk` is not less than `DaysBack + DaysAhead`",
        source: "WFM Administrator's Guide, ETL database options (DayChunk: Dependencies: Should be less than (DaysBack+ DaysAhead)): https://docs.genesys.com/Documentation/WM/latest/Admin/ETLDB",
    }
}

/// The documented defaults (same page).
const DAY_CHUNK_DEFAULT: i64 = 7;
const DAYS_BACK_DEFAULT: i64 = 14;
const DAYS_AHEAD_DEFAULT: i64 = 14;

impl Rule for EtlDayChunkTooLarge {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let chunk = app.option("ETL", "DayChunk");
        let back = app.option("ETL", "DaysBack");
        let ahead = app.option("ETL", "DaysAhead");
        // A value that is not a number is OPT010's: the rule does not guess.
        let days = |option: Option<&OptionEntry>, default| match option {
            Some(o) => parse_int(o.value),
            None => Some(default),
        };
        let (Some(chunk_days), Some(back_days), Some(ahead_days)) = (
            days(chunk, DAY_CHUNK_DEFAULT),
            days(back, DAYS_BACK_DEFAULT),
            days(ahead, DAYS_AHEAD_DEFAULT),
        ) else {
            return;
        };
        let range = back_days.saturating_add(ahead_days);
        if chunk_days < range {
            return;
        }
        let Some(anchor) = chunk.or(back).or(ahead) else {
            return;
        };
        let mut finding = Finding::new(
            &Self::META,
            anchor.value_span,
            format!("`DayChunk` is {chunk_days}, not less than `DaysBack + DaysAhead` ({back_days} + {ahead_days} = {range})"),
        )
        .label(if chunk.is_some() {
            "the chunk covers the whole range"
        } else {
            "leaves the range no larger than `DayChunk`"
        })
        .help(format!("set `DayChunk` below {range}, or widen `DaysBack`/`DaysAhead`"));
        for other in [back, ahead].into_iter().flatten() {
            if !std::ptr::eq(other, anchor) {
                finding = finding.secondary(other.value_span, "part of the range");
            }
        }
        out.push(finding);
    }
}
