//! Sections: the mode a heading puts the paragraphs under it in (report and letter
//! headings, boxed studies), judgement-table rows, and where the report's own content ends
//! (a letter's sign-off, Ofsted's publishing boilerplate).

use std::sync::LazyLock;

use regex::Regex;

use super::Mode;
use crate::model::FindingKind;
use crate::parse::meta::is_sign_off;
use crate::parse::rx;

static GRADE_END: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(?i)(?:^|\s)(?:grade\s*\d\s*\()?(?:outstanding|good|adequate|inadequate|not judged|requires? improvement(?: to(?: be good)?)?)\)?$",
    )
});
static TABLE_HEADER: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^judgements?\s+grades?$"));

// "Section 2: The effectiveness of the Local Safeguarding Children Board": the number is
// not part of the heading's meaning.
static SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| rx(r"(?i)^section\s+\d+\s*[:.–-]?\s*"));

/// The end of a letter's own words: the sign-off and what leads up to it.
pub(super) fn is_end(text: &str, letter: bool) -> bool {
    let t = text.trim_start();
    let l = t.to_ascii_lowercase();
    is_sign_off(t)
        || (letter && (l.starts_with("ofsted will take the findings") || l.starts_with("i am copying this letter")))
}

/// Ofsted's publishing boilerplate (copyright, licence, address): never a finding, and
/// nothing after it is until a new section starts.
pub(super) fn is_boilerplate(text: &str) -> bool {
    let l = text.trim_start().to_lowercase();
    l.starts_with("the office for standards in education, children")
        || l.starts_with("if you would like a copy of this document")
        || l.starts_with("you may reuse this information")
        || l.starts_with("© crown copyright")
        || l.starts_with("interested in our work?")
        || l.starts_with("any complaints about the inspection")
        || l.starts_with("this publication is available at")
        || l.starts_with("website: www.ofsted.gov.uk")
        || l.starts_with("further copies of this report")
}

/// SIF 2014–15: the improvement list runs straight on into the summary's strengths
/// ("The local authority has the following strengths:"), and the LSCB's into its "Key
/// strengths and weaknesses": both end the list. Read in reports, not letters.
pub(super) fn strengths_mode(heading: &str) -> Option<Mode> {
    let h = heading.trim().to_lowercase();
    if h.contains("has the following strengths") || h.contains("have the following strengths") {
        return Some(Mode::Summary);
    }
    ["key strengths and weaknesses", "key strengths", "strengths and weaknesses"]
        .iter()
        .any(|p| h.starts_with(p))
        .then_some(Mode::Finding)
}

pub(super) fn heading_mode(heading: &str) -> Option<Mode> {
    let h = heading.trim().trim_end_matches([':', '?', '.']).trim().to_lowercase().replace('’', "'");
    let h = SECTION_NUMBER.replace(&h, "");
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| h.starts_with(p));
    if starts(&[
        "contents",
        "information about this",
        "about this inspection",
        "the inspection judgements",
        "what the inspection judgements mean",
        "what the inspection judgments mean",
        "the inspection judgments",
        "service information",
        "the inspection team",
        "inspection team",
        "record of main findings",
        "annex",
        "glossary",
        "local authority information",
        "information about the local authority",
        "previous ofsted inspections",
        "next steps",
    ]) || h == "the local authority"
        || h.ends_with("in this area")
        || h.contains("this local authority area")
        || h == "local leadership"
    {
        return Some(Mode::Skip);
    }
    if starts(&[
        "areas for priority action",
        "areas of priority action",
        "priority action",
        "priority and immediate action",
        "areas for immediate action",
        "immediate action",
        "areas for priority and immediate action",
        "areas of priority and immediate action",
        "areas requiring priority",
        "areas requiring immediate",
    ]) {
        return Some(Mode::Priority);
    }
    if starts(&[
        "recommendation",
        "what needs to improve",
        "what needs to be improved",
        "what the local authority needs to improve",
        "what does the local authority need to improve",
        "what does the lscb need to improve",
        "what does the board need to improve",
        "areas for improvement",
        "areas for development",
        "what needs to be better",
    ]) {
        return Some(Mode::Recommendation);
    }
    if starts(&["executive summary", "overview", "headline findings", "summary", "key findings", "main strengths"]) {
        return Some(Mode::Summary);
    }
    if h.contains("findings")
        || starts(&[
            "the experiences and progress",
            "experiences and progress",
            "the experience and progress",
            "the impact of leaders",
            "leadership, management and governance",
            "leadership and management",
            "the graded judgement",
            "children who need help and protection",
            "children looked after",
            "adoption performance",
            "overall effectiveness",
            "outcomes for",
            "quality of provision",
            "capacity to improve",
            "capacity for improvement",
            "the effectiveness of",
            "evaluation of progress",
            "strengths",
            "case study",
            "progress since",
        ])
    {
        return Some(Mode::Finding);
    }
    None
}

/// A judgement-table row or a bare grade: page furniture for structure purposes.
pub(super) fn is_table_row(text: &str) -> bool {
    let t = text.trim();
    TABLE_HEADER.is_match(t) || (GRADE_END.is_match(t) && !t.contains(':') && t.len() < 200)
}

pub(super) fn item_kind(mode: Mode) -> Option<FindingKind> {
    match mode {
        Mode::Skip => None,
        Mode::Summary => Some(FindingKind::Summary),
        Mode::Finding => Some(FindingKind::Finding),
        Mode::Recommendation => Some(FindingKind::Recommendation),
        Mode::Priority => Some(FindingKind::PriorityAction),
    }
}

/// A letter's headings: a report's, plus the singular "Area for priority action", the
/// JTAI's "Key strengths", and boxed case and practice studies.
pub(super) fn letter_heading_mode(heading: &str) -> Option<Mode> {
    let h = heading.trim().to_lowercase();
    if h.starts_with("area for priority action") || h.starts_with("area of priority action") {
        return Some(Mode::Priority);
    }
    if h.starts_with("key strengths") || h.starts_with("multi-agency strengths") || is_box_heading(heading) {
        return Some(Mode::Finding);
    }
    heading_mode(heading)
}

/// A boxed study's heading, which may end with a full stop ("Case study: areas for
/// improvement.").
pub(super) fn is_box_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.len() < 100 && (t.starts_with("case study") || t.starts_with("practice study"))
}

/// Whether a heading (of the given mode) is one of a letter's own sections, which ends
/// a list of actions; any other heading inside the list is a sub-heading of it.
pub(super) fn ends_letter_list(heading: &str, mode: Mode) -> bool {
    let h = heading.trim().to_lowercase();
    match mode {
        Mode::Priority | Mode::Recommendation | Mode::Summary | Mode::Skip => true,
        Mode::Finding => {
            h.contains("findings")
                || is_box_heading(heading)
                || ["strengths", "key strengths", "multi-agency strengths", "evaluation of progress", "progress since"]
                    .iter()
                    .any(|p| h.starts_with(p))
        }
    }
}
