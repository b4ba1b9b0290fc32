//! Saving a workspace that others may have saved since it was loaded: never overwrite what
//! was not read. Every save of the window and the command line goes through
//! [`save_guarded`]: under the save lock (see [`super::lock`]) it compares the file on disk
//! with the version the work was based on, by SHA-256 of its bytes (a synced folder can keep
//! a modification time while changing the content, or the reverse), writes straight away when
//! they match, and otherwise merges (see [`crate::workspace::merge`]) with that version as
//! the base instead of overwriting.

use std::path::Path;

use chrono::NaiveDateTime;
use sha2::Digest as _;

use super::lock::{LockError, SAVE_LOCK_WAIT, SaveLock};
use super::{LoadError, SaveError};
use crate::workspace::Workspace;
use crate::workspace::merge::{Choices, Merged, Side, merge};

/// The SHA-256 of a workspace file's bytes: which version of the file a workspace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileHash(pub [u8; 32]);

impl FileHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(sha2::Sha256::digest(bytes).into())
    }
}

impl std::fmt::Display for FileHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// The version a save's work was based on: the file's hash when it was loaded (or last
/// saved), and the workspace it held then (the base of a three-way merge).
#[derive(Clone, Copy, Debug)]
pub struct Base<'a> {
    /// The file's hash then; `None` when there was no file yet.
    pub hash: Option<FileHash>,
    /// What the file held then.
    pub workspace: &'a Workspace,
}

/// What a save does with conflicts: a field both sides changed differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    /// The value on disk wins; ours is kept in the change log (the command line).
    TheirsWin,
    /// Nothing is written while there are conflicts: the caller asks the user (the window).
    Ask,
}

/// What [`save_guarded`] did.
#[derive(Debug)]
pub enum SaveOutcome {
    /// The file was still the base version; ours was written.
    Written {
        /// The hash of what was written: the base of the next save.
        hash: FileHash,
    },
    /// Someone saved meanwhile; the merge of both was written.
    Merged {
        /// The hash of what was written.
        hash: FileHash,
        /// The merge; `merged.workspace` is what the file now holds.
        merged: Merged,
    },
    /// Someone saved meanwhile and both changed some fields differently; nothing was
    /// written. Settle the conflicts, merge again with the same `theirs` as the base
    /// ([`crate::workspace::merge::merge`]`(Some(base), ours, &theirs, &choices)`), and save
    /// that with `Base { hash: Some(theirs_hash), workspace: &theirs }`.
    Conflicts {
        /// The file as it is now.
        theirs: Workspace,
        /// Its hash.
        theirs_hash: FileHash,
        /// The merge with every conflict settled for ours (for showing the conflicts).
        merged: Merged,
    },
}

/// Why a guarded save failed. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SharedSaveError {
    /// The save lock was not to be had.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Writing failed.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The file changed since it was loaded and what is there now cannot be read, so it
    /// cannot be merged with; it is not overwritten.
    #[error(
        "the workspace file was changed by someone else and cannot be read, so it was not overwritten; save your work elsewhere with Save as: {0}"
    )]
    Theirs(LoadError),
}

/// Saves `ours` to `path` unless someone else saved it since `base`: then merges with
/// what is there (three-way, from `base.workspace`) and writes the merge, or with
/// [`OnConflict::Ask`] and conflicts, writes nothing and returns them. `base: None` (a new
/// file, or Save as onto a file the user chose to replace) writes without looking. `user`
/// and `now` name the save lock's holder and date the change-log records of overridden
/// values. Takes the save lock from the check to the rename.
pub fn save_guarded(
    ours: &Workspace,
    path: &Path,
    base: Option<Base<'_>>,
    on_conflict: OnConflict,
    user: &str,
    now: NaiveDateTime,
) -> Result<SaveOutcome, SharedSaveError> {
    let lock = SaveLock::acquire(path, user, now, SAVE_LOCK_WAIT)?;
    save_guarded_locked(&lock, ours, path, base, on_conflict, user, now)
}

/// [`save_guarded`] for a caller that already holds the save lock of `path` around its
/// whole read-modify-write (the command line).
pub fn save_guarded_locked(
    _lock: &SaveLock,
    ours: &Workspace,
    path: &Path,
    base: Option<Base<'_>>,
    on_conflict: OnConflict,
    user: &str,
    now: NaiveDateTime,
) -> Result<SaveOutcome, SharedSaveError> {
    // Reading and hashing the file on disk overlaps turning ours into text, so the check
    // costs little more than the save itself.
    let check = || -> Result<Option<(Vec<u8>, FileHash)>, SaveError> {
        if base.is_none() {
            return Ok(None);
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                let hash = FileHash::of(&bytes);
                Ok(Some((bytes, hash)))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(super::io_error(path, error, false)),
        }
    };
    let (text, on_disk) = rayon::join(|| super::to_ron_string(ours), check);
    let on_disk = on_disk?;
    let changed = match (base, on_disk) {
        (Some(base), Some((bytes, hash))) if base.hash != Some(hash) => Some((base, bytes, hash)),
        _ => None,
    };
    let Some((base, bytes, theirs_hash)) = changed else {
        let text = text.map_err(|e| super::with_path(e, path))?;
        let hash = write(path, &text)?;
        return Ok(SaveOutcome::Written { hash });
    };
    let theirs = super::from_ron_bytes(&bytes, path).map_err(SharedSaveError::Theirs)?.workspace;
    let side = match on_conflict {
        OnConflict::TheirsWin => Side::Theirs,
        OnConflict::Ask => Side::Ours,
    };
    let mut merged = merge(Some(base.workspace), ours, &theirs, &Choices::all(side));
    if !merged.conflicts.is_empty() {
        if on_conflict == OnConflict::Ask {
            return Ok(SaveOutcome::Conflicts { theirs, theirs_hash, merged });
        }
        let records = merged.override_records(now, Some(user));
        merged.workspace.change_log.extend(records);
    }
    let text = super::to_ron_string(&merged.workspace).map_err(|e| super::with_path(e, path))?;
    let hash = write(path, &text)?;
    Ok(SaveOutcome::Merged { hash, merged })
}

