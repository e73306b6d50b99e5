//! `changelog.md`: versions of the spec.

use super::*;

pub fn changelog(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Changelog");
    if p.changelog.is_empty() {
        out.push_str("No changes recorded yet.\n");
        return out.into_string();
    }
    for entry in &p.changelog {
        writeln!(
            out,
            "## {} · v{} · {}\n",
            or_gap(&entry.date, "undated"),
            inline(entry.version.trim_start_matches('v')),
            or_gap(&entry.title, "Untitled")
        );
        out.bullets(&entry.changes, "No changes listed.");
    }
    out.into_string()
}
