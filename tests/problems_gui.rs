//! The problems panel and the blast radius highlight driven headless with
//! egui_kittest: clicking a problem reports the place it names; the canvas
//! draws a highlight and closes it with × or Escape.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::check::Place;
use strata::layout::Geometry;
use strata::model::*;
use strata::selection::Selection;
use strata::ui::canvas::{Canvas, Highlight};
use strata::ui::problems::row_label;
use strata::ui::{Action, ProblemsState, problems_ui, tokens};

struct Panel {
    project: Project,
    revision: u64,
    state: ProblemsState,
    clicked: Vec<Place>,
}

fn panel(project: Project) -> Harness<'static, Panel> {
    panel_of_height(project, 4000.0)
}

fn panel_of_height(project: Project, height: f32) -> Harness<'static, Panel> {
    let panel = Panel {
        project,
        revision: 1,
        state: ProblemsState::default(),
        clicked: Vec::new(),
    };
    Harness::builder().with_size(egui::vec2(900.0, height)).build_ui_state(
        |ui, panel: &mut Panel| {
            if let Some(Action::GoTo(place)) = problems_ui(ui, &panel.project, panel.revision, &mut panel.state) {
                panel.clicked.push(place);
            }
        },
        panel,
    )
}

/// The default project with one service stripped of its responsibilities.
fn project_with_l001() -> (Project, ComponentId) {
    let mut project = strata::templates::default_project();
    let component = project
        .components
        .iter_mut()
        .find(|c| !c.kind.is_outside() && !c.responsibilities.is_empty())
        .expect("a component with responsibilities");
    component.responsibilities = Responsibilities::default();
    let id = component.id;
    (project, id)
}

#[test]
fn clicking_a_problem_reports_its_component() {
    let (project, id) = project_with_l001();
    let diagnostic = strata::lint::lint(&project)
        .into_iter()
        .find(|d| d.code == "L001" && d.place == Place::Component { id: id.0 })
        .expect("the stripped component has L001");
    let mut harness = panel(project);
    harness.run_steps(2);
    assert_eq!(harness.state().state.runs(), 1, "lints ran once for one revision");

    harness.get_by_label(&row_label(&diagnostic)).click();
    harness.run_steps(2);
    assert_eq!(harness.state().clicked, vec![Place::Component { id: id.0 }]);
    assert_eq!(harness.state().state.runs(), 1);

    // Hiding warnings hides the row; a new revision reruns the lints.
    let warnings = harness.state().state.counts().warnings;
    harness.get_by_label(&format!("Warnings {warnings}")).click();
    harness.run_steps(2);
    assert!(harness.query_by_label(&row_label(&diagnostic)).is_none());
    harness.state_mut().revision = 2;
    harness.run_steps(1);
    assert_eq!(harness.state().state.runs(), 2);
}

struct Board {
    project: Project,
    geometry: Geometry,
    canvas: Canvas,
    selection: Selection,
}

fn board(focus: ComponentId) -> Harness<'static, Board> {
    let project = strata::templates::default_project();
    let geometry = Geometry::of(&project);
    let mut canvas = Canvas::default();
    assert!(canvas.show_blast_radius(&project, focus));
    let board = Board {
        project,
        geometry,
        canvas,
        selection: Selection::only(focus),
    };
    Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
        |ui, b: &mut Board| {
            let asked = b
                .canvas
                .ui(ui, &b.project, 1, &b.geometry, &b.selection, tokens::palette(false));
            // The host adopts what the canvas picked, as the app does.
            for action in asked {
                if let Action::Select(selection) = action {
                    b.selection = selection;
                }
            }
        },
        board,
    )
}

/// The component with the most dependents (so the highlight has content).
fn busiest(project: &Project) -> ComponentId {
    let index = strata::lint::blast::BlastIndex::new(project);
    let counts = index.dependent_counts();
    let best = (0..counts.len()).max_by_key(|&i| counts[i]).unwrap();
    project.components[best].id
}

