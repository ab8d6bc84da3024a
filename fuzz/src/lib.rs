//! Checks shared by the fuzz targets. A failed check panics, which libFuzzer records as a
//! crash with the input that caused it.

use gimlint::base::Span;

/// `span` lies inside `text` and starts and ends on character boundaries: what every
/// reporter and `--fix` rely on when they slice the text.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} is outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not on character boundaries"
    );
}

/// `span` is well-formed (see [`assert_span`]) and covers exactly `expected`: the parsers
/// hand out both a slice and its span, and the rules use them interchangeably.
pub fn assert_span_holds(text: &str, span: Span, expected: &str, what: &str) {
    assert_span(text, span, what);
    assert_eq!(&text[span.range()], expected, "{what}: span {span:?}");
}
