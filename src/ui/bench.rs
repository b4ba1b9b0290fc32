//! `--bench-ui`: measures the app's own work per frame (`TrackerApp::ui_impl`) headless,
//! with no window and no GPU: a generated workspace of many findings, a few hundred frames
//! in which a filter is typed, cleared, and the table scrolled; then the action plan view
//! of a workspace with as many findings and their actions (about 0.4 per finding), scrolled,
//! stepped through row by row (the detail pane showing each recommendation and action) and
//! edited (every edit rebuilds the plan's rows). The same input is run against the welcome
//! screen (an empty workspace) as a reference in the same process.

use std::time::{Duration, Instant};

use eframe::egui;

use super::app::TrackerApp;
use super::commands::{Command, SelectMode, UiCommand};
use super::state::MainView;
use super::testing;

/// Frame times of one run, in milliseconds.
#[derive(Clone, Debug)]
pub struct FrameStats {
    /// Median frame time.
    pub median_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// Slowest frame.
    pub max_ms: f64,
    /// Frames measured.
    pub frames: usize,
}

impl FrameStats {
    fn from(mut times: Vec<Duration>) -> Self {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |q: f64| times.get(((times.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default();
        Self { median_ms: ms(at(0.5)), p95_ms: ms(at(0.95)), max_ms: ms(at(1.0)), frames: times.len() }
    }
}

/// The phases of the scripted input.
const SEARCH: &str = "care leavers";

fn raw_input(frame: usize, events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, testing::TEST_SIZE)),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        events,
        ..Default::default()
    }
}

/// Runs one frame of `app` and returns the time spent in `ui_impl`.
fn timed_frame(ctx: &egui::Context, app: &mut TrackerApp, frame: usize, events: Vec<egui::Event>) -> Duration {
    let mut spent = Duration::ZERO;
    let mut output = ctx.run_ui(raw_input(frame, events), |ui| {
        let start = Instant::now();
        app.ui_impl(ui);
        spent = start.elapsed();
    });
    // No renderer takes the textures; debug builds assert that someone did.
    output.textures_delta.clear();
    spent
}

/// What one scripted run measured.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// Every frame.
    pub all: FrameStats,
    /// Frames while the filter is typed.
    pub typing: FrameStats,
    /// Frames while the table scrolls.
    pub scrolling: FrameStats,
    /// Rows the table showed once the filter was typed.
    pub rows_after_typing: usize,
}

/// Runs the scripted frames against `app` and returns the time spent in `ui_impl` per frame.
pub fn measure(app: &mut TrackerApp, frames: usize) -> Measurement {
    let ctx = egui::Context::default();
    testing::setup_context(&ctx);
    let mut times = Vec::with_capacity(frames);
    let mut typing = Vec::new();
    let mut scrolling = Vec::new();
    let mut rows_after_typing = 0;
    let warm_up = 20;
    let centre = egui::pos2(testing::TEST_SIZE.x * 0.45, testing::TEST_SIZE.y * 0.6);
    let search_chars: Vec<char> = SEARCH.chars().collect();
    for frame in 0..frames + warm_up {
        let phase = frame.saturating_sub(warm_up);
        let mut events = Vec::new();
        if frame == warm_up {
            app.queue_command(Command::Ui(UiCommand::Find));
        }
        // Type the filter one character every 4 frames, then clear it, then scroll.
        let typing_end = search_chars.len() * 4;
        if frame >= warm_up + 2
            && phase < typing_end
            && phase % 4 == 0
            && let Some(c) = search_chars.get(phase / 4)
        {
            events.push(egui::Event::Text(c.to_string()));
        }
        if phase == typing_end + 9 {
            rows_after_typing = app.table().shown_count();
        }
        if phase == typing_end + 10 {
            app.queue_command(Command::Ui(UiCommand::ClearFilters));
            if let Some(first) = app.table().shown(0).map(|r| r.target.clone()) {
                app.queue_command(Command::Select { target: first, mode: SelectMode::Replace });
            }
        }
        if phase > typing_end + 12 {
            events.extend(wheel(centre));
        }
        let spent = timed_frame(&ctx, app, frame, events);
        if frame >= warm_up {
            times.push(spent);
            if phase < typing_end + 4 {
                typing.push(spent);
            } else if phase > typing_end + 12 {
                scrolling.push(spent);
            }
        }
    }
    Measurement {
        all: FrameStats::from(times),
        typing: FrameStats::from(typing),
        scrolling: FrameStats::from(scrolling),
        rows_after_typing,
    }
}

