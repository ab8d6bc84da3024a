use crate::finding::Finding;
use crate::model::{AppKind, SpecFile};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an attached-data specification that is not well-formed XML: a truncated
    /// file, an element closed by the wrong end tag, text outside the root element, a second
    /// root. It points at the place where the reader stopped and gives its reason. The part
    /// read before that place is still checked by the other `ADS` rules.
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
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile) -> Vec<Finding> {
        let Some(error) = &spec.xml.error else {
            return Vec::new();
        };
        vec![Finding::new(
            &Self::META,
            error.span,
            format!("not well-formed XML: {}", error.message),
        )
        .label("the XML reader stopped here")
        .help("repair the XML here: ICON cannot use a specification it cannot read")]
    }
}
