//! Structural problems: what makes a project inconsistent rather than merely
//! incomplete (dangling references, duplicate ids, self-dependencies, empty
//! names, zone cycles). The architecture lints build on the same
//! [`Diagnostic`] type.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;

use crate::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// Where a problem is: the thing to select and centre on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    Project,
    Layer {
        id: u32,
    },
    Zone {
        id: u32,
    },
    Component {
        id: u32,
    },
    Dependency {
        id: u32,
    },
    Decision {
        id: u32,
    },
    /// An item of a project-wide section, e.g. `assertions` #3 (1-based).
    Section {
        section: String,
        item: Option<usize>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable code, e.g. `S003`, for filtering and documentation.
    pub code: &'static str,
    pub message: String,
    pub place: Place,
}

impl Diagnostic {
    fn error(code: &'static str, place: Place, message: String) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code,
            message,
            place,
        }
    }
}

fn named(kind: &str, id: impl std::fmt::Display, name: &str) -> String {
    if name.trim().is_empty() {
        format!("{kind} {id}")
    } else {
        format!("{kind} {id} \"{name}\"")
    }
}

fn duplicates<K: Eq + Hash + Copy>(keys: impl Iterator<Item = K>) -> Vec<K> {
    let mut seen = HashSet::new();
    let mut repeated = Vec::new();
    for key in keys {
        if !seen.insert(key) && !repeated.contains(&key) {
            repeated.push(key);
        }
    }
    repeated
}

/// Every structural problem of a project. All but one are errors: edits can
/// never produce them, only a hand-edited or damaged file can. The warning
/// (S008, a zone listed with its ancestor) loses nothing and loads.
pub fn structural(project: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let layers: HashSet<LayerId> = project.layers.iter().map(|l| l.id).collect();
    let zones: HashMap<ZoneId, &Zone> = project.zones.iter().map(|z| (z.id, z)).collect();
    let components: HashSet<ComponentId> = project.components.iter().map(|c| c.id).collect();
    let decisions: HashSet<DecisionId> = project.decisions.iter().map(|d| d.id).collect();

    duplicate_ids(project, &mut out);
    layer_and_zone_problems(project, &zones, &mut out);
    component_problems(project, &layers, &zones, &mut out);
    dependency_problems(project, &components, &mut out);
    decision_problems(project, &components, &decisions, &mut out);
    section_problems(project, &components, &mut out);
    out
}

/// Ids and decision numbers that appear twice.
fn duplicate_ids(project: &Project, out: &mut Vec<Diagnostic>) {
    for id in duplicates(project.layers.iter().map(|l| l.id)) {
        out.push(Diagnostic::error(
            "S001",
            Place::Layer { id: id.0 },
            format!("two layers share the id {}", id.0),
        ));
    }
    for id in duplicates(project.zones.iter().map(|z| z.id)) {
        out.push(Diagnostic::error(
            "S001",
            Place::Zone { id: id.0 },
            format!("two zones share the id {}", id.0),
        ));
    }
    for id in duplicates(project.components.iter().map(|c| c.id)) {
        let names: Vec<&str> = project
            .components
            .iter()
            .filter(|c| c.id == id)
            .map(|c| c.name.as_str())
            .collect();
        out.push(Diagnostic::error(
            "S001",
            Place::Component { id: id.0 },
            format!(
                "components {} share the id {}; give each its own id",
                names.join(", "),
                id.0
            ),
        ));
    }
    for id in duplicates(project.dependencies.iter().map(|d| d.id)) {
        out.push(Diagnostic::error(
            "S001",
            Place::Dependency { id: id.0 },
            format!("two dependencies share the id {}", id.0),
        ));
    }
    for id in duplicates(project.decisions.iter().map(|d| d.id)) {
        out.push(Diagnostic::error(
            "S001",
            Place::Decision { id: id.0 },
            format!("two decisions share the id {}", id.0),
        ));
    }
    for number in duplicates(project.decisions.iter().map(|d| d.number)) {
        let id = project
            .decisions
            .iter()
            .find(|d| d.number == number)
            .map_or(0, |d| d.id.0);
        out.push(Diagnostic::error(
            "S002",
            Place::Decision { id },
            format!("two decisions share the number {number}; renumber one"),
        ));
    }
    for id in duplicates(project.environments.environments.iter().map(|e| e.id)) {
        out.push(Diagnostic::error(
            "S001",
            Place::Section {
                section: "environments".into(),
                item: None,
            },
            format!("two environments share the id {}", id.0),
        ));
    }
}

