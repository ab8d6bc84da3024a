//! The floor: bench/baseline_configparser.py's three checks (CAL001, GIM001, ICN001) over the
//! same files, done the fastest honest way, so that bench/run can say how far gimlint is from
//! the least work that finds the same problems.
//!
//! It walks the folder, then reads each `.cfg`/`.conf`/`.ini` file on a rayon worker into that
//! worker's one buffer, decides its encoding as the script does (UTF-8, else Windows-1252),
//! finds lines and delimiters with memchr and keeps nothing of a file but spans into the buffer
//! until the file is checked. It follows configparser's dialect where it decides a finding:
//! names of sections are case-sensitive and those of options are not, `=` and `:` both
//! delimit, indented lines continue a value, `[DEFAULT]` supplies every section, a repeated
//! section or option merges with the last value winning, and a file configparser rejects is
//! "cannot parse" with the same error class. Its output is the script's, byte for byte, so the
//! two can be compared with `cmp` (bench/run does); a summary goes to stderr. The folder
//! bench/floor/dialect holds those corners of configparser; `bench/run --quick` compares the
//! floor with the script on it.
//!
//! Where it differs from configparser, on text the benchmark corpus does not have: only ASCII
//! whitespace is trimmed (Python also strips non-ASCII spaces such as U+00A0) and only ASCII
//! digits make a year (Python's `isdigit` accepts others, `²` among them).
//!
//! Usage: gimlint-floor FOLDER

use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1) else {
        eprintln!("usage: gimlint-floor FOLDER");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    walk(Path::new(&root), &mut files);
    // The script prints in the order of its sorted paths; `Path` orders by component as it does.
    files.sort_unstable();
    // An indexed parallel iterator folds and reduces in order: the output is the sorted one.
    let (output, tally) = files
        .par_iter()
        .fold(
            || (Vec::new(), Tally::default()),
            |(mut output, mut tally), path| {
                WORKER.with_borrow_mut(|worker| worker.check(path, &mut output, &mut tally));
                (output, tally)
            },
        )
        .reduce(
            || (Vec::new(), Tally::default()),
            |(mut output, tally), (more, other)| {
                output.extend_from_slice(&more);
                (output, tally.add(other))
            },
        );
    if let Err(error) = std::io::stdout().lock().write_all(&output) {
        eprintln!("gimlint-floor: cannot write the findings: {error}");
        return ExitCode::from(2);
    }
    eprintln!(
        "gimlint-floor: {} files, {} findings, {} files configparser cannot parse, {} unreadable",
        files.len(),
        tally.findings,
        tally.unparsed,
        tally.unreadable
    );
    ExitCode::from(if tally.unreadable > 0 { 2 } else { 0 })
}

/// Every file below `dir` whose suffix the script reads (`rglob("*")`: hidden files too, no
/// links to folders followed, links to files read).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return eprintln!("gimlint-floor: {}: {error}", dir.display()),
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, files);
        } else if is_options_file(&path) && (kind.is_file() || kind.is_symlink() && path.is_file())
        {
            files.push(path);
        }
    }
}

fn is_options_file(path: &Path) -> bool {
    path.extension().is_some_and(|suffix| {
        ["cfg", "conf", "ini"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s))
    })
}

#[derive(Default)]
struct Tally {
    findings: usize,
    unparsed: usize,
    unreadable: usize,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally {
            findings: self.findings + other.findings,
            unparsed: self.unparsed + other.unparsed,
            unreadable: self.unreadable + other.unreadable,
        }
    }
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::default();
}

// Where the values the checks read are kept, in `Worker::values`: the four options of
// `[DEFAULT]`, then those of `[schedule]` and `[callconcentrator]`, then the year of each
// `[date-time*]` section.
const DEFAULT_YEAR: usize = 0;
const DEFAULT_RUN_SCHEDULER: usize = 1;
const DEFAULT_ROLE: usize = 2;
const DEFAULT_CSEQ: usize = 3;
const RUN_SCHEDULER: usize = 4;
const ROLE: usize = 5;
const CSEQ: usize = 6;
const FIRST_YEAR: usize = 7;

