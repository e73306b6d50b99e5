//! The dependency explorer on its own, inside an `egui::Window` as the
//! workbench opens it: `cargo run --example explorer -- [components]`.
//! Pick the focus component from the list; close the window to see the app
//! go idle (the explorer's `GraphView` repaints only while it is shown).

use strata::model::{ComponentId, Project};
use strata::ui::{ExplorerState, explorer_ui};

struct Demo {
    project: Project,
    focus: Option<ComponentId>,
    open: bool,
    state: ExplorerState,
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            let name = |id: Option<ComponentId>| {
                id.and_then(|id| self.project.component(id))
                    .map_or("(none)", |c| c.name.as_str())
                    .to_owned()
            };
            egui::ComboBox::from_label("Focus")
                .selected_text(name(self.focus))
                .show_ui(ui, |ui| {
                    for component in &self.project.components {
                        ui.selectable_value(&mut self.focus, Some(component.id), &component.name);
                    }
                });
            ui.checkbox(&mut self.open, "Dependency explorer open");
        });
        egui::Window::new("Dependency explorer")
            .open(&mut self.open)
            .default_size([900.0, 600.0])
            .resizable(true)
            .show(ui.ctx(), |ui| {
                explorer_ui(ui, &self.project, 0, self.focus, &mut self.state)
            });
    }
}

fn main() -> eframe::Result {
    let count = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(30);
    let project = strata::synth::generate_with(count, count * 3 / 2, 2);
    let focus = project.dependencies.first().map(|d| d.to);
    eframe::run_native(
        "Strata dependency explorer",
        eframe::NativeOptions::default(),
        Box::new(move |_| {
            Ok(Box::new(Demo {
                project,
                focus,
                open: true,
                state: ExplorerState::default(),
            }))
        }),
    )
}
