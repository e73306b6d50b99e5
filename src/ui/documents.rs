//! The documents view: every project-wide part of the spec, edited through
//! `SetMeta`, `SetSection`, `UpdateDecision` and `InsertDecision` edits.

use egui::{Id, Ui};

use super::inspector::{Pickers, decision_editor_ui, new_decision, picker};
use super::widgets::*;
use crate::edit::{Edit, Section};
use crate::model::*;

/// A page of the documents view; each becomes (part of) one spec file.
pub use crate::export::DocSection;

/// The documents view's own state.
#[derive(Debug, Default)]
pub struct DocumentsState {
    drafts: Drafts,
    pickers: Pickers,
    shown: Option<DocSection>,
    /// The decision open in the Decisions page.
    pub decision: Option<DecisionId>,
    /// The decision whose editor is on screen (lags `decision` by a frame
    /// while a typed field commits).
    shown_decision: Option<DecisionId>,
}

impl DocumentsState {
    pub fn is_editing(&self) -> bool {
        self.drafts.is_editing()
    }
    /// Shows decision `id` in the Decisions page; `new` puts the keyboard
    /// in its title, with the suggested title selected.
    pub fn open_decision(&mut self, id: DecisionId, new: bool) {
        self.decision = Some(id);
        if new {
            self.drafts
                .focus_when_shown(super::inspector::decision_editor_base(id).with("title"));
        }
    }
}

/// Rows of a long table are this tall (single-line cells), so the table can
/// be virtualised with `ScrollArea::show_rows`.
const ROW_HEIGHT: f32 = 24.0;

/// A table of single-line rows, virtualised: only visible rows are built.
/// `row` edits a copy of the item and returns true when it changed it.
fn rows_table<T: Clone + Default>(
    ui: &mut Ui,
    id: Id,
    what: &str,
    items: &[T],
    new_item: impl FnOnce() -> T,
    mut row: impl FnMut(&mut Ui, usize, &T, &mut T) -> bool,
) -> Option<Vec<T>> {
    let mut result = None;
    let len = items.len();
    let height = ROW_HEIGHT + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt(id.with("scroll"))
        .max_height(height * 16.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, len, |ui, range| {
            for index in range {
                let Some(item) = items.get(index) else { continue };
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    let focus = take_row_focus(ui.ctx(), id, index);
                    let mut copy = item.clone();
                    let changed = row(ui, index, item, &mut copy);
                    if focus {
                        cancel_focus_next_field(ui.ctx());
                    }
                    if changed {
                        let mut list = items.to_vec();
                        list[index] = copy;
                        result = Some(list);
                    }
                    if let Some(action) = row_controls(ui, id, what, index, len) {
                        let mut list = items.to_vec();
                        apply_row_action(&mut list, action);
                        result = Some(list);
                    }
                });
            }
        });
    if button(ui, &format!("+ {what}"), &format!("Add {what}")) {
        let mut list = items.to_vec();
        list.push(new_item());
        focus_row_when_shown(ui.ctx(), id, len);
        result = Some(list);
    }
    result
}

/// Items shown as cards (several fields, multi-line text), not virtualised:
/// these lists are short by nature (assertions, pipeline stages...).
fn cards<T: Clone + Default>(
    ui: &mut Ui,
    what: &str,
    items: &[T],
    mut card: impl FnMut(&mut Ui, usize, &T, &mut T) -> bool,
) -> Option<Vec<T>> {
    let mut result = None;
    let len = items.len();
    let list = Id::new(("cards", what));
    for (index, item) in items.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut action = None;
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("{what} {}", index + 1)).strong());
                action = row_controls(ui, list, what, index, len);
            });
            let focus = take_row_focus(ui.ctx(), list, index);
            let mut copy = item.clone();
            let changed = card(ui, index, item, &mut copy);
            if focus {
                cancel_focus_next_field(ui.ctx());
            }
            if changed {
                let mut list = items.to_vec();
                list[index] = copy;
                result = Some(list);
            }
            if let Some(action) = action {
                let mut list = items.to_vec();
                apply_row_action(&mut list, action);
                result = Some(list);
            }
        });
    }
    if button(ui, &format!("+ {what}"), &format!("Add {what}")) {
        let mut items = items.to_vec();
        items.push(T::default());
        focus_row_when_shown(ui.ctx(), list, len);
        result = Some(items);
    }
    result
}

