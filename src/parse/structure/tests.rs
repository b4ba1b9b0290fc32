//! Tests of sections, lists and items, through [`items`] and the helpers it uses.

use super::*;
use crate::model::FrameworkPart;

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
        ("The quality of oversight of plans. (enabler 2, national framework)", FrameworkPart::Enabler, Some(2), "2"),
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
    assert!(items.iter().any(|i| i.kind == FindingKind::Finding && i.section == "Case Study: areas for improvement"));
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
    assert_eq!(items[1].text, "Implement the following areas for improvement: improve capacity improve timeliness.");
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
