//! The taxonomy file format and its checks, shared by `build.rs` (which checks the default
//! asset at build time) and the app (which checks user files at run time), so both apply
//! exactly the same rules.
//!
//! This file must compile on its own with only `serde`, `ron` and `regex`: `build.rs`
//! includes it with `#[path]`, where nothing else of the crate exists. It therefore has
//! its own file types and a plain `Display` error, and never names `crate::` items.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;

/// Whether a taxonomy file stands alone or adds to the default one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Mode {
    /// The file is the whole taxonomy: every category needs a label, description, colour
    /// and keywords.
    #[default]
    Replace,
    /// The file adds to the default taxonomy: entries with a known id add keywords (and may
    /// override the label, description, colour or parent); entries with a new id are new
    /// categories and need everything a `Replace` entry needs.
    Extend,
}

/// A taxonomy file as written, before it becomes a model taxonomy.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyFile {
    /// Replace or extend the default.
    #[serde(default)]
    pub mode: Mode,
    /// Version of the taxonomy's content.
    #[serde(default)]
    pub version: u32,
    /// The category of a finding that nothing matches.
    #[serde(default)]
    pub fallback: Option<String>,
    /// The categories, in display order.
    pub categories: Vec<CategoryEntry>,
}

/// One category as written. Fields other than `id` are optional so that an extension file
/// can add keywords to an existing category without repeating it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    /// Stable id, such as `care_leavers`.
    pub id: String,
    /// Label shown to users.
    #[serde(default)]
    pub label: Option<String>,
    /// One-line description.
    #[serde(default)]
    pub description: Option<String>,
    /// Chip colour, `#RRGGBB`.
    #[serde(default)]
    pub colour: Option<String>,
    /// Parent category id.
    #[serde(default)]
    pub parent: Option<String>,
    /// Weighted terms.
    #[serde(default)]
    pub keywords: Vec<KeywordEntry>,
    /// The 1-based line of the entry's `id` in its file, when known. Filled in after parsing.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// One weighted term as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeywordEntry {
    /// The phrase, or a pattern when `regex` is set.
    pub term: String,
    /// How strongly the term points to its category.
    #[serde(default = "default_weight")]
    pub weight: f32,
    /// Whether `term` is a regular expression.
    #[serde(default)]
    pub regex: bool,
}

fn default_weight() -> f32 {
    1.0
}

/// What is wrong with a taxonomy.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The text is not valid RON for a taxonomy file.
    Syntax {
        /// The parser's message.
        message: String,
        /// 1-based column.
        column: usize,
    },
    /// Two categories share an id.
    DuplicateId,
    /// An id is empty or not lower-case letters, digits and underscores.
    BadId,
    /// A required field is missing on a new category.
    MissingField(&'static str),
    /// The colour is not `#RRGGBB`.
    BadColour(String),
    /// The parent id names no category.
    MissingParent(String),
    /// Following parents leads back to the category.
    Cycle(Vec<String>),
    /// A regular expression does not compile.
    BadRegex {
        /// The term as written.
        term: String,
        /// The regex crate's message.
        message: String,
    },
    /// A keyword's term is empty or blank.
    EmptyTerm,
    /// A weight is not a positive finite number.
    BadWeight {
        /// The term.
        term: String,
        /// The weight given.
        weight: f32,
    },
    /// The category has no keywords, so nothing could ever be classified into it.
    NoKeywords,
    /// The fallback id names no category.
    UnknownFallback,
    /// The file has no categories (a replacement must have some).
    NoCategories,
    /// The default taxonomy must stand alone.
    ExtendNotAllowed,
}

