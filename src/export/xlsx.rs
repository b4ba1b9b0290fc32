//! The action summary as an Excel workbook (rust_xlsxwriter): an "Action plan" sheet
//! (each recommendation in bold, its actions on the rows below it with the recommendation's
//! text repeated on one muted line for filters; frozen header, autofilter, wrapped text,
//! real dates, RAG, status and overdue shown by conditional formatting, a drop-down list
//! for status, landscape print set-up), a "Summary" sheet of count tables and judgements,
//! and a "Findings" sheet with every finding. Text is only ever written as string cells,
//! never as formulas; text a spreadsheet could mistake for a formula also gets Excel's
//! quote-prefix style.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatFormula, ConditionalFormatText,
    ConditionalFormatTextRule, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError, utility::column_number_to_name,
};

use super::summary::{ActionSummary, Counts};
use super::{COLUMN_COUNT, COLUMNS, Cell, ExportError, PlanRow, is_formula_like};
use crate::model::{Date, Rag, Status, palette};

/// Excel's limit on the length of a cell's text.
const MAX_CELL_CHARS: usize = 32_767;
const FONT: &str = "Arial";
const FONT_SIZE: f64 = 10.0;
const BRAND: u32 = 0x003078;
const RULE: u32 = 0xB1B4B6;

/// Column widths (in characters) of the action plan, in [`COLUMNS`] order.
const WIDTHS: [f64; COLUMN_COUNT] = [
    12.0, 14.0, 48.0, 40.0, 18.0, 11.5, 11.5, 11.5, 11.5, 14.0, 8.0, 8.5, 16.0, 30.0, 34.0, 11.5, 14.0, 36.0, 30.0,
    20.0, 24.0, 18.0, 36.0, 10.0, 22.0, 22.0, 14.0, 11.5, 24.0, 22.0, 10.0, 18.0, 18.0, 18.0,
];

/// Indexes into [`COLUMNS`] that formatting refers to.
mod col {
    pub const REFERENCE: u16 = 0;
    pub const TEXT: u16 = 2;
    pub const DUE: u16 = 6;
    pub const ORIGINAL_DUE: u16 = 7;
    pub const SUGGESTED: u16 = 8;
    pub const STATUS: u16 = 9;
    pub const RAG: u16 = 10;
    pub const OVERDUE: u16 = 11;
    /// The last column of the printed page ("Raised before"); the rest stay on screen.
    pub const LAST_PRINTED: u16 = 17;
    pub const IMPORTANT: u16 = 23;
}

/// Points per line of 10-point Arial, for row heights.
pub(super) const LINE_HEIGHT: f64 = 12.75;

/// How many lines `text` takes in a wrapped column `width` characters wide. Spreadsheets
/// do not all fit row heights to wrapped text on opening (LibreOffice does not), so the
/// export sets them from this estimate.
pub(super) fn line_count(text: &str, width: f64) -> usize {
    // A column's width is counted in "0" digits; average text in Arial is a little narrower.
    let per_line = ((width - 1.0) * 1.25).max(4.0) as usize;
    text.split('\n').map(|line| line.chars().count().div_ceil(per_line).max(1)).sum::<usize>().max(1)
}

fn fit_row(sheet: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        // Excel's tallest row is 409 points.
        sheet.set_row_height(row, (lines as f64 * LINE_HEIGHT + 3.0).min(409.0))?;
    }
    Ok(())
}

/// The cell formats used across the workbook.
struct Styles {
    header: Format,
    text: Format,
    text_quoted: Format,
    /// A recommendation's reference and text, heading its actions.
    head: Format,
    head_quoted: Format,
    /// The recommendation's text repeated on its actions' rows: one line, muted.
    context: Format,
    context_quoted: Format,
    /// An action's reference, set in under its recommendation's.
    action_ref: Format,
    centred: Format,
    date: Format,
    suggested: Format,
    number: Format,
    title: Format,
    heading: Format,
    label: Format,
    total_label: Format,
    total_number: Format,
    plain_date: Format,
    figure: Format,
}

