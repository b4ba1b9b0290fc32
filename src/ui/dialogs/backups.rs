//! File › Restore a backup…: the workspace's rolling backups (see
//! `workspace::io::backups`), newest first, each with when it was saved, who saved it and
//! how many changes the save brought, for the user to pick one to open as a copy. Works
//! from the keyboard: the arrow keys move the choice, Enter restores it, Escape closes.
//! The dialog only answers; the app writes the copy and opens it.

use std::path::PathBuf;

use eframe::egui;

use crate::workspace::io::backups::Backup;

/// The open dialog: the backups found when it opened, and the one chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupChooser {
    /// The workspace whose backups these are (named in the dialog).
    pub workspace: PathBuf,
    /// Newest first.
    pub backups: Vec<Backup>,
    /// Index into `backups`.
    pub selected: usize,
}

/// The user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupAnswer {
    /// Open this backup as a copy.
    Restore(PathBuf),
    /// Close without restoring.
    Cancel,
}

impl BackupChooser {
    /// The dialog for `workspace`'s backups (listed newest first).
    pub fn new(workspace: PathBuf, backups: Vec<Backup>) -> Self {
        Self { workspace, backups, selected: 0 }
    }
}

/// "3 Dec 2026 14:05:09": when a backup was saved, from its note, else from the file.
pub fn saved_at_text(backup: &Backup) -> String {
    match &backup.note {
        Some(note) => note.saved_at.format("%-d %b %Y %H:%M:%S").to_string(),
        None => std::fs::metadata(&backup.path)
            .and_then(|m| m.modified())
            .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%-d %b %Y %H:%M:%S").to_string())
            .unwrap_or_else(|_| backup.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
    }
}

fn changes_text(backup: &Backup) -> String {
    match backup.note.as_ref().map(|n| n.changes) {
        Some(1) => "1 change".to_owned(),
        Some(n) => format!("{n} changes"),
        None => "not recorded".to_owned(),
    }
}

/// Shows the dialog; returns the answer once given.
pub fn backups_ui(ctx: &egui::Context, chooser: &mut BackupChooser) -> Option<BackupAnswer> {
    let mut answer = None;
    let count = chooser.backups.len();
    // Nothing has the keyboard when the dialog opens: the arrows then move the choice.
    let nothing_focused = ctx.memory(|m| m.focused().is_none());
    let mut moved = false;
    if count > 0 && nothing_focused {
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                chooser.selected = (chooser.selected + 1).min(count - 1);
                moved = true;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                chooser.selected = chooser.selected.saturating_sub(1);
                moved = true;
            }
        });
    }
    let modal = egui::Modal::new(egui::Id::unique("restore_backup")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading("Restore a backup");
        let name = chooser.workspace.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if count == 0 {
            ui.label(format!("{name} has no backups yet. One is kept each time it is saved."));
        } else {
            ui.label(format!(
                "A copy of {name} is kept each time it is saved. The one you choose opens as a new file beside it; the workspace itself is not changed."
            ));
        }
        ui.add_space(6.0);
        let mut row_focused = false;
        if count > 0 {
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                egui::Grid::new("backups_grid").num_columns(3).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
                    ui.strong("Saved");
                    ui.strong("By");
                    ui.strong("Changes");
                    ui.end_row();
                    for (i, backup) in chooser.backups.iter().enumerate() {
                        let row = ui.selectable_label(chooser.selected == i, saved_at_text(backup));
                        if row.gained_focus() || row.clicked() {
                            chooser.selected = i;
                        }
                        if moved && chooser.selected == i {
                            row.scroll_to_me(None);
                        }
                        if row.double_clicked() {
                            answer = Some(BackupAnswer::Restore(backup.path.clone()));
                        }
                        row_focused |= row.has_focus();
                        ui.label(backup.note.as_ref().map_or("Unknown", |n| n.user.as_str()));
                        ui.label(changes_text(backup));
                        ui.end_row();
                    }
                });
            });
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let chosen = chooser.backups.get(chooser.selected).map(|b| b.path.clone());
            if ui.add_enabled(chosen.is_some(), egui::Button::new("Restore as a copy")).clicked()
                && let Some(path) = chosen.clone()
            {
                answer = Some(BackupAnswer::Restore(path));
            }
            if ui.button(if count == 0 { "Close" } else { "Cancel" }).clicked() {
                answer = Some(BackupAnswer::Cancel);
            }
            // Enter restores the chosen backup unless a button has the keyboard (it then
            // presses that button).
            if (nothing_focused || row_focused)
                && answer.is_none()
                && let Some(path) = chosen
                && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
            {
                answer = Some(BackupAnswer::Restore(path));
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(BackupAnswer::Cancel);
    }
    answer
}
