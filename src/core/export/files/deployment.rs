//! `deployment.md`: scaling, the CI/CD pipeline, strategies, rollback and testing.

use super::*;

pub fn deployment(l: &Lookup) -> String {
    let p = l.project;
    let pipeline = l.pipeline();
    let d = &p.deployment;
    let mut out = Markdown::new();
    out.header(p, "Deployment");
    out.push_str("## Scaling strategy\n\n### Horizontal scaling\n\n");
    let horizontal: Vec<&Component> = p
        .components
        .iter()
        .filter(|c| c.scaling.strategy == ScalingStrategy::Horizontal)
        .collect();
    if horizontal.is_empty() {
        out.push_str("No horizontally scaled components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = horizontal
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.name),
                    Cell::text(&c.scaling.trigger),
                    c.scaling.min.map_or(Cell::fixed("—"), Cell::figure),
                    c.scaling.max.map_or(Cell::fixed("—"), Cell::figure),
                ]
            })
            .collect();
        out.table(&["Component", "Trigger", "Min", "Max"], &rows);
    }
    out.push_str("### Vertical scaling\n\n");
    let vertical: Vec<&Component> = p
        .components
        .iter()
        .filter(|c| c.scaling.strategy == ScalingStrategy::Vertical)
        .collect();
    if vertical.is_empty() {
        out.push_str("No vertically scaled components recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = vertical
            .iter()
            .map(|c| vec![Cell::text(&c.name), Cell::text(&c.scaling.trigger)])
            .collect();
        out.table(&["Component", "When to scale up"], &rows);
    }
    let managed: Vec<ComponentId> = p
        .components
        .iter()
        .filter(|c| matches!(c.scaling.strategy, ScalingStrategy::Managed | ScalingStrategy::Fixed))
        .map(|c| c.id)
        .collect();
    if !managed.is_empty() {
        writeln!(
            out,
            "Fixed or provider-managed capacity: {}.\n",
            l.component_names(&managed)
        );
    }
    let notes = block(&d.scaling_notes);
    if !notes.is_empty() {
        writeln!(out, "{notes}\n");
    }
    out.push_str("## CI/CD pipeline\n\n");
    match pipeline {
        None => out.push_str("No pipeline stages recorded yet.\n\n"),
        Some(diagram) => {
            out.push_generated(&diagram.fenced());
            out.push('\n');
            for (index, stage) in d.pipeline.iter().enumerate() {
                let gate = if stage.approval_gate { " (approval gate)" } else { "" };
                let detail = inline(&stage.detail);
                writeln!(
                    out,
                    "{}. **{}**{gate}{}",
                    index + 1,
                    name_of(&stage.name),
                    if detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {detail}")
                    }
                );
            }
            out.push('\n');
        }
    }
    out.push_str("## Deployment strategy\n\n");
    if d.strategies.is_empty() {
        out.push_str("No deployment strategies recorded yet.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = d
            .strategies
            .iter()
            .map(|s| {
                vec![
                    Cell::text(&s.environment),
                    Cell::text(&s.strategy),
                    Cell::text(&s.rollback),
                ]
            })
            .collect();
        out.table(&["Environment", "Strategy", "Rollback"], &rows);
    }
    out.push_str("## Deployment checklist\n\n");
    checklist(&mut out, &d.checklist, "No checklist items recorded yet.");
    out.push_str("## Rollback plan\n\n");
    if d.rollback_plan.is_empty() {
        out.push_str("No rollback plan recorded yet.\n\n");
    }
    for stage in &d.rollback_plan {
        let downtime = inline(&stage.expected_downtime);
        writeln!(
            out,
            "### {}{}\n",
            or_gap(&stage.stage, "Rollback stage"),
            if downtime.is_empty() {
                String::new()
            } else {
                format!(" (expected downtime: {downtime})")
            }
        );
        for (index, step) in stage.steps.iter().enumerate() {
            writeln!(out, "{}. {}", index + 1, inline(step));
        }
        out.push('\n');
    }
    out.push_str("## Testing plan\n\n### Before deployment\n\n");
    checklist(
        &mut out,
        &d.testing_plan.pre_deployment,
        "No pre-deployment tests recorded yet.",
    );
    out.push_str("### After deployment\n\n");
    checklist(
        &mut out,
        &d.testing_plan.post_deployment,
        "No post-deployment tests recorded yet.",
    );
    out.into_string()
}
