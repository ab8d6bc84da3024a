//! Random secret values, placed where exports keep secrets: no output of any kind shows one,
//! and hiding them moves no reported line or column.

use gimlint::report::human::{self, HumanOptions};
use gimlint::report::{github, gitlab, inventory, json, junit, sarif, short};
use gimlint::settings::Settings;
use gimlint::{diff, lint, Input};
use proptest::prelude::*;

/// An export with `secret` in a password option, a glued name, a client secret, a JDBC URL
/// and a line that does not parse; and a GIM scheduler left running, so there are findings.
fn export(secret: &str) -> String {
    format!(
        "[schedule]\nrun-scheduler=TRUE\n\n[default]\npassword={secret}\nDBPassword = {secret}\n\
         client-secret={secret}\njdbc-url=jdbc:postgresql://db.example:5432/gim?user=gim&password={secret}\n\
         password: {secret}\napi-token={secret} \n[log]\nverbose=standard\n"
    )
}

fn input(name: &str, text: String) -> Input {
    Input::Memory {
        name: name.into(),
        bytes: text.into_bytes(),
    }
}

/// Every rendering gimlint has of the report of `export(secret)`, and of a diff against an
/// export holding another secret.
fn every_output(secret: &str, settings: &Settings) -> Vec<(&'static str, String)> {
    let report = lint(&[input("gim.cfg", export(secret))], settings);
    let readiness = gimlint::readiness::assess(&report, settings, None);
    let apps = gimlint::inventory(&[input("gim.cfg", export(secret))], settings).0;
    let changed = diff(
        &[input("gim.cfg", export("Qold-secret-valueZ"))],
        &[input("gim.cfg", export(secret))],
        settings,
    );
    let human_options = HumanOptions {
        color: true,
        width: 100,
    };
    vec![
        ("human", human::render(&report, human_options)),
        ("short", short::render(&report)),
        ("json", json::render(&report)),
        ("sarif", sarif::render(&report)),
        ("github", github::render(&report)),
        ("junit", junit::render(&report)),
        ("gitlab", gitlab::render(&report)),
        (
            "report json",
            gimlint::report::readiness::json::render(&report, &readiness),
        ),
        (
            "report markdown",
            gimlint::report::readiness::markdown::render(&report, &readiness),
        ),
        (
            "report html",
            gimlint::report::readiness::html::render(&report, &readiness),
        ),
        ("inventory markdown", inventory::markdown(&apps)),
        ("inventory json", inventory::json(&apps)),
        ("diff human", human::render(&changed, human_options)),
        ("diff json", json::render(&changed)),
    ]
}

/// The `[file:line:column]` headers of the human output match positions of the JSON output:
/// masking a secret must not move what comes after it on its line.
fn human_headers_match_json(secret: &str, settings: &Settings) -> Result<(), String> {
    let report = lint(&[input("gim.cfg", export(secret))], settings);
    let output: serde_json::Value = serde_json::from_str(&json::render(&report)).unwrap();
    let mut known = std::collections::HashSet::new();
    for d in output["diagnostics"].as_array().unwrap() {
        known.insert((d["start"]["line"].as_u64(), d["start"]["column"].as_u64()));
        for label in d["labels"].as_array().unwrap() {
            let start = &label["location"]["start"];
            known.insert((start["line"].as_u64(), start["column"].as_u64()));
        }
    }
    let human = human::render(
        &report,
        HumanOptions {
            color: false,
            width: 100,
        },
    );
    for header in human.split("[gim.cfg:").skip(1) {
        let place = header.split(']').next().unwrap();
        let (line, column) = place.split_once(':').unwrap();
        let at = (line.parse().ok(), column.parse().ok());
        if !known.contains(&at) {
            return Err(format!(
                "human output shows {place}, which no JSON position is:\n{human}"
            ));
        }
    }
    Ok(())
}

/// (code, start line, start column, end line, end column) of every finding, from the JSON.
fn positions(secret: &str, settings: &Settings) -> Vec<(String, u64, u64, u64, u64)> {
    let report = lint(&[input("gim.cfg", export(secret))], settings);
    let output: serde_json::Value = serde_json::from_str(&json::render(&report)).unwrap();
    output["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let at = |end: &str, what: &str| d[end][what].as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_owned(),
                at("start", "line"),
                at("start", "column"),
                at("end", "line"),
                at("end", "column"),
            )
        })
        .collect()
}

/// Secret values: at least 8 characters, framed by letters (blanks around a value are
/// OPT006's business, not a secret's), with `=`, quotes, blanks, `:`, `@`, `/` and
/// non-ASCII characters inside.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9=\"' :@/é€中ß!#%*+.-]{6,40}".prop_map(|middle| format!("Q{middle}Z"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_output_shows_a_secret(secret in secret()) {
        let settings = Settings::all_rules("2026-11-18");
        for (output, text) in every_output(&secret, &settings) {
            prop_assert!(!text.contains(&secret), "{output} shows the secret:\n{text}");
        }
    }

    #[test]
    fn hiding_a_secret_moves_no_line_or_column(secret in secret()) {
        let settings = Settings::all_rules("2026-11-18");
        // As many characters, the ASCII punctuation and blanks kept where they were (they
        // decide how a line parses), letters, digits and non-ASCII characters made `x`.
        let plain: String = secret
            .chars()
            .map(|c| if c.is_ascii_punctuation() || c == ' ' { c } else { 'x' })
            .collect();
        prop_assert_eq!(positions(&secret, &settings), positions(&plain, &settings));
        prop_assert_eq!(human_headers_match_json(&secret, &settings), Ok(()));
    }
}
