//! The decision editor: every field of a decision, its options as a pros /
//! cons table. Shared by the inspector and the documents view.

use egui::{Id, Ui};

use super::form::Form;
use super::inspector::{Pickers, picker};
use super::widgets::*;
use crate::edit::Edit;
use crate::model::*;

fn base(id: DecisionId) -> Id {
    Id::new(("decision-editor", id))
}

/// The id of the title field of decision `id`'s editor (a new decision
/// puts the keyboard there).
pub(crate) fn title_id(id: DecisionId) -> Id {
    base(id).with("Title")
}

/// A fresh proposed decision with the next free id and number.
pub(crate) fn new_decision(project: &Project, components: Vec<ComponentId>, title: &str) -> Decision {
    Decision {
        id: project.next_decision_id(),
        number: project.next_decision_number(),
        title: title.to_owned(),
        components,
        date: crate::today_iso(),
        ..Decision::default()
    }
}

fn name_or_unnamed(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed)".to_owned()
    } else {
        name.to_owned()
    }
}

/// Every field of `decision`. Returns one update, with its undo label,
/// when something was committed.
pub(crate) fn decision_editor_ui(
    ui: &mut Ui,
    project: &Project,
    decision: &Decision,
    drafts: &mut Drafts,
    pickers: &mut Pickers,
) -> Option<(Edit, String)> {
    let mut next = decision.clone();
    let mut form = Form::new(ui, drafts, base(decision.id));
    facts(&mut form, project, decision, &mut next);
    options(&mut form, decision, &mut next);
    outcome(&mut form, decision, &mut next);
    linked_components(&mut form, project, pickers, &mut next);
    review_notes(&mut form, &mut next);
    form.finish().map(|label| {
        (
            Edit::UpdateDecision(Box::new(next)),
            format!("{label}: {}", decision.adr_label()),
        )
    })
}

/// Title, number, status, date, context, deciders and drivers.
fn facts(form: &mut Form, project: &Project, decision: &Decision, next: &mut Decision) {
    form.grid("grid", |form| {
        form.undo("Edit decision title").text("Title", &mut next.title);
        form.undo("Renumber decision").parsed(
            Field::line("Number").width(60.0),
            true,
            &mut next.number,
            u32::to_string,
            |text| {
                let n: u32 = text.trim().parse().map_err(|_| "not a whole number".to_owned())?;
                if project.decisions.iter().any(|d| d.number == n && d.id != decision.id) {
                    Err(format!("{} is already taken", adr_number_label(n)))
                } else {
                    Ok(n)
                }
            },
        );
        let mut statuses = vec![
            DecisionStatus::Proposed,
            DecisionStatus::Accepted,
            DecisionStatus::Rejected,
            DecisionStatus::Deprecated,
        ];
        statuses.extend(
            project
                .decisions
                .iter()
                .filter(|d| d.id != decision.id)
                .map(|d| DecisionStatus::Superseded { by: d.id }),
        );
        form.undo("Change decision status")
            .pick("Status", &mut next.status, &statuses, |s| match s {
                DecisionStatus::Superseded { by } => format!(
                    "Superseded by {}",
                    project.decision(by).map_or_else(|| by.to_string(), |d| d.adr_label())
                ),
                other => other.label().to_owned(),
            });
        form.undo("Edit decision date").date("Date", true, &mut next.date);
        form.undo("Edit decision context")
            .long_text("Context", &mut next.context);
    });
    form.ui().label(egui::RichText::new("Deciders").strong());
    form.undo("Edit deciders").list("Decider", &mut next.deciders);
    form.ui().label(egui::RichText::new("Drivers").strong());
    form.undo("Edit decision drivers").list("Driver", &mut next.drivers);
}

/// The options, one framed block each: name, description, pros and cons,
/// cost note; "+ Option" adds one.
fn options(form: &mut Form, decision: &Decision, next: &mut Decision) {
    form.ui().separator();
    form.ui().label(egui::RichText::new("Options").strong());
    let len = decision.options.len();
    let list = form.id("options");
    // Reordering and removal are applied after the fields, so an index
    // never points past the end of the list.
    let mut action = None;
    for (index, option) in decision.options.iter().enumerate() {
        let Some(slot) = next.options.get_mut(index) else {
            continue;
        };
        let oid = form.id(("option", option.id));
        let n = index + 1;
        let mut changed = None;
        let (ui, drafts) = form.parts();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let mut block = Form::new(ui, drafts, oid);
            block.horizontal(|row| {
                row.ui().label(format!("Option {n}"));
                row.undo("Rename option")
                    .cell_field(Field::line(&format!("Option {n} name")).width(220.0), &mut slot.name);
                action = row_controls(row.ui(), list, "option", index, len).or(action);
            });
            block.undo("Edit option").cell_field(
                Field::multi(&format!("Option {n} description")).hint("What this option is"),
                &mut slot.description,
            );
            pros_and_cons(&mut block, n, slot);
            block.undo("Edit option").cell_field(
                Field::line(&format!("Option {n} cost note")).hint("Cost note"),
                &mut slot.cost_note,
            );
            changed = block.finish();
        });
        if let Some(label) = changed {
            form.undo(&label).mark_changed();
        }
    }
    if let Some(action) = action {
        if let RowAction::Remove(index) = action
            && decision.options.get(index).map(|o| o.id) == decision.chosen
        {
            next.chosen = None;
        }
        apply_row_action(&mut next.options, action);
        form.undo("Edit options").mark_changed();
    }
    if button(form.ui(), "+ Option", "Add option") {
        let id = OptionId(decision.options.iter().map(|o| o.id.0).max().map_or(1, |m| m + 1));
        next.options.push(DecisionOption {
            id,
            name: format!("Option {}", len + 1),
            ..DecisionOption::default()
        });
        let name_field = form.id(("option", id)).with(format!("Option {} name", len + 1));
        form.parts().1.focus_when_shown(name_field);
        form.undo("Add option").mark_changed();
    }
}

