//! Workspace → action-tracking summary → XLSX, CSV, Markdown, HTML or Word (DOCX) files
//! for an improvement board. No egui.
//!
//! Use it in two steps: [`ActionSummary::build`] flattens a workspace into rows and count
//! tables under [`ExportOptions`] (the filters shared by every format), then [`write`]
//! renders it in an [`ExportFormat`] to a file. The `render_*` functions return the bytes
//! instead, for previews and tests. This module is the only part of export that touches
//! the filesystem, and it writes atomically (a temporary file in the same folder, then a
//! rename), so a failed export never leaves half a file behind.
//!
//! Formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return could be run as a formula by a spreadsheet. In CSV such a cell gets a
//! leading apostrophe `'` (the convention spreadsheets hide on display); in XLSX the text
//! is written unchanged as a string cell with Excel's "quote prefix" style, never as a
//! formula.

mod csv;
pub mod dates;
mod docx;
mod html;
mod insights_xlsx;
mod markdown;
pub mod plan;
pub mod summary;
mod xlsx;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use self::csv::render_csv;
pub use self::dates::suggested_due_date;
pub use self::docx::render_docx;
pub use self::html::{escape_html, render_html};
pub use self::insights_xlsx::{render_insights_xlsx, write_insights_xlsx};
pub use self::markdown::render_markdown;
pub use self::plan::{
    EarlierRecommendation, NO_ACTION_YET, PlanAction, PlanProgress, PlanSummary, SinceEntry, SinceKind,
};
pub use self::summary::{ActionItem, ActionSummary, CategoryCount, Counts, ReportSummary};
pub use self::xlsx::render_xlsx;
use crate::model::{CategoryId, FindingKind, FrameworkRef, Polarity, ReportId, Status};
use crate::workspace::Workspace;

/// The file formats an action summary can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// An Excel workbook: action plan, summary and findings sheets.
    #[default]
    Xlsx,
    /// Comma-separated values, one row per item.
    Csv,
    /// A readable Markdown report.
    Markdown,
    /// One self-contained, printable HTML page.
    Html,
    /// A Word board paper: each report's plan, changes since the last board, and actions.
    Docx,
}

impl ExportFormat {
    /// Every format, in display order.
    pub const ALL: &'static [ExportFormat] = &[Self::Xlsx, Self::Csv, Self::Markdown, Self::Html, Self::Docx];

    /// The id used on the command line: `xlsx`, `csv`, `md`, `html` or `docx`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Docx => "docx",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "Excel workbook (.xlsx)",
            Self::Csv => "CSV (.csv)",
            Self::Markdown => "Markdown (.md)",
            Self::Html => "Web page (.html)",
            Self::Docx => "Word board paper (.docx)",
        }
    }

    /// The format a file name's extension suggests.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        path.extension()?.to_str()?.to_ascii_lowercase().parse().ok()
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "xlsx" => Ok(Self::Xlsx),
            "csv" => Ok(Self::Csv),
            "md" | "markdown" => Ok(Self::Markdown),
            "html" | "htm" => Ok(Self::Html),
            "docx" => Ok(Self::Docx),
            _ => Err(format!("unknown export format '{s}' (expected one of: xlsx, csv, md, html, docx)")),
        }
    }
}

