//! Sections and findings: which heading each paragraph stands under, what kind of item it
//! is (priority action, recommendation, finding, summary), where the report's own content
//! ends (sign-off, Ofsted boilerplate, website furniture), and how list items are cut
//! (sub-bullets of a numbered recommendation, a news article's "should improve X, Y and Z").
//!
//! The parts: `sections` (what a heading opens, where content ends), `lists` (cutting
//! lists into items) and `framework` (cross-references); [`items`] walks the paragraphs.

mod framework;
mod lists;
mod sections;
#[cfg(test)]
mod tests;

pub use framework::framework_ref;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{FindingKind, FrameworkRef, ReportKind};
use crate::parse::normalise::{Block, Start, ends_terminal, is_heading_like};
use crate::parse::rx;
use framework::take_framework_refs;
use lists::{close_letter_list, close_list, ends_unnumbered_list, is_list_subheading, split_should_improve};
use sections::{
    ends_letter_list, heading_mode, is_boilerplate, is_box_heading, is_end, is_table_row, item_kind,
    letter_heading_mode, strengths_mode,
};

/// One item found, before classification and ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its role.
    pub kind: FindingKind,
    /// The heading it stands under.
    pub section: String,
    /// The paragraph number, where numbered.
    pub number: Option<u32>,
    /// The clean text.
    pub text: String,
    /// The first paragraph it comes from.
    pub first_block: usize,
    /// The last paragraph it comes from.
    pub last_block: usize,
    /// A byte range inside the first paragraph, when the item is only part of it.
    pub within: Option<(usize, usize)>,
    /// The national-framework cross-reference cut from the end of the text.
    pub framework_ref: Option<FrameworkRef>,
    /// The printed text cut from the end of `text` (the cross-reference): the source span
    /// is cut to match, and the id still hashes the whole printed item, so ids stay those
    /// of workspaces written before the cross-reference was read.
    pub cut: String,
}

