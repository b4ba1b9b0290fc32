//! The action plan view (centre, beside the findings table): per report its plan header,
//! then its recommendations and priority actions in report order, each with a progress bar,
//! counts, worst RAG and next due date, and its actions as rows (reference, title, lead,
//! due, status, RAG, latest update), overdue in red; a recommendation that repeats one of
//! an earlier report says so ("Raised before", the earlier text in its tooltip). Only the rows on screen are drawn, from
//! the cached [`model::PlanModel`]. Clicking selects (Ctrl and Shift for several actions);
//! everything else is a command.

pub mod model;

use eframe::egui::{self, Align, Layout, Sense, UiBuilder};

use crate::insights::RaisedBefore;
use crate::model::{Action, Date, Finding, ImportedReport, Progress, Rag, Status};
use crate::ui::commands::{Command, PlanTarget, SelectMode};
use crate::ui::state::UiState;
use crate::ui::theme::Tokens;
use crate::ui::widgets::{self, UiExt as _};
use crate::workspace::query::{ActionFilter, ActionRef, PlanSelection, Selection};
use crate::workspace::{FindingRef, Workspace};

use super::PanelCtx;
use model::{PlanModel, PlanRow, RowHeights};

/// How tall the rows are.
pub const HEIGHTS: RowHeights = RowHeights { report: 38.0, item: 46.0, action: 26.0 };

/// Room for a reference (`R12.3`) and the indent of action rows.
const REF_WIDTH: f32 = 54.0;
const INDENT: f32 = 18.0;
/// The action columns after the title, with their widths; the latest update takes what
/// the title leaves, and is left out when that is too little.
const COLUMNS: &[(&str, f32)] = &[("Lead", 130.0), ("Due", 150.0), ("Status", 150.0), ("RAG", 58.0)];
/// The title's share of the row, and its least width.
const TITLE_SHARE: f32 = 0.34;
const TITLE_MIN_WIDTH: f32 = 200.0;
/// The latest update is shown when it gets at least this much.
const UPDATE_MIN_WIDTH: f32 = 110.0;

/// The plan view's own state: its rows and a row to bring into view.
#[derive(Debug, Default)]
pub struct PlanView {
    /// The cached rows.
    pub model: PlanModel,
    /// A row to scroll to on the next frame.
    pub scroll_to: Option<PlanTarget>,
}

impl PlanView {
    /// Brings the rows up to date (cheap when nothing changed).
    pub fn refresh(&mut self, ws: &Workspace, structure: u64, revision: u64, state: &UiState, today: Date) {
        let report = state.filter.report.as_ref();
        self.model.refresh(ws, structure, revision, &state.action_filter, report, today, HEIGHTS);
    }

    /// Draws the filter bar and the rows.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut PanelCtx<'_>,
        state: &mut UiState,
        selection: &Selection,
        plan: &PlanSelection,
    ) {
        filter_bar_ui(ui, cx, &mut state.action_filter, &self.model);
        ui.separator();
        if self.model.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                if state.action_filter.is_active() {
                    ui.weak_label(cx.tokens, "No actions match the filter.");
                    if ui.button("Clear action filters").clicked() {
                        state.action_filter = ActionFilter::default();
                    }
                } else {
                    ui.weak_label(cx.tokens, "No report shown has recommendations or priority actions.");
                }
            });
            return;
        }
        let widths = Widths::for_width(ui.available_width());
        column_header_ui(ui, cx.tokens, &widths);
        let scroll_to = self.scroll_to.take().and_then(|t| self.position_of(cx.ws, &t));
        let model = &self.model;
        let modifiers = ui.input(|i| i.modifiers);
        egui::ScrollArea::vertical().id_salt("plan_scroll").auto_shrink([false, false]).show_viewport(
            ui,
            |ui, viewport| {
                ui.style_mut().interaction.selectable_labels = false;
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                let origin = ui.max_rect().min;
                let width = ui.available_width();
                ui.set_min_size(egui::vec2(width, model.total_height()));
                let rect_of = |i: usize| {
                    model.span(i).map(|(top, bottom)| {
                        egui::Rect::from_min_max(origin + egui::vec2(0.0, top), origin + egui::vec2(width, bottom))
                    })
                };
                if let Some(rect) = scroll_to.and_then(rect_of) {
                    ui.scroll_to_rect(rect, None);
                }
                for i in model.rows_between(viewport.min.y, viewport.max.y) {
                    let (Some(row), Some(rect)) = (model.row(i), rect_of(i)) else { continue };
                    let rows = Rows {
                        model,
                        ws: cx.ws,
                        raised_before: cx.raised_before,
                        tokens: cx.tokens,
                        today: cx.today,
                        widths: &widths,
                    };
                    if let Some(target) = rows.row_ui(ui, row, i, rect, selection, plan) {
                        cx.queue.push(Command::SelectPlan { target, mode: SelectMode::from_modifiers(modifiers) });
                    }
                }
            },
        );
    }

    fn position_of(&self, ws: &Workspace, target: &PlanTarget) -> Option<usize> {
        match target {
            PlanTarget::Report(id) => self.model.position_of_report(ws, id),
            PlanTarget::Item(item) => self.model.position_of_item(ws, &item.report, &item.finding),
            PlanTarget::Action(action) => self.model.position_of_action(ws, action),
        }
    }
}

