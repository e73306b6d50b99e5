//! Rows that wrap. A zone's row of twelve boxes makes the whole drawing
//! twelve boxes wide, so Fit shrinks it until no name can be read. Where
//! that happens, the contents of a zone (or of the canvas) in one row are
//! split over several rows of the same band, inside the same zone
//! intervals, with as few wraps as make the drawing fit a screen.
//!
//! The drawn rows are numbered per band, so a hint written from the
//! drawing ([`super::Geometry::stored_position`]) names the wrapped row:
//! once written, the wrap is part of the project and is not made again.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::{
    BAND_HEADER, BAND_PADDING, EMPTY_BAND_HEIGHT, Forest, LEFT_MARGIN, Position, ZONE_LABEL, ZONE_PADDING,
    place_horizontally, zone_spans,
};
use crate::model::*;

/// The screen a drawing should fit at full size (the canvas of a laptop
/// window beside the panels); wider or taller drawings are wrapped until
/// they fit it at the largest zoom.
const SCREEN_WIDTH: f32 = 1500.0;
const SCREEN_HEIGHT: f32 = 1150.0;
/// Estimated room a row takes besides its boxes and edge channels (zone
/// titles and bottoms, the gap to the next row).
const ROW_ROOM: f32 = 2.0 * (ZONE_LABEL + ZONE_PADDING) + 20.0;
/// Estimated share of a row's edges that need a track of their own in its
/// channels (the others share tracks with runs they do not overlap).
/// At a quarter, large drawings came out far taller than estimated
/// (synth 1,000: 14,792 × 21,823, height-bound at Fit), wrapped into
/// more rows than fit the screen; every extra row is one more a long
/// route's corridor runs down through, across the runs in its channels.
const TRACK_SHARE: f32 = 0.5;
/// Each try wraps rows into at most this share of the previous limit.
const STEP: f32 = 0.7;

/// A stored row (band, row) and the zone whose contents side by side in it
/// form one group.
type GroupKey = ((usize, u32), Option<ZoneId>);

/// What the wrap needs to know of the drawing.
pub(super) struct Inputs<'a> {
    pub project: &'a Project,
    pub forest: &'a Forest,
    pub hints: &'a FxHashMap<ComponentId, Position>,
    pub widths: &'a [f32],
    pub heights: &'a [f32],
    pub titles: &'a FxHashMap<ZoneId, String>,
    pub band_count: usize,
    /// Dependencies as (from, to) component indexes.
    pub edges: &'a [(usize, usize)],
}

/// Drawn rows: per component, (band, row number in the band), from the
/// stored (band, row) of each component.
pub(super) fn rows(inputs: &Inputs, stored: &[(usize, u32)]) -> Vec<(usize, u32)> {
    let groups = groups(inputs, stored);
    let slots = straddle_slots(inputs, stored);
    let leaning = leaning(inputs, stored);
    let split = |limit: usize| split(stored, &groups, (&slots, &leaning), limit);
    let widest = groups.iter().map(Vec::len).max().unwrap_or(0);
    let mut best = (score(inputs, &split(widest)), widest);
    let mut limit = widest;
    while limit > 2 {
        limit = ((limit as f32 * STEP) as usize).max(2);
        let keys = split(limit);
        let (fits_width, fits_height) = fit(inputs, &keys);
        let candidate = fits_width.min(fits_height);
        if candidate > best.0 {
            best = (candidate, limit);
        }
        // Once the height limits the fit, more rows only make it worse.
        if fits_height <= fits_width {
            break;
        }
    }
    split(best.1)
}

/// Boxes drawn across the same border in the same stored row would lie on
/// each other: the first keeps the row and each next gets a row of its
/// own just below (the border's column is a vertical stack). Per
/// component, its place in that stack (0 for every other component).
fn straddle_slots(inputs: &Inputs, stored: &[(usize, u32)]) -> Vec<u32> {
    let mut slots = vec![0u32; stored.len()];
    let mut stacks: FxHashMap<(super::straddle::Border, (usize, u32)), Vec<usize>> = FxHashMap::default();
    for straddle in &inputs.forest.plan.straddles {
        stacks
            .entry((straddle.border(), stored[straddle.component]))
            .or_default()
            .push(straddle.component);
    }
    let x = |i: usize| inputs.hints.get(&inputs.project.components[i].id).map_or(0.0, |p| p.x);
    for stack in stacks.values_mut() {
        stack.sort_by(|a, b| x(*a).total_cmp(&x(*b)).then(a.cmp(b)));
        for (slot, &i) in stack.iter().enumerate() {
            slots[i] = slot as u32;
        }
    }
    slots
}

/// The components sharing a stored row and a drawn zone (or no zone),
/// each in hint order: what sits side by side and may wrap.
fn groups(inputs: &Inputs, stored: &[(usize, u32)]) -> Vec<Vec<usize>> {
    let mut by_key: FxHashMap<GroupKey, Vec<usize>> = FxHashMap::default();
    for (i, key) in stored.iter().enumerate() {
        // A box across a border sits beside nothing: it never wraps.
        let Ok(container) = inputs.forest.container_of(i) else {
            continue;
        };
        by_key.entry((*key, container)).or_default().push(i);
    }
    let x = |i: usize| inputs.hints.get(&inputs.project.components[i].id).map_or(0.0, |p| p.x);
    let mut groups: Vec<Vec<usize>> = by_key.into_values().collect();
    for group in &mut groups {
        group.sort_by(|a, b| x(*a).total_cmp(&x(*b)).then(a.cmp(b)));
    }
    groups.sort();
    groups
}

