//! Orthogonal edge routes through the layered drawing.
//!
//! An edge runs from the upper of its two boxes to the lower one (the
//! arrow is turned afterwards when it points up). It leaves the upper box
//! at a port on its bottom side, runs along the channel under that box's
//! row, goes down a corridor (an x free of boxes and zone titles in every
//! row it passes), runs along the channel between the lower row's zone
//! titles and its boxes, and enters the lower box at a port on its top.
//! Between two boxes of one row it runs along the channel under the row
//! and enters the second box from below.
//!
//! Everything horizontal is decided first (ports, corridors, tracks), so
//! the rows can make room for the channels before anything vertical is.

use std::collections::HashMap;

/// Distance between parallel tracks in a channel and between corridors.
pub const TRACK: f32 = 8.0;
/// Room a channel keeps above and below its tracks.
pub const CHANNEL_MARGIN: f32 = 5.0;
/// Corner rounding of routes.
pub const CORNER: f32 = 4.0;

/// One edge to route: its boxes' indexes, rows and horizontal extents.
pub struct Request {
    pub from: usize,
    pub to: usize,
}

/// What the horizontal pass decides for one edge.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The upper and lower box (same row: source then target).
    pub upper: usize,
    pub lower: usize,
    /// Whether the drawn arrow runs from `lower` to `upper`.
    pub reversed: bool,
    pub upper_port: f32,
    pub lower_port: f32,
    /// The corridor's x (None when the ends are in one row).
    pub corridor: Option<f32>,
    /// Track in the channel under the upper row.
    pub outer_track: usize,
    /// Track in the channel above the lower row's boxes.
    pub inner_track: usize,
}

/// What a corridor must not pass, per row: two slots per row, the room
/// above its boxes (zone titles, band names) and the boxes themselves,
/// plus the corridors already taken.
#[derive(Clone)]
pub struct Blocked {
    /// Per slot, blocked intervals (left, right) of boxes and titles.
    rows: Vec<Vec<(f32, f32)>>,
    /// Per slot, corridors taken, sorted (left, right).
    corridors: Vec<Vec<(f32, f32)>>,
    /// `rows` prepared for queries, once they stop changing.
    sorted: Option<Vec<Sorted>>,
}

/// One slot's intervals, for finding what covers a point: sorted by left
/// edge with the furthest right edge so far, and by right edge with the
/// least left edge from there on.
#[derive(Clone)]
struct Sorted {
    by_left: Vec<(f32, f32)>,
    reach_right: Vec<f32>,
    by_right: Vec<(f32, f32)>,
    reach_left: Vec<f32>,
}

impl Sorted {
    fn of(intervals: &[(f32, f32)]) -> Sorted {
        let mut by_left = intervals.to_vec();
        by_left.sort_by(|a, b| a.0.total_cmp(&b.0));
        let reach_right = by_left
            .iter()
            .scan(f32::NEG_INFINITY, |reach, (_, r)| {
                *reach = reach.max(*r);
                Some(*reach)
            })
            .collect();
        let mut by_right = intervals.to_vec();
        by_right.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut reach_left: Vec<f32> = by_right
            .iter()
            .rev()
            .scan(f32::INFINITY, |reach, (l, _)| {
                *reach = reach.min(*l);
                Some(*reach)
            })
            .collect();
        reach_left.reverse();
        Sorted {
            by_left,
            reach_right,
            by_right,
            reach_left,
        }
    }

    /// The furthest right end (grown by `clearance`) of an interval that
    /// starts at or before `x` and reaches it.
    fn right_end_from(&self, x: f32, clearance: f32) -> Option<f32> {
        let i = self.by_left.partition_point(|(l, _)| l - clearance <= x);
        let end = self.reach_right[..i].last()? + clearance;
        (end >= x).then_some(end)
    }

    /// The least left end (grown by `clearance`) of an interval that ends
    /// at or after `x` and reaches it.
    fn left_end_from(&self, x: f32, clearance: f32) -> Option<f32> {
        let i = self.by_right.partition_point(|(_, r)| r + clearance < x);
        let end = self.reach_left.get(i)? - clearance;
        (end <= x).then_some(end)
    }

    fn furthest_right(&self, clearance: f32) -> Option<f32> {
        self.reach_right.last().map(|r| r + clearance)
    }
}

/// The same queries over corridors: intervals of one width, so the one
/// starting last before a point ends last.
fn corridor_right_end(corridors: &[(f32, f32)], x: f32, clearance: f32) -> Option<f32> {
    let i = corridors.partition_point(|(l, _)| l - clearance <= x);
    let end = corridors[..i].last()?.1 + clearance;
    (end >= x).then_some(end)
}

