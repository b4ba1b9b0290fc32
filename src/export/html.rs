//! The action summary as one self-contained, printable HTML page: inline CSS, no
//! scripts, nothing fetched from the network. Headline figures, a stacked-bar chart of
//! status by category (inline SVG), count tables, overdue items, then one section per
//! report (a new printed page each) with its judgements, its action plan (header, changes
//! since the last board, each recommendation with its progress and actions) and its other
//! findings by category.
//! Every piece of report or user text goes through [`escape_html`]. Status, RAG and
//! grades are shown as coloured badges that always carry their words.

use std::fmt::Write as _;

use super::summary::{ActionItem, ActionSummary, CategoryCount, Counts, ReportSummary};
use super::{long_date, shorten};
use crate::model::{Grade, Rag, Status, palette};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A date for table cells: `8 Jan 2024`.
fn short_date(date: crate::model::Date) -> String {
    date.format("%-d %b %Y").to_string()
}

/// Escaped text with its line breaks kept.
fn multiline(text: &str) -> String {
    escape_html(text.trim_end()).replace("\r\n", "\n").replace('\n', "<br>")
}

/// The action summary as a complete HTML document.
pub fn render_html(summary: &ActionSummary) -> String {
    let mut out = String::with_capacity(16_384 + summary.items.len() * 1200);
    let workspace = escape_html(&summary.workspace_name);
    let generated = long_date(summary.generated);
    // Writing to a String cannot fail, hence the `.ok()`s.
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Action plan – {workspace}</title>\n<style>\n{CSS}{}</style>\n</head>\n<body>\n",
        badge_css()
    )
    .ok();

    writeln!(
        out,
        "<header class=\"masthead\">\n<p class=\"eyebrow\">Inspection action plan</p>\n<h1>Action plan</h1>\n\
         <p class=\"byline\">Workspace <strong>{workspace}</strong> · produced {generated}</p>\n</header>"
    )
    .ok();

    out.push_str("<main>\n<section class=\"summary\">\n<h2>Summary</h2>\n");
    tiles(&mut out, summary);
    out.push_str("<h3>Status by category</h3>\n");
    if summary.totals.items == 0 {
        out.push_str("<p class=\"empty\">No items in this export.</p>\n");
    } else {
        chart(&mut out, &summary.totals.by_category);
    }
    out.push_str("<h3>Status by report</h3>\n");
    status_table(&mut out, summary);
    out.push_str("<h3>RAG by report</h3>\n");
    rag_table(&mut out, summary);
    overdue_table(&mut out, summary);
    out.push_str("</section>\n");

    for report in &summary.reports {
        report_section(&mut out, summary, report);
    }
    writeln!(
        out,
        "</main>\n<footer>Produced by inspection-tracker from workspace {workspace} on {generated}.</footer>\n</body>\n</html>"
    )
    .ok();
    out
}

fn tiles(out: &mut String, summary: &ActionSummary) {
    let t = &summary.totals;
    let status = |s: Status| t.by_status.iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| *n);
    let rag = |r: Rag| t.by_rag.iter().find(|(x, _)| *x == Some(r)).map_or(0, |(_, n)| *n);
    let done = status(Status::Verified) + status(Status::Closed) + status(Status::AwaitingEvidence);
    out.push_str("<div class=\"tiles\">\n");
    for (figure, label, class) in [
        (t.items, "items tracked", ""),
        (status(Status::InProgress), "in progress", ""),
        (done, "complete", ""),
        (t.overdue, "overdue", if t.overdue > 0 { " alert" } else { "" }),
        (rag(Rag::Red), "rated red", if rag(Rag::Red) > 0 { " alert" } else { "" }),
    ] {
        writeln!(out, "<div class=\"tile{class}\"><span class=\"figure\">{figure}</span> <span>{label}</span></div>")
            .ok();
    }
    out.push_str("</div>\n");
}

