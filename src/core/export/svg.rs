//! SVG drawn by Strata itself from the canvas geometry (bands, zones,
//! boxes, arrows). Plain shapes and `<text>` only, no `<foreignObject>`, so
//! the files open in browsers, Inkscape and LibreOffice alike.

use std::collections::HashMap;
use std::fmt::Write;

use crate::layout::edges::{Anchor, EdgeDrawing};
use crate::layout::{Geometry, NodeText, Rect, ZoneBox, text};
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

/// Band fill colours by layer kind (design tokens in `assets/theme.ron`):
/// light tints that keep dark text readable in print.
pub fn band_fill(kind: LayerKind) -> String {
    crate::theme::theme().layer(kind).svg_fill.hex()
}

/// A zone's outline colour and dash pattern (design tokens).
fn zone_stroke(kind: ZoneKind) -> (String, &'static str) {
    let style = crate::theme::theme().zone(kind);
    (style.stroke.hex(), style.dash.as_str())
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
    let legend_top = geometry.height + 10.0;
    let width = geometry.width.max(LEGEND_WIDTH + 20.0).ceil();
    let height = (legend_top + LEGEND_HEIGHT).ceil();
    let mut out = String::with_capacity(600 * project.components.len() + 400 * project.dependencies.len() + 4096);
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{SVG_FONT_FAMILIES}" font-size="12">"##
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&project.meta.name));
    out.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
"##,
    );
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );

    for band in &geometry.bands {
        let id = band
            .layer
            .map_or_else(|| "band-unassigned".to_owned(), |l| format!("layer-{}", l.0));
        let _ = writeln!(
            out,
            r##"<g id="{id}" class="band"><rect x="0" y="{}" width="{width}" height="{}" fill="{}" stroke="#d0d0d0" stroke-width="1"/><text x="10" y="{}" font-size="{}" font-weight="bold" fill="#333">{}</text></g>"##,
            band.top,
            band.height,
            band_fill(band.kind),
            band.top + 20.0,
            text::BAND_SIZE,
            xml(&band.name.to_uppercase())
        );
    }

    let zones: HashMap<ZoneId, &Zone> = project.zones.iter().map(|z| (z.id, z)).collect();
    for zone_box in &geometry.zones {
        let Some(zone) = zones.get(&zone_box.id) else { continue };
        zone_group(&mut out, zone, zone_box);
    }

    let components: HashMap<ComponentId, &Component> = project.components.iter().map(|c| (c.id, c)).collect();
    let dependencies: HashMap<DependencyId, &Dependency> = project.dependencies.iter().map(|d| (d.id, d)).collect();
    for edge in &geometry.edges {
        let Some(dependency) = dependencies.get(&edge.id) else {
            continue;
        };
        let name = |id| components.get(&id).map_or("?", |c| c.name.as_str());
        edge_group(&mut out, dependency, edge, name(dependency.from), name(dependency.to));
    }

    for (id, rect) in &geometry.nodes {
        let (Some(component), Some(text)) = (components.get(id), geometry.text(*id)) else {
            continue;
        };
        node(&mut out, component, *rect, text);
    }
    legend(&mut out, legend_top);
    out.push_str("</svg>\n");
    out
}

fn dash_attribute(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    }
}

fn zone_group(out: &mut String, zone: &Zone, zone_box: &ZoneBox) {
    let (stroke, dash) = zone_stroke(zone.kind);
    let r = zone_box.rect;
    let tooltip = if zone.description.trim().is_empty() {
        zone_box.title.clone()
    } else {
        format!("{}: {}", zone_box.title, zone.description.trim())
    };
    let _ = writeln!(
        out,
        r##"<g id="zone-{}" class="zone"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="none" stroke="{stroke}" stroke-width="1.5"{}/><text x="{}" y="{}" font-size="{}" fill="{stroke}">{}</text></g>"##,
        zone.id.0,
        xml(&tooltip),
        r.x,
        r.y,
        r.width,
        r.height,
        dash_attribute(dash),
        r.x + 8.0,
        r.y + 13.0,
        text::TITLE_SIZE,
        xml(&zone_box.title)
    );
}

