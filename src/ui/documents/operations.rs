//! The pages about running the system: observability, disaster recovery,
//! cost and deployment.

use super::*;

pub(super) struct ObservabilityPage;

impl Page for ObservabilityPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut o = project.observability.clone();
        form.undo("Edit observability");
        for (title, what, items) in [
            ("Metrics", "Metric", &mut o.metrics),
            ("Logs", "Log", &mut o.logs),
            ("Traces", "Trace", &mut o.traces),
            ("Dashboards", "Dashboard", &mut o.dashboards),
        ] {
            form.heading(title);
            form.rows(what, items, |row, i, s| {
                let n = i + 1;
                row.cell(&format!("{what} {n} name"), &mut s.name, 180.0);
                row.cell(&format!("{what} {n} detail"), &mut s.detail, 300.0);
            });
        }
        form.heading("Alerts");
        form.rows("Alert", &mut o.alerts, |row, i, a| {
            let n = i + 1;
            row.cell(&format!("Alert {n} name"), &mut a.name, 140.0);
            row.cell(&format!("Alert {n} condition"), &mut a.condition, 180.0);
            row.pick_cell(
                &format!("Alert {n} severity"),
                &mut a.severity,
                &Severity::MOST_SEVERE_FIRST,
                |s| s.label().to_owned(),
            );
            row.cell(&format!("Alert {n} action"), &mut a.action, 160.0);
        });
        form.heading("SLA targets");
        objectives(form, "SLA target", &mut o.sla_targets);
        set_section(form, Section::Observability(o), edits);
    }
}

pub(super) struct DisasterRecoveryPage;

impl Page for DisasterRecoveryPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut dr = project.disaster_recovery.clone();
        form.undo("Edit disaster recovery");
        form.grid("dr", |form| {
            form.text("RTO", &mut dr.rto);
            form.text("RPO", &mut dr.rpo);
            form.long_text("Notes", &mut dr.notes);
        });
        form.heading("Failover steps");
        form.list("Failover step", &mut dr.failover_steps);
        form.ui().weak("Backups are recorded per component, in the inspector.");
        set_section(form, Section::DisasterRecovery(dr), edits);
    }
}

pub(super) struct CostPage;

impl Page for CostPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut cost = project.cost.clone();
        form.undo("Edit cost plan");
        form.grid("cost", |form| {
            form.text("Currency", &mut cost.currency);
        });
        form.heading("Costs not tied to one component (monthly)");
        form.rows("Cost line", &mut cost.other, |row, i, line| {
            let n = i + 1;
            row.cell(&format!("Cost line {n} item"), &mut line.item, 180.0);
            for (what, slot) in [("current", &mut line.current), ("proposed", &mut line.proposed)] {
                row.parsed(
                    Field::line(&format!("Cost line {n} {what}")).hint(what).width(80.0),
                    false,
                    slot,
                    |range| cost_range_text(*range),
                    parse_cost_range,
                );
            }
            row.cell(&format!("Cost line {n} note"), &mut line.note, 160.0);
        });
        form.heading("Optimisations");
        form.list("Optimisation", &mut cost.optimisations);
        set_section(form, Section::Cost(cost), edits);
    }
}

pub(super) struct DeploymentPage;

impl Page for DeploymentPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut d = project.deployment.clone();
        form.undo("Edit deployment");
        form.grid("scaling", |form| {
            form.long_text("Scaling notes", &mut d.scaling_notes);
        });
        form.heading("Pipeline stages (in order)");
        pipeline(form, &mut d.pipeline);
        form.heading("Strategies per environment");
        form.rows("Strategy", &mut d.strategies, |row, i, s| {
            let n = i + 1;
            row.cell(&format!("Strategy {n} environment"), &mut s.environment, 120.0);
            row.cell(&format!("Strategy {n}"), &mut s.strategy, 160.0);
            row.cell(&format!("Strategy {n} rollback"), &mut s.rollback, 200.0);
        });
        form.heading("Deployment checklist");
        checklist(form, "Deployment check", &mut d.checklist);
        form.heading("Rollback plan");
        form.cards("Rollback stage", &mut d.rollback_plan, |card, i, r| {
            let n = i + 1;
            card.horizontal(|form| {
                form.cell(&format!("Rollback {n} stage"), &mut r.stage, 200.0);
                form.cell(
                    &format!("Rollback {n} expected downtime"),
                    &mut r.expected_downtime,
                    140.0,
                );
            });
            card.list(&format!("Rollback {n} step"), &mut r.steps);
        });
        form.heading("Testing plan: before deployment");
        checklist(form, "Pre-deployment test", &mut d.testing_plan.pre_deployment);
        form.heading("Testing plan: after deployment");
        checklist(form, "Post-deployment test", &mut d.testing_plan.post_deployment);
        set_section(form, Section::Deployment(d), edits);
    }
}

/// The pipeline stages; a stage with an approval gate says where a
/// rejection sends the change: another stage that exists, or nowhere.
fn pipeline(form: &mut Form, stages: &mut Vec<PipelineStage>) {
    let stage_names: Vec<String> = stages.iter().map(|s| s.name.clone()).collect();
    form.rows("Stage", stages, |row, i, s| {
        let n = i + 1;
        row.cell(&format!("Stage {n} name"), &mut s.name, 140.0);
        row.check("Approval gate", &mut s.approval_gate);
        if s.approval_gate {
            const NOWHERE: usize = usize::MAX;
            let mut chosen = stage_names
                .iter()
                .position(|name| *name == s.on_reject)
                .unwrap_or(NOWHERE);
            let current = chosen;
            let choices: Vec<usize> = std::iter::once(NOWHERE)
                .chain((0..stage_names.len()).filter(|&k| k != i))
                .collect();
            let unknown = s.on_reject.clone();
            let named = row.pick_cell(
                &format!("Stage {n} on reject"),
                &mut chosen,
                &choices,
                |k| match stage_names.get(k) {
                    Some(name) => format!("back to {name}"),
                    None if k == current && !unknown.is_empty() => format!("back to {unknown} (no such stage)"),
                    None => "(nowhere)".to_owned(),
                },
            );
            if named {
                s.on_reject = stage_names.get(chosen).cloned().unwrap_or_default();
            }
        }
        row.cell(&format!("Stage {n} detail"), &mut s.detail, 200.0);
    });
}
