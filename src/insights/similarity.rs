//! Text similarity between recommendations: TF-IDF vectors over the character n-grams of
//! words and over word pairs,
//! compared by cosine similarity. Used to say that a recommendation "was raised before"
//! (see [`super::repeats`]). A small implementation of the standard method, with no
//! knowledge of any particular report: words are lower-cased, function words and numbers
//! dropped (paragraph references such as "(paragraph 25)" carry no meaning), plurals
//! folded, and each text becomes the character 4- and 5-grams of its words (so word forms
//! meet: "planning" and "plans") and the pairs of adjacent words.

use std::collections::HashMap;

/// The similarity at and above which a later recommendation counts as a repeat of an
/// earlier one. Tuned on the hand-labelled pairs in `tests/fixtures/similarity/pairs.csv`
/// (see `tests/insights_similarity.rs`, which prints precision and recall at this value:
/// 0.73 and 0.58 on 979 pairs, 33 of them similar; 0.20 gives 0.71 and 0.61, 0.25 gives
/// 0.84 and 0.48). A link shown to a person should rarely be wrong, so the value leans
/// towards precision.
pub const REPEAT_THRESHOLD: f32 = 0.22;

/// Words too common in any English text to say what a recommendation is about. Words
/// common in Ofsted reports ("children", "ensure") are left to the inverse document
/// frequency, which weighs them by how common they are in the workspace itself.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "do",
    "does",
    "each",
    "for",
    "from",
    "had",
    "has",
    "have",
    "how",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "more",
    "most",
    "no",
    "not",
    "of",
    "on",
    "or",
    "other",
    "our",
    "over",
    "own",
    "paragraph",
    "paragraphs",
    "so",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "up",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "would",
];

/// The terms of a text: the character 4- and 5-grams of each content word (lower case,
/// plurals folded, marked at both ends, so "planning" shares most of its terms with
/// "plans" and "sufficiency" stays one word), and each pair of adjacent content words as
/// `"first second"`.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |term| out.push(term.to_owned()));
    out
}

/// Calls `f` with each of [`terms`]' terms, without allocating one string per term.
fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| fold(&w.to_lowercase()))
        .filter(|w| w.chars().count() > 1 && !STOP_WORDS.contains(&w.as_str()))
        .collect();
    let mut marked = String::new();
    let mut bounds: Vec<usize> = Vec::new();
    for word in &words {
        marked.clear();
        marked.push(' ');
        marked.push_str(word);
        marked.push(' ');
        bounds.clear();
        bounds.extend(marked.char_indices().map(|(i, _)| i));
        bounds.push(marked.len());
        let chars = bounds.len() - 1;
        for n in [4, 5] {
            // A word shorter than the gram is one term of itself.
            let count = (chars + 1).saturating_sub(n).max(1);
            for i in 0..count {
                f(&marked[bounds[i]..bounds[(i + n).min(chars)]]);
            }
        }
    }
    let mut pair = String::new();
    for w in words.windows(2) {
        pair.clear();
        pair.push_str(&w[0]);
        pair.push(' ');
        pair.push_str(&w[1]);
        f(&pair);
    }
}

