//! Scale benchmarks: generated workspaces of 1,000, 10,000 and 50,000 findings across
//! 500 reports (realistic text lengths, about 20% annotated), timing load, save, a filter
//! keystroke, sorting, and XLSX export; plus the resident memory after loading, measured
//! in a fresh child process per size so the figures do not mix.
//!
//! Run with `cargo bench --no-default-features --bench scale`. Targets on a 2-core
//! machine at 50,000 findings: load < 1 s, save < 0.5 s, filter keystroke < 16 ms,
//! resident memory < 400 MB, cost linear in the number of findings.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use inspection_tracker::classify::Classifier;
use inspection_tracker::export::{ActionSummary, ExportOptions, render_xlsx};
use inspection_tracker::model::{
    Annotation, CategoryId, ChangeRecord, Classification, Date, Finding, FindingId, FindingKind, ImportedReport,
    Polarity, ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status,
};
use inspection_tracker::workspace::{Workspace, io};

/// Workspace sizes, in findings.
const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
/// Reports per workspace, whatever its size.
const REPORTS: usize = 500;
/// What the user types in the search box.
const QUERY: &str = "care leav";

/// Set in the child process that measures memory: the workspace file to load.
const RSS_CHILD_ENV: &str = "SCALE_BENCH_RSS_FILE";

/// A small deterministic generator (SplitMix64), so every run benches the same workspace.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "children",
    "young",
    "people",
    "care",
    "leavers",
    "social",
    "workers",
    "managers",
    "leaders",
    "plans",
    "planning",
    "assessment",
    "assessments",
    "quality",
    "timely",
    "oversight",
    "supervision",
    "management",
    "partners",
    "multi-agency",
    "safeguarding",
    "risk",
    "neglect",
    "exploitation",
    "placement",
    "placements",
    "sufficiency",
    "permanence",
    "court",
    "health",
    "education",
    "independent",
    "reviewing",
    "officers",
    "front",
    "door",
    "strategy",
    "meetings",
    "thresholds",
    "consistently",
    "effective",
    "inconsistent",
    "variable",
    "strong",
    "improve",
    "improvement",
    "ensure",
    "progress",
    "experiences",
    "families",
    "carers",
    "foster",
    "residential",
    "homes",
    "pathway",
    "accommodation",
    "visits",
    "wishes",
    "feelings",
    "voice",
    "recorded",
    "records",
    "audit",
    "audits",
    "performance",
    "information",
    "workforce",
    "caseloads",
    "recruitment",
    "retention",
    "agency",
    "staff",
    "training",
    "learning",
    "practice",
    "standards",
    "outcomes",
    "decisions",
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "to",
    "in",
    "in",
    "for",
    "with",
    "are",
    "is",
    "not",
    "well",
];

const SECTIONS: &[&str] = &[
    "What needs to improve?",
    "Areas for priority action",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "The impact of leaders on social work practice with children and families",
    "Overview",
];

const OWNERS: &[&str] = &[
    "Jo Bloggs",
    "A. Smith",
    "Priya Patel",
    "Head of service (safeguarding)",
    "Tom O’Brien",
    "Service manager, care leavers",
    "Principal social worker",
    "Director of children’s services",
    "Chloé Dupont",
    "QA lead",
];

/// Prose of about `chars` characters, ending with a full stop.
fn prose(rng: &mut Rng, chars: usize) -> String {
    let mut s = String::with_capacity(chars + 16);
    let mut sentence = 0;
    while s.len() < chars {
        let word = rng.pick(WORDS);
        if sentence == 0 {
            let mut c = word.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(word);
        }
        sentence += 1;
        if sentence > 8 && rng.chance(12) {
            s.push_str(". ");
            sentence = 0;
        } else {
            s.push(' ');
        }
    }
    s.truncate(s.trim_end().len());
    s.push('.');
    s
}

fn day(rng: &mut Rng, from_year: i32, years: usize) -> Date {
    let start = NaiveDate::from_ymd_opt(from_year, 1, 1).expect("valid date");
    start + chrono::Days::new((rng.below(365 * years)) as u64)
}

