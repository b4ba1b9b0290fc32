//! The window's panels: menu bar, header and status bar; the welcome screen of an empty
//! workspace; reports (left), filter bar and findings table or the action plan (centre),
//! detail (right); the views across reports (dashboard, council history, national table)
//! in the centre's tabs.
//! Panels read what they show and push `Command`s; they never change the workspace.

pub mod charts;
pub mod council;
pub mod detail;
pub mod filter_bar;
pub mod findings_table;
pub mod header;
pub mod insights;
pub mod menu_bar;
pub mod plan;
pub mod reports;
pub mod status_bar;
pub mod welcome;

use crate::insights::RaisedBefore;
use crate::model::Date;
use crate::workspace::Workspace;

use super::commands::{Availability, Command};
use super::theme::Tokens;

/// What every panel gets to draw itself: read-only state plus the command queue.
pub struct PanelCtx<'a> {
    /// The workspace, read-only.
    pub ws: &'a Workspace,
    /// Theme tokens for this frame.
    pub tokens: &'a Tokens,
    /// Today, for overdue dates.
    pub today: Date,
    /// What commands can run.
    pub availability: Availability,
    /// Recommendations that repeat an earlier report's (cached per set of reports).
    pub raised_before: &'a RaisedBefore,
    /// Where panels put what the user asked for.
    pub queue: &'a mut Vec<Command>,
}
