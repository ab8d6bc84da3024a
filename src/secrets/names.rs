//! Which option names hold a secret ([`is_secret_name`], for SEC001) and which name a value
//! output must hide ([`hide_value_of`], broader): the words of a name, the secret terms and
//! a cheap first test that lets most names through without allocating.

/// Words that name a secret at the end of an option name: as the last word (`db-password`,
/// `client-secret`, `db-pw`), glued to the word before it (`dbpassword`, `sslpassword`), or
/// split in two or three words (`pass-word`, `PassWord`, `api-key`, `x-api-key`,
/// `PrivateKey`, `access_key`).
/// Trailing digits do not count (`password1`). Anywhere else in a name they hide its value
/// without making it a secret for SEC001 (`password-expiration-days`).
const SECRET_TERMS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pw",
    "pswd",
    "passwrd",
    "passphrase",
    "passcode",
    "secret",
    "token",
    "credential",
    "credentials",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
    "authkey",
    "privkey",
];

/// Words that name a secret as the last word (`db-pass`) or glued to the end of it
/// (`dbpass`, `truststorepass`), unless the word is one of [`ORDINARY_WORDS`]; elsewhere
/// they mean something else (`pass-through`).
const SECRET_LAST_WORDS: &[&str] = &["pass"];

/// The English words that end with a [`SECRET_LAST_WORDS`] word and name no secret.
const ORDINARY_WORDS: &[&str] = &[
    "bypass",
    "compass",
    "encompass",
    "overpass",
    "underpass",
    "surpass",
    "trespass",
];

/// Whether `word` (lowercased, without trailing digits) ends with a
/// [`SECRET_LAST_WORDS`] word, whole or glued, and is no ordinary word.
fn ends_with_a_last_word(word: &str) -> bool {
    SECRET_LAST_WORDS.iter().any(|w| word.ends_with(w)) && !ORDINARY_WORDS.contains(&word)
}

/// The words of a name, lowercased: split at every character that is not a letter or a
/// digit, at case humps (`dbPassWord`: `db`, `pass`, `word`) and at the end of a capitalised
/// acronym (`DBPassword`: `db`, `password`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            words.push(std::mem::take(&mut current));
            continue;
        }
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let hump =
            c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
        let acronym_end = c.is_uppercase()
            && previous.is_some_and(char::is_uppercase)
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if hump || acronym_end {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| !w.is_empty());
    words
}

