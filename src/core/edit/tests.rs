use proptest::prelude::*;

use super::*;
use crate::synth;

/// A small project where every kind of link exists: zones nest, decisions
/// link components and supersede each other, assertions and threats name
/// components.
fn linked_project() -> Project {
    let mut project = synth::generate_with(30, 45, 6);
    project.decisions[1].status = DecisionStatus::Superseded { by: DecisionId(1) };
    project.assertions = vec![Assertion {
        title: "HA".into(),
        given: "g".into(),
        when: "w".into(),
        then: "t".into(),
        components: vec![ComponentId(1), ComponentId(2)],
        ..Assertion::default()
    }];
    project.security.threats = vec![Threat {
        threat: "x".into(),
        mitigations: vec!["y".into()],
        components: vec![ComponentId(2)],
        ..Threat::default()
    }];
    project
}

#[test]
fn removing_a_component_repairs_every_link_and_undo_restores_them() {
    let mut project = linked_project();
    let original = project.clone();
    let target = ComponentId(2);
    let inverse = Edit::RemoveComponent(target).apply(&mut project).unwrap();
    assert!(project.component(target).is_none());
    assert!(project.dependencies.iter().all(|d| d.from != target && d.to != target));
    assert!(project.decisions.iter().all(|d| !d.components.contains(&target)));
    assert!(project.assertions[0].components == vec![ComponentId(1)]);
    assert!(project.security.threats[0].components.is_empty());
    assert_eq!(crate::check::structural(&project), vec![]);
    inverse.apply(&mut project).unwrap();
    assert_eq!(project, original);
}

#[test]
fn removing_a_zone_moves_its_contents_to_the_enclosing_zone() {
    let mut project = linked_project();
    let original = project.clone();
    // Zone 2 is an availability zone inside region 1.
    let members: Vec<(ComponentId, Vec<ZoneId>)> = project
        .components
        .iter()
        .filter(|c| c.zones.contains(&ZoneId(2)))
        .map(|c| (c.id, c.zones.clone()))
        .collect();
    assert!(
        members.iter().any(|(_, zones)| zones.len() > 1),
        "a multi-AZ member too"
    );
    let inverse = Edit::RemoveZone(ZoneId(2)).apply(&mut project).unwrap();
    for (id, before) in members {
        let after = &project.component(id).unwrap().zones;
        if before == [ZoneId(2)] {
            assert_eq!(after, &vec![ZoneId(1)]);
        } else {
            // Its other AZ is inside region 1 already: the region adds nothing.
            let others: Vec<ZoneId> = before.into_iter().filter(|z| *z != ZoneId(2)).collect();
            assert_eq!(after, &others);
        }
    }
    inverse.apply(&mut project).unwrap();
    assert_eq!(project, original);
}

#[test]
fn removing_a_successor_deprecates_the_superseded_decision() {
    let mut project = linked_project();
    let original = project.clone();
    let inverse = Edit::RemoveDecision(DecisionId(1)).apply(&mut project).unwrap();
    assert_eq!(
        project.decision(DecisionId(2)).unwrap().status,
        DecisionStatus::Deprecated
    );
    inverse.apply(&mut project).unwrap();
    assert_eq!(project, original);
}

#[test]
fn edits_refuse_broken_references_and_leave_the_project_alone() {
    let mut project = linked_project();
    let original = project.clone();
    let bad_dependency = Dependency {
        id: DependencyId(999),
        from: ComponentId(1),
        to: ComponentId(1),
        ..Dependency::default()
    };
    assert_eq!(
        Edit::InsertDependency {
            index: 0,
            dependency: Box::new(bad_dependency)
        }
        .apply(&mut project),
        Err(EditError::SelfDependency)
    );
    let mut zone = project.zones[0].clone();
    zone.parent = Some(ZoneId(2)); // region inside its own availability zone
    assert_eq!(
        Edit::UpdateZone(Box::new(zone)).apply(&mut project),
        Err(EditError::ZoneCycle(ZoneId(1)))
    );
    // A batch that fails half way rolls back its first half.
    let rename = {
        let mut c = project.components[0].clone();
        c.name = "renamed".into();
        Edit::UpdateComponent(Box::new(c))
    };
    let result = Edit::Batch(vec![rename, Edit::RemoveComponent(ComponentId(4242))]).apply(&mut project);
    assert!(matches!(result, Err(EditError::Missing(_))));
    assert_eq!(project, original);
}