/// Unnamed layers and zones, missing parents and parent loops.
fn layer_and_zone_problems(project: &Project, zones: &HashMap<ZoneId, &Zone>, out: &mut Vec<Diagnostic>) {
    for layer in &project.layers {
        if layer.name.trim().is_empty() {
            out.push(Diagnostic::error(
                "S003",
                Place::Layer { id: layer.id.0 },
                format!("layer {} has no name", layer.id.0),
            ));
        }
    }
    for zone in &project.zones {
        let place = Place::Zone { id: zone.id.0 };
        if zone.name.trim().is_empty() {
            out.push(Diagnostic::error(
                "S003",
                place.clone(),
                format!("zone {} has no name", zone.id.0),
            ));
        }
        if let Some(parent) = zone.parent
            && !zones.contains_key(&parent)
        {
            out.push(Diagnostic::error(
                "S004",
                place.clone(),
                format!(
                    "{} sits inside zone {}, which does not exist",
                    named("zone", zone.id.0, &zone.name),
                    parent.0
                ),
            ));
        }
        if zone_in_cycle(zones, zone.id) {
            out.push(Diagnostic::error(
                "S005",
                place,
                format!(
                    "{} is inside itself (its parent chain loops back to it)",
                    named("zone", zone.id.0, &zone.name)
                ),
            ));
        }
    }
}

/// Unnamed components, missing layers and zones, zone lists and cost ranges.
fn component_problems(
    project: &Project,
    layers: &HashSet<LayerId>,
    zones: &HashMap<ZoneId, &Zone>,
    out: &mut Vec<Diagnostic>,
) {
    for component in &project.components {
        let place = Place::Component { id: component.id.0 };
        let who = named("component", component.id.0, &component.name);
        if component.name.trim().is_empty() {
            out.push(Diagnostic::error(
                "S003",
                place.clone(),
                format!("component {} has no name", component.id.0),
            ));
        }
        if let Some(layer) = component.layer
            && !layers.contains(&layer)
        {
            out.push(Diagnostic::error(
                "S004",
                place.clone(),
                format!("{who} is in layer {}, which does not exist", layer.0),
            ));
        }
        for zone in &component.zones {
            if !zones.contains_key(zone) {
                out.push(Diagnostic::error(
                    "S004",
                    place.clone(),
                    format!("{who} is in zone {}, which does not exist", zone.0),
                ));
            }
        }
        check_zone_list(project, component, &place, &who, out);
        check_cost_ranges(component, &place, &who, out);
    }
}

/// Dependencies whose ends are missing or the same component.
fn dependency_problems(project: &Project, components: &HashSet<ComponentId>, out: &mut Vec<Diagnostic>) {
    for dependency in &project.dependencies {
        let place = Place::Dependency { id: dependency.id.0 };
        for (end, id) in [("from", dependency.from), ("to", dependency.to)] {
            if !components.contains(&id) {
                out.push(Diagnostic::error(
                    "S004",
                    place.clone(),
                    format!(
                        "dependency {} points {end} component {}, which does not exist",
                        dependency.id.0, id.0
                    ),
                ));
            }
        }
        if dependency.from == dependency.to {
            out.push(Diagnostic::error(
                "S006",
                place,
                format!(
                    "dependency {} goes from component {} to itself",
                    dependency.id.0, dependency.from.0
                ),
            ));
        }
    }
}

/// Untitled decisions, missing links, supersession loops and chosen options.
fn decision_problems(
    project: &Project,
    components: &HashSet<ComponentId>,
    decisions: &HashSet<DecisionId>,
    out: &mut Vec<Diagnostic>,
) {
    for decision in &project.decisions {
        let place = Place::Decision { id: decision.id.0 };
        let who = named("decision", decision.number, &decision.title);
        if decision.title.trim().is_empty() {
            out.push(Diagnostic::error(
                "S003",
                place.clone(),
                format!("decision {} has no title", decision.number),
            ));
        }
        for &component in &decision.components {
            if !components.contains(&component) {
                out.push(Diagnostic::error(
                    "S004",
                    place.clone(),
                    format!("{who} is linked to component {}, which does not exist", component.0),
                ));
            }
        }
        if let DecisionStatus::Superseded { by } = decision.status {
            if by == decision.id {
                out.push(Diagnostic::error(
                    "S006",
                    place.clone(),
                    format!("{who} is superseded by itself"),
                ));
            } else if !decisions.contains(&by) {
                out.push(Diagnostic::error(
                    "S004",
                    place.clone(),
                    format!("{who} is superseded by decision {}, which does not exist", by.0),
                ));
            }
        }
        for id in duplicates(decision.options.iter().map(|o| o.id)) {
            out.push(Diagnostic::error(
                "S001",
                place.clone(),
                format!("two options of {who} share the id {}", id.0),
            ));
        }
        if let Some(chosen) = decision.chosen
            && decision.option(chosen).is_none()
        {
            out.push(Diagnostic::error(
                "S004",
                place.clone(),
                format!("{who} chose option {}, which is not one of its options", chosen.0),
            ));
        }
    }
}

