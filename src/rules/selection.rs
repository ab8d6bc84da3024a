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
    let hint = closest(selector, known).map_or_else(
        || "; `gimlint rules` lists them".to_owned(),
        |c| format!("; did you mean `{c}`?"),
    );
    Err(format!("unknown rule selector `{selector}`{hint}"))
}

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
}
