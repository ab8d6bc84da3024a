//! Bytes → decoded like a linted file → attached-data XML reader: no panic, and every span
//! it gives is a slice of the text on character boundaries.
#![no_main]

use gimlint::parse::adata::XmlDoc;
use gimlint_fuzz::{assert_span, assert_span_holds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = gimlint::source::decode("ccon_adata_spec_fuzz.xml".into(), bytes) else {
        return;
    };
    let text = source.text.as_str();
    let doc = XmlDoc::parse(text);
    for (index, element) in doc.elements.iter().enumerate() {
        let qualified = &text[{
            assert_span(text, element.name_span, "element name");
            element.name_span.range()
        }];
        let expected = match element.prefix {
            Some(prefix) => format!("{prefix}:{}", element.name),
            None => element.name.to_owned(),
        };
        assert_eq!(qualified, expected, "element {index}: name and prefix");
        for attribute in &element.attributes {
            assert_span_holds(text, attribute.name_span, attribute.name, "attribute name");
            assert_span_holds(
                text,
                attribute.value_span,
                attribute.value,
                "attribute value",
            );
        }
        // The arena is a tree: parents come before their children and know them.
        if let Some(parent) = element.parent {
            assert!(parent < index, "element {index} comes before its parent");
            assert!(doc.elements[parent].children.contains(&index));
        }
    }
    if let Some(error) = &doc.error {
        assert_span(text, error.span, "XML error");
    }
});
