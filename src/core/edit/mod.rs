//! Every change to a project is an [`Edit`]. Applying an edit returns its
//! inverse, so undo and redo are just more edits, and the history never
//! clones the whole project.
//!
//! Edits keep the model's invariants: they refuse duplicate ids, references
//! to things that do not exist and zone cycles, and removals repair
//! everything that pointed at the removed thing (recording the repair in the
//! inverse, so undo restores it exactly).

mod group;
mod history;

pub use group::{common_zone, group_into_zone, new_zone_name, suggested_child_kind, suggested_kind_around};
pub use history::{History, StepInfo};

use crate::model::*;

/// A section of the project-wide spec, replaced as a whole. Sections are
/// small next to the topology, so swapping one is cheap.
#[derive(Clone, Debug, PartialEq)]
pub enum Section {
    Context(Context),
    Environments(Environments),
    Assertions(Vec<Assertion>),
    Constraints(Vec<ConstraintGroup>),
    Vocabulary(Vec<Term>),
    Security(Security),
    Observability(Observability),
    DisasterRecovery(DisasterRecovery),
    Cost(CostPlan),
    Deployment(Deployment),
    Risks(Vec<Risk>),
    Approval(Approval),
    OpenQuestions(Vec<OpenQuestion>),
    Changelog(Vec<ChangelogEntry>),
    LintSuppressions(Vec<LintSuppression>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetMeta(Box<Meta>),
    SetSection(Box<Section>),

    InsertLayer {
        index: usize,
        layer: Box<Layer>,
    },
    RemoveLayer(LayerId),
    UpdateLayer(Box<Layer>),
    MoveLayer {
        id: LayerId,
        to_index: usize,
    },

    InsertZone {
        index: usize,
        zone: Box<Zone>,
    },
    RemoveZone(ZoneId),
    UpdateZone(Box<Zone>),

    InsertComponent {
        index: usize,
        component: Box<Component>,
    },
    RemoveComponent(ComponentId),
    UpdateComponent(Box<Component>),
    /// Moves components on the canvas (a drag, an auto-arrange).
    SetPositions(Vec<(ComponentId, Option<Position>)>),
    /// Puts components into layers (dragging into another band).
    SetLayers(Vec<(ComponentId, Option<LayerId>)>),
    /// Sets the zones components run in (each list is normalised).
    SetZones(Vec<(ComponentId, Vec<ZoneId>)>),
    /// Re-parents zones.
    SetZoneParents(Vec<(ZoneId, Option<ZoneId>)>),

    InsertDependency {
        index: usize,
        dependency: Box<Dependency>,
    },
    RemoveDependency(DependencyId),
    UpdateDependency(Box<Dependency>),

    InsertDecision {
        index: usize,
        decision: Box<Decision>,
    },
    RemoveDecision(DecisionId),
    UpdateDecision(Box<Decision>),

    /// Several edits as one; applied in order, undone in reverse.
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("{0} does not exist")]
    Missing(String),
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("a dependency cannot point from a component to itself")]
    SelfDependency,
    #[error("zone {0} cannot sit inside itself")]
    ZoneCycle(ZoneId),
    #[error("a decision cannot be superseded by itself")]
    SelfSupersede,
    #[error("{0} needs a name")]
    EmptyName(&'static str),
    #[error("decision number {0} is already taken")]
    DuplicateNumber(u32),
    #[error("position {index} is past the end of a list of {len}")]
    OutOfRange { index: usize, len: usize },
}

type EditResult = Result<Edit, EditError>;

fn missing(what: impl std::fmt::Display) -> EditError {
    EditError::Missing(what.to_string())
}

