use super::WithoutGud;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an ICON application with attached-data options (`adata-spec-name`,
    /// `adata-userdata-history` or any other `adata-*` option in `[callconcentrator]`) whose
    /// `role` neither is `all` (or unset, which means `all`) nor includes `gud`.
    ///
    /// ## Why is this bad?
    /// ICON processes attached-data options only when its role is `all` or includes `gud`.
    /// With another role, the specification and the `adata-*` settings are ignored: no KVP
    /// is stored, and GIM has no attached data to report. The role of the ICON's IDB DAP
    /// must match the ICON's.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// adata-spec-name=ccon_adata_spec.xml
    /// role=gcc,gls
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// adata-spec-name=ccon_adata_spec.xml
    /// role=gcc,gls,gud
    /// ```
    ///
    /// ## Fix
    /// Add `gud` to `role` (on the ICON and on its IDB DAP) if attached data must be stored;
    /// otherwise delete the `adata-*` options.
    pub struct AdataWithoutGudRole {
        code: "ICN011",
        name: "adata-without-gud-role",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/adata-spec-name", "callconcentrator/adata-userdata-history", "callconcentrator/role"],
        summary: "`adata-*` options are set but the ICON `role` neither is `all` nor includes `gud`",
        source: "ICON attached-data options (processed only with role all or gud): https://docs.genesys.com/Documentation/ICON/8.1.5/Dep/cfgAdata ; roles: https://docs.genesys.com/Documentation/ICON/latest/Dep/Roles",
    }
}

impl Rule for AdataWithoutGudRole {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(adata) = app
            .doc
            .sections_named("callconcentrator")
            .flat_map(|s| &s.options)
            .find(|o| o.name.starts_with("adata-") && !o.value.trim().is_empty())
        else {
            return;
        };
        let Some(without_gud) = WithoutGud::of(app) else {
            return;
        };
        let finding = Finding::new(
            &Self::META,
            adata.name_span,
            format!("`{}` is set, but ICON ignores attached-data options with this role", adata.name),
        )
        .label("ignored by ICON")
        .help("add `gud` to `role` (on the ICON and on its IDB DAP) to store attached data, or delete the `adata-*` options");
        out.push(without_gud.explain(finding));
    }
}
