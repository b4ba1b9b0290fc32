//! The command line: clap argument structs, turned into library calls. Each subcommand
//! lives in its own file; this one only declares the arguments and dispatches.

/// Prints to standard output like `print!`. A reader that went away (`show … | head`) ends
/// the program quietly, as other command-line tools do, instead of a panic; any other
/// write error is reported and exits with status 2.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!($($arg)*)) };
}

/// Like `println!`, with `out!`'s handling of a closed or failing standard output.
macro_rules! outln {
    () => { $crate::cli::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

mod action_cmd;
mod export_cmd;
mod filter;
mod insights_cmd;
mod merge_cmd;
mod parse_cmd;
mod workspace_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::classify::Classifier;

/// Exit status: everything worked.
pub const EXIT_OK: u8 = 0;
/// Exit status: the work was done, with warnings.
pub const EXIT_WARNINGS: u8 = 1;
/// Exit status: an error stopped the work.
pub const EXIT_ERROR: u8 = 2;

/// Track Ofsted children's services inspection findings and the action plans built on them.
#[derive(Debug, Parser)]
#[command(name = "inspection-tracker", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; with none, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Report files or a `.ron` workspace to open in the desktop app.
    pub files: Vec<PathBuf>,
    /// Measure the window's own work per frame, headless, on this many generated findings
    /// (10,000 when no number is given); print the figures and exit (needs the `bench` feature).
    #[arg(long, value_name = "FINDINGS", num_args = 0..=1, default_missing_value = "10000")]
    pub bench_ui: Option<usize>,
    /// A taxonomy file to classify findings with, replacing or extending the built-in one
    /// (default: the user's file at ~/.config/inspection-tracker/taxonomy.ron, if any).
    #[arg(long, global = true, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse report files and print their metadata and findings.
    Parse(ParseArgs),
    /// Create a workspace from report files.
    New(NewArgs),
    /// Add report files or folders to a workspace (re-importing changed ones).
    Add(AddArgs),
    /// Print a workspace.
    Show(ShowArgs),
    /// Annotate one finding in a workspace.
    Set(SetArgs),
    /// Export a workspace's action-tracking summary.
    Export(ExportArgs),
    /// Insight across a workspace's reports: each authority's latest inspections,
    /// recommendations raised before, themes by grade.
    Insights(InsightsArgs),
    /// Add or change the actions of a report's action plan.
    Action(action_cmd::ActionArgs),
    /// Merge another copy of a workspace (a colleague's, a sync client's conflict copy) into it.
    Merge(MergeArgs),
}

/// `merge WS.ron OTHER.ron [--base BASE.ron] [-o OUT.ron] [--json]`
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The workspace to merge into.
    pub workspace: PathBuf,
    /// The other copy, whose reports, annotations and updates come in; its values win
    /// where both changed a field (the overridden values are kept in the change log).
    pub other: PathBuf,
    /// The version both copies started from, for a three-way merge; without it, every
    /// field that differs is a conflict.
    #[arg(long, value_name = "BASE.ron")]
    pub base: Option<PathBuf>,
    /// Write the merge here instead of over WS.ron.
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
    /// Print what came in and what conflicted as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `parse [--json] FILE...`
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Print JSON (the contract in the README) instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// Report files: PDF, text, Markdown or HTML.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// `new WS.ron FILE...`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The workspace file to create; an existing file is never overwritten.
    pub workspace: PathBuf,
    /// Report files or folders to import.
    pub files: Vec<PathBuf>,
}

/// `add WS.ron FILE...`
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// Report files or folders (searched recursively) to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// `show WS.ron [--json] [filters]`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// Print the whole workspace as JSON.
    #[arg(long)]
    pub json: bool,
    /// Which findings to list (all when none is given).
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The finding filters `show` and `export` share. `cli::filter` turns them into
/// `ExportOptions`, whose choices go through the findings table's own rule
/// (`workspace::query::Criteria`).
#[derive(Debug, Default, Args)]
pub struct FilterArgs {
    /// Only these report ids (repeatable).
    #[arg(long = "report")]
    pub reports: Vec<String>,
    /// Only these category ids (repeatable).
    #[arg(long = "category")]
    pub categories: Vec<String>,
    /// Only these status ids (repeatable).
    #[arg(long = "status")]
    pub statuses: Vec<String>,
    /// Only these finding kinds (repeatable).
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    /// Only annotated findings (besides recommendations and priority actions).
    #[arg(long)]
    pub only_annotated: bool,
    /// Only overdue items.
    #[arg(long)]
    pub only_overdue: bool,
    /// Only findings whose text, section, owner, notes or planned action hold every word
    /// of TEXT (ignoring case), as in the window's search box.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Only findings flagged important.
    #[arg(long)]
    pub important: bool,
}

