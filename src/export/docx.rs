//! The action summary as a Word board paper (`.docx`, written with docx-rs): a title page
//! block, then per report its plan header (plan lead, submission deadline, board dates),
//! "since the last board" (updates, status changes and revised dates after the day, with
//! who made them), and each recommendation or priority action with its progress, RAG and a
//! table of its actions. A4 portrait, Arial, RAG and status always in words, RAG cells
//! also coloured from the model's palette.
//!
//! docx-rs escapes XML markup in text itself; this module also drops the few characters
//! XML cannot hold at all (most control characters), and turns line breaks into Word's
//! own breaks, so every text reads back as it was written.

use std::io::Cursor;

use docx_rs::{
    BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType, Style,
    StyleType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::plan::{NO_ACTION_YET, PlanAction, SinceEntry};
use super::summary::{ActionItem, ActionSummary, ReportSummary};
use super::{ExportError, long_date};

/// A date for table cells: `8 Jan 2024`.
fn short_date(date: crate::model::Date) -> String {
    date.format("%-d %b %Y").to_string()
}
use crate::model::{Rag, palette};

const FONT: &str = "Arial";
/// Sizes are in half-points.
const BODY: usize = 20;
const SMALL: usize = 17;
const BRAND: &str = "003078";
const MUTED: &str = "505A5F";
const PANEL: &str = "F3F2F1";
const LATE: &str = "B21F0B";

/// A4 portrait in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_134;
/// The width between the margins, which every table fills.
const TEXT_WIDTH: usize = 9_638;

/// Column widths of an actions table: ref, action, lead, due, status and RAG, latest update.
const ACTION_COLUMNS: [usize; 6] = [820, 2_880, 1_400, 1_250, 1_300, 1_988];
/// Column widths of the "since" table: date, ref, change, by.
const SINCE_COLUMNS: [usize; 4] = [1_300, 820, 5_718, 1_800];
/// Column widths of the plan header: label, value.
const HEADER_COLUMNS: [usize; 2] = [2_800, 6_838];

/// The action summary as the bytes of a `.docx` file.
pub fn render_docx(summary: &ActionSummary) -> Result<Vec<u8>, ExportError> {
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 600,
            footer: 600,
            gutter: 0,
        })
        .default_fonts(fonts)
        .default_size(BODY)
        .add_style(heading("Heading1", "Heading 1", 32, 0))
        .add_style(heading("Heading2", "Heading 2", 26, 1))
        .add_style(heading("Heading3", "Heading 3", 22, 2))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("Produced by inspection-tracker · page ").size(SMALL).color(MUTED))
                    .add_page_num(PageNum::new())
                    .size(SMALL),
            ),
        );

    doc = doc
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Improvement board paper").size(20).color(MUTED).bold())
                .line_spacing(LineSpacing::new().after(40)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(xml_text("Action plan progress")).size(40).bold().color(BRAND))
                .line_spacing(LineSpacing::new().after(80)),
        )
        .add_paragraph(para(&format!(
            "Workspace {} · produced {} · {} from {}",
            summary.workspace_name,
            long_date(summary.generated),
            plural(summary.reports.iter().map(|r| r.plan.actions).sum(), "action"),
            plural(summary.reports.len(), "report"),
        )));

    for (index, report) in summary.reports.iter().enumerate() {
        doc = report_part(doc, summary, report, index > 0);
    }

    let mut bytes = Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn heading(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .color(BRAND)
        .outline_lvl(level)
        .line_spacing(LineSpacing::new().before(if level == 0 { 120 } else { 240 }).after(80))
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// One report: heading, facts, plan header, since the last board, recommendations.
fn report_part(mut doc: Docx, summary: &ActionSummary, report: &ReportSummary, new_page: bool) -> Docx {
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(xml_text(&report.name)))
            .style("Heading1")
            .page_break_before(new_page),
    );
    let mut facts = vec![report.kind.label().to_owned()];
    if let Some(date) = report.date {
        facts.push(format!("dated {}", long_date(date)));
    }
    facts.extend(report.authority_facts());
    if let Some(grade) = report.overall_judgement {
        facts.push(format!("overall effectiveness {}", grade.label()));
    }
    doc = doc.add_paragraph(muted(&facts.join(" · ")));

    let plan = &report.plan;
    let deadline = match plan.submission_deadline {
        Some(d) if plan.deadline_is_statutory => {
            format!(
                "{} (statutory: 70 working days after publication, excluding bank holidays in England)",
                long_date(d)
            )
        }
        Some(d) => long_date(d),
        None => "None set".to_owned(),
    };
    let boards: Vec<String> = plan.board_meetings.iter().map(|d| long_date(*d)).collect();
    let rows = [
        ("Plan lead", if plan.lead.is_empty() { "Not named".to_owned() } else { plan.lead.clone() }),
        ("Plan submission deadline", deadline),
        ("Improvement board", if boards.is_empty() { "None set".to_owned() } else { boards.join(", ") }),
        ("Actions in this paper", plan.actions.to_string()),
    ];
    let header_rows = rows
        .iter()
        .map(|(label, value)| {
            TableRow::new(vec![
                cell(vec![bold_para(label)], HEADER_COLUMNS[0]).shading(fill(PANEL)),
                cell(vec![para(value)], HEADER_COLUMNS[1]),
            ])
        })
        .collect();
    doc = doc.add_table(table(header_rows, &HEADER_COLUMNS));

    if let Some(since) = plan.since {
        doc = doc.add_paragraph(heading_para(&format!("Since the last board (after {})", long_date(since)), 2));
        doc = if plan.changes.is_empty() {
            doc.add_paragraph(muted("No updates, status changes or revised dates since then."))
        } else {
            doc.add_table(since_table(&plan.changes))
        };
    }

    doc = doc.add_paragraph(heading_para("Recommendations and actions", 2));
    let mut any = false;
    for item in summary.items_of(&report.id).filter(|i| i.kind.is_action()) {
        any = true;
        doc = recommendation(doc, item);
    }
    if !any {
        doc = doc.add_paragraph(muted("No recommendations or priority actions in this paper."));
    }
    doc
}