fn check_index(index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        Err(EditError::OutOfRange { index, len })
    } else {
        Ok(())
    }
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the
    /// project is left exactly as it was.
    pub fn apply(self, project: &mut Project) -> EditResult {
        match self {
            Edit::SetMeta(mut meta) => {
                // The identity is not the user's to edit, nor undo's to
                // take away (it may have been recorded since).
                meta.id.clone_from(&project.meta.id);
                std::mem::swap(&mut project.meta, &mut meta);
                Ok(Edit::SetMeta(meta))
            }
            Edit::SetSection(section) => Ok(Edit::SetSection(Box::new(swap_section(project, *section)?))),

            Edit::InsertLayer { index, layer } => {
                check_index(index, project.layers.len())?;
                if project.layer(layer.id).is_some() {
                    return Err(EditError::Duplicate(layer.id.to_string()));
                }
                check_name(&layer.name, "a layer")?;
                let id = layer.id;
                project.layers.insert(index, *layer);
                Ok(Edit::RemoveLayer(id))
            }
            Edit::RemoveLayer(id) => remove_layer(project, id),
            Edit::UpdateLayer(mut layer) => {
                let index = project.layer_index(layer.id).ok_or_else(|| missing(layer.id))?;
                check_name(&layer.name, "a layer")?;
                std::mem::swap(&mut project.layers[index], &mut layer);
                Ok(Edit::UpdateLayer(layer))
            }
            Edit::MoveLayer { id, to_index } => {
                let from = project.layer_index(id).ok_or_else(|| missing(id))?;
                if to_index >= project.layers.len() {
                    return Err(EditError::OutOfRange {
                        index: to_index,
                        len: project.layers.len(),
                    });
                }
                let layer = project.layers.remove(from);
                project.layers.insert(to_index, layer);
                Ok(Edit::MoveLayer { id, to_index: from })
            }

            Edit::InsertZone { index, zone } => insert_zone(project, index, *zone),
            Edit::RemoveZone(id) => remove_zone(project, id),
            Edit::UpdateZone(mut zone) => {
                let index = project.zone_index(zone.id).ok_or_else(|| missing(zone.id))?;
                check_name(&zone.name, "a zone")?;
                check_zone_parent(project, zone.id, zone.parent)?;
                std::mem::swap(&mut project.zones[index], &mut zone);
                Ok(with_members_renormalized(project, Edit::UpdateZone(zone)))
            }
            Edit::SetZoneParents(changes) => set_zone_parents(project, changes),

            Edit::InsertComponent { index, mut component } => {
                check_index(index, project.components.len())?;
                if project.component(component.id).is_some() {
                    return Err(EditError::Duplicate(component.id.to_string()));
                }
                check_component_refs(project, &component)?;
                component.zones = project.normalized_zones(&component.zones);
                let id = component.id;
                project.components.insert(index, *component);
                Ok(Edit::RemoveComponent(id))
            }
            Edit::RemoveComponent(id) => remove_component(project, id),
            Edit::UpdateComponent(mut component) => {
                let index = project
                    .component_index(component.id)
                    .ok_or_else(|| missing(component.id))?;
                check_component_refs(project, &component)?;
                component.zones = project.normalized_zones(&component.zones);
                std::mem::swap(&mut project.components[index], &mut component);
                Ok(Edit::UpdateComponent(component))
            }
            Edit::SetPositions(changes) => {
                let indexes = component_indexes(project, changes.iter().map(|(id, _)| *id))?;
                let mut undo = Vec::with_capacity(changes.len());
                for ((id, position), index) in changes.into_iter().zip(indexes) {
                    undo.push((id, std::mem::replace(&mut project.components[index].position, position)));
                }
                undo.reverse();
                Ok(Edit::SetPositions(undo))
            }
            Edit::SetLayers(changes) => set_layers(project, changes),
            Edit::SetZones(changes) => set_zones(project, changes),

            Edit::InsertDependency { index, dependency } => {
                check_index(index, project.dependencies.len())?;
                if project.dependency(dependency.id).is_some() {
                    return Err(EditError::Duplicate(dependency.id.to_string()));
                }
                check_dependency_refs(project, &dependency)?;
                let id = dependency.id;
                project.dependencies.insert(index, *dependency);
                Ok(Edit::RemoveDependency(id))
            }
            Edit::RemoveDependency(id) => {
                let index = project.dependency_index(id).ok_or_else(|| missing(id))?;
                let dependency = project.dependencies.remove(index);
                Ok(Edit::InsertDependency {
                    index,
                    dependency: Box::new(dependency),
                })
            }
            Edit::UpdateDependency(mut dependency) => {
                let index = project
                    .dependency_index(dependency.id)
                    .ok_or_else(|| missing(dependency.id))?;
                check_dependency_refs(project, &dependency)?;
                std::mem::swap(&mut project.dependencies[index], &mut dependency);
                Ok(Edit::UpdateDependency(dependency))
            }

            Edit::InsertDecision { index, decision } => {
                check_index(index, project.decisions.len())?;
                if project.decision(decision.id).is_some() {
                    return Err(EditError::Duplicate(decision.id.to_string()));
                }
                check_decision_refs(project, &decision)?;
                let id = decision.id;
                project.decisions.insert(index, *decision);
                Ok(Edit::RemoveDecision(id))
            }
            Edit::RemoveDecision(id) => remove_decision(project, id),
            Edit::UpdateDecision(mut decision) => {
                let index = project
                    .decision_index(decision.id)
                    .ok_or_else(|| missing(decision.id))?;
                check_decision_refs(project, &decision)?;
                std::mem::swap(&mut project.decisions[index], &mut decision);
                Ok(Edit::UpdateDecision(decision))
            }

            Edit::Batch(edits) => apply_batch(project, edits),
        }
    }

    /// A batch of one edit is that edit.
    pub fn batch(mut edits: Vec<Edit>) -> Edit {
        if edits.len() == 1 {
            edits.pop().expect("length checked")
        } else {
            Edit::Batch(edits)
        }
    }
}

