//! The topology canvas: layer bands, zones, components and dependencies,
//! drawn with egui's painter.
//!
//! The canvas never changes the project. It reads the project and its
//! [`Geometry`] and reports what the user did as [`Action`]s, which the
//! app turns into edits applied once per frame. A drag is reported once,
//! when it ends, so it is one undo step.
//!
//! Why a painter and not `egui_graphs::GraphView`: the graph view asks for a
//! repaint at the end of every frame (a busy loop at idle), has no notion of
//! bands or zones, overwrites positions with its own layout, hit-tests and
//! draws everything including what is off-screen. Strata's canvas is a few
//! hundred lines over [`Geometry`], which the SVG export shares, culls what
//! is off-screen and only repaints on input.

use std::collections::{HashMap, HashSet};

use egui::epaint::{PathShape, PathStroke};
use egui::{
    Align2, Color32, CornerRadius, FontId, Key, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};

use super::action::Action;
use super::tokens::{self, Palette};
use crate::app::AppCommand;
use crate::edit::Edit;
use crate::layout::{self, Geometry};
use crate::model::*;
use crate::selection::Selection;

/// The blast radius of one component shown on the canvas: the component,
/// everything that depends on it directly or transitively (what breaks if
/// it fails) and everything it depends on (what it needs). The rest is
/// dimmed.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    pub focus: ComponentId,
    pub dependents: HashSet<ComponentId>,
    pub dependencies: HashSet<ComponentId>,
}

impl Highlight {
    /// The highlight of a computed blast radius (of `radius.component`).
    pub fn from_blast(radius: &crate::lint::blast::BlastRadius) -> Highlight {
        Highlight {
            focus: radius.component,
            dependents: radius.dependents.iter().copied().collect(),
            dependencies: radius.dependencies.iter().copied().collect(),
        }
    }

    /// The blast radius of `focus` in `project`; `None` if it does not exist.
    pub fn of(project: &Project, focus: ComponentId) -> Option<Highlight> {
        project.component(focus)?;
        Some(Highlight::from_blast(&crate::lint::blast::blast_radius(project, focus)))
    }

    /// How `id` is drawn.
    pub fn role(&self, id: ComponentId) -> Role {
        if id == self.focus {
            Role::Focus
        } else if self.dependents.contains(&id) {
            Role::Dependent
        } else if self.dependencies.contains(&id) {
            Role::Dependency
        } else {
            Role::Other
        }
    }

    /// Whether the arrow `from → to` lies on a path through the focus: among
    /// the dependents (and into the focus) or among the dependencies (and
    /// out of the focus).
    pub fn emphasises(&self, from: ComponentId, to: ComponentId) -> Option<Role> {
        let upstream = |id: ComponentId| id == self.focus || self.dependents.contains(&id);
        let downstream = |id: ComponentId| id == self.focus || self.dependencies.contains(&id);
        if self.dependents.contains(&from) && upstream(to) {
            Some(Role::Dependent)
        } else if downstream(from) && self.dependencies.contains(&to) {
            Some(Role::Dependency)
        } else {
            None
        }
    }
}

/// A component's part in the blast radius highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Focus,
    /// Breaks if the focus fails.
    Dependent,
    /// The focus needs it.
    Dependency,
    Other,
}

#[derive(Clone, Debug, PartialEq)]
enum Interaction {
    Idle,
    Pan,
    /// Moving the selection; `delta` in canvas units.
    Move {
        ids: Vec<ComponentId>,
        delta: Vec2,
    },
    BoxSelect {
        start: Pos2,
        additive: bool,
    },
    /// Dragging a zone by its title: the zone and everything in it follow
    /// the pointer along the bands (`dx` in canvas units).
    MoveZone {
        zone: ZoneId,
        ids: Vec<ComponentId>,
        dx: f32,
    },
    /// Dragging a new arrow out of a component's handle.
    ConnectDrag {
        from: ComponentId,
    },
    /// Picking the target of an arrow with a click (from the context menu).
    ConnectPick {
        from: ComponentId,
    },
}

/// Renaming a component in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub id: ComponentId,
    pub text: String,
    focused: bool,
}

/// View and interaction state of the canvas (not saved in the project).
#[derive(Clone, Debug)]
pub struct Canvas {
    /// Screen offset of the canvas origin from the top-left of the widget.
    pub offset: Vec2,
    pub zoom: f32,
    /// Fit the whole topology on the next frame.
    pub fit_pending: bool,
    /// The canvas size the view was last fitted to, while the user has not
    /// zoomed or panned since: a resized window is fitted again.
    fitted: Option<Vec2>,
    /// The key to the marks (edge kinds, criticality, zones) is open.
    pub show_legend: bool,
    /// Boxes on screen whose name could not be written whole in the last
    /// frame (too small to read at this zoom).
    names_cut: std::cell::Cell<usize>,
    /// Centre on this component on the next frame.
    pub center_pending: Option<ComponentId>,
    pub zoom_step_pending: Option<f32>,
    interaction: Interaction,
    pub rename: Option<Rename>,
    /// Where the context menu was opened, in canvas coordinates.
    context_at: Option<Pos2>,
    /// The widget's rectangle in the last frame.
    pub rect: Rect,
    /// Off while a dialog has the keyboard (its Escape or arrows are not
    /// the canvas's).
    pub keys_enabled: bool,
    /// The blast radius being shown, if any (Escape or the legend's ×
    /// clears it).
    pub highlight: Option<Highlight>,
    /// The project revision the highlight was computed at.
    highlight_revision: Option<u64>,
    /// Components a drift check found at odds with Terraform, with the
    /// most severe level: each gets a badge.
    pub drift_marks: HashMap<ComponentId, crate::check::Level>,
    /// Drift badges drawn in the last frame (on screen).
    drift_badges: std::cell::Cell<usize>,
    /// The kind picker opened by a double-click on empty canvas: where the
    /// new component goes, in canvas coordinates.
    pub kind_picker: Option<Pos2>,
    /// The canvas takes the keyboard in its first frame (nothing else
    /// wants it then); afterwards only a click or drag on it does, or the
    /// host handing it back ([`Canvas::give_keyboard_back`]).
    focus_taken_once: bool,
    refocus: bool,
    dependency_index: DependencyIndex,
}

/// Where the dependency of each drawn edge is in the project's list,
/// kept while the project's revision stays: every edge on screen is
/// looked up each frame.
#[derive(Clone, Debug, Default)]
struct DependencyIndex {
    revision: Option<u64>,
    /// Parallel to the geometry's edges.
    of_edge: Vec<Option<usize>>,
}

impl DependencyIndex {
    fn refresh(&mut self, project: &Project, geometry: &Geometry, revision: u64) {
        if self.revision == Some(revision) && self.of_edge.len() == geometry.edges.len() {
            return;
        }
        let at: HashMap<DependencyId, usize> = project
            .dependencies
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        self.of_edge = geometry.edges.iter().map(|edge| at.get(&edge.id).copied()).collect();
        self.revision = Some(revision);
    }

    /// The dependency drawn as edge `index` (whose id is `id`).
    fn get<'a>(&self, project: &'a Project, index: usize, id: DependencyId) -> Option<&'a Dependency> {
        let indexed = self.of_edge.get(index).copied().flatten();
        match indexed.and_then(|i| project.dependencies.get(i)) {
            Some(dependency) if dependency.id == id => Some(dependency),
            _ => project.dependencies.iter().find(|d| d.id == id),
        }
    }
}

/// Marks too small for detail (boxes a few pixels big, the routes between
/// them), gathered into one mesh of plain quads: no anti-aliasing fringe
/// and no path to tessellate, so thousands of them cost what a few hundred
/// shapes do. The mesh takes the place in the drawing order where it was
/// started.
struct MarkMesh {
    slot: egui::layers::ShapeIdx,
    mesh: egui::Mesh,
}

impl MarkMesh {
    fn start(painter: &egui::Painter) -> MarkMesh {
        MarkMesh {
            slot: painter.add(Shape::Noop),
            mesh: egui::Mesh::default(),
        }
    }

    fn finish(self, painter: &egui::Painter) {
        if !self.mesh.is_empty() {
            painter.set(self.slot, Shape::mesh(self.mesh));
        }
    }

    /// A box: its outline (inside), its fill and its kind's bar on the left.
    fn boxed(&mut self, screen: Rect, fill: Color32, stroke: Stroke, accent: Color32, bar: f32) {
        let inner = screen.shrink(stroke.width);
        if stroke.width > 0.0 && inner.is_positive() {
            self.mesh.add_colored_rect(screen, stroke.color);
            self.mesh.add_colored_rect(inner, fill);
        } else {
            self.mesh.add_colored_rect(screen, fill);
        }
        let bar = Rect::from_min_size(screen.min, vec2(bar.min(screen.width()), screen.height()));
        self.mesh.add_colored_rect(bar, accent);
    }

    /// A line through `points`, square-ended so that corners are closed.
    fn polyline(&mut self, points: &[Pos2], stroke: Stroke) {
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let length = a.distance(b);
            if length <= f32::EPSILON {
                continue;
            }
            let along = (b - a) * (stroke.width / 2.0 / length);
            let across = vec2(-along.y, along.x);
            let first = self.mesh.vertices.len() as u32;
            for corner in [
                a - along + across,
                a - along - across,
                b + along - across,
                b + along + across,
            ] {
                self.mesh.colored_vertex(corner, stroke.color);
            }
            self.mesh.add_triangle(first, first + 1, first + 2);
            self.mesh.add_triangle(first, first + 2, first + 3);
        }
    }
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            offset: vec2(20.0, 20.0),
            zoom: 1.0,
            fit_pending: true,
            fitted: None,
            show_legend: false,
            names_cut: std::cell::Cell::new(0),
            center_pending: None,
            zoom_step_pending: None,
            interaction: Interaction::Idle,
            rename: None,
            context_at: None,
            rect: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)),
            keys_enabled: true,
            highlight: None,
            highlight_revision: None,
            drift_marks: HashMap::new(),
            drift_badges: std::cell::Cell::new(0),
            kind_picker: None,
            focus_taken_once: false,
            refocus: false,
            dependency_index: DependencyIndex::default(),
        }
    }
}

pub const CANVAS_ID: &str = "strata-canvas";

/// True while the canvas has the keyboard. Single-letter shortcuts act only
/// then, so a letter typed into a field that has just lost focus never
/// re-fits the view or deletes the selection.
pub fn canvas_has_focus(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused()) == Some(egui::Id::new(CANVAS_ID))
}

/// True when no text field or other widget but the canvas has the keyboard
/// (a dialog may then give its own field the keyboard).
pub fn keyboard_is_free(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused()).is_none() || canvas_has_focus(ctx)
}

