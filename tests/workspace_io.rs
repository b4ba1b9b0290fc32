//! The workspace file: round trips of generated annotations, damaged files refused with a
//! position and left byte-for-byte unchanged, atomic save with `.bak`, recovery files,
//! schema fixtures, and save errors (missing or read-only folder, non-ASCII paths).

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use inspection_tracker::model::{Annotation, CategoryId, ChangeRecord, FindingId, ProgressUpdate, Rag, Status};
use inspection_tracker::workspace::{self, LoadError, SaveError, Workspace, io, synthetic};
use proptest::prelude::*;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------- generated annotations

/// Text that stresses RON strings: any Unicode, plus the characters RON treats specially.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        any::<String>(),
        "[\"\\\\)(,:r#\n\r\t ]{0,12}",
        "\\PC{0,40}\n\\PC{0,40}",
        Just("r#\"raw\"#".to_owned()),
        Just("line one\r\nline two\n\n".to_owned()),
        Just("\u{0}\u{7f}\u{feff}\u{202e}😀 é ✓".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i32..60_000).prop_map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        (proptest::option::of(0usize..8), 0usize..Status::ALL.len(), proptest::option::of(tricky_text())),
        (
            proptest::option::of(0usize..Rag::ALL.len()),
            proptest::option::of(tricky_text()),
            proptest::option::of(date()),
        ),
        (tricky_text(), tricky_text(), proptest::collection::vec(tricky_text(), 0..4), any::<bool>()),
        proptest::collection::vec((date(), tricky_text()), 0..30),
    )
        .prop_map(
            |(
                (category, status, cancel_reason),
                (rag, owner, due_date),
                (action, notes, evidence, important),
                updates,
            )| {
                let categories = synthetic::taxonomy().categories;
                Annotation {
                    category: category.map(|i| categories[i].id.clone()),
                    status: Status::ALL[status],
                    cancel_reason,
                    rag: rag.map(|i| Rag::ALL[i]),
                    owner,
                    due_date,
                    planned_action: action,
                    notes,
                    evidence,
                    important,
                    updates: updates
                        .into_iter()
                        .map(|(date, text)| ProgressUpdate { date, text, author: None })
                        .collect(),
                }
            },
        )
}

/// A small generated workspace with generated annotations, finding ids, texts and log entries.
fn any_workspace() -> impl Strategy<Value = Workspace> {
    (
        any::<u64>(),
        proptest::collection::vec((0usize..3, 0usize..6, tricky_text(), annotation()), 0..12),
        proptest::collection::vec((tricky_text(), tricky_text()), 0..5),
        tricky_text(),
        -1.0e30f32..1.0e30,
    )
        .prop_map(|(seed, annotations, log, text, confidence)| {
            let mut ws = synthetic::workspace(3, 6, seed);
            ws.reports[0].text = text.clone();
            ws.reports[1].findings[0].text = text;
            ws.reports[1].findings[1].classification.confidence = confidence;
            for (r, f, key, annotation) in annotations {
                let report = &mut ws.reports[r];
                // Some keyed by the real finding, some by an arbitrary (orphaned) id.
                let id = if key.len() % 2 == 0 { report.findings[f].id.clone() } else { FindingId(key) };
                report.annotations.insert(id, annotation);
            }
            for (field, summary) in log {
                ws.change_log.push(ChangeRecord {
                    action: None,
                    author: None,
                    at: NaiveDate::from_ymd_opt(2026, 1, 12).unwrap().and_hms_opt(23, 59, 59).unwrap(),
                    report: ws.reports[0].id.clone(),
                    finding: FindingId(field.clone()),
                    field,
                    summary,
                });
            }
            ws
        })
}

