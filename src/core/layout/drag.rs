//! The drawing while boxes are dragged, without laying everything out
//! again: the edges of the moved boxes and the edges whose routes they now
//! block are re-routed, and the labels of those edges and the labels the
//! boxes now cover are placed again. Everything else stays as drawn.
//!
//! A re-routed edge leaves its box at a port on its top or bottom side,
//! runs to the nearest lane (a horizontal strip free of boxes and titles
//! across the whole drawing), along it to a corridor free of boxes and
//! titles down (or up) to the lane next to the other end, and along that
//! lane to the other end's port. It steps around a moved box lying on a
//! lane.
//!
//! Re-routed edges keep the full layout's rule about zone borders
//! ([`route::BORDER_CLEARANCE`]): no run follows a zone's side within it,
//! and a moved box lying across a border spreads its ports clear of it,
//! so a route does not jump onto another path when the box is dropped.

use std::sync::OnceLock;

use super::edges::{DrawingIndex, EdgeDrawing, Entry, LabelRoom, NO_OWNER, RectIndex, line_rect, place_label};
use super::{Drawn, Geometry, Rect, route};
use crate::model::{ComponentId, ZoneId};

/// Room a re-routed edge keeps from boxes and titles.
const CLEARANCE: f32 = 6.0;
/// How far past a moved box's corner a step around it goes.
const STEP_AROUND: f32 = 10.0;
/// Corridors tried before an edge is given up (drawn straight).
const CORRIDOR_TRIES: usize = 400;

/// The drawing while some boxes are moved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DragPreview {
    /// The moved boxes where they are now.
    pub moved: Vec<(ComponentId, Rect)>,
    /// New drawings, by index into [`Geometry::edges`], for the edges that
    /// changed.
    pub edges: Vec<(usize, EdgeDrawing)>,
    /// The edges, by index, for which the lanes held no free route: they
    /// are drawn straight until the drop lays the drawing out again.
    pub unrouted: Vec<usize>,
}

impl DragPreview {
    /// The drawing of edge `index` to show: the new one if it changed.
    pub fn edge<'a>(&'a self, geometry: &'a Geometry, index: usize) -> Option<&'a EdgeDrawing> {
        match self.edges.binary_search_by_key(&index, |(i, _)| *i) {
            Ok(at) => Some(&self.edges[at].1),
            Err(_) => geometry.edges.get(index),
        }
    }
}

/// A horizontal strip free of boxes, titles and band names across the
/// whole drawing, and the line in it furthest from the routes already
/// running there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lane {
    top: f32,
    bottom: f32,
    y: f32,
}

/// The zones' sides, each as the strip beside it that no route may run
/// along: the left and right sides for runs up and down, the top and
/// bottom for runs across. A route may cross a side anywhere.
#[derive(Clone)]
pub(crate) struct Sides {
    upright: RectIndex,
    level: RectIndex,
}

/// How near a zone's side a run may lie: the full layout's clearance,
/// less a little so a port spread exactly that far out still passes.
const SIDE_REACH: f32 = route::BORDER_CLEARANCE - 0.5;

impl Sides {
    fn of(geometry: &Geometry) -> Sides {
        let (mut upright, mut level) = (Vec::new(), Vec::new());
        for zone in &geometry.zones {
            let r = zone.rect;
            for x in [r.x, r.right()] {
                upright.push(Entry {
                    rect: Rect {
                        x: x - SIDE_REACH,
                        y: r.y,
                        width: 2.0 * SIDE_REACH,
                        height: r.height,
                    },
                    owner: NO_OWNER,
                });
            }
            for y in [r.y, r.bottom()] {
                level.push(Entry {
                    rect: Rect {
                        x: r.x,
                        y: y - SIDE_REACH,
                        width: r.width,
                        height: 2.0 * SIDE_REACH,
                    },
                    owner: NO_OWNER,
                });
            }
        }
        let (width, height) = (geometry.width.max(1.0), geometry.height.max(1.0));
        Sides {
            upright: RectIndex::of(0.0, width, 32.0, true, &upright),
            level: RectIndex::of(0.0, height, 32.0, false, &level),
        }
    }