impl Canvas {
    pub fn screen_from_canvas(&self, p: Pos2) -> Pos2 {
        self.rect.min + self.offset + p.to_vec2() * self.zoom
    }
    pub fn canvas_from_screen(&self, p: Pos2) -> Pos2 {
        ((p - self.rect.min - self.offset) / self.zoom).to_pos2()
    }
    pub fn screen_rect_from_canvas(&self, r: layout::Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_canvas(pos2(r.x, r.y)),
            self.screen_from_canvas(pos2(r.right(), r.bottom())),
        )
    }
    /// Where a component is on screen (for tests and the find bar).
    pub fn screen_rect_of(&self, geometry: &Geometry, id: ComponentId) -> Option<Rect> {
        geometry.node(id).map(|r| self.screen_rect_from_canvas(r))
    }

    /// A dialog or review mode that had the keyboard closed: the canvas
    /// takes it back, as the window it returns to.
    pub fn give_keyboard_back(&mut self) {
        self.refocus = true;
    }

    pub fn start_rename(&mut self, project: &Project, id: ComponentId) {
        if let Some(component) = project.component(id) {
            self.rename = Some(Rename {
                id,
                text: component.name.clone(),
                focused: false,
            });
        }
    }

    /// Highlights the blast radius of `id` (what depends on it and what it
    /// depends on). Returns false when the component does not exist.
    pub fn show_blast_radius(&mut self, project: &Project, id: ComponentId) -> bool {
        self.highlight = Highlight::of(project, id);
        self.highlight.is_some()
    }

    /// Keeps the highlight in step with the project: recomputed when the
    /// project's revision moves, dropped when its component is gone.
    fn refresh_highlight(&mut self, project: &Project, revision: u64) {
        let Some(highlight) = &self.highlight else {
            return;
        };
        if self.highlight_revision != Some(revision) {
            self.highlight = Highlight::of(project, highlight.focus);
            self.highlight_revision = Some(revision);
        }
    }

    /// Starts "click the component to connect to" mode.
    pub fn start_connect(&mut self, from: ComponentId) {
        self.interaction = Interaction::ConnectPick { from };
    }

    pub fn is_dragging(&self) -> bool {
        matches!(
            self.interaction,
            Interaction::Move { .. }
                | Interaction::MoveZone { .. }
                | Interaction::BoxSelect { .. }
                | Interaction::ConnectDrag { .. }
                | Interaction::Pan
        )
    }

    fn fit(&mut self, geometry: &Geometry) {
        // Fit what is drawn (components and zones), not the whole band width.
        let mut bounds: Option<layout::Rect> = None;
        for r in geometry
            .nodes
            .iter()
            .map(|(_, r)| *r)
            .chain(geometry.zones.iter().map(|z| z.rect))
        {
            bounds = Some(bounds.map_or(r, |b| b.union(&r)));
        }
        let bounds = bounds.unwrap_or(layout::Rect {
            x: 0.0,
            y: 0.0,
            width: geometry.width.max(1.0),
            height: geometry.height.max(1.0),
        });
        // Keep the band labels (left) readable: start at 0 when close.
        let left = (bounds.x - 70.0).max(0.0);
        let (top, bottom) = (
            bounds.y.min(geometry.bands.first().map_or(0.0, |b| b.top)),
            bounds.bottom().max(geometry.height),
        );
        let (width, height) = ((bounds.right() + 20.0 - left).max(1.0), (bottom - top).max(1.0));
        let size = self.rect.size();
        let zoom = ((size.x - 24.0) / width)
            .min((size.y - 24.0) / height)
            .clamp(tokens::sizes().min_zoom, 1.5);
        self.zoom = zoom;
        self.fitted = Some(size);
        self.offset = vec2(
            (size.x - width * zoom) / 2.0 - left * zoom,
            (size.y - height * zoom) / 2.0 - top * zoom,
        );
    }

    /// How many boxes on screen showed no whole name in the last frame.
    pub fn drift_badges_drawn(&self) -> usize {
        self.drift_badges.get()
    }

    pub fn names_cut(&self) -> usize {
        self.names_cut.get()
    }

    fn zoom_around(&mut self, screen_point: Pos2, factor: f32) {
        let before = self.canvas_from_screen(screen_point);
        self.zoom = (self.zoom * factor).clamp(tokens::sizes().min_zoom, tokens::sizes().max_zoom);
        self.fitted = None;
        // Keep the canvas point under the pointer where it was.
        self.offset = screen_point - self.rect.min - before.to_vec2() * self.zoom;
    }

    fn hit_node(&self, geometry: &Geometry, canvas_point: Pos2) -> Option<ComponentId> {
        geometry
            .nodes
            .iter()
            .rev()
            .find(|(_, r)| r.contains(canvas_point.x, canvas_point.y))
            .map(|(id, _)| *id)
    }

    /// The innermost zone whose label strip (its top edge, where the name
    /// is drawn) is under the pointer; only while labels are drawn.
    fn hit_zone_label(&self, geometry: &Geometry, screen_point: Pos2) -> Option<ZoneId> {
        zone_title_size(self.zoom)?;
        let strip = (layout::ZONE_LABEL * self.zoom).max(16.0);
        geometry
            .zones
            .iter()
            .filter(|zone_box| {
                let screen = self.screen_rect_from_canvas(zone_box.rect);
                Rect::from_min_size(screen.min, vec2(screen.width(), strip)).contains(screen_point)
            })
            .max_by_key(|zone_box| zone_box.depth)
            .map(|zone_box| zone_box.id)
    }

    /// The layer whose band label (sticky at the canvas' left edge) is under
    /// the pointer.
    fn hit_band_label(&self, geometry: &Geometry, screen_point: Pos2) -> Option<LayerId> {
        let label_size = band_label_size(self.zoom);
        geometry.bands.iter().find_map(|band| {
            let top = self.screen_from_canvas(pos2(0.0, band.top)).y;
            let width = band.name.chars().count() as f32 * label_size * 0.75 + 16.0;
            let label = Rect::from_min_size(pos2(self.rect.left(), top), vec2(width, label_size + 12.0));
            (label.contains(screen_point) && band.height * self.zoom >= label_size + 8.0)
                .then_some(band.layer)
                .flatten()
        })
    }

    fn hit_handle(&self, geometry: &Geometry, selection: &Selection, screen_point: Pos2) -> Option<ComponentId> {
        selection.components().into_iter().find(|id| {
            geometry.node(*id).is_some_and(|r| {
                let handle = self.handle_pos(r);
                handle.distance(screen_point) <= tokens::sizes().handle_radius + 3.0
            })
        })
    }

    fn handle_pos(&self, r: layout::Rect) -> Pos2 {
        self.screen_from_canvas(pos2(r.right(), r.y + r.height / 2.0)) + vec2(tokens::sizes().handle_radius + 2.0, 0.0)
    }

    fn hit_dependency(&self, geometry: &Geometry, screen_point: Pos2) -> Option<DependencyId> {
        self.hit_dependencies(geometry, screen_point).first().copied()
    }

    /// Every arrow within reach of `screen_point`, nearest first (arrows
    /// drawn on top of each other tie and keep the project's order).
    fn hit_dependencies(&self, geometry: &Geometry, screen_point: Pos2) -> Vec<DependencyId> {
        let mut hits: Vec<(f32, DependencyId)> = Vec::new();
        for edge in &geometry.edges {
            let points: Vec<Pos2> = edge
                .points
                .iter()
                .map(|(x, y)| self.screen_from_canvas(pos2(*x, *y)))
                .collect();
            let distance = points
                .windows(2)
                .map(|pair| distance_to_segment(screen_point, pair[0], pair[1]))
                .fold(f32::INFINITY, f32::min);
            if distance < 6.0 {
                hits.push((distance, edge.id));
            }
        }
        // Within a pixel counts as the same place, so overlapping arrows
        // keep a stable order whatever the rounding.
        hits.sort_by(|a, b| a.0.round().total_cmp(&b.0.round()));
        hits.into_iter().map(|(_, id)| id).collect()
    }

    /// Shows the canvas and reports what the user did. The canvas never
    /// changes the app's selection itself: a click answers with
    /// [`Action::Select`], first among the frame's actions so the actions
    /// after it (a context-menu command, say) act on what was just picked.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        revision: u64,
        geometry: &Geometry,
        current: &Selection,
        palette: &Palette,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        // The gestures below work on the picked-so-far selection; this frame
        // is drawn with it, and the app adopts it when it drains the actions.
        let mut picked = current.clone();
        let selection = &mut picked;
        let rect = ui.available_rect_before_wrap();
        self.rect = rect;
        let response = ui.interact(rect, egui::Id::new(CANVAS_ID), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, "Topology canvas"));
        ui.advance_cursor_after_rect(rect);
        self.take_keyboard(ui, &response);

        if self.fitted.is_some_and(|size| size != rect.size()) {
            self.fit_pending = true;
        }
        if self.fit_pending {
            self.fit(geometry);
            self.fit_pending = false;
        }
        if let Some(factor) = self.zoom_step_pending.take() {
            self.zoom_around(rect.center(), factor);
        }
        if let Some(id) = self.center_pending.take()
            && let Some(r) = geometry.node(id)
        {
            let (x, y) = r.center();
            if self.zoom < 0.6 {
                self.zoom = 1.0;
            }
            self.offset = rect.size() / 2.0 - vec2(x, y) * self.zoom;
            self.fitted = None;
        }

        self.refresh_highlight(project, revision);
        self.dependency_index.refresh(project, geometry, revision);
        self.handle_view_input(ui, &response);
        self.handle_pointer(ui, &response, project, geometry, selection, &mut actions);
        self.handle_keys(ui, project, geometry, selection, &mut actions);

        let painter = ui.painter_at(rect);
        self.paint(&painter, project, geometry, selection, palette);
        self.legend_ui(ui, project, palette);
        self.marks_legend_ui(ui, palette);
        self.hover_tooltip(&response, project, geometry);
        self.rename_ui(ui, project, geometry, &mut actions);
        self.context_menu(&response, project, geometry, selection, &mut actions);
        self.kind_picker_ui(ui, response.double_clicked(), &mut actions);
        if picked != *current {
            actions.insert(0, Action::Select(picked));
        }
        actions
    }

    /// A click or drag on the canvas gives it the keyboard; while it has
    /// it, arrows and Escape are the canvas's (nudge, clear), not egui's
    /// focus moves.
    fn take_keyboard(&mut self, ui: &Ui, response: &egui::Response) {
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        let first = !self.focus_taken_once && nothing_focused;
        self.focus_taken_once = true;
        let handed_back = std::mem::take(&mut self.refocus);
        if first || handed_back || response.drag_started() || response.clicked() || response.secondary_clicked() {
            response.request_focus();
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
        }
    }

    /// The kind picker a double-click on empty canvas opens at that spot:
    /// the common kinds first, then the rest. Escape or a click elsewhere
    /// closes it without adding anything.
    fn kind_picker_ui(&mut self, ui: &mut Ui, just_opened: bool, actions: &mut Vec<Action>) {
        let Some(at) = self.kind_picker else { return };
        let screen = self.screen_from_canvas(at);
        let mut chosen = None;
        let area = egui::Area::new(egui::Id::new("strata-kind-picker"))
            .order(egui::Order::Foreground)
            .fixed_pos(screen)
            .constrain_to(self.rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.strong("Add component here");
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        let rest = ComponentKind::VARIANTS
                            .iter()
                            .copied()
                            .filter(|k| !crate::templates::COMMON_KINDS.contains(k));
                        for kind in crate::templates::COMMON_KINDS.into_iter().chain(rest) {
                            let button = egui::Button::new(kind.label()).min_size(vec2(160.0, 0.0));
                            if ui.add(button).clicked() {
                                chosen = Some(kind);
                            }
                        }
                    });
                });
            });
        let escape = ui.input(|i| i.key_pressed(Key::Escape));
        if let Some(kind) = chosen {
            actions.push(Action::AddComponent { kind, at });
            self.kind_picker = None;
        } else if escape || (!just_opened && area.response.clicked_elsewhere()) {
            self.kind_picker = None;
        }
    }

    /// The blast radius legend in the top-right corner: what the colours
    /// mean, how many of each, and × to close (as Escape does).
    fn legend_ui(&mut self, ui: &mut Ui, project: &Project, palette: &Palette) {
        let Some(highlight) = &self.highlight else {
            return;
        };
        let blast = tokens::blast_colors(palette);
        let name = project
            .component(highlight.focus)
            .map_or_else(|| highlight.focus.to_string(), |c| c.name.clone());
        let (dependents, dependencies) = (highlight.dependents.len(), highlight.dependencies.len());
        let width = 250.0_f32.min(self.rect.width() - 20.0).max(120.0);
        let at = pos2(self.rect.right() - width - 10.0, self.rect.top() + 10.0);
        let area = Rect::from_min_size(at, vec2(width, 120.0));
        let mut close = false;
        ui.scope_builder(
            egui::UiBuilder::new()
                .id_salt("strata-blast-legend")
                .max_rect(area)
                .sense(Sense::click())
                .layout(egui::Layout::top_down(egui::Align::Min)),
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(width - 16.0);
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new("■").color(blast.focus));
                        ui.strong(format!("Blast radius of {name}"));
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            let response = ui.small_button("×").on_hover_text("Close the blast radius (Esc)");
                            super::widgets::label_widget(ui, &response, "Close blast radius", None);
                            close = response.clicked();
                        });
                    });
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new("■").color(blast.dependent));
                        ui.label(format!("{dependents} depend on it (break if it fails)",));
                    });
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new("■").color(blast.dependency));
                        ui.label(format!("{dependencies} it depends on"));
                    });
                });
            },
        );
        if close {
            self.highlight = None;
            // The legend is part of the canvas: its keys stay the canvas's.
            self.refocus = true;
        }
    }

    /// The whole text of what is under the pointer: a component's name,
    /// kind, technology and zones, or a dependency's label (the drawing may
    /// shorten both).
    fn hover_tooltip(&self, response: &egui::Response, project: &Project, geometry: &Geometry) {
        if !matches!(self.interaction, Interaction::Idle) || self.rename.is_some() {
            return;
        }
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let at = self.canvas_from_screen(pointer);
        if let Some(component) = self.hit_node(geometry, at).and_then(|id| project.component(id)) {
            let technology = geometry
                .text(component.id)
                .map_or_else(|| component.technology.clone(), |t| t.detail_full.clone());
            let zones: Vec<&str> = component
                .zones
                .iter()
                .filter_map(|z| project.zone(*z))
                .map(|z| z.name.as_str())
                .collect();
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(&component.name);
                ui.label(format!("{} · {technology}", component.kind.label()));
                if !zones.is_empty() {
                    ui.label(format!("In {}", zones.join(", ")));
                }
                if let Some(level) = self.drift_marks.get(&component.id) {
                    let what = match level {
                        crate::check::Level::Error => "contradicts the spec",
                        _ => "differs from the spec",
                    };
                    ui.label(format!("Terraform {what}: see the Drift panel"));
                }
            });
            return;
        }
        let label = geometry.edges.iter().find(|edge| {
            edge.label
                .as_ref()
                .is_some_and(|l| l.rect.contains(at.x, at.y) && l.text != edge.full_label)
        });
        if let Some(edge) = label {
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(&edge.full_label);
            });
        }
    }

    /// A key to the marks, on demand (the Legend button or L): edge kinds,
    /// criticality and how zones and components are drawn.
    fn marks_legend_ui(&mut self, ui: &mut Ui, palette: &Palette) {
        let button_at = self.rect.left_bottom() + vec2(10.0, -34.0);
        let mut toggle = false;
        ui.scope_builder(
            egui::UiBuilder::new()
                .id_salt("strata-marks-legend-button")
                .max_rect(Rect::from_min_size(button_at, vec2(110.0, 26.0))),
            |ui| {
                let text = if self.show_legend {
                    "Hide legend (L)"
                } else {
                    "Legend (L)"
                };
                toggle = ui
                    .button(text)
                    .on_hover_text("What the lines, colours and outlines mean")
                    .clicked();
            },
        );
        if toggle {
            self.show_legend = !self.show_legend;
            self.refocus = true;
        }
        if !self.show_legend {
            return;
        }
        let size = vec2(300.0, 282.0);
        let area = Rect::from_min_size(button_at - vec2(0.0, size.y + 6.0), size);
        ui.scope_builder(
            egui::UiBuilder::new()
                .id_salt("strata-marks-legend")
                .max_rect(area)
                .layout(egui::Layout::top_down(egui::Align::Min)),
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(size.x - 16.0);
                    ui.strong("Dependencies");
                    for kind in DependencyKind::VARIANTS.iter().copied() {
                        ui.horizontal(|ui| {
                            let (rect, _) = ui.allocate_exact_size(vec2(44.0, 12.0), Sense::hover());
                            let points = [rect.left_center(), rect.right_center()];
                            paint_arrow(
                                ui.painter(),
                                &points,
                                kind,
                                Stroke::new(tokens::sizes().edge_width, tokens::edge_color(kind, palette)),
                            );
                            ui.label(kind.label());
                        });
                    }
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(vec2(44.0, 12.0), Sense::hover());
                        let points = [rect.left_center(), rect.right_center()];
                        let stroke = Stroke::new(tokens::sizes().edge_width + CRITICAL_EXTRA_WIDTH, palette.edge);
                        paint_arrow(ui.painter(), &points, DependencyKind::Sync, stroke);
                        ui.label("Critical: a thicker line");
                    });
                    ui.separator();
                    ui.label("Zones: outlined areas titled \"name · kind\" (region, VPC, availability zone, subnet, …); a zone inside another is drawn inside it.");
                    ui.label("Components: the coloured bar and icon give the kind; a red or amber ! marks a drift finding (Review menu, Check drift).");
                });
            },
        );
    }

    fn handle_view_input(&mut self, ui: &Ui, response: &egui::Response) {
        let (zoom_delta, scroll, pointer) =
            ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
        let hovered = pointer.is_some_and(|p| self.rect.contains(p));
        if hovered && !egui::Popup::is_any_open(ui.ctx()) {
            if zoom_delta != 1.0 {
                self.zoom_around(pointer.unwrap_or(self.rect.center()), zoom_delta);
            } else if scroll != Vec2::ZERO {
                self.offset += scroll;
                self.fitted = None;
            }
        }
        // Middle-button drag pans anywhere.
        if response.dragged_by(egui::PointerButton::Middle) {
            self.offset += response.drag_delta();
            self.fitted = None;
        }
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        project: &Project,
        geometry: &Geometry,
        selection: &mut Selection,
        actions: &mut Vec<Action>,
    ) {
        let modifiers = ui.input(|i| i.modifiers);
        let additive = modifiers.shift || modifiers.command || modifiers.ctrl;

        // Connect by clicking the target (mode chosen in the context menu).
        if let Interaction::ConnectPick { from } = self.interaction {
            if response.clicked() {
                if let Some(pos) = response.interact_pointer_pos()
                    && let Some(to) = self.hit_node(geometry, self.canvas_from_screen(pos))
                {
                    connect(project, from, to, actions);
                }
                self.interaction = Interaction::Idle;
                return;
            }
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                self.interaction = Interaction::Idle;
            }
        }

        if response.drag_started_by(egui::PointerButton::Primary) {
            self.start_drag(ui, geometry, selection, additive);
        }

        if response.dragged_by(egui::PointerButton::Primary) {
            let delta = response.drag_delta();
            match &mut self.interaction {
                Interaction::Pan => {
                    self.offset += delta;
                    self.fitted = None;
                }
                Interaction::Move { delta: d, .. } => *d += delta / self.zoom,
                Interaction::MoveZone { dx, .. } => *dx += delta.x / self.zoom,
                _ => {}
            }
        }

        if response.drag_stopped() {
            self.finish_drag(ui, response, project, geometry, selection, actions);
        }

        if response.clicked() {
            let pos = response.interact_pointer_pos().unwrap_or(self.rect.center());
            if let Some(id) = self.hit_node(geometry, self.canvas_from_screen(pos)) {
                if additive {
                    selection.toggle(id);
                } else {
                    *selection = Selection::only(id);
                }
            } else if let Some(dependency) = self.next_dependency_at(project, geometry, selection, pos, actions) {
                *selection = Selection::only_dependency(dependency);
            } else if let Some(zone) = self.hit_zone_label(geometry, pos) {
                *selection = Selection::only_zone(zone);
            } else if let Some(layer) = self.hit_band_label(geometry, pos) {
                *selection = Selection::only_layer(layer);
            } else if !additive {
                selection.clear();
            }
            if let Some(rename) = &self.rename
                && !selection.contains(rename.id)
            {
                self.commit_rename(project, actions);
            }
        }

        if response.double_clicked() {
            let pos = response.interact_pointer_pos().unwrap_or(self.rect.center());
            let at = self.canvas_from_screen(pos);
            if let Some(id) = self.hit_node(geometry, at) {
                *selection = Selection::only(id);
                self.start_rename(project, id);
            } else if self.hit_dependency(geometry, pos).is_none() {
                self.kind_picker = Some(at);
            }
        }

        if response.secondary_clicked() {
            let pos = response.interact_pointer_pos().unwrap_or(self.rect.center());
            let at = self.canvas_from_screen(pos);
            self.context_at = Some(at);
            if let Some(id) = self.hit_node(geometry, at) {
                if !selection.contains(id) {
                    *selection = Selection::only(id);
                }
            } else if let Some(dependency) = self.hit_dependency(geometry, pos) {
                *selection = Selection::only_dependency(dependency);
            } else {
                selection.clear();
            }
        }
    }

    /// A drag begins: from a handle it draws an arrow, on a box it moves the
    /// selection, on a zone's title it moves the zone, elsewhere it pans (or
    /// box-selects with a modifier).
    fn start_drag(&mut self, ui: &Ui, geometry: &Geometry, selection: &mut Selection, additive: bool) {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or(self.rect.center());
        let canvas_origin = self.canvas_from_screen(origin);
        if let Some(from) = self.hit_handle(geometry, selection, origin) {
            self.interaction = Interaction::ConnectDrag { from };
        } else if let Some(id) = self.hit_node(geometry, canvas_origin) {
            if !selection.contains(id) {
                if !additive {
                    selection.clear();
                }
                selection.insert(id);
            }
            self.interaction = Interaction::Move {
                ids: selection.components(),
                delta: Vec2::ZERO,
            };
        } else if let Some(zone) = self.hit_zone_label(geometry, origin) {
            *selection = Selection::only_zone(zone);
            self.interaction = Interaction::MoveZone {
                zone,
                ids: zone_contents(geometry, zone),
                dx: 0.0,
            };
        } else if additive {
            self.interaction = Interaction::BoxSelect {
                start: origin,
                additive: true,
            };
        } else {
            self.interaction = Interaction::Pan;
        }
    }

    /// A drag ends: the move, zone move, box selection or arrow it drew
    /// becomes what it stands for.
    fn finish_drag(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        project: &Project,
        geometry: &Geometry,
        selection: &mut Selection,
        actions: &mut Vec<Action>,
    ) {
        let pointer = response.interact_pointer_pos().or(ui.input(|i| i.pointer.latest_pos()));
        match std::mem::replace(&mut self.interaction, Interaction::Idle) {
            Interaction::Move { ids, delta } if delta.length() > 0.5 => {
                if let Some(edit) = move_edit(project, geometry, &ids, delta) {
                    let label = if ids.len() == 1 {
                        "Move component".to_owned()
                    } else {
                        format!("Move {} components", ids.len())
                    };
                    actions.push(Action::edit(edit, label));
                }
            }
            Interaction::MoveZone { ids, dx, .. } if dx.abs() > 0.5 => {
                if let Some(edit) = zone_move_edit(project, geometry, &ids, dx) {
                    actions.push(Action::Edit {
                        edit,
                        label: "Move zone".to_owned(),
                        merge_key: None,
                    });
                }
            }
            Interaction::BoxSelect { start, additive } => {
                if let Some(end) = pointer {
                    let area = Rect::from_two_pos(self.canvas_from_screen(start), self.canvas_from_screen(end));
                    if !additive {
                        selection.clear();
                    }
                    for (id, r) in &geometry.nodes {
                        if area.intersects(Rect::from_min_size(pos2(r.x, r.y), vec2(r.width, r.height))) {
                            selection.insert(*id);
                        }
                    }
                }
            }
            Interaction::ConnectDrag { from } => {
                if let Some(end) = pointer
                    && let Some(to) = self.hit_node(geometry, self.canvas_from_screen(end))
                {
                    connect(project, from, to, actions);
                }
            }
            _ => {}
        }
    }

    /// The arrow a click at `pos` selects: where several overlap, each click
    /// selects the next one, and the status bar names it.
    fn next_dependency_at(
        &self,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        pos: Pos2,
        actions: &mut Vec<Action>,
    ) -> Option<DependencyId> {
        let hits = self.hit_dependencies(geometry, pos);
        let index = selection
            .dependency()
            .and_then(|current| hits.iter().position(|id| *id == current))
            .map_or(0, |i| (i + 1) % hits.len());
        let chosen = *hits.get(index)?;
        if hits.len() > 1 {
            actions.push(Action::Status(format!(
                "Selected {} ({} of {} arrows here; click again for the next)",
                dependency_name(project, chosen),
                index + 1,
                hits.len()
            )));
        }
        Some(chosen)
    }

    fn handle_keys(
        &mut self,
        ui: &Ui,
        project: &Project,
        geometry: &Geometry,
        selection: &mut Selection,
        actions: &mut Vec<Action>,
    ) {
        if !self.keys_enabled || !canvas_has_focus(ui.ctx()) || self.rename.is_some() {
            return;
        }
        let (step, arrows, f2, escape) = ui.input(|i| {
            let step = if i.modifiers.shift { 50.0 } else { 10.0 };
            let mut arrows = Vec2::ZERO;
            if i.key_pressed(Key::ArrowLeft) {
                arrows.x -= 1.0;
            }
            if i.key_pressed(Key::ArrowRight) {
                arrows.x += 1.0;
            }
            if i.key_pressed(Key::ArrowUp) {
                arrows.y -= 1.0;
            }
            if i.key_pressed(Key::ArrowDown) {
                arrows.y += 1.0;
            }
            if i.modifiers.is_none() && i.key_pressed(Key::L) {
                self.show_legend = !self.show_legend;
            }
            (step, arrows, i.key_pressed(Key::F2), i.key_pressed(Key::Escape))
        });
        if arrows != Vec2::ZERO && selection.has_components() {
            let ids: Vec<ComponentId> = selection.components();
            if let Some(edit) = nudge_edit(project, geometry, &ids, arrows * step) {
                actions.push(Action::Edit {
                    edit,
                    label: "Move with arrow keys".to_owned(),
                    merge_key: Some(format!("nudge:{ids:?}")),
                });
            }
        }
        if f2 && let Some(id) = selection.single() {
            self.start_rename(project, id);
        }
        if escape {
            if matches!(self.interaction, Interaction::Idle) {
                if self.highlight.take().is_none() {
                    selection.clear();
                }
            } else {
                self.interaction = Interaction::Idle;
            }
        }
    }

    fn commit_rename(&mut self, project: &Project, actions: &mut Vec<Action>) {
        let Some(rename) = self.rename.take() else { return };
        let Some(component) = project.component(rename.id) else {
            return;
        };
        let name = rename.text.trim();
        if name.is_empty() {
            actions.push(Action::Status("A component needs a name; the old one is kept.".into()));
        } else if name != component.name {
            let mut renamed = component.clone();
            renamed.name = name.to_owned();
            actions.push(Action::Edit {
                merge_key: None,
                edit: Edit::UpdateComponent(Box::new(renamed)),
                label: format!("Rename to {name}"),
            });
        }
    }

    fn rename_ui(&mut self, ui: &mut Ui, project: &Project, geometry: &Geometry, actions: &mut Vec<Action>) {
        let Some(id) = self.rename.as_ref().map(|r| r.id) else {
            return;
        };
        let Some(r) = geometry.node(id) else {
            self.rename = None;
            return;
        };
        let screen = self.screen_rect_from_canvas(r);
        let Some(rename) = &mut self.rename else { return };
        let sizes = tokens::sizes();
        let field = Rect::from_center_size(
            screen.center(),
            vec2(screen.width().max(sizes.rename_field_width), sizes.rename_field_height),
        );
        let response = ui.put(
            field,
            egui::TextEdit::singleline(&mut rename.text)
                .id(egui::Id::new("strata-rename"))
                .hint_text("Component name"),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Rename component"));
        if !rename.focused {
            response.request_focus();
            rename.focused = true;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.rename = None;
        } else if response.lost_focus() || enter {
            self.commit_rename(project, actions);
        }
    }

    fn context_menu(
        &mut self,
        response: &egui::Response,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        actions: &mut Vec<Action>,
    ) {
        response.context_menu(|ui| {
            let at = self.context_at.unwrap_or(Pos2::ZERO);
            if !selection.has_components() && selection.dependency().is_none() {
                ui.menu_button("Add component here", |ui| {
                    for &kind in ComponentKind::VARIANTS {
                        if ui.button(kind.label()).clicked() {
                            actions.push(Action::AddComponent { kind, at });
                            ui.close();
                        }
                    }
                });
                if ui.button("Auto-arrange").clicked() {
                    actions.push(Action::Command(AppCommand::AutoArrange));
                    ui.close();
                }
                return;
            }
            if let Some(id) = selection.single() {
                if ui.button("Rename").clicked() {
                    self.start_rename(project, id);
                    ui.close();
                }
                if ui
                    .button("Blast radius")
                    .on_hover_text("Highlight what breaks if it fails and what it needs")
                    .clicked()
                {
                    self.show_blast_radius(project, id);
                    ui.close();
                }
                if ui.button("Connect to…").clicked() {
                    self.start_connect(id);
                    actions.push(Action::Status(
                        "Click the component to connect to (Esc cancels).".into(),
                    ));
                    ui.close();
                }
            }
            if selection.has_components() {
                if ui.button("Duplicate").clicked() {
                    actions.push(Action::Command(AppCommand::Duplicate));
                    ui.close();
                }
                let ids: Vec<ComponentId> = selection.components();
                ui.menu_button("Move to layer", |ui| {
                    for layer in &project.layers {
                        if ui.button(&layer.name).clicked() {
                            actions.push(Action::Edit {
                                merge_key: None,
                                edit: Edit::SetLayers(ids.iter().map(|id| (*id, Some(layer.id))).collect()),
                                label: format!("Move to layer {}", layer.name),
                            });
                            ui.close();
                        }
                    }
                });
                ui.menu_button("Group into new zone", |ui| {
                    let suggested = crate::edit::suggested_kind_around(project, &ids);
                    for kind in
                        std::iter::once(suggested).chain(ZoneKind::VARIANTS.iter().copied().filter(|k| *k != suggested))
                    {
                        if ui.button(kind.label()).clicked() {
                            actions.push(Action::GroupIntoZone(Some(kind)));
                            ui.close();
                        }
                    }
                });
                ui.menu_button("Move to zone", |ui| {
                    if ui.button("No zone").clicked() {
                        actions.push(Action::Edit {
                            merge_key: None,
                            edit: Edit::SetZones(ids.iter().map(|id| (*id, Vec::new())).collect()),
                            label: "Remove from zone".into(),
                        });
                        ui.close();
                    }
                    for zone in &project.zones {
                        if ui.button(format!("{} ({})", zone.name, zone.kind.label())).clicked() {
                            actions.push(Action::Edit {
                                merge_key: None,
                                edit: Edit::SetZones(ids.iter().map(|id| (*id, vec![zone.id])).collect()),
                                label: format!("Move to zone {}", zone.name),
                            });
                            ui.close();
                        }
                    }
                });
            }
            ui.separator();
            if ui.button("Delete").clicked() {
                actions.push(Action::Command(AppCommand::Delete));
                ui.close();
            }
            let _ = geometry;
        });
    }

    /// Dependencies as the layout routed and labelled them; while boxes
    /// are dragged, the edges the drag touches as the core re-routes them.
    #[allow(clippy::too_many_arguments)]
    fn paint_edges(
        &self,
        painter: &egui::Painter,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        palette: &Palette,
        moving: &HashSet<ComponentId>,
        move_delta: Vec2,
    ) {
        let rect = self.rect;
        let zoom = self.zoom;
        let detail = zoom >= tokens::detail_zoom();
        let highlight = self.highlight.as_ref();
        let blast = tokens::blast_colors(palette);
        // While boxes are dragged, the core re-routes what the drag
        // touches; everything else keeps its drawing.
        let preview = (!moving.is_empty() && move_delta != Vec2::ZERO).then(|| {
            let mut ids: Vec<ComponentId> = moving.iter().copied().collect();
            ids.sort();
            geometry.drag_preview(&ids, (move_delta.x, move_delta.y))
        });
        // Rounded corners stay inside the box of a route's own points, so
        // routes outside the view are left before their corners are made.
        let visible = layout::Rect {
            x: self.canvas_from_screen(rect.min).x,
            y: self.canvas_from_screen(rect.min).y,
            width: rect.width() / zoom,
            height: rect.height() / zoom,
        };
        let mut labels = Vec::new();
        // Where boxes are marks, the routes between them are plain lines.
        let mut marks = routes_as_marks(zoom).then(|| MarkMesh::start(painter));
        for (index, stored) in geometry.edges.iter().enumerate() {
            let edge = preview.as_ref().and_then(|p| p.edge(geometry, index)).unwrap_or(stored);
            if !layout::route::bounds(&edge.points).is_some_and(|b| b.expand(1.0).overlaps(&visible)) {
                continue;
            }
            let Some(dependency) = self.dependency_index.get(project, index, edge.id) else {
                continue;
            };
            let points = self.screen_route(&edge.points);
            let bounds = Rect::from_points(&points);
            if points.len() < 2 || !bounds.intersects(rect) {
                continue;
            }
            let selected = selection.dependency() == Some(dependency.id);
            let emphasis = highlight.map(|h| h.emphasises(dependency.from, dependency.to));
            let (color, width) = match (selected, emphasis) {
                (true, _) => (palette.selection, tokens::sizes().selected_width),
                (false, Some(Some(Role::Dependent))) => (blast.dependent, tokens::sizes().blast_width),
                (false, Some(Some(_))) => (blast.dependency, tokens::sizes().blast_width),
                (false, Some(None)) => (
                    tokens::edge_color(dependency.kind, palette).lerp_to_gamma(palette.canvas, blast.dim),
                    tokens::sizes().edge_width,
                ),
                (false, None) => (tokens::edge_color(dependency.kind, palette), tokens::sizes().edge_width),
            };
            let width = if dependency.criticality == Criticality::Critical {
                width + CRITICAL_EXTRA_WIDTH
            } else {
                width
            };
            if !detail {
                let stroke = Stroke::new(tokens::sizes().outline_width, color.gamma_multiply(0.7));
                match marks.as_mut() {
                    Some(marks) => marks.polyline(&points, stroke),
                    None => {
                        painter.add(Shape::line(points, stroke));
                    }
                }
                continue;
            }
            paint_arrow(painter, &points, dependency.kind, Stroke::new(width, color));
            let dimmed = emphasis == Some(None) && !selected;
            if let Some(label) = edge.label.as_ref().filter(|_| !dimmed) {
                labels.push((label, selected));
            }
        }
        if let Some(marks) = marks {
            marks.finish(painter);
        }
        // Labels scale with the drawing, so they keep their places beside
        // their edges; too small to read, they are left to the inspector.
        let size = layout::text::LABEL_SIZE * zoom;
        if size < tokens::sizes().min_text_size {
            return;
        }
        for (label, selected) in labels {
            let color = if selected {
                palette.selection
            } else {
                palette.edge_label
            };
            let screen = self.screen_rect_from_canvas(label.rect);
            // Held against the side facing the route, as in the SVG: egui's
            // text is narrower than the layout's estimate, and centred in
            // the reserved room it would drift off the route.
            let (at, align) = match label.anchor {
                layout::edges::Anchor::Left => (screen.left_center(), Align2::LEFT_CENTER),
                layout::edges::Anchor::Centre => (screen.center(), Align2::CENTER_CENTER),
                layout::edges::Anchor::Right => (screen.right_center(), Align2::RIGHT_CENTER),
            };
            let galley = painter.layout_no_wrap(label.text.clone(), FontId::proportional(size), color);
            let text = align.anchor_size(at, galley.size());
            // The background stays in the reserved room, which nothing
            // else covers.
            let background = text.expand2(vec2(2.0, 1.0) * zoom).intersect(screen);
            painter.rect_filled(background, 3.0, palette.edge_label_bg);
            painter.galley(text.min, galley, color);
        }
    }

    /// A route on screen: with rounded corners where a corner's curve is
    /// big enough to be seen, and without the points closer to the one
    /// before than a pixel can show (at a small zoom a route of many
    /// corners is a few pixels long, and every point costs as much to
    /// draw as a long segment).
    fn screen_route(&self, route: &[(f32, f32)]) -> Vec<Pos2> {
        let rounded;
        let route = if rounded_corners_show(self.zoom) {
            rounded = layout::rounded_polyline(route, layout::route::CORNER, 3);
            &rounded[..]
        } else {
            route
        };
        let mut points: Vec<Pos2> = Vec::with_capacity(route.len());
        for &(x, y) in route {
            let at = self.screen_from_canvas(pos2(x, y));
            match points.last() {
                Some(last) if last.distance_sq(at) < MIN_SCREEN_STEP * MIN_SCREEN_STEP => {}
                _ => points.push(at),
            }
        }
        // The end stays where the route ends (the arrowhead points there).
        if let (Some(&(x, y)), Some(last)) = (route.last(), points.last_mut()) {
            *last = self.screen_from_canvas(pos2(x, y));
        }
        points
    }

    fn paint(
        &self,
        painter: &egui::Painter,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        palette: &Palette,
    ) {
        painter.rect_filled(self.rect, CornerRadius::ZERO, palette.canvas);
        let visible = Rect::from_min_max(
            self.canvas_from_screen(self.rect.min),
            self.canvas_from_screen(self.rect.max),
        );
        self.paint_bands(painter, geometry, visible, palette);
        self.paint_zones(painter, project, geometry, selection, visible, palette);
        self.paint_band_labels(painter, geometry, selection, visible, palette);
        let moving = self.moving();
        self.paint_edges(
            painter,
            project,
            geometry,
            selection,
            palette,
            &moving.ids,
            moving.delta,
        );
        self.paint_components(painter, project, geometry, selection, palette, &moving);
        self.paint_overlays(painter, geometry, palette, &moving);
    }

    /// The components being dragged this frame, and by how much (canvas
    /// units).
    fn moving(&self) -> Moving {
        match &self.interaction {
            Interaction::Move { ids, delta } => Moving {
                ids: ids.iter().copied().collect(),
                delta: *delta,
            },
            Interaction::MoveZone { ids, dx, .. } => Moving {
                ids: ids.iter().copied().collect(),
                delta: vec2(*dx, 0.0),
            },
            _ => Moving {
                ids: HashSet::new(),
                delta: Vec2::ZERO,
            },
        }
    }

    /// Where a component is drawn this frame (dragged ones follow the
    /// pointer).
    fn drawn_rect(&self, geometry: &Geometry, id: ComponentId, moving: &Moving) -> Option<Rect> {
        let r = geometry.node(id)?;
        let screen = self.screen_rect_from_canvas(r);
        Some(if moving.ids.contains(&id) {
            screen.translate(moving.delta * self.zoom)
        } else {
            screen
        })
    }

    /// Layer bands: full width, label sticky at the left edge.
    fn paint_bands(&self, painter: &egui::Painter, geometry: &Geometry, visible: Rect, palette: &Palette) {
        let rect = self.rect;
        for band in &geometry.bands {
            if band.bottom() < visible.min.y || band.top > visible.max.y {
                continue;
            }
            let top = self.screen_from_canvas(pos2(0.0, band.top)).y;
            let bottom = self.screen_from_canvas(pos2(0.0, band.bottom())).y;
            let band_rect = Rect::from_x_y_ranges(rect.x_range(), top..=bottom);
            painter.rect_filled(
                band_rect,
                CornerRadius::ZERO,
                tokens::band_fill(band.kind, palette.dark),
            );
            painter.line_segment(
                [pos2(rect.left(), bottom), pos2(rect.right(), bottom)],
                Stroke::new(tokens::sizes().outline_width, palette.band_divider),
            );
        }
    }

    /// Zones, outermost first.
    fn paint_zones(
        &self,
        painter: &egui::Painter,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        visible: Rect,
        palette: &Palette,
    ) {
        let zoom = self.zoom;
        for zone_box in &geometry.zones {
            let r = zone_box.rect;
            if r.right() < visible.min.x || r.x > visible.max.x || r.bottom() < visible.min.y || r.y > visible.max.y {
                continue;
            }
            let mut screen = self.screen_rect_from_canvas(r);
            if let Interaction::MoveZone { zone, dx, .. } = &self.interaction
                && geometry.zones.iter().any(|z| z.id == *zone && z.rect.encloses(&r))
            {
                screen = screen.translate(vec2(*dx * zoom, 0.0));
            }
            let Some(zone) = project.zone(zone_box.id) else {
                continue;
            };
            let radius = (tokens::sizes().zone_corner * zoom).min(12.0);
            let stroke = if selection.zone() == Some(zone.id) {
                Stroke::new(tokens::sizes().selected_width, palette.selection)
            } else {
                Stroke::new(tokens::sizes().zone_width, palette.zone_stroke)
            };
            painter.rect(screen, radius, palette.zone_fill, stroke, StrokeKind::Inside);
            // Titles scale with the drawing so they keep their proportion;
            // too small to read, they are left out rather than piled up.
            paint_zone_title(painter, zone_box, screen, zoom, palette.zone_label);
        }
    }

    /// Band labels over the zones' tint, sticky at the left edge.
    fn paint_band_labels(
        &self,
        painter: &egui::Painter,
        geometry: &Geometry,
        selection: &Selection,
        visible: Rect,
        palette: &Palette,
    ) {
        let rect = self.rect;
        let zoom = self.zoom;
        let label_size = band_label_size(zoom);
        for band in &geometry.bands {
            if band.bottom() < visible.min.y || band.top > visible.max.y {
                continue;
            }
            let top = self.screen_from_canvas(pos2(0.0, band.top)).y;
            // Too thin to hold a label at this zoom: the labels would pile up.
            if band.height * zoom < label_size + 8.0 {
                continue;
            }
            let galley = painter.layout_no_wrap(
                band.name.to_uppercase(),
                FontId::proportional(label_size),
                palette.band_label,
            );
            // Inside the band's header, clear of the zone titles under it.
            let header = layout::BAND_HEADER * zoom;
            let at = pos2(
                rect.left() + 10.0,
                top + ((header - galley.size().y) / 2.0).clamp(1.0, 6.0),
            );
            let background = Rect::from_min_size(at - vec2(4.0, 1.0), galley.size() + vec2(8.0, 2.0));
            painter.rect_filled(background, 3.0, palette.edge_label_bg);
            if band.layer.is_some() && selection.layer() == band.layer {
                painter.rect_stroke(
                    background,
                    3.0,
                    Stroke::new(tokens::sizes().selected_width, palette.selection),
                    StrokeKind::Outside,
                );
            }
            painter.galley(at, galley, palette.band_label);
        }
    }

    /// Components; the selection is drawn last so a dragged component stays
    /// on top of what it passes over. With a blast radius shown, what it
    /// holds is drawn over the rest.
    fn paint_components(
        &self,
        painter: &egui::Painter,
        project: &Project,
        geometry: &Geometry,
        selection: &Selection,
        palette: &Palette,
        moving: &Moving,
    ) {
        let rect = self.rect;
        let zoom = self.zoom;
        let detail = zoom >= tokens::detail_zoom();
        let highlight = self.highlight.as_ref();
        let blast = tokens::blast_colors(palette);
        let role = |id: ComponentId| highlight.map_or(Role::Other, |h| h.role(id));
        let mut names_cut = 0;
        let mut badges = 0;
        let mut marks = MarkMesh::start(painter);
        // Only what is on screen is ordered and drawn.
        let mut order: Vec<(bool, bool, &Component, Rect)> = project
            .components
            .iter()
            .filter_map(|c| {
                let screen = self.drawn_rect(geometry, c.id, moving)?;
                screen.intersects(rect).then(|| {
                    (
                        selection.contains(c.id),
                        highlight.is_some() && role(c.id) != Role::Other,
                        c,
                        screen,
                    )
                })
            })
            .collect();
        order.sort_by_key(|(selected, emphasised, ..)| (*selected, *emphasised));
        for (_, _, component, screen) in order {
            let selected = selection.contains(component.id);
            let part = role(component.id);
            let dim = highlight.is_some() && part == Role::Other && !selected;
            let text = geometry.text(component.id);
            let look = BoxLook::of(component.kind, selected, dim, palette);
            let whole = if BoxDetail::of(screen, zoom) == BoxDetail::Mark {
                marks.boxed(
                    screen,
                    look.palette.node_fill,
                    look.stroke,
                    look.accent,
                    name_bar_width(zoom),
                );
                false
            } else {
                paint_component(painter, component, screen, zoom, &look, text)
            };
            names_cut += usize::from(!whole);
            let outline = match part {
                Role::Focus => Some((blast.focus, 4.0, tokens::sizes().blast_width + 0.5)),
                Role::Dependent => Some((blast.dependent, 2.5, tokens::sizes().blast_width)),
                Role::Dependency => Some((blast.dependency, 2.5, tokens::sizes().blast_width)),
                Role::Other => None,
            };
            if let Some((color, gap, width)) = outline
                && highlight.is_some()
            {
                painter.rect_stroke(
                    screen.expand(gap),
                    tokens::sizes().node_corner * zoom.min(1.5) + gap,
                    Stroke::new(width, color),
                    StrokeKind::Outside,
                );
            }
            if let Some(&level) = self.drift_marks.get(&component.id) {
                paint_drift_badge(painter, screen, level, zoom, palette);
                badges += 1;
            }
            if selected && detail && !moving.ids.contains(&component.id) {
                let handle = screen.right_center() + vec2(tokens::sizes().handle_radius + 2.0, 0.0);
                painter.circle(
                    handle,
                    tokens::sizes().handle_radius,
                    palette.canvas,
                    Stroke::new(tokens::sizes().gesture_width, palette.handle),
                );
                painter.circle_filled(handle, 2.5, palette.handle);
            }
        }
        marks.finish(painter);
        self.names_cut.set(names_cut);
        self.drift_badges.set(badges);
    }

    /// Interaction overlays: the box being dragged out, the arrow being
    /// drawn.
    fn paint_overlays(&self, painter: &egui::Painter, geometry: &Geometry, palette: &Palette, moving: &Moving) {
        let pointer = painter.ctx().input(|i| i.pointer.latest_pos());
        match &self.interaction {
            Interaction::BoxSelect { start, .. } => {
                if let Some(end) = pointer {
                    let area = Rect::from_two_pos(*start, end);
                    painter.rect(
                        area,
                        2.0,
                        palette.selection_fill,
                        Stroke::new(tokens::sizes().outline_width, palette.selection),
                        StrokeKind::Inside,
                    );
                }
            }
            Interaction::ConnectDrag { from } | Interaction::ConnectPick { from } => {
                if let (Some(a), Some(end)) = (self.drawn_rect(geometry, *from, moving), pointer) {
                    let start = border_point(a, end);
                    painter.add(Shape::dashed_line(
                        &[start, end],
                        Stroke::new(tokens::sizes().gesture_width, palette.selection),
                        6.0,
                        4.0,
                    ));
                    painter.circle_filled(end, 4.0, palette.selection);
                }
            }
            _ => {}
        }
    }
}

