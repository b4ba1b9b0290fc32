//! The command palette (Ctrl+Shift+P or Ctrl+K): a fuzzy search over every `UiCommand`
//! and over actions with a target (go to a finding, set the selection's category or
//! status). It only reports the chosen `Command`; the app runs it.

use eframe::egui;

use crate::model::Status;
use crate::workspace::Workspace;

use super::commands::{Availability, Command, SelectMode, UiCommand};
use crate::workspace::query::TableModel;

/// How many "go to finding" entries are listed at most.
const MAX_FINDINGS: usize = 30;

/// The palette's state while open.
#[derive(Debug, Default)]
pub struct Palette {
    /// Whether it is shown.
    pub open: bool,
    query: String,
    highlighted: usize,
    just_opened: bool,
}

struct Entry {
    text: String,
    detail: String,
    command: Command,
}

impl Palette {
    /// Opens the palette with an empty query.
    pub fn show(&mut self) {
        self.open = true;
        self.query.clear();
        self.highlighted = 0;
        self.just_opened = true;
    }

    /// Draws the palette; returns the chosen command.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        ws: &Workspace,
        model: &TableModel,
        availability: &Availability,
    ) -> Option<Command> {
        if !self.open {
            return None;
        }
        let entries = self.entries(ws, model, availability);
        if self.highlighted >= entries.len() {
            self.highlighted = entries.len().saturating_sub(1);
        }
        let mut chosen = None;
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        if down && self.highlighted + 1 < entries.len() {
            self.highlighted += 1;
        }
        if enter {
            chosen = entries.get(self.highlighted).map(|e| e.command.clone());
        }
        let mut open = !escape;
        egui::Window::new("Command palette")
            .title_bar(false)
            .collapsible(false)
            .resizable(false)
            .fixed_size([520.0, 380.0])
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                let label = ui.label(egui::RichText::new("Command palette").strong());
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("Type a command, a category, a status or words of a finding")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if self.just_opened {
                    response.request_focus();
                    self.just_opened = false;
                }
                if response.changed() {
                    self.highlighted = 0;
                }
                ui.separator();
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for (i, entry) in entries.iter().enumerate() {
                        let selected = i == self.highlighted;
                        let r = ui.add(
                            egui::Button::selectable(selected, entry.text.as_str())
                                .right_text(egui::RichText::new(entry.detail.as_str()).weak()),
                        );
                        if selected && (up || down) {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            chosen = Some(entry.command.clone());
                        }
                    }
                    if entries.is_empty() {
                        ui.weak("Nothing matches");
                    }
                });
            });
        if chosen.is_some() || !open {
            open = false;
        }
        self.open = open;
        chosen
    }

    fn entries(&self, ws: &Workspace, model: &TableModel, availability: &Availability) -> Vec<Entry> {
        let query = self.query.trim().to_lowercase();
        let mut scored: Vec<(i32, Entry)> = Vec::new();
        for command in UiCommand::ALL {
            if *command == UiCommand::CommandPalette || !command.is_enabled(availability) {
                continue;
            }
            let (text, tooltip) = command.text_and_tooltip();
            if let Some(score) = fuzzy_score(&query, text) {
                scored.push((
                    score,
                    Entry { text: text.to_owned(), detail: tooltip.to_owned(), command: Command::Ui(*command) },
                ));
            }
        }
        if availability.has_selection {
            for category in &ws.taxonomy.categories {
                let text = format!("Set category: {}", category.label);
                if let Some(score) = fuzzy_score(&query, &text) {
                    scored.push((
                        score - 1,
                        Entry {
                            text,
                            detail: "Selected findings".to_owned(),
                            command: Command::SetCategoryOfSelection(Some(category.id.clone())),
                        },
                    ));
                }
            }
            for status in Status::ALL {
                let text = format!("Set status: {}", status.label());
                if let Some(score) = fuzzy_score(&query, &text) {
                    let command = Command::set_status(*status, Command::SetStatusOfSelection);
                    scored.push((score - 1, Entry { text, detail: "Selected findings".to_owned(), command }));
                }
            }
        }
        scored.sort_by_key(|e| std::cmp::Reverse(e.0));
        let mut entries: Vec<Entry> = scored.into_iter().map(|(_, e)| e).collect();
        if query.len() >= 3 {
            let words: Vec<String> = query.split_whitespace().map(str::to_owned).collect();
            let mut found = 0;
            for target in model.shown_targets() {
                if found >= MAX_FINDINGS {
                    break;
                }
                let Some((report, finding)) = ws.finding(target) else { continue };
                let lower = finding.text.to_lowercase();
                if words.iter().all(|w| lower.contains(w.as_str())) {
                    found += 1;
                    let text: String = finding.text.chars().take(70).collect();
                    entries.push(Entry {
                        text: format!("Go to: {text}…"),
                        detail: report.short_name(),
                        command: Command::Select { target: target.clone(), mode: SelectMode::Replace },
                    });
                }
            }
        }
        entries
    }
}

/// A subsequence match score: higher is better; `None` when `query` is not a subsequence
/// of `text` (case-insensitive). Consecutive letters and word starts score more.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i32> {
    if query.is_empty() {
        return Some(0);
    }
    let text_lower: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0;
    let mut at = 0;
    let mut previous: Option<usize> = None;
    for q in query.chars() {
        let found = text_lower[at..].iter().position(|c| *c == q)? + at;
        score += 1;
        if previous.is_some_and(|p| p + 1 == found) {
            score += 3;
        }
        if found == 0 || text_lower.get(found - 1).is_some_and(|c| !c.is_alphanumeric()) {
            score += 2;
        }
        previous = Some(found);
        at = found + 1;
    }
    // Shorter texts win ties.
    Some(score * 10 - i32::try_from(text_lower.len()).unwrap_or(i32::MAX / 2) / 10)
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn fuzzy_prefers_word_starts_and_rejects_non_matches() {
        assert!(fuzzy_score("sav", "Save").unwrap() > fuzzy_score("sav", "Set category: advocacy").unwrap_or(0));
        assert_eq!(fuzzy_score("xyz", "Save"), None);
        assert!(fuzzy_score("undo", "Undo").is_some());
    }
}
