//! The architecture model: plain serde types with no GUI dependency.
//!
//! Invariants a valid project keeps (checked by [`crate::check`], repaired by
//! the edits in [`crate::edit`]):
//! - every id is unique within its kind;
//! - every reference (a component's layer and zone, a dependency's ends, a
//!   decision's links and successor, a zone's parent) names something that
//!   exists;
//! - zones form a forest (no zone is its own ancestor).
//!
//! Collections are `Vec`s in the order the architect sees them; ids, not
//! positions, are used for references, so reordering never breaks a link.

mod cost;
mod documents;
mod ids;
mod zones;

pub use cost::CostRange;
pub use documents::*;
pub use ids::*;
/// The list of an enum's variants (`ComponentKind::VARIANTS`), derived
/// so it stays in step with the enum; re-exported so that every user of
/// the model can read it.
pub use strum::VariantArray;

use serde::{Deserialize, Serialize};

pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// One architecture: its topology, its knowledge and its spec documents.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    pub meta: Meta,
    pub context: Context,
    pub layers: Vec<Layer>,
    pub zones: Vec<Zone>,
    pub components: Vec<Component>,
    pub dependencies: Vec<Dependency>,
    pub decisions: Vec<Decision>,
    pub environments: Environments,
    pub assertions: Vec<Assertion>,
    pub constraints: Vec<ConstraintGroup>,
    pub vocabulary: Vec<Term>,
    pub security: Security,
    pub observability: Observability,
    pub disaster_recovery: DisasterRecovery,
    pub cost: CostPlan,
    pub deployment: Deployment,
    pub risks: Vec<Risk>,
    pub approval: Approval,
    pub open_questions: Vec<OpenQuestion>,
    pub changelog: Vec<ChangelogEntry>,
    /// Lint rules this project has decided to ignore, each with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_suppressions: Vec<LintSuppression>,
}

/// A lint rule hidden for one project, and why (e.g. "the buckets are
/// filled by hand"). The export lists it so a reviewer sees what was waived.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintSuppression {
    /// A lint code such as `L005`; structural problems cannot be hidden.
    pub code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Project {
    /// Whether findings of lint `code` are hidden in this project.
    pub fn suppresses(&self, code: &str) -> bool {
        code.starts_with('L') && self.lint_suppressions.iter().any(|s| s.code == code)
    }
}

/// Who, what and how far along: the header of every exported file.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    pub version: String,
    pub status: SpecStatus,
    /// ISO date `YYYY-MM-DD`.
    pub last_updated: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    /// The project's identity, created once and kept through renames and
    /// copies; an export folder records it so another project never
    /// replaces it. Files from before identities have none (see
    /// [`crate::store::identify`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The project as it stood at its last decision review: the snapshot
    /// written beside that review's minutes, relative to the project file's
    /// folder when it lies under it. Review mode shows what changed since.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub last_review: String,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum SpecStatus {
    #[default]
    Draft,
    Review,
    Approved,
}

