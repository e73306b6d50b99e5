//! Geometry shared by the canvas, the SVG export and the review minimap:
//! layer bands, component boxes that fit their names, and zone rectangles.
//!
//! The picture is true by construction. Every zone gets one x-interval,
//! shared by all the rows it spans (children inside their parent, siblings
//! side by side), and one rectangle from the row of its highest content to
//! the row of its lowest. A component is placed inside the interval of its
//! zone, in its layer's band, so it lies inside its zones' rectangles and
//! outside every other zone's.
//!
//! A component's stored [`Position`] is a hint, not a coordinate: `x`
//! orders it among its zone's contents, `y` (from the top of its band)
//! chooses its row in the band. Where a hint comes from a drawing,
//! [`Geometry::stored_position`] gives the hint that reproduces it.

mod arrange;
mod corridor_index;
pub mod drag;
pub mod edges;
pub mod route;
mod straddle;
pub mod text;
mod wrap;

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::model::*;
pub use arrange::{arrange_edit, arrange_positions};
use straddle::Place;
use text::{DETAIL_LINE, DETAIL_SIZE, NAME_LINE, NAME_SIZE, TITLE_SIZE};

pub const NODE_WIDTH: f32 = 170.0;
/// The least height of a component box; long names make it taller.
pub const NODE_HEIGHT: f32 = 58.0;
/// Room at the top of a band for its label.
pub const BAND_HEADER: f32 = 30.0;
/// A band with no component: a thin labelled strip.
pub const EMPTY_BAND_HEIGHT: f32 = 30.0;
pub const BAND_PADDING: f32 = 12.0;
/// Where the leftmost content starts.
pub const LEFT_MARGIN: f32 = 40.0;
/// Space between neighbouring boxes in a row.
pub const COLUMN_GAP: f32 = 32.0;
/// Space between a zone's edge and what it holds.
pub const ZONE_PADDING: f32 = 12.0;
/// Height of a zone's title strip.
pub const ZONE_LABEL: f32 = 18.0;
/// Space between sibling zones side by side.
const ZONE_GAP: f32 = 16.0;
/// Space between two rows of one band.
const ROW_GAP: f32 = 18.0;
/// Stored `y` distance between rows (hints, not drawing).
pub const ROW_PITCH: f32 = 100.0;
/// The most rows a band has, whatever a file says.
const MAX_ROW: u32 = 1024;

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
    /// Whether the interiors meet (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
    /// Whether `other` lies inside this rectangle (edges may touch).
    pub fn encloses(&self, other: &Rect) -> bool {
        other.x >= self.x && other.right() <= self.right() && other.y >= self.y && other.bottom() <= self.bottom()
    }
}

/// One row of components in a band.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's number in its band, top to bottom: a stored hint with
    /// this row number draws a component in this row.
    pub number: u32,
    /// Top and bottom of the boxes in this row.
    pub top: f32,
    pub bottom: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// `None` for the "Unassigned" band of components without a layer.
    pub layer: Option<LayerId>,
    pub name: String,
    pub kind: LayerKind,
    pub top: f32,
    pub height: f32,
    /// Where a stored `position.y` of 0 is: the band's top.
    pub origin: f32,
    /// Rows of boxes, top to bottom; empty for an empty band.
    pub rows: Vec<Row>,
}

impl Band {
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }

    /// The stored `position.y` for a component whose top edge is dropped at
    /// canvas `y` in this band: the row nearest to it, or a new row below
    /// the last when dropped well under it.
    pub fn position_y(&self, y: f32) -> f32 {
        let row = match self.rows.last() {
            None => 0,
            Some(last) if y > last.bottom => (last.number + 1).min(MAX_ROW),
            Some(_) => self
                .rows
                .iter()
                .min_by(|a, b| (a.top - y).abs().total_cmp(&(b.top - y).abs()))
                .map_or(0, |r| r.number),
        };
        BAND_HEADER + row as f32 * ROW_PITCH
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ZoneBox {
    pub id: ZoneId,
    /// Nesting depth: 0 for top-level zones.
    pub depth: usize,
    pub rect: Rect,
    /// "name · kind", never cut: the zone is at least as wide.
    pub title: String,
    /// The zone's name alone, as the title writes it: what a view too
    /// small for the whole title shows.
    pub name: String,
}

impl ZoneBox {
    /// Where the title is written: the top left of the rectangle.
    pub fn title_rect(&self) -> Rect {
        Rect {
            height: ZONE_LABEL,
            width: title_width(&self.title).min(self.rect.width),
            ..self.rect
        }
    }
}

/// The text of a component box, laid out.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NodeText {
    /// The whole name, wrapped; never cut.
    pub name: Vec<String>,
    /// The technology (or kind) line, shortened to the box.
    pub detail: String,
    /// The technology line in full, for tooltips and SVG titles.
    pub detail_full: String,
    /// For a component drawn inside one of its zones, the others it is
    /// in: "also in …", wrapped on at most two lines (the second may be
    /// shortened), under the technology line.
    pub also: Vec<String>,
    /// That line in full (empty when there is none), for tooltips and SVG
    /// titles.
    pub also_full: String,
    /// Canvas y of the first name line's top, from the box's top.
    pub name_top: f32,
    /// Horizontal centre of the text, from the box's left.
    pub centre: f32,
    /// Width the text may use.
    pub text_width: f32,
}

impl NodeText {
    /// The name on one line again (a line broken after a hyphen is
    /// joined without a space).
    pub fn whole_name(&self) -> String {
        let mut whole = String::new();
        for line in &self.name {
            if !whole.is_empty() && !whole.ends_with('-') {
                whole.push(' ');
            }
            whole.push_str(line);
        }
        whole
    }

    pub fn detail_top(&self) -> f32 {
        self.name_top + self.name.len() as f32 * NAME_LINE
    }

    /// Canvas y of the first "also in" line's top, from the box's top.
    pub fn also_top(&self) -> f32 {
        self.detail_top() + DETAIL_LINE
    }
}

