//! Small reusable widgets and the `UiExt` trait: chips and badges (always text plus
//! colour), section headings, and search-match highlighting; and, in the submodules, the
//! annotation editors the single and the bulk editor share (status, owner, RAG, category,
//! draft text). No app state here: widgets return what the user picked.

pub mod category_picker;
pub mod date_picker;
pub mod draft_text;
pub mod owner_picker;
pub mod rag_row;
pub mod status_picker;

use eframe::egui::{self, Color32, FontId, Sense, TextFormat, WidgetInfo, text::LayoutJob};

use crate::model::{Grade, Rag, Status};

use super::theme::{self, Tokens};

/// Repeated idioms on top of `egui::Ui`.
pub trait UiExt {
    /// A rounded chip with text on a colour, the text colour chosen for contrast.
    fn chip(&mut self, text: &str, fill: Color32) -> egui::Response;
    /// A grade badge in the grade's colour.
    fn grade_badge(&mut self, tokens: &Tokens, grade: Grade) -> egui::Response;
    /// A status badge.
    fn status_badge(&mut self, tokens: &Tokens, status: Status) -> egui::Response;
    /// A RAG badge.
    fn rag_badge(&mut self, tokens: &Tokens, rag: Rag) -> egui::Response;
    /// A small, strong section heading.
    fn section_heading(&mut self, tokens: &Tokens, text: &str) -> egui::Response;
    /// Secondary text.
    fn weak_label(&mut self, tokens: &Tokens, text: &str) -> egui::Response;
    /// Error text.
    fn error_label(&mut self, tokens: &Tokens, text: &str) -> egui::Response;
}

impl UiExt for egui::Ui {
    fn chip(&mut self, text: &str, fill: Color32) -> egui::Response {
        let font = FontId::proportional(12.0);
        let text_colour = theme::text_on(fill);
        let galley = self.painter().layout_no_wrap(text.to_owned(), font, text_colour);
        let padding = egui::vec2(7.0, 2.0);
        let max_width = self.available_width().max(20.0);
        let size = egui::vec2((galley.size().x + 2.0 * padding.x).min(max_width), galley.size().y + 2.0 * padding.y);
        let (rect, response) = self.allocate_exact_size(size, Sense::hover());
        if self.is_rect_visible(rect) {
            let painter = self.painter_at(rect);
            painter.rect_filled(rect, theme::CHIP_RADIUS, fill);
            painter.galley(rect.min + padding, galley, text_colour);
        }
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
        response
    }

    fn grade_badge(&mut self, tokens: &Tokens, grade: Grade) -> egui::Response {
        self.chip(grade.label(), tokens.grade(grade))
    }

    fn status_badge(&mut self, tokens: &Tokens, status: Status) -> egui::Response {
        self.chip(status.label(), tokens.status(status))
    }

    fn rag_badge(&mut self, tokens: &Tokens, rag: Rag) -> egui::Response {
        self.chip(rag.label(), tokens.rag(rag))
    }

    fn section_heading(&mut self, tokens: &Tokens, text: &str) -> egui::Response {
        self.add(egui::Label::new(egui::RichText::new(text).strong().size(13.5).color(tokens.text_strong)))
    }

    fn weak_label(&mut self, tokens: &Tokens, text: &str) -> egui::Response {
        self.label(egui::RichText::new(text).color(tokens.text_weak))
    }

    fn error_label(&mut self, tokens: &Tokens, text: &str) -> egui::Response {
        self.label(egui::RichText::new(text).color(tokens.error_text))
    }
}

/// A text laid out with the matches of `words` on a highlight background.
pub fn highlighted_job(text: &str, words: &[String], font: FontId, colour: Color32, highlight: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let plain = TextFormat { font_id: font.clone(), color: colour, ..Default::default() };
    let marked = TextFormat { font_id: font, color: colour, background: highlight, ..Default::default() };
    let mut at = 0;
    for r in crate::workspace::query::match_ranges(text, words) {
        if r.start > at {
            job.append(&text[at..r.start], 0.0, plain.clone());
        }
        job.append(&text[r.clone()], 0.0, marked.clone());
        at = r.end;
    }
    if at < text.len() {
        job.append(&text[at..], 0.0, plain);
    }
    job
}

