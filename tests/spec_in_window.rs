//! Issue 5's scenario against the real `StrataApp`, by role and label and
//! keys only: select a component on the bundled example, write its spec in
//! the inspector, create a decision from it with options and pros / cons,
//! extend the environments matrix, add an assertion in Documents; undo all
//! of it and redo it with the keyboard; save, reopen and export through the
//! window, and read the exported files.
//!
//! Widgets below the fold are scrolled into view first (`scroll_to_me`), as
//! a user would scroll, and then clicked where they are drawn.

use std::path::PathBuf;

use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;
use strata::app::{Dialog, Workspace};
use strata::model::*;
use strata::store;

mod common;
use common::{App, drag, example, keys, type_path};

fn harness(file: Option<PathBuf>) -> App<'static> {
    common::app_window(file, WINDOW)
}

const WINDOW: egui::Vec2 = vec2(1600.0, 1000.0);

/// Scrolls the widget labelled `label` into view, as a user scrolls: not
/// just to the bottom edge, where the problems panel's resize grip is, but
/// a little further.
fn reveal(h: &mut App<'_>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    if h.get_by_label(label).rect().bottom() > WINDOW.y - 140.0 {
        h.get_by_label(label).scroll_down();
        h.run();
    }
}

/// Scrolls the widget labelled `label` into view and clicks it.
fn click(h: &mut App<'_>, label: &str) {
    reveal(h, label);
    h.get_by_label(label).click();
    h.run();
}

/// Replaces the text of the field labelled `label` and commits it: Enter in
/// a single-line field, Tab (focus moves on) in a multi-line one.
fn fill(h: &mut App<'_>, label: &str, text: &str, multiline: bool) {
    reveal(h, label);
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(if multiline { Key::Tab } else { Key::Enter });
    h.run();
}

