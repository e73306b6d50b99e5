//! Auto-arrange: an order of components inside their bands and zones that
//! reduces edge crossings, written as position hints the geometry lays out.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{BAND_HEADER, COLUMN_GAP, Drawn, Geometry, LEFT_MARGIN, NODE_WIDTH, Rect, band_index_map, member_zone};
use crate::model::*;

/// Positions for components that have none, next to what is placed: the
/// result covers every component (placed ones keep theirs).
pub(super) fn fill_missing_positions(project: &Project) -> HashMap<ComponentId, Position> {
    let arranged = arrange_positions(project);
    if project.components.iter().all(|c| c.position.is_none()) {
        return arranged;
    }
    let band_of = band_index_map(project);
    // Unplaced components go to the right of the placed ones in their band,
    // in the order auto-arrange would give them.
    let mut right_edge: HashMap<Option<usize>, f32> = HashMap::new();
    for component in &project.components {
        if let Some(position) = component.position {
            let edge = right_edge.entry(band_of(component)).or_insert(0.0);
            *edge = edge.max(position.x + NODE_WIDTH + COLUMN_GAP);
        }
    }
    let mut order: Vec<(&Component, f32)> = project
        .components
        .iter()
        .filter(|c| c.position.is_none())
        .map(|c| (c, arranged.get(&c.id).map_or(0.0, |p| p.x)))
        .collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut positions: HashMap<ComponentId, Position> = project
        .components
        .iter()
        .filter_map(|c| c.position.map(|p| (c.id, p)))
        .collect();
    for (component, _) in order {
        let edge = right_edge.entry(band_of(component)).or_insert(LEFT_MARGIN);
        let x = edge.max(LEFT_MARGIN);
        positions.insert(component.id, Position { x, y: BAND_HEADER });
        *edge = x + NODE_WIDTH + COLUMN_GAP;
    }
    positions
}

/// Auto-arrange: orders the components of each band to reduce edge
/// crossings (barycentre sweeps down and up the bands, keeping the members
/// of a zone together) and spaces them evenly. Never changes a layer.
pub fn arrange_positions(project: &Project) -> HashMap<ComponentId, Position> {
    let band_of = band_index_map(project);
    let band_count = project.layers.len() + 1;
    let mut bands: Vec<Vec<ComponentId>> = vec![Vec::new(); band_count];
    for component in &project.components {
        bands[band_of(component).unwrap_or(project.layers.len())].push(component.id);
    }
    // Start from the current left-to-right order where there is one, so an
    // arrange respects what the architect drew.
    let x_of: HashMap<ComponentId, f32> = project
        .components
        .iter()
        .map(|c| (c.id, c.position.map_or(f32::MAX, |p| p.x)))
        .collect();
    for band in &mut bands {
        band.sort_by(|a, b| x_of[a].total_cmp(&x_of[b]));
    }

    let mut neighbours: HashMap<ComponentId, Vec<ComponentId>> = HashMap::new();
    for dependency in &project.dependencies {
        neighbours.entry(dependency.from).or_default().push(dependency.to);
        neighbours.entry(dependency.to).or_default().push(dependency.from);
    }
    let zone_path = zone_paths(project);

    let keys = sweep_orders(&mut bands, &neighbours, &zone_path);
    ordered_positions(project, &keys, &zone_path)
}