proptest! {
    // 96 cases by default; `PROPTEST_CASES=N` runs longer.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn any_workspace_saved_and_loaded_is_equal(ws in any_workspace()) {
        let dir = temp();
        let path = dir.path().join("ws.ron");
        workspace::save(&ws, &path).unwrap();
        let loaded = io::load_with_warnings(&path).unwrap();
        prop_assert_eq!(&loaded.workspace, &ws);
        prop_assert!(loaded.unknown_fields.is_empty(), "{:?}", loaded.unknown_fields);
        // Saving what was loaded gives the same bytes: the format is stable.
        let again = workspace::to_ron_string(&loaded.workspace).unwrap();
        prop_assert_eq!(again, std::fs::read_to_string(&path).unwrap());
    }

    #[test]
    fn a_truncated_file_is_refused_with_a_position_and_left_unchanged(seed in any::<u64>(), cut in 0.0f64..1.0) {
        let ws = synthetic::workspace(2, 5, seed);
        let text = workspace::to_ron_string(&ws).unwrap();
        let end = text.trim_end().len() - 1; // Cutting only trailing white space (or the last `)`) is handled below.
        let at = ((end as f64) * cut) as usize;
        let bytes = &text.as_bytes()[..at];
        let dir = temp();
        let path = dir.path().join("cut.ron");
        std::fs::write(&path, bytes).unwrap();
        let err = workspace::load(&path).unwrap_err();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            prop_assert!(matches!(err, LoadError::Empty { .. }), "{}", err);
        } else {
            let (line, column) = err.position().unwrap_or_else(|| panic!("no position: {err}"));
            prop_assert!(line >= 1 && column >= 1);
            prop_assert!(err.to_string().contains(&format!("line {line}, column {column}")), "{}", err);
        }
        prop_assert!(err.to_string().ends_with(&path.display().to_string()), "{}", err);
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
        prop_assert_eq!(files_in(dir.path()), vec!["cut.ron".to_owned()]);
    }

    #[test]
    fn garbage_never_panics_and_the_file_is_never_written(
        seed in any::<u64>(),
        at in 0.0f64..1.0,
        garbage in proptest::collection::vec(any::<u8>(), 1..40),
        replace in any::<bool>(),
    ) {
        let text = workspace::to_ron_string(&synthetic::workspace(2, 4, seed)).unwrap();
        let mut bytes = text.into_bytes();
        let at = ((bytes.len() as f64) * at) as usize;
        if replace {
            let end = (at + garbage.len()).min(bytes.len());
            bytes.splice(at..end, garbage);
        } else {
            bytes.splice(at..at, garbage);
        }
        let dir = temp();
        let path = dir.path().join("noisy.ron");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(err) = workspace::load(&path) {
            prop_assert!(err.to_string().ends_with(&path.display().to_string()), "{}", err);
        }
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
        prop_assert_eq!(files_in(dir.path()), vec!["noisy.ron".to_owned()]);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let result = io::from_ron_bytes(&bytes, Path::new("any.ron"));
        prop_assert!(result.is_err() || bytes.starts_with(b"("));
    }
}

// ---------------------------------------------------------------- damaged files, explicitly

fn good_text() -> String {
    let mut ws = synthetic::workspace(2, 3, 7);
    let annotated = ws.reports[0].findings[0].id.clone();
    ws.reports[0].annotations.insert(
        annotated,
        Annotation { important: true, due_date: NaiveDate::from_ymd_opt(2026, 1, 12), ..Default::default() },
    );
    workspace::to_ron_string(&ws).unwrap()
}

/// Loads `text` from a file and returns the error, checking the file is unchanged.
fn refuse(text: &str) -> LoadError {
    let dir = temp();
    let path = dir.path().join("damaged.ron");
    std::fs::write(&path, text).unwrap();
    let err = workspace::load(&path).unwrap_err();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "the file was changed");
    assert!(err.to_string().ends_with("damaged.ron"), "{err}");
    err
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn wrong_types_name_the_line() {
    let text = good_text();
    let cases = [
        ("important: true", "important: \"yes\""),
        ("due_date: Some(\"2026-01-12\")", "due_date: Some(20260112)"),
        ("due_date: Some(\"2026-01-12\")", "due_date: Some(\"12/01/2026\")"),
        ("status: ", "status: 7, x: "),
        ("kind: full_inspection", "kind: sometimes"),
        ("findings: [", "findings: \"none\", x: ["),
    ];
    for (from, to) in cases {
        assert!(text.contains(from), "fixture lacks {from}");
        let bad = text.replacen(from, to, 1);
        let err = refuse(&bad);
        let (line, _) = err.position().unwrap_or_else(|| panic!("{to}: no position in {err}"));
        assert_eq!(line, line_of(&bad, to), "{to}: {err}");
        assert!(matches!(err, LoadError::Damaged { .. }), "{err}");
    }
}

