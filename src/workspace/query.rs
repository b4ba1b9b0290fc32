//! Which findings to show, and in what order: the filter and sort of the findings table,
//! shared by the window's table, the export dialog's "use the table's filters", the
//! search highlighting and, through [`Criteria`] and [`ExportOptions`], the export and the
//! command line's `show` and `export` filters. Plain data and pure functions, no egui; the
//! table's cache ([`TableModel`]) recomputes only when the workspace, filter, sort or date
//! change. The action plan's filter ([`ActionFilter`]) and the addresses of actions
//! ([`ActionRef`], [`PlanSelection`]) live here too, for the plan view and the command line.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{FindingRef, Workspace};
use crate::export::ExportOptions;
use crate::model::{
    Action, ActionId, CategoryId, Date, FindingId, FindingKind, FindingStates, ImportedReport, Polarity, Rag, ReportId,
    Status,
};

/// A column of the findings table that can be sorted on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SortColumn {
    /// Report order, then finding order: the order of the documents.
    #[default]
    Report,
    /// Finding kind.
    Kind,
    /// Section heading.
    Section,
    /// Paragraph number.
    Number,
    /// Finding text.
    Text,
    /// Effective category label.
    Category,
    /// Status.
    Status,
    /// RAG rating.
    Rag,
    /// Owner.
    Owner,
    /// Due date.
    Due,
}

/// Sort column and direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// Descending instead of ascending.
    pub descending: bool,
}

impl Sort {
    /// Sorts by `column`, ascending; by the same column again, the other way round.
    pub fn toggle(&mut self, column: SortColumn) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            *self = Self { column, descending: false };
        }
    }
}

/// What the findings table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text; every word must appear (case-insensitive) in the text, section, owner or notes.
    pub text: String,
    /// Only this effective category.
    pub category: Option<CategoryId>,
    /// Only this status.
    pub status: Option<Status>,
    /// Only this kind.
    pub kind: Option<FindingKind>,
    /// Only this report.
    pub report: Option<ReportId>,
    /// Only this polarity.
    pub polarity: Option<Polarity>,
    /// Only overdue actions.
    pub overdue_only: bool,
    /// Only findings flagged important.
    pub important_only: bool,
}

impl Filter {
    /// Whether anything narrows the table.
    pub fn is_active(&self) -> bool {
        self != &Self::default()
    }

    /// The filter's choices, each a list of at most one.
    pub fn criteria(&self) -> Criteria<'_> {
        Criteria {
            reports: self.report.as_slice(),
            categories: self.category.as_slice(),
            statuses: self.status.as_slice(),
            kinds: self.kind.as_slice(),
            polarity: self.polarity,
            overdue_only: self.overdue_only,
            important_only: self.important_only,
        }
    }

    /// Export options that pick the same findings.
    pub fn export_options(&self, bom: bool, all_findings: bool) -> ExportOptions {
        ExportOptions {
            reports: self.report.iter().cloned().collect(),
            categories: self.category.iter().cloned().collect(),
            statuses: self.status.iter().copied().collect(),
            kinds: self.kind.iter().copied().collect(),
            only_annotated: false,
            only_overdue: self.overdue_only,
            text: self.text.clone(),
            polarity: self.polarity,
            important_only: self.important_only,
            all_findings,
            bom,
            since: None,
        }
    }
}

/// A filter's choices as any-of lists, with the rule that applies them: what the table's
/// one-of [`Filter`] and the export's [`ExportOptions`] (and so the command line's
/// repeatable flags) both mean, in one place. An empty list keeps everything.
#[derive(Clone, Copy, Debug)]
pub struct Criteria<'a> {
    /// Only these reports.
    pub reports: &'a [ReportId],
    /// Only these effective categories.
    pub categories: &'a [CategoryId],
    /// Only these statuses.
    pub statuses: &'a [Status],
    /// Only these kinds.
    pub kinds: &'a [FindingKind],
    /// Only this polarity.
    pub polarity: Option<Polarity>,
    /// Only overdue actions.
    pub overdue_only: bool,
    /// Only findings flagged important.
    pub important_only: bool,
}