/// A workspace of `findings` findings over [`REPORTS`] reports: finding texts of 150–700
/// characters, report texts about twice their findings' length, about 20% annotated with
/// every field a user fills in, and two change-log records per annotation.
fn generate(findings: usize) -> Workspace {
    let classifier = Classifier::default_taxonomy();
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let categories: Vec<CategoryId> = ws.taxonomy.categories.iter().map(|c| c.id.clone()).collect();
    let kinds = [
        FindingKind::PriorityAction,
        FindingKind::Recommendation,
        FindingKind::Finding,
        FindingKind::Finding,
        FindingKind::Summary,
    ];
    let polarities = [Polarity::Strength, Polarity::Weakness, Polarity::Mixed, Polarity::Neutral];
    let mut rng = Rng(42);
    let now = NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("valid time");
    for r in 0..REPORTS {
        let count = findings / REPORTS + usize::from(r < findings % REPORTS);
        let id = ReportId(format!("authority-{r:03}-2025-05-{:02}", 1 + r % 28));
        let mut text = String::new();
        let mut report_findings = Vec::with_capacity(count);
        let mut annotations = std::collections::BTreeMap::new();
        for f in 0..count {
            let length = 150 + rng.below(550);
            let body = prose(&mut rng, length);
            let filler = prose(&mut rng, body.len());
            text.push_str(&filler);
            text.push_str("\n\n");
            let start = text.len();
            text.push_str(&body);
            text.push_str("\n\n");
            let finding_id = FindingId(format!("f-{:010x}", rng.next() >> 24));
            if rng.chance(20) {
                let status = *rng.pick(Status::ALL);
                annotations.insert(
                    finding_id.clone(),
                    Annotation {
                        category: rng.chance(30).then(|| rng.pick(&categories).clone()),
                        status,
                        cancel_reason: (status == Status::Cancelled).then(|| "Merged with another action".to_owned()),
                        rag: Some(*rng.pick(Rag::ALL)),
                        owner: Some((*rng.pick(OWNERS)).to_owned()),
                        due_date: Some(day(&mut rng, 2025, 3)),
                        planned_action: prose(&mut rng, 120),
                        notes: if rng.chance(60) {
                            let length = 20 + rng.below(200);
                            prose(&mut rng, length)
                        } else {
                            String::new()
                        },
                        evidence: if rng.chance(30) { vec![format!("evidence/audit-{f}.xlsx")] } else { Vec::new() },
                        important: rng.chance(10),
                        updates: (0..rng.below(3))
                            .map(|_| ProgressUpdate { date: day(&mut rng, 2025, 2), text: prose(&mut rng, 80) })
                            .collect(),
                    },
                );
                for field in ["status", "owner"] {
                    ws.change_log.push(ChangeRecord {
                        at: now,
                        report: id.clone(),
                        finding: finding_id.clone(),
                        field: field.to_owned(),
                        summary: format!("{field} changed"),
                    });
                }
            }
            report_findings.push(Finding {
                id: finding_id,
                kind: *rng.pick(&kinds),
                section: (*rng.pick(SECTIONS)).to_owned(),
                number: rng.chance(50).then(|| (f + 1) as u32),
                source: SourceSpan {
                    page: Some((1 + f / 4) as u32),
                    paragraph: 2 * f + 1,
                    start,
                    end: start + body.len(),
                },
                text: body,
                classification: Classification {
                    category: rng.pick(&categories).clone(),
                    confidence: (rng.below(100) as f32) / 100.0,
                    matched_terms: vec!["care leavers".to_owned(), "pathway".to_owned()],
                    polarity: *rng.pick(&polarities),
                    polarity_cues: vec!["should".to_owned()],
                },
                framework_ref: None,
            });
        }
        ws.reports.push(ImportedReport {
            id,
            source_path: PathBuf::from(format!("/home/qa/reports/authority-{r:03}.pdf")),
            content_hash: format!("{:016x}{:016x}{:016x}{:016x}", rng.next(), rng.next(), rng.next(), rng.next()),
            imported_at: now,
            meta: ReportMeta {
                kind: ReportKind::FullInspection,
                title: Some(format!("Inspection of Authority {r} local authority children’s services")),
                local_authority: Some(format!("Authority {r}")),
                authority: None,
                letter_date: Some(day(&mut rng, 2015, 10)),
                visit_start: Some(day(&mut rng, 2015, 10)),
                visit_end: Some(day(&mut rng, 2015, 10)),
                lead_inspector: Some("Jane Smith".to_owned()),
                overall_judgement: None,
                judgements: Vec::new(),
            },
            findings: report_findings,
            page_starts: (0..8).map(|p| p * text.len() / 8).collect(),
            text,
            annotations,
        });
    }
    ws
}

