//! Benchmark of the insights across reports on real text: the sample PDFs and letters in
//! `tests/fixtures/corpus/` and `tests/fixtures/pdf/` (48 reports of 40 authorities),
//! imported once and repeated to 528 reports (each copy's dates moved back four years
//! per copy, so every authority has a long history and "raised before" compares many
//! pairs), with one action on every other recommendation. Times `Insights::build` (the
//! whole national picture with the repeats) and `Dashboard::build`, against loading the
//! same workspace from its RON file in the same run, and prints the ratio.
//!
//! Target: the insights under 1 s after import. Run with
//! `cargo bench --no-default-features --bench insights`.

use std::path::Path;
use std::time::{Duration, Instant};

use inspection_tracker::classify::Classifier;
use inspection_tracker::insights::dashboard::Dashboard;
use inspection_tracker::insights::{Insights, RecommendationIndex};
use inspection_tracker::model::{Action, ActionId, ReportId, Status};
use inspection_tracker::workspace::{Workspace, io, synthetic};

/// Copies of each sample report.
const COPIES: u64 = 11;
/// Timed runs of each measurement; the median is reported.
const RUNS: usize = 7;

fn sample_workspace() -> Workspace {
    let classifier = Classifier::default_taxonomy();
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = ["corpus", "pdf"]
        .iter()
        .flat_map(|d| std::fs::read_dir(fixtures.join(d)).expect("the fixture folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    for file in files {
        let (parsed, hash) =
            inspection_tracker::import::read_and_parse(&file, None, &classifier).expect("a sample report parses");
        ws.add_report(parsed, &file, &hash, synthetic::test_now());
    }
    let originals = std::mem::take(&mut ws.reports);
    for copy in 0..COPIES {
        let back = chrono::Days::new(copy * 4 * 365);
        for original in &originals {
            let mut r = original.clone();
            r.id = ReportId(format!("{}-{copy}", original.id));
            r.content_hash = format!("{}-{copy}", original.content_hash);
            let shift = |d: &mut Option<inspection_tracker::model::Date>| *d = d.and_then(|d| d.checked_sub_days(back));
            shift(&mut r.meta.letter_date);
            shift(&mut r.meta.visit_start);
            shift(&mut r.meta.visit_end);
            let recs: Vec<_> = r.plan_findings().map(|f| f.id.clone()).collect();
            for (i, finding) in recs.into_iter().enumerate().filter(|(i, _)| i % 2 == 0) {
                let mut action = Action::new(
                    ActionId(format!("act-{copy}-{}-{i}", r.id)),
                    finding,
                    "Audit practice".into(),
                    None,
                    synthetic::test_now(),
                );
                action.status = Status::ALL[i % Status::ALL.len()];
                action.due = synthetic::test_today().checked_sub_days(chrono::Days::new((i * 17) as u64));
                r.actions.push(action);
            }
            ws.reports.push(r);
        }
    }
    ws
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn main() {
    let ws = sample_workspace();
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("insights.ron");
    io::save(&ws, &path).expect("the workspace saves");
    let findings: usize = ws.reports.iter().map(|r| r.findings.len()).sum();
    let recommendations: usize = ws.reports.iter().map(|r| r.plan_findings().count()).sum();

    let load = median(|| {
        std::hint::black_box(io::load(&path).expect("loads"));
    });
    let mut repeats = 0;
    let insights = median(|| {
        let built = Insights::build(std::hint::black_box(&ws));
        repeats = built.repeats.len();
    });
    let index = median(|| {
        std::hint::black_box(RecommendationIndex::new(&ws));
    });
    let dashboard = median(|| {
        std::hint::black_box(Dashboard::build(&ws, synthetic::test_today()));
    });
    println!("{} reports, {findings} findings, {recommendations} recommendations, {repeats} repeats", ws.reports.len());
    println!("load workspace (reference) {:>9.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "Insights::build            {:>9.1} ms  ({:.2} × load)",
        insights.as_secs_f64() * 1e3,
        insights.as_secs_f64() / load.as_secs_f64()
    );
    println!(
        "  of which the TF-IDF index {:>6.1} ms  ({:.2} × load)",
        index.as_secs_f64() * 1e3,
        index.as_secs_f64() / load.as_secs_f64()
    );
    println!(
        "Dashboard::build           {:>9.1} ms  ({:.3} × load)",
        dashboard.as_secs_f64() * 1e3,
        dashboard.as_secs_f64() / load.as_secs_f64()
    );
    let verdict = if insights < Duration::from_secs(1) { "under" } else { "OVER" };
    println!("insights {verdict} the 1 s target");
}
