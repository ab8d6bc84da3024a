//! What changed in one application between its export before and after the migration.

use super::adata::SpecFile;
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

/// Every key of an attached-data specification added, removed, or whose attributes changed,
/// in section and key order. A key is its section (`public`, `secure`, …), its `name` and
/// its `source`; of a key defined twice, the first counts (ICON keeps it, ADS003). Its
/// value is its other attributes as written (`history=last`), which the run's redactor
/// masks as it masks every change.
pub fn spec_changes(before: &SpecFile, after: &SpecFile) -> Vec<Change> {
    let old = keys_of(before);
    let new = keys_of(after);
    let names: BTreeSet<&(String, String)> = old.keys().chain(new.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (old, new) = (old.get(name), new.get(name));
            if old == new {
                return None;
            }
            Some(Change {
                section: name.0.clone(),
                option: name.1.clone(),
                before: old.cloned(),
                after: new.cloned(),
            })
        })
        .collect()
}

/// The keys of `spec` by (section, `name (source)`), each with its other attributes.
fn keys_of(spec: &SpecFile) -> std::collections::BTreeMap<(String, String), String> {
    let mut keys = std::collections::BTreeMap::new();
    for key in spec.keys() {
        let attribute = |name| key.attribute(name).map_or("", |a| a.value);
        let option = match attribute("source") {
            "" => format!("key {}", attribute("name")),
            source => format!("key {} ({source})", attribute("name")),
        };
        let value = key
            .element
            .attributes
            .iter()
            .filter(|a| a.name != "name" && a.name != "source")
            .map(|a| format!("{}={}", a.name, a.value))
            .collect::<Vec<_>>()
            .join(" ");
        keys.entry((key.section.name.to_owned(), option))
            .or_insert(value);
    }
    keys
}
