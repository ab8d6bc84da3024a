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
            // Read in place, not copied out (a copy of a length known only at run time
            // called memcpy twice an option); a name under 8 bytes is padded with 0.
            let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
                (Some(head), Some(tail)) => (*head, *tail),
                _ => {
                    let mut padded = [0u8; 8];
                    for (to, &byte) in padded.iter_mut().zip(bytes) {
                        *to = byte;
                    }
                    (padded, padded)
                }
            };
            u64::from_le_bytes(head)
                ^ u64::from_le_bytes(tail).rotate_left(23)
                ^ (bytes.len() as u64).rotate_right(8)
                ^ (group as u64).rotate_right(16)
        };
        let fingerprints = || {
            sections
                .iter()
                .zip(&first_header)
                .flat_map(|(section, &group)| {
                    section
                        .options
                        .iter()
                        .map(move |option| fingerprint(group, option.name))
                })
        };
        if !may_hold_equal(fingerprints, app.doc.lines.len()) {
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

/// Whether two of the fingerprints may be equal (at most `bound` of them): in linear time on
/// the common path, through an open-addressing table; when a probe runs long (a file crafted
/// so that many fingerprints share slots) the answer comes from a sort, as before the table.
fn may_hold_equal<I: Iterator<Item = u64>>(fingerprints: impl Fn() -> I, bound: usize) -> bool {
    /// How many slots a fingerprint may probe before the sort decides.
    const MAX_PROBES: usize = 16;
    // At most half full: probes stay short.
    let bits = (2 * bound.max(8)).next_power_of_two().trailing_zeros();
    let mask = (1usize << bits) - 1;
    // 0 marks an empty slot; a fingerprint 0 is remembered apart.
    let mut table = vec![0u64; mask + 1];
    let mut zero_seen = false;
    for fingerprint in fingerprints() {
        if fingerprint == 0 {
            if std::mem::replace(&mut zero_seen, true) {
                return true;
            }
            continue;
        }
        let mut slot = (fingerprint.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize;
        let mut probes = 0;
        loop {
            match table[slot] {
                0 => {
                    table[slot] = fingerprint;
                    break;
                }
                seen if seen == fingerprint => return true,
                _ if probes == MAX_PROBES => {
                    let mut sorted: Vec<u64> = fingerprints().collect();
                    sorted.sort_unstable();
                    return sorted.windows(2).any(|pair| pair[0] == pair[1]);
                }
                _ => {
                    probes += 1;
                    slot = (slot + 1) & mask;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_hold_equal;

    /// Fingerprints that all fall in the first slot of the smallest table, so that probes run
    /// long and the sort decides.
    fn sharing_a_slot(count: usize) -> Vec<u64> {
        (1u64..)
            .filter(|f| f.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 60 == 0)
            .take(count)
            .collect()
    }

    #[test]
    fn equal_fingerprints_are_found_in_the_table_and_past_long_probes() {
        assert!(!may_hold_equal(|| [3u64, 0, 5, 9].into_iter(), 4));
        assert!(may_hold_equal(|| [3u64, 5, 3].into_iter(), 3));
        assert!(may_hold_equal(|| [0u64, 5, 0].into_iter(), 3));
        let mut crafted = sharing_a_slot(40);
        assert!(!may_hold_equal(|| crafted.iter().copied(), 8));
        crafted.push(crafted[0]);
        assert!(may_hold_equal(|| crafted.iter().copied(), 8));
    }
}
