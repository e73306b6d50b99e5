//! Mermaid flowcharts. Node and subgraph ids are generated (`n12`, `L3`,
//! `L3Z2`), never the user's text; every label is escaped with Mermaid's
//! entity codes so that whatever a user types renders as typed (rules
//! measured against real Mermaid: tests/mermaid/ESCAPING.md).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::model::*;

/// Mermaid's default limits; GitHub and most viewers do not raise them.
pub const MAX_EDGES: usize = 500;
pub const MAX_TEXT: usize = 50_000;

/// Escapes text for inside `"…"` in a node label, edge label or subgraph
/// title. Returns an empty string for blank text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = '\0';
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '%' => out.push_str("#37;"),
            '\\' => out.push_str("#92;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Mermaid uses `¶ß` and `ﬂ°` as private entity markers; a
            // zero-width space keeps a user's pair from being decoded.
            'ß' if previous == '¶' => out.push_str("#8203;ß"),
            '°' if previous == 'ﬂ' => out.push_str("#8203;°"),
            c => out.push(c),
        }
        previous = ch;
    }
    if out.trim().is_empty() {
        String::new()
    } else {
        out.trim().to_owned()
    }
}

/// A node label: never empty (Mermaid rejects `[""]`).
fn node_label(lines: &[&str]) -> String {
    let parts: Vec<String> = lines.iter().map(|l| escape(l)).filter(|l| !l.is_empty()).collect();
    if parts.is_empty() {
        "#160;".to_owned()
    } else {
        parts.join("<br>")
    }
}

/// Long labels make unreadable boxes and eat the text budget.
fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(max_chars - 1).collect();
        clipped.push('…');
        clipped
    }
}

pub fn node_id(id: ComponentId) -> String {
    format!("n{}", id.0)
}

/// What the topology's text says when some component runs in several zones:
/// a Mermaid node sits in one subgraph only, so it is drawn in the innermost
/// zone that holds all of its zones and its label names them.
pub const MULTI_ZONE_NOTE: &str = "A component that runs in several zones is drawn once, inside the innermost zone that holds all of them, and its label names its zones.";

pub fn has_multi_zone_components(project: &Project) -> bool {
    project.components.iter().any(|c| c.zones.len() > 1)
}

/// `in AZ a + AZ b` for a component in several zones, else nothing.
fn zones_line(project: &Project, component: &Component) -> String {
    if component.zones.len() < 2 {
        return String::new();
    }
    let names: Vec<String> = component
        .zones
        .iter()
        .map(|z| project.zone(*z).map_or_else(|| z.to_string(), |z| clip(&z.name, 30)))
        .collect();
    format!("in {}", names.join(" + "))
}

/// The node declaration for a component, shaped by its kind.
pub fn node(project: &Project, component: &Component) -> String {
    let label = node_label(&[
        &clip(&component.name, 60),
        &clip(&component.technology, 40),
        &zones_line(project, component),
    ]);
    let id = node_id(component.id);
    match component.kind {
        ComponentKind::Database | ComponentKind::Cache | ComponentKind::ObjectStorage | ComponentKind::BlockStorage => {
            format!("{id}[(\"{label}\")]")
        }
        ComponentKind::Queue | ComponentKind::EventBus => format!("{id}[[\"{label}\"]]"),
        ComponentKind::User => format!("{id}([\"{label}\"])"),
        ComponentKind::ExternalSystem => format!("{id}{{{{\"{label}\"}}}}"),
        ComponentKind::LoadBalancer | ComponentKind::Gateway => format!("{id}[/\"{label}\"/]"),
        ComponentKind::Dns | ComponentKind::Cdn | ComponentKind::Waf | ComponentKind::Firewall => {
            format!("{id}(\"{label}\")")
        }
        _ => format!("{id}[\"{label}\"]"),
    }
}

fn arrow(kind: DependencyKind) -> &'static str {
    match kind {
        DependencyKind::Async => "-.->",
        DependencyKind::Replication => "==>",
        _ => "-->",
    }
}

pub fn edge(dependency: &Dependency) -> String {
    let mut text = clip(&dependency.label, 50);
    if !dependency.protocol.trim().is_empty() {
        if text.trim().is_empty() {
            text = clip(&dependency.protocol, 30);
        } else {
            text = format!("{text} ({})", clip(&dependency.protocol, 30));
        }
    }
    let label = escape(&text);
    let (from, to, arrow) = (node_id(dependency.from), node_id(dependency.to), arrow(dependency.kind));
    if label.is_empty() {
        format!("{from} {arrow} {to}")
    } else {
        format!("{from} {arrow}|\"{label}\"| {to}")
    }
}

