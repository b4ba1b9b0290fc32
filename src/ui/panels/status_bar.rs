//! The status bar: what is running (opening, exporting, importing with progress and a
//! Cancel button), else whether the work is saved and the last message; on the right the
//! messages log button and the palette hint.

use std::path::Path;

use eframe::egui;

use crate::ui::commands::{Command, UiCommand};
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;

/// What is running.
pub enum Activity<'a> {
    /// Nothing.
    Idle,
    /// A workspace file being read.
    Opening(&'a Path),
    /// An export being written.
    Exporting {
        /// The file.
        path: &'a Path,
        /// Its rows.
        rows: usize,
    },
    /// Reports being imported.
    Importing {
        /// How much is done.
        fraction: f32,
        /// "Importing 3 of 12: file.pdf".
        text: String,
    },
}

/// What the status bar shows.
pub struct StatusBar<'a> {
    /// What is running.
    pub activity: Activity<'a>,
    /// The workspace's file.
    pub path: Option<&'a Path>,
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// The last message ("Undid set status").
    pub message: &'a str,
    /// How many errors the log holds.
    pub errors: usize,
}

impl StatusBar<'_> {
    /// Draws the status bar.
    pub fn ui(&self, ui: &mut egui::Ui, tokens: &Tokens, queue: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            match &self.activity {
                Activity::Opening(path) => {
                    ui.add(egui::Spinner::new());
                    ui.label(format!("Opening {}…", path.display()));
                }
                Activity::Exporting { path, rows } => {
                    ui.add(egui::Spinner::new());
                    ui.label(format!("Exporting {rows} rows to {}…", path.display()));
                }
                Activity::Importing { fraction, text } => {
                    ui.add(egui::Spinner::new());
                    ui.add(egui::ProgressBar::new(*fraction).desired_width(200.0).fill(tokens.accent));
                    ui.label(text);
                    if ui.button("Cancel").on_hover_text("Stop importing the remaining files").clicked() {
                        queue.push(Command::CancelImport);
                    }
                }
                Activity::Idle => {
                    let saved = match (self.path, self.dirty) {
                        (_, true) => "Unsaved changes".to_owned(),
                        (Some(p), false) => format!("Saved · {}", p.display()),
                        (None, false) => "Not saved yet".to_owned(),
                    };
                    ui.weak_label(tokens, &saved);
                    if !self.message.is_empty() {
                        ui.separator();
                        ui.weak_label(tokens, self.message);
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let text =
                    if self.errors > 0 { format!("Messages ({} errors)", self.errors) } else { "Messages".to_owned() };
                if ui.small_button(text).clicked() {
                    queue.push(Command::Ui(UiCommand::ToggleLog));
                }
                ui.weak_label(tokens, "Ctrl+K: command palette");
            });
        });
    }
}
