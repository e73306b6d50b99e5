//! Graphviz DOT of the topology: one cluster per layer, zone clusters
//! nested inside (a zone that spans layers appears once per layer, since
//! Graphviz clusters must nest strictly).

use std::collections::HashMap;
use std::fmt::Write;

use crate::model::*;

/// Escapes text for inside a double-quoted DOT string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cluster(
    out: &mut String,
    project: &Project,
    prefix: &str,
    members: &[(&Component, Vec<ZoneId>)],
    depth: usize,
    indent: usize,
) {
    let pad = "  ".repeat(indent);
    for (component, zones) in members {
        if zones.len() == depth {
            let label = if component.technology.trim().is_empty() {
                component.name.clone()
            } else {
                format!("{}\n{}", component.name, component.technology)
            };
            let shape = match component.kind {
                ComponentKind::Database
                | ComponentKind::Cache
                | ComponentKind::ObjectStorage
                | ComponentKind::BlockStorage => "cylinder",
                ComponentKind::User => "oval",
                ComponentKind::ExternalSystem => "box3d",
                ComponentKind::Queue | ComponentKind::EventBus => "cds",
                ComponentKind::LoadBalancer | ComponentKind::Gateway => "hexagon",
                _ => "box",
            };
            let _ = writeln!(
                out,
                "{pad}n{} [label={}, shape={shape}];",
                component.id.0,
                quote(&label)
            );
        }
    }
    for (zone, inner) in super::mermaid::zone_groups(members, depth) {
        let title = project
            .zone(zone)
            .map(|z| format!("{} ({})", z.name, z.kind.label()))
            .unwrap_or_default();
        let _ = writeln!(out, "{pad}subgraph cluster_{prefix}_z{} {{", zone.0);
        let _ = writeln!(
            out,
            "{pad}  label={}; style=\"rounded,dashed\"; color=\"#666666\";",
            quote(&title)
        );
        cluster(out, project, prefix, &inner, depth + 1, indent + 1);
        let _ = writeln!(out, "{pad}}}");
    }
}

pub fn topology(project: &Project) -> String {
    let mut out = String::with_capacity(120 * project.components.len() + 60 * project.dependencies.len() + 512);
    out.push_str("digraph topology {\n");
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, rankdir=TB, fontname=\"Helvetica\"];",
        quote(&project.meta.name)
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n");
    let parents: HashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    let order: HashMap<LayerId, usize> = project.layers.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let mut by_layer: Vec<Vec<(&Component, Vec<ZoneId>)>> = vec![Vec::new(); project.layers.len() + 1];
    for component in &project.components {
        let slot = component
            .layer
            .and_then(|l| order.get(&l).copied())
            .unwrap_or(project.layers.len());
        by_layer[slot].push((
            component,
            super::mermaid::zone_chain(project.home_zone(component), &parents),
        ));
    }
    for (index, members) in by_layer.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let (name, fill) = match project.layers.get(index) {
            Some(layer) => (layer.name.as_str(), super::svg::band_fill(layer.kind)),
            None => ("Unassigned", super::svg::band_fill(LayerKind::Custom)),
        };
        let _ = writeln!(out, "  subgraph cluster_l{} {{", index + 1);
        let _ = writeln!(
            out,
            "    label={}; style=filled; fillcolor=\"{fill}\"; color=\"#cccccc\";",
            quote(name)
        );
        cluster(&mut out, project, &format!("l{}", index + 1), members, 0, 2);
        out.push_str("  }\n");
    }
    let ids: std::collections::HashSet<ComponentId> = project.components.iter().map(|c| c.id).collect();
    for dependency in &project.dependencies {
        if !ids.contains(&dependency.from) || !ids.contains(&dependency.to) {
            continue;
        }
        let mut label = dependency.label.clone();
        if !dependency.protocol.trim().is_empty() {
            label = if label.trim().is_empty() {
                dependency.protocol.clone()
            } else {
                format!("{} ({})", label, dependency.protocol)
            };
        }
        let style = match dependency.kind {
            DependencyKind::Async => ", style=dashed",
            DependencyKind::Replication => ", penwidth=2",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  n{} -> n{} [label={}{style}];",
            dependency.from.0,
            dependency.to.0,
            quote(&label)
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn clusters_balance() {
        let dot = topology(&crate::synth::generate(40));
        assert_eq!(dot.matches('{').count(), dot.matches('}').count());
        assert!(dot.contains("subgraph cluster_l4 {"));
    }
}