fn corridor_left_end(corridors: &[(f32, f32)], x: f32, clearance: f32) -> Option<f32> {
    let i = corridors.partition_point(|(_, r)| r + clearance < x);
    let end = corridors.get(i)?.0 - clearance;
    (end <= x).then_some(end)
}

impl Blocked {
    pub fn new(rows: usize) -> Blocked {
        Blocked {
            rows: vec![Vec::new(); 2 * rows],
            corridors: vec![Vec::new(); 2 * rows],
            sorted: None,
        }
    }

    /// Blocks `left..right` in the room above row `row`'s boxes.
    pub fn block_above(&mut self, row: usize, left: f32, right: f32) {
        self.rows[2 * row].push((left, right));
        self.sorted = None;
    }

    /// Blocks `left..right` among row `row`'s boxes.
    pub fn block_boxes(&mut self, row: usize, left: f32, right: f32) {
        self.rows[2 * row + 1].push((left, right));
        self.sorted = None;
    }

    fn block_corridor(&mut self, slot: usize, x: f32) {
        let list = &mut self.corridors[slot];
        let at = list.partition_point(|(l, _)| *l < x - 0.5);
        list.insert(at, (x - 0.5, x + 0.5));
    }

    /// Sorts the blocked intervals for queries, once they stop changing.
    fn prepare(&mut self) {
        if self.sorted.is_none() {
            self.sorted = Some(self.rows.iter().map(|r| Sorted::of(r)).collect());
        }
    }

    /// The x nearest to `want` free in every row of `rows`, at least
    /// `clearance` from anything blocked. Of two equally near, the left
    /// one, unless the run of blocked intervals around `want` is the
    /// rightmost of all.
    fn nearest_free(&mut self, rows: std::ops::Range<usize>, want: f32, clearance: f32) -> f32 {
        self.prepare();
        let sorted = &self.sorted.as_ref().expect("prepared above")[rows.clone()];
        let corridors = &self.corridors[rows];
        let limit: usize =
            sorted.iter().map(|s| s.by_left.len()).sum::<usize>() + corridors.iter().map(Vec::len).sum::<usize>();
        // Grow the run of touching intervals that covers `want` to the
        // right, then to the left.
        let grow = |step: &dyn Fn(f32) -> Option<f32>| {
            let mut at = step(want)?;
            // Each step passes at least one more interval.
            for _ in 0..=limit {
                match step(at) {
                    Some(next) if next != at && !next.is_nan() => at = next,
                    _ => break,
                }
            }
            Some(at)
        };
        let right_step = |x: f32| {
            let ends = sorted
                .iter()
                .filter_map(|s| s.right_end_from(x, clearance))
                .chain(corridors.iter().filter_map(|c| corridor_right_end(c, x, clearance)));
            ends.fold(None, |m: Option<f32>, e| Some(m.map_or(e, |m| m.max(e))))
        };
        let Some(right) = grow(&right_step) else {
            return want;
        };
        let left_step = |x: f32| {
            let ends = sorted
                .iter()
                .filter_map(|s| s.left_end_from(x, clearance))
                .chain(corridors.iter().filter_map(|c| corridor_left_end(c, x, clearance)));
            ends.fold(None, |m: Option<f32>, e| Some(m.map_or(e, |m| m.min(e))))
        };
        let left = grow(&left_step).unwrap_or(want);
        let (to_left, to_right) = ((left - want).abs(), (right - want).abs());
        let rightmost = sorted
            .iter()
            .filter_map(|s| s.furthest_right(clearance))
            .chain(corridors.iter().filter_map(|c| c.last().map(|(_, r)| r + clearance)))
            .all(|end| end <= right);
        if rightmost {
            if to_left < to_right { left } else { right }
        } else if to_right < to_left {
            right
        } else {
            left
        }
    }
}

/// A horizontal run in a channel: it arrives at `start` from above and
/// leaves at `end` downwards, or (a `u_turn`) leaves upwards again.
#[derive(Clone, Copy)]
struct Run {
    start: f32,
    end: f32,
    edge: usize,
    u_turn: bool,
}