/// Barycentre sweeps down and up the bands: each band is ordered by where
/// its components' neighbours sit, members of a zone kept together and a
/// zone kept at one place across the bands it spans.
/// Returns each component's last barycentre: where the sweeps want it.
fn sweep_orders(
    bands: &mut [Vec<ComponentId>],
    neighbours: &HashMap<ComponentId, Vec<ComponentId>>,
    zone_path: &HashMap<ComponentId, Vec<ZoneId>>,
) -> HashMap<ComponentId, f32> {
    let band_count = bands.len();
    let mut slot: HashMap<ComponentId, f32> = HashMap::new();
    let renumber = |bands: &[Vec<ComponentId>], slot: &mut HashMap<ComponentId, f32>| {
        for band in bands {
            for (i, id) in band.iter().enumerate() {
                slot.insert(*id, i as f32);
            }
        }
    };
    renumber(bands, &mut slot);
    let mut latest: HashMap<ComponentId, f32> = slot.clone();

    for sweep in 0..4 {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (0..band_count).collect()
        } else {
            (0..band_count).rev().collect()
        };
        for band_index in order {
            let band = &bands[band_index];
            if band.len() < 2 {
                continue;
            }
            let barycentre: HashMap<ComponentId, f32> = band
                .iter()
                .map(|id| {
                    let around: Vec<f32> = neighbours
                        .get(id)
                        .map(|n| n.iter().filter_map(|other| slot.get(other).copied()).collect())
                        .unwrap_or_default();
                    let value = if around.is_empty() {
                        slot[id]
                    } else {
                        around.iter().sum::<f32>() / around.len() as f32
                    };
                    (*id, value)
                })
                .collect();
            // Zone members stay together, and a zone keeps one place
            // across the bands it spans: its weight is the mean of the
            // latest barycentres of all its members, in every band.
            latest.extend(barycentre.iter().map(|(id, b)| (*id, *b)));
            let mut zone_sum: HashMap<ZoneId, (f32, f32)> = HashMap::new();
            for (id, path) in zone_path {
                let value = latest.get(id).copied().unwrap_or(0.0);
                for zone in path {
                    let entry = zone_sum.entry(*zone).or_insert((0.0, 0.0));
                    entry.0 += value;
                    entry.1 += 1.0;
                }
            }
            let key = |id: &ComponentId| -> Vec<(f32, u32)> {
                let mut key: Vec<(f32, u32)> = zone_path
                    .get(id)
                    .into_iter()
                    .flatten()
                    .map(|zone| {
                        let (sum, count) = zone_sum[zone];
                        (sum / count, zone.0)
                    })
                    .collect();
                key.push((barycentre[id], 0));
                key
            };
            let mut keyed: Vec<(Vec<(f32, u32)>, ComponentId)> = band.iter().map(|id| (key(id), *id)).collect();
            keyed.sort_by(|a, b| {
                for (x, y) in a.0.iter().zip(b.0.iter()) {
                    let ordering = x.0.total_cmp(&y.0).then(x.1.cmp(&y.1));
                    if ordering.is_ne() {
                        return ordering;
                    }
                }
                a.0.len().cmp(&b.0.len()).then(a.1.cmp(&b.1))
            });
            bands[band_index] = keyed.into_iter().map(|(_, id)| id).collect();
            for (i, id) in bands[band_index].iter().enumerate() {
                slot.insert(*id, i as f32);
            }
        }
    }
    latest
}

/// Hints in one left-to-right order for the whole drawing: the contents
/// of every zone (and of the canvas) ordered by where the sweeps want
/// them, a zone by the mean of its members, a component by its own
/// barycentre, nested zones in turn. The drawing places a zone by its
/// first member's hint and a box by its own, so every band sees the
/// same order of zones, and a box outside a zone lands on the side of it
/// where its neighbours are (per-band hints would compare places in
/// bands of different widths).
fn ordered_positions(
    project: &Project,
    wanted: &HashMap<ComponentId, f32>,
    zone_path: &HashMap<ComponentId, Vec<ZoneId>>,
) -> HashMap<ComponentId, Position> {
    let want = |id: &ComponentId| wanted.get(id).copied().unwrap_or(0.0);
    let mut zone_sum: HashMap<ZoneId, (f32, f32)> = HashMap::new();
    let mut contents: HashMap<Option<ZoneId>, Vec<(f32, Placed)>> = HashMap::new();
    for component in &project.components {
        let path = zone_path.get(&component.id).map_or(&[][..], Vec::as_slice);
        for zone in path {
            let entry = zone_sum.entry(*zone).or_insert((0.0, 0.0));
            entry.0 += want(&component.id);
            entry.1 += 1.0;
        }
        contents
            .entry(path.last().copied())
            .or_default()
            .push((want(&component.id), Placed::Component(component.id)));
    }
    let mut parent_of: HashMap<ZoneId, Option<ZoneId>> = HashMap::new();
    for path in zone_path.values() {
        for (i, zone) in path.iter().enumerate() {
            parent_of.insert(*zone, i.checked_sub(1).map(|p| path[p]));
        }
    }
    for (zone, parent) in parent_of {
        let (sum, count) = zone_sum[&zone];
        contents
            .entry(parent)
            .or_default()
            .push((sum / count, Placed::Zone(zone)));
    }
    for items in contents.values_mut() {
        items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    // Depth first from the canvas, numbering the boxes as they come.
    let mut positions = HashMap::with_capacity(project.components.len());
    let mut stack: Vec<std::vec::IntoIter<(f32, Placed)>> =
        vec![contents.remove(&None).unwrap_or_default().into_iter()];
    while let Some(items) = stack.last_mut() {
        match items.next() {
            None => {
                stack.pop();
            }
            Some((_, Placed::Component(id))) => {
                let x = LEFT_MARGIN + positions.len() as f32 * (NODE_WIDTH + COLUMN_GAP);
                positions.insert(id, Position { x, y: BAND_HEADER });
            }
            Some((_, Placed::Zone(zone))) => {
                stack.push(contents.remove(&Some(zone)).unwrap_or_default().into_iter());
            }
        }
    }
    // A damaged file's zone cycle can hide a zone from the canvas: its
    // boxes go last.
    for component in &project.components {
        if !positions.contains_key(&component.id) {
            let x = LEFT_MARGIN + positions.len() as f32 * (NODE_WIDTH + COLUMN_GAP);
            positions.insert(component.id, Position { x, y: BAND_HEADER });
        }
    }
    positions
}

/// Something ordered among a zone's contents by auto-arrange.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Placed {
    Zone(ZoneId),
    Component(ComponentId),
}

