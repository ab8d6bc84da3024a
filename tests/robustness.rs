//! No input makes gimlint panic: arbitrary bytes and INI-like noise go through the whole
//! pipeline (decode, parse, every rule in both phases, every format).

use gimlint::base::Phase;
use gimlint::engine::lint_keeping_texts as lint;
use gimlint::report::{human, json, short};
use gimlint::settings::Settings;
use gimlint::Input;
use proptest::prelude::*;

fn lint_everything(bytes: Vec<u8>, phase: Phase) {
    let settings = Settings {
        phase,
        ..Settings::all_rules("2026-11-18")
    };
    let report = lint(
        &[Input::Memory {
            name: "fuzz.cfg".into(),
            bytes,
        }],
        &settings,
    );
    for finding in &report.findings {
        let text = &report.files[finding.file]
            .text
            .as_ref()
            .unwrap()
            .source
            .text;
        for span in std::iter::once(finding.span).chain(finding.labels.iter().map(|l| l.span)) {
            assert!(
                text.get(span.range()).is_some(),
                "span {span:?} is not on character boundaries"
            );
        }
    }
    human::render(&report, human::HumanOptions::new(true, 80));
    short::render(&report, false);
    json::render(&report);
}

/// Lines made of the pieces that matter to the parser and the rules.
fn ini_noise() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("=".to_owned()),
        Just(";".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("é".to_owned()),
        Just("~".to_owned()),
        Just(",".to_owned()),
        Just("jdbc:oracle:thin:u/p@h".to_owned()),
        Just("password=".to_owned()),
        prop::sample::select(vec![
            "schedule",
            "date-time",
            "date-time-x",
            "gim-etl",
            "callconcentrator",
            "filter-data",
            "run-scheduler",
            "run-aggregates",
            "aggregation-engine-class-name",
            "role",
            "cseq-adjustment",
            "route-res-vqid-hist-enabled",
            "on-demand-migration",
            "date-time-start-year",
            "ICON_CORE",
            "gcc",
            "~cfg",
            "CFG",
            "true",
            "FALSE",
            "-1",
            "+1",
            "0",
            "2",
            "yes",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), post in any::<bool>()) {
        lint_everything(bytes, if post { Phase::PostMigration } else { Phase::PreMigration });
    }

    #[test]
    fn ini_like_noise_never_panics(bytes in ini_noise(), post in any::<bool>(), bom in 0..3u8) {
        let bytes = match bom {
            1 => [b"\xEF\xBB\xBF".as_slice(), &bytes].concat(),
            2 => {
                let text = String::from_utf8(bytes).unwrap();
                let mut utf16 = vec![0xFF, 0xFE];
                utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                utf16
            }
            _ => bytes,
        };
        lint_everything(bytes, if post { Phase::PostMigration } else { Phase::PreMigration });
    }
}

/// XML made of the pieces that matter to the reader and the `ADS` rules.
fn xml_noise() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<",
        ">",
        "/>",
        "</",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "é",
        "&",
        ";",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE s [<!ENTITY e \"&e;\">]>",
        "adata_spec",
        "public",
        "secure",
        "call",
        "mcr-f",
        "key",
        "name",
        "source",
        "history",
        "field",
        "userdata",
        "last",
        "all",
        "busines-result",
        "xmlns",
        "xmlns:icon",
        "icon:",
        "http://www.genesyslab.com/standards/icon/ed1",
    ]);
    prop::collection::vec(piece, 0..150).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn xml_spans_lie_on_character_boundaries(text in xml_noise()) {
        let doc = gimlint::parse::adata::XmlDoc::parse(&text);
        for element in &doc.elements {
            prop_assert!(text.get(element.name_span.range()).is_some());
            for attribute in &element.attributes {
                prop_assert_eq!(&text[attribute.value_span.range()], attribute.value);
                prop_assert_eq!(&text[attribute.name_span.range()], attribute.name);
            }
        }
        if let Some(error) = &doc.error {
            prop_assert!(text.get(error.span.range()).is_some());
        }
        lint_xml(text.into_bytes());
    }
}

