//! `WFM`: Workforce Management components and their Connections (from gimlint.toml).
//!
//! Source for every rule: the WFM 8.5 component connection matrix,
//! https://enu.docs.genesys.com/Documentation/WM/8.5.2/Admin/DataFlow , and step 8 of the
//! WFM order of migration (verify the Connections tab of every component).

pub mod data_aggregator_connections;
pub mod etl_day_chunk_too_large;
pub mod server_connection_missing;
pub mod wfm_server_connections;

use crate::base::TopologyKind;
use crate::diagnostic::Finding;
use crate::diagnostic::RuleMeta;
use crate::model::Application;
use crate::rules::Context;

/// The kinds of the applications `app` connects to, per gimlint.toml; `None` when
/// gimlint.toml does not declare `app` or its entry has no `connections` key: a connection
/// is missing only from a list that is written.
pub fn connected_kinds(ctx: &Context, app: &Application) -> Option<Vec<Option<TopologyKind>>> {
    let connections = ctx.project.declared(app)?.connections.as_ref()?;
    Some(
        connections
            .iter()
            .map(|c| ctx.project.kind_named(c))
            .collect(),
    )
}

/// A finding that `app` lacks a connection to an application of `kind`.
pub fn missing_connection(
    rule: &'static RuleMeta,
    ctx: &Context,
    app: &Application,
    needed: &str,
) -> Finding {
    let name = ctx.project.declared(app).map_or("", |d| d.name.as_str());
    Finding::new(
        rule,
        app.start_of_file(),
        format!("`{name}` ({}) has no connection to a {needed}", app.kind.label()),
    )
    .label(format!("no {needed} among this application's connections in gimlint.toml"))
    .help(format!(
        "add the {needed} to the Connections tab of this application, and to its `connections` in gimlint.toml"
    ))
}
