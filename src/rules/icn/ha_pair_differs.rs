use crate::base::AppKind;
use crate::diagnostic::Findings;
use crate::model::Application;
use crate::rules::pair::{differences, partner};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// For two ICON applications that gimlint.toml declares an HA pair (`ha-pair`), reports
    /// every option whose value differs between the two exports, or that only one sets.
    /// Each difference is reported once, on the first ICON of the pair in the run.
    ///
    /// ## Why is this bad?
    /// The two ICONs of an HA pair must carry exactly the same options, and Configuration
    /// Server does not keep them in sync: an ICON HA pair is not a standard Genesys
    /// redundant pair. After a switchover the other ICON writes different data to IDB, and
    /// GIM reports change for no visible reason.
    ///
    /// ## Example
    /// `icon_a.cfg` and `icon_b.cfg`, declared with `ha-pair`, with:
    /// ```ini
    /// [callconcentrator]
    /// cseq-adjustment=2
    /// ```
    /// and `cseq-adjustment=0` in the other.
    ///
    /// ## Fix
    /// Make the options identical in both ICON applications.
    pub struct HaPairDiffers {
        code: "ICN005",
        name: "ha-pair-differs",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        reads_other_files: true,
        needs: [Topology],
        summary: "two ICONs declared an HA pair in gimlint.toml carry different options",
        source: "https://docs.genesys.com/Documentation/ICON/latest/Dep/cfgHA",
    }
}

impl Rule for HaPairDiffers {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        if let Some(partner) = partner(ctx, app).filter(|p| p.kind == AppKind::Icon) {
            differences(&Self::META, out, app, partner, |_| true);
        }
    }
}
