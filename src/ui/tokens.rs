//! Design tokens: every colour and size the workbench draws with, in one
//! place. Light and dark themes share the structure; the canvas asks for a
//! [`Palette`] and never uses colour literals of its own.

use egui::Color32;

use crate::model::{ComponentKind, DependencyKind, LayerKind};

/// Colours for one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub canvas: Color32,
    pub band_label: Color32,
    pub band_divider: Color32,
    pub zone_stroke: Color32,
    pub zone_fill: Color32,
    pub zone_label: Color32,
    pub node_fill: Color32,
    pub node_stroke: Color32,
    pub node_text: Color32,
    pub node_subtext: Color32,
    pub edge: Color32,
    pub edge_label: Color32,
    pub edge_label_bg: Color32,
    pub selection: Color32,
    pub selection_fill: Color32,
    pub handle: Color32,
    pub dark: bool,
}

pub const LIGHT: Palette = Palette {
    canvas: Color32::from_rgb(0xf7, 0xf8, 0xfa),
    band_label: Color32::from_rgb(0x44, 0x4c, 0x5a),
    band_divider: Color32::from_rgb(0xd5, 0xd9, 0xe0),
    zone_stroke: Color32::from_rgb(0x7a, 0x86, 0x99),
    zone_fill: Color32::from_rgba_premultiplied(0x20, 0x30, 0x50, 0x08),
    zone_label: Color32::from_rgb(0x4a, 0x55, 0x68),
    node_fill: Color32::WHITE,
    node_stroke: Color32::from_rgb(0x9a, 0xa3, 0xb2),
    node_text: Color32::from_rgb(0x1c, 0x22, 0x2b),
    node_subtext: Color32::from_rgb(0x5c, 0x66, 0x75),
    edge: Color32::from_rgb(0x5a, 0x66, 0x78),
    edge_label: Color32::from_rgb(0x33, 0x3b, 0x47),
    edge_label_bg: Color32::from_rgba_premultiplied(0xf7, 0xf8, 0xfa, 0xe0),
    selection: Color32::from_rgb(0x25, 0x6b, 0xe8),
    selection_fill: Color32::from_rgba_premultiplied(0x10, 0x30, 0x70, 0x20),
    handle: Color32::from_rgb(0x25, 0x6b, 0xe8),
    dark: false,
};

pub const DARK: Palette = Palette {
    canvas: Color32::from_rgb(0x1b, 0x1e, 0x24),
    band_label: Color32::from_rgb(0xc4, 0xcb, 0xd6),
    band_divider: Color32::from_rgb(0x33, 0x39, 0x44),
    zone_stroke: Color32::from_rgb(0x8b, 0x96, 0xa8),
    zone_fill: Color32::from_rgba_premultiplied(0x08, 0x0a, 0x0e, 0x10),
    zone_label: Color32::from_rgb(0xaa, 0xb3, 0xc2),
    node_fill: Color32::from_rgb(0x2a, 0x2f, 0x38),
    node_stroke: Color32::from_rgb(0x55, 0x5f, 0x6e),
    node_text: Color32::from_rgb(0xe8, 0xec, 0xf2),
    node_subtext: Color32::from_rgb(0x9d, 0xa7, 0xb6),
    edge: Color32::from_rgb(0x9a, 0xa5, 0xb5),
    edge_label: Color32::from_rgb(0xd0, 0xd6, 0xdf),
    edge_label_bg: Color32::from_rgba_premultiplied(0x1b, 0x1e, 0x24, 0xe0),
    selection: Color32::from_rgb(0x5b, 0x9b, 0xff),
    selection_fill: Color32::from_rgba_premultiplied(0x20, 0x40, 0x80, 0x30),
    handle: Color32::from_rgb(0x5b, 0x9b, 0xff),
    dark: true,
};

pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

