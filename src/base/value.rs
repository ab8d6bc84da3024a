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

/// Whether two values of one option mean the same, wherever gimlint compares them (`diff`,
/// the HA pair, `inventory`'s defaults): [`same_meaning`] once blanks around each are
/// ignored (OPT006 reports those).
pub fn equivalent(a: &str, b: &str) -> bool {
    same_meaning(a.trim(), b.trim())
}

/// Whether two values mean the same: the same boolean or number however each is written
/// (`TRUE` and `true`, `0900` and `900`), or the same text.
pub fn same_meaning(a: &str, b: &str) -> bool {
    a == b
        || matches!((parse_bool(a), parse_bool(b)), (Some(x), Some(y)) if x == y)
        || matches!((parse_int(a), parse_int(b)), (Some(x), Some(y)) if x == y)
}

/// The words of a Common Security Options filter type: the bare ones, then those that take
/// a number of characters after a comma.
/// Source: https://docs.genesys.com/Documentation/FR/Current/CORM/CommSecOpts and the filter
/// table of https://enu.docs.genesys.com/Documentation/GMS/8.5.1/Deployment/GMSFilteringLogs
pub const FILTER_WORDS: &[&str] = &["copy", "hide", "skip", "tag"];
pub const FILTER_WORDS_WITH_COUNT: &[&str] =
    &["hide-first", "hide-last", "unhide-first", "unhide-last"];

/// What is wrong with a filter type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterProblem<'v> {
    /// Not a filter word.
    UnknownWord(&'v str),
    /// The word is right and what follows it is not (`hide-first` without its count).
    BadArguments,
}

/// Reads a Common Security Options filter type (`hide`, `hide-first,4`, `tag(<,>)`). Words
/// compare in any case; `custom-filter…` passes, since its syntax was not reachable.
pub fn check_filter_type(value: &str) -> Result<(), FilterProblem<'_>> {
    let word_end = value.find([',', '(']).unwrap_or(value.len());
    let word = value[..word_end].trim_end();
    let rest = &value[word_end..];
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(word));
    let well_formed = if is(FILTER_WORDS_WITH_COUNT) {
        rest.strip_prefix(',')
            .map(str::trim)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    } else if word.eq_ignore_ascii_case("tag") {
        rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'))
    } else if is(FILTER_WORDS) {
        rest.is_empty()
    } else if word.to_ascii_lowercase().starts_with("custom-filter") {
        true
    } else {
        return Err(FilterProblem::UnknownWord(word));
    };
    if well_formed {
        Ok(())
    } else {
        Err(FilterProblem::BadArguments)
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
    fn values_compare_by_meaning() {
        assert!(equivalent("FALSE", "false"));
        assert!(equivalent("0", "false"));
        assert!(equivalent("0900", "900"));
        assert!(equivalent("ccon_adata_spec.xml ", "ccon_adata_spec.xml"));
        assert!(!equivalent("TRUE", "false"));
        assert!(!equivalent("1800", "900"));
        assert!(!equivalent("Standard", "standard"), "text compares exactly");
    }

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
    fn filter_types() {
        for good in [
            "copy",
            "hide",
            "skip",
            "tag",
            "tag(<,>)",
            "hide-first,4",
            "unhide-last, 4",
            "HIDE",
            "custom-filter-1",
        ] {
            assert_eq!(check_filter_type(good), Ok(()), "{good}");
        }
        assert_eq!(
            check_filter_type("hidden"),
            Err(FilterProblem::UnknownWord("hidden"))
        );
        for bad in ["hide-first", "hide-first,x", "hide,3", "tag(x"] {
            assert_eq!(
                check_filter_type(bad),
                Err(FilterProblem::BadArguments),
                "{bad}"
            );
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
