//! The desktop window (egui/eframe): a thin layer over the domain. Panels report what the
//! user asked for as commands; the app applies them, through workspace `Edit`s, in one place.
//! Nothing outside this module uses egui.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod commands;
pub mod dialogs;
pub mod document;
pub mod jobs;
pub mod palette;
pub mod panels;
pub mod samples;
pub mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

use app::{AppOptions, Clock, TrackerApp};
use state::UiState;

/// The app id: the window class on Linux and the name of the folder eframe keeps its
/// storage in.
pub const APP_ID: &str = "inspection-tracker";

/// Opens the window with these report or workspace files.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("inspection-tracker")
            .with_app_id(APP_ID)
            .with_inner_size([1600.0, 980.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        // glow renders ~5x faster than wgpu under software rendering (notes/stack.md §2).
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let state: UiState = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
            let workspace = crate::workspace::Workspace::new(app::default_taxonomy());
            let mut app = TrackerApp::new(workspace, state, AppOptions::default(), Clock::System);
            app.start(files);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}
