//! `inspection-tracker export`: loads a workspace, turns the command-line filters into
//! [`ExportOptions`] (through `cli::filter`, as `show` does), and writes the action summary
//! in the chosen format. Unknown ids in filters are errors that list the valid ones.

use super::{EXIT_OK, ExportArgs};
use crate::export::{ExportError, ExportFormat, ExportOptions};
use crate::model::Date;

/// Runs `export`; returns the exit status (errors become exit status 2 in `cli::run`).
pub fn run(args: &ExportArgs, today: Date) -> anyhow::Result<u8> {
    let format: ExportFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let options = options(args)?;
    let ws = crate::workspace::io::load(&args.workspace)?;
    let name = args
        .workspace
        .file_stem()
        .map_or_else(|| args.workspace.display().to_string(), |s| s.to_string_lossy().into_owned());
    let written = crate::export::export_workspace(&ws, &options, format, &args.output, today, &name).map_err(
        |error| match error {
            // Unknown ids are the user's mistake, not a failed write: say so without "could not export".
            e @ (ExportError::UnknownReports { .. } | ExportError::UnknownCategories { .. }) => anyhow::Error::new(e),
            e => {
                anyhow::Error::new(e).context(format!("could not export the action plan to {}", args.output.display()))
            }
        },
    )?;
    let (items, reports) = (written.item_count(), written.report_count());
    eprintln!(
        "Exported {items} item{} from {reports} report{} to {}",
        if items == 1 { "" } else { "s" },
        if reports == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(EXIT_OK)
}

/// The filter flags' options plus the export's own switches.
fn options(args: &ExportArgs) -> anyhow::Result<ExportOptions> {
    let since = match &args.since {
        Some(text) => Some(
            text.parse::<Date>()
                .map_err(|_| anyhow::anyhow!("--since expects a date as YYYY-MM-DD, e.g. 2024-05-03; got '{text}'"))?,
        ),
        None => None,
    };
    Ok(ExportOptions { all_findings: args.all_findings, bom: args.bom, since, ..super::filter::options(&args.filter)? })
}
