//! The action-tracking summary: a workspace flattened into plain rows and count tables
//! that every export format renders. Building it is pure (no I/O, "today" is a
//! parameter); every map is sorted before it reaches a row, so output is deterministic.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::ExportOptions;
use super::dates::suggested_due_date;
use super::plan::{EarlierRecommendation, PlanAction, PlanBuilder, PlanProgress, PlanSummary};
use crate::insights::RaisedBefore;
use crate::model::{
    Annotation, CategoryId, ChangeRecord, Date, Finding, FindingId, FindingKind, FindingState, FindingStates,
    FrameworkRef, Grade, ImportedReport, Judgement, Polarity, ProgressUpdate, Rag, ReportId, ReportKind, Status,
    Taxonomy,
};
use crate::workspace::query::{Candidate, Criteria, search_words, words_in};
use crate::workspace::{FindingRef, Workspace};

/// The label used for findings that have no category at all.
pub const UNCATEGORISED: &str = "Uncategorised";

/// One row of the action plan (or of the full findings list): a finding with its
/// report's context and everything the user has said about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// The report's id in the workspace.
    pub report: ReportId,
    /// The finding's id in the report.
    pub finding: FindingId,
    /// A short human reference: the report id and the plan reference (`R2`, `P1`) of a
    /// recommendation or priority action, else the paragraph number, or the finding id
    /// when the report does not number the paragraph.
    pub reference: String,
    /// The plan reference alone (`R2`, `P1`), for recommendations and priority actions.
    #[serde(default)]
    pub plan_ref: Option<String>,
    /// The actions of a recommendation or priority action, in plan order.
    #[serde(default)]
    pub actions: Vec<PlanAction>,
    /// Their progress, when there are any.
    #[serde(default)]
    pub progress: Option<PlanProgress>,
    /// Recommendations of the same authority's earlier reports that this one closely
    /// resembles ("raised before"), most similar first.
    #[serde(default)]
    pub raised_before: Vec<EarlierRecommendation>,
    /// The local authority the report is about.
    pub authority: String,
    /// What sort of report it came from.
    pub report_kind: ReportKind,
    /// The report's letter or publication date.
    pub report_date: Option<Date>,
    /// The heading the finding stands under.
    pub section: String,
    /// The national-framework outcome or enabler the report ties the item to.
    #[serde(default)]
    pub framework_ref: Option<FrameworkRef>,
    /// Priority action, recommendation, finding or summary.
    pub kind: FindingKind,
    /// The finding's full text.
    pub text: String,
    /// The effective category: the user's override, else the automatic one.
    pub category: Option<CategoryId>,
    /// The effective category's label.
    pub category_label: String,
    /// Whether the user chose the category (rather than the classifier).
    pub category_overridden: bool,
    /// Strength, weakness, mixed or neutral.
    pub polarity: Polarity,
    /// What the authority will do.
    pub planned_action: String,
    /// Who owns the action (empty when nobody does yet).
    pub owner: String,
    /// The due date the user set.
    pub due_date: Option<Date>,
    /// The statutory due date, offered where no due date is set on an open recommendation
    /// or priority action of a full inspection that has no actions yet. Never written into
    /// the annotation.
    pub suggested_due_date: Option<Date>,
    /// Where the action stands.
    pub status: Status,
    /// Why it was cancelled (empty unless it was).
    pub cancel_reason: String,
    /// Red, amber, green or blue, when set.
    pub rag: Option<Rag>,
    /// Days past due (0 when not overdue or finished): a recommendation's from its most
    /// overdue action when it has actions, else the finding's own due date (the findings
    /// table's rule, `ImportedReport::finding_state`, which the overdue filter uses too).
    pub days_overdue: i64,
    /// The newest progress update.
    pub latest_update: Option<ProgressUpdate>,
    /// Links or references to evidence.
    pub evidence: Vec<String>,
    /// Free notes.
    pub notes: String,
    /// Flagged as important.
    pub important: bool,
    /// Whether the user has annotated the finding at all.
    pub annotated: bool,
}

impl ActionItem {
    /// Whether the item (for a recommendation: any of its actions) is past its due date
    /// and not finished.
    pub fn is_overdue(&self) -> bool {
        self.days_overdue > 0
    }