/// A text cell that writes into `slot` and reports whether it did.
fn cell(ui: &mut Ui, drafts: &mut Drafts, id: Id, label: &str, slot: &mut String, width: f32) -> bool {
    let current = slot.clone();
    match text_cell(
        ui,
        drafts,
        id,
        &current,
        Field::line(label).hint(label).width(width),
        None,
    ) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// A labelled multi-line field (grid row) writing into `slot`.
fn long(ui: &mut Ui, drafts: &mut Drafts, id: Id, label: &str, slot: &mut String) -> bool {
    let current = slot.clone();
    match text_row(ui, drafts, id, &current, Field::multi(label)) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// A labelled single-line field (grid row) writing into `slot`.
fn short(ui: &mut Ui, drafts: &mut Drafts, id: Id, label: &str, slot: &mut String) -> bool {
    let current = slot.clone();
    match text_row(ui, drafts, id, &current, Field::line(label)) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// A list of strings writing into `slot`.
fn list(ui: &mut Ui, drafts: &mut Drafts, id: Id, what: &str, slot: &mut Vec<String>) -> bool {
    match string_list(ui, drafts, id, what, slot) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// A date cell that only accepts `YYYY-MM-DD` (or empty).
fn date_cell(ui: &mut Ui, drafts: &mut Drafts, id: Id, label: &str, slot: &mut String, shown: Option<Id>) -> bool {
    let current = slot.clone();
    match parsed_cell(
        ui,
        drafts,
        id,
        &current,
        Field::line(label).hint("YYYY-MM-DD").width(100.0),
        shown,
        parse_date,
    ) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

fn checklist(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: Id,
    what: &str,
    items: &[ChecklistItem],
) -> Option<Vec<ChecklistItem>> {
    rows_table(ui, id, what, items, ChecklistItem::default, |ui, i, _, item| {
        let mut changed = false;
        if let Some(done) = check(ui, "", item.done) {
            item.done = done;
            changed = true;
        }
        changed
            | cell(
                ui,
                drafts,
                id.with(i),
                &format!("{what} {}", i + 1),
                &mut item.item,
                320.0,
            )
    })
}

fn objectives(ui: &mut Ui, drafts: &mut Drafts, id: Id, what: &str, items: &[Objective]) -> Option<Vec<Objective>> {
    rows_table(ui, id, what, items, Objective::default, |ui, i, _, o| {
        let n = i + 1;
        cell(
            ui,
            drafts,
            id.with((i, 0)),
            &format!("{what} {n} metric"),
            &mut o.metric,
            160.0,
        ) | cell(
            ui,
            drafts,
            id.with((i, 1)),
            &format!("{what} {n} target"),
            &mut o.target,
            100.0,
        ) | cell(
            ui,
            drafts,
            id.with((i, 2)),
            &format!("{what} {n} measurement"),
            &mut o.measurement,
            200.0,
        )
    })
}

fn signals(ui: &mut Ui, drafts: &mut Drafts, id: Id, what: &str, items: &[Signal]) -> Option<Vec<Signal>> {
    rows_table(ui, id, what, items, Signal::default, |ui, i, _, s| {
        let n = i + 1;
        cell(
            ui,
            drafts,
            id.with((i, 0)),
            &format!("{what} {n} name"),
            &mut s.name,
            180.0,
        ) | cell(
            ui,
            drafts,
            id.with((i, 1)),
            &format!("{what} {n} detail"),
            &mut s.detail,
            300.0,
        )
    })
}

fn set(edits: &mut Vec<(Edit, String)>, section: Section, label: &str) {
    edits.push((Edit::SetSection(Box::new(section)), label.to_owned()));
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(text).strong().size(15.0));
}

fn grid(ui: &mut Ui, id: Id, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([8.0, 4.0])
        .min_col_width(110.0)
        .show(ui, add);
}

/// Links to components, with a picker offering only components that exist.
fn component_links(
    ui: &mut Ui,
    pickers: &mut Pickers,
    id: Id,
    project: &Project,
    links: &mut Vec<ComponentId>,
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label("Components:");
        let mut remove = None;
        for &link in links.iter() {
            let name = project
                .component(link)
                .map_or_else(|| link.to_string(), |c| c.name.clone());
            if ui.small_button(format!("{name} ×")).on_hover_text("Unlink").clicked() {
                remove = Some(link);
            }
        }
        if let Some(link) = remove {
            links.retain(|c| *c != link);
            changed = true;
        }
        let candidates = project
            .components
            .iter()
            .filter(|c| !links.contains(&c.id))
            .map(|c| (c.id, c.name.clone()));
        if let Some(chosen) = picker(ui, pickers, id, "Link component", "Link component…", candidates) {
            links.push(chosen);
            changed = true;
        }
    });
    changed
}

/// The documents page `section`. Returns the edits to apply with their undo
/// labels.
pub fn documents_ui(
    ui: &mut Ui,
    project: &Project,
    section: DocSection,
    state: &mut DocumentsState,
) -> Vec<(Edit, String)> {
    let mut section = section;
    if state.shown != Some(section) {
        match state.shown {
            Some(old) if state.drafts.hold_for_commit(ui.ctx()) => section = old,
            _ => {
                state.drafts.clear();
                state.shown = Some(section);
            }
        }
    }
    let mut edits = Vec::new();
    let base = Id::new(("documents", section));
    ui.heading(section.label());
    ui.weak(format!("Exported as {}", section.file()));
    if section == DocSection::Decisions {
        // Its list scrolls by itself (virtualised) and the editor below it.
        decisions_ui(ui, project, state, &mut edits);
        return edits;
    }
    egui::ScrollArea::vertical()
        .id_salt(base.with("page"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let drafts = &mut state.drafts;
            let pickers = &mut state.pickers;
            match section {
                DocSection::Overview => {
                    let mut meta = project.meta.clone();
                    let mut changed = false;
                    heading(ui, "Project");
                    grid(ui, base.with("meta"), |ui| {
                        let before = meta.name.clone();
                        if short(ui, drafts, base.with("name"), "Project name", &mut meta.name) {
                            if meta.name.trim().is_empty() {
                                meta.name = before;
                            } else {
                                changed = true;
                            }
                        }
                        changed |= long(ui, drafts, base.with("summary"), "Summary", &mut meta.summary);
                        changed |= short(ui, drafts, base.with("version"), "Version", &mut meta.version);
                        if let Some(v) = combo_row(
                            ui,
                            base.with("status"),
                            "Spec status",
                            meta.status,
                            SpecStatus::VARIANTS,
                            |s| s.label().to_owned(),
                        ) {
                            meta.status = v;
                            changed = true;
                        }
                        let shown = ui.label("Last updated").id;
                        changed |= date_cell(
                            ui,
                            drafts,
                            base.with("updated"),
                            "Last updated",
                            &mut meta.last_updated,
                            Some(shown),
                        );
                        ui.end_row();
                    });
                    ui.label("Owners");
                    changed |= list(ui, drafts, base.with("owners"), "Owner", &mut meta.owners);
                    if changed {
                        edits.push((Edit::SetMeta(Box::new(meta)), "Edit project details".to_owned()));
                    }
                    let mut context = project.context.clone();
                    let mut changed = false;
                    heading(ui, "Context");
                    grid(ui, base.with("context"), |ui| {
                        for (label, key) in [
                            ("Use case", 0),
                            ("Traffic", 1),
                            ("Data volumes", 2),
                            ("Latency", 3),
                            ("Scale", 4),
                            ("Compliance", 5),
                            ("Budget", 6),
                            ("Team constraints", 7),
                        ] {
                            let slot = match key {
                                0 => &mut context.use_case,
                                1 => &mut context.traffic,
                                2 => &mut context.data_volumes,
                                3 => &mut context.latency,
                                4 => &mut context.scale,
                                5 => &mut context.compliance,
                                6 => &mut context.budget,
                                _ => &mut context.team_constraints,
                            };
                            changed |= long(ui, drafts, base.with(("ctx", key)), label, slot);
                        }
                    });
                    ui.label("Regions");
                    changed |= list(ui, drafts, base.with("regions"), "Region", &mut context.regions);
                    heading(ui, "Service level objectives");
                    if let Some(v) = objectives(ui, drafts, base.with("slos"), "SLO", &context.slos) {
                        context.slos = v;
                        changed = true;
                    }
                    if changed {
                        set(&mut edits, Section::Context(context), "Edit context");
                    }
                }
                DocSection::Environments => environments_ui(ui, drafts, base, project, &mut edits),
                DocSection::Assertions => {
                    if let Some(v) = cards(ui, "Assertion", &project.assertions, |ui, i, _, a| {
                        let id = base.with(i);
                        let mut changed = false;
                        grid(ui, id.with("grid"), |ui| {
                            changed |= short(
                                ui,
                                drafts,
                                id.with("title"),
                                &format!("Assertion {} title", i + 1),
                                &mut a.title,
                            );
                            changed |= short(
                                ui,
                                drafts,
                                id.with("cat"),
                                &format!("Assertion {} category", i + 1),
                                &mut a.category,
                            );
                            changed |= long(
                                ui,
                                drafts,
                                id.with("given"),
                                &format!("Assertion {} given", i + 1),
                                &mut a.given,
                            );
                            changed |= long(
                                ui,
                                drafts,
                                id.with("when"),
                                &format!("Assertion {} when", i + 1),
                                &mut a.when,
                            );
                            changed |= long(
                                ui,
                                drafts,
                                id.with("then"),
                                &format!("Assertion {} then", i + 1),
                                &mut a.then,
                            );
                        });
                        ui.label("And");
                        changed |= list(
                            ui,
                            drafts,
                            id.with("and"),
                            &format!("Assertion {} and", i + 1),
                            &mut a.and,
                        );
                        changed |= component_links(ui, pickers, id.with("links"), project, &mut a.components);
                        changed
                    }) {
                        set(&mut edits, Section::Assertions(v), "Edit assertions");
                    }
                }
                DocSection::Constraints => {
                    if let Some(v) = cards(ui, "Constraint group", &project.constraints, |ui, i, _, g| {
                        let id = base.with(i);
                        let mut changed = cell(
                            ui,
                            drafts,
                            id.with("cat"),
                            &format!("Constraint group {} category", i + 1),
                            &mut g.category,
                            240.0,
                        );
                        changed |= list(
                            ui,
                            drafts,
                            id.with("rules"),
                            &format!("Group {} rule", i + 1),
                            &mut g.rules,
                        );
                        changed
                    }) {
                        set(&mut edits, Section::Constraints(v), "Edit constraints");
                    }
                }
                DocSection::Vocabulary => {
                    if let Some(v) = cards(ui, "Term", &project.vocabulary, |ui, i, _, t| {
                        let id = base.with(i);
                        let mut changed = false;
                        ui.horizontal(|ui| {
                            changed |= cell(
                                ui,
                                drafts,
                                id.with("term"),
                                &format!("Term {} name", i + 1),
                                &mut t.term,
                                180.0,
                            );
                            changed |= cell(
                                ui,
                                drafts,
                                id.with("cat"),
                                &format!("Term {} category", i + 1),
                                &mut t.category,
                                140.0,
                            );
                        });
                        grid(ui, id.with("grid"), |ui| {
                            changed |= long(
                                ui,
                                drafts,
                                id.with("def"),
                                &format!("Term {} definition", i + 1),
                                &mut t.definition,
                            );
                        });
                        changed |= list(
                            ui,
                            drafts,
                            id.with("details"),
                            &format!("Term {} detail", i + 1),
                            &mut t.details,
                        );
                        changed
                    }) {
                        set(&mut edits, Section::Vocabulary(v), "Edit vocabulary");
                    }
                }
                DocSection::Security => security_ui(ui, drafts, pickers, base, project, &mut edits),
                DocSection::Observability => {
                    let mut o = project.observability.clone();
                    let mut changed = false;
                    for (title, what, key) in [
                        ("Metrics", "Metric", 0),
                        ("Logs", "Log", 1),
                        ("Traces", "Trace", 2),
                        ("Dashboards", "Dashboard", 3),
                    ] {
                        heading(ui, title);
                        let items = match key {
                            0 => &mut o.metrics,
                            1 => &mut o.logs,
                            2 => &mut o.traces,
                            _ => &mut o.dashboards,
                        };
                        if let Some(v) = signals(ui, drafts, base.with(key), what, items) {
                            *items = v;
                            changed = true;
                        }
                    }
                    heading(ui, "Alerts");
                    if let Some(v) = rows_table(
                        ui,
                        base.with("alerts"),
                        "Alert",
                        &o.alerts,
                        Alert::default,
                        |ui, i, _, a| {
                            let n = i + 1;
                            let id = base.with(("alert", i));
                            let mut changed =
                                cell(ui, drafts, id.with(0), &format!("Alert {n} name"), &mut a.name, 140.0)
                                    | cell(
                                        ui,
                                        drafts,
                                        id.with(1),
                                        &format!("Alert {n} condition"),
                                        &mut a.condition,
                                        180.0,
                                    );
                            if let Some(s) = combo(
                                ui,
                                id.with(2),
                                &format!("Alert {n} severity"),
                                None,
                                a.severity,
                                &Severity::MOST_SEVERE_FIRST,
                                |s| s.label().to_owned(),
                            ) {
                                a.severity = s;
                                changed = true;
                            }
                            changed
                                | cell(
                                    ui,
                                    drafts,
                                    id.with(3),
                                    &format!("Alert {n} action"),
                                    &mut a.action,
                                    160.0,
                                )
                        },
                    ) {
                        o.alerts = v;
                        changed = true;
                    }
                    heading(ui, "SLA targets");
                    if let Some(v) = objectives(ui, drafts, base.with("sla"), "SLA target", &o.sla_targets) {
                        o.sla_targets = v;
                        changed = true;
                    }
                    if changed {
                        set(&mut edits, Section::Observability(o), "Edit observability");
                    }
                }
                DocSection::DisasterRecovery => {
                    let mut dr = project.disaster_recovery.clone();
                    let mut changed = false;
                    grid(ui, base.with("dr"), |ui| {
                        changed |= short(ui, drafts, base.with("rto"), "RTO", &mut dr.rto);
                        changed |= short(ui, drafts, base.with("rpo"), "RPO", &mut dr.rpo);
                        changed |= long(ui, drafts, base.with("notes"), "Notes", &mut dr.notes);
                    });
                    heading(ui, "Failover steps");
                    changed |= list(ui, drafts, base.with("steps"), "Failover step", &mut dr.failover_steps);
                    ui.weak("Backups are recorded per component, in the inspector.");
                    if changed {
                        set(&mut edits, Section::DisasterRecovery(dr), "Edit disaster recovery");
                    }
                }
                DocSection::Cost => {
                    let mut cost = project.cost.clone();
                    let mut changed = false;
                    grid(ui, base.with("cost"), |ui| {
                        changed |= short(ui, drafts, base.with("currency"), "Currency", &mut cost.currency);
                    });
                    heading(ui, "Costs not tied to one component (monthly)");
                    if let Some(v) = rows_table(
                        ui,
                        base.with("other"),
                        "Cost line",
                        &cost.other,
                        CostLine::default,
                        |ui, i, _, line| {
                            let n = i + 1;
                            let id = base.with(("line", i));
                            let mut changed = cell(
                                ui,
                                drafts,
                                id.with(0),
                                &format!("Cost line {n} item"),
                                &mut line.item,
                                180.0,
                            );
                            for (k, what) in [(1, "current"), (2, "proposed")] {
                                let current = if k == 1 { line.current } else { line.proposed };
                                if let Some(v) = parsed_cell(
                                    ui,
                                    drafts,
                                    id.with(k),
                                    &cost_range_text(current),
                                    Field::line(&format!("Cost line {n} {what}")).hint(what).width(80.0),
                                    None,
                                    parse_cost_range,
                                ) {
                                    if k == 1 {
                                        line.current = v;
                                    } else {
                                        line.proposed = v;
                                    }
                                    changed = true;
                                }
                            }
                            changed
                                | cell(
                                    ui,
                                    drafts,
                                    id.with(3),
                                    &format!("Cost line {n} note"),
                                    &mut line.note,
                                    160.0,
                                )
                        },
                    ) {
                        cost.other = v;
                        changed = true;
                    }
                    heading(ui, "Optimisations");
                    changed |= list(ui, drafts, base.with("opt"), "Optimisation", &mut cost.optimisations);
                    if changed {
                        set(&mut edits, Section::Cost(cost), "Edit cost plan");
                    }
                }
                DocSection::Deployment => deployment_ui(ui, drafts, base, project, &mut edits),
                DocSection::Risks => {
                    if let Some(v) = rows_table(
                        ui,
                        base.with("risks"),
                        "Risk",
                        &project.risks,
                        Risk::default,
                        |ui, i, _, r| {
                            let n = i + 1;
                            let id = base.with(("risk", i));
                            let mut changed = false;
                            if let Some(level) = combo(
                                ui,
                                id.with(0),
                                &format!("Risk {n} level"),
                                None,
                                r.level,
                                RiskLevel::VARIANTS,
                                |l| l.label().to_owned(),
                            ) {
                                r.level = level;
                                changed = true;
                            }
                            changed
                                | cell(ui, drafts, id.with(1), &format!("Risk {n}"), &mut r.risk, 240.0)
                                | cell(
                                    ui,
                                    drafts,
                                    id.with(2),
                                    &format!("Risk {n} mitigation"),
                                    &mut r.mitigation,
                                    240.0,
                                )
                        },
                    ) {
                        set(&mut edits, Section::Risks(v), "Edit risks");
                    }
                }
                DocSection::Approval => {
                    let mut approval = project.approval.clone();
                    let mut changed = false;
                    grid(ui, base.with("approval"), |ui| {
                        if let Some(v) = combo_row(
                            ui,
                            base.with("status"),
                            "Approval status",
                            approval.status,
                            ApprovalStatus::VARIANTS,
                            |s| s.label().to_owned(),
                        ) {
                            approval.status = v;
                            changed = true;
                        }
                    });
                    ui.label("Approvers");
                    changed |= list(ui, drafts, base.with("approvers"), "Approver", &mut approval.approvers);
                    heading(ui, "Questions for approval");
                    if let Some(v) = cards(ui, "Approval question", &approval.questions, |ui, i, _, q| {
                        let id = base.with(("q", i));
                        let n = i + 1;
                        let mut changed = false;
                        grid(ui, id.with("grid"), |ui| {
                            changed |= short(ui, drafts, id.with(0), &format!("Question {n} topic"), &mut q.topic);
                            changed |= long(ui, drafts, id.with(1), &format!("Question {n}"), &mut q.question);
                            changed |= long(ui, drafts, id.with(2), &format!("Question {n} answer"), &mut q.answer);
                        });
                        changed
                    }) {
                        approval.questions = v;
                        changed = true;
                    }
                    if changed {
                        set(&mut edits, Section::Approval(approval), "Edit approval");
                    }
                }
                DocSection::OpenQuestions => {
                    if let Some(v) = rows_table(
                        ui,
                        base.with("open"),
                        "Open question",
                        &project.open_questions,
                        OpenQuestion::default,
                        |ui, i, _, q| {
                            let n = i + 1;
                            let id = base.with(("oq", i));
                            let mut changed = cell(
                                ui,
                                drafts,
                                id.with(0),
                                &format!("Open question {n}"),
                                &mut q.question,
                                220.0,
                            ) | cell(
                                ui,
                                drafts,
                                id.with(1),
                                &format!("Open question {n} impact"),
                                &mut q.impact,
                                140.0,
                            );
                            if let Some(s) = combo(
                                ui,
                                id.with(2),
                                &format!("Open question {n} status"),
                                None,
                                q.status,
                                QuestionStatus::VARIANTS,
                                |s| s.label().to_owned(),
                            ) {
                                q.status = s;
                                changed = true;
                            }
                            changed
                                | cell(
                                    ui,
                                    drafts,
                                    id.with(3),
                                    &format!("Open question {n} answer"),
                                    &mut q.answer,
                                    160.0,
                                )
                        },
                    ) {
                        set(&mut edits, Section::OpenQuestions(v), "Edit open questions");
                    }
                }
                DocSection::Changelog => {
                    if let Some(v) = cards(ui, "Changelog entry", &project.changelog, |ui, i, _, e| {
                        let id = base.with(("log", i));
                        let n = i + 1;
                        let mut changed = false;
                        ui.horizontal(|ui| {
                            changed |= cell(
                                ui,
                                drafts,
                                id.with(0),
                                &format!("Entry {n} version"),
                                &mut e.version,
                                80.0,
                            );
                            changed |= date_cell(ui, drafts, id.with(1), &format!("Entry {n} date"), &mut e.date, None);
                            changed |= cell(ui, drafts, id.with(2), &format!("Entry {n} title"), &mut e.title, 240.0);
                        });
                        changed |= list(ui, drafts, id.with(3), &format!("Entry {n} change"), &mut e.changes);
                        changed
                    }) {
                        set(&mut edits, Section::Changelog(v), "Edit changelog");
                    }
                }
                DocSection::Decisions => {}
            }
        });
    edits
}

fn environments_ui(ui: &mut Ui, drafts: &mut Drafts, base: Id, project: &Project, edits: &mut Vec<(Edit, String)>) {
    let envs = &project.environments;
    let mut next = envs.clone();
    let mut label = None;
    heading(ui, "Environments");
    if let Some(v) = rows_table(
        ui,
        base.with("envs"),
        "Environment",
        &envs.environments,
        Environment::default,
        |ui, i, _, e| {
            let n = i + 1;
            let id = base.with(("env", i));
            cell(
                ui,
                drafts,
                id.with(0),
                &format!("Environment {n} name"),
                &mut e.name,
                120.0,
            ) | cell(
                ui,
                drafts,
                id.with(1),
                &format!("Environment {n} purpose"),
                &mut e.purpose,
                180.0,
            ) | cell(
                ui,
                drafts,
                id.with(2),
                &format!("Environment {n} URL"),
                &mut e.url,
                160.0,
            ) | cell(
                ui,
                drafts,
                id.with(3),
                &format!("Environment {n} access"),
                &mut e.access,
                140.0,
            )
        },
    ) {
        // A new environment gets a fresh id and a name; a removed one takes
        // its column of the matrix with it.
        let mut v = v;
        let fresh_ids = project.next_environment_id().0..;
        for (fresh, env) in fresh_ids.zip(v.iter_mut().filter(|e| e.id.0 == 0)) {
            env.id = EnvironmentId(fresh);
            if env.name.is_empty() {
                env.name = format!("Environment {fresh}");
            }
        }
        for setting in &mut next.settings {
            setting.values.retain(|id, _| v.iter().any(|e| e.id == *id));
        }
        next.environments = v;
        label = Some("Edit environments");
    }
    heading(ui, "Settings matrix");
    ui.weak("One row per setting, one column per environment.");
    let columns = envs.environments.len();
    let len = envs.settings.len();
    let height = ROW_HEIGHT + ui.spacing().item_spacing.y;
    egui::ScrollArea::both()
        .id_salt(base.with("matrix-scroll"))
        .max_height(height * 16.0 + 30.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, len + 1, |ui, range| {
            for row in range {
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    if row == 0 {
                        ui.add_sized(
                            [150.0, ROW_HEIGHT],
                            egui::Label::new(egui::RichText::new("Setting").strong()),
                        );
                        for env in &envs.environments {
                            ui.add_sized(
                                [120.0, ROW_HEIGHT],
                                egui::Label::new(egui::RichText::new(&env.name).strong()),
                            );
                        }
                        return;
                    }
                    let index = row - 1;
                    let Some(setting) = envs.settings.get(index) else {
                        return;
                    };
                    let n = index + 1;
                    let id = base.with(("setting", index));
                    if let Some(v) = text_cell(
                        ui,
                        drafts,
                        id.with("name"),
                        &setting.name,
                        Field::line(&format!("Setting {n} name")).hint("setting").width(150.0),
                        None,
                    ) {
                        if let Some(s) = next.settings.get_mut(index) {
                            s.name = v;
                        }
                        label = Some("Rename setting");
                    }
                    for env in &envs.environments {
                        let current = setting.values.get(&env.id).map_or("", String::as_str);
                        if let Some(v) = text_cell(
                            ui,
                            drafts,
                            id.with(env.id),
                            current,
                            Field::line(&format!("Setting {n} in {}", env.name)).width(120.0),
                            None,
                        ) {
                            if let Some(s) = next.settings.get_mut(index) {
                                if v.is_empty() {
                                    s.values.remove(&env.id);
                                } else {
                                    s.values.insert(env.id, v);
                                }
                            }
                            label = Some("Edit setting");
                        }
                    }
                    if let Some(action) = row_controls(ui, Id::new("environment-settings"), "setting", index, len) {
                        apply_row_action(&mut next.settings, action);
                        label = Some("Edit settings");
                    }
                });
            }
        });
    ui.horizontal(|ui| {
        if button(ui, "+ Setting", "Add setting row") {
            next.settings.push(Setting {
                name: format!("Setting {}", len + 1),
                ..Setting::default()
            });
            drafts.focus_when_shown(base.with(("setting", len)).with("name"));
            label = Some("Add setting");
        }
        if button(ui, "+ Environment column", "Add environment column") {
            // Name it first, in the environments table above.
            focus_row_when_shown(ui.ctx(), base.with("envs"), columns);
            let id = project.next_environment_id();
            next.environments.push(Environment {
                id,
                name: format!("Environment {}", columns + 1),
                ..Environment::default()
            });
            label = Some("Add environment");
        }
    });
    if let Some(label) = label {
        edits.push((
            Edit::SetSection(Box::new(Section::Environments(next))),
            label.to_owned(),
        ));
    }
}