/// Fill and text colours of a status, from the model's palette: badges and the chart.
fn status_colours(status: Status) -> (&'static str, &'static str) {
    let fill = status.swatch().light;
    (fill, palette::text_on(fill))
}

/// The status and RAG badge rules, written from the model's palette.
fn badge_css() -> String {
    let mut css = String::new();
    for status in Status::ALL {
        let (fill, ink) = status_colours(*status);
        writeln!(css, ".status-{} {{ background: {fill}; color: {ink}; }}", status.as_str()).ok();
    }
    for rag in Rag::ALL {
        let fill = rag.swatch().light;
        writeln!(css, ".rag-{} {{ background: {fill}; color: {}; }}", rag.as_str(), palette::text_on(fill)).ok();
    }
    css
}

fn status_badge(status: Status) -> String {
    format!("<span class=\"badge status-{}\">{}</span>", status.as_str(), status.label())
}

fn rag_badge(rag: Option<Rag>) -> String {
    match rag {
        Some(r) => format!("<span class=\"badge rag-{}\">RAG {}</span>", r.as_str(), r.label()),
        None => String::new(),
    }
}

fn grade_badge(grade: Grade) -> String {
    format!("<span class=\"badge grade-{}\">{}</span>", grade.as_str(), grade.label())
}

/// Horizontal stacked bars: one per category, one segment per status, with a legend.
fn chart(out: &mut String, categories: &[CategoryCount]) {
    const LABEL_WIDTH: usize = 240;
    const BAR_WIDTH: usize = 560;
    const ROW: usize = 28;
    const TOP: usize = 34;
    let width = LABEL_WIDTH + BAR_WIDTH + 50;
    let height = TOP + categories.len() * ROW + 6;
    let max = categories.iter().map(|c| c.total).max().unwrap_or(0).max(1);
    writeln!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"chart-title\">Items by status in each category</title>"
    )
    .ok();
    // Legend across the top.
    let mut x = 0;
    for status in Status::ALL {
        let (fill, _) = status_colours(*status);
        let label = status.label();
        writeln!(
            out,
            "<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"#505a5f\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"16\" class=\"legend\">{label}</text>",
            x + 16
        )
        .ok();
        x += 26 + label.len() * 6;
    }
    for (row, category) in categories.iter().enumerate() {
        let y = TOP + row * ROW;
        let label = escape_html(&shorten(&category.label, 36));
        writeln!(
            out,
            "<g><title>{}: {} items</title><text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">{label}</text>",
            escape_html(&category.label),
            category.total,
            LABEL_WIDTH - 10,
            y + 15
        )
        .ok();
        let mut x = LABEL_WIDTH as f64;
        for (status, n) in &category.by_status {
            if *n == 0 {
                continue;
            }
            let w = (*n as f64) * (BAR_WIDTH as f64) / (max as f64);
            let (fill, ink) = status_colours(*status);
            writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"20\" fill=\"{fill}\"><title>{}: {n}</title></rect>",
                status.label()
            )
            .ok();
            if w >= 18.0 {
                writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"{}\" class=\"seg\" fill=\"{ink}\" text-anchor=\"middle\">{n}</text>",
                    x + w / 2.0,
                    y + 14
                )
                .ok();
            }
            x += w;
        }
        writeln!(out, "<text x=\"{:.1}\" y=\"{}\" class=\"total\">{}</text></g>", x + 6.0, y + 15, category.total).ok();
    }
    out.push_str("</svg>\n");
}

