//! `UiState`: what the window remembers between runs, apart from the workspace: theme,
//! recent workspaces, sort and filters, remembered owners, last export choice. Saved in
//! eframe's storage; every field has a default, so losing or mangling it is harmless.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{CategoryId, FindingKind, Polarity, ReportId, Status};

use super::theme::ThemeChoice;

/// How many recent workspaces are remembered.
pub const MAX_RECENT: usize = 10;
/// How many owner names are remembered.
pub const MAX_OWNERS: usize = 50;

/// A column of the findings table that can be sorted on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortColumn {
    /// Report order, then finding order: the order of the documents.
    #[default]
    Report,
    /// Finding kind.
    Kind,
    /// Section heading.
    Section,
    /// Paragraph number.
    Number,
    /// Finding text.
    Text,
    /// Effective category label.
    Category,
    /// Status.
    Status,
    /// RAG rating.
    Rag,
    /// Owner.
    Owner,
    /// Due date.
    Due,
}

/// Sort column and direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// Descending instead of ascending.
    pub descending: bool,
}

/// What the findings table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text; every word must appear (case-insensitive) in the text, section, owner or notes.
    pub text: String,
    /// Only this effective category.
    pub category: Option<CategoryId>,
    /// Only this status.
    pub status: Option<Status>,
    /// Only this kind.
    pub kind: Option<FindingKind>,
    /// Only this report.
    pub report: Option<ReportId>,
    /// Only this polarity.
    pub polarity: Option<Polarity>,
    /// Only overdue actions.
    pub overdue_only: bool,
    /// Only findings flagged important.
    pub important_only: bool,
}

impl Filter {
    /// Whether anything narrows the table.
    pub fn is_active(&self) -> bool {
        self != &Self::default()
    }
}

/// The export choice last made: format, filters and folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoice {
    /// The file format.
    pub format: crate::export::ExportFormat,
    /// The filters and switches.
    pub options: crate::export::ExportOptions,
    /// The folder last exported to.
    pub folder: Option<PathBuf>,
}

/// Everything the window remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// Light, dark or system.
    pub theme: ThemeChoice,
    /// Recently opened or saved workspaces, newest first.
    pub recent_workspaces: Vec<PathBuf>,
    /// Owner names typed before, offered again.
    pub owners: Vec<String>,
    /// Table sort.
    pub sort: Sort,
    /// Table filter.
    pub filter: Filter,
    /// The last export options.
    pub last_export: ExportChoice,
    /// The folder of the last file dialog.
    pub last_folder: Option<PathBuf>,
    /// Whether the app has run before (the first run opens the sample reports).
    pub has_run_before: bool,
    /// Whether the notifications log is shown.
    pub show_log: bool,
    /// Whether the table shows the section and paragraph-number columns.
    pub show_section_columns: bool,
}

impl UiState {
    /// Puts a workspace at the top of the recent list.
    pub fn remember_workspace(&mut self, path: &Path) {
        self.recent_workspaces.retain(|p| p != path);
        self.recent_workspaces.insert(0, path.to_owned());
        self.recent_workspaces.truncate(MAX_RECENT);
    }

    /// Remembers an owner name (most recent first).
    pub fn remember_owner(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        self.owners.retain(|o| o != name);
        self.owners.insert(0, name.to_owned());
        self.owners.truncate(MAX_OWNERS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_newest_first_without_duplicates() {
        let mut s = UiState::default();
        s.remember_workspace(Path::new("a.ron"));
        s.remember_workspace(Path::new("b.ron"));
        s.remember_workspace(Path::new("a.ron"));
        assert_eq!(s.recent_workspaces, vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]);
    }

    #[test]
    fn unknown_fields_and_missing_fields_load() {
        let s: UiState = ron::from_str("(theme: Dark, something_new: 3)").unwrap_or_default();
        assert_eq!(s.theme, ThemeChoice::Dark);
    }
}
