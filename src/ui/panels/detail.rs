//! The detail pane (right): the selected finding's full text, its source in context, why
//! it got its category, and an editor for every annotation field. Text fields edit a
//! draft and commit one `Edit` on Enter or focus loss, so undo never goes keystroke by
//! keystroke. With several findings selected it offers bulk changes instead.

use eframe::egui::{self, FontId, TextFormat, text::LayoutJob};

use crate::model::{Annotation, CategoryId, Date, Finding, ImportedReport, ProgressUpdate, Rag, Status};
use crate::workspace::{Edit, FindingRef, Workspace};

use super::PanelCtx;
use super::filter::polarity_label;
use super::findings::{Selection, category_chip, short_report_name};
use crate::ui::commands::{Command, UiCommand};
use crate::ui::theme::{self, Tokens};
use crate::ui::widgets::UiExt as _;

/// A text field's draft: what the user typed, and the committed value it started from.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    loaded: String,
    /// The text being edited.
    pub text: String,
}

impl Draft {
    fn reset(&mut self, value: &str) {
        value.clone_into(&mut self.loaded);
        value.clone_into(&mut self.text);
    }

    /// Follows a change of the committed value, unless the user has typed something.
    fn sync(&mut self, value: &str) {
        if self.text == self.loaded {
            value.clone_into(&mut self.text);
        }
        value.clone_into(&mut self.loaded);
    }
}

/// The detail pane's own state: drafts of the focused finding's text fields.
#[derive(Clone, Debug, Default)]
pub struct DetailState {
    target: Option<FindingRef>,
    revision: u64,
    /// Owner draft.
    pub owner: Draft,
    /// Planned action draft.
    pub planned_action: Draft,
    /// Notes draft.
    pub notes: Draft,
    new_evidence: String,
    new_update: String,
    category_filter: String,
    bulk_owner: String,
}

impl DetailState {
    /// Loads the drafts for `target`, or follows the workspace after an edit, undo or redo.
    fn sync(&mut self, ws: &Workspace, target: &FindingRef, revision: u64) {
        let a = ws.annotation(target).cloned().unwrap_or_default();
        let owner = a.owner.unwrap_or_default();
        if self.target.as_ref() != Some(target) {
            self.target = Some(target.clone());
            self.owner.reset(&owner);
            self.planned_action.reset(&a.planned_action);
            self.notes.reset(&a.notes);
            self.new_evidence.clear();
            self.new_update.clear();
            self.revision = revision;
        } else if self.revision != revision {
            self.owner.sync(&owner);
            self.planned_action.sync(&a.planned_action);
            self.notes.sync(&a.notes);
            self.revision = revision;
        }
    }

    /// The edits that typed-but-uncommitted drafts stand for (called before the selection
    /// moves, before saving, and on focus loss).
    pub fn pending_edits(&self, ws: &Workspace) -> Vec<Edit> {
        let Some(target) = &self.target else { return Vec::new() };
        if ws.finding(target).is_none() {
            return Vec::new();
        }
        let a = ws.annotation(target).cloned().unwrap_or_default();
        let mut edits = Vec::new();
        if let Some(e) = owner_edit(target, &a, &self.owner.text) {
            edits.push(e);
        }
        if self.planned_action.text != a.planned_action {
            edits.push(Edit::SetPlannedAction { target: target.clone(), text: self.planned_action.text.clone() });
        }
        if self.notes.text != a.notes {
            edits.push(Edit::SetNotes { target: target.clone(), text: self.notes.text.clone() });
        }
        edits
    }
}

fn owner_edit(target: &FindingRef, a: &Annotation, text: &str) -> Option<Edit> {
    let owner = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
    (owner != a.owner).then(|| Edit::SetOwner { target: target.clone(), owner })
}

