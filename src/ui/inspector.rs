//! The inspector: every field of the selected component, dependency, zone,
//! layer or decision, edited through [`Edit`]s (one per field edit).

use egui::{Id, Ui};

use super::action::Action;
use super::widgets::*;
use crate::edit::Edit;
use crate::model::*;
use crate::selection::Selection;
use crate::templates::{AskedField, field_hint};

/// The inspector's own state: text being typed (drafts), picker filters and
/// a selection it would like the app to make.
#[derive(Debug, Default)]
pub struct InspectorState {
    pub(crate) drafts: Drafts,
    shown: Selection,
    pub(crate) pickers: Pickers,
    /// A selection the inspector asks for (e.g. the decision just created
    /// with "New decision from here"); answered as an [`Action`].
    requested: Option<Selection>,
}

impl InspectorState {
    /// Focuses the name field of zone `id` when it is next shown (a zone
    /// just created by grouping, so the architect can name it at once).
    pub fn focus_zone_name(&mut self, id: ZoneId) {
        self.drafts.focus_when_shown(zone_base(id).with("name"));
    }
    /// True while a field holds typed text not yet committed.
    pub fn is_editing(&self) -> bool {
        self.drafts.is_editing()
    }
}

/// Filter texts of the searchable pickers, by picker id.
#[derive(Debug, Default)]
pub(crate) struct Pickers {
    filters: std::collections::HashMap<Id, String>,
}

/// How many matches a picker lists at once (projects have thousands of
/// components; the filter narrows them).
const PICKER_LIMIT: usize = 40;

/// A searchable picker over `(key, name)` items; returns the chosen key.
pub(crate) fn picker<K: Copy>(
    ui: &mut Ui,
    pickers: &mut Pickers,
    id: Id,
    label: &str,
    button_text: &str,
    items: impl Iterator<Item = (K, String)>,
) -> Option<K> {
    let mut chosen = None;
    let filter = pickers.filters.entry(id).or_default();
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(button_text)
        .height(320.0)
        .show_ui(ui, |ui| {
            let field = ui.add(
                egui::TextEdit::singleline(filter)
                    .hint_text("Filter")
                    .desired_width(200.0),
            );
            label_widget(ui, &field, &format!("{label} filter"), None);
            let needle = filter.to_lowercase();
            let mut shown = 0;
            for (key, name) in items {
                if !needle.is_empty() && !name.to_lowercase().contains(&needle) {
                    continue;
                }
                if shown == PICKER_LIMIT {
                    ui.weak("… type to narrow the list");
                    break;
                }
                shown += 1;
                if ui.selectable_label(false, name).clicked() {
                    chosen = Some(key);
                }
            }
            if shown == 0 {
                ui.weak("Nothing matches");
            }
        })
        .response;
    label_widget(ui, &response, label, None);
    if chosen.is_some() {
        filter.clear();
    }
    chosen
}

fn name_or_unnamed(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed)".to_owned()
    } else {
        name.to_owned()
    }
}

fn component_name(project: &Project, id: ComponentId) -> String {
    project
        .component(id)
        .map_or_else(|| format!("(missing {id})"), |c| name_or_unnamed(&c.name))
}

fn decision_name(decision: &Decision) -> String {
    format!("ADR-{:04} {}", decision.number, decision.title)
}

fn grid(ui: &mut Ui, id: Id, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([8.0, 4.0])
        .min_col_width(110.0)
        .show(ui, add);
}

/// The inspector for `selected`. Returns the edits to apply, each with its
/// undo label; the caller applies them (e.g. through [`crate::edit::History`]).
pub fn inspector_ui(ui: &mut Ui, project: &Project, selected: &Selection, state: &mut InspectorState) -> Vec<Action> {
    let mut showing = selected.clone();
    if state.shown != *selected {
        if state.drafts.hold_for_commit(ui.ctx()) {
            showing = state.shown.clone();
        } else {
            state.drafts.clear();
            state.shown = selected.clone();
        }
    }
    let mut edits = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            show_selected(ui, project, showing, state, &mut edits);
            // Room below the last row, so it never sits under the resize
            // grip of the panel beneath.
            ui.add_space(32.0);
        });
    let mut actions: Vec<Action> = Action::edits(edits).collect();
    actions.extend(state.requested.take().map(|wanted| match wanted {
        // Just created (its insert is still to be applied): ready to name.
        Selection::Decision(id) => Action::OpenDecision {
            id,
            new: project.decision(id).is_none(),
        },
        other => Action::Select(other),
    }));
    actions
}

fn show_selected(
    ui: &mut Ui,
    project: &Project,
    showing: Selection,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    match showing {
        Selection::Component(id) => match project.component(id) {
            Some(component) => component_ui(ui, project, component, state, edits),
            None => missing_ui(ui, "This component no longer exists."),
        },
        Selection::Dependency(id) => match project.dependency(id) {
            Some(dependency) => dependency_ui(ui, project, dependency, state, edits),
            None => missing_ui(ui, "This dependency no longer exists."),
        },
        Selection::Zone(id) => match project.zone(id) {
            Some(zone) => zone_ui(ui, project, zone, state, edits),
            None => missing_ui(ui, "This zone no longer exists."),
        },
        Selection::Layer(id) => match project.layer(id) {
            Some(layer) => layer_ui(ui, project, layer, state, edits),
            None => missing_ui(ui, "This layer no longer exists."),
        },
        Selection::Decision(id) => match project.decision(id) {
            Some(decision) => {
                ui.heading(decision_name(decision));
                if let Some(edit) = decision_editor_ui(ui, project, decision, &mut state.drafts, &mut state.pickers) {
                    edits.push(edit);
                }
            }
            None => missing_ui(ui, "This decision no longer exists."),
        },
        Selection::Nothing | Selection::Components(_) => {
            ui.weak("Select a component, dependency, zone or layer on the canvas to edit it here.");
        }
    }
}

