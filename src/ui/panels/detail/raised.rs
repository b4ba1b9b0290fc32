//! "Raised before" in the detail pane: the recommendations of the same authority's earlier
//! reports that the selected one closely resembles, each a link that selects the earlier
//! recommendation. The repeats come from the panel context's cache; nothing is computed
//! here.

use eframe::egui;

use crate::ui::commands::{Command, PlanTarget, SelectMode};
use crate::ui::panels::PanelCtx;
use crate::ui::widgets::{self, UiExt as _};
use crate::workspace::FindingRef;

/// Draws the section when `target` repeats anything; in the action plan (`in_plan`) a
/// click selects the earlier recommendation there, else in the findings table.
pub(super) fn raised_before_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, target: &FindingRef, in_plan: bool) {
    let mut repeats = cx.raised_before.of(target).peekable();
    if repeats.peek().is_none() {
        return;
    }
    ui.section_heading(cx.tokens, "Raised before");
    for repeat in repeats {
        let earlier_text = cx.ws.finding(&repeat.earlier).map(|(_, f)| f.text.as_str()).unwrap_or_default();
        let link = ui.link(repeat.summary(cx.ws)).on_hover_ui(|ui| {
            ui.set_max_width(420.0);
            ui.label(widgets::display_text(earlier_text).as_ref());
            ui.weak_label(cx.tokens, "Click to select it");
        });
        if link.clicked() {
            let earlier = repeat.earlier.clone();
            cx.queue.push(if in_plan {
                Command::SelectPlan { target: PlanTarget::Item(earlier), mode: SelectMode::Replace }
            } else {
                Command::Select { target: earlier, mode: SelectMode::Replace }
            });
        }
    }
    ui.add_space(8.0);
}
