//! Architecture lints: the infrastructure architect's checklist (what a
//! design must do and must not do, and what its topology diagram must show)
//! applied to a project. [`lint`] returns the structural problems of
//! [`crate::check::structural`] (codes `S…`) followed by the lints (codes
//! `L…`, listed in [`RULES`]), errors first.
//!
//! Everything runs on a compact graph built once (O(components +
//! dependencies)): public reachability is one multi-source breadth-first
//! search, dependency cycles one iterative Tarjan pass over intra-layer
//! edges.

pub mod blast;
pub(crate) mod graph;

use std::collections::{HashMap, HashSet};

use crate::check::{self, Diagnostic, Level, Place};
use crate::model::*;
use graph::Graph;

/// One lint: its stable code, severity and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub level: Level,
    pub meaning: &'static str,
}

const fn rule(code: &'static str, level: Level, meaning: &'static str) -> Rule {
    Rule { code, level, meaning }
}

/// Every lint code. Structural codes (S001–S006) also cover a dependency
/// whose end is missing, a decision linked to a component that no longer
/// exists and a decision superseded by one that does not exist (S004).
pub const RULES: &[Rule] = &[
    rule(
        "L001",
        Level::Warning,
        "component without responsibilities (manages / provides / exposes)",
    ),
    rule(
        "L002",
        Level::Warning,
        "component without lifecycle: provisioner or update strategy missing",
    ),
    rule("L003", Level::Warning, "component without a layer"),
    rule("L004", Level::Warning, "dependency cycle inside one layer"),
    rule(
        "L005",
        Level::Warning,
        "component with no dependencies at all (nothing uses it and it uses nothing)",
    ),
    rule(
        "L006",
        Level::Warning,
        "queue or event bus that something writes to and nothing reads",
    ),
    rule("L007", Level::Warning, "component name too long to read in a diagram"),
    rule("L010", Level::Warning, "decision without options"),
    rule("L011", Level::Warning, "decision with only one option"),
    rule(
        "L012",
        Level::Error,
        "accepted decision without a chosen option or without a rationale",
    ),
    rule(
        "L013",
        Level::Warning,
        "superseded decision whose successor is not in effect (proposed, rejected, deprecated)",
    ),
    rule(
        "L014",
        Level::Error,
        "superseded decisions whose successor chain loops back",
    ),
    rule(
        "L020",
        Level::Warning,
        "data component reachable from the public edge without passing an integration or security layer component",
    ),
    rule("L021", Level::Error, "data component with public exposure"),
    rule(
        "L022",
        Level::Warning,
        "data store in a single availability zone with no counterpart of its kind and layer in another",
    ),
    rule(
        "L023",
        Level::Warning,
        "persistent data component (database, object or block storage) without backup",
    ),
    rule(
        "L024",
        Level::Info,
        "transient data component (cache, queue, event bus) without backup",
    ),
    rule(
        "L025",
        Level::Warning,
        "component without cost while other components have one",
    ),
    rule(
        "L026",
        Level::Warning,
        "layer whose every component sits in one availability zone (single failure domain)",
    ),
    rule(
        "L027",
        Level::Warning,
        "data stores of one kind and layer in different availability zones with no replication dependency joining them",
    ),
    rule(
        "L030",
        Level::Warning,
        "topology without DNS / edge component (DNS, CDN, WAF)",
    ),
    rule(
        "L031",
        Level::Warning,
        "topology without load balancing (load balancer or gateway)",
    ),
    rule(
        "L032",
        Level::Warning,
        "topology without compute (service, function, worker)",
    ),
    rule(
        "L033",
        Level::Warning,
        "topology without data components (database, cache, queue, event bus)",
    ),
    rule(
        "L034",
        Level::Warning,
        "topology without storage (object or block storage)",
    ),
    rule("L035", Level::Info, "compute but no availability zone in the topology"),
    rule("L040", Level::Warning, "assertion naming no component"),
    rule("L041", Level::Warning, "threat naming no component"),
    rule("L042", Level::Warning, "open question without impact"),
    rule("L043", Level::Warning, "vocabulary term defined twice"),
    rule(
        "L044",
        Level::Warning,
        "template question left unanswered (e.g. \"Frequency? (e.g. daily)\")",
    ),
];

