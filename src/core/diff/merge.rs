//! Three-way merge of projects by id and by field, for `strata merge` and
//! git's merge driver.
//!
//! Each item is matched by id across the common ancestor (`base`) and the
//! two descendants (`ours`, `theirs`); a field one side changed is taken
//! from that side; a field both sides changed differently is a conflict,
//! resolved to ours and reported. Items both sides added under the same id
//! are kept apart: theirs get fresh ids and every reference to them follows.
//! The result always passes [`crate::check::structural`]: references left
//! dangling by one side's removal are cut and reported.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::fields::{Sections, sections};
use super::render::show_value;
use super::to_value;
use crate::check::{self, Level, Place};
use crate::model::*;

/// A place where the two sides could not both be kept.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// `component#4 "API"`, or a section name.
    pub item: String,
    pub field: String,
    pub ours: String,
    pub theirs: String,
    /// What the merge kept.
    pub resolution: String,
}

#[derive(Clone, Debug)]
pub struct MergeOutcome {
    pub project: Project,
    pub conflicts: Vec<Conflict>,
    /// Items theirs added under an id ours also used, with their new ids.
    pub renumbered: Vec<String>,
}

/// Merges `ours` and `theirs`, two descendants of `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> MergeOutcome {
    let mut renumbered = Vec::new();
    let theirs = renumber_theirs(base, ours, theirs, &mut renumbered);
    let mut conflicts = Vec::new();
    let mut merged = Project {
        layers: merge_items(
            Lists::new(&base.layers, &ours.layers, &theirs.layers),
            |l| l.id.0,
            label_layer,
            &mut conflicts,
        ),
        zones: merge_items(
            Lists::new(&base.zones, &ours.zones, &theirs.zones),
            |z| z.id.0,
            label_zone,
            &mut conflicts,
        ),
        components: merge_items(
            Lists::new(&base.components, &ours.components, &theirs.components),
            |c| c.id.0,
            label_component,
            &mut conflicts,
        ),
        dependencies: merge_items(
            Lists::new(&base.dependencies, &ours.dependencies, &theirs.dependencies),
            |d| d.id.0,
            |d| DependencyId(d.id.0).to_string(),
            &mut conflicts,
        ),
        decisions: merge_items(
            Lists::new(&base.decisions, &ours.decisions, &theirs.decisions),
            |d| d.id.0,
            |d| format!("{} \"ADR-{:04} {}\"", d.id, d.number, d.title),
            &mut conflicts,
        ),
        ..Project::default()
    };
    merge_sections(base, ours, &theirs, &mut merged, &mut conflicts);
    repair(&mut merged, &mut conflicts);
    let merged = settle(merged, ours, &mut conflicts);
    MergeOutcome {
        project: merged,
        conflicts,
        renumbered,
    }
}

fn label_layer(layer: &Layer) -> String {
    format!("{} \"{}\"", layer.id, layer.name)
}
fn label_zone(zone: &Zone) -> String {
    format!("{} \"{}\"", zone.id, zone.name)
}
fn label_component(component: &Component) -> String {
    format!("{} \"{}\"", component.id, component.name)
}

/// The three versions of one id-keyed list.
struct Lists<'a, T> {
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
}

impl<'a, T> Lists<'a, T> {
    fn new(base: &'a [T], ours: &'a [T], theirs: &'a [T]) -> Self {
        Lists { base, ours, theirs }
    }
}