/// Where everything is drawn, in canvas coordinates.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    pub bands: Vec<Band>,
    /// Component boxes in project order.
    pub nodes: Vec<(ComponentId, Rect)>,
    /// The text of each box, parallel to `nodes`.
    pub texts: Vec<NodeText>,
    /// The drawn row number of each box in its band, parallel to `nodes`.
    rows: Vec<u32>,
    /// Where each box is drawn with respect to its zones, parallel to
    /// `nodes`.
    drawn_in: Vec<Drawn>,
    index: FxHashMap<ComponentId, usize>,
    /// Zones that contain at least one component, outermost first.
    pub zones: Vec<ZoneBox>,
    /// Dependencies whose ends are drawn, with their labels placed.
    pub edges: Vec<edges::EdgeDrawing>,
    /// What boxes, titles, labels and routes cover, for moving a box
    /// without laying everything out again.
    drawn: std::sync::Arc<edges::DrawingIndex>,
    pub width: f32,
    pub height: f32,
}

/// The zone a component is ordered with: for a component in two zones,
/// their common ancestor (it is drawn across their border when it can
/// be); for three or more, the first listed innermost one (it is drawn
/// inside it). The drawing itself reads memberships through the straddle
/// plan (`straddle::plan`), which makes the final choice.
pub fn member_zone(project: &Project, component: &Component) -> Option<ZoneId> {
    let zones = project.normalized_zones(&component.zones);
    match zones.as_slice() {
        [] => None,
        [only] => Some(*only),
        [_, _] => project.common_zone_of(&zones),
        [first, ..] => Some(*first),
    }
}

/// Where a component is drawn with respect to its zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Drawn {
    /// Outside every zone.
    Outside,
    /// Inside this zone and its ancestors.
    In(ZoneId),
    /// Across the common border of the subtrees holding these two
    /// innermost zones, the left one first.
    Across(ZoneId, ZoneId),
}

/// "name · kind", with "(public)" for a public zone.
pub fn zone_title(zone: &Zone) -> String {
    let name = text::single_spaced(&zone.name);
    format!(
        "{name} · {}{}",
        zone.kind.label(),
        if zone.public { " (public)" } else { "" }
    )
}

/// An edge's label: "label · PROTOCOL PORT", or either alone.
pub fn edge_label(dependency: &Dependency) -> String {
    let (label, protocol) = edge_label_parts(dependency);
    edges::joined(&label, &protocol)
}

/// An edge's label in its two parts, each on one line: its own words and
/// its protocol (a shortened label keeps the protocol).
pub(crate) fn edge_label_parts(dependency: &Dependency) -> (String, String) {
    (
        text::single_spaced(&dependency.label),
        text::single_spaced(&dependency.protocol),
    )
}

/// Room on the left of every box for the kind's icon.
const ICON_ROOM: f32 = 26.0;

/// Room the icon and the outline of a kind's shape take from the text
/// area: (left, top, right, bottom). A cylinder's top ellipse is 14 high.
fn shape_insets(kind: ComponentKind) -> (f32, f32, f32, f32) {
    let (left, top, right, bottom) = match kind {
        ComponentKind::Database | ComponentKind::Cache | ComponentKind::ObjectStorage | ComponentKind::BlockStorage => {
            (6.0, 16.0, 8.0, 8.0)
        }
        ComponentKind::Queue | ComponentKind::EventBus => (6.0, 6.0, 24.0, 6.0),
        ComponentKind::LoadBalancer | ComponentKind::Gateway => (6.0, 6.0, 12.0, 6.0),
        ComponentKind::Dns | ComponentKind::Cdn | ComponentKind::Waf | ComponentKind::Firewall => (6.0, 6.0, 12.0, 6.0),
        _ => (6.0, 6.0, 8.0, 6.0),
    };
    (left + ICON_ROOM, top, right, bottom)
}

/// The text of a component's box and the box's height.
pub fn node_text(component: &Component) -> (NodeText, f32) {
    let (text, (_, height)) = node_text_in(component, &[], 1);
    (text, height)
}

/// The most columns a box widens to for a long name before it only grows
/// taller: wide enough to keep a very long name's box from becoming a
/// thin tower, narrow enough to leave its row readable.
pub const MOST_COLUMNS: usize = 3;
/// The name lines a box holds before it widens by a column.
const LINES_BEFORE_WIDENING: usize = 4;

/// The width of a box spanning `columns` columns of the grid: the
/// columns and the gaps between them.
pub fn box_width(columns: usize) -> f32 {
    let columns = columns.max(1) as f32;
    columns * NODE_WIDTH + (columns - 1.0) * COLUMN_GAP
}

/// The most lines the "also in" list takes on a box.
const ALSO_LINES: usize = 2;

/// The text of a component's box drawn inside one of its zones while it
/// is also in the zones named `also`, and the box's width and height. A
/// name too long for [`LINES_BEFORE_WIDENING`] lines widens the box by
/// whole columns, up to `most_columns`, before the box grows taller.
pub fn node_text_in(component: &Component, also: &[&str], most_columns: usize) -> (NodeText, (f32, f32)) {
    let (left, top, right, bottom) = shape_insets(component.kind);
    let name = if component.name.trim().is_empty() {
        "(unnamed)"
    } else {
        component.name.as_str()
    };
    let wrapped = |columns: usize| {
        let text_width = box_width(columns) - left - right;
        (text::wrap(name, NAME_SIZE, true, text_width), columns, text_width)
    };
    let mut fitted = wrapped(1);
    while fitted.0.len() > LINES_BEFORE_WIDENING && fitted.1 < most_columns {
        fitted = wrapped(fitted.1 + 1);
    }
    let (name_lines, columns, text_width) = fitted;
    let detail_full = if component.technology.trim().is_empty() {
        component.kind.label().to_owned()
    } else {
        text::single_spaced(&component.technology)
    };
    let detail = text::shorten(&detail_full, DETAIL_SIZE, text_width);
    let also_full = if also.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = also.iter().map(|name| text::single_spaced(name)).collect();
        format!("also in {}", names.join(", "))
    };
    let mut also_lines = text::wrap(&also_full, DETAIL_SIZE, false, text_width);
    if also_lines.len() > ALSO_LINES {
        let rest = also_lines[ALSO_LINES - 1..].join(" ");
        also_lines.truncate(ALSO_LINES - 1);
        also_lines.push(text::shorten(&rest, DETAIL_SIZE, text_width));
    }
    let content = name_lines.len() as f32 * NAME_LINE + (1 + also_lines.len()) as f32 * DETAIL_LINE;
    let height = (top + content + bottom + 8.0).max(NODE_HEIGHT);
    let name_top = top + (height - top - bottom - content) / 2.0;
    (
        NodeText {
            name: name_lines,
            detail,
            detail_full,
            also: also_lines,
            also_full,
            name_top,
            centre: left + text_width / 2.0,
            text_width,
        },
        (box_width(columns), height),
    )
}

