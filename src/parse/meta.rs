//! Report metadata: what kind of document it is, the local authority (or trust), the
//! letter or publication date, the visit dates and the lead inspector.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{parse_date, parse_range};
use super::normalise::Block;
use crate::model::{Date, ReportKind};

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
        rx(r"(?i)^joint targeted area inspection of .*? in (.+?)$"),
    ]
});
static LA_NAME: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"^(?:(?:London|Royal) Borough of [A-Z][\w '’&-]+|City of [A-Z][\w '’&-]+|.*?\b((?:[A-Z][\w'’&.-]*\s+){1,4}(?:County |City |Borough |Metropolitan Borough |District )?Council)|[A-Z][\w '’&-]+? (?:Children['’]s Trust|Trust|Safeguarding Children Board))$",
    )
});
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)^(?:lead inspectors?(?: on site)?|reporting inspector|lead inspector and report author)\s*:?\s*(.*)$")
});
static TITLES: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)\s*(?:,|\(|\b(?:his|her) majesty['’]s\b|\bhmi\b|\bsenior hmi\b|\bregional director\b|\bofsted inspector\b|\bsocial care regulatory inspector\b|\bdeputy\b).*$",
    )
});
static INSPECTION_DATES: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)\binspection dates?\s*:?\s*(\d.*)$"));
static VISIT_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)\b(?:focused|monitoring) visit\b[^.]*?\b(?:on|between|from)\s+(\d[^.]*?\d{4})"));
static PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)^(?:report )?(?:published|publication date)\s*:?\s*(.+)$"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}$")
});

/// Metadata read from the paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The kind of document.
    pub kind: ReportKind,
    /// The title, when there is one.
    pub title: Option<String>,
    /// The local authority or trust.
    pub local_authority: Option<String>,
    /// The date of the letter or publication.
    pub letter_date: Option<Date>,
    /// The first day of the visit.
    pub visit_start: Option<Date>,
    /// The last day of the visit.
    pub visit_end: Option<Date>,
    /// The lead inspector or signatory.
    pub lead_inspector: Option<String>,
}

/// Whether a paragraph opens a letter's closing ("Yours sincerely").
pub fn is_sign_off(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    t.starts_with("yours sincerely") || t.starts_with("yours faithfully")
}

/// The document's kind from its opening and tell-tale phrases.
pub fn kind(blocks: &[Block]) -> ReportKind {
    let head: Vec<&str> = blocks.iter().take(40).map(|b| b.text.as_str()).collect();
    let head_lower = head.join("\n").to_lowercase();
    let letter = head.iter().any(|t| t.starts_with("Dear ")) || blocks.iter().any(|b| is_sign_off(&b.text));
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
    ReportKind::Unknown
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

fn local_authority(blocks: &[Block], kind: ReportKind) -> Option<String> {
    let search: Vec<&Block> =
        if kind == ReportKind::NewsArticle { blocks.iter().collect() } else { blocks.iter().take(40).collect() };
    for re in LA_PATTERNS.iter() {
        for b in &search {
            if let Some(c) = re.captures(&b.text) {
                let name = c[1].trim().trim_start_matches("the ").trim();
                let lower = name.to_lowercase();
                let generic =
                    ["services", "local authority", "looked after", "children"].iter().any(|g| lower.starts_with(g));
                if !name.is_empty() && name.len() < 80 && !generic {
                    return Some(name.to_owned());
                }
            }
        }
    }
    blocks.iter().take(25).filter(|b| b.text.len() < 160).find_map(|b| {
        let c = LA_NAME.captures(b.text.trim())?;
        Some(c.get(1).unwrap_or(c.get(0)?).as_str().trim().to_owned())
    })
}

fn lead_inspector(blocks: &[Block], kind: ReportKind) -> Option<String> {
    let letter = matches!(kind, ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai);
    let signatory = || {
        let i = blocks.iter().position(|b| is_sign_off(&b.text))?;
        let rest = blocks[i].text.trim_start()["yours sincerely".len().min(blocks[i].text.trim_start().len())..].trim();
        if let Some(n) = clean_name(rest) {
            return Some(n);
        }
        blocks[i + 1..].iter().take(2).find_map(|b| clean_name(&b.text))
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

/// Reads the metadata.
pub fn read(blocks: &[Block]) -> Meta {
    let kind = kind(blocks);
    let mut meta = Meta { kind, ..Meta::default() };
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
        .find_map(|b| INSPECTION_DATES.captures(&b.text).and_then(|c| parse_range(&c[1])))
        .or_else(|| {
            blocks.iter().take(60).find_map(|b| VISIT_SENTENCE.captures(&b.text).and_then(|c| parse_range(&c[1])))
        });
    if kind != ReportKind::NewsArticle
        && let Some((start, end)) = range
    {
        meta.visit_start = Some(start);
        meta.visit_end = Some(end);
    }
    // Letter date: a date on its own near the top; else "Report published: …".
    let letter_date =
        blocks.iter().take(20).find(|b| DATE_LINE.is_match(b.text.trim())).and_then(|b| parse_date(&b.text));
    let published = blocks.iter().find_map(|b| PUBLISHED.captures(&b.text).and_then(|c| parse_date(&c[1])));
    meta.letter_date = match kind {
        ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai => letter_date.or(published),
        ReportKind::NewsArticle => published,
        _ => published.or(letter_date),
    };
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::normalise::Start;

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