impl Styles {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(FONT_SIZE)
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin)
            .set_border_bottom_color(Color::RGB(RULE));
        let text = base.clone().set_text_wrap();
        Styles {
            header: Format::new()
                .set_font_name(FONT)
                .set_font_size(FONT_SIZE)
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(BRAND))
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0x1D70B8)),
            text_quoted: text.clone().set_quote_prefix(),
            head: text.clone().set_bold(),
            head_quoted: text.clone().set_bold().set_quote_prefix(),
            context: base.clone().set_font_color(Color::RGB(0x505A5F)),
            context_quoted: base.clone().set_font_color(Color::RGB(0x505A5F)).set_quote_prefix(),
            action_ref: base.clone().set_indent(1),
            text,
            centred: base.clone().set_align(FormatAlign::Center),
            date: base.clone().set_num_format("d mmm yyyy").set_align(FormatAlign::Left),
            suggested: base
                .clone()
                .set_num_format("d mmm yyyy")
                .set_align(FormatAlign::Left)
                .set_italic()
                .set_font_color(Color::RGB(0x505A5F)),
            number: base.clone().set_align(FormatAlign::Right).set_indent(1),
            title: Format::new().set_font_name(FONT).set_font_size(18).set_bold().set_font_color(Color::RGB(BRAND)),
            heading: Format::new()
                .set_font_name(FONT)
                .set_font_size(12)
                .set_bold()
                .set_font_color(Color::RGB(BRAND))
                .set_border_bottom(FormatBorder::Medium)
                .set_border_bottom_color(Color::RGB(BRAND)),
            label: Format::new().set_font_name(FONT).set_font_size(FONT_SIZE).set_bold(),
            total_label: base.clone().set_bold().set_border_top(FormatBorder::Thin),
            total_number: base.clone().set_bold().set_border_top(FormatBorder::Thin).set_indent(1),
            figure: Format::new().set_font_name(FONT).set_font_size(FONT_SIZE).set_align(FormatAlign::Left),
            plain_date: Format::new()
                .set_font_name(FONT)
                .set_font_size(FONT_SIZE)
                .set_num_format("d mmmm yyyy")
                .set_align(FormatAlign::Left),
        }
    }
}

/// The action summary as the bytes of an `.xlsx` file.
pub fn render_xlsx(summary: &ActionSummary) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(format!("Action plan – {}", summary.workspace_name))
        .set_subject("Inspection action plan")
        .set_author("inspection-tracker");
    if let Some(created) = summary.generated.and_hms_opt(0, 0, 0) {
        properties = properties.set_creation_datetime(&excel_datetime(created.date()).unwrap_or_default());
    }
    workbook.set_properties(&properties);

    let plan = workbook.add_worksheet();
    plan.set_name("Action plan")?;
    let plan_rows = items_sheet(plan, PlanRow::all(&summary.items), &styles, summary, "Action plan")?;

    let sheet = workbook.add_worksheet();
    sheet.set_name("Summary")?;
    let (first, last) = summary_sheet(sheet, summary, &styles)?;

    // The status drop-down on the plan lists the labels from the Summary sheet's status
    // key: a literal list cannot hold "Complete, awaiting evidence", as commas separate
    // its entries.
    if plan_rows > 0 {
        let source = Formula::new(format!("=Summary!$A${}:$A${}", first + 1, last + 1));
        let validation = DataValidation::new()
            .allow_list_formula(source)
            .set_error_title("Status")?
            .set_error_message("Choose a status from the list.")?
            .set_error_style(DataValidationErrorStyle::Warning);
        let last_item = row_num(plan_rows);
        workbook.worksheet_from_name("Action plan")?.add_data_validation(
            1,
            col::STATUS,
            last_item,
            col::STATUS,
            &validation,
        )?;
    }

    let findings = workbook.add_worksheet();
    findings.set_name("Findings")?;
    items_sheet(findings, summary.findings.iter().map(PlanRow::Item), &styles, summary, "Findings")?;

    Ok(workbook.save_to_buffer()?)
}

fn row_num(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn excel_datetime(date: Date) -> Option<ExcelDateTime> {
    use chrono::Datelike as _;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, u8::try_from(date.month()).ok()?, u8::try_from(date.day()).ok()?).ok()
}

/// Writes text as a string cell (never a formula), cut to Excel's limit; returns the
/// lines it takes in a column `width` characters wide.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    styles: &Styles,
    width: f64,
) -> Result<usize, XlsxError> {
    write_styled(sheet, row, col, text, (&styles.text, &styles.text_quoted), width)
}

