//! A decision as the spec shows it: in full as a section of
//! `tradeoffs.md`, and as an MADR record `decisions/NNNN-slug.md`. Both
//! forms read the decision through [`DecisionText`], so a field is escaped
//! and worded the same way in each.

use super::*;

/// `[ADR-0007](decisions/0007-slug.md)`, relative to `folder` (the path from
/// the linking file to the `decisions/` folder).
pub fn decision_link(decision: &Decision, folder: &str) -> String {
    format!("[{}]({folder}{})", decision.adr_label(), decision_file_name(decision))
}

/// The facts of a decision that both forms state, escaped.
struct DecisionText {
    /// `ADR-0007: Title`.
    heading: String,
    /// `Accepted`, or `Superseded by ADR-0009`.
    status: String,
    date: String,
    deciders: String,
    components: String,
    context: String,
}

impl DecisionText {
    fn new(l: &Lookup, decision: &Decision) -> DecisionText {
        let context = block(&decision.context);
        DecisionText {
            heading: format!("{}: {}", decision.adr_label(), name_of(&decision.title)),
            status: status_text(l, decision),
            date: or_gap(&decision.date, "not decided"),
            deciders: if decision.deciders.is_empty() {
                "_not recorded_".to_owned()
            } else {
                inline(&decision.deciders.join(", "))
            },
            components: l.component_names(&decision.components),
            context: if context.is_empty() {
                "_No context written yet._".to_owned()
            } else {
                context
            },
        }
    }
}

/// The status as a sentence fragment: `Accepted`, `Superseded by ADR-0009`.
pub(super) fn status_text(l: &Lookup, decision: &Decision) -> String {
    match decision.status {
        DecisionStatus::Superseded { by } => format!("Superseded by {}", l.decision_ref(by)),
        other => other.label().to_owned(),
    }
}

/// An option's own description, when it has one.
fn option_description(out: &mut Markdown, option: &DecisionOption) {
    let description = block(&option.description);
    if !description.is_empty() {
        writeln!(out, "{description}\n");
    }
}

fn review_notes(out: &mut Markdown, decision: &Decision) {
    if decision.review_notes.is_empty() {
        return;
    }
    out.push_str("**Review notes:**\n\n");
    for note in &decision.review_notes {
        let attendees = if note.attendees.is_empty() {
            String::new()
        } else {
            format!(" (attendees: {})", inline(&note.attendees.join(", ")))
        };
        writeln!(
            out,
            "- {}{attendees}: {}",
            or_gap(&note.date, "undated"),
            inline(&note.note)
        );
    }
    out.push('\n');
}

/// The decision's section of `tradeoffs.md`.
pub fn section(out: &mut Markdown, l: &Lookup, decision: &Decision) {
    let text = DecisionText::new(l, decision);
    writeln!(out, "## {}\n", text.heading);
    writeln!(
        out,
        "- **Status:** {}\n- **Date:** {}\n- **Deciders:** {}\n- **Affected components:** {}\n",
        text.status, text.date, text.deciders, text.components
    );
    out.push_str("### Context\n\n");
    writeln!(out, "{}\n", text.context);
    if !decision.drivers.is_empty() {
        out.push_str("### Drivers\n\n");
        out.bullets(&decision.drivers, "");
    }
    out.push_str("### Options\n\n");
    if decision.options.is_empty() {
        out.push_str("No options recorded yet.\n\n");
    }
    for option in &decision.options {
        let chosen = if decision.chosen == Some(option.id) {
            " (chosen)"
        } else {
            ""
        };
        writeln!(out, "#### {}{chosen}\n", name_of(&option.name));
        option_description(out, option);
        out.push_str("**Pros:**\n\n");
        out.bullets(&option.pros, "_None recorded._");
        out.push_str("**Cons:**\n\n");
        out.bullets(&option.cons, "_None recorded._");
        if !option.cost_note.trim().is_empty() {
            writeln!(out, "**Cost:** {}\n", inline(&option.cost_note));
        }
    }
    out.push_str("### Decision\n\n");
    match decision.chosen_option() {
        Some(option) => writeln!(out, "**Chosen:** {}\n", name_of(&option.name)),
        None => out.push_str("_No option chosen yet._\n\n"),
    }
    let rationale = block(&decision.rationale);
    writeln!(
        out,
        "**Rationale:** {}\n",
        if rationale.is_empty() {
            "_not written yet_".to_owned()
        } else {
            rationale
        }
    );
    if !decision.consequences.is_empty() {
        out.push_str("**Consequences:**\n\n");
        out.bullets(&decision.consequences, "");
    }
    review_notes(out, decision);
}

/// A decision in MADR form (`decisions/NNNN-slug.md`).
pub fn decision_record(l: &Lookup, decision: &Decision) -> String {
    let text = DecisionText::new(l, decision);
    let mut out = Markdown::new();
    out.nested_header(l.project, &text.heading);
    writeln!(
        out,
        "- Status: {}\n- Date: {}\n- Deciders: {}\n- Affected components: {}\n",
        text.status.to_lowercase(),
        text.date,
        text.deciders,
        text.components
    );
    out.push_str("## Context and problem statement\n\n");
    writeln!(out, "{}\n", text.context);
    out.push_str("## Decision drivers\n\n");
    out.bullets(&decision.drivers, "No drivers recorded yet.");
    out.push_str("## Considered options\n\n");
    let names: Vec<String> = decision.options.iter().map(|o| name_of(&o.name)).collect();
    out.bullets(&names, "No options recorded yet.");
    out.push_str("## Decision outcome\n\n");
    match decision.chosen_option() {
        Some(option) => {
            let rationale = inline(&decision.rationale);
            if rationale.is_empty() {
                writeln!(
                    out,
                    "Chosen option: \"{}\" (no rationale written yet).\n",
                    name_of(&option.name)
                );
            } else {
                writeln!(
                    out,
                    "Chosen option: \"{}\", because {rationale}\n",
                    name_of(&option.name)
                );
            }
        }
        None => out.push_str("No option chosen yet.\n\n"),
    }
    if !decision.consequences.is_empty() {
        out.push_str("### Consequences\n\n");
        out.bullets(&decision.consequences, "");
    }
    out.push_str("## Pros and cons of the options\n\n");
    if decision.options.is_empty() {
        out.push_str("No options recorded yet.\n\n");
    }
    for option in &decision.options {
        writeln!(out, "### {}\n", name_of(&option.name));
        option_description(&mut out, option);
        for pro in &option.pros {
            writeln!(out, "- Good, because {}", inline(pro));
        }
        for con in &option.cons {
            writeln!(out, "- Bad, because {}", inline(con));
        }
        if !option.cost_note.trim().is_empty() {
            writeln!(out, "- Cost: {}", inline(&option.cost_note));
        }
        out.push('\n');
    }
    review_notes(&mut out, decision);
    out.push_str("Back to [tradeoffs.md](../tradeoffs.md).\n");
    out.into_string()
}
