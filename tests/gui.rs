//! The workbench window, driven headless through egui_kittest against the
//! real `StrataApp`: the user's scenario from issue 4, the unsaved-changes
//! prompt and a corrupt file opened through the open path.
//!
//! `harness.run()` (not `run_steps`) is used on purpose: it panics when the
//! app keeps asking for repaints, so these tests also check that the window
//! goes idle.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, ViewportEvent, ViewportId, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::app::{Dialog, Pending, StrataApp};
use strata::model::{ComponentId, ComponentKind, Project};
use strata::store;

mod common;
use common::{drag, example, type_path};

fn harness(file: Option<PathBuf>) -> Harness<'static, StrataApp> {
    common::app_window(file, vec2(1400.0, 900.0))
}

fn ctrl(harness: &mut Harness<'_, StrataApp>, key: Key) {
    common::keys(harness, Modifiers::COMMAND, key);
}

fn ctrl_shift(harness: &mut Harness<'_, StrataApp>, key: Key) {
    common::keys(harness, Modifiers::COMMAND | Modifiers::SHIFT, key);
}

fn centre_of(harness: &Harness<'_, StrataApp>, id: ComponentId) -> Pos2 {
    let app = harness.state();
    app.canvas
        .screen_rect_of(app.geometry(), id)
        .expect("component on canvas")
        .center()
}

/// A click without movement at `at` on the canvas.
fn click_at(harness: &mut Harness<'_, StrataApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
}

#[test]
fn the_architects_scenario_round_trips_through_a_file() {
    let mut harness = harness(Some(example()));
    let original: Project = store::load(&example()).unwrap();
    assert_eq!(*harness.state().project(), original);
    assert!(!harness.state().is_dirty());
    assert_eq!(harness.state().title(), "e-commerce.ron — Strata");

    // Add a database from the palette: it is selected and ready to rename.
    harness.get_by_label("+ Database").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.project().components.len(), original.components.len() + 1);
    let added = app.project().components.last().unwrap().clone();
    assert_eq!(added.kind, ComponentKind::Database);
    assert_eq!(app.selection.single(), Some(added.id));
    assert!(app.canvas.rename.is_some(), "a new component starts in rename mode");
    assert!(app.is_dirty());
    assert!(app.title().contains('•'));

    // Rename it in place.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Rename component").type_text("Orders archive");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().project().component(added.id).unwrap().name,
        "Orders archive"
    );
    assert!(harness.state().canvas.rename.is_none());

    // Drag it into another band: its layer changes.
    let app = harness.state();
    let from_layer = app.project().component(added.id).unwrap().layer;
    let target = app
        .geometry()
        .bands
        .iter()
        .find(|b| b.layer.is_some() && b.layer != from_layer)
        .unwrap()
        .clone();
    let start = centre_of(&harness, added.id);
    let app = harness.state();
    let end_canvas = pos2(app.canvas.canvas_from_screen(start).x, target.top + target.height / 2.0);
    let end = app.canvas.screen_from_canvas(end_canvas);
    assert!(app.canvas.rect.contains(end), "target band visible at {end:?}");
    drag(&mut harness, start, end);
    let moved = harness.state().project().component(added.id).unwrap().clone();
    assert_eq!(moved.layer, target.layer, "dropped into the {} band", target.name);

    // Connect it to another component by dragging from its handle.
    let app = harness.state();
    let other = app
        .project()
        .components
        .iter()
        .find(|c| c.id != added.id && app.canvas.rect.contains(centre_of(&harness, c.id)))
        .unwrap()
        .id;
    let rect = app.canvas.screen_rect_of(app.geometry(), added.id).unwrap();
    let handle = rect.right_center() + vec2(8.0, 0.0);
    let dependencies_before = app.project().dependencies.len();
    let other_centre = centre_of(&harness, other);
    drag(&mut harness, handle, other_centre);
    let app = harness.state();
    assert_eq!(app.project().dependencies.len(), dependencies_before + 1);
    let dependency = app.project().dependencies.last().unwrap().clone();
    assert_eq!((dependency.from, dependency.to), (added.id, other));
    let finished = app.project().clone();

    // Undo three times: the arrow, the move and the rename are gone.
    for _ in 0..3 {
        ctrl(&mut harness, Key::Z);
    }
    let app = harness.state();
    let component = app.project().component(added.id).expect("the add is not undone");
    assert_eq!(component.name, added.name);
    assert_eq!(component.layer, added.layer);
    assert_eq!(component.position, added.position);
    assert_eq!(app.project().dependencies.len(), dependencies_before);

    // Redo (Ctrl+Shift+Z twice, Ctrl+Y once): all back.
    ctrl_shift(&mut harness, Key::Z);
    ctrl_shift(&mut harness, Key::Z);
    ctrl(&mut harness, Key::Y);
    assert_eq!(*harness.state().project(), finished);

    // Save As to a temporary file through the path field, then reload it.
    let folder = tempfile::tempdir().unwrap();
    let saved = folder.path().join("shop.ron");
    ctrl_shift(&mut harness, Key::S);
    assert!(matches!(harness.state().dialog, Some(Dialog::PathEntry(_))));
    type_path(&mut harness, &saved, "Save");
    let app = harness.state();
    assert!(app.dialog.is_none(), "{:?}", app.message);
    assert!(!app.is_dirty());
    assert_eq!(app.title(), "shop.ron — Strata");
    let reloaded = store::load(&saved).unwrap();
    // The first save records the identity the file's exports used so far.
    assert_eq!(reloaded.meta.id, store::identity_of_file(&example()));
    let mut finished = finished;
    finished.meta.id.clone_from(&reloaded.meta.id);
    assert_eq!(reloaded, finished);

    let reopened = self::harness(Some(saved));
    assert_eq!(*reopened.state().project(), finished);
    assert!(!reopened.state().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut harness = harness(Some(example()));
    harness.get_by_label("+ Queue").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().is_dirty());

    let request_close = |harness: &mut Harness<'_, StrataApp>| {
        harness
            .input_mut()
            .viewports
            .entry(ViewportId::ROOT)
            .or_default()
            .events
            .push(ViewportEvent::Close);
        harness.step();
    };
    request_close(&mut harness);
    let cancelled = harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the close is held back");
    harness.run();
    assert_eq!(
        harness.state().dialog,
        Some(Dialog::UnsavedChanges(strata::app::dialogs::UnsavedChanges {
            pending: Pending::Close
        }))
    );
    harness.get_by_label("Unsaved changes");

    harness.get_by_label("Cancel").click();
    harness.run();
    let app = harness.state();
    assert!(app.dialog.is_none());
    assert!(!app.close_confirmed, "Cancel keeps the window open");
    assert!(app.is_dirty(), "and keeps the changes");

    // Asking again and discarding lets the window close.
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().close_confirmed);
}

