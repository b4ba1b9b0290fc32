//! Hand-made workspaces for unit tests, built from model types (no parser needed).

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{
    Category, CategoryId, Classification, Colour, Finding, FindingId, FindingKind, ReportKind, ReportMeta, SourceSpan,
    Taxonomy,
};
use crate::parse::ParsedReport;

/// A fixed moment for tests.
pub(crate) fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, day).and_then(|d| d.and_hms_opt(hour, 0, 0)).expect("valid test date")
}

/// A small taxonomy with three categories.
pub(crate) fn taxonomy() -> Taxonomy {
    let category = |id: &str, label: &str| Category {
        id: CategoryId::from(id),
        label: label.to_owned(),
        description: String::new(),
        colour: Colour("#336699".to_owned()),
        parent: None,
        keywords: Vec::new(),
    };
    Taxonomy {
        version: 1,
        categories: vec![
            category("care_leavers", "Care leavers"),
            category("front_door", "Front door"),
            category("workforce", "Workforce"),
        ],
    }
}

/// A finding with an automatic category.
pub(crate) fn finding(id: &str, category: &str, text: &str) -> Finding {
    Finding {
        id: FindingId(id.to_owned()),
        kind: FindingKind::Recommendation,
        section: "What needs to improve".to_owned(),
        number: None,
        text: text.to_owned(),
        source: SourceSpan::default(),
        classification: Classification { category: CategoryId::from(category), confidence: 0.5, ..Default::default() },
        framework_ref: None,
    }
}

/// A parsed report of an authority with the given findings (resolved in the registry, as
/// the parser would).
pub(crate) fn parsed(authority: &str, findings: Vec<Finding>) -> ParsedReport {
    ParsedReport {
        meta: ReportMeta {
            kind: ReportKind::FocusedVisit,
            local_authority: Some(authority.to_owned()),
            authority: crate::parse::authority::resolve(&[authority], None).ok().map(|a| a.code.clone()),
            letter_date: NaiveDate::from_ymd_opt(2019, 3, 8),
            ..Default::default()
        },
        text: findings.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join("\n\n"),
        findings,
        page_starts: Vec::new(),
        warnings: Vec::new(),
    }
}
