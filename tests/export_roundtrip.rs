//! Property test: every annotated field of every exported item comes back unchanged from
//! the XLSX (through calamine) and the CSV (through the csv crate), for generated
//! workspaces with unicode and line breaks. CSV cells that look like formulas carry a
//! leading apostrophe, which is accounted for.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use inspection_tracker::export::{
    ActionItem, ActionSummary, COLUMNS, ExportOptions, neutralise, render_csv, render_xlsx,
};
use inspection_tracker::model::{
    Annotation, Category, CategoryId, Classification, Colour, Date, Finding, FindingId, FindingKind, ImportedReport,
    ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status, Taxonomy,
};
use inspection_tracker::workspace::{SCHEMA_VERSION, Workspace};
use proptest::prelude::*;

const CATEGORIES: &[&str] = &["front_door", "care_leavers", "workforce"];

/// Text with any printable unicode and line breaks (no other control characters: XML,
/// and so XLSX, cannot hold most of them).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\\PC\n]{0,30}",
        1 => "[=+@-][\\PC]{0,10}",
        1 => Just(String::new()),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (0u32..20_000).prop_map(|n| Date::from_ymd_opt(1990, 1, 1).expect("a valid date") + chrono::Days::new(u64::from(n)))
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        (prop::option::of(prop::sample::select(CATEGORIES)), status(), prop::option::of(text())),
        (prop::option::of(prop::sample::select(Rag::ALL.to_vec())), prop::option::of(text()), prop::option::of(date())),
        (text(), text(), prop::collection::vec(text(), 0..3), any::<bool>()),
        prop::collection::vec((date(), text()), 0..3),
    )
        .prop_map(
            |(
                (category, status, cancel_reason),
                (rag, owner, due_date),
                (planned_action, notes, evidence, important),
                updates,
            )| {
                Annotation {
                    category: category.map(CategoryId::from),
                    status,
                    cancel_reason,
                    rag,
                    owner,
                    due_date,
                    planned_action,
                    notes,
                    evidence,
                    important,
                    updates: updates
                        .into_iter()
                        .map(|(date, text)| ProgressUpdate { date, text, author: None })
                        .collect(),
                }
            },
        )
}

fn finding_kind() -> impl Strategy<Value = FindingKind> {
    prop::sample::select(vec![FindingKind::PriorityAction, FindingKind::Recommendation, FindingKind::Finding])
}

fn report(index: usize) -> impl Strategy<Value = ImportedReport> {
    (
        prop::collection::vec((finding_kind(), text(), prop::option::of(annotation())), 1..6),
        prop::option::of(date()),
        text(),
    )
        .prop_map(move |(findings, letter_date, authority)| {
            let mut annotations = BTreeMap::new();
            let findings: Vec<Finding> = findings
                .into_iter()
                .enumerate()
                .map(|(i, (kind, text, annotation))| {
                    let id = FindingId(format!("f{i}"));
                    if let Some(a) = annotation {
                        annotations.insert(id.clone(), a);
                    }
                    Finding {
                        id,
                        kind,
                        section: "Section".into(),
                        number: (i % 2 == 0).then_some(u32::try_from(i).expect("a small index")),
                        text,
                        source: SourceSpan::default(),
                        classification: Classification {
                            category: CategoryId(CATEGORIES[i % 3].into()),
                            ..Default::default()
                        },
                        framework_ref: None,
                    }
                })
                .collect();
            ImportedReport {
                id: ReportId(format!("r{index}")),
                source_path: format!("r{index}.pdf").into(),
                content_hash: String::new(),
                imported_at: Date::from_ymd_opt(2024, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("a valid time"),
                meta: ReportMeta {
                    kind: ReportKind::FullInspection,
                    local_authority: Some(authority),
                    letter_date,
                    ..Default::default()
                },
                findings,
                text: String::new(),
                page_starts: Vec::new(),
                annotations,
                actions: Vec::new(),
                plan: Default::default(),
            }
        })
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (report(0), prop::option::of(report(1))).prop_map(|(a, b)| Workspace {
        schema_version: SCHEMA_VERSION,
        reports: std::iter::once(a).chain(b).collect(),
        change_log: Vec::new(),
        taxonomy: Taxonomy {
            version: 1,
            categories: CATEGORIES
                .iter()
                .map(|id| Category {
                    id: (*id).into(),
                    label: format!("Label {id}"),
                    description: String::new(),
                    colour: Colour("#000000".into()),
                    parent: None,
                    keywords: Vec::new(),
                })
                .collect(),
        },
    })
}

fn col(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).expect("a known column")
}

