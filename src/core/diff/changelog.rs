//! A changelog entry drafted from a diff (seed 003 §12): a version, a date
//! and one bullet per change, in words an architect would write
//! ("Added RDS read replica (Data, us-east-1b)"), to be edited afterwards.

use crate::edit::{Edit, Section};
use crate::model::*;

use super::{ChangeKind, ItemKey, ProjectDiff};

/// The entry describing how `new` differs from `old`; `date` is
/// `YYYY-MM-DD`.
pub fn draft_entry(diff: &ProjectDiff, old: &Project, new: &Project, date: &str) -> ChangelogEntry {
    let changes = diff
        .changes
        .iter()
        .map(|change| {
            let project = if change.change == ChangeKind::Removed { old } else { new };
            let verb = match change.change {
                ChangeKind::Added => "Added",
                ChangeKind::Removed => "Removed",
                ChangeKind::Changed => "Changed",
            };
            let what = describe(change.item, &change.name, project);
            match change.change {
                ChangeKind::Changed => {
                    let mut fields: Vec<&str> = change
                        .fields
                        .iter()
                        .map(|f| field_words(change.item, &f.field))
                        .collect();
                    fields.dedup();
                    format!("{verb} {what}: {}", fields.join(", "))
                }
                _ => format!("{verb} {what}"),
            }
        })
        .collect();
    ChangelogEntry {
        version: next_version(new),
        date: date.to_owned(),
        title: "Draft: changes since the last saved version".into(),
        changes,
    }
}

/// The edit that appends `entry` to the changelog: one undo step.
pub fn append_edit(project: &Project, entry: ChangelogEntry) -> Edit {
    let mut changelog = project.changelog.clone();
    changelog.push(entry);
    Edit::SetSection(Box::new(Section::Changelog(changelog)))
}

/// The field a path is about: `responsibilities.manages` →
/// `responsibilities`; in a section, the part after the section's name
/// (`disaster_recovery.rto` → `rto`, `risks[2].risk` → `risks`).
fn field_words(item: ItemKey, path: &str) -> &str {
    let inner = match item {
        ItemKey::Section(name) => path
            .strip_prefix(name)
            .map(|rest| rest.trim_start_matches('.'))
            .filter(|rest| !rest.is_empty() && !rest.starts_with('['))
            .unwrap_or(name),
        _ => path,
    };
    inner.split(['.', '[']).next().unwrap_or(inner)
}

fn describe(item: ItemKey, name: &str, project: &Project) -> String {
    match item {
        ItemKey::Component(id) => match project.component(ComponentId(id)) {
            Some(component) => {
                let mut place: Vec<String> = Vec::new();
                if let Some(layer) = component.layer.and_then(|l| project.layer(l)) {
                    place.push(layer.name.clone());
                }
                place.extend(
                    component
                        .zones
                        .iter()
                        .filter_map(|z| project.zone(*z))
                        .map(|z| z.name.clone()),
                );
                if place.is_empty() {
                    name.to_owned()
                } else {
                    format!("{name} ({})", place.join(", "))
                }
            }
            None => name.to_owned(),
        },
        ItemKey::Layer(_) => format!("layer {name}"),
        ItemKey::Zone(_) => format!("zone {name}"),
        ItemKey::Dependency(_) => format!("dependency {name}"),
        ItemKey::Decision(_) => format!("decision {name}"),
        ItemKey::Section(section) => section.replace('_', " "),
    }
}

/// The project's version, or the next minor version when the changelog
/// already has an entry for it.
fn next_version(project: &Project) -> String {
    let current = project.meta.version.trim();
    let taken = project.changelog.iter().any(|entry| entry.version == current);
    if !taken {
        return current.to_owned();
    }
    let parts: Vec<&str> = current.split('.').collect();
    match parts.as_slice() {
        [major, minor, ..] => match minor.parse::<u32>() {
            Ok(minor) => format!("{major}.{}.0", minor + 1),
            Err(_) => format!("{current}+1"),
        },
        _ => format!("{current}+1"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DiffOptions, diff};
    use super::*;

    #[test]
    fn a_draft_names_new_components_with_their_layer_and_zones_and_is_one_undoable_edit() {
        let old = crate::templates::find("e-commerce").unwrap().instantiate("2026-01-01");
        let mut new = old.clone();
        let zone = new.zones[0].clone();
        let id = new.next_component_id();
        new.components.push(Component {
            id,
            name: "RDS read replica".into(),
            layer: Some(LayerId(5)),
            zones: vec![zone.id],
            ..Component::default()
        });
        new.components[0].technology = "Changed".into();
        new.disaster_recovery.rto = "5 minutes".into();
        let found = diff(&old, &new, DiffOptions::default());
        let entry = draft_entry(&found, &old, &new, "2026-12-02");
        assert_eq!(entry.date, "2026-12-02");
        assert!(!entry.version.is_empty());
        assert!(
            new.changelog.iter().all(|e| e.version != entry.version),
            "a version the changelog does not have yet"
        );
        let layer = new.layer(LayerId(5)).unwrap().name.clone();
        assert!(
            entry
                .changes
                .contains(&format!("Added RDS read replica ({layer}, {})", zone.name)),
            "{:?}",
            entry.changes
        );
        assert!(
            entry.changes.iter().any(|c| c.ends_with(": technology")),
            "{:?}",
            entry.changes
        );
        assert!(
            entry.changes.contains(&"Changed disaster recovery: rto".to_owned()),
            "{:?}",
            entry.changes
        );

        let before = new.clone();
        let inverse = append_edit(&new, entry.clone()).apply(&mut new).expect("applies");
        assert_eq!(new.changelog.last(), Some(&entry));
        inverse.apply(&mut new).expect("undoes");
        assert_eq!(new, before);
    }
}