const YEAR_KEY: &[u8] = b"date-time-start-year";

/// What one rayon worker reuses from file to file; nothing in it outlives the file's check
/// but its capacity.
#[derive(Default)]
struct Worker {
    /// The file's bytes.
    text: Vec<u8>,
    /// The lines of the values the checks read: spans of `text` (a value continued over
    /// several lines has several).
    lines: Vec<Range<usize>>,
    /// Each tracked option's last value: a range of `lines`.
    values: Vec<Option<Range<usize>>>,
    /// The file's `[date-time*]` sections in order of appearance: their names, spans of `text`.
    date_time: Vec<Range<usize>>,
    /// A value of several lines joined as configparser joins it (the rare case).
    joined: Vec<u8>,
    /// Whether the file has a `[schedule]` and a `[callconcentrator]` section.
    has_schedule: bool,
    has_callconcentrator: bool,
}

/// The section the lines being read belong to.
#[derive(Clone, Copy)]
enum Section {
    Default,
    Schedule,
    CallConcentrator,
    /// The n-th `[date-time*]` section of the file.
    DateTime(usize),
    Other,
}

/// configparser's verdict on a file it rejects (the name of the exception it raises).
enum Rejected {
    MissingSectionHeaderError,
    ParsingError,
}

impl Worker {
    fn check(&mut self, path: &Path, output: &mut Vec<u8>, tally: &mut Tally) {
        self.text.clear();
        if let Err(error) = File::open(path).and_then(|mut file| file.read_to_end(&mut self.text)) {
            eprintln!("gimlint-floor: {}: {error}", path.display());
            tally.unreadable += 1;
            return;
        }
        // "utf-8-sig", else Windows-1252: only a valid UTF-8 file loses its byte order mark.
        let utf8 = std::str::from_utf8(&self.text).is_ok();
        let start = if utf8 && self.text.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        if let Err(rejected) = self.read(start) {
            let _ = writeln!(
                output,
                "{}: cannot parse: {}",
                path.display(),
                rejected.name()
            );
            tally.unparsed += 1;
            return;
        }
        tally.findings += self.report(path, utf8, output);
    }

    /// Reads the file as configparser does, keeping the values of the options the checks read.
    fn read(&mut self, start: usize) -> Result<(), Rejected> {
        // Moved out while it is read, so that the spans can be kept in `self` (no copy).
        let text = std::mem::take(&mut self.text);
        let read = self.read_text(&text, start);
        self.text = text;
        read
    }

