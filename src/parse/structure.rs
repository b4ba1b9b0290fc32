//! Sections and findings: which heading each paragraph stands under, what kind of item it
//! is (priority action, recommendation, finding, summary), where the report's own content
//! ends (sign-off, Ofsted boilerplate, website furniture), and how list items are cut
//! (sub-bullets of a numbered recommendation, a news article's "should improve X, Y and Z").

use std::sync::LazyLock;

use regex::Regex;

use super::meta::is_sign_off;
use super::normalise::{Block, Start, ends_terminal, is_heading_like};
use crate::model::{FindingKind, FrameworkPart, FrameworkRef, ReportKind};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Skip,
    Summary,
    Finding,
    Recommendation,
    Priority,
}

static GRADE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:grade\s*\d\s*\()?(?:outstanding|good|adequate|inadequate|not judged|requires? improvement(?: to(?: be good)?)?)\)?$")
        .expect("valid regex")
});
static TABLE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^judgements?\s+grades?$").expect("valid regex"));
static SHOULD_IMPROVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bshould (?:improve|address|strengthen|develop|prioritise|focus on)\s+(.+?)\.?$")
        .expect("valid regex")
});
static LIST_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(,\s+(?:and\s+)?|\s+and\s+)(?:the|its|their)\s").expect("valid regex"));
// "(outcome 2, national framework)", "(enabler: leaders drive conditions for effective
// practice, national framework)", "(enabler 2, national framework)" at an item's end.
static FRAMEWORK_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*\(\s*(outcomes?|enablers?)\b\s*:?\s*(.*?)\s*,?\s*national\s+framework\s*\)\s*\.?$")
        .expect("valid regex")
});
// "Section 2: The effectiveness of the Local Safeguarding Children Board": the number is
// not part of the heading's meaning.
static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^section\s+\d+\s*[:.–-]?\s*").expect("valid regex"));
// "There are no areas of priority action.", "The inspection did not find any areas for
// priority and immediate action.": a list saying it is empty has no item.
static EMPTY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:there (?:are|were|is) no|the inspection did not (?:find|identify)(?: any)?|inspectors did not (?:find|identify)(?: any)?|no)\s+(?:areas?|actions?|items?|recommendations?)\s+(?:of|for|requiring|were)\b.*\b(?:priority|immediate)\b|^(?:none|none identified|not applicable)\.?$")
        .expect("valid regex")
});
// A findings paragraph's "(Recommendation)" tag, when a page break leaves it alone.
static RECOMMENDATION_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\(\s*recommendations?\s*\)\s*\.?$").expect("valid regex"));
static REC_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:should take the following actions?|following (?:actions?|areas?(?: for improvement)?)\s*[.:]?$|should:?$|:$)").expect("valid regex")
});

/// The end of a letter's own words: the sign-off and what leads up to it.
fn is_end(text: &str, letter: bool) -> bool {
    let t = text.trim_start();
    let l = t.to_ascii_lowercase();
    is_sign_off(t)
        || (letter && (l.starts_with("ofsted will take the findings") || l.starts_with("i am copying this letter")))
}

