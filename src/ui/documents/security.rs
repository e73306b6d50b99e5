//! The Security page: threats, compliance, secrets handling and the
//! security checklist.

use super::*;

pub(super) struct SecurityPage;

impl Page for SecurityPage {
    fn ui(&self, form: &mut Form, project: &Project, pickers: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut security = project.security.clone();
        form.undo("Edit security");
        form.heading("Threats");
        form.cards("Threat", &mut security.threats, |card, i, t| {
            let n = i + 1;
            card.horizontal(|form| {
                form.cell(&format!("Threat {n}"), &mut t.threat, 300.0);
                form.pick_cell(
                    &format!("Threat {n} severity"),
                    &mut t.severity,
                    &Severity::MOST_SEVERE_FIRST,
                    |s| s.label().to_owned(),
                );
            });
            card.list(&format!("Threat {n} mitigation"), &mut t.mitigations);
            component_links(card, pickers, project, &mut t.components);
        });
        form.heading("Compliance");
        form.rows("Compliance item", &mut security.compliance, |row, i, c| {
            let n = i + 1;
            row.cell(&format!("Compliance {n} standard"), &mut c.standard, 120.0);
            row.cell(&format!("Compliance {n} requirement"), &mut c.requirement, 200.0);
            row.cell(&format!("Compliance {n} approach"), &mut c.approach, 200.0);
        });
        form.heading("Secrets handling");
        form.grid("secrets", |form| {
            form.long_text("Secrets handling", &mut security.secrets_handling);
        });
        form.heading("Security checklist");
        checklist(form, "Security check", &mut security.checklist);
        set_section(form, Section::Security(security), edits);
    }
}