fn status_table(out: &mut String, summary: &ActionSummary) {
    out.push_str("<table class=\"counts\">\n<thead><tr><th scope=\"col\">Report</th><th scope=\"col\">Items</th>");
    for status in Status::ALL {
        write!(out, "<th scope=\"col\">{}</th>", status.label()).ok();
    }
    out.push_str("<th scope=\"col\">Overdue</th></tr></thead>\n<tbody>\n");
    let row = |out: &mut String, name: &str, counts: &Counts, class: &str| {
        write!(out, "<tr{class}><th scope=\"row\">{name}</th><td>{}</td>", counts.items).ok();
        for (_, n) in &counts.by_status {
            write!(out, "<td>{}</td>", zero_dim(*n)).ok();
        }
        let overdue = if counts.overdue > 0 {
            format!("<strong class=\"late\">{}</strong>", counts.overdue)
        } else {
            zero_dim(0)
        };
        writeln!(out, "<td>{overdue}</td></tr>").ok();
    };
    for report in &summary.reports {
        row(out, &escape_html(&report.name), &report.counts, "");
    }
    row(out, "Total", &summary.totals, " class=\"total\"");
    out.push_str("</tbody>\n</table>\n");
}

fn rag_table(out: &mut String, summary: &ActionSummary) {
    out.push_str("<table class=\"counts rag\">\n<thead><tr><th scope=\"col\">Report</th>");
    for rag in Rag::ALL {
        write!(out, "<th scope=\"col\">{}</th>", rag_badge(Some(*rag))).ok();
    }
    out.push_str("<th scope=\"col\">Not set</th></tr></thead>\n<tbody>\n");
    let row = |out: &mut String, name: &str, counts: &Counts, class: &str| {
        write!(out, "<tr{class}><th scope=\"row\">{name}</th>").ok();
        for (_, n) in &counts.by_rag {
            write!(out, "<td>{}</td>", zero_dim(*n)).ok();
        }
        out.push_str("</tr>\n");
    };
    for report in &summary.reports {
        row(out, &escape_html(&report.name), &report.counts, "");
    }
    row(out, "Total", &summary.totals, " class=\"total\"");
    out.push_str("</tbody>\n</table>\n");
}

fn zero_dim(n: usize) -> String {
    if n == 0 { "<span class=\"zero\">0</span>".to_owned() } else { n.to_string() }
}

