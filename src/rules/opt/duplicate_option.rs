use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::parse::options::OptionEntry;
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
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let sections = &app.doc.sections;
        // Repeated headers of a section are one section: each is known by its first header.
        let mut first_of_name = std::collections::HashMap::new();
        let first_header: Vec<usize> = sections
            .iter()
            .enumerate()
            .map(|(i, section)| *first_of_name.entry(section.name).or_insert(i))
            .collect();
        // Duplicates are rare: first a sort of one word per option (its group, length, and
        // first and last bytes), which equal names share. Only when two words are equal are
        // the names compared.
        let fingerprint = |group: usize, name: &str| {
            let bytes = name.as_bytes();
            let n = bytes.len().min(8);
            let (mut head, mut tail) = ([0u8; 8], [0u8; 8]);
            head[..n].copy_from_slice(&bytes[..n]);
            tail[..n].copy_from_slice(&bytes[bytes.len() - n..]);
            u64::from_le_bytes(head)
                ^ u64::from_le_bytes(tail).rotate_left(23)
                ^ (bytes.len() as u64).rotate_right(8)
                ^ (group as u64).rotate_right(16)
        };
        let mut fingerprints: Vec<u64> = sections
            .iter()
            .zip(&first_header)
            .flat_map(|(section, &group)| {
                section
                    .options
                    .iter()
                    .map(move |option| fingerprint(group, option.name))
            })
            .collect();
        fingerprints.sort_unstable();
        if fingerprints.windows(2).all(|pair| pair[0] != pair[1]) {
            return;
        }
        // Sorted, not hashed: a hash of every option name cost a tenth of a run (and a fast
        // hash without keys would let a crafted file make it quadratic). The sort key starts
        // with the name's length and first bytes in one integer, so most comparisons never
        // reach the names; ties end on the position, so each group starts with the first
        // definition.
        let key = |name: &str| {
            let mut prefix = [0u8; 8];
            prefix[0] = name.len().min(255) as u8;
            let head = &name.as_bytes()[..name.len().min(7)];
            prefix[1..=head.len()].copy_from_slice(head);
            u64::from_be_bytes(prefix)
        };
        let mut options: Vec<(u64, usize, &OptionEntry)> = sections
            .iter()
            .zip(first_header)
            .flat_map(|(section, group)| {
                section
                    .options
                    .iter()
                    .map(move |option| (key(option.name), group, option))
            })
            .collect();
        options.sort_unstable_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| a.2.name.cmp(b.2.name))
                .then_with(|| a.2.name_span.start.cmp(&b.2.name_span.start))
        });
        for group in options.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1) && a.2.name == b.2.name) {
            let (_, header, first) = group[0];
            let section = &sections[header];
            for &(_, _, option) in &group[1..] {
                let place = section.name.map_or_else(
                    || "before the first section".to_owned(),
                    |s| format!("in `[{s}]`"),
                );
                out.push(
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
    }
}
