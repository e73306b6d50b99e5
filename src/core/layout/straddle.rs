//! Where a component in several zones is drawn.
//!
//! A component's zones are first reduced to the innermost ones. When two
//! remain, in different child subtrees of their common ancestor, the two
//! subtrees are placed side by side with nearly touching edges and the
//! component's box is centred on their common border: it lies partly
//! inside every zone on both chains, inside the common ancestor, and
//! outside every other zone. That takes promises from the placement: the
//! two subtrees are neighbours in their container's order (a link), each
//! zone on the left chain reaches its parent's right edge and each on the
//! right chain its parent's left edge (edge zones), and the innermost
//! zones keep the box's half free at the end of its row (reservations).
//!
//! Promises are made one component at a time, in project order, and only
//! when they agree with those already made; zones and reservations on one
//! side of a container must not share a band (a zone's rows are the
//! hull of its content's bands, so sharing no band means sharing no row).
//! A component whose promises cannot be kept, or with three or more
//! innermost zones, is drawn inside its first-listed innermost zone, and
//! its box names the others.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{NODE_WIDTH, Position, ZONE_PADDING, band_index_map};
use crate::model::*;

/// Space between two zones whose common border a component straddles.
pub(super) const STRADDLE_GAP: f32 = 8.0;
/// The least width of a straddling box inside each innermost zone.
const LEAST_REACH: f32 = 20.0;
/// How many boxes of one band may straddle one border. Each takes a row
/// of its own, so a long stack would make the band as tall as the number
/// of multi-zone components; past it, a box is drawn in its first zone
/// and names the other, which reads as well and keeps the band compact.
pub(super) const MOST_STACKED: usize = 3;

/// Where a component is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// Outside every zone.
    Outside,
    /// Inside this zone (and its ancestors).
    In(ZoneId),
    /// Across a border: index into [`Plan::straddles`].
    Across(usize),
}

/// A component drawn across the border between two sibling subtrees.
#[derive(Clone, Debug)]
pub(super) struct Straddle {
    pub component: usize,
    /// The common ancestor (None: the canvas).
    pub container: Option<ZoneId>,
    /// The zones left of the border, from the container's child down to
    /// the innermost, and those right of it.
    pub left: Vec<ZoneId>,
    pub right: Vec<ZoneId>,
}

impl Straddle {
    /// The border: the container's children on either side of it.
    pub fn border(&self) -> Border {
        (self.container, self.left[0], self.right[0])
    }
}

/// A border between two sibling subtrees: their container and the two
/// children of it, left then right.
pub(super) type Border = (Option<ZoneId>, ZoneId, ZoneId);

/// How far a straddling box reaches into a zone `depth` levels below the
/// zone at the border (whose edge is the border's).
pub(super) fn reach(depth: usize) -> f32 {
    NODE_WIDTH / 2.0 - STRADDLE_GAP / 2.0 - depth as f32 * ZONE_PADDING
}

/// The promises the placement keeps inside one container.
#[derive(Clone, Debug, Default)]
pub(super) struct Order {
    /// Zone placed immediately right of another, nearly touching it.
    pub next: FxHashMap<ZoneId, ZoneId>,
    prev: FxHashMap<ZoneId, ZoneId>,
    /// Children that start at the container's left edge / end at its
    /// right edge in every row they span.
    pub first: FxHashSet<ZoneId>,
    pub last: FxHashSet<ZoneId>,
    /// Bands in which a straddling box takes the start / the end of a row.
    left_reserved: Vec<usize>,
    right_reserved: Vec<usize>,
}

impl Order {
    /// The zones linked with `zone`, left to right.
    pub fn path(&self, zone: ZoneId) -> Vec<ZoneId> {
        let mut head = zone;
        while let Some(before) = self.prev.get(&head) {
            head = *before;
        }
        let mut path = vec![head];
        while let Some(after) = path.last().and_then(|z| self.next.get(z)) {
            path.push(*after);
        }
        path
    }

