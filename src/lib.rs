//! gimlint: a linter for Genesys Info Mart, Interaction Concentrator and WFM configuration
//! exports, run before and after a migration to 8.5.
//!
//! The modules are layers, each importing only those before it (tests/architecture.rs
//! keeps it so; docs/architecture.md follows a file through them):
//! [`base`] → [`source`] → [`discover`] → [`parse`] → [`schema`] → [`diagnostic`] →
//! [`secrets`] → [`config`] → [`settings`] → [`model`] → [`inventory`] → [`rules`] →
//! [`engine`] → [`readiness`], [`baseline`], [`fix`] → [`report`] → [`docs`] → [`lsp`] →
//! [`cli`]. The library never prints; `main.rs` does.

pub mod base;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod fix;
pub mod inventory;
pub mod lsp;
pub mod model;
pub mod parse;
pub mod readiness;
pub mod report;
pub mod rules;
pub mod schema;
pub mod secrets;
pub mod settings;
pub mod source;

pub use engine::{diff, inventory, lint, ExitStatus, Input, Report};
