//! Insight across reports: each authority's reports and latest inspections, its grade
//! history across the reorganisations of 2019, 2021 and 2023, its statistical neighbours,
//! the national table, counts of grades by year and region, the themes of recommendations
//! by overall grade, and recommendations that repeat an earlier report's ("raised before").
//!
//! [`Insights::build`] computes everything from a workspace in one pass (pure, no egui, no
//! files); the window keeps the result until the workspace changes and the command line
//! prints it (`insights --json`) or hands it to `export::insights` for a workbook.
//! [`repeats`] finds "raised before" alone, for the plan exports and for the window, which
//! keeps the repeats per set of reports and builds the rest per edit
//! ([`Insights::with_repeats`]). The registry of authorities (`model::Registry::builtin`)
//! supplies names, regions, types, neighbours and reorganisations.

pub mod dashboard;
pub mod json;
mod repeats;
pub mod similarity;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Authority, AuthorityCode, AuthorityKind, CategoryId, Date, Grade, ImportedReport, Judgement, Region, Registry,
    ReportId, ReportKind,
};
use crate::workspace::{FindingRef, Workspace};

pub use repeats::{RaisedBefore, RecommendationIndex, Repeat, summary as repeat_summary};

/// What the insights need of one report: its kind, dates and grades.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportEntry {
    /// The report.
    pub id: ReportId,
    /// The authority the report is about, as the report was written (a report of
    /// Northamptonshire keeps its code after the 2021 reorganisation).
    pub authority: AuthorityCode,
    /// Full inspection, focused visit, JTAI…
    pub kind: ReportKind,
    /// The date of the letter or publication.
    pub letter_date: Option<Date>,
    /// First day of the visit.
    pub visit_start: Option<Date>,
    /// Last day of the visit.
    pub visit_end: Option<Date>,
    /// The overall effectiveness grade; `None` where the report gives none (the 2026
    /// framework's reports, letters).
    pub overall_judgement: Option<Grade>,
    /// Every judged area, in report order.
    pub judgements: Vec<Judgement>,
}

impl ReportEntry {
    fn new(report: &ImportedReport, authority: AuthorityCode) -> Self {
        let meta = &report.meta;
        Self {
            id: report.id.clone(),
            authority,
            kind: meta.kind,
            letter_date: meta.letter_date,
            visit_start: meta.visit_start,
            visit_end: meta.visit_end,
            overall_judgement: meta.overall_judgement,
            judgements: meta.judgements.clone(),
        }
    }

    /// The date that orders reports in time: the end of the visit, else the letter's
    /// date, else the start of the visit.
    pub fn date(&self) -> Option<Date> {
        report_date(self.visit_end, self.letter_date, self.visit_start)
    }
}

fn report_date(visit_end: Option<Date>, letter_date: Option<Date>, visit_start: Option<Date>) -> Option<Date> {
    visit_end.or(letter_date).or(visit_start)
}

/// One authority that has reports in the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthorityInsight {
    /// The registry's entry.
    pub authority: &'static Authority,
    /// Its reports (under its own code), oldest first; undated ones first.
    pub reports: Vec<ReportEntry>,
    /// How many recommendations and priority actions of its reports fall in each
    /// category (the effective category, so a user's correction counts).
    pub themes: BTreeMap<CategoryId, usize>,
}

impl AuthorityInsight {
    /// Its DfE code.
    pub fn code(&self) -> &AuthorityCode {
        &self.authority.code
    }

    /// Its latest report of this kind.
    pub fn latest(&self, kind: ReportKind) -> Option<&ReportEntry> {
        // Reports are sorted oldest first, so the last of a kind is the latest.
        self.reports.iter().rev().find(|r| r.kind == kind)
    }

    /// Its latest full inspection.
    pub fn latest_full_inspection(&self) -> Option<&ReportEntry> {
        self.latest(ReportKind::FullInspection)
    }

    /// Its latest focused visit.
    pub fn latest_focused_visit(&self) -> Option<&ReportEntry> {
        self.latest(ReportKind::FocusedVisit)
    }

    /// Its latest joint targeted area inspection.
    pub fn latest_jtai(&self) -> Option<&ReportEntry> {
        self.latest(ReportKind::Jtai)
    }
}

