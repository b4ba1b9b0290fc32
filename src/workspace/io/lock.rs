//! Locks that keep several people's saves of one workspace from overwriting each other.
//!
//! - The save lock: an exclusive operating-system lock (`File::lock`) on a hidden file
//!   beside the workspace (`.NAME.ron.saving`), held for the length of one
//!   read-check-write (a command-line `set`, a save from the window). Waiters wait a few
//!   seconds, then are told who holds it: the holder writes its name into the file.
//!   The system drops the lock when the holder dies, so it can never go stale.
//! - The presence lock: a file `NAME.ron.lock` that says who has the workspace open in the
//!   window (user, machine, process, since, heartbeat), like LibreOffice's `.~lock` files.
//!   It is only information: opening a workspace someone has open is allowed (their saves
//!   and ours merge). A lock whose process is gone (same machine) or whose heartbeat is
//!   old is stale and is cleared.

use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How long the save lock is waited for before giving up: long enough for a queue of
/// scripted `set` commands, short enough for a person.
pub const SAVE_LOCK_WAIT: Duration = Duration::from_secs(10);

/// A presence lock whose heartbeat is older than this is stale (the window refreshes it
/// every [`HEARTBEAT_EVERY`]; a machine that slept or lost the share stops doing so).
pub const STALE_AFTER: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// How often the window refreshes its presence lock's heartbeat.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(60);

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The user's name (the operating system's user name unless told otherwise).
    pub user: String,
    /// The machine's name.
    pub machine: String,
    /// The process id on that machine.
    pub pid: u32,
    /// When the lock was taken (local time).
    pub since: NaiveDateTime,
    /// When the holder last said it is still there (local time).
    pub heartbeat: NaiveDateTime,
}

impl Holder {
    /// This process, as user `user`, at `now`.
    pub fn this_process(user: &str, now: NaiveDateTime) -> Self {
        Self { user: user.to_owned(), machine: machine_name(), pid: std::process::id(), since: now, heartbeat: now }
    }

    /// Whether the lock was left behind: its process is gone (when it is on this machine,
    /// as `alive` tells), or its heartbeat is older than [`STALE_AFTER`].
    pub fn is_stale(&self, now: NaiveDateTime, this_machine: &str, alive: impl Fn(u32) -> bool) -> bool {
        (self.machine == this_machine && !alive(self.pid)) || now - self.heartbeat > STALE_AFTER
    }

    /// "Sam Jones on QA-LAPTOP (process 4242) since 2026-11-23 10:00".
    pub fn describe(&self) -> String {
        format!(
            "{} on {} (process {}) since {}",
            self.user,
            self.machine,
            self.pid,
            self.since.format("%Y-%m-%d %H:%M")
        )
    }
}

/// The name lock files give this process's user when no other is known: the operating
/// system's ([`super::os_user_name`]), else "unknown user".
pub fn this_user() -> String {
    super::os_user_name().unwrap_or_else(|| "unknown user".to_owned())
}

/// This machine's name.
pub fn machine_name() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_owned());
    from_file
        .filter(|s| !s.is_empty())
        .or_else(|| ["COMPUTERNAME", "HOSTNAME"].iter().find_map(|k| std::env::var(k).ok()))
        .unwrap_or_else(|| "unknown machine".to_owned())
}

/// Whether a process of this machine is running. Where the system cannot tell (no
/// `/proc`), it is taken to be running, and only the heartbeat can show a lock is stale.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    // A zombie has finished: its lock is as good as released.
    match std::fs::read_to_string(proc.join(pid.to_string()).join("stat")) {
        Ok(stat) => !stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Someone else is saving and did not finish in time.
    #[error(
        "the workspace is busy: {} is saving it and did not finish within {} seconds; try again in a moment: {}",
        holder.as_ref().map_or_else(|| "another program".to_owned(), Holder::describe),
        waited.as_secs(),
        path.display()
    )]
    Busy {
        /// The workspace.
        path: PathBuf,
        /// Who holds the lock, when it said.
        holder: Option<Holder>,
        /// How long we waited.
        waited: Duration,
    },
    /// The lock file could not be made or read.
    #[error("could not lock the workspace ({reason}): {}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

fn io(path: &Path, error: &std::io::Error) -> LockError {
    LockError::Io { path: path.to_owned(), reason: super::io_reason(error, true) }
}

/// The hidden file the save lock is taken on: `.NAME.ron.saving` beside the workspace.
pub fn save_lock_path(workspace: &Path) -> PathBuf {
    let name = workspace.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    workspace.with_file_name(format!(".{name}.saving"))
}

/// The presence lock of an open workspace: `NAME.ron.lock` beside it.
pub fn presence_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "workspace.ron".into());
    name.push(".lock");
    workspace.with_file_name(name)
}

/// The exclusive save lock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct SaveLock {
    // Holding the open file holds the lock.
    _file: std::fs::File,
}

impl SaveLock {
    /// Takes the save lock of `workspace`, waiting up to `wait` for another holder.
    pub fn acquire(workspace: &Path, user: &str, now: NaiveDateTime, wait: Duration) -> Result<Self, LockError> {
        let path = save_lock_path(workspace);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io(&path, &e))?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    file.read_to_string(&mut text).ok();
                    return Err(LockError::Busy {
                        path: workspace.to_owned(),
                        holder: serde_json::from_str(&text).ok(),
                        waited: started.elapsed(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(&path, &e)),
            }
        }
        // Say who holds it, for anyone who has to wait. Best effort: the lock is what counts.
        let holder = Holder::this_process(user, now);
        if let Ok(text) = serde_json::to_string(&holder) {
            let written = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(text.as_bytes()));
            written.ok();
        }
        Ok(Self { _file: file })
    }
}

