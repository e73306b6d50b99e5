//! How the topology reads on the canvas, headless against the real app:
//! names readable at Fit, the key to the marks on demand, and a resized
//! window that stays fitted.

use std::path::{Path, PathBuf};

use egui::{Key, vec2};
use egui_kittest::kittest::Queryable;

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
