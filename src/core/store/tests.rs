use std::path::Path;

use super::*;
use crate::model::*;
use crate::synth;

fn parse(text: &str) -> Result<Project, LoadError> {
    parse_bytes(text.as_bytes(), Path::new("test.ron"))
}

fn valid_text() -> String {
    to_ron_string(&synth::generate(12)).unwrap()
}

#[test]
fn save_then_load_gives_the_same_project_and_the_same_bytes() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    let project = synth::generate(50);
    save(&path, &project).unwrap();
    let first = std::fs::read(&path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, project);
    save(&path, &loaded).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first, "saving is deterministic");
}

#[test]
fn saving_keeps_the_previous_version_as_bak_and_leaves_no_temporary_files() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    let mut project = synth::generate(5);
    save(&path, &project).unwrap();
    let old = std::fs::read(&path).unwrap();
    project.meta.name = "Second".into();
    save(&path, &project).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), old);
    assert_eq!(load(&path).unwrap().meta.name, "Second");
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only the file and its backup: {names:?}");
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    save(&path, &synth::generate(3)).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Saving into a folder that does not exist fails before touching anything.
    let missing = folder.path().join("no-such-folder").join("p.ron");
    assert!(matches!(save(&missing, &synth::generate(3)), Err(SaveError::Io { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_file_is_readable_ron_with_a_version_first() {
    let text = valid_text();
    let first_field = text
        .lines()
        .find(|l| l.trim_start().starts_with(|c: char| c.is_alphabetic()))
        .unwrap();
    assert_eq!(first_field.trim(), "format_version: 2,");
    assert!(text.contains("name: \"Synthetic platform (12 components)\""));
}

#[test]
fn unicode_survives_unescaped() {
    let mut project = synth::generate(2);
    project.meta.name = "Zürich — 東京 🚀 \"quoted\"".into();
    let text = to_ron_string(&project).unwrap();
    assert!(text.contains("Zürich — 東京 🚀"), "{}", &text[..300]);
    assert_eq!(parse(&text).unwrap().meta.name, project.meta.name);
}

#[test]
fn truncated_files_say_where_they_end() {
    let text = valid_text();
    for cut in [text.len() / 2, text.len() / 3, text.len() - 8] {
        match parse(&text[..cut]) {
            Err(LoadError::Syntax { line, message, .. }) => {
                assert!(line > 1);
                assert!(message.contains("ends") || message.contains("truncated"), "{message}");
            }
            other => panic!("expected a syntax error, got {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn wrong_types_name_line_and_column() {
    let text = valid_text().replacen("version: \"0.1.0\"", "version: 12", 1);
    let line_of_error = text.lines().position(|l| l.contains("version: 12")).unwrap() + 1;
    match parse(&text) {
        Err(LoadError::Syntax {
            line, column, message, ..
        }) => {
            assert_eq!(line, line_of_error);
            assert!(column > 1);
            assert!(message.to_lowercase().contains("string"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn unknown_enum_variants_and_fields_are_named() {
    let text = valid_text().replacen("kind: Cdn", "kind: Spaceship", 1);
    let error = parse(&text).unwrap_err().to_string();
    assert!(error.contains("Spaceship"), "{error}");
    assert!(error.starts_with("test.ron:"), "{error}");

    let text = valid_text().replacen("summary:", "sumary:", 1);
    let error = parse(&text).unwrap_err().to_string();
    assert!(error.contains("sumary"), "{error}");
}

#[test]
fn duplicate_ids_and_missing_references_are_refused_on_load() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    let mut project = synth::generate(6);
    project.components[1].id = project.components[0].id;
    project.dependencies[0].to = ComponentId(777);
    std::fs::write(&path, to_ron_string(&project).unwrap()).unwrap();
    let error = load(&path).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, LoadError::Invalid { .. }));
    assert!(message.contains("share the id"), "{message}");
    assert!(message.contains("777"), "{message}");
    // parse_file still reads it, so `strata check` can list everything.
    assert!(parse_file(&path).is_ok());
}

#[test]
fn empty_binary_and_huge_inputs_get_clear_errors() {
    assert!(matches!(parse(""), Err(LoadError::Empty { .. })));
    assert!(matches!(parse("  \n\t\n"), Err(LoadError::Empty { .. })));

    let binary = b"(format_version: 1,\n\x00\x01\x02\xff".to_vec();
    match parse_bytes(&binary, Path::new("b.ron")) {
        Err(LoadError::NotText { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected NotText, got {other:?}"),
    }
    let latin1 = b"(format_version: 1, project: (meta: (name: \"Z\xfcrich\")))".to_vec();
    assert!(matches!(
        parse_bytes(&latin1, Path::new("l.ron")),
        Err(LoadError::NotText { .. })
    ));

    // 50 MB: a valid start and a string that never closes.
    let mut big = String::from("(\n    format_version: 1,\n    project: (\n        meta: (\n            name: \"");
    big.push_str(&"x".repeat(50 * 1024 * 1024));
    match parse(&big) {
        Err(error @ LoadError::Syntax { .. }) => assert!(error.to_string().starts_with("test.ron:")),
        other => panic!("expected a syntax error, got {:?}", other.map(|p| p.meta.name.len())),
    }

    // Deep nesting must not overflow the stack.
    let deep = format!("(format_version: 1, project: {}", "(".repeat(100_000));
    assert!(matches!(parse(&deep), Err(LoadError::Syntax { .. })));
}

#[test]
fn files_larger_than_the_limit_are_refused_before_reading() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no real disk use
    assert!(matches!(parse_file(&path), Err(LoadError::TooLarge { .. })));
}

#[test]
fn a_future_format_version_is_refused_not_upgraded() {
    let text = valid_text().replacen("format_version: 2", "format_version: 99", 1);
    let error = parse(&text).unwrap_err();
    assert!(matches!(error, LoadError::FutureVersion { found: 99, .. }));
    assert!(error.to_string().contains("newer Strata"));
}

#[test]
fn version_zero_files_are_migrated() {
    // Before versioning, a file was the bare project.
    let project = synth::generate(4);
    let bare = ron::ser::to_string_pretty(&project, ron::ser::PrettyConfig::new()).unwrap();
    assert!(!bare.contains("format_version"));
    assert_eq!(parse(&bare).unwrap(), project);
    let rewritten = to_ron_string(&parse(&bare).unwrap()).unwrap();
    assert!(rewritten.contains("format_version: 2"));
}

/// A small format-1 file as Strata wrote it: one `zone` per component and
/// single-figure costs.
const VERSION_1: &str = r#"(
    format_version: 1,
    project: (
        meta: (name: "Old", version: "1", status: Draft, last_updated: "2026-01-01"),
        zones: [
            (id: 1, name: "VPC", kind: Vpc),
            (id: 2, name: "us-east-1a", kind: AvailabilityZone, parent: Some(1)),
        ],
        components: [
            (
                id: 1,
                name: "DB",
                kind: Database,
                zone: Some(2),
                cost: (current: Some(150.0), proposed: Some(200.5)),
            ),
            (id: 2, name: "Unzoned", kind: Service, zone: None),
        ],
    ),
)"#;

#[test]
fn version_one_files_are_migrated_zone_to_zones_and_figures_to_ranges() {
    let (project, version) = parse_str_versioned(VERSION_1, Path::new("old.ron")).unwrap();
    assert_eq!(version, 1);
    assert_eq!(project.components[0].zones, vec![ZoneId(2)]);
    assert_eq!(project.components[1].zones, vec![]);
    assert_eq!(project.components[0].cost.current, Some(CostRange::exactly(150.0)));
    assert_eq!(project.components[0].cost.proposed, Some(CostRange::exactly(200.5)));
    let rewritten = to_ron_string(&project).unwrap();
    assert!(rewritten.contains("format_version: 2"));
    assert!(
        rewritten.contains("zones: [\n                    2,\n                ]") || rewritten.contains("zones: [2]"),
        "{rewritten}"
    );
    assert!(!rewritten.contains("zone: "), "{rewritten}");
    assert_eq!(parse(&rewritten).unwrap(), project);
}

#[test]
fn versions_above_two_are_refused_naming_the_file_and_what_to_do() {
    let text = VERSION_1.replacen("format_version: 1", "format_version: 3", 1);
    let error = parse_str(&text, Path::new("new.ron")).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, LoadError::FutureVersion { found: 3, .. }));
    assert!(message.starts_with("new.ron:"), "{message}");
    assert!(message.contains("open it with a newer Strata"), "{message}");
}

#[test]
fn cost_ranges_are_written_as_a_figure_or_low_and_high() {
    let mut project = Project::new_layered("Ranges", "2026-01-01");
    project.components.push(Component {
        id: ComponentId(1),
        name: "Cluster".into(),
        cost: Cost {
            current: Some(CostRange::exactly(150.0)),
            proposed: Some(CostRange {
                low: 173.0,
                high: 573.0,
            }),
            note: String::new(),
        },
        iac_addresses: vec!["module.eks.aws_eks_cluster.main".into()],
        ..Component::default()
    });
    let text = to_ron_string(&project).unwrap();
    assert!(text.contains("current: Some(150.0)"), "{text}");
    assert!(text.contains("proposed: Some((\n"), "{text}");
    assert!(text.contains("low: 173.0,") && text.contains("high: 573.0,"), "{text}");
    assert!(text.contains("\"module.eks.aws_eks_cluster.main\""), "{text}");
    assert_eq!(parse(&text).unwrap(), project);
}

/// The position a load error names, or a failure naming the error.
fn position(error: &LoadError) -> (usize, usize) {
    match error {
        LoadError::Syntax { line, column, .. } | LoadError::NotText { line, column, .. } => (*line, *column),
        LoadError::Invalid { problems, .. } => (problems[0].line, problems[0].column),
        other => panic!("expected an error with a position, got {other}"),
    }
}

#[test]
fn a_zone_named_twice_is_an_error_at_its_line() {
    let text = VERSION_1.replace("zone: Some(2),", "zones: [2, 1, 2],");
    let error = parse(&text).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("zone 2 is listed twice"), "{message}");
    let (line, column) = position(&error);
    assert_eq!(line, 14, "{message}");
    assert!(column > 1, "{message}");
    assert!(message.starts_with(&format!("test.ron:{line}:{column}:")), "{message}");
}

#[test]
fn an_unknown_zone_is_an_error_at_the_components_zones() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    std::fs::write(&path, VERSION_1.replace("zone: Some(2),", "zones: [2, 9],")).unwrap();
    let error = load(&path).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("zone 9, which does not exist"), "{message}");
    assert_eq!(position(&error), (14, 17), "{message}");
    assert!(message.contains(":14:17: the project is inconsistent"), "{message}");
}

#[test]
fn a_cost_whose_low_is_above_its_high_is_an_error_at_its_line() {
    let text = VERSION_1.replace("current: Some(150.0)", "current: Some((low: 900.0, high: 400.0))");
    let error = parse(&text).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("low (900) is above its high (400)"), "{message}");
    assert_eq!(position(&error).0, 15, "{message}");
}

#[test]
fn an_empty_zone_list_is_valid() {
    let text = VERSION_1.replace("zone: Some(2),", "zones: [],");
    let project = parse(&text).unwrap();
    assert!(project.components[0].zones.is_empty());
}

#[test]
fn structural_errors_name_the_line_of_the_item() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("p.ron");
    // Two components with id 1: the second one is pointed at.
    std::fs::write(
        &path,
        VERSION_1.replace("(id: 2, name: \"Unzoned\"", "(id: 1, name: \"Unzoned\""),
    )
    .unwrap();
    let error = load(&path).unwrap_err();
    assert_eq!(position(&error), (17, 13), "{error}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let error = load(Path::new("/no/such/strata.ron")).unwrap_err();
    assert!(matches!(error, LoadError::Io { .. }));
    assert!(error.to_string().contains("/no/such/strata.ron"));
}

/// Text a user can type, built from the characters the compact parse path
/// must not misread: quotes, backslashes, hashes, comment openers, newlines
/// followed by indentation.
pub(super) fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    proptest::collection::vec(
        proptest::sample::select(vec![
            "\"", "\\", "#", "r#\"", "\"#", "//", "/*", "*/", "'", "\n", "\n    ", "\t", " ", "r", "b", "x", "é",
            "\r\n  ",
        ]),
        0..24,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest::proptest! {
    #![proptest_config(crate::core::proptest_support::cases(400))]

    /// Loading reads a text without indentation when it can; whatever the
    /// user wrote in names and notes, the project that comes back is the one
    /// that was saved.
    #[test]
    fn any_user_text_survives_save_and_load(
        name in tricky_text(),
        notes in tricky_text(),
        summary in tricky_text(),
        technology in tricky_text(),
    ) {
        let mut project = synth::generate(6);
        project.meta.summary = summary;
        let component = &mut project.components[2];
        component.name = name;
        component.notes = notes;
        component.technology = technology;
        let text = to_ron_string(&project).unwrap();
        let loaded = parse(&text).unwrap();
        proptest::prop_assert_eq!(loaded, project);
    }
}

#[test]
fn a_hand_indented_file_with_comments_and_multi_line_text_loads_as_written() {
    let project = synth::generate(3);
    let text = to_ron_string(&project).unwrap().replacen(
        "(\n    format_version: 2,",
        "( /* a \"quoted\" /* nested */ remark */\n\t  format_version: 2, // \"trailing",
        1,
    );
    assert_eq!(parse(&text).unwrap(), project);
}

#[test]
fn the_short_text_of_a_saved_project_parses_to_the_same_project() {
    let project = synth::generate(60);
    let text = to_ron_string(&project).unwrap();
    let compact = compact::without_indentation(&text).unwrap();
    let parsed: Result<VersionedFile, _> = ron::Options::default().from_str(&compact);
    assert_eq!(parsed.map(|file| file.project).map_err(|e| e.to_string()), Ok(project));
}
