//! Report metadata: what kind of document it is, the local authority (or trust), the
//! letter or publication date, the visit dates and the lead inspector.

use std::sync::LazyLock;

use regex::Regex;

use super::authority;
use super::dates::{parse_date, parse_date_mistyped_year, parse_range, parse_range_before};
use super::normalise::{Block, Line, Start};
use crate::model::{ReportKind, ReportMeta};

fn rx(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static FULL_TITLE: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^(?:re-?)?inspection of\b.*\b(?:children|trust)\b"));
static BOARD_REVIEW: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)^review of the (?:effectiveness of the )?local safeguarding children board"));
static NEWS_CUES: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r#"(?i)\bofsted (?:has )?said\b|\bsaid the report\b|\bthe report (?:said|says|found)\b|\binspectors (?:highlighted|found|said|praised)\b|\baccording to (?:the )?ofsted\b|\bofsted (?:inspectors )?(?:found|rated|praised)\b|\b(?:rated|judged|graded) (?:as )?['"‘“]?(?:outstanding|good|inadequate|requires improvement)\b"#,
    )
});
static LA_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        rx(r"(?i)^inspection of (.+?) local authority children['’]s services"),
        rx(r"(?i)^inspection of (.+?(?:children['’]s trust|families trust|children['’]s services trust|\btrust))\b"),
        rx(r"(?i)^inspection of (.+?) children['’]s services"),
        rx(
            r"(?i)(?:focused|monitoring) visit (?:to|of) (?:the )?(.+?)(?:['’]s)? (?:local authority )?children['’]s (?:social care )?services",
        ),
    ]
});
// A letter's title with no "children's services" after the name: "Focused visit to Slough
// Children First".
static VISIT_TITLE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)^(?:focused|monitoring) visit (?:to|of) (?:the )?(.+?)\.?$"));
// A JTAI's area: the end of the title ("…abuse in the family in York"), or the title itself
// ("Joint targeted area inspection of London Borough of Merton").
static JTAI_AREA: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        rx(r"(?i)^joint targeted area inspection of .* in (.+?)\.?$"),
        rx(r"(?i)^joint targeted area inspection (?:of|in) (.+?)\.?$"),
    ]
});
// A SIF report's judgement sentence: "Children's services in the Royal Borough of Greenwich are good".
static SIF_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)^children['’]s services in (.+?) (?:are|is|requires?)\b"));
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)^(?:lead inspectors?(?: on site)?|reporting inspector|lead inspector and report author)\s*:?\s*(.*)$")
});
static TITLES: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)\s*(?:,|\(|\b(?:his|her) majesty['’]s\b|\b(?:his|her)\s*$|\bhmi\b|\bsenior hmi\b|\b(?:regional|national|deputy|assistant)? ?director\b|\b(?:lead|senior|ofsted) inspector\b|\binspector$|\bofsted inspector\b|\bsocial care regulatory inspector\b|\bdeputy\b).*$",
    )
});
static INSPECTION_DATES: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)\binspection dates?\s*:?\s*(\d.*)$"));
// "Between 4 and 8 February 2019, Ofsted, the CQC, HMICFRS and HMIP undertook a joint inspection".
static BETWEEN_DATES: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\b(?:between|from)\s+(\d{1,2}(?:\s+[a-z]+)?(?:\s+\d{4})?\s+(?:and|to|–|-)\s+\d{1,2}\s+[a-z]+\s+\d{4})")
});
static DATES_LABEL: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^inspection dates?\s*:?$"));
static VISIT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\b(?:focused|monitoring) visit\b[^.]*?\b(?:on|between|from)\s+(?:the\s+)?(\d[^.]*?\d{4})")
});
// A letter's visit with no year: "… focused visit to Durham children's services on 13 and 14 July."
static VISIT_SENTENCE_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)\b(?:focused|monitoring) visit\b[^.]*?\b(?:on|between|from)\s+((?:the\s+)?\d{1,2}\b[^.]*\b(?:january|february|march|april|may|june|july|august|september|october|november|december))\b",
    )
});
// The letter's date with a stray fifth digit in the year ("12 March 20219").
static DATE_LINE_FIVE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i-u)^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{5}$")
});
// A letter's title, which names its kind.
static LETTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i-u)^(?:(focused) visit (?:to|of)\b|(monitoring) visit (?:to|of)\b|(joint targeted area inspection)\b)")
});
// The closing sentence of a focused or monitoring visit letter, before the signature.
static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i-u)^(?:ofsted will take the findings|i am copying this letter)"));
// Words of a JTAI signature table that are organisations, titles or honours, not names.
static SIGNATURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)^(?:ofsted|care|quality|commission|cqc|hmi|hmicfrs|hmip|constabulary|probation|fire|rescue|services?|national|regional|director|deputy|chief|inspectors?|his|her|majesty['’]s|assistant|social|regulation|health|hospitals|interim|primary|medical|and|of|for|the|&|dr|mr|mrs|ms|miss|bsc|msc|ba|ma|mba|phd|chb)$",
    )
});
// A title beside a JTAI signatory that marks Ofsted's.
static OFSTED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\bofsted\b|\b(?:national|regional) director\b|\bdirector,? (?:regulation and )?social care\b")
});
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)\b(?:published|publication date)\s*:?\s*(\d.*)$"));
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\b(?:report published|published|publication|lead inspector|reporting inspector|judgement)\b")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}$")
});

