//! Finding text + [`Taxonomy`] → [`Classification`]: the category with the terms that
//! matched, a confidence, and a polarity from cue phrases. Also loads and validates
//! taxonomies (the default one in `assets/taxonomy.ron`, compiled in, and user files).
//! Pure functions apart from [`load_taxonomy_file`] and [`load_user_taxonomy`], which
//! read the file they are given; no egui.
//!
//! # How a finding is classified
//!
//! Every keyword found in the text adds its weight to its category, with more for a term
//! near the start (where a recommendation names its subject) and a little more for
//! repeats; a phrase inside a longer matched phrase does not count on its own, and each
//! further keyword of one category counts less than the one before, so one defining phrase
//! outweighs a string of passing hints. Terms in the section heading add a third of their
//! weight. The highest score wins (ties go to the category listed first); the confidence
//! grows with the evidence and with the lead over the runner-up. A finding that matches
//! nothing gets the taxonomy's `fallback` category with a confidence of 0.05. The reason
//! shown (`matched_terms`) is the winning category's terms, strongest first.
//!
//! # User taxonomy files
//!
//! A user file has the same RON shape as `assets/taxonomy.ron`. With `mode: Replace` (the
//! default) it is the whole taxonomy; with `mode: Extend` it adds categories and keywords
//! to the default one:
//!
//! ```ron
//! (
//!     mode: Extend,
//!     categories: [
//!         // A known id: these keywords are added to it.
//!         (id: "care_leavers", keywords: [(term: "local offer for care leavers", weight: 3)]),
//!         // A new id: a new category, with everything a category needs.
//!         (id: "private_fostering", label: "Private fostering", colour: "#F0D0A0",
//!          description: "Children privately fostered", parent: "child_protection",
//!          keywords: [(term: "private fostering", weight: 4)]),
//!     ],
//! )
//! ```
//!
//! The app looks for `taxonomy.ron` in [`user_taxonomy_path`] (on Linux
//! `~/.config/inspection-tracker/taxonomy.ron`); an explicit path may be given instead.
//! Either is checked exactly like the default asset is at build time.

mod matcher;
mod polarity;
pub mod validate;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use matcher::Matcher;

use crate::model::{Category, CategoryId, Classification, Colour, FindingKind, Keyword, Taxonomy};
use polarity::PolarityCues;
pub use validate::{Mode, Problem, ProblemKind};

/// The default taxonomy, as shipped. `build.rs` validates it, so a broken asset fails the build.
pub const DEFAULT_TAXONOMY_RON: &str = include_str!("../../assets/taxonomy.ron");

/// The name the default asset goes by in messages.
const DEFAULT_TAXONOMY_NAME: &str = "assets/taxonomy.ron (built in)";

/// The fallback of a taxonomy that names none but has this category (as a workspace's copy
/// of the default taxonomy does). The test `default_fallback_matches_asset` keeps it in step
/// with `assets/taxonomy.ron`.
const DEFAULT_FALLBACK: &str = "leadership_governance";

/// How much a term in the section heading counts, relative to one in the text.
const HEADING_WEIGHT: f32 = 0.35;

/// How much more a term counts at the very start of a text, where a recommendation or
/// finding names its subject ("Management oversight of children in care who are placed in
/// unregistered settings" is about oversight first). The bonus fades to nothing by
/// [`LEAD_SPAN`] bytes in.
const LEAD_BONUS: f32 = 0.8;

/// How far into a text the lead bonus reaches, in bytes.
const LEAD_SPAN: f32 = 150.0;

/// How much each repeat of a term adds, relative to its first occurrence, and how many
/// repeats count: a theme that recurs through a paragraph is its theme.
const REPEAT_BONUS: f32 = 0.25;
const MAX_REPEATS: usize = 2;

/// Each further keyword of one category counts this much less than the one before (the
/// strongest counts in full): one defining phrase ("management oversight") should outweigh
/// a string of passing hints ("unregistered", "connected carers") about another theme.
const FURTHER_TERM_DECAY: f32 = 0.75;

