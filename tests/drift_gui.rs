//! The Drift panel in the real window, headless: the command's function
//! run with a path lists the findings beside the problems, marks the
//! components on the canvas, selects a component on a click, and can be
//! re-run and cleared.

mod common;

use std::path::{Path, PathBuf};

use common::{app_window, example};
use egui_kittest::kittest::Queryable;
use strata::model::ComponentId;
use strata::selection::Selection;
use strata::ui::problems::row_label;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name)
}

#[test]
fn drift_findings_are_listed_marked_and_selectable() {
    let mut h = app_window(Some(example()), egui::vec2(1600.0, 1000.0));
    assert!(
        h.query_by_label("Re-run drift").is_none(),
        "no drift panel before a check"
    );
    assert_eq!(h.state().canvas.drift_badges_drawn(), 0);

    h.state_mut().run_drift(&fixture("ecommerce-drift-state.json"));
    h.run();
    let findings = h.state().drift.findings().to_vec();
    assert!(findings.len() >= 10, "{} findings", findings.len());
    for finding in &findings {
        assert!(
            h.query_by_label(&row_label(&finding.diagnostic)).is_some(),
            "the panel lists {}",
            finding.diagnostic.message
        );
    }
    // The problems stay listed beside the drift findings.
    assert!(h.query_by_label("Group by rule").is_some());
    // One badge per component with a finding (all on screen once fitted).
    let marked = h.state().drift.marks().len();
    assert_eq!(marked, 5, "ALB, NAT gateway 1b, node group, RDS primary and replica");
    assert_eq!(h.state().canvas.drift_badges_drawn(), marked);
    assert!(
        h.state()
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("7 contradiction(s)")),
        "the status bar sums the run up"
    );

    // Clicking the primary's Multi-AZ finding selects the primary.
    let multi_az = findings
        .iter()
        .find(|f| f.diagnostic.code == "D003")
        .expect("a Multi-AZ finding");
    let row = row_label(&multi_az.diagnostic);
    h.get_by_label(&row).scroll_to_me();
    h.run();
    h.get_by_label(&row).click();
    h.run();
    assert_eq!(h.state().selection, Selection::only(ComponentId(16)));

    // Clear closes the panel and removes the badges; the command's file
    // can be checked again.
    h.get_by_label("Clear drift").click();
    h.run();
    assert!(h.query_by_label("Re-run drift").is_none());
    assert_eq!(h.state().canvas.drift_badges_drawn(), 0);
    h.state_mut().run_drift(&fixture("ecommerce-state.json"));
    h.run();
    assert!(h.state().drift.findings().iter().all(|f| f.diagnostic.code == "D001"));
    assert_eq!(
        h.state().canvas.drift_badges_drawn(),
        0,
        "nothing to mark on the clean state"
    );
    h.get_by_label("Re-run drift").click();
    h.run();
    assert_eq!(
        h.state().drift.comparisons(),
        3,
        "re-run reads the file and compares again"
    );
}

#[test]
fn an_unreadable_file_is_shown_in_the_panel_and_changes_nothing() {
    let mut h = app_window(Some(example()), egui::vec2(1600.0, 1000.0));
    let folder = tempfile::tempdir().expect("temp");
    let bad = folder.path().join("state.json");
    std::fs::write(&bad, "not json at all").expect("written");
    let before = h.state().project().clone();
    h.state_mut().run_drift(&bad);
    h.run();
    assert!(
        h.query_by_label("Re-run drift").is_some(),
        "the panel says what happened"
    );
    assert!(
        h.state()
            .message
            .as_ref()
            .is_some_and(|m| m.is_error && m.text.contains("not JSON")),
        "{:?}",
        h.state().message.as_ref().map(|m| m.text.clone())
    );
    assert_eq!(h.state().project(), &before);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().canvas.drift_badges_drawn(), 0);
}

/// Review ▸ Check drift… with no file dialog available (as headless)
/// asks for the path, then runs the same check.
#[test]
fn the_review_menu_command_asks_for_the_file_and_checks_it() {
    let mut h = app_window(Some(example()), egui::vec2(1600.0, 1000.0));
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label_contains("Check drift against Terraform JSON").click();
    h.run();
    common::type_path(&mut h, &fixture("ecommerce-drift-state.json"), "Check");
    assert!(h.state().dialog.is_none(), "the path field closed");
    assert!(h.state().drift.findings().iter().any(|f| f.diagnostic.code == "D003"));
    assert_eq!(h.state().canvas.drift_badges_drawn(), 5);
}
