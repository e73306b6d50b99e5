//! The Overview page: the project's details, its context and SLOs.

use super::*;

pub(super) struct OverviewPage;

impl Page for OverviewPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut meta = project.meta.clone();
        form.undo("Edit project details");
        form.heading("Project");
        form.grid("meta", |form| {
            form.required_text("Project name", &mut meta.name);
            form.long_text("Summary", &mut meta.summary);
            form.text("Version", &mut meta.version);
            form.pick("Spec status", &mut meta.status, SpecStatus::VARIANTS, |s| {
                s.label().to_owned()
            });
            form.date("Last updated", true, &mut meta.last_updated);
        });
        form.ui().label("Owners");
        form.list("Owner", &mut meta.owners);
        if let Some(label) = form.take_change() {
            edits.push((Edit::SetMeta(Box::new(meta)), label));
        }

        let mut context = project.context.clone();
        form.undo("Edit context");
        form.heading("Context");
        form.grid("context", |form| {
            let c = &mut context;
            form.long_text("Use case", &mut c.use_case);
            form.long_text("Traffic", &mut c.traffic);
            form.long_text("Data volumes", &mut c.data_volumes);
            form.long_text("Latency", &mut c.latency);
            form.long_text("Scale", &mut c.scale);
            form.long_text("Compliance", &mut c.compliance);
            form.long_text("Budget", &mut c.budget);
            form.long_text("Team constraints", &mut c.team_constraints);
        });
        form.ui().label("Regions");
        form.list("Region", &mut context.regions);
        form.heading("Service level objectives");
        objectives(form, "SLO", &mut context.slos);
        set_section(form, Section::Context(context), edits);
    }
}
