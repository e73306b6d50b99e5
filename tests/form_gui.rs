//! The form layer on its own: each row writes the field it names, a typed
//! field commits once, the form reports the undo label of what changed,
//! and a date or a count that does not parse is shown, not committed.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::model::Criticality;
use strata::ui::form::Form;
use strata::ui::widgets::Drafts;

#[derive(Clone, Debug, Default, PartialEq)]
struct Record {
    owner: String,
    date: String,
    count: Option<u32>,
    level: Criticality,
    tags: Vec<String>,
}

#[derive(Default)]
struct Host {
    record: Record,
    drafts: Drafts,
    /// The undo labels of the changes the form reported, in order.
    changes: Vec<String>,
}

impl Host {
    fn ui(&mut self, ui: &mut egui::Ui) {
        let mut next = self.record.clone();
        let mut form = Form::new(ui, &mut self.drafts, egui::Id::new("record"));
        form.grid("grid", |form| {
            form.undo("Edit owner").text("Owner", &mut next.owner);
            form.undo("Edit date").date("Date", true, &mut next.date);
            form.undo("Edit count").count("Count", &mut next.count);
            form.undo("Change level")
                .pick("Level", &mut next.level, &[Criticality::Low, Criticality::High], |c| {
                    c.label().to_owned()
                });
        });
        form.undo("Edit tags").list("Tag", &mut next.tags);
        if let Some(label) = form.finish() {
            self.record = next;
            self.changes.push(label);
        }
    }
}

fn harness() -> Harness<'static, Host> {
    Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_ui_state(|ui, host: &mut Host| host.ui(ui), Host::default())
}

fn fill(h: &mut Harness<'_, Host>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn a_typed_row_writes_its_own_field_once_with_its_undo_label() {
    let mut h = harness();
    h.run_steps(2);
    fill(&mut h, "Owner", "Platform team");
    assert_eq!(h.state().record.owner, "Platform team");
    assert_eq!(h.state().changes, ["Edit owner"], "one change for the whole typing");
    assert_eq!(h.state().record.date, "", "no other field was touched");

    fill(&mut h, "Date", "2026-02-30");
    assert_eq!(h.state().record.date, "", "not a calendar date: not committed");
    assert!(
        h.query_by_label_contains("is not a date").is_some(),
        "the error is shown"
    );
    fill(&mut h, "Date", "2026-02-28");
    assert_eq!(h.state().record.date, "2026-02-28");

    fill(&mut h, "Count", "three");
    assert_eq!(h.state().record.count, None);
    fill(&mut h, "Count", "3");
    assert_eq!(h.state().record.count, Some(3));
    assert_eq!(h.state().changes, ["Edit owner", "Edit date", "Edit count"]);
}

#[test]
fn picks_and_lists_report_their_own_labels() {
    let mut h = harness();
    h.run_steps(2);
    h.get_by_label("Add Tag").click();
    h.run_steps(3);
    assert_eq!(h.state().record.tags, [""]);
    h.get_by_label("Level").click();
    h.run_steps(3);
    h.get_by_label("High").click();
    h.run_steps(3);
    assert_eq!(h.state().record.level, Criticality::High);
    assert_eq!(h.state().changes, ["Edit tags", "Change level"]);
}
