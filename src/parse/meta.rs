//! Report metadata: what kind of document it is, the local authority (or trust), the
//! letter or publication date, the visit dates and the lead inspector.

use std::sync::LazyLock;

use regex::Regex;

use super::authority;
use super::dates::{parse_date, parse_date_mistyped_year, parse_range, parse_range_before};
use super::normalise::{Block, Line, Start};
use super::rx;
use crate::model::{ReportKind, ReportMeta};

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
mod tests;
