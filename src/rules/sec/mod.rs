//! `SEC`: secrets in option exports.

pub mod plaintext_secret;