    /// How late it is: its own due date's lateness or its most overdue action's,
    /// whichever is the greater (with that action's lead); `None` when neither is late.
    /// What the count tables and the overdue list count, so a recommendation whose
    /// actions are overdue is an overdue item.
    pub fn lateness(&self) -> Option<Lateness<'_>> {
        let own = Lateness { days: self.days_overdue, due: self.due_date, who: &self.owner };
        let actions = self.actions.iter().map(|a| Lateness { days: a.days_overdue, due: a.due, who: &a.lead });
        std::iter::once(own).chain(actions).filter(|l| l.days > 0).max_by_key(|l| l.days)
    }

    /// Whether this is a recommendation or priority action with no action at all: no
    /// actions and no planned action. Exports flag it "no action yet".
    pub fn has_no_action(&self) -> bool {
        self.kind.is_action() && self.actions.is_empty() && self.planned_action.trim().is_empty()
    }

    /// The evidence links, one a line.
    pub fn evidence_text(&self) -> String {
        self.evidence.join("\n")
    }

    /// What it repeats of earlier reports, one a line ("Repeats R3 of the 2017 full
    /// inspection (48% alike)").
    pub fn raised_before_text(&self) -> String {
        self.raised_before.iter().map(EarlierRecommendation::summary).collect::<Vec<_>>().join("\n")
    }
}

/// How late an item is (see [`ActionItem::lateness`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lateness<'a> {
    /// Days past the due date.
    pub days: i64,
    /// The due date passed.
    pub due: Option<Date>,
    /// Who owns or leads what is late (empty when nobody does).
    pub who: &'a str,
}

/// How many items fall in one category, overall and by status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    /// The category, or `None` for uncategorised items.
    pub category: Option<CategoryId>,
    /// Its label.
    pub label: String,
    /// Items in the category.
    pub total: usize,
    /// Of which overdue, themselves or through an action.
    pub overdue: usize,
    /// Items by status, every status in display order.
    pub by_status: Vec<(Status, usize)>,
}

/// Count tables over a set of items.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Items counted.
    pub items: usize,
    /// Items past their due date and not finished, or with an action that is.
    pub overdue: usize,
    /// Items by status, every status in display order.
    pub by_status: Vec<(Status, usize)>,
    /// Items by RAG: red, amber, green, blue, then not set (`None`).
    pub by_rag: Vec<(Option<Rag>, usize)>,
    /// Items by category, in taxonomy order, then unknown ids, then uncategorised.
    pub by_category: Vec<CategoryCount>,
}

impl Counts {
    fn of<'a>(items: impl Iterator<Item = &'a ActionItem>, taxonomy: &Taxonomy) -> Self {
        let mut counts = Counts::default();
        let mut status = BTreeMap::<Status, usize>::new();
        let mut rag = BTreeMap::<Option<Rag>, usize>::new();
        let mut category = BTreeMap::<Option<CategoryId>, (String, usize, usize, BTreeMap<Status, usize>)>::new();
        for item in items {
            counts.items += 1;
            counts.overdue += usize::from(item.is_overdue());
            *status.entry(item.status).or_default() += 1;
            *rag.entry(item.rag).or_default() += 1;
            let entry = category
                .entry(item.category.clone())
                .or_insert_with(|| (item.category_label.clone(), 0, 0, BTreeMap::new()));
            entry.1 += 1;
            entry.2 += usize::from(item.is_overdue());
            *entry.3.entry(item.status).or_default() += 1;
        }
        let per_status = |map: &BTreeMap<Status, usize>| -> Vec<(Status, usize)> {
            Status::ALL.iter().map(|s| (*s, map.get(s).copied().unwrap_or(0))).collect()
        };
        counts.by_status = per_status(&status);
        counts.by_rag =
            Rag::ALL.iter().map(|r| Some(*r)).chain([None]).map(|r| (r, rag.get(&r).copied().unwrap_or(0))).collect();
        let mut by_category: Vec<CategoryCount> = category
            .into_iter()
            .map(|(id, (label, total, overdue, statuses))| CategoryCount {
                category: id,
                label,
                total,
                overdue,
                by_status: per_status(&statuses),
            })
            .collect();
        by_category.sort_by_key(|c| category_order(taxonomy, c.category.as_ref()));
        counts.by_category = by_category;
        counts
    }
}