fn edge_style(dependency: &Dependency) -> (&'static str, f32, &'static str) {
    let color = match dependency.criticality {
        Criticality::Critical => "#b03a3a",
        Criticality::High => "#c2712b",
        Criticality::Medium => "#555555",
        Criticality::Low => "#8a8a8a",
    };
    let (width, dash) = match dependency.kind {
        DependencyKind::Async => (1.3, "6 4"),
        DependencyKind::Data => (1.3, "2 3"),
        DependencyKind::Replication => (2.5, "10 3 2 3"),
        DependencyKind::Sync | DependencyKind::Network => (1.3, ""),
    };
    let width = if dependency.criticality == Criticality::Critical {
        width + 0.8
    } else {
        width
    };
    (color, width, dash)
}

fn edge_group(out: &mut String, dependency: &Dependency, edge: &EdgeDrawing, from: &str, to: &str) {
    let (color, width, dash) = edge_style(dependency);
    let mut path = edge
        .points
        .first()
        .map_or_else(String::new, |(x, y)| format!("M{x},{y}"));
    for step in crate::layout::rounded_route(&edge.points, crate::layout::route::CORNER) {
        let _ = match step {
            crate::layout::RouteStep::Line((x, y)) => write!(path, " L{x},{y}"),
            crate::layout::RouteStep::Turn { corner, to } => {
                write!(path, " Q{},{} {},{}", corner.0, corner.1, to.0, to.1)
            }
        };
    }
    let tooltip = if edge.full_label.is_empty() {
        format!("{from} → {to}")
    } else {
        format!("{from} → {to}: {}", edge.full_label)
    };
    let _ = write!(
        out,
        r##"<g id="dependency-{}" class="edge {}" data-from="component-{}" data-to="component-{}"><title>{}</title><path d="{path}" fill="none" stroke="{color}" stroke-width="{width}"{} marker-end="url(#arrow)"/>"##,
        dependency.id.0,
        dependency.kind.label().to_lowercase().replace(' ', "-"),
        dependency.from.0,
        dependency.to.0,
        xml(&tooltip),
        dash_attribute(dash),
    );
    if let Some(label) = &edge.label {
        let (cx, cy) = label.rect.center();
        // The text is held against the side facing its route: a browser's
        // text is narrower than the layout's estimate, and centred it
        // would drift off the route.
        let (x, anchor) = match label.anchor {
            Anchor::Left => (label.rect.x, "start"),
            Anchor::Centre => (cx, "middle"),
            Anchor::Right => (label.rect.right(), "end"),
        };
        let _ = write!(
            out,
            r##"<text x="{x}" y="{}" font-size="{}" text-anchor="{anchor}" fill="#333" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            cy + 3.5,
            text::LABEL_SIZE,
            xml(&label.text)
        );
    }
    out.push_str("</g>\n");
}

const LEGEND_WIDTH: f32 = 900.0;
const LEGEND_HEIGHT: f32 = 96.0;

/// What the marks mean: edge kinds, criticality colours and zone kinds.
fn legend(out: &mut String, top: f32) {
    let _ = write!(
        out,
        r##"<g id="legend" class="legend"><title>Legend</title><rect x="10" y="{top}" width="{LEGEND_WIDTH}" height="{}" rx="6" fill="#ffffff" stroke="#c8c8c8"/>"##,
        LEGEND_HEIGHT - 10.0
    );
    let row = |i: usize| top + 22.0 + i as f32 * 24.0;
    let caption = |out: &mut String, y: f32, text: &str| {
        let _ = write!(
            out,
            r##"<text x="20" y="{}" font-size="10" font-weight="bold" fill="#333">{text}</text>"##,
            y + 4.0
        );
    };
    caption(out, row(0), "Edges");
    for (i, kind) in DependencyKind::VARIANTS.iter().enumerate() {
        let sample = Dependency {
            kind: *kind,
            ..Dependency::default()
        };
        let (color, width, dash) = edge_style(&sample);
        let x = 110.0 + i as f32 * 130.0;
        let _ = write!(
            out,
            r##"<path d="M{x},{y} L{},{y}" stroke="{color}" stroke-width="{width}"{} marker-end="url(#arrow)"/><text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
            x + 36.0,
            dash_attribute(dash),
            x + 42.0,
            row(0) + 4.0,
            xml(kind.label()),
            y = row(0),
        );
    }
    caption(out, row(1), "Criticality");
    for (i, criticality) in Criticality::VARIANTS.iter().enumerate() {
        let sample = Dependency {
            criticality: *criticality,
            ..Dependency::default()
        };
        let (color, width, _) = edge_style(&sample);
        let x = 110.0 + i as f32 * 130.0;
        let _ = write!(
            out,
            r##"<path d="M{x},{y} L{},{y}" stroke="{color}" stroke-width="{width}"/><text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
            x + 36.0,
            x + 42.0,
            row(1) + 4.0,
            xml(criticality.label()),
            y = row(1),
        );
    }
    caption(out, row(2), "Zones");
    let mut x = 110.0;
    for &kind in ZoneKind::VARIANTS {
        let (stroke, dash) = zone_stroke(kind);
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{}" width="22" height="12" rx="3" fill="none" stroke="{stroke}" stroke-width="1.5"{}/><text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
            row(2) - 6.0,
            dash_attribute(dash),
            x + 27.0,
            row(2) + 4.0,
            xml(kind.label()),
        );
        x += 27.0 + text::text_width(kind.label(), 10.0, false) + 16.0;
    }
    out.push_str("</g>\n");
}

