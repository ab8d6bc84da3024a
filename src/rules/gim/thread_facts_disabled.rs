use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::{missing_option_anchor, set_option};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Notes, as information, a Genesys Info Mart application whose
    /// `[gim-etl-populate] populate-thread-facts` is not true (it is false by default).
    ///
    /// ## Why is this bad?
    /// It is not wrong in itself. But reports that use agent thread metrics (for example
    /// the `*.ACCEPTED_THREAD` metrics of GI2) need it: with `false`, the thread flags are
    /// ignored when the ANCHOR_FLAGS of interactions are populated. Deployment step 9 asks
    /// you to decide, knowing that thread processing may slow reporting down.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl-populate]
    /// populate-thread-facts=false
    /// ```
    ///
    /// Use instead, when reports use thread metrics:
    /// ```ini
    /// [gim-etl-populate]
    /// populate-thread-facts=true
    /// ```
    ///
    /// ## Fix
    /// Set `populate-thread-facts=true` if your reports use agent thread metrics; otherwise
    /// ignore this rule. The fix is a suggestion (`--unsafe-fixes`): only you know what your
    /// reports use.
    pub struct ThreadFactsDisabled {
        code: "GIM006",
        name: "thread-facts-disabled",
        severity: Info,
        fix: Suggestion,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["gim-etl-populate/populate-thread-facts"],
        summary: "`populate-thread-facts` is not true (needed when reports use agent thread metrics)",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 9; https://docs.genesys.com/Documentation/GIM/latest/User/GIMPopIxn",
    }
}

impl Rule for ThreadFactsDisabled {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let finding = match app.option("gim-etl-populate", "populate-thread-facts") {
            None => {
                let (anchor, label) =
                    missing_option_anchor(app, "gim-etl-populate", "populate-thread-facts");
                Finding::new(
                    &Self::META,
                    anchor,
                    "`populate-thread-facts` is not set, so it is false (the default)",
                )
                .label(label)
            }
            Some(_)
                if app
                    .option_set_to("gim-etl-populate", "populate-thread-facts", false)
                    .is_none() =>
            {
                return;
            }
            Some(option) => Finding::new(
                &Self::META,
                option.value_span,
                format!(
                    "thread facts are not populated (`populate-thread-facts={}`)",
                    option.value
                ),
            )
            .label("thread facts not populated"),
        };
        out.push(finding
            .help("set `populate-thread-facts=true` if reports use agent thread metrics (Deployment step 9)")
            .fix(set_option(app, "gim-etl-populate", "populate-thread-facts", "true").as_suggestion()));
    }
}
