//! The views across reports: the dashboard (recommendations by status within each
//! category as stacked bars, actions by status, RAG, overdue and due soon, due against
//! done by month, progress per report), a council's history (its reports on a timeline
//! with every judgement's grade, the recommendations raised before, its statistical
//! neighbours), and the national table with its charts of grades by year and themes by
//! grade band. Every figure is also written out as text, so it can be read without the
//! colours and by a screen reader. The figures and the charts' bars come from `insights`
//! (computed once per workspace revision in [`InsightsCache`]); the views only draw them
//! and push commands: clicking a recommendation bar or figure filters the findings table,
//! an action bar or figure the action plan.

use super::PanelCtx;
use super::charts::{Chart, Layout, SeriesInput, chart_ui};
use crate::insights::dashboard::{Dashboard, PlanState};
use crate::insights::{Insights, NationalColumn, NationalFilter, NationalSort, RaisedBefore};
use crate::model::{AuthorityKind, CategoryId, Date, FindingKind, Grade, Rag, Region, Status};
use crate::ui::commands::Command;
use crate::ui::state::MainView;
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;
use crate::workspace::query::{ActionFilter, ActionSlice, month_name};
use std::collections::BTreeMap;

use eframe::egui;

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
    /// The dashboard's charts, drawn from `dashboard`.
    charts: Option<DashboardCharts>,
    /// The national view's charts, drawn from `insights`.
    national: Option<NationalCharts>,
    /// Each authority's repeats as lines of text, with both recommendations' text for
    /// their hover, by authority code.
    repeat_lines: BTreeMap<String, Vec<(String, String)>>,
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
    /// A line per report with recommendations.
    progress: Vec<ProgressRow>,
}

/// One report's progress, as the dashboard writes it.
struct ProgressRow {
    name: String,
    fraction: f32,
    /// "2 of 5 actions done".
    done: String,
    /// "4 recommendations, 1 without an action, 2 overdue".
    summary: String,
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
            month_keys.iter().map(|&(y, m)| month_name(y, m)).collect(),
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
        let progress = d
            .reports
            .iter()
            .map(|r| ProgressRow {
                name: ws.report(&r.report).map_or_else(|| r.report.0.clone(), |x| x.display_name()),
                fraction: r.progress.fraction_done(),
                done: format!("{} of {} actions done", r.progress.done(), r.progress.live()),
                summary: format!(
                    "{} recommendation{}, {} without an action, {} overdue",
                    r.recommendations,
                    if r.recommendations == 1 { "" } else { "s" },
                    r.without_actions,
                    r.progress.overdue
                ),
            })
            .collect();
        Self {
            progress,
            recommendations,
            categories: categories.into_iter().cloned().collect(),
            actions,
            action_categories: with_actions.into_iter().cloned().collect(),
            months,
            month_keys,
        }
    }
}

/// "R3 of the 2023 full inspection: Repeats R2 of the 2019 full inspection (81% alike)" per repeat.
fn repeat_lines(ws: &crate::workspace::Workspace, insights: &Insights) -> BTreeMap<String, Vec<(String, String)>> {
    let text = |f: &crate::workspace::FindingRef| ws.finding(f).map(|(_, f)| f.text.as_str()).unwrap_or_default();
    let mut lines: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in &insights.repeats {
        // The later one named first, then the wording every view and export uses.
        let line = format!("{}: {}", r.later_label(ws), r.summary(ws));
        let texts = format!("{}\n\nEarlier: {}", text(&r.later), text(&r.earlier));
        lines.entry(r.authority.0.clone()).or_default().push((line, texts));
    }
    lines
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
            self.charts = Some(DashboardCharts::build(ws, &self.dashboard));
            self.national = Some(NationalCharts::build(ws, &self.insights));
            self.repeat_lines = repeat_lines(ws, &self.insights);
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
            if !d.rag.is_empty() {
                ui.separator();
            }
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
        // A line per category that wraps within the view (as a grid it grew wider than the
        // view, and every chart below with it).
        let label_width = 220.0_f32.min(ui.available_width() * 0.3);
        for (category, row) in &d.by_category {
            ui.horizontal_wrapped(|ui| {
                let label = cx.ws.taxonomy.label(category);
                ui.allocate_ui_with_layout(
                    egui::vec2(label_width, ui.spacing().interact_size.y),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_width(label_width);
                        ui.strong(label);
                    },
                );
                let states: Vec<String> = PlanState::ALL
                    .iter()
                    .map(|s| format!("{} {}", s.label(), row.recommendations.get(s).copied().unwrap_or(0)))
                    .collect();
                ui.weak_label(tokens, &states.join(" · "))
                    .on_hover_text("Recommendations by how far their actions have got");
                {
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
                }
            });
        }

        ui.add_space(8.0);
        ui.section_heading(tokens, "Actions due and done by month");
        months_ui(ui, cx, d, charts);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Progress per report");
        progress_ui(ui, &charts.progress);
    });
}