fn overdue_table(out: &mut String, summary: &ActionSummary) {
    out.push_str("<h3>Overdue items</h3>\n");
    let overdue = summary.overdue_items();
    if overdue.is_empty() {
        out.push_str("<p class=\"empty\">No item is overdue.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"overdue\">\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">Finding</th>\
         <th scope=\"col\">Owner or lead</th><th scope=\"col\">Due</th><th scope=\"col\">Days overdue</th>\
         <th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    for (item, late) in overdue {
        writeln!(
            out,
            "<tr><td class=\"ref\">{}</td><td>{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"num late\">{}</td>\
             <td>{} {}</td></tr>",
            escape_html(&item.reference),
            escape_html(&shorten(&item.text, 140)),
            escape_html(late.who),
            late.due.map(short_date).unwrap_or_default(),
            late.days,
            status_badge(item.status),
            rag_badge(item.rag)
        )
        .ok();
    }
    out.push_str("</tbody>\n</table>\n");
}

fn report_section(out: &mut String, summary: &ActionSummary, report: &ReportSummary) {
    writeln!(out, "<section class=\"report\" id=\"report-{}\">", escape_html(&report.id.0)).ok();
    writeln!(out, "<h2>{}</h2>", escape_html(&report.name)).ok();
    let mut facts = vec![report.kind.label().to_owned()];
    if let Some(date) = report.date {
        facts.push(format!("dated {}", long_date(date)));
    }
    facts.extend(report.authority_facts().iter().map(|f| escape_html(f)));
    facts.push(format!("report ID {}", escape_html(&report.id.0)));
    let items = format!(
        "{} in this export",
        if report.counts.items == 1 { "1 item".into() } else { format!("{} items", report.counts.items) }
    );
    facts.push(items);
    writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · ")).ok();
    if report.overall_judgement.is_some() || !report.judgements.is_empty() {
        out.push_str("<table class=\"judgements\">\n<thead><tr><th scope=\"col\">Judgement</th><th scope=\"col\">Grade</th></tr></thead>\n<tbody>\n");
        if let Some(grade) = report.overall_judgement {
            writeln!(
                out,
                "<tr class=\"overall\"><th scope=\"row\">Overall effectiveness</th><td>{}</td></tr>",
                grade_badge(grade)
            )
            .ok();
        }
        for j in &report.judgements {
            writeln!(out, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape_html(&j.area), grade_badge(j.grade))
                .ok();
        }
        out.push_str("</tbody>\n</table>\n");
    }
    plan_section(out, summary, report);
    if report.counts.items == 0 {
        out.push_str("<p class=\"empty\">No items in this export.</p>\n</section>\n");
        return;
    }
    // The plan section above holds the recommendations; the other findings follow by category.
    for category in &report.counts.by_category {
        let shown: Vec<&ActionItem> =
            summary.items_of(&report.id).filter(|i| i.category == category.category && !i.kind.is_action()).collect();
        if shown.is_empty() {
            continue;
        }
        writeln!(
            out,
            "<h3 class=\"category\">{} <span class=\"count\">{}</span></h3>",
            escape_html(&category.label),
            if shown.len() == 1 { "1 finding".to_owned() } else { format!("{} findings", shown.len()) }
        )
        .ok();
        out.push_str(
            "<table class=\"items\">\n<colgroup><col class=\"c-ref\"><col class=\"c-finding\"><col class=\"c-action\">\
             <col class=\"c-owner\"><col class=\"c-due\"><col class=\"c-status\"></colgroup>\n\
             <thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Finding</th><th scope=\"col\">Action and progress</th>\
             <th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
        );
        for item in shown {
            item_row(out, item);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// A report's action plan: the header (lead, submission deadline, board dates), the
/// changes since the last board, then each recommendation and priority action with its
/// progress and its actions.
fn plan_section(out: &mut String, summary: &ActionSummary, report: &ReportSummary) {
    let plan = &report.plan;
    out.push_str("<h3 class=\"plan\">Action plan</h3>\n<dl class=\"plan-header\">\n");
    let lead = if plan.lead.is_empty() {
        "<span class=\"missing\">Not named</span>".to_owned()
    } else {
        escape_html(&plan.lead)
    };
    writeln!(out, "<dt>Plan lead</dt><dd>{lead}</dd>").ok();
    let deadline = match plan.submission_deadline {
        Some(d) if plan.deadline_is_statutory => format!(
            "{} <span class=\"sub\">(statutory: 70 working days after publication, excluding bank holidays in England)</span>",
            long_date(d)
        ),
        Some(d) => long_date(d),
        None => "<span class=\"missing\">None set</span>".to_owned(),
    };
    writeln!(out, "<dt>Plan submission deadline</dt><dd>{deadline}</dd>").ok();
    let boards: Vec<String> = plan.board_meetings.iter().map(|d| long_date(*d)).collect();
    let boards =
        if boards.is_empty() { "<span class=\"missing\">None set</span>".to_owned() } else { boards.join(" · ") };
    writeln!(out, "<dt>Improvement board</dt><dd>{boards}</dd>\n</dl>").ok();
    if let Some(since) = plan.since {
        since_list(out, since, &plan.changes);
    }
    let mut any = false;
    for item in summary.items_of(&report.id).filter(|i| i.kind.is_action()) {
        any = true;
        recommendation_block(out, item);
    }
    if !any {
        out.push_str("<p class=\"empty\">No recommendations or priority actions in this export.</p>\n");
    }
}

/// The changes after `since`, as a table: date, reference, what changed, by whom.
fn since_list(out: &mut String, since: crate::model::Date, changes: &[super::SinceEntry]) {
    writeln!(out, "<h4>Since the last board <span class=\"sub\">(after {})</span></h4>", long_date(since)).ok();
    if changes.is_empty() {
        out.push_str("<p class=\"empty\">No updates, status changes or revised dates since then.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"since\">\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Ref</th>\
         <th scope=\"col\">Change</th><th scope=\"col\">By</th></tr></thead>\n<tbody>\n",
    );
    for change in changes {
        writeln!(
            out,
            "<tr><td class=\"date\">{}</td><td class=\"ref\">{}</td><td><strong>{}</strong> {}<span class=\"sub\">{}</span></td><td>{}</td></tr>",
            short_date(change.date),
            escape_html(&change.reference),
            change.kind.label(),
            multiline(&change.text),
            if change.subject.is_empty() { String::new() } else { format!("<br>{}", escape_html(&change.subject)) },
            escape_html(change.author.as_deref().unwrap_or("Not recorded"))
        )
        .ok();
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One recommendation or priority action: its own row (as a finding's, with everything the
/// user said about it), its progress, then its actions.
fn recommendation_block(out: &mut String, item: &ActionItem) {
    let late = item.is_overdue();
    let class = if late { " is-overdue" } else { "" };
    writeln!(out, "<div class=\"rec{class}\">").ok();
    out.push_str(
        "<table class=\"items\">\n<colgroup><col class=\"c-ref\"><col class=\"c-finding\"><col class=\"c-action\">\
         <col class=\"c-owner\"><col class=\"c-due\"><col class=\"c-status\"></colgroup>\n\
         <thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Recommendation</th><th scope=\"col\">Planned action and notes</th>\
         <th scope=\"col\">Lead</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    item_row(out, item);
    out.push_str("</tbody>\n</table>\n");
    let Some(progress) = &item.progress else {
        out.push_str("</div>\n");
        return;
    };
    let pct = (progress.done * 100).checked_div(progress.live).unwrap_or(0);
    let mut facts = vec![format!(
        "<span class=\"bar\" role=\"img\" aria-label=\"{pct}% done\"><span style=\"width: {pct}%\"></span></span> {}",
        escape_html(&progress.summary())
    )];
    if let Some(rag) = progress.worst_rag {
        facts.push(format!("worst {}", rag_badge(Some(rag))));
    }
    if let Some(next) = progress.next_due {
        facts.push(format!("next due {}", short_date(next)));
    }
    writeln!(out, "<p class=\"progress\">{}</p>", facts.join(" · ")).ok();
    out.push_str(
        "<table class=\"items actions\">\n<colgroup><col class=\"c-ref\"><col class=\"c-finding\"><col class=\"c-action\">\
         <col class=\"c-owner\"><col class=\"c-due\"><col class=\"c-status\"></colgroup>\n\
         <thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Action</th><th scope=\"col\">Progress and evidence</th>\
         <th scope=\"col\">Lead</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    for action in &item.actions {
        action_row(out, action);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn action_row(out: &mut String, action: &super::PlanAction) {
    let class = if action.is_overdue() { " class=\"is-overdue\"" } else { "" };
    write!(
        out,
        "<tr{class}><td class=\"ref\">{}</td>\n<td><p>{}</p>",
        escape_html(&action.reference),
        multiline(&action.title)
    )
    .ok();
    if !action.description.trim().is_empty() {
        write!(out, "<p class=\"sub\">{}</p>", multiline(&action.description)).ok();
    }
    if !action.measure.trim().is_empty() {
        write!(out, "<p class=\"notes\"><strong>Measure of success</strong> {}</p>", multiline(&action.measure)).ok();
    }
    if !action.partners.is_empty() {
        let partners: Vec<String> = action.partners.iter().map(|p| escape_html(p)).collect();
        write!(out, "<p class=\"sub\">With {}</p>", partners.join(", ")).ok();
    }
    out.push_str("</td>\n<td>");
    let mut any = false;
    if let Some(update) = &action.latest_update {
        let by = update.author.as_deref().map(|a| format!(", {}", escape_html(a))).unwrap_or_default();
        write!(
            out,
            "<p class=\"update\"><strong>Update {}{by}</strong> {}</p>",
            short_date(update.date),
            multiline(&update.text)
        )
        .ok();
        any = true;
    }
    if !action.evidence.is_empty() {
        let links: Vec<String> = action.evidence.iter().map(|e| evidence_link(e)).collect();
        write!(out, "<p class=\"evidence\"><strong>Evidence</strong> {}</p>", links.join("<br>")).ok();
        any = true;
    }
    if !action.rag_rationale.trim().is_empty() {
        write!(out, "<p class=\"notes\"><strong>RAG rationale</strong> {}</p>", multiline(&action.rag_rationale)).ok();
        any = true;
    }
    if !action.cancel_reason.trim().is_empty() {
        write!(out, "<p class=\"notes\"><strong>Cancelled</strong> {}</p>", multiline(&action.cancel_reason)).ok();
        any = true;
    }
    if !any {
        out.push_str("<p class=\"missing\">No update yet</p>");
    }
    write!(out, "</td>\n<td>{}</td>\n<td class=\"date\">", escape_html(&action.lead)).ok();
    if let Some(due) = action.due {
        out.push_str(&short_date(due));
    }
    if let Some(original) = action.original_due {
        write!(out, "<span class=\"was\">Was {}</span>", short_date(original)).ok();
    }
    if action.is_overdue() {
        write!(out, "<span class=\"late-tag\">{} days overdue</span>", action.days_overdue).ok();
    }
    writeln!(out, "</td>\n<td>{}{}</td></tr>", status_badge(action.status), rag_badge(action.rag)).ok();
}

fn item_row(out: &mut String, item: &ActionItem) {
    let short_ref = item.reference.strip_prefix(&format!("{} ", item.report.0)).unwrap_or(&item.reference);
    let class = match (item.is_overdue(), item.important) {
        (true, _) => " class=\"is-overdue\"",
        (false, true) => " class=\"is-important\"",
        _ => "",
    };
    write!(
        out,
        "<tr{class}><td class=\"ref\">{}<span class=\"kind\">{}</span>",
        escape_html(short_ref),
        item.kind.label()
    )
    .ok();
    if item.important {
        out.push_str("<span class=\"flag\">Important</span>");
    }
    write!(
        out,
        "</td>\n<td><p class=\"text\">{}</p><p class=\"sub\">{}{} · {}{}</p>",
        multiline(&item.text),
        escape_html(&item.section),
        item.framework_ref
            .as_ref()
            .map(|r| format!(" · National framework: {}", escape_html(&r.label())))
            .unwrap_or_default(),
        item.polarity.label(),
        if item.category_overridden { " · category set by user" } else { "" }
    )
    .ok();
    for earlier in &item.raised_before {
        write!(
            out,
            "<p class=\"raised\"><strong>Raised before</strong> {}<span class=\"sub\">“{}”</span></p>",
            escape_html(&earlier.summary()),
            escape_html(&shorten(&earlier.text, 240))
        )
        .ok();
    }
    out.push_str("</td>\n<td>");
    let mut any = false;
    if !item.planned_action.trim().is_empty() {
        write!(out, "<p>{}</p>", multiline(&item.planned_action)).ok();
        any = true;
    }
    if let Some(update) = &item.latest_update {
        write!(
            out,
            "<p class=\"update\"><strong>Update {}</strong> {}</p>",
            short_date(update.date),
            multiline(&update.text)
        )
        .ok();
        any = true;
    }
    if !item.notes.trim().is_empty() {
        write!(out, "<p class=\"notes\"><strong>Notes</strong> {}</p>", multiline(&item.notes)).ok();
        any = true;
    }
    if !item.evidence.is_empty() {
        out.push_str("<p class=\"evidence\"><strong>Evidence</strong> ");
        let links: Vec<String> = item.evidence.iter().map(|e| evidence_link(e)).collect();
        out.push_str(&links.join("<br>"));
        out.push_str("</p>");
        any = true;
    }
    if !item.cancel_reason.trim().is_empty() {
        write!(out, "<p class=\"notes\"><strong>Cancelled</strong> {}</p>", multiline(&item.cancel_reason)).ok();
        any = true;
    }
    if item.has_no_action() {
        write!(out, "<p class=\"missing\">{}</p>", super::NO_ACTION_YET).ok();
    } else if !any && !item.kind.is_action() {
        out.push_str("<p class=\"missing\">No action recorded yet</p>");
    }
    write!(out, "</td>\n<td>{}</td>\n<td class=\"date\">", escape_html(&item.owner)).ok();
    if let Some(due) = item.due_date {
        out.push_str(&short_date(due));
        if item.is_overdue() {
            write!(out, "<span class=\"late-tag\">{} days overdue</span>", item.days_overdue).ok();
        }
    } else if let Some(due) = item.suggested_due_date {
        write!(out, "<span class=\"suggested\">Suggested {}</span>", short_date(due)).ok();
    }
    writeln!(out, "</td>\n<td>{}{}</td></tr>", status_badge(item.status), rag_badge(item.rag)).ok();
}

/// Evidence as text, linked only when it is a plain web address (never `javascript:`).
fn evidence_link(evidence: &str) -> String {
    let text = escape_html(evidence);
    let is_web = (evidence.starts_with("https://") || evidence.starts_with("http://"))
        && !evidence.chars().any(|c| c.is_whitespace() || c.is_control());
    if is_web { format!("<a href=\"{text}\">{text}</a>") } else { text }
}

/// The page's stylesheet: screen and print.
const CSS: &str = r#":root { --ink: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --panel: #f3f2f1; --brand: #003078; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
.masthead { background: var(--brand); color: #fff; padding: 28px 40px 22px; border-bottom: 8px solid #1d70b8; }
.masthead h1 { margin: 0 0 6px; font-size: 32px; line-height: 1.15; }
.eyebrow { margin: 0 0 4px; text-transform: uppercase; letter-spacing: .08em; font-size: 13px; opacity: .85; }
.byline { margin: 0; font-size: 15px; }
main { padding: 8px 40px 24px; max-width: 1280px; }
h2 { font-size: 24px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 18px; margin: 22px 0 8px; }
h3.category { border-left: 6px solid #1d70b8; padding-left: 10px; }
h3 .count { font-weight: normal; color: var(--muted); font-size: 15px; margin-left: 6px; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0 6px; }
.tile { background: var(--panel); border-top: 4px solid #1d70b8; padding: 10px 16px; min-width: 150px; }
.tile.alert { border-top-color: #d4351c; }
.tile .figure { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; }
.chart { max-width: 100%; height: auto; font-family: inherit; }
.chart .legend { font-size: 11px; fill: var(--ink); }
.chart .axis { font-size: 13px; fill: var(--ink); }
.chart .seg { font-size: 11px; font-weight: 700; }
.chart .total { font-size: 12px; fill: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
thead th { background: var(--panel); border-bottom: 2px solid var(--ink); font-size: 13px; }
table.counts td { text-align: right; font-variant-numeric: tabular-nums; }
table.counts thead th:not(:first-child) { text-align: right; }
table.counts tr.total th, table.counts tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
table.judgements { width: auto; min-width: 55%; }
table.judgements tr.overall th { font-weight: 700; }
tbody th { font-weight: normal; }
.zero { color: #b1b4b6; }
.late { color: #b21f0b; font-weight: 700; }
.num { text-align: right; }
.date { font-variant-numeric: tabular-nums; }
.facts { color: var(--muted); margin: 0 0 10px; }
.note { background: #e8f1f8; border-left: 5px solid #1d70b8; padding: 8px 12px; }
.empty, .missing { color: var(--muted); font-style: italic; margin: 0; }
table.items { table-layout: fixed; }
col.c-ref { width: 11%; } col.c-finding { width: 32%; } col.c-action { width: 28%; }
col.c-owner { width: 10%; } col.c-due { width: 9%; } col.c-status { width: 10%; }
table.items td { font-size: 14px; overflow-wrap: anywhere; }
table.items p { margin: 0 0 6px; }
.ref { font-weight: 700; overflow-wrap: anywhere; }
.ref .kind, .ref .flag { display: block; font-weight: normal; font-size: 12px; color: var(--muted); white-space: normal; }
.ref .flag { color: #b21f0b; font-weight: 700; }
.sub { color: var(--muted); font-size: 12px; }
.raised { font-size: 13px; border-left: 3px solid #f47738; padding-left: 6px; }
.raised .sub { display: block; }
.update strong, .notes strong, .evidence strong, .raised strong { display: block; font-size: 12px; color: var(--muted); }
tr.is-overdue td:first-child { box-shadow: inset 4px 0 0 #d4351c; }
tr.is-important td:first-child { box-shadow: inset 4px 0 0 #f47738; }
.late-tag { display: block; color: #b21f0b; font-weight: 700; font-size: 12px; white-space: normal; }
.suggested { color: var(--muted); font-style: italic; font-size: 12px; white-space: normal; }
.was { display: block; color: var(--muted); font-style: italic; font-size: 12px; }
.badge { display: inline-block; border-radius: 3px; padding: 1px 7px; margin: 0 4px 4px 0; font-size: 12px; font-weight: 700; line-height: 1.5; white-space: nowrap; border: 1px solid rgba(0,0,0,.15); }
.grade-outstanding { background: #00703c; color: #fff; }
.grade-good { background: #85994b; color: #0b0c0c; }
.grade-requires_improvement, .grade-adequate { background: #ffbf47; color: #0b0c0c; }
.grade-inadequate { background: #d4351c; color: #fff; }
.grade-not_judged { background: #e5e6e7; color: #0b0c0c; }
table.rag thead .badge { margin: 0; }
a { color: #1d70b8; }
h3.plan { border-left: 6px solid var(--brand); padding-left: 10px; }
dl.plan-header { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 6px 0 12px; padding: 10px 14px; background: var(--panel); }
dl.plan-header dt { font-weight: 700; }
dl.plan-header dd { margin: 0; }
h4 { font-size: 16px; margin: 18px 0 4px; }
.rec { margin: 14px 0 18px; padding-left: 12px; border-left: 4px solid var(--rule); }
.rec.is-overdue { border-left-color: #d4351c; }
.progress { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
.bar { display: inline-block; width: 90px; height: 9px; background: #e5e6e7; border: 1px solid var(--rule); vertical-align: middle; }
.bar span { display: block; height: 100%; background: #00703c; }
table.since td { font-size: 14px; }
footer { color: var(--muted); font-size: 13px; padding: 12px 40px 32px; border-top: 1px solid var(--rule); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  .masthead { padding: 0 0 8px; background: none; color: var(--ink); border-bottom: 3px solid var(--brand); }
  .masthead h1 { font-size: 22pt; }
  main { padding: 0; max-width: none; }
  footer { padding: 8px 0 0; }
  h2 { font-size: 16pt; }
  h3 { font-size: 12pt; break-after: avoid; }
  .report { break-before: page; }
  table.items td { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, .tile, .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(multiline("a\nb<"), "a<br>b&lt;");
    }

    #[test]
    fn only_web_evidence_is_linked() {
        assert!(
            evidence_link("https://example.org/a?b=1&c=2")
                .starts_with("<a href=\"https://example.org/a?b=1&amp;c=2\">")
        );
        assert_eq!(evidence_link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(evidence_link("Board minutes, 3 May"), "Board minutes, 3 May");
    }
}
