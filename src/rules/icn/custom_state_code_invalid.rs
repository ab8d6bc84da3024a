use crate::base::span::Span;
use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::opt::shown_part;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reads ICON's `[custom-states] AgentRecordUserTypes`, pairs of a custom state code and
    /// a key name (`207,AfterCallWork,208,Break`), and reports a code that is not a number
    /// greater than 199, and a list that does not end on a whole pair.
    ///
    /// ## Why is this bad?
    /// The option page requires every state code to be a number above 199; the codes below
    /// belong to the agent states ICON defines itself. A list that loses its pairing shifts
    /// every code onto the wrong key.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// role=all
    ///
    /// [custom-states]
    /// AgentRecordUserTypes=107,AfterCallWork,208,Break
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// role=all
    ///
    /// [custom-states]
    /// AgentRecordUserTypes=207,AfterCallWork,208,Break
    /// ```
    ///
    /// ## Fix
    /// Give each custom state a code from 200 up, followed by its key name.
    pub struct CustomStateCodeInvalid {
        code: "ICN012",
        name: "custom-state-code-invalid",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["custom-states/AgentRecordUserTypes"],
        summary: "`AgentRecordUserTypes` holds a state code that is not a number above 199, or an unpaired item",
        source: "ICON options reference, custom-states section (StateCode,KeyName; state codes greater than 199): https://enu.docs.genesys.com/Documentation:Options:ICON:ICON-custom-states:Current",
    }
}

/// The lowest custom state code (same page).
const FIRST_CUSTOM_CODE: i64 = 200;

impl Rule for CustomStateCodeInvalid {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(option) = app.option("custom-states", "AgentRecordUserTypes") else {
            return;
        };
        if option.value.is_empty() {
            return;
        }
        let items: Vec<(&str, Span)> = option
            .value
            .split(',')
            .map(|item| (item.trim(), option.span_of(item.trim())))
            .collect();
        for (code, span) in items.iter().step_by(2) {
            if parse_int(code).is_some_and(|c| c >= FIRST_CUSTOM_CODE) {
                continue;
            }
            let code = shown_part(option, *span);
            out.push(
                Finding::new(
                    &Self::META,
                    *span,
                    format!("{code} is not a custom state code: codes are numbers from {FIRST_CUSTOM_CODE} up"),
                )
                .label("state code expected here")
                .help(format!("write each custom state as a code from {FIRST_CUSTOM_CODE} up followed by its key name: `207,AfterCallWork`")),
            );
        }
        if items.len() % 2 == 1 {
            let (_, span) = items[items.len() - 1];
            let last = shown_part(option, span);
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!("{last} has no key name: the list is not made of code,key pairs"),
                )
                .label("unpaired")
                .help("give every state code its key name, or remove the extra item"),
            );
        }
    }
}
