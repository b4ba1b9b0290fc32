//! Tests of the whole normalisation: each step seen through the public functions.

use std::collections::HashSet;

use super::*;

fn clean(s: &str) -> (String, bool) {
    let mut m = HashSet::new();
    let (t, b, _) = clean_line(s, &mut m);
    (t, b)
}

#[test]
fn ligatures_and_spaces() {
    assert_eq!(clean("ef\u{FB01}cient o\u{FB03}ce \u{FB02}ow\u{A0}now").0, "efficient office flow now");
    assert_eq!(clean("child\u{2011}in\u{2011}need").0, "child-in-need");
}

#[test]
fn markdown_bold_is_dropped() {
    assert_eq!(clean("T 0300 **Textphone** 0161").0, "T 0300 Textphone 0161");
}

#[test]
fn bullet_glyphs_are_stripped_and_flagged() {
    for s in [
        "◼  The practice response",
        "• The practice response",
        "- The practice response",
        "\u{F0B7} The practice response",
        "\u{F06E}  The practice response",
        "  \u{F0A7}  The practice response",
        "* The practice response",
        "– The practice response",
    ] {
        assert_eq!(clean(s), ("The practice response".to_owned(), true), "{s:?}");
    }
    assert!(!clean("-based").1);
}

#[test]
fn glued_footnote_markers_are_removed() {
    let mut m = HashSet::new();
    assert_eq!(clean_line("What needs to improve?1", &mut m).0, "What needs to improve?");
    assert_eq!(
        clean_line("Review of the Local Safeguarding Children Board1", &mut m).0,
        "Review of the Local Safeguarding Children Board"
    );
    assert_eq!(clean_line("this area² and", &mut m).0, "this area and");
    assert!(m.contains(&1) && m.contains(&2));
    // Codes and years are left alone.
    assert_eq!(clean_line("Manchester M1 2WD in 2019 COVID-19", &mut m).0, "Manchester M1 2WD in 2019 COVID-19");
}

#[test]
fn converter_tags_break_paragraphs() {
    let (lines, _) = clean_lines(&["<p>Summary</p> <p>The quality of work.</p>".to_owned()]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["Summary", "The quality of work."]);
}

fn page(s: &str) -> String {
    s.to_owned()
}

#[test]
fn running_headers_and_page_numbers_are_removed() {
    let words = ["Leaders", "Managers", "Partners", "Carers", "Workers"];
    let header = |n: usize| {
        format!(
            "Inspection of Norfolk local authority children’s services\n7 to 18 November 2022  {n}\n\n{} act.\n\n  {n} \n",
            words[n - 1]
        )
    };
    let pages: Vec<String> = (1..=5).map(header).collect();
    let (lines, _) = clean_lines(&pages);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["Leaders act.", "Managers act.", "Partners act.", "Carers act.", "Workers act."]);
}

#[test]
fn running_header_in_unpaged_text_is_removed() {
    let text = "First half of a\nInspection of Norfolk local authority children's services  7 to 18 November 2022  2\nparagraph.";
    let (lines, _) = clean_lines(&[page(text)]);
    assert!(lines.iter().all(|l| !l.text.contains("Inspection of Norfolk")));
    let headers = "a\n8 June to 19 June 26  2\nb\n8 June to 19 June 26  3\nc\n8 June to 19 June 26  4\n";
    let (lines, _) = clean_lines(&[page(headers)]);
    assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
}

#[test]
fn footnote_body_at_page_foot_is_dropped() {
    let pages = vec![
        page(
            "What needs to improve?1\n\nThe first point, which runs\n\n1 The areas for improvement have been cross-referenced.\nwith the framework.\n",
        ),
        page("on to the next page.\n"),
    ];
    let n = normalise(&pages, true);
    let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["What needs to improve?", "The first point, which runs on to the next page."]);
}

#[test]
fn superscript_footnote_paragraph_is_dropped() {
    let (lines, _) = clean_lines(&[page(
        "Information about this area²\n\n² The local authority was given the opportunity.\n\nNext.",
    )]);
    assert!(lines.iter().all(|l| !l.text.contains("opportunity")));
}

#[test]
fn table_of_contents_is_dropped() {
    let text = "Contents\n\nExecutive summary\t2\nThe local authority\t5\nOverall effectiveness of services for looked after children and\nyoung people  4\n\nThe local authority\n\nText.";
    let (lines, _) = clean_lines(&[page(text)]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["The local authority", "Text."]);
}

