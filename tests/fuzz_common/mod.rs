//! Shared by the `fuzz_*` tests: how many cases to run, and running one case on a worker
//! thread with a deadline so a hang fails the test instead of stalling it.
//!
//! Short runs are always on in `cargo test`; set `FUZZ_CASES` (e.g. `FUZZ_CASES=100000`)
//! for a long run, and `FUZZ_TIMEOUT_SECS` to change the per-case deadline (default 5 s).

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::sync::mpsc;
use std::time::Duration;

use proptest::test_runner::Config;

/// Cases per property: `FUZZ_CASES`, or `default` for the always-on short run.
pub fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// The deadline for one case.
pub fn deadline() -> Duration {
    let secs = std::env::var("FUZZ_TIMEOUT_SECS").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(5);
    Duration::from_secs(secs)
}

/// A proptest configuration with `cases(default)` cases. Failures are not persisted to
/// `proptest-regressions/`: each one found is kept by hand in `tests/regressions.rs`.
pub fn config(default: u32) -> Config {
    Config { cases: cases(default), failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() }
}

/// What went wrong running one case.
#[derive(Debug)]
pub enum Outcome<T> {
    /// It returned.
    Done(T),
    /// It panicked (the panic message is printed by the default hook).
    Panicked,
    /// It did not return within the deadline; the thread is left behind.
    Hung,
}

/// Runs `f` on its own thread and waits at most [`deadline`] for it.
pub fn run_bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Outcome<T> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("fuzz-case".into()).spawn(move || {
        let value = f();
        tx.send(value).ok();
    });
    let Ok(handle) = spawned else { return Outcome::Panicked };
    match rx.recv_timeout(deadline()) {
        Ok(value) => {
            handle.join().ok();
            Outcome::Done(value)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Panicked,
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hung,
    }
}

/// Runs `f` bounded and turns a panic or a hang into a proptest failure naming `what`.
macro_rules! bounded {
    ($what:expr, $f:expr) => {
        match crate::fuzz_common::run_bounded($f) {
            crate::fuzz_common::Outcome::Done(value) => value,
            crate::fuzz_common::Outcome::Panicked => {
                return Err(proptest::test_runner::TestCaseError::fail(format!("{} panicked", $what)));
            }
            crate::fuzz_common::Outcome::Hung => {
                return Err(proptest::test_runner::TestCaseError::fail(format!(
                    "{} did not return within {:?}",
                    $what,
                    crate::fuzz_common::deadline()
                )));
            }
        }
    };
}

/// Fragments of real Ofsted reports, as extraction leaves them: headings, numbered
/// paragraphs, running headers, bullets, dates, footnote markers, judgement lines.
pub const REPORT_FRAGMENTS: &[&str] = &[
    "What needs to improve?",
    "What needs to improve in this area of social work practice?",
    "Areas for priority action",
    "Areas for improvement",
    "Recommendations",
    "Overall effectiveness",
    "Inspection of Norfolk local authority children’s services",
    "Inspection dates: 7 to 18 November 2022",
    "Lead inspector: Jane Smith, His Majesty’s Inspector",
    "Focused visit to Southwark local authority children’s services",
    "Monitoring visit to Bradford children’s services",
    "Dear Mr Quirke-Thornton",
    "Yours sincerely",
    "13 November 2020",
    "between 29 September and 1 October 2020",
    "1. Children are seen often and their wishes are recorded.",
    "2. The quality of supervision is variable.",
    "12. Leaders have a clear understanding of the service.",
    "◼ The response to neglect.",
    "◼ The quality and impact of management oversight.",
    "• Timeliness of assessments for children in need.",
    "• Care leavers’ access to suitable accommodation.",
    "",
    "\u{c}",
    "Page 3 of 12",
    "7",
    "Inspection of Suffolk local authority children’s services 21 May 2019 4",
    "The experiences and progress of children who need help and protection: requires improvement to be good",
    "The impact of leaders on social work practice with children and families: good",
    "Overall effectiveness: inadequate",
    "Judgement Grade",
    "Children who need help and protection Good",
    "improve?1",
    "Board2,",
    "¹ Working together to safeguard children 2018",
    "3 Independent reviewing officers are appointed.",
    "semi-",
    "independent living",
    "care-",
    "experienced young people",
    "Contents ........ 2",
    "<p>",
    "</p>",
    "**Textphone** 0161 618 8524",
    "Ofsted Piccadilly Gate Store Street Manchester M1 2WD",
    "ﬁnancial ofﬁcers",
    "\u{a0}\u{2002}\u{200b}",
    "\u{f0b7} Private-use bullet",
    "Local authority: Norfolk",
    "Children’s services in Bolton are inadequate.",
];
