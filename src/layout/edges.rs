//! Where dependencies are drawn and where their labels go. A label sits
//! beside its own edge where it covers no box, no zone title and no other
//! label; where the full text finds no such place a shortened one is
//! tried, and failing that the label is left to the tooltip.

use std::collections::HashMap;

use super::text::{self, LABEL_SIZE};
use super::{Geometry, Rect, edge_label};
use crate::model::*;

/// Height of a label's box.
pub const LABEL_HEIGHT: f32 = 14.0;
/// A shortened label is at most this wide.
const SHORT_LABEL_WIDTH: f32 = 110.0;
/// Size of the cells of the index of what labels must not cover.
const CELL: f32 = 160.0;

#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlace {
    /// The box the text is centred in.
    pub rect: Rect,
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
    pub label: Option<LabelPlace>,
}

/// Rectangles in a coarse grid, for "does this cover anything" queries.
#[derive(Default)]
struct Obstacles {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Obstacles {
    fn cells_of(r: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = ((r.x / CELL).floor() as i32, (r.right() / CELL).floor() as i32);
        let (y0, y1) = ((r.y / CELL).floor() as i32, (r.bottom() / CELL).floor() as i32);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }
    fn add(&mut self, r: Rect) {
        for cell in Self::cells_of(&r) {
            self.cells.entry(cell).or_default().push(r);
        }
    }
    fn hits(&self, r: &Rect) -> bool {
        Self::cells_of(r).any(|cell| {
            self.cells
                .get(&cell)
                .is_some_and(|rects| rects.iter().any(|o| o.overlaps(r)))
        })
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
/// a straight one.
pub fn draw_edges(
    project: &Project,
    geometry: &Geometry,
    routes: Vec<(DependencyId, Vec<(f32, f32)>)>,
) -> Vec<EdgeDrawing> {
    let mut routes: HashMap<DependencyId, Vec<(f32, f32)>> = routes.into_iter().collect();
    let mut obstacles = Obstacles::default();
    for (_, r) in &geometry.nodes {
        obstacles.add(*r);
    }
    for zone in &geometry.zones {
        obstacles.add(zone.title_rect());
    }
    for band in &geometry.bands {
        // The band's name, at its top left.
        let width = text::text_width(&band.name.to_uppercase(), text::BAND_SIZE, true) + 20.0;
        obstacles.add(Rect {
            x: 0.0,
            y: band.top,
            width,
            height: super::BAND_HEADER.min(band.height),
        });
    }
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
    // Lines a label would rather not lie on (it may, where nothing else
    // has room).
    let mut lines = Obstacles::default();
    for (_, points) in &routed {
        for pair in points.windows(2) {
            let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
            lines.add(Rect {
                x: x1.min(x2) - 0.5,
                y: y1.min(y2) - 0.5,
                width: (x2 - x1).abs() + 1.0,
                height: (y2 - y1).abs() + 1.0,
            });
        }
    }
    let mut drawings = Vec::with_capacity(routed.len());
    for (dependency, points) in routed {
        let full_label = edge_label(dependency);
        let label = place_label(&full_label, &points, &obstacles, Some(&lines))
            .or_else(|| place_label(&full_label, &points, &obstacles, None));
        if let Some(place) = &label {
            obstacles.add(place.rect);
        }
        drawings.push(EdgeDrawing {
            id: dependency.id,
            points,
            full_label,
            label,
        });
    }
    drawings
}

/// The first free spot beside the route for the full text, then for a
/// shortened one.
fn place_label(
    full: &str,
    points: &[(f32, f32)],
    obstacles: &Obstacles,
    lines: Option<&Obstacles>,
) -> Option<LabelPlace> {
    if full.is_empty() {
        return None;
    }
    let short = text::shorten(full, LABEL_SIZE, SHORT_LABEL_WIDTH);
    let texts = if short == full {
        vec![full.to_owned()]
    } else {
        vec![full.to_owned(), short]
    };
    for text in texts {
        let width = text::text_width(&text, LABEL_SIZE, false) + 6.0;
        // Longest segments first: they have the most room.
        let mut segments: Vec<((f32, f32), (f32, f32))> = points.windows(2).map(|s| (s[0], s[1])).collect();
        segments.sort_by(|a, b| length(*b).total_cmp(&length(*a)));
        for ((x1, y1), (x2, y2)) in segments {
            let vertical = (x2 - x1).abs() < (y2 - y1).abs();
            for t in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9] {
                let (x, y) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
                // Beside the line: to its right when it runs up or down,
                // above it when it runs across.
                let sides: [(f32, f32); 2] = if vertical {
                    [
                        (x + 4.0, y - LABEL_HEIGHT / 2.0),
                        (x - 4.0 - width, y - LABEL_HEIGHT / 2.0),
                    ]
                } else {
                    [(x - width / 2.0, y - LABEL_HEIGHT - 3.0), (x - width / 2.0, y + 3.0)]
                };
                for (left, top) in sides {
                    let rect = Rect {
                        x: left,
                        y: top,
                        width,
                        height: LABEL_HEIGHT,
                    };
                    let on_a_line = lines.is_some_and(|lines| lines.hits(&rect));
                    if rect.x >= 0.0 && !on_a_line && !obstacles.hits(&rect) {
                        return Some(LabelPlace { rect, text });
                    }
                }
            }
        }
    }
    None
}

fn length(segment: ((f32, f32), (f32, f32))) -> f32 {
    let ((x1, y1), (x2, y2)) = segment;
    (x2 - x1).abs() + (y2 - y1).abs()
}
