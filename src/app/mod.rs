//! The eframe shell: files, commands, history and the panels around the
//! canvas.
//!
//! UI code never changes the project directly: it queues edits and
//! commands, and [`StrataApp`] applies them once per frame, edits through
//! the core [`History`] so every change can be undone.

pub mod commands;
pub mod files;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

pub use commands::{AppCommand, Menu};
use files::{DialogAnswer, DialogPurpose};

use crate::edit::{Edit, History};
use crate::layout::{self, BAND_HEADER, Geometry, NODE_HEIGHT};
use crate::model::*;
use crate::store;
use crate::templates::{self, TEMPLATES};
use crate::ui::canvas::{Canvas, CanvasAction, Selection};
use crate::ui::tokens;

/// How often a recovery copy is written while there are unsaved changes.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(60);
const MAX_RECENT: usize = 10;

/// UI preferences, kept in eframe storage (never in the project file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    pub show_palette: bool,
    pub show_inspector: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            recent: Vec::new(),
            show_palette: true,
            show_inspector: true,
        }
    }
}

/// How the app is started.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    pub file: Option<PathBuf>,
    /// Where the crash-recovery copy lives; `None` turns recovery off.
    pub recovery_file: Option<PathBuf>,
    /// Use rfd's native dialogs; otherwise always the in-window path field.
    pub native_dialogs: bool,
}

impl AppOptions {
    /// The real window: native dialogs and the standard recovery file.
    pub fn window(file: Option<PathBuf>) -> AppOptions {
        AppOptions {
            file,
            recovery_file: files::default_recovery_path(),
            native_dialogs: true,
        }
    }
    /// Tests: no native dialogs, no recovery file.
    pub fn headless(file: Option<PathBuf>) -> AppOptions {
        AppOptions {
            file,
            recovery_file: None,
            native_dialogs: false,
        }
    }
}

/// Something to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Close,
    OpenDialog,
    OpenPath(PathBuf),
    NewFromTemplate(&'static str),
}

impl Pending {
    fn verb(&self) -> &'static str {
        match self {
            Pending::Close => "closing",
            Pending::OpenDialog | Pending::OpenPath(_) => "opening another project",
            Pending::NewFromTemplate(_) => "starting a new project",
        }
    }
}

