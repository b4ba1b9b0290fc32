use super::*;
use crate::model::{
    Annotation, AuthorityCode, Classification, Finding, FindingId, FindingKind, ImportedReport, ReportMeta, SourceSpan,
};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

/// A report of `code` ending its visit on `end`, with recommendations `(id, text, category)`.
fn report(
    id: &str,
    code: &str,
    kind: ReportKind,
    end: Date,
    overall: Option<Grade>,
    recs: &[(&str, &str, &str)],
) -> ImportedReport {
    ImportedReport {
        id: ReportId(id.to_owned()),
        source_path: format!("{id}.pdf").into(),
        content_hash: String::new(),
        imported_at: end.and_hms_opt(0, 0, 0).unwrap(),
        meta: ReportMeta {
            kind,
            authority: Some(AuthorityCode(code.to_owned())),
            visit_start: end.checked_sub_days(chrono::Days::new(10)),
            visit_end: Some(end),
            letter_date: end.checked_add_days(chrono::Days::new(30)),
            overall_judgement: overall,
            judgements: overall
                .map(|g| vec![Judgement { area: "Overall effectiveness".to_owned(), grade: g }])
                .unwrap_or_default(),
            ..ReportMeta::default()
        },
        findings: recs
            .iter()
            .map(|(fid, text, category)| Finding {
                id: FindingId((*fid).to_owned()),
                kind: FindingKind::Recommendation,
                section: "What needs to improve".to_owned(),
                number: None,
                text: (*text).to_owned(),
                source: SourceSpan::default(),
                classification: Classification { category: CategoryId::from(*category), ..Classification::default() },
                framework_ref: None,
            })
            .collect(),
        text: String::new(),
        page_starts: Vec::new(),
        annotations: Default::default(),
        actions: Vec::new(),
        plan: Default::default(),
    }
}

fn workspace(reports: Vec<ImportedReport>) -> Workspace {
    let mut ws = Workspace::new(crate::workspace::synthetic::test_taxonomy());
    ws.reports = reports;
    ws
}

fn norfolk() -> Workspace {
    use Grade::*;
    use ReportKind::*;
    workspace(vec![
        // Imported out of date order: the insights sort by date.
        report(
            "norfolk-2018",
            "926",
            FullInspection,
            date(2017, 11, 24),
            Some(RequiresImprovement),
            &[
                ("r1", "Ensure that pathway plans for care leavers have clear goals and are reviewed.", "care_leavers"),
                ("r2", "Strengthen the commissioning and sufficiency strategy.", "placements"),
            ],
        ),
        report(
            "norfolk-2013",
            "926",
            FullInspection,
            date(2013, 7, 12),
            Some(Inadequate),
            &[
                ("r1", "Ensure all care leavers have pathway plans which are of good quality.", "care_leavers"),
                ("r2", "Ensure elected members understand their corporate parenting duties.", "leadership"),
            ],
        ),
        report(
            "norfolk-fv-2020",
            "926",
            FocusedVisit,
            date(2020, 10, 1),
            None,
            &[("r1", "The timeliness of return home interviews for children who go missing.", "exploitation")],
        ),
        report(
            "norfolk-2026",
            "926",
            FullInspection,
            date(2026, 2, 27),
            None,
            &[("r1", "Stronger recognition of young carers.", "early_help")],
        ),
        report(
            "suffolk-2019",
            "935",
            FullInspection,
            date(2019, 4, 12),
            Some(Outstanding),
            &[("r1", "Ensure that pathway plans for care leavers are of good quality.", "care_leavers")],
        ),
        report("unknown", "999", FullInspection, date(2019, 4, 12), Some(Good), &[]),
    ])
}