/// The value every one of `components` has for `get`, or `None` when they
/// differ (the field then shows "(mixed)").
fn common<T: PartialEq>(components: &[&Component], get: impl Fn(&Component) -> T) -> Option<T> {
    let mut values = components.iter().map(|c| get(c));
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// One edit that applies `change` to each of `components` (those it does
/// change), so setting a field for a selection is one undo step.
pub fn change_all(components: &[&Component], change: impl Fn(&mut Component)) -> Option<Edit> {
    let edits: Vec<Edit> = components
        .iter()
        .filter_map(|component| {
            let mut next = (*component).clone();
            change(&mut next);
            (next != **component).then(|| Edit::UpdateComponent(Box::new(next)))
        })
        .collect();
    (!edits.is_empty()).then(|| Edit::batch(edits))
}

/// The inspector for several selected components: layer, zone, owner,
/// exposure and kind, set for all of them at once as one undo step. A field
/// on which they differ reads "(mixed)" until it is set.
pub fn multi_component_ui(
    ui: &mut Ui,
    project: &Project,
    ids: &[ComponentId],
    state: &mut InspectorState,
) -> Option<(Edit, String)> {
    let components: Vec<&Component> = ids.iter().filter_map(|id| project.component(*id)).collect();
    let count = components.len();
    let base = Id::new(("inspector-multi", ids));
    let mut result: Option<(Option<Edit>, String)> = None;
    ui.heading(format!("{count} components selected"));
    ui.weak("Set a field for all of them at once (one undo step). Drag to move them together; Delete removes them.");
    ui.add_space(6.0);
    let mixed = |text: Option<String>| text.unwrap_or_else(|| "(mixed)".to_owned());
    grid(ui, base.with("grid"), |ui| {
        let layers: Vec<Option<Option<LayerId>>> = std::iter::once(Some(None))
            .chain(project.layers.iter().map(|l| Some(Some(l.id))))
            .collect();
        let layer_name = |l: Option<Option<LayerId>>| {
            mixed(l.map(|l| {
                l.and_then(|l| project.layer(l))
                    .map_or_else(|| "Unassigned".to_owned(), |l| name_or_unnamed(&l.name))
            }))
        };
        if let Some(Some(layer)) = combo_row(
            ui,
            base.with("layer"),
            "Layer",
            common(&components, |c| c.layer),
            &layers,
            layer_name,
        ) {
            result = Some((
                change_all(&components, |c| c.layer = layer),
                format!("Move {count} components to a layer"),
            ));
        }
        let zones = common(&components, |c| c.zones.clone());
        let current = zones.as_deref().unwrap_or_default();
        if let Some(zones) = zones_row(ui, base.with("zones"), project, current, zones.is_none()) {
            result = Some((
                change_all(&components, |c| c.zones = zones.clone()),
                format!("Set the zones of {count} components"),
            ));
        }
        let owner = common(&components, |c| c.owner.clone());
        let field = Field::line("Owner").hint(if owner.is_some() { "" } else { "(mixed)" });
        if let Some(v) = text_row(
            ui,
            &mut state.drafts,
            base.with("owner"),
            owner.as_deref().unwrap_or(""),
            field,
        ) {
            let v = v.trim().to_owned();
            result = Some((
                change_all(&components, |c| c.owner = v.clone()),
                format!("Set the owner of {count} components"),
            ));
        }
        let exposures: Vec<Option<Exposure>> = Exposure::ALL.iter().map(|e| Some(*e)).collect();
        let exposure = common(&components, |c| c.exposure);
        if let Some(Some(v)) = combo_row(ui, base.with("exposure"), "Exposure", exposure, &exposures, |e| {
            mixed(e.map(|e| e.label().to_owned()))
        }) {
            result = Some((
                change_all(&components, |c| c.exposure = v),
                format!("Set the exposure of {count} components"),
            ));
        }
        let kinds: Vec<Option<ComponentKind>> = ComponentKind::ALL.iter().map(|k| Some(*k)).collect();
        let kind = common(&components, |c| c.kind);
        if let Some(Some(v)) = combo_row(ui, base.with("kind"), "Kind", kind, &kinds, |k| {
            mixed(k.map(|k| k.label().to_owned()))
        }) {
            result = Some((
                change_all(&components, |c| c.kind = v),
                format!("Change the kind of {count} components"),
            ));
        }
    });
    let (edit, label) = result?;
    Some((edit?, label))
}

/// The "Zones" row: the zone tree with a checkbox per zone, so a component
/// can run in several (the AZs of a VPC). A zone holding a chosen zone is
/// shown but not offered: the inner choice already says it. Returns the new
/// list, normalised, when it changes. `mixed`: several components whose
/// zones differ (the list offered then starts empty).
fn zones_row(ui: &mut Ui, id: Id, project: &Project, current: &[ZoneId], mixed: bool) -> Option<Vec<ZoneId>> {
    let shown = ui.label("Zones").id;
    let summary = if mixed {
        "(mixed)".to_owned()
    } else if current.is_empty() {
        "None".to_owned()
    } else {
        current
            .iter()
            .map(|z| {
                project
                    .zone(*z)
                    .map_or_else(|| z.to_string(), |z| name_or_unnamed(&z.name))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(summary)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if project.zones.is_empty() {
                ui.weak("No zones yet: group components with Ctrl+G or add one in the explorer.");
            }
            for (zone_id, depth) in project.zone_tree() {
                let Some(zone) = project.zone(zone_id) else { continue };
                let holds_chosen = current.iter().any(|c| project.zone_is_inside(*c, zone_id));
                let mut on = current.contains(&zone_id) || holds_chosen;
                ui.horizontal(|ui| {
                    ui.add_space(16.0 * depth as f32);
                    let text = format!("{} ({})", name_or_unnamed(&zone.name), zone.kind.label());
                    let toggle = ui.add_enabled(!holds_chosen, egui::Checkbox::new(&mut on, text));
                    let toggle =
                        toggle.on_disabled_hover_text("Holds a chosen zone, so the component is in it already");
                    if toggle.changed() {
                        let mut next: Vec<ZoneId> = current.iter().copied().filter(|z| *z != zone_id).collect();
                        if on {
                            next.push(zone_id);
                        }
                        chosen = Some(project.normalized_zones(&next));
                    }
                });
            }
        })
        .response;
    label_widget(ui, &response, "Zones", Some(shown));
    ui.end_row();
    chosen
}

/// One monthly cost: a single field while low equals high, "+ range" to
/// split it into low and high. Returns the new value when it changes.
fn cost_row(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: Id,
    what: &str,
    value: Option<CostRange>,
    currency: &str,
) -> Option<Option<CostRange>> {
    let shown = ui.label(what).id;
    let split_id = id.with("split");
    let split = value.is_some_and(|r| !r.is_single()) || ui.data(|d| d.get_temp::<bool>(split_id).unwrap_or(false));
    let mut changed = None;
    ui.horizontal(|ui| {
        if split {
            let range = value.unwrap_or_default();
            let low_label = format!("{what} low");
            let high_label = format!("{what} high");
            if let Some(low) = parsed_cell(
                ui,
                drafts,
                id.with("low"),
                &amount_text(value.map(|r| r.low)),
                Field::line(&low_label).width(70.0),
                Some(shown),
                |text| range_end(text, None, Some(range.high)),
            ) {
                changed = Some(Some(CostRange {
                    low,
                    high: range.high.max(low),
                }));
            }
            ui.label("–");
            if let Some(high) = parsed_cell(
                ui,
                drafts,
                id.with("high"),
                &amount_text(value.map(|r| r.high)),
                Field::line(&high_label).width(70.0),
                Some(shown),
                |text| range_end(text, Some(range.low), None),
            ) {
                changed = Some(Some(CostRange {
                    low: range.low.min(high),
                    high,
                }));
            }
        } else if let Some(v) = parsed_cell(
            ui,
            drafts,
            id,
            &amount_text(value.map(|r| r.low)),
            Field::line(what).width(100.0),
            Some(shown),
            parse_amount,
        ) {
            changed = Some(v.map(CostRange::exactly));
        }
        ui.weak(currency);
        if !split
            && ui
                .small_button("+ range")
                .on_hover_text("Give a low and a high estimate")
                .clicked()
        {
            ui.data_mut(|d| d.insert_temp(split_id, true));
        }
    });
    ui.end_row();
    changed
}

/// One end of a cost range: an amount that keeps low at or below high.
fn range_end(text: &str, at_least: Option<f64>, at_most: Option<f64>) -> Result<f64, String> {
    let amount = parse_amount(text)?.ok_or_else(|| "give an amount (e.g. 250)".to_owned())?;
    if let Some(low) = at_least.filter(|low| amount < *low) {
        return Err(format!(
            "the high end must be at least the low end ({})",
            amount_text(Some(low))
        ));
    }
    if let Some(high) = at_most.filter(|high| amount > *high) {
        return Err(format!(
            "the low end must be at most the high end ({})",
            amount_text(Some(high))
        ));
    }
    Ok(amount)
}

fn missing_ui(ui: &mut Ui, text: &str) {
    ui.weak(text);
}

fn component_ui(
    ui: &mut Ui,
    project: &Project,
    component: &Component,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    let base = Id::new(("inspector-component", component.id));
    let drafts = &mut state.drafts;
    let mut next = component.clone();
    let mut label: Option<&str> = None;
    let title = name_or_unnamed(&component.name);
    ui.heading(&title);
    ui.weak(component.kind.label());

    grid(ui, base.with("identity"), |ui| {
        if let Some(v) = text_row(ui, drafts, base.with("name"), &component.name, Field::line("Name")) {
            if v.trim().is_empty() {
                // A component needs a name; the edit would be refused.
            } else {
                next.name = v;
                label = Some("Rename component");
            }
        }
        if let Some(v) = combo_row(
            ui,
            base.with("kind"),
            "Kind",
            component.kind,
            &ComponentKind::ALL,
            |k| k.label().to_owned(),
        ) {
            next.kind = v;
            label = Some("Change kind");
        }
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("technology"),
            &component.technology,
            Field::line("Technology").hint("e.g. PostgreSQL 16 on RDS"),
        ) {
            next.technology = v;
            label = Some("Edit technology");
        }
        let layers: Vec<Option<LayerId>> = std::iter::once(None)
            .chain(project.layers.iter().map(|l| Some(l.id)))
            .collect();
        if let Some(v) = combo_row(ui, base.with("layer"), "Layer", component.layer, &layers, |l| {
            l.and_then(|l| project.layer(l))
                .map_or_else(|| "Unassigned".to_owned(), |l| name_or_unnamed(&l.name))
        }) {
            next.layer = v;
            label = Some("Move to layer");
        }
        if let Some(v) = zones_row(ui, base.with("zones"), project, &component.zones, false) {
            next.zones = v;
            label = Some("Change zones");
        }
        if let Some(v) = text_row(ui, drafts, base.with("owner"), &component.owner, Field::line("Owner")) {
            next.owner = v;
            label = Some("Edit owner");
        }
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("description"),
            &component.description,
            Field::multi("Description"),
        ) {
            next.description = v;
            label = Some("Edit description");
        }
    });

    egui::CollapsingHeader::new("Responsibilities")
        .default_open(true)
        .id_salt(base.with("resp-h"))
        .show(ui, |ui| {
            let r = &component.responsibilities;
            for (what, items, key) in [
                ("Manages", &r.manages, "manages"),
                ("Provides", &r.provides, "provides"),
                ("Exposes", &r.exposes, "exposes"),
            ] {
                ui.label(egui::RichText::new(what).strong());
                if let Some(list) = string_list(ui, drafts, base.with(key), what, items) {
                    match key {
                        "manages" => next.responsibilities.manages = list,
                        "provides" => next.responsibilities.provides = list,
                        _ => next.responsibilities.exposes = list,
                    }
                    label = Some("Edit responsibilities");
                }
            }
        });

    egui::CollapsingHeader::new("Infrastructure code")
        .default_open(!component.iac_addresses.is_empty())
        .id_salt(base.with("iac-h"))
        .show(ui, |ui| {
            ui.weak("Terraform resource addresses (module.db.aws_db_instance.primary) or another tool's identifiers");
            if let Some(list) = string_list(ui, drafts, base.with("iac"), "Address", &component.iac_addresses) {
                next.iac_addresses = list;
                label = Some("Edit infrastructure code addresses");
            }
        });

    egui::CollapsingHeader::new("Lifecycle and scaling")
        .default_open(true)
        .id_salt(base.with("life-h"))
        .show(ui, |ui| {
            grid(ui, base.with("life"), |ui| {
                let lc = &component.lifecycle;
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("provisioner"),
                    &lc.provisioner,
                    Field::line("Provisioner").hint(field_hint(component, AskedField::Provisioner)),
                ) {
                    next.lifecycle.provisioner = v;
                    label = Some("Edit lifecycle");
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("update"),
                    &lc.update_strategy,
                    Field::line("Update strategy").hint("e.g. rolling"),
                ) {
                    next.lifecycle.update_strategy = v;
                    label = Some("Edit lifecycle");
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("destruction"),
                    &lc.destruction,
                    Field::line("Destruction").hint("e.g. snapshot, then delete"),
                ) {
                    next.lifecycle.destruction = v;
                    label = Some("Edit lifecycle");
                }
                let s = &component.scaling;
                if let Some(v) = combo_row(
                    ui,
                    base.with("strategy"),
                    "Scaling",
                    s.strategy,
                    &ScalingStrategy::ALL,
                    |s| s.label().to_owned(),
                ) {
                    next.scaling.strategy = v;
                    label = Some("Change scaling strategy");
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("trigger"),
                    &s.trigger,
                    Field::line("Scaling trigger").hint(field_hint(component, AskedField::ScalingTrigger)),
                ) {
                    next.scaling.trigger = v;
                    label = Some("Edit scaling trigger");
                }
                for (what, value, key) in [("Minimum", s.min, "min"), ("Maximum", s.max, "max")] {
                    let shown = ui.label(what).id;
                    if let Some(v) = parsed_cell(
                        ui,
                        drafts,
                        base.with(key),
                        &value.map_or_else(String::new, |v| v.to_string()),
                        Field::line(what).width(80.0),
                        Some(shown),
                        parse_count,
                    ) {
                        if key == "min" {
                            next.scaling.min = v;
                        } else {
                            next.scaling.max = v;
                        }
                        label = Some("Edit scaling range");
                    }
                    ui.end_row();
                }
            });
        });

    egui::CollapsingHeader::new("Security and backup")
        .default_open(true)
        .id_salt(base.with("sec-h"))
        .show(ui, |ui| {
            grid(ui, base.with("sec"), |ui| {
                if let Some(v) = combo_row(
                    ui,
                    base.with("exposure"),
                    "Exposure",
                    component.exposure,
                    &Exposure::ALL,
                    |e| e.label().to_owned(),
                ) {
                    next.exposure = v;
                    label = Some("Change exposure");
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("at-rest"),
                    &component.encryption.at_rest,
                    Field::line("Encryption at rest").hint(field_hint(component, AskedField::EncryptionAtRest)),
                ) {
                    next.encryption.at_rest = v;
                    label = Some("Edit encryption");
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("in-transit"),
                    &component.encryption.in_transit,
                    Field::line("Encryption in transit").hint(field_hint(component, AskedField::EncryptionInTransit)),
                ) {
                    next.encryption.in_transit = v;
                    label = Some("Edit encryption");
                }
                ui.label("Backup");
                if let Some(on) = check(ui, "Backed up", component.backup.is_some()) {
                    next.backup = on.then(Backup::default);
                    label = Some(if on { "Add backup" } else { "Remove backup" });
                }
                ui.end_row();
                if let Some(backup) = &component.backup {
                    for (what, value, key, asked) in [
                        (
                            "Backup frequency",
                            &backup.frequency,
                            "b-freq",
                            AskedField::BackupFrequency,
                        ),
                        (
                            "Backup retention",
                            &backup.retention,
                            "b-ret",
                            AskedField::BackupRetention,
                        ),
                        ("Backup location", &backup.location, "b-loc", AskedField::BackupLocation),
                    ] {
                        let field = Field::line(what).hint(field_hint(component, asked));
                        if let Some(v) = text_row(ui, drafts, base.with(key), value, field) {
                            let mut b = backup.clone();
                            match key {
                                "b-freq" => b.frequency = v,
                                "b-ret" => b.retention = v,
                                _ => b.location = v,
                            }
                            next.backup = Some(b);
                            label = Some("Edit backup");
                        }
                    }
                }
            });
        });

    egui::CollapsingHeader::new("Cost and notes")
        .default_open(true)
        .id_salt(base.with("cost-h"))
        .show(ui, |ui| {
            let currency = if project.cost.currency.trim().is_empty() {
                "(no currency set)".to_owned()
            } else {
                project.cost.currency.clone()
            };
            ui.weak(format!("Monthly, in {currency} (set once per project under Cost)"));
            grid(ui, base.with("cost"), |ui| {
                for (what, value, key) in [
                    ("Current cost", component.cost.current, "c-cur"),
                    ("Proposed cost", component.cost.proposed, "c-prop"),
                ] {
                    if let Some(v) = cost_row(ui, drafts, base.with(key), what, value, &currency) {
                        if key == "c-cur" {
                            next.cost.current = v;
                        } else {
                            next.cost.proposed = v;
                        }
                        label = Some("Edit cost");
                    }
                }
                if let Some(v) = text_row(
                    ui,
                    drafts,
                    base.with("c-note"),
                    &component.cost.note,
                    Field::line("Cost note"),
                ) {
                    next.cost.note = v;
                    label = Some("Edit cost");
                }
                if let Some(v) = text_row(ui, drafts, base.with("notes"), &component.notes, Field::multi("Notes")) {
                    next.notes = v;
                    label = Some("Edit notes");
                }
            });
        });

    if let Some(label) = label {
        edits.push((Edit::UpdateComponent(Box::new(next)), format!("{label}: {title}")));
    }

    egui::CollapsingHeader::new("Dependencies")
        .default_open(true)
        .id_salt(base.with("deps-h"))
        .show(ui, |ui| {
            dependencies_of_ui(ui, project, component, state, edits);
        });
    egui::CollapsingHeader::new("Decisions")
        .default_open(true)
        .id_salt(base.with("dec-h"))
        .show(ui, |ui| {
            linked_decisions_ui(ui, project, component, state, edits);
        });
}

