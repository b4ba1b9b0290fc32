//! Merging two versions of a workspace: the work in memory ("ours") and another copy
//! ("theirs": the file a colleague saved meanwhile, or a synced folder's conflict copy),
//! with the version both started from ("base") when it is known. Pure: no I/O, no clock.
//!
//! Items are matched by their stable ids (reports by [`ReportId`], annotations by
//! [`FindingId`], actions by [`ActionId`]; a report's plan header is one item) and merged
//! field by field: a field only one side changed takes that
//! side's value; a field both sides changed to different values is a [`Conflict`], settled
//! by [`Choices`] (per conflict, else a default side) and reported with both values, the
//! base value and the newest change-log record of each side. Append-only lists (progress
//! updates, due-date revisions, evidence, board dates, the change log) are united, never cut. Without a base (a two-way
//! merge) items present on one side only are taken and every field that differs is a
//! conflict. Nothing present on either side is dropped: there is no way to delete a report,
//! so a report missing from one side is kept from the other.
//!
//! The per-item field merge works on the items' serde form, so any item with a stable id
//! (and its append-only lists, named in [`ItemRule`]) plugs in without a hand-written
//! field list.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Workspace;
use crate::model::{Action, ActionId, Annotation, ChangeRecord, FindingId, ImportedReport, ReportId};

/// Which version a conflicting field takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The work in memory (the app's, or the command line's own change).
    #[default]
    Ours,
    /// The other copy (the file on disk, the colleague's copy).
    Theirs,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Self {
        match self {
            Self::Ours => Self::Theirs,
            Self::Theirs => Self::Ours,
        }
    }

    /// "your" or "their", for messages.
    pub fn possessive(self) -> &'static str {
        match self {
            Self::Ours => "your",
            Self::Theirs => "their",
        }
    }

    /// "yours" or "theirs", for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ours => "yours",
            Self::Theirs => "theirs",
        }
    }
}

/// Where a conflict is: a workspace-level field (no report), a report's field (no
/// finding; `plan.lead` for the plan header), a field of a finding's annotation, or a field
/// of an action (with its recommendation as the finding; `action.lead`, as in the change log).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Site {
    /// The report, for report- and annotation-level fields.
    pub report: Option<ReportId>,
    /// The finding, for annotation fields (the recommendation, for action fields).
    pub finding: Option<FindingId>,
    /// The action, for action fields.
    pub action: Option<ActionId>,
    /// The field, as in the file (`owner`, `status`, `taxonomy`, `parse`).
    pub field: String,
}

impl Site {
    fn workspace(field: &str) -> Self {
        Self { report: None, finding: None, action: None, field: field.to_owned() }
    }

    fn report(report: &ReportId, field: &str) -> Self {
        Self { report: Some(report.clone()), finding: None, action: None, field: field.to_owned() }
    }

    fn annotation(report: &ReportId, finding: &FindingId, field: &str) -> Self {
        Self { report: Some(report.clone()), finding: Some(finding.clone()), action: None, field: field.to_owned() }
    }

    fn action(report: &ReportId, action: &Action, field: &str) -> Self {
        Self {
            report: Some(report.clone()),
            finding: Some(action.finding.clone()),
            action: Some(action.id.clone()),
            field: format!("action.{field}"),
        }
    }
}

impl std::fmt::Display for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.report, &self.finding) {
            (Some(report), Some(finding)) if let Some(action) = &self.action => {
                write!(f, "{report}/{finding} {action} {}", self.field)
            }
            (Some(report), Some(finding)) => write!(f, "{report}/{finding} {}", self.field),
            (Some(report), None) => write!(f, "{report} {}", self.field),
            _ => write!(f, "workspace {}", self.field),
        }
    }
}

/// A field both sides changed to different values (or, without a base, a field that differs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// Where it is.
    pub site: Site,
    /// The value both started from; `None` in a two-way merge.
    pub base: Option<Value>,
    /// Our value.
    pub ours: Value,
    /// Their value.
    pub theirs: Value,
    /// The newest change-log record of ours for this field, when there is one (who, when).
    pub ours_change: Option<ChangeRecord>,
    /// The newest change-log record of theirs for this field.
    pub theirs_change: Option<ChangeRecord>,
    /// The side the merged workspace took.
    pub chosen: Side,
}