/// The components being dragged, and the drag so far in canvas units.
struct Moving {
    ids: HashSet<ComponentId>,
    delta: Vec2,
}

fn connect(project: &Project, from: ComponentId, to: ComponentId, actions: &mut Vec<Action>) {
    if from == to {
        return;
    }
    if project.dependencies.iter().any(|d| d.from == from && d.to == to) {
        actions.push(Action::Status("These components are already connected.".into()));
        return;
    }
    let names = |id| project.component(id).map_or("?", |c| c.name.as_str());
    let dependency = project.new_dependency(from, to);
    actions.push(Action::Edit {
        merge_key: None,
        edit: Edit::InsertDependency {
            index: project.dependencies.len(),
            dependency: Box::new(dependency),
        },
        label: format!("Connect {} ⏵ {}", names(from), names(to)),
    });
}

/// The edit for a finished drag: new positions, plus new layers for
/// components dropped into another band and new zones for components
/// dropped into a zone, as one batch.
pub fn move_edit(project: &Project, geometry: &Geometry, ids: &[ComponentId], delta: Vec2) -> Option<Edit> {
    let mut positions = Vec::new();
    let mut layers = Vec::new();
    let mut zones = Vec::new();
    for &id in ids {
        let (Some(component), Some(r)) = (project.component(id), geometry.node(id)) else {
            continue;
        };
        let x = (r.x + delta.x).max(0.0);
        let y = r.y + delta.y;
        let centre_y = y + r.height / 2.0;
        let band = geometry.band_at(centre_y).or_else(|| {
            if centre_y < 0.0 {
                geometry.bands.first()
            } else {
                geometry.bands.last()
            }
        })?;
        // The "Unassigned" band keeps components without a layer.
        let band_y = band.position_y(y);
        positions.push((
            id,
            Some(Position {
                x: x.round(),
                y: band_y.round(),
            }),
        ));
        if band.layer != component.layer {
            layers.push((id, band.layer));
        }
        // Where it lands is its zone (the core decides): into a zone, onto
        // the border of two, out of every zone, or unchanged where it is
        // drawn already. Moved with others drawn in the zone it lands in,
        // it keeps its zones too (the group moves within that zone).
        let dropped = layout::Rect { x, y, ..r };
        if let Some(new_zones) = geometry.dropped_zones(component, dropped) {
            let beside_a_moved_one = match new_zones.as_slice() {
                [zone] => ids
                    .iter()
                    .any(|other| *other != id && geometry.drawn_in(*other) == Some(layout::Drawn::In(*zone))),
                _ => false,
            };
            if !beside_a_moved_one {
                zones.push((id, new_zones));
            }
        }
    }
    if positions.is_empty() {
        return None;
    }
    // The others keep their places: their hints become where they are
    // drawn, so the drop is ordered against what the user sees.
    positions.extend(
        project
            .components
            .iter()
            .filter(|c| !ids.contains(&c.id))
            .filter_map(|c| {
                let drawn = geometry.stored_position(c.id)?;
                (c.position != Some(drawn)).then_some((c.id, Some(drawn)))
            }),
    );
    let mut edits = vec![Edit::SetPositions(positions)];
    if !layers.is_empty() {
        edits.push(Edit::SetLayers(layers));
    }
    if !zones.is_empty() {
        edits.push(Edit::SetZones(zones));
    }
    Some(Edit::batch(edits))
}

