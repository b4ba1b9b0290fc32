//! Export: every format read back with a real reader (calamine, the csv crate), HTML
//! escaping, formula injection, text snapshots of a small fixed workspace, and the
//! `export` command line.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use inspection_tracker::export::{
    self, ActionSummary, COLUMNS, ExportFormat, ExportOptions, render_csv, render_html, render_markdown, render_xlsx,
};
use inspection_tracker::model::{
    Annotation, Category, CategoryId, Classification, Colour, Date, Finding, FindingId, FindingKind, FrameworkPart,
    FrameworkRef, Grade, ImportedReport, Judgement, Polarity, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta,
    SourceSpan, Status, Taxonomy,
};
use inspection_tracker::workspace::{SCHEMA_VERSION, Workspace};

fn d(s: &str) -> Date {
    s.parse().expect("a valid date")
}

const TODAY: &str = "2024-03-01";

fn finding(id: &str, kind: FindingKind, number: Option<u32>, section: &str, category: &str, text: &str) -> Finding {
    Finding {
        id: FindingId(id.into()),
        kind,
        section: section.into(),
        number,
        text: text.into(),
        source: SourceSpan::default(),
        classification: Classification {
            category: CategoryId(category.into()),
            confidence: 0.8,
            polarity: if kind.is_action() { Polarity::Weakness } else { Polarity::Strength },
            ..Default::default()
        },
        framework_ref: None,
    }
}

fn category(id: &str, label: &str, colour: &str) -> Category {
    Category {
        id: id.into(),
        label: label.into(),
        description: String::new(),
        colour: Colour(colour.into()),
        parent: None,
        keywords: Vec::new(),
    }
}