fn security_ui(
    ui: &mut Ui,
    drafts: &mut Drafts,
    pickers: &mut Pickers,
    base: Id,
    project: &Project,
    edits: &mut Vec<(Edit, String)>,
) {
    let mut security = project.security.clone();
    let mut changed = false;
    heading(ui, "Threats");
    if let Some(v) = cards(ui, "Threat", &security.threats, |ui, i, _, t| {
        let id = base.with(("threat", i));
        let n = i + 1;
        let mut changed = false;
        ui.horizontal(|ui| {
            changed |= cell(ui, drafts, id.with(0), &format!("Threat {n}"), &mut t.threat, 300.0);
            if let Some(s) = combo(
                ui,
                id.with(1),
                &format!("Threat {n} severity"),
                None,
                t.severity,
                &Severity::MOST_SEVERE_FIRST,
                |s| s.label().to_owned(),
            ) {
                t.severity = s;
                changed = true;
            }
        });
        changed |= list(
            ui,
            drafts,
            id.with(2),
            &format!("Threat {n} mitigation"),
            &mut t.mitigations,
        );
        changed |= component_links(ui, pickers, id.with(3), project, &mut t.components);
        changed
    }) {
        security.threats = v;
        changed = true;
    }
    heading(ui, "Compliance");
    if let Some(v) = rows_table(
        ui,
        base.with("compliance"),
        "Compliance item",
        &security.compliance,
        ComplianceItem::default,
        |ui, i, _, c| {
            let id = base.with(("comp", i));
            let n = i + 1;
            cell(
                ui,
                drafts,
                id.with(0),
                &format!("Compliance {n} standard"),
                &mut c.standard,
                120.0,
            ) | cell(
                ui,
                drafts,
                id.with(1),
                &format!("Compliance {n} requirement"),
                &mut c.requirement,
                200.0,
            ) | cell(
                ui,
                drafts,
                id.with(2),
                &format!("Compliance {n} approach"),
                &mut c.approach,
                200.0,
            )
        },
    ) {
        security.compliance = v;
        changed = true;
    }
    heading(ui, "Secrets handling");
    grid(ui, base.with("secrets"), |ui| {
        changed |= long(
            ui,
            drafts,
            base.with("secrets-text"),
            "Secrets handling",
            &mut security.secrets_handling,
        );
    });
    heading(ui, "Security checklist");
    if let Some(v) = checklist(
        ui,
        drafts,
        base.with("checklist"),
        "Security check",
        &security.checklist,
    ) {
        security.checklist = v;
        changed = true;
    }
    if changed {
        edits.push((
            Edit::SetSection(Box::new(Section::Security(security))),
            "Edit security".to_owned(),
        ));
    }
}