/// A dependency's editable facts in one compact block.
fn dependency_fields_ui(
    ui: &mut Ui,
    drafts: &mut Drafts,
    dependency: &Dependency,
    title: &str,
    edits: &mut Vec<(Edit, String)>,
) {
    let base = Id::new(("inspector-dependency-row", dependency.id));
    let mut next = dependency.clone();
    let mut label = None;
    // Two fixed rows rather than one wrapped row: a narrow panel must not
    // be widened by them, and the list's block height stays known.
    ui.horizontal(|ui| {
        let protocol_width = 100.0_f32.min(ui.available_width() * 0.4);
        // A text field draws its frame outside its desired width.
        let frame = 2.0 * ui.spacing().button_padding.x;
        let label_width = (ui.available_width() - protocol_width - ui.spacing().item_spacing.x - 2.0 * frame).max(60.0);
        if let Some(v) = text_cell(
            ui,
            drafts,
            base.with("label"),
            &dependency.label,
            Field::line(&format!("Label of {title}"))
                .hint("label")
                .width(label_width),
            None,
        ) {
            next.label = v;
            label = Some("Edit dependency label");
        }
        if let Some(v) = text_cell(
            ui,
            drafts,
            base.with("protocol"),
            &dependency.protocol,
            Field::line(&format!("Protocol of {title}"))
                .hint("protocol")
                .width(protocol_width),
            None,
        ) {
            next.protocol = v;
            label = Some("Edit dependency protocol");
        }
    });
    ui.horizontal(|ui| {
        if let Some(v) = combo(
            ui,
            base.with("kind"),
            &format!("Kind of {title}"),
            None,
            dependency.kind,
            &DependencyKind::ALL,
            |k| k.label().to_owned(),
        ) {
            next.kind = v;
            label = Some("Change dependency kind");
        }
        if let Some(v) = combo(
            ui,
            base.with("crit"),
            &format!("Criticality of {title}"),
            None,
            dependency.criticality,
            &Criticality::ALL,
            |c| c.label().to_owned(),
        ) {
            next.criticality = v;
            label = Some("Change dependency criticality");
        }
        if button(ui, "−", &format!("Remove {title}")) {
            edits.push((
                Edit::RemoveDependency(dependency.id),
                format!("Remove dependency {title}"),
            ));
        }
    });
    if let Some(label) = label {
        edits.push((Edit::UpdateDependency(Box::new(next)), format!("{label}: {title}")));
    }
}

