//! Parts of a council's history view: the grade-history chart (every judged area's grade
//! across its reports, a line per area, oldest report on the left) and its
//! recommendations across reports grouped by theme. Both read the insights the view
//! already holds; the reports' grades are also listed as text above the chart.

use std::collections::BTreeMap;

use eframe::egui;
use egui_plot::{Line, Plot, PlotPoints, Points};

use crate::insights::ReportEntry;
use crate::model::{CategoryId, Grade, PlanRefs};
use crate::ui::panels::reports::short_area;
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;
use crate::workspace::{FindingRef, Workspace};

/// A grade's height on the chart: Outstanding at the top, Inadequate at the bottom;
/// `None` for an area not judged.
fn grade_height(grade: Grade) -> Option<f64> {
    match grade {
        Grade::Outstanding => Some(4.0),
        Grade::Good => Some(3.0),
        Grade::RequiresImprovement | Grade::Adequate => Some(2.0),
        Grade::Inadequate => Some(1.0),
        Grade::NotJudged => None,
    }
}

/// A date as a position on the time axis, in years.
fn year_position(date: crate::model::Date) -> f64 {
    use chrono::Datelike as _;
    f64::from(date.year()) + f64::from(date.ordinal0()) / 366.0
}

/// Each area's grades over time (the overall grade first), from the dated reports that
/// grade anything; areas named the short way, so one area keeps one line across the
/// frameworks' wordings.
pub fn grade_series(history: &[&ReportEntry]) -> Vec<(String, Vec<[f64; 2]>)> {
    let mut series: Vec<(String, Vec<[f64; 2]>)> = Vec::new();
    let mut add = |area: String, x: f64, grade: Grade| {
        let Some(y) = grade_height(grade) else { return };
        match series.iter_mut().find(|(a, _)| *a == area) {
            Some((_, points)) => points.push([x, y]),
            None => series.push((area, vec![[x, y]])),
        }
    };
    for report in history {
        let Some(date) = report.date() else { continue };
        let x = year_position(date);
        if let Some(overall) = report.overall_judgement {
            add("Overall".to_owned(), x, overall);
        }
        for judgement in &report.judgements {
            add(short_area(&judgement.area), x, judgement.grade);
        }
    }
    series
}

/// The grade-history chart, when the reports grade anything.
pub fn grade_history_ui(ui: &mut egui::Ui, tokens: &Tokens, history: &[&ReportEntry]) {
    let series = grade_series(history);
    if series.is_empty() {
        ui.weak_label(tokens, "None of these reports grades an area.");
        return;
    }
    let count = series.len() as f64;
    let xs = series.iter().flat_map(|(_, points)| points.iter().map(|p| p[0]));
    let (first, last) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
    // Distinct hues, spread by the golden angle, bright enough for the theme's background.
    let colour = |i: usize| {
        let hue = (i as f32 * 0.618_034).fract();
        let value = if tokens.dark { 0.95 } else { 0.70 };
        egui::Color32::from(egui::ecolor::Hsva::new(hue, 0.70, value, 1.0))
    };
    // The legend on lines of its own above the plot, clear of the lines.
    ui.horizontal_wrapped(|ui| {
        for (i, (area, _)) in series.iter().enumerate() {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 4.5, colour(i));
            ui.label(area);
            ui.add_space(8.0);
        }
    });
    Plot::new("grade_history")
        .height(220.0)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 2.0, 4.0]))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.6)
        .include_y(4.4)
        // Half a year either side, so the first and last reports' points are not cut.
        .include_x(first - 0.5)
        .include_x(last + 0.5)
        .y_axis_formatter(|mark, _| {
            match mark.value.round() as i64 {
                4 => "Outstanding",
                3 => "Good",
                2 => "Requires improvement",
                1 => "Inadequate",
                _ => "",
            }
            .to_owned()
        })
        .x_axis_formatter(|mark, _| {
            let year = mark.value.round();
            if (mark.value - year).abs() < 1e-6 { format!("{year:.0}") } else { String::new() }
        })
        .show(ui, |plot| {
            for (i, (area, points)) in series.iter().enumerate() {
                // Areas with the same grade would hide each other: each line sits a
                // little apart from the others.
                let offset = (i as f64 - (count - 1.0) / 2.0) * 0.05;
                let shifted: Vec<[f64; 2]> = points.iter().map(|[x, y]| [*x, y + offset]).collect();
                plot.line(Line::new(area.clone(), PlotPoints::from(shifted.clone())).color(colour(i)).width(2.0));
                plot.points(Points::new(area.clone(), PlotPoints::from(shifted)).color(colour(i)).radius(4.0));
            }
        });
}

