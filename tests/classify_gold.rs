//! The classifier against the hand-labelled gold files: every recommendation and priority
//! action of the five sample reports must get one of its accepted categories, and every
//! polarity spot check one of its accepted polarities. The full text of each item comes
//! from the sample report (the gold file names it by a prefix).
//!
//! Fixtures: `tests/fixtures/classify/` holds copies of the gold JSON and the seed texts.

use std::path::PathBuf;

use inspection_tracker::classify::Classifier;
use inspection_tracker::model::FindingKind;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/classify")
}

/// The gold files with their report texts, in name order.
fn gold() -> Vec<(String, Value, String)> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "expected the five gold files in {}", fixtures().display());
    names
        .into_iter()
        .map(|json| {
            let gold: Value =
                serde_json::from_str(&std::fs::read_to_string(&json).expect("gold file")).expect("gold JSON");
            let text = std::fs::read_to_string(json.with_extension("txt")).expect("seed text");
            (json.file_name().expect("file name").to_string_lossy().into_owned(), gold, text)
        })
        .collect()
}

/// The whole line (item) of the report that starts with `prefix`, without bullet or number.
fn item_text(report: &str, prefix: &str) -> String {
    let prefix = prefix.replace('\'', "’");
    let line = report
        .lines()
        .find(|l| l.contains(prefix.as_str()) || l.replace('’', "'").contains(&prefix.replace('’', "'")))
        .unwrap_or_else(|| panic!("no line with {prefix:?}"));
    let trimmed = line.trim().trim_start_matches(['-', '•', '◼', '*', ' ']);
    // A news article lists its recommendations in one sentence ("should improve the
    // quality of X, the quality of Y and the clarity of Z"): the item runs from its prefix
    // to the next item.
    if let Some(start) = trimmed.find(prefix.as_str()).filter(|&s| s > 0) {
        let rest = &trimmed[start..];
        let end = [", the ", " and the ", ". "]
            .iter()
            .filter_map(|m| rest[1..].find(m).map(|e| e + 1))
            .min()
            .unwrap_or(rest.len());
        return rest[..end].trim_end_matches('.').to_owned();
    }
    // Numbered paragraphs: "12. Text".
    match trimmed.split_once(". ") {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest.to_owned(),
        _ => trimmed.to_owned(),
    }
}

fn texts(gold: &Value, field: &str) -> Vec<(String, Vec<String>)> {
    gold[field]
        .as_array()
        .expect("gold list")
        .iter()
        .map(|w| {
            let accepted = w[if field == "polarity" { "polarity" } else { "categories" }]
                .as_array()
                .expect("accepted values")
                .iter()
                .map(|v| v.as_str().expect("accepted value").to_owned())
                .collect();
            (w["prefix"].as_str().expect("prefix").to_owned(), accepted)
        })
        .collect()
}

#[test]
fn gold_recommendation_categories() {
    let classifier = Classifier::default_taxonomy();
    let mut wrong = Vec::new();
    let mut total = 0;
    for (name, gold, report) in gold() {
        for (field, kind, section) in [
            ("priority_actions", FindingKind::PriorityAction, "Areas for priority action"),
            ("recommendations", FindingKind::Recommendation, "What needs to improve"),
        ] {
            for (prefix, accepted) in texts(&gold, field) {
                total += 1;
                let text = item_text(&report, &prefix);
                let c = classifier.classify(&text, section, kind);
                if !accepted.contains(&c.category.0) {
                    wrong.push(format!(
                        "{name}: {text:?}\n    got {} {:?}, want one of {accepted:?}",
                        c.category, c.matched_terms
                    ));
                }
            }
        }
    }
    assert!(total >= 30, "only {total} gold items found");
    assert!(wrong.is_empty(), "{} of {total} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn gold_polarity_spot_checks() {
    let classifier = Classifier::default_taxonomy();
    let mut wrong = Vec::new();
    let mut total = 0;
    for (name, gold, report) in gold() {
        for (prefix, accepted) in texts(&gold, "polarity") {
            total += 1;
            let text = item_text(&report, &prefix);
            let c = classifier.classify(&text, "Findings", FindingKind::Finding);
            if !accepted.contains(&c.polarity.as_str().to_owned()) {
                wrong.push(format!(
                    "{name}: {text:?}\n    got {} {:?}, want one of {accepted:?}",
                    c.polarity, c.polarity_cues
                ));
            }
        }
    }
    assert!(total >= 12, "only {total} polarity checks found");
    assert!(wrong.is_empty(), "{} of {total} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// Every finding gets a category of the default taxonomy, and the reasons shown are terms of
/// that category.
#[test]
fn every_item_of_every_report_gets_a_default_category() {
    let classifier = Classifier::default_taxonomy();
    let taxonomy = classifier.taxonomy();
    for (_, _, report) in gold() {
        for line in report.lines().filter(|l| l.split_whitespace().count() > 8) {
            let c = classifier.classify(line, "", FindingKind::Finding);
            let category = taxonomy.get(&c.category).expect("category of the default taxonomy");
            assert!((0.0..=1.0).contains(&c.confidence));
            for term in &c.matched_terms {
                let term = term.trim_end_matches(" (heading)");
                // A regex keyword shows the words it matched.
                let is_keyword = category.keywords.iter().any(|k| {
                    k.term == term
                        || (k.regex && regex::Regex::new(&format!("(?i)^(?:{})$", k.term)).unwrap().is_match(term))
                });
                assert!(is_keyword, "{term} is not a keyword of {}", category.id);
            }
        }
    }
}
