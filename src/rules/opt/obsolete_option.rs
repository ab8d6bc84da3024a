use super::{described_sections, view};
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Genesys Info Mart option removed or replaced at or before
    /// `--target-release`, for example `expand-mediation-time-for-gapless`, replaced by
    /// `show-non-queue-mediation-mm` in 8.5.007. When the replacement takes the same value,
    /// the suggested fix renames the option.
    ///
    /// ## Why is this bad?
    /// The new release no longer reads the old option: the customization it carried is lost
    /// in the upgrade unless it is moved to the new option (Prerequisite 3 and Deployment
    /// step 2 ask you to carry customizations over).
    ///
    /// ## Example
    /// ```ini
    /// [gim-transformation]
    /// expand-mediation-time-for-gapless=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-transformation]
    /// show-non-queue-mediation-mm=true
    /// ```
    ///
    /// ## Fix
    /// Move the setting to the replacement option (the suggested fix renames it), or delete
    /// it when there is none.
    pub struct ObsoleteOption {
        code: "OPT016",
        name: "obsolete-option",
        severity: Warning,
        fix: Suggestion,
        applies_to: &[],
        phase: None,
        summary: "an option removed or replaced at or before the target release (fix renames it when the value carries over)",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 3 and Deployment step 2; releases from the option schemas under schemas/",
    }
}

impl Rule for ObsoleteOption {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let target = &ctx.settings.target_release;
        let view = view(ctx, app);
        for (section, _, options) in described_sections(&view, app) {
            let name = section.name.unwrap_or_default();
            for (option, found) in options {
                let Some(found) = found else {
                    continue;
                };
                let Some(removed) = found.removed_by(target) else {
                    continue;
                };
                let mut finding = Finding::new(
                    &Self::META,
                    option.name_span,
                    match &found.option.replaced_by {
                        Some(new) => {
                            format!("`{}` was replaced by `{new}` in {removed}", option.name)
                        }
                        None => format!("`{}` was removed in {removed}", option.name),
                    },
                )
                .label(format!("obsolete since {removed}"));
                finding = match &found.option.replaced_by {
                    Some(new) if found.option.value_carries_over && app.option(name, new).is_none() => finding
                        .help(format!("rename it to `{new}`: the release you deploy reads only the new name"))
                        .fix(Fix::suggest_replacing(option.name_span, new.clone(), format!("rename the option to `{new}`"))),
                    Some(new) => finding.help(format!("move the setting to `{new}` and delete this option")),
                    None => finding.help("delete it: the release you deploy does not read it"),
                };
                out.push(finding);
            }
        }
    }
}
