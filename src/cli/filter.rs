//! The command line's finding filters (`--report`, `--category`, `--status`, `--kind`,
//! `--only-annotated`, `--only-overdue`, `--text`, `--important`), turned into the export's
//! [`ExportOptions`] in this one place, so `show` lists exactly the findings `export`
//! writes. Statuses and kinds are checked here; report and category ids against the
//! workspace by [`ExportOptions::validate`].

use std::collections::HashSet;

use super::FilterArgs;
use crate::export::{ActionSummary, ExportOptions};
use crate::model::{CategoryId, Date, FindingKind, ReportId, Status};
use crate::workspace::{FindingRef, Workspace};

/// The options the filter flags ask for, with the export-only switches left at their defaults.
pub fn options(args: &FilterArgs) -> anyhow::Result<ExportOptions> {
    let statuses = args.statuses.iter().map(|s| s.parse::<Status>()).collect::<Result<Vec<_>, _>>();
    let kinds = args.kinds.iter().map(|s| s.parse::<FindingKind>()).collect::<Result<Vec<_>, _>>();
    Ok(ExportOptions {
        reports: args.reports.iter().map(|r| ReportId(r.clone())).collect(),
        categories: args.categories.iter().map(|c| CategoryId(c.clone())).collect(),
        statuses: statuses.map_err(anyhow::Error::msg)?,
        kinds: kinds.map_err(anyhow::Error::msg)?,
        only_annotated: args.only_annotated,
        only_overdue: args.only_overdue,
        text: args.text.clone().unwrap_or_default(),
        important_only: args.important,
        ..ExportOptions::default()
    })
}

/// The findings `show` lists: `None` (every finding) when no filter flag is given, else
/// those an `export --all-findings` with the same flags would write, picked by the
/// export's own rule.
pub fn kept_findings(args: &FilterArgs, ws: &Workspace, today: Date) -> anyhow::Result<Option<HashSet<FindingRef>>> {
    let options = options(args)?;
    if options == ExportOptions::default() {
        return Ok(None);
    }
    options.validate(ws)?;
    let options = ExportOptions { all_findings: true, ..options };
    let summary = ActionSummary::build(ws, &options, today, "");
    Ok(Some(summary.items.into_iter().map(|item| FindingRef { report: item.report, finding: item.finding }).collect()))
}
