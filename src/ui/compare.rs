//! The compare view: the project against its saved file, another file or a
//! git revision. The canvas shows added components and dependencies in
//! green, changed ones in amber and removed ones as red ghosts where they
//! were; a list names every change and a click goes to the item.

use std::path::{Path, PathBuf};

use egui::{Color32, Painter, Pos2, Stroke, StrokeKind, Ui};

use super::action::Action;
use crate::check::Place;
use crate::diff::{self, Change, ChangeKind, DiffOptions, ItemKey, ProjectDiff, changelog};
use crate::layout::Geometry;
use crate::model::{ComponentId, DependencyId, Project};
use crate::ui::canvas::Canvas;

pub const ADDED: Color32 = Color32::from_rgb(0x2e, 0x9e, 0x4f);
pub const REMOVED: Color32 = Color32::from_rgb(0xd0, 0x3a, 0x3a);
pub const CHANGED: Color32 = Color32::from_rgb(0xe0, 0x9a, 0x1a);

/// One change on one line ("~ component Checkout (name, technology)"),
/// in the colour of its kind.
pub fn change_line(change: &Change) -> (String, Color32) {
    let (sign, color) = match change.change {
        ChangeKind::Added => ("+", ADDED),
        ChangeKind::Removed => ("−", REMOVED),
        ChangeKind::Changed => ("~", CHANGED),
    };
    // The window's fonts have no arrow glyph.
    let name = change.name.replace('→', "->");
    let mut text = format!("{sign} {} {name}", change.item.label());
    if !change.fields.is_empty() {
        let fields: Vec<&str> = change.fields.iter().map(|f| f.field.as_str()).collect();
        text.push_str(&format!(" ({})", fields.join(", ")));
    }
    (text, color)
}

/// Where a change lives in the project now; a removed item has no place
/// (its ghost is on the canvas).
fn place_of(change: &Change) -> Option<Place> {
    if change.change == ChangeKind::Removed {
        return None;
    }
    Some(match change.item {
        ItemKey::Component(id) => Place::Component { id },
        ItemKey::Dependency(id) => Place::Dependency { id },
        ItemKey::Decision(id) => Place::Decision { id },
        ItemKey::Section(section) => Place::Section {
            section: section.to_owned(),
            item: None,
        },
        _ => return None,
    })
}

/// What to compare the project with.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareWith {
    /// The project's own file as last saved.
    Saved,
    File(PathBuf),
    /// The project's file at a git revision.
    Revision(String),
}

/// An open compare view.
pub struct CompareView {
    /// How the other version is named ("saved file", "HEAD:shop.ron").
    pub name: String,
    pub old: Project,
    old_geometry: Geometry,
    pub diff: ProjectDiff,
    /// The document revision the diff was made against, to redo it after
    /// edits.
    compared: Option<u64>,
}

impl CompareView {
    /// Loads the other version; `path` is the project's own file and
    /// `revision` the document's revision of `project`.
    pub fn open(
        with: &CompareWith,
        path: Option<&Path>,
        project: &Project,
        revision: u64,
    ) -> Result<CompareView, String> {
        let (old, name) = match with {
            CompareWith::Saved => {
                let path =
                    path.ok_or("The project has not been saved yet: there is no saved version to compare with.")?;
                (load(path)?, format!("saved {}", path.display()))
            }
            CompareWith::File(file) => (load(file)?, file.display().to_string()),
            CompareWith::Revision(revision) => {
                let path = path.ok_or("Save the project in a git repository first: a revision is of a file.")?;
                let version = diff::source::load(&format!("git:{revision}"), path).map_err(|e| e.to_string())?;
                (version.project, version.name)
            }
        };
        let mut view = CompareView {
            name,
            old_geometry: Geometry::of(&old),
            old,
            diff: ProjectDiff::default(),
            compared: None,
        };
        view.refresh(project, revision);
        Ok(view)
    }