#[test]
fn foreign_and_odd_files_are_refused_clearly() {
    let cases: [(&str, &str); 6] = [
        ("", "the workspace file is empty"),
        ("{\"schema_version\": 1, \"reports\": []}", "damaged at line 1"),
        ("(categories: [])", "this is not an inspection-tracker workspace"),
        ("(schema_version: 1)", "damaged at line 1"),
        ("(schema_version: 99, anything: [)", "(schema 99; this build reads up to 3)"),
        ("<html><body>404</body></html>", "line 1, column 1"),
    ];
    for (text, expected) in cases {
        let err = refuse(text);
        assert!(err.to_string().contains(expected), "{text:?}: {err}");
    }
    let dir = temp();
    let binary = dir.path().join("photo.ron");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0xff, 0x00]).unwrap();
    let err = workspace::load(&binary).unwrap_err();
    assert!(err.to_string().contains("not text") && err.position() == Some((1, 1)), "{err}");
    let err = workspace::load(&dir.path().join("absent.ron")).unwrap_err();
    assert!(err.to_string().starts_with("could not read the workspace (the file or folder does not exist)"), "{err}");
}

#[test]
fn colliding_ids_are_refused() {
    let ws = synthetic::workspace(2, 3, 1);
    let text = workspace::to_ron_string(&ws).unwrap().replace("f-00001", "f-00000");
    let err = refuse(&text);
    assert!(err.to_string().contains("has two findings with the id 'f-00000'"), "{err}");
}

#[test]
fn unknown_fields_load_with_a_warning() {
    let text = good_text().replacen("  change_log: [", "  theme: \"dark\",\n  change_log: [", 1);
    let loaded = io::from_ron_str(&text, Path::new("w.ron")).unwrap();
    assert_eq!(loaded.unknown_fields, ["theme"]);
}

// ---------------------------------------------------------------- schema fixtures

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace").join(name)
}

#[test]
fn schema_1_fixture_loads() {
    let loaded = io::load_with_warnings(&fixture("v1.ron")).unwrap();
    assert_eq!(loaded.file_schema_version, 1);
    assert!(loaded.unknown_fields.is_empty());
    let ws = loaded.workspace;
    assert_eq!(ws.reports.len(), 1);
    // Migrated to schema 2: the id of the new form, the change log following it. Northby is
    // no real council, so the printed name gives the slug and the authority stays unknown.
    assert_eq!(ws.reports[0].id.0, "northby-focused-visit-2026-01-12");
    assert_eq!(ws.reports[0].meta.authority, None);
    // Then to schema 3: the plan on the recommendation is its one action; the annotation keeps
    // the category, and the owner as the recommendation's lead.
    let annotation = ws.reports[0].annotations.values().next().unwrap();
    assert_eq!(annotation.owner.as_deref(), Some("Jo Bloggs"));
    assert_eq!(annotation.category, Some(CategoryId::from("workforce")));
    let [action] = ws.reports[0].actions.as_slice() else { panic!("one action") };
    assert_eq!(action.lead.as_deref(), Some("Jo Bloggs"));
    assert_eq!(action.updates.len(), 2);
    assert_eq!(ws.change_log.len(), 4);
    assert!(ws.change_log.iter().all(|c| c.report == ws.reports[0].id));
}

#[test]
fn schema_2_fixture_loads_with_its_authority() {
    let loaded = io::load_with_warnings(&fixture("v2.ron")).unwrap();
    assert_eq!(loaded.file_schema_version, 2);
    assert!(loaded.unknown_fields.is_empty(), "{:?}", loaded.unknown_fields);
    let ws = loaded.workspace;
    let report = &ws.reports[0];
    assert_eq!(report.id.0, "brent-focused-visit-2026-01-12");
    assert_eq!(report.meta.authority.as_ref().map(|c| c.0.as_str()), Some("304"));
    assert_eq!(report.authority().map(|a| a.name.as_str()), Some("Brent"));
    assert_eq!(report.meta.local_authority.as_deref(), Some("London Borough of Brent"));
    assert_eq!(report.annotations.len(), 1);
    assert!(ws.change_log.iter().all(|c| c.report == report.id));
}

