//! The finding in context: why it got its category (matched terms, polarity cues), the
//! paragraphs around it in the report with the finding highlighted, and its change history.

use eframe::egui::{self, FontId, TextFormat, text::LayoutJob};

use crate::model::{Annotation, Finding, ImportedReport};
use crate::ui::panels::PanelCtx;
use crate::ui::panels::findings_table::category_chip;
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;
use crate::workspace::{FindingRef, Workspace};

pub(super) fn why_ui(ui: &mut egui::Ui, cx: &PanelCtx<'_>, finding: &Finding, a: &Annotation) {
    let tokens = cx.tokens;
    let c = &finding.classification;
    egui::CollapsingHeader::new(egui::RichText::new("Why this category").strong()).default_open(true).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label("Found automatically:");
            category_chip(ui, tokens, cx.ws, &c.category, false);
            ui.weak_label(tokens, &format!("confidence {:.0}%", c.confidence * 100.0));
        });
        if let Some(chosen) = &a.category {
            ui.horizontal_wrapped(|ui| {
                ui.label("Chosen by you:");
                category_chip(ui, tokens, cx.ws, chosen, true);
            });
        }
        if c.matched_terms.is_empty() {
            ui.weak_label(tokens, "No taxonomy terms matched; the category is a fallback.");
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.label("Matched terms:");
                ui.label(egui::RichText::new(c.matched_terms.join(", ")).italics());
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Reads as: {}", c.polarity.label().to_lowercase()));
            if !c.polarity_cues.is_empty() {
                ui.weak_label(tokens, &format!("(cues: {})", c.polarity_cues.join(", ")));
            }
        });
    });
}

pub(super) fn source_ui(ui: &mut egui::Ui, tokens: &Tokens, report: &ImportedReport, finding: &Finding) {
    let page = finding.source.page.or_else(|| page_of(&report.page_starts, finding.source.start));
    let title = match page {
        Some(p) => format!("Source in context (page {p})"),
        None => "Source in context".to_owned(),
    };
    egui::CollapsingHeader::new(egui::RichText::new(title).strong()).default_open(true).show(ui, |ui| {
        match context_job(&report.text, finding.source.start, finding.source.end, tokens, ui.visuals().text_color()) {
            Some(job) => {
                ui.add(egui::Label::new(job).wrap().selectable(true));
            }
            None => {
                ui.weak_label(tokens, "The report's text is not stored in this workspace.");
            }
        }
        ui.weak_label(tokens, &report.source_path.display().to_string());
    });
}

/// The page (1-based) that a byte offset falls on.
fn page_of(page_starts: &[usize], offset: usize) -> Option<u32> {
    if page_starts.is_empty() {
        return None;
    }
    let index = page_starts.partition_point(|&s| s <= offset).max(1);
    u32::try_from(index).ok()
}

/// The paragraph before, the finding (highlighted) and the paragraph after.
fn context_job(text: &str, start: usize, end: usize, tokens: &Tokens, colour: egui::Color32) -> Option<LayoutJob> {
    if start >= end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let before_para = text[..start].trim_end().rfind("\n\n").map_or(0, |i| i + 2);
    let before = text[..before_para].trim_end().rfind("\n\n").map_or(0, |i| i + 2);
    let after_para = text[end..].find("\n\n").map_or(text.len(), |i| end + i);
    let after = text[after_para..].trim_start_matches('\n').find("\n\n").map_or(text.len(), |i| {
        after_para + (text[after_para..].len() - text[after_para..].trim_start_matches('\n').len()) + i
    });
    let font = FontId::proportional(13.0);
    let weak = TextFormat { font_id: font.clone(), color: tokens.text_weak, ..Default::default() };
    let strong = TextFormat {
        font_id: font,
        color: colour,
        background: tokens.search_highlight.gamma_multiply(0.6),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    let piece = |range: std::ops::Range<usize>| text.get(range).map(crate::ui::widgets::display_text);
    job.append(&piece(before..start)?, 0.0, weak.clone());
    job.append(&piece(start..end)?, 0.0, strong);
    job.append(&piece(end..after.min(text.len()))?, 0.0, weak);
    Some(job)
}

/// The finding's change log, newest first: when, who, and what changed (an action's
/// changes name the action by its reference).
pub(super) fn history_ui(
    ui: &mut egui::Ui,
    tokens: &Tokens,
    ws: &Workspace,
    target: &FindingRef,
    refs: Option<&crate::model::PlanRefs>,
) {
    let entries: Vec<_> = ws.history_of(target).collect();
    egui::CollapsingHeader::new(egui::RichText::new(format!("History ({})", entries.len())).strong())
        .default_open(false)
        .show(ui, |ui| {
            if entries.is_empty() {
                ui.weak_label(tokens, "No changes yet.");
            }
            for c in entries.iter().rev().take(200) {
                ui.horizontal_wrapped(|ui| {
                    let when = c.at.format("%-d %b %Y %H:%M").to_string();
                    ui.weak_label(tokens, &super::actions::who_and_when(c.author.as_deref(), &when));
                    let action = c.action.as_ref().map(|id| {
                        refs.and_then(|r| r.action(id)).map_or_else(|| format!("{id} "), |r| format!("{r} "))
                    });
                    let summary = crate::ui::widgets::display_text(&c.summary);
                    ui.label(format!("{}{}: {summary}", action.unwrap_or_default(), c.field));
                });
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lookup() {
        assert_eq!(page_of(&[0, 100, 200], 150), Some(2));
        assert_eq!(page_of(&[0, 100, 200], 0), Some(1));
        assert_eq!(page_of(&[], 5), None);
    }
}