fn component_indexes(project: &Project, ids: impl Iterator<Item = ComponentId>) -> Result<Vec<usize>, EditError> {
    // One pass over the components for any number of ids: auto-arrange moves
    // thousands at once.
    let lookup: std::collections::HashMap<ComponentId, usize> = project
        .components
        .iter()
        .enumerate()
        .map(|(index, c)| (c.id, index))
        .collect();
    ids.map(|id| lookup.get(&id).copied().ok_or_else(|| missing(id)))
        .collect()
}

fn check_name(name: &str, what: &'static str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::EmptyName(what))
    } else {
        Ok(())
    }
}

fn check_component_refs(project: &Project, component: &Component) -> Result<(), EditError> {
    check_name(&component.name, "a component")?;
    if let Some(layer) = component.layer {
        project.layer(layer).ok_or_else(|| missing(layer))?;
    }
    for zone in &component.zones {
        project.zone(*zone).ok_or_else(|| missing(zone))?;
    }
    Ok(())
}

/// After zones were re-parented, brings every component's zone list back to
/// its canonical form (a zone may now sit inside another the same component
/// lists). Returns `undo`, extended to restore the lists when any changed.
fn with_members_renormalized(project: &mut Project, undo: Edit) -> Edit {
    let mut restore = Vec::new();
    for index in 0..project.components.len() {
        let normalized = project.normalized_zones(&project.components[index].zones);
        if normalized != project.components[index].zones {
            let before = std::mem::replace(&mut project.components[index].zones, normalized);
            restore.push((project.components[index].id, before));
        }
    }
    if restore.is_empty() {
        undo
    } else {
        // The parents go back first, so the restored lists are canonical again.
        Edit::Batch(vec![undo, Edit::SetZones(restore)])
    }
}

fn check_dependency_refs(project: &Project, dependency: &Dependency) -> Result<(), EditError> {
    if dependency.from == dependency.to {
        return Err(EditError::SelfDependency);
    }
    project
        .component(dependency.from)
        .ok_or_else(|| missing(dependency.from))?;
    project.component(dependency.to).ok_or_else(|| missing(dependency.to))?;
    Ok(())
}

