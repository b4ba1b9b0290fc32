//! The action summary as a readable Markdown report: summary tables first, then one
//! section per report with its judgements, its action plan (header, changes since the last
//! board, each recommendation with its progress and actions) and its other findings grouped
//! by category. Status and RAG are words. Report and user text is escaped so it cannot turn into markup (raw
//! HTML, links, emphasis or table breaks).

use std::fmt::Write as _;

use super::long_date;
use super::summary::{ActionItem, ActionSummary, Counts, ReportSummary};
use crate::model::Status;

/// The action summary as a Markdown document.
pub fn render_markdown(summary: &ActionSummary) -> String {
    let mut out = String::with_capacity(4096 + summary.items.len() * 600);
    // Writing to a String cannot fail, hence the `.ok()`s.
    writeln!(out, "# Action plan – {}\n", escape(&summary.workspace_name)).ok();
    writeln!(
        out,
        "Generated {}. {} from {}; {} overdue.\n",
        long_date(summary.generated),
        plural(summary.totals.items, "item"),
        plural(summary.reports.len(), "report"),
        summary.totals.overdue
    )
    .ok();

    out.push_str("## Summary\n\n### By status\n\n");
    status_table(&mut out, summary);
    out.push_str("\n### By RAG\n\n| Report | Red | Amber | Green | Blue | Not set |\n|---|---:|---:|---:|---:|---:|\n");
    for report in &summary.reports {
        rag_row(&mut out, &escape(&report.name), &report.counts);
    }
    rag_row(&mut out, "**Total**", &summary.totals);

    out.push_str("\n### By category\n\n| Category | Items | Overdue |\n|---|---:|---:|\n");
    for c in &summary.totals.by_category {
        writeln!(out, "| {} | {} | {} |", escape(&c.label), c.total, c.overdue).ok();
    }

    out.push_str("\n### Overdue items\n\n");
    let overdue = summary.overdue_items();
    if overdue.is_empty() {
        out.push_str("No item is overdue.\n");
    } else {
        out.push_str("| Reference | Owner or lead | Due date | Days overdue | Status |\n|---|---|---|---:|---|\n");
        for (item, late) in overdue {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&item.reference),
                cell(late.who),
                late.due.map(long_date).unwrap_or_default(),
                late.days,
                item.status.label()
            )
            .ok();
        }
    }

    for report in &summary.reports {
        writeln!(out, "\n## {}\n", escape(&report.name)).ok();
        let mut facts = vec![report.kind.label().to_owned()];
        if let Some(date) = report.date {
            facts.push(format!("dated {}", long_date(date)));
        }
        facts.extend(report.authority_facts().iter().map(|f| escape(f)));
        if let Some(grade) = report.overall_judgement {
            facts.push(format!("overall effectiveness: {}", grade.label()));
        }
        writeln!(out, "{}. Report ID `{}`.\n", facts.join(", "), report.id.0.replace('`', "'")).ok();
        if !report.judgements.is_empty() {
            out.push_str("| Area | Judgement |\n|---|---|\n");
            for j in &report.judgements {
                writeln!(out, "| {} | {} |", escape(&j.area), j.grade.label()).ok();
            }
            out.push('\n');
        }
        plan_md(&mut out, summary, report);
        if report.counts.items == 0 {
            out.push_str("No items in this export.\n");
            continue;
        }
        // The plan above holds the recommendations; the other findings follow by category.
        for category in &report.counts.by_category {
            let shown: Vec<&ActionItem> = summary
                .items_of(&report.id)
                .filter(|i| i.category == category.category && !i.kind.is_action())
                .collect();
            if shown.is_empty() {
                continue;
            }
            writeln!(out, "### {} ({})\n", escape(&category.label), plural(shown.len(), "finding")).ok();
            for item in shown {
                item_md(&mut out, item);
            }
        }
    }
    out
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn status_table(out: &mut String, summary: &ActionSummary) {
    out.push_str("| Report | Items |");
    for s in Status::ALL {
        write!(out, " {} |", s.label()).ok();
    }
    out.push_str(" Overdue |\n|---|---:|");
    for _ in Status::ALL {
        out.push_str("---:|");
    }
    out.push_str("---:|\n");
    let mut row = |name: &str, counts: &Counts| {
        write!(out, "| {name} | {} |", counts.items).ok();
        for (_, n) in &counts.by_status {
            write!(out, " {n} |").ok();
        }
        writeln!(out, " {} |", counts.overdue).ok();
    };
    for report in &summary.reports {
        row(&escape(&report.name), &report.counts);
    }
    row("**Total**", &summary.totals);
}