/// [`write_text`] in a chosen pair of formats: plain, and with the quote prefix for text
/// a spreadsheet could take for a formula.
fn write_styled(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    (plain, quoted): (&Format, &Format),
    width: f64,
) -> Result<usize, XlsxError> {
    let text = if text.chars().count() > MAX_CELL_CHARS {
        let mut cut: String = text.chars().take(MAX_CELL_CHARS - 20).collect();
        cut.push_str(" … (truncated)");
        std::borrow::Cow::Owned(cut)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let format = if is_formula_like(&text) { quoted } else { plain };
    sheet.write_string_with_format(row, col, text.as_ref(), format)?;
    Ok(line_count(&text, width))
}

fn write_date(sheet: &mut Worksheet, row: u32, col: u16, date: Option<Date>, format: &Format) -> Result<(), XlsxError> {
    match date {
        Some(d) => match excel_datetime(d) {
            Some(value) => sheet.write_datetime_with_format(row, col, &value, format)?,
            // Before 1900 Excel has no dates: keep the text.
            None => sheet.write_string_with_format(row, col, d.format("%Y-%m-%d").to_string(), format)?,
        },
        None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Writes a sheet of plan rows; returns how many rows it wrote below the header.
fn items_sheet<'a>(
    sheet: &mut Worksheet,
    rows: impl Iterator<Item = PlanRow<'a>>,
    styles: &Styles,
    summary: &ActionSummary,
    title: &str,
) -> Result<usize, ExportError> {
    for (c, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, *name, &styles.header)?;
        sheet.set_column_width(c, width)?;
    }
    sheet.set_row_height(0, 30)?;
    let mut count = 0;
    for (index, plan_row) in rows.enumerate() {
        count += 1;
        let row = row_num(index + 1);
        let mut lines = 1;
        let is_action = matches!(plan_row, PlanRow::Action(..));
        let heads_plan = matches!(plan_row, PlanRow::Item(item) if item.kind.is_action());
        for (c, (cell, width)) in plan_row.cells().into_iter().zip(WIDTHS).enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(text) if c == col::RAG || c == col::IMPORTANT => {
                    sheet.write_string_with_format(row, c, text, &styles.centred)?;
                }
                // The recommendation's text on its actions' rows is there for filters
                // and sorting; shown on one line, so it does not make every row tall.
                Cell::Text(text) if is_action && c == col::TEXT => {
                    write_styled(sheet, row, c, text, (&styles.context, &styles.context_quoted), width)?;
                }
                Cell::Text(text) if is_action && c == col::REFERENCE => {
                    write_styled(sheet, row, c, text, (&styles.action_ref, &styles.text_quoted), width)?;
                }
                Cell::Text(text) if heads_plan && (c == col::REFERENCE || c == col::TEXT) => {
                    lines = lines.max(write_styled(sheet, row, c, text, (&styles.head, &styles.head_quoted), width)?);
                }
                Cell::Text(text) => lines = lines.max(write_text(sheet, row, c, text, styles, width)?),
                Cell::Owned(text) => lines = lines.max(write_text(sheet, row, c, &text, styles, width)?),
                Cell::Date(date) => {
                    let format =
                        if c == col::SUGGESTED || c == col::ORIGINAL_DUE { &styles.suggested } else { &styles.date };
                    write_date(sheet, row, c, date, format)?;
                }
                Cell::Count(0) => {
                    sheet.write_blank(row, c, &styles.number)?;
                }
                Cell::Count(n) => {
                    // Day counts are far below 2^53, so the conversion is exact.
                    sheet.write_number_with_format(row, c, n as f64, &styles.number)?;
                }
            }
        }
        fit_row(sheet, row, lines)?;
    }
    let last_row = row_num(count.max(1));
    let last_col = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, row_num(count), last_col)?;
    conditional_formats(sheet, last_row)?;

    // The printed page holds the board's columns, one page wide on A3 landscape (the usual
    // size for action plans); at A4 the text would shrink below a readable size.
    sheet.set_landscape();
    sheet.set_paper_size(8);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_area(0, 0, row_num(count), col::LAST_PRINTED)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_header(format!(
        "&L&\"{FONT},Bold\"{} – {}&R{}",
        header_text(title),
        header_text(&summary.workspace_name),
        summary.generated.format("%-d %B %Y")
    ));
    sheet.set_footer("&LProduced by inspection-tracker&RPage &P of &N");
    Ok(count)
}

/// Text for a page header: `&` starts a code there, so it is doubled.
fn header_text(text: &str) -> String {
    text.replace('&', "&&")
}

