//! The view shown instead of a project when the file given on the command
//! line cannot be opened: what is wrong, where, and what to do. The window
//! never shows other content in its place.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{AppCommand, StrataApp};
use crate::document::Document;
use crate::model::Project;
use crate::store::{self, LoadError};
use crate::ui::Action;

/// A file that could not be opened, as the window explains it.
#[derive(Clone, Debug, PartialEq)]
pub struct BrokenFile {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, without the file name and position.
    pub problem: String,
    /// What the user can do about it.
    pub advice: String,
}

impl BrokenFile {
    pub fn new(path: &Path, error: &LoadError) -> BrokenFile {
        let (line, column) = error.position().map_or((None, None), |(l, c)| (Some(l), Some(c)));
        BrokenFile {
            path: path.to_owned(),
            line,
            column,
            problem: store::error_problem(error),
            advice: store::error_advice(error),
        }
    }

    /// The folder holding the file, for the file manager.
    fn folder(&self) -> PathBuf {
        let absolute = std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone());
        absolute.parent().map_or(absolute.clone(), Path::to_owned)
    }
}

impl StrataApp {
    /// Opens the file named on the command line; when it cannot be read, the
    /// window shows why and holds no project at all.
    pub(super) fn open_from_command_line(&mut self, path: &Path) {
        match store::load_versioned(path) {
            Ok((project, version)) => self.open_loaded(project, path, version),
            Err(error) => {
                self.replace_document(Document::new(Project::default(), None));
                self.broken = Some(BrokenFile::new(path, &error));
            }
        }
    }

    fn show_folder(&mut self, folder: &Path) {
        let Some(opener) = self.options.folder_opener.clone() else {
            self.set_error(format!(
                "No file manager can be started here; the folder is {}",
                folder.display()
            ));
            return;
        };
        let started = std::process::Command::new(&opener)
            .arg(folder)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn();
        match started {
            Ok(child) => {
                // xdg-open can start and still find nothing to open with:
                // its answer comes back from a helper thread.
                let (sender, receiver) = std::sync::mpsc::channel();
                let ctx = self.ctx.clone();
                let shown = folder.to_owned();
                std::thread::spawn(move || {
                    let answer = match child.wait_with_output() {
                        Ok(output) if output.status.success() => Ok(()),
                        Ok(output) => Err(String::from_utf8_lossy(&output.stderr)
                            .lines()
                            .rfind(|l| !l.trim().is_empty())
                            .map_or_else(|| output.status.to_string(), str::to_owned)),
                        Err(error) => Err(error.to_string()),
                    };
                    let _ = sender.send((shown, answer));
                    if let Some(ctx) = ctx {
                        ctx.request_repaint();
                    }
                });
                self.folder_opener_answer = Some(receiver);
                self.set_status(format!("Asked the file manager to show {}…", folder.display()));
            }
            Err(error) => self.set_error(format!(
                "Cannot start {opener} ({error}); the folder is {}. Install xdg-utils to open folders from Strata.",
                folder.display()
            )),
        }
    }

    fn poll_folder_opener(&mut self) {
        let Some(receiver) = &self.folder_opener_answer else {
            return;
        };
        let Ok((folder, answer)) = receiver.try_recv() else {
            return;
        };
        self.folder_opener_answer = None;
        match answer {
            Ok(()) => self.set_status(format!("Showing {} in the file manager.", folder.display())),
            Err(reason) => self.set_error(format!(
                "The file manager could not show the folder ({reason}); the folder is {}",
                folder.display()
            )),
        }
    }

    pub(super) fn broken_file_ui(&mut self, ui: &mut Ui) {
        let Some(broken) = self.broken.clone() else { return };
        self.poll_folder_opener();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(24.0);
            ui.vertical_centered(|ui| {
                ui.set_max_width(720.0);
                ui.heading("This project file cannot be opened");
                ui.add_space(12.0);
                egui::Grid::new("broken-file")
                    .num_columns(2)
                    .spacing([16.0, 8.0])
                    .show(ui, |ui| {
                        let row = |ui: &mut Ui, label: &str, value: String| {
                            ui.strong(label);
                            ui.add(egui::Label::new(value).wrap());
                            ui.end_row();
                        };
                        row(ui, "File", broken.path.display().to_string());
                        let unknown = || "—".to_owned();
                        row(ui, "Line", broken.line.map_or_else(unknown, |l| l.to_string()));
                        row(ui, "Column", broken.column.map_or_else(unknown, |c| c.to_string()));
                        row(ui, "What is wrong", broken.problem.clone());
                        row(ui, "What to do", broken.advice.clone());
                    });
                ui.add_space(16.0);
                ui.horizontal(|ui| {
                    if ui.button("Open another…").clicked() {
                        self.actions.push(Action::Command(AppCommand::Open));
                    }
                    if ui.button("Open the example").clicked() {
                        self.open_example();
                    }
                    if ui.button("Show the file's folder").clicked() {
                        self.show_folder(&broken.folder());
                    }
                });
                if let Some(message) = self.message.clone() {
                    ui.add_space(12.0);
                    let color = if message.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.add(egui::Label::new(egui::RichText::new(message.text).color(color)).wrap());
                }
            });
        });
    }
}
