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

use rustc_hash::FxHashMap;

use super::corridor_index::CorridorIndex;
#[cfg(test)]
use super::corridor_index::ports_swapped;
use std::ops::Range;

/// Distance between parallel tracks in a channel and between corridors.
pub const TRACK: f32 = 8.0;
/// Room a channel keeps above and below its tracks.
pub const CHANNEL_MARGIN: f32 = 5.0;
/// Corner rounding of routes.
pub const CORNER: f32 = 4.0;
/// Least distance between a zone's side and a route running along it: a
/// route nearer than that reads as part of the border.
pub const BORDER_CLEARANCE: f32 = 8.0;

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
    /// Intervals blocked in a run of slots at once (a zone's sides in
    /// every row it spans): kept once, not once per slot, so a tall zone
    /// does not make every search through it longer.
    runs: Vec<(Range<usize>, (f32, f32))>,
    /// Corridors taken, in order: their slots and x.
    corridors: Vec<(Range<usize>, f32)>,
    /// `rows` grown by a clearance and sorted.
    grown: Option<Grown>,
    /// What is free in every slot of a range, per (first slot, end slot,
    /// clearance bits): made at the range's first query and brought up to
    /// date with the corridors taken since at each next one. Edges share
    /// few ranges, so this is far cheaper than merging slots per query.
    free: FxHashMap<(usize, usize, u32), Free>,
    /// The gaps of `free` before any corridor was taken, kept so that a
    /// second search over the same boxes and titles starts from them.
    statics: FxHashMap<(usize, usize, u32), Vec<(f32, f32)>>,
    /// Room for a search's work: the corridors it catches up with, and
    /// the gaps left by them.
    taken: Vec<(f32, f32)>,
    spare: Vec<(f32, f32)>,
}

/// The clearance's bits, and per slot its blocked intervals grown by it,
/// sorted by left end.
type Grown = (u32, Vec<Vec<(f32, f32)>>);

/// The open stretches of x free in every slot of a range, left to right
/// (the first starts at -∞, the last ends at +∞), and how many of the
/// corridors taken they leave out already.
#[derive(Clone)]
struct Free {
    gaps: Vec<(f32, f32)>,
    seen: usize,
}

impl Free {
    /// The gaps between the closed intervals `blocked`, sorted by left end.
    fn between(blocked: impl Iterator<Item = (f32, f32)>) -> Free {
        let mut gaps = Vec::new();
        let mut reach = f32::NEG_INFINITY;
        for (left, right) in blocked {
            if left > reach {
                gaps.push((reach, left));
            }
            reach = reach.max(right);
        }
        gaps.push((reach, f32::INFINITY));
        Free { gaps, seen: 0 }
    }

    /// Takes the closed intervals `taken` (in any order) out of the
    /// gaps; `spare` is room to work in. A few are looked up one by one;
    /// many are sorted and taken out in one pass along the gaps.
    fn remove_all(&mut self, taken: &mut Vec<(f32, f32)>, spare: &mut Vec<(f32, f32)>) {
        // A lookup costs about four steps of the pass per halving.
        let lookup = 4 * (self.gaps.len().max(1).ilog2() as usize + 1);
        if taken.len() * lookup < self.gaps.len() {
            for interval in taken.iter() {
                self.remove(*interval);
            }
            return;
        }
        // Intervals with one left end merge alike in any order.
        taken.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        // Overlapping or touching intervals merged into runs, in place.
        let mut runs = 0usize;
        for i in 0..taken.len() {
            let (left, right) = taken[i];
            match runs.checked_sub(1).map(|last| &mut taken[last]) {
                Some(last) if left <= last.1 => last.1 = last.1.max(right),
                _ => {
                    taken[runs] = (left, right);
                    runs += 1;
                }
            }
        }
        taken.truncate(runs);
        spare.clear();
        let mut first = 0;
        for &(a, b) in &self.gaps {
            // Runs ending at or before this gap's start end before every
            // later gap too.
            while first < taken.len() && taken[first].1 <= a {
                first += 1;
            }
            let mut start = a;
            for &(left, right) in taken[first..].iter().take_while(|run| run.0 < b) {
                if start < left {
                    spare.push((start, left));
                }
                start = start.max(right);
            }
            if start < b {
                spare.push((start, b));
            }
        }
        std::mem::swap(&mut self.gaps, spare);
    }