    /// Redoes the diff if the document's revision moved since.
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if self.compared != Some(revision) {
            self.diff = diff::diff(&self.old, project, DiffOptions::default());
            self.compared = Some(revision);
        }
    }

    fn change_of_component(&self, id: ComponentId) -> Option<ChangeKind> {
        self.diff
            .changes
            .iter()
            .find(|c| c.item == ItemKey::Component(id.0))
            .map(|c| c.change)
    }

    /// Outlines over the canvas: added and changed components and
    /// dependencies on their drawing, removed ones where they were.
    pub fn paint_overlay(&self, painter: &Painter, canvas: &Canvas, geometry: &Geometry) {
        for (id, rect) in &geometry.nodes {
            let color = match self.change_of_component(*id) {
                Some(ChangeKind::Added) => ADDED,
                Some(ChangeKind::Changed) => CHANGED,
                _ => continue,
            };
            let rect = canvas.screen_rect_from_canvas(*rect).expand(3.0);
            painter.rect_stroke(rect, 6.0, Stroke::new(3.0, color), StrokeKind::Outside);
        }
        for change in &self.diff.changes {
            match (change.item, change.change) {
                (ItemKey::Component(id), ChangeKind::Removed) => {
                    if let Some(rect) = self.old_geometry.node(ComponentId(id)) {
                        let rect = canvas.screen_rect_from_canvas(rect);
                        painter.rect_filled(rect, 6.0, REMOVED.gamma_multiply(0.18));
                        painter.rect_stroke(rect, 6.0, Stroke::new(2.0, REMOVED), StrokeKind::Outside);
                        painter.text(
                            rect.center_top() - egui::vec2(0.0, 3.0),
                            egui::Align2::CENTER_BOTTOM,
                            format!("removed: {}", change.name),
                            egui::FontId::proportional(12.0),
                            REMOVED,
                        );
                    }
                }
                (ItemKey::Dependency(id), kind) => {
                    let (drawing, color) = match kind {
                        ChangeKind::Removed => (&self.old_geometry, REMOVED),
                        ChangeKind::Added => (geometry, ADDED),
                        ChangeKind::Changed => (geometry, CHANGED),
                    };
                    paint_route(painter, canvas, drawing, DependencyId(id), color);
                }
                _ => {}
            }
        }
    }

    /// The list of changes, the changelog draft and the way out; answers
    /// with what the user asked (`project` is the current one, which the
    /// changelog entry describes).
    pub fn list_ui(&self, ui: &mut Ui, project: &Project) -> Option<Action> {
        let mut action = None;
        ui.label(format!("Compared with {}", self.name));
        ui.label(format!(
            "{} added, {} removed, {} changed",
            self.diff.count(ChangeKind::Added),
            self.diff.count(ChangeKind::Removed),
            self.diff.count(ChangeKind::Changed)
        ));
        ui.horizontal(|ui| {
            let draft = ui.add_enabled(!self.diff.is_empty(), egui::Button::new("Draft changelog entry"));
            if draft.clicked() {
                let entry = changelog::draft_entry(&self.diff, &self.old, project, &crate::today_iso());
                action = Some(Action::edit(
                    changelog::append_edit(project, entry),
                    "Draft changelog entry",
                ));
            }
            if ui.button("Leave compare").clicked() {
                action = Some(Action::LeaveCompare);
            }
        });
        ui.separator();
        if self.diff.is_empty() {
            ui.label("No changes.");
        }
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for change in &self.diff.changes {
                let (text, color) = change_line(change);
                let label = egui::RichText::new(text).color(color);
                if ui.add(egui::Button::new(label).frame(false)).clicked() {
                    action = place_of(change).map(Action::GoTo);
                }
            }
        });
        action
    }
}

fn load(path: &Path) -> Result<Project, String> {
    crate::store::load(path).map_err(|e| e.to_string())
}

fn paint_route(painter: &Painter, canvas: &Canvas, geometry: &Geometry, id: DependencyId, color: Color32) {
    let Some(edge) = geometry.edges.iter().find(|e| e.id == id) else {
        return;
    };
    let points: Vec<Pos2> = edge
        .points
        .iter()
        .map(|&(x, y)| canvas.screen_from_canvas(Pos2::new(x, y)))
        .collect();
    painter.add(egui::Shape::line(points, Stroke::new(4.0, color.gamma_multiply(0.8))));
}

/// The small dialog that asks for a file or a revision.
#[derive(Clone, Debug, Default)]
pub struct ComparePicker {
    /// `true`: a git revision; `false`: a file path.
    pub revision: bool,
    pub text: String,
    /// The field took the keyboard when the dialog opened.
    focused: bool,
}

impl ComparePicker {
    /// A picker for a git revision, starting at `HEAD`.
    pub fn revision() -> ComparePicker {
        ComparePicker {
            revision: true,
            text: "HEAD".into(),
            focused: false,
        }
    }
}

impl ComparePicker {
    /// The field and its button; `Some` when the user confirmed.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<CompareWith> {
        let (label, hint) = if self.revision {
            ("Git revision", "HEAD~1, a branch or a tag")
        } else {
            ("Project file", "path/to/other.ron")
        };
        let mut chosen = None;
        ui.horizontal(|ui| {
            ui.label(label);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text(hint)
                    .desired_width(320.0),
            );
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Show changes").clicked() || entered) && !self.text.trim().is_empty() {
                let text = self.text.trim().to_owned();
                chosen = Some(if self.revision {
                    CompareWith::Revision(text)
                } else {
                    CompareWith::File(PathBuf::from(text))
                });
            }
        });
        chosen
    }
}
