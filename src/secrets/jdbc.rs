//! The passwords inside JDBC URLs, wherever a line holds one: an option's value, a quoted
//! value, a commented-out line, a line that does not parse (`jdbc-url: jdbc:…`).
//!
//! A URL is read as the driver its subprotocol names reads it:
//! - Oracle thin and OCI: `jdbc:oracle:thin:user/password@host:port:SID`, `…@//host/service`,
//!   `…@(DESCRIPTION=…)`, with `"quoted"` user or password (a quoted password may hold `@`),
//!   and `?name=value&…` properties.
//! - SQL Server (Microsoft's driver and jTDS): `jdbc:sqlserver://host;name=value;…`, a value
//!   holding `;` in braces (`{a;b}`, `}}` for a `}`), blanks allowed around `=`.
//! - PostgreSQL: `jdbc:postgresql://host:port/db?name=value&…`.
//! - MySQL and MariaDB: `jdbc:mysql://user:password@host/db?…`, several hosts, the key-value
//!   host form `(host=…,password=…)` and `address=(host=…)(password=…)`.
//! - DB2 and Informix: `jdbc:db2://host:port/db:name=value;…;`.
//!
//! Other connection strings are read too ([`connection_passwords`]): the `user:password@`
//! of any `scheme://` URL, and the secret `name=value` properties of ADO.NET and ODBC
//! connection strings.
//!
//! A property is secret when its name is (see [`super::is_secret_name`]): `password`,
//! `passwd`, `sslpassword`, `trustStorePassword`, `keyStoreSecret`, `password1`, `accessToken`.
//! Where a URL is ambiguous (a password holding `@`, `/` or `?` without the quoting or
//! percent-encoding its driver asks for), more is hidden rather than less.

use crate::base::span::Span;
use properties::properties;

mod properties;

