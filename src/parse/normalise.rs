//! Conversion scars → clean lines and paragraphs.
//!
//! Owns every step that turns extracted page text into the report's own words: ligatures
//! and odd spaces, converter tags (`<p>`, `**`), bullet glyphs, footnote markers glued to
//! words and footnote bodies at page feet, running headers and footers, page numbers,
//! tables of contents, line-end hyphenation, and paragraphs split by page breaks.
//! It knows nothing about sections or findings; `structure` does.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

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

static TAG_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</p>|<br\s*/?>").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|b|i|u|strong|em|span|div|h[1-6]|li|ul|ol|font)\b[^>\n]*>").expect("valid regex")
});
// A footnote number glued to the end of a word: "improve?1", "Board1", "area2,".
static GLUED_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([a-z]{2}[?!:.)’']?)(\d{1,2})([\s,.;:]|$)").expect("valid regex"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$").expect("valid regex"));
static FOOTNOTE_BODY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(\d{1,2})\s+[A-Z]").expect("valid regex"));
static TOC_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S.*?(?:\s{2,}|\t|\.{3,}\s*|\s)\d{1,3}\s*$").expect("valid regex"));
// "Inspection of X local authority children's services  7 to 18 November 2022  2" in
// unpaged text, where repetition across pages cannot be seen.
static RUNNING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:inspection of .+?children['’]s services|.+?inspection of looked after children services)\s+(?:\d{1,2}[\s\w–-]*?\d{2,4}\s+)?\d{1,3}\s*$")
        .expect("valid regex")
});

// A month and a year at the start of a line: the rest of a date whose day the converter
// broke off.
static MONTH_YEAR_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)^\s*(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b",
    )
    .expect("valid regex")
});
// One piece of Ofsted's address block as letters print it at the head or foot of the first
// page: the name, the addresses of its offices, telephone numbers, email and website.
// These patterns are ASCII (`-u`): Unicode classes would cost more to build than to run.
static ADDRESS_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)^(?:ofsted|piccadilly gate|store street|manchester|m1 2wd|aviation house|125 kingsway|london|wc2b 6se|agora|6 cumberland place|nottingham|ng1 6hj|(?:t|f|tel|telephone|textphone|minicom|fax|direct (?:t|tel|line))\s*:?\s*0\d{2,4}(?:\s?\d{3,4}){1,3}|(?:direct )?(?:e-?mail\s*:?\s*)?[\w.+-]+@ofsted\.gov\.uk|(?:https?://)?www\.gov\.uk/(?:government/organisations/)?ofsted|(?:https?://)?www\.ofsted\.gov\.uk)(?:[\s,]+|$)",
    )
    .expect("valid regex")
});
// What tells Ofsted's own address block from an ordinary line naming a city.
static ADDRESS_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)piccadilly gate|aviation house|cumberland place|textphone|enquiries@ofsted\.gov\.uk")
        .expect("valid regex")
});

// An ILACS section heading ("The experiences and progress of children who need help and
// protection: good", wrapped or not): it starts a paragraph even when no blank line
// parts it from the last bullet of the list above.
static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^the (?:experiences? and progress of|impact of leaders on)\b[^.;]{0,200}?:\s*(?:outstanding|good|inadequate|requires? improvement)")
        .expect("valid regex")
});

const SUPERSCRIPTS: &[char] = &['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// Words a heading never ends with: a paragraph ending in one was cut mid-sentence.
const DANGLING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "in", "for", "with", "that", "is", "are", "was", "were", "be", "by",
    "on", "as", "at", "from", "their", "this", "these", "which", "who", "not", "have", "has", "but", "than", "into",
];

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

fn is_day_number(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 2 && t.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// How many bytes at the start of `text` are pieces of Ofsted's address block.
fn address_prefix(text: &str) -> usize {
    let mut at = text.len() - text.trim_start().len();
    while let Some(m) = ADDRESS_PIECE.find(&text[at..]) {
        if m.as_str().is_empty() {
            break;
        }
        at += m.end();
    }
    at
}

/// Where Ofsted's address block sits inside a line of other text (byte range): the longest
/// run of its pieces, starting at a word, that holds a piece unmistakably Ofsted's.
fn address_within(text: &str) -> Option<(usize, usize)> {
    let mark = ADDRESS_MARK.find(text)?;
    let starts =
        std::iter::once(0).chain(text.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8()));
    starts.take_while(|&p| p <= mark.start()).find_map(|p| {
        let end = p + address_prefix(&text[p..]);
        (end >= mark.end()).then_some((p, end))
    })
}