/// Paints a five-pointed star (the bundled fonts have no star glyph), filled or outlined.
pub fn paint_star(painter: &egui::Painter, centre: egui::Pos2, radius: f32, colour: Color32, filled: bool) {
    let point = |i: usize, r: f32| {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
        centre + r * egui::vec2(angle.cos(), angle.sin())
    };
    let inner = radius * 0.45;
    let outline: Vec<egui::Pos2> = (0..10).map(|i| point(i, if i % 2 == 0 { radius } else { inner })).collect();
    if filled {
        // A star is not convex: fill the inner pentagon and the five tips separately.
        let pentagon: Vec<egui::Pos2> = (0..5).map(|i| point(2 * i + 1, inner)).collect();
        painter.add(egui::Shape::convex_polygon(pentagon, colour, egui::Stroke::NONE));
        for i in 0..5 {
            let tip = vec![point(2 * i, radius), point(2 * i + 1, inner), point((2 * i + 9) % 10, inner)];
            painter.add(egui::Shape::convex_polygon(tip, colour, egui::Stroke::NONE));
        }
    } else {
        painter.add(egui::Shape::closed_line(outline, egui::Stroke::new(1.2, colour)));
    }
}

/// A star icon sized like a line of text, with a tooltip-able response.
pub fn star(ui: &mut egui::Ui, colour: Color32, filled: bool) -> egui::Response {
    let size = egui::vec2(14.0, 14.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    paint_star(ui.painter(), rect.center(), 6.5, colour, filled);
    response
}

/// A small triangle showing sort direction.
pub fn sort_arrow(ui: &mut egui::Ui, descending: bool, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    let c = rect.center();
    let points = if descending {
        vec![c + egui::vec2(-4.0, -2.5), c + egui::vec2(4.0, -2.5), c + egui::vec2(0.0, 3.0)]
    } else {
        vec![c + egui::vec2(-4.0, 2.5), c + egui::vec2(0.0, -3.0), c + egui::vec2(4.0, 2.5)]
    };
    ui.painter().add(egui::Shape::convex_polygon(points, colour, egui::Stroke::NONE));
}

/// A filled dot, e.g. beside a RAG label.
pub fn dot(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.5, colour);
}

/// Gives a combo box an accessible name when no visible label sits beside it (screen
/// readers and tests find it by this name).
pub fn name_combo(response: &egui::Response, name: &str) {
    response.widget_info(|| WidgetInfo::labeled(egui::Role::ComboBox, true, name));
}

/// Text as the bundled fonts can draw it: characters they lack (non-breaking hyphen,
/// Private Use Area bullets from Word PDFs, odd spaces, the arrow the change log writes)
/// become plain equivalents, so no tofu boxes appear. Borrowed unchanged when nothing needs
/// mapping.
pub fn display_text(text: &str) -> std::borrow::Cow<'_, str> {
    fn map(c: char) -> Option<&'static str> {
        match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => Some("-"),
            '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' => Some(" "),
            '\u{200b}' | '\u{feff}' | '\u{00ad}' => Some(""),
            '\u{f0a7}' | '\u{f0b7}' | '\u{f0d8}' | '\u{f06e}' | '\u{25fc}' | '\u{25aa}' | '\u{25cf}' => Some("•"),
            // "1 Mar → 3 Apr" and "60% → 90%" read as well with a word.
            '\u{2192}' => Some("to"),
            _ => None,
        }
    }
    if !text.chars().any(|c| map(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match map(c) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_maps_missing_glyphs() {
        assert_eq!(display_text("co\u{2011}production\u{a0}now"), "co-production now");
        assert_eq!(display_text("1 Mar → 3 Apr\u{200b}"), "1 Mar to 3 Apr");
        assert!(matches!(display_text("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
