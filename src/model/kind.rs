//! Which kind of application an option export is, and the place in the file that shows it.

use super::Evidence;
use crate::base::span::Span;
use crate::base::AppKind;
use crate::parse::options::{OptionEntry, OptionsDoc};

/// The GIM extraction and load roles of a DAP's `[gim-etl] role` option.
/// Source: https://docs.genesys.com/Documentation/GIM/latest/Dep/GIMExtractIDB
const DAP_ROLES: &[&str] = &["ICON_CFG", "ICON_CORE", "ICON_MM", "ICON_OCS", "INFO_MART"];

/// `[schedule]` options that only Genesys Info Mart has; a `[schedule]` section alone is
/// too common a name to identify GIM.
/// Source: https://docs.genesys.com/Documentation/Options/latest/GIM/GIM-schedule
const GIM_SCHEDULE_OPTIONS: &[&str] = &[
    "run-scheduler",
    "run-aggregates",
    "aggregate-schedule",
    "aggregate-duration",
    "on-demand-migration",
    "run-export",
    "etl-start-time",
    "etl-end-time",
    "etl-frequency",
    "run-maintain",
    "maintain-start-time",
];

/// Sections that only a Genesys Info Mart application has.
const GIM_SECTIONS: &[&str] = &[
    "gim-etl",
    "date-time",
    "gim-transformation",
    "gim-etl-populate",
    "gim-export",
];

/// Sections that only an ICON application has (besides `[callconcentrator]`, which IDB DAPs
/// carry too). Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/CfgOpts_ICON
const ICON_SECTIONS: &[&str] = &["filter-data", "custom-states"];

/// The object type GAX writes into the name of an options export,
/// `<object type>_annex_<DBID>.cfg` (`CfgSwitch_annex_101.cfg`), when the object is not an
/// application. Source: GAX Help, Bulk Provisioning of Configuration Options,
/// https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt
fn gax_object_type(path: &str) -> Option<&str> {
    let name = path.rsplit(['/', '\\']).next()?;
    let (object, rest) = name.split_once("_annex_")?;
    let dbid = rest.split_once('.').map_or(rest, |(dbid, _)| dbid);
    let well_formed = object.starts_with("Cfg")
        && object.len() > 3
        && !dbid.is_empty()
        && dbid.bytes().all(|b| b.is_ascii_digit());
    (well_formed && object != "CfgApplication").then_some(object)
}

/// Infers the kind from the strongest evidence: a DAP role, then ICON options, then the WFM
/// Server section, then GIM sections, then what only a Switch or DN annex holds. Files with
/// none of them stay [`AppKind::Unknown`].
pub(super) fn infer_kind(doc: &OptionsDoc, path: &str) -> (AppKind, Option<Evidence>) {
    let evidence = |span, reason: String| Some(Evidence { span, reason });
    if let Some(object) = gax_object_type(path) {
        let reason = format!("GAX names the options export of a `{object}` object so");
        return (AppKind::Annex, evidence(Span::empty_at(0), reason));
    }
    if let Some(role) = doc.option("gim-etl", "role") {
        let dap_role = role
            .value
            .split(',')
            .map(str::trim)
            .find(|token| DAP_ROLES.iter().any(|r| r.eq_ignore_ascii_case(token)));
        if let Some(token) = dap_role {
            let reason = format!("`[gim-etl] role` names the GIM role `{token}`");
            return (AppKind::Dap, evidence(role.value_span, reason));
        }
    }
    for section in doc.sections_named("callconcentrator") {
        if let Some(option) = section.options.iter().find(|o| o.name != "role") {
            let reason = format!(
                "`[callconcentrator]` holds the ICON option `{}`",
                option.name
            );
            return (AppKind::Icon, evidence(option.name_span, reason));
        }
    }
    for section in &doc.sections {
        let Some(name) = section.name else { continue };
        if ICON_SECTIONS.contains(&name) && doc.sections_named("callconcentrator").next().is_some()
        {
            let reason = format!("the ICON sections `[callconcentrator]` and `[{name}]`");
            return (AppKind::Icon, evidence(section.name_span, reason));
        }
    }
    for section in &doc.sections {
        if section.name == Some("ScheduleService") {
            let reason = "the WFM Server section `[ScheduleService]`".to_owned();
            return (AppKind::WfmServer, evidence(section.name_span, reason));
        }
    }
    if let Some(jdbc_url) = gim_dap_without_role(doc) {
        let reason = "`[gim-etl]` holds `jdbc-url`, which GIM reads from a Database Access Point, and nothing of a GIM application".to_owned();
        return (AppKind::Dap, evidence(jdbc_url.name_span, reason));
    }
    for section in &doc.sections {
        let Some(name) = section.name else { continue };
        if GIM_SECTIONS.contains(&name) || name.starts_with("date-time-") {
            let reason = format!("the Genesys Info Mart section `[{name}]`");
            return (AppKind::Gim, evidence(section.name_span, reason));
        }
        if name == "schedule" {
            if let Some(option) = section
                .options
                .iter()
                .find(|o| GIM_SCHEDULE_OPTIONS.contains(&o.name))
            {
                let reason = format!("the Genesys Info Mart option `[schedule] {}`", option.name);
                return (AppKind::Gim, evidence(option.name_span, reason));
            }
        }
    }
    if let Some(section) = doc.sections_named("gts").next() {
        let reason = "the section `[gts]`, which ICON reads from a Switch or DN annex".to_owned();
        return (AppKind::Annex, evidence(section.name_span, reason));
    }
    (AppKind::Unknown, None)
}