    /// The zone linked immediately left of `zone`.
    pub fn before(&self, zone: ZoneId) -> Option<ZoneId> {
        self.prev.get(&zone).copied()
    }
}

/// Bands a zone's content spans, first to last.
type Hull = (usize, usize);

fn meet(a: Hull, b: Hull) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn join(a: Option<Hull>, b: Hull) -> Hull {
    a.map_or(b, |a| (a.0.min(b.0), a.1.max(b.1)))
}

/// Where every component is drawn and what that asks of the placement.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Per component, in project order.
    pub places: Vec<Place>,
    pub straddles: Vec<Straddle>,
    pub orders: FxHashMap<Option<ZoneId>, Order>,
    /// Boxes straddling each border (the two sides in either order) in
    /// each band.
    stacked: FxHashMap<(Option<ZoneId>, ZoneId, ZoneId, usize), usize>,
    /// Per component drawn inside one zone though listed in others: the
    /// others, innermost ones only, in listed order.
    pub also: FxHashMap<usize, Vec<ZoneId>>,
}

/// What the planner knows of the zone forest and its content.
struct Facts<'a> {
    parent: &'a FxHashMap<ZoneId, Option<ZoneId>>,
    hull: FxHashMap<ZoneId, Hull>,
    hint: FxHashMap<ZoneId, f32>,
    children: FxHashMap<Option<ZoneId>, Vec<ZoneId>>,
    /// Bands of the components listing a zone among their innermost.
    direct: FxHashMap<ZoneId, Vec<usize>>,
}

impl Facts<'_> {
    /// `zone` and its ancestors, innermost first.
    fn chain(&self, zone: ZoneId) -> Vec<ZoneId> {
        let mut chain = vec![zone];
        while let Some(Some(up)) = chain.last().and_then(|z| self.parent.get(z)) {
            chain.push(*up);
        }
        chain
    }

    fn hull(&self, zone: ZoneId) -> Hull {
        self.hull.get(&zone).copied().unwrap_or((usize::MAX, 0))
    }

    fn path_hull(&self, path: &[ZoneId]) -> Hull {
        path.iter()
            .fold(None, |h, z| Some(join(h, self.hull(*z))))
            .unwrap_or((usize::MAX, 0))
    }

    /// Whether `x` can be placed immediately left of `y` in `order`.
    fn can_link(&self, order: &Order, x: ZoneId, y: ZoneId) -> bool {
        if order.next.get(&x) == Some(&y) {
            return true;
        }
        if order.next.contains_key(&x)
            || order.prev.contains_key(&y)
            || order.last.contains(&x)
            || order.first.contains(&y)
        {
            return false;
        }
        let left = order.path(x);
        if left.contains(&y) {
            return false;
        }
        let mut joined = left;
        joined.extend(order.path(y));
        let has_first = joined.iter().any(|z| order.first.contains(z));
        let has_last = joined.iter().any(|z| order.last.contains(z));
        if has_first && has_last {
            return false;
        }
        let hull = self.path_hull(&joined);
        let others = |edge: &FxHashSet<ZoneId>| {
            edge.iter()
                .filter(|z| !joined.contains(z))
                .all(|z| !meet(self.path_hull(&order.path(*z)), hull))
        };
        (!has_first || others(&order.first)) && (!has_last || others(&order.last))
    }

    /// Whether `zone` can reach the container's left (`right` false) or
    /// right edge in every row it spans.
    fn can_edge(&self, container: Option<ZoneId>, order: &Order, zone: ZoneId, right: bool) -> bool {
        let (same, opposite, reserved, neighbour) = if right {
            (&order.last, &order.first, &order.right_reserved, &order.next)
        } else {
            (&order.first, &order.last, &order.left_reserved, &order.prev)
        };
        if same.contains(&zone) {
            return true;
        }
        if neighbour.contains_key(&zone) {
            return false;
        }
        let hull = self.hull(zone);
        if reserved.iter().any(|band| meet((*band, *band), hull)) {
            return false;
        }
        let path = order.path(zone);
        if path.iter().any(|z| *z != zone && opposite.contains(z)) {
            return false;
        }
        let path_hull = self.path_hull(&path);
        let apart = same
            .iter()
            .filter(|z| !path.contains(z))
            .all(|z| !meet(self.path_hull(&order.path(*z)), path_hull));
        if !apart {
            return false;
        }
        if opposite.contains(&zone) {
            // From edge to edge: nothing else of the container may share
            // its rows.
            let siblings = self.children.get(&container).into_iter().flatten();
            let direct = container.and_then(|c| self.direct.get(&c)).into_iter().flatten();
            let (theirs, mine) = if right {
                (&order.left_reserved, &order.right_reserved)
            } else {
                (&order.right_reserved, &order.left_reserved)
            };
            return path.len() == 1
                && siblings.filter(|z| **z != zone).all(|z| !meet(self.hull(*z), hull))
                && direct.chain(theirs).chain(mine).all(|band| !meet((*band, *band), hull));
        }
        true
    }

    /// Whether a straddling box in `band` can take the start (`right`
    /// false) or the end of its row in the container.
    fn can_reserve(order: &Order, facts: &Facts, band: usize, right: bool) -> bool {
        let edge = if right { &order.last } else { &order.first };
        edge.iter().all(|z| !meet(facts.hull(*z), (band, band)))
    }
}

