//! Tests of reading a report's kind, authority, dates and inspector.

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
fn printed_names_are_whole_and_never_a_subtitle() {
    let la = |texts: &[&str]| read(&blocks(texts)).local_authority;
    // A SIF report: the council's line, then the subtitle.
    let sif = [
        "Isle of Wight Council",
        "Inspection of services for children in need of help and protection, children looked after and care leavers",
        "and",
        "Review of the effectiveness of the Local Safeguarding Children Board",
        "Inspection date: 6 July 2015 – 30 July 2015",
    ];
    assert_eq!(la(&sif).as_deref(), Some("Isle of Wight Council"));
    // Without the council's line, the judgement sentence names it; the subtitle never does.
    let mut sentence = sif[1..].to_vec();
    sentence.push("Children’s services in the Royal Borough of Greenwich are good");
    assert_eq!(la(&sentence).as_deref(), Some("Royal Borough of Greenwich"));
    assert_eq!(la(&sif[1..]), None);
    for (line, want) in [
        ("Brighton and Hove City Council", "Brighton and Hove City Council"),
        ("Blackburn with Darwen Borough Council", "Blackburn with Darwen Borough Council"),
        ("Telford and Wrekin Council", "Telford and Wrekin Council"),
        ("East Riding of Yorkshire Council", "East Riding of Yorkshire Council"),
    ] {
        assert_eq!(la(&[line, "Inspection of local authority children’s services"]).as_deref(), Some(want));
    }
    assert_eq!(
        la(&["Inspection of the Royal Borough of Kensington and Chelsea local authority children’s services"])
            .as_deref(),
        Some("Royal Borough of Kensington and Chelsea")
    );
}

#[test]
fn focused_visit_signatory_in_every_form() {
    let lead = |tail: &[&str]| {
        let mut texts = vec!["18 June 2021", "Dear Mr Henderson", "Focused visit to Southampton children's services"];
        texts.push("Ofsted will take the findings from this focused visit into account when planning your next inspection or visit.");
        texts.extend_from_slice(tail);
        read(&blocks(&texts)).lead_inspector
    };
    let want = Some("Tom Anthony".to_owned());
    assert_eq!(lead(&["Your sincerely", "Tom Anthony Her Majesty’s Inspector"]), want);
    assert_eq!(lead(&["Yours sincerely,", "Tom Anthony", "His Majesty’s Inspector"]), want);
    assert_eq!(lead(&["Yours sincerely Tom Anthony HMI"]), want);
    assert_eq!(lead(&["Yours sincerely", "Tom Anthony (Lead Inspector)", "Her Majesty’s Inspector"]), want);
    assert_eq!(lead(&["Yours sincerely", "Tom Anthony Her", "= Majesty’s Inspector"]), want);
    // No sign-off line: the name after the closing sentence.
    assert_eq!(lead(&["Tom Anthony", "Her Majesty’s Inspector"]), want);
    assert_eq!(lead(&["Tom Anthony Her Majesty’s Inspector"]), want);
    assert_eq!(lead(&["Yours sincerely", "Her Majesty’s Inspector"]), None);
    assert_eq!(lead(&["Yours sincerely", "Tom Anthony", "National Director, Social Care"]), want);
    assert_eq!(lead(&["Yours sincerely", "Tom Anthony Senior HMI"]), want);
}

#[test]
fn jtai_ofsted_signatory_beside_the_other_inspectorates() {
    let lead = |table: &[&str]| {
        let mut texts = vec![
            "9 May 2018",
            "Dear local partnership",
            "Joint targeted area inspection of the multi-agency response to abuse and neglect in Leeds",
            "Yours sincerely",
        ];
        texts.extend_from_slice(table);
        let m = read(&blocks(&texts));
        assert_eq!(m.kind, ReportKind::Jtai);
        m.lead_inspector
    };
    let want = Some("Yvette Stanley".to_owned());
    // 2016–2020: a table, the organisations as its first row.
    let table = [
        "Ofsted Care Quality Commission",
        "Yvette Stanley",
        "National Director, Social Care",
        "Ursula Gallagher",
        "Deputy Chief Inspector",
        "HMI Constabulary and Fire & Rescue Services HMI Probation",
        "Wendy Williams",
    ];
    assert_eq!(lead(&table), want);
    assert_eq!(
        lead(&[
            "Ofsted Care Quality Commission",
            "Yvette Stanley National Director, Social Care",
            "Ursula Gallagher Deputy Chief Inspector"
        ]),
        want
    );
    // The name without its space, and two names side by side under their titles.
    assert_eq!(lead(&["Ofsted Care Quality Commission", "YvetteStanley", "National Director, Social Care"]), want);
    assert_eq!(
        lead(&[
            "Ofsted Care Quality Commission",
            "National Director",
            "Eleanor Schooling Ursula Gallagher",
            "Deputy Chief Inspector"
        ])
        .as_deref(),
        Some("Eleanor Schooling")
    );
    // 2022–2025: one signatory after another, Ofsted's title naming it.
    assert_eq!(
        lead(&[
            "Dr Sean O’Kelly BSc MB ChB Chief Inspector of Health Care, CQC",
            "Yvette Stanley National Director Regulation and Social Care, Ofsted",
        ]),
        want
    );
    assert_eq!(
        lead(&[
            "Yvette Stanley",
            "National Director, Regulation and Social Care, Ofsted",
            "Mani Hussain",
            "Deputy Chief Inspector, Care Quality Commission"
        ]),
        want
    );
}