    /// The strip beside a zone's side that the straight run from `a` to
    /// `b` follows, if any.
    fn followed(&self, a: (f32, f32), b: (f32, f32)) -> Option<Rect> {
        // A run as a rectangle without thickness: it overlaps a strip
        // only when it lies strictly inside it.
        let run = Rect {
            x: a.0.min(b.0),
            y: a.1.min(b.1),
            width: (a.0 - b.0).abs(),
            height: (a.1 - b.1).abs(),
        };
        if run.width == 0.0 && run.height > 0.0 {
            self.upright.first_hit(&run, |_| false)
        } else if run.height == 0.0 && run.width > 0.0 {
            self.level.first_hit(&run, |_| false)
        } else {
            None
        }
    }

    /// Whether any run of the route follows a zone's side.
    fn followed_by(&self, points: &[(f32, f32)]) -> bool {
        points.windows(2).any(|w| self.followed(w[0], w[1]).is_some())
    }

    /// The stretch of a box's top and bottom its ports keep out of: the
    /// zone sides passing through it, widened by the clearance.
    fn keep_out(&self, rect: &Rect) -> Option<(f32, f32)> {
        let mut found = Vec::new();
        self.upright.rects_in(rect, |_| false, &mut found);
        found.into_iter().fold(None, |stretch, side| {
            let (from, to) = (side.x - 0.5, side.right() + 0.5);
            Some(stretch.map_or((from, to), |(a, b): (f32, f32)| (a.min(from), b.max(to))))
        })
    }
}

/// What a drag works out once per drawing: the lanes and the zones'
/// sides.
#[derive(Clone)]
pub(crate) struct DragIndex {
    lanes: Vec<Lane>,
    sides: Sides,
}

/// The lanes of a drawing, top to bottom: one per gap between rows of
/// boxes, plus one above and one below everything.
fn lanes(index: &DrawingIndex, sides: &Sides) -> Vec<Lane> {
    let mut solid: Vec<(f32, f32)> = index.solid.all().map(|e| (e.rect.y, e.rect.bottom())).collect();
    if solid.is_empty() {
        return Vec::new();
    }
    solid.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gaps: Vec<(f32, f32)> = Vec::new();
    let mut reach = solid[0].1;
    for (top, bottom) in &solid[1..] {
        if *top > reach + 2.0 * CLEARANCE {
            gaps.push((reach + CLEARANCE, top - CLEARANCE));
        }
        reach = reach.max(*bottom);
    }
    // Where a lane's line may not lie: on a route already there, or
    // beside a zone's top or bottom.
    let mut taken: Vec<(f32, f32)> = index
        .across
        .all()
        .map(|e| {
            let y = e.rect.y + e.rect.height / 2.0;
            (y, y)
        })
        .chain(sides.level.all().map(|e| (e.rect.y, e.rect.bottom())))
        .collect();
    taken.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lanes = vec![Lane {
        top: f32::NEG_INFINITY,
        bottom: solid[0].0 - CLEARANCE,
        y: solid[0].0 - 3.0 * CLEARANCE,
    }];
    for (top, bottom) in gaps {
        // The widest stretch of the gap clear of what is taken.
        let mut free = Vec::new();
        let mut from = top;
        for &(low, high) in taken.iter().skip_while(|t| t.1 < top).take_while(|t| t.0 <= bottom) {
            if low > from {
                free.push((from, low));
            }
            from = from.max(high);
        }
        if bottom > from {
            free.push((from, bottom));
        }
        let (a, b) = free
            .into_iter()
            .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
            .unwrap_or((top, bottom));
        lanes.push(Lane {
            top,
            bottom,
            y: (a + b) / 2.0,
        });
    }
    lanes.push(Lane {
        top: reach + CLEARANCE,
        bottom: f32::INFINITY,
        y: reach + 3.0 * CLEARANCE,
    });
    lanes
}

/// What a re-routed edge or a re-placed label must keep clear of while
/// boxes move: the drawing minus the moved boxes' old places, the old
/// routes and labels being replaced, plus the moved boxes and what has
/// been placed anew.
struct Room<'a> {
    index: &'a DrawingIndex,
    sides: &'a Sides,
    /// Per node: whether it moves.
    moving: Vec<bool>,
    moved: Vec<(u32, Rect)>,
    /// Per edge: whether its route / its label is being replaced.
    rerouted: Vec<bool>,
    relabelled: Vec<bool>,
    /// The pieces of the new routes, with their edges.
    new_lines: Vec<(u32, Rect)>,
    new_labels: Vec<Rect>,
}