fn since_table(changes: &[SinceEntry]) -> Table {
    let mut rows = vec![header_row(&["Date", "Ref", "Change", "By"], &SINCE_COLUMNS)];
    for change in changes {
        let mut what = vec![
            Paragraph::new()
                .add_run(Run::new().add_text(change.kind.label()).bold().size(SMALL))
                .add_run(Run::new().add_text(" ").size(SMALL))
                .add_run(text_run(&change.text).size(SMALL)),
        ];
        if !change.subject.is_empty() {
            what.push(small_muted(&change.subject));
        }
        rows.push(TableRow::new(vec![
            cell(vec![small(&short_date(change.date))], SINCE_COLUMNS[0]),
            cell(vec![small(&change.reference)], SINCE_COLUMNS[1]),
            cell(what, SINCE_COLUMNS[2]),
            cell(vec![small(change.author.as_deref().unwrap_or("Not recorded"))], SINCE_COLUMNS[3]),
        ]));
    }
    table(rows, &SINCE_COLUMNS)
}

/// A recommendation: heading with reference, kind and RAG; its text; its progress; then
/// the table of its actions, or "No action yet".
fn recommendation(mut doc: Docx, item: &ActionItem) -> Docx {
    let reference = item.plan_ref.as_deref().unwrap_or(&item.reference);
    let rag = item.rag.or(item.progress.as_ref().and_then(|p| p.worst_rag));
    let mut title = format!("{reference} · {}", item.kind.label());
    if let Some(rag) = rag {
        title.push_str(&format!(" · RAG {}", rag.label()));
    }
    doc = doc.add_paragraph(heading_para(&title, 3).keep_next(true));
    doc = doc.add_paragraph(para(&item.text).keep_next(true));
    for earlier in &item.raised_before {
        doc = doc.add_paragraph(labelled("Raised before", &earlier.summary()).keep_next(true));
        doc = doc.add_paragraph(small_muted(&format!("“{}”", super::shorten(&earlier.text, 240))).keep_next(true));
    }
    let mut facts = Vec::new();
    if let Some(progress) = &item.progress {
        facts.push(progress.summary());
        if let Some(next) = progress.next_due {
            facts.push(format!("next due {}", long_date(next)));
        }
    }
    if !item.owner.is_empty() {
        facts.push(format!("lead {}", item.owner));
    }
    if !facts.is_empty() {
        doc = doc.add_paragraph(muted(&facts.join(" · ")).keep_next(!item.actions.is_empty()));
    }
    if !item.planned_action.trim().is_empty() {
        doc = doc.add_paragraph(labelled("Planned action", &item.planned_action));
    }
    if item.has_no_action() {
        return doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(NO_ACTION_YET).italic().color(MUTED)));
    }
    if item.actions.is_empty() {
        return doc;
    }
    let mut rows =
        vec![header_row(&["Ref", "Action", "Lead", "Due", "Status and RAG", "Latest update"], &ACTION_COLUMNS)];
    rows.extend(item.actions.iter().map(action_row));
    doc.add_table(table(rows, &ACTION_COLUMNS))
}

