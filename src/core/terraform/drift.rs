//! Drift: where a project's spec and a Terraform plan or state disagree.
//!
//! Components name the resources that build them in `iac_addresses`; an
//! address without an instance key stands for all of its `count` /
//! `for_each` instances, and a module address (`module.vpc`) for every
//! resource in that module. [`drift`] reports
//! - resources no component names (instances of one resource grouped),
//!   leaving out those the import's mapping table folds into another,
//!   makes zones or skips, which the spec does not draw as components;
//! - addresses the spec names that the plan or state no longer has;
//! - what the spec states that a resource's attributes contradict:
//!   Multi-AZ, encryption at rest, backup retention, private exposure,
//!   deletion protection and the scaling range.
//!
//! Findings are [`Diagnostic`]s placed on the component they concern, so
//! the command line locates them in the project file like `check` does and
//! the window selects the component on a click.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::{Mapping, ResourceMode, TerraformDoc, TfResource, mapping_table, strip_instance_keys};
use crate::check::{Diagnostic, Level, Place};
use crate::lint::Rule;
use crate::model::*;

/// Every drift rule. Contradictions are errors (the estate is not what
/// was agreed); what one side has and the other lacks is a warning, since
/// a spec may cover several states and an estate may hold more than the
/// architecture draws.
pub const RULES: &[Rule] = &[
    Rule {
        code: "D001",
        level: Level::Warning,
        meaning: "Terraform resource that no component lists",
    },
    Rule {
        code: "D002",
        level: Level::Warning,
        meaning: "address in the spec that the plan or state does not have",
    },
    Rule {
        code: "D003",
        level: Level::Error,
        meaning: "Multi-AZ in the spec, single-AZ in Terraform",
    },
    Rule {
        code: "D004",
        level: Level::Error,
        meaning: "encrypted at rest in the spec, not in Terraform",
    },
    Rule {
        code: "D005",
        level: Level::Error,
        meaning: "backups kept for less time than the spec says",
    },
    Rule {
        code: "D006",
        level: Level::Error,
        meaning: "private in the spec, reachable from the internet in Terraform",
    },
    Rule {
        code: "D007",
        level: Level::Error,
        meaning: "deletion protection in the lifecycle, off in Terraform",
    },
    Rule {
        code: "D008",
        level: Level::Error,
        meaning: "scaling range differs from the spec's",
    },
];

/// The drift rule with this code.
pub fn rule_for(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// One disagreement, and the Terraform address it is about (a resource, a
/// resource's base address for a group of instances, or the address a
/// component names).
#[derive(Clone, Debug, PartialEq)]
pub struct DriftFinding {
    pub diagnostic: Diagnostic,
    pub address: String,
}

impl DriftFinding {
    /// The component the finding is placed on, if any.
    pub fn component(&self) -> Option<ComponentId> {
        match self.diagnostic.place {
            Place::Component { id } => Some(ComponentId(id)),
            _ => None,
        }
    }
}

/// Whether a resource of `resource_type` is drawn as a component of its
/// own, so that one no component lists is missing from the spec: what the
/// import makes a component (types it does not know become generic
/// components), not what it folds into another, makes a zone or skips.
fn is_component_type(resource_type: &str) -> bool {
    matches!(
        mapping_table().get(resource_type),
        Some(Mapping::Component { .. }) | None
    )
}

/// Where the project and `doc` disagree, contradictions first, each list
/// in the order of the project's components.
pub fn drift(project: &Project, doc: &TerraformDoc) -> Vec<DriftFinding> {
    let live: Vec<&TfResource> = doc
        .resources
        .iter()
        .filter(|r| r.mode == ResourceMode::Managed && !is_deleted(r))
        .collect();
    let claims = Claims::new(project);
    let mut owned: Vec<Vec<&TfResource>> = vec![Vec::new(); project.components.len()];
    let mut used: HashSet<&str> = HashSet::new();
    let mut orphans: BTreeMap<String, Vec<&TfResource>> = BTreeMap::new();
    for &resource in &live {
        let owners = claims.owners(resource);
        if owners.is_empty() {
            if is_component_type(&resource.resource_type) {
                orphans.entry(resource.config_address()).or_default().push(resource);
            }
            continue;
        }
        for (component, address) in owners {
            used.insert(address);
            if !owned[component].iter().any(|r| std::ptr::eq(*r, resource)) {
                owned[component].push(resource);
            }
        }
    }
    let estate = Estate::new(&live, doc);
    let zones = crate::lint::graph::Graph::new(project).availability_zones;
    let mut out = Vec::new();
    for (index, component) in project.components.iter().enumerate() {
        let stated = Stated::of(project, component, &zones[index]);
        for resource in &owned[index] {
            contradictions(component, &stated, resource, &estate, &mut out);
        }
    }
    for component in &project.components {
        for address in &component.iac_addresses {
            if looks_like_terraform_address(address) && !used.contains(address.as_str()) {
                out.push(vanished(component, address, doc));
            }
        }
    }
    for (address, instances) in &orphans {
        out.push(unlisted(address, instances, doc));
    }
    out
}

/// A plan's resource that its apply destroys is not part of the estate.
fn is_deleted(resource: &TfResource) -> bool {
    resource.actions.iter().any(|a| a == "delete") && !resource.actions.iter().any(|a| a == "create")
}

/// Which components name which addresses.
struct Claims<'p> {
    by_address: HashMap<&'p str, Vec<usize>>,
}