/// The zone forest with a damaged file's cycles and dangling parents cut:
/// a zone whose parent chain never ends becomes top-level.
struct Forest {
    parent: FxHashMap<ZoneId, Option<ZoneId>>,
    depth: FxHashMap<ZoneId, usize>,
    /// Where each component is drawn, and what that asks of the placement.
    plan: straddle::Plan,
}

impl Forest {
    fn of(project: &Project, hints: &FxHashMap<ComponentId, Position>) -> Forest {
        let raw: FxHashMap<ZoneId, Option<ZoneId>> = project.zones.iter().map(|z| (z.id, z.parent)).collect();
        let known = |id: &ZoneId| raw.contains_key(id);
        let mut parent = FxHashMap::with_capacity_and_hasher(raw.len(), Default::default());
        for zone in &project.zones {
            let mut current = zone.parent.filter(known);
            let mut steps = 0;
            while let Some(id) = current {
                steps += 1;
                if steps > raw.len() {
                    break;
                }
                current = raw[&id].filter(known);
            }
            let ends = steps <= raw.len();
            parent.insert(zone.id, if ends { zone.parent.filter(known) } else { None });
        }
        let mut depth = FxHashMap::with_capacity_and_hasher(parent.len(), Default::default());
        for &id in parent.keys() {
            let mut d = 0;
            let mut current = parent[&id];
            while let Some(up) = current {
                d += 1;
                current = parent[&up];
            }
            depth.insert(id, d);
        }
        let plan = straddle::plan(project, &parent, hints);
        Forest { parent, depth, plan }
    }

    /// Where component `i` (in project order) is drawn.
    fn place(&self, i: usize) -> Place {
        self.plan.places.get(i).copied().unwrap_or(Place::Outside)
    }

    /// Where component `i` is drawn, as the geometry tells it.
    fn drawn(&self, i: usize) -> Drawn {
        match self.place(i) {
            Place::Outside => Drawn::Outside,
            Place::In(zone) => Drawn::In(zone),
            Place::Across(s) => {
                let straddle = &self.plan.straddles[s];
                match (straddle.left.last(), straddle.right.last()) {
                    (Some(left), Some(right)) => Drawn::Across(*left, *right),
                    _ => Drawn::Outside,
                }
            }
        }
    }

    /// Every box's text and size; a box drawn in one of several zones
    /// names the others. A box drawn across a border keeps one column:
    /// it is centred on the border, half in each zone.
    fn node_texts(&self, project: &Project) -> (Vec<NodeText>, Vec<(f32, f32)>) {
        let zone_names: FxHashMap<ZoneId, &str> = project.zones.iter().map(|z| (z.id, z.name.as_str())).collect();
        project
            .components
            .iter()
            .enumerate()
            .map(|(i, component)| {
                let names: Vec<&str> = self
                    .plan
                    .also
                    .get(&i)
                    .into_iter()
                    .flatten()
                    .filter_map(|z| zone_names.get(z).copied())
                    .collect();
                let most_columns = match self.place(i) {
                    Place::Across(_) => 1,
                    _ => MOST_COLUMNS,
                };
                node_text_in(component, &names, most_columns)
            })
            .unzip()
    }

    /// The zone component `i` sits in side by side with others (None for
    /// the canvas), or Err for a component drawn across a border.
    fn container_of(&self, i: usize) -> Result<Option<ZoneId>, usize> {
        match self.place(i) {
            Place::Outside => Ok(None),
            Place::In(zone) => Ok(Some(zone)),
            Place::Across(straddle) => Err(straddle),
        }
    }
}

/// Something placed side by side inside a zone (or the canvas).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Item {
    Component(usize),
    Zone(ZoneId),
}

/// What the vertical pass learns about each zone with content.
struct ZoneSpan {
    /// First and last row (global row index) it covers.
    first: usize,
    last: usize,
    /// Ordering hint: the least x hint of its contents.
    hint: f32,
    /// How many zone titles stack above its first row, its own included.
    titles_above: usize,
    /// How many zone bottoms stack below its last row, its own included.
    edges_below: usize,
}

/// Rows of all bands, top to bottom: (band index, drawn row number).
type RowKeys = Vec<(usize, u32)>;

