//! Shared-workspace benchmarks (issue 12) at 50,000 findings (500 reports of 100, from
//! `workspace::synthetic`):
//!
//! - merging two workspaces that differ in 1,000 annotations (500 changed on each side,
//!   three-way; and the same pair two-way, without the base): target under 1 s;
//! - what the save-time check costs: target under 50 ms added to a 50,000-finding save.
//!   Measured two ways in one run, each against the plain `io::save` of the same workspace:
//!   the check alone (taking the save lock and `FileHash::of_file` of the unchanged file:
//!   all that `save_guarded` adds before it writes), which is steady from run to run; and whole
//!   `io::save_guarded` saves onto a file that is still the base version, run in turns with
//!   plain saves, so each difference pairs two neighbouring saves (a second of saving on a
//!   busy machine moves by more than the check costs, so a difference of medians is noise).
//!   `save_guarded` runs the check beside the serialising, so on a machine with a free core
//!   it adds less than the check alone. Third, the processor time of all the process's
//!   threads over the same saves (Linux), which other programs on the machine hardly move.
//!
//! Run with `cargo bench --no-default-features --bench shared`. Each figure is the median
//! of several runs; the ratios are printed so a slower or faster machine reads the same.

use std::time::{Duration, Instant};

use inspection_tracker::workspace::io::{self, Base, OnConflict};
use inspection_tracker::workspace::merge::{Choices, merge};
use inspection_tracker::workspace::{Edit, FindingRef, Workspace, synthetic};

const REPORTS: usize = 500;
const PER_REPORT: usize = 100;
const RUNS: usize = 7;
/// Pairs of a plain and a guarded save.
const PAIRS: usize = 10;

/// The processor time this process has used, all threads, from `/proc/self/stat` (Linux;
/// zero elsewhere), in units of `1 / ticks` seconds.
fn cpu_time(ticks: f64) -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return Duration::ZERO };
    // After the command name in brackets: state, then utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    if ticks <= 0.0 {
        return Duration::ZERO;
    }
    Duration::from_secs_f64((tick(11) + tick(12)) / ticks)
}

/// Clock ticks a second, as `getconf CLK_TCK` says (0 when it cannot be asked).
fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(0.0)
}

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
    let mut saves = Vec::new();
    let mut guarded_saves = Vec::new();
    let mut added = Vec::new();
    let mut checks = Vec::new();
    let ticks = clock_ticks();
    let (mut plain_cpu, mut guarded_cpu) = (Duration::ZERO, Duration::ZERO);
    let plain = |cpu: &mut Duration| {
        let (started, cpu_before) = (Instant::now(), cpu_time(ticks));
        io::save(&ours, &path).expect("saves");
        *cpu += cpu_time(ticks).saturating_sub(cpu_before);
        started.elapsed()
    };
    let guarded = |hash: &mut io::FileHash, cpu: &mut Duration| {
        let (started, cpu_before) = (Instant::now(), cpu_time(ticks));
        let base = Base { hash: Some(*hash), workspace: &ours };
        match io::save_guarded(&ours, &path, Some(base), OnConflict::Ask, "bench", synthetic::test_now()) {
            Ok(io::SaveOutcome::Written { hash: new }) => *hash = new,
            other => panic!("the file was unchanged, so the save should write: {other:?}"),
        }
        *cpu += cpu_time(ticks).saturating_sub(cpu_before);
        started.elapsed()
    };
    for run in 0..PAIRS {
        // Each save writes the same bytes, so the file stays the base version. The two
        // take turns at going first, so a machine growing busier favours neither.
        let (save, with_check) = if run % 2 == 0 {
            let save = plain(&mut plain_cpu);
            (save, guarded(&mut hash, &mut guarded_cpu))
        } else {
            let with_check = guarded(&mut hash, &mut guarded_cpu);
            (plain(&mut plain_cpu), with_check)
        };
        let started = Instant::now();
        let lock = io::lock::SaveLock::acquire(&path, "bench", synthetic::test_now(), io::lock::SAVE_LOCK_WAIT)
            .expect("the lock is free");
        let on_disk = io::FileHash::of_file(&path, Some(hash)).expect("reads");
        drop(lock);
        checks.push(started.elapsed());
        assert_eq!(on_disk, Some(hash));
        added.push(with_check.as_secs_f64() - save.as_secs_f64());
        saves.push(save);
        guarded_saves.push(with_check);
    }
    let (save, guarded, check) = (median(saves), median(guarded_saves), median(checks));
    added.sort_by(f64::total_cmp);
    let quartiles = (added[added.len() / 4], added[added.len() * 3 / 4]);
    let added = added[added.len() / 2];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "save of {:.0} MB: plain {:.0} ms; the check alone (lock and hash) {:.1} ms = {:.3} of the save; target < 50 ms",
        size as f64 / 1e6,
        ms(save),
        ms(check),
        check.as_secs_f64() / save.as_secs_f64(),
    );
    println!(
        "guarded save {:.0} ms; paired with its plain save, it adds {:+.0} ms (median of {PAIRS} pairs; quartiles {:+.0} and {:+.0} ms) = {:+.3} of the save",
        ms(guarded),
        added * 1e3,
        quartiles.0 * 1e3,
        quartiles.1 * 1e3,
        added / save.as_secs_f64(),
    );
    // Processor time is what the check costs whatever else the machine runs (the wall
    // time of a save on a shared machine moves by more than the check takes).
    let per_save = |total: Duration| total.as_secs_f64() * 1e3 / PAIRS as f64;
    if ticks > 0.0 {
        println!(
            "processor time a save (all threads): plain {:.0} ms, guarded {:.0} ms: the check adds {:+.0} ms = {:+.3} of the save",
            per_save(plain_cpu),
            per_save(guarded_cpu),
            per_save(guarded_cpu) - per_save(plain_cpu),
            (per_save(guarded_cpu) - per_save(plain_cpu)) / per_save(plain_cpu),
        );
    }
    let bytes = std::fs::read(&path).expect("reads");
    let hashing = time(RUNS, || {
        std::hint::black_box(io::FileHash::of(&bytes));
    });
    println!("the hash of the file in memory alone: {:.1} ms", ms(hashing));
}
