//! Where dependencies are drawn and where their labels go. A label sits
//! beside its own edge, [`LABEL_GAP`] from it, where it covers no box, no
//! zone title, no route and no other label, and where every other route
//! is at least twice as far: a reader pins it on the right line. Where the
//! full text finds no such place a shortened one is tried, and failing
//! that the label is left to the tooltip.

use rustc_hash::FxHashMap;

use super::text::{self, LABEL_SIZE};
use super::{Geometry, Rect};
use crate::model::*;

/// Height of a label's box.
pub const LABEL_HEIGHT: f32 = 14.0;
/// Widths a label is shortened to, in turn, where the full text finds no
/// spot that reads as its edge's: as little shortening as the drawing
/// allows, down to a word or two (the full text is in the tooltip).
const SHORT_LABEL_WIDTHS: [f32; 5] = [200.0, 150.0, 110.0, 80.0, 56.0];
/// Spots a label left out keeps, of those where only something lying on
/// them (maybe a label that could move) stood in its way.
const COVERED_SPOTS_KEPT: usize = 4;
/// How far a label's box is from the route it is beside.
pub const LABEL_GAP: f32 = 4.0;
/// How far every other route stays from a label's box: twice its own
/// route's distance, so the reader pins it on the right line.
pub const OTHER_ROUTES_CLEAR: f32 = 2.0 * LABEL_GAP;
/// A segment at least this long is labelled near its start first, at
/// these distances from it, and last near its end, where a bundle of
/// parallel routes has often fanned out.
const LONG_SEGMENT: f32 = 240.0;
const NEAR_START: [f32; 3] = [40.0, 80.0, 130.0];
/// Least distance along a segment between two spots tried beside it.
const SPOTS_APART: f32 = 8.0;
/// Spots along a segment fall on its 40ths: a reviewer's tool that
/// samples a route at its 40ths then finds each label beside a sample.
const SPOT_STEP: f32 = 1.0 / 40.0;
/// Where along a segment a label is tried, as fractions of its length:
/// from the middle outwards.
const ALONG_SEGMENT: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];

/// The side of its box a label's text is held against: the side facing
/// its route. Text drawn narrower than the layout's generous estimate
/// then still starts right beside the route instead of drifting off it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Beside an upright segment, on its right: the text starts at the
    /// box's left edge.
    Left,
    /// Above or below a segment running across: the text is centred.
    Centre,
    /// Beside an upright segment, on its left: the text ends at the box's
    /// right edge.
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlace {
    /// The room reserved for the text, beside its route.
    pub rect: Rect,
    /// Which side of `rect` the text is held against.
    pub anchor: Anchor,
    /// What is written: the full text or a shortened one ending in "…".
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EdgeDrawing {
    pub id: DependencyId,
    /// The route, from the source's border to the target's.
    pub points: Vec<(f32, f32)>,
    /// "label · PROTOCOL PORT" in full (for tooltips and titles).
    pub full_label: String,
    /// The protocol part of `full_label`: shortened labels keep it.
    pub protocol: String,
    pub label: Option<LabelPlace>,
}

/// Whose an indexed rectangle is: a box, a label or a route (by index), or
/// nobody's in particular (zone titles, band names).
pub(crate) const NO_OWNER: u32 = u32::MAX;

/// How many of the routes found crowding a label's spots are asked again
/// before the index: neighbours repeat along a route, and the recent few
/// catch nearly all repeats (remembering all of them costs more).
const CROWDING_REMEMBERED: usize = 6;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub rect: Rect,
    pub owner: u32,
}

/// Rectangles for "what does this rectangle cover" queries: cut into
/// strips along y (along x when `transposed`, for vertical lines), each
/// strip sorted by left edge and knowing how far right its entries so far
/// reach, so a query looks only at the few entries that can meet it, even
/// when some are very long lines.
///
/// What the index is built with lies in one array, strip after strip, so
/// a query over neighbouring strips reads neighbouring memory; what is
/// added later (labels, one by one) goes into per-strip lists beside it.
#[derive(Clone, Debug, Default)]
pub(crate) struct RectIndex {
    transposed: bool,
    origin: f32,
    strip: f32,
    count: usize,
    /// Strip `i` holds `built[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    built: Vec<Stored>,
    /// Per strip, what was added after building (empty until an add).
    added: Vec<Vec<Stored>>,
}

