//! The window's side of a shared workspace: the presence lock while a workspace is open
//! (with its heartbeat), the "in use" question when someone else has it open (read-only,
//! open anyway, or cancel), and noticing when someone else saves the file (a notify watcher,
//! and a look every few seconds for folders that send no events), to offer to bring their
//! changes in. The file work goes through `workspace::io` (locks, guarded save); the
//! questions are dialogs whose answers become commands.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{Level, TrackerApp};
use crate::workspace::io::lock::{self, Holder, Presence, PresenceLock};
use crate::workspace::io::{self, FileHash};

/// How a workspace is opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OpenMode {
    /// Ask first if someone else has it open.
    #[default]
    Ask,
    /// Someone else has it open: look only (saving goes to Save as…).
    ReadOnly,
    /// Someone else has it open: open it all the same (saves merge with theirs).
    Anyway,
}

/// Someone has the workspace the user is opening open.
#[derive(Clone, Debug, PartialEq)]
pub struct LockPrompt {
    /// The workspace.
    pub path: PathBuf,
    /// Who has it open.
    pub holder: Holder,
}

/// Someone else saved the open workspace: what they saved, to bring in on request.
#[derive(Debug)]
pub struct IncomingSave {
    /// Who saved last, when the save lock says.
    pub saved_by: Option<Holder>,
    /// What the file holds now.
    pub loaded: crate::workspace::Loaded,
}

/// How often the open file is looked at for someone else's save.
const POLL_SECONDS: f64 = 2.0;

/// The window's sharing state.
#[derive(Debug, Default)]
pub struct Sharing {
    presence: Option<PresenceLock>,
    last_heartbeat: Option<f64>,
    /// The mode of the workspace being opened (kept while the reader works).
    pub(super) open_mode: OpenMode,
    /// Opened read-only: Save asks for another file.
    pub read_only: bool,
    /// The "in use" question, while it is open.
    pub lock_prompt: Option<LockPrompt>,
    /// Someone else's save, offered to bring in.
    pub incoming: Option<IncomingSave>,
    last_poll: Option<f64>,
    seen: Option<(std::time::SystemTime, u64)>,
    declined: Option<FileHash>,
    watcher: Option<FileWatcher>,
}

/// Says at once that the open workspace's file was written, without waiting for the next
/// look: a notify watcher on its folder (sync clients and this app replace the file by a
/// rename, so the folder is watched, not the file). Network shares often send no events,
/// which is why the file is still looked at every [`POLL_SECONDS`] as well.
struct FileWatcher {
    path: PathBuf,
    fired: std::sync::Arc<std::sync::atomic::AtomicBool>,
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatcher").field("path", &self.path).finish_non_exhaustive()
    }
}

impl FileWatcher {
    /// Watches `path`'s folder, waking the window when `path` changes; `None` when the
    /// system cannot watch it (then the regular look is all there is).
    fn new(path: &Path, ctx: &egui::Context) -> Option<Self> {
        use notify::Watcher as _;
        let fired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (flag, ctx, name) = (fired.clone(), ctx.clone(), path.file_name()?.to_owned());
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| e.paths.iter().any(|p| p.file_name() == Some(name.as_os_str()))) {
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
                ctx.request_repaint();
            }
        })
        .ok()?;
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        watcher.watch(folder, notify::RecursiveMode::NonRecursive).ok()?;
        Some(Self { path: path.to_owned(), fired, _watcher: watcher })
    }

    /// Whether the file changed since the last call.
    fn take_fired(&self) -> bool {
        self.fired.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// The answer to the "in use" question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockAnswer {
    /// Open it read-only.
    ReadOnly,
    /// Open it all the same.
    Anyway,
    /// Do not open it.
    Cancel,
}

/// Asks what to do about a workspace someone else has open.
pub fn lock_prompt_ui(ctx: &egui::Context, prompt: &LockPrompt) -> Option<LockAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("workspace_in_use")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("This workspace is open elsewhere");
        ui.label(format!("{} has it open.", prompt.holder.describe()));
        ui.weak(prompt.path.display().to_string());
        ui.label("If you both make changes, they are merged when either of you saves; fields you both change are shown for you to choose.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Open read-only").clicked() {
                answer = Some(LockAnswer::ReadOnly);
            }
            if ui.button("Open anyway").clicked() {
                answer = Some(LockAnswer::Anyway);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(LockAnswer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(LockAnswer::Cancel);
    }
    answer
}

