use crate::base::span::Span;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::secrets::{is_secret_name, jdbc_passwords, name_is_data, secret_spans_of, MASK};

declare_rule! {
    /// ## What it does
    /// Reports an option whose name says it holds a secret and whose value is not empty, and
    /// a JDBC URL with a password inside it. A name says secret when it ends with
    /// `password`, `passwd`, `passwrd`, `pwd`, `pw`, `pswd`, `passphrase`, `passcode`,
    /// `secret`, `token`, `credential(s)`, `api-key`, `private-key`, `secret-key`,
    /// `access-key`, `auth-key` or `priv-key`, as a word (`db-password`, `db-pw`), glued to
    /// the word before (`DBPassword`, `sslpassword`) or split in words (`pass-word`,
    /// `PassWord`, `x-api-key`, `access_key`), or when its last word ends with `pass`
    /// (`db-pass`, `dbpass`, `DBPASS`, `truststorepass`) and is no ordinary word (`bypass`,
    /// `compass`); trailing digits do not count (`password2`). A name that only contains such
    /// a word (`password-expiration-days`, `token-lifetime`, `AccessKeyId`) is not reported,
    /// though its value is hidden in every output. The
    /// JDBC URL forms read are Oracle's thin and OCI (`user/password@`, quoted too), SQL
    /// Server's and jTDS's, PostgreSQL's, MySQL's and MariaDB's (`user:password@`, the
    /// `(host=…,password=…)` forms) and DB2's, with every password-like property
    /// (`password`, `passwd`, `sslpassword`, `trustStorePassword`, `keyStoreSecret`…), also
    /// in a quoted value or on a malformed option line. Values made only of `*` are taken as
    /// already masked.
    ///
    /// Not reported: the option names of `[log-filter-data]` and of Stat Server's
    /// `[Filters]`, which are data (an attached-data key, a filter) rather than settings, and
    /// the log filter types that `[log-filter]` and `[log-filter-data]` hold:
    /// `Password=hide` is what keeps a password out of the logs.
    ///
    /// gimlint never prints the value itself, in any output format.
    ///
    /// ## Why is this bad?
    /// Option exports are mailed, attached to change tickets and committed to repositories
    /// for CI; a password in one is readable by everyone who can read those. GIM reads
    /// database credentials from its Database Access Points, so a password written into a
    /// `jdbc-url` option is usually not needed at all.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// jdbc-url=jdbc:postgresql://db:5432/gim?user=gim&password=example
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// jdbc-url=jdbc:postgresql://db:5432/gim
    /// ```
    ///
    /// ## Fix
    /// Remove the secret from the export before you share or commit it, and keep credentials
    /// where Configuration Server protects them (for a DAP, its database user and password).
    /// If a secret was committed, change it.
    pub struct PlaintextSecret {
        code: "SEC001",
        name: "plaintext-secret",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "a password-like option or a `jdbc-url` with a password holds a non-empty value",
        source: "gimlint security policy: exports are shared and committed; DAP credentials: https://docs.genesys.com/Documentation/GIM/latest/Dep/GIMDataAccess",
    }
}

/// The option name a message quotes for a URL: on a malformed line read as an option
/// (`jdbc-url: jdbc:…?user=a&password=…`, cut at its first `=`), the word before the URL,
/// not the start of the URL.
fn name_before_url(name: &str) -> &str {
    match name.to_ascii_lowercase().find("jdbc:") {
        Some(url) => name[..url]
            .trim_end()
            .trim_end_matches([':', '"'])
            .trim_end(),
        None => name,
    }
}

/// Whether a value is empty or already masked (`****`).
fn is_blank_or_masked(value: &str) -> bool {
    value.trim().bytes().all(|b| b == MASK)
}

impl Rule for PlaintextSecret {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        // Every value this rule reports is one the model already hides: a file with no
        // hidden span has nothing to report, and most files have none.
        if app.secrets.is_empty() {
            return;
        }
        // The same holds line by line: an option whose line the model hides no part of has
        // nothing to report, and its name need not be read again. For each secret, how far
        // the secrets up to it reach (they are sorted by start, and may nest).
        let reach: Vec<usize> = app
            .secrets
            .iter()
            .scan(0, |reach, secret| {
                *reach = secret.end.max(*reach);
                Some(*reach)
            })
            .collect();
        let hides_part_of = |line: Span| {
            let starting_before = app.secrets.partition_point(|s| s.start < line.end);
            starting_before > 0 && reach[starting_before - 1] > line.start
        };
        for option in app.doc.sections.iter().flat_map(|s| &s.options) {
            // A key name in `[log-filter-data]` names data, not a password; what it holds is
            // a filter type (OPT010/OPT011 check it), and any other value stays hidden.
            if name_is_data(option) || !hides_part_of(app.doc.lines[option.line].span) {
                continue;
            }
            if is_secret_name(option.name) {
                if secret_spans_of(option).is_empty() || is_blank_or_masked(option.value) {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        option.value_span,
                        format!("`{}` holds a secret in plain text", option.name),
                    )
                    .label("secret value (hidden)")
                    .help("remove the value before you share or commit this export; if it was committed, change the secret"),
                );
                continue;
            }
            // The whole line: a URL may start in what was read as the name (`jdbc-url:
            // jdbc:…?user=a&password=…` is cut at its first `=`).
            let line = app.doc.lines[option.line].span;
            for password in jdbc_passwords(&app.doc.text[line.range()], line.start) {
                if is_blank_or_masked(&app.doc.text[password.range()]) {
                    continue;
                }
                out.push(
                    Finding::new(
                        &Self::META,
                        password,
                        format!("the JDBC URL in `{}` holds a password in plain text", name_before_url(option.name)),
                    )
                    .label("password (hidden)")
                    .help(if app.kind == AppKind::Dap {
                        "remove the password from the URL: set the user and password on this DAP's DB Info tab, which Configuration Server keeps apart; if it was committed, change it"
                    } else {
                        "remove the password from the URL: the database user and password belong to the Database Access Point; if it was committed, change it"
                    }),
                );
            }
        }
    }
}