impl Geometry {
    /// Lays out a project. Components without a position get one from
    /// [`arrange_positions`] (without changing the project).
    pub fn of(project: &Project) -> Geometry {
        let hints = position_hints(project);
        let band_of = band_index_map(project);
        let unassigned = project.layers.len();
        let band_count = unassigned + usize::from(project.components.iter().any(|c| band_of(c).is_none()));
        let forest = Forest::of(project, &hints);

        // Which row of which band each component is in: the stored row,
        // wrapped where a row is too wide for a readable drawing.
        let row_number = |c: &Component| {
            let y = hints.get(&c.id).map_or(0.0, |p| p.y);
            (((y - BAND_HEADER).max(0.0) / ROW_PITCH).round().min(MAX_ROW as f32)) as u32
        };
        let stored: Vec<(usize, u32)> = project
            .components
            .iter()
            .map(|c| (band_of(c).unwrap_or(unassigned), row_number(c)))
            .collect();
        let (texts, sizes) = forest.node_texts(project);
        let (widths, heights): (Vec<f32>, Vec<f32>) = sizes.into_iter().unzip();
        let titles: FxHashMap<ZoneId, String> = project.zones.iter().map(|z| (z.id, zone_title(z))).collect();
        let component_index: FxHashMap<ComponentId, usize> =
            project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let edge_ends: Vec<(usize, usize)> = project
            .dependencies
            .iter()
            .filter_map(|d| Some((*component_index.get(&d.from)?, *component_index.get(&d.to)?)))
            .collect();
        let keys = wrap::rows(
            &wrap::Inputs {
                project,
                forest: &forest,
                hints: &hints,
                widths: &widths,
                heights: &heights,
                titles: &titles,
                band_count,
                edges: &edge_ends,
            },
            &stored,
        );
        let row_keys: RowKeys = keys.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
        let row_index: FxHashMap<(usize, u32), usize> = row_keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let row_of: Vec<usize> = keys.iter().map(|k| row_index[k]).collect();

        let spans = zone_spans(project, &forest, &row_of, &hints);
        let x = place_horizontally(project, &forest, (&row_of, &widths), &hints, &spans, &titles);
        let (plans, outer_tracks, inner_tracks) =
            plan_routes(project, &forest, (&x, &widths), &row_of, &spans, &titles);
        let (bands, row_tops) = stack_bands(
            project,
            band_count,
            &row_keys,
            &row_of,
            &heights,
            &spans,
            (&outer_tracks, &inner_tracks),
        );

        let mut nodes = Vec::with_capacity(project.components.len());
        let mut index = FxHashMap::with_capacity_and_hasher(project.components.len(), Default::default());
        let mut width: f32 = 400.0;
        for (i, component) in project.components.iter().enumerate() {
            let rect = Rect {
                x: x.components[i],
                y: row_tops[row_of[i]].box_top,
                width: widths[i],
                height: heights[i],
            };
            width = width.max(rect.right() + LEFT_MARGIN);
            index.insert(component.id, nodes.len());
            nodes.push((component.id, rect));
        }
        let mut zones: Vec<ZoneBox> = project
            .zones
            .iter()
            .filter_map(|zone| {
                let span = spans.get(&zone.id)?;
                let top = row_tops[span.first].inner_top - span.titles_above as f32 * (ZONE_LABEL + ZONE_PADDING);
                let bottom = row_tops[span.last].box_bottom + span.edges_below as f32 * ZONE_PADDING;
                let (left, zone_width) = x.zones[&zone.id];
                Some(ZoneBox {
                    id: zone.id,
                    depth: forest.depth[&zone.id],
                    rect: Rect {
                        x: left,
                        y: top,
                        width: zone_width,
                        height: bottom - top,
                    },
                    title: titles[&zone.id].clone(),
                    name: text::single_spaced(&zone.name),
                })
            })
            .collect();
        zones.sort_by_key(|z| z.depth);
        for zone in &zones {
            width = width.max(zone.rect.right() + LEFT_MARGIN);
        }
        for band in &bands {
            width = width.max(text::text_width(&band.name.to_uppercase(), text::BAND_SIZE, true) + 40.0);
        }
        let rows = keys.iter().map(|k| k.1).collect();
        let drawn_in = (0..project.components.len()).map(|i| forest.drawn(i)).collect();
        let mut geometry = Geometry {
            drawn_in,
            height: bands.last().map_or(0.0, Band::bottom),
            bands,
            nodes,
            texts,
            rows,
            index,
            zones,
            edges: Vec::new(),
            drawn: Default::default(),
            width,
        };
        let routes: Vec<(DependencyId, Vec<(f32, f32)>)> = plans
            .iter()
            .map(|(id, plan)| {
                let points = route::points(
                    plan,
                    &row_of,
                    |row| row_tops[row].outer_top,
                    |row| row_tops[row].inner_top,
                    |i| (geometry.nodes[i].1.y, geometry.nodes[i].1.bottom()),
                );
                (*id, points)
            })
            .collect();
        let (drawings, drawn) = edges::draw_edges(project, &geometry, routes);
        geometry.edges = drawings;
        geometry.drawn = std::sync::Arc::new(drawn);
        // Routes and labels may run right of the last box.
        for edge in &geometry.edges {
            let label = edge.label.as_ref().map_or(0.0, |l| l.rect.right());
            let route = edge.points.iter().map(|p| p.0).fold(0.0, f32::max);
            geometry.width = geometry.width.max(label.max(route) + 20.0);
        }
        geometry
    }

    pub fn node(&self, id: ComponentId) -> Option<Rect> {
        self.index.get(&id).map(|&i| self.nodes[i].1)
    }

    pub fn text(&self, id: ComponentId) -> Option<&NodeText> {
        self.index.get(&id).map(|&i| &self.texts[i])
    }

    /// Where a component is drawn with respect to its zones.
    pub fn drawn_in(&self, id: ComponentId) -> Option<Drawn> {
        self.index.get(&id).and_then(|&i| self.drawn_in.get(i).copied())
    }

