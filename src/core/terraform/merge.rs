//! An estate meets a project: one edit that adds what is new and updates
//! what the import owns, so the window can apply (and undo) it as one step.
//!
//! A component is matched by its own infrastructure-code address. For a
//! matched component the import owns:
//! - its addresses (merged, never dropped);
//! - its technology, when empty or written by an earlier import (the
//!   table's text, a detail in brackets, a count): a technology the
//!   architect wrote is kept;
//! - its zones, when every zone the import finds already exists (matched by
//!   kind and name) and is not less precise than what the architect chose
//!   (the AZ around the subnet they picked).
//!
//! Everything else is the architect's and is never touched: the name (set
//! once, when the import creates the component, so a rename survives
//! re-imports), kind, layer, description, responsibilities, lifecycle,
//! decisions and notes. Nothing is ever removed; zones are created only for
//! the components the import adds; arrows are only added where none joins
//! the same two components. Instances the architect drew as components of
//! their own (`aws_nat_gateway.this[0]`) are left as drawn.

use std::collections::{HashMap, HashSet};

use super::estate::{Estate, EstateComponent};
use crate::edit::Edit;
use crate::model::*;

/// What a merge adds and changes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MergeReport {
    pub components_added: usize,
    pub components_updated: usize,
    pub zones_added: usize,
    pub layers_added: usize,
    pub dependencies_added: usize,
}

impl MergeReport {
    pub fn line(&self) -> String {
        format!(
            "added {} components, {} zones, {} layers and {} dependencies; updated {} components",
            self.components_added,
            self.zones_added,
            self.layers_added,
            self.dependencies_added,
            self.components_updated
        )
    }

    pub fn changes_nothing(&self) -> bool {
        *self == MergeReport::default()
    }
}

/// The edit that merges `estate` into `project` (an empty batch when
/// nothing changes). When the project has no components yet, the edit also
/// arranges the result, so the import reads as a drawing at once.
pub fn merge_edit(project: &Project, estate: &Estate) -> (Edit, MergeReport) {
    let mut report = MergeReport::default();
    let mut edits = Vec::new();
    let layers = layer_ids(project, estate, &mut edits, &mut report);
    let mut zones = Zones::new(project, estate);
    let components = component_edits(project, estate, &layers, &mut zones, &mut edits, &mut report);
    dependency_edits(project, estate, &components, &mut edits, &mut report);
    let mut edit = Edit::Batch(edits);
    if project.components.is_empty() && report.components_added > 0 {
        let mut merged = project.clone();
        if edit.clone().apply(&mut merged).is_ok() {
            let arrange = crate::layout::arrange_edit(&merged);
            edit = Edit::Batch(vec![edit, arrange]);
        }
    }
    (edit, report)
}

/// The project's layer of each kind the estate uses, adding the standard
/// layer of a kind the project lacks.
fn layer_ids(
    project: &Project,
    estate: &Estate,
    edits: &mut Vec<Edit>,
    report: &mut MergeReport,
) -> HashMap<LayerKind, LayerId> {
    let mut ids: HashMap<LayerKind, LayerId> = HashMap::new();
    for layer in &project.layers {
        ids.entry(layer.kind).or_insert(layer.id);
    }
    let mut next = project.next_layer_id().0;
    for kind in estate.components.iter().filter_map(|component| component.layer) {
        if ids.contains_key(&kind) {
            continue;
        }
        let Some(standard) = Project::standard_layers().into_iter().find(|layer| layer.kind == kind) else {
            continue;
        };
        let layer = Layer {
            id: LayerId(next),
            ..standard
        };
        next += 1;
        ids.insert(kind, layer.id);
        edits.push(Edit::InsertLayer {
            index: project.layers.len() + report.layers_added,
            layer: Box::new(layer),
        });
        report.layers_added += 1;
    }
    ids
}

