//! The commands that make something else than findings: `inventory`, `report` (readiness)
//! and `explain`.

use super::args::{
    settings, InventoryArgs, InventoryFormat, ReportArgs, ReportFormat, RulesArgs, RulesFormat,
};
use super::lint::lint_all;
use super::{Environment, Outcome};
use crate::config;
use crate::docs;
use crate::engine::{ExitStatus, Input};
use crate::report;
use crate::rules::{self, selection};
use crate::schema;
use crate::settings::Settings;
use std::path::PathBuf;

pub(super) fn inventory(args: &InventoryArgs, env: &Environment) -> Outcome {
    // The inventory runs no rule; it needs gimlint.toml only for the kinds it declares, and
    // for what the walk leaves out.
    let config = config::locate(
        args.config.as_deref(),
        args.paths.first().map(PathBuf::as_path),
    )
    .map(crate::engine::settings::read_config);
    let loaded = config.as_ref().and_then(|file| file.loaded.as_deref().ok());
    let exclusions =
        crate::engine::settings::exclusions(&Default::default(), loaded).unwrap_or_default();
    let settings = Settings {
        config,
        exclusions,
        ..Settings::all_rules(&env.today)
    };
    let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    let (apps, errors) = crate::engine::inventory(&inputs, &settings);
    let stdout = match args.format {
        InventoryFormat::Markdown => report::inventory::markdown(&apps),
        InventoryFormat::Json => report::inventory::json(&apps),
    };
    Outcome {
        stdout,
        streamed: None,
        stderr: errors.iter().map(report::error_line).collect(),
        status: if errors.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Error
        },
        files: Vec::new(),
        created: None,
    }
}

pub(super) fn readiness_report(args: &ReportArgs, env: &Environment) -> Outcome {
    let start = args.paths.first().map(PathBuf::as_path);
    let settings = match settings(&args.rules, args.phase, args.fail_on, &env.today, start) {
        // The report lists each input's SHA-256, so that it can be matched to the files later.
        Ok(settings) => Settings {
            digests: true,
            ..settings
        },
        Err(message) => return Outcome::usage_error(message),
    };
    let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    let report = lint_all(&inputs, &settings);
    let generated_at = args.timestamp.then(|| env.now_utc.clone());
    let readiness = crate::readiness::assess(&report, &settings, generated_at);
    let text = match args.format {
        ReportFormat::Html => report::readiness::html::render(&report, &readiness),
        ReportFormat::Markdown => report::readiness::markdown::render(&report, &readiness),
        ReportFormat::Json => report::readiness::json::render(&report, &readiness),
    };
    let mut outcome = Outcome {
        stdout: String::new(),
        streamed: None,
        stderr: report.errors.iter().map(report::error_line).collect(),
        status: report.exit_status(settings.fail_on),
        files: Vec::new(),
        created: None,
    };
    match &args.output {
        Some(path) => {
            outcome.stdout = format!(
                "{}: {} written to {}\n",
                readiness.verdict.label(),
                "readiness report",
                path.display()
            );
            outcome.files.push((path.clone(), text));
        }
        None => outcome.stdout = text,
    }
    outcome
}

