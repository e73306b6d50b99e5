//! The inspector and documents views driven headless with egui_kittest, by
//! role and label, through a small host that applies the returned edits via
//! `strata::edit::History` (the same contract the app follows). The views
//! are checked here in isolation (field rules, pickers, every page on every
//! example); the whole scenario runs against the real app in
//! `tests/spec_in_window.rs`.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::edit::History;
use strata::model::*;
use strata::selection::Selection;
use strata::ui::{Action, DocSection, DocumentsState, InspectorState, documents_ui, inspector_ui};

#[derive(Clone, Copy, PartialEq)]
enum View {
    Inspector,
    Documents(DocSection),
}

struct Host {
    project: Project,
    history: History,
    selected: Selection,
    view: View,
    inspector: InspectorState,
    documents: DocumentsState,
    errors: Vec<String>,
}

impl Host {
    fn new(project: Project, selected: Selection) -> Host {
        Host {
            project,
            history: History::new(),
            selected,
            view: View::Inspector,
            inspector: InspectorState::default(),
            documents: DocumentsState::default(),
            errors: Vec::new(),
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        let actions: Vec<Action> = match self.view {
            View::Inspector => inspector_ui(ui, &self.project, &self.selected, &mut self.inspector),
            View::Documents(section) => documents_ui(ui, &self.project, section, &mut self.documents),
        };
        for action in actions {
            match action {
                Action::Edit { edit, label, .. } => {
                    if let Err(error) = self.history.apply(&mut self.project, edit, label) {
                        self.errors.push(error.to_string());
                    }
                }
                Action::Select(selected) => self.selected = selected,
                Action::OpenDecision { id, .. } => self.selected = Selection::Decision(id),
                _ => {}
            }
        }
    }
}

fn harness(host: Host) -> Harness<'static, Host> {
    Harness::builder()
        .with_size(egui::vec2(1100.0, 7000.0))
        .build_ui_state(|ui, host: &mut Host| host.ui(ui), host)
}

fn settle(h: &mut Harness<'_, Host>) {
    h.run_steps(3);
}

fn click(h: &mut Harness<'_, Host>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// Types into the field labelled `label` (replacing its text) and commits
/// with Enter (single-line) or Escape (multi-line: Enter is a newline).
fn fill(h: &mut Harness<'_, Host>, label: &str, text: &str, multiline: bool) {
    h.get_by_label(label).focus();
    settle(h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    settle(h);
    h.key_press(if multiline { Key::Escape } else { Key::Enter });
    settle(h);
}

fn e_commerce() -> Project {
    strata::templates::find("e-commerce")
        .expect("bundled example")
        .instantiate("2026-01-01")
}

/// The component the test edits: the first database of the example.
fn database(project: &Project) -> &Component {
    project
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Database)
        .expect("the example has a database")
}

#[test]
fn typing_is_one_undo_step_per_field_not_per_keystroke() {
    let project = e_commerce();
    let db = database(&project).clone();
    let mut h = harness(Host::new(project, Selection::Component(db.id)));
    settle(&mut h);
    h.get_by_label("Owner").focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for chunk in ["Data ", "platform ", "team"] {
        h.get_by_label("Owner").type_text(chunk);
        settle(&mut h);
    }
    assert_eq!(h.state().history.steps().len(), 0, "nothing is committed while typing");
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().history.steps().len(), 1);
    let component = h.state().project.component(db.id).expect("exists");
    assert_eq!(component.owner, "Data platform team");
}

#[test]
fn invalid_dates_and_amounts_are_shown_not_committed() {
    let mut project = e_commerce();
    let decision = project.decisions[0].id;
    project.decisions[0].date = "2025-01-01".to_owned();
    let db = database(&project).clone();
    let mut h = harness(Host::new(project, Selection::Decision(decision)));
    settle(&mut h);
    fill(&mut h, "Date", "2025-02-30", false);
    assert_eq!(h.state().history.steps().len(), 0);
    assert_eq!(h.state().project.decisions[0].date, "2025-01-01");
    h.get_by_label_contains("not a date");
    fill(&mut h, "Date", "2025-02-28", false);
    assert_eq!(h.state().project.decisions[0].date, "2025-02-28");

    h.state_mut().selected = Selection::Component(db.id);
    settle(&mut h);
    fill(&mut h, "Current cost", "twelve", false);
    assert_eq!(h.state().history.steps().len(), 1);
    fill(&mut h, "Current cost", "1,250.50", false);
    let component = h.state().project.component(db.id).expect("exists");
    assert_eq!(component.cost.current, Some(strata::model::CostRange::exactly(1250.5)));
}