/// An entry as a strip keeps it, oriented, with the furthest right edge
/// of the strip's entries up to it.
#[derive(Clone, Copy, Debug)]
struct Stored {
    rect: Rect,
    owner: u32,
    reach: f32,
}

/// Sets each entry's reach along a strip sorted by left edge, from `from`.
fn refresh_reach(strip: &mut [Stored], from: usize) {
    let mut reach = match from.checked_sub(1) {
        Some(before) => strip[before].reach,
        None => f32::NEG_INFINITY,
    };
    for entry in &mut strip[from..] {
        reach = reach.max(entry.rect.right());
        entry.reach = reach;
    }
}

fn transpose(r: &Rect) -> Rect {
    Rect {
        x: r.y,
        y: r.x,
        width: r.height,
        height: r.width,
    }
}

impl RectIndex {
    /// An empty index over `low..high` along its strip axis (y, or x when
    /// `transposed`); what lies outside goes into the end strips.
    pub fn new(low: f32, high: f32, strip: f32, transposed: bool) -> RectIndex {
        let count = (((high - low) / strip).ceil().max(1.0) as usize).min(1 << 16);
        RectIndex {
            transposed,
            origin: low,
            strip: ((high - low) / count as f32).max(strip),
            count,
            starts: vec![0; count + 1],
            built: Vec::new(),
            added: Vec::new(),
        }
    }

    /// An index holding `entries`.
    pub fn of(low: f32, high: f32, strip: f32, transposed: bool, entries: &[Entry]) -> RectIndex {
        let mut index = RectIndex::new(low, high, strip, transposed);
        let placed: Vec<(Rect, (usize, usize))> = entries
            .iter()
            .map(|entry| {
                let rect = index.oriented(&entry.rect);
                (rect, index.strips_of(&rect))
            })
            .collect();
        for (_, (first, last)) in &placed {
            for strip in *first..=*last {
                index.starts[strip + 1] += 1;
            }
        }
        for strip in 0..index.count {
            index.starts[strip + 1] += index.starts[strip];
        }
        let mut next: Vec<u32> = index.starts[..index.count].to_vec();
        let unset = Stored {
            rect: Rect::default(),
            owner: NO_OWNER,
            reach: f32::NEG_INFINITY,
        };
        index.built = vec![unset; index.starts[index.count] as usize];
        for (entry, (rect, (first, last))) in entries.iter().zip(placed) {
            for slot in &mut next[first..=last] {
                index.built[*slot as usize] = Stored {
                    rect,
                    owner: entry.owner,
                    reach: f32::NEG_INFINITY,
                };
                *slot += 1;
            }
        }
        for strip in 0..index.count {
            let range = index.starts[strip] as usize..index.starts[strip + 1] as usize;
            let entries = &mut index.built[range];
            entries.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
            refresh_reach(entries, 0);
        }
        index
    }

    fn oriented(&self, r: &Rect) -> Rect {
        if self.transposed { transpose(r) } else { *r }
    }

    fn strips_of(&self, r: &Rect) -> (usize, usize) {
        let last = self.count - 1;
        let at = |v: f32| (((v - self.origin) / self.strip).floor().max(0.0) as usize).min(last);
        (at(r.y), at(r.bottom()))
    }

    pub fn add(&mut self, entry: Entry) {
        let rect = self.oriented(&entry.rect);
        let (first, last) = self.strips_of(&rect);
        if self.added.is_empty() {
            self.added = vec![Vec::new(); self.count];
        }
        for strip in &mut self.added[first..=last] {
            let at = strip.partition_point(|e| e.rect.x <= rect.x);
            strip.insert(
                at,
                Stored {
                    rect,
                    owner: entry.owner,
                    reach: f32::NEG_INFINITY,
                },
            );
            refresh_reach(strip, at);
        }
    }

    /// Drops every entry added since the index was made.
    pub fn clear_added(&mut self) {
        self.added.clear();
    }

