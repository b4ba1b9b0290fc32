//! The views across reports, driven headless with egui_kittest: a click on a dashboard
//! figure filters the findings table to what it counted, and the council history lists an
//! authority's reports in date order whatever the import order.
#![cfg(feature = "gui")]

mod ui_common;

use chrono::Datelike as _;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use inspection_tracker::model::{AuthorityCode, CategoryId, FindingKind, Status};
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::state::MainView;
use inspection_tracker::ui::testing;
use ui_common::harness;

#[test]
fn clicking_a_dashboard_figure_filters_the_findings_table() {
    let mut h = harness(testing::test_app(testing::small_workspace()));
    h.get_by_label("Dashboard").click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Dashboard);
    h.get_by_label("Care leavers: 1 not started").click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.view, MainView::Findings);
    assert_eq!(state.filter.category, Some(CategoryId("care_leavers".into())));
    assert_eq!(state.filter.status, Some(Status::NotStarted));
    assert_eq!(state.filter.kind, Some(FindingKind::Recommendation));
    assert_eq!(h.state().table().shown_count(), 1, "the table holds what the figure counted");
    h.get_by_label("Care leavers do not have timely pathway plans.");
}

#[test]
fn the_council_history_lists_its_reports_in_date_order() {
    let mut ws = testing::small_workspace();
    // Both sample reports become Norfolk's; the 2026 one was imported first.
    for report in &mut ws.reports {
        report.meta.authority = Some(AuthorityCode("926".into()));
    }
    let mut h = harness(testing::test_app(ws));
    h.get_by_label("Council history").click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Authority);
    // The reports panel names them too (as buttons); the history's entries are links.
    let earlier = h.get_by_role_and_label(egui::Role::Link, "Norfolk – Focused visit (10 Jun 2025)").rect();
    let later = h.get_by_role_and_label(egui::Role::Link, "Norfolk – Full inspection (1 Mar 2026)").rect();
    assert!(earlier.top() < later.top(), "2025 above 2026: {earlier:?} {later:?}");
    // Below the reports: their grades charted, and their recommendations by theme.
    h.get_by_label("Grade history");
    let theme = h.get_by_label("Care leavers (1)");
    theme.click();
    h.run();
    h.get_by_label("Care leavers do not have timely pathway plans.");

    // The national table lists Norfolk, and its name leads back to the history.
    h.get_by_label("National table").click();
    h.run();
    h.get_by_role_and_label(egui::Role::Link, "Norfolk").click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Authority);
    assert_eq!(h.state().state.authority.as_deref(), Some("926"));
}

#[test]
fn the_national_summary_is_exported_from_the_window() {
    use calamine::Reader as _;
    use inspection_tracker::ui::commands::Command;
    let mut ws = testing::small_workspace();
    ws.reports[0].meta.authority = Some(AuthorityCode("926".into()));
    let mut h = harness(testing::test_app(ws));
    h.get_by_label("National table").click();
    h.run();
    // The tab and the File menu offer it; the file dialog's answer becomes this command.
    h.get_by_label("Export to Excel…");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export the national summary…");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("national");
    h.state_mut().queue_command(Command::ExportNationalTo(path.clone()));
    h.run();
    let written = path.with_extension("xlsx");
    let mut book = calamine::open_workbook_auto(&written).expect("the workbook is written, with .xlsx added");
    assert!(book.sheet_names().iter().any(|s| s == "Authorities"), "{:?}", book.sheet_names());
    let sheet = book.worksheet_range("Authorities").unwrap();
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(ToString::to_string)).collect();
    assert!(cells.iter().any(|c| c == "Norfolk"), "{cells:?}");
}

