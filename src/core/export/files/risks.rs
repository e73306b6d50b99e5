//! `risks.md`: the risk assessment and approval.

use super::*;

pub fn risks(l: &Lookup) -> String {
    let p = l.project;
    let mut out = Markdown::new();
    out.header(p, "Risks and approval");
    out.push_str("## Risk assessment\n\n");
    if p.risks.is_empty() {
        out.push_str("No risks recorded yet.\n\n");
    }
    for &level in RiskLevel::VARIANTS {
        let risks: Vec<&Risk> = p.risks.iter().filter(|r| r.level == level).collect();
        if risks.is_empty() {
            continue;
        }
        writeln!(out, "### {} risk\n", level.label());
        for risk in risks {
            writeln!(
                out,
                "- **{}**. Mitigation: {}",
                or_gap(&risk.risk, "Unnamed risk"),
                or_gap(&risk.mitigation, "none recorded")
            );
        }
        out.push('\n');
    }
    out.push_str("## Questions for approval\n\n");
    if p.approval.questions.is_empty() {
        out.push_str("No questions for approval recorded yet.\n\n");
    }
    for (index, q) in p.approval.questions.iter().enumerate() {
        let topic = inline(&q.topic);
        let answer = inline(&q.answer);
        writeln!(
            out,
            "{}. {}{}{}",
            index + 1,
            if topic.is_empty() {
                String::new()
            } else {
                format!("**{topic}:** ")
            },
            or_gap(&q.question, "no question written"),
            if answer.is_empty() {
                String::new()
            } else {
                format!(" Answer: {answer}")
            }
        );
    }
    if !p.approval.questions.is_empty() {
        out.push('\n');
    }
    out.push_str("## Approval status\n\n");
    writeln!(out, "**{}**", p.approval.status.label());
    if !p.approval.approvers.is_empty() {
        writeln!(out, "\nApprovers: {}", inline(&p.approval.approvers.join(", ")));
    }
    out.into_string()
}
