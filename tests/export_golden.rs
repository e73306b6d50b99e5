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
