//! The views across reports: the dashboard (recommendations by status within each
//! category as stacked bars, actions by status, RAG, overdue and due soon, due against
//! done by month, progress per report), a council's history (its reports on a timeline
//! with every judgement's grade, the recommendations raised before, its statistical
//! neighbours), and the national table. Every figure is also written out as text, so it
//! can be read without the colours and by a screen reader. The figures come from
//! `insights` (computed once per workspace revision in [`InsightsCache`]); the views only
//! draw them and push commands: clicking a bar or a figure filters the findings table.

use eframe::egui;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::PanelCtx;
use crate::insights::dashboard::{Dashboard, PlanState};
use crate::insights::{Insights, NationalColumn, NationalFilter, NationalSort, RaisedBefore};
use crate::model::{AuthorityKind, CategoryId, Date, FindingKind, Rag, Region, Status};
use crate::ui::commands::Command;
use crate::ui::state::MainView;
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;

/// The insights and the dashboard of one workspace revision, and "raised before" of one
/// set of reports, kept between frames: the one home of the window's figures across
/// reports (the detail pane and the action plan view read the repeats from here too).
#[derive(Default)]
pub struct InsightsCache {
    key: Option<(u64, Date)>,
    /// The `structure` the repeats were found for: they depend only on the reports' texts
    /// and dates, which no edit changes.
    repeats_key: Option<u64>,
    /// Across reports.
    pub insights: Insights,
    /// The action plan's figures.
    pub dashboard: Dashboard,
    /// Recommendations that repeat an earlier report's, by the later one.
    pub raised_before: RaisedBefore,
}

impl InsightsCache {
    /// Finds the repeats again when the reports changed since the last call (`structure`
    /// is the document's counter of that).
    pub fn refresh_repeats(&mut self, ws: &crate::workspace::Workspace, structure: u64) {
        if self.repeats_key != Some(structure) {
            self.raised_before = RaisedBefore::new(crate::insights::repeats(ws, &|_| true));
            self.repeats_key = Some(structure);
            // The insights hold the repeats too.
            self.key = None;
        }
    }

    /// Recomputes when the workspace or the date changed since the last call (and the
    /// repeats when the reports did).
    pub fn refresh(&mut self, ws: &crate::workspace::Workspace, revision: u64, structure: u64, today: Date) {
        self.refresh_repeats(ws, structure);
        if self.key != Some((revision, today)) {
            self.insights = Insights::with_repeats(ws, self.raised_before.all().to_vec());
            self.dashboard = Dashboard::build(ws, today);
            self.key = Some((revision, today));
        }
    }
}

/// The national table's choices (the window's, not saved).
#[derive(Clone, Copy, Debug, Default)]
pub struct NationalChoice {
    /// Which authorities.
    pub filter: NationalFilter,
    /// Their order.
    pub sort: NationalSort,
}

/// The tabs above the centre: findings, dashboard, a council's history, the national table.
pub fn view_tabs_ui(ui: &mut egui::Ui, current: MainView, queue: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for view in MainView::ALL {
            if ui.selectable_label(current == *view, view.label()).clicked() && current != *view {
                queue.push(Command::ShowView(*view));
            }
        }
    });
}

/// A fixed bar chart (no drag, zoom or scroll) with a legend and `labels` under the bars
/// at 0, 1, 2…
fn bar_plot(id: &'static str, height: f32, labels: Vec<String>) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _range| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
}

/// The command a click on a bar or figure of category × status asks for.
fn filter_command(category: &CategoryId, status: Option<Status>) -> Command {
    Command::FilterTable { category: category.clone(), status, kind: Some(FindingKind::Recommendation) }
}