/// What to export: filters shared by every format, plus format switches. The default
/// exports every report's priority actions, recommendations and annotated findings.
/// Empty lists mean "no filter". Serialisable so the app can remember the last choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Only these reports.
    pub reports: Vec<ReportId>,
    /// Only items whose effective category is one of these.
    pub categories: Vec<CategoryId>,
    /// Only items with one of these statuses.
    pub statuses: Vec<Status>,
    /// Only these kinds of finding.
    pub kinds: Vec<FindingKind>,
    /// Only findings the user has annotated (unannotated recommendations are left out too).
    pub only_annotated: bool,
    /// Only items past their due date and not finished.
    pub only_overdue: bool,
    /// Free text: every word must appear (ignoring ASCII case) in the finding's text,
    /// section, owner, notes or planned action, as in the findings table's search box.
    pub text: String,
    /// Only strengths or only weaknesses.
    pub polarity: Option<Polarity>,
    /// Only findings flagged important.
    pub important_only: bool,
    /// Every finding, not only actions and annotated findings.
    pub all_findings: bool,
    /// Start a CSV file with a UTF-8 byte-order mark, so Excel reads it as UTF-8.
    pub bom: bool,
    /// The "since the last board" sections list changes after this day; without it, after
    /// each report's latest board meeting on or before today.
    pub since: Option<crate::model::Date>,
}

impl ExportOptions {
    /// Checks that every report and category id in the filters exists in `ws`; the error
    /// lists the valid ids.
    pub fn validate(&self, ws: &Workspace) -> Result<(), ExportError> {
        let unknown: Vec<String> =
            self.reports.iter().filter(|id| !ws.reports.iter().any(|r| &r.id == *id)).map(|id| id.0.clone()).collect();
        if !unknown.is_empty() {
            return Err(ExportError::UnknownReports {
                unknown,
                valid: ws.reports.iter().map(|r| r.id.0.clone()).collect(),
            });
        }
        let mut known: Vec<String> = ws.taxonomy.categories.iter().map(|c| c.id.0.clone()).collect();
        // Categories used in the workspace but missing from its taxonomy are still valid filters.
        for report in &ws.reports {
            let automatic = report.findings.iter().map(|f| &f.classification.category);
            let chosen = report.annotations.values().filter_map(|a| a.category.as_ref());
            for id in automatic.chain(chosen) {
                if !id.0.is_empty() && !known.contains(&id.0) {
                    known.push(id.0.clone());
                }
            }
        }
        let unknown: Vec<String> =
            self.categories.iter().filter(|id| !known.contains(&id.0)).map(|id| id.0.clone()).collect();
        if !unknown.is_empty() {
            return Err(ExportError::UnknownCategories { unknown, valid: known });
        }
        Ok(())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A report filter names a report the workspace does not have.
    #[error("unknown report id {} (valid: {})", .unknown.join(", "), list_or_none(.valid))]
    UnknownReports {
        /// The ids not found.
        unknown: Vec<String>,
        /// The workspace's report ids.
        valid: Vec<String>,
    },
    /// A category filter names a category the workspace does not use or know.
    #[error("unknown category id {} (valid: {})", .unknown.join(", "), list_or_none(.valid))]
    UnknownCategories {
        /// The ids not found.
        unknown: Vec<String>,
        /// The taxonomy's category ids.
        valid: Vec<String>,
    },
    /// The workbook could not be built.
    #[error("could not build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The Word document could not be built.
    #[error("could not build the Word document: {0}")]
    Docx(String),
    /// The CSV could not be written.
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The file could not be written.
    #[error("could not write {}", .path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
}

fn list_or_none(ids: &[String]) -> String {
    if ids.is_empty() { "none".to_owned() } else { ids.join(", ") }
}

/// An export checked and built, ready to be written: what the window builds on the UI
/// thread and writes on a worker thread, and what [`export_workspace`] writes at once.
#[derive(Clone, Debug)]
pub struct PreparedExport {
    summary: ActionSummary,
    format: ExportFormat,
    options: ExportOptions,
}

impl PreparedExport {
    /// Checks the filter ids against `ws` and builds the summary as of `today`.
    pub fn new(
        ws: &Workspace,
        options: &ExportOptions,
        format: ExportFormat,
        today: crate::model::Date,
        workspace_name: &str,
    ) -> Result<Self, ExportError> {
        options.validate(ws)?;
        let summary = ActionSummary::build(ws, options, today, workspace_name);
        Ok(Self { summary, format, options: options.clone() })
    }