#[test]
fn history_tracks_unsaved_changes_by_revision() {
    let mut project = linked_project();
    let mut history = History::new();
    assert!(!history.is_dirty());
    let mut meta = project.meta.clone();
    meta.name = "Changed".into();
    history
        .apply(&mut project, Edit::SetMeta(Box::new(meta)), "Rename project")
        .unwrap();
    assert!(history.is_dirty());
    history.mark_saved();
    assert!(!history.is_dirty());
    assert_eq!(history.undo(&mut project).as_deref(), Some("Rename project"));
    assert!(history.is_dirty(), "undoing past the save point is a change");
    history.redo(&mut project);
    assert!(!history.is_dirty(), "redoing back to the save point is not");
}

#[test]
fn merging_folds_a_drag_into_one_step() {
    let mut project = linked_project();
    let original = project.clone();
    let mut history = History::new();
    for step in 1..=10 {
        let edit = Edit::SetPositions(vec![(ComponentId(1), Some(Position { x: step as f32, y: 0.0 }))]);
        history
            .apply_merging(&mut project, edit, "Move component", "drag")
            .unwrap();
    }
    assert_eq!(history.steps().len(), 1);
    assert_eq!(
        project.component(ComponentId(1)).unwrap().position,
        Some(Position { x: 10.0, y: 0.0 })
    );
    history.undo(&mut project);
    assert_eq!(project, original);
    history.seal();
    history.redo(&mut project);
    assert_eq!(
        project.component(ComponentId(1)).unwrap().position,
        Some(Position { x: 10.0, y: 0.0 })
    );
}

#[test]
fn a_new_edit_clears_redo() {
    let mut project = linked_project();
    let mut history = History::new();
    history
        .apply(&mut project, Edit::RemoveComponent(ComponentId(3)), "Delete")
        .unwrap();
    history.undo(&mut project);
    assert!(history.can_redo());
    history
        .apply(&mut project, Edit::RemoveComponent(ComponentId(4)), "Delete")
        .unwrap();
    assert!(!history.can_redo());
}

/// Turns raw random numbers into an edit that makes sense for the project as
/// it is now (some of them still fail, on purpose: zone cycles, say).
fn edit_from(project: &Project, op: u8, a: u32, b: u32, c: u32) -> Edit {
    match op % 18 {
        0..=5 => component_or_dependency_edit(project, op % 18, a, b, c),
        6..=11 => zone_or_layer_edit(project, op % 18, a, b, c),
        _ => decision_or_document_edit(project, op % 18, a, b, c),
    }
}

fn pick_component(project: &Project, n: u32) -> Option<ComponentId> {
    project
        .components
        .get(n as usize % project.components.len().max(1))
        .map(|c| c.id)
}

fn pick_zone(project: &Project, n: u32) -> Option<ZoneId> {
    project.zones.get(n as usize % project.zones.len().max(1)).map(|z| z.id)
}

fn pick_layer(project: &Project, n: u32) -> Option<LayerId> {
    project
        .layers
        .get(n as usize % project.layers.len().max(1))
        .map(|l| l.id)
}

/// An insertion index for a list of `len` items (the end included).
fn index(n: u32, len: usize) -> usize {
    n as usize % (len + 1)
}

