//! The inspector and documents views driven headless with egui_kittest, by
//! role and label, through a small host that applies the returned edits via
//! `strata::edit::History` (the same contract the app follows).

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::edit::History;
use strata::model::*;
use strata::ui::{DocSection, DocumentsState, InspectorState, Selected, documents_ui, inspector_ui};

#[derive(Clone, Copy, PartialEq)]
enum View {
    Inspector,
    Documents(DocSection),
}

struct Host {
    project: Project,
    history: History,
    selected: Selected,
    view: View,
    inspector: InspectorState,
    documents: DocumentsState,
    errors: Vec<String>,
}

impl Host {
    fn new(project: Project, selected: Selected) -> Host {
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
        let edits = match self.view {
            View::Inspector => inspector_ui(ui, &self.project, &self.selected, &mut self.inspector),
            View::Documents(section) => documents_ui(ui, &self.project, section, &mut self.documents),
        };
        for (edit, label) in edits {
            if let Err(error) = self.history.apply(&mut self.project, edit, label) {
                self.errors.push(error.to_string());
            }
        }
        if let Some(selected) = self.inspector.take_requested_selection() {
            self.selected = selected;
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
fn a_spec_is_written_in_the_window_and_survives_undo_redo_save_and_export() {
    let project = e_commerce();
    let original = project.clone();
    let db = database(&project).clone();
    let mut h = harness(Host::new(project, Selected::Component(db.id)));
    settle(&mut h);

    // Two responsibilities.
    let before = db.responsibilities.manages.len();
    click(&mut h, "Add Manages");
    fill(&mut h, &format!("Manages {}", before + 1), "Order history", false);
    click(&mut h, "Add Manages");
    fill(&mut h, &format!("Manages {}", before + 2), "Refund ledger", false);
    // Lifecycle.
    fill(&mut h, "Provisioner", "Terraform (orders module)", false);
    // Exposure.
    click(&mut h, "Exposure");
    click(&mut h, "Internal");
    // Link a decision that is not linked yet.
    let unlinked = h
        .state()
        .project
        .decisions
        .iter()
        .find(|d| !d.components.contains(&db.id))
        .map(|d| (d.id, format!("ADR-{:04} {}", d.number, d.title)))
        .expect("a decision not linked to the database");
    click(&mut h, "Link decision");
    click(&mut h, &unlinked.1);
    assert_eq!(h.state().errors, Vec::<String>::new());
    {
        let component = h.state().project.component(db.id).expect("still there");
        let manages = &component.responsibilities.manages;
        assert_eq!(&manages[before..], ["Order history", "Refund ledger"]);
        assert_eq!(component.lifecycle.provisioner, "Terraform (orders module)");
        assert_eq!(component.exposure, Exposure::Internal);
        let decision = h.state().project.decision(unlinked.0).expect("exists");
        assert!(decision.components.contains(&db.id));
    }

    // A new decision from here, with two options and pros / cons.
    click(&mut h, "New decision from here");
    let Selected::Decision(new_id) = h.state().selected else {
        panic!("the new decision is selected");
    };
    fill(&mut h, "Title", "Keep orders in PostgreSQL or move to DynamoDB", false);
    click(&mut h, "Add option");
    click(&mut h, "Add option");
    fill(&mut h, "Option 1 name", "Stay on PostgreSQL", false);
    fill(&mut h, "Option 2 name", "Move to DynamoDB", false);
    click(&mut h, "Add Option 1 pro");
    fill(&mut h, "Option 1 pro 1", "Team knows it well", false);
    click(&mut h, "Add Option 1 con");
    fill(&mut h, "Option 1 con 1", "Vertical scaling ceiling", false);
    click(&mut h, "Add Option 2 pro");
    fill(&mut h, "Option 2 pro 1", "Scales without sharding", false);
    click(&mut h, "Add Option 2 con");
    fill(&mut h, "Option 2 con 1", "Rewrite of every query", false);
    {
        let decision = h.state().project.decision(new_id).expect("created");
        assert_eq!(decision.components, vec![db.id]);
        assert_eq!(decision.options.len(), 2);
        assert_eq!(decision.options[0].pros, ["Team knows it well"]);
        assert_eq!(decision.options[1].cons, ["Rewrite of every query"]);
    }

    // The environments matrix: a column and a row, and a value in it.
    h.state_mut().view = View::Documents(DocSection::Environments);
    settle(&mut h);
    let envs = h.state().project.environments.environments.len();
    let settings = h.state().project.environments.settings.len();
    click(&mut h, "Add environment column");
    click(&mut h, "Add setting row");
    let new_env = format!("Environment {}", envs + 1);
    fill(
        &mut h,
        &format!("Setting {} name", settings + 1),
        "Orders DB instance class",
        false,
    );
    fill(
        &mut h,
        &format!("Setting {} in {new_env}", settings + 1),
        "db.r6g.large",
        false,
    );
    {
        let matrix = &h.state().project.environments;
        assert_eq!(matrix.environments.len(), envs + 1);
        let row = matrix.settings.last().expect("a row");
        assert_eq!(row.name, "Orders DB instance class");
        let column = matrix.environments.last().expect("a column").id;
        assert_eq!(row.values.get(&column).map(String::as_str), Some("db.r6g.large"));
    }

    // An assertion.
    h.state_mut().view = View::Documents(DocSection::Assertions);
    settle(&mut h);
    let n = h.state().project.assertions.len() + 1;
    click(&mut h, "Add Assertion");
    fill(
        &mut h,
        &format!("Assertion {n} title"),
        "Refunds survive a failover",
        false,
    );
    fill(
        &mut h,
        &format!("Assertion {n} given"),
        "a refund is being written",
        true,
    );
    fill(&mut h, &format!("Assertion {n} when"), "the primary fails over", true);
    fill(
        &mut h,
        &format!("Assertion {n} then"),
        "the refund is committed exactly once",
        true,
    );
    assert_eq!(h.state().errors, Vec::<String>::new());

    // Every step undoes and redoes.
    let finished = h.state().project.clone();
    let steps = h.state().history.steps();
    assert!(steps.len() >= 20, "one step per field edit: {steps:?}");
    {
        let host = h.state_mut();
        let mut previous = host.project.clone();
        while host.history.can_undo() {
            host.history.undo(&mut host.project);
            assert_ne!(host.project, previous, "each undo changes something");
            previous = host.project.clone();
        }
        assert_eq!(host.project, original);
        while host.history.can_redo() {
            host.history.redo(&mut host.project);
        }
        assert_eq!(host.project, finished);
    }

    // Save, reload, export.
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("shop.strata.ron");
    strata::store::save(&path, &h.state().project).expect("saved");
    let reloaded = strata::store::load(&path).expect("reloaded");
    assert_eq!(reloaded, finished);
    let export = strata::export::render(&reloaded);
    let file = |path: &str| export.file(path).unwrap_or_default().to_owned();
    let responsibilities = file("responsibilities.md");
    assert!(
        responsibilities.contains("Order history, Refund ledger"),
        "{responsibilities}"
    );
    assert!(responsibilities.contains("Provisioner: Terraform (orders module)"));
    let security = file("security.md");
    assert!(security.contains("Internal"));
    let decision = reloaded.decision(new_id).expect("saved");
    let record = file(&format!("decisions/{}", strata::export::decision_file_name(decision)));
    for text in [
        "Keep orders in PostgreSQL or move to DynamoDB",
        "Stay on PostgreSQL",
        "Team knows it well",
        "Vertical scaling ceiling",
        "Scales without sharding",
        "Rewrite of every query",
    ] {
        assert!(record.contains(text), "{text} missing from\n{record}");
    }
    let environments = file("environments.md");
    assert!(environments.contains("Orders DB instance class") && environments.contains("db.r6g.large"));
    let assertions = file("assertions.md");
    assert!(assertions.contains("Refunds survive a failover") && assertions.contains("the primary fails over"));
}

#[test]
fn typing_is_one_undo_step_per_field_not_per_keystroke() {
    let project = e_commerce();
    let db = database(&project).clone();
    let mut h = harness(Host::new(project, Selected::Component(db.id)));
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
    let mut h = harness(Host::new(project, Selected::Decision(decision)));
    settle(&mut h);
    fill(&mut h, "Date", "2025-02-30", false);
    assert_eq!(h.state().history.steps().len(), 0);
    assert_eq!(h.state().project.decisions[0].date, "2025-01-01");
    h.get_by_label_contains("not a date");
    fill(&mut h, "Date", "2025-02-28", false);
    assert_eq!(h.state().project.decisions[0].date, "2025-02-28");

    h.state_mut().selected = Selected::Component(db.id);
    settle(&mut h);
    fill(&mut h, "Current cost", "twelve", false);
    assert_eq!(h.state().history.steps().len(), 1);
    fill(&mut h, "Current cost", "1,250.50", false);
    let component = h.state().project.component(db.id).expect("exists");
    assert_eq!(component.cost.current, Some(1250.5));
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
    let mut h = harness(Host::new(project, Selected::Zone(middle.id)));
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
        let mut selections = vec![Selected::Nothing];
        selections.extend(project.components.first().map(|c| Selected::Component(c.id)));
        selections.extend(project.dependencies.first().map(|d| Selected::Dependency(d.id)));
        selections.extend(project.zones.first().map(|z| Selected::Zone(z.id)));
        selections.extend(project.layers.first().map(|l| Selected::Layer(l.id)));
        selections.extend(project.decisions.first().map(|d| Selected::Decision(d.id)));
        let mut h = harness(Host::new(project, Selected::Nothing));
        for selected in selections {
            h.state_mut().selected = selected;
            settle(&mut h);
        }
        for section in DocSection::ALL {
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
fn add_component_offers_templates_that_ask_questions() {
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
    let backup = component.backup.as_ref().expect("backup fields to answer");
    assert!(strata::templates::is_unanswered(&backup.frequency));
    assert!(component.layer.is_some());
}

#[test]
fn typed_text_is_kept_when_the_selection_changes_before_enter() {
    let project = e_commerce();
    let db = database(&project).clone();
    let other = project.components.iter().find(|c| c.id != db.id).expect("another").id;
    let mut h = harness(Host::new(project, Selected::Component(db.id)));
    settle(&mut h);
    h.get_by_label("Owner").focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Owner").type_text("Orders squad");
    settle(&mut h);
    // The canvas selects something else while the field still has focus.
    h.state_mut().selected = Selected::Component(other);
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
fn typing_into_a_template_question_replaces_it() {
    let mut project = Project::new_layered("Empty", "2026-01-01");
    let db = strata::templates::new_component(&project, ComponentKind::Database);
    let id = db.id;
    strata::edit::Edit::InsertComponent {
        index: 0,
        component: Box::new(db),
    }
    .apply(&mut project)
    .expect("inserts");
    let mut h = harness(Host::new(project, Selected::Component(id)));
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
