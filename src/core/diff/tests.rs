use super::merge::merge;
use super::*;
use crate::{check, templates};

fn example() -> Project {
    templates::find("e-commerce")
        .expect("the e-commerce template")
        .instantiate("2026-01-01")
}

#[test]
fn a_project_equals_itself() {
    let project = example();
    assert!(diff(&project, &project.clone(), DiffOptions::default()).is_empty());
}

#[test]
fn added_removed_and_changed_items_are_found_by_id_not_by_order() {
    let old = example();
    let mut new = old.clone();
    new.components.reverse();
    new.dependencies.reverse();
    assert!(
        diff(&old, &new, DiffOptions::default()).is_empty(),
        "reordering is no change"
    );

    let removed = new.components.remove(0);
    let mut added = new.components[0].clone();
    added.id = ComponentId(old.next_component_id().0 + 1);
    added.name = "RDS read replica".into();
    new.components.push(added.clone());
    let changed = &mut new.components[1];
    let changed_id = changed.id;
    let old_technology = changed.technology.clone();
    changed.technology = "Rust".into();
    new.dependencies.retain(|d| d.from != removed.id && d.to != removed.id);

    let found = diff(&old, &new, DiffOptions::default());
    let find = |kind: ChangeKind, key: ItemKey| found.changes.iter().find(|c| c.change == kind && c.item == key);
    assert!(find(ChangeKind::Added, ItemKey::Component(added.id.0)).is_some());
    assert!(find(ChangeKind::Removed, ItemKey::Component(removed.id.0)).is_some());
    let change = find(ChangeKind::Changed, ItemKey::Component(changed_id.0)).expect("the change");
    assert_eq!(
        change.fields,
        vec![FieldChange {
            field: "technology".into(),
            old: (!old_technology.is_empty()).then_some(Value::String(old_technology)),
            new: Some(Value::String("Rust".into())),
        }]
    );
}

#[test]
fn positions_show_only_when_asked() {
    let old = example();
    let mut new = old.clone();
    new.components[0].position = Some(Position { x: 999.0, y: 7.0 });
    assert!(diff(&old, &new, DiffOptions::default()).is_empty());
    let with_layout = diff(&old, &new, DiffOptions { layout: true });
    assert_eq!(with_layout.changes.len(), 1);
    assert!(
        with_layout.changes[0]
            .fields
            .iter()
            .all(|f| f.field.starts_with("position"))
    );
}

#[test]
fn document_sections_report_the_field_that_changed() {
    let old = example();
    let mut new = old.clone();
    new.disaster_recovery.rto = "15 minutes".into();
    new.risks.push(Risk {
        risk: "Vendor lock-in".into(),
        ..Risk::default()
    });
    let found = diff(&old, &new, DiffOptions::default());
    let dr = found
        .changes
        .iter()
        .find(|c| c.item == ItemKey::Section("disaster_recovery"))
        .expect("the DR section changed");
    assert_eq!(dr.fields[0].field, "disaster_recovery.rto");
    assert_eq!(dr.fields[0].new, Some(Value::String("15 minutes".into())));
    let risks = found
        .changes
        .iter()
        .find(|c| c.item == ItemKey::Section("risks"))
        .expect("the risks changed");
    let index = old.risks.len();
    assert!(
        risks.fields.iter().any(|f| f.field == format!("risks[{index}].risk")),
        "{:?}",
        risks.fields
    );
}

#[test]
fn renderings_escape_user_text() {
    let old = example();
    let mut new = old.clone();
    new.components[0].name = "Evil\n`name` <b>".into();
    let found = diff(&old, &new, DiffOptions::default());
    let text = render_text(&found, "a", "b");
    assert!(text.contains(r#""Evil\n`name` <b>""#), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains("Evil")).count(), 2, "{text}");
    let markdown = render_markdown(&found, "a", "b");
    assert!(
        markdown.contains("``Evil `name` <b>``"),
        "a code span holds it as typed: {markdown}"
    );
    assert!(!markdown.contains("Evil\n"), "{markdown}");
    let json: Value = serde_json::from_str(&render_json(&found, "a", "b")).expect("JSON");
    assert_eq!(json["equal"], false);
    assert_eq!(json["changes"][0]["item"]["kind"], "component");
}

// ---- merge ----

fn add_component(project: &mut Project, name: &str) -> ComponentId {
    let id = project.next_component_id();
    project.components.push(Component {
        id,
        name: name.into(),
        layer: Some(LayerId(4)),
        ..Component::default()
    });
    id
}

#[test]
fn both_sides_adding_components_keeps_both_with_distinct_ids_and_links() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let our_id = add_component(&mut ours, "Ours");
    let their_id = add_component(&mut theirs, "Theirs");
    assert_eq!(our_id, their_id, "both took the next free id");
    let anchor = base.components[0].id;
    let dependency = theirs.new_dependency(their_id, anchor);
    theirs.dependencies.push(dependency);
    theirs.decisions[0].components.push(their_id);

    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.conflicts.is_empty(), "{:?}", outcome.conflicts);
    let merged = outcome.project;
    let ours_new = merged.components.iter().find(|c| c.name == "Ours").expect("ours kept");
    let theirs_new = merged
        .components
        .iter()
        .find(|c| c.name == "Theirs")
        .expect("theirs kept");
    assert_ne!(ours_new.id, theirs_new.id);
    assert_eq!(ours_new.id, our_id);
    assert!(
        merged
            .dependencies
            .iter()
            .any(|d| d.from == theirs_new.id && d.to == anchor)
    );
    assert!(merged.decisions[0].components.contains(&theirs_new.id));
    assert!(!merged.decisions[0].components.contains(&our_id));
    assert!(
        check::structural(&merged)
            .iter()
            .all(|d| d.level != check::Level::Error)
    );
    assert_eq!(outcome.renumbered.len(), 1, "{:?}", outcome.renumbered);
}