    /// Calls `visit` with every entry overlapping `r` (oriented as stored)
    /// until it returns true; returns whether it did.
    fn scan(&self, r: &Rect, mut visit: impl FnMut(&Stored) -> bool) -> bool {
        let r = self.oriented(r);
        let (first, last) = self.strips_of(&r);
        let mut in_strip = |strip: &[Stored]| {
            let mut i = strip.partition_point(|e| e.rect.x < r.right());
            while i > 0 {
                i -= 1;
                let entry = &strip[i];
                if entry.reach <= r.x {
                    break;
                }
                if entry.rect.overlaps(&r) && visit(entry) {
                    return true;
                }
            }
            false
        };
        for at in first..=last {
            let built = &self.built[self.starts[at] as usize..self.starts[at + 1] as usize];
            if in_strip(built) || self.added.get(at).is_some_and(|added| in_strip(added)) {
                return true;
            }
        }
        false
    }

    /// Whether `r` overlaps an entry whose owner is not skipped.
    pub fn hits(&self, r: &Rect, skip: impl Fn(u32) -> bool) -> bool {
        self.scan(r, |e| !skip(e.owner))
    }

    /// An entry overlapping `r` whose owner is not skipped.
    pub fn first_hit(&self, r: &Rect, skip: impl Fn(u32) -> bool) -> Option<Rect> {
        let mut found = None;
        self.scan(r, |e| {
            if skip(e.owner) {
                return false;
            }
            found = Some(self.oriented(&e.rect));
            true
        });
        found
    }

    /// Every entry (one that spans strips, once per strip).
    pub fn all(&self) -> impl Iterator<Item = Entry> + '_ {
        self.built.iter().chain(self.added.iter().flatten()).map(|e| Entry {
            rect: self.oriented(&e.rect),
            owner: e.owner,
        })
    }

    /// The rectangles of the entries overlapping `r` whose owner is not
    /// skipped (one that spans strips may repeat).
    pub fn rects_in(&self, r: &Rect, skip: impl Fn(u32) -> bool, found: &mut Vec<Rect>) {
        self.scan(r, |e| {
            if !skip(e.owner) {
                found.push(self.oriented(&e.rect));
            }
            false
        });
    }

    /// Owners of the entries overlapping `r` (an owner may repeat).
    pub fn owners_in(&self, r: &Rect, found: &mut Vec<u32>) {
        self.scan(r, |e| {
            found.push(e.owner);
            false
        });
    }
}

/// Everything labels and re-routed edges must keep clear of, built once
/// per drawing and kept with it so a drag can reuse it.
#[derive(Clone, Default)]
pub(crate) struct DrawingIndex {
    /// Boxes (owner: node index), zone titles and band names.
    pub solid: RectIndex,
    /// Placed labels (owner: edge index).
    pub labels: RectIndex,
    /// Routes, horizontal and vertical (owner: edge index).
    pub across: RectIndex,
    pub down: RectIndex,
    /// Each drawn edge's end boxes, by node index.
    pub ends: Vec<(u32, u32)>,
    /// Free lanes across the drawing and the zones' sides, for routes
    /// while dragging.
    pub drag: super::drag::DragCache,
}

impl std::fmt::Debug for DrawingIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DrawingIndex({} edges)", self.ends.len())
    }
}

impl DrawingIndex {
    /// Files edge `edge`'s label as placed, for the labels after it.
    fn add_label(&mut self, edge: u32, place: &LabelPlace) {
        self.labels.add(Entry {
            rect: place.rect,
            owner: edge,
        });
    }