#[test]
fn latest_full_inspection_is_the_last_by_visit_date_not_by_import_order() {
    let insights = Insights::build(&norfolk());
    let norfolk = insights.authority("926").unwrap();
    let ids: Vec<&str> = norfolk.reports.iter().map(|r| r.id.0.as_str()).collect();
    assert_eq!(ids, ["norfolk-2013", "norfolk-2018", "norfolk-fv-2020", "norfolk-2026"]);
    let latest = norfolk.latest_full_inspection().unwrap();
    assert_eq!(latest.id.0, "norfolk-2026");
    // The 2026 framework gives no overall grade: none, not the previous report's.
    assert_eq!(latest.overall_judgement, None);
    assert_eq!(norfolk.latest_focused_visit().unwrap().id.0, "norfolk-fv-2020");
    assert!(norfolk.latest_jtai().is_none());
    assert_eq!(insights.unassigned, [ReportId("unknown".to_owned())]);
    assert_eq!(
        insights.authorities.iter().map(|a| a.authority.name.as_str()).collect::<Vec<_>>(),
        ["Norfolk", "Suffolk"]
    );
}

#[test]
fn grade_history_follows_the_2019_2021_and_2023_reorganisations() {
    use Grade::*;
    use ReportKind::*;
    let ws = workspace(vec![
        report("northants-2019", "928", FullInspection, date(2019, 6, 1), Some(Inadequate), &[]),
        report("west-northants-2024", "941", FullInspection, date(2024, 3, 1), Some(Good), &[]),
        report("north-northants-2023", "940", FocusedVisit, date(2023, 5, 1), None, &[]),
        report("old-dorset-2018", "835", FullInspection, date(2018, 1, 10), Some(Good), &[]),
        report("dorset-2025", "838", FullInspection, date(2025, 3, 21), Some(Outstanding), &[]),
        report("poole-2018", "836", FullInspection, date(2018, 5, 1), Some(RequiresImprovement), &[]),
        report("bcp-2022", "839", FullInspection, date(2022, 5, 1), Some(Inadequate), &[]),
        report("cumbria-2022", "909", FullInspection, date(2022, 9, 1), Some(Good), &[]),
        report("cumberland-2025", "942", FocusedVisit, date(2025, 9, 1), None, &[]),
    ]);
    let insights = Insights::build(&ws);
    let ids = |code: &str| insights.history(code).iter().map(|r| r.id.0.as_str()).collect::<Vec<_>>();
    // A successor's history begins with its predecessor's reports…
    assert_eq!(ids("941"), ["northants-2019", "west-northants-2024"]);
    assert_eq!(ids("940"), ["northants-2019", "north-northants-2023"]);
    assert_eq!(ids("838"), ["old-dorset-2018", "dorset-2025"]);
    assert_eq!(ids("839"), ["poole-2018", "bcp-2022"]);
    assert_eq!(ids("942"), ["cumbria-2022", "cumberland-2025"]);
    // …a historic authority's goes on into its successors'…
    assert_eq!(ids("928"), ["northants-2019", "north-northants-2023", "west-northants-2024"]);
    // …and each report keeps the code it was written under.
    assert_eq!(insights.history("941")[0].authority.0, "928");
    // The latest full inspection is the authority's own, never a predecessor's.
    assert!(insights.authority("940").unwrap().latest_full_inspection().is_none());
    assert!(ids("873").is_empty());
}

