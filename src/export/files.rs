//! One function per file of the `infra-specs/` folder. Each returns the
//! file's text.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::mermaid::{self, Diagram};
use super::text::*;
use super::{DiagramPlan, decision_file_name, layer_diagram_name};
use crate::check::Diagnostic;
use crate::model::*;

pub struct Lookup<'a> {
    pub project: &'a Project,
    components: HashMap<ComponentId, &'a Component>,
    layers: HashMap<LayerId, &'a Layer>,
    zones: HashMap<ZoneId, &'a Zone>,
    decisions: HashMap<DecisionId, &'a Decision>,
}

impl<'a> Lookup<'a> {
    pub fn new(project: &'a Project) -> Lookup<'a> {
        Lookup {
            project,
            components: project.components.iter().map(|c| (c.id, c)).collect(),
            layers: project.layers.iter().map(|l| (l.id, l)).collect(),
            zones: project.zones.iter().map(|z| (z.id, z)).collect(),
            decisions: project.decisions.iter().map(|d| (d.id, d)).collect(),
        }
    }
    fn component_name(&self, id: ComponentId) -> String {
        self.components
            .get(&id)
            .map_or_else(|| format!("(missing component {})", id.0), |c| name_of(&c.name))
    }
    fn layer_name(&self, id: Option<LayerId>) -> String {
        id.and_then(|l| self.layers.get(&l))
            .map_or_else(|| "Unassigned".to_owned(), |l| name_of(&l.name))
    }
    fn zone_name(&self, id: Option<ZoneId>) -> String {
        id.and_then(|z| self.zones.get(&z))
            .map_or_else(|| "—".to_owned(), |z| name_of(&z.name))
    }
    /// `—` for none, else the names joined with commas.
    fn zone_names(&self, ids: &[ZoneId]) -> String {
        if ids.is_empty() {
            return "—".to_owned();
        }
        ids.iter()
            .map(|id| self.zone_name(Some(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn decision_ref(&self, id: DecisionId) -> String {
        self.decisions.get(&id).map_or_else(
            || format!("(missing decision {})", id.0),
            |d| format!("ADR-{:04}", d.number),
        )
    }
    fn component_names(&self, ids: &[ComponentId]) -> String {
        if ids.is_empty() {
            return "_none named_".to_owned();
        }
        ids.iter()
            .map(|id| self.component_name(*id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn name_of(name: &str) -> String {
    let name = inline(name);
    if name.is_empty() { "(unnamed)".to_owned() } else { name }
}

/// The one-line description of each file, in reading order; README links
/// them all.
pub const FILES: &[(&str, &str)] = &[
    (
        "overview.md",
        "System context: use case, traffic, data, latency, scale, compliance, budget, regions, SLOs, and the deployment topology.",
    ),
    (
        "architecture.md",
        "The layer view: each layer's components, isolation, security, scaling and dependencies; zones; blast radius.",
    ),
    (
        "responsibilities.md",
        "Per component: what it manages, provides and exposes, what it depends on, and its lifecycle.",
    ),
    (
        "tradeoffs.md",
        "Every decision with its options, pros and cons, outcome and rationale (one MADR file each under decisions/).",
    ),
    (
        "security.md",
        "Threats and mitigations, compliance, exposure and encryption of each component, secrets, checklist.",
    ),
    (
        "observability.md",
        "Metrics, logs, traces, alerts, dashboards and SLA targets.",
    ),
    (
        "disaster-recovery.md",
        "Backups per component, recovery targets (RTO/RPO) and the failover procedure.",
    ),
    (
        "cost-management.md",
        "Monthly cost by component and by layer, current against proposed, and optimisation strategies.",
    ),
    (
        "assertions.md",
        "Testable statements about the infrastructure's behaviour (given / when / then).",
    ),
    ("vocabulary.md", "The terms this spec uses, by category."),
    ("environments.md", "Environments and the settings matrix."),
    ("constraints.md", "Rules the implementation must follow, by category."),
    (
        "deployment.md",
        "Scaling strategy, CI/CD pipeline, deployment strategy per environment, checklist, rollback and testing plans.",
    ),
    (
        "risks.md",
        "Risk assessment, questions for approval and the approval status.",
    ),
    ("clarifications.md", "Open questions with their impact and status."),
    ("changelog.md", "Versions of this spec and what changed."),
];

/// A diagram as a Mermaid block (when it fits Mermaid's limits) followed
/// by the same picture drawn by Strata as an image, for viewers that do
/// not render Mermaid.
fn diagram_section(out: &mut String, diagram: &Diagram, svg: &str, too_big: &str) {
    if diagram.fits() {
        if let Some(note) = diagram.reading_note() {
            let _ = writeln!(out, "{note}\n");
        }
        out.push_str(&diagram.fenced());
        out.push('\n');
    } else {
        let _ = writeln!(
            out,
            "{too_big} ({} dependencies, {} characters of Mermaid; Mermaid's default limits are {} and {}). The full diagram is in [{svg}]({svg}).\n",
            diagram.edges,
            diagram.text.len(),
            mermaid::MAX_EDGES,
            mermaid::MAX_TEXT
        );
    }
    svg_image(out, svg);
}

/// `svg` shown as an image, with a link to open it on its own.
fn svg_image(out: &mut String, svg: &str) {
    let alt = if svg.ends_with("topology.svg") {
        "Deployment topology drawn by Strata"
    } else {
        "Layer diagram drawn by Strata"
    };
    let _ = writeln!(out, "![{alt}]({svg})\n\nThe drawing on its own: [{svg}]({svg}).\n");
}

pub fn readme(l: &Lookup, problems: &[Diagnostic]) -> String {
    let p = l.project;
    let mut out = String::new();
    readme_header(&mut out, p, "Infrastructure specification");
    let summary = block(&p.meta.summary);
    let _ = writeln!(
        out,
        "{}\n",
        if summary.is_empty() {
            "_No summary written yet._".to_owned()
        } else {
            summary
        }
    );
    if !p.meta.owners.is_empty() {
        let owners: Vec<String> = p.meta.owners.iter().map(|o| inline(o)).collect();
        let _ = writeln!(out, "**Owners:** {}\n", owners.join(", "));
    }
    let empty_layers: Vec<String> = p
        .layers
        .iter()
        .filter(|layer| !p.components.iter().any(|c| c.layer == Some(layer.id)))
        .map(|layer| name_of(&layer.name))
        .collect();
    let _ = writeln!(
        out,
        "{} in {} and {}, joined by {}; {} ({} accepted).{}\n",
        counted(p.components.len(), "component", "components"),
        counted(p.layers.len() - empty_layers.len(), "layer", "layers"),
        counted(p.zones.len(), "zone", "zones"),
        counted(p.dependencies.len(), "dependency", "dependencies"),
        counted(p.decisions.len(), "decision", "decisions"),
        p.decisions
            .iter()
            .filter(|d| d.status == DecisionStatus::Accepted)
            .count(),
        match empty_layers.len() {
            0 => String::new(),
            1 => format!(" Layer {} has no components yet.", empty_layers[0]),
            _ => format!(" Layers with no components yet: {}.", empty_layers.join(", ")),
        }
    );

    out.push_str("## Contents\n\n");
    for (file, line) in FILES {
        let _ = writeln!(out, "- [{file}]({file}): {line}");
    }
    out.push_str("- [decisions/](decisions/): one MADR record per decision.\n");
    out.push_str("- [diagrams/](diagrams/): every diagram as Mermaid source (`.mmd`), as SVG drawn by Strata, and the topology as Graphviz DOT.\n\n");

    out.push_str("## Key decisions\n\n");
    let accepted: Vec<&Decision> = p
        .decisions
        .iter()
        .filter(|d| d.status == DecisionStatus::Accepted)
        .collect();
    if accepted.is_empty() {
        out.push_str("No decision has been accepted yet.\n\n");
    }
    for decision in accepted {
        let chosen = decision
            .chosen_option()
            .map_or_else(|| "no option recorded".to_owned(), |o| name_of(&o.name));
        let _ = writeln!(
            out,
            "- [ADR-{:04}: {}](decisions/{}): {}.",
            decision.number,
            name_of(&decision.title),
            decision_file_name(decision),
            chosen
        );
    }
    out.push('\n');

    out.push_str("## Layers\n\n");
    for layer in &p.layers {
        let names: Vec<String> = p
            .components
            .iter()
            .filter(|c| c.layer == Some(layer.id))
            .map(|c| name_of(&c.name))
            .collect();
        let list = if names.is_empty() {
            "_empty_".to_owned()
        } else {
            names.join(", ")
        };
        let _ = writeln!(out, "- **{}** ({}): {list}", name_of(&layer.name), names.len());
    }
    let unassigned = p.components.iter().filter(|c| c.layer.is_none()).count();
    if unassigned > 0 {
        let _ = writeln!(out, "- **Unassigned** ({unassigned}): components with no layer yet");
    }
    out.push('\n');

    out.push_str("## Open problems\n\n");
    if problems.is_empty() {
        out.push_str("Strata's checks find no open problems.\n\n");
    } else {
        let _ = writeln!(out, "Strata's checks still find {} problem(s):\n", problems.len());
        let rows: Vec<Vec<String>> = problems
            .iter()
            .map(|d| vec![d.level.label().to_owned(), format!("`{}`", d.code), cell(&d.message)])
            .collect();
        table(&mut out, &["Severity", "Code", "Problem"], &rows);
    }
    if !p.lint_suppressions.is_empty() {
        out.push_str("Rules hidden for this project, whose findings are not listed above:\n\n");
        let rows: Vec<Vec<String>> = p
            .lint_suppressions
            .iter()
            .map(|s| {
                let meaning = crate::lint::rule_for(&s.code).map_or("unknown rule", |r| r.meaning);
                let reason = if s.reason.trim().is_empty() {
                    "_no reason given_".to_owned()
                } else {
                    cell(&s.reason)
                };
                vec![cell(&s.code), cell(meaning), reason]
            })
            .collect();
        table(&mut out, &["Code", "Rule", "Why it is hidden"], &rows);
    }

    out.push_str("## Hand-off to the infrastructure designer\n\n");
    out.push_str("This folder is the architecture; the designer turns it into concrete modules and resource definitions. Read in this order: overview, architecture, responsibilities, tradeoffs, then the constraints and assertions the implementation must satisfy.\n\n");
    out.push_str("Layers and what the designer will build in each:\n\n");
    for layer in &p.layers {
        let technologies: Vec<String> = {
            let mut seen = Vec::new();
            for component in p.components.iter().filter(|c| c.layer == Some(layer.id)) {
                let tech = inline(&component.technology);
                if !tech.is_empty() && !seen.contains(&tech) {
                    seen.push(tech);
                }
            }
            seen
        };
        if !technologies.is_empty() {
            let _ = writeln!(out, "- {}: {}", name_of(&layer.name), technologies.join(", "));
        }
    }
    out.push('\n');
    let open_questions = p
        .open_questions
        .iter()
        .filter(|q| q.status == QuestionStatus::Open)
        .count();
    let proposed = p
        .decisions
        .iter()
        .filter(|d| d.status == DecisionStatus::Proposed)
        .count();
    let _ = writeln!(
        out,
        "Before implementation starts: {proposed} decision(s) still proposed, {open_questions} open question(s), approval status: {}.\n",
        p.approval.status.label()
    );
    out
}

pub fn overview(l: &Lookup, topology: &Diagram) -> String {
    let p = l.project;
    let c = &p.context;
    let mut out = String::new();
    header(&mut out, p, "Overview");
    out.push_str("## System context\n\n");
    let rows: Vec<Vec<String>> = [
        ("Use case", &c.use_case),
        ("Traffic", &c.traffic),
        ("Data volumes", &c.data_volumes),
        ("Latency", &c.latency),
        ("Scale", &c.scale),
        ("Compliance", &c.compliance),
        ("Budget", &c.budget),
        ("Team constraints", &c.team_constraints),
    ]
    .iter()
    .map(|(k, v)| vec![(*k).to_owned(), cell(v)])
    .chain(std::iter::once(vec!["Regions".to_owned(), cell(&c.regions.join(", "))]))
    .collect();
    table(&mut out, &["Aspect", "Description"], &rows);

    out.push_str("## Service level objectives\n\n");
    objectives(&mut out, &c.slos, "No SLOs recorded yet.");

    out.push_str("## Deployment topology\n\n");
    multi_zone_note(&mut out, p);
    if p.components.is_empty() {
        out.push_str("No components on the topology yet.\n\n");
    } else {
        diagram_section(
            &mut out,
            topology,
            "diagrams/topology.svg",
            "The topology is too large for one Mermaid diagram; architecture.md shows it layer by layer",
        );
    }

    out.push_str("## Glossary\n\nThe terms used throughout this spec are defined in [vocabulary.md](vocabulary.md).\n");
    out
}

fn multi_zone_note(out: &mut String, project: &Project) {
    if mermaid::has_multi_zone_components(project) {
        let _ = writeln!(out, "{}\n", mermaid::MULTI_ZONE_NOTE);
    }
}

fn objectives(out: &mut String, items: &[Objective], empty: &str) {
    if items.is_empty() {
        let _ = writeln!(out, "{empty}\n");
        return;
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| vec![cell(&o.metric), cell(&o.target), cell(&o.measurement)])
        .collect();
    table(out, &["Metric", "Target", "Measurement"], &rows);
}

pub fn architecture(l: &Lookup, plan: &DiagramPlan, blast_radius: &str) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Architecture");
    out.push_str("## Deployment topology\n\n");
    multi_zone_note(&mut out, p);
    if p.components.is_empty() {
        out.push_str("No components on the topology yet.\n\n");
    } else if plan.topology.fits() {
        diagram_section(&mut out, &plan.topology, "diagrams/topology.svg", "");
    } else {
        let _ = writeln!(
            out,
            "The whole topology is too large for one Mermaid diagram ({} dependencies, {} characters; Mermaid's default limits are {} and {}), so it is split into one diagram per layer below. The whole topology is in [diagrams/topology.svg](diagrams/topology.svg) and [diagrams/topology.dot](diagrams/topology.dot).\n",
            plan.topology.edges,
            plan.topology.text.len(),
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
        let _ = writeln!(out, "### {} layer\n", name_of(&layer.name));
        let description = block(&layer.description);
        if !description.is_empty() {
            let _ = writeln!(out, "{description}\n");
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
        let _ = writeln!(
            out,
            "- **Components:** {}",
            if names.is_empty() {
                "_none yet_".to_owned()
            } else {
                names.join(", ")
            }
        );
        let _ = writeln!(out, "- **Isolation:** {}", or_gap(&layer.isolation, "not stated"));
        let _ = writeln!(out, "- **Security:** {}", or_gap(&layer.security, "not stated"));
        let _ = writeln!(out, "- **Scaling:** {}", or_gap(&layer.scaling, "not stated"));
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
        let _ = writeln!(out, "- **Depends on layers:** {}", in_order(&needs));
        let _ = writeln!(out, "- **Used by layers:** {}\n", in_order(&used_by));
        if let Some(diagram) = plan.layers.get(index) {
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
        let rows: Vec<Vec<String>> = p
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
                    cell(&zone.name),
                    zone.kind.label().to_owned(),
                    zone.parent
                        .map_or("—".to_owned(), |parent| cell(&l.zone_name(Some(parent)))),
                    if zone.public { "public" } else { "private" }.to_owned(),
                    if members.is_empty() {
                        "—".to_owned()
                    } else {
                        cell(&l.component_names(&members))
                    },
                ]
            })
            .collect();
        table(
            &mut out,
            &["Zone", "Kind", "Inside", "Access", "Components directly in it"],
            &rows,
        );
        let descriptions: Vec<&Zone> = p.zones.iter().filter(|z| !z.description.trim().is_empty()).collect();
        for zone in descriptions {
            let _ = writeln!(out, "- **{}:** {}", name_of(&zone.name), inline(&zone.description));
        }
        out.push('\n');
    }
    out.push_str(blast_radius);
    out
}

pub fn responsibilities(l: &Lookup, dependencies: &Diagram) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Responsibilities");
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
            let _ = writeln!(
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
    out
}

/// One component's entry in responsibilities.md (`outgoing` and `incoming`
/// are its dependencies in project order); also the component preview.
pub fn component_entry(
    out: &mut String,
    l: &Lookup,
    component: &Component,
    outgoing: &[&Dependency],
    incoming: &[&Dependency],
) {
    let p = l.project;
    let _ = writeln!(out, "### {}\n", name_of(&component.name));
    let tech = inline(&component.technology);
    let _ = writeln!(
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
        let _ = writeln!(out, "{description}\n");
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
            let _ = writeln!(out, "- {label}: {}", items.join(", "));
        }
    }
    out.push_str("\n**Dependencies:**\n");
    if outgoing.is_empty() {
        out.push_str("- _None._\n");
    }
    for dependency in outgoing {
        let _ = writeln!(out, "- {}", dependency_line(l, dependency, dependency.to));
    }
    if !incoming.is_empty() {
        out.push_str("\n**Used by:**\n");
        for dependency in incoming {
            let _ = writeln!(out, "- {}", dependency_line(l, dependency, dependency.from));
        }
    }
    let lc = &component.lifecycle;
    out.push_str("\n**Lifecycle:**\n");
    let _ = writeln!(out, "- Provisioner: {}", or_gap(&lc.provisioner, "not stated"));
    let _ = writeln!(out, "- Update strategy: {}", or_gap(&lc.update_strategy, "not stated"));
    let _ = writeln!(out, "- Destruction: {}", or_gap(&lc.destruction, "not stated"));
    if !component.iac_addresses.is_empty() {
        out.push_str("\n**Infrastructure code:**\n");
        for address in &component.iac_addresses {
            let _ = writeln!(out, "- {}", code_span(address));
        }
    }
    let s = &component.scaling;
    if s.strategy != ScalingStrategy::Unspecified {
        let mut line = format!("\n**Scaling:** {}", s.strategy.label());
        if !s.trigger.trim().is_empty() {
            let _ = write!(line, ", when {}", inline(&s.trigger));
        }
        if let (Some(min), Some(max)) = (s.min, s.max) {
            let _ = write!(line, ", {min} to {max} instances");
        }
        let _ = writeln!(out, "{line}.");
    }
    if !component.owner.trim().is_empty() {
        let _ = writeln!(out, "\n**Owner:** {}", inline(&component.owner));
    }
    let notes = block(&component.notes);
    if !notes.is_empty() {
        let _ = writeln!(out, "\n**Notes:** {notes}");
    }
    let linked: Vec<&Decision> = p
        .decisions
        .iter()
        .filter(|d| d.components.contains(&component.id))
        .collect();
    if !linked.is_empty() {
        let refs: Vec<String> = linked
            .iter()
            .map(|d| format!("[ADR-{:04}](decisions/{})", d.number, decision_file_name(d)))
            .collect();
        let _ = writeln!(out, "\n**Decisions:** {}", refs.join(", "));
    }
    out.push('\n');
}

fn dependency_line(l: &Lookup, dependency: &Dependency, other: ComponentId) -> String {
    let mut line = l.component_name(other);
    let label = inline(&dependency.label);
    if !label.is_empty() {
        let _ = write!(line, ": {label}");
    }
    let mut facts = Vec::new();
    let protocol = inline(&dependency.protocol);
    if !protocol.is_empty() {
        facts.push(protocol);
    }
    facts.push(dependency.kind.label().to_lowercase());
    facts.push(format!("{} criticality", dependency.criticality.label().to_lowercase()));
    let _ = write!(line, " ({})", facts.join(", "));
    line
}

fn status_text(l: &Lookup, decision: &Decision) -> String {
    match decision.status {
        DecisionStatus::Superseded { by } => format!("Superseded by {}", l.decision_ref(by)),
        other => other.label().to_owned(),
    }
}

pub fn tradeoffs(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Tradeoffs");
    if p.decisions.is_empty() {
        out.push_str("No decisions recorded yet.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = p
        .decisions
        .iter()
        .map(|d| {
            vec![
                format!("[ADR-{:04}](decisions/{})", d.number, decision_file_name(d)),
                cell(&d.title),
                status_text(l, d),
                cell(&d.date),
                d.chosen_option().map_or("—".to_owned(), |o| cell(&o.name)),
            ]
        })
        .collect();
    table(
        &mut out,
        &["Record", "Decision", "Status", "Date", "Chosen option"],
        &rows,
    );
    for decision in &p.decisions {
        let _ = writeln!(out, "## ADR-{:04}: {}\n", decision.number, name_of(&decision.title));
        let _ = writeln!(
            out,
            "- **Status:** {}\n- **Date:** {}\n- **Deciders:** {}\n- **Affected components:** {}\n",
            status_text(l, decision),
            or_gap(&decision.date, "not decided"),
            if decision.deciders.is_empty() {
                "_not recorded_".to_owned()
            } else {
                inline(&decision.deciders.join(", "))
            },
            l.component_names(&decision.components)
        );
        out.push_str("### Context\n\n");
        let context = block(&decision.context);
        let _ = writeln!(
            out,
            "{}\n",
            if context.is_empty() {
                "_No context written yet._".to_owned()
            } else {
                context
            }
        );
        if !decision.drivers.is_empty() {
            out.push_str("### Drivers\n\n");
            bullets(&mut out, &decision.drivers, "");
        }
        out.push_str("### Options\n\n");
        if decision.options.is_empty() {
            out.push_str("No options recorded yet.\n\n");
        }
        for option in &decision.options {
            let chosen = if decision.chosen == Some(option.id) {
                " (chosen)"
            } else {
                ""
            };
            let _ = writeln!(out, "#### {}{chosen}\n", name_of(&option.name));
            let description = block(&option.description);
            if !description.is_empty() {
                let _ = writeln!(out, "{description}\n");
            }
            out.push_str("**Pros:**\n\n");
            bullets(&mut out, &option.pros, "_None recorded._");
            out.push_str("**Cons:**\n\n");
            bullets(&mut out, &option.cons, "_None recorded._");
            if !option.cost_note.trim().is_empty() {
                let _ = writeln!(out, "**Cost:** {}\n", inline(&option.cost_note));
            }
        }
        out.push_str("### Decision\n\n");
        match decision.chosen_option() {
            Some(option) => {
                let _ = writeln!(out, "**Chosen:** {}\n", name_of(&option.name));
            }
            None => out.push_str("_No option chosen yet._\n\n"),
        }
        let rationale = block(&decision.rationale);
        let _ = writeln!(
            out,
            "**Rationale:** {}\n",
            if rationale.is_empty() {
                "_not written yet_".to_owned()
            } else {
                rationale
            }
        );
        if !decision.consequences.is_empty() {
            out.push_str("**Consequences:**\n\n");
            bullets(&mut out, &decision.consequences, "");
        }
        review_notes(&mut out, decision);
    }
    out
}

fn review_notes(out: &mut String, decision: &Decision) {
    if decision.review_notes.is_empty() {
        return;
    }
    out.push_str("**Review notes:**\n\n");
    for note in &decision.review_notes {
        let attendees = if note.attendees.is_empty() {
            String::new()
        } else {
            format!(" (attendees: {})", inline(&note.attendees.join(", ")))
        };
        let _ = writeln!(
            out,
            "- {}{attendees}: {}",
            or_gap(&note.date, "undated"),
            inline(&note.note)
        );
    }
    out.push('\n');
}

/// A decision in MADR form (decisions/NNNN-slug.md).
pub fn decision_record(l: &Lookup, decision: &Decision) -> String {
    let p = l.project;
    let mut out = String::new();
    nested_header(
        &mut out,
        p,
        &format!("ADR-{:04}: {}", decision.number, name_of(&decision.title)),
    );
    let _ = writeln!(
        out,
        "- Status: {}\n- Date: {}\n- Deciders: {}\n- Affected components: {}\n",
        status_text(l, decision).to_lowercase(),
        or_gap(&decision.date, "not decided"),
        if decision.deciders.is_empty() {
            "_not recorded_".to_owned()
        } else {
            inline(&decision.deciders.join(", "))
        },
        l.component_names(&decision.components)
    );
    out.push_str("## Context and problem statement\n\n");
    let context = block(&decision.context);
    let _ = writeln!(
        out,
        "{}\n",
        if context.is_empty() {
            "_No context written yet._".to_owned()
        } else {
            context
        }
    );
    out.push_str("## Decision drivers\n\n");
    bullets(&mut out, &decision.drivers, "No drivers recorded yet.");
    out.push_str("## Considered options\n\n");
    let names: Vec<String> = decision.options.iter().map(|o| name_of(&o.name)).collect();
    bullets(&mut out, &names, "No options recorded yet.");
    out.push_str("## Decision outcome\n\n");
    match decision.chosen_option() {
        Some(option) => {
            let rationale = inline(&decision.rationale);
            if rationale.is_empty() {
                let _ = writeln!(
                    out,
                    "Chosen option: \"{}\" (no rationale written yet).\n",
                    name_of(&option.name)
                );
            } else {
                let _ = writeln!(
                    out,
                    "Chosen option: \"{}\", because {rationale}\n",
                    name_of(&option.name)
                );
            }
        }
        None => out.push_str("No option chosen yet.\n\n"),
    }
    if !decision.consequences.is_empty() {
        out.push_str("### Consequences\n\n");
        bullets(&mut out, &decision.consequences, "");
    }
    out.push_str("## Pros and cons of the options\n\n");
    if decision.options.is_empty() {
        out.push_str("No options recorded yet.\n\n");
    }
    for option in &decision.options {
        let _ = writeln!(out, "### {}\n", name_of(&option.name));
        let description = block(&option.description);
        if !description.is_empty() {
            let _ = writeln!(out, "{description}\n");
        }
        for pro in &option.pros {
            let _ = writeln!(out, "- Good, because {}", inline(pro));
        }
        for con in &option.cons {
            let _ = writeln!(out, "- Bad, because {}", inline(con));
        }
        if !option.cost_note.trim().is_empty() {
            let _ = writeln!(out, "- Cost: {}", inline(&option.cost_note));
        }
        out.push('\n');
    }
    review_notes(&mut out, decision);
    out.push_str("Back to [tradeoffs.md](../tradeoffs.md).\n");
    out
}

pub fn security(l: &Lookup) -> String {
    let p = l.project;
    let s = &p.security;
    let mut out = String::new();
    header(&mut out, p, "Security");
    out.push_str("## Threats and mitigations\n\n");
    if s.threats.is_empty() {
        out.push_str("No threats recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = s
            .threats
            .iter()
            .map(|t| {
                vec![
                    cell(&t.threat),
                    t.severity.label().to_owned(),
                    cell(&t.mitigations.join("\n")),
                    cell(&l.component_names(&t.components)),
                ]
            })
            .collect();
        table(&mut out, &["Threat", "Severity", "Mitigations", "Components"], &rows);
    }
    out.push_str("## Compliance\n\n");
    if s.compliance.is_empty() {
        out.push_str("No compliance requirements recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = s
            .compliance
            .iter()
            .map(|c| vec![cell(&c.standard), cell(&c.requirement), cell(&c.approach)])
            .collect();
        table(&mut out, &["Standard", "Requirement", "How it is met"], &rows);
    }
    out.push_str("## Exposure and encryption\n\n");
    if p.components.is_empty() {
        out.push_str("No components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = p
            .components
            .iter()
            .map(|c| {
                vec![
                    cell(&c.name),
                    cell(&l.layer_name(c.layer)),
                    c.exposure.label().to_owned(),
                    cell(&c.encryption.at_rest),
                    cell(&c.encryption.in_transit),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "Component",
                "Layer",
                "Exposure",
                "Encryption at rest",
                "Encryption in transit",
            ],
            &rows,
        );
    }
    out.push_str("## Secrets handling\n\n");
    let secrets = block(&s.secrets_handling);
    let _ = writeln!(
        out,
        "{}\n",
        if secrets.is_empty() {
            "No secrets handling recorded yet.".to_owned()
        } else {
            secrets
        }
    );
    out.push_str("## Security checklist\n\n");
    checklist(&mut out, &s.checklist, "No checklist items recorded yet.");
    out
}

fn checklist(out: &mut String, items: &[ChecklistItem], empty: &str) {
    if items.is_empty() {
        let _ = writeln!(out, "{empty}\n");
        return;
    }
    for item in items {
        let _ = writeln!(out, "- [{}] {}", if item.done { "x" } else { " " }, inline(&item.item));
    }
    out.push('\n');
}

pub fn observability(l: &Lookup) -> String {
    let p = l.project;
    let o = &p.observability;
    let mut out = String::new();
    header(&mut out, p, "Observability");
    for (title, signals, empty) in [
        ("Metrics", &o.metrics, "No metrics recorded yet."),
        ("Logs", &o.logs, "No logs recorded yet."),
        ("Traces", &o.traces, "No traces recorded yet."),
    ] {
        let _ = writeln!(out, "## {title}\n");
        signal_list(&mut out, signals, empty);
    }
    out.push_str("## Alerts\n\n");
    if o.alerts.is_empty() {
        out.push_str("No alerts recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = o
            .alerts
            .iter()
            .map(|a| {
                vec![
                    cell(&a.name),
                    cell(&a.condition),
                    a.severity.label().to_owned(),
                    cell(&a.action),
                ]
            })
            .collect();
        table(&mut out, &["Alert", "Condition", "Severity", "Action"], &rows);
    }
    out.push_str("## Dashboards\n\n");
    signal_list(&mut out, &o.dashboards, "No dashboards recorded yet.");
    out.push_str("## SLA targets\n\n");
    objectives(&mut out, &o.sla_targets, "No SLA targets recorded yet.");
    out
}

fn signal_list(out: &mut String, signals: &[Signal], empty: &str) {
    if signals.is_empty() {
        let _ = writeln!(out, "{empty}\n");
        return;
    }
    for signal in signals {
        let detail = inline(&signal.detail);
        if detail.is_empty() {
            let _ = writeln!(out, "- **{}**", name_of(&signal.name));
        } else {
            let _ = writeln!(out, "- **{}**: {detail}", name_of(&signal.name));
        }
    }
    out.push('\n');
}

pub fn disaster_recovery(l: &Lookup) -> String {
    let p = l.project;
    let dr = &p.disaster_recovery;
    let mut out = String::new();
    header(&mut out, p, "Disaster recovery");
    out.push_str("## Backup strategy\n\n");
    let backed_up: Vec<&Component> = p.components.iter().filter(|c| c.backup.is_some()).collect();
    if backed_up.is_empty() {
        out.push_str("No backups recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = backed_up
            .iter()
            .filter_map(|c| {
                let b = c.backup.as_ref()?;
                Some(vec![
                    cell(&c.name),
                    cell(&b.frequency),
                    cell(&b.retention),
                    cell(&b.location),
                ])
            })
            .collect();
        table(&mut out, &["Component", "Frequency", "Retention", "Location"], &rows);
    }
    let unprotected: Vec<ComponentId> = p
        .components
        .iter()
        .filter(|c| c.kind.holds_data() && c.backup.is_none())
        .map(|c| c.id)
        .collect();
    if !unprotected.is_empty() {
        let _ = writeln!(
            out,
            "Data components with no backup recorded: {}.\n",
            l.component_names(&unprotected)
        );
    }
    out.push_str("## Recovery targets\n\n");
    table(
        &mut out,
        &["Metric", "Target"],
        &[
            vec!["RTO (recovery time objective)".to_owned(), cell(&dr.rto)],
            vec!["RPO (recovery point objective)".to_owned(), cell(&dr.rpo)],
        ],
    );
    out.push_str("## Failover procedure\n\n");
    if dr.failover_steps.is_empty() {
        out.push_str("No failover procedure recorded yet.\n\n");
    } else {
        for (index, step) in dr.failover_steps.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", index + 1, inline(step));
        }
        out.push('\n');
    }
    let notes = block(&dr.notes);
    if !notes.is_empty() {
        let _ = writeln!(out, "## Notes\n\n{notes}\n");
    }
    out
}

pub fn cost_management(l: &Lookup) -> String {
    let p = l.project;
    let currency = if p.cost.currency.trim().is_empty() {
        "USD".to_owned()
    } else {
        inline(&p.cost.currency)
    };
    let mut out = String::new();
    header(&mut out, p, "Cost management");
    let _ = write!(
        out,
        "Monthly costs in {currency}. A dash means no figure was recorded; totals count it as zero, and a component with no current cost is treated as new."
    );
    let has_ranges = p
        .components
        .iter()
        .flat_map(|c| [c.cost.current, c.cost.proposed])
        .chain(p.cost.other.iter().flat_map(|line| [line.current, line.proposed]))
        .any(|range| range.is_some_and(|r| !r.is_single()));
    if has_ranges {
        out.push_str(
            " An estimate given as a range reads low–high; totals add the lows and the highs, and a difference range runs from the lowest to the highest difference the two ranges allow.",
        );
    }
    out.push_str("\n\n");
    let costed: Vec<&Component> = p.components.iter().filter(|c| c.cost.is_stated()).collect();
    let components_total = cost_by_component(&mut out, l, &costed);
    cost_by_layer(&mut out, l, &costed);

    out.push_str("## Other costs\n\n");
    let mut other = (CentsRange::default(), CentsRange::default());
    if p.cost.other.is_empty() {
        out.push_str("No other costs recorded.\n\n");
    } else {
        let rows: Vec<Vec<String>> = p
            .cost
            .other
            .iter()
            .map(|line| {
                let (current, proposed) = (CentsRange::of(line.current), CentsRange::of(line.proposed));
                other.0 += current;
                other.1 += proposed;
                vec![
                    cell(&line.item),
                    optional_money_range(line.current),
                    optional_money_range(line.proposed),
                    signed_money_range(CentsRange::difference(proposed, current)),
                    cell(&line.note),
                ]
            })
            .collect();
        table(&mut out, &["Item", "Current", "Proposed", "Difference", "Note"], &rows);
    }

    out.push_str("## Totals\n\n");
    let total_row = |label: String, (current, proposed): (CentsRange, CentsRange), bold: bool| {
        let cells = [
            money_range(current),
            money_range(proposed),
            signed_money_range(CentsRange::difference(proposed, current)),
        ];
        let mut row = vec![label];
        row.extend(cells.into_iter().map(|c| if bold { format!("**{c}**") } else { c }));
        row
    };
    let grand = (components_total.0 + other.0, components_total.1 + other.1);
    table(
        &mut out,
        &["", "Current", "Proposed", "Difference"],
        &[
            total_row("Components".to_owned(), components_total, false),
            total_row("Other".to_owned(), other, false),
            total_row("**Total per month**".to_owned(), grand, true),
        ],
    );
    if !p.context.budget.trim().is_empty() {
        let _ = writeln!(out, "Budget: {}\n", inline(&p.context.budget));
    }
    out.push_str("## Optimisation strategies\n\n");
    bullets(
        &mut out,
        &p.cost.optimisations,
        "No optimisation strategies recorded yet.",
    );
    out
}

/// The "By component" table; returns the (current, proposed) totals.
fn cost_by_component(out: &mut String, l: &Lookup, costed: &[&Component]) -> (CentsRange, CentsRange) {
    out.push_str("## By component\n\n");
    let (mut total_current, mut total_proposed) = (CentsRange::default(), CentsRange::default());
    if costed.is_empty() {
        out.push_str("No component costs recorded yet.\n\n");
    } else {
        let mut rows = Vec::new();
        for c in costed {
            let (current, proposed) = (CentsRange::of(c.cost.current), CentsRange::of(c.cost.proposed));
            total_current += current;
            total_proposed += proposed;
            rows.push(vec![
                cell(&c.name),
                cell(&l.layer_name(c.layer)),
                optional_money_range(c.cost.current),
                optional_money_range(c.cost.proposed),
                signed_money_range(CentsRange::difference(proposed, current)),
                cell(&c.cost.note),
            ]);
        }
        rows.push(vec![
            "**Components total**".to_owned(),
            String::new(),
            format!("**{}**", money_range(total_current)),
            format!("**{}**", money_range(total_proposed)),
            format!(
                "**{}**",
                signed_money_range(CentsRange::difference(total_proposed, total_current))
            ),
            String::new(),
        ]);
        table(
            out,
            &["Component", "Layer", "Current", "Proposed", "Difference", "Note"],
            &rows,
        );
    }
    let uncosted: Vec<ComponentId> = l
        .project
        .components
        .iter()
        .filter(|c| !c.cost.is_stated() && !c.kind.is_outside())
        .map(|c| c.id)
        .collect();
    if !uncosted.is_empty() {
        let _ = writeln!(out, "No cost recorded for: {}.\n", l.component_names(&uncosted));
    }
    (total_current, total_proposed)
}

fn cost_by_layer(out: &mut String, l: &Lookup, costed: &[&Component]) {
    let p = l.project;
    out.push_str("## By layer\n\n");
    let mut layer_rows = Vec::new();
    let mut layer_keys: Vec<Option<LayerId>> = p.layers.iter().map(|l| Some(l.id)).collect();
    layer_keys.push(None);
    for key in layer_keys {
        let members: Vec<&&Component> = costed
            .iter()
            .filter(|c| match key {
                Some(id) => c.layer == Some(id),
                None => c.layer.is_none_or(|id| !l.layers.contains_key(&id)),
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let current: CentsRange = members.iter().map(|c| CentsRange::of(c.cost.current)).sum();
        let proposed: CentsRange = members.iter().map(|c| CentsRange::of(c.cost.proposed)).sum();
        layer_rows.push(vec![
            cell(&l.layer_name(key)),
            money_range(current),
            money_range(proposed),
            signed_money_range(CentsRange::difference(proposed, current)),
        ]);
    }
    if layer_rows.is_empty() {
        out.push_str("No component costs recorded yet.\n\n");
    } else {
        table(out, &["Layer", "Current", "Proposed", "Difference"], &layer_rows);
    }
}

pub fn assertions(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Assertions");
    if p.assertions.is_empty() {
        out.push_str("No assertions recorded yet.\n");
        return out;
    }
    for (index, a) in p.assertions.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", index + 1, or_gap(&a.title, "Untitled assertion"));
        if !a.category.trim().is_empty() {
            let _ = writeln!(out, "_Category: {}_\n", inline(&a.category));
        }
        let _ = writeln!(out, "- **Given:** {}", or_gap(&a.given, "not stated"));
        let _ = writeln!(out, "- **When:** {}", or_gap(&a.when, "not stated"));
        let _ = writeln!(out, "- **Then:** {}", or_gap(&a.then, "not stated"));
        for and in &a.and {
            let _ = writeln!(out, "- **And:** {}", inline(and));
        }
        let _ = writeln!(out, "- **Components:** {}\n", l.component_names(&a.components));
    }
    out
}

pub fn vocabulary(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Vocabulary");
    if p.vocabulary.is_empty() {
        out.push_str("No terms defined yet.\n");
        return out;
    }
    let mut categories: Vec<String> = Vec::new();
    for term in &p.vocabulary {
        let category = inline(&term.category);
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    for category in categories {
        let _ = writeln!(
            out,
            "## {}\n",
            if category.is_empty() {
                "General".to_owned()
            } else {
                category.clone()
            }
        );
        for term in p.vocabulary.iter().filter(|t| inline(&t.category) == category) {
            let _ = writeln!(out, "### {}\n", name_of(&term.term));
            let _ = writeln!(out, "{}\n", or_gap(&term.definition, "Not defined yet."));
            if !term.details.is_empty() {
                bullets(&mut out, &term.details, "");
            }
        }
    }
    out
}

pub fn environments(l: &Lookup) -> String {
    let p = l.project;
    let e = &p.environments;
    let mut out = String::new();
    header(&mut out, p, "Environments");
    out.push_str("## Environments\n\n");
    if e.environments.is_empty() {
        out.push_str("No environments recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = e
            .environments
            .iter()
            .map(|env| vec![cell(&env.name), cell(&env.purpose), cell(&env.url), cell(&env.access)])
            .collect();
        table(&mut out, &["Environment", "Purpose", "URL", "Access"], &rows);
    }
    out.push_str("## Settings by environment\n\n");
    if e.settings.is_empty() || e.environments.is_empty() {
        out.push_str("No environment settings recorded yet.\n\n");
    } else {
        let mut header_cells = vec!["Setting".to_owned()];
        header_cells.extend(e.environments.iter().map(|env| cell(&env.name)));
        let header_refs: Vec<&str> = header_cells.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = e
            .settings
            .iter()
            .map(|setting| {
                let mut row = vec![cell(&setting.name)];
                row.extend(
                    e.environments
                        .iter()
                        .map(|env| cell(setting.values.get(&env.id).map_or("", String::as_str))),
                );
                row
            })
            .collect();
        table(&mut out, &header_refs, &rows);
    }
    out
}

pub fn constraints(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Constraints");
    if p.constraints.is_empty() {
        out.push_str("No constraints recorded yet.\n");
        return out;
    }
    for group in &p.constraints {
        let _ = writeln!(out, "## {}\n", or_gap(&group.category, "General"));
        bullets(&mut out, &group.rules, "No rules in this category yet.");
    }
    out
}

pub fn deployment(l: &Lookup, pipeline: Option<&Diagram>) -> String {
    let p = l.project;
    let d = &p.deployment;
    let mut out = String::new();
    header(&mut out, p, "Deployment");
    out.push_str("## Scaling strategy\n\n### Horizontal scaling\n\n");
    let horizontal: Vec<&Component> = p
        .components
        .iter()
        .filter(|c| c.scaling.strategy == ScalingStrategy::Horizontal)
        .collect();
    if horizontal.is_empty() {
        out.push_str("No horizontally scaled components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = horizontal
            .iter()
            .map(|c| {
                vec![
                    cell(&c.name),
                    cell(&c.scaling.trigger),
                    c.scaling.min.map_or("—".to_owned(), |v| v.to_string()),
                    c.scaling.max.map_or("—".to_owned(), |v| v.to_string()),
                ]
            })
            .collect();
        table(&mut out, &["Component", "Trigger", "Min", "Max"], &rows);
    }
    out.push_str("### Vertical scaling\n\n");
    let vertical: Vec<&Component> = p
        .components
        .iter()
        .filter(|c| c.scaling.strategy == ScalingStrategy::Vertical)
        .collect();
    if vertical.is_empty() {
        out.push_str("No vertically scaled components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = vertical
            .iter()
            .map(|c| vec![cell(&c.name), cell(&c.scaling.trigger)])
            .collect();
        table(&mut out, &["Component", "When to scale up"], &rows);
    }
    let managed: Vec<ComponentId> = p
        .components
        .iter()
        .filter(|c| matches!(c.scaling.strategy, ScalingStrategy::Managed | ScalingStrategy::Fixed))
        .map(|c| c.id)
        .collect();
    if !managed.is_empty() {
        let _ = writeln!(
            out,
            "Fixed or provider-managed capacity: {}.\n",
            l.component_names(&managed)
        );
    }
    let notes = block(&d.scaling_notes);
    if !notes.is_empty() {
        let _ = writeln!(out, "{notes}\n");
    }
    out.push_str("## CI/CD pipeline\n\n");
    match pipeline {
        None => out.push_str("No pipeline stages recorded yet.\n\n"),
        Some(diagram) => {
            out.push_str(&diagram.fenced());
            out.push('\n');
            for (index, stage) in d.pipeline.iter().enumerate() {
                let gate = if stage.approval_gate { " (approval gate)" } else { "" };
                let detail = inline(&stage.detail);
                let _ = writeln!(
                    out,
                    "{}. **{}**{gate}{}",
                    index + 1,
                    name_of(&stage.name),
                    if detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {detail}")
                    }
                );
            }
            out.push('\n');
        }
    }
    out.push_str("## Deployment strategy\n\n");
    if d.strategies.is_empty() {
        out.push_str("No deployment strategies recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = d
            .strategies
            .iter()
            .map(|s| vec![cell(&s.environment), cell(&s.strategy), cell(&s.rollback)])
            .collect();
        table(&mut out, &["Environment", "Strategy", "Rollback"], &rows);
    }
    out.push_str("## Deployment checklist\n\n");
    checklist(&mut out, &d.checklist, "No checklist items recorded yet.");
    out.push_str("## Rollback plan\n\n");
    if d.rollback_plan.is_empty() {
        out.push_str("No rollback plan recorded yet.\n\n");
    }
    for stage in &d.rollback_plan {
        let downtime = inline(&stage.expected_downtime);
        let _ = writeln!(
            out,
            "### {}{}\n",
            or_gap(&stage.stage, "Rollback stage"),
            if downtime.is_empty() {
                String::new()
            } else {
                format!(" (expected downtime: {downtime})")
            }
        );
        for (index, step) in stage.steps.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", index + 1, inline(step));
        }
        out.push('\n');
    }
    out.push_str("## Testing plan\n\n### Before deployment\n\n");
    checklist(
        &mut out,
        &d.testing_plan.pre_deployment,
        "No pre-deployment tests recorded yet.",
    );
    out.push_str("### After deployment\n\n");
    checklist(
        &mut out,
        &d.testing_plan.post_deployment,
        "No post-deployment tests recorded yet.",
    );
    out
}

pub fn risks(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Risks and approval");
    out.push_str("## Risk assessment\n\n");
    if p.risks.is_empty() {
        out.push_str("No risks recorded yet.\n\n");
    }
    for &level in RiskLevel::VARIANTS {
        let risks: Vec<&Risk> = p.risks.iter().filter(|r| r.level == level).collect();
        if risks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {} risk\n", level.label());
        for risk in risks {
            let _ = writeln!(
                out,
                "- **{}**. Mitigation: {}",
                or_gap(&risk.risk, "Unnamed risk"),
                or_gap(&risk.mitigation, "none recorded")
            );
        }
        out.push('\n');
    }
    out.push_str("## Questions for approval\n\n");
    if p.approval.questions.is_empty() {
        out.push_str("No questions for approval recorded yet.\n\n");
    }
    for (index, q) in p.approval.questions.iter().enumerate() {
        let topic = inline(&q.topic);
        let answer = inline(&q.answer);
        let _ = writeln!(
            out,
            "{}. {}{}{}",
            index + 1,
            if topic.is_empty() {
                String::new()
            } else {
                format!("**{topic}:** ")
            },
            or_gap(&q.question, "no question written"),
            if answer.is_empty() {
                String::new()
            } else {
                format!(" Answer: {answer}")
            }
        );
    }
    if !p.approval.questions.is_empty() {
        out.push('\n');
    }
    out.push_str("## Approval status\n\n");
    let _ = writeln!(out, "**{}**", p.approval.status.label());
    if !p.approval.approvers.is_empty() {
        let _ = writeln!(out, "\nApprovers: {}", inline(&p.approval.approvers.join(", ")));
    }
    out
}

pub fn clarifications(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Clarifications");
    out.push_str("## Open questions\n\n");
    if p.open_questions.is_empty() {
        out.push_str("No open questions recorded yet.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = p
        .open_questions
        .iter()
        .enumerate()
        .map(|(index, q)| {
            vec![
                (index + 1).to_string(),
                cell(&q.question),
                cell(&q.impact),
                q.status.label().to_owned(),
                cell(&q.answer),
            ]
        })
        .collect();
    table(&mut out, &["#", "Question", "Impact", "Status", "Answer"], &rows);
    out
}

pub fn changelog(l: &Lookup) -> String {
    let p = l.project;
    let mut out = String::new();
    header(&mut out, p, "Changelog");
    if p.changelog.is_empty() {
        out.push_str("No changes recorded yet.\n");
        return out;
    }
    for entry in &p.changelog {
        let _ = writeln!(
            out,
            "## {} · v{} · {}\n",
            or_gap(&entry.date, "undated"),
            inline(entry.version.trim_start_matches('v')),
            or_gap(&entry.title, "Untitled")
        );
        bullets(&mut out, &entry.changes, "No changes listed.");
    }
    out
}