/// A small fixed workspace: a full inspection with recommendations and annotated
/// findings, and a focused visit with a priority action.
fn workspace() -> Workspace {
    let mut southwark = BTreeMap::new();
    southwark.insert(
        FindingId("rec-strategy".into()),
        Annotation {
            status: Status::InProgress,
            rag: Some(Rag::Amber),
            owner: Some("Head of service, MASH".into()),
            due_date: Some(d("2024-01-31")),
            planned_action: "Audit 40 strategy discussions each quarter;\nreport findings to the board.".into(),
            evidence: vec!["https://intranet.example/audit-q1".into(), "Board minutes, 12 January".into()],
            updates: vec![
                ProgressUpdate { date: d("2023-12-01"), text: "Audit tool agreed.".into(), author: None },
                ProgressUpdate {
                    date: d("2024-02-15"),
                    text: "First audit done: 31 of 40 timely.".into(),
                    author: None,
                },
            ],
            ..Default::default()
        },
    );
    southwark.insert(
        FindingId("rec-care-plans".into()),
        Annotation {
            status: Status::Verified,
            rag: Some(Rag::Blue),
            owner: Some("IRO service manager".into()),
            due_date: Some(d("2023-11-30")),
            important: true,
            ..Default::default()
        },
    );
    southwark.insert(
        FindingId("f-48".into()),
        Annotation {
            notes: "Check with <script>alert(\"x\")</script> the \"virtual school\" head".into(),
            owner: Some("O\"Brien <b>bold</b>".into()),
            category: Some("care_leavers".into()),
            ..Default::default()
        },
    );
    let report_a = ImportedReport {
        id: ReportId("southwark-2017".into()),
        source_path: "southwark.pdf".into(),
        content_hash: "abc".into(),
        imported_at: d("2024-01-02").and_hms_opt(9, 30, 0).expect("a valid time"),
        meta: ReportMeta {
            kind: ReportKind::FullInspection,
            title: None,
            local_authority: Some("London Borough of Southwark".into()),
            authority: Some(inspection_tracker::model::AuthorityCode("210".into())),
            letter_date: Some(d("2017-06-13")),
            visit_start: Some(d("2017-03-06")),
            visit_end: Some(d("2017-03-30")),
            lead_inspector: Some("Nick Stacey".into()),
            overall_judgement: Some(Grade::Good),
            judgements: vec![
                Judgement { area: "Children who need help and protection".into(), grade: Grade::Good },
                Judgement {
                    area: "Children looked after and achieving permanence".into(),
                    grade: Grade::RequiresImprovement,
                },
                Judgement { area: "Adoption performance".into(), grade: Grade::Outstanding },
            ],
        },
        findings: vec![
            finding(
                "rec-strategy",
                FindingKind::Recommendation,
                None,
                "Recommendations",
                "front_door",
                "Ensure that strategy discussions and strategy meetings involve all relevant agencies.",
            ),
            finding(
                "rec-care-plans",
                FindingKind::Recommendation,
                None,
                "Recommendations",
                "children_in_care",
                "Ensure that children's care plans are effectively and regularly reviewed.",
            ),
            Finding {
                // The cross-reference 2026 reports print after each item.
                framework_ref: Some(FrameworkRef {
                    part: FrameworkPart::Enabler,
                    number: None,
                    text: "leaders drive conditions for effective practice".into(),
                }),
                ..finding(
                    "rec-complaints",
                    FindingKind::Recommendation,
                    None,
                    "Recommendations",
                    "children_in_care",
                    "Ensure that children are aware of how to complain about services provided to them.",
                )
            },
            finding(
                "f-48",
                FindingKind::Finding,
                Some(48),
                "Experiences and progress of care leavers",
                "children_in_care",
                "Personal advisers keep in touch with almost all care leavers & know them well.",
            ),
            finding(
                "f-49",
                FindingKind::Finding,
                Some(49),
                "Experiences and progress of care leavers",
                "care_leavers",
                "Pathway plans are not consistently updated.",
            ),
        ],
        text: String::new(),
        page_starts: Vec::new(),
        annotations: southwark,
        actions: Vec::new(),
        plan: Default::default(),
    };
    let mut anyshire = BTreeMap::new();
    anyshire.insert(
        FindingId("pa-1".into()),
        Annotation {
            status: Status::NotStarted,
            rag: Some(Rag::Red),
            owner: Some("Director of children's services".into()),
            due_date: Some(d("2024-02-20")),
            planned_action: "Recruit two permanent team managers.".into(),
            ..Default::default()
        },
    );
    let report_b = ImportedReport {
        id: ReportId("anyshire-fv-2024".into()),
        source_path: "anyshire.txt".into(),
        content_hash: "def".into(),
        imported_at: d("2024-02-05").and_hms_opt(14, 0, 0).expect("a valid time"),
        meta: ReportMeta {
            kind: ReportKind::FocusedVisit,
            local_authority: Some("Anyshire County Council".into()),
            letter_date: Some(d("2024-02-01")),
            ..Default::default()
        },
        findings: vec![
            finding(
                "pa-1",
                FindingKind::PriorityAction,
                None,
                "Areas for priority action",
                "front_door",
                "Leaders must ensure that there is sufficient management capacity in the front door.",
            ),
            finding("f-3", FindingKind::Finding, Some(3), "Findings", "front_door", "Thresholds are well understood."),
        ],
        text: String::new(),
        page_starts: Vec::new(),
        annotations: anyshire,
        actions: Vec::new(),
        plan: Default::default(),
    };
    Workspace {
        schema_version: SCHEMA_VERSION,
        reports: vec![report_a, report_b],
        change_log: Vec::new(),
        taxonomy: Taxonomy {
            version: 1,
            categories: vec![
                category("front_door", "Front door and early help", "#1d70b8"),
                category("children_in_care", "Children in care", "#00703c"),
                category("care_leavers", "Care leavers", "#6f72af"),
            ],
        },
    }
}

fn summary(options: &ExportOptions) -> ActionSummary {
    ActionSummary::build(&workspace(), options, d(TODAY), "board-pack")
}

/// An Excel serial date (1900 system) back to a civil date.
fn from_serial(serial: f64) -> Date {
    d("1899-12-30") + chrono::Days::new(serial as u64)
}

fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).expect("a known column")
}

#[test]
fn action_plan_holds_actions_and_annotated_findings() {
    let s = summary(&ExportOptions::default());
    let refs: Vec<&str> = s.items.iter().map(|i| i.reference.as_str()).collect();
    assert_eq!(
        refs,
        [
            "southwark-2017 rec-strategy",
            "southwark-2017 rec-care-plans",
            "southwark-2017 rec-complaints",
            "southwark-2017 para 48",
            "anyshire-fv-2024 pa-1"
        ]
    );
    assert_eq!(s.findings.len(), 7);
    // The unannotated recommendation of a full inspection gets the statutory date as a suggestion.
    assert_eq!(s.items[2].suggested_due_date, Some(d("2017-09-20")));
    assert_eq!(s.items[2].due_date, None);
    assert_eq!(s.items[0].days_overdue, 30);
    assert_eq!(s.items[0].latest_update.as_ref().unwrap().text, "First audit done: 31 of 40 timely.");
    assert_eq!(s.items[3].category_label, "Care leavers");
}

