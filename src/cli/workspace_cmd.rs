//! `inspection-tracker new | add | show | set`: the workspace on the command line, for
//! scripting. Thin: every change goes through the same `Workspace` calls and `Edit`s as
//! the desktop app, and the file through `workspace::io` (atomic save, `.bak`).
//!
//! Exit status: 0 when all went well, 1 when the work was done but some files could not be
//! imported (each is reported as `error: ...`), 2 when nothing was changed.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDateTime;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::{AddArgs, EXIT_OK, EXIT_WARNINGS, NewArgs, SetArgs, ShowArgs};
use crate::classify::Classifier;
use crate::model::{
    Action, Annotation, CategoryId, Date, Finding, ImportedReport, PlanRefs, Progress, ProgressUpdate, Rag, Stamp,
    Status,
};
use crate::workspace::{self, AddOutcome, Edit, FindingRef, Workspace};

/// `new WS.ron FILE...`: creates a workspace; never overwrites an existing file.
pub fn new(args: &NewArgs, today: Date, classifier: &Classifier) -> anyhow::Result<u8> {
    if args.workspace.exists() {
        anyhow::bail!(
            "the workspace already exists (use `inspection-tracker add` to import into it): {}",
            args.workspace.display()
        );
    }
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let failures = import_into(&mut ws, &args.files, classifier, now(today));
    // Checked again as it is written: another command may have created it meanwhile.
    create_new(&ws, &args.workspace, now(today)).map_err(|error| match error {
        workspace::io::SharedSaveError::Save(error) if error.is_exists() => anyhow::anyhow!(
            "the workspace already exists: someone else created it while the reports were read, and it is left as they wrote it (use `inspection-tracker add` to import into it): {}",
            error.path().display()
        ),
        other => other.into(),
    })?;
    outln!(
        "created {} with {} report(s) and {} finding(s)",
        args.workspace.display(),
        ws.reports.len(),
        ws.finding_count()
    );
    Ok(if failures > 0 { EXIT_WARNINGS } else { EXIT_OK })
}

/// `add WS.ron FILE_OR_DIR...`: imports new reports and re-imports changed ones, classified
/// with the workspace's own taxonomy unless `--taxonomy` names another.
pub fn add(args: &AddArgs, today: Date, taxonomy: Option<&Path>) -> anyhow::Result<u8> {
    let locked = Locked::load(&args.workspace, now(today))?;
    let mut ws = locked.loaded.workspace.clone();
    let before = &locked.loaded.workspace;
    let classifier = match taxonomy {
        Some(path) => {
            let classifier = crate::classify::load_taxonomy_file(path)?;
            ws.taxonomy = classifier.taxonomy().clone();
            classifier
        }
        None => Classifier::new(ws.taxonomy.clone())
            .with_context(|| format!("the workspace's taxonomy is invalid: {}", args.workspace.display()))?,
    };
    let failures = import_into(&mut ws, &args.files, &classifier, now(today));
    let conflicts = if &ws != before { locked.save(&ws, now(today))? } else { 0 };
    Ok(if failures > 0 || conflicts > 0 { EXIT_WARNINGS } else { EXIT_OK })
}

/// `show WS.ron [--json] [filters]`: every finding, or only those the filters keep.
pub fn show(args: &ShowArgs, today: Date) -> anyhow::Result<u8> {
    let ws = load(&args.workspace)?;
    let kept = super::filter::kept_findings(&args.filter, &ws, today)?;
    let keep = |report: &ImportedReport, finding: &Finding| {
        kept.as_ref().is_none_or(|k| k.contains(&FindingRef { report: report.id.clone(), finding: finding.id.clone() }))
    };
    if args.json {
        let value = workspace_json(&ws, today, &keep);
        outln!("{}", serde_json::to_string_pretty(&value).context("could not write JSON")?);
    } else {
        out!("{}", workspace_table(&ws, &args.workspace, today, &keep));
    }
    Ok(EXIT_OK)
}

