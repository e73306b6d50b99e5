//! `environments.md`: environments and the settings matrix.

use super::*;

pub fn environments(l: &Lookup) -> String {
    let p = l.project;
    let e = &p.environments;
    let mut out = Markdown::new();
    out.header(p, "Environments");
    out.push_str("## Environments\n\n");
    if e.environments.is_empty() {
        out.push_str("No environments recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = e
            .environments
            .iter()
            .map(|env| {
                vec![
                    Cell::text(&env.name),
                    Cell::text(&env.purpose),
                    Cell::text(&env.url),
                    Cell::text(&env.access),
                ]
            })
            .collect();
        out.table(&["Environment", "Purpose", "URL", "Access"], &rows);
    }
    out.push_str("## Settings by environment\n\n");
    if e.settings.is_empty() || e.environments.is_empty() {
        out.push_str("No environment settings recorded yet.\n\n");
    } else {
        let mut header = vec![Cell::fixed("Setting")];
        header.extend(e.environments.iter().map(|env| Cell::text(&env.name)));
        let rows: Vec<Vec<Cell>> = e
            .settings
            .iter()
            .map(|setting| {
                let mut row = vec![Cell::text(&setting.name)];
                row.extend(
                    e.environments
                        .iter()
                        .map(|env| Cell::text(setting.values.get(&env.id).map_or("", String::as_str))),
                );
                row
            })
            .collect();
        out.table_with_header(&header, &rows);
    }
    out.into_string()
}