/// What the scripted run of the action plan view measured.
#[derive(Clone, Debug)]
pub struct PlanMeasurement {
    /// Every frame.
    pub all: FrameStats,
    /// Frames while the plan scrolls.
    pub scrolling: FrameStats,
    /// Frames while Down selects the next row, one a frame.
    pub stepping: FrameStats,
    /// Frames in which an action was changed (and the rows rebuilt), and the frame after.
    pub editing: FrameStats,
    /// Actions in the workspace.
    pub actions: usize,
}

fn wheel(centre: egui::Pos2) -> [egui::Event; 2] {
    [
        egui::Event::PointerMoved(centre),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        },
    ]
}

fn key(key: egui::Key) -> egui::Event {
    egui::Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers: egui::Modifiers::NONE }
}

/// Runs scripted frames against the action plan view of `app` (a third scrolling, a third
/// stepping down row by row, a third changing an action every fourth frame).
pub fn measure_plan(app: &mut TrackerApp, frames: usize) -> PlanMeasurement {
    use crate::model::Status;
    use crate::workspace::ActionChange;
    let ctx = egui::Context::default();
    testing::setup_context(&ctx);
    let actions = app.workspace().reports.iter().map(|r| r.actions.len()).sum();
    let warm_up = 20;
    let centre = egui::pos2(testing::TEST_SIZE.x * 0.45, testing::TEST_SIZE.y * 0.6);
    let third = frames / 3;
    let (mut all, mut scrolling, mut stepping, mut editing) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    app.queue_command(Command::Ui(UiCommand::ShowActionPlan));
    let first_action = app
        .workspace()
        .reports
        .iter()
        .find_map(|r| r.actions.first().map(|a| crate::workspace::query::ActionRef::of(r, a)));
    let mut edited_last = false;
    for frame in 0..frames + warm_up {
        let phase = frame.saturating_sub(warm_up);
        let mut events = Vec::new();
        let mut edited = false;
        if frame >= warm_up {
            if phase < third {
                events.extend(wheel(centre));
            } else if phase < 2 * third {
                events.push(key(egui::Key::ArrowDown));
            } else if phase % 4 == 0
                && let Some(action) = app.plan_selection.focus.clone().or_else(|| first_action.clone())
            {
                let status = Status::ALL[phase / 4 % 5];
                let change = ActionChange::Status { status, cancel_reason: None };
                app.queue_command(Command::SetActions { actions: vec![action], change });
                edited = true;
            }
        }
        let spent = timed_frame(&ctx, app, frame, events);
        if frame >= warm_up {
            all.push(spent);
            if phase < third {
                scrolling.push(spent);
            } else if phase < 2 * third {
                stepping.push(spent);
            } else if edited || edited_last {
                // The edit runs at the end of its frame; the next frame rebuilds the rows.
                editing.push(spent);
            }
        }
        edited_last = edited;
    }
    PlanMeasurement {
        all: FrameStats::from(all),
        scrolling: FrameStats::from(scrolling),
        stepping: FrameStats::from(stepping),
        editing: FrameStats::from(editing),
        actions,
    }
}

/// What the scripted run of one view across reports measured.
#[derive(Clone, Debug)]
pub struct ViewMeasurement {
    /// Every frame after the view first showed (its figures were computed in the warm-up).
    pub all: FrameStats,
    /// Frames while the view scrolls.
    pub scrolling: FrameStats,
}

/// Shows `view` (with `before`, e.g. the authority to show, queued first), lets it
/// compute its figures during the warm-up, then measures frames: half still, half
/// scrolling down the view.
pub fn measure_view(app: &mut TrackerApp, before: Option<Command>, view: MainView, frames: usize) -> ViewMeasurement {
    let ctx = egui::Context::default();
    testing::setup_context(&ctx);
    let warm_up = 20;
    let centre = egui::pos2(testing::TEST_SIZE.x * 0.45, testing::TEST_SIZE.y * 0.6);
    if let Some(command) = before {
        app.queue_command(command);
    }
    app.queue_command(Command::ShowView(view));
    let (mut all, mut scrolling) = (Vec::new(), Vec::new());
    for frame in 0..frames + warm_up {
        let phase = frame.saturating_sub(warm_up);
        let mut events = Vec::new();
        let scrolls = frame >= warm_up && phase >= frames / 2;
        if scrolls {
            events.extend(wheel(centre));
        }
        let spent = timed_frame(&ctx, app, frame, events);
        if frame >= warm_up {
            all.push(spent);
            if scrolls {
                scrolling.push(spent);
            }
        }
    }
    ViewMeasurement { all: FrameStats::from(all), scrolling: FrameStats::from(scrolling) }
}