/// Draws the detail pane.
#[allow(clippy::too_many_arguments)]
pub fn detail_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    state: &mut DetailState,
    selection: &Selection,
    top_categories: &[CategoryId],
    owners: &[String],
    revision: u64,
) {
    egui::ScrollArea::vertical().id_salt("detail_scroll").auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(4.0);
        if selection.len() > 1 {
            bulk_ui(ui, cx, state, selection, top_categories, owners);
            return;
        }
        let Some(target) = selection.focus.clone() else {
            ui.section_heading(cx.tokens, "No finding selected");
            ui.weak_label(cx.tokens, "Select a finding in the table to read it in full and annotate it.");
            ui.weak_label(
                cx.tokens,
                "Up/down or J/K move through the table; Ctrl-click or Shift-click selects several.",
            );
            return;
        };
        let ws = cx.ws;
        let Some((report, finding)) = ws.finding(&target) else {
            ui.weak_label(cx.tokens, "The selected finding is no longer in the workspace.");
            return;
        };
        state.sync(ws, &target, revision);
        let annotation = ws.annotation(&target).cloned().unwrap_or_default();
        header_ui(ui, cx, report, finding, &target, &annotation);
        ui.add_space(6.0);
        theme::card(cx.tokens).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(egui::RichText::new(crate::ui::widgets::display_text(&finding.text)).size(14.0))
                    .wrap()
                    .selectable(true),
            );
        });
        ui.add_space(8.0);
        annotation_ui(ui, cx, state, &target, &annotation, top_categories, owners);
        ui.add_space(8.0);
        why_ui(ui, cx, finding, &annotation);
        ui.add_space(4.0);
        source_ui(ui, cx.tokens, report, finding);
        history_ui(ui, cx.tokens, ws, &target);
    });
}

fn header_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    report: &ImportedReport,
    finding: &Finding,
    target: &FindingRef,
    annotation: &Annotation,
) {
    let tokens = cx.tokens;
    ui.horizontal_wrapped(|ui| {
        let kind_fill = if finding.kind.is_action() { tokens.accent } else { tokens.card_stroke };
        ui.chip(finding.kind.label(), kind_fill);
        let mut where_ = short_report_name(report);
        if !finding.section.is_empty() {
            where_.push_str(" · ");
            where_.push_str(&finding.section);
        }
        if let Some(n) = finding.number {
            where_.push_str(&format!(" · paragraph {n}"));
        }
        if let Some(framework) = &finding.framework_ref {
            where_.push_str(&format!(" · national framework: {}", framework.label()));
        }
        ui.weak_label(tokens, &where_);
    });
    ui.horizontal(|ui| {
        let mut important = annotation.important;
        crate::ui::widgets::star(ui, tokens.rag_amber, important);
        let label = if important { "Important" } else { "Mark as important" };
        if ui.toggle_value(&mut important, label).on_hover_text("Flag this finding (I)").changed() {
            cx.queue.push(Command::Edit(Edit::SetImportant { target: target.clone(), important }));
        }
    });
}

