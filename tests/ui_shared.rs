//! The window when someone else saves the same workspace (issue 12), driven headless with
//! egui_kittest: a save that meets a colleague's conflicting save shows both values in the
//! conflict dialog, writes nothing until the user chooses, then applies the chosen value.
#![cfg(feature = "gui")]
// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod ui_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::commands::Command;
use inspection_tracker::ui::testing;
use inspection_tracker::workspace::{self, Edit, FindingRef, Workspace};
use ui_common::harness;

fn owner(ws: &Workspace, target: &FindingRef) -> Option<String> {
    ws.annotation(target).and_then(|a| a.owner.clone())
}

/// The window with the workspace at `path` open and `target`'s owner set to "Mine", unsaved.
fn opened_with_my_owner(path: &std::path::Path, target: &FindingRef) -> Harness<'static, TrackerApp> {
    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.to_owned()));
    h.run();
    h.state_mut().queue_command(Command::Edit(Edit::SetOwner { target: target.clone(), owner: Some("Mine".into()) }));
    h.run();
    h
}

/// A colleague's save: the file as it is now, with `target`'s owner set to `who`.
fn colleague_sets_owner(path: &std::path::Path, target: &FindingRef, who: &str) -> Workspace {
    let mut theirs = workspace::load(path).unwrap();
    theirs.apply(Edit::SetOwner { target: target.clone(), owner: Some(who.into()) }, testing::test_now()).unwrap();
    workspace::save(&theirs, path).unwrap();
    theirs
}

/// Lets the window's look at the file (every two seconds) find someone else's save, and
/// brings it in.
fn bring_in_their_save(h: &mut Harness<'static, TrackerApp>) {
    for _ in 0..200 {
        h.step();
    }
    h.run();
    h.get_by_label("Bring their changes in").click();
    h.run();
}

#[test]
fn the_conflict_dialog_shows_both_values_and_applies_the_chosen_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let target = FindingRef::new("northshire-2026-03-01", "r2");

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    let edit = Edit::SetOwner { target: target.clone(), owner: Some("Head of service".into()) };
    h.state_mut().queue_command(Command::Edit(edit));
    h.run();

    // A colleague saves the same field meanwhile.
    colleague_sets_owner(&path, &target, "Partner agency");
    let on_disk = std::fs::read(&path).unwrap();

    h.state_mut().queue_command(Command::SaveTo(path.clone()));
    h.run();
    assert!(h.state().doc.pending_merge().is_some(), "the save did not notice the colleague's");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "written before the user chose");
    h.get_by_label_contains("Keep yours: Head of service");
    h.get_by_label_contains("Keep theirs: Partner agency").click();
    h.run();
    h.get_by_label("Save with these choices").click();
    h.run();

    let app = h.state();
    assert!(app.doc.pending_merge().is_none());
    assert!(!app.doc.is_dirty());
    assert_eq!(owner(app.workspace(), &target).as_deref(), Some("Partner agency"));
    assert_eq!(&workspace::load(&path).unwrap(), app.workspace());
}

#[test]
fn not_now_leaves_the_file_and_the_work_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let target = FindingRef::new("northshire-2026-03-01", "r2");
    let mut h = opened_with_my_owner(&path, &target);
    let theirs = colleague_sets_owner(&path, &target, "Theirs");
    h.state_mut().queue_command(Command::SaveTo(path.clone()));
    h.run();
    h.get_by_label("Not now").click();
    h.run();
    let app = h.state();
    assert!(app.doc.pending_merge().is_none() && app.doc.is_dirty());
    assert_eq!(owner(app.workspace(), &target).as_deref(), Some("Mine"));
    assert_eq!(workspace::load(&path).unwrap(), theirs);
}

/// Someone else has the workspace open (a live presence lock): opening it says who and
/// offers read-only; read-only leaves their lock alone. A stale lock is no question at all.
#[test]
fn opening_a_workspace_someone_has_open_says_who_and_offers_read_only() {
    use inspection_tracker::workspace::io::lock::{self, Holder};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let now = testing::test_now();
    let theirs = Holder {
        user: "Sam Jones".into(),
        machine: "QA-LAPTOP".into(),
        pid: 4242,
        since: now - chrono::Duration::minutes(30),
        heartbeat: now - chrono::Duration::minutes(1),
    };
    let lock_text = serde_json::to_string(&theirs).unwrap();
    std::fs::write(lock::presence_path(&path), &lock_text).unwrap();

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    assert!(h.state().doc.path().is_none(), "opened before asking");
    h.get_by_label_contains("Sam Jones on QA-LAPTOP (process 4242)");
    h.get_by_label("Open read-only").click();
    h.run();
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert_eq!(h.state().workspace(), &testing::small_workspace());
    assert_eq!(std::fs::read_to_string(lock::presence_path(&path)).unwrap(), lock_text, "their lock was touched");

    // The same lock with a heartbeat an hour old is stale: the workspace just opens.
    let stale = Holder { heartbeat: now - chrono::Duration::hours(1), ..theirs };
    std::fs::write(lock::presence_path(&path), serde_json::to_string(&stale).unwrap()).unwrap();
    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    assert_eq!(h.state().doc.path(), Some(path.as_path()), "a stale lock held the workspace back");
}

