//! The desktop window driven headless with egui_kittest: select a finding, annotate it,
//! undo and redo, save, reopen, filter, and the keyboard map. No GPU or display needed.
#![cfg(feature = "gui")]

mod ui_common;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use inspection_tracker::model::{CategoryId, Rag, Status};
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::commands::{self, Command, UiCommand};
use inspection_tracker::ui::testing;
use inspection_tracker::workspace::{self, FindingRef};
use ui_common::harness;

fn care_leavers_target() -> FindingRef {
    FindingRef::new("northshire-2026-03-01", "r2")
}

const CARE_LEAVERS_TEXT: &str = "Care leavers do not have timely pathway plans.";

/// A finding that is not a recommendation.
fn leaders_target() -> FindingRef {
    FindingRef::new("northshire-2026-03-01", "f1")
}

const LEADERS_TEXT: &str = "Leaders know their services well and act on audit findings.";

fn select_care_leavers(h: &mut Harness<'static, TrackerApp>) {
    h.get_by_label(CARE_LEAVERS_TEXT).click();
    h.run();
    assert_eq!(h.state().selection.focus, Some(care_leavers_target()));
}

#[test]
fn select_annotate_undo_redo_save_and_reopen() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    select_care_leavers(&mut h);

    // Category: open the picker, narrow it, pick.
    h.get_by_role_and_label(egui::Role::ComboBox, "Category").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Filter categories").type_text("workforce");
    h.run();
    // The table shows the same text as a chip; pick the option in the popup.
    h.get_all_by_label_contains("Workforce and caseloads")
        .find(|n| n.accesskit_node().role() != egui::Role::Label)
        .expect("the category option")
        .click();
    h.run();
    let target = care_leavers_target();
    assert_eq!(
        h.state().workspace().annotation(&target).and_then(|a| a.category.clone()),
        Some(CategoryId("workforce".into()))
    );

    // A recommendation's plan (status, due date, planned action, updates, evidence) is on
    // its actions: its own editor has no fields for them.
    for (role, gone) in [
        (egui::Role::ComboBox, "Status"),
        (egui::Role::MultilineTextInput, "Planned action"),
        (egui::Role::TextInput, "New update"),
        (egui::Role::TextInput, "Add evidence"),
    ] {
        assert!(h.query_by_role_and_label(role, gone).is_none(), "no {gone} on a recommendation");
    }
    assert!(h.query_by_label("Set a due date").is_none(), "no due date on a recommendation");

    // Its own RAG.
    h.get_by_label("Amber").click();
    h.run();
    assert_eq!(h.state().workspace().annotation(&target).and_then(|a| a.rag), Some(Rag::Amber));

    // Its overall lead: committed on Enter, as one edit.
    h.get_by_role_and_label(egui::Role::TextInput, "Overall lead").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Overall lead").type_text("Head of service");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().workspace().annotation(&target).and_then(|a| a.owner.clone()).as_deref(),
        Some("Head of service")
    );
    assert_eq!(h.state().state.owners, vec!["Head of service".to_owned()], "owner names are remembered");

    // Notes: typing makes no edit until the field loses focus.
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Notes").click();
    h.run();
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Notes").type_text("Agreed at the improvement board");
    h.run();
    assert_eq!(h.state().workspace().annotation(&target).map(|a| a.notes.clone()), Some(String::new()));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().workspace().annotation(&target).map(|a| a.notes.clone()).as_deref(),
        Some("Agreed at the improvement board")
    );
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().ends_with(" •"), "title shows the unsaved marker");

    // Undo the note, then redo it, with the keyboard.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().annotation(&target).map(|a| a.notes.clone()), Some(String::new()));
    assert_eq!(h.state().status_message, "Undid edit notes");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace().annotation(&target).map(|a| a.notes.clone()).as_deref(),
        Some("Agreed at the improvement board")
    );

    // Save with Ctrl+S to a temporary file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    h.state_mut().doc.set_path(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_dirty(), "saved: {:?}", h.state().notifications);
    assert!(path.exists());

    // Reopen in a fresh app, as `inspection-tracker plan.ron` would.
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.start(vec![path.clone()]);
    let h2 = harness(app);
    let reopened = h2.state();
    assert_eq!(reopened.path(), Some(path.as_path()));
    let a = reopened.workspace().annotation(&target).expect("annotation kept");
    assert_eq!(a.category, Some(CategoryId("workforce".into())));
    assert_eq!(a.rag, Some(Rag::Amber));
    assert_eq!(a.owner.as_deref(), Some("Head of service"));
    assert_eq!(a.notes, "Agreed at the improvement board");
    assert!(!reopened.is_dirty());
    assert!(reopened.window_title().contains("plan"));
}