/// The components drawn inside a zone's rectangle (its members and its
/// inner zones' members).
fn zone_contents(geometry: &Geometry, zone: ZoneId) -> Vec<ComponentId> {
    let Some(zone_box) = geometry.zones.iter().find(|z| z.id == zone) else {
        return Vec::new();
    };
    geometry
        .nodes
        .iter()
        .filter(|(_, r)| zone_box.rect.encloses(r))
        .map(|(id, _)| *id)
        .collect()
}

/// A zone dragged `dx` along the bands: what it holds keeps its rows, its
/// layers and its zones and moves by `dx`, so the zone takes its place
/// among its siblings where it was dropped; the rest keep theirs. One
/// edit, one undo step.
pub fn zone_move_edit(project: &Project, geometry: &Geometry, ids: &[ComponentId], dx: f32) -> Option<Edit> {
    if ids.is_empty() {
        return None;
    }
    let moved: HashSet<ComponentId> = ids.iter().copied().collect();
    let positions: Vec<(ComponentId, Option<Position>)> = project
        .components
        .iter()
        .filter_map(|c| {
            let mut drawn = geometry.stored_position(c.id)?;
            if moved.contains(&c.id) {
                drawn.x = (drawn.x + dx).max(0.0).round();
            }
            (c.position != Some(drawn)).then_some((c.id, Some(drawn)))
        })
        .collect();
    (!positions.is_empty()).then_some(Edit::SetPositions(positions))
}

