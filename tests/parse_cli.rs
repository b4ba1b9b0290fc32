//! `inspection-tracker parse` as a user runs it: exit statuses, one-line errors naming
//! the bad file, and bad files not stopping the good ones.

// Test helpers panic on broken fixtures; that is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).arg("parse").args(args).output().unwrap()
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.starts_with("error:")).map(str::to_owned).collect()
}

#[test]
fn a_good_report_exits_zero_with_one_json_object() {
    let out = run(&["--json".as_ref(), fixture("seeds/003_0d17976a4729da26.txt").as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "focused_visit");
    assert!(v["findings"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn bad_files_are_one_line_errors_naming_the_file_and_the_rest_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("noise.pdf");
    std::fs::write(&binary, (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect::<Vec<u8>>()).unwrap();
    let missing = dir.path().join("missing.txt");
    let bad_pdfs: Vec<PathBuf> =
        ["bad/encrypted.pdf", "bad/no-text-layer.pdf"].iter().map(|p| fixture(p)).filter(|p| p.exists()).collect();
    let good = fixture("seeds/004_220ad68708867a9f.txt");
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["--json".as_ref(), empty.as_os_str(), binary.as_os_str(), missing.as_os_str()];
    args.extend(bad_pdfs.iter().map(|p| p.as_os_str()));
    args.push(good.as_os_str());
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    let errors = stderr_lines(&out);
    assert_eq!(errors.len(), 3 + bad_pdfs.len(), "{errors:?}");
    for (line, path) in errors.iter().zip([&empty, &binary, &missing].into_iter().chain(bad_pdfs.iter())) {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(line.contains(name), "{line} should name {name}");
    }
    // The good file after the bad ones was still parsed.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "news_article");
}

#[test]
fn several_files_print_one_json_object_per_line() {
    let a = fixture("seeds/000_3bdabb451219901b.txt");
    let b = fixture("seeds/002_fbdc7d117da4b9e8.txt");
    let out = run(&["--json".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["local_authority"], "Southampton City Council");
}

#[test]
fn summary_lists_metadata_judgements_and_findings() {
    let out = run(&[fixture("seeds/001_90445c428f418aa0.txt").as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for want in ["Full inspection", "Nick Stacey", "2017-03-06 to 2017-03-30", "Adoption performance", "recommendation"]
    {
        assert!(text.contains(want), "summary lacks {want:?}:\n{text}");
    }
}

#[test]
fn a_pdf_that_is_really_an_html_page_still_parses() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.pdf");
    std::fs::write(&page, "<!DOCTYPE html><html><body><h1>Page not found</h1><p>Sorry.</p></body></html>").unwrap();
    let out = run(&["--json".as_ref(), page.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "unknown");
}

#[test]
fn a_taxonomy_file_extends_the_categories_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let extension = dir.path().join("taxonomy.ron");
    std::fs::write(
        &extension,
        r##"(mode: Extend, categories: [
            (id: "case_recording", label: "Case recording", colour: "#D0E0F0",
             description: "How well work is written down", keywords: [(term: "case recording", weight: 50)]),
        ])"##,
    )
    .unwrap();
    let report = fixture("seeds/003_0d17976a4729da26.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_inspection-tracker"))
        .args(["parse", "--json", "--taxonomy"])
        .arg(&extension)
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let recording =
        v["findings"].as_array().unwrap().iter().find(|f| f["text"].as_str().unwrap().starts_with("Case recording"));
    assert_eq!(recording.unwrap()["category"], "case_recording");

    std::fs::write(&extension, "(mode: Extend, categories: [(id: \"x\", colour: \"red\")])").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_inspection-tracker"))
        .args(["parse", "--taxonomy"])
        .arg(&extension)
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: ") && stderr.contains("taxonomy.ron"), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `parse --json … | head -c 100`: the reader goes away long before the output ends.
    use std::io::Read as _;
    let seed = fixture("seeds/001_90445c428f418aa0.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_inspection-tracker"))
        .arg("parse")
        .arg("--json")
        .args(std::iter::repeat_n(seed.as_os_str(), 20))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reading end is dropped here.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("error"), "{stderr}");
}
