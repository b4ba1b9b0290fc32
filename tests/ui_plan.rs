//! The action plan view driven headless with egui_kittest: add actions to a recommendation,
//! revise a due date with its reason, undo and redo, save and reopen; the keyboard's move,
//! duplicate and cancel; bulk changes to several actions as one undo step; the user's name
//! from Preferences on what they change.
#![cfg(feature = "gui")]

mod ui_common;

use chrono::NaiveDateTime;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use inspection_tracker::model::{Action, ActionId, Rag, Status};
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::commands::Command;
use inspection_tracker::ui::state::MainView;
use inspection_tracker::ui::testing;
use inspection_tracker::workspace::query::ActionRef;
use inspection_tracker::workspace::{self, Edit, FindingRef};
use ui_common::harness;

fn care_leavers() -> FindingRef {
    FindingRef::new("northshire-2026-03-01", "r2")
}

const CARE_LEAVERS_TEXT: &str = "Care leavers do not have timely pathway plans.";

fn titles(h: &Harness<'static, TrackerApp>) -> Vec<String> {
    let ws = h.state().workspace();
    let report = ws.report(&care_leavers().report).expect("report");
    report.actions_of(&care_leavers().finding).map(|a| a.title.clone()).collect()
}

fn actions(h: &Harness<'static, TrackerApp>) -> Vec<Action> {
    let ws = h.state().workspace();
    ws.report(&care_leavers().report).expect("report").actions_of(&care_leavers().finding).cloned().collect()
}