/// What [`Criteria`] look at in one finding and its annotation.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    /// Its report.
    pub report: &'a ReportId,
    /// Its kind.
    pub kind: FindingKind,
    /// Its effective category, if any.
    pub category: Option<&'a CategoryId>,
    /// Its status (not started when unannotated).
    pub status: Status,
    /// Strength or weakness.
    pub polarity: Polarity,
    /// Past its due date and not finished.
    pub overdue: bool,
    /// Flagged important.
    pub important: bool,
}

impl Criteria<'_> {
    /// Whether a finding passes every choice.
    pub fn keeps(&self, c: &Candidate<'_>) -> bool {
        fn any_of<T: PartialEq>(list: &[T], value: &T) -> bool {
            list.is_empty() || list.contains(value)
        }
        any_of(self.reports, c.report)
            && any_of(self.kinds, &c.kind)
            && any_of(self.statuses, &c.status)
            && (self.categories.is_empty() || c.category.is_some_and(|id| self.categories.contains(id)))
            && self.polarity.is_none_or(|p| p == c.polarity)
            && (!self.overdue_only || c.overdue)
            && (!self.important_only || c.important)
    }
}

/// The search box's words: lowercase ASCII, split on whitespace.
pub fn search_words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_ascii_lowercase).collect()
}

/// Whether every one of the (lowercase ASCII) search `words` occurs, ignoring ASCII case,
/// in at least one of `parts`: the search box's rule for text that is not cached.
pub fn words_in(words: &[String], parts: &[&str]) -> bool {
    if words.is_empty() {
        return true;
    }
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    words.iter().all(|w| lower.iter().any(|p| p.contains(w.as_str())))
}

/// The byte ranges of `text` where any of the (lowercase ASCII) `words` occur, ignoring
/// ASCII case, merged and sorted. ASCII lowercasing keeps byte offsets, so the ranges
/// index the original text.
pub fn match_ranges(text: &str, words: &[String]) -> Vec<std::ops::Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(found) = lower[from..].find(word.as_str()) {
            let start = from + found;
            let end = start + word.len();
            ranges.push(start..end);
            from = end;
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    // Never split a UTF-8 character (a non-ASCII query word can't match ASCII-lowered text
    // partially, but be safe).
    merged.retain(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    merged
}

/// One finding of the workspace, as the table knows it.
#[derive(Clone, Debug)]
pub struct Row {
    /// The finding's address.
    pub target: FindingRef,
    /// Index of its report in `Workspace::reports`.
    pub report: usize,
    /// Index of the finding in the report's `findings`.
    pub finding: usize,
    /// Text and section, ASCII-lowercased, for the search box.
    haystack: String,
    /// Owner, notes and planned action, ASCII-lowercased; empty when not annotated.
    /// Refreshed on every edit, so typing a filter never looks annotations up.
    annotation_text: String,
}

/// The table's rows, cached. Per frame only the visible slice is drawn; the list is
/// rebuilt when the workspace's structure changes and re-filtered when anything else does.
#[derive(Debug, Default)]
pub struct TableModel {
    rows: Vec<Row>,
    /// Row index by report index and finding id, to refresh `annotation_text` on an edit.
    row_of: std::collections::HashMap<(usize, FindingId), usize>,
    visible: Vec<usize>,
    report_names: Vec<String>,
    built_structure: Option<u64>,
    filtered_key: Option<(u64, Filter, Sort, Date)>,
    /// The nine most used categories, most used first (number keys 1–9).
    pub top_categories: Vec<CategoryId>,
    /// Counts for the header, as of the last change.
    pub stats: Stats,
    /// Triaged (annotated) findings per report, by report index.
    pub triaged: Vec<usize>,
    /// Annotations kept for findings a re-import no longer has, by report index.
    pub orphans: Vec<usize>,
}

/// Workspace-wide counts shown in the header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every finding.
    pub findings: usize,
    /// Priority actions and recommendations.
    pub actions: usize,
    /// Findings with an annotation.
    pub triaged: usize,
    /// Overdue actions.
    pub overdue: usize,
}

