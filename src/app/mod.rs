//! The eframe shell.

use std::path::PathBuf;

use crate::model::Project;
use crate::{store, templates};

pub struct StrataApp {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub error: Option<String>,
}

impl StrataApp {
    /// Opens `path`, or the bundled default project. A file that fails to
    /// load leaves the default project open and shows why.
    pub fn new(path: Option<PathBuf>) -> StrataApp {
        match path {
            None => StrataApp {
                project: templates::default_project(),
                path: None,
                error: None,
            },
            Some(path) => match store::load(&path) {
                Ok(project) => StrataApp {
                    project,
                    path: Some(path),
                    error: None,
                },
                Err(error) => StrataApp {
                    project: templates::default_project(),
                    path: None,
                    error: Some(error.to_string()),
                },
            },
        }
    }

    pub fn title(&self) -> String {
        format!("{} — Strata", self.project.meta.name)
    }
}

impl eframe::App for StrataApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&self.project.meta.name);
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.label(format!(
                "{} layers · {} components · {} dependencies · {} decisions",
                self.project.layers.len(),
                self.project.components.len(),
                self.project.dependencies.len(),
                self.project.decisions.len()
            ));
        });
    }
}

/// Opens the workbench window.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let app = StrataApp::new(path);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1400.0, 900.0]),
        ..Default::default()
    };
    eframe::run_native("Strata", options, Box::new(|_cc| Ok(Box::new(app))))
}