/// `set WS.ron FINDING_ID [--category ID] [--status ID] ...`: one undoable batch of edits.
pub fn set(args: &SetArgs, today: Date) -> anyhow::Result<u8> {
    let locked = Locked::load(&args.workspace, now(today))?;
    let mut ws = locked.loaded.workspace.clone();
    let target = ws.resolve(&args.finding).map_err(|error| {
        anyhow::anyhow!("{error} (`inspection-tracker show {}` lists them)", args.workspace.display())
    })?;
    let stamp = stamp(args.author.as_deref(), today);
    let edits = edits_from_args(&ws, &target, args, today, &stamp)?;
    if edits.is_empty() {
        anyhow::bail!(
            "nothing to set: give at least one of --category, --status, --reason, --rag, --owner, --due, --action, --note, --update, --evidence, --important"
        );
    }
    let label = Edit::Batch(edits.clone()).label();
    let at = stamp.at;
    ws.apply(Edit::Batch(edits), stamp)?;
    let conflicts = locked.save(&ws, at)?;
    outln!("{}: {target}", label);
    Ok(if conflicts > 0 { EXIT_WARNINGS } else { EXIT_OK })
}

/// Writes `ws` as a new file at `path` (never over one), under its save lock.
pub(super) fn create_new(
    ws: &Workspace,
    path: &Path,
    now: NaiveDateTime,
) -> Result<(), workspace::io::SharedSaveError> {
    workspace::io::create(ws, path, &workspace::io::lock::this_user(), now).map(|_| ())
}

/// A workspace loaded for one read-modify-write, under its save lock (waiting a few
/// seconds for another command or a save from the window to finish), so concurrent
/// commands queue instead of overwriting each other.
pub(super) struct Locked {
    lock: workspace::io::lock::SaveLock,
    path: PathBuf,
    pub(super) loaded: workspace::Loaded,
}

impl Locked {
    pub(super) fn load(path: &Path, now: NaiveDateTime) -> anyhow::Result<Self> {
        let user = workspace::io::lock::this_user();
        // Scripts that would rather fail fast (or wait longer) set the wait in seconds.
        let wait = std::env::var("INSPECTION_TRACKER_LOCK_WAIT")
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map_or(workspace::io::lock::SAVE_LOCK_WAIT, std::time::Duration::from_secs_f64);
        let lock = workspace::io::lock::SaveLock::acquire(path, &user, now, wait)?;
        let loaded = load_with_warnings(path)?;
        Ok(Self { lock, path: path.to_owned(), loaded })
    }

    /// Saves `ws`; should the file have changed all the same (a program that does not
    /// lock, such as a sync client), merges with it, the file's values winning conflicts,
    /// and reports each overridden value (kept in the change log). Returns how many
    /// conflicts there were.
    pub(super) fn save(&self, ws: &Workspace, now: NaiveDateTime) -> anyhow::Result<usize> {
        let base = workspace::io::Base { hash: Some(self.loaded.file_hash), workspace: &self.loaded.workspace };
        let outcome = workspace::io::save_guarded_locked(
            &self.lock,
            ws,
            &self.path,
            Some(base),
            workspace::io::OnConflict::TheirsWin,
            &workspace::io::lock::this_user(),
            now,
        )?;
        let written = match &outcome {
            workspace::io::SaveOutcome::Merged { merged, .. } => &merged.workspace,
            _ => ws,
        };
        let note = workspace::io::backups::BackupNote {
            user: workspace::io::lock::this_user(),
            saved_at: now,
            changes: written.change_log.len().saturating_sub(self.loaded.workspace.change_log.len()),
        };
        // Still under the lock, so the backup is of this save and nobody else's.
        if let Err(error) = workspace::io::backups::keep(&self.path, &note, workspace::io::backups::DEFAULT_KEEP) {
            eprintln!("warning: the workspace was saved, but its rolling backup could not be written: {error}");
        }
        let workspace::io::SaveOutcome::Merged { merged, .. } = outcome else { return Ok(0) };
        eprintln!(
            "note: the workspace was changed by someone else since it was read; their changes were merged in: {}",
            self.path.display()
        );
        for conflict in &merged.conflicts {
            eprintln!(
                "warning: {} was changed on both sides: kept their value \"{}\"; yours, \"{}\", is kept in the change log",
                conflict.site,
                workspace::merge::value_text(&conflict.theirs),
                workspace::merge::value_text(&conflict.ours),
            );
        }
        Ok(merged.conflicts.len())
    }
}