/// Tracks for the runs of one channel, in an order that avoids crossings
/// where it can: a run turning back up goes above the others (shorter
/// ones higher); of two runs heading right, the one arriving further
/// right goes higher, so neither crosses the other's drop; mirrored for
/// runs heading left. Each run goes just under the runs before it that it
/// overlaps. Returns each run's track (0 highest) and the track count.
fn assign_tracks(runs: &mut [Run]) -> (HashMap<usize, usize>, usize) {
    let class = |r: &Run| {
        if r.u_turn {
            (0, (r.end - r.start).abs())
        } else if r.end >= r.start {
            (1, -r.start)
        } else {
            (2, r.start)
        }
    };
    runs.sort_by(|a, b| {
        let (ca, ka) = class(a);
        let (cb, kb) = class(b);
        ca.cmp(&cb).then(ka.total_cmp(&kb)).then(a.edge.cmp(&b.edge))
    });
    let span = |r: &Run| (r.start.min(r.end) - TRACK, r.start.max(r.end) + TRACK);
    let spans: Vec<(f32, f32)> = runs.iter().map(span).collect();
    let mut taken = Taken::new(&spans);
    let mut tracks = HashMap::with_capacity(runs.len());
    let mut count = 0;
    for (run, span) in runs.iter().zip(spans) {
        let stretches = taken.stretches(span);
        // One under the lowest track of the runs it overlaps.
        let track = taken.highest(stretches);
        taken.raise(stretches, track + 1);
        tracks.insert(run.edge, track);
        count = count.max(track + 1);
    }
    (tracks, count)
}

/// Tracks taken along a channel, per stretch between two consecutive span
/// ends: a tree of maxima over the stretches, where a value raising a
/// whole subtree stays at its root. Values are track + 1 (0: free).
struct Taken {
    ends: Vec<f32>,
    highest: Vec<usize>,
    whole: Vec<usize>,
    size: usize,
}

impl Taken {
    fn new(spans: &[(f32, f32)]) -> Taken {
        let mut ends: Vec<f32> = spans.iter().flat_map(|(l, r)| [*l, *r]).collect();
        ends.sort_by(f32::total_cmp);
        ends.dedup();
        let size = ends.len().saturating_sub(1).max(1);
        Taken {
            ends,
            highest: vec![0; 4 * size],
            whole: vec![0; 4 * size],
            size,
        }
    }

    /// The stretches an open span covers (spans overlap exactly when
    /// they share one).
    fn stretches(&self, (left, right): (f32, f32)) -> (usize, usize) {
        (
            self.ends.partition_point(|e| *e < left),
            self.ends.partition_point(|e| *e < right),
        )
    }

    fn highest(&self, stretches: (usize, usize)) -> usize {
        self.query(1, 0, self.size, stretches)
    }

    fn query(&self, node: usize, low: usize, high: usize, (a, b): (usize, usize)) -> usize {
        if b <= low || high <= a {
            return 0;
        }
        if a <= low && high <= b {
            return self.highest[node];
        }
        let middle = (low + high) / 2;
        self.whole[node]
            .max(self.query(2 * node, low, middle, (a, b)))
            .max(self.query(2 * node + 1, middle, high, (a, b)))
    }

    fn raise(&mut self, stretches: (usize, usize), value: usize) {
        self.raise_in(1, 0, self.size, stretches, value);
    }

    fn raise_in(&mut self, node: usize, low: usize, high: usize, (a, b): (usize, usize), value: usize) {
        if b <= low || high <= a {
            return;
        }
        if a <= low && high <= b {
            self.whole[node] = self.whole[node].max(value);
            self.highest[node] = self.highest[node].max(value);
            return;
        }
        let middle = (low + high) / 2;
        self.raise_in(2 * node, low, middle, (a, b), value);
        self.raise_in(2 * node + 1, middle, high, (a, b), value);
        self.highest[node] = self.highest[node]
            .max(self.highest[2 * node])
            .max(self.highest[2 * node + 1]);
    }
}