/// Height of one dependency block (its title and up to two lines of
/// fields), so long lists can be virtualised.
const DEPENDENCY_BLOCK: f32 = 3.0 * 24.0;

/// A component's dependencies one way; a long list (a shared database used
/// by hundreds of services) scrolls in its own virtualised area.
fn dependency_list_ui(
    ui: &mut Ui,
    drafts: &mut Drafts,
    project: &Project,
    list: &[&Dependency],
    outgoing: bool,
    edits: &mut Vec<(Edit, String)>,
) {
    if list.is_empty() {
        ui.weak("Nothing yet.");
        return;
    }
    let mut block = |ui: &mut Ui, dependency: &Dependency| {
        ui.vertical(|ui| {
            ui.set_min_height(DEPENDENCY_BLOCK);
            let title = if outgoing {
                format!("to {}", component_name(project, dependency.to))
            } else {
                format!("from {}", component_name(project, dependency.from))
            };
            ui.label(&title);
            dependency_fields_ui(ui, drafts, dependency, &title, edits);
        });
    };
    if list.len() <= 12 {
        for dependency in list {
            block(ui, dependency);
        }
    } else {
        ui.weak(format!("{} dependencies", list.len()));
        egui::ScrollArea::vertical()
            .id_salt(("dependency-list", outgoing))
            .max_height(DEPENDENCY_BLOCK * 8.0)
            .auto_shrink([false, true])
            .show_rows(ui, DEPENDENCY_BLOCK, list.len(), |ui, range| {
                for dependency in &list[range] {
                    block(ui, dependency);
                }
            });
    }
}

