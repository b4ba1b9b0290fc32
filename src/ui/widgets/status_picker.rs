//! The status picker: a combo box of every status, for one finding or a selection. It
//! returns the command to run, so "Cancelled" always asks for a reason first (see
//! [`Command::set_status`]).

use eframe::egui;

use crate::model::Status;
use crate::ui::commands::Command;

/// Draws the picker. `current` is the status shown (`None`: several findings, "Set
/// status…"); `set` makes the command for any status but Cancelled.
pub fn status_picker_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    current: Option<Status>,
    labelled_by: egui::Id,
    set: impl Fn(Status) -> Command,
) -> Option<Command> {
    status_choice_ui(ui, id_salt, current, labelled_by).map(|status| Command::set_status(status, set))
}

/// The picker's combo box alone: the status picked, when it differs. Callers turn it into a
/// command through [`Command::set_status`] or [`Command::set_action_status`], which ask for a
/// reason before cancelling.
pub fn status_choice_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    current: Option<Status>,
    labelled_by: egui::Id,
) -> Option<Status> {
    let mut picked = None;
    let text = current.map_or("Set status…", Status::label);
    let response = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(text)
        .width(200.0)
        .show_ui(ui, |ui| {
            for status in Status::ALL {
                if ui.selectable_label(current == Some(*status), status.label()).clicked() && current != Some(*status) {
                    picked = Some(*status);
                }
            }
        })
        .response;
    response.labelled_by(labelled_by);
    picked
}
