//! `README.md`: the summary, the contents, key decisions, layers, open problems and the hand-off.

use super::*;
use crate::export::registry::README;

pub fn readme(l: &Lookup) -> String {
    let p = l.project;
    let problems = l.problems();
    let mut out = Markdown::new();
    out.readme_header(p, "Infrastructure specification");
    let summary = block(&p.meta.summary);
    writeln!(
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
        writeln!(out, "**Owners:** {}\n", owners.join(", "));
    }
    let empty_layers: Vec<String> = p
        .layers
        .iter()
        .filter(|layer| !p.components.iter().any(|c| c.layer == Some(layer.id)))
        .map(|layer| name_of(&layer.name))
        .collect();
    writeln!(
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
    for file in super::super::registry::SPEC_FILES.iter().filter(|f| f.path != README) {
        writeln!(out, "- [{path}]({path}): {}", file.description, path = file.path);
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
        writeln!(
            out,
            "- [{}: {}](decisions/{}): {}.",
            decision.adr_label(),
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
        writeln!(out, "- **{}** ({}): {list}", name_of(&layer.name), names.len());
    }
    let unassigned = p.components.iter().filter(|c| c.layer.is_none()).count();
    if unassigned > 0 {
        writeln!(out, "- **Unassigned** ({unassigned}): components with no layer yet");
    }
    out.push('\n');

    open_problems(&mut out, p, problems);
    hand_off(&mut out, p);
    out.into_string()
}

/// The checks' findings still open, and the rules hidden for the project.
fn open_problems(out: &mut Markdown, p: &Project, problems: &[Diagnostic]) {
    out.push_str("## Open problems\n\n");
    if problems.is_empty() {
        out.push_str("Strata's checks find no open problems.\n\n");
    } else {
        writeln!(out, "Strata's checks still find {} problem(s):\n", problems.len());
        let rows: Vec<Vec<Cell>> = problems
            .iter()
            .map(|d| {
                vec![
                    Cell::fixed(d.level.label()),
                    Cell::markdown(code_span(d.code)),
                    Cell::text(&d.message),
                ]
            })
            .collect();
        out.table(&["Severity", "Code", "Problem"], &rows);
    }
    if !p.lint_suppressions.is_empty() {
        out.push_str("Rules hidden for this project, whose findings are not listed above:\n\n");
        let rows: Vec<Vec<Cell>> = p
            .lint_suppressions
            .iter()
            .map(|s| {
                let meaning = crate::lint::rule_for(&s.code).map_or("unknown rule", |r| r.meaning);
                let reason = if s.reason.trim().is_empty() {
                    Cell::fixed("_no reason given_")
                } else {
                    Cell::text(&s.reason)
                };
                vec![Cell::text(&s.code), Cell::text(meaning), reason]
            })
            .collect();
        out.table(&["Code", "Rule", "Why it is hidden"], &rows);
    }
}

/// What the infrastructure designer builds in each layer, and what is
/// still undecided.
fn hand_off(out: &mut Markdown, p: &Project) {
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
            writeln!(out, "- {}: {}", name_of(&layer.name), technologies.join(", "));
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
    writeln!(
        out,
        "Before implementation starts: {proposed} decision(s) still proposed, {open_questions} open question(s), approval status: {}.\n",
        p.approval.status.label()
    );
}
