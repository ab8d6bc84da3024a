//! Text generated from the rule registry: `gimlint rules`, `gimlint explain` and the pages
//! under `docs/rules/` (kept fresh by a test).

use crate::rules::{RuleMeta, REGISTRY};
use std::fmt::Write;

/// The documentation page of a rule, as `gimlint explain` prints it and as
/// `docs/rules/<CODE>.md` holds it.
pub fn rule_page(meta: &RuleMeta) -> String {
    let applies_to = meta.applies_to.map_or("every option file", |k| k.label());
    let phase = meta.phase.map_or("pre- and post-migration", |p| p.as_str());
    let mut page = String::new();
    let _ = writeln!(page, "# {}: {}\n", meta.code, meta.name);
    let _ = writeln!(page, "{}\n", meta.summary);
    let _ = writeln!(page, "| default severity | fixable | checks | phase |");
    let _ = writeln!(page, "|---|---|---|---|");
    let _ = writeln!(
        page,
        "| {} | {} | {} | {} |\n",
        meta.severity,
        meta.fix.as_str(),
        applies_to,
        phase
    );
    let _ = writeln!(page, "{}\n", meta.doc());
    let _ = writeln!(page, "## Source\n\n{}", meta.source);
    page
}

/// The index page `docs/rules/README.md`.
pub fn rules_index() -> String {
    let mut page =
        String::from("# Rules\n\nGenerated from the rule files by `cargo test`; do not edit.\n\n");
    page.push_str("| code | name | severity | fixable | summary |\n|---|---|---|---|---|\n");
    for rule in REGISTRY {
        let m = rule.meta();
        let _ = writeln!(
            page,
            "| [{}]({}.md) | {} | {} | {} | {} |",
            m.code,
            m.code,
            m.name,
            m.severity,
            m.fix.as_str(),
            m.summary.replace('|', "\\|")
        );
    }
    page
}

/// The table of `gimlint rules`.
pub fn rules_table() -> String {
    let metas: Vec<&RuleMeta> = REGISTRY.iter().map(|r| r.meta()).collect();
    let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<7} {:<name_width$} {:<8} {:<10} summary",
        "code", "name", "severity", "fixable"
    );
    for m in metas {
        let _ = writeln!(
            out,
            "{:<7} {:<name_width$} {:<8} {:<10} {}",
            m.code,
            m.name,
            m.severity.as_str(),
            m.fix.as_str(),
            m.summary
        );
    }
    out
}
