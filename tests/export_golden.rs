//! Golden files: the full export of every bundled example. Any change to
//! the output shows up as a snapshot diff to review (`cargo insta review`).

#[test]
fn example_exports_match_their_snapshots() {
    for template in strata::templates::TEMPLATES {
        let project = template.instantiate("2026-01-01");
        let export = strata::export::render(&project);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(format!("snapshots/{}", template.name));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            for file in &export.files {
                insta::assert_snapshot!(file.path.replace('/', "__"), file.contents);
            }
        });
    }
}

/// A file the export stopped writing must not keep an old snapshot around
/// (it would look like a reviewed golden file for output that no longer
/// exists).
#[test]
fn every_snapshot_belongs_to_an_exported_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for template in strata::templates::TEMPLATES {
        let export = strata::export::render(&template.instantiate("2026-01-01"));
        let expected: std::collections::BTreeSet<String> = export
            .files
            .iter()
            .map(|f| format!("{}.snap", f.path.replace('/', "__")))
            .collect();
        let folder = root.join(template.name);
        let found: std::collections::BTreeSet<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".snap"))
            .collect();
        let stale: Vec<&String> = found.difference(&expected).collect();
        assert!(stale.is_empty(), "{}: stale snapshots {stale:?}", template.name);
    }
}