fn dependencies_of_ui(
    ui: &mut Ui,
    project: &Project,
    component: &Component,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    let id = component.id;
    ui.label(egui::RichText::new("Depends on").strong());
    let outgoing: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.from == id).collect();
    dependency_list_ui(ui, &mut state.drafts, project, &outgoing, true, edits);
    let others = project
        .components
        .iter()
        .filter(|c| c.id != id)
        .map(|c| (c.id, name_or_unnamed(&c.name)));
    if let Some(to) = picker(
        ui,
        &mut state.pickers,
        Id::new(("add-dependency", id)),
        "Add dependency to",
        "Add dependency to…",
        others,
    ) {
        let dependency = project.new_dependency(id, to);
        edits.push((
            Edit::InsertDependency {
                index: project.dependencies.len(),
                dependency: Box::new(dependency),
            },
            format!("Add dependency to {}", component_name(project, to)),
        ));
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new("Used by").strong());
    let incoming: Vec<&Dependency> = project.dependencies.iter().filter(|d| d.to == id).collect();
    dependency_list_ui(ui, &mut state.drafts, project, &incoming, false, edits);
}

fn linked_decisions_ui(
    ui: &mut Ui,
    project: &Project,
    component: &Component,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    let id = component.id;
    let mut any = false;
    for decision in project.decisions.iter().filter(|d| d.components.contains(&id)) {
        any = true;
        ui.horizontal(|ui| {
            let name = decision_name(decision);
            if ui.link(&name).clicked() {
                state.requested = Some(Selection::Decision(decision.id));
            }
            if button(ui, "Unlink", &format!("Unlink {name}")) {
                let mut next = decision.clone();
                next.components.retain(|c| *c != id);
                edits.push((
                    Edit::UpdateDecision(Box::new(next)),
                    format!("Unlink ADR-{:04} from {}", decision.number, component.name),
                ));
            }
        });
    }
    if !any {
        ui.weak("No decisions concern this component yet.");
    }
    ui.horizontal(|ui| {
        let candidates = project
            .decisions
            .iter()
            .filter(|d| !d.components.contains(&id))
            .map(|d| (d.id, decision_name(d)));
        if let Some(chosen) = picker(
            ui,
            &mut state.pickers,
            Id::new(("link-decision", id)),
            "Link decision",
            "Link decision…",
            candidates,
        ) && let Some(decision) = project.decision(chosen)
        {
            let mut next = decision.clone();
            next.components.push(id);
            edits.push((
                Edit::UpdateDecision(Box::new(next)),
                format!("Link ADR-{:04} to {}", decision.number, component.name),
            ));
        }
        if ui.button("New decision from here").clicked() {
            let decision = new_decision(
                project,
                vec![id],
                &format!("Decide about {}", name_or_unnamed(&component.name)),
            );
            state.requested = Some(Selection::Decision(decision.id));
            edits.push((
                Edit::InsertDecision {
                    index: project.decisions.len(),
                    decision: Box::new(decision),
                },
                format!("New decision about {}", component.name),
            ));
        }
    });
}

/// "Add component" as a menu of the common kinds (then all others), each
/// a template with sensible defaults ([`crate::templates::component_template`]).
/// Returns the insert edit, its undo label and the new component's id (for
/// the app to select it).
pub fn add_component_menu_ui(ui: &mut Ui, project: &Project) -> Option<(Edit, String, ComponentId)> {
    let mut chosen = None;
    ui.menu_button("Add component", |ui| {
        for kind in crate::templates::COMMON_KINDS {
            if ui.button(kind.label()).clicked() {
                chosen = Some(kind);
            }
        }
        ui.menu_button("Other kinds", |ui| {
            for kind in ComponentKind::ALL
                .into_iter()
                .filter(|k| !crate::templates::COMMON_KINDS.contains(k))
            {
                if ui.button(kind.label()).clicked() {
                    chosen = Some(kind);
                }
            }
        });
    });
    let kind = chosen?;
    let component = crate::templates::new_component(project, kind);
    let id = component.id;
    let label = format!("Add {}", component.name);
    Some((
        Edit::InsertComponent {
            index: project.components.len(),
            component: Box::new(component),
        },
        label,
        id,
    ))
}