#[allow(clippy::too_many_lines)]
fn annotation_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    state: &mut DetailState,
    target: &FindingRef,
    a: &Annotation,
    top_categories: &[CategoryId],
    owners: &[String],
) {
    let tokens = cx.tokens;
    let ws = cx.ws;
    ui.section_heading(tokens, "Action tracking");
    egui::Grid::new("annotation_grid").num_columns(2).spacing([10.0, 8.0]).striped(false).show(ui, |ui| {
        // Category.
        let label = ui.label("Category");
        let automatic = ws.finding(target).map(|(_, f)| f.classification.category.clone()).unwrap_or_default();
        if let Some(choice) = category_picker_ui(
            ui,
            ws,
            "detail_category",
            a.category.as_ref(),
            &automatic,
            top_categories,
            &mut state.category_filter,
            label.id,
        ) {
            cx.queue.push(Command::Edit(Edit::SetCategory { target: target.clone(), category: choice }));
        }
        ui.end_row();

        // Status.
        let label = ui.label("Status");
        ui.horizontal(|ui| {
            let response = egui::ComboBox::from_id_salt("detail_status")
                .selected_text(a.status.label())
                .width(200.0)
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
                        if ui.selectable_label(a.status == *s, s.label()).clicked() && a.status != *s {
                            if *s == Status::Cancelled {
                                cx.queue.push(Command::AskCancelReason);
                            } else {
                                cx.queue.push(Command::Edit(Edit::SetStatus {
                                    target: target.clone(),
                                    status: *s,
                                    cancel_reason: None,
                                }));
                            }
                        }
                    }
                })
                .response;
            response.labelled_by(label.id);
            ui.status_badge(tokens, a.status);
        });
        ui.end_row();
        if a.status == Status::Cancelled {
            ui.label("Reason");
            ui.label(a.cancel_reason.as_deref().unwrap_or("(none given)"));
            ui.end_row();
        }

        // RAG.
        ui.label("RAG");
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            if ui.selectable_label(a.rag.is_none(), "None").clicked() && a.rag.is_some() {
                cx.queue.push(Command::Edit(Edit::SetRag { target: target.clone(), rag: None }));
            }
            for rag in Rag::ALL {
                crate::ui::widgets::dot(ui, tokens.rag(*rag));
                if ui.selectable_label(a.rag == Some(*rag), rag.label()).clicked() && a.rag != Some(*rag) {
                    cx.queue.push(Command::Edit(Edit::SetRag { target: target.clone(), rag: Some(*rag) }));
                }
            }
        });
        ui.end_row();

        // Owner.
        let label = ui.label("Owner");
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut state.owner.text)
                        .hint_text("Who owns the action")
                        .desired_width(180.0),
                )
                .labelled_by(label.id);
            if response.lost_focus()
                && let Some(edit) = owner_edit(target, a, &state.owner.text)
            {
                cx.queue.push(Command::Edit(edit));
            }
            if !owners.is_empty() {
                ui.menu_button("Choose…", |ui| {
                    for name in owners.iter().take(20) {
                        if ui.button(name).clicked() {
                            state.owner.text.clone_from(name);
                            if let Some(edit) = owner_edit(target, a, name) {
                                cx.queue.push(Command::Edit(edit));
                            }
                            ui.close();
                        }
                    }
                });
            }
        });
        ui.end_row();

        // Due date.
        ui.label("Due date");
        ui.horizontal(|ui| match a.due_date {
            Some(due) => {
                if let Some(mut picked) = to_jiff(due) {
                    let response = ui.add(
                        egui_extras::DatePickerButton::new(&mut picked)
                            .id_salt("detail_due")
                            .format("%-d %b %Y")
                            .calendar_week(false)
                            .show_icon(false),
                    );
                    if response.changed()
                        && let Some(date) = from_jiff(picked)
                        && date != due
                    {
                        cx.queue.push(Command::Edit(Edit::SetDueDate { target: target.clone(), due_date: Some(date) }));
                    }
                }
                let days = a.days_overdue(cx.today);
                if days > 0 {
                    ui.label(egui::RichText::new(format!("{days} days overdue")).color(tokens.status_overdue).strong());
                }
                if ui.small_button("Clear").on_hover_text("Remove the due date").clicked() {
                    cx.queue.push(Command::Edit(Edit::SetDueDate { target: target.clone(), due_date: None }));
                }
            }
            None => {
                ui.weak_label(tokens, "Not set");
                let suggested = cx.today.checked_add_days(chrono::Days::new(28)).unwrap_or(cx.today);
                if ui
                    .button("Set a due date")
                    .on_hover_text("Starts four weeks from today; change it in the calendar")
                    .clicked()
                {
                    cx.queue
                        .push(Command::Edit(Edit::SetDueDate { target: target.clone(), due_date: Some(suggested) }));
                }
            }
        });
        ui.end_row();
    });

    ui.add_space(6.0);
    let label = ui.label("Planned action");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.planned_action.text)
                .hint_text("What the authority will do")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.lost_focus() && state.planned_action.text != a.planned_action {
        cx.queue.push(Command::Edit(Edit::SetPlannedAction {
            target: target.clone(),
            text: state.planned_action.text.clone(),
        }));
    }
    let label = ui.label("Notes");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.notes.text)
                .hint_text("Notes (saved when you leave the field)")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.lost_focus() && state.notes.text != a.notes {
        cx.queue.push(Command::Edit(Edit::SetNotes { target: target.clone(), text: state.notes.text.clone() }));
    }

    // Evidence.
    ui.add_space(6.0);
    ui.section_heading(tokens, "Evidence");
    let mut remove = None;
    for (i, link) in a.evidence.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui.small_button("Remove").on_hover_text("Remove this evidence link").clicked() {
                remove = Some(i);
            }
            if link.starts_with("http://") || link.starts_with("https://") {
                ui.hyperlink(link);
            } else {
                ui.label(link);
            }
        });
    }
    if let Some(i) = remove {
        let mut evidence = a.evidence.clone();
        evidence.remove(i);
        cx.queue.push(Command::Edit(Edit::SetEvidence { target: target.clone(), evidence }));
    }
    ui.horizontal(|ui| {
        let label = ui.label("Add evidence");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_evidence)
                    .hint_text("Link or document reference")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add").clicked() || entered) && !state.new_evidence.trim().is_empty() {
            let mut evidence = a.evidence.clone();
            evidence.push(state.new_evidence.trim().to_owned());
            state.new_evidence.clear();
            cx.queue.push(Command::Edit(Edit::SetEvidence { target: target.clone(), evidence }));
        }
    });

    // Progress updates.
    ui.add_space(6.0);
    ui.section_heading(tokens, "Progress updates");
    if a.updates.is_empty() {
        ui.weak_label(tokens, "No updates yet.");
    }
    for update in a.updates.iter().rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(update.date.format("%-d %b %Y").to_string()).strong());
            ui.label(&update.text);
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New update");
        let response = ui
            .add(egui::TextEdit::singleline(&mut state.new_update).hint_text("What has happened").desired_width(200.0))
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add update").clicked() || entered) && !state.new_update.trim().is_empty() {
            let update = ProgressUpdate { date: cx.today, text: state.new_update.trim().to_owned() };
            state.new_update.clear();
            cx.queue.push(Command::Edit(Edit::AddUpdate { target: target.clone(), update }));
        }
    });
}

