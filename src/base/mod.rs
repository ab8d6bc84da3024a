//! The vocabulary every layer shares, and nothing else: byte spans, severities, kinds of
//! export, migration phases, releases, dates, reading option values, and the words and
//! escaping of messages. It imports no other module of the crate.

pub mod dates;
pub mod escape;
pub mod kind;
pub mod phase;
pub mod release;
pub mod severity;
pub mod span;
pub mod text;
pub mod value;

pub use kind::{AppKind, TopologyKind};
pub use phase::Phase;
pub use severity::Severity;
pub use span::Span;