impl Conflict {
    /// The value of one side.
    pub fn value(&self, side: Side) -> &Value {
        match side {
            Side::Ours => &self.ours,
            Side::Theirs => &self.theirs,
        }
    }
}

/// A value as a person reads it: strings bare, nothing as "(none)", lists joined.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Array(items) if items.iter().all(Value::is_null) => "(none)".to_owned(),
        Value::Array(items) => items.iter().filter(|v| !v.is_null()).map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// How conflicts are settled: a side per conflict site, else `default`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// The side for conflicts not named in `by_site`.
    pub default: Side,
    /// The user's choice for particular conflicts.
    pub by_site: BTreeMap<Site, Side>,
}

impl Choices {
    /// Every conflict goes to `side`.
    pub fn all(side: Side) -> Self {
        Self { default: side, by_site: BTreeMap::new() }
    }

    fn side(&self, site: &Site) -> Side {
        self.by_site.get(site).copied().unwrap_or(self.default)
    }
}

/// What came in from theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Incoming {
    /// Reports only theirs had.
    pub reports: Vec<ReportId>,
    /// Fields that took their value (changed only by them, or a conflict settled for them).
    pub fields: Vec<Site>,
    /// Actions only theirs had.
    pub actions: Vec<ActionId>,
    /// Items of append-only lists (progress updates, revisions, evidence) only theirs had.
    pub list_items: usize,
    /// Change-log records only theirs had.
    pub change_records: usize,
}

impl Incoming {
    /// Whether nothing came in.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
            && self.actions.is_empty()
            && self.fields.is_empty()
            && self.list_items == 0
            && self.change_records == 0
    }
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged workspace, with every conflict settled as its `chosen` says.
    pub workspace: Workspace,
    /// The conflicts, in workspace order.
    pub conflicts: Vec<Conflict>,
    /// What came in from theirs.
    pub incoming: Incoming,
}

impl Merged {
    /// Change-log records that keep each overridden value: one per conflict, on its
    /// finding and action (report-level fields have an empty finding id, workspace-level
    /// ones an empty report id too), naming the value kept and the one it replaced, by
    /// `author` (who merged).
    pub fn override_records(&self, now: chrono::NaiveDateTime, author: Option<&str>) -> Vec<ChangeRecord> {
        self.conflicts
            .iter()
            .map(|c| ChangeRecord {
                at: now,
                report: c.site.report.clone().unwrap_or_default(),
                finding: c.site.finding.clone().unwrap_or_else(|| FindingId(String::new())),
                action: c.site.action.clone(),
                author: author.map(str::to_owned),
                field: c.site.field.clone(),
                summary: format!(
                    "merge conflict: kept {} value \"{}\"; overridden {} value \"{}\"",
                    c.chosen.possessive(),
                    value_text(c.value(c.chosen)),
                    c.chosen.other().possessive(),
                    value_text(c.value(c.chosen.other())),
                ),
            })
            .collect()
    }
}

/// How one kind of item is merged field by field.
#[derive(Clone, Copy, Debug)]
pub struct ItemRule {
    /// Fields that are lists only ever appended to: united, never a conflict.
    pub append_only: &'static [&'static str],
    /// Fields that only make sense together (a status and its cancel reason): merged as
    /// one, named by the first.
    pub groups: &'static [&'static [&'static str]],
}

/// The rule for annotations: updates and evidence are united; status and cancel reason
/// move together.
pub const ANNOTATION_RULE: ItemRule =
    ItemRule { append_only: &["updates", "evidence"], groups: &[&["status", "cancel_reason"]] };

/// The rule for actions: updates, due-date revisions and evidence are united (both sides'
/// revisions stay in the history even when the due dates conflict); status and cancel
/// reason, and RAG and its rationale, move together.
pub const ACTION_RULE: ItemRule = ItemRule {
    append_only: &["updates", "due_revisions", "evidence"],
    groups: &[&["status", "cancel_reason"], &["rag", "rag_rationale"]],
};

