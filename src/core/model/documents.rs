//! The project-wide parts of the spec: everything that is not a box or an
//! arrow on the topology.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ComponentId, EnvironmentId};

/// System context: the use case and the load, data, latency, scale,
/// compliance and budget the design must meet.
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

/// Environments and the settings matrix (each setting's value per
/// environment).
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

/// A testable statement about the infrastructure (given / when / then).
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

/// Rules of one category that the implementation must follow.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConstraintGroup {
    pub category: String,
    pub rules: Vec<String>,
}

/// A vocabulary entry: a term the spec uses and what it means.
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

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    Hash,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
pub enum Severity {
    Info,
    #[default]
    Warning,
    Critical,
}

impl Severity {
    /// The order pickers offer: the most severe first (the variants are
    /// declared least severe first, so that `Ord` ranks them).
    pub const MOST_SEVERE_FIRST: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Info];

    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// Observability objectives: metrics, logs, traces, alerts, dashboards
/// and SLA targets.
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

/// Recovery targets (RTO/RPO) and the failover procedure. Backups are
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

/// Deployment process: scaling, the CI/CD pipeline, the strategy per
/// environment, rollback and testing.
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

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    Hash,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
pub enum RiskLevel {
    High,
    #[default]
    Medium,
    Low,
}

impl RiskLevel {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// Questions the approvers must answer before the plan goes ahead.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Approval {
    pub status: ApprovalStatus,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvers: Vec<String>,
    pub questions: Vec<ApprovalQuestion>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum ApprovalStatus {
    #[default]
    #[strum(serialize = "Not requested")]
    NotRequested,
    #[strum(serialize = "Awaiting approval")]
    Awaiting,
    Approved,
    Rejected,
}

impl ApprovalStatus {
    pub fn label(self) -> &'static str {
        self.into()
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

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum QuestionStatus {
    #[default]
    Open,
    Answered,
    Deferred,
}

impl QuestionStatus {
    pub fn label(self) -> &'static str {
        self.into()
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