/// A taxonomy that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// The file could not be read.
    #[error("cannot read taxonomy file: {source}, in {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file has problems: bad RON, duplicate ids, bad colours or regexes, and so on.
    #[error("invalid taxonomy: {}, in {path}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, each naming its category and line.
        problems: Vec<Problem>,
    },
}

impl TaxonomyError {
    fn invalid(path: &Path, problems: Vec<Problem>) -> Self {
        Self::Invalid { path: path.to_owned(), problems }
    }

    /// The problems found, empty when the file could not be read at all.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Read { .. } => &[],
            Self::Invalid { problems, .. } => problems,
        }
    }
}

/// Where the app looks for a user taxonomy file: `<config dir>/inspection-tracker/taxonomy.ron`
/// (`~/.config/inspection-tracker/taxonomy.ron` on Linux), or `None` when the platform has no
/// home directory.
pub fn user_taxonomy_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "inspection-tracker").map(|d| d.config_dir().join("taxonomy.ron"))
}

/// Loads the taxonomy file at `path`: a replacement, or an extension of the default.
pub fn load_taxonomy_file(path: &Path) -> Result<Classifier, TaxonomyError> {
    let text = std::fs::read_to_string(path).map_err(|source| TaxonomyError::Read { path: path.to_owned(), source })?;
    Classifier::from_ron(&text, path)
}

/// The classifier the app should use: the user's file at [`user_taxonomy_path`] when there
/// is one, the default otherwise. A user file that exists but is broken is an error, not
/// silently ignored.
pub fn load_user_taxonomy() -> Result<Classifier, TaxonomyError> {
    match user_taxonomy_path() {
        Some(path) if path.is_file() => load_taxonomy_file(&path),
        _ => Ok(Classifier::default_taxonomy()),
    }
}

/// One keyword, compiled: which category it points to, how strongly, and what to show.
#[derive(Clone, Debug)]
struct Term {
    category: usize,
    weight: f32,
    shown: String,
}

/// A taxonomy compiled for matching.
#[derive(Clone, Debug)]
pub struct Classifier {
    taxonomy: Taxonomy,
    /// Index of the category given to findings that match nothing.
    fallback: usize,
    /// Every keyword of every category, compiled together so a text is scanned once.
    matcher: Matcher,
    /// What each keyword of `matcher` stands for, by index.
    terms: Vec<Term>,
    cues: PolarityCues,
}