/// The rule for a report's plan header: board meeting dates are united.
pub const PLAN_RULE: ItemRule = ItemRule { append_only: &["board_meetings"], groups: &[] };

/// Merges `ours` and `theirs`, three-way when `base` is given, settling conflicts by `choices`.
pub fn merge(base: Option<&Workspace>, ours: &Workspace, theirs: &Workspace, choices: &Choices) -> Merged {
    let mut m = Merger { choices, conflicts: Vec::new(), incoming: Incoming::default() };
    let taxonomy = m.field(
        Site::workspace("taxonomy"),
        base.map(|b| &b.taxonomy),
        &ours.taxonomy,
        &theirs.taxonomy,
        |t| serde_json::json!({"version": t.version, "categories": t.categories.len()}),
    );
    let base_reports: HashMap<&ReportId, &ImportedReport> =
        base.map(|b| b.reports.iter().map(|r| (&r.id, r)).collect()).unwrap_or_default();
    let their_reports: HashMap<&ReportId, &ImportedReport> = theirs.reports.iter().map(|r| (&r.id, r)).collect();
    let our_reports: HashMap<&ReportId, &ImportedReport> = ours.reports.iter().map(|r| (&r.id, r)).collect();
    let imported_at = |id: &ReportId| {
        our_reports.get(id).or_else(|| their_reports.get(id)).map(|r| r.imported_at).unwrap_or_default()
    };
    let our_ids: Vec<&ReportId> = ours.reports.iter().map(|r| &r.id).collect();
    let their_ids: Vec<&ReportId> = theirs.reports.iter().map(|r| &r.id).collect();
    let order = union_lists(&our_ids, &their_ids, |id| (imported_at(id), id.0.clone()));
    let mut reports = Vec::with_capacity(order.len());
    for id in order {
        let report = match (our_reports.get(id), their_reports.get(id)) {
            (Some(o), Some(t)) => m.report(base_reports.get(id).copied(), o, t),
            (Some(o), None) => (*o).clone(),
            (None, Some(t)) => {
                m.incoming.reports.push(id.clone());
                (*t).clone()
            }
            (None, None) => continue,
        };
        reports.push(report);
    }
    let change_log = union_lists(&ours.change_log, &theirs.change_log, change_key);
    m.incoming.change_records = change_log.len().saturating_sub(ours.change_log.len());
    let mut conflicts = m.conflicts;
    let incoming = m.incoming;
    if !conflicts.is_empty() {
        attach_changes(&mut conflicts, ours, theirs);
    }
    let workspace =
        Workspace { schema_version: ours.schema_version.max(theirs.schema_version), reports, change_log, taxonomy };
    Merged { workspace, conflicts, incoming }
}

/// A total order on change records: by time, then by everything else.
fn change_key(record: &ChangeRecord) -> (chrono::NaiveDateTime, String) {
    (record.at, serde_json::to_string(record).unwrap_or_default())
}

struct Merger<'c> {
    choices: &'c Choices,
    conflicts: Vec<Conflict>,
    incoming: Incoming,
}