impl<'p> Claims<'p> {
    fn new(project: &'p Project) -> Claims<'p> {
        let mut by_address: HashMap<&'p str, Vec<usize>> = HashMap::new();
        for (index, component) in project.components.iter().enumerate() {
            for address in &component.iac_addresses {
                let owners = by_address.entry(address.trim()).or_default();
                if !owners.contains(&index) {
                    owners.push(index);
                }
            }
        }
        Claims { by_address }
    }

    /// The components that claim `resource`, each with the address that
    /// matched: its own address, its base address (all instances), or the
    /// address of a module it sits in.
    fn owners(&self, resource: &TfResource) -> Vec<(usize, &'p str)> {
        let mut candidates = vec![resource.address.clone(), resource.config_address()];
        if !resource.module_address.is_empty() {
            candidates.push(resource.module_address.clone());
            let steps: Vec<String> = strip_instance_keys(&resource.module_address)
                .split('.')
                .map(str::to_owned)
                .collect();
            for end in (2..=steps.len()).step_by(2) {
                candidates.push(steps[..end].join("."));
            }
        }
        let mut out: Vec<(usize, &'p str)> = Vec::new();
        for candidate in &candidates {
            if let Some((address, owners)) = self.by_address.get_key_value(candidate.as_str()) {
                for &owner in owners {
                    if !out.iter().any(|(o, _)| *o == owner) {
                        out.push((owner, address));
                    }
                }
            }
        }
        out
    }
}

/// `module.x.aws_y.z["k"]`, `aws_y.z[0]` or `module.x`: the shapes of a
/// Terraform address. Other tools' identifiers (ARNs, Pulumi URNs) are
/// left alone.
pub fn looks_like_terraform_address(address: &str) -> bool {
    let stripped = strip_instance_keys(address.trim());
    let steps: Vec<&str> = stripped.split('.').collect();
    let identifier = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && !s.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut at = 0;
    while steps.get(at) == Some(&"module") {
        match steps.get(at + 1) {
            Some(name) if identifier(name) => at += 2,
            _ => return false,
        }
    }
    match &steps[at..] {
        [] => at > 0,
        ["data", kind, name] | [kind, name] => kind.contains('_') && identifier(kind) && identifier(name),
        _ => false,
    }
}

/// What the plan or state says beyond single resources: the availability
/// zone of each subnet it holds.
struct Estate<'d> {
    subnet_zones: HashMap<&'d str, &'d str>,
    /// "state" or "plan", for messages.
    source: &'static str,
}

impl<'d> Estate<'d> {
    fn new(live: &[&'d TfResource], doc: &TerraformDoc) -> Estate<'d> {
        let subnet_zones = live
            .iter()
            .filter(|r| matches!(r.resource_type.as_str(), "aws_subnet" | "aws_default_subnet"))
            .filter_map(|r| Some((r.text("id")?, r.text("availability_zone")?)))
            .collect();
        Estate {
            subnet_zones,
            source: doc.kind.label(),
        }
    }
}

/// What the spec states about one component, where drift can contradict it.
struct Stated<'p> {
    /// Why the component is Multi-AZ, if it is.
    multi_az: Option<String>,
    /// The statement of encryption at rest and where it is.
    encrypted: Option<(String, &'static str)>,
    /// The statement names a KMS or customer-managed key.
    customer_key: bool,
    /// Backup retention in days, and the text it was read from.
    backup_days: Option<(u64, &'p str)>,
    /// The lifecycle's words about deletion protection.
    deletion_protection: Option<&'p str>,
}

impl<'p> Stated<'p> {
    fn of(project: &'p Project, component: &'p Component, azs: &[ZoneId]) -> Stated<'p> {
        let encrypted = encryption_statement(project, component);
        let customer_key = encrypted.as_ref().is_some_and(|(text, _)| {
            let lower = text.to_lowercase();
            lower.contains("kms") || lower.contains("customer-managed") || lower.contains("cmk")
        });
        Stated {
            multi_az: multi_az_statement(project, component, azs),
            encrypted,
            customer_key,
            backup_days: component
                .backup
                .as_ref()
                .and_then(|b| retention_days(&b.retention).map(|days| (days, b.retention.as_str()))),
            deletion_protection: [&component.lifecycle.destruction, &component.lifecycle.update_strategy]
                .into_iter()
                .find(|text| states_deletion_protection(text))
                .map(String::as_str),
        }
    }
}

fn multi_az_statement(project: &Project, component: &Component, azs: &[ZoneId]) -> Option<String> {
    if azs.len() >= 2 {
        let names: Vec<&str> = azs
            .iter()
            .filter_map(|id| project.zone(*id))
            .map(|z| z.name.as_str())
            .collect();
        return Some(format!("its zones span {}", names.join(" and ")));
    }
    [
        ("technology", &component.technology),
        ("description", &component.description),
    ]
    .into_iter()
    .find(|(_, text)| text.to_lowercase().contains("multi-az"))
    .map(|(field, _)| format!("its {field} says Multi-AZ"))
}

/// The spec's statement that the component's data is encrypted at rest:
/// its own encryption field, else its layer's security text or an
/// assertion about it, for a component that holds data.
fn encryption_statement(project: &Project, component: &Component) -> Option<(String, &'static str)> {
    let at_rest = component.encryption.at_rest.trim();
    if !at_rest.is_empty() {
        return states_encryption(at_rest).then(|| (at_rest.to_owned(), "its encryption at rest"));
    }
    if !component.kind.holds_data() {
        return None;
    }
    let mentions = |text: &str| {
        let lower = text.to_lowercase();
        lower.contains("encryption at rest") || lower.contains("encrypted at rest")
    };
    if let Some(layer) = component.layer.and_then(|id| project.layer(id))
        && mentions(&layer.security)
    {
        return Some((layer.security.clone(), "its layer's security"));
    }
    project
        .assertions
        .iter()
        .filter(|a| a.components.contains(&component.id))
        .map(|a| format!("{} {}", a.then, a.and.join(" ")))
        .find(|text| mentions(text))
        .map(|text| (text.trim().to_owned(), "an assertion"))
}

/// "Not applicable", "none" and the like say there is nothing encrypted.
fn states_encryption(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    ![
        "not applicable",
        "n/a",
        "none",
        "no ",
        "unencrypted",
        "not encrypted",
        "plaintext",
    ]
    .iter()
    .any(|negation| lower.starts_with(negation))
}

/// Whether a lifecycle text says deletion protection is on.
fn states_deletion_protection(text: &str) -> bool {
    let lower = text.to_lowercase().replace('_', " ");
    let Some(at) = lower.find("deletion protection") else {
        return false;
    };
    let before = &lower[..at];
    let after = &lower[at + "deletion protection".len()..];
    let clause_end = after.find([';', '.', ',']).unwrap_or(after.len());
    let clause = &after[..clause_end];
    let negated_before = ["no ", "without ", "disable ", "not "]
        .iter()
        .any(|w| before.ends_with(w));
    let negated_after = [" off", " disabled", " false", " not "]
        .iter()
        .any(|w| clause.contains(w));
    !negated_before && !negated_after
}

/// The days in a retention such as "7 days", "2 weeks" or "1 month"; the
/// first amount given.
fn retention_days(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| {
        let amount: u64 = pair[0].parse().ok()?;
        let unit = pair[1].trim_end_matches('s');
        let days = match unit {
            "day" => 1,
            "week" => 7,
            "month" => 30,
            "year" => 365,
            _ => return None,
        };
        Some(amount.saturating_mul(days))
    })
}

fn bool_attr(resource: &TfResource, name: &str) -> Option<bool> {
    resource.values.get(name).and_then(Value::as_bool)
}

fn number_attr(value: &Value, name: &str) -> Option<u64> {
    value.get(name).and_then(Value::as_u64)
}

/// A finding about `component` and `address`.
fn finding(code: &'static str, component: &Component, address: &str, message: String) -> DriftFinding {
    let level = rule_for(code).map_or(Level::Warning, |r| r.level);
    DriftFinding {
        diagnostic: Diagnostic {
            level,
            code,
            message,
            place: Place::Component { id: component.id.0 },
        },
        address: address.to_owned(),
    }
}

/// `component "Name"` for messages.
fn named(component: &Component) -> String {
    format!("component \"{}\"", component.name)
}

fn contradictions(
    component: &Component,
    stated: &Stated<'_>,
    resource: &TfResource,
    estate: &Estate<'_>,
    out: &mut Vec<DriftFinding>,
) {
    let address = resource.address.as_str();
    if let Some(why) = &stated.multi_az
        && let Some(says) = single_az(resource, estate)
    {
        out.push(finding(
            "D003",
            component,
            address,
            format!(
                "{} is Multi-AZ in the spec ({why}), but {address} {says}: \
                 spread it over two availability zones in Terraform, or change the spec's zones if one zone is the decision",
                named(component)
            ),
        ));
    }
    if let Some((statement, source)) = &stated.encrypted
        && let Some(says) = unencrypted(resource, stated.customer_key)
    {
        out.push(finding(
            "D004",
            component,
            address,
            format!(
                "{} is encrypted at rest in the spec ({source}: \"{statement}\"), but {address} {says}: \
                 encrypt it with the key the spec names (an unencrypted database is re-created from an encrypted snapshot), or correct the spec",
                named(component)
            ),
        ));
    }
    backup_contradiction(component, stated, resource, out);
    exposure_contradiction(component, resource, out);
    if let Some(statement) = stated.deletion_protection
        && let Some(attribute) = [
            "deletion_protection",
            "enable_deletion_protection",
            "deletion_protection_enabled",
        ]
        .into_iter()
        .find(|name| bool_attr(resource, name) == Some(false))
    {
        out.push(finding(
            "D007",
            component,
            address,
            format!(
                "the lifecycle of {} says \"{statement}\", but {address} has {attribute} = false: \
                 turn deletion protection on in Terraform, or change the lifecycle",
                named(component)
            ),
        ));
    }
    scaling_contradiction(component, resource, estate, out);
}

/// What makes `resource` single-AZ, if it is: `multi_az = false`, or all
/// its subnets (or availability zones) in one zone.
fn single_az(resource: &TfResource, estate: &Estate<'_>) -> Option<String> {
    for flag in ["multi_az", "multi_az_enabled"] {
        if bool_attr(resource, flag) == Some(false) {
            return Some(format!("has {flag} = false"));
        }
    }
    let values = &resource.values;
    let vpc_config = values.get("vpc_config").and_then(|v| v.get(0));
    let subnets: Vec<&str> = ["subnet_ids", "subnets", "vpc_zone_identifier"]
        .into_iter()
        .filter_map(|name| values.get(name).or_else(|| vpc_config.and_then(|c| c.get(name))))
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !subnets.is_empty() {
        let zones: Vec<&str> = subnets
            .iter()
            .filter_map(|s| estate.subnet_zones.get(s).copied())
            .collect();
        let mut distinct = zones.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if zones.len() == subnets.len() && distinct.len() == 1 {
            return Some(format!("has its subnets only in {}", distinct[0]));
        }
        if subnets.len() == 1 && zones.is_empty() {
            return Some(format!("has a single subnet ({})", subnets[0]));
        }
    }
    let listed = values.get("availability_zones").and_then(Value::as_array);
    if let Some(zones) = listed
        && zones.len() == 1
    {
        return Some(format!(
            "runs in one availability zone ({})",
            zones[0].as_str().unwrap_or_default()
        ));
    }
    None
}

/// How `resource` fails to be encrypted at rest, if it does.
fn unencrypted(resource: &TfResource, customer_key: bool) -> Option<String> {
    let key_attribute = ["kms_key_id", "kms_master_key_id"]
        .into_iter()
        .find(|name| resource.values.get(*name).is_some());
    let no_key = key_attribute.filter(|name| {
        let value = &resource.values[*name];
        value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty())
    });
    for flag in ["storage_encrypted", "at_rest_encryption_enabled", "encrypted"] {
        if bool_attr(resource, flag) == Some(false) {
            let key = no_key.map(|name| format!(" and no {name}")).unwrap_or_default();
            return Some(format!("has {flag} = false{key}"));
        }
    }
    if bool_attr(resource, "sqs_managed_sse_enabled") == Some(false) && no_key.is_some() {
        return Some(
            "has neither SSE-SQS nor a KMS key (sqs_managed_sse_enabled = false, no kms_master_key_id)".into(),
        );
    }
    if customer_key && let Some(name) = no_key {
        return Some(format!(
            "has no {name}, so it is encrypted with an AWS-managed key, not the KMS key the spec names"
        ));
    }
    None
}

fn backup_contradiction(
    component: &Component,
    stated: &Stated<'_>,
    resource: &TfResource,
    out: &mut Vec<DriftFinding>,
) {
    let Some((days, statement)) = stated.backup_days else {
        return;
    };
    for attribute in ["backup_retention_period", "snapshot_retention_limit"] {
        if let Some(kept) = number_attr(&resource.values, attribute)
            && kept < days
        {
            let address = resource.address.as_str();
            let quoted = if statement.trim() == format!("{days} days") {
                String::new()
            } else {
                format!(" (\"{}\")", statement.trim())
            };
            out.push(finding(
                "D005",
                component,
                address,
                format!(
                    "{} keeps backups for {days} days in the spec{quoted}, but {address} has {attribute} = {kept}: \
                     set {attribute} to at least {days}, or change the spec's retention",
                    named(component)
                ),
            ));
        }
    }
}

fn exposure_contradiction(component: &Component, resource: &TfResource, out: &mut Vec<DriftFinding>) {
    if component.exposure == Exposure::Public {
        return;
    }
    let is_load_balancer = matches!(resource.resource_type.as_str(), "aws_lb" | "aws_alb" | "aws_elb");
    let says = if bool_attr(resource, "publicly_accessible") == Some(true) {
        Some("has publicly_accessible = true")
    } else if is_load_balancer && bool_attr(resource, "internal") == Some(false) {
        Some("is an internet-facing load balancer (internal = false)")
    } else if bool_attr(resource, "associate_public_ip_address") == Some(true) {
        Some("has a public IP address (associate_public_ip_address = true)")
    } else {
        None
    };
    if let Some(says) = says {
        let address = resource.address.as_str();
        out.push(finding(
            "D006",
            component,
            address,
            format!(
                "{} is {} in the spec, but {address} {says}: make it private in Terraform, \
                 or change the spec's exposure to Public and say who reaches it",
                named(component),
                component.exposure.label()
            ),
        ));
    }
}

/// The scaling range of an auto-scaling group, a node group or an
/// application auto-scaling target: (min, max, desired).
fn scaling_range(resource: &TfResource) -> Option<(u64, u64, Option<u64>)> {
    let values = &resource.values;
    let config = values.get("scaling_config").and_then(|c| c.get(0));
    let (source, min, max, desired) = match (config, resource.resource_type.as_str()) {
        (Some(config), _) => (config, "min_size", "max_size", "desired_size"),
        (None, "aws_appautoscaling_target") => (values, "min_capacity", "max_capacity", ""),
        _ => (values, "min_size", "max_size", "desired_capacity"),
    };
    Some((
        number_attr(source, min)?,
        number_attr(source, max)?,
        number_attr(source, desired),
    ))
}

fn scaling_contradiction(
    component: &Component,
    resource: &TfResource,
    estate: &Estate<'_>,
    out: &mut Vec<DriftFinding>,
) {
    let scaling = &component.scaling;
    if scaling.min.is_none() && scaling.max.is_none() {
        return;
    }
    let Some((min, max, desired)) = scaling_range(resource) else {
        return;
    };
    let differs = scaling.min.is_some_and(|m| u64::from(m) != min) || scaling.max.is_some_and(|m| u64::from(m) != max);
    if !differs {
        return;
    }
    let spec = |bound: Option<u32>| bound.map_or_else(|| "any".to_owned(), |b| b.to_string());
    let desired = desired.map(|d| format!(", desired {d}")).unwrap_or_default();
    let address = resource.address.as_str();
    out.push(finding(
        "D008",
        component,
        address,
        format!(
            "{} scales from {} to {} in the spec, but {address} scales from {min} to {max} in the {}{desired}: \
             align the sizes in Terraform, or change the spec's scaling if the new range is the decision",
            named(component),
            spec(scaling.min),
            spec(scaling.max),
            estate.source
        ),
    ));
}

fn vanished(component: &Component, address: &str, doc: &TerraformDoc) -> DriftFinding {
    let source = doc.kind.label();
    finding(
        "D002",
        component,
        address,
        format!(
            "{} names {address}, which the {source} does not have: remove the address if the resource is gone, \
             or correct it if it moved (terraform state mv) or lives in another {source}",
            named(component)
        ),
    )
}

fn unlisted(address: &str, instances: &[&TfResource], doc: &TerraformDoc) -> DriftFinding {
    let source = doc.kind.label();
    let resource_type = instances.first().map_or("", |r| r.resource_type.as_str());
    let what = match instances {
        [single] if single.index.is_none() => format!("{address} ({resource_type})"),
        _ => {
            let keys: Vec<&str> = instances
                .iter()
                .map(|r| r.address.get(address.len()..).unwrap_or_default())
                .collect();
            format!(
                "{address} ({resource_type}, {} instance{}: {})",
                instances.len(),
                if instances.len() == 1 { "" } else { "s" },
                keys.join(", ")
            )
        }
    };
    DriftFinding {
        diagnostic: Diagnostic {
            level: rule_for("D001").map_or(Level::Warning, |r| r.level),
            code: "D001",
            message: format!(
                "{what} is in the {source} but no component lists it: add its address to the component it belongs to, \
                 or import it (strata import terraform FILE --into PROJECT)"
            ),
            place: Place::Project,
        },
        address: address.to_owned(),
    }
}

#[cfg(test)]
#[path = "drift_tests.rs"]
mod tests;
