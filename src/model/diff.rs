//! What changed in one application between its export before and after the migration.

use super::Application;
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

/// Every option whose value differs (blanks around values ignored), in section and option
/// order. Names compare exactly: Genesys names are case-sensitive.
pub fn changes(before: &Application, after: &Application) -> Vec<Change> {
    let keys = |app: &Application| -> BTreeSet<(String, String)> {
        app.doc
            .sections
            .iter()
            .filter_map(|s| s.name.map(|n| (n, s)))
            .flat_map(|(n, s)| {
                s.options
                    .iter()
                    .map(move |o| (n.to_owned(), o.name.to_owned()))
            })
            .collect()
    };
    let mut all = keys(before);
    all.extend(keys(after));
    all.into_iter()
        .filter_map(|(section, option)| {
            let old = before.option(&section, &option);
            let new = after.option(&section, &option);
            if let (Some(o), Some(n)) = (old, new) {
                if o.value.trim() == n.value.trim() {
                    return None;
                }
            }
            Some(Change {
                before: old.map(masked_value),
                after: new.map(masked_value),
                section,
                option,
            })
        })
        .collect()
}
