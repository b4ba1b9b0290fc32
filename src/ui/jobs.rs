//! Work off the UI thread, in one shape: a [`Job`] runs a closure on a named worker thread
//! that sends messages over a channel (and may watch a cancel flag); the app polls it each
//! frame, and the worker wakes the window after each message. Every worker of the window
//! is one: opening a workspace, writing an export, checking the reports' source files, and
//! importing reports ([`ImportJob`] adds progress on top). Dropping a job lets its worker
//! stop at its next message.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::classify::Classifier;
use crate::import::{ReadOutcome, SourceState, source_state};
use crate::model::ReportId;
use crate::workspace::Workspace;

/// Wakes the window when a worker has news (a no-op in tests).
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

/// The worker's side of a job: send messages, and see whether the app cancelled.
pub struct Worker<T> {
    tx: mpsc::Sender<T>,
    cancel: Arc<AtomicBool>,
    repaint: Repaint,
}

impl<T> Worker<T> {
    /// Sends a message and wakes the window; `false` once the app dropped the job.
    pub fn send(&self, message: T) -> bool {
        let sent = self.tx.send(message).is_ok();
        (self.repaint)();
        sent
    }

    /// Whether the app asked the work to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl<T> Clone for Worker<T> {
    fn clone(&self) -> Self {
        Self { tx: self.tx.clone(), cancel: Arc::clone(&self.cancel), repaint: Arc::clone(&self.repaint) }
    }
}

/// Work running on a worker thread, and the messages it has sent.
pub struct Job<T> {
    /// What the job works on, for the status bar ("Opening plan.ron…").
    pub path: PathBuf,
    rx: mpsc::Receiver<T>,
    cancel: Arc<AtomicBool>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread named `name`.
    pub fn spawn(
        name: &str,
        path: PathBuf,
        repaint: Repaint,
        work: impl FnOnce(Worker<T>) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker = Worker { tx, cancel: Arc::clone(&cancel), repaint };
        std::thread::Builder::new().name(name.to_owned()).spawn(move || work(worker))?;
        Ok(Self { path, rx, cancel })
    }

    /// Runs `work` once on `path` and sends its outcome: the shape of opening and exporting.
    pub fn run_once(
        name: &str,
        path: PathBuf,
        repaint: Repaint,
        work: impl FnOnce(&std::path::Path) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let file = path.clone();
        Self::spawn(name, path, repaint, move |worker| {
            worker.send(work(&file));
        })
    }

    /// The messages that arrived since the last poll, and whether the worker has finished
    /// (a worker that finished without a message died).
    pub fn poll(&self) -> (Vec<T>, bool) {
        let mut messages = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(message) => messages.push(message),
                Err(mpsc::TryRecvError::Empty) => return (messages, false),
                Err(mpsc::TryRecvError::Disconnected) => return (messages, true),
            }
        }
    }

    /// For a job that sends one outcome: `None` while it works, then the outcome, or
    /// `Err(())` when the worker stopped without one.
    pub fn outcome(&self) -> Option<Result<T, ()>> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(Ok(outcome)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(())),
        }
    }

    /// Takes a finished one-outcome job out of `slot`: its file and its outcome (see
    /// [`Self::outcome`]); `None`, the job left in place, while it works.
    pub fn take_finished(slot: &mut Option<Self>) -> Option<(PathBuf, Result<T, ()>)> {
        let outcome = slot.as_ref()?.outcome()?;
        slot.take().map(|job| (job.path, outcome))
    }

    /// Asks the worker to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A workspace file being read.
pub type OpenJob = Job<Result<crate::workspace::Loaded, crate::workspace::LoadError>>;

/// An export being written, and how many rows it holds.
pub struct ExportJob {
    /// The worker.
    pub job: Job<Result<(), crate::export::ExportError>>,
    /// The rows of the action plan.
    pub rows: usize,
}

/// What to check for one report: its id, source path and hash at import.
pub type SourceToCheck = (ReportId, PathBuf, String);

/// The reports of a workspace to check.
pub fn sources_of(ws: &Workspace) -> Vec<SourceToCheck> {
    ws.reports.iter().map(|r| (r.id.clone(), r.source_path.clone(), r.content_hash.clone())).collect()
}

/// Checks every source on the calling thread (tests).
pub fn check_sources_now(sources: &[SourceToCheck]) -> Vec<(ReportId, SourceState)> {
    sources.iter().map(|(id, path, hash)| (id.clone(), source_state(path, hash))).collect()
}

/// Hashes every report's source file, one after another (a few hundred PDFs take seconds),
/// sending each report's [`SourceState`].
pub fn spawn_source_check(
    sources: Vec<SourceToCheck>,
    repaint: Repaint,
) -> std::io::Result<Job<(ReportId, SourceState)>> {
    Job::spawn("source-check", PathBuf::new(), repaint, move |worker| {
        for (id, path, hash) in sources {
            // Stops when the app dropped the job (another workspace was opened).
            if !worker.send((id, source_state(&path, &hash))) {
                return;
            }
        }
    })
}

