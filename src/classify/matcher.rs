//! Finds a taxonomy's keywords in a text, with where each first occurs and how often.
//!
//! Plain phrases (nearly all keywords) go into two Aho–Corasick automata, one over a
//! lower-cased copy of the text and one, for acronyms such as `SEND` or `PLO`, over the
//! text as written; both copies are normalised the same way (curly quotes straightened,
//! hyphens, dashes and runs of white space made one space), so "well-being", "well being"
//! and "wellbeing" all meet the phrase "well-being". Building them takes well under a
//! millisecond, which matters because the command line builds a classifier on every run.
//! Regular-expression keywords, rare by design, are matched on the original text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet};

use super::validate::regex_pattern;

/// One keyword found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the keyword, in the order given to [`Matcher::new`].
    pub term: usize,
    /// Byte offset of its first occurrence (in the normalised text for plain phrases).
    pub first: usize,
    /// How many times it occurs.
    pub count: usize,
    /// For a regex keyword, the byte range of its first match in the original text: the
    /// words to show as the reason, since a pattern means little to users.
    pub shown: Option<(usize, usize)>,
}

/// The keywords of a taxonomy, compiled.
#[derive(Clone, Debug)]
pub struct Matcher {
    folded: AhoCorasick,
    folded_terms: Vec<Plain>,
    exact: AhoCorasick,
    exact_terms: Vec<Plain>,
    regex_set: RegexSet,
    regexes: Vec<(usize, Regex)>,
    term_count: usize,
}

/// What a pattern of an automaton stands for.
#[derive(Clone, Copy, Debug)]
struct Plain {
    term: usize,
    /// Whether a plural `s`/`es` may follow.
    plural: bool,
}

impl Matcher {
    /// Compiles keywords given as `(term, is_regex)`. Fails only on a regex that does not
    /// compile (which validation reports first, with its category).
    pub fn new<'a>(keywords: impl IntoIterator<Item = (&'a str, bool)>) -> Result<Self, regex::Error> {
        let mut folded_patterns = Vec::new();
        let mut folded_terms = Vec::new();
        let mut exact_patterns = Vec::new();
        let mut exact_terms = Vec::new();
        let mut regex_patterns = Vec::new();
        let mut regex_terms = Vec::new();
        let mut term_count = 0;
        for (index, (term, is_regex)) in keywords.into_iter().enumerate() {
            term_count = index + 1;
            if is_regex {
                regex_patterns.push(regex_pattern(term));
                regex_terms.push(index);
                continue;
            }
            let acronym = is_acronym(term);
            let normal = normalise_term(term, acronym);
            let plural = term.trim().chars().last().is_some_and(char::is_alphabetic);
            let (patterns, terms) = if acronym {
                (&mut exact_patterns, &mut exact_terms)
            } else {
                (&mut folded_patterns, &mut folded_terms)
            };
            // A written hyphen may also be left out: "well-being" is "wellbeing" too.
            if term.contains('-') {
                patterns.push(normalise_term(&term.replace('-', ""), acronym));
                terms.push(Plain { term: index, plural });
            }
            patterns.push(normal);
            terms.push(Plain { term: index, plural });
        }
        let build = |patterns: &[String]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .map_err(|e| regex::Error::Syntax(e.to_string()))
        };
        let regex_set = RegexSet::new(&regex_patterns)?;
        let regexes = regex_terms
            .into_iter()
            .zip(&regex_patterns)
            .map(|(term, pattern)| Ok((term, Regex::new(pattern)?)))
            .collect::<Result<_, regex::Error>>()?;
        Ok(Self {
            folded: build(&folded_patterns)?,
            folded_terms,
            exact: build(&exact_patterns)?,
            exact_terms,
            regex_set,
            regexes,
            term_count,
        })
    }

    /// Every keyword in `text`, each once, in keyword order.
    #[cfg(test)]
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_in(&Normalised::new(text))
    }

    /// Every keyword in a normalised text, each once, in keyword order.
    ///
    /// A phrase inside a longer phrase that also matched does not count: "in care" within
    /// "children in care", "missing" within "children missing education". So each stretch of
    /// text speaks for one keyword, and a keyword's weight is the whole of what it adds.
    pub fn find_in(&self, text: &Normalised<'_>) -> Vec<Hit> {
        // (start, end, term) of each plain match on word boundaries, over the normalised text.
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for (automaton, terms, haystack) in
            [(&self.folded, &self.folded_terms, &text.lower), (&self.exact, &self.exact_terms, &text.exact)]
        {
            for m in automaton.find_overlapping_iter(haystack.as_str()) {
                let plain = terms[m.pattern().as_usize()];
                if let Some(end) = word_match_end(haystack, m.start(), m.end(), plain.plural) {
                    spans.push((m.start(), end, plain.term));
                }
            }
        }
        // Longest first at each start, so a contained match always follows its container.
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut found: Vec<Option<Hit>> = vec![None; self.term_count];
        let mut record = |term: usize, at: usize, shown: Option<(usize, usize)>| match &mut found[term] {
            Some(hit) => {
                hit.count += 1;
                hit.first = hit.first.min(at);
            }
            slot @ None => *slot = Some(Hit { term, first: at, count: 1, shown }),
        };
        let mut reach = 0; // The end of the longest span kept so far.
        let mut last: Option<(usize, usize)> = None;
        for &(start, end, term) in &spans {
            // The same stretch found by two spellings of one keyword ("well-being", "wellbeing")
            // or by two keywords of the same text counts for each keyword once.
            let same_as_last = last == Some((start, end));
            if end <= reach && !same_as_last {
                continue;
            }
            record(term, start, None);
            reach = reach.max(end);
            last = Some((start, end));
        }
        for i in self.regex_set.matches(text.original).iter() {
            let (term, regex) = &self.regexes[i];
            for m in regex.find_iter(text.original) {
                record(*term, m.start(), Some((m.start(), m.end())));
            }
        }
        found.into_iter().flatten().collect()
    }
}

