//! How the topology reads on the canvas, headless against the real app:
//! names readable at Fit, the key to the marks on demand, and a resized
//! window that stays fitted.

use std::path::{Path, PathBuf};

use egui::{Key, vec2};
use egui_kittest::kittest::Queryable;
use strata::app::StrataApp;

mod common;

fn project(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("projects/{name}.ron"))
}

#[test]
fn fit_writes_every_component_name_whole_on_each_example() {
    for name in ["e-commerce", "three-tier", "data-platform"] {
        let mut harness = common::app_window(Some(project(name)), vec2(1600.0, 1000.0));
        harness.key_press(Key::F);
        harness.run();
        let app = harness.state();
        let canvas = app.canvas.rect;
        // Everything is on screen ...
        for (id, _) in &app.geometry().nodes {
            let screen = app.canvas.screen_rect_of(app.geometry(), *id).unwrap();
            assert!(canvas.contains_rect(screen), "{name}: {id:?} off screen at Fit");
        }
        // ... and every name is written whole at a readable size.
        assert_eq!(
            app.canvas.names_cut(),
            0,
            "{name}: names cut at zoom {}",
            app.canvas.zoom
        );
    }
}

#[test]
fn far_out_names_are_left_out_rather_than_shrunk_below_reading_size() {
    let mut harness = common::app_window(Some(project("three-tier")), vec2(1600.0, 1000.0));
    harness.key_press(Key::F);
    harness.run();
    for _ in 0..8 {
        harness.key_press(Key::Minus);
        harness.run();
    }
    assert!(harness.state().canvas.zoom < 0.2);
    assert!(harness.state().canvas.names_cut() > 0);
}

#[test]
fn the_legend_opens_on_demand_and_closes_with_its_key() {
    let mut harness = common::app_window(Some(common::example()), vec2(1400.0, 900.0));
    assert!(harness.query_by_label("Critical: a thicker line").is_none());
    harness.get_by_label("Legend (L)").click();
    harness.run();
    assert!(harness.state().canvas.show_legend);
    harness.get_by_label("Critical: a thicker line");
    harness.get_by_label("Replication");
    // The canvas has the keyboard back: L closes it.
    harness.key_press(Key::L);
    harness.run();
    assert!(!harness.state().canvas.show_legend);
    assert!(harness.query_by_label("Critical: a thicker line").is_none());
}

#[test]
fn a_fitted_view_is_fitted_again_when_the_window_grows() {
    let mut harness = common::app_window(Some(common::example()), vec2(1100.0, 800.0));
    harness.key_press(Key::F);
    harness.run();
    let small = harness.state().canvas.zoom;
    harness.set_size(vec2(1800.0, 1200.0));
    harness.run();
    assert!(
        harness.state().canvas.zoom > small * 1.2,
        "{small} -> {}",
        harness.state().canvas.zoom
    );
}

#[test]
fn dragging_a_zone_by_its_title_moves_it_with_its_contents_in_one_undo_step() {
    let mut harness = common::app_window(Some(common::example()), vec2(1600.0, 1000.0));
    harness.key_press(Key::F);
    harness.run();
    let zone_named = |app: &StrataApp, name: &str| {
        let id = app.project().zones.iter().find(|z| z.name == name).unwrap().id;
        app.geometry().zones.iter().find(|z| z.id == id).unwrap().clone()
    };
    let app = harness.state();
    // The two AZs side by side, in whichever order the example draws them.
    let (mut left_name, mut right_name) = ("us-east-1b", "us-east-1a");
    if zone_named(app, left_name).rect.x > zone_named(app, right_name).rect.x {
        (left_name, right_name) = (right_name, left_name);
    }
    let (left, right) = (zone_named(app, left_name), zone_named(app, right_name));
    let before = app.project().clone();
    let grab = app.canvas.screen_rect_from_canvas(right.rect).min + vec2(12.0, 4.0);
    let target = app.canvas.screen_rect_from_canvas(left.rect).min + vec2(-30.0, 4.0);
    common::drag(&mut harness, grab, target);

    let app = harness.state();
    let (was_left, was_right) = (zone_named(app, left_name), zone_named(app, right_name));
    assert!(
        was_right.rect.x < was_left.rect.x,
        "{right_name} now left of {left_name}"
    );
    assert_eq!(app.document.history().undo_label(), Some("Move zone"));
    for (a, b) in before.components.iter().zip(&app.project().components) {
        assert_eq!(
            (a.layer, &a.zones),
            (b.layer, &b.zones),
            "a zone move keeps layers and zones"
        );
    }
    common::keys(&mut harness, egui::Modifiers::COMMAND, Key::Z);
    let positions = |p: &strata::model::Project| p.components.iter().map(|c| c.position).collect::<Vec<_>>();
    assert_eq!(positions(harness.state().project()), positions(&before));
}

/// The component names written as text in the last frame: whole names or
/// the lines the layout wrapped them into.
fn names_written(harness: &common::App<'_>) -> usize {
    let app = harness.state();
    let mut names: std::collections::HashSet<&str> = app.project().components.iter().map(|c| c.name.as_str()).collect();
    for text in &app.geometry().texts {
        names.extend(text.name.iter().map(String::as_str));
    }
    harness
        .output()
        .shapes
        .iter()
        .filter(|clipped| matches!(&clipped.shape, egui::Shape::Text(text) if names.contains(text.galley.job.text.as_str())))
        .count()
}

/// Boxes wholly or partly on the canvas.
fn boxes_on_screen(app: &StrataApp) -> usize {
    let canvas = app.canvas.rect;
    app.geometry()
        .nodes
        .iter()
        .filter_map(|(id, _)| app.canvas.screen_rect_of(app.geometry(), *id))
        .filter(|screen| screen.intersects(canvas))
        .count()
}

#[test]
fn a_thousand_boxes_at_fit_are_marks_drawn_together_and_their_names_return_at_full_size() {
    let mut harness = common::app_window(None, vec2(1600.0, 1000.0));
    harness
        .state_mut()
        .set_project(strata::synth::generate_with(1000, 1500, 0), None);
    harness.run();
    harness.key_press(Key::F);
    harness.run();
    let app = harness.state();
    let on_screen = boxes_on_screen(app);
    assert!(
        app.canvas.zoom < 0.2 && on_screen > 100,
        "fitted far out: zoom {}, {on_screen} boxes on screen",
        app.canvas.zoom
    );
    // Too small to read: no name is written, each box is a mark ...
    assert_eq!(names_written(&harness), 0);
    assert_eq!(app.canvas.names_cut(), on_screen);
    // ... and the marks are drawn together, not one shape (or more) each.
    let shapes = harness.output().shapes.len();
    assert!(shapes < on_screen / 2, "{shapes} shapes for {on_screen} boxes");

    // At 100 %, centred on the first box.
    let app = harness.state_mut();
    let first = app.geometry().nodes[0].1.center();
    app.canvas.zoom = 1.0;
    app.canvas.offset = app.canvas.rect.size() / 2.0 - vec2(first.0, first.1);
    harness.run();
    let app = harness.state();
    assert!(boxes_on_screen(app) > 0);
    assert_eq!(app.canvas.names_cut(), 0, "every name whole at 100 %");
    assert!(
        names_written(&harness) >= boxes_on_screen(app),
        "each box on screen writes its name"
    );
}
