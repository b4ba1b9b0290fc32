//! The national summary workbook (`insights --format xlsx`): an "Authorities" sheet with
//! one row per authority (its latest full inspection's date and grades, coloured from the
//! one grade palette, `model::palette`, with the grade written out too, and its latest
//! focused visit and JTAI), a "Repeats" sheet of recommendations raised before, a
//! "Themes" sheet of recommendation counts by category and overall grade, and a "Grades"
//! sheet of inspections by year and region. Text goes in as string cells only, never as
//! formulas, as in the action plan workbook.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::ExportError;
use super::xlsx::{LINE_HEIGHT, line_count};
use crate::insights::Insights;
use crate::model::{Date, Grade, palette};
use crate::workspace::{FindingRef, Workspace};

const FONT: &str = "Arial";
const BRAND: u32 = 0x003078;

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10).set_align(FormatAlign::Top)
}

fn header() -> Format {
    base().set_bold().set_font_color(Color::White).set_background_color(Color::RGB(BRAND)).set_text_wrap()
}

fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xFFFFFF))
}

/// The cell format of a grade: its palette colour, the text black or white.
fn grade_format(grade: Grade) -> Format {
    let fill = grade.swatch().light;
    base()
        .set_background_color(rgb(fill))
        .set_font_color(rgb(palette::text_on(fill)))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::White)
}

fn write_date(sheet: &mut Worksheet, row: u32, col: u16, date: Option<Date>) -> Result<(), XlsxError> {
    use chrono::Datelike as _;
    let Some(d) = date else { return Ok(()) };
    let format = base().set_num_format("d mmm yyyy").set_align(FormatAlign::Left);
    match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
        Ok(value) => sheet.write_datetime_with_format(row, col, &value, &format).map(|_| ()),
        Err(_) => sheet.write_string_with_format(row, col, d.to_string(), &format).map(|_| ()),
    }
}

fn write_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    let format = if super::is_formula_like(text) { format.clone().set_quote_prefix() } else { format.clone() };
    sheet.write_string_with_format(row, col, text, &format)?;
    Ok(())
}

fn write_grade(sheet: &mut Worksheet, row: u32, col: u16, grade: Option<Grade>) -> Result<(), XlsxError> {
    match grade {
        Some(g) => sheet.write_string_with_format(row, col, g.label(), &grade_format(g)).map(|_| ()),
        None => Ok(()),
    }
}

/// Spreadsheets do not all fit row heights to wrapped text on opening (LibreOffice does
/// not), so rows get the height of their tallest wrapped cell, as in the action plan.
fn fit_row(sheet: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells.iter().map(|(text, width)| line_count(text, *width)).max().unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, (lines as f64 * LINE_HEIGHT + 3.0).min(409.0))?;
    }
    Ok(())
}

fn write_header(sheet: &mut Worksheet, columns: &[(&str, f64)]) -> Result<(), XlsxError> {
    for (col, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header())?;
        sheet.set_column_width(col as u16, *width)?;
    }
    // Bold headings run wider than the estimate: one line more.
    let lines = columns.iter().map(|(text, width)| line_count(text, *width)).max().unwrap_or(1) + 1;
    sheet.set_row_height(0, (lines as f64 * LINE_HEIGHT + 3.0).min(409.0))?;
    sheet.set_freeze_panes(1, 0)?;
    // Printed, each sheet is as wide as a landscape page, as long as it needs.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The judgement areas of the authorities' latest full inspections, in the order they
/// first appear: one column each.
fn areas(insights: &Insights) -> Vec<String> {
    let mut areas: Vec<String> = Vec::new();
    for j in insights.authorities.iter().filter_map(|a| a.latest_full_inspection()).flat_map(|r| &r.judgements) {
        if !areas.contains(&j.area) {
            areas.push(j.area.clone());
        }
    }
    areas
}