impl Merger<'_> {
    /// A whole-value field: `shown` is what a conflict reports of it (a summary for
    /// values too big to show).
    fn field<T: Clone + PartialEq>(
        &mut self,
        site: Site,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
        shown: impl Fn(&T) -> Value,
    ) -> T {
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            self.incoming.fields.push(site);
            return theirs.clone();
        }
        let chosen = self.choices.side(&site);
        if chosen == Side::Theirs {
            self.incoming.fields.push(site.clone());
        }
        self.conflicts.push(Conflict {
            site,
            base: base.map(&shown),
            ours: shown(ours),
            theirs: shown(theirs),
            ours_change: None,
            theirs_change: None,
            chosen,
        });
        match chosen {
            Side::Ours => ours.clone(),
            Side::Theirs => theirs.clone(),
        }
    }

    fn report(
        &mut self,
        base: Option<&ImportedReport>,
        ours: &ImportedReport,
        theirs: &ImportedReport,
    ) -> ImportedReport {
        if ours == theirs {
            return ours.clone();
        }
        let id = &ours.id;
        let source_path = self.field(
            Site::report(id, "source_path"),
            base.map(|b| &b.source_path),
            &ours.source_path,
            &theirs.source_path,
            |p| Value::String(p.display().to_string()),
        );
        // What a parse produced moves as one: the findings' source spans point into the
        // text, and a re-import replaces all of it at once.
        let parse = ParseRef::of;
        let chosen_parse = self.field(
            Site::report(id, "parse"),
            base.map(parse).as_ref(),
            &parse(ours),
            &parse(theirs),
            |p| serde_json::json!({"content_hash": p.content_hash, "imported_at": p.imported_at, "findings": p.findings.len()}),
        );
        let annotations = self.annotations(id, base, ours, theirs);
        let actions = self.actions(id, base, ours, theirs);
        let plan = self.item(
            &|field: &str| Site::report(id, &format!("plan.{field}")),
            base.map(|b| &b.plan),
            &ours.plan,
            &theirs.plan,
            &PLAN_RULE,
        );
        ImportedReport {
            id: id.clone(),
            source_path,
            content_hash: chosen_parse.content_hash.to_owned(),
            imported_at: chosen_parse.imported_at,
            meta: chosen_parse.meta.clone(),
            findings: chosen_parse.findings.to_vec(),
            text: chosen_parse.text.to_owned(),
            page_starts: chosen_parse.page_starts.to_owned(),
            annotations,
            actions,
            plan,
        }
    }

    /// A report's actions, by id, in the order of both sides (see [`union_lists`]).
    fn actions(
        &mut self,
        report: &ReportId,
        base: Option<&ImportedReport>,
        ours: &ImportedReport,
        theirs: &ImportedReport,
    ) -> Vec<Action> {
        if ours.actions == theirs.actions {
            return ours.actions.clone();
        }
        let by_id = |r: &ImportedReport| -> HashMap<ActionId, usize> {
            r.actions.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect()
        };
        let (o, t) = (by_id(ours), by_id(theirs));
        let b = base.map(by_id).unwrap_or_default();
        let created = |id: &ActionId| {
            let action = o.get(id).map(|&i| &ours.actions[i]).or_else(|| t.get(id).map(|&i| &theirs.actions[i]));
            (action.map(|a| a.created_at).unwrap_or_default(), id.0.clone())
        };
        let our_ids: Vec<&ActionId> = ours.actions.iter().map(|a| &a.id).collect();
        let their_ids: Vec<&ActionId> = theirs.actions.iter().map(|a| &a.id).collect();
        let mut out = Vec::new();
        for id in union_lists(&our_ids, &their_ids, |id| created(id)) {
            let (oa, ta) = (o.get(id).map(|&i| &ours.actions[i]), t.get(id).map(|&i| &theirs.actions[i]));
            let ba = base.and_then(|base| b.get(id).map(|&i| &base.actions[i]));
            let merged = match (oa, ta) {
                (Some(oa), Some(ta)) => {
                    let site = |field: &str| Site::action(report, oa, field);
                    self.item(&site, ba, oa, ta, &ACTION_RULE)
                }
                (Some(oa), None) => oa.clone(),
                (None, Some(ta)) => {
                    self.incoming.actions.push(id.clone());
                    ta.clone()
                }
                (None, None) => continue,
            };
            out.push(merged);
        }
        out
    }

    fn annotations(
        &mut self,
        report: &ReportId,
        base: Option<&ImportedReport>,
        ours: &ImportedReport,
        theirs: &ImportedReport,
    ) -> BTreeMap<FindingId, Annotation> {
        let keys: BTreeSet<&FindingId> = ours.annotations.keys().chain(theirs.annotations.keys()).collect();
        let empty = Annotation::default();
        let mut out = BTreeMap::new();
        for key in keys {
            let (o, t) = (ours.annotations.get(key), theirs.annotations.get(key));
            let merged = match (o, t, base) {
                (Some(o), Some(t), _) if o == t => o.clone(),
                // Without a base, an annotation on one side only is simply taken.
                (Some(o), None, None) => o.clone(),
                (None, Some(t), None) => {
                    self.incoming.fields.push(Site::annotation(report, key, "annotation"));
                    t.clone()
                }
                (o, t, base) => {
                    // With a base, a missing annotation means all defaults: it was never
                    // set, or every field was put back.
                    let b = base.map(|b| b.annotations.get(key).unwrap_or(&empty));
                    let site = |field: &str| Site::annotation(report, key, field);
                    self.item(&site, b, o.unwrap_or(&empty), t.unwrap_or(&empty), &ANNOTATION_RULE)
                }
            };
            if !merged.is_empty() {
                out.insert(key.clone(), merged);
            }
        }
        out
    }

    /// Merges one item field by field through its serde form (see [`ItemRule`]).
    fn item<T>(&mut self, site: &dyn Fn(&str) -> Site, base: Option<&T>, ours: &T, theirs: &T, rule: &ItemRule) -> T
    where
        T: Clone + PartialEq + Serialize + DeserializeOwned,
    {
        if ours == theirs {
            return ours.clone();
        }
        let as_object = |item: &T| match serde_json::to_value(item) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        };
        let (Some(o), Some(t)) = (as_object(ours), as_object(theirs)) else {
            // Not a struct: merge it as one value.
            return self.field(site("value"), base, ours, theirs, |v| serde_json::to_value(v).unwrap_or_default());
        };
        let b = base.and_then(as_object);
        let mut out = serde_json::Map::new();
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for (name, _) in o.iter().chain(t.iter()) {
            if done.contains(name.as_str()) {
                continue;
            }
            let group: Vec<&str> = rule
                .groups
                .iter()
                .find(|g| g.contains(&name.as_str()))
                .map_or_else(|| vec![name.as_str()], |g| g.to_vec());
            done.extend(group.iter().copied());
            let pick = |map: &serde_json::Map<String, Value>| -> Value {
                if group.len() == 1 {
                    map.get(group[0]).cloned().unwrap_or(Value::Null)
                } else {
                    Value::Array(group.iter().map(|f| map.get(*f).cloned().unwrap_or(Value::Null)).collect())
                }
            };
            let (ov, tv) = (pick(&o), pick(&t));
            let merged = if rule.append_only.contains(&group[0]) {
                let (Value::Array(oa), Value::Array(ta)) = (&ov, &tv) else {
                    out.insert(group[0].to_owned(), ov);
                    continue;
                };
                let united = union_lists(oa, ta, list_key);
                self.incoming.list_items += united.len().saturating_sub(oa.len());
                Value::Array(united)
            } else {
                let bv = b.as_ref().map(pick);
                self.field(site(group[0]), bv.as_ref(), &ov, &tv, Clone::clone)
            };
            if group.len() == 1 {
                out.insert(group[0].to_owned(), merged);
            } else if let Value::Array(values) = merged {
                for (f, v) in group.iter().zip(values) {
                    out.insert((*f).to_owned(), v);
                }
            }
        }
        // The merged fields all came from values of `T`, so this only fails if a type's
        // serde form is not self-consistent; then ours is kept whole rather than lose it.
        serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| ours.clone())
    }
}