/// Offers to bring in someone else's save. `Some(true)` brings it in, `Some(false)` not now.
pub fn incoming_ui(ctx: &egui::Context, incoming: &IncomingSave) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("incoming_save")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Someone else saved this workspace");
        let who = incoming.saved_by.as_ref().map_or_else(|| "Someone".to_owned(), |h| h.user.clone());
        ui.label(format!("{who} saved it. Bring their changes in now? Your unsaved work is kept."));
        ui.horizontal(|ui| {
            if ui.button("Bring their changes in").clicked() {
                answer = Some(true);
            }
            if ui.button("Not now").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

impl TrackerApp {
    fn user_name(&self) -> String {
        self.doc.author().map_or_else(lock::this_user, str::to_owned)
    }

    /// Who else has `path` open, when their presence lock is live.
    pub(super) fn other_holder(&self, path: &Path) -> Option<Holder> {
        let holder = lock::presence_of(path)?;
        let me = (std::process::id(), lock::machine_name());
        let ours = holder.pid == me.0 && holder.machine == me.1;
        (!ours && !holder.is_stale(self.now(), &me.1, lock::process_alive)).then_some(holder)
    }

    /// After a workspace opened from `path`: take its presence lock (unless read-only) and
    /// start watching it.
    pub(super) fn opened_shared(&mut self, path: &Path) {
        let mode = std::mem::take(&mut self.sharing.open_mode);
        self.sharing.presence = None;
        self.sharing.read_only = mode == OpenMode::ReadOnly;
        self.sharing.incoming = None;
        self.sharing.seen = file_stamp(path);
        self.sharing.declined = None;
        if self.sharing.read_only || !self.options.use_disk {
            return;
        }
        let me = Holder::this_process(&self.user_name(), self.now());
        match lock::claim_presence(path, me, mode == OpenMode::Anyway, lock::process_alive) {
            Ok(Presence::Claimed(presence)) => {
                self.sharing.presence = Some(presence);
                self.sharing.last_heartbeat = Some(self.time);
            }
            // They opened it in the moment since we asked: their saves and ours merge.
            Ok(Presence::HeldBy(_)) => {}
            Err(e) => {
                self.notify(Level::Warning, format!("Others will not see that you have this workspace open: {e}"))
            }
        }
    }

    /// The workspace was saved to `path` (its file from now on): what is on disk is ours.
    pub(super) fn saved_shared(&mut self, path: &Path) {
        self.sharing.seen = file_stamp(path);
        // The save merged whatever was on disk, so an offer of someone's earlier save (or
        // a read of it under way) is stale.
        self.sharing.incoming = None;
        self.jobs.their_save = None;
        if self.sharing.read_only {
            // Saved as a copy of its own: no longer read-only, and ours.
            self.sharing.open_mode = OpenMode::Anyway;
            self.opened_shared(path);
        }
    }

    /// The open workspace is closed or replaced: release its presence lock.
    pub(super) fn closed_shared(&mut self) {
        self.jobs.their_save = None;
        self.sharing.presence = None;
        self.sharing.read_only = false;
        self.sharing.incoming = None;
        self.sharing.seen = None;
    }

    /// Each frame: refresh the heartbeat, and look for someone else's save every few seconds.
    pub(super) fn watch_shared(&mut self, ctx: &egui::Context) {
        if let Some(presence) = &mut self.sharing.presence
            && self.sharing.last_heartbeat.is_none_or(|t| self.time - t >= lock::HEARTBEAT_EVERY.as_secs_f64())
        {
            self.sharing.last_heartbeat = Some(self.time);
            presence.heartbeat(self.clock.now()).ok();
        }
        let Some(path) = self.doc.path().map(Path::to_path_buf) else { return };
        if self.sharing.watcher.as_ref().is_none_or(|w| w.path != path) {
            self.sharing.watcher = FileWatcher::new(&path, ctx);
        }
        if self.sharing.incoming.is_some() || self.doc.pending_merge().is_some() {
            return;
        }
        let fired = self.sharing.watcher.as_ref().is_some_and(FileWatcher::take_fired);
        if !fired && self.sharing.last_poll.is_some_and(|t| self.time - t < POLL_SECONDS) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(POLL_SECONDS));
            return;
        }
        self.sharing.last_poll = Some(self.time);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(POLL_SECONDS));
        self.look_for_their_save(&path);
    }

    /// Looks at the file: when it changed (time or size) and its content is no longer the
    /// version the work is based on (nor one already declined), reads it on a worker
    /// thread (at once with `blocking_import`) and then offers to bring it in.
    pub(super) fn look_for_their_save(&mut self, path: &Path) {
        if self.jobs.their_save.is_some() {
            // Still reading the last one; the next look sees any later save.
            return;
        }
        let stamp = file_stamp(path);
        if stamp.is_none() || stamp == self.sharing.seen {
            return;
        }
        self.sharing.seen = stamp;
        let Some(base) = self.doc.base_hash() else { return };
        let declined = self.sharing.declined;
        if self.options.blocking_import {
            let read = read_their_save(path, base, declined);
            self.their_save_read(path, read);
            return;
        }
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let work = move |file: &Path| read_their_save(file, base, declined);
        match crate::ui::jobs::Job::run_once("their-save", path.to_owned(), self.repaint(), work) {
            Ok(job) => {
                self.jobs.their_save = Some(job);
                self.status_message = format!("{name} was saved by someone else: reading their changes…");
            }
            Err(e) => self.notify(
                Level::Warning,
                format!("Could not read someone else's save (no worker thread: {e}): {}", path.display()),
            ),
        }
    }

    /// Takes what the worker started by [`Self::look_for_their_save`] read.
    pub(super) fn poll_their_save(&mut self) {
        let Some((path, read)) = super::files::take_read(&mut self.jobs.their_save) else { return };
        self.status_message.clear();
        self.their_save_read(&path, read);
    }

    /// Offers someone else's save once read, unless the window has moved on meanwhile
    /// (another workspace, or this one saved or brought in since).
    fn their_save_read(&mut self, path: &Path, read: Result<Option<IncomingSave>, crate::workspace::LoadError>) {
        if self.doc.path() != Some(path) {
            return;
        }
        match read {
            Ok(Some(incoming)) if Some(incoming.loaded.file_hash) != self.doc.base_hash() => {
                let who = incoming.saved_by.as_ref().map_or_else(|| "Someone".to_owned(), |h| h.user.clone());
                self.status_message = format!("{who} saved this workspace");
                self.sharing.incoming = Some(incoming);
            }
            Ok(_) => {}
            // A sync client may be part-way through writing it: the next change is looked at again.
            Err(e) => self.status_message = format!("Someone else's save could not be read yet: {e}"),
        }
    }

    /// Brings in the offered save (the answer "Bring their changes in").
    pub(super) fn bring_in_their_save(&mut self) {
        let Some(incoming) = self.sharing.incoming.take() else { return };
        let who = incoming.saved_by.as_ref().map_or_else(|| "Someone".to_owned(), |h| h.user.clone());
        match self.doc.bring_in(incoming.loaded, self.now()) {
            crate::ui::document::SaveReport::Conflicts(n) => {
                self.status_message =
                    format!("{who}'s save and your work both change {n} field(s): choose what to keep");
            }
            _ => self.notify(Level::Info, format!("Brought in {who}'s changes")),
        }
    }

    /// Declines the offered save for now (it is offered again after their next save).
    pub(super) fn decline_their_save(&mut self) {
        if let Some(incoming) = self.sharing.incoming.take() {
            self.sharing.declined = Some(incoming.loaded.file_hash);
        }
    }
}