/// Renders the national summary workbook of `insights`, computed from `ws`.
pub fn render_insights_xlsx(insights: &Insights, ws: &Workspace) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let areas = areas(insights);

    let sheet = workbook.add_worksheet().set_name("Authorities")?;
    let mut columns: Vec<(&str, f64)> = vec![
        ("Code", 7.0),
        ("Authority", 24.0),
        ("Region", 20.0),
        ("Type", 18.0),
        ("Reports", 8.0),
        ("Latest full inspection", 14.0),
        ("Overall effectiveness", 16.0),
    ];
    columns.extend(areas.iter().map(|a| (a.as_str(), 16.0)));
    columns.extend([("Latest focused visit", 14.0), ("Latest JTAI", 14.0), ("Repeats", 8.0)]);
    write_header(sheet, &columns)?;
    for (i, a) in insights.authorities.iter().enumerate() {
        let row = i as u32 + 1;
        write_text(sheet, row, 0, &a.code().0, &base())?;
        write_text(sheet, row, 1, &a.authority.name, &base())?;
        write_text(sheet, row, 2, a.authority.region.label(), &base())?;
        write_text(sheet, row, 3, a.authority.kind.label(), &base())?;
        sheet.write_number_with_format(row, 4, a.reports.len() as f64, &base())?;
        let latest = a.latest_full_inspection();
        write_date(sheet, row, 5, latest.and_then(|r| r.visit_end))?;
        write_grade(sheet, row, 6, latest.and_then(|r| r.overall_judgement))?;
        for (k, area) in areas.iter().enumerate() {
            let grade = latest.and_then(|r| r.judgements.iter().find(|j| &j.area == area)).map(|j| j.grade);
            write_grade(sheet, row, 7 + k as u16, grade)?;
        }
        let next = 7 + areas.len() as u16;
        write_date(sheet, row, next, a.latest_focused_visit().and_then(|r| r.visit_end))?;
        write_date(sheet, row, next + 1, a.latest_jtai().and_then(|r| r.visit_end))?;
        let repeats = insights.repeats.iter().filter(|r| &r.authority == a.code()).count();
        sheet.write_number_with_format(row, next + 2, repeats as f64, &base())?;
    }
    if !insights.authorities.is_empty() {
        sheet.autofilter(0, 0, insights.authorities.len() as u32, columns.len() as u16 - 1)?;
    }

    let sheet = workbook.add_worksheet().set_name("Repeats")?;
    write_header(
        sheet,
        &[
            ("Authority", 20.0),
            ("Report", 38.0),
            ("Recommendation", 60.0),
            ("Raised before in", 38.0),
            ("Earlier recommendation", 60.0),
            ("Similarity", 10.0),
        ],
    )?;
    let text = |r: &FindingRef| ws.finding(r).map(|(_, f)| f.text.as_str()).unwrap_or_default();
    let wrapped = base().set_text_wrap();
    for (i, r) in insights.repeats.iter().enumerate() {
        let row = i as u32 + 1;
        let name = insights.authority(&r.authority.0).map_or(r.authority.0.as_str(), |a| a.authority.name.as_str());
        write_text(sheet, row, 0, name, &base())?;
        write_text(sheet, row, 1, &ws.report(&r.later.report).map(|x| x.display_name()).unwrap_or_default(), &base())?;
        write_text(sheet, row, 2, text(&r.later), &wrapped)?;
        write_text(
            sheet,
            row,
            3,
            &ws.report(&r.earlier.report).map(|x| x.display_name()).unwrap_or_default(),
            &base(),
        )?;
        write_text(sheet, row, 4, text(&r.earlier), &wrapped)?;
        fit_row(sheet, row, &[(text(&r.later), 60.0), (text(&r.earlier), 60.0)])?;
        sheet.write_number_with_format(row, 5, (f64::from(r.similarity) * 100.0).round() / 100.0, &base())?;
    }

    let sheet = workbook.add_worksheet().set_name("Themes")?;
    write_header(sheet, &[("Overall grade", 22.0), ("Category", 36.0), ("Recommendations", 16.0)])?;
    for (i, t) in insights.themes.iter().enumerate() {
        let row = i as u32 + 1;
        match t.overall_grade {
            Some(g) => write_grade(sheet, row, 0, Some(g))?,
            None => write_text(sheet, row, 0, "No overall grade", &base())?,
        }
        write_text(sheet, row, 1, ws.taxonomy.label(&t.category), &base())?;
        sheet.write_number_with_format(row, 2, t.count as f64, &base())?;
    }

    let sheet = workbook.add_worksheet().set_name("Grades")?;
    write_header(sheet, &[("Year", 8.0), ("Region", 24.0), ("Overall grade", 22.0), ("Inspections", 12.0)])?;
    for (i, c) in insights.grade_counts.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number_with_format(row, 0, f64::from(c.year), &base())?;
        write_text(sheet, row, 1, c.region.label(), &base())?;
        match c.overall_grade {
            Some(g) => write_grade(sheet, row, 2, Some(g))?,
            None => write_text(sheet, row, 2, "No overall grade", &base())?,
        }
        sheet.write_number_with_format(row, 3, c.count as f64, &base())?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Renders the workbook and writes it to `path` atomically.
pub fn write_insights_xlsx(insights: &Insights, ws: &Workspace, path: &std::path::Path) -> Result<(), ExportError> {
    let bytes = render_insights_xlsx(insights, ws)?;
    super::write_atomically(path, &bytes)
}
