//! Fuzzing the workspace loader (`workspace::io`): arbitrary text and bytes, and
//! mutations of a valid saved workspace (truncation, byte flips, wrong types, unknown
//! fields, future `schema_version`, colliding ids). Properties: no panic, returns within
//! the deadline, every error names the file, and whatever loads saves and reloads to the
//! same text. Loading from disk never changes the file.
//!
//! Always on with a few hundred cases; a long run is
//! `FUZZ_CASES=100000 cargo test --release --no-default-features --test fuzz_workspace`.

#[macro_use]
mod fuzz_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use inspection_tracker::classify::Classifier;
use inspection_tracker::model::{
    Annotation, CategoryId, ChangeRecord, Classification, Finding, FindingId, FindingKind, ImportedReport,
    ProgressUpdate, Rag, ReportId, ReportKind, ReportMeta, SourceSpan, Status,
};
use inspection_tracker::workspace::Workspace;
use inspection_tracker::workspace::io::{LoadError, from_ron_bytes, from_ron_str, load, to_ron_string};
use proptest::prelude::*;

/// A non-ASCII name, so "the error names the file" is checked with an awkward one.
const NAME: &str = "Área de trabajo/plan d’action ünïcode.ron";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A small but complete workspace: three reports, findings of every kind, annotations
/// with every field set, orphaned annotations and a change log.
fn sample_workspace() -> Workspace {
    let classifier = Classifier::default_taxonomy();
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let categories: Vec<CategoryId> = ws.taxonomy.categories.iter().map(|c| c.id.clone()).collect();
    let kinds = [FindingKind::PriorityAction, FindingKind::Recommendation, FindingKind::Finding, FindingKind::Summary];
    for r in 0..3u32 {
        let id = ReportId(format!("authority-{r}-2025-0{}-1{r}", r + 1));
        let mut findings = Vec::new();
        let mut text = String::new();
        for f in 0..5u32 {
            let body =
                format!("Leaders should improve “the quality” of plans for children — item {f}.\nSecond line ✓.");
            let start = text.len();
            text.push_str(&body);
            findings.push(Finding {
                id: FindingId(format!("f-{r}{f:04x}")),
                kind: kinds[(f % 4) as usize],
                section: "What needs to improve?".to_owned(),
                number: (f % 2 == 0).then_some(f + 1),
                text: body,
                source: SourceSpan { page: Some(f + 1), paragraph: f as usize, start, end: text.len() },
                classification: Classification {
                    category: categories[(f as usize) % categories.len()].clone(),
                    confidence: 0.25 * f as f32,
                    matched_terms: vec!["plans".to_owned()],
                    ..Default::default()
                },
                framework_ref: None,
            });
            text.push_str("\n\n");
        }
        let mut annotations = BTreeMap::new();
        annotations.insert(
            findings[0].id.clone(),
            Annotation {
                category: Some(categories[1].clone()),
                status: Status::InProgress,
                cancel_reason: None,
                rag: Some(Rag::Amber),
                owner: Some("Jo Bloggs (Head of service)".to_owned()),
                due_date: Some(date(2026, 3, 31)),
                planned_action: "Audit 20 plans\nthen report \"back\"".to_owned(),
                notes: "Spoke to the team; r#\"raw\"# ) ] }".to_owned(),
                evidence: vec!["audit.xlsx".to_owned()],
                important: true,
                updates: vec![ProgressUpdate { date: date(2026, 1, 5), text: "Started".to_owned(), author: None }],
            },
        );
        annotations.insert(
            FindingId("f-vanished".to_owned()),
            Annotation { status: Status::Cancelled, cancel_reason: Some("Merged".to_owned()), ..Default::default() },
        );
        ws.reports.push(ImportedReport {
            id: id.clone(),
            source_path: PathBuf::from(format!("/reports/authority {r}.pdf")),
            content_hash: format!("{r:064x}"),
            imported_at: date(2026, 1, 2).and_hms_opt(9, 30, 0).expect("valid time"),
            meta: ReportMeta {
                kind: ReportKind::FullInspection,
                title: Some("Inspection of authority children’s services".to_owned()),
                local_authority: Some(format!("Authority {r}")),
                authority: None,
                letter_date: Some(date(2025, 1 + r, 10)),
                visit_start: Some(date(2024, 12, 1)),
                visit_end: Some(date(2024, 12, 12)),
                lead_inspector: Some("Jane Smith".to_owned()),
                overall_judgement: None,
                judgements: Vec::new(),
            },
            findings,
            text,
            page_starts: vec![0, 40, 200],
            annotations,
            actions: Vec::new(),
            plan: Default::default(),
        });
        ws.change_log.push(ChangeRecord {
            action: None,
            author: None,
            at: date(2026, 1, 3).and_hms_opt(10, 0, 0).expect("valid time"),
            report: id,
            finding: FindingId(format!("f-{r}0000")),
            field: "status".to_owned(),
            summary: "Not started → In progress".to_owned(),
        });
    }
    ws
}

