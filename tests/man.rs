//! `gimlint man`: the page holds every command and flag of the clap definitions, the
//! sections clap cannot write, every environment variable the code reads, and renders
//! cleanly.

// Tests say on stderr what they skipped; the library itself never prints.
#![allow(clippy::print_stderr)]

use assert_cmd::Command;
use clap::CommandFactory;
use gimlint::cli::Cli;

fn man_page() -> String {
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).unwrap()
}

/// `text` as roff writes it: a hyphen is `\-`.
fn roff(text: &str) -> String {
    text.replace('-', "\\-")
}

/// The part of the page from the line `heading` to the next heading of the same or a
/// higher level (`.SS` or `.SH`).
fn part<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no `{heading}` on the man page:\n{page}"))
        + 1;
    let rest = &page[start + heading.len()..];
    let end = [rest.find("\n.SS "), rest.find("\n.SH ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &page[start..start + heading.len() + end]
}

/// How the entry of `arg` starts in a list of options: `\fB\-s\fR, \fB\-\-long\fR`, or
/// `[\fIVALUE\fR]` for an argument.
fn entry_start(arg: &clap::Arg) -> String {
    let short = arg.get_short().map(|s| format!("\\fB\\-{s}\\fR"));
    let long = arg.get_long().map(|l| format!("\\fB\\-\\-{}\\fR", roff(l)));
    match (short, long) {
        (Some(short), Some(long)) => format!("{short}, {long}"),
        (Some(flag), None) | (None, Some(flag)) => flag,
        (None, None) => {
            let value = arg
                .get_value_names()
                .and_then(|names| names.first().map(ToString::to_string))
                .unwrap_or_else(|| arg.get_id().to_string());
            let (open, close) = if arg.is_required_set() {
                ("<", ">")
            } else {
                ("[", "]")
            };
            format!("{open}\\fI{}\\fR{close}", roff(&value))
        }
    }
}

/// Checks that the subsection of `command` (and of its subcommands) has an entry for each
/// of its flags and arguments, with their possible values.
fn assert_documented(page: &str, command: &clap::Command) {
    let name = command.get_bin_name().unwrap_or(command.get_name());
    let section = part(page, &format!(".SS \"{}\"", roff(name)));
    // Each entry is a `.TP` paragraph whose first line names the flag.
    let entries: Vec<&str> = section.split(".TP\n").skip(1).collect();
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let start = entry_start(arg);
        let entry = entries
            .iter()
            .find(|entry| {
                entry
                    .strip_prefix(&start)
                    .is_some_and(|rest| rest.starts_with([' ', '\n']))
            })
            .unwrap_or_else(|| {
                panic!(
                    "`{name}`: no entry `{start}` (argument `{}`) on the man page:\n{section}",
                    arg.get_id()
                )
            });
        // Each possible value starts a line of the entry, alone or before `: its help`.
        if !arg.is_hide_possible_values_set() {
            for value in arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
            {
                let line = roff(value.get_name());
                assert!(
                    entry
                        .lines()
                        .any(|l| l == line || l.starts_with(&format!("{line}: "))),
                    "`{name}` `{start}`: the possible value `{line}` is not listed:\n{entry}"
                );
            }
        }
    }
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        assert_documented(page, subcommand);
    }
}

#[test]
fn every_command_and_flag_is_on_the_man_page() {
    let page = man_page();
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    assert!(cli.get_subcommands().count() >= 9, "the commands are read");
    for subcommand in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        assert_documented(&page, subcommand);
    }
    let top = part(&page, ".SH OPTIONS");
    assert!(top.contains("\\-\\-version") && top.contains("\\-\\-help"));
}

#[test]
fn the_man_page_has_the_sections_clap_cannot_write() {
    let page = man_page();
    let exit = part(&page, ".SH \"EXIT STATUS\"");
    for status in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
        assert!(exit.contains(status), "exit status {status}:\n{exit}");
    }
    for heading in [
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(!part(&page, heading).is_empty());
    }
    let files = part(&page, ".SH FILES");
    for file in ["gimlint.toml", ".gitignore", ".ignore", "baseline"] {
        assert!(files.contains(file), "{file}:\n{files}");
    }
    // No page that is not installed: gimlint-check(1) and the like were the stub's.
    assert!(
        !page.contains("(1)"),
        "a reference to another page:\n{page}"
    );
}

/// The names of the environment variables `source` reads with `var("…")`, `var_os("…")`,
/// or the CLI's `variable("…")` (the environment of a run, given to it as a function).
fn variables_read(source: &str) -> Vec<String> {
    ["var(\"", "var_os(\"", "variable(\""]
        .iter()
        .flat_map(|call| source.match_indices(call).map(|(i, _)| i + call.len()))
        .filter_map(|start| {
            source[start..]
                .split_once('"')
                .map(|(name, _)| name.to_owned())
        })
        .collect()
}

#[test]
fn every_environment_variable_the_code_reads_is_on_the_man_page() {
    let page = man_page();
    let environment = part(&page, ".SH ENVIRONMENT");
    // Read only by a unit test of src/lsp, to run itself as a child process.
    let internal = ["GIMLINT_LSP_PANIC_CHILD"];
    let mut read = Vec::new();
    for entry in walkdir::WalkDir::new("src") {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            read.extend(variables_read(
                &std::fs::read_to_string(entry.path()).unwrap(),
            ));
        }
    }
    assert!(
        read.iter().any(|v| v == "NO_COLOR"),
        "the scan finds {read:?}"
    );
    for variable in read.iter().filter(|v| !internal.contains(&v.as_str())) {
        assert!(
            environment.contains(&format!("\\fB{}\\fR", roff(variable))),
            "{variable} is read by the code but not under ENVIRONMENT in src/cli/man.rs:\n{environment}"
        );
    }
}

#[test]
fn the_man_page_renders_without_warnings() {
    let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: no groff on this machine");
        return;
    };
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(man_page().as_bytes())
        .unwrap();
    let output = groff.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