    fn new(geometry: &Geometry, routed: &[(&Dependency, Vec<(f32, f32)>)]) -> DrawingIndex {
        let mut solid = Vec::with_capacity(geometry.nodes.len() + geometry.zones.len() + geometry.bands.len());
        for (i, (_, r)) in geometry.nodes.iter().enumerate() {
            solid.push(Entry {
                rect: *r,
                owner: i as u32,
            });
        }
        for zone in &geometry.zones {
            solid.push(Entry {
                rect: zone.title_rect(),
                owner: NO_OWNER,
            });
        }
        for band in &geometry.bands {
            solid.push(Entry {
                rect: band_name_rect(band),
                owner: NO_OWNER,
            });
        }
        let (mut across, mut down) = (Vec::new(), Vec::new());
        let (mut low, mut high) = (0.0f32, geometry.height.max(1.0));
        let (mut left, mut right) = (0.0f32, geometry.width.max(1.0));
        for (edge, (_, points)) in routed.iter().enumerate() {
            for pair in points.windows(2) {
                let rect = line_rect(pair[0], pair[1]);
                low = low.min(rect.y);
                high = high.max(rect.bottom());
                left = left.min(rect.x);
                right = right.max(rect.right());
                let entry = Entry {
                    rect,
                    owner: edge as u32,
                };
                if rect.height <= rect.width {
                    across.push(entry);
                } else {
                    down.push(entry);
                }
            }
        }
        let ends = routed
            .iter()
            .map(|(d, _)| {
                let at = |id| geometry.index.get(&id).map_or(NO_OWNER, |&i| i as u32);
                (at(d.from), at(d.to))
            })
            .collect();
        DrawingIndex {
            solid: RectIndex::of(low, high, 32.0, false, &solid),
            labels: RectIndex::new(low, high, 32.0, false),
            // Thin strips: parallel tracks 8 apart fall in different
            // ones, so a query stops at the first run left of it.
            across: RectIndex::of(low, high, 4.0, false, &across),
            down: RectIndex::of(left, right, 4.0, true, &down),
            ends,
            drag: Default::default(),
        }
    }
}

/// Where a band's name is written: at its top left.
pub(crate) fn band_name_rect(band: &super::Band) -> Rect {
    let width = text::text_width(&band.name.to_uppercase(), text::BAND_SIZE, true) + 20.0;
    Rect {
        x: 0.0,
        y: band.top,
        width,
        height: super::BAND_HEADER.min(band.height),
    }
}

/// The thin rectangle a route segment covers.
pub(crate) fn line_rect(a: (f32, f32), b: (f32, f32)) -> Rect {
    Rect {
        x: a.0.min(b.0) - 0.5,
        y: a.1.min(b.1) - 0.5,
        width: (b.0 - a.0).abs() + 1.0,
        height: (b.1 - a.1).abs() + 1.0,
    }
}

/// What a label must not cover and which routes run near it.
pub(crate) trait LabelRoom {
    /// Whether `r` covers a box, a title or another label.
    fn blocked(&self, r: &Rect) -> bool;
    /// A piece of a route other than edge `own`'s that reaches into `r`.
    fn other_route_in(&self, r: &Rect, own: u32) -> Option<Rect>;
}

impl LabelRoom for DrawingIndex {
    fn blocked(&self, r: &Rect) -> bool {
        self.solid.hits(r, |_| false) || self.labels.hits(r, |_| false)
    }
    fn other_route_in(&self, r: &Rect, own: u32) -> Option<Rect> {
        let other = |edge| edge == own;
        self.across
            .first_hit(r, other)
            .or_else(|| self.down.first_hit(r, other))
    }
}

/// Where an arrow leaves one box and enters the other: bottom to top going
/// down the bands, top to bottom going up, side to side within a row.
pub fn straight_route(from: Rect, to: Rect) -> Vec<(f32, f32)> {
    let (fx, fy) = from.center();
    let (tx, ty) = to.center();
    if to.y >= from.bottom() {
        vec![(fx, from.bottom()), (tx, to.y)]
    } else if to.bottom() <= from.y {
        vec![(fx, from.y), (tx, to.bottom())]
    } else if tx >= fx {
        vec![(from.right(), fy), (to.x, ty)]
    } else {
        vec![(from.x, fy), (to.right(), ty)]
    }
}