impl Room<'_> {
    /// Something solid (a box other than `ends`, a title, a band name)
    /// that `r` covers.
    fn solid_hit(&self, r: &Rect, ends: (u32, u32)) -> Option<Rect> {
        let own = |owner: u32| owner != NO_OWNER && (owner == ends.0 || owner == ends.1);
        self.moved
            .iter()
            .find(|(node, m)| !own(*node) && m.overlaps(r))
            .map(|(_, m)| *m)
            .or_else(|| {
                self.index.solid.first_hit(r, |owner| {
                    own(owner) || (owner != NO_OWNER && self.moving[owner as usize])
                })
            })
    }
}

impl LabelRoom for Room<'_> {
    fn blocked(&self, r: &Rect) -> bool {
        self.solid_hit(r, (NO_OWNER, NO_OWNER)).is_some()
            || self.new_labels.iter().any(|l| l.overlaps(r))
            || self.index.labels.hits(r, |edge| self.relabelled[edge as usize])
    }
    fn other_route_in(&self, r: &Rect, own: u32) -> Option<Rect> {
        let replaced = |edge: u32| edge == own || self.rerouted[edge as usize];
        self.new_lines
            .iter()
            .find(|(edge, l)| *edge != own && l.overlaps(r))
            .map(|(_, l)| *l)
            .or_else(|| self.index.across.first_hit(r, replaced))
            .or_else(|| self.index.down.first_hit(r, replaced))
    }
}

/// An end of an edge: its box, its port and which way the route leaves.
#[derive(Clone, Copy)]
struct End {
    node: u32,
    rect: Rect,
    port: (f32, f32),
    down: bool,
}

impl Geometry {
    /// The drawing while the boxes `moving` are shifted by `delta`.
    pub fn drag_preview(&self, moving: &[ComponentId], delta: (f32, f32)) -> DragPreview {
        self.preview(moving, delta, true)
    }

    /// The drag preview, routing through the lanes first (`with_lanes`)
    /// or with the fallback search alone (to test it on every edge).
    pub(crate) fn preview(&self, moving: &[ComponentId], delta: (f32, f32), with_lanes: bool) -> DragPreview {
        let index: &DrawingIndex = &self.drawn;
        let worked_out = index.drag.get_or_init(|| {
            let sides = Sides::of(self);
            DragIndex {
                lanes: lanes(index, &sides),
                sides,
            }
        });
        let mut room = Room {
            index,
            sides: &worked_out.sides,
            moving: vec![false; self.nodes.len()],
            moved: Vec::with_capacity(moving.len()),
            rerouted: vec![false; self.edges.len()],
            relabelled: vec![false; self.edges.len()],
            new_lines: Vec::new(),
            new_labels: Vec::new(),
        };
        let mut preview = DragPreview::default();
        for id in moving {
            let Some(&node) = self.index.get(id) else { continue };
            if room.moving[node] {
                continue;
            }
            let r = self.nodes[node].1;
            let moved = Rect {
                x: r.x + delta.0,
                y: r.y + delta.1,
                ..r
            };
            room.moving[node] = true;
            room.moved.push((node as u32, moved));
            preview.moved.push((*id, moved));
        }
        if room.moved.is_empty() || index.ends.len() != self.edges.len() {
            return preview;
        }
        // Edges of the moved boxes, and edges whose routes they now block.
        let moves = |node: u32| node != NO_OWNER && room.moving[node as usize];
        for (edge, (from, to)) in index.ends.iter().enumerate() {
            if moves(*from) || moves(*to) {
                room.rerouted[edge] = true;
            }
        }
        let mut found = Vec::new();
        for (_, r) in &room.moved {
            index.across.owners_in(r, &mut found);
            index.down.owners_in(r, &mut found);
        }
        for edge in found.drain(..) {
            room.rerouted[edge as usize] = true;
        }
        // Labels of those edges, and labels the moved boxes now cover.
        room.relabelled.clone_from(&room.rerouted);
        for (_, r) in &room.moved {
            index.labels.owners_in(r, &mut found);
        }
        for edge in found.drain(..) {
            room.relabelled[edge as usize] = true;
        }

        let lanes: &[Lane] = if with_lanes { &worked_out.lanes } else { &[] };
        let ports = self.moved_ports(&room);
        let mut routes: Vec<(usize, Vec<(f32, f32)>)> = Vec::new();
        let mut unrouted = Vec::new();
        for edge in (0..self.edges.len()).filter(|&e| room.rerouted[e]) {
            let old = &self.edges[edge].points;
            let (from, to) = index.ends[edge];
            let end = |node: u32, at_start: bool| -> End {
                let rect = self.node_rect(node, &room);
                let port = ports
                    .iter()
                    .find(|port| port.edge == edge && port.node == node && port.at_start == at_start)
                    .map(|port| port.at)
                    .or_else(|| {
                        let p = if at_start { old.first() } else { old.last() };
                        p.copied().filter(|p| !moves(node) && on_top_or_bottom(&rect, *p))
                    })
                    .unwrap_or((rect.x + rect.width / 2.0, rect.bottom()));
                End {
                    node,
                    rect,
                    port,
                    down: (port.1 - rect.bottom()).abs() < 0.5,
                }
            };
            let (a, b) = (end(from, true), end(to, false));
            let (from_rect, to_rect) = (self.node_rect(from, &room), self.node_rect(to, &room));
            let points = detour(&room, lanes, a, b)
                .or_else(|| grid_route(&room, a, b))
                .unwrap_or_else(|| {
                    unrouted.push(edge);
                    super::edges::straight_route(from_rect, to_rect)
                });
            for pair in points.windows(2) {
                room.new_lines.push((edge as u32, line_rect(pair[0], pair[1])));
            }
            routes.push((edge, points));
        }
        preview.unrouted = unrouted;
        let mut routes = routes.into_iter().peekable();
        for edge in (0..self.edges.len()).filter(|&e| room.relabelled[e]) {
            let points = match routes.peek() {
                Some((e, _)) if *e == edge => routes.next().map(|(_, p)| p).unwrap_or_default(),
                _ => self.edges[edge].points.clone(),
            };
            let drawing = &self.edges[edge];
            let label = place_label(&drawing.full_label, &points, edge as u32, &room);
            if let Some(place) = &label {
                room.new_labels.push(place.rect);
            }
            preview.edges.push((
                edge,
                EdgeDrawing {
                    id: drawing.id,
                    points,
                    full_label: drawing.full_label.clone(),
                    label,
                },
            ));
        }
        preview
    }