impl TrackerApp {
    /// Merges another workspace file into the open one (File › Merge a workspace…): read
    /// on a worker thread (at once with `blocking_import`), merged when read.
    pub(super) fn merge_from(&mut self, path: &Path) {
        if self.options.blocking_import {
            let read = io::load_with_warnings(path);
            self.merge_read(path, read);
            return;
        }
        match crate::ui::jobs::Job::run_once("merge-read", path.to_owned(), self.repaint(), io::load_with_warnings) {
            Ok(job) => {
                self.jobs.merging = Some(job);
                self.status_message = format!("Reading {} to merge it in…", path.display());
            }
            Err(e) => self.notify(
                Level::Error,
                format!("Could not merge the workspace (no worker thread: {e}): {}", path.display()),
            ),
        }
    }

    /// Merges what the worker started by [`Self::merge_from`] read.
    pub(super) fn poll_merging(&mut self) {
        let Some((path, read)) = super::files::take_read(&mut self.jobs.merging) else { return };
        self.status_message.clear();
        self.merge_read(&path, read);
    }

    fn merge_read(&mut self, path: &Path, read: Result<crate::workspace::Loaded, crate::workspace::LoadError>) {
        match read {
            Ok(other) => match self.doc.merge_in(other, self.now()) {
                crate::ui::document::SaveReport::Conflicts(n) => {
                    self.status_message = format!("{n} field(s) differ between the copies: choose what to keep");
                }
                crate::ui::document::SaveReport::MergedIn(incoming) => self.notify(
                    Level::Info,
                    format!(
                        "Merged {}: {} report(s), {} action(s), {} field(s) and {} update(s) came in. Save to keep them",
                        path.display(),
                        incoming.reports.len(),
                        incoming.actions.len(),
                        incoming.fields.len(),
                        incoming.list_items
                    ),
                ),
                crate::ui::document::SaveReport::Saved => {}
            },
            Err(e) => self.notify(Level::Error, format!("Could not merge the workspace: {e}")),
        }
    }