impl TableModel {
    /// Brings the cache up to date. `structure` changes when reports are added, removed or
    /// re-imported; `revision` changes on every edit.
    pub fn refresh(&mut self, ws: &Workspace, structure: u64, revision: u64, filter: &Filter, sort: Sort, today: Date) {
        if self.built_structure != Some(structure) {
            self.rebuild(ws);
            self.built_structure = Some(structure);
            self.filtered_key = None;
        }
        let key = (revision, filter.clone(), sort, today);
        if self.filtered_key.as_ref() != Some(&key) {
            // Counts depend on the workspace only, not on the filter being typed.
            let counts_stale = self.filtered_key.as_ref().is_none_or(|(r, _, _, d)| *r != revision || *d != today);
            if counts_stale {
                self.refresh_annotation_text(ws);
            }
            let narrowing = self
                .filtered_key
                .as_ref()
                .is_some_and(|(r, old, s, d)| *r == revision && *s == sort && *d == today && only_narrows(old, filter));
            if narrowing {
                self.narrow(filter);
            } else {
                self.refilter(ws, filter, sort, today);
            }
            if counts_stale {
                self.count_categories(ws, today);
            }
            self.filtered_key = Some(key);
        }
    }

    /// Refreshes the lowercased annotation text of every row after an edit.
    fn refresh_annotation_text(&mut self, ws: &Workspace) {
        for row in &mut self.rows {
            row.annotation_text.clear();
        }
        for (ri, report) in ws.reports.iter().enumerate() {
            for (id, a) in &report.annotations {
                let Some(&i) = self.row_of.get(&(ri, id.clone())) else { continue };
                let text = &mut self.rows[i].annotation_text;
                for part in [a.owner.as_deref().unwrap_or(""), &a.notes, &a.planned_action] {
                    text.push_str(part);
                    text.push('\n');
                }
                text.make_ascii_lowercase();
            }
        }
    }

    /// Typing more of the search text can only remove rows: filter the rows already shown,
    /// whose order is already sorted, instead of every row of the workspace.
    fn narrow(&mut self, filter: &Filter) {
        let words = search_words(&filter.text);
        let rows = &self.rows;
        self.visible.retain(|&i| words_match(&rows[i], &words));
    }

    fn rebuild(&mut self, ws: &Workspace) {
        self.rows.clear();
        self.row_of.clear();
        self.report_names.clear();
        for (ri, report) in ws.reports.iter().enumerate() {
            self.report_names.push(report.short_name());
            for (fi, finding) in report.findings.iter().enumerate() {
                let mut haystack = String::with_capacity(finding.text.len() + finding.section.len() + 1);
                haystack.push_str(&finding.text);
                haystack.push('\n');
                haystack.push_str(&finding.section);
                haystack.make_ascii_lowercase();
                self.row_of.insert((ri, finding.id.clone()), self.rows.len());
                self.rows.push(Row {
                    target: FindingRef { report: report.id.clone(), finding: finding.id.clone() },
                    report: ri,
                    finding: fi,
                    haystack,
                    annotation_text: String::new(),
                });
            }
        }
    }

    fn refilter(&mut self, ws: &Workspace, filter: &Filter, sort: Sort, today: Date) {
        let words = search_words(&filter.text);
        let criteria = filter.criteria();
        let states: Vec<FindingStates> = ws.reports.iter().map(|r| FindingStates::of(r, today)).collect();
        self.visible.clear();
        for (i, row) in self.rows.iter().enumerate() {
            let Some(report) = ws.reports.get(row.report) else { continue };
            let Some(finding) = report.findings.get(row.finding) else { continue };
            let annotation = report.annotations.get(&finding.id);
            let state = states[row.report].get(finding);
            let candidate = Candidate {
                report: &report.id,
                kind: finding.kind,
                category: Some(finding.effective_category(annotation)),
                status: state.status,
                polarity: finding.classification.polarity,
                overdue: state.overdue(),
                important: annotation.is_some_and(|a| a.important),
            };
            if !criteria.keeps(&candidate) {
                continue;
            }
            if !words.is_empty() && !words_match(row, &words) {
                continue;
            }
            self.visible.push(i);
        }
        self.sort(ws, sort, &states);
    }

