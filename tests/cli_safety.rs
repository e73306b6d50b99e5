//! The command line never replaces another project's spec folder and never
//! changes a file's permissions: the real binary, real files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};

fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A bundled example copied into `folder` as `name`: a file with no
/// identity yet, as every file written before identities is.
fn example_file(folder: &Path, example: &str, name: &str) -> PathBuf {
    let path = folder.join(name);
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects").join(example);
    std::fs::copy(source, &path).unwrap();
    path
}

/// Every file under `folder` with its contents.
fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(
                    path.strip_prefix(folder).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

fn export(file: &Path, out: &Path, force: bool) -> Output {
    let mut args = vec!["export", arg(file), "--out", arg(out)];
    if force {
        args.push("--force");
    }
    strata(&args)
}

#[test]
fn a_second_project_never_replaces_the_first_projects_spec_folder() {
    let folder = tempfile::tempdir().unwrap();
    let a = example_file(folder.path(), "e-commerce.ron", "a.ron");
    let b = example_file(folder.path(), "three-tier.ron", "b.ron");
    let specs = folder.path().join("infra-specs");

    let first = export(&a, &specs, false);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    // The same file, never saved in between, is the same project.
    let again = export(&a, &specs, false);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(!text(&again.stdout).contains("removed"), "{}", text(&again.stdout));

    std::fs::create_dir_all(specs.join("reviews")).unwrap();
    std::fs::write(specs.join("reviews/2026-01-01-review.md"), "# minutes\n").unwrap();
    std::fs::write(specs.join("notes.md"), "hand-written\n").unwrap();
    let before = snapshot(&specs);

    let other = export(&b, &specs, false);
    assert_ne!(other.status.code(), Some(0), "another project is refused");
    let stderr = text(&other.stderr);
    assert!(stderr.contains("another project"), "{stderr}");
    assert!(stderr.contains("--force"), "the message says what to do: {stderr}");
    assert_eq!(snapshot(&specs), before, "a refused export changes nothing");

    // A copy of the file that has no identity is another file, so another
    // project until it is saved with one.
    let copy = example_file(folder.path(), "e-commerce.ron", "copy.ron");
    assert_ne!(export(&copy, &specs, false).status.code(), Some(0));

    let forced = export(&b, &specs, true);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let after = snapshot(&specs);
    assert_eq!(after[Path::new("reviews/2026-01-01-review.md")], b"# minutes\n");
    assert_eq!(after[Path::new("notes.md")], b"hand-written\n");
    let manifest = String::from_utf8(after[Path::new(".strata-export")].clone()).unwrap();
    assert!(manifest.contains("# project: path-"), "{manifest}");
    assert!(
        manifest.contains("# project name: Three-tier web application on AWS"),
        "{manifest}"
    );

    // Now a.ron is the other project.
    assert_ne!(export(&a, &specs, false).status.code(), Some(0));
}

#[test]
fn a_new_project_carries_its_identity_and_keeps_it_through_fmt() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    assert_eq!(
        strata(&["new", arg(&path), "--template", "three-tier"]).status.code(),
        Some(0)
    );
    let written = std::fs::read_to_string(&path).unwrap();
    let id_line = written
        .lines()
        .find(|l| l.trim_start().starts_with("id: "))
        .unwrap_or_else(|| panic!("the new file records its identity:\n{written}"))
        .to_owned();
    assert_eq!(strata(&["fmt", arg(&path)]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&path).unwrap().contains(&id_line));

    // Moved elsewhere, it still exports into its own folder without a conflict.
    let specs = folder.path().join("infra-specs");
    assert_eq!(export(&path, &specs, false).status.code(), Some(0));
    let moved = folder.path().join("moved.ron");
    std::fs::rename(&path, &moved).unwrap();
    let out = export(&moved, &specs, false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[cfg(unix)]
mod modes {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn under_umask(umask: &str, args: &[&str]) -> Output {
        let mut script = format!("umask {umask}; exec \"$0\"");
        for index in 1..=args.len() {
            script.push_str(&format!(" \"${index}\""));
        }
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_strata"))
            .args(args)
            .output()
            .expect("sh runs")
    }

    #[test]
    fn saving_keeps_the_files_mode_and_its_backup_has_it_too() {
        let folder = tempfile::tempdir().unwrap();
        let path = example_file(folder.path(), "e-commerce.ron", "p.ron");
        for wanted in [0o644, 0o640, 0o664] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted)).unwrap();
            let out = under_umask("077", &["fmt", arg(&path)]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            assert_eq!(mode(&path), wanted, "fmt keeps {wanted:o}");
            let backup = folder.path().join("p.ron.bak");
            assert_eq!(mode(&backup), wanted, "the .bak keeps {wanted:o}");
        }
    }

    #[test]
    fn new_files_and_exports_follow_the_umask() {
        let folder = tempfile::tempdir().unwrap();
        for (umask, file_mode, folder_mode) in [("022", 0o644, 0o755), ("077", 0o600, 0o700), ("002", 0o664, 0o775)] {
            let path = folder.path().join(format!("new-{umask}.ron"));
            let out = under_umask(umask, &["new", arg(&path)]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            assert_eq!(mode(&path), file_mode, "strata new under umask {umask}");

            let specs = folder.path().join(format!("specs-{umask}"));
            let out = under_umask(umask, &["export", arg(&path), "--out", arg(&specs)]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            assert_eq!(mode(&specs), folder_mode, "export folder under umask {umask}");
            assert_eq!(mode(&specs.join("README.md")), file_mode);
            assert_eq!(mode(&specs.join("diagrams")), folder_mode);
        }
    }
}
