//! The workspace file: RON text, pretty-printed with `schema_version` first.
//!
//! Saving is atomic: the text goes to a temporary file in the same folder, which is
//! flushed, synced and renamed over the old file, after the old file has been kept as
//! `NAME.ron.bak`; on unix the folder is synced too, so a crash or power cut leaves either
//! the old or the new file, never a mixture. A recovery file (`NAME.ron.recovery`) holds
//! periodic autosaves. Loading reads only: a damaged, truncated or foreign file is refused
//! with the line and column of the fault and never written to. Older schema versions are
//! migrated (see `migrate`); newer ones are refused.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{SCHEMA_VERSION, Workspace, migrate};

pub mod backups;
pub mod lock;
mod shared;

pub use shared::{Base, FileHash, OnConflict, SaveOutcome, SharedSaveError, save_guarded, save_guarded_locked};

/// Why a workspace file could not be loaded. Each message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("could not read the workspace ({reason}): {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said, in plain words.
        reason: String,
        /// The underlying error (its text is already in `reason`, so it is not chained as
        /// a source: the message ends with the path).
        error: std::io::Error,
    },
    /// The file is empty.
    #[error("the workspace file is empty: {path}")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8 text.
    #[error(
        "the workspace file is damaged or not a workspace: it is not text (invalid UTF-8 at line {line}, column {column}): {path}"
    )]
    NotText {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
    /// The text is not valid RON, is cut short, or has values of the wrong type.
    #[error("the workspace file is damaged at line {line}, column {column} ({message}): {path}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the reader expected.
        message: String,
    },
    /// Valid RON, but not an inspection-tracker workspace (no `schema_version`).
    #[error("this is not an inspection-tracker workspace ({message}, at line {line}, column {column}): {path}")]
    Foreign {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was missing or unexpected.
        message: String,
    },
    /// Saved by a newer build with a schema this one does not know.
    #[error(
        "this workspace was saved by a newer version of inspection-tracker (schema {found}; this build reads up to {supported}); update inspection-tracker to open it: {path}"
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// The file's schema version.
        found: u32,
        /// The newest schema this build reads.
        supported: u32,
    },
    /// The content parsed but breaks a rule of the format, such as two reports with one id.
    #[error("the workspace file is not consistent ({message}): {path}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl LoadError {
    /// The line and column of the fault, when the error has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::NotText { line, column, .. }
            | Self::Damaged { line, column, .. }
            | Self::Foreign { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Why a workspace could not be saved. The in-memory workspace is untouched, so the user
/// can try again or save elsewhere. Each message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The workspace could not be turned into RON (e.g. a source path that is not UTF-8).
    #[error("could not write the workspace as text ({message}): {path}")]
    Serialise {
        /// The file it was meant for, or empty when converting to a string.
        path: PathBuf,
        /// What the writer said.
        message: String,
    },
    /// The folder to save in does not exist.
    #[error("could not save the workspace: the folder does not exist: {}", path.display())]
    MissingFolder {
        /// The folder.
        path: PathBuf,
    },
    /// A filesystem step failed; the old file, if any, is unchanged.
    #[error("could not save the workspace ({reason}): {}", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What went wrong, in plain words.
        reason: String,
        /// The underlying error (its text is already in `reason`, so it is not chained as
        /// a source: the message ends with the path).
        error: std::io::Error,
    },
}

impl SaveError {
    /// Whether the file was to be created new (see [`create`]) and one of that name is
    /// already there.
    pub fn is_exists(&self) -> bool {
        matches!(self, Self::Io { error, .. } if error.kind() == std::io::ErrorKind::AlreadyExists)
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Serialise { path, .. } | Self::MissingFolder { path } | Self::Io { path, .. } => path,
        }
    }
}

/// A loaded workspace with what the loader noticed but accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The workspace, migrated to the current schema.
    pub workspace: Workspace,
    /// The schema version the file had before migration.
    pub file_schema_version: u32,
    /// Fields the file had that this build does not know (they are ignored and would be
    /// dropped on the next save), as paths such as `reports[0].colour`.
    pub unknown_fields: Vec<String>,
    /// The SHA-256 of the bytes read: the version a later save checks the file still is
    /// (see [`save_guarded`]).
    pub file_hash: FileHash,
}

/// Loads a workspace file: migrates an older `schema_version`, refuses a newer one, and
/// names the line, column and file of any fault. Never writes to the file.
pub fn load(path: &Path) -> Result<Workspace, LoadError> {
    load_with_warnings(path).map(|loaded| loaded.workspace)
}

