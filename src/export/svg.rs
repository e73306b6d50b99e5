//! SVG drawn by Strata itself from the canvas geometry (bands, zones,
//! boxes, arrows). Plain shapes and `<text>` only, no `<foreignObject>`, so
//! the files open in browsers, Inkscape and LibreOffice alike.

use std::collections::HashMap;
use std::fmt::Write;

use crate::layout::{Geometry, NODE_HEIGHT, NODE_WIDTH, Rect};
use crate::model::*;

/// The SVG's font list: Latin faces first, then the usual CJK, Arabic and
/// emoji families of Linux, macOS and Windows, so a name in any of those
/// scripts is drawn wherever the file is opened.
pub const SVG_FONT_FAMILIES: &str = "DejaVu Sans, Liberation Sans, Arial, Noto Sans CJK SC, Noto Sans CJK JP, \
     Source Han Sans SC, PingFang SC, Hiragino Sans, Microsoft YaHei, Yu Gothic, Malgun Gothic, Noto Sans Arabic, \
     Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji, sans-serif";

/// Escapes text for XML content and attributes; drops characters XML 1.0
/// forbids.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn fit(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

/// Band fill colours by layer kind: light tints that keep dark text
/// readable in print.
pub fn band_fill(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Edge => "#eef4fb",
        LayerKind::Network => "#f1f1f8",
        LayerKind::Integration => "#eef7f4",
        LayerKind::Compute => "#f5f8ee",
        LayerKind::Data => "#fbf3ea",
        LayerKind::Storage => "#f8f0f4",
        LayerKind::Observability => "#f0f4f6",
        LayerKind::Security => "#fbefef",
        LayerKind::Custom => "#f4f4f4",
    }
}

fn zone_stroke(kind: ZoneKind) -> (&'static str, &'static str) {
    match kind {
        ZoneKind::Region => ("#4a6fa5", ""),
        ZoneKind::AvailabilityZone => ("#5b8c5a", "6 4"),
        ZoneKind::Vpc => ("#7a5ea8", ""),
        ZoneKind::Subnet => ("#8a8a8a", "3 3"),
        ZoneKind::Cluster => ("#b07a2a", ""),
        ZoneKind::TrustBoundary => ("#b03a3a", "8 4"),
        ZoneKind::Custom => ("#666666", "2 3"),
    }
}

/// Draws the whole project, or one layer when `only_layer` is set.
pub fn render(project: &Project, only_layer: Option<LayerId>) -> String {
    let filtered;
    let project = match only_layer {
        None => project,
        Some(layer) => {
            let members: std::collections::HashSet<ComponentId> = project
                .components
                .iter()
                .filter(|c| c.layer == Some(layer))
                .map(|c| c.id)
                .collect();
            filtered = Project {
                layers: project.layers.iter().filter(|l| l.id == layer).cloned().collect(),
                components: project
                    .components
                    .iter()
                    .filter(|c| c.layer == Some(layer))
                    .cloned()
                    .collect(),
                zones: project.zones.clone(),
                // Only arrows inside the layer are drawn in its diagram.
                dependencies: project
                    .dependencies
                    .iter()
                    .filter(|d| members.contains(&d.from) && members.contains(&d.to))
                    .cloned()
                    .collect(),
                ..Project::default()
            };
            &filtered
        }
    };
    let geometry = Geometry::of(project);
    let (width, height) = (geometry.width.ceil(), geometry.height.ceil());
    let mut out = String::with_capacity(400 * project.components.len() + 300 * project.dependencies.len() + 2048);
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{SVG_FONT_FAMILIES}" font-size="12">"##
    );
    out.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
"##,
    );
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );

    for band in &geometry.bands {
        let _ = writeln!(
            out,
            r##"<rect x="0" y="{}" width="{width}" height="{}" fill="{}" stroke="#d0d0d0" stroke-width="1"/>"##,
            band.top,
            band.height,
            band_fill(band.kind)
        );
        let _ = writeln!(
            out,
            r##"<text x="10" y="{}" font-size="14" font-weight="bold" fill="#333">{}</text>"##,
            band.top + 20.0,
            xml(&fit(&band.name, 80))
        );
    }

    let zones: HashMap<ZoneId, &Zone> = project.zones.iter().map(|z| (z.id, z)).collect();
    for zone_box in &geometry.zones {
        let Some(zone) = zones.get(&zone_box.id) else { continue };
        let (stroke, dash) = zone_stroke(zone.kind);
        let r = zone_box.rect;
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="none" stroke="{stroke}" stroke-width="1.5"{dash}/>"##,
            r.x, r.y, r.width, r.height
        );
        let label = format!(
            "{} · {}{}",
            fit(&zone.name, 50),
            zone.kind.label(),
            if zone.public { " (public)" } else { "" }
        );
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="11" fill="{stroke}">{}</text>"##,
            r.x + 8.0,
            r.y + 13.0,
            xml(&label)
        );
    }

    let components: HashMap<ComponentId, &Component> = project.components.iter().map(|c| (c.id, c)).collect();
    for dependency in &project.dependencies {
        let (Some(from), Some(to)) = (geometry.node(dependency.from), geometry.node(dependency.to)) else {
            continue;
        };
        if !components.contains_key(&dependency.from) || !components.contains_key(&dependency.to) {
            continue;
        }
        let ((x1, y1), (x2, y2)) = endpoints(from, to);
        let dash = match dependency.kind {
            DependencyKind::Async => r#" stroke-dasharray="6 4""#,
            _ => "",
        };
        let stroke_width = if dependency.kind == DependencyKind::Replication {
            2.5
        } else {
            1.3
        };
        let _ = writeln!(
            out,
            r##"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" stroke-width="{stroke_width}"{dash} marker-end="url(#arrow)"/>"##
        );
        let label = if dependency.protocol.trim().is_empty() {
            dependency.label.clone()
        } else if dependency.label.trim().is_empty() {
            dependency.protocol.clone()
        } else {
            format!("{} ({})", dependency.label.trim(), dependency.protocol.trim())
        };
        let label = fit(&label, 40);
        if !label.is_empty() {
            let _ = writeln!(
                out,
                r##"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#333" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                (x1 + x2) / 2.0,
                (y1 + y2) / 2.0 - 3.0,
                xml(&label)
            );
        }
    }

    for (id, rect) in &geometry.nodes {
        let Some(component) = components.get(id) else { continue };
        node(&mut out, component, *rect);
    }
    out.push_str("</svg>\n");
    out
}

