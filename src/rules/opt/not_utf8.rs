use crate::base::span::Span;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a file that is not UTF-8 (nor UTF-16 with a byte-order mark), and says which
    /// encoding gimlint assumed to read it: Windows-1252, the ANSI code page of western
    /// Windows systems.
    ///
    /// ## Why is this bad?
    /// GAX imports option files in UTF-8 only. A file saved by an older Configuration
    /// Manager or an editor in the ANSI code page imports with its accented characters
    /// garbled (`é` becomes a replacement character), in option values and in names.
    ///
    /// ## Example
    /// A file whose bytes contain `0xE9` for `é`:
    /// ```ini
    /// [agent-desktop]
    /// greeting=Bienvenue à la réception
    /// ```
    ///
    /// ## Fix
    /// Save the file as UTF-8 in your editor (in Notepad: *Save as*, *Encoding: UTF-8*)
    /// and check the accented characters after saving.
    pub struct NotUtf8 {
        code: "OPT005",
        name: "not-utf8",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        summary: "file is not UTF-8 (GAX imports UTF-8 only); says which encoding was assumed",
        source: "GAX Help, Bulk Provisioning of Configuration Options (all strings must be UTF-8): https://docs.genesys.com/Documentation/GA/9.0.0/user/BulkOpt",
    }
}

impl Rule for NotUtf8 {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let source = app.source;
        let Some(not_utf8) = source.not_utf8 else {
            return;
        };
        let char_len = source.text[not_utf8.offset..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let span = Span::new(not_utf8.offset, not_utf8.offset + char_len);
        // The byte is part of a value; do not spell out a byte of a secret.
        let in_secret = app
            .secrets
            .iter()
            .any(|s| s.start <= span.start && span.end <= s.end);
        let label = if in_secret {
            "not UTF-8".to_owned()
        } else {
            format!("byte 0x{:02X} is not UTF-8", not_utf8.byte)
        };
        out.push(Finding::new(
            &Self::META,
            span,
            format!("file is not UTF-8; gimlint read it as {}", source.encoding.label()),
        )
        .label(label)
        .help("save the file as UTF-8: GAX imports UTF-8 only, and other bytes become garbled characters"));
    }
}
