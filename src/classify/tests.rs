//! Unit tests of taxonomy loading, validation, classification and polarity.

use super::*;
use crate::model::Polarity;

fn classifier() -> Classifier {
    Classifier::default_taxonomy()
}

/// A small valid replacement taxonomy, with `{extra}` spliced into its category list.
fn replacement(extra: &str) -> String {
    format!(
        r##"(
    version: 3,
    fallback: "alpha",
    categories: [
        (id: "alpha", label: "Alpha", description: "First", colour: "#AABBCC",
         keywords: [(term: "apple", weight: 2)]),
        (id: "beta", label: "Beta", description: "Second", colour: "#ccddee", parent: "alpha",
         keywords: [(term: "banana"), (term: "blue(?:berry|bell)", weight: 3, regex: true)]),
        {extra}
    ],
)"##
    )
}

fn problems(text: &str) -> Vec<Problem> {
    match Classifier::from_ron(text, Path::new("user.ron")) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    }
}

fn only_problem(text: &str) -> Problem {
    let mut found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

// Loading the default taxonomy.

#[test]
fn default_taxonomy_loads() {
    let c = classifier();
    let ids: Vec<&str> = c.taxonomy().categories.iter().map(|c| c.id.as_str()).collect();
    for id in [
        "front_door",
        "early_help",
        "child_protection",
        "pre_proceedings",
        "exploitation_missing",
        "disabled_children",
        "children_in_care",
        "placements_sufficiency",
        "permanence_adoption",
        "care_leavers",
        "education",
        "health_wellbeing",
        "voice_participation",
        "management_oversight",
        "quality_assurance",
        "workforce",
        "leadership_governance",
        "covid_response",
        "homeless_16_17",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
    for category in &c.taxonomy().categories {
        assert!(category.colour.rgb().is_some(), "{}", category.id);
        assert!(!category.keywords.is_empty(), "{}", category.id);
        let first = category.label.chars().next().unwrap();
        assert!(first.is_uppercase(), "label of {} is not in sentence case", category.id);
    }
}

#[test]
fn default_fallback_matches_asset() {
    let file = validate::parse(DEFAULT_TAXONOMY_RON).unwrap();
    assert_eq!(file.fallback.as_deref(), Some(DEFAULT_FALLBACK));
    assert_eq!(classifier().fallback().as_str(), DEFAULT_FALLBACK);
}

#[test]
fn default_colours_are_distinct_and_light_enough_for_dark_text() {
    let c = classifier();
    let mut seen = std::collections::HashSet::new();
    for category in &c.taxonomy().categories {
        let [r, g, b] = category.colour.rgb().unwrap();
        assert!(seen.insert([r, g, b]), "{} reuses a colour", category.id);
        // Relative luminance well above that of mid-grey keeps near-black text readable.
        let luminance = 0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b);
        assert!(luminance > 180.0, "{} is too dark for dark text ({luminance})", category.id);
    }
}

#[test]
fn new_from_model_taxonomy_round_trips() {
    let taxonomy = classifier().taxonomy().clone();
    let rebuilt = Classifier::new(taxonomy.clone()).unwrap();
    assert_eq!(rebuilt.taxonomy(), &taxonomy);
    assert_eq!(rebuilt.fallback().as_str(), DEFAULT_FALLBACK);
}

// Validation failures.

#[test]
fn valid_replacement_loads() {
    let c = Classifier::from_ron(&replacement(""), Path::new("user.ron")).unwrap();
    assert_eq!(c.taxonomy().version, 3);
    assert_eq!(c.taxonomy().categories.len(), 2);
    assert_eq!(c.classify("A Bluebell and a banana", "", FindingKind::Finding).category.as_str(), "beta");
    assert_eq!(c.classify("Nothing here", "", FindingKind::Finding).category.as_str(), "alpha");
}

#[test]
fn duplicate_id_is_named_with_its_line() {
    let p = only_problem(&replacement(
        r##"(id: "beta", label: "Again", description: "Dup", colour: "#112233", keywords: [(term: "x")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::DuplicateId);
    assert_eq!(p.category, "beta");
    assert_eq!(p.line, Some(9));
}

#[test]
fn bad_colour_is_named() {
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#12345G", keywords: [(term: "x")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::BadColour("#12345G".into()));
    assert_eq!(p.category, "gamma");
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "red", keywords: [(term: "x")]),"##,
    ));
    assert!(matches!(p.kind, ProblemKind::BadColour(_)));
}

