//! `strata diff` and `strata merge` as a team uses them: the real binary,
//! real files, and real git repositories as git's diff and merge driver.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};
use strata::model::{Component, ComponentId, LayerId, Project};
use strata::store;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron")
}

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) -> String {
    let out = git(repo, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// A scratch repository with the example committed as `p.ron` and Strata
/// set up as the diff and merge driver, as the README says.
fn scratch_repo() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let repo = folder.path().to_owned();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    let binary = env!("CARGO_BIN_EXE_strata");
    fs::write(repo.join(".gitattributes"), "*.ron diff=strata merge=strata\n").unwrap();
    git_ok(
        &repo,
        &[
            "config",
            "diff.strata.command",
            &format!("{binary} diff --git-external"),
        ],
    );
    git_ok(
        &repo,
        &[
            "config",
            "merge.strata.driver",
            &format!("{binary} merge %O %A %B -o %A --path %P"),
        ],
    );
    fs::copy(example(), repo.join("p.ron")).unwrap();
    git_ok(&repo, &["add", "."]);
    git_ok(&repo, &["commit", "-q", "-m", "base"]);
    (folder, repo)
}

fn edit(path: &Path, change: impl FnOnce(&mut Project)) {
    let mut project = store::load(path).expect("the project loads");
    change(&mut project);
    store::save(path, &project).expect("saved");
    let _ = fs::remove_file(store::backup_path(path));
}

fn add_component(project: &mut Project, name: &str) -> ComponentId {
    let id = project.next_component_id();
    project.components.push(Component {
        id,
        name: name.into(),
        layer: Some(LayerId(5)),
        ..Component::default()
    });
    id
}

#[test]
fn git_merge_with_the_driver_keeps_both_branches_work() {
    let (_folder, repo) = scratch_repo();
    let file = repo.join("p.ron");
    git_ok(&repo, &["checkout", "-q", "-b", "theirs"]);
    edit(&file, |p| {
        let id = add_component(p, "Search index");
        let to = p.components[0].id;
        let link = p.new_dependency(id, to);
        p.dependencies.push(link);
        p.components[2].technology = "theirs technology".into();
    });
    git_ok(&repo, &["commit", "-q", "-am", "theirs"]);
    git_ok(&repo, &["checkout", "-q", "main"]);
    edit(&file, |p| {
        add_component(p, "RDS read replica");
        p.components[3].description = "ours description".into();
    });
    git_ok(&repo, &["commit", "-q", "-am", "ours"]);

    let merged = git(&repo, &["merge", "--no-edit", "theirs"]);
    assert!(
        merged.status.success(),
        "{}{}",
        text(&merged.stdout),
        text(&merged.stderr)
    );
    let project = store::load(&file).expect("the merged project loads");
    let names: Vec<&str> = project.components.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.contains(&"Search index") && names.contains(&"RDS read replica"),
        "{names:?}"
    );
    let search = project.components.iter().find(|c| c.name == "Search index").unwrap();
    let replica = project
        .components
        .iter()
        .find(|c| c.name == "RDS read replica")
        .unwrap();
    assert_ne!(search.id, replica.id);
    assert!(project.dependencies.iter().any(|d| d.from == search.id));
    assert_eq!(project.components[2].technology, "theirs technology");
    assert_eq!(project.components[3].description, "ours description");

    // And `git diff` shows what the merge brought in, by meaning.
    let shown = git_ok(&repo, &["diff", "HEAD~1", "HEAD"]);
    assert!(shown.contains("+ component#"), "{shown}");
    assert!(shown.contains("\"Search index\""), "{shown}");
    assert!(shown.contains("technology"), "{shown}");
}

