//! Modal questions: unsaved changes (Save / Discard / Cancel), a reason for cancelling an
//! action, a reason for moving a due date, and restoring an autosaved recovery file. Each returns the answer once given;
//! the app turns it into a command.

use std::path::PathBuf;

use eframe::egui;

/// What the user wanted to do when they were asked about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAction {
    /// Close the window.
    Quit,
    /// Start a new workspace.
    NewWorkspace,
    /// Pick a workspace to open.
    OpenWorkspaceDialog,
    /// Open this workspace.
    OpenWorkspace(PathBuf),
}

/// The answer to "save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save, then go on.
    Save,
    /// Drop the changes and go on.
    Discard,
    /// Stay.
    Cancel,
}

/// Asks whether to save unsaved changes.
pub fn unsaved_ui(ctx: &egui::Context, name: &str) -> Option<UnsavedAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.heading("Save changes?");
        ui.label(format!("“{name}” has changes that are not saved."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(UnsavedAnswer::Save);
            }
            if ui.button("Discard changes").clicked() {
                answer = Some(UnsavedAnswer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(UnsavedAnswer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(UnsavedAnswer::Cancel);
    }
    answer
}

/// Asks why actions are being cancelled. `Some(Some(reason))` confirms, `Some(None)` backs out.
pub fn cancel_reason_ui(ctx: &egui::Context, count: usize, reason: &mut String) -> Option<Option<String>> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("cancel_reason")).show(ctx, |ui| {
        ui.set_width(400.0);
        ui.heading(if count == 1 { "Cancel this action" } else { "Cancel these actions" });
        let label = ui.label("Why is it being cancelled?");
        let response = ui
            .add(egui::TextEdit::multiline(reason).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        response.request_focus();
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(!reason.trim().is_empty(), egui::Button::new("Cancel the action"));
            if ok.clicked() {
                answer = Some(Some(reason.trim().to_owned()));
            }
            if ui.button("Keep it").clicked() {
                answer = Some(None);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(None);
    }
    answer
}

/// Asks why due dates are moving to `to`. `Some(Some(reason))` confirms, `Some(None)` backs out.
pub fn due_reason_ui(
    ctx: &egui::Context,
    count: usize,
    to: Option<crate::model::Date>,
    reason: &mut String,
) -> Option<Option<String>> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("due_reason")).show(ctx, |ui| {
        ui.set_width(400.0);
        let what = if count == 1 { "this action's due date" } else { "these actions' due dates" };
        ui.heading(match to {
            Some(date) => format!("Move {what} to {}", date.format("%-d %b %Y")),
            None => format!("Clear {what}"),
        });
        let label = ui.label("Why is it moving?");
        let response = ui
            .add(egui::TextEdit::multiline(reason).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        response.request_focus();
        ui.weak("The old date, the reason and your name are kept with the action.");
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(!reason.trim().is_empty(), egui::Button::new("Revise the date"));
            if ok.clicked() {
                answer = Some(Some(reason.trim().to_owned()));
            }
            if ui.button("Keep the date").clicked() {
                answer = Some(None);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(None);
    }
    answer
}

/// A recovery file the app found: an autosave newer than its workspace, or of work never saved.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryOffer {
    /// The recovery file.
    pub recovery: PathBuf,
    /// The workspace it belongs to (`None`: work never saved).
    pub workspace_path: Option<PathBuf>,
    /// When it was written, for people.
    pub saved_at: Option<String>,
}

/// Offers a recovery file. `Some(true)` restores it, `Some(false)` deletes it; Escape
/// (handled by the app) leaves it for next time.
pub fn recovery_ui(ctx: &egui::Context, offer: &RecoveryOffer) -> Option<bool> {
    let (recovery, saved_at) = (&offer.recovery, offer.saved_at.as_deref());
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Recover unsaved work?");
        ui.label("The app closed without saving some changes. An automatic copy was kept:");
        ui.weak(recovery.display().to_string());
        if let Some(at) = saved_at {
            ui.weak(format!("Saved automatically at {at}"));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore it").clicked() {
                answer = Some(true);
            }
            if ui.button("Delete it").on_hover_text("Delete the automatic copy").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