    /// Takes the closed interval `left..=right` out of the gaps.
    fn remove(&mut self, (left, right): (f32, f32)) {
        let gaps = &mut self.gaps;
        let first = gaps.partition_point(|g| g.1 <= left);
        let Some(&(a, b)) = gaps.get(first) else {
            return;
        };
        if a >= right {
            return;
        }
        if b > right {
            // Within one gap: what is left of it on either side.
            if a < left {
                gaps[first].1 = left;
                gaps.insert(first + 1, (right, b));
            } else {
                gaps[first].0 = right;
            }
            return;
        }
        let mut last = first + 1;
        while last < gaps.len() && gaps[last].0 < right {
            last += 1;
        }
        let b = gaps[last - 1].1;
        // What is left of the first and the last gap met; both left only
        // where two gaps or more were met, so they fit in place.
        let mut kept = first;
        for piece in [(a, left), (right, b)] {
            if piece.0 < piece.1 {
                gaps[kept] = piece;
                kept += 1;
            }
        }
        gaps.drain(kept..last);
    }
}

impl Blocked {
    pub fn new(rows: usize) -> Blocked {
        Blocked {
            rows: vec![Vec::new(); 2 * rows],
            runs: Vec::new(),
            corridors: Vec::new(),
            grown: None,
            free: FxHashMap::default(),
            statics: FxHashMap::default(),
            taken: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Takes what a search over a copy of these boxes and titles learnt
    /// about them (not its corridors).
    fn learn_from(&mut self, copy: Blocked) {
        if copy.rows == self.rows && copy.runs == self.runs {
            self.grown = copy.grown;
            self.statics = copy.statics;
        }
    }

    /// Blocks `left..right` in the room above row `row`'s boxes.
    pub fn block_above(&mut self, row: usize, left: f32, right: f32) {
        self.block_slot(2 * row, left, right);
    }

    /// Blocks `left..right` among row `row`'s boxes.
    pub fn block_boxes(&mut self, row: usize, left: f32, right: f32) {
        self.block_slot(2 * row + 1, left, right);
    }

    /// Blocks `left..right` in rows `rows`, both above and among their
    /// boxes.
    pub fn block_rows(&mut self, rows: std::ops::RangeInclusive<usize>, left: f32, right: f32) {
        self.runs.push((2 * rows.start()..2 * rows.end() + 2, (left, right)));
        self.free.clear();
        self.statics.clear();
    }

    fn block_slot(&mut self, slot: usize, left: f32, right: f32) {
        self.rows[slot].push((left, right));
        self.grown = None;
        self.free.clear();
        self.statics.clear();
    }

    fn block_corridor(&mut self, slots: Range<usize>, x: f32) {
        self.corridors.push((slots, x));
    }

    /// The x nearest to `want` free in every row of `rows`, at least
    /// `clearance` from anything blocked. Of two equally near, the left
    /// one, unless the run of blocked intervals around `want` is the
    /// rightmost of all.
    fn nearest_free(&mut self, rows: Range<usize>, want: f32, clearance: f32) -> f32 {
        if rows.is_empty() {
            return want;
        }
        let gaps = self.free_gaps(rows, clearance);
        // The gap `want` lies in, or else the first one right of the run
        // of blocked intervals holding it, whose ends are the answers.
        let next = gaps.partition_point(|g| g.1 <= want);
        let Some(&(right, end)) = gaps.get(next) else {
            return want;
        };
        if right < want {
            return want;
        }
        let left = next.checked_sub(1).map_or(f32::NEG_INFINITY, |i| gaps[i].1);
        let (to_left, to_right) = ((left - want).abs(), (right - want).abs());
        let rightmost = end == f32::INFINITY;
        if rightmost {
            if to_left < to_right { left } else { right }
        } else if to_right < to_left {
            right
        } else {
            left
        }
    }

    /// The stretches of x free in every row of `rows`, at least
    /// `clearance` from anything blocked, left to right (the first starts
    /// at -∞, the last ends at +∞); `rows` must not be empty.
    fn free_gaps(&mut self, rows: Range<usize>, clearance: f32) -> &[(f32, f32)] {
        let grow = |(left, right): (f32, f32)| (left - clearance, right + clearance);
        let bits = clearance.to_bits();
        if self.grown.as_ref().is_none_or(|(b, _)| *b != bits) {
            let grown = self
                .rows
                .iter()
                .map(|slot| {
                    let mut intervals: Vec<(f32, f32)> = slot.iter().map(|i| grow(*i)).collect();
                    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
                    intervals
                })
                .collect();
            self.grown = Some((bits, grown));
        }
        let grown = &self.grown.as_ref().expect("made above").1;
        let key = (rows.start, rows.end, bits);
        let statics = &mut self.statics;
        let runs = &self.runs;
        let free = self.free.entry(key).or_insert_with(|| {
            let gaps = statics.entry(key).or_insert_with(|| {
                // Sorted runs, one per slot: the sort merges them.
                let mut blocked: Vec<(f32, f32)> = grown[rows.clone()]
                    .iter()
                    .flatten()
                    .copied()
                    .chain(
                        runs.iter()
                            .filter(|(slots, _)| slots.start < rows.end && rows.start < slots.end)
                            .map(|(_, interval)| grow(*interval)),
                    )
                    .collect();
                blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
                Free::between(blocked.into_iter()).gaps
            });
            Free {
                gaps: gaps.clone(),
                seen: 0,
            }
        });
        // The corridors taken since, in any order: what is left free is
        // the same set of gaps.
        let taken = &mut self.taken;
        taken.clear();
        taken.extend(
            self.corridors[free.seen..]
                .iter()
                .filter(|(slots, _)| slots.start < rows.end && rows.start < slots.end)
                .map(|(_, x)| grow((x - 0.5, x + 0.5))),
        );
        free.remove_all(taken, &mut self.spare);
        free.seen = self.corridors.len();
        &free.gaps
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
fn assign_tracks(runs: &mut [Run]) -> (FxHashMap<usize, usize>, usize) {
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
    let mut tracks = FxHashMap::with_capacity_and_hasher(runs.len(), Default::default());
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
/// their rows; `clear_of` per component the stretch of x its ports keep
/// out of (the zone borders a box drawn across them crosses); `blocked`
/// holds boxes and zone titles per row. Returns the plans and, per row,
/// how many tracks its outer channel (under it) and inner channel (above
/// its boxes) need.
pub fn plan(
    requests: &[Request],
    boxes: &[(f32, f32)],
    clear_of: &[Option<(f32, f32)>],
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
    spread_ports(&mut plans, boxes, clear_of, row_of, |plan, upper_end| {
        let (here, there) = if upper_end {
            (plan.upper, plan.lower)
        } else {
            (plan.lower, plan.upper)
        };
        port_order(row_of, plan, centre(here), centre(there))
    });
    let toward_corridors = |plan: &Plan, upper_end: bool| {
        let (here, there) = if upper_end {
            (centre(plan.upper), plan.corridor.unwrap_or(plan.lower_port))
        } else {
            (centre(plan.lower), plan.corridor.unwrap_or(plan.upper_port))
        };
        port_order(row_of, plan, here, there)
    };
    // Where corridors are weighed by the crossings they make, a corridor
    // moved to the other side of a box needs its ports spread again, and
    // the routes that meet it another look: one more try.
    let small = plans.len() <= WEIGHED_EDGES;
    let tries = if small { 2 } else { 1 };
    for _ in 0..tries {
        let mut first_try = blocked.clone();
        choose_corridors(&mut plans, row_of, &mut first_try, small);
        // The next search passes the same boxes and titles.
        blocked.learn_from(first_try);
        spread_ports(&mut plans, boxes, clear_of, row_of, toward_corridors);
    }
    choose_corridors(&mut plans, row_of, blocked, true);

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

/// Where an edge's port goes among the others on a side of the box at
/// `here` whose route heads for `there`: routes into the channel and on
/// down (or in from a corridor) in the order of where they head, so they
/// leave without crossing; routes turning back up to a box of the same
/// row nest like arcs, the nearer inside, left of the others when they
/// head left and right of them when they head right.
fn port_order(row_of: &[usize], plan: &Plan, here: f32, there: f32) -> (u8, f32) {
    if row_of[plan.upper] != row_of[plan.lower] {
        (1, there)
    } else if there < here {
        (0, -there)
    } else {
        (2, -there)
    }
}

/// Spreads the ports of every box side evenly, in the order of `toward`
/// (for an edge and whether this is its upper end: a group, then the
/// place in the group, from [`port_order`]).
fn spread_ports(
    plans: &mut [Plan],
    boxes: &[(f32, f32)],
    clear_of: &[Option<(f32, f32)>],
    row_of: &[usize],
    toward: impl Fn(&Plan, bool) -> (u8, f32),
) {
    let mut sides: FxHashMap<BoxSide, Vec<PortClaim>> = FxHashMap::default();
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
        ends.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(a.0.1.total_cmp(&b.0.1)).then(a.1.cmp(&b.1)));
        let (left, width) = boxes[owner];
        let count = ends.len();
        let keep_out = clear_of.get(owner).copied().flatten();
        for (i, (_, index, is_upper)) in ends.into_iter().enumerate() {
            let x = port_x((left, width), keep_out, count, i);
            if is_upper {
                plans[index].upper_port = x;
            } else {
                plans[index].lower_port = x;
            }
        }
    }
}

/// The x of port `i` of `count` spread evenly along a box side (`left`,
/// `width`), leaving out `keep_out`: a route leaving beside a border the
/// box is drawn across would run along it.
pub fn port_x((left, width): (f32, f32), keep_out: Option<(f32, f32)>, count: usize, i: usize) -> f32 {
    let (cut, skipped) = keep_out
        .map(|(from, to)| {
            let (from, to) = (from.max(left), to.min(left + width));
            (from, (to - from).max(0.0))
        })
        .unwrap_or((f32::INFINITY, 0.0));
    let step = (width - skipped) / (count as f32 + 1.0);
    let x = left + step * (i as f32 + 1.0);
    if x > cut { x + skipped } else { x }
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

/// How many routes run down through each row's channels: per row, those
/// passing it, those leaving it and those arriving at it.
struct Traffic {
    passing: Vec<usize>,
    leaving: Vec<usize>,
    arriving: Vec<usize>,
}

impl Traffic {
    fn of(plans: &[Plan], row_of: &[usize]) -> Traffic {
        let rows = row_of.iter().max().map_or(0, |r| r + 1);
        let mut change = vec![0isize; rows + 1];
        let (mut leaving, mut arriving) = (vec![0; rows], vec![0; rows]);
        for plan in plans {
            let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
            if top < bottom {
                change[top + 1] += 1;
                change[bottom] -= 1;
                leaving[top] += 1;
                arriving[bottom] += 1;
            }
        }
        let mut running = 0isize;
        let passing = change[..rows]
            .iter()
            .map(|c| {
                running += c;
                running.max(0) as usize
            })
            .collect();
        Traffic {
            passing,
            leaving,
            arriving,
        }
    }

    /// Whether a route from row `top` to row `bottom` would meet fewer
    /// uprights running across the channel above the lower row than the
    /// channel under the upper one: fewer routes go down through it.
    fn quieter_below(&self, top: usize, bottom: usize) -> bool {
        self.passing[bottom] + self.arriving[bottom] < self.passing[top] + self.leaving[top]
    }
}

/// A corridor for every edge between rows, longest edges first so short
/// ones fit around them: the free x nearest to one of its ports, so it
/// runs across in the quieter of the two channels it meets (crossing
/// fewer routes going down), or nearest to its other port where that
/// makes the route shorter or straighter; where `weigh`, the crossings
/// a corridor makes count too (large drawings weigh only their last
/// choice: the first only spreads the ports).
fn choose_corridors(plans: &mut [Plan], row_of: &[usize], blocked: &mut Blocked, weigh: bool) {
    let traffic = Traffic::of(plans, row_of);
    let rows = row_of.iter().max().map_or(0, |r| r + 1);
    let mut weighed = (weigh && plans.len() <= PORT_WEIGHED_EDGES).then(|| CorridorIndex::of(plans, row_of, rows));
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
        let (first, second) = if traffic.quieter_below(top, bottom) {
            (upper_port, lower_port)
        } else {
            (lower_port, upper_port)
        };
        let mut x = blocked.nearest_free(slots.clone(), first, TRACK / 2.0);
        let at_first_port = (x - first).abs() < 0.5;
        let mut other = None;
        if !at_first_port {
            let found = blocked.nearest_free(slots.clone(), second, TRACK / 2.0);
            if corridor_cost(found, upper_port, lower_port) < corridor_cost(x, upper_port, lower_port) {
                (x, other) = (found, Some(x));
            } else {
                other = Some(found);
            }
        }
        if let Some(routes) = &mut weighed {
            x = if plans.len() <= WEIGHED_EDGES {
                let crossings = |x: f32| routes.crossings(plans, row_of, index, x);
                fewer_crossings(
                    &plans[index],
                    crossings,
                    x,
                    blocked.free_gaps(slots.clone(), TRACK / 2.0),
                )
            } else {
                // Too many gaps to weigh them all: the free x nearest
                // to the other port is the one other way worth a look.
                let other = other.unwrap_or_else(|| blocked.nearest_free(slots.clone(), second, TRACK / 2.0));
                if other == x {
                    x
                } else {
                    let [here, there] = routes.crossings_at_each(plans, row_of, index, [x, other]);
                    let total = |x: f32, crossings: usize| weighed_cost(x, upper_port, lower_port, crossings);
                    if total(other, there) < total(x, here) { other } else { x }
                }
            };
            routes.set_corridor(plans, row_of, index, x);
        }
        blocked.block_corridor(slots, x);
        plans[index].corridor = Some(x);
    }
}

/// Up to this many edges, a corridor is chosen for the crossings it makes
/// as well as its length, among the free x of every gap it may take.
const WEIGHED_EDGES: usize = 600;
/// Up to this many edges, a corridor at the free x nearest to either
/// port is chosen for the crossings it makes as well as its length
/// (synth 1,000: 179,024 crossings unweighed, 152,272 weighed); beyond,
/// the time goes to speed (geometry 5,000 stays within its budget).
const PORT_WEIGHED_EDGES: usize = 3000;
/// How much longer a route may be to cross one route fewer.
const CROSSING_COST: f32 = 160.0;

/// What a corridor at `x` between ports `a` and `b` costs once the
/// `crossings` it makes are counted.
fn weighed_cost(x: f32, a: f32, b: f32, crossings: usize) -> f32 {
    corridor_cost(x, a, b) + CROSSING_COST * crossings as f32
}

/// The corridor for edge `index`, from the free `gaps` of the rows it
/// passes: `nearest` (the nearest free x to its ports) unless another
/// costs less once the routes it would cross are counted. Each gap
/// offers the x nearest to either port; candidates are weighed from the
/// cheapest in length, until length alone costs more than the best.
fn fewer_crossings(plan: &Plan, crossings: impl Fn(f32) -> usize, nearest: f32, gaps: &[(f32, f32)]) -> f32 {
    let (a, b) = (plan.upper_port, plan.lower_port);
    let total = |x: f32| weighed_cost(x, a, b, crossings(x));
    let mut best = (total(nearest), nearest);
    let mut candidates: Vec<(f32, f32)> = gaps
        .iter()
        .flat_map(|&(left, right)| [a.clamp(left, right), b.clamp(left, right)])
        .filter(|x| x.is_finite())
        .map(|x| (corridor_cost(x, a, b), x))
        .collect();
    candidates.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    for (length, x) in candidates {
        if length >= best.0 {
            break;
        }
        let cost = total(x);
        if cost < best.0 {
            best = (cost, x);
        }
    }
    best.1
}

/// How many routes edge `index` would cross through a corridor at `x`,
/// as the other plans stand, counted plainly against every other plan:
/// what [`CorridorIndex::crossings`] must agree with.
#[cfg(test)]
fn crossings_at(plans: &[Plan], row_of: &[usize], index: usize, x: f32) -> usize {
    let inside = |v: f32, p: f32, q: f32| v > p.min(q) && v < p.max(q);
    let plan = &plans[index];
    let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
    let between = |row: usize| top < row && row < bottom;
    let mut count = 0;
    for (other, o) in plans.iter().enumerate() {
        if other == index {
            continue;
        }
        let (t, b) = (row_of[o.upper], row_of[o.lower]);
        match o.corridor {
            None if t == b => count += usize::from(between(t) && inside(x, o.upper_port, o.lower_port)),
            None => {}
            Some(c) => {
                // Our corridor across its two runs, and its corridor
                // across ours.
                count += usize::from(between(t) && inside(x, o.upper_port, c));
                count += usize::from(between(b) && inside(x, c, o.lower_port));
                count += usize::from(t < top && top < b && inside(c, plan.upper_port, x));
                count += usize::from(t < bottom && bottom < b && inside(c, x, plan.lower_port));
                // Ports on one side of a box are spread again in the
                // order of where their routes head.
                count += usize::from(
                    t == top && o.upper != plan.upper && ports_swapped(plan.upper_port, o.upper_port, x, c),
                );
                count += usize::from(
                    b == bottom && o.lower != plan.lower && ports_swapped(x, c, plan.lower_port, o.lower_port),
                );
            }
        }
    }
    count
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

/// The box a route's points span (None for no points).
pub fn bounds(points: &[(f32, f32)]) -> Option<super::Rect> {
    let (&first, rest) = points.split_first()?;
    let (mut low, mut high) = (first, first);
    for &(x, y) in rest {
        low = (low.0.min(x), low.1.min(y));
        high = (high.0.max(x), high.1.max(y));
    }
    Some(super::Rect {
        x: low.0,
        y: low.1,
        width: high.0 - low.0,
        height: high.1 - low.1,
    })
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
/// An edge end wanting a port on a side: (its place in the side's order,
/// plan index, this is the upper end).
type PortClaim = ((u8, f32), usize, bool);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The nearest free x worked out plainly: every blocked interval of
    /// the range grown, sorted and merged into runs; the run holding
    /// `want` (ends included) gives the two candidates.
    fn plain_nearest_free(
        statics: &[(usize, f32, f32)],
        corridors: &[(Range<usize>, f32)],
        rows: Range<usize>,
        want: f32,
        clearance: f32,
    ) -> f32 {
        let mut intervals: Vec<(f32, f32)> = statics
            .iter()
            .filter(|(slot, _, _)| rows.contains(slot))
            .map(|(_, l, r)| (l - clearance, r + clearance))
            .chain(
                corridors
                    .iter()
                    .filter(|(slots, _)| slots.start < rows.end && rows.start < slots.end)
                    .map(|(_, x)| ((x - 0.5) - clearance, (x + 0.5) + clearance)),
            )
            .collect();
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut runs: Vec<(f32, f32)> = Vec::new();
        for (l, r) in intervals {
            match runs.last_mut() {
                Some(last) if l <= last.1 => last.1 = last.1.max(r),
                _ => runs.push((l, r)),
            }
        }
        let Some(at) = runs.iter().position(|(l, r)| *l <= want && want <= *r) else {
            return want;
        };
        let (left, right) = runs[at];
        let (to_left, to_right) = (want - left, right - want);
        if at + 1 == runs.len() {
            if to_left < to_right { left } else { right }
        } else if to_right < to_left {
            right
        } else {
            left
        }
    }

    proptest! {
        /// Corridors found through the per-range free gaps are the ones
        /// the plain merge of every blocked interval gives, query after
        /// query, each taking its corridor.
        #[test]
        fn nearest_free_matches_the_plain_merge(
            statics in proptest::collection::vec((0usize..12, 0u16..400, 1u16..60), 0..40),
            queries in proptest::collection::vec((0usize..12, 1usize..6, 0u16..460), 1..40),
        ) {
            let statics: Vec<(usize, f32, f32)> =
                statics.into_iter().map(|(s, l, w)| (s, f32::from(l), f32::from(l + w))).collect();
            let mut blocked = Blocked::new(6);
            for (slot, l, r) in &statics {
                if slot % 2 == 0 {
                    blocked.block_above(slot / 2, *l, *r);
                } else {
                    blocked.block_boxes(slot / 2, *l, *r);
                }
            }
            let mut corridors = Vec::new();
            for (start, length, want) in queries {
                let slots = start..(start + length).min(12);
                let want = f32::from(want) / 2.0;
                let expected = plain_nearest_free(&statics, &corridors, slots.clone(), want, TRACK / 2.0);
                let found = blocked.nearest_free(slots.clone(), want, TRACK / 2.0);
                prop_assert_eq!(found, expected);
                blocked.block_corridor(slots.clone(), found);
                corridors.push((slots, found));
            }
        }
    }

    proptest! {
        /// Intervals taken out together leave the gaps that taking them
        /// out one by one leaves, whether they are looked up or passed.
        #[test]
        fn removing_many_at_once_matches_one_by_one(
            blocked in proptest::collection::vec((0u16..400, 0u16..30), 0..60),
            taken in proptest::collection::vec((0u16..420, 0u16..20), 0..80),
        ) {
            let mut blocked: Vec<(f32, f32)> =
                blocked.into_iter().map(|(l, w)| (f32::from(l), f32::from(l + w))).collect();
            blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
            let taken: Vec<(f32, f32)> =
                taken.into_iter().map(|(l, w)| (f32::from(l) / 2.0, f32::from(l + w) / 2.0)).collect();
            let mut one_by_one = Free::between(blocked.iter().copied());
            for interval in &taken {
                one_by_one.remove(*interval);
            }
            // Every count of intervals, so both ways of taking them out
            // are met.
            for count in 0..=taken.len() {
                let mut at_once = Free::between(blocked.iter().copied());
                at_once.remove_all(&mut taken[..count].to_vec(), &mut Vec::new());
                at_once.remove_all(&mut taken[count..].to_vec(), &mut Vec::new());
                prop_assert_eq!(&at_once.gaps, &one_by_one.gaps);
            }
        }
    }

    /// Plans between boxes of random rows, ports and corridors on a
    /// coarse grid (so ends often meet), each box's row in `rows`.
    fn random_plans(rows: &[usize], ends: &[(usize, usize, u8, u8, Option<u8>)]) -> Vec<Plan> {
        ends.iter()
            .map(|&(a, b, upper_port, lower_port, corridor)| {
                let (upper, lower) = if rows[a] <= rows[b] { (a, b) } else { (b, a) };
                Plan {
                    upper,
                    lower,
                    reversed: false,
                    upper_port: f32::from(upper_port) * 10.0,
                    lower_port: f32::from(lower_port) * 10.0,
                    corridor: corridor
                        .filter(|_| rows[upper] != rows[lower])
                        .map(|c| f32::from(c) * 10.0),
                    outer_track: 0,
                    inner_track: 0,
                }
            })
            .collect()
    }

    proptest! {
        #![proptest_config(crate::core::proptest_support::cases(256))]
        /// The crossings counted from the routes filed by row are the ones
        /// counted against every other route, before and after corridors
        /// move.
        #[test]
        fn the_corridor_index_counts_what_every_route_counts(
            rows in proptest::collection::vec(0usize..6, 2..12),
            ends in proptest::collection::vec((0usize..12, 0usize..12, 0u8..30, 0u8..30, proptest::option::of(0u8..30)), 1..30),
            moves in proptest::collection::vec((0usize..30, 0u8..30), 0..20),
            probes in proptest::collection::vec(0u8..60, 1..8),
        ) {
            let ends: Vec<_> = ends
                .into_iter()
                .map(|(a, b, p, q, c)| (a % rows.len(), b % rows.len(), p, q, c))
                .collect();
            let mut plans = random_plans(&rows, &ends);
            let mut index = CorridorIndex::of(&plans, &rows, 6);
            let check = |plans: &[Plan], index: &CorridorIndex| -> Result<(), TestCaseError> {
                for edge in 0..plans.len() {
                    if rows[plans[edge].upper] == rows[plans[edge].lower] {
                        continue;
                    }
                    for &probe in &probes {
                        let x = f32::from(probe) * 5.0;
                        let expected = crossings_at(plans, &rows, edge, x);
                        prop_assert_eq!(index.crossings(plans, &rows, edge, x), expected);
                        let beside = x + 7.5;
                        let both = [expected, crossings_at(plans, &rows, edge, beside)];
                        prop_assert_eq!(index.crossings_at_each(plans, &rows, edge, [x, beside]), both);
                    }
                }
                Ok(())
            };
            check(&plans, &index)?;
            for (edge, x) in moves {
                let edge = edge % plans.len();
                if rows[plans[edge].upper] == rows[plans[edge].lower] {
                    continue;
                }
                let x = f32::from(x) * 10.0;
                index.set_corridor(&plans, &rows, edge, x);
                plans[edge].corridor = Some(x);
                check(&plans, &index)?;
            }
        }
    }

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