/// Labels for every routed dependency; a dependency without a route gets
/// a straight one. Returns the drawings and the index of what they cover.
pub(crate) fn draw_edges(
    project: &Project,
    geometry: &Geometry,
    routes: Vec<(DependencyId, Vec<(f32, f32)>)>,
) -> (Vec<EdgeDrawing>, DrawingIndex) {
    let mut routes: FxHashMap<DependencyId, Vec<(f32, f32)>> = routes.into_iter().collect();
    let mut routed: Vec<(&Dependency, Vec<(f32, f32)>)> = Vec::with_capacity(project.dependencies.len());
    for dependency in &project.dependencies {
        let (Some(from), Some(to)) = (geometry.node(dependency.from), geometry.node(dependency.to)) else {
            continue;
        };
        let points = routes
            .remove(&dependency.id)
            .unwrap_or_else(|| straight_route(from, to));
        routed.push((dependency, points));
    }
    let mut index = DrawingIndex::new(geometry, &routed);
    let mut drawings = Vec::with_capacity(routed.len());
    // Many edges share a label: measure each text once.
    let mut measured: FxHashMap<String, Vec<(String, f32)>> = FxHashMap::default();
    // Labels left out, each with a spot only something lying on misses.
    let mut covered_spots: Vec<(usize, Rect)> = Vec::new();
    for (edge, (dependency, points)) in routed.into_iter().enumerate() {
        let (words, protocol) = super::edge_label_parts(dependency);
        let full_label = joined(&words, &protocol);
        let texts = measured
            .entry(full_label.clone())
            .or_insert_with(|| label_texts(&words, &protocol));
        let label = match place_measured_label(texts, &points, edge as u32, &index) {
            Ok(place) => {
                index.add_label(edge as u32, &place);
                Some(place)
            }
            Err(covered) => {
                covered_spots.extend(covered.into_iter().map(|rect| (edge, rect)));
                None
            }
        };
        drawings.push(EdgeDrawing {
            id: dependency.id,
            points,
            full_label,
            protocol,
            label,
        });
    }
    make_room_for_dropped_labels(&mut drawings, &mut index, &measured, &covered_spots);
    (drawings, index)
}

/// A second pass for the labels left out: where the only thing between
/// one and a spot beside its route is another edge's label, that label
/// moves to its next spot, if it has one, and both are drawn. Bounded: it
/// looks only at labels left out with a `covered` spot, a few placements
/// each.
fn make_room_for_dropped_labels(
    drawings: &mut [EdgeDrawing],
    index: &mut DrawingIndex,
    measured: &FxHashMap<String, Vec<(String, f32)>>,
    covered: &[(usize, Rect)],
) {
    let texts_of = |drawing: &EdgeDrawing| measured.get(&drawing.full_label).map_or(&[][..], Vec::as_slice);
    let mut moved_any = false;
    let mut blocking = Vec::new();
    for &(dropped, wanted) in covered {
        if drawings[dropped].label.is_some() {
            continue;
        }
        let every_label_lifted = Lifted {
            index,
            lifted: None,
            taken: None,
        };
        if every_label_lifted.blocked(&wanted) {
            continue;
        }
        blocking.clear();
        index.labels.owners_in(&wanted, &mut blocking);
        blocking.sort_unstable();
        blocking.dedup();
        let &[blocker] = blocking.as_slice() else {
            continue;
        };
        let drawing = &drawings[dropped];
        let (texts, own) = (texts_of(drawing), dropped as u32);
        let blocker_lifted = Lifted {
            index,
            lifted: Some(blocker),
            taken: None,
        };
        let Ok(place) = place_measured_label(texts, &drawing.points, own, &blocker_lifted) else {
            continue;
        };
        let other = &drawings[blocker as usize];
        let moved_aside = Lifted {
            index,
            lifted: Some(blocker),
            taken: Some(place.rect),
        };
        let Ok(other_place) = place_measured_label(texts_of(other), &other.points, blocker, &moved_aside) else {
            continue;
        };
        for (owner, place) in [(own, &place), (blocker, &other_place)] {
            index.add_label(owner, place);
        }
        drawings[dropped].label = Some(place);
        drawings[blocker as usize].label = Some(other_place);
        moved_any = true;
    }
    // Filed again from the drawings, so a moved label is filed only
    // where it now lies.
    if moved_any {
        index.labels.clear_added();
        for (edge, drawing) in drawings.iter().enumerate() {
            if let Some(place) = &drawing.label {
                index.add_label(edge as u32, place);
            }
        }
    }
}

/// The drawing with one edge's label lifted off it (every label, for
/// `None`) and, where it is to go instead, another label put down.
struct Lifted<'a> {
    index: &'a DrawingIndex,
    lifted: Option<u32>,
    taken: Option<Rect>,
}

impl LabelRoom for Lifted<'_> {
    fn blocked(&self, r: &Rect) -> bool {
        self.index.solid.hits(r, |_| false)
            || self.taken.is_some_and(|taken| taken.overlaps(r))
            || self
                .index
                .labels
                .hits(r, |owner| self.lifted.is_none_or(|lifted| owner == lifted))
    }
    fn other_route_in(&self, r: &Rect, own: u32) -> Option<Rect> {
        self.index.other_route_in(r, own)
    }
}

