//! Conversion scars → clean lines and paragraphs.
//!
//! Owns every step that turns extracted page text into the report's own words: ligatures
//! and odd spaces, converter tags (`<p>`, `**`), bullet glyphs, footnote markers glued to
//! words and footnote bodies at page feet, running headers and footers, page numbers,
//! tables of contents, line-end hyphenation, and paragraphs split by page breaks.
//! It knows nothing about sections or findings; `structure` does.
//!
//! The steps live by what they own: `lines` (characters, bullets, hyphenation),
//! `furniture` (page furniture, and [`clean_lines`], pages to clean lines), `footnotes`
//! (footnote bodies) and `blocks` (paragraphs).

mod blocks;
mod footnotes;
mod furniture;
mod lines;
#[cfg(test)]
mod tests;

pub use blocks::{blocks, ends_terminal, is_heading_like};
pub use furniture::clean_lines;
pub use lines::{clean_line, keep_hyphen};

/// One cleaned line of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The text, without bullet glyph or converter marks; runs of spaces kept (tables).
    pub text: String,
    /// The 1-based page the line is on.
    pub page: u32,
    /// Whether the line started with a bullet glyph.
    pub bullet: bool,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// How a paragraph starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Ordinary prose or a heading.
    Plain,
    /// A bulleted item.
    Bullet,
    /// A numbered paragraph ("12. ...").
    Numbered(u32),
}

/// A paragraph of the normalised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The paragraph text, whitespace collapsed, without its bullet or number.
    pub text: String,
    /// The page it starts on (1-based).
    pub page: u32,
    /// How it starts.
    pub start: Start,
    /// Whether it was the first paragraph of its page.
    pub first_on_page: bool,
    /// Whether it was the last paragraph of its page.
    pub last_on_page: bool,
}

/// The document after normalisation.
#[derive(Clone, Debug, Default)]
pub struct Normalised {
    /// Clean lines (furniture removed), for table-shaped data such as judgements.
    pub lines: Vec<Line>,
    /// Paragraphs, with page-split ones rejoined.
    pub blocks: Vec<Block>,
}

/// Runs every normalisation step over a document's pages.
pub fn normalise(pages: &[String], paged: bool) -> Normalised {
    let (lines, _markers) = clean_lines(pages);
    let blocks = blocks(&lines, paged);
    Normalised { lines, blocks }
}
