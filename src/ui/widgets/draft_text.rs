//! Text fields that edit a draft and commit once, on focus loss (Enter in a single-line
//! field, or clicking away), so undo never goes keystroke by keystroke. The draft follows
//! the committed value (after an undo, say) unless the user has typed something.

use eframe::egui;

/// A text field's draft: what the user typed, and the committed value it started from.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    loaded: String,
    /// The text being edited.
    pub text: String,
}

impl Draft {
    /// Starts editing `value` afresh (another finding was selected).
    pub fn reset(&mut self, value: &str) {
        value.clone_into(&mut self.loaded);
        value.clone_into(&mut self.text);
    }

    /// Follows a change of the committed value, unless the user has typed something.
    pub fn sync(&mut self, value: &str) {
        if self.text == self.loaded {
            value.clone_into(&mut self.text);
        }
        value.clone_into(&mut self.loaded);
    }

    /// Whether the user typed something not yet committed.
    pub fn is_edited(&self) -> bool {
        self.text != self.loaded
    }
}

/// How a draft field looks.
pub struct DraftField<'a> {
    /// The label it is named by (accessibility and tests).
    pub labelled_by: egui::Id,
    /// The grey text shown when empty.
    pub hint: &'a str,
    /// Lines: 1 for a single-line field.
    pub rows: usize,
    /// Width (`f32::INFINITY`: the whole line).
    pub width: f32,
}

impl DraftField<'_> {
    /// Draws the field; returns the text to commit when it lost focus with a change.
    pub fn ui(&self, ui: &mut egui::Ui, draft: &mut Draft) -> Option<String> {
        let edit = if self.rows > 1 {
            egui::TextEdit::multiline(&mut draft.text).desired_rows(self.rows)
        } else {
            egui::TextEdit::singleline(&mut draft.text)
        };
        let response = ui.add(edit.hint_text(self.hint).desired_width(self.width)).labelled_by(self.labelled_by);
        (response.lost_focus() && draft.is_edited()).then(|| draft.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_keep_typing_across_unrelated_changes() {
        let mut d = Draft::default();
        d.reset("a");
        d.text = "typed".into();
        d.sync("b");
        assert_eq!(d.text, "typed");
        assert!(d.is_edited());
        let mut d = Draft::default();
        d.reset("a");
        d.sync("b");
        assert_eq!(d.text, "b");
        assert!(!d.is_edited());
    }
}