/// How many recommendations fall in a category among reports of one overall grade band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeCount {
    /// The effective category.
    pub category: CategoryId,
    /// The grade band: the overall grade in force when the report was written (the
    /// report's own for a full inspection, else the authority's latest full inspection
    /// before it); `None` when there is none.
    pub overall_grade: Option<Grade>,
    /// Recommendations and priority actions.
    pub count: usize,
}

/// How many full inspections in a year and region gave an overall grade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeCount {
    /// The year of the visit.
    pub year: i32,
    /// The region.
    pub region: Region,
    /// The overall grade; `None` for inspections that give none.
    pub overall_grade: Option<Grade>,
    /// How many inspections.
    pub count: usize,
}

/// Everything derived from a workspace's reports taken together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Insights {
    /// Every authority with at least one report, by name.
    pub authorities: Vec<AuthorityInsight>,
    /// Reports tied to no known authority (they count in no authority's figures).
    pub unassigned: Vec<ReportId>,
    /// Recommendations that closely resemble one of an earlier report of the same
    /// authority (or of an authority it succeeded), most similar first.
    pub repeats: Vec<Repeat>,
    /// Recommendation counts by category and overall grade band, by band then count.
    pub themes: Vec<ThemeCount>,
    /// Full inspections by year, region and overall grade.
    pub grade_counts: Vec<GradeCount>,
}

/// A kind of council to keep in the national table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NationalFilter {
    /// Only this region.
    pub region: Option<Region>,
    /// Only this type of council.
    pub kind: Option<AuthorityKind>,
}

/// What the national table is sorted on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NationalColumn {
    /// The authority's name.
    #[default]
    Name,
    /// Region, then name.
    Region,
    /// The latest full inspection's date (none first).
    Inspected,
    /// The latest full inspection's overall grade, best first (none last).
    Overall,
}

/// The national table's sort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NationalSort {
    /// The column.
    pub column: NationalColumn,
    /// The other way round.
    pub descending: bool,
}

/// A council beside its statistical neighbours.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighbourComparison<'a> {
    /// The council, when it has reports.
    pub own: Option<&'a AuthorityInsight>,
    /// Each of its ten neighbours, nearest first, with its figures when it has reports.
    pub neighbours: Vec<(&'static Authority, Option<&'a AuthorityInsight>)>,
    /// Each category found in the council's or its neighbours' recommendations: the
    /// council's count and the neighbours' together, by the neighbours' count.
    pub themes: Vec<ThemeShare>,
}

/// How often a theme appears in a council's recommendations and in its neighbours'.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeShare {
    /// The category.
    pub category: CategoryId,
    /// In the council's own reports.
    pub own: usize,
    /// In its neighbours' reports, together.
    pub neighbours: usize,
}

impl Insights {
    /// Computes the insights of `ws`.
    pub fn build(ws: &Workspace) -> Self {
        let mut insights = Self::without_repeats(ws);
        insights.repeats = repeats::find(ws, &insights, Registry::builtin(), similarity::REPEAT_THRESHOLD, &|_| true);
        insights
    }

    /// The insights of `ws` with `repeats` taken as they are: [`repeats`] of the same
    /// workspace's reports, which only change when its reports do (the window computes
    /// them once per set of reports, and the insights once per edit).
    pub fn with_repeats(ws: &Workspace, repeats: Vec<Repeat>) -> Self {
        Self { repeats, ..Self::without_repeats(ws) }
    }

    fn without_repeats(ws: &Workspace) -> Self {
        let (authorities, unassigned) = authorities(ws);
        let mut insights = Self { authorities, unassigned, ..Self::default() };
        insights.themes = insights.themes_by_grade(ws);
        insights.grade_counts = insights.count_grades();
        insights
    }

    /// The authority with this code, when it has reports.
    pub fn authority(&self, code: &str) -> Option<&AuthorityInsight> {
        self.authorities.iter().find(|a| a.code().0 == code)
    }

    /// The reports of an authority and of the authorities it succeeded or that succeeded
    /// it (Northamptonshire's before 2021 for West Northamptonshire; both successors' for
    /// Northamptonshire), oldest first: the grade history across reorganisations.
    pub fn history(&self, code: &str) -> Vec<&ReportEntry> {
        let registry = Registry::builtin();
        let mut codes: BTreeSet<&str> = lineage_back(registry, code);
        codes.extend(lineage_forward(registry, code));
        let mut reports: Vec<&ReportEntry> =
            codes.into_iter().filter_map(|c| self.authority(c)).flat_map(|a| a.reports.iter()).collect();
        reports.sort_by(|x, y| x.date().cmp(&y.date()).then_with(|| x.id.cmp(&y.id)));
        reports
    }

