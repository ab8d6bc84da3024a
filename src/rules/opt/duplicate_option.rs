use crate::finding::Finding;
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an option defined twice in the same section, including across repeated
    /// headers of that section.
    ///
    /// ## Why is this bad?
    /// A section holds one value per option name. With two definitions, which one an import
    /// keeps is not documented: the value you read may not be the value Genesys runs with.
    /// gimlint's own rules read the last definition. Option names are case-sensitive:
    /// `Verbose` and `verbose` are different options, not duplicates.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// run-scheduler=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Keep the definition you mean and delete the others.
    pub struct DuplicateOption {
        code: "OPT003",
        name: "duplicate-option",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "the same option name twice in one section",
        source: "GAX Help, CFG/CONF File Format (one `option-name=value` per option): https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt",
    }
}

impl Rule for DuplicateOption {
    fn check_options(&self, _ctx: &Context, app: &Application) -> Vec<Finding> {
        // Sorted by (name, section, position) rather than hashed: no hashing of every option
        // of every file, names first since they differ early and section names rarely do,
        // and each group's first entry is the first definition.
        let mut options: Vec<_> = app
            .doc
            .sections
            .iter()
            .flat_map(|section| section.options.iter().map(move |o| (section.name, o)))
            .collect();
        options.sort_unstable_by_key(|(section, option)| {
            (option.name, *section, option.name_span.start)
        });
        let mut findings = Vec::new();
        for group in options.chunk_by(|a, b| a.0 == b.0 && a.1.name == b.1.name) {
            let (section, first) = group[0];
            for (_, option) in &group[1..] {
                let place = section.map_or_else(
                    || "before the first section".to_owned(),
                    |s| format!("in `[{s}]`"),
                );
                findings.push(
                    Finding::new(
                        &Self::META,
                        option.name_span,
                        format!("option `{}` is defined more than once {place}", option.name),
                    )
                    .label("defined again here")
                    .secondary(first.name_span, "first defined here")
                    .help("keep one definition and delete the others; which one an import keeps is not documented"),
                );
            }
        }
        findings
    }
}