/// Loads a workspace, warning about fields this build does not know (they are dropped
/// when the workspace is next saved).
pub(super) fn load(path: &Path) -> anyhow::Result<Workspace> {
    load_with_warnings(path).map(|loaded| loaded.workspace)
}

/// [`load`], keeping what the file was (its hash) for a guarded save.
fn load_with_warnings(path: &Path) -> anyhow::Result<workspace::Loaded> {
    let loaded = workspace::io::load_with_warnings(path)?;
    if !loaded.unknown_fields.is_empty() {
        eprintln!(
            "warning: the workspace has fields this version does not know, which are ignored (and dropped when it is saved): {}: {}",
            loaded.unknown_fields.join(", "),
            path.display()
        );
    }
    Ok(loaded)
}

/// The moment to stamp changes with: today's date at the current local time of day.
pub(super) fn now(today: Date) -> NaiveDateTime {
    let time = chrono::Local::now().time();
    let time = chrono::NaiveTime::from_hms_opt(
        chrono::Timelike::hour(&time),
        chrono::Timelike::minute(&time),
        chrono::Timelike::second(&time),
    )
    .unwrap_or_default();
    today.and_time(time)
}

/// A date given on the command line: `YYYY-MM-DD`, or `none` (or empty) for no date.
pub(super) fn parse_date_arg(what: &str, text: &str) -> anyhow::Result<Option<Date>> {
    match text.trim() {
        "" | "none" => Ok(None),
        text => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| anyhow::anyhow!("invalid {what} '{text}' (expected YYYY-MM-DD, e.g. 2026-03-31, or none)")),
    }
}

/// A status given on the command line, by its id.
pub(super) fn parse_status_arg(text: &str) -> anyhow::Result<Status> {
    text.trim().parse::<Status>().map_err(anyhow::Error::msg)
}

/// A RAG given on the command line: a colour, or `none` (or empty) for none.
pub(super) fn parse_rag_arg(text: &str) -> anyhow::Result<Option<Rag>> {
    match text.trim() {
        "" | "none" => Ok(None),
        text => text.parse::<Rag>().map(Some).map_err(anyhow::Error::msg),
    }
}

/// A progress update given on the command line, dated today; its author comes from the
/// edit's stamp.
pub(super) fn update_arg(text: &str, today: Date) -> anyhow::Result<ProgressUpdate> {
    if text.trim().is_empty() {
        anyhow::bail!("a progress update needs some text");
    }
    Ok(ProgressUpdate { date: today, text: text.to_owned(), author: None })
}

/// Who makes a command's changes (`--author`, else the operating system's user name), and when.
pub(super) fn stamp(author: Option<&str>, today: Date) -> Stamp {
    let author = author.map(str::to_owned).or_else(workspace::io::os_user_name);
    Stamp::new(now(today), author.as_deref())
}

