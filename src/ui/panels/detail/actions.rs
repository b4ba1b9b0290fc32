//! A recommendation's actions in the detail pane: each as a card with its reference,
//! title, status, RAG and due date; the selected one opens its editors (title, description,
//! lead, status with the reason when cancelled, RAG and why, due date, whose change asks for
//! the reason once a date is set), its due-date revisions and progress updates with who and
//! when, and buttons to move, duplicate or cancel it. Text fields edit drafts committed on
//! focus loss; everything else is a command.

use eframe::egui;

use crate::model::{Action, ImportedReport, PlanRefs, Status};
use crate::ui::commands::{Command, PlanTarget, SelectMode};
use crate::ui::panels::PanelCtx;
use crate::ui::panels::plan::{action_due_ui, long_date, progress_ui};
use crate::ui::theme;
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::draft_text::{Draft, DraftField};
use crate::ui::widgets::{owner_picker, rag_row, status_picker};
use crate::workspace::query::ActionRef;
use crate::workspace::{ActionChange, Edit, FindingRef, Workspace};

use super::annotation::add_line_ui;
use crate::ui::widgets::date_picker::date_picker_ui;

/// Drafts of the open action's text fields.
#[derive(Clone, Debug, Default)]
pub struct ActionDrafts {
    target: Option<ActionRef>,
    revision: u64,
    title: Draft,
    description: Draft,
    lead: Draft,
    rationale: Draft,
    new_update: String,
    /// Focus the title (and select it) when this action's editor is drawn next.
    focus_title: Option<ActionRef>,
}

impl ActionDrafts {
    fn sync(&mut self, target: &ActionRef, action: &Action, revision: u64) {
        let lead = action.lead.clone().unwrap_or_default();
        if self.target.as_ref() != Some(target) {
            self.target = Some(target.clone());
            self.title.reset(&action.title);
            self.description.reset(&action.description);
            self.lead.reset(&lead);
            self.rationale.reset(&action.rag_rationale);
            self.new_update.clear();
            self.revision = revision;
        } else if self.revision != revision {
            self.title.sync(&action.title);
            self.description.sync(&action.description);
            self.lead.sync(&lead);
            self.rationale.sync(&action.rag_rationale);
            self.revision = revision;
        }
    }

    /// Asks for the title of `action` to take the keyboard, its text selected.
    pub fn edit_title(&mut self, action: &ActionRef) {
        self.focus_title = Some(action.clone());
    }

    /// The edits typed-but-uncommitted drafts stand for.
    pub fn pending_edits(&self, ws: &Workspace) -> Vec<Edit> {
        let Some(target) = &self.target else { return Vec::new() };
        let Some((_, action)) = target.resolve(ws) else { return Vec::new() };
        let mut changes = Vec::new();
        if self.title.is_edited()
            && let Some(title) = title_change(action, &self.title.text)
        {
            changes.push(title);
        }
        if self.description.is_edited() && self.description.text != action.description {
            changes.push(ActionChange::Description(self.description.text.clone()));
        }
        if self.lead.is_edited()
            && let Some(lead) = lead_change(action, &self.lead.text)
        {
            changes.push(lead);
        }
        if self.rationale.is_edited() && self.rationale.text != action.rag_rationale {
            changes.push(ActionChange::Rag { rag: action.rag, rationale: self.rationale.text.clone() });
        }
        changes
            .into_iter()
            .map(|change| Edit::SetAction { target: target.target.clone(), action: target.action.clone(), change })
            .collect()
    }
}

/// The title change a typed title stands for (a blank title is not taken).
fn title_change(action: &Action, text: &str) -> Option<ActionChange> {
    let title = text.trim();
    (!title.is_empty() && title != action.title).then(|| ActionChange::Title(title.to_owned()))
}

/// The lead change a typed name stands for (blank clears it).
fn lead_change(action: &Action, text: &str) -> Option<ActionChange> {
    let lead = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
    (lead != action.lead).then_some(ActionChange::Lead(lead))
}

/// What the actions section shows.
pub(super) struct ActionsSection<'a> {
    pub report: &'a ImportedReport,
    pub target: &'a FindingRef,
    pub refs: &'a PlanRefs,
    /// The action to open.
    pub open: Option<&'a ActionRef>,
    pub owners: &'a [String],
    pub revision: u64,
}

