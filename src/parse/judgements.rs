//! Judgements: the overall effectiveness grade and each area's grade, read from judgement
//! tables in all the shapes PDF text gives them (label and grade on one line, the grade
//! alone on the next line, labels wrapped round the grade, "Requires improvement to" /
//! "be good" split, the grade on the line before its label), from "…: good" headings and
//! "Grade 4 (inadequate)" lines, and from prose ("Children's services in Norfolk are
//! inadequate").

use std::sync::LazyLock;

use regex::Regex;

use super::normalise::Line;
use crate::model::{Grade, Judgement};

const GRADE: &str =
    r"outstanding|good|adequate|inadequate|not\s+judged|requires?\s+improvement(?:\s+to(?:\s+be\s+good)?)?";

static GRADE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:grade\s*\d\s*\(\s*)?({GRADE})\s*\)?$")).expect("valid regex"));
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(.+?)(?:\s{{2,}}|\s*:\s*)({GRADE}|requires)\s*$")).expect("valid regex")
});
static GRADED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^the graded judgements? (?:about|for|on) (?:the )?(.+?) (?:is|are)(?: that (?:it|they))?(?: is| are)? ({GRADE})\.?$"
    ))
    .expect("valid regex")
});
static ENDS_WITH_GRADE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{GRADE})\.?$")).expect("valid regex"));
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:be good|to be good|improvement(?: to(?: be good)?)?)$").expect("valid regex")
});
static TABLE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^judgements?\s+grades?$").expect("valid regex"));
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)?\.?\s+").expect("valid regex"));
// An authority's name as prose prints it: capitalised words and the small words between
// them ("the Royal Borough of Kensington and Chelsea", "Kingston upon Hull", "Blackburn
// with Darwen", "St. Helens", "Southend-on-Sea").
const PROSE_NAME: &str =
    r"(?:the\s+)?(?-i:[A-Z])[\w'’.&-]*(?:\s+(?:(?-i:[A-Z])[\w'’.&-]*|of|and|upon|on|with|the|&)){0,8}";

// The overall grade in a sentence: "Children's services in Norfolk are inadequate", "The
// overall judgement is that children's services are inadequate", "Overall effectiveness is
// good". Present tense only: "was judged inadequate" is the history of a re-inspection.
static PROSE_OVERALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:children['’]s (?:social care )?services in {PROSE_NAME}\s+(?:are\s+|is\s+)?(?:judged\s+(?:to\s+be\s+)?)?|the overall judgement is(?:\s+that\s+(?:children['’]s\s+)?services\s+(?:are|is))?\s+|overall effectiveness is (?:judged (?:to be )?)?)({GRADE})\b"
    ))
    .expect("valid regex")
});

/// How many lines from the top the sentence under the title may stand.
const TITLE_LINES: usize = 60;

/// Words that make a table label an area of children's services.
const AREA_WORDS: &[&str] = &[
    "help and protection",
    "in care",
    "looked after",
    "care leaver",
    "leaders",
    "leadership",
    "adoption",
    "overall effectiveness",
    "permanence",
    "capacity to improve",
    "capacity for improvement",
    "outcomes for",
    "quality of provision",
];

/// What the judgements of a report are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Judgements {
    /// The overall effectiveness grade.
    pub overall: Option<Grade>,
    /// Each judged area (overall effectiveness excluded), in report order.
    pub areas: Vec<Judgement>,
}

/// A grade from how reports write it.
pub fn grade_from(text: &str) -> Option<Grade> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.trim_start_matches("grade").trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '(');
    Some(if t.starts_with("outstanding") {
        Grade::Outstanding
    } else if t.starts_with("good") {
        Grade::Good
    } else if t.starts_with("adequate") {
        Grade::Adequate
    } else if t.starts_with("inadequate") {
        Grade::Inadequate
    } else if t.starts_with("not judged") || t.starts_with("not  judged") {
        Grade::NotJudged
    } else if t.starts_with("require") {
        Grade::RequiresImprovement
    } else {
        return None;
    })
}

fn is_area(label: &str) -> bool {
    let l = label.to_lowercase();
    AREA_WORDS.iter().any(|w| l.contains(w))
}