fn type_title(h: &mut Harness<'static, TrackerApp>, title: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, "Title").type_text(title);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn add_two_actions_revise_a_due_date_undo_save_and_reopen() {
    let mut app = testing::test_app(testing::small_workspace());
    app.state.user_name = "Sam Tester".to_owned();
    let mut h = harness(app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(h.state().state.view, MainView::Plan);
    h.get_by_label(CARE_LEAVERS_TEXT).click();
    h.run();
    assert_eq!(h.state().selection.focus, Some(care_leavers()));

    // The first action with the keyboard: its title takes the keyboard, "New action" selected.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    type_title(&mut h, "Audit every pathway plan monthly");
    // The second with the detail pane's button.
    h.get_by_label("Add action").click();
    h.run();
    type_title(&mut h, "Train personal advisers");
    assert_eq!(titles(&h), ["Audit every pathway plan monthly", "Train personal advisers"]);
    let second = actions(&h)[1].clone();
    assert_eq!(second.created_by.as_deref(), Some("Sam Tester"));
    assert_eq!(
        h.state().plan_selection.focus.as_ref().map(|a| &a.action),
        Some(&second.id),
        "the new action is selected"
    );
    h.get_by_label("R2.2 Train personal advisers");

    // A first due date is set without a reason.
    // The action's own button (a recommendation has no due date of its own).
    h.get_all_by_label("Set a due date").next().expect("the action's button").click();
    h.run();
    let first_due = testing::test_today() + chrono::Days::new(28);
    assert_eq!(actions(&h)[1].due, Some(first_due));
    assert!(actions(&h)[1].due_revisions.is_empty());

    // Moving it (what the date picker asks for) wants the reason.
    let moved = first_due + chrono::Days::new(14);
    let target = ActionRef { target: care_leavers(), action: second.id.clone() };
    h.state_mut().queue_command(Command::AskDueChange { actions: vec![target], to: Some(moved) });
    h.run();
    assert!(h.state().due_reason_asked());
    assert_eq!(actions(&h)[1].due, Some(first_due), "nothing moves before the reason is given");
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Why is it moving?").type_text("Training dates moved");
    h.run();
    h.get_by_label("Revise the date").click();
    h.run();
    let revised = actions(&h)[1].clone();
    assert_eq!(revised.due, Some(moved));
    assert_eq!(revised.due_revisions.len(), 1);
    let revision = &revised.due_revisions[0];
    assert_eq!((revision.from, revision.to), (Some(first_due), Some(moved)));
    assert_eq!(revision.reason, "Training dates moved");
    assert_eq!(revision.author.as_deref(), Some("Sam Tester"));

    // A progress update carries its author.
    h.get_by_role_and_label(egui::Role::TextInput, "Update on this action").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Update on this action").type_text("First session booked");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let update = actions(&h)[1].latest_update().cloned().expect("an update");
    assert_eq!((update.text.as_str(), update.author.as_deref()), ("First session booked", Some("Sam Tester")));

    // Undo the update and the revision; redo the revision.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(actions(&h)[1].due, Some(first_due));
    assert!(actions(&h)[1].due_revisions.is_empty() && actions(&h)[1].updates.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(actions(&h)[1].due, Some(moved));
    let log = &h.state().workspace().change_log;
    assert!(log.iter().all(|c| c.author.as_deref() == Some("Sam Tester")), "every change names its author");

    // Save, reopen.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    h.state_mut().doc.set_path(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_dirty(), "saved: {:?}", h.state().notifications);
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.start(vec![path]);
    let h2 = harness(app);
    assert_eq!(titles(&h2), ["Audit every pathway plan monthly", "Train personal advisers"]);
    let reopened = actions(&h2)[1].clone();
    assert_eq!(reopened.due, Some(moved));
    assert_eq!(reopened.due_revisions, revised.due_revisions);
    assert!(reopened.updates.is_empty(), "the undone update stays undone");
}

/// The small workspace with three actions on the care leavers recommendation, shown in the plan.
fn plan_app() -> TrackerApp {
    let mut app = testing::test_app(testing::small_workspace());
    app.state.user_name = "Sam Tester".to_owned();
    app.state.view = MainView::Plan;
    for (id, title) in [("a1", "First"), ("a2", "Second"), ("a3", "Third")] {
        let action =
            Action::new(ActionId(id.into()), care_leavers().finding, title.into(), None, NaiveDateTime::default());
        let edit = Edit::AddAction { target: care_leavers(), action: Box::new(action), index: None };
        app.doc.apply(edit, testing::test_now()).expect("add action");
    }
    app
}

#[test]
fn the_keyboard_moves_duplicates_and_cancels_actions() {
    let mut h = harness(plan_app());
    h.get_by_label("Second").click();
    h.run();
    assert_eq!(h.state().plan_selection.focus.as_ref().map(|a| a.action.0.as_str()), Some("a2"));

    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(titles(&h), ["Second", "First", "Third"]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(titles(&h), ["Second", "First", "Third"], "the first stays first");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_eq!(titles(&h), ["First", "Third", "Second"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(titles(&h), ["First", "Second", "Third"], "undo moves it back one place");

    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(titles(&h), ["First", "Second", "Second", "Third"]);
    let copy = actions(&h)[2].clone();
    assert_ne!(copy.id.0, "a2");
    assert_eq!(copy.created_by.as_deref(), Some("Sam Tester"));
    assert_eq!(h.state().plan_selection.focus.as_ref().map(|a| &a.action), Some(&copy.id), "the copy is selected");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(titles(&h), ["First", "Second", "Third"]);

    // Down from the copy that is gone: the plan moves on from the last row it knows.
    h.get_by_label("Second").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().plan_selection.focus.as_ref().map(|a| a.action.0.as_str()), Some("a3"));

    // Delete cancels, after asking why.
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().cancel_reason_asked());
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Why is it being cancelled?").type_text("Merged into R2.1");
    h.run();
    h.get_by_label("Cancel the action").click();
    h.run();
    let third = actions(&h)[2].clone();
    assert_eq!(third.status, Status::Cancelled);
    assert_eq!(third.cancel_reason.as_deref(), Some("Merged into R2.1"));
}

#[test]
fn several_actions_change_in_one_undo_step() {
    let mut h = harness(plan_app());
    h.get_by_label("First").click();
    h.run();
    h.get_by_label("Third").click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(h.state().plan_selection.set.len(), 2);
    h.get_by_label("2 actions selected");
    h.get_by_label("Red").click();
    h.run();
    let rags: Vec<Option<Rag>> = actions(&h).iter().map(|a| a.rag).collect();
    assert_eq!(rags, [Some(Rag::Red), None, Some(Rag::Red)]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(actions(&h).iter().all(|a| a.rag.is_none()), "one undo takes back both");

    // Shift-click selects the range; Ctrl+A every action shown.
    h.get_by_label("First").click();
    h.run();
    h.get_by_label("Third").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().plan_selection.set.len(), 3);
}

#[test]
fn the_action_filter_narrows_the_plan() {
    let mut app = plan_app();
    let target = ActionRef { target: care_leavers(), action: ActionId("a2".into()) };
    app.queue_command(Command::SetActions {
        actions: vec![target],
        change: inspection_tracker::workspace::ActionChange::Lead(Some("Head of care leavers".into())),
    });
    let mut h = harness(app);
    h.get_by_label("Showing 3 of 3 actions");
    h.get_by_role_and_label(egui::Role::TextInput, "Lead").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Lead").type_text("care LEAVERS");
    h.run();
    h.get_by_label("Showing 1 of 3 actions");
    assert!(h.query_by_label("First").is_none(), "actions led by others are hidden");
    h.get_by_label("Clear").click();
    h.run();
    h.get_by_label("Showing 3 of 3 actions");
}

#[test]
fn the_name_in_preferences_signs_the_changes() {
    let mut app = plan_app();
    app.state.user_name = String::new();
    let mut h = harness(app);
    let os_user = workspace::io::os_user_name();
    assert_eq!(h.state().doc.author().map(str::to_owned), os_user, "blank: the operating system's user");
    h.state_mut().state.user_name = "Alex Lead".to_owned();
    h.run();
    assert_eq!(h.state().doc.author(), Some("Alex Lead"));
}
