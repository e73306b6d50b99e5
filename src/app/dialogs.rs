//! The dialogs shown over the window. Each is a small struct whose `ui`
//! draws one frame and returns an [`Outcome`]: still open, cancelled, or an
//! [`Answer`] the app carries out ([`StrataApp::answer`]). A dialog never
//! changes the app itself.

use std::path::PathBuf;

use egui::{Key, Ui};

use super::files::DialogPurpose;
use super::{AppCommand, PaletteEntry, Pending, StrataApp};
use crate::model::{ComponentId, Project};
use crate::templates::TEMPLATES;
use crate::ui::canvas;

/// The dialog shown over the window, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    UnsavedChanges(UnsavedChanges),
    Templates(TemplatePicker),
    PathEntry(PathEntry),
    /// A recovery copy left by a window that is gone (the first of
    /// [`StrataApp`]'s orphans).
    Recovery(RecoveryQuestion),
    CommandPalette(CommandPalette),
    Find(FindComponent),
    ExportConflict(ExportConflict),
}

/// What one frame of a dialog came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Open,
    /// Cancel, Escape or a click outside.
    Cancelled,
    Answered(Answer),
}

/// What the user chose in a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    SaveThen(Pending),
    DiscardThen(Pending),
    NewFromTemplate(&'static str),
    Path(DialogPurpose, PathBuf),
    Restore,
    DiscardRecoveryCopy,
    DecideLater,
    Palette(PaletteEntry),
    Found(ComponentId),
    ExportElsewhere,
    ReplaceExport(PathBuf),
    ExportCancelled,
}

/// "Save before …?", asked before `pending` when there are unsaved
/// changes.
#[derive(Clone, Debug, PartialEq)]
pub struct UnsavedChanges {
    pub pending: Pending,
}

/// The templates a new project starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TemplatePicker;

/// A path typed into the window, when no native file dialog can be shown.
#[derive(Clone, Debug, PartialEq)]
pub struct PathEntry {
    pub purpose: DialogPurpose,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryQuestion {
    pub origin: Option<PathBuf>,
    pub name: String,
    pub age_secs: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommandPalette {
    pub filter: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindComponent {
    pub text: String,
}

/// The export folder holds files Strata did not write, or another
/// project's spec (`another_project` names it).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportConflict {
    pub folder: PathBuf,
    pub conflicts: Vec<String>,
    pub another_project: Option<String>,
}

/// A single-line field that takes the keyboard while the dialog is open.
fn focused_field(ui: &mut Ui, text: &mut String, width: f32, hint: &str, name: &str) -> egui::Response {
    let response = ui.add(egui::TextEdit::singleline(text).desired_width(width).hint_text(hint));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, name));
    if canvas::keyboard_is_free(ui.ctx()) && !response.lost_focus() {
        response.request_focus();
    }
    response
}

impl UnsavedChanges {
    fn ui(&self, ui: &mut Ui, project_name: &str) -> Outcome {
        let pending = &self.pending;
        ui.heading("Unsaved changes");
        ui.label(format!(
            "“{project_name}” has changes that are not saved. Save them before {}?",
            pending.verb()
        ));
        ui.add_space(8.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                outcome = Outcome::Answered(Answer::SaveThen(pending.clone()));
            }
            if ui.button("Discard").clicked() {
                outcome = Outcome::Answered(Answer::DiscardThen(pending.clone()));
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Cancelled;
            }
        });
        outcome
    }
}

impl TemplatePicker {
    fn ui(&self, ui: &mut Ui) -> Outcome {
        ui.heading("New project");
        ui.add_space(4.0);
        let mut outcome = Outcome::Open;
        for template in TEMPLATES {
            ui.group(|ui| {
                ui.set_width(480.0);
                if ui.button(template.title).clicked() {
                    outcome = Outcome::Answered(Answer::NewFromTemplate(template.name));
                }
                ui.add(egui::Label::new(egui::RichText::new(template.description).weak()).wrap());
            });
        }
        ui.add_space(6.0);
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Cancelled;
        }
        outcome
    }
}

