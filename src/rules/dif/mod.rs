//! `DIF`: what the migration changed, from `gimlint diff BEFORE AFTER`. The rules report on
//! the after exports and stay silent in `gimlint check`.

pub mod calendar_option_changed;
pub mod customization_lost;
pub mod section_lost;
