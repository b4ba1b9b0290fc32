//! Export: every format read back with a real reader (calamine, the csv crate), HTML
//! escaping, formula injection, text snapshots of a small fixed workspace, and the
//! `export` command line.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use inspection_tracker::export::{
    self, ActionSummary, COLUMNS, ExportFormat, ExportOptions, SinceKind, render_csv, render_docx, render_html,
    render_markdown, render_xlsx,
};
use inspection_tracker::model::{
    Action, ActionId, Annotation, Category, CategoryId, ChangeRecord, Classification, Colour, Date, DueRevision,
    Finding, FindingId, FindingKind, FrameworkPart, FrameworkRef, Grade, ImportedReport, Judgement, Measure,
    PlanHeader, Polarity, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status, Taxonomy,
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
        actions: southwark_actions(),
        plan: PlanHeader {
            lead: Some("Director of children's services".into()),
            submission_deadline: None,
            board_meetings: vec![d("2024-04-15"), d("2024-01-15")],
        },
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
    let record = |at: &str, action: &str, field: &str, summary: &str, author: Option<&str>| ChangeRecord {
        at: at.parse().expect("a valid time"),
        report: ReportId("southwark-2017".into()),
        finding: FindingId("rec-strategy".into()),
        action: Some(ActionId(action.into())),
        author: author.map(str::to_owned),
        field: field.into(),
        summary: summary.into(),
    };
    Workspace {
        schema_version: SCHEMA_VERSION,
        reports: vec![report_a, report_b],
        change_log: vec![
            // Before the last board (15 January): not in "since".
            record("2024-01-10T09:00:00", "act-audit", "action.status", "In progress", Some("Sam Patel")),
            record("2024-02-10T16:30:00", "act-training", "action.status", "In progress", Some("Ama Owusu")),
            // Not a status change: the update itself is listed from the action.
            record("2024-02-15T10:00:00", "act-audit", "action.updates", "added", Some("Sam Patel")),
        ],
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

/// Two actions on the first recommendation: an audit whose due date moved (with a reason,
/// before and after the last board) and whose updates have authors, and a training action
/// whose title and lead try formula and markup injection.
fn southwark_actions() -> Vec<Action> {
    let at = |s: &str| s.parse::<chrono::NaiveDateTime>().expect("a valid time");
    let finding = FindingId("rec-strategy".into());
    let mut audit = Action::new(
        ActionId("act-audit".into()),
        finding.clone(),
        "Audit strategy discussions quarterly".into(),
        Some("Sam Patel".into()),
        at("2023-11-01T09:00:00"),
    );
    audit.description = "40 cases a quarter,\nreported to the board.".into();
    audit.lead = Some("Head of service, MASH".into());
    audit.partners = vec!["Police".into(), "Health".into()];
    audit.start = Some(d("2023-11-01"));
    audit.due_revisions = vec![
        DueRevision {
            from: Some(d("2024-01-31")),
            to: Some(d("2024-03-31")),
            reason: "Police data late".into(),
            author: Some("Sam Patel".into()),
            at: at("2024-01-05T12:00:00"),
        },
        DueRevision {
            from: Some(d("2024-03-31")),
            to: Some(d("2024-04-30")),
            reason: "Second audit cycle added".into(),
            author: Some("Ama Owusu".into()),
            at: at("2024-02-20T11:00:00"),
        },
    ];
    audit.due = Some(d("2024-04-30"));
    audit.status = Status::InProgress;
    audit.rag = Some(Rag::Amber);
    audit.rag_rationale = "Behind on health returns".into();
    audit.measure = Measure {
        measure: "Strategy discussions with all agencies".into(),
        baseline: "55%".into(),
        target: "90%".into(),
        latest: "78%".into(),
    };
    audit.evidence = vec!["https://intranet.example/audit-q1".into()];
    audit.updates = vec![
        ProgressUpdate { date: d("2024-01-12"), text: "Audit tool agreed.".into(), author: Some("Sam Patel".into()) },
        ProgressUpdate {
            date: d("2024-02-15"),
            text: "First audit done:\n31 of 40 timely.".into(),
            author: Some("Sam Patel".into()),
        },
    ];
    let mut training = Action::new(
        ActionId("act-training".into()),
        finding,
        "=HYPERLINK(\"http://x\",\"Train <b>all</b> staff\")".into(),
        None,
        at("2023-12-01T09:00:00"),
    );
    training.lead = Some("<script>alert(1)</script> Ama".into());
    training.due = Some(d("2024-02-01"));
    training.status = Status::InProgress;
    training.rag = Some(Rag::Red);
    vec![audit, training]
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
            "southwark-2017 R1",
            "southwark-2017 R2",
            "southwark-2017 R3",
            "southwark-2017 para 48",
            "anyshire-fv-2024 P1"
        ]
    );
    assert_eq!(s.findings.len(), 7);
    // The unannotated recommendation of a full inspection gets the statutory date as a suggestion.
    assert_eq!(s.items[2].suggested_due_date, Some(d("2017-09-20")));
    assert_eq!(s.items[2].due_date, None);
    // R1 takes its due date and lateness from its actions: the training, due 1 February.
    assert_eq!(s.items[0].days_overdue, 29);
    assert_eq!(s.items[0].latest_update.as_ref().unwrap().text, "First audit done: 31 of 40 timely.");
    assert_eq!(s.items[3].category_label, "Care leavers");
    // The first recommendation's actions, referenced R1.1 and R1.2; the second has none.
    let refs: Vec<&str> = s.items[0].actions.iter().map(|a| a.reference.as_str()).collect();
    assert_eq!(refs, ["R1.1", "R1.2"]);
    assert_eq!(s.items[0].actions[0].original_due, Some(d("2024-01-31")));
    assert_eq!(s.items[0].actions[1].days_overdue, 29);
    assert!(s.items[1].actions.is_empty());
    let progress = s.items[0].progress.as_ref().unwrap();
    assert_eq!((progress.live, progress.done, progress.overdue), (2, 0, 1));
    assert_eq!(progress.worst_rag, Some(Rag::Red));
}