fn xlsx_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

fn xlsx_date(cell: &Data) -> Option<Date> {
    match cell {
        Data::Empty => None,
        Data::DateTime(dt) => {
            Some(Date::from_ymd_opt(1899, 12, 30).expect("a valid date") + chrono::Days::new(dt.as_f64() as u64))
        }
        other => panic!("expected a date, got {other:?}"),
    }
}

fn iso(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The annotated fields of an item as (column, text) pairs, dates as ISO text.
fn annotated_fields(item: &ActionItem) -> Vec<(&'static str, String)> {
    let update = item.latest_update.as_ref();
    vec![
        ("Category", item.category_label.clone()),
        ("Planned action", item.planned_action.clone()),
        ("Owner", item.owner.clone()),
        ("Status", item.status.label().to_owned()),
        ("RAG", item.rag.map(|r| r.label().to_owned()).unwrap_or_default()),
        ("Latest update", update.map(|u| u.text.clone()).unwrap_or_default()),
        ("Evidence", item.evidence.join("\n")),
        ("Notes", item.notes.clone()),
        ("Important", if item.important { "Yes" } else { "No" }.to_owned()),
        ("Cancellation reason", item.cancel_reason.clone()),
        ("Finding", item.text.clone()),
        ("Due date", iso(item.due_date)),
        ("Update date", iso(update.map(|u| u.date))),
    ]
}

const DATE_COLUMNS: &[&str] = &["Due date", "Update date"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn annotated_fields_survive_xlsx_and_csv(ws in workspace(), all in any::<bool>()) {
        let options = ExportOptions { all_findings: all, ..Default::default() };
        let today = Date::from_ymd_opt(2026, 11, 23).unwrap();
        let summary = ActionSummary::build(&ws, &options, today, "generated");

        // Every annotation the user made reaches the plan.
        for report in &ws.reports {
            for (id, a) in &report.annotations {
                if !a.is_empty() {
                    prop_assert!(summary.items.iter().any(|i| i.report == report.id && &i.finding == id));
                }
            }
        }

        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(render_xlsx(&summary).unwrap())).unwrap();
        let plan = book.worksheet_range("Action plan").unwrap();
        let rows: Vec<&[Data]> = plan.rows().skip(1).collect();
        prop_assert_eq!(rows.len(), summary.items.len());

        let text = render_csv(&summary, &options).unwrap();
        let records: Vec<csv::StringRecord> =
            csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), summary.items.len());

        for ((item, row), record) in summary.items.iter().zip(&rows).zip(&records) {
            prop_assert_eq!(xlsx_text(&row[col("Finding ID")]), item.finding.0.clone());
            for (name, expected) in annotated_fields(item) {
                let c = col(name);
                if DATE_COLUMNS.contains(&name) {
                    prop_assert_eq!(iso(xlsx_date(&row[c])), expected.clone(), "xlsx {}", name);
                    prop_assert_eq!(&record[c], expected.as_str(), "csv {}", name);
                } else {
                    prop_assert_eq!(xlsx_text(&row[c]), expected.clone(), "xlsx {}", name);
                    let safe = neutralise(&expected).into_owned();
                    prop_assert_eq!(&record[c], safe.as_str(), "csv {}", name);
                }
            }
        }
    }
}
