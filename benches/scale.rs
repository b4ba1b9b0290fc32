//! Scale benchmarks: workspaces of 1,000, 10,000 and 50,000 findings across 500 reports
//! from the shared test-data generator (`workspace::synthetic::workspace`: report-like text
//! of a few hundred characters per finding, about a third annotated), timing load, save,
//! the findings table's own filter and sort (`workspace::query::TableModel`), and XLSX
//! export; plus the resident memory after loading, measured
//! in a fresh child process per size so the figures do not mix.
//!
//! The generated workspaces carry action plans (about 0.4 actions per finding: 20,000 at
//! 50,000 findings). Before the timings, a table gives load and save at 50,000 findings as
//! ratios to serde_json reading and writing the same workspace in the same run.
//!
//! Run with `cargo bench --no-default-features --bench scale`. Targets on a 2-core
//! machine at 50,000 findings with 20,000 actions: load < 1 s, save < 0.5 s, filter
//! keystroke < 16 ms, resident memory < 400 MB, cost linear in the number of findings.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use inspection_tracker::export::{ActionSummary, ExportOptions, render_xlsx};
use inspection_tracker::workspace::query::{Filter, Sort, SortColumn, TableModel};
use inspection_tracker::workspace::{Workspace, io, synthetic};

/// Workspace sizes, in findings.
const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
/// Reports per workspace, whatever its size.
const REPORTS: usize = 500;
/// The generator's seed: every run benches the same workspaces.
const SEED: u64 = 42;
/// What the user types in the search box.
const QUERY: &str = "care leav";

/// Set in the child process that measures memory: the workspace file to load.
const RSS_CHILD_ENV: &str = "SCALE_BENCH_RSS_FILE";

/// One size's workspace and its file on disk.
struct Fixture {
    workspace: Workspace,
    path: PathBuf,
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
        let workspace = synthetic::workspace(REPORTS, n / REPORTS, SEED);
        let path = temp_dir().join(format!("workspace-{n}.ron"));
        io::save(&workspace, &path).expect("the generated workspace saves");
        Fixture { workspace, path }
    })
}

/// The findings table's model after `filter` and `sort`, as the window keeps it between
/// frames (same structure and revision throughout, so only the filter or sort changes).
fn table(ws: &Workspace, filter: &Filter, sort: Sort) -> TableModel {
    let mut model = TableModel::default();
    model.refresh(ws, 1, 1, filter, sort, synthetic::test_today());
    model
}

fn search(text: &str) -> Filter {
    Filter { text: text.to_owned(), ..Filter::default() }
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

/// The table built from nothing and filtered: what a new or re-imported workspace costs
/// (`TableModel::refresh` lowercases every finding's text and annotation, then filters).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn filter_from_scratch(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let filter = search(QUERY);
    bencher.bench(|| table(&fx.workspace, &filter, Sort::default()).shown_count());
}

/// A keystroke that adds a letter: the table narrows the rows it already shows.
/// The table inside the whole frame is measured by `inspection-tracker --bench-ui 50000`.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn filter_keystroke(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let shorter = &QUERY[..QUERY.len() - 1];
    let filter = search(QUERY);
    bencher.with_inputs(|| table(&fx.workspace, &search(shorter), Sort::default())).bench_local_refs(|model| {
        model.refresh(&fx.workspace, 1, 1, &filter, Sort::default(), synthetic::test_today());
        model.shown_count()
    });
}

/// A keystroke that deletes a letter: the table filters every row again.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn filter_backspace(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let shorter = search(&QUERY[..QUERY.len() - 1]);
    bencher.with_inputs(|| table(&fx.workspace, &search(QUERY), Sort::default())).bench_local_refs(|model| {
        model.refresh(&fx.workspace, 1, 1, &shorter, Sort::default(), synthetic::test_today());
        model.shown_count()
    });
}

/// A click on a column header: every row filtered again and sorted on `column`.
fn sort_on(bencher: divan::Bencher<'_, '_>, n: usize, column: SortColumn) {
    let fx = fixture(n);
    let sort = Sort { column, descending: false };
    bencher.with_inputs(|| table(&fx.workspace, &Filter::default(), Sort::default())).bench_local_refs(|model| {
        model.refresh(&fx.workspace, 1, 1, &Filter::default(), sort, synthetic::test_today());
        model.shown_count()
    });
}

/// Every finding in due-date order (no date last), then report order.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn sort_by_due_date(bencher: divan::Bencher<'_, '_>, n: usize) {
    sort_on(bencher, n, SortColumn::Due);
}

/// Every finding in order of its effective category's label, then report order.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn sort_by_category(bencher: divan::Bencher<'_, '_>, n: usize) {
    sort_on(bencher, n, SortColumn::Category);
}

/// The action summary of every finding, rendered as an XLSX workbook in memory.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn export_xlsx_all_findings(bencher: divan::Bencher<'_, '_>, n: usize) {
    let fx = fixture(n);
    let options = ExportOptions { all_findings: true, ..Default::default() };
    let today = synthetic::test_today();
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

/// The median of `runs` timings of `f`, in seconds.
fn median_secs(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Load and save of the largest workspace against a reference measured in the same run on
/// the same data: serde_json reading and writing the same workspace (a fast, well-known
/// serialiser, so the ratio says how far RON's reading and writing are from it whatever
/// the machine is doing), with the absolute times against the targets beside them.
fn ratio_table() {
    let n = SIZES[SIZES.len() - 1];
    let fx = fixture(n);
    let actions: usize = fx.workspace.reports.iter().map(|r| r.actions.len()).sum();
    let json = serde_json::to_string(&fx.workspace).expect("serialises as JSON");
    let json_path = temp_dir().join("reference.json");
    let saved = temp_dir().join("ratio-saved.ron");
    let load = median_secs(5, || drop(io::load(&fx.path).expect("loads")));
    let json_read = median_secs(5, || {
        let text = std::fs::read_to_string(&fx.path).expect("reads");
        drop(text);
        drop(serde_json::from_str::<Workspace>(&json).expect("parses"));
    });
    let save = median_secs(5, || io::save(&fx.workspace, &saved).expect("saves"));
    let json_write = median_secs(5, || {
        let text = serde_json::to_string(&fx.workspace).expect("serialises");
        std::fs::write(&json_path, text).expect("writes");
    });
    println!("load and save of {n} findings with {actions} actions, against serde_json on the same workspace");
    println!("{:>6} {:>10} {:>14} {:>7} {:>9}", "", "RON s", "reference s", "ratio", "target s");
    println!("{:>6} {load:>10.3} {json_read:>14.3} {:>7.2} {:>9}", "load", load / json_read, "< 1.0");
    println!("{:>6} {save:>10.3} {json_write:>14.3} {:>7.2} {:>9}", "save", save / json_write, "< 0.5");
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
        ratio_table();
    }
    divan::main();
}