#[test]
fn plan_header_takes_the_statutory_deadline_and_the_last_board() {
    let s = summary(&ExportOptions::default());
    let plan = &s.reports[0].plan;
    assert_eq!(plan.lead, "Director of children's services");
    assert_eq!(plan.submission_deadline, Some(d("2017-09-20")));
    assert!(plan.deadline_is_statutory);
    assert_eq!(plan.board_meetings, [d("2024-01-15"), d("2024-04-15")], "in date order");
    assert_eq!(plan.since, Some(d("2024-01-15")), "the latest board up to today");
    assert_eq!(plan.actions, 2);
    // No board dates and no --since: no "since" list.
    assert_eq!(s.reports[1].plan.since, None);
    assert!(s.reports[1].plan.changes.is_empty());
}

#[test]
fn since_lists_exactly_the_changes_after_the_day() {
    let changes = |since: &str| {
        let s = summary(&ExportOptions { since: Some(d(since)), ..Default::default() });
        s.reports[0]
            .plan
            .changes
            .iter()
            .map(|c| (c.date.to_string(), c.reference.clone(), c.kind, c.author.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    let own = |date: &str, r: &str, kind: SinceKind, by: &str| (date.to_owned(), r.to_owned(), kind, by.to_owned());
    assert_eq!(
        changes("2024-01-15"),
        [
            own("2024-02-10", "R1.2", SinceKind::Status, "Ama Owusu"),
            own("2024-02-15", "R1.1", SinceKind::Update, "Sam Patel"),
            own("2024-02-20", "R1.1", SinceKind::DueDate, "Ama Owusu"),
        ]
    );
    // "After" the day: a change on the day itself is not listed.
    assert_eq!(changes("2024-02-15").len(), 1);
    assert_eq!(changes("2024-02-14").len(), 2);
    let all = changes("2023-01-01");
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(changes("2024-02-20").is_empty());
    // The revision says from, to and why.
    let s = summary(&ExportOptions { since: Some(d("2024-02-19")), ..Default::default() });
    assert_eq!(s.reports[0].plan.changes[0].text, "31 March 2024 → 30 April 2024: Second audit cycle added");
}

#[test]
fn xlsx_reads_back_with_calamine() {
    let s = summary(&ExportOptions::default());
    let bytes = render_xlsx(&s).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Action plan", "Summary", "Findings"]);

    let plan = book.worksheet_range("Action plan").unwrap();
    let actions: usize = s.items.iter().map(|i| i.actions.len()).sum();
    assert_eq!(plan.height(), s.items.len() + actions + 1);
    let header: Vec<String> = plan.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, COLUMNS);
    let row = plan.rows().nth(1).unwrap();
    assert_eq!(row[column("Reference")], Data::String("R1".into()));
    assert_eq!(row[column("Recommendation or finding")], Data::String(s.items[0].text.clone()));
    assert_eq!(row[column("Status")], Data::String("In progress".into()));
    assert_eq!(row[column("RAG")], Data::String("Amber".into()));
    assert_eq!(row[column("Lead")], Data::String("Head of service, MASH".into()));
    assert_eq!(row[column("Action")], Data::String(s.items[0].planned_action.clone()));
    assert_eq!(row[column("Progress")], Data::String("0 of 2 actions done · 1 overdue".into()));
    assert_eq!(
        row[column("Evidence")],
        Data::String("https://intranet.example/audit-q1\nBoard minutes, 12 January".into())
    );
    assert_eq!(row[column("Days overdue")], Data::Float(29.0));
    match &row[column("Due date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2024-02-01")),
        other => panic!("due date should be a date, got {other:?}"),
    }
    match &row[column("Update date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2024-02-15")),
        other => panic!("update date should be a date, got {other:?}"),
    }
    // Then the recommendation's actions, each on its own row under it.
    let audit = plan.rows().nth(2).unwrap();
    assert_eq!(audit[column("Reference")], Data::String("R1.1".into()));
    assert_eq!(audit[column("Kind")], Data::String("Action".into()));
    assert_eq!(audit[column("Recommendation or finding")], Data::String(s.items[0].text.clone()));
    assert_eq!(audit[column("Action")], Data::String("Audit strategy discussions quarterly".into()));
    assert_eq!(audit[column("Update by")], Data::String("Sam Patel".into()));
    assert_eq!(audit[column("Latest update")], Data::String("First audit done:\n31 of 40 timely.".into()));
    assert_eq!(
        audit[column("Measure of success")],
        Data::String("Strategy discussions with all agencies (55% → 90%; latest 78%)".into())
    );
    match (&audit[column("Due date")], &audit[column("Original due date")]) {
        (Data::DateTime(due), Data::DateTime(original)) => {
            assert_eq!(from_serial(due.as_f64()), d("2024-04-30"));
            assert_eq!(from_serial(original.as_f64()), d("2024-01-31"));
        }
        other => panic!("due dates should be dates, got {other:?}"),
    }
    // A recommendation without actions is still there, flagged.
    let bare = plan.rows().nth(4).unwrap();
    assert_eq!(bare[column("Reference")], Data::String("R2".into()));
    assert_eq!(bare[column("Action")], Data::String(export::NO_ACTION_YET.into()));
    // The suggestion sits in its own column and only where no due date is set.
    assert_eq!(row[column("Suggested due date")], Data::Empty);
    let unset = plan.rows().nth(5).unwrap();
    assert_eq!(unset[column("Due date")], Data::Empty);
    match &unset[column("Suggested due date")] {
        Data::DateTime(dt) => assert_eq!(from_serial(dt.as_f64()), d("2017-09-20")),
        other => panic!("suggested due date should be a date, got {other:?}"),
    }
    assert_eq!(plan.rows().nth(4).unwrap()[column("Important")], Data::String("Yes".into()));

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
    assert_eq!(rows.len(), s.items.len() + 2, "five items and two actions");
    assert_eq!(&rows[0][column("Due date")], "2024-02-01", "the next due of its actions");
    assert_eq!(&rows[0][column("Days overdue")], "29");
    assert_eq!(&rows[0][column("Action")], s.items[0].planned_action);
    assert_eq!(&rows[1][column("Reference")], "R1.1");
    assert_eq!(&rows[1][column("Original due date")], "2024-01-31");
    assert_eq!(&rows[1][column("Partners")], "Police\nHealth");
    assert_eq!(&rows[2][column("Days overdue")], "29");
    assert_eq!(&rows[3][column("Action")], export::NO_ACTION_YET);
    assert_eq!(&rows[4][column("Suggested due date")], "2017-09-20");
    assert_eq!(&rows[5][column("Notes or description")], s.items[3].notes);

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
    // Action text is escaped too.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ama"));
    assert!(html.contains("Train &lt;b&gt;all&lt;/b&gt; staff"));
    assert!(html.contains("Plan submission deadline") && html.contains("Since the last board"));
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
    let last = last + 2;
    assert_eq!(&rows[last - 1][column("Notes or description")], format!("'{note}"));
    assert_eq!(&rows[last - 1][column("Lead")], "'+1-2");
    let training = "=HYPERLINK(\"http://x\",\"Train <b>all</b> staff\")";
    assert_eq!(&rows[2][column("Action")], format!("'{training}"));

    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(render_xlsx(&s).unwrap())).unwrap();
    let plan = book.worksheet_range("Action plan").unwrap();
    let row = plan.rows().nth(last).unwrap();
    assert_eq!(row[column("Notes or description")], Data::String(note.into()));
    assert_eq!(row[column("Lead")], Data::String("+1-2".into()));
    assert_eq!(plan.rows().nth(3).unwrap()[column("Action")], Data::String(training.into()));
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
    assert_eq!(csv_rows, 4, "two items, and the first one's two actions");
    let md = render_markdown(&s);
    assert!(md.contains("management capacity") && !md.contains("how to complain"));
    let html = render_html(&s);
    assert!(!html.contains("how to complain"));
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