/// One problem found in a taxonomy, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The category concerned (empty for problems with the whole file).
    pub category: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { message, .. } => write!(f, "not a valid taxonomy file: {message}"),
            Self::DuplicateId => f.write_str("the id is used by another category too"),
            Self::BadId => f.write_str("the id must be lower-case letters, digits and underscores"),
            Self::MissingField(field) => write!(f, "a new category needs a `{field}`"),
            Self::BadColour(c) => write!(f, "colour \"{c}\" is not of the form \"#RRGGBB\""),
            Self::MissingParent(p) => write!(f, "parent \"{p}\" is not a category"),
            Self::Cycle(chain) => write!(f, "parents form a cycle: {}", chain.join(" → ")),
            Self::BadRegex { term, message } => write!(f, "keyword regex \"{term}\" does not compile: {message}"),
            Self::EmptyTerm => f.write_str("a keyword has an empty term"),
            Self::BadWeight { term, weight } => {
                write!(f, "keyword \"{term}\" has weight {weight}; weights must be positive numbers")
            }
            Self::NoKeywords => f.write_str("the category has no keywords"),
            Self::UnknownFallback => f.write_str("the fallback is not a category"),
            Self::NoCategories => f.write_str("the taxonomy has no categories"),
            Self::ExtendNotAllowed => f.write_str("the default taxonomy must use `mode: Replace`"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.kind, self.line) {
            (ProblemKind::Syntax { column, .. }, Some(line)) => {
                write!(f, "line {line}, column {column}: {}", self.kind)
            }
            (_, line) => {
                if !self.category.is_empty() {
                    write!(f, "category \"{}\"", self.category)?;
                    if let Some(line) = line {
                        write!(f, " (line {line})")?;
                    }
                    f.write_str(": ")?;
                } else if let Some(line) = line {
                    write!(f, "line {line}: ")?;
                }
                write!(f, "{}", self.kind)
            }
        }
    }
}

/// Parses a taxonomy file's text. `Some(..)` around optional fields may be left out.
pub fn parse(text: &str) -> Result<TaxonomyFile, Problem> {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut file: TaxonomyFile = options.from_str(text).map_err(|e| Problem {
        category: String::new(),
        line: Some(e.span.start.line),
        kind: ProblemKind::Syntax { message: e.code.to_string(), column: e.span.start.col },
    })?;
    locate_ids(text, &mut file.categories);
    Ok(file)
}

/// Fills in each entry's line by finding its `id: "…"` in the text, in order.
fn locate_ids(text: &str, entries: &mut [CategoryEntry]) {
    let Ok(id_re) = regex::Regex::new(r#"\bid\s*:\s*(?:Some\s*\(\s*)?"([^"]*)""#) else {
        return;
    };
    let mut found = id_re.captures_iter(text).filter_map(|c| {
        let whole = c.get(0)?;
        let id = c.get(1)?.as_str();
        Some((whole.start(), id))
    });
    for entry in entries.iter_mut() {
        for (offset, id) in found.by_ref() {
            if id == entry.id {
                entry.line = Some(1 + text[..offset].bytes().filter(|&b| b == b'\n').count());
                break;
            }
        }
    }
}

