use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};
use crate::secrets::xml_error_without_secrets;

declare_rule! {
    /// ## What it does
    /// Reports an attached-data specification that is not well-formed XML (XML 1.0 and
    /// Namespaces in XML): a truncated file, an element closed by the wrong end tag, markup
    /// outside the root element, a second root; an attribute given twice, a namespace
    /// declared twice on one element, a prefix that is not declared; `<` in an attribute
    /// value, `&` that does not start a reference, an entity that is not declared; a
    /// character XML forbids; a misplaced or malformed XML declaration, comment, processing
    /// instruction or document type declaration; and bytes that are not in the file's
    /// encoding (not UTF-8 while no other encoding is declared). It points at the offending
    /// text, and at the first of two places when two are involved. After an error that
    /// stops the reader, the part read before it is still checked by the other `ADS` rules.
    ///
    /// ## Why is this bad?
    /// ICON reads the specification when it starts. A file it cannot read stores no
    /// attached data, or not the data you mapped, and the problem shows up only as a line in
    /// ICON's log after a restart, or as reports with empty columns.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="userdata" history="last"/>
    ///   </secure>
    /// </adata_spec>
    /// ```
    ///
    /// Use instead:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="userdata" history="last"/>
    ///   </public>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Repair the XML at the reported position; an XML editor or `xmllint --noout FILE`
    /// shows the same problem.
    pub struct MalformedXml {
        code: "ADS001",
        name: "malformed-xml",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "the attached-data specification is not well-formed XML (position and reason)",
        source: "ICON Deployment Guide, Attached Data Specification File: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec",
    }
}

impl Rule for MalformedXml {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        spec.xml
            .errors()
            .into_iter()
            .map(|error| {
                // A message quotes the text it found, which may be part of a secret value.
                let error = xml_error_without_secrets(error, &spec.source.text, &spec.secrets);
                let mut finding = Finding::new(
                    &Self::META,
                    error.span,
                    format!("not well-formed XML: {}", error.message),
                )
                .label(
                    error
                        .label
                        .as_deref()
                        .unwrap_or("the XML reader stopped here"),
                )
                .help(error.help.as_deref().unwrap_or(
                    "repair the XML here: ICON cannot use a specification it cannot read",
                ));
                if let Some((span, label)) = &error.related {
                    finding = finding.secondary(*span, label);
                }
                finding
            })
            .for_each(|finding| out.push(finding));
    }
}
