//! Importing reports off the UI thread: a worker thread reads and parses the files in
//! parallel (rayon) and sends progress and results over a channel; the app polls it each
//! frame, adds each parsed report to the workspace, and can cancel the rest. A panic in
//! the parser is caught and reported as that file's error.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::classify::Classifier;
use crate::parse::ParsedReport;

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
}

/// One file's outcome.
#[derive(Debug)]
pub struct ImportResult {
    /// The file.
    pub path: PathBuf,
    /// The parsed report and the file's content hash, or why it failed.
    pub outcome: Result<(ParsedReport, String), String>,
}

/// What the worker reports.
#[derive(Debug)]
pub enum ImportMessage {
    /// A file is being read.
    Started(PathBuf),
    /// A file is done.
    Done(Box<ImportResult>),
    /// Every file is done (or the import was cancelled).
    Finished,
}

/// Reads and parses one file, turning errors and parser panics into a message.
pub fn import_one(source: &ImportSource, classifier: &Classifier) -> Result<(ParsedReport, String), String> {
    let read = || match source.bytes {
        Some(bytes) => crate::import::read_bytes(&source.path, bytes),
        None => crate::import::read_file(&source.path),
    };
    let raw = read().map_err(|e| e.to_string())?;
    let hash = raw.content_hash.clone();
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::parse::parse(&raw, classifier)))
        .map_err(|panic| format!("the parser failed on this file ({})", panic_text(&panic)))?;
    Ok((parsed, hash))
}

/// The classifier for new imports: the user's taxonomy file when there is one (see
/// [`crate::classify::user_taxonomy_path`]), else the built-in taxonomy; or why it could not
/// be built.
pub fn default_classifier() -> Result<Classifier, String> {
    match std::panic::catch_unwind(crate::classify::load_user_taxonomy) {
        Ok(Ok(classifier)) => Ok(classifier),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(format!("the classifier could not start ({})", panic_text(&panic))),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".to_owned())
}

/// A running import.
pub struct ImportJob {
    rx: mpsc::Receiver<ImportMessage>,
    cancel: Arc<AtomicBool>,
    /// How many files in all.
    pub total: usize,
    /// How many are done.
    pub done: usize,
    /// The file most recently started.
    pub current: Option<PathBuf>,
    started: Arc<AtomicUsize>,
}

impl ImportJob {
    /// Starts importing on a worker thread, classifying with `classifier`. `repaint` wakes
    /// the UI when something arrives.
    pub fn spawn(
        sources: Vec<ImportSource>,
        classifier: Classifier,
        repaint: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let started = Arc::new(AtomicUsize::new(0));
        let total = sources.len();
        let worker_cancel = Arc::clone(&cancel);
        let worker_started = Arc::clone(&started);
        let fallback_paths: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
        let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
            sources.par_iter().for_each_with(tx.clone(), |tx, source| {
                if worker_cancel.load(Ordering::Relaxed) {
                    return;
                }
                worker_started.fetch_add(1, Ordering::Relaxed);
                tx.send(ImportMessage::Started(source.path.clone())).ok();
                repaint();
                let outcome = import_one(source, &classifier);
                tx.send(ImportMessage::Done(Box::new(ImportResult { path: source.path.clone(), outcome }))).ok();
                repaint();
            });
            tx.send(ImportMessage::Finished).ok();
            repaint();
        });
        if spawned.is_err() {
            // No thread could be started: report every file as failed rather than hang.
            let (fail_tx, fail_rx) = mpsc::channel();
            for path in fallback_paths {
                let outcome = Err("could not start the import thread".to_owned());
                fail_tx.send(ImportMessage::Done(Box::new(ImportResult { path, outcome }))).ok();
            }
            fail_tx.send(ImportMessage::Finished).ok();
            return Self { rx: fail_rx, cancel, total, done: 0, current: None, started };
        }
        Self { rx, cancel, total, done: 0, current: None, started }
    }

    /// Asks the worker to skip the files it has not started.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Messages that have arrived, without blocking.
    pub fn poll(&mut self) -> Vec<ImportMessage> {
        let mut out = Vec::new();
        while let Ok(message) = self.rx.try_recv() {
            match &message {
                ImportMessage::Started(path) => self.current = Some(path.clone()),
                ImportMessage::Done(_) => self.done += 1,
                ImportMessage::Finished => {}
            }
            out.push(message);
        }
        out
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
