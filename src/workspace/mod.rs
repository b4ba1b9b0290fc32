//! The user's work: a [`Workspace`] of imported reports and their annotations, the typed
//! edits that change it (with undo and redo), and its RON file (atomic save, backups,
//! recovery, migrations). No egui; the UI only ever changes a workspace through `Edit`s.
//!
//! Only [`io`] touches the filesystem. Everything else is pure: "now" is always a
//! parameter, never read from the clock here.

mod action_edit;
mod edit;
mod history;
pub mod io;
pub mod merge;
pub mod merge_edit;
mod migrate;
pub mod query;
mod ron_split;
#[cfg(any(test, feature = "testing"))]
pub mod synthetic;
mod unknown_fields;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::model::{
    Annotation, CategoryId, ChangeRecord, Finding, FindingId, ImportedReport, Registry, ReportId, ReportMeta, Stamp,
    Taxonomy,
};
use crate::parse::ParsedReport;

pub use edit::{ActionChange, Edit, EditError};
pub use history::{History, MAX_UNDOS};
pub use io::{
    LoadError, Loaded, SaveError, backup_path, load, load_with_warnings, pending_recovery, recovery_path,
    remove_recovery, save, save_recovery, to_ron_string, unsaved_recovery_path,
};

/// The version of the workspace file format written by this build.
pub const SCHEMA_VERSION: u32 = 3;

/// Everything saved in a workspace file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The file format's version; always first in the file.
    pub schema_version: u32,
    /// The imported reports, in import order.
    pub reports: Vec<ImportedReport>,
    /// The audit trail of every annotation change, oldest first.
    #[serde(default)]
    pub change_log: Vec<ChangeRecord>,
    /// The taxonomy findings were tagged with.
    pub taxonomy: Taxonomy,
}

/// A finding's address in a workspace: its report and its id within that report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingRef {
    /// The report.
    pub report: ReportId,
    /// The finding within the report.
    pub finding: FindingId,
}

impl FindingRef {
    /// A reference from plain strings.
    pub fn new(report: impl Into<String>, finding: impl Into<String>) -> Self {
        Self { report: ReportId(report.into()), finding: FindingId(finding.into()) }
    }
}

impl std::fmt::Display for FindingRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.report, self.finding)
    }
}

/// What [`Workspace::add_report`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// A new report, with its new id.
    Added(ReportId),
    /// A report already in the workspace was replaced by its new parse. Annotations of
    /// findings that no longer exist are kept (see [`ImportedReport::orphaned`]) and listed.
    Reimported {
        /// The report's id, unchanged.
        id: ReportId,
        /// Annotated findings that the new parse no longer has.
        vanished: Vec<FindingId>,
    },
    /// The same file, parsed the same: nothing changed (the source path may have been updated).
    Unchanged(ReportId),
}

impl AddOutcome {
    /// The report's id, whatever happened.
    pub fn id(&self) -> &ReportId {
        match self {
            Self::Added(id) | Self::Unchanged(id) | Self::Reimported { id, .. } => id,
        }
    }
}

impl Workspace {
    /// An empty workspace using this taxonomy.
    pub fn new(taxonomy: Taxonomy) -> Self {
        Self { schema_version: SCHEMA_VERSION, reports: Vec::new(), change_log: Vec::new(), taxonomy }
    }

    /// The report with this id.
    pub fn report(&self, id: &ReportId) -> Option<&ImportedReport> {
        self.reports.iter().find(|r| &r.id == id)
    }

    fn report_mut(&mut self, id: &ReportId) -> Option<&mut ImportedReport> {
        self.reports.iter_mut().find(|r| &r.id == id)
    }

    /// The finding a reference points to, with its report.
    pub fn finding(&self, r: &FindingRef) -> Option<(&ImportedReport, &Finding)> {
        let report = self.report(&r.report)?;
        Some((report, report.finding(&r.finding)?))
    }

    /// The user's annotation of a finding; `None` when it has none.
    pub fn annotation(&self, r: &FindingRef) -> Option<&Annotation> {
        self.report(&r.report)?.annotations.get(&r.finding)
    }

    /// The category that counts: the user's override, else the automatic one.
    pub fn effective_category(&self, r: &FindingRef) -> Option<&CategoryId> {
        let report = self.report(&r.report)?;
        let finding = report.finding(&r.finding)?;
        Some(finding.effective_category(report.annotations.get(&r.finding)))
    }

    /// Every finding with its report and annotation, in report order then finding order.
    pub fn findings(&self) -> impl Iterator<Item = (FindingRef, &ImportedReport, &Finding, Option<&Annotation>)> {
        self.reports.iter().flat_map(|report| {
            report.findings.iter().map(move |finding| {
                let target = FindingRef { report: report.id.clone(), finding: finding.id.clone() };
                (target, report, finding, report.annotations.get(&finding.id))
            })
        })
    }