/// Where an arrow leaves one box and enters the other: bottom to top going
/// down the bands, top to bottom going up, side to side within a band.
fn endpoints(from: Rect, to: Rect) -> ((f32, f32), (f32, f32)) {
    let (fx, fy) = from.center();
    let (tx, ty) = to.center();
    if to.y >= from.bottom() {
        ((fx, from.bottom()), (tx, to.y))
    } else if to.bottom() <= from.y {
        ((fx, from.y), (tx, to.bottom()))
    } else if tx >= fx {
        ((from.right(), fy), (to.x, ty))
    } else {
        ((from.x, fy), (to.right(), ty))
    }
}

fn node(out: &mut String, component: &Component, r: Rect) {
    let (fill, stroke) = ("#ffffff", "#3d4b5c");
    let (x, y, w, h) = (r.x, r.y, NODE_WIDTH, NODE_HEIGHT);
    match component.kind {
        ComponentKind::Database | ComponentKind::Cache | ComponentKind::ObjectStorage | ComponentKind::BlockStorage => {
            // A cylinder: body, then the top ellipse drawn over it.
            let ry = 7.0;
            let _ = writeln!(
                out,
                r##"<path d="M{x},{top} L{x},{bottom} A{rx},{ry} 0 0 0 {right},{bottom} L{right},{top}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><ellipse cx="{cx}" cy="{top}" rx="{rx}" ry="{ry}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"##,
                top = y + ry,
                bottom = y + h - ry,
                right = x + w,
                rx = w / 2.0,
                cx = x + w / 2.0,
            );
        }
        ComponentKind::Queue | ComponentKind::EventBus => {
            let _ = writeln!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><path d="M{a},{y} L{a},{b} M{c},{y} L{c},{b}" stroke="{stroke}" stroke-width="1"/>"##,
                a = x + w - 12.0,
                c = x + w - 6.0,
                b = y + h,
            );
        }
        ComponentKind::LoadBalancer | ComponentKind::Gateway => {
            let cut = 10.0;
            let _ = writeln!(
                out,
                r##"<path d="M{a},{y} L{b},{y} L{r},{m} L{b},{bt} L{a},{bt} L{x},{m} z" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"##,
                a = x + cut,
                b = x + w - cut,
                r = x + w,
                m = y + h / 2.0,
                bt = y + h,
            );
        }
        ComponentKind::User => {
            let _ = writeln!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{h2}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><circle cx="{cx}" cy="{cy}" r="5" fill="none" stroke="{stroke}"/><path d="M{l},{b} Q{cx},{t} {rr},{b}" fill="none" stroke="{stroke}"/>"##,
                h2 = h / 2.0,
                cx = x + 18.0,
                cy = y + h / 2.0 - 6.0,
                l = x + 10.0,
                rr = x + 26.0,
                t = y + h / 2.0 - 2.0,
                b = y + h / 2.0 + 12.0,
            );
        }
        ComponentKind::ExternalSystem => {
            let _ = writeln!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="#f7f7f7" stroke="{stroke}" stroke-width="1.5" stroke-dasharray="5 3"/>"##
            );
        }
        ComponentKind::Dns | ComponentKind::Cdn | ComponentKind::Waf | ComponentKind::Firewall => {
            let _ = writeln!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="18" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"##
            );
        }
        _ => {
            let _ = writeln!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"##
            );
        }
    }
    let cx = x + w / 2.0;
    let name = if component.name.trim().is_empty() {
        "(unnamed)"
    } else {
        component.name.as_str()
    };
    let _ = writeln!(
        out,
        r##"<text x="{cx}" y="{}" text-anchor="middle" font-weight="bold" fill="#1d2733">{}</text>"##,
        y + h / 2.0 + 1.0,
        xml(&fit(name, 22))
    );
    let detail = if component.technology.trim().is_empty() {
        component.kind.label()
    } else {
        component.technology.as_str()
    };
    let _ = writeln!(
        out,
        r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="10" fill="#5a6673">{}</text>"##,
        y + h / 2.0 + 15.0,
        xml(&fit(detail, 28))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_keeps_documents_well_formed() {
        assert_eq!(xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }

    #[test]
    fn renders_every_component_and_no_foreign_objects() {
        let project = crate::synth::generate(25);
        let svg = render(&project, None);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        assert!(!svg.contains("foreignObject"));
        for component in &project.components {
            assert!(svg.contains(&xml(&fit(&component.name, 22))), "{}", component.name);
        }
        let one_layer = render(&project, Some(LayerId(4)));
        assert!(one_layer.len() < svg.len());
    }
}