/// A file to import, from disk or (for the bundled samples in tests) from memory.
#[derive(Clone, Debug)]
pub struct ImportSource {
    /// The file's path (recorded as the report's source).
    pub path: PathBuf,
    /// The bytes, when they are not to be read from `path`.
    pub bytes: Option<&'static [u8]>,
}

impl ImportSource {
    /// A file on disk.
    pub fn file(path: PathBuf) -> Self {
        Self { path, bytes: None }
    }

    /// Reads and parses the file (see [`crate::import::read_and_parse`]).
    pub fn read(&self, classifier: &Classifier) -> ReadOutcome {
        crate::import::read_and_parse(&self.path, self.bytes, classifier)
    }
}

/// One file's outcome.
#[derive(Debug)]
pub struct ImportResult {
    /// The file.
    pub path: PathBuf,
    /// The parsed report and the file's content hash, or why it failed.
    pub outcome: ReadOutcome,
}

/// What the import worker reports.
#[derive(Debug)]
pub enum ImportMessage {
    /// A file is being read.
    Started(PathBuf),
    /// A file is done.
    Done(Box<ImportResult>),
}

/// A running import: files read and parsed in parallel (rayon) on a worker thread, with
/// progress for the status bar; cancelling skips the files not started.
pub struct ImportJob {
    job: Job<ImportMessage>,
    /// How many files in all.
    pub total: usize,
    /// How many are done.
    pub done: usize,
    /// The file most recently started.
    pub current: Option<PathBuf>,
    started: Arc<AtomicUsize>,
}

impl ImportJob {
    /// Starts importing, classifying with `classifier`.
    pub fn spawn(sources: Vec<ImportSource>, classifier: Classifier, repaint: Repaint) -> std::io::Result<Self> {
        let started = Arc::new(AtomicUsize::new(0));
        let total = sources.len();
        let counter = Arc::clone(&started);
        let job = Job::spawn("import", PathBuf::new(), repaint, move |worker: Worker<ImportMessage>| {
            sources.par_iter().for_each_with(worker, |worker, source| {
                if worker.is_cancelled() {
                    return;
                }
                counter.fetch_add(1, Ordering::Relaxed);
                worker.send(ImportMessage::Started(source.path.clone()));
                let outcome = source.read(&classifier);
                worker.send(ImportMessage::Done(Box::new(ImportResult { path: source.path.clone(), outcome })));
            });
        })?;
        Ok(Self { job, total, done: 0, current: None, started })
    }

    /// Asks the worker to skip the files it has not started.
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// Whether cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.job.is_cancelled()
    }

    /// The files done since the last poll, and whether every file is done.
    pub fn poll(&mut self) -> (Vec<ImportResult>, bool) {
        let (messages, finished) = self.job.poll();
        let mut done = Vec::new();
        for message in messages {
            match message {
                ImportMessage::Started(path) => self.current = Some(path),
                ImportMessage::Done(result) => {
                    self.done += 1;
                    done.push(*result);
                }
            }
        }
        (done, finished)
    }

    /// The progress line: "Importing 3 of 12: file.pdf".
    pub fn progress_text(&self) -> String {
        let n = (self.done + 1).min(self.total).max(self.started.load(Ordering::Relaxed).min(self.total));
        let name = self.current.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
        match name {
            Some(name) => format!("Importing {n} of {}: {name}", self.total),
            None => format!("Importing {n} of {}", self.total),
        }
    }

    /// Fraction done, for the progress bar.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 { 1.0 } else { self.done as f32 / self.total as f32 }
    }
}

/// The classifier for new imports: the user's taxonomy file when there is one (see
/// [`crate::classify::user_taxonomy_path`]), else the built-in taxonomy; or why it could not
/// be built.
pub fn default_classifier() -> Result<Classifier, String> {
    match std::panic::catch_unwind(crate::classify::load_user_taxonomy) {
        Ok(Ok(classifier)) => Ok(classifier),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(format!("the classifier could not start ({})", crate::import::panic_text(&panic))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_repaint() -> Repaint {
        Arc::new(|| {})
    }

    #[test]
    fn the_source_check_reports_every_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"abc").unwrap();
        let sources = vec![
            (ReportId("a".into()), path.clone(), crate::import::sha256_hex(b"abc")),
            (ReportId("b".into()), path, crate::import::sha256_hex(b"other")),
            (ReportId("c".into()), dir.path().join("gone.txt"), String::new()),
        ];
        let job = spawn_source_check(sources.clone(), no_repaint()).unwrap();
        let mut all = Vec::new();
        loop {
            let (results, done) = job.poll();
            all.extend(results);
            if done {
                break;
            }
            std::thread::yield_now();
        }
        assert_eq!(all, check_sources_now(&sources));
        let states: Vec<SourceState> = all.into_iter().map(|(_, s)| s).collect();
        assert_eq!(states, vec![SourceState::Unchanged, SourceState::Changed, SourceState::Missing]);
    }

    #[test]
    fn a_job_that_dies_says_so() {
        let job: Job<u8> = Job::spawn("dies", PathBuf::new(), no_repaint(), |_| {}).unwrap();
        let started = std::time::Instant::now();
        let outcome = loop {
            if let Some(outcome) = job.outcome() {
                break outcome;
            }
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
            std::thread::yield_now();
        };
        assert_eq!(outcome, Err(()));
    }
}
