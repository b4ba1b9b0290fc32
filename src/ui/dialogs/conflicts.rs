//! The conflict dialog: someone else saved the workspace while the user worked and both
//! changed some fields. Each conflict is shown side by side (yours, theirs, and the value
//! both started from, with who changed each and when) with a choice of which to keep.
//! Nothing is written until the user answers; the answer becomes a command.

use std::collections::BTreeMap;

use eframe::egui;

use crate::model::ChangeRecord;
use crate::workspace::merge::{Choices, Conflict, Side, Site, value_text};

/// The user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum ConflictAnswer {
    /// Keep these values and save.
    Save(Choices),
    /// Not now: nothing is saved and the work stays unsaved.
    Cancel,
}

/// The choices made so far, kept between frames (yours by default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConflictChoices {
    /// The side chosen per conflict.
    pub by_site: BTreeMap<Site, Side>,
}

fn who(change: Option<&ChangeRecord>) -> String {
    match change {
        Some(c) => format!("changed {}", c.at.format("%-d %b %Y %H:%M")),
        None => "no change recorded".to_owned(),
    }
}

/// Shows the conflicts of a save; returns the answer once given.
pub fn conflicts_ui(
    ctx: &egui::Context,
    conflicts: &[Conflict],
    state: &mut ConflictChoices,
) -> Option<ConflictAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("merge_conflicts")).show(ctx, |ui| {
        ui.set_width(720.0);
        ui.heading("Someone else saved this workspace");
        ui.label(format!(
            "You and they both changed {} while you worked. Choose what to keep; their other changes and yours are kept either way.",
            if conflicts.len() == 1 { "one field".to_owned() } else { format!("{} fields", conflicts.len()) }
        ));
        ui.add_space(6.0);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            egui::Grid::new("merge_conflicts_grid").striped(true).num_columns(4).spacing([12.0, 6.0]).show(ui, |ui| {
                ui.strong("Field");
                ui.strong("Yours");
                ui.strong("Theirs");
                ui.strong("Before");
                ui.end_row();
                for conflict in conflicts {
                    let side = state.by_site.entry(conflict.site.clone()).or_insert(Side::Ours);
                    ui.label(conflict.site.to_string());
                    ui.vertical(|ui| {
                        ui.radio_value(side, Side::Ours, format!("Keep yours: {}", value_text(&conflict.ours)));
                        ui.weak(who(conflict.ours_change.as_ref()));
                    });
                    ui.vertical(|ui| {
                        ui.radio_value(side, Side::Theirs, format!("Keep theirs: {}", value_text(&conflict.theirs)));
                        ui.weak(who(conflict.theirs_change.as_ref()));
                    });
                    ui.label(conflict.base.as_ref().map_or_else(|| "(unknown)".to_owned(), value_text));
                    ui.end_row();
                }
            });
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save with these choices").clicked() {
                answer = Some(ConflictAnswer::Save(Choices { default: Side::Ours, by_site: state.by_site.clone() }));
            }
            if ui.button("Not now").on_hover_text("Nothing is saved; your work stays open").clicked() {
                answer = Some(ConflictAnswer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(ConflictAnswer::Cancel);
    }
    answer
}
