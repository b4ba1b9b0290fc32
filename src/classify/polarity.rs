//! Polarity of a finding from cue phrases: praise ("strong", "effective", "well"),
//! criticism ("is not yet", "too many", "delay"), or both ("however" with cues of each
//! kind). Criticism that negates praise ("not sufficiently strong", "not fully
//! effective") counts as criticism, never as praise.
//!
//! The cues match the normalised text (see [`PolarityCues::polarity`]), so they need no
//! case-insensitive or Unicode classes: those made compiling them cost some 20 ms, paid
//! on every run of the command line.

use regex::Regex;

use crate::model::{FindingKind, Polarity};

/// Phrases of criticism. Longer phrases first: the alternation takes the leftmost match
/// and, at one position, the first alternative that matches.
const WEAKNESS: &[&str] = &[
    r"(?:is|are|was|were|has|have|had|does|do|did|can)(?:\s+not|n't)\s+(?:yet\s+|always\s+|consistently\s+|sufficiently\s+|fully\s+|routinely\s+|been\s+|had\s+|received\s+)*(?:[a-z]+)",
    r"not\s+(?:yet|always|consistently|sufficiently|fully|routinely|regularly|clearly|well|effectively|robustly|systematically|reliably|evident|embedded|in\s+touch|aware|known|understood|recorded|completed|updated|clear|timely|effective|good|strong|robust|sustained)",
    r"not\s+(?:been|had|received|seen|visited|offered)",
    r"no\s+(?:evidence|clear|longer|record|plans?|assessment|oversight|management)",
    r"too\s+(?:many|long|few|much|slow(?:ly)?|late|often|variable|narrow|optimistic|quickly)",
    r"(?:weak|weaker|weakness|weaknesses|poor|poorer|poorly)",
    r"(?:delay|delays|delayed|delaying)",
    r"(?:inconsistent|inconsistently|inconsistency|inconsistencies)",
    r"(?:insufficient|insufficiently|inadequate|inadequately|ineffective|ineffectively)",
    r"(?:variable|variability|variably|uneven|patchy|superficial)",
    r"(?:lack|lacks|lacked|lacking)",
    r"(?:limited|gaps?|drift|shortfalls?|deficits?|deficiencies|deficiency|failure|failures|failed|fails?)",
    r"(?:unclear|unaware|unable|unmet|unsafe|unsuitable|unnecessary|unnecessarily|unassessed|unallocated)",
    r"overly\s+optimistic|over\s?optimistic",
    r"(?:declined|declining|deteriorated|deteriorating|deterioration|worsened)",
    r"(?:struggle|struggles|struggled|struggling)",
    r"(?:frequent|numerous|many)\s+changes",
    r"high\s+(?:turnover|caseloads|workloads)",
    r"(?:requires?|needs?)\s+(?:improvement|to\s+improve|strengthening|to\s+be\s+strengthened)",
    r"more\s+(?:work|needs|is\s+needed|to\s+do)|further\s+work|not\s+all|should\s+(?:be|have)|needs?\s+to\s+be",
    r"(?:less|not\s+as)\s+(?:effective|well|timely|consistent|strong|good|robust|favourable|clear)",
    r"(?:concerns?\s+about\s+the\s+quality|remains?\s+a\s+challenge|not\s+enough)",
    r"(?:cannot|can\s+not|could\s+not)",
    r"absence\s+of|absent",
    r"(?:slow|slowly|slower|late|lateness|outstanding\s+actions)",
];

/// Phrases of praise.
const STRENGTH: &[&str] = &[
    r"(?:strong|stronger|strongly|strengths?|strengthened)",
    r"(?:effective|effectively|effectiveness)",
    r"(?:well\s(?:established|embedded|supported|prepared|understood|managed|organised|led|trained|coordinated|focused|targeted|attended|respected|developed|resourced))",
    r"(?:good|better|best)",
    r"(?:excellent|exceptional|exemplary|outstanding)",
    r"(?:skilled|skilful|skilfully|experienced|knowledgeable|tenacious|creative|creatively|diligent|diligently|committed|dedicated|passionate)",
    r"(?:timely|prompt|promptly|swift|swiftly|quickly|proactive|proactively)",
    r"(?:robust|robustly|rigorous|rigorously|thorough|thoroughly|comprehensive|detailed)",
    r"high\s?quality|high\s+standard|highly\s+(?:regarded|effective|skilled|valued|committed)",
    r"(?:positive|positively|improved|improving|improvement\s+in|improvements\s+in|progress)",
    r"continu(?:e|es|ed|ing)\s+to\s+(?:improve|develop|strengthen|grow)|(?:well\s+)?supported|encouraged",
    r"(?:sensitive|sensitively|thoughtful|thoughtfully|carefully|careful|meaningful|purposeful|child\s?centred|child\s?focused)",
    r"(?:appropriate|appropriately|proportionate|clear|clearly|consistently|consistent|regularly|regular)",
    r"(?:benefits?\s+from|make[s]?\s+a\s+(?:positive\s+)?difference|valued|helpful|impressive|innovative|successful|successfully)",
    r"(?:know\s+(?:their|the)\s+children\s+well|captured\s+well|work(?:s|ed)?\s+well|well)",
];