    fn node_rect(&self, node: u32, room: &Room) -> Rect {
        room.moved
            .iter()
            .find(|(n, _)| *n == node)
            .map_or_else(|| self.nodes[node as usize].1, |(_, r)| *r)
    }

    /// Ports on the moved boxes, spread along the side facing the other
    /// end in the order of where the other end is, clear of the zone
    /// borders through the box. An edge from a box to itself leaves and
    /// enters its bottom side, as the full layout draws it.
    fn moved_ports(&self, room: &Room) -> Vec<Port> {
        let mut ports = Vec::new();
        for (node, rect) in &room.moved {
            // (side is the bottom, other end's x, edge, at the edge's start)
            let mut claims: Vec<(bool, f32, usize, bool)> = Vec::new();
            for (edge, (from, to)) in room.index.ends.iter().enumerate() {
                match (*from == *node, *to == *node) {
                    (true, true) => {
                        let centre = rect.center().0;
                        claims.push((true, centre, edge, true));
                        claims.push((true, centre, edge, false));
                    }
                    (true, false) | (false, true) => {
                        let other = if *from == *node { *to } else { *from };
                        let there = self.node_rect(other, room);
                        let below = there.center().1 >= rect.center().1;
                        claims.push((below, there.center().0, edge, *from == *node));
                    }
                    (false, false) => {}
                }
            }
            claims.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(a.2.cmp(&b.2))
                    .then(b.3.cmp(&a.3))
            });
            let keep_out = room.sides.keep_out(rect);
            for bottom in [false, true] {
                let side: Vec<(usize, bool)> = claims.iter().filter(|c| c.0 == bottom).map(|c| (c.2, c.3)).collect();
                let count = side.len();
                for (i, (edge, at_start)) in side.into_iter().enumerate() {
                    let x = route::port_x((rect.x, rect.width), keep_out, count, i);
                    let y = if bottom { rect.bottom() } else { rect.y };
                    ports.push(Port {
                        edge,
                        node: *node,
                        at_start,
                        at: (x, y),
                    });
                }
            }
        }
        ports
    }
}

