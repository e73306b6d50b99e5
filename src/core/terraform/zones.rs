//! Zones of an estate: a region around each VPC or virtual network, the
//! availability zones inside it, its subnets inside those; and the zones
//! each component runs in (its subnets, else its availability zones, else
//! its VPC).

use std::collections::HashMap;

use super::estate::{EstateZone, IndexView, strings_under};
use super::read::{TerraformDoc, TfResource};
use crate::model::ZoneKind;

/// Attributes that name the subnets (or subnet groups) a resource runs in.
const SUBNET_KEYS: [&str; 9] = [
    "subnet_id",
    "subnet_ids",
    "subnets",
    "vpc_zone_identifier",
    "subnetwork",
    "db_subnet_group_name",
    "subnet_group_name",
    "cache_subnet_group_name",
    "virtual_network_subnet_id",
];
/// Attributes that name the network a resource or subnet belongs to.
const NETWORK_KEYS: [&str; 3] = ["vpc_id", "network", "virtual_network_name"];
const AZ_KEYS: [&str; 3] = [
    "availability_zone",
    "availability_zones",
    "preferred_availability_zones",
];

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Region(String),
    Network(usize, usize),
    Az(Option<usize>, String),
    Subnet(usize, usize),
}

/// The zones and, per component group, the zones it runs in.
pub(super) struct ZonePlan {
    pub zones: Vec<EstateZone>,
    of_group: HashMap<usize, Vec<usize>>,
}

impl ZonePlan {
    pub fn component_zones(&self, g: usize) -> Vec<usize> {
        self.of_group.get(&g).cloned().unwrap_or_default()
    }
}

struct Builder<'v, 'i, 'a> {
    view: &'v IndexView<'i, 'a>,
    doc: &'v TerraformDoc,
    zones: Vec<EstateZone>,
    keys: HashMap<Key, usize>,
}

pub(super) fn plan_zones(view: &IndexView, doc: &TerraformDoc) -> ZonePlan {
    let mut builder = Builder {
        view,
        doc,
        zones: Vec::new(),
        keys: HashMap::new(),
    };
    for g in 0..view.group_count() {
        if view.zone_kind(g) == Some(ZoneKind::Vpc) {
            for i in 0..view.instances(g).len() {
                builder.network_zone(g, i);
            }
        }
    }
    for g in 0..view.group_count() {
        if view.zone_kind(g) == Some(ZoneKind::Subnet) {
            for i in 0..view.instances(g).len() {
                builder.subnet_zone(g, i);
            }
        }
    }
    let of_group = (0..view.group_count())
        .filter(|&g| view.is_component(g))
        .map(|g| (g, builder.component_zones(g)))
        .collect();
    ZonePlan {
        zones: builder.zones,
        of_group,
    }
}

/// The `Name` tag, else the `name` attribute, else the instance address.
fn zone_name(resource: &TfResource) -> String {
    let tag = ["tags", "tags_all"]
        .iter()
        .find_map(|tags| resource.values.get(tags)?.get("Name")?.as_str());
    tag.or_else(|| resource.text("name"))
        .filter(|name| !name.trim().is_empty())
        .map_or_else(|| resource.address.clone(), str::to_string)
}

/// The region an ARN names (`arn:aws:ec2:eu-west-1:…`), else the
/// resource's own region or location, else its provider's configured one.
fn region_of(resource: &TfResource, doc: &TerraformDoc) -> Option<String> {
    let from_arn = resource
        .text("arn")
        .and_then(|arn| arn.split(':').nth(3))
        .filter(|region| !region.is_empty());
    let own = resource.text("region").or_else(|| resource.text("location"));
    let provider = resource.provider_name.rsplit('/').next().unwrap_or_default();
    from_arn
        .or(own)
        .or_else(|| doc.provider_regions.get(provider).map(String::as_str))
        .map(str::to_string)
}