/// A searchable category picker: a combo box with a filter field; `Some(None)` means
/// "back to automatic". The nine most used categories show their number key.
#[allow(clippy::too_many_arguments)]
pub fn category_picker_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    id: &str,
    chosen: Option<&CategoryId>,
    automatic: &CategoryId,
    top_categories: &[CategoryId],
    filter: &mut String,
    labelled_by: egui::Id,
) -> Option<Option<CategoryId>> {
    let mut choice = None;
    let current = chosen
        .map_or_else(|| format!("{} (automatic)", ws.taxonomy.label(automatic)), |c| ws.taxonomy.label(c).to_owned());
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .width(240.0)
        .height(360.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let label = ui.label("Filter categories");
            ui.add(egui::TextEdit::singleline(filter).hint_text("Type to filter")).labelled_by(label.id);
            ui.separator();
            let needle = filter.to_lowercase();
            if needle.is_empty() || "automatic".contains(&needle) {
                let text = format!("Automatic ({})", ws.taxonomy.label(automatic));
                if ui.selectable_label(chosen.is_none(), text).clicked() {
                    choice = Some(None);
                }
            }
            for c in &ws.taxonomy.categories {
                if !needle.is_empty() && !c.label.to_lowercase().contains(&needle) && !c.id.0.contains(&needle) {
                    continue;
                }
                let key = top_categories.iter().position(|t| t == &c.id).map(|i| format!("   {}", i + 1));
                let text = format!("{}{}", c.label, key.unwrap_or_default());
                if ui.selectable_label(chosen == Some(&c.id), text).on_hover_text(&c.description).clicked() {
                    choice = Some(Some(c.id.clone()));
                }
            }
            if choice.is_some() {
                filter.clear();
                ui.close();
            }
        })
        .response;
    response.labelled_by(labelled_by);
    choice
}

