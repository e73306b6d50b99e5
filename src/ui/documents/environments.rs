//! The Environments page: the environments and the settings matrix (one
//! row per setting, one column per environment).

use super::super::form::ROW_HEIGHT;
use super::super::widgets::*;
use super::*;

pub(super) struct EnvironmentsPage;

impl Page for EnvironmentsPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let envs = &project.environments;
        let mut next = envs.clone();
        form.undo("Edit environments");
        form.heading("Environments");
        let mut environments = envs.environments.clone();
        let changed = form.rows("Environment", &mut environments, |row, i, e| {
            let n = i + 1;
            row.cell(&format!("Environment {n} name"), &mut e.name, 120.0);
            row.cell(&format!("Environment {n} purpose"), &mut e.purpose, 180.0);
            row.cell(&format!("Environment {n} URL"), &mut e.url, 160.0);
            row.cell(&format!("Environment {n} access"), &mut e.access, 140.0);
        });
        if changed {
            // A new environment gets a fresh id and a name; a removed one
            // takes its column of the matrix with it.
            let fresh_ids = project.next_environment_id().0..;
            for (fresh, env) in fresh_ids.zip(environments.iter_mut().filter(|e| e.id.0 == 0)) {
                env.id = EnvironmentId(fresh);
                if env.name.is_empty() {
                    env.name = format!("Environment {fresh}");
                }
            }
            for setting in &mut next.settings {
                setting.values.retain(|id, _| environments.iter().any(|e| e.id == *id));
            }
            next.environments = environments;
        }
        form.heading("Settings matrix");
        form.ui().weak("One row per setting, one column per environment.");
        matrix(form, envs, &mut next);
        add_buttons(form, project, &mut next);
        set_section(form, Section::Environments(next), edits);
    }
}

/// The id of setting `index`'s name cell.
fn setting_name_id(form: &Form, index: usize) -> Id {
    form.id(("setting", index)).with("name")
}

/// The settings matrix, virtualised: a header row of environment names,
/// then one row of cells per setting.
fn matrix(form: &mut Form, envs: &Environments, next: &mut Environments) {
    let len = envs.settings.len();
    let row_ids: Vec<Id> = (0..len).map(|index| form.id(("setting", index))).collect();
    let scroll = form.id("matrix-scroll");
    let mut change = None;
    let (ui, drafts) = form.parts();
    let height = ROW_HEIGHT + ui.spacing().item_spacing.y;
    egui::ScrollArea::both()
        .id_salt(scroll)
        .max_height(height * 16.0 + 30.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, len + 1, |ui, range| {
            for row in range {
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    if row == 0 {
                        header_row(ui, envs);
                        return;
                    }
                    let index = row - 1;
                    if let Some(label) = setting_row(ui, drafts, row_ids[index], envs, index, next) {
                        change = Some(label);
                    }
                });
            }
        });
    if let Some(label) = change {
        form.undo(label);
        form.mark_changed();
        form.undo("Edit environments");
    }
}

fn header_row(ui: &mut Ui, envs: &Environments) {
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
}

/// Setting `index`'s row: its name, its value in each environment, and
/// its drag handle and −. Returns the undo label of what it changed.
fn setting_row(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: Id,
    envs: &Environments,
    index: usize,
    next: &mut Environments,
) -> Option<&'static str> {
    let setting = envs.settings.get(index)?;
    let n = index + 1;
    let mut label = None;
    let name_label = format!("Setting {n} name");
    let name_field = Field::line(&name_label).hint("setting").width(150.0);
    if let Some(v) = text_cell(ui, drafts, id.with("name"), &setting.name, name_field, None) {
        if let Some(s) = next.settings.get_mut(index) {
            s.name = v;
        }
        label = Some("Rename setting");
    }
    for env in &envs.environments {
        let current = setting.values.get(&env.id).map_or("", String::as_str);
        let label_text = format!("Setting {n} in {}", env.name);
        let field = Field::line(&label_text).width(120.0);
        if let Some(v) = text_cell(ui, drafts, id.with(env.id), current, field, None) {
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
    let len = envs.settings.len();
    if let Some(action) = row_controls(ui, Id::new("environment-settings"), "setting", index, len) {
        apply_row_action(&mut next.settings, action);
        label = Some("Edit settings");
    }
    label
}

/// "+ Setting" and "+ Environment column".
fn add_buttons(form: &mut Form, project: &Project, next: &mut Environments) {
    let len = project.environments.settings.len();
    let columns = project.environments.environments.len();
    let new_setting = setting_name_id(form, len);
    let environment_rows = form.id(("rows", "Environment"));
    let mut label = None;
    let (ui, drafts) = form.parts();
    ui.horizontal(|ui| {
        if button(ui, "+ Setting", "Add setting row") {
            next.settings.push(Setting {
                name: format!("Setting {}", len + 1),
                ..Setting::default()
            });
            drafts.focus_when_shown(new_setting);
            label = Some("Add setting");
        }
        if button(ui, "+ Environment column", "Add environment column") {
            // Name it first, in the environments table above.
            focus_row_when_shown(ui.ctx(), environment_rows, columns);
            next.environments.push(Environment {
                id: project.next_environment_id(),
                name: format!("Environment {}", columns + 1),
                ..Environment::default()
            });
            label = Some("Add environment");
        }
    });
    if let Some(label) = label {
        form.undo(label);
        form.mark_changed();
    }
}