/// The longest component name a diagram draws in a box of one column
/// without it becoming a block of text.
pub const LONGEST_NAME: usize = 80;
/// How much of a too-long name L007 quotes to say which component it is.
const OPENING_WORDS: usize = 40;

/// The rule behind a lint code, if it is one.
pub fn rule_for(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Structural problems and architecture lints of a project, errors first
/// (stable within a level), without the rules the project suppresses.
pub fn lint(project: &Project) -> Vec<Diagnostic> {
    let mut out = lint_all(project);
    out.retain(|d| !project.suppresses(d.code));
    out
}

/// Like [`lint`], including the findings of suppressed rules.
pub fn lint_all(project: &Project) -> Vec<Diagnostic> {
    let mut out = check::structural(project);
    let graph = Graph::new(project);
    let mut lints = Lints {
        project,
        graph: &graph,
        out: &mut out,
    };
    lints.components();
    lints.long_names();
    lints.layer_cycles();
    lints.connections();
    lints.decisions();
    lints.public_reachability();
    lints.availability();
    lints.topology();
    lints.sections();
    out.sort_by_key(|d| d.level);
    out
}

struct Lints<'a> {
    project: &'a Project,
    graph: &'a Graph,
    out: &'a mut Vec<Diagnostic>,
}

fn level_of(code: &'static str) -> Level {
    rule_for(code).map_or(Level::Warning, |r| r.level)
}

fn component_place(component: &Component) -> Place {
    Place::Component { id: component.id.0 }
}

fn who(component: &Component) -> String {
    if component.name.trim().is_empty() {
        format!("component {}", component.id.0)
    } else {
        format!("component \"{}\"", component.name)
    }
}

fn decision_name(decision: &Decision) -> String {
    if decision.title.trim().is_empty() {
        format!("decision {}", decision.number)
    } else {
        format!("decision {} \"{}\"", decision.number, decision.title)
    }
}

/// Components that count as passing a guard: those in an integration or
/// security layer.
fn guard_layer(kind: Option<LayerKind>) -> bool {
    matches!(kind, Some(LayerKind::Integration | LayerKind::Security))
}

fn persistent(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::Database | ComponentKind::ObjectStorage | ComponentKind::BlockStorage
    )
}