/// Drops Ofsted's address block ("Ofsted Piccadilly Gate Store Street Manchester M1 2WD
/// T 0300 123 1231 Textphone … www.gov.uk/ofsted"), page furniture that the converter may
/// place anywhere on the page, even between the halves of a paragraph. A run of lines made
/// only of its pieces goes when one of them is unmistakably Ofsted's; a line that holds the
/// block among other words keeps the other words.
fn strip_ofsted_address(lines: &mut Vec<Line>, notes: &mut Vec<bool>) {
    let whole: Vec<bool> = lines.iter().map(|l| !l.is_blank() && address_prefix(&l.text) == l.text.len()).collect();
    let mut drop = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !whole[i] {
            i += 1;
            continue;
        }
        // The run: address lines, with blank lines between them.
        let mut end = i;
        let mut j = i;
        while j < lines.len() && (whole[j] || lines[j].is_blank()) {
            if whole[j] {
                end = j;
            }
            j += 1;
        }
        if lines[i..=end].iter().any(|l| ADDRESS_MARK.is_match(&l.text)) {
            for (k, l) in lines.iter().enumerate().take(end + 1).skip(i) {
                drop[k] = !l.is_blank();
            }
        }
        i = end + 1;
    }
    for (l, gone) in lines.iter_mut().zip(&drop) {
        if !*gone && let Some(cut) = address_within(&l.text) {
            let (before, after) = (l.text[..cut.0].trim_end(), l.text[cut.1..].trim_start());
            l.text = if before.is_empty() || after.is_empty() {
                format!("{before}{after}")
            } else {
                format!("{before} {after}")
            };
        }
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    let mut k = 0;
    notes.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// The key under which a line counts as repeated page furniture: lower case, digits
/// folded, spaces collapsed.
fn furniture_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut last_space = true;
    let mut last_digit = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                key.push('#');
            }
            last_digit = true;
            last_space = false;
        } else if c.is_whitespace() {
            if !last_space {
                key.push(' ');
            }
            last_space = true;
            last_digit = false;
        } else {
            key.extend(c.to_lowercase());
            last_space = false;
            last_digit = false;
        }
    }
    key.trim().to_owned()
}

/// Splits pages into clean lines: converter tags, glyphs and markers removed, running
/// headers and footers, page numbers, footnote bodies and the table of contents dropped.
pub fn clean_lines(pages: &[String]) -> (Vec<Line>, HashSet<u32>) {
    let mut markers = HashSet::new();
    let mut per_page: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
    let mut footnote_lines: Vec<Vec<bool>> = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let page: std::borrow::Cow<'_, str> = if page.contains('<') {
            let broken = TAG_BREAK.replace_all(page, "\n\n");
            TAG.replace_all(&broken, "").into_owned().into()
        } else {
            page.into()
        };
        let mut lines = Vec::new();
        let mut notes = Vec::new();
        let raw_lines: Vec<&str> = page.lines().collect();
        let mut day: Option<String> = None;
        for (j, raw) in raw_lines.iter().enumerate() {
            let (mut text, bullet, footnote) = clean_line(raw, &mut markers);
            if let Some(d) = day.take() {
                text = format!("{d} {}", text.trim_start());
            }
            // "22⏎ February 2018": the converter put the day on a line of its own, where it
            // would pass for a page number.
            if is_day_number(&text) && raw_lines.get(j + 1).is_some_and(|n| MONTH_YEAR_START.is_match(n)) {
                day = Some(text.trim().to_owned());
                continue;
            }
            lines.push(Line { text, page: page_no, bullet });
            notes.push(footnote);
        }
        // Most pages have no address block: one scan of the page spares a look at each line.
        if ADDRESS_MARK.is_match(&page) {
            strip_ofsted_address(&mut lines, &mut notes);
        }
        per_page.push(lines);
        footnote_lines.push(notes);
    }
    if per_page.len() > 1 {
        remove_repeated_furniture(&mut per_page);
    }
    let paged = per_page.len() > 1;
    let mut out = Vec::new();
    for (lines, notes) in per_page.into_iter().zip(footnote_lines) {
        let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
        for (line, note) in lines.into_iter().zip(notes) {
            let t = line.text.trim();
            if note {
                // A footnote body flagged by its superscript number.
                continue;
            }
            if BARE_NUMBER.is_match(t) && !t.is_empty() {
                if let Ok(n) = t.parse::<u32>()
                    && n < 30
                {
                    markers.insert(n);
                }
                continue;
            }
            if !paged && RUNNING_HEADER.is_match(t) {
                continue;
            }
            kept.push(line);
        }
        if paged {
            drop_footnote_bodies(&mut kept, &markers);
        }
        out.extend(kept);
    }
    if !paged {
        remove_repeated_numbered_lines(&mut out);
    }
    remove_contents(&mut out);
    (out, markers)
}

