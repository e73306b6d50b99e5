//! Geometry shared by the canvas and the SVG export: layer bands, component
//! boxes, zone rectangles, and auto-arrange inside bands.
//!
//! Coordinates: a component's stored [`Position`] is `x` from the canvas's
//! left edge and `y` from the top of its layer's band; the band's top comes
//! from the layer order and the heights of the bands above it. Components
//! with no layer sit in a final "Unassigned" band.

use std::collections::HashMap;

use crate::model::*;

pub const NODE_WIDTH: f32 = 170.0;
pub const NODE_HEIGHT: f32 = 58.0;
/// Room at the top of a band for its label.
pub const BAND_HEADER: f32 = 30.0;
pub const BAND_MIN_HEIGHT: f32 = 150.0;
pub const BAND_PADDING: f32 = 24.0;
/// Where arranged components start, leaving the band label readable.
pub const LEFT_MARGIN: f32 = 40.0;
pub const COLUMN_GAP: f32 = 40.0;
/// How much a zone's rectangle grows beyond what it contains, per level.
pub const ZONE_PADDING: f32 = 12.0;
pub const ZONE_LABEL: f32 = 18.0;
/// How close the outermost zone box may come to its band's header.
const ZONE_GAP: f32 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }
    pub fn expand(&self, by: f32) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            width: self.width + 2.0 * by,
            height: self.height + 2.0 * by,
        }
    }
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// `None` for the "Unassigned" band of components without a layer.
    pub layer: Option<LayerId>,
    pub name: String,
    pub kind: LayerKind,
    pub top: f32,
    pub height: f32,
    /// Where a component's `position.y` of 0 is: the band's top, moved
    /// down when zones need room above the components to draw their
    /// boxes and labels inside the band.
    pub origin: f32,
}

impl Band {
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }

    /// The `position.y` that puts a component's top edge at canvas `y`
    /// in this band, kept inside the band.
    pub fn position_y(&self, y: f32) -> f32 {
        let lowest = (self.bottom() - self.origin - NODE_HEIGHT).max(BAND_HEADER);
        (y - self.origin).clamp(BAND_HEADER, lowest)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ZoneBox {
    pub id: ZoneId,
    /// Nesting depth: 0 for top-level zones.
    pub depth: usize,
    pub rect: Rect,
}

/// Where everything is drawn, in canvas coordinates.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    pub bands: Vec<Band>,
    /// Component boxes in project order.
    pub nodes: Vec<(ComponentId, Rect)>,
    index: HashMap<ComponentId, usize>,
    /// Zones that contain at least one component, outermost first.
    pub zones: Vec<ZoneBox>,
    pub width: f32,
    pub height: f32,
}