#[test]
fn bad_regex_is_named() {
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", keywords: [(term: "(unclosed", regex: true)]),"##,
    ));
    assert!(matches!(&p.kind, ProblemKind::BadRegex { term, .. } if term == "(unclosed"), "{p:?}");
    assert_eq!(p.category, "gamma");
    // The same characters as a plain phrase are escaped, so they are fine.
    assert!(
        problems(&replacement(
            r##"(id: "gamma", label: "G", description: "G", colour: "#123456", keywords: [(term: "(unclosed")]),"##,
        ))
        .is_empty()
    );
}

#[test]
fn missing_parent_is_named() {
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", parent: "nowhere", keywords: [(term: "x")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::MissingParent("nowhere".into()));
    assert_eq!(p.category, "gamma");
}

#[test]
fn parent_cycle_is_found() {
    let text = replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", parent: "delta", keywords: [(term: "x")]),
        (id: "delta", label: "D", description: "D", colour: "#123456", parent: "gamma", keywords: [(term: "y")]),"##,
    );
    let p = only_problem(&text);
    assert_eq!(p.kind, ProblemKind::Cycle(vec!["gamma".into(), "delta".into(), "gamma".into()]));
    assert_eq!(p.category, "gamma");
    // A category that is its own parent.
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", parent: "gamma", keywords: [(term: "x")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::Cycle(vec!["gamma".into(), "gamma".into()]));
}

#[test]
fn empty_keywords_are_refused() {
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", keywords: []),"##,
    ));
    assert_eq!(p.kind, ProblemKind::NoKeywords);
    assert_eq!(p.category, "gamma");
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", keywords: [(term: "  ")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::EmptyTerm);
}

