//! The filter bar above the table: free-text search, category, status, kind, report and
//! polarity pickers, overdue and important toggles, and the "showing N of M" count. It
//! edits the UI state's `Filter` (view state, not workspace data).

use eframe::egui;

use crate::model::{FindingKind, Polarity, Status};

use super::PanelCtx;
use crate::ui::commands::{Command, UiCommand};
use crate::ui::widgets::UiExt as _;
use crate::workspace::query::Filter;

/// The search box's id, so "Find" (Ctrl+F) can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("findings_search")
}

/// Draws the filter bar.
pub fn filter_bar_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, filter: &mut Filter, shown: usize, total: usize) {
    let tokens = cx.tokens;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .id(search_id())
                .hint_text("Words in the finding, section, owner or notes")
                .desired_width(260.0),
        )
        .labelled_by(label.id);

        let category_text = filter.category.as_ref().map_or("All categories", |id| cx.ws.taxonomy.label(id));
        let response_category = egui::ComboBox::from_id_salt("filter_category")
            .selected_text(category_text)
            .width(170.0)
            .height(420.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.category, None, "All categories");
                for c in &cx.ws.taxonomy.categories {
                    ui.selectable_value(&mut filter.category, Some(c.id.clone()), c.label.as_str());
                }
            })
            .response;
        crate::ui::widgets::name_combo(&response_category, "Category filter");

        option_combo(ui, "Status filter", "All statuses", &mut filter.status, Status::ALL, |s| s.label());
        option_combo(ui, "Kind filter", "All kinds", &mut filter.kind, FindingKind::ALL, |k| k.label());
        option_combo(ui, "Polarity filter", "Strengths and weaknesses", &mut filter.polarity, Polarity::ALL, |p| {
            p.label()
        });

        let report_text = filter
            .report
            .as_ref()
            .and_then(|id| cx.ws.report(id))
            .map_or("All reports".to_owned(), crate::model::ImportedReport::short_name);
        let response = egui::ComboBox::from_id_salt("filter_report")
            .selected_text(report_text)
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.report, None, "All reports");
                for r in &cx.ws.reports {
                    ui.selectable_value(&mut filter.report, Some(r.id.clone()), r.short_name());
                }
            })
            .response;
        crate::ui::widgets::name_combo(&response, "Report filter");

        ui.checkbox(&mut filter.overdue_only, "Overdue");
        ui.checkbox(&mut filter.important_only, "Important");
        if filter.is_active() && ui.button("Clear").on_hover_text("Show every finding").clicked() {
            cx.queue.push(Command::Ui(UiCommand::ClearFilters));
        }
        ui.weak_label(tokens, &format!("Showing {shown} of {total}"));
    });
}

pub(crate) fn option_combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    name: &str,
    all_text: &'static str,
    value: &mut Option<T>,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) {
    let text = value.map_or(all_text, &label);
    let response = egui::ComboBox::from_id_salt(name)
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all_text);
            for v in all {
                ui.selectable_value(value, Some(*v), label(*v));
            }
        })
        .response;
    crate::ui::widgets::name_combo(&response, name);
    // Up and down step through the choices of the focused (closed) list, as in a native
    // drop-down, so a filter can be chosen from the keyboard alone.
    if response.has_focus() {
        // Keep the arrows for the list rather than moving the focus.
        let arrows = egui::EventFilter { vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(response.id, arrows));
        let (down, up) = ui.input(|i| (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp)));
        let at = value.and_then(|v| all.iter().position(|x| *x == v));
        let next = match (down, up, at) {
            (true, _, None) => all.first().copied(),
            (true, _, Some(i)) => Some(all.get(i + 1).copied().unwrap_or(all[i])),
            (false, true, Some(0)) => None,
            (false, true, Some(i)) => Some(all[i - 1]),
            _ => *value,
        };
        *value = next;
    }
}