/// One size's workspace, its file on disk, and the search haystacks the UI would cache.
struct Fixture {
    workspace: Workspace,
    path: PathBuf,
    haystacks: Vec<String>,
}

/// Where the fixtures' files go; removed by the OS's temp cleaning, named by process.
fn temp_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir")).path()
}

fn fixture(n: usize) -> &'static Fixture {
    static FIXTURES: [OnceLock<Fixture>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = SIZES.iter().position(|&s| s == n).expect("a benchmarked size");
    FIXTURES[i].get_or_init(|| {
        let workspace = generate(n);
        let path = temp_dir().join(format!("workspace-{n}.ron"));
        io::save(&workspace, &path).expect("the generated workspace saves");
        let haystacks = workspace.findings().map(|(_, _, f, a)| haystack(&f.text, a)).collect();
        Fixture { workspace, path, haystacks }
    })
}

/// Finding text, owner and notes, lowercased: what the search box matches.
fn haystack(text: &str, annotation: Option<&Annotation>) -> String {
    let mut s = text.to_lowercase();
    if let Some(a) = annotation {
        s.push('\n');
        s.push_str(&a.owner.as_deref().unwrap_or_default().to_lowercase());
        s.push('\n');
        s.push_str(&a.notes.to_lowercase());
    }
    s
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    bencher.bench(|| io::load(&fx.path).expect("loads"));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn save(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let path = temp_dir().join(format!("saved-{n}.ron"));
    bencher.bench(|| io::save(&fx.workspace, &path).expect("saves"));
}

/// Serialising alone, to tell the RON writer's cost from the disk's.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn to_ron_string(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    bencher.bench(|| io::to_ron_string(&fx.workspace).expect("serialises"));
}

/// A keystroke with nothing cached: lowercase every finding's text, owner and notes and
/// look for the query.
#[divan::bench(args = SIZES, sample_count = 20)]
fn filter_keystroke_uncached(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let query = QUERY.to_lowercase();
    bencher.bench(|| {
        fx.workspace
            .findings()
            .filter(|(_, _, f, a)| haystack(&f.text, *a).contains(&query))
            .map(|(target, ..)| target)
            .collect::<Vec<_>>()
    });
}

/// A keystroke with the lowercased haystacks cached when the workspace changed, as the
/// findings table does (`workspace::query::TableModel`, which also narrows the rows already shown
/// when the text only grows): only the substring search runs per keystroke. The table itself,
/// inside the whole frame, is measured by `inspection-tracker --bench-ui 50000`.
#[divan::bench(args = SIZES, sample_count = 50)]
fn filter_keystroke_cached(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let query = QUERY.to_lowercase();
    bencher.bench(|| {
        fx.haystacks.iter().enumerate().filter(|(_, h)| h.contains(&query)).map(|(i, _)| i).collect::<Vec<_>>()
    });
}

/// Every finding as (report index, finding index, annotation), the rows a table keeps.
fn rows(ws: &Workspace) -> impl Iterator<Item = (usize, usize, &Finding, Option<&Annotation>)> {
    ws.reports
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| r.findings.iter().enumerate().map(move |(fi, f)| (ri, fi, f, r.annotations.get(&f.id))))
}