/// Every paragraph's text of a .docx, in document order (table cells row by row), read
/// back with docx-rs's own reader.
fn docx_texts(bytes: &[u8]) -> Vec<String> {
    use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};
    let doc = docx_rs::read_docx(bytes).expect("the .docx reads back");
    let mut out = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => out.push(p.raw_text()),
            DocumentChild::Table(table) => {
                for TableChild::TableRow(row) in &table.rows {
                    for TableRowChild::TableCell(cell) in &row.cells {
                        for content in &cell.children {
                            if let TableCellContent::Paragraph(p) = content {
                                out.push(p.raw_text());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What the board paper of the fixture must hold, each as one paragraph's whole text.
fn expected_docx_paragraphs() -> Vec<String> {
    [
        "Southwark – Full inspection (13 Jun 2017)",
        "Director of children's services",
        "20 September 2017 (statutory: 70 working days after publication, excluding bank holidays in England)",
        "15 January 2024, 15 April 2024",
        "Since the last board (after 15 January 2024)",
        "Status In progress",
        "Update First audit done:\n31 of 40 timely.",
        "Due date revised 31 March 2024 → 30 April 2024: Second audit cycle added",
        "Ama Owusu",
        "R1 · Recommendation · RAG Amber",
        "Ensure that strategy discussions and strategy meetings involve all relevant agencies.",
        "0 of 2 actions done · 1 overdue · next due 1 February 2024 · lead Head of service, MASH",
        "R1.1",
        "Audit strategy discussions quarterly",
        "Measure: Strategy discussions with all agencies (55% → 90%; latest 78%)",
        "was 31 Jan 2024",
        "15 Feb 2024, Sam Patel",
        "=HYPERLINK(\"http://x\",\"Train <b>all</b> staff\")",
        "<script>alert(1)</script> Ama",
        "29 days overdue",
        "RAG Red",
        "R2 · Recommendation · RAG Blue",
        "No action yet",
        "P1 · Priority action · RAG Red",
        "Planned action: Recruit two permanent team managers.",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

#[test]
fn docx_reads_back_with_texts_intact() {
    let bytes = render_docx(&summary(&ExportOptions::default())).unwrap();
    let texts = docx_texts(&bytes);
    for expected in expected_docx_paragraphs() {
        assert!(texts.contains(&expected), "the board paper lacks {expected:?}; it holds {texts:#?}");
    }
    // The change before the last board is not in "since".
    assert!(!texts.iter().any(|t| t.contains("Police data late")), "{texts:#?}");
    // With --since earlier, it is.
    let earlier = render_docx(&summary(&ExportOptions { since: Some(d("2024-01-01")), ..Default::default() })).unwrap();
    let texts = docx_texts(&earlier);
    assert!(texts.iter().any(|t| t == "Due date revised 31 January 2024 → 31 March 2024: Police data late"));
    assert!(texts.contains(&"Since the last board (after 1 January 2024)".to_owned()));
}

/// The same paper read by python-docx, a reader that shares no code with the writer.
/// Skips, saying why, only where python3 or python-docx is missing (scripts/setup.sh
/// installs it).
#[test]
fn docx_reads_back_with_python_docx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.docx");
    std::fs::write(&path, render_docx(&summary(&ExportOptions::default())).unwrap()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/read_docx.py");
    // The first Python that has python-docx: the one on PATH, else the system's (where
    // scripts/setup.sh installs the Debian package, when PATH leads to another Python).
    let mut output = None;
    for python in ["python3", "/usr/bin/python3"] {
        match Command::new(python).arg(script).arg(&path).output() {
            Ok(out) if out.status.code() != Some(3) => {
                output = Some(out);
                break;
            }
            _ => {}
        }
    }
    let Some(output) = output else {
        eprintln!("SKIPPED docx_reads_back_with_python_docx: no python3 with python-docx; run scripts/setup.sh");
        return;
    };
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let texts: Vec<String> = serde_json::from_slice(&output.stdout).unwrap();
    for expected in expected_docx_paragraphs() {
        assert!(texts.contains(&expected), "python-docx does not read {expected:?}; it reads {texts:#?}");
    }
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
    assert_eq!(records, 3, "only the in-progress item, with its two actions");

    let xlsx = dir.path().join("plan.xlsx");
    let output =
        run_cli(&["export", ws_arg, "--format", "xlsx", "-o", xlsx.to_str().unwrap(), "--report", "anyshire-fv-2024"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    let output = run_cli(&["export", ws_arg, "--format", "md", "-o", "x.md", "--report", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nope") && stderr.contains("southwark-2017"), "{stderr}");

    let docx = dir.path().join("board.docx");
    let output =
        run_cli(&["export", ws_arg, "--format", "docx", "--since", "2024-02-14", "-o", docx.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let texts = docx_texts(&std::fs::read(&docx).unwrap());
    assert!(texts.contains(&"Since the last board (after 14 February 2024)".to_owned()), "{texts:#?}");
    let output = run_cli(&["export", ws_arg, "--format", "docx", "--since", "14/02/2024", "-o", "x.docx"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));

    let output = run_cli(&["export", ws_arg, "--format", "pdf", "-o", "x.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("xlsx, csv, md, html, docx"));

    let output = run_cli(&["export", ws_arg, "--format", "csv", "-o", "x.csv", "--status", "done"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not_started"));
}
