use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::SpecFile;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// With `--adata-reference FILE` (the attached-data specification of the GIM
    /// installation package, `ccon_adata_spec_GIM_example.xml`), reports each key the
    /// reference maps that the linted specification does not: same section, same `name`,
    /// same `source`.
    ///
    /// ## Why is this bad?
    /// A new GIM release may report KVPs that its example specification maps and yours does
    /// not yet. The procedure asks you to upload the new specification or to merge its new
    /// KVPs into your own copy (Deployment step 2); a KVP left out is never stored by ICON,
    /// so the new report columns stay empty.
    ///
    /// ## Example
    /// With a reference that maps `ServiceType` in `<public>`, this specification misses it:
    /// ```xml
    /// <adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">
    ///   <public>
    ///     <key name="CustomerSegment" source="userdata" history="last"/>
    ///   </public>
    /// </adata_spec>
    /// ```
    ///
    /// ## Fix
    /// Copy the missing keys from the reference into your specification, or, when you do not
    /// need a KVP, ignore the finding. Restart ICON after changing the file.
    pub struct MissingReferenceKey {
        code: "ADS007",
        name: "missing-reference-key",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::AdataSpec],
        phase: None,
        needs: [AdataReference],
        summary: "with `--adata-reference`, a key of the reference specification that the linted one lacks",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 2",
    }
}

impl Rule for MissingReferenceKey {
    fn check_spec(&self, ctx: &Context, spec: &SpecFile, out: &mut Findings) {
        let Some(reference) = ctx.adata_reference else {
            return;
        };
        if reference.source.path == spec.source.path {
            return;
        }
        let identity = |key: &crate::model::adata::Key| {
            (
                key.section.name.to_owned(),
                key.attribute("name").map(|a| a.value.to_owned()),
                key.attribute("source").map(|a| a.value.to_owned()),
            )
        };
        let present: HashSet<_> = spec.keys().map(|k| identity(&k)).collect();
        let anchor = spec.xml.root().map_or(spec.evidence.span, |r| r.name_span);
        reference
            .keys()
            .filter(|key| !present.contains(&identity(key)))
            .filter_map(|key| {
                let name = key.attribute("name")?;
                let section = key.section.name;
                let target = spec
                    .sections()
                    .find(|s| s.name == section)
                    .map_or(anchor, |s| s.name_span);
                Some(
                    Finding::new(
                        &Self::META,
                        target,
                        format!(
                            "key `{}` of `<{section}>` in the reference `{}` is missing here",
                            name.value, reference.source.path
                        ),
                    )
                    .label(format!("no `{}` key", name.value))
                    .help("copy the key from the reference specification (Deployment step 2), or ignore this finding if you do not need the KVP"),
                )
            })
            .for_each(|finding| out.push(finding));
    }
}
