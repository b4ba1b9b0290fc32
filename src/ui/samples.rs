//! The bundled sample reports (published Ofsted reports, Open Government Licence; see
//! `assets/samples/ATTRIBUTION.md`). They are compiled in and written to the user's data
//! folder on first use, so imported samples are real files that can be re-imported.

use std::path::{Path, PathBuf};

use super::jobs::ImportSource;

/// The sample files: name and bytes.
pub const SAMPLES: &[(&str, &[u8])] = &[
    ("norfolk-2026-05-18.pdf", include_bytes!("../../assets/samples/norfolk-2026-05-18.pdf")),
    ("trafford-2026-08-03.pdf", include_bytes!("../../assets/samples/trafford-2026-08-03.pdf")),
    (
        "southwark-focused-visit-2020-11-13.txt",
        include_bytes!("../../assets/samples/southwark-focused-visit-2020-11-13.txt"),
    ),
    (
        "southampton-focused-visit-2021-06-18.txt",
        include_bytes!("../../assets/samples/southampton-focused-visit-2021-06-18.txt"),
    ),
];

/// The attribution note shown in the About dialog.
pub const ATTRIBUTION: &str = include_str!("../../assets/samples/ATTRIBUTION.md");

/// The folder the samples are written to: the user's data folder.
pub fn samples_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "inspection-tracker").map(|d| d.data_dir().join("samples"))
}

/// The samples as import sources: files in `dir` (written there when missing or
/// different), or, when `dir` is `None` or cannot be written, straight from memory.
pub fn sample_sources(dir: Option<&Path>) -> Vec<ImportSource> {
    SAMPLES
        .iter()
        .map(|(name, bytes)| {
            if let Some(dir) = dir {
                let path = dir.join(name);
                let up_to_date = std::fs::read(&path).is_ok_and(|existing| existing == *bytes);
                let written =
                    up_to_date || (std::fs::create_dir_all(dir).is_ok() && std::fs::write(&path, bytes).is_ok());
                if written {
                    return ImportSource::file(path);
                }
            }
            ImportSource { path: PathBuf::from("samples").join(name), bytes: Some(bytes) }
        })
        .collect()
}
