//! Colours and spacing as semantic tokens, for light and dark. Panels ask for a token
//! (`rag_amber`, `status_overdue`, `grade(Grade::Good)`) and never write colour literals;
//! this module also turns the domain's `#RRGGBB` colours into egui colours.

use eframe::egui::{self, Color32, CornerRadius, Margin, Stroke};

use crate::model::palette::Swatch;
use crate::model::{Colour, Grade, Rag, Status};

/// The user's theme choice, persisted in `UiState`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The label shown in menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Semantic colours for one theme.
#[derive(Clone, Debug)]
pub struct Tokens {
    /// Whether these are the dark-theme tokens.
    pub dark: bool,
    /// Headings and emphasised text.
    pub text_strong: Color32,
    /// Secondary text: dates, counts, hints.
    pub text_weak: Color32,
    /// The header bar behind the menu.
    pub header_fill: Color32,
    /// Side panels.
    pub panel_fill: Color32,
    /// The central area.
    pub central_fill: Color32,
    /// Cards (a report in the list, a section of the detail pane).
    pub card_fill: Color32,
    /// Card outlines.
    pub card_stroke: Color32,
    /// The brand/accent colour: selection, progress bars, links.
    pub accent: Color32,
    /// Background of highlighted search matches.
    pub search_highlight: Color32,
    /// Text of an overdue due date.
    pub status_overdue: Color32,
    /// Warning text.
    pub warning_text: Color32,
    /// Error text.
    pub error_text: Color32,
    /// Success text.
    pub success_text: Color32,
    /// RAG amber (also the important star).
    pub rag_amber: Color32,
}

impl Tokens {
    /// The light theme.
    pub fn light() -> Self {
        Self {
            dark: false,
            text_strong: Color32::from_rgb(0x1b, 0x1f, 0x24),
            text_weak: Color32::from_rgb(0x5c, 0x64, 0x6e),
            header_fill: Color32::from_rgb(0x1d, 0x3b, 0x5a),
            panel_fill: Color32::from_rgb(0xf4, 0xf6, 0xf8),
            central_fill: Color32::from_rgb(0xff, 0xff, 0xff),
            card_fill: Color32::from_rgb(0xff, 0xff, 0xff),
            card_stroke: Color32::from_rgb(0xd8, 0xde, 0xe4),
            accent: Color32::from_rgb(0x1f, 0x6f, 0xb2),
            search_highlight: Color32::from_rgb(0xff, 0xe0, 0x66),
            status_overdue: Color32::from_rgb(0xb4, 0x1e, 0x1e),
            warning_text: Color32::from_rgb(0x8a, 0x5a, 0x00),
            error_text: Color32::from_rgb(0xb4, 0x1e, 0x1e),
            success_text: Color32::from_rgb(0x1e, 0x6e, 0x3c),
            rag_amber: swatch(Rag::Amber.swatch(), false),
        }
    }

    /// The dark theme.
    pub fn dark() -> Self {
        Self {
            dark: true,
            text_strong: Color32::from_rgb(0xee, 0xf1, 0xf4),
            text_weak: Color32::from_rgb(0x9a, 0xa4, 0xae),
            header_fill: Color32::from_rgb(0x16, 0x24, 0x33),
            panel_fill: Color32::from_rgb(0x1e, 0x22, 0x27),
            central_fill: Color32::from_rgb(0x17, 0x1a, 0x1e),
            card_fill: Color32::from_rgb(0x25, 0x2a, 0x30),
            card_stroke: Color32::from_rgb(0x38, 0x40, 0x48),
            accent: Color32::from_rgb(0x5a, 0xa7, 0xe8),
            search_highlight: Color32::from_rgb(0x80, 0x66, 0x10),
            status_overdue: Color32::from_rgb(0xff, 0x7a, 0x6e),
            warning_text: Color32::from_rgb(0xf2, 0xc0, 0x5c),
            error_text: Color32::from_rgb(0xff, 0x7a, 0x6e),
            success_text: Color32::from_rgb(0x7c, 0xd3, 0x92),
            rag_amber: swatch(Rag::Amber.swatch(), true),
        }
    }

    /// The tokens for the context's current theme.
    pub fn of(ctx: &egui::Context) -> Self {
        if ctx.global_style().visuals.dark_mode { Self::dark() } else { Self::light() }
    }

    /// The colour of a grade badge (the model's palette).
    pub fn grade(&self, grade: Grade) -> Color32 {
        swatch(grade.swatch(), self.dark)
    }

