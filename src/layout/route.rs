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
/// above its boxes (zone titles, band names) and the boxes themselves.
pub struct Blocked {
    /// Per slot, sorted blocked intervals (left, right).
    rows: Vec<Vec<(f32, f32)>>,
}

impl Blocked {
    pub fn new(rows: usize) -> Blocked {
        Blocked {
            rows: vec![Vec::new(); 2 * rows],
        }
    }

    /// Blocks `left..right` in the room above row `row`'s boxes.
    pub fn block_above(&mut self, row: usize, left: f32, right: f32) {
        self.block(2 * row, left, right);
    }

    /// Blocks `left..right` among row `row`'s boxes.
    pub fn block_boxes(&mut self, row: usize, left: f32, right: f32) {
        self.block(2 * row + 1, left, right);
    }

    fn block(&mut self, slot: usize, left: f32, right: f32) {
        let list = &mut self.rows[slot];
        let at = list.partition_point(|(l, _)| *l < left);
        list.insert(at, (left, right));
    }

    /// The x nearest to `want` free in every row of `rows`, at least
    /// `clearance` from anything blocked.
    fn nearest_free(&self, rows: std::ops::Range<usize>, want: f32, clearance: f32) -> f32 {
        let mut all: Vec<(f32, f32)> = rows
            .flat_map(|r| self.rows[r].iter().map(|(l, r)| (l - clearance, r + clearance)))
            .collect();
        if all.is_empty() {
            return want;
        }
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Merge into disjoint blocked runs, then look at the gaps.
        let mut merged: Vec<(f32, f32)> = Vec::with_capacity(all.len());
        for (l, r) in all {
            match merged.last_mut() {
                Some(last) if l <= last.1 => last.1 = last.1.max(r),
                _ => merged.push((l, r)),
            }
        }
        let mut best = merged.last().map_or(want, |last| last.1.max(want));
        let mut best_distance = (best - want).abs();
        let mut left_edge = f32::NEG_INFINITY;
        for (l, r) in &merged {
            // Gap (left_edge, l).
            let candidate = want.clamp(left_edge, *l);
            if (candidate - want).abs() < best_distance {
                best = candidate;
                best_distance = (candidate - want).abs();
            }
            left_edge = *r;
        }
        best
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
    let mut placed: Vec<(f32, f32, usize)> = Vec::with_capacity(runs.len());
    let mut tracks = HashMap::with_capacity(runs.len());
    let mut count = 0;
    for run in runs.iter() {
        let (left, right) = span(run);
        let track = placed
            .iter()
            .filter(|(l, r, _)| *l < right && left < *r)
            .map(|(_, _, t)| t + 1)
            .max()
            .unwrap_or(0);
        placed.push((left, right, track));
        tracks.insert(run.edge, track);
        count = count.max(track + 1);
    }
    (tracks, count)
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
    let centre = |i: usize| boxes[i].0 + boxes[i].1 / 2.0;
    let mut sides: HashMap<BoxSide, Vec<PortClaim>> = HashMap::new();
    for (index, plan) in plans.iter().enumerate() {
        let same_row = row_of[plan.upper] == row_of[plan.lower];
        sides
            .entry((plan.upper, true))
            .or_default()
            .push((centre(plan.lower), index, true));
        sides
            .entry((plan.lower, same_row))
            .or_default()
            .push((centre(plan.upper), index, false));
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

    // Corridors, longest edges first so short ones fit around them.
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(row_of[plans[i].lower] - row_of[plans[i].upper]));
    for index in order {
        let plan = &plans[index];
        let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
        if top == bottom {
            continue;
        }
        // From the room above the row under the upper box to the room
        // above the lower box's row (its boxes are not passed).
        let slots = 2 * (top + 1)..2 * bottom + 1;
        let x = blocked.nearest_free(slots.clone(), plan.lower_port, TRACK / 2.0);
        for slot in slots {
            blocked.block(slot, x - 0.5, x + 0.5);
        }
        plans[index].corridor = Some(x);
    }

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
    if plan.reversed {
        simple.reverse();
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
