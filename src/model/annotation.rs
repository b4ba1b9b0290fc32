use serde::{Deserialize, Serialize};

use super::{CategoryId, Date, FindingId, ReportId, id_enum};

/// Where an action stands in its lifecycle. "Overdue" is not a status: it is derived
/// from the due date and today's date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nobody has started on it.
    #[default]
    NotStarted,
    /// Work is under way.
    InProgress,
    /// The work is complete; evidence is awaited.
    AwaitingEvidence,
    /// Complete, with the evidence checked.
    Verified,
    /// Closed by the improvement board.
    Closed,
    /// Paused on purpose.
    OnHold,
    /// Dropped, with a reason kept in the annotation.
    Cancelled,
}

id_enum!(Status {
    NotStarted => "not_started",
    InProgress => "in_progress",
    AwaitingEvidence => "awaiting_evidence",
    Verified => "verified",
    Closed => "closed",
    OnHold => "on_hold",
    Cancelled => "cancelled",
});

impl Status {
    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::AwaitingEvidence => "Complete, awaiting evidence",
            Self::Verified => "Verified",
            Self::Closed => "Closed",
            Self::OnHold => "On hold",
            Self::Cancelled => "Cancelled",
        }
    }

    /// Whether no more work is expected, so a past due date no longer makes it overdue.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::AwaitingEvidence | Self::Verified | Self::Closed | Self::Cancelled)
    }
}

/// Red, amber, green, or blue (complete with evidence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// Off track.
    Red,
    /// At risk.
    Amber,
    /// On track.
    Green,
    /// Complete, with evidence.
    Blue,
}

id_enum!(Rag {
    Red => "red",
    Amber => "amber",
    Green => "green",
    Blue => "blue",
});

impl Rag {
    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Red => "Red",
            Self::Amber => "Amber",
            Self::Green => "Green",
            Self::Blue => "Blue",
        }
    }
}

/// A dated note of progress. Updates are only ever appended, never edited in place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    /// The day the update was made.
    pub date: Date,
    /// What happened.
    pub text: String,
    /// Who said so, when known (updates made before schema 3 have no author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// Everything the user has said about one finding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// The user's category, overriding the automatic one (which stays visible).
    pub category: Option<CategoryId>,
    /// Where the action stands.
    pub status: Status,
    /// Why it was cancelled, when it was.
    pub cancel_reason: Option<String>,
    /// Red, amber, green or blue.
    pub rag: Option<Rag>,
    /// Who owns the action.
    pub owner: Option<String>,
    /// When it is due.
    pub due_date: Option<Date>,
    /// What the authority will do.
    pub planned_action: String,
    /// Free notes.
    pub notes: String,
    /// Links or references to evidence.
    pub evidence: Vec<String>,
    /// Flagged as important by the user.
    pub important: bool,
    /// Dated progress updates, oldest first.
    pub updates: Vec<ProgressUpdate>,
}

impl Annotation {
    /// Whether the user has said anything at all about the finding.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Whether the action is past its due date and not finished.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.days_overdue(today) > 0
    }

    /// Days past the due date (0 when not overdue or finished).
    pub fn days_overdue(&self, today: Date) -> i64 {
        super::action::days_overdue(self.due_date, self.status, today)
    }

    /// The newest progress update.
    pub fn latest_update(&self) -> Option<&ProgressUpdate> {
        self.updates.last()
    }
}

/// One entry of a workspace's audit trail: what changed, on which finding, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// When the change was made, as local time `YYYY-MM-DDTHH:MM:SS`.
    pub at: chrono::NaiveDateTime,
    /// The report the finding belongs to.
    pub report: ReportId,
    /// The finding changed (for an action, the recommendation it belongs to).
    pub finding: FindingId,
    /// The action changed, when the change was to an action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<super::ActionId>,
    /// Who made the change, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The field changed, e.g. `status`.
    pub field: String,
    /// A short description of the new value.
    pub summary: String,
}

/// Who makes a change, and when: what every applied edit writes into the change log, and
/// what progress updates and due-date revisions keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// When, as local time.
    pub at: chrono::NaiveDateTime,
    /// Who, when known (the user's name from Preferences, or `--author`).
    pub author: Option<String>,
}

impl Stamp {
    /// A stamp by `author` at `at`; an empty or blank name counts as unknown.
    pub fn new(at: chrono::NaiveDateTime, author: Option<&str>) -> Self {
        let author = author.map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned);
        Self { at, author }
    }
}

impl From<chrono::NaiveDateTime> for Stamp {
    fn from(at: chrono::NaiveDateTime) -> Self {
        Self { at, author: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn overdue_only_when_past_due_and_unfinished() {
        let mut a = Annotation { due_date: Some(date("2026-01-10")), ..Default::default() };
        assert_eq!(a.days_overdue(date("2026-01-09")), 0);
        assert_eq!(a.days_overdue(date("2026-01-12")), 2);
        a.status = Status::Verified;
        assert!(!a.is_overdue(date("2026-01-12")));
    }

    #[test]
    fn ids_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), *s);
        }
        assert!("purple".parse::<Rag>().is_err());
    }
}
