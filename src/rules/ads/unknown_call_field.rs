use crate::base::text::closest;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::adata::{CALL_FIELDS, FIELD_ATTRIBUTE};
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a key of the `<call>` section (the G_CALL_USERDATA table) mapped to a field
    /// that is not one of the table's fields: `customer-segment`, `service-type`,
    /// `service-subtype`, `busines-result`, `customer-id`, `transaction-id`, `cause-id`,
    /// `account-id`, `destination-id`, `target-id`. It suggests the closest field.
    ///
    /// Note the schema's own spelling `busines-result`, with one `s`: the G_CALL_USERDATA
    /// documentation writes `business-result`, and copying that spelling is a common
    /// mistake.
    ///
    /// A warning, not an error: the documentation calls the mapping the key's "field
    /// attribute", but the part of the schema that would confirm the attribute is written
    /// `field="…"` could not be checked. gimlint reads `field` and stays quiet about keys
    /// that map their column another way.
    ///
    /// ## Why is this bad?
    /// A key mapped to a field that does not exist fills no column: the KVP never reaches
    /// G_CALL_USERDATA, so GIM never reports it.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <call>
    ///     <key name="Disposition" source="userdata" field="business-result" history="last"/>
    ///   </call>
    /// </adata_spec>
    /// ```
    ///
    /// Use instead:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <call>
    ///     <key name="Disposition" source="userdata" field="busines-result" history="last"/>
    ///   </call>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Use one of the listed field names; the suggested fix replaces a near miss with the
    /// closest one.
    pub struct UnknownCallField {
        code: "ADS005",
        name: "unknown-call-field",
        severity: Warning,
        fix: Suggestion,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "a `<call>` key mapped to a field G_CALL_USERDATA does not have (did-you-mean; `busines-result` has one `s`)",
        source: "ICON Deployment Guide, Attached Data Specification File (AdataCallFieldType): https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec ; https://docs.genesys.com/Documentation/ICON/latest/PDMOra/Table-G_CALL_USERDATA",
    }
}

impl Rule for UnknownCallField {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        spec.keys()
            .filter(|key| key.section.name == "call")
            .filter_map(|key| key.attribute(FIELD_ATTRIBUTE).cloned())
            .filter(|field| !CALL_FIELDS.contains(&field.value))
            .map(|field| {
                let finding = Finding::new(
                    &Self::META,
                    field.value_span,
                    format!("`{}` is not a field of G_CALL_USERDATA", field.value),
                )
                .label("unknown field");
                let Some(suggestion) = closest(field.value, CALL_FIELDS.iter().copied()) else {
                    let listed = CALL_FIELDS.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
                    return finding.help(format!("map the key to one of {listed}"));
                };
                let help = if suggestion == "busines-result" {
                    "did you mean `busines-result`? The schema spells it with one `s`, unlike the column G_BUSINESS_RESULT".to_owned()
                } else {
                    format!("did you mean `{suggestion}`?")
                };
                finding.help(help).fix(Fix::suggest_replacing(field.value_span, suggestion.to_owned(), format!("map the key to `{suggestion}`")))
            })
            .for_each(|finding| out.push(finding));
    }
}
