//! The `infra-specs/` folder: Markdown files, Mermaid, SVG and DOT diagrams,
//! all generated from the model.
//!
//! [`render`] builds every file in memory and is deterministic: the same
//! project gives byte-identical files. [`write_folder`] puts them on disk
//! safely: only inside the chosen folder, staged in a temporary folder
//! beside it and moved into place, leaving files Strata did not write alone.

pub mod dot;
mod files;
mod folder;
pub mod mermaid;
pub mod svg;
pub mod text;

use crate::check::Diagnostic;
use crate::model::*;

#[cfg(test)]
use folder::is_safe_relative;
pub use folder::{ExportError, MANIFEST, Manifest, WriteReport, default_folder, write_folder};

/// One file of the export, with a path relative to the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Export {
    pub files: Vec<ExportedFile>,
    /// Things the reader should know, e.g. a diagram that had to be split.
    pub notes: Vec<String>,
    /// The project's identity (`meta.id`; empty when it has none), recorded
    /// in the folder's manifest so another project never replaces it.
    pub project_id: String,
    /// The project's name, recorded beside it for messages.
    pub project_name: String,
}

impl Export {
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|f| f.path == path).map(|f| f.contents.as_str())
    }
}

/// The Mermaid diagrams of a project, computed once and shared by the
/// files that show them.
pub(crate) struct DiagramPlan {
    pub topology: mermaid::Diagram,
    /// One per layer, in layer order.
    pub layers: Vec<mermaid::Diagram>,
}

/// `decisions/NNNN-slug.md` name of a decision (without the folder).
pub fn decision_file_name(decision: &Decision) -> String {
    format!("{:04}-{}.md", decision.number, text::slug(&decision.title, "decision"))
}

/// `layer-NN-slug` base name of a layer's diagrams.
pub fn layer_diagram_name(index: usize, layer: &Layer) -> String {
    format!("layer-{:02}-{}", index + 1, text::slug(&layer.name, "layer"))
}

/// The problems the exported README lists as still open: structural
/// problems and architecture lints.
pub fn open_problems(project: &Project) -> Vec<Diagnostic> {
    crate::lint::lint(project)
}

/// Every file of the spec folder, in a stable order.
pub fn render(project: &Project) -> Export {
    // The checks see the project as it is (they report unanswered template
    // questions); every file states only what was answered.
    let checked = project;
    let answered = crate::templates::answered(project);
    let project: &Project = &answered;
    // The drawings and the checks do not depend on the Markdown: on a
    // second core they run while the files are written.
    std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let topology_svg = svg::render(project, None);
            // An empty layer gets no drawing: nothing links to one.
            let layer_svgs: Vec<Option<String>> = project
                .layers
                .iter()
                .map(|l| {
                    project
                        .components
                        .iter()
                        .any(|c| c.layer == Some(l.id))
                        .then(|| svg::render(project, Some(l.id)))
                })
                .collect();
            let dot = dot::topology(project);
            let blast = crate::lint::blast::blast_radius_markdown(project);
            let problems = open_problems(checked);
            SideWork {
                topology_svg,
                layer_svgs,
                dot,
                blast,
                problems,
            }
        });
        render_files(project, || side.join().expect("export drawing thread panicked"))
    })
}

/// What [`render`] computes beside the Markdown.
struct SideWork {
    topology_svg: String,
    layer_svgs: Vec<Option<String>>,
    dot: String,
    blast: String,
    problems: Vec<Diagnostic>,
}