impl Lints<'_> {
    fn push(&mut self, code: &'static str, place: Place, message: String) {
        self.out.push(Diagnostic {
            level: level_of(code),
            code,
            message,
            place,
        });
    }

    fn name_of(&self, node: usize) -> String {
        let component = &self.project.components[node];
        if component.name.trim().is_empty() {
            format!("component {}", component.id.0)
        } else {
            component.name.clone()
        }
    }

    /// L007: a name a diagram can only draw as a wide, tall block of text.
    /// The diagrams draw it whole (a box widens to a few columns, then
    /// grows taller), so the lint is where the reader is told to move the
    /// detail elsewhere.
    fn long_names(&mut self) {
        for component in &self.project.components {
            let length = component.name.chars().count();
            if length <= LONGEST_NAME {
                continue;
            }
            // The message names the component by its opening words: a
            // name this long would fill the problems list.
            let opening: String = crate::layout::text::single_spaced(&component.name)
                .chars()
                .take(OPENING_WORDS)
                .collect();
            self.push(
                "L007",
                component_place(component),
                format!(
                    "component {} (\"{opening}…\") has a name of {length} characters: diagrams draw it whole, as a \
                     block of text up to {} columns wide; keep the name to what a reader needs to recognise it (at \
                     most {LONGEST_NAME} characters) and move the rest to its description",
                    component.id.0,
                    crate::layout::MOST_COLUMNS
                ),
            );
        }
    }

    /// L001–L003, L023–L025, L044: what each component should state.
    fn components(&mut self) {
        let project = self.project;
        let any_cost = project
            .components
            .iter()
            .any(|c| !c.kind.is_outside() && c.cost.is_stated());
        for component in &project.components {
            if component.kind.is_outside() {
                continue;
            }
            let place = component_place(component);
            let who = who(component);
            // A template question is not an answer: the checks below judge
            // what is stated, and L044 lists what is still asked.
            let unanswered = crate::templates::unanswered_fields(component);
            let answered;
            let component = if unanswered.is_empty() {
                component
            } else {
                self.push(
                    "L044",
                    place.clone(),
                    format!(
                        "{who} still has template questions in {}: answer them, or clear the fields that do not apply",
                        unanswered.join(", ")
                    ),
                );
                answered = crate::templates::answered_only(component);
                &answered
            };
            if component.responsibilities.is_empty() {
                self.push(
                    "L001",
                    place.clone(),
                    format!("{who} has no responsibilities: say what it manages, provides and exposes"),
                );
            }
            let lifecycle = &component.lifecycle;
            let missing: Vec<&str> = [
                (lifecycle.provisioner.trim().is_empty(), "provisioner"),
                (lifecycle.update_strategy.trim().is_empty(), "update strategy"),
            ]
            .into_iter()
            .filter_map(|(missing, what)| missing.then_some(what))
            .collect();
            if !missing.is_empty() {
                self.push(
                    "L002",
                    place.clone(),
                    format!(
                        "{who} has no {} in its lifecycle: state how it is provisioned and how it is updated",
                        missing.join(" and no ")
                    ),
                );
            }
            if component.layer.is_none() {
                self.push(
                    "L003",
                    place.clone(),
                    format!(
                        "{who} is in no layer: put it in the layer it belongs to (edge, network, compute, data, ...)"
                    ),
                );
            }
            if component.kind.holds_data() && component.backup.is_none() {
                if persistent(component.kind) {
                    self.push(
                        "L023",
                        place.clone(),
                        format!(
                            "{who} holds data but has no backup: record its backup frequency, retention and location"
                        ),
                    );
                } else {
                    self.push(
                        "L024",
                        place.clone(),
                        format!(
                            "{who} ({}) has no backup: record one, or a backup entry saying how its content is rebuilt after a loss",
                            component.kind.label().to_lowercase()
                        ),
                    );
                }
            }
            if any_cost && !component.cost.is_stated() {
                self.push(
                    "L025",
                    place,
                    format!("{who} has no cost while other components have one: estimate its monthly cost (current or proposed)"),
                );
            }
        }
    }

    /// L005: components nothing depends on and that depend on nothing;
    /// L006: queues and event buses written to and never read.
    fn connections(&mut self) {
        let project = self.project;
        let graph = self.graph;
        // A lone component has nothing to connect to yet.
        if project.components.len() < 2 {
            return;
        }
        for (node, component) in project.components.iter().enumerate() {
            if component.kind.is_outside() {
                continue;
            }
            if graph.outgoing(node).is_empty() && graph.incoming(node).is_empty() {
                self.push(
                    "L005",
                    component_place(component),
                    format!(
                        "{} has no dependencies at all: connect it to what uses it and what it uses, or remove it \
                         if nothing does",
                        who(component)
                    ),
                );
            }
        }
        let is_queue = |node: usize| {
            matches!(
                project.components[node].kind,
                ComponentKind::Queue | ComponentKind::EventBus
            )
        };
        let mut queue_edges: HashMap<(usize, usize), Vec<&Dependency>> = HashMap::new();
        for dependency in &project.dependencies {
            if let (Some(&from), Some(&to)) = (graph.index.get(&dependency.from), graph.index.get(&dependency.to))
                && (is_queue(from) || is_queue(to))
            {
                queue_edges.entry((from, to)).or_default().push(dependency);
            }
        }
        let between = |from: usize, to: usize| queue_edges.get(&(from, to)).map_or(&[][..], Vec::as_slice);
        for (node, component) in project.components.iter().enumerate() {
            if !is_queue(node) {
                continue;
            }
            let reads = |from: usize| reads_queue(project.components[from].kind, between(from, node));
            let writers: Vec<usize> = graph
                .incoming(node)
                .iter()
                .copied()
                .filter(|&from| !reads(from))
                .collect();
            let delivers = |to: usize| between(node, to).iter().any(|d| d.kind != DependencyKind::Replication);
            let read =
                graph.outgoing(node).iter().any(|&to| delivers(to)) || writers.len() < graph.incoming(node).len();
            if writers.is_empty() || read {
                continue;
            }
            let names: Vec<String> = writers.iter().take(4).map(|&n| self.name_of(n)).collect();
            self.push(
                "L006",
                component_place(component),
                format!(
                    "{} is written to ({}) but nothing reads it: add the consumer (a dependency from the consumer \
                     labelled e.g. \"polls jobs\", or from the {} to the subscriber it delivers to)",
                    who(component),
                    names.join(", "),
                    component.kind.label().to_lowercase()
                ),
            );
        }
    }

    /// L004: strongly connected components of the graph restricted to
    /// dependencies whose ends share a layer.
    fn layer_cycles(&mut self) {
        let project = self.project;
        let count = self.graph.len();
        let layer_of: Vec<Option<LayerId>> = project.components.iter().map(|c| c.layer).collect();
        let same_layer = |from: usize, to: usize| layer_of[from].is_some() && layer_of[from] == layer_of[to];
        let mut offsets = vec![0usize; count + 1];
        let mut targets = Vec::new();
        for node in 0..count {
            targets.extend(
                self.graph
                    .outgoing(node)
                    .iter()
                    .copied()
                    .filter(|&to| same_layer(node, to)),
            );
            offsets[node + 1] = targets.len();
        }
        for mut members in strongly_connected(count, &offsets, &targets) {
            members.sort_unstable();
            let first = &project.components[members[0]];
            let layer = first
                .layer
                .and_then(|l| project.layer(l))
                .map_or_else(String::new, |l| format!(" in layer \"{}\"", l.name));
            let mut names: Vec<String> = members.iter().take(8).map(|&n| self.name_of(n)).collect();
            if members.len() > 8 {
                names.push(format!("{} more", members.len() - 8));
            }
            self.push(
                "L004",
                component_place(first),
                format!(
                    "{} components{layer} depend on each other in a cycle ({}): break the cycle, e.g. make one \
                     call asynchronous or move shared state into a lower layer",
                    members.len(),
                    names.join(", ")
                ),
            );
        }
    }

    /// L010–L014.
    fn decisions(&mut self) {
        let project = self.project;
        let by_id: HashMap<DecisionId, &Decision> = project.decisions.iter().map(|d| (d.id, d)).collect();
        for decision in &project.decisions {
            let place = Place::Decision { id: decision.id.0 };
            let name = decision_name(decision);
            match decision.options.len() {
                0 => self.push(
                    "L010",
                    place.clone(),
                    format!("{name} has no options: list the alternatives considered, with pros and cons"),
                ),
                1 => self.push(
                    "L011",
                    place.clone(),
                    format!("{name} has only one option: add the alternatives that were considered (including doing nothing)"),
                ),
                _ => {}
            }
            if decision.status == DecisionStatus::Accepted {
                let mut missing = Vec::new();
                if decision.chosen.is_none() {
                    missing.push("a chosen option");
                }
                if decision.rationale.trim().is_empty() {
                    missing.push("a rationale");
                }
                if !missing.is_empty() {
                    self.push(
                        "L012",
                        place.clone(),
                        format!(
                            "{name} is accepted without {}: record what was chosen and why",
                            missing.join(" and without ")
                        ),
                    );
                }
            }
            if let DecisionStatus::Superseded { by } = decision.status {
                // A missing or self successor is structural (S004, S006).
                let Some(successor) = by_id.get(&by).filter(|s| s.id != decision.id) else {
                    continue;
                };
                match successor.status {
                    DecisionStatus::Accepted => {}
                    DecisionStatus::Superseded { .. } => {
                        if superseded_chain_loops(&by_id, decision.id) {
                            self.push(
                                "L014",
                                place,
                                format!(
                                    "{name} is superseded by {}, whose chain of successors leads back to it: \
                                     give the chain an accepted decision at its end",
                                    decision_name(successor)
                                ),
                            );
                        }
                    }
                    status => self.push(
                        "L013",
                        place,
                        format!(
                            "{name} is superseded by {}, which is {}: accept the successor, or set this \
                             decision back to accepted until it is",
                            decision_name(successor),
                            status.label().to_lowercase()
                        ),
                    ),
                }
            }
        }
    }

    /// L020, L021: data reachable from the public edge without passing an
    /// integration or security layer component, and public data.
    ///
    /// Sources: components with public exposure, components in an edge
    /// layer, and users. One breadth-first search from all sources that
    /// never expands a guard (a component in an integration or security
    /// layer): whatever it reaches, it reaches along a path with no guard.
    fn public_reachability(&mut self) {
        let project = self.project;
        let count = self.graph.len();
        let layer_kinds: HashMap<LayerId, LayerKind> = project.layers.iter().map(|l| (l.id, l.kind)).collect();
        let kind_of = |node: usize| {
            project.components[node]
                .layer
                .and_then(|l| layer_kinds.get(&l).copied())
        };
        const UNSEEN: usize = usize::MAX;
        let mut parent = vec![UNSEEN; count];
        let mut queue = Vec::new();
        for (node, component) in project.components.iter().enumerate() {
            if component.exposure == Exposure::Public
                || kind_of(node) == Some(LayerKind::Edge)
                || component.kind == ComponentKind::User
            {
                parent[node] = node;
                queue.push(node);
            }
        }
        let mut head = 0;
        while let Some(&node) = queue.get(head) {
            head += 1;
            if guard_layer(kind_of(node)) {
                continue;
            }
            for &next in self.graph.outgoing(node) {
                if parent[next] == UNSEEN {
                    parent[next] = node;
                    queue.push(next);
                }
            }
        }
        for node in 0..count {
            let component = &project.components[node];
            if !component.kind.holds_data() {
                continue;
            }
            if component.exposure == Exposure::Public {
                self.push(
                    "L021",
                    component_place(component),
                    format!(
                        "{} holds data and is marked public: make it private or internal and reach it through \
                         the application, an API gateway or a CDN with origin access control",
                        who(component)
                    ),
                );
                continue;
            }
            if parent[node] == UNSEEN || guard_layer(kind_of(node)) {
                continue;
            }
            let mut path = vec![node];
            let mut current = node;
            while parent[current] != current && path.len() <= count {
                current = parent[current];
                path.push(current);
            }
            path.reverse();
            let route: Vec<String> = path.iter().map(|&n| self.name_of(n)).collect();
            let message = if path.len() == 1 {
                format!(
                    "{} holds data and sits on the public edge: move it behind an integration or security layer \
                     component (load balancer, API gateway, WAF in a security layer)",
                    who(component)
                )
            } else {
                format!(
                    "{} is reachable from the public edge without passing an integration or security layer \
                     component: {}; route this path through a load balancer, API gateway or security control",
                    who(component),
                    route.join(" → ")
                )
            };
            self.push("L020", component_place(component), message);
        }
    }

    /// L022: a data store in one availability zone with no other component
    /// of the same kind and layer in a different availability zone and no
    /// replication dependency to a component in another one. Data stores
    /// placed outside availability zones (regional services, or zones that
    /// are not nested in an availability zone) are not judged.
    ///
    /// L026: a layer whose every component sits in one availability zone.
    fn availability(&mut self) {
        let project = self.project;
        let graph = self.graph;
        let mut zones_by_group: HashMap<(ComponentKind, Option<LayerId>), HashSet<ZoneId>> = HashMap::new();
        for (node, component) in project.components.iter().enumerate() {
            if component.kind.holds_data() && !graph.availability_zones[node].is_empty() {
                zones_by_group
                    .entry((component.kind, component.layer))
                    .or_default()
                    .extend(graph.availability_zones[node].iter().copied());
            }
        }
        let replication: HashSet<(usize, usize)> = project
            .dependencies
            .iter()
            .filter(|d| d.kind == DependencyKind::Replication)
            .filter_map(|d| Some((*graph.index.get(&d.from)?, *graph.index.get(&d.to)?)))
            .flat_map(|(a, b)| [(a, b), (b, a)])
            .collect();
        let replicated_elsewhere = |node: usize, az: ZoneId| {
            graph.outgoing(node).iter().chain(graph.incoming(node)).any(|&other| {
                graph.availability_zones[other].iter().any(|z| *z != az) && replication.contains(&(node, other))
            })
        };
        for (node, component) in project.components.iter().enumerate() {
            // A store listed in two or more AZs (Multi-AZ) is not single-AZ.
            let [az] = graph.availability_zones[node][..] else {
                continue;
            };
            if !component.kind.holds_data() {
                continue;
            }
            let spread = zones_by_group
                .get(&(component.kind, component.layer))
                .is_some_and(|zones| zones.len() > 1);
            if spread || replicated_elsewhere(node, az) {
                continue;
            }
            let zone = project
                .zone(az)
                .map_or_else(|| az.to_string(), |z| format!("\"{}\"", z.name));
            self.push(
                "L022",
                component_place(component),
                format!(
                    "{} sits in availability zone {zone} and no other {} of its layer is in another zone: add a \
                     standby or replica in a second availability zone (a Replication dependency to it), or, for a \
                     Multi-AZ service, list its second availability zone in its zones",
                    who(component),
                    component.kind.label().to_lowercase()
                ),
            );
        }
        self.unreplicated_counterparts(&zones_by_group, &replicated_elsewhere);
        for domain in blast::single_failure_domains_in(project, graph) {
            if let blast::DomainScope::Layer { layer } = domain.scope {
                self.push("L026", Place::Layer { id: layer.0 }, domain.describe(project));
            }
        }
    }

    /// L027: persistent stores of one kind and layer spread over
    /// availability zones, where some have no replication dependency to a
    /// component in another zone. A second copy in another zone silences
    /// L022, but it only makes the store multi-AZ when replication joins
    /// them. One finding per group, on its first unreplicated member.
    fn unreplicated_counterparts(
        &mut self,
        zones_by_group: &HashMap<StoreGroup, HashSet<ZoneId>>,
        replicated_elsewhere: &dyn Fn(usize, ZoneId) -> bool,
    ) {
        let project = self.project;
        let mut unreplicated: Vec<(StoreGroup, Vec<(usize, ZoneId)>)> = Vec::new();
        for (node, component) in project.components.iter().enumerate() {
            // A store listed in several AZs is a Multi-AZ service in itself.
            let [az] = self.graph.availability_zones[node][..] else {
                continue;
            };
            let group = (component.kind, component.layer);
            let spread = zones_by_group.get(&group).is_some_and(|zones| zones.len() > 1);
            if !persistent(component.kind) || !spread || replicated_elsewhere(node, az) {
                continue;
            }
            match unreplicated.iter_mut().find(|(g, _)| *g == group) {
                Some((_, members)) => members.push((node, az)),
                None => unreplicated.push((group, vec![(node, az)])),
            }
        }
        for ((kind, _), members) in unreplicated {
            let zone_name = |az: ZoneId| project.zone(az).map_or_else(|| az.to_string(), |z| z.name.clone());
            let named: Vec<String> = members
                .iter()
                .take(6)
                .map(|&(node, az)| format!("{} in {}", self.name_of(node), zone_name(az)))
                .collect();
            let first = &project.components[members[0].0];
            self.push(
                "L027",
                component_place(first),
                format!(
                    "{} and other {} stores of its layer sit in different availability zones, but no Replication \
                     dependency joins {}: add a Replication dependency from the primary to each replica; without it \
                     they are separate stores, each a single point of failure",
                    who(first),
                    kind.label().to_lowercase(),
                    named.join(", ")
                ),
            );
        }
    }

    /// L030–L035: what a deployment topology must show: an edge, load
    /// balancing, compute, data, storage and the availability zones.
    fn topology(&mut self) {
        let project = self.project;
        let has = |kinds: &[ComponentKind]| project.components.iter().any(|c| kinds.contains(&c.kind));
        use ComponentKind as K;
        let requirements: [(&'static str, &[ComponentKind], &str); 5] = [
            (
                "L030",
                &[K::Dns, K::Cdn, K::Waf],
                "no DNS or edge component (DNS, CDN, WAF): add how requests reach the system from the internet",
            ),
            (
                "L031",
                &[K::LoadBalancer, K::Gateway],
                "no load balancing: add the load balancer or API gateway that spreads traffic over compute",
            ),
            (
                "L032",
                &[K::Service, K::Function, K::Worker],
                "no compute: add the services, functions or workers that run the application",
            ),
            (
                "L033",
                &[K::Database, K::Cache, K::Queue, K::EventBus],
                "no data components: add the databases, caches and queues the system keeps its state in",
            ),
            (
                "L034",
                &[K::ObjectStorage, K::BlockStorage],
                "no storage: add the object or block storage for files, backups and archives",
            ),
        ];
        for (code, kinds, message) in requirements {
            if !has(kinds) {
                self.push(code, Place::Project, format!("the topology has {message}"));
            }
        }
        let has_az = project.zones.iter().any(|z| z.kind == ZoneKind::AvailabilityZone);
        if !has_az && has(&[K::Service, K::Function, K::Worker]) {
            self.push(
                "L035",
                Place::Project,
                "the topology has compute but no availability zone: add the availability zones the compute layer \
                 runs in (a component spanning several zones lists each of them)"
                    .into(),
            );
        }
    }

    /// L040–L043: the project-wide sections.
    fn sections(&mut self) {
        let project = self.project;
        let section = |name: &str, index: usize| Place::Section {
            section: name.into(),
            item: Some(index + 1),
        };
        for (index, assertion) in project.assertions.iter().enumerate() {
            if assertion.components.is_empty() {
                self.push(
                    "L040",
                    section("assertions", index),
                    format!(
                        "assertion #{} \"{}\" names no component: link the components it is about so it can be tested",
                        index + 1,
                        assertion.title
                    ),
                );
            }
        }
        for (index, threat) in project.security.threats.iter().enumerate() {
            if threat.components.is_empty() {
                self.push(
                    "L041",
                    section("threats", index),
                    format!(
                        "threat #{} \"{}\" names no component: link the components it threatens",
                        index + 1,
                        threat.threat
                    ),
                );
            }
        }
        for (index, question) in project.open_questions.iter().enumerate() {
            if question.impact.trim().is_empty() {
                self.push(
                    "L042",
                    section("open_questions", index),
                    format!(
                        "open question #{} \"{}\" has no impact: say what it blocks or changes",
                        index + 1,
                        question.question
                    ),
                );
            }
        }
        let mut first_definition: HashMap<String, usize> = HashMap::new();
        for (index, term) in project.vocabulary.iter().enumerate() {
            let key = term.term.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = first_definition.get(&key) {
                self.push(
                    "L043",
                    section("vocabulary", index),
                    format!(
                        "the term \"{}\" is defined twice (entries #{} and #{}): merge the definitions into one",
                        term.term.trim(),
                        first + 1,
                        index + 1
                    ),
                );
            } else {
                first_definition.insert(key, index);
            }
        }
    }
}