/// Arrow-key moves stay inside each component's band.
fn nudge_edit(project: &Project, geometry: &Geometry, ids: &[ComponentId], delta: Vec2) -> Option<Edit> {
    let mut positions = Vec::new();
    for &id in ids {
        let (Some(component), Some(r)) = (project.component(id), geometry.node(id)) else {
            continue;
        };
        let band = geometry.band_at(r.y)?;
        let _ = component;
        let y = band.position_y(r.y + delta.y);
        positions.push((
            id,
            Some(Position {
                x: (r.x + delta.x).max(0.0),
                y,
            }),
        ));
    }
    (!positions.is_empty()).then_some(Edit::SetPositions(positions))
}

/// How much thicker a critical dependency is drawn (as in the SVG).
const CRITICAL_EXTRA_WIDTH: f32 = 0.8;

/// The shortest step along a route worth drawing, in points.
const MIN_SCREEN_STEP: f32 = 0.75;

/// Whether a route's rounded corners are big enough on screen to be seen
/// at `zoom` (below a pixel they only cost points to draw).
fn rounded_corners_show(zoom: f32) -> bool {
    layout::route::CORNER * zoom >= 1.0
}

/// How much of a component box is drawn, by its size on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxDetail {
    /// The outline by kind, the icon, the wrapped name and technology at
    /// the drawing's own size (names there are at least readable).
    Full,
    /// A plain box with its kind's bar and the name at the smallest
    /// readable size, while the name fits.
    Name,
    /// Too small for any readable text: a plain box and its kind's bar,
    /// square-cornered (a rounded corner would be under a pixel).
    Mark,
}