/// A finished diagram and whether it fits Mermaid's default limits.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub text: String,
    pub edges: usize,
    /// Whether a zone appears in more than one layer's subgraph (its
    /// repeats are titled "…, continued").
    pub repeats_zones: bool,
}

impl Diagram {
    pub fn fits(&self) -> bool {
        self.edges <= MAX_EDGES && self.text.len() <= MAX_TEXT
    }
    /// The diagram inside a Markdown code fence.
    pub fn fenced(&self) -> String {
        format!("```mermaid\n{}```\n", self.text)
    }
    /// How to read the diagram's zones, when one repeats.
    pub fn reading_note(&self) -> Option<&'static str> {
        self.repeats_zones.then_some(ZONES_REPEAT)
    }
}

/// What a diagram draws: a subset of components (all, or one layer's plus
/// their neighbours) with or without layer and zone subgraphs.
struct Scope<'a> {
    project: &'a Project,
    components: Vec<&'a Component>,
    /// Neighbours drawn as plain nodes outside the subgraphs.
    neighbours: Vec<&'a Component>,
    dependencies: Vec<&'a Dependency>,
}

/// A component's zones from outermost to innermost; stops at a missing
/// zone or a cycle, so damaged files still export.
pub(crate) fn zone_chain(zone: Option<ZoneId>, parents: &HashMap<ZoneId, Option<ZoneId>>) -> Vec<ZoneId> {
    let mut chain = Vec::new();
    let mut current = zone;
    while let Some(id) = current {
        if !parents.contains_key(&id) || chain.contains(&id) {
            break;
        }
        chain.push(id);
        current = parents[&id];
    }
    chain.reverse();
    chain
}

/// The zones at `depth` of the members' zone chains, in first-seen order,
/// each with the members inside it: one level of the nested subgraphs
/// (Mermaid) or clusters (DOT).
pub(crate) type ZonedMembers<'a> = Vec<(&'a Component, Vec<ZoneId>)>;