/// Ours in ours' order, then what only theirs added.
fn merge_items<T>(
    lists: Lists<'_, T>,
    id: impl Fn(&T) -> u32,
    label: impl Fn(&T) -> String,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T>
where
    T: Clone + PartialEq + Serialize + DeserializeOwned,
{
    let base: HashMap<u32, &T> = lists.base.iter().map(|item| (id(item), item)).collect();
    let theirs: HashMap<u32, &T> = lists.theirs.iter().map(|item| (id(item), item)).collect();
    let ours_ids: HashSet<u32> = lists.ours.iter().map(&id).collect();
    let mut merged = Vec::with_capacity(lists.ours.len() + lists.theirs.len());
    for our in lists.ours {
        let key = id(our);
        match (base.get(&key), theirs.get(&key)) {
            (None, _) => merged.push(our.clone()),
            (Some(before), None) => {
                if *before != our {
                    conflicts.push(Conflict {
                        item: label(our),
                        field: "(the whole item)".into(),
                        ours: "changed".into(),
                        theirs: "removed".into(),
                        resolution: "kept ours (changed)".into(),
                    });
                    merged.push(our.clone());
                }
            }
            (Some(before), Some(their)) => {
                if our == *their || *their == *before {
                    merged.push(our.clone());
                } else if our == *before {
                    merged.push((*their).clone());
                } else {
                    merged.push(merge_item(before, our, their, &label(our), conflicts));
                }
            }
        }
    }
    for their in lists.theirs {
        let key = id(their);
        if ours_ids.contains(&key) {
            continue;
        }
        match base.get(&key) {
            None => merged.push(their.clone()),
            Some(before) if *before != their => conflicts.push(Conflict {
                item: label(their),
                field: "(the whole item)".into(),
                ours: "removed".into(),
                theirs: "changed".into(),
                resolution: "kept ours (removed)".into(),
            }),
            Some(_) => {}
        }
    }
    merged
}

/// One item both sides changed: field by field.
fn merge_item<T>(base: &T, ours: &T, theirs: &T, label: &str, conflicts: &mut Vec<Conflict>) -> T
where
    T: Clone + Serialize + DeserializeOwned,
{
    let mut found = Vec::new();
    let merged = merge_value(
        "",
        Some(&to_value(base)),
        Some(&to_value(ours)),
        Some(&to_value(theirs)),
        &mut found,
    );
    let combined = merged.and_then(|value| serde_json::from_value::<T>(value).ok());
    let item = match combined {
        Some(item) => item,
        None => {
            found = vec![FieldConflict {
                field: "(the whole item)".into(),
                ours: "changed".into(),
                theirs: "changed".into(),
            }];
            ours.clone()
        }
    };
    conflicts.extend(found.into_iter().map(|f| Conflict {
        item: label.to_owned(),
        field: f.field,
        ours: f.ours,
        theirs: f.theirs,
        resolution: "kept ours".into(),
    }));
    item
}

struct FieldConflict {
    field: String,
    ours: String,
    theirs: String,
}

/// A struct's object (field names are lower case), not an enum variant's
/// (`{"Superseded": ...}`), whose parts only make sense together.
fn is_struct(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.keys().all(|k| !k.starts_with(|c: char| c.is_ascii_uppercase())),
        _ => false,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The three-way merge of one value; `None` is an absent (default) field.
fn merge_value(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    let present = [base, ours, theirs];
    if present.iter().flatten().all(|v| is_struct(v)) {
        return Some(merge_objects(path, base, ours, theirs, conflicts));
    }
    if let (Some(Value::Array(o)), Some(Value::Array(t))) = (ours, theirs)
        && let Some(merged) = merge_appends(base, o, t)
    {
        return Some(Value::Array(merged));
    }
    // Both sides saved the project: the later day is the true last update.
    if path == "meta.last_updated"
        && let (Some(Value::String(o)), Some(Value::String(t))) = (ours, theirs)
    {
        return Some(Value::String(o.clone().max(t.clone())));
    }
    conflicts.push(FieldConflict {
        field: if path.is_empty() {
            "(value)".into()
        } else {
            path.to_owned()
        },
        ours: show_value(ours),
        theirs: show_value(theirs),
    });
    ours.cloned()
}

fn merge_objects(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Value {
    let empty = serde_json::Map::new();
    let (b, o, t) = (
        object_or(base, &empty),
        object_or(ours, &empty),
        object_or(theirs, &empty),
    );
    let mut merged = serde_json::Map::new();
    let keys = o
        .keys()
        .chain(t.keys().filter(|k| !o.contains_key(*k)))
        .chain(b.keys().filter(|k| !o.contains_key(*k) && !t.contains_key(*k)));
    for key in keys {
        if let Some(value) = merge_value(&join(path, key), b.get(key), o.get(key), t.get(key), conflicts) {
            merged.insert(key.clone(), value);
        }
    }
    Value::Object(merged)
}

fn object_or<'a>(
    value: Option<&'a Value>,
    empty: &'a serde_json::Map<String, Value>,
) -> &'a serde_json::Map<String, Value> {
    match value {
        Some(Value::Object(map)) => map,
        _ => empty,
    }
}

/// Both sides only appended to the base list: base, ours' additions, then
/// theirs' that ours did not also add.
fn merge_appends(base: Option<&Value>, ours: &[Value], theirs: &[Value]) -> Option<Vec<Value>> {
    let base: &[Value] = match base {
        Some(Value::Array(items)) => items,
        None => &[],
        Some(_) => return None,
    };
    if !ours.starts_with(base) || !theirs.starts_with(base) {
        return None;
    }
    let ours_added = &ours[base.len()..];
    let mut merged = ours.to_vec();
    merged.extend(
        theirs[base.len()..]
            .iter()
            .filter(|item| !ours_added.contains(item))
            .cloned(),
    );
    Some(merged)
}

fn merge_sections(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    merged: &mut Project,
    conflicts: &mut Vec<Conflict>,
) {
    let (b, o, t) = (sections(base), sections(ours), sections(theirs));
    let mut found = Vec::new();
    let mut combined = serde_json::Map::new();
    for name in super::section_names() {
        if let Some(value) = merge_value(name, b.get(name), o.get(name), t.get(name), &mut found) {
            combined.insert(name.to_owned(), value);
        }
    }
    let sections = serde_json::from_value::<Sections>(Value::Object(combined)).unwrap_or_else(|_| {
        found = vec![FieldConflict {
            field: "(every section)".into(),
            ours: "changed".into(),
            theirs: "changed".into(),
        }];
        serde_json::from_value(Value::Object(o)).unwrap_or_default()
    });
    sections.install(merged);
    conflicts.extend(found.into_iter().map(|f| Conflict {
        item: f.field.split(['.', '[']).next().unwrap_or_default().to_owned(),
        field: f.field,
        ours: f.ours,
        theirs: f.theirs,
        resolution: "kept ours".into(),
    }));
}

/// Fresh ids for the items theirs added under an id ours added too (with
/// different content), applied to every reference in theirs.
fn renumber_theirs(base: &Project, ours: &Project, theirs: &Project, notes: &mut Vec<String>) -> Project {
    let mut theirs = theirs.clone();
    let layers = clashes(&base.layers, &ours.layers, &theirs.layers, |l| l.id.0);
    let zones = clashes(&base.zones, &ours.zones, &theirs.zones, |z| z.id.0);
    let components = clashes(&base.components, &ours.components, &theirs.components, |c| c.id.0);
    let dependencies = clashes(&base.dependencies, &ours.dependencies, &theirs.dependencies, |d| d.id.0);
    let decisions = clashes(&base.decisions, &ours.decisions, &theirs.decisions, |d| d.id.0);
    let mut note = |kind: &str, map: &HashMap<u32, u32>| {
        let mut pairs: Vec<_> = map.iter().collect();
        pairs.sort();
        for (old, new) in pairs {
            notes.push(format!("theirs' {kind} {old} is now {kind} {new}"));
        }
    };
    note("layer", &layers);
    note("zone", &zones);
    note("component", &components);
    note("dependency", &dependencies);
    note("decision", &decisions);
    let map = |table: &HashMap<u32, u32>, id: u32| table.get(&id).copied().unwrap_or(id);
    for layer in &mut theirs.layers {
        layer.id.0 = map(&layers, layer.id.0);
    }
    for zone in &mut theirs.zones {
        zone.id.0 = map(&zones, zone.id.0);
        if let Some(parent) = &mut zone.parent {
            parent.0 = map(&zones, parent.0);
        }
    }
    for component in &mut theirs.components {
        component.id.0 = map(&components, component.id.0);
        if let Some(layer) = &mut component.layer {
            layer.0 = map(&layers, layer.0);
        }
        for zone in &mut component.zones {
            zone.0 = map(&zones, zone.0);
        }
    }
    for dependency in &mut theirs.dependencies {
        dependency.id.0 = map(&dependencies, dependency.id.0);
        dependency.from.0 = map(&components, dependency.from.0);
        dependency.to.0 = map(&components, dependency.to.0);
    }
    for decision in &mut theirs.decisions {
        decision.id.0 = map(&decisions, decision.id.0);
        if let DecisionStatus::Superseded { by } = &mut decision.status {
            by.0 = map(&decisions, by.0);
        }
        for component in &mut decision.components {
            component.0 = map(&components, component.0);
        }
    }
    let linked = theirs
        .assertions
        .iter_mut()
        .map(|a| &mut a.components)
        .chain(theirs.security.threats.iter_mut().map(|t| &mut t.components));
    for links in linked {
        for component in links {
            component.0 = map(&components, component.0);
        }
    }
    theirs
}

/// Ids both sides added for different things, each with a fresh id above
/// every id any version uses.
fn clashes<T: PartialEq>(base: &[T], ours: &[T], theirs: &[T], id: impl Fn(&T) -> u32) -> HashMap<u32, u32> {
    let base_ids: HashSet<u32> = base.iter().map(&id).collect();
    let ours_by_id: HashMap<u32, &T> = ours.iter().map(|item| (id(item), item)).collect();
    let mut next = base.iter().chain(ours).chain(theirs).map(&id).max().unwrap_or(0) + 1;
    let mut table = HashMap::new();
    for their in theirs {
        let key = id(their);
        if base_ids.contains(&key) {
            continue;
        }
        if ours_by_id.get(&key).is_some_and(|our| *our != their) {
            table.insert(key, next);
            next += 1;
        }
    }
    table
}

fn repair_note(item: String, field: &str, what: String, resolution: &str) -> Conflict {
    Conflict {
        item,
        field: field.to_owned(),
        ours: what,
        theirs: String::new(),
        resolution: resolution.to_owned(),
    }
}

/// Cuts references one side's removal left dangling, gives decisions
/// distinct numbers and breaks zone loops, reporting each.
fn repair(project: &mut Project, conflicts: &mut Vec<Conflict>) {
    let layers: HashSet<LayerId> = project.layers.iter().map(|l| l.id).collect();
    let zones: HashSet<ZoneId> = project.zones.iter().map(|z| z.id).collect();
    let components: HashSet<ComponentId> = project.components.iter().map(|c| c.id).collect();
    let decisions: HashSet<DecisionId> = project.decisions.iter().map(|d| d.id).collect();
    for zone in &mut project.zones {
        if zone.parent.is_some_and(|p| !zones.contains(&p)) {
            conflicts.push(repair_note(
                label_zone(zone),
                "parent",
                "its parent zone was removed".into(),
                "now top-level",
            ));
            zone.parent = None;
        }
    }
    for component in &mut project.components {
        if component.layer.is_some_and(|l| !layers.contains(&l)) {
            conflicts.push(repair_note(
                label_component(component),
                "layer",
                "its layer was removed".into(),
                "no layer",
            ));
            component.layer = None;
        }
        if component.zones.iter().any(|z| !zones.contains(z)) {
            conflicts.push(repair_note(
                label_component(component),
                "zones",
                "a zone it sat in was removed".into(),
                "left that zone",
            ));
            component.zones.retain(|z| zones.contains(z));
        }
    }
    project.dependencies.retain(|d| {
        let keep = components.contains(&d.from) && components.contains(&d.to) && d.from != d.to;
        if !keep {
            conflicts.push(repair_note(
                d.id.to_string(),
                "from/to",
                format!("links {} to {}, and one end was removed", d.from, d.to),
                "dependency dropped",
            ));
        }
        keep
    });
    repair_decisions(project, &components, &decisions, conflicts);
    for links in project
        .assertions
        .iter_mut()
        .map(|a| &mut a.components)
        .chain(project.security.threats.iter_mut().map(|t| &mut t.components))
    {
        links.retain(|c| components.contains(c));
    }
    break_zone_loops(project, conflicts);
}

fn repair_decisions(
    project: &mut Project,
    components: &HashSet<ComponentId>,
    decisions: &HashSet<DecisionId>,
    conflicts: &mut Vec<Conflict>,
) {
    let mut numbers = HashSet::new();
    let mut next_number = project.next_decision_number();
    for decision in &mut project.decisions {
        let label = format!("{} \"{}\"", decision.id, decision.title);
        if !numbers.insert(decision.number) {
            conflicts.push(repair_note(
                label.clone(),
                "number",
                format!("both sides numbered a decision ADR-{:04}", decision.number),
                &format!("renumbered ADR-{next_number:04}"),
            ));
            decision.number = next_number;
            numbers.insert(next_number);
            next_number += 1;
        }
        decision.components.retain(|c| components.contains(c));
        if let DecisionStatus::Superseded { by } = decision.status
            && (!decisions.contains(&by) || by == decision.id)
        {
            conflicts.push(repair_note(
                label.clone(),
                "status",
                format!("superseded by {by}, which was removed"),
                "now Deprecated",
            ));
            decision.status = DecisionStatus::Deprecated;
        }
        if decision.chosen.is_some_and(|chosen| decision.option(chosen).is_none()) {
            conflicts.push(repair_note(
                label,
                "chosen",
                "the chosen option was removed".into(),
                "no option chosen",
            ));
            decision.chosen = None;
        }
    }
}

/// Each side may nest one zone in the other: the second nesting is undone.
fn break_zone_loops(project: &mut Project, conflicts: &mut Vec<Conflict>) {
    for index in 0..project.zones.len() {
        let start = project.zones[index].id;
        let mut current = project.zones[index].parent;
        for _ in 0..=project.zones.len() {
            match current {
                Some(id) if id == start => {
                    conflicts.push(repair_note(
                        label_zone(&project.zones[index]),
                        "parent",
                        "the two sides nested zones inside each other".into(),
                        "now top-level",
                    ));
                    project.zones[index].parent = None;
                    break;
                }
                Some(id) => current = project.zone(id).and_then(|z| z.parent),
                None => break,
            }
        }
    }
}

/// The merged project if it is consistent; otherwise the items it still
/// finds fault with are taken from ours, and if that is not enough, ours as
/// a whole: a merge never writes a file that does not load.
fn settle(mut merged: Project, ours: &Project, conflicts: &mut Vec<Conflict>) -> Project {
    let errors = |project: &Project| -> Vec<Place> {
        check::structural(project)
            .into_iter()
            .filter(|d| d.level == Level::Error)
            .map(|d| d.place)
            .collect()
    };
    let faults = errors(&merged);
    if faults.is_empty() {
        return merged;
    }
    for place in &faults {
        conflicts.push(Conflict {
            item: place_label(place),
            field: "(the whole item)".into(),
            ours: String::new(),
            theirs: String::new(),
            resolution: "kept ours' version to keep the project consistent".into(),
        });
        take_ours(&mut merged, ours, place);
    }
    if errors(&merged).is_empty() {
        return merged;
    }
    conflicts.push(Conflict {
        item: "the project".into(),
        field: "(everything)".into(),
        ours: String::new(),
        theirs: String::new(),
        resolution: "could not combine consistently; kept ours".into(),
    });
    ours.clone()
}

fn place_label(place: &Place) -> String {
    match place {
        Place::Project => "the project".into(),
        Place::Layer { id } => LayerId(*id).to_string(),
        Place::Zone { id } => ZoneId(*id).to_string(),
        Place::Component { id } => ComponentId(*id).to_string(),
        Place::Dependency { id } => DependencyId(*id).to_string(),
        Place::Decision { id } => DecisionId(*id).to_string(),
        Place::Section { section, .. } => section.clone(),
    }
}

fn replace_by_id<T: Clone>(list: &mut Vec<T>, ours: &[T], same: impl Fn(&T) -> bool) {
    match ours.iter().find(|item| same(item)) {
        Some(our) => {
            for item in list.iter_mut().filter(|item| same(item)) {
                *item = our.clone();
            }
        }
        None => list.retain(|item| !same(item)),
    }
}

fn take_ours(merged: &mut Project, ours: &Project, place: &Place) {
    match *place {
        Place::Layer { id } => replace_by_id(&mut merged.layers, &ours.layers, |l| l.id.0 == id),
        Place::Zone { id } => replace_by_id(&mut merged.zones, &ours.zones, |z| z.id.0 == id),
        Place::Component { id } => replace_by_id(&mut merged.components, &ours.components, |c| c.id.0 == id),
        Place::Dependency { id } => replace_by_id(&mut merged.dependencies, &ours.dependencies, |d| d.id.0 == id),
        Place::Decision { id } => replace_by_id(&mut merged.decisions, &ours.decisions, |d| d.id.0 == id),
        Place::Project | Place::Section { .. } => {}
    }
}

/// The conflicts as a Markdown file to read beside the merged project.
pub fn conflicts_markdown(file: &str, outcome: &MergeOutcome) -> String {
    use crate::export::markdown::{Cell, Markdown};
    use crate::export::text::inline;
    let mut out = Markdown::new();
    out.write_fmt(format_args!("# Merge conflicts in {}\n\n", inline(file)));
    out.push_str(
        "Strata kept our side wherever both sides changed the same field differently. Check each row, edit the project, then delete this file.\n\n",
    );
    let rows: Vec<Vec<Cell>> = outcome
        .conflicts
        .iter()
        .map(|c| {
            vec![
                Cell::text(&c.item),
                Cell::text(&c.field),
                Cell::text(&c.ours),
                Cell::text(&c.theirs),
                Cell::text(&c.resolution),
            ]
        })
        .collect();
    out.table(&["Item", "Field", "Ours", "Theirs", "Kept"], &rows);
    if !outcome.renumbered.is_empty() {
        out.push_str("\nRenumbered so both sides' new items are kept:\n\n");
        out.bullets(&outcome.renumbered, "");
    }
    out.into_string()
}