/// Sort key: taxonomy position, then unknown ids by name, then uncategorised last.
fn category_order(taxonomy: &Taxonomy, id: Option<&CategoryId>) -> (usize, String) {
    match id {
        Some(id) => match taxonomy.categories.iter().position(|c| &c.id == id) {
            Some(index) => (index, String::new()),
            None => (usize::MAX - 1, id.0.clone()),
        },
        None => (usize::MAX, String::new()),
    }
}

/// One report's part of the summary: what it is, its judgements and its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    /// The report's id in the workspace.
    pub id: ReportId,
    /// A short name: authority, kind and date.
    pub name: String,
    /// The local authority: the registry's name, else the name as printed.
    pub authority: String,
    /// The authority's DfE code, when the registry knows the authority.
    pub authority_code: Option<String>,
    /// The name as the report prints it, when that differs from `authority`.
    pub printed_name: Option<String>,
    /// What sort of report it is.
    pub kind: ReportKind,
    /// Its letter or publication date.
    pub date: Option<Date>,
    /// The overall effectiveness grade, when given.
    pub overall_judgement: Option<Grade>,
    /// Each judged area and its grade.
    pub judgements: Vec<Judgement>,
    /// The statutory action-plan due date (full inspections only).
    pub suggested_due_date: Option<Date>,
    /// Counts over this report's items in the action plan.
    pub counts: Counts,
    /// The action plan's header and the changes since the last board.
    #[serde(default)]
    pub plan: PlanSummary,
}

impl ReportSummary {
    /// What a report's heading adds about its authority: the DfE code, and the name as the
    /// report prints it where that differs from the registry's.
    pub fn authority_facts(&self) -> Vec<String> {
        let code = self.authority_code.iter().map(|code| format!("DfE code {code}"));
        code.chain(self.printed_name.iter().map(|printed| format!("printed as “{printed}”"))).collect()
    }
}

/// Everything an export shows: the action plan rows, every finding, and summary tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    /// The workspace the summary came from (usually its file name).
    pub workspace_name: String,
    /// The day the summary was produced.
    pub generated: Date,
    /// The action plan: one row per item, in report order then finding order.
    pub items: Vec<ActionItem>,
    /// Every finding of the selected reports, whatever the other filters say.
    pub findings: Vec<ActionItem>,
    /// The selected reports, in workspace order.
    pub reports: Vec<ReportSummary>,
    /// Counts over the whole action plan.
    pub totals: Counts,
}

impl ActionSummary {
    /// Builds the summary of `ws` as of `today`. The action plan holds every priority
    /// action and recommendation, plus every other finding the user annotated (or every
    /// finding when `options.all_findings`), narrowed by the options' filters. Filter
    /// ids that do not exist simply match nothing; check them first with
    /// [`ExportOptions::validate`].
    /// Each recommendation's "raised before" covers the exported reports' recommendations
    /// (against every earlier report in `ws`).
    pub fn build(ws: &Workspace, options: &ExportOptions, today: Date, workspace_name: &str) -> ActionSummary {
        let exported = |id: &ReportId| options.reports.is_empty() || options.reports.contains(id);
        let raised = RaisedBefore::new(crate::insights::repeats(ws, &exported));
        Self::build_with(ws, options, today, workspace_name, &raised)
    }