/// The first spot beside the route for the full text, then for each
/// shortened one, that reads as edge `own`'s: beside its route, covering
/// nothing, and with every other route clearly further away. Where there
/// is none the label is left to the tooltip.
pub(crate) fn place_label(
    full: &str,
    protocol: &str,
    points: &[(f32, f32)],
    own: u32,
    room: &impl LabelRoom,
) -> Option<LabelPlace> {
    let (words, protocol) = label_parts(full, protocol);
    place_measured_label(&label_texts(words, protocol), points, own, room).ok()
}

/// Between a label's own words and its protocol, as in [`edge_label`](super::edge_label).
const PROTOCOL_SEPARATOR: &str = " · ";
/// The least room a shortening keeps for the label's own words beside the
/// protocol: fewer than a few letters say nothing.
const LEAST_KEPT_WORDS: f32 = 28.0;

/// The texts a label may show, widest first, with their boxes' widths:
/// the full text, shortenings that keep the protocol ("enq… · AMQP"), and
/// the protocol alone. `label` and `protocol` are the parts of the full
/// text [`edge_label`](super::edge_label) writes.
pub(super) fn label_texts(label: &str, protocol: &str) -> Vec<(String, f32)> {
    let full = joined(label, protocol);
    if full.is_empty() {
        return Vec::new();
    }
    let full_width = text::text_width(&full, LABEL_SIZE, false);
    let mut texts = vec![full];
    for width in SHORT_LABEL_WIDTHS.into_iter().filter(|&width| width < full_width) {
        texts.extend(shortened(label, protocol, width));
    }
    let measure = |text: String| {
        let width = text::text_width(&text, LABEL_SIZE, false) + 6.0;
        (text, width)
    };
    let mut measured: Vec<(String, f32)> = texts.into_iter().map(measure).collect();
    // The protocol alone only where no shortening keeps some of the
    // label's words: one at least as wide would find no room either.
    if !label.is_empty() {
        let narrowest = narrowest_width(&measured);
        let alone = protocol_forms(protocol).map(|form| measure(form.to_owned()));
        measured.extend(alone.filter(|(_, width)| *width < narrowest));
    }
    let mut seen = rustc_hash::FxHashSet::default();
    measured.retain(|(text, _)| seen.insert(text.clone()));
    measured
}

fn narrowest_width(texts: &[(String, f32)]) -> f32 {
    texts.iter().map(|(_, width)| *width).fold(f32::INFINITY, f32::min)
}

/// The full label of an edge from its two parts.
pub(crate) fn joined(label: &str, protocol: &str) -> String {
    match (label.is_empty(), protocol.is_empty()) {
        (false, false) => format!("{label}{PROTOCOL_SEPARATOR}{protocol}"),
        (true, _) => protocol.to_owned(),
        (false, true) => label.to_owned(),
    }
}

/// The label's own words and its protocol, out of the full text
/// [`edge_label`](super::edge_label) wrote from them.
pub(crate) fn label_parts<'a>(full: &'a str, protocol: &str) -> (&'a str, &'a str) {
    if protocol.is_empty() {
        return (full, "");
    }
    match full.strip_suffix(protocol) {
        Some("") => ("", full),
        Some(head) => match head.strip_suffix(PROTOCOL_SEPARATOR) {
            Some(words) => (words, &full[head.len()..]),
            None => (full, ""),
        },
        None => (full, ""),
    }
}

