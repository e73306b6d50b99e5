use super::*;
use crate::store::{compact, to_ron_string};
use crate::synth;

/// The inside of each list found, and how many elements it holds.
fn found(text: &str) -> Option<Vec<(Field, &str, usize)>> {
    let lists = find_lists(text)?;
    Some(
        lists
            .iter()
            .map(|list| (list.field, &text[list.inner.clone()], list.boundaries.len()))
            .collect(),
    )
}

fn whole(text: &str) -> VersionedFile {
    ron::Options::default()
        .from_str(text)
        .expect("the test text parses as a whole")
}

#[test]
fn finds_the_project_lists_and_not_the_lists_of_decisions() {
    let text = "(format_version: 2, project: (\n\
        decisions: [(components: [1, 2], title: \"a\")],\n\
        components: [(id: 1), (id: 2),],\n\
        dependencies: [],\n\
    ))";
    assert_eq!(
        found(text).unwrap(),
        vec![
            (Field::Components, "(id: 1), (id: 2),", 2),
            (Field::Dependencies, "", 0)
        ]
    );
}

#[test]
fn brackets_commas_and_field_names_in_strings_and_comments_are_text() {
    let text = "(format_version: 2, project: (\n\
        meta: (name: \"components: [x, y]\"),\n\
        layers: // components: [\n[],\n\
        components: [\n\
            (id: 1, name: \"a, ] [ b\", notes: r#\"\"], (components: [\"#), // one, ]\n\
            /* two, [ */ (id: 2, name: \"\\\", c\"),\n\
        ],\n\
    ))";
    let lists = found(text).unwrap();
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert_eq!(lists[0].0, Field::Components);
    assert_eq!(lists[0].2, 2, "two element boundaries: {lists:?}");
    assert!(lists[0].1.ends_with("(id: 2, name: \"\\\", c\"),\n"), "{lists:?}");
}

#[test]
fn gives_up_on_what_the_whole_parse_must_judge() {
    let duplicate = "(format_version: 2, project: (components: [], components: []))";
    let extensions = "#![enable(implicit_some)]\n(format_version: 2, project: (components: []))";
    let unbalanced = "(format_version: 2, project: (components: [)))";
    let deep = format!("(format_version: 2, project: (components: [{}]))", "[".repeat(100));
    // The `[` after the comment is the value of `layers`, whatever the
    // comment says.
    let name_in_comment = "(format_version: 2, project: (layers: // components:\n[], components: []))";
    for text in [duplicate, extensions, unbalanced, &deep, name_in_comment] {
        assert_eq!(find_lists(text), None, "{text}");
    }
}

#[test]
fn cuts_only_between_elements_and_keeps_every_byte() {
    let text = "(format_version: 2, project: (components: [(id: 1), (id: 2), (id: 3)], dependencies: [(id: 1)]))";
    let lists = find_lists(text).unwrap();
    let pieces = cut(text, &lists, 1);
    let texts: Vec<&str> = pieces.iter().map(|piece| piece.text).collect();
    assert_eq!(texts, ["(id: 1),", " (id: 2),", " (id: 3)", "(id: 1)"]);
    assert_eq!(
        without_lists(text, &lists),
        "(format_version: 2, project: (components: [], dependencies: []))"
    );
}

#[test]
fn a_bad_element_makes_the_pieces_give_up() {
    let project = synth::generate(40);
    let text = to_ron_string(&project).unwrap();
    let compact = compact::without_indentation(&text).unwrap();
    let boundaries = &find_lists(&compact).unwrap()[0].boundaries;
    let at = boundaries[boundaries.len() / 2];
    let broken = format!("{}\"not a component\", {}", &compact[..at], &compact[at..]);
    let lists = find_lists(&broken).unwrap();
    assert!(parse_in_pieces(&broken, &lists, 3).is_none());
    let whole: Result<VersionedFile, _> = ron::Options::default().from_str(&broken);
    assert!(whole.is_err());
}

#[test]
fn a_saved_synthetic_project_takes_the_parallel_path() {
    let project = synth::generate(400);
    let text = to_ron_string(&project).unwrap();
    let compact = compact::without_indentation(&text).unwrap();
    let lists = find_lists(&compact).expect("Strata's own files are followed");
    let fields: Vec<Field> = lists.iter().map(|list| list.field).collect();
    assert_eq!(fields, [Field::Components, Field::Dependencies]);
    let list_bytes: usize = lists.iter().map(|list| list.inner.len()).sum();
    assert!(list_bytes >= MIN_PARALLEL_BYTES, "{list_bytes} bytes of lists");
    assert!(cut(&compact, &lists, list_bytes / 8).len() >= 4);
    let parsed = parse_in_pieces(&compact, &lists, 2).expect("no fallback");
    assert_eq!(parsed.project, project);
    if std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2) {
        let parsed = parse_versioned(&compact).expect("a machine with two cores uses them");
        assert_eq!(parsed.project, whole(&compact).project);
    }
}

proptest::proptest! {
    #![proptest_config(crate::core::proptest_support::cases(200))]

    /// Whatever a user writes in names, notes and labels, and however many
    /// threads share the work, the pieces give the project the whole parse
    /// gives.
    #[test]
    fn the_pieces_give_the_project_the_whole_parse_gives(
        size in 3usize..40,
        threads in 1usize..5,
        name in crate::store::tests::tricky_text(),
        notes in crate::store::tests::tricky_text(),
        label in crate::store::tests::tricky_text(),
        title in crate::store::tests::tricky_text(),
    ) {
        let mut project = synth::generate(size);
        if let Some(component) = project.components.last_mut() {
            component.name = name;
        }
        if let Some(component) = project.components.first_mut() {
            component.notes = notes;
        }
        if let Some(dependency) = project.dependencies.first_mut() {
            dependency.label = label;
        }
        if let Some(decision) = project.decisions.first_mut() {
            decision.title = title;
        }
        let text = to_ron_string(&project).unwrap();
        let compact = compact::without_indentation(&text).unwrap();
        let lists = find_lists(&compact).expect("Strata's own files are followed");
        let parsed = parse_in_pieces(&compact, &lists, threads).expect("no fallback");
        proptest::prop_assert_eq!(&parsed.project, &whole(&compact).project);
        proptest::prop_assert_eq!(parsed.project, project);
    }
}
