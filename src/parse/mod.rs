//! [`RawDocument`] → [`ParsedReport`]: report metadata, judgements and findings.
//!
//! Owns everything about how Ofsted reports are written: page furniture to strip,
//! headings, dates, inspectors, judgement tables, and where findings start and end.
//! Pure functions of their input; no file access, no egui.
//!
//! The steps: [`normalise`] cleans lines and builds paragraphs, [`meta`] reads the kind,
//! authority, dates and inspector, [`authority`] ties the report to its council in the
//! registry, [`judgements`] the grades, [`structure`] cuts the findings, and this module
//! gives them stable ids, source spans and classifications.

pub mod authority;
pub mod dates;
pub mod judgements;
pub mod meta;
pub mod normalise;
pub mod structure;

use std::collections::HashMap;

use crate::classify::Classifier;
use crate::import::{RawDocument, SourceFormat};
use crate::model::{Finding, FindingId, FindingKind, ReportKind, ReportMeta, SourceSpan};

/// Compiles one of the parser's own patterns, fixed at build time, so failing is a bug.
fn rx(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("valid regex")
}

/// Version of the `parse --json` shape.
pub const SCHEMA_VERSION: u32 = 1;

/// Something the parser noticed but worked around; a partial parse is normal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ParseWarning {
    /// What was noticed.
    pub message: String,
    /// The paragraph of the normalised text it concerns, when there is one.
    pub paragraph: Option<usize>,
}

/// The result of parsing one document.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedReport {
    /// The report's metadata and judgements.
    pub meta: ReportMeta,
    /// Every finding, in report order, classified.
    pub findings: Vec<Finding>,
    /// The normalised text that findings' source spans point into.
    pub text: String,
    /// Offsets in `text` where each page starts (index 0 is page 1); empty for unpaged sources.
    pub page_starts: Vec<usize>,
    /// What the parser worked around.
    pub warnings: Vec<ParseWarning>,
}