/// For every component in a zone, its zones from outermost to innermost.
fn zone_paths(project: &Project) -> HashMap<ComponentId, Vec<ZoneId>> {
    let parents: HashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    project
        .components
        .iter()
        .filter_map(|component| {
            let mut path = Vec::new();
            let mut current = member_zone(project, component);
            while let Some(id) = current {
                if !parents.contains_key(&id) || path.contains(&id) {
                    break;
                }
                path.push(id);
                current = parents[&id];
            }
            path.reverse();
            (!path.is_empty()).then_some((component.id, path))
        })
        .collect()
}

/// A copy of `project` whose components (by index) are at `position_of`.
fn with_positions(project: &Project, position_of: impl Fn(usize, &Component) -> Option<Position>) -> Project {
    let mut placed = project.clone();
    for (i, component) in placed.components.iter_mut().enumerate() {
        component.position = position_of(i, component);
    }
    placed
}

/// The auto-arrange edit: every component gets its arranged place, as one
/// undoable step. The positions written are where the geometry draws the
/// arranged order, so a later drag compares like with like.
pub fn arrange_edit(project: &Project) -> crate::edit::Edit {
    let positions = arrange_positions(project);
    let swept = with_positions(project, |_, c| positions.get(&c.id).copied());
    // The sweeps see straight lines, not routes, and can do worse than
    // the drawing the architect made: start from both and keep the one
    // with fewer routed crossings that is no wider than the drawing was
    // (a wider drawing is smaller at Fit).
    let width = Geometry::of(project).width;
    let mut starts = vec![swept];
    if project.components.iter().all(|c| c.position.is_some()) {
        starts.push(project.clone());
    }
    let Some((mut geometry, mut best)) = starts
        .into_iter()
        .map(|mut start| transpose_neighbours(&mut start, width))
        .min_by_key(|(geometry, crossings)| (geometry.width > width + 0.5, *crossings))
    else {
        return crate::edit::Edit::SetPositions(Vec::new());
    };
    // Too large for the routed search: sweeps over the drawn rows, which
    // lay the drawing out once per group reordered rather than once per
    // move.
    if project.components.len() > SEARCH_COMPONENTS {
        (geometry, best) = sweep_drawn_rows(project, geometry, best, width);
    }
    // The search moves boxes by their hints; the drawing it ends with,
    // written back as hints, can open moves it did not see. Search again
    // from there while that helps, so a second Auto-arrange finds little
    // left to do.
    for _ in 0..SEARCH_ROUNDS {
        if project.components.len() > SEARCH_COMPONENTS || best == 0 {
            break;
        }
        let again = with_positions(project, |_, c| geometry.stored_position(c.id));
        // The sweeps started from the order found, and that order itself.
        let swept = arrange_positions(&again);
        let reswept = with_positions(&again, |_, c| swept.get(&c.id).copied());
        let widest = width.max(geometry.width) + 0.5;
        let Some((next, crossings)) = [reswept, again]
            .into_iter()
            .map(|mut start| transpose_neighbours(&mut start, width))
            .filter(|(next, _)| next.width <= widest)
            .min_by_key(|(_, crossings)| *crossings)
        else {
            break;
        };
        if crossings >= best {
            break;
        }
        (geometry, best) = (next, crossings);
    }
    crate::edit::Edit::SetPositions(
        project
            .components
            .iter()
            .map(|c| (c.id, geometry.stored_position(c.id)))
            .collect(),
    )
}

/// Projects up to this size get the routed search after the sweeps (each
/// try lays the whole drawing out).
const SEARCH_COMPONENTS: usize = 80;
/// The most drawings the search lays out in one round.
const SEARCH_TRIES: usize = 2000;
/// The most times the search starts again from the drawing it found.
const SEARCH_ROUNDS: usize = 2;
/// Swaps are tried between boxes up to this many places apart in a row.
const REACH: usize = 10;

