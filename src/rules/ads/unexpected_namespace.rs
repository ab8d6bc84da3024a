use crate::base::span::Span;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::SpecFile;
use crate::parse::adata::{is_unprefixed_name, ADATA_NAMESPACE};
use crate::rules::{declare_rule, Context, Rule};

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
    fn check_spec(&self, _ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        let Some(root) = spec.xml.root() else {
            return;
        };
        let written = &spec.xml.text[root.name_span.range()];
        let declaration = root
            .prefix
            .map_or_else(|| "xmlns".to_owned(), |p| format!("xmlns:{p}"));
        let finding = match spec.xml.root_namespace() {
            Some(ADATA_NAMESPACE) => return,
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
                // `http:` the prefix: a declaration made of it would be broken XML. And a
                // name run into what follows (`<icon:adata_spec="1.0">`) leaves a tag whose
                // attributes cannot be read: a declaration added to it would not be either.
                if root.prefix.is_none_or(declarable) && is_unprefixed_name(root.name) {
                    finding.fix(Fix::suggest_replacing(Span::empty_at(root.name_span.end), format!(" {declaration}=\"{ADATA_NAMESPACE}\""), format!("declare `{declaration}=\"{ADATA_NAMESPACE}\"`")))
                } else {
                    finding
                }
            }
        };
        out.push(finding.help(format!(
            "put the root element in the namespace `{ADATA_NAMESPACE}`: ICON reads only elements of that namespace"
        )));
    }
}

/// Whether `xmlns:{prefix}` can be declared: the prefix is an XML name without a colon, and
/// not one of the two that XML reserves.
fn declarable(prefix: &str) -> bool {
    is_unprefixed_name(prefix) && prefix != "xml" && prefix != "xmlns"
}

#[cfg(test)]
mod tests {
    use crate::engine::lint;
    use crate::engine::Input;
    use crate::settings::Settings;

    /// The ADS002 finding on `text`, and the text its fix makes, when it has one.
    fn no_namespace(text: &str) -> Option<Option<String>> {
        let input = Input::Memory {
            name: "ccon_adata_spec.xml".into(),
            bytes: text.as_bytes().to_vec(),
        };
        let report = lint(&[input], &Settings::all_rules("2026-11-18"));
        let finding = report.findings.iter().find(|f| f.rule.code == "ADS002")?;
        Some(finding.fix.as_ref().map(|fix| {
            let mut fixed = text.to_owned();
            for edit in fix.edits.iter().rev() {
                fixed.replace_range(edit.span.range(), &edit.replacement);
            }
            fixed
        }))
    }

    #[test]
    fn the_fix_is_offered_where_it_puts_the_root_in_the_namespace() {
        for root in [
            "<adata_spec>",
            "<icon:adata_spec>",
            "<adata_spec version=1>",
        ] {
            let text = format!(
                "{root}<public/></{}>",
                &root[1..root.find([' ', '>']).unwrap()]
            );
            let fixed = no_namespace(&text)
                .unwrap_or_else(|| panic!("{text}: no ADS002"))
                .unwrap_or_else(|| panic!("{text}: no fix"));
            assert_eq!(no_namespace(&fixed), None, "{fixed}");
        }
        // Found by the pipeline fuzz target: the root's name run into an attribute value; a
        // prefix with a character that is alphanumeric but not an XML name character.
        for text in [
            "<icon:adata_spec=\"1.0\"><icon:public/></icon:adata_spec>",
            "<adata_spec=\"1.0\"><public/></adata_spec>",
            "<ic³n:adata_spec><ic³n:public/></ic³n:adata_spec>",
        ] {
            assert_eq!(no_namespace(text), Some(None), "{text}");
        }
    }
}