/// Spans, relative to `text`, of the secrets of every JDBC URL in `text`, sorted.
///
/// Each URL ends where the next one starts: read to the end of the line, every URL of a
/// line holding thousands (`jdbc:oracle:thin:a/jdbc:oracle:thin:a/…`) would read the rest of
/// the line again, and its password would run to the end of it.
pub fn passwords_in(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let starts: Vec<usize> = memchr::memchr_iter(b':', bytes)
        .filter(|&colon| colon >= 4 && bytes[colon - 4..colon].eq_ignore_ascii_case(b"jdbc"))
        .map(|colon| colon - 4)
        .collect();
    let mut spans = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let limit = starts.get(i + 1).copied().unwrap_or(text.len());
        let end = url_end(&text[..limit], start);
        spans.extend(url_passwords(&text[start..end]).map(|s| s.shifted(start)));
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Spans, relative to `text`, of the passwords of connection strings that are not JDBC URLs,
/// sorted: the `user:password@` of any `scheme://` URL (`http://user:pw@proxy:8080`), and
/// the secret `name=value` properties of ADO.NET and ODBC connection strings
/// (`Server=db;User Id=sa;Password=…;`, `DSN=gim;UID=sa;PWD=…`) and of URL queries.
pub fn connection_passwords(text: &str) -> Vec<Span> {
    // A quoted value: its closing quote is no part of its last property.
    let trimmed = text.trim();
    let inner = ['"', '\'']
        .iter()
        .find_map(|&q| trimmed.strip_prefix(q)?.strip_suffix(q));
    if let Some(inner) = inner {
        let start = text.len() - text.trim_start().len() + 1;
        return connection_passwords(inner)
            .into_iter()
            .map(|s| s.shifted(start))
            .collect();
    }
    let mut spans: Vec<Span> = properties(text).collect();
    let schemes: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"://")
        .filter(|&at| {
            text.as_bytes()[..at]
                .last()
                .is_some_and(|b| b.is_ascii_alphanumeric())
        })
        .collect();
    // As for JDBC URLs, each URL ends where the next one starts.
    for (i, &at) in schemes.iter().enumerate() {
        let limit = schemes.get(i + 1).copied().unwrap_or(text.len());
        let url = &text[..url_end(&text[..limit], at)];
        spans.extend(authority_password(url, at + 3));
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Where the URL that starts at `start` ends: at the closing quote when a quote opens it
/// (the last one before the next URL: a quoted password may hold the quote), else at the
/// end of `text` (which ends where the next URL starts), blanks excluded.
fn url_end(text: &str, start: usize) -> usize {
    let end = match text[..start].chars().next_back() {
        Some(quote @ ('"' | '\'')) => text[start..].rfind(quote).map(|q| start + q),
        _ => None,
    };
    end.unwrap_or_else(|| text.trim_end().len().max(start))
}

/// The subprotocol of a URL (`oracle`, `sqlserver`, `mysql`…), lowercased, and where the
/// rest of the URL starts.
fn subprotocol(url: &str) -> (String, usize) {
    let after = &url["jdbc:".len()..];
    let length = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+')))
        .unwrap_or(after.len());
    (after[..length].to_ascii_lowercase(), "jdbc:".len() + length)
}

/// The secrets of one URL (`url` starts with `jdbc:`, in any case).
fn url_passwords(url: &str) -> impl Iterator<Item = Span> + '_ {
    let (protocol, rest) = subprotocol(url);
    let user_info = match protocol.as_str() {
        "oracle" => oracle_password(url, rest),
        // No user info in these forms: `;user=gim@server;` (Azure) is a property.
        "sqlserver" | "jtds" | "db2" | "informix-sqli" => None,
        _ => url[rest..]
            .find("//")
            .and_then(|at| authority_password(url, rest + at + 2)),
    };
    user_info.into_iter().chain(properties(url))
}

/// Oracle's `user/password@…` after `jdbc:oracle:DRIVER:`.
fn oracle_password(url: &str, rest: usize) -> Option<Span> {
    // `:thin:`, `:oci:`, `:oci8:`, `:kprb:`.
    let driver = url[rest..].strip_prefix(':')?;
    let start = rest + 1 + driver.find(':')? + 1;
    let bytes = url.as_bytes();
    // The user: quoted, or up to `/`; `@` first means there is no password.
    let slash = if bytes.get(start) == Some(&b'"') {
        let close = start + 1 + url[start + 1..].find('"')?;
        (bytes.get(close + 1) == Some(&b'/')).then_some(close + 1)?
    } else {
        let at = start + url[start..].find(['/', '@'])?;
        (bytes[at] == b'/').then_some(at)?
    };
    let password = slash + 1;
    if bytes.get(password) == Some(&b'"') {
        let end = url[password + 1..]
            .find('"')
            .map_or(url.len(), |q| password + 1 + q + 1);
        return Some(Span::new(password, end));
    }
    // Unquoted, the password ends at the `@` of the connect identifier: the last one outside
    // a `(DESCRIPTION=…)`, so a password holding `@` is hidden whole; none: the rest.
    let mut depth = 0usize;
    let mut end = url.len();
    for (i, c) in url[password..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '@' if depth == 0 => end = password + i,
            _ => {}
        }
    }
    (end > password).then(|| Span::new(password, end))
}

/// `user:password@` at `start`, just after `//`. The user holds no `:` and none of the
/// characters that end an authority; the password runs to the last `@` after which the
/// rest of the URL reads as hosts (the last: `a@b#c@db` may be a password `a@b#c` or `a` on
/// host `b`, and more is hidden rather than less) (`db`, `db:5432`, `[db1,db2]`, `(host=db)`,
/// `address=(…)`), then an optional `/database` without `@`, then `?…`, `;…` or nothing.
/// So a password holding `@`, `/`, `:` or `?` is hidden whole, and `//db:5432/gim?user=a@b`
/// (a user name holding `@`, as Azure writes them) has no password.
fn authority_password(url: &str, start: usize) -> Option<Span> {
    let colon = start + url[start..].find(':')?;
    if url[start..colon].contains(['/', '?', '#', ';', '&', '=', '(', ')', '[', ']', ',']) {
        return None;
    }
    let password = colon + 1;
    // Each `@` tried reads what follows it: past a few, the rest of the URL is taken as the
    // password (more hidden, and the work stays linear in the URL).
    let ats: Vec<usize> = url[password..]
        .rmatch_indices('@')
        .map(|(i, _)| password + i)
        .take(MAX_HOST_READS + 1)
        .collect();
    let at = match ats
        .iter()
        .take(MAX_HOST_READS)
        .find(|&&at| reads_as_hosts(&url[at + 1..]))
    {
        Some(&at) => at,
        None if ats.len() > MAX_HOST_READS => url.len(),
        None => return None,
    };
    // `//db:5432/gim?user=a@b`: a port and a path, not a password.
    let candidate = &url[password..at];
    let digits = candidate.len()
        - candidate
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits > 0 && candidate[digits..].starts_with(['/', '?', ';']) {
        return None;
    }
    (at > password).then(|| Span::new(password, at))
}