/// Selects a component the way a user finds one: Ctrl+F, its name, Enter.
fn find(h: &mut App<'_>, name: &str) {
    keys(h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Component name to find").type_text(name);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn no_error(h: &App<'_>) {
    let app = h.state();
    if let Some(message) = &app.message {
        assert!(!message.is_error, "{}", message.text);
    }
}

#[test]
fn a_spec_is_written_in_the_window_and_survives_undo_redo_save_reopen_and_export() {
    let mut h = harness(Some(example()));
    let original = store::load(&example()).expect("the example loads");
    let db = original
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Database)
        .expect("the example has a database")
        .clone();
    find(&mut h, &db.name);
    assert_eq!(h.state().selection.single(), Some(db.id));
    h.get_by_label(&db.name);

    // Two responsibilities.
    let before = db.responsibilities.manages.len();
    click(&mut h, "Add Manages");
    fill(&mut h, &format!("Manages {}", before + 1), "Order history", false);
    click(&mut h, "Add Manages");
    fill(&mut h, &format!("Manages {}", before + 2), "Refund ledger", false);
    // Lifecycle.
    fill(&mut h, "Provisioner", "Terraform (orders module)", false);
    // Exposure.
    click(&mut h, "Exposure");
    click(&mut h, "Internal");
    // Link a decision that is not linked yet.
    let (unlinked, unlinked_label) = original
        .decisions
        .iter()
        .find(|d| !d.components.contains(&db.id))
        .map(|d| (d.id, format!("ADR-{:04} {}", d.number, d.title)))
        .expect("a decision not linked to the database");
    click(&mut h, "Link decision");
    click(&mut h, &unlinked_label);
    no_error(&h);
    {
        let project = &h.state().project();
        let component = project.component(db.id).expect("still there");
        assert_eq!(
            &component.responsibilities.manages[before..],
            ["Order history", "Refund ledger"]
        );
        assert_eq!(component.lifecycle.provisioner, "Terraform (orders module)");
        assert_eq!(component.exposure, Exposure::Internal);
        assert!(project.decision(unlinked).expect("exists").components.contains(&db.id));
    }

    // A new decision from the component opens in Documents ▸ Decisions.
    click(&mut h, "New decision from here");
    assert_eq!(h.state().workspace, Workspace::Documents);
    let new_decision = h.state().project().decisions.last().expect("created").id;
    assert_eq!(
        h.state().project().decision(new_decision).map(|d| d.components.clone()),
        Some(vec![db.id])
    );
    fill(&mut h, "Title", "Keep orders in PostgreSQL or move to DynamoDB", false);
    click(&mut h, "Add option");
    click(&mut h, "Add option");
    fill(&mut h, "Option 1 name", "Stay on PostgreSQL", false);
    fill(&mut h, "Option 2 name", "Move to DynamoDB", false);
    click(&mut h, "Add Option 1 pro");
    fill(&mut h, "Option 1 pro 1", "Team knows it well", false);
    click(&mut h, "Add Option 1 con");
    fill(&mut h, "Option 1 con 1", "Vertical scaling ceiling", false);
    click(&mut h, "Add Option 2 pro");
    fill(&mut h, "Option 2 pro 1", "Scales without sharding", false);
    click(&mut h, "Add Option 2 con");
    fill(&mut h, "Option 2 con 1", "Rewrite of every query", false);
    no_error(&h);
    {
        let decision = h.state().project().decision(new_decision).expect("exists");
        assert_eq!(decision.title, "Keep orders in PostgreSQL or move to DynamoDB");
        assert_eq!(decision.options.len(), 2);
        assert_eq!(decision.options[0].name, "Stay on PostgreSQL");
        assert_eq!(decision.options[0].pros, ["Team knows it well"]);
        assert_eq!(decision.options[0].cons, ["Vertical scaling ceiling"]);
        assert_eq!(decision.options[1].pros, ["Scales without sharding"]);
        assert_eq!(decision.options[1].cons, ["Rewrite of every query"]);
    }

    // The environments matrix: a column, a row and a value in the new cell.
    click(&mut h, "Environments");
    let envs = h.state().project().environments.environments.len();
    let settings = h.state().project().environments.settings.len();
    click(&mut h, "Add environment column");
    click(&mut h, "Add setting row");
    let new_env = format!("Environment {}", envs + 1);
    let row = settings + 1;
    fill(
        &mut h,
        &format!("Setting {row} name"),
        "Orders DB instance class",
        false,
    );
    fill(&mut h, &format!("Setting {row} in {new_env}"), "db.r6g.large", false);
    {
        let matrix = &h.state().project().environments;
        assert_eq!(matrix.environments.len(), envs + 1);
        let setting = matrix.settings.last().expect("a row");
        assert_eq!(setting.name, "Orders DB instance class");
        let column = matrix.environments.last().expect("a column").id;
        assert_eq!(setting.values.get(&column).map(String::as_str), Some("db.r6g.large"));
    }

    // An assertion.
    click(&mut h, "Assertions");
    let n = h.state().project().assertions.len() + 1;
    click(&mut h, "Add Assertion");
    fill(
        &mut h,
        &format!("Assertion {n} title"),
        "Refunds survive a failover",
        false,
    );
    fill(
        &mut h,
        &format!("Assertion {n} given"),
        "a refund is being written",
        true,
    );
    fill(&mut h, &format!("Assertion {n} when"), "the primary fails over", true);
    fill(
        &mut h,
        &format!("Assertion {n} then"),
        "the refund is committed exactly once",
        true,
    );
    no_error(&h);
    assert_eq!(
        h.state().project().assertions.last().map(|a| a.when.as_str()),
        Some("the primary fails over")
    );

    // Every step undoes with Ctrl+Z and redoes with Ctrl+Shift+Z.
    let finished = h.state().project().clone();
    let steps = h.state().document.history().steps().len();
    assert!(steps >= 20, "one step per field edit, got {steps}");
    // Tab left the keyboard in the next field; Escape gives it back to the
    // window, where Ctrl+Z means "undo the last edit", not "undo typing".
    h.key_press(Key::Escape);
    h.run();
    let mut previous = finished.clone();
    for step in 1..=steps {
        keys(&mut h, Modifiers::COMMAND, Key::Z);
        assert!(
            *h.state().project() != previous,
            "undo {step} of {steps} changed nothing"
        );
        previous = h.state().project().clone();
    }
    assert!(!h.state().document.history().can_undo());
    assert!(
        *h.state().project() == original,
        "undoing everything restores the example"
    );
    for _ in 0..steps {
        keys(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    }
    assert!(*h.state().project() == finished, "redoing everything restores the work");

    // Save As through the window, and open the file in a fresh window.
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("shop.strata.ron");
    keys(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(matches!(h.state().dialog, Some(Dialog::PathEntry(_))));
    type_path(&mut h, &saved, "Save");
    no_error(&h);
    assert!(!h.state().is_dirty());
    // Saving also records the project's identity, once.
    let mut finished = finished;
    finished.meta.id.clone_from(&h.state().project().meta.id);
    assert!(!finished.meta.id.is_empty());
    assert!(
        store::load(&saved).expect("saved") == finished,
        "the file holds the work"
    );
    let mut reopened = harness(Some(saved));
    assert!(*reopened.state().project() == finished, "reopening shows the work");

    // Export from the reopened window and read what it wrote.
    let out = folder.path().join("infra-specs");
    keys(&mut reopened, Modifiers::COMMAND, Key::E);
    type_path(&mut reopened, &out, "Export");
    no_error(&reopened);
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
    let responsibilities = read("responsibilities.md");
    assert!(
        responsibilities.contains("Order history, Refund ledger"),
        "{responsibilities}"
    );
    assert!(responsibilities.contains("Provisioner: Terraform (orders module)"));
    let decision = finished.decision(new_decision).expect("saved");
    let record = read(&format!("decisions/{}", strata::export::decision_file_name(decision)));
    for text in [
        "Keep orders in PostgreSQL or move to DynamoDB",
        "Stay on PostgreSQL",
        "Team knows it well",
        "Vertical scaling ceiling",
        "Scales without sharding",
        "Rewrite of every query",
        &db.name,
    ] {
        assert!(record.contains(text), "{text} missing from\n{record}");
    }
    let linked = finished.decision(unlinked).expect("exists");
    let linked_record = read(&format!("decisions/{}", strata::export::decision_file_name(linked)));
    assert!(linked_record.contains(&db.name), "{linked_record}");
    let environments = read("environments.md");
    assert!(environments.contains("Orders DB instance class") && environments.contains("db.r6g.large"));
    let assertions = read("assertions.md");
    assert!(assertions.contains("Refunds survive a failover") && assertions.contains("the primary fails over"));
    let security = read("security.md");
    assert!(security.contains(&db.name) && security.contains("Internal"));
}

#[test]
fn list_rows_reorder_by_dragging_their_handle_and_from_the_handle_menu() {
    let mut h = harness(Some(example()));
    let db = h
        .state()
        .project()
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Database)
        .expect("a database")
        .clone();
    find(&mut h, &db.name);
    // Three responsibilities to reorder.
    let base = db.responsibilities.manages.len();
    for text in ["first", "second", "third"] {
        click(&mut h, "Add Manages");
        let label = format!(
            "Manages {}",
            h.state()
                .project()
                .component(db.id)
                .unwrap()
                .responsibilities
                .manages
                .len()
        );
        fill(&mut h, &label, text, false);
    }
    let manages = |h: &App<'_>| h.state().project().component(db.id).unwrap().responsibilities.manages[base..].to_vec();
    assert_eq!(manages(&h), ["first", "second", "third"]);

    // Drag the third row's handle onto the first of the three.
    let third = format!("Reorder Manages {}", base + 3);
    let first = format!("Manages {}", base + 1);
    reveal(&mut h, &third);
    let from = h.get_by_label(&third).rect().center();
    let to = h.get_by_label(&first).rect().center();
    drag(&mut h, from, to);
    assert_eq!(manages(&h), ["third", "first", "second"]);
    let undo = h.state().document.history().undo_label().unwrap_or_default().to_owned();
    assert!(undo.starts_with("Edit responsibilities"), "{undo}");

    // The same from the handle's menu, for the keyboard and screen readers.
    click(&mut h, &format!("Reorder Manages {}", base + 1));
    click(&mut h, "Move down");
    assert_eq!(manages(&h), ["first", "third", "second"]);
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(manages(&h), ["first", "second", "third"]);
}

#[test]
fn zones_are_built_by_grouping_and_edited_in_the_inspector() {
    let mut h = harness(None);
    // Start from an empty project.
    keys(&mut h, Modifiers::COMMAND, Key::N);
    click(&mut h, "Empty layered project");
    no_error(&h);
    assert!(h.state().project().components.is_empty());
    click(&mut h, "+ Database");
    h.key_press(Key::Escape);
    h.run();
    click(&mut h, "+ Cache");
    h.key_press(Key::Escape);
    h.run();
    // The palette puts each kind into its usual layer.
    {
        let project = &h.state().project();
        let layer_kind = |kind: ComponentKind| {
            let component = project.components.iter().find(|c| c.kind == kind).expect("added");
            component.layer.and_then(|l| project.layer(l)).map(|l| l.kind)
        };
        assert_eq!(layer_kind(ComponentKind::Database), Some(LayerKind::Data));
        assert_eq!(layer_kind(ComponentKind::Cache), Some(LayerKind::Data));
    }
    keys(&mut h, Modifiers::COMMAND, Key::A);
    keys(&mut h, Modifiers::COMMAND, Key::G);
    let zone = h.state().selection.zone().expect("the new zone is selected");
    {
        let project = &h.state().project();
        assert_eq!(project.zone(zone).map(|z| z.kind), Some(ZoneKind::Region));
        assert!(project.components.iter().all(|c| c.zones == vec![zone]));
    }
    // Its name field has the keyboard already.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Name").type_text("AWS eu-west-1");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().project().zone(zone).map(|z| z.name.as_str()),
        Some("AWS eu-west-1")
    );

    // A VPC inside it from the inspector; then delete it again.
    click(&mut h, "Add zone inside");
    let vpc = h.state().selection.zone().expect("the child is selected");
    assert_ne!(vpc, zone);
    assert_eq!(
        h.state().project().zone(vpc).map(|z| (z.kind, z.parent)),
        Some((ZoneKind::Vpc, Some(zone)))
    );
    click(&mut h, "Delete zone");
    assert!(h.state().project().zone(vpc).is_none());
    assert!(h.state().selection.zone().is_none());
    no_error(&h);
}