#[test]
fn ofsted_address_block_is_furniture_wherever_it_lands() {
    // At the foot of page 1, between the halves of the first headline finding.
    let pages = vec![
        page(
            "Headline findings\n\nLeaders have a clear view of practice, which means\n\nOfsted  \nPiccadilly Gate  \nStore Street \nManchester \nM1 2WD \n   T 0300 123 1231 \nTextphone 0161 618 8524 \nenquiries@ofsted.gov.uk \nwww.gov.uk/ofsted  \n",
        ),
        page("\n2 \n\nthat children are safe.\n"),
    ];
    let n = normalise(&pages, true);
    let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Headline findings", "Leaders have a clear view of practice, which means that children are safe."]
    );
    // Run together on one line with the text after it, and the 2018 form without the name.
    let (lines, _) = clean_lines(&[page(
        "Ofsted Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 enquiries@ofsted.gov.uk www.gov.uk/ofsted 8 January 2019\n\nPiccadilly Gate\nStore Street\nManchester M1 2WD\n\nT 0300 123 1231\n\nDear Ms Smith",
    )]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["8 January 2019", "Dear Ms Smith"]);
    // Inside a line of text; an email address in a sentence stays.
    let (lines, _) = clean_lines(&[page(
        "which means Ofsted Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 that children are safe.\nSend it to ProtectionOfChildren@ofsted.gov.uk by 30 March.",
    )]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).collect();
    assert_eq!(
        texts,
        ["which means that children are safe.", "Send it to ProtectionOfChildren@ofsted.gov.uk by 30 March."]
    );
    // A city on its own is not Ofsted's address.
    let (lines, _) = clean_lines(&[page("Social workers in\nManchester\nknow their children well.")]);
    assert_eq!(lines.len(), 3);
}

#[test]
fn a_day_broken_off_its_date_is_not_a_page_number() {
    let (lines, _) = clean_lines(&[page("\n22\n February 2018 \n\nDear Ms Quinton\n\n3\n")]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["22 February 2018", "Dear Ms Quinton"]);
}

#[test]
fn hyphenation_joins_breaks_and_keeps_compounds() {
    let vocab: HashSet<String> =
        ["official", "independent", "semi", "making", "decision"].iter().map(|s| (*s).to_owned()).collect();
    assert!(!keep_hyphen("an offi-", "cial view", &vocab));
    assert!(keep_hyphen("semi-", "independent living", &vocab));
    assert!(keep_hyphen("decision-", "making", &vocab));
    assert!(keep_hyphen("out-of-", "hours", &vocab));
    // Unknown fragments on both sides are a break.
    assert!(!keep_hyphen("accommo-", "dation", &HashSet::new()));
    let n = normalise(&[page("an offi-\ncial view of semi-\nindependent homes.")], true);
    assert_eq!(n.blocks[0].text, "an official view of semi-independent homes.");
}

#[test]
fn paragraphs_split_by_a_page_break_are_rejoined() {
    let text = "- Another carer told inspectors that\n\n\n\ncarers during the pandemic are paid.\n\n- Next item.";
    let n = normalise(&[page(text)], false);
    let texts: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Another carer told inspectors that carers during the pandemic are paid.", "Next item."]);
    // Across real pages a capitalised continuation is joined too.
    let pages =
        vec![page("12. The work of the Children and\n"), page("Family Court Advisory Service is good.\n\n13. Next.")];
    let n = normalise(&pages, true);
    assert_eq!(n.blocks[0].text, "The work of the Children and Family Court Advisory Service is good.");
    assert_eq!(n.blocks[0].start, Start::Numbered(12));
    assert_eq!(n.blocks[1].start, Start::Numbered(13));
}

#[test]
fn raw_pdftotext_layout_is_split_into_paragraphs() {
    let text = "1.\n\nWhen children need help, they get it from the early help teams in the\ncounty, which are well run.\nLeaders know this and have acted on what they learned from the many\naudits that they completed last year and the year before that.\n2.\n\nPlans are clear and good progress is made before work is closed or\nstepped down.\n";
    let n = normalise(&[text.repeat(2)], true);
    let starts: Vec<Start> = n.blocks.iter().take(3).map(|b| b.start).collect();
    assert_eq!(starts, [Start::Numbered(1), Start::Plain, Start::Numbered(2)]);
    assert_eq!(
        n.blocks[0].text,
        "When children need help, they get it from the early help teams in the county, which are well run."
    );
}

#[test]
fn numbered_paragraphs_start_blocks() {
    let n = normalise(
        &[page(
            "1.  When children need help, they\nget it.\n2.  Plans are clear.\nby 31 March\n2016. This is wrapped.",
        )],
        true,
    );
    let starts: Vec<Start> = n.blocks.iter().map(|b| b.start).collect();
    assert_eq!(starts, [Start::Numbered(1), Start::Numbered(2)]);
    assert_eq!(n.blocks[1].text, "Plans are clear. by 31 March 2016. This is wrapped.");
}
