use super::{described_options, is_shown, listed, value_problem};
use crate::base::text::closest;
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema::value::ValueProblem;

declare_rule! {
    /// ## What it does
    /// Reports a value (or an item of a comma-separated list) that is not one of the values
    /// the option allows, lists the allowed values when there are at most eight, and
    /// suggests the closest one. Values are compared as the documentation says: ICON's
    /// `adata-userdata-history=Last` is not `last`.
    ///
    /// ## Why is this bad?
    /// An application that meets a value it does not know falls back to its default
    /// without a word: the setting you wrote is not the one that runs.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// adata-userdata-history=every
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// adata-userdata-history=all
    /// ```
    ///
    /// ## Fix
    /// Use one of the allowed values; the suggested fix replaces a near miss with the
    /// closest one.
    pub struct ValueNotAllowed {
        code: "OPT011",
        name: "value-not-allowed",
        severity: Error,
        fix: Suggestion,
        applies_to: &[],
        phase: None,
        summary: "a value not in the option's allowed set (listed when few; did-you-mean)",
        source: "the option schemas under schemas/, each fact with its documentation URL",
    }
}

impl Rule for ValueNotAllowed {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        described_options(ctx, app)
            .into_iter()
            .filter_map(|(option, found)| {
                let Some(ValueProblem::NotAllowed { item }) = value_problem(option, &found) else {
                    return None;
                };
                let values = found.option.allowed_values();
                let allowed = listed(&values, found.section_name, found.option_name);
                let span = option.span_of(item);
                let bare = if found.option.negatable {
                    item.trim_start_matches('~')
                } else {
                    item
                };
                if !is_shown(option) {
                    let finding = Finding::new(
                        &Self::META,
                        option.value_span,
                        format!("the (hidden) value of `{}` is not an allowed value: expected {allowed}", option.name),
                    )
                    .label("not allowed")
                    .help(format!("use {allowed}"));
                    return Some(finding);
                }
                let mut finding = Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "`{item}` is not an allowed value of `{}`: expected {allowed}",
                        option.name
                    ),
                )
                .label("not allowed");
                finding = match closest(bare, values.iter().copied()) {
                    Some(suggestion) => {
                        let replacement =
                            format!("{}{suggestion}", &item[..item.len() - bare.len()]);
                        finding.help(format!("did you mean `{replacement}`?")).fix(
                            Fix::suggest_replacing(
                                span,
                                replacement.clone(),
                                format!("replace `{item}` with `{replacement}`"),
                            ),
                        )
                    }
                    None => finding.help(format!("use {allowed}")),
                };
                if !found.option.confirmed {
                    super::downgrade_unconfirmed(&mut finding);
                }
                Some(finding)
            })
            .for_each(|finding| out.push(finding));
    }
}
