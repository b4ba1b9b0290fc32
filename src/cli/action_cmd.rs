//! `action add` and `action set`: the action plan from the command line. Each run is one
//! undoable batch of edits (`workspace::Edit`), stamped with the author (`--author`, else
//! the operating system's user name), saved once.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::EXIT_OK;
use super::workspace_cmd::{load, now, parse_date_arg};
use crate::model::{Action, ActionId, Date, DueRevision, Measure, ProgressUpdate, Rag, Stamp, Status};
use crate::workspace::{self, ActionChange, Edit, FindingRef, Workspace};

/// `action add|set …`
#[derive(Debug, Args)]
pub struct ActionArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: ActionCommand,
}

/// The action subcommands.
#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action to a recommendation or priority action; prints its id and reference.
    Add(AddActionArgs),
    /// Change an action: its fields, a revised due date (with the reason), a progress update.
    Set(SetActionArgs),
}

/// The fields `add` and `set` share.
#[derive(Debug, Default, Args)]
pub struct ActionFields {
    /// Who leads the action (`none` clears it).
    #[arg(long, visible_alias = "lead")]
    pub owner: Option<String>,
    /// When it is due, YYYY-MM-DD. Moving a due date already set needs --reason.
    #[arg(long)]
    pub due: Option<String>,
    /// When work starts, YYYY-MM-DD.
    #[arg(long)]
    pub start: Option<String>,
    /// A partner agency or colleague (repeatable; replaces the list).
    #[arg(long = "partner")]
    pub partners: Vec<String>,
    /// The measure of success.
    #[arg(long)]
    pub measure: Option<String>,
    /// Where the measure stood at the start.
    #[arg(long)]
    pub baseline: Option<String>,
    /// Where the measure should get to.
    #[arg(long)]
    pub target: Option<String>,
    /// The measure's latest value.
    #[arg(long)]
    pub latest: Option<String>,
    /// More about the action.
    #[arg(long)]
    pub description: Option<String>,
    /// Who makes the change (default: the operating system's user name).
    #[arg(long)]
    pub author: Option<String>,
}

/// `action add WS.ron FINDING_ID --title TEXT [...]`
#[derive(Debug, Args)]
pub struct AddActionArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// The recommendation or priority action: its id, or `REPORT_ID/FINDING_ID`.
    pub finding: String,
    /// What will be done, in a line.
    #[arg(long)]
    pub title: String,
    /// The other fields.
    #[command(flatten)]
    pub fields: ActionFields,
}

/// `action set WS.ron ACTION_ID [...]`
#[derive(Debug, Args)]
pub struct SetActionArgs {
    /// The workspace file.
    pub workspace: PathBuf,
    /// The action: its id (`act-…`), or its reference (`R2.1`, or `REPORT_ID/R2.1` where
    /// several reports have one).
    pub action: String,
    /// What will be done, in a line.
    #[arg(long)]
    pub title: Option<String>,
    /// not_started, in_progress, awaiting_evidence, verified, closed, on_hold or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// Why: with --due when it moves a due date, and with --status cancelled.
    #[arg(long)]
    pub reason: Option<String>,
    /// red, amber, green, blue or none.
    #[arg(long)]
    pub rag: Option<String>,
    /// Why that RAG, in a line.
    #[arg(long)]
    pub rationale: Option<String>,
    /// Append a dated progress update (today, by the author).
    #[arg(long)]
    pub update: Option<String>,
    /// Append an evidence link.
    #[arg(long)]
    pub evidence: Option<String>,
    /// The other fields.
    #[command(flatten)]
    pub fields: ActionFields,
}

/// Runs `action add` or `action set`.
pub fn run(args: &ActionArgs, today: Date) -> anyhow::Result<u8> {
    match &args.command {
        ActionCommand::Add(add) => run_add(add, today),
        ActionCommand::Set(set) => run_set(set, today),
    }
}

fn stamp(fields: &ActionFields, today: Date) -> Stamp {
    let author = fields.author.clone().or_else(workspace::io::os_user_name);
    Stamp::new(now(today), author.as_deref())
}

fn run_add(args: &AddActionArgs, today: Date) -> anyhow::Result<u8> {
    let mut ws = load(&args.workspace)?;
    let target = ws.resolve(&args.finding).map_err(|error| {
        anyhow::anyhow!("{error} (`inspection-tracker show {}` lists them)", args.workspace.display())
    })?;
    let title = args.title.trim();
    if title.is_empty() {
        anyhow::bail!("an action needs a title (--title TEXT)");
    }
    let stamp = stamp(&args.fields, today);
    let salt = format!("{title}\u{0}{}", std::process::id());
    let id = ws.new_action_id(&target, &stamp, &salt);
    let mut action = Action::new(id.clone(), target.finding.clone(), title.to_owned(), stamp.author.clone(), stamp.at);
    for change in field_changes(&args.fields, &action)? {
        change.apply_to(&mut action);
    }
    if let Some(due) = args.fields.due.as_deref() {
        action.due = parse_date_arg("due date", due)?;
    }
    ws.apply(Edit::AddAction { target: target.clone(), action: Box::new(action), index: None }, stamp)?;
    workspace::save(&ws, &args.workspace)?;
    outln!("added {id} {}: {target}", reference(&ws, &target, &id));
    Ok(EXIT_OK)
}