/// Paged sources: a line near the top or bottom of a page whose key recurs on many pages
/// is a running header or footer.
fn remove_repeated_furniture(pages: &mut [Vec<Line>]) {
    const TOP: usize = 8;
    const BOTTOM: usize = 5;
    let candidates = |lines: &[Line]| -> Vec<usize> {
        let non_blank: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !l.is_blank()).map(|(i, _)| i).collect();
        let mut idx: Vec<usize> = non_blank.iter().take(TOP).copied().collect();
        idx.extend(non_blank.iter().rev().take(BOTTOM).copied());
        idx.sort_unstable();
        idx.dedup();
        idx
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let mut seen = HashSet::new();
        for i in candidates(lines) {
            let key = furniture_key(&lines[i].text);
            if key.len() > 1 && seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let threshold = (pages.len() * 3 / 10).max(2);
    for lines in pages.iter_mut() {
        let drop: Vec<usize> = candidates(lines)
            .into_iter()
            .filter(|&i| {
                let key = furniture_key(&lines[i].text);
                key.len() < 200 && counts.get(&key).is_some_and(|&n| n >= threshold)
            })
            .collect();
        for i in drop.into_iter().rev() {
            lines.remove(i);
        }
    }
}

/// Unpaged text: lines with digits that recur three or more times (headers whose page
/// number changes) are furniture.
fn remove_repeated_numbered_lines(lines: &mut Vec<Line>) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter() {
        if l.text.len() < 150 && l.text.bytes().any(|b| b.is_ascii_digit()) {
            *counts.entry(furniture_key(&l.text)).or_default() += 1;
        }
    }
    lines.retain(|l| {
        // Headers have words; a lone "3." is a paragraph number.
        let has_words = l.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        !(has_words
            && l.text.len() < 150
            && l.text.bytes().any(|b| b.is_ascii_digit())
            && !NUMBERED.is_match(l.text.trim())
            && !l.bullet
            && counts.get(&furniture_key(&l.text)).is_some_and(|&n| n >= 3))
    });
}

/// Drops a footnote body at the foot of a page: from a line "N Text" (N a footnote marker
/// seen in the text) to the end of the page.
fn drop_footnote_bodies(lines: &mut Vec<Line>, markers: &HashSet<u32>) {
    let last_text = lines.iter().rposition(|l| !l.is_blank());
    let Some(last_text) = last_text else { return };
    // Look back over the last few paragraphs only.
    let floor = last_text.saturating_sub(14);
    let mut cut = None;
    for i in (floor..=last_text).rev() {
        let l = &lines[i];
        if let Some(c) = FOOTNOTE_BODY.captures(&l.text) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let after_blank = i == 0 || lines[i - 1].is_blank();
            if markers.contains(&n) && after_blank && !l.bullet {
                cut = Some(i);
            }
        }
    }
    if let Some(i) = cut {
        lines.truncate(i);
    }
}

/// Drops a table of contents: "Contents" and the entries ending in page numbers after it.
fn remove_contents(lines: &mut Vec<Line>) {
    let Some(start) = lines.iter().position(|l| {
        let t = l.text.trim().to_ascii_lowercase();
        t == "contents" || t == "table of contents"
    }) else {
        return;
    };
    let is_entry = |l: &Line| TOC_ENTRY.is_match(l.text.trim_end()) && l.text.trim().len() < 120;
    let mut end = start + 1;
    while end < lines.len() {
        let l = &lines[end];
        if l.is_blank() || is_entry(l) {
            end += 1;
            continue;
        }
        // An entry's title wrapped over two lines: the next non-blank line is an entry.
        let next = lines[end + 1..].iter().find(|n| !n.is_blank());
        if l.text.trim().len() < 100 && !l.text.trim_end().ends_with('.') && next.is_some_and(is_entry) {
            end += 1;
            continue;
        }
        break;
    }
    // Keep the last page-number-less line out of the cut if nothing was an entry.
    if lines[start + 1..end].iter().any(is_entry) {
        lines.drain(start..end);
    }
}

