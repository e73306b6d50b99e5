//! Design tokens as data: colours, sizes, stroke widths and per-kind styles
//! from `assets/theme.ron`, built into the binary and parsed once. The
//! canvas, the review presentation and the SVG export read them from here;
//! the conversion to egui colours lives in `ui::tokens` (this module knows
//! nothing of egui).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{ComponentKind, DependencyKind, LayerKind, VariantArray, ZoneKind};

/// The theme file, as shipped.
pub const THEME_RON: &str = include_str!("../../assets/theme.ron");

/// A colour written `#rrggbb` or `#rrggbbaa`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Rgba(pub [u8; 4]);

impl TryFrom<String> for Rgba {
    type Error = String;

    fn try_from(text: String) -> Result<Rgba, String> {
        let digits = text
            .strip_prefix('#')
            .ok_or_else(|| format!("colour “{text}” must start with #"))?;
        if !matches!(digits.len(), 6 | 8) || !digits.is_ascii() {
            return Err(format!("colour “{text}” must be #rrggbb or #rrggbbaa"));
        }
        let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|e| format!("colour “{text}”: {e}"));
        let alpha = if digits.len() == 8 { byte(6)? } else { 0xff };
        Ok(Rgba([byte(0)?, byte(2)?, byte(4)?, alpha]))
    }
}

