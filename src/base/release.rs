//! Genesys release numbers (`8.5.002.09`), compared numerically part by part.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A release number of three or four dot-separated numeric parts, e.g. `8.5.010` or
/// `8.5.002.09`. Missing parts compare as zero, so `8.5.002` < `8.5.002.09` < `8.5.010`.
#[derive(Clone, Debug)]
pub struct Release {
    parts: Vec<u32>,
    text: String,
}

/// The newest Genesys Info Mart 8.5 release gimlint knows: the default `--target-release`.
/// Source: https://docs.genesys.com/Documentation/RN/8.5.x/gim85rn/gim8501604
pub const LATEST_KNOWN_GIM: &str = "8.5.016.04";

impl Release {
    fn part(&self, i: usize) -> u32 {
        self.parts.get(i).copied().unwrap_or(0)
    }

    /// Parses a release written in source code; panics only on a typo in gimlint itself.
    pub fn known(text: &str) -> Release {
        text.parse()
            .unwrap_or_else(|e| panic!("gimlint's own release constant {text:?}: {e}"))
    }
}

impl FromStr for Release {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let expected = || {
            format!("invalid release `{text}`: expected three or four numbers separated by dots, such as `8.5.002.09`")
        };
        let parts: Vec<u32> = text
            .split('.')
            .map(|part| {
                if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    part.parse().ok()
                }
            })
            .collect::<Option<_>>()
            .ok_or_else(expected)?;
        if !(3..=4).contains(&parts.len()) {
            return Err(expected());
        }
        Ok(Release {
            parts,
            text: text.to_owned(),
        })
    }
}

impl Ord for Release {
    fn cmp(&self, other: &Self) -> Ordering {
        (0..4)
            .map(|i| self.part(i).cmp(&other.part(i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Release {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Release {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Release {}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Release {
        text.parse().unwrap()
    }

    #[test]
    fn compares_numerically_part_by_part() {
        assert!(r("8.5.002.09") < r("8.5.010"));
        assert!(r("8.5.002") < r("8.5.002.09"));
        assert!(r("8.5.002.10") > r("8.5.002.09"));
        assert_eq!(r("8.5.010"), r("8.5.010.00"));
        assert!(r("8.1.402.01") < r("8.5.001"));
    }

    #[test]
    fn rejects_malformed_releases() {
        for bad in [
            "",
            "8.5",
            "8.5.x",
            "8..5.1",
            "8.5.1.2.3",
            "v8.5.1",
            "8.5.1 ",
            "8.5.-1",
        ] {
            assert!(
                bad.parse::<Release>().is_err(),
                "{bad:?} should be rejected"
            );
        }
        assert_eq!(
            Release::known(LATEST_KNOWN_GIM).to_string(),
            LATEST_KNOWN_GIM
        );
    }
}
