//! Benchmarks of export: building the action summary of a 10,000-finding workspace, and
//! rendering it to XLSX (the "Action plan" sheet holding all 10,000 findings, plus the
//! "Summary" and "Findings" sheets), CSV and HTML. Target: under 2 s for the XLSX.
//!
//! Run with `cargo bench --no-default-features --bench export`.

use std::sync::LazyLock;

use inspection_tracker::export::{ActionSummary, ExportOptions, render_csv, render_html, render_xlsx};
use inspection_tracker::model::Date;
use inspection_tracker::workspace::{Workspace, synthetic};

fn main() {
    divan::main();
}

const REPORTS: usize = 20;
const FINDINGS_PER_REPORT: usize = 500;

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid date")
}

/// 20 full inspections of 500 findings each from the shared generator, about a third annotated.
static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| synthetic::workspace(REPORTS, FINDINGS_PER_REPORT, 1));
static ALL: LazyLock<ExportOptions> = LazyLock::new(|| ExportOptions { all_findings: true, ..Default::default() });
static SUMMARY: LazyLock<ActionSummary> =
    LazyLock::new(|| ActionSummary::build(&WORKSPACE, &ALL, date(2025, 6, 1), "bench"));

/// Summary of 10,000 findings.
#[divan::bench(sample_count = 10)]
fn build_summary() -> ActionSummary {
    ActionSummary::build(divan::black_box(&WORKSPACE), &ALL, date(2025, 6, 1), "bench")
}

/// The whole XLSX export of 10,000 findings: build the summary, then the workbook.
#[divan::bench(sample_count = 10)]
fn xlsx_10k_findings() -> usize {
    let summary = ActionSummary::build(divan::black_box(&WORKSPACE), &ALL, date(2025, 6, 1), "bench");
    render_xlsx(&summary).map(|b| b.len()).unwrap_or(0)
}

/// CSV of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn csv_10k_findings() -> usize {
    render_csv(divan::black_box(&SUMMARY), &ALL).map(|s| s.len()).unwrap_or(0)
}

/// HTML of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn html_10k_findings() -> usize {
    render_html(divan::black_box(&SUMMARY)).len()
}