/// Where an edge's route leaves or enters a moved box.
struct Port {
    edge: usize,
    node: u32,
    /// Whether this is the edge's start (its source's end).
    at_start: bool,
    at: (f32, f32),
}

fn on_top_or_bottom(rect: &Rect, p: (f32, f32)) -> bool {
    p.0 >= rect.x && p.0 <= rect.right() && ((p.1 - rect.y).abs() < 0.5 || (p.1 - rect.bottom()).abs() < 0.5)
}

/// A route from `a` to `b` through the lanes, or None when none is found
/// quickly.
fn detour(room: &Room, lanes: &[Lane], a: End, b: End) -> Option<Vec<(f32, f32)>> {
    let ends = (a.node, b.node);
    let (a, la) = settle(room, lanes, a, ends)?;
    let (b, lb) = settle(room, lanes, b, ends)?;
    // Past the stubs, a route keeps clear of its own boxes too.
    let ends = (NO_OWNER, NO_OWNER);
    let mut points = vec![a.port, (a.port.0, la)];
    if la == lb {
        run_along(room, ends, la, a.port.0, b.port.0, &mut points)?;
    } else {
        let x = corridor(room, ends, la, lb, b.port.0)?;
        run_along(room, ends, la, a.port.0, x, &mut points)?;
        points.push((x, lb));
        run_along(room, ends, lb, x, b.port.0, &mut points)?;
    }
    points.push((b.port.0, lb));
    points.push(b.port);
    let points = route::simplify(points);
    (!room.sides.followed_by(&points)).then_some(points)
}

/// Where an end's route first runs across: the end, perhaps turned to
/// its box's other side, and the line. Tries the next two lanes beyond
/// the port on the end's own side, then on the other side.
fn settle(room: &Room, lanes: &[Lane], end: End, ends: (u32, u32)) -> Option<(End, f32)> {
    [end.down, !end.down].into_iter().find_map(|down| {
        let port = (end.port.0, if down { end.rect.bottom() } else { end.rect.y });
        let turned = End { port, down, ..end };
        let y0 = port.1;
        let beyond: Vec<&Lane> = if down {
            lanes.iter().filter(|l| l.bottom > y0 + CLEARANCE).take(2).collect()
        } else {
            lanes.iter().rev().filter(|l| l.top < y0 - CLEARANCE).take(2).collect()
        };
        beyond
            .into_iter()
            .find_map(|lane| lane_line(room, lane, &turned, ends))
            .map(|y| (turned, y))
    })
}

/// The line in `lane` an end's route runs along first: where it is
/// furthest from other routes, unless the port lies in the lane (a box
/// dragged into a gap) or a moved box lies between: then just beyond the
/// port, or just before the moved box.
fn lane_line(room: &Room, lane: &Lane, end: &End, ends: (u32, u32)) -> Option<f32> {
    let (x, y0) = end.port;
    let sign = if end.down { 1.0 } else { -1.0 };
    let (near, far) = if end.down {
        (lane.top, lane.bottom)
    } else {
        (lane.bottom, lane.top)
    };
    // Within the lane and beyond the port.
    let beyond = |y: f32| (y - y0) * sign >= STEP_AROUND && (y - near) * sign >= 0.0 && (far - y) * sign >= 0.0;
    let mut y = if beyond(lane.y) {
        lane.y
    } else if end.down {
        near.max(y0 + STEP_AROUND)
    } else {
        near.min(y0 - STEP_AROUND)
    };
    if let Some(hit) = room.solid_hit(&segment_rect(end.port, (x, y)), ends) {
        y = if end.down {
            hit.y - STEP_AROUND
        } else {
            hit.bottom() + STEP_AROUND
        };
    }
    let clear = room.solid_hit(&segment_rect(end.port, (x, y)), ends).is_none()
        && room.sides.followed(end.port, (x, y)).is_none();
    (beyond(y) && clear).then_some(y)
}

/// How far around its two ends the fallback search looks, in turn.
const GRID_MARGINS: [f32; 2] = [240.0, 1200.0];
/// Room the fallback search keeps from boxes and titles, in turn: a box
/// dropped in a narrow gap leaves room for a route only closer to them.
const GRID_CLEARANCES: [f32; 2] = [CLEARANCE, 1.5];
/// The most points the fallback search's grid may have.
const GRID_POINTS: usize = 60_000;
/// What a bend costs the fallback search, in length.
const GRID_BEND: f32 = 30.0;