#[test]
fn missing_fields_and_bad_weights_are_refused() {
    let p = only_problem(&replacement(r##"(id: "gamma", label: "G", colour: "#123456", keywords: [(term: "x")]),"##));
    assert_eq!(p.kind, ProblemKind::MissingField("description"));
    let p = only_problem(&replacement(
        r##"(id: "gamma", label: "G", description: "G", colour: "#123456", keywords: [(term: "x", weight: -1)]),"##,
    ));
    assert!(matches!(p.kind, ProblemKind::BadWeight { .. }));
    let p = only_problem(&replacement(
        r##"(id: "Gamma Ray", label: "G", description: "G", colour: "#123456", keywords: [(term: "x")]),"##,
    ));
    assert_eq!(p.kind, ProblemKind::BadId);
}

#[test]
fn syntax_error_gives_line_and_column_and_file() {
    let text = "(\n    categories: [\n        (id: \"a\", colour: #123456),\n    ],\n)";
    let err = Classifier::from_ron(text, Path::new("/home/me/taxonomy.ron")).unwrap_err();
    let p = &err.problems()[0];
    assert!(matches!(p.kind, ProblemKind::Syntax { .. }));
    assert_eq!(p.line, Some(3));
    let message = err.to_string();
    assert!(message.contains("line 3, column"), "{message}");
    assert!(message.ends_with("/home/me/taxonomy.ron"), "{message}");
}

#[test]
fn unknown_field_is_a_syntax_error() {
    let text =
        r##"(categories: [(id: "a", label: "A", description: "A", color: "#123456", keywords: [(term: "x")])])"##;
    let p = only_problem(text);
    assert!(matches!(&p.kind, ProblemKind::Syntax { message, .. } if message.contains("color")), "{p:?}");
}

#[test]
fn error_message_names_file_and_category() {
    let text =
        replacement(r##"(id: "gamma", label: "G", description: "G", colour: "#1234", keywords: [(term: "x")]),"##);
    let err = Classifier::from_ron(&text, Path::new("my/taxonomy.ron")).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("category \"gamma\" (line 9)"), "{message}");
    assert!(message.contains("#1234"), "{message}");
    assert!(message.ends_with("my/taxonomy.ron"), "{message}");
}

#[test]
fn default_asset_check_refuses_extend_mode() {
    let text = r##"(mode: Extend, categories: [(id: "care_leavers", keywords: [(term: "x")])])"##;
    let problems = validate::check_default(text).unwrap_err();
    assert!(problems.iter().any(|p| p.kind == ProblemKind::ExtendNotAllowed));
    assert!(validate::check_default(DEFAULT_TAXONOMY_RON).is_ok());
}

// User files: replace and extend.

#[test]
fn extension_adds_keywords_and_categories() {
    let text = r##"(
    mode: Extend,
    categories: [
        (id: "care_leavers", keywords: [(term: "grandmother's allotment", weight: 9)]),
        (id: "private_fostering", label: "Private fostering", description: "Children privately fostered",
         colour: "#F0D0A0", parent: "child_protection", keywords: [(term: "privately fostered", weight: 4)]),
    ],
)"##;
    let c = Classifier::from_ron(text, Path::new("ext.ron")).unwrap();
    let default = classifier();
    assert_eq!(c.taxonomy().categories.len(), default.taxonomy().categories.len() + 1);
    let care_leavers = c.taxonomy().get(&"care_leavers".into()).unwrap();
    assert_eq!(care_leavers.label, "Care leavers");
    assert!(care_leavers.keywords.iter().any(|k| k.term == "pathway plan"));
    assert!(care_leavers.keywords.iter().any(|k| k.term == "grandmother's allotment"));
    let got = c.classify("Support with the grandmother's allotment", "", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "care_leavers");
    assert_eq!(got.matched_terms, vec!["grandmother's allotment".to_owned()]);
    let got = c.classify("Children who are privately fostered are visited", "", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "private_fostering");
    assert_eq!(c.fallback(), default.fallback());
}

#[test]
fn extension_with_an_incomplete_new_category_is_refused() {
    let text =
        "(\n    mode: Extend,\n    categories: [\n        (id: \"new_theme\", keywords: [(term: \"x\")]),\n    ],\n)";
    let err = Classifier::from_ron(text, Path::new("ext.ron")).unwrap_err();
    let first = &err.problems()[0];
    assert_eq!(first.category, "new_theme");
    assert_eq!(first.line, Some(4));
    assert_eq!(first.kind, ProblemKind::MissingField("label"));
}

#[test]
fn extension_cannot_make_a_cycle_in_the_default() {
    let text = r##"(mode: Extend, categories: [
        (id: "front_door", parent: "early_help"),
        (id: "early_help", parent: "front_door"),
    ])"##;
    let err = Classifier::from_ron(text, Path::new("ext.ron")).unwrap_err();
    assert!(err.problems().iter().any(|p| matches!(p.kind, ProblemKind::Cycle(_))), "{err}");
}

#[test]
fn replacement_file_replaces_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taxonomy.ron");
    std::fs::write(&path, replacement("")).unwrap();
    let c = load_taxonomy_file(&path).unwrap();
    assert_eq!(c.taxonomy().categories.len(), 2);
    assert!(c.taxonomy().get(&"care_leavers".into()).is_none());
}

#[test]
fn missing_file_is_a_read_error_naming_it() {
    let err = load_taxonomy_file(Path::new("/no/such/dir/taxonomy.ron")).unwrap_err();
    assert!(matches!(err, TaxonomyError::Read { .. }));
    assert!(err.to_string().ends_with("/no/such/dir/taxonomy.ron"), "{err}");
}

#[test]
fn user_taxonomy_path_is_in_the_config_dir() {
    if let Some(path) = user_taxonomy_path() {
        assert!(path.ends_with("taxonomy.ron"));
        assert!(path.to_string_lossy().contains("inspection-tracker"));
    }
}

// Classification.

fn category(text: &str) -> String {
    classifier().classify(text, "", FindingKind::Recommendation).category.0
}