fn why_ui(ui: &mut egui::Ui, cx: &PanelCtx<'_>, finding: &Finding, a: &Annotation) {
    let tokens = cx.tokens;
    let c = &finding.classification;
    egui::CollapsingHeader::new(egui::RichText::new("Why this category").strong()).default_open(true).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label("Found automatically:");
            category_chip(ui, tokens, cx.ws, &c.category, false);
            ui.weak_label(tokens, &format!("confidence {:.0}%", c.confidence * 100.0));
        });
        if let Some(chosen) = &a.category {
            ui.horizontal_wrapped(|ui| {
                ui.label("Chosen by you:");
                category_chip(ui, tokens, cx.ws, chosen, true);
            });
        }
        if c.matched_terms.is_empty() {
            ui.weak_label(tokens, "No taxonomy terms matched; the category is a fallback.");
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.label("Matched terms:");
                ui.label(egui::RichText::new(c.matched_terms.join(", ")).italics());
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Reads as: {}", polarity_label(c.polarity).to_lowercase()));
            if !c.polarity_cues.is_empty() {
                ui.weak_label(tokens, &format!("(cues: {})", c.polarity_cues.join(", ")));
            }
        });
    });
}

fn source_ui(ui: &mut egui::Ui, tokens: &Tokens, report: &ImportedReport, finding: &Finding) {
    let page = finding.source.page.or_else(|| page_of(&report.page_starts, finding.source.start));
    let title = match page {
        Some(p) => format!("Source in context (page {p})"),
        None => "Source in context".to_owned(),
    };
    egui::CollapsingHeader::new(egui::RichText::new(title).strong()).default_open(true).show(ui, |ui| {
        match context_job(&report.text, finding.source.start, finding.source.end, tokens, ui.visuals().text_color()) {
            Some(job) => {
                ui.add(egui::Label::new(job).wrap().selectable(true));
            }
            None => {
                ui.weak_label(tokens, "The report's text is not stored in this workspace.");
            }
        }
        ui.weak_label(tokens, &report.source_path.display().to_string());
    });
}

/// The page (1-based) that a byte offset falls on.
fn page_of(page_starts: &[usize], offset: usize) -> Option<u32> {
    if page_starts.is_empty() {
        return None;
    }
    let index = page_starts.partition_point(|&s| s <= offset).max(1);
    u32::try_from(index).ok()
}