#[test]
fn the_canvas_draws_a_blast_radius_and_closes_it() {
    let project = strata::templates::default_project();
    let focus = busiest(&project);
    let highlight = Highlight::of(&project, focus).unwrap();
    assert!(!highlight.dependents.is_empty());

    let mut harness = board(focus);
    harness.run_steps(3);
    assert!(harness.state().canvas.highlight.is_some());
    harness.get_by_label("Close blast radius").click();
    harness.run_steps(2);
    assert!(harness.state().canvas.highlight.is_none());
    // The selection stays: only the highlight closed.
    assert_eq!(harness.state().selection.single(), Some(focus));

    // Escape closes it first; a second Escape clears the selection.
    let state = harness.state_mut();
    state.canvas.show_blast_radius(&state.project.clone(), focus);
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().canvas.highlight.is_none());
    assert_eq!(harness.state().selection.single(), Some(focus));
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().selection.is_empty());
}

#[test]
fn the_blast_radius_is_in_the_component_context_menu() {
    let project = strata::templates::default_project();
    let focus = busiest(&project);
    let mut harness = board(focus);
    harness.state_mut().canvas.highlight = None;
    harness.run_steps(3);
    let centre = {
        let b = harness.state();
        b.canvas.screen_rect_of(&b.geometry, focus).unwrap().center()
    };
    harness.hover_at(centre);
    harness.run_steps(1);
    harness.input_mut().events.push(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
    harness.input_mut().events.push(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(2);
    harness.get_by_label("Blast radius").click();
    harness.run_steps(2);
    assert_eq!(harness.state().canvas.highlight.as_ref().map(|h| h.focus), Some(focus));
}

#[test]
fn a_long_problem_wraps_inside_the_panel() {
    let mut project = Project::new_layered("Questions", "2026-01-01");
    let mut db = strata::templates::new_component(&project, ComponentKind::Database);
    db.name = "A database with a rather long name for a narrow panel".into();
    // As older versions stored a new database's questions as values.
    db.lifecycle.provisioner = "How is it created? (e.g. Terraform)".into();
    db.encryption.at_rest = "At rest? (e.g. AES-256 with a KMS key)".into();
    db.encryption.in_transit = "In transit? (e.g. TLS 1.2+)".into();
    db.backup = Some(strata::model::Backup {
        frequency: "Frequency? (e.g. daily)".into(),
        retention: "Retention? (e.g. 35 days)".into(),
        location: "Where? (e.g. another region)".into(),
    });
    project.components.push(db);
    let message = strata::lint::lint(&project)
        .into_iter()
        .find(|d| d.code == "L044")
        .expect("template questions are reported");
    assert!(message.message.len() > 150, "long enough to wrap: {}", message.message);
    let mut harness = panel(project);
    harness.run_steps(2);
    let row = harness.get_by_label(&row_label(&message)).rect();
    assert!(row.right() <= 900.0, "the row ends inside the 900 px panel: {row:?}");
    assert!(row.height() > 30.0, "and wraps onto more than one line: {row:?}");
}

#[test]
fn a_long_list_lays_out_the_rows_in_view_and_the_others_once_scrolled_to() {
    let project = strata::synth::generate_with(400, 600, 0);
    let mut harness = panel_of_height(project, 400.0);
    harness.run_steps(3);
    let state = &harness.state().state;
    let groups = state.groups(&harness.state().project);
    let shown: usize = groups.iter().map(|(_, members)| members.len()).sum();
    assert!(shown > 200, "a long list: {shown} findings");
    let label = |at: usize| row_label(&harness.state().state.diagnostics()[at]);
    let first = label(groups[0].1[0]);
    let last = label(*groups.last().and_then(|(_, members)| members.last()).unwrap());
    assert!(harness.query_by_label(&first).is_some(), "the first row is in view");
    assert!(harness.query_by_label(&last).is_none(), "the last row is not laid out");

    // Scrolled to the end, the last row is there and the first is not.
    harness.hover_at(egui::pos2(450.0, 200.0));
    for _ in 0..40 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -20.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(2);
    }
    harness.run_steps(10);
    assert!(harness.query_by_label(&last).is_some(), "the last row once scrolled to");
    assert!(harness.query_by_label(&first).is_none());
    // Clicking it still reports its place.
    harness.get_by_label(&last).click();
    harness.run_steps(2);
    assert_eq!(harness.state().clicked.len(), 1);
}