/// While a workspace is open, someone else saves it: the window offers to bring their
/// changes in, and doing so keeps the user's unsaved change too.
#[test]
fn someone_elses_save_is_offered_and_brought_in_with_the_unsaved_work_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let (mine, theirs_target) =
        (FindingRef::new("northshire-2026-03-01", "r2"), FindingRef::new("northshire-2026-03-01", "r1"));
    let mut h = opened_with_my_owner(&path, &mine);
    colleague_sets_owner(&path, &theirs_target, "Theirs");
    bring_in_their_save(&mut h);
    let app = h.state();
    assert_eq!(owner(app.workspace(), &mine).as_deref(), Some("Mine"));
    assert_eq!(owner(app.workspace(), &theirs_target).as_deref(), Some("Theirs"));
    assert!(app.doc.is_dirty(), "the user's own change is still to be saved");
}

/// File › Merge a workspace… on a colleague's copy: reports and fields only they have come
/// in as unsaved work; a field that differs is asked about first.
#[test]
fn merging_a_colleagues_copy_brings_their_work_in_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, copy) = (dir.path().join("team.ron"), dir.path().join("team (Sam's conflicting copy).ron"));
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let target = FindingRef::new("northshire-2026-03-01", "r2");
    let mut theirs = testing::small_workspace();
    theirs.apply(Edit::SetOwner { target: target.clone(), owner: Some("Sam".into()) }, testing::test_now()).unwrap();
    workspace::save(&theirs, &copy).unwrap();

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    h.state_mut().queue_command(Command::MergeFrom(copy));
    h.run();
    // Two-way: the copies' common version is unknown, so a field both have and that
    // differs is asked about; an annotation only they have simply comes in.
    let both_annotated = testing::small_workspace().annotation(&target).is_some();
    assert_eq!(h.state().doc.pending_merge().is_some(), both_annotated);
    if both_annotated {
        h.get_by_label_contains("Keep theirs: Sam").click();
        h.run();
        h.get_by_label("Save with these choices").click();
        h.run();
    }
    let app = h.state();
    assert_eq!(owner(app.workspace(), &target).as_deref(), Some("Sam"));
    assert!(app.doc.is_dirty(), "a merge is unsaved work");
    assert_eq!(workspace::load(&path).unwrap(), testing::small_workspace(), "the merge was written");
}

/// File › Restore a backup…: the backup is written beside the workspace as a copy and opened.
#[test]
fn restoring_a_backup_opens_it_as_a_copy() {
    use inspection_tracker::workspace::io::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let note = backups::BackupNote { user: "Sam".into(), saved_at: testing::test_now(), changes: 3 };
    let backup = backups::keep(&path, &note, 10).unwrap().unwrap();
    let mut later = testing::small_workspace();
    later
        .apply(
            Edit::SetNotes { target: FindingRef::new("northshire-2026-03-01", "r2"), text: "later".into() },
            testing::test_now(),
        )
        .unwrap();
    workspace::save(&later, &path).unwrap();

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    h.state_mut().queue_command(Command::RestoreBackupFrom(backup));
    h.run();
    let opened = h.state().doc.path().unwrap().to_path_buf();
    assert_ne!(opened, path);
    assert!(opened.file_name().unwrap().to_string_lossy().starts_with("team (restored "), "{}", opened.display());
    assert_eq!(h.state().workspace(), &testing::small_workspace());
    assert_eq!(workspace::load(&path).unwrap(), later, "the workspace itself was touched");
}

