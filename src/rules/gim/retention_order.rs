use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports `[gim-etl]` retention settings that contradict each other:
    /// - `days-to-keep-cfg-facts` smaller than `days-to-keep-gim-facts`;
    /// - with `[gim-export] start-date` set, `days-to-keep-discards-and-job-history`
    ///   (600 by default) smaller than `days-to-keep-gim-facts`.
    ///
    /// ## Why is this bad?
    /// Configuration facts must outlive the interaction facts that refer to them, and the
    /// export job needs the job history of every day it may still export. With the order
    /// reversed, purge removes data that kept facts still need.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-cfg-facts=300
    /// days-to-keep-gim-facts=400
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-cfg-facts=400
    /// days-to-keep-gim-facts=400
    /// ```
    ///
    /// ## Fix
    /// Raise the smaller retention to at least `days-to-keep-gim-facts`.
    pub struct RetentionOrder {
        code: "GIM011",
        name: "retention-order",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: [
            "gim-etl/days-to-keep-cfg-facts",
            "gim-etl/days-to-keep-gim-facts",
            "gim-etl/days-to-keep-discards-and-job-history",
            "gim-export/start-date",
        ],
        summary: "`days-to-keep-cfg-facts` (or, for the export, `days-to-keep-discards-and-job-history`) is below `days-to-keep-gim-facts`",
        source: "https://docs.genesys.com/Documentation/GIM/latest/Ops/GIMPurgedTables ; https://docs.genesys.com/Documentation/GIM/latest/Ops/WrkingWJobs",
    }
}

/// The default of `days-to-keep-discards-and-job-history`.
const JOB_HISTORY_DEFAULT: i64 = 600;

impl Rule for RetentionOrder {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(gim_facts) = app.option("gim-etl", "days-to-keep-gim-facts") else {
            return;
        };
        let Some(kept) = parse_int(gim_facts.value) else {
            return;
        };
        if let Some(cfg) = app.option("gim-etl", "days-to-keep-cfg-facts") {
            if parse_int(cfg.value).is_some_and(|days| days < kept) {
                out.push(
                    Finding::new(
                        &Self::META,
                        cfg.value_span,
                        format!(
                            "`days-to-keep-cfg-facts={}` is below `days-to-keep-gim-facts={kept}`",
                            cfg.value
                        ),
                    )
                    .label("configuration facts purged first")
                    .secondary(gim_facts.value_span, "interaction facts kept longer")
                    .help(format!("set `days-to-keep-cfg-facts` to at least {kept}")),
                );
            }
        }
        let export_start = app
            .option("gim-export", "start-date")
            .filter(|o| !o.value.trim().is_empty());
        if let Some(start) = export_start {
            let history = app.option("gim-etl", "days-to-keep-discards-and-job-history");
            let days = history.map_or(Some(JOB_HISTORY_DEFAULT), |h| parse_int(h.value));
            if days.is_some_and(|d| d < kept) {
                let span = history.map_or(start.name_span, |h| h.value_span);
                let shown = history.map_or(format!("{JOB_HISTORY_DEFAULT} (the default)"), |h| {
                    h.value.to_owned()
                });
                out.push(
                    Finding::new(
                        &Self::META,
                        span,
                        format!("with `[gim-export] start-date` set, `days-to-keep-discards-and-job-history` is {shown}, below `days-to-keep-gim-facts={kept}`"),
                    )
                    .label("job history purged first")
                    .secondary(gim_facts.value_span, "interaction facts kept longer")
                    .help(format!("set `days-to-keep-discards-and-job-history` to at least {kept}")),
                );
            }
        }
    }
}