/// The widths of an action row's cells for the width of the view.
struct Widths {
    title: f32,
    columns: Vec<f32>,
    /// The latest update's width; 0 when there is no room for it.
    update: f32,
}

impl Widths {
    fn for_width(width: f32) -> Self {
        let columns: Vec<f32> = COLUMNS.iter().map(|(_, w)| *w).collect();
        let spacing = 8.0 * (COLUMNS.len() as f32 + 3.0);
        let fixed: f32 = columns.iter().sum::<f32>() + REF_WIDTH + INDENT + spacing + 12.0;
        let title = (width * TITLE_SHARE).max(TITLE_MIN_WIDTH).max(width - fixed - 2.0 * TITLE_MIN_WIDTH);
        let rest = width - fixed - title;
        let (title, update) =
            if rest >= UPDATE_MIN_WIDTH { (title, rest) } else { ((width - fixed).max(TITLE_MIN_WIDTH), 0.0) };
        Self { title, columns, update }
    }
}

fn column_header_ui(ui: &mut egui::Ui, tokens: &Tokens, widths: &Widths) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 8.0;
        ui.add_space(6.0 + INDENT);
        let strong = |text: &str| egui::RichText::new(text).strong().color(tokens.text_weak);
        cell(ui, REF_WIDTH, |ui| {
            ui.label(strong("Ref."));
        });
        cell(ui, widths.title, |ui| {
            ui.label(strong("Action"));
        });
        for ((name, _), width) in COLUMNS.iter().zip(&widths.columns) {
            cell(ui, *width, |ui| {
                ui.label(strong(name));
            });
        }
        if widths.update > 0.0 {
            cell(ui, widths.update, |ui| {
                ui.label(strong("Latest update"));
            });
        }
    });
}

/// A cell of fixed width; what it holds is cut to fit.
fn cell(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    let height = ui.available_height().max(ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(egui::vec2(width, height), Layout::left_to_right(Align::Center), |ui| {
        ui.set_width(width);
        ui.set_clip_rect(ui.max_rect().intersect(ui.clip_rect()));
        add(ui);
    });
}

/// What drawing the rows needs.
struct Rows<'a> {
    model: &'a PlanModel,
    ws: &'a Workspace,
    raised_before: &'a RaisedBefore,
    tokens: &'a Tokens,
    today: Date,
    widths: &'a Widths,
}

