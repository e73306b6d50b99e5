//! The app's hooks for the compare view (see [`crate::ui::compare`]).

use egui::Ui;

use super::{StrataApp, Workspace};
use crate::check::Place;
use crate::diff::{ItemKey, changelog};
use crate::ui::compare::{CompareAction, ComparePicker, CompareView, CompareWith};

impl StrataApp {
    /// The "Compare" menu of the menu bar.
    pub(super) fn compare_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("Compare", |ui| {
            if ui.button("Compare with saved").clicked() {
                self.start_compare(&CompareWith::Saved);
                ui.close();
            }
            if ui.button("Compare with file…").clicked() {
                self.compare_picker = Some(ComparePicker::default());
                ui.close();
            }
            if ui.button("Compare with git revision…").clicked() {
                self.compare_picker = Some(ComparePicker::revision());
                ui.close();
            }
            if self.compare.is_some() && ui.button("Leave compare").clicked() {
                self.compare = None;
                ui.close();
            }
        });
    }

    /// Opens the compare view against `with`, or says why it cannot.
    pub fn start_compare(&mut self, with: &CompareWith) {
        let document = &self.document;
        match CompareView::open(with, document.path(), document.project(), document.revision()) {
            Ok(view) => {
                self.workspace = Workspace::Topology;
                self.set_status(format!(
                    "Comparing with {}: {} change(s)",
                    view.name,
                    view.diff.changes.len()
                ));
                self.compare = Some(view);
                self.compare_picker = None;
            }
            Err(error) => self.set_error(error),
        }
    }

    /// Outlines over the canvas; call after the canvas drew, in its panel.
    pub(super) fn compare_overlay_ui(&mut self, ui: &Ui) {
        if let Some(view) = &mut self.compare {
            view.refresh(self.document.project(), self.document.revision());
            let painter = ui.painter().with_clip_rect(ui.max_rect());
            view.paint_overlay(&painter, &self.canvas, &self.geometry);
        }
    }

    /// The list of changes and the file/revision picker.
    pub(super) fn compare_windows_ui(&mut self, ctx: &egui::Context) {
        if let Some(picker) = &mut self.compare_picker {
            let mut open = true;
            let title = if picker.revision {
                "Compare with git revision"
            } else {
                "Compare with file"
            };
            let mut chosen = None;
            egui::Window::new(title)
                .open(&mut open)
                .collapsible(false)
                .show(ctx, |ui| chosen = picker.ui(ui));
            if !open {
                self.compare_picker = None;
            }
            if let Some(with) = chosen {
                self.start_compare(&with);
            }
        }
        let Some(view) = &self.compare else {
            return;
        };
        let mut open = true;
        let mut action = None;
        egui::Window::new("Changes")
            .open(&mut open)
            .default_pos([ctx.content_rect().right() - 420.0, 80.0])
            .default_width(380.0)
            .show(ctx, |ui| action = view.list_ui(ui));
        if !open {
            action = Some(CompareAction::Leave);
        }
        match action {
            Some(CompareAction::Leave) => self.compare = None,
            Some(CompareAction::Go(item)) => self.go_to_change(item),
            Some(CompareAction::DraftChangelog) => {
                let project = self.document.project();
                let entry = changelog::draft_entry(&view.diff, &view.old, project, &crate::today_iso());
                let edit = changelog::append_edit(project, entry);
                self.queue_edit(edit, "Draft changelog entry");
                self.set_status("Drafted a changelog entry: edit it under Documents, Changelog".to_owned());
            }
            None => {}
        }
    }

    fn go_to_change(&mut self, item: ItemKey) {
        let project = self.document.project();
        let place = match item {
            ItemKey::Component(id) if project.component(crate::model::ComponentId(id)).is_some() => {
                Place::Component { id }
            }
            ItemKey::Dependency(id) if project.dependency(crate::model::DependencyId(id)).is_some() => {
                Place::Dependency { id }
            }
            ItemKey::Decision(id) => Place::Decision { id },
            ItemKey::Section(section) => Place::Section {
                section: section.to_owned(),
                item: None,
            },
            // A removed item has nowhere to go in the project: its ghost
            // is on the canvas.
            _ => return,
        };
        self.go_to_place(place);
    }
}