/// Passes [`term_key`]'s keys through as their own hash: they are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a: a term's 64-bit key, so the vocabulary needs no string per term (a collision
/// among a workspace's few hundred thousand terms is vanishingly unlikely, and would only
/// merge two terms' weights).
fn term_key(term: &str) -> u64 {
    term.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Folds the common English plural endings so "plans" meets "plan" and "assessments" meets
/// "assessment": a deliberately small stemmer that never changes a word's root.
fn fold(word: &str) -> String {
    if word.len() > 4
        && let Some(stem) = word.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

/// A text as a unit-length TF-IDF vector: term ids in ascending order with their weights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vector(Vec<(u32, f32)>);

impl Vector {
    /// The cosine similarity of two unit vectors: 0 (nothing shared) to 1 (the same terms
    /// in the same proportions).
    pub fn cosine(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum.clamp(0.0, 1.0)
    }

    /// Writes the weights into `dense` (indexed by term id, as long as the corpus's
    /// vocabulary), to take many dot products with [`Vector::dot_dense`] at the cost of
    /// one pass over each other vector; [`Vector::unscatter`] clears them again.
    pub fn scatter(&self, dense: &mut [f32]) {
        for &(id, w) in &self.0 {
            dense[id as usize] = w;
        }
    }

    /// Zeroes what [`Vector::scatter`] wrote.
    pub fn unscatter(&self, dense: &mut [f32]) {
        for &(id, _) in &self.0 {
            dense[id as usize] = 0.0;
        }
    }

    /// The cosine similarity with the vector scattered into `dense`.
    pub fn dot_dense(&self, dense: &[f32]) -> f32 {
        self.0.iter().map(|&(id, w)| w * dense[id as usize]).sum::<f32>().clamp(0.0, 1.0)
    }

    /// Whether the text had no terms at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The vectors of a set of documents, weighted by the inverse document frequency of the
/// whole set: `vectors[i]` belongs to the `i`th text given to [`Corpus::new`].
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// One vector per document, in the order given.
    pub vectors: Vec<Vector>,
    /// How many distinct terms the documents hold: the length of a dense vector.
    pub vocabulary: usize,
}

impl Corpus {
    /// Builds the vectors of `texts`: term frequency `1 + ln(count)`, smoothed inverse
    /// document frequency `ln((1 + n) / (1 + df)) + 1`, then each vector scaled to length 1.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ids: HashMap<u64, u32, std::hash::BuildHasherDefault<KeyHasher>> = HashMap::default();
        let mut counted: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut document_frequency: Vec<u32> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for text in texts {
            seen.clear();
            for_each_term(text, |term| {
                let next = ids.len() as u32;
                let id = *ids.entry(term_key(term)).or_insert(next);
                if id as usize == document_frequency.len() {
                    document_frequency.push(0);
                }
                seen.push(id);
            });
            seen.sort_unstable();
            let mut counts: Vec<(u32, u32)> = Vec::with_capacity(seen.len());
            for &id in &seen {
                match counts.last_mut() {
                    Some((last, n)) if *last == id => *n += 1,
                    _ => {
                        counts.push((id, 1));
                        document_frequency[id as usize] += 1;
                    }
                }
            }
            counted.push(counts);
        }
        let vocabulary = document_frequency.len();
        let n = counted.len() as f32;
        let idf: Vec<f32> = document_frequency.iter().map(|&df| ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0).collect();
        let vectors = counted
            .into_iter()
            .map(|counts| {
                let mut v: Vec<(u32, f32)> =
                    counts.into_iter().map(|(id, c)| (id, (1.0 + (c as f32).ln()) * idf[id as usize])).collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                Vector(v)
            })
            .collect();
        Self { vectors, vocabulary }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_content_words_and_their_pairs() {
        let t = terms("Improve the plans (paragraph 102).");
        assert_eq!(
            t,
            [
                " imp",
                "impr",
                "mpro",
                "prov",
                "rove",
                "ove ",
                " impr",
                "impro",
                "mprov",
                "prove",
                "rove ",
                " pla",
                "plan",
                "lan ",
                " plan",
                "plan ",
                "improve plan"
            ]
        );
        assert_eq!(terms("XY"), [" xy ", " xy "]);
        assert!(terms("the of and 12").is_empty());
        assert_eq!(fold("authorities"), "authority");
        assert_eq!(fold("process"), "process");
        assert_eq!(fold("status"), "status");
    }

    #[test]
    fn cosine_is_one_for_the_same_text_and_zero_for_nothing_shared() {
        let corpus = Corpus::new([
            "Ensure pathway plans are of good quality",
            "Ensure pathway plans are of good quality",
            "Reduce social workers' caseloads",
            "",
            "Improve the quality of pathway plans for care leavers",
        ]);
        let v = &corpus.vectors;
        assert!((v[0].cosine(&v[1]) - 1.0).abs() < 1e-5);
        assert_eq!(v[0].cosine(&v[2]), 0.0);
        assert!(v[3].is_empty());
        assert_eq!(v[0].cosine(&v[3]), 0.0);
        let mut dense = vec![0.0; corpus.vocabulary];
        v[0].scatter(&mut dense);
        assert!((v[4].dot_dense(&dense) - v[0].cosine(&v[4])).abs() < 1e-6);
        v[0].unscatter(&mut dense);
        assert!(dense.iter().all(|w| *w == 0.0));
        let related = v[0].cosine(&v[4]);
        assert!(related > 0.2 && related < 1.0, "{related}");
    }

    #[test]
    fn rare_shared_words_weigh_more_than_common_ones() {
        let corpus = Corpus::new([
            "children return home interviews",
            "children return home interviews are recorded",
            "children plans",
            "children plans are reviewed",
            "children visits",
        ]);
        let v = &corpus.vectors;
        // "children" is in every text: sharing it alone says little, sharing
        // "return home interviews" a lot.
        let (rare, common) = (v[0].cosine(&v[1]), v[0].cosine(&v[4]));
        assert!(rare > 0.7 && common < 0.3 && rare > 3.0 * common, "{rare} {common}");
    }
}
