//! The example projects shipped inside the binary, usable as templates for
//! `strata new` and File ▸ New, and the empty layered skeleton.

use std::path::Path;

use crate::model::*;
use crate::store;

pub struct Template {
    /// What `--template` takes.
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The project file's text; `None` for the empty skeleton.
    source: Option<&'static str>,
    /// Where the example lives in the repository (for messages).
    pub file: &'static str,
}

pub const DEFAULT_TEMPLATE: &str = "e-commerce";

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "e-commerce",
        title: "E-commerce platform on Kubernetes",
        description: "DNS, ALB, EKS with frontend, backend and workers, RDS PostgreSQL Multi-AZ with a read replica, Redis, Prometheus/Grafana; blue-green deployment.",
        source: Some(include_str!("../../projects/e-commerce.ron")),
        file: "projects/e-commerce.ron",
    },
    Template {
        name: "three-tier",
        title: "Three-tier web application across two availability zones",
        description: "DNS, CDN, WAF, ALB, app servers and workers per AZ, a database cluster, cache, queue and object storage.",
        source: Some(include_str!("../../projects/three-tier.ron")),
        file: "projects/three-tier.ron",
    },
    Template {
        name: "data-platform",
        title: "Regulated health-data platform",
        description: "Event-driven ingestion across trust boundaries, two regions, HIPAA and GDPR compliance, key management and audit.",
        source: Some(include_str!("../../projects/data-platform.ron")),
        file: "projects/data-platform.ron",
    },
    Template {
        name: "empty",
        title: "Empty layered project",
        description: "The standard layers (edge, network, integration, compute, data, storage, observability, security) and nothing else.",
        source: None,
        file: "",
    },
];

pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name.eq_ignore_ascii_case(name))
}

pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|t| t.name).collect()
}

impl Template {
    /// A fresh project from this template. Bundled examples are checked by
    /// the test suite, so loading them cannot fail in a released build.
    pub fn instantiate(&self, today: &str) -> Project {
        match self.source {
            Some(text) => store::parse_str(text, Path::new(self.file))
                .unwrap_or_else(|error| panic!("bundled example {} is broken: {error}", self.file)),
            None => Project::new_layered("Untitled architecture", today),
        }
    }
}

/// The project the app opens when given no file.
pub fn default_project() -> Project {
    find(DEFAULT_TEMPLATE)
        .expect("the default template exists")
        .instantiate(&crate::today_iso())
}

/// The bundled example `name` dated 2026-01-01, for tests whose
/// expectations must not move with today's date.
#[cfg(test)]
pub(crate) fn dated_example(name: &str) -> Project {
    find(name).expect("the example exists").instantiate("2026-01-01")
}

/// A new component of `kind` with sensible defaults: the exposure and
/// scaling strategy its kind usually has. Facts only the architect knows
/// (provisioner, encryption, backups) stay empty: the inspector asks for
/// them with [`field_hint`], which is never a value and never saved, and
/// the lints say what is missing.
/// Its id is left at the default; the caller gives it a fresh one.
pub fn component_template(kind: ComponentKind) -> Component {
    use ComponentKind as K;
    let exposure = match kind {
        K::Dns | K::Cdn | K::Waf | K::User | K::Gateway => Exposure::Public,
        K::LoadBalancer | K::ExternalSystem => Exposure::Internal,
        _ => Exposure::Private,
    };
    let strategy = match kind {
        K::Service | K::Worker => ScalingStrategy::Horizontal,
        K::Database => ScalingStrategy::Vertical,
        K::Function
        | K::Queue
        | K::EventBus
        | K::ObjectStorage
        | K::Cdn
        | K::Dns
        | K::Waf
        | K::LoadBalancer
        | K::Gateway
        | K::SecretStore
        | K::Identity => ScalingStrategy::Managed,
        K::Cache | K::BlockStorage | K::Firewall | K::Network | K::Monitoring => ScalingStrategy::Fixed,
        K::User | K::ExternalSystem | K::Other => ScalingStrategy::Unspecified,
    };
    Component {
        name: format!("New {}", kind.label().to_lowercase()),
        kind,
        exposure,
        scaling: Scaling {
            strategy,
            ..Scaling::default()
        },
        ..Component::default()
    }
}

/// A field of a component the inspector asks about with a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskedField {
    Provisioner,
    ScalingTrigger,
    EncryptionAtRest,
    EncryptionInTransit,
    BackupFrequency,
    BackupRetention,
    BackupLocation,
}