#[test]
fn typing_a_filter_narrows_the_table() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    assert_eq!(h.state().table().shown_count(), 6);
    h.get_by_role_and_label(egui::Role::TextInput, "Search").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Search").type_text("care leav");
    h.run();
    assert_eq!(h.state().table().shown_count(), 1);
    h.get_by_label("Showing 1 of 6");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::X);
    h.run();
    assert_eq!(h.state().table().shown_count(), 6, "Ctrl+Shift+X clears the filters");
}

#[test]
fn keyboard_moves_through_the_table_and_number_keys_assign_categories() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    h.key_press(Key::J);
    h.run();
    assert_eq!(h.state().selection.focus, Some(FindingRef::new("northshire-2026-03-01", "r1")));
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selection.focus, Some(care_leavers_target()));
    h.key_press(Key::K);
    h.run();
    assert_eq!(h.state().selection.focus, Some(FindingRef::new("northshire-2026-03-01", "r1")));

    let first = h.state().top_categories()[0].clone();
    h.key_press(Key::Num1);
    h.run();
    let target = FindingRef::new("northshire-2026-03-01", "r1");
    assert_eq!(h.state().workspace().annotation(&target).and_then(|a| a.category.clone()), Some(first));
}

#[test]
fn bulk_change_is_one_undo_step() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    select_care_leavers(&mut h);
    h.get_by_label("Leaders know their services well and act on audit findings.").click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(h.state().selection.len(), 2);
    h.state_mut().queue_command(Command::SetStatusOfSelection(Status::OnHold));
    h.run();
    let on_hold = |h: &Harness<'static, TrackerApp>| {
        h.state().workspace().findings().filter(|(_, _, _, a)| a.is_some_and(|a| a.status == Status::OnHold)).count()
    };
    assert_eq!(on_hold(&h), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(on_hold(&h), 0);
}

#[test]
fn cancelling_asks_for_a_reason() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    // A finding that is not a recommendation keeps its whole editor, status included.
    h.get_by_label(LEADERS_TEXT).click();
    h.run();
    assert_eq!(h.state().selection.focus, Some(leaders_target()));
    for (role, field) in [
        (egui::Role::MultilineTextInput, "Planned action"),
        (egui::Role::TextInput, "Owner"),
        (egui::Role::TextInput, "New update"),
        (egui::Role::TextInput, "Add evidence"),
    ] {
        h.get_by_role_and_label(role, field);
    }
    h.get_by_label("Set a due date");
    h.get_by_role_and_label(egui::Role::ComboBox, "Status").click();
    h.run();
    h.get_by_label("Cancelled").click();
    h.run();
    assert!(h.state().cancel_reason_asked(), "the reason dialog is open");
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Why is it being cancelled?")
        .type_text("Superseded by the new plan");
    h.run();
    h.get_by_label("Cancel the action").click();
    h.run();
    let a = h.state().workspace().annotation(&leaders_target()).cloned().unwrap_or_default();
    assert_eq!(a.status, Status::Cancelled);
    assert_eq!(a.cancel_reason.as_deref(), Some("Superseded by the new plan"));
}

#[test]
fn welcome_screen_offers_the_samples_and_the_command_palette_runs_commands() {
    let mut h = harness(testing::test_app(workspace::Workspace::new(testing::test_taxonomy())));
    h.get_by_label("Welcome to inspection-tracker");
    h.get_by_label("Open the sample reports");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Command palette").type_text("dark");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.theme, inspection_tracker::ui::theme::ThemeChoice::Dark);
}

#[test]
fn saving_to_a_missing_folder_keeps_the_work_and_says_why() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    h.key_press(Key::J);
    h.run();
    h.key_press(Key::I);
    h.run();
    assert!(h.state().is_dirty());
    let missing = std::env::temp_dir().join("no-such-folder-for-inspection-tracker").join("x.ron");
    h.state_mut().queue_command(Command::SaveTo(missing));
    h.run();
    assert!(h.state().is_dirty(), "work stays unsaved in memory");
    assert!(h.state().notifications.iter().any(|n| n.text.contains("Save as")), "{:?}", h.state().notifications);
}