/// Whether a paragraph opens a letter's closing ("Yours sincerely", and the typo "Your
/// sincerely").
pub fn is_sign_off(text: &str) -> bool {
    sign_off_len(text).is_some()
}

/// The length of the sign-off words at the start of `text` (after leading spaces).
fn sign_off_len(text: &str) -> Option<usize> {
    let t = text.trim_start().to_ascii_lowercase();
    ["yours sincerely", "your sincerely", "yours faithfully", "yours truly"]
        .iter()
        .find(|p| t.starts_with(*p))
        .map(|p| p.len())
}

/// The document's kind from its opening and tell-tale phrases.
pub fn kind(blocks: &[Block]) -> ReportKind {
    let head: Vec<&str> = blocks.iter().take(40).map(|b| b.text.as_str()).collect();
    let head_lower = head.join("\n").to_lowercase();
    let letter = head.iter().any(|t| t.starts_with("Dear ")) || blocks.iter().any(|b| is_sign_off(&b.text));
    if letter && let Some(kind) = letter_kind_from_title(&head) {
        return kind;
    }
    if letter {
        if head_lower.contains("joint targeted area inspection") {
            return ReportKind::Jtai;
        }
        if head_lower.contains("focused visit") {
            return ReportKind::FocusedVisit;
        }
        if head_lower.contains("monitoring visit") {
            return ReportKind::MonitoringVisit;
        }
    }
    let titled = head.iter().take(15).any(|t| {
        let lower = t.to_lowercase().replace('’', "'");
        FULL_TITLE.is_match(t) && !lower.contains("safeguarding children board") && !lower.contains("children's home")
    });
    if titled {
        return ReportKind::FullInspection;
    }
    if head.iter().take(15).any(|t| BOARD_REVIEW.is_match(t)) {
        return ReportKind::Unknown;
    }
    if head_lower.contains("joint targeted area inspection") && letter {
        return ReportKind::Jtai;
    }
    let news = blocks.iter().take(60).any(|b| NEWS_CUES.is_match(&b.text));
    if news && !letter {
        return ReportKind::NewsArticle;
    }
    if !letter && has_full_inspection_tell_tales(&head_lower) {
        return ReportKind::FullInspection;
    }
    ReportKind::Unknown
}

/// A letter's kind from its title ("Focused visit to …", "Monitoring visit to …", "Joint
/// targeted area inspection of …"), which may mention another kind of visit further on.
fn letter_kind_from_title(head: &[&str]) -> Option<ReportKind> {
    head.iter().take(20).find_map(|t| {
        let c = LETTER_TITLE.captures(t.trim())?;
        Some(if c.get(1).is_some() {
            ReportKind::FocusedVisit
        } else if c.get(2).is_some() {
            ReportKind::MonitoringVisit
        } else {
            ReportKind::Jtai
        })
    })
}

/// An ILACS report whose title the text lost or mangled (run into the authority's name,
/// split over lines, pushed down by a cover page) still has the family's furniture near
/// its top: the title phrase anywhere in a paragraph, or the header lines and the
/// judgement table together.
fn has_full_inspection_tell_tales(head_lower: &str) -> bool {
    let head = head_lower.replace('’', "'").replace('\n', " ");
    if head.contains("local authority children's services") && head.contains("inspection of") {
        return true;
    }
    // What only a council's (or trust's) inspection judges, and the header around it.
    let judged = ["the experiences and progress of children", "the impact of leaders on social work practice"];
    let header =
        ["inspection dates", "inspection date:", "lead inspector", "overall effectiveness", "what needs to improve"];
    judged.iter().any(|t| head.contains(t)) && header.iter().filter(|t| head.contains(*t)).count() >= 2
}

/// A person's name from "Name, His Majesty's Inspector" and the like; `None` when it
/// does not look like a name.
pub fn clean_name(text: &str) -> Option<String> {
    let name = TITLES.replace(text.trim(), "");
    let name = name.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(*w, "de" | "van" | "von" | "da" | "le" | "la")
        })
        && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')));
    ok.then(|| words.join(" "))
}

