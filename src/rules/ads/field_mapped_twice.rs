use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::adata::FIELD_ATTRIBUTE;
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports two keys of one horizontal section (`<call>`, `<call_cust>`, `<call_cust1>`,
    /// `<call_cust2>`, `<mcr-f>`, or any other section that is not `<public>`/`<secure>`)
    /// mapped to the same field, that is to the same column of one table.
    ///
    /// A warning, not an error: like ADS005 it reads the mapping from the key's `field`
    /// attribute, whose exact form the reachable documentation does not confirm.
    ///
    /// ## Why is this bad?
    /// A horizontal table has one column per field and one row per interaction. Two keys
    /// writing the same column overwrite each other: which KVP ends up in the report depends
    /// on which arrives last.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <call>
    ///     <key name="Segment" source="userdata" field="customer-segment" history="last"/>
    ///     <key name="VIP" source="userdata" field="customer-segment" history="last"/>
    ///   </call>
    /// </adata_spec>
    /// ```
    ///
    /// Use instead:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <call>
    ///     <key name="Segment" source="userdata" field="customer-segment" history="last"/>
    ///   </call>
    ///   <call_cust>
    ///     <key name="VIP" source="userdata" field="cust-data-1" history="last"/>
    ///   </call_cust>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Keep one key per field; map the other key to a free column (for example a
    /// `cust-data-N` field of `<call_cust>`), or to vertical storage.
    pub struct FieldMappedTwice {
        code: "ADS006",
        name: "field-mapped-twice",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "two keys mapped to the same column of one horizontal table",
        source: "ICON Deployment Guide, Attached Data Specification File (horizontal tables): https://docs.genesys.com/Documentation:ICON:Dep:AdataSpec:8.1.5",
    }
}

impl Rule for FieldMappedTwice {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        let mut first_seen = HashMap::new();
        for key in spec.keys().filter(|k| k.storage().is_none()) {
            let Some(field) = key.attribute(FIELD_ATTRIBUTE) else {
                continue;
            };
            let section = key.section.name_span;
            let Some(&first) = first_seen.get(&(section, field.value)) else {
                first_seen.insert((section, field.value), field.value_span);
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    field.value_span,
                    format!("field `{}` of `<{}>` is mapped by two keys", field.value, key.section.name),
                )
                .label("mapped again here")
                .secondary(first, "first mapped here")
                .help("keep one key per field, and map the other to a free column or to vertical storage"),
            );
        }
    }
}
