//! Running the action plan's commands: selecting rows, adding, moving, duplicating and
//! cancelling actions, due-date changes (a first date is set; a date already set is revised
//! with its reason) and changes to several actions at once, each one undoable edit.

use super::TrackerApp;
use super::command_handling::batch;
use crate::model::{Action, DueRevision, ProgressUpdate, Status};
use crate::ui::commands::{Command, PlanTarget, SelectMode, UiCommand};
use crate::ui::panels::plan::model::PlanRow;
use crate::ui::state::MainView;
use crate::workspace::query::{ActionRef, PlanSelection, Selection};
use crate::workspace::{ActionChange, Edit, FindingRef};

/// The title a new action starts with (selected, so typing replaces it).
pub const NEW_ACTION_TITLE: &str = "New action";

impl TrackerApp {
    /// The plan's commands with a target.
    pub(super) fn run_plan_command(&mut self, command: Command) {
        match command {
            Command::SelectPlan { target, mode } => self.select_plan(target, mode),
            Command::AddAction(target) => self.add_action(target),
            Command::MoveAction { action, up } => self.move_action(&action, up),
            Command::DuplicateActions(actions) => self.duplicate_actions(&actions),
            Command::AskCancelActions(actions) if !actions.is_empty() => {
                self.commit_drafts();
                self.dialogs.cancel_actions_prompt = Some((actions, String::new()));
            }
            Command::CancelActionsWithReason { actions, reason } => {
                let change = ActionChange::Status { status: Status::Cancelled, cancel_reason: Some(reason) };
                self.set_actions(actions, &change);
            }
            Command::AskDueChange { actions, to } => {
                let ws = self.doc.workspace();
                let revising = actions
                    .iter()
                    .filter_map(|a| a.resolve(ws))
                    .any(|(_, action)| action.due.is_some() && action.due != to);
                if revising {
                    self.dialogs.due_prompt = Some((actions, to, String::new()));
                } else {
                    self.change_due(actions, to, String::new());
                }
            }
            Command::ChangeDue { actions, to, reason } => self.change_due(actions, to, reason),
            Command::SetActions { actions, change } => self.set_actions(actions, &change),
            Command::AddActionUpdate { action, text } => {
                let update = ProgressUpdate { date: self.today(), text, author: None };
                self.apply_edit(Edit::AddActionUpdate { target: action.target, action: action.action, update });
            }
            _ => {}
        }
    }

    /// The plan's global commands (views, and keyboard actions on the selected action).
    pub(super) fn run_plan_ui_command(&mut self, command: UiCommand) {
        let focus = self.plan_selection.focus.clone();
        match command {
            UiCommand::ShowFindings => {
                self.commit_drafts();
                self.state.view = MainView::Findings;
            }
            UiCommand::ShowActionPlan => {
                self.commit_drafts();
                self.state.view = MainView::Plan;
                self.plan_view.scroll_to = self.plan_focus_target();
            }
            UiCommand::AddAction => {
                let item = focus.map(|a| a.target).or_else(|| self.selection.focus.clone());
                if let Some(target) = item {
                    self.add_action(target);
                }
            }
            UiCommand::EditAction => {
                if let Some(action) = focus {
                    self.detail.edit_title(&action);
                }
            }
            UiCommand::MoveActionUp | UiCommand::MoveActionDown => {
                if let Some(action) = focus {
                    self.move_action(&action, command == UiCommand::MoveActionUp);
                }
            }
            UiCommand::DuplicateAction => {
                let actions = self.plan_selection.actions();
                self.duplicate_actions(&actions);
            }
            UiCommand::CancelAction => {
                let actions = self.plan_selection.actions();
                self.run_plan_command(Command::AskCancelActions(actions));
            }
            _ => {}
        }
    }

    /// The row the plan should show for the current selection.
    fn plan_focus_target(&self) -> Option<PlanTarget> {
        if let Some(action) = &self.plan_selection.focus {
            return Some(PlanTarget::Action(action.clone()));
        }
        if let Some(report) = &self.plan_selection.report {
            return Some(PlanTarget::Report(report.clone()));
        }
        self.selection.focus.clone().map(PlanTarget::Item)
    }