/// The authority's name as the report prints it, whole: from the title, a line that is
/// only a council's name, a SIF report's judgement sentence or, in a letter, the first
/// council the opening names. Names are checked against the registry
/// (`authority::printed_name`), so a subtitle or half a name is never taken for one.
fn local_authority(blocks: &[Block], kind: ReportKind) -> Option<String> {
    let search: Vec<&Block> =
        if kind == ReportKind::NewsArticle { blocks.iter().collect() } else { blocks.iter().take(40).collect() };
    let usable = |name: &str| {
        let lower = name.to_lowercase();
        let generic = ["services", "local authority", "looked after", "children"].iter().any(|g| lower.starts_with(g));
        !name.is_empty() && name.len() < 80 && !generic
    };
    // The registry's reading of a captured name, else the capture as printed.
    let whole = |name: &str| authority::printed_name(name).unwrap_or_else(|| name.to_owned());
    if let Some(name) = search.iter().find_map(|b| {
        let name = VISIT_TITLE.captures(&b.text)?.get(1)?.as_str().trim();
        let lower = name.to_lowercase().replace('’', "'");
        let services = lower.contains("children's services") || lower.contains("children's social care");
        (!services && usable(name)).then(|| whole(name))
    }) {
        return Some(name);
    }
    for re in LA_PATTERNS.iter() {
        for b in &search {
            if let Some(c) = re.captures(&b.text) {
                let name = c[1].trim().trim_start_matches("the ").trim();
                if usable(name) {
                    return Some(whole(name));
                }
            }
        }
    }
    let letter = matches!(kind, ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai);
    if kind == ReportKind::Jtai
        && let Some(name) = JTAI_AREA
            .iter()
            .find_map(|re| search.iter().find_map(|b| authority::printed_name(re.captures(&b.text)?.get(1)?.as_str())))
    {
        return Some(name);
    }
    // A board review's title line, "Surrey Safeguarding Children Board", names its council too.
    let board = |t: &str| t.trim().strip_suffix(" Safeguarding Children Board").is_some_and(authority::is_printed_name);
    let address = authority::ofsted_address_len(search.iter().map(|b| b.text.as_str()));
    let line = search
        .iter()
        .take(25)
        .skip(address)
        .filter(|b| b.text.len() < 160)
        .find(|b| authority::is_printed_name(&b.text) || board(&b.text));
    if let Some(b) = line {
        let text = b.text.trim().trim_start_matches("the ");
        return Some(if board(text) { text.to_owned() } else { whole(text) });
    }
    if let Some(name) =
        search.iter().find_map(|b| authority::printed_name(SIF_SENTENCE.captures(&b.text)?.get(1)?.as_str()))
    {
        return Some(name);
    }
    // A letter that names its council only in the text: the first one after "Dear …",
    // past Ofsted's own address.
    let dear = search.iter().position(|b| b.text.starts_with("Dear ")).unwrap_or(0);
    letter
        .then(|| {
            search[dear..]
                .iter()
                .filter(|b| !b.text.contains("Ofsted") && !b.text.contains("Piccadilly"))
                .find_map(|b| authority::printed_name(&b.text))
        })
        .flatten()
}

fn lead_inspector(blocks: &[Block], kind: ReportKind) -> Option<String> {
    let letter = matches!(kind, ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai);
    let signatory = || {
        if kind == ReportKind::Jtai
            && let Some(n) = jtai_signatory(blocks)
        {
            return Some(n);
        }
        letter_signatory(blocks)
    };
    if letter && let Some(n) = signatory() {
        return Some(n);
    }
    for (i, b) in blocks.iter().enumerate() {
        if let Some(c) = LEAD.captures(b.text.trim()) {
            let rest = c[1].trim();
            // "Lead inspectors: A and B": the first is the lead.
            let first = rest.split(" and ").next().unwrap_or(rest);
            if let Some(n) = clean_name(first) {
                return Some(n);
            }
            if rest.is_empty()
                && let Some(n) = blocks.get(i + 1).and_then(|n| clean_name(&n.text))
            {
                return Some(n);
            }
        }
    }
    signatory()
}

/// The inspector who signs a letter: after "Yours sincerely" (or the typo "Your
/// sincerely"), or, with no sign-off line, after the closing "Ofsted will take the
/// findings…" paragraph; the name with or without "HMI", "(Lead Inspector)" or its title
/// on the next line.
fn letter_signatory(blocks: &[Block]) -> Option<String> {
    let (i, rest) = match blocks.iter().position(|b| is_sign_off(&b.text)) {
        Some(i) => {
            let t = blocks[i].text.trim_start();
            (i, sign_off_len(t).and_then(|n| t.get(n..)).unwrap_or("").trim_start_matches([',', ' ']))
        }
        None => (blocks.iter().rposition(|b| CLOSING.is_match(b.text.trim()))?, ""),
    };
    if let Some(n) = clean_name(rest) {
        return Some(n);
    }
    blocks[i + 1..].iter().take(3).find_map(|b| clean_name(&b.text))
}

/// The Ofsted signatory of a joint targeted area inspection letter, signed by Ofsted and
/// the other inspectorates (CQC, HMICFRS, HMI Probation) side by side: the first name after
/// the sign-off, or the first beside a title that is Ofsted's ("National Director, Social
/// Care", "…, Ofsted"). The organisations' names heading the table are not a name.
fn jtai_signatory(blocks: &[Block]) -> Option<String> {
    let i = blocks.iter().position(|b| is_sign_off(&b.text))?;
    let after: Vec<&Block> = blocks[i + 1..].iter().take(12).collect();
    let mut names: Vec<(String, usize)> = Vec::new();
    for (k, b) in after.iter().enumerate() {
        if let Some(n) = signature_name(&b.text) {
            names.push((n, k));
        }
    }
    let ofsted = names.iter().find(|(n, k)| {
        let own = after[*k].text.trim().strip_prefix(n.as_str()).unwrap_or("");
        OFSTED_TITLE.is_match(own)
            || after
                .get(k + 1)
                .is_some_and(|next| OFSTED_TITLE.is_match(&next.text) && signature_name(&next.text).is_none())
    });
    ofsted.or(names.first()).map(|(n, _)| n.clone())
}

