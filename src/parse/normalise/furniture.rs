//! Page furniture: converter tags, running headers and footers, page numbers, Ofsted's
//! address block, dates broken across lines and tables of contents. [`clean_lines`] runs
//! these with the line cleaning of `lines` and the footnote cut of `footnotes` to turn
//! pages into clean lines.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Line;
use super::blocks::NUMBERED;
use super::footnotes::drop_footnote_bodies;
use super::lines::clean_line;
use crate::parse::rx;

static TAG_BREAK: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)</p>|<br\s*/?>"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)</?(?:p|b|i|u|strong|em|span|div|h[1-6]|li|ul|ol|font)\b[^>\n]*>"));
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$"));
static TOC_ENTRY: LazyLock<Regex> = LazyLock::new(|| rx(r"\S.*?(?:\s{2,}|\t|\.{3,}\s*|\s)\d{1,3}\s*$"));
// "Inspection of X local authority children's services  7 to 18 November 2022  2" in
// unpaged text, where repetition across pages cannot be seen.
static RUNNING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)^\s*(?:inspection of .+?children['’]s services|.+?inspection of looked after children services)\s+(?:\d{1,2}[\s\w–-]*?\d{2,4}\s+)?\d{1,3}\s*$",
    )
});

// A month and a year at the start of a line: the rest of a date whose day the converter
// broke off.
static MONTH_YEAR_START: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i-u)^\s*(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b")
});
// One piece of Ofsted's address block as letters print it at the head or foot of the first
// page: the name, the addresses of its offices, telephone numbers, email and website.
// These patterns are ASCII (`-u`): Unicode classes would cost more to build than to run.
static ADDRESS_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i-u)^(?:ofsted|piccadilly gate|store street|manchester|m1 2wd|aviation house|125 kingsway|london|wc2b 6se|agora|6 cumberland place|nottingham|ng1 6hj|(?:t|f|tel|telephone|textphone|minicom|fax|direct (?:t|tel|line))\s*:?\s*0\d{2,4}(?:\s?\d{3,4}){1,3}|(?:direct )?(?:e-?mail\s*:?\s*)?[\w.+-]+@ofsted\.gov\.uk|(?:https?://)?www\.gov\.uk/(?:government/organisations/)?ofsted|(?:https?://)?www\.ofsted\.gov\.uk)(?:[\s,]+|$)",
    )
});
// What tells Ofsted's own address block from an ordinary line naming a city.
static ADDRESS_MARK: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i-u)piccadilly gate|aviation house|cumberland place|textphone|enquiries@ofsted\.gov\.uk"));

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
