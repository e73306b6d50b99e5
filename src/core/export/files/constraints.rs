//! `constraints.md`: rules the implementation must follow.

use super::*;

pub fn constraints(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Constraints");
    if p.constraints.is_empty() {
        out.push_str("No constraints recorded yet.\n");
        return out.into_string();
    }
    for group in &p.constraints {
        writeln!(out, "## {}\n", or_gap(&group.category, "General"));
        out.bullets(&group.rules, "No rules in this category yet.");
    }
    out.into_string()
}