    /// The items of the action plan: recommendations, priority actions and annotated
    /// findings (in CSV and XLSX each recommendation's actions add a row each).
    pub fn item_count(&self) -> usize {
        self.summary.items.len()
    }

    /// The reports the plan covers.
    pub fn report_count(&self) -> usize {
        self.summary.reports.len()
    }

    /// Renders and writes the file atomically (see [`write`]).
    pub fn write(&self, path: &Path) -> Result<(), ExportError> {
        write(&self.summary, self.format, path, &self.options)
    }
}

/// The whole export in one call, for the command line (the window uses
/// [`PreparedExport`] to write on a worker thread): checks the filter ids, builds the
/// summary as of `today`, and writes it to `path` atomically.
pub fn export_workspace(
    ws: &Workspace,
    options: &ExportOptions,
    format: ExportFormat,
    path: &Path,
    today: crate::model::Date,
    workspace_name: &str,
) -> Result<PreparedExport, ExportError> {
    let prepared = PreparedExport::new(ws, options, format, today, workspace_name)?;
    prepared.write(path)?;
    Ok(prepared)
}

/// How many rows the action plan would hold under `options` (each item, and each action
/// under its recommendation): the Export dialog's preview.
pub fn count_items(ws: &Workspace, options: &ExportOptions, today: crate::model::Date) -> usize {
    // The count needs no "raised before".
    let summary = ActionSummary::build_with(ws, options, today, "", &Default::default());
    summary.items.len() + summary.items.iter().map(|i| i.actions.len()).sum::<usize>()
}

/// Renders `summary` in `format`, as the bytes of the file.
pub fn render(summary: &ActionSummary, format: ExportFormat, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Xlsx => render_xlsx(summary)?,
        ExportFormat::Csv => render_csv(summary, options)?.into_bytes(),
        ExportFormat::Markdown => render_markdown(summary).into_bytes(),
        ExportFormat::Html => render_html(summary).into_bytes(),
        ExportFormat::Docx => render_docx(summary)?,
    })
}

/// Renders `summary` in `format` and writes it to `path` atomically: the bytes go to a
/// temporary file in the same folder, which is flushed and then renamed over `path`.
/// On failure the temporary file is removed and any existing file at `path` is untouched.
pub fn write(
    summary: &ActionSummary,
    format: ExportFormat,
    path: &Path,
    options: &ExportOptions,
) -> Result<(), ExportError> {
    let bytes = render(summary, format, options)?;
    write_atomically(path, &bytes)
}

/// Writes through the crate's one atomic writer ([`crate::workspace::io::write_atomic`]),
/// with no backup of an older export.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use crate::workspace::SaveError;
    crate::workspace::io::write_atomic(path, bytes, false).map_err(|error| match error {
        SaveError::Io { path, error, .. } => ExportError::Io { path, source: error },
        SaveError::MissingFolder { path } => ExportError::Io {
            path,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "the folder does not exist"),
        },
        SaveError::Serialise { path, message } => ExportError::Io { path, source: std::io::Error::other(message) },
    })
}

/// Whether a spreadsheet could take text beginning like this for a formula.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text made safe for a CSV cell: formula-like text gets a leading apostrophe.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(text) { format!("'{text}").into() } else { text.into() }
}

