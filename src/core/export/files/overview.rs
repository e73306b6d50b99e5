//! `overview.md`: the system context, SLOs and the deployment topology.

use super::*;

pub fn overview(l: &Lookup) -> String {
    let p = l.project;
    let topology = l.topology();
    let c = &p.context;
    let mut out = Markdown::new();
    out.header(p, "Overview");
    out.push_str("## System context\n\n");
    let rows: Vec<Vec<Cell>> = [
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
    .map(|(k, v)| vec![Cell::fixed(k), Cell::text(v)])
    .chain(std::iter::once(vec![
        Cell::fixed("Regions"),
        Cell::text(&c.regions.join(", ")),
    ]))
    .collect();
    out.table(&["Aspect", "Description"], &rows);

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
    out.into_string()
}
