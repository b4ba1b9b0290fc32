//! Fields in a workspace file that this build does not know: found cheaply (one scan of
//! the field names the file uses, against every field name of the current format) and
//! only then located (`reports[0].colour`), so a newer file's extra fields can be named
//! in a warning. Used by `io` when loading.

use std::path::PathBuf;

use super::Workspace;
use super::io::to_ron_string;

/// The most unknown fields listed; more are summarised by the count.
const MAX_UNKNOWN_FIELDS: usize = 20;

/// Fields in `text` that the loaded workspace does not have (serde ignores them). Cheap
/// in the common case: one scan collects the field names the file uses, and only when one
/// of them is unknown anywhere in the format is the file walked to say where. (A known
/// name in the wrong struct is therefore not reported; serde ignores it all the same.)
pub(super) fn unknown_fields(text: &str, ws: &Workspace) -> Vec<String> {
    let known = known_field_names();
    if field_names(text).iter().all(|name| known.contains(*name)) {
        return Vec::new();
    }
    let (Ok(file), Ok(known)) = (ron::from_str::<ron::Value>(text), serde_json::to_value(ws)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_unknown(&file, &known, "", &mut found);
    found
}

/// Every field name of the current format, taken from a workspace that has one of each
/// struct (field names are written even when a value is empty or `None`).
fn known_field_names() -> &'static std::collections::HashSet<String> {
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let ws = one_of_each();
        let text = to_ron_string(&ws).unwrap_or_default();
        field_names(&text).into_iter().map(str::to_owned).collect()
    })
}

/// A workspace with one of each struct of the format and every list non-empty, so that
/// its RON text names every field.
fn one_of_each() -> Workspace {
    use crate::model::{
        Action, ActionId, Annotation, Category, CategoryId, ChangeRecord, Classification, Colour, DueRevision, Finding,
        FindingId, FindingKind, FrameworkPart, FrameworkRef, Grade, ImportedReport, Judgement, Keyword, PlanHeader,
        ProgressUpdate, ReportId, ReportMeta, SourceSpan, Taxonomy,
    };
    let at = chrono::NaiveDateTime::default();
    let id = FindingId(String::new());
    let keyword = Keyword { term: String::new(), weight: 1.0, regex: false };
    let category = Category {
        id: CategoryId(String::new()),
        label: String::new(),
        description: String::new(),
        colour: Colour(String::new()),
        parent: None,
        keywords: vec![keyword],
    };
    let mut ws = Workspace::new(Taxonomy { version: 1, categories: vec![category] });
    let update = ProgressUpdate { date: at.date(), text: String::new(), author: Some(String::new()) };
    let annotation = Annotation { updates: vec![update.clone()], ..Default::default() };
    // Optional fields written only when present are present here, to name their fields.
    let mut action = Action::new(ActionId::default(), id.clone(), String::new(), None, at);
    action.addresses = vec![id.clone()];
    action.updates = vec![update];
    action.due_revisions = vec![DueRevision { from: None, to: None, reason: String::new(), author: None, at }];
    let plan = PlanHeader { lead: Some(String::new()), ..Default::default() };
    ws.reports.push(ImportedReport {
        id: ReportId(String::new()),
        source_path: PathBuf::new(),
        content_hash: String::new(),
        imported_at: at,
        meta: ReportMeta {
            judgements: vec![Judgement { area: String::new(), grade: Grade::Good }],
            ..Default::default()
        },
        findings: vec![Finding {
            id: id.clone(),
            kind: FindingKind::Finding,
            section: String::new(),
            number: None,
            text: String::new(),
            source: SourceSpan::default(),
            classification: Classification::default(),
            // Written only when present, so present here to name its fields.
            framework_ref: Some(FrameworkRef { part: FrameworkPart::Outcome, number: None, text: String::new() }),
        }],
        text: String::new(),
        page_starts: vec![0],
        annotations: std::collections::BTreeMap::from([(id.clone(), annotation)]),
        actions: vec![action],
        plan,
    });
    ws.change_log.push(ChangeRecord {
        action: Some(ActionId::default()),
        author: Some(String::new()),
        at,
        report: ReportId(String::new()),
        finding: id,
        field: String::new(),
        summary: String::new(),
    });
    ws
}

