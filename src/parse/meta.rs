//! Report metadata: what kind of document it is, the local authority (or trust), the
//! letter or publication date, the visit dates and the lead inspector.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{parse_date, parse_range};
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
// "Between 4 and 8 February 2019, Ofsted, the CQC, HMICFRS and HMIP undertook a joint inspection".
static BETWEEN_DATES: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\b(?:between|from)\s+(\d{1,2}(?:\s+[a-z]+)?(?:\s+\d{4})?\s+(?:and|to|–|-)\s+\d{1,2}\s+[a-z]+\s+\d{4})")
});
static DATES_LABEL: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^inspection dates?\s*:?$"));
static VISIT_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)\b(?:focused|monitoring) visit\b[^.]*?\b(?:on|between|from)\s+(\d[^.]*?\d{4})"));
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)\b(?:published|publication date)\s*:?\s*(\d.*)$"));
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)\b(?:report published|published|publication|lead inspector|reporting inspector|judgement)\b")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"(?i)^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}$")
});

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
    if !letter && has_full_inspection_tell_tales(&head_lower) {
        return ReportKind::FullInspection;
    }
    ReportKind::Unknown
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
    let letter_date =
        blocks.iter().take(20).find(|b| DATE_LINE.is_match(b.text.trim())).and_then(|b| parse_date(&b.text));
    let published = blocks.iter().find_map(|b| PUBLISHED.captures(&b.text).and_then(|c| parse_date(&c[1])));
    meta.letter_date = match kind {
        ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai => letter_date.or(published),
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