    fn sort(&mut self, ws: &Workspace, sort: Sort, states: &[FindingStates]) {
        if sort.column == SortColumn::Report && !sort.descending {
            return; // Already in report order.
        }
        let rows = &self.rows;
        let mut keyed: Vec<(i64, String, usize)> = self
            .visible
            .iter()
            .map(|&i| {
                let row = &rows[i];
                let report = &ws.reports[row.report];
                let finding = &report.findings[row.finding];
                let a = report.annotations.get(&finding.id);
                let (n, s): (i64, String) = match sort.column {
                    SortColumn::Report => (row.report as i64, String::new()),
                    SortColumn::Kind => (kind_rank(finding.kind), String::new()),
                    SortColumn::Section => (0, finding.section.to_lowercase()),
                    SortColumn::Number => (finding.number.map_or(i64::MAX, i64::from), String::new()),
                    SortColumn::Text => (0, finding.text.to_lowercase()),
                    SortColumn::Category => (0, ws.taxonomy.label(finding.effective_category(a)).to_lowercase()),
                    SortColumn::Status => (status_rank(states[row.report].get(finding).status), String::new()),
                    SortColumn::Rag => (a.and_then(|a| a.rag).map_or(i64::MAX, |r| r as i64), String::new()),
                    SortColumn::Owner => match a.and_then(|a| a.owner.as_deref()) {
                        Some(o) => (0, o.to_lowercase()),
                        None => (1, String::new()),
                    },
                    SortColumn::Due => (
                        states[row.report]
                            .get(finding)
                            .due
                            .map_or(i64::MAX, |d| i64::from(chrono::Datelike::num_days_from_ce(&d))),
                        String::new(),
                    ),
                };
                (n, s, i)
            })
            .collect();
        keyed.sort_by(|a, b| {
            let primary = a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1));
            let primary = if sort.descending { primary.reverse() } else { primary };
            primary.then(a.2.cmp(&b.2))
        });
        self.visible = keyed.into_iter().map(|(_, _, i)| i).collect();
    }

    /// Category use, header counts and per-report triage, in one pass over the rows.
    fn count_categories(&mut self, ws: &Workspace, today: Date) {
        let mut counts: std::collections::BTreeMap<&CategoryId, usize> = Default::default();
        let mut stats = Stats::default();
        let mut attached = vec![0usize; ws.reports.len()];
        let states: Vec<FindingStates> = ws.reports.iter().map(|r| FindingStates::of(r, today)).collect();
        for row in &self.rows {
            let report = &ws.reports[row.report];
            let finding = &report.findings[row.finding];
            let annotation = report.annotations.get(&finding.id);
            *counts.entry(finding.effective_category(annotation)).or_default() += 1;
            attached[row.report] += usize::from(annotation.is_some());
            stats.findings += 1;
            stats.actions += usize::from(finding.kind.is_action());
            stats.overdue += usize::from(states[row.report].get(finding).overdue());
        }
        self.triaged = ws.reports.iter().map(ImportedReport::triaged_count).collect();
        stats.triaged = self.triaged.iter().sum();
        self.stats = stats;
        self.orphans = ws.reports.iter().zip(&attached).map(|(r, n)| r.annotations.len().saturating_sub(*n)).collect();
        let mut ranked: Vec<(&CategoryId, usize)> =
            counts.into_iter().filter(|(id, _)| ws.taxonomy.get(id).is_some()).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        self.top_categories = ranked.into_iter().take(9).map(|(id, _)| id.clone()).collect();
    }

    /// How many rows pass the filter.
    pub fn shown_count(&self) -> usize {
        self.visible.len()
    }

    /// How many findings there are in all.
    pub fn total_count(&self) -> usize {
        self.rows.len()
    }

    /// The finding shown at a position of the table.
    pub fn shown(&self, position: usize) -> Option<&Row> {
        self.visible.get(position).map(|&i| &self.rows[i])
    }

    /// The targets the table shows, in order.
    pub fn shown_targets(&self) -> impl Iterator<Item = &FindingRef> {
        self.visible.iter().map(|&i| &self.rows[i].target)
    }

    /// Where a finding is shown in the table.
    pub fn position_of(&self, target: &FindingRef) -> Option<usize> {
        self.visible.iter().position(|&i| &self.rows[i].target == target)
    }

    /// The short name of the report at an index.
    pub fn report_name(&self, index: usize) -> &str {
        self.report_names.get(index).map_or("", String::as_str)
    }
}