static VALID: LazyLock<String> = LazyLock::new(|| to_ron_string(&sample_workspace()).expect("sample saves"));

/// Literals of every RON type, and structure, to splice in where values were.
const TOKENS: &[&str] = &[
    "0",
    "-1",
    "4294967296",
    "1e400",
    "NaN",
    "inf",
    "-0.0",
    "true",
    "\"\"",
    "\"x\"",
    "'c'",
    "r#\"raw\"#",
    "b\"bytes\"",
    "None",
    "Some(",
    "Some(1)",
    "()",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "[1, 2]",
    "{\"k\": 1}",
    "(a: 1)",
    "\"2026-02-30\"",
    "\"9999-99-99\"",
    "\"2026-01-01T25:00:00\"",
    "red",
    "Purple",
    "full_inspection",
    "/*",
    "*/",
    "//",
    "\\",
    "\"\\u{110000}\"",
    "\u{0}",
    "\u{feff}",
    "#![enable(implicit_some)]",
    "zz_unknown: 3,",
];

/// One change to the saved text.
#[derive(Clone, Debug)]
enum Mutation {
    /// Cut the file short after this fraction of its bytes (per mille).
    Truncate(u16),
    /// XOR one byte (position per mille) with a mask.
    FlipByte(u16, u8),
    /// Insert a token at a position (per mille).
    Insert(u16, usize),
    /// Replace the value of the n-th field (`name: value`) with a token: wrong types.
    ReplaceValue(usize, usize),
    /// Add an unknown field after the n-th opening parenthesis.
    UnknownField(usize, String),
    /// Rewrite the schema version.
    SchemaVersion(u64),
    /// Give the n-th report (or finding) the id of the first.
    CollideIds(bool, usize),
    /// Delete the n-th line.
    DeleteLine(usize),
    /// Duplicate the n-th line.
    DuplicateLine(usize),
}

fn at_fraction(len: usize, per_mille: u16) -> usize {
    len * usize::from(per_mille.min(1000)) / 1000
}

