//! `OPT`: option-file syntax.

pub mod duplicate_option;
pub mod duplicate_section;
pub mod invalid_line;
pub mod not_utf8;
pub mod option_outside_section;
pub mod surrounding_whitespace;