const READ_WORDS: &[&str] = &[
    "poll", "consum", "read", "receiv", "subscrib", "pull", "dequeue", "drain", "listen", "process", "fetch",
];
const WRITE_WORDS: &[&str] = &[
    "enqueue", "publish", "send", "write", "put", "emit", "push", "produc", "post",
];

/// Whether the dependencies from a component of kind `from` into a queue
/// or bus read it. Producers and consumers both depend on a queue, so the
/// label decides by its first verb ("polls", "consumes" read; "enqueues",
/// "publishes" write); an unlabelled dependency from a worker or function
/// counts as reading, since those are what consume queues.
fn reads_queue(from: ComponentKind, dependencies: &[&Dependency]) -> bool {
    let mut any_write = false;
    for dependency in dependencies {
        match first_verb(&dependency.label.to_lowercase()) {
            Some(Verb::Read) => return true,
            Some(Verb::Write) => any_write = true,
            None => {}
        }
    }
    !any_write && matches!(from, ComponentKind::Worker | ComponentKind::Function)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Read,
    Write,
}

/// The first word of `label` that starts like a reading or a writing verb
/// ("enqueues jobs to be processed" writes).
fn first_verb(label: &str) -> Option<Verb> {
    let words = label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    for word in words {
        if READ_WORDS.iter().any(|stem| word.starts_with(stem)) {
            return Some(Verb::Read);
        }
        if WRITE_WORDS.iter().any(|stem| word.starts_with(stem)) {
            return Some(Verb::Write);
        }
    }
    None
}

