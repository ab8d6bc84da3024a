//! `--select` / `--ignore`: which rules run. A selector is `ALL`, a code (`GIM001`), a code
//! prefix (`GIM`, `OPT00`) or a rule name (`duplicate-option`).

use super::REGISTRY;
use crate::base::text::closest;
use std::collections::BTreeSet;

/// The codes a selector stands for, or an error that suggests the closest selector.
pub fn codes_for(selector: &str) -> Result<Vec<&'static str>, String> {
    let upper = selector.to_ascii_uppercase();
    let codes: Vec<&'static str> = REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| upper == "ALL" || m.code.starts_with(&upper) || m.name == selector)
        .map(|m| m.code)
        .collect();
    if !codes.is_empty() && !selector.is_empty() {
        return Ok(codes);
    }
    let known = REGISTRY.iter().flat_map(|r| [r.meta().code, r.meta().name]);
    let hint = closest_code(selector)
        .or_else(|| closest(selector, known))
        .map_or_else(
            || "; `gimlint rules` lists them".to_owned(),
            |c| format!("; did you mean `{c}`?"),
        );
    Err(format!("unknown rule selector `{selector}`{hint}"))
}

/// How many characters a mistyped code may differ by (after look-alikes are read as meant)
/// and still be suggested.
const CODE_EDIT_DISTANCE: usize = 2;

/// The code a mistyped code selector most likely meant: the one that differs only by
/// look-alike characters (`GIM0O1` is `GIM001`: O for 0, I or l for 1), else the nearest by
/// edit distance, counting a look-alike as no edit. Word similarity would rank `GIM014`
/// before `GIM001` for `GIM0O1`, as it favours a longer common start.
fn closest_code(selector: &str) -> Option<&'static str> {
    /// The digits a code's number was meant to have, read from letters that look like them.
    fn as_meant(selector: &str) -> String {
        let mut chars: Vec<char> = selector.to_ascii_uppercase().chars().collect();
        for c in chars.iter_mut().skip(CODE_LETTERS) {
            *c = match *c {
                'O' | 'Q' | 'D' => '0',
                'I' | 'L' | '|' => '1',
                'S' => '5',
                'Z' => '2',
                'B' => '8',
                other => other,
            };
        }
        chars.into_iter().collect()
    }
    let looks_like_a_code = selector.len() > CODE_LETTERS
        && selector
            .chars()
            .take(CODE_LETTERS)
            .all(|c| c.is_ascii_alphabetic())
        && selector
            .chars()
            .skip(CODE_LETTERS)
            .any(|c| c.is_ascii_digit());
    if !looks_like_a_code {
        return None;
    }
    let meant = as_meant(selector);
    REGISTRY
        .iter()
        .map(|r| r.meta().code)
        .map(|code| (strsim::levenshtein(&meant, code), code))
        .filter(|&(distance, _)| distance <= CODE_EDIT_DISTANCE)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, code)| code)
}

/// The letters that start every rule code (`GIM`, `SUP`).
const CODE_LETTERS: usize = 3;

/// The codes to run: every rule matched by `select` (all rules when it is empty), minus the
/// rules matched by `ignore`.
pub fn resolve(select: &[String], ignore: &[String]) -> Result<BTreeSet<&'static str>, String> {
    let mut enabled = BTreeSet::new();
    if select.is_empty() {
        enabled.extend(REGISTRY.iter().map(|r| r.meta().code));
    }
    for selector in select {
        enabled.extend(codes_for(selector.trim())?);
    }
    for selector in ignore {
        for code in codes_for(selector.trim())? {
            enabled.remove(code);
        }
    }
    Ok(enabled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn selects_by_code_prefix_and_name() {
        let enabled = resolve(
            &s(&["GIM00", "duplicate-option"]),
            &s(&["GIM005", "GIM006"]),
        )
        .unwrap();
        assert_eq!(
            enabled.into_iter().collect::<Vec<_>>(),
            ["GIM001", "GIM002", "GIM003", "GIM004", "OPT003"]
        );
        assert_eq!(resolve(&[], &[]).unwrap().len(), REGISTRY.len());
        let opt_rules = REGISTRY
            .iter()
            .filter(|r| r.meta().code.starts_with("OPT"))
            .count();
        assert_eq!(
            resolve(&s(&["all"]), &s(&["opt"])).unwrap().len(),
            REGISTRY.len() - opt_rules
        );
    }

    #[test]
    fn unknown_selectors_suggest_the_closest() {
        let error = resolve(&s(&["GIM09"]), &[]).unwrap_err();
        assert!(error.contains("unknown rule selector `GIM09`"), "{error}");
        let error = resolve(&[], &s(&["duplicate-options"])).unwrap_err();
        assert!(
            error.contains("did you mean `duplicate-option`?"),
            "{error}"
        );
        assert!(resolve(&s(&[""]), &[]).is_err());
    }

    #[test]
    fn mistyped_codes_suggest_the_code_with_look_alike_characters() {
        for (typo, meant) in [
            ("GIM0O1", "GIM001"),
            ("GIMO01", "GIM001"),
            ("gim00l", "GIM001"),
            ("GIM0I4", "GIM014"),
            ("OPT0O3", "OPT003"),
            ("SEC0O1", "SEC001"),
            ("GIM0l5", "GIM015"),
            ("SUPOO2", "SUP002"),
        ] {
            let error = resolve(&s(&[typo]), &[]).unwrap_err();
            assert!(
                error.contains(&format!("did you mean `{meant}`?")),
                "{typo}: {error}"
            );
        }
    }
}
