//! An estate meets a project: one edit that adds what is new and updates
//! what the import owns, so the window can apply (and undo) it as one step.
//!
//! A component is matched by its infrastructure-code addresses. The import
//! owns a matched component's technology, zones (when the estate places it
//! at all) and addresses (merged, never dropped). Everything else is the
//! architect's and is never touched: the name (set once, when the import
//! creates the component, so a rename survives re-imports), kind, layer,
//! description, responsibilities, lifecycle, decisions and notes. Nothing is
//! ever removed; arrows are only added where none joins the same two
//! components. Zones are matched by kind, name and parent.

use std::collections::{HashMap, HashSet};

use super::estate::Estate;
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
    let zones = zone_ids(project, estate, &mut edits, &mut report);
    let components = component_edits(project, estate, &layers, &zones, &mut edits, &mut report);
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

/// The project zone of each estate zone, matched by kind, name and parent,
/// or added.
fn zone_ids(project: &Project, estate: &Estate, edits: &mut Vec<Edit>, report: &mut MergeReport) -> Vec<ZoneId> {
    let existing: HashMap<(ZoneKind, &str, Option<ZoneId>), ZoneId> = project
        .zones
        .iter()
        .map(|zone| ((zone.kind, zone.name.as_str(), zone.parent), zone.id))
        .collect();
    let mut ids: Vec<ZoneId> = Vec::with_capacity(estate.zones.len());
    let mut next = project.next_zone_id().0;
    for zone in &estate.zones {
        let parent = zone.parent.and_then(|at| ids.get(at).copied());
        if let Some(&id) = existing.get(&(zone.kind, zone.name.as_str(), parent)) {
            ids.push(id);
            continue;
        }
        let id = ZoneId(next);
        next += 1;
        edits.push(Edit::InsertZone {
            index: project.zones.len() + report.zones_added,
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
        ids.push(id);
    }
    ids
}

/// The project component of each estate component, matched by address and
/// updated, or added.
fn component_edits(
    project: &Project,
    estate: &Estate,
    layers: &HashMap<LayerKind, LayerId>,
    zones: &[ZoneId],
    edits: &mut Vec<Edit>,
    report: &mut MergeReport,
) -> Vec<(ComponentId, ComponentKind)> {
    let mut by_address: HashMap<&str, usize> = HashMap::new();
    for (at, component) in project.components.iter().enumerate() {
        for address in &component.iac_addresses {
            by_address.entry(address.as_str()).or_insert(at);
        }
    }
    let mut next = project.next_component_id().0;
    let mut ids = Vec::with_capacity(estate.components.len());
    for imported in &estate.components {
        let zone_ids: Vec<ZoneId> = imported.zones.iter().filter_map(|at| zones.get(*at).copied()).collect();
        // By its own address only: a part it shares (a security group)
        // must not pull it onto another component.
        let matched = imported
            .iac_addresses
            .first()
            .and_then(|address| by_address.get(address.as_str()).copied());
        if let Some(at) = matched {
            let existing = &project.components[at];
            let mut updated = existing.clone();
            updated.technology = imported.technology.clone();
            if !zone_ids.is_empty() {
                updated.zones = zone_ids;
            }
            for address in &imported.iac_addresses {
                if !updated.iac_addresses.contains(address) {
                    updated.iac_addresses.push(address.clone());
                }
            }
            if updated != *existing {
                edits.push(Edit::UpdateComponent(Box::new(updated)));
                report.components_updated += 1;
            }
            ids.push((existing.id, existing.kind));
            continue;
        }
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