/// The horizontal pass. `boxes` are (left, width) per component, `row_of`
/// their rows; `blocked` holds boxes and zone titles per row. Returns the
/// plans and, per row, how many tracks its outer channel (under it) and
/// inner channel (above its boxes) need.
pub fn plan(
    requests: &[Request],
    boxes: &[(f32, f32)],
    row_of: &[usize],
    blocked: &mut Blocked,
) -> (Vec<Plan>, Vec<usize>, Vec<usize>) {
    let rows = blocked.rows.len() / 2;
    // Which box end goes where, then ports spread along the sides in the
    // order of where the other end is, so routes leave without crossing.
    let mut plans: Vec<Plan> = requests
        .iter()
        .map(|request| {
            let reversed = row_of[request.from] > row_of[request.to];
            let (upper, lower) = if reversed {
                (request.to, request.from)
            } else {
                (request.from, request.to)
            };
            Plan {
                upper,
                lower,
                reversed,
                upper_port: 0.0,
                lower_port: 0.0,
                corridor: None,
                outer_track: 0,
                inner_track: 0,
            }
        })
        .collect();
    // Ports first spread in the order of where the other ends are, which
    // gives each edge a corridor; then in the order of where each route
    // really heads (its corridor), so routes leave a side without
    // crossing each other, and the corridors are chosen again for them.
    let centre = |i: usize| boxes[i].0 + boxes[i].1 / 2.0;
    spread_ports(&mut plans, boxes, row_of, |plan, upper_end| {
        centre(if upper_end { plan.lower } else { plan.upper })
    });
    blocked.prepare();
    let mut first_try = blocked.clone();
    choose_corridors(&mut plans, row_of, &mut first_try);
    spread_ports(&mut plans, boxes, row_of, |plan, upper_end| match plan.corridor {
        Some(x) => x,
        None if upper_end => plan.lower_port,
        None => plan.upper_port,
    });
    choose_corridors(&mut plans, row_of, blocked);

    // Tracks in each channel.
    let mut outer: Vec<Vec<Run>> = vec![Vec::new(); rows];
    let mut inner: Vec<Vec<Run>> = vec![Vec::new(); rows];
    for (index, plan) in plans.iter().enumerate() {
        outer[row_of[plan.upper]].push(Run {
            start: plan.upper_port,
            end: plan.corridor.unwrap_or(plan.lower_port),
            edge: index,
            u_turn: plan.corridor.is_none(),
        });
        if let Some(x) = plan.corridor {
            inner[row_of[plan.lower]].push(Run {
                start: x,
                end: plan.lower_port,
                edge: index,
                u_turn: false,
            });
        }
    }
    let mut outer_tracks = vec![0; rows];
    let mut inner_tracks = vec![0; rows];
    for row in 0..rows {
        let (tracks, count) = assign_tracks(&mut outer[row]);
        outer_tracks[row] = count;
        for (edge, track) in tracks {
            plans[edge].outer_track = track;
        }
        let (tracks, count) = assign_tracks(&mut inner[row]);
        inner_tracks[row] = count;
        for (edge, track) in tracks {
            plans[edge].inner_track = track;
        }
    }
    (plans, outer_tracks, inner_tracks)
}

/// Spreads the ports of every box side evenly, in the order of `toward`
/// (for an edge and whether this is its upper end: the x its route heads
/// for from this side).
fn spread_ports(plans: &mut [Plan], boxes: &[(f32, f32)], row_of: &[usize], toward: impl Fn(&Plan, bool) -> f32) {
    let mut sides: HashMap<BoxSide, Vec<PortClaim>> = HashMap::new();
    for (index, plan) in plans.iter().enumerate() {
        let same_row = row_of[plan.upper] == row_of[plan.lower];
        sides
            .entry((plan.upper, true))
            .or_default()
            .push((toward(plan, true), index, true));
        sides
            .entry((plan.lower, same_row))
            .or_default()
            .push((toward(plan, false), index, false));
    }
    for ((owner, _), mut ends) in sides {
        ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (left, width) = boxes[owner];
        let step = width / (ends.len() as f32 + 1.0);
        for (i, (_, index, is_upper)) in ends.into_iter().enumerate() {
            let x = left + step * (i as f32 + 1.0);
            if is_upper {
                plans[index].upper_port = x;
            } else {
                plans[index].lower_port = x;
            }
        }
    }
}

/// What a corridor at `x` costs a route between ports `a` and `b`: the
/// way it goes past the span between them, and two bends unless it
/// drops straight from one of the ports.
fn corridor_cost(x: f32, a: f32, b: f32) -> f32 {
    let detour = (a.min(b) - x).max(x - a.max(b)).max(0.0);
    let at_port = (x - a).abs() < 0.5 || (x - b).abs() < 0.5;
    2.0 * detour + if at_port { 0.0 } else { BEND_COST }
}

/// How much longer a route may be to save two bends.
const BEND_COST: f32 = 24.0;

