//! The workbench as a new user meets it, driven headless against the real
//! `StrataApp`: names in any script, hint text instead of stored questions,
//! the kind picker, keyboard focus, overlapping arrows, the command palette
//! and the multi-selection inspector.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::app::{AppOptions, StrataApp};
use strata::model::*;

mod common;
use common::{App, app_window, keys};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn window(file: Option<PathBuf>) -> App<'static> {
    app_window(file, vec2(1400.0, 900.0))
}

/// A click without movement at `at`.
fn click_at(h: &mut App<'_>, at: Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
}

/// Two clicks at `at` within egui's double-click time, long enough after
/// any earlier click not to count as a triple-click.
fn double_click_at(h: &mut App<'_>, at: Pos2) {
    h.hover_at(at);
    for _ in 0..40 {
        h.step();
    }
    for _ in 0..2 {
        h.drag_at(at);
        h.step();
        h.drop_at(at);
        h.step();
    }
    h.run();
}

/// A point inside a layer band, far from every box and arrow.
fn empty_spot(h: &App<'_>) -> Pos2 {
    let app = h.state();
    let rect = app.canvas.rect;
    let candidates = (0..40).flat_map(|i| (0..30).map(move |j| (i, j)));
    for (i, j) in candidates {
        let at = rect.min + vec2(20.0 + i as f32 * 25.0, 20.0 + j as f32 * 25.0);
        let in_a_band = app
            .geometry()
            .band_at(app.canvas.canvas_from_screen(at).y)
            .is_some_and(|b| b.layer.is_some());
        if !rect.shrink(10.0).contains(at) || !in_a_band {
            continue;
        }
        let near_box = app.project().components.iter().any(|c| {
            app.canvas
                .screen_rect_of(app.geometry(), c.id)
                .is_some_and(|r| r.expand(30.0).contains(at))
        });
        let near_arrow = app.project().dependencies.iter().any(|d| {
            let (Some(a), Some(b)) = (
                app.canvas.screen_rect_of(app.geometry(), d.from),
                app.canvas.screen_rect_of(app.geometry(), d.to),
            ) else {
                return false;
            };
            egui::Rect::from_two_pos(a.center(), b.center())
                .expand(30.0)
                .contains(at)
        });
        if !near_box && !near_arrow {
            return at;
        }
    }
    panic!("no empty spot on the canvas");
}

fn status(h: &App<'_>) -> String {
    h.state().message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn chinese_arabic_and_emoji_names_draw_with_system_fonts() {
    let file = fixture("world-names.ron");
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| StrataApp::new(cc, AppOptions::headless(Some(file)).with_system_fonts()));
    h.run();
    let app = h.state();
    assert!(app.message.as_ref().is_none_or(|m| !m.is_error), "{:?}", app.message);
    let mut text = app.project().meta.name.clone();
    for component in &app.project().components {
        text.push_str(&component.name);
        text.push_str(&component.owner);
        text.push_str(&component.technology);
    }
    for dependency in &app.project().dependencies {
        text.push_str(&dependency.label);
    }
    for layer in &app.project().layers {
        text.push_str(&layer.name);
    }
    assert!(text.contains('订') && text.contains('ب') && text.contains('🦀'));
    let missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !strata::app::fonts::drawable(&h.ctx, *c))
        .collect();
    assert!(missing.is_empty(), "drawn as empty boxes: {missing:?}");
    let added: Vec<String> = h.state().fonts.added().iter().map(|f| f.family.clone()).collect();
    assert!(added.iter().any(|f| f.contains("CJK")), "{added:?}");
    // Only what the names need is loaded, not every system font.
    assert!(added.len() <= 3, "{added:?}");
    assert!(!status(&h).contains("install"), "{}", status(&h));
}

#[test]
fn a_latin_project_loads_no_system_font() {
    let example = common::example();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| StrataApp::new(cc, AppOptions::headless(Some(example)).with_system_fonts()));
    h.run();
    assert!(h.state().fonts.added().is_empty(), "{:?}", h.state().fonts.added());
}

#[test]
fn a_new_component_asks_with_hints_and_stores_no_questions() {
    let mut h = window(None);
    h.get_by_label("+ Database").click();
    h.run();
    keys(&mut h, Modifiers::NONE, Key::Enter);
    let app = h.state();
    let id = app.selection.single().expect("the new database is selected");
    let db = app.project().component(id).expect("added").clone();
    assert!(db.lifecycle.provisioner.is_empty(), "{:?}", db.lifecycle.provisioner);
    assert!(db.encryption.in_transit.is_empty() && db.encryption.at_rest.is_empty());
    assert!(strata::templates::unanswered_fields(&db).is_empty());
    let on_db = |code: &str| {
        strata::lint::lint(h.state().project())
            .into_iter()
            .filter(|d| d.code == code && d.place == strata::check::Place::Component { id: id.0 })
            .count()
    };
    assert_eq!(on_db("L044"), 0, "no template questions on a new component");
    assert!(on_db("L002") > 0, "the lints say in their own words what is missing");
    // The question shows as hint text in the empty field.
    let provisioner = h.get_by_label("Provisioner");
    assert_eq!(provisioner.value().unwrap_or_default(), "");
    let saved = ron::to_string(h.state().project()).expect("serialises");
    assert!(!saved.contains("How is it created"), "{saved}");
}