/// The dialog shown over the window, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    UnsavedChanges(Pending),
    Templates,
    PathEntry { purpose: DialogPurpose, text: String },
    Recovery { origin: Option<PathBuf>, age_secs: u64 },
    CommandPalette { filter: String },
    Find { text: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

struct Queued {
    edit: Edit,
    label: String,
    merge_key: Option<String>,
}

/// Text fields of the inspector, committed as one edit when a field loses
/// focus (one undo step per field edit, not per keystroke).
#[derive(Clone, Debug, Default)]
struct InspectorBuffer {
    component: Option<ComponentId>,
    dependency: Option<DependencyId>,
    revision: u64,
    name: String,
    technology: String,
    description: String,
    label: String,
    protocol: String,
}

pub struct StrataApp {
    pub project: Project,
    pub history: History,
    pub path: Option<PathBuf>,
    pub selection: Selection,
    pub prefs: Prefs,
    pub canvas: Canvas,
    pub dialog: Option<Dialog>,
    pub message: Option<Message>,
    options: AppOptions,
    geometry: Geometry,
    /// (project generation, history revision) the geometry was built for.
    geometry_key: Option<(u64, u64)>,
    generation: u64,
    queued: Vec<Queued>,
    commands: Vec<AppCommand>,
    rename_after_apply: Option<ComponentId>,
    file_dialog: Option<Receiver<DialogAnswer>>,
    /// Run after a successful Save As (the action that asked for a save).
    after_save: Option<Pending>,
    allow_close: bool,
    /// Set when the window may close (tests read it).
    pub close_confirmed: bool,
    last_title: String,
    last_recovery_write: Instant,
    recovery_revision: Option<u64>,
    recovered: Option<Project>,
    inspector: InspectorBuffer,
    theme_applied: Option<bool>,
    /// The egui context, known from the first frame (dialog threads use it
    /// to wake the UI).
    ctx: Option<egui::Context>,
}

impl StrataApp {
    /// Builds the app for eframe (preferences from eframe storage).
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> StrataApp {
        let prefs: Prefs = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        StrataApp::with_prefs(options, prefs)
    }

    /// Builds the app without eframe (tests, benchmarks).
    pub fn with_prefs(options: AppOptions, prefs: Prefs) -> StrataApp {
        let mut app = StrataApp {
            project: templates::default_project(),
            history: History::new(),
            path: None,
            selection: Selection::default(),
            prefs,
            canvas: Canvas::default(),
            dialog: None,
            message: None,
            geometry: Geometry::default(),
            geometry_key: None,
            generation: 0,
            queued: Vec::new(),
            commands: Vec::new(),
            rename_after_apply: None,
            file_dialog: None,
            after_save: None,
            allow_close: false,
            close_confirmed: false,
            last_title: String::new(),
            last_recovery_write: Instant::now(),
            recovery_revision: None,
            recovered: None,
            inspector: InspectorBuffer::default(),
            theme_applied: None,
            ctx: None,
            options,
        };
        if let Some(file) = app.options.file.clone() {
            app.open_path(&file);
        }
        if let Some(recovery) = app.options.recovery_file.clone() {
            match files::read_recovery(&recovery) {
                None => {}
                Some(Ok(recovered)) => {
                    app.dialog = Some(Dialog::Recovery {
                        origin: recovered.origin.clone(),
                        age_secs: recovered.age.as_secs(),
                    });
                    app.recovered = Some(recovered.project);
                }
                Some(Err(error)) => {
                    app.set_error(format!("A recovery copy was found but cannot be read: {error}"));
                    files::remove_recovery(&recovery);
                }
            }
        }
        app
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// The window title: file name, a dot when there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| "Untitled".to_owned(), |n| n.to_string_lossy().into_owned());
        let dirty = if self.history.is_dirty() { " •" } else { "" };
        format!("{name}{dirty} — Strata")
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    fn set_error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    fn set_status(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    /// Puts `project` in the window as if it had been opened from `path`
    /// (benchmarks, embedding).
    pub fn set_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.replace_project(project, path);
    }

    /// Replaces the open project (after a successful open or new).
    fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.history = History::new();
        self.path = path;
        self.selection.clear();
        self.canvas = Canvas::default();
        self.generation += 1;
        self.geometry_key = None;
        self.queued.clear();
        self.recovery_revision = None;
    }

    /// Opens a project file; on failure the current project stays and the
    /// error is shown.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match store::load(path) {
            Ok(project) => {
                self.replace_project(project, Some(path.to_owned()));
                self.remember_recent(path);
                self.set_status(format!("Opened {}", path.display()));
                true
            }
            Err(error) => {
                self.set_error(format!(
                    "Could not open the file; the current project is unchanged. {error}"
                ));
                false
            }
        }
    }

    /// Saves to `path`; on success it becomes the project's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save(path, &self.project) {
            Ok(()) => {
                self.path = Some(path.to_owned());
                self.history.mark_saved();
                self.remember_recent(path);
                if let Some(recovery) = &self.options.recovery_file {
                    files::remove_recovery(recovery);
                }
                self.recovery_revision = None;
                self.set_status(format!("Saved {}", path.display()));
                true
            }
            Err(error) => {
                self.set_error(format!(
                    "{error}. Your changes are still open; try another folder with Save As."
                ));
                false
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Queues a command, as if chosen from a menu.
    pub fn queue_command(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    fn queue_edit(&mut self, edit: Edit, label: impl Into<String>) {
        self.queued.push(Queued {
            edit,
            label: label.into(),
            merge_key: None,
        });
    }

    /// Asks about unsaved changes before `pending`, or just does it.
    fn guard(&mut self, pending: Pending) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::UnsavedChanges(pending));
        } else {
            self.proceed(pending);
        }
    }

    fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::Close => {
                self.allow_close = true;
                self.close_confirmed = true;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Pending::OpenDialog => self.start_dialog(DialogPurpose::Open),
            Pending::OpenPath(path) => {
                self.open_path(&path);
            }
            Pending::NewFromTemplate(name) => {
                if let Some(template) = templates::find(name) {
                    let project = template.instantiate(&crate::today_iso());
                    self.replace_project(project, None);
                    self.history.mark_unsaved();
                    self.set_status(format!("New project from “{}”", template.title));
                }
            }
        }
    }

    fn start_dialog(&mut self, purpose: DialogPurpose) {
        if self.options.native_dialogs && self.file_dialog.is_none() {
            // The context is set on the first frame; without it (tests) use
            // the path field.
            if let Some(ctx) = &self.ctx {
                let folder = self.path.as_ref().and_then(|p| p.parent()).map(Path::to_owned);
                let name = self
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or_else(|| "project.ron".to_owned(), |n| n.to_string_lossy().into_owned());
                self.file_dialog = Some(files::spawn_dialog(purpose, ctx.clone(), folder, name));
                return;
            }
        }
        self.open_path_entry(purpose);
    }

    fn open_path_entry(&mut self, purpose: DialogPurpose) {
        let text = match (&self.path, purpose) {
            (Some(path), DialogPurpose::SaveAs) => path.to_string_lossy().into_owned(),
            (Some(path), DialogPurpose::Open) => path.parent().map(|p| format!("{}/", p.display())).unwrap_or_default(),
            (None, _) => String::new(),
        };
        self.dialog = Some(Dialog::PathEntry { purpose, text });
    }

    fn poll_file_dialog(&mut self) {
        let Some(receiver) = &self.file_dialog else { return };
        let Ok(answer) = receiver.try_recv() else { return };
        self.file_dialog = None;
        match answer.path {
            Some(path) => match answer.purpose {
                DialogPurpose::Open => {
                    self.open_path(&path);
                }
                DialogPurpose::SaveAs => self.finish_save_as(&path),
            },
            None if answer.elapsed < files::NO_DIALOG_THRESHOLD => {
                self.set_status("No file dialog is available here (no desktop portal or zenity): type a path instead.");
                self.open_path_entry(answer.purpose);
            }
            None => self.after_save = None,
        }
    }

    fn finish_save_as(&mut self, path: &Path) {
        if self.save_to(path)
            && let Some(pending) = self.after_save.take()
        {
            self.proceed(pending);
        }
    }

    fn save(&mut self) {
        match self.path.clone() {
            Some(path) => {
                if self.save_to(&path)
                    && let Some(pending) = self.after_save.take()
                {
                    self.proceed(pending);
                }
            }
            None => self.start_dialog(DialogPurpose::SaveAs),
        }
    }

    fn run_command(&mut self, command: AppCommand, ctx: &egui::Context) {
        match command {
            AppCommand::NewFromTemplate => self.dialog = Some(Dialog::Templates),
            AppCommand::Open => self.guard(Pending::OpenDialog),
            AppCommand::OpenPath => self.open_path_entry(DialogPurpose::Open),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs => self.start_dialog(DialogPurpose::SaveAs),
            AppCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            AppCommand::Undo => {
                self.canvas.rename = None;
                match self.history.undo(&mut self.project) {
                    Some(label) => self.set_status(format!("Undid: {label}")),
                    None => self.set_status("Nothing to undo"),
                }
            }
            AppCommand::Redo | AppCommand::RedoAlt => match self.history.redo(&mut self.project) {
                Some(label) => self.set_status(format!("Redid: {label}")),
                None => self.set_status("Nothing to redo"),
            },
            AppCommand::Delete => self.delete_selection(),
            AppCommand::Duplicate => self.duplicate_selection(),
            AppCommand::SelectAll => {
                self.selection.components = self.project.components.iter().map(|c| c.id).collect();
                self.selection.dependency = None;
            }
            AppCommand::Find => self.dialog = Some(Dialog::Find { text: String::new() }),
            AppCommand::Rename => {
                if let Some(id) = self.selection.single() {
                    self.canvas.start_rename(&self.project, id);
                }
            }
            AppCommand::AutoArrange => {
                let edit = layout::arrange_edit(&self.project);
                self.queue_edit(edit, "Auto-arrange");
            }
            AppCommand::Fit => self.canvas.fit_pending = true,
            AppCommand::ZoomIn => self.canvas.zoom_step_pending = Some(1.25),
            AppCommand::ZoomOut => self.canvas.zoom_step_pending = Some(0.8),
            AppCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            AppCommand::TogglePalette => self.prefs.show_palette = !self.prefs.show_palette,
            AppCommand::ToggleInspector => self.prefs.show_inspector = !self.prefs.show_inspector,
            AppCommand::CommandPalette => {
                self.dialog = Some(Dialog::CommandPalette { filter: String::new() });
            }
        }
    }

    fn delete_selection(&mut self) {
        if !self.selection.components.is_empty() {
            let ids: Vec<ComponentId> = self.selection.components.iter().copied().collect();
            let count = ids.len();
            let edit = Edit::batch(ids.into_iter().map(Edit::RemoveComponent).collect());
            let label = if count == 1 {
                "Delete component".to_owned()
            } else {
                format!("Delete {count} components")
            };
            self.queue_edit(edit, label);
        } else if let Some(id) = self.selection.dependency {
            self.queue_edit(Edit::RemoveDependency(id), "Delete dependency");
        }
    }

    fn duplicate_selection(&mut self) {
        let mut next = self.project.next_component_id().0;
        let mut edits = Vec::new();
        let mut copies = Vec::new();
        for id in &self.selection.components {
            let Some(original) = self.project.component(*id) else {
                continue;
            };
            let mut copy = original.clone();
            copy.id = ComponentId(next);
            next += 1;
            copy.name = format!("{} copy", original.name);
            let geometry_rect = self.geometry.node(*id);
            copy.position = match (original.position, geometry_rect) {
                (Some(p), _) => Some(Position {
                    x: p.x + 30.0,
                    y: p.y + 12.0,
                }),
                (None, _) => None,
            };
            copies.push(copy.id);
            edits.push(Edit::InsertComponent {
                index: self.project.components.len() + edits.len(),
                component: Box::new(copy),
            });
        }
        if edits.is_empty() {
            return;
        }
        self.queue_edit(Edit::batch(edits), "Duplicate");
        self.selection.components = copies.into_iter().collect();
        self.selection.dependency = None;
    }

    /// Adds a component of `kind` at a canvas point (band and offset from
    /// the geometry), selects it and starts renaming it.
    pub fn add_component(&mut self, kind: ComponentKind, at: egui::Pos2) {
        let band = self
            .geometry
            .band_at(at.y)
            .or_else(|| self.geometry.bands.iter().find(|b| b.layer.is_some()))
            .cloned();
        let (layer, y) = match &band {
            Some(band) => (
                band.layer,
                (at.y - band.top - NODE_HEIGHT / 2.0).clamp(BAND_HEADER, (band.height - NODE_HEIGHT).max(BAND_HEADER)),
            ),
            None => (self.project.layers.first().map(|l| l.id), BAND_HEADER),
        };
        // Slide right until the new box does not cover another one.
        let top = band.as_ref().map_or(0.0, |b| b.top) + y;
        let mut x = (at.x - layout::NODE_WIDTH / 2.0).max(0.0).round();
        let overlaps = |x: f32| {
            self.geometry.nodes.iter().any(|(_, r)| {
                x < r.right() + 12.0
                    && r.x < x + layout::NODE_WIDTH + 12.0
                    && top < r.bottom()
                    && r.y < top + NODE_HEIGHT
            })
        };
        for _ in 0..500 {
            if !overlaps(x) {
                break;
            }
            x += layout::NODE_WIDTH / 2.0;
        }
        let id = ComponentId(self.project.next_component_id().0 + self.queued.len() as u32);
        let component = Component {
            id,
            name: format!("New {}", kind.label().to_lowercase()),
            kind,
            layer,
            position: Some(Position { x, y: y.round() }),
            ..Component::default()
        };
        self.queue_edit(
            Edit::InsertComponent {
                index: self.project.components.len(),
                component: Box::new(component),
            },
            format!("Add {}", kind.label().to_lowercase()),
        );
        self.selection = Selection::only(id);
        self.rename_after_apply = Some(id);
    }

    /// Where a new component from the palette goes: the middle of the view.
    fn view_centre(&self) -> egui::Pos2 {
        self.canvas.canvas_from_screen(self.canvas.rect.center())
    }

    fn apply_queued(&mut self, ctx: &egui::Context) {
        let queued = std::mem::take(&mut self.queued);
        let changed = !queued.is_empty();
        for Queued { edit, label, merge_key } in queued {
            let result = match merge_key {
                Some(key) => self.history.apply_merging(&mut self.project, edit, label, key),
                None => self.history.apply(&mut self.project, edit, label),
            };
            if let Err(error) = result {
                self.set_error(format!("That change was refused: {error}"));
            }
        }
        if changed {
            self.selection.retain_existing(&self.project);
            if let Some(id) = self.rename_after_apply.take() {
                self.canvas.start_rename(&self.project, id);
            }
            // Show the result now rather than at the next input.
            ctx.request_repaint();
        }
    }

    fn refresh_geometry(&mut self) {
        let key = (self.generation, self.history.revision());
        if self.geometry_key != Some(key) {
            self.geometry = Geometry::of(&self.project);
            self.geometry_key = Some(key);
            self.selection.retain_existing(&self.project);
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.canvas.rename.is_some();
        for command in AppCommand::by_shortcut_priority() {
            if typing && command.needs_free_keyboard() {
                continue;
            }
            let Some(shortcut) = command.shortcut() else { continue };
            let mut pressed = ctx.input_mut(|i| i.consume_shortcut(&shortcut));
            // `+` is Shift+= on many keyboards.
            if command == AppCommand::ZoomIn && !pressed {
                pressed = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Equals));
            }
            if pressed {
                self.commands.push(command);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.allow_close || !self.is_dirty() {
            self.close_confirmed = true;
            self.clean_exit();
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges(Pending::Close));
        }
    }

    /// A clean exit leaves no recovery copy behind.
    fn clean_exit(&mut self) {
        if let Some(recovery) = &self.options.recovery_file {
            files::remove_recovery(recovery);
        }
    }

    fn autosave_recovery(&mut self, ctx: &egui::Context) {
        let Some(recovery) = self.options.recovery_file.clone() else {
            return;
        };
        if !self.is_dirty() {
            return;
        }
        let since = self.last_recovery_write.elapsed();
        if since >= RECOVERY_INTERVAL {
            if self.recovery_revision != Some(self.history.revision()) {
                match files::write_recovery(&recovery, &self.project, self.path.as_deref()) {
                    Ok(()) => self.recovery_revision = Some(self.history.revision()),
                    Err(error) => self.set_error(format!("Could not write the recovery copy: {error}")),
                }
            }
            self.last_recovery_write = Instant::now();
            ctx.request_repaint_after(RECOVERY_INTERVAL);
        } else {
            // One wake-up when the next copy is due: a timer, not a loop.
            ctx.request_repaint_after(RECOVERY_INTERVAL - since);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        if let Some(path) = dropped.into_iter().next() {
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
                self.guard(Pending::OpenPath(path));
            } else {
                self.set_error(format!(
                    "{}: only Strata project files (.ron) can be opened.",
                    path.display()
                ));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.theme_applied != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.theme_applied = Some(self.prefs.dark);
        }
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.apply_theme(&ctx);
        self.poll_file_dialog();
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.refresh_geometry();
        self.handle_shortcuts(&ctx);
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.run_command(command, &ctx);
        }
        self.refresh_geometry();

        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        if self.prefs.show_palette {
            self.palette_ui(ui);
        }
        if self.prefs.show_inspector {
            self.inspector_ui(ui);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas_ui(ui));
        self.dialog_ui(&ctx);

        // Commands chosen in menus and dialogs this frame run now, before
        // edits apply; what they open or change is drawn in one more frame.
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for command in commands {
            self.run_command(command, &ctx);
        }
        self.apply_queued(&ctx);
        self.update_title(&ctx);
        self.autosave_recovery(&ctx);
    }

    fn canvas_ui(&mut self, ui: &mut Ui) {
        let palette = tokens::palette(self.prefs.dark);
        self.canvas.keys_enabled = self.dialog.is_none();
        let actions = self
            .canvas
            .ui(ui, &self.project, &self.geometry, &mut self.selection, palette);
        for action in actions {
            match action {
                CanvasAction::Edit { edit, label } => self.queue_edit(edit, label),
                CanvasAction::EditMerging { edit, label, key } => self.queued.push(Queued {
                    edit,
                    label,
                    merge_key: Some(key),
                }),
                CanvasAction::Add { kind, at } => self.add_component(kind, at),
                CanvasAction::Delete => self.delete_selection(),
                CanvasAction::Duplicate => self.duplicate_selection(),
                CanvasAction::AutoArrange => self.commands.push(AppCommand::AutoArrange),
                CanvasAction::Status(text) => self.set_status(text),
            }
        }
    }

    fn command_button(&mut self, ui: &mut Ui, command: AppCommand) {
        let enabled = match command {
            AppCommand::Undo => self.history.can_undo(),
            AppCommand::Redo | AppCommand::RedoAlt => self.history.can_redo(),
            AppCommand::Delete | AppCommand::Duplicate => !self.selection.is_empty(),
            AppCommand::Rename => self.selection.single().is_some(),
            _ => true,
        };
        let label = match command {
            AppCommand::Undo => self
                .history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            AppCommand::Redo => self
                .history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            AppCommand::ToggleTheme => {
                if self.prefs.dark {
                    "Light theme".to_owned()
                } else {
                    "Dark theme".to_owned()
                }
            }
            _ => command.label().to_owned(),
        };
        let button = egui::Button::new(label).shortcut_text(command.shortcut_text(ui.ctx()));
        if ui.add_enabled(enabled, button).clicked() {
            self.commands.push(command);
            ui.close();
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("strata-menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
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
                    ui.separator();
                    for command in [AppCommand::Save, AppCommand::SaveAs] {
                        self.command_button(ui, command);
                    }
                    ui.separator();
                    self.command_button(ui, AppCommand::Quit);
                });
                for (title, menu) in [("Edit", Menu::Edit), ("View", Menu::View)] {
                    ui.menu_button(title, |ui| {
                        for command in AppCommand::ALL.iter().copied().filter(|c| c.menu() == menu) {
                            if matches!(command, AppCommand::Delete | AppCommand::Fit | AppCommand::AutoArrange) {
                                ui.separator();
                            }
                            self.command_button(ui, command);
                        }
                    });
                }
                ui.separator();
                if ui
                    .button("Auto-arrange")
                    .on_hover_text("Order components in their bands to reduce crossings (one undo step)")
                    .clicked()
                {
                    self.commands.push(AppCommand::AutoArrange);
                }
                if ui
                    .button("Fit")
                    .on_hover_text("Fit the topology to the window (F)")
                    .clicked()
                {
                    self.commands.push(AppCommand::Fit);
                }
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("strata-status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(message) = self.message.clone() {
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
                } else {
                    ui.weak("Drag empty space or scroll to pan · Ctrl+scroll to zoom · Shift+drag to select · Ctrl+K for commands");
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak(format!("{:.0} %", self.canvas.zoom * 100.0));
                    ui.weak(format!(
                        "{} components · {} dependencies",
                        self.project.components.len(),
                        self.project.dependencies.len()
                    ));
                    if self.is_dirty() {
                        ui.weak("unsaved changes");
                    }
                });
            });
        });
    }

    fn palette_ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("strata-palette")
            .resizable(true)
            .default_size(150.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Add component");
                ui.weak("Click to place in view");
                ui.add_space(4.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for kind in ComponentKind::ALL {
                        let button = egui::Button::new(format!("+ {}", kind.label()))
                            .min_size(egui::vec2(ui.available_width(), 0.0));
                        if ui.add(button).clicked() {
                            let at = self.view_centre();
                            self.add_component(kind, at);
                        }
                    }
                });
            });
    }

    fn inspector_ui(&mut self, ui: &mut Ui) {
        egui::Panel::right("strata-inspector")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                if let Some(id) = self.selection.single() {
                    self.component_inspector_ui(ui, id);
                } else if let Some(id) = self.selection.dependency {
                    self.dependency_inspector_ui(ui, id);
                } else if self.selection.components.len() > 1 {
                    ui.strong(format!("{} components selected", self.selection.components.len()));
                    ui.weak("Drag to move them together; Delete removes them.");
                } else {
                    ui.strong(&self.project.meta.name);
                    ui.weak(format!(
                        "{} · version {}",
                        self.project.meta.status.label(),
                        self.project.meta.version
                    ));
                    ui.add_space(6.0);
                    ui.add(egui::Label::new(&self.project.meta.summary).wrap());
                    ui.add_space(8.0);
                    ui.weak("Select a component or an arrow to edit it.");
                }
            });
    }

    fn sync_inspector(&mut self) {
        let revision = self.history.revision();
        let same = self.inspector.component == self.selection.single()
            && self.inspector.dependency == self.selection.dependency
            && self.inspector.revision == revision;
        if same {
            return;
        }
        let mut buffer = InspectorBuffer {
            component: self.selection.single(),
            dependency: self.selection.dependency,
            revision,
            ..InspectorBuffer::default()
        };
        if let Some(c) = buffer.component.and_then(|id| self.project.component(id)) {
            buffer.name = c.name.clone();
            buffer.technology = c.technology.clone();
            buffer.description = c.description.clone();
        }
        if let Some(d) = buffer.dependency.and_then(|id| self.project.dependency(id)) {
            buffer.label = d.label.clone();
            buffer.protocol = d.protocol.clone();
        }
        self.inspector = buffer;
    }

    fn component_inspector_ui(&mut self, ui: &mut Ui, id: ComponentId) {
        self.sync_inspector();
        let Some(component) = self.project.component(id).cloned() else {
            return;
        };
        ui.strong("Component");
        ui.add_space(4.0);
        let mut updated = component.clone();
        let mut commit = false;
        egui::Grid::new("component-fields")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("Name");
                let r = ui.add(egui::TextEdit::singleline(&mut self.inspector.name).desired_width(170.0));
                if r.lost_focus()
                    && self.inspector.name.trim() != component.name
                    && !self.inspector.name.trim().is_empty()
                {
                    updated.name = self.inspector.name.trim().to_owned();
                    commit = true;
                }
                ui.end_row();
                ui.label("Technology");
                let r = ui.add(egui::TextEdit::singleline(&mut self.inspector.technology).desired_width(170.0));
                if r.lost_focus() && self.inspector.technology != component.technology {
                    updated.technology = self.inspector.technology.clone();
                    commit = true;
                }
                ui.end_row();
                ui.label("Kind");
                egui::ComboBox::from_id_salt("kind")
                    .selected_text(component.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in ComponentKind::ALL {
                            if ui.selectable_label(component.kind == kind, kind.label()).clicked()
                                && kind != component.kind
                            {
                                updated.kind = kind;
                                commit = true;
                            }
                        }
                    });
                ui.end_row();
                ui.label("Layer");
                let layer_name = component
                    .layer
                    .and_then(|l| self.project.layer(l))
                    .map_or("Unassigned", |l| l.name.as_str());
                egui::ComboBox::from_id_salt("layer")
                    .selected_text(layer_name)
                    .show_ui(ui, |ui| {
                        for layer in &self.project.layers {
                            if ui
                                .selectable_label(component.layer == Some(layer.id), &layer.name)
                                .clicked()
                                && component.layer != Some(layer.id)
                            {
                                updated.layer = Some(layer.id);
                                commit = true;
                            }
                        }
                    });
                ui.end_row();
                ui.label("Zone");
                let zone_name = component
                    .zone
                    .and_then(|z| self.project.zone(z))
                    .map_or("None", |z| z.name.as_str());
                egui::ComboBox::from_id_salt("zone")
                    .selected_text(zone_name)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(component.zone.is_none(), "None").clicked() && component.zone.is_some() {
                            updated.zone = None;
                            commit = true;
                        }
                        for zone in &self.project.zones {
                            if ui
                                .selectable_label(component.zone == Some(zone.id), &zone.name)
                                .clicked()
                                && component.zone != Some(zone.id)
                            {
                                updated.zone = Some(zone.id);
                                commit = true;
                            }
                        }
                    });
                ui.end_row();
            });
        ui.add_space(6.0);
        ui.label("Description");
        let r = ui.add(
            egui::TextEdit::multiline(&mut self.inspector.description)
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
        if r.lost_focus() && self.inspector.description != component.description {
            updated.description = self.inspector.description.clone();
            commit = true;
        }
        let connections = self
            .project
            .dependencies
            .iter()
            .filter(|d| d.from == id || d.to == id)
            .count();
        ui.add_space(6.0);
        ui.weak(format!("{connections} connections · drag the round handle to connect"));
        if commit {
            self.queue_edit(
                Edit::UpdateComponent(Box::new(updated)),
                format!("Edit {}", component.name),
            );
        }
    }

    fn dependency_inspector_ui(&mut self, ui: &mut Ui, id: DependencyId) {
        self.sync_inspector();
        let Some(dependency) = self.project.dependency(id).cloned() else {
            return;
        };
        let name = |id| self.project.component(id).map_or("?", |c| c.name.as_str()).to_owned();
        ui.strong("Dependency");
        ui.label(format!("{} → {}", name(dependency.from), name(dependency.to)));
        ui.add_space(4.0);
        let mut updated = dependency.clone();
        let mut commit = false;
        egui::Grid::new("dependency-fields")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("Label");
                let r = ui.add(egui::TextEdit::singleline(&mut self.inspector.label).desired_width(170.0));
                if r.lost_focus() && self.inspector.label != dependency.label {
                    updated.label = self.inspector.label.clone();
                    commit = true;
                }
                ui.end_row();
                ui.label("Protocol");
                let r = ui.add(egui::TextEdit::singleline(&mut self.inspector.protocol).desired_width(170.0));
                if r.lost_focus() && self.inspector.protocol != dependency.protocol {
                    updated.protocol = self.inspector.protocol.clone();
                    commit = true;
                }
                ui.end_row();
                ui.label("Kind");
                egui::ComboBox::from_id_salt("dependency-kind")
                    .selected_text(dependency.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in DependencyKind::ALL {
                            if ui.selectable_label(dependency.kind == kind, kind.label()).clicked()
                                && kind != dependency.kind
                            {
                                updated.kind = kind;
                                commit = true;
                            }
                        }
                    });
                ui.end_row();
            });
        ui.add_space(6.0);
        if ui.button("Delete dependency").clicked() {
            self.queue_edit(Edit::RemoveDependency(id), "Delete dependency");
        }
        if commit {
            self.queue_edit(Edit::UpdateDependency(Box::new(updated)), "Edit dependency");
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else { return };
        let before = self.dialog.clone();
        let mut next: Option<Option<Dialog>> = None;
        let modal = egui::Modal::new(egui::Id::new("strata-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match dialog {
                Dialog::UnsavedChanges(pending) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!(
                        "“{}” has changes that are not saved. Save them before {}?",
                        self.project.meta.name,
                        pending.verb()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            next = Some(None);
                            self.after_save = Some(pending.clone());
                            self.save();
                        }
                        if ui.button("Discard").clicked() {
                            next = Some(None);
                            if pending == Pending::Close {
                                self.clean_exit();
                            }
                            self.proceed(pending.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            next = Some(None);
                        }
                    });
                }
                Dialog::Templates => {
                    ui.heading("New project");
                    ui.add_space(4.0);
                    for template in TEMPLATES {
                        ui.group(|ui| {
                            ui.set_width(480.0);
                            if ui.button(template.title).clicked() {
                                next = Some(None);
                                self.guard(Pending::NewFromTemplate(template.name));
                            }
                            ui.add(egui::Label::new(egui::RichText::new(template.description).weak()).wrap());
                        });
                    }
                    ui.add_space(6.0);
                    if ui.button("Cancel").clicked() {
                        next = Some(None);
                    }
                }
                Dialog::PathEntry { purpose, mut text } => {
                    let (title, action) = match purpose {
                        DialogPurpose::Open => ("Open a project file", "Open"),
                        DialogPurpose::SaveAs => ("Save the project as", "Save"),
                    };
                    ui.heading(title);
                    ui.label("Path of the .ron file:");
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut text)
                            .desired_width(480.0)
                            .hint_text("/home/me/architecture.ron"),
                    );
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "File path"));
                    if ui.memory(|m| m.focused().is_none()) && !response.lost_focus() {
                        response.request_focus();
                    }
                    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    next = Some(Some(Dialog::PathEntry {
                        purpose,
                        text: text.clone(),
                    }));
                    ui.horizontal(|ui| {
                        if (ui.button(action).clicked() || enter) && !text.trim().is_empty() {
                            next = Some(None);
                            let path = expand_home(text.trim());
                            match purpose {
                                DialogPurpose::Open => self.guard(Pending::OpenPath(path)),
                                DialogPurpose::SaveAs => self.finish_save_as(&path),
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            next = Some(None);
                            self.after_save = None;
                        }
                    });
                }
                Dialog::Recovery { origin, age_secs } => {
                    ui.heading("Restore unsaved work?");
                    let from = origin
                        .as_ref()
                        .map_or_else(|| "an unsaved project".to_owned(), |p| p.display().to_string());
                    ui.label(format!(
                        "Strata did not close cleanly. A recovery copy of {from} from {} minutes ago was found.",
                        age_secs / 60
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            next = Some(None);
                            if let Some(project) = self.recovered.take() {
                                self.replace_project(project, origin.clone());
                                self.history.mark_unsaved();
                                self.set_status("Restored the recovery copy; save to keep it.");
                            }
                        }
                        if ui.button("Discard recovery copy").clicked() {
                            next = Some(None);
                            self.recovered = None;
                            self.clean_exit();
                        }
                    });
                }
                Dialog::CommandPalette { mut filter } => {
                    ui.heading("Commands");
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut filter)
                            .desired_width(440.0)
                            .hint_text("Type to filter"),
                    );
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Filter commands"));
                    if ui.memory(|m| m.focused().is_none()) && !response.lost_focus() {
                        response.request_focus();
                    }
                    let needle = filter.to_lowercase();
                    let matches: Vec<AppCommand> = AppCommand::ALL
                        .iter()
                        .copied()
                        .filter(|c| c.label().to_lowercase().contains(&needle))
                        .collect();
                    next = Some(Some(Dialog::CommandPalette { filter: filter.clone() }));
                    let enter = ui.input(|i| i.key_pressed(Key::Enter));
                    egui::Grid::new("palette-grid")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            for command in &matches {
                                if ui.selectable_label(false, command.label()).clicked() {
                                    next = Some(None);
                                    self.commands.push(*command);
                                }
                                ui.weak(command.shortcut_text(ctx));
                                ui.end_row();
                            }
                        });
                    if enter && let Some(first) = matches.first() {
                        next = Some(None);
                        self.commands.push(*first);
                    }
                }
                Dialog::Find { mut text } => {
                    ui.heading("Find component");
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut text)
                            .desired_width(360.0)
                            .hint_text("Name or technology"),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Component name to find")
                    });
                    if ui.memory(|m| m.focused().is_none()) && !response.lost_focus() {
                        response.request_focus();
                    }
                    let needle = text.to_lowercase();
                    let found: Vec<(ComponentId, String)> = if needle.is_empty() {
                        Vec::new()
                    } else {
                        self.project
                            .components
                            .iter()
                            .filter(|c| {
                                c.name.to_lowercase().contains(&needle) || c.technology.to_lowercase().contains(&needle)
                            })
                            .take(12)
                            .map(|c| (c.id, c.name.clone()))
                            .collect()
                    };
                    next = Some(Some(Dialog::Find { text: text.clone() }));
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
                    if let Some(id) = chosen {
                        next = Some(None);
                        self.selection = Selection::only(id);
                        self.canvas.center_pending = Some(id);
                    }
                }
            }
        });
        if modal.should_close() && next != Some(None) {
            // Escape or a click outside: cancel, except for the recovery
            // question, which needs an answer.
            if !matches!(self.dialog, Some(Dialog::Recovery { .. })) {
                next = Some(None);
                self.after_save = None;
            }
        }
        // An action above may have opened another dialog: keep that one.
        if let Some(next) = next
            && self.dialog == before
        {
            self.dialog = next;
        }
    }
}

fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

impl eframe::App for StrataApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if self.close_confirmed {
            self.clean_exit();
        }
    }
}

/// Opens the workbench window.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Strata")
            .with_app_id("strata")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Strata",
        options,
        Box::new(move |cc| Ok(Box::new(StrataApp::new(cc, AppOptions::window(path))))),
    )
}