    /// The position hint that reproduces where `id` is drawn.
    pub fn stored_position(&self, id: ComponentId) -> Option<Position> {
        let &i = self.index.get(&id)?;
        Some(Position {
            x: self.nodes[i].1.x,
            y: BAND_HEADER + self.rows[i] as f32 * ROW_PITCH,
        })
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

/// Stored positions, with a place after the placed ones for every
/// component that has none.
fn position_hints(project: &Project) -> FxHashMap<ComponentId, Position> {
    if project.components.iter().any(|c| c.position.is_none()) {
        arrange::fill_missing_positions(project).into_iter().collect()
    } else {
        project
            .components
            .iter()
            .filter_map(|c| c.position.map(|p| (c.id, p)))
            .collect()
    }
}

/// The rows each zone with content covers, and how titles and bottom
/// edges of nested zones stack there. Inner zones first.
fn zone_spans(
    project: &Project,
    forest: &Forest,
    row_of: &[usize],
    hints: &FxHashMap<ComponentId, Position>,
) -> FxHashMap<ZoneId, ZoneSpan> {
    let mut spans: FxHashMap<ZoneId, ZoneSpan> = FxHashMap::default();
    for (i, component) in project.components.iter().enumerate() {
        // A component across a border is content of both innermost zones.
        let mut hint = hints.get(&component.id).map_or(0.0, |p| p.x);
        let zones = match forest.place(i) {
            Place::Outside => [None, None],
            Place::In(zone) => [Some(zone), None],
            Place::Across(s) => {
                // Ordered by its border, which lies right of all the left
                // zone holds and left of all the right zone holds.
                hint += NODE_WIDTH / 2.0;
                let straddle = &forest.plan.straddles[s];
                [straddle.left.last().copied(), straddle.right.last().copied()]
            }
        };
        for zone in zones.into_iter().flatten() {
            let span = spans.entry(zone).or_insert(ZoneSpan {
                first: row_of[i],
                last: row_of[i],
                hint,
                titles_above: 1,
                edges_below: 1,
            });
            span.first = span.first.min(row_of[i]);
            span.last = span.last.max(row_of[i]);
            span.hint = span.hint.min(hint);
        }
    }
    let mut by_depth: Vec<ZoneId> = forest.parent.keys().copied().collect();
    by_depth.sort_by_key(|z| (std::cmp::Reverse(forest.depth[z]), *z));
    for zone in by_depth {
        let Some(parent) = forest.parent[&zone] else { continue };
        let Some(child) = spans.get(&zone) else { continue };
        let (first, last, hint, titles, edges) = (
            child.first,
            child.last,
            child.hint,
            child.titles_above,
            child.edges_below,
        );
        let span = spans.entry(parent).or_insert(ZoneSpan {
            first,
            last,
            hint,
            titles_above: 0,
            edges_below: 0,
        });
        span.hint = span.hint.min(hint);
        if first < span.first {
            span.first = first;
            span.titles_above = 0;
        }
        if first == span.first {
            span.titles_above = span.titles_above.max(titles + 1);
        }
        if last > span.last {
            span.last = last;
            span.edges_below = 0;
        }
        if last == span.last {
            span.edges_below = span.edges_below.max(edges + 1);
        }
        span.titles_above = span.titles_above.max(1);
        span.edges_below = span.edges_below.max(1);
    }
    spans
}

/// Vertical places of one row's parts.
#[derive(Clone, Copy, Default)]
struct RowY {
    box_top: f32,
    box_bottom: f32,
    /// Top of the edge channel between the zone titles and the boxes.
    inner_top: f32,
    /// Top of the edge channel under the row's zone bottoms.
    outer_top: f32,
}

/// Band and row heights: each row as tall as its tallest box plus the
/// zone titles and the edge channel above it and the zone edges and the
/// edge channel below it.
fn stack_bands(
    project: &Project,
    band_count: usize,
    row_keys: &RowKeys,
    row_of: &[usize],
    heights: &[f32],
    spans: &FxHashMap<ZoneId, ZoneSpan>,
    channels: (&[usize], &[usize]),
) -> (Vec<Band>, Vec<RowY>) {
    let (outer_tracks, inner_tracks) = channels;
    let mut box_height = vec![0.0f32; row_keys.len()];
    for (i, h) in heights.iter().enumerate() {
        box_height[row_of[i]] = box_height[row_of[i]].max(*h);
    }
    let mut above = vec![0.0f32; row_keys.len()];
    let mut below = vec![0.0f32; row_keys.len()];
    for span in spans.values() {
        above[span.first] = above[span.first].max(span.titles_above as f32 * (ZONE_LABEL + ZONE_PADDING));
        below[span.last] = below[span.last].max(span.edges_below as f32 * ZONE_PADDING);
    }
    let mut row_tops = vec![RowY::default(); row_keys.len()];
    let mut bands = Vec::with_capacity(band_count);
    let mut top = 0.0;
    let mut next_row = 0;
    for index in 0..band_count {
        let (layer, name, kind) = match project.layers.get(index) {
            Some(layer) => (Some(layer.id), layer.name.clone(), layer.kind),
            None => (None, "Unassigned".to_owned(), LayerKind::Custom),
        };
        let mut rows = Vec::new();
        let mut cursor = top + BAND_HEADER;
        while next_row < row_keys.len() && row_keys[next_row].0 == index {
            let inner_top = cursor + above[next_row];
            let box_top = inner_top + route::channel_height(inner_tracks[next_row]);
            let box_bottom = box_top + box_height[next_row];
            // The first track runs clear of the lowest zone bottom, so it
            // does not read as part of that border.
            let border_room = if below[next_row] > 0.0 {
                (route::BORDER_CLEARANCE - route::CHANNEL_MARGIN).max(0.0)
            } else {
                0.0
            };
            let outer_top = box_bottom + below[next_row] + border_room;
            row_tops[next_row] = RowY {
                box_top,
                box_bottom,
                inner_top,
                outer_top,
            };
            rows.push(Row {
                number: row_keys[next_row].1,
                top: box_top,
                bottom: box_bottom,
            });
            cursor = outer_top + route::channel_height(outer_tracks[next_row]) + ROW_GAP;
            next_row += 1;
        }
        let height = if rows.is_empty() {
            EMPTY_BAND_HEIGHT
        } else {
            cursor - ROW_GAP + BAND_PADDING - top
        };
        bands.push(Band {
            layer,
            name,
            kind,
            top,
            height,
            origin: top,
            rows,
        });
        top += height;
    }
    (bands, row_tops)
}

/// Left edges: per component, and per zone (left, width).
struct Columns {
    components: Vec<f32>,
    zones: FxHashMap<ZoneId, (f32, f32)>,
}

/// Places the contents of every zone side by side in hint order, inner
/// zones first so a zone's width is known before its parent places it.
/// A zone blocks its x-interval in every row it spans; a component takes
/// the next free place in its own row. The straddle plan's promises are
/// kept on the way: linked zones nearly touch, edge zones reach their
/// parent's edge, and a box across a border is centred on it.
fn place_horizontally(
    project: &Project,
    forest: &Forest,
    (row_of, widths): (&[usize], &[f32]),
    hints: &FxHashMap<ComponentId, Position>,
    spans: &FxHashMap<ZoneId, ZoneSpan>,
    titles: &FxHashMap<ZoneId, String>,
) -> Columns {
    let mut items: FxHashMap<Option<ZoneId>, Vec<(f32, Item)>> = FxHashMap::default();
    for (i, component) in project.components.iter().enumerate() {
        let Ok(container) = forest.container_of(i) else {
            continue;
        };
        let hint = hints.get(&component.id).map_or(0.0, |p| p.x);
        items.entry(container).or_default().push((hint, Item::Component(i)));
    }
    for (zone, span) in spans {
        items
            .entry(forest.parent[zone])
            .or_default()
            .push((span.hint, Item::Zone(*zone)));
    }
    let mut reserved: FxHashMap<ZoneId, Vec<Reservation>> = FxHashMap::default();
    for straddle in &forest.plan.straddles {
        let row = row_of[straddle.component];
        for (chain, at_right) in [(&straddle.left, true), (&straddle.right, false)] {
            if let Some(innermost) = chain.last() {
                reserved.entry(*innermost).or_default().push(Reservation {
                    row,
                    reach: straddle::reach(chain.len() - 1),
                    at_right,
                });
            }
        }
    }
    let mut containers: Vec<Option<ZoneId>> = spans.keys().map(|z| Some(*z)).collect();
    containers.sort_by_key(|z| (std::cmp::Reverse(z.map_or(0, |z| forest.depth[&z] + 1)), *z));
    containers.push(None);

    let mut placed = Placed {
        components: vec![0.0f32; project.components.len()],
        zones: FxHashMap::default(),
        widths: FxHashMap::default(),
    };
    for container in &containers {
        let contents = ordered(
            items.remove(container).unwrap_or_default(),
            forest.plan.orders.get(container),
        );
        let reservations = container.and_then(|c| reserved.get(&c)).map_or(&[][..], Vec::as_slice);
        let width = placed.place_contents(*container, &contents, reservations, (row_of, widths), spans, forest);
        if let Some(zone) = container {
            placed.widths.insert(*zone, width.max(title_width(&titles[zone])));
        }
    }

    // Outermost first: a zone's left edge is its parent's plus its offset,
    // and its edge zones reach its right edge.
    let mut zones: FxHashMap<ZoneId, (f32, f32)> = FxHashMap::with_capacity_and_hasher(spans.len(), Default::default());
    for container in containers.iter().rev().flatten() {
        let base = forest.parent[container].map_or(0.0, |p| zones[&p].0);
        let width = placed.widths[container];
        zones.insert(*container, (base + placed.zones[container], width));
        for edge in forest
            .plan
            .orders
            .get(&Some(*container))
            .into_iter()
            .flat_map(|o| &o.last)
        {
            if let (Some(left), Some(edge_width)) = (placed.zones.get(edge), placed.widths.get_mut(edge)) {
                *edge_width = edge_width.max(width - ZONE_PADDING - left);
            }
        }
    }
    let components = project
        .components
        .iter()
        .enumerate()
        .map(|(i, _)| match forest.container_of(i) {
            Ok(container) => container.map_or(0.0, |z| zones[&z].0) + placed.components[i],
            Err(s) => {
                let (left, width) = zones[&forest.plan.straddles[s].left[0]];
                left + width + straddle::STRADDLE_GAP / 2.0 - NODE_WIDTH / 2.0
            }
        })
        .collect();
    Columns { components, zones }
}

/// A straddling box's part at the start or end of a row of its innermost
/// zone: how far it reaches in.
struct Reservation {
    row: usize,
    reach: f32,
    at_right: bool,
}

/// Places relative to their containers, and zone widths.
struct Placed {
    components: Vec<f32>,
    zones: FxHashMap<ZoneId, f32>,
    widths: FxHashMap<ZoneId, f32>,
}

impl Placed {
    /// Places one container's contents, in order; returns the width they
    /// need (for the canvas, the right edge of the last).
    fn place_contents(
        &mut self,
        container: Option<ZoneId>,
        contents: &[Item],
        reservations: &[Reservation],
        (row_of, widths): (&[usize], &[f32]),
        spans: &FxHashMap<ZoneId, ZoneSpan>,
        forest: &Forest,
    ) -> f32 {
        let start = if container.is_some() { ZONE_PADDING } else { LEFT_MARGIN };
        let order = forest.plan.orders.get(&container);
        let mut free: FxHashMap<usize, f32> = FxHashMap::default();
        let mut right = start;
        for reservation in reservations.iter().filter(|r| !r.at_right) {
            let after = reservation.reach + COLUMN_GAP;
            let slot = free.entry(reservation.row).or_insert(start);
            *slot = slot.max(after);
            right = right.max(reservation.reach);
        }
        let rows = |zone: &ZoneId| spans[zone].first..=spans[zone].last;
        let mut previous: Option<ZoneId> = None;
        for item in contents {
            match *item {
                Item::Component(i) => {
                    let x = free.get(&row_of[i]).copied().unwrap_or(start);
                    self.components[i] = x;
                    free.insert(row_of[i], x + widths[i] + COLUMN_GAP);
                    right = right.max(x + widths[i]);
                    previous = None;
                }
                Item::Zone(zone) => {
                    let width = self.widths[&zone];
                    let linked = previous.filter(|p| order.and_then(|o| o.before(zone)) == Some(*p));
                    let x = match linked {
                        Some(partner) => {
                            // Nearly touching the partner; where another row
                            // pushes this zone further right, the partner
                            // widens to meet it.
                            let (px, pw) = (self.zones[&partner], self.widths[&partner]);
                            let others = rows(&zone)
                                .filter(|row| !rows(&partner).contains(row))
                                .map(|row| free.get(&row).copied().unwrap_or(start))
                                .fold(start, f32::max);
                            let touching = px + pw + straddle::STRADDLE_GAP;
                            if others > touching {
                                let stretched = others - straddle::STRADDLE_GAP - px;
                                self.widths.insert(partner, stretched);
                                for row in rows(&partner) {
                                    free.insert(row, px + stretched + ZONE_GAP);
                                }
                                right = right.max(px + stretched);
                            }
                            others.max(touching)
                        }
                        None => rows(&zone)
                            .map(|row| free.get(&row).copied().unwrap_or(start))
                            .fold(start, f32::max),
                    };
                    self.zones.insert(zone, x);
                    for row in rows(&zone) {
                        free.insert(row, x + width + ZONE_GAP);
                    }
                    right = right.max(x + width);
                    previous = Some(zone);
                }
            }
        }
        let mut width = right + if container.is_some() { ZONE_PADDING } else { 0.0 };
        for reservation in reservations.iter().filter(|r| r.at_right) {
            width = width.max(free.get(&reservation.row).copied().unwrap_or(start) + reservation.reach);
        }
        width
    }
}

/// A container's contents in placing order: by hint, except that zones
/// linked across a border are placed one right after the other, and
/// zones that must reach the left edge come first and those that must
/// reach the right edge last.
fn ordered(mut contents: Vec<(f32, Item)>, order: Option<&straddle::Order>) -> Vec<Item> {
    contents.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let Some(order) = order else {
        return contents.into_iter().map(|(_, item)| item).collect();
    };
    let present: rustc_hash::FxHashSet<Item> = contents.iter().map(|(_, item)| *item).collect();
    let mut done: rustc_hash::FxHashSet<Item> = rustc_hash::FxHashSet::default();
    let mut blocks: Vec<(u8, Vec<Item>)> = Vec::new();
    for (_, item) in contents {
        if done.contains(&item) {
            continue;
        }
        let block: Vec<Item> = match item {
            Item::Component(_) => vec![item],
            Item::Zone(zone) => order
                .path(zone)
                .into_iter()
                .map(Item::Zone)
                .filter(|z| present.contains(z))
                .collect(),
        };
        let has =
            |edge: &rustc_hash::FxHashSet<ZoneId>| block.iter().any(|b| matches!(b, Item::Zone(z) if edge.contains(z)));
        let class = if has(&order.first) {
            0
        } else if has(&order.last) {
            2
        } else {
            1
        };
        done.extend(block.iter().copied());
        blocks.push((class, block));
    }
    blocks.sort_by_key(|(class, _)| *class);
    blocks.into_iter().flat_map(|(_, block)| block).collect()
}

/// The horizontal pass of edge routing: what corridors must avoid (boxes,
/// zone titles, band names), then ports, corridors and channel tracks.
fn plan_routes(
    project: &Project,
    forest: &Forest,
    (x, widths): (&Columns, &[f32]),
    row_of: &[usize],
    spans: &FxHashMap<ZoneId, ZoneSpan>,
    titles: &FxHashMap<ZoneId, String>,
) -> (Vec<(DependencyId, route::Plan)>, Vec<usize>, Vec<usize>) {
    let rows = row_of.iter().max().map_or(0, |r| r + 1);
    let mut blocked = route::Blocked::new(rows);
    for (i, left) in x.components.iter().enumerate() {
        blocked.block_boxes(row_of[i], *left, left + widths[i]);
    }
    for (zone, span) in spans {
        let left = x.zones[zone].0;
        blocked.block_above(span.first, left, left + title_width(&titles[zone]));
    }
    // Two zones a box straddles nearly touch: their gap reads as one
    // border line, so no route runs down it or beside it (only the boxes
    // across the border stand within a zone's padding of it).
    for (left, right) in forest.plan.orders.values().flat_map(|o| &o.next) {
        let (Some(a), Some(b)) = (spans.get(left), spans.get(right)) else {
            continue;
        };
        let (from, width) = x.zones[left];
        let beside = ZONE_PADDING - 2.0;
        let (gap_left, gap_right) = (from + width - beside, x.zones[right].0 + beside);
        for row in a.first.max(b.first)..=a.last.min(b.last) {
            blocked.block_boxes(row, gap_left, gap_right);
            blocked.block_above(row, gap_left, gap_right);
        }
    }
    // A route running down beside a zone's side reads as part of the
    // border: no corridor runs that near a side, in any row the zone
    // spans (routes cross borders, never follow them).
    for (zone, span) in spans {
        let (left, width) = x.zones[zone];
        let reach = route::BORDER_CLEARANCE - route::TRACK / 2.0;
        for side in [left, left + width] {
            blocked.block_rows(span.first..=span.last, side - reach, side + reach);
        }
    }
    let band_names = project
        .layers
        .iter()
        .map(|l| text::text_width(&l.name.to_uppercase(), text::BAND_SIZE, true))
        .fold(text::text_width("UNASSIGNED", text::BAND_SIZE, true), f32::max);
    for row in 0..rows {
        blocked.block_above(row, 0.0, band_names + 20.0);
        // Nothing is drawn left of the drawing's edge: no corridor runs
        // there, however crowded the left side.
        blocked.block_above(row, f32::NEG_INFINITY, 0.0);
        blocked.block_boxes(row, f32::NEG_INFINITY, 0.0);
    }
    let index: FxHashMap<ComponentId, usize> = project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let (ids, requests): (Vec<DependencyId>, Vec<route::Request>) = project
        .dependencies
        .iter()
        .filter_map(|d| {
            let (from, to) = (*index.get(&d.from)?, *index.get(&d.to)?);
            Some((d.id, route::Request { from, to }))
        })
        .unzip();
    let boxes: Vec<(f32, f32)> = x
        .components
        .iter()
        .zip(widths)
        .map(|(left, width)| (*left, *width))
        .collect();
    // A box drawn across a border crosses the sides of the zones on both
    // chains, ZONE_PADDING apart on either side of its centre.
    let clear_of: Vec<Option<(f32, f32)>> = (0..project.components.len())
        .map(|i| {
            let Place::Across(s) = forest.place(i) else {
                return None;
            };
            let straddle = &forest.plan.straddles[s];
            let centre = x.components[i] + NODE_WIDTH / 2.0;
            let outermost = |chain: &[ZoneId]| {
                straddle::STRADDLE_GAP / 2.0
                    + chain.len().saturating_sub(1) as f32 * ZONE_PADDING
                    + route::BORDER_CLEARANCE
            };
            Some((centre - outermost(&straddle.left), centre + outermost(&straddle.right)))
        })
        .collect();
    let (plans, outer, inner) = route::plan(&requests, &boxes, &clear_of, row_of, &mut blocked);
    (ids.into_iter().zip(plans).collect(), outer, inner)
}

/// Width of a zone's title with its margins.
fn title_width(title: &str) -> f32 {
    text::text_width(title, TITLE_SIZE, false) + 16.0
}

fn band_index_map(project: &Project) -> impl Fn(&Component) -> Option<usize> + '_ {
    let order: FxHashMap<LayerId, usize> = project.layers.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    move |component: &Component| component.layer.and_then(|layer| order.get(&layer).copied())
}

/// One piece of a route drawn with rounded corners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RouteStep {
    /// A straight run to this point.
    Line((f32, f32)),
    /// A quarter turn bending at `corner` and ending at `to`.
    Turn { corner: (f32, f32), to: (f32, f32) },
}

