use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use std::path::Path;

declare_rule! {
    /// ## What it does
    /// Reports, as information, an ICON application whose `[callconcentrator]
    /// adata-spec-name` names a specification file that is not among the files of this run.
    ///
    /// ## Why is this bad?
    /// It is not wrong in itself: the file lives on the ICON host. But gimlint can check the
    /// specification (the `ADS` rules) and its consistency with the ICON only when the file
    /// is linted in the same run, and the procedure asks you to review it at every upgrade
    /// (Deployment step 2).
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// adata-spec-name=ccon_adata_spec_site2.xml
    /// role=all
    /// ```
    ///
    /// ## Fix
    /// Copy the specification from the ICON host next to the exports and lint both:
    /// `gimlint check exports/ ccon_adata_spec_site2.xml`.
    pub struct AdataSpecNotFound {
        code: "ICN010",
        name: "adata-spec-not-found",
        severity: Info,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        reads_other_files: true,
        options: ["callconcentrator/adata-spec-name"],
        summary: "an ICON's `adata-spec-name` names a file that is not among the linted files",
        source: "ICON option adata-spec-name: https://docs.genesys.com/Documentation:ICON:UG:AttachedData:8.1.5 ; GIM 8.5.0 Deployment Procedure, Deployment step 2",
    }
}

/// The file name at the end of a path written with `/` or `\`.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

impl Rule for AdataSpecNotFound {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(option) = app.option("callconcentrator", "adata-spec-name") else {
            return;
        };
        let wanted = file_name(option.value.trim());
        if wanted.is_empty() {
            return;
        }
        // Windows file systems ignore case; a near miss in case is not worth a note.
        let linted = ctx.project.specs().any(|spec| {
            Path::new(&spec.source.path)
                .file_name()
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(wanted))
        });
        if linted {
            return;
        }
        out.push(
            Finding::new(
                &Self::META,
                option.value_span,
                format!("the attached-data specification `{wanted}` is not among the linted files"),
            )
            .label("not linted")
            .help(format!(
                "lint it in the same run to check it too: gimlint check <exports> {wanted}"
            )),
        );
    }
}