impl Rows<'_> {
    /// Draws one row in `rect`; returns what it selects when clicked.
    fn row_ui(
        &self,
        ui: &mut egui::Ui,
        row: &PlanRow,
        index: usize,
        rect: egui::Rect,
        selection: &Selection,
        plan: &PlanSelection,
    ) -> Option<PlanTarget> {
        let response = ui.interact(rect, ui.scope_id().with(("plan_row", index)), Sense::click());
        let (target, selected, fill) = match row {
            PlanRow::Report { report } => {
                let report = self.ws.reports.get(*report)?;
                let selected = plan.report.as_ref() == Some(&report.id);
                (PlanTarget::Report(report.id.clone()), selected, Some(self.tokens.header_fill))
            }
            PlanRow::Item { report, finding, .. } => {
                let report = self.ws.reports.get(*report)?;
                let finding = report.findings.get(*finding)?;
                let target = FindingRef { report: report.id.clone(), finding: finding.id.clone() };
                let selected =
                    plan.focus.is_none() && plan.report.is_none() && selection.focus.as_ref() == Some(&target);
                (PlanTarget::Item(target), selected, Some(self.tokens.card_fill))
            }
            PlanRow::Action { report, action } => {
                let report = self.ws.reports.get(*report)?;
                let action = ActionRef::of(report, report.actions.get(*action)?);
                let selected = plan.set.contains(&action);
                (PlanTarget::Action(action), selected, None)
            }
        };
        let visuals = ui.visuals();
        let fill = if selected {
            Some(visuals.selection.bg_fill)
        } else if response.hovered() {
            Some(visuals.widgets.hovered.weak_bg_fill)
        } else {
            fill
        };
        if let Some(fill) = fill {
            ui.painter().rect_filled(rect.shrink2(egui::vec2(0.0, 1.0)), 3.0, fill);
        }
        let inner = rect.shrink2(egui::vec2(6.0, 2.0));
        let mut row_ui = ui.new_child(UiBuilder::new().max_rect(inner).layout(Layout::left_to_right(Align::Center)));
        row_ui.spacing_mut().item_spacing.x = 8.0;
        match row {
            PlanRow::Report { report } => self.report_ui(&mut row_ui, self.ws.reports.get(*report)?),
            PlanRow::Item { report, finding, progress } => {
                let report_index = *report;
                let report = self.ws.reports.get(report_index)?;
                self.item_ui(&mut row_ui, report_index, report.findings.get(*finding)?, progress);
            }
            PlanRow::Action { report, action } => {
                self.action_ui(&mut row_ui, *report, self.ws.reports.get(*report)?.actions.get(*action)?);
            }
        }
        response.clicked().then_some(target)
    }

    fn report_ui(&self, ui: &mut egui::Ui, report: &ImportedReport) {
        // On the header colour, in the colour that reads on it.
        let colour = crate::ui::theme::text_on(self.tokens.header_fill);
        ui.label(egui::RichText::new(report.display_name()).strong().size(15.0).color(colour));
        ui.add(
            egui::Label::new(egui::RichText::new(plan_summary(report)).color(colour.gamma_multiply(0.8))).truncate(),
        );
    }

    fn item_ui(&self, ui: &mut egui::Ui, report: usize, finding: &Finding, progress: &Progress) {
        let tokens = self.tokens;
        let reference = self.model.refs(report).and_then(|r| r.finding(&finding.id)).unwrap_or("");
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.horizontal(|ui| {
                cell(ui, REF_WIDTH, |ui| {
                    ui.chip(reference, tokens.accent);
                });
                let target = FindingRef { report: self.ws.reports[report].id.clone(), finding: finding.id.clone() };
                self.raised_before_ui(ui, &target);
                let text = widgets::display_text(&finding.text);
                ui.add(egui::Label::new(egui::RichText::new(text.as_ref()).strong()).truncate()).on_hover_ui(|ui| {
                    ui.set_max_width(520.0);
                    ui.label(text.as_ref());
                });
            });
            ui.horizontal(|ui| {
                ui.add_space(REF_WIDTH + 8.0);
                progress_ui(ui, tokens, progress, self.today);
            });
        });
    }

    /// A compact "Raised before" chip when the recommendation repeats an earlier report's;
    /// its tooltip says which, how alike, and what the earlier one said.
    fn raised_before_ui(&self, ui: &mut egui::Ui, target: &FindingRef) {
        let mut repeats = self.raised_before.of(target).peekable();
        if repeats.peek().is_none() {
            return;
        }
        let repeats: Vec<_> = repeats.collect();
        let text = match repeats.len() {
            1 => "Raised before".to_owned(),
            n => format!("Raised before ×{n}"),
        };
        ui.chip(&text, self.tokens.rag_amber).on_hover_ui(|ui| {
            ui.set_max_width(480.0);
            for repeat in &repeats {
                ui.label(egui::RichText::new(repeat.summary(self.ws)).strong());
                let earlier = self.ws.finding(&repeat.earlier).map(|(_, f)| f.text.as_str()).unwrap_or_default();
                ui.label(widgets::display_text(earlier).as_ref());
            }
        });
    }

    fn action_ui(&self, ui: &mut egui::Ui, report: usize, action: &Action) {
        let tokens = self.tokens;
        let reference = self.model.refs(report).and_then(|r| r.action(&action.id)).unwrap_or("");
        ui.add_space(INDENT);
        cell(ui, REF_WIDTH, |ui| {
            ui.label(egui::RichText::new(reference).monospace());
        });
        let cancelled = action.status == Status::Cancelled;
        cell(ui, self.widths.title, |ui| {
            let mut title = egui::RichText::new(widgets::display_text(&action.title).into_owned());
            if cancelled {
                title = title.strikethrough().color(tokens.text_weak);
            }
            ui.add(egui::Label::new(title).truncate()).on_hover_ui(|ui| action_tooltip_ui(ui, action));
        });
        let w = &self.widths.columns;
        cell(ui, w[0], |ui| match &action.lead {
            Some(lead) => {
                ui.add(egui::Label::new(lead.as_str()).truncate());
            }
            None => {
                ui.weak_label(tokens, "No lead");
            }
        });
        cell(ui, w[1], |ui| action_due_ui(ui, tokens, action, self.today));
        cell(ui, w[2], |ui| {
            ui.status_badge(tokens, action.status);
        });
        cell(ui, w[3], |ui| {
            if let Some(rag) = action.rag {
                ui.rag_badge(tokens, rag);
            }
        });
        if self.widths.update <= 0.0 {
            return;
        }
        cell(ui, self.widths.update, |ui| {
            if let Some(update) = action.latest_update() {
                let who = update.author.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
                let text = format!("{} {}{who}", update.date.format("%-d %b"), widgets::display_text(&update.text));
                ui.add(egui::Label::new(egui::RichText::new(text).color(tokens.text_weak)).truncate());
            }
        });
    }
}

