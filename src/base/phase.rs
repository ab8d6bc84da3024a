//! Where the administrator stands in the migration procedure.

/// Where the administrator stands in the migration procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Before Job_MigrateGIM: the Prerequisites of the procedure.
    PreMigration,
    /// After the migration: Deployment steps 11 and 12.
    PostMigration,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::PreMigration => "pre-migration",
            Phase::PostMigration => "post-migration",
        }
    }
}
