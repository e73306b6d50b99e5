//! The problems panel in the real window: findings grouped by rule and by
//! component, a rule hidden for the project with a reason (one undo step),
//! and a panel tall enough to read.

mod common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;
use strata::ui::problems::group_label;

const HEIGHT: f32 = 900.0;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name)
}

fn open(name: &str) -> common::App<'static> {
    let mut harness = common::app_window(Some(fixture(name)), vec2(1400.0, HEIGHT));
    harness.run();
    harness
}

/// Scrolls the panel to the button called `label` and clicks it.
fn press(harness: &mut common::App<'_>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Scrolls to the field called `label`, focuses it and types `text`.
fn type_into(harness: &mut common::App<'_>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn count_of(harness: &common::App<'_>, code: &str) -> usize {
    harness
        .state()
        .problems
        .diagnostics()
        .iter()
        .filter(|d| d.code == code)
        .count()
}

#[test]
fn findings_are_grouped_by_rule_and_by_component() {
    let mut harness = open("unconnected-component.ron");
    let l005 = count_of(&harness, "L005");
    assert_eq!(l005, 1);
    let l001 = count_of(&harness, "L001");
    assert!(l001 > 1, "the fixture's components state no responsibilities");
    // By rule (the default): one group per code, with its size.
    harness.get_by_label(&group_label("L005", 1));
    harness.get_by_label(&group_label("L001", l001));

    // By component: the bucket's group holds every finding about it.
    press(&mut harness, "Group by component");
    let about_bucket = harness
        .state()
        .problems
        .diagnostics()
        .iter()
        .filter(|d| d.place == strata::check::Place::Component { id: 3 })
        .count();
    assert!(about_bucket >= 2, "L005 and more name the bucket");
    harness.get_by_label(&group_label("Uploads bucket", about_bucket));
    assert!(harness.query_by_label(&group_label("L005", 1)).is_none());
}

#[test]
fn a_rule_is_hidden_for_the_project_with_a_reason_and_one_undo_step() {
    let mut harness = open("unconnected-component.ron");
    let warnings_before = harness.state().problems.counts().warnings;
    press(&mut harness, "Hide L005 for this project…");
    // No reason, no hiding: the button is disabled until one is typed.
    press(&mut harness, "Hide L005");
    assert!(harness.state().project().lint_suppressions.is_empty());
    type_into(
        &mut harness,
        "Reason for hiding L005",
        "the bucket is filled by a nightly batch",
    );
    press(&mut harness, "Hide L005");
    harness.run();

    let app = harness.state();
    assert_eq!(app.project().lint_suppressions.len(), 1);
    assert_eq!(app.project().lint_suppressions[0].code, "L005");
    assert_eq!(
        app.project().lint_suppressions[0].reason,
        "the bucket is filled by a nightly batch"
    );
    assert_eq!(count_of(&harness, "L005"), 0);
    assert_eq!(harness.state().problems.counts().warnings, warnings_before - 1);
    assert_eq!(harness.state().problems.suppressed("L005"), 1);
    assert!(harness.query_by_label(&group_label("L005", 1)).is_none());
    harness.get_by_label("Show L005 again");

    // One undo step brings the rule back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.run();
    assert!(harness.state().project().lint_suppressions.is_empty());
    assert_eq!(count_of(&harness, "L005"), 1);
    harness.get_by_label(&group_label("L005", 1));
}

#[test]
fn show_again_removes_the_suppression() {
    let mut harness = open("unconnected-component.ron");
    press(&mut harness, "Hide L005 for this project…");
    type_into(&mut harness, "Reason for hiding L005", "later");
    press(&mut harness, "Hide L005");
    harness.run();
    assert_eq!(harness.state().project().lint_suppressions.len(), 1);
    press(&mut harness, "Show L005 again");
    harness.run();
    assert!(harness.state().project().lint_suppressions.is_empty());
    assert_eq!(count_of(&harness, "L005"), 1);
}

#[test]
fn the_panel_opens_tall_enough_for_several_groups() {
    let harness = open("unconnected-component.ron");
    let title = harness.get_by_label("Group by rule").rect();
    // The panel's title row sits at least 250 points above the window's
    // bottom (it opened 140 points tall before).
    assert!(
        title.min.y < HEIGHT - 250.0,
        "the panel's top is at {} in a {HEIGHT}-point window",
        title.min.y
    );
}
