//! "Raised before": pairs of a recommendation (or priority action) and a closely similar
//! one in an earlier report of the same authority, or of an authority it succeeded.
//! Similarity is [`super::similarity`]'s TF-IDF cosine, with the weights taken from every
//! recommendation in the workspace.

use std::collections::HashMap;

use super::similarity::Corpus;
use super::{Insights, lineage_back};
use crate::model::{AuthorityCode, Registry, ReportId};
use crate::workspace::{FindingRef, Workspace};

/// A recommendation that repeats one of an earlier report.
#[derive(Clone, Debug, PartialEq)]
pub struct Repeat {
    /// The authority of the later report.
    pub authority: AuthorityCode,
    /// The later recommendation.
    pub later: FindingRef,
    /// The earlier one it resembles.
    pub earlier: FindingRef,
    /// Their cosine similarity, from the threshold up to 1.
    pub similarity: f32,
}

impl Repeat {
    /// The earlier recommendation as a person refers to it: "R3 of the 2017 full
    /// inspection" (its reference in its report's plan, and the report's year and kind).
    pub fn earlier_label(&self, ws: &Workspace) -> String {
        label(ws, &self.earlier)
    }

    /// The later recommendation, the same way.
    pub fn later_label(&self, ws: &Workspace) -> String {
        label(ws, &self.later)
    }

    /// The similarity as a whole percentage, as people read it ("48% alike").
    pub fn percent(&self) -> u32 {
        // Cosine similarities lie in 0..=1, so the rounded percentage fits.
        (self.similarity.clamp(0.0, 1.0) * 100.0).round() as u32
    }

    /// What the later recommendation says about the earlier one, in a line: "Repeats R3
    /// of the 2017 full inspection (48% alike)".
    pub fn summary(&self, ws: &Workspace) -> String {
        summary(&self.earlier_label(ws), self.percent())
    }
}

/// "Repeats R3 of the 2017 full inspection (48% alike)", from the earlier recommendation's
/// label and the percentage: one wording for the window and every export.
pub fn summary(earlier_label: &str, percent: u32) -> String {
    format!("Repeats {earlier_label} ({percent}% alike)")
}

/// Repeats looked up by their later recommendation: what the detail pane, the action plan
/// view and the plan exports show beside a recommendation.
#[derive(Clone, Debug, Default)]
pub struct RaisedBefore {
    repeats: Vec<Repeat>,
    by_later: HashMap<FindingRef, Vec<usize>>,
}

impl RaisedBefore {
    /// Indexes `repeats` (kept in their order, most similar first).
    pub fn new(repeats: Vec<Repeat>) -> Self {
        let mut by_later: HashMap<FindingRef, Vec<usize>> = HashMap::new();
        for (i, r) in repeats.iter().enumerate() {
            by_later.entry(r.later.clone()).or_default().push(i);
        }
        Self { repeats, by_later }
    }

    /// Every repeat, most similar first.
    pub fn all(&self) -> &[Repeat] {
        &self.repeats
    }

    /// The earlier recommendations `later` repeats, most similar first.
    pub fn of<'a>(&'a self, later: &FindingRef) -> impl Iterator<Item = &'a Repeat> + 'a {
        self.by_later.get(later).map(Vec::as_slice).unwrap_or_default().iter().map(|&i| &self.repeats[i])
    }
}

fn label(ws: &Workspace, r: &FindingRef) -> String {
    let Some(report) = ws.report(&r.report) else { return r.to_string() };
    let reference =
        crate::model::PlanRefs::of(report).finding(&r.finding).map_or_else(|| r.finding.0.clone(), str::to_owned);
    let kind = report.meta.kind.label().to_lowercase();
    match super::report_date(report.meta.visit_end, report.meta.letter_date, report.meta.visit_start) {
        Some(date) => format!("{reference} of the {} {kind}", date.format("%Y")),
        None => format!("{reference} of the {kind}"),
    }
}