/// Data stores that stand in for each other: one kind in one layer.
type StoreGroup = (ComponentKind, Option<LayerId>);

fn superseded_chain_loops(by_id: &HashMap<DecisionId, &Decision>, start: DecisionId) -> bool {
    let mut current = start;
    for _ in 0..=by_id.len() {
        let Some(decision) = by_id.get(&current) else {
            return false;
        };
        match decision.status {
            DecisionStatus::Superseded { by } if by == start => return true,
            DecisionStatus::Superseded { by } => current = by,
            _ => return false,
        }
    }
    false
}

/// Strongly connected components with more than one member (Tarjan's
/// algorithm, iterative so deep graphs cannot overflow the stack), over a
/// graph in compressed form.
fn strongly_connected(count: usize, offsets: &[usize], targets: &[usize]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let mut order = vec![UNVISITED; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next_order = 0;
    let mut result = Vec::new();
    for root in 0..count {
        if order[root] != UNVISITED || offsets[root] == offsets[root + 1] {
            continue;
        }
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, offsets[root]));
        while let Some(&(node, position)) = calls.last() {
            if position < offsets[node + 1] {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                let next = targets[position];
                if order[next] == UNVISITED {
                    order[next] = next_order;
                    low[next] = next_order;
                    next_order += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    calls.push((next, offsets[next]));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
            } else {
                calls.pop();
                if let Some(&(caller, _)) = calls.last() {
                    low[caller] = low[caller].min(low[node]);
                }
                if low[node] == order[node] {
                    let mut members = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        members.push(member);
                        if member == node {
                            break;
                        }
                    }
                    if members.len() > 1 {
                        result.push(members);
                    }
                }
            }
        }
    }
    result
}

#[cfg(test)]
mod tests;