/// The question an empty `field` of `component` shows as hint text: what
/// to write there, with an example fitting its kind and scaling strategy.
pub fn field_hint(component: &Component, field: AskedField) -> &'static str {
    match field {
        AskedField::Provisioner => "How is it created? (e.g. Terraform)",
        AskedField::ScalingTrigger => match component.scaling.strategy {
            ScalingStrategy::Vertical => "When? (e.g. CPU above 80 % at peak)",
            _ => "When? (e.g. CPU above 70 % for 5 minutes)",
        },
        AskedField::EncryptionAtRest => "At rest? (e.g. AES-256 with a KMS key)",
        AskedField::EncryptionInTransit => "In transit? (e.g. TLS 1.2+)",
        AskedField::BackupFrequency => "Frequency? (e.g. daily)",
        AskedField::BackupRetention => "Retention? (e.g. 35 days)",
        AskedField::BackupLocation => "Where? (e.g. another region)",
    }
}

/// The kind of layer a component of `kind` usually sits in (the synthetic
/// projects and the examples follow the same bands).
pub fn usual_layer(kind: ComponentKind) -> Option<LayerKind> {
    use ComponentKind as K;
    Some(match kind {
        K::Dns | K::Cdn | K::Waf => LayerKind::Edge,
        K::Network | K::Firewall => LayerKind::Network,
        K::LoadBalancer | K::Gateway | K::EventBus => LayerKind::Integration,
        K::Service | K::Function | K::Worker => LayerKind::Compute,
        K::Database | K::Cache | K::Queue => LayerKind::Data,
        K::ObjectStorage | K::BlockStorage => LayerKind::Storage,
        K::Monitoring => LayerKind::Observability,
        K::SecretStore | K::Identity => LayerKind::Security,
        K::User | K::ExternalSystem | K::Other => return None,
    })
}

/// The first layer of `project` of the kind a `kind` component usually
/// sits in, if it has one.
pub fn usual_layer_in(project: &Project, kind: ComponentKind) -> Option<LayerId> {
    let layer_kind = usual_layer(kind)?;
    project.layers.iter().find(|l| l.kind == layer_kind).map(|l| l.id)
}

/// The kinds "add component" offers first, most common first.
pub const COMMON_KINDS: [ComponentKind; 12] = [
    ComponentKind::Service,
    ComponentKind::Database,
    ComponentKind::Cache,
    ComponentKind::Queue,
    ComponentKind::LoadBalancer,
    ComponentKind::ObjectStorage,
    ComponentKind::Function,
    ComponentKind::Worker,
    ComponentKind::Cdn,
    ComponentKind::Dns,
    ComponentKind::Waf,
    ComponentKind::User,
];

/// A template component of `kind` made ready to insert into `project`: a
/// fresh id, a name not yet used, and the first layer of its usual kind.
pub fn new_component(project: &Project, kind: ComponentKind) -> Component {
    let mut component = component_template(kind);
    component.id = project.next_component_id();
    component.layer = usual_layer_in(project, kind);
    let base = component.name.clone();
    let mut n = 1;
    while project.components.iter().any(|c| c.name == component.name) {
        n += 1;
        component.name = format!("{base} {n}");
    }
    component
}

/// The fields of `component` that still hold a template question, by the
/// names the inspector shows.
pub fn unanswered_fields(component: &Component) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let r = &component.responsibilities;
    for (name, list) in [
        ("Manages", &r.manages),
        ("Provides", &r.provides),
        ("Exposes", &r.exposes),
    ] {
        if list.iter().any(|item| is_unanswered(item)) {
            fields.push(name);
        }
    }
    let mut check = |name: &'static str, text: &str| {
        if is_unanswered(text) {
            fields.push(name);
        }
    };
    check("Provisioner", &component.lifecycle.provisioner);
    check("Update strategy", &component.lifecycle.update_strategy);
    check("Destruction", &component.lifecycle.destruction);
    check("Scaling trigger", &component.scaling.trigger);
    check("Encryption at rest", &component.encryption.at_rest);
    check("Encryption in transit", &component.encryption.in_transit);
    if let Some(backup) = &component.backup {
        check("Backup frequency", &backup.frequency);
        check("Backup retention", &backup.retention);
        check("Backup location", &backup.location);
    }
    fields
}