impl SpecStatus {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// A horizontal band of the topology. Layers are drawn in the order they
/// appear in [`Project::layers`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layer {
    pub id: LayerId,
    pub name: String,
    pub kind: LayerKind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub isolation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub security: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scaling: String,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum LayerKind {
    Edge,
    Network,
    Integration,
    Compute,
    Data,
    Storage,
    Observability,
    Security,
    #[default]
    Custom,
}

impl LayerKind {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// A grouping of components: region, availability zone, VPC, trust
/// boundary... Zones nest through `parent`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Zone {
    pub id: ZoneId,
    pub name: String,
    pub kind: ZoneKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<ZoneId>,
    /// Reachable from the internet (a public subnet, say) or not.
    #[serde(skip_serializing_if = "is_default")]
    pub public: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum ZoneKind {
    Region,
    #[strum(serialize = "Availability zone")]
    AvailabilityZone,
    #[strum(serialize = "VPC")]
    Vpc,
    Subnet,
    Cluster,
    #[strum(serialize = "Trust boundary")]
    TrustBoundary,
    #[default]
    #[strum(serialize = "Zone")]
    Custom,
}

impl ZoneKind {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// A box on the topology and everything the spec says about it.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Component {
    pub id: ComponentId,
    pub name: String,
    pub kind: ComponentKind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub technology: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<LayerId>,
    /// The zones the component runs in (several for a multi-AZ service),
    /// in the canonical form of [`Project::normalized_zones`]. Empty: no zone.
    #[serde(
        alias = "zone",
        deserialize_with = "zones::deserialize_zone_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub zones: Vec<ZoneId>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "is_default")]
    pub responsibilities: Responsibilities,
    #[serde(skip_serializing_if = "is_default")]
    pub lifecycle: Lifecycle,
    #[serde(skip_serializing_if = "is_default")]
    pub scaling: Scaling,
    #[serde(skip_serializing_if = "is_default")]
    pub exposure: Exposure,
    #[serde(skip_serializing_if = "is_default")]
    pub encryption: Encryption,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<Backup>,
    #[serde(skip_serializing_if = "is_default")]
    pub cost: Cost,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Addresses of the infrastructure code that builds the component:
    /// Terraform resource addresses such as
    /// `module.db.aws_db_instance.primary`, or another tool's identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub iac_addresses: Vec<String>,
    /// Where the component sits on the canvas: `x` from the left edge, `y`
    /// from the top of its layer's band. `None` until placed or arranged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
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
pub enum ComponentKind {
    #[default]
    Service,
    Function,
    Worker,
    Database,
    Cache,
    Queue,
    #[strum(serialize = "Event bus")]
    EventBus,
    #[strum(serialize = "Object storage")]
    ObjectStorage,
    #[strum(serialize = "Block storage")]
    BlockStorage,
    #[strum(serialize = "Load balancer")]
    LoadBalancer,
    Gateway,
    #[strum(serialize = "CDN")]
    Cdn,
    #[strum(serialize = "DNS")]
    Dns,
    #[strum(serialize = "WAF")]
    Waf,
    Firewall,
    Network,
    Monitoring,
    #[strum(serialize = "Secret store")]
    SecretStore,
    Identity,
    #[strum(serialize = "User / actor")]
    User,
    #[strum(serialize = "External system")]
    ExternalSystem,
    Other,
}

impl ComponentKind {
    pub fn label(self) -> &'static str {
        self.into()
    }

    /// Components that hold data: what backups, encryption and exposure
    /// rules are about.
    pub fn holds_data(self) -> bool {
        matches!(
            self,
            ComponentKind::Database
                | ComponentKind::Cache
                | ComponentKind::Queue
                | ComponentKind::EventBus
                | ComponentKind::ObjectStorage
                | ComponentKind::BlockStorage
        )
    }

    /// Things outside the system's own infrastructure (users, third parties).
    pub fn is_outside(self) -> bool {
        matches!(self, ComponentKind::User | ComponentKind::ExternalSystem)
    }
}

/// What a component manages, provides and exposes: its share of the
/// system's responsibilities.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Responsibilities {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub manages: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exposes: Vec<String>,
}

impl Responsibilities {
    pub fn is_empty(&self) -> bool {
        self.manages.is_empty() && self.provides.is_empty() && self.exposes.is_empty()
    }
}

/// How a component comes to exist, changes and goes away.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lifecycle {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub provisioner: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub update_strategy: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub destruction: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scaling {
    pub strategy: ScalingStrategy,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub trigger: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum ScalingStrategy {
    #[default]
    Unspecified,
    Fixed,
    Horizontal,
    Vertical,
    /// The provider scales it (serverless, managed services).
    Managed,
}

impl ScalingStrategy {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum Exposure {
    Public,
    Internal,
    #[default]
    Private,
}

impl Exposure {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// Encryption of a component's data. An empty string means "not stated",
/// which is different from "none".
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Encryption {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub at_rest: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub in_transit: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Backup {
    pub frequency: String,
    pub retention: String,
    pub location: String,
}

/// Monthly cost in the project's currency ([`CostPlan::currency`]).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cost {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<CostRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed: Option<CostRange>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Cost {
    pub fn is_stated(&self) -> bool {
        self.current.is_some() || self.proposed.is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f32,
    pub y: f32,
}

/// A labelled arrow: `from` needs `to`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dependency {
    pub id: DependencyId,
    pub from: ComponentId,
    pub to: ComponentId,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Protocol and port, e.g. `HTTPS 443` or `PostgreSQL 5432`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(skip_serializing_if = "is_default")]
    pub kind: DependencyKind,
    #[serde(skip_serializing_if = "is_default")]
    pub criticality: Criticality,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
pub enum DependencyKind {
    #[default]
    #[strum(serialize = "Synchronous")]
    Sync,
    #[strum(serialize = "Asynchronous")]
    Async,
    Data,
    Replication,
    Network,
}

impl DependencyKind {
    /// How a new arrow into a component of `kind` starts: messages put into
    /// a queue or event bus are asynchronous, everything else synchronous.
    pub fn into_kind(kind: ComponentKind) -> DependencyKind {
        if matches!(kind, ComponentKind::Queue | ComponentKind::EventBus) {
            DependencyKind::Async
        } else {
            DependencyKind::Sync
        }
    }

