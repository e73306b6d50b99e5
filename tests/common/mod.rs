//! Helpers shared by the GUI tests that drive the real `StrataApp`.
//! (Each test file uses a different subset of them.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::app::{AppOptions, StrataApp};

pub type App<'a> = Harness<'a, StrataApp>;

/// The bundled example the window opens by default.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron")
}

/// The real app in a headless window of `size`, after its first frames.
pub fn app_window(file: Option<PathBuf>, size: Vec2) -> App<'static> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| StrataApp::new(cc, AppOptions::headless(file)));
    harness.run();
    harness
}

/// Presses `key` with `modifiers` and lets the window settle.
pub fn keys(h: &mut App<'_>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Presses at `from`, moves in steps and releases at `to`.
pub fn drag(h: &mut App<'_>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=4 {
        h.hover_at(from + (to - from) * (i as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// Types `path` into the in-window path field and presses `button`.
pub fn type_path(h: &mut App<'_>, path: &Path, button: &str) {
    h.get_by_label("File path").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File path").type_text(&path.to_string_lossy());
    h.run();
    h.get_by_label(button).click();
    h.run();
}
