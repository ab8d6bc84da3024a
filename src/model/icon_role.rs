//! The ICON `[callconcentrator] role` option: which kinds of data an ICON stores.
//!
//! Source: https://docs.genesys.com/Documentation/ICON/latest/Dep/Roles — default `all`; a
//! comma-separated list of `all`, `cfg`, `gcc`, `gls`, `gud`, `gos`, `lrm`; a `~` prefix
//! excludes a type and includes all others (`~cfg` = `gcc,gud,gls,gos`); values must be
//! lowercase, and ICON treats an uppercase or mixed-case value as invalid and falls back to
//! `all`. The `gcc` role stores interaction and party details of voice and multimedia
//! interactions.

/// The data types the role list may name.
pub const ROLE_TOKENS: &[&str] = &["all", "cfg", "gcc", "gls", "gud", "gos", "lrm"];

/// Whether an ICON stores one data type, and why, in words for a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub recorded: bool,
    pub reason: String,
}

/// Reads the role option (`None` when absent) and tells whether `data_type` (`gcc`, `gud`,
/// …) is recorded. Tokens it does not know are ignored rather than guessed at.
pub fn records(role: Option<&str>, data_type: &str) -> Recorded {
    let verdict = |recorded, reason: String| Recorded { recorded, reason };
    let Some(value) = role.filter(|v| !v.trim().is_empty()) else {
        return verdict(
            true,
            "`role` is not set, so it is `all` (the default)".into(),
        );
    };
    let tokens: Vec<&str> = value.split(',').map(str::trim).collect();
    let miscased = tokens.iter().find(|t| {
        let bare = t.trim_start_matches('~');
        !ROLE_TOKENS.contains(&bare) && ROLE_TOKENS.iter().any(|r| r.eq_ignore_ascii_case(bare))
    });
    if let Some(token) = miscased {
        let reason = format!(
            "`role={value}` has the uppercase type `{token}`, which ICON rejects and then uses `all`"
        );
        return verdict(true, reason);
    }
    // `role=all` said plainly: "`role=all` includes `all`" reads as a tautology.
    if tokens == ["all"] {
        return verdict(
            true,
            format!("`role=all` stores every type, `{data_type}` among them"),
        );
    }
    if tokens.contains(&"all") {
        return verdict(
            true,
            format!("`role={value}` includes `all`, so `{data_type}` too"),
        );
    }
    if tokens.contains(&data_type) {
        return verdict(true, format!("`role={value}` includes `{data_type}`"));
    }
    let excluded = format!("~{data_type}");
    let excludes_something = tokens.iter().any(|t| t.starts_with('~'));
    if excludes_something && !tokens.contains(&excluded.as_str()) {
        let reason =
            format!("`role={value}` excludes other types only, so it includes `{data_type}`");
        return verdict(true, reason);
    }
    verdict(
        false,
        format!("`role={value}` neither is `all` nor includes `{data_type}`"),
    )
}

/// Whether an ICON stores interaction details (`gcc`: voice and multimedia).
pub fn interaction_details(role: Option<&str>) -> Recorded {
    records(role, "gcc")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(role: Option<&str>) -> bool {
        interaction_details(role).recorded
    }

    #[test]
    fn attached_data_needs_all_or_gud() {
        assert!(records(Some("gcc,gud"), "gud").recorded);
        assert!(records(Some("~cfg"), "gud").recorded);
        assert!(!records(Some("gcc,gls"), "gud").recorded);
        assert!(!records(Some("~gud"), "gud").recorded);
    }

    #[test]
    fn gcc_is_recorded_by_default_all_and_exclusion_lists() {
        assert!(recorded(None));
        assert!(recorded(Some("")));
        assert!(recorded(Some("all")));
        assert!(recorded(Some("cfg,gcc,gud")));
        assert!(recorded(Some("gcc, gud")));
        assert!(recorded(Some("~cfg")));
        assert!(recorded(Some("~cfg,~gls")));
        assert!(recorded(Some("CFG")), "uppercase falls back to all");
        assert!(recorded(Some("cfg,~Gos")), "mixed case falls back to all");
    }

    #[test]
    fn gcc_is_not_recorded_when_left_out_or_excluded() {
        assert!(!recorded(Some("cfg")));
        assert!(!recorded(Some("cfg,gls,gud,gos")));
        assert!(!recorded(Some("~gcc")));
        assert!(!recorded(Some("~cfg,~gcc")));
        assert!(!recorded(Some("cfg,unknown")));
    }
}