/// A fresh proposed decision with the next free id and number.
pub(crate) fn decision_editor_base(id: DecisionId) -> Id {
    Id::new(("decision-editor", id))
}

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

fn dependency_ui(
    ui: &mut Ui,
    project: &Project,
    dependency: &Dependency,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    let base = Id::new(("inspector-dependency", dependency.id));
    let title = format!(
        "{} ⏵ {}",
        component_name(project, dependency.from),
        component_name(project, dependency.to)
    );
    ui.heading(&title);
    let mut next = dependency.clone();
    let mut label = None;
    let drafts = &mut state.drafts;
    grid(ui, base.with("grid"), |ui| {
        for (what, current, is_from) in [("From", dependency.from, true), ("To", dependency.to, false)] {
            ui.label(what);
            let items = project
                .components
                .iter()
                .filter(|c| c.id != dependency.from && c.id != dependency.to)
                .map(|c| (c.id, name_or_unnamed(&c.name)));
            if let Some(v) = picker(
                ui,
                &mut state.pickers,
                base.with(what),
                what,
                &component_name(project, current),
                items,
            ) {
                if is_from {
                    next.from = v;
                } else {
                    next.to = v;
                }
                label = Some("Reconnect dependency");
            }
            ui.end_row();
        }
        if let Some(v) = text_row(ui, drafts, base.with("label"), &dependency.label, Field::line("Label")) {
            next.label = v;
            label = Some("Edit dependency label");
        }
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("protocol"),
            &dependency.protocol,
            Field::line("Protocol").hint("e.g. HTTPS 443"),
        ) {
            next.protocol = v;
            label = Some("Edit dependency protocol");
        }
        if let Some(v) = combo_row(
            ui,
            base.with("kind"),
            "Kind",
            dependency.kind,
            &DependencyKind::ALL,
            |k| k.label().to_owned(),
        ) {
            next.kind = v;
            label = Some("Change dependency kind");
        }
        if let Some(v) = combo_row(
            ui,
            base.with("crit"),
            "Criticality",
            dependency.criticality,
            &Criticality::ALL,
            |c| c.label().to_owned(),
        ) {
            next.criticality = v;
            label = Some("Change dependency criticality");
        }
        if let Some(v) = text_row(ui, drafts, base.with("notes"), &dependency.notes, Field::multi("Notes")) {
            next.notes = v;
            label = Some("Edit dependency notes");
        }
    });
    if let Some(label) = label {
        edits.push((Edit::UpdateDependency(Box::new(next)), format!("{label}: {title}")));
    }
    if ui.button("Remove dependency").clicked() {
        edits.push((
            Edit::RemoveDependency(dependency.id),
            format!("Remove dependency {title}"),
        ));
    }
}

/// Zones that may become `zone`'s parent: every zone except itself and its
/// descendants (which would make a cycle).
fn parent_candidates(project: &Project, zone: ZoneId) -> Vec<Option<ZoneId>> {
    let mut excluded = vec![zone];
    loop {
        let before = excluded.len();
        for z in &project.zones {
            if let Some(parent) = z.parent
                && excluded.contains(&parent)
                && !excluded.contains(&z.id)
            {
                excluded.push(z.id);
            }
        }
        if excluded.len() == before {
            break;
        }
    }
    std::iter::once(None)
        .chain(
            project
                .zones
                .iter()
                .filter(|z| !excluded.contains(&z.id))
                .map(|z| Some(z.id)),
        )
        .collect()
}

fn zone_base(id: ZoneId) -> Id {
    Id::new(("inspector-zone", id))
}

fn zone_ui(ui: &mut Ui, project: &Project, zone: &Zone, state: &mut InspectorState, edits: &mut Vec<(Edit, String)>) {
    let base = zone_base(zone.id);
    let title = name_or_unnamed(&zone.name);
    ui.heading(&title);
    let mut next = zone.clone();
    let mut label = None;
    let drafts = &mut state.drafts;
    grid(ui, base.with("grid"), |ui| {
        if let Some(v) = text_row(ui, drafts, base.with("name"), &zone.name, Field::line("Name"))
            && !v.trim().is_empty()
        {
            next.name = v;
            label = Some("Rename zone");
        }
        if let Some(v) = combo_row(ui, base.with("kind"), "Kind", zone.kind, &ZoneKind::ALL, |k| {
            k.label().to_owned()
        }) {
            next.kind = v;
            label = Some("Change zone kind");
        }
        let parents = parent_candidates(project, zone.id);
        if let Some(v) = combo_row(ui, base.with("parent"), "Inside", zone.parent, &parents, |p| {
            p.and_then(|p| project.zone(p))
                .map_or_else(|| "(top level)".to_owned(), |z| name_or_unnamed(&z.name))
        }) {
            next.parent = v;
            label = Some("Move zone");
        }
        ui.label("Reachability");
        if let Some(v) = check(ui, "Public (reachable from the internet)", zone.public) {
            next.public = v;
            label = Some("Change zone reachability");
        }
        ui.end_row();
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("desc"),
            &zone.description,
            Field::multi("Description"),
        ) {
            next.description = v;
            label = Some("Edit zone description");
        }
    });
    if let Some(label) = label {
        edits.push((Edit::UpdateZone(Box::new(next)), format!("{label}: {title}")));
    }
    let members = project.components.iter().filter(|c| c.zones.contains(&zone.id)).count();
    let children = project.zones.iter().filter(|z| z.parent == Some(zone.id)).count();
    ui.weak(format!(
        "{members} component{} and {children} zone{} directly inside. An empty zone is not drawn on the canvas.",
        if members == 1 { "" } else { "s" },
        if children == 1 { "" } else { "s" },
    ));
    ui.horizontal(|ui| {
        if ui.button("Add zone inside").clicked() {
            let kind = crate::edit::suggested_child_kind(Some(zone.kind));
            let child = Zone {
                id: project.next_zone_id(),
                name: crate::edit::new_zone_name(project, kind),
                kind,
                parent: Some(zone.id),
                ..Zone::default()
            };
            state.requested = Some(Selection::Zone(child.id));
            state.drafts.focus_when_shown(zone_base(child.id).with("name"));
            edits.push((
                Edit::InsertZone {
                    index: project.zones.len(),
                    zone: Box::new(child),
                },
                format!("Add a zone inside {title}"),
            ));
        }
        if ui
            .button("Delete zone")
            .on_hover_text("Its components and zones move up to its parent")
            .clicked()
        {
            edits.push((Edit::RemoveZone(zone.id), format!("Delete zone {title}")));
        }
    });
}