    pub fn label(self) -> &'static str {
        self.into()
    }
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
pub enum Criticality {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Criticality {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// A tradeoff record: the options weighed, the one chosen and why
/// (written as an MADR record on export).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Decision {
    pub id: DecisionId,
    /// The number shown to people (`ADR-0007`); unique within a project.
    pub number: u32,
    pub title: String,
    pub status: DecisionStatus,
    /// ISO date `YYYY-MM-DD`, empty until decided.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciders: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub context: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<DecisionOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<OptionId>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<String>,
    /// Components this decision concerns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<ComponentId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review_notes: Vec<ReviewNote>,
}

/// `ADR-0007`: how people refer to the decision numbered `number`.
pub fn adr_number_label(number: u32) -> String {
    format!("ADR-{number:04}")
}

/// `ADR-0007`: how people refer to `decision`.
pub fn adr_label(decision: &Decision) -> String {
    adr_number_label(decision.number)
}

impl Decision {
    /// `ADR-0007`: how people refer to this decision.
    pub fn adr_label(&self) -> String {
        adr_number_label(self.number)
    }

    pub fn chosen_option(&self) -> Option<&DecisionOption> {
        let chosen = self.chosen?;
        self.options.iter().find(|option| option.id == chosen)
    }

    pub fn option(&self, id: OptionId) -> Option<&DecisionOption> {
        self.options.iter().find(|option| option.id == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, Hash, strum::IntoStaticStr)]
pub enum DecisionStatus {
    #[default]
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded {
        by: DecisionId,
    },
}

impl DecisionStatus {
    pub fn label(self) -> &'static str {
        self.into()
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionOption {
    pub id: OptionId,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pros: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cons: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cost_note: String,
}

/// What a review meeting said about a decision.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewNote {
    pub date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    pub note: String,
}

impl Project {
    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }
    pub fn component_index(&self, id: ComponentId) -> Option<usize> {
        self.components.iter().position(|c| c.id == id)
    }
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }
    pub fn layer_index(&self, id: LayerId) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }
    pub fn zone(&self, id: ZoneId) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }
    pub fn zone_index(&self, id: ZoneId) -> Option<usize> {
        self.zones.iter().position(|z| z.id == id)
    }
    pub fn dependency(&self, id: DependencyId) -> Option<&Dependency> {
        self.dependencies.iter().find(|d| d.id == id)
    }
    pub fn dependency_index(&self, id: DependencyId) -> Option<usize> {
        self.dependencies.iter().position(|d| d.id == id)
    }
    pub fn decision(&self, id: DecisionId) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }
    pub fn decision_index(&self, id: DecisionId) -> Option<usize> {
        self.decisions.iter().position(|d| d.id == id)
    }