/// The byte offset at or before `i` that is a char boundary.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    match m {
        Mutation::Truncate(p) => bytes.truncate(at_fraction(bytes.len(), *p)),
        Mutation::FlipByte(p, mask) => {
            if !bytes.is_empty() {
                let i = at_fraction(bytes.len() - 1, *p);
                bytes[i] ^= mask | 1;
            }
        }
        Mutation::Insert(p, token) => {
            let i = floor_boundary(&text, at_fraction(text.len(), *p));
            *bytes = format!("{}{}{}", &text[..i], TOKENS[token % TOKENS.len()], &text[i..]).into_bytes();
        }
        Mutation::ReplaceValue(n, token) => {
            let fields: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
            if fields.is_empty() {
                return;
            }
            let start = fields[n % fields.len()];
            let end = text[start..].find([',', '\n']).map_or(text.len(), |e| start + e);
            *bytes = format!("{}{}{}", &text[..start], TOKENS[token % TOKENS.len()], &text[end..]).into_bytes();
        }
        Mutation::UnknownField(n, name) => {
            let opens: Vec<usize> = text.match_indices('(').map(|(i, _)| i + 1).collect();
            if opens.is_empty() {
                return;
            }
            let i = opens[n % opens.len()];
            *bytes = format!("{}{name}: (x: [1, \"y\"], z: None),{}", &text[..i], &text[i..]).into_bytes();
        }
        Mutation::SchemaVersion(v) => {
            if let Some(start) = text.find("schema_version: ") {
                let start = start + "schema_version: ".len();
                let end = text[start..].find(',').map_or(text.len(), |e| start + e);
                *bytes = format!("{}{v}{}", &text[..start], &text[end..]).into_bytes();
            }
        }
        Mutation::CollideIds(reports, n) => {
            // `id: "…"` lines: reports' are the least indented, findings' the most (the
            // taxonomy's categories sit between).
            let mut ids: Vec<(usize, usize, usize)> = Vec::new(); // (indent, start, end) of the id text
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                if let Some(rest) = trimmed.strip_prefix("id: \"")
                    && let Some(len) = rest.find('"')
                {
                    let start = offset + (line.len() - trimmed.len()) + "id: \"".len();
                    ids.push((line.len() - trimmed.len(), start, start + len));
                }
                offset += line.len();
            }
            let mut levels: Vec<usize> = ids.iter().map(|i| i.0).collect();
            levels.sort_unstable();
            levels.dedup();
            let Some(&level) = (if *reports { levels.first() } else { levels.last() }) else { return };
            let ids: Vec<(usize, usize)> = ids.iter().filter(|i| i.0 == level).map(|i| (i.1, i.2)).collect();
            if ids.len() < 2 {
                return;
            }
            let first = text[ids[0].0..ids[0].1].to_owned();
            let (s, e) = ids[1 + n % (ids.len() - 1)];
            *bytes = format!("{}{first}{}", &text[..s], &text[e..]).into_bytes();
        }
        Mutation::DeleteLine(n) | Mutation::DuplicateLine(n) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return;
            }
            let i = n % lines.len();
            if matches!(m, Mutation::DeleteLine(_)) {
                lines.remove(i);
            } else {
                lines.insert(i, lines[i]);
            }
            *bytes = lines.concat().into_bytes();
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0u16..=1000).prop_map(Mutation::Truncate),
        (0u16..=1000, any::<u8>()).prop_map(|(p, m)| Mutation::FlipByte(p, m)),
        (0u16..=1000, any::<usize>()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(n, t)| Mutation::ReplaceValue(n, t)),
        (any::<usize>(), "[a-z_][a-z0-9_]{0,12}").prop_map(|(n, s)| Mutation::UnknownField(n, s)),
        prop_oneof![Just(0u64), Just(1), Just(2), Just(999), Just(u64::from(u32::MAX) + 1), any::<u64>()]
            .prop_map(Mutation::SchemaVersion),
        (any::<bool>(), any::<usize>()).prop_map(|(r, n)| Mutation::CollideIds(r, n)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

/// The loader's result on `bytes`, checked: an error names the file; a success saves and
/// reloads to the same text, and has unique ids.
fn check_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let path = Arc::new(PathBuf::from(NAME));
    let p = Arc::clone(&path);
    let result = bounded!("from_ron_bytes", move || from_ron_bytes(&bytes, &p).map(|l| l.workspace));
    check_result(result, &path)
}

fn check_result(result: Result<Workspace, LoadError>, path: &Path) -> Result<(), TestCaseError> {
    match result {
        Err(e) => {
            let message = e.to_string();
            prop_assert!(message.ends_with(&path.display().to_string()), "error does not name the file: {message}");
        }
        Ok(ws) => {
            let mut report_ids = std::collections::HashSet::new();
            for r in &ws.reports {
                prop_assert!(report_ids.insert(&r.id), "two reports loaded with id {}", r.id);
            }
            let text = to_ron_string(&ws).map_err(|e| TestCaseError::fail(format!("loaded but cannot save: {e}")))?;
            let again = from_ron_str(&text, path)
                .map_err(|e| TestCaseError::fail(format!("saved text does not load again: {e}\n{text}")))?;
            let text_again = to_ron_string(&again.workspace).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(text, text_again, "save → load → save changed the text");
        }
    }
    Ok(())
}