/// The dashboard.
pub fn dashboard_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, cache: &InsightsCache) {
    let tokens = cx.tokens;
    let d = &cache.dashboard;
    egui::ScrollArea::vertical().id_salt("dashboard").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} overdue", d.overdue));
            ui.separator();
            ui.label(format!("{} due in the next four weeks", d.due_soon));
            for (rag, n) in &d.rag {
                ui.separator();
                match rag {
                    Some(rag) => {
                        ui.rag_badge(tokens, *rag);
                    }
                    None => {
                        ui.weak_label(tokens, "No RAG");
                    }
                }
                ui.label(n.to_string());
            }
        });
        ui.add_space(8.0);
        ui.section_heading(tokens, "Recommendations by status within each category");
        let categories: Vec<&CategoryId> = d.by_category.keys().collect();
        status_chart_ui(ui, cx, d, &categories);
        status_figures_ui(ui, cx, d, &categories);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Actions by status within each category");
        egui::Grid::new("actions_by_category").striped(true).show(ui, |ui| {
            ui.strong("Category");
            for state in PlanState::ALL {
                ui.strong(state.label());
            }
            ui.strong("Actions by status");
            ui.end_row();
            for (category, row) in &d.by_category {
                ui.label(cx.ws.taxonomy.label(category));
                for state in PlanState::ALL {
                    ui.label(row.recommendations.get(state).copied().unwrap_or(0).to_string());
                }
                ui.horizontal(|ui| {
                    for (status, n) in &row.actions {
                        ui.status_badge(tokens, *status);
                        ui.label(n.to_string());
                    }
                });
                ui.end_row();
            }
        });

        ui.add_space(8.0);
        ui.section_heading(tokens, "Actions due and done by month");
        months_ui(ui, tokens, d);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Progress per report");
        egui::Grid::new("progress_per_report").striped(true).show(ui, |ui| {
            for r in &d.reports {
                let name = cx.ws.report(&r.report).map_or_else(|| r.report.0.clone(), |x| x.display_name());
                ui.label(name);
                let fraction = r.progress.fraction_done();
                ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!(
                    "{} of {} actions done",
                    r.progress.done(),
                    r.progress.live()
                )));
                ui.label(format!(
                    "{} recommendation{}, {} without an action, {} overdue",
                    r.recommendations,
                    if r.recommendations == 1 { "" } else { "s" },
                    r.without_actions,
                    r.progress.overdue
                ));
                ui.end_row();
            }
        });
    });
}

/// Stacked bars: one per category, a segment per status. A click on a segment filters
/// the findings table to that category and status.
fn status_chart_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, d: &Dashboard, categories: &[&CategoryId]) {
    let mut charts: Vec<BarChart> = Vec::new();
    for status in Status::ALL {
        let bars: Vec<Bar> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let n = d.by_category[*c].recommendation_status.get(status).copied().unwrap_or(0);
                // An outline in the text colour, so a segment as dark as the background shows.
                Bar::new(i as f64, n as f64)
                    .width(0.7)
                    .name(cx.ws.taxonomy.label(c))
                    .stroke(egui::Stroke::new(1.0, cx.tokens.text_weak))
            })
            .collect();
        let mut chart = BarChart::new(status.label(), bars).color(cx.tokens.status(*status));
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    let labels: Vec<String> = categories.iter().map(|c| cx.ws.taxonomy.label(c).to_owned()).collect();
    let response = bar_plot("status_by_category", 220.0, labels).show(ui, |plot_ui| {
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
        plot_ui.pointer_coordinate()
    });
    if response.response.clicked()
        && let Some(point) = response.inner
        && let Some(command) = segment_at(d, categories, point.x, point.y)
    {
        cx.queue.push(command);
    }
}

/// The category and status under a point of the chart, as the command that filters to it.
fn segment_at(d: &Dashboard, categories: &[&CategoryId], x: f64, y: f64) -> Option<Command> {
    let i = x.round();
    if i < 0.0 || (x - i).abs() > 0.35 || y < 0.0 {
        return None;
    }
    let category = categories.get(i as usize)?;
    let row = &d.by_category[*category];
    let mut top = 0.0;
    for status in Status::ALL {
        top += row.recommendation_status.get(status).copied().unwrap_or(0) as f64;
        if y < top {
            return Some(filter_command(category, Some(*status)));
        }
    }
    None
}

/// The same figures as text: one line per category, a button per status with a count.
fn status_figures_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, d: &Dashboard, categories: &[&CategoryId]) {
    egui::Grid::new("status_figures").striped(true).show(ui, |ui| {
        for category in categories {
            let label = cx.ws.taxonomy.label(category).to_owned();
            let row = &d.by_category[*category];
            let total: usize = row.recommendation_status.values().sum();
            if ui.button(format!("{label}: {total}")).on_hover_text("Show these in the findings table").clicked() {
                cx.queue.push(filter_command(category, None));
            }
            ui.horizontal(|ui| {
                for (status, n) in &row.recommendation_status {
                    let text = format!("{label}: {n} {}", status.label().to_lowercase());
                    let caption = egui::RichText::new(format!("{} {n}", status.label()))
                        .color(crate::ui::theme::text_on(cx.tokens.status(*status)));
                    let button = egui::Button::new(caption)
                        .wrap_mode(egui::TextWrapMode::Extend)
                        .fill(cx.tokens.status(*status));
                    let response = ui.add(button);
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
                    if response.clicked() {
                        cx.queue.push(filter_command(category, Some(*status)));
                    }
                }
            });
            ui.end_row();
        }
    });
}

