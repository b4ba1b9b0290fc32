//! The insights as JSON, in the shape `inspection-tracker insights --json` promises (see
//! the README): `authorities` (each with its reports and `latest_full_inspection`),
//! `repeats` and `themes`. Building the value only; printing is the command line's.

use serde_json::{Value, json};

use super::{Insights, ReportEntry};
use crate::workspace::FindingRef;

/// The insights as a JSON value.
pub fn to_json(insights: &Insights) -> Value {
    json!({
        "authorities": insights.authorities.iter().map(|a| json!({
            "code": a.code(),
            "name": a.authority.name,
            "region": a.authority.region.label(),
            "reports": a.reports.iter().map(report_json).collect::<Vec<_>>(),
            "latest_full_inspection": a.latest_full_inspection().map(|r| json!({
                "report": r.id,
                "visit_end": r.visit_end,
                "overall_judgement": r.overall_judgement,
                "judgements": r.judgements,
            })),
        })).collect::<Vec<_>>(),
        "repeats": insights.repeats.iter().map(|r| json!({
            "recommendation": finding_json(&r.later),
            "repeats": finding_json(&r.earlier),
            "authority": r.authority,
            // Three decimals: enough to compare, and the same on every platform.
            "similarity": (f64::from(r.similarity) * 1000.0).round() / 1000.0,
        })).collect::<Vec<_>>(),
        "themes": insights.themes.iter().map(|t| json!({
            "category": t.category,
            "overall_grade": t.overall_grade,
            "count": t.count,
        })).collect::<Vec<_>>(),
    })
}

fn report_json(r: &ReportEntry) -> Value {
    json!({
        "id": r.id,
        "kind": r.kind,
        "letter_date": r.letter_date,
        "visit_start": r.visit_start,
        "visit_end": r.visit_end,
        "overall_judgement": r.overall_judgement,
        "judgements": r.judgements,
    })
}

fn finding_json(r: &FindingRef) -> Value {
    json!({"report": r.report, "finding": r.finding})
}
