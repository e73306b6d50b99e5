//! From a read plan or state to an estate: the components, zones and
//! dependencies it stands for, before they meet a project.
//!
//! - Resources are grouped by configuration address, so `count` and
//!   `for_each` instances become one component with their count.
//! - Each group takes its role from the mapping table; a type missing from
//!   it becomes a generic component and is reported.
//! - Resources that configure another fold into it (found by the attribute
//!   the table names, through its value or through the reference made in
//!   that argument); a junction (a target group) connects what it joins.
//! - Arrows point the way traffic flows: when Terraform wires a backend
//!   into an entry point (a service naming its load balancer's target
//!   group), the arrow is turned to run from the entry point.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::mapping::{Mapping, MappingTable};
use super::read::{ResourceMode, TerraformDoc, TfResource};
use crate::model::{ComponentKind, LayerKind, ZoneKind};

/// What an import will add: zones, components and arrows, by position.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Estate {
    pub zones: Vec<EstateZone>,
    pub components: Vec<EstateComponent>,
    /// `(from, to)` positions in `components`: deduplicated, no self-arrows.
    pub dependencies: Vec<(usize, usize)>,
    pub summary: ImportSummary,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EstateZone {
    pub name: String,
    pub kind: ZoneKind,
    /// A position in [`Estate::zones`], always before this one.
    pub parent: Option<usize>,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EstateComponent {
    pub name: String,
    pub kind: ComponentKind,
    /// None for a type the table does not know.
    pub layer: Option<LayerKind>,
    /// Ends with `×N` when `count` or `for_each` made N instances.
    pub technology: String,
    /// The table's technology for the type, before details and count: how
    /// a merge recognises a technology an earlier import wrote.
    pub base_technology: String,
    /// Positions in [`Estate::zones`].
    pub zones: Vec<usize>,
    /// Its own configuration address first, then those folded into it.
    pub iac_addresses: Vec<String>,
    pub count: usize,
}

/// What happened to each resource instance read.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportSummary {
    pub resources: usize,
    /// Instances that became components or zones.
    pub imported: usize,
    pub components: usize,
    pub zones: usize,
    pub dependencies: usize,
    /// Resource type → instances folded into what they configure.
    pub folded: BTreeMap<String, usize>,
    /// Reason → resource type → instances.
    pub skipped: BTreeMap<String, BTreeMap<String, usize>>,
    /// Types the table does not know, imported as generic components.
    pub unknown: BTreeMap<String, usize>,
}

impl ImportSummary {
    pub fn folded_total(&self) -> usize {
        self.folded.values().sum()
    }

    pub fn skipped_total(&self) -> usize {
        self.skipped.values().flat_map(BTreeMap::values).sum()
    }

    /// The report printed after an import, one line per part.
    pub fn lines(&self) -> Vec<String> {
        let counted = |counts: &BTreeMap<String, usize>| {
            counts
                .iter()
                .map(|(name, n)| format!("{name} ×{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut lines = vec![format!(
            "imported {} of {} resources as {} components and {} zones, with {} dependencies",
            self.imported, self.resources, self.components, self.zones, self.dependencies
        )];
        if !self.folded.is_empty() {
            lines.push(format!(
                "folded {} into the components they configure: {}",
                self.folded_total(),
                counted(&self.folded)
            ));
        }
        for (reason, types) in &self.skipped {
            let n: usize = types.values().sum();
            lines.push(format!("skipped {n} ({reason}): {}", counted(types)));
        }
        if !self.unknown.is_empty() {
            lines.push(format!(
                "{} of a type the mapping table does not know, imported as generic components: {}",
                self.unknown.values().sum::<usize>(),
                counted(&self.unknown)
            ));
        }
        lines
    }
}

/// What a group of resources is in the architecture.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role<'a> {
    Component {
        kind: ComponentKind,
        layer: Option<LayerKind>,
        technology: &'a str,
        detail: Option<&'a str>,
    },
    Zone(ZoneKind),
    SubnetGroup,
    Fold(&'a [String]),
    Junction,
    Skip(&'a str),
}

/// The instances of one configuration address.
struct Group<'a> {
    address: String,
    resource_type: &'a str,
    instances: Vec<&'a TfResource>,
    role: Role<'a>,
    unknown: bool,
}

const DATA_SOURCE: &str = "data sources are read, not managed";

fn role_of<'a>(resource: &'a TfResource, table: &'a MappingTable) -> (Role<'a>, bool) {
    if resource.mode == ResourceMode::Data {
        return (Role::Skip(DATA_SOURCE), false);
    }
    let role = match table.get(&resource.resource_type) {
        None => {
            return (
                Role::Component {
                    kind: ComponentKind::Other,
                    layer: None,
                    technology: &resource.resource_type,
                    detail: None,
                },
                true,
            );
        }
        Some(Mapping::Component {
            kind,
            layer,
            technology,
            detail,
        }) => Role::Component {
            kind: *kind,
            layer: Some(*layer),
            technology,
            detail: detail.as_deref(),
        },
        Some(Mapping::Zone(kind)) => Role::Zone(*kind),
        Some(Mapping::SubnetGroup) => Role::SubnetGroup,
        Some(Mapping::Fold { into }) => Role::Fold(into),
        Some(Mapping::Junction) => Role::Junction,
        Some(Mapping::Skip(reason)) => Role::Skip(reason),
    };
    (role, false)
}

