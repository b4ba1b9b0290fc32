//! One frame of the window, in order: input (shortcuts, Escape, dropped files), the
//! workers' news, the panels, the dialogs (whose answers become commands), the toasts,
//! then the command queue is drained. What the commands change is drawn next frame.

use std::path::PathBuf;

use eframe::egui;

use super::{Jobs, Level, TOAST_SECONDS, TrackerApp};
use crate::model::Date;
use crate::ui::commands::{Command, UiCommand};
use crate::ui::dialogs::confirm::{self, UnsavedAnswer};
use crate::ui::dialogs::export::ExportRequest;
use crate::ui::dialogs::file::FilePurpose;
use crate::ui::dialogs::{about, preferences};
use crate::ui::panels::{self, PanelCtx};
use crate::ui::state::MainView;
use crate::ui::theme::{self, Tokens};
use crate::ui::widgets::UiExt as _;

impl TrackerApp {
    /// Draws one frame of the app inside `ui` (what `eframe::App::ui` calls; tests call it
    /// directly through egui_kittest).
    pub fn ui_impl(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.time = ctx.input(|i| i.time);
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        if self.applied_theme != Some(self.state.theme) {
            theme::apply(&ctx, self.state.theme);
            self.applied_theme = Some(self.state.theme);
        }
        self.apply_user_name();
        self.read_input(&ctx);
        self.poll_jobs();
        let today = self.today();
        let ws = self.doc.workspace();
        let plan = self.state.view == MainView::Plan;
        if plan {
            self.plan_view.refresh(ws, self.doc.structure(), self.doc.revision(), &self.state, today);
        }
        // The findings table's rows are not needed while the plan is shown (an edit costs
        // the table a pass over every finding); it catches up when it is shown again. Its
        // counts (header, reports panel) are built once for the reports there are.
        if !plan || self.model.total_count() != ws.finding_count() {
            self.model.refresh(
                ws,
                self.doc.structure(),
                self.doc.revision(),
                &self.state.filter,
                self.state.sort,
                today,
            );
        }

        let tokens = Tokens::of(&ctx);
        self.panels_ui(ui, &tokens, today);
        self.dialogs_ui(&ctx, &tokens);
        self.toasts_ui(&ctx, &tokens);

        if !self.queue.is_empty() {
            // What the commands change is drawn next frame.
            ctx.request_repaint();
        }
        while !self.queue.is_empty() {
            let queued = std::mem::take(&mut self.queue);
            for command in queued {
                self.run_command(&ctx, command);
            }
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.autosave(&ctx);
        self.watch_shared(&ctx);
    }

    fn read_input(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.unsaved_prompt = Some(crate::ui::dialogs::confirm::PendingAction::Quit);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .filter_map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
                .collect()
        });
        if !dropped.is_empty() {
            self.queue.push(Command::OpenPaths(dropped));
        }
        // Escape closes the dialog on top (the palette and the questions read it themselves).
        let shared_question =
            self.doc.pending_merge().is_some() || self.sharing.lock_prompt.is_some() || self.sharing.incoming.is_some();
        if self.close_top_window_on_escape(ctx) || self.dialogs.modal_open() || shared_question {
            return;
        }
        let availability = self.availability();
        for command in UiCommand::listen_for_shortcuts(ctx, &availability) {
            self.queue.push(Command::Ui(command));
        }
        // Number keys assign the most used categories while the table, not a text field, has the keyboard.
        if !ctx.egui_wants_keyboard_input() && !self.selection.is_empty() {
            const KEYS: [egui::Key; 9] = [
                egui::Key::Num1,
                egui::Key::Num2,
                egui::Key::Num3,
                egui::Key::Num4,
                egui::Key::Num5,
                egui::Key::Num6,
                egui::Key::Num7,
                egui::Key::Num8,
                egui::Key::Num9,
            ];
            for (n, key) in KEYS.iter().enumerate() {
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key)) {
                    self.queue.push(Command::AssignTopCategory(n + 1));
                }
            }
        }
    }

    /// Closes the topmost window that has no Escape handling of its own (export, file
    /// dialog, preferences, about, messages, the recovery offer) when Escape is pressed;
    /// whether it did. The palette and the modal questions answer Escape themselves.
    fn close_top_window_on_escape(&mut self, ctx: &egui::Context) -> bool {
        let d = &self.dialogs;
        let answers_itself = d.palette.open
            || d.unsaved_prompt.is_some()
            || d.cancel_prompt.is_some()
            || d.cancel_actions_prompt.is_some()
            || d.due_prompt.is_some()
            || d.backups.is_some();
        let closable = d.recovery_offer.is_some()
            || d.files.is_open()
            || d.export.open
            || d.show_preferences
            || d.show_about
            || self.state.show_log;
        if answers_itself || !closable || !ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            return false;
        }
        let d = &mut self.dialogs;
        if d.recovery_offer.is_some() {
            // Not now: the recovery file stays, and is offered again next time.
            d.recovery_offer = None;
        } else if d.files.is_open() {
            d.files.close();
        } else if d.export.open {
            d.export.open = false;
        } else if d.show_preferences {
            d.show_preferences = false;
        } else if d.show_about {
            d.show_about = false;
        } else {
            self.state.show_log = false;
        }
        true
    }

    fn poll_jobs(&mut self) {
        self.poll_import();
        self.poll_opening();
        self.poll_export();
        self.poll_source_check();
        self.poll_backups();
        self.poll_their_save();
        self.poll_merging();
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui, tokens: &Tokens, today: Date) {
        let availability = self.availability();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            panels::menu_bar::menu_bar_ui(ui, &mut self.state, self.doc.history(), &availability, &mut self.queue);
        });
        egui::Panel::top("header")
            .frame(egui::Frame::new().fill(tokens.header_fill).inner_margin(egui::Margin::symmetric(14, 10)))
            .show(ui, |ui| {
                let header = panels::header::Header {
                    name: &self.doc.name(),
                    dirty: self.doc.is_dirty(),
                    reports: self.doc.workspace().reports.len(),
                    plan_actions: self.doc.workspace().reports.iter().map(|r| r.actions.len()).sum(),
                    stats: self.model.stats,
                };
                header.ui(ui, tokens, &availability, &mut self.queue);
            });
        egui::Panel::bottom("status_bar")
            .frame(egui::Frame::new().fill(ui.visuals().panel_fill).inner_margin(egui::Margin::symmetric(10, 4)))
            .show(ui, |ui| {
                let activity = activity(&self.jobs);
                let errors = self.notifications.iter().filter(|n| n.level == Level::Error).count();
                let status = panels::status_bar::StatusBar {
                    activity,
                    path: self.doc.path(),
                    dirty: self.doc.is_dirty(),
                    message: &self.status_message,
                    errors,
                };
                status.ui(ui, tokens, &mut self.queue);
            });

        if self.doc.workspace().reports.is_empty() {
            let importing = self.jobs.import.is_some();
            let recent = &self.state.recent_workspaces;
            egui::CentralPanel::default().show(ui, |ui| {
                panels::welcome::welcome_ui(ui, tokens, importing, recent, &availability, &mut self.queue);
            });
            return;
        }
        let view = self.state.view;
        let (ws, structure) = (self.doc.workspace(), self.doc.structure());
        if matches!(view, MainView::Dashboard | MainView::Authority | MainView::National) {
            self.insights.refresh(ws, self.doc.revision(), structure, today);
        } else {
            self.insights.refresh_repeats(ws, structure);
        }
        let raised_before = &self.insights.raised_before;
        let mut cx = PanelCtx { ws, tokens, today, availability, raised_before, queue: &mut self.queue };
        egui::Panel::left("reports_panel").resizable(true).default_size(260.0).size_range(200.0..=420.0).show(
            ui,
            |ui| {
                let counts = panels::reports::ReportCounts {
                    triaged: &self.model.triaged,
                    orphans: &self.model.orphans,
                    sources: &self.source_states,
                    structure: self.doc.structure(),
                };
                self.reports_panel.ui(ui, &mut cx, self.state.filter.report.as_ref(), &counts);
            },
        );
        egui::Panel::right("detail_panel").resizable(true).default_size(330.0).size_range(300.0..=640.0).show(
            ui,
            |ui| {
                let choices =
                    panels::detail::Choices { top_categories: &self.model.top_categories, owners: &self.state.owners };
                let plan = (self.state.view == MainView::Plan).then_some(&self.plan_selection);
                self.detail.ui(ui, &mut cx, &self.selection, plan, &choices, self.doc.revision());
            },
        );
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(tokens.central_fill).inner_margin(egui::Margin::same(8)))
            .show(ui, |ui| {
                panels::insights::view_tabs_ui(ui, view, cx.queue);
                ui.separator();
                match view {
                    MainView::Findings => {}
                    MainView::Plan => {
                        return self.plan_view.ui(ui, &mut cx, &mut self.state, &self.selection, &self.plan_selection);
                    }
                    MainView::Dashboard => return panels::insights::dashboard_ui(ui, &mut cx, &self.insights),
                    MainView::Authority => {
                        let code = self.state.authority.as_deref();
                        return panels::insights::authority_ui(ui, &mut cx, &self.insights, code);
                    }
                    MainView::National => {
                        return panels::insights::national_ui(ui, &mut cx, &self.insights, &mut self.national);
                    }
                }
                let (shown, total) = (self.model.shown_count(), self.model.total_count());
                panels::filter_bar::filter_bar_ui(ui, &mut cx, &mut self.state.filter, shown, total);
                if self.focus_search {
                    ui.memory_mut(|m| m.request_focus(panels::filter_bar::search_id()));
                    self.focus_search = false;
                }
                ui.separator();
                if shown == 0 {
                    ui.add_space(20.0);
                    ui.vertical_centered(|ui| {
                        ui.weak_label(tokens, "No findings match the filter.");
                        if ui.button("Clear filters").clicked() {
                            cx.queue.push(Command::Ui(UiCommand::ClearFilters));
                        }
                    });
                } else {
                    let view = panels::findings_table::TableView {
                        model: &self.model,
                        selection: &self.selection,
                        scroll_to: self.scroll_to.take(),
                        previous: &self.table_columns,
                    };
                    let columns = view.ui(ui, &mut cx, &mut self.state);
                    self.table_columns = columns;
                }
            });
    }

    /// Draws the open dialogs; their answers go on the command queue.
    fn dialogs_ui(&mut self, ctx: &egui::Context, tokens: &Tokens) {
        if let Some((purpose, paths)) = self.dialogs.files.poll(ctx) {
            self.file_chosen(purpose, paths);
        }
        if let Some(action) = self.dialogs.unsaved_prompt.clone()
            && let Some(answer) = confirm::unsaved_ui(ctx, &self.doc.name())
        {
            self.dialogs.unsaved_prompt = None;
            match answer {
                UnsavedAnswer::Save => self.queue.push(Command::SaveThen(action)),
                UnsavedAnswer::Discard => self.queue.push(Command::DiscardThen(action)),
                UnsavedAnswer::Cancel => {}
            }
        }
        if let Some((targets, reason)) = &mut self.dialogs.cancel_prompt
            && let Some(answer) = confirm::cancel_reason_ui(ctx, targets.len(), reason)
        {
            let targets = std::mem::take(targets);
            self.dialogs.cancel_prompt = None;
            if let Some(reason) = answer {
                self.queue.push(Command::CancelWithReason { targets, reason });
            }
        }
        if let Some((actions, reason)) = &mut self.dialogs.cancel_actions_prompt
            && let Some(answer) = confirm::cancel_reason_ui(ctx, actions.len(), reason)
        {
            let actions = std::mem::take(actions);
            self.dialogs.cancel_actions_prompt = None;
            if let Some(reason) = answer {
                self.queue.push(Command::CancelActionsWithReason { actions, reason });
            }
        }
        if let Some((actions, to, reason)) = &mut self.dialogs.due_prompt
            && let Some(answer) = confirm::due_reason_ui(ctx, actions.len(), *to, reason)
        {
            let (actions, to) = (std::mem::take(actions), *to);
            self.dialogs.due_prompt = None;
            if let Some(reason) = answer {
                self.queue.push(Command::ChangeDue { actions, to, reason });
            }
        }
        if let Some(offer) = &self.dialogs.recovery_offer
            && let Some(restore) = confirm::recovery_ui(ctx, offer)
        {
            let offer = self.dialogs.recovery_offer.take();
            if let Some(offer) = offer {
                self.queue.push(if restore {
                    Command::RestoreRecovery { recovery: offer.recovery, workspace_path: offer.workspace_path }
                } else {
                    Command::DiscardRecovery(offer.recovery)
                });
            }
        }
        if let Some(prompt) = &self.sharing.lock_prompt
            && let Some(answer) = super::sharing::lock_prompt_ui(ctx, prompt)
        {
            let path = prompt.path.clone();
            self.sharing.lock_prompt = None;
            let mode = match answer {
                super::sharing::LockAnswer::ReadOnly => Some(super::sharing::OpenMode::ReadOnly),
                super::sharing::LockAnswer::Anyway => Some(super::sharing::OpenMode::Anyway),
                super::sharing::LockAnswer::Cancel => None,
            };
            if let Some(mode) = mode {
                self.queue.push(Command::OpenShared { path, mode });
            }
        }
        if let Some(incoming) = &self.sharing.incoming
            && let Some(bring) = super::sharing::incoming_ui(ctx, incoming)
        {
            self.queue.push(if bring { Command::BringInTheirSave } else { Command::DeclineTheirSave });
        }
        if let Some(pending) = self.doc.pending_merge()
            && let Some(answer) =
                crate::ui::dialogs::conflicts::conflicts_ui(ctx, &pending.merged.conflicts, &mut self.dialogs.conflicts)
        {
            self.dialogs.conflicts = Default::default();
            self.queue.push(match answer {
                crate::ui::dialogs::conflicts::ConflictAnswer::Save(choices) => Command::SettleMerge(choices),
                crate::ui::dialogs::conflicts::ConflictAnswer::Cancel => Command::CancelMerge,
            });
        }
        if let Some(chooser) = &mut self.dialogs.backups
            && let Some(answer) = crate::ui::dialogs::backups::backups_ui(ctx, chooser)
        {
            self.dialogs.backups = None;
            if let crate::ui::dialogs::backups::BackupAnswer::Restore(backup) = answer {
                self.queue.push(Command::RestoreBackupFrom(backup));
            }
        }
        let availability = self.availability();
        if let Some(command) = self.dialogs.palette.ui(ctx, self.doc.workspace(), &self.model, &availability) {
            self.queue.push(command);
        }
        let today = self.today();
        if let Some(ExportRequest::ChooseFile) = self.dialogs.export.ui(
            ctx,
            self.doc.workspace(),
            self.doc.revision(),
            today,
            &mut self.state.last_export,
            &self.state.filter,
        ) {
            self.queue.push(Command::ChooseExportFile);
        }
        about::about_ui(ctx, &mut self.dialogs.show_about);
        preferences::preferences_ui(ctx, &mut self.dialogs.show_preferences, &mut self.state);
        if self.state.show_log {
            let mut open = true;
            egui::Window::new("Messages").open(&mut open).default_size([560.0, 300.0]).show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if self.notifications.is_empty() {
                        ui.weak_label(tokens, "No messages.");
                    }
                    for n in self.notifications.iter().rev() {
                        ui.label(egui::RichText::new(&n.text).color(level_colour(tokens, n.level)));
                    }
                });
            });
            self.state.show_log = open;
        }
        drop_overlay_ui(ctx);
    }

    /// What a file dialog's answer asks for, as a command.
    fn file_chosen(&mut self, purpose: FilePurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else { return };
        self.state.last_folder = first.parent().map(std::path::Path::to_path_buf);
        self.queue.push(match purpose {
            FilePurpose::OpenReports | FilePurpose::ImportFolder => Command::OpenPaths(paths),
            FilePurpose::RelinkReport(report) => Command::RelinkTo { report, path: first },
            FilePurpose::OpenWorkspace => Command::OpenWorkspaceFile(first),
            FilePurpose::SaveWorkspaceAs => Command::SaveTo(first),
            FilePurpose::Export(_) => Command::ExportTo(first),
            FilePurpose::ExportNational => Command::ExportNationalTo(first),
            FilePurpose::MergeWorkspace => Command::MergeFrom(first),
        });
    }

    fn toasts_ui(&mut self, ctx: &egui::Context, tokens: &Tokens) {
        let now = self.time;
        let mut any_timed = false;
        for n in &mut self.notifications {
            if n.level == Level::Info && !n.dismissed && n.at.is_some_and(|at| now - at > TOAST_SECONDS) {
                n.dismissed = true;
            }
        }
        let live: Vec<usize> =
            self.notifications.iter().enumerate().filter(|(_, n)| !n.dismissed).map(|(i, _)| i).rev().take(4).collect();
        if live.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for i in live {
                    let n = &mut self.notifications[i];
                    any_timed |= n.level == Level::Info;
                    let colour = level_colour(tokens, n.level);
                    theme::card(tokens).stroke(egui::Stroke::new(1.5, colour)).show(ui, |ui| {
                        ui.set_max_width(400.0);
                        ui.horizontal(|ui| {
                            let title = match n.level {
                                Level::Info => "Done",
                                Level::Warning => "Warning",
                                Level::Error => "Error",
                            };
                            ui.label(egui::RichText::new(title).strong().color(colour));
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                if ui.small_button("Dismiss").clicked() {
                                    n.dismissed = true;
                                }
                            });
                        });
                        ui.add(egui::Label::new(&n.text).wrap());
                    });
                    ui.add_space(4.0);
                }
            });
        if any_timed {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(TOAST_SECONDS));
        }
    }
}

/// What the status bar shows as running, if anything.
fn activity(jobs: &Jobs) -> panels::status_bar::Activity<'_> {
    use panels::status_bar::Activity;
    if let Some(job) = &jobs.opening {
        Activity::Opening(&job.path)
    } else if let Some(export) = &jobs.exporting {
        Activity::Exporting { path: &export.job.path, rows: export.rows }
    } else if let Some(job) = &jobs.import {
        Activity::Importing { fraction: job.fraction(), text: job.progress_text() }
    } else {
        Activity::Idle
    }
}

/// Files hovering over the window: say what dropping them will do.
fn drop_overlay_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_overlay")));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(150));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop reports or a workspace to open them",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

fn level_colour(tokens: &Tokens, level: Level) -> egui::Color32 {
    match level {
        Level::Info => tokens.success_text,
        Level::Warning => tokens.warning_text,
        Level::Error => tokens.error_text,
    }
}