/// The first person's name in a line of a signature table: a run of capitalised words that
/// are not organisations, titles or honours. Two names side by side ("Eleanor Schooling
/// Ursula Gallagher") give the first; a name printed without its space ("YvetteStanley")
/// is split.
fn signature_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches([',', ';'])).collect();
    let is_name_word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !SIGNATURE_WORDS.is_match(w)
    };
    let start = words.iter().position(|w| is_name_word(w))?;
    let run: Vec<&str> = words[start..].iter().take_while(|w| is_name_word(w)).copied().collect();
    let name = match run.len() {
        1 => split_camel(run[0])?,
        2 | 3 => run.join(" "),
        4 => run[..2].join(" "),
        _ => return None,
    };
    clean_name(&name)
}

/// "YvetteStanley" → "Yvette Stanley": one capital inside a word, both halves three
/// letters or more ("McInerney" stays whole).
fn split_camel(word: &str) -> Option<String> {
    let inner: Vec<usize> = word.char_indices().skip(1).filter(|(_, c)| c.is_uppercase()).map(|(i, _)| i).collect();
    let &[at] = inner.as_slice() else { return None };
    let (a, b) = word.split_at(at);
    (a.chars().count() >= 3 && b.chars().count() >= 3).then(|| format!("{a} {b}"))
}

/// Reads the metadata from the paragraphs, and from the clean lines where a converter
/// ran title lines together into one paragraph.
pub fn read(blocks: &[Block], lines: &[Line]) -> ReportMeta {
    let line_blocks: Vec<Block> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| Block {
            text: l.text.split_whitespace().collect::<Vec<_>>().join(" "),
            page: l.page,
            start: Start::Plain,
            first_on_page: false,
            last_on_page: false,
        })
        .collect();
    let found = read_blocks(blocks);
    if found.kind != ReportKind::Unknown
        && found.local_authority.is_some()
        && found.visit_start.is_some()
        && found.lead_inspector.is_some()
    {
        return found;
    }
    // Fill the gaps from single lines.
    let mut both: Vec<Block> = line_blocks;
    both.extend(blocks.iter().cloned());
    let extra = read_blocks(&both);
    let upgrade =
        matches!(found.kind, ReportKind::Unknown | ReportKind::NewsArticle) && extra.kind == ReportKind::FullInspection;
    let kind = if upgrade { extra.kind } else { found.kind };
    ReportMeta {
        kind,
        title: found.title.or(extra.title),
        local_authority: found.local_authority.or(extra.local_authority),
        letter_date: found.letter_date.or(extra.letter_date),
        visit_start: found.visit_start.or(extra.visit_start),
        visit_end: found.visit_end.or(extra.visit_end),
        lead_inspector: found.lead_inspector.or(extra.lead_inspector),
        ..ReportMeta::default()
    }
}

/// The date alone near the top of a letter; a year with a stray fifth digit is read
/// against the end of the visit when that is known.
fn letter_date(blocks: &[Block], visit_end: Option<crate::model::Date>) -> Option<crate::model::Date> {
    let head = || blocks.iter().take(20).map(|b| b.text.trim());
    head().find(|t| DATE_LINE.is_match(t)).and_then(parse_date).or_else(|| {
        let after = visit_end?;
        head().find(|t| DATE_LINE_FIVE.is_match(t)).and_then(|t| parse_date_mistyped_year(t, after))
    })
}