#[test]
fn double_click_on_empty_canvas_opens_the_kind_picker_there() {
    // Frames a 60th of a second apart, so two clicks make a double-click.
    let example = common::example();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| StrataApp::new(cc, AppOptions::headless(Some(example))));
    h.run();
    let before = h.state().project().components.len();
    let at = empty_spot(&h);
    double_click_at(&mut h, at);
    assert_eq!(
        h.state().project().components.len(),
        before,
        "nothing added before a kind is chosen"
    );
    h.get_by_label("Add component here");
    let clicked = h.state().canvas.canvas_from_screen(at);
    let band = h.state().geometry().band_at(clicked.y).and_then(|b| b.layer);
    h.get_by_label("Cache").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().components.len(), before + 1);
    let added = app.project().components.last().expect("added");
    assert_eq!(added.kind, ComponentKind::Cache);
    // It lands in the band that was double-clicked, at or right of the
    // spot (it slides right past boxes already there).
    assert_eq!(added.layer, band, "the band under the double-click");
    let rect = app.canvas.screen_rect_of(app.geometry(), added.id).expect("on canvas");
    assert!(rect.right() >= at.x, "{rect:?} vs {at:?}");

    // Escape closes the picker without adding anything.
    let at = empty_spot(&h);
    double_click_at(&mut h, at);
    h.get_by_label("Add component here");
    keys(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.query_by_label("Add component here").is_none());
    assert_eq!(h.state().project().components.len(), before + 1);
}

#[test]
fn letters_typed_into_a_field_never_reach_the_canvas() {
    let mut h = window(Some(common::example()));
    let view = |h: &App<'_>| (h.state().canvas.offset, h.state().canvas.zoom);
    // Zoom in so that a fit would show.
    keys(&mut h, Modifiers::COMMAND, Key::K);
    h.get_by_label("Filter commands").type_text("zoom in");
    h.run();
    keys(&mut h, Modifiers::NONE, Key::Enter);
    let zoomed = view(&h);

    // Type into a field, let it go with Enter, then type more letters.
    let db = h.state().project().components[0].id;
    h.state_mut().selection = strata::selection::Selection::only(db);
    h.run();
    h.get_by_label("Owner").focus();
    h.run();
    h.get_by_label("Owner").type_text("Platform");
    h.run();
    keys(&mut h, Modifiers::NONE, Key::Enter);
    for key in [Key::F, Key::Minus, Key::Delete] {
        keys(&mut h, Modifiers::NONE, key);
    }
    assert_eq!(view(&h), zoomed, "the view did not re-fit or zoom");
    assert!(
        h.state().project().component(db).is_some(),
        "Delete did not remove the selection"
    );

    // Once the canvas has the keyboard again, F fits.
    let spot = empty_spot(&h);
    click_at(&mut h, spot);
    keys(&mut h, Modifiers::NONE, Key::F);
    assert_ne!(view(&h), zoomed, "F on the canvas fits the view");
}