fn group_resources<'a>(doc: &'a TerraformDoc, table: &'a MappingTable) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_address: HashMap<String, usize> = HashMap::new();
    for resource in &doc.resources {
        let address = resource.config_address();
        match by_address.get(&address) {
            Some(&at) => groups[at].instances.push(resource),
            None => {
                let (role, unknown) = role_of(resource, table);
                by_address.insert(address.clone(), groups.len());
                groups.push(Group {
                    address,
                    resource_type: &resource.resource_type,
                    instances: vec![resource],
                    role,
                    unknown,
                });
            }
        }
    }
    groups
}

/// The attributes by which resources name each other.
const IDENTIFYING: [&str; 4] = ["id", "arn", "self_link", "name"];

/// Indexes shared by the steps: groups by address, instances by the values
/// that identify them, references by group.
struct Index<'a> {
    groups: Vec<Group<'a>>,
    /// An identifying value → (group, instance).
    by_value: HashMap<&'a str, (usize, usize)>,
    /// Per group: (argument, referenced group), in file order.
    refers_to: Vec<Vec<(&'a str, usize)>>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a TerraformDoc, table: &'a MappingTable) -> Index<'a> {
        let groups = group_resources(doc, table);
        let by_address: HashMap<&str, usize> = groups
            .iter()
            .enumerate()
            .map(|(at, group)| (group.address.as_str(), at))
            .collect();
        let mut by_value = HashMap::new();
        // Ids and ARNs first: a name shared by two resources never hides one.
        for attribute in IDENTIFYING {
            for (g, group) in groups.iter().enumerate() {
                for (i, instance) in group.instances.iter().enumerate() {
                    if let Some(value) = instance.text(attribute).filter(|value| !value.is_empty()) {
                        by_value.entry(value).or_insert((g, i));
                    }
                }
            }
        }
        let mut refers_to = vec![Vec::new(); groups.len()];
        for reference in &doc.references {
            if let (Some(&from), Some(&to)) = (
                by_address.get(reference.from.as_str()),
                by_address.get(reference.to.as_str()),
            ) {
                refers_to[from].push((reference.via.as_str(), to));
            }
        }
        let mut index = Index {
            groups,
            by_value,
            refers_to,
        };
        index.add_value_references();
        index
    }

    /// A state often records no `depends_on`, but its values hold the ids
    /// and ARNs of what each resource uses: those are references too. A name
    /// counts only in an argument that says it holds one
    /// (`db_subnet_group_name`); elsewhere names are too often shared.
    fn add_value_references(&mut self) {
        for g in 0..self.groups.len() {
            let mut found: Vec<(&'a str, usize)> = Vec::new();
            for instance in &self.groups[g].instances {
                let Value::Object(fields) = &instance.values else {
                    continue;
                };
                for (key, value) in fields {
                    if IDENTIFYING.contains(&key.as_str()) {
                        continue;
                    }
                    let mut texts = Vec::new();
                    all_strings(value, &mut texts);
                    for text in texts {
                        let names_it = key.ends_with("_name");
                        if let Some(&(h, i)) = self.by_value.get(text)
                            && h != g
                            && (names_it || self.groups[h].instances[i].text("name") != Some(text))
                        {
                            found.push((key.as_str(), h));
                        }
                    }
                }
            }
            let references = &mut self.refers_to[g];
            references.extend(found);
            references.sort_unstable();
            references.dedup();
        }
    }

    /// The group a string attribute's value names, if any (not `g` itself).
    fn named_by(&self, g: usize, value: &str) -> Option<(usize, usize)> {
        self.by_value.get(value).copied().filter(|(h, _)| *h != g)
    }
}