/// Moves boxes within their rows wherever that lowers the crossings of
/// the routed drawing (the sweeps only see straight lines), until no move
/// helps: two boxes near each other swap places, or one is put just
/// after or just before the other, never widening the drawing past
/// `width`. Returns the drawing of the result and
/// its crossings; projects too large to search keep their order.
fn transpose_neighbours(project: &mut Project, width: f32) -> (Geometry, usize) {
    let mut geometry = Geometry::of(project);
    // A move may not widen the drawing past `width` (or past where it
    // starts, if wider already).
    let widest = width.max(geometry.width) + 0.5;
    let mut best = super::count_piece_crossings(&geometry);
    if project.components.len() > SEARCH_COMPONENTS {
        return (geometry, best);
    }
    let mut tries = 0;
    let index: HashMap<ComponentId, usize> = project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    // Passes until no move helps (the tries bound the time), so a second
    // Auto-arrange finds nothing more to do.
    loop {
        let mut improved = false;
        for (a, b) in neighbours_in_rows(project, &geometry) {
            let (i, j) = (index[&a], index[&b]);
            for change in [Move::Swap, Move::After, Move::Before] {
                if tries >= SEARCH_TRIES || best == 0 {
                    return (geometry, best);
                }
                tries += 1;
                let undo = change.apply(project, i, j);
                let tried = Geometry::of(project);
                let crossings = super::count_piece_crossings(&tried);
                if crossings < best && tried.width <= widest {
                    best = crossings;
                    geometry = tried;
                    improved = true;
                    break;
                }
                undo.restore(project);
            }
        }
        if !improved {
            break;
        }
    }
    (geometry, best)
}

/// A change of one row's order tried by the search, on boxes `i` left of
/// `j`.
#[derive(Clone, Copy)]
enum Move {
    /// The two exchange places.
    Swap,
    /// `i` goes just right of `j`.
    After,
    /// `j` goes just left of `i`.
    Before,
}

/// The hints a move changed, to put back.
struct Undo(Vec<(usize, Option<Position>)>);

impl Undo {
    fn restore(self, project: &mut Project) {
        for (i, position) in self.0 {
            project.components[i].position = position;
        }
    }
}

impl Move {
    fn apply(self, project: &mut Project, i: usize, j: usize) -> Undo {
        let undo = Undo(vec![
            (i, project.components[i].position),
            (j, project.components[j].position),
        ]);
        let (a, b) = (project.components[i].position, project.components[j].position);
        // Half a unit is less than the distance between any two drawn
        // boxes' hints, so the moved box lands next to the other.
        let beside = |hint: Option<Position>, by: f32| hint.map(|p| Position { x: p.x + by, ..p });
        match self {
            Move::Swap => {
                project.components[i].position = b;
                project.components[j].position = a;
            }
            Move::After => {
                project.components[i].position = beside(b, 0.5).map(|p| Position {
                    y: a.map_or(p.y, |a| a.y),
                    ..p
                })
            }
            Move::Before => {
                project.components[j].position = beside(a, -0.5).map(|p| Position {
                    y: b.map_or(p.y, |b| b.y),
                    ..p
                })
            }
        }
        undo
    }
}

/// Boxes near each other, left then right, in one drawn row. Swapping two
/// of one zone swaps their places; swapping two of sibling zones can swap
/// the zones (a zone is ordered by the least hint of what it holds).
fn neighbours_in_rows(project: &Project, geometry: &Geometry) -> Vec<(ComponentId, ComponentId)> {
    let mut rows: HashMap<i64, Vec<(f32, ComponentId)>> = HashMap::new();
    for component in &project.components {
        let Some(r) = geometry.node(component.id) else {
            continue;
        };
        rows.entry(r.y.round() as i64).or_default().push((r.x, component.id));
    }
    let mut pairs = Vec::new();
    let mut keys: Vec<_> = rows.keys().copied().collect();
    keys.sort();
    for key in keys {
        let row = rows.get_mut(&key).expect("key from the map");
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        for reach in 1..=REACH {
            pairs.extend(row.iter().zip(row.iter().skip(reach)).map(|(a, b)| (a.1, b.1)));
        }
    }
    pairs
}

/// The most sweeps over the drawn rows (down, up, down, up).
const DRAWN_SWEEPS: usize = 4;
/// Boxes laid out by the sweeps over the drawn rows, all layouts
/// together: each try lays out the whole drawing, so a large project gets
/// fewer tries (1,000 boxes: 60).
const DRAWN_SWEEP_WORK: usize = 60_000;

