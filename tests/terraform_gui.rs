//! File ▸ Import ▸ Terraform JSON… in the real window (headless): the
//! import lands as one undo step, an empty project gets a laid-out drawing,
//! and a bad file changes nothing and says why.

mod common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable;
use strata::app::AppCommand;
use strata::model::Project;

use common::{App, app_window, keys, type_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name)
}

fn window_with(project: Option<Project>) -> App<'static> {
    let mut h = app_window(None, Vec2::new(1400.0, 900.0));
    if let Some(project) = project {
        h.state_mut().set_project(project, None);
        h.run();
    }
    h
}

#[test]
fn the_menu_command_imports_into_an_empty_project_and_one_undo_removes_it() {
    let mut h = window_with(Some(Project::new_layered("Estate", "2026-01-01")));
    h.state_mut().queue_command(AppCommand::ImportTerraform);
    h.run();
    // Headless there is no native picker: the in-window path field asks.
    type_path(&mut h, &fixture("ecommerce-state.json"), "Import");
    let project = h.state().project().clone();
    assert_eq!(
        project.components.len(),
        20,
        "{:?}",
        project.components.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
    assert!(project.components.iter().any(|c| c.name == "ecommerce-prod-alb"));
    assert!(
        project.components.iter().all(|c| c.position.is_some()),
        "an empty project gets an arranged drawing"
    );
    assert!(!project.zones.is_empty() && !project.dependencies.is_empty());
    assert!(
        h.query_by_label_contains("imported 37 of 94 resources").is_some(),
        "the summary is shown"
    );
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    let undone = h.state().project();
    assert!(undone.components.is_empty() && undone.zones.is_empty() && undone.dependencies.is_empty());
    keys(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().project(), &project, "redo brings the whole import back");
}

#[test]
fn an_import_into_the_open_project_is_one_undo_step() {
    let mut h = window_with(None);
    let before = h.state().project().clone();
    assert!(!before.components.is_empty(), "the window opens on the example");
    assert!(h.state_mut().import_terraform(&fixture("three-tier-state.json")));
    h.run();
    let after = h.state().project().clone();
    assert!(after.components.len() > before.components.len());
    for component in &before.components {
        let kept = after.component(component.id).expect("nothing is deleted");
        assert_eq!(kept.name, component.name);
    }
    assert!(
        after
            .components
            .iter()
            .any(|c| c.iac_addresses.first().map(String::as_str) == Some("aws_autoscaling_group.web")),
        "the three-tier web tier is added"
    );
    keys(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project(), &before, "one undo takes the whole import back");
}

#[test]
fn a_bad_file_changes_nothing_and_says_why() {
    let folder = tempfile::tempdir().expect("a folder");
    let bad = folder.path().join("plan.json");
    std::fs::write(&bad, "{\"format_version\": \"2.0\", \"planned_values\": {}}").expect("written");
    let mut h = window_with(None);
    let before = h.state().project().clone();
    let could_undo = h.state().is_dirty();
    assert!(!h.state_mut().import_terraform(&bad));
    h.run();
    assert_eq!(h.state().project(), &before);
    assert_eq!(h.state().is_dirty(), could_undo, "no step was added");
    assert!(h.query_by_label_contains("Nothing was imported").is_some());
    assert!(h.query_by_label_contains("this Strata reads format 1.x").is_some());
}