/// The label at most `width` wide, keeping the protocol (or the head of
/// it) whole where a few of the label's own words still fit beside it.
/// None where the shortening would say nothing: a bare "…".
fn shortened(label: &str, protocol: &str, width: f32) -> Option<String> {
    let fits = |text: &str, room: f32| text::text_width(text, LABEL_SIZE, false) <= room;
    let cut = |text: &str, room: f32| {
        let short = text::shorten(text, LABEL_SIZE, room);
        (short != "…").then_some(short)
    };
    if protocol.is_empty() {
        return cut(label, width);
    }
    if label.is_empty() {
        return protocol_forms(protocol)
            .find(|form| fits(form, width))
            .map(str::to_owned);
    }
    let separator = text::text_width(PROTOCOL_SEPARATOR, LABEL_SIZE, false);
    let room = width - separator;
    // The label's words keep half the room (less if they need less), so
    // a protocol's remark gives way before they do; below that the
    // protocol's shortest form takes what the fewest words leave.
    let words_wanted = text::text_width(label, LABEL_SIZE, false)
        .min(room / 2.0)
        .max(LEAST_KEPT_WORDS);
    let kept_protocol = match protocol_forms(protocol).find(|form| fits(form, room - words_wanted)) {
        Some(form) => form,
        None => protocol_forms(protocol)
            .last()
            .filter(|form| fits(form, room - LEAST_KEPT_WORDS))?,
    };
    let words_room = width - separator - text::text_width(kept_protocol, LABEL_SIZE, false);
    let kept_words = cut(label, words_room)?;
    Some(format!("{kept_words}{PROTOCOL_SEPARATOR}{kept_protocol}"))
}

/// A protocol in full, then its head: what comes before a remark in
/// brackets ("HTTPS 443" of "HTTPS 443 (SQS API via VPC endpoint)"), then
/// its first word ("HTTPS"). Cut shorter, a protocol says nothing.
fn protocol_forms(protocol: &str) -> impl Iterator<Item = &str> {
    let head = match protocol.find(" (") {
        Some(at) if at > 0 => &protocol[..at],
        _ => protocol,
    };
    let first_word = head.split(' ').next().unwrap_or(head);
    let mut forms = vec![protocol];
    for form in [head, first_word] {
        if forms.last().is_some_and(|last| *last != form) && !form.is_empty() {
            forms.push(form);
        }
    }
    forms.into_iter()
}

/// Where a label's texts go (see [`place_label`]). Where none finds a
/// spot, the error holds the first few spots beside the route that the
/// narrowest text missed only for something lying on them (maybe a
/// label that could move).
fn place_measured_label(
    texts: &[(String, f32)],
    points: &[(f32, f32)],
    own: u32,
    room: &impl LabelRoom,
) -> Result<LabelPlace, Vec<Rect>> {
    if texts.is_empty() {
        return Err(Vec::new());
    }
    let narrowest = narrowest_width(texts);
    // Longest segments first: they have the most room.
    let mut segments: Vec<((f32, f32), (f32, f32))> = points.windows(2).map(|s| (s[0], s[1])).collect();
    segments.sort_by(|a, b| length(*b).total_cmp(&length(*a)));
    let spots = || segments.iter().flat_map(|segment| spots_along(*segment));
    let own_lines: Vec<Rect> = points.windows(2).map(|s| line_rect(s[0], s[1])).collect();
    // Most spots in a crowded channel fail on the same neighbouring route:
    // the last pieces found are asked before the index.
    let mut crowding: Vec<Rect> = Vec::new();
    // A label on its own route hides it; one with another route as near
    // as its own is read as that route's.
    let mut meets = |rect: &Rect| {
        if rect.x < 0.0 || own_lines.iter().any(|line| line.overlaps(rect)) {
            return Meets::Route;
        }
        let near = rect.expand(OTHER_ROUTES_CLEAR);
        if crowding
            .iter()
            .rev()
            .take(CROWDING_REMEMBERED)
            .any(|piece| piece.overlaps(&near))
        {
            return Meets::Route;
        }
        if let Some(piece) = room.other_route_in(&near, own) {
            crowding.push(piece);
            return Meets::Route;
        }
        if room.blocked(rect) {
            Meets::Cover
        } else {
            Meets::Nothing
        }
    };
    let placed = |spot: &Spot, text: &String, width: f32| LabelPlace {
        rect: spot.rect(width),
        anchor: spot.anchor,
        text: text.clone(),
    };
    // A spot's box for a wider text holds its box for a narrower one (the
    // same side is held to the route), so a spot where the narrowest text
    // finds no room is not tried for any: most spots in a crowded drawing
    // are ruled out once.
    let mut roomy_spots: Vec<Spot> = Vec::new();
    let mut covered = Vec::new();
    let mut texts = texts.iter();
    if let Some((text, width)) = texts.next() {
        for spot in spots() {
            let rect = spot.rect(narrowest);
            match meets(&rect) {
                Meets::Nothing => {}
                Meets::Cover => {
                    if covered.len() < COVERED_SPOTS_KEPT {
                        covered.push(rect);
                    }
                    continue;
                }
                Meets::Route => continue,
            }
            if *width <= narrowest || meets(&spot.rect(*width)) == Meets::Nothing {
                return Ok(placed(&spot, text, *width));
            }
            roomy_spots.push(spot);
        }
    }
    // Each shorter text is tried only where the narrowest has room.
    for (text, width) in texts {
        for spot in &roomy_spots {
            if *width <= narrowest || meets(&spot.rect(*width)) == Meets::Nothing {
                return Ok(placed(spot, text, *width));
            }
        }
    }
    Err(covered)
}

