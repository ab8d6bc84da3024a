use crate::finding::{Finding, Fix};
use crate::model::{AppKind, SpecFile};
use crate::parse::adata::ADATA_NAMESPACE;
use crate::rules::{declare_rule, Context, Rule};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports an attached-data specification (a file named `ccon_adata_spec*.xml`, or one
    /// you named on the command line) whose root element is not in the namespace
    /// `http://www.genesyslab.com/standards/icon/ed1`.
    ///
    /// ## Why is this bad?
    /// The specification's schema puts every element in that namespace
    /// (`elementFormDefault="qualified"`). Elements in no namespace, or in another one, are
    /// not the elements ICON looks for, so it does not read the file as a specification.
    ///
    /// ## Example
    /// ```xml
    /// <adata_spec>
    ///   <public/>
    /// </adata_spec>
    /// ```
    ///
    /// Use instead:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public/>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Declare the namespace on the root element. When the root declares none, the suggested
    /// fix adds `xmlns="http://www.genesyslab.com/standards/icon/ed1"`.
    pub struct UnexpectedNamespace {
        code: "ADS002",
        name: "unexpected-namespace",
        severity: Warning,
        fix: Suggestion,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        summary: "a specification whose root element is not in the `icon/ed1` namespace (ICON will not read it as a spec)",
        source: "ICON Deployment Guide, Attached Data Specification File (schema target namespace): https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec",
    }
}

impl Rule for UnexpectedNamespace {
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile) -> Vec<Finding> {
        let Some(root) = spec.xml.root() else {
            return Vec::new();
        };
        let written = &spec.xml.text[root.name_span.range()];
        let declaration = root
            .prefix
            .map_or_else(|| "xmlns".to_owned(), |p| format!("xmlns:{p}"));
        let finding = match spec.xml.root_namespace() {
            Some(ADATA_NAMESPACE) => return Vec::new(),
            Some(other) => Finding::new(
                &Self::META,
                root.name_span,
                format!("the root element `<{written}>` is in the namespace `{other}`, not in the attached-data namespace"),
            )
            .label("wrong namespace"),
            None => {
                let finding = Finding::new(
                    &Self::META,
                    root.name_span,
                    format!("the root element `<{written}>` is in no namespace"),
                )
                .label("no `xmlns` here");
                // A typo such as `<adata_spec=xmlns="http://…">` makes all before the `:` of
                // `http:` the prefix: a declaration made of it would be broken XML.
                if root.prefix.is_none_or(declarable) {
                    finding.fix(Fix::suggest_replacing(Span::empty_at(root.name_span.end), format!(" {declaration}=\"{ADATA_NAMESPACE}\""), format!("declare `{declaration}=\"{ADATA_NAMESPACE}\"`")))
                } else {
                    finding
                }
            }
        };
        vec![finding.help(format!(
            "put the root element in the namespace `{ADATA_NAMESPACE}`: ICON reads only elements of that namespace"
        ))]
    }
}

/// Whether `xmlns:{prefix}` can be declared: the prefix is an XML name without a colon, and
/// not one of the two that XML reserves.
fn declarable(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && prefix != "xml"
        && prefix != "xmlns"
}
