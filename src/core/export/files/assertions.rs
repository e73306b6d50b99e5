//! `assertions.md`: testable statements (given / when / then).

use super::*;

pub fn assertions(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Assertions");
    if p.assertions.is_empty() {
        out.push_str("No assertions recorded yet.\n");
        return out.into_string();
    }
    for (index, a) in p.assertions.iter().enumerate() {
        writeln!(out, "## {}. {}\n", index + 1, or_gap(&a.title, "Untitled assertion"));
        if !a.category.trim().is_empty() {
            writeln!(out, "_Category: {}_\n", inline(&a.category));
        }
        writeln!(out, "- **Given:** {}", or_gap(&a.given, "not stated"));
        writeln!(out, "- **When:** {}", or_gap(&a.when, "not stated"));
        writeln!(out, "- **Then:** {}", or_gap(&a.then, "not stated"));
        for and in &a.and {
            writeln!(out, "- **And:** {}", inline(and));
        }
        writeln!(out, "- **Components:** {}\n", l.component_names(&a.components));
    }
    out.into_string()
}