/// The `[gim-etl] jdbc-url` of an export that holds it and no `role`, in a file with no
/// section or `[schedule]` option of a GIM application besides `[gim-etl]`: a Database
/// Access Point whose role is missing (GIM015 reports it).
fn gim_dap_without_role<'d, 'a>(doc: &'d OptionsDoc<'a>) -> Option<&'d OptionEntry<'a>> {
    let jdbc_url = doc.option("gim-etl", "jdbc-url")?;
    if doc.option("gim-etl", "role").is_some() {
        return None;
    }
    let gim_evidence = doc.sections.iter().any(|section| match section.name {
        Some("gim-etl") | None => false,
        Some("schedule") => section
            .options
            .iter()
            .any(|o| GIM_SCHEDULE_OPTIONS.contains(&o.name)),
        Some(name) => GIM_SECTIONS.contains(&name) || name.starts_with("date-time-"),
    });
    (!gim_evidence).then_some(jdbc_url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Application;
    use crate::source::decode;

    fn kind_of(text: &str) -> AppKind {
        let source = decode("t.cfg".into(), text.as_bytes()).unwrap();
        Application::new(&source).kind
    }

    #[test]
    fn gax_names_the_object_type() {
        assert_eq!(
            gax_object_type("x/CfgSwitch_annex_101.cfg"),
            Some("CfgSwitch")
        );
        assert_eq!(gax_object_type("CfgDN_annex_7.csv"), Some("CfgDN"));
        assert_eq!(gax_object_type("CfgApplication_annex_7.cfg"), None);
        for other in [
            "gim.cfg",
            "Cfg_annex_1.cfg",
            "CfgDN_annex_.cfg",
            "CfgDN_annex_x1.cfg",
        ] {
            assert_eq!(gax_object_type(other), None, "{other}");
        }
    }

    #[test]
    fn infers_kinds_from_evidence() {
        assert_eq!(
            kind_of("[gim-etl]\nrole=ICON_CORE,ICON_CFG\n"),
            AppKind::Dap
        );
        assert_eq!(kind_of("[gim-etl]\njdbc-url=x\n"), AppKind::Dap);
        assert_eq!(
            kind_of("[gim-etl]\njdbc-url=x\n[schedule]\nrun-scheduler=false\n"),
            AppKind::Gim
        );
        assert_eq!(
            kind_of("[gim-etl]\ndays-to-keep-gim-facts=400\n"),
            AppKind::Gim
        );
        assert_eq!(kind_of("[gts]\nring-divert=1\n"), AppKind::Annex);
        assert_eq!(
            kind_of("[callconcentrator]\nrole=all\ncseq-adjustment=2\n"),
            AppKind::Icon
        );
        assert_eq!(
            kind_of("[callconcentrator]\nrole=all\n[filter-data]\n"),
            AppKind::Icon
        );
        assert_eq!(kind_of("[callconcentrator]\nrole=all\n"), AppKind::Unknown);
        assert_eq!(kind_of("[date-time-fiscal]\n"), AppKind::Gim);
        assert_eq!(kind_of("[schedule]\nrun-scheduler=false\n"), AppKind::Gim);
        assert_eq!(kind_of("[schedule]\nbackup=daily\n"), AppKind::Unknown);
        assert_eq!(kind_of("[log]\nverbose=all\n"), AppKind::Unknown);
        assert_eq!(
            kind_of("[ScheduleService]\nAutoCleanupTimeout=0\n"),
            AppKind::WfmServer
        );
    }
}