fn conditional_formats(sheet: &mut Worksheet, last_row: u32) -> Result<(), XlsxError> {
    let fill_format =
        |bg: u32, fg: u32| Format::new().set_background_color(Color::RGB(bg)).set_font_color(Color::RGB(fg)).set_bold();
    // Badge colours from the model's palette, as on screen and in HTML.
    let swatch_format = |fill: &str| {
        let rgb = |hex: &str| {
            crate::model::Colour(hex.to_owned()).rgb().map_or(0, |[r, g, b]| u32::from_be_bytes([0, r, g, b]))
        };
        fill_format(rgb(fill), rgb(palette::text_on(fill)))
    };
    for rag in Rag::ALL {
        let rule = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::BeginsWith(rag.label().to_owned()))
            .set_format(swatch_format(rag.swatch().light));
        sheet.add_conditional_format(1, col::RAG, last_row, col::RAG, &rule)?;
    }
    for status in Status::ALL {
        let rule = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::BeginsWith(status.label().to_owned()))
            .set_format(swatch_format(status.swatch().light));
        sheet.add_conditional_format(1, col::STATUS, last_row, col::STATUS, &rule)?;
    }
    let overdue = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(fill_format(0xFFC7CE, 0x9C0006));
    sheet.add_conditional_format(1, col::OVERDUE, last_row, col::OVERDUE, &overdue)?;
    let overdue_column = column_number_to_name(col::OVERDUE);
    let late_due = ConditionalFormatFormula::new()
        .set_rule(format!("=${overdue_column}2>0").as_str())
        .set_format(Format::new().set_font_color(Color::RGB(0x9C0006)).set_bold());
    sheet.add_conditional_format(1, col::DUE, last_row, col::DUE, &late_due)?;
    Ok(())
}

/// Column widths of the summary sheet.
const SUMMARY_WIDTHS: [f64; 11] = [46.0, 40.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0];