#[test]
fn clicking_an_action_figure_filters_the_action_plan() {
    use inspection_tracker::model::{Action, Rag};
    use inspection_tracker::workspace::query::ActionSlice;
    let ws = inspection_tracker::workspace::synthetic::workspace(3, 60, 11);
    let today = testing::test_today();
    let actions: Vec<(&inspection_tracker::model::ImportedReport, &Action)> =
        ws.reports.iter().flat_map(|r| r.actions.iter().map(move |a| (r, a))).collect();
    let total = actions.len();
    let red = actions.iter().filter(|(_, a)| a.rag == Some(Rag::Red)).count();
    assert!(red > 0 && red < total, "the generator rates some actions red: {red} of {total}");
    // The category and status of one action, and how many actions share both.
    let category_of = |r: &inspection_tracker::model::ImportedReport, a: &Action| {
        let f = r.findings.iter().find(|f| f.id == a.finding).expect("its recommendation");
        f.effective_category(r.annotations.get(&f.id)).clone()
    };
    let (r0, a0) = actions[0];
    let (category, status) = (category_of(r0, a0), a0.status);
    let both = actions.iter().filter(|(r, a)| a.status == status && category_of(r, a) == category).count();
    let with_status = actions.iter().filter(|(_, a)| a.status == status).count();
    assert!(both < with_status, "the category narrows the plan beyond the status");
    let label = ws.taxonomy.label(&category).to_owned();
    let due = actions[1].1.due.expect("a due date");
    let due_in_month = actions
        .iter()
        .filter(|(_, a)| ActionSlice::DueIn { year: due.year(), month: due.month() }.keeps(a, None, today))
        .count();
    let month = due.format("%b %Y").to_string();

    let mut h = harness(testing::test_app(ws));
    let show_dashboard = |h: &mut Harness<'static, TrackerApp>| {
        h.get_by_label("Dashboard").click();
        h.run();
        assert_eq!(h.state().state.view, MainView::Dashboard);
    };

    show_dashboard(&mut h);
    h.get_by_label(&format!("Red: {red} actions")).click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Plan);
    assert_eq!(h.state().state.action_filter.rag, Some(Rag::Red));
    h.get_by_label(&format!("Showing {red} of {total} actions"));

    show_dashboard(&mut h);
    let name = format!("{label}: {both} action{}, {}", if both == 1 { "" } else { "s" }, status.label().to_lowercase());
    // The figures are below the charts: scroll them into view first.
    h.get_by_label(&name).scroll_to_me();
    h.run();
    h.get_by_label(&name).click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Plan);
    let filter = &h.state().state.action_filter;
    assert_eq!((filter.category.as_ref(), filter.status, filter.rag), (Some(&category), Some(status), None));
    h.get_by_label(&format!("Showing {both} of {total} actions"));

    show_dashboard(&mut h);
    let name = format!("{month}: {due_in_month} due");
    h.get_by_label("The figures month by month").scroll_to_me();
    h.run();
    h.get_by_label("The figures month by month").click();
    h.run();
    h.get_by_label(&name).scroll_to_me();
    h.run();
    h.get_by_label(&name).click();
    h.run();
    assert_eq!(h.state().state.view, MainView::Plan);
    h.get_by_label(&format!("Showing {due_in_month} of {total} actions"));
}

#[test]
fn the_national_table_filters_and_sorts_from_the_keyboard() {
    let mut ws = testing::small_workspace();
    // One report is Norfolk's (East of England), the other Bradford's (Yorkshire).
    for (report, code) in ws.reports.iter_mut().zip(["926", "380"]) {
        report.meta.authority = Some(AuthorityCode(code.into()));
    }
    let mut h = harness(testing::test_app(ws));
    h.get_by_label("National table").click();
    h.run();
    let shown = |h: &Harness<'static, TrackerApp>, name: &str| {
        h.query_all_by_role_and_label(egui::Role::Link, name).next().is_some()
    };
    assert!(shown(&h, "Norfolk") && shown(&h, "Bradford"));
    let top =
        |h: &Harness<'static, TrackerApp>, name: &str| h.get_by_role_and_label(egui::Role::Link, name).rect().top();
    assert!(top(&h, "Bradford") < top(&h, "Norfolk"), "by name first");

    // Enter on a focused column header sorts by it, and again the other way round
    // (the registry puts Yorkshire before the East of England).
    h.get_by_role_and_label(egui::Role::Button, "Region").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(top(&h, "Bradford") < top(&h, "Norfolk"), "by region");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(top(&h, "Norfolk") < top(&h, "Bradford"), "by region, descending");

    // Down steps through the focused region filter: the third region is Yorkshire's.
    h.get_by_label("Region filter").focus();
    h.run();
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    assert!(shown(&h, "Bradford") && !shown(&h, "Norfolk"), "Yorkshire and the Humber only");
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert!(!shown(&h, "Bradford") && !shown(&h, "Norfolk"), "North West: neither");
}
