//! Test data, in one place: generated workspaces of any size (for benchmarks,
//! fault-injection tests and the window's frame-time check), a small hand-made workspace
//! whose texts behaviour tests search for, and the fixed date tests run on. Deterministic:
//! the same seed gives the same workspace. The generated text is report-like English (a
//! few hundred characters per finding) so file sizes are realistic. Built only for tests
//! and with the `testing` feature; no production code calls it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::Workspace;
use crate::model::{
    Annotation, Category, CategoryId, ChangeRecord, Classification, Colour, Finding, FindingId, FindingKind, Grade,
    ImportedReport, Judgement, Keyword, Polarity, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan,
    Status, Taxonomy,
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
/// annotated field has a change record. Three findings in ten are recommendations or
/// priority actions, with 0 to 2 actions each (about 0.4 actions per finding, so 50,000
/// findings carry about 20,000 actions). `seed` varies the content.
pub fn workspace(reports: usize, findings_per_report: usize, seed: u64) -> Workspace {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // Actions draw from their own stream, so the findings and annotations of a seed stay as
    // they were before workspaces had actions.
    let mut actions_rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
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
                            author: None,
                        })
                        .collect(),
                };
                ws.change_log.push(ChangeRecord {
                    action: None,
                    author: None,
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
            actions: actions_for(&findings, &mut actions_rng, base),
            findings,
            text,
            page_starts: vec![0],
            annotations,
            plan: crate::model::PlanHeader {
                lead: Some(format!("Director {r}")),
                submission_deadline: None,
                board_meetings: vec![base + chrono::Days::new(60), base + chrono::Days::new(120)],
            },
        });
    }
    ws
}

/// Actions for the recommendations and priority actions among `findings`: 0, 1 or 2 each
/// (1⅓ on average), with leads, dates, measures, updates by named authors and, for some, a
/// revised due date.
fn actions_for(findings: &[Finding], rng: &mut Rng, base: NaiveDate) -> Vec<crate::model::Action> {
    use crate::model::{Action, ActionId, DueRevision, Measure};
    let mut actions = Vec::new();
    for finding in findings.iter().filter(|f| f.kind.is_action()) {
        let count = [0, 1, 1, 2, 2, 2][rng.below(6)];
        for n in 0..count {
            let created = (base + chrono::Days::new(rng.below(60) as u64)).and_hms_opt(10, 0, 0).unwrap_or_default();
            let id = ActionId::derive(&[&finding.id.0, &n.to_string(), &rng.next().to_string()]);
            let author = Some(format!("Officer {}", rng.below(12)));
            let mut action = Action::new(id, finding.id.clone(), rng.sentence(8), author.clone(), created);
            action.description = rng.sentence(20);
            action.lead = Some(format!("Head of service {}", rng.below(30)));
            action.partners = (0..rng.below(3)).map(|p| format!("Partner {p}")).collect();
            action.start = Some(created.date());
            let due = created.date() + chrono::Days::new(30 + rng.below(400) as u64);
            action.due = Some(due);
            if rng.below(4) == 0 {
                let to = due + chrono::Days::new(30 + rng.below(90) as u64);
                action.due_revisions.push(DueRevision {
                    from: Some(due),
                    to: Some(to),
                    reason: rng.sentence(6),
                    author: author.clone(),
                    at: created + chrono::Days::new(20),
                });
                action.due = Some(to);
            }
            action.status = Status::ALL[rng.below(Status::ALL.len())];
            if action.status == Status::Cancelled {
                action.cancel_reason = Some(rng.sentence(5));
            }
            action.rag = Some(Rag::ALL[rng.below(Rag::ALL.len())]);
            action.rag_rationale = rng.sentence(5);
            action.measure = Measure {
                measure: rng.sentence(6),
                baseline: format!("{}%", rng.below(60)),
                target: format!("{}%", 60 + rng.below(40)),
                latest: format!("{}%", rng.below(100)),
            };
            action.evidence = vec![format!("https://intranet.example/evidence/{}", action.id)];
            action.updates = (0..rng.below(4))
                .map(|u| ProgressUpdate {
                    date: created.date() + chrono::Days::new(u as u64 * 30 + 5),
                    text: rng.sentence(12),
                    author: Some(format!("Officer {}", rng.below(12))),
                })
                .collect();
            actions.push(action);
        }
    }
    actions
}

/// The date every test runs on.
pub fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// The time every test runs at (10:00 on [`test_today`]).
pub fn test_now() -> NaiveDateTime {
    test_today().and_hms_opt(10, 0, 0).unwrap_or_default()
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
        actions: Vec::new(),
        plan: Default::default(),
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
            let annotation = Annotation {
                status: Status::ALL[i % 7],
                owner: Some(format!("Owner {}", i % 11)),
                due_date: test_today()
                    .checked_add_days(chrono::Days::new((i % 60) as u64))
                    .and_then(|d| d.checked_sub_days(chrono::Days::new(30))),
                rag: Some(Rag::ALL[i % 4]),
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