impl Geometry {
    /// Lays out a project. Components without a position get one from
    /// [`arrange_positions`] (without changing the project).
    pub fn of(project: &Project) -> Geometry {
        let unplaced = project.components.iter().any(|c| c.position.is_none());
        let filled;
        let positions: HashMap<ComponentId, Position> = if unplaced {
            filled = fill_missing_positions(project);
            filled
        } else {
            project
                .components
                .iter()
                .filter_map(|c| c.position.map(|p| (c.id, p)))
                .collect()
        };

        let band_of = band_index_map(project);
        let band_count = project.layers.len() + usize::from(project.components.iter().any(|c| band_of(c).is_none()));
        let levels = zone_levels(project);
        // Zone boxes grow around their contents by a padding and a label
        // strip per nesting level. A zone's box starts in the band of its
        // highest content and ends in the band of its lowest: those bands
        // make room for it (above and below their components), so a box
        // never sticks out into a band it has nothing in.
        let mut content_height = vec![0.0f32; band_count];
        let mut room_above = vec![0.0f32; band_count];
        // (band index, y inside the band) of a zone's highest and lowest content.
        type Spot = (usize, f32);
        let mut extent: HashMap<ZoneId, (Spot, Spot)> = HashMap::new();
        for component in &project.components {
            let band = band_of(component).unwrap_or(project.layers.len());
            let y = positions.get(&component.id).map_or(BAND_HEADER, |p| p.y.max(0.0));
            content_height[band] = content_height[band].max(y + NODE_HEIGHT);
            for zone in levels.chain(component) {
                let here = (band, y);
                extent
                    .entry(zone)
                    .and_modify(|(highest, lowest)| {
                        if (here.0, here.1) < (highest.0, highest.1) {
                            *highest = here;
                        }
                        if (here.0, here.1) > (lowest.0, lowest.1) {
                            *lowest = here;
                        }
                    })
                    .or_insert((here, here));
            }
        }
        for (zone, ((top_band, top_y), (bottom_band, bottom_y))) in &extent {
            let nesting = levels.inner.get(zone).copied().unwrap_or(0) as f32 + 1.0;
            let above = nesting * (ZONE_PADDING + ZONE_LABEL) - (top_y - BAND_HEADER) - ZONE_GAP;
            room_above[*top_band] = room_above[*top_band].max(above);
            content_height[*bottom_band] =
                content_height[*bottom_band].max(bottom_y + NODE_HEIGHT + nesting * ZONE_PADDING);
        }

        let mut bands = Vec::with_capacity(band_count);
        let mut top = 0.0;
        for (index, height) in content_height.iter().enumerate() {
            let (layer, name, kind) = match project.layers.get(index) {
                Some(layer) => (Some(layer.id), layer.name.clone(), layer.kind),
                None => (None, "Unassigned".to_owned(), LayerKind::Custom),
            };
            let shift = room_above[index].max(0.0);
            let height = (height + shift + BAND_PADDING).max(BAND_MIN_HEIGHT);
            bands.push(Band {
                layer,
                name,
                kind,
                top,
                height,
                origin: top + shift,
            });
            top += height;
        }

        let mut nodes = Vec::with_capacity(project.components.len());
        let mut index = HashMap::with_capacity(project.components.len());
        let mut width: f32 = 800.0;
        for component in &project.components {
            let band = &bands[band_of(component).unwrap_or(project.layers.len())];
            let position = positions.get(&component.id).copied().unwrap_or(Position {
                x: LEFT_MARGIN,
                y: BAND_HEADER,
            });
            let rect = Rect {
                x: position.x,
                y: band.origin + position.y.max(0.0),
                width: NODE_WIDTH,
                height: NODE_HEIGHT,
            };
            width = width.max(rect.right() + LEFT_MARGIN);
            index.insert(component.id, nodes.len());
            nodes.push((component.id, rect));
        }

        let zones = zone_boxes(project, &levels, &nodes, &index);
        for zone in &zones {
            width = width.max(zone.rect.right() + ZONE_PADDING);
        }
        Geometry {
            bands,
            nodes,
            index,
            zones,
            width,
            height: top,
        }
    }

    pub fn node(&self, id: ComponentId) -> Option<Rect> {
        self.index.get(&id).map(|&i| self.nodes[i].1)
    }

    /// The band under a canvas point (for dropping into another layer).
    pub fn band_at(&self, y: f32) -> Option<&Band> {
        self.bands.iter().find(|b| y >= b.top && y < b.bottom())
    }

    /// The innermost zone whose rectangle holds the point.
    pub fn zone_at(&self, x: f32, y: f32) -> Option<ZoneId> {
        self.zones
            .iter()
            .filter(|z| z.rect.contains(x, y))
            .max_by_key(|z| z.depth)
            .map(|z| z.id)
    }
}

/// For each zone, how many zone levels sit inside it around components
/// (0 for a zone holding components directly and no sub-zone with any).
struct ZoneLevels {
    inner: HashMap<ZoneId, usize>,
    parents: HashMap<ZoneId, Option<ZoneId>>,
    /// Where each zoned component is drawn ([`Project::home_zone`]).
    homes: HashMap<ComponentId, ZoneId>,
}

impl ZoneLevels {
    /// The zones `component` is in, innermost first, bounded so a damaged
    /// file with a cycle cannot hang the layout.
    fn chain<'a>(&'a self, component: &Component) -> impl Iterator<Item = ZoneId> + 'a {
        let mut current = self
            .homes
            .get(&component.id)
            .copied()
            .filter(|z| self.parents.contains_key(z));
        let mut steps = 0;
        std::iter::from_fn(move || {
            let id = current?;
            steps += 1;
            current = if steps > self.parents.len() {
                None
            } else {
                self.parents
                    .get(&id)
                    .copied()
                    .flatten()
                    .filter(|parent| self.parents.contains_key(parent))
            };
            Some(id)
        })
    }
}