/// Like [`load`], and also reports the file's schema version and any unknown fields.
pub fn load_with_warnings(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        reason: io_reason(&error, false),
        error,
    })?;
    from_ron_bytes(&bytes, path)
}

/// Parses workspace RON from bytes; `path` only names the file in errors.
pub fn from_ron_bytes(bytes: &[u8], path: &Path) -> Result<Loaded, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let good = &bytes[..error.valid_up_to()];
            let (line, column) = line_column_at(std::str::from_utf8(good).unwrap_or_default());
            return Err(LoadError::NotText { path: path.to_owned(), line, column });
        }
    };
    from_ron_str(text, path)
}

/// Parses workspace RON from text; `path` only names the file in errors.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.to_owned() });
    }
    let version = schema_version_of(text, path)?;
    if version > SCHEMA_VERSION {
        return Err(LoadError::Newer { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    // The current layout is read a report at a time in parallel; anything else (older
    // layouts, hand-edited or damaged text) is read whole, which names any fault exactly.
    // Hashing overlaps parsing, so knowing the version costs a load almost nothing.
    let read = || match (version == SCHEMA_VERSION).then(|| super::ron_split::parse(text)).flatten() {
        Some(ws) => Ok(ws),
        None => migrate::upgrade(text, version, path),
    };
    let (workspace, file_hash) = rayon::join(read, || FileHash::of(text.as_bytes()));
    let workspace = workspace?;
    check_consistent(&workspace, path)?;
    // Older layouts are restructured by migration, so only the current one is compared.
    let unknown_fields =
        if version == SCHEMA_VERSION { super::unknown_fields::unknown_fields(text, &workspace) } else { Vec::new() };
    Ok(Loaded { workspace, file_schema_version: version, unknown_fields, file_hash })
}

/// The file's schema version: read from the first line when it is where this app writes
/// it, otherwise by reading the whole file (which also locates any syntax error).
fn schema_version_of(text: &str, path: &Path) -> Result<u32, LoadError> {
    if let Some(version) = quick_schema_version(text) {
        return Ok(version);
    }
    #[derive(serde::Deserialize)]
    struct Probe {
        schema_version: u32,
    }
    match ron::from_str::<Probe>(text) {
        Ok(probe) => Ok(probe.schema_version),
        Err(error) => {
            let (line, column) = (error.span.start.line, error.span.start.col);
            let message = error.code.to_string();
            if matches!(error.code, ron::Error::MissingStructField { .. } | ron::Error::ExpectedStructLike) {
                Err(LoadError::Foreign { path: path.to_owned(), line, column, message })
            } else {
                Err(damaged(path, &error))
            }
        }
    }
}

/// `(schema_version: N,` at the very start, as [`to_ron_string`] writes it.
fn quick_schema_version(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start().strip_prefix("schema_version")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let digits: &str = &rest[..rest.find(|c: char| !c.is_ascii_digit())?];
    digits.parse().ok()
}

/// Turns a RON error into a [`LoadError::Damaged`] naming its position.
pub(super) fn damaged(path: &Path, error: &ron::error::SpannedError) -> LoadError {
    LoadError::Damaged {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    }
}

/// Rules the types alone cannot enforce: report ids unique, finding and action ids unique
/// per report.
fn check_consistent(ws: &Workspace, path: &Path) -> Result<(), LoadError> {
    let invalid = |message: String| LoadError::Invalid { path: path.to_owned(), message };
    let mut report_ids = std::collections::HashSet::new();
    for report in &ws.reports {
        if !report_ids.insert(&report.id) {
            return Err(invalid(format!("two reports have the id '{}'", report.id)));
        }
        let mut finding_ids = std::collections::HashSet::new();
        for finding in &report.findings {
            if !finding_ids.insert(&finding.id) {
                return Err(invalid(format!("report '{}' has two findings with the id '{}'", report.id, finding.id)));
            }
        }
        let mut action_ids = std::collections::HashSet::new();
        for action in &report.actions {
            if !action_ids.insert(&action.id) {
                return Err(invalid(format!("report '{}' has two actions with the id '{}'", report.id, action.id)));
            }
        }
    }
    Ok(())
}

/// 1-based line and column just past the end of `text`.
fn line_column_at(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The workspace as pretty-printed RON, `schema_version` first.
pub fn to_ron_string(ws: &Workspace) -> Result<String, SaveError> {
    // Unescaped strings are written whole (about 2.5 times faster than escaping each
    // character) and keep notes readable: line breaks stay line breaks, and text with
    // quotes or backslashes becomes a raw string `r#"..."#`.
    let config = ron::ser::PrettyConfig::new().indentor("  ").new_line("\n").escape_strings(false);
    let mut text = super::ron_split::to_string_pretty(ws, &config)
        .map_err(|e| SaveError::Serialise { path: PathBuf::new(), message: e.to_string() })?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically: temporary file in the same folder, write, flush, fsync, rename; the
/// previous version is kept as `NAME.ron.bak`. On error the old file is unchanged.
pub fn save(ws: &Workspace, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(ws).map_err(|e| with_path(e, path))?;
    write_atomic(path, text.as_bytes(), true)
}

/// Writes `ws` as a new workspace file at `path`, never replacing one: under the save lock
/// of `path` (so another save waits), and with create-new semantics even against programs
/// that take no lock (the text goes to a synced temporary file that is then linked in
/// under the final name, which fails if the name is taken). A file already there is
/// an error of kind [`std::io::ErrorKind::AlreadyExists`] (see [`SaveError::is_exists`]),
/// and is left untouched. Returns the hash of what was written.
pub fn create(
    ws: &Workspace,
    path: &Path,
    user: &str,
    now: chrono::NaiveDateTime,
) -> Result<FileHash, SharedSaveError> {
    let _lock = lock::SaveLock::acquire(path, user, now, lock::SAVE_LOCK_WAIT)?;
    let text = to_ron_string(ws).map_err(|e| with_path(e, path))?;
    write_new(path, text.as_bytes())?;
    Ok(FileHash::of(text.as_bytes()))
}

/// Writes `bytes` to `path` only if there is no file there (see [`create`]).
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(SaveError::MissingFolder { path: folder });
    }
    let exists = || SaveError::Io {
        path: path.to_owned(),
        reason: "a file of that name already exists, so nothing was written over it; choose another name".to_owned(),
        error: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
    };
    let temp = temp_name(path, "tmp");
    write_and_sync(&temp, bytes).map_err(|error| renamed(error, path))?;
    let linked = std::fs::hard_link(&temp, path);
    std::fs::remove_file(&temp).ok();
    match linked {
        Ok(()) => {
            sync_folder(&folder);
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        // A filesystem without hard links: create the file itself exclusively.
        Err(_) => {
            let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(file) => file,
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists()),
                Err(error) => return Err(io_error(path, error, true)),
            };
            let written = file.write_all(bytes).and_then(|()| file.sync_all());
            if let Err(error) = written {
                drop(file);
                std::fs::remove_file(path).ok();
                return Err(io_error(path, error, true));
            }
            sync_folder(&folder);
            Ok(())
        }
    }
}

/// Where the periodic autosave of the workspace saved at `path` goes: `NAME.ron.recovery`
/// beside it.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "workspace.ron".into());
    name.push(".recovery");
    path.with_file_name(name)
}

