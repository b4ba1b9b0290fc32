//! Dialogs: file pickers, confirmations (unsaved changes, cancellation reason, recovery),
//! preferences and about. Each reports the user's answer; the app acts on it.

pub mod about;
pub mod confirm;
pub mod export;
pub mod file;
pub mod preferences;
