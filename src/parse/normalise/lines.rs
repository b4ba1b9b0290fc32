//! Characters and line ends: ligatures and odd spaces, converter `**`, bullet glyphs,
//! superscript and glued footnote markers within a line, and line-end hyphenation when
//! lines are joined into a paragraph.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Line;
use crate::parse::rx;

// A footnote number glued to the end of a word: "improve?1", "Board1", "area2,".
static GLUED_FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| rx(r"([a-z]{2}[?!:.)’']?)(\d{1,2})([\s,.;:]|$)"));

const SUPERSCRIPTS: &[char] = &['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// Prefixes that are words before a hyphen in compounds ("semi-independent").
const HYPHEN_PREFIXES: &[&str] = &[
    "semi", "non", "self", "well", "multi", "co", "pre", "post", "re", "sub", "anti", "cross", "inter", "under",
    "over", "part", "full", "long", "short", "high", "low", "ex", "step", "half", "out", "in", "on", "off", "up",
    "down", "de", "mid", "age", "year", "day", "front", "back", "first", "second", "third", "care", "child", "inter",
    "intra", "extra", "face", "time", "court", "case", "cross", "early", "late", "joined", "joint", "all", "far",
    "wide", "hard", "ill",
];

/// Cleans one line's characters: ligatures (NFKC), odd spaces, `**`, stray private-use
/// glyphs, superscript and glued footnote markers. Returns the text, whether it began
/// with a bullet glyph, whether it began with a superscript footnote number, and the
/// footnote numbers it removed.
pub fn clean_line(raw: &str, markers: &mut HashSet<u32>) -> (String, bool, bool) {
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{FB00}'..='\u{FB06}' => {
                use unicode_normalization::UnicodeNormalization as _;
                s.extend(std::iter::once(c).nfkc());
            }
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => s.push(' '),
            // Word's hyphen and non-breaking hyphen: the same word as a plain hyphen, and a
            // glyph many fonts lack.
            '\u{2010}' | '\u{2011}' => s.push('-'),
            '\t' => s.push_str("  "),
            '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\r' | '\u{C}' => {}
            _ => s.push(c),
        }
    }
    if s.contains("**") {
        s = s.replace("**", "");
    }
    // Bullet glyph at the start.
    let trimmed = s.trim_start();
    let mut bullet = false;
    let mut footnote_line = false;
    let mut body = trimmed;
    if let Some(first) = trimmed.chars().next() {
        let rest = &trimmed[first.len_utf8()..];
        let glyph = matches!(
            first,
            '◼' | '◻'
                | '▪'
                | '▫'
                | '•'
                | '●'
                | '○'
                | '■'
                | '□'
                | '‣'
                | '⁃'
                | '∙'
                | '·'
                | '➢'
                | '✓'
                | '\u{F000}'..='\u{F0FF}'
        ) || (matches!(first, '-' | '–' | '—' | '*') && rest.starts_with([' ', '\t']));
        if glyph {
            bullet = true;
            body = rest.trim_start();
        } else if SUPERSCRIPTS.contains(&first) {
            footnote_line = true;
        }
    }
    let mut out = String::with_capacity(body.len());
    let mut prev: Option<char> = None;
    for c in body.chars() {
        if ('\u{F000}'..='\u{F0FF}').contains(&c) {
            continue;
        }
        if let Some(i) = SUPERSCRIPTS.iter().position(|&x| x == c) {
            if prev.is_some_and(|p| !p.is_whitespace()) {
                markers.insert(((i + 1) % 10) as u32);
                continue;
            }
            if footnote_line {
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
    }
    if out.bytes().any(|b| b.is_ascii_digit()) && GLUED_FOOTNOTE.is_match(&out) {
        out = GLUED_FOOTNOTE
            .replace_all(&out, |caps: &regex::Captures<'_>| {
                if let Ok(n) = caps[2].parse::<u32>() {
                    markers.insert(n);
                }
                format!("{}{}", &caps[1], &caps[3])
            })
            .into_owned();
    }
    (out.trim_end().to_owned(), bullet, footnote_line)
}

/// The words of the document, for deciding line-end hyphens.
pub(super) fn vocabulary(lines: &[Line]) -> HashSet<String> {
    let mut vocab = HashSet::new();
    let mut prev_hyphen = false;
    for l in lines {
        let t = l.text.trim_end();
        let ends_hyphen = t.ends_with('-');
        let words: Vec<&str> = t.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        let n = words.len();
        for (i, w) in words.iter().enumerate() {
            if (i == 0 && prev_hyphen) || (i + 1 == n && ends_hyphen) {
                continue;
            }
            vocab.insert(w.to_lowercase());
        }
        prev_hyphen = ends_hyphen;
    }
    vocab
}

/// Whether a line-end hyphen between `left` (ending in '-') and `right` is a real hyphen.
pub fn keep_hyphen(left: &str, right: &str, vocab: &HashSet<String>) -> bool {
    let stem = left.trim_end_matches('-');
    let left_word: String =
        stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let right_word: String = right.chars().take_while(|c| c.is_alphabetic()).collect();
    if left_word.is_empty() || right_word.is_empty() {
        return true;
    }
    // "out-of-⏎hours": the fragment is already a compound.
    let before = &stem[..stem.len() - left_word.len()];
    if before.ends_with('-') {
        return true;
    }
    if right_word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let lw = left_word.to_lowercase();
    let rw = right_word.to_lowercase();
    let joined = format!("{lw}{rw}");
    if vocab.contains(&joined) {
        return false;
    }
    // "offi-⏎cation": a word-ending fragment, never a word of its own.
    const SUFFIXES: &[&str] = &[
        "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ence", "ally", "ical",
        "cial", "tive", "tively", "ised", "ising",
    ];
    if SUFFIXES.contains(&rw.as_str()) {
        return false;
    }
    // Reports are rarely hyphenated by the typesetter: a line-end hyphen is real unless
    // neither side is a word on its own ("offi-⏎cial").
    let known = |w: &str| vocab.contains(w) || HYPHEN_PREFIXES.contains(&w);
    known(&lw) || known(&rw)
}

/// Appends a line to a paragraph, joining a line-end hyphen when it is a break, not a hyphen.
pub(super) fn push_joined(buf: &mut String, next: &str, vocab: &HashSet<String>) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if buf.is_empty() {
        buf.push_str(next);
        return;
    }
    let ends_hyphen = buf.ends_with('-') && buf[..buf.len() - 1].chars().last().is_some_and(char::is_alphabetic);
    if ends_hyphen {
        if !keep_hyphen(buf, next, vocab) {
            buf.pop();
        }
        buf.push_str(next);
    } else {
        buf.push(' ');
        buf.push_str(next);
    }
}

pub(super) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}
