//! [`RawDocument`] → [`ParsedReport`]: report metadata, judgements and findings.
//!
//! Owns everything about how Ofsted reports are written: page furniture to strip,
//! headings, dates, inspectors, judgement tables, and where findings start and end.
//! Pure functions of their input; no file access, no egui.
//!
//! The steps: [`normalise`] cleans lines and builds paragraphs, [`meta`] reads the kind,
//! authority, dates and inspector, [`judgements`] the grades, [`structure`] cuts the
//! findings, and this module gives them stable ids, source spans and classifications.

pub mod dates;
pub mod judgements;
pub mod meta;
pub mod normalise;
pub mod structure;

use std::collections::HashMap;

use crate::classify::Classifier;
use crate::import::{RawDocument, SourceFormat};
use crate::model::{Finding, FindingId, FindingKind, ReportKind, ReportMeta, SourceSpan};

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