#[test]
fn classifies_by_vocabulary() {
    for (text, want) in [
        ("Decision-making in the MASH is timely.", "front_door"),
        ("Strategy discussions lead to section 47 enquiries when needed.", "child_protection"),
        ("Too many children remain in pre-proceedings under the PLO for too long.", "pre_proceedings"),
        ("Return home interviews are not always offered when children go missing.", "exploitation_missing"),
        ("Pathway plans are not updated and personal advisers have high caseloads.", "care_leavers"),
        ("The virtual school tracks the progress of children through their PEPs.", "education"),
        ("Special guardianship support has improved.", "permanence_adoption"),
        ("Caseloads are high and there are too many agency staff.", "workforce"),
        ("Supervision is regular but does not always set actions.", "management_oversight"),
        ("Audits are not moderated.", "quality_assurance"),
        ("Elected members and the lead member understand their corporate parenting duties.", "leadership_governance"),
        ("Homeless 16- and 17-year-olds are not offered an assessment.", "homeless_16_17"),
        ("During the pandemic, visits were carried out virtually during lockdown.", "covid_response"),
        ("There are too few foster carers and placements are often out of area.", "placements_sufficiency"),
        ("Short breaks for disabled children are well used.", "disabled_children"),
        ("IROs visit children before their reviews.", "children_in_care"),
        ("Initial health assessments and CAMHS waiting times.", "health_wellbeing"),
        ("Children's wishes and feelings are recorded through direct work.", "voice_participation"),
        ("Early help assessments are timely.", "early_help"),
    ] {
        assert_eq!(category(text), want, "{text}");
    }
}

#[test]
fn classification_gives_reason_and_confidence() {
    let c = classifier().classify(
        "Pathway plans are not updated, and personal advisers do not visit care leavers.",
        "",
        FindingKind::Finding,
    );
    assert_eq!(c.category.as_str(), "care_leavers");
    assert_eq!(c.matched_terms.len(), 3, "{:?}", c.matched_terms);
    assert!(c.matched_terms.contains(&"pathway plan".to_owned()));
    assert!(c.confidence > 0.5 && c.confidence <= 1.0, "{}", c.confidence);
}

#[test]
fn national_framework_cross_references_are_ignored() {
    let c = classifier();
    let got = c.classify(
        "Quality, consistency and impact of management oversight (enabler: leaders drive conditions for effective \
         practice, national framework)",
        "",
        FindingKind::Recommendation,
    );
    assert_eq!(got.category.as_str(), "management_oversight");
    assert!(!got.polarity_cues.iter().any(|c| c.contains("effective")), "{:?}", got.polarity_cues);
    let got =
        c.classify("Timeliness of health assessments (outcome 4, national framework)", "", FindingKind::Recommendation);
    assert_eq!(got.category.as_str(), "health_wellbeing");
    // Other brackets stay.
    assert_eq!(category("The local authority designated officer (LADO)."), "child_protection");
}

#[test]
fn shorter_terms_inside_longer_ones_do_not_count() {
    let got = classifier().classify("Children in care have care plans.", "", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "children_in_care");
    assert_eq!(got.matched_terms, vec!["children in care".to_owned(), "care plan".to_owned()]);
}

#[test]
fn regex_keywords_show_the_words_they_matched() {
    let got = classifier().classify("Children at risk of being criminally exploited.", "", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "exploitation_missing");
    assert_eq!(got.matched_terms, vec!["exploited".to_owned()]);
}

#[test]
fn one_defining_phrase_outweighs_passing_hints() {
    let got = classifier().classify(
        "Effective and rigorous senior management oversight of children in care who are placed in unregistered \
         settings, are at home with their parents or are with connected carers in emergency circumstances.",
        "Areas for priority action",
        FindingKind::PriorityAction,
    );
    assert_eq!(got.category.as_str(), "management_oversight");
    assert_eq!(got.matched_terms[0], "management oversight");
}

#[test]
fn heading_is_a_weaker_signal() {
    let c = classifier();
    // Nothing in the text: the heading decides, with a low confidence.
    let got = c.classify("Most of them are visited often.", "Care leavers", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "care_leavers");
    assert_eq!(got.matched_terms, vec!["care leaver (heading)".to_owned()]);
    assert!(got.confidence < 0.5);
    // The text outweighs the heading.
    let got = c.classify("The virtual school supports their education.", "Care leavers", FindingKind::Finding);
    assert_eq!(got.category.as_str(), "education");
}