/// The distinct field names in RON text: identifiers followed by `:`, outside strings,
/// character literals and comments.
fn field_names(text: &str) -> std::collections::HashSet<&str> {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut names = std::collections::HashSet::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                let quote = b[i];
                i += 1;
                // Jump from backslash to backslash: most of a workspace is long strings.
                loop {
                    match memchr::memchr2(quote, b'\\', &b[i.min(b.len())..]) {
                        Some(at) if b[i + at] == quote => {
                            i += at;
                            break;
                        }
                        Some(at) => i += at + 2,
                        None => {
                            i = b.len();
                            break;
                        }
                    }
                }
                i += 1;
            }
            b'r' if (i == 0 || !ident(b[i - 1])) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                i += 1 + hashes;
                if b.get(i) != Some(&b'"') {
                    continue; // A raw identifier such as r#type, not a string.
                }
                i += 1;
                loop {
                    let Some(at) = memchr::memchr(b'"', &b[i.min(b.len())..]) else {
                        i = b.len();
                        break;
                    };
                    i += at;
                    if b[i + 1..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes {
                        break;
                    }
                    i += 1;
                }
                i += 1 + hashes;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            c if ident(c) && !c.is_ascii_digit() && (i == 0 || !ident(b[i - 1])) => {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                let end = i;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if b.get(i) == Some(&b':') && b.get(i + 1) != Some(&b':') {
                    names.insert(&text[start..end]);
                }
            }
            _ => i += 1,
        }
    }
    names
}

/// Walks the file's value tree beside the known one (same field names, via serde) and
/// records map keys the known tree lacks.
fn walk_unknown(file: &ron::Value, known: &serde_json::Value, path: &str, found: &mut Vec<String>) {
    use serde_json::Value as J;
    if found.len() > MAX_UNKNOWN_FIELDS {
        return;
    }
    match (file, known) {
        (ron::Value::Option(Some(inner)), known) => walk_unknown(inner, known, path, found),
        (ron::Value::Map(map), J::Object(object)) => {
            for (key, value) in map.iter() {
                let ron::Value::String(key) = key else { continue };
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match object.get(key.as_str()) {
                    Some(known) => walk_unknown(value, known, &child, found),
                    None => found.push(child),
                }
            }
        }
        (ron::Value::Seq(items), J::Array(known)) => {
            for (i, (item, known)) in items.iter().zip(known).enumerate() {
                walk_unknown(item, known, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_skip_strings_comments_and_paths() {
        let text = r###"// note: not a field
(
  a: "b: not a field \" c: still not",
  r#d: r#"e: "raw" f: no"#,
  /* g: no */ h: 'i', j: std::k,
  "map key": 1, l : Some(m: 2),
)"###;
        let mut names: Vec<&str> = field_names(text).into_iter().collect();
        names.sort_unstable();
        assert_eq!(names, ["a", "d", "h", "j", "l", "m"]);
        // An unterminated string or raw string runs to the end: nothing after it is a field.
        for cut in ["(a: \"b: 1", "(a: r#\"b: 1", "(a: \"x\\"] {
            let names: Vec<&str> = field_names(cut).into_iter().collect();
            assert_eq!(names, ["a"], "{cut}");
        }
    }

    #[test]
    fn every_field_of_a_saved_workspace_is_known() {
        let ws = super::super::synthetic::workspace(2, 5, 3);
        let text = to_ron_string(&ws).unwrap_or_default();
        let known = known_field_names();
        for name in field_names(&text) {
            assert!(known.contains(name), "{name}");
        }
        assert!(known.contains("cancel_reason") && known.contains("weight") && known.contains("summary"));
    }
}