/// The paragraph before, the finding (highlighted) and the paragraph after.
fn context_job(text: &str, start: usize, end: usize, tokens: &Tokens, colour: egui::Color32) -> Option<LayoutJob> {
    if start >= end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let before_para = text[..start].trim_end().rfind("\n\n").map_or(0, |i| i + 2);
    let before = text[..before_para].trim_end().rfind("\n\n").map_or(0, |i| i + 2);
    let after_para = text[end..].find("\n\n").map_or(text.len(), |i| end + i);
    let after = text[after_para..].trim_start_matches('\n').find("\n\n").map_or(text.len(), |i| {
        after_para + (text[after_para..].len() - text[after_para..].trim_start_matches('\n').len()) + i
    });
    let font = FontId::proportional(13.0);
    let weak = TextFormat { font_id: font.clone(), color: tokens.text_weak, ..Default::default() };
    let strong = TextFormat {
        font_id: font,
        color: colour,
        background: tokens.search_highlight.gamma_multiply(0.6),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    let piece = |range: std::ops::Range<usize>| text.get(range).map(crate::ui::widgets::display_text);
    job.append(&piece(before..start)?, 0.0, weak.clone());
    job.append(&piece(start..end)?, 0.0, strong);
    job.append(&piece(end..after.min(text.len()))?, 0.0, weak);
    Some(job)
}

fn history_ui(ui: &mut egui::Ui, tokens: &Tokens, ws: &Workspace, target: &FindingRef) {
    let entries: Vec<_> = ws.history_of(target).collect();
    egui::CollapsingHeader::new(egui::RichText::new(format!("History ({})", entries.len())).strong())
        .default_open(false)
        .show(ui, |ui| {
            if entries.is_empty() {
                ui.weak_label(tokens, "No changes yet.");
            }
            for c in entries.iter().rev().take(200) {
                ui.horizontal_wrapped(|ui| {
                    ui.weak_label(tokens, &c.at.format("%-d %b %Y %H:%M").to_string());
                    ui.label(format!("{}: {}", c.field, c.summary));
                });
            }
        });
}

fn bulk_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    state: &mut DetailState,
    selection: &Selection,
    top_categories: &[CategoryId],
    owners: &[String],
) {
    let tokens = cx.tokens;
    ui.section_heading(tokens, &format!("{} findings selected", selection.len()));
    ui.weak_label(tokens, "Changes here apply to every selected finding, as one step you can undo.");
    ui.add_space(6.0);
    egui::Grid::new("bulk_grid").num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
        let label = ui.label("Category");
        let automatic = CategoryId::default();
        if let Some(choice) = category_picker_ui(
            ui,
            cx.ws,
            "bulk_category",
            None,
            &automatic,
            top_categories,
            &mut state.category_filter,
            label.id,
        ) {
            cx.queue.push(Command::SetCategoryOfSelection(choice));
        }
        ui.end_row();
        let label = ui.label("Status");
        let response = egui::ComboBox::from_id_salt("bulk_status")
            .selected_text("Set status…")
            .width(200.0)
            .show_ui(ui, |ui| {
                for s in Status::ALL {
                    if ui.selectable_label(false, s.label()).clicked() {
                        cx.queue.push(if *s == Status::Cancelled {
                            Command::AskCancelReason
                        } else {
                            Command::SetStatusOfSelection(*s)
                        });
                    }
                }
            })
            .response;
        response.labelled_by(label.id);
        ui.end_row();
        ui.label("RAG");
        ui.horizontal(|ui| {
            if ui.button("None").clicked() {
                cx.queue.push(Command::SetRagOfSelection(None));
            }
            for rag in Rag::ALL {
                crate::ui::widgets::dot(ui, tokens.rag(*rag));
                if ui.button(rag.label()).clicked() {
                    cx.queue.push(Command::SetRagOfSelection(Some(*rag)));
                }
            }
        });
        ui.end_row();
        let label = ui.label("Owner");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut state.bulk_owner).hint_text("Owner for all").desired_width(150.0))
                .labelled_by(label.id);
            if ui.button("Set owner").clicked() {
                let owner = Some(state.bulk_owner.trim().to_owned()).filter(|s| !s.is_empty());
                cx.queue.push(Command::SetOwnerOfSelection(owner));
            }
            if !owners.is_empty() {
                ui.menu_button("Choose…", |ui| {
                    for name in owners.iter().take(20) {
                        if ui.button(name).clicked() {
                            state.bulk_owner.clone_from(name);
                            ui.close();
                        }
                    }
                });
            }
        });
        ui.end_row();
    });
    ui.add_space(6.0);
    if ui.button("Toggle important").clicked() {
        cx.queue.push(Command::Ui(UiCommand::ToggleImportant));
    }
}

/// A chrono date as a jiff date (the date picker's type).
pub fn to_jiff(d: Date) -> Option<jiff::civil::Date> {
    use chrono::Datelike as _;
    jiff::civil::Date::new(i16::try_from(d.year()).ok()?, i8::try_from(d.month()).ok()?, i8::try_from(d.day()).ok()?)
        .ok()
}

/// A jiff date back as a chrono date.
pub fn from_jiff(d: jiff::civil::Date) -> Option<Date> {
    Date::from_ymd_opt(i32::from(d.year()), u32::try_from(d.month()).ok()?, u32::try_from(d.day()).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lookup_and_date_conversion() {
        assert_eq!(page_of(&[0, 100, 200], 150), Some(2));
        assert_eq!(page_of(&[0, 100, 200], 0), Some(1));
        assert_eq!(page_of(&[], 5), None);
        let d = Date::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(from_jiff(to_jiff(d).unwrap()), Some(d));
    }

    #[test]
    fn drafts_keep_typing_across_unrelated_changes() {
        let mut d = Draft::default();
        d.reset("a");
        d.text = "typed".into();
        d.sync("b");
        assert_eq!(d.text, "typed");
        let mut d = Draft::default();
        d.reset("a");
        d.sync("b");
        assert_eq!(d.text, "b");
    }
}
