//! Words for messages.

/// `N things`, with the plural when N ≠ 1.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// How alike (Jaro–Winkler, 0 to 1) a word must be to a known one for gimlint to suggest it.
const SUGGESTION_SIMILARITY: f64 = 0.85;

/// The candidate most like `word`, ignoring case, when alike enough to suggest: the one
/// "did you mean" of every message (rule selectors, option values, attached-data keys,
/// gimlint.toml's keys and names). Of equally alike candidates, the first.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word, &candidate.to_lowercase());
        if score >= SUGGESTION_SIMILARITY && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_candidate_is_suggested_when_alike_enough() {
        let fields = ["business-result", "customer-segment", "service-type"];
        assert_eq!(closest("busines-result", fields), Some("business-result"));
        assert_eq!(closest("SERVICE-TYPE", fields), Some("service-type"));
        assert_eq!(closest("zzz", fields), None);
        // Of two equally alike, the first.
        assert_eq!(
            closest("service-typ", ["service-type", "service-typo"]),
            Some("service-type")
        );
    }
}