/// Components and dependencies: insert, remove, update, move.
fn component_or_dependency_edit(project: &Project, op: u8, a: u32, b: u32, c: u32) -> Edit {
    match op {
        0 => Edit::InsertComponent {
            index: index(a, project.components.len()),
            component: Box::new(Component {
                id: project.next_component_id(),
                name: format!("new {b}"),
                layer: if c.is_multiple_of(3) {
                    None
                } else {
                    pick_layer(project, b)
                },
                zones: if c.is_multiple_of(2) {
                    pick_zone(project, c).into_iter().collect()
                } else {
                    Vec::new()
                },
                ..Component::default()
            }),
        },
        1 => pick_component(project, a).map_or(Edit::Batch(vec![]), Edit::RemoveComponent),
        2 => match pick_component(project, a) {
            Some(id) => {
                let mut component = project.component(id).unwrap().clone();
                component.name = format!("renamed {b}");
                component.layer = pick_layer(project, c);
                component.responsibilities.provides.push("more".into());
                Edit::UpdateComponent(Box::new(component))
            }
            None => Edit::Batch(vec![]),
        },
        3 => Edit::SetPositions(
            [a, b]
                .iter()
                .filter_map(|&n| pick_component(project, n))
                .map(|id| (id, Some(Position { x: c as f32, y: 1.0 })))
                .collect(),
        ),
        4 => match (pick_component(project, a), pick_component(project, b)) {
            (Some(from), Some(to)) if from != to => Edit::InsertDependency {
                index: index(c, project.dependencies.len()),
                dependency: Box::new(Dependency {
                    id: project.next_dependency_id(),
                    from,
                    to,
                    label: format!("dep {c}"),
                    ..Dependency::default()
                }),
            },
            _ => Edit::Batch(vec![]),
        },
        _ => project
            .dependencies
            .get(a as usize % project.dependencies.len().max(1))
            .map_or(Edit::Batch(vec![]), |d| Edit::RemoveDependency(d.id)),
    }
}

/// Zones and layers: insert, remove, re-parent, move.
fn zone_or_layer_edit(project: &Project, op: u8, a: u32, b: u32, c: u32) -> Edit {
    match op {
        6 => Edit::InsertZone {
            index: index(a, project.zones.len()),
            zone: Box::new(Zone {
                id: project.next_zone_id(),
                name: format!("zone {b}"),
                parent: if c.is_multiple_of(2) {
                    pick_zone(project, b)
                } else {
                    None
                },
                ..Zone::default()
            }),
        },
        7 => pick_zone(project, a).map_or(Edit::Batch(vec![]), Edit::RemoveZone),
        8 => match pick_zone(project, a) {
            Some(id) => Edit::SetZoneParents(vec![(
                id,
                if b.is_multiple_of(4) {
                    None
                } else {
                    pick_zone(project, b)
                },
            )]),
            None => Edit::Batch(vec![]),
        },
        9 => pick_layer(project, a).map_or(Edit::Batch(vec![]), Edit::RemoveLayer),
        10 => Edit::InsertLayer {
            index: index(a, project.layers.len()),
            layer: Box::new(Layer {
                id: project.next_layer_id(),
                name: format!("layer {b}"),
                ..Layer::default()
            }),
        },
        _ => match pick_layer(project, a) {
            Some(id) => Edit::MoveLayer {
                id,
                to_index: b as usize % project.layers.len(),
            },
            None => Edit::Batch(vec![]),
        },
    }
}