/// Words that turn the rest of a sentence against what came before.
const CONTRAST: &str =
    r"(?-u)\b(?:however|although|but|though|while|whilst|despite|nevertheless|nonetheless|except|yet)\b";

/// Compiled cue lists.
#[derive(Clone, Debug)]
pub struct PolarityCues {
    weakness: Regex,
    strength: Regex,
    contrast: Regex,
}

impl PolarityCues {
    /// Compiles the cue lists; they are constants, so a failure here is a bug caught by tests.
    pub fn new() -> Result<Self, regex::Error> {
        let join = |list: &[&str]| format!(r"(?-u)\b(?:{})\b", list.join("|"));
        Ok(Self {
            weakness: Regex::new(&join(WEAKNESS))?,
            strength: Regex::new(&join(STRENGTH))?,
            contrast: Regex::new(CONTRAST)?,
        })
    }

    /// The polarity of a finding and the cues that decided it. `text` is the finding as
    /// [`super::matcher::normalise_text`] leaves it: ASCII lower case, straight quotes, and
    /// hyphens, dashes and white space as single spaces; the cue lists are written for
    /// that form, which keeps them small and quick to compile.
    pub fn polarity(&self, text: &str, kind: FindingKind) -> (Polarity, Vec<String>) {
        let mut weak = Vec::new();
        let mut spans = Vec::new();
        for m in self.weakness.find_iter(text) {
            spans.push(m.range());
            weak.push(m.as_str().to_lowercase());
        }
        let mut strong = Vec::new();
        for m in self.strength.find_iter(text) {
            if spans.iter().any(|s| s.start < m.end() && m.start() < s.end) {
                continue;
            }
            // "care-experienced" and "well-being" are names, not praise.
            let before = &text[..m.start()];
            let (word, after) = (m.as_str(), &text[m.end()..]);
            if (word == "experienced" && before.ends_with("care ")) || (word == "well" && after.starts_with(" being")) {
                continue;
            }
            // "not always well", "not sufficiently strong": praise under a negation is criticism.
            if let Some(negation) = negation_before(before) {
                weak.push(format!("{negation} {}", m.as_str()).to_lowercase());
                continue;
            }
            strong.push(m.as_str().to_lowercase());
        }
        let contrast: Vec<String> = self.contrast.find_iter(text).map(|m| m.as_str().to_lowercase()).collect();

        // A recommendation asks for something to change: it is never praise, and criticism
        // only when its words say so.
        if kind.is_action() {
            return if weak.is_empty() { (Polarity::Neutral, Vec::new()) } else { (Polarity::Weakness, dedup(weak)) };
        }
        let (s, w) = (strong.len() as f32, weak.len() as f32);
        let polarity = match (strong.is_empty(), weak.is_empty()) {
            (true, true) => Polarity::Neutral,
            (false, true) => Polarity::Strength,
            (true, false) => Polarity::Weakness,
            (false, false) => {
                if !contrast.is_empty() && s.min(w) >= 1.0 {
                    Polarity::Mixed
                } else if s >= 2.0 * w + 1.0 {
                    Polarity::Strength
                } else if w >= 2.0 * s + 1.0 {
                    Polarity::Weakness
                } else {
                    Polarity::Mixed
                }
            }
        };
        let cues = match polarity {
            Polarity::Neutral => Vec::new(),
            Polarity::Strength => dedup(strong),
            Polarity::Weakness => dedup(weak),
            Polarity::Mixed => {
                let mut all = dedup(weak);
                all.extend(contrast.into_iter().take(1));
                all.extend(dedup(strong));
                all
            }
        };
        (polarity, cues)
    }
}

/// The negation just before a word ("not", "not sufficiently", "insufficiently"), when
/// there is one within the three words before it.
fn negation_before(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    for (i, word) in words.iter().enumerate() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if matches!(w.as_str(), "not" | "never" | "insufficiently" | "nor" | "without" | "no" | "less" | "lack") {
            let mut phrase: Vec<&str> = words[..=i].to_vec();
            phrase.reverse();
            return Some(phrase.join(" "));
        }
        // A clause boundary ends the negation's reach.
        if word.ends_with([',', ';', '.', ':']) {
            return None;
        }
    }
    None
}

fn dedup(mut cues: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    cues.retain(|c| seen.insert(c.clone()));
    cues
}