    /// How many findings the workspace holds.
    pub fn finding_count(&self) -> usize {
        self.reports.iter().map(|r| r.findings.len()).sum()
    }

    /// How many of a report's current findings the user has annotated (triage progress).
    pub fn annotated_count(&self, report: &ReportId) -> usize {
        self.report(report).map_or(0, ImportedReport::triaged_count)
    }

    /// The recorded changes to one finding, oldest first.
    pub fn history_of<'a>(&'a self, r: &'a FindingRef) -> impl Iterator<Item = &'a ChangeRecord> + 'a {
        self.change_log.iter().filter(move |c| c.report == r.report && c.finding == r.finding)
    }

    /// Resolves a finding id typed by a user: `REPORT_ID/FINDING_ID`, or a bare finding id
    /// when exactly one report has it.
    pub fn resolve(&self, text: &str) -> Result<FindingRef, EditError> {
        let text = text.trim();
        if let Some((report, finding)) = text.split_once('/')
            && self.report(&ReportId(report.to_owned())).is_some()
        {
            let target = FindingRef::new(report, finding);
            self.check_target(&target)?;
            return Ok(target);
        }
        let id = FindingId(text.to_owned());
        let matches: Vec<FindingRef> = self
            .reports
            .iter()
            .filter(|r| r.finding(&id).is_some())
            .map(|r| FindingRef { report: r.id.clone(), finding: id.clone() })
            .collect();
        match matches.len() {
            0 => Err(EditError::UnknownFinding { report: None, finding: id }),
            1 => Ok(matches.into_iter().next().expect("one match")),
            _ => Err(EditError::Ambiguous { finding: id, candidates: matches }),
        }
    }

    /// Adds a parsed report, or re-imports it when the same source path (or same content
    /// hash) is already present: keeps every annotation whose finding still exists;
    /// annotations whose finding vanished stay in `ImportedReport::annotations` and are
    /// listed in the outcome. Re-importing keeps the report's id.
    pub fn add_report(
        &mut self,
        parsed: ParsedReport,
        source_path: &Path,
        content_hash: &str,
        now: NaiveDateTime,
    ) -> AddOutcome {
        let existing = self
            .reports
            .iter()
            .position(|r| r.source_path == source_path)
            .or_else(|| self.reports.iter().position(|r| r.content_hash == content_hash));
        if let Some(index) = existing {
            let report = &mut self.reports[index];
            if report.content_hash == content_hash && report.meta == parsed.meta && report.findings == parsed.findings {
                // Same bytes, same parse: at most the file moved, so follow it.
                source_path.clone_into(&mut report.source_path);
                return AddOutcome::Unchanged(report.id.clone());
            }
            report.source_path = source_path.to_owned();
            content_hash.clone_into(&mut report.content_hash);
            report.imported_at = now;
            report.meta = parsed.meta;
            report.findings = parsed.findings;
            report.text = parsed.text;
            report.page_starts = parsed.page_starts;
            let vanished =
                report.annotations.keys().filter(|id| !report.findings.iter().any(|f| &f.id == *id)).cloned().collect();
            return AddOutcome::Reimported { id: report.id.clone(), vanished };
        }
        let id = self.new_report_id(&parsed.meta, content_hash);
        self.reports.push(ImportedReport {
            id: id.clone(),
            source_path: source_path.to_owned(),
            content_hash: content_hash.to_owned(),
            imported_at: now,
            meta: parsed.meta,
            findings: parsed.findings,
            text: parsed.text,
            page_starts: parsed.page_starts,
            annotations: Default::default(),
            actions: Vec::new(),
            plan: Default::default(),
        });
        AddOutcome::Added(id)
    }

    /// Points a report at a new source file (it moved), so that importing that file next
    /// re-imports this report and keeps its id and annotations. Not an undoable edit: the
    /// caller marks the workspace as changed. Returns the old path.
    pub fn relink(&mut self, id: &ReportId, path: PathBuf) -> Result<PathBuf, EditError> {
        let report = self.report_mut(id).ok_or_else(|| EditError::UnknownReport(id.clone()))?;
        Ok(std::mem::replace(&mut report.source_path, path))
    }

    /// A short, readable id unique in this workspace, fixed at first import (see
    /// [`report_id_base`]), with `-2`, `-3`… when it is taken.
    fn new_report_id(&self, meta: &ReportMeta, content_hash: &str) -> ReportId {
        unique_report_id(report_id_base(meta, content_hash), |candidate| {
            self.reports.iter().any(|r| r.id.0 == candidate)
        })
    }

    /// Checks that an edit's target exists: the report, and the finding or at least an
    /// annotation kept for it after the finding vanished (so orphans can still be closed).
    fn check_target(&self, target: &FindingRef) -> Result<(), EditError> {
        let report = self.report(&target.report).ok_or_else(|| EditError::UnknownReport(target.report.clone()))?;
        if report.finding(&target.finding).is_none() && !report.annotations.contains_key(&target.finding) {
            return Err(EditError::UnknownFinding {
                report: Some(target.report.clone()),
                finding: target.finding.clone(),
            });
        }
        Ok(())
    }

    /// Applies one edit, records it in `change_log` (with the stamp's time and author), and
    /// returns its inverse.
    /// A batch is checked as a whole first, so either all of it applies or none of it.
    pub fn apply(&mut self, edit: Edit, stamp: impl Into<Stamp>) -> Result<Edit, EditError> {
        self.validate(&edit)?;
        edit::apply_valid(self, edit, &stamp.into())
    }
}

