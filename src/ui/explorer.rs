//! The dependency explorer: an on-demand, interactive view of one
//! component's dependency chains, drawn with `egui_graphs`.
//!
//! Given a focus component it shows the focus, everything that depends on it
//! (directly or transitively: what breaks if it fails, orange) and everything
//! it depends on (what it needs, blue), with every dependency between those
//! components as a labelled arrow. Nodes start in layers (dependents above the
//! focus, dependencies below, by distance) and a force-directed layout
//! (Fruchterman–Reingold) then untangles them; the architect can drag nodes,
//! zoom (Ctrl + wheel / pinch) and pan (drag the background).
//!
//! The main canvas is a custom painter ([`super::canvas`]) because
//! `egui_graphs`' `GraphView` requests a repaint at the end of every frame, so
//! a window showing it never goes idle. This view therefore is **on demand**:
//! the app draws [`explorer_ui`] only while the user has the explorer open
//! (an `egui::Window` opened from the View menu), so the repaint loop runs
//! only while the explorer is visible and stops as soon as it is closed. The
//! force-directed simulation can also be paused from its toolbar.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::tokens;
use crate::lint::blast::blast_radius;
use crate::model::{ComponentId, DependencyId, Project};
use egui::{Color32, Pos2};
use egui_graphs::{
    FruchtermanReingold, FruchtermanReingoldState, GraphView, LayoutForceDirected, SettingsInteraction,
    SettingsNavigation, SettingsStyle,
};

/// The explorer's graph: node payload the component, edge payload the
/// dependency; labels are the component names and dependency labels.
pub type ExplorerGraph = egui_graphs::Graph<ComponentId, DependencyId>;

type LayoutState = FruchtermanReingoldState;
type Layout = LayoutForceDirected<FruchtermanReingold>;

/// The `GraphView` id: where egui_graphs keeps its layout and zoom state.
const VIEW_ID: &str = "strata-dependency-explorer";
/// Node radius in graph units; egui_graphs sizes node and edge labels by it.
const NODE_RADIUS: f32 = 12.0;
/// Ideal edge length relative to egui_graphs' default (which is sized for
/// the whole screen, not a window).
const SPREAD: f32 = 0.6;
/// Above this many nodes the simulation starts paused (it is quadratic).
const ANIMATE_LIMIT: usize = 400;
/// Spacing of the initial layers, in graph units.
const ROW_GAP: f32 = 90.0;
const COL_GAP: f32 = 140.0;

/// A component's part in the neighbourhood of the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Focus,
    /// Depends on the focus (directly or transitively).
    Dependent,
    /// The focus depends on it (directly or transitively).
    Dependency,
}

/// The built neighbourhood of one focus component.
pub struct Explorer {
    pub focus: ComponentId,
    pub graph: ExplorerGraph,
    /// Each shown component's part.
    pub roles: BTreeMap<ComponentId, Role>,
    pub dependents: usize,
    pub dependencies: usize,
}

/// What the explorer keeps between frames. The graph is rebuilt only when
/// the focus or the project revision changes.
#[derive(Default)]
pub struct ExplorerState {
    focus: Option<ComponentId>,
    /// The project revision the graph was built from.
    key: u64,
    graph: Option<Explorer>,
    /// Keep the view fitted to the graph while the layout moves it; off as
    /// soon as the user zooms, pans or drags.
    auto_fit: bool,
    /// Where the graph was drawn last frame.
    graph_rect: Option<egui::Rect>,
    /// Dark mode the node colours were set for.
    colored_dark: Option<bool>,
}

impl ExplorerState {
    /// The built neighbourhood, if a focus is set and exists.
    pub fn explorer(&self) -> Option<&Explorer> {
        self.graph.as_ref()
    }
}

