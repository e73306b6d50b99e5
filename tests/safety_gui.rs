//! The real app on files it cannot open, with no file, and two windows
//! sharing the recovery folder.

mod common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::app::{AppOptions, Dialog, EXAMPLE_TITLE, StrataApp};
use strata::model::Project;

use common::App;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn window(file: Option<PathBuf>) -> App<'static> {
    common::app_window(file, Vec2::new(1280.0, 800.0))
}

/// A window sharing `recovery` with every other window of the test.
fn window_with_recovery(file: Option<PathBuf>, recovery: &Path) -> App<'static> {
    let options = AppOptions {
        recovery_folder: Some(recovery.to_owned()),
        ..AppOptions::headless(file)
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| StrataApp::new(cc, options));
    harness.run();
    harness
}

/// The example's components never appear in place of a broken file.
fn assert_shows_no_project(h: &App<'_>) {
    let app = h.state();
    assert!(app.project().components.is_empty(), "no other content behind the error");
    for name in ["Shoppers", "Edge", "+ Database"] {
        assert!(h.query_by_label(name).is_none(), "{name} is not shown");
    }
}

#[test]
fn a_truncated_file_shows_where_and_what_to_do_and_never_the_example() {
    let path = fixture("truncated.ron");
    let mut h = window(Some(path.clone()));
    let broken = h.state().broken.clone().expect("the error view is shown");
    assert_eq!(broken.path, path);
    assert_eq!(broken.line, Some(6), "{broken:?}");
    assert!(broken.column.is_some());
    assert!(h.state().title().starts_with("truncated.ron (cannot be opened)"));
    assert_shows_no_project(&h);
    h.get_by_label(&path.display().to_string());
    h.get_by_label("Line");
    h.get_by_label("6");
    h.get_by_label("Column");
    h.get_by_label_contains("was it truncated?");
    h.get_by_label_contains("truncated.ron.bak");

    // Canvas and file commands do nothing: there is no project to act on.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);

    // Without a file manager the folder is named instead.
    h.get_by_label("Show the file's folder").click();
    h.run();
    let folder = path.parent().unwrap().display().to_string();
    h.get_by_label_contains(&format!("the folder is {folder}"));

    h.get_by_label("Open the example").click();
    h.run();
    let app = h.state();
    assert!(app.broken.is_none());
    assert!(!app.project().components.is_empty());
    assert_eq!(app.title(), format!("{EXAMPLE_TITLE} — Strata"));
}

#[test]
fn binary_and_future_files_show_the_error_view_with_a_position() {
    let folder = tempfile::tempdir().unwrap();
    let binary = folder.path().join("picture.ron");
    std::fs::write(&binary, b"(format_version: 1,\n\x89PNG\x00\x00\x01").unwrap();
    let h = window(Some(binary.clone()));
    let broken = h.state().broken.clone().expect("the error view is shown");
    assert_eq!((broken.line, broken.column), (Some(2), Some(5)), "the first NUL byte");
    h.get_by_label_contains("not a text file");
    assert_shows_no_project(&h);

    let h = window(Some(fixture("future-version.ron")));
    let broken = h.state().broken.clone().expect("the error view is shown");
    assert_eq!(broken.line, Some(3), "the line of format_version");
    h.get_by_label_contains("newer Strata");
    h.get_by_label_contains("Open it with a newer version of Strata");
    assert_shows_no_project(&h);
}

#[test]
fn open_another_from_the_error_view_opens_a_good_file() {
    let mut h = window(Some(fixture("truncated.ron")));
    h.get_by_label("Open another…").click();
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::PathEntry(_))));
    // Another broken file: the view now explains that one.
    common::type_path(&mut h, &fixture("future-version.ron"), "Open");
    let broken = h.state().broken.clone().expect("still the error view");
    assert!(broken.path.ends_with("future-version.ron"));

    h.get_by_label("Open another…").click();
    h.run();
    common::type_path(&mut h, &common::example(), "Open");
    let app = h.state();
    assert!(app.broken.is_none());
    assert_eq!(app.title(), "e-commerce.ron — Strata");
}