fn words_match(row: &Row, words: &[String]) -> bool {
    words.iter().all(|w| row.haystack.contains(w.as_str()) || row.annotation_text.contains(w.as_str()))
}

/// Whether `new` differs from `old` only by search text that extends it, so that every row
/// `new` shows is one `old` showed.
fn only_narrows(old: &Filter, new: &Filter) -> bool {
    let without_text = |f: &Filter| Filter { text: String::new(), ..f.clone() };
    without_text(old) == without_text(new) && new.text.to_ascii_lowercase().starts_with(&old.text.to_ascii_lowercase())
}

fn kind_rank(kind: FindingKind) -> i64 {
    FindingKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as i64
}

fn status_rank(status: Status) -> i64 {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0) as i64
}

/// Which findings are selected. `focus` is the one the detail pane shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// The finding in the detail pane (the last clicked).
    pub focus: Option<FindingRef>,
    /// Every selected finding (includes `focus`).
    pub set: BTreeSet<FindingRef>,
}

impl Selection {
    /// Selects exactly one finding.
    pub fn only(target: FindingRef) -> Self {
        Self { focus: Some(target.clone()), set: BTreeSet::from([target]) }
    }

    /// Whether a finding is selected.
    pub fn contains(&self, target: &FindingRef) -> bool {
        self.set.contains(target)
    }

    /// How many findings are selected.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// Which actions the action plan shows: lead, due date, overdue, status and RAG. Every
/// choice left empty keeps every action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionFilter {
    /// Only actions whose lead contains this text, ignoring case.
    pub lead: String,
    /// Only actions due before this day (strictly).
    pub due_before: Option<Date>,
    /// Only actions past their due date and not finished.
    pub overdue_only: bool,
    /// Only actions with this status.
    pub status: Option<Status>,
    /// Only actions with this RAG rating.
    pub rag: Option<Rag>,
    /// Only actions of recommendations in this (effective) category.
    pub category: Option<CategoryId>,
    /// Only the actions one of the dashboard's figures counts.
    pub slice: Option<ActionSlice>,
}

/// Open actions due within this many days from today are "due soon".
pub const DUE_SOON_DAYS: u64 = 28;

