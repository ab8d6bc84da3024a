//! Differential test: gimlint's span-preserving parser against the `ini` crate (rust-ini) on
//! generated files where the two must agree: no duplicates, no comments, no blanks around
//! names and values (gimlint keeps those on purpose; see `src/parse/options.rs`).

use gimlint::parse::options::{LineKind, OptionsDoc};
use ini::{Ini, ParseOption};
use proptest::prelude::*;

type Sections = Vec<(String, Vec<(String, String)>)>;

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_.-]{0,15}"
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9_./@?&,*+%~:()éü-]{1,24}",
        "[a-zA-Z0-9][a-zA-Z0-9 /:_-]{0,20}[a-zA-Z0-9]",
    ]
}

/// Sections with unique names, each with options of unique names.
fn sections() -> impl Strategy<Value = Sections> {
    let section = (name(), prop::collection::btree_map(name(), value(), 0..6))
        .prop_map(|(name, options)| (name, options.into_iter().collect()));
    prop::collection::vec(section, 0..6).prop_map(|mut sections: Sections| {
        let mut seen = std::collections::HashSet::new();
        sections.retain(|(name, _)| seen.insert(name.clone()));
        sections
    })
}

fn render(sections: &Sections, eol: &str) -> String {
    let mut text = String::new();
    for (name, options) in sections {
        text.push_str(&format!("[{name}]{eol}"));
        for (key, value) in options {
            text.push_str(&format!("{key}={value}{eol}"));
        }
    }
    text
}

fn with_gimlint(text: &str) -> Sections {
    let doc = OptionsDoc::parse(text);
    assert!(doc
        .lines
        .iter()
        .all(|l| !matches!(l.kind, LineKind::Invalid(_))));
    doc.sections
        .iter()
        .map(|s| {
            let options = s
                .options
                .iter()
                .map(|o| (o.name.to_owned(), o.value.to_owned()))
                .collect();
            (
                s.name.expect("every option is under a header").to_owned(),
                options,
            )
        })
        .collect()
}

fn with_rust_ini(text: &str) -> Sections {
    let options = ParseOption {
        enabled_quote: false,
        enabled_escape: false,
        ..ParseOption::default()
    };
    let ini = Ini::load_from_str_opt(text, options).expect("rust-ini parses the generated file");
    ini.iter()
        .filter_map(|(name, properties)| {
            let options = properties
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            name.map(|n| (n.to_owned(), options))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agrees_with_rust_ini(sections in sections(), crlf in any::<bool>()) {
        let text = render(&sections, if crlf { "\r\n" } else { "\n" });
        let ours = with_gimlint(&text);
        prop_assert_eq!(&ours, &sections);
        prop_assert_eq!(ours, with_rust_ini(&text));
    }

    #[test]
    fn reprints_any_input_byte_for_byte(text in "(\\PC|[\\r\\n\\t =\\[\\];#]){0,200}") {
        let doc = OptionsDoc::parse(&text);
        let reprinted: String = doc
            .lines
            .iter()
            .map(|l| format!("{}{}", &text[l.span.range()], &text[l.eol.range()]))
            .collect();
        prop_assert_eq!(reprinted, text.clone());
        for section in &doc.sections {
            for option in &section.options {
                prop_assert_eq!(&text[option.name_span.range()], option.name);
                prop_assert_eq!(&text[option.value_span.range()], option.value);
                prop_assert_eq!(&text[option.eq_span.range()], "=");
            }
        }
    }
}