    /// The national table: authorities kept by `filter`, in `sort` order.
    pub fn national(&self, filter: NationalFilter, sort: NationalSort) -> Vec<&AuthorityInsight> {
        let mut rows: Vec<&AuthorityInsight> = self
            .authorities
            .iter()
            .filter(|a| filter.region.is_none_or(|r| a.authority.region == r))
            .filter(|a| filter.kind.is_none_or(|k| a.authority.kind == k))
            .collect();
        // Rows start in name order (`authorities` is sorted by name), and the sort is stable.
        match sort.column {
            NationalColumn::Name => {}
            NationalColumn::Region => rows.sort_by_key(|a| a.authority.region),
            NationalColumn::Inspected => rows.sort_by_key(|a| a.latest_full_inspection().and_then(|r| r.date())),
            NationalColumn::Overall => rows.sort_by_key(|a| {
                a.latest_full_inspection().and_then(|r| r.overall_judgement).map_or(u8::MAX, grade_rank)
            }),
        }
        if sort.descending {
            rows.reverse();
        }
        rows
    }

    /// A council's latest grades and themes beside its statistical neighbours'.
    pub fn neighbours(&self, code: &str) -> NeighbourComparison<'_> {
        let registry = Registry::builtin();
        let own = self.authority(code);
        let neighbours: Vec<(&'static Authority, Option<&AuthorityInsight>)> = registry
            .get(code)
            .map(|a| a.neighbours.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| registry.get(&n.0))
            .map(|n| (n, self.authority(&n.code.0)))
            .collect();
        let mut themes: BTreeMap<CategoryId, ThemeShare> = BTreeMap::new();
        let mut add = |insight: &'_ AuthorityInsight, own: bool| {
            for (category, &count) in &insight.themes {
                let share = themes.entry(category.clone()).or_insert_with(|| ThemeShare {
                    category: category.clone(),
                    own: 0,
                    neighbours: 0,
                });
                if own { share.own += count } else { share.neighbours += count }
            }
        };
        if let Some(own) = own {
            add(own, true);
        }
        for (_, insight) in &neighbours {
            if let Some(insight) = insight {
                add(insight, false);
            }
        }
        let mut themes: Vec<ThemeShare> = themes.into_values().collect();
        themes
            .sort_by(|a, b| b.neighbours.cmp(&a.neighbours).then(b.own.cmp(&a.own)).then(a.category.cmp(&b.category)));
        NeighbourComparison { own, neighbours, themes }
    }

    /// The repeats whose later recommendation is this one, most similar first.
    pub fn repeats_of<'a>(&'a self, finding: &'a FindingRef) -> impl Iterator<Item = &'a Repeat> + 'a {
        self.repeats.iter().filter(move |r| &r.later == finding)
    }

    fn themes_by_grade(&self, ws: &Workspace) -> Vec<ThemeCount> {
        let mut counts: BTreeMap<(Option<Grade>, &CategoryId), usize> = BTreeMap::new();
        for a in &self.authorities {
            for (i, entry) in a.reports.iter().enumerate() {
                let band = match entry.kind {
                    ReportKind::FullInspection => entry.overall_judgement,
                    _ => a.reports[..i]
                        .iter()
                        .rev()
                        .find(|r| r.kind == ReportKind::FullInspection)
                        .and_then(|r| r.overall_judgement),
                };
                let Some(report) = ws.report(&entry.id) else { continue };
                for f in report.findings.iter().filter(|f| f.kind.is_action()) {
                    *counts.entry((band, f.effective_category(report.annotations.get(&f.id)))).or_insert(0) += 1;
                }
            }
        }
        let mut themes: Vec<ThemeCount> = counts
            .into_iter()
            .map(|((overall_grade, category), count)| ThemeCount { category: category.clone(), overall_grade, count })
            .collect();
        themes.sort_by(|a, b| {
            a.overall_grade
                .map_or(u8::MAX, grade_rank)
                .cmp(&b.overall_grade.map_or(u8::MAX, grade_rank))
                .then(b.count.cmp(&a.count))
                .then_with(|| a.category.cmp(&b.category))
        });
        themes
    }

    fn count_grades(&self) -> Vec<GradeCount> {
        use chrono::Datelike as _;
        let mut counts: BTreeMap<(i32, Region, u8), (Option<Grade>, usize)> = BTreeMap::new();
        for a in &self.authorities {
            for r in a.reports.iter().filter(|r| r.kind == ReportKind::FullInspection) {
                let Some(date) = r.date() else { continue };
                let rank = r.overall_judgement.map_or(u8::MAX, grade_rank);
                counts.entry((date.year(), a.authority.region, rank)).or_insert((r.overall_judgement, 0)).1 += 1;
            }
        }
        counts
            .into_iter()
            .map(|((year, region, _), (overall_grade, count))| GradeCount { year, region, overall_grade, count })
            .collect()
    }
}