/// Ties the reports of a generated workspace to real authorities, so the council history
/// and the national table have something to show: report `i` goes to the `i % 150`th
/// authority of the registry, every third is a focused visit, the rest full inspections
/// with an overall grade, a year apart.
fn with_authorities(mut ws: crate::workspace::Workspace) -> crate::workspace::Workspace {
    use crate::model::{AuthorityCode, Grade, Registry, ReportKind};
    let codes: Vec<AuthorityCode> =
        Registry::builtin().authorities().iter().take(150).map(|a| a.code.clone()).collect();
    let grades = [Grade::Good, Grade::RequiresImprovement, Grade::Inadequate, Grade::Outstanding];
    for (i, report) in ws.reports.iter_mut().enumerate() {
        let Some(code) = codes.get(i % codes.len().max(1)) else { break };
        report.meta.authority = Some(code.clone());
        report.meta.kind = if i % 3 == 2 { ReportKind::FocusedVisit } else { ReportKind::FullInspection };
        report.meta.visit_end = crate::model::Date::from_ymd_opt(2015 + (i % 11) as i32, 1 + (i % 12) as u32, 10);
        report.meta.overall_judgement = (report.meta.kind == ReportKind::FullInspection).then(|| grades[i % 4]);
    }
    ws
}

/// Runs the benchmark and prints the figures; what `--bench-ui` does.
pub fn run_cli(findings: usize, frames: usize) {
    let build = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "bench-ui: {findings} findings, {frames} frames, {build} build, window {}x{}",
        testing::TEST_SIZE.x,
        testing::TEST_SIZE.y
    );
    let mut reference = testing::test_app(crate::workspace::Workspace::new(testing::test_taxonomy()));
    let reference_stats = measure(&mut reference, frames);
    let mut app = testing::test_app(testing::generated_workspace(findings));
    let started = Instant::now();
    let stats = measure(&mut app, frames);
    let wall = started.elapsed();
    let row = |name: &str, s: &FrameStats| {
        println!(
            "{name:<34} median {:>6.3} ms   p95 {:>6.3} ms   max {:>6.3} ms   ({} frames)",
            s.median_ms, s.p95_ms, s.max_ms, s.frames
        );
    };
    row("app, all frames:", &stats.all);
    row("app, typing the filter:", &stats.typing);
    row("app, scrolling the table:", &stats.scrolling);
    row("reference, welcome screen:", &reference_stats.all);
    println!(
        "rows after typing {SEARCH:?}: {} of {}; wall time {:.2} s",
        stats.rows_after_typing,
        app.table().total_count(),
        wall.as_secs_f64()
    );
    let verdict = if stats.all.p95_ms < 4.0 { "within" } else { "OVER" };
    println!("target: app p95 under 4 ms per frame -> {verdict}");

    // The same number of findings with actions, as `workspace::synthetic` makes them.
    let per_report = 200;
    let plan_ws = crate::workspace::synthetic::workspace(findings.div_ceil(per_report), per_report, 11);
    let mut plan_app = testing::test_app(plan_ws);
    let plan = measure_plan(&mut plan_app, frames);
    println!("action plan: {} findings, {} actions", plan_app.workspace().finding_count(), plan.actions);
    row("plan, all frames:", &plan.all);
    row("plan, scrolling:", &plan.scrolling);
    row("plan, stepping row by row:", &plan.stepping);
    row("plan, an edit and the next frame:", &plan.editing);
    let verdict = if plan.all.p95_ms < 4.0 { "within" } else { "OVER" };
    println!("target: plan p95 under 4 ms per frame -> {verdict}");

    // The views across reports, on the same workspace with its reports tied to authorities.
    let mut views_app = testing::test_app(with_authorities(plan_app.workspace().clone()));
    let busiest = crate::insights::Insights::build(views_app.workspace())
        .authorities
        .iter()
        .max_by_key(|a| a.reports.len())
        .map(|a| a.code().0.clone());
    println!(
        "views across reports (reference: the welcome screen, median {:.3} ms, p95 {:.3} ms):",
        reference_stats.all.median_ms, reference_stats.all.p95_ms
    );
    let ratio = |s: &FrameStats| {
        let r = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        format!(
            "{:.1}x / {:.1}x",
            r(s.median_ms, reference_stats.all.median_ms),
            r(s.p95_ms, reference_stats.all.p95_ms)
        )
    };
    let mut over = false;
    for (name, before, view) in [
        ("dashboard", None, MainView::Dashboard),
        ("council history", busiest.map(Command::ShowAuthority), MainView::Authority),
        ("national table", None, MainView::National),
    ] {
        let m = measure_view(&mut views_app, before, view, frames);
        row(&format!("{name}, all frames:"), &m.all);
        row(&format!("{name}, scrolling:"), &m.scrolling);
        println!("{:<34} median/p95 against the reference: {}", "", ratio(&m.all));
        over |= m.all.p95_ms >= 4.0;
    }
    let verdict = if over { "OVER" } else { "within" };
    println!("target: each view's p95 under 4 ms per frame -> {verdict}");
}