impl PathEntry {
    fn ui(&mut self, ui: &mut Ui) -> Outcome {
        let (title, action) = match self.purpose {
            DialogPurpose::Open => ("Open a project file", "Open"),
            DialogPurpose::DriftAgainst => ("Check drift against Terraform JSON", "Check"),
            DialogPurpose::SaveAs => ("Save the project as", "Save"),
            DialogPurpose::ExportFolder => ("Export the spec folder into", "Export"),
            DialogPurpose::ExportSvg => ("Export the topology as SVG", "Export"),
            DialogPurpose::ImportTerraform => ("Import a Terraform plan or state", "Import"),
        };
        ui.heading(title);
        ui.label(match self.purpose {
            DialogPurpose::DriftAgainst => "Path of the JSON that `terraform show -json` printed (plan or state):",
            DialogPurpose::ExportFolder => "Folder to write (created if needed):",
            DialogPurpose::ExportSvg => "Path of the .svg file:",
            DialogPurpose::ImportTerraform => "Path of the `terraform show -json` output (.json):",
            _ => "Path of the .ron file:",
        });
        let response = focused_field(ui, &mut self.text, 480.0, "/home/me/architecture.ron", "File path");
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if (ui.button(action).clicked() || enter) && !self.text.trim().is_empty() {
                outcome = Outcome::Answered(Answer::Path(self.purpose, expand_home(self.text.trim())));
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Cancelled;
            }
        });
        outcome
    }
}

impl RecoveryQuestion {
    fn ui(&self, ui: &mut Ui) -> Outcome {
        ui.heading("Restore unsaved work?");
        let name = &self.name;
        let from = match &self.origin {
            Some(path) => format!("{} (“{name}”)", path.display()),
            None => format!("“{name}”, a project that was never saved"),
        };
        ui.add(
            egui::Label::new(format!(
                "A Strata window did not close cleanly. It left a recovery copy of {from}, from {} ago.",
                describe_age(self.age_secs)
            ))
            .wrap(),
        );
        ui.weak("Restore opens it as that file, with its unsaved changes. Esc decides later and keeps the copy.");
        ui.add_space(8.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                outcome = Outcome::Answered(Answer::Restore);
            }
            if ui.button("Discard recovery copy").clicked() {
                outcome = Outcome::Answered(Answer::DiscardRecoveryCopy);
            }
            if ui.button("Decide later").clicked() {
                outcome = Outcome::Answered(Answer::DecideLater);
            }
        });
        outcome
    }
}

impl CommandPalette {
    fn ui(&mut self, ui: &mut Ui) -> Outcome {
        ui.heading("Commands");
        focused_field(ui, &mut self.filter, 440.0, "Type to filter", "Filter commands");
        let matches = PaletteEntry::matching(&self.filter);
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = None;
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            egui::Grid::new("palette-grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for entry in &matches {
                        if ui.selectable_label(false, entry.label()).clicked() {
                            chosen = Some(*entry);
                        }
                        if let PaletteEntry::Run(command) = entry {
                            ui.weak(command.shortcut_text(ui.ctx()));
                        }
                        ui.end_row();
                    }
                });
        });
        if matches.is_empty() {
            ui.weak("No matching command.");
        }
        if enter && chosen.is_none() {
            chosen = matches.first().copied();
        }
        chosen.map_or(Outcome::Open, |entry| Outcome::Answered(Answer::Palette(entry)))
    }
}

impl FindComponent {
    fn ui(&mut self, ui: &mut Ui, project: &Project) -> Outcome {
        ui.heading("Find component");
        focused_field(
            ui,
            &mut self.text,
            360.0,
            "Name or technology",
            "Component name to find",
        );
        let needle = self.text.to_lowercase();
        let found: Vec<(ComponentId, String)> = if needle.is_empty() {
            Vec::new()
        } else {
            project
                .components
                .iter()
                .filter(|c| c.name.to_lowercase().contains(&needle) || c.technology.to_lowercase().contains(&needle))
                .take(12)
                .map(|c| (c.id, c.name.clone()))
                .collect()
        };
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = None;
        for (id, name) in &found {
            if ui.selectable_label(false, name).clicked() {
                chosen = Some(*id);
            }
        }
        if !needle.is_empty() && found.is_empty() {
            ui.weak("No component matches.");
        }
        if enter && chosen.is_none() {
            chosen = found.first().map(|(id, _)| *id);
        }
        chosen.map_or(Outcome::Open, |id| Outcome::Answered(Answer::Found(id)))
    }
}

impl ExportConflict {
    fn ui(&self, ui: &mut Ui) -> Outcome {
        let folder = self.folder.display();
        match &self.another_project {
            Some(owner) => {
                ui.heading("Replace another project's spec?");
                ui.label(format!(
                    "{folder} holds the exported spec of another project, “{owner}”. Nothing was written."
                ));
                ui.label("Replacing it removes that project's generated files. Review minutes (reviews/) and files Strata did not write are kept.");
            }
            None => {
                ui.heading("Replace files in the export folder?");
                ui.label(format!(
                    "{folder} already holds files that an earlier Strata export did not write: {}.",
                    self.conflicts.join(", ")
                ));
                ui.label("Replacing them loses their current contents. Other files in the folder are never touched.");
            }
        }
        ui.add_space(8.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if ui.button("Another folder…").clicked() {
                outcome = Outcome::Answered(Answer::ExportElsewhere);
            }
            if ui.button("Replace").clicked() {
                outcome = Outcome::Answered(Answer::ReplaceExport(self.folder.clone()));
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Answered(Answer::ExportCancelled);
            }
        });
        outcome
    }
}

