use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a `[gim-etl] sm-resource-state-priority` that does not name each of the four
    /// states `ACW`, `BUSY`, `NOT_READY` and `READY` exactly once. (A word that is not a
    /// state is OPT011's.)
    ///
    /// ## Why is this bad?
    /// The option orders the four states by priority. The documentation says: "If you change
    /// the value of this option, you must specify all four values, in the changed order. If
    /// you do not specify all the values, Genesys Info Mart considers the option value to be
    /// invalid and uses the default value instead." The priority you wrote is silently not
    /// the one GIM uses.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// sm-resource-state-priority=NOT_READY, ACW
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// sm-resource-state-priority=NOT_READY, ACW, BUSY, READY
    /// ```
    ///
    /// ## Fix
    /// List all four states, each once, in the order you want.
    pub struct StatePriorityIncomplete {
        code: "GIM017",
        name: "state-priority-incomplete",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["gim-etl/sm-resource-state-priority"],
        summary: "`sm-resource-state-priority` does not list each of its four states once, so GIM uses the default",
        source: "Genesys Info Mart User's Guide, Populating agent activity: https://docs.genesys.com/Documentation/GIM/latest/User/GIMPopAgent",
    }
}

/// The states the option orders. Source: the rule's page.
const STATES: [&str; 4] = ["ACW", "BUSY", "NOT_READY", "READY"];

impl Rule for StatePriorityIncomplete {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(option) = app.option("gim-etl", "sm-resource-state-priority") else {
            return;
        };
        if option.value.is_empty() {
            return;
        }
        let mut counts = [0usize; STATES.len()];
        for item in option.value.split(',').map(str::trim) {
            match STATES.iter().position(|s| s.eq_ignore_ascii_case(item)) {
                Some(state) => counts[state] += 1,
                None => return,
            }
        }
        let missing: Vec<String> = STATES
            .iter()
            .zip(counts)
            .filter(|(_, count)| *count == 0)
            .map(|(state, _)| format!("`{state}`"))
            .collect();
        let repeated: Vec<String> = STATES
            .iter()
            .zip(counts)
            .filter(|(_, count)| *count > 1)
            .map(|(state, _)| format!("`{state}`"))
            .collect();
        let problem = match (missing.is_empty(), repeated.is_empty()) {
            (true, true) => return,
            (false, true) => format!("lacks {}", missing.join(", ")),
            (true, false) => format!("repeats {}", repeated.join(", ")),
            (false, false) => format!(
                "lacks {} and repeats {}",
                missing.join(", "),
                repeated.join(", ")
            ),
        };
        out.push(Finding::new(
            &Self::META,
            option.value_span,
            format!("`sm-resource-state-priority` {problem}: GIM takes the value as invalid and uses the default"),
        )
        .label("not the four states, each once")
        .help("list `ACW`, `BUSY`, `NOT_READY` and `READY`, each once, in the order of priority you want"));
    }
}