fn render_files(project: &Project, side: impl FnOnce() -> SideWork) -> Export {
    let lookup = files::Lookup::new(project);
    let topology = mermaid::topology(project);
    let layers: Vec<mermaid::Diagram> = project.layers.iter().map(|l| mermaid::layer(project, l.id)).collect();
    let plan = DiagramPlan { topology, layers };
    let dependencies = mermaid::dependencies(project);
    let pipeline = mermaid::pipeline(&project.deployment);

    let mut notes = Vec::new();
    if !plan.topology.fits() {
        notes.push(format!(
            "the topology ({} dependencies, {} characters of Mermaid) is over Mermaid's default limits, so architecture.md shows it per layer; diagrams/topology.svg has it whole",
            plan.topology.edges,
            plan.topology.text.len()
        ));
    }
    for (index, diagram) in plan.layers.iter().enumerate() {
        if !diagram.fits() {
            notes.push(format!(
                "layer \"{}\" is too large for a Mermaid diagram; its SVG is in diagrams/{}.svg",
                project.layers[index].name,
                layer_diagram_name(index, &project.layers[index])
            ));
        }
    }

    // The biggest files first, while the other thread draws.
    let responsibilities = files::responsibilities(&lookup, &dependencies);
    let overview = files::overview(&lookup, &plan.topology);
    let SideWork {
        topology_svg,
        mut layer_svgs,
        dot,
        blast,
        problems,
    } = side();
    let mut out = Vec::new();
    let mut add = |path: String, contents: String| out.push(ExportedFile { path, contents });
    add("README.md".into(), files::readme(&lookup, &problems));
    add("overview.md".into(), overview);
    add("architecture.md".into(), files::architecture(&lookup, &plan, &blast));
    add("responsibilities.md".into(), responsibilities);
    add("tradeoffs.md".into(), files::tradeoffs(&lookup));
    add("security.md".into(), files::security(&lookup));
    add("observability.md".into(), files::observability(&lookup));
    add("disaster-recovery.md".into(), files::disaster_recovery(&lookup));
    add("cost-management.md".into(), files::cost_management(&lookup));
    add("assertions.md".into(), files::assertions(&lookup));
    add("vocabulary.md".into(), files::vocabulary(&lookup));
    add("environments.md".into(), files::environments(&lookup));
    add("constraints.md".into(), files::constraints(&lookup));
    add("deployment.md".into(), files::deployment(&lookup, pipeline.as_ref()));
    add("risks.md".into(), files::risks(&lookup));
    add("clarifications.md".into(), files::clarifications(&lookup));
    add("changelog.md".into(), files::changelog(&lookup));

    let mut taken = std::collections::HashSet::new();
    for decision in &project.decisions {
        // Numbers are unique in a valid project; a damaged one still gets
        // one file per decision.
        let mut name = decision_file_name(decision);
        if !taken.insert(name.clone()) {
            name = format!(
                "{:04}-{}-{}.md",
                decision.number,
                text::slug(&decision.title, "decision"),
                decision.id.0
            );
            taken.insert(name.clone());
        }
        add(format!("decisions/{name}"), files::decision_record(&lookup, decision));
    }

    if plan.topology.fits() && !project.components.is_empty() {
        add("diagrams/topology.mmd".into(), plan.topology.text.clone());
    }
    add("diagrams/topology.svg".into(), topology_svg);
    add("diagrams/topology.dot".into(), dot);
    for (index, layer) in project.layers.iter().enumerate() {
        let base = layer_diagram_name(index, layer);
        let has_members = project.components.iter().any(|c| c.layer == Some(layer.id));
        if plan.layers[index].fits() && has_members {
            add(format!("diagrams/{base}.mmd"), plan.layers[index].text.clone());
        }
        if let Some(svg) = layer_svgs[index].take() {
            add(format!("diagrams/{base}.svg"), svg);
        }
    }
    if !project.dependencies.is_empty() && dependencies.fits() {
        add("diagrams/dependencies.mmd".into(), dependencies.text.clone());
    }
    if let Some(pipeline) = &pipeline {
        add("diagrams/pipeline.mmd".into(), pipeline.text.clone());
    }
    Export {
        files: out,
        notes,
        project_id: project.meta.id.clone(),
        project_name: project.meta.name.clone(),
    }
}

/// What the live preview shows: one component's entry, one decision's
/// record, or one whole file of the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PreviewTarget {
    /// The component's entry in `responsibilities.md`.
    Component(ComponentId),
    /// The decision's MADR record (`decisions/NNNN-slug.md`).
    Decision(DecisionId),
    /// A whole file, by its path in the folder (e.g. `environments.md`).
    File(&'static str),
}

/// The Markdown the export writes for `target`, made by the same functions
/// as [`render`] (only the part asked for is built). A target that no longer
/// exists gives a short note instead.
pub fn preview(project: &Project, target: &PreviewTarget) -> String {
    let checked = project;
    let answered = crate::templates::answered(project);
    let project: &Project = &answered;
    let lookup = files::Lookup::new(project);
    match *target {
        PreviewTarget::Component(id) => {
            let Some(component) = project.component(id) else {
                return format!("_{id} no longer exists._\n");
            };
            let outgoing: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.from == id).collect();
            let incoming: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.to == id).collect();
            let mut out = String::new();
            files::component_entry(&mut out, &lookup, component, &outgoing, &incoming);
            out
        }
        PreviewTarget::Decision(id) => match project.decision(id) {
            Some(decision) => files::decision_record(&lookup, decision),
            None => format!("_{id} no longer exists._\n"),
        },
        PreviewTarget::File(path) => match path {
            "README.md" => files::readme(&lookup, &open_problems(checked)),
            "overview.md" => files::overview(&lookup, &mermaid::topology(project)),
            "architecture.md" => {
                let plan = DiagramPlan {
                    topology: mermaid::topology(project),
                    layers: project.layers.iter().map(|l| mermaid::layer(project, l.id)).collect(),
                };
                files::architecture(&lookup, &plan, &crate::lint::blast::blast_radius_markdown(project))
            }
            "responsibilities.md" => files::responsibilities(&lookup, &mermaid::dependencies(project)),
            "tradeoffs.md" => files::tradeoffs(&lookup),
            "security.md" => files::security(&lookup),
            "observability.md" => files::observability(&lookup),
            "disaster-recovery.md" => files::disaster_recovery(&lookup),
            "cost-management.md" => files::cost_management(&lookup),
            "assertions.md" => files::assertions(&lookup),
            "vocabulary.md" => files::vocabulary(&lookup),
            "environments.md" => files::environments(&lookup),
            "constraints.md" => files::constraints(&lookup),
            "deployment.md" => files::deployment(&lookup, mermaid::pipeline(&project.deployment).as_ref()),
            "risks.md" => files::risks(&lookup),
            "clarifications.md" => files::clarifications(&lookup),
            "changelog.md" => files::changelog(&lookup),
            other => render(checked)
                .file(other)
                .map_or_else(|| format!("_The export has no file {other}._\n"), str::to_owned),
        },
    }
}

#[cfg(test)]
mod tests;
