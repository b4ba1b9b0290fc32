use serde::{Deserialize, Serialize};

use super::{CategoryId, id_enum};

/// A finding's id: stable across parses of the same report (derived from its kind and text),
/// unique within the report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FindingId(pub String);

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What role a finding plays in its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Listed under "Areas for priority action".
    PriorityAction,
    /// Listed under "Recommendations", "What needs to improve" or "Areas for improvement".
    Recommendation,
    /// A paragraph or bullet of the report's findings.
    Finding,
    /// An overview, executive summary, or headline finding.
    Summary,
}

id_enum!(FindingKind {
    PriorityAction => "priority_action",
    Recommendation => "recommendation",
    Finding => "finding",
    Summary => "summary",
});

impl FindingKind {
    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::PriorityAction => "Priority action",
            Self::Recommendation => "Recommendation",
            Self::Finding => "Finding",
            Self::Summary => "Summary",
        }
    }

    /// Whether this kind is something the authority must act on.
    pub fn is_action(self) -> bool {
        matches!(self, Self::PriorityAction | Self::Recommendation)
    }
}

/// Whether a finding praises, criticises, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Praise: "strong", "effective", "well".
    Strength,
    /// Criticism: "not yet", "too many", "weak".
    Weakness,
    /// Both praise and criticism ("however").
    Mixed,
    /// Neither.
    #[default]
    Neutral,
}

id_enum!(Polarity {
    Strength => "strength",
    Weakness => "weakness",
    Mixed => "mixed",
    Neutral => "neutral",
});

impl Polarity {
    /// A human label, in sentence case ("Strength"): what the window, CSV, XLSX, Markdown
    /// and HTML all show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Strength => "Strength",
            Self::Weakness => "Weakness",
            Self::Mixed => "Mixed",
            Self::Neutral => "Neutral",
        }
    }
}

/// Where a finding came from in its report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceSpan {
    /// The 1-based page number, for paged sources such as PDFs.
    pub page: Option<u32>,
    /// The 0-based index of the paragraph in the normalised text.
    pub paragraph: usize,
    /// Byte offset where the finding starts in the normalised text.
    pub start: usize,
    /// Byte offset just past the finding's end in the normalised text.
    pub end: usize,
}

/// The automatic category of a finding, with the evidence for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Classification {
    /// The category chosen.
    pub category: CategoryId,
    /// How sure the classifier is, from 0 to 1.
    pub confidence: f32,
    /// The taxonomy terms that matched, strongest first: the reason shown to the user.
    pub matched_terms: Vec<String>,
    /// Whether the finding is a strength, a weakness, mixed or neutral.
    pub polarity: Polarity,
    /// The cue phrases that decided the polarity.
    pub polarity_cues: Vec<String>,
}

/// The part of the national framework for children's social care (2026 reports on) that
/// an improvement item is cross-referenced to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrameworkPart {
    /// One of the framework's outcomes for children ("outcome 2").
    Outcome,
    /// One of its enablers ("enabler: leaders drive conditions for effective practice").
    Enabler,
}

id_enum!(FrameworkPart {
    Outcome => "outcome",
    Enabler => "enabler",
});

impl FrameworkPart {
    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outcome => "Outcome",
            Self::Enabler => "Enabler",
        }
    }
}

/// A finding's cross-reference to the national framework, as the report prints it after the
/// item: "(outcome 2, national framework)" or "(enabler: leaders drive conditions for
/// effective practice, national framework)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkRef {
    /// Outcome or enabler.
    pub part: FrameworkPart,
    /// The outcome's or enabler's number, where the report gives one alone ("outcome 2").
    pub number: Option<u32>,
    /// What the report names after the part, as printed: "2", "1 and 3", "leaders drive
    /// conditions for effective practice".
    pub text: String,
}

impl FrameworkRef {
    /// How the cross-reference reads in a table or the detail pane: "Outcome 2",
    /// "Enabler: leaders drive conditions for effective practice".
    pub fn label(&self) -> String {
        if self.number.is_some() || self.text.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{} {}", self.part.label(), self.text)
        } else {
            format!("{}: {}", self.part.label(), self.text)
        }
    }
}

/// One item parsed out of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id within the report.
    pub id: FindingId,
    /// Its role in the report.
    pub kind: FindingKind,
    /// The heading it stands under.
    pub section: String,
    /// The paragraph number, where the report numbers its paragraphs.
    pub number: Option<u32>,
    /// The whole text, clean of page furniture.
    pub text: String,
    /// Where it came from.
    pub source: SourceSpan,
    /// The automatic category and polarity.
    pub classification: Classification,
    /// The national-framework cross-reference printed after the item (2026 reports on);
    /// absent from workspaces written before it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_ref: Option<FrameworkRef>,
}

impl Finding {
    /// The category that counts: the user's choice in `annotation`, else the automatic one.
    /// The one home of the rule; [`crate::workspace::Workspace::effective_category`] looks
    /// the finding up by reference and asks here.
    pub fn effective_category<'a>(&'a self, annotation: Option<&'a super::Annotation>) -> &'a CategoryId {
        annotation.and_then(|a| a.category.as_ref()).unwrap_or(&self.classification.category)
    }
}