fn run_set(args: &SetActionArgs, today: Date) -> anyhow::Result<u8> {
    let mut ws = load(&args.workspace)?;
    let (target, id) = ws.resolve_action(&args.action).map_err(|error| {
        anyhow::anyhow!("{error} (`inspection-tracker show {} --json` lists them)", args.workspace.display())
    })?;
    let stamp = stamp(&args.fields, today);
    let edits = set_edits(&ws, &target, &id, args, today, &stamp)?;
    if edits.is_empty() {
        anyhow::bail!(
            "nothing to set: give at least one of --title, --owner, --status, --rag, --due, --start, --update, --evidence, --measure, --partner"
        );
    }
    let label = Edit::Batch(edits.clone()).label();
    ws.apply(Edit::Batch(edits), stamp)?;
    workspace::save(&ws, &args.workspace)?;
    outln!("{label}: {id} {}", reference(&ws, &target, &id));
    Ok(EXIT_OK)
}

/// The action's human reference, `report/R2.1`.
fn reference(ws: &Workspace, target: &FindingRef, id: &ActionId) -> String {
    let refs = ws.report(&target.report).map(crate::model::PlanRefs::of).unwrap_or_default();
    format!("{}/{}", target.report, refs.action(id).unwrap_or("?"))
}

/// The edits `action set` makes, every value checked first.
fn set_edits(
    ws: &Workspace,
    target: &FindingRef,
    id: &ActionId,
    args: &SetActionArgs,
    today: Date,
    stamp: &Stamp,
) -> anyhow::Result<Vec<Edit>> {
    let current = ws
        .report(&target.report)
        .and_then(|r| r.action(id))
        .ok_or_else(|| anyhow::anyhow!("no action '{id}' in {target}"))?;
    let set = |change| Edit::SetAction { target: target.clone(), action: id.clone(), change };
    let mut edits = Vec::new();
    if let Some(title) = &args.title {
        if title.trim().is_empty() {
            anyhow::bail!("an action needs a title; --title cannot be empty");
        }
        edits.push(set(ActionChange::Title(title.trim().to_owned())));
    }
    edits.extend(field_changes(&args.fields, current)?.into_iter().map(set));
    let reason = args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(status) = &args.status {
        let status = status.trim().parse::<Status>().map_err(anyhow::Error::msg)?;
        let cancel_reason = match (status, reason) {
            (Status::Cancelled, None) => anyhow::bail!("cancelling an action needs a reason (--reason TEXT)"),
            (Status::Cancelled, Some(reason)) => Some(reason.to_owned()),
            _ => None,
        };
        edits.push(set(ActionChange::Status { status, cancel_reason }));
    }
    if args.rag.is_some() || args.rationale.is_some() {
        let rag = match args.rag.as_deref().map(str::trim) {
            None => current.rag,
            Some("" | "none") => None,
            Some(text) => Some(text.parse::<Rag>().map_err(anyhow::Error::msg)?),
        };
        let rationale = args.rationale.clone().unwrap_or_else(|| current.rag_rationale.clone());
        edits.push(set(ActionChange::Rag { rag, rationale }));
    }
    if let Some(due) = args.fields.due.as_deref() {
        let due = parse_date_arg("due date", due)?;
        if current.due.is_none() {
            edits.push(set(ActionChange::Due(due)));
        } else if due != current.due {
            let Some(reason) = reason else {
                anyhow::bail!(
                    "moving the due date of {id} from {} needs the reason (--reason TEXT)",
                    current.due.map_or("none".to_owned(), |d| d.to_string())
                );
            };
            let revision =
                DueRevision { from: current.due, to: due, reason: reason.to_owned(), author: None, at: stamp.at };
            edits.push(Edit::ReviseDue { target: target.clone(), action: id.clone(), revision });
        }
    }
    if let Some(text) = &args.update {
        if text.trim().is_empty() {
            anyhow::bail!("a progress update needs some text");
        }
        let update = ProgressUpdate { date: today, text: text.clone(), author: None };
        edits.push(Edit::AddActionUpdate { target: target.clone(), action: id.clone(), update });
    }
    if let Some(link) = &args.evidence {
        let mut evidence = current.evidence.clone();
        evidence.push(link.trim().to_owned());
        edits.push(set(ActionChange::Evidence(evidence)));
    }
    Ok(edits)
}

/// The changes of the fields `add` and `set` share, but the due date (which `set` may
/// have to revise): lead, start, partners, description and the measure (its parts merged
/// into `current`'s).
fn field_changes(fields: &ActionFields, current: &Action) -> anyhow::Result<Vec<ActionChange>> {
    let mut changes = Vec::new();
    if let Some(owner) = &fields.owner {
        let owner = Some(owner.trim().to_owned()).filter(|o| !o.is_empty() && o != "none");
        changes.push(ActionChange::Lead(owner));
    }
    if let Some(start) = fields.start.as_deref() {
        changes.push(ActionChange::Start(parse_date_arg("start date", start)?));
    }
    if !fields.partners.is_empty() {
        let partners = fields.partners.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        changes.push(ActionChange::Partners(partners));
    }
    if let Some(text) = &fields.description {
        changes.push(ActionChange::Description(text.clone()));
    }
    let parts = [&fields.measure, &fields.baseline, &fields.target, &fields.latest];
    if parts.iter().any(|p| p.is_some()) {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        let old = &current.measure;
        changes.push(ActionChange::Measure(Measure {
            measure: pick(&fields.measure, &old.measure),
            baseline: pick(&fields.baseline, &old.baseline),
            target: pick(&fields.target, &old.target),
            latest: pick(&fields.latest, &old.latest),
        }));
    }
    Ok(changes)
}
