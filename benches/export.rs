//! Benchmarks of export: building the action summary of a 10,000-finding workspace, and
//! rendering it to XLSX (the "Action plan" sheet holding all 10,000 findings, plus the
//! "Summary" and "Findings" sheets), CSV and HTML. Target: under 2 s for the XLSX.
//!
//! Run with `cargo bench --no-default-features --bench export`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use inspection_tracker::export::{ActionSummary, ExportOptions, render_csv, render_html, render_xlsx};
use inspection_tracker::model::{
    Annotation, Category, CategoryId, Classification, Colour, Date, Finding, FindingId, FindingKind, ImportedReport,
    ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status, Taxonomy,
};
use inspection_tracker::workspace::{SCHEMA_VERSION, Workspace};

fn main() {
    divan::main();
}

const REPORTS: usize = 20;
const FINDINGS_PER_REPORT: usize = 500;
const CATEGORIES: &[&str] = &["front_door", "child_protection", "children_in_care", "care_leavers", "workforce"];

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid date")
}

/// 20 full inspections of 500 findings each; every third finding annotated.
fn workspace() -> Workspace {
    let text = "Managers do not consistently provide effective oversight of plans for children, and too many \
                assessments are not updated when circumstances change, which leads to drift and delay.";
    let reports = (0..REPORTS)
        .map(|r| {
            let mut annotations = BTreeMap::new();
            let findings = (0..FINDINGS_PER_REPORT)
                .map(|i| {
                    let id = FindingId(format!("f{i:04}"));
                    if i % 3 == 0 {
                        annotations.insert(
                            id.clone(),
                            Annotation {
                                status: Status::ALL[i % Status::ALL.len()],
                                rag: Some(Rag::ALL[i % Rag::ALL.len()]),
                                owner: Some(format!("Service manager {}", i % 17)),
                                due_date: Some(date(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32)),
                                planned_action: "Introduce monthly audits of supervision records and report themes \
                                                 to the quality assurance board."
                                    .into(),
                                notes: "Linked to the workforce strategy.\nReviewed at the March board.".into(),
                                evidence: vec!["https://intranet.example/evidence/123".into()],
                                updates: vec![ProgressUpdate {
                                    date: date(2025, 3, 1),
                                    text: "Audit tool agreed.".into(),
                                }],
                                ..Default::default()
                            },
                        );
                    }
                    Finding {
                        id,
                        kind: if i < 8 { FindingKind::Recommendation } else { FindingKind::Finding },
                        section: "Children in care".into(),
                        number: Some(u32::try_from(i).unwrap_or(0)),
                        text: text.into(),
                        source: SourceSpan::default(),
                        classification: Classification {
                            category: CategoryId(CATEGORIES[i % CATEGORIES.len()].into()),
                            ..Default::default()
                        },
                        framework_ref: None,
                    }
                })
                .collect();
            ImportedReport {
                id: ReportId(format!("authority-{r:02}")),
                source_path: format!("report-{r}.pdf").into(),
                content_hash: String::new(),
                imported_at: date(2025, 1, 1).and_hms_opt(0, 0, 0).expect("valid time"),
                meta: ReportMeta {
                    kind: ReportKind::FullInspection,
                    local_authority: Some(format!("Authority {r}")),
                    letter_date: Some(date(2024, 11, 1)),
                    ..Default::default()
                },
                findings,
                text: String::new(),
                page_starts: Vec::new(),
                annotations,
            }
        })
        .collect();
    Workspace {
        schema_version: SCHEMA_VERSION,
        reports,
        change_log: Vec::new(),
        taxonomy: Taxonomy {
            version: 1,
            categories: CATEGORIES
                .iter()
                .map(|id| Category {
                    id: (*id).into(),
                    label: id.replace('_', " "),
                    description: String::new(),
                    colour: Colour("#1d70b8".into()),
                    parent: None,
                    keywords: Vec::new(),
                })
                .collect(),
        },
    }
}

static WORKSPACE: LazyLock<Workspace> = LazyLock::new(workspace);
static ALL: LazyLock<ExportOptions> = LazyLock::new(|| ExportOptions { all_findings: true, ..Default::default() });
static SUMMARY: LazyLock<ActionSummary> =
    LazyLock::new(|| ActionSummary::build(&WORKSPACE, &ALL, date(2025, 6, 1), "bench"));

/// Summary of 10,000 findings.
#[divan::bench(sample_count = 10)]
fn build_summary() -> ActionSummary {
    ActionSummary::build(divan::black_box(&WORKSPACE), &ALL, date(2025, 6, 1), "bench")
}

/// The whole XLSX export of 10,000 findings: build the summary, then the workbook.
#[divan::bench(sample_count = 10)]
fn xlsx_10k_findings() -> usize {
    let summary = ActionSummary::build(divan::black_box(&WORKSPACE), &ALL, date(2025, 6, 1), "bench");
    render_xlsx(&summary).map(|b| b.len()).unwrap_or(0)
}

/// CSV of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn csv_10k_findings() -> usize {
    render_csv(divan::black_box(&SUMMARY), &ALL).map(|s| s.len()).unwrap_or(0)
}

/// HTML of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn html_10k_findings() -> usize {
    render_html(divan::black_box(&SUMMARY)).len()
}
