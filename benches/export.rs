//! Benchmarks of export, at 10,000 findings (20 reports of 500, about 4,000 actions) and
//! at 50,000 (20 reports of 2,500, about 20,000 actions), from the shared generator:
//! building the action summary, and rendering it to XLSX (the "Action plan" sheet with a
//! row per recommendation and per action, plus the "Summary" and "Findings" sheets), CSV,
//! HTML and the Word board paper. Target: under 2 s for the XLSX of 10,000 findings, so
//! about 10 s at 50,000 if time grows with the rows.
//!
//! Run with `cargo bench --no-default-features --bench export`.

use std::sync::LazyLock;

use inspection_tracker::export::{ActionSummary, ExportOptions, render_csv, render_docx, render_html, render_xlsx};
use inspection_tracker::model::Date;
use inspection_tracker::workspace::{Workspace, synthetic};

fn main() {
    divan::main();
}

const REPORTS: usize = 20;

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid date")
}

fn today() -> Date {
    date(2025, 6, 1)
}

/// 20 full inspections of 500 findings each, about a third annotated.
static WORKSPACE_10K: LazyLock<Workspace> = LazyLock::new(|| synthetic::workspace(REPORTS, 500, 1));
/// 20 full inspections of 2,500 findings each: 50,000 findings, about 20,000 actions.
static WORKSPACE_50K: LazyLock<Workspace> = LazyLock::new(|| synthetic::workspace(REPORTS, 2_500, 1));
static ALL: LazyLock<ExportOptions> = LazyLock::new(|| ExportOptions { all_findings: true, ..Default::default() });
static SUMMARY_10K: LazyLock<ActionSummary> =
    LazyLock::new(|| ActionSummary::build(&WORKSPACE_10K, &ALL, today(), "bench"));
/// The 50,000-finding summary with the default options: the plan (every recommendation
/// and priority action with its actions, and the annotated findings), as a board exports it.
static SUMMARY_50K: LazyLock<ActionSummary> = LazyLock::new(|| {
    let summary = ActionSummary::build(&WORKSPACE_50K, &ExportOptions::default(), today(), "bench");
    let actions: usize = summary.items.iter().map(|i| i.actions.len()).sum();
    eprintln!("50k summary: {} items, {actions} actions", summary.items.len());
    summary
});

/// Summary of 10,000 findings.
#[divan::bench(sample_count = 10)]
fn build_summary_10k() -> ActionSummary {
    ActionSummary::build(divan::black_box(&WORKSPACE_10K), &ALL, today(), "bench")
}

/// The whole XLSX export of 10,000 findings: build the summary, then the workbook.
#[divan::bench(sample_count = 10)]
fn xlsx_10k_findings() -> usize {
    let summary = ActionSummary::build(divan::black_box(&WORKSPACE_10K), &ALL, today(), "bench");
    render_xlsx(&summary).map(|b| b.len()).unwrap_or(0)
}

/// CSV of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn csv_10k_findings() -> usize {
    render_csv(divan::black_box(&SUMMARY_10K), &ALL).map(|s| s.len()).unwrap_or(0)
}

/// HTML of 10,000 findings (summary already built).
#[divan::bench(sample_count = 10)]
fn html_10k_findings() -> usize {
    render_html(divan::black_box(&SUMMARY_10K)).len()
}

/// Summary of 50,000 findings with their actions, references and "since" lists.
#[divan::bench(sample_count = 3)]
fn build_summary_50k() -> ActionSummary {
    ActionSummary::build(divan::black_box(&WORKSPACE_50K), &ExportOptions::default(), today(), "bench")
}

/// The whole XLSX export of 50,000 findings: summary, then the plan rows (recommendations
/// and ~20,000 actions), the summary sheet and the 50,000-row findings sheet.
#[divan::bench(sample_count = 3)]
fn xlsx_50k_findings() -> usize {
    let summary = ActionSummary::build(divan::black_box(&WORKSPACE_50K), &ExportOptions::default(), today(), "bench");
    render_xlsx(&summary).map(|b| b.len()).unwrap_or(0)
}

/// CSV of the 50,000-finding plan with its actions (summary already built).
#[divan::bench(sample_count = 3)]
fn csv_50k_plan() -> usize {
    render_csv(divan::black_box(&SUMMARY_50K), &ExportOptions::default()).map(|s| s.len()).unwrap_or(0)
}

/// The Word board paper of the 50,000-finding plan (summary already built).
#[divan::bench(sample_count = 3)]
fn docx_50k_plan() -> usize {
    render_docx(divan::black_box(&SUMMARY_50K)).map(|b| b.len()).unwrap_or(0)
}