#[test]
fn letter_titles_name_the_area() {
    let la = |texts: &[&str]| read(&blocks(texts)).local_authority;
    let jtai = |title: &str| la(&["Dear local partnership", title, "Yours sincerely"]);
    assert_eq!(
        jtai("Joint targeted area inspection of the multi-agency response to child sexual abuse in the family in York")
            .as_deref(),
        Some("York")
    );
    assert_eq!(
        jtai("Joint targeted area inspection of London Borough of Merton").as_deref(),
        Some("London Borough of Merton")
    );
    assert_eq!(jtai("Joint targeted area inspection of Kirklees").as_deref(), Some("Kirklees"));
    // No area in the title: the opening names it; a director's "County Council" does not.
    let m = la(&[
        "Jo Bloggs, Director of Children’s Services, County Council",
        "Dear local partnership",
        "Joint targeted area inspection of the multi-agency response to child sexual exploitation",
        "This letter outlines our findings about the work of individual agencies in Greenwich local authority.",
        "Yours sincerely",
    ]);
    assert_eq!(m.as_deref(), Some("Greenwich"));
    let visit = |title: &str, first: &str| la(&["Dear Andrew", title, first, "Yours sincerely"]);
    assert_eq!(
        visit(
            "Focused visit to Slough Children First",
            "This letter summarises a focused visit to Slough children’s services."
        )
        .as_deref(),
        Some("Slough Children First")
    );
    assert_eq!(
        visit(
            "Focused visit to children’s services",
            "This letter summarises the focused visit to Camden children’s services on 31 October."
        )
        .as_deref(),
        Some("Camden")
    );
    assert_eq!(visit("Focused visit to Durham’s children’s services", "").as_deref(), Some("Durham"));
}

#[test]
fn letter_kind_comes_from_its_title() {
    let m = read(&blocks(&[
        "Dear Ms Jones",
        "Monitoring visit to Kent County Council children’s services",
        "This letter summarises the findings of the monitoring visit. At the focused visit in 2019, inspectors found weaknesses.",
        "Yours sincerely",
    ]));
    assert_eq!(m.kind, ReportKind::MonitoringVisit);
}

#[test]
fn letter_dates_in_every_form() {
    let m = read(&blocks(&[
        "22 February 2018",
        "Dear Ms Quinton",
        "Focused visit to Coventry City Council children’s services",
        "This letter summarises the findings of a focused visit to Coventry City Council children’s services on 30 and 31 January. The inspectors were Alison Smale, HMI, and Peter McEntee, HMI.",
        "Yours sincerely",
    ]));
    assert_eq!(m.letter_date, d(2018, 2, 22));
    assert_eq!((m.visit_start, m.visit_end), (d(2018, 1, 30), d(2018, 1, 31)));
    let m = read(&blocks(&[
        "8 June 20118",
        "Dear Martin,",
        "Focused visit to Camden children’s services",
        "This letter summarises the findings of the focused visit to Camden children’s services on the 15 and 16 of May 2018.",
        "Yours sincerely",
    ]));
    assert_eq!(m.letter_date, d(2018, 6, 8));
    assert_eq!((m.visit_start, m.visit_end), (d(2018, 5, 15), d(2018, 5, 16)));
    let m = read(&blocks(&[
        "Dear Ms Turner",
        "Focused visit to Kingston-upon-Hull children’s services",
        "This letter summarises the findings of the focused visit to Kingston-upon-Hull children’s services on 15, 16 and 21 July 2025.",
        "Yours sincerely",
    ]));
    assert_eq!(m.letter_date, None);
    assert_eq!((m.visit_start, m.visit_end), (d(2025, 7, 15), d(2025, 7, 21)));
    let m = read(&blocks(&[
        "13 November 2020",
        "Dear Sheila Durr",
        "Focused visit to Bury local authority children’s services",
        "This letter summarises the findings of a focused visit to Bury local authority children’s services on 29 and 30 September, and 1 October 2020.",
        "Yours sincerely",
    ]));
    assert_eq!((m.visit_start, m.visit_end), (d(2020, 9, 29), d(2020, 10, 1)));
    // No year, across two months.
    let m = read(&blocks(&[
        "13 November 2020",
        "Dear Sheila Durr",
        "Focused visit to Bury local authority children’s services",
        "This letter summarises the findings of a focused visit to Bury children’s services on 29 and 30 September, and 1 October. It may be published.",
        "Yours sincerely",
    ]));
    assert_eq!((m.visit_start, m.visit_end), (d(2020, 9, 29), d(2020, 10, 1)));
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