#[test]
fn a_corrupt_file_shows_an_error_and_keeps_the_current_project() {
    let mut harness = harness(Some(example()));
    let before = harness.state().project().clone();
    let folder = tempfile::tempdir().unwrap();
    let corrupt = folder.path().join("corrupt.ron");
    std::fs::write(&corrupt, "(format_version: 1, project: (meta: (name: \"cut off").unwrap();

    ctrl(&mut harness, Key::O);
    assert!(matches!(harness.state().dialog, Some(Dialog::PathEntry(_))));
    type_path(&mut harness, &corrupt, "Open");

    let app = harness.state();
    assert_eq!(*app.project(), before, "the current project stays open");
    assert_eq!(app.document.path(), Some(example().as_path()));
    let message = app.message.clone().expect("an error is shown");
    assert!(message.is_error);
    assert!(message.text.contains("corrupt.ron"), "{}", message.text);
    // The message is in the window and can be dismissed.
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().message.is_none());
}

#[test]
fn command_palette_lists_commands_with_shortcuts_and_runs_them() {
    let mut harness = harness(Some(example()));
    ctrl(&mut harness, Key::K);
    assert!(matches!(harness.state().dialog, Some(Dialog::CommandPalette(_))));
    harness.get_by_label("Select all");
    harness.get_by_label("Fit to window");
    harness.get_by_label("Select all").click();
    harness.run();
    let app = harness.state();
    assert!(app.dialog.is_none());
    assert_eq!(app.selection.component_count(), app.project().components.len());

    // Delete removes the selection as one step; undo brings it all back.
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().project().components.is_empty());
    ctrl(&mut harness, Key::Z);
    assert_eq!(*harness.state().project(), store::load(&example()).unwrap());
}

#[test]
fn find_selects_and_centres_a_component() {
    let mut harness = harness(Some(example()));
    let target = harness.state().project().components[3].clone();
    ctrl(&mut harness, Key::F);
    harness.get_by_label("Component name to find").type_text(&target.name);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection.single(), Some(target.id));
    let centre = centre_of(&harness, target.id);
    assert!(
        centre.distance(app.canvas.rect.center()) < 2.0,
        "{centre:?} vs {:?}",
        app.canvas.rect.center()
    );
}