/// What a label's box at a spot meets.
#[derive(PartialEq)]
enum Meets {
    Nothing,
    /// A box, a title or a label lies on it.
    Cover,
    /// It lies on its own route, off the drawing, or another route runs
    /// as near as its own.
    Route,
}

/// A point beside a route where a label may be held, and how.
struct Spot {
    /// The point of the label's box nearest the route: the middle of its
    /// left side, of its right side, or of its bottom or top side.
    at: (f32, f32),
    anchor: Anchor,
    /// For a label centred on a segment running across: whether it lies
    /// above it.
    above: bool,
}

impl Spot {
    /// The box of a label `width` wide held here.
    fn rect(&self, width: f32) -> Rect {
        let (x, y) = self.at;
        let (left, top) = match (self.anchor, self.above) {
            (Anchor::Left, _) => (x, y - LABEL_HEIGHT / 2.0),
            (Anchor::Right, _) => (x - width, y - LABEL_HEIGHT / 2.0),
            (Anchor::Centre, true) => (x - width / 2.0, y - LABEL_HEIGHT),
            (Anchor::Centre, false) => (x - width / 2.0, y),
        };
        Rect {
            x: left,
            y: top,
            width,
            height: LABEL_HEIGHT,
        }
    }
}

/// Spots beside a segment, from its middle outwards: to its right and
/// left when it runs up or down, above and below it when it runs across.
fn spots_along(segment: ((f32, f32), (f32, f32))) -> impl Iterator<Item = Spot> {
    let ((x1, y1), (x2, y2)) = segment;
    let vertical = (x2 - x1).abs() < (y2 - y1).abs();
    let long = length(segment);
    // A reader follows a long route from its source: its label first
    // near the segment's start, then from the middle out, then near its
    // end.
    let near = move |distance: f32| ((distance / long / SPOT_STEP).round() * SPOT_STEP).max(SPOT_STEP);
    let long_enough = move |_: &f32| long >= LONG_SEGMENT;
    let near_start = NEAR_START.into_iter().filter(long_enough).map(near);
    let near_end = NEAR_START.into_iter().filter(long_enough).map(move |d| 1.0 - near(d));
    // Spots nearer each other than a few pixels hold the same boxes: on a
    // short stub, or where the distances from the ends fall on one 40th,
    // one of them is tried.
    let mut kept = [0.0f32; NEAR_START.len() * 2 + ALONG_SEGMENT.len()];
    let mut count = 0;
    for t in near_start.chain(ALONG_SEGMENT).chain(near_end) {
        if kept[..count].iter().all(|k| (k - t).abs() * long >= SPOTS_APART) {
            kept[count] = t;
            count += 1;
        }
    }
    (0..count).flat_map(move |which| {
        let t = kept[which];
        let (x, y) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
        let spot = |at, anchor, above| Spot { at, anchor, above };
        if vertical {
            [
                spot((x + LABEL_GAP, y), Anchor::Left, false),
                spot((x - LABEL_GAP, y), Anchor::Right, false),
            ]
        } else {
            [
                spot((x, y - LABEL_GAP), Anchor::Centre, true),
                spot((x, y + LABEL_GAP), Anchor::Centre, false),
            ]
        }
    })
}

fn length(segment: ((f32, f32), (f32, f32))) -> f32 {
    let ((x1, y1), (x2, y2)) = segment;
    (x2 - x1).abs() + (y2 - y1).abs()
}