/// What [`claim_presence`] found.
#[derive(Debug)]
pub enum Presence {
    /// The workspace is ours now; the lock file is removed when this is dropped.
    Claimed(PresenceLock),
    /// Someone else has it open (their lock is live).
    HeldBy(Holder),
}

/// Our presence lock on an open workspace.
#[derive(Debug)]
pub struct PresenceLock {
    path: PathBuf,
    holder: Holder,
}

impl PresenceLock {
    /// Who we said we are.
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Refreshes the heartbeat, so others see we are still here. Puts the lock back if
    /// someone removed it meanwhile.
    pub fn heartbeat(&mut self, now: NaiveDateTime) -> Result<(), LockError> {
        self.holder.heartbeat = now;
        write_holder(&self.path, &self.holder)
    }
}

impl Drop for PresenceLock {
    fn drop(&mut self) {
        // Only remove the file while it is still ours: someone may have opened anyway
        // and taken it over.
        if read_presence(&self.path).is_some_and(|h| h.pid == self.holder.pid && h.machine == self.holder.machine) {
            std::fs::remove_file(&self.path).ok();
        }
    }
}

/// Who has `workspace` open, by its presence lock, if anyone (stale or not).
pub fn presence_of(workspace: &Path) -> Option<Holder> {
    read_presence(&presence_path(workspace))
}

fn read_presence(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_holder(path: &Path, holder: &Holder) -> Result<(), LockError> {
    let text = serde_json::to_string_pretty(holder)
        .map_err(|e| LockError::Io { path: path.to_owned(), reason: e.to_string() })?;
    super::write_atomic(path, text.as_bytes(), false)
        .map_err(|e| LockError::Io { path: path.to_owned(), reason: e.to_string() })
}

/// Claims the presence lock of `workspace` for `me`: a missing or stale lock is replaced
/// (stale per [`Holder::is_stale`], with `alive` asked about processes of this machine);
/// a live lock of someone else is reported, unless `take_over` (the user chose "open
/// anyway"), in which case it is taken over.
pub fn claim_presence(
    workspace: &Path,
    me: Holder,
    take_over: bool,
    alive: impl Fn(u32) -> bool,
) -> Result<Presence, LockError> {
    let path = presence_path(workspace);
    if let Some(holder) = read_presence(&path) {
        let ours = holder.pid == me.pid && holder.machine == me.machine;
        if !ours && !take_over && !holder.is_stale(me.heartbeat, &me.machine, alive) {
            return Ok(Presence::HeldBy(holder));
        }
    }
    write_holder(&path, &me)?;
    Ok(Presence::Claimed(PresenceLock { path, holder: me }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(10, minute, 0).unwrap()
    }

    fn holder(machine: &str, pid: u32, heartbeat: NaiveDateTime) -> Holder {
        Holder { user: "Sam".into(), machine: machine.into(), pid, since: at(0), heartbeat }
    }

    #[test]
    fn a_lock_is_stale_when_its_process_is_gone_or_its_heartbeat_is_old() {
        let live = |_| true;
        let dead = |_| false;
        assert!(!holder("here", 1, at(5)).is_stale(at(6), "here", live));
        assert!(holder("here", 1, at(5)).is_stale(at(6), "here", dead));
        // Another machine's process cannot be asked about: only its heartbeat counts.
        assert!(!holder("there", 1, at(5)).is_stale(at(6), "here", dead));
        assert!(holder("there", 1, at(5)).is_stale(at(30), "here", live));
    }

    #[test]
    fn a_stale_presence_lock_is_cleared_and_a_live_one_is_reported_with_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("plan.ron");
        let me = Holder::this_process("Me", at(10));
        let other = holder(&me.machine, me.pid + 1, at(9));
        write_holder(&presence_path(&ws), &other).unwrap();
        match claim_presence(&ws, me.clone(), false, |_| true).unwrap() {
            Presence::HeldBy(h) => {
                assert_eq!(h, other);
                assert!(h.describe().starts_with("Sam on "), "{}", h.describe());
            }
            Presence::Claimed(_) => panic!("a live lock was taken"),
        }
        let lock = match claim_presence(&ws, me.clone(), false, |_| false).unwrap() {
            Presence::Claimed(lock) => lock,
            Presence::HeldBy(h) => panic!("a stale lock was reported: {h:?}"),
        };
        assert_eq!(presence_of(&ws).unwrap(), me);
        drop(lock);
        assert!(presence_of(&ws).is_none(), "the lock file outlived its holder");
    }

    #[test]
    fn a_second_save_lock_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("plan.ron");
        let first = SaveLock::acquire(&ws, "First", at(0), Duration::from_millis(10)).unwrap();
        let error = SaveLock::acquire(&ws, "Second", at(0), Duration::from_millis(50)).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("First on "), "{message}");
        assert!(message.ends_with("plan.ron"), "{message}");
        drop(first);
        SaveLock::acquire(&ws, "Second", at(0), Duration::from_millis(50)).unwrap();
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }
}
