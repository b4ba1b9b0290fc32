//! The views across reports: the dashboard (recommendations by status within each
//! category as stacked bars, actions by status, RAG, overdue and due soon, due against
//! done by month, progress per report), a council's history (its reports on a timeline
//! with every judgement's grade, the recommendations raised before, its statistical
//! neighbours), and the national table. Every figure is also written out as text, so it
//! can be read without the colours and by a screen reader. The figures come from
//! `insights` (computed once per workspace revision in [`InsightsCache`]); the views only
//! draw them and push commands: clicking a bar or a figure filters the findings table.

use super::PanelCtx;
use super::charts::{Chart, Layout, SeriesInput, chart_ui};
use crate::insights::dashboard::{Dashboard, PlanState};
use crate::insights::{Insights, NationalColumn, NationalFilter, NationalSort};
use crate::model::{AuthorityKind, CategoryId, Date, FindingKind, Grade, Rag, Region, Status};
use crate::ui::commands::Command;
use crate::ui::state::MainView;
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;
use crate::workspace::query::{ActionFilter, ActionSlice};
use eframe::egui;

/// The insights and the dashboard of one workspace revision, kept between frames.
#[derive(Default)]
pub struct InsightsCache {
    key: Option<(u64, Date)>,
    /// Across reports.
    pub insights: Insights,
    /// The action plan's figures.
    pub dashboard: Dashboard,
    /// The dashboard's charts, drawn from `dashboard`.
    charts: Option<DashboardCharts>,
    /// The national view's charts, drawn from `insights`.
    national: Option<NationalCharts>,
}

/// The dashboard's charts and what their rows stand for.
struct DashboardCharts {
    /// Recommendations by status, a row per category of `dashboard.by_category`.
    recommendations: Chart,
    categories: Vec<CategoryId>,
    /// Actions by status, a row per category with actions.
    actions: Chart,
    action_categories: Vec<CategoryId>,
    /// Actions due and done, a column per month of `dashboard.months`.
    months: Chart,
    month_keys: Vec<(i32, u32)>,
}

impl DashboardCharts {
    fn build(ws: &crate::workspace::Workspace, d: &Dashboard) -> Self {
        let (light, dark) = (Tokens::light(), Tokens::dark());
        let label = |c: &CategoryId| ws.taxonomy.label(c).to_owned();
        let by_status = |rows: &[&CategoryId], count: &dyn Fn(&CategoryId, Status) -> usize| -> Vec<SeriesInput> {
            Status::ALL
                .iter()
                .map(|&status| SeriesInput {
                    name: status.label().to_owned(),
                    light: light.status(status),
                    dark: dark.status(status),
                    values: rows.iter().map(|c| count(c, status) as f64).collect(),
                })
                .collect()
        };
        let categories: Vec<&CategoryId> = d.by_category.keys().collect();
        let recommendations = Chart::new(
            Layout::StackedRows,
            categories.iter().map(|c| label(c)).collect(),
            by_status(&categories, &|c, s| d.by_category[c].recommendation_status.get(&s).copied().unwrap_or(0)),
            "Recommendations",
        );
        let with_actions: Vec<&CategoryId> =
            d.by_category.iter().filter(|(_, row)| !row.actions.is_empty()).map(|(c, _)| c).collect();
        let actions = Chart::new(
            Layout::StackedRows,
            with_actions.iter().map(|c| label(c)).collect(),
            by_status(&with_actions, &|c, s| d.by_category[c].actions.get(&s).copied().unwrap_or(0)),
            "Actions",
        );
        let month_keys: Vec<(i32, u32)> = d.months.keys().copied().collect();
        let months = Chart::new(
            Layout::GroupedColumns,
            month_keys.iter().map(|&(y, m)| month_label(y, m)).collect(),
            vec![
                SeriesInput {
                    name: "Due".into(),
                    light: light.rag(Rag::Amber),
                    dark: dark.rag(Rag::Amber),
                    values: d.months.values().map(|m| m.due as f64).collect(),
                },
                SeriesInput {
                    name: "Done".into(),
                    light: light.rag(Rag::Green),
                    dark: dark.rag(Rag::Green),
                    values: d.months.values().map(|m| m.done as f64).collect(),
                },
            ],
            "Actions",
        );
        Self {
            recommendations,
            categories: categories.into_iter().cloned().collect(),
            actions,
            action_categories: with_actions.into_iter().cloned().collect(),
            months,
            month_keys,
        }
    }
}

