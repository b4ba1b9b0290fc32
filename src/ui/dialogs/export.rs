//! The Export dialog (Ctrl+E): format, filters (reports, statuses, kinds, overdue,
//! annotated, every finding), a live count of the rows the export will hold, and the
//! button that asks where to save; for the board paper, HTML and Markdown, the day
//! "since the last board" starts after. The choice is remembered in `UiState`; Escape closes it
//! (the app handles that).

use eframe::egui;

use crate::export::{ExportFormat, ExportOptions};
use crate::model::{Date, FindingKind, Status};
use crate::workspace::Workspace;

use crate::ui::state::ExportChoice;
use crate::workspace::query::Filter;

/// The dialog's state.
#[derive(Debug, Default)]
pub struct ExportDialog {
    /// Whether it is shown.
    pub open: bool,
    preview: Option<(u64, ExportOptions, usize)>,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportRequest {
    /// Ask where to save, then export.
    ChooseFile,
}

impl ExportDialog {
    /// Draws the dialog; edits the remembered `choice` in place (view state, not the
    /// workspace).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        ws: &Workspace,
        revision: u64,
        today: Date,
        choice: &mut ExportChoice,
        table_filter: &Filter,
    ) -> Option<ExportRequest> {
        if !self.open {
            return None;
        }
        let (format, options) = (&mut choice.format, &mut choice.options);
        let mut request = None;
        let mut open = true;
        egui::Window::new("Export the action plan")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(egui::RichText::new("Format").strong());
                ui.horizontal_wrapped(|ui| {
                    for f in ExportFormat::ALL {
                        ui.radio_value(format, *f, f.label());
                    }
                });
                if *format == ExportFormat::Csv {
                    ui.checkbox(&mut options.bom, "Start with a byte-order mark (for Excel)");
                }
                if matches!(*format, ExportFormat::Docx | ExportFormat::Html | ExportFormat::Markdown) {
                    since_ui(ui, &mut options.since, today);
                }
                ui.separator();
                ui.label(egui::RichText::new("What to include").strong());
                ui.checkbox(&mut options.all_findings, "Every finding, not only actions and annotated findings");
                ui.checkbox(&mut options.only_annotated, "Only findings I have annotated");
                ui.checkbox(&mut options.only_overdue, "Only overdue actions");
                ui.add_space(4.0);
                egui::CollapsingHeader::new("Reports").default_open(false).show(ui, |ui| {
                    ui.weak("None ticked: every report");
                    for r in &ws.reports {
                        let mut on = options.reports.contains(&r.id);
                        if ui.checkbox(&mut on, r.display_name()).changed() {
                            toggle(&mut options.reports, r.id.clone(), on);
                        }
                    }
                });
                egui::CollapsingHeader::new("Statuses").default_open(false).show(ui, |ui| {
                    ui.weak("None ticked: every status");
                    ui.horizontal_wrapped(|ui| {
                        for s in Status::ALL {
                            let mut on = options.statuses.contains(s);
                            if ui.checkbox(&mut on, s.label()).changed() {
                                toggle(&mut options.statuses, *s, on);
                            }
                        }
                    });
                });
                egui::CollapsingHeader::new("Kinds").default_open(false).show(ui, |ui| {
                    ui.weak("None ticked: every kind");
                    ui.horizontal_wrapped(|ui| {
                        for k in FindingKind::ALL {
                            let mut on = options.kinds.contains(k);
                            if ui.checkbox(&mut on, k.label()).changed() {
                                toggle(&mut options.kinds, *k, on);
                            }
                        }
                    });
                });
                ui.horizontal(|ui| {
                    if ui
                        .button("Use the table's filters")
                        .on_hover_text("Search text, report, category, status, kind, polarity, overdue and important")
                        .clicked()
                    {
                        *options = table_filter.export_options(options.bom, options.all_findings);
                    }
                    if ui.button("Reset").clicked() {
                        *options = ExportOptions { bom: options.bom, ..Default::default() };
                    }
                });
                ui.separator();
                let count = self.count(ws, revision, today, options);
                ui.label(format!("The export will hold {count} rows."));
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    if ui.add_enabled(count > 0, egui::Button::new("Export…")).clicked() {
                        request = Some(ExportRequest::ChooseFile);
                    }
                    if ui.button("Close").clicked() {
                        self.open = false;
                    }
                });
            });
        if !open {
            self.open = false;
        }
        request
    }

    /// The number of rows, recomputed only when the options or the workspace change.
    fn count(&mut self, ws: &Workspace, revision: u64, today: Date, options: &ExportOptions) -> usize {
        if let Some((r, o, n)) = &self.preview
            && *r == revision
            && o == options
        {
            return *n;
        }
        let n = crate::export::count_items(ws, options, today);
        self.preview = Some((revision, options.clone(), n));
        n
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, value: T, on: bool) {
    if on {
        if !list.contains(&value) {
            list.push(value);
        }
    } else {
        list.retain(|v| v != &value);
    }
}

/// "Since the last board": off (each report's latest board meeting) or a chosen day.
fn since_ui(ui: &mut egui::Ui, since: &mut Option<Date>, today: Date) {
    ui.horizontal(|ui| {
        let mut on = since.is_some();
        let toggle = ui
            .checkbox(&mut on, "List changes since")
            .on_hover_text("Off: since each report's latest board meeting up to today");
        if toggle.changed() {
            *since = on.then(|| today.checked_sub_days(chrono::Days::new(28)).unwrap_or(today));
        }
        if let Some(day) = *since
            && let Some(date) = crate::ui::widgets::date_picker::date_picker_ui(ui, "export_since", day)
        {
            *since = Some(date);
        }
    });
}