/// Estate zones as project zones: matched by kind and name, or created
/// (with their parents) when a new component needs them.
struct Zones<'e> {
    estate: &'e Estate,
    ids: Vec<Option<ZoneId>>,
    matched: Vec<bool>,
    next: u32,
    existing: usize,
}

impl<'e> Zones<'e> {
    fn new(project: &Project, estate: &'e Estate) -> Zones<'e> {
        let mut by_name: HashMap<(ZoneKind, &str), ZoneId> = HashMap::new();
        for zone in &project.zones {
            by_name.entry((zone.kind, zone.name.as_str())).or_insert(zone.id);
        }
        let ids: Vec<Option<ZoneId>> = estate
            .zones
            .iter()
            .map(|zone| by_name.get(&(zone.kind, zone.name.as_str())).copied())
            .collect();
        Zones {
            estate,
            matched: ids.iter().map(Option::is_some).collect(),
            ids,
            next: project.next_zone_id().0,
            existing: project.zones.len(),
        }
    }

    /// The project zones of estate zones `at`, if all of them exist already.
    fn existing(&self, at: &[usize]) -> Option<Vec<ZoneId>> {
        at.iter()
            .map(|&at| if self.matched[at] { self.ids[at] } else { None })
            .collect()
    }

    /// The project zone of estate zone `at`, created (after its parent) if
    /// needed.
    fn ensure(&mut self, at: usize, edits: &mut Vec<Edit>, report: &mut MergeReport) -> ZoneId {
        if let Some(id) = self.ids[at] {
            return id;
        }
        let zone = &self.estate.zones[at];
        let parent = zone.parent.map(|parent| self.ensure(parent, edits, report));
        let id = ZoneId(self.next);
        self.next += 1;
        edits.push(Edit::InsertZone {
            index: self.existing + report.zones_added,
            zone: Box::new(Zone {
                id,
                name: zone.name.clone(),
                kind: zone.kind,
                parent,
                public: zone.public,
                ..Zone::default()
            }),
        });
        report.zones_added += 1;
        self.ids[at] = Some(id);
        id
    }
}

/// Whether `technology` is empty or what an import writes for `base`:
/// `BASE`, `BASE (detail)`, `BASE ×N`, `BASE (detail) ×N`.
fn written_by_import(technology: &str, base: &str) -> bool {
    let Some(rest) = technology.strip_prefix(base) else {
        return technology.is_empty();
    };
    let rest = match rest.rfind(" ×") {
        Some(at) if rest[at + " ×".len()..].chars().all(|c| c.is_ascii_digit()) => &rest[..at],
        _ => rest,
    };
    rest.is_empty() || (rest.starts_with(" (") && rest.ends_with(')') && !rest[2..rest.len() - 1].contains(['(', ')']))
}

/// A matched component with what the import owns brought up to date.
fn updated_component(project: &Project, existing: &Component, imported: &EstateComponent, zones: &Zones) -> Component {
    let mut updated = existing.clone();
    if written_by_import(&existing.technology, &imported.base_technology) {
        updated.technology = imported.technology.clone();
    }
    if let Some(zone_ids) = zones.existing(&imported.zones).filter(|ids| !ids.is_empty()) {
        // The architect's choice stands where it is more precise (a subnet
        // inside the AZ the import found).
        let coarser = existing.zones.iter().all(|mine| {
            zone_ids
                .iter()
                .any(|found| project.zone_is_inside(*mine, *found) && mine != found)
        });
        if existing.zones.is_empty() || !coarser {
            updated.zones = project.normalized_zones(&zone_ids);
        }
    }
    for address in &imported.iac_addresses {
        if !updated.iac_addresses.contains(address) {
            updated.iac_addresses.push(address.clone());
        }
    }
    updated
}

/// The project component of each estate component, matched by address and
/// updated, or added.
fn component_edits(
    project: &Project,
    estate: &Estate,
    layers: &HashMap<LayerKind, LayerId>,
    zones: &mut Zones,
    edits: &mut Vec<Edit>,
    report: &mut MergeReport,
) -> Vec<(ComponentId, ComponentKind)> {
    let mut by_address: HashMap<&str, usize> = HashMap::new();
    // Instances the architect drew as components of their own
    // (`aws_nat_gateway.this[0]`): their group is known, and left as drawn.
    let mut drawn_apart: HashMap<String, usize> = HashMap::new();
    for (at, component) in project.components.iter().enumerate() {
        for address in &component.iac_addresses {
            by_address.entry(address.as_str()).or_insert(at);
            let group = super::read::strip_instance_keys(address);
            if group != *address {
                drawn_apart.entry(group).or_insert(at);
            }
        }
    }
    let mut next = project.next_component_id().0;
    let mut ids = Vec::with_capacity(estate.components.len());
    for imported in &estate.components {
        // By its own address only: a part it shares (a security group)
        // must not pull it onto another component.
        let own = imported.iac_addresses.first().map_or("", String::as_str);
        if let Some(&at) = by_address.get(own) {
            let existing = &project.components[at];
            let updated = updated_component(project, existing, imported, zones);
            if updated != *existing {
                edits.push(Edit::UpdateComponent(Box::new(updated)));
                report.components_updated += 1;
            }
            ids.push((existing.id, existing.kind));
            continue;
        }
        if let Some(&at) = drawn_apart.get(own) {
            ids.push((project.components[at].id, project.components[at].kind));
            continue;
        }
        let zone_ids: Vec<ZoneId> = imported
            .zones
            .iter()
            .map(|&at| zones.ensure(at, edits, report))
            .collect();
        let id = ComponentId(next);
        next += 1;
        edits.push(Edit::InsertComponent {
            index: project.components.len() + report.components_added,
            component: Box::new(Component {
                id,
                name: imported.name.clone(),
                kind: imported.kind,
                technology: imported.technology.clone(),
                layer: imported.layer.and_then(|kind| layers.get(&kind).copied()),
                zones: zone_ids,
                iac_addresses: imported.iac_addresses.clone(),
                ..Component::default()
            }),
        });
        report.components_added += 1;
        ids.push((id, imported.kind));
    }
    ids
}

fn dependency_edits(
    project: &Project,
    estate: &Estate,
    components: &[(ComponentId, ComponentKind)],
    edits: &mut Vec<Edit>,
    report: &mut MergeReport,
) {
    let mut joined: HashSet<(ComponentId, ComponentId)> = project
        .dependencies
        .iter()
        .map(|dependency| (dependency.from, dependency.to))
        .collect();
    let mut next = project.next_dependency_id().0;
    for &(from, to) in &estate.dependencies {
        let (Some(&(from, _)), Some(&(to, to_kind))) = (components.get(from), components.get(to)) else {
            continue;
        };
        if from == to || !joined.insert((from, to)) {
            continue;
        }
        let kind = DependencyKind::into_kind(to_kind);
        edits.push(Edit::InsertDependency {
            index: project.dependencies.len() + report.dependencies_added,
            dependency: Box::new(Dependency {
                id: DependencyId(next),
                from,
                to,
                kind,
                ..Dependency::default()
            }),
        });
        next += 1;
        report.dependencies_added += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::written_by_import;

    #[test]
    fn a_technology_an_import_wrote_is_recognised() {
        for written in [
            "",
            "Amazon RDS",
            "Amazon RDS (postgres)",
            "Amazon RDS ×3",
            "Amazon RDS (postgres) ×2",
        ] {
            assert!(written_by_import(written, "Amazon RDS"), "{written:?}");
        }
        for architect in [
            "Amazon RDS PostgreSQL 15.4, db.t3.medium, Multi-AZ",
            "Amazon RDS (postgres) with PITR",
            "Amazon RDS (a) (b)",
            "Aurora",
        ] {
            assert!(!written_by_import(architect, "Amazon RDS"), "{architect:?}");
        }
    }
}
