//! The views across reports, driven headless with egui_kittest: a click on a dashboard
//! figure filters the findings table to what it counted, and the council history lists an
//! authority's reports in date order whatever the import order.
#![cfg(feature = "gui")]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use inspection_tracker::model::{AuthorityCode, CategoryId, FindingKind, Status};
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::state::MainView;
use inspection_tracker::ui::testing;

fn harness(app: TrackerApp) -> Harness<'static, TrackerApp> {
    let mut harness = Harness::builder()
        .with_size(testing::TEST_SIZE)
        .with_context_setup(testing::setup_context)
        // New grids size themselves over a few frames.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TrackerApp| app.ui_impl(ui), app);
    harness.run();
    harness
}

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
    // The File menu offers it; the file dialog's answer becomes this command.
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