#[test]
fn the_sample_round_trips() {
    let loaded = from_ron_str(&VALID, Path::new(NAME)).expect("the sample loads");
    assert_eq!(loaded.workspace, sample_workspace());
    assert!(loaded.unknown_fields.is_empty());
}

#[test]
fn the_mutations_reach_the_checks_they_aim_at() {
    let load = |m: Mutation| {
        let mut bytes = VALID.as_bytes().to_vec();
        apply(&mut bytes, &m);
        from_ron_bytes(&bytes, Path::new(NAME))
    };
    assert!(matches!(load(Mutation::CollideIds(true, 0)), Err(LoadError::Invalid { .. })));
    assert!(matches!(load(Mutation::CollideIds(false, 0)), Err(LoadError::Invalid { .. })));
    assert!(matches!(
        load(Mutation::SchemaVersion(u64::from(inspection_tracker::workspace::SCHEMA_VERSION) + 1)),
        Err(LoadError::Newer { .. })
    ));
    let truncated = load(Mutation::Truncate(500));
    assert!(matches!(truncated, Err(LoadError::Damaged { .. })), "{truncated:?}");
    let unknown = load(Mutation::UnknownField(0, "colour".to_owned())).expect("an unknown field is accepted");
    assert_eq!(unknown.unknown_fields.len(), 1, "{:?}", unknown.unknown_fields);
}

proptest! {
    #![proptest_config(fuzz_common::config(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_bytes(text.into_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_bytes(bytes)?;
    }

    #[test]
    fn ron_like_text_never_panics(parts in proptest::collection::vec(prop_oneof![
        proptest::sample::select(TOKENS).prop_map(str::to_owned),
        "[a-z_]{1,14}: ",
        Just("(schema_version: 1, ".to_owned()),
        Just("reports: [".to_owned()),
        Just("taxonomy: (version: 1, categories: [])".to_owned()),
        Just("change_log: []".to_owned()),
        "\\s{0,3}",
    ], 0..64)) {
        check_bytes(parts.concat().into_bytes())?;
    }

    #[test]
    fn mutated_workspace_never_panics(mutations in proptest::collection::vec(mutation(), 1..5)) {
        let mut bytes = VALID.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_bytes(bytes)?;
    }
}

proptest! {
    // Each case writes a file, so fewer of them.
    #![proptest_config(fuzz_common::config(48))]

    #[test]
    fn loading_from_disk_changes_nothing(mutations in proptest::collection::vec(mutation(), 0..4)) {
        let mut bytes = VALID.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let folder = dir.path().join("Área de trabajo");
        std::fs::create_dir(&folder).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = folder.join("plan d’action.ron");
        std::fs::write(&path, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let p = path.clone();
        let result = bounded!("load", move || load(&p));
        check_result(result, &path)?;
        let after = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(after == bytes, "loading changed the file");
        let names: Vec<_> = std::fs::read_dir(&folder).map_err(|e| TestCaseError::fail(e.to_string()))?.collect();
        prop_assert_eq!(names.len(), 1, "loading created files beside the workspace");
    }
}

/// Nesting far deeper than any real file, in every place the loader reads nested values:
/// the whole file, a known field, an unknown field before `schema_version` (read by the
/// version probe), and an unknown field after it (read by the unknown-field walk). A stack
/// overflow would abort the process, so each runs on a thread with the default 2 MB stack.
#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let nest = |open: &str, close: &str| format!("{}{}", open.repeat(depth), close.repeat(depth));
    let tail = VALID.trim_start().strip_prefix('(').expect("the sample starts with a struct").to_owned();
    let cases = [
        nest("[", "]"),
        nest("(", ")"),
        format!("(schema_version: 1, reports: {}, taxonomy: (categories: []))", nest("[", "]")),
        format!("(deep: {}, schema_version: 1, reports: [], taxonomy: (categories: []))", nest("[", "]")),
        format!("(deep: {}, schema_version: 1, reports: [], taxonomy: (categories: []))", nest("Some(", ")")),
        format!("(deep: {}, {tail}", nest("{\"k\": ", "}")),
        format!(
            "(schema_version: 1, deep: {}, {}",
            nest("[", "]"),
            tail.trim_start().trim_start_matches("schema_version: 1,")
        ),
    ];
    for (i, text) in cases.into_iter().enumerate() {
        let outcome = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || from_ron_str(&text, Path::new(NAME)).map(|_| ()).map_err(|e| e.to_string()))
            .expect("a thread")
            .join();
        match outcome {
            Ok(Err(message)) => assert!(message.ends_with(NAME), "case {i}: {message}"),
            Ok(Ok(())) => {}
            Err(_) => panic!("case {i} panicked"),
        }
    }
}