/// A route's corners rounded: each bend becomes a turn of at most
/// `radius`, smaller where a segment is too short for it, so a route
/// never leaves its own straight runs by more than the bend. The steps
/// start after the route's first point.
pub fn rounded_route(points: &[(f32, f32)], radius: f32) -> Vec<RouteStep> {
    let mut steps = Vec::with_capacity(points.len() * 2);
    let length = |a: (f32, f32), b: (f32, f32)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let toward = |from: (f32, f32), to: (f32, f32), by: f32| {
        let l = length(from, to);
        if l <= f32::EPSILON {
            from
        } else {
            (from.0 + (to.0 - from.0) * by / l, from.1 + (to.1 - from.1) * by / l)
        }
    };
    for i in 1..points.len() {
        let point = points[i];
        let Some(&next) = points.get(i + 1) else {
            steps.push(RouteStep::Line(point));
            break;
        };
        let before = points[i - 1];
        let r = radius.min(length(before, point) / 2.0).min(length(point, next) / 2.0);
        steps.push(RouteStep::Line(toward(point, before, r)));
        steps.push(RouteStep::Turn {
            corner: point,
            to: toward(point, next, r),
        });
    }
    steps
}

/// A route with rounded corners as a polyline (each turn in `pieces`
/// straight pieces), for renderers without curves.
pub fn rounded_polyline(points: &[(f32, f32)], radius: f32, pieces: usize) -> Vec<(f32, f32)> {
    let Some(&first) = points.first() else {
        return Vec::new();
    };
    let mut out = vec![first];
    for step in rounded_route(points, radius) {
        match step {
            RouteStep::Line(to) => out.push(to),
            RouteStep::Turn { corner, to } => {
                let from = *out.last().unwrap_or(&corner);
                for k in 1..=pieces {
                    let t = k as f32 / pieces as f32;
                    let (a, b, c) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
                    out.push((
                        a * from.0 + b * corner.0 + c * to.0,
                        a * from.1 + b * corner.1 + c * to.1,
                    ));
                }
            }
        }
    }
    out.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
    out
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

/// The two components a route joins.
type RouteEnds = (ComponentId, ComponentId);
/// A route piece neither across nor upright: its ends and its route.
type SlantedPiece = ((f32, f32), (f32, f32), usize);

/// Counts pairs of drawn routes that cross, leaving out pairs that share
/// a component (they meet at it by design): the figure a reader sees.
pub fn count_route_crossings(project: &Project, geometry: &Geometry) -> usize {
    let ends: FxHashMap<DependencyId, (ComponentId, ComponentId)> =
        project.dependencies.iter().map(|d| (d.id, (d.from, d.to))).collect();
    let routes: Vec<(RouteEnds, &[(f32, f32)])> = geometry
        .edges
        .iter()
        .filter_map(|edge| Some((*ends.get(&edge.id)?, edge.points.as_slice())))
        .collect();
    let mut crossing: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    let pieces: Vec<&[(f32, f32)]> = routes.iter().map(|(_, points)| *points).collect();
    crossing_pieces(&pieces, |r, s| {
        let (a, b) = (routes[r].0, routes[s].0);
        let shared = a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1;
        if !shared {
            crossing.insert((r.min(s), r.max(s)));
        }
    });
    crossing.len()
}

/// Counts the points where two drawn routes cross, each crossing of two
/// straight pieces once, routes that share a box included: what a
/// reviewer counts on the exported drawing, and what auto-arrange
/// lowers.
pub fn count_piece_crossings(geometry: &Geometry) -> usize {
    let routes: Vec<&[(f32, f32)]> = geometry.edges.iter().map(|e| e.points.as_slice()).collect();
    let mut count = 0;
    crossing_pieces(&routes, |_, _| count += 1);
    count
}

/// Calls `note(r, s)` for every crossing of a piece of route `r` with a
/// piece of another route `s`. Routes are orthogonal, so each horizontal
/// piece is checked only against the vertical pieces within its x-range
/// (any other piece, as in a damaged drawing, against everything).
fn crossing_pieces(routes: &[&[(f32, f32)]], mut note: impl FnMut(usize, usize)) {
    let mut horizontal: Vec<(f32, f32, f32, usize)> = Vec::new();
    let mut vertical: Vec<(f32, f32, f32, usize)> = Vec::new();
    let mut slanted: Vec<SlantedPiece> = Vec::new();
    for (route, points) in routes.iter().enumerate() {
        for piece in points.windows(2) {
            let (a, b) = (piece[0], piece[1]);
            if a.1 == b.1 && a.0 != b.0 {
                horizontal.push((a.1, a.0.min(b.0), a.0.max(b.0), route));
            } else if a.0 == b.0 && a.1 != b.1 {
                vertical.push((a.0, a.1.min(b.1), a.1.max(b.1), route));
            } else if a != b {
                slanted.push((a, b, route));
            }
        }
    }
    vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
    for &(y, left, right, route) in &horizontal {
        let first = vertical.partition_point(|v| v.0 <= left);
        for &(_, top, bottom, other) in vertical[first..].iter().take_while(|v| v.0 < right) {
            if top < y && y < bottom && route != other {
                note(route, other);
            }
        }
    }
    let straight = horizontal
        .iter()
        .map(|&(y, l, r, route)| ((l, y), (r, y), route))
        .chain(vertical.iter().map(|&(x, t, b, route)| ((x, t), (x, b), route)));
    for (i, &(a, b, route)) in slanted.iter().enumerate() {
        let others = straight.clone().chain(slanted[i + 1..].iter().copied());
        for (c, d, other) in others {
            if route != other && segments_cross((a, b), (c, d)) {
                note(route, other);
            }
        }
    }
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
mod tests;
