//! The inspector: every field of the selected component, dependency, zone,
//! layer or decision, edited through [`Edit`]s (one per field edit).

use egui::{Id, Ui};

use super::action::Action;
use super::decision_editor::{decision_editor_ui, new_decision};
use super::form::Form;
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
        self.drafts.focus_when_shown(zone_base(id).with("Name"));
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
    format!("{} {}", decision.adr_label(), decision.title)
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
    let mut form = Form::new(ui, &mut state.drafts, base);
    form.grid("grid", |form| {
        let layers: Vec<Option<Option<LayerId>>> = std::iter::once(Some(None))
            .chain(project.layers.iter().map(|l| Some(Some(l.id))))
            .collect();
        let layer_name = |l: Option<Option<LayerId>>| {
            mixed(l.map(|l| {
                l.and_then(|l| project.layer(l))
                    .map_or_else(|| "Unassigned".to_owned(), |l| name_or_unnamed(&l.name))
            }))
        };
        let mut layer = common(&components, |c| c.layer);
        if form.pick("Layer", &mut layer, &layers, layer_name)
            && let Some(layer) = layer
        {
            result = Some((
                change_all(&components, |c| c.layer = layer),
                format!("Move {count} components to a layer"),
            ));
        }
        let common_zones = common(&components, |c| c.zones.clone());
        let is_mixed = common_zones.is_none();
        let mut zones = common_zones.unwrap_or_default();
        if form.custom("zones", &mut zones, |ui, _, id, current| {
            zones_row(ui, id, project, current, is_mixed)
        }) {
            result = Some((
                change_all(&components, |c| c.zones = zones.clone()),
                format!("Set the zones of {count} components"),
            ));
        }
        let owner = common(&components, |c| c.owner.clone());
        let field = Field::line("Owner").hint(if owner.is_some() { "" } else { "(mixed)" });
        let mut owner = owner.unwrap_or_default();
        if form.text(field, &mut owner) {
            let owner = owner.trim().to_owned();
            result = Some((
                change_all(&components, |c| c.owner = owner.clone()),
                format!("Set the owner of {count} components"),
            ));
        }
        let exposures: Vec<Option<Exposure>> = Exposure::VARIANTS.iter().map(|e| Some(*e)).collect();
        let mut exposure = common(&components, |c| c.exposure);
        if form.pick("Exposure", &mut exposure, &exposures, |e| {
            mixed(e.map(|e| e.label().to_owned()))
        }) && let Some(v) = exposure
        {
            result = Some((
                change_all(&components, |c| c.exposure = v),
                format!("Set the exposure of {count} components"),
            ));
        }
        let kinds: Vec<Option<ComponentKind>> = ComponentKind::VARIANTS.iter().map(|k| Some(*k)).collect();
        let mut kind = common(&components, |c| c.kind);
        if form.pick("Kind", &mut kind, &kinds, |k| mixed(k.map(|k| k.label().to_owned())))
            && let Some(v) = kind
        {
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
    let mut next = component.clone();
    let title = name_or_unnamed(&component.name);
    ui.heading(&title);
    ui.weak(component.kind.label());
    let mut form = Form::new(ui, &mut state.drafts, base);
    component_identity(&mut form, project, &mut next);
    component_responsibilities(&mut form, &mut next);
    component_lifecycle(&mut form, component, &mut next);
    component_security(&mut form, component, &mut next);
    component_cost(&mut form, project, &mut next);
    if let Some(label) = form.finish() {
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

/// Name, kind, technology, layer, zones, owner and description.
fn component_identity(form: &mut Form, project: &Project, next: &mut Component) {
    form.grid("identity", |form| {
        // A component needs a name: blank text would be refused.
        form.undo("Rename component").required_text("Name", &mut next.name);
        form.undo("Change kind")
            .pick("Kind", &mut next.kind, ComponentKind::VARIANTS, |k| {
                k.label().to_owned()
            });
        form.undo("Edit technology").text(
            Field::line("Technology").hint("e.g. PostgreSQL 16 on RDS"),
            &mut next.technology,
        );
        let layers: Vec<Option<LayerId>> = std::iter::once(None)
            .chain(project.layers.iter().map(|l| Some(l.id)))
            .collect();
        form.undo("Move to layer").pick("Layer", &mut next.layer, &layers, |l| {
            l.and_then(|l| project.layer(l))
                .map_or_else(|| "Unassigned".to_owned(), |l| name_or_unnamed(&l.name))
        });
        form.undo("Change zones")
            .custom("zones", &mut next.zones, |ui, _, id, zones| {
                zones_row(ui, id, project, zones, false)
            });
        form.undo("Edit owner").text("Owner", &mut next.owner);
        form.undo("Edit description")
            .long_text("Description", &mut next.description);
    });
}

/// What it manages, provides and exposes, and its infrastructure code.
fn component_responsibilities(form: &mut Form, next: &mut Component) {
    form.undo("Edit responsibilities");
    form.section("Responsibilities", true, |form| {
        let r = &mut next.responsibilities;
        for (what, items) in [
            ("Manages", &mut r.manages),
            ("Provides", &mut r.provides),
            ("Exposes", &mut r.exposes),
        ] {
            form.ui().label(egui::RichText::new(what).strong());
            form.list(what, items);
        }
    });
    form.undo("Edit infrastructure code addresses");
    let open = !next.iac_addresses.is_empty();
    form.section("Infrastructure code", open, |form| {
        form.ui()
            .weak("Terraform resource addresses (module.db.aws_db_instance.primary) or another tool's identifiers");
        form.list("Address", &mut next.iac_addresses);
    });
}

/// Provisioning, update and destruction, and scaling.
fn component_lifecycle(form: &mut Form, component: &Component, next: &mut Component) {
    form.section("Lifecycle and scaling", true, |form| {
        form.grid("life", |form| {
            let lc = &mut next.lifecycle;
            form.undo("Edit lifecycle");
            form.text(
                Field::line("Provisioner").hint(field_hint(component, AskedField::Provisioner)),
                &mut lc.provisioner,
            );
            form.text(
                Field::line("Update strategy").hint("e.g. rolling"),
                &mut lc.update_strategy,
            );
            form.text(
                Field::line("Destruction").hint("e.g. snapshot, then delete"),
                &mut lc.destruction,
            );
            let s = &mut next.scaling;
            form.undo("Change scaling strategy")
                .pick("Scaling", &mut s.strategy, ScalingStrategy::VARIANTS, |s| {
                    s.label().to_owned()
                });
            form.undo("Edit scaling trigger").text(
                Field::line("Scaling trigger").hint(field_hint(component, AskedField::ScalingTrigger)),
                &mut s.trigger,
            );
            form.undo("Edit scaling range");
            form.count("Minimum", &mut s.min);
            form.count("Maximum", &mut s.max);
        });
    });
}

/// Exposure, encryption and backup.
fn component_security(form: &mut Form, component: &Component, next: &mut Component) {
    form.section("Security and backup", true, |form| {
        form.grid("sec", |form| {
            form.undo("Change exposure")
                .pick("Exposure", &mut next.exposure, Exposure::VARIANTS, |e| {
                    e.label().to_owned()
                });
            form.undo("Edit encryption");
            form.text(
                Field::line("Encryption at rest").hint(field_hint(component, AskedField::EncryptionAtRest)),
                &mut next.encryption.at_rest,
            );
            form.text(
                Field::line("Encryption in transit").hint(field_hint(component, AskedField::EncryptionInTransit)),
                &mut next.encryption.in_transit,
            );
            form.ui().label("Backup");
            let mut backed_up = next.backup.is_some();
            if form.check("Backed up", &mut backed_up) {
                next.backup = backed_up.then(Backup::default);
                form.undo(if backed_up { "Add backup" } else { "Remove backup" })
                    .mark_changed();
            }
            form.ui().end_row();
            if let Some(backup) = &mut next.backup
                && component.backup.is_some()
            {
                form.undo("Edit backup");
                for (what, slot, asked) in [
                    ("Backup frequency", &mut backup.frequency, AskedField::BackupFrequency),
                    ("Backup retention", &mut backup.retention, AskedField::BackupRetention),
                    ("Backup location", &mut backup.location, AskedField::BackupLocation),
                ] {
                    form.text(Field::line(what).hint(field_hint(component, asked)), slot);
                }
            }
        });
    });
}

/// Current and proposed monthly cost, the cost note and the notes.
fn component_cost(form: &mut Form, project: &Project, next: &mut Component) {
    let currency = if project.cost.currency.trim().is_empty() {
        "(no currency set)".to_owned()
    } else {
        project.cost.currency.clone()
    };
    form.section("Cost and notes", true, |form| {
        form.ui()
            .weak(format!("Monthly, in {currency} (set once per project under Cost)"));
        form.grid("cost", |form| {
            form.undo("Edit cost");
            for (what, slot) in [
                ("Current cost", &mut next.cost.current),
                ("Proposed cost", &mut next.cost.proposed),
            ] {
                form.custom(what, slot, |ui, drafts, id, value| {
                    cost_row(ui, drafts, id, what, *value, &currency)
                });
            }
            form.text("Cost note", &mut next.cost.note);
            form.undo("Edit notes").long_text("Notes", &mut next.notes);
        });
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
    let mut removed = false;
    let mut form = Form::new(ui, drafts, base);
    // Two fixed rows rather than one wrapped row: a narrow panel must not
    // be widened by them, and the list's block height stays known.
    form.horizontal(|row| {
        let available = row.ui().available_width();
        let protocol_width = 100.0_f32.min(available * 0.4);
        // A text field draws its frame outside its desired width.
        let frame = 2.0 * row.ui().spacing().button_padding.x;
        let gap = row.ui().spacing().item_spacing.x;
        let label_width = (available - protocol_width - gap - 2.0 * frame).max(60.0);
        let label = format!("Label of {title}");
        row.undo("Edit dependency label")
            .cell_field(Field::line(&label).hint("label").width(label_width), &mut next.label);
        let protocol = format!("Protocol of {title}");
        row.undo("Edit dependency protocol").cell_field(
            Field::line(&protocol).hint("protocol").width(protocol_width),
            &mut next.protocol,
        );
    });
    form.horizontal(|row| {
        row.undo("Change dependency kind").pick_cell(
            &format!("Kind of {title}"),
            &mut next.kind,
            DependencyKind::VARIANTS,
            |k| k.label().to_owned(),
        );
        row.undo("Change dependency criticality").pick_cell(
            &format!("Criticality of {title}"),
            &mut next.criticality,
            Criticality::VARIANTS,
            |c| c.label().to_owned(),
        );
        removed = button(row.ui(), "−", &format!("Remove {title}"));
    });
    if removed {
        edits.push((
            Edit::RemoveDependency(dependency.id),
            format!("Remove dependency {title}"),
        ));
    }
    if let Some(label) = form.finish() {
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
                    format!("Unlink {} from {}", decision.adr_label(), component.name),
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
                format!("Link {} to {}", decision.adr_label(), component.name),
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
            for &kind in ComponentKind::VARIANTS
                .iter()
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
    let mut form = Form::new(ui, &mut state.drafts, base);
    let pickers = &mut state.pickers;
    form.grid("grid", |form| {
        form.undo("Reconnect dependency");
        for (what, end) in [("From", &mut next.from), ("To", &mut next.to)] {
            form.custom(what, end, |ui, _, id, current| {
                ui.label(what);
                let items = project
                    .components
                    .iter()
                    .filter(|c| c.id != dependency.from && c.id != dependency.to)
                    .map(|c| (c.id, name_or_unnamed(&c.name)));
                let chosen = picker(ui, pickers, id, what, &component_name(project, *current), items);
                ui.end_row();
                chosen
            });
        }
        form.undo("Edit dependency label").text("Label", &mut next.label);
        form.undo("Edit dependency protocol")
            .text(Field::line("Protocol").hint("e.g. HTTPS 443"), &mut next.protocol);
        form.undo("Change dependency kind")
            .pick("Kind", &mut next.kind, DependencyKind::VARIANTS, |k| {
                k.label().to_owned()
            });
        form.undo("Change dependency criticality").pick(
            "Criticality",
            &mut next.criticality,
            Criticality::VARIANTS,
            |c| c.label().to_owned(),
        );
        form.undo("Edit dependency notes").long_text("Notes", &mut next.notes);
    });
    if let Some(label) = form.finish() {
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
    let mut form = Form::new(ui, &mut state.drafts, base);
    form.grid("grid", |form| {
        form.undo("Rename zone").required_text("Name", &mut next.name);
        form.undo("Change zone kind")
            .pick("Kind", &mut next.kind, ZoneKind::VARIANTS, |k| k.label().to_owned());
        let parents = parent_candidates(project, zone.id);
        form.undo("Move zone").pick("Inside", &mut next.parent, &parents, |p| {
            p.and_then(|p| project.zone(p))
                .map_or_else(|| "(top level)".to_owned(), |z| name_or_unnamed(&z.name))
        });
        form.ui().label("Reachability");
        form.undo("Change zone reachability")
            .check("Public (reachable from the internet)", &mut next.public);
        form.ui().end_row();
        form.undo("Edit zone description")
            .long_text("Description", &mut next.description);
    });
    if let Some(label) = form.finish() {
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
            state.drafts.focus_when_shown(zone_base(child.id).with("Name"));
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
    let mut form = Form::new(ui, &mut state.drafts, base);
    form.grid("grid", |form| {
        form.undo("Rename layer").required_text("Name", &mut next.name);
        form.undo("Change layer kind")
            .pick("Kind", &mut next.kind, LayerKind::VARIANTS, |k| k.label().to_owned());
        form.undo("Edit layer");
        form.long_text("Description", &mut next.description);
        form.long_text("Isolation", &mut next.isolation);
        form.long_text("Security", &mut next.security);
        form.long_text("Scaling", &mut next.scaling);
    });
    if let Some(label) = form.finish() {
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
                .focus_when_shown(Id::new(("inspector-layer", added.id)).with("Name"));
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
