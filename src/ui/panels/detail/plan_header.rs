//! A report's action plan header in the detail pane: the plan lead, the deadline for
//! submitting the plan (the statutory one, 70 working days after publication, unless the
//! plan sets its own) and the improvement board's meeting dates. Each change is one
//! `Edit::SetPlan`.

use eframe::egui;

use crate::model::{ImportedReport, PlanHeader, Progress};
use crate::ui::commands::Command;
use crate::ui::panels::PanelCtx;
use crate::ui::panels::plan::{long_date, progress_ui};
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::draft_text::{Draft, DraftField};
use crate::ui::widgets::owner_picker;
use crate::workspace::Edit;

use crate::ui::widgets::date_picker::date_picker_ui;

/// The plan lead's draft, for one report.
#[derive(Clone, Debug, Default)]
pub struct PlanDrafts {
    report: Option<crate::model::ReportId>,
    revision: u64,
    lead: Draft,
}

impl PlanDrafts {
    fn sync(&mut self, report: &ImportedReport, revision: u64) {
        let lead = report.plan.lead.clone().unwrap_or_default();
        if self.report.as_ref() != Some(&report.id) {
            self.report = Some(report.id.clone());
            self.lead.reset(&lead);
            self.revision = revision;
        } else if self.revision != revision {
            self.lead.sync(&lead);
            self.revision = revision;
        }
    }

    /// The edit a typed-but-uncommitted lead stands for.
    pub fn pending_edit(&self, ws: &crate::workspace::Workspace) -> Option<Edit> {
        let report = ws.report(self.report.as_ref()?)?;
        if !self.lead.is_edited() {
            return None;
        }
        lead_edit(report, &self.lead.text)
    }
}

fn lead_edit(report: &ImportedReport, text: &str) -> Option<Edit> {
    let lead = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
    (lead != report.plan.lead)
        .then(|| Edit::SetPlan { report: report.id.clone(), plan: PlanHeader { lead, ..report.plan.clone() } })
}

/// Draws the plan header editor of `report`.
pub(super) fn plan_header_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    report: &ImportedReport,
    drafts: &mut PlanDrafts,
    owners: &[String],
    revision: u64,
) {
    drafts.sync(report, revision);
    let tokens = cx.tokens;
    ui.section_heading(tokens, &format!("Action plan: {}", report.display_name()));
    ui.horizontal_wrapped(|ui| {
        progress_ui(ui, tokens, &Progress::of(&report.actions, cx.today), cx.today);
    });
    ui.add_space(6.0);
    let set = |cx: &mut PanelCtx<'_>, plan: PlanHeader| {
        cx.queue.push(Command::Edit(Edit::SetPlan { report: report.id.clone(), plan }));
    };
    egui::Grid::new("plan_header_grid").num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
        let label = ui.label("Plan lead");
        ui.horizontal(|ui| {
            let field = DraftField { labelled_by: label.id, hint: "Who leads the plan", rows: 1, width: 180.0 };
            let typed = field.ui(ui, &mut drafts.lead);
            let picked = owner_picker::owner_menu_ui(ui, owners);
            if let Some(name) = &picked {
                drafts.lead.text.clone_from(name);
            }
            if let Some(edit) = picked.or(typed).and_then(|name| lead_edit(report, &name)) {
                cx.queue.push(Command::Edit(edit));
            }
        });
        ui.end_row();

        ui.label("Plan due");
        ui.horizontal_wrapped(|ui| {
            let statutory = crate::export::dates::suggested_due_date(report);
            let shown = report.plan.submission_deadline.or(statutory);
            match shown {
                Some(shown) => {
                    if let Some(date) = date_picker_ui(ui, "plan_deadline", shown) {
                        set(cx, PlanHeader { submission_deadline: Some(date), ..report.plan.clone() });
                    }
                }
                None => {
                    if ui.button("Set a deadline").clicked() {
                        let date = cx.today.checked_add_days(chrono::Days::new(98)).unwrap_or(cx.today);
                        set(cx, PlanHeader { submission_deadline: Some(date), ..report.plan.clone() });
                    }
                }
            }
            match (report.plan.submission_deadline, statutory) {
                (None, Some(_)) => {
                    ui.weak_label(tokens, "statutory: 70 working days after publication");
                }
                (Some(_), Some(date)) => {
                    let text = format!("Use the statutory date ({})", long_date(date));
                    if ui.small_button(text).clicked() {
                        set(cx, PlanHeader { submission_deadline: None, ..report.plan.clone() });
                    }
                }
                _ => {}
            }
        });
        ui.end_row();

        ui.label("Board meetings");
        ui.vertical(|ui| {
            let meetings = &report.plan.board_meetings;
            if meetings.is_empty() {
                ui.weak_label(tokens, "None yet");
            }
            for (i, date) in meetings.iter().enumerate() {
                ui.horizontal(|ui| {
                    if let Some(new) = date_picker_ui(ui, &format!("board_meeting_{i}"), *date) {
                        let mut board_meetings = meetings.clone();
                        board_meetings[i] = new;
                        board_meetings.sort();
                        set(cx, PlanHeader { board_meetings, ..report.plan.clone() });
                    }
                    if ui.small_button("Remove").on_hover_text("Remove this meeting").clicked() {
                        let mut board_meetings = meetings.clone();
                        board_meetings.remove(i);
                        set(cx, PlanHeader { board_meetings, ..report.plan.clone() });
                    }
                });
            }
            if ui
                .button("Add a board meeting")
                .on_hover_text("Four weeks after the last; change it in the calendar")
                .clicked()
            {
                let after = meetings.last().copied().unwrap_or(cx.today);
                let date = after.checked_add_days(chrono::Days::new(28)).unwrap_or(after);
                let mut board_meetings = meetings.clone();
                board_meetings.push(date);
                board_meetings.sort();
                set(cx, PlanHeader { board_meetings, ..report.plan.clone() });
            }
        });
        ui.end_row();
    });
}
