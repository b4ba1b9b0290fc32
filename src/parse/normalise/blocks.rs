//! Paragraphs: clean lines grouped into blocks (bullets, numbered paragraphs, ILACS
//! section headings), and paragraphs split by a page break or a footnote rejoined.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::{collapse_spaces, push_joined, vocabulary};
use super::{Block, Line, Start};
use crate::parse::rx;

pub(super) static NUMBERED: LazyLock<Regex> = LazyLock::new(|| rx(r"^(\d{1,3})\.\s+(\S.*)$"));

// An ILACS section heading ("The experiences and progress of children who need help and
// protection: good", wrapped or not): it starts a paragraph even when no blank line
// parts it from the last bullet of the list above.
static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)^the (?:experiences? and progress of|impact of leaders on)\b[^.;]{0,200}?:\s*(?:outstanding|good|inadequate|requires? improvement)",
    )
});

/// Words a heading never ends with: a paragraph ending in one was cut mid-sentence.
const DANGLING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "in", "for", "with", "that", "is", "are", "was", "were", "be", "by",
    "on", "as", "at", "from", "their", "this", "these", "which", "who", "not", "have", "has", "but", "than", "into",
];

/// Whether text ends like a sentence or a list lead-in.
pub fn ends_terminal(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';', ')', ']', '’', '”', '\'', '"'])
}

/// Whether a paragraph reads like a heading: short, capitalised, not a sentence.
pub fn is_heading_like(text: &str) -> bool {
    let t = text.trim();
    let first_upper = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // A full stop inside means sentences, not a heading ("… arrangements. These children").
    let sentence_inside = t.match_indices(". ").any(|(i, _)| t[i + 2..].starts_with(|c: char| c.is_uppercase()));
    first_upper
        && t.len() < 160
        && !t.ends_with('.')
        && !t.ends_with(';')
        && t.split_whitespace().count() <= 24
        && !sentence_inside
}

/// Whether unpaged text holds one paragraph per line (converter output) rather than
/// lines wrapped at a page width.
fn one_paragraph_per_line(lines: &[Line]) -> bool {
    let non_blank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    if non_blank.is_empty() {
        return true;
    }
    let long = non_blank.iter().filter(|l| l.text.len() > 130).count();
    long * 5 >= non_blank.len()
}

/// The width of a full line of wrapped text (the 90th percentile of line lengths).
fn typical_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines.iter().filter(|l| !l.is_blank()).map(|l| l.text.trim().chars().count()).collect();
    if lens.len() < 10 {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10]
}

/// Whether the line at `at` opens an ILACS section heading, read with the next line so a
/// wrapped heading counts.
fn starts_section_heading(lines: &[Line], at: usize) -> bool {
    let t = lines[at].text.trim();
    if !t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("the ")) {
        return false;
    }
    let next = lines.get(at + 1).filter(|n| n.page == lines[at].page).map_or("", |n| n.text.trim());
    SECTION_HEADING.is_match(&format!("{t} {next}"))
}