impl ActionsSection<'_> {
    pub fn ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, drafts: &mut ActionDrafts) {
        let actions: Vec<&Action> = self.report.actions_of(&self.target.finding).collect();
        let title = match self.refs.finding(&self.target.finding) {
            Some(reference) => format!("{reference} actions ({})", actions.len()),
            None => format!("Actions ({})", actions.len()),
        };
        ui.section_heading(cx.tokens, &title);
        ui.horizontal_wrapped(|ui| {
            progress_ui(ui, cx.tokens, &crate::model::Progress::of(actions.iter().copied(), cx.today), cx.today);
        });
        ui.add_space(4.0);
        for action in actions {
            let here = ActionRef::of(self.report, action);
            let open = self.open == Some(&here);
            theme::card(cx.tokens).show(ui, |ui| {
                ui.set_width(ui.available_width());
                self.summary_ui(ui, cx, action, &here, open);
                if open {
                    drafts.sync(&here, action, self.revision);
                    ui.separator();
                    Editor { action, here: &here, owners: self.owners }.ui(ui, cx, drafts);
                }
            });
            ui.add_space(4.0);
        }
        if ui.button("Add action").on_hover_text("Add an action to this recommendation (Ctrl+Shift+N)").clicked() {
            cx.queue.push(Command::AddAction(self.target.clone()));
        }
    }

    fn summary_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, action: &Action, here: &ActionRef, open: bool) {
        let tokens = cx.tokens;
        // One label, so the reference and title read (and are found) together.
        let reference = self.refs.action(&action.id).unwrap_or("");
        let mut job = egui::text::LayoutJob::default();
        let colour = tokens.text_strong;
        let mono = egui::TextFormat { font_id: egui::FontId::monospace(13.0), color: colour, ..Default::default() };
        let body = egui::TextFormat { font_id: egui::FontId::proportional(13.5), color: colour, ..Default::default() };
        job.append(reference, 0.0, mono);
        job.append(&format!(" {}", crate::ui::widgets::display_text(&action.title)), 4.0, body);
        ui.add(egui::Label::new(job).wrap());
        ui.horizontal_wrapped(|ui| {
            ui.status_badge(tokens, action.status);
            if let Some(rag) = action.rag {
                ui.rag_badge(tokens, rag);
            }
            action_due_ui(ui, tokens, action, cx.today);
            if let Some(lead) = &action.lead {
                ui.weak_label(tokens, lead);
            }
            if !open && ui.small_button("Edit").on_hover_text("Open this action's editors").clicked() {
                cx.queue
                    .push(Command::SelectPlan { target: PlanTarget::Action(here.clone()), mode: SelectMode::Replace });
            }
        });
    }
}

/// The editors of one action.
struct Editor<'a> {
    action: &'a Action,
    here: &'a ActionRef,
    owners: &'a [String],
}

