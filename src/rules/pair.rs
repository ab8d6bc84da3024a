//! Comparing the two applications of a pair (an ICON HA pair, a GIM active-active pair).

use crate::base::value::equivalent;
use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::missing_option_anchor_in;
use crate::rules::opt::shown_value;
use std::collections::BTreeSet;

/// The partner of `app` when gimlint.toml declares a pair (from either side), and only for
/// the first of the two in the run, so that each difference is reported once.
pub fn partner<'p, 'a>(
    ctx: &'p crate::rules::Context<'a>,
    app: &Application,
) -> Option<&'p Application<'a>> {
    let project = ctx.project;
    let topology = project.topology.as_ref()?;
    let declared = project.declared(app)?;
    let partner_name = declared.ha_pair.as_deref().or_else(|| {
        topology
            .config
            .applications
            .iter()
            .find(|a| a.ha_pair.as_deref() == Some(declared.name.as_str()))
            .map(|a| a.name.as_str())
    })?;
    let partner_index = topology.file_named(partner_name)?;
    let partner = project.app(partner_index)?;
    (ctx.current < partner_index).then_some(partner)
}

/// One finding per option whose value differs between `app` and `partner`, in the sections
/// `in_section` accepts, in section and option order, pushed into `out`.
pub fn differences(
    rule: &'static RuleMeta,
    out: &mut Findings,
    app: &Application,
    partner: &Application,
    in_section: impl Fn(&str) -> bool,
) {
    let mut here = app.doc.options_by_name();
    let mut there = partner.doc.options_by_name();
    here.retain(|(section, _), _| in_section(section));
    there.retain(|(section, _), _| in_section(section));
    let sections_here = app.doc.sections_by_name();
    let names: BTreeSet<(&str, &str)> = here.keys().chain(there.keys()).copied().collect();
    let other = &partner.source.path;
    for (section, name) in names {
        let finding = match (here.get(&(section, name)), there.get(&(section, name))) {
            (Some(h), Some(t)) if equivalent(h.value, t.value) => continue,
            (Some(h), Some(t)) => Finding::new(
                rule,
                h.value_span,
                format!(
                    "`[{section}] {name}` is {} here but {} in `{other}`",
                    shown_value(h),
                    shown_value(t)
                ),
            )
            .label("differs in the pair"),
            (Some(h), None) => Finding::new(
                rule,
                h.name_span,
                format!("`[{section}] {name}` is set here but not in `{other}`"),
            )
            .label("only here"),
            (None, Some(t)) => {
                let last = sections_here.get(section).copied();
                let (anchor, _) = missing_option_anchor_in(app, last, section, name);
                Finding::new(
                    rule,
                    anchor,
                    format!(
                        "`[{section}] {name}` is {} in `{other}` but not set here",
                        shown_value(t)
                    ),
                )
                .label(format!("no `{name}` here"))
            }
            (None, None) => continue,
        };
        out.push(finding.help(format!(
            "make `[{section}] {name}` the same in both applications of the pair"
        )));
    }
}