/// `set WS.ron FINDING_ID [--category ID] [--status ID] ...`
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// The finding: its id, or `REPORT_ID/FINDING_ID` where ids repeat across reports.
    pub finding: String,
    /// Category id from the taxonomy.
    #[arg(long)]
    pub category: Option<String>,
    /// not_started, in_progress, awaiting_evidence, verified, closed, on_hold or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// Why it was cancelled (with --status cancelled).
    #[arg(long)]
    pub reason: Option<String>,
    /// red, amber, green or blue.
    #[arg(long)]
    pub rag: Option<String>,
    /// Who owns it (a recommendation's own lead).
    #[arg(long)]
    pub owner: Option<String>,
    /// Due date, YYYY-MM-DD (a recommendation's goes to its action).
    #[arg(long)]
    pub due: Option<String>,
    /// The planned action. On a recommendation with no action yet this adds one (first
    /// line the title, the rest its description); with one action it retitles it.
    #[arg(long)]
    pub action: Option<String>,
    /// Replace the notes with this text.
    #[arg(long)]
    pub note: Option<String>,
    /// Append a dated progress update.
    #[arg(long)]
    pub update: Option<String>,
    /// Add an evidence link.
    #[arg(long)]
    pub evidence: Option<String>,
    /// Mark (true) or unmark (false) as important.
    #[arg(long)]
    pub important: Option<bool>,
    /// Who makes the change (default: the operating system's user name).
    #[arg(long)]
    pub author: Option<String>,
}

/// `export WS.ron --format F -o FILE [filters]`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// xlsx, csv, md, html or docx (a Word board paper).
    #[arg(long)]
    pub format: String,
    /// The file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Which findings.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Every finding, not only actions and annotated findings.
    #[arg(long)]
    pub all_findings: bool,
    /// Start the CSV with a byte-order mark so Excel reads it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// "Since the last board" (DOCX, HTML, Markdown) lists updates, status changes and
    /// revised due dates after this day (YYYY-MM-DD); without it, after each report's
    /// latest board meeting up to today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
}

/// `insights WS.ron [--json | --format xlsx -o FILE]`
#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// Print JSON (the contract in the README) instead of a readable table.
    #[arg(long)]
    pub json: bool,
    /// Write the national summary workbook instead: xlsx.
    #[arg(long, requires = "output")]
    pub format: Option<String>,
    /// The file to write with --format.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs a subcommand and returns the process exit status. Errors are printed here,
/// once, as `error: ...` with their causes.
pub fn run(command: Command, today: crate::model::Date, taxonomy: Option<&Path>) -> ExitCode {
    let result = match command {
        Command::Parse(args) => classifier(taxonomy).and_then(|c| parse_cmd::run(&args, &c)),
        Command::New(args) => classifier(taxonomy).and_then(|c| workspace_cmd::new(&args, today, &c)),
        Command::Add(args) => workspace_cmd::add(&args, today, taxonomy),
        Command::Show(args) => workspace_cmd::show(&args, today),
        Command::Set(args) => workspace_cmd::set(&args, today),
        Command::Export(args) => export_cmd::run(&args, today),
        Command::Insights(args) => insights_cmd::run(&args),
        Command::Action(args) => action_cmd::run(&args, today),
        Command::Merge(args) => merge_cmd::run(&args, today),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The classifier for new imports: the file given with `--taxonomy`, else the user's
/// taxonomy file when there is one, else the built-in taxonomy.
fn classifier(taxonomy: Option<&Path>) -> anyhow::Result<Classifier> {
    Ok(match taxonomy {
        Some(path) => crate::classify::load_taxonomy_file(path)?,
        None => crate::classify::load_user_taxonomy()?,
    })
}

/// Writes to standard output for `out!` and `outln!`.
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if let Err(error) = std::io::stdout().lock().write_fmt(args) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write to standard output: {error}");
        std::process::exit(i32::from(EXIT_ERROR));
    }
}
