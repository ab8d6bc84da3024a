use super::{described_options, shown_value};
use crate::base::value::same_meaning;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema::{self, Requirement};

declare_rule! {
    /// ## What it does
    /// Reports an option set to a value that the documentation says needs another option
    /// set too ("you must also set …"), when that other option holds something else. An
    /// absent option counts with its documented default; when it has none, the rule says
    /// nothing. The requirements are data: the `requires` entries of the option schemas,
    /// each with the documentation's sentence and its page. Among them:
    /// - ICON `om-flush-adata=1` needs `om-memory-optimization=1` and `calls-in-the-past=true`;
    /// - ICON `store-releasing-party` needs the five `[filter-data]` party and call metrics
    ///   options at `0`;
    /// - ICON `[custom-states] store-event-extensions` needs
    ///   `[callconcentrator] enable-supervision-subscription=true`;
    /// - WFM Web `CommitAgentInsertedExceptions=true` needs `AllowInsertExceptions=true`;
    /// - WFM Server `[Server] webevents=1` needs `[auth] provider`.
    ///
    /// ## Why is this bad?
    /// The setting does nothing, or does not work as documented, until the other option is
    /// set: the behaviour you configured is not the one that runs.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// om-flush-adata=1
    /// om-memory-optimization=0
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// om-flush-adata=1
    /// om-memory-optimization=1
    /// ```
    ///
    /// ## Fix
    /// Set the other option as the documentation asks, or leave this one at its default.
    pub struct UnmetRequirement {
        code: "OPT017",
        name: "unmet-requirement",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "an option set to a value that needs another option set too, which it is not",
        source: "the `requires` entries of the option schemas under schemas/, each with its documentation URL",
    }
}

/// What the required option holds: its value with the place to point at, or its
/// documented default.
enum Held<'a> {
    Set(&'a crate::parse::options::OptionEntry<'a>),
    Default(&'static str),
}

impl Rule for UnmetRequirement {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(schema) = schema::for_kind(app.kind) else {
            return;
        };
        for (option, found) in described_options(ctx, app) {
            let section = option.section.unwrap_or_default();
            for requirement in &found.option.requires {
                let Requirement {
                    when,
                    option: other,
                    is,
                    quote,
                    ..
                } = requirement;
                if !when.iter().any(|w| same_meaning(option.value, w)) {
                    continue;
                }
                let other_section = requirement.section.as_deref().unwrap_or(section);
                let held = match app.option(other_section, other) {
                    Some(entry) => Held::Set(entry),
                    None => match schema
                        .find(other_section, other)
                        .and_then(|f| f.option.default.as_deref())
                    {
                        Some(default) => Held::Default(default),
                        None => continue,
                    },
                };
                let value = match &held {
                    Held::Set(entry) => entry.value,
                    Held::Default(default) => default,
                };
                if is.iter().any(|v| same_meaning(value, v)) {
                    continue;
                }
                let wanted = is
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let now = match &held {
                    Held::Set(entry) => format!("it is {}", shown_value(entry)),
                    Held::Default(default) => format!("it is not set (default `{default}`)"),
                };
                let mut finding = Finding::new(
                    &Self::META,
                    option.value_span,
                    format!(
                        "`{}` needs `[{other_section}] {other}` to be {wanted}, but {now}",
                        option.name
                    ),
                )
                .label(format!("needs `{other}` = {wanted}"))
                .help(format!(
                    "set `[{other_section}] {other}` to {wanted}, or leave `{}` at its default; the documentation says: \"{quote}\" (`gimlint explain {section}/{}` gives the page)",
                    option.name, option.name
                ));
                if let Held::Set(entry) = held {
                    finding = finding.secondary(entry.value_span, "not what it needs");
                }
                out.push(finding);
            }
        }
    }
}
