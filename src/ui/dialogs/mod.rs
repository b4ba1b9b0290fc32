//! Dialogs: file pickers, confirmations (unsaved changes, cancellation reason, recovery),
//! the conflicts of a save after someone else's, the list of backups to restore,
//! preferences and about. Each reports the user's answer; the app acts on it.

pub mod about;
pub mod backups;
pub mod confirm;
pub mod conflicts;
pub mod export;
pub mod file;
pub mod preferences;
