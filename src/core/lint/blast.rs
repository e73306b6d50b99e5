//! Blast radius: what breaks when a component fails (everything that depends
//! on it, directly or through others) and what it needs (everything it
//! depends on), plus the single failure domains of the topology: an
//! availability zone that holds every component of a data kind or of a layer.
//!
//! Computed on a compact graph in O(components + dependencies) per query;
//! [`BlastIndex`] keeps the graph for repeated queries (the GUI's selection).

use std::collections::BTreeMap;

use serde::Serialize;

use super::graph::Graph;
use crate::export::markdown::{Align, Cell, Markdown};
use crate::model::*;

/// The blast radius of one component. Lists are in breadth-first order
/// (nearest first) and never contain the component itself.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct BlastRadius {
    pub component: ComponentId,
    /// Components with a dependency on this one.
    pub direct_dependents: Vec<ComponentId>,
    /// Everything that depends on this component directly or transitively:
    /// what breaks if it fails.
    pub dependents: Vec<ComponentId>,
    /// Components this one has a dependency on.
    pub direct_dependencies: Vec<ComponentId>,
    /// Everything this component depends on directly or transitively.
    pub dependencies: Vec<ComponentId>,
    /// The availability zones the component runs in: its failure domains.
    /// Losing one of several takes only the part running there.
    pub availability_zones: Vec<ZoneId>,
}

/// What a single failure domain holds all of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainScope {
    /// Every component of this data-holding kind.
    DataKind { component_kind: ComponentKind },
    /// Every component (users and external systems aside) of this layer.
    Layer { layer: LayerId },
}

/// A single point of failure: one availability zone holds every component of
/// a data kind or of a layer, so losing that zone loses all of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailureDomain {
    pub zone: ZoneId,
    pub scope: DomainScope,
    pub components: Vec<ComponentId>,
}

impl FailureDomain {
    /// One sentence for people: what sits where and what to do.
    pub fn describe(&self, project: &Project) -> String {
        let zone = project
            .zone(self.zone)
            .map_or_else(|| self.zone.to_string(), |z| format!("\"{}\"", z.name));
        let names = name_list(project, &self.components, 6);
        let what = match self.scope {
            DomainScope::DataKind { component_kind } => {
                format!("every {} component ({names})", component_kind.label().to_lowercase())
            }
            DomainScope::Layer { layer } => {
                let layer = project
                    .layer(layer)
                    .map_or_else(|| layer.to_string(), |l| format!("\"{}\"", l.name));
                format!("every component of layer {layer} ({names})")
            }
        };
        format!(
            "availability zone {zone} holds {what}; if that zone fails they all fail together: \
             place a replica, standby or second instance in another availability zone"
        )
    }
}

/// The dependency graph of a project, kept for repeated blast-radius queries.
pub struct BlastIndex<'a> {
    project: &'a Project,
    graph: Graph,
}