#[test]
fn national_table_filters_by_region_and_type_and_sorts() {
    use Grade::*;
    use ReportKind::*;
    let ws = workspace(vec![
        report("norfolk", "926", FullInspection, date(2022, 11, 18), Some(Good), &[]),
        report("suffolk", "935", FullInspection, date(2019, 4, 12), Some(Outstanding), &[]),
        report("camden", "202", FocusedVisit, date(2023, 11, 1), None, &[]),
        report("southwark", "210", FullInspection, date(2024, 1, 1), Some(Inadequate), &[]),
        report("bolton", "350", FullInspection, date(2014, 2, 5), Some(RequiresImprovement), &[]),
    ]);
    let insights = Insights::build(&ws);
    let names = |rows: Vec<&AuthorityInsight>| rows.iter().map(|a| a.authority.name.clone()).collect::<Vec<_>>();
    let all = NationalFilter::default();
    assert_eq!(
        names(insights.national(all, NationalSort::default())),
        ["Bolton", "Camden", "Norfolk", "Southwark", "Suffolk"]
    );
    let east = NationalFilter { region: Some(Region::EastOfEngland), kind: None };
    assert_eq!(names(insights.national(east, NationalSort::default())), ["Norfolk", "Suffolk"]);
    let boroughs = NationalFilter { region: None, kind: Some(AuthorityKind::LondonBorough) };
    assert_eq!(names(insights.national(boroughs, NationalSort::default())), ["Camden", "Southwark"]);
    let by_grade = NationalSort { column: NationalColumn::Overall, descending: false };
    assert_eq!(names(insights.national(all, by_grade)), ["Suffolk", "Norfolk", "Bolton", "Southwark", "Camden"]);
    let by_date = NationalSort { column: NationalColumn::Inspected, descending: true };
    assert_eq!(names(insights.national(all, by_date)), ["Southwark", "Norfolk", "Suffolk", "Bolton", "Camden"]);
}

#[test]
fn grades_are_counted_by_year_and_region() {
    let insights = Insights::build(&norfolk());
    let counts: Vec<(i32, &str, Option<Grade>, usize)> =
        insights.grade_counts.iter().map(|c| (c.year, c.region.label(), c.overall_grade, c.count)).collect();
    assert_eq!(
        counts,
        [
            (2013, "East of England", Some(Grade::Inadequate), 1),
            (2017, "East of England", Some(Grade::RequiresImprovement), 1),
            (2019, "East of England", Some(Grade::Outstanding), 1),
            (2026, "East of England", None, 1),
        ]
    );
}

#[test]
fn themes_count_recommendations_by_the_grade_in_force() {
    let mut ws = norfolk();
    // A user's correction of the category counts, as everywhere else.
    let r2018 = ws.reports.iter_mut().find(|r| r.id.0 == "norfolk-2018").unwrap();
    r2018.annotations.insert(
        FindingId("r2".to_owned()),
        Annotation { category: Some(CategoryId::from("placements_sufficiency")), ..Annotation::default() },
    );
    let insights = Insights::build(&ws);
    let themes: Vec<(Option<Grade>, &str, usize)> =
        insights.themes.iter().map(|t| (t.overall_grade, t.category.0.as_str(), t.count)).collect();
    assert_eq!(
        themes,
        [
            (Some(Grade::Outstanding), "care_leavers", 1),
            (Some(Grade::RequiresImprovement), "care_leavers", 1),
            // The focused visit of 2020 came after the 2017 "requires improvement" inspection.
            (Some(Grade::RequiresImprovement), "exploitation", 1),
            (Some(Grade::RequiresImprovement), "placements_sufficiency", 1),
            (Some(Grade::Inadequate), "care_leavers", 1),
            (Some(Grade::Inadequate), "leadership", 1),
            (None, "early_help", 1),
        ]
    );
}

#[test]
fn neighbours_latest_grades_and_themes_beside_the_councils_own() {
    let insights = Insights::build(&norfolk());
    let comparison = insights.neighbours("926");
    assert_eq!(comparison.own.unwrap().authority.name, "Norfolk");
    assert_eq!(comparison.neighbours.len(), 10);
    let with_reports: Vec<&str> =
        comparison.neighbours.iter().filter(|(_, i)| i.is_some()).map(|(a, _)| a.name.as_str()).collect();
    assert_eq!(with_reports, ["Suffolk"], "Suffolk is one of Norfolk's statistical neighbours");
    let care_leavers = comparison.themes.iter().find(|t| t.category.0 == "care_leavers").unwrap();
    assert_eq!((care_leavers.own, care_leavers.neighbours), (2, 1));
    assert_eq!(comparison.themes[0].category.0, "care_leavers", "the neighbours' commonest theme first");
    let leadership = comparison.themes.iter().find(|t| t.category.0 == "leadership").unwrap();
    assert_eq!((leadership.own, leadership.neighbours), (1, 0));
    assert!(insights.neighbours("000").neighbours.is_empty());
}

