//! The project-wide parts of the spec: everything that is not a box or an
//! arrow on the topology.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ComponentId, EnvironmentId};

/// System context (seed 000 §1, 002 §1).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Context {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub use_case: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub traffic: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub data_volumes: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub latency: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scale: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub compliance: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub budget: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team_constraints: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub slos: Vec<Objective>,
}

/// A measurable target: an SLO in the context, an SLA target in
/// observability.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Objective {
    pub metric: String,
    pub target: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub measurement: String,
}

/// Environments and the settings matrix (seed 003 §3).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Environments {
    pub environments: Vec<Environment>,
    /// Rows of the settings matrix; each row maps environment → value.
    pub settings: Vec<Setting>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Environment {
    pub id: EnvironmentId,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub access: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Setting {
    pub name: String,
    pub values: BTreeMap<EnvironmentId, String>,
}

/// A testable statement about the infrastructure (seed 002 §5).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assertion {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category: String,
    pub given: String,
    pub when: String,
    pub then: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub and: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<ComponentId>,
}

/// Rules of one category (seed 002 §8, 003 §10).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConstraintGroup {
    pub category: String,
    pub rules: Vec<String>,
}

/// A vocabulary entry (seed 002 §7).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub category: String,
    pub definition: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    pub threats: Vec<Threat>,
    pub compliance: Vec<ComplianceItem>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub secrets_handling: String,
    pub checklist: Vec<ChecklistItem>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Threat {
    pub threat: String,
    #[serde(skip_serializing_if = "is_default_severity")]
    pub severity: Severity,
    pub mitigations: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<ComponentId>,
}

fn is_default_severity(severity: &Severity) -> bool {
    *severity == Severity::default()
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComplianceItem {
    /// The standard or regulation, e.g. `PCI DSS 4.0` or `GDPR`.
    pub standard: String,
    pub requirement: String,
    /// How the architecture meets it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub approach: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChecklistItem {
    pub item: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    #[default]
    Warning,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Info];
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Critical => "Critical",
        }
    }
}

/// Observability objectives (seed 001, 003 §8).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Observability {
    pub metrics: Vec<Signal>,
    pub logs: Vec<Signal>,
    pub traces: Vec<Signal>,
    pub alerts: Vec<Alert>,
    pub dashboards: Vec<Signal>,
    pub sla_targets: Vec<Objective>,
}

/// A named metric, log stream, trace or dashboard and what it tells.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Signal {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Alert {
    pub name: String,
    pub condition: String,
    pub severity: Severity,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub action: String,
}

/// Recovery targets and the failover procedure (seed 003 §7). Backups are
/// recorded per component.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DisasterRecovery {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rto: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rpo: String,
    pub failover_steps: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// Project-wide cost information; per-component costs live on components.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CostPlan {
    /// Shown once per project, e.g. `USD`.
    pub currency: String,
    /// Costs not tied to one component (data transfer, support plans).
    pub other: Vec<CostLine>,
    pub optimisations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CostLine {
    pub item: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<super::CostRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed: Option<super::CostRange>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Deployment process (seed 003 §5–6, 004).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deployment {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scaling_notes: String,
    /// CI/CD stages in order.
    pub pipeline: Vec<PipelineStage>,
    pub strategies: Vec<DeploymentStrategy>,
    pub checklist: Vec<ChecklistItem>,
    pub rollback_plan: Vec<RollbackStep>,
    pub testing_plan: TestingPlan,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineStage {
    pub name: String,
    /// A manual gate: drawn as a decision diamond, with the stage to return
    /// to when the gate says no.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approval_gate: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub on_reject: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeploymentStrategy {
    pub environment: String,
    pub strategy: String,
    pub rollback: String,
}

/// One stage of the rollback plan: when it applies and what to do.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RollbackStep {
    pub stage: String,
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub expected_downtime: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TestingPlan {
    pub pre_deployment: Vec<ChecklistItem>,
    pub post_deployment: Vec<ChecklistItem>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Risk {
    pub level: RiskLevel,
    pub risk: String,
    pub mitigation: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, PartialOrd, Ord)]
pub enum RiskLevel {
    High,
    #[default]
    Medium,
    Low,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 3] = [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low];
    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::High => "High",
            RiskLevel::Medium => "Medium",
            RiskLevel::Low => "Low",
        }
    }
}

/// Questions the approvers must answer before the plan goes ahead (004).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Approval {
    pub status: ApprovalStatus,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvers: Vec<String>,
    pub questions: Vec<ApprovalQuestion>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum ApprovalStatus {
    #[default]
    NotRequested,
    Awaiting,
    Approved,
    Rejected,
}

impl ApprovalStatus {
    pub const ALL: [ApprovalStatus; 4] = [
        ApprovalStatus::NotRequested,
        ApprovalStatus::Awaiting,
        ApprovalStatus::Approved,
        ApprovalStatus::Rejected,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ApprovalStatus::NotRequested => "Not requested",
            ApprovalStatus::Awaiting => "Awaiting approval",
            ApprovalStatus::Approved => "Approved",
            ApprovalStatus::Rejected => "Rejected",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApprovalQuestion {
    pub topic: String,
    pub question: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenQuestion {
    pub question: String,
    pub impact: String,
    pub status: QuestionStatus,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum QuestionStatus {
    #[default]
    Open,
    Answered,
    Deferred,
}

impl QuestionStatus {
    pub const ALL: [QuestionStatus; 3] = [QuestionStatus::Open, QuestionStatus::Answered, QuestionStatus::Deferred];
    pub fn label(self) -> &'static str {
        match self {
            QuestionStatus::Open => "Open",
            QuestionStatus::Answered => "Answered",
            QuestionStatus::Deferred => "Deferred",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChangelogEntry {
    pub version: String,
    /// ISO date `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub changes: Vec<String>,
}