#[test]
fn no_two_commands_share_a_shortcut() {
    assert_eq!(commands::clashing_shortcuts(), vec![]);
    // Every command with a shortcut can be found in the palette by its text.
    for c in UiCommand::ALL {
        assert!(!c.text().is_empty());
    }
}

#[test]
fn sample_reports_open_with_findings_and_every_finding_can_be_shown() {
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.queue_command(Command::Ui(UiCommand::OpenSamples));
    // No `allow_missing_glyphs`: the real reports' text must draw with the bundled fonts.
    let mut h = harness(app);
    let ws = h.state().workspace();
    assert_eq!(ws.reports.len(), 4, "{:?}", h.state().notifications);
    let total = ws.finding_count();
    assert!(total > 10);
    // Walk through every finding so each one's detail pane and source context are drawn.
    for _ in 0..total {
        h.key_press(Key::J);
        h.run();
    }
    let last = h.state().table().shown(total - 1).map(|r| r.target.clone());
    assert_eq!(h.state().selection.focus, last);
}

#[test]
fn export_writes_the_action_plan_with_the_remembered_choice() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("CSV (.csv)").click();
    h.run();
    assert_eq!(h.state().state.last_export.format, inspection_tracker::export::ExportFormat::Csv);
    h.get_by_label("The export will hold 3 rows.");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    h.state_mut().queue_command(Command::ExportTo(path.clone()));
    h.run();
    let text = std::fs::read_to_string(&path).expect("export written");
    assert!(text.contains("Care leavers do not have timely pathway plans."));
    assert!(text.lines().count() >= 4, "{text}");
}

#[test]
fn sample_reports_annotate_save_and_reopen() {
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.queue_command(Command::Ui(UiCommand::OpenSamples));
    let mut h = harness(app);
    h.key_press(Key::J);
    h.run();
    let target = h.state().selection.focus.clone().expect("first finding selected");

    // Category by number key (the most used category), status through the combo box.
    let top = h.state().top_categories()[0].clone();
    h.key_press(Key::Num1);
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "Status").click();
    h.run();
    h.get_all_by_label("Verified").find(|n| n.accesskit_node().role() != egui::Role::Label).expect("option").click();
    h.run();
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Notes").click();
    h.run();
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Notes").type_text("Evidence seen at the March board");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().annotation(&target).map(|a| a.notes.as_str()), Some(""));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.ron");
    h.state_mut().queue_command(Command::SaveTo(path.clone()));
    h.run();
    assert!(!h.state().is_dirty(), "{:?}", h.state().notifications);

    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.start(vec![path]);
    let h2 = harness(app);
    assert_eq!(h2.state().workspace().reports.len(), 4);
    let a = h2.state().workspace().annotation(&target).expect("annotation kept").clone();
    assert_eq!(a.category, Some(top));
    assert_eq!(a.status, Status::Verified);
    assert_eq!(a.notes, "Evidence seen at the March board");
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    h.key_press(Key::J);
    h.run();
    h.key_press(Key::I);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().query_save_dialog().is_none());
    assert!(h.state().is_dirty(), "still open, still unsaved");
}

/// A sample report copied into `dir`, imported, one finding annotated, saved as
/// `plan.ron`; returns the report file, the workspace file and the annotated finding.
fn imported_and_annotated(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, FindingRef) {
    let sample =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/southwark-focused-visit-2020-11-13.txt");
    let report = dir.join("southwark.txt");
    std::fs::copy(&sample, &report).expect("sample copied");
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.queue_command(Command::OpenPaths(vec![report.clone()]));
    let mut h = harness(app);
    assert_eq!(h.state().workspace().reports.len(), 1, "{:?}", h.state().notifications);
    let target = h.state().workspace().findings().next().map(|(t, ..)| t).expect("a finding");
    h.state_mut().apply_edit(workspace::Edit::SetNotes { target: target.clone(), text: "Raised at the board".into() });
    let saved = dir.join("plan.ron");
    h.state_mut().queue_command(Command::SaveTo(saved.clone()));
    h.run();
    assert!(!h.state().is_dirty(), "{:?}", h.state().notifications);
    (report, saved, target)
}

fn opened(path: std::path::PathBuf) -> Harness<'static, TrackerApp> {
    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.start(vec![path]);
    harness(app)
}