impl Editor<'_> {
    fn set(&self, cx: &mut PanelCtx<'_>, change: ActionChange) {
        cx.queue.push(Command::SetActions { actions: vec![self.here.clone()], change });
    }

    fn ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, drafts: &mut ActionDrafts) {
        self.title_ui(ui, cx, drafts);
        egui::Grid::new(("action_grid", &self.action.id)).num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
            self.grid_ui(ui, cx, drafts);
        });
        let label = ui.label("Description");
        let field = DraftField { labelled_by: label.id, hint: "More about the action", rows: 2, width: f32::INFINITY };
        if let Some(text) = field.ui(ui, &mut drafts.description) {
            self.set(cx, ActionChange::Description(text));
        }
        if !self.action.measure.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Measure of success");
                ui.label(crate::ui::widgets::display_text(&self.action.measure.summary()).as_ref());
            });
        }
        ui.horizontal(|ui| {
            let here = self.here;
            if ui.small_button("Move up").on_hover_text("Alt+Up").clicked() {
                cx.queue.push(Command::MoveAction { action: here.clone(), up: true });
            }
            if ui.small_button("Move down").on_hover_text("Alt+Down").clicked() {
                cx.queue.push(Command::MoveAction { action: here.clone(), up: false });
            }
            if ui.small_button("Duplicate").on_hover_text("Ctrl+D").clicked() {
                cx.queue.push(Command::DuplicateActions(vec![here.clone()]));
            }
            if self.action.status != Status::Cancelled
                && ui.small_button("Cancel action…").on_hover_text("Delete; asks for the reason").clicked()
            {
                cx.queue.push(Command::AskCancelActions(vec![here.clone()]));
            }
        });
        self.revisions_ui(ui, cx);
        self.updates_ui(ui, cx, drafts);
    }

    fn title_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, drafts: &mut ActionDrafts) {
        let label = ui.label("Title");
        let id = egui::Id::unique(("action_title", &self.action.id));
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut drafts.title.text)
                    .id(id)
                    .hint_text("What will be done")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if drafts.focus_title.as_ref() == Some(self.here) {
            drafts.focus_title = None;
            response.request_focus();
            // Select the whole title, so typing replaces "New action".
            let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            let end = egui::text::CCursor::new(drafts.title.text.chars().count());
            state.cursor.set_char_range(Some(egui::text::CCursorRange::two(egui::text::CCursor::new(0), end)));
            state.store(ui.ctx(), id);
        }
        if response.lost_focus() && drafts.title.is_edited() {
            match title_change(self.action, &drafts.title.text) {
                Some(change) => self.set(cx, change),
                None => drafts.title.text.clone_from(&self.action.title),
            }
        }
    }

    fn grid_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, drafts: &mut ActionDrafts) {
        let (action, here) = (self.action, self.here);
        let label = ui.label("Lead");
        ui.horizontal(|ui| {
            let field = DraftField { labelled_by: label.id, hint: "Who leads it", rows: 1, width: 170.0 };
            let typed = field.ui(ui, &mut drafts.lead);
            let picked = owner_picker::owner_menu_ui(ui, self.owners);
            if let Some(name) = &picked {
                drafts.lead.text.clone_from(name);
            }
            if let Some(change) = picked.or(typed).and_then(|name| lead_change(action, &name)) {
                self.set(cx, change);
            }
        });
        ui.end_row();

        let label = ui.label("Status");
        ui.horizontal(|ui| {
            let salt = format!("action_status_{}", action.id);
            if let Some(status) = status_picker::status_choice_ui(ui, &salt, Some(action.status), label.id) {
                cx.queue.push(Command::set_action_status(status, vec![here.clone()]));
            }
        });
        ui.end_row();
        if action.status == Status::Cancelled {
            ui.label("Reason");
            ui.label(action.cancel_reason.as_deref().unwrap_or("(none given)"));
            ui.end_row();
        }

        ui.label("RAG");
        if let Some(rag) = rag_row::rag_row_ui(ui, cx.tokens, Some(action.rag)) {
            self.set(cx, ActionChange::Rag { rag, rationale: drafts.rationale.text.clone() });
        }
        ui.end_row();
        let label = ui.label("Why this RAG");
        let field = DraftField { labelled_by: label.id, hint: "In a line", rows: 1, width: 220.0 };
        if let Some(rationale) = field.ui(ui, &mut drafts.rationale) {
            self.set(cx, ActionChange::Rag { rag: action.rag, rationale });
        }
        ui.end_row();

        ui.label("Due date");
        ui.horizontal(|ui| self.due_ui(ui, cx));
        ui.end_row();
    }

    fn due_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let (action, here) = (self.action, self.here);
        let Some(due) = action.due else {
            ui.weak_label(cx.tokens, "Not set");
            let suggested = cx.today.checked_add_days(chrono::Days::new(28)).unwrap_or(cx.today);
            if ui
                .button("Set a due date")
                .on_hover_text("Starts four weeks from today; change it in the calendar")
                .clicked()
            {
                self.set(cx, ActionChange::Due(Some(suggested)));
            }
            return;
        };
        if let Some(date) = date_picker_ui(ui, &format!("action_due_{}", action.id), due) {
            // A date already set moves with a reason.
            cx.queue.push(Command::AskDueChange { actions: vec![here.clone()], to: Some(date) });
        }
        let days = action.days_overdue(cx.today);
        if days > 0 {
            ui.label(egui::RichText::new(format!("{days} days overdue")).color(cx.tokens.status_overdue).strong());
        }
        if ui.small_button("Clear").on_hover_text("Remove the due date (asks why)").clicked() {
            cx.queue.push(Command::AskDueChange { actions: vec![here.clone()], to: None });
        }
    }

    fn revisions_ui(&self, ui: &mut egui::Ui, cx: &PanelCtx<'_>) {
        let revisions = &self.action.due_revisions;
        if revisions.is_empty() {
            return;
        }
        ui.label(egui::RichText::new(format!("Due date revisions ({})", revisions.len())).strong());
        for r in revisions.iter().rev() {
            let date = |d: Option<crate::model::Date>| d.map_or_else(|| "none".to_owned(), long_date);
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("From {} to {}", date(r.from), date(r.to)));
                ui.label(egui::RichText::new(&r.reason).italics());
                ui.weak_label(
                    cx.tokens,
                    &who_and_when(r.author.as_deref(), &r.at.format("%-d %b %Y %H:%M").to_string()),
                );
            });
        }
    }

    fn updates_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, drafts: &mut ActionDrafts) {
        ui.label(egui::RichText::new("Progress updates").strong());
        if self.action.updates.is_empty() {
            ui.weak_label(cx.tokens, "No updates yet.");
        }
        for update in self.action.updates.iter().rev() {
            ui.horizontal_wrapped(|ui| {
                ui.weak_label(cx.tokens, &who_and_when(update.author.as_deref(), &long_date(update.date)));
                ui.label(&update.text);
            });
        }
        let hint = "What has happened";
        if let Some(text) = add_line_ui(ui, "Update on this action", hint, "Add update", &mut drafts.new_update) {
            cx.queue.push(Command::AddActionUpdate { action: self.here.clone(), text });
        }
    }
}

/// "Sam Patel, 3 Mar 2026", or just the date when nobody is named.
pub fn who_and_when(author: Option<&str>, when: &str) -> String {
    match author {
        Some(author) => format!("{author}, {when}"),
        None => when.to_owned(),
    }
}