fn action_row(action: &PlanAction) -> TableRow {
    let mut what = vec![small(&action.title)];
    if !action.measure.trim().is_empty() {
        what.push(small_labelled("Measure", &action.measure));
    }
    if !action.evidence.is_empty() {
        what.push(small_labelled("Evidence", &action.evidence.join("\n")));
    }
    if !action.cancel_reason.trim().is_empty() {
        what.push(small_labelled("Cancelled", &action.cancel_reason));
    }
    let mut due = vec![small(&action.due.map(short_date).unwrap_or_default())];
    if let Some(original) = action.original_due {
        due.push(small_muted(&format!("was {}", short_date(original))));
    }
    if action.is_overdue() {
        due.push(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!("{} overdue", plural(usize::try_from(action.days_overdue).unwrap_or(0), "day")))
                    .bold()
                    .color(LATE)
                    .size(SMALL),
            ),
        );
    }
    let mut status = vec![small(action.status.label())];
    if let Some(rag) = action.rag {
        status.push(rag_para(rag));
    }
    let update = match &action.latest_update {
        Some(u) => {
            let by = u.author.as_deref().map(|a| format!(", {a}")).unwrap_or_default();
            vec![small_muted(&format!("{}{by}", short_date(u.date))), small(&u.text)]
        }
        None => vec![small_muted("No update yet")],
    };
    TableRow::new(vec![
        cell(vec![small(&action.reference)], ACTION_COLUMNS[0]),
        cell(what, ACTION_COLUMNS[1]),
        cell(vec![small(&action.lead)], ACTION_COLUMNS[2]),
        cell(due, ACTION_COLUMNS[3]),
        cell(status, ACTION_COLUMNS[4]),
        cell(update, ACTION_COLUMNS[5]),
    ])
    .cant_split()
}

/// "RAG Amber" as a badge: the words on the RAG's colour, in the ink the palette gives
/// for text on it.
fn rag_para(rag: Rag) -> Paragraph {
    let fill_colour = rag.swatch().light;
    let ink = hex(palette::text_on(fill_colour));
    let badge = Run::new().add_text(format!("RAG {}", rag.label())).bold().size(SMALL).color(ink);
    Paragraph::new().add_run(badge.shading(fill(&hex(fill_colour))))
}

/// A palette colour `#RRGGBB` as Word writes it, `RRGGBB`.
fn hex(colour: &str) -> String {
    colour.trim_start_matches('#').to_ascii_uppercase()
}

fn fill(colour: &str) -> Shading {
    Shading::new().shd_type(ShdType::Clear).color("auto").fill(colour)
}

fn table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(60, 80, 60, 80))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

fn header_row(heads: &[&str], widths: &[usize]) -> TableRow {
    let cells = heads
        .iter()
        .zip(widths)
        .map(|(head, width)| {
            cell(vec![Paragraph::new().add_run(Run::new().add_text(*head).bold().size(SMALL).color("FFFFFF"))], *width)
                .shading(fill(BRAND))
        })
        .collect();
    TableRow::new(cells).cant_split()
}

fn heading_para(text: &str, level: usize) -> Paragraph {
    Paragraph::new().add_run(text_run(text)).style(&format!("Heading{level}")).keep_next(true)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text)).line_spacing(LineSpacing::new().after(80))
}

fn bold_para(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text).bold())
}

fn muted(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text).color(MUTED)).line_spacing(LineSpacing::new().after(80))
}

fn labelled(label: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold())
        .add_run(text_run(text))
        .line_spacing(LineSpacing::new().after(80))
}

fn small(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text).size(SMALL))
}

fn small_muted(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text).size(SMALL).color(MUTED))
}

fn small_labelled(label: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold().size(SMALL).color(MUTED))
        .add_run(text_run(text).size(SMALL))
}

/// A run of text whose line breaks become Word line breaks.
fn text_run(text: &str) -> Run {
    let text = xml_text(text);
    let mut run = Run::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end_matches('\r'));
    }
    run
}

/// Text with the characters XML 1.0 cannot hold removed (control characters other than
/// tab and line breaks, and the two non-characters U+FFFE and U+FFFF).
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_cannot_hold_control_characters() {
        assert_eq!(xml_text("a\u{1}b\u{7f}c\u{FFFF}\n\td"), "abc\n\td");
        assert_eq!(hex("#ffbf47"), "FFBF47");
    }
}