/// How tall a report's line of progress is, in points.
const PROGRESS_ROW: f32 = 26.0;

/// `count` lines of `height`, of which only those the enclosing scroll area shows are
/// drawn (by `line_ui`, left to right, long text cut short): a list of hundreds of
/// reports or repeats would otherwise be laid out in full every frame.
fn visible_lines_ui(ui: &mut egui::Ui, count: usize, height: f32, mut line_ui: impl FnMut(&mut egui::Ui, usize)) {
    let size = egui::vec2(ui.available_width(), count as f32 * height);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let visible = ui.clip_rect().intersect(rect);
    if !visible.is_positive() {
        return;
    }
    let first = ((visible.top() - rect.top()) / height).floor().max(0.0) as usize;
    let last = (((visible.bottom() - rect.top()) / height).ceil() as usize).min(count);
    for i in first..last {
        let top = rect.top() + i as f32 * height;
        let line = egui::Rect::from_min_size(egui::pos2(rect.left(), top), egui::vec2(rect.width(), height));
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let mut ui = ui.new_child(egui::UiBuilder::new().max_rect(line).layout(layout));
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        line_ui(&mut ui, i);
    }
}

/// A line per report.
fn progress_ui(ui: &mut egui::Ui, rows: &[ProgressRow]) {
    let name_width = (ui.available_width() * 0.35).clamp(160.0, 360.0);
    visible_lines_ui(ui, rows.len(), PROGRESS_ROW, |ui, i| {
        let row = &rows[i];
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        ui.allocate_ui_with_layout(egui::vec2(name_width, PROGRESS_ROW), layout, |ui| {
            ui.set_min_width(name_width);
            ui.label(&row.name).on_hover_text(&row.name);
        });
        ui.add(egui::ProgressBar::new(row.fraction).desired_width(160.0).text(&row.done));
        ui.label(&row.summary);
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
    // A month a line: wrapped across the view, a month's name parted from its figures.
    egui::CollapsingHeader::new("The figures month by month").id_salt("months_as_text").show(ui, |ui| {
        egui::Grid::new("months_grid").striped(true).show(ui, |ui| {
            for (&(y, m), row) in &d.months {
                let month = month_name(y, m);
                ui.label(&month);
                for (series, n, what) in [(0, row.due, "due"), (1, row.done, "done")] {
                    if figure_button(ui, &format!("{n} {what}"), None, &format!("{month}: {n} {what}")) {
                        cx.queue.push(plan_command(month_filter((y, m), series)));
                    }
                }
                ui.end_row();
            }
        });
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
        let history = insights.history(code);
        for r in &history {
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
            // An area and its grade a line, the grade in a column of its own: read across
            // the reports, the column is the grade history.
            if r.overall_judgement.is_none() && r.kind == crate::model::ReportKind::FullInspection {
                ui.weak_label(tokens, "No overall grade");
            }
            egui::Grid::new(("report_grades", &r.id)).num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
                let overall = r.overall_judgement.map(|g| ("Overall", g));
                for (area, grade) in overall.into_iter().chain(r.judgements.iter().map(|j| (j.area.as_str(), j.grade)))
                {
                    ui.add(egui::Label::new(area).wrap_mode(egui::TextWrapMode::Extend));
                    chips_ui(ui, tokens, &[(grade, None)]);
                    ui.end_row();
                }
            });
            ui.separator();
        }

        ui.add_space(8.0);
        ui.section_heading(tokens, "Grade history");
        super::council::grade_history_ui(ui, tokens, &history);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Recommendations by theme");
        super::council::themes_ui(ui, tokens, cx.ws, &history);

        ui.add_space(8.0);
        ui.section_heading(tokens, "Raised before");
        let repeats = cache.repeat_lines.get(code).map(Vec::as_slice).unwrap_or_default();
        if repeats.is_empty() {
            ui.weak_label(tokens, "No recommendation closely resembles one of an earlier report.");
        }
        visible_lines_ui(ui, repeats.len(), 22.0, |ui, i| {
            let (line, texts) = &repeats[i];
            ui.label(line).on_hover_text(texts);
        });

        ui.add_space(8.0);
        ui.section_heading(tokens, "Statistical neighbours");
        let comparison = insights.neighbours(code);
        egui::Grid::new("neighbours").striped(true).show(ui, |ui| {
            for (authority, insight) in &comparison.neighbours {
                ui.label(&authority.name);
                // The date and the grade in one cell: a third column, empty on most rows,
                // was sized too narrow for the badge and cut it.
                match insight.and_then(|i| i.latest_full_inspection()) {
                    Some(r) => {
                        ui.horizontal(|ui| {
                            ui.label(r.date().map(|d| d.format("%b %Y").to_string()).unwrap_or_default());
                            match r.overall_judgement {
                                Some(g) => ui.grade_badge(tokens, g),
                                None => ui.weak_label(tokens, "No overall grade"),
                            };
                        });
                    }
                    None => {
                        ui.weak_label(tokens, "No full inspection in the workspace");
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
        let export = crate::ui::commands::UiCommand::ExportNational;
        if ui.button("Export to Excel…").on_hover_text(export.text_and_tooltip().1).clicked() {
            cx.queue.push(Command::Ui(export));
        }
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

/// The national table's columns: title, the column it sorts on, width in points. The
/// grades last: the widest column, so the dates stay in view.
const NATIONAL_COLUMNS: [(&str, Option<NationalColumn>, f32); 7] = [
    ("Authority", Some(NationalColumn::Name), 210.0),
    ("Region", Some(NationalColumn::Region), 190.0),
    ("Inspected", Some(NationalColumn::Inspected), 110.0),
    ("Overall", Some(NationalColumn::Overall), 170.0),
    ("Focused visit", None, 110.0),
    ("JTAI", None, 100.0),
    ("Judgements", None, 780.0),
];

/// How tall a row of the national table is, in points.
const NATIONAL_ROW: f32 = 26.0;

/// One child `Ui` per column of a line at `origin`, left to right, vertically centred.
fn national_cells_ui(ui: &mut egui::Ui, origin: egui::Pos2, mut cell_ui: impl FnMut(&mut egui::Ui, usize)) {
    let mut x = origin.x;
    for (i, (_, _, width)) in NATIONAL_COLUMNS.iter().enumerate() {
        let rect = egui::Rect::from_min_size(egui::pos2(x, origin.y), egui::vec2(width - 8.0, NATIONAL_ROW));
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let mut cell = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(layout));
        cell.set_clip_rect(rect.intersect(ui.clip_rect()));
        cell_ui(&mut cell, i);
        x += width;
    }
}

/// The table itself: a header of sort buttons, then a line per authority, drawn only
/// where the view's scroll area shows it (a national workspace has 150 authorities).
fn national_table_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    rows: &[&crate::insights::AuthorityInsight],
    choice: &mut NationalChoice,
    date: &dyn Fn(Option<Date>) -> String,
) {
    let tokens = cx.tokens;
    let width: f32 = NATIONAL_COLUMNS.iter().map(|c| c.2).sum();
    let (header, _) = ui.allocate_exact_size(egui::vec2(width, NATIONAL_ROW), egui::Sense::hover());
    national_cells_ui(ui, header.min, |ui, i| {
        let (title, column, _) = NATIONAL_COLUMNS[i];
        match column {
            Some(column) => {
                // A button, so Tab reaches it and Enter or Space sorts.
                if ui.button(title).on_hover_text("Sort by this column").clicked() {
                    choice.sort =
                        NationalSort { column, descending: choice.sort.column == column && !choice.sort.descending };
                }
                if choice.sort.column == column {
                    crate::ui::widgets::sort_arrow(ui, choice.sort.descending, tokens.accent);
                }
            }
            None => {
                ui.strong(title);
            }
        }
    });
    ui.scope(|ui| {
        ui.set_min_width(width);
        visible_lines_ui(ui, rows.len(), NATIONAL_ROW, |ui, row| {
            let a = rows[row];
            let origin = ui.max_rect().min;
            if row % 2 == 1 {
                let stripe = egui::Rect::from_min_size(origin, egui::vec2(width, NATIONAL_ROW));
                ui.painter().rect_filled(stripe, 0.0, ui.visuals().faint_bg_color);
            }
            let full = a.latest_full_inspection();
            national_cells_ui(ui, origin, |ui, i| match i {
                0 => {
                    if ui.link(&a.authority.name).clicked() {
                        cx.queue.push(Command::ShowAuthority(a.code().0.clone()));
                    }
                }
                1 => {
                    ui.label(a.authority.region.label());
                }
                2 => {
                    ui.label(date(full.and_then(|r| r.date())));
                }
                3 => match full.and_then(|r| r.overall_judgement) {
                    Some(g) => {
                        ui.grade_badge(tokens, g);
                    }
                    None => {
                        ui.weak_label(tokens, "–");
                    }
                },
                4 => {
                    ui.label(date(a.latest_focused_visit().and_then(|r| r.date())));
                }
                5 => {
                    ui.label(date(a.latest_jtai().and_then(|r| r.date())));
                }
                _ => {
                    for j in full.map(|r| r.judgements.as_slice()).unwrap_or_default() {
                        ui.grade_badge(tokens, j.grade).on_hover_text(&j.area);
                    }
                }
            });
        });
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
