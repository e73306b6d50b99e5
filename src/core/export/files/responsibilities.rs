//! `responsibilities.md`: each component's responsibilities, dependencies and lifecycle.

use super::decision::decision_link;
use super::*;

pub fn responsibilities(l: &Lookup) -> String {
    let p = l.project;
    let dependencies = l.dependency_diagram();
    let mut out = Markdown::new();
    out.header(p, "Responsibilities");
    out.push_str("## Dependency diagram\n\n");
    if p.dependencies.is_empty() {
        out.push_str("No dependencies recorded yet.\n\n");
    } else {
        diagram_section(
            &mut out,
            dependencies,
            "diagrams/topology.svg",
            "The dependency graph is too large for one Mermaid diagram",
        );
        let connected: HashSet<ComponentId> = p.dependencies.iter().flat_map(|d| [d.from, d.to]).collect();
        let alone: Vec<String> = p
            .components
            .iter()
            .filter(|c| !connected.contains(&c.id))
            .map(|c| name_of(&c.name))
            .collect();
        if !alone.is_empty() {
            writeln!(
                out,
                "Not in the diagram, because nothing depends on them and they depend on nothing: {}.\n",
                alone.join(", ")
            );
        }
    }
    out.push_str("## Components\n\n");
    if p.components.is_empty() {
        out.push_str("No components recorded yet.\n");
    }
    let mut outgoing: HashMap<ComponentId, Vec<&Dependency>> = HashMap::new();
    let mut incoming: HashMap<ComponentId, Vec<&Dependency>> = HashMap::new();
    for dependency in &p.dependencies {
        outgoing.entry(dependency.from).or_default().push(dependency);
        incoming.entry(dependency.to).or_default().push(dependency);
    }
    let mut ordered: Vec<&Component> = Vec::with_capacity(p.components.len());
    for layer in &p.layers {
        ordered.extend(p.components.iter().filter(|c| c.layer == Some(layer.id)));
    }
    ordered.extend(
        p.components
            .iter()
            .filter(|c| c.layer.is_none_or(|id| !l.layers.contains_key(&id))),
    );
    for component in ordered {
        component_entry(
            &mut out,
            l,
            component,
            outgoing.get(&component.id).map_or(&[], Vec::as_slice),
            incoming.get(&component.id).map_or(&[], Vec::as_slice),
        );
    }
    out.into_string()
}

/// One component's entry in responsibilities.md on its own: the
/// component preview.
pub fn entry(l: &Lookup, component: &Component, outgoing: &[&Dependency], incoming: &[&Dependency]) -> String {
    let mut out = Markdown::new();
    component_entry(&mut out, l, component, outgoing, incoming);
    out.into_string()
}

/// One component's entry in responsibilities.md (`outgoing` and `incoming`
/// are its dependencies in project order).
fn component_entry(
    out: &mut Markdown,
    l: &Lookup,
    component: &Component,
    outgoing: &[&Dependency],
    incoming: &[&Dependency],
) {
    let p = l.project;
    writeln!(out, "### {}\n", name_of(&component.name));
    let tech = inline(&component.technology);
    writeln!(
        out,
        "_{}{} · {} layer · {}: {}_\n",
        component.kind.label(),
        if tech.is_empty() {
            String::new()
        } else {
            format!(" · {tech}")
        },
        l.layer_name(component.layer),
        if component.zones.len() > 1 { "zones" } else { "zone" },
        l.zone_names(&component.zones)
    );
    let description = block(&component.description);
    if !description.is_empty() {
        writeln!(out, "{description}\n");
    }
    let r = &component.responsibilities;
    out.push_str("**Responsibilities:**\n");
    if r.is_empty() {
        out.push_str("- _None recorded yet._\n");
    }
    for (label, items) in [
        ("Manages", &r.manages),
        ("Provides", &r.provides),
        ("Exposes", &r.exposes),
    ] {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|i| inline(i)).collect();
            writeln!(out, "- {label}: {}", items.join(", "));
        }
    }
    out.push_str("\n**Dependencies:**\n");
    if outgoing.is_empty() {
        out.push_str("- _None._\n");
    }
    for dependency in outgoing {
        writeln!(out, "- {}", dependency_line(l, dependency, dependency.to));
    }
    if !incoming.is_empty() {
        out.push_str("\n**Used by:**\n");
        for dependency in incoming {
            writeln!(out, "- {}", dependency_line(l, dependency, dependency.from));
        }
    }
    let lc = &component.lifecycle;
    out.push_str("\n**Lifecycle:**\n");
    writeln!(out, "- Provisioner: {}", or_gap(&lc.provisioner, "not stated"));
    writeln!(out, "- Update strategy: {}", or_gap(&lc.update_strategy, "not stated"));
    writeln!(out, "- Destruction: {}", or_gap(&lc.destruction, "not stated"));
    if !component.iac_addresses.is_empty() {
        out.push_str("\n**Infrastructure code:**\n");
        for address in &component.iac_addresses {
            writeln!(out, "- {}", code_span(address));
        }
    }
    let s = &component.scaling;
    if s.strategy != ScalingStrategy::Unspecified {
        let mut line = format!("\n**Scaling:** {}", s.strategy.label());
        if !s.trigger.trim().is_empty() {
            line.push_str(&format!(", when {}", inline(&s.trigger)));
        }
        if let (Some(min), Some(max)) = (s.min, s.max) {
            line.push_str(&format!(", {min} to {max} instances"));
        }
        writeln!(out, "{line}.");
    }
    if !component.owner.trim().is_empty() {
        writeln!(out, "\n**Owner:** {}", inline(&component.owner));
    }
    let notes = block(&component.notes);
    if !notes.is_empty() {
        writeln!(out, "\n**Notes:** {notes}");
    }
    let linked: Vec<&Decision> = p
        .decisions
        .iter()
        .filter(|d| d.components.contains(&component.id))
        .collect();
    if !linked.is_empty() {
        let refs: Vec<String> = linked.iter().map(|d| decision_link(d, "decisions/")).collect();
        writeln!(out, "\n**Decisions:** {}", refs.join(", "));
    }
    out.push('\n');
}

fn dependency_line(l: &Lookup, dependency: &Dependency, other: ComponentId) -> String {
    let mut line = l.component_name(other);
    let label = inline(&dependency.label);
    if !label.is_empty() {
        line.push_str(&format!(": {label}"));
    }
    let mut facts = Vec::new();
    let protocol = inline(&dependency.protocol);
    if !protocol.is_empty() {
        facts.push(protocol);
    }
    facts.push(dependency.kind.label().to_lowercase());
    facts.push(format!("{} criticality", dependency.criticality.label().to_lowercase()));
    line.push_str(&format!(" ({})", facts.join(", ")));
    line
}