pub(crate) fn zone_groups<'a>(
    members: &[(&'a Component, Vec<ZoneId>)],
    depth: usize,
) -> Vec<(ZoneId, ZonedMembers<'a>)> {
    let mut groups: Vec<(ZoneId, ZonedMembers<'a>)> = Vec::new();
    for (component, chain) in members {
        let Some(zone) = chain.get(depth) else { continue };
        match groups.iter_mut().find(|(id, _)| id == zone) {
            Some((_, inner)) => inner.push((component, chain.clone())),
            None => groups.push((*zone, vec![(component, chain.clone())])),
        }
    }
    groups
}

/// How to read a layer-first diagram whose zones span layers.
pub const ZONES_REPEAT: &str = "The outer boxes are the layers, as in the spec template; zones sit inside them. \
A zone with components in several layers is drawn in each of those layers: the first box is the zone, and the \
boxes titled \"…, continued\" are the same zone again, not another one.";

/// Emits nested zone subgraphs for the components of one layer. `seen`
/// holds the zones already drawn in an earlier layer: a repeat is titled
/// as a continuation so a reader does not take it for a second zone.
fn zone_tree(
    out: &mut String,
    project: &Project,
    prefix: &str,
    members: &[(&Component, Vec<ZoneId>)],
    depth: usize,
    indent: usize,
    seen: &mut HashSet<ZoneId>,
) {
    let pad = "    ".repeat(indent);
    // Components whose chain ends at this depth sit here directly.
    for (component, chain) in members {
        if chain.len() == depth {
            let _ = writeln!(out, "{pad}{}", node(project, component));
        }
    }
    for (zone_id, inner) in zone_groups(members, depth) {
        let title = project
            .zone(zone_id)
            .map(|z| {
                let name = clip(&z.name, 60);
                if z.kind == ZoneKind::Custom {
                    name
                } else {
                    format!("{name} ({})", z.kind.label())
                }
            })
            .unwrap_or_default();
        let title = if seen.insert(zone_id) {
            title
        } else {
            format!("{title}, continued")
        };
        let title = escape(&title);
        let title = if title.is_empty() { "#160;".to_owned() } else { title };
        let _ = writeln!(out, "{pad}subgraph {prefix}Z{}[\"{title}\"]", zone_id.0);
        zone_tree(out, project, prefix, &inner, depth + 1, indent + 1, seen);
        let _ = writeln!(out, "{pad}end");
    }
}

fn render(scope: &Scope, direction: &str, with_layers: bool) -> Diagram {
    let project = scope.project;
    let mut out = String::with_capacity(64 * scope.components.len() + 64 * scope.dependencies.len() + 64);
    let _ = writeln!(out, "flowchart {direction}");
    let mut repeats_zones = false;
    if with_layers && scope.components.iter().any(|c| c.zones.len() > 1) {
        let _ = writeln!(out, "    %% {MULTI_ZONE_NOTE}");
    }
    if with_layers {
        let mut seen = HashSet::new();
        let parents: HashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
        let layer_order: HashMap<LayerId, usize> = project.layers.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        let mut by_layer: Vec<Vec<(&Component, Vec<ZoneId>)>> = vec![Vec::new(); project.layers.len() + 1];
        for component in &scope.components {
            let slot = component
                .layer
                .and_then(|l| layer_order.get(&l).copied())
                .unwrap_or(project.layers.len());
            by_layer[slot].push((component, zone_chain(project.home_zone(component), &parents)));
        }
        for (index, members) in by_layer.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let title = project
                .layers
                .get(index)
                .map_or("Unassigned".to_owned(), |l| clip(&l.name, 60));
            let title = escape(&title);
            let title = if title.is_empty() { "#160;".to_owned() } else { title };
            let prefix = format!("L{}", index + 1);
            let _ = writeln!(out, "    subgraph {prefix}[\"{title}\"]");
            let before = seen.len();
            let zones_here = members
                .iter()
                .flat_map(|(_, chain)| chain.iter().copied())
                .collect::<HashSet<ZoneId>>()
                .len();
            zone_tree(&mut out, project, &prefix, members, 0, 2, &mut seen);
            repeats_zones |= seen.len() - before < zones_here;
            let _ = writeln!(out, "    end");
        }
    } else {
        for component in &scope.components {
            let _ = writeln!(out, "    {}", node(project, component));
        }
    }
    for neighbour in &scope.neighbours {
        let _ = writeln!(out, "    {}", node(project, neighbour));
    }
    for dependency in &scope.dependencies {
        let _ = writeln!(out, "    {}", edge(dependency));
    }
    if !scope.neighbours.is_empty() {
        let ids: Vec<String> = scope.neighbours.iter().map(|c| node_id(c.id)).collect();
        let _ = writeln!(out, "    classDef outside stroke-dasharray: 4 3,opacity:0.7");
        let _ = writeln!(out, "    class {} outside", ids.join(","));
    }
    if repeats_zones {
        // A Mermaid comment under the first line: the `.mmd` file says how
        // to read it too.
        let after_header = out.find('\n').map_or(out.len(), |end| end + 1);
        out.insert_str(after_header, &format!("    %% {ZONES_REPEAT}\n"));
    }
    Diagram {
        text: out,
        edges: scope.dependencies.len(),
        repeats_zones,
    }
}

fn existing_dependencies(project: &Project) -> Vec<&Dependency> {
    // A damaged project may have dangling ends; Mermaid would invent a node.
    let ids: std::collections::HashSet<ComponentId> = project.components.iter().map(|c| c.id).collect();
    project
        .dependencies
        .iter()
        .filter(|d| ids.contains(&d.from) && ids.contains(&d.to))
        .collect()
}

/// The deployment topology: one subgraph per layer in layer order, zones
/// nested inside, labelled edges.
pub fn topology(project: &Project) -> Diagram {
    let scope = Scope {
        project,
        components: project.components.iter().collect(),
        neighbours: Vec::new(),
        dependencies: existing_dependencies(project),
    };
    render(&scope, "TB", true)
}

/// One layer: its components in their zones, plus the components of other
/// layers they talk to (dashed), when that still fits Mermaid's limits.
pub fn layer(project: &Project, layer: LayerId) -> Diagram {
    let members: Vec<&Component> = project.components.iter().filter(|c| c.layer == Some(layer)).collect();
    let inside: std::collections::HashSet<ComponentId> = members.iter().map(|c| c.id).collect();
    let all = existing_dependencies(project);
    let touching: Vec<&Dependency> = all
        .iter()
        .copied()
        .filter(|d| inside.contains(&d.from) || inside.contains(&d.to))
        .collect();
    let neighbour_ids: std::collections::HashSet<ComponentId> = touching
        .iter()
        .flat_map(|d| [d.from, d.to])
        .filter(|end| !inside.contains(end))
        .collect();
    let neighbours: Vec<&Component> = project
        .components
        .iter()
        .filter(|c| neighbour_ids.contains(&c.id))
        .collect();
    // Past the edge limit the neighbours cannot fit anyway: skip drawing
    // a diagram only to throw it away.
    if touching.len() <= MAX_EDGES {
        let with_neighbours = render(
            &Scope {
                project,
                components: members.clone(),
                neighbours,
                dependencies: touching,
            },
            "TB",
            true,
        );
        if with_neighbours.fits() {
            return with_neighbours;
        }
    }
    let internal: Vec<&Dependency> = all
        .into_iter()
        .filter(|d| inside.contains(&d.from) && inside.contains(&d.to))
        .collect();
    render(
        &Scope {
            project,
            components: members,
            neighbours: Vec::new(),
            dependencies: internal,
        },
        "TB",
        true,
    )
}

/// Who depends on whom, without layers or zones (responsibilities.md).
pub fn dependencies(project: &Project) -> Diagram {
    let dependencies = existing_dependencies(project);
    let connected: std::collections::HashSet<ComponentId> = dependencies.iter().flat_map(|d| [d.from, d.to]).collect();
    let scope = Scope {
        project,
        components: project
            .components
            .iter()
            .filter(|c| connected.contains(&c.id))
            .collect(),
        neighbours: Vec::new(),
        dependencies,
    };
    render(&scope, "LR", false)
}

/// The CI/CD pipeline as a left-to-right flow; approval gates are diamonds
/// with a "Yes" edge onward and a "No" edge to the stage named in
/// `on_reject`.
pub fn pipeline(deployment: &Deployment) -> Option<Diagram> {
    if deployment.pipeline.is_empty() {
        return None;
    }
    let mut out = String::from("flowchart LR\n");
    let mut edges = 0;
    let stages = &deployment.pipeline;
    for (index, stage) in stages.iter().enumerate() {
        let label = node_label(&[&clip(&stage.name, 60)]);
        if stage.approval_gate {
            let _ = writeln!(out, "    s{index}{{\"{label}\"}}");
        } else {
            let _ = writeln!(out, "    s{index}[\"{label}\"]");
        }
    }
    for (index, stage) in stages.iter().enumerate() {
        if index + 1 < stages.len() {
            if stage.approval_gate {
                let _ = writeln!(out, "    s{index} -->|\"Yes\"| s{}", index + 1);
            } else {
                let _ = writeln!(out, "    s{index} --> s{}", index + 1);
            }
            edges += 1;
        }
        if stage.approval_gate && !stage.on_reject.trim().is_empty() {
            let wanted = stage.on_reject.trim();
            match stages.iter().position(|s| s.name.trim().eq_ignore_ascii_case(wanted)) {
                Some(target) => {
                    let _ = writeln!(out, "    s{index} -->|\"No\"| s{target}");
                    edges += 1;
                }
                None => {
                    let label = node_label(&[&clip(wanted, 60)]);
                    let _ = writeln!(out, "    r{index}[\"{label}\"]");
                    let _ = writeln!(out, "    s{index} -->|\"No\"| r{index}");
                    edges += 1;
                }
            }
        }
    }
    Some(Diagram {
        text: out,
        edges,
        repeats_zones: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_mermaid_would_misread() {
        assert_eq!(escape("say \"hi\""), "say #quot;hi#quot;");
        assert_eq!(escape("List<String> & #1"), "List#lt;String#gt; #amp; #35;1");
        assert_eq!(escape("`code` 100% a\\b"), "#96;code#96; 100#37; a#92;b");
        assert_eq!(escape("two\nlines"), "two<br>lines");
        assert_eq!(escape("  \u{7}  "), "");
        assert_eq!(escape("end"), "end");
        assert_eq!(escape("¶ß"), "¶#8203;ß");
        assert_eq!(escape("東京 🚀"), "東京 🚀");
    }

    #[test]
    fn ids_never_come_from_user_text() {
        let component = Component {
            id: ComponentId(7),
            name: "end".into(),
            ..Component::default()
        };
        assert_eq!(node(&Project::default(), &component), "n7[\"end\"]");
        let blank = Component {
            id: ComponentId(8),
            name: " ".into(),
            kind: ComponentKind::Database,
            ..Component::default()
        };
        assert_eq!(node(&Project::default(), &blank), "n8[(\"#160;\")]");
    }

    #[test]
    fn the_topology_nests_zones_inside_layers() {
        let project = crate::synth::generate(30);
        let diagram = topology(&project);
        // The synthetic region spans layers and has multi-AZ components:
        // the notes on how to read both come right under the header.
        assert!(diagram.repeats_zones);
        let notes = format!("flowchart TB\n    %% {ZONES_REPEAT}\n    %% {MULTI_ZONE_NOTE}\n    subgraph L1[\"Edge\"]");
        assert!(diagram.text.starts_with(&notes), "{}", diagram.text);
        assert!(diagram.text.contains("subgraph L4Z1[\"eu-west-1 (Region)\"]") || diagram.text.contains("(Region)"));
        let opens = diagram.text.matches("subgraph ").count();
        let closes = diagram.text.lines().filter(|l| l.trim() == "end").count();
        assert_eq!(opens, closes);
        assert_eq!(diagram.edges, 45);
        assert!(diagram.fits());
    }

    #[test]
    fn big_topologies_do_not_fit() {
        let project = crate::synth::generate(400);
        assert!(!topology(&project).fits(), "600 edges is over Mermaid's limit");
    }
}