pub(super) fn explain(topic: &str) -> Outcome {
    if let Some(rule) = rules::find(topic) {
        return Outcome::ok(docs::rule_page(rule.meta()));
    }
    if let Some((section, option)) = option_topic(topic) {
        let found = schema::lookup(section, option);
        if found.is_empty() {
            return Outcome::usage_error(format!(
                "gimlint's schemas do not document `{option}` in `[{section}]`{}",
                option_hint(section, option)
            ));
        }
        return Outcome::ok(
            found
                .iter()
                .map(docs::option_page)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    match selection::resolve(&[topic.to_owned()], &[]) {
        Ok(codes) => Outcome::ok(rule_list(topic, &codes)),
        Err(message) => Outcome::usage_error(format!(
            "{message}; `gimlint explain` takes a rule, or an option as section/option{}",
            sections_documenting(topic.trim())
        )),
    }
}

/// For an option named without its section (`run-scheduler`): the topics that name it with
/// each section documenting it.
fn sections_documenting(option: &str) -> String {
    let mut topics: Vec<String> = schema::files()
        .iter()
        .flat_map(|f| f.sections.iter())
        .filter(|(_, section)| section.options.contains_key(option))
        .map(|(name, _)| format!("`{name}/{option}`"))
        .collect();
    topics.sort();
    topics.dedup();
    match topics.len() {
        0 => String::new(),
        1..=5 => format!(" (did you mean {}?)", topics.join(" or ")),
        n => format!(
            " ({n} sections document `{option}`: name one, as in {})",
            topics[0]
        ),
    }
}

/// The section and option an `explain` topic names, in each form a user meets:
/// `schedule/run-scheduler`, `schedule.run-scheduler` and `[schedule] run-scheduler` (how
/// gimlint's own messages name an option). Option names may hold dots, so a dotted topic is
/// split at the first dot that names a documented option, else at the first.
fn option_topic(topic: &str) -> Option<(&str, &str)> {
    let topic = topic.trim();
    if let Some(rest) = topic.strip_prefix('[') {
        let (section, option) = rest.split_once(']')?;
        return Some((section.trim(), option.trim()));
    }
    if let Some(split) = topic.rsplit_once('/') {
        return Some(split);
    }
    let dots: Vec<(&str, &str)> = topic
        .match_indices('.')
        .map(|(at, _)| (&topic[..at], &topic[at + 1..]))
        .collect();
    dots.iter()
        .find(|(section, option)| !schema::lookup(section, option).is_empty())
        .or(dots.first())
        .copied()
}

/// "; did you mean …" for an option no schema documents: the closest option of that
/// section, else the closest section.
fn option_hint(section: &str, option: &str) -> String {
    let sections = || {
        schema::files()
            .iter()
            .flat_map(|f| f.sections.iter())
            .map(|(name, s)| (name.as_str(), s))
    };
    let options_of_section = sections()
        .filter(|(name, _)| *name == section)
        .flat_map(|(_, s)| s.options.keys().map(String::as_str));
    if let Some(near) = crate::base::text::closest(option, options_of_section) {
        return format!("; did you mean `{section}/{near}`?");
    }
    let documented_in = sections()
        .find(|(_, s)| s.options.contains_key(option))
        .map(|(name, _)| name);
    if let Some(other) = documented_in {
        return format!("; did you mean `{other}/{option}`?");
    }
    match crate::base::text::closest(section, sections().map(|(name, _)| name)) {
        Some(near) if near != section => format!("; did you mean `[{near}]`?"),
        _ => String::new(),
    }
}

/// `gimlint rules [SELECTOR…]`: the rules the selectors stand for (all without one), as a
/// table or JSON.
pub(super) fn rules(args: &RulesArgs) -> Outcome {
    let codes = match selection::resolve(&args.selectors, &[]) {
        Ok(codes) => codes,
        Err(message) => return Outcome::usage_error(message),
    };
    Outcome::ok(match args.format {
        RulesFormat::Text => docs::rules_table(&codes),
        RulesFormat::Json => docs::rules_json(&codes),
    })
}

/// `gimlint explain GIM`: the rules a prefix (or `ALL`) stands for, one a line, and how to
/// read one.
pub(super) fn rule_list(topic: &str, codes: &std::collections::BTreeSet<&str>) -> String {
    let metas: Vec<_> = rules::REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| codes.contains(m.code))
        .collect();
    let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "`{topic}` names {}:\n\n",
        crate::base::text::plural(metas.len(), "rule")
    );
    for m in &metas {
        out.push_str(&format!(
            "  {:<7} {:<name_width$} {:<8} {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary
        ));
    }
    let example = metas.first().map_or("GIM001", |m| m.code);
    out.push_str(&format!(
        "\n`gimlint explain {example}` prints a rule's documentation.\n"
    ));
    out
}