#[test]
fn auto_arrange_is_one_undo_step() {
    let mut harness = harness(Some(example()));
    let before = harness.state().project().clone();
    harness.get_by_label("Auto-arrange").click();
    harness.run();
    let app = harness.state();
    assert!(app.document.history().can_undo());
    assert_eq!(app.document.history().undo_label(), Some("Auto-arrange"));
    for (a, b) in app.project().components.iter().zip(&before.components) {
        assert_eq!(a.layer, b.layer, "arrange never changes a layer");
    }
    ctrl(&mut harness, Key::Z);
    assert_eq!(*harness.state().project(), before);
}

#[test]
fn zoom_keys_and_fit() {
    let mut harness = harness(Some(example()));
    // Fit once the panels have settled, then zoom away and come back.
    harness.key_press(Key::F);
    harness.run();
    let fitted = harness.state().canvas.zoom;
    harness.key_press(Key::Plus);
    harness.run();
    let zoomed = harness.state().canvas.zoom;
    assert!(zoomed > fitted * 1.2, "{zoomed} vs {fitted}");
    harness.key_press(Key::Minus);
    harness.run();
    harness.key_press(Key::Minus);
    harness.run();
    assert!(harness.state().canvas.zoom < zoomed);
    harness.key_press(Key::F);
    harness.run();
    assert!(
        (harness.state().canvas.zoom - fitted).abs() < 1e-3,
        "{} vs {fitted}",
        harness.state().canvas.zoom
    );
}

#[test]
fn command_palette_filters_and_enter_runs_the_first_match() {
    let mut harness = harness(Some(example()));
    assert!(!harness.state().prefs.dark);
    ctrl(&mut harness, Key::K);
    harness.get_by_label("Filter commands").type_text("dark");
    harness.run();
    assert_eq!(
        harness.state().dialog,
        Some(Dialog::CommandPalette(strata::app::dialogs::CommandPalette {
            filter: "dark".into()
        }))
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().dialog.is_none());
    assert!(harness.state().prefs.dark);
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_project_file_opens_it_and_escape_in_a_dialog_keeps_the_selection() {
    let mut harness = harness(Some(example()));
    // Escape closes the find dialog without clearing the canvas selection.
    ctrl(&mut harness, Key::A);
    let selected = harness.state().selection.component_count();
    ctrl(&mut harness, Key::F);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().dialog.is_none());
    assert_eq!(harness.state().selection.component_count(), selected);

    let three_tier = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/three-tier.ron");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(three_tier.clone())));
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.path(), Some(three_tier.as_path()));
    assert_eq!(*app.project(), store::load(&three_tier).unwrap());
}

#[test]
fn new_from_template_through_the_file_menu() {
    let mut harness = harness(Some(example()));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("New from template").click();
    harness.run();
    assert_eq!(
        harness.state().dialog,
        Some(Dialog::Templates(strata::app::dialogs::TemplatePicker))
    );
    harness.get_by_label("Empty layered project").click();
    harness.run();
    let app = harness.state();
    assert!(app.dialog.is_none(), "{:?}", app.dialog);
    assert!(app.project().components.is_empty());
    assert_eq!(app.project().layers.len(), 8);
    assert!(app.document.path().is_none());
    assert_eq!(app.title(), "Untitled • — Strata");
}

#[test]
fn ctrl_e_exports_the_spec_folder_and_asks_before_replacing_foreign_files() {
    let mut harness = harness(Some(example()));
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("infra-specs");
    ctrl(&mut harness, Key::E);
    assert!(matches!(harness.state().dialog, Some(Dialog::PathEntry(_))));
    type_path(&mut harness, &folder, "Export");
    let readme = std::fs::read_to_string(folder.join("README.md")).expect("README.md written");
    assert!(readme.contains(&harness.state().project().meta.name));
    assert!(folder.join("diagrams/topology.svg").exists());
    assert!(
        harness
            .state()
            .message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("Exported")),
        "{:?}",
        harness.state().message
    );

    // A hand-written file where the export wants to write is not clobbered silently.
    let other = root.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("risks.md"), "my own notes").unwrap();
    ctrl(&mut harness, Key::E);
    type_path(&mut harness, &other, "Export");
    assert!(matches!(harness.state().dialog, Some(Dialog::ExportConflict(_))));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(other.join("risks.md")).unwrap(), "my own notes");
    assert!(!other.join("README.md").exists());
}