fn deployment_ui(ui: &mut Ui, drafts: &mut Drafts, base: Id, project: &Project, edits: &mut Vec<(Edit, String)>) {
    let mut d = project.deployment.clone();
    let mut changed = false;
    grid(ui, base.with("scaling"), |ui| {
        changed |= long(
            ui,
            drafts,
            base.with("scaling-notes"),
            "Scaling notes",
            &mut d.scaling_notes,
        );
    });
    heading(ui, "Pipeline stages (in order)");
    let stage_names: Vec<String> = d.pipeline.iter().map(|s| s.name.clone()).collect();
    if let Some(v) = rows_table(
        ui,
        base.with("pipeline"),
        "Stage",
        &d.pipeline,
        PipelineStage::default,
        |ui, i, _, s| {
            let id = base.with(("stage", i));
            let n = i + 1;
            let mut changed = cell(ui, drafts, id.with(0), &format!("Stage {n} name"), &mut s.name, 140.0);
            if let Some(v) = check(ui, "Approval gate", s.approval_gate) {
                s.approval_gate = v;
                changed = true;
            }
            if s.approval_gate {
                // Where a rejected gate sends the change: another stage
                // that exists (or nowhere).
                const NOWHERE: usize = usize::MAX;
                let current = stage_names
                    .iter()
                    .position(|name| *name == s.on_reject)
                    .unwrap_or(NOWHERE);
                let choices: Vec<usize> = std::iter::once(NOWHERE)
                    .chain((0..stage_names.len()).filter(|&k| k != i))
                    .collect();
                let unknown = s.on_reject.clone();
                if let Some(k) = combo(
                    ui,
                    id.with(1),
                    &format!("Stage {n} on reject"),
                    None,
                    current,
                    &choices,
                    |k| match stage_names.get(k) {
                        Some(name) => format!("back to {name}"),
                        None if k == current && !unknown.is_empty() => format!("back to {unknown} (no such stage)"),
                        None => "(nowhere)".to_owned(),
                    },
                ) {
                    s.on_reject = stage_names.get(k).cloned().unwrap_or_default();
                    changed = true;
                }
            }
            changed
                | cell(
                    ui,
                    drafts,
                    id.with(2),
                    &format!("Stage {n} detail"),
                    &mut s.detail,
                    200.0,
                )
        },
    ) {
        d.pipeline = v;
        changed = true;
    }
    heading(ui, "Strategies per environment");
    if let Some(v) = rows_table(
        ui,
        base.with("strategies"),
        "Strategy",
        &d.strategies,
        DeploymentStrategy::default,
        |ui, i, _, s| {
            let id = base.with(("strategy", i));
            let n = i + 1;
            cell(
                ui,
                drafts,
                id.with(0),
                &format!("Strategy {n} environment"),
                &mut s.environment,
                120.0,
            ) | cell(ui, drafts, id.with(1), &format!("Strategy {n}"), &mut s.strategy, 160.0)
                | cell(
                    ui,
                    drafts,
                    id.with(2),
                    &format!("Strategy {n} rollback"),
                    &mut s.rollback,
                    200.0,
                )
        },
    ) {
        d.strategies = v;
        changed = true;
    }
    heading(ui, "Deployment checklist");
    if let Some(v) = checklist(ui, drafts, base.with("checklist"), "Deployment check", &d.checklist) {
        d.checklist = v;
        changed = true;
    }
    heading(ui, "Rollback plan");
    if let Some(v) = cards(ui, "Rollback stage", &d.rollback_plan, |ui, i, _, r| {
        let id = base.with(("rollback", i));
        let n = i + 1;
        let mut changed = false;
        ui.horizontal(|ui| {
            changed |= cell(
                ui,
                drafts,
                id.with(0),
                &format!("Rollback {n} stage"),
                &mut r.stage,
                200.0,
            );
            changed |= cell(
                ui,
                drafts,
                id.with(1),
                &format!("Rollback {n} expected downtime"),
                &mut r.expected_downtime,
                140.0,
            );
        });
        changed |= list(ui, drafts, id.with(2), &format!("Rollback {n} step"), &mut r.steps);
        changed
    }) {
        d.rollback_plan = v;
        changed = true;
    }
    heading(ui, "Testing plan: before deployment");
    if let Some(v) = checklist(
        ui,
        drafts,
        base.with("pre"),
        "Pre-deployment test",
        &d.testing_plan.pre_deployment,
    ) {
        d.testing_plan.pre_deployment = v;
        changed = true;
    }
    heading(ui, "Testing plan: after deployment");
    if let Some(v) = checklist(
        ui,
        drafts,
        base.with("post"),
        "Post-deployment test",
        &d.testing_plan.post_deployment,
    ) {
        d.testing_plan.post_deployment = v;
        changed = true;
    }
    if changed {
        edits.push((
            Edit::SetSection(Box::new(Section::Deployment(d))),
            "Edit deployment".to_owned(),
        ));
    }
}

