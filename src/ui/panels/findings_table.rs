//! The findings table (centre): a virtualised egui_extras table that draws only the rows
//! on screen, from the cached, filtered and sorted rows of [`TableModel`]. The finding
//! text takes the spare width; the other columns can be resized and keep their widths in
//! `UiState`; hovering a finding shows it whole; rows can show two wrapped lines.

use eframe::egui::{self, Sense};
use egui_extras::{Column, TableBuilder};

use crate::model::{Annotation, CategoryId, Date, Finding, ImportedReport};
use crate::ui::commands::{Command, SelectMode};
use crate::ui::state::{SortColumn, UiState};
use crate::ui::theme::{self, Tokens};
use crate::ui::widgets::{self, UiExt as _};
use crate::workspace::Workspace;
use crate::workspace::query::{Row, Selection, TableModel, search_words};

use super::PanelCtx;

/// Column, header and default width. Report fits a short name ("Southampton 2021"), Kind
/// "Recommendation"; the finding text takes whatever is left, at least [`TEXT_MIN_WIDTH`].
const COLUMNS: &[(SortColumn, &str, f32)] = &[
    (SortColumn::Report, "Report", 116.0),
    (SortColumn::Kind, "Kind", 108.0),
    (SortColumn::Section, "Section", 110.0),
    (SortColumn::Number, "No.", 34.0),
    (SortColumn::Text, "Finding", 0.0),
    (SortColumn::Category, "Category", 120.0),
    (SortColumn::Status, "Status", 96.0),
    (SortColumn::Rag, "RAG", 54.0),
    (SortColumn::Owner, "Owner", 72.0),
    (SortColumn::Due, "Due", 80.0),
];

/// The narrowest the finding text gets before the table scrolls sideways.
const TEXT_MIN_WIDTH: f32 = 240.0;

/// The width of a column: the user's, else the default.
pub fn column_width(state: &UiState, column: SortColumn) -> f32 {
    let default = COLUMNS.iter().find(|(c, ..)| *c == column).map_or(80.0, |(.., w)| *w);
    state.column_widths.get(&column).copied().unwrap_or(default)
}

/// What the table draws this frame.
pub struct TableView<'a> {
    /// The rows.
    pub model: &'a TableModel,
    /// The selected findings.
    pub selection: &'a Selection,
    /// A position to scroll into view this frame.
    pub scroll_to: Option<usize>,
    /// Where the columns were drawn last frame, to notice one the user resized.
    pub previous: &'a [(SortColumn, egui::Rect)],
}