fn node(out: &mut String, component: &Component, r: Rect, text: &NodeText) {
    let (fill, stroke) = ("#ffffff", "#3d4b5c");
    let (x, y, w, h) = (r.x, r.y, r.width, r.height);
    let name = if component.name.trim().is_empty() {
        "(unnamed)"
    } else {
        component.name.as_str()
    };
    let also = if text.also_full.is_empty() {
        String::new()
    } else {
        format!(" ({})", text.also_full)
    };
    let _ = write!(
        out,
        r##"<g id="component-{}" class="component"><title>{} — {}{}</title>"##,
        component.id.0,
        xml(name),
        xml(&text.detail_full),
        xml(&also)
    );
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
                h2 = (h / 2.0).min(29.0),
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
    let cx = x + text.centre;
    for (i, line) in text.name.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{cx}" y="{}" text-anchor="middle" font-weight="bold" font-size="{}" fill="#1d2733">{}</text>"##,
            y + text.name_top + i as f32 * text::NAME_LINE + 11.0,
            text::NAME_SIZE,
            xml(line)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="{}" fill="#5a6673">{}</text>"##,
        y + text.detail_top() + 10.0,
        text::DETAIL_SIZE,
        xml(&text.detail)
    );
    // The zones it is also in, where it is drawn inside one of them.
    for (i, line) in text.also.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="{}" font-style="italic" fill="#5a6673">{}</text>"##,
            y + text.also_top() + i as f32 * text::DETAIL_LINE + 10.0,
            text::DETAIL_SIZE,
            xml(line)
        );
    }
    out.push_str("</g>\n");
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
            let group = format!(
                r#"<g id="component-{}" class="component"><title>{}"#,
                component.id.0,
                xml(&component.name)
            );
            assert!(svg.contains(&group), "{}", component.name);
        }
        for dependency in &project.dependencies {
            assert!(svg.contains(&format!(r#"<g id="dependency-{}""#, dependency.id.0)));
        }
        assert!(svg.contains(r#"<g id="legend""#));
        let one_layer = render(&project, Some(LayerId(4)));
        assert!(one_layer.len() < svg.len());
    }

    #[test]
    fn a_box_drawn_in_one_of_its_zones_names_the_others_escaped() {
        let mut project = crate::synth::generate(3);
        let parent = project.zones[0].parent;
        let hostile = "AZ <b> & \"c\"";
        for (i, id) in [ZoneId(90), ZoneId(91)].into_iter().enumerate() {
            project.zones.push(Zone {
                id,
                name: if i == 0 {
                    hostile.to_owned()
                } else {
                    "cluster".to_owned()
                },
                parent,
                ..Zone::default()
            });
        }
        // Three innermost zones: drawn in the first, the others named.
        let first = project.zones[0].id;
        project.components[0].zones = vec![ZoneId(91), first, ZoneId(90)];
        let svg = render(&project, None);
        let also = format!("also in {}, {}", project.zones[0].name, hostile);
        assert!(svg.contains(&format!(" ({})</title>", xml(&also))), "{svg}");
        assert!(svg.contains(&xml("AZ <b> & \"c\"")));
        assert!(!svg.contains(hostile));
    }
}