#[test]
fn zone_parent_picker_offers_no_cycles() {
    let project = e_commerce();
    let parent_of = |id: ZoneId| project.zone(id).and_then(|z| z.parent);
    // A zone with both a parent and a child.
    let middle = project
        .zones
        .iter()
        .find(|z| z.parent.is_some() && project.zones.iter().any(|c| c.parent == Some(z.id)))
        .expect("a zone in the middle of the tree")
        .clone();
    let child = project
        .zones
        .iter()
        .find(|z| z.parent == Some(middle.id))
        .expect("a child")
        .clone();
    let parent = parent_of(middle.id)
        .and_then(|p| project.zone(p))
        .expect("parent")
        .clone();
    let mut h = harness(Host::new(project, Selection::Zone(middle.id)));
    settle(&mut h);
    click(&mut h, "Inside");
    assert!(h.query_all_by_label(&parent.name).count() >= 1, "its parent is offered");
    assert!(
        h.query_by_label(&child.name).is_none(),
        "its own child is not offered as its parent"
    );
}

#[test]
fn every_documents_page_and_selection_renders_on_every_example() {
    for name in strata::templates::names() {
        let project = strata::templates::find(name).expect("exists").instantiate("2026-01-01");
        let mut selections = vec![Selection::Nothing];
        selections.extend(project.components.first().map(|c| Selection::Component(c.id)));
        selections.extend(project.dependencies.first().map(|d| Selection::Dependency(d.id)));
        selections.extend(project.zones.first().map(|z| Selection::Zone(z.id)));
        selections.extend(project.layers.first().map(|l| Selection::Layer(l.id)));
        selections.extend(project.decisions.first().map(|d| Selection::Decision(d.id)));
        let mut h = harness(Host::new(project, Selection::Nothing));
        for selected in selections {
            h.state_mut().selected = selected;
            settle(&mut h);
        }
        for &section in DocSection::VARIANTS {
            h.state_mut().view = View::Documents(section);
            settle(&mut h);
        }
        assert_eq!(h.state().history.steps().len(), 0, "looking changes nothing");
    }
}

#[test]
fn the_preview_renders_the_export_and_rebuilds_only_when_the_project_changes() {
    use strata::export::PreviewTarget;
    use strata::ui::{PreviewState, preview_ui};
    struct PreviewHost {
        project: Project,
        revision: u64,
        target: PreviewTarget,
        state: PreviewState,
    }
    let project = e_commerce();
    let db = database(&project).clone();
    let host = PreviewHost {
        project,
        revision: 0,
        target: PreviewTarget::Component(db.id),
        state: PreviewState::default(),
    };
    let mut h = Harness::builder().with_size(egui::vec2(800.0, 1200.0)).build_ui_state(
        |ui, host: &mut PreviewHost| {
            preview_ui(ui, &host.project, Some(&host.target), host.revision, &mut host.state);
        },
        host,
    );
    h.run_steps(5);
    assert_eq!(h.state().state.builds, 1);
    h.get_by_label_contains("Responsibilities:");
    {
        let host = h.state_mut();
        let mut renamed = db.clone();
        renamed.owner = "Storage guild".to_owned();
        strata::edit::Edit::UpdateComponent(Box::new(renamed))
            .apply(&mut host.project)
            .expect("applies");
        host.revision += 1;
    }
    h.run_steps(3);
    assert_eq!(h.state().state.builds, 2);
    h.get_by_label_contains("Storage guild");
}

#[test]
fn add_component_offers_templates_that_store_no_questions() {
    struct MenuHost {
        project: Project,
        added: Option<ComponentId>,
    }
    let host = MenuHost {
        project: Project::new_layered("Empty", "2026-01-01"),
        added: None,
    };
    let mut h = Harness::builder().with_size(egui::vec2(800.0, 900.0)).build_ui_state(
        |ui, host: &mut MenuHost| {
            if let Some((edit, _label, id)) = strata::ui::add_component_menu_ui(ui, &host.project) {
                edit.apply(&mut host.project).expect("a template inserts cleanly");
                host.added = Some(id);
            }
        },
        host,
    );
    h.run_steps(2);
    h.get_by_label("Add component").click();
    h.run_steps(3);
    h.get_by_label("Database").click();
    h.run_steps(3);
    let id = h.state().added.expect("a component was added");
    let component = h.state().project.component(id).expect("exists");
    assert_eq!(component.kind, ComponentKind::Database);
    // The questions are hint text in the inspector, never values.
    assert!(strata::templates::unanswered_fields(component).is_empty());
    assert!(component.lifecycle.provisioner.is_empty() && component.encryption.at_rest.is_empty());
    assert!(component.layer.is_some());
}

#[test]
fn typed_text_is_kept_when_the_selection_changes_before_enter() {
    let project = e_commerce();
    let db = database(&project).clone();
    let other = project.components.iter().find(|c| c.id != db.id).expect("another").id;
    let mut h = harness(Host::new(project, Selection::Component(db.id)));
    settle(&mut h);
    h.get_by_label("Owner").focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Owner").type_text("Orders squad");
    settle(&mut h);
    // The canvas selects something else while the field still has focus.
    h.state_mut().selected = Selection::Component(other);
    settle(&mut h);
    assert_eq!(
        h.state().project.component(db.id).map(|c| c.owner.as_str()),
        Some("Orders squad")
    );
    assert_eq!(h.state().history.steps().len(), 1);
    assert_eq!(h.state().errors, Vec::<String>::new());
    // And the inspector now shows the new selection.
    let name = h
        .state()
        .project
        .component(other)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    h.get_by_label(&name);
}

