//! The findings table: a cached, filtered and sorted list of row indices (`TableModel`,
//! recomputed only when the workspace, filter, sort or date change), the selection, and
//! the virtualised egui_extras table that draws only the rows on screen.

use std::collections::BTreeSet;

use eframe::egui::{self, Sense};
use egui_extras::{Column, TableBuilder};

use crate::model::{Annotation, CategoryId, Date};
use crate::workspace::{FindingRef, Workspace};

use super::PanelCtx;
use crate::ui::commands::{Command, SelectMode};
use crate::ui::state::{Filter, Sort, SortColumn};
use crate::ui::theme::{self, Tokens};
use crate::ui::widgets::{self, UiExt as _};

/// One finding of the workspace, as the table knows it.
#[derive(Clone, Debug)]
pub struct Row {
    /// The finding's address.
    pub target: FindingRef,
    /// Index of its report in `Workspace::reports`.
    pub report: usize,
    /// Index of the finding in the report's `findings`.
    pub finding: usize,
    /// Text and section, ASCII-lowercased, for the search box.
    haystack: String,
    /// Owner, notes and planned action, ASCII-lowercased; empty when not annotated.
    /// Refreshed on every edit, so typing a filter never looks annotations up.
    annotation_text: String,
}

/// The table's rows, cached. Per frame only the visible slice is drawn; the list is
/// rebuilt when the workspace's structure changes and re-filtered when anything else does.
#[derive(Debug, Default)]
pub struct TableModel {
    rows: Vec<Row>,
    /// Row index by report index and finding id, to refresh `annotation_text` on an edit.
    row_of: std::collections::HashMap<(usize, crate::model::FindingId), usize>,
    visible: Vec<usize>,
    report_names: Vec<String>,
    built_structure: Option<u64>,
    filtered_key: Option<(u64, Filter, Sort, Date)>,
    /// The nine most used categories, most used first (number keys 1–9).
    pub top_categories: Vec<CategoryId>,
    /// Counts for the header, as of the last change.
    pub stats: Stats,
    /// Triaged (annotated) findings per report, by report index.
    pub triaged: Vec<usize>,
    /// Annotations kept for findings a re-import no longer has, by report index.
    pub orphans: Vec<usize>,
}

/// Workspace-wide counts shown in the header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every finding.
    pub findings: usize,
    /// Priority actions and recommendations.
    pub actions: usize,
    /// Findings with an annotation.
    pub triaged: usize,
    /// Overdue actions.
    pub overdue: usize,
}

impl TableModel {
    /// Brings the cache up to date. `structure` changes when reports are added, removed or
    /// re-imported; `revision` changes on every edit.
    pub fn refresh(&mut self, ws: &Workspace, structure: u64, revision: u64, filter: &Filter, sort: Sort, today: Date) {
        if self.built_structure != Some(structure) {
            self.rebuild(ws);
            self.built_structure = Some(structure);
            self.filtered_key = None;
        }
        let key = (revision, filter.clone(), sort, today);
        if self.filtered_key.as_ref() != Some(&key) {
            // Counts depend on the workspace only, not on the filter being typed.
            let counts_stale = self.filtered_key.as_ref().is_none_or(|(r, _, _, d)| *r != revision || *d != today);
            if counts_stale {
                self.refresh_annotation_text(ws);
            }
            let narrowing = self
                .filtered_key
                .as_ref()
                .is_some_and(|(r, old, s, d)| *r == revision && *s == sort && *d == today && only_narrows(old, filter));
            if narrowing {
                self.narrow(filter);
            } else {
                self.refilter(ws, filter, sort, today);
            }
            if counts_stale {
                self.count_categories(ws, today);
            }
            self.filtered_key = Some(key);
        }
    }

    /// Refreshes the lowercased annotation text of every row after an edit.
    fn refresh_annotation_text(&mut self, ws: &Workspace) {
        for row in &mut self.rows {
            row.annotation_text.clear();
        }
        for (ri, report) in ws.reports.iter().enumerate() {
            for (id, a) in &report.annotations {
                let Some(&i) = self.row_of.get(&(ri, id.clone())) else { continue };
                let text = &mut self.rows[i].annotation_text;
                for part in [a.owner.as_deref().unwrap_or(""), &a.notes, &a.planned_action] {
                    text.push_str(part);
                    text.push('\n');
                }
                text.make_ascii_lowercase();
            }
        }
    }