fn zone_levels(project: &Project) -> ZoneLevels {
    let parents: HashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    let homes = project
        .components
        .iter()
        .filter_map(|c| Some((c.id, project.home_zone(c)?)))
        .collect();
    let mut levels = ZoneLevels {
        inner: HashMap::new(),
        parents,
        homes,
    };
    let mut inner = HashMap::new();
    for component in &project.components {
        for (below, zone) in levels.chain(component).enumerate() {
            let level: &mut usize = inner.entry(zone).or_insert(0);
            *level = (*level).max(below);
        }
    }
    levels.inner = inner;
    levels
}

fn band_index_map(project: &Project) -> impl Fn(&Component) -> Option<usize> + '_ {
    let order: HashMap<LayerId, usize> = project.layers.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    move |component: &Component| component.layer.and_then(|layer| order.get(&layer).copied())
}

/// Rectangles around each zone's members and sub-zones. A zone's box is
/// the union of its members' boxes, grown by a padding that increases with
/// how many zone levels sit inside it, so nested zones nest visually.
fn zone_boxes(
    project: &Project,
    levels: &ZoneLevels,
    nodes: &[(ComponentId, Rect)],
    index: &HashMap<ComponentId, usize>,
) -> Vec<ZoneBox> {
    let parents = &levels.parents;
    let depth_of = |mut id: ZoneId| {
        let mut depth = 0;
        // Bounded walk: a damaged file with a cycle cannot hang us.
        while let Some(Some(parent)) = parents.get(&id) {
            depth += 1;
            id = *parent;
            if depth > parents.len() {
                break;
            }
        }
        depth
    };
    let depths: HashMap<ZoneId, usize> = project.zones.iter().map(|z| (z.id, depth_of(z.id))).collect();

    // Union of member boxes for each zone and all its ancestors.
    let mut content: HashMap<ZoneId, Rect> = HashMap::new();
    for component in &project.components {
        let Some(&i) = index.get(&component.id) else {
            continue;
        };
        let rect = nodes[i].1;
        for zone in levels.chain(component) {
            content.entry(zone).and_modify(|r| *r = r.union(&rect)).or_insert(rect);
        }
    }
    let mut boxes: Vec<ZoneBox> = project
        .zones
        .iter()
        .filter_map(|zone| {
            let rect = content.get(&zone.id)?;
            // Each level of nesting adds padding and a label strip, so a
            // zone's label never overlaps the label of a zone inside it.
            let levels = levels.inner.get(&zone.id).copied().unwrap_or(0) as f32 + 1.0;
            let grown = rect.expand(ZONE_PADDING * levels);
            let label = ZONE_LABEL * levels;
            Some(ZoneBox {
                id: zone.id,
                depth: depths[&zone.id],
                rect: Rect {
                    y: grown.y - label,
                    height: grown.height + label,
                    ..grown
                },
            })
        })
        .collect();
    boxes.sort_by_key(|z| z.depth);
    boxes
}