/// Any string in a user-editable or imported field, including control characters,
/// quotes, backslashes, `"#` (which would end a raw string) and non-BMP characters.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            proptest::sample::select(
                &[
                    "\"", "\\", "\"#", "r#\"", "\n", "\r", "\t", "\u{0}", "\u{7f}", "\u{2028}", "\u{feff}", "😀", "/*",
                    "//", ")", "]", "}", "é", " ", "a"
                ][..]
            ),
            0..12,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// Dates across chrono's whole range, not only plausible ones.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (1900i32..2200, 1u32..=366).prop_filter_map("a day of the year", |(y, d)| NaiveDate::from_yo_opt(y, d)),
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        (-9999i32..99999, 1u32..=365).prop_filter_map("a day of the year", |(y, d)| NaiveDate::from_yo_opt(y, d)),
    ]
}

/// Finite confidences, including the awkward ones; NaN is left out because it is never
/// equal to itself, so "loads back equal" could not hold.
fn any_confidence() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(0.0f32),
        Just(-0.0),
        Just(f32::MIN_POSITIVE),
        Just(f32::MAX),
        Just(1e-45),
        0.0f32..1.0,
        any::<f32>().prop_filter("finite", |f| f.is_finite())
    ]
}

proptest! {
    #![proptest_config(fuzz_common::config(256))]

    /// Whatever the user types and whatever a report contains, a saved workspace loads
    /// back equal to what was saved.
    #[test]
    fn any_content_saves_and_loads_back_equal(
        owner in nasty_string(),
        notes in nasty_string(),
        text in nasty_string(),
        finding_id in nasty_string(),
        report_id in nasty_string(),
        path in nasty_string(),
        due in any_date(),
        confidence in any_confidence(),
        number in any::<Option<u32>>(),
        offsets in (any::<usize>(), any::<usize>()),
    ) {
        let mut ws = sample_workspace();
        let report = &mut ws.reports[0];
        report.id = ReportId(report_id);
        report.source_path = PathBuf::from(path);
        report.text = text.clone();
        let finding = &mut report.findings[0];
        let old_id = finding.id.clone();
        finding.id = FindingId(finding_id.clone());
        finding.text = text;
        finding.number = number;
        finding.source.start = offsets.0;
        finding.source.end = offsets.1;
        finding.classification.confidence = confidence;
        let mut annotation = report.annotations.remove(&old_id).unwrap_or_default();
        annotation.owner = Some(owner);
        annotation.notes = notes;
        annotation.due_date = Some(due);
        annotation.updates.push(ProgressUpdate { date: due, text: finding_id.clone(), author: None });
        report.annotations.insert(FindingId(finding_id), annotation);
        // The other reports keep their ids; skip cases where the new id collides with one.
        prop_assume!(ws.reports.iter().skip(1).all(|r| r.id != ws.reports[0].id));
        let saved = to_ron_string(&ws).map_err(|e| TestCaseError::fail(format!("could not save: {e}")))?;
        let loaded = from_ron_str(&saved, Path::new(NAME))
            .map_err(|e| TestCaseError::fail(format!("saved workspace does not load: {e}\n{saved}")))?;
        prop_assert!(loaded.workspace == ws, "loaded workspace differs from the saved one");
        prop_assert!(loaded.unknown_fields.is_empty(), "unknown fields in a file this build wrote: {:?}", loaded.unknown_fields);
    }
}