impl BoxDetail {
    /// The detail of a box `screen` big on screen at `zoom`.
    pub fn of(screen: Rect, zoom: f32) -> BoxDetail {
        if zoom >= tokens::detail_zoom() {
            BoxDetail::Full
        } else if readable_line_fits(screen.shrink2(vec2(name_bar_width(zoom) + 2.0, 1.0))) {
            BoxDetail::Name
        } else {
            BoxDetail::Mark
        }
    }
}

/// Whether the routes are drawn as plain marks at `zoom`: where a box of
/// the smallest size is itself a mark.
fn routes_as_marks(zoom: f32) -> bool {
    let smallest = Rect::from_min_size(Pos2::ZERO, vec2(layout::NODE_WIDTH, layout::NODE_HEIGHT) * zoom);
    BoxDetail::of(smallest, zoom) == BoxDetail::Mark
}

/// The accent bar's width on a box drawn without full detail.
fn name_bar_width(zoom: f32) -> f32 {
    (4.0 * zoom).max(1.5)
}

/// Whether one line at the smallest readable size fits `room`.
fn readable_line_fits(room: Rect) -> bool {
    room.height() >= tokens::READABLE_TEXT * 1.2 && room.width() >= 3.0 * tokens::READABLE_TEXT
}

/// The size of the band labels at `zoom` (shared by painting and hit
/// tests): in proportion to the drawing, never below a readable size.
fn band_label_size(zoom: f32) -> f32 {
    (layout::text::BAND_SIZE * zoom).clamp(tokens::READABLE_TEXT + 1.0, 30.0)
}

/// The size of zone titles at `zoom`, or `None` where the room the layout
/// keeps above a zone's contents cannot hold a readable title.
fn zone_title_size(zoom: f32) -> Option<f32> {
    let size = (layout::text::TITLE_SIZE * zoom).max(tokens::READABLE_TEXT);
    let room = (layout::ZONE_LABEL + layout::ZONE_PADDING) * zoom;
    (room >= size * 1.15).then_some(size)
}

/// A zone's title in its top left corner: in proportion to the drawing
/// and never below a readable size. Where the readable size is wider
/// than the zone, the zone's name alone (its kind shows in its outline
/// and the legend), and only a name too long for the zone ends in "…".
fn paint_zone_title(painter: &egui::Painter, zone: &layout::ZoneBox, screen: Rect, zoom: f32, color: Color32) {
    let Some(size) = zone_title_size(zoom) else {
        return;
    };
    let inset = vec2(8.0, 3.0) * zoom.min(1.0);
    let room = (screen.width() - 2.0 * inset.x).max(size);
    let font = FontId::proportional(size);
    let title = title_in_room(&zone.title, &zone.name, |text| {
        painter.layout_no_wrap(text.to_owned(), font.clone(), color).size().x <= room
    });
    let mut job = egui::text::LayoutJob::simple_singleline(title.to_owned(), font, color);
    job.wrap.max_width = room;
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    job.wrap.overflow_character = Some('…');
    let galley = painter.layout_job(job);
    painter.galley(screen.min + inset, galley, color);
}

/// The zone title to write where `fits` says what fits: the whole "name ·
/// kind" title, else the name alone (cut further by the painter if even
/// that is too wide).
fn title_in_room<'a>(title: &'a str, name: &'a str, fits: impl Fn(&str) -> bool) -> &'a str {
    if fits(title) { title } else { name }
}

/// A polyline with an arrow head at its end; dashed for asynchronous
/// dependencies.
fn paint_arrow(painter: &egui::Painter, points: &[Pos2], kind: DependencyKind, stroke: Stroke) {
    let (Some(&end), Some(&before)) = (points.last(), points.get(points.len().wrapping_sub(2))) else {
        return;
    };
    let direction = (end - before).normalized();
    let tip = 9.0_f32.min((end - before).length() / 2.0);
    let shaft_end = end - direction * tip;
    let mut shaft = points.to_vec();
    if let Some(last) = shaft.last_mut() {
        *last = shaft_end;
    }
    if kind == DependencyKind::Async {
        painter.extend(Shape::dashed_line(&shaft, stroke, 6.0, 4.0));
    } else {
        painter.add(Shape::line(shaft, stroke));
    }
    let normal = vec2(-direction.y, direction.x) * (tip * 0.5);
    painter.add(Shape::convex_polygon(
        vec![end, shaft_end + normal, shaft_end - normal],
        stroke.color,
        Stroke::NONE,
    ));
}

/// Where the line from a rectangle's centre towards `toward` leaves it.
fn border_point(rect: Rect, toward: Pos2) -> Pos2 {
    let centre = rect.center();
    let d = toward - centre;
    if d.x.abs() < f32::EPSILON && d.y.abs() < f32::EPSILON {
        return centre;
    }
    let half = rect.size() / 2.0;
    let scale_x = if d.x.abs() > f32::EPSILON {
        half.x / d.x.abs()
    } else {
        f32::INFINITY
    };
    let scale_y = if d.y.abs() > f32::EPSILON {
        half.y / d.y.abs()
    } else {
        f32::INFINITY
    };
    centre + d * scale_x.min(scale_y)
}

