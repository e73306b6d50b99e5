//! Semantic comparison of two projects: what was added, removed or changed,
//! matched by id rather than by line, with each changed field's old and new
//! value. The three-way merge in [`merge`] builds on the same field view.

pub mod changelog;
mod fields;
pub mod merge;
mod render;
pub mod source;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::*;

pub use fields::{flatten, section_names};
pub use render::{render_json, render_markdown, render_text};

/// Which thing of a project a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ItemKey {
    Layer(u32),
    Zone(u32),
    Component(u32),
    Dependency(u32),
    Decision(u32),
    /// A project-wide section (`meta`, `risks`, `security`...).
    Section(&'static str),
}

impl ItemKey {
    /// The heading a change is listed under.
    pub fn group(self) -> &'static str {
        match self {
            ItemKey::Layer(_) => "Layers",
            ItemKey::Zone(_) => "Zones",
            ItemKey::Component(_) => "Components",
            ItemKey::Dependency(_) => "Dependencies",
            ItemKey::Decision(_) => "Decisions",
            ItemKey::Section(_) => "Documents",
        }
    }

    /// `component#4`, or the section's name.
    pub fn label(self) -> String {
        match self {
            ItemKey::Layer(id) => LayerId(id).to_string(),
            ItemKey::Zone(id) => ZoneId(id).to_string(),
            ItemKey::Component(id) => ComponentId(id).to_string(),
            ItemKey::Dependency(id) => DependencyId(id).to_string(),
            ItemKey::Decision(id) => DecisionId(id).to_string(),
            ItemKey::Section(name) => name.to_owned(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One field whose value differs; `None` where the field is absent (its
/// default) on that side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub item: ItemKey,
    /// The item's name as people know it (for a removed item, its old name).
    pub name: String,
    /// For a changed item, each field that differs; empty otherwise.
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProjectDiff {
    pub changes: Vec<Change>,
}

impl ProjectDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Report moved components too; off by default, because a moved box
    /// says nothing about the architecture.
    pub layout: bool,
}

/// Fields that only place things on the canvas.
const LAYOUT_FIELDS: &[&str] = &["position"];

/// Everything that differs between `old` and `new`, layers first, then
/// zones, components, dependencies, decisions and the document sections.
pub fn diff(old: &Project, new: &Project, options: DiffOptions) -> ProjectDiff {
    let mut changes = Vec::new();
    let no_ignore: &[&str] = &[];
    let layout_ignore = if options.layout { no_ignore } else { LAYOUT_FIELDS };
    diff_items(
        Items::new(&old.layers, &new.layers, |l| l.id.0, ItemKey::Layer),
        |l, _| l.name.clone(),
        no_ignore,
        &mut changes,
    );
    diff_items(
        Items::new(&old.zones, &new.zones, |z| z.id.0, ItemKey::Zone),
        |z, _| z.name.clone(),
        no_ignore,
        &mut changes,
    );
    diff_items(
        Items::new(&old.components, &new.components, |c| c.id.0, ItemKey::Component),
        |c, _| c.name.clone(),
        layout_ignore,
        &mut changes,
    );
    diff_items(
        Items::new(&old.dependencies, &new.dependencies, |d| d.id.0, ItemKey::Dependency),
        |d, side| dependency_name(d, if side == Side::Old { old } else { new }),
        no_ignore,
        &mut changes,
    );
    diff_items(
        Items::new(&old.decisions, &new.decisions, |d| d.id.0, ItemKey::Decision),
        |d, _| format!("ADR-{:04} {}", d.number, d.title),
        no_ignore,
        &mut changes,
    );
    diff_sections(old, new, &mut changes);
    ProjectDiff { changes }
}

/// `Web → Database`, by the names the project gives the two ends.
pub fn dependency_name(dependency: &Dependency, project: &Project) -> String {
    let end = |id: ComponentId| project.component(id).map_or_else(|| id.to_string(), |c| c.name.clone());
    format!("{} → {}", end(dependency.from), end(dependency.to))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

/// Two versions of one id-keyed list.
struct Items<'a, T, I, K> {
    old: &'a [T],
    new: &'a [T],
    id: I,
    key: K,
}

impl<'a, T, I: Fn(&T) -> u32, K: Fn(u32) -> ItemKey> Items<'a, T, I, K> {
    fn new(old: &'a [T], new: &'a [T], id: I, key: K) -> Self {
        Items { old, new, id, key }
    }
}

fn diff_items<T, I, K, N>(items: Items<'_, T, I, K>, name: N, ignore: &[&str], out: &mut Vec<Change>)
where
    T: Serialize + PartialEq,
    I: Fn(&T) -> u32,
    K: Fn(u32) -> ItemKey,
    N: Fn(&T, Side) -> String,
{
    let old_by_id: HashMap<u32, &T> = items.old.iter().map(|item| ((items.id)(item), item)).collect();
    let new_ids: std::collections::HashSet<u32> = items.new.iter().map(&items.id).collect();
    for item in items.new {
        let id = (items.id)(item);
        match old_by_id.get(&id) {
            None => out.push(Change {
                change: ChangeKind::Added,
                item: (items.key)(id),
                name: name(item, Side::New),
                fields: Vec::new(),
            }),
            Some(before) if *before != item => {
                let fields = changed_fields(*before, item, ignore);
                if !fields.is_empty() {
                    out.push(Change {
                        change: ChangeKind::Changed,
                        item: (items.key)(id),
                        name: name(item, Side::New),
                        fields,
                    });
                }
            }
            Some(_) => {}
        }
    }
    for item in items.old {
        let id = (items.id)(item);
        if !new_ids.contains(&id) {
            out.push(Change {
                change: ChangeKind::Removed,
                item: (items.key)(id),
                name: name(item, Side::Old),
                fields: Vec::new(),
            });
        }
    }
}

/// The fields of two versions of an item that differ, leaving out those
/// under `ignore`.
fn changed_fields<T: Serialize>(old: &T, new: &T, ignore: &[&str]) -> Vec<FieldChange> {
    let old = fields::flat_map(&to_value(old));
    let new = fields::flat_map(&to_value(new));
    let ignored = |field: &str| {
        ignore
            .iter()
            .any(|prefix| field == *prefix || field.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('.')))
    };
    let mut changes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (field, value) in &new {
        seen.insert(field.as_str());
        if ignored(field) || old.get(field) == Some(value) {
            continue;
        }
        changes.push(FieldChange {
            field: field.clone(),
            old: old.get(field).cloned(),
            new: Some(value.clone()),
        });
    }
    for (field, value) in &old {
        if !seen.contains(field.as_str()) && !ignored(field) {
            changes.push(FieldChange {
                field: field.clone(),
                old: Some(value.clone()),
                new: None,
            });
        }
    }
    changes
}

fn diff_sections(old: &Project, new: &Project, out: &mut Vec<Change>) {
    let old_sections = fields::sections(old);
    let new_sections = fields::sections(new);
    for name in section_names() {
        let before = old_sections.get(name).cloned().unwrap_or(Value::Null);
        let after = new_sections.get(name).cloned().unwrap_or(Value::Null);
        if before == after {
            continue;
        }
        let fields = changed_fields(&before, &after, &[]);
        out.push(Change {
            change: ChangeKind::Changed,
            item: ItemKey::Section(name),
            name: name.to_owned(),
            fields: fields
                .into_iter()
                .map(|mut f| {
                    f.field = if f.field.is_empty() {
                        name.to_owned()
                    } else if f.field.starts_with('[') {
                        format!("{name}{}", f.field)
                    } else {
                        format!("{name}.{}", f.field)
                    };
                    f
                })
                .collect(),
        });
    }
}

/// A model value as JSON. The model's types always serialize (no maps with
/// non-string keys but ids, no failing custom impls), so a failure here is
/// a programming error that shows as `null` rather than a panic.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests;
