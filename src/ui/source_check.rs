//! Checking every report's source file off the UI thread: a worker thread hashes the files
//! one after another (a few hundred PDFs take seconds) and sends each report's
//! [`SourceState`] over a channel; the app polls it each frame. Dropping the job stops the
//! worker at its next file.

use std::path::PathBuf;
use std::sync::mpsc;

use crate::import::{SourceState, source_state};
use crate::model::ReportId;
use crate::workspace::Workspace;

/// What to check for one report: its id, source path and hash at import.
pub type SourceToCheck = (ReportId, PathBuf, String);

/// The reports of a workspace to check.
pub fn sources_of(ws: &Workspace) -> Vec<SourceToCheck> {
    ws.reports.iter().map(|r| (r.id.clone(), r.source_path.clone(), r.content_hash.clone())).collect()
}

/// Checks every source on the calling thread (tests).
pub fn check_now(sources: &[SourceToCheck]) -> Vec<(ReportId, SourceState)> {
    sources.iter().map(|(id, path, hash)| (id.clone(), source_state(path, hash))).collect()
}

/// A check running on a worker thread.
pub struct SourceCheckJob {
    rx: mpsc::Receiver<(ReportId, SourceState)>,
}

impl SourceCheckJob {
    /// Starts checking `sources`; `repaint` is called after each result.
    pub fn spawn(sources: Vec<SourceToCheck>, repaint: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new().name("source-check".into()).spawn(move || {
            for (id, path, hash) in sources {
                let state = source_state(&path, &hash);
                if tx.send((id, state)).is_err() {
                    // The app dropped the job (another workspace was opened).
                    return;
                }
                repaint();
            }
        })?;
        Ok(Self { rx })
    }

    /// The results that arrived since the last poll, and whether the check is finished.
    pub fn poll(&self) -> (Vec<(ReportId, SourceState)>, bool) {
        let mut results = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(result) => results.push(result),
                Err(mpsc::TryRecvError::Empty) => return (results, false),
                Err(mpsc::TryRecvError::Disconnected) => return (results, true),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_reports_every_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"abc").unwrap();
        let sources = vec![
            (ReportId("a".into()), path.clone(), crate::import::sha256_hex(b"abc")),
            (ReportId("b".into()), path, crate::import::sha256_hex(b"other")),
            (ReportId("c".into()), dir.path().join("gone.txt"), String::new()),
        ];
        let job = SourceCheckJob::spawn(sources.clone(), || {}).unwrap();
        let mut all = Vec::new();
        loop {
            let (results, done) = job.poll();
            all.extend(results);
            if done {
                break;
            }
            std::thread::yield_now();
        }
        assert_eq!(all, check_now(&sources));
        let states: Vec<SourceState> = all.into_iter().map(|(_, s)| s).collect();
        assert_eq!(states, vec![SourceState::Unchanged, SourceState::Changed, SourceState::Missing]);
    }
}
