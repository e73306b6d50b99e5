//! The eframe shell: files, commands, history and the panels around the
//! canvas.
//!
//! UI code never changes the project directly: it queues edits and
//! commands, and [`StrataApp`] applies them once per frame, edits through
//! the core [`History`] so every change can be undone.

mod broken;
pub mod commands;
mod compare;
pub mod files;
pub mod fonts;
mod recovery;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

pub use broken::BrokenFile;
pub use commands::{AppCommand, Menu, PaletteEntry};
use files::{DialogAnswer, DialogPurpose};

use crate::edit::{Edit, History};
use crate::export;
use crate::layout::{self, BAND_HEADER, Geometry, NODE_HEIGHT};
use crate::model::*;
use crate::store;
use crate::templates::{self, TEMPLATES};
use crate::ui::canvas::{self, Canvas, CanvasAction, Selection};
use crate::ui::review::ReviewState;
use crate::ui::{self as views, DocSection, DocumentsState, InspectorState, PreviewState, Selected, tokens};

/// How often a recovery copy is written while there are unsaved changes.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(60);
const MAX_RECENT: usize = 10;
/// What the title calls the bundled example opened with no file.
pub const EXAMPLE_TITLE: &str = "E-commerce example (not saved)";

/// UI preferences, kept in eframe storage (never in the project file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    pub show_palette: bool,
    pub show_inspector: bool,
    pub show_preview: bool,
    pub show_problems: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            recent: Vec::new(),
            show_palette: true,
            show_inspector: true,
            show_preview: false,
            show_problems: true,
        }
    }
}

/// How the app is started.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    pub file: Option<PathBuf>,
    /// The folder of crash-recovery copies, shared by every window;
    /// `None` turns recovery off.
    pub recovery_folder: Option<PathBuf>,
    /// Use rfd's native dialogs; otherwise always the in-window path field.
    pub native_dialogs: bool,
    /// The program that shows a folder in the desktop's file manager;
    /// `None` when there is none (tests).
    pub folder_opener: Option<String>,
    /// Add system fonts for characters the bundled fonts lack.
    pub system_fonts: bool,
}

impl AppOptions {
    /// The real window: native dialogs and the standard recovery folder.
    pub fn window(file: Option<PathBuf>) -> AppOptions {
        AppOptions {
            file,
            recovery_folder: store::recovery::default_recovery_folder(),
            native_dialogs: true,
            folder_opener: Some("xdg-open".to_owned()),
            system_fonts: true,
        }
    }
    /// Tests: no native dialogs, no recovery copies, no file manager.
    pub fn headless(file: Option<PathBuf>) -> AppOptions {
        AppOptions {
            file,
            recovery_folder: None,
            native_dialogs: false,
            folder_opener: None,
            system_fonts: false,
        }
    }
    /// Tests of fonts: headless, with the system's fallback fonts.
    pub fn with_system_fonts(mut self) -> AppOptions {
        self.system_fonts = true;
        self
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
    PathEntry {
        purpose: DialogPurpose,
        text: String,
    },
    /// A recovery copy left by a window that is gone (the first of
    /// [`StrataApp`]'s orphans).
    Recovery {
        origin: Option<PathBuf>,
        name: String,
        age_secs: u64,
    },
    CommandPalette {
        filter: String,
    },
    Find {
        text: String,
    },
    /// The export folder holds files Strata did not write, or another
    /// project's spec (`another_project` names it).
    ExportConflict {
        folder: PathBuf,
        conflicts: Vec<String>,
        another_project: Option<String>,
    },
}

/// What fills the window: the topology canvas, the documents, or the
/// full-window review presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Workspace {
    #[default]
    Topology,
    Documents,
    Review,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
    /// When it was first shown (egui time, seconds): a notice goes away on
    /// its own after [`NOTICE_SECONDS`]; an error stays until dismissed.
    shown_at: Option<f64>,
}

/// How long a notice ("Saved …", "Undid: …") stays in the status bar.
const NOTICE_SECONDS: f64 = 8.0;

