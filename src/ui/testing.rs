//! Test support for the window: an app with a fixed date, fixed theme and no disk access,
//! and hand-made workspaces (small and known for behaviour tests, large and generated
//! for the frame-time benchmark). Used by `tests/ui_app.rs` and `--bench-ui`.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use eframe::egui;

use crate::model::{
    Category, CategoryId, Classification, Colour, Finding, FindingId, FindingKind, Grade, ImportedReport, Judgement,
    Keyword, Polarity, ReportId, ReportKind, ReportMeta, SourceSpan, Taxonomy,
};
use crate::workspace::Workspace;

use super::app::{AppOptions, Clock, TrackerApp};
use super::state::UiState;
use super::theme::{self, ThemeChoice};

/// The date every test runs on.
pub fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// The time every test runs at (10:00 on [`test_today`]).
pub fn test_now() -> NaiveDateTime {
    test_today().and_hms_opt(10, 0, 0).unwrap_or_default()
}

/// The window size tests use.
pub const TEST_SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// An app for tests: fixed clock, light theme, no disk (no autosave, samples from memory),
/// no native dialogs, imports on the calling thread.
pub fn test_app(workspace: Workspace) -> TrackerApp {
    let state = UiState { theme: ThemeChoice::Light, has_run_before: true, ..Default::default() };
    let options = AppOptions { use_disk: false, native_dialogs: false, blocking_import: true };
    TrackerApp::new(workspace, state, options, Clock::Fixed(test_now()))
}

/// Applies the app's theme to a context (what the first frame would do), for harnesses.
pub fn setup_context(ctx: &egui::Context) {
    theme::apply(ctx, ThemeChoice::Light);
}

/// A small taxonomy with distinct colours.
pub fn test_taxonomy() -> Taxonomy {
    let category = |id: &str, label: &str, colour: &str, term: &str| Category {
        id: CategoryId(id.to_owned()),
        label: label.to_owned(),
        description: format!("Findings about {}", label.to_lowercase()),
        colour: Colour(colour.to_owned()),
        parent: None,
        keywords: vec![Keyword { term: term.to_owned(), weight: 1.0, regex: false }],
    };
    Taxonomy {
        version: 1,
        categories: vec![
            category("leadership", "Leadership and governance", "#1f4e79", "leaders"),
            category("care_leavers", "Care leavers", "#2e8b57", "care leavers"),
            category("front_door", "Front door and early help", "#c55a11", "front door"),
            category("children_in_care", "Children in care", "#7030a0", "children in care"),
            category("workforce", "Workforce and caseloads", "#bf9000", "social workers"),
            category("quality_assurance", "Quality assurance and audit", "#2f5597", "audit"),
            category("disabled_children", "Disabled children", "#a5a5a5", "disabled"),
            category("other", "Other", "#7f7f7f", "other"),
        ],
    }
}

fn finding(
    id: &str,
    kind: FindingKind,
    section: &str,
    number: Option<u32>,
    text: &str,
    category: &str,
    start: usize,
) -> Finding {
    Finding {
        id: FindingId(id.to_owned()),
        kind,
        section: section.to_owned(),
        number,
        text: text.to_owned(),
        source: SourceSpan { page: Some(1), paragraph: 0, start, end: start + text.len() },
        classification: Classification {
            category: CategoryId(category.to_owned()),
            confidence: 0.8,
            matched_terms: vec![category.replace('_', " ")],
            polarity: if text.contains("not") { Polarity::Weakness } else { Polarity::Strength },
            polarity_cues: Vec::new(),
        },
        framework_ref: None,
    }
}

/// A hand-made finding: id, kind, section, number, text, automatic category.
type FindingSpec<'a> = (&'a str, FindingKind, &'a str, Option<u32>, &'a str, &'a str);

fn report(
    id: &str,
    authority: &str,
    kind: ReportKind,
    date: (i32, u32, u32),
    findings: Vec<FindingSpec<'_>>,
) -> ImportedReport {
    let mut text = String::new();
    let mut built = Vec::new();
    for (fid, kind, section, number, body, category) in findings {
        text.push_str(section);
        text.push_str("\n\n");
        let start = text.len();
        text.push_str(body);
        text.push_str("\n\n");
        built.push(finding(fid, kind, section, number, body, category, start));
    }
    let letter = NaiveDate::from_ymd_opt(date.0, date.1, date.2);
    ImportedReport {
        id: ReportId(id.to_owned()),
        source_path: PathBuf::from(format!("{id}.txt")),
        content_hash: format!("{:0>64}", id.len()),
        imported_at: test_now(),
        meta: ReportMeta {
            kind,
            title: None,
            local_authority: Some(authority.to_owned()),
            authority: None,
            letter_date: letter,
            visit_start: letter.and_then(|d| d.checked_sub_days(chrono::Days::new(40))),
            visit_end: letter.and_then(|d| d.checked_sub_days(chrono::Days::new(30))),
            lead_inspector: Some("A Inspector".to_owned()),
            overall_judgement: (kind == ReportKind::FullInspection).then_some(Grade::RequiresImprovement),
            judgements: if kind == ReportKind::FullInspection {
                vec![
                    Judgement { area: "The impact of leaders on social work practice".to_owned(), grade: Grade::Good },
                    Judgement {
                        area: "Children who need help and protection".to_owned(),
                        grade: Grade::RequiresImprovement,
                    },
                    Judgement { area: "Children in care".to_owned(), grade: Grade::Inadequate },
                    Judgement { area: "Care leavers".to_owned(), grade: Grade::Outstanding },
                ]
            } else {
                Vec::new()
            },
        },
        findings: built,
        text,
        page_starts: vec![0],
        annotations: Default::default(),
    }
}

