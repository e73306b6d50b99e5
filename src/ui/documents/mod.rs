//! The documents view: every project-wide part of the spec, one page per
//! section, edited through `SetMeta`, `SetSection`, `UpdateDecision` and
//! `InsertDecision` edits.
//!
//! Each page is a [`Page`]: a form over a copy of its section that turns
//! into one edit when a field changed. The pages live beside this file; the
//! Decisions page, a list with an editor, is `decisions.rs`.

mod decisions;
mod environments;
mod operations;
mod overview;
mod records;
mod security;

use egui::{Id, Ui};

/// A page of the documents view; each becomes (part of) one spec file.
pub use crate::export::DocSection;

use super::action::Action;
use super::form::Form;
use super::inspector::{Pickers, picker};
use super::widgets::{Drafts, Field, cost_range_text, parse_cost_range};
use crate::edit::{Edit, Section};
use crate::model::*;

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
            self.drafts.focus_when_shown(super::decision_editor::title_id(id));
        }
    }
}

/// One page of the documents view.
trait Page {
    /// Draws the page's fields in `form`; the edits they make go to `edits`,
    /// with their undo labels.
    fn ui(&self, form: &mut Form, project: &Project, pickers: &mut Pickers, edits: &mut Vec<(Edit, String)>);
}

/// The page that edits `section` (the Decisions page is not a form).
fn page(section: DocSection) -> Option<&'static dyn Page> {
    Some(match section {
        DocSection::Overview => &overview::OverviewPage,
        DocSection::Environments => &environments::EnvironmentsPage,
        DocSection::Assertions => &records::AssertionsPage,
        DocSection::Constraints => &records::ConstraintsPage,
        DocSection::Vocabulary => &records::VocabularyPage,
        DocSection::Security => &security::SecurityPage,
        DocSection::Observability => &operations::ObservabilityPage,
        DocSection::DisasterRecovery => &operations::DisasterRecoveryPage,
        DocSection::Cost => &operations::CostPage,
        DocSection::Deployment => &operations::DeploymentPage,
        DocSection::Risks => &records::RisksPage,
        DocSection::Approval => &records::ApprovalPage,
        DocSection::OpenQuestions => &records::OpenQuestionsPage,
        DocSection::Changelog => &records::ChangelogPage,
        DocSection::Decisions => return None,
    })
}

/// Pushes the edit that sets `section`, when the form changed it since
/// the last call.
fn set_section(form: &mut Form, section: Section, edits: &mut Vec<(Edit, String)>) {
    if let Some(label) = form.take_change() {
        edits.push((Edit::SetSection(Box::new(section)), label));
    }
}

/// The documents page `section`. Answers with what the user did: each
/// change to the spec as its own undo step.
pub fn documents_ui(ui: &mut Ui, project: &Project, section: DocSection, state: &mut DocumentsState) -> Vec<Action> {
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
    let Some(page) = page(section) else {
        // Its list scrolls by itself (virtualised) and the editor below it.
        decisions::decisions_ui(ui, project, state, &mut edits);
        return Action::edits(edits).collect();
    };
    egui::ScrollArea::vertical()
        .id_salt(base.with("page"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut form = Form::new(ui, &mut state.drafts, base);
            page.ui(&mut form, project, &mut state.pickers, &mut edits);
        });
    Action::edits(edits).collect()
}

/// A checklist: a checkbox and a text per item.
fn checklist(form: &mut Form, what: &str, items: &mut Vec<ChecklistItem>) -> bool {
    form.rows(what, items, |row, i, item| {
        row.check("", &mut item.done);
        row.cell(&format!("{what} {}", i + 1), &mut item.item, 320.0);
    })
}

/// Objectives (SLOs, SLA targets): metric, target and how it is measured.
fn objectives(form: &mut Form, what: &str, items: &mut Vec<Objective>) -> bool {
    form.rows(what, items, |row, i, o| {
        let n = i + 1;
        row.cell(&format!("{what} {n} metric"), &mut o.metric, 160.0);
        row.cell(&format!("{what} {n} target"), &mut o.target, 100.0);
        row.cell(&format!("{what} {n} measurement"), &mut o.measurement, 200.0);
    })
}

/// Links to components, with a picker offering only components that exist.
fn component_links(form: &mut Form, pickers: &mut Pickers, project: &Project, links: &mut Vec<ComponentId>) {
    let id = form.id("component-links");
    let mut changed = false;
    form.ui().horizontal_wrapped(|ui| {
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
    if changed {
        form.mark_changed();
    }
}