/// Turns `set`'s options into edits, checking every value first. On a recommendation or
/// priority action the plan options go to its action
/// ([`super::action_cmd::recommendation_plan_edits`]).
fn edits_from_args(
    ws: &Workspace,
    target: &FindingRef,
    args: &SetArgs,
    today: Date,
    stamp: &Stamp,
) -> anyhow::Result<Vec<Edit>> {
    let t = || target.clone();
    let current = ws.annotation(target).cloned().unwrap_or_default();
    let plan_item = ws.finding(target).is_some_and(|(_, f)| f.kind.is_action());
    let mut edits = Vec::new();
    if let Some(category) = &args.category {
        let category = category.trim();
        let category = if matches!(category, "auto" | "automatic") {
            None
        } else {
            let id = CategoryId::from(category);
            if ws.taxonomy.get(&id).is_none() {
                let valid: Vec<&str> = ws.taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
                anyhow::bail!("unknown category '{category}' (expected auto or one of: {})", valid.join(", "));
            }
            Some(id)
        };
        edits.push(Edit::SetCategory { target: t(), category });
    }
    if plan_item {
        edits.extend(super::action_cmd::recommendation_plan_edits(ws, target, args, today, stamp)?);
    } else if args.status.is_some() || args.reason.is_some() {
        let status = match &args.status {
            Some(s) => parse_status_arg(s)?,
            None => current.status,
        };
        let cancel_reason = match (&args.reason, status) {
            (Some(reason), Status::Cancelled) => Some(reason.clone()).filter(|r| !r.trim().is_empty()),
            (Some(_), _) => anyhow::bail!("--reason is only for --status cancelled"),
            (None, Status::Cancelled) => current.cancel_reason.clone(),
            (None, _) => None,
        };
        edits.push(Edit::SetStatus { target: t(), status, cancel_reason });
    }
    if let Some(rag) = &args.rag {
        edits.push(Edit::SetRag { target: t(), rag: parse_rag_arg(rag)? });
    }
    if let Some(owner) = &args.owner {
        let owner = Some(owner.trim().to_owned()).filter(|o| !o.is_empty());
        edits.push(Edit::SetOwner { target: t(), owner });
    }
    if !plan_item {
        if let Some(due) = &args.due {
            edits.push(Edit::SetDueDate { target: t(), due_date: parse_date_arg("due date", due)? });
        }
        if let Some(text) = &args.action {
            edits.push(Edit::SetPlannedAction { target: t(), text: text.clone() });
        }
        if let Some(text) = &args.update {
            edits.push(Edit::AddUpdate { target: t(), update: update_arg(text, today)? });
        }
        if let Some(link) = &args.evidence {
            let mut evidence = current.evidence.clone();
            evidence.push(link.trim().to_owned());
            edits.push(Edit::SetEvidence { target: t(), evidence });
        }
    }
    if let Some(text) = &args.note {
        edits.push(Edit::SetNotes { target: t(), text: text.clone() });
    }
    if let Some(important) = args.important {
        edits.push(Edit::SetImportant { target: t(), important });
    }
    Ok(edits)
}

/// Imports files and folders into `ws`, printing one line per report and `error: ...` per
/// bad file. Returns how many inputs failed.
fn import_into(ws: &mut Workspace, inputs: &[PathBuf], classifier: &Classifier, now: NaiveDateTime) -> usize {
    let (files, mut failures) = report_files(inputs);
    let results: Vec<(PathBuf, crate::import::ReadOutcome)> = files
        .into_par_iter()
        .map(|file| {
            let result = crate::import::read_and_parse(&file, None, classifier);
            (file, result)
        })
        .collect();
    for (file, result) in results {
        match result {
            Ok((parsed, hash)) => {
                let findings = parsed.findings.len();
                let warnings = parsed.warnings.len();
                match ws.add_report(parsed, &file, &hash, now) {
                    AddOutcome::Added(id) => {
                        outln!("added {id} ({findings} findings, {warnings} parser warnings): {}", file.display());
                    }
                    AddOutcome::Reimported { id, vanished } => {
                        outln!("re-imported {id} ({findings} findings): {}", file.display());
                        if !vanished.is_empty() {
                            let ids: Vec<String> = vanished.iter().map(ToString::to_string).collect();
                            outln!(
                                "  kept {} annotation(s) whose finding is no longer in the report: {}",
                                vanished.len(),
                                ids.join(", ")
                            );
                        }
                    }
                    AddOutcome::Unchanged(id) => outln!("unchanged {id}: {}", file.display()),
                }
            }
            Err(message) => {
                eprintln!("error: {message}");
                failures += 1;
            }
        }
    }
    failures
}

/// Expands inputs into report files (see [`crate::import::collect_report_files`]),
/// printing each problem; returns the files and how many inputs failed.
fn report_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let found = crate::import::collect_report_files(inputs);
    for problem in &found.problems {
        eprintln!("error: {problem}");
    }
    for folder in &found.empty_folders {
        eprintln!("warning: no report files (PDF, text, Markdown or HTML) in the folder: {}", folder.display());
    }
    (found.files, found.problems.len())
}

/// The whole workspace as JSON: reports with the same metadata field names as
/// `parse --json`, each finding with its parsed fields and its annotation.
/// `keep` picks the findings listed (the counts stay the workspace's own).
pub(crate) fn workspace_json(ws: &Workspace, today: Date, keep: &dyn Fn(&ImportedReport, &Finding) -> bool) -> Value {
    json!({
        "schema_version": ws.schema_version,
        "today": today,
        "finding_count": ws.finding_count(),
        "categories": ws.taxonomy.categories.iter().map(|c| json!({"id": c.id, "label": c.label})).collect::<Vec<_>>(),
        "reports": ws.reports.iter().map(|r| report_json(ws, r, today, keep)).collect::<Vec<_>>(),
        "change_log": ws.change_log,
    })
}

