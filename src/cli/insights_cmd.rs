//! `inspection-tracker insights WS.ron [--json | --format xlsx -o FILE]`: the insights
//! across a workspace's reports (`insights::Insights`): as the JSON the README documents,
//! as the national summary workbook, or as a readable table of authorities and repeats.

use super::{EXIT_OK, InsightsArgs};
use crate::insights::Insights;

/// Runs `insights`; returns the exit status (errors become exit status 2 in `cli::run`).
pub fn run(args: &InsightsArgs) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let format = match args.format.as_deref() {
        None => None,
        Some("xlsx") => Some(()),
        Some(other) => anyhow::bail!("unknown insights format '{other}' (expected: xlsx)"),
    };
    if format.is_some() && args.output.is_none() {
        anyhow::bail!("--format xlsx needs the file to write: add -o FILE.xlsx");
    }
    let ws = crate::workspace::io::load(&args.workspace)?;
    let insights = Insights::build(&ws);
    if let (Some(()), Some(output)) = (format, &args.output) {
        crate::export::write_insights_xlsx(&insights, &ws, output)
            .with_context(|| format!("could not write the national summary to {}", output.display()))?;
        eprintln!(
            "Wrote {} authorit{}, {} repeat{} and {} theme row{} to {}",
            insights.authorities.len(),
            if insights.authorities.len() == 1 { "y" } else { "ies" },
            insights.repeats.len(),
            if insights.repeats.len() == 1 { "" } else { "s" },
            insights.themes.len(),
            if insights.themes.len() == 1 { "" } else { "s" },
            output.display()
        );
    } else if args.json {
        outln!("{}", serde_json::to_string_pretty(&crate::insights::json::to_json(&insights))?);
    } else {
        table(&insights, &ws);
    }
    Ok(EXIT_OK)
}

/// One line per authority (latest full inspection, focused visit and JTAI), then the repeats.
fn table(insights: &Insights, ws: &crate::workspace::Workspace) {
    let date = |d: Option<crate::model::Date>| d.map_or_else(|| "–".to_owned(), |d| d.format("%Y-%m-%d").to_string());
    outln!("{:<28} {:<26} {:<11} {:<22} {:<11} {:<11}", "Authority", "Region", "Inspected", "Overall", "Visit", "JTAI");
    for a in &insights.authorities {
        let full = a.latest_full_inspection();
        outln!(
            "{:<28} {:<26} {:<11} {:<22} {:<11} {:<11}",
            a.authority.name,
            a.authority.region.label(),
            date(full.and_then(|r| r.visit_end)),
            full.and_then(|r| r.overall_judgement).map_or("–", |g| g.label()),
            date(a.latest_focused_visit().and_then(|r| r.visit_end)),
            date(a.latest_jtai().and_then(|r| r.visit_end)),
        );
    }
    if !insights.unassigned.is_empty() {
        outln!("{} report(s) tied to no known authority", insights.unassigned.len());
    }
    outln!();
    outln!("{} recommendation(s) raised before", insights.repeats.len());
    for r in &insights.repeats {
        let name = insights.authority(&r.authority.0).map_or(r.authority.0.as_str(), |a| a.authority.name.as_str());
        outln!(
            "  {name}: {} repeats {} ({:.2}; {} and {})",
            r.later_label(ws),
            r.earlier_label(ws),
            r.similarity,
            r.later,
            r.earlier
        );
    }
}
