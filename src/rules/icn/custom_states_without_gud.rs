use super::WithoutGud;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an ICON application with a `[custom-states]` section whose `role` neither is
    /// `all` (or unset) nor includes `gud`.
    ///
    /// ## Why is this bad?
    /// Custom agent states are stored from attached data: ICON processes `[custom-states]`
    /// only with the `gud` role. With another role the section is ignored and the custom
    /// states never reach IDB or GIM.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// role=gcc,gls
    /// [custom-states]
    /// AgentRecordUserTypes=201,BreakReason
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// role=gcc,gls,gud
    /// [custom-states]
    /// AgentRecordUserTypes=201,BreakReason
    /// ```
    ///
    /// ## Fix
    /// Add `gud` to `role` (on the ICON and on its IDB DAP), or delete `[custom-states]`.
    pub struct CustomStatesWithoutGud {
        code: "ICN006",
        name: "custom-states-without-gud",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/role"],
        summary: "`[custom-states]` present but the ICON `role` lacks `gud`/`all`",
        source: "ICON custom-states options (need the gud role): https://enu.docs.genesys.com/Documentation:Options:ICON:ICON-custom-states:Current",
    }
}

impl Rule for CustomStatesWithoutGud {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(section) = app.doc.sections_named("custom-states").next() else {
            return;
        };
        let Some(without_gud) = WithoutGud::of(app) else {
            return;
        };
        let finding = Finding::new(
            &Self::META,
            section.name_span,
            "`[custom-states]` is set, but ICON ignores it with this role",
        )
        .label("ignored by ICON")
        .help("add `gud` to `role` (on the ICON and on its IDB DAP), or delete `[custom-states]`");
        out.push(without_gud.explain(finding));
    }
}
