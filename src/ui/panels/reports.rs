//! The reports panel (left): one card per report with its kind, authority, dates,
//! judgement badges in the grade colours and triage progress; the report's printed title
//! on hover. A search box narrows the list, and with many reports the cards are grouped
//! by authority under collapsible headings. Clicking a card filters the table to that
//! report; clicking it again shows every report.

use std::collections::BTreeMap;

use eframe::egui::{self, Sense};

use crate::import::SourceState;
use crate::model::{ImportedReport, ReportId};
use crate::workspace::Workspace;

use super::PanelCtx;
use crate::ui::commands::Command;
use crate::ui::theme;
use crate::ui::widgets::UiExt as _;

/// From how many reports on the panel groups them by authority, collapsed.
const GROUP_FROM: usize = 12;

/// Per-report counts the panel shows, by report index (cached by the table model), and
/// what became of each report's source file (reports not yet checked are absent).
pub struct ReportCounts<'a> {
    /// Annotated findings.
    pub triaged: &'a [usize],
    /// Annotations kept for findings a re-import no longer has.
    pub orphans: &'a [usize],
    /// Source file states.
    pub sources: &'a BTreeMap<ReportId, SourceState>,
    /// The document's structure counter (reports added, re-imported or replaced).
    pub structure: u64,
}

/// Report indices by authority, in the order the panel lists them.
type Groups = Vec<(String, Vec<usize>)>;

/// The panel's own state: the search text, and the reports grouped for it.
#[derive(Debug, Default)]
pub struct ReportsPanel {
    search: String,
    /// The groups, for the document structure and search text they were made for.
    groups: Option<((u64, String), Groups)>,
}

/// The authority a report is grouped under: its printed authority name for now. The one
/// place to change when reports are resolved to a registry of authorities.
pub fn authority_key(report: &ImportedReport) -> String {
    report.authority_name().unwrap_or("Unknown authority").to_owned()
}

/// Whether a report matches the panel's search text (authority, title, kind or date).
fn matches(report: &ImportedReport, needle: &str) -> bool {
    let title = report.meta.title.as_deref().unwrap_or("");
    [report.display_name().as_str(), title, report.id.0.as_str()].iter().any(|t| t.to_lowercase().contains(needle))
}

impl ReportsPanel {
    /// Draws the list of reports: a search box, then cards, grouped by authority under
    /// collapsible headings when there are many.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut PanelCtx<'_>,
        filtered_report: Option<&ReportId>,
        counts: &ReportCounts<'_>,
    ) {
        let tokens = cx.tokens;
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.section_heading(tokens, "Reports");
            ui.weak_label(tokens, &format!("{}", cx.ws.reports.len()));
        });
        let label = ui.label("Find a report");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("Authority, title or year")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.add_space(2.0);
        if filtered_report.is_some() && ui.link("Show all reports").clicked() {
            cx.queue.push(Command::FilterByReport(None));
        }
        let needle = self.search.trim().to_lowercase();
        let key = (counts.structure, needle.clone());
        if self.groups.as_ref().is_none_or(|(k, _)| *k != key) {
            // Recomputed only when the reports or the search change, not every frame.
            self.groups = Some((key, group(cx.ws, &needle)));
        }
        let Some((_, groups)) = &self.groups else { return };
        if groups.is_empty() {
            ui.weak_label(tokens, "No report matches.");
        }
        egui::ScrollArea::vertical().id_salt("reports_scroll").auto_shrink([false, false]).show(ui, |ui| {
            if cx.ws.reports.len() < GROUP_FROM {
                for &i in groups.iter().flat_map(|(_, reports)| reports) {
                    card_slot_ui(ui, cx, i, filtered_report, counts);
                }
                return;
            }
            for (authority, reports) in groups {
                let holds_filtered = reports.iter().any(|&i| filtered_report == Some(&cx.ws.reports[i].id));
                let open = !needle.is_empty() || holds_filtered;
                group_ui(ui, cx, authority, reports, open, |ui, cx| {
                    for &i in reports {
                        card_slot_ui(ui, cx, i, filtered_report, counts);
                    }
                });
            }
        });
    }
}