/// Per component, how many of its edges go to a lower band less how many
/// go to a higher one.
fn leaning(inputs: &Inputs, stored: &[(usize, u32)]) -> Vec<i32> {
    let mut leaning = vec![0i32; stored.len()];
    for &(from, to) in inputs.edges {
        let way = (stored[to].0 as i64 - stored[from].0 as i64).signum() as i32;
        leaning[from] += way;
        leaning[to] -= way;
    }
    leaning
}

/// Splits every group longer than `limit` into evenly filled rows and
/// numbers the drawn rows of each band from the top.
/// `order` holds, per component, its place in a stack of boxes across
/// one border and how its edges lean (see [`leaning`]).
fn split(
    stored: &[(usize, u32)],
    groups: &[Vec<usize>],
    (slots, leaning): (&[u32], &[i32]),
    limit: usize,
) -> Vec<(usize, u32)> {
    let mut part = vec![0u32; stored.len()];
    for group in groups.iter().filter(|g| g.len() > limit) {
        // Dealt out a column at a time, so the left-to-right order
        // survives: what is left of another stays left of it or above
        // it, and edges keep the order auto-arrange gave them. In a
        // column, boxes whose edges go up take the upper rows and boxes
        // whose edges go down the lower ones, so their routes pass
        // fewer rows of the band.
        let wraps = group.len().div_ceil(limit);
        for column in group.chunks(wraps) {
            let mut column = column.to_vec();
            column.sort_by_key(|&i| leaning[i]);
            for (row, i) in column.into_iter().enumerate() {
                part[i] = row as u32;
            }
        }
    }
    let key = |i: usize| (stored[i].0, stored[i].1, part[i], slots[i]);
    let drawn: BTreeSet<(usize, u32, u32, u32)> = (0..stored.len()).map(key).collect();
    let mut number: FxHashMap<(usize, u32, u32, u32), u32> =
        FxHashMap::with_capacity_and_hasher(drawn.len(), Default::default());
    let mut band = usize::MAX;
    let mut next = 0;
    for key in drawn {
        if key.0 != band {
            band = key.0;
            next = 0;
        }
        number.insert(key, next);
        next += 1;
    }
    (0..stored.len()).map(|i| (stored[i].0, number[&key(i)])).collect()
}

/// The zoom at which a drawing with these rows fits the screen, capped
/// at full size (no wrap is worth making a drawing that fits already).
fn score(inputs: &Inputs, keys: &[(usize, u32)]) -> f32 {
    let (width, height) = fit(inputs, keys);
    width.min(height)
}

/// The zooms at which the drawing's width and its height fit the screen,
/// each at most 1. Horizontal places are computed as the drawing does;
/// heights are estimated.
fn fit(inputs: &Inputs, keys: &[(usize, u32)]) -> (f32, f32) {
    let row_keys: Vec<(usize, u32)> = keys.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let index: FxHashMap<(usize, u32), usize> = row_keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let row_of: Vec<usize> = keys.iter().map(|k| index[k]).collect();
    let spans = zone_spans(inputs.project, inputs.forest, &row_of, inputs.hints);
    let columns = place_horizontally(
        inputs.project,
        inputs.forest,
        (&row_of, inputs.widths),
        inputs.hints,
        &spans,
        inputs.titles,
    );
    let width = columns
        .components
        .iter()
        .zip(inputs.widths)
        .map(|(x, width)| x + width)
        .chain(columns.zones.values().map(|(x, w)| x + w))
        .fold(0.0, f32::max)
        + LEFT_MARGIN;
    let mut row_height = vec![0.0f32; row_keys.len()];
    for (i, h) in inputs.heights.iter().enumerate() {
        row_height[row_of[i]] = row_height[row_of[i]].max(*h);
    }
    // Every edge runs in a channel of each of its two rows.
    let mut edges = vec![0usize; row_keys.len()];
    for (from, to) in inputs.edges {
        edges[row_of[*from]] += 1;
        edges[row_of[*to]] += 1;
    }
    for (height, count) in row_height.iter_mut().zip(&edges) {
        *height += *count as f32 * TRACK_SHARE * super::route::TRACK;
    }
    let full_bands: BTreeSet<usize> = row_keys.iter().map(|k| k.0).collect();
    let height = row_height.iter().map(|h| h + ROW_ROOM).sum::<f32>()
        + full_bands.len() as f32 * (BAND_HEADER + BAND_PADDING)
        + (inputs.band_count - full_bands.len()) as f32 * EMPTY_BAND_HEIGHT;
    (
        (SCREEN_WIDTH / width).min(1.0),
        (SCREEN_HEIGHT / height.max(1.0)).min(1.0),
    )
}