/// Builds the estate a plan or state stands for.
pub fn estate_of(doc: &TerraformDoc, table: &MappingTable) -> Estate {
    let index = Index::new(doc, table);
    let owners = owners(&index);
    let zones = super::zones::plan_zones(&index_view(&index), doc);
    let mut estate = Estate::default();
    let mut component_of_group: HashMap<usize, usize> = HashMap::new();
    for (g, group) in index.groups.iter().enumerate() {
        if let Role::Component {
            kind,
            layer,
            technology,
            detail,
        } = group.role
        {
            component_of_group.insert(g, estate.components.len());
            estate.components.push(EstateComponent {
                name: group_name(group),
                kind,
                layer,
                technology: technology_of(group, technology, detail),
                base_technology: technology.to_string(),
                zones: zones.component_zones(g),
                iac_addresses: vec![group.address.clone()],
                count: group.instances.len(),
            });
        }
    }
    for (g, owner) in owners.iter().enumerate() {
        if let (Owner::Component(c), Role::Fold(_) | Role::Junction | Role::SubnetGroup) = (owner, index.groups[g].role)
            && let Some(&at) = component_of_group.get(c)
        {
            estate.components[at]
                .iac_addresses
                .push(index.groups[g].address.clone());
        }
    }
    // Parts without an owner of their own (a subnet group, a security
    // group, a role) are kept by every component that uses them.
    for (&g, &at) in &component_of_group {
        for &(_, h) in &index.refers_to[g] {
            let part = matches!(index.groups[h].role, Role::SubnetGroup | Role::Fold([]));
            let address = &index.groups[h].address;
            let addresses = &mut estate.components[at].iac_addresses;
            if part && owners[h] == Owner::Nothing && !addresses.contains(address) {
                addresses.push(address.clone());
            }
        }
    }
    estate.dependencies = dependencies(&index, &owners, &component_of_group, &estate.components);
    estate.summary = summary(&index, &estate, zones.zones.len());
    estate.zones = zones.zones;
    estate
}

fn summary(index: &Index, estate: &Estate, zone_count: usize) -> ImportSummary {
    let mut summary = ImportSummary {
        components: estate.components.len(),
        zones: zone_count,
        dependencies: estate.dependencies.len(),
        ..ImportSummary::default()
    };
    for group in &index.groups {
        let n = group.instances.len();
        summary.resources += n;
        let name = group.resource_type.to_string();
        match group.role {
            Role::Component { .. } | Role::Zone(_) => summary.imported += n,
            Role::Fold(_) | Role::Junction | Role::SubnetGroup => *summary.folded.entry(name.clone()).or_default() += n,
            Role::Skip(reason) => {
                let label = if reason == DATA_SOURCE {
                    format!("data.{name}")
                } else {
                    name.clone()
                };
                *summary
                    .skipped
                    .entry(reason.to_string())
                    .or_default()
                    .entry(label)
                    .or_default() += n;
            }
        }
        if group.unknown {
            *summary.unknown.entry(name).or_default() += n;
        }
    }
    summary
}

/// The `Name` tag when the instances agree on one, else the address.
fn group_name(group: &Group) -> String {
    let tag = |resource: &TfResource| {
        ["tags", "tags_all"]
            .iter()
            .find_map(|tags| resource.values.get(tags)?.get("Name")?.as_str())
            .filter(|name| !name.trim().is_empty())
            .map(str::to_string)
    };
    let first = group.instances.first().and_then(|first| tag(first));
    match first {
        Some(name)
            if group
                .instances
                .iter()
                .all(|instance| tag(instance).as_deref() == Some(name.as_str())) =>
        {
            name
        }
        _ => group.address.clone(),
    }
}

fn technology_of(group: &Group, technology: &str, detail: Option<&str>) -> String {
    let mut text = technology.to_string();
    let detail = detail.and_then(|attribute| group.instances.first()?.text(attribute));
    if let Some(detail) = detail.filter(|detail| !detail.is_empty()) {
        text.push_str(&format!(" ({detail})"));
    }
    if group.instances.len() > 1 {
        text.push_str(&format!(" ×{}", group.instances.len()));
    }
    text
}

/// Whom a group's resources count into.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Owner {
    Component(usize),
    Junction(usize),
    Nothing,
}

/// Folds are followed (a listener rule into its listener into its load
/// balancer) this many steps at most.
const FOLD_CHAIN: usize = 8;