#[test]
fn different_fields_merge_and_the_same_field_conflicts_keeping_ours() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.components[0].technology = "ours-tech".into();
    theirs.components[0].description = "theirs-description".into();
    theirs.components[0].responsibilities.manages.push("sessions".into());
    ours.components[1].name = "Our name".into();
    theirs.components[1].name = "Their name".into();

    let outcome = merge(&base, &ours, &theirs);
    let merged = &outcome.project;
    assert_eq!(merged.components[0].technology, "ours-tech");
    assert_eq!(merged.components[0].description, "theirs-description");
    assert!(
        merged.components[0]
            .responsibilities
            .manages
            .contains(&"sessions".to_owned())
    );
    assert_eq!(merged.components[1].name, "Our name");
    assert_eq!(outcome.conflicts.len(), 1, "{:?}", outcome.conflicts);
    let conflict = &outcome.conflicts[0];
    assert_eq!(conflict.field, "name");
    assert_eq!(conflict.ours, "\"Our name\"");
    assert_eq!(conflict.theirs, "\"Their name\"");
}

#[test]
fn a_removal_on_one_side_cuts_the_other_sides_new_links() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let victim = base.components[0].id;
    ours.components.retain(|c| c.id != victim);
    ours.dependencies.retain(|d| d.from != victim && d.to != victim);
    for decision in &mut ours.decisions {
        decision.components.retain(|c| *c != victim);
    }
    for assertion in &mut ours.assertions {
        assertion.components.retain(|c| *c != victim);
    }
    for threat in &mut ours.security.threats {
        threat.components.retain(|c| *c != victim);
    }
    let other = base.components[1].id;
    let link = theirs.new_dependency(other, victim);
    theirs.dependencies.push(link);

    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.project.component(victim).is_none());
    assert!(
        outcome
            .project
            .dependencies
            .iter()
            .all(|d| d.from != victim && d.to != victim)
    );
    assert!(!outcome.conflicts.is_empty(), "the dropped link is reported");
    assert!(
        check::structural(&outcome.project)
            .iter()
            .all(|d| d.level != check::Level::Error)
    );
}

#[test]
fn both_sides_appending_to_a_list_keeps_both() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.risks.push(Risk {
        risk: "ours".into(),
        ..Risk::default()
    });
    theirs.risks.push(Risk {
        risk: "theirs".into(),
        ..Risk::default()
    });
    ours.meta.last_updated = "2026-03-01".into();
    theirs.meta.last_updated = "2026-04-01".into();
    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.conflicts.is_empty(), "{:?}", outcome.conflicts);
    let risks: Vec<&str> = outcome.project.risks.iter().map(|r| r.risk.as_str()).collect();
    assert!(risks.ends_with(&["ours", "theirs"]), "{risks:?}");
    assert_eq!(outcome.project.meta.last_updated, "2026-04-01");
}

// ---- property: merging edits to different fields = applying both ----

mod property {
    use proptest::prelude::*;

    use super::super::merge::merge;
    use crate::model::*;
    use crate::{check, store};

    const FIELDS: usize = 10;