/// The parsed part of a report, compared and chosen as one.
#[derive(Clone, PartialEq)]
struct ParseRef<'a> {
    content_hash: &'a str,
    imported_at: chrono::NaiveDateTime,
    meta: &'a crate::model::ReportMeta,
    findings: &'a [crate::model::Finding],
    text: &'a str,
    page_starts: &'a [usize],
}

impl<'a> ParseRef<'a> {
    fn of(r: &'a ImportedReport) -> Self {
        Self {
            content_hash: &r.content_hash,
            imported_at: r.imported_at,
            meta: &r.meta,
            findings: &r.findings,
            text: &r.text,
            page_starts: &r.page_starts,
        }
    }
}

/// Orders the items of an append-only list: dated items by their date, then by content.
fn list_key(item: &Value) -> (String, String) {
    let date = ["date", "at"].iter().find_map(|k| item.get(*k)).map(value_text).unwrap_or_default();
    (date, item.to_string())
}

/// The union of two versions of a list: when one holds the other in order (only one side
/// added, wherever it inserted), the longer one; otherwise their common beginning as it is,
/// then every other item of either (an item both have, as often as the side that has it
/// most), ordered by `key`, which must tell different items apart. The same whichever side
/// is first, and a list merged with itself is unchanged.
pub fn union_lists<T: Clone + PartialEq, K: Ord>(ours: &[T], theirs: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    if is_subsequence(ours, theirs) {
        return theirs.to_vec();
    }
    if is_subsequence(theirs, ours) {
        return ours.to_vec();
    }
    let prefix = ours.iter().zip(theirs).take_while(|(a, b)| a == b).count();
    let mut a: Vec<(K, &T)> = ours[prefix..].iter().map(|x| (key(x), x)).collect();
    let mut b: Vec<(K, &T)> = theirs[prefix..].iter().map(|x| (key(x), x)).collect();
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    let mut out: Vec<T> = ours[..prefix].to_vec();
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let step = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(&y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match step {
            std::cmp::Ordering::Less => {
                out.push(a[i].1.clone());
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j].1.clone());
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i].1.clone());
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Whether every item of `short` is in `long`, in the same order.
fn is_subsequence<T: PartialEq>(short: &[T], long: &[T]) -> bool {
    if short.len() > long.len() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|x| rest.any(|y| y == x))
}

