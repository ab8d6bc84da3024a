//! `SUP`: the inline suppressions themselves (`; gimlint: ignore …`). These rules run after
//! the suppressions have removed what they cover, and not at all with `--no-suppressions`.

pub mod expired_suppression;
pub mod malformed_suppression;
pub mod suppression_without_reason;
pub mod unused_suppression;