#[test]
fn overlapping_arrows_are_selected_in_turn_and_named() {
    let mut project = Project::new_layered("Overlap", "2026-01-01");
    let compute = project
        .layers
        .iter()
        .find(|l| l.kind == LayerKind::Compute)
        .map(|l| l.id);
    for (id, name, x) in [(1, "Orders", 40.0), (2, "Billing", 400.0)] {
        project.components.push(Component {
            id: ComponentId(id),
            name: name.into(),
            layer: compute,
            position: Some(Position { x, y: 40.0 }),
            ..Component::default()
        });
    }
    for (id, from, to, label) in [(1, 1, 2, "charges"), (2, 2, 1, "confirms")] {
        project.dependencies.push(Dependency {
            id: DependencyId(id),
            from: ComponentId(from),
            to: ComponentId(to),
            label: label.into(),
            ..Dependency::default()
        });
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("overlap.ron");
    strata::store::save(&file, &project).expect("saved");
    let mut h = window(Some(file));
    let middle = spot_near_both_arrows(&h, DependencyId(1), DependencyId(2));
    click_at(&mut h, middle);
    let first = h.state().selection.dependency().expect("an arrow is selected");
    click_at(&mut h, middle);
    let second = h.state().selection.dependency().expect("an arrow is selected");
    assert_ne!(first, second, "the second click selects the other arrow");
    let named = if second == DependencyId(1) {
        "charges"
    } else {
        "confirms"
    };
    assert!(status(&h).contains(named), "{}", status(&h));
    assert!(
        status(&h).contains("2 of 2") || status(&h).contains("1 of 2"),
        "{}",
        status(&h)
    );
    click_at(&mut h, middle);
    assert_eq!(
        h.state().selection.dependency(),
        Some(first),
        "and then the first again"
    );
}

#[test]
fn ctrl_k_adds_components_by_kind_and_says_when_nothing_matches() {
    let mut h = window(Some(common::example()));
    let before = h.state().project().components.len();
    keys(&mut h, Modifiers::COMMAND, Key::K);
    h.get_by_label("Filter commands").type_text("add data");
    h.run();
    h.get_by_label("Add component: Database");
    keys(&mut h, Modifiers::NONE, Key::Enter);
    let app = h.state();
    assert_eq!(app.project().components.len(), before + 1);
    assert_eq!(
        app.project().components.last().map(|c| c.kind),
        Some(ComponentKind::Database)
    );
    assert!(app.dialog.is_none());

    keys(&mut h, Modifiers::COMMAND, Key::K);
    h.get_by_label("Filter commands").type_text("frobnicate");
    h.run();
    h.get_by_label("No matching command.");
    keys(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().project().components.len(),
        before + 1,
        "Enter on nothing does nothing"
    );
}

#[test]
fn the_multi_selection_inspector_sets_fields_for_all_at_once() {
    let mut h = window(Some(common::example()));
    let ids: Vec<ComponentId> = h.state().project().components.iter().take(3).map(|c| c.id).collect();
    let original = h.state().project().clone();
    h.state_mut().selection = strata::selection::Selection::of_components(ids.iter().copied());
    h.run();
    h.get_by_label("3 components selected");

    h.get_by_label("Exposure").click();
    h.run();
    h.get_by_label("Public").click();
    h.run();
    h.get_by_label("Owner").focus();
    h.run();
    h.get_by_label("Owner").type_text("Platform team");
    h.run();
    keys(&mut h, Modifiers::NONE, Key::Enter);
    let app = h.state();
    for id in &ids {
        let c = app.project().component(*id).expect("still there");
        assert_eq!(c.exposure, Exposure::Public, "{}", c.name);
        assert_eq!(c.owner, "Platform team", "{}", c.name);
    }
    let others_unchanged = app
        .project()
        .components
        .iter()
        .filter(|c| !ids.contains(&c.id))
        .all(|c| original.component(c.id) == Some(c));
    assert!(others_unchanged);

    // One undo step per field, for all three.
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(ids.iter().all(|id| {
        h.state()
            .project()
            .component(*id)
            .is_some_and(|c| c.owner.is_empty() || original.component(*id).is_some_and(|o| o.owner == c.owner))
    }));
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), original);

    // Layer and kind, too.
    let data = original
        .layers
        .iter()
        .find(|l| l.kind == LayerKind::Data)
        .expect("a data layer");
    h.get_by_label("Layer").click();
    h.run();
    h.get_by_label(&data.name).click();
    h.run();
    h.get_by_label("Kind").click();
    h.run();
    h.get_by_label("Cache").click();
    h.run();
    for id in &ids {
        let c = h.state().project().component(*id).expect("still there");
        assert_eq!((c.layer, c.kind), (Some(data.id), ComponentKind::Cache), "{}", c.name);
    }
}

/// A screen point within a click's reach (6 points) of both arrows: the
/// router keeps parallel runs a few points apart, so the two arrows between
/// one pair of boxes run side by side rather than on top of each other.
fn spot_near_both_arrows(h: &App<'_>, a: DependencyId, b: DependencyId) -> egui::Pos2 {
    let app = h.state();
    let route = |id: DependencyId| -> Vec<egui::Pos2> {
        let edge = app.geometry().edges.iter().find(|e| e.id == id).expect("routed");
        edge.points
            .iter()
            .map(|(x, y)| app.canvas.screen_from_canvas(egui::pos2(*x, *y)))
            .collect()
    };
    let (first, second) = (route(a), route(b));
    let samples = |points: &[egui::Pos2]| -> Vec<egui::Pos2> {
        points
            .windows(2)
            .flat_map(|pair| (0..=20).map(move |i| pair[0].lerp(pair[1], i as f32 / 20.0)))
            .collect()
    };
    let (near_first, near_second) = (samples(&first), samples(&second));
    let (p, q) = near_first
        .iter()
        .flat_map(|p| near_second.iter().map(move |q| (*p, *q)))
        .min_by(|x, y| x.0.distance(x.1).total_cmp(&y.0.distance(y.1)))
        .expect("both arrows have points");
    assert!(
        p.distance(q) < 10.0,
        "the two arrows run {} points apart",
        p.distance(q)
    );
    p.lerp(q, 0.5)
}