impl Builder<'_, '_, '_> {
    fn ensure(&mut self, key: Key, zone: impl FnOnce() -> EstateZone) -> usize {
        if let Some(&at) = self.keys.get(&key) {
            return at;
        }
        self.zones.push(zone());
        self.keys.insert(key, self.zones.len() - 1);
        self.zones.len() - 1
    }

    fn network_zone(&mut self, g: usize, i: usize) -> usize {
        if let Some(&at) = self.keys.get(&Key::Network(g, i)) {
            return at;
        }
        let resource = self.view.instances(g)[i];
        let region = region_of(resource, self.doc).map(|region| {
            self.ensure(Key::Region(region.clone()), || EstateZone {
                name: region,
                kind: ZoneKind::Region,
                parent: None,
                public: false,
            })
        });
        self.ensure(Key::Network(g, i), || EstateZone {
            name: zone_name(resource),
            kind: ZoneKind::Vpc,
            parent: region,
            public: false,
        })
    }

    fn az_zone(&mut self, network: Option<usize>, az: &str) -> usize {
        self.ensure(Key::Az(network, az.to_string()), || EstateZone {
            name: az.to_string(),
            kind: ZoneKind::AvailabilityZone,
            parent: network,
            public: false,
        })
    }

    /// The network `g`'s instance `i` names by value, else the one `g`
    /// refers to; also through the loose parts it refers to.
    fn network_of(&mut self, g: usize, i: usize) -> Option<usize> {
        let resource = self.view.instances(g)[i];
        let mut named = Vec::new();
        strings_under(&resource.values, &NETWORK_KEYS, &mut named);
        let by_value = named
            .iter()
            .filter_map(|value| self.view.named_by(g, value))
            .find(|(h, _)| self.view.zone_kind(*h) == Some(ZoneKind::Vpc));
        let by_reference = || {
            self.view
                .refers_to(g)
                .find(|h| self.view.zone_kind(*h) == Some(ZoneKind::Vpc))
                .map(|h| (h, 0))
        };
        let found = by_value.or_else(by_reference);
        found.map(|(h, j)| self.network_zone(h, j))
    }

    fn subnet_zone(&mut self, g: usize, i: usize) -> usize {
        if let Some(&at) = self.keys.get(&Key::Subnet(g, i)) {
            return at;
        }
        let network = self.network_of(g, i);
        let resource = self.view.instances(g)[i];
        let parent = match resource.text("availability_zone").filter(|az| !az.is_empty()) {
            Some(az) => Some(self.az_zone(network, az)),
            None => network,
        };
        let public = resource.values.get("map_public_ip_on_launch").and_then(|v| v.as_bool()) == Some(true);
        self.ensure(Key::Subnet(g, i), || EstateZone {
            name: zone_name(resource),
            kind: ZoneKind::Subnet,
            parent,
            public,
        })
    }

    /// The subnet zones a value names: a subnet, or a subnet group's subnets.
    fn subnets_named(&mut self, g: usize, value: &str, out: &mut Vec<usize>) {
        let Some((h, j)) = self.view.named_by(g, value) else {
            return;
        };
        if self.view.zone_kind(h) == Some(ZoneKind::Subnet) {
            out.push(self.subnet_zone(h, j));
        } else if self.view.is_subnet_group(h) {
            self.subnets_of(h, out, true);
        }
    }

    /// Every subnet `g` names in its values or refers to (through subnet
    /// groups, and through loose parts when `deep`).
    fn subnets_of(&mut self, g: usize, out: &mut Vec<usize>, deep: bool) {
        let mut named = Vec::new();
        for resource in self.view.instances(g) {
            strings_under(&resource.values, &SUBNET_KEYS, &mut named);
        }
        for value in named {
            self.subnets_named(g, value, out);
        }
        let referred: Vec<usize> = self.view.refers_to(g).collect();
        for h in referred {
            if self.view.zone_kind(h) == Some(ZoneKind::Subnet) {
                for j in 0..self.view.instances(h).len() {
                    out.push(self.subnet_zone(h, j));
                }
            } else if deep && (self.view.is_subnet_group(h) || self.view.is_loose_part(h)) {
                self.subnets_of(h, out, false);
            }
        }
    }

    fn component_zones(&mut self, g: usize) -> Vec<usize> {
        let mut zones = Vec::new();
        self.subnets_of(g, &mut zones, true);
        if zones.is_empty() {
            let network = self.network_of(g, 0).or_else(|| {
                let parts: Vec<usize> = self.view.refers_to(g).filter(|h| self.view.is_loose_part(*h)).collect();
                parts.into_iter().find_map(|h| self.network_of(h, 0))
            });
            let mut azs = Vec::new();
            for resource in self.view.instances(g) {
                strings_under(&resource.values, &AZ_KEYS, &mut azs);
            }
            for az in azs.into_iter().filter(|az| !az.is_empty()) {
                zones.push(self.az_zone(network, az));
            }
            if zones.is_empty() {
                zones.extend(network);
            }
        }
        let mut seen = std::collections::HashSet::new();
        zones.retain(|zone| seen.insert(*zone));
        zones
    }
}