impl Rgba {
    /// `#rrggbb` (the alpha is dropped), for SVG attributes.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// The canvas colours of one theme (alpha colours premultiplied).
#[derive(Clone, Debug, Deserialize)]
pub struct CanvasColors {
    pub canvas: Rgba,
    pub band_label: Rgba,
    pub band_divider: Rgba,
    pub zone_stroke: Rgba,
    pub zone_fill: Rgba,
    pub zone_label: Rgba,
    pub node_fill: Rgba,
    pub node_stroke: Rgba,
    pub node_text: Rgba,
    pub node_subtext: Rgba,
    pub edge: Rgba,
    pub edge_label: Rgba,
    pub edge_label_bg: Rgba,
    pub selection: Rgba,
    pub selection_fill: Rgba,
    pub handle: Rgba,
    /// The alpha of a layer band's tint.
    pub band_alpha: u8,
    pub error: Rgba,
    pub warning: Rgba,
    pub info: Rgba,
    pub blast_focus: Rgba,
    pub blast_dependent: Rgba,
    pub blast_dependency: Rgba,
}

/// Sizes in screen points, and the zoom range.
#[derive(Clone, Debug, Deserialize)]
pub struct Sizes {
    pub node_corner: f32,
    pub zone_corner: f32,
    pub handle_radius: f32,
    pub edge_width: f32,
    /// Outlines of boxes, band dividers and the rubber band.
    pub outline_width: f32,
    pub zone_width: f32,
    /// What a gesture draws: a drag handle's ring, the arrow being drawn.
    pub gesture_width: f32,
    pub selected_width: f32,
    pub blast_width: f32,
    /// How much of the canvas colour a component outside a blast radius
    /// takes (0 = unchanged, 1 = invisible).
    pub blast_dim: f32,
    /// The smallest on-screen size, in points, at which a name is drawn.
    pub min_text_size: f32,
    pub min_zoom: f32,
    pub max_zoom: f32,
    pub rename_field_width: f32,
    pub rename_field_height: f32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CanvasTheme {
    pub light: CanvasColors,
    pub dark: CanvasColors,
    pub sizes: Sizes,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LayerStyle {
    pub tint: Rgba,
    pub svg_fill: Rgba,
}

#[derive(Clone, Debug, Deserialize)]
pub struct KindStyle {
    pub accent: Rgba,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DependencyStyle {
    /// `None`: the theme's edge colour.
    pub color: Option<Rgba>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ZoneStyle {
    pub stroke: Rgba,
    /// An SVG `stroke-dasharray`; empty for a solid line.
    pub dash: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ReviewColors {
    pub accepted: Rgba,
    pub rejected: Rgba,
    pub proposed: Rgba,
    pub retired: Rgba,
    pub highlight: Rgba,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ReviewTheme {
    pub light: ReviewColors,
    pub dark: ReviewColors,
}

/// Every design token.
#[derive(Clone, Debug, Deserialize)]
pub struct Theme {
    pub canvas: CanvasTheme,
    layers: HashMap<LayerKind, LayerStyle>,
    kinds: HashMap<ComponentKind, KindStyle>,
    dependencies: HashMap<DependencyKind, DependencyStyle>,
    zones: HashMap<ZoneKind, ZoneStyle>,
    pub review: ReviewTheme,
}

/// What is wrong with a theme file.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("the theme does not parse: {0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("the theme has no style for {0}")]
    Missing(String),
}

impl Theme {
    /// Parses a theme and checks that every kind has a style, so the
    /// lookups below never miss.
    pub fn parse(text: &str) -> Result<Theme, ThemeError> {
        let theme: Theme = ron::from_str(text)?;
        let missing = |what: String| Err(ThemeError::Missing(what));
        if let Some(kind) = LayerKind::VARIANTS.iter().find(|k| !theme.layers.contains_key(k)) {
            return missing(format!("layer kind {kind:?}"));
        }
        if let Some(kind) = ComponentKind::VARIANTS.iter().find(|k| !theme.kinds.contains_key(k)) {
            return missing(format!("component kind {kind:?}"));
        }
        if let Some(kind) = DependencyKind::VARIANTS
            .iter()
            .find(|k| !theme.dependencies.contains_key(k))
        {
            return missing(format!("dependency kind {kind:?}"));
        }
        if let Some(kind) = ZoneKind::VARIANTS.iter().find(|k| !theme.zones.contains_key(k)) {
            return missing(format!("zone kind {kind:?}"));
        }
        Ok(theme)
    }

    pub fn layer(&self, kind: LayerKind) -> &LayerStyle {
        &self.layers[&kind]
    }
    pub fn kind(&self, kind: ComponentKind) -> &KindStyle {
        &self.kinds[&kind]
    }
    pub fn dependency(&self, kind: DependencyKind) -> &DependencyStyle {
        &self.dependencies[&kind]
    }
    pub fn zone(&self, kind: ZoneKind) -> &ZoneStyle {
        &self.zones[&kind]
    }
}

static THEME: LazyLock<Theme> = LazyLock::new(|| match Theme::parse(THEME_RON) {
    Ok(theme) => theme,
    // The file is part of the binary and a test parses it: this is a
    // build that should never have shipped.
    Err(error) => panic!("assets/theme.ron: {error}"),
});

/// The design tokens, parsed on first use.
pub fn theme() -> &'static Theme {
    &THEME
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_theme_parses_and_styles_every_kind() {
        let theme = Theme::parse(THEME_RON).expect("assets/theme.ron parses");
        for &kind in ComponentKind::VARIANTS {
            assert_eq!(theme.kind(kind).accent.0[3], 0xff, "{kind:?} has an opaque accent");
        }
        for &kind in LayerKind::VARIANTS {
            assert_eq!(theme.layer(kind).svg_fill.0[3], 0xff, "{kind:?} has an opaque SVG fill");
        }
        assert!(theme.canvas.sizes.min_zoom < theme.canvas.sizes.max_zoom);
    }

    #[test]
    fn a_theme_missing_a_kind_is_refused_with_its_name() {
        let without_cache = THEME_RON.replace("Cache: (accent: \"#d07a2c\"),", "");
        let error = Theme::parse(&without_cache).expect_err("Cache has no style");
        assert!(error.to_string().contains("Cache"), "{error}");
    }

    #[test]
    fn colours_parse_with_and_without_alpha() {
        assert_eq!(Rgba::try_from("#0a0b0c".to_owned()), Ok(Rgba([10, 11, 12, 255])));
        assert_eq!(Rgba::try_from("#0a0b0c80".to_owned()), Ok(Rgba([10, 11, 12, 128])));
        assert!(Rgba::try_from("0a0b0c".to_owned()).is_err());
        assert!(Rgba::try_from("#0a0b".to_owned()).is_err());
        assert!(Rgba::try_from("#zzzzzz".to_owned()).is_err());
        assert_eq!(Rgba([0xee, 0xf4, 0xfb, 0xff]).hex(), "#eef4fb");
    }
}
