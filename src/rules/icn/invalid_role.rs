use crate::base::span::Span;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::icon_role::ROLE_TOKENS;
use crate::model::Application;
use crate::rules::opt::shown_part;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an item of the ICON `[callconcentrator] role` list that is not one of `all`,
    /// `cfg`, `gcc`, `gls`, `gud`, `gos`, `lrm` (each optionally prefixed with `~`), or that
    /// is not lowercase.
    ///
    /// ## Why is this bad?
    /// ICON treats an uppercase or mixed-case role (`GCC`, `Cfg`) as invalid and silently
    /// falls back to `all`: it then stores every kind of data, which changes what its IDB
    /// holds and how much it grows, with no error anywhere.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// cseq-adjustment=2
    /// role=GCC,gud
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// cseq-adjustment=2
    /// role=gcc,gud
    /// ```
    ///
    /// ## Fix
    /// Write the role types in lowercase; the suggested fix lowercases a known type.
    pub struct InvalidRole {
        code: "ICN003",
        name: "invalid-role",
        severity: Error,
        fix: Suggestion,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/role"],
        summary: "an ICON `role` item not in all/cfg/gcc/gls/gud/gos/lrm (optionally `~`), or not lowercase",
        source: "ICON roles: https://docs.genesys.com/Documentation/ICON/latest/Dep/Roles ; https://docs.genesys.com/Documentation/Options/Current/ICON/ICON-DAP",
    }
}

impl Rule for InvalidRole {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(role) = app.option("callconcentrator", "role") else {
            return;
        };
        let allowed = ROLE_TOKENS
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut offset = role.value_span.start;
        for raw in role.value.split(',') {
            let start = offset + (raw.len() - raw.trim_start().len());
            offset += raw.len() + 1;
            let item = raw.trim();
            let bare = item.strip_prefix('~').unwrap_or(item);
            if item.is_empty() || ROLE_TOKENS.contains(&bare) {
                continue;
            }
            let span = Span::new(start, start + item.len());
            // A piece of a value that holds a URL may be part of its password.
            let shown = shown_part(role, span);
            let quotable = shown.starts_with('`');
            let finding = match ROLE_TOKENS.iter().find(|t| t.eq_ignore_ascii_case(bare)) {
                Some(_) if quotable => {
                    let replacement = item.to_ascii_lowercase();
                    Finding::new(
                        &Self::META,
                        span,
                        format!("role type {shown} is not lowercase: ICON rejects it and falls back to `all`"),
                    )
                    .label("must be lowercase")
                    .help(format!("write `{replacement}`"))
                    .fix(Fix::suggest_replacing(span, replacement.clone(), format!("write `{replacement}`")))
                }
                Some(_) => Finding::new(
                    &Self::META,
                    span,
                    format!("role type {shown} is not lowercase: ICON rejects it and falls back to `all`"),
                )
                .label("must be lowercase")
                .help("write it in lowercase"),
                None => Finding::new(
                    &Self::META,
                    span,
                    format!("{shown} is not an ICON role type"),
                )
                .label("unknown role type")
                .help(format!(
                    "use {allowed}, each optionally prefixed with `~` to exclude it"
                )),
            };
            out.push(finding);
        }
    }
}