    /// [`Self::build`] with the repeats given (empty when only the rows are counted).
    pub(crate) fn build_with(
        ws: &Workspace,
        options: &ExportOptions,
        today: Date,
        workspace_name: &str,
        raised: &RaisedBefore,
    ) -> ActionSummary {
        let mut items = Vec::new();
        let mut findings = Vec::new();
        let mut reports = Vec::new();
        let mut change_log: HashMap<&ReportId, Vec<&ChangeRecord>> = HashMap::new();
        for record in &ws.change_log {
            change_log.entry(&record.report).or_default().push(record);
        }
        for report in &ws.reports {
            if !options.reports.is_empty() && !options.reports.contains(&report.id) {
                continue;
            }
            let suggestion = suggested_due_date(report);
            let plan = PlanBuilder::new(report);
            let states = FindingStates::of(report, today);
            let first_item = items.len();
            for finding in &report.findings {
                let state = states.get(finding);
                let mut item = make_item(report, finding, state, &ws.taxonomy, today, suggestion, &plan);
                if finding.kind.is_action() {
                    let this = FindingRef { report: report.id.clone(), finding: finding.id.clone() };
                    item.raised_before = raised.of(&this).map(|r| EarlierRecommendation::of(r, ws)).collect();
                }
                if options.includes(&item) {
                    items.push(item.clone());
                }
                findings.push(item);
            }
            let counts = Counts::of(items[first_item..].iter(), &ws.taxonomy);
            let exported: Vec<&FindingId> =
                items[first_item..].iter().filter(|i| i.kind.is_action()).map(|i| &i.finding).collect();
            let records = change_log.get(&report.id).map(Vec::as_slice).unwrap_or_default();
            let plan = plan.summary(&exported, records, options.since, suggestion, today);
            reports.push(ReportSummary {
                id: report.id.clone(),
                name: report.display_name(),
                authority: authority(report),
                authority_code: report.authority().map(|a| a.code.0.clone()),
                printed_name: report.meta.local_authority.clone().filter(|p| *p != authority(report)),
                kind: report.meta.kind,
                date: report_date(report),
                overall_judgement: report.meta.overall_judgement,
                judgements: report.meta.judgements.clone(),
                suggested_due_date: suggestion,
                counts,
                plan,
            });
        }
        let totals = Counts::of(items.iter(), &ws.taxonomy);
        ActionSummary { workspace_name: workspace_name.to_owned(), generated: today, items, findings, reports, totals }
    }

    /// The action plan's items from one report, in report order.
    pub fn items_of<'a>(&'a self, report: &'a ReportId) -> impl Iterator<Item = &'a ActionItem> + 'a {
        self.items.iter().filter(move |item| &item.report == report)
    }

    /// The overdue items (themselves or through an action), most overdue first, each
    /// with how late it is.
    pub fn overdue_items(&self) -> Vec<(&ActionItem, Lateness<'_>)> {
        let mut overdue: Vec<(&ActionItem, Lateness<'_>)> =
            self.items.iter().filter_map(|i| Some((i, i.lateness()?))).collect();
        overdue.sort_by(|(a, la), (b, lb)| lb.days.cmp(&la.days).then_with(|| a.reference.cmp(&b.reference)));
        overdue
    }
}

fn authority(report: &ImportedReport) -> String {
    report.authority_name().unwrap_or_default().to_owned()
}

fn report_date(report: &ImportedReport) -> Option<Date> {
    report.meta.letter_date.or(report.meta.visit_end)
}

fn make_item(
    report: &ImportedReport,
    finding: &Finding,
    // A recommendation's status and dates come from its actions when it has any.
    state: FindingState,
    taxonomy: &Taxonomy,
    today: Date,
    suggestion: Option<Date>,
    plan: &PlanBuilder<'_>,
) -> ActionItem {
    let annotation = report.annotations.get(&finding.id);
    let empty = Annotation::default();
    let note = annotation.unwrap_or(&empty);
    let automatic = Some(&finding.classification.category).filter(|c| !c.0.is_empty());
    let category = note.category.as_ref().or(automatic).cloned();
    let category_label = match &category {
        Some(id) => taxonomy.label(id).to_owned(),
        None => UNCATEGORISED.to_owned(),
    };
    let plan_ref = plan.reference(&finding.id).map(str::to_owned);
    let reference = match (&plan_ref, finding.number) {
        (Some(r), _) => format!("{} {r}", report.id),
        (None, Some(n)) => format!("{} para {n}", report.id),
        (None, None) => format!("{} {}", report.id, finding.id),
    };
    let (actions, progress) = plan.actions(&finding.id, today);
    let planned = !actions.is_empty();
    // A recommendation with actions has their dates; the suggestion is for one without.
    let suggested_due_date = suggestion.filter(|_| {
        note.due_date.is_none() && finding.kind.is_action() && !note.status.is_finished() && actions.is_empty()
    });
    ActionItem {
        report: report.id.clone(),
        finding: finding.id.clone(),
        reference,
        plan_ref,
        actions,
        progress,
        raised_before: Vec::new(),
        authority: authority(report),
        report_kind: report.meta.kind,
        report_date: report_date(report),
        section: finding.section.clone(),
        framework_ref: finding.framework_ref.clone(),
        kind: finding.kind,
        text: finding.text.clone(),
        category_overridden: note.category.is_some(),
        category,
        category_label,
        polarity: finding.classification.polarity,
        planned_action: note.planned_action.clone(),
        owner: note.owner.clone().unwrap_or_default(),
        due_date: state.due,
        suggested_due_date,
        status: state.status,
        cancel_reason: note.cancel_reason.clone().unwrap_or_default(),
        rag: note.rag,
        days_overdue: state.days_overdue,
        latest_update: note.latest_update().cloned(),
        evidence: note.evidence.clone(),
        notes: note.notes.clone(),
        important: note.important,
        annotated: annotation.is_some_and(|a| !a.is_empty()) || planned,
    }
}