/// Writes the summary sheet; returns the first and last row of the status key's labels.
fn summary_sheet(sheet: &mut Worksheet, summary: &ActionSummary, styles: &Styles) -> Result<(u32, u32), ExportError> {
    for (c, width) in SUMMARY_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col_num(c), *width)?;
    }
    let mut row = 0u32;
    sheet.write_string_with_format(row, 0, "Action plan summary", &styles.title)?;
    sheet.set_row_height(row, 26)?;
    row += 2;
    sheet.write_string_with_format(row, 0, "Workspace", &styles.label)?;
    sheet.write_string(row, 1, summary.workspace_name.as_str())?;
    row += 1;
    sheet.write_string_with_format(row, 0, "Generated", &styles.label)?;
    write_date(sheet, row, 1, Some(summary.generated), &styles.plain_date)?;
    row += 1;
    sheet.write_string_with_format(row, 0, "Items in the action plan", &styles.label)?;
    sheet.write_number_with_format(row, 1, summary.totals.items as f64, &styles.figure)?;
    row += 1;
    sheet.write_string_with_format(row, 0, "Overdue", &styles.label)?;
    sheet.write_number_with_format(row, 1, summary.totals.overdue as f64, &styles.figure)?;
    row += 2;

    // The reports.
    row = table_heading(sheet, row, "Reports", styles)?;
    row = header_row(
        sheet,
        row,
        &["Report", "Kind", "Date", "Overall effectiveness", "Suggested action plan due date", "Report ID"],
        styles,
    )?;
    for report in &summary.reports {
        let mut lines = 1;
        lines = lines.max(write_text(sheet, row, 0, &report.name, styles, SUMMARY_WIDTHS[0])?);
        lines = lines.max(write_text(sheet, row, 1, report.kind.label(), styles, SUMMARY_WIDTHS[1])?);
        write_date(sheet, row, 2, report.date, &styles.date)?;
        lines = lines.max(write_text(
            sheet,
            row,
            3,
            report.overall_judgement.map_or("", |g| g.label()),
            styles,
            SUMMARY_WIDTHS[3],
        )?);
        write_date(sheet, row, 4, report.suggested_due_date, &styles.date)?;
        lines = lines.max(write_text(sheet, row, 5, &report.id.0, styles, SUMMARY_WIDTHS[5])?);
        fit_row(sheet, row, lines)?;
        row += 1;
    }
    row += 1;

    // Counts by status.
    row = table_heading(sheet, row, "Items by status", styles)?;
    let mut heads = vec!["Report", "Items"];
    heads.extend(Status::ALL.iter().map(|s| s.label()));
    heads.push("Overdue");
    row = header_row(sheet, row, &heads, styles)?;
    for report in &summary.reports {
        row = status_row(sheet, row, &report.name, &report.counts, styles, false)?;
    }
    row = status_row(sheet, row, "Total", &summary.totals, styles, true)?;
    row += 1;

    // Counts by RAG.
    row = table_heading(sheet, row, "Items by RAG", styles)?;
    row = header_row(sheet, row, &["Report", "Red", "Amber", "Green", "Blue", "Not set"], styles)?;
    for (name, counts, total) in
        summary.reports.iter().map(|r| (r.name.as_str(), &r.counts, false)).chain([("Total", &summary.totals, true)])
    {
        let (label, number) =
            if total { (&styles.total_label, &styles.total_number) } else { (&styles.text, &styles.number) };
        sheet.write_string_with_format(row, 0, name, label)?;
        for (c, (_, n)) in counts.by_rag.iter().enumerate() {
            sheet.write_number_with_format(row, col_num(c + 1), *n as f64, number)?;
        }
        row += 1;
    }
    row += 1;

    // Counts by category, per report.
    row = table_heading(sheet, row, "Items by category", styles)?;
    let mut heads = vec!["Report", "Category", "Items", "Overdue"];
    heads.extend(Status::ALL.iter().map(|s| s.label()));
    row = header_row(sheet, row, &heads, styles)?;
    for report in &summary.reports {
        for category in &report.counts.by_category {
            let mut lines = 1;
            lines = lines.max(write_text(sheet, row, 0, &report.name, styles, SUMMARY_WIDTHS[0])?);
            lines = lines.max(write_text(sheet, row, 1, &category.label, styles, SUMMARY_WIDTHS[1])?);
            sheet.write_number_with_format(row, 2, category.total as f64, &styles.number)?;
            sheet.write_number_with_format(row, 3, category.overdue as f64, &styles.number)?;
            for (c, (_, n)) in category.by_status.iter().enumerate() {
                sheet.write_number_with_format(row, col_num(c + 4), *n as f64, &styles.number)?;
            }
            fit_row(sheet, row, lines)?;
            row += 1;
        }
    }
    row += 1;

    // Overdue items.
    row = table_heading(sheet, row, "Overdue items", styles)?;
    let overdue = summary.overdue_items();
    if overdue.is_empty() {
        sheet.write_string(row, 0, "No item is overdue.")?;
        row += 1;
    } else {
        row = header_row(
            sheet,
            row,
            &["Reference", "Finding", "Owner or lead", "Due date", "Days overdue", "Status", "RAG"],
            styles,
        )?;
        for (item, late) in overdue {
            let mut lines = 1;
            lines = lines.max(write_text(sheet, row, 0, &item.reference, styles, SUMMARY_WIDTHS[0])?);
            lines = lines.max(write_text(sheet, row, 1, &item.text, styles, SUMMARY_WIDTHS[1])?);
            lines = lines.max(write_text(sheet, row, 2, late.who, styles, SUMMARY_WIDTHS[2])?);
            write_date(sheet, row, 3, late.due, &styles.date)?;
            sheet.write_number_with_format(row, 4, late.days as f64, &styles.number)?;
            lines = lines.max(write_text(sheet, row, 5, item.status.label(), styles, SUMMARY_WIDTHS[5])?);
            lines =
                lines.max(write_text(sheet, row, 6, item.rag.map_or("", |r| r.label()), styles, SUMMARY_WIDTHS[6])?);
            fit_row(sheet, row, lines)?;
            row += 1;
        }
    }
    row += 1;

    // Judgements.
    row = table_heading(sheet, row, "Judgements", styles)?;
    row = header_row(sheet, row, &["Report", "Area", "Grade"], styles)?;
    for report in &summary.reports {
        if let Some(grade) = report.overall_judgement {
            let mut lines = 1;
            lines = lines.max(write_text(sheet, row, 0, &report.name, styles, SUMMARY_WIDTHS[0])?);
            lines = lines.max(write_text(sheet, row, 1, "Overall effectiveness", styles, SUMMARY_WIDTHS[1])?);
            lines = lines.max(write_text(sheet, row, 2, grade.label(), styles, SUMMARY_WIDTHS[2])?);
            fit_row(sheet, row, lines)?;
            row += 1;
        }
        for j in &report.judgements {
            let mut lines = 1;
            lines = lines.max(write_text(sheet, row, 0, &report.name, styles, SUMMARY_WIDTHS[0])?);
            lines = lines.max(write_text(sheet, row, 1, &j.area, styles, SUMMARY_WIDTHS[1])?);
            lines = lines.max(write_text(sheet, row, 2, j.grade.label(), styles, SUMMARY_WIDTHS[2])?);
            fit_row(sheet, row, lines)?;
            row += 1;
        }
    }

    row += 1;

    // What each status means; the plan's status drop-down lists these labels.
    row = table_heading(sheet, row, "Statuses", styles)?;
    row = header_row(sheet, row, &["Status", "Meaning"], styles)?;
    let first_status = row;
    for status in Status::ALL {
        write_text(sheet, row, 0, status.label(), styles, SUMMARY_WIDTHS[0])?;
        write_text(sheet, row, 1, status_meaning(*status), styles, SUMMARY_WIDTHS[1])?;
        row += 1;
    }
    let last_status = row - 1;

    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!("&L&\"{FONT},Bold\"Summary – {}", header_text(&summary.workspace_name)));
    sheet.set_footer("&LProduced by inspection-tracker&RPage &P of &N");
    Ok((first_status, last_status))
}

