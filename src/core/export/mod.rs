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
pub mod markdown;
pub mod mermaid;
pub mod registry;
pub mod svg;
pub mod text;

use crate::check::Diagnostic;
use crate::model::*;

#[cfg(test)]
use folder::is_safe_relative;
pub use folder::{ExportError, MANIFEST, Manifest, WriteReport, default_folder, write_folder};
pub use registry::{DocSection, SPEC_FILES, SpecFile};

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
    // The drawings do not depend on the Markdown: on a second core they are
    // made while the files are written.
    std::thread::scope(|scope| {
        let drawings = scope.spawn(|| Drawings::new(project));
        let lookup = files::Lookup::new(project, checked);
        let mut files: Vec<ExportedFile> = SPEC_FILES
            .iter()
            .map(|spec| ExportedFile {
                path: spec.path.to_owned(),
                contents: (spec.render)(&lookup),
            })
            .collect();
        files.extend(decision_records(&lookup));
        let drawings = drawings.join().expect("export drawing thread panicked");
        files.extend(diagram_files(&lookup, drawings));
        Export {
            files,
            notes: notes(&lookup),
            project_id: project.meta.id.clone(),
            project_name: project.meta.name.clone(),
        }
    })
}

/// The SVG and DOT drawings of a project.
struct Drawings {
    topology_svg: String,
    /// One per layer; an empty layer gets no drawing, as nothing links to one.
    layer_svgs: Vec<Option<String>>,
    dot: String,
}

impl Drawings {
    fn new(project: &Project) -> Drawings {
        // Each SVG lays out its own drawing: the per-layer ones are made on
        // another thread while the topology is.
        std::thread::scope(|scope| {
            let layers = scope.spawn(|| {
                project
                    .layers
                    .iter()
                    .map(|l| {
                        project
                            .components
                            .iter()
                            .any(|c| c.layer == Some(l.id))
                            .then(|| svg::render(project, Some(l.id)))
                    })
                    .collect()
            });
            let topology_svg = svg::render(project, None);
            let dot = dot::topology(project);
            Drawings {
                topology_svg,
                layer_svgs: layers.join().expect("export layer drawing thread panicked"),
                dot,
            }
        })
    }
}

/// What the reader should know about diagrams that had to be split.
fn notes(lookup: &files::Lookup) -> Vec<String> {
    let project = lookup.project;
    let topology = lookup.topology();
    let mut notes = Vec::new();
    if !topology.fits() {
        notes.push(format!(
            "the topology ({} dependencies, {} characters of Mermaid) is over Mermaid's default limits, so architecture.md shows it per layer; diagrams/topology.svg has it whole",
            topology.edges,
            topology.text.len()
        ));
    }
    for (index, diagram) in lookup.layer_diagrams().iter().enumerate() {
        if !diagram.fits() {
            notes.push(format!(
                "layer \"{}\" is too large for a Mermaid diagram; its SVG is in diagrams/{}.svg",
                project.layers[index].name,
                layer_diagram_name(index, &project.layers[index])
            ));
        }
    }
    notes
}

/// One MADR record per decision, under `decisions/`.
fn decision_records(lookup: &files::Lookup) -> Vec<ExportedFile> {
    let mut taken = std::collections::HashSet::new();
    let mut out = Vec::new();
    for decision in &lookup.project.decisions {
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
        out.push(ExportedFile {
            path: format!("decisions/{name}"),
            contents: files::decision::decision_record(lookup, decision),
        });
    }
    out
}

/// The `diagrams/` folder: Mermaid sources that fit Mermaid's limits, the
/// SVG drawings and the DOT topology.
fn diagram_files(lookup: &files::Lookup, drawings: Drawings) -> Vec<ExportedFile> {
    let project = lookup.project;
    let mut out = Vec::new();
    let mut add = |path: String, contents: String| out.push(ExportedFile { path, contents });
    let topology = lookup.topology();
    if topology.fits() && !project.components.is_empty() {
        add("diagrams/topology.mmd".into(), topology.text.clone());
    }
    add("diagrams/topology.svg".into(), drawings.topology_svg);
    add("diagrams/topology.dot".into(), drawings.dot);
    let layer_diagrams = lookup.layer_diagrams();
    for ((index, layer), svg) in project.layers.iter().enumerate().zip(drawings.layer_svgs) {
        let base = layer_diagram_name(index, layer);
        let has_members = project.components.iter().any(|c| c.layer == Some(layer.id));
        if layer_diagrams[index].fits() && has_members {
            add(format!("diagrams/{base}.mmd"), layer_diagrams[index].text.clone());
        }
        if let Some(svg) = svg {
            add(format!("diagrams/{base}.svg"), svg);
        }
    }
    let dependencies = lookup.dependency_diagram();
    if !project.dependencies.is_empty() && dependencies.fits() {
        add("diagrams/dependencies.mmd".into(), dependencies.text.clone());
    }
    if let Some(pipeline) = lookup.pipeline() {
        add("diagrams/pipeline.mmd".into(), pipeline.text.clone());
    }
    out
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
    let lookup = files::Lookup::new(project, checked);
    match *target {
        PreviewTarget::Component(id) => {
            let Some(component) = project.component(id) else {
                return format!("_{id} no longer exists._\n");
            };
            let outgoing: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.from == id).collect();
            let incoming: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.to == id).collect();
            files::responsibilities::entry(&lookup, component, &outgoing, &incoming)
        }
        PreviewTarget::Decision(id) => match project.decision(id) {
            Some(decision) => files::decision::decision_record(&lookup, decision),
            None => format!("_{id} no longer exists._\n"),
        },
        PreviewTarget::File(path) => match registry::spec_file(path) {
            Some(spec) => (spec.render)(&lookup),
            None => render(checked)
                .file(path)
                .map_or_else(|| format!("_The export has no file {path}._\n"), str::to_owned),
        },
    }
}

#[cfg(test)]
mod tests;