/// Links from the spec's sections to components and environments that do not exist.
fn section_problems(project: &Project, components: &HashSet<ComponentId>, out: &mut Vec<Diagnostic>) {
    let section_links = project
        .assertions
        .iter()
        .enumerate()
        .map(|(index, a)| ("assertions", index, &a.components))
        .chain(
            project
                .security
                .threats
                .iter()
                .enumerate()
                .map(|(index, t)| ("threats", index, &t.components)),
        );
    for (section, index, links) in section_links {
        for id in links {
            if !components.contains(id) {
                out.push(Diagnostic::error(
                    "S004",
                    Place::Section {
                        section: section.into(),
                        item: Some(index + 1),
                    },
                    format!(
                        "{section} #{} names component {}, which does not exist",
                        index + 1,
                        id.0
                    ),
                ));
            }
        }
    }
    let environments: HashSet<EnvironmentId> = project.environments.environments.iter().map(|e| e.id).collect();
    for (index, setting) in project.environments.settings.iter().enumerate() {
        for id in setting.values.keys() {
            if !environments.contains(id) {
                out.push(Diagnostic::error(
                    "S004",
                    Place::Section {
                        section: "environments".into(),
                        item: Some(index + 1),
                    },
                    format!(
                        "setting \"{}\" has a value for environment {}, which does not exist",
                        setting.name, id.0
                    ),
                ));
            }
        }
    }
}

/// A zone list in its canonical form (see [`Project::normalized_zones`]):
/// naming a zone twice is an error, naming a zone with its ancestor only
/// says less than it seems (the ancestor adds nothing).
fn check_zone_list(project: &Project, component: &Component, place: &Place, who: &str, out: &mut Vec<Diagnostic>) {
    for zone in duplicates(component.zones.iter().copied()) {
        out.push(Diagnostic::error(
            "S007",
            place.clone(),
            format!("{who} lists zone {} twice; list each zone once", zone.0),
        ));
    }
    for outer in &component.zones {
        if let Some(inner) = component
            .zones
            .iter()
            .find(|inner| project.zone_is_inside(**inner, *outer))
        {
            out.push(Diagnostic {
                level: Level::Warning,
                code: "S008",
                message: format!(
                    "{who} lists zone {} and zone {} inside it; the outer one adds nothing, remove it",
                    outer.0, inner.0
                ),
                place: place.clone(),
            });
        }
    }
}

fn check_cost_ranges(component: &Component, place: &Place, who: &str, out: &mut Vec<Diagnostic>) {
    let ranges = [
        ("current", component.cost.current),
        ("proposed", component.cost.proposed),
    ];
    for (which, range) in ranges {
        if let Some(range) = range
            && range.low > range.high
        {
            out.push(Diagnostic::error(
                "S009",
                place.clone(),
                format!(
                    "{who}'s {which} cost runs from {} down to {}; its low must not be above its high",
                    range.low, range.high
                ),
            ));
        }
    }
}

fn zone_in_cycle(zones: &HashMap<ZoneId, &Zone>, start: ZoneId) -> bool {
    let mut current = zones.get(&start).and_then(|z| z.parent);
    for _ in 0..=zones.len() {
        match current {
            None => return false,
            Some(id) if id == start => return true,
            Some(id) => current = zones.get(&id).and_then(|z| z.parent),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_components() -> Project {
        let mut project = Project::new_layered("T", "2026-01-01");
        for id in [1, 2] {
            project.components.push(Component {
                id: ComponentId(id),
                name: format!("c{id}"),
                layer: Some(LayerId(4)),
                ..Component::default()
            });
        }
        project
    }

    #[test]
    fn a_clean_project_has_no_problems() {
        assert_eq!(structural(&two_components()), vec![]);
    }

    #[test]
    fn finds_duplicate_ids_dangling_links_self_loops_and_empty_names() {
        let mut project = two_components();
        project.components[1].id = ComponentId(1);
        project.components[0].name = "  ".into();
        project.components[0].zones = vec![ZoneId(9)];
        project.dependencies.push(Dependency {
            id: DependencyId(1),
            from: ComponentId(1),
            to: ComponentId(1),
            ..Dependency::default()
        });
        project.dependencies.push(Dependency {
            id: DependencyId(2),
            from: ComponentId(1),
            to: ComponentId(7),
            ..Dependency::default()
        });
        let codes: Vec<&str> = structural(&project).iter().map(|d| d.code).collect();
        assert!(codes.contains(&"S001"), "{codes:?}");
        assert!(codes.contains(&"S003"), "{codes:?}");
        assert!(codes.contains(&"S004"), "{codes:?}");
        assert!(codes.contains(&"S006"), "{codes:?}");
    }

    #[test]
    fn finds_zone_cycles() {
        let mut project = two_components();
        project.zones = vec![
            Zone {
                id: ZoneId(1),
                name: "a".into(),
                parent: Some(ZoneId(2)),
                ..Zone::default()
            },
            Zone {
                id: ZoneId(2),
                name: "b".into(),
                parent: Some(ZoneId(1)),
                ..Zone::default()
            },
        ];
        let cycles = structural(&project).into_iter().filter(|d| d.code == "S005").count();
        assert_eq!(cycles, 2);
    }
}
