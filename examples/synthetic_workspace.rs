//! Writes a generated workspace (test data from `workspace::synthetic`) to a file, to try
//! the window at scale: `cargo run --example synthetic_workspace -- 500 20 /tmp/500.ron`
//! makes 500 reports of 20 findings each; `scripts/screenshot.sh` can open it (`OPEN=`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(reports), Some(findings), Some(path)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: synthetic_workspace REPORTS FINDINGS_PER_REPORT OUT.ron");
        return ExitCode::from(2);
    };
    let ws = inspection_tracker::workspace::synthetic::workspace(reports, findings, 1);
    match inspection_tracker::workspace::save(&ws, std::path::Path::new(path)) {
        Ok(()) => {
            println!("wrote {reports} reports of {findings} findings to {path}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
