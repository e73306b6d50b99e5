//! The frame's answers, carried out: every view pushes [`Action`]s while it
//! is drawn, shortcuts push commands, and [`StrataApp::drain_actions`] runs
//! them all once, after the views. Edits are queued and applied through the
//! document last, so one user action is one undo step.

use super::commands::CommandState;
use super::{AppCommand, StrataApp, Workspace};
use crate::check::Place;
use crate::edit::Edit;
use crate::layout::{self, Geometry};
use crate::model::*;
use crate::selection::Selection;
use crate::ui::canvas;
use crate::ui::review::ReviewState;
use crate::ui::{Action, DocSection};

/// An edit waiting for the end of the frame.
pub(super) struct Queued {
    pub edit: Edit,
    pub label: String,
    pub merge_key: Option<String>,
}

impl StrataApp {
    /// Queues a command, as if chosen from a menu.
    pub fn queue_command(&mut self, command: AppCommand) {
        self.actions.push(Action::Command(command));
    }

    pub(super) fn queue_edit(&mut self, edit: Edit, label: impl Into<String>) {
        self.queued.push(Queued {
            edit,
            label: label.into(),
            merge_key: None,
        });
    }

    /// What decides whether a command can run now.
    pub(super) fn command_state(&self) -> CommandState<'_> {
        CommandState {
            history: self.document.history(),
            selection: &self.selection,
            workspace: self.workspace,
            broken: self.broken.is_some(),
        }
    }

    /// Runs every action of this frame, in the order they were asked for,
    /// then applies the edits they queued.
    pub(super) fn drain_actions(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            // What they open or change is drawn in one more frame.
            ctx.request_repaint();
        }
        for action in actions {
            self.run_action(action);
        }
        self.apply_queued(ctx);
    }

    fn run_action(&mut self, action: Action) {
        match action {
            Action::Edit { edit, label, merge_key } => self.queued.push(Queued { edit, label, merge_key }),
            Action::Command(command) => self.run_command(command),
            Action::AddComponent { kind, at } => self.add_component(kind, at),
            Action::AddFromPalette(kind) => self.add_from_palette(kind),
            Action::GroupIntoZone(kind) => self.group_selection_into_zone(kind),
            Action::Select(selection) => self.selection = selection,
            Action::GoTo(place) => self.go_to_place(place),
            Action::OpenDecision { id, new } => {
                self.documents.open_decision(id, new);
                self.doc_section = DocSection::Decisions;
                self.workspace = Workspace::Documents;
                let back = AppCommand::ShowTopology.shortcut_text(&self.ctx_or_default());
                self.set_status(format!(
                    "Decision opened in Documents, Decisions page; {back} returns to the topology."
                ));
            }
            Action::WriteMinutes => self.write_minutes(),
            Action::LeaveReview => {
                self.review = None;
                self.workspace = Workspace::Topology;
                self.canvas.give_keyboard_back();
                let undo = AppCommand::Undo.shortcut_text(&self.ctx_or_default());
                self.set_status(format!(
                    "Left review mode; the outcomes are in the project ({undo} undoes them)."
                ));
            }
            Action::LeaveCompare => self.compare = None,
            Action::Status(text) => self.set_status(text),
        }
    }

    fn ctx_or_default(&self) -> egui::Context {
        self.ctx.clone().unwrap_or_default()
    }

    pub(super) fn run_command(&mut self, command: AppCommand) {
        if self.broken.is_some() && !command.works_without_project() {
            return;
        }
        match command {
            AppCommand::NewFromTemplate | AppCommand::CommandPalette | AppCommand::Find => {
                self.open_command_dialog(command)
            }
            AppCommand::Open => self.guard(super::Pending::OpenDialog),
            AppCommand::OpenPath => self.open_path_entry(super::files::DialogPurpose::Open),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs => self.start_dialog(super::files::DialogPurpose::SaveAs),
            AppCommand::ExportSpec => self.start_dialog(super::files::DialogPurpose::ExportFolder),
            AppCommand::ExportSvg => self.start_dialog(super::files::DialogPurpose::ExportSvg),
            AppCommand::ImportTerraform => self.start_dialog(super::files::DialogPurpose::ImportTerraform),
            AppCommand::ShowTopology => self.workspace = Workspace::Topology,
            AppCommand::ShowDocuments => self.workspace = Workspace::Documents,
            AppCommand::PresentDecisions => {
                let selected = self.selection.components();
                let since = crate::review::since::since_last_review(self.document.project(), self.document.path());
                self.review = Some(
                    ReviewState::new(&crate::today_iso())
                        .with_selection(selected)
                        .with_changes(since),
                );
                self.workspace = Workspace::Review;
            }
            AppCommand::Quit => {
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            AppCommand::Undo => {
                self.canvas.rename = None;
                match self.document.undo() {
                    Some(label) => self.set_status(format!("Undid: {label}")),
                    None => self.set_status("Nothing to undo"),
                }
            }
            AppCommand::Redo => match self.document.redo() {
                Some(label) => self.set_status(format!("Redid: {label}")),
                None => self.set_status("Nothing to redo"),
            },
            AppCommand::SelectAll => {
                self.selection = Selection::of_components(self.document.project().components.iter().map(|c| c.id));
            }
            AppCommand::Rename => {
                if let Some(id) = self.selection.single() {
                    self.canvas.start_rename(self.document.project(), id);
                }
            }
            AppCommand::AutoArrange => {
                let edit = layout::arrange_edit(self.document.project());
                self.queue_edit(edit, "Auto-arrange");
            }
            _ => self.run_view_command(command),
        }
    }

    /// Commands that change the selection, the canvas view or a panel.
    fn run_view_command(&mut self, command: AppCommand) {
        match command {
            AppCommand::Delete => self.delete_selection(),
            AppCommand::GroupIntoZone => self.group_selection_into_zone(None),
            AppCommand::Duplicate => self.duplicate_selection(),
            AppCommand::BlastRadius => self.show_blast_radius(),
            AppCommand::CheckDrift => self.start_dialog(super::files::DialogPurpose::DriftAgainst),
            AppCommand::Fit => self.canvas.fit_pending = true,
            AppCommand::ZoomIn => self.canvas.zoom_step_pending = Some(1.25),
            AppCommand::ZoomOut => self.canvas.zoom_step_pending = Some(0.8),
            AppCommand::TogglePreview => self.prefs.show_preview = !self.prefs.show_preview,
            AppCommand::ToggleProblems => self.prefs.show_problems = !self.prefs.show_problems,
            AppCommand::DependencyExplorer => self.explorer_open = !self.explorer_open,
            AppCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            AppCommand::TogglePalette => self.prefs.show_palette = !self.prefs.show_palette,
            AppCommand::ToggleInspector => self.prefs.show_inspector = !self.prefs.show_inspector,
            _ => {}
        }
    }

    fn apply_queued(&mut self, ctx: &egui::Context) {
        let queued = std::mem::take(&mut self.queued);
        if queued.is_empty() {
            return;
        }
        for Queued { edit, label, merge_key } in queued {
            if let Err(error) = self.document.apply(edit, label, merge_key) {
                self.set_error(format!("That change was refused: {error}"));
            }
        }
        self.selection.retain_existing(self.document.project());
        if let Some(id) = self.rename_after_apply.take() {
            self.canvas.start_rename(self.document.project(), id);
        }
        if let Some(id) = self.center_after_apply.take() {
            self.canvas.center_pending = Some(id);
        }
        // Show the result now rather than at the next input.
        ctx.request_repaint();
    }

    /// Rebuilds the geometry when the document's revision moved.
    pub(super) fn refresh_geometry(&mut self) {
        let revision = self.document.revision();
        if self.geometry_revision != Some(revision) {
            self.geometry = Geometry::of(self.document.project());
            self.geometry_revision = Some(revision);
            self.selection.retain_existing(self.document.project());
        }
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let review_typing = self.review.as_ref().is_some_and(|r| r.typing().is_some());
        let typing = !canvas::keyboard_is_free(ctx) || self.canvas.rename.is_some() || review_typing;
        let canvas_keys = !typing && canvas::canvas_has_focus(ctx);
        let mut pressed: Vec<AppCommand> = Vec::new();
        for (command, shortcut) in AppCommand::by_shortcut_priority() {
            let blocked = (typing && command.needs_free_keyboard(&shortcut))
                || (!canvas_keys && AppCommand::needs_canvas_focus(&shortcut))
                || !command.applies_in(self.workspace)
                || pressed.contains(&command);
            if !blocked && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                pressed.push(command);
            }
        }
        self.actions.extend(pressed.into_iter().map(Action::Command));
    }

    /// Selects and centres what a problem names; project-wide places open
    /// the matching documents page.
    pub fn go_to_place(&mut self, place: Place) {
        match place {
            Place::Component { id } => {
                let id = ComponentId(id);
                self.workspace = Workspace::Topology;
                self.selection = Selection::only(id);
                self.canvas.center_pending = Some(id);
            }
            Place::Dependency { id } => {
                let id = DependencyId(id);
                self.workspace = Workspace::Topology;
                self.selection = Selection::only_dependency(id);
                if let Some(dependency) = self.document.project().dependency(id) {
                    self.canvas.center_pending = Some(dependency.from);
                }
            }
            Place::Decision { .. } => {
                self.workspace = Workspace::Documents;
                self.doc_section = DocSection::Decisions;
            }
            Place::Section { section, .. } => match DocSection::of_lint_section(&section) {
                Some(wanted) => {
                    self.workspace = Workspace::Documents;
                    self.doc_section = wanted;
                }
                None => self.set_status(format!("The problem is in the {section} section.")),
            },
            Place::Layer { .. } | Place::Zone { .. } | Place::Project => {
                self.workspace = Workspace::Topology;
                self.canvas.fit_pending = true;
            }
        }
    }
}

impl DocSection {
    /// The page for a section a lint names.
    fn of_lint_section(section: &str) -> Option<DocSection> {
        match section {
            "assertions" => Some(DocSection::Assertions),
            "threats" => Some(DocSection::Security),
            "environments" => Some(DocSection::Environments),
            "open_questions" | "open questions" => Some(DocSection::OpenQuestions),
            "vocabulary" => Some(DocSection::Vocabulary),
            _ => None,
        }
    }
}