/// Ofsted's publishing boilerplate (copyright, licence, address): never a finding, and
/// nothing after it is until a new section starts.
fn is_boilerplate(text: &str) -> bool {
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
fn strengths_mode(heading: &str) -> Option<Mode> {
    let h = heading.trim().to_lowercase();
    if h.contains("has the following strengths") || h.contains("have the following strengths") {
        return Some(Mode::Summary);
    }
    ["key strengths and weaknesses", "key strengths", "strengths and weaknesses"]
        .iter()
        .any(|p| h.starts_with(p))
        .then_some(Mode::Finding)
}

fn heading_mode(heading: &str) -> Option<Mode> {
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
fn is_table_row(text: &str) -> bool {
    let t = text.trim();
    TABLE_HEADER.is_match(t) || (GRADE_END.is_match(t) && !t.contains(':') && t.len() < 200)
}

fn item_kind(mode: Mode) -> Option<FindingKind> {
    match mode {
        Mode::Skip => None,
        Mode::Summary => Some(FindingKind::Summary),
        Mode::Finding => Some(FindingKind::Finding),
        Mode::Recommendation => Some(FindingKind::Recommendation),
        Mode::Priority => Some(FindingKind::PriorityAction),
    }
}

/// The items of one recommendation or priority list, cut as the report lists them.
fn close_list(list: Vec<(usize, &Block, String)>, kind: FindingKind, out: &mut Vec<Item>) {
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
        items.push(Item {
            kind,
            section,
            number,
            text: b.text.clone(),
            first_block: i,
            last_block: i,
            within: None,
            framework_ref: None,
            cut: String::new(),
        });
    }
    out.extend(items);
}

/// A letter's headings: a report's, plus the singular "Area for priority action", the
/// JTAI's "Key strengths", and boxed case and practice studies.
fn letter_heading_mode(heading: &str) -> Option<Mode> {
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
fn is_box_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.len() < 100 && (t.starts_with("case study") || t.starts_with("practice study"))
}

/// Whether a heading (of the given mode) is one of a letter's own sections, which ends
/// a list of actions; any other heading inside the list is a sub-heading of it.
fn ends_letter_list(heading: &str, mode: Mode) -> bool {
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

/// "There are no areas for priority action", "There are no additional priority actions":
/// a list that says it is empty.
static NO_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthere (?:are|were|is) no (?:new |additional |further |other )?(?:areas? (?:for|of) )?(?:priority actions?|priority and immediate action|improvements?|recommendations?)\b|\bdid not (?:find|identify) any (?:areas? (?:for|of) )?priority")
        .expect("valid regex")
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
fn close_letter_list(
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
        let new_item = |kind| Item {
            kind,
            section: section.clone(),
            number,
            text: text.to_owned(),
            first_block: i,
            last_block: i,
            within: None,
            framework_ref: None,
            cut: String::new(),
        };
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

/// The national-framework cross-reference at the end of an item's text, and the byte
/// offset where it starts (the text before it is the item's own).
pub fn framework_ref(text: &str) -> Option<(usize, FrameworkRef)> {
    let c = FRAMEWORK_REF.captures(text)?;
    let whole = c.get(0)?;
    let part =
        if c[1].to_ascii_lowercase().starts_with("outcome") { FrameworkPart::Outcome } else { FrameworkPart::Enabler };
    let named = c[2].trim().trim_end_matches(',').trim();
    if named.is_empty() || whole.start() == 0 {
        return None;
    }
    let number = named.parse::<u32>().ok();
    Some((whole.start(), FrameworkRef { part, number, text: named.to_owned() }))
}

/// Moves each item's national-framework cross-reference from its text to its field.
fn take_framework_refs(items: &mut [Item]) {
    for item in items {
        if let Some((at, found)) = framework_ref(&item.text) {
            item.cut = item.text.split_off(at);
            item.framework_ref = Some(found);
        }
    }
}

/// A news article's "X should improve A, B and C": one recommendation each, as byte
/// ranges of `text`.
fn split_should_improve(text: &str) -> Option<Vec<(usize, usize)>> {
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
fn is_list_subheading(
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
fn ends_unnumbered_list(list: &[(usize, &Block, String)], b: &Block) -> bool {
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
                out.push(Item {
                    kind: FindingKind::Recommendation,
                    section: section.clone(),
                    number: None,
                    text: b.text[s..e].to_owned(),
                    first_block: i,
                    last_block: i,
                    within: Some((s, e)),
                    framework_ref: None,
                    cut: String::new(),
                });
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
        out.push(Item {
            kind: kind_here,
            section: section.clone(),
            number,
            text: b.text.clone(),
            first_block: i,
            last_block: i,
            within: None,
            framework_ref: None,
            cut: String::new(),
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, start: Start) -> Block {
        Block { text: text.to_owned(), page: 1, start, first_on_page: false, last_on_page: false }
    }

    fn plain(text: &str) -> Block {
        block(text, Start::Plain)
    }

    #[test]
    fn national_framework_cross_references_become_a_field() {
        let cases = [
            ("Quality of safety planning (outcome 2, national framework)", FrameworkPart::Outcome, Some(2), "2"),
            (
                "Quality of management oversight (enabler: leaders drive conditions for effective practice, national framework)",
                FrameworkPart::Enabler,
                None,
                "leaders drive conditions for effective practice",
            ),
            (
                "The quality of oversight of plans. (enabler 2, national framework)",
                FrameworkPart::Enabler,
                Some(2),
                "2",
            ),
            ("Help for young carers (outcomes 1 and 3, National Framework).", FrameworkPart::Outcome, None, "1 and 3"),
        ];
        for (text, part, number, named) in cases {
            let (at, found) = framework_ref(text).expect(text);
            assert_eq!((found.part, found.number, found.text.as_str()), (part, number, named), "{text}");
            assert!(!text[..at].ends_with(' '), "{text}");
        }
        assert_eq!(framework_ref("Plans are reviewed (paragraph 12)."), None);
        assert_eq!(framework_ref("(outcome 2, national framework)"), None);

        // The item keeps its own words; the cross-reference wrapped over two lines is read whole.
        let blocks = vec![
            plain("What needs to improve?"),
            block("Quality of transitions for children leaving care (outcome 4, national", Start::Bullet),
            plain("framework)"),
            block(
                "The response to young carers. (enabler: leaders drive conditions for effective practice, national framework)",
                Start::Bullet,
            ),
            plain("The experiences and progress of children in care: good"),
        ];
        let items = items(&blocks, ReportKind::FullInspection);
        let texts: Vec<(&str, Option<String>)> =
            items.iter().map(|i| (i.text.as_str(), i.framework_ref.as_ref().map(FrameworkRef::label))).collect();
        assert_eq!(
            texts,
            [
                ("Quality of transitions for children leaving care", Some("Outcome 4".to_owned())),
                (
                    "The response to young carers.",
                    Some("Enabler: leaders drive conditions for effective practice".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn news_should_improve_is_split() {
        let text = "In order to improve practice, Southwark should improve the quality and timeliness of permanence planning, the quality and consistency of recording, including of visits to children, supervision, and activity by independent reviewing officers and the clarity of action planning in care plans.";
        let parts: Vec<&str> = split_should_improve(text).unwrap().into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            parts,
            [
                "the quality and timeliness of permanence planning",
                "the quality and consistency of recording, including of visits to children, supervision, and activity by independent reviewing officers",
                "the clarity of action planning in care plans"
            ]
        );
    }

    #[test]
    fn letter_sections_and_sign_off() {
        let blocks = vec![
            plain("Dear Ms Smith"),
            plain("This letter summarises the findings of a focused visit."),
            plain("Areas for priority action"),
            block("Effective oversight of care leavers.", Start::Bullet),
            plain("What needs to improve in this area of social work practice:"),
            block("The quality of supervision.", Start::Bullet),
            plain("Findings"),
            block("Leaders know their services well.", Start::Bullet),
            plain("Ofsted will take the findings from this focused visit into account."),
            plain("Yours sincerely"),
        ];
        let items = items(&blocks, ReportKind::FocusedVisit);
        let kinds: Vec<FindingKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [FindingKind::PriorityAction, FindingKind::Recommendation, FindingKind::Finding]);
        assert_eq!(items[1].section, "What needs to improve in this area of social work practice");
    }

    fn counts(items: &[Item]) -> (usize, usize) {
        let n = |k| items.iter().filter(|i| i.kind == k).count();
        (n(FindingKind::PriorityAction), n(FindingKind::Recommendation))
    }

    #[test]
    fn jtai_lists_with_sub_headings_sub_bullets_and_boxes() {
        let blocks = vec![
            plain("Dear local partnership"),
            plain("Key Strengths"),
            block("Leaders know their services well.", Start::Bullet),
            plain("Areas for priority action"),
            block("There are no areas for priority action", Start::Bullet),
            plain("Areas for improvement"),
            plain("Leadership and management"),
            block("Audits are not used well.", Start::Bullet),
            block("Leaders need to take action to improve the response to children, by:", Start::Bullet),
            plain("− ensuring that there is sufficient capacity in the MASH"),
            plain("\u{23AF} ensuring that the right agencies attend"),
            plain("Deep dive cases tracked for this inspection"),
            block("Plans are not updated.", Start::Bullet),
            plain("Case Study: areas for improvement."),
            plain("Inspectors found that schools are communicating with all relevant agencies."),
            plain("Next steps"),
            plain("The director of children’s services should prepare a written statement of proposed action."),
            plain("Yours sincerely"),
        ];
        let items = items(&blocks, ReportKind::Jtai);
        assert_eq!(counts(&items), (0, 3));
        let recs: Vec<&Item> = items.iter().filter(|i| i.kind == FindingKind::Recommendation).collect();
        assert_eq!(recs[0].section, "Leadership and management");
        assert_eq!(
            recs[1].text,
            "Leaders need to take action to improve the response to children, by: ensuring that there is sufficient capacity in the MASH ensuring that the right agencies attend"
        );
        assert_eq!(recs[2].section, "Deep dive cases tracked for this inspection");
        assert!(items.iter().all(|i| !i.text.contains("written statement")));
        assert!(
            items.iter().any(|i| i.kind == FindingKind::Finding && i.section == "Case Study: areas for improvement")
        );
    }

    #[test]
    fn focused_visit_lists_in_every_form() {
        let blocks = vec![
            plain("Dear Ms Ellis"),
            plain("Overview"),
            plain("There are serious weaknesses in many service areas."),
            plain("Area for priority action"),
            plain(
                "The local authority needs to take swift and decisive action to address the delays in identifying and ensuring permanence for children, including:",
            ),
            block("timely application of the pre-proceedings stage", Start::Bullet),
            block("prioritising the swifter progression of plans.", Start::Bullet),
            plain("What needs to improve in this area of social work practice"),
            block("A recently revised auditing framework has been implemented.", Start::Bullet),
            Block {
                text: "However, not all audits have clear action plans.".to_owned(),
                page: 2,
                start: Start::Plain,
                first_on_page: true,
                last_on_page: false,
            },
            plain("Findings"),
            block("Children are seen.", Start::Bullet),
            plain("Overview"),
            plain("Children are seen."),
            plain("Yours sincerely"),
        ];
        let mut blocks = blocks;
        blocks[8].last_on_page = true;
        let found = items(&blocks, ReportKind::FocusedVisit);
        assert_eq!(counts(&found), (2, 1));
        assert_eq!(found.last().map(|i| i.kind), Some(FindingKind::Finding));
        let rec = found.iter().find(|i| i.kind == FindingKind::Recommendation).unwrap();
        assert_eq!(
            rec.text,
            "A recently revised auditing framework has been implemented. However, not all audits have clear action plans."
        );
        // Written as prose, coming last; a section that says it is empty.
        let blocks = vec![
            plain("Dear Ms Bennett"),
            plain("Areas for priority action"),
            plain("There are no priority actions following this focused visit."),
            plain("What needs to improve in this area of social work practice"),
            plain("In locality team hubs, many assessments do not describe the changes."),
            plain("Plans are not sufficiently effective in reducing needs."),
            plain("Ofsted will take the findings from this focused visit into account."),
        ];
        assert_eq!(counts(&items(&blocks, ReportKind::FocusedVisit)), (0, 2));
    }

    #[test]
    fn prose_after_a_sub_heading_of_a_bulleted_list_is_findings() {
        let blocks = vec![
            plain("Dear Kirklees Safeguarding Children Partnership"),
            plain("What needs to improve?"),
            block("The recording of the work of the partnership.", Start::Bullet),
            block("Contingency planning for children in care.", Start::Bullet),
            plain("Kirklees Safeguarding Children Partnership (KSCP)"),
            plain("The partners have significant knowledge of the local area."),
            plain("Main findings"),
            plain("Leaders have an effective oversight of practice."),
        ];
        let items = items(&blocks, ReportKind::Jtai);
        assert_eq!(counts(&items), (0, 2));
        assert_eq!(items.iter().filter(|i| i.kind == FindingKind::Finding).count(), 2);
    }

    #[test]
    fn sub_bullets_join_their_numbered_recommendation() {
        let blocks = vec![
            plain("Recommendations"),
            block("Strengthen oversight (paragraph 25).", Start::Numbered(1)),
            block("Implement the following areas for improvement:", Start::Numbered(2)),
            block("improve capacity", Start::Bullet),
            block("improve timeliness.", Start::Bullet),
            plain("Summary for children and young people"),
        ];
        let items = items(&blocks, ReportKind::FullInspection);
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1].text,
            "Implement the following areas for improvement: improve capacity improve timeliness."
        );
        assert_eq!(items[1].number, Some(2));
    }

    #[test]
    fn a_numbered_lead_in_to_bullets_is_not_an_item() {
        let blocks = vec![
            plain("Areas for improvement"),
            block(
                "In order to improve services, the local authority should take the following action.",
                Start::Numbered(15),
            ),
            plain("Immediately:"),
            block("ensure all children have a plan", Start::Bullet),
            plain("Within three months:"),
            block("ensure all children have a PEP", Start::Bullet),
        ];
        let items = items(&blocks, ReportKind::FullInspection);
        assert_eq!(items.iter().filter(|i| i.kind == FindingKind::Recommendation).count(), 2);
    }

    #[test]
    fn table_rows_and_context_sections_are_not_findings() {
        let blocks = vec![
            plain("Inspection of Norfolk local authority children’s services"),
            plain("Overall effectiveness Good"),
            plain("Leaders have made progress."),
            plain("Information about this local authority area"),
            block("The DCS has been in post since 2014.", Start::Bullet),
            plain("The experiences and progress of children in care: good"),
            block("Children are seen.", Start::Numbered(1)),
        ];
        let items = items(&blocks, ReportKind::FullInspection);
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].kind, items[1].kind), (FindingKind::Summary, FindingKind::Finding));
        assert_eq!(items[1].number, Some(1));
    }
}