#[test]
fn the_example_opened_with_no_file_says_so_and_save_asks_for_a_path() {
    let mut h = window(None);
    assert_eq!(h.state().title(), "E-commerce example (not saved) — Strata");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::PathEntry(_))),
        "{:?}",
        h.state().dialog
    );
    let folder = tempfile::tempdir().unwrap();
    let saved = folder.path().join("shop.ron");
    common::type_path(&mut h, &saved, "Save");
    assert_eq!(h.state().title(), "shop.ron — Strata");
    let on_disk = strata::store::load(&saved).unwrap();
    assert!(!on_disk.meta.id.is_empty(), "the saved example records its identity");
}

/// Edits the project as a user would: a component from the palette.
fn edit(h: &mut App<'_>) -> Project {
    h.get_by_label("+ Database").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().is_dirty());
    h.state().project().clone()
}

#[test]
fn two_windows_keep_their_own_recovery_copies_and_leave_each_others_alone() {
    let root = tempfile::tempdir().unwrap();
    let recovery = root.path().join("recovery");
    for folder in ["walk", "walk2"] {
        std::fs::create_dir_all(root.path().join(folder)).unwrap();
        std::fs::copy(common::example(), root.path().join(folder).join("mine.ron")).unwrap();
    }
    let mine = root.path().join("walk/mine.ron");
    let theirs = root.path().join("walk2/mine.ron");

    let mut first = window_with_recovery(Some(mine.clone()), &recovery);
    let mut second = window_with_recovery(Some(theirs.clone()), &recovery);
    assert!(first.state().dialog.is_none());
    assert!(second.state().dialog.is_none(), "nothing to offer while both run");
    let first_work = edit(&mut first);
    let second_work = edit(&mut second);
    first.state_mut().write_recovery_copy();
    second.state_mut().write_recovery_copy();

    // A third window, started while both run, is offered nothing.
    let third = window_with_recovery(None, &recovery);
    assert!(third.state().dialog.is_none(), "{:?}", third.state().dialog);
    drop(third);

    // The first window dies without a clean exit; its lock goes with it.
    drop(first);
    let mut after_crash = window_with_recovery(None, &recovery);
    let Some(Dialog::Recovery(strata::app::dialogs::RecoveryQuestion { origin, .. })) =
        after_crash.state().dialog.clone()
    else {
        panic!("the copy is offered: {:?}", after_crash.state().dialog);
    };
    let canonical = std::fs::canonicalize(&mine).unwrap();
    assert_eq!(
        origin.as_deref(),
        Some(canonical.as_path()),
        "only the first window's copy"
    );
    after_crash.get_by_label_contains(&canonical.display().to_string());

    // Esc decides later: the copy stays and is offered again.
    after_crash.key_press(Key::Escape);
    after_crash.run();
    assert!(after_crash.state().dialog.is_none());
    drop(after_crash);

    let mut restoring = window_with_recovery(None, &recovery);
    assert!(matches!(restoring.state().dialog, Some(Dialog::Recovery(_))));
    restoring.get_by_label("Restore").click();
    restoring.run();
    let app = restoring.state();
    assert!(app.dialog.is_none());
    assert_eq!(app.document.path(), Some(canonical.as_path()), "opened as that file");
    assert_eq!(*app.project(), first_work);
    assert!(app.is_dirty());
    assert_eq!(app.title(), "mine.ron • — Strata");

    // The second window, still running, still has its own copy.
    assert_eq!(*second.state().project(), second_work);
    restoring.key_press_modifiers(Modifiers::COMMAND, Key::S);
    restoring.run();
    assert!(!restoring.state().is_dirty());
    drop(second);
    drop(restoring);
    let last = window_with_recovery(None, &recovery);
    let Some(Dialog::Recovery(strata::app::dialogs::RecoveryQuestion { origin, .. })) = last.state().dialog.clone()
    else {
        panic!("the second window's copy is offered: {:?}", last.state().dialog);
    };
    assert_eq!(origin, Some(std::fs::canonicalize(&theirs).unwrap()));
}