#[test]
fn xlsx_reads_back_with_calamine() {
    let s = summary(&ExportOptions::default());
    let bytes = render_xlsx(&s).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Action plan", "Summary", "Findings"]);

    let plan = book.worksheet_range("Action plan").unwrap();
    assert_eq!(plan.height(), s.items.len() + 1);
    let header: Vec<String> = plan.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, COLUMNS);
    let row = plan.rows().nth(1).unwrap();
    assert_eq!(row[column("Reference")], Data::String("southwark-2017 rec-strategy".into()));
    assert_eq!(row[column("Finding")], Data::String(s.items[0].text.clone()));
    assert_eq!(row[column("Status")], Data::String("In progress".into()));
    assert_eq!(row[column("RAG")], Data::String("Amber".into()));
    assert_eq!(row[column("Owner")], Data::String("Head of service, MASH".into()));
    assert_eq!(row[column("Planned action")], Data::String(s.items[0].planned_action.clone()));
    assert_eq!(
        row[column("Evidence")],
        Data::String("https://intranet.example/audit-q1\nBoard minutes, 12 January".into())
    );
    assert_eq!(row[column("Days overdue")], Data::Float(30.0));
    match &row[column("Due date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2024-01-31")),
        other => panic!("due date should be a date, got {other:?}"),
    }
    match &row[column("Update date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2024-02-15")),
        other => panic!("update date should be a date, got {other:?}"),
    }
    // The suggestion sits in its own column and only where no due date is set.
    assert_eq!(row[column("Suggested due date")], Data::Empty);
    let unset = plan.rows().nth(3).unwrap();
    assert_eq!(unset[column("Due date")], Data::Empty);
    match &unset[column("Suggested due date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2017-09-20")),
        other => panic!("suggested due date should be a date, got {other:?}"),
    }
    assert_eq!(plan.rows().nth(2).unwrap()[column("Important")], Data::String("Yes".into()));

    let findings = book.worksheet_range("Findings").unwrap();
    assert_eq!(findings.height(), 8);

    let summary_sheet = book.worksheet_range("Summary").unwrap();
    let text: Vec<String> = summary_sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    for expected in ["Action plan summary", "board-pack", "Items by status", "Items by RAG", "Items by category"] {
        assert!(text.iter().any(|t| t == expected), "summary sheet lacks {expected}");
    }
    for expected in ["Overdue items", "Judgements", "Adoption performance", "Outstanding", "Care leavers"] {
        assert!(text.iter().any(|t| t == expected), "summary sheet lacks {expected}");
    }
    let generated_row = summary_sheet.rows().find(|r| r[0] == Data::String("Generated".into())).unwrap();
    match &generated_row[1] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d(TODAY)),
        other => panic!("generated should be a date, got {other:?}"),
    }
}

#[test]
fn csv_reads_back_with_the_csv_crate() {
    let s = summary(&ExportOptions::default());
    let text = render_csv(&s, &ExportOptions::default()).unwrap();
    assert!(!text.starts_with('\u{feff}'));
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), s.items.len());
    assert_eq!(&rows[0][column("Due date")], "2024-01-31");
    assert_eq!(&rows[0][column("Days overdue")], "30");
    assert_eq!(&rows[0][column("Planned action")], s.items[0].planned_action);
    assert_eq!(&rows[2][column("Suggested due date")], "2017-09-20");
    assert_eq!(&rows[3][column("Notes")], s.items[3].notes);

    let with_bom = render_csv(&s, &ExportOptions { bom: true, ..Default::default() }).unwrap();
    assert!(with_bom.starts_with('\u{feff}'));
    assert_eq!(&with_bom['\u{feff}'.len_utf8()..], text);
}

#[test]
fn html_escapes_notes_and_owners() {
    let html = render_html(&summary(&ExportOptions::default()));
    assert!(!html.contains("<script"), "a note's <script> must not survive");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("O&quot;Brien &lt;b&gt;bold&lt;/b&gt;"));
    assert!(!html.contains("<b>bold"));
    assert!(html.contains("care leavers &amp; know them well"));
    // Self-contained: no scripts, stylesheets, images or fonts from elsewhere.
    for banned in ["<script", "<link", "@import", "url(", "src=", "<iframe"] {
        assert!(!html.contains(banned), "found {banned}");
    }
    assert!(html.contains("<svg"), "status chart");
    assert!(html.contains("@media print"));
    assert!(html.contains(">In progress</span>") && html.contains(">RAG Amber</span>"), "badges carry words");
}

