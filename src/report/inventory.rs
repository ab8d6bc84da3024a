//! The customization inventory as Markdown (to paste into a change ticket) or JSON.

use crate::inventory::AppInventory;
use serde::Serialize;
use std::fmt::Write;

/// Markdown: one table per application, in the order of the run.
pub fn markdown(apps: &[AppInventory]) -> String {
    let mut out = String::from(
        "# Customization inventory\n\nOptions whose value differs from the documented default, and options whose \
         default gimlint does not know, per application: the note of customizations the \
         Genesys Info Mart 8.5.0 Deployment Procedure asks for before an upgrade (Prerequisite 3). Secret \
         values are masked.\n",
    );
    for app in apps {
        let _ = writeln!(out, "\n## `{}` ({})\n", app.path, app.kind.label());
        if app.options.is_empty() {
            out.push_str("Every option has its default value.\n");
            continue;
        }
        out.push_str("| section | option | value | default |\n|---|---|---|---|\n");
        for option in &app.options {
            let default = match (&option.default, option.in_schema) {
                (Some(default), _) => format!("`{default}`"),
                (None, true) => "no documented default".to_owned(),
                (None, false) => "not in schema".to_owned(),
            };
            let _ = writeln!(
                out,
                "| `[{}]` | `{}` | `{}` | {default} |",
                option.section,
                option.option,
                option.value.replace('|', "\\|")
            );
        }
    }
    out
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    applications: &'a [AppInventory],
}

pub fn json(apps: &[AppInventory]) -> String {
    let mut text = serde_json::to_string_pretty(&Output {
        version: 1,
        applications: apps,
    })
    .expect("the inventory types always serialize");
    text.push('\n');
    text
}
