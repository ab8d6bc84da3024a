use crate::finding::{Finding, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::schema;

declare_rule! {
    /// ## What it does
    /// Reports an option that the schema of its (documented) section does not know, but
    /// only when a documented option is a close match: one edit away for short names, two
    /// for long ones (`run-schedular` → `run-scheduler`). Unknown options with no close
    /// match are normal (custom and undocumented options exist) and are never reported,
    /// nor are names that a schema documents anywhere.
    ///
    /// ## Why is this bad?
    /// A misspelt option is an option the application never reads: it runs with the
    /// default of the option you meant.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-aggregates=false
    /// run-schedular=false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-aggregates=false
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Correct the name; the suggested fix renames it to the close match.
    pub struct UnknownOption {
        code: "OPT013",
        name: "unknown-option",
        severity: Warning,
        fix: Suggestion,
        applies_to: &[],
        phase: None,
        summary: "an unknown option of a documented section, reported only when a documented option is a close match",
        source: "the option schemas under schemas/, each fact with its documentation URL",
    }
}

/// How many edits still make a close match: one for short names, two for long ones.
fn max_edits(name: &str) -> usize {
    if name.chars().count() < 10 {
        1
    } else {
        2
    }
}

/// Whether any schema documents an option of this name, in any section.
fn documented_anywhere(name: &str) -> bool {
    schema::files()
        .iter()
        .flat_map(|s| s.sections.values())
        .any(|section| section.options.contains_key(name))
}

impl Rule for UnknownOption {
    fn check_options(&self, _ctx: &Context, app: &Application) -> Vec<Finding> {
        let Some(schema) = schema::for_kind(app.kind) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for section in &app.doc.sections {
            let Some(described) = section.name.and_then(|n| schema.section(n)) else {
                continue;
            };
            for option in &section.options {
                let name = option.name;
                if described.find(name).is_some() || documented_anywhere(name) {
                    continue;
                }
                let closest = described
                    .option_names()
                    .filter(|known| !known.eq_ignore_ascii_case(name))
                    .map(|known| (strsim::damerau_levenshtein(name, known), known))
                    .filter(|(distance, _)| *distance <= max_edits(name))
                    .min();
                let Some((_, known)) = closest else { continue };
                findings.push(
                    Finding::new(&Self::META, option.name_span, format!("unknown option `{name}`: did you mean `{known}`?"))
                        .label("not a documented option")
                        .help(format!("rename it to `{known}` if that is what you meant; the application does not read `{name}`"))
                        .fix(Fix::suggest_replacing(option.name_span, known.to_owned(), format!("rename the option to `{known}`"))),
                );
            }
        }
        findings
    }
}