/// A route where the lanes give none: the shortest path with few bends
/// over a grid of lines kept clear of the boxes and titles near the two
/// ends, leaving each box upwards or downwards (its own side first).
fn grid_route(room: &Room, a: End, b: End) -> Option<Vec<(f32, f32)>> {
    let turned = |end: End, down: bool| End {
        port: (end.port.0, if down { end.rect.bottom() } else { end.rect.y }),
        down,
        ..end
    };
    let tries = GRID_CLEARANCES
        .into_iter()
        .flat_map(|clearance| GRID_MARGINS.into_iter().map(move |margin| (clearance, margin)));
    tries.into_iter().find_map(|(clearance, margin)| {
        [
            (a.down, b.down),
            (!a.down, b.down),
            (a.down, !b.down),
            (!a.down, !b.down),
        ]
        .into_iter()
        .find_map(|(a_down, b_down)| {
            let grid = Grid { margin, clearance };
            grid_search(room, turned(a, a_down), turned(b, b_down), grid)
        })
    })
}

/// How the fallback search lays its grid: how far around the two ends,
/// and how far from boxes and titles.
#[derive(Clone, Copy)]
struct Grid {
    margin: f32,
    clearance: f32,
}

/// The point just off an end's box where its route starts, if the short
/// run to it is clear.
fn stub(room: &Room, end: &End, ends: (u32, u32), clearance: f32) -> Option<(f32, f32)> {
    let y = end.port.1 + if end.down { STEP_AROUND } else { -STEP_AROUND };
    let point = (end.port.0, y);
    let clear = room.solid_hit(&clear_rect(end.port, point, clearance), ends).is_none()
        && room.sides.followed(end.port, point).is_none();
    clear.then_some(point)
}

fn grid_search(room: &Room, a: End, b: End, grid: Grid) -> Option<Vec<(f32, f32)>> {
    let Grid { margin, clearance } = grid;
    let ends = (a.node, b.node);
    let (start, goal) = (stub(room, &a, ends, clearance)?, stub(room, &b, ends, clearance)?);
    let region = Rect {
        x: start.0.min(goal.0),
        y: start.1.min(goal.1),
        width: (start.0 - goal.0).abs(),
        height: (start.1 - goal.1).abs(),
    }
    .expand(margin);
    let mut solids = Vec::new();
    let moving = |owner: u32| owner != NO_OWNER && room.moving[owner as usize];
    room.index.solid.rects_in(&region, moving, &mut solids);
    solids.extend(room.moved.iter().map(|(_, r)| *r).filter(|r| r.overlaps(&region)));
    let away = clearance + 2.0;
    let mut xs = vec![start.0, goal.0, region.x, region.right()];
    let mut ys = vec![start.1, goal.1, region.y, region.bottom()];
    for r in &solids {
        xs.extend([r.x - away, r.right() + away]);
        ys.extend([r.y - away, r.bottom() + away]);
    }
    // Lines just clear of the zones' sides, for runs beside them.
    let mut sides = Vec::new();
    room.sides.upright.rects_in(&region, |_| false, &mut sides);
    xs.extend(sides.drain(..).flat_map(|r| [r.x - 1.0, r.right() + 1.0]));
    room.sides.level.rects_in(&region, |_| false, &mut sides);
    ys.extend(sides.drain(..).flat_map(|r| [r.y - 1.0, r.bottom() + 1.0]));
    let lines = |mut v: Vec<f32>, low: f32, high: f32| {
        v.retain(|c| *c >= low && *c <= high);
        v.sort_by(f32::total_cmp);
        v.dedup_by(|p, q| (*p - *q).abs() < 0.5);
        v
    };
    let xs = lines(xs, region.x, region.right());
    let ys = lines(ys, region.y, region.bottom());
    if xs.len() * ys.len() > GRID_POINTS {
        return None;
    }
    let at = |v: &[f32], c: f32| v.iter().position(|p| (p - c).abs() < 0.5);
    let from = at(&xs, start.0)? * ys.len() + at(&ys, start.1)?;
    let to = at(&xs, goal.0)? * ys.len() + at(&ys, goal.1)?;
    let path = cheapest_path(room, (&xs, &ys), (from, to), clearance)?;
    let mut points = vec![a.port];
    points.extend(path.into_iter().map(|i| (xs[i / ys.len()], ys[i % ys.len()])));
    points.push(b.port);
    Some(route::simplify(points))
}

