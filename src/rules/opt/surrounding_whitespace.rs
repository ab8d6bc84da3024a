use crate::base::span::Span;
use crate::diagnostic::{Applicability, Edit, Finding, Findings, Fix};
use crate::model::Application;
use crate::parse::options::OptionEntry;
use crate::rules::{declare_rule, Context, Rule};
use crate::secrets::secret_spans_of;

declare_rule! {
    /// ## What it does
    /// Reports blanks (spaces, tabs) that the documentation never writes: before an option
    /// name or inside the brackets of a section header, after a value, and around `=` when
    /// they are not one space on each side. The two forms the documentation uses pass:
    /// `name=value` (the export format) and `name = value` (the option examples of the
    /// Genesys guides).
    ///
    /// ## Why is this bad?
    /// Genesys names are case-sensitive and compared as written. What Configuration Manager,
    /// Genesys Administrator and GAX do with other blanks when they import a file is not
    /// documented: a blank that is kept becomes part of the name or the value, and
    /// `run-aggregates=FALSE ` is then not `FALSE` (a Java application reading it as a
    /// boolean gets `false` from `"TRUE "`, whatever was meant). gimlint's other rules read
    /// the text between the blanks; this rule says where that reading is a guess.
    ///
    /// What is known: the GAX file-format page writes `name=value`; the option pages and the
    /// T-Server and Framework examples write `name = value`. What is not: whether an import
    /// trims a blank before a name, after a value, or a tab or second space around `=`.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-aggregates=FALSE
    /// run-scheduler =FALSE
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-aggregates=FALSE
    /// run-scheduler=FALSE
    /// ```
    ///
    /// ## Fix
    /// Delete the blanks; the fix removes exactly them (around `=` it writes `name=value`).
    /// A value made of blanks only is left alone: it may be meant.
    pub struct SurroundingWhitespace {
        code: "OPT006",
        name: "surrounding-whitespace",
        severity: Warning,
        fix: Yes,
        applies_to: &[],
        phase: None,
        summary: "blanks the documentation never writes: before a name, after a value, uneven around `=`",
        source: "GAX Help, CFG/CONF File Format (`option-name=value`); option pages and the T-Server log section examples (`verbose = all`); option names are case-sensitive: https://docs.genesys.com/Documentation/GA/latest/user/OptionMgmt",
    }
}

/// A run of blanks to delete, and where it stands.
struct Blanks {
    span: Span,
    place: Place,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    BeforeName,
    AroundEquals,
    AfterValue,
    AfterName,
}

impl Place {
    fn label(self) -> &'static str {
        match self {
            Place::BeforeName => "leading whitespace",
            Place::AroundEquals => "uneven whitespace",
            Place::AfterValue | Place::AfterName => "trailing whitespace",
        }
    }
}

/// The blanks of one option line that neither documented form holds.
fn stray_blanks(text: &str, line: Span, option: &OptionEntry) -> Vec<Blanks> {
    let mut stray = Vec::new();
    let mut push = |start: usize, end: usize, place| {
        if start < end {
            stray.push(Blanks {
                span: Span::new(start, end),
                place,
            });
        }
    };
    push(line.start, option.name_span.start, Place::BeforeName);
    if option.value.is_empty() {
        // `name=` followed by blanks only: the blanks may be the value.
        return stray;
    }
    let before = &text[option.name_span.end..option.eq_span.start];
    let after = &text[option.eq_span.end..option.value_span.start];
    if !matches!((before, after), ("", "") | (" ", " ")) {
        push(
            option.name_span.end,
            option.eq_span.start,
            Place::AroundEquals,
        );
        push(
            option.eq_span.end,
            option.value_span.start,
            Place::AroundEquals,
        );
    }
    push(option.value_span.end, line.end, Place::AfterValue);
    stray
}

impl SurroundingWhitespace {
    /// One finding for the stray blanks of one line; `describe` says where each place is,
    /// called only when there is a finding: most lines are clean.
    fn finding(&self, stray: &[Blanks], describe: impl Fn(Place) -> String) -> Option<Finding> {
        let (first, rest) = stray.split_first()?;
        let mut places: Vec<Place> = stray.iter().map(|b| b.place).collect();
        places.dedup();
        let message = places
            .iter()
            .map(|&place| format!("{} {}", place.label(), describe(place)))
            .collect::<Vec<_>>()
            .join(", and ");
        let edits = stray
            .iter()
            .map(|b| Edit {
                span: b.span,
                replacement: String::new(),
            })
            .collect();
        let mut finding = Finding::new(&Self::META, first.span, message)
            .label(first.place.label())
            .help("delete it: whether Genesys import keeps it as part of the name or value is not documented")
            .fix(Fix {
                applicability: Applicability::Safe,
                message: "delete the whitespace".into(),
                edits,
            });
        for other in rest {
            finding = finding.secondary(other.span, other.place.label());
        }
        Some(finding)
    }
}

impl Rule for SurroundingWhitespace {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let text = app.doc.text;
        for section in &app.doc.sections {
            if let (Some(name), Some(header)) = (section.name, section.header_line) {
                // The blanks between the brackets: from `[` to the name, the name to `]`.
                let line = app.doc.lines[header].span;
                let open = line.start + text[line.range()].find('[').unwrap_or(0);
                let close = section.name_span.end
                    + text[section.name_span.end..line.end].find(']').unwrap_or(0);
                let stray: Vec<Blanks> = [
                    (open + 1, section.name_span.start, Place::BeforeName),
                    (section.name_span.end, close, Place::AfterName),
                ]
                .into_iter()
                .filter(|(start, end, _)| start < end)
                .map(|(start, end, place)| Blanks {
                    span: Span::new(start, end),
                    place,
                })
                .collect();
                out.extend(self.finding(&stray, |_| format!("in the section header `[{name}]`")));
            }
            for option in &section.options {
                let line = app.doc.lines[option.line].span;
                let stray = stray_blanks(text, line, option);
                out.extend(self.finding(&stray, |place| match place {
                    Place::AfterValue if !secret_spans_of(option).is_empty() => {
                        format!("after the value of `{}`", option.name)
                    }
                    Place::AfterValue => {
                        format!("after the value `{}` of `{}`", option.value, option.name)
                    }
                    Place::AroundEquals => format!("around the `=` of `{}`", option.name),
                    Place::BeforeName | Place::AfterName => {
                        format!("before the option name `{}`", option.name)
                    }
                }));
            }
        }
    }
}