fn layer_ui(
    ui: &mut Ui,
    project: &Project,
    layer: &Layer,
    state: &mut InspectorState,
    edits: &mut Vec<(Edit, String)>,
) {
    let base = Id::new(("inspector-layer", layer.id));
    let title = name_or_unnamed(&layer.name);
    ui.heading(&title);
    let mut next = layer.clone();
    let mut label = None;
    let drafts = &mut state.drafts;
    grid(ui, base.with("grid"), |ui| {
        if let Some(v) = text_row(ui, drafts, base.with("name"), &layer.name, Field::line("Name"))
            && !v.trim().is_empty()
        {
            next.name = v;
            label = Some("Rename layer");
        }
        if let Some(v) = combo_row(ui, base.with("kind"), "Kind", layer.kind, &LayerKind::ALL, |k| {
            k.label().to_owned()
        }) {
            next.kind = v;
            label = Some("Change layer kind");
        }
        for (what, value, key) in [
            ("Description", &layer.description, "desc"),
            ("Isolation", &layer.isolation, "iso"),
            ("Security", &layer.security, "sec"),
            ("Scaling", &layer.scaling, "scale"),
        ] {
            if let Some(v) = text_row(ui, drafts, base.with(key), value, Field::multi(what)) {
                match key {
                    "desc" => next.description = v,
                    "iso" => next.isolation = v,
                    "sec" => next.security = v,
                    _ => next.scaling = v,
                }
                label = Some("Edit layer");
            }
        }
    });
    if let Some(label) = label {
        edits.push((Edit::UpdateLayer(Box::new(next)), format!("{label}: {title}")));
    }
    let index = project.layers.iter().position(|l| l.id == layer.id).unwrap_or(0);
    let members = project.components.iter().filter(|c| c.layer == Some(layer.id)).count();
    ui.weak(format!(
        "Band {} of {} · {members} component{}",
        index + 1,
        project.layers.len(),
        if members == 1 { "" } else { "s" }
    ));
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(index > 0, egui::Button::new("Move band up")).clicked() {
            edits.push((
                Edit::MoveLayer {
                    id: layer.id,
                    to_index: index - 1,
                },
                format!("Move layer {title} up"),
            ));
        }
        if ui
            .add_enabled(index + 1 < project.layers.len(), egui::Button::new("Move band down"))
            .clicked()
        {
            edits.push((
                Edit::MoveLayer {
                    id: layer.id,
                    to_index: index + 1,
                },
                format!("Move layer {title} down"),
            ));
        }
        if ui.button("Add layer below").clicked() {
            let added = Layer {
                id: project.next_layer_id(),
                name: "New layer".to_owned(),
                kind: layer.kind,
                ..Layer::default()
            };
            state.requested = Some(Selection::Layer(added.id));
            state
                .drafts
                .focus_when_shown(Id::new(("inspector-layer", added.id)).with("name"));
            edits.push((
                Edit::InsertLayer {
                    index: index + 1,
                    layer: Box::new(added),
                },
                format!("Add a layer below {title}"),
            ));
        }
        if ui
            .button("Delete layer")
            .on_hover_text("Its components become unassigned")
            .clicked()
        {
            edits.push((Edit::RemoveLayer(layer.id), format!("Delete layer {title}")));
        }
    });
}

