//! Checking a value against its option's schema: the logic behind OPT010, OPT011 and OPT012.

use super::{OptionSchema, OptionType};
use crate::base::release::Release;
use crate::base::value::{
    check_filter_type, parse_bool, parse_int, FilterProblem, FILTER_WORDS, FILTER_WORDS_WITH_COUNT,
};

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueProblem<'v> {
    /// Not of the option's type (OPT010).
    Invalid,
    /// An enum value or list item outside the allowed set (OPT011).
    NotAllowed { item: &'v str },
    /// A number outside the documented range (OPT012).
    OutOfRange { number: i64 },
}

/// `HH:mm`, HH 00–24, mm 00–59, and 24:00 at most.
fn is_time(value: &str) -> bool {
    let Some((hours, minutes)) = value.split_once(':') else {
        return false;
    };
    let two_digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hours) || minutes.len() != 2 || !two_digits(minutes) {
        return false;
    }
    let (h, m): (u32, u32) = (hours.parse().unwrap_or(99), minutes.parse().unwrap_or(99));
    (h < 24 && m < 60) || (h == 24 && m == 0)
}

/// Two CRON fields (minutes, hours) made of digits and the special characters `* , - /`.
fn is_cron(value: &str) -> bool {
    let fields: Vec<&str> = value.split_whitespace().collect();
    fields.len() == 2
        && fields.iter().all(|f| {
            f.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'*' | b',' | b'-' | b'/'))
        })
}

/// A number, then an optional unit of `units` (any case, blanks between allowed): the form
/// of the Common Log Options `segment` and `expire`. A unit in the plural (`10 days`) passes:
/// the pages write the singular, but do not say the plural is refused.
fn is_quantity(value: &str, units: &[&str]) -> bool {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let unit = value[digits..].trim_start();
    let singular = unit.strip_suffix(['s', 'S']);
    unit.is_empty()
        || units.iter().any(|u| {
            u.eq_ignore_ascii_case(unit) || singular.is_some_and(|s| u.eq_ignore_ascii_case(s))
        })
}

impl OptionSchema {
    /// The values the option allows: its `values`, or for a filter type, the filter words.
    pub fn allowed_values(&self) -> Vec<&str> {
        match self.ty {
            OptionType::LogFilterType => FILTER_WORDS
                .iter()
                .chain(FILTER_WORDS_WITH_COUNT)
                .copied()
                .collect(),
            _ => self.values.iter().flatten().map(String::as_str).collect(),
        }
    }

    fn allows(&self, item: &str) -> bool {
        self.values.iter().flatten().any(|allowed| {
            if self.case_sensitive {
                allowed == item
            } else {
                allowed.eq_ignore_ascii_case(item)
            }
        })
    }

    /// Checks `value` (already free of surrounding blanks) against this option.
    pub fn check<'v>(&self, value: &'v str) -> Result<(), ValueProblem<'v>> {
        match self.ty {
            OptionType::Bool if parse_bool(value).is_none() => Err(ValueProblem::Invalid),
            OptionType::Int => {
                let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
                let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                let number = match parse_int(value) {
                    Some(number) => number,
                    // Digits too many for any range: out of range, not "not a number".
                    None if all_digits => {
                        let number = if value.starts_with('-') {
                            i64::MIN
                        } else {
                            i64::MAX
                        };
                        return Err(ValueProblem::OutOfRange { number });
                    }
                    None => return Err(ValueProblem::Invalid),
                };
                let below = self.min.is_some_and(|min| number < min);
                let above = self.max.is_some_and(|max| number > max);
                if below || above {
                    Err(ValueProblem::OutOfRange { number })
                } else {
                    Ok(())
                }
            }
            OptionType::Enum if !self.allows(value) => {
                Err(ValueProblem::NotAllowed { item: value })
            }
            OptionType::ListOfEnum => {
                for item in value.split(',').map(str::trim) {
                    let bare = if self.negatable {
                        item.strip_prefix('~').unwrap_or(item)
                    } else {
                        item
                    };
                    if !self.allows(bare) {
                        return Err(ValueProblem::NotAllowed { item });
                    }
                }
                Ok(())
            }
            OptionType::Time if !is_time(value) => Err(ValueProblem::Invalid),
            OptionType::Cron if !is_cron(value) => Err(ValueProblem::Invalid),
            OptionType::Release if value.parse::<Release>().is_err() => Err(ValueProblem::Invalid),
            OptionType::LogSegment
                if !value.eq_ignore_ascii_case("false")
                    && !is_quantity(value, &["KB", "MB", "hr"]) =>
            {
                Err(ValueProblem::Invalid)
            }
            OptionType::LogExpire
                if !value.eq_ignore_ascii_case("false")
                    && !is_quantity(value, &["file", "day"]) =>
            {
                Err(ValueProblem::Invalid)
            }
            OptionType::LogFilterType => {
                check_filter_type(value).map_err(|problem| match problem {
                    FilterProblem::UnknownWord(word) => ValueProblem::NotAllowed { item: word },
                    FilterProblem::BadArguments => ValueProblem::Invalid,
                })
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_crons() {
        for good in ["00:00", "5:00", "23:59", "24:00"] {
            assert!(is_time(good), "{good}");
        }
        for bad in ["12:75", "24:01", "25:00", "1200", "12:5", "ab:cd", ""] {
            assert!(!is_time(bad), "{bad}");
        }
        assert!(is_cron("0 1") && is_cron("*/15 0-23") && is_cron("0,30 1"));
        assert!(!is_cron("0") && !is_cron("0 1 *") && !is_cron("a b"));
    }

    #[test]
    fn log_quantities() {
        let segment = ["KB", "MB", "hr"];
        for good in ["100", "100 KB", "10 MB", "10MB", "1 hr", "5 mb", "2 hrs"] {
            assert!(is_quantity(good, &segment), "{good}");
        }
        for bad in ["", "MB", "10 GB", "ten", "10 MB 2", "-5", "10 dayz"] {
            assert!(!is_quantity(bad, &segment), "{bad}");
        }
    }
}