fn check_decision_refs(project: &Project, decision: &Decision) -> Result<(), EditError> {
    check_name(&decision.title, "a decision")?;
    if project
        .decisions
        .iter()
        .any(|d| d.id != decision.id && d.number == decision.number)
    {
        return Err(EditError::DuplicateNumber(decision.number));
    }
    for &component in &decision.components {
        project.component(component).ok_or_else(|| missing(component))?;
    }
    if let DecisionStatus::Superseded { by } = decision.status {
        if by == decision.id {
            return Err(EditError::SelfSupersede);
        }
        project.decision(by).ok_or_else(|| missing(by))?;
    }
    if let Some(chosen) = decision.chosen {
        decision.option(chosen).ok_or_else(|| missing(chosen))?;
    }
    Ok(())
}

fn check_zone_parent(project: &Project, id: ZoneId, parent: Option<ZoneId>) -> Result<(), EditError> {
    let Some(parent) = parent else { return Ok(()) };
    project.zone(parent).ok_or_else(|| missing(parent))?;
    let mut links: Vec<(ZoneId, Option<ZoneId>)> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    if let Some(slot) = links.iter_mut().find(|(z, _)| *z == id) {
        slot.1 = Some(parent);
    }
    if has_zone_cycle(&links, id) {
        return Err(EditError::ZoneCycle(id));
    }
    Ok(())
}

/// Follows parent links from `start`; a cycle shows up as a walk longer than
/// the number of zones.
fn has_zone_cycle(links: &[(ZoneId, Option<ZoneId>)], start: ZoneId) -> bool {
    let mut current = Some(start);
    for _ in 0..=links.len() {
        let Some(id) = current else { return false };
        current = links.iter().find(|(z, _)| *z == id).and_then(|(_, parent)| *parent);
        if current == Some(start) {
            return true;
        }
    }
    current.is_some()
}

fn remove_component(project: &mut Project, id: ComponentId) -> EditResult {
    let index = project.component_index(id).ok_or_else(|| missing(id))?;
    let component = project.components.remove(index);
    let mut undo = vec![Edit::InsertComponent {
        index,
        component: Box::new(component),
    }];

    // Dependencies touching it go; restored in ascending order so every
    // index is right at the moment it is used.
    let mut removed = Vec::new();
    let mut kept = Vec::with_capacity(project.dependencies.len());
    for (position, dependency) in std::mem::take(&mut project.dependencies).into_iter().enumerate() {
        if dependency.from == id || dependency.to == id {
            removed.push(Edit::InsertDependency {
                index: position,
                dependency: Box::new(dependency),
            });
        } else {
            kept.push(dependency);
        }
    }
    project.dependencies = kept;
    undo.extend(removed);

    for decision in project.decisions.iter_mut().filter(|d| d.components.contains(&id)) {
        let before = decision.clone();
        decision.components.retain(|c| *c != id);
        undo.push(Edit::UpdateDecision(Box::new(before)));
    }
    if project.assertions.iter().any(|a| a.components.contains(&id)) {
        let before = project.assertions.clone();
        for assertion in &mut project.assertions {
            assertion.components.retain(|c| *c != id);
        }
        undo.push(Edit::SetSection(Box::new(Section::Assertions(before))));
    }
    if project.security.threats.iter().any(|t| t.components.contains(&id)) {
        let before = project.security.clone();
        for threat in &mut project.security.threats {
            threat.components.retain(|c| *c != id);
        }
        undo.push(Edit::SetSection(Box::new(Section::Security(before))));
    }
    Ok(Edit::Batch(undo))
}