fn copy_example(folder: &Path, example: &str, name: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects").join(example),
        &path,
    )
    .unwrap();
    path
}

fn path_entry_text(h: &App<'_>) -> String {
    match h.state().dialog.clone() {
        Some(Dialog::PathEntry(strata::app::dialogs::PathEntry { text, .. })) => text,
        other => panic!("expected the path field, got {other:?}"),
    }
}

#[test]
fn the_window_never_exports_over_another_projects_spec_without_asking() {
    let root = tempfile::tempdir().unwrap();
    let a = copy_example(root.path(), "e-commerce.ron", "a.ron");
    let b = copy_example(root.path(), "three-tier.ron", "b.ron");
    let shared = root.path().join("infra-specs");

    let mut first = window(Some(a));
    first.key_press_modifiers(Modifiers::COMMAND, Key::E);
    first.run();
    assert_eq!(path_entry_text(&first), shared.display().to_string());
    common::type_path(&mut first, &shared, "Export");
    let readme_a = std::fs::read_to_string(shared.join("README.md")).unwrap();

    // The second project is offered a folder of its own...
    let mut second = window(Some(b));
    second.key_press_modifiers(Modifiers::COMMAND, Key::E);
    second.run();
    assert_eq!(
        path_entry_text(&second),
        root.path().join("infra-specs-b").display().to_string()
    );
    // ...and typing the first one's folder asks, as a hand-written file does.
    common::type_path(&mut second, &shared, "Export");
    assert!(
        matches!(
            second.state().dialog,
            Some(Dialog::ExportConflict(strata::app::dialogs::ExportConflict {
                another_project: Some(_),
                ..
            }))
        ),
        "{:?}",
        second.state().dialog
    );
    second.get_by_label_contains("E-commerce platform on Amazon EKS");
    assert_eq!(std::fs::read_to_string(shared.join("README.md")).unwrap(), readme_a);

    second.get_by_label("Another folder…").click();
    second.run();
    let own = root.path().join("infra-specs-b");
    assert_eq!(path_entry_text(&second), own.display().to_string());
    common::type_path(&mut second, &own, "Export");
    assert!(own.join("README.md").exists());
    assert_eq!(std::fs::read_to_string(shared.join("README.md")).unwrap(), readme_a);

    // Replace, when the architect means it, keeps the review minutes.
    std::fs::create_dir_all(shared.join("reviews")).unwrap();
    std::fs::write(shared.join("reviews/2026-01-01-review.md"), "# minutes\n").unwrap();
    second.state_mut().last_export = None;
    second.key_press_modifiers(Modifiers::COMMAND, Key::E);
    second.run();
    common::type_path(&mut second, &shared, "Export");
    second.get_by_label("Replace").click();
    second.run();
    assert_ne!(std::fs::read_to_string(shared.join("README.md")).unwrap(), readme_a);
    assert_eq!(
        std::fs::read_to_string(shared.join("reviews/2026-01-01-review.md")).unwrap(),
        "# minutes\n"
    );
}

#[test]
fn show_the_files_folder_says_so_when_no_file_manager_can_show_it() {
    for (opener, expected) in [
        ("false", "The file manager could not show the folder"),
        ("/no/such/opener", "Cannot start /no/such/opener"),
    ] {
        let options = AppOptions {
            folder_opener: Some(opener.to_owned()),
            ..AppOptions::headless(Some(fixture("truncated.ron")))
        };
        let mut h = Harness::builder()
            .with_size(Vec2::new(1280.0, 800.0))
            .build_eframe(move |cc| StrataApp::new(cc, options));
        h.run();
        h.get_by_label("Show the file's folder").click();
        h.run();
        for _ in 0..100 {
            if h.state().message.as_ref().is_some_and(|m| m.is_error) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.run();
        }
        let message = h.state().message.clone().expect("a message");
        assert!(message.is_error && message.text.starts_with(expected), "{message:?}");
        let folder = fixture("truncated.ron").parent().unwrap().display().to_string();
        assert!(message.text.contains(&folder), "names the folder: {message:?}");
        h.get_by_label_contains(expected);
    }
}
