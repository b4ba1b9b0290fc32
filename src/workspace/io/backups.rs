//! Rolling backups: after each save, a compressed copy of the saved file goes into a folder
//! beside the workspace (`NAME.ron.backups/NAME-YYYYMMDD-HHMMSS.ron.gz`), with who saved
//! it and how many changes it brought in the gzip header's comment, and only the newest
//! few are kept. A backup is never opened in place: [`restore_as_copy`] writes it out as a
//! new workspace file, after checking it loads.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{LoadError, SaveError};

/// How many backups are kept unless the user chose otherwise (Preferences).
pub const DEFAULT_KEEP: usize = 10;

/// What a backup says about itself (the gzip comment, as JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupNote {
    /// Who saved the version.
    pub user: String,
    /// When (local time).
    pub saved_at: NaiveDateTime,
    /// How many change-log records the save added.
    pub changes: usize,
}

/// A backup in the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The `.ron.gz` file.
    pub path: PathBuf,
    /// What it says about itself; `None` when its header cannot be read.
    pub note: Option<BackupNote>,
}

/// The folder of `workspace`'s backups: `NAME.ron.backups` beside it.
pub fn folder(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "workspace.ron".into());
    name.push(".backups");
    workspace.with_file_name(name)
}

fn stem(workspace: &Path) -> String {
    workspace.file_stem().map_or_else(|| "workspace".to_owned(), |s| s.to_string_lossy().into_owned())
}

fn io(path: &Path, error: std::io::Error) -> SaveError {
    super::io_error(path, error, true)
}

/// Keeps a compressed copy of the file at `workspace` as it is now, with `note`, and
/// removes all but the newest `keep` backups (`keep == 0` keeps none and writes none).
/// Returns the new backup's path.
pub fn keep(workspace: &Path, note: &BackupNote, keep: usize) -> Result<Option<PathBuf>, SaveError> {
    if keep == 0 {
        return Ok(None);
    }
    let bytes = std::fs::read(workspace).map_err(|e| io(workspace, e))?;
    let dir = folder(workspace);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let base = format!("{}-{}", stem(workspace), note.saved_at.format("%Y%m%d-%H%M%S"));
    let target = (1..)
        .map(|n| if n == 1 { dir.join(format!("{base}.ron.gz")) } else { dir.join(format!("{base}-{n}.ron.gz")) })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{base}.ron.gz")));
    let comment = serde_json::to_string(note).unwrap_or_default();
    let mut encoder = flate2::GzBuilder::new()
        .filename(format!("{}.ron", stem(workspace)))
        .comment(comment)
        .write(Vec::with_capacity(bytes.len() / 6), flate2::Compression::fast());
    encoder.write_all(&bytes).map_err(|e| io(&target, e))?;
    let compressed = encoder.finish().map_err(|e| io(&target, e))?;
    super::write_atomic(&target, &compressed, false)?;
    for old in list(workspace).into_iter().skip(keep) {
        std::fs::remove_file(&old.path).ok();
    }
    Ok(Some(target))
}

/// The backups of `workspace`, newest first (by the time in their names).
pub fn list(workspace: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder(workspace)) else { return Vec::new() };
    let prefix = format!("{}-", stem(workspace));
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".ron.gz"))
        })
        .collect();
    // Names hold the time as YYYYMMDD-HHMMSS, then "-2", "-3"… for more in the same second.
    let order = |p: &PathBuf| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let rest = name.get(prefix.len()..name.len().saturating_sub(".ron.gz".len())).unwrap_or_default();
        let (time, counter) = rest.get(..15).map_or((rest, ""), |t| (t, &rest[15..]));
        (time.to_owned(), counter.trim_start_matches('-').parse::<u32>().unwrap_or(1))
    };
    paths.sort_by_key(|p| std::cmp::Reverse(order(p)));
    paths.into_iter().map(|path| Backup { note: read_note(&path), path }).collect()
}

fn read_note(path: &Path) -> Option<BackupNote> {
    let file = std::fs::File::open(path).ok()?;
    let decoder = flate2::read::GzDecoder::new(file);
    let comment = decoder.header()?.comment()?;
    serde_json::from_slice(comment).ok()
}

/// Why a backup could not be restored.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The backup could not be read or uncompressed.
    #[error("could not read the backup ({reason}): {}", path.display())]
    Read {
        /// The backup.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// It uncompressed but is not a workspace this build can load.
    #[error("the backup does not hold a usable workspace: {0}")]
    Load(LoadError),
    /// The copy's name is taken; nothing is overwritten.
    #[error("a file of that name already exists; choose another name: {}", path.display())]
    Exists {
        /// The name asked for.
        path: PathBuf,
    },
    /// Writing the copy failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Writes the workspace a backup holds to `copy` (a new file; an existing one is never
/// replaced), after checking it loads. Returns the workspace.
pub fn restore_as_copy(backup: &Path, copy: &Path) -> Result<crate::workspace::Workspace, RestoreError> {
    let read_error = |e: std::io::Error| RestoreError::Read { path: backup.to_owned(), reason: e.to_string() };
    let file = std::fs::File::open(backup).map_err(read_error)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).map_err(read_error)?;
    let loaded = super::from_ron_bytes(&bytes, backup).map_err(RestoreError::Load)?;
    // Created only if the name is free, in one step: a check before writing would leave
    // a moment in which a file made meanwhile is overwritten.
    super::write_new(copy, &bytes).map_err(|e| {
        if e.is_exists() { RestoreError::Exists { path: copy.to_owned() } } else { RestoreError::from(e) }
    })?;
    Ok(loaded.workspace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{io as wio, synthetic};

    fn note(second: u32, changes: usize) -> BackupNote {
        let saved_at = synthetic::test_today().and_hms_opt(10, 0, second).unwrap();
        BackupNote { user: "Sam".into(), saved_at, changes }
    }

    #[test]
    fn only_the_newest_backups_are_kept_and_each_restores_as_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let mut versions = Vec::new();
        for i in 0..5u32 {
            let ws = synthetic::workspace(1, 5, u64::from(i));
            wio::save(&ws, &path).unwrap();
            keep(&path, &note(i, i as usize), 3).unwrap().unwrap();
            versions.push(ws);
        }
        let backups = list(&path);
        assert_eq!(backups.len(), 3);
        assert_eq!(backups[0].note, Some(note(4, 4)), "newest first, with who and how many changes");
        let copy = dir.path().join("restored.ron");
        let restored = restore_as_copy(&backups[2].path, &copy).unwrap();
        assert_eq!(restored, versions[2]);
        assert_eq!(wio::load(&copy).unwrap(), versions[2]);
        assert!(matches!(restore_as_copy(&backups[0].path, &copy), Err(RestoreError::Exists { .. })));
        assert!(matches!(restore_as_copy(&path, &dir.path().join("x.ron")), Err(RestoreError::Read { .. })));
    }

    #[test]
    fn two_saves_in_one_second_keep_two_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        wio::save(&synthetic::workspace(1, 3, 1), &path).unwrap();
        let a = keep(&path, &note(0, 1), 10).unwrap().unwrap();
        let b = keep(&path, &note(0, 1), 10).unwrap().unwrap();
        assert_ne!(a, b);
        let listed: Vec<PathBuf> = list(&path).into_iter().map(|b| b.path).collect();
        assert_eq!(listed, vec![b, a], "the second of the second is the newer");
        assert_eq!(keep(&path, &note(0, 1), 0).unwrap(), None);
    }
}
