//! The status, RAG and grade colours, as `#RRGGBB`: the one palette the window's badges (light
//! and dark), the XLSX conditional formats and the HTML badges and chart all read, so a
//! status looks the same on screen, in Excel and on a printed page. Text on a badge is
//! black or white, whichever reads better ([`text_on`]).

use super::{Colour, Grade, Rag, Status};

/// A badge colour for light pages (and files) and for the dark theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swatch {
    /// The fill on a light page, in exported files, and in the light theme.
    pub light: &'static str,
    /// The fill in the dark theme.
    pub dark: &'static str,
}

impl Status {
    /// The status's badge colours.
    pub fn swatch(self) -> Swatch {
        let (light, dark) = match self {
            Self::NotStarted => ("#e3e7eb", "#3a4149"),
            Self::InProgress => ("#cfe3f7", "#1f4a72"),
            Self::AwaitingEvidence => ("#fbe7b5", "#6b5212"),
            Self::Verified => ("#c8ebd2", "#1f5c35"),
            Self::Closed => ("#b9c7d4", "#3d4f60"),
            Self::OnHold => ("#e9d8f2", "#523a66"),
            Self::Cancelled => ("#f5d0cc", "#6e2b27"),
        };
        Swatch { light, dark }
    }
}

impl Rag {
    /// The rating's badge colours.
    pub fn swatch(self) -> Swatch {
        let (light, dark) = match self {
            Self::Red => ("#d4351c", "#e04f39"),
            Self::Amber => ("#f4a200", "#f2b12e"),
            Self::Green => ("#2e8b4a", "#4cae66"),
            Self::Blue => ("#1f6fb2", "#4f95d6"),
        };
        Swatch { light, dark }
    }
}

impl Grade {
    /// The grade's badge colours, green (outstanding) to red (inadequate), grey when not
    /// judged: the window's grade chips and the insights workbook.
    pub fn swatch(self) -> Swatch {
        let (light, dark) = match self {
            Self::Outstanding => ("#1a6e3a", "#2f8f52"),
            Self::Good => ("#4ca05a", "#5eb36c"),
            Self::RequiresImprovement | Self::Adequate => ("#f0a202", "#e3a01a"),
            Self::Inadequate => ("#c62828", "#d64545"),
            Self::NotJudged => ("#9aa3ad", "#6b747e"),
        };
        Swatch { light, dark }
    }
}

/// Near-black or white, whichever contrasts more with `fill` (WCAG relative luminance);
/// near-black for a colour that does not parse.
pub fn text_on(fill: &str) -> &'static str {
    fn channel(c: u8) -> f32 {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    }
    let Some([r, g, b]) = Colour(fill.to_owned()).rgb() else { return DARK_TEXT };
    let luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    // Contrast against white is 1.05/(L+0.05), against black (L+0.05)/0.05; pick the larger.
    if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) { DARK_TEXT } else { "#ffffff" }
}

/// The text colour on light badges.
pub const DARK_TEXT: &str = "#14181c";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_swatch_parses_and_text_contrasts() {
        for swatch in Status::ALL
            .iter()
            .map(|s| s.swatch())
            .chain(Rag::ALL.iter().map(|r| r.swatch()))
            .chain(Grade::ALL.iter().map(|g| g.swatch()))
        {
            for fill in [swatch.light, swatch.dark] {
                assert!(Colour(fill.to_owned()).rgb().is_some(), "{fill}");
            }
        }
        assert_eq!(text_on(Status::NotStarted.swatch().light), DARK_TEXT);
        assert_eq!(text_on(Rag::Red.swatch().light), "#ffffff");
        assert_eq!(text_on("nonsense"), DARK_TEXT);
    }
}