impl Dialog {
    /// One frame of the dialog; `project` is what it asks about.
    fn ui(&mut self, ui: &mut Ui, project: &Project) -> Outcome {
        match self {
            Dialog::UnsavedChanges(question) => question.ui(ui, &project.meta.name),
            Dialog::Templates(picker) => picker.ui(ui),
            Dialog::PathEntry(entry) => entry.ui(ui),
            Dialog::Recovery(question) => question.ui(ui),
            Dialog::CommandPalette(palette) => palette.ui(ui),
            Dialog::Find(find) => find.ui(ui, project),
            Dialog::ExportConflict(conflict) => conflict.ui(ui),
        }
    }
}

impl StrataApp {
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialog.take() else { return };
        let project = self.document.project();
        let mut outcome = Outcome::Open;
        let modal = egui::Modal::new(egui::Id::new("strata-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            outcome = dialog.ui(ui, project);
        });
        if modal.should_close() && outcome == Outcome::Open {
            // Escape or a click outside: cancel; for the recovery question,
            // decide later (the copies stay for the next start).
            outcome = match dialog {
                Dialog::Recovery(_) => Outcome::Answered(Answer::DecideLater),
                _ => Outcome::Cancelled,
            };
        }
        match outcome {
            Outcome::Open => self.dialog = Some(dialog),
            Outcome::Cancelled => self.after_save = None,
            // An answer may open another dialog (the next recovery copy, a
            // path field): that one stays.
            Outcome::Answered(answer) => self.answer(answer),
        }
        if self.dialog.is_none() {
            self.canvas.give_keyboard_back();
        }
    }

    /// Carries out what the user chose in a dialog.
    fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::SaveThen(pending) => {
                self.after_save = Some(pending);
                self.save();
            }
            Answer::DiscardThen(pending) => {
                if pending == Pending::Close {
                    self.document.close_cleanly();
                }
                self.proceed(pending);
            }
            Answer::NewFromTemplate(name) => self.guard(Pending::NewFromTemplate(name)),
            Answer::Path(purpose, path) => self.use_chosen_path(purpose, &path),
            Answer::Restore => {
                self.restore_first_orphan();
                self.offer_next_orphan();
            }
            Answer::DiscardRecoveryCopy => {
                self.discard_first_orphan();
                self.offer_next_orphan();
            }
            Answer::DecideLater => {
                self.after_save = None;
                self.decide_recovery_later();
            }
            Answer::Palette(entry) => self.run_palette_entry(entry),
            Answer::Found(id) => {
                self.selection = crate::selection::Selection::only(id);
                self.canvas.center_pending = Some(id);
            }
            Answer::ExportElsewhere => self.start_dialog(DialogPurpose::ExportFolder),
            Answer::ReplaceExport(folder) => {
                self.export_to(&folder, true);
            }
            Answer::ExportCancelled => self.set_status("Export cancelled; nothing was written."),
        }
    }

    /// Runs what was chosen in the command palette; a component is added
    /// to the topology, which is shown if another workspace was open.
    fn run_palette_entry(&mut self, entry: PaletteEntry) {
        match entry {
            PaletteEntry::Run(command) => self.run_command(command),
            PaletteEntry::Add(kind) => {
                self.workspace = super::Workspace::Topology;
                self.add_from_palette(kind);
            }
        }
    }

    pub(super) fn open_command_dialog(&mut self, command: AppCommand) {
        self.dialog = match command {
            AppCommand::NewFromTemplate => Some(Dialog::Templates(TemplatePicker)),
            AppCommand::CommandPalette => Some(Dialog::CommandPalette(CommandPalette::default())),
            AppCommand::Find => Some(Dialog::Find(FindComponent::default())),
            _ => return,
        };
    }
}

pub(super) fn expand_home(text: &str) -> PathBuf {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_owned());
    match (text.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    }
}

fn describe_age(seconds: u64) -> String {
    match seconds {
        0..120 => format!("{seconds} seconds"),
        120..7_200 => format!("{} minutes", seconds / 60),
        _ => format!("{} hours", seconds / 3_600),
    }
}