/// Fills in each conflict's newest change-log record on either side.
fn attach_changes(conflicts: &mut [Conflict], ours: &Workspace, theirs: &Workspace) {
    type Key<'a> = (&'a ReportId, &'a FindingId, Option<&'a ActionId>, &'a str);
    fn newest(ws: &Workspace) -> HashMap<Key<'_>, &ChangeRecord> {
        ws.change_log.iter().map(|c| ((&c.report, &c.finding, c.action.as_ref(), c.field.as_str()), c)).collect()
    }
    let (o, t) = (newest(ours), newest(theirs));
    for conflict in conflicts {
        let (Some(report), Some(finding)) = (&conflict.site.report, &conflict.site.finding) else { continue };
        // Revising a due date is logged as `action.due`, like setting it; a RAG rationale
        // goes with its RAG.
        let field = conflict.site.field.as_str();
        let key = (report, finding, conflict.site.action.as_ref(), field);
        conflict.ours_change = o.get(&key).map(|c| (*c).clone());
        conflict.theirs_change = t.get(&key).map(|c| (*c).clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Edit, FindingRef, synthetic};

    fn target(ws: &Workspace, n: usize) -> FindingRef {
        let report = &ws.reports[0];
        FindingRef { report: report.id.clone(), finding: report.findings[n].id.clone() }
    }

    fn owner(ws: &Workspace, t: &FindingRef) -> Option<String> {
        ws.annotation(t).and_then(|a| a.owner.clone())
    }

    #[test]
    fn changes_to_different_fields_and_findings_both_survive() {
        let base = synthetic::workspace(2, 30, 7);
        let (a, b) = (target(&base, 1), target(&base, 2));
        let now = synthetic::test_now();
        let mut ours = base.clone();
        ours.apply(Edit::SetOwner { target: a.clone(), owner: Some("Ours".into()) }, now).unwrap();
        let mut theirs = base.clone();
        theirs.apply(Edit::SetOwner { target: b.clone(), owner: Some("Theirs".into()) }, now).unwrap();
        theirs.apply(Edit::SetNotes { target: a.clone(), text: "their note".into() }, now).unwrap();
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let ws = &merged.workspace;
        assert_eq!(owner(ws, &a).as_deref(), Some("Ours"));
        assert_eq!(owner(ws, &b).as_deref(), Some("Theirs"));
        assert_eq!(ws.annotation(&a).unwrap().notes, "their note");
        assert_eq!(ws.change_log.len(), base.change_log.len() + 3);
        assert_eq!(merged.incoming.change_records, 2);
    }

    #[test]
    fn a_field_both_changed_is_a_conflict_with_both_values_and_who_changed_it() {
        let base = synthetic::workspace(1, 20, 3);
        let a = target(&base, 4);
        let now = synthetic::test_now();
        let mut ours = base.clone();
        ours.apply(Edit::SetOwner { target: a.clone(), owner: Some("Ours".into()) }, now).unwrap();
        let mut theirs = base.clone();
        let later = now + chrono::Duration::minutes(5);
        theirs.apply(Edit::SetOwner { target: a.clone(), owner: Some("Theirs".into()) }, later).unwrap();
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
        assert_eq!(merged.conflicts.len(), 1);
        let c = &merged.conflicts[0];
        assert_eq!(c.site, Site::annotation(&a.report, &a.finding, "owner"));
        assert_eq!(value_text(&c.ours), "Ours");
        assert_eq!(value_text(&c.theirs), "Theirs");
        assert_eq!(c.theirs_change.as_ref().unwrap().at, later);
        assert_eq!(owner(&merged.workspace, &a).as_deref(), Some("Ours"));

        let mut choices = Choices::default();
        choices.by_site.insert(c.site.clone(), Side::Theirs);
        let resolved = merge(Some(&base), &ours, &theirs, &choices);
        assert_eq!(owner(&resolved.workspace, &a).as_deref(), Some("Theirs"));
        let records = resolved.override_records(now, Some("Me"));
        assert!(records[0].summary.contains("\"Ours\""), "{}", records[0].summary);
    }

    #[test]
    fn progress_updates_from_both_sides_are_united() {
        let base = synthetic::workspace(1, 20, 5);
        let a = target(&base, 6);
        let now = synthetic::test_now();
        let update = |text: &str| Edit::AddUpdate {
            target: a.clone(),
            update: crate::model::ProgressUpdate { date: synthetic::test_today(), text: text.into(), author: None },
        };
        let mut ours = base.clone();
        ours.apply(update("ours"), now).unwrap();
        let mut theirs = base.clone();
        theirs.apply(update("theirs"), now).unwrap();
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
        assert!(merged.conflicts.is_empty());
        let texts: Vec<&str> =
            merged.workspace.annotation(&a).unwrap().updates.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.ends_with(&["ours", "theirs"]), "{texts:?}");
    }

    #[test]
    fn two_way_takes_the_union_and_reports_every_difference() {
        let ours = synthetic::workspace(2, 10, 1);
        let mut theirs = ours.clone();
        let extra = synthetic::workspace(1, 5, 99);
        theirs.reports.push(extra.reports[0].clone());
        let a = target(&ours, 0);
        let now = synthetic::test_now();
        theirs.apply(Edit::SetOwner { target: a.clone(), owner: Some("Theirs".into()) }, now).unwrap();
        let merged = merge(None, &ours, &theirs, &Choices::all(Side::Theirs));
        assert_eq!(merged.workspace.reports.len(), 3);
        assert_eq!(merged.incoming.reports, vec![extra.reports[0].id.clone()]);
        if owner(&ours, &a).is_some() {
            assert_eq!(merged.conflicts.len(), 1);
        }
        assert_eq!(owner(&merged.workspace, &a).as_deref(), Some("Theirs"));
    }

    #[test]
    fn union_of_lists_keeps_the_common_start_and_is_symmetric() {
        let key = |x: &u32| *x;
        assert_eq!(union_lists(&[1, 2, 5, 3], &[1, 2, 4], key), vec![1, 2, 3, 4, 5]);
        assert_eq!(union_lists(&[1, 2, 4], &[1, 2, 5, 3], key), vec![1, 2, 3, 4, 5]);
        assert_eq!(union_lists(&[1, 2], &[1, 2, 9], key), vec![1, 2, 9]);
        assert_eq!(union_lists(&[7, 7], &[7], key), vec![7, 7]);
        // One side inserted in the middle: its order stands.
        assert_eq!(union_lists(&[1, 9, 2, 3], &[1, 2, 3], key), vec![1, 9, 2, 3]);
        assert_eq!(union_lists(&[1, 2, 3], &[1, 9, 2, 3], key), vec![1, 9, 2, 3]);
    }
}
