//! The redaction of a run's findings: the part of the redaction layer that knows the
//! diagnostics a run reports.

use super::Redactor;
use crate::diagnostic::Finding;

impl Redactor {
    /// Masks any secret in a finding's words. Rules already avoid quoting secret values;
    /// this catches a secret repeated where a rule may quote it (another option's value),
    /// and a future rule that quotes one. A fix whose replacement holds a secret can be
    /// neither shown (it would leak) nor masked (`--fix` would write the mask into the
    /// file): it is not offered.
    pub fn scrub_finding(&self, finding: &mut Finding) {
        if self.is_empty() {
            return;
        }
        self.scrub_in_place(&mut finding.message);
        finding.help.iter_mut().for_each(|h| self.scrub_in_place(h));
        finding
            .label
            .iter_mut()
            .for_each(|l| self.scrub_in_place(l));
        finding
            .labels
            .iter_mut()
            .for_each(|l| self.scrub_in_place(&mut l.message));
        if let Some(fix) = &mut finding.fix {
            self.scrub_in_place(&mut fix.message);
        }
        if finding.fix.as_ref().is_some_and(|fix| {
            fix.edits
                .iter()
                .any(|e| !self.occurrences(&e.replacement).is_empty())
        }) {
            finding.fix = None;
        }
    }
}