/// Barycentre sweeps over the drawn rows, each move checked on the
/// routed drawing. The boxes of one zone in one row keep the places they
/// are drawn at and are dealt them again in the order of where their
/// neighbours in the rows above (sweeping down) or below (sweeping up)
/// are drawn; a group's new order is kept when the laid-out drawing
/// crosses less and is no wider. The band sweeps compare places in bands of
/// different widths; these see the real places of boxes in wrapped rows
/// and wide zones.
fn sweep_drawn_rows(project: &Project, mut geometry: Geometry, mut best: usize, width: f32) -> (Geometry, usize) {
    let widest = width.max(geometry.width) + 0.5;
    let count = project.components.len();
    let index: FxHashMap<ComponentId, usize> = project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); count];
    for dependency in &project.dependencies {
        if let (Some(&a), Some(&b)) = (index.get(&dependency.from), index.get(&dependency.to))
            && a != b
        {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let mut hints: Vec<Option<Position>> = project
        .components
        .iter()
        .map(|c| geometry.stored_position(c.id))
        .collect();
    let Some(drawn): Option<Vec<Rect>> = project.components.iter().map(|c| geometry.node(c.id)).collect() else {
        return (geometry, best);
    };
    // Boxes side by side in one zone (or outside every zone) in one row;
    // a box across a border keeps its place.
    let mut groups: FxHashMap<(i64, Drawn), Vec<usize>> = FxHashMap::default();
    for (i, component) in project.components.iter().enumerate() {
        match geometry.drawn_in(component.id) {
            Some(Drawn::Across(..)) | None => {}
            Some(drawn_in) => groups.entry((drawn[i].y.round() as i64, drawn_in)).or_default().push(i),
        }
    }
    // Top to bottom, so a sweep down meets the rows in order.
    let mut groups: Vec<((i64, Drawn), Vec<usize>)> = groups.into_iter().collect();
    groups.sort_by_key(|(key, _)| *key);
    let mut x: Vec<f32> = drawn.iter().map(|r| r.center().0).collect();
    let row_y: Vec<i64> = drawn.iter().map(|r| r.y.round() as i64).collect();
    let mut layouts = 0;
    let budget = (DRAWN_SWEEP_WORK / count.max(1)).max(1);
    for sweep in 0..DRAWN_SWEEPS {
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (0..groups.len()).collect()
        } else {
            (0..groups.len()).rev().collect()
        };
        let mut improved = false;
        for at in order {
            if layouts >= budget {
                break;
            }
            let ((y, _), members) = &groups[at];
            let wanted = |i: usize| {
                let around: Vec<f32> = neighbours[i]
                    .iter()
                    .filter(|&&n| if down { row_y[n] < *y } else { row_y[n] > *y })
                    .map(|&n| x[n])
                    .collect();
                if around.is_empty() {
                    x[i]
                } else {
                    around.iter().sum::<f32>() / around.len() as f32
                }
            };
            let mut keyed: Vec<(f32, f32, usize)> = members.iter().map(|&i| (wanted(i), x[i], i)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut places: Vec<(f32, Option<Position>)> = members.iter().map(|&i| (x[i], hints[i])).collect();
            places.sort_by(|a, b| a.0.total_cmp(&b.0));
            let moves: Vec<(usize, f32, Option<Position>)> = keyed
                .into_iter()
                .zip(places)
                .filter(|((_, _, i), (place, _))| *place != x[*i])
                .map(|((_, _, i), (place, hint))| (i, place, hint))
                .collect();
            if moves.is_empty() {
                continue;
            }
            let undo: Vec<(usize, f32, Option<Position>)> =
                moves.iter().map(|&(i, _, _)| (i, x[i], hints[i])).collect();
            for &(i, place, hint) in &moves {
                x[i] = place;
                hints[i] = hint;
            }
            let laid = Geometry::of(&with_positions(project, |i, _| hints[i]));
            layouts += 1;
            let crossings = super::count_piece_crossings(&laid);
            if crossings < best && laid.width <= widest {
                // Channels grow and shrink with the new order: the next
                // group sees where boxes are drawn now.
                for (i, component) in project.components.iter().enumerate() {
                    if let Some(r) = laid.node(component.id) {
                        x[i] = r.center().0;
                        hints[i] = laid.stored_position(component.id);
                    }
                }
                best = crossings;
                geometry = laid;
                improved = true;
            } else {
                for (i, place, hint) in undo {
                    x[i] = place;
                    hints[i] = hint;
                }
            }
        }
        if !improved || layouts >= budget {
            break;
        }
    }
    (geometry, best)
}