/// An option's pros and cons, side by side.
fn pros_and_cons(block: &mut Form, n: usize, option: &mut DecisionOption) {
    let base = block.id("pros-cons");
    let mut changed = None;
    let (ui, drafts) = block.parts();
    ui.columns(2, |columns| {
        let [pros, cons] = columns else { return };
        pros.label("Pros");
        let mut form = Form::new(pros, drafts, base);
        form.undo("Edit pros")
            .list(&format!("Option {n} pro"), &mut option.pros);
        let pro_change = form.finish();
        cons.label("Cons");
        let mut form = Form::new(cons, drafts, base);
        form.undo("Edit cons")
            .list(&format!("Option {n} con"), &mut option.cons);
        changed = form.finish().or(pro_change);
    });
    if let Some(label) = changed {
        block.undo(&label).mark_changed();
    }
}

/// The chosen option, the rationale and the consequences.
fn outcome(form: &mut Form, decision: &Decision, next: &mut Decision) {
    form.grid("outcome", |form| {
        let choices: Vec<Option<OptionId>> = std::iter::once(None)
            .chain(decision.options.iter().map(|o| Some(o.id)))
            .collect();
        form.undo("Choose option")
            .pick("Chosen option", &mut next.chosen, &choices, |c| {
                c.and_then(|c| decision.option(c))
                    .map_or_else(|| "(not decided)".to_owned(), |o| name_or_unnamed(&o.name))
            });
        form.undo("Edit rationale").long_text("Rationale", &mut next.rationale);
    });
    form.ui().label(egui::RichText::new("Consequences").strong());
    form.undo("Edit consequences")
        .list("Consequence", &mut next.consequences);
}

/// The components the decision concerns: each with −, and a picker.
fn linked_components(form: &mut Form, project: &Project, pickers: &mut Pickers, next: &mut Decision) {
    form.ui().label(egui::RichText::new("Concerns components").strong());
    let mut unlink = None;
    for &component in &next.components {
        form.ui().horizontal(|ui| {
            let name = project
                .component(component)
                .map_or_else(|| format!("(missing {component})"), |c| name_or_unnamed(&c.name));
            ui.label(&name);
            if button(ui, "−", &format!("Unlink {name}")) {
                unlink = Some(component);
            }
        });
    }
    if let Some(component) = unlink {
        next.components.retain(|c| *c != component);
        form.undo("Unlink component").mark_changed();
    }
    let candidates: Vec<(ComponentId, String)> = project
        .components
        .iter()
        .filter(|c| !next.components.contains(&c.id))
        .map(|c| (c.id, name_or_unnamed(&c.name)))
        .collect();
    let id = form.id("link");
    if let Some(component) = picker(
        form.ui(),
        pickers,
        id,
        "Link component",
        "Link component…",
        candidates.into_iter(),
    ) {
        next.components.push(component);
        form.undo("Link component").mark_changed();
    }
}

/// Review notes: date, attendees and the note, with "+ Review note".
fn review_notes(form: &mut Form, next: &mut Decision) {
    form.ui().label(egui::RichText::new("Review notes").strong());
    let len = next.review_notes.len();
    let list = form.id("review-notes");
    let mut action = None;
    form.undo("Edit review note");
    for (index, note) in next.review_notes.iter_mut().enumerate() {
        let n = index + 1;
        form.horizontal(|row| {
            row.date(&format!("Review note {n} date"), false, &mut note.date);
            let mut attendees = note.attendees.join(", ");
            let label = format!("Review note {n} attendees");
            let field = Field::line(&label).hint("attendees, comma separated").width(160.0);
            if row.cell_field(field, &mut attendees) {
                note.attendees = attendees
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            action = row_controls(row.ui(), list, "review note", index, len).or(action);
        });
        form.cell_field(Field::multi(&format!("Review note {n}")), &mut note.note);
    }
    if let Some(action) = action {
        apply_row_action(&mut next.review_notes, action);
        form.undo("Edit review notes").mark_changed();
    }
    if button(form.ui(), "+ Review note", "Add review note") {
        next.review_notes.push(ReviewNote {
            date: crate::today_iso(),
            ..ReviewNote::default()
        });
        form.undo("Add review note").mark_changed();
    }
}
