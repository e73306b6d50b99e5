//! A bare window around the inspector, documents and preview modules, for
//! trying them by hand until the workbench wires them in:
//! `cargo run --example panels -- [project.ron | template name, e.g. empty]`.
//! Edits go through `strata::edit::History`, exactly as the app will do.

use strata::edit::History;
use strata::model::{Project, VariantArray};
use strata::selection::Selection;
use strata::ui::*;

#[derive(Clone, Copy, PartialEq)]
enum Page {
    Inspector,
    Documents(DocSection),
}

struct Panels {
    project: Project,
    history: History,
    selected: Selection,
    page: Page,
    inspector: InspectorState,
    documents: DocumentsState,
    preview: PreviewState,
    filter: String,
    status: Option<String>,
}

impl Panels {
    fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Edit { edit, label, .. } => {
                    if let Err(error) = self.history.apply(&mut self.project, edit, label) {
                        self.status = Some(format!("Not changed: {error}"));
                    }
                }
                Action::Select(selection) => self.selected = selection,
                Action::OpenDecision { id, .. } => self.selected = Selection::Decision(id),
                _ => {}
            }
        }
    }
}

impl eframe::App for Panels {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                let undo = self.history.undo_label().map(|l| format!("Undo {l}"));
                if ui
                    .add_enabled(undo.is_some(), egui::Button::new(undo.unwrap_or_else(|| "Undo".into())))
                    .clicked()
                {
                    self.history.undo(&mut self.project);
                }
                let redo = self.history.redo_label().map(|l| format!("Redo {l}"));
                if ui
                    .add_enabled(redo.is_some(), egui::Button::new(redo.unwrap_or_else(|| "Redo".into())))
                    .clicked()
                {
                    self.history.redo(&mut self.project);
                }
                if let Some((edit, label, id)) = add_component_menu_ui(ui, &self.project) {
                    self.apply(vec![Action::edit(edit, label)]);
                    self.selected = Selection::Component(id);
                    self.page = Page::Inspector;
                }
                if let Some(status) = &self.status {
                    ui.colored_label(ui.visuals().warn_fg_color, status);
                }
            });
        });
        egui::Panel::left("outline").default_size(220.0).show(ui, |ui| {
            ui.strong("Documents");
            for &section in DocSection::VARIANTS {
                if ui
                    .selectable_label(self.page == Page::Documents(section), section.label())
                    .clicked()
                {
                    self.page = Page::Documents(section);
                }
            }
            ui.separator();
            ui.strong("Components");
            ui.text_edit_singleline(&mut self.filter);
            let needle = self.filter.to_lowercase();
            let matches: Vec<(strata::model::ComponentId, String)> = self
                .project
                .components
                .iter()
                .filter(|c| c.name.to_lowercase().contains(&needle))
                .map(|c| (c.id, c.name.clone()))
                .collect();
            egui::ScrollArea::vertical().show_rows(ui, 18.0, matches.len(), |ui, range| {
                for (id, name) in &matches[range] {
                    let selected = self.selected == Selection::Component(*id) && self.page == Page::Inspector;
                    if ui.selectable_label(selected, name).clicked() {
                        self.selected = Selection::Component(*id);
                        self.page = Page::Inspector;
                    }
                }
            });
        });
        let page = match self.page {
            Page::Inspector => None,
            Page::Documents(section) => Some(section),
        };
        let target = preview::preview_target(page, &self.selected);
        egui::Panel::right("preview")
            .default_size(440.0)
            .min_size(360.0)
            .show(ui, |ui| {
                preview_ui(
                    ui,
                    &self.project,
                    target.as_ref(),
                    self.history.revision(),
                    &mut self.preview,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let actions = match self.page {
                Page::Inspector => inspector_ui(ui, &self.project, &self.selected, &mut self.inspector),
                Page::Documents(section) => documents_ui(ui, &self.project, section, &mut self.documents),
            };
            self.apply(actions);
        });
    }
}

fn main() -> eframe::Result {
    let project = match std::env::args_os().nth(1) {
        Some(name) if strata::templates::find(&name.to_string_lossy()).is_some() => {
            strata::templates::find(&name.to_string_lossy())
                .map(|t| t.instantiate(&strata::today_iso()))
                .unwrap_or_default()
        }
        Some(path) => match strata::store::load(std::path::Path::new(&path)) {
            Ok(project) => project,
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        },
        None => strata::templates::default_project(),
    };
    let app = Panels {
        project,
        history: History::new(),
        selected: Selection::Nothing,
        page: Page::Documents(DocSection::Overview),
        inspector: InspectorState::default(),
        documents: DocumentsState::default(),
        preview: PreviewState::default(),
        filter: String::new(),
        status: None,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Strata panels")
            .with_inner_size([1500.0, 950.0]),
        ..Default::default()
    };
    eframe::run_native("Strata panels", options, Box::new(|_cc| Ok(Box::new(app))))
}