/// Writes atomically (keeping `.bak`) and returns the hash of what was written, computed
/// while the write waits on the disk.
fn write(path: &Path, text: &str) -> Result<FileHash, SaveError> {
    let (hash, written) =
        rayon::join(|| FileHash::of(text.as_bytes()), || super::write_atomic(path, text.as_bytes(), true));
    written.map(|()| hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Edit, FindingRef, io, synthetic};

    fn target(ws: &Workspace, n: usize) -> FindingRef {
        FindingRef { report: ws.reports[0].id.clone(), finding: ws.reports[0].findings[n].id.clone() }
    }

    fn owner(ws: &Workspace, t: &FindingRef) -> Option<String> {
        ws.annotation(t).and_then(|a| a.owner.clone())
    }

    #[test]
    fn a_save_after_someone_else_saved_keeps_both_sides() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let now = synthetic::test_now();
        let base = synthetic::workspace(1, 20, 11);
        io::save(&base, &path).unwrap();
        let loaded = io::load_with_warnings(&path).unwrap();
        assert_eq!(loaded.file_hash, FileHash::of(&std::fs::read(&path).unwrap()));

        // A colleague saves first.
        let (a, b) = (target(&base, 1), target(&base, 2));
        let mut theirs = base.clone();
        theirs.apply(Edit::SetOwner { target: b.clone(), owner: Some("Colleague".into()) }, now).unwrap();
        io::save(&theirs, &path).unwrap();

        let mut ours = base.clone();
        ours.apply(Edit::SetOwner { target: a.clone(), owner: Some("Me".into()) }, now).unwrap();
        let base_version = Base { hash: Some(loaded.file_hash), workspace: &loaded.workspace };
        let outcome = save_guarded(&ours, &path, Some(base_version), OnConflict::Ask, "me", now).unwrap();
        let SaveOutcome::Merged { hash, merged } = outcome else { panic!("not merged: {outcome:?}") };
        let on_disk = io::load_with_warnings(&path).unwrap();
        assert_eq!(on_disk.file_hash, hash);
        assert_eq!(on_disk.workspace, merged.workspace);
        assert_eq!(owner(&on_disk.workspace, &a).as_deref(), Some("Me"));
        assert_eq!(owner(&on_disk.workspace, &b).as_deref(), Some("Colleague"));

        // Unchanged since: a plain write.
        let base_version = Base { hash: Some(hash), workspace: &merged.workspace };
        let again = save_guarded(&merged.workspace, &path, Some(base_version), OnConflict::Ask, "me", now).unwrap();
        assert!(matches!(again, SaveOutcome::Written { .. }), "{again:?}");
    }

    #[test]
    fn conflicts_are_written_for_theirs_with_ours_in_the_change_log_or_held_back_to_ask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let now = synthetic::test_now();
        let base = synthetic::workspace(1, 20, 12);
        io::save(&base, &path).unwrap();
        let hash = io::load_with_warnings(&path).unwrap().file_hash;
        let a = target(&base, 3);
        let mut theirs = base.clone();
        theirs.apply(Edit::SetOwner { target: a.clone(), owner: Some("Theirs".into()) }, now).unwrap();
        io::save(&theirs, &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut ours = base.clone();
        ours.apply(Edit::SetOwner { target: a.clone(), owner: Some("Ours".into()) }, now).unwrap();
        let b = || Some(Base { hash: Some(hash), workspace: &base });

        let asked = save_guarded(&ours, &path, b(), OnConflict::Ask, "me", now).unwrap();
        assert!(matches!(&asked, SaveOutcome::Conflicts { merged, .. } if merged.conflicts.len() == 1), "{asked:?}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "a conflict to ask about was written");

        save_guarded(&ours, &path, b(), OnConflict::TheirsWin, "me", now).unwrap();
        let on_disk = io::load(&path).unwrap();
        assert_eq!(owner(&on_disk, &a).as_deref(), Some("Theirs"));
        let last = on_disk.change_log.last().unwrap();
        assert!(last.summary.contains("overridden your value \"Ours\""), "{}", last.summary);
    }
}