/// The national view's charts, with their figures as text.
struct NationalCharts {
    /// Overall grades of full inspections by year (newest first), for all regions (`None`)
    /// and for each region, with a line of text per year.
    grades_by_year: Vec<(Option<Region>, Chart, Vec<String>)>,
    /// Per overall grade band: its name, its most frequent themes, and them as text.
    themes: Vec<(String, Chart, String)>,
}

/// How many themes each grade band shows.
const THEMES_PER_BAND: usize = 6;

/// A grade band's name: "Inadequate overall", or none in force.
fn band_label(band: Option<Grade>) -> String {
    band.map_or_else(|| "No overall grade in force".to_owned(), |g| format!("{} overall", g.label()))
}

impl NationalCharts {
    fn build(ws: &crate::workspace::Workspace, insights: &Insights) -> Self {
        let (light, dark) = (Tokens::light(), Tokens::dark());
        // Every grade best first, then inspections that give none.
        let bands: Vec<Option<Grade>> = Grade::ALL.iter().copied().map(Some).chain([None]).collect();
        let colour = |t: &Tokens, band: Option<Grade>| t.grade(band.unwrap_or(Grade::NotJudged));
        let grades_by_year = std::iter::once(None)
            .chain(Region::ALL.iter().copied().map(Some))
            .map(|region| {
                let counts: Vec<&crate::insights::GradeCount> =
                    insights.grade_counts.iter().filter(|c| region.is_none_or(|r| c.region == r)).collect();
                let mut years: Vec<i32> = counts.iter().map(|c| c.year).collect();
                years.sort_unstable_by(|a, b| b.cmp(a));
                years.dedup();
                let count = |year: i32, band: Option<Grade>| -> usize {
                    counts.iter().filter(|c| c.year == year && c.overall_grade == band).map(|c| c.count).sum()
                };
                let used: Vec<Option<Grade>> =
                    bands.iter().copied().filter(|b| years.iter().any(|y| count(*y, *b) > 0)).collect();
                let series = used
                    .iter()
                    .map(|&band| SeriesInput {
                        name: band.map_or("No overall grade", Grade::label).to_owned(),
                        light: colour(&light, band),
                        dark: colour(&dark, band),
                        values: years.iter().map(|y| count(*y, band) as f64).collect(),
                    })
                    .collect();
                let lines = years
                    .iter()
                    .map(|&y| {
                        let parts: Vec<String> = used
                            .iter()
                            .filter(|b| count(y, **b) > 0)
                            .map(|&b| {
                                format!("{} {}", count(y, b), b.map_or("no overall grade", Grade::label).to_lowercase())
                            })
                            .collect();
                        format!("{y}: {}", parts.join(", "))
                    })
                    .collect();
                let chart =
                    Chart::new(Layout::StackedRows, years.iter().map(i32::to_string).collect(), series, "Inspections");
                (region, chart, lines)
            })
            .collect();
        let themes = bands
            .iter()
            .filter_map(|&band| {
                let top: Vec<&crate::insights::ThemeCount> =
                    insights.themes.iter().filter(|t| t.overall_grade == band).take(THEMES_PER_BAND).collect();
                if top.is_empty() {
                    return None;
                }
                let name = band_label(band);
                let rows: Vec<String> = top.iter().map(|t| ws.taxonomy.label(&t.category).to_owned()).collect();
                let line = top
                    .iter()
                    .zip(&rows)
                    .map(|(t, label)| format!("{label} {}", t.count))
                    .collect::<Vec<_>>()
                    .join(", ");
                let series = vec![SeriesInput {
                    name: "Recommendations".to_owned(),
                    light: colour(&light, band),
                    dark: colour(&dark, band),
                    values: top.iter().map(|t| t.count as f64).collect(),
                }];
                let chart = Chart::new(Layout::StackedRows, rows, series, "Recommendations");
                Some((name.clone(), chart, format!("{name}: {line}")))
            })
            .collect();
        Self { grades_by_year, themes }
    }
}

