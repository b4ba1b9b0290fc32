//! Lists: how a recommendation or priority list is cut into items (numbered items and
//! their sub-bullets, a letter's bullets, a list saying it is empty, a news article's
//! "should improve X, Y and Z"), and where an improvement list ends.

use std::sync::LazyLock;

use regex::Regex;

use super::{Item, Mode};
use crate::model::FindingKind;
use crate::parse::normalise::{Block, Start, ends_terminal};
use crate::parse::rx;

static SHOULD_IMPROVE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)\bshould (?:improve|address|strengthen|develop|prioritise|focus on)\s+(.+?)\.?$"));
static LIST_SPLIT: LazyLock<Regex> = LazyLock::new(|| rx(r"(,\s+(?:and\s+)?|\s+and\s+)(?:the|its|their)\s"));

// "There are no areas of priority action.", "The inspection did not find any areas for
// priority and immediate action.": a list saying it is empty has no item.
static EMPTY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)^(?:there (?:are|were|is) no|the inspection did not (?:find|identify)(?: any)?|inspectors did not (?:find|identify)(?: any)?|no)\s+(?:areas?|actions?|items?|recommendations?)\s+(?:of|for|requiring|were)\b.*\b(?:priority|immediate)\b|^(?:none|none identified|not applicable)\.?$",
    )
});

static REC_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)(?:should take the following actions?|following (?:actions?|areas?(?: for improvement)?)\s*[.:]?$|should:?$|:$)",
    )
});

/// The items of one recommendation or priority list, cut as the report lists them.
pub(super) fn close_list(list: Vec<(usize, &Block, String)>, kind: FindingKind, out: &mut Vec<Item>) {
    if list.is_empty() {
        return;
    }
    let numbered = list.iter().filter(|(_, b, _)| matches!(b.start, Start::Numbered(_))).count();
    let bullets = list.iter().filter(|(_, b, _)| b.start == Start::Bullet).count();
    let mut items: Vec<Item> = Vec::new();
    for (i, b, section) in list {
        let number = match b.start {
            Start::Numbered(n) => Some(n),
            _ => None,
        };
        if EMPTY_LIST.is_match(b.text.trim()) {
            continue;
        }
        let intro = REC_INTRO.is_match(b.text.trim_end());
        // Sub-bullets of a numbered recommendation belong to it.
        if b.start == Start::Bullet
            && numbered >= 2
            && let Some(last) = items.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(&b.text);
            last.last_block = i;
            continue;
        }
        // A lone numbered or plain lead-in to a bulleted list is not itself an item.
        let listed = numbered >= 2 && number.is_some();
        if !listed && b.start != Start::Bullet && bullets > 0 && (intro || (numbered == 1 && number.is_some())) {
            continue;
        }
        if b.start == Start::Plain && intro && bullets + numbered > 0 {
            continue;
        }
        // An unmarked paragraph that finishes the item before it.
        if b.start == Start::Plain
            && bullets + numbered > 0
            && let Some(last) = items.last_mut()
            && !ends_terminal(&last.text)
        {
            last.text.push(' ');
            last.text.push_str(&b.text);
            last.last_block = i;
            continue;
        }
        items.push(Item::from_block(kind, section, number, b.text.clone(), i));
    }
    out.extend(items);
}

/// "There are no areas for priority action", "There are no additional priority actions":
/// a list that says it is empty.
static NO_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)\bthere (?:are|were|is) no (?:new |additional |further |other )?(?:areas? (?:for|of) )?(?:priority actions?|priority and immediate action|improvements?|recommendations?)\b|\bdid not (?:find|identify) any (?:areas? (?:for|of) )?priority",
    )
});

/// A sub-bullet of a letter's list item ("− ensuring that …", "⎯ …"): the text after its mark.
fn sub_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let rest = t.strip_prefix(['\u{2212}', '\u{23AF}', 'o'])?;
    rest.starts_with(' ').then(|| rest.trim_start())
}