/// Puts `section` into the project and hands back what was there.
fn swap_section(project: &mut Project, section: Section) -> Result<Section, EditError> {
    fn check_links(project: &Project, links: &[ComponentId]) -> Result<(), EditError> {
        for &id in links {
            project.component(id).ok_or_else(|| missing(id))?;
        }
        Ok(())
    }
    Ok(match section {
        Section::Context(value) => Section::Context(std::mem::replace(&mut project.context, value)),
        Section::Environments(value) => Section::Environments(std::mem::replace(&mut project.environments, value)),
        Section::Assertions(value) => {
            for assertion in &value {
                check_links(project, &assertion.components)?;
            }
            Section::Assertions(std::mem::replace(&mut project.assertions, value))
        }
        Section::Constraints(value) => Section::Constraints(std::mem::replace(&mut project.constraints, value)),
        Section::Vocabulary(value) => Section::Vocabulary(std::mem::replace(&mut project.vocabulary, value)),
        Section::Security(value) => {
            for threat in &value.threats {
                check_links(project, &threat.components)?;
            }
            Section::Security(std::mem::replace(&mut project.security, value))
        }
        Section::Observability(value) => Section::Observability(std::mem::replace(&mut project.observability, value)),
        Section::DisasterRecovery(value) => {
            Section::DisasterRecovery(std::mem::replace(&mut project.disaster_recovery, value))
        }
        Section::Cost(value) => Section::Cost(std::mem::replace(&mut project.cost, value)),
        Section::Deployment(value) => Section::Deployment(std::mem::replace(&mut project.deployment, value)),
        Section::Risks(value) => Section::Risks(std::mem::replace(&mut project.risks, value)),
        Section::Approval(value) => Section::Approval(std::mem::replace(&mut project.approval, value)),
        Section::OpenQuestions(value) => Section::OpenQuestions(std::mem::replace(&mut project.open_questions, value)),
        Section::Changelog(value) => Section::Changelog(std::mem::replace(&mut project.changelog, value)),
        Section::LintSuppressions(value) => {
            Section::LintSuppressions(std::mem::replace(&mut project.lint_suppressions, value))
        }
    })
}

/// Removes a layer; its components keep their place but lose the layer.
fn remove_layer(project: &mut Project, id: LayerId) -> EditResult {
    let index = project.layer_index(id).ok_or_else(|| missing(id))?;
    let layer = project.layers.remove(index);
    let mut restore_layers = Vec::new();
    for component in project.components.iter_mut().filter(|c| c.layer == Some(id)) {
        restore_layers.push((component.id, Some(id)));
        component.layer = None;
    }
    let mut undo = vec![Edit::InsertLayer {
        index,
        layer: Box::new(layer),
    }];
    if !restore_layers.is_empty() {
        undo.push(Edit::SetLayers(restore_layers));
    }
    Ok(Edit::Batch(undo))
}

/// Inserts a zone under an existing parent (never its own).
fn insert_zone(project: &mut Project, index: usize, zone: Zone) -> EditResult {
    check_index(index, project.zones.len())?;
    if project.zone(zone.id).is_some() {
        return Err(EditError::Duplicate(zone.id.to_string()));
    }
    check_name(&zone.name, "a zone")?;
    if let Some(parent) = zone.parent {
        if parent == zone.id {
            return Err(EditError::ZoneCycle(zone.id));
        }
        project.zone(parent).ok_or_else(|| missing(parent))?;
    }
    let id = zone.id;
    project.zones.insert(index, zone);
    Ok(Edit::RemoveZone(id))
}

/// Removes a zone: its children and members move to the enclosing zone.
fn remove_zone(project: &mut Project, id: ZoneId) -> EditResult {
    let index = project.zone_index(id).ok_or_else(|| missing(id))?;
    let zone = project.zones.remove(index);
    // Whatever sat inside the zone now sits in the enclosing one.
    let mut restore_parents = Vec::new();
    for child in project.zones.iter_mut().filter(|z| z.parent == Some(id)) {
        restore_parents.push((child.id, Some(id)));
        child.parent = zone.parent;
    }
    let mut restore_members = Vec::new();
    for index in 0..project.components.len() {
        if !project.components[index].zones.contains(&id) {
            continue;
        }
        let before = project.components[index].zones.clone();
        let moved: Vec<ZoneId> = before
            .iter()
            .filter_map(|z| if *z == id { zone.parent } else { Some(*z) })
            .collect();
        project.components[index].zones = project.normalized_zones(&moved);
        restore_members.push((project.components[index].id, before));
    }
    let mut undo = vec![Edit::InsertZone {
        index,
        zone: Box::new(zone),
    }];
    if !restore_parents.is_empty() {
        undo.push(Edit::SetZoneParents(restore_parents));
    }
    if !restore_members.is_empty() {
        undo.push(Edit::SetZones(restore_members));
    }
    Ok(Edit::Batch(undo))
}

