//! A diff as text for a terminal, as Markdown for a pull request, or as
//! JSON for tools.

use std::fmt::Write;

use serde_json::Value;

use super::{Change, ChangeKind, ProjectDiff};

fn sign(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
    }
}

fn verb(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "Added",
        ChangeKind::Removed => "Removed",
        ChangeKind::Changed => "Changed",
    }
}

/// A field value on one line: JSON, so strings are quoted and control
/// characters escaped; an absent field reads `(none)`.
pub(crate) fn show_value(value: Option<&Value>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(value) => value.to_string(),
    }
}

/// A name on one line, quoted as JSON quotes it.
fn quoted(name: &str) -> String {
    Value::String(name.to_owned()).to_string()
}

/// Changes grouped under their headings, in the order they were found.
fn groups(diff: &ProjectDiff) -> Vec<(&'static str, Vec<&Change>)> {
    let mut groups: Vec<(&'static str, Vec<&Change>)> = Vec::new();
    for change in &diff.changes {
        let heading = change.item.group();
        match groups.iter_mut().find(|(name, _)| *name == heading) {
            Some((_, list)) => list.push(change),
            None => groups.push((heading, vec![change])),
        }
    }
    groups
}

/// `old` and `new` name the two sides in the header.
pub fn render_text(diff: &ProjectDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {old}\n+++ {new}");
    if diff.is_empty() {
        out.push_str("no semantic changes\n");
        return out;
    }
    for (heading, changes) in groups(diff) {
        let _ = writeln!(out, "{heading}");
        for change in changes {
            let _ = writeln!(
                out,
                "  {} {} {}",
                sign(change.change),
                change.item.label(),
                quoted(&change.name)
            );
            for field in &change.fields {
                let _ = writeln!(
                    out,
                    "      {}: {} -> {}",
                    field.field,
                    show_value(field.old.as_ref()),
                    show_value(field.new.as_ref())
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} changed",
        diff.count(ChangeKind::Added),
        diff.count(ChangeKind::Removed),
        diff.count(ChangeKind::Changed)
    );
    out
}

/// User text as a code span on one line.
fn code(text: &str) -> String {
    crate::export::text::code_span(text)
}

pub fn render_markdown(diff: &ProjectDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Changes from {} to {}\n", code(old), code(new));
    if diff.is_empty() {
        out.push_str("No semantic changes.\n");
        return out;
    }
    for (heading, changes) in groups(diff) {
        let _ = writeln!(out, "## {heading}\n");
        for change in changes {
            let _ = writeln!(
                out,
                "- {} {} {}",
                verb(change.change),
                change.item.label(),
                code(&change.name)
            );
            for field in &change.fields {
                let _ = writeln!(
                    out,
                    "  - {}: {} → {}",
                    code(&field.field),
                    code(&show_value(field.old.as_ref())),
                    code(&show_value(field.new.as_ref()))
                );
            }
        }
        out.push('\n');
    }
    out
}

pub fn render_json(diff: &ProjectDiff, old: &str, new: &str) -> String {
    serde_json::json!({
        "old": old,
        "new": new,
        "equal": diff.is_empty(),
        "changes": diff.changes,
    })
    .to_string()
}
