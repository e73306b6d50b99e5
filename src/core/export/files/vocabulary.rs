//! `vocabulary.md`: the terms the spec uses, by category.

use super::*;

pub fn vocabulary(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Vocabulary");
    if p.vocabulary.is_empty() {
        out.push_str("No terms defined yet.\n");
        return out.into_string();
    }
    let mut categories: Vec<String> = Vec::new();
    for term in &p.vocabulary {
        let category = inline(&term.category);
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    for category in categories {
        writeln!(
            out,
            "## {}\n",
            if category.is_empty() {
                "General".to_owned()
            } else {
                category.clone()
            }
        );
        for term in p.vocabulary.iter().filter(|t| inline(&t.category) == category) {
            writeln!(out, "### {}\n", name_of(&term.term));
            writeln!(out, "{}\n", or_gap(&term.definition, "Not defined yet."));
            if !term.details.is_empty() {
                out.bullets(&term.details, "");
            }
        }
    }
    out.into_string()
}
