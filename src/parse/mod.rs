//! Parsers: text → lossless documents with byte spans. They recover from every error.

pub mod adata;
pub mod options;