fn status_meaning(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "No work has started",
        Status::InProgress => "Work is under way",
        Status::AwaitingEvidence => "The work is done; evidence is awaited",
        Status::Verified => "Done, with the evidence checked",
        Status::Closed => "Closed by the improvement board",
        Status::OnHold => "Paused on purpose",
        Status::Cancelled => "Dropped, with the reason recorded",
    }
}

fn col_num(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn table_heading(sheet: &mut Worksheet, row: u32, text: &str, styles: &Styles) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(row, 0, text, &styles.heading)?;
    sheet.set_row_height(row, 20)?;
    Ok(row + 1)
}

fn header_row(sheet: &mut Worksheet, row: u32, heads: &[&str], styles: &Styles) -> Result<u32, XlsxError> {
    for (c, head) in heads.iter().enumerate() {
        sheet.write_string_with_format(row, col_num(c), *head, &styles.header)?;
    }
    sheet.set_row_height(row, 30)?;
    Ok(row + 1)
}

fn status_row(
    sheet: &mut Worksheet,
    row: u32,
    name: &str,
    counts: &Counts,
    styles: &Styles,
    total: bool,
) -> Result<u32, XlsxError> {
    let (label, number) =
        if total { (&styles.total_label, &styles.total_number) } else { (&styles.text, &styles.number) };
    sheet.write_string_with_format(row, 0, name, label)?;
    sheet.write_number_with_format(row, 1, counts.items as f64, number)?;
    for (c, (_, n)) in counts.by_status.iter().enumerate() {
        sheet.write_number_with_format(row, col_num(c + 2), *n as f64, number)?;
    }
    sheet.write_number_with_format(row, col_num(counts.by_status.len() + 2), counts.overdue as f64, number)?;
    Ok(row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_indexes_match_the_headings() {
        assert_eq!(WIDTHS.len(), COLUMNS.len());
        assert_eq!(COLUMNS[usize::from(col::REFERENCE)], "Reference");
        assert_eq!(COLUMNS[usize::from(col::TEXT)], "Recommendation or finding");
        assert_eq!(COLUMNS[usize::from(col::ORIGINAL_DUE)], "Original due date");
        assert_eq!(COLUMNS[usize::from(col::DUE)], "Due date");
        assert_eq!(COLUMNS[usize::from(col::SUGGESTED)], "Suggested due date");
        assert_eq!(COLUMNS[usize::from(col::STATUS)], "Status");
        assert_eq!(COLUMNS[usize::from(col::RAG)], "RAG");
        assert_eq!(COLUMNS[usize::from(col::OVERDUE)], "Days overdue");
        assert_eq!(COLUMNS[usize::from(col::LAST_PRINTED)], "Raised before");
        assert_eq!(COLUMNS[usize::from(col::IMPORTANT)], "Important");
    }

    #[test]
    fn line_count_follows_breaks_and_width() {
        assert_eq!(line_count("", 20.0), 1);
        assert_eq!(line_count("short", 20.0), 1);
        assert_eq!(line_count("a\nb\nc", 20.0), 3);
        assert_eq!(line_count(&"x".repeat(100), 9.0), 10);
    }
}
