//! Commands as data, seen from the window: the palette, the menu bar and
//! the status bar show each command's own shortcut and tooltip, a command
//! answers to each of its shortcuts, and one that cannot run is greyed out.

mod common;

use common::{app_window, example, keys};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use strata::app::AppCommand;

#[test]
fn the_palette_shows_each_commands_own_shortcut() {
    let mut h = app_window(Some(example()), egui::vec2(1400.0, 900.0));
    keys(&mut h, Modifiers::COMMAND, Key::K);
    h.get_by_label("Filter commands").type_text("present");
    h.run();
    h.get_by_label(AppCommand::PresentDecisions.label());
    h.get_by_label("F5");
    // Redo is one entry with two shortcuts; the palette shows the first.
    h.get_by_label("Filter commands").type_text(" ");
    keys(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("Filter commands").type_text("redo");
    h.run();
    assert_eq!(h.query_all_by_label("Redo").count(), 1, "one Redo entry");
    assert!(
        h.query_by_label_contains("Shift+Z").is_some(),
        "its first shortcut is shown"
    );
}

#[test]
fn menu_bar_buttons_explain_themselves_with_the_commands_shortcut() {
    let mut h = app_window(Some(example()), egui::vec2(1400.0, 900.0));
    h.get_by_label("▶ Present").hover();
    h.run();
    h.get_by_label("Review the decisions in a meeting (F5)");
    h.get_by_label("Fit").hover();
    h.run();
    h.get_by_label("Fit the topology to the window (F)");
}

#[test]
fn a_command_that_cannot_run_is_greyed_out_and_clicking_it_does_nothing() {
    let mut h = app_window(Some(example()), egui::vec2(1400.0, 900.0));
    h.get_by_label("Edit").click();
    h.run();
    // Nothing is selected on opening: there is nothing to delete.
    let delete = h.get_by_label_contains("Delete");
    assert!(delete.accesskit_node().is_disabled(), "Delete is greyed out");
    delete.click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().components.len(), 29);
    assert!(!app.is_dirty());
    assert!(app.document.history().undo_label().is_none());
}
