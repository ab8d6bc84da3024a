//! `CAL`: Genesys Info Mart calendar sections (`[date-time]`, `[date-time-*]`).

pub mod relative_start_year;