/// Decides where every component is drawn.
pub(super) fn plan(
    project: &Project,
    parent: &FxHashMap<ZoneId, Option<ZoneId>>,
    hints: &FxHashMap<ComponentId, Position>,
) -> Plan {
    let band_of = band_index_map(project);
    let unassigned = project.layers.len();
    let bands: Vec<usize> = project
        .components
        .iter()
        .map(|c| band_of(c).unwrap_or(unassigned))
        .collect();
    let mut facts = Facts {
        parent,
        hull: FxHashMap::default(),
        hint: FxHashMap::default(),
        children: FxHashMap::default(),
        direct: FxHashMap::default(),
    };
    for (zone, up) in parent {
        facts.children.entry(*up).or_default().push(*zone);
    }
    let innermost: Vec<Vec<ZoneId>> = project
        .components
        .iter()
        .map(|c| innermost_zones(&facts, &c.zones))
        .collect();
    for (i, zones) in innermost.iter().enumerate() {
        // Only a component in one zone is surely drawn inside it: the
        // zones' order as drawn is read from those alone, so a drawing
        // written back as hints gives the same orientations.
        let hint = (zones.len() == 1)
            .then(|| hints.get(&project.components[i].id).map(|p| p.x))
            .flatten();
        for zone in zones {
            facts.direct.entry(*zone).or_default().push(bands[i]);
            for up in facts.chain(*zone) {
                let hull = join(facts.hull.get(&up).copied(), (bands[i], bands[i]));
                facts.hull.insert(up, hull);
                if let Some(hint) = hint {
                    let least = facts.hint.entry(up).or_insert(hint);
                    *least = least.min(hint);
                }
            }
        }
    }

    let mut plan = Plan::default();
    for (i, zones) in innermost.into_iter().enumerate() {
        let place = match zones.as_slice() {
            [] => Place::Outside,
            [only] => Place::In(*only),
            [a, b] => match straddle(&facts, &mut plan, i, bands[i], *a, *b) {
                Some(straddle) => {
                    plan.straddles.push(straddle);
                    Place::Across(plan.straddles.len() - 1)
                }
                None => Place::In(*a),
            },
            [first, ..] => Place::In(*first),
        };
        if let Place::In(drawn) = place
            && zones.len() > 1
        {
            plan.also.insert(i, zones.into_iter().filter(|z| *z != drawn).collect());
        }
        plan.places.push(place);
    }
    plan
}

/// The known zones of a list, each once, without any zone that has one of
/// its descendants listed too, in listed order.
fn innermost_zones(facts: &Facts, zones: &[ZoneId]) -> Vec<ZoneId> {
    let mut known: Vec<ZoneId> = Vec::with_capacity(zones.len());
    for zone in zones {
        if facts.parent.contains_key(zone) && !known.contains(zone) {
            known.push(*zone);
        }
    }
    let chains: Vec<Vec<ZoneId>> = known.iter().map(|z| facts.chain(*z)).collect();
    known
        .iter()
        .copied()
        .filter(|zone| !chains.iter().any(|chain| chain[0] != *zone && chain.contains(zone)))
        .collect()
}

