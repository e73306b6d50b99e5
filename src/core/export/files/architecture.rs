//! `architecture.md`: the layer view, zones and the blast radius.

use super::*;

pub fn architecture(l: &Lookup) -> String {
    let p = l.project;
    let topology = l.topology();
    let layer_diagrams = l.layer_diagrams();
    let mut out = Markdown::new();
    out.header(p, "Architecture");
    out.push_str("## Deployment topology\n\n");
    multi_zone_note(&mut out, p);
    if p.components.is_empty() {
        out.push_str("No components on the topology yet.\n\n");
    } else if topology.fits() {
        diagram_section(&mut out, topology, "diagrams/topology.svg", "");
    } else {
        writeln!(
            out,
            "The whole topology is too large for one Mermaid diagram ({} dependencies, {} characters; Mermaid's default limits are {} and {}), so it is split into one diagram per layer below. The whole topology is in [diagrams/topology.svg](diagrams/topology.svg) and [diagrams/topology.dot](diagrams/topology.dot).\n",
            topology.edges,
            topology.text.len(),
            mermaid::MAX_EDGES,
            mermaid::MAX_TEXT
        );
        svg_image(&mut out, "diagrams/topology.svg");
    }

    let component_layer: HashMap<ComponentId, Option<LayerId>> = p.components.iter().map(|c| (c.id, c.layer)).collect();
    out.push_str("## Layers\n\n");
    if p.layers.is_empty() {
        out.push_str("No layers defined yet.\n\n");
    }
    for (index, layer) in p.layers.iter().enumerate() {
        writeln!(out, "### {} layer\n", name_of(&layer.name));
        let description = block(&layer.description);
        if !description.is_empty() {
            writeln!(out, "{description}\n");
        }
        let members: Vec<&Component> = p.components.iter().filter(|c| c.layer == Some(layer.id)).collect();
        let names: Vec<String> = members
            .iter()
            .map(|c| {
                let tech = inline(&c.technology);
                if tech.is_empty() {
                    name_of(&c.name)
                } else {
                    format!("{} ({tech})", name_of(&c.name))
                }
            })
            .collect();
        writeln!(
            out,
            "- **Components:** {}",
            if names.is_empty() {
                "_none yet_".to_owned()
            } else {
                names.join(", ")
            }
        );
        writeln!(out, "- **Isolation:** {}", or_gap(&layer.isolation, "not stated"));
        writeln!(out, "- **Security:** {}", or_gap(&layer.security, "not stated"));
        writeln!(out, "- **Scaling:** {}", or_gap(&layer.scaling, "not stated"));
        let inside: HashSet<ComponentId> = members.iter().map(|c| c.id).collect();
        let mut needs: Vec<LayerId> = Vec::new();
        let mut used_by: Vec<LayerId> = Vec::new();
        for dependency in &p.dependencies {
            if inside.contains(&dependency.from)
                && let Some(Some(other)) = component_layer.get(&dependency.to)
                && *other != layer.id
                && !needs.contains(other)
            {
                needs.push(*other);
            }
            if inside.contains(&dependency.to)
                && let Some(Some(other)) = component_layer.get(&dependency.from)
                && *other != layer.id
                && !used_by.contains(other)
            {
                used_by.push(*other);
            }
        }
        let in_order = |ids: &Vec<LayerId>| {
            let names: Vec<String> = p
                .layers
                .iter()
                .filter(|l| ids.contains(&l.id))
                .map(|l| name_of(&l.name))
                .collect();
            if names.is_empty() {
                "_none_".to_owned()
            } else {
                names.join(", ")
            }
        };
        writeln!(out, "- **Depends on layers:** {}", in_order(&needs));
        writeln!(out, "- **Used by layers:** {}\n", in_order(&used_by));
        if let Some(diagram) = layer_diagrams.get(index) {
            let svg = format!("diagrams/{}.svg", layer_diagram_name(index, layer));
            if members.is_empty() {
                continue;
            }
            diagram_section(
                &mut out,
                diagram,
                &svg,
                "This layer is too large for one Mermaid diagram",
            );
        }
    }

    out.push_str("## Zones\n\n");
    if p.zones.is_empty() {
        out.push_str("No zones recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = p
            .zones
            .iter()
            .map(|zone| {
                let members: Vec<ComponentId> = p
                    .components
                    .iter()
                    .filter(|c| c.zones.contains(&zone.id))
                    .map(|c| c.id)
                    .collect();
                vec![
                    Cell::text(&zone.name),
                    Cell::fixed(zone.kind.label()),
                    zone.parent
                        .map_or(Cell::fixed("—"), |parent| Cell::text(&l.zone_name(Some(parent)))),
                    Cell::fixed(if zone.public { "public" } else { "private" }),
                    if members.is_empty() {
                        Cell::fixed("—")
                    } else {
                        Cell::text(&l.component_names(&members))
                    },
                ]
            })
            .collect();
        out.table(
            &["Zone", "Kind", "Inside", "Access", "Components directly in it"],
            &rows,
        );
        let descriptions: Vec<&Zone> = p.zones.iter().filter(|z| !z.description.trim().is_empty()).collect();
        for zone in descriptions {
            writeln!(out, "- **{}:** {}", name_of(&zone.name), inline(&zone.description));
        }
        out.push('\n');
    }
    out.push_generated(l.blast_radius());
    out.into_string()
}
