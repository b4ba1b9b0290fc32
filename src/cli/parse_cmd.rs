//! `inspection-tracker parse [--json] FILE...`: parse report files and print their
//! metadata, judgements and findings, as the JSON contract of the README or as a readable
//! summary. A file that cannot be read is reported on stderr (one line naming it) and the
//! others are still parsed.

use serde_json::{Value, json};

use super::{EXIT_ERROR, EXIT_OK, ParseArgs};
use crate::classify::Classifier;
use crate::parse::{ParsedReport, SCHEMA_VERSION};

/// The `parse --json` object for one report.
pub fn report_json(path: &std::path::Path, report: &ParsedReport) -> Value {
    let m = &report.meta;
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "kind": f.kind,
                "section": f.section,
                "number": f.number,
                "text": f.text,
                "category": f.classification.category,
                "polarity": f.classification.polarity,
                "confidence": f.classification.confidence,
                "matched_terms": f.classification.matched_terms,
                "framework_ref": f.framework_ref,
                "page": f.source.page,
                "paragraph": f.source.paragraph,
                "start": f.source.start,
                "end": f.source.end,
            })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "file": path.display().to_string(),
        "kind": m.kind,
        "title": m.title,
        "local_authority": m.local_authority,
        "authority": authority_json(m.authority.as_ref()),
        "letter_date": m.letter_date,
        "visit_start": m.visit_start,
        "visit_end": m.visit_end,
        "lead_inspector": m.lead_inspector,
        "overall_judgement": m.overall_judgement,
        "judgements": m.judgements,
        "findings": findings,
        "warnings": report.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>(),
    })
}

/// `{code, gss, name, region}` of a registry authority, or null.
pub fn authority_json(code: Option<&crate::model::AuthorityCode>) -> Value {
    match code.and_then(|c| crate::model::Registry::builtin().get(&c.0)) {
        Some(a) => json!({ "code": a.code, "gss": a.gss, "name": a.name, "region": a.region.label() }),
        None => Value::Null,
    }
}

fn first_chars(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// The readable summary of one report.
pub fn summary_text(path: &std::path::Path, report: &ParsedReport) -> String {
    use std::fmt::Write as _;
    let m = &report.meta;
    let mut s = String::new();
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "–".to_owned());
    writeln!(s, "{}", path.display()).ok();
    writeln!(s, "  Kind              {}", m.kind.label()).ok();
    let registered = m.authority.as_ref().and_then(|c| crate::model::Registry::builtin().get(&c.0));
    let authority = registered.map(|a| format!("{} ({}, {})", a.name, a.code, a.region.label()));
    writeln!(s, "  Authority         {}", or_none(authority)).ok();
    writeln!(s, "  Printed name      {}", or_none(m.local_authority.clone())).ok();
    writeln!(s, "  Letter date       {}", or_none(m.letter_date.map(|d| d.to_string()))).ok();
    let visit = match (m.visit_start, m.visit_end) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "–".to_owned(),
    };
    writeln!(s, "  Visit             {visit}").ok();
    writeln!(s, "  Lead inspector    {}", or_none(m.lead_inspector.clone())).ok();
    writeln!(s, "  Overall           {}", or_none(m.overall_judgement.map(|g| g.label().to_owned()))).ok();
    if !m.judgements.is_empty() {
        writeln!(s, "  Judgements").ok();
        for j in &m.judgements {
            writeln!(s, "    {:<24} {}", j.grade.label(), j.area).ok();
        }
    }
    writeln!(s, "  Findings ({})", report.findings.len()).ok();
    writeln!(s, "    {:>4}  {:<16} {:<24} text", "no.", "kind", "category").ok();
    for f in &report.findings {
        let number = f.number.map(|n| n.to_string()).unwrap_or_default();
        writeln!(
            s,
            "    {:>4}  {:<16} {:<24} {}",
            number,
            f.kind.as_str(),
            f.classification.category.as_str(),
            first_chars(&f.text, 80)
        )
        .ok();
    }
    for w in &report.warnings {
        writeln!(s, "  Warning: {}", w.message).ok();
    }
    s
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: &ParseArgs, classifier: &Classifier) -> anyhow::Result<u8> {
    let mut status = EXIT_OK;
    for path in &args.files {
        let report = match crate::read_report(path, classifier) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("error: {error}");
                status = EXIT_ERROR;
                continue;
            }
        };
        for w in &report.warnings {
            eprintln!("warning: {}: {}", w.message, path.display());
        }
        if args.json {
            let value = report_json(path, &report);
            outln!("{}", serde_json::to_string(&value)?);
        } else {
            outln!("{}", summary_text(path, &report));
        }
    }
    Ok(status)
}
