//! Bytes → gimlint.toml checks: any text gives a configuration or an error message, never a
//! panic. Errors are messages without spans (toml's own excerpt is inside the message), so
//! there is no span to check; the message must name something.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    // gimlint.toml must be UTF-8: `config::load` refuses anything else before parsing.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match gimlint::config::from_text(
        Path::new("fuzz/gimlint.toml"),
        text,
        &gimlint::rules::selection::codes_for,
    ) {
        Ok(config) => {
            for ignore in &config.per_file_ignores {
                ignore.matches(Path::new("exports/icon.cfg"));
            }
        }
        Err(message) => assert!(!message.trim().is_empty(), "an empty error message"),
    }
});
