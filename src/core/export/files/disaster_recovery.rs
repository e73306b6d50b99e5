//! `disaster-recovery.md`: backups, recovery targets and the failover procedure.

use super::*;

pub fn disaster_recovery(l: &Lookup) -> String {
    let p = l.project;
    let dr = &p.disaster_recovery;
    let mut out = Markdown::new();
    out.header(p, "Disaster recovery");
    out.push_str("## Backup strategy\n\n");
    let backed_up: Vec<&Component> = p.components.iter().filter(|c| c.backup.is_some()).collect();
    if backed_up.is_empty() {
        out.push_str("No backups recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = backed_up
            .iter()
            .filter_map(|c| {
                let b = c.backup.as_ref()?;
                Some(vec![
                    Cell::text(&c.name),
                    Cell::text(&b.frequency),
                    Cell::text(&b.retention),
                    Cell::text(&b.location),
                ])
            })
            .collect();
        out.table(&["Component", "Frequency", "Retention", "Location"], &rows);
    }
    let unprotected: Vec<ComponentId> = p
        .components
        .iter()
        .filter(|c| c.kind.holds_data() && c.backup.is_none())
        .map(|c| c.id)
        .collect();
    if !unprotected.is_empty() {
        writeln!(
            out,
            "Data components with no backup recorded: {}.\n",
            l.component_names(&unprotected)
        );
    }
    out.push_str("## Recovery targets\n\n");
    out.table(
        &["Metric", "Target"],
        &[
            vec![Cell::fixed("RTO (recovery time objective)"), Cell::text(&dr.rto)],
            vec![Cell::fixed("RPO (recovery point objective)"), Cell::text(&dr.rpo)],
        ],
    );
    out.push_str("## Failover procedure\n\n");
    if dr.failover_steps.is_empty() {
        out.push_str("No failover procedure recorded yet.\n\n");
    } else {
        for (index, step) in dr.failover_steps.iter().enumerate() {
            writeln!(out, "{}. {}", index + 1, inline(step));
        }
        out.push('\n');
    }
    let notes = block(&dr.notes);
    if !notes.is_empty() {
        writeln!(out, "## Notes\n\n{notes}\n");
    }
    out.into_string()
}
