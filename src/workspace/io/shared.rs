//! Saving a workspace that others may have saved since it was loaded: never overwrite what
//! was not read. Every save of the window and the command line goes through
//! [`save_guarded`]: under the save lock (see [`super::lock`]) it compares the file on disk
//! with the version the work was based on, by its length and a hash of its bytes (a synced
//! folder can keep a modification time while changing the content, or the reverse), writes
//! straight away when they match, and otherwise merges (see [`crate::workspace::merge`])
//! with that version as the base instead of overwriting.
//!
//! The hash is xxh3-128, not a cryptographic one: it tells versions of a file apart (a
//! chance collision is 1 in 2^128), and nobody gains by forging one, since whoever could
//! write a colliding file can write the workspace anyway. It hashes at memory speed, so
//! the check of an unchanged file is one streamed read of it (about 0.5 ms a megabyte,
//! against about 1.2 ms to read it whole and take its SHA-256), and a file whose length
//! changed is known to have changed without hashing at all.

use std::path::Path;

use std::io::Read as _;

use chrono::NaiveDateTime;

use super::lock::{LockError, SAVE_LOCK_WAIT, SaveLock};
use super::{LoadError, SaveError};
use crate::workspace::Workspace;
use crate::workspace::merge::{Choices, Merged, Side, merge};

/// Which version of a workspace file a workspace is: the file's length and the xxh3-128
/// hash of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileHash {
    /// The length in bytes.
    pub len: u64,
    /// The xxh3-128 hash of the bytes.
    pub digest: u128,
}

/// How much of a file is hashed at a time when it is streamed (small enough to stay in the
/// processor's cache, large enough that system calls cost nothing).
const CHUNK: usize = 256 * 1024;

impl FileHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self { len: bytes.len() as u64, digest: xxhash_rust::xxh3::xxh3_128(bytes) }
    }

    /// The hash of the file at `path`, streamed through a small buffer (the file is never
    /// held whole); `Ok(None)` when there is no file. When `expected` is given and the
    /// file's length differs from it, the file has changed and is not read: the length alone
    /// is returned, with a digest of 0.
    pub fn of_file(path: &Path, expected: Option<FileHash>) -> std::io::Result<Option<Self>> {
        let mut file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        let len = file.metadata()?.len();
        if expected.is_some_and(|e| e.len != len) {
            return Ok(Some(Self { len, digest: 0 }));
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        let mut buffer = vec![0; CHUNK];
        let mut read = 0u64;
        loop {
            match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buffer[..n]);
                    read += n as u64;
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(Some(Self { len: read, digest: hasher.digest128() }))
    }
}

impl std::fmt::Display for FileHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x} ({} bytes)", self.digest, self.len)
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
    // The check is a streamed hash of the file on disk (or only its length, when that
    // changed), through a small buffer, so beside the serialising of ours it takes one
    // core for a few hundredths of the save and no memory to speak of.
    let check = || match base {
        Some(base) => match FileHash::of_file(path, base.hash) {
            Ok(Some(on_disk)) if base.hash != Some(on_disk) => Ok(Some(base)),
            Ok(_) => Ok(None),
            Err(error) => Err(super::io_error(path, error, false)),
        },
        None => Ok(None),
    };
    let (text, changed) = rayon::join(|| super::to_ron_string(ours), check);
    let Some(base) = changed? else {
        let text = text.map_err(|e| super::with_path(e, path))?;
        let hash = write(path, &text)?;
        return Ok(SaveOutcome::Written { hash });
    };
    // Someone saved: now the file is read whole, to merge with.
    let bytes = std::fs::read(path).map_err(|error| super::io_error(path, error, false))?;
    let theirs = super::from_ron_bytes(&bytes, path).map_err(SharedSaveError::Theirs)?;
    let (theirs_hash, theirs) = (theirs.file_hash, theirs.workspace);
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

    #[test]
    fn the_streamed_hash_is_the_hash_of_the_bytes_and_a_longer_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        assert_eq!(FileHash::of_file(&path, None).unwrap(), None);
        // Longer than the buffer, and not a multiple of it.
        let bytes: Vec<u8> = (0..CHUNK * 3 + 17).map(|i| (i * 31 % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let hash = FileHash::of(&bytes);
        assert_eq!(FileHash::of_file(&path, None).unwrap(), Some(hash));
        assert_eq!(FileHash::of_file(&path, Some(hash)).unwrap(), Some(hash));
        let shorter = FileHash::of(&bytes[1..]);
        let seen = FileHash::of_file(&path, Some(shorter)).unwrap().unwrap();
        assert_eq!((seen.len, seen.digest), (bytes.len() as u64, 0), "the length told it changed");
        assert_ne!(Some(seen), Some(shorter));
    }

    #[test]
    fn a_change_of_the_same_length_and_modification_time_is_still_merged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let now = synthetic::test_now();
        let mut ws = synthetic::workspace(1, 20, 13);
        let (a, b) = (target(&ws, 4), target(&ws, 5));
        ws.apply(Edit::SetOwner { target: a.clone(), owner: Some("Sam1".into()) }, now).unwrap();
        io::save(&ws, &path).unwrap();
        let loaded = io::load_with_warnings(&path).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        // A colleague's owner of the same length, written in place (as some sync clients
        // do) with the old modification time put back.
        let mut theirs = ws.clone();
        let annotation = theirs.reports[0].annotations.get_mut(&a.finding).unwrap();
        annotation.owner = Some("Alex".into());
        let theirs_text = io::to_ron_string(&theirs).unwrap();
        assert_eq!(theirs_text.len() as u64, loaded.file_hash.len);
        std::fs::write(&path, &theirs_text).unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();

        let mut ours = loaded.workspace.clone();
        ours.apply(Edit::SetOwner { target: b.clone(), owner: Some("Me".into()) }, now).unwrap();
        let base_version = Base { hash: Some(loaded.file_hash), workspace: &loaded.workspace };
        let outcome = save_guarded(&ours, &path, Some(base_version), OnConflict::Ask, "me", now).unwrap();
        assert!(matches!(outcome, SaveOutcome::Merged { .. }), "{outcome:?}");
        let on_disk = io::load(&path).unwrap();
        assert_eq!(owner(&on_disk, &a).as_deref(), Some("Alex"), "their change was overwritten");
        assert_eq!(owner(&on_disk, &b).as_deref(), Some("Me"));
    }
}
