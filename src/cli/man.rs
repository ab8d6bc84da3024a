//! `gimlint man`: one page, gimlint(1), for the whole command. The synopsis, description
//! and flags of gimlint and of each subcommand are generated from the clap definitions, so
//! the page cannot fall out of step with them; what clap does not know (exit status,
//! environment, files, examples) is written here. One page rather than a page per
//! subcommand: it installs as one file, and `man gimlint` then searches every flag.

use clap::Command;

/// The whole man page, in roff.
pub fn page(cli: Command) -> std::io::Result<String> {
    // `help` is clap's, documented by `--help` itself: not a command of the page.
    let mut cli = cli.disable_help_subcommand(true);
    cli.build();
    let top = clap_mangen::Man::new(cli.clone());
    let mut page = Vec::new();
    top.render_title(&mut page)?;
    top.render_name_section(&mut page)?;
    top.render_synopsis_section(&mut page)?;
    top.render_description_section(&mut page)?;
    top.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for subcommand in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_command(subcommand, &mut page)?;
    }
    page.extend_from_slice(HAND_WRITTEN.as_bytes());
    top.render_version_section(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// A subcommand as a subsection of COMMANDS, titled with its full name (`gimlint check`):
/// its synopsis, description and flags as clap_mangen renders them for a page of their own,
/// their section headers turned into this subsection's; then its own subcommands.
fn render_command(command: &Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    let name = command.get_bin_name().unwrap_or(command.get_name());
    page.extend_from_slice(format!(".SS \"{}\"\n", name.replace('-', "\\-")).as_bytes());
    let man = clap_mangen::Man::new(command.clone());
    let mut parts = Vec::new();
    man.render_synopsis_section(&mut parts)?;
    man.render_description_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    for line in String::from_utf8_lossy(&parts).lines() {
        match line.strip_prefix(".SH ") {
            // SYNOPSIS and DESCRIPTION need no title under the command's own, OPTIONS a
            // paragraph break; a help heading (`Output options`) stays a heading, in bold.
            Some("SYNOPSIS" | "DESCRIPTION" | "OPTIONS") => page.extend_from_slice(b".PP\n"),
            Some(heading) => {
                let heading = heading.trim_matches('"');
                page.extend_from_slice(format!(".PP\n\\fB{heading}\\fR\n").as_bytes());
            }
            None => {
                page.extend_from_slice(line.as_bytes());
                page.push(b'\n');
            }
        }
    }
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_command(subcommand, page)?;
    }
    Ok(())
}

/// The sections clap has no word for. Kept to what the code does: the environment
/// variables are those the code reads (tests/cli.rs checks each is here).
const HAND_WRITTEN: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
No finding at or above the \fB\-\-fail\-on\fR severity (\fBwarning\fR by default, or
gimlint.toml's \fBfail\-on\fR).
.TP
\fB1\fR
At least one finding at or above that severity.
.TP
\fB2\fR
gimlint could not do its whole job: a bad flag or gimlint.toml, a missing, unreadable,
binary or too large file. The other files are still linted and reported.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
Set to anything but the empty string: no colours with \fB\-\-color auto\fR.
.TP
\fBCOLUMNS\fR
The width the human output is wrapped at (else the terminal's, else 80).
.TP
\fBTERM\fR
\fBdumb\fR: no colours with \fB\-\-color auto\fR, as with \fBNO_COLOR\fR.
.TP
\fBLC_ALL\fR, \fBLC_CTYPE\fR, \fBLANG\fR
The first one set names the locale; when it is not UTF\-8, the human output is drawn
in ASCII.
.TP
\fBFORCE_HYPERLINK\fR
Set, and not \fB0\fR: rule codes in the human output (with colour on) are terminal
hyperlinks to their documentation, even when standard output is not a terminal or the
terminal's support for them is not detected.
.TP
\fBGITHUB_ACTIONS\fR
\fBtrue\fR (as GitHub Actions sets it): the default \fB\-\-format\fR is \fBgithub\fR, and
annotations are printed beside any other format.
.TP
\fBPRE_COMMIT\fR
\fB1\fR (as pre\-commit sets it for its hooks): an XML file named on the command line is
linted only when it is an attached\-data specification.
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since 1970\-01\-01 UTC: the date of the run (for dated suppressions, relative
years and \fBreport \-\-timestamp\fR), for reproducible output.
.TP
\fBHOME\fR (\fBUSERPROFILE\fR on Windows)
The discovery of gimlint.toml never looks above the home folder.
.TP
\fBRAYON_NUM_THREADS\fR
How many threads lint and render files at once (default: one per core).
.SH FILES
.TP
\fIgimlint.toml\fR
The topology (applications, kinds, connections) and settings of a run: the file
\fB\-\-config\fR names, or else the nearest gimlint.toml in the folder of the first path
linted (of \fB\-\-stdin\-filename\fR for standard input) or a folder above it, up to the
root of its repository (the folder holding \fI.git\fR), never above the home folder and
never in or above a folder every user may write. The run names the file it used.
.TP
\fI.gitignore\fR, \fI.ignore\fR, \fI.git/info/exclude\fR
What a folder walk leaves out, as git and ripgrep read them: \fI.gitignore\fR files and
\fI.git/info/exclude\fR inside a git repository, with the global gitignore
(\fBcore.excludesFile\fR); \fI.ignore\fR files everywhere. gimlint.toml's \fBexclude\fR
and \fBextend\-exclude\fR (or \fB\-\-exclude\fR, \fB\-\-extend\-exclude\fR) leave out more.
.TP
\fIbaseline file\fR
Written by \fBcheck \-\-write\-baseline\fR \fIFILE\fR, read by \fBcheck \-\-baseline\fR
\fIFILE\fR: the findings recorded by file, section, option and rule (not line), so that
only new findings are reported.
.SH EXAMPLES
Lint the exports of a folder before the migration:
.PP
.RS
.nf
gimlint check exports/
.fi
.RE
.PP
Lint them after the migration, against the exports from before:
.PP
.RS
.nf
gimlint diff before/ after/
.fi
.RE
.PP
Show the safe fixes as a diff, then apply them:
.PP
.RS
.nf
gimlint check \-\-diff exports/
gimlint check \-\-fix exports/
.fi
.RE
.PP
SARIF for GitHub code scanning, failing only on errors:
.PP
.RS
.nf
gimlint check \-\-format sarif \-\-output\-file gimlint.sarif \-\-fail\-on error exports/
.fi
.RE
.PP
Record today's findings, then report only new ones:
.PP
.RS
.nf
gimlint check \-\-write\-baseline gimlint\-baseline.json exports/
gimlint check \-\-baseline gimlint\-baseline.json exports/
.fi
.RE
.PP
Read what a rule checks, and what gimlint knows of an option:
.PP
.RS
.nf
gimlint explain GIM001
gimlint explain schedule/run\-scheduler
.fi
.RE
.PP
Install this page and the bash completions:
.PP
.RS
.nf
gimlint man > ~/.local/share/man/man1/gimlint.1
gimlint completions bash > ~/.local/share/bash\-completion/completions/gimlint
.fi
.RE
.SH "SEE ALSO"
The rules, one page each: \fIhttps://github.com/gimlint/gimlint/tree/main/docs/rules\fR, or
\fBgimlint rules\fR and \fBgimlint explain\fR \fICODE\fR.
The guide: \fIhttps://github.com/gimlint/gimlint/blob/main/docs/guide.md\fR.
"#;