    /// The next unused id of each kind. Ids only grow, so a new thing never
    /// takes over a link that pointed at something deleted.
    pub fn next_component_id(&self) -> ComponentId {
        ComponentId(self.components.iter().map(|c| c.id.0).max().map_or(1, |m| m + 1))
    }
    pub fn next_dependency_id(&self) -> DependencyId {
        DependencyId(self.dependencies.iter().map(|d| d.id.0).max().map_or(1, |m| m + 1))
    }
    /// A new dependency from `from` to `to` with a fresh id. Messages put
    /// into a queue or event bus are asynchronous, so such a dependency
    /// starts as one; everything else starts synchronous.
    pub fn new_dependency(&self, from: ComponentId, to: ComponentId) -> Dependency {
        Dependency {
            id: self.next_dependency_id(),
            from,
            to,
            kind: self
                .component(to)
                .map_or(DependencyKind::Sync, |c| DependencyKind::into_kind(c.kind)),
            ..Dependency::default()
        }
    }
    pub fn next_layer_id(&self) -> LayerId {
        LayerId(self.layers.iter().map(|l| l.id.0).max().map_or(1, |m| m + 1))
    }
    pub fn next_zone_id(&self) -> ZoneId {
        ZoneId(self.zones.iter().map(|z| z.id.0).max().map_or(1, |m| m + 1))
    }
    pub fn next_decision_id(&self) -> DecisionId {
        DecisionId(self.decisions.iter().map(|d| d.id.0).max().map_or(1, |m| m + 1))
    }
    pub fn next_decision_number(&self) -> u32 {
        self.decisions.iter().map(|d| d.number).max().map_or(1, |m| m + 1)
    }
    pub fn next_environment_id(&self) -> EnvironmentId {
        EnvironmentId(
            self.environments
                .environments
                .iter()
                .map(|e| e.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// The layers a new project starts with, in the order traffic meets
    /// them: edge, application, data, then the platform underneath.
    pub fn standard_layers() -> Vec<Layer> {
        let layer = |id: u32, name: &str, kind: LayerKind, description: &str| Layer {
            id: LayerId(id),
            name: name.to_owned(),
            kind,
            description: description.to_owned(),
            ..Layer::default()
        };
        vec![
            layer(
                1,
                "Edge",
                LayerKind::Edge,
                "DNS, CDN and WAF: where requests enter from the internet.",
            ),
            layer(
                2,
                "Network",
                LayerKind::Network,
                "VPCs, subnets, routing, NAT and security groups.",
            ),
            layer(
                3,
                "Integration",
                LayerKind::Integration,
                "Load balancers, API gateways and event routing.",
            ),
            layer(
                4,
                "Compute",
                LayerKind::Compute,
                "Services, containers, functions and workers.",
            ),
            layer(5, "Data", LayerKind::Data, "Databases, caches and queues."),
            layer(
                6,
                "Storage",
                LayerKind::Storage,
                "Object and block storage, backups and archives.",
            ),
            layer(
                7,
                "Observability",
                LayerKind::Observability,
                "Metrics, logs, traces, alerts and dashboards.",
            ),
            layer(
                8,
                "Security",
                LayerKind::Security,
                "Identity, keys, secrets and policy enforcement.",
            ),
        ]
    }

    /// An empty project with the standard layers.
    pub fn new_layered(name: &str, today: &str) -> Project {
        Project {
            meta: Meta {
                name: name.to_owned(),
                version: "0.1.0".to_owned(),
                last_updated: today.to_owned(),
                ..Meta::default()
            },
            layers: Project::standard_layers(),
            cost: CostPlan {
                currency: "USD".to_owned(),
                ..CostPlan::default()
            },
            ..Project::default()
        }
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    fn labels<T: Copy + Into<&'static str>>(variants: &[T]) -> Vec<&'static str> {
        variants.iter().map(|v| (*v).into()).collect()
    }

    /// The labels reach the exported files and the window: they are the
    /// ones the variants had when they were written out by hand, in the
    /// same order.
    #[test]
    fn enum_lists_and_labels_are_the_established_ones() {
        assert_eq!(
            labels(ComponentKind::VARIANTS).join("|"),
            "Service|Function|Worker|Database|Cache|Queue|Event bus|Object storage|Block storage|Load balancer|\
             Gateway|CDN|DNS|WAF|Firewall|Network|Monitoring|Secret store|Identity|User / actor|External system|Other"
        );
        assert_eq!(
            labels(ZoneKind::VARIANTS),
            [
                "Region",
                "Availability zone",
                "VPC",
                "Subnet",
                "Cluster",
                "Trust boundary",
                "Zone"
            ]
        );
        assert_eq!(
            labels(DependencyKind::VARIANTS),
            ["Synchronous", "Asynchronous", "Data", "Replication", "Network"]
        );
        assert_eq!(labels(Criticality::VARIANTS), ["Low", "Medium", "High", "Critical"]);
        assert_eq!(labels(Exposure::VARIANTS), ["Public", "Internal", "Private"]);
        assert_eq!(
            labels(ScalingStrategy::VARIANTS),
            ["Unspecified", "Fixed", "Horizontal", "Vertical", "Managed"]
        );
        assert_eq!(labels(SpecStatus::VARIANTS), ["Draft", "Review", "Approved"]);
        assert_eq!(labels(LayerKind::VARIANTS).len(), 9);
        assert_eq!(
            labels(ApprovalStatus::VARIANTS),
            ["Not requested", "Awaiting approval", "Approved", "Rejected"]
        );
        assert_eq!(labels(QuestionStatus::VARIANTS), ["Open", "Answered", "Deferred"]);
        assert_eq!(labels(RiskLevel::VARIANTS), ["High", "Medium", "Low"]);
        assert_eq!(labels(&Severity::MOST_SEVERE_FIRST), ["Critical", "Warning", "Info"]);
        assert_eq!(DecisionStatus::Superseded { by: DecisionId(3) }.label(), "Superseded");
        assert_eq!(ComponentKind::EventBus.label(), "Event bus");
    }
}