/// A date as `YYYY-MM-DD`, or nothing.
fn iso_date(date: Option<crate::model::Date>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Text cut to `max_chars` characters, ending in `…` when cut.
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A date for people: `8 January 2024`.
fn long_date(date: crate::model::Date) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The column headings of the action plan, shared by CSV and XLSX so both carry the same
/// fields in the same order. One table holds two kinds of row: the plan (a recommendation
/// or priority action, then one row per action) and the other findings the user annotated,
/// which fill the same columns from their annotation (planned action, owner, due date) as
/// before actions existed. The Kind column tells them apart and the autofilter separates
/// them; they stay in report order, as in the report and the findings table.
pub const COLUMNS: &[&str] = &[
    // What an improvement board reads (and what a printed page shows) comes first.
    "Reference",
    "Kind",
    "Recommendation or finding",
    "Action",
    "Lead",
    "Start",
    "Due date",
    "Original due date",
    "Suggested due date",
    "Status",
    "RAG",
    "Days overdue",
    "Progress",
    "Measure of success",
    "Latest update",
    "Update date",
    "Update by",
    "Raised before",
    "Evidence",
    // Then the rest of the annotation or action, and the report's context.
    "Partners",
    "RAG rationale",
    "Category",
    "Notes or description",
    "Important",
    "Cancellation reason",
    "Authority",
    "Report kind",
    "Report date",
    "Section",
    "National framework",
    "Polarity",
    "Report ID",
    "Finding ID",
    "Action ID",
];

/// How many columns the action plan has.
pub(crate) const COLUMN_COUNT: usize = 34;

/// The Kind column's text on an action's row.
pub const ACTION_KIND: &str = "Action";

/// One cell of an action-plan row, typed so XLSX can write real dates and numbers.
pub(crate) enum Cell<'a> {
    /// Text, written as a string cell.
    Text(&'a str),
    /// Owned text, written as a string cell.
    Owned(String),
    /// A date, or an empty cell.
    Date(Option<crate::model::Date>),
    /// A count, left empty when zero.
    Count(i64),
}

/// The Action column of a recommendation or finding: its planned action, else the
/// "no action yet" flag on a recommendation without actions.
fn item_action(item: &ActionItem) -> &str {
    if item.has_no_action() { plan::NO_ACTION_YET } else { &item.planned_action }
}

/// The cells of one item, in [`COLUMNS`] order.
pub(crate) fn cells(item: &ActionItem) -> [Cell<'_>; COLUMN_COUNT] {
    let update = item.latest_update.as_ref();
    // A recommendation's own RAG wins; else its actions' worst.
    let rag = item.rag.or(item.progress.as_ref().and_then(|p| p.worst_rag));
    [
        Cell::Text(item.plan_ref.as_deref().unwrap_or(&item.reference)),
        Cell::Text(item.kind.label()),
        Cell::Text(&item.text),
        Cell::Text(item_action(item)),
        Cell::Text(&item.owner),
        Cell::Date(None),
        Cell::Date(item.due_date),
        Cell::Date(None),
        Cell::Date(item.suggested_due_date),
        Cell::Text(item.status.label()),
        Cell::Text(rag.map_or("", |r| r.label())),
        Cell::Count(item.days_overdue),
        Cell::Owned(item.progress.as_ref().map(plan::PlanProgress::summary).unwrap_or_default()),
        Cell::Text(""),
        Cell::Text(update.map_or("", |u| u.text.as_str())),
        Cell::Date(update.map(|u| u.date)),
        Cell::Text(update.and_then(|u| u.author.as_deref()).unwrap_or("")),
        Cell::Owned(item.raised_before_text()),
        Cell::Owned(item.evidence_text()),
        Cell::Text(""),
        Cell::Text(""),
        Cell::Text(&item.category_label),
        Cell::Text(&item.notes),
        Cell::Text(if item.important { "Yes" } else { "No" }),
        Cell::Text(&item.cancel_reason),
        Cell::Text(&item.authority),
        Cell::Text(item.report_kind.label()),
        Cell::Date(item.report_date),
        Cell::Text(&item.section),
        Cell::Owned(item.framework_ref.as_ref().map(FrameworkRef::label).unwrap_or_default()),
        Cell::Text(item.polarity.label()),
        Cell::Text(&item.report.0),
        Cell::Text(&item.finding.0),
        Cell::Text(""),
    ]
}

/// The cells of one action of `item`, in [`COLUMNS`] order: the recommendation's text and
/// context repeat, so every row stands alone under a spreadsheet's filter and sort.
pub(crate) fn action_cells<'a>(item: &'a ActionItem, action: &'a plan::PlanAction) -> [Cell<'a>; COLUMN_COUNT] {
    let update = action.latest_update.as_ref();
    [
        Cell::Text(&action.reference),
        Cell::Text(ACTION_KIND),
        Cell::Text(&item.text),
        Cell::Text(&action.title),
        Cell::Text(&action.lead),
        Cell::Date(action.start),
        Cell::Date(action.due),
        Cell::Date(action.original_due),
        Cell::Date(None),
        Cell::Text(action.status.label()),
        Cell::Text(action.rag.map_or("", |r| r.label())),
        Cell::Count(action.days_overdue),
        Cell::Text(""),
        Cell::Text(&action.measure),
        Cell::Text(update.map_or("", |u| u.text.as_str())),
        Cell::Date(update.map(|u| u.date)),
        Cell::Text(update.and_then(|u| u.author.as_deref()).unwrap_or("")),
        // What the recommendation repeats is on its own row.
        Cell::Text(""),
        Cell::Owned(action.evidence.join("\n")),
        Cell::Owned(action.partners.join("\n")),
        Cell::Text(&action.rag_rationale),
        Cell::Text(&item.category_label),
        Cell::Text(&action.description),
        Cell::Text(""),
        Cell::Text(&action.cancel_reason),
        Cell::Text(&item.authority),
        Cell::Text(item.report_kind.label()),
        Cell::Date(item.report_date),
        Cell::Text(&item.section),
        Cell::Owned(item.framework_ref.as_ref().map(FrameworkRef::label).unwrap_or_default()),
        Cell::Text(item.polarity.label()),
        Cell::Text(&item.report.0),
        Cell::Text(&item.finding.0),
        Cell::Text(&action.id.0),
    ]
}