/// Every authority with reports in `ws` (by name, each one's reports oldest first), and the
/// reports tied to none.
fn authorities(ws: &Workspace) -> (Vec<AuthorityInsight>, Vec<ReportId>) {
    let mut by_code: BTreeMap<&str, AuthorityInsight> = BTreeMap::new();
    let mut unassigned = Vec::new();
    for report in &ws.reports {
        let Some(authority) = report.authority() else {
            unassigned.push(report.id.clone());
            continue;
        };
        let entry = by_code.entry(authority.code.0.as_str()).or_insert_with(|| AuthorityInsight {
            authority,
            reports: Vec::new(),
            themes: BTreeMap::new(),
        });
        entry.reports.push(ReportEntry::new(report, authority.code.clone()));
        for f in report.findings.iter().filter(|f| f.kind.is_action()) {
            *entry.themes.entry(f.effective_category(report.annotations.get(&f.id)).clone()).or_insert(0) += 1;
        }
    }
    let mut authorities: Vec<AuthorityInsight> = by_code.into_values().collect();
    for a in &mut authorities {
        a.reports.sort_by(|x, y| x.date().cmp(&y.date()).then_with(|| x.id.cmp(&y.id)));
    }
    authorities.sort_by(|a, b| a.authority.name.cmp(&b.authority.name).then_with(|| a.code().cmp(b.code())));
    (authorities, unassigned)
}

/// "Raised before" without the rest of the insights: every recommendation of the reports
/// `later_in` keeps that closely resembles one of an earlier report of the same authority
/// (or of one it succeeded), most similar first. The earlier reports may be any in `ws`,
/// and the similarity's word weights come from every recommendation in `ws`, so a pair
/// scores the same whichever reports are asked about.
pub fn repeats(ws: &Workspace, later_in: &(dyn Fn(&ReportId) -> bool + Sync)) -> Vec<Repeat> {
    let (authorities, unassigned) = authorities(ws);
    let insights = Insights { authorities, unassigned, ..Insights::default() };
    repeats::find(ws, &insights, Registry::builtin(), similarity::REPEAT_THRESHOLD, later_in)
}

/// Best first: outstanding, good, requires improvement (and the older adequate), inadequate,
/// not judged.
pub fn grade_rank(grade: Grade) -> u8 {
    match grade {
        Grade::Outstanding => 0,
        Grade::Good => 1,
        Grade::RequiresImprovement => 2,
        Grade::Adequate => 3,
        Grade::Inadequate => 4,
        Grade::NotJudged => 5,
    }
}

/// The authority and every authority it succeeded, directly or through another
/// reorganisation.
fn lineage_back<'a>(registry: &'a Registry, code: &'a str) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::from([code]);
    let mut frontier = vec![code];
    while let Some(c) = frontier.pop() {
        for a in registry.authorities() {
            if a.successors.iter().any(|s| s.0 == c) && found.insert(a.code.0.as_str()) {
                frontier.push(a.code.0.as_str());
            }
        }
    }
    found
}

/// The authority and every authority that succeeded it.
fn lineage_forward<'a>(registry: &'a Registry, code: &'a str) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::from([code]);
    let mut frontier = vec![code];
    while let Some(c) = frontier.pop() {
        for s in registry.get(c).map(|a| a.successors.as_slice()).unwrap_or_default() {
            if found.insert(s.0.as_str()) {
                frontier.push(s.0.as_str());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