/// Where the autosave of a workspace that has never been saved goes: `unsaved.ron.recovery`
/// in the user's data folder (`None` when the system has no home folder).
pub fn unsaved_recovery_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "inspection-tracker")?;
    Some(dirs.data_dir().join("unsaved.ron.recovery"))
}

/// The operating system's name for the user running the program (`USER`, or `USERNAME`
/// on Windows): the default author of changes until Preferences give another.
pub fn os_user_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
}

/// The backup kept by [`save`]: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "workspace.ron".into());
    name.push(".bak");
    path.with_file_name(name)
}

/// Autosaves the workspace whose file is `path` to [`recovery_path`]`(path)`, atomically
/// (no backup of the previous autosave).
pub fn save_recovery(ws: &Workspace, path: &Path) -> Result<(), SaveError> {
    let target = recovery_path(path);
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        // The data folder for unsaved workspaces may not exist yet.
        std::fs::create_dir_all(parent).map_err(|source| io_error(parent, source, true))?;
    }
    let text = to_ron_string(ws).map_err(|e| with_path(e, &target))?;
    write_atomic(&target, text.as_bytes(), false)
}

/// The recovery file of `path` when there is one worth offering: it exists and is not
/// older than the workspace file (a crash happened after the last autosave).
pub fn pending_recovery(path: &Path) -> Option<PathBuf> {
    let recovery = recovery_path(path);
    let recovery_time = std::fs::metadata(&recovery).ok()?.modified().ok()?;
    match std::fs::metadata(path).and_then(|m| m.modified()) {
        Ok(saved) if saved > recovery_time => None,
        _ => Some(recovery),
    }
}

