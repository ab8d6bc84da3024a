use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports, when `[gim-etl-populate] populate-thread-facts` is true, a
    /// `[gim-etl] max-thread-duration-after-inactive-in-days` (31 by default) that is not
    /// greater than `[gim-etl] days-to-keep-active-facts` (30 by default). Set or not, each
    /// option counts with its value or its default; the rule speaks only when one of them is
    /// set.
    ///
    /// ## Why is this bad?
    /// The documentation allows only "any positive integer greater than
    /// days-to-keep-active-facts": a thread must be allowed to stay open longer than the
    /// active facts it is built from are kept. The option matters only when thread facts are
    /// populated, which is why the rule is silent otherwise.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-active-facts=45
    ///
    /// [gim-etl-populate]
    /// populate-thread-facts=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-active-facts=45
    /// max-thread-duration-after-inactive-in-days=46
    ///
    /// [gim-etl-populate]
    /// populate-thread-facts=true
    /// ```
    ///
    /// ## Fix
    /// Raise `max-thread-duration-after-inactive-in-days` above `days-to-keep-active-facts`,
    /// or lower the latter.
    pub struct ThreadDurationTooShort {
        code: "GIM016",
        name: "thread-duration-too-short",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: [
            "gim-etl/max-thread-duration-after-inactive-in-days",
            "gim-etl/days-to-keep-active-facts",
            "gim-etl-populate/populate-thread-facts",
        ],
        summary: "with thread facts populated, `max-thread-duration-after-inactive-in-days` is not greater than `days-to-keep-active-facts`",
        source: "Genesys Info Mart User's Guide, Populating interactions (Valid Values: any positive integer greater than days-to-keep-active-facts; Dependencies: populate-thread-facts=true): https://docs.genesys.com/Documentation/GIM/latest/User/GIMPopIxn",
    }
}

/// The documented defaults (same page, and the GIM options reference for the active facts).
const THREAD_DURATION_DEFAULT: i64 = 31;
const ACTIVE_FACTS_DEFAULT: i64 = 30;

impl Rule for ThreadDurationTooShort {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        if app
            .option_set_to("gim-etl-populate", "populate-thread-facts", true)
            .is_none()
        {
            return;
        }
        let thread = app.option("gim-etl", "max-thread-duration-after-inactive-in-days");
        let active = app.option("gim-etl", "days-to-keep-active-facts");
        // A value that is not a number is OPT010's; the rule does not guess.
        let value = |option: Option<&crate::parse::options::OptionEntry>, default| match option {
            Some(o) => parse_int(o.value),
            None => Some(default),
        };
        let (Some(thread_days), Some(active_days)) = (
            value(thread, THREAD_DURATION_DEFAULT),
            value(active, ACTIVE_FACTS_DEFAULT),
        ) else {
            return;
        };
        if thread_days > active_days {
            return;
        }
        let shown = |option: Option<&crate::parse::options::OptionEntry>, default: i64| {
            option.map_or(format!("{default} (the default)"), |o| o.value.to_owned())
        };
        let message = format!(
            "`max-thread-duration-after-inactive-in-days` is {}, not greater than `days-to-keep-active-facts` ({})",
            shown(thread, THREAD_DURATION_DEFAULT),
            shown(active, ACTIVE_FACTS_DEFAULT)
        );
        let help = format!(
            "set `max-thread-duration-after-inactive-in-days` to more than {active_days}, or lower `days-to-keep-active-facts`"
        );
        let finding = match (thread, active) {
            (Some(thread), Some(active)) => Finding::new(&Self::META, thread.value_span, message)
                .label("must be greater")
                .secondary(active.value_span, "than this"),
            (Some(thread), None) => Finding::new(&Self::META, thread.value_span, message)
                .label("must be greater than 30"),
            (None, Some(active)) => Finding::new(&Self::META, active.value_span, message)
                .label("at least the thread duration (31 by default)"),
            (None, None) => return,
        };
        out.push(finding.help(help));
    }
}