fn owners(index: &Index) -> Vec<Owner> {
    (0..index.groups.len())
        .map(|g| {
            let mut at = g;
            for _ in 0..FOLD_CHAIN {
                match index.groups[at].role {
                    Role::Component { .. } => return Owner::Component(at),
                    Role::Junction => return Owner::Junction(at),
                    Role::Fold(into) => match fold_target(index, at, into) {
                        Some(next) => at = next,
                        None => return Owner::Nothing,
                    },
                    Role::SubnetGroup | Role::Zone(_) | Role::Skip(_) => return Owner::Nothing,
                }
            }
            Owner::Nothing
        })
        .collect()
}

/// The group a folding resource configures: the one its `into` attributes
/// name by value, else the one referenced in those arguments.
fn fold_target(index: &Index, g: usize, into: &[String]) -> Option<usize> {
    let group = &index.groups[g];
    for attribute in into {
        for instance in &group.instances {
            if let Some((h, _)) = instance.text(attribute).and_then(|value| index.named_by(g, value)) {
                return Some(h);
            }
        }
        if let Some((_, h)) = index.refers_to[g].iter().find(|(via, _)| via == attribute) {
            return Some(*h);
        }
    }
    None
}

/// How far in front a kind stands: traffic flows from higher to lower.
fn entry_rank(kind: ComponentKind) -> u8 {
    match kind {
        ComponentKind::Dns => 5,
        ComponentKind::Waf => 4,
        ComponentKind::Cdn => 3,
        ComponentKind::LoadBalancer | ComponentKind::Gateway => 2,
        _ => 0,
    }
}

/// Keys, secrets and log groups are named by nearly everything (a bucket
/// encrypted with a key, a secret holding a database's password): an arrow
/// for each would bury the architecture. Only what runs code keeps its
/// arrows to them.
fn is_plumbing(from: ComponentKind, to: ComponentKind) -> bool {
    let support = |kind| matches!(kind, ComponentKind::SecretStore | ComponentKind::Monitoring);
    let runs_code = matches!(
        from,
        ComponentKind::Service | ComponentKind::Function | ComponentKind::Worker
    );
    support(from) || (support(to) && !runs_code)
}