/// Dijkstra over the grid's points (index: x index × row count + y index),
/// a state per point and direction (0 across, 1 up or down), each step to
/// a neighbouring point along a line clear of anything solid.
fn cheapest_path(
    room: &Room,
    (xs, ys): (&[f32], &[f32]),
    (from, to): (usize, usize),
    clearance: f32,
) -> Option<Vec<usize>> {
    use std::cmp::Reverse;
    let rows = ys.len();
    let point = |i: usize| (xs[i / rows], ys[i % rows]);
    let states = xs.len() * rows * 2;
    let mut cost = vec![f32::INFINITY; states];
    let mut previous = vec![usize::MAX; states];
    let mut queue = std::collections::BinaryHeap::new();
    // Routes leave a box up or down.
    cost[from * 2 + 1] = 0.0;
    queue.push(Reverse((0u32, from * 2 + 1)));
    while let Some(Reverse((bits, state))) = queue.pop() {
        let here = f32::from_bits(bits);
        if here > cost[state] {
            continue;
        }
        let (i, direction) = (state / 2, state % 2);
        if i == to {
            let mut path = vec![i];
            let mut at = state;
            while previous[at] != usize::MAX {
                at = previous[at];
                path.push(at / 2);
            }
            path.reverse();
            return Some(path);
        }
        let (ix, iy) = (i / rows, i % rows);
        let steps = [
            (ix.checked_sub(1).map(|x| x * rows + iy), 0),
            ((ix + 1 < xs.len()).then(|| (ix + 1) * rows + iy), 0),
            (iy.checked_sub(1).map(|y| ix * rows + y), 1),
            ((iy + 1 < rows).then(|| ix * rows + iy + 1), 1),
        ];
        for (next, way) in steps {
            let Some(next) = next else { continue };
            let (p, q) = (point(i), point(next));
            let length = (p.0 - q.0).abs() + (p.1 - q.1).abs();
            let total = here + length + if way == direction { 0.0 } else { GRID_BEND };
            let state_next = next * 2 + way;
            if total >= cost[state_next]
                || room
                    .solid_hit(&clear_rect(p, q, clearance), (NO_OWNER, NO_OWNER))
                    .is_some()
                || room.sides.followed(p, q).is_some()
            {
                continue;
            }
            cost[state_next] = total;
            previous[state_next] = state;
            queue.push(Reverse((total.to_bits(), state_next)));
        }
    }
    None
}

/// The thin rectangle a segment covers, grown by the clearance.
fn segment_rect(a: (f32, f32), b: (f32, f32)) -> Rect {
    clear_rect(a, b, CLEARANCE)
}

/// The thin rectangle a segment covers, grown by `clearance`.
fn clear_rect(a: (f32, f32), b: (f32, f32), clearance: f32) -> Rect {
    line_rect(a, b).expand(clearance - 0.5)
}

/// The x nearest to `want` where a vertical run from lane `la` to lane
/// `lb` meets nothing solid.
fn corridor(room: &Room, ends: (u32, u32), la: f32, lb: f32, want: f32) -> Option<f32> {
    let (mut left, mut right) = (want, want);
    let mut left_done = false;
    for _ in 0..CORRIDOR_TRIES {
        // Try the nearer side next.
        let go_left = !left_done && (want - left) <= (right - want);
        let x = if go_left { left } else { right };
        let hit = room
            .solid_hit(&segment_rect((x, la), (x, lb)), ends)
            .or_else(|| room.sides.followed((x, la), (x, lb)));
        match hit {
            None => return Some(x),
            Some(hit) if go_left => {
                left = hit.x - CLEARANCE - 1.0;
                left_done = left < 0.0;
            }
            Some(hit) => right = hit.right() + CLEARANCE + 1.0,
        }
    }
    None
}

