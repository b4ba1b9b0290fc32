//! Test support for the window: an app with a fixed date, fixed theme and no disk access.
//! The workspaces it is tested on come from [`crate::workspace::synthetic`] (re-exported
//! here). Used by `tests/ui_app.rs` and `--bench-ui`; built only for tests and with the
//! `testing` feature.

use eframe::egui;

use crate::workspace::Workspace;
pub use crate::workspace::synthetic::{generated_workspace, small_workspace, test_now, test_taxonomy, test_today};

use super::app::{AppOptions, Clock, TrackerApp};
use super::state::UiState;
use super::theme::{self, ThemeChoice};

/// The window size tests use.
pub const TEST_SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// An app for tests: fixed clock, light theme, no disk (no autosave, samples from memory),
/// no native dialogs, imports on the calling thread.
pub fn test_app(workspace: Workspace) -> TrackerApp {
    let state = UiState { theme: ThemeChoice::Light, has_run_before: true, ..Default::default() };
    let options = AppOptions { use_disk: false, native_dialogs: false, blocking_import: true };
    TrackerApp::new(workspace, state, options, Clock::Fixed(test_now()))
}

/// Applies the app's theme to a context (what the first frame would do), for harnesses.
pub fn setup_context(ctx: &egui::Context) {
    theme::apply(ctx, ThemeChoice::Light);
}