impl Item {
    /// An item made of paragraph `block` alone, its text whole.
    fn from_block(kind: FindingKind, section: String, number: Option<u32>, text: String, block: usize) -> Self {
        Self {
            kind,
            section,
            number,
            text,
            first_block: block,
            last_block: block,
            within: None,
            framework_ref: None,
            cut: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Skip,
    Summary,
    Finding,
    Recommendation,
    Priority,
}

// A findings paragraph's "(Recommendation)" tag, when a page break leaves it alone.
static RECOMMENDATION_TAG: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^\(\s*recommendations?\s*\)\s*\.?$"));

/// Walks the paragraphs and returns every item in report order.
pub fn items(blocks: &[Block], kind: ReportKind) -> Vec<Item> {
    let letter = matches!(kind, ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai);
    let news = kind == ReportKind::NewsArticle;
    let full = kind == ReportKind::FullInspection;
    let mut list_opened_at: Option<usize> = None;
    let mut mode = if letter { Mode::Skip } else { Mode::Summary };
    let mut section = if letter { String::new() } else { "Overview".to_owned() };
    let mut in_preamble = true;
    let mut out = Vec::new();
    let mut list: Vec<(usize, &Block, String)> = Vec::new();
    let mut list_kind = FindingKind::Recommendation;
    // Sub-headings inside a letter's list (block indices): they do not end it.
    let mut sub_headings: Vec<usize> = Vec::new();
    let mut summary_seen = false;
    let mut content_started = false;
    for (i, b) in blocks.iter().enumerate() {
        if is_end(&b.text, letter || news) {
            break;
        }
        if is_boilerplate(&b.text) {
            finish_list(std::mem::take(&mut list), list_kind, letter, &mut sub_headings, &mut out);
            mode = Mode::Skip;
            continue;
        }
        let heading = b.start == Start::Plain && (is_heading_like(&b.text) || (letter && is_box_heading(&b.text)));
        if heading {
            // Judgement-table rows on the first page are not section headings; later, a
            // heading that repeats its area's grade is.
            if is_table_row(&b.text) && (in_preamble || heading_mode(&b.text).is_none()) {
                continue;
            }
            let title = b.text.trim().trim_end_matches([':', '.']).trim().to_owned();
            let new_mode = if news {
                if b.text.trim_end().ends_with(':') {
                    Some(Mode::Finding)
                } else if content_started {
                    Some(Mode::Skip)
                } else {
                    None
                }
            } else if letter {
                letter_heading_mode(&b.text)
            } else {
                strengths_mode(&b.text).or_else(|| heading_mode(&b.text))
            };
            // In a letter's list, a heading that is not one of the letter's sections is a
            // sub-heading of the list ("Leadership and management" among a JTAI's areas for
            // improvement).
            if letter
                && matches!(mode, Mode::Recommendation | Mode::Priority)
                && !new_mode.is_some_and(|m| ends_letter_list(&b.text, m))
            {
                sub_headings.push(i);
                section = title;
                continue;
            }
            if full
                && matches!(mode, Mode::Recommendation | Mode::Priority)
                && is_list_subheading(
                    &b.text,
                    new_mode,
                    list.last().map(|(_, l, _)| *l),
                    blocks.get(i + 1),
                    list_opened_at.is_some_and(|at| i <= at + 2),
                )
            {
                continue;
            }
            let new_mode = match new_mode {
                Some(m) => Some(m),
                // An unknown heading after a list of actions opens new content.
                None if matches!(mode, Mode::Recommendation | Mode::Priority) && !b.text.trim_end().ends_with(':') => {
                    Some(Mode::Finding)
                }
                None => None,
            };
            if let Some(m) = new_mode {
                finish_list(std::mem::take(&mut list), list_kind, letter, &mut sub_headings, &mut out);
                // A letter's summary heading printed again after its lists ("Headline
                // findings" where "Main findings" belongs) opens the findings.
                let m = if letter && m == Mode::Summary && summary_seen { Mode::Finding } else { m };
                summary_seen |= m == Mode::Summary;
                list_opened_at = matches!(m, Mode::Recommendation | Mode::Priority).then_some(i);
                mode = m;
                in_preamble = false;
                section = title;
            } else if !in_preamble {
                section = title;
            }
            continue;
        }
        // A numbered judgement-table row ("1. Children who need help and protection Good").
        if matches!(b.start, Start::Numbered(_)) && b.text.len() < 120 && is_table_row(&b.text) && !b.text.contains('.')
        {
            continue;
        }
        if b.start == Start::Plain && RECOMMENDATION_TAG.is_match(b.text.trim()) {
            continue;
        }
        if full && mode == Mode::Recommendation && ends_unnumbered_list(&list, b) {
            finish_list(std::mem::take(&mut list), list_kind, letter, &mut sub_headings, &mut out);
            mode = Mode::Finding;
            "Inspection findings".clone_into(&mut section);
        }
        // A stray word or two ("and" between two title lines) is not an item.
        if b.start == Start::Plain && b.text.split_whitespace().count() <= 3 && !ends_terminal(&b.text) {
            continue;
        }
        content_started = true;
        let Some(kind_here) = item_kind(mode) else { continue };
        if news && let Some(parts) = split_should_improve(&b.text) {
            for (s, e) in parts {
                let text = b.text[s..e].to_owned();
                let part = Item::from_block(FindingKind::Recommendation, section.clone(), None, text, i);
                out.push(Item { within: Some((s, e)), ..part });
            }
            continue;
        }
        if matches!(mode, Mode::Recommendation | Mode::Priority) {
            list_kind = kind_here;
            list.push((i, b, section.clone()));
            continue;
        }
        let number = match b.start {
            Start::Numbered(n) => Some(n),
            _ => None,
        };
        out.push(Item::from_block(kind_here, section.clone(), number, b.text.clone(), i));
    }
    finish_list(list, list_kind, letter, &mut sub_headings, &mut out);
    take_framework_refs(&mut out);
    out
}

/// Closes the list being collected: a letter's by its own rules, a report's by
/// [`close_list`].
fn finish_list(
    list: Vec<(usize, &Block, String)>,
    kind: FindingKind,
    letter: bool,
    sub_headings: &mut Vec<usize>,
    out: &mut Vec<Item>,
) {
    if letter {
        close_letter_list(list, kind, sub_headings, out);
    } else {
        close_list(list, kind, out);
    }
    sub_headings.clear();
}