/// Positions for components that have none, next to what is placed: the
/// result covers every component (placed ones keep theirs).
fn fill_missing_positions(project: &Project) -> HashMap<ComponentId, Position> {
    let arranged = arrange_positions(project);
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

    let mut slot: HashMap<ComponentId, f32> = HashMap::new();
    let renumber = |bands: &Vec<Vec<ComponentId>>, slot: &mut HashMap<ComponentId, f32>| {
        for band in bands {
            for (i, id) in band.iter().enumerate() {
                slot.insert(*id, i as f32);
            }
        }
    };
    renumber(&bands, &mut slot);

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
            // Zone members stay together: a zone's weight is the mean of its
            // members' barycentres in this band.
            let mut zone_sum: HashMap<ZoneId, (f32, f32)> = HashMap::new();
            for id in band {
                for zone in zone_path.get(id).into_iter().flatten() {
                    let entry = zone_sum.entry(*zone).or_insert((0.0, 0.0));
                    entry.0 += barycentre[id];
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

    // Centre each band's row under the widest one, leaving a gap between
    // neighbouring zones so their rectangles do not touch.
    let mut positions = HashMap::with_capacity(project.components.len());
    let rows: Vec<Vec<(ComponentId, f32)>> = bands
        .iter()
        .map(|band| {
            let mut x = 0.0;
            let mut previous: Option<&Vec<ZoneId>> = None;
            let mut row = Vec::with_capacity(band.len());
            for id in band {
                let path = zone_path.get(id);
                if let Some(before) = previous {
                    let shared = before
                        .iter()
                        .zip(path.into_iter().flatten())
                        .take_while(|(a, b)| a == b)
                        .count();
                    let depth_change = before.len().max(path.map_or(0, Vec::len)) - shared;
                    x += NODE_WIDTH + COLUMN_GAP + depth_change as f32 * ZONE_PADDING * 2.0;
                }
                row.push((*id, x));
                previous = path.or(Some(&EMPTY_PATH));
            }
            row
        })
        .collect();
    let widest = rows
        .iter()
        .map(|r| r.last().map_or(0.0, |(_, x)| *x))
        .fold(0.0, f32::max);
    let max_depth = zone_path.values().map(Vec::len).max().unwrap_or(0) as f32;
    let left = LEFT_MARGIN + max_depth * ZONE_PADDING;
    for row in rows {
        let row_width = row.last().map_or(0.0, |(_, x)| *x);
        let offset = left + (widest - row_width) / 2.0;
        for (id, x) in row {
            // Every row starts low enough for the deepest zone nesting to
            // fit its labels inside the band.
            positions.insert(
                id,
                Position {
                    x: (offset + x).round(),
                    y: BAND_HEADER + max_depth * (ZONE_PADDING + ZONE_LABEL),
                },
            );
        }
    }
    positions
}

static EMPTY_PATH: Vec<ZoneId> = Vec::new();

/// For every component in a zone, its zones from outermost to innermost.
fn zone_paths(project: &Project) -> HashMap<ComponentId, Vec<ZoneId>> {
    let parents: HashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
    project
        .components
        .iter()
        .filter_map(|component| {
            let mut path = Vec::new();
            let mut current = project.home_zone(component);
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

/// The auto-arrange edit: every component gets its arranged position, as
/// one undoable step.
pub fn arrange_edit(project: &Project) -> crate::edit::Edit {
    let positions = arrange_positions(project);
    crate::edit::Edit::SetPositions(
        project
            .components
            .iter()
            .map(|c| (c.id, positions.get(&c.id).copied()))
            .collect(),
    )
}

/// Counts pairs of dependencies whose straight lines cross between bands
/// (a quality measure for arrange, used by tests and benchmarks).
pub fn count_crossings(project: &Project, geometry: &Geometry) -> usize {
    let segments: Vec<((f32, f32), (f32, f32))> = project
        .dependencies
        .iter()
        .filter_map(|d| {
            let a = geometry.node(d.from)?.center();
            let b = geometry.node(d.to)?.center();
            Some(if a.1 <= b.1 { (a, b) } else { (b, a) })
        })
        .collect();
    let mut crossings = 0;
    for (i, first) in segments.iter().enumerate() {
        for second in &segments[i + 1..] {
            if segments_cross(*first, *second) {
                crossings += 1;
            }
        }
    }
    crossings
}

fn segments_cross(a: ((f32, f32), (f32, f32)), b: ((f32, f32), (f32, f32))) -> bool {
    fn orient(p: (f32, f32), q: (f32, f32), r: (f32, f32)) -> f32 {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    }
    let d1 = orient(b.0, b.1, a.0);
    let d2 = orient(b.0, b.1, a.1);
    let d3 = orient(a.0, a.1, b.0);
    let d4 = orient(a.0, a.1, b.1);
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth;

    #[test]
    fn bands_follow_layer_order_and_stack_without_gaps() {
        let project = synth::generate(60);
        let geometry = Geometry::of(&project);
        assert_eq!(geometry.bands.len(), project.layers.len());
        for (band, layer) in geometry.bands.iter().zip(&project.layers) {
            assert_eq!(band.layer, Some(layer.id));
            assert!(band.height >= BAND_MIN_HEIGHT);
        }
        for pair in geometry.bands.windows(2) {
            assert_eq!(pair[0].bottom(), pair[1].top);
        }
    }

    #[test]
    fn every_component_sits_inside_its_layer_band() {
        let mut project = synth::generate(80);
        for component in project.components.iter_mut().step_by(3) {
            component.position = None;
        }
        project.components[0].layer = None;
        let geometry = Geometry::of(&project);
        for component in &project.components {
            let rect = geometry.node(component.id).unwrap();
            let band = geometry.band_at(rect.y).unwrap();
            assert_eq!(band.layer, component.layer, "{}", component.name);
            assert!(rect.bottom() <= band.bottom());
        }
        assert_eq!(geometry.bands.last().unwrap().name, "Unassigned");
    }

    /// A zone box starts below the header of the band of its highest
    /// content and ends inside the band of its lowest: it never sticks out
    /// into a band it has nothing in. On every bundled example and a
    /// synthetic project.
    #[test]
    fn zone_boxes_stay_inside_the_bands_of_their_contents() {
        let mut projects: Vec<Project> = crate::templates::names()
            .into_iter()
            .map(|name| crate::templates::find(name).expect("bundled").instantiate("2026-01-01"))
            .collect();
        projects.push(synth::generate(300));
        for project in &projects {
            let geometry = Geometry::of(project);
            let levels = zone_levels(project);
            for zone_box in &geometry.zones {
                // Everything inside the zone, through its sub-zones too.
                let rects: Vec<Rect> = project
                    .components
                    .iter()
                    .filter(|c| levels.chain(c).any(|z| z == zone_box.id))
                    .filter_map(|c| geometry.node(c.id))
                    .collect();
                let highest = rects.iter().map(|r| r.y).fold(f32::INFINITY, f32::min);
                let lowest = rects.iter().map(|r| r.y).fold(f32::NEG_INFINITY, f32::max);
                let top_band = geometry.band_at(highest).expect("in a band");
                let bottom_band = geometry.band_at(lowest).expect("in a band");
                let r = zone_box.rect;
                assert!(
                    r.y >= top_band.top + BAND_HEADER - ZONE_GAP - 0.01,
                    "{}: zone {:?} starts at {} above band {} ({})",
                    project.meta.name,
                    zone_box.id,
                    r.y,
                    top_band.name,
                    top_band.top
                );
                assert!(
                    r.bottom() <= bottom_band.bottom() + 0.01,
                    "{}: zone {:?} ends at {} below band {} ({})",
                    project.meta.name,
                    zone_box.id,
                    r.bottom(),
                    bottom_band.name,
                    bottom_band.bottom()
                );
            }
        }
    }

    #[test]
    fn a_position_read_back_from_the_geometry_is_the_same_position() {
        let project = crate::templates::find("three-tier")
            .expect("bundled")
            .instantiate("2026-01-01");
        let geometry = Geometry::of(&project);
        for component in &project.components {
            let r = geometry.node(component.id).expect("placed");
            let band = geometry.band_at(r.y).expect("in a band");
            let position = component.position.expect("examples are placed");
            assert_eq!(band.position_y(r.y), position.y.max(BAND_HEADER), "{}", component.name);
        }
    }

    #[test]
    fn zones_enclose_their_members_and_nested_zones() {
        let project = synth::generate(40);
        let geometry = Geometry::of(&project);
        for component in &project.components {
            let Some(zone) = project.home_zone(component) else {
                continue;
            };
            let rect = geometry.node(component.id).unwrap();
            let zone_box = geometry.zones.iter().find(|z| z.id == zone).unwrap();
            assert!(zone_box.rect.contains(rect.x, rect.y) && zone_box.rect.contains(rect.right(), rect.bottom()));
            // A multi-AZ component sits in its region, which has no parent.
            let Some(parent) = project.zone(zone).unwrap().parent else {
                continue;
            };
            let parent_box = geometry.zones.iter().find(|z| z.id == parent).unwrap();
            assert!(parent_box.rect.x < zone_box.rect.x || parent_box.rect.y < zone_box.rect.y);
        }
    }

    #[test]
    fn arrange_keeps_layers_reduces_crossings_and_avoids_overlaps() {
        let mut project = synth::generate_with(120, 150, 1);
        // Scramble the x order.
        let mut rng = synth::Lcg::new(3);
        for component in &mut project.components {
            component.position = Some(Position {
                x: rng.below(4000) as f32,
                y: 30.0,
            });
        }
        let scrambled = count_crossings(&project, &Geometry::of(&project));
        let layers: Vec<Option<LayerId>> = project.components.iter().map(|c| c.layer).collect();
        arrange_edit(&project).apply(&mut project).unwrap();
        let arranged = count_crossings(&project, &Geometry::of(&project));
        assert!(arranged < scrambled, "arranged {arranged} vs scrambled {scrambled}");
        assert_eq!(layers, project.components.iter().map(|c| c.layer).collect::<Vec<_>>());
        let geometry = Geometry::of(&project);
        for (i, (_, a)) in geometry.nodes.iter().enumerate() {
            for (_, b) in &geometry.nodes[i + 1..] {
                let overlap = a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
                assert!(!overlap, "{a:?} overlaps {b:?}");
            }
        }
    }
}