impl Classifier {
    /// The classifier for the default taxonomy.
    ///
    /// It is compiled once per process (a few milliseconds) and cloned after that, which is
    /// cheap: the compiled matchers are shared.
    pub fn default_taxonomy() -> Self {
        static DEFAULT: OnceLock<Classifier> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                // build.rs has checked the asset with the same rules, so this cannot fail for
                // the shipped file; the test `default_taxonomy_loads` proves it too.
                match Self::from_ron(DEFAULT_TAXONOMY_RON, Path::new(DEFAULT_TAXONOMY_NAME)) {
                    Ok(classifier) => classifier,
                    Err(e) => panic!("the built-in taxonomy was checked by build.rs but failed to load: {e}"),
                }
            })
            .clone()
    }

    /// Compiles a taxonomy. It is checked with the same rules as a taxonomy file.
    pub fn new(taxonomy: Taxonomy) -> Result<Self, TaxonomyError> {
        let file = validate::TaxonomyFile {
            mode: Mode::Replace,
            version: taxonomy.version,
            fallback: None,
            categories: taxonomy.categories.iter().map(entry_of).collect(),
        };
        Self::from_file(file, Path::new("(taxonomy in memory)"))
    }

    /// Parses, checks and compiles taxonomy text read from `path` (used in messages only).
    /// An `Extend` file is applied to the default taxonomy.
    pub fn from_ron(text: &str, path: &Path) -> Result<Self, TaxonomyError> {
        let file = validate::parse(text).map_err(|p| TaxonomyError::invalid(path, vec![p]))?;
        let file = match file.mode {
            Mode::Replace => file,
            Mode::Extend => {
                let base = validate::parse(DEFAULT_TAXONOMY_RON)
                    .map_err(|p| TaxonomyError::invalid(Path::new(DEFAULT_TAXONOMY_NAME), vec![p]))?;
                let mut base = base;
                // Lines in messages refer to the user's file, not to the built-in one.
                for c in &mut base.categories {
                    c.line = None;
                }
                validate::extend(&base, &file)
            }
        };
        Self::from_file(file, path)
    }

    fn from_file(file: validate::TaxonomyFile, path: &Path) -> Result<Self, TaxonomyError> {
        let problems = validate::check(&file);
        if !problems.is_empty() {
            return Err(TaxonomyError::invalid(path, problems));
        }
        let taxonomy =
            Taxonomy { version: file.version, categories: file.categories.iter().map(category_of).collect() };
        let fallback = file
            .fallback
            .as_deref()
            .or(Some(DEFAULT_FALLBACK))
            .and_then(|id| taxonomy.categories.iter().position(|c| c.id.as_str() == id))
            .unwrap_or(0);
        let mut keywords = Vec::new();
        let mut terms = Vec::new();
        for (index, category) in taxonomy.categories.iter().enumerate() {
            for keyword in &category.keywords {
                keywords.push((keyword.term.as_str(), keyword.regex));
                terms.push(Term { category: index, weight: keyword.weight, shown: keyword.term.clone() });
            }
        }
        let matcher = Matcher::new(keywords).map_err(|e| {
            TaxonomyError::invalid(
                path,
                vec![Problem {
                    category: String::new(),
                    line: None,
                    kind: ProblemKind::BadRegex { term: "(all keywords together)".into(), message: e.to_string() },
                }],
            )
        })?;
        let cues = PolarityCues::new().map_err(|e| {
            TaxonomyError::invalid(
                path,
                vec![Problem {
                    category: String::new(),
                    line: None,
                    kind: ProblemKind::BadRegex { term: "(polarity cues)".into(), message: e.to_string() },
                }],
            )
        })?;
        Ok(Self { taxonomy, fallback, matcher, terms, cues })
    }

    /// How much a keyword found in a text counts: more near the start, and more when
    /// repeated.
    fn emphasis(hit: &matcher::Hit) -> f32 {
        let lead = LEAD_BONUS * (1.0 - hit.first as f32 / LEAD_SPAN).max(0.0);
        let repeats = (hit.count - 1).min(MAX_REPEATS);
        (1.0 + lead) * (1.0 + REPEAT_BONUS * repeats as f32)
    }

    /// The taxonomy it classifies into.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The category given to findings that match nothing.
    pub fn fallback(&self) -> &CategoryId {
        &self.taxonomy.categories[self.fallback].id
    }

    /// Classifies one finding: its text decides, its section heading counts a little, and a
    /// finding that matches nothing gets the fallback category with a low confidence.
    pub fn classify(&self, text: &str, section: &str, kind: FindingKind) -> Classification {
        let n = self.taxonomy.categories.len();
        let mut scores = vec![0.0_f32; n];
        // (term index, contribution, from heading, words matched by a regex term)
        let mut hits: Vec<(usize, f32, bool, Option<String>)> = Vec::new();

        let text = without_cross_references(text);
        let normalised = matcher::Normalised::new(&text);
        for hit in self.matcher.find_in(&normalised) {
            let contribution = self.terms[hit.term].weight * Self::emphasis(&hit);
            let words = hit.shown.and_then(|(start, end)| text.get(start..end)).map(str::to_lowercase);
            hits.push((hit.term, contribution, false, words));
        }
        if !section.is_empty() {
            for hit in self.matcher.find_in(&matcher::Normalised::new(section)) {
                let contribution = self.terms[hit.term].weight * HEADING_WEIGHT;
                let words = hit.shown.and_then(|(start, end)| section.get(start..end)).map(str::to_lowercase);
                hits.push((hit.term, contribution, true, words));
            }
        }
        // Strongest first, so each category's further terms decay in a fixed order.
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)).then(a.2.cmp(&b.2)));
        let mut factor = vec![1.0_f32; n];
        for (term, contribution, _, _) in &hits {
            let category = self.terms[*term].category;
            scores[category] += contribution * factor[category];
            factor[category] *= FURTHER_TERM_DECAY;
        }

        // Highest score wins; on a tie, the category listed first in the taxonomy.
        let mut best = self.fallback;
        let mut best_score = 0.0_f32;
        let mut second = 0.0_f32;
        for (index, &score) in scores.iter().enumerate() {
            if score > best_score {
                second = best_score;
                best_score = score;
                best = index;
            } else if score > second {
                second = score;
            }
        }

        let (polarity, polarity_cues) = self.cues.polarity(&normalised.lower, kind);
        if best_score <= 0.0 {
            return Classification {
                category: self.taxonomy.categories[self.fallback].id.clone(),
                confidence: 0.05,
                matched_terms: Vec::new(),
                polarity,
                polarity_cues,
            };
        }

        let mut shown: Vec<(f32, usize, String)> = hits
            .iter()
            .filter(|(i, ..)| self.terms[*i].category == best)
            .map(|(i, contribution, heading, words)| {
                let term = words.as_ref().unwrap_or(&self.terms[*i].shown);
                let label = if *heading { format!("{term} (heading)") } else { term.clone() };
                (*contribution, *i, label)
            })
            .collect();
        // `hits` is sorted already; a stable sort keeps that order among equals.
        shown.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut matched_terms: Vec<String> = Vec::with_capacity(shown.len());
        for (_, _, label) in shown {
            if !matched_terms.contains(&label) {
                matched_terms.push(label);
            }
        }

        Classification {
            category: self.taxonomy.categories[best].id.clone(),
            confidence: confidence(best_score, second),
            matched_terms,
            polarity,
            polarity_cues,
        }
    }
}