/// A report's plan header in a line: lead, submission deadline (the statutory one unless
/// the plan sets one), board meetings, actions.
pub fn plan_summary(report: &ImportedReport) -> String {
    let plan = &report.plan;
    let mut parts = vec![match &plan.lead {
        Some(lead) => format!("Plan led by {lead}"),
        None => "No plan lead".to_owned(),
    }];
    match (plan.submission_deadline, crate::export::dates::suggested_due_date(report)) {
        (Some(date), _) => parts.push(format!("plan due {}", long_date(date))),
        (None, Some(date)) => parts.push(format!("plan due {} (statutory)", long_date(date))),
        (None, None) => {}
    }
    if !plan.board_meetings.is_empty() {
        let dates: Vec<String> = plan.board_meetings.iter().map(|d| d.format("%-d %b %Y").to_string()).collect();
        parts.push(format!("board {}", dates.join(", ")));
    }
    parts.push(match report.actions.len() {
        1 => "1 action".to_owned(),
        n => format!("{n} actions"),
    });
    parts.join(" · ")
}

/// A date as the plan shows it: 3 Mar 2026.
pub fn long_date(date: Date) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A recommendation's progress: bar, counts, worst RAG and next due date (red when any
/// action is overdue), or "No action yet".
pub fn progress_ui(ui: &mut egui::Ui, tokens: &Tokens, progress: &Progress, today: Date) {
    if progress.total == 0 {
        ui.label(egui::RichText::new("No action yet").color(tokens.warning_text));
        return;
    }
    let text = format!("{} of {} done", progress.done(), progress.live());
    let bar = egui::ProgressBar::new(progress.fraction_done()).desired_width(110.0).desired_height(6.0);
    ui.add(bar.fill(tokens.accent)).on_hover_text("Complete, verified or closed, of the actions not cancelled");
    ui.label(text);
    let counts: Vec<String> = progress
        .by_status
        .iter()
        .filter(|(s, _)| !s.is_finished())
        .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
        .collect();
    if !counts.is_empty() {
        ui.weak_label(tokens, &counts.join(", "));
    }
    if let Some(rag) = progress.worst_rag {
        ui.rag_badge(tokens, rag).on_hover_text("The worst RAG of its actions");
    }
    if let Some(next) = progress.next_due {
        if progress.overdue > 0 {
            let text = format!("next due {} · {} overdue", long_date(next), progress.overdue);
            ui.label(egui::RichText::new(text).color(tokens.status_overdue).strong());
        } else {
            let days = (next - today).num_days();
            ui.label(format!("next due {}", long_date(next))).on_hover_text(format!("in {days} days"));
        }
    }
}