/// The words of the document, for deciding line-end hyphens.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
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
fn push_joined(buf: &mut String, next: &str, vocab: &HashSet<String>) {
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

fn collapse_spaces(s: &str) -> String {
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

/// Runs every normalisation step over a document's pages.
pub fn normalise(pages: &[String], paged: bool) -> Normalised {
    let (lines, _markers) = clean_lines(pages);
    let blocks = blocks(&lines, paged);
    Normalised { lines, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (String, bool) {
        let mut m = HashSet::new();
        let (t, b, _) = clean_line(s, &mut m);
        (t, b)
    }

    #[test]
    fn ligatures_and_spaces() {
        assert_eq!(clean("ef\u{FB01}cient o\u{FB03}ce \u{FB02}ow\u{A0}now").0, "efficient office flow now");
        assert_eq!(clean("child\u{2011}in\u{2011}need").0, "child-in-need");
    }

    #[test]
    fn markdown_bold_is_dropped() {
        assert_eq!(clean("T 0300 **Textphone** 0161").0, "T 0300 Textphone 0161");
    }

    #[test]
    fn bullet_glyphs_are_stripped_and_flagged() {
        for s in [
            "◼  The practice response",
            "• The practice response",
            "- The practice response",
            "\u{F0B7} The practice response",
            "\u{F06E}  The practice response",
            "  \u{F0A7}  The practice response",
            "* The practice response",
            "– The practice response",
        ] {
            assert_eq!(clean(s), ("The practice response".to_owned(), true), "{s:?}");
        }
        assert!(!clean("-based").1);
    }

    #[test]
    fn glued_footnote_markers_are_removed() {
        let mut m = HashSet::new();
        assert_eq!(clean_line("What needs to improve?1", &mut m).0, "What needs to improve?");
        assert_eq!(
            clean_line("Review of the Local Safeguarding Children Board1", &mut m).0,
            "Review of the Local Safeguarding Children Board"
        );
        assert_eq!(clean_line("this area² and", &mut m).0, "this area and");
        assert!(m.contains(&1) && m.contains(&2));
        // Codes and years are left alone.
        assert_eq!(clean_line("Manchester M1 2WD in 2019 COVID-19", &mut m).0, "Manchester M1 2WD in 2019 COVID-19");
    }

    #[test]
    fn converter_tags_break_paragraphs() {
        let (lines, _) = clean_lines(&["<p>Summary</p> <p>The quality of work.</p>".to_owned()]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["Summary", "The quality of work."]);
    }

    fn page(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn running_headers_and_page_numbers_are_removed() {
        let words = ["Leaders", "Managers", "Partners", "Carers", "Workers"];
        let header = |n: usize| {
            format!(
                "Inspection of Norfolk local authority children’s services\n7 to 18 November 2022  {n}\n\n{} act.\n\n  {n} \n",
                words[n - 1]
            )
        };
        let pages: Vec<String> = (1..=5).map(header).collect();
        let (lines, _) = clean_lines(&pages);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["Leaders act.", "Managers act.", "Partners act.", "Carers act.", "Workers act."]);
    }

    #[test]
    fn running_header_in_unpaged_text_is_removed() {
        let text = "First half of a\nInspection of Norfolk local authority children's services  7 to 18 November 2022  2\nparagraph.";
        let (lines, _) = clean_lines(&[page(text)]);
        assert!(lines.iter().all(|l| !l.text.contains("Inspection of Norfolk")));
        let headers = "a\n8 June to 19 June 26  2\nb\n8 June to 19 June 26  3\nc\n8 June to 19 June 26  4\n";
        let (lines, _) = clean_lines(&[page(headers)]);
        assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn footnote_body_at_page_foot_is_dropped() {
        let pages = vec![
            page(
                "What needs to improve?1\n\nThe first point, which runs\n\n1 The areas for improvement have been cross-referenced.\nwith the framework.\n",
            ),
            page("on to the next page.\n"),
        ];
        let n = normalise(&pages, true);
        let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["What needs to improve?", "The first point, which runs on to the next page."]);
    }

    #[test]
    fn superscript_footnote_paragraph_is_dropped() {
        let (lines, _) = clean_lines(&[page(
            "Information about this area²\n\n² The local authority was given the opportunity.\n\nNext.",
        )]);
        assert!(lines.iter().all(|l| !l.text.contains("opportunity")));
    }

    #[test]
    fn table_of_contents_is_dropped() {
        let text = "Contents\n\nExecutive summary\t2\nThe local authority\t5\nOverall effectiveness of services for looked after children and\nyoung people  4\n\nThe local authority\n\nText.";
        let (lines, _) = clean_lines(&[page(text)]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["The local authority", "Text."]);
    }

    #[test]
    fn ofsted_address_block_is_furniture_wherever_it_lands() {
        // At the foot of page 1, between the halves of the first headline finding.
        let pages = vec![
            page(
                "Headline findings\n\nLeaders have a clear view of practice, which means\n\nOfsted  \nPiccadilly Gate  \nStore Street \nManchester \nM1 2WD \n   T 0300 123 1231 \nTextphone 0161 618 8524 \nenquiries@ofsted.gov.uk \nwww.gov.uk/ofsted  \n",
            ),
            page("\n2 \n\nthat children are safe.\n"),
        ];
        let n = normalise(&pages, true);
        let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Headline findings", "Leaders have a clear view of practice, which means that children are safe."]
        );
        // Run together on one line with the text after it, and the 2018 form without the name.
        let (lines, _) = clean_lines(&[page(
            "Ofsted Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 enquiries@ofsted.gov.uk www.gov.uk/ofsted 8 January 2019\n\nPiccadilly Gate\nStore Street\nManchester M1 2WD\n\nT 0300 123 1231\n\nDear Ms Smith",
        )]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["8 January 2019", "Dear Ms Smith"]);
        // Inside a line of text; an email address in a sentence stays.
        let (lines, _) = clean_lines(&[page(
            "which means Ofsted Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 that children are safe.\nSend it to ProtectionOfChildren@ofsted.gov.uk by 30 March.",
        )]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).collect();
        assert_eq!(
            texts,
            ["which means that children are safe.", "Send it to ProtectionOfChildren@ofsted.gov.uk by 30 March."]
        );
        // A city on its own is not Ofsted's address.
        let (lines, _) = clean_lines(&[page("Social workers in\nManchester\nknow their children well.")]);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_day_broken_off_its_date_is_not_a_page_number() {
        let (lines, _) = clean_lines(&[page("\n22\n February 2018 \n\nDear Ms Quinton\n\n3\n")]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, ["22 February 2018", "Dear Ms Quinton"]);
    }

    #[test]
    fn hyphenation_joins_breaks_and_keeps_compounds() {
        let vocab: HashSet<String> =
            ["official", "independent", "semi", "making", "decision"].iter().map(|s| (*s).to_owned()).collect();
        assert!(!keep_hyphen("an offi-", "cial view", &vocab));
        assert!(keep_hyphen("semi-", "independent living", &vocab));
        assert!(keep_hyphen("decision-", "making", &vocab));
        assert!(keep_hyphen("out-of-", "hours", &vocab));
        // Unknown fragments on both sides are a break.
        assert!(!keep_hyphen("accommo-", "dation", &HashSet::new()));
        let n = normalise(&[page("an offi-\ncial view of semi-\nindependent homes.")], true);
        assert_eq!(n.blocks[0].text, "an official view of semi-independent homes.");
    }

    #[test]
    fn paragraphs_split_by_a_page_break_are_rejoined() {
        let text = "- Another carer told inspectors that\n\n\n\ncarers during the pandemic are paid.\n\n- Next item.";
        let n = normalise(&[page(text)], false);
        let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Another carer told inspectors that carers during the pandemic are paid.", "Next item."]);
        // Across real pages a capitalised continuation is joined too.
        let pages = vec![
            page("12. The work of the Children and\n"),
            page("Family Court Advisory Service is good.\n\n13. Next."),
        ];
        let n = normalise(&pages, true);
        assert_eq!(n.blocks[0].text, "The work of the Children and Family Court Advisory Service is good.");
        assert_eq!(n.blocks[0].start, Start::Numbered(12));
        assert_eq!(n.blocks[1].start, Start::Numbered(13));
    }

    #[test]
    fn raw_pdftotext_layout_is_split_into_paragraphs() {
        let text = "1.\n\nWhen children need help, they get it from the early help teams in the\ncounty, which are well run.\nLeaders know this and have acted on what they learned from the many\naudits that they completed last year and the year before that.\n2.\n\nPlans are clear and good progress is made before work is closed or\nstepped down.\n";
        let n = normalise(&[text.repeat(2)], true);
        let starts: Vec<Start> = n.blocks.iter().take(3).map(|b| b.start).collect();
        assert_eq!(starts, [Start::Numbered(1), Start::Plain, Start::Numbered(2)]);
        assert_eq!(
            n.blocks[0].text,
            "When children need help, they get it from the early help teams in the county, which are well run."
        );
    }

    #[test]
    fn numbered_paragraphs_start_blocks() {
        let n = normalise(
            &[page(
                "1.  When children need help, they\nget it.\n2.  Plans are clear.\nby 31 March\n2016. This is wrapped.",
            )],
            true,
        );
        let starts: Vec<Start> = n.blocks.iter().map(|b| b.start).collect();
        assert_eq!(starts, [Start::Numbered(1), Start::Numbered(2)]);
        assert_eq!(n.blocks[1].text, "Plans are clear. by 31 March 2016. This is wrapped.");
    }
}
