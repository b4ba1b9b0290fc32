use serde::{Deserialize, Serialize};

use super::{Date, id_enum};

/// What sort of document a report is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A full inspection: SIF (2013–2018), ILACS (2018 on), or the 2013 looked-after-children inspection.
    FullInspection,
    /// A focused visit letter.
    FocusedVisit,
    /// A monitoring visit letter to an authority judged inadequate.
    MonitoringVisit,
    /// A joint targeted area inspection letter.
    Jtai,
    /// A news article about an inspection.
    NewsArticle,
    /// Anything else, such as a review of a safeguarding board alone.
    #[default]
    Unknown,
}

id_enum!(ReportKind {
    FullInspection => "full_inspection",
    FocusedVisit => "focused_visit",
    MonitoringVisit => "monitoring_visit",
    Jtai => "jtai",
    NewsArticle => "news_article",
    Unknown => "unknown",
});

impl ReportKind {
    /// A short human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::FullInspection => "Full inspection",
            Self::FocusedVisit => "Focused visit",
            Self::MonitoringVisit => "Monitoring visit",
            Self::Jtai => "Joint targeted area inspection",
            Self::NewsArticle => "News article",
            Self::Unknown => "Other document",
        }
    }
}

/// An Ofsted judgement grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Grade 1.
    Outstanding,
    /// Grade 2.
    Good,
    /// Grade 3 from 2014 ("requires improvement to be good").
    RequiresImprovement,
    /// Grade 3 before 2014.
    Adequate,
    /// Grade 4.
    Inadequate,
    /// The area was not judged.
    NotJudged,
}

id_enum!(Grade {
    Outstanding => "outstanding",
    Good => "good",
    RequiresImprovement => "requires_improvement",
    Adequate => "adequate",
    Inadequate => "inadequate",
    NotJudged => "not_judged",
});

impl Grade {
    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outstanding => "Outstanding",
            Self::Good => "Good",
            Self::RequiresImprovement => "Requires improvement",
            Self::Adequate => "Adequate",
            Self::Inadequate => "Inadequate",
            Self::NotJudged => "Not judged",
        }
    }
}

/// One judged area of a report and its grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    /// The area as the report names it, e.g. "The experiences and progress of care leavers".
    pub area: String,
    /// The grade given.
    pub grade: Grade,
}

/// Everything a report says about itself, as parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportMeta {
    /// What sort of document this is.
    pub kind: ReportKind,
    /// The report's title line, when it has one.
    pub title: Option<String>,
    /// The local authority (or trust) as the report names it.
    pub local_authority: Option<String>,
    /// The authority the report is about, from the registry (`Registry::get`); `None` when
    /// the report does not tell which.
    pub authority: Option<super::AuthorityCode>,
    /// The date of the letter, or the report's publication date.
    pub letter_date: Option<Date>,
    /// First day of the visit or inspection.
    pub visit_start: Option<Date>,
    /// Last day of the visit or inspection (equal to the start for a one-day visit).
    pub visit_end: Option<Date>,
    /// The lead inspector, or the signatory of a letter.
    pub lead_inspector: Option<String>,
    /// The overall effectiveness grade, when the report gives one.
    pub overall_judgement: Option<Grade>,
    /// Each judged area, in report order.
    pub judgements: Vec<Judgement>,
}

/// A report's id within a workspace: fixed when the report is first imported and kept
/// when it is re-imported, so annotations keyed by it survive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReportId(pub String);

impl std::fmt::Display for ReportId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A report as held in a workspace: where it came from, what was parsed out of it, and
/// the user's annotations on its findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedReport {
    /// Id within the workspace.
    pub id: ReportId,
    /// The file it was imported from.
    pub source_path: std::path::PathBuf,
    /// SHA-256 of the file's bytes at import, as lowercase hex, to notice a changed file.
    pub content_hash: String,
    /// When it was (last) imported.
    pub imported_at: chrono::NaiveDateTime,
    /// The parsed metadata.
    pub meta: ReportMeta,
    /// The parsed findings, in report order.
    pub findings: Vec<crate::model::Finding>,
    /// The normalised text the findings' source spans point into.
    #[serde(default)]
    pub text: String,
    /// Page start offsets into `text`, for paged sources (index 0 is page 1).
    #[serde(default)]
    pub page_starts: Vec<usize>,
    /// The user's annotations, keyed by finding id. An annotation whose finding vanished
    /// in a re-import stays here (see `orphaned`) rather than being dropped.
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<crate::model::FindingId, crate::model::Annotation>,
    /// The action plan's actions, grouped by recommendation in plan order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<crate::model::Action>,
    /// The action plan's header.
    #[serde(default, skip_serializing_if = "crate::model::PlanHeader::is_empty")]
    pub plan: crate::model::PlanHeader,
}

impl ImportedReport {
    /// The registry's authority the report is about, when it is known.
    pub fn authority(&self) -> Option<&'static super::Authority> {
        self.meta.authority.as_ref().and_then(|code| super::Registry::builtin().get(&code.0))
    }

    /// The authority's name for lists and exports: the registry's name, else the name as
    /// the report prints it (`meta.local_authority`, for the detail view and hover).
    pub fn authority_name(&self) -> Option<&str> {
        self.authority().map(|a| a.name.as_str()).or(self.meta.local_authority.as_deref())
    }

    /// A short name for lists: the authority, kind and date.
    pub fn display_name(&self) -> String {
        let who = self.authority_name().unwrap_or("Unknown authority");
        match self.meta.letter_date.or(self.meta.visit_end) {
            Some(d) => format!("{who} – {} ({})", self.meta.kind.label(), d.format("%-d %b %Y")),
            None => format!("{who} – {}", self.meta.kind.label()),
        }
    }

    /// The authority's name without the words every council shares, and the year, for a
    /// narrow column or a list: "Southwark 2020".
    pub fn short_name(&self) -> String {
        let name = self.authority_name().unwrap_or(self.id.0.as_str());
        let trimmed = name
            .trim_start_matches("London Borough of ")
            .trim_start_matches("Royal Borough of ")
            .trim_start_matches("City of ")
            .trim_end_matches(" County Council")
            .trim_end_matches(" City Council")
            .trim_end_matches(" Council");
        match self.meta.letter_date.or(self.meta.visit_end) {
            Some(d) => format!("{trimmed} {}", d.format("%Y")),
            None => trimmed.to_owned(),
        }
    }

    /// The finding with this id.
    pub fn finding(&self, id: &crate::model::FindingId) -> Option<&crate::model::Finding> {
        self.findings.iter().find(|f| &f.id == id)
    }

    /// How many of the report's current findings have a non-empty annotation: its triage
    /// progress (the one definition the header, the reports panel and the CLI share).
    pub fn triaged_count(&self) -> usize {
        self.findings.iter().filter(|f| self.annotations.get(&f.id).is_some_and(|a| !a.is_empty())).count()
    }

    /// Annotations whose finding no longer exists in the report.
    pub fn orphaned(&self) -> impl Iterator<Item = (&crate::model::FindingId, &crate::model::Annotation)> {
        self.annotations.iter().filter(|(id, _)| self.finding(id).is_none())
    }
}
