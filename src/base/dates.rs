//! Calendar arithmetic: gimlint needs dates (suppressions expire, CAL001 suggests a year,
//! the readiness report is stamped) and no time zone.

/// Whether `date` is a day of the calendar written `YYYY-MM-DD`: `2026-13-01` and
/// `2026-02-30` are not (dates are compared as text, so a month 13 would never expire).
pub fn is_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    let written = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let number = |range: std::ops::Range<usize>| date[range].parse::<u32>().unwrap_or(0);
    written && {
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        (1..=days).contains(&day)
    }
}

/// The proleptic Gregorian `(year, month, day)` of a Unix time (days-from-civil, inverted).
pub fn civil_date(seconds: i64) -> (i64, i64, i64) {
    let days = seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// The year of a Unix time, in UTC.
pub fn year_of_unix_time(seconds: i64) -> i32 {
    i32::try_from(civil_date(seconds).0).unwrap_or(i32::MAX)
}

/// A Unix time as an RFC 3339 UTC timestamp: `2026-11-28T22:05:56Z`.
pub fn utc_timestamp(seconds: i64) -> String {
    let (year, month, day) = civil_date(seconds);
    let time = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_of_the_calendar() {
        for date in ["2026-12-31", "2028-02-29", "2000-02-29", "2026-04-30"] {
            assert!(is_date(date), "{date}");
        }
        for date in [
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-02-29",
            "1900-02-29",
            "2026-01-00",
            "2026-1-01",
            "2026/01/01",
            "２０２６-01-01",
        ] {
            assert!(!is_date(date), "{date}");
        }
    }

    #[test]
    fn years_of_unix_times() {
        assert_eq!(year_of_unix_time(0), 1970);
        assert_eq!(year_of_unix_time(951_782_400), 2000); // 2000-02-29
        assert_eq!(year_of_unix_time(1_798_761_599), 2026); // 2026-12-31T23:59:59
        assert_eq!(year_of_unix_time(1_798_761_600), 2027);
        assert_eq!(year_of_unix_time(-1), 1969);
        assert_eq!(utc_timestamp(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00Z");
    }
}