/// The regular expression a `regex: true` keyword compiles to: the term as written,
/// case-insensitive, between word boundaries. (Plain phrases are not regexes: the
/// classifier matches them with an Aho–Corasick automaton, so they cannot be invalid.)
pub fn regex_pattern(term: &str) -> String {
    // ASCII word boundaries: Unicode ones stop the lazy DFA on the first non-ASCII byte,
    // and report text is full of curly quotes and dashes.
    format!("(?i)(?-u:\\b)(?:{term})(?-u:\\b)")
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `colour` is `#RRGGBB`.
pub fn is_valid_colour(colour: &str) -> bool {
    colour.len() == 7 && colour.starts_with('#') && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Applies an extension file to a base taxonomy: known ids gain keywords (and any field the
/// extension sets), new ids are appended. The result is in `Replace` mode.
pub fn extend(base: &TaxonomyFile, extension: &TaxonomyFile) -> TaxonomyFile {
    let mut merged = base.clone();
    merged.mode = Mode::Replace;
    merged.version = merged.version.max(extension.version);
    if extension.fallback.is_some() {
        merged.fallback.clone_from(&extension.fallback);
    }
    for entry in &extension.categories {
        match merged.categories.iter_mut().find(|c| c.id == entry.id) {
            Some(existing) => {
                if entry.label.is_some() {
                    existing.label.clone_from(&entry.label);
                }
                if entry.description.is_some() {
                    existing.description.clone_from(&entry.description);
                }
                if entry.colour.is_some() {
                    existing.colour.clone_from(&entry.colour);
                }
                if entry.parent.is_some() {
                    existing.parent.clone_from(&entry.parent);
                }
                existing.keywords.extend(entry.keywords.iter().cloned());
                existing.line = entry.line;
            }
            None => merged.categories.push(entry.clone()),
        }
    }
    merged
}

/// Every problem of a complete (`Replace`) taxonomy, in file order.
pub fn check(file: &TaxonomyFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |entry: &CategoryEntry, kind: ProblemKind| {
        problems.push(Problem { category: entry.id.clone(), line: entry.line, kind });
    };
    if file.categories.is_empty() {
        push(&CategoryEntry::blank(), ProblemKind::NoCategories);
    }
    let ids: HashSet<&str> = file.categories.iter().map(|c| c.id.as_str()).collect();
    let mut seen = HashSet::new();
    for entry in &file.categories {
        if !is_valid_id(&entry.id) {
            push(entry, ProblemKind::BadId);
        }
        if !seen.insert(entry.id.as_str()) {
            push(entry, ProblemKind::DuplicateId);
        }
        for (field, value) in [("label", &entry.label), ("description", &entry.description), ("colour", &entry.colour)]
        {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                push(entry, ProblemKind::MissingField(field));
            }
        }
        if let Some(colour) = &entry.colour
            && !is_valid_colour(colour)
        {
            push(entry, ProblemKind::BadColour(colour.clone()));
        }
        if let Some(parent) = &entry.parent
            && !ids.contains(parent.as_str())
        {
            push(entry, ProblemKind::MissingParent(parent.clone()));
        }
        if entry.keywords.is_empty() {
            push(entry, ProblemKind::NoKeywords);
        }
        for keyword in &entry.keywords {
            if keyword.term.trim().is_empty() {
                push(entry, ProblemKind::EmptyTerm);
                continue;
            }
            if !(keyword.weight.is_finite() && keyword.weight > 0.0) {
                push(entry, ProblemKind::BadWeight { term: keyword.term.clone(), weight: keyword.weight });
            }
            if keyword.regex
                && let Err(e) = regex::Regex::new(&regex_pattern(&keyword.term))
            {
                push(entry, ProblemKind::BadRegex { term: keyword.term.clone(), message: first_line(&e.to_string()) });
            }
        }
    }
    problems.extend(cycles(file));
    if let Some(fallback) = &file.fallback
        && !ids.contains(fallback.as_str())
    {
        problems.push(Problem { category: fallback.clone(), line: None, kind: ProblemKind::UnknownFallback });
    }
    problems
}

/// The regex crate's messages span several lines with a caret diagram; the last line says
/// what is wrong.
fn first_line(message: &str) -> String {
    message.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(message).trim().to_owned()
}

/// One problem per parent cycle, reported on the cycle's first category in file order.
fn cycles(file: &TaxonomyFile) -> Vec<Problem> {
    let parent: HashMap<&str, &str> =
        file.categories.iter().filter_map(|c| Some((c.id.as_str(), c.parent.as_deref()?))).collect();
    let mut reported: HashSet<&str> = HashSet::new();
    let mut problems = Vec::new();
    for entry in &file.categories {
        let start = entry.id.as_str();
        if reported.contains(start) {
            continue;
        }
        let mut chain = vec![start];
        let mut current = start;
        while let Some(&next) = parent.get(current) {
            if next == start {
                chain.push(next);
                reported.extend(chain.iter().copied());
                problems.push(Problem {
                    category: entry.id.clone(),
                    line: entry.line,
                    kind: ProblemKind::Cycle(chain.iter().map(|s| (*s).to_owned()).collect()),
                });
                break;
            }
            // A cycle further up that does not come back here is reported from its own members.
            if chain.contains(&next) || chain.len() > file.categories.len() {
                break;
            }
            chain.push(next);
            current = next;
        }
    }
    problems
}

impl CategoryEntry {
    fn blank() -> Self {
        Self {
            id: String::new(),
            label: None,
            description: None,
            colour: None,
            parent: None,
            keywords: Vec::new(),
            line: None,
        }
    }
}

/// Parses and checks the default taxonomy's text: it must stand alone and be free of
/// problems.
pub fn check_default(text: &str) -> Result<TaxonomyFile, Vec<Problem>> {
    let file = parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    if file.mode != Mode::Replace {
        problems.push(Problem { category: String::new(), line: None, kind: ProblemKind::ExtendNotAllowed });
    }
    problems.extend(check(&file));
    if problems.is_empty() { Ok(file) } else { Err(problems) }
}
