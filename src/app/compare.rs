//! The app's hooks for the compare view (see [`crate::ui::compare`]).

use egui::Ui;

use super::{StrataApp, Workspace};
use crate::ui::Action;
use crate::ui::compare::{ComparePicker, CompareView, CompareWith};

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
        let project = self.document.project();
        egui::Window::new("Changes")
            .open(&mut open)
            .default_pos([ctx.content_rect().right() - 420.0, 80.0])
            .default_width(380.0)
            .show(ctx, |ui| action = view.list_ui(ui, project));
        if !open {
            action = Some(Action::LeaveCompare);
        }
        if let Some(action) = action {
            if matches!(action, Action::Edit { .. }) {
                self.set_status("Drafted a changelog entry: edit it under Documents, Changelog".to_owned());
            }
            self.actions.push(action);
        }
    }
}
