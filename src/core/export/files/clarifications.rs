//! `clarifications.md`: open questions.

use super::*;

pub fn clarifications(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Clarifications");
    out.push_str("## Open questions\n\n");
    if p.open_questions.is_empty() {
        out.push_str("No open questions recorded yet.\n");
        return out.into_string();
    }
    let rows: Vec<Vec<Cell>> = p
        .open_questions
        .iter()
        .enumerate()
        .map(|(index, q)| {
            vec![
                Cell::figure(index + 1),
                Cell::text(&q.question),
                Cell::text(&q.impact),
                Cell::fixed(q.status.label()),
                Cell::text(&q.answer),
            ]
        })
        .collect();
    out.table(&["#", "Question", "Impact", "Status", "Answer"], &rows);
    out.into_string()
}
