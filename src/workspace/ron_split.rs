//! The workspace file written and read one report at a time, in parallel: a 50,000-finding
//! workspace is over 100 MB of RON, and RON is read and written by one thread otherwise.
//!
//! Writing gives exactly the text the whole workspace would pretty-print to (a test checks
//! it): each report is printed inside a one-report wrapper at the depth it has in the file,
//! and the pieces are put in place of an empty report list.
//!
//! Reading splits the current layout at the lines between reports (`    ),` then `    (`),
//! parses the pieces in parallel and the rest of the file once. A split that falls inside a
//! string leaves a piece with an unterminated string, which fails to parse; so any failure
//! means "read the whole file the ordinary way", which also gives a damaged file's error
//! its true line and column.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Workspace;
use crate::model::ImportedReport;

/// Where the report list starts in the current layout, and the lines around each report.
const REPORTS_OPEN: &str = "\n  reports: [\n";
const REPORTS_EMPTY: &str = "\n  reports: [],\n";
const REPORTS_CLOSE: &str = "\n  ],\n  change_log:";
const BETWEEN_REPORTS: &str = "\n    ),\n    (\n";

/// Pretty-prints `ws` with `config`, the reports in parallel; the same text as
/// `ron::ser::to_string_pretty(ws, config)`.
pub(super) fn to_string_pretty(ws: &Workspace, config: &ron::ser::PrettyConfig) -> Result<String, ron::Error> {
    /// The same nesting as the workspace's `reports` field, holding one report.
    #[derive(Serialize)]
    struct One<'a> {
        reports: &'a [ImportedReport],
    }
    if ws.reports.is_empty() {
        return ron::ser::to_string_pretty(ws, config.clone());
    }
    let pieces: Vec<String> = ws
        .reports
        .par_iter()
        .map(|report| {
            let text = ron::ser::to_string_pretty(&One { reports: std::slice::from_ref(report) }, config.clone())?;
            // "(\n  reports: [\n" … "  ],\n)": keep the report's own lines.
            let start = text.find(REPORTS_OPEN).map(|i| i + REPORTS_OPEN.len());
            let end = text.rfind("  ],\n)");
            match (start, end) {
                (Some(start), Some(end)) if start <= end => Ok(text[start..end].to_owned()),
                _ => Err(ron::Error::Message("unexpected layout of a pretty-printed report".to_owned())),
            }
        })
        .collect::<Result<_, ron::Error>>()?;
    let shell = Workspace {
        schema_version: ws.schema_version,
        reports: Vec::new(),
        change_log: ws.change_log.clone(),
        taxonomy: ws.taxonomy.clone(),
    };
    let shell_text = ron::ser::to_string_pretty(&shell, config.clone())?;
    let Some(at) = shell_text.find(REPORTS_EMPTY) else {
        return ron::ser::to_string_pretty(ws, config.clone());
    };
    let mut out = String::with_capacity(shell_text.len() + pieces.iter().map(String::len).sum::<usize>() + 32);
    out.push_str(&shell_text[..at]);
    out.push_str(REPORTS_OPEN);
    for piece in &pieces {
        out.push_str(piece);
    }
    out.push_str("  ],\n");
    out.push_str(&shell_text[at + REPORTS_EMPTY.len()..]);
    Ok(out)
}

/// Reads a file of the current layout with the reports in parallel; `None` when the text
/// is not laid out as this build writes it or any piece fails to parse (read it whole then).
pub(super) fn parse(text: &str) -> Option<Workspace> {
    let open = text.find(REPORTS_OPEN)? + REPORTS_OPEN.len();
    let close = open + memchr::memmem::find(&text.as_bytes()[open..], REPORTS_CLOSE.as_bytes())?;
    let list = &text[open..close];
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = list;
    let between = memchr::memmem::Finder::new(BETWEEN_REPORTS);
    while let Some(at) = between.find(rest.as_bytes()) {
        // Keep "    )" on this piece and "    (" on the next.
        pieces.push(&rest[..at + "\n    )".len()]);
        rest = &rest[at + "\n    ),\n".len()..];
    }
    pieces.push(rest.trim_end().strip_suffix(',')?);
    let reports: Vec<ImportedReport> =
        pieces.par_iter().map(|piece| whole::<ImportedReport>(piece)).collect::<Option<_>>()?;
    let shell_text =
        format!("{}{}{}", &text[..open - REPORTS_OPEN.len()], REPORTS_EMPTY, &text[close + "\n  ],\n".len()..]);
    let mut ws: Workspace = whole(&shell_text)?;
    ws.reports = reports;
    Some(ws)
}

/// `T` from the whole of `text`, or `None`.
fn whole<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    let mut deserializer = ron::Deserializer::from_str(text).ok()?;
    let value = T::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::synthetic;

    fn config() -> ron::ser::PrettyConfig {
        ron::ser::PrettyConfig::new().indentor("  ").new_line("\n").escape_strings(false)
    }

    #[test]
    fn parallel_text_is_the_whole_workspaces_text_and_reads_back() {
        for (reports, per, seed) in [(0, 0, 1), (1, 5, 2), (7, 40, 3)] {
            let mut ws = synthetic::workspace(reports, per, seed);
            if let Some(report) = ws.reports.first_mut()
                && let Some(action) = report.actions.first_mut()
            {
                // Strings that look like the lines between reports stay strings.
                action.title = "odd\n    ),\n    (\n  ],\n  change_log: [\n\"quoted\" \\ r#\"raw\"#".to_owned();
                action.description = "\n    ),\n    (\n".to_owned();
            }
            let whole_text = ron::ser::to_string_pretty(&ws, config()).unwrap();
            let parallel = to_string_pretty(&ws, &config()).unwrap();
            assert_eq!(parallel, whole_text, "{reports} reports");
            // Read in pieces, it is the same workspace; or, split inside the hostile strings, the
            // pieces fail and the caller reads the file whole.
            if let Some(read) = parse(&parallel) {
                assert_eq!(read, ws);
            }
        }
        let plain = synthetic::workspace(4, 12, 9);
        let text = to_string_pretty(&plain, &config()).unwrap();
        assert_eq!(parse(&text), Some(plain), "an ordinary file is read in pieces");
    }

    #[test]
    fn damaged_or_foreign_text_is_left_to_the_whole_file_reader() {
        let ws = synthetic::workspace(3, 10, 4);
        let text = to_string_pretty(&ws, &config()).unwrap();
        assert_eq!(parse(&text[..text.len() / 2]), None);
        assert_eq!(parse(&text.replacen("imported_at: \"", "imported_at: 1, x: \"", 1)), None);
        assert_eq!(parse("(categories: [])"), None);
    }
}