/// How many `@` of a URL are tried as the end of its password.
const MAX_HOST_READS: usize = 8;

/// Whether `rest` (what follows an `@`) reads as the hosts and the rest of a URL.
fn reads_as_hosts(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let mut i = 0;
    loop {
        let host_start = i;
        if bytes.len() - i >= 8 && bytes[i..i + 8].eq_ignore_ascii_case(b"address=") {
            i += 8;
            while bytes.get(i) == Some(&b'(') {
                match rest[i..].find(')') {
                    Some(close) => i += close + 1,
                    None => return false,
                }
            }
        } else {
            match bytes.get(i) {
                Some(b'[') | Some(b'(') => {
                    let close = if bytes[i] == b'[' { ']' } else { ')' };
                    match rest[i..].find(close) {
                        Some(end) => i += end + 1,
                        None => return false,
                    }
                }
                _ => {
                    while bytes
                        .get(i)
                        .is_some_and(|&b| b.is_ascii_alphanumeric() || b"-._%".contains(&b))
                    {
                        i += 1;
                    }
                }
            }
            if bytes.get(i) == Some(&b':') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        if i == host_start {
            return false;
        }
        if bytes.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    match bytes.get(i) {
        // A blank ends a URL written before other words (`…@db:3306 ; prod`).
        None | Some(b'?' | b';' | b'#' | b' ' | b'\t') => true,
        Some(b'/') => !rest[i + 1..]
            .split(['?', ';', '#', ':'])
            .next()
            .is_some_and(|database| database.contains(['@', '/'])),
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passwords(text: &str) -> Vec<&str> {
        passwords_in(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn oracle_thin_and_oci() {
        for (url, password) in [
            ("jdbc:oracle:thin:gim/s3cret@db:1521:GIM", "s3cret"),
            ("jdbc:oracle:thin:gim/s3cret@//db:1521/GIM", "s3cret"),
            ("jdbc:oracle:oci:gim/s3cret@GIMTNS", "s3cret"),
            ("jdbc:oracle:oci8:gim/s3cret@GIMTNS", "s3cret"),
            ("JDBC:ORACLE:THIN:gim/s3cret@db:1521:GIM", "s3cret"),
            ("jdbc:oracle:thin:gim/s3c@ret@db:1521:GIM", "s3c@ret"),
            (
                r#"jdbc:oracle:thin:gim/"s3c@ret/x"@db:1521:GIM"#,
                r#""s3c@ret/x""#,
            ),
            (r#"jdbc:oracle:thin:"g/m"/s3cret@db:1521:GIM"#, "s3cret"),
            (
                "jdbc:oracle:thin:gim/s3cret@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=gim)))",
                "s3cret",
            ),
            ("jdbc:oracle:oci:gim/s3cret", "s3cret"),
        ] {
            assert_eq!(passwords(url), [password], "{url}");
        }
        for url in [
            "jdbc:oracle:thin:@db:1521:GIM",
            "jdbc:oracle:thin:@//db:1521/GIM?user=a@b",
            "jdbc:oracle:thin:gim@db:1521:GIM",
            "jdbc:oracle:thin:/@wallet_alias",
        ] {
            assert!(passwords(url).is_empty(), "{url}");
        }
        assert_eq!(
            passwords("jdbc:oracle:thin:@db:1521/gim?oracle.net.wallet_password=s3cret&x=1"),
            ["s3cret"]
        );
    }

    #[test]
    fn sql_server_and_jtds() {
        for (url, password) in [
            ("jdbc:sqlserver://db:1433;databaseName=gim;user=gim;password=s3cret", "s3cret"),
            ("jdbc:sqlserver://db;password=s3cret;user=a", "s3cret"),
            ("jdbc:sqlserver://db;password = s3 cret ;user=a", "s3 cret"),
            ("jdbc:sqlserver://db;Password={s3;cr}}et};encrypt=true", "{s3;cr}}et}"),
            ("jdbc:sqlserver://db;trustStorePassword=s3cret", "s3cret"),
            ("jdbc:sqlserver://db;keyStoreSecret=s3cret;keyStoreAuthentication=JavaKeyStorePassword", "s3cret"),
            ("jdbc:sqlserver://db;user=gim@srv;password=s3cret", "s3cret"),
            ("jdbc:jtds:sqlserver://db:1433/gim;user=gim;password=s3&cret", "s3&cret"),
        ] {
            assert_eq!(passwords(url), [password], "{url}");
        }
        assert!(passwords("jdbc:sqlserver://db.example:1433;user=gim@srv;encrypt=true").is_empty());
        assert!(
            passwords("jdbc:sqlserver://db;keyStoreAuthentication=JavaKeyStorePassword").is_empty()
        );
    }

    #[test]
    fn postgresql() {
        for (url, password) in [
            (
                "jdbc:postgresql://db:5432/gim?user=gim&password=s3cret&ssl=true",
                "s3cret",
            ),
            ("jdbc:postgresql://db/gim?sslpassword=s3cret", "s3cret"),
            ("jdbc:postgresql://db/gim?password=s3;cret", "s3;cret"),
            ("jdbc:postgresql://gim:s3cret@db:5432/gim", "s3cret"),
            ("jdbc:postgresql://gim:s3/cret@db/gim", "s3/cret"),
            ("jdbc:postgresql://gim:s3?cret@db/gim?ssl=true", "s3?cret"),
            ("jdbc:postgresql://gim:s3@c/r@et@db/gim", "s3@c/r@et"),
            ("jdbc:postgresql://gim:1234@db/gim", "1234"),
            // `@b#c` may be a host and a fragment: hidden with the rest all the same.
            ("jdbc:postgresql://gim:a@b#c@db:5432/gim", "a@b#c"),
        ] {
            assert_eq!(passwords(url), [password], "{url}");
        }
        for url in [
            "jdbc:postgresql://db:5432/gim?user=gim",
            "jdbc:postgresql://srv.example:5432/gim?user=gim@srv",
            "jdbc:postgresql://srv.example:5432/gim?user=gim@srv&ssl=true",
            "jdbc:postgresql://gim@db/gim",
            "jdbc:postgresql://db/gim?sslkey=/etc/key.pk8",
        ] {
            assert!(passwords(url).is_empty(), "{url}");
        }
    }

    #[test]
    fn mysql_and_mariadb() {
        for (url, password) in [
            ("jdbc:mysql://gim:s3cret@db/gim", "s3cret"),
            ("jdbc:mysql://gim@corp:s3cret@db:3306/gim", "s3cret"),
            ("jdbc:mysql://gim:s3cret@[db1:3306,db2:3306]/gim", "s3cret"),
            ("jdbc:mysql://gim:s3cret@db1,db2:3307/gim", "s3cret"),
            ("jdbc:mysql://gim:s3cret@(host=db,port=3306)/gim", "s3cret"),
            ("jdbc:mysql:loadbalance://gim:s3cret@db1,db2/gim", "s3cret"),
            (
                "jdbc:mysql://(host=db,port=3306,user=gim,password=s3cret)/gim",
                "s3cret",
            ),
            (
                "jdbc:mysql://address=(host=db)(user=gim)(password=s3cret)/gim",
                "s3cret",
            ),
            ("jdbc:mysql://db/gim?passwd=s3cret", "s3cret"),
            ("jdbc:mysql://db/gim?user=gim&password1=s3cret", "s3cret"),
            (
                "jdbc:mysql://db/gim?trustCertificateKeyStorePassword=s3cret",
                "s3cret",
            ),
            (
                "jdbc:mariadb://db:3306/gim?user=gim&password=s3cret",
                "s3cret",
            ),
        ] {
            assert_eq!(passwords(url), [password], "{url}");
        }
    }

    #[test]
    fn db2_and_informix() {
        assert_eq!(
            passwords(
                "jdbc:db2://db:50000/gim:user=gim;password=s3cret;sslTrustStorePassword=t0ps3cret;"
            ),
            ["s3cret", "t0ps3cret"]
        );
        assert_eq!(
            passwords(
                "jdbc:informix-sqli://db:9088/gim:INFORMIXSERVER=ids;user=gim;password=s3cret"
            ),
            ["s3cret"]
        );
    }

    #[test]
    fn urls_followed_by_other_words() {
        for (line, password) in [
            ("jdbc:mysql://gim:OptPw111@db:3306 ; prod", "OptPw111"),
            ("jdbc:postgresql://gim:OptPw222@db:5432\turl", "OptPw222"),
            (
                "; old url: jdbc:mysql://gim:CmtPw1234@db:3306 (rotated 2024)",
                "CmtPw1234",
            ),
            ("jdbc:mysql://gim:Pw@x@db:3306 (rotated by a@b)", "Pw@x"),
            // `&` not followed by another property is part of the value.
            (
                "jdbc:postgresql://db/gim?user=a&password=Amp&Pw88",
                "Amp&Pw88",
            ),
            (
                "jdbc:postgresql://db/gim?password=Amp&Pw88&ssl=true",
                "Amp&Pw88",
            ),
            ("jdbc:sqlserver://db;password=Semi;Pw88;user=a", "Semi;Pw88"),
        ] {
            assert_eq!(passwords(line), [password], "{line}");
        }
    }

    #[test]
    fn each_url_ends_where_the_next_starts() {
        let line = "jdbc:oracle:thin:a/b1jdbc:oracle:thin:c/d2@db";
        assert_eq!(passwords(line), ["b1", "d2"]);
        // Past a few `@`, none reading as hosts: the rest of the URL is hidden.
        let url = format!("jdbc:mysql://u:p{}", "@(".repeat(20));
        assert_eq!(passwords(&url), [&url["jdbc:mysql://u:".len()..]]);
    }

    fn connection(text: &str) -> Vec<&str> {
        connection_passwords(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn other_connection_strings() {
        for (text, password) in [
            (
                "Server=db;User Id=sa;Password=AdoNetSecret1;",
                "AdoNetSecret1",
            ),
            ("Password=AdoNetSecret2;Server=db", "AdoNetSecret2"),
            ("DSN=gim;UID=sa;PWD=OdbcSecret22", "OdbcSecret22"),
            ("DSN=gim;UID=sa;PWD={Odbc;Secret}", "{Odbc;Secret}"),
            ("http://user:HttpPw1@proxy:8080", "HttpPw1"),
            (
                "proxy at https://user:HttpPw2@proxy:8080/x (old)",
                "HttpPw2",
            ),
            ("ftp://admin:FtpPw3@files.example/in", "FtpPw3"),
            ("http://proxy/x?token=Tok3n&y=1", "Tok3n"),
            ("\"Server=db;Password=Quoted1\"", "Quoted1"),
        ] {
            assert_eq!(connection(text), [password], "{text}");
        }
        for text in [
            "http://proxy:8080/path?x=a@b",
            "http://proxy/a:b@c",
            "Server=db;User Id=sa",
            "a=b;c=d",
        ] {
            assert!(connection(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn urls_anywhere_on_a_line() {
        let line = r#"jdbc-url="jdbc:postgresql://db/gim?user=a&password=s3cret" "#;
        assert_eq!(passwords(line), ["s3cret"]);
        let line = "jdbc-url: jdbc:postgresql://db/gim?user=a&password=s3cret";
        assert_eq!(passwords(line), ["s3cret"]);
        let line = "; old: jdbc:sqlserver://db;password=s3cret";
        assert_eq!(passwords(line), ["s3cret"]);
        assert!(passwords("http://a:b@c").is_empty());
        assert!(passwords("jdbc:").is_empty());
        assert!(passwords("jdbc:x//").is_empty());
    }
}