fn dependencies(
    index: &Index,
    owners: &[Owner],
    component_of_group: &HashMap<usize, usize>,
    components: &[EstateComponent],
) -> Vec<(usize, usize)> {
    let mut arrows: Vec<(usize, usize)> = Vec::new();
    let mut junctions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (from, targets) in index.refers_to.iter().enumerate() {
        for &(_, to) in targets {
            match (owners[from], owners[to]) {
                (Owner::Component(a), Owner::Component(b)) if a != b => arrows.push((a, b)),
                (Owner::Component(a), Owner::Junction(j)) | (Owner::Junction(j), Owner::Component(a)) => {
                    junctions.entry(j).or_default().push(a);
                }
                _ => {}
            }
        }
    }
    for mut members in junctions.into_values() {
        members.sort_unstable();
        members.dedup();
        for (at, &a) in members.iter().enumerate() {
            arrows.extend(members[at + 1..].iter().map(|&b| (a, b)));
        }
    }
    let allowed = security_group_arrows(index, owners);
    let mut out: Vec<(usize, usize)> = arrows
        .into_iter()
        .filter_map(|(a, b)| Some((*component_of_group.get(&a)?, *component_of_group.get(&b)?)))
        .filter(|&(a, b)| !is_plumbing(components[a].kind, components[b].kind))
        .map(|(a, b)| {
            // Turned to run from the entry point when Terraform wired it the other way.
            if entry_rank(components[b].kind) > entry_rank(components[a].kind) {
                (b, a)
            } else {
                (a, b)
            }
        })
        // A security group rule states the way traffic flows already.
        .chain(
            allowed
                .into_iter()
                .filter_map(|(a, b)| Some((*component_of_group.get(&a)?, *component_of_group.get(&b)?))),
        )
        .filter(|(a, b)| a != b)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

const SECURITY_GROUP: &str = "aws_security_group";

/// The groups `g` names in `attribute`: by id or ARN in its values (under
/// `inner` inside the attribute when given), or by a reference made there.
fn named_in(index: &Index, g: usize, attribute: &str, inner: Option<&str>) -> Vec<usize> {
    let mut texts = Vec::new();
    for instance in &index.groups[g].instances {
        if let Some(value) = instance.values.get(attribute) {
            match inner {
                Some(inner) => strings_under(value, &[inner], &mut texts),
                None => all_strings(value, &mut texts),
            }
        }
    }
    let mut found: Vec<usize> = texts
        .iter()
        .filter_map(|text| index.named_by(g, text))
        .map(|(h, _)| h)
        .collect();
    found.extend(
        index.refers_to[g]
            .iter()
            .filter(|(via, _)| *via == attribute)
            .map(|(_, h)| *h),
    );
    found
}

/// Arrows that security group rules allow: from the components using the
/// source group to those using the group that admits it (a load balancer
/// to its instances, the app tier to its database). A component uses a
/// group directly or through a loose part (a launch template).
fn security_group_arrows(index: &Index, owners: &[Owner]) -> Vec<(usize, usize)> {
    let is_group = |h: usize| index.groups[h].resource_type == SECURITY_GROUP;
    let mut users: HashMap<usize, Vec<usize>> = HashMap::new();
    for (c, owner) in owners.iter().enumerate() {
        if *owner != Owner::Component(c) {
            continue;
        }
        for &(_, h) in &index.refers_to[c] {
            if is_group(h) {
                users.entry(h).or_default().push(c);
            } else if matches!(index.groups[h].role, Role::Fold([])) {
                for &(_, k) in index.refers_to[h].iter().filter(|(_, k)| is_group(*k)) {
                    users.entry(k).or_default().push(c);
                }
            }
        }
    }
    let mut allowed: Vec<(usize, usize)> = Vec::new();
    for (g, group) in index.groups.iter().enumerate() {
        let sources = match group.resource_type {
            SECURITY_GROUP => named_in(index, g, "ingress", Some("security_groups")),
            "aws_security_group_rule" if group.instances.iter().all(|r| r.text("type") != Some("egress")) => {
                named_in(index, g, "source_security_group_id", None)
            }
            "aws_vpc_security_group_ingress_rule" => named_in(index, g, "referenced_security_group_id", None),
            _ => continue,
        };
        let targets = if group.resource_type == SECURITY_GROUP {
            vec![g]
        } else {
            named_in(index, g, "security_group_id", None)
        };
        for &source in sources.iter().filter(|h| is_group(**h)) {
            allowed.extend(targets.iter().filter(|h| is_group(**h)).map(|&target| (source, target)));
        }
    }
    let mut arrows = Vec::new();
    for (source, target) in allowed {
        for &from in users.get(&source).into_iter().flatten() {
            arrows.extend(users.get(&target).into_iter().flatten().map(|&to| (from, to)));
        }
    }
    arrows
}

/// What the zone step needs to see of the index.
pub(super) struct IndexView<'i, 'a> {
    index: &'i Index<'a>,
}

fn index_view<'i, 'a>(index: &'i Index<'a>) -> IndexView<'i, 'a> {
    IndexView { index }
}

impl<'a> IndexView<'_, 'a> {
    pub(super) fn group_count(&self) -> usize {
        self.index.groups.len()
    }
    pub(super) fn instances(&self, g: usize) -> &[&'a TfResource] {
        &self.index.groups[g].instances
    }
    pub(super) fn zone_kind(&self, g: usize) -> Option<ZoneKind> {
        match self.index.groups[g].role {
            Role::Zone(kind) => Some(kind),
            _ => None,
        }
    }
    pub(super) fn is_subnet_group(&self, g: usize) -> bool {
        self.index.groups[g].role == Role::SubnetGroup
    }
    pub(super) fn is_component(&self, g: usize) -> bool {
        matches!(self.index.groups[g].role, Role::Component { .. })
    }
    /// A part with nothing to fold into (a network interface, a security
    /// group): where it sits says where its user sits.
    pub(super) fn is_loose_part(&self, g: usize) -> bool {
        matches!(self.index.groups[g].role, Role::Fold(into) if into.is_empty())
    }
    pub(super) fn named_by(&self, g: usize, value: &str) -> Option<(usize, usize)> {
        self.index.named_by(g, value)
    }
    pub(super) fn refers_to(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        self.index.refers_to[g].iter().map(|(_, h)| *h)
    }
}

/// Every string in `value`, however deeply nested.
fn all_strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(text) => out.push(text),
        Value::Array(items) => items.iter().for_each(|item| all_strings(item, out)),
        Value::Object(fields) => fields.values().for_each(|field| all_strings(field, out)),
        _ => {}
    }
}

/// Every string under one of `keys`, anywhere in `value` (nested blocks
/// included): a single string or a list of them.
pub(super) fn strings_under<'v>(value: &'v Value, keys: &[&str], out: &mut Vec<&'v str>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                if keys.contains(&key.as_str()) {
                    match field {
                        Value::String(text) => out.push(text),
                        Value::Array(items) => out.extend(items.iter().filter_map(Value::as_str)),
                        _ => strings_under(field, keys, out),
                    }
                } else {
                    strings_under(field, keys, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| strings_under(item, keys, out)),
        _ => {}
    }
}