#[test]
fn a_recommendation_raised_before_links_to_the_earlier_one_of_the_same_authority_only() {
    let insights = Insights::build(&norfolk());
    let pairs: Vec<(String, String, &str)> =
        insights.repeats.iter().map(|r| (r.later.to_string(), r.earlier.to_string(), r.authority.0.as_str())).collect();
    // Suffolk's pathway plans recommendation is alike in words but another council's.
    assert_eq!(pairs, [("norfolk-2018/r1".to_owned(), "norfolk-2013/r1".to_owned(), "926")]);
    let later = FindingRef::new("norfolk-2018", "r1");
    assert_eq!(insights.repeats_of(&later).count(), 1);
    assert!(insights.repeats[0].similarity >= similarity::REPEAT_THRESHOLD);
    let ws = norfolk();
    assert_eq!(insights.repeats[0].earlier_label(&ws), "R1 of the 2013 full inspection");
    assert_eq!(insights.repeats[0].later_label(&ws), "R1 of the 2017 full inspection");
}

mod dashboard {
    use super::*;
    use crate::insights::dashboard::{Dashboard, MonthRow, PlanState};
    use crate::model::{Action, Rag, Stamp, Status};
    use crate::workspace::{ActionChange, Edit};

    fn stamp(day: Date) -> Stamp {
        Stamp::new(day.and_hms_opt(9, 0, 0).unwrap(), Some("Sam"))
    }

    /// Adds an action through the workspace's own edits, so the change log is real.
    fn add(
        ws: &mut Workspace,
        report: &str,
        finding: &str,
        due: Option<Date>,
        status: Status,
        rag: Option<Rag>,
        on: Date,
    ) {
        let target = FindingRef::new(report, finding);
        let s = stamp(date(2025, 1, 6));
        let id = ws.new_action_id(&target, &s, "x");
        let action = Action::new(id.clone(), target.finding.clone(), "Do it".into(), s.author.clone(), s.at);
        ws.apply(Edit::AddAction { target: target.clone(), action: Box::new(action), index: None }, s).unwrap();
        let set = |change| Edit::SetAction { target: target.clone(), action: id.clone(), change };
        ws.apply(set(ActionChange::Due(due)), stamp(date(2025, 1, 6))).unwrap();
        ws.apply(set(ActionChange::Rag { rag, rationale: String::new() }), stamp(date(2025, 1, 6))).unwrap();
        if status != Status::NotStarted {
            let cancel_reason = (status == Status::Cancelled).then(|| "Merged".to_owned());
            ws.apply(set(ActionChange::Status { status, cancel_reason }), stamp(on)).unwrap();
        }
    }

    fn plan() -> Workspace {
        let mut ws = norfolk();
        let never = date(2025, 1, 6);
        // 2018 r1 (care leavers): two actions, one done in March, one overdue.
        add(
            &mut ws,
            "norfolk-2018",
            "r1",
            Some(date(2025, 3, 31)),
            Status::Verified,
            Some(Rag::Blue),
            date(2025, 3, 20),
        );
        add(
            &mut ws,
            "norfolk-2018",
            "r1",
            Some(date(2025, 4, 30)),
            Status::InProgress,
            Some(Rag::Red),
            date(2025, 2, 1),
        );
        // 2018 r2 (placements): one due soon, one cancelled (counts nowhere but its status).
        add(&mut ws, "norfolk-2018", "r2", Some(date(2025, 5, 20)), Status::NotStarted, Some(Rag::Amber), never);
        add(&mut ws, "norfolk-2018", "r2", Some(date(2025, 5, 1)), Status::Cancelled, None, date(2025, 2, 1));
        // 2013 r1 (care leavers): done in April, though it was due in March.
        add(&mut ws, "norfolk-2013", "r1", Some(date(2025, 3, 15)), Status::Closed, Some(Rag::Green), date(2025, 4, 2));
        ws
    }

