use crate::base::span::Span;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::parse::options::OptionEntry;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an attached-data key named both in ICON's `[custom-states] AgentUserFields`
    /// (triples `Type,FieldName,KeyName`) and in `EventData` (pairs `Type,KeyName`). When
    /// `EventData` continues in `EventData_1`, `EventData_2`, … the rule stays quiet: how the
    /// parts join is not documented.
    ///
    /// ## Why is this bad?
    /// The option page says: "Configurations in which a particular key is specified in more
    /// than one of the following options are not supported: AgentUserFields, EventData, and
    /// GlobalData." ICON stores such a key in neither place reliably.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// role=all
    ///
    /// [custom-states]
    /// AgentUserFields=char,CUSTOMER_ID,CustomerId
    /// EventData=char,CustomerId
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// role=all
    ///
    /// [custom-states]
    /// AgentUserFields=char,CUSTOMER_ID,CustomerId
    /// EventData=char,CustomerSegment
    /// ```
    ///
    /// ## Fix
    /// Keep each key in one of the options.
    pub struct CustomStatesKeyRepeated {
        code: "ICN013",
        name: "custom-states-key-repeated",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["custom-states/AgentUserFields", "custom-states/EventData"],
        summary: "a key is named in both `AgentUserFields` and `EventData`, which ICON does not support",
        source: "ICON options reference, custom-states section: https://docs.genesys.com/Documentation/Options/latest/ICON/ICON-custom-states",
    }
}

/// The key names of a list of `width`-item groups whose last item is the key, with spans.
/// `None` when the list is not made of whole groups: then the rule does not guess.
fn keys<'o>(option: &'o OptionEntry, width: usize) -> Option<Vec<(&'o str, Span)>> {
    let items: Vec<&str> = option.value.split(',').collect();
    if option.value.is_empty() || items.len() % width != 0 {
        return None;
    }
    Some(
        items
            .chunks(width)
            .map(|group| {
                let key = group[width - 1].trim();
                (key, option.span_of(key))
            })
            .collect(),
    )
}

impl Rule for CustomStatesKeyRepeated {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let (Some(fields), Some(event_data)) = (
            app.option("custom-states", "AgentUserFields"),
            app.option("custom-states", "EventData"),
        ) else {
            return;
        };
        let continued = app
            .doc
            .sections_named("custom-states")
            .flat_map(|s| &s.options)
            .any(|o| o.name.starts_with("EventData_"));
        if continued {
            return;
        }
        let (Some(field_keys), Some(event_keys)) = (keys(fields, 3), keys(event_data, 2)) else {
            return;
        };
        event_keys
            .iter()
            .filter_map(|(key, span)| {
                let (_, first) = field_keys.iter().find(|(k, _)| k == key)?;
                Some(
                    Finding::new(
                        &Self::META,
                        *span,
                        format!("key `{key}` is in both `AgentUserFields` and `EventData`, which ICON does not support"),
                    )
                    .label("again here")
                    .secondary(*first, "first in AgentUserFields")
                    .help("keep the key in one of the two options"),
                )
            })
            .for_each(|finding| out.push(finding));
    }
}