/// Runs along lane `y` from `x1` to `x2`, stepping around the moved boxes
/// lying on it (lanes are otherwise free). Pushes the points after the
/// start.
fn run_along(room: &Room, ends: (u32, u32), y: f32, x1: f32, x2: f32, points: &mut Vec<(f32, f32)>) -> Option<()> {
    let (low, high) = (x1.min(x2), x1.max(x2));
    let mut on_lane: Vec<Rect> = room
        .moved
        .iter()
        .filter(|(node, r)| {
            *node != ends.0
                && *node != ends.1
                && r.y - CLEARANCE < y
                && y < r.bottom() + CLEARANCE
                && r.right() > low
                && r.x < high
        })
        .map(|(_, r)| r.expand(STEP_AROUND))
        .collect();
    on_lane.sort_by(|a, b| a.x.total_cmp(&b.x));
    if x2 < x1 {
        on_lane.reverse();
    }
    for r in on_lane {
        let (enter, leave) = if x2 >= x1 { (r.x, r.right()) } else { (r.right(), r.x) };
        let around = [r.bottom(), r.y].into_iter().find(|&side| {
            let free = |p: (f32, f32), q: (f32, f32)| room.solid_hit(&segment_rect(p, q), ends).is_none();
            free((enter, y), (enter, side)) && free((enter, side), (leave, side)) && free((leave, side), (leave, y))
        })?;
        points.extend([(enter, y), (enter, around), (leave, around), (leave, y)]);
    }
    points.push((x2, y));
    Some(())
}

/// What a drag needs of a drawing, worked out on its first drag.
pub(crate) type DragCache = OnceLock<DragIndex>;

/// How near the middle of the gap between two zones a dropped box's
/// centre must be to join both.
const BORDER_REACH: f32 = 24.0;

impl Geometry {
    /// The zones a component belongs to once its box is dropped at
    /// `dropped`, or None when they stay as they are:
    /// - where it is still drawn (inside the zone it is drawn in, or still
    ///   across its border) it keeps every zone it is in;
    /// - centred on the border between two zones side by side, with its
    ///   box in both, it joins both (it is then drawn across that border);
    /// - inside a zone, it joins that zone only;
    /// - outside every zone, it leaves them all.
    pub fn dropped_zones(&self, component: &crate::model::Component, dropped: Rect) -> Option<Vec<ZoneId>> {
        let drawn = self.drawn_in(component.id)?;
        let rect_of = |zone: ZoneId| self.zones.iter().find(|z| z.id == zone).map(|z| z.rect);
        if let Drawn::Across(left, right) = drawn
            && [left, right]
                .into_iter()
                .all(|z| rect_of(z).is_some_and(|r| r.overlaps(&dropped)))
        {
            return None;
        }
        if let Some(pair) = self.border_under(&dropped) {
            let same = component.zones.len() == 2 && pair.iter().all(|z| component.zones.contains(z));
            return (!same).then(|| pair.to_vec());
        }
        let (x, y) = dropped.center();
        match self.zone_at(x, y) {
            Some(zone) if drawn == Drawn::In(zone) => None,
            Some(zone) => (component.zones != [zone]).then(|| vec![zone]),
            None => (!component.zones.is_empty()).then(Vec::new),
        }
    }

    /// The two zones side by side whose common border a box is centred
    /// on, lying partly in both: the innermost zones it meets there.
    fn border_under(&self, dropped: &Rect) -> Option<[ZoneId; 2]> {
        let (x, y) = dropped.center();
        let met: Vec<&super::ZoneBox> = self.zones.iter().filter(|z| z.rect.overlaps(dropped)).collect();
        // The innermost: no other zone met lies inside it.
        let inner: Vec<&&super::ZoneBox> = met
            .iter()
            .filter(|z| {
                !met.iter()
                    .any(|other| other.id != z.id && other.depth > z.depth && z.rect.encloses(&other.rect))
            })
            .collect();
        let [a, b] = inner.as_slice() else { return None };
        let (left, right) = if a.rect.x <= b.rect.x { (a, b) } else { (b, a) };
        let gap = right.rect.x - left.rect.right();
        let middle = (left.rect.right() + right.rect.x) / 2.0;
        let beside = (0.0..=ZONE_GAP_MAX).contains(&gap) && (x - middle).abs() <= BORDER_REACH;
        let level = |r: &Rect| y >= r.y && y <= r.bottom();
        (beside && level(&left.rect) && level(&right.rect)).then_some([left.id, right.id])
    }
}

/// The widest gap between two zones side by side that still reads as
/// one border.
const ZONE_GAP_MAX: f32 = 20.0;
