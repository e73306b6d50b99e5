//! The compare view in the real window: against the saved file and a git
//! revision, the list of changes, going to a change, drafting a changelog
//! entry as one undo step, and leaving.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{App, app_window, keys};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable;
use strata::diff::{ChangeKind, ItemKey};
use strata::edit::Edit;

fn open_copy(folder: &Path) -> App<'static> {
    let file = folder.join("shop.ron");
    fs::copy(common::example(), &file).unwrap();
    app_window(Some(file), Vec2::new(1400.0, 900.0))
}

/// Changes the technology of the `index`th component as one edit; returns
/// its id and name.
fn change_technology(harness: &mut App<'_>, index: usize, technology: &str) -> (strata::model::ComponentId, String) {
    let app = harness.state_mut();
    let mut component = app.project().components[index].clone();
    component.technology = technology.into();
    let (id, name) = (component.id, component.name.clone());
    app.document
        .apply(
            Edit::UpdateComponent(Box::new(component)),
            "Change technology".into(),
            None,
        )
        .unwrap();
    (id, name)
}

fn menu(harness: &mut App<'_>, item: &str) {
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

#[test]
fn compare_with_saved_lists_the_change_goes_to_it_and_drafts_a_changelog_entry() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = open_copy(folder.path());
    let (id, name) = change_technology(&mut harness, 2, "Changed technology");
    menu(&mut harness, "Compare with saved");
    {
        let view = harness.state().compare.as_ref().expect("the compare view is open");
        assert_eq!(view.diff.changes.len(), 1, "{:?}", view.diff.changes);
        assert_eq!(view.diff.changes[0].item, ItemKey::Component(id.0));
        assert_eq!(view.diff.changes[0].change, ChangeKind::Changed);
    }
    harness.get_by_label_contains(&format!("~ {id} {name}")).click();
    harness.run();
    assert_eq!(
        harness.state().selection.single(),
        Some(id),
        "a click selects the changed component"
    );

    let entries = harness.state().project().changelog.len();
    harness.get_by_label("Draft changelog entry").click();
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.changelog.len(), entries + 1);
    let drafted = project.changelog.last().unwrap();
    assert!(
        drafted
            .changes
            .iter()
            .any(|c| c.contains(&name) && c.contains("technology")),
        "{drafted:?}"
    );
    keys(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().changelog.len(), entries, "one undo step");

    harness.get_by_label("Leave compare").click();
    harness.run();
    assert!(harness.state().compare.is_none());
}

#[test]
fn compare_with_a_git_revision_and_a_clear_error_outside_git() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = open_copy(folder.path());
    menu(&mut harness, "Compare with git revision…");
    harness.get_by_label("Show changes").click();
    harness.run();
    assert!(harness.state().compare.is_none());
    let message = harness.state().message.clone().expect("an error is shown");
    assert!(message.is_error && message.text.contains("HEAD"), "{}", message.text);

    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .arg("-C")
            .arg(folder.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "shop.ron"]);
    git(&["commit", "-q", "-m", "base"]);
    let removed = {
        let app = harness.state_mut();
        let removed = app.project().components.last().unwrap().clone();
        // Removing a component removes its dependencies too.
        app.document
            .apply(Edit::RemoveComponent(removed.id), "Remove component".into(), None)
            .unwrap();
        removed
    };
    menu(&mut harness, "Compare with git revision…");
    harness.get_by_label("Show changes").click();
    harness.run();
    let view = harness.state().compare.as_ref().expect("compared with HEAD");
    assert!(
        view.diff
            .changes
            .iter()
            .any(|c| c.item == ItemKey::Component(removed.id.0) && c.change == ChangeKind::Removed)
    );
}

/// A review's minutes (M) leave a snapshot and the project remembers it; the
/// next review shows, on C, what changed since.
#[test]
fn the_next_review_opens_with_what_changed_since_the_last_one() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = open_copy(folder.path());
    keys(&mut harness, Modifiers::NONE, Key::F5);
    keys(&mut harness, Modifiers::NONE, Key::C);
    assert!(
        harness.query_by_label("No earlier review").is_some(),
        "a first review has nothing to compare"
    );
    keys(&mut harness, Modifiers::NONE, Key::C);
    keys(&mut harness, Modifiers::NONE, Key::M);
    let remembered = harness.state().project().meta.last_review.clone();
    assert!(remembered.ends_with("-review.ron"), "{remembered:?}");
    let snapshot = folder.path().join(&remembered);
    assert!(snapshot.is_file(), "{} was written", snapshot.display());
    keys(&mut harness, Modifiers::NONE, Key::Escape);

    // Between the meetings, a component's technology changes.
    let (id, name) = change_technology(&mut harness, 1, "PostgreSQL 17");
    harness.run();
    keys(&mut harness, Modifiers::NONE, Key::F5);
    assert!(
        harness
            .query_by_label_contains("1 change(s) since the review of")
            .is_some(),
        "the header counts the change"
    );
    keys(&mut harness, Modifiers::NONE, Key::C);
    let line = format!("~ {id} {name} (technology)");
    assert!(
        harness.query_by_label(&line).is_some(),
        "the change is listed as {line:?}"
    );
    // Stepping to a decision leaves the list.
    keys(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert!(harness.query_by_label(&line).is_none());
}