#[test]
fn git_merge_marks_a_field_both_branches_changed_as_conflicted() {
    let (_folder, repo) = scratch_repo();
    let file = repo.join("p.ron");
    git_ok(&repo, &["checkout", "-q", "-b", "theirs"]);
    edit(&file, |p| p.components[1].name = "Their name".into());
    git_ok(&repo, &["commit", "-q", "-am", "theirs"]);
    git_ok(&repo, &["checkout", "-q", "main"]);
    edit(&file, |p| p.components[1].name = "Our name".into());
    git_ok(&repo, &["commit", "-q", "-am", "ours"]);

    let merged = git(&repo, &["merge", "--no-edit", "theirs"]);
    assert!(!merged.status.success(), "git reports the conflict");
    let stderr = text(&merged.stderr) + &text(&merged.stdout);
    assert!(
        stderr.contains("\"Our name\"") && stderr.contains("\"Their name\""),
        "{stderr}"
    );
    let project = store::load(&file).expect("the conflicted file still loads");
    assert_eq!(project.components[1].name, "Our name");
    let sidecar = fs::read_to_string(repo.join("p.ron.conflicts.md")).expect("the conflicts file");
    assert!(
        sidecar.contains("Their name") && sidecar.contains("| name |"),
        "{sidecar}"
    );
}

#[test]
fn diff_compares_with_a_git_revision_and_exits_like_diff() {
    let (_folder, repo) = scratch_repo();
    let file = repo.join("p.ron");
    let path = file.to_string_lossy().into_owned();
    let same = strata(&["diff", "git:HEAD", &path]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    edit(&file, |p| p.components[0].technology = "Changed".into());
    for (format, needle) in [
        ("text", "technology"),
        ("markdown", "## Components"),
        ("json", "\"changed\""),
    ] {
        let out = strata(&["diff", "git:HEAD", &path, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains(needle), "{format}: {}", text(&out.stdout));
    }
    let missing = strata(&["diff", "git:no-such-branch", &path]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert!(
        stderr.contains("no-such-branch") && stderr.contains("git log"),
        "{stderr}"
    );
}

#[test]
fn diff_says_when_git_is_not_installed() {
    let (_folder, repo) = scratch_repo();
    let path = repo.join("p.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["diff", "git:HEAD"])
        .arg(&path)
        .env("PATH", repo.join("no-such-folder"))
        .output()
        .expect("strata runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("git is not installed"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn diff_and_merge_refuse_bad_input_and_write_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let current = folder.path().join("current.ron");
    fs::copy(example(), &current).unwrap();
    let old_format = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format1/e-commerce.ron");
    let truncated = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/truncated.ron");
    let (current, old_format, truncated) = (
        current.to_string_lossy().into_owned(),
        old_format.to_string_lossy().into_owned(),
        truncated.to_string_lossy().into_owned(),
    );

    let out = strata(&["diff", &old_format, &current]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("migrate first: strata fmt"),
        "{}",
        text(&out.stderr)
    );
    let out = strata(&["diff", &truncated, &current]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("truncated.ron:6:"), "{}", text(&out.stderr));

    let out_file = folder.path().join("merged.ron");
    let out_path = out_file.to_string_lossy().into_owned();
    for (base, ours, theirs) in [(&current, &current, &old_format), (&current, &truncated, &current)] {
        let out = strata(&["merge", base, ours, theirs, "-o", &out_path]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(!text(&out.stderr).is_empty());
        assert!(!out_file.exists(), "nothing written");
    }
    let entries = fs::read_dir(folder.path()).unwrap().count();
    assert_eq!(entries, 1, "only the input file is there");
}

#[test]
fn merge_of_a_file_both_sides_added_uses_an_empty_ancestor() {
    let folder = tempfile::tempdir().unwrap();
    let base = folder.path().join("base.ron");
    fs::write(&base, "").unwrap();
    let ours = folder.path().join("ours.ron");
    let theirs = folder.path().join("theirs.ron");
    fs::copy(example(), &ours).unwrap();
    fs::copy(example(), &theirs).unwrap();
    edit(&theirs, |p| {
        add_component(p, "Theirs only");
    });
    let out_file = folder.path().join("merged.ron");
    let out = strata(&[
        "merge",
        &base.to_string_lossy(),
        &ours.to_string_lossy(),
        &theirs.to_string_lossy(),
        "-o",
        &out_file.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let merged = store::load(&out_file).expect("the merged file loads");
    assert!(merged.components.iter().any(|c| c.name == "Theirs only"));
}