struct Queued {
    edit: Edit,
    label: String,
    merge_key: Option<String>,
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
    /// A component added off screen: the view moves to it once it exists.
    center_after_apply: Option<ComponentId>,
    file_dialog: Option<Receiver<DialogAnswer>>,
    /// Run after a successful Save As (the action that asked for a save).
    after_save: Option<Pending>,
    allow_close: bool,
    /// Set when the window may close (tests read it).
    pub close_confirmed: bool,
    last_title: String,
    last_recovery_write: Instant,
    recovery_revision: Option<u64>,
    /// The shared folder of recovery copies, and this window's claim in it.
    recovery: Option<store::recovery::RecoveryFolder>,
    recovery_slot: Option<store::recovery::Slot>,
    /// Copies left by windows that are gone, offered one after another.
    orphans: Vec<store::recovery::Orphan>,
    /// What the title calls a project without a file.
    untitled_name: Option<&'static str>,
    /// The file given on the command line could not be opened: the window
    /// shows why instead of any project.
    pub broken: Option<BrokenFile>,
    /// The file manager's answer to "show the file's folder".
    folder_opener_answer: Option<Receiver<(PathBuf, Result<(), String>)>>,
    pub workspace: Workspace,
    inspector: InspectorState,
    documents: DocumentsState,
    pub doc_section: DocSection,
    preview: PreviewState,
    pub review: Option<ReviewState>,
    /// Lints, recomputed only when the project changes.
    pub problems: views::ProblemsState,
    /// The egui_graphs dependency explorer; drawn (and animating) only
    /// while its window is open.
    explorer: views::ExplorerState,
    pub explorer_open: bool,
    /// Where the last spec export went (review minutes go there too).
    pub last_export: Option<PathBuf>,
    theme_applied: Option<bool>,
    /// System fonts added for the project's characters.
    pub fonts: fonts::FontFallback,
    /// The project state whose text the fonts were last checked against.
    fonts_key: Option<u64>,
    /// The egui context, known from the first frame (dialog threads use it
    /// to wake the UI).
    ctx: Option<egui::Context>,
    /// The compare view, while it is open.
    pub compare: Option<views::compare::CompareView>,
    compare_picker: Option<views::compare::ComparePicker>,
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
            center_after_apply: None,
            file_dialog: None,
            after_save: None,
            allow_close: false,
            close_confirmed: false,
            last_title: String::new(),
            last_recovery_write: Instant::now(),
            recovery_revision: None,
            recovery: None,
            recovery_slot: None,
            orphans: Vec::new(),
            untitled_name: None,
            broken: None,
            folder_opener_answer: None,
            workspace: Workspace::Topology,
            inspector: InspectorState::default(),
            documents: DocumentsState::default(),
            doc_section: DocSection::default(),
            preview: PreviewState::default(),
            review: None,
            problems: views::ProblemsState::default(),
            explorer: views::ExplorerState::default(),
            explorer_open: false,
            last_export: None,
            theme_applied: None,
            fonts: fonts::FontFallback::new(options.system_fonts),
            fonts_key: None,
            ctx: None,
            compare: None,
            compare_picker: None,
            options,
        };
        // Copies left by crashed windows are claimed before this window
        // claims its own slot, so its file's old copy is offered, not reused.
        app.recovery = app
            .options
            .recovery_folder
            .clone()
            .map(store::recovery::RecoveryFolder::new);
        app.collect_orphans();
        match app.options.file.clone() {
            Some(file) => app.open_from_command_line(&file),
            None => app.open_example(),
        }
        app.offer_next_orphan();
        app
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// The window title: file name, a dot when there are unsaved changes.
    pub fn title(&self) -> String {
        if let Some(broken) = &self.broken {
            let name = broken.path.file_name().unwrap_or(broken.path.as_os_str());
            return format!("{} (cannot be opened) — Strata", name.to_string_lossy());
        }
        let untitled = self.untitled_name.unwrap_or("Untitled");
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| untitled.to_owned(), |n| n.to_string_lossy().into_owned());
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
            shown_at: None,
        });
    }

    fn set_status(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
            shown_at: None,
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
        self.untitled_name = None;
        self.broken = None;
        self.claim_recovery_slot();
        self.selection.clear();
        self.canvas = Canvas::default();
        self.generation += 1;
        self.geometry_key = None;
        self.queued.clear();
        self.recovery_revision = None;
        self.review = None;
        if self.workspace == Workspace::Review {
            self.workspace = Workspace::Topology;
        }
    }

    /// Opens a project file; on failure the current project stays and the
    /// error is shown.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match store::load_versioned(path) {
            Ok((project, version)) => {
                self.open_loaded(project, path, version);
                true
            }
            Err(error) if self.broken.is_some() => {
                self.broken = Some(BrokenFile::new(path, &error));
                false
            }
            Err(error) => {
                self.set_error(format!(
                    "Could not open the file; the current project is unchanged. {error}"
                ));
                false
            }
        }
    }

    fn open_loaded(&mut self, project: Project, path: &Path, version: u32) {
        self.replace_project(project, Some(path.to_owned()));
        self.remember_recent(path);
        self.set_status(opened_message(path, version));
    }

    /// The bundled example, in a window that says it is not saved anywhere.
    fn open_example(&mut self) {
        let mut project = templates::default_project();
        store::identify(&mut project, None);
        self.replace_project(project, None);
        self.untitled_name = Some(EXAMPLE_TITLE);
    }

    /// The project's identity: its own, or for a file from before
    /// identities the one derived from the file it was opened from (what
    /// its exports used so far, and what the next save records).
    pub fn identity(&self) -> String {
        match &self.path {
            _ if !self.project.meta.id.is_empty() => self.project.meta.id.clone(),
            Some(path) => store::identity_of_file(path),
            // Every project without a file is given one when created.
            None => String::new(),
        }
    }

    /// Saves to `path`; on success it becomes the project's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        // Recorded once, and kept from then on (not an edit: nothing the
        // user changed, and undo must not take it away).
        self.project.meta.id = self.identity();
        match store::save(path, &self.project) {
            Ok(()) => {
                let moved = self.path.as_deref() != Some(path);
                self.path = Some(path.to_owned());
                self.untitled_name = None;
                self.history.mark_saved();
                self.remember_recent(path);
                if moved {
                    self.claim_recovery_slot();
                } else if let Some(slot) = &self.recovery_slot {
                    slot.remove_copy();
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
                    let mut project = template.instantiate(&crate::today_iso());
                    store::identify(&mut project, None);
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
            (_, DialogPurpose::ExportFolder) => self.minutes_folder().to_string_lossy().into_owned(),
            (_, DialogPurpose::ExportSvg) => self
                .minutes_folder()
                .join("topology.svg")
                .to_string_lossy()
                .into_owned(),
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
                DialogPurpose::ExportFolder => {
                    self.export_to(&path, false);
                }
                DialogPurpose::ExportSvg => {
                    self.export_svg_to(&path);
                }
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
        if self.broken.is_some() && !broken::works_without_project(command) {
            return;
        }
        match command {
            AppCommand::NewFromTemplate => self.dialog = Some(Dialog::Templates),
            AppCommand::Open => self.guard(Pending::OpenDialog),
            AppCommand::OpenPath => self.open_path_entry(DialogPurpose::Open),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs => self.start_dialog(DialogPurpose::SaveAs),
            AppCommand::ExportSpec => self.start_dialog(DialogPurpose::ExportFolder),
            AppCommand::ExportSvg => self.start_dialog(DialogPurpose::ExportSvg),
            AppCommand::ShowTopology => self.workspace = Workspace::Topology,
            AppCommand::ShowDocuments => self.workspace = Workspace::Documents,
            AppCommand::TogglePreview => self.prefs.show_preview = !self.prefs.show_preview,
            AppCommand::ToggleProblems => self.prefs.show_problems = !self.prefs.show_problems,
            AppCommand::PresentDecisions => {
                let selected: Vec<ComponentId> = self.selection.components.iter().copied().collect();
                self.review = Some(ReviewState::new(&crate::today_iso()).with_selection(selected));
                self.workspace = Workspace::Review;
            }
            AppCommand::BlastRadius => self.show_blast_radius(),
            AppCommand::DependencyExplorer => self.explorer_open = !self.explorer_open,
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
            AppCommand::GroupIntoZone => self.group_selection_into_zone(None),
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
        } else if let Some(id) = self.selection.zone {
            // Its members and child zones move up to its parent.
            self.queue_edit(Edit::RemoveZone(id), "Delete zone");
        } else if let Some(id) = self.selection.layer {
            // Its components become unassigned.
            self.queue_edit(Edit::RemoveLayer(id), "Delete layer");
        }
    }

    /// Puts the selected components into a new zone nested in their common
    /// zone, selects it and focuses its name in the inspector.
    fn group_selection_into_zone(&mut self, kind: Option<ZoneKind>) {
        let ids: Vec<ComponentId> = self.selection.components.iter().copied().collect();
        let kind = kind.unwrap_or_else(|| crate::edit::suggested_kind_around(&self.project, &ids));
        let name = crate::edit::new_zone_name(&self.project, kind);
        let Some((edit, zone)) = crate::edit::group_into_zone(&self.project, &ids, kind, &name) else {
            self.set_status("Select the components to group first (Shift+drag selects several).");
            return;
        };
        self.queue_edit(edit, format!("Group {} into {name}", ids.len()));
        self.selection = Selection::only_zone(zone);
        self.prefs.show_inspector = true;
        self.inspector.focus_zone_name(zone);
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
            Some(band) => (band.layer, band.position_y(at.y - NODE_HEIGHT / 2.0)),
            None => (self.project.layers.first().map(|l| l.id), BAND_HEADER),
        };
        // Slide right until the new box does not cover another one.
        let top = band.as_ref().map_or(0.0, |b| b.origin) + y;
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
        // The kind's template pre-fills what the architect should answer
        // (backup and encryption questions for a database, say).
        let component = Component {
            id,
            name: format!("New {}", kind.label().to_lowercase()),
            kind,
            layer,
            position: Some(Position { x, y: y.round() }),
            ..templates::component_template(kind)
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

    /// Adds a component from the palette into the band of its usual layer
    /// (a database into Data), below the middle of the view, and scrolls to
    /// it when that band is off screen. Kinds without a usual layer go to
    /// the middle of the view.
    fn add_from_palette(&mut self, kind: ComponentKind) {
        let centre = self.view_centre();
        let band = templates::usual_layer_in(&self.project, kind)
            .and_then(|layer| self.geometry.bands.iter().find(|b| b.layer == Some(layer)));
        let at = band.map_or(centre, |band| egui::pos2(centre.x, band.top + band.height / 2.0));
        let visible = self.canvas.rect.contains(self.canvas.screen_from_canvas(at));
        self.add_component(kind, at);
        if !visible {
            self.center_after_apply = self.selection.single();
        }
    }

    /// Runs what was chosen in the command palette; a component is added
    /// to the topology, which is shown if another workspace was open.
    fn run_palette_entry(&mut self, entry: PaletteEntry) {
        match entry {
            PaletteEntry::Run(command) => self.commands.push(command),
            PaletteEntry::Add(kind) => {
                self.workspace = Workspace::Topology;
                self.add_from_palette(kind);
            }
        }
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
            if let Some(id) = self.center_after_apply.take() {
                self.canvas.center_pending = Some(id);
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
        let review_typing = self.review.as_ref().is_some_and(|r| r.typing().is_some());
        let typing = !canvas::keyboard_is_free(ctx) || self.canvas.rename.is_some() || review_typing;
        let canvas_keys = !typing && canvas::canvas_has_focus(ctx);
        for command in AppCommand::by_shortcut_priority() {
            if typing && command.needs_free_keyboard() {
                continue;
            }
            if !canvas_keys && command.needs_canvas_focus() {
                continue;
            }
            if !self.command_applies_here(command) {
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

    /// Changes whenever the project does, including when another project is
    /// opened (the history's revision numbers restart then).
    fn problems_key(&self) -> u64 {
        (self.generation << 32) ^ self.history.revision()
    }

    fn problems_panel_ui(&mut self, ui: &mut Ui) {
        let key = self.problems_key();
        // Tall enough for a few groups of findings at a glance.
        let asked = egui::Panel::bottom("strata-problems")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| views::problems_ui(ui, &self.project, key, &mut self.problems))
            .inner;
        match asked {
            Some(views::ProblemsAction::GoTo(place)) => self.go_to_place(place),
            Some(views::ProblemsAction::Edit { edit, label }) => self.queue_edit(edit, label),
            None => {}
        }
    }

    /// Selects and centres what a problem names; project-wide places open
    /// the matching documents page.
    pub fn go_to_place(&mut self, place: crate::check::Place) {
        use crate::check::Place;
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
                self.selection.clear();
                self.selection.dependency = Some(id);
                if let Some(dependency) = self.project.dependency(id) {
                    self.canvas.center_pending = Some(dependency.from);
                }
            }
            Place::Decision { .. } => {
                self.workspace = Workspace::Documents;
                self.doc_section = DocSection::Decisions;
            }
            Place::Section { section, .. } => {
                let wanted = match section.as_str() {
                    "assertions" => Some(DocSection::Assertions),
                    "threats" => Some(DocSection::Security),
                    "environments" => Some(DocSection::Environments),
                    "open_questions" | "open questions" => Some(DocSection::OpenQuestions),
                    "vocabulary" => Some(DocSection::Vocabulary),
                    _ => None,
                };
                if let Some(wanted) = wanted {
                    self.workspace = Workspace::Documents;
                    self.doc_section = wanted;
                } else {
                    self.set_status(format!("The problem is in the {section} section."));
                }
            }
            Place::Layer { .. } | Place::Zone { .. } | Place::Project => {
                self.workspace = Workspace::Topology;
                self.canvas.fit_pending = true;
            }
        }
    }

    /// Canvas commands make no sense over the documents, and the review
    /// presentation takes its keys for itself.
    fn command_applies_here(&self, command: AppCommand) -> bool {
        use AppCommand::*;
        match self.workspace {
            Workspace::Topology => true,
            Workspace::Documents => !matches!(
                command,
                Delete
                    | Duplicate
                    | SelectAll
                    | Find
                    | Rename
                    | AutoArrange
                    | GroupIntoZone
                    | Fit
                    | ZoomIn
                    | ZoomOut
                    | BlastRadius
            ),
            Workspace::Review => matches!(command, Undo | Redo | RedoAlt | Save | Quit),
        }
    }

    /// Reports what the selected component's failure would take down and
    /// what it needs.
    fn show_blast_radius(&mut self) {
        let Some(id) = self.selection.single() else {
            self.set_status("Select one component to see its blast radius.");
            return;
        };
        self.canvas.show_blast_radius(&self.project, id);
        if let Some(highlight) = &self.canvas.highlight {
            let name = self.project.component(id).map_or_else(String::new, |c| c.name.clone());
            self.set_status(format!(
                "Blast radius of {name}: {} component(s) break if it fails; it needs {}. Esc clears.",
                highlight.dependents.len(),
                highlight.dependencies.len()
            ));
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
        if let Some(slot) = self.recovery_slot.take() {
            slot.remove_copy();
        }
    }

    fn autosave_recovery(&mut self, ctx: &egui::Context) {
        if self.recovery_slot.is_none() || !self.is_dirty() {
            return;
        }
        let since = self.last_recovery_write.elapsed();
        if since >= RECOVERY_INTERVAL {
            if self.recovery_revision != Some(self.history.revision()) {
                self.write_recovery_copy();
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

    /// Gives every character of the project, and of text typed or pasted
    /// this frame, a font that draws it (from the next frame on).
    fn cover_glyphs(&mut self, ctx: &egui::Context) {
        let key = self.problems_key();
        let mut notice = None;
        if self.fonts_key != Some(key) {
            self.fonts_key = Some(key);
            let text = serde_json::to_string(&self.project).unwrap_or_default();
            notice = self.fonts.cover(ctx, &text);
        }
        let typed: String = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|event| match event {
                    egui::Event::Text(text) | egui::Event::Paste(text) => Some(text.as_str()),
                    egui::Event::Ime(egui::ImeEvent::Commit(text)) => Some(text.as_str()),
                    _ => None,
                })
                .collect()
        });
        if !typed.is_empty() {
            notice = notice.or(self.fonts.cover(ctx, &typed));
        }
        if let Some(notice) = notice {
            self.set_status(notice);
        }
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.apply_theme(&ctx);
        self.cover_glyphs(&ctx);
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
        let key = self.problems_key();
        self.problems.refresh(&self.project, key);

        match self.workspace {
            _ if self.broken.is_some() => self.broken_file_ui(ui),
            Workspace::Review => self.review_workspace_ui(ui),
            Workspace::Documents => {
                self.menu_bar_ui(ui);
                self.status_bar_ui(ui);
                self.documents_workspace_ui(ui);
            }
            Workspace::Topology => {
                self.menu_bar_ui(ui);
                self.status_bar_ui(ui);
                if self.prefs.show_problems {
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
                    let revision = self.problems_key();
                    let focus = self.selection.single();
                    let mut open = true;
                    egui::Window::new("Dependency explorer")
                        .open(&mut open)
                        .default_size([900.0, 600.0])
                        .resizable(true)
                        .show(&ctx, |ui| {
                            views::explorer_ui(ui, &self.project, revision, focus, &mut self.explorer);
                        });
                    self.explorer_open = open;
                }
            }
        }
        self.compare_windows_ui(&ctx);
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
                CanvasAction::GroupIntoZone(kind) => self.group_selection_into_zone(kind),
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
            AppCommand::Delete => !self.selection.is_empty(),
            AppCommand::Duplicate | AppCommand::GroupIntoZone => !self.selection.components.is_empty(),
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
                    for command in [AppCommand::ExportSpec, AppCommand::ExportSvg] {
                        self.command_button(ui, command);
                    }
                    ui.separator();
                    self.command_button(ui, AppCommand::Quit);
                });
                self.compare_menu_ui(ui);
                for (title, menu) in [("Edit", Menu::Edit), ("View", Menu::View), ("Review", Menu::Review)] {
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
                    .selectable_label(self.workspace == Workspace::Topology, "Topology")
                    .clicked()
                {
                    self.commands.push(AppCommand::ShowTopology);
                }
                if ui
                    .selectable_label(self.workspace == Workspace::Documents, "Documents")
                    .clicked()
                {
                    self.commands.push(AppCommand::ShowDocuments);
                }
                if ui
                    .button("▶ Present")
                    .on_hover_text("Review the decisions in a meeting (F5)")
                    .clicked()
                {
                    self.commands.push(AppCommand::PresentDecisions);
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
                    let counts = self.problems.counts();
                    let text = egui::RichText::new(views::status_counts_text(&self.problems));
                    let text = if counts.errors > 0 { text.color(ui.visuals().error_fg_color) } else { text };
                    if ui
                        .add(egui::Label::new(text).sense(egui::Sense::click()))
                        .on_hover_text("Show or hide the problems panel (Ctrl+Shift+M)")
                        .clicked()
                    {
                        self.prefs.show_problems = !self.prefs.show_problems;
                    }
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
                ui.weak("Click to add to its usual layer");
                ui.add_space(4.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for &kind in ComponentKind::VARIANTS {
                        let button = egui::Button::new(format!("+ {}", kind.label()))
                            .min_size(egui::vec2(ui.available_width(), 0.0));
                        if ui.add(button).clicked() {
                            self.add_from_palette(kind);
                        }
                    }
                });
            });
    }

    /// What the inspector and the preview show for the current selection.
    fn selected(&self) -> Selected {
        if let Some(id) = self.selection.single() {
            Selected::Component(id)
        } else if let Some(id) = self.selection.dependency {
            Selected::Dependency(id)
        } else if let Some(id) = self.selection.zone {
            Selected::Zone(id)
        } else if let Some(id) = self.selection.layer {
            Selected::Layer(id)
        } else {
            Selected::Nothing
        }
    }

    /// Follows a link in the inspector: components, zones and layers are
    /// selected on the canvas; a decision opens in Documents ▸ Decisions,
    /// where its options and pros / cons have the room they need.
    fn follow_inspector_link(&mut self, target: Selected) {
        match target {
            Selected::Component(id) => self.selection = Selection::only(id),
            Selected::Zone(id) => self.selection = Selection::only_zone(id),
            Selected::Layer(id) => self.selection = Selection::only_layer(id),
            Selected::Dependency(id) => {
                self.selection = Selection {
                    dependency: Some(id),
                    ..Selection::default()
                }
            }
            Selected::Decision(id) => {
                // Just created (its insert is still queued): ready to name.
                let new = self.project.decision(id).is_none();
                self.documents.open_decision(id, new);
                self.doc_section = DocSection::Decisions;
                self.workspace = Workspace::Documents;
                self.set_status("Decision opened in Documents, Decisions page; Ctrl+1 returns to the topology.");
            }
            Selected::Nothing => {}
        }
    }

    fn inspector_ui(&mut self, ui: &mut Ui) {
        let selected = self.selected();
        egui::Panel::right("strata-inspector")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                if selected == Selected::Nothing && self.selection.components.len() > 1 {
                    let ids: Vec<ComponentId> = self.selection.components.iter().copied().collect();
                    let edit = egui::ScrollArea::vertical()
                        .id_salt("inspector_multi_scroll")
                        .show(ui, |ui| {
                            views::multi_component_ui(ui, &self.project, &ids, &mut self.inspector)
                        })
                        .inner;
                    if let Some((edit, label)) = edit {
                        self.queue_edit(edit, label);
                    }
                    return;
                }
                if selected == Selected::Nothing {
                    ui.strong(&self.project.meta.name);
                    ui.weak(format!(
                        "{} · version {}",
                        self.project.meta.status.label(),
                        self.project.meta.version
                    ));
                    ui.add_space(6.0);
                    ui.add(egui::Label::new(&self.project.meta.summary).wrap());
                    ui.add_space(8.0);
                    ui.weak(
                        "Select a component or an arrow to edit it. The project-wide spec is in Documents (Ctrl+2).",
                    );
                    return;
                }
                // The form lives in exactly the panel's rectangle: fields end
                // at its edge, and nothing in it can widen the panel (which
                // would shift the canvas under the user at every selection).
                let rect = ui.available_rect_before_wrap();
                let mut form = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
                form.set_clip_rect(rect.intersect(ui.clip_rect()));
                let edits = views::inspector_ui(&mut form, &self.project, &selected, &mut self.inspector);
                ui.advance_cursor_after_rect(rect);
                for (edit, label) in edits {
                    self.queue_edit(edit, label);
                }
                if let Some(target) = self.inspector.take_requested_selection() {
                    self.follow_inspector_link(target);
                }
            });
    }

    fn preview_target(&self) -> Option<export::PreviewTarget> {
        match self.workspace {
            Workspace::Documents => Some(export::PreviewTarget::File(self.doc_section.file())),
            _ => match self.selected() {
                Selected::Component(id) => Some(export::PreviewTarget::Component(id)),
                Selected::Decision(id) => Some(export::PreviewTarget::Decision(id)),
                _ => None,
            },
        }
    }

    fn preview_panel_ui(&mut self, ui: &mut Ui) {
        let target = self.preview_target();
        let revision = self.history.revision() ^ (self.generation << 40);
        egui::Panel::right("strata-preview")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                views::preview_ui(ui, &self.project, target.as_ref(), revision, &mut self.preview);
            });
    }

    fn documents_workspace_ui(&mut self, ui: &mut Ui) {
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
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let edits = views::documents_ui(ui, &self.project, self.doc_section, &mut self.documents);
                for (edit, label) in edits {
                    self.queue_edit(edit, label);
                }
            });
        });
    }

    fn review_workspace_ui(&mut self, ui: &mut Ui) {
        let Some(mut state) = self.review.take() else {
            self.workspace = Workspace::Topology;
            return;
        };
        egui::CentralPanel::default().show(ui, |ui| {
            let edits = views::review::review_ui(ui, &self.project, &mut state);
            for (edit, label) in edits {
                self.queue_edit(edit, label);
            }
        });
        if state.minutes_requested {
            state.minutes_requested = false;
            let folder = self.minutes_folder();
            match crate::review::write_minutes(&self.project, &state.session, &folder) {
                Ok(path) => state.notice = Some(format!("Minutes written to {}", path.display())),
                Err(error) => {
                    state.message = Some(format!("Cannot write the minutes into {}: {error}", folder.display()))
                }
            }
        }
        if state.leave_requested {
            self.workspace = Workspace::Topology;
            self.canvas.give_keyboard_back();
            self.set_status("Left review mode; the outcomes are in the project (Ctrl+Z undoes them).");
        } else {
            self.review = Some(state);
        }
    }

    /// Review minutes go beside the spec: the last export folder, else
    /// `infra-specs/` next to the project file (or, when another project's
    /// spec is there, a folder named after this file).
    fn minutes_folder(&self) -> PathBuf {
        if let Some(folder) = &self.last_export {
            return folder.clone();
        }
        let beside = match self.path.as_ref().and_then(|p| p.parent()) {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::new(),
        };
        let stem = self.path.as_ref().and_then(|p| p.file_stem()).and_then(|s| s.to_str());
        export::default_folder(&beside, stem, &self.identity())
    }

    /// Writes the spec folder; a folder holding files Strata did not write
    /// asks before replacing them.
    pub fn export_to(&mut self, folder: &Path, replace_foreign: bool) -> bool {
        let mut rendered = export::render(&self.project);
        rendered.project_id = self.identity();
        match export::write_folder(&rendered, folder, replace_foreign) {
            Ok(report) => {
                let mut text = format!("Exported {} files to {}", report.written.len(), folder.display());
                if !report.removed.is_empty() {
                    text.push_str(&format!("; removed {} stale file(s)", report.removed.len()));
                }
                for note in &report.notes {
                    text.push_str("; ");
                    text.push_str(note);
                }
                self.last_export = Some(folder.to_owned());
                self.set_status(text);
                true
            }
            Err(export::ExportError::WouldOverwrite { folder, conflicts }) => {
                self.dialog = Some(Dialog::ExportConflict {
                    folder,
                    conflicts,
                    another_project: None,
                });
                false
            }
            Err(export::ExportError::AnotherProject { folder, owner_name, .. }) => {
                self.dialog = Some(Dialog::ExportConflict {
                    folder,
                    conflicts: Vec::new(),
                    another_project: Some(owner_name),
                });
                false
            }
            Err(error) => {
                self.set_error(format!("Export failed, nothing was replaced: {error}"));
                false
            }
        }
    }

    pub fn export_svg_to(&mut self, path: &Path) -> bool {
        let svg = export::svg::render(&self.project, None);
        match store::write_atomically(path, svg.as_bytes()) {
            Ok(()) => {
                self.set_status(format!("Wrote the topology to {}", path.display()));
                true
            }
            Err(error) => {
                self.set_error(format!("Cannot write the SVG: {error}"));
                false
            }
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else { return };
        let before = self.dialog.clone();
        let mut next: Option<Option<Dialog>> = None;
        let modal = egui::Modal::new(egui::Id::new("strata-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match dialog {
                Dialog::ExportConflict {
                    folder,
                    conflicts,
                    another_project,
                } => {
                    match &another_project {
                        Some(owner) => {
                            ui.heading("Replace another project's spec?");
                            ui.label(format!(
                                "{} holds the exported spec of another project, “{owner}”. Nothing was written.",
                                folder.display()
                            ));
                            ui.label("Replacing it removes that project's generated files. Review minutes (reviews/) and files Strata did not write are kept.");
                        }
                        None => {
                            ui.heading("Replace files in the export folder?");
                            ui.label(format!(
                                "{} already holds files that an earlier Strata export did not write: {}.",
                                folder.display(),
                                conflicts.join(", ")
                            ));
                            ui.label(
                                "Replacing them loses their current contents. Other files in the folder are never touched.",
                            );
                        }
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Another folder…").clicked() {
                            next = Some(None);
                            self.start_dialog(DialogPurpose::ExportFolder);
                        }
                        if ui.button("Replace").clicked() {
                            next = Some(None);
                            self.export_to(&folder, true);
                        }
                        if ui.button("Cancel").clicked() {
                            next = Some(None);
                            self.set_status("Export cancelled; nothing was written.");
                        }
                    });
                }
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
                        DialogPurpose::ExportFolder => ("Export the spec folder into", "Export"),
                        DialogPurpose::ExportSvg => ("Export the topology as SVG", "Export"),
                    };
                    ui.heading(title);
                    ui.label(match purpose {
                        DialogPurpose::ExportFolder => "Folder to write (created if needed):",
                        DialogPurpose::ExportSvg => "Path of the .svg file:",
                        _ => "Path of the .ron file:",
                    });
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut text)
                            .desired_width(480.0)
                            .hint_text("/home/me/architecture.ron"),
                    );
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "File path"));
                    if canvas::keyboard_is_free(ui.ctx()) && !response.lost_focus() {
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
                                DialogPurpose::ExportFolder => {
                                    self.export_to(&path, false);
                                }
                                DialogPurpose::ExportSvg => {
                                    self.export_svg_to(&path);
                                }
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            next = Some(None);
                            self.after_save = None;
                        }
                    });
                }
                Dialog::Recovery { origin, name, age_secs } => {
                    if let Some(decided) = self.recovery_dialog_ui(ui, origin.as_deref(), &name, age_secs) {
                        next = Some(decided);
                    }
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
                    if canvas::keyboard_is_free(ui.ctx()) && !response.lost_focus() {
                        response.request_focus();
                    }
                    let matches = PaletteEntry::matching(&filter);
                    next = Some(Some(Dialog::CommandPalette { filter: filter.clone() }));
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
                                        ui.weak(command.shortcut_text(ctx));
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
                    if let Some(entry) = chosen {
                        next = Some(None);
                        self.run_palette_entry(entry);
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
                    if canvas::keyboard_is_free(ui.ctx()) && !response.lost_focus() {
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
            // Escape or a click outside: cancel; for the recovery question,
            // decide later (the copies stay for the next start).
            if matches!(self.dialog, Some(Dialog::Recovery { .. })) {
                self.decide_recovery_later();
            }
            next = Some(None);
            self.after_save = None;
        }
        // An action above may have opened another dialog: keep that one.
        if let Some(next) = next
            && self.dialog == before
        {
            self.dialog = next;
        }
        if self.dialog.is_none() {
            self.canvas.give_keyboard_back();
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

/// What the status bar says after opening a file; an older format is named
/// once, here, since the next save rewrites it.
fn opened_message(path: &Path, version: u32) -> String {
    if version < store::FORMAT_VERSION {
        format!(
            "Opened {} (project format {version}; it will be saved in format {})",
            path.display(),
            store::FORMAT_VERSION
        )
    } else {
        format!("Opened {}", path.display())
    }
}