/// Groups clean lines into paragraphs and rejoins paragraphs split by page breaks.
pub fn blocks(lines: &[Line], paged: bool) -> Vec<Block> {
    let vocab = vocabulary(lines);
    let per_line = !paged && one_paragraph_per_line(lines);
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut last_number = 0u32;
    let mut prev_blank = true;
    let mut prev_page = 0u32;
    // "1." alone on its line, its paragraph below (pdftotext's raw output).
    let mut pending_number: Option<u32> = None;
    let mut pending_bullet = false;
    // A short line ending a sentence ends its paragraph when no blank line follows.
    let width = typical_width(lines);
    let mut paragraph_ended = false;
    let flush = |cur: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(mut b) = cur.take() {
            b.text = collapse_spaces(&b.text);
            if !b.text.is_empty() {
                out.push(b);
            }
        }
    };
    for (at, l) in lines.iter().enumerate() {
        if l.page != prev_page {
            flush(&mut cur, &mut out);
            prev_blank = true;
            prev_page = l.page;
        }
        if l.is_blank() {
            flush(&mut cur, &mut out);
            prev_blank = true;
            // A bullet glyph alone on its line: the item is on the next text line.
            pending_bullet |= l.bullet;
            continue;
        }
        let is_bullet = l.bullet || std::mem::take(&mut pending_bullet);
        let t = l.text.trim();
        if let Some(n) = t.strip_suffix('.').and_then(|d| d.parse::<u32>().ok())
            && n > 0
            && n <= 400
            && (n == last_number + 1 || n == 1)
        {
            flush(&mut cur, &mut out);
            pending_number = Some(n);
            prev_blank = true;
            continue;
        }
        let numbered = NUMBERED.captures(t).and_then(|c| {
            let n: u32 = c[1].parse().ok()?;
            // "Recommendations" with "1. …" on the very next line: a list restarting at 1.
            let under_heading =
                n == 1 && cur.as_ref().is_some_and(|b| b.start == Start::Plain && is_heading_like(&b.text));
            let plausible = n > 0 && n <= 400 && (per_line || prev_blank || n == last_number + 1 || under_heading);
            plausible.then(|| (n, c.get(2).map_or(0, |m| m.start())))
        });
        let numbered = numbered.or_else(|| pending_number.take().map(|n| (n, 0)));
        let starts_sentence = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let heading_here = cur.as_ref().is_some_and(|b| ends_terminal(&b.text)) && starts_section_heading(lines, at);
        let new_block = per_line
            || is_bullet
            || numbered.is_some()
            || cur.is_none()
            || (paragraph_ended && starts_sentence)
            || heading_here;
        paragraph_ended = !per_line
            && width > 40
            && t.chars().count() * 10 < width * 7
            && t.trim_end_matches(['’', '”', '"', '\'', ')']).ends_with(['.', '!', '?']);
        if new_block {
            flush(&mut cur, &mut out);
            let (start, text) = match numbered {
                Some((n, at)) if !is_bullet => {
                    last_number = n;
                    (Start::Numbered(n), &t[at..])
                }
                _ if is_bullet => (Start::Bullet, t),
                _ => (Start::Plain, t),
            };
            cur = Some(Block { text: text.to_owned(), page: l.page, start, first_on_page: false, last_on_page: false });
        } else if let Some(b) = cur.as_mut() {
            // A table row keeps its column gap so judgements can still be read.
            push_joined(&mut b.text, t, &vocab);
        }
        prev_blank = false;
    }
    flush(&mut cur, &mut out);
    // Page positions.
    for i in 0..out.len() {
        let page = out[i].page;
        out[i].first_on_page = i == 0 || out[i - 1].page != page;
        out[i].last_on_page = i + 1 == out.len() || out[i + 1].page != page;
    }
    merge_split_paragraphs(out, &vocab)
}

/// Rejoins a paragraph that a page break (or a footnote between its halves) split in two.
fn merge_split_paragraphs(blocks: Vec<Block>, vocab: &HashSet<String>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            let across_pages = prev.last_on_page && b.first_on_page && b.page > prev.page;
            let lower = b.text.chars().next().is_some_and(char::is_lowercase);
            // "Too many assessments are" is half a sentence, not a heading.
            let dangling =
                prev.text.rsplit(' ').next().is_some_and(|w| DANGLING_WORDS.contains(&w.to_lowercase().as_str()));
            let prev_open = !ends_terminal(&prev.text)
                && (prev.start != Start::Plain
                    || !is_heading_like(&prev.text)
                    || ((across_pages || dangling) && lower));
            let continues = b.start == Start::Plain
                && (lower || (across_pages && ends_terminal(&b.text) && !is_heading_like(&b.text)));
            if prev_open && continues {
                let mut text = std::mem::take(&mut prev.text);
                push_joined(&mut text, &b.text, vocab);
                prev.text = text;
                prev.last_on_page = b.last_on_page;
                continue;
            }
        }
        out.push(b);
    }
    out
}
