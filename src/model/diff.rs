//! What changed in one application between its export before and after the migration.

use super::Application;
use crate::base::value::equivalent;
use crate::secrets::masked_value;
use serde::Serialize;
use std::collections::BTreeSet;

/// One option added, removed or changed. Values are as output may show them (secrets
/// masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub section: String,
    pub option: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every option whose value means something else ([`equivalent`]: `TRUE` and `true` do
/// not differ), in section and option order. Names compare exactly: Genesys names are case-sensitive.
pub fn changes(before: &Application, after: &Application) -> Vec<Change> {
    let old = before.doc.options_by_name();
    let new = after.doc.options_by_name();
    let names: BTreeSet<(&str, &str)> = old.keys().chain(new.keys()).copied().collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (old, new) = (old.get(&name).copied(), new.get(&name).copied());
            if let (Some(o), Some(n)) = (old, new) {
                if equivalent(o.value, n.value) {
                    return None;
                }
            }
            Some(Change {
                section: name.0.to_owned(),
                option: name.1.to_owned(),
                before: old.map(masked_value),
                after: new.map(masked_value),
            })
        })
        .collect()
}