    fn read_text(&mut self, text: &[u8], start: usize) -> Result<(), Rejected> {
        self.lines.clear();
        self.values.clear();
        self.values.resize(FIRST_YEAR, None);
        self.date_time.clear();
        self.has_schedule = false;
        self.has_callconcentrator = false;
        let mut section = None;
        // The option whose value an indented line continues: `Some(None)` when it is one the
        // checks do not read.
        let mut option: Option<Option<usize>> = None;
        let mut indent_level = 0;
        let mut rejected = false;
        let mut line_start = start;
        while line_start < text.len() {
            let line_end =
                memchr::memchr(b'\n', &text[line_start..]).map_or(text.len(), |n| line_start + n);
            let line = trim(text, line_start..line_end);
            let next = line_end + 1;
            if line.is_empty() {
                // An empty line belongs to the value being read; a trailing one is dropped
                // when the value is joined.
                if let Some(Some(slot)) = option {
                    self.lines.push(line);
                    extend(&mut self.values[slot], self.lines.len());
                }
                line_start = next;
                continue;
            }
            if matches!(text[line.start], b'#' | b';') {
                line_start = next;
                continue;
            }
            let indent = line.start - line_start;
            if option.is_some() && indent > indent_level {
                if let Some(Some(slot)) = option {
                    self.lines.push(line);
                    extend(&mut self.values[slot], self.lines.len());
                }
                line_start = next;
                continue;
            }
            indent_level = indent;
            let bytes = &text[line.clone()];
            // `\[(?P<header>.+)\]`, matched at the start: the header runs to the last `]`.
            let close = (bytes[0] == b'[')
                .then(|| memchr::memrchr(b']', bytes))
                .flatten();
            if let Some(close) = close.filter(|&close| close >= 2) {
                let name = line.start + 1..line.start + close;
                section = Some(self.section(text, name));
                option = None;
            } else if let Some(section) = section {
                match memchr::memchr2(b'=', b':', bytes) {
                    // An empty name: configparser notes the error, keeps the value, and no
                    // line continues it.
                    Some(0) => {
                        rejected = true;
                        option = None;
                    }
                    Some(delimiter) => {
                        let key = trim(text, line.start..line.start + delimiter);
                        let slot = self.slot(section, &text[key]);
                        if let Some(slot) = slot {
                            self.lines
                                .push(trim(text, line.start + delimiter + 1..line.end));
                            self.values[slot] = Some(self.lines.len() - 1..self.lines.len());
                        }
                        option = Some(slot);
                    }
                    None => rejected = true,
                }
            } else {
                return Err(Rejected::MissingSectionHeaderError);
            }
            line_start = next;
        }
        if rejected {
            return Err(Rejected::ParsingError);
        }
        Ok(())
    }

    /// The section a header opens; a `[date-time*]` section seen before is the same one.
    fn section(&mut self, text: &[u8], name: Range<usize>) -> Section {
        let header = &text[name.clone()];
        match header {
            b"DEFAULT" => Section::Default,
            b"schedule" => {
                self.has_schedule = true;
                Section::Schedule
            }
            b"callconcentrator" => {
                self.has_callconcentrator = true;
                Section::CallConcentrator
            }
            _ if header == b"date-time" || header.starts_with(b"date-time-") => {
                let seen = self
                    .date_time
                    .iter()
                    .position(|n| &text[n.clone()] == header);
                Section::DateTime(seen.unwrap_or_else(|| {
                    self.date_time.push(name);
                    self.values.push(None);
                    self.date_time.len() - 1
                }))
            }
            _ => Section::Other,
        }
    }

    /// Where the value of option `key` of `section` is kept, if a check reads it.
    fn slot(&self, section: Section, key: &[u8]) -> Option<usize> {
        let is = |name: &[u8]| key.eq_ignore_ascii_case(name);
        match section {
            Section::Default if is(YEAR_KEY) => Some(DEFAULT_YEAR),
            Section::Default if is(b"run-scheduler") => Some(DEFAULT_RUN_SCHEDULER),
            Section::Default if is(b"role") => Some(DEFAULT_ROLE),
            Section::Default if is(b"cseq-adjustment") => Some(DEFAULT_CSEQ),
            Section::Schedule if is(b"run-scheduler") => Some(RUN_SCHEDULER),
            Section::CallConcentrator if is(b"role") => Some(ROLE),
            Section::CallConcentrator if is(b"cseq-adjustment") => Some(CSEQ),
            Section::DateTime(n) if is(YEAR_KEY) => Some(FIRST_YEAR + n),
            _ => None,
        }
    }