#[test]
fn typing_into_a_template_question_of_an_old_file_replaces_it() {
    let mut project = Project::new_layered("Empty", "2026-01-01");
    let mut db = strata::templates::new_component(&project, ComponentKind::Database);
    // Files written by older versions hold the questions as values.
    db.backup = Some(strata::model::Backup {
        frequency: "Frequency? (e.g. daily)".into(),
        ..Default::default()
    });
    let id = db.id;
    strata::edit::Edit::InsertComponent {
        index: 0,
        component: Box::new(db),
    }
    .apply(&mut project)
    .expect("inserts");
    let mut h = harness(Host::new(project, Selection::Component(id)));
    settle(&mut h);
    h.get_by_label("Backup frequency").focus();
    settle(&mut h);
    h.get_by_label("Backup frequency").type_text("Nightly at 02:00 UTC");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    let component = h.state().project.component(id).expect("exists");
    assert_eq!(
        component.backup.as_ref().map(|b| b.frequency.as_str()),
        Some("Nightly at 02:00 UTC")
    );
}

fn component_named<'a>(project: &'a Project, name: &str) -> &'a Component {
    project
        .components
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("the example has {name}"))
}

#[test]
fn a_cost_is_one_field_until_plus_range_splits_it_into_low_and_high() {
    let project = e_commerce();
    let db = component_named(&project, "RDS PostgreSQL primary").clone();
    assert_eq!(db.cost.proposed, Some(CostRange::exactly(132.0)));
    let mut h = harness(Host::new(project, Selection::Component(db.id)));
    settle(&mut h);
    assert!(
        h.query_by_label("Proposed cost high").is_none(),
        "one field while low equals high"
    );
    // The second "+ range" belongs to the proposed cost.
    h.get_all_by_label("+ range").nth(1).expect("one per cost").click();
    settle(&mut h);
    fill(&mut h, "Proposed cost high", "250", false);
    let proposed = h.state().project.component(db.id).and_then(|c| c.cost.proposed);
    assert_eq!(
        proposed,
        Some(CostRange {
            low: 132.0,
            high: 250.0
        })
    );
    assert_eq!(h.state().history.steps().len(), 1);
    // A low above the high is shown, not committed.
    fill(&mut h, "Proposed cost low", "300", false);
    h.get_by_label_contains("at most the high end");
    assert_eq!(h.state().history.steps().len(), 1);
    // Equal ends make a single figure again.
    fill(&mut h, "Proposed cost low", "250", false);
    let proposed = h.state().project.component(db.id).and_then(|c| c.cost.proposed);
    assert_eq!(proposed, Some(CostRange::exactly(250.0)));
}

#[test]
fn the_zones_picker_shows_the_tree_and_takes_several_zones() {
    let project = e_commerce();
    let replica = component_named(&project, "RDS read replica").clone();
    let subnet = |name: &str| project.zones.iter().find(|z| z.name == name).expect("zone").id;
    let (data_a, data_b) = (subnet("private-data-1a"), subnet("private-data-1b"));
    assert_eq!(replica.zones, vec![data_b]);
    let mut h = harness(Host::new(project, Selection::Component(replica.id)));
    settle(&mut h);
    click(&mut h, "Zones");
    // The whole tree is offered; the AZ holding the chosen subnet is shown
    // but cannot be picked on top of it.
    h.get_by_label("us-east-1 (Region)");
    click(&mut h, "us-east-1b (Availability zone)");
    assert_eq!(
        h.state().history.steps().len(),
        0,
        "the AZ of the chosen subnet is not offered"
    );
    click(&mut h, "private-data-1a (Subnet)");
    let zones = h.state().project.component(replica.id).map(|c| c.zones.clone());
    assert_eq!(zones, Some(vec![data_b, data_a]));
    assert_eq!(h.state().history.steps().len(), 1, "one undo step");
    // Unticking a zone takes it out again.
    click(&mut h, "private-data-1b (Subnet)");
    let zones = h.state().project.component(replica.id).map(|c| c.zones.clone());
    assert_eq!(zones, Some(vec![data_a]));
}

#[test]
fn iac_addresses_are_listed_and_editable() {
    let project = e_commerce();
    let db = component_named(&project, "RDS PostgreSQL primary").clone();
    assert!(!db.iac_addresses.is_empty());
    let mut h = harness(Host::new(project, Selection::Component(db.id)));
    settle(&mut h);
    fill(&mut h, "Address 1", "module.db.aws_db_instance.main", false);
    let addresses = h.state().project.component(db.id).map(|c| c.iac_addresses.clone());
    assert_eq!(
        addresses.and_then(|a| a.first().cloned()).as_deref(),
        Some("module.db.aws_db_instance.main")
    );
}