    /// Writes the workspace a backup holds beside the open one, as
    /// `NAME (restored BACKUP).ron`, and opens it (asking about unsaved changes first).
    pub(super) fn restore_backup(&mut self, ctx: &egui::Context, backup: &Path) {
        let Some(current) = self.doc.path().map(Path::to_path_buf) else { return };
        let stem = current.file_stem().map_or_else(|| "workspace".to_owned(), |s| s.to_string_lossy().into_owned());
        let when = backup.file_name().map_or_else(String::new, |n| {
            n.to_string_lossy().trim_end_matches(".ron.gz").trim_start_matches(&format!("{stem}-")).to_owned()
        });
        let copy = current.with_file_name(format!("{stem} (restored {when}).ron"));
        match io::backups::restore_as_copy(backup, &copy) {
            Ok(_) => {
                self.notify(Level::Info, format!("Restored the backup as a copy: {}", copy.display()));
                self.guard_unsaved(ctx, crate::ui::dialogs::confirm::PendingAction::OpenWorkspace(copy));
            }
            Err(e) => self.notify(Level::Error, format!("Could not restore the backup: {e}")),
        }
    }
}

/// Reads someone else's save of `path` (on a worker thread): `None` when its content is
/// still `base` or the version the user declined, which a streamed hash tells without
/// parsing it.
fn read_their_save(
    path: &Path,
    base: FileHash,
    declined: Option<FileHash>,
) -> Result<Option<IncomingSave>, crate::workspace::LoadError> {
    let known = |hash: FileHash| hash == base || Some(hash) == declined;
    if FileHash::of_file(path, None).ok().flatten().is_some_and(known) {
        return Ok(None);
    }
    let loaded = io::load_with_warnings(path)?;
    if known(loaded.file_hash) {
        return Ok(None);
    }
    Ok(Some(IncomingSave { saved_by: last_saver(path), loaded }))
}

/// The file's modification time and size, to notice a change cheaply before hashing.
fn file_stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Who saved `path` last: the save lock's file keeps the name of its last holder.
fn last_saver(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(lock::save_lock_path(path)).ok()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod watcher_tests {
    use super::*;

    #[test]
    fn the_watcher_fires_when_the_file_is_replaced_and_not_for_its_neighbours() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("ws.ron");
        std::fs::write(&path, "(schema_version: 3)").expect("written");
        let Some(watcher) = FileWatcher::new(&path, &egui::Context::default()) else {
            // A system without file events: the regular look still works.
            return;
        };
        let fired_within = |millis: u64| {
            let until = std::time::Instant::now() + std::time::Duration::from_millis(millis);
            while std::time::Instant::now() < until {
                if watcher.take_fired() {
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            false
        };
        std::fs::write(dir.path().join("other.txt"), "x").expect("written");
        assert!(!fired_within(500), "another file in the folder is not the workspace");
        // Replaced by a rename, as every save does.
        let temp = dir.path().join(".ws.ron.tmp");
        std::fs::write(&temp, "(schema_version: 3, reports: [])").expect("written");
        std::fs::rename(&temp, &path).expect("renamed");
        assert!(fired_within(3000), "the save was noticed");
    }
}