/// The judged area a label names, so a table row and its section heading count once.
fn area_key(lower: &str) -> String {
    let l = lower.replace('-', " ");
    let key = if l.contains("adoption") {
        "adoption"
    } else if l.contains("leader") {
        "leaders"
    } else if l.contains("help and protection") {
        "help_and_protection"
    } else if (l.contains("in care") || l.contains("looked after"))
        && l.contains("care leaver")
        && !l.contains("permanence")
    {
        "in_care_and_care_leavers"
    } else if l.contains("in care") || l.contains("looked after") {
        "in_care"
    } else if l.contains("care leaver") {
        "care_leavers"
    } else {
        return l;
    };
    key.to_owned()
}

fn clean_area(label: &str) -> String {
    let joined = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let stripped = NUMBERING.replace(&joined, "");
    stripped.trim().trim_end_matches(':').trim().to_owned()
}

/// The overall grade from the sentence under a report's title ("Children's services in the
/// Royal Borough of Greenwich are good"), read across a line break: it is the report's own
/// verdict, so it outranks a grade met later (a re-inspection's history of the last one).
fn title_sentence(lines: &[Line]) -> Option<Grade> {
    let top: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).take(TITLE_LINES).collect();
    top.iter().enumerate().find_map(|(i, t)| {
        let lower = t.to_lowercase();
        if !(lower.contains("children") || lower.contains("overall")) {
            return None;
        }
        let sentence = match top.get(i + 1) {
            Some(next) => format!("{t} {next}"),
            None => (*t).to_owned(),
        };
        PROSE_OVERALL.captures(&sentence).and_then(|c| grade_from(&c[1]))
    })
}

