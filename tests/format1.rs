//! Format 1 files, kept byte for byte as Strata wrote them before format 2:
//! each still opens, migrates, and exports exactly what it exported then
//! (its snapshots under `snapshots/format1/` were taken from format 1), so
//! a migrated file differs only where format 2's new fields say more, and a
//! file that does not use them does not differ at all.

use std::path::{Path, PathBuf};

const EXAMPLES: [&str; 3] = ["e-commerce", "three-tier", "data-platform"];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/format1/{name}.ron"))
}

#[test]
fn format_1_examples_load_and_migrate() {
    for name in EXAMPLES {
        let path = fixture(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("format_version: 1,"), "{name} is a format 1 file");
        assert!(text.contains("zone: Some("), "{name} uses format 1's single zone");
        let (project, version) = strata::store::load_versioned(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(version, 1);
        // Every `zone: Some(n)` became a list of that one zone.
        let single_zones = text.matches("zone: Some(").count();
        let listed: usize = project.components.iter().map(|c| c.zones.len()).sum();
        assert_eq!(listed, single_zones, "{name}");
        assert!(project.components.iter().all(|c| c.zones.len() <= 1), "{name}");
        // Every figure became a range of one value.
        for component in &project.components {
            for range in [component.cost.current, component.cost.proposed].into_iter().flatten() {
                assert!(range.is_single(), "{name}: {}", component.name);
            }
        }
        // Saved, it is a format 2 file that reads back the same.
        let rewritten = strata::store::to_ron_string(&project).unwrap();
        assert!(rewritten.contains("format_version: 2,"));
        assert!(!rewritten.contains("zone: Some("));
        let (again, version) = strata::store::parse_str_versioned(&rewritten, &path).unwrap();
        assert_eq!(version, 2);
        assert_eq!(again, project, "{name}");
    }
}

#[test]
fn migrated_examples_export_what_format_1_exported() {
    for name in EXAMPLES {
        let project = strata::store::load(&fixture(name)).unwrap_or_else(|e| panic!("{e}"));
        let export = strata::export::render(&project);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(format!("snapshots/format1/{name}"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            for file in &export.files {
                insta::assert_snapshot!(file.path.replace('/', "__"), file.contents);
            }
        });
    }
}