/// One row of the action plan: a recommendation or finding, or one of a recommendation's actions.
pub(crate) enum PlanRow<'a> {
    /// A recommendation, priority action or annotated finding.
    Item(&'a ActionItem),
    /// An action, after its recommendation.
    Action(&'a ActionItem, &'a plan::PlanAction),
}

impl<'a> PlanRow<'a> {
    /// The rows of `items`: each one, followed by its actions.
    pub(crate) fn all(items: &'a [ActionItem]) -> impl Iterator<Item = PlanRow<'a>> + 'a {
        items.iter().flat_map(|item| {
            std::iter::once(PlanRow::Item(item)).chain(item.actions.iter().map(move |a| PlanRow::Action(item, a)))
        })
    }

    /// The row's cells, in [`COLUMNS`] order.
    pub(crate) fn cells(&self) -> [Cell<'a>; COLUMN_COUNT] {
        match self {
            Self::Item(item) => cells(item),
            Self::Action(item, action) => action_cells(item, action),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised() {
        for bad in ["=1+1", "+1-2", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        assert_eq!(neutralise("Plain text = fine"), "Plain text = fine");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn columns_and_cells_agree() {
        assert_eq!(COLUMNS.len(), COLUMN_COUNT);
    }

    #[test]
    fn format_ids_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(f.as_str().parse::<ExportFormat>(), Ok(*f));
        }
        assert_eq!(ExportFormat::from_path(Path::new("x/plan.HTML")), Some(ExportFormat::Html));
        assert!("pdf".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn options_survive_ron() {
        let options = ExportOptions { statuses: vec![Status::InProgress], only_overdue: true, ..Default::default() };
        let text = ron::to_string(&options).unwrap();
        assert_eq!(ron::from_str::<ExportOptions>(&text).unwrap(), options);
        assert_eq!(ron::from_str::<ExportOptions>("()").unwrap(), ExportOptions::default());
    }

    #[test]
    fn failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("plan.csv");
        assert!(write_atomically(&path, b"x").is_err());
        let good = dir.path().join("plan.csv");
        write_atomically(&good, b"abc").unwrap();
        assert_eq!(std::fs::read(&good).unwrap(), b"abc");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }
}