    fn select_plan(&mut self, target: PlanTarget, mode: SelectMode) {
        self.commit_drafts();
        match target {
            PlanTarget::Report(report) => {
                self.plan_selection = PlanSelection { report: Some(report), ..Default::default() };
                self.selection = Selection::default();
            }
            PlanTarget::Item(item) => {
                self.plan_selection = PlanSelection::default();
                self.selection = Selection::only(item);
            }
            PlanTarget::Action(action) => {
                self.select_action(action, mode);
                if let Some(focus) = &self.plan_selection.focus {
                    self.selection = Selection::only(focus.target.clone());
                }
            }
        }
        self.plan_view.scroll_to = self.plan_focus_target();
    }

    fn select_action(&mut self, action: ActionRef, mode: SelectMode) {
        let plan = &mut self.plan_selection;
        plan.report = None;
        match mode {
            SelectMode::Replace => *plan = PlanSelection::only(action),
            SelectMode::Toggle => {
                if plan.set.remove(&action) {
                    if plan.focus.as_ref() == Some(&action) {
                        plan.focus = plan.set.iter().next().cloned();
                    }
                } else {
                    plan.set.insert(action.clone());
                    plan.focus = Some(action);
                }
            }
            SelectMode::Range => {
                let ws = self.doc.workspace();
                let model = &self.plan_view.model;
                let from = plan.focus.as_ref().and_then(|f| model.position_of_action(ws, f));
                match (from, model.position_of_action(ws, &action)) {
                    (Some(a), Some(b)) => {
                        plan.set.extend((a.min(b)..=a.max(b)).filter_map(|i| model.action_ref(ws, i)));
                        plan.focus = Some(action);
                    }
                    _ => *plan = PlanSelection::only(action),
                }
            }
        }
    }

    /// Up and down (and J and K) in the plan: the next or previous row.
    pub(super) fn step_plan(&mut self, down: bool) {
        let ws = self.doc.workspace();
        let model = &self.plan_view.model;
        if model.is_empty() {
            return;
        }
        let current = match (&self.plan_selection.focus, &self.plan_selection.report, &self.selection.focus) {
            (Some(action), ..) => model.position_of_action(ws, action),
            (None, Some(report), _) => model.position_of_report(ws, report),
            (None, None, Some(item)) => model.position_of_item(ws, &item.report, &item.finding),
            _ => None,
        };
        let next = match (current, down) {
            (Some(i), true) => (i + 1).min(model.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, true) => 0,
            (None, false) => model.len() - 1,
        };
        let target = match model.row(next) {
            Some(PlanRow::Report { report }) => ws.reports.get(*report).map(|r| PlanTarget::Report(r.id.clone())),
            Some(PlanRow::Item { report, finding, .. }) => ws.reports.get(*report).and_then(|r| {
                r.findings
                    .get(*finding)
                    .map(|f| PlanTarget::Item(FindingRef { report: r.id.clone(), finding: f.id.clone() }))
            }),
            Some(PlanRow::Action { .. }) => model.action_ref(ws, next).map(PlanTarget::Action),
            None => None,
        };
        if let Some(target) = target {
            self.select_plan(target, SelectMode::Replace);
        }
    }

    /// Ctrl+A in the plan: every action it shows.
    pub(super) fn select_all_plan_actions(&mut self) {
        let ws = self.doc.workspace();
        let model = &self.plan_view.model;
        let set: std::collections::BTreeSet<ActionRef> =
            (0..model.len()).filter_map(|i| model.action_ref(ws, i)).collect();
        if set.is_empty() {
            return;
        }
        self.commit_drafts();
        let focus =
            self.plan_selection.focus.clone().filter(|f| set.contains(f)).or_else(|| set.iter().next().cloned());
        self.plan_selection = PlanSelection { report: None, focus, set };
    }

    fn set_actions(&mut self, actions: Vec<ActionRef>, change: &ActionChange) {
        let edits = actions
            .into_iter()
            .map(|a| Edit::SetAction { target: a.target, action: a.action, change: change.clone() })
            .collect();
        self.apply_edit(batch(edits));
    }