/// How sure a choice is: more evidence and a wider lead over the runner-up both raise it.
fn confidence(best: f32, second: f32) -> f32 {
    let evidence = 1.0 - (-best / 4.0).exp();
    let margin = best / (best + second);
    (evidence * margin).clamp(0.05, 0.99)
}

/// The text without the national framework cross-references that 2026 reports put after
/// each recommendation ("(outcome 4, national framework)", "(enabler: leaders drive
/// conditions for effective practice, national framework)"): they name the framework's
/// headings, not the finding's subject, and would pull every finding towards leadership.
fn without_cross_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.to_ascii_lowercase().contains("national framework") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inside = &rest[open..=close];
        out.push_str(&rest[..open]);
        if !inside.to_ascii_lowercase().contains("national framework") {
            out.push_str(inside);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out.trim_end().to_owned())
}

fn entry_of(category: &Category) -> validate::CategoryEntry {
    validate::CategoryEntry {
        id: category.id.0.clone(),
        label: Some(category.label.clone()),
        description: Some(category.description.clone()),
        colour: Some(category.colour.0.clone()),
        parent: category.parent.as_ref().map(|p| p.0.clone()),
        keywords: category
            .keywords
            .iter()
            .map(|k| validate::KeywordEntry { term: k.term.clone(), weight: k.weight, regex: k.regex })
            .collect(),
        line: None,
    }
}

/// Converts a checked entry; `check` has made sure the optional fields are there.
fn category_of(entry: &validate::CategoryEntry) -> Category {
    Category {
        id: CategoryId(entry.id.clone()),
        label: entry.label.clone().unwrap_or_default(),
        description: entry.description.clone().unwrap_or_default(),
        colour: Colour(entry.colour.clone().unwrap_or_default()),
        parent: entry.parent.clone().map(CategoryId),
        keywords: entry
            .keywords
            .iter()
            .map(|k| Keyword { term: k.term.clone(), weight: k.weight, regex: k.regex })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
