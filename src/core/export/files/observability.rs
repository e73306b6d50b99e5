//! `observability.md`: metrics, logs, traces, alerts, dashboards and SLA targets.

use super::*;

pub fn observability(l: &Lookup) -> String {
    let p = l.project;
    let o = &p.observability;
    let mut out = Markdown::new();
    out.header(p, "Observability");
    for (title, signals, empty) in [
        ("Metrics", &o.metrics, "No metrics recorded yet."),
        ("Logs", &o.logs, "No logs recorded yet."),
        ("Traces", &o.traces, "No traces recorded yet."),
    ] {
        writeln!(out, "## {title}\n");
        signal_list(&mut out, signals, empty);
    }
    out.push_str("## Alerts\n\n");
    if o.alerts.is_empty() {
        out.push_str("No alerts recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = o
            .alerts
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&a.name),
                    Cell::text(&a.condition),
                    Cell::fixed(a.severity.label()),
                    Cell::text(&a.action),
                ]
            })
            .collect();
        out.table(&["Alert", "Condition", "Severity", "Action"], &rows);
    }
    out.push_str("## Dashboards\n\n");
    signal_list(&mut out, &o.dashboards, "No dashboards recorded yet.");
    out.push_str("## SLA targets\n\n");
    objectives(&mut out, &o.sla_targets, "No SLA targets recorded yet.");
    out.into_string()
}

fn signal_list(out: &mut Markdown, signals: &[Signal], empty: &str) {
    if signals.is_empty() {
        writeln!(out, "{empty}\n");
        return;
    }
    for signal in signals {
        let detail = inline(&signal.detail);
        if detail.is_empty() {
            writeln!(out, "- **{}**", name_of(&signal.name));
        } else {
            writeln!(out, "- **{}**: {detail}", name_of(&signal.name));
        }
    }
    out.push('\n');
}