/// "Web app ⏵ Orders DB (reads orders)": how the status bar names an arrow.
fn dependency_name(project: &Project, id: DependencyId) -> String {
    let Some(dependency) = project.dependencies.iter().find(|d| d.id == id) else {
        return id.to_string();
    };
    let name = |c: ComponentId| project.component(c).map_or_else(|| c.to_string(), |c| c.name.clone());
    let ends = format!("{} ⏵ {}", name(dependency.from), name(dependency.to));
    if dependency.label.trim().is_empty() {
        ends
    } else {
        format!("{ends} ({})", dependency.label.trim())
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let length_sq = ab.length_sq();
    if length_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / length_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// `palette` faded towards the canvas colour by `t` (components outside a
/// blast radius).
fn faded(palette: &Palette, t: f32) -> Palette {
    let fade = |c: Color32| c.lerp_to_gamma(palette.canvas, t);
    Palette {
        node_fill: fade(palette.node_fill),
        node_stroke: fade(palette.node_stroke),
        node_text: fade(palette.node_text),
        node_subtext: fade(palette.node_subtext),
        ..*palette
    }
}

/// The colours of a component's box: faded outside a blast radius,
/// outlined in the selection colour when selected.
struct BoxLook {
    palette: Palette,
    stroke: Stroke,
    accent: Color32,
    selected: bool,
}

impl BoxLook {
    fn of(kind: ComponentKind, selected: bool, dim: bool, palette: &Palette) -> BoxLook {
        let blast = tokens::blast_colors(palette);
        let (palette, accent) = if dim {
            (
                faded(palette, blast.dim),
                tokens::kind_accent(kind).lerp_to_gamma(palette.canvas, blast.dim),
            )
        } else {
            (*palette, tokens::kind_accent(kind))
        };
        let stroke = if selected {
            Stroke::new(tokens::sizes().selected_width, palette.selection)
        } else {
            Stroke::new(tokens::sizes().outline_width, palette.node_stroke)
        };
        BoxLook {
            palette,
            stroke,
            accent,
            selected,
        }
    }
}

fn paint_component(
    painter: &egui::Painter,
    component: &Component,
    screen: Rect,
    zoom: f32,
    look: &BoxLook,
    text: Option<&layout::NodeText>,
) -> bool {
    let (palette, stroke, accent, selected) = (&look.palette, look.stroke, look.accent, look.selected);
    let detail = BoxDetail::of(screen, zoom);
    if detail != BoxDetail::Full {
        let corner = if detail == BoxDetail::Mark { 0.0 } else { 2.0 };
        painter.rect(screen, corner, palette.node_fill, stroke, StrokeKind::Inside);
        let bar = name_bar_width(zoom);
        painter.rect_filled(Rect::from_min_size(screen.min, vec2(bar, screen.height())), 0.0, accent);
        if detail == BoxDetail::Mark {
            return false;
        }
        let name = text.map_or_else(|| component.name.clone(), layout::NodeText::whole_name);
        return paint_readable_name(painter, &name, screen.shrink2(vec2(bar + 2.0, 1.0)), palette.node_text);
    }
    let radius = tokens::sizes().node_corner * zoom.min(1.5);
    paint_shape(painter, component.kind, screen, zoom, radius, palette, stroke, accent);
    if selected && matches!(component.kind, ComponentKind::Database | ComponentKind::Cache) {
        painter.rect_stroke(
            screen.expand(2.0),
            radius,
            Stroke::new(tokens::sizes().outline_width, palette.selection),
            StrokeKind::Outside,
        );
    }

    // Icon in the strip the layout keeps for it, then the text exactly as
    // the layout wrapped it (the SVG draws the same lines).
    let Some(text) = text else { return false };
    let at = |x: f32, y: f32| screen.min + vec2(x, y) * zoom;
    paint_icon(
        painter,
        component.kind,
        at(17.0, text.name_top + 8.0),
        7.0 * zoom,
        accent,
    );
    let clip = painter.with_clip_rect(screen.shrink(1.0).intersect(painter.clip_rect()));
    let name_font = FontId::proportional(layout::text::NAME_SIZE * zoom);
    for (i, line) in text.name.iter().enumerate() {
        clip.text(
            at(text.centre, text.name_top + i as f32 * layout::text::NAME_LINE),
            Align2::CENTER_TOP,
            line,
            name_font.clone(),
            palette.node_text,
        );
    }
    clip.text(
        at(text.centre, text.detail_top()),
        Align2::CENTER_TOP,
        &text.detail,
        FontId::proportional(layout::text::DETAIL_SIZE * zoom),
        palette.node_subtext,
    );
    // The zones it is also in, where it is drawn inside one of them.
    for (i, line) in text.also.iter().enumerate() {
        clip.text(
            at(text.centre, text.also_top() + i as f32 * layout::text::DETAIL_LINE),
            Align2::CENTER_TOP,
            line,
            FontId::new(layout::text::DETAIL_SIZE * zoom, egui::FontFamily::Proportional),
            palette.node_subtext,
        );
    }
    true
}

/// The outline of a component by kind: a cylinder for data, a pill for
/// people, a dashed box for what is outside, cut corners for traffic, slots
/// for messages, a rounded box for the rest.
#[allow(clippy::too_many_arguments)]
fn paint_shape(
    painter: &egui::Painter,
    kind: ComponentKind,
    screen: Rect,
    zoom: f32,
    radius: f32,
    palette: &Palette,
    stroke: Stroke,
    accent: Color32,
) {
    match kind {
        ComponentKind::Database | ComponentKind::Cache => {
            // A cylinder: body with an elliptic top and bottom.
            let cap = (7.0 * zoom).max(2.0);
            let body = Rect::from_min_max(screen.min + vec2(0.0, cap), screen.max - vec2(0.0, cap));
            painter.rect_filled(body, 0.0, palette.node_fill);
            let rx = screen.width() / 2.0;
            painter.add(Shape::ellipse_filled(
                pos2(screen.center().x, body.bottom()),
                vec2(rx, cap),
                palette.node_fill,
            ));
            painter.add(Shape::ellipse_filled(
                pos2(screen.center().x, body.top()),
                vec2(rx, cap),
                palette.node_fill,
            ));
            painter.line_segment([body.left_top(), body.left_bottom()], stroke);
            painter.line_segment([body.right_top(), body.right_bottom()], stroke);
            painter.add(Shape::ellipse_stroke(
                pos2(screen.center().x, body.top()),
                vec2(rx, cap),
                stroke,
            ));
            let bottom = half_ellipse(pos2(screen.center().x, body.bottom()), vec2(rx, cap));
            painter.add(PathShape::line(bottom, PathStroke::new(stroke.width, stroke.color)));
        }
        ComponentKind::User => {
            painter.rect(
                screen,
                screen.height() / 2.0,
                palette.node_fill,
                stroke,
                StrokeKind::Inside,
            );
        }
        ComponentKind::ExternalSystem => {
            painter.rect_filled(screen, radius, palette.node_fill);
            let corners = [
                screen.left_top(),
                screen.right_top(),
                screen.right_bottom(),
                screen.left_bottom(),
                screen.left_top(),
            ];
            painter.extend(Shape::dashed_line(&corners, stroke, 6.0, 4.0));
        }
        ComponentKind::LoadBalancer | ComponentKind::Gateway => {
            // Cut corners (an octagon-like plate).
            let c = (12.0 * zoom).min(screen.height() / 3.0);
            let points = vec![
                screen.left_top() + vec2(c, 0.0),
                screen.right_top() - vec2(c, 0.0),
                screen.right_top() + vec2(0.0, c),
                screen.right_bottom() - vec2(0.0, c),
                screen.right_bottom() - vec2(c, 0.0),
                screen.left_bottom() + vec2(c, 0.0),
                screen.left_bottom() - vec2(0.0, c),
                screen.left_top() + vec2(0.0, c),
            ];
            painter.add(Shape::convex_polygon(points, palette.node_fill, stroke));
        }
        ComponentKind::Queue | ComponentKind::EventBus => {
            painter.rect(screen, radius, palette.node_fill, stroke, StrokeKind::Inside);
            // Message slots along the right edge.
            for i in 1..=3 {
                let x = screen.right() - i as f32 * 7.0 * zoom;
                painter.line_segment(
                    [
                        pos2(x, screen.top() + 6.0 * zoom),
                        pos2(x, screen.bottom() - 6.0 * zoom),
                    ],
                    Stroke::new(tokens::sizes().outline_width, accent.gamma_multiply(0.8)),
                );
            }
        }
        _ => {
            painter.rect(screen, radius, palette.node_fill, stroke, StrokeKind::Inside);
        }
    }
}

/// A box's name at the smallest readable size, wrapped to the box and
/// centred, when the box is too small for the drawing's own text; left
/// out when not even one line fits. A name too long for the room ends in
/// "…" (the tooltip and the inspector give it whole). Returns whether the
/// whole name was written.
/// A drift check's mark on a component: a dot in the level's colour with
/// an exclamation mark, on the box's top-right corner.
fn paint_drift_badge(painter: &egui::Painter, screen: Rect, level: crate::check::Level, zoom: f32, palette: &Palette) {
    let radius = 7.0 * zoom.clamp(0.6, 1.4);
    let centre = screen.right_top() + vec2(-radius * 0.4, radius * 0.4);
    painter.circle(
        centre,
        radius,
        tokens::level_color(level, palette),
        Stroke::new(1.5, palette.canvas),
    );
    painter.text(
        centre,
        Align2::CENTER_CENTER,
        "!",
        FontId::proportional(radius * 1.5),
        palette.canvas,
    );
}

fn paint_readable_name(painter: &egui::Painter, name: &str, room: Rect, color: Color32) -> bool {
    let size = tokens::READABLE_TEXT;
    let line = size * 1.2;
    if !readable_line_fits(room) {
        return false;
    }
    let mut job = egui::text::LayoutJob::simple(name.to_owned(), FontId::proportional(size), color, room.width());
    job.wrap.max_rows = (room.height() / line).floor() as usize;
    job.wrap.overflow_character = Some('…');
    job.halign = egui::Align::Center;
    let galley = painter.layout_job(job);
    let top = room.center().y - galley.size().y / 2.0;
    let whole = !galley.elided;
    painter
        .with_clip_rect(room.intersect(painter.clip_rect()))
        .galley(pos2(room.center().x, top), galley, color);
    whole
}

fn half_ellipse(centre: Pos2, radius: Vec2) -> Vec<Pos2> {
    (0..=12)
        .map(|i| {
            let angle = std::f32::consts::PI * i as f32 / 12.0;
            centre + vec2(radius.x * angle.cos(), radius.y * angle.sin())
        })
        .collect()
}

/// A small glyph per kind, drawn with primitives so it scales with zoom.
fn paint_icon(painter: &egui::Painter, kind: ComponentKind, c: Pos2, r: f32, color: Color32) {
    let stroke = Stroke::new((1.6 * r / 9.0).max(1.0), color);
    match kind {
        ComponentKind::Database | ComponentKind::Cache | ComponentKind::BlockStorage => {
            painter.add(Shape::ellipse_stroke(
                c - vec2(0.0, r * 0.6),
                vec2(r * 0.8, r * 0.3),
                stroke,
            ));
            painter.line_segment([c + vec2(-r * 0.8, -r * 0.6), c + vec2(-r * 0.8, r * 0.6)], stroke);
            painter.line_segment([c + vec2(r * 0.8, -r * 0.6), c + vec2(r * 0.8, r * 0.6)], stroke);
            painter.add(PathShape::line(
                half_ellipse(c + vec2(0.0, r * 0.6), vec2(r * 0.8, r * 0.3)),
                PathStroke::new(stroke.width, color),
            ));
            if kind == ComponentKind::Cache {
                painter.line_segment([c + vec2(r * 0.1, -r * 0.2), c + vec2(-r * 0.2, r * 0.3)], stroke);
            }
        }
        ComponentKind::Queue | ComponentKind::EventBus => {
            for i in 0..3 {
                let x = c.x - r + i as f32 * r * 0.75;
                painter.rect_stroke(
                    Rect::from_min_size(pos2(x, c.y - r * 0.45), vec2(r * 0.55, r * 0.9)),
                    1.0,
                    stroke,
                    StrokeKind::Middle,
                );
            }
        }
        ComponentKind::User | ComponentKind::Identity => {
            painter.circle_stroke(c - vec2(0.0, r * 0.45), r * 0.38, stroke);
            painter.add(PathShape::line(
                (0..=10)
                    .map(|i| {
                        let angle = std::f32::consts::PI + std::f32::consts::PI * i as f32 / 10.0;
                        c + vec2(0.0, r * 0.9) + vec2(r * 0.75 * angle.cos(), r * 0.7 * angle.sin())
                    })
                    .collect(),
                PathStroke::new(stroke.width, color),
            ));
        }
        ComponentKind::ExternalSystem => {
            painter.circle_stroke(c, r * 0.8, stroke);
            painter.arrow(c - vec2(r * 0.4, -r * 0.4), vec2(r * 0.9, -r * 0.9), stroke);
        }
        ComponentKind::LoadBalancer => {
            painter.circle_filled(c - vec2(r * 0.6, 0.0), r * 0.25, color);
            for dy in [-0.7, 0.0, 0.7] {
                painter.line_segment([c - vec2(r * 0.6, 0.0), c + vec2(r * 0.7, r * dy)], stroke);
                painter.circle_filled(c + vec2(r * 0.8, r * dy), r * 0.18, color);
            }
        }
        ComponentKind::Gateway => {
            painter.add(Shape::convex_polygon(
                vec![c - vec2(0.0, r), c + vec2(r, 0.0), c + vec2(0.0, r), c - vec2(r, 0.0)],
                Color32::TRANSPARENT,
                stroke,
            ));
            painter.arrow(c - vec2(r * 0.5, 0.0), vec2(r, 0.0), stroke);
        }
        ComponentKind::Cdn | ComponentKind::Dns | ComponentKind::Network => {
            painter.circle_stroke(c, r * 0.85, stroke);
            painter.add(Shape::ellipse_stroke(c, vec2(r * 0.4, r * 0.85), stroke));
            painter.line_segment([c - vec2(r * 0.85, 0.0), c + vec2(r * 0.85, 0.0)], stroke);
        }
        ComponentKind::Waf | ComponentKind::Firewall | ComponentKind::SecretStore => {
            let points = vec![
                c + vec2(0.0, -r),
                c + vec2(r * 0.8, -r * 0.6),
                c + vec2(r * 0.6, r * 0.4),
                c + vec2(0.0, r),
                c + vec2(-r * 0.6, r * 0.4),
                c + vec2(-r * 0.8, -r * 0.6),
            ];
            painter.add(Shape::closed_line(points, stroke));
            if kind == ComponentKind::SecretStore {
                painter.circle_filled(c, r * 0.22, color);
            }
        }
        ComponentKind::ObjectStorage => {
            painter.add(Shape::closed_line(
                vec![
                    c + vec2(-r * 0.8, -r * 0.6),
                    c + vec2(r * 0.8, -r * 0.6),
                    c + vec2(r * 0.55, r * 0.8),
                    c + vec2(-r * 0.55, r * 0.8),
                ],
                stroke,
            ));
        }
        ComponentKind::Monitoring => {
            painter.add(PathShape::line(
                vec![
                    c + vec2(-r, r * 0.5),
                    c + vec2(-r * 0.4, -r * 0.1),
                    c + vec2(0.0, r * 0.3),
                    c + vec2(r * 0.5, -r * 0.7),
                    c + vec2(r, -r * 0.3),
                ],
                PathStroke::new(stroke.width, color),
            ));
        }
        ComponentKind::Function => {
            painter.text(c, Align2::CENTER_CENTER, "λ", FontId::proportional(r * 2.0), color);
        }
        ComponentKind::Worker => {
            painter.circle_stroke(c, r * 0.55, stroke);
            for i in 0..8 {
                let angle = std::f32::consts::TAU * i as f32 / 8.0;
                let d = vec2(angle.cos(), angle.sin());
                painter.line_segment([c + d * r * 0.6, c + d * r * 0.95], stroke);
            }
        }
        ComponentKind::Service | ComponentKind::Other => {
            painter.rect_stroke(
                Rect::from_center_size(c, vec2(r * 1.6, r * 1.3)),
                2.0,
                stroke,
                StrokeKind::Middle,
            );
            painter.line_segment([c + vec2(-r * 0.8, -r * 0.25), c + vec2(r * 0.8, -r * 0.25)], stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// D → A → B → C (arrows point at what a component depends on), E apart.
    fn chain() -> Project {
        let mut project = Project::new_layered("Chain", "2026-01-01");
        for (id, name) in [(1, "A"), (2, "B"), (3, "C"), (4, "D"), (5, "E")] {
            project.components.push(Component {
                id: ComponentId(id),
                name: name.into(),
                layer: Some(project.layers[0].id),
                ..Component::default()
            });
        }
        for (id, from, to) in [(1, 1, 2), (2, 2, 3), (3, 4, 1)] {
            project.dependencies.push(Dependency {
                id: DependencyId(id),
                from: ComponentId(from),
                to: ComponentId(to),
                ..Dependency::default()
            });
        }
        project
    }

    fn ids(list: &[u32]) -> HashSet<ComponentId> {
        list.iter().map(|&i| ComponentId(i)).collect()
    }

    #[test]
    fn highlight_from_blast_holds_dependents_and_dependencies() {
        let project = chain();
        let radius = crate::lint::blast::blast_radius(&project, ComponentId(2));
        let highlight = Highlight::from_blast(&radius);
        assert_eq!(highlight.focus, ComponentId(2));
        assert_eq!(highlight.dependents, ids(&[1, 4]));
        assert_eq!(highlight.dependencies, ids(&[3]));
        assert_eq!(highlight.role(ComponentId(4)), Role::Dependent);
        assert_eq!(highlight.role(ComponentId(3)), Role::Dependency);
        assert_eq!(highlight.role(ComponentId(5)), Role::Other);
        assert_eq!(
            highlight.emphasises(ComponentId(4), ComponentId(1)),
            Some(Role::Dependent)
        );
        assert_eq!(
            highlight.emphasises(ComponentId(1), ComponentId(2)),
            Some(Role::Dependent)
        );
        assert_eq!(
            highlight.emphasises(ComponentId(2), ComponentId(3)),
            Some(Role::Dependency)
        );
        assert!(Highlight::of(&project, ComponentId(99)).is_none());
    }

    #[test]
    fn the_highlight_follows_edits_and_goes_with_its_component() {
        let mut project = chain();
        let mut canvas = Canvas::default();
        assert!(canvas.show_blast_radius(&project, ComponentId(2)));
        // E now depends on D: E breaks too if B fails.
        project.dependencies.push(Dependency {
            id: DependencyId(4),
            from: ComponentId(5),
            to: ComponentId(4),
            ..Dependency::default()
        });
        canvas.refresh_highlight(&project, 1);
        assert_eq!(canvas.highlight.as_ref().unwrap().dependents, ids(&[1, 4, 5]));
        project.components.retain(|c| c.id != ComponentId(2));
        project
            .dependencies
            .retain(|d| d.from != ComponentId(2) && d.to != ComponentId(2));
        canvas.refresh_highlight(&project, 2);
        assert!(canvas.highlight.is_none());
    }

    #[test]
    fn a_zone_title_too_wide_for_its_zone_keeps_the_zone_name_whole() {
        let title = "us-east-1a · Availability zone";
        assert_eq!(title_in_room(title, "us-east-1a", |_| true), title);
        let roomy = |text: &str| text.chars().count() <= 12;
        assert_eq!(title_in_room(title, "us-east-1a", roomy), "us-east-1a");
        // A name holding the separator keeps it: only the kind goes.
        assert_eq!(title_in_room("a · b · Subnet", "a · b", |_| false), "a · b");
    }

    #[test]
    fn border_point_leaves_the_rectangle_towards_the_target() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 50.0));
        assert_eq!(border_point(rect, pos2(500.0, 25.0)), pos2(100.0, 25.0));
        assert_eq!(border_point(rect, pos2(50.0, -400.0)), pos2(50.0, 0.0));
    }

    #[test]
    fn a_box_shows_as_much_as_its_size_on_screen_can_hold() {
        let full = tokens::detail_zoom();
        let box_at = |zoom: f32| Rect::from_min_size(Pos2::ZERO, vec2(layout::NODE_WIDTH, layout::NODE_HEIGHT) * zoom);
        assert_eq!(BoxDetail::of(box_at(1.0), 1.0), BoxDetail::Full);
        assert_eq!(BoxDetail::of(box_at(full), full), BoxDetail::Full);
        // Below full detail: a name while one readable line fits the box.
        assert_eq!(BoxDetail::of(box_at(0.4), 0.4), BoxDetail::Name);
        assert_eq!(BoxDetail::of(box_at(0.05), 0.05), BoxDetail::Mark);
        // By the size on screen, not the zoom alone: a box grown by a
        // wrapped name holds its name where a one-line box cannot.
        let zoom = 0.19;
        assert_eq!(BoxDetail::of(box_at(zoom), zoom), BoxDetail::Mark);
        let tall = Rect::from_min_size(Pos2::ZERO, vec2(layout::NODE_WIDTH, layout::NODE_HEIGHT * 1.5) * zoom);
        assert_eq!(BoxDetail::of(tall, zoom), BoxDetail::Name);
        // Routes are marks exactly where the smallest box is one.
        assert!(routes_as_marks(0.05) && routes_as_marks(zoom));
        assert!(!routes_as_marks(0.4) && !routes_as_marks(1.0));
    }

    #[test]
    fn corners_are_rounded_only_where_the_curve_is_a_pixel_or_more() {
        assert!(rounded_corners_show(1.0));
        assert!(rounded_corners_show(1.0 / layout::route::CORNER));
        assert!(!rounded_corners_show(0.2));
        let mut canvas = Canvas {
            rect: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)),
            offset: Vec2::ZERO,
            ..Canvas::default()
        };
        let route = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (100.2, 100.0), (200.0, 100.0)];
        canvas.zoom = 1.0;
        let near = canvas.screen_route(&route);
        // Rounded: more points than the route's own.
        assert!(near.len() > route.len(), "{near:?}");
        canvas.zoom = 0.05;
        let far = canvas.screen_route(&route);
        // Square corners, and the step shorter than a pixel dropped; the
        // route still ends where it ends.
        assert_eq!(
            far,
            vec![pos2(0.0, 0.0), pos2(5.0, 0.0), pos2(5.0, 5.0), pos2(10.0, 5.0)]
        );
    }

    #[test]
    fn marks_are_plain_quads_closing_their_corners() {
        let ctx = egui::Context::default();
        let mut mesh = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut marks = MarkMesh::start(ui.painter());
            let stroke = Stroke::new(2.0, Color32::RED);
            marks.polyline(&[pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)], stroke);
            let screen = Rect::from_min_size(pos2(20.0, 20.0), vec2(8.0, 3.0));
            marks.boxed(
                screen,
                Color32::WHITE,
                Stroke::new(1.0, Color32::BLACK),
                Color32::BLUE,
                1.5,
            );
            mesh = Some(marks.mesh.clone());
            marks.finish(ui.painter());
        });
        // Headless: no texture upload to make.
        output.textures_delta.clear();
        let mesh = mesh.unwrap();
        // Two segments and a box (outline, fill, bar): five quads.
        assert_eq!((mesh.vertices.len(), mesh.indices.len()), (20, 30));
        // The first segment reaches past its end by half the width, so
        // the corner with the second is closed.
        let first: Vec<Pos2> = mesh.vertices[..4].iter().map(|v| v.pos).collect();
        assert!(
            first.contains(&pos2(11.0, 1.0)) && first.contains(&pos2(-1.0, -1.0)),
            "{first:?}"
        );
    }

    #[test]
    fn dropping_into_a_zone_puts_the_component_in_it() {
        let mut project = crate::templates::default_project();
        project.components[0].zones.clear();
        let geometry = Geometry::of(&project);
        let zone = geometry.zones.iter().max_by_key(|z| z.depth).unwrap();
        let (zx, zy) = zone.rect.center();
        let (cx, cy) = geometry.node(project.components[0].id).unwrap().center();
        let target = geometry.zone_at(zx, zy);
        let edit = move_edit(&project, &geometry, &[project.components[0].id], vec2(zx - cx, zy - cy)).unwrap();
        edit.apply(&mut project).unwrap();
        assert!(target.is_some());
        assert_eq!(project.components[0].zones, target.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn dropping_a_box_drawn_across_a_border_into_one_zone_keeps_that_zone_only() {
        let mut project = crate::templates::default_project();
        let geometry = Geometry::of(&project);
        let straddler = project
            .components
            .iter()
            .find(|c| matches!(geometry.drawn_in(c.id), Some(layout::Drawn::Across(..))))
            .expect("a box across a border")
            .id;
        let Some(layout::Drawn::Across(left, _)) = geometry.drawn_in(straddler) else {
            unreachable!("found above")
        };
        // A nudge keeps it across its border with all its zones.
        let nudge = move_edit(&project, &geometry, &[straddler], vec2(6.0, 0.0)).unwrap();
        let mut nudged = project.clone();
        nudge.apply(&mut nudged).unwrap();
        assert_eq!(
            nudged.component(straddler).unwrap().zones,
            project.component(straddler).unwrap().zones
        );
        // Dropped well inside the left zone: a member of that zone only.
        let zone = geometry.zones.iter().find(|z| z.id == left).unwrap().rect;
        let r = geometry.node(straddler).unwrap();
        let delta = vec2(zone.x + 14.0 - r.x, 0.0);
        move_edit(&project, &geometry, &[straddler], delta)
            .unwrap()
            .apply(&mut project)
            .unwrap();
        assert_eq!(project.component(straddler).unwrap().zones, vec![left]);
    }

    #[test]
    fn dropping_into_another_band_changes_the_layer_in_one_batch() {
        let project = crate::templates::default_project();
        let geometry = Geometry::of(&project);
        let component = &project.components[0];
        let r = geometry.node(component.id).unwrap();
        let here = geometry.band_at(r.y).unwrap().layer;
        let target = geometry
            .bands
            .iter()
            .find(|b| b.layer != here && b.layer.is_some())
            .unwrap();
        let delta = vec2(0.0, target.top + 40.0 - r.y);
        let edit = move_edit(&project, &geometry, &[component.id], delta).unwrap();
        let mut changed = project.clone();
        edit.apply(&mut changed).unwrap();
        assert_eq!(changed.components[0].layer, target.layer);
        let moved = Geometry::of(&changed);
        let band = moved.band_at(moved.node(component.id).unwrap().y).unwrap();
        assert_eq!(band.layer, target.layer);
    }
}