    /// Typing more of the search text can only remove rows: filter the rows already shown,
    /// whose order is already sorted, instead of every row of the workspace.
    fn narrow(&mut self, filter: &Filter) {
        let words = widgets::search_words(&filter.text);
        let rows = &self.rows;
        self.visible.retain(|&i| words_match(&rows[i], &words));
    }

    fn rebuild(&mut self, ws: &Workspace) {
        self.rows.clear();
        self.row_of.clear();
        self.report_names.clear();
        for (ri, report) in ws.reports.iter().enumerate() {
            self.report_names.push(short_report_name(report));
            for (fi, finding) in report.findings.iter().enumerate() {
                let mut haystack = String::with_capacity(finding.text.len() + finding.section.len() + 1);
                haystack.push_str(&finding.text);
                haystack.push('\n');
                haystack.push_str(&finding.section);
                haystack.make_ascii_lowercase();
                self.row_of.insert((ri, finding.id.clone()), self.rows.len());
                self.rows.push(Row {
                    target: FindingRef { report: report.id.clone(), finding: finding.id.clone() },
                    report: ri,
                    finding: fi,
                    haystack,
                    annotation_text: String::new(),
                });
            }
        }
    }

    fn refilter(&mut self, ws: &Workspace, filter: &Filter, sort: Sort, today: Date) {
        let words = widgets::search_words(&filter.text);
        let report_index = filter.report.as_ref().and_then(|id| ws.reports.iter().position(|r| &r.id == id));
        self.visible.clear();
        for (i, row) in self.rows.iter().enumerate() {
            let Some(report) = ws.reports.get(row.report) else { continue };
            let Some(finding) = report.findings.get(row.finding) else { continue };
            let annotation = report.annotations.get(&finding.id);
            if filter.report.is_some() && report_index != Some(row.report) {
                continue;
            }
            if filter.kind.is_some_and(|k| k != finding.kind) {
                continue;
            }
            if filter.polarity.is_some_and(|p| p != finding.classification.polarity) {
                continue;
            }
            if let Some(category) = &filter.category {
                let effective =
                    annotation.and_then(|a| a.category.as_ref()).unwrap_or(&finding.classification.category);
                if effective != category {
                    continue;
                }
            }
            if let Some(status) = filter.status
                && annotation.map_or(crate::model::Status::NotStarted, |a| a.status) != status
            {
                continue;
            }
            if filter.overdue_only && !annotation.is_some_and(|a| a.is_overdue(today)) {
                continue;
            }
            if filter.important_only && !annotation.is_some_and(|a| a.important) {
                continue;
            }
            if !words.is_empty() && !words_match(row, &words) {
                continue;
            }
            self.visible.push(i);
        }
        self.sort(ws, sort);
    }