/// The council's recommendations and priority actions across its reports, grouped by
/// their (effective) category, most frequent theme first: "2017 R3" and the text.
pub fn themes_ui(ui: &mut egui::Ui, tokens: &Tokens, ws: &Workspace, history: &[&ReportEntry]) {
    let mut by_theme: BTreeMap<&CategoryId, Vec<(String, FindingRef)>> = BTreeMap::new();
    for entry in history {
        let Some(report) = ws.report(&entry.id) else { continue };
        let refs = PlanRefs::of(report);
        let year = entry.date().map_or_else(String::new, |d| chrono::Datelike::year(&d).to_string());
        for finding in report.plan_findings() {
            let category = finding.effective_category(report.annotations.get(&finding.id));
            let reference = refs.finding(&finding.id).unwrap_or("?");
            let target = FindingRef { report: report.id.clone(), finding: finding.id.clone() };
            by_theme.entry(category).or_default().push((format!("{year} {reference}"), target));
        }
    }
    if by_theme.is_empty() {
        ui.weak_label(tokens, "No recommendation in these reports.");
        return;
    }
    let mut themes: Vec<_> = by_theme.into_iter().collect();
    themes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (category, items) in themes {
        let title = format!("{} ({})", ws.taxonomy.label(category), items.len());
        egui::CollapsingHeader::new(title).id_salt(("council_theme", category)).show(ui, |ui| {
            for (reference, target) in &items {
                let text = ws.finding(target).map(|(_, f)| f.text.as_str()).unwrap_or_default();
                ui.horizontal_wrapped(|ui| {
                    ui.strong(reference);
                    ui.label(text);
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthorityCode, Judgement, ReportId, ReportKind};

    fn entry(date: &str, overall: Option<Grade>, areas: &[(&str, Grade)]) -> ReportEntry {
        ReportEntry {
            id: ReportId(date.into()),
            authority: AuthorityCode("926".into()),
            kind: ReportKind::FullInspection,
            letter_date: None,
            visit_start: None,
            visit_end: Some(date.parse().unwrap()),
            overall_judgement: overall,
            judgements: areas.iter().map(|(a, g)| Judgement { area: (*a).to_owned(), grade: *g }).collect(),
        }
    }

    #[test]
    fn each_area_keeps_one_line_across_the_frameworks_wordings() {
        let old = entry(
            "2015-06-01",
            Some(Grade::Inadequate),
            &[("Children who need help and protection", Grade::Inadequate), ("Adoption performance", Grade::Good)],
        );
        let new = entry(
            "2023-03-01",
            Some(Grade::Good),
            &[
                ("The experiences and progress of children who need help and protection", Grade::Good),
                ("The impact of leaders on social work practice with children and families", Grade::NotJudged),
            ],
        );
        let series = grade_series(&[&old, &new]);
        let names: Vec<&str> = series.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(names, ["Overall", "Help and protection", "Adoption"], "an area not judged draws nothing");
        let help = &series[1].1;
        assert_eq!(help.len(), 2);
        assert!(help[0][0] < help[1][0] && help[0][1] == 1.0 && help[1][1] == 3.0, "{help:?}");
    }
}