#[test]
fn a_missing_source_file_is_shown_and_can_be_relinked() {
    let dir = tempfile::tempdir().unwrap();
    let (report, saved, target) = imported_and_annotated(dir.path());
    // The file moves after the workspace was saved.
    let moved = dir.path().join("moved").join("southwark-2020.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&report, &moved).unwrap();

    let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
    app.start(vec![saved]);
    let mut h = harness_with_file_dialog(app);
    h.get_by_label("Source file missing");
    h.get_by_label("Relink…").click();
    h.run();
    // No native dialog in tests: the in-app dialog asks for the file.
    h.get_by_label_contains("Find the moved report file");
    assert_eq!(h.state().state.filter.report, None, "the button is not a click on the card");

    // What the dialog answers with the file in its new place.
    h.state_mut().queue_command(Command::RelinkTo { report: target.report.clone(), path: moved.clone() });
    h.run();
    let ws = h.state().workspace();
    assert_eq!(ws.reports.len(), 1, "relinked, not added: {:?}", h.state().notifications);
    assert_eq!(ws.reports[0].id, target.report);
    assert_eq!(ws.reports[0].source_path, moved);
    assert_eq!(ws.annotation(&target).map(|a| a.notes.as_str()), Some("Raised at the board"));
    assert!(h.state().is_dirty(), "relinking is a change to save");
    assert!(h.query_all_by_label("Source file missing").next().is_none());
}

#[test]
fn a_changed_source_file_can_be_reimported_keeping_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let (report, saved, target) = imported_and_annotated(dir.path());
    let mut bytes = std::fs::read(&report).unwrap();
    bytes.extend_from_slice(b"\n\n");
    std::fs::write(&report, &bytes).unwrap();
    let old_hash = {
        let h = opened(saved.clone());
        h.state().workspace().reports[0].content_hash.clone()
    };
    assert_ne!(old_hash, inspection_tracker::import::sha256_hex(&bytes));

    let mut h = opened(saved);
    h.get_by_label("Source file changed since import");
    h.get_by_label("Re-import").click();
    h.run();
    let ws = h.state().workspace();
    assert_eq!(ws.reports.len(), 1);
    assert_eq!(ws.reports[0].content_hash, inspection_tracker::import::sha256_hex(&bytes));
    assert_eq!(ws.annotation(&target).map(|a| a.notes.as_str()), Some("Raised at the board"));
    assert!(
        h.state()
            .notifications
            .iter()
            .any(|n| n.text.starts_with("Re-imported") && n.text.contains("1 annotation kept")),
        "{:?}",
        h.state().notifications
    );
    assert!(h.query_all_by_label("Source file changed since import").next().is_none());
}

/// Like [`harness`], for the in-app file dialog (egui_file): it draws emoji icons the
/// bundled fonts lack, and its path fields have no accessible names.
fn harness_with_file_dialog(app: TrackerApp) -> Harness<'static, TrackerApp> {
    ui_common::start(ui_common::builder().allow_missing_glyphs().with_accessibility_check(false), app)
}

#[test]
fn import_folder_is_in_the_file_menu_and_opens_a_folder_dialog() {
    let mut h = harness_with_file_dialog(testing::test_app(testing::small_workspace()));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import folder…").click();
    h.run();
    h.get_by_label_contains("Import folder");
    // The folder itself goes through the usual import: every report file under it.
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("2020").join("autumn");
    std::fs::create_dir_all(&nested).unwrap();
    let sample =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/southwark-focused-visit-2020-11-13.txt");
    std::fs::copy(&sample, nested.join("southwark.txt")).unwrap();
    let mut h = harness(testing::test_app(testing::small_workspace()));
    // A click on a report card (outside its buttons) still filters the table to it.
    let card = h.state().workspace().reports[0].display_name();
    h.get_by_role_and_label(egui::Role::Button, &card).click();
    h.run();
    assert_eq!(h.state().state.filter.report.as_ref(), Some(&h.state().workspace().reports[0].id));
    h.state_mut().queue_command(Command::OpenPaths(vec![dir.path().to_path_buf()]));
    h.run();
    assert_eq!(h.state().workspace().reports.len(), 3, "{:?}", h.state().notifications);
}

/// Opens a dialog through `open`, presses Escape, and checks it closed.
fn escape_closes(
    h: &mut Harness<'static, TrackerApp>,
    what: &str,
    open: impl FnOnce(&mut Harness<'static, TrackerApp>),
) {
    open(h);
    h.run();
    assert!(h.state().any_dialog_open(), "{what} opened");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().any_dialog_open(), "Escape closes {what}");
}

