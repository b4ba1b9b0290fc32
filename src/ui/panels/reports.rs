//! The reports panel (left): one card per report with its kind, authority, dates,
//! judgement badges in the grade colours and triage progress. Clicking a card filters the
//! table to that report; clicking it again shows every report.

use eframe::egui::{self, Sense};

use crate::model::{ImportedReport, ReportId};

use super::PanelCtx;
use crate::ui::commands::Command;
use crate::ui::theme;
use crate::ui::widgets::UiExt as _;

/// Draws the list of reports.
/// `triaged` and `orphans` hold each report's annotated-finding and orphaned-annotation
/// counts, by report index (cached by the table model).
pub fn reports_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    filtered_report: Option<&ReportId>,
    triaged: &[usize],
    orphans: &[usize],
) {
    let tokens = cx.tokens;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.section_heading(tokens, "Reports");
        ui.weak_label(tokens, &format!("{}", cx.ws.reports.len()));
    });
    ui.add_space(2.0);
    if filtered_report.is_some() && ui.link("Show all reports").clicked() {
        cx.queue.push(Command::FilterByReport(None));
    }
    egui::ScrollArea::vertical().id_salt("reports_scroll").auto_shrink([false, false]).show(ui, |ui| {
        for (i, report) in cx.ws.reports.iter().enumerate() {
            let selected = filtered_report == Some(&report.id);
            let clicked = report_card(
                ui,
                cx,
                report,
                selected,
                triaged.get(i).copied().unwrap_or(0),
                orphans.get(i).copied().unwrap_or(0),
            );
            if clicked {
                let next = if selected { None } else { Some(report.id.clone()) };
                cx.queue.push(Command::FilterByReport(next));
            }
            ui.add_space(6.0);
        }
    });
}

fn report_card(
    ui: &mut egui::Ui,
    cx: &PanelCtx<'_>,
    report: &ImportedReport,
    selected: bool,
    done: usize,
    orphans: usize,
) -> bool {
    let tokens = cx.tokens;
    let mut frame = theme::card(tokens);
    if selected {
        frame = frame.stroke(egui::Stroke::new(2.0, tokens.accent));
    }
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.style_mut().interaction.selectable_labels = false;
            let who = report.meta.local_authority.as_deref().unwrap_or("Unknown authority");
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
                    egui::RichText::new(format!("{orphans} annotations kept for findings no longer in the report"))
                        .color(tokens.warning_text),
                );
            }
        })
        .response;
    let response = response.interact(Sense::click()).on_hover_cursor(egui::CursorIcon::PointingHand);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, report.display_name()));
    response.clicked()
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