/// A term written all in capitals (and digits), such as `SEND`, `PLO` or `S47`, is an
/// acronym, matched case-sensitively so that "send" the verb is not SEND.
pub fn is_acronym(term: &str) -> bool {
    let t = term.trim();
    t.chars().any(|c| c.is_ascii_uppercase())
        && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// A term as the automata see it: normalised like the text, lower-cased unless an acronym.
fn normalise_term(term: &str, acronym: bool) -> String {
    let (lower, exact) = normalise_text(term.trim());
    if acronym { exact } else { lower }
}

/// A text prepared for matching.
#[derive(Clone, Debug)]
pub struct Normalised<'a> {
    /// As given (regex keywords match this).
    pub original: &'a str,
    /// ASCII lower case, straight quotes, hyphens, dashes and white space as single spaces.
    pub lower: String,
    /// The same, in the original case (acronyms match this).
    pub exact: String,
}

impl<'a> Normalised<'a> {
    /// Normalises `text`.
    pub fn new(text: &'a str) -> Self {
        let (lower, exact) = normalise_text(text);
        Self { original: text, lower, exact }
    }
}

/// Two copies of `text` with the same byte layout: lower-cased and as written. Curly quotes
/// become straight ones; hyphens, dashes between words and white space become single spaces.
fn normalise_text(text: &str) -> (String, String) {
    let mut lower = String::with_capacity(text.len());
    let mut exact = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '-' | '‐' | '‑' | '–' | '—' | '\u{a0}' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        exact.push(c);
        lower.push(c.to_ascii_lowercase());
    }
    (lower, exact)
}

/// Where a match ends, plural ending included, when it stands on word boundaries.
fn word_match_end(haystack: &str, start: usize, end: usize, plural: bool) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    if haystack[..start].chars().next_back().is_some_and(is_word) {
        return None;
    }
    let mut end = end;
    if plural {
        for suffix in ["es", "s"] {
            if let Some(after) = haystack[end..].strip_prefix(suffix)
                && !after.chars().next().is_some_and(is_word)
            {
                end += suffix.len();
                break;
            }
        }
    }
    (!haystack[end..].chars().next().is_some_and(is_word)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, keywords: &[&str]) -> Vec<&'static str> {
        let m = Matcher::new(keywords.iter().map(|k| (*k, false))).unwrap();
        let leaked: &'static [&'static str] =
            Box::leak(keywords.iter().map(|k| &*Box::leak(k.to_string().into_boxed_str())).collect::<Vec<_>>().into());
        m.find(text).iter().map(|h| leaked[h.term]).collect()
    }

    #[test]
    fn words_plurals_hyphens_and_quotes() {
        assert_eq!(terms("Most Care Leavers live", &["care leaver"]), ["care leaver"]);
        assert_eq!(terms("care-leavers", &["care leaver"]), ["care leaver"]);
        assert!(terms("careleaversx", &["care leaver"]).is_empty());
        assert_eq!(terms("emotional wellbeing", &["well-being"]), ["well-being"]);
        assert_eq!(terms("emotional well being", &["well-being"]), ["well-being"]);
        assert_eq!(terms("emotional well-being", &["well-being"]), ["well-being"]);
        assert_eq!(terms("children’s homes", &["children's home"]), ["children's home"]);
        assert_eq!(terms("16- and 17-year-olds", &["16 and 17 year old"]), ["16 and 17 year old"]);
        assert_eq!(terms("the pre-birth  assessment", &["pre-birth assessment"]), ["pre-birth assessment"]);
        assert_eq!(terms("the prebirth assessment", &["pre-birth assessment"]), ["pre-birth assessment"]);
        assert!(terms("auditorium", &["audit"]).is_empty());
        assert_eq!(terms("audits", &["audit"]), ["audit"]);
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert_eq!(terms("IROs are", &["IRO"]), ["IRO"]);
        assert!(terms("iron", &["IRO"]).is_empty());
        assert_eq!(terms("children with SEND", &["SEND"]), ["SEND"]);
        assert!(terms("they send letters", &["SEND"]).is_empty());
    }

    #[test]
    fn counts_first_positions_and_nested_terms() {
        let m = Matcher::new([("child protection", false), ("child protection plan", false)]).unwrap();
        let hits = m.find("A child protection plan. Child protection.");
        // The shorter phrase counts only where it stands alone.
        assert_eq!(
            hits,
            vec![Hit { term: 0, first: 25, count: 1, shown: None }, Hit { term: 1, first: 2, count: 1, shown: None }]
        );
        // One stretch matched by two keywords counts for both.
        let m = Matcher::new([("looked after", false), ("looked-after", false)]).unwrap();
        assert_eq!(m.find("looked-after children").len(), 2);
    }

    #[test]
    fn regex_terms_match_the_original_text() {
        let m = Matcher::new([("exploit(?:ation|ed)?", true), ("x", false)]).unwrap();
        let hits = m.find("Exploitation and being exploited");
        assert_eq!(hits, vec![Hit { term: 0, first: 0, count: 2, shown: Some((0, 12)) }]);
        assert!(Matcher::new([("(", true)]).is_err());
    }
}