/// "Mar 2026".
fn month_label(year: i32, month: u32) -> String {
    Date::from_ymd_opt(year, month, 1).map_or_else(|| format!("{month:02}/{year}"), |d| d.format("%b %Y").to_string())
}

impl InsightsCache {
    /// Recomputes when the workspace or the date changed since the last call.
    pub fn refresh(&mut self, ws: &crate::workspace::Workspace, revision: u64, today: Date) {
        if self.key != Some((revision, today)) {
            self.insights = Insights::build(ws);
            self.dashboard = Dashboard::build(ws, today);
            self.charts = Some(DashboardCharts::build(ws, &self.dashboard));
            self.national = Some(NationalCharts::build(ws, &self.insights));
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

/// The command a click on a bar or figure of category × status asks for.
fn filter_command(category: &CategoryId, status: Option<Status>) -> Command {
    Command::FilterTable { category: category.clone(), status, kind: Some(FindingKind::Recommendation) }
}

/// The command a click on an action bar or figure asks for: the action plan, filtered.
fn plan_command(filter: ActionFilter) -> Command {
    Command::FilterPlan(filter)
}

/// A figure as a button: `caption` on `fill` (the theme's button colour when `None`),
/// named `name` for screen readers and tests ("Care leavers: 2 not started"). Returns
/// whether it was clicked.
fn figure_button(ui: &mut egui::Ui, caption: &str, fill: Option<egui::Color32>, name: &str) -> bool {
    let mut text = egui::RichText::new(caption);
    if let Some(fill) = fill {
        text = text.color(crate::ui::theme::text_on(fill));
    }
    let mut button = egui::Button::new(text).wrap_mode(egui::TextWrapMode::Extend);
    if let Some(fill) = fill {
        button = button.fill(fill);
    }
    let response = ui.add(button);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.clicked()
}

/// The dashboard.
pub fn dashboard_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, cache: &InsightsCache) {
    let tokens = cx.tokens;
    let d = &cache.dashboard;
    let Some(charts) = &cache.charts else { return };
    egui::ScrollArea::vertical().id_salt("dashboard").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let overdue = format!("{} overdue", d.overdue);
            if figure_button(ui, &overdue, None, &format!("{overdue} actions")) {
                cx.queue.push(plan_command(ActionFilter { overdue_only: true, ..Default::default() }));
            }
            let soon = format!("{} due in the next four weeks", d.due_soon);
            if figure_button(ui, &soon, None, &soon) {
                cx.queue.push(plan_command(ActionFilter { slice: Some(ActionSlice::DueSoon), ..Default::default() }));
            }
            ui.separator();
            for (rag, n) in &d.rag {
                let (caption, fill, filter) = match rag {
                    Some(rag) => {
                        (rag.label(), Some(tokens.rag(*rag)), ActionFilter { rag: Some(*rag), ..Default::default() })
                    }
                    None => ("No RAG", None, ActionFilter { slice: Some(ActionSlice::Unrated), ..Default::default() }),
                };
                let name = format!("{caption}: {n} action{}", if *n == 1 { "" } else { "s" });
                if figure_button(ui, &format!("{caption} {n}"), fill, &name) {
                    cx.queue.push(plan_command(filter));
                }
            }
        });
        ui.add_space(8.0);
        ui.section_heading(tokens, "Recommendations by status within each category");
        if charts.recommendations.is_empty() {
            ui.weak_label(tokens, "No recommendation in the workspace yet.");
        } else if let Some((row, series)) = chart_ui(ui, tokens, "status_by_category", &charts.recommendations) {
            cx.queue.push(filter_command(&charts.categories[row], Some(Status::ALL[series])));
        }
        status_figures_ui(ui, cx, d, &charts.categories);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Actions by status within each category");
        if charts.actions.is_empty() {
            ui.weak_label(tokens, "No recommendation has an action yet.");
        } else if let Some((row, series)) = chart_ui(ui, tokens, "actions_by_category", &charts.actions) {
            cx.queue.push(plan_command(ActionFilter {
                category: Some(charts.action_categories[row].clone()),
                status: Some(Status::ALL[series]),
                ..Default::default()
            }));
        }
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
                    let label = cx.ws.taxonomy.label(category);
                    for (status, n) in &row.actions {
                        let name = format!(
                            "{label}: {n} action{}, {}",
                            if *n == 1 { "" } else { "s" },
                            status.label().to_lowercase()
                        );
                        let caption = format!("{} {n}", status.label());
                        if figure_button(ui, &caption, Some(tokens.status(*status)), &name) {
                            cx.queue.push(plan_command(ActionFilter {
                                category: Some(category.clone()),
                                status: Some(*status),
                                ..Default::default()
                            }));
                        }
                    }
                });
                ui.end_row();
            }
        });

        ui.add_space(8.0);
        ui.section_heading(tokens, "Actions due and done by month");
        months_ui(ui, cx, d, charts);

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