/// The items of one of a letter's lists ("Areas for priority action", "What needs to
/// improve…", a JTAI's "Areas for improvement"): its top-level bullets. A lead-in sentence,
/// a sentence saying there are none, and sub-bullets are not items (sub-bullets belong to
/// their item, as does a paragraph continuing it across a page). Prose after a sub-heading
/// in a bulleted list is findings under that heading. A list without bullets is written as
/// prose: each paragraph is an item.
pub(super) fn close_letter_list(
    list: Vec<(usize, &Block, String)>,
    kind: FindingKind,
    sub_headings: &[usize],
    out: &mut Vec<Item>,
) {
    let bullets = list.iter().filter(|(_, b, _)| b.start == Start::Bullet).count();
    let mut items: Vec<Item> = Vec::new();
    let mut prose = false;
    let mut prev: Option<(usize, &Block)> = None;
    let append = |item: &mut Item, text: &str, i: usize| {
        item.text.push(' ');
        item.text.push_str(text);
        item.last_block = i;
    };
    for (i, b, section) in list {
        let text = b.text.trim();
        if prev.is_some_and(|(p, _)| sub_headings.iter().any(|&h| h > p && h < i)) {
            prose = true;
        }
        let last_listed = items.last_mut().filter(|it| it.kind == kind);
        let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
        let split_from_prev = prev.is_some_and(|(_, pb)| pb.last_on_page && b.first_on_page && b.page > pb.page);
        prev = Some((i, b));
        if let Some(sub) = sub_bullet(text)
            && let Some(last) = last_listed
        {
            append(last, sub, i);
            continue;
        }
        if text.len() < 300 && NO_ITEMS.is_match(text) {
            continue;
        }
        let number = match b.start {
            Start::Numbered(n) => Some(n),
            _ => None,
        };
        let new_item = |kind| Item::from_block(kind, section.clone(), number, text.to_owned(), i);
        match b.start {
            Start::Bullet => {
                // A lower-case bullet under a bullet that ends in a colon is its sub-bullet.
                if starts_lower
                    && let Some(last) = last_listed
                    && last.text.ends_with(':')
                {
                    append(last, text, i);
                    continue;
                }
                prose = false;
                items.push(new_item(kind));
            }
            Start::Numbered(_) => {
                prose = false;
                items.push(new_item(kind));
            }
            Start::Plain => {
                let intro = REC_INTRO.is_match(text);
                if intro {
                    continue;
                }
                if bullets == 0 {
                    items.push(new_item(kind));
                } else if prose {
                    items.push(new_item(FindingKind::Finding));
                } else if let Some(last) = last_listed
                    && (starts_lower || split_from_prev)
                {
                    append(last, text, i);
                } else if items.iter().any(|it| it.kind == kind) {
                    // Prose after the bullets is not one of them.
                    items.push(new_item(FindingKind::Finding));
                }
                // Before the first bullet: a lead-in.
            }
        }
    }
    out.extend(items);
}

/// A news article's "X should improve A, B and C": one recommendation each, as byte
/// ranges of `text`.
pub(super) fn split_should_improve(text: &str) -> Option<Vec<(usize, usize)>> {
    let c = SHOULD_IMPROVE.captures(text)?;
    let list = c.get(1)?;
    let body = list.as_str().trim_end_matches('.');
    let base = list.start();
    let mut bounds = Vec::new();
    let mut from = 0;
    for m in LIST_SPLIT.captures_iter(body) {
        let (Some(whole), Some(joiner)) = (m.get(0), m.get(1)) else { continue };
        bounds.push((from, whole.start()));
        from = whole.start() + joiner.len();
    }
    bounds.push((from, body.len()));
    let parts: Vec<(usize, usize)> = bounds
        .into_iter()
        .filter_map(|(s, e)| {
            let piece = &body[s..e];
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                return None;
            }
            let lead = piece.len() - piece.trim_start().len();
            Some((base + s + lead, base + s + lead + trimmed.len()))
        })
        .collect();
    (!parts.is_empty()).then_some(parts)
}

/// Whether a heading inside a SIF or 2013 improvement list is a theme sub-heading
/// ("Leadership, management and governance", "Quality of social work practice") that the
/// list runs on under: the items around it continue one another (the next number, or
/// bullet after bullet). A section's own heading ("The experiences and progress of…") ends
/// the list even when its paragraphs continue the report's numbering.
pub(super) fn is_list_subheading(
    heading: &str,
    mode: Option<Mode>,
    last: Option<&Block>,
    next: Option<&Block>,
    just_opened: bool,
) -> bool {
    if !matches!(mode, None | Some(Mode::Finding)) {
        return false;
    }
    let h = heading.trim().to_lowercase().replace('’', "'");
    let section = ["the experience", "experiences and progress", "the impact of leaders", "summary", "information"]
        .iter()
        .any(|p| h.starts_with(p))
        || h.contains("findings")
        || h.contains("strengths");
    if section {
        return false;
    }
    match (last.map(|b| b.start), next.map(|b| b.start)) {
        (Some(Start::Numbered(n)), Some(Start::Numbered(m))) => m == n + 1,
        (Some(Start::Bullet), Some(Start::Bullet)) => true,
        // The first theme, right under the list's own heading.
        (None, Some(Start::Numbered(_) | Start::Bullet)) => just_opened,
        _ => false,
    }
}

/// Whether a paragraph ends an improvement list that has no numbered items: the ILACS
/// "What needs to improve" bullets give way to the findings paragraphs (numbered, or a
/// sentence after the last bullet), even when the section heading between them is
/// missing or ran into the last bullet.
pub(super) fn ends_unnumbered_list(list: &[(usize, &Block, String)], b: &Block) -> bool {
    if list.iter().any(|(_, l, _)| matches!(l.start, Start::Numbered(_))) {
        return false;
    }
    let bullets = list.iter().any(|(_, l, _)| l.start == Start::Bullet);
    // A sentence after the last finished bullet is the findings' first, not an item.
    if b.start == Start::Plain {
        let after_bullet = list.last().is_some_and(|(_, l, _)| l.start == Start::Bullet && ends_terminal(&l.text));
        return after_bullet
            && ends_terminal(&b.text)
            && b.text.split_whitespace().count() >= 8
            && !REC_INTRO.is_match(b.text.trim_end());
    }
    let Start::Numbered(n) = b.start else { return false };
    // Items whose bullet glyphs were lost: the findings restart the numbering at 1.
    let plain_items =
        list.iter().any(|(_, l, _)| l.start == Start::Plain && ends_terminal(&l.text) && !REC_INTRO.is_match(&l.text));
    bullets || (n == 1 && plain_items)
}