fn read_blocks(blocks: &[Block]) -> ReportMeta {
    let kind = kind(blocks);
    let mut meta = ReportMeta { kind, ..ReportMeta::default() };
    meta.title = blocks
        .iter()
        .take(15)
        .find(|b| {
            FULL_TITLE.is_match(&b.text) || BOARD_REVIEW.is_match(&b.text) || b.text.to_lowercase().contains("visit to")
        })
        .map(|b| b.text.clone());
    meta.local_authority = local_authority(blocks, kind);
    meta.lead_inspector = lead_inspector(blocks, kind);
    // Visit dates: "Inspection dates: …" first, a letter's "visit … on/between …" next.
    let range = blocks
        .iter()
        .take(60)
        .find_map(|b| {
            let c = INSPECTION_DATES.captures(&b.text)?;
            let range = &c[1];
            // The paragraph may run on into the next title line.
            let range = RANGE_END.find(range).map_or(range, |m| &range[..m.start()]);
            parse_range(range)
        })
        .or_else(|| {
            // The label alone, the dates in the next paragraph.
            let i = blocks.iter().take(60).position(|b| DATES_LABEL.is_match(b.text.trim()))?;
            parse_range(&blocks.get(i + 1)?.text)
        })
        .or_else(|| {
            blocks.iter().take(60).find_map(|b| VISIT_SENTENCE.captures(&b.text).and_then(|c| parse_range(&c[1])))
        })
        .or_else(|| {
            // No year: the one the letter's date gives.
            let letter = letter_date(blocks, None)?;
            blocks
                .iter()
                .take(60)
                .find_map(|b| VISIT_SENTENCE_NO_YEAR.captures(&b.text).and_then(|c| parse_range_before(&c[1], letter)))
        })
        .or_else(|| {
            let letter = matches!(kind, ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai);
            let between = |b: &Block| BETWEEN_DATES.captures(&b.text).and_then(|c| parse_range(&c[1]));
            if letter { blocks.iter().take(30).find_map(between) } else { None }
        });
    if kind != ReportKind::NewsArticle
        && let Some((start, end)) = range
    {
        meta.visit_start = Some(start);
        meta.visit_end = Some(end);
    }
    // Letter date: a date on its own near the top; else "Report published: …".
    let published = blocks.iter().find_map(|b| PUBLISHED.captures(&b.text).and_then(|c| parse_date(&c[1])));
    meta.letter_date = match kind {
        ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai => {
            letter_date(blocks, meta.visit_end).or(published)
        }
        ReportKind::NewsArticle => published,
        // A date alone at the top of a full report is a running header, not a letter date.
        _ => published,
    };
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn read(blocks: &[Block]) -> ReportMeta {
        super::read(blocks, &[])
    }

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                text: (*t).to_owned(),
                page: 1,
                start: Start::Plain,
                first_on_page: false,
                last_on_page: false,
            })
            .collect()
    }

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::from_ymd_opt(y, m, day)
    }

    #[test]
    fn names_in_every_form() {
        assert_eq!(clean_name("Margaret Burke, His Majesty’s Inspector").as_deref(), Some("Margaret Burke"));
        assert_eq!(clean_name("Paula Thomson-Jones HMI").as_deref(), Some("Paula Thomson-Jones"));
        assert_eq!(clean_name("Gary Lamb HMI").as_deref(), Some("Gary Lamb"));
        assert_eq!(clean_name("Brenda McInerney Her Majesty's Inspector").as_deref(), Some("Brenda McInerney"));
        assert_eq!(clean_name("Her Majesty’s Inspector"), None);
        assert_eq!(clean_name("the inspection team"), None);
    }

    #[test]
    fn ilacs_header() {
        let m = read(&blocks(&[
            "Inspection of Norfolk local authority children’s services",
            "Inspection dates: 7 to 18 November 2022",
            "Lead inspector: Margaret Burke, His Majesty’s Inspector",
        ]));
        assert_eq!(m.kind, ReportKind::FullInspection);
        assert_eq!(m.local_authority.as_deref(), Some("Norfolk"));
        assert_eq!((m.visit_start, m.visit_end), (d(2022, 11, 7), d(2022, 11, 18)));
        assert_eq!(m.lead_inspector.as_deref(), Some("Margaret Burke"));
    }

    #[test]
    fn lead_inspector_title_on_next_line_and_reporting_inspector() {
        let m = read(&blocks(&[
            "Suffolk County Council",
            "Inspection of children’s social care services",
            "Lead inspector: Margaret Burke Her Majesty’s Inspector",
        ]));
        assert_eq!(m.lead_inspector.as_deref(), Some("Margaret Burke"));
        assert_eq!(m.local_authority.as_deref(), Some("Suffolk County Council"));
        let m = read(&blocks(&[
            "Inspection of looked after children services",
            "Norfolk County Council",
            "Reporting inspector Gary Lamb HMI",
        ]));
        assert_eq!(m.lead_inspector.as_deref(), Some("Gary Lamb"));
        assert_eq!(m.local_authority.as_deref(), Some("Norfolk County Council"));
        let m = read(&blocks(&[
            "Inspection of Devon local authority children’s services",
            "Inspection dates: 30 September to 11 October 2024 and 13 to 16 January 2025",
        ]));
        assert_eq!(m.lead_inspector, None);
        assert_eq!((m.visit_start, m.visit_end), (d(2024, 9, 30), d(2025, 1, 16)));
    }

    #[test]
    fn trust_and_board() {
        let m = read(&blocks(&[
            "Inspection of Bradford Children and Families Trust",
            "Inspection dates: 12 to 23 January 2026",
        ]));
        assert_eq!(m.kind, ReportKind::FullInspection);
        assert_eq!(m.local_authority.as_deref(), Some("Bradford Children and Families Trust"));
        let m = read(&blocks(&[
            "Surrey Safeguarding Children Board",
            "Review of the effectiveness of the Local Safeguarding Children Board",
            "Inspection date: 15 June 2015 – 17 June 2015",
            "Report published: 3 August 2015",
        ]));
        assert_eq!(m.kind, ReportKind::Unknown);
        assert_eq!(m.letter_date, d(2015, 8, 3));
    }

    #[test]
    fn focused_visit_letter() {
        let m = read(&blocks(&[
            "18 June 2021",
            "Dear Mr Henderson",
            "Focused visit to Southampton City Council children's services",
            "This letter summarises the findings of a focused visit to Southampton City Council children's services on 5 and 6 May 2021. The visit was carried out by Nick Stacey.",
            "Yours sincerely",
            "Nick Stacey Her Majesty's Inspector",
        ]));
        assert_eq!(m.kind, ReportKind::FocusedVisit);
        assert_eq!(m.letter_date, d(2021, 6, 18));
        assert_eq!((m.visit_start, m.visit_end), (d(2021, 5, 5), d(2021, 5, 6)));
        assert_eq!(m.local_authority.as_deref(), Some("Southampton City Council"));
        assert_eq!(m.lead_inspector.as_deref(), Some("Nick Stacey"));
        let m = read(&blocks(&[
            "Dear Pinaki",
            "Focused visit to the London Borough of Lewisham's children's services",
            "Yours sincerely",
        ]));
        assert_eq!(m.local_authority.as_deref(), Some("London Borough of Lewisham"));
    }

    #[test]
    fn other_letters_and_lead_inspector_forms() {
        let m = read(&blocks(&[
            "12 March 2019",
            "Dear Ms Jones",
            "Monitoring visit to Kent County Council children’s services",
            "This letter summarises the findings of the monitoring visit to Kent County Council children’s services on 19 and 20 February 2019.",
            "Yours sincerely",
            "Jane Smith",
            "Her Majesty’s Inspector",
        ]));
        assert_eq!(m.kind, ReportKind::MonitoringVisit);
        assert_eq!(m.local_authority.as_deref(), Some("Kent County Council"));
        assert_eq!((m.visit_start, m.visit_end), (d(2019, 2, 19), d(2019, 2, 20)));
        assert_eq!(m.lead_inspector.as_deref(), Some("Jane Smith"));
        let m = read(&blocks(&[
            "10 May 2018",
            "Dear Mr Brown",
            "Joint targeted area inspection of the multi-agency response to children living with domestic abuse in Leeds",
            "Yours sincerely",
            "Alan Jones HMI",
        ]));
        assert_eq!(m.kind, ReportKind::Jtai);
        assert_eq!(m.local_authority.as_deref(), Some("Leeds"));
        let m = read(&blocks(&[
            "Dear Mr Brown",
            "Joint targeted area inspection of the multi-agency response to abuse and neglect in Leeds",
            "Between 4 and 8 February 2019, Ofsted, the Care Quality Commission (CQC), HMI Constabulary and Fire & Rescue Services and HMI Probation undertook a joint inspection.",
            "Yours sincerely",
        ]));
        assert_eq!((m.visit_start, m.visit_end), (d(2019, 2, 4), d(2019, 2, 8)));
        let m = read(&blocks(&[
            "Inspection of Kent County Council children’s services",
            "Inspection dates: 12/09/2016 to 06/10/2016",
            "Lead inspectors: Ann Lee and Bob Ray",
        ]));
        assert_eq!((m.visit_start, m.visit_end), (d(2016, 9, 12), d(2016, 10, 6)));
        assert_eq!(m.lead_inspector.as_deref(), Some("Ann Lee"));
        assert_eq!(m.local_authority.as_deref(), Some("Kent County Council"));
        let m = read(&blocks(&[
            "Inspection of Kent children’s services",
            "Lead inspector on site: Carol King HMI",
            "Report author: Dan Fox",
        ]));
        assert_eq!(m.lead_inspector.as_deref(), Some("Carol King"));
    }

    #[test]
    fn printed_names_are_whole_and_never_a_subtitle() {
        let la = |texts: &[&str]| read(&blocks(texts)).local_authority;
        // A SIF report: the council's line, then the subtitle.
        let sif = [
            "Isle of Wight Council",
            "Inspection of services for children in need of help and protection, children looked after and care leavers",
            "and",
            "Review of the effectiveness of the Local Safeguarding Children Board",
            "Inspection date: 6 July 2015 – 30 July 2015",
        ];
        assert_eq!(la(&sif).as_deref(), Some("Isle of Wight Council"));
        // Without the council's line, the judgement sentence names it; the subtitle never does.
        let mut sentence = sif[1..].to_vec();
        sentence.push("Children’s services in the Royal Borough of Greenwich are good");
        assert_eq!(la(&sentence).as_deref(), Some("Royal Borough of Greenwich"));
        assert_eq!(la(&sif[1..]), None);
        for (line, want) in [
            ("Brighton and Hove City Council", "Brighton and Hove City Council"),
            ("Blackburn with Darwen Borough Council", "Blackburn with Darwen Borough Council"),
            ("Telford and Wrekin Council", "Telford and Wrekin Council"),
            ("East Riding of Yorkshire Council", "East Riding of Yorkshire Council"),
        ] {
            assert_eq!(la(&[line, "Inspection of local authority children’s services"]).as_deref(), Some(want));
        }
        assert_eq!(
            la(&["Inspection of the Royal Borough of Kensington and Chelsea local authority children’s services"])
                .as_deref(),
            Some("Royal Borough of Kensington and Chelsea")
        );
    }

    #[test]
    fn focused_visit_signatory_in_every_form() {
        let lead = |tail: &[&str]| {
            let mut texts =
                vec!["18 June 2021", "Dear Mr Henderson", "Focused visit to Southampton children's services"];
            texts.push("Ofsted will take the findings from this focused visit into account when planning your next inspection or visit.");
            texts.extend_from_slice(tail);
            read(&blocks(&texts)).lead_inspector
        };
        let want = Some("Tom Anthony".to_owned());
        assert_eq!(lead(&["Your sincerely", "Tom Anthony Her Majesty’s Inspector"]), want);
        assert_eq!(lead(&["Yours sincerely,", "Tom Anthony", "His Majesty’s Inspector"]), want);
        assert_eq!(lead(&["Yours sincerely Tom Anthony HMI"]), want);
        assert_eq!(lead(&["Yours sincerely", "Tom Anthony (Lead Inspector)", "Her Majesty’s Inspector"]), want);
        assert_eq!(lead(&["Yours sincerely", "Tom Anthony Her", "= Majesty’s Inspector"]), want);
        // No sign-off line: the name after the closing sentence.
        assert_eq!(lead(&["Tom Anthony", "Her Majesty’s Inspector"]), want);
        assert_eq!(lead(&["Tom Anthony Her Majesty’s Inspector"]), want);
        assert_eq!(lead(&["Yours sincerely", "Her Majesty’s Inspector"]), None);
        assert_eq!(lead(&["Yours sincerely", "Tom Anthony", "National Director, Social Care"]), want);
        assert_eq!(lead(&["Yours sincerely", "Tom Anthony Senior HMI"]), want);
    }

    #[test]
    fn jtai_ofsted_signatory_beside_the_other_inspectorates() {
        let lead = |table: &[&str]| {
            let mut texts = vec![
                "9 May 2018",
                "Dear local partnership",
                "Joint targeted area inspection of the multi-agency response to abuse and neglect in Leeds",
                "Yours sincerely",
            ];
            texts.extend_from_slice(table);
            let m = read(&blocks(&texts));
            assert_eq!(m.kind, ReportKind::Jtai);
            m.lead_inspector
        };
        let want = Some("Yvette Stanley".to_owned());
        // 2016–2020: a table, the organisations as its first row.
        let table = [
            "Ofsted Care Quality Commission",
            "Yvette Stanley",
            "National Director, Social Care",
            "Ursula Gallagher",
            "Deputy Chief Inspector",
            "HMI Constabulary and Fire & Rescue Services HMI Probation",
            "Wendy Williams",
        ];
        assert_eq!(lead(&table), want);
        assert_eq!(
            lead(&[
                "Ofsted Care Quality Commission",
                "Yvette Stanley National Director, Social Care",
                "Ursula Gallagher Deputy Chief Inspector"
            ]),
            want
        );
        // The name without its space, and two names side by side under their titles.
        assert_eq!(lead(&["Ofsted Care Quality Commission", "YvetteStanley", "National Director, Social Care"]), want);
        assert_eq!(
            lead(&[
                "Ofsted Care Quality Commission",
                "National Director",
                "Eleanor Schooling Ursula Gallagher",
                "Deputy Chief Inspector"
            ])
            .as_deref(),
            Some("Eleanor Schooling")
        );
        // 2022–2025: one signatory after another, Ofsted's title naming it.
        assert_eq!(
            lead(&[
                "Dr Sean O’Kelly BSc MB ChB Chief Inspector of Health Care, CQC",
                "Yvette Stanley National Director Regulation and Social Care, Ofsted",
            ]),
            want
        );
        assert_eq!(
            lead(&[
                "Yvette Stanley",
                "National Director, Regulation and Social Care, Ofsted",
                "Mani Hussain",
                "Deputy Chief Inspector, Care Quality Commission"
            ]),
            want
        );
    }

    #[test]
    fn letter_titles_name_the_area() {
        let la = |texts: &[&str]| read(&blocks(texts)).local_authority;
        let jtai = |title: &str| la(&["Dear local partnership", title, "Yours sincerely"]);
        assert_eq!(
            jtai("Joint targeted area inspection of the multi-agency response to child sexual abuse in the family in York")
                .as_deref(),
            Some("York")
        );
        assert_eq!(
            jtai("Joint targeted area inspection of London Borough of Merton").as_deref(),
            Some("London Borough of Merton")
        );
        assert_eq!(jtai("Joint targeted area inspection of Kirklees").as_deref(), Some("Kirklees"));
        // No area in the title: the opening names it; a director's "County Council" does not.
        let m = la(&[
            "Jo Bloggs, Director of Children’s Services, County Council",
            "Dear local partnership",
            "Joint targeted area inspection of the multi-agency response to child sexual exploitation",
            "This letter outlines our findings about the work of individual agencies in Greenwich local authority.",
            "Yours sincerely",
        ]);
        assert_eq!(m.as_deref(), Some("Greenwich"));
        let visit = |title: &str, first: &str| la(&["Dear Andrew", title, first, "Yours sincerely"]);
        assert_eq!(
            visit(
                "Focused visit to Slough Children First",
                "This letter summarises a focused visit to Slough children’s services."
            )
            .as_deref(),
            Some("Slough Children First")
        );
        assert_eq!(
            visit(
                "Focused visit to children’s services",
                "This letter summarises the focused visit to Camden children’s services on 31 October."
            )
            .as_deref(),
            Some("Camden")
        );
        assert_eq!(visit("Focused visit to Durham’s children’s services", "").as_deref(), Some("Durham"));
    }

    #[test]
    fn letter_kind_comes_from_its_title() {
        let m = read(&blocks(&[
            "Dear Ms Jones",
            "Monitoring visit to Kent County Council children’s services",
            "This letter summarises the findings of the monitoring visit. At the focused visit in 2019, inspectors found weaknesses.",
            "Yours sincerely",
        ]));
        assert_eq!(m.kind, ReportKind::MonitoringVisit);
    }

    #[test]
    fn letter_dates_in_every_form() {
        let m = read(&blocks(&[
            "22 February 2018",
            "Dear Ms Quinton",
            "Focused visit to Coventry City Council children’s services",
            "This letter summarises the findings of a focused visit to Coventry City Council children’s services on 30 and 31 January. The inspectors were Alison Smale, HMI, and Peter McEntee, HMI.",
            "Yours sincerely",
        ]));
        assert_eq!(m.letter_date, d(2018, 2, 22));
        assert_eq!((m.visit_start, m.visit_end), (d(2018, 1, 30), d(2018, 1, 31)));
        let m = read(&blocks(&[
            "8 June 20118",
            "Dear Martin,",
            "Focused visit to Camden children’s services",
            "This letter summarises the findings of the focused visit to Camden children’s services on the 15 and 16 of May 2018.",
            "Yours sincerely",
        ]));
        assert_eq!(m.letter_date, d(2018, 6, 8));
        assert_eq!((m.visit_start, m.visit_end), (d(2018, 5, 15), d(2018, 5, 16)));
        let m = read(&blocks(&[
            "Dear Ms Turner",
            "Focused visit to Kingston-upon-Hull children’s services",
            "This letter summarises the findings of the focused visit to Kingston-upon-Hull children’s services on 15, 16 and 21 July 2025.",
            "Yours sincerely",
        ]));
        assert_eq!(m.letter_date, None);
        assert_eq!((m.visit_start, m.visit_end), (d(2025, 7, 15), d(2025, 7, 21)));
        let m = read(&blocks(&[
            "13 November 2020",
            "Dear Sheila Durr",
            "Focused visit to Bury local authority children’s services",
            "This letter summarises the findings of a focused visit to Bury local authority children’s services on 29 and 30 September, and 1 October 2020.",
            "Yours sincerely",
        ]));
        assert_eq!((m.visit_start, m.visit_end), (d(2020, 9, 29), d(2020, 10, 1)));
        // No year, across two months.
        let m = read(&blocks(&[
            "13 November 2020",
            "Dear Sheila Durr",
            "Focused visit to Bury local authority children’s services",
            "This letter summarises the findings of a focused visit to Bury children’s services on 29 and 30 September, and 1 October. It may be published.",
            "Yours sincerely",
        ]));
        assert_eq!((m.visit_start, m.visit_end), (d(2020, 9, 29), d(2020, 10, 1)));
    }

    #[test]
    fn ilacs_kind_without_a_clean_title() {
        // The title run into the authority's name, or split over two paragraphs.
        for head in [
            [
                "Anyshire County Council Inspection of local authority children’s services",
                "Inspection dates: 7 to 18 November 2022",
            ],
            ["Inspection of Anyshire local authority", "children’s services Inspection dates: 7 to 18 November 2022"],
        ] {
            assert_eq!(read(&blocks(&head)).kind, ReportKind::FullInspection, "{head:?}");
        }
        // Pushed down by a cover page: the header lines and the judgement table tell.
        let mut texts = vec!["Ofsted"; 20];
        texts.extend([
            "Inspection dates: 7 to 18 November 2022",
            "Lead inspector: Ann Lee, His Majesty’s Inspector",
            "The experiences and progress of children in care  Good",
            "Overall effectiveness  Good",
        ]);
        assert_eq!(kind(&blocks(&texts)), ReportKind::FullInspection);
        // A children's home's report is not a council's.
        let home = [
            "Inspection date: 7 November 2022",
            "Lead inspector: Ann Lee",
            "Overall experiences and progress of children and young people: good",
        ];
        assert_eq!(kind(&blocks(&home)), ReportKind::Unknown);
    }

    #[test]
    fn news_article() {
        let m = read(&blocks(&[
            "Children in care in Southwark receive effective support",
            "Children in care receive support, Ofsted has said.",
            "Focused visit to Southwark local authority children’s services",
        ]));
        assert_eq!(m.kind, ReportKind::NewsArticle);
        assert_eq!(m.local_authority.as_deref(), Some("Southwark"));
        assert_eq!(m.letter_date, None);
    }
}
