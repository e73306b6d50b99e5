//! `tradeoffs.md`: every decision at a glance and in full.

use super::decision::{self, decision_link, status_text};
use super::*;

pub fn tradeoffs(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Tradeoffs");
    if p.decisions.is_empty() {
        out.push_str("No decisions recorded yet.\n");
        return out.into_string();
    }
    let rows: Vec<Vec<Cell>> = p
        .decisions
        .iter()
        .map(|d| {
            vec![
                Cell::markdown(decision_link(d, "decisions/")),
                Cell::text(&d.title),
                Cell::markdown(status_text(l, d)),
                Cell::text(&d.date),
                d.chosen_option().map_or(Cell::fixed("—"), |o| Cell::text(&o.name)),
            ]
        })
        .collect();
    out.table(&["Record", "Decision", "Status", "Date", "Chosen option"], &rows);
    for decision in &p.decisions {
        decision::section(&mut out, l, decision);
    }
    out.into_string()
}
