//! Files: opening, saving, exporting, the native file dialogs and the
//! in-window path field, dropped files, and closing the window.

use std::path::{Path, PathBuf};

use super::dialogs::{Dialog, ExportConflict, PathEntry, UnsavedChanges};
use super::files::{self, DialogPurpose};
use super::{EXAMPLE_TITLE, MAX_RECENT, StrataApp, Workspace};
use crate::document::Document;
use crate::export;
use crate::model::Project;
use crate::store;
use crate::templates;
use crate::ui::canvas::Canvas;

/// Something to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Close,
    OpenDialog,
    OpenPath(PathBuf),
    NewFromTemplate(&'static str),
}

impl Pending {
    pub(super) fn verb(&self) -> &'static str {
        match self {
            Pending::Close => "closing",
            Pending::OpenDialog | Pending::OpenPath(_) => "opening another project",
            Pending::NewFromTemplate(_) => "starting a new project",
        }
    }
}

impl StrataApp {
    /// Puts `project` in the window as if it had been opened from `path`
    /// (benchmarks, embedding).
    pub fn set_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.replace_document(Document::new(project, path));
    }

    /// Replaces the open document (after a successful open or new).
    pub(super) fn replace_document(&mut self, document: Document) {
        // The old slot goes first: the new document may claim the same one.
        self.document.set_recovery_slot(None);
        self.document = document;
        self.broken = None;
        self.claim_recovery_slot();
        self.selection.clear();
        self.canvas = Canvas::default();
        self.queued.clear();
        self.review = None;
        self.drift.clear();
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
                self.broken = Some(super::BrokenFile::new(path, &error));
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

    pub(super) fn open_loaded(&mut self, project: Project, path: &Path, version: u32) {
        self.replace_document(Document::new(project, Some(path.to_owned())));
        self.remember_recent(path);
        self.set_status(opened_message(path, version));
    }

    /// The bundled example, in a window that says it is not saved anywhere.
    pub(super) fn open_example(&mut self) {
        let mut project = templates::default_project();
        store::identify(&mut project, None);
        self.replace_document(Document::untitled(project, EXAMPLE_TITLE));
    }

    /// Saves to `path`; on success it becomes the project's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.document.save_to(path) {
            Ok(moved) => {
                self.remember_recent(path);
                if moved {
                    self.claim_recovery_slot();
                }
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

    /// Asks about unsaved changes before `pending`, or just does it.
    pub(super) fn guard(&mut self, pending: Pending) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::UnsavedChanges(UnsavedChanges { pending }));
        } else {
            self.proceed(pending);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending) {
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
                    self.replace_document(Document::new(project, None));
                    self.document.mark_unsaved();
                    self.set_status(format!("New project from “{}”", template.title));
                }
            }
        }
    }

    pub(super) fn start_dialog(&mut self, purpose: DialogPurpose) {
        if self.options.native_dialogs && self.file_dialog.is_none() {
            // The context is set on the first frame; without it (tests) use
            // the path field.
            if let Some(ctx) = &self.ctx {
                let path = self.document.path();
                let folder = path.and_then(Path::parent).map(Path::to_owned);
                let name = path
                    .and_then(Path::file_name)
                    .map_or_else(|| "project.ron".to_owned(), |n| n.to_string_lossy().into_owned());
                self.file_dialog = Some(files::spawn_dialog(purpose, ctx.clone(), folder, name));
                return;
            }
        }
        self.open_path_entry(purpose);
    }

    pub(super) fn open_path_entry(&mut self, purpose: DialogPurpose) {
        let text = match (self.document.path(), purpose) {
            (Some(path), DialogPurpose::SaveAs) => path.to_string_lossy().into_owned(),
            (Some(path), DialogPurpose::Open | DialogPurpose::DriftAgainst) => {
                path.parent().map(|p| format!("{}/", p.display())).unwrap_or_default()
            }
            (_, DialogPurpose::ExportFolder) => self.minutes_folder().to_string_lossy().into_owned(),
            (Some(path), DialogPurpose::ImportTerraform) => {
                path.parent().map(|p| format!("{}/", p.display())).unwrap_or_default()
            }
            (_, DialogPurpose::ExportSvg) => self
                .minutes_folder()
                .join("topology.svg")
                .to_string_lossy()
                .into_owned(),
            (None, _) => String::new(),
        };
        self.dialog = Some(Dialog::PathEntry(PathEntry { purpose, text }));
    }

    pub(super) fn poll_file_dialog(&mut self) {
        let Some(receiver) = &self.file_dialog else { return };
        let Ok(answer) = receiver.try_recv() else { return };
        self.file_dialog = None;
        match answer.path {
            // Unsaved changes were dealt with before the dialog was shown.
            Some(path) if answer.purpose == DialogPurpose::Open => {
                self.open_path(&path);
            }
            Some(path) => self.use_chosen_path(answer.purpose, &path),
            None if answer.elapsed < files::NO_DIALOG_THRESHOLD => {
                self.set_status("No file dialog is available here (no desktop portal or zenity): type a path instead.");
                self.open_path_entry(answer.purpose);
            }
            None => self.after_save = None,
        }
    }

    /// Does what a file dialog or the path field was for.
    pub(super) fn use_chosen_path(&mut self, purpose: DialogPurpose, path: &Path) {
        match purpose {
            DialogPurpose::Open => self.guard(Pending::OpenPath(path.to_owned())),
            DialogPurpose::DriftAgainst => self.run_drift(path),
            DialogPurpose::SaveAs => self.finish_save_as(path),
            DialogPurpose::ExportFolder => {
                self.export_to(path, false);
            }
            DialogPurpose::ExportSvg => {
                self.export_svg_to(path);
            }
            DialogPurpose::ImportTerraform => {
                self.import_terraform(path);
            }
        }
    }

    /// Imports a `terraform show -json` plan or state into the open project
    /// as one undoable edit (into an empty project it also arranges the
    /// drawing), and says what it did. On any error nothing changes and the
    /// error is shown. Returns whether the project changed.
    pub fn import_terraform(&mut self, path: &Path) -> bool {
        let doc = match crate::terraform::read_file(path) {
            Ok(doc) => doc,
            Err(error) => {
                self.set_error(format!("Nothing was imported: {error}"));
                return false;
            }
        };
        let import = crate::terraform::import_into(self.document.project(), &doc);
        let mut report = import.summary.lines();
        report.push(import.report.line());
        if import.report.changes_nothing() {
            self.set_status(format!(
                "The project already holds everything in {}: {}",
                path.display(),
                report.join("; ")
            ));
            return false;
        }
        let name = path
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        match self.document.apply(import.edit, format!("Import {name}"), None) {
            Ok(()) => {
                self.refresh_geometry();
                self.canvas.fit_pending = true;
                self.set_status(format!("Imported {}: {}", path.display(), report.join("; ")));
                true
            }
            Err(error) => {
                self.set_error(format!(
                    "Nothing was imported: {} does not fit this project: {error}",
                    path.display()
                ));
                false
            }
        }
    }

    fn finish_save_as(&mut self, path: &Path) {
        if self.save_to(path)
            && let Some(pending) = self.after_save.take()
        {
            self.proceed(pending);
        }
    }

    pub(super) fn save(&mut self) {
        match self.document.path().map(Path::to_owned) {
            Some(path) => self.finish_save_as(&path),
            None => self.start_dialog(DialogPurpose::SaveAs),
        }
    }

    /// Review minutes go beside the spec: the last export folder, else
    /// `infra-specs/` next to the project file (or, when another project's
    /// spec is there, a folder named after this file).
    pub(super) fn minutes_folder(&self) -> PathBuf {
        if let Some(folder) = &self.last_export {
            return folder.clone();
        }
        let path = self.document.path();
        let beside = match path.and_then(Path::parent) {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::new(),
        };
        let stem = path.and_then(Path::file_stem).and_then(|s| s.to_str());
        export::default_folder(&beside, stem, &self.document.identity())
    }

    /// Writes the spec folder; a folder holding files Strata did not write
    /// asks before replacing them.
    pub fn export_to(&mut self, folder: &Path, replace_foreign: bool) -> bool {
        let mut rendered = export::render(self.document.project());
        rendered.project_id = self.document.identity();
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
                self.dialog = Some(Dialog::ExportConflict(ExportConflict {
                    folder,
                    conflicts,
                    another_project: None,
                }));
                false
            }
            Err(export::ExportError::AnotherProject { folder, owner_name, .. }) => {
                self.dialog = Some(Dialog::ExportConflict(ExportConflict {
                    folder,
                    conflicts: Vec::new(),
                    another_project: Some(owner_name),
                }));
                false
            }
            Err(error) => {
                self.set_error(format!("Export failed, nothing was replaced: {error}"));
                false
            }
        }
    }

    pub fn export_svg_to(&mut self, path: &Path) -> bool {
        let svg = export::svg::render(self.document.project(), None);
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

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.allow_close || !self.is_dirty() {
            self.close_confirmed = true;
            self.document.close_cleanly();
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges(UnsavedChanges {
                pending: Pending::Close,
            }));
        }
    }
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
