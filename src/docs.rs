//! Text generated from the rule registry: `gimlint rules`, `gimlint explain` and the pages
//! under `docs/rules/` (kept fresh by a test).

use crate::diagnostic::RuleMeta;
use crate::rules::REGISTRY;
use crate::schema::{Found, OptionSchema, OptionType, Scope};
use std::fmt::Write;

/// The documentation page of a rule, as `gimlint explain` prints it and as
/// `docs/rules/<CODE>.md` holds it.
pub fn rule_page(meta: &RuleMeta) -> String {
    let applies_to = if meta.applies_to.is_empty() {
        "every option file".to_owned()
    } else {
        meta.applies_to
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let phase = meta.phase.map_or("pre- and post-migration", |p| p.as_str());
    let mut page = String::new();
    let _ = writeln!(page, "# {}: {}\n", meta.code, meta.name);
    let _ = writeln!(page, "{}\n", meta.summary);
    let _ = writeln!(page, "| default severity | fixable | checks | phase |");
    let _ = writeln!(page, "|---|---|---|---|");
    let _ = writeln!(
        page,
        "| {} | {} | {} | {} |\n",
        meta.severity,
        meta.fix.as_str(),
        applies_to,
        phase
    );
    if !meta.options.is_empty() {
        let options: Vec<String> = meta.options.iter().map(|o| format!("`{o}`")).collect();
        let _ = writeln!(page, "Reads {}.\n", options.join(", "));
    }
    let _ = writeln!(page, "{}\n", meta.doc());
    let _ = writeln!(page, "## Source\n\n{}", meta.source);
    page
}

/// The index page `docs/rules/README.md`.
pub fn rules_index() -> String {
    let mut page =
        String::from("# Rules\n\nGenerated from the rule files by `cargo test`; do not edit.\n\n");
    page.push_str("| code | name | severity | fixable | summary |\n|---|---|---|---|---|\n");
    for rule in REGISTRY {
        let m = rule.meta();
        let _ = writeln!(
            page,
            "| [{}]({}.md) | {} | {} | {} | {} |",
            m.code,
            m.code,
            m.name,
            m.severity,
            m.fix.as_str(),
            m.summary.replace('|', "\\|")
        );
    }
    page
}

/// The table of `gimlint rules`.
/// `gimlint rules`: the rules of `codes`, one a line, under a header.
pub fn rules_table(codes: &std::collections::BTreeSet<&str>) -> String {
    let metas = metas_of(codes);
    let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<7} {:<name_width$} {:<8} {:<10} summary",
        "code", "name", "severity", "fixable"
    );
    for m in metas {
        let _ = writeln!(
            out,
            "{:<7} {:<name_width$} {:<8} {:<10} {}",
            m.code,
            m.name,
            m.severity.as_str(),
            m.fix.as_str(),
            m.summary
        );
    }
    out
}

/// The rules of `codes`, in the registry's order.
fn metas_of(codes: &std::collections::BTreeSet<&str>) -> Vec<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| codes.contains(m.code))
        .collect()
}

/// `gimlint rules --format json`: an array of the rules of `codes`, each with its code,
/// name, default severity, summary, `fixable` (`yes`, `suggestion` or `no`, as the table
/// says) and the URL of its page.
pub fn rules_json(codes: &std::collections::BTreeSet<&str>) -> String {
    let rules: Vec<serde_json::Value> = metas_of(codes)
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "code": m.code,
                "name": m.name,
                "severity": m.severity.as_str(),
                "summary": m.summary,
                "fixable": m.fix.as_str(),
                "url": m.url(),
            })
        })
        .collect();
    // A Vec of JSON values always serializes.
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// The rules that look at an option: those that name it, and the schema rules that apply to
/// its type and releases.
pub fn rules_for_option(found: &Found) -> Vec<&'static str> {
    let named = |rule_option: &str| {
        let (section, option) = rule_option.split_once('/').unwrap_or(("", rule_option));
        let same_section =
            section == found.section_name || found.part.section.same_as.as_deref() == Some(section);
        same_section && option == found.option_name
    };
    let o = found.option;
    let generic_value_rule = |code: &str| {
        o.checked_by.is_none()
            && match code {
                "OPT010" => !matches!(
                    o.ty,
                    OptionType::String
                        | OptionType::Path
                        | OptionType::Enum
                        | OptionType::ListOfEnum
                        | OptionType::LogOutput
                ),
                "OPT011" => matches!(
                    o.ty,
                    OptionType::Enum | OptionType::ListOfEnum | OptionType::LogFilterType
                ),
                "OPT012" => o.min.is_some() || o.max.is_some(),
                "OPT017" => !o.requires.is_empty(),
                _ => false,
            }
    };
    let by_releases = |code: &str| match code {
        "OPT015" => found.release(&o.introduced).is_some(),
        "OPT016" => found.release(&o.removed).is_some(),
        _ => false,
    };
    // Names are compared with documented ones unless the section's names are data; case
    // only with the kind's own schemas (WFM writes the Framework's `[log]` as `[Log]`).
    let names_checked = |code: &str| {
        !found.part.section.names_are_data
            && match code {
                "OPT013" => true,
                "OPT014" => found.part.is_own(),
                _ => false,
            }
    };
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| match found.part.file.scope {
            Scope::Framework => m.applies_to.is_empty(),
            Scope::Kind(kind) => m.applies_to.is_empty() || m.applies_to.contains(&kind),
        })
        .filter(|m| {
            m.options.iter().any(|o| named(o))
                || generic_value_rule(m.code)
                || by_releases(m.code)
                || names_checked(m.code)
        })
        .map(|m| m.code)
        .collect()
}