/// A report's id before de-duplication: `<authority-slug>-<kind>-<date>`, such as
/// `southwark-focused-visit-2021-06-18`, from the registry's name of its authority (else the
/// name the report prints) and its letter or visit date; the first 8 hex digits of the
/// content hash when the report names no authority.
pub(crate) fn report_id_base(meta: &ReportMeta, content_hash: &str) -> String {
    let registered = meta.authority.as_ref().and_then(|c| Registry::builtin().get(&c.0)).map(|a| a.name.as_str());
    let slug = registered.or(meta.local_authority.as_deref()).map(authority_slug).unwrap_or_default();
    if slug.is_empty() {
        let hex: String = content_hash.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
        return if hex.is_empty() { "report".to_owned() } else { hex };
    }
    let kind = meta.kind.as_str().replace('_', "-");
    match meta.letter_date.or(meta.visit_end).or(meta.visit_start) {
        Some(date) => format!("{slug}-{kind}-{}", date.format("%Y-%m-%d")),
        None => format!("{slug}-{kind}"),
    }
}

/// `base`, or `base-2`, `base-3`… the first that `taken` refuses.
pub(crate) fn unique_report_id(base: String, taken: impl Fn(&str) -> bool) -> ReportId {
    if !taken(&base) {
        return ReportId(base);
    }
    (2usize..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .map(ReportId)
        .unwrap_or(ReportId(base))
}

/// Turns "London Borough of Southwark" into `southwark`: lowercase ASCII words joined by
/// hyphens, without the words every council name shares, at most about 30 characters.
fn authority_slug(name: &str) -> String {
    const COMMON: &[&str] =
        &["the", "of", "and", "london", "borough", "royal", "city", "county", "council", "metropolitan", "district"];
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = words.iter().copied().filter(|w| !COMMON.contains(w)).collect();
    let words = if kept.is_empty() { words } else { kept };
    let mut slug = String::new();
    for word in words {
        if !slug.is_empty() && slug.len() + word.len() > 30 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod relink_tests {
    use super::*;

    #[test]
    fn relinking_then_importing_the_new_file_keeps_the_id_and_annotations() {
        let mut ws = Workspace::new(Taxonomy::default());
        let mut report = ImportedReport {
            id: ReportId("northshire".into()),
            source_path: PathBuf::from("/old/northshire.pdf"),
            content_hash: "aa".into(),
            imported_at: NaiveDateTime::default(),
            meta: Default::default(),
            findings: Vec::new(),
            text: String::new(),
            page_starts: Vec::new(),
            annotations: Default::default(),
            actions: Vec::new(),
            plan: Default::default(),
        };
        report.annotations.insert(FindingId("r1".into()), Annotation { notes: "kept".into(), ..Default::default() });
        ws.reports.push(report);
        let id = ReportId("northshire".into());
        let old = ws.relink(&id, PathBuf::from("/new/northshire.pdf")).unwrap();
        assert_eq!(old, PathBuf::from("/old/northshire.pdf"));
        assert_eq!(ws.report(&id).unwrap().source_path, PathBuf::from("/new/northshire.pdf"));
        assert!(matches!(ws.relink(&ReportId("nope".into()), PathBuf::new()), Err(EditError::UnknownReport(_))));

        // The moved file with other bytes is a re-import of the same report, not a new one.
        let parsed = ParsedReport {
            meta: Default::default(),
            findings: Vec::new(),
            text: String::new(),
            page_starts: Vec::new(),
            warnings: Vec::new(),
        };
        let outcome = ws.add_report(parsed, Path::new("/new/northshire.pdf"), "bb", NaiveDateTime::default());
        assert_eq!(outcome, AddOutcome::Reimported { id: id.clone(), vanished: vec![FindingId("r1".into())] });
        assert_eq!(ws.reports.len(), 1);
        assert_eq!(ws.report(&id).unwrap().annotations[&FindingId("r1".into())].notes, "kept");
    }
}
