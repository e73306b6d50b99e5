//! The command line as a user runs it: the real binary, real files.

use std::path::Path;

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};

#[test]
fn check_passes_on_every_example() {
    for example in [
        "projects/e-commerce.ron",
        "projects/three-tier.ron",
        "projects/data-platform.ron",
    ] {
        let out = strata(&["check", example]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{example}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("0 error(s)"));
    }
}

#[test]
fn check_reports_structural_problems_with_exit_1_and_json() {
    let out = strata(&["check", "tests/fixtures/broken-references.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("tests/fixtures/broken-references.ron:10:13: error[S004]"),
        "{stdout}"
    );
    assert!(stdout.contains("error[S001]"), "{stdout}");
    assert!(stdout.contains("error[S006]"), "{stdout}");

    let out = strata(&["check", "tests/fixtures/broken-references.ron", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(json["errors"].as_u64().unwrap() >= 3);
    assert_eq!(json["problems"][0]["level"], "error");
}

#[test]
fn check_exits_2_with_a_position_when_the_file_cannot_be_read() {
    let out = strata(&["check", "tests/fixtures/truncated.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("tests/fixtures/truncated.ron:"), "{stderr}");
    assert!(stderr.contains("truncated"), "{stderr}");

    let out = strata(&["check", "tests/fixtures/does-not-exist.ron", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["readable"], false);
}

#[test]
fn new_creates_projects_from_templates_and_never_clobbers_silently() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    let path_str = path.to_str().unwrap();
    let out = strata(&["new", path_str, "--template", "three-tier"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let project = strata::store::load(&path).unwrap();
    assert!(!project.components.is_empty());

    let out = strata(&["new", path_str, "--template", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--force"));
    assert_eq!(strata::store::load(&path).unwrap(), project, "refused, so unchanged");

    let out = strata(&["new", path_str, "--template", "empty", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(strata::store::load(&path).unwrap().layers.len(), 8);
    assert!(Path::new(&format!("{path_str}.bak")).exists());

    let out = strata(&["new", path_str, "--template", "nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("e-commerce"), "lists the real templates");
}

#[test]
fn fmt_never_rewrites_a_file_that_does_not_load() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("bad.ron");
    let original = std::fs::read("tests/fixtures/truncated.ron").unwrap();
    std::fs::write(&path, &original).unwrap();
    let out = strata(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert!(!folder.path().join("bad.ron.bak").exists());
}

#[test]
fn templates_lists_every_template() {
    let out = strata(&["templates"]);
    let stdout = text(&out.stdout);
    for name in strata::templates::names() {
        assert!(stdout.contains(name), "{stdout}");
    }
}

#[test]
fn check_reports_architecture_lints_as_text_and_json() {
    let file = "tests/fixtures/lint/warnings-only.ron";
    let out = strata(&["check", file]);
    assert_eq!(out.status.code(), Some(0), "warnings alone exit 0");
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&format!("{file}:23:13: warning[L020]: ")), "{stdout}");
    assert!(
        stdout.contains("Users → App → Orders DB") || stdout.contains("App → Orders DB"),
        "{stdout}"
    );
    assert!(stdout.contains("0 error(s), 7 other problem(s)"), "{stdout}");

    let out = strata(&["check", file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["readable"], true);
    assert_eq!(json["errors"], 0);
    let problems = json["problems"].as_array().expect("a list of problems");
    let codes: Vec<&str> = problems.iter().filter_map(|p| p["code"].as_str()).collect();
    assert_eq!(codes, ["L002", "L023", "L020", "L030", "L031", "L034", "L035"]);
    let reachable = &problems[2];
    assert_eq!(reachable["level"], "warning");
    assert_eq!(reachable["place"]["kind"], "component");
    assert_eq!(reachable["place"]["id"], 3);
    assert!(reachable["message"].as_str().unwrap_or("").contains("→ Orders DB"));
    assert_eq!(problems[6]["level"], "info");
    assert_eq!(problems[6]["place"]["kind"], "project");
}

#[test]
fn check_exits_1_on_an_error_level_lint() {
    let file = "tests/fixtures/lint/accepted-without-rationale.ron";
    let out = strata(&["check", file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("{file}:")) && stdout.contains(": error[L012]: "),
        "{stdout}"
    );
    let out = strata(&["check", file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["errors"], 1);
    assert_eq!(json["problems"][0]["code"], "L012");
    assert_eq!(
        json["problems"][0]["place"],
        serde_json::json!({"kind": "decision", "id": 1})
    );
}

#[test]
fn synth_writes_an_arranged_project_and_never_clobbers_silently() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("synth.ron");
    let path_str = path.to_str().unwrap();
    let out = strata(&["synth", "200", "--out", path_str]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = strata::store::load(&path).unwrap();
    assert_eq!(written.components.len(), 200);
    assert_eq!(written.dependencies.len(), 300);

    // Arranged: no more crossings than the generator's own order, and
    // the written positions are the ones auto-arrange gives.
    let generated = strata::synth::generate_with(200, 300, 200);
    let crossings =
        |p: &strata::model::Project| strata::layout::count_piece_crossings(&strata::layout::Geometry::of(p));
    assert!(
        crossings(&written) <= crossings(&generated),
        "{} vs {}",
        crossings(&written),
        crossings(&generated)
    );
    let mut arranged = generated.clone();
    strata::layout::arrange_edit(&generated).apply(&mut arranged).unwrap();
    assert_eq!(written.components, arranged.components);

    let out = strata(&["synth", "10", "--out", path_str]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--force"));
    assert_eq!(strata::store::load(&path).unwrap(), written, "refused, so unchanged");

    let out = strata(&["synth", "10"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("Synthetic platform (10 components)"));

    let out = strata(&["synth", "--help"]);
    assert!(text(&out.stdout).contains("auto-arranged"), "{}", text(&out.stdout));
}