#[test]
fn formula_injection_comes_out_inert() {
    let mut ws = workspace();
    let note = "=HYPERLINK(\"http://x\",\"y\")";
    let annotation = ws.reports[1].annotations.get_mut(&FindingId("pa-1".into())).unwrap();
    annotation.notes = note.into();
    annotation.owner = Some("+1-2".into());
    let s = ActionSummary::build(&ws, &ExportOptions::default(), d(TODAY), "inject");
    let last = s.items.len();

    let text = render_csv(&s, &ExportOptions::default()).unwrap();
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect();
    assert_eq!(&rows[last - 1][column("Notes")], format!("'{note}"));
    assert_eq!(&rows[last - 1][column("Owner")], "'+1-2");

    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(render_xlsx(&s).unwrap())).unwrap();
    let plan = book.worksheet_range("Action plan").unwrap();
    let row = plan.rows().nth(last).unwrap();
    assert_eq!(row[column("Notes")], Data::String(note.into()));
    assert_eq!(row[column("Owner")], Data::String("+1-2".into()));
    for sheet in ["Action plan", "Summary", "Findings"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.cells().all(|(_, _, f)| f.is_empty()), "no formula cells in {sheet}");
    }
}

#[test]
fn filters_apply_to_every_format() {
    let options = ExportOptions { only_overdue: true, ..Default::default() };
    let s = summary(&options);
    assert_eq!(s.items.len(), 2);
    let csv_rows = csv::Reader::from_reader(render_csv(&s, &options).unwrap().as_bytes()).records().count();
    assert_eq!(csv_rows, 2);
    let md = render_markdown(&s);
    assert!(md.contains("pa-1") && !md.contains("rec-complaints"));
    let html = render_html(&s);
    assert!(!html.contains("rec-complaints"));
}

#[test]
fn validate_lists_valid_ids() {
    let ws = workspace();
    let bad = ExportOptions { reports: vec![ReportId("nope".into())], ..Default::default() };
    let message = bad.validate(&ws).unwrap_err().to_string();
    assert!(message.contains("nope") && message.contains("southwark-2017, anyshire-fv-2024"), "{message}");
    let bad = ExportOptions { categories: vec!["cats".into()], ..Default::default() };
    let message = bad.validate(&ws).unwrap_err().to_string();
    assert!(message.contains("cats") && message.contains("front_door"), "{message}");
    assert!(ExportOptions { categories: vec!["care_leavers".into()], ..Default::default() }.validate(&ws).is_ok());
}

#[test]
fn write_creates_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let options = ExportOptions::default();
    let s = summary(&options);
    for format in ExportFormat::ALL {
        let path = dir.path().join(format!("plan.{}", format.extension()));
        export::write(&s, *format, &path, &options).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.is_empty());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), ExportFormat::ALL.len(), "no temporary files left");
}

#[test]
fn snapshot_csv() {
    let text = render_csv(&summary(&ExportOptions::default()), &ExportOptions::default()).unwrap();
    insta::assert_snapshot!("export_csv", text);
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("export_markdown", render_markdown(&summary(&ExportOptions::default())));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!("export_html", render_html(&summary(&ExportOptions::default())));
}

fn run_cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).args(args).output().expect("the binary runs")
}

#[test]
fn cli_exports_and_rejects_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("board.ron");
    inspection_tracker::workspace::io::save(&workspace(), &ws_path).unwrap();
    let ws_arg = ws_path.to_str().unwrap();

    let out = dir.path().join("plan.csv");
    let output = run_cli(&[
        "export",
        ws_arg,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
        "--status",
        "in_progress",
        "--bom",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let records = csv::Reader::from_reader(&text.as_bytes()['\u{feff}'.len_utf8()..]).records().count();
    assert_eq!(records, 1, "only the in-progress item");

    let xlsx = dir.path().join("plan.xlsx");
    let output =
        run_cli(&["export", ws_arg, "--format", "xlsx", "-o", xlsx.to_str().unwrap(), "--report", "anyshire-fv-2024"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    let output = run_cli(&["export", ws_arg, "--format", "md", "-o", "x.md", "--report", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nope") && stderr.contains("southwark-2017"), "{stderr}");

    let output = run_cli(&["export", ws_arg, "--format", "pdf", "-o", "x.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("xlsx, csv, md, html"));

    let output = run_cli(&["export", ws_arg, "--format", "csv", "-o", "x.csv", "--status", "done"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not_started"));
}
