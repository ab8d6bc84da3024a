use super::{described_sections, view};
use crate::diagnostic::{Finding, Findings, Fix};
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
fn max_edits(length: usize) -> usize {
    if length < 10 {
        1
    } else {
        2
    }
}

/// The length of a name in characters; in bytes when it is ASCII, as almost every name is.
fn char_count(name: &str) -> usize {
    if name.is_ascii() {
        name.len()
    } else {
        name.chars().count()
    }
}

impl Rule for UnknownOption {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let view = view(ctx, app);
        for (_, described, options) in described_sections(&view, app) {
            for (option, found) in options {
                let name = option.name;
                if found.is_some() {
                    continue;
                }
                let length = char_count(name);
                let max = max_edits(length);
                // Most unknown options are custom ones, far from every documented name: the
                // buckets their bytes fall in, then their lengths, discard those first.
                let ascii = name.is_ascii();
                let signature = schema::name_signature(name);
                let closest = described
                    .option_names()
                    .filter(|&(known, known_signature)| {
                        let far = ascii
                            && known.is_ascii()
                            && (signature ^ known_signature).count_ones() as usize > 2 * max;
                        !far && char_count(known).abs_diff(length) <= max
                    })
                    .map(|(known, _)| known)
                    .filter(|known| !known.eq_ignore_ascii_case(name))
                    .map(|known| (strsim::osa_distance(name, known), known))
                    .filter(|(distance, _)| *distance <= max)
                    .min();
                // A name documented in another section is not a typo of this one.
                let Some((_, known)) = closest.filter(|_| !schema::documented_anywhere(name))
                else {
                    continue;
                };
                out.push(
                    Finding::new(&Self::META, option.name_span, format!("unknown option `{name}`: did you mean `{known}`?"))
                        .label("not a documented option")
                        .help(format!("rename it to `{known}` if that is what you meant; the application does not read `{name}`"))
                        .fix(Fix::suggest_replacing(option.name_span, known.to_owned(), format!("rename the option to `{known}`"))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signature bound never discards a name within the edit distance.
    #[test]
    fn the_signature_bound_is_below_the_edit_distance() {
        let names = [
            "run-scheduler",
            "run-schedular",
            "run-shceduler",
            "runscheduler",
            "verbose",
            "verbos",
            "vrebose",
            "Verbose",
            "check-point",
            "chekc-point",
            "time_format",
            "time-format",
        ];
        for a in names {
            for b in names {
                let apart = (schema::name_signature(a) ^ schema::name_signature(b)).count_ones();
                assert!(apart as usize <= 2 * strsim::osa_distance(a, b), "{a} {b}");
            }
        }
    }
}
