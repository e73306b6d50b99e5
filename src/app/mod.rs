//! The eframe shell: the open [`Document`], the selection, and the panels
//! around the canvas.
//!
//! Views never change the project or the app: they answer with
//! [`Action`]s, which [`StrataApp`] drains once per frame after drawing
//! every view; edits go through the document so every change can be
//! undone. The shell is split by concern: `io` (files, export, closing),
//! `actions` (running actions and commands), `editing` (edits from the
//! selection), `dialogs`, `panels`, `recovery` and `broken` (a file that
//! cannot be opened).

mod actions;
mod broken;
pub mod commands;
mod compare;
pub mod dialogs;
mod drift;
mod editing;
pub mod files;
pub mod fonts;
mod io;
mod panels;
mod recovery;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use egui::Ui;
use serde::{Deserialize, Serialize};

pub use broken::BrokenFile;
pub use commands::{AppCommand, Menu, PaletteEntry};
pub use dialogs::Dialog;
pub use io::Pending;

use actions::Queued;
use files::DialogAnswer;

use crate::document::Document;
use crate::layout::Geometry;
use crate::model::*;
use crate::selection::Selection;
use crate::store;
use crate::templates;
use crate::ui::canvas::Canvas;
use crate::ui::review::ReviewState;
use crate::ui::{self as views, Action, DocSection, DocumentsState, InspectorState, PreviewState};

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

pub struct StrataApp {
    /// The open project, its history, file and recovery slot.
    pub document: Document,
    pub selection: Selection,
    pub prefs: Prefs,
    pub canvas: Canvas,
    pub dialog: Option<Dialog>,
    pub message: Option<Message>,
    options: AppOptions,
    geometry: Geometry,
    /// The document revision the geometry was built for.
    geometry_revision: Option<u64>,
    /// What the views asked for this frame, run once after drawing.
    actions: Vec<Action>,
    queued: Vec<Queued>,
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
    /// The shared folder of recovery copies (the document holds its slot).
    recovery: Option<store::recovery::RecoveryFolder>,
    /// Copies left by windows that are gone, offered one after another.
    orphans: Vec<store::recovery::Orphan>,
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
    /// The last drift check against a Terraform plan or state.
    pub drift: views::DriftState,
    /// The egui_graphs dependency explorer; drawn (and animating) only
    /// while its window is open.
    explorer: views::ExplorerState,
    pub explorer_open: bool,
    /// Where the last spec export went (review minutes go there too).
    pub last_export: Option<PathBuf>,
    theme_applied: Option<bool>,
    /// System fonts added for the project's characters.
    pub fonts: fonts::FontFallback,
    /// The document revision whose text the fonts were last checked against.
    fonts_revision: Option<u64>,
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
            document: Document::new(templates::default_project(), None),
            selection: Selection::default(),
            prefs,
            canvas: Canvas::default(),
            dialog: None,
            message: None,
            geometry: Geometry::default(),
            geometry_revision: None,
            actions: Vec::new(),
            queued: Vec::new(),
            rename_after_apply: None,
            center_after_apply: None,
            file_dialog: None,
            after_save: None,
            allow_close: false,
            close_confirmed: false,
            last_title: String::new(),
            last_recovery_write: Instant::now(),
            recovery: None,
            orphans: Vec::new(),
            broken: None,
            folder_opener_answer: None,
            workspace: Workspace::Topology,
            inspector: InspectorState::default(),
            documents: DocumentsState::default(),
            doc_section: DocSection::default(),
            preview: PreviewState::default(),
            review: None,
            problems: views::ProblemsState::default(),
            drift: views::DriftState::default(),
            explorer: views::ExplorerState::default(),
            explorer_open: false,
            last_export: None,
            theme_applied: None,
            fonts: fonts::FontFallback::new(options.system_fonts),
            fonts_revision: None,
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

    /// The open project.
    pub fn project(&self) -> &Project {
        self.document.project()
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
        let dirty = if self.document.is_dirty() { " •" } else { "" };
        format!("{}{dirty} — Strata", self.document.display_name())
    }

    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
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
        let revision = self.document.revision();
        let mut notice = None;
        if self.fonts_revision != Some(revision) {
            self.fonts_revision = Some(revision);
            let text = serde_json::to_string(self.document.project()).unwrap_or_default();
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

    /// One frame of the whole window: input, every view, then the frame's
    /// actions and edits.
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
        self.problems.refresh(self.document.project(), self.document.revision());

        match self.workspace {
            _ if self.broken.is_some() => self.broken_file_ui(ui),
            Workspace::Review => self.review_workspace_ui(ui),
            Workspace::Documents => self.documents_workspace_ui(ui),
            Workspace::Topology => self.topology_workspace_ui(ui),
        }
        self.compare_windows_ui(&ctx);
        self.dialog_ui(&ctx);
        self.drain_actions(&ctx);
        self.refresh_geometry();
        self.update_title(&ctx);
        self.autosave_recovery(&ctx);
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
            self.document.close_cleanly();
        }
    }
}

/// The application icon (rendered from `assets/strata.svg`).
const ICON_PNG: &[u8] = include_bytes!("../../assets/strata.png");

/// The window's icon; `None` if the bundled PNG cannot be decoded (the
/// window then opens without one rather than not at all).
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG).ok()
}

/// Opens the workbench window.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Strata")
        .with_app_id("strata")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Strata",
        options,
        Box::new(move |cc| Ok(Box::new(StrataApp::new(cc, AppOptions::window(path))))),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes_at_its_drawn_size() {
        let icon = super::window_icon().expect("assets/strata.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