/// The same figures as text: one line per category, a button per status with a count.
fn status_figures_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, d: &Dashboard, categories: &[CategoryId]) {
    egui::Grid::new("status_figures").striped(true).show(ui, |ui| {
        for category in categories {
            let label = cx.ws.taxonomy.label(category).to_owned();
            let row = &d.by_category[category];
            let total: usize = row.recommendation_status.values().sum();
            if ui.button(format!("{label}: {total}")).on_hover_text("Show these in the findings table").clicked() {
                cx.queue.push(filter_command(category, None));
            }
            ui.horizontal(|ui| {
                for (status, n) in &row.recommendation_status {
                    let name = format!("{label}: {n} {}", status.label().to_lowercase());
                    let caption = format!("{} {n}", status.label());
                    if figure_button(ui, &caption, Some(cx.tokens.status(*status)), &name) {
                        cx.queue.push(filter_command(category, Some(*status)));
                    }
                }
            });
            ui.end_row();
        }
    });
}

/// The month's actions due (series 0) or done (series 1), as the plan's filter.
fn month_filter((year, month): (i32, u32), series: usize) -> ActionFilter {
    let slice = if series == 0 { ActionSlice::DueIn { year, month } } else { ActionSlice::DoneIn { year, month } };
    ActionFilter { slice: Some(slice), ..Default::default() }
}

