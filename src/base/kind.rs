//! What an export is: the kind gimlint infers from its content ([`AppKind`]) and the kinds
//! gimlint.toml may declare ([`TopologyKind`]).

use serde::{Deserialize, Serialize};

/// What kind of configuration object an export describes, as far as its content tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppKind {
    /// A Genesys Info Mart Server application.
    Gim,
    /// An Interaction Concentrator (ICON) application.
    Icon,
    /// A Database Access Point that GIM extracts from or loads into (`[gim-etl] role`).
    Dap,
    /// An ICON attached-data specification (XML), not an option export.
    AdataSpec,
    /// The options or annex of a configuration object that is not an application (a Switch,
    /// DN or Script): ICON and GIM read some of their sections.
    Annex,
    /// WFM Server (its `[ScheduleService]` section, or the topology file).
    WfmServer,
    /// WFM Builder, WFM Daemon, WFM Data Aggregator, WFM Web: named by the topology file only.
    WfmBuilder,
    WfmDaemon,
    WfmDataAggregator,
    WfmWeb,
    /// Nothing identifies it: only file-level rules run.
    Unknown,
    /// gimlint's own gimlint.toml: no rule checks it as an export; it holds the findings on
    /// its `[[suppress]]` entries that no longer do anything.
    GimlintToml,
}

impl AppKind {
    pub fn label(self) -> &'static str {
        match self {
            AppKind::Gim => "Genesys Info Mart application",
            AppKind::Icon => "ICON application",
            AppKind::Dap => "GIM Database Access Point",
            AppKind::AdataSpec => "ICON attached-data specification",
            AppKind::Annex => "configuration object options (Switch, DN, Script)",
            AppKind::WfmServer => "WFM Server",
            AppKind::WfmBuilder => "WFM Builder",
            AppKind::WfmDaemon => "WFM Daemon",
            AppKind::WfmDataAggregator => "WFM Data Aggregator",
            AppKind::WfmWeb => "WFM Web",
            AppKind::Unknown => "unknown application",
            AppKind::GimlintToml => "gimlint configuration",
        }
    }
}

/// What an application of the topology is: a kind gimlint lints, or one it only needs to
/// recognise as a connection target. gimlint.toml writes them in kebab-case (`gim`,
/// `wfm-server`, `stat-server`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopologyKind {
    /// A kind of export gimlint lints.
    Linted(AppKind),
    /// The Database Access Point of the WFM database.
    WfmDap,
    StatServer,
    MessageServer,
    Other,
}

/// The kinds of export gimlint.toml may declare (an attached-data spec, an annex or an
/// unknown application is not declared).
const DECLARABLE: [AppKind; 8] = [
    AppKind::Gim,
    AppKind::Icon,
    AppKind::Dap,
    AppKind::WfmServer,
    AppKind::WfmBuilder,
    AppKind::WfmDaemon,
    AppKind::WfmDataAggregator,
    AppKind::WfmWeb,
];

/// Every name of a topology kind, as gimlint.toml writes it, in the order of its messages.
const TOPOLOGY_NAMES: [&str; 12] = [
    "gim",
    "icon",
    "dap",
    "wfm-server",
    "wfm-builder",
    "wfm-daemon",
    "wfm-data-aggregator",
    "wfm-web",
    "wfm-dap",
    "stat-server",
    "message-server",
    "other",
];

impl TopologyKind {
    /// The kind of a linted export this declares, when it is one gimlint lints.
    pub fn app_kind(self) -> Option<AppKind> {
        match self {
            TopologyKind::Linted(kind) => Some(kind),
            _ => None,
        }
    }

    /// The topology kind of a linted export's inferred kind.
    pub fn of(kind: AppKind) -> Option<TopologyKind> {
        DECLARABLE
            .contains(&kind)
            .then_some(TopologyKind::Linted(kind))
    }

    /// The kind gimlint.toml names `name`.
    fn named(name: &str) -> Option<TopologyKind> {
        let linted = TOPOLOGY_NAMES[..DECLARABLE.len()]
            .iter()
            .zip(DECLARABLE)
            .find(|(written, _)| **written == name)
            .map(|(_, kind)| TopologyKind::Linted(kind));
        linted.or(match name {
            "wfm-dap" => Some(TopologyKind::WfmDap),
            "stat-server" => Some(TopologyKind::StatServer),
            "message-server" => Some(TopologyKind::MessageServer),
            "other" => Some(TopologyKind::Other),
            _ => None,
        })
    }
}

impl<'de> Deserialize<'de> for TopologyKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        TopologyKind::named(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &TOPOLOGY_NAMES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the linted kinds are those of AppKind's own serialization.
    #[test]
    fn topology_names_of_linted_kinds_are_the_kinds_names() {
        for (name, kind) in TOPOLOGY_NAMES.iter().zip(DECLARABLE) {
            assert_eq!(serde_json::to_value(kind).unwrap(), *name);
            assert_eq!(TopologyKind::named(name), Some(TopologyKind::Linted(kind)));
        }
        assert_eq!(TopologyKind::named("adata-spec"), None);
        assert_eq!(
            TopologyKind::named("stat-server"),
            Some(TopologyKind::StatServer)
        );
    }
}