/// Reads the overall grade and area grades from a report's lines.
pub fn find(lines: &[Line]) -> Judgements {
    let mut rows: Vec<(String, Grade)> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut stale = false;
    let mut just_emitted = false;
    let mut pending_grade: Option<Grade> = None;
    let mut prose_overall = None;
    let mut split_requires = false;
    for line in lines {
        let t = line.text.trim();
        if t.is_empty() {
            stale = !label.is_empty();
            just_emitted = false;
            continue;
        }
        if prose_overall.is_none()
            && let Some(c) = PROSE_OVERALL.captures(t)
        {
            prose_overall = grade_from(&c[1]);
        }
        if TABLE_HEADER.is_match(t) {
            label.clear();
            stale = false;
            continue;
        }
        if just_emitted && CONTINUATION.is_match(t) {
            continue;
        }
        // "Requires" above the label and "improvement" below it.
        if t.eq_ignore_ascii_case("requires") || t.eq_ignore_ascii_case("require") {
            split_requires = true;
            continue;
        }
        if split_requires && CONTINUATION.is_match(t) && t.to_ascii_lowercase().starts_with("improvement") {
            split_requires = false;
            if !label.is_empty() {
                rows.push((clean_area(&label.join(" ")), Grade::RequiresImprovement));
                label.clear();
            }
            stale = false;
            just_emitted = true;
            continue;
        }
        if let Some(c) = GRADED_HEADING.captures(t) {
            if let Some(g) = grade_from(&c[2]) {
                rows.push((clean_area(&c[1]), g));
            }
            label.clear();
            just_emitted = true;
            continue;
        }
        if let Some(c) = GRADE_ONLY.captures(t) {
            let grade = grade_from(&c[1]);
            if let Some(g) = grade {
                if label.is_empty() {
                    pending_grade = Some(g);
                } else {
                    rows.push((clean_area(&label.join(" ")), g));
                    label.clear();
                }
            }
            stale = false;
            just_emitted = true;
            continue;
        }
        if let Some(c) = ROW.captures(t) {
            if stale {
                label.clear();
                stale = false;
            }
            let whole = if label.is_empty() { c[1].to_owned() } else { format!("{} {}", label.join(" "), &c[1]) };
            if let Some(g) = grade_from(&c[2])
                && whole.len() < 220
            {
                rows.push((clean_area(&whole), g));
            }
            label.clear();
            pending_grade = None;
            just_emitted = true;
            continue;
        }
        // A label fragment left below its row's grade ("protection" under "… help and  Good").
        if just_emitted && t.chars().next().is_some_and(char::is_lowercase) && t.len() < 60 && !t.ends_with('.') {
            if let Some(last) = rows.last_mut() {
                last.0 = clean_area(&format!("{} {t}", last.0));
            }
            continue;
        }
        just_emitted = false;
        let label_like = t.len() < 100 && !t.ends_with(['.', ';', ',']) && !ENDS_WITH_GRADE.is_match(t);
        if !label_like {
            label.clear();
            stale = false;
            pending_grade = None;
            continue;
        }
        if stale {
            label.clear();
            stale = false;
        }
        // "Overall effectiveness" under its own grade.
        if let Some(g) = pending_grade.take()
            && label.is_empty()
            && t.to_lowercase().starts_with("overall effectiveness")
        {
            rows.push((clean_area(t), g));
            continue;
        }
        label.push(t.to_owned());
        if label.len() > 3 {
            label.remove(0);
        }
    }
    let mut out = Judgements { overall: title_sentence(lines), areas: Vec::new() };
    let mut seen = std::collections::HashSet::new();
    for (area, grade) in rows {
        if !is_area(&area) {
            continue;
        }
        let lower = area.to_lowercase();
        if lower.starts_with("overall effectiveness") || lower == "overall" {
            out.overall.get_or_insert(grade);
            continue;
        }
        if seen.insert(area_key(&lower)) {
            out.areas.push(Judgement { area, grade });
        }
    }
    if out.overall.is_none() {
        out.overall = prose_overall;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().map(|t| Line { text: t.to_owned(), page: 1, bullet: false }).collect()
    }

    fn grades(text: &str) -> (Option<Grade>, Vec<(String, Grade)>) {
        let j = find(&lines(text));
        (j.overall, j.areas.into_iter().map(|a| (a.area, a.grade)).collect())
    }

    #[test]
    fn one_line_rows_and_wrapped_labels() {
        let (overall, areas) = grades(
            "Judgement  Grade\n\nThe impact of leaders on social work\npractice with children and families  Good\n\nThe experiences and progress of\nchildren in care and care leavers   Requires improvement to be good\n\nOverall effectiveness  Good",
        );
        assert_eq!(overall, Some(Grade::Good));
        assert_eq!(
            areas,
            [
                ("The impact of leaders on social work practice with children and families".to_owned(), Grade::Good),
                (
                    "The experiences and progress of children in care and care leavers".to_owned(),
                    Grade::RequiresImprovement
                ),
            ]
        );
    }

    #[test]
    fn grade_split_over_lines() {
        let (overall, areas) = grades(
            "The impact of leaders on social work practice with\nchildren and families  Requires improvement to\nbe good\n\n1.  Children who need help and protection  Requires\nimprovement\n\n  2.1  Adoption performance   Good\n\nRequires improvement to be good\nOverall effectiveness",
        );
        assert_eq!(overall, Some(Grade::RequiresImprovement));
        assert_eq!(areas.len(), 3);
        assert_eq!(areas[1], ("Children who need help and protection".to_owned(), Grade::RequiresImprovement));
        assert_eq!(areas[2], ("Adoption performance".to_owned(), Grade::Good));
    }

    #[test]
    fn grade_on_the_middle_line_of_a_label() {
        let (_, areas) =
            grades("The experiences and progress of children who need help and  Outstanding\nprotection\n");
        assert_eq!(
            areas,
            [("The experiences and progress of children who need help and protection".to_owned(), Grade::Outstanding)]
        );
    }

    #[test]
    fn grade_alone_below_its_heading() {
        let (overall, areas) = grades(
            "Overall effectiveness of services for looked\nafter children and young people\n\nGrade 4 (inadequate)\n\nLeadership and management\n\nGrade 3 (adequate)\n\nThe experiences and progress of children who need help and protection\n\nGood",
        );
        assert_eq!(overall, Some(Grade::Inadequate));
        assert_eq!(areas[0], ("Leadership and management".to_owned(), Grade::Adequate));
        assert_eq!(areas[1].1, Grade::Good);
    }

    #[test]
    fn headings_and_prose() {
        let (overall, areas) = grades(
            "Children’s services in Norfolk require improvement to be good\n\nThe experiences and progress of children who need help and\nprotection: good\n\nThe graded judgement about the experience and progress of care leavers is that it requires improvement",
        );
        assert_eq!(overall, Some(Grade::RequiresImprovement));
        assert_eq!(
            areas[0],
            ("The experiences and progress of children who need help and protection".to_owned(), Grade::Good)
        );
        assert_eq!(areas[1], ("experience and progress of care leavers".to_owned(), Grade::RequiresImprovement));
        assert_eq!(
            grades("The overall judgement is that children’s services are inadequate").0,
            Some(Grade::Inadequate)
        );
        assert_eq!(grades("The overall judgement is requires improvement").0, Some(Grade::RequiresImprovement));
        assert_eq!(grades("Children’s services in Southwark are good  ").0, Some(Grade::Good));
    }

    #[test]
    fn title_sentence_in_every_name_form() {
        for (text, grade) in [
            ("Children’s services in the Royal Borough of Greenwich are good", Grade::Good),
            ("Children's services in the Isle of Wight require improvement to be good", Grade::RequiresImprovement),
            ("Children’s services in Kingston upon Hull are inadequate", Grade::Inadequate),
            ("Children’s services in Bath and North East Somerset are good", Grade::Good),
            ("Children’s services in Blackburn with Darwen require improvement to be good", Grade::RequiresImprovement),
            ("Children’s services in Southend-on-Sea are inadequate", Grade::Inadequate),
            ("Children’s services in St. Helens require improvement to be good", Grade::RequiresImprovement),
            ("Children’s services in the London Borough of Barking and Dagenham are inadequate", Grade::Inadequate),
            // Wrapped over two lines.
            ("Children’s services in the Royal Borough of Kensington and\nChelsea are outstanding", Grade::Outstanding),
            ("Children’s services in Telford and Wrekin require improvement\nto be good", Grade::RequiresImprovement),
        ] {
            assert_eq!(grades(text).0, Some(grade), "{text}");
        }
        // Not a verdict: the history of an earlier inspection, or prose going on.
        for text in [
            "The last full inspection of children’s services in Cambridgeshire, in January 2019, judged them good.",
            "When Ofsted last inspected Norfolk children’s services in 2015, it found that they were inadequate.",
            "At the last inspection, overall effectiveness was judged to be inadequate.",
        ] {
            assert_eq!(grades(text).0, None, "{text}");
        }
    }

    #[test]
    fn a_re_inspection_is_graded_by_its_own_sentence_not_its_history() {
        // A SIF re-inspection of an authority judged inadequate last time: the history
        // paragraphs repeat the old grade, the sentence under the title gives today's.
        let text = "Royal Borough of Greenwich\nRe-inspection of services for children in need of help and\nprotection, children looked after and care leavers\n\nInspection dates: 6 March 2017 to 30 March 2017\n\nChildren’s services in the Royal Borough of Greenwich require\nimprovement to be good\n\n1. Children who need help and protection  Requires improvement\n\n2. Children looked after and achieving permanence  Good\n\nInformation about this local authority area\n\nThe previous inspection of the local authority’s services was in 2015. The overall\njudgement is that children’s services are inadequate.\n\nOverall effectiveness  Inadequate\n";
        let (overall, areas) = grades(text);
        assert_eq!(overall, Some(Grade::RequiresImprovement));
        assert_eq!(areas.len(), 2);
    }

    #[test]
    fn requires_above_the_label_and_improvement_below() {
        let (_, areas) = grades(
            "Requires\n1. Children who need help and protection\nimprovement\n\n2. Children looked after and achieving permanence  Good",
        );
        assert_eq!(
            areas,
            [
                ("Children who need help and protection".to_owned(), Grade::RequiresImprovement),
                ("Children looked after and achieving permanence".to_owned(), Grade::Good),
            ]
        );
    }

    #[test]
    fn no_grades_in_ordinary_prose() {
        let (overall, areas) =
            grades("Work with care leavers is good.\nSocial workers know children well and the help is good");
        assert_eq!((overall, areas.len()), (None, 0));
    }
}