fn decisions_ui(ui: &mut Ui, project: &Project, state: &mut DocumentsState, edits: &mut Vec<(Edit, String)>) {
    let base = Id::new("documents-decisions");
    ui.horizontal(|ui| {
        if ui.button("New decision").clicked() {
            let decision = new_decision(project, Vec::new(), "New decision");
            state.open_decision(decision.id, true);
            edits.push((
                Edit::InsertDecision {
                    index: project.decisions.len(),
                    decision: Box::new(decision),
                },
                "New decision".to_owned(),
            ));
        }
        ui.weak(format!("{} decisions", project.decisions.len()));
    });
    let len = project.decisions.len();
    egui::ScrollArea::vertical()
        .id_salt(base.with("list"))
        .max_height(ROW_HEIGHT * 8.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, len, |ui, range| {
            for index in range {
                let Some(decision) = project.decisions.get(index) else {
                    continue;
                };
                let selected = state.decision == Some(decision.id);
                let text = format!(
                    "ADR-{:04}  {}  · {}{}",
                    decision.number,
                    decision.title,
                    decision.status.label(),
                    if decision.date.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", decision.date)
                    }
                );
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    if ui.selectable_label(selected, text).clicked() {
                        state.decision = Some(decision.id);
                    }
                });
            }
        });
    ui.separator();
    if state.shown_decision != state.decision {
        if state.drafts.hold_for_commit(ui.ctx()) {
            // Keep the old editor one more frame so its field commits.
        } else {
            state.drafts.clear();
            state.shown_decision = state.decision;
        }
    }
    let Some(decision) = state.shown_decision.and_then(|id| project.decision(id)) else {
        ui.weak("Choose a decision above, or create one.");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt(base.with("editor"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("{} {}", decision.adr_label(), decision.title));
            if let Some(edit) = decision_editor_ui(ui, project, decision, &mut state.drafts, &mut state.pickers) {
                edits.push(edit);
            }
        });
}