    /// One edit of a random sequence: field `field` (of the universe below)
    /// of base component `target` set to `value`, or a new component, or a
    /// new risk.
    #[derive(Clone, Debug)]
    enum Op {
        Set { field: usize, target: usize, value: String },
        AddComponent,
        AddRisk(String),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0..FIELDS, 0..6usize, "[a-z ]{0,8}").prop_map(|(field, target, value)| Op::Set { field, target, value }),
            1 => Just(Op::AddComponent),
            1 => "[a-z]{1,6}".prop_map(Op::AddRisk),
        ]
    }

    fn field_of(op: &Op) -> Option<usize> {
        match op {
            Op::Set { field, .. } => Some(*field),
            _ => None,
        }
    }

    fn apply(project: &mut Project, ops: &[Op], side: &str) {
        for (index, op) in ops.iter().enumerate() {
            match op {
                Op::Set { field, target, value } => {
                    let component = &mut project.components[*target];
                    match field {
                        0 => component.name = format!("n{value}"),
                        1 => component.technology = value.clone(),
                        2 => component.description = value.clone(),
                        3 => component.owner = value.clone(),
                        4 => component.notes = value.clone(),
                        5 => component.exposure = <Exposure as strum::VariantArray>::VARIANTS[value.len() % 3],
                        6 => component.scaling.min = Some(value.len() as u32),
                        7 => project.meta.summary = value.clone(),
                        8 => project.disaster_recovery.rto = value.clone(),
                        _ => project.context.traffic = value.clone(),
                    }
                }
                Op::AddComponent => {
                    let id = project.next_component_id();
                    project.components.push(Component {
                        id,
                        name: format!("{side} added {index}"),
                        layer: Some(LayerId(4)),
                        ..Component::default()
                    });
                }
                Op::AddRisk(text) => project.risks.push(Risk {
                    risk: format!("{side} {text}"),
                    ..Risk::default()
                }),
            }
        }
    }

    /// Components compared without the ids of new ones, which depend on
    /// the order the two sides were combined in.
    fn without_new_ids(project: &Project, base: &Project) -> Vec<Component> {
        project
            .components
            .iter()
            .map(|c| {
                let mut c = c.clone();
                if base.component(c.id).is_none() {
                    c.id = ComponentId(0);
                }
                c
            })
            .collect()
    }

    proptest! {
        #![proptest_config(crate::core::proptest_support::cases(64))]
        #[test]
        fn merging_edits_of_different_fields_equals_applying_both(
            ours_ops in prop::collection::vec(op(), 0..12),
            theirs_ops in prop::collection::vec(op(), 0..12),
            split in 0u32..(1 << FIELDS),
        ) {
            let base = super::example();
            let ours_fields = |op: &Op| field_of(op).is_none_or(|f| split & (1 << f) != 0);
            let ours_ops: Vec<Op> = ours_ops.into_iter().filter(ours_fields).collect();
            let theirs_ops: Vec<Op> = theirs_ops.into_iter().filter(|op| field_of(op).is_none_or(|f| split & (1 << f) == 0)).collect();
            let mut ours = base.clone();
            apply(&mut ours, &ours_ops, "ours");
            let mut theirs = base.clone();
            apply(&mut theirs, &theirs_ops, "theirs");
            let mut both = ours.clone();
            apply(&mut both, &theirs_ops, "theirs");

            let outcome = merge(&base, &ours, &theirs);
            prop_assert!(outcome.conflicts.is_empty(), "{:?}", outcome.conflicts);
            let merged = &outcome.project;
            prop_assert_eq!(without_new_ids(merged, &base), without_new_ids(&both, &base));
            let mut merged_rest = merged.clone();
            let mut both_rest = both.clone();
            merged_rest.components.clear();
            both_rest.components.clear();
            prop_assert_eq!(merged_rest, both_rest);
            prop_assert!(check::structural(merged).iter().all(|d| d.level != check::Level::Error));
            let text = store::to_ron_string(merged).expect("serializes");
            let (reloaded, _) = store::load_bytes(text.as_bytes(), std::path::Path::new("merged.ron")).expect("the merged file loads");
            prop_assert_eq!(&reloaded, merged);
        }
    }
}

#[test]
fn a_cost_range_both_sides_bent_out_of_shape_falls_back_to_ours_and_still_loads() {
    let mut base = example();
    base.components[0].cost.current = Some(CostRange { low: 10.0, high: 20.0 });
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Each side alone is fine; field by field they would make low > high.
    ours.components[0].cost.current = Some(CostRange { low: 18.0, high: 20.0 });
    theirs.components[0].cost.current = Some(CostRange { low: 10.0, high: 12.0 });
    let outcome = merge(&base, &ours, &theirs);
    assert!(
        check::structural(&outcome.project)
            .iter()
            .all(|d| d.level != check::Level::Error)
    );
    assert_eq!(
        outcome.project.components[0].cost.current,
        ours.components[0].cost.current
    );
    assert!(
        outcome
            .conflicts
            .iter()
            .any(|c| c.item.starts_with(&outcome.project.components[0].id.to_string())),
        "{:?}",
        outcome.conflicts
    );
}