/// Re-parents zones, all or nothing, refusing any change that makes a cycle.
fn set_zone_parents(project: &mut Project, changes: Vec<(ZoneId, Option<ZoneId>)>) -> EditResult {
    // Validate all first so a failure leaves nothing half done;
    // cycles are checked one change at a time on a scratch copy
    // of the parent links.
    let mut parents: Vec<(ZoneId, Option<ZoneId>)> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    for &(id, parent) in &changes {
        let slot = parents.iter().position(|(z, _)| *z == id).ok_or_else(|| missing(id))?;
        if let Some(parent) = parent {
            project.zone(parent).ok_or_else(|| missing(parent))?;
        }
        parents[slot].1 = parent;
        if has_zone_cycle(&parents, id) {
            return Err(EditError::ZoneCycle(id));
        }
    }
    let mut undo = Vec::with_capacity(changes.len());
    for (id, parent) in changes {
        let zone = project.zones.iter_mut().find(|z| z.id == id).expect("validated above");
        undo.push((id, std::mem::replace(&mut zone.parent, parent)));
    }
    undo.reverse();
    Ok(with_members_renormalized(project, Edit::SetZoneParents(undo)))
}

/// Moves components to layers (or to none).
fn set_layers(project: &mut Project, changes: Vec<(ComponentId, Option<LayerId>)>) -> EditResult {
    for (_, layer) in &changes {
        if let Some(layer) = layer {
            project.layer(*layer).ok_or_else(|| missing(layer))?;
        }
    }
    let indexes = component_indexes(project, changes.iter().map(|(id, _)| *id))?;
    let mut undo = Vec::with_capacity(changes.len());
    for ((id, layer), index) in changes.into_iter().zip(indexes) {
        undo.push((id, std::mem::replace(&mut project.components[index].layer, layer)));
    }
    undo.reverse();
    Ok(Edit::SetLayers(undo))
}

/// Sets components' zones, normalized (no repeats, innermost of a zone and its ancestor).
fn set_zones(project: &mut Project, changes: Vec<(ComponentId, Vec<ZoneId>)>) -> EditResult {
    for zone in changes.iter().flat_map(|(_, zones)| zones) {
        project.zone(*zone).ok_or_else(|| missing(zone))?;
    }
    let indexes = component_indexes(project, changes.iter().map(|(id, _)| *id))?;
    let mut undo = Vec::with_capacity(changes.len());
    for ((id, zones), index) in changes.into_iter().zip(indexes) {
        let zones = project.normalized_zones(&zones);
        undo.push((id, std::mem::replace(&mut project.components[index].zones, zones)));
    }
    undo.reverse();
    Ok(Edit::SetZones(undo))
}

/// Removes a decision; decisions it superseded become deprecated.
fn remove_decision(project: &mut Project, id: DecisionId) -> EditResult {
    let index = project.decision_index(id).ok_or_else(|| missing(id))?;
    let decision = project.decisions.remove(index);
    let mut undo = vec![Edit::InsertDecision {
        index,
        decision: Box::new(decision),
    }];
    // A decision superseded by the removed one keeps no dangling
    // link: it becomes deprecated (no longer in force, successor
    // unknown).
    for other in project.decisions.iter_mut() {
        if other.status == (DecisionStatus::Superseded { by: id }) {
            let before = other.clone();
            other.status = DecisionStatus::Deprecated;
            undo.push(Edit::UpdateDecision(Box::new(before)));
        }
    }
    Ok(Edit::Batch(undo))
}

/// Applies edits in order, all or nothing: on a failure the applied ones are rolled back.
fn apply_batch(project: &mut Project, edits: Vec<Edit>) -> EditResult {
    let mut undo = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(project) {
            Ok(inverse) => undo.push(inverse),
            Err(error) => {
                // Roll back what was applied so the batch is all or nothing.
                for inverse in undo.into_iter().rev() {
                    inverse
                        .apply(project)
                        .expect("an inverse always applies to the state it came from");
                }
                return Err(error);
            }
        }
    }
    undo.reverse();
    Ok(Edit::Batch(undo))
}

#[cfg(test)]
mod tests;