/// A part of the plan that one of the dashboard's figures counts, beyond status, RAG and
/// overdue: what a click on that figure keeps in the action plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionSlice {
    /// Open actions due from today to [`DUE_SOON_DAYS`] days on.
    DueSoon,
    /// Live (not cancelled) actions due in this month.
    DueIn {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
    /// Actions done (finished, not cancelled) whose status was last set in this month,
    /// by the change log.
    DoneIn {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
    /// Actions with no RAG rating.
    Unrated,
}

impl ActionSlice {
    /// Whether `action` is in the slice on `today`; `done_on` is the day its status was
    /// last set, from the change log (see [`status_days`]).
    pub fn keeps(self, action: &Action, done_on: Option<Date>, today: Date) -> bool {
        use chrono::Datelike as _;
        let in_month = |d: Date, year: i32, month: u32| d.year() == year && d.month() == month;
        match self {
            Self::DueSoon => {
                let soon = today.checked_add_days(chrono::Days::new(DUE_SOON_DAYS)).unwrap_or(today);
                !action.status.is_finished() && action.due.is_some_and(|d| (today..=soon).contains(&d))
            }
            Self::DueIn { year, month } => {
                action.status != Status::Cancelled && action.due.is_some_and(|d| in_month(d, year, month))
            }
            Self::DoneIn { year, month } => counts_as_done(action) && done_on.is_some_and(|d| in_month(d, year, month)),
            Self::Unrated => action.rag.is_none(),
        }
    }

    /// A short description for the plan's filter bar ("due in Mar 2026").
    pub fn label(self) -> String {
        let month = month_name;
        match self {
            Self::DueSoon => format!("due in the next {} weeks", DUE_SOON_DAYS / 7),
            Self::DueIn { year, month: m } => format!("due in {}", month(year, m)),
            Self::DoneIn { year, month: m } => format!("done in {}", month(year, m)),
            Self::Unrated => "no RAG".to_owned(),
        }
    }
}

/// A month as the dashboard and the plan's filter name it: "Mar 2026".
pub fn month_name(year: i32, month: u32) -> String {
    Date::from_ymd_opt(year, month, 1).map_or_else(|| format!("{month:02}/{year}"), |d| d.format("%b %Y").to_string())
}

/// Whether an action counts as done: finished and not cancelled (`Progress::done`'s rule).
pub fn counts_as_done(action: &Action) -> bool {
    action.status.is_finished() && action.status != Status::Cancelled
}

/// The day each action's status was last set, from the change log.
pub fn status_days(ws: &Workspace) -> std::collections::HashMap<&ActionId, Date> {
    let mut days = std::collections::HashMap::new();
    for record in ws.change_log.iter().filter(|r| r.field == "action.status") {
        if let Some(action) = &record.action {
            days.insert(action, record.at.date());
        }
    }
    days
}

impl ActionFilter {
    /// Whether anything narrows the plan.
    pub fn is_active(&self) -> bool {
        !self.lead.trim().is_empty()
            || self.due_before.is_some()
            || self.overdue_only
            || self.status.is_some()
            || self.rag.is_some()
            || self.category.is_some()
            || self.slice.is_some()
    }

    /// The rule, with the lead's text prepared once for many actions.
    pub fn matcher(&self, today: Date) -> impl Fn(&Action) -> bool + '_ {
        let lead = self.lead.trim().to_lowercase();
        move |action: &Action| {
            (lead.is_empty() || action.lead.as_deref().is_some_and(|l| l.to_lowercase().contains(&lead)))
                && self.due_before.is_none_or(|before| action.due.is_some_and(|due| due < before))
                && (!self.overdue_only || action.is_overdue(today))
                && self.status.is_none_or(|s| s == action.status)
                && self.rag.is_none_or(|r| action.rag == Some(r))
        }
    }

    /// Whether one action passes every choice on `today`.
    pub fn keeps(&self, action: &Action, today: Date) -> bool {
        self.matcher(today)(action)
    }

    /// The whole rule for the actions of `report`, the category and the dashboard's slice
    /// included (they need the report's findings and the workspace's change log, which
    /// are looked at only when those choices are made).
    pub fn matcher_in<'a>(
        &'a self,
        ws: &'a Workspace,
        report: &'a ImportedReport,
        today: Date,
    ) -> impl Fn(&Action) -> bool + 'a {
        let simple = self.matcher(today);
        let categories: std::collections::HashMap<&FindingId, &CategoryId> = match &self.category {
            Some(_) => {
                report.findings.iter().map(|f| (&f.id, f.effective_category(report.annotations.get(&f.id)))).collect()
            }
            None => Default::default(),
        };
        let days = match self.slice {
            Some(ActionSlice::DoneIn { .. }) => status_days(ws),
            _ => Default::default(),
        };
        move |action: &Action| {
            simple(action)
                && self.category.as_ref().is_none_or(|c| categories.get(&action.finding) == Some(&c))
                && self.slice.is_none_or(|s| s.keeps(action, days.get(&action.id).copied(), today))
        }
    }
}

/// An action's address: its recommendation (what every action edit names) and its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionRef {
    /// The recommendation or priority action it belongs to.
    pub target: FindingRef,
    /// The action.
    pub action: ActionId,
}

impl ActionRef {
    /// The address of `action` in `report`.
    pub fn of(report: &ImportedReport, action: &Action) -> Self {
        Self {
            target: FindingRef { report: report.id.clone(), finding: action.finding.clone() },
            action: action.id.clone(),
        }
    }

    /// The action, and its report, when it is still in the workspace under its recommendation.
    pub fn resolve<'a>(&self, ws: &'a Workspace) -> Option<(&'a ImportedReport, &'a Action)> {
        let report = ws.report(&self.target.report)?;
        let action = report.action(&self.action).filter(|a| a.finding == self.target.finding)?;
        Some((report, action))
    }
}

/// What is selected in the action plan: a report's plan header, or actions (`focus` is the
/// one the detail pane opens).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanSelection {
    /// The report whose plan header is selected.
    pub report: Option<ReportId>,
    /// The action last clicked.
    pub focus: Option<ActionRef>,
    /// Every selected action (includes `focus`).
    pub set: BTreeSet<ActionRef>,
}