/// The tint of a layer band.
pub fn band_fill(kind: LayerKind, dark: bool) -> Color32 {
    let (r, g, b) = match kind {
        LayerKind::Edge => (0x4f, 0x8c, 0xd9),
        LayerKind::Network => (0x3f, 0xa7, 0xa0),
        LayerKind::Integration => (0x8a, 0x6f, 0xd6),
        LayerKind::Compute => (0x4c, 0xaf, 0x6a),
        LayerKind::Data => (0xd9, 0x8a, 0x3d),
        LayerKind::Storage => (0xb5, 0x8b, 0x4c),
        LayerKind::Observability => (0xd0, 0x5c, 0x8c),
        LayerKind::Security => (0xc9, 0x4b, 0x4b),
        LayerKind::Custom => (0x80, 0x88, 0x95),
    };
    let alpha = if dark { 0x22 } else { 0x1a };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The accent (icon and left stripe) of a component kind.
pub fn kind_accent(kind: ComponentKind) -> Color32 {
    match kind {
        ComponentKind::Service | ComponentKind::Function | ComponentKind::Worker => Color32::from_rgb(0x3d, 0x9a, 0x5b),
        ComponentKind::Database | ComponentKind::Cache => Color32::from_rgb(0xd0, 0x7a, 0x2c),
        ComponentKind::Queue | ComponentKind::EventBus => Color32::from_rgb(0x9b, 0x5d, 0xc9),
        ComponentKind::ObjectStorage | ComponentKind::BlockStorage => Color32::from_rgb(0xa8, 0x7f, 0x3e),
        ComponentKind::LoadBalancer | ComponentKind::Gateway => Color32::from_rgb(0x7d, 0x62, 0xd1),
        ComponentKind::Cdn | ComponentKind::Dns => Color32::from_rgb(0x3b, 0x7f, 0xd0),
        ComponentKind::Waf | ComponentKind::Firewall | ComponentKind::SecretStore | ComponentKind::Identity => {
            Color32::from_rgb(0xc2, 0x45, 0x45)
        }
        ComponentKind::Network => Color32::from_rgb(0x2f, 0x9c, 0x95),
        ComponentKind::Monitoring => Color32::from_rgb(0xc4, 0x4f, 0x86),
        ComponentKind::User => Color32::from_rgb(0x4a, 0x6f, 0xa5),
        ComponentKind::ExternalSystem | ComponentKind::Other => Color32::from_rgb(0x76, 0x7f, 0x8c),
    }
}

/// Colour of a dependency arrow by kind (asynchronous ones are also dashed).
pub fn edge_color(kind: DependencyKind, palette: &Palette) -> Color32 {
    match kind {
        DependencyKind::Sync => palette.edge,
        DependencyKind::Async => Color32::from_rgb(0x9b, 0x5d, 0xc9),
        DependencyKind::Data => Color32::from_rgb(0xd0, 0x7a, 0x2c),
        DependencyKind::Replication => Color32::from_rgb(0x2f, 0x9c, 0x95),
        DependencyKind::Network => Color32::from_rgb(0x3b, 0x7f, 0xd0),
    }
}

/// Sizes in screen points.
pub const NODE_CORNER: f32 = 6.0;
pub const ZONE_CORNER: f32 = 10.0;
pub const HANDLE_RADIUS: f32 = 6.0;
pub const EDGE_WIDTH: f32 = 1.4;
pub const SELECTED_WIDTH: f32 = 2.5;
/// The smallest on-screen size, in points, at which an edge label is drawn.
pub const MIN_TEXT_SIZE: f32 = 6.5;
/// The smallest on-screen size, in points, that reads comfortably: names
/// and titles are never drawn smaller than this (level of detail by
/// on-screen text size, not by zoom).
pub const READABLE_TEXT: f32 = 8.0;
/// From this zoom up names are at least [`READABLE_TEXT`] at the drawing's
/// own size: the box shows its icon, its wrapped name and its technology.
/// Below it a box shows its name alone at [`READABLE_TEXT`] while the
/// name fits the box.
pub const DETAIL_ZOOM: f32 = READABLE_TEXT / crate::layout::text::NAME_SIZE;
pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 4.0;

/// Colour of a problem's severity (icon and code in the problems panel).
pub fn level_color(level: crate::check::Level, palette: &Palette) -> Color32 {
    use crate::check::Level;
    match (level, palette.dark) {
        (Level::Error, false) => Color32::from_rgb(0xc6, 0x28, 0x28),
        (Level::Error, true) => Color32::from_rgb(0xff, 0x6b, 0x6b),
        (Level::Warning, false) => Color32::from_rgb(0xb2, 0x6a, 0x00),
        (Level::Warning, true) => Color32::from_rgb(0xf0, 0xb4, 0x3c),
        (Level::Info, false) => Color32::from_rgb(0x25, 0x6b, 0xe8),
        (Level::Info, true) => Color32::from_rgb(0x5b, 0x9b, 0xff),
    }
}

/// Blast radius highlight on the canvas: the chosen component, what breaks
/// if it fails (its dependents), what it needs (its dependencies).
#[derive(Clone, Copy, Debug)]
pub struct BlastColors {
    pub focus: Color32,
    pub dependent: Color32,
    pub dependency: Color32,
    /// How much of the canvas colour a component outside the radius takes
    /// (0 = unchanged, 1 = invisible).
    pub dim: f32,
}

pub fn blast_colors(palette: &Palette) -> BlastColors {
    if palette.dark {
        BlastColors {
            focus: Color32::from_rgb(0xff, 0xd1, 0x4a),
            dependent: Color32::from_rgb(0xff, 0x7a, 0x45),
            dependency: Color32::from_rgb(0x5b, 0x9b, 0xff),
            dim: 0.7,
        }
    } else {
        BlastColors {
            focus: Color32::from_rgb(0x1c, 0x22, 0x2b),
            dependent: Color32::from_rgb(0xe0, 0x4e, 0x1b),
            dependency: Color32::from_rgb(0x25, 0x6b, 0xe8),
            dim: 0.7,
        }
    }
}

/// Width of a highlighted outline or arrow in the blast radius view.
pub const BLAST_WIDTH: f32 = 3.0;