    #[test]
    fn status_by_category_and_recommendations_by_state() {
        let d = Dashboard::build(&plan(), date(2025, 5, 6));
        let care = &d.by_category[&CategoryId::from("care_leavers")];
        assert_eq!(
            care.actions.iter().map(|(s, n)| (*s, *n)).collect::<Vec<_>>(),
            [(Status::InProgress, 1), (Status::Verified, 1), (Status::Closed, 1)]
        );
        // 2018 r1 is open, 2013 r1 done, Suffolk's r1 has no action.
        assert_eq!(
            care.recommendations.iter().map(|(s, n)| (*s, *n)).collect::<Vec<_>>(),
            [(PlanState::NoActions, 1), (PlanState::Open, 1), (PlanState::Done, 1)]
        );
        // Each recommendation's status as the findings table shows it: from its actions.
        assert_eq!(
            care.recommendation_status.iter().map(|(s, n)| (*s, *n)).collect::<Vec<_>>(),
            [(Status::NotStarted, 1), (Status::InProgress, 1), (Status::Closed, 1)]
        );
        let placements = &d.by_category[&CategoryId::from("placements")];
        assert_eq!(placements.actions.get(&Status::Cancelled), Some(&1));
        assert_eq!(placements.recommendations.get(&PlanState::Open), Some(&1));
        assert_eq!(d.by_category[&CategoryId::from("leadership")].recommendations.get(&PlanState::NoActions), Some(&1));
    }

    #[test]
    fn rag_overdue_and_due_soon() {
        let d = Dashboard::build(&plan(), date(2025, 5, 6));
        assert_eq!(
            d.rag.iter().map(|(r, n)| (*r, *n)).collect::<Vec<_>>(),
            [(None, 1), (Some(Rag::Red), 1), (Some(Rag::Amber), 1), (Some(Rag::Green), 1), (Some(Rag::Blue), 1)]
        );
        // Only the in-progress action due 30 April; finished and cancelled ones are never overdue.
        assert_eq!(d.overdue, 1);
        // Due 20 May is within four weeks of 6 May; the cancelled one due 1 May is not counted.
        assert_eq!(d.due_soon, 1);
        assert_eq!(Dashboard::build(&plan(), date(2025, 4, 25)).due_soon, 2, "30 April and 20 May");
        assert_eq!(Dashboard::build(&plan(), date(2025, 3, 1)).due_soon, 0, "the March actions are done");
    }

    #[test]
    fn due_against_done_by_month() {
        let d = Dashboard::build(&plan(), date(2025, 5, 6));
        let months: Vec<((i32, u32), MonthRow)> = d.months.iter().map(|(m, r)| (*m, *r)).collect();
        assert_eq!(
            months,
            [
                ((2025, 3), MonthRow { due: 2, done: 1 }),
                ((2025, 4), MonthRow { due: 1, done: 1 }),
                ((2025, 5), MonthRow { due: 1, done: 0 }),
            ]
        );
    }

    #[test]
    fn progress_per_report() {
        let d = Dashboard::build(&plan(), date(2025, 5, 6));
        let rows: Vec<(&str, usize, usize, usize, usize)> = d
            .reports
            .iter()
            .map(|r| (r.report.0.as_str(), r.recommendations, r.without_actions, r.progress.total, r.progress.done()))
            .collect();
        assert_eq!(
            rows,
            [
                ("norfolk-2018", 2, 0, 4, 1),
                ("norfolk-2013", 2, 1, 1, 1),
                ("norfolk-fv-2020", 1, 1, 0, 0),
                ("norfolk-2026", 1, 1, 0, 0),
                ("suffolk-2019", 1, 1, 0, 0),
            ]
        );
        assert!((d.reports[0].progress.fraction_done() - 1.0 / 3.0).abs() < 1e-6, "the cancelled action is not live");
    }
}
