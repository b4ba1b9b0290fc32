//! `inspection-tracker merge WS.ron OTHER.ron [--base BASE.ron] [-o OUT.ron] [--json]`:
//! brings another copy of a workspace (a colleague's, or the "conflicting copy" a sync
//! client leaves) into this one through `workspace::merge`, and says what came in and what
//! conflicted. As everywhere on the command line, the other copy's value wins a conflict
//! and ours is kept in the change log; writing over WS.ron happens under its save lock, and
//! `-o OUT.ron` only ever creates OUT.ron (an existing file is refused, never replaced).

use anyhow::Context as _;
use serde_json::json;

use super::workspace_cmd::{Locked, create_new, load, now};
use super::{EXIT_OK, EXIT_WARNINGS, MergeArgs};
use crate::model::Date;
use crate::workspace::merge::{Choices, Merged, Side, merge, value_text};
use crate::workspace::{self, Workspace};

/// Runs `merge`.
pub fn run(args: &MergeArgs, today: Date) -> anyhow::Result<u8> {
    let now = now(today);
    let in_place = args.output.as_ref().is_none_or(|out| same_file(out, &args.workspace));
    let locked = if in_place { Some(Locked::load(&args.workspace, now)?) } else { None };
    let ours = match &locked {
        Some(locked) => locked.loaded.workspace.clone(),
        None => load(&args.workspace)?,
    };
    let theirs = load(&args.other)?;
    let base: Option<Workspace> = args.base.as_deref().map(load).transpose()?;
    let mut merged = merge(base.as_ref(), &ours, &theirs, &Choices::all(Side::Theirs));
    let author = crate::workspace::io::os_user_name();
    let records = merged.override_records(now, author.as_deref());
    merged.workspace.change_log.extend(records);
    let out = args.output.as_ref().unwrap_or(&args.workspace);
    let changed = merged.workspace != ours;
    match &locked {
        Some(locked) if changed => {
            locked.save(&merged.workspace, now)?;
        }
        Some(_) => {}
        // A new file only: one already there may be someone's work this merge never read.
        None => create_new(&merged.workspace, out, now).map_err(|error| match error {
            workspace::io::SharedSaveError::Save(error) if error.is_exists() => anyhow::anyhow!(
                "the output file already exists and was left as it is (it may hold work this merge never read); give -o a new name, or leave -o out to merge into the workspace itself: {}",
                error.path().display()
            ),
            other => other.into(),
        })?,
    }
    if args.json {
        let value = json!({
            "written": (changed || !in_place).then(|| out.display().to_string()),
            "three_way": base.is_some(),
            "incoming": merged.incoming,
            "conflicts": merged.conflicts.iter().map(|c| json!({
                "site": c.site.to_string(),
                "report": c.site.report,
                "finding": c.site.finding,
                "field": c.site.field,
                "base": c.base,
                "ours": c.ours,
                "theirs": c.theirs,
                "kept": c.chosen,
                "ours_change": c.ours_change,
                "theirs_change": c.theirs_change,
            })).collect::<Vec<_>>(),
        });
        outln!("{}", serde_json::to_string_pretty(&value).context("could not write JSON")?);
    } else {
        print_summary(args, out, &merged, changed || !in_place);
    }
    Ok(if merged.conflicts.is_empty() { EXIT_OK } else { EXIT_WARNINGS })
}

fn print_summary(args: &MergeArgs, out: &std::path::Path, merged: &Merged, written: bool) {
    let incoming = &merged.incoming;
    if incoming.is_empty() {
        outln!("nothing new in {}", args.other.display());
    } else {
        outln!(
            "from {}: {} report(s), {} field(s), {} progress update(s) or evidence link(s), {} change record(s)",
            args.other.display(),
            incoming.reports.len(),
            incoming.fields.len(),
            incoming.list_items,
            incoming.change_records
        );
    }
    for report in &incoming.reports {
        outln!("  new report {report}");
    }
    for site in &incoming.fields {
        outln!("  took {site}");
    }
    for c in &merged.conflicts {
        outln!(
            "conflict {}: kept theirs \"{}\"; yours \"{}\" is in the change log{}",
            c.site,
            value_text(&c.theirs),
            value_text(&c.ours),
            c.base.as_ref().map_or(String::new(), |b| format!(" (both changed it from \"{}\")", value_text(b)))
        );
    }
    if written {
        outln!("wrote {}", out.display());
    }
}

/// Whether two paths name the same file (the output is the workspace itself).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
