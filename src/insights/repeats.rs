//! "Raised before": pairs of a recommendation (or priority action) and a closely similar
//! one in an earlier report of the same authority, or of an authority it succeeded.
//! Similarity is [`super::similarity`]'s TF-IDF cosine, with the weights taken from every
//! recommendation in the workspace.

use std::collections::HashMap;

use super::similarity::Corpus;
use super::{Insights, lineage_back};
use crate::model::{AuthorityCode, Registry};
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

/// Every pair at or above `threshold`, most similar first.
pub(super) fn find(ws: &Workspace, insights: &Insights, registry: &Registry, threshold: f32) -> Vec<Repeat> {
    // One vector per recommendation in the workspace, keyed by report and position.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    for (ri, report) in ws.reports.iter().enumerate() {
        for (fi, f) in report.findings.iter().enumerate().filter(|(_, f)| f.kind.is_action()) {
            keys.push((ri, fi));
            texts.push(&f.text);
        }
    }
    let corpus = Corpus::new(texts);
    let mut per_report: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, (ri, _)) in keys.iter().enumerate() {
        per_report.entry(*ri).or_default().push(k);
    }
    let index_of: HashMap<&str, usize> = ws.reports.iter().enumerate().map(|(i, r)| (r.id.0.as_str(), i)).collect();

    let mut repeats = Vec::new();
    for a in &insights.authorities {
        let earlier_reports: Vec<_> = lineage_back(registry, &a.code().0)
            .into_iter()
            .filter_map(|c| insights.authority(c))
            .flat_map(|x| x.reports.iter())
            .filter_map(|r| Some((r.date()?, *index_of.get(r.id.0.as_str())?)))
            .collect();
        for later in &a.reports {
            let (Some(date), Some(&li)) = (later.date(), index_of.get(later.id.0.as_str())) else { continue };
            let Some(later_items) = per_report.get(&li) else { continue };
            for &(_, ei) in earlier_reports.iter().filter(|(d, _)| *d < date) {
                let Some(earlier_items) = per_report.get(&ei) else { continue };
                for &l in later_items {
                    for &e in earlier_items {
                        let similarity = corpus.vectors[l].cosine(&corpus.vectors[e]);
                        if similarity >= threshold {
                            let at = |k: usize| {
                                let (ri, fi) = keys[k];
                                FindingRef {
                                    report: ws.reports[ri].id.clone(),
                                    finding: ws.reports[ri].findings[fi].id.clone(),
                                }
                            };
                            repeats.push(Repeat {
                                authority: a.code().clone(),
                                later: at(l),
                                earlier: at(e),
                                similarity,
                            });
                        }
                    }
                }
            }
        }
    }
    repeats.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| x.later.cmp(&y.later))
            .then_with(|| x.earlier.cmp(&y.earlier))
    });
    repeats
}