fn months_ui(ui: &mut egui::Ui, tokens: &Tokens, d: &Dashboard) {
    if d.months.is_empty() {
        ui.weak_label(tokens, "No action has a due date yet.");
        return;
    }
    let months: Vec<(i32, u32)> = d.months.keys().copied().collect();
    let due: Vec<Bar> =
        d.months.values().enumerate().map(|(i, m)| Bar::new(i as f64 - 0.2, m.due as f64).width(0.38)).collect();
    let done: Vec<Bar> =
        d.months.values().enumerate().map(|(i, m)| Bar::new(i as f64 + 0.2, m.done as f64).width(0.38)).collect();
    let labels: Vec<String> = months.iter().map(|(y, m)| format!("{m:02}/{y}")).collect();
    bar_plot("due_and_done", 180.0, labels).show(ui, |plot_ui| {
        plot_ui.bar_chart(BarChart::new("Due", due).color(tokens.rag(Rag::Amber)));
        plot_ui.bar_chart(BarChart::new("Done", done).color(tokens.rag(Rag::Green)));
    });
    ui.horizontal_wrapped(|ui| {
        for ((y, m), row) in &d.months {
            ui.label(format!("{m:02}/{y}: {} due, {} done", row.due, row.done));
            ui.separator();
        }
    });
}

