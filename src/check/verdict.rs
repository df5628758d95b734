//! The verdict of `biyelelt check` over a batch, as a script reads it from the exit status.
//!
//! Enters: the checked reports and the least severity that fails the batch. Leaves: a
//! [`Verdict`] and its exit code, as linters use them: 0 clean, 1 a finding at or above the
//! severity, 2 a report that could not be checked (it failed to read).

use crate::model::{Report, Severity, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every report read, no finding at or above the severity asked for.
    Clean,
    /// At least one finding at or above the severity asked for.
    Findings,
    /// At least one report could not be read, so the batch is not known to be clean.
    Unreadable,
}

impl Verdict {
    /// The verdict of a batch: an unreadable report outweighs findings.
    pub fn of(reports: &[Report], fail_on: Severity) -> Verdict {
        if reports.iter().any(|r| r.status == Status::Failed) {
            Verdict::Unreadable
        } else if reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= fail_on)
        {
            Verdict::Findings
        } else {
            Verdict::Clean
        }
    }

    /// The process exit status: 0, 1 or 2 (2 is also what a usage or I/O error exits with).
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Clean => 0,
            Verdict::Findings => 1,
            Verdict::Unreadable => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, FindingKind, SourceFormat};

    fn report(status: Status, severities: &[Severity]) -> Report {
        let mut r = Report::failed(
            "d".into(),
            "x.txt".into(),
            SourceFormat::Text,
            "test".into(),
        );
        r.status = status;
        r.findings = severities
            .iter()
            .map(|&severity| {
                Finding::new(
                    FindingKind::ScoreRounding,
                    severity,
                    crate::model::Message::new("test", "туршилт"),
                )
            })
            .collect();
        r
    }

    #[test]
    fn errors_fail_by_default_warnings_only_when_asked_unreadable_outweighs() {
        let warn = [report(Status::Ok, &[Severity::Info, Severity::Warning])];
        assert_eq!(Verdict::of(&warn, Severity::Error), Verdict::Clean);
        assert_eq!(Verdict::of(&warn, Severity::Warning), Verdict::Findings);
        let err = [report(Status::Partial, &[Severity::Error])];
        assert_eq!(Verdict::of(&err, Severity::Error).exit_code(), 1);
        let both = [
            report(Status::Ok, &[Severity::Error]),
            report(Status::Failed, &[]),
        ];
        assert_eq!(Verdict::of(&both, Severity::Error).exit_code(), 2);
        assert_eq!(Verdict::of(&[], Severity::Error).exit_code(), 0);
    }
}