    /// The three checks on what `read` kept; writes the script's lines and returns their count.
    fn report(&mut self, path: &Path, utf8: bool, output: &mut Vec<u8>) -> usize {
        let mut found = 0;
        for n in 0..self.date_time.len() {
            let Some(year) = self.get(FIRST_YEAR + n, DEFAULT_YEAR) else {
                continue;
            };
            let year = self.bytes(&year);
            if !(year.len() == 4 && year.iter().all(u8::is_ascii_digit)) {
                let _ = write!(output, "{}: CAL001 [", path.display());
                push_text(output, &self.text[self.date_time[n].clone()], utf8);
                output.extend_from_slice(b"] date-time-start-year=");
                push_text(output, year, utf8);
                output.push(b'\n');
                found += 1;
            }
        }
        if self.has_schedule {
            let run = self.get(RUN_SCHEDULER, DEFAULT_RUN_SCHEDULER);
            if run.is_some_and(|run| strip(self.bytes(&run)).eq_ignore_ascii_case(b"true")) {
                let _ = writeln!(output, "{}: GIM001 run-scheduler is true", path.display());
                found += 1;
            }
        }
        if self.has_callconcentrator {
            // `role` defaults to "all", `cseq-adjustment` to "0".
            let voice = self.get(ROLE, DEFAULT_ROLE).is_none_or(|roles| {
                let roles = self.bytes(&roles);
                roles
                    .split(|&b| b == b',')
                    .map(strip)
                    .any(|r| r == b"all" || r == b"gcc")
            });
            let cseq = self.get(CSEQ, DEFAULT_CSEQ);
            let cseq_is_2 = cseq.is_some_and(|cseq| strip(self.bytes(&cseq)) == b"2");
            if voice && !cseq_is_2 {
                let _ = writeln!(
                    output,
                    "{}: ICN001 cseq-adjustment is not 2",
                    path.display()
                );
                found += 1;
            }
        }
        found
    }

    /// What configparser's `get` returns for the option kept in `slot`, else for the one of
    /// `[DEFAULT]` kept in `default`: its lines joined by newlines, trailing whitespace dropped.
    fn get(&mut self, slot: usize, default: usize) -> Option<Value> {
        let lines = self.values[slot]
            .clone()
            .or_else(|| self.values[default].clone())?;
        if lines.len() == 1 {
            // The common case: one line, already trimmed.
            return Some(Value::Text(self.lines[lines.start].clone()));
        }
        self.joined.clear();
        for (n, line) in self.lines[lines].iter().enumerate() {
            if n > 0 {
                self.joined.push(b'\n');
            }
            self.joined.extend_from_slice(&self.text[line.clone()]);
        }
        let end = self
            .joined
            .iter()
            .rposition(|&b| !is_space(b))
            .map_or(0, |n| n + 1);
        self.joined.truncate(end);
        Some(Value::Joined)
    }

    fn bytes(&self, value: &Value) -> &[u8] {
        match value {
            Value::Text(span) => &self.text[span.clone()],
            Value::Joined => &self.joined,
        }
    }
}

/// A value `Worker::get` found: a span of the file, or the worker's `joined`.
enum Value {
    Text(Range<usize>),
    Joined,
}

impl Rejected {
    fn name(&self) -> &'static str {
        match self {
            Rejected::MissingSectionHeaderError => "MissingSectionHeaderError",
            Rejected::ParsingError => "ParsingError",
        }
    }
}

/// Python's `str.isspace` on ASCII.
fn is_space(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f
    )
}

/// `span` of `text` without its leading and trailing whitespace.
fn trim(text: &[u8], span: Range<usize>) -> Range<usize> {
    let bytes = &text[span.clone()];
    let Some(first) = bytes.iter().position(|&b| !is_space(b)) else {
        return span.start..span.start;
    };
    let last = bytes.iter().rposition(|&b| !is_space(b)).unwrap_or(first);
    span.start + first..span.start + last + 1
}

fn strip(bytes: &[u8]) -> &[u8] {
    &bytes[trim(bytes, 0..bytes.len())]
}

/// Lengthens the value kept in a slot to the line just pushed.
fn extend(value: &mut Option<Range<usize>>, lines: usize) {
    if let Some(value) = value {
        value.end = lines;
    }
}

/// Writes `bytes` of the file as Python prints the decoded text: UTF-8 as it is, Windows-1252
/// decoded (its five undefined bytes as U+FFFD, as `errors="replace"` does).
fn push_text(output: &mut Vec<u8>, bytes: &[u8], utf8: bool) {
    if utf8 || bytes.is_ascii() {
        return output.extend_from_slice(bytes);
    }
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    for &byte in bytes {
        let c = match byte {
            0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        };
        output.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}