fn lint_xml(bytes: Vec<u8>) {
    let settings = Settings::all_rules("2026-11-18");
    let report = lint(
        &[Input::Memory {
            name: "ccon_adata_spec.xml".into(),
            bytes,
        }],
        &settings,
    );
    human::render(&report, human::HumanOptions::new(false, 80));
    json::render(&report);
}

#[test]
fn deeply_nested_xml_neither_recurses_nor_overflows() {
    let depth = 100_000;
    let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let doc = gimlint::parse::adata::XmlDoc::parse(&text);
    assert_eq!(doc.elements.len(), depth);
    assert_eq!(doc.error, None);
    lint_xml(text.into_bytes());
}

#[test]
fn an_xml_error_after_a_second_byte_order_mark_points_at_the_error() {
    // Found by the adata_xml fuzz target (fuzz/RESULTS.md): quick-xml counts its positions
    // from after a byte-order mark it skips, so in a UTF-16 specification saved with two
    // marks the error was reported three bytes early, possibly inside a character.
    let path = "testdata/fuzz/ccon_adata_spec_two_boms.xml";
    let report = lint(
        &[Input::Memory {
            name: path.into(),
            bytes: std::fs::read(path).unwrap(),
        }],
        &Settings::all_rules("2026-11-18"),
    );
    let text = &report.files[0].text.as_ref().unwrap().source.text;
    // The second byte-order mark itself is an ADS001 finding too, at the start.
    let malformed = report
        .findings
        .iter()
        .find(|f| {
            f.rule.code == "ADS001" && f.label.as_deref() == Some("the XML reader stopped here")
        })
        .expect("the unclosed tag at the end is reported");
    assert_eq!(
        text.get(malformed.span.start..),
        Some("<"),
        "ADS001 points at the unclosed `<` at the end"
    );
}

#[test]
fn no_namespace_fix_is_offered_for_a_prefix_that_is_not_a_name() {
    // Found by the pipeline fuzz target (fuzz/RESULTS.md): with `=` typed for the space in
    // `<adata_spec xmlns="…">`, all before the `:` of `http:` is the root's prefix, and the
    // suggested declaration `xmlns:adata_spec=xmlns="http="…"` was broken XML that left the
    // finding in place.
    let path = "testdata/fuzz/ccon_adata_spec_prefix_typo.xml";
    let report = lint(
        &[Input::Memory {
            name: path.into(),
            bytes: std::fs::read(path).unwrap(),
        }],
        &Settings::all_rules("2026-11-18"),
    );
    let no_namespace = report
        .findings
        .iter()
        .find(|f| f.rule.code == "ADS002")
        .expect("the root is in no namespace");
    assert!(
        no_namespace.fix.is_none(),
        "{:?}",
        no_namespace.fix.as_ref().map(|f| &f.edits)
    );
}

#[test]
fn a_fix_whose_value_equals_a_secret_is_not_offered_masked() {
    // Found by the pipeline fuzz target (fuzz/RESULTS.md): a password whose text is the
    // aggregation engine's class name masked GIM012's fix, and applying it wrote
    // `aggregation-engine-class-name=****` into the export.
    let path = "testdata/fuzz/gim_secret_equal_to_fix_value.cfg";
    let report = lint(
        &[Input::Memory {
            name: path.into(),
            bytes: std::fs::read(path).unwrap(),
        }],
        &Settings::all_rules("2026-11-18"),
    );
    assert!(
        report.findings.iter().any(|f| f.rule.code == "GIM012"),
        "the missing engine is still reported"
    );
    for patch in gimlint::fix::plan(&report, true) {
        let text = &report.files[patch.file].text.as_ref().unwrap().source.text;
        let fixed = gimlint::fix::apply_to_text(text, &patch.edits);
        assert!(!fixed.contains("****"), "a mask was written:\n{fixed}");
    }
}