#[test]
fn schema_0_fixture_migrates_to_the_same_workspace() {
    let v0 = io::load_with_warnings(&fixture("v0.ron")).unwrap();
    assert_eq!(v0.file_schema_version, 0);
    assert_eq!(v0.workspace.schema_version, workspace::SCHEMA_VERSION);
    let v1 = workspace::load(&fixture("v1.ron")).unwrap();
    assert_eq!(v0.workspace, v1);
}

// ---------------------------------------------------------------- atomic save, backups, recovery

#[test]
fn save_is_atomic_and_keeps_the_previous_version() {
    let dir = temp();
    let path = dir.path().join("ws.ron");
    let first = synthetic::workspace(2, 4, 1);
    let second = synthetic::workspace(2, 4, 2);
    workspace::save(&first, &path).unwrap();
    assert_eq!(files_in(dir.path()), ["ws.ron"]);
    workspace::save(&second, &path).unwrap();
    assert_eq!(files_in(dir.path()), ["ws.ron", "ws.ron.bak"], "no temporary files are left");
    assert_eq!(workspace::load(&path).unwrap(), second);
    assert_eq!(workspace::load(&workspace::backup_path(&path)).unwrap(), first);
    let third = synthetic::workspace(1, 1, 3);
    workspace::save(&third, &path).unwrap();
    assert_eq!(workspace::load(&workspace::backup_path(&path)).unwrap(), second, "the backup moves on");
}

#[test]
fn recovery_file_is_beside_the_workspace_and_offered_until_saved() {
    let dir = temp();
    let path = dir.path().join("ws.ron");
    assert_eq!(workspace::recovery_path(&path), dir.path().join("ws.ron.recovery"));
    let saved = synthetic::workspace(1, 3, 1);
    workspace::save(&saved, &path).unwrap();
    assert_eq!(workspace::pending_recovery(&path), None);
    let unsaved = synthetic::workspace(1, 3, 2);
    workspace::save_recovery(&unsaved, &path).unwrap();
    let recovery = workspace::pending_recovery(&path).unwrap();
    assert_eq!(workspace::load(&recovery).unwrap(), unsaved);
    assert_eq!(workspace::load(&path).unwrap(), saved, "autosave never touches the workspace file");
    workspace::remove_recovery(&path).unwrap();
    workspace::remove_recovery(&path).unwrap();
    assert_eq!(workspace::pending_recovery(&path), None);
    assert_eq!(files_in(dir.path()), ["ws.ron"]);
}

