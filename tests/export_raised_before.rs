//! "Raised before" in the plan exports, on real reports: Norfolk's 2015 inspection asks
//! again for what its 2013 one asked (permanence plans for children in care, a pair
//! labelled "similar" by hand in `tests/fixtures/similarity/pairs.csv`), and every format
//! says so on the later recommendation: "Repeats R5 of the 2013 full inspection (..% alike)".

#![allow(clippy::unwrap_used)]

mod norfolk_common;

use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use inspection_tracker::export::{
    ActionSummary, COLUMNS, ExportOptions, render_csv, render_docx, render_html, render_markdown, render_xlsx,
};
use inspection_tracker::model::Date;
use inspection_tracker::workspace::{FindingRef, Workspace};
use norfolk_common::{FILES, norfolk_workspace, recommendation};

const LATER: &str = "Ensure that permanence plans are identified by children’s second";
const EARLIER: &str = "review and implement care plans and specifically address the";

fn today() -> Date {
    Date::from_ymd_opt(2026, 1, 5).unwrap()
}

fn pair(ws: &Workspace) -> (FindingRef, FindingRef) {
    (recommendation(ws, FILES[1], LATER), recommendation(ws, FILES[0], EARLIER))
}

fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// The one line every format must hold for the pair.
fn expected_line(summary: &ActionSummary, later: &FindingRef) -> String {
    let item = summary.items.iter().find(|i| i.report == later.report && i.finding == later.finding).unwrap();
    let line = item.raised_before_text();
    assert!(line.starts_with("Repeats R5 of the 2013 full inspection ("), "{line}");
    assert!(line.ends_with("% alike)"), "{line}");
    line
}

#[test]
fn the_later_recommendation_names_the_earlier_one() {
    let ws = norfolk_workspace();
    let (later, earlier) = pair(&ws);
    let s = ActionSummary::build(&ws, &ExportOptions::default(), today(), "norfolk");
    let item = s.items.iter().find(|i| i.report == later.report && i.finding == later.finding).unwrap();
    let raised: Vec<_> = item.raised_before.iter().filter(|e| e.finding == earlier.finding).collect();
    assert_eq!(raised.len(), 1, "{:?}", item.raised_before);
    assert_eq!(raised[0].report, earlier.report);
    assert_eq!(raised[0].label, "R5 of the 2013 full inspection");
    assert!(raised[0].text.starts_with("review and implement care plans"), "{}", raised[0].text);
    assert!((22..=100).contains(&raised[0].percent), "at or above the threshold: {}", raised[0].percent);
    // Nothing of the earlier report repeats anything: nothing came before it.
    assert!(s.items.iter().filter(|i| i.report == earlier.report).all(|i| i.raised_before.is_empty()));
}

#[test]
fn only_the_exported_reports_recommendations_are_looked_up() {
    let ws = norfolk_workspace();
    let (later, earlier) = pair(&ws);
    let only =
        |id: &inspection_tracker::model::ReportId| ExportOptions { reports: vec![id.clone()], ..Default::default() };
    let later_only = ActionSummary::build(&ws, &only(&later.report), today(), "n");
    // The earlier report is not exported, but it is what the later one repeats.
    assert!(later_only.items.iter().any(|i| i.raised_before.iter().any(|e| e.finding == earlier.finding)));
    let earlier_only = ActionSummary::build(&ws, &only(&earlier.report), today(), "n");
    assert!(earlier_only.items.iter().all(|i| i.raised_before.is_empty()));
}

#[test]
fn csv_and_xlsx_have_a_raised_before_column() {
    let ws = norfolk_workspace();
    let (later, _) = pair(&ws);
    let s = ActionSummary::build(&ws, &ExportOptions::default(), today(), "norfolk");
    let line = expected_line(&s, &later);

    let csv = render_csv(&s, &ExportOptions::default()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|r| &r[column("Finding ID")] == later.finding.0.as_str() && &r[column("Kind")] != "Action")
        .unwrap();
    assert_eq!(&row[column("Raised before")], line);
    assert!(rows.iter().filter(|r| !r[column("Raised before")].is_empty()).count() >= 1);

    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(render_xlsx(&s).unwrap())).unwrap();
    let plan = book.worksheet_range("Action plan").unwrap();
    let row = plan.rows().find(|r| r[column("Finding ID")] == Data::String(later.finding.0.clone())).unwrap();
    assert_eq!(row[column("Raised before")], Data::String(line));
}

#[test]
fn html_markdown_and_the_board_paper_say_it_under_the_recommendation() {
    let ws = norfolk_workspace();
    let (later, _) = pair(&ws);
    let s = ActionSummary::build(&ws, &ExportOptions::default(), today(), "norfolk");
    let line = expected_line(&s, &later);

    let html = render_html(&s);
    let block = &html[html.find(LATER).unwrap()..];
    let block = &block[..block.find("</tr>").unwrap()];
    assert!(block.contains(&format!("<strong>Raised before</strong> {line}")), "{block}");
    assert!(block.contains("review and implement care plans"), "the earlier text: {block}");

    let md = render_markdown(&s);
    assert!(md.contains(&format!("- Raised before: {line} – “review and implement care plans")), "{md}");

    let docx = docx_rs::read_docx(&render_docx(&s).unwrap()).unwrap();
    let texts: Vec<String> = docx
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect();
    let at = texts.iter().position(|t| t == &format!("Raised before: {line}")).unwrap();
    assert!(texts[at - 1].starts_with("Ensure that permanence plans"), "under its recommendation: {}", texts[at - 1]);
    assert!(texts[at + 1].starts_with("“review and implement care plans"), "{}", texts[at + 1]);
}