/// File › Restore a backup… lists the backups newest first with who saved each and how
/// many changes it brought; the arrow keys and Enter restore the chosen one, as a copy
/// beside the workspace, which itself is left as it is.
#[test]
fn the_backup_list_is_newest_first_and_the_keyboard_restores_the_chosen_one_as_a_copy() {
    use eframe::egui::Key;
    use inspection_tracker::ui::commands::UiCommand;
    use inspection_tracker::workspace::io::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    let target = FindingRef::new("northshire-2026-03-01", "r2");
    let mut versions = Vec::new();
    for (i, who) in ["Sam", "Alex", "Jo"].into_iter().enumerate() {
        let mut ws = testing::small_workspace();
        ws.apply(Edit::SetNotes { target: target.clone(), text: format!("version {i}") }, testing::test_now()).unwrap();
        workspace::save(&ws, &path).unwrap();
        let saved_at = testing::test_now() + chrono::Duration::minutes(i as i64);
        backups::keep(&path, &backups::BackupNote { user: who.into(), saved_at, changes: i + 1 }, 10).unwrap();
        versions.push(ws);
    }
    let mut later = versions[2].clone();
    later.apply(Edit::SetNotes { target: target.clone(), text: "later".into() }, testing::test_now()).unwrap();
    workspace::save(&later, &path).unwrap();

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    h.state_mut().queue_command(Command::OpenWorkspaceFile(path.clone()));
    h.run();
    h.state_mut().queue_command(Command::Ui(UiCommand::RestoreBackup));
    h.run();
    let top = |label: &str| h.get_by_label(label).rect().min.y;
    assert!(top("Jo") < top("Alex") && top("Alex") < top("Sam"), "not newest first");
    h.get_by_label("3 changes");
    h.get_by_label("1 change");
    // The newest is chosen; one down is Alex's.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();

    let app = h.state();
    let opened = app.doc.path().unwrap().to_path_buf();
    assert!(opened.file_name().unwrap().to_string_lossy().starts_with("team (restored "), "{}", opened.display());
    assert_eq!(app.workspace(), &versions[1], "not the backup chosen");
    assert_eq!(workspace::load(&path).unwrap(), later, "the workspace itself was touched");
}

/// A merge is one undo step: after File › Merge a workspace… and after bringing in someone
/// else's save, one Ctrl+Z takes the whole merge back, and Ctrl+Shift+Z takes it again.
#[test]
fn a_merge_and_a_brought_in_save_are_each_one_undo_step() {
    use eframe::egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let (path, copy) = (dir.path().join("team.ron"), dir.path().join("team (Sam's copy).ron"));
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let (mine, theirs_target) =
        (FindingRef::new("northshire-2026-03-01", "r2"), FindingRef::new("northshire-2026-03-01", "r1"));
    let mut h = opened_with_my_owner(&path, &mine);
    let before = h.state().workspace().clone();

    // A copy with one more report.
    let mut copy_ws = testing::small_workspace();
    let mut extra = workspace::synthetic::workspace(1, 3, 31).reports;
    copy_ws.reports.append(&mut extra);
    workspace::save(&copy_ws, &copy).unwrap();
    h.state_mut().queue_command(Command::MergeFrom(copy));
    h.run();
    if h.state().doc.pending_merge().is_some() {
        h.get_by_label("Save with these choices").click();
        h.run();
    }
    let merged = h.state().workspace().clone();
    assert_eq!(merged.reports.len(), before.reports.len() + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace(), &before, "one undo did not take the merge back");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().workspace(), &merged);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    // Someone else saves; bringing it in is one step too, and the user's edit is its own.
    colleague_sets_owner(&path, &theirs_target, "Theirs");
    bring_in_their_save(&mut h);
    assert_eq!(owner(h.state().workspace(), &theirs_target).as_deref(), Some("Theirs"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace(), &before, "one undo did not take their save back out");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let original = owner(&testing::small_workspace(), &mine);
    assert_eq!(owner(h.state().workspace(), &mine), original, "the user's own edit is the step before");
}

/// Unsaved work restored from a recovery file is based on the workspace file as it was, so
/// a save after a colleague saved meanwhile merges with theirs instead of overwriting it.
#[test]
fn work_restored_from_a_recovery_file_merges_with_a_later_save_by_someone_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    workspace::save(&testing::small_workspace(), &path).unwrap();
    let (mine, theirs_target) =
        (FindingRef::new("northshire-2026-03-01", "r2"), FindingRef::new("northshire-2026-03-01", "r1"));
    let mut lost = testing::small_workspace();
    lost.apply(Edit::SetOwner { target: mine.clone(), owner: Some("Mine".into()) }, testing::test_now()).unwrap();
    workspace::save_recovery(&lost, &path).unwrap();

    let mut h = harness(testing::test_app(Workspace::new(testing::test_taxonomy())));
    let recovery = workspace::recovery_path(&path);
    h.state_mut().queue_command(Command::RestoreRecovery { recovery, workspace_path: Some(path.clone()) });
    h.run();
    assert_eq!(h.state().workspace(), &lost);
    colleague_sets_owner(&path, &theirs_target, "Theirs");
    h.state_mut().queue_command(Command::SaveTo(path.clone()));
    h.run();
    let on_disk = workspace::load(&path).unwrap();
    assert_eq!(owner(&on_disk, &mine).as_deref(), Some("Mine"));
    assert_eq!(owner(&on_disk, &theirs_target).as_deref(), Some("Theirs"), "their save was overwritten");
}