#[test]
fn escape_closes_every_dialog_and_the_palette_opens_right_after() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    escape_closes(&mut h, "the export dialog", |h| h.key_press_modifiers(Modifiers::COMMAND, Key::E));
    // Straight after a dialog closed, Ctrl+K opens the palette.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().palette_open(), "Ctrl+K after closing the export dialog");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette_open(), "Escape closes the palette");
    for (what, command) in [
        ("the preferences", UiCommand::Preferences),
        ("the about window", UiCommand::About),
        ("the messages log", UiCommand::ToggleLog),
        ("the palette", UiCommand::CommandPalette),
    ] {
        escape_closes(&mut h, what, |h| h.state_mut().queue_command(Command::Ui(command)));
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        h.run();
        assert!(h.state().palette_open(), "Ctrl+K after closing {what}");
        h.key_press(Key::Escape);
        h.run();
    }

    // The questions: Escape is "Cancel", and nothing changes.
    select_care_leavers(&mut h);
    escape_closes(&mut h, "the cancellation reason", |h| h.state_mut().queue_command(Command::AskCancelReason));
    assert_eq!(h.state().workspace().annotation(&care_leavers_target()).map(|a| a.status), None);
    h.key_press(Key::I);
    h.run();
    escape_closes(&mut h, "the unsaved-changes question", |h| h.key_press_modifiers(Modifiers::COMMAND, Key::Q));
    assert!(h.state().is_dirty(), "still open, still unsaved");
}

#[test]
fn escape_closes_the_in_app_file_dialog() {
    let mut h = harness_with_file_dialog(testing::test_app(testing::small_workspace()));
    escape_closes(&mut h, "the file dialog", |h| h.state_mut().queue_command(Command::Ui(UiCommand::OpenReports)));
}

#[test]
fn dragged_column_widths_are_kept_in_the_ui_state_and_restored() {
    use inspection_tracker::ui::state::{SortColumn, UiState};
    let mut h = harness(testing::test_app(testing::small_workspace()));
    let before = h.state().table_column_rect(SortColumn::Category).expect("the category column");
    assert!(h.state().state.column_widths.is_empty(), "nothing is kept before a drag");
    // Drag the line between Category and Status 60 points to the right.
    let grab = egui::pos2(before.right() + 4.0, before.center().y + 40.0);
    h.hover_at(grab);
    h.run();
    h.drag_at(grab);
    h.run();
    for step in 1..=6 {
        h.hover_at(grab + egui::vec2(10.0 * step as f32, 0.0));
        h.run();
    }
    h.drop_at(grab + egui::vec2(60.0, 0.0));
    h.run();
    let kept = h.state().state.column_widths.get(&SortColumn::Category).copied().expect("the width is kept");
    assert!((kept - (before.width() + 60.0)).abs() < 2.0, "kept {kept}, was {}", before.width());
    let drawn = h.state().table_column_rect(SortColumn::Category).expect("the category column").width();
    assert!((drawn - kept).abs() < 1.0, "drawn {drawn}, kept {kept}");

    // What eframe saves and loads at the next start.
    let saved = ron::to_string(&h.state().state).expect("UiState saves");
    let restored: UiState = ron::from_str(&saved).expect("UiState loads");
    assert_eq!(restored.column_widths, h.state().state.column_widths);
    let mut app = testing::test_app(testing::small_workspace());
    app.state = restored;
    let h2 = harness(app);
    let width = h2.state().table_column_rect(SortColumn::Category).expect("the category column").width();
    assert!((width - kept).abs() < 1.0, "restored {width}, kept {kept}");
}

#[test]
fn the_reports_panel_finds_and_groups_many_reports() {
    let ws = workspace::synthetic::workspace(40, 2, 1);
    let mut h = harness(testing::test_app(ws));
    // Many reports: grouped by authority, collapsed, so no card is drawn yet.
    h.get_by_label_contains("Authority 0 (1)");
    assert!(
        h.query_all_by_role_and_label(egui::Role::Button, "Authority 7 – Full inspection (8 Jan 2024)")
            .next()
            .is_none()
    );
    h.get_by_role_and_label(egui::Role::TextInput, "Find a report").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find a report").type_text("authority 7");
    h.run();
    // The search opens the groups that match, and hides the rest.
    h.get_by_role_and_label(egui::Role::Button, "Authority 7 – Full inspection (8 Jan 2024)");
    assert!(h.query_all_by_label_contains("Authority 12 (1)").next().is_none());
}