/// An action's due date, in the overdue colour with "overdue" spelled out when past; a
/// revised date says so.
pub fn action_due_ui(ui: &mut egui::Ui, tokens: &Tokens, action: &Action, today: Date) {
    let Some(due) = action.due else {
        ui.weak_label(tokens, "No due date");
        return;
    };
    let revised = if action.due_revisions.is_empty() { "" } else { " (revised)" };
    let days = action.days_overdue(today);
    let response = if days > 0 {
        ui.label(egui::RichText::new(format!("{} · overdue", long_date(due))).color(tokens.status_overdue).strong())
    } else {
        ui.label(format!("{}{revised}", long_date(due)))
    };
    response.on_hover_ui(|ui| {
        if days > 0 {
            ui.label(format!("{days} days overdue"));
        }
        if let Some(original) = action.original_due() {
            ui.label(format!("First due {}", long_date(original)));
        }
    });
}

fn action_tooltip_ui(ui: &mut egui::Ui, action: &Action) {
    ui.set_max_width(480.0);
    ui.label(egui::RichText::new(widgets::display_text(&action.title).as_ref()).strong());
    if !action.description.is_empty() {
        ui.label(widgets::display_text(&action.description).as_ref());
    }
    if !action.measure.is_empty() {
        let measure = action.measure.summary();
        ui.label(format!("Measure of success: {}", widgets::display_text(&measure)));
    }
    if let Some(reason) = &action.cancel_reason {
        ui.label(format!("Cancelled: {reason}"));
    }
    // The latest update has no column of its own in a narrow window.
    if let Some(update) = action.latest_update() {
        let who = update.author.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
        ui.label(format!("Latest update, {}{who}: {}", long_date(update.date), widgets::display_text(&update.text)));
    }
}

/// The plan's filter bar: lead, due before, overdue, status and RAG.
fn filter_bar_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, filter: &mut ActionFilter, model: &PlanModel) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Lead");
        ui.add(egui::TextEdit::singleline(&mut filter.lead).hint_text("Part of a lead's name").desired_width(150.0))
            .labelled_by(label.id);
        let mut due_before = filter.due_before.is_some();
        if ui.checkbox(&mut due_before, "Due before").changed() {
            let in_four_weeks = cx.today.checked_add_days(chrono::Days::new(28)).unwrap_or(cx.today);
            filter.due_before = due_before.then_some(in_four_weeks);
        }
        if let Some(before) = filter.due_before
            && let Some(date) = widgets::date_picker::date_picker_ui(ui, "plan_due_before", before)
        {
            filter.due_before = Some(date);
        }
        ui.checkbox(&mut filter.overdue_only, "Overdue");
        super::filter_bar::option_combo(
            ui,
            "Action status filter",
            "All statuses",
            &mut filter.status,
            Status::ALL,
            |s| s.label(),
        );
        super::filter_bar::option_combo(ui, "Action RAG filter", "Any RAG", &mut filter.rag, Rag::ALL, Rag::label);
        // What a dashboard figure asked for, which the bar has no control of its own for.
        let category = filter.category.as_ref().map(|c| cx.ws.taxonomy.label(c).to_owned());
        let from_dashboard: Vec<String> = category.into_iter().chain(filter.slice.map(|s| s.label())).collect();
        if !from_dashboard.is_empty() {
            ui.label(format!("Only {}", from_dashboard.join(", ")));
        }
        if filter.is_active() && ui.button("Clear").on_hover_text("Show every action").clicked() {
            *filter = ActionFilter::default();
        }
        ui.weak_label(cx.tokens, &format!("Showing {} of {} actions", model.shown_actions, model.total_actions));
    });
}