    fn sort(&mut self, ws: &Workspace, sort: Sort) {
        if sort.column == SortColumn::Report && !sort.descending {
            return; // Already in report order.
        }
        let rows = &self.rows;
        let mut keyed: Vec<(i64, String, usize)> = self
            .visible
            .iter()
            .map(|&i| {
                let row = &rows[i];
                let report = &ws.reports[row.report];
                let finding = &report.findings[row.finding];
                let a = report.annotations.get(&finding.id);
                let (n, s): (i64, String) = match sort.column {
                    SortColumn::Report => (row.report as i64, String::new()),
                    SortColumn::Kind => (kind_rank(finding.kind), String::new()),
                    SortColumn::Section => (0, finding.section.to_lowercase()),
                    SortColumn::Number => (finding.number.map_or(i64::MAX, i64::from), String::new()),
                    SortColumn::Text => (0, finding.text.to_lowercase()),
                    SortColumn::Category => {
                        let id = a.and_then(|a| a.category.as_ref()).unwrap_or(&finding.classification.category);
                        (0, ws.taxonomy.label(id).to_lowercase())
                    }
                    SortColumn::Status => (status_rank(a), String::new()),
                    SortColumn::Rag => (a.and_then(|a| a.rag).map_or(i64::MAX, |r| r as i64), String::new()),
                    SortColumn::Owner => match a.and_then(|a| a.owner.as_deref()) {
                        Some(o) => (0, o.to_lowercase()),
                        None => (1, String::new()),
                    },
                    SortColumn::Due => (
                        a.and_then(|a| a.due_date)
                            .map_or(i64::MAX, |d| i64::from(chrono::Datelike::num_days_from_ce(&d))),
                        String::new(),
                    ),
                };
                (n, s, i)
            })
            .collect();
        keyed.sort_by(|a, b| {
            let primary = a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1));
            let primary = if sort.descending { primary.reverse() } else { primary };
            primary.then(a.2.cmp(&b.2))
        });
        self.visible = keyed.into_iter().map(|(_, _, i)| i).collect();
    }

    /// Category use, header counts and per-report triage, in one pass over the rows.
    fn count_categories(&mut self, ws: &Workspace, today: Date) {
        let mut counts: std::collections::BTreeMap<&CategoryId, usize> = Default::default();
        let mut stats = Stats::default();
        self.triaged = vec![0; ws.reports.len()];
        let mut attached = vec![0usize; ws.reports.len()];
        for row in &self.rows {
            let report = &ws.reports[row.report];
            let finding = &report.findings[row.finding];
            let annotation = report.annotations.get(&finding.id);
            let id = annotation.and_then(|a| a.category.as_ref()).unwrap_or(&finding.classification.category);
            *counts.entry(id).or_default() += 1;
            attached[row.report] += usize::from(annotation.is_some());
            stats.findings += 1;
            stats.actions += usize::from(finding.kind.is_action());
            if let Some(a) = annotation.filter(|a| !a.is_empty()) {
                stats.triaged += 1;
                self.triaged[row.report] += 1;
                stats.overdue += usize::from(a.is_overdue(today));
            }
        }
        self.stats = stats;
        self.orphans = ws.reports.iter().zip(&attached).map(|(r, n)| r.annotations.len().saturating_sub(*n)).collect();
        let mut ranked: Vec<(&CategoryId, usize)> =
            counts.into_iter().filter(|(id, _)| ws.taxonomy.get(id).is_some()).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        self.top_categories = ranked.into_iter().take(9).map(|(id, _)| id.clone()).collect();
    }

    /// How many rows pass the filter.
    pub fn shown_count(&self) -> usize {
        self.visible.len()
    }

    /// How many findings there are in all.
    pub fn total_count(&self) -> usize {
        self.rows.len()
    }

    /// The finding shown at a position of the table.
    pub fn shown(&self, position: usize) -> Option<&Row> {
        self.visible.get(position).map(|&i| &self.rows[i])
    }

    /// The targets the table shows, in order.
    pub fn shown_targets(&self) -> impl Iterator<Item = &FindingRef> {
        self.visible.iter().map(|&i| &self.rows[i].target)
    }

    /// Where a finding is shown in the table.
    pub fn position_of(&self, target: &FindingRef) -> Option<usize> {
        self.visible.iter().position(|&i| &self.rows[i].target == target)
    }

    /// The short name of the report at an index.
    pub fn report_name(&self, index: usize) -> &str {
        self.report_names.get(index).map_or("", String::as_str)
    }
}

fn words_match(row: &Row, words: &[String]) -> bool {
    words.iter().all(|w| row.haystack.contains(w.as_str()) || row.annotation_text.contains(w.as_str()))
}

/// Whether `new` differs from `old` only by search text that extends it, so that every row
/// `new` shows is one `old` showed.
fn only_narrows(old: &Filter, new: &Filter) -> bool {
    let without_text = |f: &Filter| Filter { text: String::new(), ..f.clone() };
    without_text(old) == without_text(new) && new.text.to_ascii_lowercase().starts_with(&old.text.to_ascii_lowercase())
}

fn kind_rank(kind: crate::model::FindingKind) -> i64 {
    crate::model::FindingKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as i64
}

fn status_rank(a: Option<&Annotation>) -> i64 {
    let status = a.map_or(crate::model::Status::NotStarted, |a| a.status);
    crate::model::Status::ALL.iter().position(|s| *s == status).unwrap_or(0) as i64
}

/// The authority's name without the words every council shares, for a narrow column.
pub fn short_report_name(report: &crate::model::ImportedReport) -> String {
    let name = report.meta.local_authority.as_deref().unwrap_or(report.id.0.as_str());
    let trimmed = name
        .trim_start_matches("London Borough of ")
        .trim_start_matches("Royal Borough of ")
        .trim_start_matches("City of ")
        .trim_end_matches(" County Council")
        .trim_end_matches(" City Council")
        .trim_end_matches(" Council");
    match report.meta.letter_date.or(report.meta.visit_end) {
        Some(d) => format!("{trimmed} {}", d.format("%Y")),
        None => trimmed.to_owned(),
    }
}