#[test]
fn missing_folder_is_named_and_nothing_is_created() {
    let dir = temp();
    let path = dir.path().join("no such folder").join("ws.ron");
    let err = workspace::save(&synthetic::workspace(1, 1, 1), &path).unwrap_err();
    assert!(matches!(err, SaveError::MissingFolder { .. }), "{err}");
    assert!(
        err.to_string().contains("the folder does not exist") && err.to_string().contains("no such folder"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_folder_in_the_way_or_a_file_as_folder_is_an_error() {
    let dir = temp();
    std::fs::create_dir(dir.path().join("ws.ron")).unwrap();
    let err = workspace::save(&synthetic::workspace(1, 1, 1), &dir.path().join("ws.ron")).unwrap_err();
    assert!(err.to_string().contains("a folder of that name is in the way"), "{err}");
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    let err = workspace::save(&synthetic::workspace(1, 1, 1), &dir.path().join("file").join("ws.ron")).unwrap_err();
    assert!(err.to_string().contains("file"), "{err}");
}

#[cfg(unix)]
#[test]
fn read_only_folder_gives_a_clear_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("ws.ron");
    let old = synthetic::workspace(1, 2, 1);
    workspace::save(&old, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; then /sys (read-only even for root) stands in.
    let writable = std::fs::write(folder.join("probe"), b"").is_ok();
    let target = if writable { PathBuf::from("/sys/inspection-tracker-ws.ron") } else { path.clone() };
    if Path::new("/sys").is_dir() || !writable {
        let err = workspace::save(&synthetic::workspace(1, 2, 2), &target).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("could not save the workspace ("), "{message}");
        assert!(message.ends_with(&target.display().to_string()) || message.contains(".tmp-"), "{message}");
        assert!(!target.exists() || target == path);
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before, "the old file is intact");
}

#[test]
fn non_ascii_paths_save_load_and_appear_in_errors() {
    let dir = temp();
    let folder = dir.path().join("Évaluations – Ofsted 2026 ✓");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("Suivi des actions – été.ron");
    let ws = synthetic::workspace(2, 3, 4);
    workspace::save(&ws, &path).unwrap();
    workspace::save(&ws, &path).unwrap();
    assert_eq!(workspace::load(&path).unwrap(), ws);
    assert!(workspace::backup_path(&path).ends_with("Suivi des actions – été.ron.bak"));
    let missing = dir.path().join("Dossier supprimé").join("été.ron");
    let err = workspace::save(&ws, &missing).unwrap_err();
    assert!(err.to_string().contains("Dossier supprimé"), "{err}");
    let err = workspace::load(&missing).unwrap_err();
    assert!(err.to_string().ends_with("Dossier supprimé/été.ron"), "{err}");
}

#[test]
fn a_file_deleted_underneath_is_saved_again() {
    let dir = temp();
    let path = dir.path().join("ws.ron");
    let ws = synthetic::workspace(1, 2, 1);
    workspace::save(&ws, &path).unwrap();
    std::fs::remove_file(&path).unwrap();
    workspace::save(&ws, &path).unwrap();
    assert_eq!(workspace::load(&path).unwrap(), ws);
    // The folder itself removed: a clear error, and the in-memory workspace can go elsewhere.
    drop(dir);
    let err = workspace::save(&ws, &path).unwrap_err();
    assert!(err.to_string().contains("the folder does not exist"), "{err}");
    let elsewhere = temp();
    workspace::save(&ws, &elsewhere.path().join("ws.ron")).unwrap();
}

#[test]
fn temporary_files_left_by_a_crashed_save_are_cleaned_up_later() {
    let dir = temp();
    let path = dir.path().join("ws.ron");
    let stale = dir.path().join(".ws.ron.tmp-4000000-0");
    let fresh = dir.path().join(".ws.ron.tmp-4000001-0");
    let other = dir.path().join(".other.ron.tmp-4000000-0");
    for file in [&stale, &fresh, &other] {
        std::fs::write(file, b"half a workspace").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
    for file in [&stale, &other] {
        std::fs::File::options().write(true).open(file).unwrap().set_modified(two_hours_ago).unwrap();
    }
    workspace::save(&synthetic::workspace(1, 1, 1), &path).unwrap();
    assert!(!stale.exists(), "an old temporary file of this workspace is removed");
    assert!(fresh.exists(), "a recent one may belong to a save in progress");
    assert!(other.exists(), "other workspaces' files are left alone");
}

/// Disk full needs a small filesystem: a 256 KB tmpfs, which only root may mount. Elsewhere
/// the test says so and checks nothing.
#[cfg(target_os = "linux")]
#[test]
fn disk_full_gives_a_clear_error_and_keeps_the_old_file() {
    struct Mount(PathBuf);
    impl Drop for Mount {
        fn drop(&mut self) {
            std::process::Command::new("umount").arg(&self.0).status().ok();
        }
    }
    let dir = temp();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    let _mount = Mount(dir.path().to_owned());
    let path = dir.path().join("ws.ron");
    let small = synthetic::workspace(1, 20, 1);
    workspace::save(&small, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let large = synthetic::workspace(2, 100, 2); // Several hundred KB: does not fit.
    let err = workspace::save(&large, &path).unwrap_err();
    assert_eq!(err.to_string(), format!("could not save the workspace (the disk is full): {}", path.display()));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files_in(dir.path()), ["ws.ron"], "the partial temporary file is removed");
    // The in-memory workspace can still be saved elsewhere.
    let elsewhere = temp();
    workspace::save(&large, &elsewhere.path().join("ws.ron")).unwrap();
}