/// Builds the neighbourhood of `focus`: the focus, its transitive dependents
/// and dependencies, and every dependency of the project between two of
/// them. `None` if `focus` is not a component of `project`.
pub fn build_explorer(project: &Project, focus: ComponentId) -> Option<Explorer> {
    let focus_component = project.component(focus)?;
    let radius = blast_radius(project, focus);

    let mut roles: BTreeMap<ComponentId, Role> = BTreeMap::new();
    roles.insert(focus, Role::Focus);
    for &id in &radius.dependents {
        roles.entry(id).or_insert(Role::Dependent);
    }
    for &id in &radius.dependencies {
        roles.entry(id).or_insert(Role::Dependency);
    }

    // Initial layers: distance from the focus, dependents above (negative
    // rows), dependencies below.
    let rows = layer_rows(project, focus, &roles);
    let mut per_row: BTreeMap<i32, Vec<ComponentId>> = BTreeMap::new();
    for (&id, &row) in &rows {
        per_row.entry(row).or_default().push(id);
    }
    let mut location: BTreeMap<ComponentId, Pos2> = BTreeMap::new();
    for (&row, ids) in &per_row {
        let width = (ids.len().saturating_sub(1)) as f32 * COL_GAP;
        for (column, &id) in ids.iter().enumerate() {
            let x = column as f32 * COL_GAP - width / 2.0;
            location.insert(id, Pos2::new(x, row as f32 * ROW_GAP));
        }
    }

    let mut graph = ExplorerGraph::new();
    let mut index = BTreeMap::new();
    // The focus first, then the project's component order.
    let order = std::iter::once(focus_component)
        .chain(project.components.iter().filter(|c| c.id != focus))
        .filter(|c| roles.contains_key(&c.id));
    for component in order {
        let at = location.get(&component.id).copied().unwrap_or_default();
        let idx = graph.add_node_with_label_and_location(component.id, component.name.clone(), at);
        if let Some(node) = graph.node_mut(idx) {
            node.display_mut().radius = NODE_RADIUS;
        }
        index.insert(component.id, idx);
    }
    for dependency in &project.dependencies {
        let (Some(&from), Some(&to)) = (index.get(&dependency.from), index.get(&dependency.to)) else {
            continue;
        };
        graph.add_edge_with_label(from, to, dependency.id, edge_label(dependency));
    }

    Some(Explorer {
        focus,
        graph,
        roles,
        dependents: radius.dependents.len(),
        dependencies: radius.dependencies.len(),
    })
}

fn edge_label(dependency: &crate::model::Dependency) -> String {
    if !dependency.label.is_empty() {
        dependency.label.clone()
    } else {
        dependency.protocol.clone()
    }
}

/// Breadth-first distance from the focus: dependents get negative rows
/// (following arrows backwards), dependencies positive rows.
fn layer_rows(
    project: &Project,
    focus: ComponentId,
    roles: &BTreeMap<ComponentId, Role>,
) -> BTreeMap<ComponentId, i32> {
    let mut rows = BTreeMap::new();
    rows.insert(focus, 0);
    for (role, sign) in [(Role::Dependent, -1), (Role::Dependency, 1)] {
        let mut seen = BTreeSet::from([focus]);
        let mut queue = VecDeque::from([(focus, 0)]);
        while let Some((id, distance)) = queue.pop_front() {
            for dependency in &project.dependencies {
                let next = match role {
                    Role::Dependent if dependency.to == id => dependency.from,
                    Role::Dependency if dependency.from == id => dependency.to,
                    _ => continue,
                };
                if roles.get(&next) == Some(&role) && seen.insert(next) {
                    rows.insert(next, sign * (distance + 1));
                    queue.push_back((next, distance + 1));
                }
            }
        }
    }
    // Anything unreached (cannot happen for a consistent blast radius).
    for &id in roles.keys() {
        rows.entry(id).or_insert(0);
    }
    rows
}

fn role_color(role: Role, dark: bool) -> Color32 {
    let blast = tokens::blast_colors(tokens::palette(dark));
    match role {
        Role::Focus => blast.focus,
        Role::Dependent => blast.dependent,
        Role::Dependency => blast.dependency,
    }
}

fn view_id() -> Option<String> {
    Some(VIEW_ID.to_owned())
}

