//! inspection-tracker: turn Ofsted children's services inspection reports into
//! structured, classified findings, and track the action plan built from them.
//!
//! The domain (`model`, `import`, `parse`, `classify`, `workspace`, `export`) never uses
//! egui; the desktop window lives in `ui`, behind the default `gui` feature, and the
//! command line in `cli`. Both are thin layers over the same library calls.

pub mod classify;
pub mod cli;
pub mod export;
pub mod import;
pub mod insights;
pub mod model;
pub mod parse;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;

use std::path::Path;

/// Reads and parses one report file: the whole pipeline from bytes to classified findings.
pub fn read_report(path: &Path, classifier: &classify::Classifier) -> Result<parse::ParsedReport, import::ImportError> {
    let raw = import::read_file(path)?;
    Ok(parse::parse(&raw, classifier))
}