    /// Sets or revises the due date of each action that does not already have `to`.
    fn change_due(&mut self, actions: Vec<ActionRef>, to: Option<crate::model::Date>, reason: String) {
        let now = self.now();
        let ws = self.doc.workspace();
        let edits = actions
            .into_iter()
            .filter_map(|a| {
                let (_, action) = a.resolve(ws)?;
                (action.due != to).then(|| match action.due {
                    None => Edit::SetAction { target: a.target, action: a.action, change: ActionChange::Due(to) },
                    Some(_) => Edit::ReviseDue {
                        target: a.target,
                        action: a.action,
                        revision: DueRevision { from: action.due, to, reason: reason.clone(), author: None, at: now },
                    },
                })
            })
            .collect();
        self.apply_edit(batch(edits));
    }

    fn add_action(&mut self, target: FindingRef) {
        self.commit_drafts();
        let now = self.now();
        let stamp = self.doc.stamp(now);
        let ws = self.doc.workspace();
        let Some((report, finding)) = ws.finding(&target) else { return };
        if !finding.kind.is_action() {
            self.status_message = "Actions belong to recommendations and priority actions.".to_owned();
            return;
        }
        let salt = format!("{} actions", report.actions.len());
        let id = ws.new_action_id(&target, &stamp, &salt);
        let action = Action::new(id.clone(), target.finding.clone(), NEW_ACTION_TITLE.to_owned(), stamp.author, now);
        self.apply_edit(Edit::AddAction { target: target.clone(), action: Box::new(action), index: None });
        let added = ActionRef { target, action: id };
        if added.resolve(self.doc.workspace()).is_some() {
            self.detail.edit_title(&added);
            self.focus_new_action(added);
        }
    }

    fn focus_new_action(&mut self, action: ActionRef) {
        self.selection = Selection::only(action.target.clone());
        self.plan_view.scroll_to = Some(PlanTarget::Action(action.clone()));
        self.plan_selection = PlanSelection::only(action);
    }

    /// Swaps an action with its neighbour among its recommendation's actions.
    fn move_action(&mut self, a: &ActionRef, up: bool) {
        let Some((report, _)) = a.resolve(self.doc.workspace()) else { return };
        let Some(from) = report.actions.iter().position(|x| x.id == a.action) else { return };
        let mut siblings =
            report.actions.iter().enumerate().filter(|(_, x)| x.finding == a.target.finding).map(|(i, _)| i);
        let to = if up { siblings.rfind(|&i| i < from) } else { siblings.find(|&i| i > from) };
        if let Some(to) = to {
            self.apply_edit(Edit::MoveAction { target: a.target.clone(), action: a.action.clone(), to });
            self.plan_view.scroll_to = Some(PlanTarget::Action(a.clone()));
        }
    }

    /// Copies each action just after itself, with a new id and none of its history.
    fn duplicate_actions(&mut self, actions: &[ActionRef]) {
        self.commit_drafts();
        let now = self.now();
        let stamp = self.doc.stamp(now);
        let ws = self.doc.workspace();
        // Copies are inserted from the end of each report backwards, so the places
        // computed for the others stay right.
        let mut originals: Vec<(usize, &ActionRef, &Action)> = actions
            .iter()
            .filter_map(|a| {
                let (report, action) = a.resolve(ws)?;
                Some((report.actions.iter().position(|x| x.id == action.id)?, a, action))
            })
            .collect();
        originals.sort_by(|x, y| (&y.1.target.report, y.0).cmp(&(&x.1.target.report, x.0)));
        let mut edits = Vec::new();
        let mut copies = Vec::new();
        for (at, a, original) in originals {
            let id = ws.new_action_id(&a.target, &stamp, &format!("copy of {}", original.id));
            let copy = Action {
                id: id.clone(),
                status: Status::NotStarted,
                cancel_reason: None,
                due_revisions: Vec::new(),
                updates: Vec::new(),
                evidence: Vec::new(),
                created_by: stamp.author.clone(),
                created_at: now,
                ..original.clone()
            };
            edits.push(Edit::AddAction { target: a.target.clone(), action: Box::new(copy), index: Some(at + 1) });
            copies.push(ActionRef { target: a.target.clone(), action: id });
        }
        if edits.is_empty() {
            return;
        }
        self.apply_edit(batch(edits));
        let ws = self.doc.workspace();
        copies.retain(|c| c.resolve(ws).is_some());
        if let Some(first) = copies.last().cloned() {
            self.focus_new_action(first);
            self.plan_selection.set.extend(copies);
        }
    }
}
