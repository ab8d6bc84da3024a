//! Bytes → decoded like a linted file → option-file parser. The parser is lossless and every
//! span it gives is a slice of the text on character boundaries.
#![no_main]

use gimlint::parse::options::{Invalid, LineKind, OptionsDoc};
use gimlint_fuzz::{assert_span, assert_span_holds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Undecodable input (binary, broken UTF-16) never reaches the parser in gimlint either.
    let Ok(source) = gimlint::source::decode("fuzz.cfg".into(), bytes) else {
        return;
    };
    let text = source.text.as_str();
    let doc = OptionsDoc::parse(text);

    // Lossless: the lines tile the text, so re-printing them gives it back byte for byte.
    let mut reprinted = String::with_capacity(text.len());
    let mut next = 0;
    for (index, line) in doc.lines.iter().enumerate() {
        let what = format!("line {index}");
        assert_span(text, line.span, &what);
        assert_span(text, line.eol, &what);
        assert_eq!(
            line.span.start, next,
            "{what} does not start where the last ended"
        );
        assert_eq!(
            line.eol.start, line.span.end,
            "{what}: line ending is not after its content"
        );
        assert!(
            matches!(&text[line.eol.range()], "" | "\n" | "\r" | "\r\n"),
            "{what}: {:?} is not a line ending",
            &text[line.eol.range()]
        );
        if let LineKind::Invalid(Invalid::TextAfterHeader(junk)) = line.kind {
            assert_span(text, junk, &format!("{what}: text after header"));
        }
        reprinted.push_str(&text[line.span.range()]);
        reprinted.push_str(&text[line.eol.range()]);
        next = line.eol.end;
    }
    assert_eq!(reprinted, text, "the lines do not re-print the input");

    for section in &doc.sections {
        match section.name {
            Some(name) => assert_span_holds(text, section.name_span, name, "section name"),
            None => assert_span(text, section.name_span, "nameless section"),
        }
        if let Some(header) = section.header_line {
            assert_eq!(doc.lines[header].kind, LineKind::SectionHeader);
        }
        for option in &section.options {
            assert_span_holds(text, option.name_span, option.name, "option name");
            assert_span_holds(text, option.value_span, option.value, "option value");
            assert_span_holds(text, option.eq_span, "=", "option `=`");
            assert_eq!(doc.lines[option.line].kind, LineKind::Option);
        }
    }
});