/// A corridor for every edge between rows, longest edges first so short
/// ones fit around them: the free x nearest to its lower port, or to its
/// upper port where that makes the route shorter or straighter.
fn choose_corridors(plans: &mut [Plan], row_of: &[usize], blocked: &mut Blocked) {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(row_of[plans[i].lower] - row_of[plans[i].upper]));
    for index in order {
        let plan = &plans[index];
        let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
        if top == bottom {
            plans[index].corridor = None;
            continue;
        }
        // From the room above the row under the upper box to the room
        // above the lower box's row (its boxes are not passed).
        let slots = 2 * (top + 1)..2 * bottom + 1;
        let (upper_port, lower_port) = (plan.upper_port, plan.lower_port);
        let mut x = blocked.nearest_free(slots.clone(), lower_port, TRACK / 2.0);
        if (x - lower_port).abs() >= 0.5 {
            let from_upper = blocked.nearest_free(slots.clone(), upper_port, TRACK / 2.0);
            if corridor_cost(from_upper, upper_port, lower_port) < corridor_cost(x, upper_port, lower_port) {
                x = from_upper;
            }
        }
        for slot in slots {
            blocked.block_corridor(slot, x);
        }
        plans[index].corridor = Some(x);
    }
}

/// Height a channel of `tracks` tracks takes.
pub fn channel_height(tracks: usize) -> f32 {
    if tracks == 0 {
        0.0
    } else {
        tracks as f32 * TRACK + 2.0 * CHANNEL_MARGIN
    }
}

/// The route's points once rows have their heights. `outer_y(row)` is the
/// top of the channel under a row, `inner_y(row)` the top of the channel
/// above its boxes; `rect_y(box)` gives a box's top and bottom.
pub fn points(
    plan: &Plan,
    row_of: &[usize],
    outer_top: impl Fn(usize) -> f32,
    inner_top: impl Fn(usize) -> f32,
    rect_y: impl Fn(usize) -> (f32, f32),
) -> Vec<(f32, f32)> {
    let (_, upper_bottom) = rect_y(plan.upper);
    let (lower_top, lower_bottom) = rect_y(plan.lower);
    let outer = outer_top(row_of[plan.upper]) + CHANNEL_MARGIN + plan.outer_track as f32 * TRACK;
    let mut points = vec![(plan.upper_port, upper_bottom), (plan.upper_port, outer)];
    match plan.corridor {
        None => {
            points.push((plan.lower_port, outer));
            points.push((plan.lower_port, lower_bottom));
        }
        Some(x) => {
            let inner = inner_top(row_of[plan.lower]) + CHANNEL_MARGIN + plan.inner_track as f32 * TRACK;
            points.push((x, outer));
            points.push((x, inner));
            points.push((plan.lower_port, inner));
            points.push((plan.lower_port, lower_top));
        }
    }
    let mut simple = simplify(points);
    if plan.reversed {
        simple.reverse();
    }
    simple
}

/// The route without repeated points and without middle points of
/// straight runs.
pub fn simplify(mut points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
    // Drop middle points of straight runs.
    let mut simple: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for p in points {
        if simple.len() >= 2 {
            let a = simple[simple.len() - 2];
            let b = simple[simple.len() - 1];
            let straight = ((a.0 - b.0).abs() < 0.01 && (b.0 - p.0).abs() < 0.01)
                || ((a.1 - b.1).abs() < 0.01 && (b.1 - p.1).abs() < 0.01);
            if straight {
                simple.pop();
            }
        }
        simple.push(p);
    }
    simple
}

/// A box and one of its sides: (box index, the side is the bottom one).
type BoxSide = (usize, bool);
/// An edge end wanting a port on a side: (the other end's x, plan index,
/// this is the upper end).
type PortClaim = (f32, usize, bool);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_free_x_avoids_every_blocked_row() {
        let mut blocked = Blocked::new(2);
        blocked.block_boxes(0, 100.0, 200.0);
        blocked.block_above(1, 180.0, 300.0);
        let x = blocked.nearest_free(1..3, 190.0, 3.0);
        assert!(x <= 97.0 || x >= 303.0, "{x}");
        assert_eq!(blocked.nearest_free(0..1, 190.0, 3.0), 190.0);
    }

    #[test]
    fn overlapping_segments_get_different_tracks() {
        let run = |start, end, edge| Run {
            start,
            end,
            edge,
            u_turn: false,
        };
        let mut runs = vec![run(0.0, 100.0, 0), run(50.0, 150.0, 1), run(200.0, 300.0, 2)];
        let (tracks, count) = assign_tracks(&mut runs);
        assert_eq!(count, 2);
        // Both head right: the one arriving further right runs higher, so
        // neither crosses the other's drop.
        assert!(tracks[&1] < tracks[&0]);
        assert_eq!(tracks[&2], 0);
    }
}
