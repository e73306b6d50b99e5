//! `security.md`: threats, compliance, exposure and encryption, secrets, checklist.

use super::*;

pub fn security(l: &Lookup) -> String {
    let p = l.project;
    let s = &p.security;
    let mut out = Markdown::new();
    out.header(p, "Security");
    out.push_str("## Threats and mitigations\n\n");
    if s.threats.is_empty() {
        out.push_str("No threats recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = s
            .threats
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.threat),
                    Cell::fixed(t.severity.label()),
                    Cell::text(&t.mitigations.join("\n")),
                    Cell::text(&l.component_names(&t.components)),
                ]
            })
            .collect();
        out.table(&["Threat", "Severity", "Mitigations", "Components"], &rows);
    }
    out.push_str("## Compliance\n\n");
    if s.compliance.is_empty() {
        out.push_str("No compliance requirements recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = s
            .compliance
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.standard),
                    Cell::text(&c.requirement),
                    Cell::text(&c.approach),
                ]
            })
            .collect();
        out.table(&["Standard", "Requirement", "How it is met"], &rows);
    }
    out.push_str("## Exposure and encryption\n\n");
    if p.components.is_empty() {
        out.push_str("No components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = p
            .components
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.name),
                    Cell::text(&l.layer_name(c.layer)),
                    Cell::fixed(c.exposure.label()),
                    Cell::text(&c.encryption.at_rest),
                    Cell::text(&c.encryption.in_transit),
                ]
            })
            .collect();
        out.table(
            &[
                "Component",
                "Layer",
                "Exposure",
                "Encryption at rest",
                "Encryption in transit",
            ],
            &rows,
        );
    }
    out.push_str("## Secrets handling\n\n");
    let secrets = block(&s.secrets_handling);
    writeln!(
        out,
        "{}\n",
        if secrets.is_empty() {
            "No secrets handling recorded yet.".to_owned()
        } else {
            secrets
        }
    );
    out.push_str("## Security checklist\n\n");
    checklist(&mut out, &s.checklist, "No checklist items recorded yet.");
    out.into_string()
}
