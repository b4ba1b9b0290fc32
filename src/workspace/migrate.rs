//! Schema migrations: each older layout of the workspace file is a typed struct, and each
//! has one step to the next version, so a file of any older version is upgraded one step
//! at a time to the current [`SCHEMA_VERSION`](super::SCHEMA_VERSION).
//!
//! Schema history:
//! - 0: the prototype layout. Annotations were one workspace-wide list of
//!   `(report, finding, annotation)` entries beside the reports.
//! - 1: each report holds its own annotations, keyed by finding id.
//! - 2: each report records its registry authority (`meta.authority`), and report
//!   ids read `<authority-slug>-<kind>-<date>`. The layout is otherwise that of 1, so a
//!   schema 1 file parses as the current [`Workspace`]; the step resolves each authority
//!   from the stored metadata and text, renames the reports and every reference to them
//!   (the change log). Finding ids and annotations are untouched.
//! - 3 (current): action plans. Each report holds `actions` and a `plan` header; progress
//!   updates, revisions and change-log entries name their author. A schema 2 file parses as
//!   the current layout (the new fields default to empty); the step turns the plan on each
//!   recommendation's or priority action's annotation (status, due date, planned action,
//!   updates, evidence, owner, RAG) into one action holding it. The annotation keeps its
//!   category, notes and importance, and its owner and RAG as the recommendation's own.
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
    /// Schema 1 has the current layout, without authorities and with the old report ids.
    V1(Workspace),
    /// Schema 2 has the current layout, with plans still on annotations.
    V2(Workspace),
    V3(Workspace),
}

impl Versioned {
    fn version(&self) -> u32 {
        match self {
            Self::V0(_) => 0,
            Self::V1(_) => 1,
            Self::V2(_) => 2,
            Self::V3(_) => 3,
        }
    }

    /// One migration step.
    fn step(self, path: &Path) -> Result<Self, LoadError> {
        match self {
            Self::V0(old) => old.into_v1(path).map(Self::V1),
            Self::V1(old) => Ok(Self::V2(v1_into_v2(old))),
            Self::V2(old) => Ok(Self::V3(v2_into_v3(old))),
            current @ Self::V3(_) => Ok(current),
        }
    }
}

/// Parses `text`, written with schema `version` (≤ current), and migrates it to the
/// current schema.
pub(super) fn upgrade(text: &str, version: u32, path: &Path) -> Result<Workspace, LoadError> {
    let mut value = match version {
        0 => Versioned::V0(parse(text, path)?),
        1 => Versioned::V1(parse(text, path)?),
        2 => Versioned::V2(parse(text, path)?),
        _ => Versioned::V3(parse(text, path)?),
    };
    while value.version() < SCHEMA_VERSION {
        value = value.step(path)?;
    }
    match value {
        Versioned::V3(mut ws) => {
            ws.schema_version = SCHEMA_VERSION;
            Ok(ws)
        }
        Versioned::V0(_) | Versioned::V1(_) | Versioned::V2(_) => Err(LoadError::Invalid {
            path: path.to_owned(),
            message: format!("the migration from schema {version} did not finish"),
        }),
    }
}

/// Schema 1 → 2: resolves each report's authority from what the file kept (printed name,
/// title, dates, text) and gives it an id of the new form; the change log follows the
/// renames. A report that names no authority at all keeps its id.
fn v1_into_v2(mut ws: Workspace) -> Workspace {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::model::ReportId;

    for report in &mut ws.reports {
        if report.meta.authority.is_none() {
            let paragraphs = report.text.split("\n\n");
            let found = crate::parse::authority::of_report(&report.meta, paragraphs).ok();
            report.meta.authority = found.map(|a| a.code.clone());
        }
    }
    let named = |r: &crate::model::ImportedReport| r.meta.authority.is_some() || r.meta.local_authority.is_some();
    let mut taken: BTreeSet<String> = ws.reports.iter().filter(|r| !named(r)).map(|r| r.id.0.clone()).collect();
    let mut renamed: BTreeMap<ReportId, ReportId> = BTreeMap::new();
    for report in &mut ws.reports {
        if !named(report) {
            continue;
        }
        let id =
            super::unique_report_id(super::report_id_base(&report.meta, &report.content_hash), |c| taken.contains(c));
        taken.insert(id.0.clone());
        if id != report.id {
            renamed.insert(std::mem::replace(&mut report.id, id.clone()), id);
        }
    }
    for record in &mut ws.change_log {
        if let Some(id) = renamed.get(&record.report) {
            record.report = id.clone();
        }
    }
    ws.schema_version = 2;
    ws
}

/// Schema 2 → 3: the plan kept on a recommendation's (or priority action's) annotation
/// becomes that recommendation's one action, with the same status, due date, text, updates,
/// evidence, lead and RAG; nothing is dropped. Annotations of other findings, and of findings
/// a re-import no longer has, are left as they are.
pub(crate) fn v2_into_v3(mut ws: Workspace) -> Workspace {
    use crate::model::{Action, ActionId, Annotation};

    let change_log = &ws.change_log;
    for report in &mut ws.reports {
        let plan_items: Vec<_> = report.plan_findings().map(|f| f.id.clone()).collect();
        for finding in plan_items {
            let Some(annotation) = report.annotations.get_mut(&finding) else {
                continue;
            };
            let has_plan = annotation.status != crate::model::Status::NotStarted
                || annotation.cancel_reason.is_some()
                || annotation.due_date.is_some()
                || !annotation.planned_action.is_empty()
                || !annotation.updates.is_empty()
                || !annotation.evidence.is_empty()
                || annotation.owner.is_some()
                || annotation.rag.is_some();
            if !has_plan {
                continue;
            }
            let created_at = change_log
                .iter()
                .find(|c| c.report == report.id && c.finding == finding)
                .map_or(report.imported_at, |c| c.at);
            let planned = std::mem::take(&mut annotation.planned_action);
            let (title, description) = match Action::title_and_description(&planned) {
                (title, description) if title.is_empty() => {
                    ("Action carried over from the earlier plan".to_owned(), description)
                }
                split => split,
            };
            let id = ActionId::derive(&["migrated", &report.id.0, &finding.0]);
            let mut action = Action::new(id, finding.clone(), title, None, created_at);
            action.description = description;
            action.lead = annotation.owner.clone();
            action.rag = annotation.rag;
            action.status = std::mem::take(&mut annotation.status);
            action.cancel_reason = annotation.cancel_reason.take();
            action.due = annotation.due_date.take();
            action.evidence = std::mem::take(&mut annotation.evidence);
            action.updates = std::mem::take(&mut annotation.updates);
            report.actions.push(action);
            if annotation == &Annotation::default() {
                report.annotations.remove(&finding);
            }
        }
    }
    ws.schema_version = 3;
    ws
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
