//! `UiState`: what the window remembers between runs, apart from the workspace: theme,
//! recent workspaces, sort and filters, table column widths and row mode, remembered
//! owners, last export choice, which view is shown and the action plan's filter, the
//! user's name. Saved in
//! eframe's storage; every field has a default, so losing or mangling it is harmless.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::workspace::query::{ActionFilter, Filter, Sort, SortColumn};

use super::theme::ThemeChoice;

/// How many recent workspaces are remembered.
pub const MAX_RECENT: usize = 10;
/// How many owner names are remembered.
pub const MAX_OWNERS: usize = 50;

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MainView {
    /// The findings table.
    #[default]
    Findings,
    /// The action plan: recommendations with their actions.
    Plan,
    /// The action plan at a glance.
    Dashboard,
    /// One council's reports, repeats and neighbours.
    Authority,
    /// Every authority's latest inspections.
    National,
}

impl MainView {
    /// Every view, in tab order.
    pub const ALL: &'static [MainView] =
        &[Self::Findings, Self::Plan, Self::Dashboard, Self::Authority, Self::National];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Findings => "Findings",
            Self::Plan => "Action plan",
            Self::Dashboard => "Dashboard",
            Self::Authority => "Council history",
            Self::National => "National table",
        }
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
    /// Whether table rows show two wrapped lines of the finding instead of one cut line.
    pub wrap_rows: bool,
    /// Widths the user gave the table's columns by dragging (the finding text takes the rest).
    pub column_widths: BTreeMap<SortColumn, f32>,
    /// How many rolling backups of each saved workspace to keep (`None`: the default, 10).
    pub backups_to_keep: Option<usize>,
    /// What the centre shows: the findings table, the action plan, or a view across reports.
    pub view: MainView,
    /// The authority the council history shows (its DfE code); the first by name when none.
    pub authority: Option<String>,
    /// The action plan's filter.
    pub action_filter: ActionFilter,
    /// The user's name, which goes with every change into the change log and onto updates
    /// and revisions. Blank: the operating system's user name.
    pub user_name: String,
    /// Moves when the column widths are reset, so the table starts again from the defaults.
    #[serde(skip)]
    pub table_generation: u32,
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
    fn column_widths_and_row_mode_survive_ron() {
        let mut s = UiState { wrap_rows: true, ..Default::default() };
        s.column_widths.insert(SortColumn::Category, 210.5);
        let text = ron::to_string(&s).unwrap();
        assert_eq!(ron::from_str::<UiState>(&text).unwrap(), s);
    }

    #[test]
    fn unknown_fields_and_missing_fields_load() {
        let s: UiState = ron::from_str("(theme: Dark, something_new: 3)").unwrap_or_default();
        assert_eq!(s.theme, ThemeChoice::Dark);
    }
}