/// Every recommendation and priority action of a workspace as a TF-IDF vector, with the
/// weights taken from all of them: what "raised before" compares.
#[derive(Clone, Debug, Default)]
pub struct RecommendationIndex {
    /// Each item's report (index into `ws.reports`) and finding (index into its findings).
    positions: Vec<(usize, usize)>,
    /// Each report's items, as indexes into `positions`.
    per_report: Vec<Vec<usize>>,
    corpus: Corpus,
}

impl RecommendationIndex {
    /// The vectors of every recommendation and priority action in `ws`.
    pub fn new(ws: &Workspace) -> Self {
        let mut positions = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        let mut per_report = vec![Vec::new(); ws.reports.len()];
        for (ri, report) in ws.reports.iter().enumerate() {
            for (fi, f) in report.findings.iter().enumerate().filter(|(_, f)| f.kind.is_action()) {
                per_report[ri].push(positions.len());
                positions.push((ri, fi));
                texts.push(&f.text);
            }
        }
        Self { positions, per_report, corpus: Corpus::new(texts) }
    }

    /// The similarity of two recommendations of `ws` (the workspace the index was built
    /// from); `None` when either is not a recommendation or priority action there.
    pub fn similarity(&self, ws: &Workspace, a: &FindingRef, b: &FindingRef) -> Option<f32> {
        let item = |r: &FindingRef| {
            let ri = ws.reports.iter().position(|x| x.id == r.report)?;
            self.per_report
                .get(ri)?
                .iter()
                .copied()
                .find(|&k| ws.reports[ri].findings[self.positions[k].1].id == r.finding)
        };
        Some(self.corpus.vectors[item(a)?].cosine(&self.corpus.vectors[item(b)?]))
    }

    fn finding_ref(&self, ws: &Workspace, k: usize) -> FindingRef {
        let (ri, fi) = self.positions[k];
        FindingRef { report: ws.reports[ri].id.clone(), finding: ws.reports[ri].findings[fi].id.clone() }
    }
}

/// Every pair at or above `threshold` whose later recommendation is in a report
/// `later_in` keeps, most similar first.
pub(super) fn find(
    ws: &Workspace,
    insights: &Insights,
    registry: &Registry,
    threshold: f32,
    later_in: &(dyn Fn(&ReportId) -> bool + Sync),
) -> Vec<Repeat> {
    let index = RecommendationIndex::new(ws);
    let vectors = &index.corpus.vectors;
    let index_of: HashMap<&str, usize> = ws.reports.iter().enumerate().map(|(i, r)| (r.id.0.as_str(), i)).collect();
    // Authorities are independent: compare them on every core.
    use rayon::prelude::*;
    let mut repeats: Vec<Repeat> = insights
        .authorities
        .par_iter()
        .flat_map_iter(|a| {
            // Reports of this authority and of those it succeeded, with their dates.
            let lineage: Vec<(crate::model::Date, usize)> = lineage_back(registry, &a.code().0)
                .into_iter()
                .filter_map(|c| insights.authority(c))
                .flat_map(|x| x.reports.iter())
                .filter_map(|r| Some((r.date()?, *index_of.get(r.id.0.as_str())?)))
                .collect();
            let own: Vec<(crate::model::Date, usize)> = a
                .reports
                .iter()
                .filter(|r| later_in(&r.id))
                .filter_map(|r| Some((r.date()?, *index_of.get(r.id.0.as_str())?)))
                .collect();
            let mut found = Vec::new();
            let mut dense = vec![0.0; index.corpus.vocabulary];
            for &(date, li) in &own {
                for &l in &index.per_report[li] {
                    vectors[l].scatter(&mut dense);
                    for &(_, ei) in lineage.iter().filter(|(d, _)| *d < date) {
                        for &e in &index.per_report[ei] {
                            let similarity = vectors[e].dot_dense(&dense);
                            if similarity >= threshold {
                                found.push(Repeat {
                                    authority: a.code().clone(),
                                    later: index.finding_ref(ws, l),
                                    earlier: index.finding_ref(ws, e),
                                    similarity,
                                });
                            }
                        }
                    }
                    vectors[l].unscatter(&mut dense);
                }
            }
            found
        })
        .collect();
    repeats.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| x.later.cmp(&y.later))
            .then_with(|| x.earlier.cmp(&y.earlier))
    });
    repeats
}
