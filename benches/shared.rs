//! Shared-workspace benchmarks (issue 12) at 50,000 findings (500 reports of 100, from
//! `workspace::synthetic`):
//!
//! - merging two workspaces that differ in 1,000 annotations (500 changed on each side,
//!   three-way; and the same pair two-way, without the base): target under 1 s;
//! - what the save-time check costs: `io::save` against `io::save_guarded` of the same
//!   workspace onto a file that is still the base version (lock, read and hash the file
//!   on disk, write, hash what was written): target under 50 ms more than the save.
//!
//! Run with `cargo bench --no-default-features --bench shared`. Each figure is the median
//! of several runs; the ratio is printed so a slower or faster machine reads the same.

use std::time::{Duration, Instant};

use inspection_tracker::workspace::io::{self, Base, OnConflict};
use inspection_tracker::workspace::merge::{Choices, merge};
use inspection_tracker::workspace::{Edit, FindingRef, Workspace, synthetic};

const REPORTS: usize = 500;
const PER_REPORT: usize = 100;
const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed()
            })
            .collect(),
    )
}

/// `base` with `count` annotations changed, on findings picked by `offset` (so two sides
/// change different findings).
fn changed(base: &Workspace, count: usize, offset: usize, who: &str) -> Workspace {
    let mut ws = base.clone();
    let now = synthetic::test_now();
    for i in 0..count {
        let r = (i * 7 + offset) % REPORTS;
        let f = (i * 13 + offset * 3) % PER_REPORT;
        let report = &base.reports[r];
        let target = FindingRef { report: report.id.clone(), finding: report.findings[f].id.clone() };
        let edit = Edit::SetOwner { target, owner: Some(format!("{who} {i}")) };
        ws.apply(edit, now).expect("the finding exists");
    }
    ws
}

fn main() {
    let base = synthetic::workspace(REPORTS, PER_REPORT, 42);
    let ours = changed(&base, 500, 0, "Ours");
    let theirs = changed(&base, 500, 1, "Theirs");
    let three_way = time(RUNS, || {
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
        std::hint::black_box(merged);
    });
    let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
    let two_way = time(RUNS, || {
        std::hint::black_box(merge(None, &ours, &theirs, &Choices::default()));
    });
    let two_way_conflicts = merge(None, &ours, &theirs, &Choices::default()).conflicts.len();
    println!(
        "merge of two 50,000-finding workspaces differing in 1,000 annotations: three-way {:.0} ms ({} fields came in, {} conflicts); two-way {:.0} ms ({} conflicts); target < 1000 ms",
        three_way.as_secs_f64() * 1e3,
        merged.incoming.fields.len(),
        merged.conflicts.len(),
        two_way.as_secs_f64() * 1e3,
        two_way_conflicts,
    );

    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("shared.ron");
    io::save(&ours, &path).expect("saves");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut hash = io::load_with_warnings(&path).expect("loads").file_hash;
    // Alternate the two, so each run measures a save of the same size.
    let save = time(RUNS, || io::save(&ours, &path).expect("saves"));
    io::save(&ours, &path).expect("saves");
    let guarded = time(RUNS, || {
        let base = Base { hash: Some(hash), workspace: &ours };
        match io::save_guarded(&ours, &path, Some(base), OnConflict::Ask, "bench", synthetic::test_now()) {
            Ok(io::SaveOutcome::Written { hash: new }) => hash = new,
            other => panic!("the file was unchanged, so the save should write: {other:?}"),
        }
    });
    let added = guarded.as_secs_f64() - save.as_secs_f64();
    println!(
        "save of {:.0} MB: plain {:.0} ms, with the check {:.0} ms: the check adds {:.0} ms ({:+.1}%); target < 50 ms",
        size as f64 / 1e6,
        save.as_secs_f64() * 1e3,
        guarded.as_secs_f64() * 1e3,
        added * 1e3,
        added / save.as_secs_f64() * 100.0,
    );
    let bytes = std::fs::read(&path).expect("reads");
    let hashing = time(RUNS, || {
        std::hint::black_box(io::FileHash::of(&bytes));
    });
    println!("SHA-256 of the file alone: {:.0} ms", hashing.as_secs_f64() * 1e3);
}