fn rag_row(out: &mut String, name: &str, counts: &Counts) {
    write!(out, "| {name} |").ok();
    for (_, n) in &counts.by_rag {
        write!(out, " {n} |").ok();
    }
    out.push('\n');
}

/// A report's action plan: header, changes since the last board, then each
/// recommendation with its progress and its actions.
fn plan_md(out: &mut String, summary: &ActionSummary, report: &ReportSummary) {
    let plan = &report.plan;
    out.push_str("### Action plan\n\n");
    writeln!(out, "- Plan lead: {}", if plan.lead.is_empty() { "not named".to_owned() } else { cell(&plan.lead) }).ok();
    match plan.submission_deadline {
        Some(d) if plan.deadline_is_statutory => {
            writeln!(out, "- Plan submission deadline: {} (statutory: 70 working days after publication)", long_date(d))
        }
        Some(d) => writeln!(out, "- Plan submission deadline: {}", long_date(d)),
        None => writeln!(out, "- Plan submission deadline: none set"),
    }
    .ok();
    let boards: Vec<String> = plan.board_meetings.iter().map(|d| long_date(*d)).collect();
    writeln!(
        out,
        "- Improvement board: {}\n",
        if boards.is_empty() { "none set".to_owned() } else { boards.join(", ") }
    )
    .ok();
    if let Some(since) = plan.since {
        writeln!(out, "#### Since the last board (after {})\n", long_date(since)).ok();
        if plan.changes.is_empty() {
            out.push_str("No updates, status changes or revised dates since then.\n\n");
        } else {
            out.push_str("| Date | Ref | Change | By |\n|---|---|---|---|\n");
            for change in &plan.changes {
                writeln!(
                    out,
                    "| {} | {} | {}: {} | {} |",
                    long_date(change.date),
                    escape(&change.reference),
                    change.kind.label(),
                    cell(&change.text),
                    cell(change.author.as_deref().unwrap_or("not recorded"))
                )
                .ok();
            }
            out.push('\n');
        }
    }
    for item in summary.items_of(&report.id).filter(|i| i.kind.is_action()) {
        let reference = item.plan_ref.as_deref().unwrap_or(&item.reference);
        let flag = if item.important { " (important)" } else { "" };
        writeln!(out, "#### {} – {}{flag}\n", escape(reference), item.kind.label()).ok();
        for line in item.text.lines() {
            writeln!(out, "> {}", escape_line(line)).ok();
        }
        out.push('\n');
        if let Some(progress) = &item.progress {
            let mut facts = vec![progress.summary()];
            if let Some(rag) = progress.worst_rag {
                facts.push(format!("worst RAG {}", rag.label()));
            }
            if let Some(next) = progress.next_due {
                facts.push(format!("next due {}", long_date(next)));
            }
            writeln!(out, "- Progress: {}", facts.join(" · ")).ok();
        }
        for earlier in &item.raised_before {
            writeln!(out, "- Raised before: {} – “{}”", escape(&earlier.summary()), cell(&earlier.text)).ok();
        }
        item_fields(out, item);
        if item.has_no_action() {
            writeln!(out, "- *{}*", super::NO_ACTION_YET).ok();
        }
        if item.actions.is_empty() {
            out.push('\n');
            continue;
        }
        out.push_str("\n| Ref | Action | Lead | Due | Status | RAG | Latest update |\n|---|---|---|---|---|---|---|\n");
        for action in &item.actions {
            let mut due = action.due.map(long_date).unwrap_or_default();
            if let Some(original) = action.original_due {
                due.push_str(&format!(" (was {})", long_date(original)));
            }
            if action.is_overdue() {
                due.push_str(&format!(
                    " – {} overdue",
                    plural(usize::try_from(action.days_overdue).unwrap_or(0), "day")
                ));
            }
            let update = action
                .latest_update
                .as_ref()
                .map(|u| {
                    let by = u.author.as_deref().map(|a| format!(", {}", cell(a))).unwrap_or_default();
                    format!("{}{by}: {}", long_date(u.date), cell(&u.text))
                })
                .unwrap_or_default();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                escape(&action.reference),
                cell(&action.title),
                cell(&action.lead),
                due,
                action.status.label(),
                action.rag.map_or("", |r| r.label()),
                update
            )
            .ok();
        }
        out.push('\n');
    }
}

