//! `ICN`: Interaction Concentrator applications that GIM extracts from.

pub mod adata_spec_not_found;
pub mod adata_without_gud_role;
pub mod cseq_adjustment_not_2;
pub mod custom_state_code_invalid;
pub mod custom_states_key_repeated;
pub mod custom_states_without_gud;
pub mod ha_pair_differs;
pub mod invalid_role;
pub mod role_mismatch_with_dap;
pub mod vqid_history_disabled;

use crate::base::release::Release;
use crate::base::span::Span;
use crate::diagnostic::Finding;
use crate::model::icon_role::interaction_details;
use crate::model::Application;
use crate::rules::Context;

/// The first GIM release that needs `cseq-adjustment=2` and `route-res-vqid-hist-enabled=true`
/// (Prerequisite 12 of the Genesys Info Mart 8.5.0 Deployment Procedure).
const REQUIRED_FROM: &str = "8.5.002.09";

/// An ICON whose role stores no attached data (`gud`): ICON then ignores the `adata-*`
/// options and `[custom-states]`.
pub struct WithoutGud {
    role_value: Option<Span>,
    reason: String,
}

impl WithoutGud {
    /// `None` when the role stores attached data (`all`, unset, or `gud` included).
    pub fn of(app: &Application) -> Option<WithoutGud> {
        let role = app.option("callconcentrator", "role");
        let gud = crate::model::icon_role::records(role.map(|o| o.value), "gud");
        (!gud.recorded).then(|| WithoutGud {
            role_value: role.map(|o| o.value_span),
            reason: gud.reason,
        })
    }

    /// Adds why, as a label on the `role` value.
    pub fn explain(&self, finding: Finding) -> Finding {
        match self.role_value {
            Some(span) => finding.secondary(span, self.reason.clone()),
            None => finding,
        }
    }
}

/// Why Prerequisite 12 applies to an ICON: the target release needs it and the ICON's role
/// records interaction details (`gcc`: voice and multimedia).
pub struct Prerequisite12 {
    role_value: Option<Span>,
    reason: String,
}

impl Prerequisite12 {
    /// `None` when the rule must stay quiet: an older target release, or an ICON whose role
    /// leaves interaction details out.
    pub fn applies(ctx: &Context, app: &Application) -> Option<Prerequisite12> {
        if ctx.settings.target_release < Release::known(REQUIRED_FROM) {
            return None;
        }
        let role = app.option("callconcentrator", "role");
        let details = interaction_details(role.map(|o| o.value));
        details.recorded.then(|| Prerequisite12 {
            role_value: role.map(|o| o.value_span),
            reason: details.reason,
        })
    }

    /// Adds why the ICON records interaction details: a label on its `role` value, or, when
    /// `role` is not set, a sentence in the help.
    pub fn explain(&self, finding: Finding, help: &str) -> Finding {
        match self.role_value {
            Some(span) => finding
                .secondary(
                    span,
                    format!("records interaction details: {}", self.reason),
                )
                .help(help),
            None => finding.help(format!(
                "{help}; this ICON records interaction details: {}",
                self.reason
            )),
        }
    }
}
