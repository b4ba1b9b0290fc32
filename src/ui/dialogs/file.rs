//! File dialogs: the native dialog (rfd) on a worker thread so the window never blocks,
//! and the in-app egui_file dialog when no native one exists. rfd returns `None` at once
//! where there is no desktop portal (and no zenity); a `None` that fast is read as "no
//! dialog was shown", and the in-app dialog opens instead.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::import::REPORT_EXTENSIONS;
use crate::model::ReportId;

/// A `None` from rfd faster than this means no dialog was shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// What a file dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Pick report files to import.
    OpenReports,
    /// Pick a folder whose report files (recursively) are imported.
    ImportFolder,
    /// Pick the new place of this report's source file.
    RelinkReport(ReportId),
    /// Pick a workspace to open.
    OpenWorkspace,
    /// Choose where to save the workspace.
    SaveWorkspaceAs,
    /// Choose where to export, with this file extension.
    Export(String),
    /// Choose where to write the national summary workbook.
    ExportNational,
    /// Pick another copy of a workspace to merge in.
    MergeWorkspace,
}

impl FilePurpose {
    fn title(&self) -> &'static str {
        match self {
            Self::OpenReports => "Open reports",
            Self::ImportFolder => "Import folder",
            Self::RelinkReport(_) => "Find the moved report file",
            Self::OpenWorkspace => "Open workspace",
            Self::SaveWorkspaceAs => "Save workspace as",
            Self::Export(_) => "Export summary",
            Self::ExportNational => "Export the national summary",
            Self::MergeWorkspace => "Merge a workspace",
        }
    }

    fn is_save(&self) -> bool {
        matches!(self, Self::SaveWorkspaceAs | Self::Export(_) | Self::ExportNational)
    }
}

struct NativeResult {
    paths: Option<Vec<PathBuf>>,
    elapsed: Duration,
}

/// The file dialogs in flight (at most one at a time).
#[derive(Default)]
pub struct FileDialogs {
    native: Option<(FilePurpose, Option<PathBuf>, mpsc::Receiver<NativeResult>)>,
    in_app: Option<(FilePurpose, egui_file::FileDialog)>,
    /// Skip the native dialog (it was found missing, or tests run headless).
    pub native_unavailable: bool,
}

impl FileDialogs {
    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.native.is_some() || self.in_app.is_some()
    }

    /// Closes the in-app dialog (Escape); a native dialog answers for itself.
    pub fn close(&mut self) {
        self.in_app = None;
    }

    /// Opens a dialog; `folder` is where it starts, `file_name` the suggested name.
    pub fn open(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        folder: Option<PathBuf>,
        file_name: Option<String>,
    ) {
        if self.is_open() {
            return;
        }
        if self.native_unavailable {
            self.open_in_app(purpose, folder, file_name);
            return;
        }
        let (tx, rx) = mpsc::channel();
        let thread_purpose = purpose.clone();
        let thread_folder = folder.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(thread_purpose.title());
            if let Some(folder) = &thread_folder {
                dialog = dialog.set_directory(folder);
            }
            if let Some(name) = &file_name {
                dialog = dialog.set_file_name(name);
            }
            let paths = match &thread_purpose {
                FilePurpose::OpenReports => dialog
                    .add_filter("Reports (PDF, text, HTML)", REPORT_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files(),
                FilePurpose::ImportFolder => dialog.pick_folder().map(|p| vec![p]),
                FilePurpose::RelinkReport(_) => dialog
                    .add_filter("Reports (PDF, text, HTML)", REPORT_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_file()
                    .map(|p| vec![p]),
                FilePurpose::OpenWorkspace | FilePurpose::MergeWorkspace => {
                    dialog.add_filter("Workspace", &["ron"]).pick_file().map(|p| vec![p])
                }
                FilePurpose::SaveWorkspaceAs => dialog.add_filter("Workspace", &["ron"]).save_file().map(|p| vec![p]),
                FilePurpose::Export(ext) => {
                    dialog.add_filter(ext.to_uppercase(), &[ext.as_str()]).save_file().map(|p| vec![p])
                }
                FilePurpose::ExportNational => dialog.add_filter("XLSX", &["xlsx"]).save_file().map(|p| vec![p]),
            };
            tx.send(NativeResult { paths, elapsed: started.elapsed() }).ok();
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => self.native = Some((purpose, folder, rx)),
            Err(_) => self.open_in_app(purpose, folder, None),
        }
    }

    fn open_in_app(&mut self, purpose: FilePurpose, folder: Option<PathBuf>, file_name: Option<String>) {
        let mut dialog = if purpose.is_save() {
            egui_file::FileDialog::save_file()
        } else if purpose == FilePurpose::ImportFolder {
            egui_file::FileDialog::select_folder()
        } else {
            egui_file::FileDialog::open_file()
        };
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        dialog = dialog.title(purpose.title()).default_size([640.0, 420.0]).show_new_folder(purpose.is_save());
        if let Some(name) = file_name {
            dialog = dialog.default_filename(name);
        }
        match &purpose {
            FilePurpose::OpenReports => {
                dialog = dialog.multi_select(true).show_files_filter(Box::new(|path: &std::path::Path| {
                    path.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                }));
            }
            FilePurpose::RelinkReport(_) => {
                dialog = dialog.show_files_filter(Box::new(|path: &std::path::Path| {
                    path.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                }));
            }
            FilePurpose::OpenWorkspace | FilePurpose::MergeWorkspace => {
                dialog = dialog.show_files_filter(Box::new(|path: &std::path::Path| {
                    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                }));
            }
            FilePurpose::SaveWorkspaceAs
            | FilePurpose::Export(_)
            | FilePurpose::ExportNational
            | FilePurpose::ImportFolder => {}
        }
        dialog.open();
        self.in_app = Some((purpose, dialog));
    }

    /// Shows the in-app dialog and returns what was chosen, once.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, Vec<PathBuf>)> {
        if let Some((purpose, folder, rx)) = &self.native {
            match rx.try_recv() {
                Ok(NativeResult { paths: Some(paths), .. }) => {
                    let purpose = purpose.clone();
                    self.native = None;
                    return Some((purpose, paths));
                }
                Ok(NativeResult { paths: None, elapsed }) => {
                    let purpose = purpose.clone();
                    let folder = folder.clone();
                    self.native = None;
                    if elapsed < NO_DIALOG_WITHIN {
                        self.native_unavailable = true;
                        self.open_in_app(purpose, folder, None);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    let purpose = purpose.clone();
                    let folder = folder.clone();
                    self.native = None;
                    self.native_unavailable = true;
                    self.open_in_app(purpose, folder, None);
                }
            }
        }
        if let Some((purpose, dialog)) = &mut self.in_app {
            dialog.show(ctx);
            match dialog.state() {
                egui_file::State::Selected => {
                    let paths: Vec<PathBuf> = if dialog.has_multi_select() {
                        dialog.selection().into_iter().map(std::path::Path::to_path_buf).collect()
                    } else {
                        dialog.path().map(std::path::Path::to_path_buf).into_iter().collect()
                    };
                    let purpose = purpose.clone();
                    self.in_app = None;
                    return Some((purpose, paths));
                }
                egui_file::State::Cancelled | egui_file::State::Closed => self.in_app = None,
                egui_file::State::Open => {}
            }
        }
        None
    }
}
