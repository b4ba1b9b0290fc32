//! Property test: every annotated field of every exported item, and every field of every
//! action under its recommendation, comes back unchanged from the XLSX (through calamine)
//! and the CSV (through the csv crate), for generated workspaces with unicode and line
//! breaks. CSV cells that look like formulas carry a
//! leading apostrophe, which is accounted for.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use inspection_tracker::export::{
    ACTION_KIND, ActionItem, ActionSummary, COLUMNS, ExportOptions, NO_ACTION_YET, neutralise, render_csv, render_xlsx,
};
use inspection_tracker::model::{
    Action, ActionId, Annotation, Category, CategoryId, Classification, Colour, Date, DueRevision, Finding, FindingId,
    FindingKind, ImportedReport, Measure, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status,
    Taxonomy,
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

/// An action with every field drawn: any text, dates, revisions, updates with authors.
fn action() -> impl Strategy<Value = Action> {
    (
        (text(), text(), prop::option::of(text()), prop::collection::vec(text(), 0..3)),
        (prop::option::of(date()), prop::option::of(date()), prop::collection::vec((date(), text()), 0..3)),
        (status(), prop::option::of(text()), prop::option::of(prop::sample::select(Rag::ALL.to_vec())), text()),
        ((text(), text(), text(), text()), prop::collection::vec(text(), 0..3)),
        prop::collection::vec((date(), text(), prop::option::of(text())), 0..3),
    )
        .prop_map(
            |(
                (title, description, lead, partners),
                (start, due, revisions),
                (status, cancel_reason, rag, rag_rationale),
                ((measure, baseline, target, latest), evidence),
                updates,
            )| {
                let now = Date::from_ymd_opt(2024, 1, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("a valid time");
                let mut a = Action::new(ActionId(String::new()), FindingId(String::new()), title, None, now);
                a.description = description;
                a.lead = lead;
                a.partners = partners;
                a.start = start;
                // Each revision moves the date on from the one before; the last is the due date now.
                let mut from = due;
                for (to, reason) in revisions {
                    a.due_revisions.push(DueRevision { from, to: Some(to), reason, author: None, at: now });
                    from = Some(to);
                }
                a.due = from;
                a.status = status;
                a.cancel_reason = cancel_reason;
                a.rag = rag;
                a.rag_rationale = rag_rationale;
                a.measure = Measure { measure, baseline, target, latest };
                a.evidence = evidence;
                a.updates =
                    updates.into_iter().map(|(date, text, author)| ProgressUpdate { date, text, author }).collect();
                a
            },
        )
}

fn finding_kind() -> impl Strategy<Value = FindingKind> {
    prop::sample::select(vec![FindingKind::PriorityAction, FindingKind::Recommendation, FindingKind::Finding])
}

fn report(index: usize) -> impl Strategy<Value = ImportedReport> {
    (
        prop::collection::vec(
            (finding_kind(), text(), prop::option::of(annotation()), prop::collection::vec(action(), 0..3)),
            1..6,
        ),
        prop::option::of(date()),
        text(),
    )
        .prop_map(move |(findings, letter_date, authority)| {
            let mut annotations = BTreeMap::new();
            let mut actions = Vec::new();
            let findings: Vec<Finding> = findings
                .into_iter()
                .enumerate()
                .map(|(i, (kind, text, annotation, plan))| {
                    let id = FindingId(format!("f{i}"));
                    if let Some(a) = annotation {
                        annotations.insert(id.clone(), a);
                    }
                    // Only recommendations and priority actions have actions.
                    for (n, mut action) in plan.into_iter().enumerate().filter(|_| kind.is_action()) {
                        action.id = ActionId(format!("act-{index}-{i}-{n}"));
                        action.finding = id.clone();
                        actions.push(action);
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
                actions,
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
    let action = if item.has_no_action() { NO_ACTION_YET.to_owned() } else { item.planned_action.clone() };
    let rag = item.rag.or(item.progress.as_ref().and_then(|p| p.worst_rag));
    vec![
        ("Category", item.category_label.clone()),
        ("Action", action),
        ("Lead", item.owner.clone()),
        ("Status", item.status.label().to_owned()),
        ("RAG", rag.map(|r| r.label().to_owned()).unwrap_or_default()),
        ("Latest update", update.map(|u| u.text.clone()).unwrap_or_default()),
        ("Update by", update.and_then(|u| u.author.clone()).unwrap_or_default()),
        ("Evidence", item.evidence.join("\n")),
        ("Notes or description", item.notes.clone()),
        ("Important", if item.important { "Yes" } else { "No" }.to_owned()),
        ("Cancellation reason", item.cancel_reason.clone()),
        ("Recommendation or finding", item.text.clone()),
        ("Finding ID", item.finding.0.clone()),
        ("Action ID", String::new()),
        ("Due date", iso(item.due_date)),
        ("Update date", iso(update.map(|u| u.date))),
    ]
}

/// Every field of an action as (column, text) pairs, from the workspace's own action (not
/// the summary's copy), under the recommendation `item`.
fn action_fields(item: &ActionItem, action: &Action) -> Vec<(&'static str, String)> {
    let update = action.updates.last();
    vec![
        ("Kind", ACTION_KIND.to_owned()),
        ("Recommendation or finding", item.text.clone()),
        ("Action", action.title.clone()),
        ("Lead", action.lead.clone().unwrap_or_default()),
        ("Partners", action.partners.join("\n")),
        ("Status", action.status.label().to_owned()),
        ("RAG", action.rag.map(|r| r.label().to_owned()).unwrap_or_default()),
        ("RAG rationale", action.rag_rationale.clone()),
        ("Measure of success", action.measure.summary()),
        ("Latest update", update.map(|u| u.text.clone()).unwrap_or_default()),
        ("Update by", update.and_then(|u| u.author.clone()).unwrap_or_default()),
        ("Evidence", action.evidence.join("\n")),
        ("Notes or description", action.description.clone()),
        ("Cancellation reason", action.cancel_reason.clone().unwrap_or_default()),
        ("Finding ID", item.finding.0.clone()),
        ("Action ID", action.id.0.clone()),
        ("Start", iso(action.start)),
        ("Due date", iso(action.due)),
        ("Original due date", iso(action.original_due().filter(|d| Some(*d) != action.due))),
        ("Update date", iso(update.map(|u| u.date))),
    ]
}

const DATE_COLUMNS: &[&str] = &["Start", "Due date", "Original due date", "Update date"];

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

        // The rows expected: each item, then each of its actions as the workspace holds it.
        let actions: BTreeMap<&ActionId, &Action> =
            ws.reports.iter().flat_map(|r| &r.actions).map(|a| (&a.id, a)).collect();
        let mut expected_rows = Vec::new();
        for item in &summary.items {
            expected_rows.push(annotated_fields(item));
            let report = ws.reports.iter().find(|r| r.id == item.report).unwrap();
            let mine = report.actions.iter().filter(|a| a.finding == item.finding).count();
            prop_assert_eq!(mine, item.actions.len(), "every action of {} is exported", item.finding.0);
            for exported in &item.actions {
                expected_rows.push(action_fields(item, actions[&exported.id]));
            }
        }
        prop_assert_eq!(rows.len(), expected_rows.len());

        let text = render_csv(&summary, &options).unwrap();
        let records: Vec<csv::StringRecord> =
            csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), expected_rows.len());

        for ((fields, row), record) in expected_rows.into_iter().zip(&rows).zip(&records) {
            for (name, expected) in fields {
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
