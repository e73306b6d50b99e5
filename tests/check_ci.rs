//! `strata check` in CI: failing on warnings, findings located at the
//! item's line and column, GitHub annotations and SARIF.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};
use strata::model::Responsibilities;
use strata::store;

/// A copy of the e-commerce example whose component `index` lost its
/// responsibilities (lint L001, a warning), and that component's id.
fn damaged_copy(folder: &Path) -> (PathBuf, u32) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron");
    let mut project = store::load(&source).expect("the example loads");
    let component = &mut project.components[4];
    component.responsibilities = Responsibilities::default();
    let id = component.id.0;
    let path = folder.join("damaged, copy.ron");
    store::save(&path, &project).expect("saved");
    (path, id)
}

/// The line `line` (1-based) and the next one: where an item starts and
/// its `id` field.
fn lines_at(path: &Path, line: usize) -> String {
    let content = fs::read_to_string(path).unwrap();
    content.lines().skip(line - 1).take(2).collect::<Vec<_>>().join("\n")
}

#[test]
fn deny_warnings_fails_a_run_that_only_has_warnings() {
    let folder = tempfile::tempdir().unwrap();
    let (path, _) = damaged_copy(folder.path());
    let path = path.to_string_lossy().into_owned();
    let lenient = strata(&["check", &path]);
    assert_eq!(lenient.status.code(), Some(0), "{}", text(&lenient.stdout));
    let strict = strata(&["check", &path, "--deny", "warnings"]);
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict.stdout));
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron");
    let clean = strata(&["check", &clean.to_string_lossy(), "--deny", "warnings"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stdout));
}

#[test]
fn github_annotations_point_at_the_component_entry() {
    let folder = tempfile::tempdir().unwrap();
    let (path, id) = damaged_copy(folder.path());
    let out = strata(&[
        "check",
        &path.to_string_lossy(),
        "--format",
        "github",
        "--deny",
        "warnings",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("title=strata L001"))
        .unwrap_or_else(|| panic!("an L001 annotation in {stdout}"));
    assert!(line.starts_with("::warning file="), "{line}");
    assert!(line.contains("damaged%2C copy.ron"), "the comma is escaped: {line}");
    let number = |key: &str| -> usize {
        let start = line.find(key).unwrap() + key.len();
        line[start..].split([',', ':']).next().unwrap().parse().unwrap()
    };
    let at = lines_at(&path, number(",line="));
    assert!(
        at.contains(&format!("id: {id},")),
        "line {} is the item: {at}",
        number(",line=")
    );
    assert!(number(",col=") >= 1);
}

#[test]
fn sarif_and_json_carry_the_location() {
    let folder = tempfile::tempdir().unwrap();
    let (path, id) = damaged_copy(folder.path());
    let out = strata(&["check", &path.to_string_lossy(), "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].is_string());
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "strata");
    assert!(run["tool"]["driver"]["rules"].as_array().is_some_and(|r| !r.is_empty()));
    let results = run["results"].as_array().expect("results");
    let result = results.iter().find(|r| r["ruleId"] == "L001").expect("the L001 result");
    assert_eq!(result["level"], "warning");
    assert!(result["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
    let location = &result["locations"][0]["physicalLocation"];
    assert!(
        location["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("damaged%2C%20copy.ron")
    );
    let line = location["region"]["startLine"].as_u64().unwrap() as usize;
    assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    assert!(lines_at(&path, line).contains(&format!("id: {id},")));

    let out = strata(&["check", &path.to_string_lossy(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problem = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "L001")
        .expect("the L001 problem");
    assert_eq!(problem["line"].as_u64().unwrap() as usize, line);
    assert!(problem["column"].as_u64().is_some());
}

#[test]
fn an_unreadable_file_is_an_annotation_at_its_position_too() {
    let truncated = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/truncated.ron");
    let out = strata(&["check", &truncated.to_string_lossy(), "--format", "github"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("::error file="), "{stdout}");
    assert!(stdout.contains(",line=6,col=22,"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "one line, the message escaped: {stdout}");
}