/// Types into whatever has the keyboard and commits with Enter.
fn type_and_enter(h: &mut App<'_>, text: &str) {
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.input_mut().events.push(egui::Event::Text(text.to_owned()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn a_new_row_takes_the_keyboard_so_the_architect_can_type_at_once() {
    let mut h = harness(Some(example()));
    keys(&mut h, Modifiers::COMMAND, Key::Num2);
    click(&mut h, "Environments");
    click(&mut h, "Add environment column");
    type_and_enter(&mut h, "Performance");
    assert_eq!(
        h.state()
            .project()
            .environments
            .environments
            .last()
            .map(|e| e.name.as_str()),
        Some("Performance")
    );
    click(&mut h, "Add setting row");
    type_and_enter(&mut h, "Instance class");
    assert_eq!(
        h.state()
            .project()
            .environments
            .settings
            .last()
            .map(|s| s.name.as_str()),
        Some("Instance class")
    );
    click(&mut h, "Assertions");
    click(&mut h, "Add Assertion");
    type_and_enter(&mut h, "Failover keeps orders");
    assert_eq!(
        h.state().project().assertions.last().map(|a| a.title.as_str()),
        Some("Failover keeps orders")
    );
    click(&mut h, "Decisions");
    click(&mut h, "New decision");
    type_and_enter(&mut h, "Pick a queue");
    let decision = h.state().project().decisions.last().expect("created").clone();
    assert_eq!(decision.title, "Pick a queue");
    assert!(strata::is_iso_date(&decision.date), "dated today: {:?}", decision.date);
    click(&mut h, "Add option");
    type_and_enter(&mut h, "SQS");
    assert_eq!(
        h.state()
            .project()
            .decision(decision.id)
            .and_then(|d| d.options.first())
            .map(|o| o.name.as_str()),
        Some("SQS")
    );
    no_error(&h);
}
