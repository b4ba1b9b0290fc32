//! Generated workspaces of any size, for benchmarks, fault-injection tests and the UI's
//! performance checks. Deterministic: the same seed gives the same workspace. The text is
//! report-like English (a few hundred characters per finding) so file sizes are realistic.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::Workspace;
use crate::model::{
    Annotation, Category, CategoryId, ChangeRecord, Classification, Colour, Finding, FindingId, FindingKind, Grade,
    ImportedReport, Judgement, Polarity, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status,
    Taxonomy,
};

const WORDS: &[&str] = &[
    "children",
    "care",
    "leavers",
    "social",
    "workers",
    "managers",
    "oversight",
    "plans",
    "timely",
    "effective",
    "partners",
    "assessment",
    "risk",
    "families",
    "support",
    "quality",
    "practice",
    "leaders",
    "improve",
    "strong",
    "front",
    "door",
    "decisions",
    "thresholds",
    "supervision",
    "caseloads",
    "placements",
    "education",
    "health",
    "voice",
    "planning",
    "review",
    "audit",
    "consistent",
    "not",
    "yet",
    "too",
    "many",
    "well",
    "understood",
];

const CATEGORIES: &[&str] = &[
    "front_door",
    "early_help",
    "child_protection",
    "children_in_care",
    "care_leavers",
    "education",
    "workforce",
    "leadership_governance",
];

/// A small, fixed pseudo-random generator (xorshift), so the library needs no `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[self.below(WORDS.len())]);
        }
        out.push('.');
        out
    }
}

/// A taxonomy with the generator's categories (ids as in the default taxonomy).
pub fn taxonomy() -> Taxonomy {
    Taxonomy {
        version: 1,
        categories: CATEGORIES
            .iter()
            .map(|id| Category {
                id: CategoryId::from(*id),
                label: id.replace('_', " "),
                description: String::new(),
                colour: Colour("#4477aa".to_owned()),
                parent: None,
                keywords: Vec::new(),
            })
            .collect(),
    }
}

/// A workspace of `reports` reports with `findings_per_report` findings each; about a
/// third of the findings are annotated (some with several progress updates), and each
/// annotated field has a change record. `seed` varies the content.
pub fn workspace(reports: usize, findings_per_report: usize, seed: u64) -> Workspace {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut ws = Workspace::new(taxonomy());
    let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let at =
        |day: u64| -> NaiveDateTime { (base + chrono::Days::new(day % 700)).and_hms_opt(9, 30, 0).unwrap_or_default() };
    for r in 0..reports {
        let id = ReportId(format!("authority-{r:03}-{seed}"));
        let mut text = String::new();
        let mut findings = Vec::with_capacity(findings_per_report);
        let mut annotations = BTreeMap::new();
        for f in 0..findings_per_report {
            let body = format!("{} {} {}", rng.sentence(20), rng.sentence(25), rng.sentence(15));
            let start = text.len();
            text.push_str(&body);
            text.push_str("\n\n");
            let kind = match f % 10 {
                0 => FindingKind::PriorityAction,
                1 | 2 => FindingKind::Recommendation,
                3 => FindingKind::Summary,
                _ => FindingKind::Finding,
            };
            let finding_id = FindingId(format!("f-{f:05}"));
            findings.push(Finding {
                id: finding_id.clone(),
                kind,
                section: "Findings".to_owned(),
                number: Some(f as u32 + 1),
                text: body,
                source: SourceSpan { page: Some(1 + f as u32 / 8), paragraph: f, start, end: text.len() - 2 },
                classification: Classification {
                    category: CategoryId::from(CATEGORIES[rng.below(CATEGORIES.len())]),
                    confidence: 0.5,
                    matched_terms: vec!["children".to_owned()],
                    polarity: Polarity::Weakness,
                    polarity_cues: Vec::new(),
                },
                framework_ref: None,
            });
            if rng.below(3) == 0 {
                let annotation = Annotation {
                    category: (rng.below(4) == 0).then(|| CategoryId::from(CATEGORIES[rng.below(CATEGORIES.len())])),
                    status: Status::ALL[rng.below(Status::ALL.len())],
                    cancel_reason: None,
                    rag: Some(Rag::ALL[rng.below(Rag::ALL.len())]),
                    owner: Some(format!("Owner {}", rng.below(40))),
                    due_date: Some(base + chrono::Days::new(rng.below(900) as u64)),
                    planned_action: rng.sentence(12),
                    notes: rng.sentence(8),
                    evidence: vec![format!("https://intranet.example/evidence/{r}/{f}")],
                    important: rng.below(5) == 0,
                    updates: (0..rng.below(4))
                        .map(|u| ProgressUpdate {
                            date: base + chrono::Days::new(u as u64 * 30),
                            text: rng.sentence(10),
                        })
                        .collect(),
                };
                ws.change_log.push(ChangeRecord {
                    at: at(rng.next()),
                    report: id.clone(),
                    finding: finding_id.clone(),
                    field: "status".to_owned(),
                    summary: annotation.status.label().to_owned(),
                });
                annotations.insert(finding_id, annotation);
            }
        }
        ws.reports.push(ImportedReport {
            id: id.clone(),
            source_path: PathBuf::from(format!("/reports/authority-{r:03}.pdf")),
            content_hash: format!("{:016x}{:016x}", rng.next(), rng.next()),
            imported_at: at(r as u64),
            meta: ReportMeta {
                kind: ReportKind::FullInspection,
                title: Some(format!("Inspection of authority {r}")),
                local_authority: Some(format!("Authority {r}")),
                authority: None,
                letter_date: Some(base + chrono::Days::new(r as u64)),
                visit_start: Some(base),
                visit_end: Some(base + chrono::Days::new(9)),
                lead_inspector: Some("A Inspector".to_owned()),
                overall_judgement: Some(Grade::RequiresImprovement),
                judgements: vec![Judgement {
                    area: "Overall effectiveness".to_owned(),
                    grade: Grade::RequiresImprovement,
                }],
            },
            findings,
            text,
            page_starts: vec![0],
            annotations,
        });
    }
    ws
}
