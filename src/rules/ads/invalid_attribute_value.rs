use crate::base::text::closest;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::adata::{
    Key, HORIZONTAL_HISTORY, HORIZONTAL_SECTIONS, SOURCES, VERTICAL_HISTORY,
};
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a `<key>` attribute whose value the schema does not allow:
    /// - `source` not one of `userdata`, `reasons`, `extensions`;
    /// - `history` in vertical storage (`<public>`, `<secure>`) not one of `none`, `first`,
    ///   `last`, `all`;
    /// - `history` in horizontal storage (`<call>`, `<call_cust>`, `<call_cust1>`,
    ///   `<call_cust2>`, `<mcr-f>`) not `first` or `last`: a horizontal table keeps one value
    ///   per interaction.
    ///
    /// Values are case-sensitive, as in the schema. Sections the documentation does not name
    /// are not checked for `history`.
    ///
    /// ## Why is this bad?
    /// A value outside the schema makes the key invalid: ICON does not store it the way you
    /// meant, or at all, and nothing but ICON's log says so.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="UserData" history="every"/>
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
    /// Use one of the listed values. When the value is a near miss (`UserData`), the
    /// suggested fix replaces it with the closest allowed value.
    pub struct InvalidAttributeValue {
        code: "ADS004",
        name: "invalid-attribute-value",
        severity: Error,
        fix: Suggestion,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "a key's `source` or `history` is not a value the schema allows",
        source: "ICON Deployment Guide, Attached Data Specification File (AdataHistoryType, AdataCallHistoryType; sources): https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec",
    }
}

impl InvalidAttributeValue {
    fn check_attribute(&self, key: &Key, attribute: &str, allowed: &[&str], out: &mut Findings) {
        let Some(attr) = key.attribute(attribute) else {
            return;
        };
        if allowed.contains(&attr.value) {
            return;
        }
        let listed = allowed
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut finding = Finding::new(
            &Self::META,
            attr.value_span,
            format!(
                "`{attribute}=\"{}\"` is not allowed in `<{}>`; expected one of {listed}",
                attr.value, key.section.name
            ),
        )
        .label(format!("invalid {attribute}"));
        finding =
            match closest(attr.value, allowed.iter().copied()) {
                Some(suggestion) => finding.help(format!("did you mean `{suggestion}`?")).fix(
                    Fix::suggest_replacing(
                        attr.value_span,
                        suggestion.to_owned(),
                        format!("set `{attribute}=\"{suggestion}\"`"),
                    ),
                ),
                None => finding.help(format!("use one of {listed}")),
            };
        out.push(finding);
    }
}

impl Rule for InvalidAttributeValue {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        for key in spec.keys() {
            self.check_attribute(&key, "source", SOURCES, out);
            if key.storage().is_some() {
                self.check_attribute(&key, "history", VERTICAL_HISTORY, out);
            } else if HORIZONTAL_SECTIONS.contains(&key.section.name) {
                self.check_attribute(&key, "history", HORIZONTAL_HISTORY, out);
            }
        }
    }
}
