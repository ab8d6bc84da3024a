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

/// The bytes of `text` with its `%XX` escapes decoded (a `%` not followed by two hex digits
/// is kept as written): URLs in exports and `file:` URIs of editors.
pub fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded_and_stray_percents_kept() {
        assert_eq!(percent_decoded("p%40ss%2F%zz%4"), b"p@ss/%zz%4");
        assert_eq!(percent_decoded("%C3%A9"), "é".as_bytes());
    }

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
