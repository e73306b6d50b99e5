//! The panels around the canvas and the workspaces: menu bar, status bar,
//! palette, inspector, preview, problems, documents and review. Each draws
//! from the document and pushes what the user asked for as [`Action`]s.

use egui::Ui;

use super::{AppCommand, Menu, NOTICE_SECONDS, Pending, StrataApp, Workspace};
use crate::model::{ComponentKind, VariantArray};
use crate::review::since;
use crate::selection::Selection;
use crate::ui::{self as views, Action, DocSection, tokens};

impl StrataApp {
    pub(super) fn topology_workspace_ui(&mut self, ui: &mut Ui) {
        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        self.refresh_drift();
        if self.prefs.show_problems || self.drift.is_open() {
            self.problems_panel_ui(ui);
        }
        if self.prefs.show_palette {
            self.palette_ui(ui);
        }
        if self.prefs.show_preview {
            self.preview_panel_ui(ui);
        }
        if self.prefs.show_inspector {
            self.inspector_ui(ui);
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            self.canvas_ui(ui);
            self.compare_overlay_ui(ui);
        });
        if self.explorer_open {
            self.explorer_window_ui(ui.ctx());
        }
    }

    fn explorer_window_ui(&mut self, ctx: &egui::Context) {
        let revision = self.document.revision();
        let focus = self.selection.single();
        let project = self.document.project();
        let mut open = true;
        egui::Window::new("Dependency explorer")
            .open(&mut open)
            .default_size([900.0, 600.0])
            .resizable(true)
            .show(ctx, |ui| {
                views::explorer_ui(ui, project, revision, focus, &mut self.explorer);
            });
        self.explorer_open = open;
    }

    fn canvas_ui(&mut self, ui: &mut Ui) {
        let palette = tokens::palette(self.prefs.dark);
        self.canvas.keys_enabled = self.dialog.is_none();
        let actions = self.canvas.ui(
            ui,
            self.document.project(),
            self.document.revision(),
            &self.geometry,
            &self.selection,
            palette,
        );
        self.actions.extend(actions);
    }

    /// The problems and, once drift was checked, the drift findings
    /// beside them (or alone while the problems are hidden).
    fn problems_panel_ui(&mut self, ui: &mut Ui) {
        let revision = self.document.revision();
        let project = self.document.project();
        let show_problems = self.prefs.show_problems;
        let problems = &mut self.problems;
        let drift = &mut self.drift;
        // Tall enough for a few groups of findings at a glance; a drift
        // check just run gets room for its findings even if the panel was
        // made small.
        let panel = egui::Panel::bottom("strata-problems")
            .resizable(true)
            .default_size(280.0);
        let panel = if drift.is_open() { panel.min_size(200.0) } else { panel };
        let (asked, drift_asked) = panel
            .show(ui, |ui| {
                if !drift.is_open() {
                    return (views::problems_ui(ui, project, revision, problems), None);
                }
                if !show_problems {
                    return (None, views::drift_ui(ui, project, revision, drift));
                }
                let width = ui.available_width();
                let drift_asked = egui::Panel::right("strata-drift")
                    .resizable(true)
                    .default_size(width * 0.5)
                    .show(ui, |ui| views::drift_ui(ui, project, revision, drift))
                    .inner;
                (views::problems_ui(ui, project, revision, problems), drift_asked)
            })
            .inner;
        self.actions.extend(asked);
        if let Some(request) = drift_asked {
            self.drift_request(request);
        }
    }

    /// A menu entry for `command`: its label, its shortcut, greyed out when
    /// it cannot run.
    fn command_button(&mut self, ui: &mut Ui, command: AppCommand) {
        let history = self.document.history();
        let label = match command {
            AppCommand::Undo => history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            AppCommand::Redo => history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            AppCommand::ToggleTheme if self.prefs.dark => "Light theme".to_owned(),
            AppCommand::ToggleTheme => "Dark theme".to_owned(),
            _ => command.label().to_owned(),
        };
        let enabled = command.is_enabled(&self.command_state());
        let button = egui::Button::new(label).shortcut_text(command.shortcut_text(ui.ctx()));
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.actions.push(Action::Command(command));
            ui.close();
        }
    }

    /// A button on the menu bar that runs `command`, with its tooltip and
    /// shortcut on hover.
    fn bar_button(&mut self, ui: &mut Ui, text: &str, command: AppCommand) {
        if ui
            .button(text)
            .on_hover_text(command.tooltip_with_shortcut(ui.ctx()))
            .clicked()
        {
            self.actions.push(Action::Command(command));
        }
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        for command in [AppCommand::NewFromTemplate, AppCommand::Open, AppCommand::OpenPath] {
            self.command_button(ui, command);
        }
        ui.menu_button("Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.label("No recent files");
            }
            for path in self.prefs.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.guard(Pending::OpenPath(path));
                    ui.close();
                }
            }
        });
        ui.menu_button("Import", |ui| self.command_button(ui, AppCommand::ImportTerraform));
        ui.separator();
        for command in [AppCommand::Save, AppCommand::SaveAs] {
            self.command_button(ui, command);
        }
        ui.separator();
        for command in [AppCommand::ExportSpec, AppCommand::ExportSvg] {
            self.command_button(ui, command);
        }
        ui.separator();
        self.command_button(ui, AppCommand::Quit);
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("strata-menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| self.file_menu_ui(ui));
                self.compare_menu_ui(ui);
                for (title, menu) in [("Edit", Menu::Edit), ("View", Menu::View), ("Review", Menu::Review)] {
                    ui.menu_button(title, |ui| {
                        for command in AppCommand::all().filter(|c| c.menu() == menu) {
                            if matches!(command, AppCommand::Delete | AppCommand::Fit | AppCommand::AutoArrange) {
                                ui.separator();
                            }
                            self.command_button(ui, command);
                        }
                    });
                }
                ui.separator();
                for (workspace, command) in [
                    (Workspace::Topology, AppCommand::ShowTopology),
                    (Workspace::Documents, AppCommand::ShowDocuments),
                ] {
                    if ui
                        .selectable_label(self.workspace == workspace, command.label())
                        .on_hover_text(command.tooltip_with_shortcut(ui.ctx()))
                        .clicked()
                    {
                        self.actions.push(Action::Command(command));
                    }
                }
                self.bar_button(ui, "▶ Present", AppCommand::PresentDecisions);
                ui.separator();
                self.bar_button(ui, "Auto-arrange", AppCommand::AutoArrange);
                self.bar_button(ui, "Fit", AppCommand::Fit);
            });
        });
    }

    /// A notice goes away on its own after [`NOTICE_SECONDS`]; an error
    /// stays until dismissed.
    fn expire_notice(&mut self, ui: &Ui) {
        let now = ui.input(|i| i.time);
        if let Some(message) = &mut self.message
            && !message.is_error
        {
            let shown_at = *message.shown_at.get_or_insert(now);
            let left = shown_at + NOTICE_SECONDS - now;
            if left <= 0.0 {
                self.message = None;
            } else {
                // One wake-up when it is due, not a repaint loop.
                ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        self.expire_notice(ui);
        egui::Panel::bottom("strata-status").show(ui, |ui| {
            ui.horizontal(|ui| {
                self.message_ui(ui);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.counts_ui(ui)
                });
            });
        });
    }

    fn message_ui(&mut self, ui: &mut Ui) {
        let Some(message) = self.message.clone() else {
            let palette = AppCommand::CommandPalette.shortcut_text(ui.ctx());
            ui.weak(format!(
                "Drag empty space or scroll to pan · Ctrl+scroll to zoom · Shift+drag to select · {palette} for commands"
            ));
            return;
        };
        let color = if message.is_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        if message.is_error {
            ui.colored_label(color, "⚠");
        }
        ui.add(egui::Label::new(egui::RichText::new(&message.text).color(color)).wrap());
        if ui.small_button("Dismiss").clicked() {
            self.message = None;
        }
    }

    fn counts_ui(&mut self, ui: &mut Ui) {
        let counts = self.problems.counts();
        let text = egui::RichText::new(views::status_counts_text(&self.problems));
        let text = if counts.errors > 0 {
            text.color(ui.visuals().error_fg_color)
        } else {
            text
        };
        let toggle = AppCommand::ToggleProblems;
        if ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text(toggle.tooltip_with_shortcut(ui.ctx()))
            .clicked()
        {
            self.actions.push(Action::Command(toggle));
        }
        ui.weak(format!("{:.0} %", self.canvas.zoom * 100.0));
        let project = self.document.project();
        ui.weak(format!(
            "{} components · {} dependencies",
            project.components.len(),
            project.dependencies.len()
        ));
        if self.is_dirty() {
            ui.weak("unsaved changes");
        }
    }

    fn palette_ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("strata-palette")
            .resizable(true)
            .default_size(150.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Add component");
                ui.weak("Click to add to its usual layer");
                ui.add_space(4.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for &kind in ComponentKind::VARIANTS {
                        let button = egui::Button::new(format!("+ {}", kind.label()))
                            .min_size(egui::vec2(ui.available_width(), 0.0));
                        if ui.add(button).clicked() {
                            self.actions.push(Action::AddFromPalette(kind));
                        }
                    }
                });
            });
    }

    fn inspector_ui(&mut self, ui: &mut Ui) {
        egui::Panel::right("strata-inspector")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                match &self.selection {
                    Selection::Components(_) => self.multi_inspector_ui(ui),
                    Selection::Nothing => self.project_summary_ui(ui),
                    _ => self.single_inspector_ui(ui),
                }
            });
    }

    fn multi_inspector_ui(&mut self, ui: &mut Ui) {
        let ids = self.selection.components();
        let project = self.document.project();
        let edit = egui::ScrollArea::vertical()
            .id_salt("inspector_multi_scroll")
            .show(ui, |ui| {
                views::multi_component_ui(ui, project, &ids, &mut self.inspector)
            })
            .inner;
        if let Some((edit, label)) = edit {
            self.actions.push(Action::edit(edit, label));
        }
    }

    fn project_summary_ui(&mut self, ui: &mut Ui) {
        let meta = &self.document.project().meta;
        ui.strong(&meta.name);
        ui.weak(format!("{} · version {}", meta.status.label(), meta.version));
        ui.add_space(6.0);
        ui.add(egui::Label::new(&meta.summary).wrap());
        ui.add_space(8.0);
        let documents = AppCommand::ShowDocuments.shortcut_text(ui.ctx());
        ui.weak(format!(
            "Select a component or an arrow to edit it. The project-wide spec is in Documents ({documents})."
        ));
    }

    fn single_inspector_ui(&mut self, ui: &mut Ui) {
        // The form lives in exactly the panel's rectangle: fields end at its
        // edge, and nothing in it can widen the panel (which would shift the
        // canvas under the user at every selection).
        let rect = ui.available_rect_before_wrap();
        let mut form = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
        form.set_clip_rect(rect.intersect(ui.clip_rect()));
        let actions = views::inspector_ui(&mut form, self.document.project(), &self.selection, &mut self.inspector);
        ui.advance_cursor_after_rect(rect);
        self.actions.extend(actions);
    }

    fn preview_panel_ui(&mut self, ui: &mut Ui) {
        let page = (self.workspace == Workspace::Documents).then_some(self.doc_section);
        let target = views::preview::preview_target(page, &self.selection);
        let revision = self.document.revision();
        let project = self.document.project();
        egui::Panel::right("strata-preview")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                views::preview_ui(ui, project, target.as_ref(), revision, &mut self.preview);
            });
    }

    pub(super) fn documents_workspace_ui(&mut self, ui: &mut Ui) {
        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        egui::Panel::left("strata-doc-sections")
            .resizable(false)
            .default_size(170.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Documents");
                ui.add_space(4.0);
                for &section in DocSection::VARIANTS {
                    if ui
                        .selectable_label(self.doc_section == section, section.label())
                        .clicked()
                    {
                        self.doc_section = section;
                    }
                }
            });
        if self.prefs.show_preview {
            self.preview_panel_ui(ui);
        }
        let project = self.document.project();
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let asked = views::documents_ui(ui, project, self.doc_section, &mut self.documents);
                self.actions.extend(asked);
            });
        });
    }

    pub(super) fn review_workspace_ui(&mut self, ui: &mut Ui) {
        let Some(state) = &mut self.review else {
            self.workspace = Workspace::Topology;
            return;
        };
        let project = self.document.project();
        egui::CentralPanel::default().show(ui, |ui| {
            self.actions.extend(views::review::review_ui(ui, project, state));
        });
    }

    /// Writes the review minutes and the project as reviewed beside the
    /// spec, says where, and has the project remember this review (one
    /// undo step) so the next one can show what changed since.
    pub(super) fn write_minutes(&mut self) {
        let folder = self.minutes_folder();
        let Some(state) = &mut self.review else { return };
        match crate::review::write_minutes(self.document.project(), &state.session, &folder) {
            Ok(written) => {
                state.notice = Some(format!("Minutes written to {}", written.minutes.display()));
                let reference = since::reference(&written.snapshot, self.document.path());
                if let Some(edit) = since::remember(self.document.project(), &reference) {
                    self.queue_edit(edit, "Record the review");
                }
            }
            Err(error) => state.message = Some(format!("Cannot write the minutes into {}: {error}", folder.display())),
        }
    }
}