/// Every finding in due-date order (no date last), then report order.
#[divan::bench(args = SIZES, sample_count = 20)]
fn sort_by_due_date(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    bencher.bench(|| {
        let mut keyed: Vec<(i64, usize, usize)> = rows(&fx.workspace)
            .map(|(ri, fi, _, a)| {
                let due =
                    a.and_then(|a| a.due_date).map_or(i64::MAX, |d| i64::from(chrono::Datelike::num_days_from_ce(&d)));
                (due, ri, fi)
            })
            .collect();
        keyed.sort_unstable();
        keyed
    });
}

/// Every finding in order of its effective category's label, then report order.
#[divan::bench(args = SIZES, sample_count = 20)]
fn sort_by_category(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let ws = &fx.workspace;
    // The categories' order by label, worked out once: sorting compares small integers.
    let mut labels: Vec<(String, &CategoryId)> =
        ws.taxonomy.categories.iter().map(|c| (c.label.to_lowercase(), &c.id)).collect();
    labels.sort();
    let rank = |id: &CategoryId| labels.iter().position(|(_, c)| *c == id).unwrap_or(labels.len());
    bencher.bench(|| {
        let mut keyed: Vec<(usize, usize, usize)> = rows(ws)
            .map(|(ri, fi, f, a)| {
                (rank(a.and_then(|a| a.category.as_ref()).unwrap_or(&f.classification.category)), ri, fi)
            })
            .collect();
        keyed.sort_unstable();
        keyed
    });
}

/// The action summary of every finding, rendered as an XLSX workbook in memory.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn export_xlsx_all_findings(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let options = ExportOptions { all_findings: true, ..Default::default() };
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    bencher.bench(|| {
        let summary = ActionSummary::build(&fx.workspace, &options, today, "scale");
        render_xlsx(&summary).expect("renders")
    });
}

/// `(resident, peak)` memory of this process in MB, from `/proc/self/statm` and
/// `/proc/self/status`; `None` where `/proc` is missing.
fn memory_mb() -> Option<(f64, f64)> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let peak_kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some((pages * 4096.0 / 1e6, peak_kb * 1024.0 / 1e6))
}

/// In the child: load the file, print `before resident peak` in MB.
fn rss_child(path: &Path) {
    let before = memory_mb().map_or(0.0, |m| m.0);
    let ws = io::load(path).expect("the workspace loads");
    let (resident, peak) = memory_mb().unwrap_or_default();
    println!("{before:.1} {resident:.1} {peak:.1} {}", ws.finding_count());
}

/// Resident memory after loading each size, each in a fresh process.
fn memory_table() {
    let Ok(exe) = std::env::current_exe() else { return };
    println!("memory after loading (fresh process per size; targets: RSS < 400 MB at 50,000)");
    println!("{:>9} {:>10} {:>14} {:>12} {:>10}", "findings", "file MB", "RSS before MB", "RSS after MB", "peak MB");
    for n in SIZES {
        let fx = fixture(n);
        let file_mb = std::fs::metadata(&fx.path).map_or(0.0, |m| m.len() as f64 / 1e6);
        let output = std::process::Command::new(&exe).env(RSS_CHILD_ENV, &fx.path).output();
        let text = output.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
        let v: Vec<&str> = text.split_whitespace().collect();
        if let [before, after, peak, _] = v[..] {
            println!("{n:>9} {file_mb:>10.1} {before:>14} {after:>12} {peak:>10}");
        } else {
            println!("{n:>9} {file_mb:>10.1} (child failed: {text})");
        }
    }
    println!();
}

fn main() {
    if let Some(path) = std::env::var_os(RSS_CHILD_ENV) {
        rss_child(Path::new(&path));
        return;
    }
    // Only when benchmarks run for real (`cargo bench` passes `--bench`), not when
    // `cargo test --benches` checks that they build and start.
    if std::env::args().any(|a| a == "--bench") {
        memory_table();
    }
    divan::main();
}
