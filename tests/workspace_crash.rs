//! Crash during save: a child process (this test binary, re-run as `child_saver`) saves a
//! large workspace over and over, alternating two versions and autosaving a recovery file
//! between saves; the parent kills it with SIGKILL at random moments. After every kill the
//! workspace file, its `.bak` and the recovery file (when present) must each load and equal
//! one of the two versions.
//!
//! `cargo test --test workspace_crash` kills 20 times during saves of 1,000 findings; the
//! ignored `kill_during_save_long` kills 250 times during saves of 4,000 findings
//! (`cargo test --release --test workspace_crash -- --ignored kill_during_save_long`), and
//! `IT_CRASH_KILLS=N` sets the count of the short one.

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod kill_common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use inspection_tracker::workspace::{self, Workspace, synthetic};

const CHILD_ENV: &str = "IT_CRASH_CHILD_WORKSPACE";
/// What the child prints when it starts saving (libtest may print on the same line).
const READY: &str = "crash-child-ready";

const SIZE_ENV: &str = "IT_CRASH_CHILD_REPORTS";

/// The two versions the child alternates between: `reports` reports of 100 findings
/// (40 reports make about 7 MB of RON).
fn versions(reports: usize) -> (Workspace, Workspace) {
    (synthetic::workspace(reports, 100, 1), synthetic::workspace(reports, 100, 2))
}

/// The child's loop. Does nothing unless the parent started it (it is `#[ignore]`d, and
/// the parent passes the workspace path in the environment).
#[test]
#[ignore = "run by the crash tests as a child process"]
fn child_saver() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let reports = std::env::var(SIZE_ENV).ok().and_then(|r| r.parse().ok()).unwrap_or(10);
    let (a, b) = versions(reports);
    println!("{READY}");
    // A safety stop in case the parent is gone; the parent kills the child long before.
    let started = Instant::now();
    for i in 0.. {
        if started.elapsed() > Duration::from_secs(120) {
            break;
        }
        let ws = if i % 2 == 0 { &b } else { &a };
        workspace::save_recovery(ws, &path).unwrap();
        workspace::save(ws, &path).unwrap();
    }
}

/// A tiny xorshift generator so the test needs no `rand`; the seed is printed.
fn check_file(path: &Path, a: &Workspace, b: &Workspace, what: &str, round: usize) {
    let loaded = workspace::load(path).unwrap_or_else(|e| panic!("round {round}: the {what} does not load: {e}"));
    assert!(&loaded == a || &loaded == b, "round {round}: the {what} is neither version");
}

fn kill_during_save(kills: usize, reports: usize) {
    let (a, b) = versions(reports);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let started = Instant::now();
    workspace::save(&a, &path).unwrap();
    // The delay before each kill is drawn from about two saves' worth of time, so kills
    // land in every phase: writing, syncing, backing up, renaming, autosaving.
    let window_us = (started.elapsed().as_micros() as u64 * 3).max(2_000);
    let killer = kill_common::Killer {
        child_test: "child_saver",
        env: vec![kill_common::path_env(CHILD_ENV, &path), (SIZE_ENV, reports.to_string())],
        ready: READY,
        window_us,
    };
    killer.run(kills, |round| {
        check_file(&path, &a, &b, "workspace file", round);
        let backup = workspace::backup_path(&path);
        if backup.exists() {
            check_file(&backup, &a, &b, "backup", round);
        }
        let recovery = workspace::recovery_path(&path);
        if recovery.exists() {
            check_file(&recovery, &a, &b, "recovery file", round);
        }
    });
    // Killed saves leave their temporary files behind (hidden, never read); that is all.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    for name in &names {
        assert!(
            ["big.ron", "big.ron.bak", "big.ron.recovery"].contains(&name.as_str()) || name.starts_with(".big.ron."),
            "unexpected file {name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn kill_during_save_short() {
    let kills = std::env::var("IT_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(20);
    kill_during_save(kills, 10);
}

#[cfg(unix)]
#[test]
#[ignore = "long: 250 kills; run with --ignored"]
fn kill_during_save_long() {
    kill_during_save(250, 40);
}
