//! Changes to the project that start from the selection or a place on the
//! canvas: add, delete, duplicate, group into a zone. Each queues one edit
//! (one undo step) and moves the selection to what it made.

use super::StrataApp;
use crate::edit::Edit;
use crate::layout::{self, BAND_HEADER, NODE_HEIGHT};
use crate::model::*;
use crate::selection::Selection;
use crate::templates;

/// The gap kept between a new component and the boxes around it.
const NEW_COMPONENT_GAP: f32 = 12.0;

impl StrataApp {
    pub(super) fn delete_selection(&mut self) {
        match &self.selection {
            Selection::Component(_) | Selection::Components(_) => {
                let ids = self.selection.components();
                let count = ids.len();
                let edit = Edit::batch(ids.into_iter().map(Edit::RemoveComponent).collect());
                let label = if count == 1 {
                    "Delete component".to_owned()
                } else {
                    format!("Delete {count} components")
                };
                self.queue_edit(edit, label);
            }
            Selection::Dependency(id) => self.queue_edit(Edit::RemoveDependency(*id), "Delete dependency"),
            // Its members and child zones move up to its parent.
            Selection::Zone(id) => self.queue_edit(Edit::RemoveZone(*id), "Delete zone"),
            // Its components become unassigned.
            Selection::Layer(id) => self.queue_edit(Edit::RemoveLayer(*id), "Delete layer"),
            Selection::Decision(_) | Selection::Nothing => {}
        }
    }

    /// Puts the selected components into a new zone nested in their common
    /// zone, selects it and focuses its name in the inspector.
    pub(super) fn group_selection_into_zone(&mut self, kind: Option<ZoneKind>) {
        let project = self.document.project();
        let ids = self.selection.components();
        let kind = kind.unwrap_or_else(|| crate::edit::suggested_kind_around(project, &ids));
        let name = crate::edit::new_zone_name(project, kind);
        let Some((edit, zone)) = crate::edit::group_into_zone(project, &ids, kind, &name) else {
            self.set_status("Select the components to group first (Shift+drag selects several).");
            return;
        };
        self.queue_edit(edit, format!("Group {} into {name}", ids.len()));
        self.selection = Selection::only_zone(zone);
        self.prefs.show_inspector = true;
        self.inspector.focus_zone_name(zone);
    }

    pub(super) fn duplicate_selection(&mut self) {
        let project = self.document.project();
        let mut next = project.next_component_id().0;
        let mut edits = Vec::new();
        let mut copies = Vec::new();
        for id in self.selection.components() {
            let Some(original) = project.component(id) else {
                continue;
            };
            let mut copy = original.clone();
            copy.id = ComponentId(next);
            next += 1;
            copy.name = format!("{} copy", original.name);
            copy.position = original.position.map(|p| Position {
                x: p.x + 30.0,
                y: p.y + 12.0,
            });
            copies.push(copy.id);
            edits.push(Edit::InsertComponent {
                index: project.components.len() + edits.len(),
                component: Box::new(copy),
            });
        }
        if edits.is_empty() {
            return;
        }
        self.queue_edit(Edit::batch(edits), "Duplicate");
        self.selection = Selection::of_components(copies);
    }

    /// Adds a component of `kind` at a canvas point (band and offset from
    /// the geometry), selects it and starts renaming it.
    pub fn add_component(&mut self, kind: ComponentKind, at: egui::Pos2) {
        let project = self.document.project();
        let band = self
            .geometry
            .band_at(at.y)
            .or_else(|| self.geometry.bands.iter().find(|b| b.layer.is_some()))
            .cloned();
        let (layer, y) = match &band {
            Some(band) => (band.layer, band.position_y(at.y - NODE_HEIGHT / 2.0)),
            None => (project.layers.first().map(|l| l.id), BAND_HEADER),
        };
        // Slide right until the new box does not cover another one.
        let top = band.as_ref().map_or(0.0, |b| b.origin) + y;
        let mut x = (at.x - layout::NODE_WIDTH / 2.0).max(0.0).round();
        let overlaps = |x: f32| {
            self.geometry.nodes.iter().any(|(_, r)| {
                x < r.right() + NEW_COMPONENT_GAP
                    && r.x < x + layout::NODE_WIDTH + NEW_COMPONENT_GAP
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
        let id = ComponentId(project.next_component_id().0 + self.queued.len() as u32);
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
        let index = project.components.len();
        self.queue_edit(
            Edit::InsertComponent {
                index,
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
    pub(super) fn add_from_palette(&mut self, kind: ComponentKind) {
        let centre = self.view_centre();
        let band = templates::usual_layer_in(self.document.project(), kind)
            .and_then(|layer| self.geometry.bands.iter().find(|b| b.layer == Some(layer)));
        let at = band.map_or(centre, |band| egui::pos2(centre.x, band.top + band.height / 2.0));
        let visible = self.canvas.rect.contains(self.canvas.screen_from_canvas(at));
        self.add_component(kind, at);
        if !visible {
            self.center_after_apply = self.selection.single();
        }
    }

    /// Reports what the selected component's failure would take down and
    /// what it needs.
    pub(super) fn show_blast_radius(&mut self) {
        let Some(id) = self.selection.single() else {
            self.set_status("Select one component to see its blast radius.");
            return;
        };
        let project = self.document.project();
        self.canvas.show_blast_radius(project, id);
        if let Some(highlight) = &self.canvas.highlight {
            let name = project.component(id).map_or_else(String::new, |c| c.name.clone());
            let text = format!(
                "Blast radius of {name}: {} component(s) break if it fails; it needs {}. Esc clears.",
                highlight.dependents.len(),
                highlight.dependencies.len()
            );
            self.set_status(text);
        }
    }
}
