//! The dependency graph in compact form (compressed adjacency in both
//! directions) plus each component's availability zone: built once per lint
//! run or blast-radius query, in O(components + dependencies).

use std::collections::HashMap;

use crate::model::*;

pub(crate) struct Graph {
    /// Component id → position in [`Project::components`] (first occurrence
    /// when an id is duplicated; structural checks report that).
    pub index: HashMap<ComponentId, usize>,
    out_offsets: Vec<usize>,
    out_targets: Vec<usize>,
    in_offsets: Vec<usize>,
    in_sources: Vec<usize>,
    /// The nearest availability zone enclosing each component's zone, if any.
    /// For each component, the distinct availability zones it runs in: one
    /// for a single-AZ component, several for a multi-AZ one, none when it
    /// sits above the AZ level (a regional service) or in no zone.
    pub availability_zones: Vec<Vec<ZoneId>>,
}

impl Graph {
    pub fn new(project: &Project) -> Graph {
        let count = project.components.len();
        let mut index = HashMap::with_capacity(count);
        for (position, component) in project.components.iter().enumerate() {
            index.entry(component.id).or_insert(position);
        }
        let edges: Vec<(usize, usize)> = project
            .dependencies
            .iter()
            .filter_map(|d| Some((*index.get(&d.from)?, *index.get(&d.to)?)))
            .filter(|(from, to)| from != to)
            .collect();
        let (out_offsets, out_targets) = compress(count, edges.iter().copied());
        let (in_offsets, in_sources) = compress(count, edges.iter().map(|&(from, to)| (to, from)));
        let zone_az = availability_zones(project);
        let availability_zones = project
            .components
            .iter()
            .map(|c| {
                let mut azs: Vec<ZoneId> = Vec::with_capacity(c.zones.len());
                for az in c.zones.iter().filter_map(|z| zone_az.get(z).copied().flatten()) {
                    if !azs.contains(&az) {
                        azs.push(az);
                    }
                }
                azs
            })
            .collect();
        Graph {
            index,
            out_offsets,
            out_targets,
            in_offsets,
            in_sources,
            availability_zones,
        }
    }

    pub fn len(&self) -> usize {
        self.availability_zones.len()
    }

    /// What component `node` depends on directly.
    pub fn outgoing(&self, node: usize) -> &[usize] {
        &self.out_targets[self.out_offsets[node]..self.out_offsets[node + 1]]
    }

    /// What depends on component `node` directly.
    pub fn incoming(&self, node: usize) -> &[usize] {
        &self.in_sources[self.in_offsets[node]..self.in_offsets[node + 1]]
    }
}

/// Edge list → (offsets, targets), the compressed sparse row form.
fn compress(count: usize, edges: impl Iterator<Item = (usize, usize)> + Clone) -> (Vec<usize>, Vec<usize>) {
    let mut offsets = vec![0usize; count + 1];
    for (from, _) in edges.clone() {
        offsets[from + 1] += 1;
    }
    for position in 0..count {
        offsets[position + 1] += offsets[position];
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0usize; offsets[count]];
    for (from, to) in edges {
        targets[fill[from]] = to;
        fill[from] += 1;
    }
    (offsets, targets)
}

/// For every zone: itself if it is an availability zone, else its nearest
/// availability-zone ancestor. Parent loops and dangling parents (structural
/// errors) end the walk.
fn availability_zones(project: &Project) -> HashMap<ZoneId, Option<ZoneId>> {
    let zones: HashMap<ZoneId, &Zone> = project.zones.iter().map(|z| (z.id, z)).collect();
    let mut result = HashMap::with_capacity(zones.len());
    for zone in &project.zones {
        let mut current = Some(zone.id);
        let mut found = None;
        for _ in 0..=zones.len() {
            let Some(id) = current else { break };
            let Some(z) = zones.get(&id) else { break };
            if z.kind == ZoneKind::AvailabilityZone {
                found = Some(id);
                break;
            }
            current = z.parent;
        }
        result.insert(zone.id, found);
    }
    result
}
