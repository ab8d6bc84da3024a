//! Reading option values.

/// Reads a boolean the way Genesys applications accept it: `true`/`false` in any case (the
/// procedure writes `TRUE`/`FALSE`), `yes`/`no`, `1`/`0`. Anything else, surrounding
/// whitespace included, is `None`: the rules that need a boolean do not guess.
pub fn parse_bool(value: &str) -> Option<bool> {
    const TRUE: &[&str] = &["true", "yes", "1"];
    const FALSE: &[&str] = &["false", "no", "0"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(value)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(value)) {
        Some(false)
    } else {
        None
    }
}

/// Reads a whole number written with ASCII digits and an optional sign, nothing else.
pub fn parse_int(value: &str) -> Option<i64> {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_in_every_accepted_spelling() {
        for t in ["true", "TRUE", "True", "yes", "YES", "1"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "FALSE", "no", "No", "0"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        for other in ["", "ture", "true ", " false", "2", "on"] {
            assert_eq!(parse_bool(other), None, "{other:?}");
        }
    }

    #[test]
    fn integers_only_in_plain_digits() {
        assert_eq!(parse_int("2"), Some(2));
        assert_eq!(parse_int("-1"), Some(-1));
        assert_eq!(parse_int("+1"), Some(1));
        for other in ["", "-", "2 ", "two", "1e3", "0x2"] {
            assert_eq!(parse_int(other), None, "{other:?}");
        }
    }
}