fn report_json(
    ws: &Workspace,
    report: &ImportedReport,
    today: Date,
    keep: &dyn Fn(&ImportedReport, &Finding) -> bool,
) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), json!(report.id));
    object.insert("name".into(), json!(report.display_name()));
    object.insert("source_path".into(), json!(report.source_path.display().to_string()));
    object.insert("content_hash".into(), json!(report.content_hash));
    object.insert("imported_at".into(), json!(report.imported_at));
    if let Ok(Value::Object(meta)) = serde_json::to_value(&report.meta) {
        object.extend(meta);
    }
    // The registry's record in place of the bare code; `local_authority` stays as printed.
    object.insert("authority".into(), super::parse_cmd::authority_json(report.meta.authority.as_ref()));
    object.insert("finding_count".into(), json!(report.findings.len()));
    object.insert("annotated_count".into(), json!(ws.annotated_count(&report.id)));
    object.insert("action_count".into(), json!(report.actions.len()));
    object.insert("plan".into(), plan_json(report));
    let refs = PlanRefs::of(report);
    let findings: Vec<Value> =
        report.findings.iter().filter(|f| keep(report, f)).map(|f| finding_json(ws, report, &refs, f, today)).collect();
    object.insert("findings".into(), Value::Array(findings));
    let orphaned: Vec<Value> =
        report.orphaned().map(|(id, a)| json!({"finding": id, "annotation": annotation_json(a, today)})).collect();
    object.insert("orphaned_annotations".into(), Value::Array(orphaned));
    Value::Object(object)
}

/// A report's plan header, with the submission deadline that applies: the plan's own, else
/// the statutory one (70 working days after a full inspection's publication).
fn plan_json(report: &ImportedReport) -> Value {
    let statutory = crate::export::dates::suggested_due_date(report);
    json!({
        "lead": report.plan.lead,
        "submission_deadline": report.plan.submission_deadline.or(statutory),
        "statutory_deadline": statutory,
        "board_meetings": report.plan.board_meetings,
    })
}

/// An action with its reference (`R2.1`), whether it is overdue, and everything it keeps
/// (revisions and updates with their authors).
fn action_json(refs: &PlanRefs, action: &Action, today: Date) -> Value {
    let mut value = serde_json::to_value(action).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut value {
        object.insert("ref".into(), json!(refs.action(&action.id)));
        object.insert("original_due".into(), json!(action.original_due()));
        object.insert("overdue".into(), json!(action.is_overdue(today)));
        object.insert("days_overdue".into(), json!(action.days_overdue(today)));
    }
    value
}

