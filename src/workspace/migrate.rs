//! Schema migrations: each older layout of the workspace file is a typed struct, and each
//! has one step to the next version, so a file of any older version is upgraded one step
//! at a time to the current [`SCHEMA_VERSION`](super::SCHEMA_VERSION).
//!
//! Schema history:
//! - 0: the prototype layout. Annotations were one workspace-wide list of
//!   `(report, finding, annotation)` entries beside the reports.
//! - 1 (current): each report holds its own annotations, keyed by finding id.
//!
//! Adding a version: freeze the current layout here as `vN`, write `vN → vN+1`, add a
//! variant to [`Versioned`], raise `SCHEMA_VERSION`, and keep a fixture of the old layout
//! in `tests/fixtures/workspace/`.

use std::path::Path;

use serde::Deserialize;

use super::io::{LoadError, damaged};
use super::{SCHEMA_VERSION, Workspace};

/// A parsed file in one of the layouts this build knows.
enum Versioned {
    V0(v0::Workspace),
    V1(Workspace),
}

impl Versioned {
    fn version(&self) -> u32 {
        match self {
            Self::V0(_) => 0,
            Self::V1(_) => 1,
        }
    }

    /// One migration step.
    fn step(self, path: &Path) -> Result<Self, LoadError> {
        match self {
            Self::V0(old) => old.into_v1(path).map(Self::V1),
            current @ Self::V1(_) => Ok(current),
        }
    }
}

/// Parses `text`, written with schema `version` (≤ current), and migrates it to the
/// current schema.
pub(super) fn upgrade(text: &str, version: u32, path: &Path) -> Result<Workspace, LoadError> {
    let mut value = match version {
        0 => Versioned::V0(parse(text, path)?),
        _ => Versioned::V1(parse(text, path)?),
    };
    while value.version() < SCHEMA_VERSION {
        value = value.step(path)?;
    }
    match value {
        Versioned::V1(mut ws) => {
            ws.schema_version = SCHEMA_VERSION;
            Ok(ws)
        }
        Versioned::V0(_) => Err(LoadError::Invalid {
            path: path.to_owned(),
            message: "the migration from schema 0 did not finish".to_owned(),
        }),
    }
}

/// Parses RON text into `T`, naming the position of any fault. Unknown fields are
/// ignored here (serde's default) and listed by the caller.
fn parse<T: for<'de> Deserialize<'de>>(text: &str, path: &Path) -> Result<T, LoadError> {
    let mut deserializer = ron::Deserializer::from_str(text).map_err(|e| damaged(path, &e))?;
    let value = T::deserialize(&mut deserializer).map_err(|e| damaged(path, &deserializer.span_error(e)))?;
    deserializer.end().map_err(|e| damaged(path, &deserializer.span_error(e)))?;
    Ok(value)
}

/// Schema 0, frozen.
mod v0 {
    use std::collections::BTreeMap;
    use std::path::Path;

    use serde::Deserialize;

    use crate::model::{Annotation, ChangeRecord, FindingId, ImportedReport, ReportId, Taxonomy};
    use crate::workspace::io::LoadError;

    /// One annotation in the workspace-wide list.
    #[derive(Deserialize)]
    pub(super) struct AnnotationEntry {
        report: ReportId,
        finding: FindingId,
        annotation: Annotation,
    }

    /// The whole file in schema 0.
    #[derive(Deserialize)]
    pub(super) struct Workspace {
        #[serde(rename = "schema_version")]
        _schema_version: u32,
        reports: Vec<ImportedReport>,
        #[serde(default)]
        annotations: Vec<AnnotationEntry>,
        #[serde(default)]
        change_log: Vec<ChangeRecord>,
        taxonomy: Taxonomy,
    }

    impl Workspace {
        /// Moves each annotation into its report. An annotation for a report that is not in
        /// the file, or a second annotation of one finding, is refused rather than dropped.
        pub(super) fn into_v1(self, path: &Path) -> Result<crate::workspace::Workspace, LoadError> {
            let mut reports = self.reports;
            let invalid = |message: String| LoadError::Invalid { path: path.to_owned(), message };
            let mut placed: BTreeMap<(ReportId, FindingId), ()> = BTreeMap::new();
            for entry in self.annotations {
                let report = reports.iter_mut().find(|r| r.id == entry.report).ok_or_else(|| {
                    invalid(format!(
                        "an annotation of finding '{}' belongs to report '{}', which is not in the file",
                        entry.finding, entry.report
                    ))
                })?;
                if placed.insert((entry.report.clone(), entry.finding.clone()), ()).is_some() {
                    return Err(invalid(format!("finding '{}/{}' has two annotations", entry.report, entry.finding)));
                }
                report.annotations.insert(entry.finding, entry.annotation);
            }
            Ok(crate::workspace::Workspace {
                schema_version: 1,
                reports,
                change_log: self.change_log,
                taxonomy: self.taxonomy,
            })
        }
    }
}