#[test]
fn f5_presents_decisions_and_the_outcome_stays_in_the_project() {
    let mut harness = harness(Some(example()));
    let original = harness.state().project().clone();
    let (position, decision) = original
        .decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.status == strata::model::DecisionStatus::Proposed && d.options.len() >= 2)
        .map(|(i, d)| (i, d.clone()))
        .expect("a proposed decision");
    harness.key_press(Key::F5);
    harness.run();
    assert_eq!(harness.state().workspace, strata::app::Workspace::Review);
    for _ in 0..position {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    for key in [Key::Num2, Key::A] {
        harness.key_press(key);
        harness.run();
    }
    // No rationale yet: A asks for one, Enter records it with the outcome.
    harness.event(egui::Event::Text("Reads dominate".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::P);
    harness.run();
    harness.event(egui::Event::Text("Alice".into()));
    harness.run();
    // Shift+Enter: Alice attends and decides.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    // M writes the minutes beside the spec (here: the last export folder).
    let minutes_folder = tempfile::tempdir().unwrap();
    harness.state_mut().last_export = Some(minutes_folder.path().to_owned());
    harness.key_press(Key::M);
    harness.run();
    let minutes_path = minutes_folder
        .path()
        .join(strata::review::minutes_file_name(&strata::today_iso()));
    let minutes = std::fs::read_to_string(&minutes_path).expect("minutes written");
    assert!(minutes.contains("- Alice (decider)"), "{minutes}");
    assert!(minutes.contains(&decision.title), "{minutes}");
    harness.key_press(Key::Escape);
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.workspace,
        strata::app::Workspace::Topology,
        "Esc leaves review mode"
    );
    let decided = app.project().decision(decision.id).unwrap();
    assert_eq!(decided.status, strata::model::DecisionStatus::Accepted);
    assert_eq!(decided.chosen, Some(decision.options[1].id));
    assert!(decided.deciders.contains(&"Alice".to_owned()));
    assert!(app.is_dirty());
    // The option, the outcome with its rationale, the decider, and the
    // project remembering this review (for "what changed since").
    assert!(app.project().meta.last_review.ends_with("-review.ron"));
    for _ in 0..4 {
        ctrl(&mut harness, Key::Z);
    }
    assert_eq!(*harness.state().project(), original, "four undos take the meeting back");
}

#[test]
fn the_documents_view_and_preview_show_the_spec() {
    let mut harness = harness(Some(example()));
    ctrl(&mut harness, Key::Num2);
    assert_eq!(harness.state().workspace, strata::app::Workspace::Documents);
    harness.get_by_label("Environments").click();
    harness.run();
    assert_eq!(harness.state().doc_section, strata::ui::DocSection::Environments);
    ctrl_shift(&mut harness, Key::P);
    assert!(harness.state().prefs.show_preview);
    // The preview renders the exported environments.md: its first setting is on screen.
    let setting = harness.state().project().environments.settings[0].name.clone();
    assert!(harness.query_all_by_label_contains(&setting).count() >= 1);
    ctrl(&mut harness, Key::Num1);
    assert_eq!(harness.state().workspace, strata::app::Workspace::Topology);
}

#[test]
fn clicking_a_problem_selects_and_centres_its_component_and_ctrl_b_shows_the_blast_radius() {
    let mut harness = harness(Some(example()));
    harness.get_by_label("+ Queue").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    let added = harness.state().project().components.last().unwrap().clone();
    assert!(
        harness.state().problems.counts().total() > 0,
        "a fresh component has open questions"
    );
    // Look elsewhere, then jump back through the problems panel.
    harness.state_mut().selection.clear();
    harness.run();
    let about_it: Vec<String> = harness
        .state()
        .problems
        .diagnostics()
        .iter()
        .filter(|d| d.place == strata::check::Place::Component { id: added.id.0 })
        .map(strata::ui::problems::row_label)
        .collect();
    let label = about_it.first().expect("the new component has a lint").clone();
    harness
        .query_all_by_label_contains(&label)
        .next()
        .unwrap_or_else(|| panic!("{label} is listed"))
        .click();
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection.single(), Some(added.id));
    let centre = centre_of(&harness, added.id);
    assert!(centre.distance(harness.state().canvas.rect.center()) < 2.0);

    // Blast radius of the most depended-upon data store.
    let primary = harness
        .state()
        .project()
        .components
        .iter()
        .find(|c| c.name.contains("PostgreSQL primary"))
        .unwrap()
        .id;
    harness.state_mut().selection = strata::selection::Selection::only(primary);
    harness.run();
    ctrl(&mut harness, Key::B);
    let highlight = harness.state().canvas.highlight.clone().expect("highlight shown");
    assert_eq!(highlight.focus, primary);
    assert!(!highlight.dependents.is_empty());
}

