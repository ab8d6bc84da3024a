use crate::base::span::Span;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::parse::options::{Invalid, LineKind};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a line that is not a `[section]` header, a `name=value` option, a comment
    /// (`;` or `#`) or blank.
    ///
    /// ## Why is this bad?
    /// The export format has one item per line: a section name in square brackets, then the
    /// options of that section as `option-name=value`. Configuration Manager and GAX cannot
    /// import any other line, and a line gimlint cannot read may hide an option the
    /// migration depends on. gimlint goes on with the next line, so one bad line never hides
    /// the findings on the others.
    ///
    /// ## Example
    /// ```ini
    /// [schedule
    /// run-scheduler false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Write headers as `[name]` alone on their line, options as `name=value`, and start
    /// comment lines with `;`.
    pub struct InvalidLine {
        code: "OPT001",
        name: "invalid-line",
        severity: Error,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "a line that is not a section header, `name=value`, comment or blank",
        source: "GAX Help, CFG/CONF File Format: https://docs.genesys.com/Documentation/GA/latest/user/BulkOpt",
    }
}

impl Rule for InvalidLine {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let doc = &app.doc;
        doc.lines
            .iter()
            .filter_map(|line| {
                let LineKind::Invalid(invalid) = &line.kind else {
                    return None;
                };
                let content = &doc.text[line.span.range()];
                let start = line.span.start + (content.len() - content.trim_start().len());
                let whole = Span::new(start, line.span.start + content.trim_end().len());
                let (span, message, label, help) = match invalid {
                    Invalid::UnclosedHeader => (
                        whole,
                        "section header is missing its closing `]`",
                        "no `]`",
                        "write the header as `[name]`",
                    ),
                    Invalid::EmptySectionName => (
                        whole,
                        "section header has no name",
                        "empty section name",
                        "name the section, or delete the line",
                    ),
                    Invalid::TextAfterHeader(junk) => (
                        *junk,
                        "unexpected text after a section header",
                        "not part of the header",
                        "a header line holds only `[name]`: move a comment to a line of its own, starting with `;`",
                    ),
                    Invalid::MissingEquals => (
                        whole,
                        "line is not an option, a section header or a comment",
                        "no `=` on this line",
                        "write options as `name=value`, and start comment lines with `;`",
                    ),
                    Invalid::EmptyName => (
                        whole,
                        "option has no name before `=`",
                        "missing option name",
                        "write the option as `name=value`, or delete the line",
                    ),
                };
                Some(Finding::new(&Self::META, span, message).label(label).help(help))
            })
            .for_each(|finding| out.push(finding));
    }
}
