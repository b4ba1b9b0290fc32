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
        let mut spent = Duration::ZERO;
        let output = ctx.run_ui(raw_input(frame, events), |ui| {
            let start = Instant::now();
            app.ui_impl(ui);
            spent = start.elapsed();
        });
        drop(output);
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
        let mut spent = Duration::ZERO;
        let output = ctx.run_ui(raw_input(frame, events), |ui| {
            let start = Instant::now();
            app.ui_impl(ui);
            spent = start.elapsed();
        });
        drop(output);
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
}
