//! Design tokens in egui's terms: the colours and sizes of
//! `assets/theme.ron` ([`crate::theme`]) as [`Color32`]s. Light and dark
//! themes share the structure; the canvas asks for a [`Palette`] and never
//! uses colour literals of its own.

use std::sync::LazyLock;

use egui::Color32;

use crate::model::{ComponentKind, DependencyKind, LayerKind};
use crate::theme::{self, CanvasColors, Rgba, Sizes};

/// A theme colour for egui (canvas colours with an alpha are stored
/// premultiplied).
pub fn color(rgba: Rgba) -> Color32 {
    let [r, g, b, a] = rgba.0;
    Color32::from_rgba_premultiplied(r, g, b, a)
}

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

impl Palette {
    fn of(colors: &CanvasColors, dark: bool) -> Palette {
        Palette {
            canvas: color(colors.canvas),
            band_label: color(colors.band_label),
            band_divider: color(colors.band_divider),
            zone_stroke: color(colors.zone_stroke),
            zone_fill: color(colors.zone_fill),
            zone_label: color(colors.zone_label),
            node_fill: color(colors.node_fill),
            node_stroke: color(colors.node_stroke),
            node_text: color(colors.node_text),
            node_subtext: color(colors.node_subtext),
            edge: color(colors.edge),
            edge_label: color(colors.edge_label),
            edge_label_bg: color(colors.edge_label_bg),
            selection: color(colors.selection),
            selection_fill: color(colors.selection_fill),
            handle: color(colors.handle),
            dark,
        }
    }

    fn colors(&self) -> &'static CanvasColors {
        let canvas = &theme::theme().canvas;
        if self.dark { &canvas.dark } else { &canvas.light }
    }
}

static LIGHT: LazyLock<Palette> = LazyLock::new(|| Palette::of(&theme::theme().canvas.light, false));
static DARK: LazyLock<Palette> = LazyLock::new(|| Palette::of(&theme::theme().canvas.dark, true));

pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

/// Sizes in screen points, and the zoom range.
pub fn sizes() -> &'static Sizes {
    &theme::theme().canvas.sizes
}

/// The tint of a layer band.
pub fn band_fill(kind: LayerKind, dark: bool) -> Color32 {
    let [r, g, b, _] = theme::theme().layer(kind).tint.0;
    let alpha = palette(dark).colors().band_alpha;
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The accent (icon and left stripe) of a component kind.
pub fn kind_accent(kind: ComponentKind) -> Color32 {
    color(theme::theme().kind(kind).accent)
}

/// Colour of a dependency arrow by kind (asynchronous ones are also dashed).
pub fn edge_color(kind: DependencyKind, palette: &Palette) -> Color32 {
    theme::theme().dependency(kind).color.map_or(palette.edge, color)
}

/// The smallest on-screen size, in points, that reads comfortably: names
/// and titles are never drawn smaller than this (level of detail by
/// on-screen text size, not by zoom).
pub const READABLE_TEXT: f32 = 8.0;

/// From this zoom up names are at least [`READABLE_TEXT`] at the drawing's
/// own size: the box shows its icon, its wrapped name and its technology.
/// Below it a box shows its name alone at [`READABLE_TEXT`] while the name
/// fits the box.
pub fn detail_zoom() -> f32 {
    READABLE_TEXT / crate::layout::text::NAME_SIZE
}

/// Colour of a problem's severity (icon and code in the problems panel).
pub fn level_color(level: crate::check::Level, palette: &Palette) -> Color32 {
    use crate::check::Level;
    let colors = palette.colors();
    color(match level {
        Level::Error => colors.error,
        Level::Warning => colors.warning,
        Level::Info => colors.info,
    })
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
    let colors = palette.colors();
    BlastColors {
        focus: color(colors.blast_focus),
        dependent: color(colors.blast_dependent),
        dependency: color(colors.blast_dependency),
        dim: sizes().blast_dim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palettes_keep_the_colours_the_canvas_was_designed_with() {
        let light = palette(false);
        assert_eq!(light.canvas, Color32::from_rgb(0xf7, 0xf8, 0xfa));
        assert_eq!(
            light.zone_fill,
            Color32::from_rgba_premultiplied(0x20, 0x30, 0x50, 0x08)
        );
        assert_eq!(palette(true).selection, Color32::from_rgb(0x5b, 0x9b, 0xff));
        assert_eq!(
            band_fill(LayerKind::Data, true),
            Color32::from_rgba_unmultiplied(0xd9, 0x8a, 0x3d, 0x22)
        );
        assert_eq!(edge_color(DependencyKind::Sync, light), light.edge);
        assert_eq!(
            kind_accent(ComponentKind::Database),
            Color32::from_rgb(0xd0, 0x7a, 0x2c)
        );
    }
}