fn item_md(out: &mut String, item: &ActionItem) {
    let flag = if item.important { " (important)" } else { "" };
    writeln!(out, "#### {} – {}{flag}\n", escape(&item.reference), item.kind.label()).ok();
    for line in item.text.lines() {
        writeln!(out, "> {}", escape_line(line)).ok();
    }
    out.push('\n');
    item_fields(out, item);
    out.push('\n');
}

/// An item's state and annotation as list items: status, section, planned action, owner,
/// due date, latest update, evidence, notes.
fn item_fields(out: &mut String, item: &ActionItem) {
    let mut state = vec![format!("**{}**", item.status.label())];
    if let Some(rag) = item.rag {
        state.push(format!("RAG {}", rag.label()));
    }
    if item.is_overdue() {
        state.push(format!("overdue by {}", plural(usize::try_from(item.days_overdue).unwrap_or(0), "day")));
    }
    writeln!(out, "- Status: {}", state.join(" · ")).ok();
    writeln!(out, "- Section: {} · {}", escape(&item.section), item.polarity.label()).ok();
    if let Some(framework) = &item.framework_ref {
        writeln!(out, "- National framework: {}", escape(&framework.label())).ok();
    }
    field(out, "Planned action", &item.planned_action);
    field(out, "Owner", &item.owner);
    if let Some(due) = item.due_date {
        writeln!(out, "- Due: {}", long_date(due)).ok();
    } else if let Some(due) = item.suggested_due_date {
        writeln!(out, "- Suggested due date: {} (not set)", long_date(due)).ok();
    }
    if let Some(update) = &item.latest_update {
        field(out, &format!("Latest update ({})", long_date(update.date)), &update.text);
    }
    for link in &item.evidence {
        field(out, "Evidence", link);
    }
    field(out, "Notes", &item.notes);
    field(out, "Cancellation reason", &item.cancel_reason);
}

/// A list item `- Label: text`, with later lines of the text kept inside the item.
fn field(out: &mut String, label: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let body: Vec<String> = text.lines().map(escape_line).collect();
    writeln!(out, "- {label}: {}", body.join("  \n  ")).ok();
}

/// Text for a table cell: escaped, on one line.
fn cell(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join(" ")
}

/// Escapes one line so it reads literally, including markers at its start.
fn escape_line(line: &str) -> String {
    let escaped = escape(line.trim_end());
    let trimmed = escaped.trim_start();
    if trimmed.starts_with(['#', '-', '+', '=', '~']) {
        return format!("\\{trimmed}");
    }
    // "12. text" would start an ordered list; escape its delimiter instead.
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    trimmed.to_owned()
}

/// Backslash-escapes Markdown's inline punctuation.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("<script>*x*|[a](b)"), "\\<script\\>\\*x\\*\\|\\[a\\](b)");
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("12. not a list"), "12\\. not a list");
        assert_eq!(escape_line("Plain"), "Plain");
    }
}