/// The reports that match `needle`, by authority ([`authority_key`]), in report order
/// within each; one group of every match when there are few reports (no headings then).
fn group(ws: &Workspace, needle: &str) -> Groups {
    let shown = (0..ws.reports.len()).filter(|&i| needle.is_empty() || matches(&ws.reports[i], needle));
    if ws.reports.len() < GROUP_FROM {
        let all: Vec<usize> = shown.collect();
        return if all.is_empty() { Vec::new() } else { vec![(String::new(), all)] };
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in shown {
        groups.entry(authority_key(&ws.reports[i])).or_default().push(i);
    }
    groups.into_iter().collect()
}

/// One authority's collapsible group; scrolled out of view, only its height (measured when
/// last drawn), so hundreds of authorities cost no more per frame than a few.
fn group_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    authority: &str,
    reports: &[usize],
    open: bool,
    cards: impl FnOnce(&mut egui::Ui, &mut PanelCtx<'_>),
) {
    let height_id = egui::Id::unique(("authority_group_height", authority, open));
    if let Some(height) = ui.ctx().data(|d| d.get_temp::<f32>(height_id)) {
        let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(rect.size());
            return;
        }
    }
    let top = ui.cursor().min.y;
    let heading = egui::RichText::new(format!("{authority} ({})", reports.len())).strong();
    let mut header = egui::CollapsingHeader::new(heading).id_salt(("authority", authority));
    if open {
        header = header.open(Some(true));
    }
    header.show(ui, |ui| cards(ui, cx));
    let height = ui.cursor().min.y - top - ui.spacing().item_spacing.y;
    ui.ctx().data_mut(|d| d.insert_temp(height_id, height));
}

/// One report's card, or only its height when it is scrolled out of view (measured when
/// last drawn), so hundreds of reports cost no more per frame than a few.
fn card_slot_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    i: usize,
    filtered_report: Option<&ReportId>,
    counts: &ReportCounts<'_>,
) {
    let report = &cx.ws.reports[i];
    let height_id = egui::Id::unique(("report_card_height", &report.id));
    let top = ui.cursor().min.y;
    if let Some(height) = ui.ctx().data(|d| d.get_temp::<f32>(height_id)) {
        let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(rect.size());
            ui.add_space(6.0);
            return;
        }
    }
    let selected = filtered_report == Some(&report.id);
    let card = Card {
        report,
        selected,
        done: counts.triaged.get(i).copied().unwrap_or(0),
        orphans: counts.orphans.get(i).copied().unwrap_or(0),
        source: counts.sources.get(&report.id),
    };
    let clicked = card.ui(ui, cx);
    let height = ui.cursor().min.y - top - ui.spacing().item_spacing.y;
    ui.ctx().data_mut(|d| d.insert_temp(height_id, height));
    if clicked {
        let next = if selected { None } else { Some(report.id.clone()) };
        cx.queue.push(Command::FilterByReport(next));
    }
    ui.add_space(6.0);
}

/// One report card's content.
struct Card<'a> {
    report: &'a ImportedReport,
    selected: bool,
    done: usize,
    orphans: usize,
    source: Option<&'a SourceState>,
}

impl Card<'_> {
    /// Draws the card; whether it was clicked (outside its buttons).
    fn ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) -> bool {
        let (report, selected, done, orphans, source) =
            (self.report, self.selected, self.done, self.orphans, self.source);
        let tokens = cx.tokens;
        let mut frame = theme::card(tokens);
        if selected {
            frame = frame.stroke(egui::Stroke::new(2.0, tokens.accent));
        }
        // The card senses clicks below its contents, so its buttons (Relink…, Re-import) get
        // their own clicks instead of filtering the table.
        let card = egui::UiBuilder::new().sense(Sense::click());
        let response = ui.scope_builder(card, |ui| {
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.style_mut().interaction.selectable_labels = false;
                let who = report.authority_name().unwrap_or("Unknown authority");
                ui.label(egui::RichText::new(who).strong().size(14.0).color(tokens.text_strong));
                ui.weak_label(tokens, report.meta.kind.label());
                if let Some(dates) = dates_text(report) {
                    ui.weak_label(tokens, &dates);
                }
                if let Some(overall) = report.meta.overall_judgement {
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new("Overall").strong());
                        ui.grade_badge(tokens, overall);
                    });
                }
                if !report.meta.judgements.is_empty() {
                    egui::Grid::new(("judgements", &report.id)).num_columns(2).spacing([6.0, 3.0]).show(ui, |ui| {
                        for j in &report.meta.judgements {
                            ui.weak_label(tokens, &short_area(&j.area)).on_hover_text(&j.area);
                            ui.grade_badge(tokens, j.grade).on_hover_text(&j.area);
                            ui.end_row();
                        }
                    });
                }
                let total = report.findings.len();
                ui.horizontal(|ui| {
                    let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(ui.available_width() - 90.0)
                            .desired_height(6.0)
                            .fill(tokens.accent),
                    );
                    ui.weak_label(tokens, &format!("{done} / {total} triaged"));
                });
                if orphans > 0 {
                    ui.label(
                        egui::RichText::new(format!(
                            "{orphans} orphaned annotations kept for findings no longer in the report"
                        ))
                        .color(tokens.warning_text),
                    );
                }
                if let Some(source) = source {
                    source_warning_ui(ui, cx, report, source);
                }
            });
        });
        let response = response.response.on_hover_cursor(egui::CursorIcon::PointingHand);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, report.display_name()));
        response.on_hover_ui(|ui| title_tooltip_ui(ui, report)).clicked()
    }
}

