use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports a `<key>` of vertical storage (`<public>` or `<secure>`) with the same `name`
    /// and `source` as an earlier key of the same storage.
    ///
    /// ## Why is this bad?
    /// In vertical storage a key is identified by its name, its source and its storage
    /// together. ICON keeps the first definition and rejects the later ones, so the
    /// `history` you set on the duplicate is silently not the one used. The same name with
    /// another source, or in `<public>` and in `<secure>`, is allowed.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="userdata" history="last"/>
    ///     <key name="CustomerSegment" source="userdata" history="all"/>
    ///   </public>
    /// </adata_spec>
    /// ```
    ///
    /// Use instead:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="userdata" history="all"/>
    ///   </public>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Keep one definition, with the `history` you want, and delete the others.
    pub struct DuplicateKey {
        code: "ADS003",
        name: "duplicate-key",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "two `<key>` with the same name, source and storage (public or secure); ICON keeps the first",
        source: "ICON Deployment Guide, Attached Data Specification File, Uniqueness Requirements: https://docs.genesys.com/Documentation:ICON:Dep:AdataSpec:8.1.5",
    }
}

impl Rule for DuplicateKey {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        let mut first_seen = HashMap::new();
        for key in spec.keys() {
            let Some(storage) = key.storage() else {
                continue;
            };
            let Some(name) = key.attribute("name") else {
                continue;
            };
            let source = key.attribute("source").map(|a| a.value);
            let Some(&first) = first_seen.get(&(storage, name.value, source)) else {
                first_seen.insert((storage, name.value, source), name.value_span);
                continue;
            };
            let source_words =
                source.map_or_else(|| "no source".to_owned(), |s| format!("source `{s}`"));
            out.push(
                Finding::new(
                    &Self::META,
                    name.value_span,
                    format!(
                        "key `{}` with {source_words} is defined twice in `<{}>`",
                        name.value, key.section.name
                    ),
                )
                .label("rejected by ICON")
                .secondary(first, "first definition: ICON keeps this one")
                .help("keep one definition, with the history you want, and delete the others"),
            );
        }
    }
}