impl<'a> BlastIndex<'a> {
    pub fn new(project: &'a Project) -> BlastIndex<'a> {
        BlastIndex {
            project,
            graph: Graph::new(project),
        }
    }

    /// The blast radius of `component`; empty lists when it does not exist.
    pub fn radius(&self, component: ComponentId) -> BlastRadius {
        let Some(&node) = self.graph.index.get(&component) else {
            return BlastRadius {
                component,
                ..BlastRadius::default()
            };
        };
        let ids = |nodes: &[usize]| -> Vec<ComponentId> {
            let mut seen = Vec::with_capacity(nodes.len());
            for &n in nodes {
                let id = self.project.components[n].id;
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
            seen
        };
        let mut visited = vec![false; self.graph.len()];
        let dependents = self.reach(node, &mut visited, |n| self.graph.incoming(n));
        visited.iter_mut().for_each(|v| *v = false);
        let dependencies = self.reach(node, &mut visited, |n| self.graph.outgoing(n));
        BlastRadius {
            component,
            direct_dependents: ids(self.graph.incoming(node)),
            dependents,
            direct_dependencies: ids(self.graph.outgoing(node)),
            dependencies,
            availability_zones: self.graph.availability_zones[node].clone(),
        }
    }

    fn reach<'g>(
        &'g self,
        start: usize,
        visited: &mut [bool],
        next: impl Fn(usize) -> &'g [usize],
    ) -> Vec<ComponentId> {
        let mut queue = vec![start];
        visited[start] = true;
        let mut head = 0;
        while let Some(&node) = queue.get(head) {
            head += 1;
            for &other in next(node) {
                if !visited[other] {
                    visited[other] = true;
                    queue.push(other);
                }
            }
        }
        queue[1..].iter().map(|&n| self.project.components[n].id).collect()
    }

    /// For every component (in project order), how many components depend
    /// on it directly or transitively. O(components × reach).
    pub fn dependent_counts(&self) -> Vec<usize> {
        let count = self.graph.len();
        let mut stamp = vec![usize::MAX; count];
        let mut queue = Vec::new();
        (0..count)
            .map(|start| {
                queue.clear();
                queue.push(start);
                stamp[start] = start;
                let mut head = 0;
                while let Some(&node) = queue.get(head) {
                    head += 1;
                    for &other in self.graph.incoming(node) {
                        if stamp[other] != start {
                            stamp[other] = start;
                            queue.push(other);
                        }
                    }
                }
                queue.len() - 1
            })
            .collect()
    }
}

/// Everything that depends on `component` (what breaks if it fails) and
/// everything it depends on, transitively.
pub fn blast_radius(project: &Project, component: ComponentId) -> BlastRadius {
    BlastIndex::new(project).radius(component)
}

/// Availability zones that hold every component of a data kind, or every
/// component of a layer (users and external systems aside). A kind or layer
/// with any component outside availability zones (regional or global
/// services) is not confined to one zone.
pub fn single_failure_domains(project: &Project) -> Vec<FailureDomain> {
    single_failure_domains_in(project, &Graph::new(project))
}

pub(crate) fn single_failure_domains_in(project: &Project, graph: &Graph) -> Vec<FailureDomain> {
    // None: not seen yet; Some(Some(az)): all in az so far; Some(None): spread.
    type Tally = (Option<Option<ZoneId>>, Vec<ComponentId>);
    fn add(tally: &mut Tally, azs: &[ZoneId], id: ComponentId) {
        // Only a component confined to one AZ is lost with it; one running
        // in several AZs survives in the others.
        let az = match azs {
            [only] => Some(*only),
            _ => None,
        };
        tally.0 = match tally.0 {
            None => Some(az),
            Some(Some(current)) if az == Some(current) => Some(Some(current)),
            _ => Some(None),
        };
        tally.1.push(id);
    }
    let mut by_kind: BTreeMap<ComponentKind, Tally> = BTreeMap::new();
    let mut by_layer: BTreeMap<LayerId, Tally> = BTreeMap::new();
    for (node, component) in project.components.iter().enumerate() {
        if component.kind.is_outside() {
            continue;
        }
        let azs = &graph.availability_zones[node];
        if component.kind.holds_data() {
            add(by_kind.entry(component.kind).or_default(), azs, component.id);
        }
        if let Some(layer) = component.layer {
            add(by_layer.entry(layer).or_default(), azs, component.id);
        }
    }
    let mut out = Vec::new();
    for (component_kind, (state, components)) in by_kind {
        if let Some(Some(zone)) = state {
            out.push(FailureDomain {
                zone,
                scope: DomainScope::DataKind { component_kind },
                components,
            });
        }
    }
    // Layers in the order the architect sees them.
    for layer in &project.layers {
        if let Some((Some(Some(zone)), components)) = by_layer.remove(&layer.id) {
            out.push(FailureDomain {
                zone,
                scope: DomainScope::Layer { layer: layer.id },
                components,
            });
        }
    }
    out
}

/// At most this many rows in the exported table.
const MAX_ROWS: usize = 25;
/// Components ranked by dependents that are listed even when they hold no
/// data.
const TOP_BY_DEPENDENTS: usize = 10;

/// The "Blast radius and failure domains" section of `architecture.md`: for
/// each critical component (every data store, and the components most
/// depended upon) how many components depend on it, then the single failure
/// domains.
pub fn blast_radius_markdown(project: &Project) -> String {
    let index = BlastIndex::new(project);
    let counts = index.dependent_counts();
    let mut ranked: Vec<usize> = (0..project.components.len()).collect();
    ranked.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    let mut critical: Vec<usize> = ranked
        .iter()
        .enumerate()
        .filter(|&(rank, &node)| {
            let component = &project.components[node];
            !component.kind.is_outside()
                && (component.kind.holds_data() || (rank < TOP_BY_DEPENDENTS && counts[node] > 0))
        })
        .map(|(_, &node)| node)
        .collect();
    let hidden = critical.len().saturating_sub(MAX_ROWS);
    critical.truncate(MAX_ROWS);

    let mut out = Markdown::new();
    out.push_str("## Blast radius and failure domains\n\n");
    out.push_str(
        "What breaks when one component fails: its dependents are every component that depends on it, \
         directly or through others. Listed: every data store and the components most depended upon.\n\n",
    );
    if critical.is_empty() {
        out.push_str("The topology has no data stores and no component that others depend on.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = critical
            .iter()
            .map(|&node| {
                let component = &project.components[node];
                let radius = index.radius(component.id);
                let layer = component
                    .layer
                    .and_then(|l| project.layer(l))
                    .map_or("none", |l| l.name.as_str());
                // Its availability zones, else the zones it sits in
                // (regional), else nothing.
                let zones = if radius.availability_zones.is_empty() {
                    &component.zones
                } else {
                    &radius.availability_zones
                };
                let zone = zone_names(project, zones).unwrap_or_else(|| "unplaced".to_owned());
                let direct = if radius.direct_dependents.is_empty() {
                    "none".to_owned()
                } else {
                    name_list(project, &radius.direct_dependents, 4)
                };
                vec![
                    cell(&component.name),
                    Cell::fixed(component.kind.label()),
                    cell(layer),
                    cell(&zone),
                    cell(&direct),
                    Cell::figure(radius.dependents.len()),
                    Cell::figure(radius.dependencies.len()),
                ]
            })
            .collect();
        out.table_aligned(
            &[
                ("Component", Align::Left),
                ("Kind", Align::Left),
                ("Layer", Align::Left),
                ("Availability zone or zone", Align::Left),
                ("Direct dependents", Align::Left),
                ("All dependents", Align::Right),
                ("Depends on", Align::Right),
            ],
            &rows,
        );
        if hidden > 0 {
            writeln!(out, "{hidden} more data stores are not listed.\n");
        }
    }
    out.push_str("### Single failure domains\n\n");
    let domains = single_failure_domains_in(project, &index.graph);
    if domains.is_empty() {
        out.push_str(
            "No availability zone holds every component of a data kind or of a layer: \
             no single zone failure takes a whole tier down.\n",
        );
    } else {
        for domain in &domains {
            let mut sentence = domain.describe(project);
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            writeln!(out, "- {}.", cell(&sentence).as_str());
        }
    }
    out.into_string()
}

/// What losing availability zone `az` does: components that run only there
/// fail, components that also run elsewhere lose only their part there.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct ZoneLoss {
    pub failed: Vec<ComponentId>,
    pub degraded: Vec<ComponentId>,
}

pub fn zone_loss(project: &Project, az: ZoneId) -> ZoneLoss {
    let graph = Graph::new(project);
    let mut loss = ZoneLoss::default();
    for (node, component) in project.components.iter().enumerate() {
        let azs = &graph.availability_zones[node];
        if !azs.contains(&az) {
            continue;
        }
        if azs.len() == 1 {
            loss.failed.push(component.id);
        } else {
            loss.degraded.push(component.id);
        }
    }
    loss
}

/// The names of `zones` joined with commas, or `None` for an empty list.
pub(crate) fn zone_names(project: &Project, zones: &[ZoneId]) -> Option<String> {
    if zones.is_empty() {
        return None;
    }
    let names: Vec<String> = zones
        .iter()
        .map(|z| project.zone(*z).map_or_else(|| z.to_string(), |z| z.name.clone()))
        .collect();
    Some(names.join(", "))
}

/// `"a", "b", "c" and 2 more`, using names (ids for unnamed components).
pub(crate) fn name_list(project: &Project, ids: &[ComponentId], limit: usize) -> String {
    let mut names: Vec<String> = ids
        .iter()
        .take(limit)
        .map(|&id| match project.component(id) {
            Some(c) if !c.name.trim().is_empty() => c.name.clone(),
            _ => id.to_string(),
        })
        .collect();
    if ids.len() > limit {
        names.push(format!("{} more", ids.len() - limit));
    }
    names.join(", ")
}

/// User text in a table cell of the blast-radius table: escaped as every
/// cell of the export is, and on one line.
fn cell(text: &str) -> Cell {
    Cell::text(&text.replace(['\n', '\r'], " "))
}