/// What `gimlint explain section/option` prints for one schema entry.
pub fn option_page(found: &Found) -> String {
    let o = found.option;
    let mut page = String::new();
    let option_name = match found.option_name {
        "*" => "<any name: the names of this section are data>",
        name => name,
    };
    let _ = writeln!(page, "# [{}] {option_name}\n", found.section_name);
    let _ = writeln!(page, "{} option.\n", found.owner());
    let mut row = |name: &str, value: String| {
        let _ = writeln!(page, "- {name}: {value}");
    };
    row("type", format!("{}: {}", o.ty.name(), o.ty.expected_form()));
    if let Some(values) = &o.values {
        let prefix = if o.negatable {
            " (each may be prefixed with `~` to exclude it)"
        } else {
            ""
        };
        let case = if o.case_sensitive {
            ", case-sensitive"
        } else {
            ""
        };
        row(
            "values",
            format!(
                "{}{prefix}{case}",
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    match (o.min, o.max) {
        (Some(min), Some(max)) => row("range", format!("{min} to {max}")),
        (Some(min), None) => row("range", format!("at least {min}")),
        (None, Some(max)) => row("range", format!("at most {max}")),
        (None, None) => {}
    }
    let default_disputed = o.disputed.iter().any(|d| d.fact == "default");
    row(
        "default",
        match &o.default {
            Some(d) => format!("`{d}`"),
            None if default_disputed => "disputed: the pages disagree (below)".to_owned(),
            None => match &o.default_as_documented {
                Some(words) => format!("no single value: the page reads \"{words}\""),
                None => "none stated".to_owned(),
            },
        },
    );
    if let Some(valid) = &o.valid {
        row("valid values, as documented", valid.clone());
    }
    if let Some(takes_effect) = &o.takes_effect {
        row("takes effect", takes_effect.clone());
    }
    if let Some(dependencies) = &o.dependencies {
        row("dependencies", dependencies.clone());
    }
    if let Some(introduced) = &o.introduced {
        row("introduced", introduced.clone());
    }
    for modified in &o.modified {
        row(
            "modified",
            format!(
                "{}: {} ({})",
                modified.release, modified.change, modified.source
            ),
        );
    }
    if let Some(removed) = &o.removed {
        let replacement = o
            .replaced_by
            .as_deref()
            .map_or(String::new(), |r| format!(", replaced by `{r}`"));
        row("removed", format!("{removed}{replacement}"));
    }
    if !o.confirmed {
        row(
            "confirmed",
            "no: no reachable source states these facts, so they never raise an error".to_owned(),
        );
    }
    if let Some(note) = &o.note {
        row("note", note.clone());
    }
    for disputed in &o.disputed {
        row(
            "disputed",
            format!(
                "{} `{}` ({})",
                disputed.fact, disputed.value, disputed.source
            ),
        );
    }
    for requirement in &o.requires {
        row(
            "requires",
            format!(
                "when {}: `[{}] {}` is {} (\"{}\", {})",
                requirement.when.join(" or "),
                requirement.section.as_deref().unwrap_or(found.section_name),
                requirement.option,
                requirement.is.join(" or "),
                requirement.quote,
                requirement.source
            ),
        );
    }
    row("source", o.source.clone());
    for (fact, source) in &o.sources {
        row(&format!("source of {fact}"), source.clone());
    }
    let rules: Vec<String> = rules_for_option(found)
        .iter()
        .map(|c| c.to_string())
        .collect();
    row(
        "rules",
        if rules.is_empty() {
            "none".to_owned()
        } else {
            rules.join(", ")
        },
    );
    page
}

/// The facts of one option that a schema states, and how many of them are confirmed.
fn fact_count(o: &OptionSchema) -> (usize, usize) {
    let stated = 1 // its type
        + usize::from(o.values.is_some())
        + usize::from(o.default.is_some())
        + usize::from(o.min.is_some() || o.max.is_some())
        + usize::from(o.introduced.is_some())
        + o.modified.len()
        + usize::from(o.removed.is_some());
    (stated, if o.confirmed { stated } else { 0 })
}

/// `docs/options.md`: coverage per product and section, then every option of every schema,
/// whether its facts are confirmed, and their source.
pub fn options_reference() -> String {
    let mut page = String::from(
        "# Options gimlint knows\n\nGenerated from `schemas/*.toml` by `cargo test`; do not edit. \
         `gimlint explain section/option` prints one entry with every fact and its source. Facts \
         marked *unconfirmed* come from no reachable source and never raise an error; an option \
         known by name only is *unconfirmed* too.\n\n## Coverage\n\n\
         | schema | file | sections | options | confirmed | with a default |\n\
         |---|---|---|---|---|---|\n",
    );
    let files = crate::schema::files();
    for file in files {
        let options = file.sections.values().flat_map(|s| s.options.values());
        let _ = writeln!(
            page,
            "| {} | `{}` | {} | {} | {} | {} |",
            file.scope.label(),
            file.file,
            file.sections.len(),
            options.clone().count(),
            options.clone().filter(|o| o.confirmed).count(),
            options.filter(|o| o.default.is_some()).count()
        );
    }
    page.push_str(
        "\nBy section (*facts*: type, values, default, range, releases, each counted once):\n\n\
         | schema | section | options | confirmed | with a default | facts (confirmed) |\n\
         |---|---|---|---|---|---|\n",
    );
    for file in files {
        for (section_name, section) in &file.sections {
            if section.same_as.is_some() {
                continue;
            }
            let options = section.options.values();
            let count = section.options.len();
            let confirmed = options.clone().filter(|o| o.confirmed).count();
            let with_default = options.clone().filter(|o| o.default.is_some()).count();
            let (facts, confirmed_facts) = options
                .map(fact_count)
                .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
            let _ = writeln!(
                page,
                "| {} | `[{section_name}]` | {count} | {confirmed} | {with_default} | {facts} ({confirmed_facts}) |",
                file.scope.label()
            );
        }
    }
    for file in files {
        let _ = writeln!(page, "\n## {} (`{}`)\n", file.scope.label(), file.file);
        let _ = writeln!(
            page,
            "| option | type | default | releases | confirmed | source |"
        );
        let _ = writeln!(page, "|---|---|---|---|---|---|");
        for (section_name, section) in &file.sections {
            if let Some(target) = &section.same_as {
                let _ = writeln!(
                    page,
                    "| `[{section_name}]` | same options as `[{target}]` | | | yes | {} |",
                    section.source
                );
                continue;
            }
            if section.options.is_empty() {
                let _ = writeln!(
                    page,
                    "| `[{section_name}]` | no option reachable | | | | {} |",
                    section.source
                );
            }
            for (name, o) in &section.options {
                let releases = [
                    o.introduced.as_ref().map(|r| format!("since {r}")),
                    o.removed.as_ref().map(|r| format!("removed {r}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                let default = match &o.default {
                    Some(d) => format!("`{d}`"),
                    None if o.disputed.iter().any(|d| d.fact == "default") => {
                        "*disputed*".to_owned()
                    }
                    None => String::new(),
                };
                let _ = writeln!(
                    page,
                    "| `[{section_name}] {name}` | {} | {default} | {releases} | {} | {} |",
                    o.ty.name(),
                    if o.confirmed { "yes" } else { "*unconfirmed*" },
                    o.source
                );
            }
        }
    }
    page
}