/// Deletes the recovery file of `path`, after a successful save or when the user declines it.
pub fn remove_recovery(path: &Path) -> Result<(), SaveError> {
    let recovery = recovery_path(path);
    match std::fs::remove_file(&recovery) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(io_error(&recovery, source, true)),
    }
}

fn with_path(error: SaveError, path: &Path) -> SaveError {
    match error {
        SaveError::Serialise { message, .. } => SaveError::Serialise { path: path.to_owned(), message },
        other => other,
    }
}

/// A name no other writer uses: process id, a counter, and the time. The time matters: a
/// save killed mid-way leaves its temporary file, and a later process can get the same id
/// (ids are reused quickly on a busy machine), whose first save would otherwise fail on it.
fn temp_name(path: &Path, what: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}-{}-{n}-{nanos:x}", std::process::id()))
}

/// Temporary files older than this were left by a save that crashed (a save never takes
/// this long), so the next save removes them.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes temporary files of `path` left behind by crashed saves, which would otherwise
/// pile up (each as large as the workspace). Best effort: errors are ignored.
fn remove_stale_temporaries(path: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.bak-")];
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|age| age > STALE_TEMPORARY) {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old or the new
/// content; with `keep_backup`, the old file survives as `NAME.bak`. The one atomic writer
/// of the crate: workspaces, recovery files and exports all go through it.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(SaveError::MissingFolder { path: folder });
    }
    if path.is_dir() {
        return Err(SaveError::Io {
            path: path.to_owned(),
            reason: "a folder of that name is in the way".to_owned(),
            error: std::io::Error::from(std::io::ErrorKind::IsADirectory),
        });
    }
    let temp = temp_name(path, "tmp");
    let result = write_and_sync(&temp, bytes).map_err(|error| renamed(error, path)).and_then(|()| {
        if keep_backup && path.exists() {
            keep_previous(path)?;
        }
        std::fs::rename(&temp, path).map_err(|source| io_error(path, source, true))?;
        sync_folder(&folder);
        remove_stale_temporaries(path);
        Ok(())
    });
    if result.is_err() {
        std::fs::remove_file(&temp).ok();
    }
    result
}

/// Names the file the user chose in an error about its hidden temporary file.
fn renamed(error: SaveError, path: &Path) -> SaveError {
    match error {
        SaveError::Io { reason, error, .. } => SaveError::Io { path: path.to_owned(), reason, error },
        other => other,
    }
}

fn write_and_sync(temp: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(|source| io_error(temp, source, true))?;
    file.write_all(bytes).map_err(|source| io_error(temp, source, true))?;
    file.flush().map_err(|source| io_error(temp, source, true))?;
    file.sync_all().map_err(|source| io_error(temp, source, true))?;
    Ok(())
}

/// Makes `NAME.ron.bak` the current file's content, atomically: a hard link (or, where the
/// filesystem has none, a synced copy) under a temporary name, renamed over the old backup.
fn keep_previous(path: &Path) -> Result<(), SaveError> {
    let backup = backup_path(path);
    let temp = temp_name(path, "bak");
    let linked = std::fs::hard_link(path, &temp).is_ok();
    if !linked {
        let copied = std::fs::copy(path, &temp).and_then(|_| std::fs::File::open(&temp)).and_then(|f| f.sync_all());
        if let Err(source) = copied {
            std::fs::remove_file(&temp).ok();
            return Err(io_error(&backup, source, true));
        }
    }
    std::fs::rename(&temp, &backup).map_err(|source| {
        std::fs::remove_file(&temp).ok();
        io_error(&backup, source, true)
    })
}

/// Syncs the folder so the rename itself survives a power cut (unix only; elsewhere the
/// rename is already durable or cannot be synced).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        // Some filesystems refuse to sync a folder; the data itself is already synced.
        dir.sync_all().ok();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

fn io_error(path: &Path, error: std::io::Error, writing: bool) -> SaveError {
    SaveError::Io { path: path.to_owned(), reason: io_reason(&error, writing), error }
}

/// Plain words for the filesystem errors users meet.
fn io_reason(error: &std::io::Error, writing: bool) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => "the file or folder does not exist".to_owned(),
        K::PermissionDenied if writing => "permission denied: the folder or file is read-only".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        K::StorageFull | K::QuotaExceeded => "the disk is full".to_owned(),
        K::IsADirectory => "a folder of that name is in the way".to_owned(),
        K::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        K::ResourceBusy => "the file is locked by another program".to_owned(),
        _ => error.to_string(),
    }
}