/// Which findings are selected. `focus` is the one the detail pane shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// The finding in the detail pane (the last clicked).
    pub focus: Option<FindingRef>,
    /// Every selected finding (includes `focus`).
    pub set: BTreeSet<FindingRef>,
}

impl Selection {
    /// Selects exactly one finding.
    pub fn only(target: FindingRef) -> Self {
        Self { focus: Some(target.clone()), set: BTreeSet::from([target]) }
    }

    /// Whether a finding is selected.
    pub fn contains(&self, target: &FindingRef) -> bool {
        self.set.contains(target)
    }

    /// How many findings are selected.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// Column, header and initial width. Report fits a short name ("Southampton 2021") and Kind
/// "Recommendation"; the finding text (width unused here) takes whatever is left.
const COLUMNS: &[(SortColumn, &str, f32)] = &[
    (SortColumn::Report, "Report", 118.0),
    (SortColumn::Kind, "Kind", 110.0),
    (SortColumn::Section, "Section", 110.0),
    (SortColumn::Number, "No.", 34.0),
    (SortColumn::Text, "Finding", 0.0),
    (SortColumn::Category, "Category", 132.0),
    (SortColumn::Status, "Status", 108.0),
    (SortColumn::Rag, "RAG", 48.0),
    (SortColumn::Owner, "Owner", 76.0),
    (SortColumn::Due, "Due", 82.0),
];

/// Draws the table. `scroll_to` scrolls a position into view this frame; the section and
/// number columns show only when `show_section` is set (they need a wide window).
#[allow(clippy::too_many_arguments)]
pub fn table_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    model: &TableModel,
    selection: &Selection,
    filter: &Filter,
    sort: Sort,
    scroll_to: Option<usize>,
    show_section: bool,
) {
    let tokens = cx.tokens;
    let words = widgets::search_words(&filter.text);
    let text_height = ui.text_style_height(&egui::TextStyle::Body);
    let row_height = theme::ROW_HEIGHT.max(text_height + 6.0);
    let modifiers = ui.input(|i| i.modifiers);
    let columns: Vec<(SortColumn, &str, f32)> = COLUMNS
        .iter()
        .copied()
        .filter(|(c, _, _)| show_section || !matches!(c, SortColumn::Section | SortColumn::Number))
        .collect();
    egui::ScrollArea::horizontal().id_salt("findings_hscroll").auto_shrink([false, false]).show(ui, |ui| {
        // Clickable rows: labels must not grab the clicks, and long text is cut to one line.
        ui.style_mut().interaction.selectable_labels = false;
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let mut table = TableBuilder::new(ui)
            .id_salt(("findings_table_v2", show_section))
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for (column, _, width) in &columns {
            table = table.column(if *column == SortColumn::Text {
                // Not resizable, so it follows the window: the table fills the central panel,
                // and scrolls sideways only when the minimum cannot fit.
                Column::remainder().at_least(180.0).resizable(false).clip(true)
            } else {
                Column::initial(*width).at_least(30.0).clip(true)
            });
        }
        if let Some(position) = scroll_to {
            table = table.scroll_to_row(position, None);
        }
        table
            .header(row_height + 2.0, |mut header| {
                for (column, title, _) in &columns {
                    header.col(|ui| {
                        let text = egui::RichText::new(*title).strong();
                        let response = ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text(format!("Sort by {}", title.to_lowercase()));
                        if sort.column == *column {
                            widgets::sort_arrow(ui, sort.descending, tokens.accent);
                        }
                        if response.clicked() {
                            cx.queue.push(Command::SortBy(*column));
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, model.shown_count(), |mut row| {
                    let Some(r) = model.shown(row.index()) else { return };
                    let Some(report) = cx.ws.reports.get(r.report) else { return };
                    let Some(finding) = report.findings.get(r.finding) else { return };
                    let annotation = report.annotations.get(&finding.id);
                    row.set_selected(selection.contains(&r.target));
                    for (column, _, _) in &columns {
                        row.col(|ui| match column {
                            SortColumn::Report => {
                                ui.label(model.report_name(r.report)).on_hover_text(report.display_name());
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
                            SortColumn::Text => {
                                if annotation.is_some_and(|a| a.important) {
                                    widgets::star(ui, tokens.rag_amber, true).on_hover_text("Important");
                                }
                                if words.is_empty() {
                                    ui.add(
                                        egui::Label::new(widgets::display_text(&finding.text).as_ref())
                                            .truncate()
                                            .show_tooltip_when_elided(false),
                                    );
                                } else {
                                    let job = widgets::highlighted_job(
                                        &widgets::display_text(&finding.text),
                                        &words,
                                        egui::TextStyle::Body.resolve(ui.style()),
                                        ui.visuals().text_color(),
                                        tokens.search_highlight,
                                    );
                                    ui.add(egui::Label::new(job).truncate().show_tooltip_when_elided(false));
                                }
                            }
                            SortColumn::Category => {
                                let id = annotation
                                    .and_then(|a| a.category.as_ref())
                                    .unwrap_or(&finding.classification.category);
                                category_chip(ui, tokens, cx.ws, id, annotation.is_some_and(|a| a.category.is_some()));
                            }
                            SortColumn::Status => {
                                ui.status_badge(
                                    tokens,
                                    annotation.map_or(crate::model::Status::NotStarted, |a| a.status),
                                );
                            }
                            SortColumn::Rag => {
                                if let Some(rag) = annotation.and_then(|a| a.rag) {
                                    ui.rag_badge(tokens, rag);
                                }
                            }
                            SortColumn::Owner => {
                                if let Some(owner) = annotation.and_then(|a| a.owner.as_deref()) {
                                    ui.label(owner);
                                }
                            }
                            SortColumn::Due => {
                                if let Some(a) = annotation
                                    && let Some(due) = a.due_date
                                {
                                    due_label(ui, tokens, a, due, cx.today);
                                }
                            }
                        });
                    }
                    let response = row.response();
                    if response.clicked() {
                        let mode = if modifiers.shift {
                            SelectMode::Range
                        } else if modifiers.command {
                            SelectMode::Toggle
                        } else {
                            SelectMode::Replace
                        };
                        cx.queue.push(Command::Select { target: r.target.clone(), mode });
                    }
                });
            });
    });
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
pub fn due_label(ui: &mut egui::Ui, tokens: &Tokens, annotation: &Annotation, due: Date, today: Date) {
    let text = due.format("%-d %b %Y").to_string();
    let days = annotation.days_overdue(today);
    if days > 0 {
        ui.label(egui::RichText::new(format!("{text} · overdue")).color(tokens.status_overdue).strong())
            .on_hover_text(format!("{days} days overdue"));
    } else {
        ui.label(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::SortColumn;
    use crate::ui::testing::{generated_workspace, test_today};

    fn shown(model: &TableModel) -> Vec<FindingRef> {
        model.shown_targets().cloned().collect()
    }

    fn fresh(ws: &Workspace, revision: u64, filter: &Filter, sort: Sort) -> Vec<FindingRef> {
        let mut model = TableModel::default();
        model.refresh(ws, 1, revision, filter, sort, test_today());
        shown(&model)
    }

    #[test]
    fn typing_narrows_to_the_same_rows_as_filtering_from_scratch() {
        let ws = generated_workspace(2_000);
        let sort = Sort { column: SortColumn::Category, descending: true };
        let mut model = TableModel::default();
        let mut filter = Filter::default();
        for text in ["", "c", "ca", "care", "care ", "care l", "care le", "Care leavers o", "owner 3", "owner 3x"] {
            filter.text = text.to_owned();
            model.refresh(&ws, 1, 1, &filter, sort, test_today());
            assert_eq!(shown(&model), fresh(&ws, 1, &filter, sort), "typing {text:?}");
        }
        assert_eq!(model.shown_count(), 0, "nothing matches the last text");
    }

    #[test]
    fn an_edit_refreshes_the_searchable_annotation_text() {
        let mut ws = generated_workspace(400);
        let filter = Filter { text: "head of mash".to_owned(), ..Filter::default() };
        let sort = Sort::default();
        let mut model = TableModel::default();
        model.refresh(&ws, 1, 1, &filter, sort, test_today());
        assert_eq!(model.shown_count(), 0);
        let report = &mut ws.reports[1];
        let id = report.findings[3].id.clone();
        report.annotations.entry(id).or_default().owner = Some("Head of MASH".to_owned());
        model.refresh(&ws, 1, 2, &filter, sort, test_today());
        assert_eq!(model.shown_count(), 1);
    }
}