impl TableView<'_> {
    /// Draws the table. Reads sort, filter, row mode and column widths from `state`, and
    /// keeps the widths the user drags the columns to.
    pub fn ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut UiState) -> Vec<(SortColumn, egui::Rect)> {
        let words = search_words(&state.filter.text);
        let text_height = ui.text_style_height(&egui::TextStyle::Body);
        let lines = if state.wrap_rows { 2.0 } else { 1.0 };
        let row_height = theme::ROW_HEIGHT.max(text_height * lines + 6.0);
        let modifiers = ui.input(|i| i.modifiers);
        let show_section = state.show_section_columns;
        let columns: Vec<(SortColumn, &str)> = COLUMNS
            .iter()
            .filter(|(c, ..)| show_section || !matches!(c, SortColumn::Section | SortColumn::Number))
            .map(|(c, title, _)| (*c, *title))
            .collect();
        let mut header_rects = Vec::with_capacity(columns.len());
        egui::ScrollArea::horizontal().id_salt("findings_hscroll").auto_shrink([false, false]).show(ui, |ui| {
            // Clickable rows: labels must not grab the clicks, and long text is cut to fit.
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let mut table = TableBuilder::new(ui)
                // A new id when the widths are reset, so the defaults apply again.
                .id_salt(("findings_table_v3", show_section, state.table_generation))
                .striped(true)
                .resizable(true)
                .sense(Sense::click())
                .auto_shrink([false, false])
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            for (column, _) in &columns {
                table = table.column(if *column == SortColumn::Text {
                    // Not resizable, so it follows the window: the table fills the central
                    // panel, and scrolls sideways only when the minimum cannot fit.
                    Column::remainder().at_least(TEXT_MIN_WIDTH).resizable(false).clip(true)
                } else {
                    Column::initial(column_width(state, *column)).at_least(30.0).clip(true)
                });
            }
            if let Some(position) = self.scroll_to {
                table = table.scroll_to_row(position, None);
            }
            let sort = state.sort;
            table
                .header(text_height + 8.0, |mut header| {
                    for (column, title) in &columns {
                        header.col(|ui| {
                            // The cell's room is exactly the column's width.
                            header_rects.push((*column, ui.max_rect()));
                            let text = egui::RichText::new(*title).strong();
                            let response = ui
                                .add(egui::Button::new(text).frame(false))
                                .on_hover_text(format!("Sort by {}", title.to_lowercase()));
                            if sort.column == *column {
                                widgets::sort_arrow(ui, sort.descending, cx.tokens.accent);
                            }
                            if response.clicked() {
                                cx.queue.push(Command::SortBy(*column));
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, self.model.shown_count(), |mut row| {
                        let Some(r) = self.model.shown(row.index()) else { return };
                        let Some(report) = cx.ws.reports.get(r.report) else { return };
                        let Some(finding) = report.findings.get(r.finding) else { return };
                        let cells = Cells {
                            row: r,
                            report,
                            finding,
                            annotation: report.annotations.get(&finding.id),
                            words: &words,
                            wrap: state.wrap_rows,
                        };
                        row.set_selected(self.selection.contains(&r.target));
                        for (column, _) in &columns {
                            row.col(|ui| cells.ui(ui, cx, self.model, *column));
                        }
                        if row.response().clicked() {
                            let mode = SelectMode::from_modifiers(modifiers);
                            cx.queue.push(Command::Select { target: r.target.clone(), mode });
                        }
                    });
                });
        });
        keep_resized_widths(state, self.previous, &header_rects);
        header_rects
    }
}

/// Remembers the width of a column the user resized: only a drag changes the width of a
/// column other than the finding text's from one frame to the next.
fn keep_resized_widths(state: &mut UiState, previous: &[(SortColumn, egui::Rect)], now: &[(SortColumn, egui::Rect)]) {
    for (column, rect) in now {
        let before = previous.iter().find(|(c, _)| c == column).map(|(_, r)| r.width());
        if *column != SortColumn::Text && before.is_some_and(|w| (w - rect.width()).abs() > 0.5) {
            state.column_widths.insert(*column, rect.width());
        }
    }
}

/// One row's data, drawn cell by cell.
struct Cells<'a> {
    row: &'a Row,
    report: &'a ImportedReport,
    finding: &'a Finding,
    annotation: Option<&'a Annotation>,
    words: &'a [String],
    wrap: bool,
}

impl Cells<'_> {
    fn ui(&self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, model: &TableModel, column: SortColumn) {
        let (tokens, finding, annotation) = (cx.tokens, self.finding, self.annotation);
        match column {
            SortColumn::Report => {
                let report = self.report;
                ui.label(model.report_name(self.row.report)).on_hover_ui(|ui| report_tooltip_ui(ui, report));
            }
            SortColumn::Kind => {
                ui.label(finding.kind.label());
            }
            SortColumn::Section => {
                let section = widgets::display_text(&finding.section);
                ui.label(egui::RichText::new(section.as_ref()).color(tokens.text_weak));
            }
            SortColumn::Number => {
                if let Some(n) = finding.number {
                    ui.label(n.to_string());
                }
            }
            SortColumn::Text => self.text_ui(ui, tokens),
            SortColumn::Category => {
                let id = finding.effective_category(annotation);
                category_chip(ui, tokens, cx.ws, id, annotation.is_some_and(|a| a.category.is_some()));
            }
            SortColumn::Status => {
                ui.status_badge(tokens, self.report.finding_state(finding, cx.today).status);
            }
            SortColumn::Rag => {
                if let Some(rag) = annotation.and_then(|a| a.rag) {
                    ui.rag_badge(tokens, rag);
                }
            }
            SortColumn::Owner => {
                if let Some(owner) = annotation.and_then(|a| a.owner.as_deref()) {
                    ui.label(owner).on_hover_ui(|ui| {
                        ui.label(owner);
                    });
                }
            }
            SortColumn::Due => {
                let state = self.report.finding_state(finding, cx.today);
                if let Some(due) = state.due {
                    due_label(ui, tokens, due, state.days_overdue);
                }
            }
        }
    }

    /// The finding: one cut line, or two wrapped lines; search matches highlighted; the
    /// whole text on hover.
    fn text_ui(&self, ui: &mut egui::Ui, tokens: &Tokens) {
        if self.annotation.is_some_and(|a| a.important) {
            widgets::star(ui, tokens.rag_amber, true).on_hover_text("Important");
        }
        let text = widgets::display_text(&self.finding.text);
        let label = if self.words.is_empty() && !self.wrap {
            egui::Label::new(text.as_ref()).truncate()
        } else {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let mut job =
                widgets::highlighted_job(&text, self.words, font, ui.visuals().text_color(), tokens.search_highlight);
            if self.wrap {
                job.wrap.max_rows = 2;
                egui::Label::new(job).wrap()
            } else {
                egui::Label::new(job).truncate()
            }
        };
        let response = ui.add(label.show_tooltip_when_elided(false));
        response.on_hover_ui(|ui| {
            ui.set_max_width(520.0);
            ui.label(text.as_ref());
        });
    }
}

/// What a report cell's tooltip says: the report as printed (title and authority).
fn report_tooltip_ui(ui: &mut egui::Ui, report: &ImportedReport) {
    ui.label(egui::RichText::new(report.display_name()).strong());
    if let Some(title) = &report.meta.title {
        ui.label(title);
    }
}

/// A category chip in its colour; automatic categories are marked as such in the tooltip.
pub fn category_chip(ui: &mut egui::Ui, tokens: &Tokens, ws: &Workspace, id: &CategoryId, chosen_by_user: bool) {
    let category = ws.taxonomy.get(id);
    let label = category.map_or(id.as_str(), |c| c.label.as_str());
    let fill = tokens.category(category.map(|c| &c.colour));
    let response = ui.chip(label, fill);
    if ui.rect_contains_pointer(response.rect) {
        response.on_hover_text(if chosen_by_user { "Category chosen by you" } else { "Category found automatically" });
    }
}

/// A due date, in the overdue colour with "overdue" spelled out when it is past.
pub fn due_label(ui: &mut egui::Ui, tokens: &Tokens, due: Date, days_overdue: i64) {
    let text = due.format("%-d %b %Y").to_string();
    let days = days_overdue;
    if days > 0 {
        ui.label(egui::RichText::new(format!("{text} · overdue")).color(tokens.status_overdue).strong())
            .on_hover_text(format!("{days} days overdue"));
    } else {
        ui.label(text);
    }
}
