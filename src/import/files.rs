//! Turning what the user picked (files and folders) into the list of report files to import.

use std::path::{Path, PathBuf};

use super::{ImportError, REPORT_EXTENSIONS};

/// The report files found under what the user picked, and what could not be looked at.
#[derive(Debug, Default)]
pub struct ReportFiles {
    /// Report files, absolute where possible, in a stable order, without repeats.
    pub files: Vec<PathBuf>,
    /// Inputs that do not exist and folders that could not be listed.
    pub problems: Vec<ImportError>,
    /// Folders that held no report file.
    pub empty_folders: Vec<PathBuf>,
}

/// Expands `inputs`: files as given, folders recursively (files with a report extension,
/// hidden files, a folder's own documentation such as `README.md`, and symbolic links to
/// folders skipped, so a link loop cannot trap it).
/// Paths are made absolute, so that importing the same file again is recognised as a re-import.
pub fn collect_report_files(inputs: &[PathBuf]) -> ReportFiles {
    let mut found = ReportFiles::default();
    for input in inputs {
        if input.is_dir() {
            let before = found.files.len();
            walk(input, &mut found);
            found.files[before..].sort();
            if found.files.len() == before {
                found.empty_folders.push(input.clone());
            }
        } else if input.exists() {
            found.files.push(absolute(input));
        } else {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder");
            found.problems.push(ImportError::Io { path: input.clone(), source });
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.files.retain(|f| seen.insert(f.clone()));
    found
}

fn walk(folder: &Path, found: &mut ReportFiles) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(source) => {
            found.problems.push(ImportError::Io { path: folder.to_owned(), source });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(source) => {
                found.problems.push(ImportError::Io { path: folder.to_owned(), source });
                continue;
            }
        };
        let path = entry.path();
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_real_dir {
            walk(&path, found);
        } else if is_report_file(&path) && !is_folder_documentation(&path) {
            found.files.push(absolute(&path));
        }
    }
}

/// Whether a path names a report file by its extension (hidden files are not).
pub fn is_report_file(path: &Path) -> bool {
    let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !hidden && extension.is_some_and(|e| REPORT_EXTENSIONS.contains(&e.as_str()))
}

/// Whether a file describes the folder it sits in rather than being a report: a collection of
/// downloaded reports often carries a `README.md` or a licence beside them. Picked on its own,
/// such a file is still imported; only a folder walk passes it by.
fn is_folder_documentation(path: &Path) -> bool {
    const NAMES: [&str; 7] = ["readme", "licence", "license", "changelog", "changes", "notice", "contributing"];
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_ascii_lowercase();
    NAMES.contains(&stem.as_str())
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_recursively_in_order_and_missing_inputs_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deeper")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        for f in [
            "b/deeper/z.PDF",
            "b/a.txt",
            "b/notes.docx",
            "b/.hidden.txt",
            "b/README.md",
            "b/Licence.txt",
            "c.html",
            "README.md",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
        let found = collect_report_files(&[
            root.join("b"),
            root.join("c.html"),
            root.join("empty"),
            root.join("gone.pdf"),
            root.join("README.md"),
        ]);
        let names: Vec<_> = found.files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.txt", "z.PDF", "c.html", "README.md"], "a README picked on its own is imported");
        assert_eq!(found.empty_folders, [root.join("empty")]);
        assert_eq!(found.problems.len(), 1);
        assert!(found.problems[0].to_string().ends_with("gone.pdf"));
    }
}