    /// The colour of a RAG badge (the model's palette).
    pub fn rag(&self, rag: Rag) -> Color32 {
        swatch(rag.swatch(), self.dark)
    }

    /// The colour of a status badge (the model's palette).
    pub fn status(&self, status: Status) -> Color32 {
        swatch(status.swatch(), self.dark)
    }

    /// A category's chip colour, softened in dark mode so chips do not glare.
    pub fn category(&self, colour: Option<&Colour>) -> Color32 {
        let base = colour.and_then(to_color32).unwrap_or(Color32::from_rgb(0x9a, 0xa3, 0xad));
        if self.dark { base.lerp_to_gamma(Color32::BLACK, 0.25) } else { base }
    }
}

/// A palette swatch's fill for the light or the dark theme.
fn swatch(swatch: Swatch, dark: bool) -> Color32 {
    let hex = if dark { swatch.dark } else { swatch.light };
    to_color32(&Colour(hex.to_owned())).unwrap_or(Color32::GRAY)
}

/// Converts a domain colour (`#RRGGBB`) to an egui colour.
pub fn to_color32(colour: &Colour) -> Option<Color32> {
    colour.rgb().map(|[r, g, b]| Color32::from_rgb(r, g, b))
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
pub fn text_on(background: Color32) -> Color32 {
    fn channel(c: u8) -> f32 {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    }
    let luminance =
        0.2126 * channel(background.r()) + 0.7152 * channel(background.g()) + 0.0722 * channel(background.b());
    // Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05; pick the larger.
    if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) {
        Color32::from_rgb(0x14, 0x18, 0x1c)
    } else {
        Color32::WHITE
    }
}

/// Height of a table row.
pub const ROW_HEIGHT: f32 = 24.0;
/// Rounding of chips and badges.
pub const CHIP_RADIUS: CornerRadius = CornerRadius::same(8);
/// Rounding of cards.
pub const CARD_RADIUS: CornerRadius = CornerRadius::same(6);

/// A card frame: a report in the list, a section of the detail pane.
pub fn card(tokens: &Tokens) -> egui::Frame {
    egui::Frame::new()
        .fill(tokens.card_fill)
        .stroke(Stroke::new(1.0, tokens.card_stroke))
        .corner_radius(CARD_RADIUS)
        .inner_margin(Margin::same(8))
}

/// Applies the theme choice and the app's spacing and colours to both egui themes.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
    for (theme, tokens) in [(egui::Theme::Light, Tokens::light()), (egui::Theme::Dark, Tokens::dark())] {
        ctx.style_mut_of(theme, |style| {
            style.spacing.item_spacing = egui::vec2(8.0, 6.0);
            style.spacing.button_padding = egui::vec2(8.0, 3.0);
            style.spacing.interact_size.y = 22.0;
            style.spacing.menu_margin = Margin::same(6);
            style.visuals.panel_fill = tokens.panel_fill;
            style.visuals.window_fill = tokens.card_fill;
            style.visuals.extreme_bg_color =
                if tokens.dark { Color32::from_rgb(0x12, 0x14, 0x17) } else { Color32::from_rgb(0xfb, 0xfc, 0xfd) };
            style.visuals.faint_bg_color =
                if tokens.dark { Color32::from_rgb(0x1c, 0x20, 0x25) } else { Color32::from_rgb(0xf5, 0xf7, 0xfa) };
            style.visuals.selection.bg_fill = tokens.accent.linear_multiply(if tokens.dark { 0.55 } else { 0.25 });
            style.visuals.selection.stroke = Stroke::new(1.0, tokens.accent);
            style.visuals.hyperlink_color = tokens.accent;
            style.visuals.window_corner_radius = CornerRadius::same(8);
            style.visuals.menu_corner_radius = CornerRadius::same(6);
            for w in [
                &mut style.visuals.widgets.inactive,
                &mut style.visuals.widgets.hovered,
                &mut style.visuals.widgets.active,
                &mut style.visuals.widgets.open,
                &mut style.visuals.widgets.noninteractive,
            ] {
                w.corner_radius = CornerRadius::same(4);
            }
            style.visuals.widgets.noninteractive.fg_stroke.color = tokens.text_strong;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chip_text_contrasts_with_background() {
        assert_eq!(text_on(Color32::WHITE), Color32::from_rgb(0x14, 0x18, 0x1c));
        assert_eq!(text_on(Color32::from_rgb(0x1d, 0x3b, 0x5a)), Color32::WHITE);
        assert_eq!(text_on(Color32::from_rgb(0xf4, 0xa2, 0x00)), Color32::from_rgb(0x14, 0x18, 0x1c));
    }
}
