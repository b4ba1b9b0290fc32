//! `action add` and `action set`: the action plan from the command line. Each run is one
//! undoable batch of edits (`workspace::Edit`), stamped with the author (`--author`, else
//! the operating system's user name), saved once.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::workspace_cmd::{Locked, now, parse_date_arg, parse_rag_arg, parse_status_arg, stamp, update_arg};
use super::{EXIT_OK, EXIT_WARNINGS};
use crate::model::{Action, ActionId, Date, DueRevision, Measure, PlanRefs, Stamp, Status};
use crate::workspace::{ActionChange, Edit, FindingRef, Workspace};

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
    /// What to change.
    #[command(flatten)]
    pub changes: ActionChanges,
}

/// What `action set` changes (and `set` on a recommendation, through its action).
#[derive(Debug, Default, Args)]
pub struct ActionChanges {
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

fn run_add(args: &AddActionArgs, today: Date) -> anyhow::Result<u8> {
    let locked = Locked::load(&args.workspace, now(today))?;
    let mut ws = locked.loaded.workspace.clone();
    let target = ws.resolve(&args.finding).map_err(|error| {
        anyhow::anyhow!("{error} (`inspection-tracker show {}` lists them)", args.workspace.display())
    })?;
    let title = args.title.trim();
    if title.is_empty() {
        anyhow::bail!("an action needs a title (--title TEXT)");
    }
    let stamp = stamp(args.fields.author.as_deref(), today);
    let salt = format!("{title}\u{0}{}", std::process::id());
    let id = ws.new_action_id(&target, &stamp, &salt);
    let mut action = Action::new(id.clone(), target.finding.clone(), title.to_owned(), stamp.author.clone(), stamp.at);
    for change in field_changes(&args.fields, &action)? {
        change.apply_to(&mut action);
    }
    if let Some(due) = args.fields.due.as_deref() {
        action.due = parse_date_arg("due date", due)?;
    }
    let at = stamp.at;
    ws.apply(Edit::AddAction { target: target.clone(), action: Box::new(action), index: None }, stamp)?;
    let conflicts = locked.save(&ws, at)?;
    outln!("added {id} {}: {target}", reference(&ws, &target, &id));
    Ok(if conflicts > 0 { EXIT_WARNINGS } else { EXIT_OK })
}

fn run_set(args: &SetActionArgs, today: Date) -> anyhow::Result<u8> {
    let locked = Locked::load(&args.workspace, now(today))?;
    let mut ws = locked.loaded.workspace.clone();
    let (target, id) = ws.resolve_action(&args.action).map_err(|error| {
        anyhow::anyhow!("{error} (`inspection-tracker show {} --json` lists them)", args.workspace.display())
    })?;
    let stamp = stamp(args.changes.fields.author.as_deref(), today);
    let current = ws
        .report(&target.report)
        .and_then(|r| r.action(&id))
        .ok_or_else(|| anyhow::anyhow!("no action '{id}' in {target}"))?;
    let edits = set_edits(&target, current, &args.changes, today, &stamp)?;
    if edits.is_empty() {
        anyhow::bail!(
            "nothing to set: give at least one of --title, --owner, --status, --rag, --due, --start, --update, --evidence, --measure, --partner"
        );
    }
    let label = Edit::Batch(edits.clone()).label();
    let at = stamp.at;
    ws.apply(Edit::Batch(edits), stamp)?;
    let conflicts = locked.save(&ws, at)?;
    outln!("{label}: {id} {}", reference(&ws, &target, &id));
    Ok(if conflicts > 0 { EXIT_WARNINGS } else { EXIT_OK })
}

/// The action's human reference, `report/R2.1`.
fn reference(ws: &Workspace, target: &FindingRef, id: &ActionId) -> String {
    let refs = ws.report(&target.report).map(PlanRefs::of).unwrap_or_default();
    format!("{}/{}", target.report, refs.action(id).unwrap_or("?"))
}

/// The edits `action set` makes to `current`, an action of `target`, every value checked first.
fn set_edits(
    target: &FindingRef,
    current: &Action,
    args: &ActionChanges,
    today: Date,
    stamp: &Stamp,
) -> anyhow::Result<Vec<Edit>> {
    let id = &current.id;
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
        let status = parse_status_arg(status)?;
        let cancel_reason = match (status, reason) {
            (Status::Cancelled, None) => anyhow::bail!("cancelling an action needs a reason (--reason TEXT)"),
            (Status::Cancelled, Some(reason)) => Some(reason.to_owned()),
            _ => None,
        };
        edits.push(set(ActionChange::Status { status, cancel_reason }));
    }
    if args.rag.is_some() || args.rationale.is_some() {
        let rag = match args.rag.as_deref() {
            None => current.rag,
            Some(text) => parse_rag_arg(text)?,
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
        let update = update_arg(text, today)?;
        edits.push(Edit::AddActionUpdate { target: target.clone(), action: id.clone(), update });
    }
    if let Some(link) = &args.evidence {
        let mut evidence = current.evidence.clone();
        evidence.push(link.trim().to_owned());
        edits.push(set(ActionChange::Evidence(evidence)));
    }
    Ok(edits)
}

/// `set` on a recommendation or priority action: its plan (status, due date, planned
/// action, progress update, evidence) lives on its actions since schema 3, so these go
/// to its one action — added, titled by `--action`, when it has none. With several
/// actions it is ambiguous, and the error names them so the user can pick one with
/// `action set`. Empty when none of these options is given.
pub(super) fn recommendation_plan_edits(
    ws: &Workspace,
    target: &FindingRef,
    args: &crate::cli::SetArgs,
    today: Date,
    stamp: &Stamp,
) -> anyhow::Result<Vec<Edit>> {
    let plan_options = [&args.status, &args.reason, &args.due, &args.action, &args.update, &args.evidence];
    if plan_options.iter().all(|o| o.is_none()) {
        return Ok(Vec::new());
    }
    // Every value is checked before the plan is looked at, so a typo reads as one.
    let status = args.status.as_deref().map(parse_status_arg).transpose()?;
    if let Some(due) = &args.due {
        parse_date_arg("due date", due)?;
    }
    if args.reason.is_some() && status != Some(Status::Cancelled) && args.due.is_none() {
        anyhow::bail!("--reason is only for --status cancelled (or with --due, why a due date moves)");
    }
    let report = ws.report(&target.report).ok_or_else(|| anyhow::anyhow!("no report '{}'", target.report))?;
    let (title, description) = match &args.action {
        Some(text) => {
            let (title, description) = Action::title_and_description(text);
            (Some(title).filter(|t| !t.is_empty()), Some(description).filter(|d| !d.is_empty()))
        }
        None => (None, None),
    };
    let changes = ActionChanges {
        title: title.clone(),
        status: args.status.clone(),
        reason: args.reason.clone(),
        update: args.update.clone(),
        evidence: args.evidence.clone(),
        fields: ActionFields { due: args.due.clone(), description, ..ActionFields::default() },
        ..ActionChanges::default()
    };
    let actions: Vec<&Action> = report.actions_of(&target.finding).collect();
    let refs = PlanRefs::of(report);
    match actions.as_slice() {
        [one] => set_edits(target, one, &changes, today, stamp),
        [] => {
            let Some(title) = title else {
                anyhow::bail!(
                    "{target} is a recommendation with no action yet: its status, due date and updates belong to an action. Give --action TEXT to add one, or use `inspection-tracker action add {} {target} --title TEXT`",
                    args.workspace.display()
                );
            };
            let salt = format!("{title}\u{0}{}", std::process::id());
            let id = ws.new_action_id(target, stamp, &salt);
            let action = Action::new(id, target.finding.clone(), title, stamp.author.clone(), stamp.at);
            let changes = ActionChanges { title: None, ..changes };
            let mut edits = set_edits(target, &action, &changes, today, stamp)?;
            edits.insert(0, Edit::AddAction { target: target.clone(), action: Box::new(action), index: None });
            Ok(edits)
        }
        several => {
            let names: Vec<&str> = several.iter().filter_map(|a| refs.action(&a.id)).collect();
            anyhow::bail!(
                "{target} has {} actions ({}): change one with `inspection-tracker action set {} REFERENCE …`",
                several.len(),
                names.join(", "),
                args.workspace.display()
            )
        }
    }
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