/// Every field of a decision, options as a pros / cons table. Shared by the
/// inspector and the documents view. Returns one update when something was
/// committed.
pub(crate) fn decision_editor_ui(
    ui: &mut Ui,
    project: &Project,
    decision: &Decision,
    drafts: &mut Drafts,
    pickers: &mut Pickers,
) -> Option<(Edit, String)> {
    let base = decision_editor_base(decision.id);
    let mut next = decision.clone();
    let mut label: Option<&str> = None;
    grid(ui, base.with("grid"), |ui| {
        if let Some(v) = text_row(ui, drafts, base.with("title"), &decision.title, Field::line("Title")) {
            next.title = v;
            label = Some("Edit decision title");
        }
        let shown = ui.label("Number").id;
        if let Some(v) = parsed_cell(
            ui,
            drafts,
            base.with("number"),
            &decision.number.to_string(),
            Field::line("Number").width(60.0),
            Some(shown),
            |text| {
                let n: u32 = text.trim().parse().map_err(|_| "not a whole number".to_owned())?;
                if project.decisions.iter().any(|d| d.number == n && d.id != decision.id) {
                    Err(format!("ADR-{n:04} is already taken"))
                } else {
                    Ok(n)
                }
            },
        ) {
            next.number = v;
            label = Some("Renumber decision");
        }
        ui.end_row();
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
        if let Some(v) = combo_row(
            ui,
            base.with("status"),
            "Status",
            decision.status,
            &statuses,
            |s| match s {
                DecisionStatus::Superseded { by } => format!(
                    "Superseded by {}",
                    project
                        .decision(by)
                        .map_or_else(|| by.to_string(), |d| format!("ADR-{:04}", d.number))
                ),
                other => other.label().to_owned(),
            },
        ) {
            next.status = v;
            label = Some("Change decision status");
        }
        let shown = ui.label("Date").id;
        if let Some(v) = parsed_cell(
            ui,
            drafts,
            base.with("date"),
            &decision.date,
            Field::line("Date").hint("YYYY-MM-DD").width(100.0),
            Some(shown),
            parse_date,
        ) {
            next.date = v;
            label = Some("Edit decision date");
        }
        ui.end_row();
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("context"),
            &decision.context,
            Field::multi("Context"),
        ) {
            next.context = v;
            label = Some("Edit decision context");
        }
    });
    ui.label(egui::RichText::new("Deciders").strong());
    if let Some(v) = string_list(ui, drafts, base.with("deciders"), "Decider", &decision.deciders) {
        next.deciders = v;
        label = Some("Edit deciders");
    }
    ui.label(egui::RichText::new("Drivers").strong());
    if let Some(v) = string_list(ui, drafts, base.with("drivers"), "Driver", &decision.drivers) {
        next.drivers = v;
        label = Some("Edit decision drivers");
    }

    ui.separator();
    ui.label(egui::RichText::new("Options").strong());
    let len = decision.options.len();
    // Reordering and removal are applied after the fields, so an index
    // never points past the end of the list.
    let mut option_action = None;
    for (index, option) in decision.options.iter().enumerate() {
        let oid = base.with(("option", option.id));
        let n = index + 1;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("Option {n}"));
                if let Some(v) = text_cell(
                    ui,
                    drafts,
                    oid.with("name"),
                    &option.name,
                    Field::line(&format!("Option {n} name")).width(220.0),
                    None,
                ) {
                    if let Some(o) = next.options.get_mut(index) {
                        o.name = v;
                    }
                    label = Some("Rename option");
                }
                if let Some(action) = row_controls(ui, base.with("options"), "option", index, len) {
                    if let RowAction::Remove(_) = action
                        && decision.chosen == Some(option.id)
                    {
                        next.chosen = None;
                    }
                    option_action = Some(action);
                }
            });
            if let Some(v) = text_cell(
                ui,
                drafts,
                oid.with("desc"),
                &option.description,
                Field::multi(&format!("Option {n} description")).hint("What this option is"),
                None,
            ) {
                if let Some(o) = next.options.get_mut(index) {
                    o.description = v;
                }
                label = Some("Edit option");
            }
            ui.columns(2, |columns| {
                columns[0].label("Pros");
                if let Some(v) = string_list(
                    &mut columns[0],
                    drafts,
                    oid.with("pros"),
                    &format!("Option {n} pro"),
                    &option.pros,
                ) {
                    if let Some(o) = next.options.get_mut(index) {
                        o.pros = v;
                    }
                    label = Some("Edit pros");
                }
                columns[1].label("Cons");
                if let Some(v) = string_list(
                    &mut columns[1],
                    drafts,
                    oid.with("cons"),
                    &format!("Option {n} con"),
                    &option.cons,
                ) {
                    if let Some(o) = next.options.get_mut(index) {
                        o.cons = v;
                    }
                    label = Some("Edit cons");
                }
            });
            if let Some(v) = text_cell(
                ui,
                drafts,
                oid.with("cost"),
                &option.cost_note,
                Field::line(&format!("Option {n} cost note")).hint("Cost note"),
                None,
            ) {
                if let Some(o) = next.options.get_mut(index) {
                    o.cost_note = v;
                }
                label = Some("Edit option");
            }
        });
    }
    if let Some(action) = option_action {
        apply_row_action(&mut next.options, action);
        label = Some("Edit options");
    }
    if button(ui, "+ Option", "Add option") {
        let id = OptionId(decision.options.iter().map(|o| o.id.0).max().map_or(1, |m| m + 1));
        next.options.push(DecisionOption {
            id,
            name: format!("Option {}", len + 1),
            ..DecisionOption::default()
        });
        drafts.focus_when_shown(base.with(("option", id)).with("name"));
        label = Some("Add option");
    }
    grid(ui, base.with("outcome"), |ui| {
        let choices: Vec<Option<OptionId>> = std::iter::once(None)
            .chain(decision.options.iter().map(|o| Some(o.id)))
            .collect();
        if let Some(v) = combo_row(
            ui,
            base.with("chosen"),
            "Chosen option",
            decision.chosen,
            &choices,
            |c| {
                c.and_then(|c| decision.option(c))
                    .map_or_else(|| "(not decided)".to_owned(), |o| name_or_unnamed(&o.name))
            },
        ) {
            next.chosen = v;
            label = Some("Choose option");
        }
        if let Some(v) = text_row(
            ui,
            drafts,
            base.with("rationale"),
            &decision.rationale,
            Field::multi("Rationale"),
        ) {
            next.rationale = v;
            label = Some("Edit rationale");
        }
    });
    ui.label(egui::RichText::new("Consequences").strong());
    if let Some(v) = string_list(
        ui,
        drafts,
        base.with("consequences"),
        "Consequence",
        &decision.consequences,
    ) {
        next.consequences = v;
        label = Some("Edit consequences");
    }
    ui.label(egui::RichText::new("Concerns components").strong());
    let mut unlink = None;
    for &component in &decision.components {
        ui.horizontal(|ui| {
            let name = component_name(project, component);
            ui.label(&name);
            if button(ui, "−", &format!("Unlink {name}")) {
                unlink = Some(component);
            }
        });
    }
    if let Some(component) = unlink {
        next.components.retain(|c| *c != component);
        label = Some("Unlink component");
    }
    let candidates = project
        .components
        .iter()
        .filter(|c| !decision.components.contains(&c.id))
        .map(|c| (c.id, name_or_unnamed(&c.name)));
    if let Some(component) = picker(
        ui,
        pickers,
        base.with("link"),
        "Link component",
        "Link component…",
        candidates,
    ) {
        next.components.push(component);
        label = Some("Link component");
    }
    ui.label(egui::RichText::new("Review notes").strong());
    let notes_len = decision.review_notes.len();
    let mut note_action = None;
    for (index, note) in decision.review_notes.iter().enumerate() {
        let nid = base.with(("review", index));
        ui.horizontal(|ui| {
            if let Some(v) = parsed_cell(
                ui,
                drafts,
                nid.with("date"),
                &note.date,
                Field::line(&format!("Review note {} date", index + 1))
                    .hint("YYYY-MM-DD")
                    .width(90.0),
                None,
                parse_date,
            ) {
                if let Some(r) = next.review_notes.get_mut(index) {
                    r.date = v;
                }
                label = Some("Edit review note");
            }
            if let Some(v) = text_cell(
                ui,
                drafts,
                nid.with("att"),
                &note.attendees.join(", "),
                Field::line(&format!("Review note {} attendees", index + 1))
                    .hint("attendees, comma separated")
                    .width(160.0),
                None,
            ) {
                if let Some(r) = next.review_notes.get_mut(index) {
                    r.attendees = v
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                label = Some("Edit review note");
            }
            if let Some(action) = row_controls(ui, base.with("review-notes"), "review note", index, notes_len) {
                note_action = Some(action);
            }
        });
        if let Some(v) = text_cell(
            ui,
            drafts,
            nid.with("note"),
            &note.note,
            Field::multi(&format!("Review note {}", index + 1)),
            None,
        ) {
            if let Some(r) = next.review_notes.get_mut(index) {
                r.note = v;
            }
            label = Some("Edit review note");
        }
    }
    if let Some(action) = note_action {
        apply_row_action(&mut next.review_notes, action);
        label = Some("Edit review notes");
    }
    if button(ui, "+ Review note", "Add review note") {
        next.review_notes.push(ReviewNote {
            date: crate::today_iso(),
            ..ReviewNote::default()
        });
        label = Some("Add review note");
    }
    label.map(|label| {
        (
            Edit::UpdateDecision(Box::new(next)),
            format!("{label}: ADR-{:04}", decision.number),
        )
    })
}