/// A finding's id: a kind prefix and a short hash of its normalised text, so the same
/// text in the same report gets the same id on every parse.
pub fn finding_id(kind: FindingKind, text: &str) -> String {
    use sha2::Digest as _;
    let normal: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let digest = sha2::Sha256::digest(format!("{}\n{normal}", kind.as_str()).as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    let prefix = match kind {
        FindingKind::PriorityAction => "pa",
        FindingKind::Recommendation => "rec",
        FindingKind::Finding => "f",
        FindingKind::Summary => "s",
    };
    format!("{prefix}-{hex}")
}

/// Parses a document and classifies its findings.
pub fn parse(doc: &RawDocument, classifier: &Classifier) -> ParsedReport {
    // Text saved from a PDF viewer or `pdftotext` keeps its pages as form feeds.
    let split: Vec<String>;
    let pages: &[String] = if doc.format == SourceFormat::Text && doc.pages.len() == 1 && doc.pages[0].contains('\u{C}')
    {
        split = doc.pages[0].split('\u{C}').map(str::to_owned).collect();
        &split
    } else {
        &doc.pages
    };
    let paged = pages.len() > 1;
    let normal = normalise::normalise(pages, paged);
    let blocks = &normal.blocks;
    let found = meta::read(blocks, &normal.lines);
    let grades = judgements::find(&normal.lines);
    let items = structure::items(blocks, found.kind);

    // The normalised text: paragraphs separated by blank lines.
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(blocks.len());
    for b in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        offsets.push(text.len());
        text.push_str(&b.text);
    }
    let page_starts = if doc.format == SourceFormat::Pdf {
        (1..=doc.pages.len())
            .map(|p| {
                let page = u32::try_from(p).unwrap_or(u32::MAX);
                blocks.iter().position(|b| b.page >= page).map_or(text.len(), |i| offsets[i])
            })
            .collect()
    } else {
        Vec::new()
    };

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut findings = Vec::with_capacity(items.len());
    for item in items {
        let base = if item.cut.is_empty() {
            finding_id(item.kind, &item.text)
        } else {
            finding_id(item.kind, &format!("{}{}", item.text, item.cut))
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let (start, end) = match item.within {
            Some((s, e)) => (offsets[item.first_block] + s, offsets[item.first_block] + e - item.cut.len()),
            None => (
                offsets[item.first_block],
                offsets[item.last_block] + blocks[item.last_block].text.len() - item.cut.len(),
            ),
        };
        let classification = classifier.classify(&item.text, &item.section, item.kind);
        findings.push(Finding {
            id: FindingId(id),
            kind: item.kind,
            section: item.section,
            number: item.number,
            text: item.text,
            source: SourceSpan {
                page: (doc.format == SourceFormat::Pdf).then_some(blocks[item.first_block].page),
                paragraph: item.first_block,
                start,
                end,
            },
            classification,
            framework_ref: item.framework_ref,
        });
    }

    let mut warnings = Vec::new();
    if found.kind == ReportKind::Unknown {
        warnings.push(ParseWarning {
            message: "not recognised as an inspection of a council's or trust's children's services".to_owned(),
            paragraph: None,
        });
    }
    if findings.is_empty() {
        warnings.push(ParseWarning { message: "no findings recognised".to_owned(), paragraph: None });
    }
    if matches!(
        found.kind,
        ReportKind::FullInspection | ReportKind::FocusedVisit | ReportKind::MonitoringVisit | ReportKind::Jtai
    ) && found.visit_start.is_none()
    {
        warnings.push(ParseWarning { message: "no visit dates found".to_owned(), paragraph: None });
    }

    // A document that is not an inspection of children's services judges nothing of theirs.
    let mut meta = found;
    match authority::of_blocks(&meta, blocks) {
        Ok(found) => meta.authority = Some(found.code.clone()),
        Err(why) if meta.kind != ReportKind::Unknown => {
            warnings.push(ParseWarning { message: format!("authority not resolved: {why}"), paragraph: None });
        }
        Err(_) => {}
    }
    if meta.kind != ReportKind::Unknown {
        meta.overall_judgement = grades.overall;
        meta.judgements = grades.areas;
    }
    ParsedReport { meta, findings, text, page_starts, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_depend_on_kind_and_text() {
        let a = finding_id(FindingKind::Finding, "Leaders know  their services well.");
        assert_eq!(a, finding_id(FindingKind::Finding, "Leaders know their services well."));
        assert!(a.starts_with("f-"));
        assert_ne!(a, finding_id(FindingKind::Summary, "Leaders know their services well."));
    }

    fn text_doc(text: &str) -> RawDocument {
        RawDocument {
            path: "x.txt".into(),
            format: SourceFormat::Text,
            pages: vec![text.to_owned()],
            content_hash: String::new(),
        }
    }

    #[test]
    fn monitoring_visit_letter() {
        let letter = "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\n12 March 2019\n\nDear Ms Jones\n\nMonitoring visit to Kent County Council children’s services\n\nThis letter summarises the findings of the monitoring visit to Kent County Council children’s services on 19 and 20 February 2019. The visit was the third monitoring visit since the local authority was judged inadequate.\n\nAreas covered by the visit\n\nInspectors reviewed the progress made in the front door.\n\nHeadline findings\n\nProgress has been made since the last visit, but it is not yet consistent across the service.\n\nFindings and evaluation of progress\n\nSocial workers visit children regularly and know them well.\n\nToo many assessments are\n\nlate, and managers do not always notice.\n\nOfsted will take the findings from this visit into account.\n\nYours sincerely\n\nJane Smith\nHer Majesty’s Inspector\n";
        let report = parse(&text_doc(letter), &Classifier::default_taxonomy());
        assert_eq!(report.meta.kind, ReportKind::MonitoringVisit);
        assert_eq!(report.meta.lead_inspector.as_deref(), Some("Jane Smith"));
        let items: Vec<(FindingKind, &str)> = report.findings.iter().map(|f| (f.kind, f.text.as_str())).collect();
        assert_eq!(
            items,
            [
                (
                    FindingKind::Summary,
                    "Progress has been made since the last visit, but it is not yet consistent across the service."
                ),
                (FindingKind::Finding, "Social workers visit children regularly and know them well."),
                (FindingKind::Finding, "Too many assessments are late, and managers do not always notice."),
            ]
        );
    }

    fn kinds_and_texts(report: &ParsedReport, kind: FindingKind) -> Vec<String> {
        report.findings.iter().filter(|f| f.kind == kind).map(|f| f.text.clone()).collect()
    }

    /// A SIF 2014–15 report as the family prints it: the overall grade in the sentence under
    /// the title, a "Priority and immediate action" item, areas for improvement under theme
    /// sub-headings and running straight on into the strengths, and an LSCB list of
    /// unnumbered bullets under "Section 2", ending at its key strengths and weaknesses.
    const SIF_2014: &str = "Inspection of services for children in need of help and protection, children looked after and care leavers\n\nand\n\nReview of the effectiveness of the Local Safeguarding Children Board\n\nInspection dates: 4 November 2014 to 26 November 2014\n\nReport published: 16 January 2015\n\nChildren’s services in the Isle of Wight require improvement\nto be good\n\n1. Children who need help and protection  Requires improvement\n\n2. Children looked after and achieving permanence  Good\n\n3. Leadership, management and governance  Requires improvement\n\nExecutive summary\n\n1. Leaders have a clear understanding of the strengths and weaknesses of the service.\n\n2. Too many children wait too long for an assessment of their needs.\n\nWhat does the local authority need to improve?\n\nPriority and immediate action\n\n3. Ensure that all children at risk of significant harm are seen within one working day.\n\nAreas for improvement\n\nLeadership, management and governance\n\n4. Strengthen the oversight of work with children in need by managers.\n\n5. Ensure that performance information is accurate and used by leaders.\n\nQuality of social work practice\n\n6. Improve the quality of assessments so that they take account of\nhistory and risk.\n\n7. Ensure that plans are specific and measurable.\n\nThe local authority has the following strengths:\n\n8. Early help is well coordinated across the island.\n\n9. Social workers know their children well.\n\nInformation about this local authority area\n\n10. The local authority operates two children’s homes.\n\nSection 2: The effectiveness of the Local Safeguarding Children Board\n\nThe effectiveness of the LSCB requires improvement\n\nAreas for improvement\n\n\u{F0A7} Ensure that the board’s annual report evaluates the effectiveness of local services.\n\n\u{F0A7} Improve the attendance of partners at board meetings.\n\nKey strengths and weaknesses of the LSCB\n\n11. The board has a clear structure and a capable chair.\n\n12. Multi-agency audits are too few to inform learning.\n";

    #[test]
    fn sif_2014_improvement_lists() {
        let report = parse(&text_doc(SIF_2014), &Classifier::default_taxonomy());
        assert_eq!(report.meta.kind, ReportKind::FullInspection);
        assert_eq!(report.meta.overall_judgement, Some(crate::model::Grade::RequiresImprovement));
        assert_eq!(
            kinds_and_texts(&report, FindingKind::PriorityAction),
            ["Ensure that all children at risk of significant harm are seen within one working day."]
        );
        assert_eq!(
            kinds_and_texts(&report, FindingKind::Recommendation),
            [
                "Strengthen the oversight of work with children in need by managers.",
                "Ensure that performance information is accurate and used by leaders.",
                "Improve the quality of assessments so that they take account of history and risk.",
                "Ensure that plans are specific and measurable.",
                "Ensure that the board’s annual report evaluates the effectiveness of local services.",
                "Improve the attendance of partners at board meetings.",
            ]
        );
        let strengths = report.findings.iter().find(|f| f.number == Some(8)).expect("paragraph 8");
        assert_eq!(strengths.kind, FindingKind::Summary);
        let lscb = report.findings.iter().find(|f| f.number == Some(12)).expect("paragraph 12");
        assert_eq!(lscb.kind, FindingKind::Finding);
    }

    #[test]
    fn sif_lists_that_say_they_are_empty_and_restart_at_one() {
        let text = SIF_2014
            .replace(
                "3. Ensure that all children at risk of significant harm are seen within one working day.",
                "3. There are no areas of priority action.",
            )
            .replace(
                "Section 2: The effectiveness of the Local Safeguarding Children Board\n\nThe effectiveness of the LSCB requires improvement\n\nAreas for improvement\n\n\u{F0A7} Ensure that the board’s annual report evaluates the effectiveness of local services.\n\n\u{F0A7} Improve the attendance of partners at board meetings.",
                "What does the LSCB need to improve?\n\nPriority and immediate action\n\nThe inspection did not find any areas for priority and immediate action.\n\nAreas for improvement\n\n1. Ensure that the board’s annual report evaluates the effectiveness of local services.\n\n2. Improve the attendance of partners at board meetings.",
            )
            // The numbering runs straight on into the key strengths and weaknesses.
            .replace("11. The board has", "3. The board has")
            .replace("12. Multi-agency", "4. Multi-agency");
        let report = parse(&text_doc(&text), &Classifier::default_taxonomy());
        assert!(kinds_and_texts(&report, FindingKind::PriorityAction).is_empty());
        assert_eq!(kinds_and_texts(&report, FindingKind::Recommendation).len(), 6);
    }

    #[test]
    fn sif_2015_lists_headed_recommendations() {
        // From September 2015: lists headed just "Recommendations" (here with a leading
        // space and the first item on the next line), findings paragraphs ending with a
        // "(Recommendation)" tag that a page break left on its own.
        let text = "Norfolk County Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\n\nInspection date: 6 July 2015 – 30 July 2015\n\nChildren’s services in Norfolk are inadequate\n\nExecutive summary\n\nToo many children wait for help.\n\n Recommendations\n1. Strengthen management oversight in the MASH (paragraph 21).\n\n2. Improve the quality of plans (paragraph 30).\n\nSummary for children and young people\n\nSenior managers have worked hard to improve services.\n\nThe experiences and progress of children who need help and protection\n\n21. Decisions in the MASH are not always timely, and managers do not always record why.\n\n(Recommendation)\n\n22. Children are seen alone.\n\nThe Local Safeguarding Children Board\n\nRecommendations\n\n23. Ensure that the board evaluates its training (paragraph 40).\n";
        let report = parse(&text_doc(text), &Classifier::default_taxonomy());
        assert_eq!(report.meta.overall_judgement, Some(crate::model::Grade::Inadequate));
        assert_eq!(
            kinds_and_texts(&report, FindingKind::Recommendation),
            [
                "Strengthen management oversight in the MASH (paragraph 21).",
                "Improve the quality of plans (paragraph 30).",
                "Ensure that the board evaluates its training (paragraph 40).",
            ]
        );
        assert_eq!(report.findings.iter().filter(|f| f.kind == FindingKind::Finding).count(), 2);
    }

    #[test]
    fn ilacs_list_ends_where_the_findings_start() {
        // ILACS 2018–2020: the section heading after "What needs to improve" is missing, or
        // ran into the last bullet with no blank line between them.
        let head = "Inspection of Anyshire local authority children’s services\n\nInspection dates: 8 to 19 October 2018\n\nLead inspector: Ann Lee, Her Majesty’s Inspector\n\nOverall effectiveness  Good\n\nWhat needs to improve\n\n\u{F06E} The quality of plans for children in need.\n\n\u{F06E} Management oversight of work with care leavers, so that their pathway plans are\nupdated when their circumstances change.\n";
        let findings = "\n1. When children need help, they get it quickly from early help services.\n\n2. Thresholds are well understood by partners.\n\n3. Strategy discussions are timely.\n";
        for text in [
            format!("{head}{findings}"),
            format!("{head}The experiences and progress of children who need help and\nprotection: good\n{findings}"),
            // The first findings paragraph unnumbered, straight after the last bullet.
            format!(
                "{head}\nWhen children need help, they get it quickly from early help services in the county.\n\n2. Thresholds are well understood by partners.\n\n3. Strategy discussions are timely.\n"
            ),
        ] {
            let report = parse(&text_doc(&text), &Classifier::default_taxonomy());
            assert_eq!(report.meta.kind, ReportKind::FullInspection);
            let recs = kinds_and_texts(&report, FindingKind::Recommendation);
            assert_eq!(
                recs,
                [
                    "The quality of plans for children in need.",
                    "Management oversight of work with care leavers, so that their pathway plans are updated when their circumstances change."
                ],
                "{text}"
            );
            assert_eq!(report.findings.iter().filter(|f| f.kind == FindingKind::Finding).count(), 3, "{text}");
        }
    }

    #[test]
    fn spans_point_into_the_text_and_ids_are_unique() {
        let page = "Inspection of Norfolk local authority children’s services\n\nInspection dates: 7 to 18 November 2022\n\nWhat needs to improve?\n\n◼ The response to neglect.\n\n◼ The response to neglect.\n\nThe experiences and progress of children in care: good\n\n1. Children are seen often.\n";
        let doc = RawDocument {
            path: "x.txt".into(),
            format: SourceFormat::Text,
            pages: vec![page.to_owned()],
            content_hash: String::new(),
        };
        let report = parse(&doc, &Classifier::default_taxonomy());
        assert_eq!(report.findings.len(), 3);
        for f in &report.findings {
            assert_eq!(&report.text[f.source.start..f.source.end], f.text);
        }
        assert_ne!(report.findings[0].id, report.findings[1].id);
        assert!(report.findings[1].id.0.ends_with("-2"));
        assert_eq!(report.meta.judgements.len(), 1);
    }
}
