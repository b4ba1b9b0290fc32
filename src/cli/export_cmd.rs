//! `inspection-tracker export`: loads a workspace, turns the command-line filters into
//! [`ExportOptions`], and writes the action summary in the chosen format. Unknown ids in
//! filters are errors that list the valid ones.

use anyhow::Context as _;

use super::{EXIT_OK, ExportArgs};
use crate::export::{ActionSummary, ExportFormat, ExportOptions};
use crate::model::{CategoryId, Date, FindingKind, ReportId, Status};

/// Runs `export`; returns the exit status (errors become exit status 2 in `cli::run`).
pub fn run(args: &ExportArgs, today: Date) -> anyhow::Result<u8> {
    let format: ExportFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let options = options(args)?;
    let ws = crate::workspace::io::load(&args.workspace)?;
    options.validate(&ws)?;
    let name = args
        .workspace
        .file_stem()
        .map_or_else(|| args.workspace.display().to_string(), |s| s.to_string_lossy().into_owned());
    let summary = ActionSummary::build(&ws, &options, today, &name);
    crate::export::write(&summary, format, &args.output, &options)
        .with_context(|| format!("could not export the action plan to {}", args.output.display()))?;
    eprintln!(
        "Exported {} item{} from {} report{} to {}",
        summary.items.len(),
        if summary.items.len() == 1 { "" } else { "s" },
        summary.reports.len(),
        if summary.reports.len() == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(EXIT_OK)
}

/// The options the arguments ask for; statuses and kinds are checked here, report and
/// category ids against the workspace later.
fn options(args: &ExportArgs) -> anyhow::Result<ExportOptions> {
    let statuses = args.statuses.iter().map(|s| s.parse::<Status>()).collect::<Result<Vec<_>, _>>();
    let kinds = args.kinds.iter().map(|s| s.parse::<FindingKind>()).collect::<Result<Vec<_>, _>>();
    Ok(ExportOptions {
        reports: args.reports.iter().map(|r| ReportId(r.clone())).collect(),
        categories: args.categories.iter().map(|c| CategoryId(c.clone())).collect(),
        statuses: statuses.map_err(anyhow::Error::msg)?,
        kinds: kinds.map_err(anyhow::Error::msg)?,
        only_annotated: args.only_annotated,
        only_overdue: args.only_overdue,
        all_findings: args.all_findings,
        bom: args.bom,
    })
}