impl ExportOptions {
    /// The options' filter choices, applied by the same rule as the findings table's.
    pub fn criteria(&self) -> Criteria<'_> {
        Criteria {
            reports: &self.reports,
            categories: &self.categories,
            statuses: &self.statuses,
            kinds: &self.kinds,
            polarity: self.polarity,
            overdue_only: self.only_overdue,
            important_only: self.important_only,
        }
    }

    /// Whether an item belongs in the action plan under these options.
    pub fn includes(&self, item: &ActionItem) -> bool {
        let selected = item.kind.is_action() || item.annotated || self.all_findings;
        let candidate = Candidate {
            report: &item.report,
            kind: item.kind,
            category: item.category.as_ref(),
            status: item.status,
            polarity: item.polarity,
            overdue: item.is_overdue(),
            important: item.important,
        };
        selected
            && (!self.only_annotated || item.annotated)
            && self.criteria().keeps(&candidate)
            && words_in(
                &search_words(&self.text),
                &[&item.text, &item.section, &item.owner, &item.notes, &item.planned_action],
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Classification, Colour, ReportMeta, SourceSpan};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn finding(id: &str, kind: FindingKind, number: Option<u32>, category: &str) -> Finding {
        Finding {
            id: FindingId(id.into()),
            kind,
            section: "Recommendations".into(),
            number,
            text: format!("Text of {id}"),
            source: SourceSpan::default(),
            classification: Classification { category: CategoryId(category.into()), ..Default::default() },
            framework_ref: None,
        }
    }

    fn workspace() -> Workspace {
        let mut annotations = BTreeMap::new();
        annotations.insert(
            FindingId("f2".into()),
            Annotation { notes: "worth watching".into(), category: Some("care".into()), ..Default::default() },
        );
        annotations.insert(
            FindingId("r1".into()),
            Annotation { due_date: Some(d("2024-02-01")), owner: Some("Jo".into()), ..Default::default() },
        );
        let report = ImportedReport {
            id: ReportId("la-2024".into()),
            source_path: "la.pdf".into(),
            content_hash: String::new(),
            imported_at: d("2024-01-09").and_hms_opt(9, 0, 0).unwrap(),
            meta: ReportMeta {
                kind: ReportKind::FullInspection,
                local_authority: Some("Anyshire".into()),
                letter_date: Some(d("2024-01-08")),
                ..Default::default()
            },
            findings: vec![
                finding("r1", FindingKind::Recommendation, None, "front_door"),
                finding("r2", FindingKind::Recommendation, None, ""),
                finding("f1", FindingKind::Finding, Some(12), "front_door"),
                finding("f2", FindingKind::Finding, Some(13), "front_door"),
            ],
            text: String::new(),
            page_starts: Vec::new(),
            annotations,
            actions: Vec::new(),
            plan: Default::default(),
        };
        let category = |id: &str, label: &str| Category {
            id: id.into(),
            label: label.into(),
            description: String::new(),
            colour: Colour("#336699".into()),
            parent: None,
            keywords: Vec::new(),
        };
        Workspace {
            schema_version: crate::workspace::SCHEMA_VERSION,
            reports: vec![report],
            change_log: Vec::new(),
            taxonomy: Taxonomy {
                version: 1,
                categories: vec![category("care", "Care"), category("front_door", "Front door")],
            },
        }
    }

    #[test]
    fn plan_holds_actions_and_annotated_findings() {
        let ws = workspace();
        let s = ActionSummary::build(&ws, &ExportOptions::default(), d("2024-03-01"), "test");
        let ids: Vec<_> = s.items.iter().map(|i| i.finding.0.as_str()).collect();
        assert_eq!(ids, ["r1", "r2", "f2"]);
        assert_eq!(s.findings.len(), 4);
        let f2 = &s.items[2];
        assert_eq!(f2.reference, "la-2024 para 13");
        assert_eq!(f2.category_label, "Care");
        assert!(f2.category_overridden);
        assert_eq!(s.items[1].category_label, UNCATEGORISED);
        assert_eq!(s.items[0].days_overdue, 29);
        assert_eq!(s.items[0].suggested_due_date, None, "a set due date wins");
        assert_eq!(s.items[1].suggested_due_date, Some(d("2024-04-17")));
        assert_eq!(f2.suggested_due_date, None, "only actions get a suggestion");

        let all = ActionSummary::build(
            &ws,
            &ExportOptions { all_findings: true, ..Default::default() },
            d("2024-03-01"),
            "t",
        );
        assert_eq!(all.items.len(), 4);
    }

    #[test]
    fn filters_narrow_the_plan() {
        let ws = workspace();
        let today = d("2024-03-01");
        let build = |o: ExportOptions| ActionSummary::build(&ws, &o, today, "t");
        assert_eq!(build(ExportOptions { only_overdue: true, ..Default::default() }).items.len(), 1);
        assert_eq!(build(ExportOptions { only_annotated: true, ..Default::default() }).items.len(), 2);
        let by_cat = build(ExportOptions { categories: vec!["front_door".into()], ..Default::default() });
        assert_eq!(by_cat.items.len(), 1);
        let by_kind = build(ExportOptions { kinds: vec![FindingKind::Finding], ..Default::default() });
        assert_eq!(by_kind.items.len(), 1);
        let none = build(ExportOptions { reports: vec![ReportId("other".into())], ..Default::default() });
        assert!(none.items.is_empty() && none.reports.is_empty());
        let by_status = build(ExportOptions { statuses: vec![Status::Closed], ..Default::default() });
        assert!(by_status.items.is_empty());
    }

    #[test]
    fn a_recommendation_with_an_overdue_action_counts_as_overdue() {
        use crate::model::{Action, ActionId};
        let mut ws = workspace();
        let today = d("2024-03-01");
        let mut late = Action::new(
            ActionId("act-late".into()),
            FindingId("r2".into()),
            "Audit pathway plans".into(),
            None,
            d("2024-01-02").and_hms_opt(9, 0, 0).unwrap(),
        );
        late.due = Some(d("2024-02-20"));
        late.lead = Some("Priya".into());
        let mut done = late.clone();
        done.id = ActionId("act-done".into());
        done.due = Some(d("2024-01-01"));
        done.status = Status::Verified;
        ws.reports[0].actions = vec![late, done];
        let s = ActionSummary::build(&ws, &ExportOptions::default(), today, "t");
        let r2 = s.items.iter().find(|i| i.finding.0 == "r2").unwrap();
        assert!(r2.is_overdue(), "its own date is not set; an action is late");
        // r1 by its own date (29 days), r2 by its action (10 days); the finished one is not late.
        assert_eq!(s.totals.overdue, 2);
        let front_door = s.totals.by_category.iter().find(|c| c.label == "Front door").unwrap();
        assert_eq!(front_door.overdue, 1, "r1; r2 is uncategorised");
        let listed: Vec<_> =
            s.overdue_items().iter().map(|(i, l)| (i.finding.0.clone(), l.days, l.due, l.who)).collect();
        assert_eq!(
            listed,
            [("r1".to_owned(), 29, Some(d("2024-02-01")), "Jo"), ("r2".to_owned(), 10, Some(d("2024-02-20")), "Priya")]
        );
    }

    #[test]
    fn counts_are_in_display_order() {
        let ws = workspace();
        let s = ActionSummary::build(&ws, &ExportOptions::default(), d("2024-03-01"), "t");
        assert_eq!(s.totals.items, 3);
        assert_eq!(s.totals.overdue, 1);
        assert_eq!(s.totals.by_status[0], (Status::NotStarted, 3));
        assert_eq!(s.totals.by_rag.last(), Some(&(None, 3)));
        let labels: Vec<_> = s.totals.by_category.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["Care", "Front door", UNCATEGORISED]);
        assert_eq!(s.reports[0].counts, s.totals);
        assert_eq!(s.overdue_items().len(), 1);
    }
}