/// The dependency explorer of `focus` in `project`. Rebuilds its graph only
/// when `focus` or `revision` (the project's edit revision) changes; between
/// rebuilds the user's node drags, zoom and pan are kept.
///
/// `GraphView` requests a repaint every frame: call this only while the
/// explorer is open (e.g. inside an `egui::Window` the user opened), never
/// on every frame of the app.
pub fn explorer_ui(
    ui: &mut egui::Ui,
    project: &Project,
    revision: u64,
    focus: Option<ComponentId>,
    state: &mut ExplorerState,
) {
    if state.focus != focus || state.key != revision {
        state.focus = focus;
        state.key = revision;
        state.graph = focus.and_then(|id| build_explorer(project, id));
        state.colored_dark = None;
        state.auto_fit = true;
        // Forget the previous graph's simulation and zoom.
        egui_graphs::reset::<LayoutState>(ui, view_id());
        let layout = LayoutState {
            k_scale: SPREAD,
            is_running: state
                .graph
                .as_ref()
                .is_some_and(|e| e.graph.node_count() <= ANIMATE_LIMIT),
            ..LayoutState::default()
        };
        egui_graphs::set_layout_state(ui, layout, view_id());
    }

    let Some(explorer) = state.graph.as_mut() else {
        ui.weak(match focus {
            None => "Select a component to explore what depends on it and what it depends on.",
            Some(_) => "The selected component no longer exists.",
        });
        return;
    };

    let dark = ui.visuals().dark_mode;
    if state.colored_dark != Some(dark) {
        for node in explorer.graph.g_mut().node_weights_mut() {
            if let Some(&role) = explorer.roles.get(node.payload()) {
                node.set_color(role_color(role, dark));
            }
        }
        state.colored_dark = Some(dark);
    }

    let name = project.component(explorer.focus).map_or("?", |c| c.name.as_str());
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("■").color(role_color(Role::Focus, dark)));
        ui.strong(name);
        ui.label(egui::RichText::new("■").color(role_color(Role::Dependent, dark)));
        ui.label(format!("{} depend on it", explorer.dependents));
        ui.label(egui::RichText::new("■").color(role_color(Role::Dependency, dark)));
        ui.label(format!("it depends on {}", explorer.dependencies));
        ui.separator();
        let mut layout = egui_graphs::get_layout_state::<LayoutState>(ui, view_id());
        let mut running = layout.is_running;
        if ui
            .checkbox(&mut running, "Animate layout")
            .on_hover_text("Run the force-directed layout (pause it to keep nodes where they are)")
            .changed()
        {
            layout.is_running = running;
            egui_graphs::set_layout_state(ui, layout, view_id());
        }
        ui.checkbox(&mut state.auto_fit, "Fit")
            .on_hover_text("Keep the whole graph in view (zooming, panning or dragging turns this off)");
    });
    ui.weak("Drag nodes to rearrange; Ctrl + wheel zooms, drag the background to pan.");

    // The user taking over the view (zoom, scroll, press) ends auto-fit.
    if state.auto_fit
        && let Some(rect) = state.graph_rect
    {
        let taken_over = ui.input(|i| {
            i.pointer.hover_pos().is_some_and(|p| rect.contains(p))
                && (i.zoom_delta() != 1.0 || i.smooth_scroll_delta != egui::Vec2::ZERO || i.pointer.any_pressed())
        });
        if taken_over {
            state.auto_fit = false;
        }
    }
    let fitting = state.auto_fit;
    let interaction = SettingsInteraction::new()
        .with_dragging_enabled(true)
        .with_hover_enabled(true)
        .with_node_selection_enabled(true);
    let navigation = SettingsNavigation::new()
        .with_fit_to_screen_enabled(fitting)
        .with_zoom_and_pan_enabled(!fitting);
    let style = SettingsStyle::new().with_labels_always(true);
    let response = GraphView::<LayoutState, Layout>::new()
        .with_id(view_id())
        .with_interactions(&interaction)
        .with_navigations(&navigation)
        .with_styles(&style)
        .show(ui, &mut explorer.graph);
    state.graph_rect = Some(response.response.rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Dependency};

    fn chain() -> Project {
        // a -> b -> c -> d, e -> c, f isolated, d -> g
        let mut project = Project::default();
        for (i, name) in ["a", "b", "c", "d", "e", "f", "g"].iter().enumerate() {
            project.components.push(Component {
                id: ComponentId(i as u32 + 1),
                name: (*name).to_owned(),
                ..Default::default()
            });
        }
        for (i, (from, to, label)) in [
            (1, 2, "calls"),
            (2, 3, "reads"),
            (3, 4, "writes"),
            (5, 3, "polls"),
            (4, 7, ""),
        ]
        .into_iter()
        .enumerate()
        {
            project.dependencies.push(Dependency {
                id: DependencyId(i as u32 + 1),
                from: ComponentId(from),
                to: ComponentId(to),
                label: label.to_owned(),
                ..Default::default()
            });
        }
        project
    }

    #[test]
    fn builds_the_focus_neighbourhood() {
        let project = chain();
        let explorer = build_explorer(&project, ComponentId(3)).unwrap();
        // c, its dependents a, b, e and its dependencies d, g; f is outside.
        assert_eq!(explorer.graph.node_count(), 6);
        // a->b, b->c, e->c, c->d, d->g.
        assert_eq!(explorer.graph.edge_count(), 5);
        assert_eq!(explorer.dependents, 3);
        assert_eq!(explorer.dependencies, 2);

        let g = explorer.graph.g();
        let by_name = |name: &str| {
            g.node_indices()
                .find(|&i| g[i].label() == name)
                .unwrap_or_else(|| panic!("no node {name}"))
        };
        assert_eq!(explorer.roles[g[by_name("c")].payload()], Role::Focus);
        assert_eq!(*g[by_name("c")].payload(), ComponentId(3));
        for name in ["a", "b", "e"] {
            assert_eq!(explorer.roles[g[by_name(name)].payload()], Role::Dependent, "{name}");
        }
        for name in ["d", "g"] {
            assert_eq!(explorer.roles[g[by_name(name)].payload()], Role::Dependency, "{name}");
        }
        // Dependents above the focus, dependencies below, by distance.
        assert!(g[by_name("a")].location().y < g[by_name("b")].location().y);
        assert!(g[by_name("b")].location().y < g[by_name("c")].location().y);
        assert!(g[by_name("g")].location().y > g[by_name("d")].location().y);
        let mut labels: Vec<String> = g.edge_weights().map(|e| e.label()).collect();
        labels.sort();
        assert_eq!(labels, ["", "calls", "polls", "reads", "writes"]);

        // A leaf has only dependents; an unknown component has no explorer.
        let leaf = build_explorer(&project, ComponentId(7)).unwrap();
        assert_eq!((leaf.graph.node_count(), leaf.graph.edge_count()), (6, 5));
        assert_eq!(leaf.dependencies, 0);
        let alone = build_explorer(&project, ComponentId(6)).unwrap();
        assert_eq!((alone.graph.node_count(), alone.graph.edge_count()), (1, 0));
        assert!(build_explorer(&project, ComponentId(99)).is_none());
    }

    #[test]
    fn matches_the_blast_radius_on_a_synthetic_project() {
        let project = crate::synth::generate_with(30, 45, 2);
        for component in &project.components {
            let radius = blast_radius(&project, component.id);
            let explorer = build_explorer(&project, component.id).unwrap();
            let members: BTreeSet<ComponentId> = std::iter::once(component.id)
                .chain(radius.dependents.iter().copied())
                .chain(radius.dependencies.iter().copied())
                .collect();
            let edges = project
                .dependencies
                .iter()
                .filter(|d| members.contains(&d.from) && members.contains(&d.to))
                .count();
            assert_eq!(explorer.graph.node_count(), members.len());
            assert_eq!(explorer.graph.edge_count(), edges);
        }
    }

    #[test]
    fn renders_and_rebuilds_only_on_change() {
        struct Host {
            project: Project,
            revision: u64,
            focus: Option<ComponentId>,
            state: ExplorerState,
        }
        let project = crate::synth::generate_with(30, 45, 2);
        let focus = project.dependencies[0].to;
        let host = Host {
            project,
            revision: 1,
            focus: None,
            state: ExplorerState::default(),
        };
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(900.0, 700.0))
            .build_ui_state(
                |ui, host: &mut Host| explorer_ui(ui, &host.project, host.revision, host.focus, &mut host.state),
                host,
            );
        // No focus: a hint, no graph.
        harness.run_steps(3);
        assert!(harness.state().state.explorer().is_none());

        harness.state_mut().focus = Some(focus);
        harness.run_steps(10);
        let nodes = harness.state().state.explorer().unwrap().graph.node_count();
        assert!(nodes >= 2);
        let built = build_explorer(&harness.state().project, focus).unwrap();
        let initial: Vec<Pos2> = built.graph.g().node_weights().map(|n| n.location()).collect();
        let shown = |harness: &egui_kittest::Harness<'_, Host>| -> Vec<Pos2> {
            let explorer = harness.state().state.explorer().unwrap();
            explorer.graph.g().node_weights().map(|n| n.location()).collect()
        };
        // The force-directed layout moved the nodes from their initial layers.
        assert_eq!(shown(&harness).len(), initial.len());
        assert_ne!(shown(&harness), initial);

        // Same focus and revision: the graph is kept, not rebuilt.
        let first = harness
            .state()
            .state
            .explorer()
            .unwrap()
            .graph
            .g()
            .node_indices()
            .next()
            .unwrap();
        harness.state_mut().state.graph.as_mut().unwrap().graph.g_mut()[first].set_label("kept".into());
        harness.run_steps(2);
        assert_eq!(
            harness.state().state.explorer().unwrap().graph.g()[first].label(),
            "kept"
        );

        // A new revision rebuilds the graph (back at its initial layers).
        harness.state_mut().revision = 2;
        harness.run_steps(1);
        assert_eq!(harness.state().state.key, 2);
        assert_eq!(harness.state().state.explorer().unwrap().graph.node_count(), nodes);
        assert_ne!(
            harness.state().state.explorer().unwrap().graph.g()[first].label(),
            "kept"
        );

        // A removed focus shows the hint.
        harness.state_mut().focus = Some(ComponentId(9999));
        harness.run_steps(3);
        assert!(harness.state().state.explorer().is_none());
    }

    #[test]
    fn keeps_its_size_in_a_window() {
        let project = crate::synth::generate_with(30, 45, 2);
        let focus = project.dependencies[0].to;
        type State = (Project, ExplorerState, Option<egui::Rect>);
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1200.0, 900.0))
            .build_ui_state(
                |ui, state: &mut State| {
                    let response = egui::Window::new("Dependency explorer")
                        .default_size([600.0, 400.0])
                        .resizable(true)
                        .show(ui.ctx(), |ui| explorer_ui(ui, &state.0, 1, Some(focus), &mut state.1));
                    state.2 = response.map(|r| r.response.rect);
                },
                (project, ExplorerState::default(), None),
            );
        harness.run_steps(3);
        let early = harness.state().2.unwrap();
        harness.run_steps(20);
        let late = harness.state().2.unwrap();
        assert_eq!(early.size(), late.size(), "the explorer window must not grow by itself");
        assert!(late.width() < 900.0 && late.height() < 700.0, "{late:?}");
    }

    #[test]
    fn ctrl_wheel_ends_auto_fit_and_zooms() {
        let project = crate::synth::generate_with(30, 45, 2);
        let focus = project.dependencies[0].to;
        type State = (Project, ExplorerState, f32);
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(900.0, 700.0))
            .build_ui_state(
                |ui, state: &mut State| {
                    explorer_ui(ui, &state.0, 1, Some(focus), &mut state.1);
                    state.2 = egui_graphs::MetadataFrame::new(view_id()).load(ui).zoom;
                },
                (project, ExplorerState::default(), 0.0),
            );
        let ctrl_wheel = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 1.0),
            modifiers: egui::Modifiers::COMMAND,
            phase: egui::TouchPhase::Move,
        };
        harness.run_steps(5);
        assert!(harness.state().1.auto_fit);
        harness.hover_at(egui::pos2(450.0, 400.0));
        harness.step();
        harness.event(ctrl_wheel.clone());
        harness.run_steps(2);
        assert!(!harness.state().1.auto_fit, "zooming ends auto-fit");
        let before = harness.state().2;
        harness.event(ctrl_wheel);
        harness.run_steps(2);
        assert!(
            harness.state().2 > before,
            "ctrl + wheel zooms in: {before} -> {}",
            harness.state().2
        );
    }
}