/// The straddle of component `component` across the border between the
/// subtrees of `a` and `b`, with its promises made, or None when they
/// cannot be kept.
fn straddle(facts: &Facts, plan: &mut Plan, component: usize, band: usize, a: ZoneId, b: ZoneId) -> Option<Straddle> {
    let (chain_a, chain_b) = (facts.chain(a), facts.chain(b));
    let container = chain_a.iter().find(|z| chain_b.contains(z)).copied();
    let below = |chain: &[ZoneId]| -> Vec<ZoneId> {
        let mut below: Vec<ZoneId> = chain.iter().copied().take_while(|z| Some(*z) != container).collect();
        below.reverse();
        below
    };
    let (down_a, down_b) = (below(&chain_a), below(&chain_b));
    let deepest = down_a.len().max(down_b.len());
    if down_a.is_empty() || down_b.is_empty() || reach(deepest - 1) < LEAST_REACH {
        return None;
    }
    let stack = (container, down_a[0].min(down_b[0]), down_a[0].max(down_b[0]), band);
    if plan.stacked.get(&stack).copied().unwrap_or(0) >= MOST_STACKED {
        return None;
    }
    // The side the architect drew first goes left, unless only the other
    // orientation keeps the promises.
    let hint = |z: &ZoneId| (facts.hint.get(z).copied().unwrap_or(f32::MAX), *z);
    let a_first = hint(&down_a[0]) <= hint(&down_b[0]);
    let sides = if a_first {
        [(&down_a, &down_b), (&down_b, &down_a)]
    } else {
        [(&down_b, &down_a), (&down_a, &down_b)]
    };
    for (left, right) in sides {
        if keeps(facts, &plan.orders, container, band, left, right) {
            promise(&mut plan.orders, container, band, left, right);
            *plan.stacked.entry(stack).or_default() += 1;
            return Some(Straddle {
                component,
                container,
                left: left.clone(),
                right: right.clone(),
            });
        }
    }
    None
}

fn keeps(
    facts: &Facts,
    orders: &FxHashMap<Option<ZoneId>, Order>,
    container: Option<ZoneId>,
    band: usize,
    left: &[ZoneId],
    right: &[ZoneId],
) -> bool {
    let empty = Order::default();
    let order = |c: Option<ZoneId>| orders.get(&c).unwrap_or(&empty);
    let edges = |chain: &[ZoneId], at_right: bool| {
        chain
            .windows(2)
            .all(|pair| facts.can_edge(Some(pair[0]), order(Some(pair[0])), pair[1], at_right))
    };
    let innermost = |chain: &[ZoneId]| *chain.last().expect("a chain below the container");
    facts.can_link(order(container), left[0], right[0])
        && edges(left, true)
        && edges(right, false)
        && Facts::can_reserve(order(Some(innermost(left))), facts, band, true)
        && Facts::can_reserve(order(Some(innermost(right))), facts, band, false)
}

fn promise(
    orders: &mut FxHashMap<Option<ZoneId>, Order>,
    container: Option<ZoneId>,
    band: usize,
    left: &[ZoneId],
    right: &[ZoneId],
) {
    let order = orders.entry(container).or_default();
    order.next.insert(left[0], right[0]);
    order.prev.insert(right[0], left[0]);
    for pair in left.windows(2) {
        orders.entry(Some(pair[0])).or_default().last.insert(pair[1]);
    }
    for pair in right.windows(2) {
        orders.entry(Some(pair[0])).or_default().first.insert(pair[1]);
    }
    if let (Some(a), Some(b)) = (left.last(), right.last()) {
        orders.entry(Some(*a)).or_default().right_reserved.push(band);
        orders.entry(Some(*b)).or_default().left_reserved.push(band);
    }
}