fn progress_json(progress: &Progress) -> Value {
    json!({
        "actions": progress.total,
        "done": progress.done(),
        "by_status": progress.by_status.iter().map(|(s, n)| (s.as_str(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
        "worst_rag": progress.worst_rag,
        "next_due": progress.next_due,
        "overdue": progress.overdue,
    })
}

fn finding_json(ws: &Workspace, report: &ImportedReport, refs: &PlanRefs, finding: &Finding, today: Date) -> Value {
    let target = FindingRef { report: report.id.clone(), finding: finding.id.clone() };
    let c = &finding.classification;
    let plan = finding.kind.is_action().then(|| {
        let actions: Vec<Value> = report.actions_of(&finding.id).map(|a| action_json(refs, a, today)).collect();
        (actions, progress_json(&report.progress(&finding.id, today)))
    });
    let (actions, progress) = plan.map_or((Value::Null, Value::Null), |(a, p)| (Value::Array(a), p));
    json!({
        "id": finding.id,
        "ref": target.to_string(),
        "kind": finding.kind,
        "section": finding.section,
        "number": finding.number,
        "text": finding.text,
        "category": c.category,
        "confidence": c.confidence,
        "matched_terms": c.matched_terms,
        "polarity": c.polarity,
        "polarity_cues": c.polarity_cues,
        "page": finding.source.page,
        "paragraph": finding.source.paragraph,
        "effective_category": ws.effective_category(&target),
        "annotation": report.annotations.get(&finding.id).map(|a| annotation_json(a, today)),
        "plan_ref": refs.finding(&finding.id),
        "actions": actions,
        "progress": progress,
    })
}

fn annotation_json(annotation: &Annotation, today: Date) -> Value {
    let mut value = serde_json::to_value(annotation).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut value {
        object.insert("overdue".into(), json!(annotation.is_overdue(today)));
        object.insert("days_overdue".into(), json!(annotation.days_overdue(today)));
    }
    value
}

/// An action's line under its recommendation in the readable table.
fn action_row(refs: &PlanRefs, action: &Action, today: Date) -> [String; 8] {
    let status = if action.is_overdue(today) {
        format!("{} (overdue)", action.status.as_str())
    } else {
        action.status.as_str().to_owned()
    };
    [
        format!("  {}", refs.action(&action.id).unwrap_or("?")),
        "action".to_owned(),
        String::new(),
        status,
        action.rag.map_or("-", |r| r.as_str()).to_owned(),
        action.lead.clone().unwrap_or_else(|| "-".to_owned()),
        action.due.map_or("-".to_owned(), |d| d.to_string()),
        excerpt(&action.title, 60),
    ]
}

/// A readable table: one block per report, one line per finding, and one per action under
/// its recommendation.
fn workspace_table(
    ws: &Workspace,
    path: &Path,
    today: Date,
    keep: &dyn Fn(&ImportedReport, &Finding) -> bool,
) -> String {
    use std::fmt::Write as _;
    let annotated: usize = ws.reports.iter().map(|r| ws.annotated_count(&r.id)).sum();
    let mut out = String::new();
    writeln!(
        out,
        "{}: {} report(s), {} finding(s), {} annotated",
        path.display(),
        ws.reports.len(),
        ws.finding_count(),
        annotated
    )
    .ok();
    for report in &ws.reports {
        writeln!(out).ok();
        writeln!(
            out,
            "{}  {}  [{}/{} annotated]",
            report.id,
            report.display_name(),
            ws.annotated_count(&report.id),
            report.findings.len()
        )
        .ok();
        let refs = PlanRefs::of(report);
        let states = crate::model::FindingStates::of(report, today);
        let rows: Vec<[String; 8]> = report
            .findings
            .iter()
            .filter(|f| keep(report, f))
            .flat_map(|f| {
                let target = FindingRef { report: report.id.clone(), finding: f.id.clone() };
                let a = report.annotations.get(&f.id);
                let category = ws.effective_category(&target).map_or("", |c| c.as_str()).to_owned();
                let state = states.get(f);
                let status = if state.overdue() {
                    format!("{} (overdue)", state.status.as_str())
                } else {
                    state.status.as_str().to_owned()
                };
                let own = [
                    f.id.to_string(),
                    f.kind.as_str().to_owned(),
                    category,
                    status,
                    a.and_then(|a| a.rag).map_or("-", |r| r.as_str()).to_owned(),
                    a.and_then(|a| a.owner.clone()).unwrap_or_else(|| "-".to_owned()),
                    state.due.map_or("-".to_owned(), |d| d.to_string()),
                    excerpt(&f.text, 60),
                ];
                let actions = report.actions_of(&f.id).map(|action| action_row(&refs, action, today));
                std::iter::once(own).chain(actions.collect::<Vec<_>>())
            })
            .collect();
        let header = ["ID", "KIND", "CATEGORY", "STATUS", "RAG", "OWNER", "DUE", "TEXT"].map(str::to_owned);
        let mut widths = [0usize; 8];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            let mut line = String::from(" ");
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                if i + 1 == row.len() {
                    write!(line, " {cell}").ok();
                } else {
                    write!(line, " {cell:<w$}").ok();
                }
            }
            writeln!(out, "{}", line.trim_end()).ok();
        }
        for (id, a) in report.orphaned() {
            writeln!(
                out,
                "  note: annotation kept for finding {id}, which the report no longer has (status {})",
                a.status
            )
            .ok();
        }
    }
    out
}

/// The first line of a text, cut to `max` characters with an ellipsis.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