/// Two hand-made reports with six findings whose texts tests can search for.
pub fn small_workspace() -> Workspace {
    let mut ws = Workspace::new(test_taxonomy());
    ws.reports.push(report(
        "northshire-2026-03-01",
        "Northshire County Council",
        ReportKind::FullInspection,
        (2026, 3, 1),
        vec![
            (
                "r1",
                FindingKind::Recommendation,
                "What needs to improve",
                Some(1),
                "Improve the quality of supervision for social workers so that plans are reviewed.",
                "workforce",
            ),
            (
                "r2",
                FindingKind::Recommendation,
                "What needs to improve",
                Some(2),
                "Care leavers do not have timely pathway plans.",
                "care_leavers",
            ),
            (
                "f1",
                FindingKind::Finding,
                "The impact of leaders",
                Some(12),
                "Leaders know their services well and act on audit findings.",
                "leadership",
            ),
            (
                "f2",
                FindingKind::Finding,
                "Help and protection",
                Some(20),
                "The front door responds promptly to contacts about children at risk.",
                "front_door",
            ),
        ],
    ));
    ws.reports.push(report(
        "southport-2025-06-10",
        "Southport City Council",
        ReportKind::FocusedVisit,
        (2025, 6, 10),
        vec![
            (
                "p1",
                FindingKind::PriorityAction,
                "Areas for priority action",
                None,
                "Disabled children are not seen often enough by their social workers.",
                "disabled_children",
            ),
            (
                "f3",
                FindingKind::Finding,
                "Children in care",
                Some(7),
                "Children in care are visited regularly and their views are heard.",
                "children_in_care",
            ),
        ],
    ));
    ws
}

const PHRASES: &[&str] = &[
    "Leaders have a clear understanding of the strengths and weaknesses of services",
    "Care leavers receive timely and effective support from personal advisers",
    "The front door does not consistently identify risk for children at the first contact",
    "Children in care live in stable homes and are helped to stay in touch with their families",
    "Social workers have manageable caseloads and receive regular reflective supervision",
    "Audits are not yet consistently used to improve the quality of practice",
    "Disabled children receive a thorough assessment of their needs",
    "Plans for children are not always specific enough to measure progress",
];

/// A generated workspace with `count` findings over reports of 200 findings each, with a
/// sprinkling of annotations, for the frame-time benchmark.
pub fn generated_workspace(count: usize) -> Workspace {
    let taxonomy = test_taxonomy();
    let ids: Vec<String> = taxonomy.categories.iter().map(|c| c.id.0.clone()).collect();
    let mut ws = Workspace::new(taxonomy);
    let per_report = 200;
    let mut made = 0;
    let mut r = 0;
    while made < count {
        let n = per_report.min(count - made);
        let kinds =
            [FindingKind::Finding, FindingKind::Recommendation, FindingKind::Summary, FindingKind::PriorityAction];
        let findings: Vec<(String, FindingKind, String, Option<u32>, String, String)> = (0..n)
            .map(|i| {
                let k = made + i;
                (
                    format!("g{k:05}"),
                    kinds[k % 7 % 4],
                    format!("Section {}", k % 9),
                    Some(u32::try_from(i + 1).unwrap_or(0)),
                    format!("{} (item {k}), as seen in case {}.", PHRASES[k % PHRASES.len()], k * 7919 % 10007),
                    ids[k % ids.len()].clone(),
                )
            })
            .collect();
        let borrowed = findings
            .iter()
            .map(|(a, b, c, d, e, f)| (a.as_str(), *b, c.as_str(), *d, e.as_str(), f.as_str()))
            .collect();
        let mut rep = report(
            &format!("authority-{r:03}"),
            &format!("Authority {r:03} Council"),
            ReportKind::FullInspection,
            (2024, 1 + (r % 12) as u32, 15),
            borrowed,
        );
        for (i, f) in rep.findings.iter().enumerate().filter(|(i, _)| i % 5 == 0) {
            let annotation = crate::model::Annotation {
                status: crate::model::Status::ALL[i % 7],
                owner: Some(format!("Owner {}", i % 11)),
                due_date: test_today()
                    .checked_add_days(chrono::Days::new((i % 60) as u64))
                    .and_then(|d| d.checked_sub_days(chrono::Days::new(30))),
                rag: Some(crate::model::Rag::ALL[i % 4]),
                ..Default::default()
            };
            rep.annotations.insert(f.id.clone(), annotation);
        }
        ws.reports.push(rep);
        made += n;
        r += 1;
    }
    ws
}
