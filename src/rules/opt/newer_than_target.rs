use super::{described_sections, view};
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Genesys Info Mart option, or a whole section, introduced in a release after
    /// `--target-release`: `on-demand-migration` (8.5.007) when you deploy 8.5.005, a
    /// `[gim-export]` section (8.5.005) when you deploy 8.5.003.
    ///
    /// Only GIM releases are compared: the target release is a GIM release, and ICON and WFM
    /// number theirs differently.
    ///
    /// ## Why is this bad?
    /// The release you deploy does not know the option and ignores it: the behaviour it
    /// stands for will not happen.
    ///
    /// ## Example
    /// With `--target-release 8.5.005.07`:
    /// ```ini
    /// [schedule]
    /// on-demand-migration=false
    /// ```
    ///
    /// ## Fix
    /// Remove the option, or check that `--target-release` names the release you deploy.
    pub struct NewerThanTarget {
        code: "OPT015",
        name: "option-newer-than-target",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "an option introduced after `--target-release`",
        source: "the option schemas under schemas/ (introduced releases, from the GIM release notes and option pages)",
    }
}

impl Rule for NewerThanTarget {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let target = &ctx.settings.target_release;
        let view = view(ctx, app);
        for (section, described, options) in described_sections(&view, app) {
            let name = section.name.unwrap_or_default();
            if let Some(introduced) = described
                .parts
                .iter()
                .find_map(|part| part.release(&part.section.introduced))
                .filter(|r| r > target)
            {
                out.push(
                    Finding::new(
                        &Self::META,
                        section.name_span,
                        format!("section `[{name}]` was introduced in {introduced}, after the target release {target}"),
                    )
                    .label(format!("new in {introduced}"))
                    .help("remove it, or check that --target-release names the release you deploy"),
                );
                continue;
            }
            for (option, found) in options {
                let Some(found) = found else {
                    continue;
                };
                let Some(introduced) = found
                    .release(&found.option.introduced)
                    .filter(|r| r > target)
                else {
                    continue;
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        option.name_span,
                        format!("`{}` was introduced in {introduced}, after the target release {target}, which ignores it", option.name),
                    )
                    .label(format!("new in {introduced}"))
                    .help("remove it, or check that --target-release names the release you deploy"),
                );
            }
        }
    }
}
