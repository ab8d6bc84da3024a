use crate::base::AppKind;
use crate::diagnostic::Findings;
use crate::model::Application;
use crate::rules::pair::{differences, partner};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// For two Genesys Info Mart applications that gimlint.toml declares an active-active
    /// pair (`ha-pair`), reports every `[schedule]` option whose value differs between the
    /// two exports, or that only one sets.
    ///
    /// ## Why is this bad?
    /// During the migration the ETL cycle must be suspended on both servers (Prerequisite 7,
    /// Deployment step 5), and resumed on both afterwards (steps 11 and 12). A pair whose
    /// schedules disagree has one server still extracting from an IDB while `update_IDB`
    /// runs, or one server that never resumes.
    ///
    /// ## Example
    /// `gim_a.cfg` and `gim_b.cfg`, declared with `ha-pair`, with:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    /// and `run-scheduler=true` in the other.
    ///
    /// ## Fix
    /// Give both servers the same `[schedule]` options.
    pub struct ActiveActiveDiffers {
        code: "GIM014",
        name: "active-active-differs",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        reads_other_files: true,
        needs: [Topology],
        options: ["schedule/run-scheduler", "schedule/run-aggregates"],
        summary: "the two GIM applications of an active-active pair disagree on `[schedule]` options",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 7 and Deployment step 5",
    }
}

impl Rule for ActiveActiveDiffers {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        if let Some(partner) = partner(ctx, app).filter(|p| p.kind == AppKind::Gim) {
            differences(&Self::META, out, app, partner, |section| {
                section == "schedule"
            });
        }
    }
}
