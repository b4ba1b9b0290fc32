//! The action plan as CSV: RFC 4180 (comma separated, CRLF line ends, fields quoted when
//! needed), UTF-8, optionally with a byte-order mark so Excel detects the encoding. One
//! header row, then one row per item, each recommendation followed by one row per action. Formula-like text gets a leading apostrophe.

use super::{ActionSummary, COLUMNS, Cell, ExportError, ExportOptions, PlanRow, iso_date, neutralise};

/// The action plan as CSV text (starting with a byte-order mark when `options.bom`).
pub fn render_csv(summary: &ActionSummary, options: &ExportOptions) -> Result<String, ExportError> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    let mut record: Vec<String> = Vec::with_capacity(COLUMNS.len());
    for row in PlanRow::all(&summary.items) {
        record.clear();
        record.extend(row.cells().into_iter().map(|cell| match cell {
            Cell::Text(text) => neutralise(text).into_owned(),
            Cell::Owned(text) => neutralise(&text).into_owned(),
            Cell::Date(date) => iso_date(date),
            Cell::Count(0) => String::new(),
            Cell::Count(n) => n.to_string(),
        }));
        writer.write_record(&record)?;
    }
    let bytes = writer.into_inner().map_err(|e| ExportError::Csv(e.into_error().into()))?;
    // Every field came from a `&str`, so the bytes are UTF-8.
    let body = String::from_utf8_lossy(&bytes);
    Ok(if options.bom { format!("\u{feff}{body}") } else { body.into_owned() })
}
