//! A component's zones: what a list of zones means and its one canonical
//! form. A component may run in several zones (the availability zones of a
//! VPC, the subnets of two AZs); the list never names a zone twice and never
//! names a zone together with one of its ancestors, since being in the inner
//! zone already says being in the outer one.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::{Project, ZoneId};

impl Project {
    /// The zones from `zone` up to the top level, innermost first. Bounded,
    /// so a cycle in a hand-edited file cannot hang a reader.
    pub fn zone_chain(&self, zone: ZoneId) -> Vec<ZoneId> {
        let mut chain = Vec::new();
        let mut next = Some(zone);
        while let Some(id) = next {
            if chain.contains(&id) || chain.len() > self.zones.len() {
                break;
            }
            let Some(found) = self.zone(id) else { break };
            chain.push(id);
            next = found.parent;
        }
        chain
    }

    /// Whether `ancestor` strictly contains `zone` through nesting.
    pub fn zone_is_inside(&self, zone: ZoneId, ancestor: ZoneId) -> bool {
        zone != ancestor && self.zone_chain(zone).contains(&ancestor)
    }

    /// The innermost zone that contains (or is) every one of `zones`, or
    /// `None` when only the top level does or the list is empty.
    pub fn common_zone_of(&self, zones: &[ZoneId]) -> Option<ZoneId> {
        let mut chains = zones.iter().map(|zone| self.zone_chain(*zone));
        let first = chains.next()?;
        let rest: Vec<Vec<ZoneId>> = chains.collect();
        first
            .into_iter()
            .find(|zone| rest.iter().all(|chain| chain.contains(zone)))
    }

    /// The canonical form of a zone list: each zone once, in the given
    /// order, without any zone that has one of its descendants also listed
    /// (the innermost is kept).
    pub fn normalized_zones(&self, zones: &[ZoneId]) -> Vec<ZoneId> {
        let mut unique: Vec<ZoneId> = Vec::with_capacity(zones.len());
        for zone in zones {
            if !unique.contains(zone) {
                unique.push(*zone);
            }
        }
        unique
            .iter()
            .copied()
            .filter(|outer| !unique.iter().any(|inner| self.zone_is_inside(*inner, *outer)))
            .collect()
    }
}

/// Reads a component's zone list: `zones: [3, 4]` in format 2, or format 1's
/// single `zone: Some(3)` / `zone: None`, which becomes a list of at most one.
/// A zone named twice is an error at its position in the file.
pub(crate) fn deserialize_zone_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<ZoneId>, D::Error> {
    deserializer.deserialize_any(ZoneListVisitor)
}

struct ZoneListVisitor;

impl<'de> Visitor<'de> for ZoneListVisitor {
    type Value = Vec<ZoneId>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of zone ids such as `[3, 4]`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut zones: Vec<ZoneId> = Vec::new();
        while let Some(zone) = seq.next_element::<ZoneId>()? {
            if zones.contains(&zone) {
                return Err(de::Error::custom(format!(
                    "zone {} is listed twice in this component's zones; list each zone once",
                    zone.0
                )));
            }
            zones.push(zone);
        }
        Ok(zones)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let zone: ZoneId = serde::Deserialize::deserialize(deserializer)?;
        Ok(vec![zone])
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

impl Project {
    /// Where a component is drawn and grouped: the innermost zone containing
    /// all of its zones (for a component in two AZs, their VPC).
    pub fn home_zone(&self, component: &super::Component) -> Option<ZoneId> {
        match component.zones.as_slice() {
            [] => None,
            [only] => Some(*only),
            several => self.common_zone_of(several),
        }
    }
}

impl Project {
    /// Every zone in tree order (each parent before its children, siblings
    /// in project order) with its nesting depth. Zones caught in a cycle or
    /// under a missing parent come last, at depth 0, so none is lost.
    pub fn zone_tree(&self) -> Vec<(ZoneId, usize)> {
        let mut out: Vec<(ZoneId, usize)> = Vec::with_capacity(self.zones.len());
        let mut stack: Vec<(ZoneId, usize)> = self
            .zones
            .iter()
            .rev()
            .filter(|z| z.parent.is_none())
            .map(|z| (z.id, 0))
            .collect();
        while let Some((id, depth)) = stack.pop() {
            if out.iter().any(|(seen, _)| *seen == id) {
                continue;
            }
            out.push((id, depth));
            stack.extend(
                self.zones
                    .iter()
                    .rev()
                    .filter(|z| z.parent == Some(id))
                    .map(|z| (z.id, depth + 1)),
            );
        }
        for zone in &self.zones {
            if !out.iter().any(|(seen, _)| *seen == zone.id) {
                out.push((zone.id, 0));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    fn nested() -> Project {
        let zone = |id: u32, parent: Option<u32>| Zone {
            id: ZoneId(id),
            name: format!("z{id}"),
            parent: parent.map(ZoneId),
            ..Zone::default()
        };
        Project {
            // 1 region > 2 VPC > {3 AZ a > 5 subnet, 4 AZ b}
            zones: vec![
                zone(1, None),
                zone(2, Some(1)),
                zone(3, Some(2)),
                zone(4, Some(2)),
                zone(5, Some(3)),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn normalising_drops_repeats_and_ancestors_keeping_the_innermost() {
        let project = nested();
        let ids = |v: &[u32]| v.iter().map(|&i| ZoneId(i)).collect::<Vec<_>>();
        assert_eq!(project.normalized_zones(&ids(&[3, 4, 3])), ids(&[3, 4]));
        assert_eq!(project.normalized_zones(&ids(&[2, 5, 4])), ids(&[5, 4]));
        assert_eq!(project.normalized_zones(&ids(&[1, 3])), ids(&[3]));
        assert_eq!(project.normalized_zones(&[]), ids(&[]));
    }

    #[test]
    fn the_home_zone_is_the_innermost_holding_all() {
        let project = nested();
        let component = |zones: &[u32]| Component {
            zones: zones.iter().map(|&i| ZoneId(i)).collect(),
            ..Component::default()
        };
        assert_eq!(project.home_zone(&component(&[3, 4])), Some(ZoneId(2)));
        assert_eq!(project.home_zone(&component(&[5, 4])), Some(ZoneId(2)));
        assert_eq!(project.home_zone(&component(&[5])), Some(ZoneId(5)));
        assert_eq!(project.home_zone(&component(&[])), None);
    }

    #[test]
    fn the_zone_tree_lists_parents_before_children() {
        let tree = nested().zone_tree();
        let order: Vec<(u32, usize)> = tree.iter().map(|(z, d)| (z.0, *d)).collect();
        assert_eq!(order, vec![(1, 0), (2, 1), (3, 2), (5, 3), (4, 2)]);
    }
}