/// The report as printed, for the card's tooltip: the same council can appear under
/// different names across reports ("Southwark", "London Borough of Southwark").
fn title_tooltip_ui(ui: &mut egui::Ui, report: &ImportedReport) {
    ui.set_max_width(420.0);
    if let Some(title) = &report.meta.title {
        ui.label(egui::RichText::new(title).strong());
    }
    if let Some(authority) = report.authority() {
        ui.label(format!("{} · DfE code {} · {}", authority.name, authority.code.0, authority.region.label()));
    }
    if let Some(authority) = &report.meta.local_authority {
        ui.label(format!("Authority as printed: {authority}"));
    }
    ui.weak(report.source_path.display().to_string());
}

/// The line saying the source file moved or changed, with the button that fixes it.
fn source_warning_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, report: &ImportedReport, source: &SourceState) {
    let tokens = cx.tokens;
    let path = report.source_path.display().to_string();
    let (text, hover, relink) = match source {
        SourceState::Unchanged => return,
        SourceState::Missing => {
            ("Source file missing", format!("No file at {path}. Find it where it went to keep tracking it."), true)
        }
        SourceState::Changed => (
            "Source file changed since import",
            format!("The file has changed since it was imported; import it again to update the findings: {path}"),
            false,
        ),
        SourceState::Unreadable(reason) => {
            ("Source file cannot be read", format!("Could not read the file ({reason}): {path}"), true)
        }
    };
    ui.add_space(4.0);
    // A tinted box in the warning colour, so the line stands out from the card's grey text.
    egui::Frame::new()
        .fill(tokens.warning_text.gamma_multiply(0.1))
        .stroke(egui::Stroke::new(1.0, tokens.warning_text.gamma_multiply(0.6)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(text).strong().color(tokens.warning_text)).on_hover_text(&hover);
                if relink {
                    if ui.small_button("Relink…").on_hover_text("Choose the report file in its new place").clicked() {
                        cx.queue.push(Command::RelinkReport(report.id.clone()));
                    }
                } else if ui
                    .small_button("Re-import")
                    .on_hover_text("Import the file again; annotations are kept")
                    .clicked()
                {
                    cx.queue.push(Command::ReimportReport(report.id.clone()));
                }
            });
        });
}

fn dates_text(report: &ImportedReport) -> Option<String> {
    let fmt = |d: crate::model::Date| d.format("%-d %b %Y").to_string();
    let meta = &report.meta;
    let visit = match (meta.visit_start, meta.visit_end) {
        (Some(a), Some(b)) if a != b => Some(format!("Visit {} to {}", a.format("%-d %b"), fmt(b))),
        (Some(a), _) | (None, Some(a)) => Some(format!("Visit {}", fmt(a))),
        _ => None,
    };
    let letter = meta.letter_date.map(|d| format!("Published {}", fmt(d)));
    match (visit, letter) {
        (Some(v), Some(l)) => Some(format!("{v} · {l}")),
        (v, l) => v.or(l),
    }
}

/// A judged area's name cut to what fits a card: "Help and protection", "In care".
pub fn short_area(area: &str) -> String {
    let lower = area.to_lowercase();
    let known = [
        ("leader", "Leaders"),
        ("help and protection", "Help and protection"),
        ("care leavers", "Care leavers"),
        ("in care", "Children in care"),
        ("looked after", "Children in care"),
        ("adoption", "Adoption"),
        ("safeguarding", "Safeguarding board"),
        ("overall", "Overall"),
    ];
    // "Children in care and care leavers" is one combined area in 2018–2022 reports.
    if lower.contains("in care") && lower.contains("care leavers") {
        return "In care and care leavers".to_owned();
    }
    if let Some((_, short)) = known.iter().find(|(key, _)| lower.contains(key)) {
        return (*short).to_owned();
    }
    let mut short: String = area.chars().take(26).collect();
    if area.chars().count() > 26 {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::short_area;

    #[test]
    fn areas_are_shortened_for_cards() {
        assert_eq!(short_area("The impact of leaders on social work practice with children and families"), "Leaders");
        assert_eq!(
            short_area("The experiences and progress of children in care and care leavers"),
            "In care and care leavers"
        );
        assert_eq!(short_area("The experiences and progress of care leavers"), "Care leavers");
        assert_eq!(short_area("Something else entirely, quite long"), "Something else entirely, q…");
    }
}