#[test]
fn unmatched_text_gets_the_fallback_with_low_confidence() {
    let c = classifier();
    let got = c.classify("Lorem ipsum dolor sit amet.", "", FindingKind::Finding);
    assert_eq!(&got.category, c.fallback());
    assert!(got.matched_terms.is_empty());
    assert!(got.confidence <= 0.1);
    let got = c.classify("", "", FindingKind::Summary);
    assert_eq!(&got.category, c.fallback());
    assert_eq!(got.polarity, Polarity::Neutral);
}

#[test]
fn classification_is_deterministic_and_ties_go_to_the_first_category() {
    let c = Classifier::from_ron(&replacement(""), Path::new("user.ron")).unwrap();
    // One weight-2 term each: alpha is listed first.
    let a = c.classify("an apple and a banana banana", "", FindingKind::Finding);
    let text = "apple, banana";
    let tie = Classifier::from_ron(
        &replacement("").replace(r#"(term: "banana")"#, r#"(term: "banana", weight: 2)"#),
        Path::new("user.ron"),
    )
    .unwrap();
    assert_eq!(tie.classify(text, "", FindingKind::Finding).category.as_str(), "alpha");
    assert_eq!(a, c.classify("an apple and a banana banana", "", FindingKind::Finding));
}

// Polarity.

fn polarity(text: &str) -> (Polarity, Vec<String>) {
    let c = classifier().classify(text, "", FindingKind::Finding);
    (c.polarity, c.polarity_cues)
}

#[test]
fn polarity_of_findings() {
    for (text, want) in [
        ("Management oversight is strong and supervision is effective.", Polarity::Strength),
        ("Social workers are skilled and visits are timely.", Polarity::Strength),
        ("Adopter preparation is excellent.", Polarity::Strength),
        ("Children's wishes and feelings are captured well in assessments.", Polarity::Strength),
        ("Audit and quality assurance work is not fully effective.", Polarity::Weakness),
        ("Social work practice with disabled children is not sufficiently strong.", Polarity::Weakness),
        ("Too many children wait too long for a permanent home.", Polarity::Weakness),
        ("The quality of plans is poor, and there is delay in proceedings.", Polarity::Weakness),
        ("Recording is not yet consistent.", Polarity::Weakness),
        ("Assessments are thorough, however plans are weak.", Polarity::Mixed),
        ("Although visits are timely, too many children have changes of social worker.", Polarity::Mixed),
        ("Most live in good homes. However, some risk assessments should be completed sooner.", Polarity::Mixed),
        ("Not all children benefit from a plan.", Polarity::Weakness),
        ("The local authority has 45 children in care.", Polarity::Neutral),
        ("Care-experienced young people are referred to as care leavers in this report.", Polarity::Neutral),
        ("Leaders monitor children's emotional well-being.", Polarity::Neutral),
    ] {
        assert_eq!(polarity(text).0, want, "{text}: {:?}", polarity(text).1);
    }
}

#[test]
fn polarity_cues_are_recorded() {
    let (p, cues) = polarity("Assessments are thorough, however plans are weak.");
    assert_eq!(p, Polarity::Mixed);
    assert_eq!(cues, vec!["weak".to_owned(), "however".to_owned(), "thorough".to_owned()]);
    let (p, cues) = polarity("Audit work is not fully effective.");
    assert_eq!(p, Polarity::Weakness);
    assert_eq!(cues, vec!["is not fully effective".to_owned()]);
}

#[test]
fn recommendations_are_neutral_or_weakness() {
    let c = classifier();
    let rec = |text: &str| c.classify(text, "What needs to improve", FindingKind::Recommendation).polarity;
    assert_eq!(rec("The quality and timeliness of permanence planning."), Polarity::Neutral);
    assert_eq!(rec("Effective management oversight of services to care leavers."), Polarity::Neutral);
    assert_eq!(rec("Reduce delay for children in pre-proceedings."), Polarity::Weakness);
    let pa = c.classify("Ensure strong oversight.", "", FindingKind::PriorityAction);
    assert_eq!(pa.polarity, Polarity::Neutral);
    assert!(pa.polarity_cues.is_empty());
}
