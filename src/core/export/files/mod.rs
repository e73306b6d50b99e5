//! One module per Markdown file of the `infra-specs/` folder; each
//! renders its file from a [`Lookup`] of the project. The list of files,
//! their descriptions and renderers is [`super::registry::SPEC_FILES`].

pub mod architecture;
pub mod assertions;
pub mod changelog;
pub mod clarifications;
pub mod constraints;
pub mod cost_management;
pub mod decision;
pub mod deployment;
pub mod disaster_recovery;
pub mod environments;
pub mod observability;
pub mod overview;
pub mod readme;
pub mod responsibilities;
pub mod risks;
pub mod security;
pub mod tradeoffs;
pub mod vocabulary;

use std::cell::OnceCell;

pub(crate) use std::collections::{HashMap, HashSet};

pub(crate) use super::markdown::{Cell, Markdown};
pub(crate) use super::mermaid::{self, Diagram};
pub(crate) use super::text::*;
pub(crate) use super::{decision_file_name, layer_diagram_name};
pub(crate) use crate::check::Diagnostic;
pub(crate) use crate::model::*;

/// The project as the files read it: the answered project, indexes by id,
/// and what several files share (diagrams, lints), each computed once and
/// only when a file asks for it.
pub struct Lookup<'a> {
    /// The project with unanswered template questions left out: every file
    /// states only what was answered.
    pub project: &'a Project,
    /// The project as it is, for the checks (which report unanswered
    /// template questions).
    checked: &'a Project,
    components: HashMap<ComponentId, &'a Component>,
    layers: HashMap<LayerId, &'a Layer>,
    zones: HashMap<ZoneId, &'a Zone>,
    decisions: HashMap<DecisionId, &'a Decision>,
    topology: OnceCell<Diagram>,
    layer_diagrams: OnceCell<Vec<Diagram>>,
    dependency_diagram: OnceCell<Diagram>,
    pipeline: OnceCell<Option<Diagram>>,
    blast_radius: OnceCell<String>,
    problems: OnceCell<Vec<Diagnostic>>,
}

impl<'a> Lookup<'a> {
    /// `project` is the answered project; `checked` the one the user has.
    pub fn new(project: &'a Project, checked: &'a Project) -> Lookup<'a> {
        Lookup {
            project,
            checked,
            components: project.components.iter().map(|c| (c.id, c)).collect(),
            layers: project.layers.iter().map(|l| (l.id, l)).collect(),
            zones: project.zones.iter().map(|z| (z.id, z)).collect(),
            decisions: project.decisions.iter().map(|d| (d.id, d)).collect(),
            topology: OnceCell::new(),
            layer_diagrams: OnceCell::new(),
            dependency_diagram: OnceCell::new(),
            pipeline: OnceCell::new(),
            blast_radius: OnceCell::new(),
            problems: OnceCell::new(),
        }
    }

    /// The whole topology as Mermaid.
    pub fn topology(&self) -> &Diagram {
        self.topology.get_or_init(|| mermaid::topology(self.project))
    }

    /// One Mermaid diagram per layer, in layer order.
    pub fn layer_diagrams(&self) -> &[Diagram] {
        self.layer_diagrams.get_or_init(|| {
            self.project
                .layers
                .iter()
                .map(|l| mermaid::layer(self.project, l.id))
                .collect()
        })
    }

    pub fn dependency_diagram(&self) -> &Diagram {
        self.dependency_diagram
            .get_or_init(|| mermaid::dependencies(self.project))
    }

    /// The CI/CD pipeline, when it has stages.
    pub fn pipeline(&self) -> Option<&Diagram> {
        self.pipeline
            .get_or_init(|| mermaid::pipeline(&self.project.deployment))
            .as_ref()
    }

    /// The blast-radius section of architecture.md.
    pub fn blast_radius(&self) -> &str {
        self.blast_radius
            .get_or_init(|| crate::lint::blast::blast_radius_markdown(self.project))
    }

    /// The problems the README lists as still open.
    pub fn problems(&self) -> &[Diagnostic] {
        self.problems.get_or_init(|| super::open_problems(self.checked))
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
        self.decisions
            .get(&id)
            .map_or_else(|| format!("(missing decision {})", id.0), |d| d.adr_label())
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

/// A diagram as a Mermaid block (when it fits Mermaid's limits) followed
/// by the same picture drawn by Strata as an image, for viewers that do
/// not render Mermaid.
fn diagram_section(out: &mut Markdown, diagram: &Diagram, svg: &str, too_big: &str) {
    if diagram.fits() {
        if let Some(note) = diagram.reading_note() {
            writeln!(out, "{note}\n");
        }
        out.push_generated(&diagram.fenced());
        out.push('\n');
    } else {
        writeln!(
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
fn svg_image(out: &mut Markdown, svg: &str) {
    let alt = if svg.ends_with("topology.svg") {
        "Deployment topology drawn by Strata"
    } else {
        "Layer diagram drawn by Strata"
    };
    writeln!(out, "![{alt}]({svg})\n\nThe drawing on its own: [{svg}]({svg}).\n");
}

fn multi_zone_note(out: &mut Markdown, project: &Project) {
    if mermaid::has_multi_zone_components(project) {
        writeln!(out, "{}\n", mermaid::MULTI_ZONE_NOTE);
    }
}

fn objectives(out: &mut Markdown, items: &[Objective], empty: &str) {
    if items.is_empty() {
        writeln!(out, "{empty}\n");
        return;
    }
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|o| vec![Cell::text(&o.metric), Cell::text(&o.target), Cell::text(&o.measurement)])
        .collect();
    out.table(&["Metric", "Target", "Measurement"], &rows);
}

fn checklist(out: &mut Markdown, items: &[ChecklistItem], empty: &str) {
    if items.is_empty() {
        writeln!(out, "{empty}\n");
        return;
    }
    for item in items {
        writeln!(out, "- [{}] {}", if item.done { "x" } else { " " }, inline(&item.item));
    }
    out.push('\n');
}