/// `component` with its unanswered template questions taken out: such a
/// field reads as not stated, and a question in a list is dropped. The
/// spec must never present "Frequency? (e.g. daily)" as a fact.
pub(crate) fn answered_only(component: &Component) -> Component {
    let mut c = component.clone();
    let clear = |text: &mut String| {
        if is_unanswered(text) {
            text.clear();
        }
    };
    for list in [
        &mut c.responsibilities.manages,
        &mut c.responsibilities.provides,
        &mut c.responsibilities.exposes,
    ] {
        list.retain(|item| !is_unanswered(item));
    }
    clear(&mut c.lifecycle.provisioner);
    clear(&mut c.lifecycle.update_strategy);
    clear(&mut c.lifecycle.destruction);
    clear(&mut c.scaling.trigger);
    clear(&mut c.encryption.at_rest);
    clear(&mut c.encryption.in_transit);
    if let Some(backup) = &mut c.backup {
        clear(&mut backup.frequency);
        clear(&mut backup.retention);
        clear(&mut backup.location);
    }
    c
}

/// The project as the exported spec should state it: without unanswered
/// template questions. Borrowed as is when there are none (the usual case
/// for a finished spec), so exporting a large project costs no copy.
pub fn answered(project: &Project) -> std::borrow::Cow<'_, Project> {
    if project.components.iter().all(|c| unanswered_fields(c).is_empty()) {
        return std::borrow::Cow::Borrowed(project);
    }
    let mut copy = project.clone();
    for component in &mut copy.components {
        if !unanswered_fields(component).is_empty() {
            *component = answered_only(component);
        }
    }
    std::borrow::Cow::Owned(copy)
}

/// True when `text` is still a template question (ends in a question mark
/// or holds one followed by an example), i.e. not yet answered.
pub fn is_unanswered(text: &str) -> bool {
    let text = text.trim();
    text.ends_with('?') || text.contains("? (e.g.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_example_loads_and_is_structurally_clean() {
        for template in TEMPLATES {
            let project = template.instantiate("2026-01-01");
            assert!(!project.meta.name.is_empty(), "{}", template.name);
            assert_eq!(crate::check::structural(&project), vec![], "{}", template.name);
        }
    }

    #[test]
    fn the_empty_template_has_the_standard_layers() {
        let project = find("empty").unwrap().instantiate("2026-02-03");
        assert_eq!(project.layers.len(), 8);
        assert_eq!(project.meta.last_updated, "2026-02-03");
        assert!(project.components.is_empty());
    }

    #[test]
    fn template_lookup_ignores_case() {
        assert_eq!(find("E-Commerce").map(|t| t.name), Some("e-commerce"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn a_database_template_asks_rather_than_invents() {
        let db = component_template(ComponentKind::Database);
        assert_eq!(db.exposure, Exposure::Private);
        // Nothing is invented and no question is stored as a value: the
        // inspector asks with hint text instead.
        assert!(db.backup.is_none());
        assert!(unanswered_fields(&db).is_empty());
        assert!(db.lifecycle.provisioner.is_empty() && db.encryption.at_rest.is_empty());
        assert!(field_hint(&db, AskedField::EncryptionAtRest).contains("e.g."));
        assert_eq!(component_template(ComponentKind::Dns).exposure, Exposure::Public);
        assert_eq!(component_template(ComponentKind::Waf).exposure, Exposure::Public);
        assert_eq!(component_template(ComponentKind::User).exposure, Exposure::Public);
        assert_eq!(
            component_template(ComponentKind::Service).scaling.strategy,
            ScalingStrategy::Horizontal
        );
        assert!(component_template(ComponentKind::Service).backup.is_none());
        for &kind in ComponentKind::VARIANTS {
            assert!(!component_template(kind).name.is_empty());
        }
        let project = Project::new_layered("t", "2026-01-01");
        let first = new_component(&project, ComponentKind::Database);
        assert_eq!(
            project.layer(first.layer.expect("a layer")).map(|l| l.kind),
            Some(LayerKind::Data)
        );
        let mut project = project;
        crate::edit::Edit::InsertComponent {
            index: 0,
            component: Box::new(first.clone()),
        }
        .apply(&mut project)
        .expect("a template inserts cleanly");
        let second = new_component(&project, ComponentKind::Database);
        assert_ne!(second.id, first.id);
        assert_ne!(second.name, first.name);
    }
}
