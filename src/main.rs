//! The binary: parse the command line, then hand over to the CLI or the desktop app.

use std::process::ExitCode;

use clap::Parser as _;
use inspection_tracker::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let today = chrono::Local::now().date_naive();
    match (args.command, args.bench_ui) {
        (Some(command), _) => cli::run(command, today, args.taxonomy.as_deref()),
        (None, Some(findings)) => bench_ui(findings),
        (None, None) => open_app(args.files),
    }
}

#[cfg(feature = "bench")]
fn bench_ui(findings: usize) -> ExitCode {
    inspection_tracker::ui::bench::run_cli(findings, 300);
    ExitCode::SUCCESS
}

#[cfg(not(feature = "bench"))]
fn bench_ui(_findings: usize) -> ExitCode {
    eprintln!(
        "error: --bench-ui is built only with the `bench` feature: cargo run --release --features bench -- --bench-ui"
    );
    ExitCode::from(cli::EXIT_ERROR)
}

#[cfg(feature = "gui")]
fn open_app(files: Vec<std::path::PathBuf>) -> ExitCode {
    match inspection_tracker::ui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: could not open the window: {error:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_files: Vec<std::path::PathBuf>) -> ExitCode {
    eprintln!("error: this build has no desktop window (built without the `gui` feature); see --help for commands");
    ExitCode::from(cli::EXIT_ERROR)
}