/// `word` without its trailing digits (`password2`).
fn without_number(word: &str) -> &str {
    word.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// A cheap first test, without allocating: every secret term, whole or split in words,
/// holds `pass`, `pw`, `pswd`, `secr`, `toke`, `cred` or `key` as written; and a name whose
/// value is hidden holds a secret term, or `pass`, among its letters and digits read
/// without what separates its words (the words of [`words`] joined). An ASCII name failing
/// either names no secret. (Every option of every export passes here; most are not secrets,
/// and many hold a stem in an ordinary word: `whiskey`, `credit`.) Non-ASCII names take the
/// full test, since Unicode case folding can turn other letters into these.
fn may_name_a_secret(name: &str) -> bool {
    // Most names hold no stem: a first pass looks for one, without branching on the bytes.
    match holds_a_stem(name.as_bytes()) {
        Stem::NotAscii => true,
        Stem::None => false,
        Stem::Found => holds_a_term(name.as_bytes()),
    }
}

/// Whether the bytes read (the last in the lowest byte) end with `term` (8 bytes at most).
#[inline(always)]
fn window_ends_with(read: u64, term: &[u8]) -> bool {
    let value = term.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
    let mask = u64::MAX >> (64 - 8 * term.len());
    read & mask == value
}

/// What [`holds_a_stem`] found.
enum Stem {
    None,
    Found,
    NotAscii,
}

/// A stem of 1 to 4 bytes in one integer, the last byte lowest.
const fn stem_word(stem: &[u8]) -> u32 {
    let mut value = 0u32;
    let mut at = 0;
    while at < stem.len() {
        value = (value << 8) | stem[at] as u32;
        at += 1;
    }
    value
}

/// Where a 4-byte window goes in [`FOUR_BYTE_STEMS`]: a multiplicative hash that gives each
/// 4-byte stem its own slot of 8.
const fn stem_slot(window: u32) -> usize {
    (window.wrapping_mul(0xdaa6_6d13) >> 29) as usize
}

/// The 4-byte stems, each in its slot; empty slots hold 0, which no window of a name is
/// (every byte read is or-ed with `0x20`).
const FOUR_BYTE_STEMS: [u32; 8] = {
    let stems = [b"pass", b"pswd", b"cred", b"secr", b"toke"];
    let mut table = [0u32; 8];
    let mut at = 0;
    while at < stems.len() {
        let stem = stem_word(stems[at]);
        assert!(table[stem_slot(stem)] == 0, "two stems share a slot");
        table[stem_slot(stem)] = stem;
        at += 1;
    }
    table
};

/// Whether an ASCII name holds `pass`, `pw`, `pswd`, `secr`, `toke`, `cred` or `key` as
/// written, in any case: each byte, lowercased, ends a window of 4 bytes looked up in a
/// table of the 4-byte stems, and the shorter stems are compared, without a branch that
/// depends on the byte (names are read by the million, and their letters are not
/// predictable).
fn holds_a_stem(bytes: &[u8]) -> Stem {
    let (mut written, mut found, mut not_ascii) = (0u32, false, 0u8);
    for &byte in bytes {
        not_ascii |= byte;
        // `| 0x20` lowercases letters and turns no other byte into a letter.
        written = (written << 8) | u32::from(byte | 0x20);
        found |= (FOUR_BYTE_STEMS[stem_slot(written)] == written)
            | (written & 0x00ff_ffff == stem_word(b"key"))
            | (written & 0xffff == stem_word(b"pw"));
    }
    if not_ascii >= 0x80 {
        Stem::NotAscii
    } else if found {
        Stem::Found
    } else {
        Stem::None
    }
}

/// Whether a name holds a term of [`SECRET_TERMS`] or [`SECRET_LAST_WORDS`] among its letters
/// and digits read without what separates its words (the words of [`words`] joined).
fn holds_a_term(bytes: &[u8]) -> bool {
    let mut joined = 0u64;
    for &byte in bytes {
        if !byte.is_ascii_alphanumeric() {
            continue;
        }
        let lower = byte.to_ascii_lowercase();
        joined = (joined << 8) | u64::from(lower);
        // A term holding another (`password`, `secretkey`) is found by the one it holds,
        // and one longer than 8 bytes by its last 8 (a test checks that each term is
        // found).
        let found = match lower {
            b's' => window_ends_with(joined, b"pass"),
            b'w' => window_ends_with(joined, b"pw"),
            b'd' => window_ends_with(joined, b"pswd"),
            b't' => window_ends_with(joined, b"secret"),
            b'n' => window_ends_with(joined, b"token"),
            b'l' => window_ends_with(joined, b"edential"),
            b'y' => [
                b"apikey".as_slice(),
                b"privkey",
                b"authkey",
                b"ivatekey",
                b"ccesskey",
            ]
            .iter()
            .any(|term| window_ends_with(joined, term)),
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// Whether an option called `name` holds a secret: its name ends with a secret term, as a
/// word, glued or split (see [`SECRET_TERMS`]), or its last word ends with `pass` and is no
/// ordinary word (see [`SECRET_LAST_WORDS`]): `password`, `DBPassword`, `dbPassWord`,
/// `pass-word`, `PassPhrase`, `client-secret`, `access-token`, `x-api-key`, `private-key`,
/// `credentials`, `db-pass`, `DBPASS`, `truststorepass`, `sslpassword`, `password1`, `db-pw`,
/// `access_key`.
pub fn is_secret_name(name: &str) -> bool {
    // `password: ab=cd` is read as an option named `password: ab`: what follows the colon
    // is the start of the secret, which must not decide whether it is one (`ab1` would
    // make `password1`, `abc` nothing).
    if let Some((before, _)) = name.split_once(':') {
        if is_secret_name_as_written(before) {
            return true;
        }
    }
    is_secret_name_as_written(name)
}

fn is_secret_name_as_written(name: &str) -> bool {
    may_name_a_secret(name) && ends_with_a_secret_term(&words(name))
}

fn ends_with_a_secret_term(words: &[String]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let last = without_number(last);
    if ends_with_a_last_word(last) || SECRET_TERMS.iter().any(|t| last.ends_with(t)) {
        return true;
    }
    (2..=words.len().min(3)).any(|n| {
        let joined = words[words.len() - n..].concat();
        SECRET_TERMS.contains(&without_number(&joined))
    })
}

/// Whether output should hide the value of `name`: every name with a secret term anywhere
/// in it, whole, glued or split (`password-expiration-days`, `token-lifetime`,
/// `api-key-header`, `AccessKeyId`), or a word glued to `pass` (`dbpass-file`, though not
/// `pass-through`). Broader than [`is_secret_name`] on purpose: hiding a harmless value
/// costs nothing, while SEC001 must not call `password-expiration-days=90` a plaintext
/// secret.
pub(super) fn hide_value_of(name: &str) -> bool {
    if !may_name_a_secret(name) {
        return false;
    }
    let words = words(name);
    ends_with_a_secret_term(&words)
        || words.iter().any(|w| {
            SECRET_TERMS.iter().any(|t| w.contains(t))
                || (w.len() > 4 && ends_with_a_last_word(without_number(w)))
        })
        || (2..=3).any(|n| {
            words
                .windows(n)
                .any(|split| SECRET_TERMS.contains(&without_number(&split.concat())))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_secret_read_into_a_name_does_not_decide_it() {
        // `password: §[¤1¤=…` and `password: §[¤x¤=…`: a property test found the first
        // reported and the second not, so that a finding told a character of the secret.
        for name in [
            "password: §[¤1¤",
            "password: §[¤x¤",
            "password: ab",
            "db-pwd: 12",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        assert!(!is_secret_name("timeout: 30"));
    }

    #[test]
    fn secret_names_whole_glued_split_and_in_case_humps() {
        for name in [
            "password",
            "db-password",
            "DBPassword",
            "dbpassword",
            "jdbc_pwd",
            "client-secret",
            "access-token",
            "Password",
            "keystore.passwd",
            "PassWord",
            "dbPassWord",
            "pass-word",
            "Pass_Word",
            "PassPhrase",
            "api-key",
            "x-api-key",
            "APIKey",
            "db-pass",
            "dbPass",
            "DBPass",
            "credentials",
            "private-key",
            "sslpassword",
            "trustStorePassword",
            "keyStoreSecret",
            "password1",
            "DB2Password",
            "dbpass",
            "DBPASS",
            "adminpass",
            "truststorepass",
            "userpass",
            "sslpass",
            "keystorepass",
            "pw",
            "db-pw",
            "dbPw",
            "pswd",
            "passwrd",
            "access_key",
            "auth_key",
            "priv_key",
        ] {
            assert!(is_secret_name(name), "{name}");
            assert!(hide_value_of(name), "{name}");
        }
        for name in [
            "token-lifetime",
            "password-expiration-days",
            "pass-through",
            "bypass",
            "api-key-header",
            "user",
            "jdbc-url",
            "role",
            "key-name",
            "monkey",
            "passive",
            "compass",
            "Bypass",
            "passthrough",
            "AccessKeyId",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
        // Hidden, though not called a plaintext secret.
        for name in [
            "password-expiration-days",
            "token-lifetime",
            "api-key-header",
            "PassWordPolicy",
            "AccessKeyId",
            "dbpass-file",
        ] {
            assert!(hide_value_of(name), "{name}");
        }
        for name in [
            "pass-through",
            "passthrough",
            "bypass",
            "compass",
            "passive",
            "key-name",
            "user",
            "timeout",
        ] {
            assert!(!hide_value_of(name), "{name}");
        }
    }

    #[test]
    fn the_first_test_lets_every_secret_word_through() {
        for word in SECRET_TERMS.iter().chain(SECRET_LAST_WORDS) {
            for name in [
                word.to_string(),
                word.to_uppercase(),
                format!("db-{word}"),
                format!("x{}", word.to_uppercase()),
            ] {
                assert!(may_name_a_secret(&name), "{name}");
            }
        }
        for name in [
            "pass-word",
            "Pass_Phrase",
            "api-key",
            "Private.Key",
            "secret-key",
        ] {
            assert!(may_name_a_secret(name), "{name}");
        }
        assert!(may_name_a_secret("pässword"));
        for name in [
            "",
            "timeout",
            "host",
            "pas-s",
            "p-w-d",
            "tok",
            "SECURE",
            "k-e-y",
            "p-s-w-d",
            "whiskey-1",
            "Monkey",
            "credit-card",
        ] {
            assert!(!may_name_a_secret(name), "{name}");
        }
    }
}