#[test]
fn the_dependency_explorer_opens_on_demand_and_the_window_goes_idle_when_it_closes() {
    let mut harness = harness(Some(example()));
    let focus = harness.state().project().components[5].id;
    harness.state_mut().selection = strata::selection::Selection::only(focus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    // egui_graphs animates its layout while shown: step, do not wait for idle.
    harness.run_steps(4);
    assert!(harness.state().explorer_open);
    assert!(harness.query_by_label("Dependency explorer").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    harness.run_steps(2);
    assert!(!harness.state().explorer_open);
    // `run` panics if anything still requests repaints: closed means idle.
    harness.run();
}

#[test]
fn clicking_a_zone_label_or_a_band_label_inspects_it() {
    let mut harness = harness(Some(example()));
    harness.key_press(Key::F);
    harness.run();
    // Zone labels are drawn (and clickable) from the detail zoom on.
    while harness.state().canvas.zoom < strata::ui::tokens::detail_zoom() {
        harness.key_press(Key::Plus);
        harness.run();
    }
    // Bring the innermost zone's title to the middle of the canvas.
    let app = harness.state_mut();
    let deepest = app.geometry().zones.iter().max_by_key(|z| z.depth).unwrap().rect;
    let zoom = app.canvas.zoom;
    app.canvas.offset = app.canvas.rect.size() / 2.0 - vec2(deepest.x, deepest.y) * zoom;
    harness.run();
    // The innermost zone whose label is on screen.
    let app = harness.state();
    let (zone, label_at) = app
        .geometry()
        .zones
        .iter()
        .rev()
        .map(|z| (z.id, app.canvas.screen_rect_from_canvas(z.rect).min + vec2(24.0, 7.0)))
        .find(|(_, at)| app.canvas.rect.contains(*at))
        .expect("a zone label on screen");
    click_at(&mut harness, label_at);
    assert_eq!(harness.state().selection.zone(), Some(zone));
    let name = harness.state().project().zone(zone).unwrap().name.clone();
    harness.get_by_label("Add zone inside");
    harness.get_by_label(&name);

    // A band label at the canvas' left edge selects its layer.
    let app = harness.state();
    let band = app
        .geometry()
        .bands
        .iter()
        .find(|b| {
            let top = app.canvas.screen_from_canvas(pos2(0.0, b.top)).y;
            b.layer.is_some() && app.canvas.rect.y_range().contains(top + 10.0)
        })
        .expect("a band label on screen")
        .clone();
    let top = app.canvas.screen_from_canvas(pos2(0.0, band.top)).y;
    let at = pos2(app.canvas.rect.left() + 16.0, top + 10.0);
    click_at(&mut harness, at);
    assert_eq!(harness.state().selection.layer(), band.layer);
    harness.get_by_label("Add layer below");

    // Delete removes the selected layer in one undoable step.
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().project().layer(band.layer.unwrap()).is_none());
    ctrl(&mut harness, Key::Z);
    assert!(harness.state().project().layer(band.layer.unwrap()).is_some());
}

#[test]
fn notices_leave_the_status_bar_on_their_own_but_errors_stay() {
    let mut harness = harness(Some(example()));
    ctrl(&mut harness, Key::Z);
    assert_eq!(
        harness.state().message.as_ref().map(|m| m.text.as_str()),
        Some("Nothing to undo")
    );
    // kittest advances egui's clock by a quarter second a frame.
    for _ in 0..40 {
        harness.step();
    }
    assert!(harness.state().message.is_none(), "the notice is gone after 8 s");

    // An error (a corrupt file) stays until it is dismissed.
    let folder = tempfile::tempdir().unwrap();
    let corrupt = folder.path().join("corrupt.ron");
    std::fs::write(&corrupt, "(format_version: 1").unwrap();
    ctrl(&mut harness, Key::O);
    type_path(&mut harness, &corrupt, "Open");
    for _ in 0..40 {
        harness.step();
    }
    assert!(harness.state().message.as_ref().is_some_and(|m| m.is_error));
}

#[test]
fn opening_a_format_1_file_says_it_will_be_saved_in_format_2() {
    let old = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format1/three-tier.ron");
    let harness = common::app_window(Some(old), egui::vec2(1400.0, 900.0));
    harness.get_by_label_contains("project format 1; it will be saved in format 2");
    // The current format says nothing of the kind.
    let harness = common::app_window(Some(example()), egui::vec2(1400.0, 900.0));
    assert!(harness.query_by_label_contains("it will be saved in format").is_none());
}
