//! The Decisions page: the list of decisions (virtualised) and the editor
//! of the one chosen.

use super::super::decision_editor::{decision_editor_ui, new_decision};
use super::super::form::ROW_HEIGHT;
use super::*;

pub(super) fn decisions_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut DocumentsState,
    edits: &mut Vec<(Edit, String)>,
) {
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
    decision_list(ui, base, project, state);
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

/// One selectable line per decision: number, title, status and date.
fn decision_list(ui: &mut Ui, base: Id, project: &Project, state: &mut DocumentsState) {
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
                let date = if decision.date.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", decision.date)
                };
                let text = format!(
                    "{}  {}  · {}{date}",
                    decision.adr_label(),
                    decision.title,
                    decision.status.label(),
                );
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    if ui.selectable_label(selected, text).clicked() {
                        state.decision = Some(decision.id);
                    }
                });
            }
        });
}
