//! "Raised before" in the window, on real reports (Norfolk's 2013 and 2015 inspections):
//! the detail pane of the later recommendation links to the earlier one it repeats, and a
//! click selects it, in the findings view and in the action plan; the plan's row of the
//! later recommendation carries the "Raised before" chip.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

mod ui_common;

mod norfolk_common;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::commands::{Command, SelectMode, UiCommand};
use inspection_tracker::ui::state::MainView;
use inspection_tracker::ui::testing;
use inspection_tracker::workspace::FindingRef;
use norfolk_common::{FILES, norfolk_workspace, recommendation};
use ui_common::harness;

fn pair(h: &Harness<'static, TrackerApp>) -> (FindingRef, FindingRef) {
    let ws = h.state().workspace();
    (
        recommendation(ws, FILES[1], "Ensure that permanence plans are identified by children’s second"),
        recommendation(ws, FILES[0], "review and implement care plans and specifically address the"),
    )
}

/// The link the detail pane shows for the pair.
fn link_label(h: &Harness<'static, TrackerApp>) -> String {
    let (later, _) = pair(h);
    let app = h.state();
    let repeat = inspection_tracker::insights::repeats(app.workspace(), &|_| true)
        .into_iter()
        .find(|r| r.later == later && r.earlier.finding.0 == pair(h).1.finding.0)
        .unwrap();
    let label = repeat.summary(app.workspace());
    assert!(label.starts_with("Repeats R5 of the 2013 full inspection ("), "{label}");
    label
}

#[test]
fn the_detail_pane_links_to_the_recommendation_raised_before() {
    let mut h = harness(testing::test_app(norfolk_workspace()));
    let (later, earlier) = pair(&h);
    let label = link_label(&h);
    h.state_mut().queue_command(Command::Select { target: later.clone(), mode: SelectMode::Replace });
    h.run();
    assert_eq!(h.state().selection.focus.as_ref(), Some(&later));
    h.get_by_role_and_label(egui::Role::Link, &label).click();
    h.run();
    assert_eq!(h.state().selection.focus.as_ref(), Some(&earlier), "the click selects the earlier one");
    // The earlier recommendation repeats nothing: no link any more.
    assert!(h.query_by_role_and_label(egui::Role::Link, &label).is_none());
}

#[test]
fn in_the_action_plan_the_row_says_raised_before_and_the_link_selects_there() {
    let mut h = harness(testing::test_app(norfolk_workspace()));
    let (later, earlier) = pair(&h);
    let label = link_label(&h);
    h.state_mut().queue_command(Command::Ui(UiCommand::ShowActionPlan));
    h.run();
    assert_eq!(h.state().state.view, MainView::Plan);
    assert!(h.query_all_by_label_contains("Raised before").count() >= 1, "the chip on a repeating row");
    h.state_mut().queue_command(Command::Select { target: later, mode: SelectMode::Replace });
    h.run();
    h.get_by_role_and_label(egui::Role::Link, &label).click();
    h.run();
    assert_eq!(h.state().selection.focus.as_ref(), Some(&earlier));
    assert_eq!(h.state().state.view, MainView::Plan, "still in the plan");
}