impl PlanSelection {
    /// Selects exactly one action.
    pub fn only(action: ActionRef) -> Self {
        Self { report: None, focus: Some(action.clone()), set: BTreeSet::from([action]) }
    }

    /// The selected actions, or none; the focus first when there are several.
    pub fn actions(&self) -> Vec<ActionRef> {
        let mut out: Vec<ActionRef> = self.focus.iter().cloned().collect();
        out.extend(self.set.iter().filter(|a| Some(*a) != self.focus.as_ref()).cloned());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::synthetic::{generated_workspace, test_today};

    fn shown(model: &TableModel) -> Vec<FindingRef> {
        model.shown_targets().cloned().collect()
    }

    fn fresh(ws: &Workspace, revision: u64, filter: &Filter, sort: Sort) -> Vec<FindingRef> {
        let mut model = TableModel::default();
        model.refresh(ws, 1, revision, filter, sort, test_today());
        shown(&model)
    }

    #[test]
    fn typing_narrows_to_the_same_rows_as_filtering_from_scratch() {
        let ws = generated_workspace(2_000);
        let sort = Sort { column: SortColumn::Category, descending: true };
        let mut model = TableModel::default();
        let mut filter = Filter::default();
        for text in ["", "c", "ca", "care", "care ", "care l", "care le", "Care leavers o", "owner 3", "owner 3x"] {
            filter.text = text.to_owned();
            model.refresh(&ws, 1, 1, &filter, sort, test_today());
            assert_eq!(shown(&model), fresh(&ws, 1, &filter, sort), "typing {text:?}");
        }
        assert_eq!(model.shown_count(), 0, "nothing matches the last text");
    }

    #[test]
    fn the_export_keeps_the_findings_the_table_shows() {
        // This generator annotates a third of the findings, some flagged important.
        let mut ws = crate::workspace::synthetic::workspace(8, 150, 3);
        for finding in ws.reports.iter_mut().flat_map(|r| r.findings.iter_mut()).step_by(3) {
            finding.classification.polarity = Polarity::Strength;
        }
        let today = test_today();
        let first = &ws.reports[0].findings[0];
        let category = first.classification.category.clone();
        let word = first.text.split_whitespace().nth(1).unwrap_or_default().to_owned();
        let filters = [
            Filter::default(),
            Filter { text: format!("{word} owner"), ..Filter::default() },
            Filter { polarity: Some(Polarity::Strength), ..Filter::default() },
            Filter { important_only: true, ..Filter::default() },
            Filter { overdue_only: true, ..Filter::default() },
            Filter { kind: Some(FindingKind::Recommendation), ..Filter::default() },
            Filter { category: Some(category), status: Some(Status::NotStarted), ..Filter::default() },
            Filter { report: Some(ws.reports[2].id.clone()), text: word.to_uppercase(), ..Filter::default() },
        ];
        for filter in filters {
            let table = fresh(&ws, 1, &filter, Sort::default());
            let summary = crate::export::ActionSummary::build(&ws, &filter.export_options(false, true), today, "t");
            let exported: Vec<FindingRef> = summary
                .items
                .into_iter()
                .map(|item| FindingRef { report: item.report, finding: item.finding })
                .collect();
            assert_eq!(exported, table, "{filter:?}");
            assert!(!table.is_empty(), "{filter:?} keeps some findings");
            assert!(filter == Filter::default() || table.len() < ws.finding_count(), "{filter:?} narrows");
        }
    }

    #[test]
    fn an_edit_refreshes_the_searchable_annotation_text() {
        let mut ws = generated_workspace(400);
        let filter = Filter { text: "head of mash".to_owned(), ..Filter::default() };
        let sort = Sort::default();
        let mut model = TableModel::default();
        model.refresh(&ws, 1, 1, &filter, sort, test_today());
        assert_eq!(model.shown_count(), 0);
        let report = &mut ws.reports[1];
        let id = report.findings[3].id.clone();
        report.annotations.entry(id).or_default().owner = Some("Head of MASH".to_owned());
        model.refresh(&ws, 1, 2, &filter, sort, test_today());
        assert_eq!(model.shown_count(), 1);
    }

    #[test]
    fn the_dashboard_slices_keep_what_the_dashboard_counts() {
        use crate::insights::dashboard::Dashboard;
        let mut ws = crate::workspace::synthetic::workspace(6, 120, 5);
        let today = test_today();
        // Two actions marked done on the same day, as the change log would record it.
        let done: Vec<(ReportId, FindingId, ActionId)> = ws
            .reports
            .iter()
            .flat_map(|r| r.actions.iter().map(move |a| (r, a)))
            .filter(|(_, a)| counts_as_done(a))
            .take(2)
            .map(|(r, a)| (r.id.clone(), a.finding.clone(), a.id.clone()))
            .collect();
        assert_eq!(done.len(), 2);
        for (report, finding, action) in done {
            ws.change_log.push(crate::workspace::ChangeRecord {
                action: Some(action),
                author: None,
                at: crate::workspace::synthetic::test_now(),
                report,
                finding,
                field: "action.status".to_owned(),
                summary: "Verified".to_owned(),
            });
        }
        let d = Dashboard::build(&ws, today);
        let count = |f: &ActionFilter| -> usize {
            ws.reports.iter().map(|r| r.actions.iter().filter(|a| f.matcher_in(&ws, r, today)(a)).count()).sum()
        };
        let slice = |s: ActionSlice| ActionFilter { slice: Some(s), ..Default::default() };
        assert_eq!(count(&slice(ActionSlice::DueSoon)), d.due_soon);
        assert_eq!(count(&slice(ActionSlice::Unrated)), d.rag.get(&None).copied().unwrap_or(0));
        let (&(year, month), row) = d.months.iter().find(|(_, m)| m.done > 0).expect("a month with actions done");
        assert_eq!(count(&slice(ActionSlice::DueIn { year, month })), row.due);
        assert_eq!(count(&slice(ActionSlice::DoneIn { year, month })), row.done);
        let (category, by_status) = d.by_category.iter().find(|(_, r)| !r.actions.is_empty()).expect("actions");
        let (&status, &n) = by_status.actions.iter().next().expect("a status");
        let both = ActionFilter { category: Some(category.clone()), status: Some(status), ..Default::default() };
        assert!(both.is_active());
        assert_eq!(count(&both), n);
        assert!(ActionSlice::DueIn { year, month }.label().contains(&year.to_string()));
    }

    #[test]
    fn the_action_filter_keeps_what_each_choice_names() {
        let ws = crate::workspace::synthetic::workspace(6, 120, 5);
        let today = test_today();
        let actions: Vec<&Action> = ws.reports.iter().flat_map(|r| &r.actions).collect();
        assert!(actions.len() > 50, "the generator makes actions");
        let count = |f: &ActionFilter| actions.iter().filter(|a| f.keeps(a, today)).count();
        assert_eq!(count(&ActionFilter::default()), actions.len());
        assert!(!ActionFilter::default().is_active());
        let lead = actions[0].lead.clone().unwrap_or_default();
        let by_lead = ActionFilter { lead: format!("  {}  ", lead.to_uppercase()), ..Default::default() };
        assert!(by_lead.is_active());
        assert_eq!(
            count(&by_lead),
            actions.iter().filter(|a| a.lead.as_deref().is_some_and(|l| l.contains(&lead))).count()
        );
        let cut = actions[3].due.unwrap_or(today);
        let before = ActionFilter { due_before: Some(cut), ..Default::default() };
        assert_eq!(count(&before), actions.iter().filter(|a| a.due.is_some_and(|d| d < cut)).count());
        let overdue = ActionFilter { overdue_only: true, ..Default::default() };
        assert_eq!(count(&overdue), actions.iter().filter(|a| a.is_overdue(today)).count());
        assert!(count(&overdue) > 0 && count(&overdue) < actions.len());
        let mixed = ActionFilter { status: Some(Status::InProgress), rag: Some(Rag::Red), ..Default::default() };
        assert_eq!(
            count(&mixed),
            actions.iter().filter(|a| a.status == Status::InProgress && a.rag == Some(Rag::Red)).count()
        );
    }
}