/// A council's history: pick an authority, then its reports oldest first with their
/// grades, the recommendations raised before, and its neighbours' latest grades.
pub fn authority_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, cache: &InsightsCache, selected: Option<&str>) {
    let tokens = cx.tokens;
    let insights = &cache.insights;
    let Some(code) = selected.or_else(|| insights.authorities.first().map(|a| a.code().0.as_str())) else {
        ui.weak_label(tokens, "No report in the workspace is tied to a known authority.");
        return;
    };
    let name =
        |code: &str| crate::model::Registry::builtin().get(code).map_or_else(|| code.to_owned(), |a| a.name.clone());
    let response = egui::ComboBox::from_id_salt("authority_choice").selected_text(name(code)).show_ui(ui, |ui| {
        for a in &insights.authorities {
            if ui.selectable_label(a.code().0 == code, &a.authority.name).clicked() {
                cx.queue.push(Command::ShowAuthority(a.code().0.clone()));
            }
        }
    });
    crate::ui::widgets::name_combo(&response.response, "Authority");
    egui::ScrollArea::vertical().id_salt("authority").show(ui, |ui| {
        ui.section_heading(tokens, "Reports");
        // One block per report, its grades wrapped across the whole width (in a grid cell
        // they were squeezed to a letter's width).
        for r in insights.history(code) {
            let date = r.date().map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default();
            let report = cx.ws.report(&r.id);
            let title = report.map_or_else(|| r.id.0.clone(), |x| x.display_name());
            ui.horizontal(|ui| {
                ui.strong(date);
                if ui.link(title).clicked() {
                    cx.queue.push(Command::FilterByReport(Some(r.id.clone())));
                    cx.queue.push(Command::ShowView(MainView::Findings));
                }
            });
            ui.horizontal_wrapped(|ui| {
                match r.overall_judgement {
                    Some(g) => {
                        ui.label("Overall");
                        ui.grade_badge(tokens, g);
                    }
                    None if r.kind == crate::model::ReportKind::FullInspection => {
                        ui.weak_label(tokens, "No overall grade");
                    }
                    None => {}
                }
                for j in &r.judgements {
                    ui.label(&j.area).on_hover_text(j.grade.label());
                    ui.grade_badge(tokens, j.grade);
                }
            });
            ui.separator();
        }

        ui.add_space(8.0);
        ui.section_heading(tokens, "Raised before");
        let repeats: Vec<_> = insights.repeats.iter().filter(|r| r.authority.0 == code).collect();
        if repeats.is_empty() {
            ui.weak_label(tokens, "No recommendation closely resembles one of an earlier report.");
        }
        for r in repeats {
            let text =
                |f: &crate::workspace::FindingRef| cx.ws.finding(f).map(|(_, f)| f.text.clone()).unwrap_or_default();
            ui.label(format!(
                "{} repeats {} ({:.0}% alike)",
                r.later_label(cx.ws),
                r.earlier_label(cx.ws),
                r.similarity * 100.0
            ))
            .on_hover_text(format!("{}\n\nEarlier: {}", text(&r.later), text(&r.earlier)));
        }

        ui.add_space(8.0);
        ui.section_heading(tokens, "Statistical neighbours");
        let comparison = insights.neighbours(code);
        egui::Grid::new("neighbours").striped(true).show(ui, |ui| {
            for (authority, insight) in &comparison.neighbours {
                ui.label(&authority.name);
                match insight.and_then(|i| i.latest_full_inspection()) {
                    Some(r) => {
                        ui.label(r.date().map(|d| d.format("%b %Y").to_string()).unwrap_or_default());
                        match r.overall_judgement {
                            Some(g) => ui.grade_badge(tokens, g),
                            None => ui.weak_label(tokens, "No overall grade"),
                        };
                    }
                    None => {
                        ui.weak_label(tokens, "No full inspection in the workspace");
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
        if !comparison.themes.is_empty() {
            ui.add_space(4.0);
            egui::Grid::new("neighbour_themes").striped(true).show(ui, |ui| {
                ui.strong("Theme");
                ui.strong(name(code));
                ui.strong("Neighbours");
                ui.end_row();
                for t in &comparison.themes {
                    ui.label(cx.ws.taxonomy.label(&t.category));
                    ui.label(t.own.to_string());
                    ui.label(t.neighbours.to_string());
                    ui.end_row();
                }
            });
        }
    });
}

/// The national table: each authority's latest full inspection, focused visit and JTAI.
pub fn national_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, cache: &InsightsCache, choice: &mut NationalChoice) {
    let tokens = cx.tokens;
    ui.horizontal_wrapped(|ui| {
        let region = choice.filter.region.map_or("All regions", Region::label);
        let r = egui::ComboBox::from_id_salt("national_region").selected_text(region).show_ui(ui, |ui| {
            ui.selectable_value(&mut choice.filter.region, None, "All regions");
            for r in Region::ALL {
                ui.selectable_value(&mut choice.filter.region, Some(*r), r.label());
            }
        });
        crate::ui::widgets::name_combo(&r.response, "Region filter");
        let kind = choice.filter.kind.map_or("All types", AuthorityKind::label);
        let k = egui::ComboBox::from_id_salt("national_kind").selected_text(kind).show_ui(ui, |ui| {
            ui.selectable_value(&mut choice.filter.kind, None, "All types");
            for k in AuthorityKind::ALL {
                ui.selectable_value(&mut choice.filter.kind, Some(*k), k.label());
            }
        });
        crate::ui::widgets::name_combo(&k.response, "Type filter");
    });
    let rows = cache.insights.national(choice.filter, choice.sort);
    let date = |d: Option<Date>| d.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_else(|| "–".to_owned());
    egui::ScrollArea::both().id_salt("national").show(ui, |ui| {
        egui::Grid::new("national_table").striped(true).show(ui, |ui| {
            for (column, title) in [
                (Some(NationalColumn::Name), "Authority"),
                (Some(NationalColumn::Region), "Region"),
                (Some(NationalColumn::Inspected), "Inspected"),
                (Some(NationalColumn::Overall), "Overall"),
                (None, "Judgements"),
                (None, "Focused visit"),
                (None, "JTAI"),
            ] {
                match column {
                    Some(column) => {
                        ui.horizontal(|ui| {
                            if ui.button(title).on_hover_text("Sort by this column").clicked() {
                                choice.sort = NationalSort {
                                    column,
                                    descending: choice.sort.column == column && !choice.sort.descending,
                                };
                            }
                            if choice.sort.column == column {
                                crate::ui::widgets::sort_arrow(ui, choice.sort.descending, tokens.accent);
                            }
                        });
                    }
                    None => {
                        ui.strong(title);
                    }
                }
            }
            ui.end_row();
            for a in rows {
                if ui.link(&a.authority.name).clicked() {
                    cx.queue.push(Command::ShowAuthority(a.code().0.clone()));
                }
                ui.label(a.authority.region.label());
                let full = a.latest_full_inspection();
                ui.label(date(full.and_then(|r| r.date())));
                match full.and_then(|r| r.overall_judgement) {
                    Some(g) => ui.grade_badge(tokens, g),
                    None => ui.weak_label(tokens, "–"),
                };
                ui.horizontal(|ui| {
                    for j in full.map(|r| r.judgements.as_slice()).unwrap_or_default() {
                        ui.grade_badge(tokens, j.grade).on_hover_text(&j.area);
                    }
                });
                ui.label(date(a.latest_focused_visit().and_then(|r| r.date())));
                ui.label(date(a.latest_jtai().and_then(|r| r.date())));
                ui.end_row();
            }
        });
    });
}
