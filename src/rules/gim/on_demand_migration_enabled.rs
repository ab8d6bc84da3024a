use crate::base::release::Release;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports `[schedule] on-demand-migration=true` when the target release has the option
    /// (8.5.007 and later).
    ///
    /// ## Why is this bad?
    /// With on-demand migration, GIM runs Job_MigrateGIM by itself as soon as its schema is
    /// behind. Genesys does not recommend it unless the steps around a migration are
    /// automated too, for example frequent database backups and re-creating read-only views
    /// after the migration: otherwise the migration runs without a backup to roll back to.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// on-demand-migration=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// on-demand-migration=false
    /// ```
    ///
    /// ## Fix
    /// Set `on-demand-migration=false` and run Job_MigrateGIM yourself, or keep it and make
    /// sure backups and view re-creation are automated (then ignore this rule).
    pub struct OnDemandMigrationEnabled {
        code: "GIM005",
        name: "on-demand-migration-enabled",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["schedule/on-demand-migration"],
        summary: "`[schedule] on-demand-migration=true` (not recommended without automated backups and view re-creation)",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 4 (note); https://docs.genesys.com/Documentation/GIM/8.5.0/Ops/AboutJobs",
    }
}

/// The first release with `on-demand-migration`.
const INTRODUCED: &str = "8.5.007";

impl Rule for OnDemandMigrationEnabled {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        if ctx.settings.target_release < Release::known(INTRODUCED) {
            return;
        }
        let Some(option) = app.option_set_to("schedule", "on-demand-migration", true) else {
            return;
        };
        out.push(Finding::new(
            &Self::META,
            option.value_span,
            format!("`on-demand-migration={}`: GIM will run Job_MigrateGIM by itself", option.value),
        )
        .label("migration on demand")
        .help("set `on-demand-migration=false` unless database backups and the re-creation of read-only views are automated"));
    }
}
