//! The customization inventory as Markdown (to paste into a change ticket) or JSON.

use crate::inventory::{AppInventory, Status};
use crate::report::markdown::{cell_code, code};
use serde::Serialize;
use std::fmt::Write;

/// Markdown: per application, in the order of the run, one table for each reason an option
/// is listed: customized, documented without a known default, unknown to gimlint.
pub fn markdown(apps: &[AppInventory]) -> String {
    let mut out = String::from(
        "# Customization inventory\n\nPer application: the options whose value differs from the \
         documented default, the documented options whose default no reachable page states, and \
         the options gimlint has no schema for (custom, undocumented or misspelt). This is the \
         note of customizations the Genesys Info Mart 8.5.0 Deployment Procedure asks for before \
         an upgrade (Prerequisite 3). Secret values are masked.\n",
    );
    for app in apps {
        let _ = writeln!(out, "\n## {} ({})", code(&app.path), app.kind.label());
        if app.options.is_empty() {
            out.push_str("\nEvery option has its default value.\n");
            continue;
        }
        for status in Status::ALL {
            let listed: Vec<_> = app.options.iter().filter(|o| o.status == status).collect();
            if listed.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {} ({})\n", status.title(), listed.len());
            if status == Status::DiffersFromDefault {
                out.push_str("| section | option | value | default |\n|---|---|---|---|\n");
            } else {
                out.push_str("| section | option | value |\n|---|---|---|\n");
            }
            for option in listed {
                let _ = write!(
                    out,
                    "| {} | {} | {} |",
                    cell_code(&format!("[{}]", option.section)),
                    cell_code(&option.option),
                    cell_code(&option.value)
                );
                if let Some(default) = &option.default {
                    let _ = write!(out, " {} |", cell_code(default));
                }
                out.push('\n');
            }
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
    crate::base::escape::json_for_logs(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::AppKind;
    use crate::inventory::Customized;

    #[test]
    fn values_cannot_break_out_of_their_cells() {
        let apps = [AppInventory {
            path: "x`y.cfg".into(),
            kind: AppKind::Unknown,
            options: vec![Customized {
                section: "s".into(),
                option: "o".into(),
                value: "a`b|c<img src=x>".into(),
                default: None,
                in_schema: false,
                status: Status::NotInSchema,
            }],
        }];
        let text = markdown(&apps);
        assert!(text.contains("## ``x`y.cfg``"), "{text}");
        assert!(text.contains("| ``a`b\\|c<img src=x>`` |"), "{text}");
    }
}
