//! Grouping components into a new zone: the canvas gesture that builds the
//! region / VPC / availability-zone / subnet nesting without a form.

use super::Edit;
use crate::model::*;

/// The kind a new zone most likely has inside a zone of kind `parent`:
/// regions hold VPCs, VPCs hold availability zones, availability zones hold
/// subnets. The architect can change it in the inspector.
pub fn suggested_child_kind(parent: Option<ZoneKind>) -> ZoneKind {
    match parent {
        None => ZoneKind::Region,
        Some(ZoneKind::Region) => ZoneKind::Vpc,
        Some(ZoneKind::Vpc) => ZoneKind::AvailabilityZone,
        Some(ZoneKind::AvailabilityZone) => ZoneKind::Subnet,
        Some(ZoneKind::Cluster | ZoneKind::Subnet | ZoneKind::TrustBoundary | ZoneKind::Custom) => {
            ZoneKind::TrustBoundary
        }
    }
}

/// The kind a new zone around `components` most likely has, judged by the
/// zone they share (see [`suggested_child_kind`]).
pub fn suggested_kind_around(project: &Project, components: &[ComponentId]) -> ZoneKind {
    let parent = common_zone(project, components).and_then(|z| project.zone(z));
    suggested_child_kind(parent.map(|z| z.kind))
}

/// The innermost zone that contains every zone of every one of
/// `components` (directly or through nesting), or `None` when only the top
/// level does. A component in no zone sits at the top level.
pub fn common_zone(project: &Project, components: &[ComponentId]) -> Option<ZoneId> {
    let mut zones = Vec::new();
    for id in components {
        let component_zones = project.component(*id).map(|c| c.zones.as_slice()).unwrap_or_default();
        if component_zones.is_empty() {
            return None;
        }
        zones.extend_from_slice(component_zones);
    }
    project.common_zone_of(&zones)
}

/// One undoable edit that creates a zone of `kind` named `name` inside the
/// components' common zone and moves `components` into it. Returns the edit
/// and the new zone's id; `None` when no component is given.
pub fn group_into_zone(
    project: &Project,
    components: &[ComponentId],
    kind: ZoneKind,
    name: &str,
) -> Option<(Edit, ZoneId)> {
    if components.is_empty() {
        return None;
    }
    let id = project.next_zone_id();
    let zone = Zone {
        id,
        name: name.to_owned(),
        kind,
        parent: common_zone(project, components),
        ..Zone::default()
    };
    let edit = Edit::Batch(vec![
        Edit::InsertZone {
            index: project.zones.len(),
            zone: Box::new(zone),
        },
        Edit::SetZones(components.iter().map(|c| (*c, vec![id])).collect()),
    ]);
    Some((edit, id))
}

/// A name for a new zone of `kind` that no zone has yet ("Subnet 2").
pub fn new_zone_name(project: &Project, kind: ZoneKind) -> String {
    let base = kind.label();
    (1..)
        .map(|n| if n == 1 { base.to_owned() } else { format!("{base} {n}") })
        .find(|name| project.zones.iter().all(|z| &z.name != name))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut project = Project::new_layered("Grouping", "2026-01-01");
        let zone = |id: u32, kind: ZoneKind, parent: Option<u32>| Zone {
            id: ZoneId(id),
            name: format!("zone {id}"),
            kind,
            parent: parent.map(ZoneId),
            ..Zone::default()
        };
        project.zones = vec![
            zone(1, ZoneKind::Region, None),
            zone(2, ZoneKind::Vpc, Some(1)),
            zone(3, ZoneKind::AvailabilityZone, Some(2)),
            zone(4, ZoneKind::AvailabilityZone, Some(2)),
        ];
        let component = |id: u32, zone: Option<u32>| Component {
            id: ComponentId(id),
            name: format!("c{id}"),
            zones: zone.map(ZoneId).into_iter().collect(),
            ..Component::default()
        };
        project.components = vec![
            component(1, Some(3)),
            component(2, Some(3)),
            component(3, Some(4)),
            component(4, None),
        ];
        project
    }

    #[test]
    fn the_common_zone_is_the_innermost_one_containing_all() {
        let project = project();
        assert_eq!(
            common_zone(&project, &[ComponentId(1), ComponentId(2)]),
            Some(ZoneId(3))
        );
        assert_eq!(
            common_zone(&project, &[ComponentId(1), ComponentId(3)]),
            Some(ZoneId(2))
        );
        assert_eq!(common_zone(&project, &[ComponentId(1), ComponentId(4)]), None);
        assert_eq!(common_zone(&project, &[]), None);
    }

    #[test]
    fn grouping_nests_the_new_zone_and_undoes_in_one_step() {
        let mut project = project();
        let original = project.clone();
        let (edit, id) = group_into_zone(
            &project,
            &[ComponentId(1), ComponentId(2)],
            ZoneKind::Subnet,
            "Data subnet a",
        )
        .expect("an edit");
        let undo = edit.apply(&mut project).expect("applies");
        let zone = project.zone(id).expect("created");
        assert_eq!(zone.parent, Some(ZoneId(3)));
        assert_eq!(zone.kind, ZoneKind::Subnet);
        assert_eq!(
            project.component(ComponentId(1)).map(|c| c.zones.clone()),
            Some(vec![id])
        );
        assert_eq!(
            project.component(ComponentId(3)).map(|c| c.zones.clone()),
            Some(vec![ZoneId(4)])
        );
        undo.apply(&mut project).expect("undoes");
        assert_eq!(project, original);
    }

    #[test]
    fn nothing_to_group_is_no_edit() {
        assert!(group_into_zone(&project(), &[], ZoneKind::Vpc, "x").is_none());
    }

    #[test]
    fn the_kind_around_components_follows_their_shared_zone() {
        let project = project();
        // Both in an availability zone: a subnet.
        assert_eq!(
            suggested_kind_around(&project, &[ComponentId(1), ComponentId(2)]),
            ZoneKind::Subnet
        );
        // In two AZs of one VPC: another AZ-level grouping.
        assert_eq!(
            suggested_kind_around(&project, &[ComponentId(1), ComponentId(3)]),
            ZoneKind::AvailabilityZone
        );
        assert_eq!(suggested_kind_around(&project, &[ComponentId(4)]), ZoneKind::Region);
    }

    #[test]
    fn suggested_kinds_follow_the_usual_nesting() {
        assert_eq!(suggested_child_kind(None), ZoneKind::Region);
        assert_eq!(suggested_child_kind(Some(ZoneKind::Region)), ZoneKind::Vpc);
        assert_eq!(suggested_child_kind(Some(ZoneKind::Vpc)), ZoneKind::AvailabilityZone);
        assert_eq!(suggested_child_kind(Some(ZoneKind::AvailabilityZone)), ZoneKind::Subnet);
    }

    #[test]
    fn new_zone_names_do_not_repeat() {
        let mut project = project();
        assert_eq!(new_zone_name(&project, ZoneKind::Subnet), "Subnet");
        project.zones[0].name = "Subnet".to_owned();
        assert_eq!(new_zone_name(&project, ZoneKind::Subnet), "Subnet 2");
    }
}
