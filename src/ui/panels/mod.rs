//! The window's panels: reports (left), filter bar and findings table (centre), detail
//! (right). Panels read the workspace and push `Command`s; they never change it.

pub mod detail;
pub mod filter;
pub mod findings;
pub mod reports;

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
    /// Where panels put what the user asked for.
    pub queue: &'a mut Vec<Command>,
}