fn months_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, d: &Dashboard, charts: &DashboardCharts) {
    if d.months.is_empty() {
        ui.weak_label(cx.tokens, "No action has a due date yet.");
        return;
    }
    if let Some((row, series)) = chart_ui(ui, cx.tokens, "due_and_done", &charts.months) {
        cx.queue.push(plan_command(month_filter(charts.month_keys[row], series)));
    }
    ui.horizontal_wrapped(|ui| {
        for (&(y, m), row) in &d.months {
            let month = month_label(y, m);
            ui.label(format!("{month}:"));
            for (series, n, what) in [(0, row.due, "due"), (1, row.done, "done")] {
                if figure_button(ui, &format!("{n} {what}"), None, &format!("{month}: {n} {what}")) {
                    cx.queue.push(plan_command(month_filter((y, m), series)));
                }
            }
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

/// The national table: each authority's latest full inspection, focused visit and JTAI,
/// then the overall grades by year and the themes most often recommended by grade band.
pub fn national_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, cache: &InsightsCache, choice: &mut NationalChoice) {
    let tokens = cx.tokens;
    ui.horizontal_wrapped(|ui| {
        // Arrow keys step through a focused filter's choices (see `option_combo`).
        let filter = &mut choice.filter;
        super::filter_bar::option_combo(ui, "Region filter", "All regions", &mut filter.region, Region::ALL, |r| {
            r.label()
        });
        let kinds = AuthorityKind::ALL;
        super::filter_bar::option_combo(ui, "Type filter", "All types", &mut filter.kind, kinds, |k| k.label());
    });
    let rows = cache.insights.national(choice.filter, choice.sort);
    let date = |d: Option<Date>| d.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_else(|| "–".to_owned());
    egui::ScrollArea::vertical().id_salt("national").show(ui, |ui| {
        egui::ScrollArea::horizontal().id_salt("national_table_scroll").show(ui, |ui| {
            national_table_ui(ui, cx, &rows, choice, &date);
        });
        let Some(charts) = &cache.national else { return };
        ui.add_space(12.0);
        let region = choice.filter.region.map_or_else(|| "England".to_owned(), |r| r.label().to_owned());
        ui.section_heading(tokens, &format!("Overall grades of full inspections by year, {region}"));
        match charts.grades_by_year.iter().find(|(r, _, _)| *r == choice.filter.region) {
            Some((_, chart, lines)) if !chart.is_empty() => {
                chart_ui(ui, tokens, "grades_by_year", chart);
                for line in lines {
                    ui.label(line);
                }
            }
            _ => {
                ui.weak_label(tokens, "No full inspection with a date in the workspace for this region.");
            }
        }
        ui.add_space(12.0);
        ui.section_heading(tokens, "The themes most often in recommendations, by overall grade");
        ui.weak_label(tokens, "The grade in force when each report was written; every region and type.");
        if charts.themes.is_empty() {
            ui.weak_label(tokens, "No recommendation in the workspace yet.");
        }
        for (band, chart, line) in &charts.themes {
            ui.add_space(4.0);
            ui.strong(band);
            chart_ui(ui, tokens, band, chart);
            ui.label(line);
        }
    });
}

/// The table itself: a header of sort buttons, then a row per authority.
fn national_table_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    rows: &[&crate::insights::AuthorityInsight],
    choice: &mut NationalChoice,
    date: &dyn Fn(Option<Date>) -> String,
) {
    let tokens = cx.tokens;
    egui::Grid::new("national_table").striped(true).show(ui, |ui| {
        for (column, title) in [
            (Some(NationalColumn::Name), "Authority"),
            (Some(NationalColumn::Region), "Region"),
            (Some(NationalColumn::Inspected), "Inspected"),
            (Some(NationalColumn::Overall), "Overall"),
            // The grades last: the widest column, so the dates stay in view.
            (None, "Focused visit"),
            (None, "JTAI"),
            (None, "Judgements"),
        ] {
            match column {
                Some(column) => {
                    ui.horizontal(|ui| {
                        // A button, so Tab reaches it and Enter or Space sorts.
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
                Some(g) => {
                    chips_ui(ui, tokens, &[(g, None)]);
                }
                None => {
                    ui.weak_label(tokens, "–");
                }
            }
            let judgements: Vec<(Grade, Option<&str>)> = full
                .map(|r| r.judgements.iter().map(|j| (j.grade, Some(j.area.as_str()))).collect())
                .unwrap_or_default();
            ui.label(date(a.latest_focused_visit().and_then(|r| r.date())));
            ui.label(date(a.latest_jtai().and_then(|r| r.date())));
            chips_ui(ui, tokens, &judgements);
            ui.end_row();
        }
    });
}

/// Grade chips in a row, the cell made as wide as they need: a grid cell only offers
/// last frame's column width, in which `chip` would cut them short.
fn chips_ui(ui: &mut egui::Ui, tokens: &Tokens, grades: &[(Grade, Option<&str>)]) {
    let font = egui::FontId::proportional(12.0);
    let spacing = ui.spacing().item_spacing.x;
    let width: f32 = grades
        .iter()
        .map(|(g, _)| {
            ui.painter().layout_no_wrap(g.label().to_owned(), font.clone(), tokens.text_strong).size().x + 14.0
        })
        .sum::<f32>()
        + spacing * grades.len().saturating_sub(1) as f32;
    ui.horizontal(|ui| {
        ui.set_min_width(width);
        for (grade, area) in grades {
            let chip = ui.grade_badge(tokens, *grade);
            if let Some(area) = area {
                chip.on_hover_text(*area);
            }
        }
    });
}