/// Decisions, sections, meta, and components' layers and zones.
fn decision_or_document_edit(project: &Project, op: u8, a: u32, b: u32, c: u32) -> Edit {
    match op {
        12 => Edit::InsertDecision {
            index: index(a, project.decisions.len()),
            decision: Box::new(Decision {
                id: project.next_decision_id(),
                number: project.next_decision_number(),
                title: format!("decision {b}"),
                status: match project.decisions.get(c as usize % project.decisions.len().max(1)) {
                    Some(other) if b.is_multiple_of(2) => DecisionStatus::Superseded { by: other.id },
                    _ => DecisionStatus::Proposed,
                },
                components: pick_component(project, c).into_iter().collect(),
                ..Decision::default()
            }),
        },
        13 => project
            .decisions
            .get(a as usize % project.decisions.len().max(1))
            .map_or(Edit::Batch(vec![]), |d| Edit::RemoveDecision(d.id)),
        14 => {
            let mut assertions = project.assertions.clone();
            assertions.push(Assertion {
                title: format!("assertion {a}"),
                components: pick_component(project, b).into_iter().collect(),
                ..Assertion::default()
            });
            Edit::SetSection(Box::new(Section::Assertions(assertions)))
        }
        15 => {
            let mut meta = project.meta.clone();
            meta.version = format!("1.{a}");
            Edit::SetMeta(Box::new(meta))
        }
        16 => Edit::SetLayers(
            [a, b]
                .iter()
                .filter_map(|&n| pick_component(project, n))
                .map(|id| (id, pick_layer(project, c)))
                .collect(),
        ),
        _ => Edit::SetZones(
            [a, b]
                .iter()
                .filter_map(|&n| pick_component(project, n))
                .map(|id| {
                    // None, one zone, or two (which may repeat or nest: the
                    // edit normalises them).
                    let zones = match c % 3 {
                        0 => Vec::new(),
                        1 => pick_zone(project, c).into_iter().collect(),
                        _ => [pick_zone(project, c), pick_zone(project, (c / 3).wrapping_add(a))]
                            .into_iter()
                            .flatten()
                            .collect(),
                    };
                    (id, zones)
                })
                .collect(),
        ),
    }
}

proptest! {
    #![proptest_config(crate::core::proptest_support::cases(2000))]

    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_final(
        ops in proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>()), 1..40)
    ) {
        let original = linked_project();
        let mut project = original.clone();
        let mut history = History::new();
        for (op, a, b, c, merge) in ops {
            let mut edit = edit_from(&project, op, a, b, c);
            if op % 7 == 0 {
                // Group two edits into one step now and then.
                let second = edit_from(&project, op.wrapping_add(5), b, c, a);
                edit = Edit::Batch(vec![edit, second]);
            }
            let before = project.clone();
            let result = if merge {
                history.apply_merging(&mut project, edit, "step", format!("key {}", op % 3))
            } else {
                history.apply(&mut project, edit, "step")
            };
            if result.is_err() {
                prop_assert_eq!(&project, &before, "a refused edit changes nothing");
            }
            prop_assert_eq!(crate::check::structural(&project), vec![], "edits keep the project consistent");
        }
        let last = project.clone();
        while history.undo(&mut project).is_some() {}
        prop_assert_eq!(&project, &original);
        prop_assert!(!history.is_dirty());
        while history.redo(&mut project).is_some() {}
        prop_assert_eq!(&project, &last);
    }
}

#[test]
fn a_new_dependency_into_a_queue_or_event_bus_is_asynchronous() {
    let mut project = Project::default();
    let (service, store) = (ComponentId(1), ComponentId(2));
    for (id, kind) in [(service, ComponentKind::Service), (store, ComponentKind::Database)] {
        project.components.push(Component {
            id,
            kind,
            ..Component::default()
        });
    }
    assert_eq!(project.new_dependency(service, store).kind, DependencyKind::Sync);
    for kind in [ComponentKind::Queue, ComponentKind::EventBus] {
        project.components[1].kind = kind;
        let dependency = project.new_dependency(service, store);
        assert_eq!(dependency.kind, DependencyKind::Async, "into a {kind:?}");
        assert_eq!((dependency.from, dependency.to), (service, store));
        // Out of a queue (a delivery to a consumer) keeps the default.
        assert_eq!(project.new_dependency(store, service).kind, DependencyKind::Sync);
    }
}
