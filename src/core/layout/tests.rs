use super::*;
use crate::synth;
use proptest::prelude::*;
use std::collections::HashMap;

fn examples() -> Vec<Project> {
    crate::templates::names()
        .into_iter()
        .map(|name| crate::templates::find(name).expect("bundled").instantiate("2026-01-01"))
        .collect()
}

/// What a reader could find wrong in a picture, counted over the geometry.
#[derive(Debug, Default, PartialEq)]
struct Faults {
    zone_overlaps: Vec<String>,
    misplaced_components: Vec<String>,
    box_overlaps: Vec<String>,
    covered_titles: Vec<String>,
    cut_names: Vec<String>,
    outside_band: Vec<String>,
    arrows_through_boxes: Vec<String>,
    arrows_through_titles: Vec<String>,
    covered_labels: Vec<String>,
    outside_drawing: Vec<String>,
    routes_along_borders: Vec<String>,
}

/// How near a route may run along a zone's side before it reads as part
/// of the border, and for how long (a route crossing a border near a
/// corner runs beside the other side briefly).
const ALONG_BORDER: f32 = 6.0;
const BRIEFLY: f32 = 24.0;

/// For each side of `zone` a route runs along (within [`ALONG_BORDER`],
/// for longer than [`BRIEFLY`] in all), which side and for how long.
fn runs_along_sides(points: &[(f32, f32)], zone: &Rect) -> Vec<(&'static str, f32)> {
    let sides = [
        ("left", true, zone.x, zone.y, zone.bottom()),
        ("right", true, zone.right(), zone.y, zone.bottom()),
        ("top", false, zone.y, zone.x, zone.right()),
        ("bottom", false, zone.bottom(), zone.x, zone.right()),
    ];
    sides
        .into_iter()
        .filter_map(|(name, upright, at, from, to)| {
            let along: f32 = points
                .windows(2)
                .filter_map(|piece| {
                    let (a, b) = (piece[0], piece[1]);
                    let (across, start, end) = if upright {
                        (a.0 == b.0).then_some((a.0, a.1.min(b.1), a.1.max(b.1)))?
                    } else {
                        (a.1 == b.1).then_some((a.1, a.0.min(b.0), a.0.max(b.0)))?
                    };
                    ((across - at).abs() <= ALONG_BORDER).then(|| (end.min(to) - start.max(from)).max(0.0))
                })
                .sum();
            (along > BRIEFLY).then_some((name, along))
        })
        .collect()
}

/// Whether the segment passes through the inside of `r`.
fn crosses(a: (f32, f32), b: (f32, f32), r: &Rect) -> bool {
    let inner = r.expand(-0.5);
    let steps = 24;
    (0..=steps).any(|i| {
        let t = i as f32 / steps as f32;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > inner.x && x < inner.right() && y > inner.y && y < inner.bottom()
    })
}

fn edge_faults(project: &Project, geometry: &Geometry, found: &mut Faults) {
    let ends: HashMap<DependencyId, (ComponentId, ComponentId)> =
        project.dependencies.iter().map(|d| (d.id, (d.from, d.to))).collect();
    let labels: Vec<Rect> = geometry
        .edges
        .iter()
        .filter_map(|e| e.label.as_ref().map(|l| l.rect))
        .collect();
    let inside = |x: f32, y: f32| x >= 0.0 && x <= geometry.width && y >= 0.0 && y <= geometry.height;
    for edge in &geometry.edges {
        let (from, to) = ends[&edge.id];
        if let Some(p) = edge.points.iter().find(|p| !inside(p.0, p.1)) {
            found.outside_drawing.push(format!("{:?} route at {p:?}", edge.id));
        }
        if let Some(label) = edge
            .label
            .as_ref()
            .filter(|l| !inside(l.rect.x, l.rect.y) || !inside(l.rect.right(), l.rect.bottom()))
        {
            found
                .outside_drawing
                .push(format!("{:?} label at {:?}", edge.id, label.rect));
        }
        for zone in &geometry.zones {
            for (side, length) in runs_along_sides(&edge.points, &zone.rect) {
                found
                    .routes_along_borders
                    .push(format!("{:?} along the {side} of {:?} for {length}", edge.id, zone.id));
            }
        }
        for pair in edge.points.windows(2) {
            for (id, r) in &geometry.nodes {
                if *id != from && *id != to && crosses(pair[0], pair[1], r) {
                    found
                        .arrows_through_boxes
                        .push(format!("{:?} through {:?}", edge.id, id));
                }
            }
            for zone in &geometry.zones {
                if crosses(pair[0], pair[1], &zone.title_rect()) {
                    found
                        .arrows_through_titles
                        .push(format!("{:?} through title of {:?}", edge.id, zone.id));
                }
            }
        }
        let Some(label) = &edge.label else { continue };
        let covers = geometry.nodes.iter().any(|(_, r)| r.overlaps(&label.rect))
            || geometry.zones.iter().any(|z| z.title_rect().overlaps(&label.rect))
            || labels.iter().filter(|other| label.rect.overlaps(other)).count() > 1;
        if covers {
            found.covered_labels.push(format!("{:?} {:?}", edge.id, label.text));
        }
    }
}

/// `zone` and its ancestors, innermost first.
fn chain_in(forest: &Forest, zone: ZoneId) -> Vec<ZoneId> {
    let mut chain = vec![zone];
    while let Some(Some(up)) = chain.last().map(|z| forest.parent[z]) {
        chain.push(up);
    }
    chain
}

/// A component's zones, innermost only, in listed order (unknown zones
/// left out): worked out here from the model, apart from the layout.
fn innermost_of(forest: &Forest, component: &Component) -> Vec<ZoneId> {
    let chain = |zone: ZoneId| chain_in(forest, zone);
    let mut known: Vec<ZoneId> = Vec::new();
    for zone in &component.zones {
        if forest.parent.contains_key(zone) && !known.contains(zone) {
            known.push(*zone);
        }
    }
    known
        .iter()
        .copied()
        .filter(|z| !known.iter().any(|other| other != z && chain(*other).contains(z)))
        .collect()
}

/// Whether component `i` lies where its zones say: inside every zone it is
/// in and outside the others; or across the border of its two innermost
/// zones' subtrees (meeting every zone on both chains, inside their common
/// ancestor, outside every other zone); or, where that cannot be drawn,
/// inside its first-listed innermost zone with its text naming the others.
fn membership_faults(project: &Project, geometry: &Geometry, forest: &Forest, i: usize, found: &mut Faults) {
    let component = &project.components[i];
    let rect = geometry.nodes[i].1;
    let chain = |zone: ZoneId| chain_in(forest, zone);
    let innermost = innermost_of(forest, component);
    let mut fault = |what: String| found.misplaced_components.push(format!("{}: {what}", component.name));
    let drawn = geometry.drawn_in(component.id);
    // Zones the box must lie in, zones it must meet, and the zones it may
    // touch at all.
    let (inside, across): (Vec<ZoneId>, Vec<ZoneId>) = match drawn {
        Some(Drawn::Outside) if innermost.is_empty() => (Vec::new(), Vec::new()),
        Some(Drawn::In(zone)) if innermost.first() == Some(&zone) => {
            let text = &geometry.texts[i];
            for other in innermost.iter().filter(|z| **z != zone) {
                let name = project
                    .zone(*other)
                    .map(|z| z.name.split_whitespace().collect::<Vec<_>>().join(" "));
                if !name.is_some_and(|n| text.also_full.contains(&n)) {
                    fault(format!("its text does not name {other:?}: {:?}", text.also_full));
                }
            }
            if innermost.len() == 1 && !text.also_full.is_empty() {
                fault(format!("names other zones: {:?}", text.also_full));
            }
            (chain(zone), Vec::new())
        }
        Some(Drawn::Across(a, b)) if innermost.len() == 2 && innermost.contains(&a) && innermost.contains(&b) => {
            let (chain_a, chain_b) = (chain(a), chain(b));
            let common: Vec<ZoneId> = chain_a.iter().copied().filter(|z| chain_b.contains(z)).collect();
            let across = chain_a
                .into_iter()
                .chain(chain_b)
                .filter(|z| !common.contains(z))
                .collect();
            (common, across)
        }
        other => {
            fault(format!("drawn {other:?} though in {innermost:?}"));
            return;
        }
    };
    for zone in &geometry.zones {
        if inside.contains(&zone.id) {
            if !zone.rect.encloses(&rect) {
                fault(format!("outside its zone {:?}", zone.id));
            }
        } else if across.contains(&zone.id) {
            if !zone.rect.overlaps(&rect) || zone.rect.encloses(&rect) {
                fault(format!("not across the edge of {:?}", zone.id));
            }
        } else if zone.rect.overlaps(&rect) {
            fault(format!("inside zone {:?}", zone.id));
        }
    }
}

fn faults(project: &Project, geometry: &Geometry) -> Faults {
    let hints = position_hints(project);
    let forest = Forest::of(project, &hints);
    let ancestors = |mut id: ZoneId| {
        let mut all = Vec::new();
        while let Some(up) = forest.parent[&id] {
            all.push(up);
            id = up;
        }
        all
    };
    let mut found = Faults::default();
    for (i, a) in geometry.zones.iter().enumerate() {
        for b in &geometry.zones[i + 1..] {
            let nested = (a.rect.encloses(&b.rect) && ancestors(b.id).contains(&a.id))
                || (b.rect.encloses(&a.rect) && ancestors(a.id).contains(&b.id));
            if a.rect.overlaps(&b.rect) && !nested {
                found
                    .zone_overlaps
                    .push(format!("{:?} {:?} / {:?} {:?}", a.id, a.rect, b.id, b.rect));
            }
        }
        for b in &geometry.zones {
            let title = a.title_rect();
            if b.id != a.id && !ancestors(a.id).contains(&b.id) && title.overlaps(&b.rect) {
                found
                    .covered_titles
                    .push(format!("title of {:?} on zone {:?}", a.id, b.id));
            }
        }
        if text::text_width(&a.title, TITLE_SIZE, false) + 16.0 > a.rect.width + 0.01 {
            found
                .covered_titles
                .push(format!("title of {:?} wider than its zone", a.id));
        }
    }
    for (i, component) in project.components.iter().enumerate() {
        let (id, rect) = geometry.nodes[i];
        assert_eq!(id, component.id);
        membership_faults(project, geometry, &forest, i, &mut found);
        for zone in &geometry.zones {
            if zone.title_rect().overlaps(&rect) {
                found
                    .covered_titles
                    .push(format!("title of {:?} on {}", zone.id, component.name));
            }
        }
        for (other, r) in &geometry.nodes[i + 1..] {
            if rect.overlaps(r) {
                found.box_overlaps.push(format!("{:?} / {:?}", id, other));
            }
        }
        let text = &geometry.texts[i];
        let shown: String = text.name.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let whole: String = component.name.chars().filter(|c| !c.is_whitespace()).collect();
        let fits = text
            .name
            .iter()
            .all(|l| text::text_width(l, NAME_SIZE, true) <= text.text_width + 0.01)
            && text.detail_top() + DETAIL_LINE <= rect.height + 0.01;
        if (shown != whole && !whole.is_empty()) || !fits {
            found.cut_names.push(component.name.clone());
        }
        let band = geometry.band_at(rect.y).expect("every box in a band");
        if band.layer != component.layer.filter(|l| project.layers.iter().any(|x| x.id == *l))
            || rect.bottom() > band.bottom()
        {
            found.outside_band.push(component.name.clone());
        }
    }
    edge_faults(project, geometry, &mut found);
    found
}

#[test]
fn the_examples_and_a_synthetic_project_draw_without_faults() {
    let mut projects = examples();
    projects.push(synth::generate(300));
    for project in &projects {
        let geometry = Geometry::of(project);
        assert_eq!(faults(project, &geometry), Faults::default(), "{}", project.meta.name);
    }
}

#[test]
fn bands_follow_layer_order_and_stack_without_gaps() {
    let project = synth::generate(60);
    let geometry = Geometry::of(&project);
    assert_eq!(geometry.bands.len(), project.layers.len());
    for (band, layer) in geometry.bands.iter().zip(&project.layers) {
        assert_eq!(band.layer, Some(layer.id));
    }
    for pair in geometry.bands.windows(2) {
        assert_eq!(pair[0].bottom(), pair[1].top);
    }
}

#[test]
fn an_empty_band_is_a_thin_strip() {
    let mut project = synth::generate(20);
    let layer = project.layers[1].id;
    project.components.retain(|c| c.layer != Some(layer));
    let geometry = Geometry::of(&project);
    let band = geometry.bands.iter().find(|b| b.layer == Some(layer)).unwrap();
    assert_eq!(band.height, EMPTY_BAND_HEIGHT);
    let full = geometry.bands.iter().find(|b| !b.rows.is_empty()).unwrap();
    assert!(full.height > 2.0 * EMPTY_BAND_HEIGHT);
}

#[test]
fn a_long_name_wraps_and_the_box_grows() {
    let mut project = synth::generate(3);
    project.components[0].name = "General-purpose node pool for the nightly batch workers".into();
    let geometry = Geometry::of(&project);
    let text = geometry.text(project.components[0].id).unwrap();
    assert!(text.name.len() >= 3, "{:?}", text.name);
    assert!(geometry.nodes[0].1.height > NODE_HEIGHT);
    assert_eq!(geometry.nodes[1].1.height, NODE_HEIGHT);
}

#[test]
fn a_very_long_name_widens_its_box_by_whole_columns_before_it_grows_taller() {
    let mut project = synth::generate(6);
    let long = format!("Very long {}", "x".repeat(10_000));
    project.components[0].name = long.clone();
    // In one zone: a box across a border keeps one column, centred on it.
    project.components[0].zones.truncate(1);
    project.components[1].name = "General-purpose node pool for the nightly batch workers".into();
    let geometry = Geometry::of(&project);
    drawn_without_faults(&project);
    let (wide, usual) = (geometry.nodes[0].1, geometry.nodes[1].1);
    assert_eq!(
        wide.width,
        box_width(MOST_COLUMNS),
        "widened to the cap, a whole number of columns"
    );
    assert_eq!(usual.width, NODE_WIDTH, "a name of a few lines keeps one column");
    let text = geometry.text(project.components[0].id).expect("drawn");
    let drawn: String = text.name.concat().chars().filter(|c| !c.is_whitespace()).collect();
    assert!(drawn == long.replace(' ', ""), "the name is drawn whole");
    // As tall as the text needs at that width: about a third of the
    // height one column would take.
    let (_, (_, one_column)) = node_text_in(&project.components[0], &[], 1);
    assert!(wide.height < one_column / 2.5, "{} against {one_column}", wide.height);
    for (_, other) in geometry.nodes.iter().skip(1) {
        assert!(!other.overlaps(&wide), "no box on the wide one");
    }
}

#[test]
fn drawing_from_the_stored_hints_of_a_drawing_gives_the_same_drawing() {
    for mut project in examples() {
        let first = Geometry::of(&project);
        for component in &mut project.components {
            component.position = first.stored_position(component.id);
        }
        let second = Geometry::of(&project);
        assert_eq!(first.nodes, second.nodes, "{}", project.meta.name);
        assert_eq!(first.zones, second.zones, "{}", project.meta.name);
    }
}

#[test]
fn a_row_too_wide_for_a_screen_wraps_and_stays_wrapped_once_written() {
    let mut project = synth::generate(160);
    for component in &mut project.components {
        component.position = Some(Position {
            x: component.id.0 as f32 * 10.0,
            y: BAND_HEADER,
        });
    }
    let geometry = Geometry::of(&project);
    assert!(geometry.bands.iter().any(|b| b.rows.len() > 1), "no band wrapped");
    let mut per_band: HashMap<Option<LayerId>, usize> = HashMap::new();
    for component in &project.components {
        *per_band.entry(component.layer).or_default() += 1;
    }
    let fullest = per_band.values().copied().max().unwrap_or(0);
    assert!(
        geometry.width < fullest as f32 * NODE_WIDTH,
        "{} wide for a band of {fullest}",
        geometry.width
    );
    assert_eq!(faults(&project, &geometry), Faults::default());
    // Written back as hints (what a drag does), the wrap is kept as drawn.
    for component in &mut project.components {
        component.position = geometry.stored_position(component.id);
    }
    let again = Geometry::of(&project);
    assert_eq!(geometry.nodes, again.nodes);
    assert_eq!(geometry.zones, again.zones);
}

/// A VPC holding zones given as (id, parent, name), and components given
/// as (id, layer index, zones, x hint), all in row 0 of their band.
/// The project's geometry, after checking it breaks none of the
/// drawing's rules.
fn drawn_without_faults(project: &Project) -> Geometry {
    let geometry = Geometry::of(project);
    assert_eq!(faults(project, &geometry), Faults::default());
    geometry
}

fn zoned_project(zones: &[(u32, Option<u32>, &str)], components: &[(u32, usize, &[u32], f32)]) -> Project {
    let mut project = synth::generate(0);
    project.zones = zones
        .iter()
        .map(|(id, parent, name)| Zone {
            id: ZoneId(*id),
            name: (*name).to_owned(),
            parent: parent.map(ZoneId),
            ..Zone::default()
        })
        .collect();
    project.components = components
        .iter()
        .map(|(id, layer, zones, x)| Component {
            id: ComponentId(*id),
            name: format!("component {id}"),
            layer: Some(project.layers[*layer].id),
            zones: zones.iter().map(|z| ZoneId(*z)).collect(),
            position: Some(Position { x: *x, y: BAND_HEADER }),
            ..Component::default()
        })
        .collect();
    project
}

fn zone_rect(geometry: &Geometry, id: u32) -> Rect {
    geometry
        .zones
        .iter()
        .find(|z| z.id == ZoneId(id))
        .expect("zone drawn")
        .rect
}

/// Whether `r` lies partly inside `zone` and partly outside it.
fn across(zone: Rect, r: Rect) -> bool {
    zone.overlaps(&r) && !zone.encloses(&r)
}

#[test]
fn a_component_in_two_azs_straddles_their_common_border_inside_their_vpc() {
    let project = zoned_project(
        &[(1, None, "vpc"), (2, Some(1), "az a"), (3, Some(1), "az b")],
        &[
            (1, 3, &[2], 0.0),
            (2, 3, &[3], 400.0),
            (3, 4, &[2, 3], 200.0),
            (4, 4, &[2], 100.0),
        ],
    );
    let geometry = drawn_without_faults(&project);
    let id = ComponentId(3);
    assert_eq!(geometry.drawn_in(id), Some(Drawn::Across(ZoneId(2), ZoneId(3))));
    let r = geometry.node(id).unwrap();
    let (a, b) = (zone_rect(&geometry, 2), zone_rect(&geometry, 3));
    assert!(across(a, r) && across(b, r), "{r:?} across {a:?} and {b:?}");
    assert!(zone_rect(&geometry, 1).encloses(&r));
    // Centred on the border, with the two AZs nearly touching.
    let border = (a.right() + b.x) / 2.0;
    assert!((r.center().0 - border).abs() < 0.01, "{r:?} on {border}");
    assert!(b.x - a.right() <= 10.0, "{a:?} / {b:?}");
    assert!(geometry.text(id).unwrap().also.is_empty());
}

#[test]
fn a_component_in_two_subnets_of_two_azs_straddles_both_borders() {
    let project = zoned_project(
        &[
            (1, None, "vpc"),
            (2, Some(1), "az a"),
            (3, Some(1), "az b"),
            (4, Some(2), "subnet a"),
            (5, Some(3), "subnet b"),
            (6, Some(2), "other subnet a"),
        ],
        &[
            (1, 4, &[4], 0.0),
            (2, 4, &[5], 500.0),
            (3, 4, &[4, 5], 300.0),
            (4, 3, &[6], 50.0),
            (5, 3, &[2], 900.0),
        ],
    );
    let geometry = drawn_without_faults(&project);
    let r = geometry.node(ComponentId(3)).unwrap();
    assert_eq!(
        geometry.drawn_in(ComponentId(3)),
        Some(Drawn::Across(ZoneId(4), ZoneId(5)))
    );
    for zone in [2, 3, 4, 5] {
        assert!(across(zone_rect(&geometry, zone), r), "across zone {zone}");
    }
    assert!(!zone_rect(&geometry, 6).overlaps(&r));
}

#[test]
fn a_component_in_three_zones_is_drawn_in_the_first_and_names_the_others() {
    let project = zoned_project(
        &[
            (1, None, "vpc"),
            (2, Some(1), "cluster"),
            (3, Some(1), "us-east-1a"),
            (4, Some(1), "us-east-1b"),
        ],
        &[
            (1, 3, &[2, 3, 4], 0.0),
            (2, 3, &[2], 300.0),
            (3, 4, &[3], 0.0),
            (4, 4, &[4], 300.0),
        ],
    );
    let geometry = drawn_without_faults(&project);
    let id = ComponentId(1);
    assert_eq!(geometry.drawn_in(id), Some(Drawn::In(ZoneId(2))));
    assert!(zone_rect(&geometry, 2).encloses(&geometry.node(id).unwrap()));
    let text = geometry.text(id).unwrap();
    assert_eq!(text.also_full, "also in us-east-1a, us-east-1b");
    assert!(!text.also.is_empty());
    // The box grows for the extra line; the name stays whole.
    let plain = geometry.node(ComponentId(2)).unwrap();
    assert!(geometry.node(id).unwrap().height > plain.height);
    assert_eq!(text.whole_name(), "component 1");
}

#[test]
fn straddlers_of_one_border_in_one_band_stack_in_rows_of_their_own() {
    let project = zoned_project(
        &[(1, None, "vpc"), (2, Some(1), "az a"), (3, Some(1), "az b")],
        &[
            (1, 4, &[2], 0.0),
            (2, 4, &[3], 600.0),
            (3, 4, &[2, 3], 200.0),
            (4, 4, &[3, 2], 300.0),
            (5, 4, &[2, 3], 400.0),
        ],
    );
    let geometry = drawn_without_faults(&project);
    let boxes: Vec<Rect> = [3, 4, 5].map(|id| geometry.node(ComponentId(id)).unwrap()).to_vec();
    for pair in boxes.windows(2) {
        assert_eq!(pair[0].x, pair[1].x, "one column on the border");
        assert!(pair[0].bottom() < pair[1].y, "{:?} above {:?}", pair[0], pair[1]);
    }
    // Written back as hints, the stack is drawn again as it was.
    let mut again = project.clone();
    for component in &mut again.components {
        component.position = geometry.stored_position(component.id);
    }
    let redrawn = Geometry::of(&again);
    assert_eq!(geometry.nodes, redrawn.nodes);
    assert_eq!(geometry.zones, redrawn.zones);
}

#[test]
fn a_border_stacks_only_a_few_boxes_per_band_and_the_rest_name_their_other_zone() {
    use super::straddle::MOST_STACKED;
    let straddlers = MOST_STACKED + 2;
    let mut members: Vec<(u32, usize, Vec<u32>, f32)> = vec![(1, 4, vec![2], 0.0), (2, 4, vec![3], 900.0)];
    for k in 0..straddlers {
        members.push((10 + k as u32, 4, vec![2, 3], 100.0 + 50.0 * k as f32));
    }
    let borrowed: Vec<(u32, usize, &[u32], f32)> = members
        .iter()
        .map(|(id, band, zones, x)| (*id, *band, zones.as_slice(), *x))
        .collect();
    let project = zoned_project(
        &[(1, None, "vpc"), (2, Some(1), "az a"), (3, Some(1), "az b")],
        &borrowed,
    );
    let geometry = drawn_without_faults(&project);
    let drawn: Vec<Drawn> = (0..straddlers)
        .filter_map(|k| geometry.drawn_in(ComponentId(10 + k as u32)))
        .collect();
    assert_eq!(drawn.len(), straddlers);
    let across = drawn.iter().filter(|d| matches!(d, Drawn::Across(..))).count();
    assert_eq!(across, MOST_STACKED, "{drawn:?}");
    for (k, place) in drawn.iter().enumerate() {
        if let Drawn::In(zone) = place {
            assert_eq!(*zone, ZoneId(2));
            let text = geometry.text(ComponentId(10 + k as u32)).unwrap();
            assert_eq!(text.also_full, "also in az b");
        }
    }
}

#[test]
fn a_pair_that_cannot_be_neighbours_falls_back_to_its_first_zone() {
    // Three AZs in a ring: two borders can be drawn, the third cannot.
    let project = zoned_project(
        &[
            (1, None, "vpc"),
            (2, Some(1), "a"),
            (3, Some(1), "b"),
            (4, Some(1), "c"),
        ],
        &[
            (1, 3, &[2], 0.0),
            (2, 3, &[3], 300.0),
            (3, 3, &[4], 600.0),
            (4, 4, &[2, 3], 0.0),
            (5, 4, &[3, 4], 300.0),
            (6, 4, &[4, 2], 600.0),
        ],
    );
    let geometry = drawn_without_faults(&project);
    let drawn: Vec<Drawn> = [4, 5, 6]
        .iter()
        .filter_map(|id| geometry.drawn_in(ComponentId(*id)))
        .collect();
    assert_eq!(drawn.iter().filter(|d| matches!(d, Drawn::Across(..))).count(), 2);
    assert_eq!(drawn[2], Drawn::In(ZoneId(4)));
    assert_eq!(geometry.text(ComponentId(6)).unwrap().also_full, "also in a");
}

#[test]
fn the_examples_draw_their_multi_zone_components_across_borders_or_name_the_rest() {
    let shop = examples()
        .into_iter()
        .find(|p| p.meta.name.contains("E-commerce"))
        .expect("the e-commerce example");
    let geometry = Geometry::of(&shop);
    let named = |name: &str| shop.components.iter().find(|c| c.name == name).expect(name).id;
    for across_border in ["RDS PostgreSQL primary", "Application Load Balancer"] {
        assert!(
            matches!(geometry.drawn_in(named(across_border)), Some(Drawn::Across(..))),
            "{across_border}"
        );
    }
    let node_group = geometry.text(named("General-purpose node group")).unwrap();
    assert_eq!(node_group.also_full, "also in us-east-1a, us-east-1b");
}

#[test]
fn dropping_a_straddler_in_one_zone_keeps_that_zone_and_on_a_border_joins_both() {
    let project = zoned_project(
        &[(1, None, "vpc"), (2, Some(1), "az a"), (3, Some(1), "az b")],
        &[(1, 4, &[2], 0.0), (2, 4, &[3], 600.0), (3, 4, &[2, 3], 300.0)],
    );
    let geometry = Geometry::of(&project);
    let component = |id: u32| project.component(ComponentId(id)).unwrap();
    let moved = |id: u32, dx: f32| {
        let r = geometry.node(ComponentId(id)).unwrap();
        Rect { x: r.x + dx, ..r }
    };
    // A small shift keeps it across the border: nothing changes.
    assert_eq!(geometry.dropped_zones(component(3), moved(3, 10.0)), None);
    // Onto the other box in AZ a: member of AZ a only.
    let onto_a = geometry.node(ComponentId(1)).unwrap();
    assert_eq!(geometry.dropped_zones(component(3), onto_a), Some(vec![ZoneId(2)]));
    // The AZ b component dropped centred on the border joins both.
    let r = geometry.node(ComponentId(3)).unwrap();
    assert_eq!(
        geometry.dropped_zones(component(2), r),
        Some(vec![ZoneId(2), ZoneId(3)])
    );
    // Within its own zone it keeps its zone.
    assert_eq!(geometry.dropped_zones(component(2), moved(2, 5.0)), None);
}

#[test]
fn a_component_in_no_zone_is_drawn_outside_every_zone() {
    let mut project = synth::generate(40);
    for component in project.components.iter_mut().step_by(2) {
        component.zones.clear();
    }
    drawn_without_faults(&project);
}

#[test]
fn arrange_keeps_layers_reduces_crossings_and_keeps_the_picture_true() {
    // Small enough for the routed search, large enough to wrap rows.
    let mut project = synth::generate_with(30, 45, 1);
    let mut rng = synth::Lcg::new(3);
    for component in &mut project.components {
        component.position = Some(Position {
            x: rng.below(4000) as f32,
            y: 30.0,
        });
    }
    let scrambled = count_piece_crossings(&Geometry::of(&project));
    let layers: Vec<Option<LayerId>> = project.components.iter().map(|c| c.layer).collect();
    arrange_edit(&project).apply(&mut project).unwrap();
    let geometry = Geometry::of(&project);
    let arranged = count_piece_crossings(&geometry);
    assert!(arranged < scrambled, "arranged {arranged} vs scrambled {scrambled}");
    assert_eq!(layers, project.components.iter().map(|c| c.layer).collect::<Vec<_>>());
    assert_eq!(faults(&project, &geometry), Faults::default());
}

/// Above the routed search's size, arrange keeps whichever of the sweeps'
/// order and the drawing as it was crosses less, so it never makes a
/// large drawing worse.
#[test]
fn arrange_never_makes_a_large_drawing_cross_more() {
    for seed in [3, 4] {
        let mut project = synth::generate_with(120, 150, 1);
        let mut rng = synth::Lcg::new(seed);
        for component in &mut project.components {
            component.position = Some(Position {
                x: rng.below(4000) as f32,
                y: 30.0,
            });
        }
        let before = count_piece_crossings(&Geometry::of(&project));
        arrange_edit(&project).apply(&mut project).unwrap();
        let geometry = Geometry::of(&project);
        assert!(count_piece_crossings(&geometry) <= before);
        assert_eq!(faults(&project, &geometry), Faults::default());
    }
}

/// Above the routed search's size the sweeps over the drawn rows still
/// lower the routed crossings of a drawing in generation order, where
/// the band sweeps alone find nothing better.
#[test]
fn arrange_lowers_the_crossings_of_a_large_drawing() {
    let mut project = synth::generate_with(200, 300, 0);
    let before = count_piece_crossings(&Geometry::of(&project));
    let width = Geometry::of(&project).width;
    arrange_edit(&project).apply(&mut project).unwrap();
    let geometry = Geometry::of(&project);
    let after = count_piece_crossings(&geometry);
    assert!(after < before, "{before} -> {after}");
    assert!(geometry.width <= width + 0.5, "no wider: {width} -> {}", geometry.width);
    assert_eq!(faults(&project, &geometry), Faults::default());
}

#[test]
fn arrange_lowers_the_routed_crossings_of_the_examples_in_one_undoable_edit() {
    for mut project in examples() {
        let before = count_piece_crossings(&Geometry::of(&project));
        let original: Vec<Option<Position>> = project.components.iter().map(|c| c.position).collect();
        let inverse = arrange_edit(&project).apply(&mut project).unwrap();
        let geometry = Geometry::of(&project);
        let after = count_piece_crossings(&geometry);
        assert!(after <= before, "{}: {before} -> {after}", project.meta.name);
        assert_eq!(faults(&project, &geometry), Faults::default(), "{}", project.meta.name);
        inverse.apply(&mut project).unwrap();
        let restored: Vec<Option<Position>> = project.components.iter().map(|c| c.position).collect();
        assert_eq!(original, restored, "one undo restores {}", project.meta.name);
    }
}

/// Every pair of routes checked piece against piece: what the counter
/// must agree with.
fn route_crossings_pair_by_pair(project: &Project, geometry: &Geometry) -> usize {
    let ends: HashMap<DependencyId, (ComponentId, ComponentId)> =
        project.dependencies.iter().map(|d| (d.id, (d.from, d.to))).collect();
    let edges = &geometry.edges;
    let mut count = 0;
    for (i, a) in edges.iter().enumerate() {
        for b in &edges[i + 1..] {
            let (p, q) = (ends[&a.id], ends[&b.id]);
            if p.0 == q.0 || p.0 == q.1 || p.1 == q.0 || p.1 == q.1 {
                continue;
            }
            let cross = a
                .points
                .windows(2)
                .any(|s| b.points.windows(2).any(|t| segments_cross((s[0], s[1]), (t[0], t[1]))));
            count += usize::from(cross);
        }
    }
    count
}

#[test]
fn the_crossing_counter_agrees_with_checking_every_pair() {
    let mut projects = examples();
    projects.retain(|p| !p.dependencies.is_empty());
    projects.push(synth::generate(150));
    for project in projects {
        let geometry = Geometry::of(&project);
        let counted = count_route_crossings(&project, &geometry);
        assert!(counted > 0, "{}: a drawing with crossings to count", project.meta.name);
        assert_eq!(
            counted,
            route_crossings_pair_by_pair(&project, &geometry),
            "{}",
            project.meta.name
        );
        assert_eq!(
            count_piece_crossings(&geometry),
            piece_crossings_one_by_one(&geometry),
            "{}",
            project.meta.name
        );
    }
}

/// Every piece of every route checked against every piece of the others.
fn piece_crossings_one_by_one(geometry: &Geometry) -> usize {
    let edges = &geometry.edges;
    let mut count = 0;
    for (i, a) in edges.iter().enumerate() {
        for b in &edges[i + 1..] {
            for s in a.points.windows(2) {
                for t in b.points.windows(2) {
                    count += usize::from(segments_cross((s[0], s[1]), (t[0], t[1])));
                }
            }
        }
    }
    count
}

#[test]
fn routes_sharing_a_component_do_not_count_as_crossing() {
    let mut project = synth::generate(0);
    let layer = project.layers[0].id;
    let lower = project.layers[1].id;
    let component = |id: u32, layer: LayerId, x: f32| Component {
        id: ComponentId(id),
        name: format!("c{id}"),
        layer: Some(layer),
        position: Some(Position { x, y: BAND_HEADER }),
        ..Component::default()
    };
    project.components = vec![
        component(1, layer, 0.0),
        component(2, layer, 400.0),
        component(3, lower, 200.0),
        component(4, lower, 400.0),
        // Shifts the lower row so no two ports share an x.
        component(5, lower, 0.0),
    ];
    let dependency = |id: u32, from: u32, to: u32| Dependency {
        id: DependencyId(id),
        from: ComponentId(from),
        to: ComponentId(to),
        ..Dependency::default()
    };
    // 1 -> 4 and 2 -> 3 must cross; 1 -> 3 shares an end with both.
    project.dependencies = vec![dependency(1, 1, 4), dependency(2, 2, 3), dependency(3, 1, 3)];
    let geometry = Geometry::of(&project);
    assert_eq!(count_route_crossings(&project, &geometry), 1);
}

#[test]
fn a_zone_cycle_in_a_damaged_file_does_not_hang_the_layout() {
    let mut project = synth::generate(30);
    let (a, b) = (project.zones[0].id, project.zones[1].id);
    project.zones[0].parent = Some(b);
    project.zones[1].parent = Some(a);
    let geometry = Geometry::of(&project);
    assert_eq!(geometry.nodes.len(), 30);
    assert_eq!(faults(&project, &geometry), Faults::default());
}

#[test]
fn rounded_routes_keep_their_ends_and_bend_near_their_corners() {
    let route = [(0.0, 0.0), (0.0, 50.0), (80.0, 50.0), (80.0, 53.0)];
    let line = rounded_polyline(&route, 4.0, 4);
    assert_eq!(line.first(), Some(&(0.0, 0.0)));
    assert_eq!(line.last(), Some(&(80.0, 53.0)));
    // Every point stays within the bend of the polyline it rounds.
    for p in &line {
        let near_first = p.0.abs() <= 4.01 && p.1 <= 50.01;
        let near_run = (p.1 - 50.0).abs() <= 4.01 && p.0 >= -0.01 && p.0 <= 80.01;
        let near_last = (p.0 - 80.0).abs() <= 4.01 && p.1 >= 46.0;
        assert!(near_first || near_run || near_last, "{p:?} strays from {route:?}");
    }
    // The 3-long last segment takes a bend of at most half its length.
    let steps = rounded_route(&route, 4.0);
    assert!(steps.contains(&RouteStep::Turn {
        corner: (80.0, 50.0),
        to: (80.0, 51.5)
    }));
    assert!(rounded_route(&[(1.0, 1.0)], 4.0).is_empty());
}

#[test]
fn edge_labels_carry_the_protocol() {
    let mut dependency = Dependency {
        label: "forwards requests".into(),
        protocol: "HTTPS 443".into(),
        ..Dependency::default()
    };
    assert_eq!(edge_label(&dependency), "forwards requests · HTTPS 443");
    dependency.label.clear();
    assert_eq!(edge_label(&dependency), "HTTPS 443");
    dependency.protocol.clear();
    assert_eq!(edge_label(&dependency), "");
}

/// The texts a label may show for `label` and `protocol`, as placed.
fn shortenings(label: &str, protocol: &str) -> Vec<String> {
    edges::label_texts(label, protocol)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

#[test]
fn a_shortened_label_keeps_its_protocol() {
    let texts = shortenings("enqueue the order for fulfilment and invoicing", "AMQP 5671");
    assert_eq!(texts[0], "enqueue the order for fulfilment and invoicing · AMQP 5671");
    let shortened = &texts[1..];
    assert!(!shortened.is_empty());
    for text in shortened {
        assert!(
            text.ends_with("… · AMQP 5671") || text.ends_with("… · AMQP") || text.starts_with("AMQP"),
            "{text:?} lost the protocol"
        );
    }
    assert!(
        texts.contains(&"AMQP 5671".to_owned()),
        "the protocol alone is the last resort: {texts:?}"
    );
    assert!(texts.contains(&"enqueue t… · AMQP".to_owned()), "{texts:?}");
}

#[test]
fn a_long_protocol_is_kept_by_its_head() {
    let texts = shortenings("enqueues background jobs", "HTTPS 443 (SQS API via VPC endpoint)");
    assert!(texts.iter().any(|t| t.ends_with("… · HTTPS 443")), "{texts:?}");
    assert!(texts.contains(&"HTTPS".to_owned()), "{texts:?}");
    assert!(
        texts.iter().all(|t| !t.contains("(SQS…") && !t.ends_with("HTT…")),
        "a protocol is kept whole, by its head or by its first word: {texts:?}"
    );
}

#[test]
fn shortenings_are_narrower_than_the_full_text_and_never_a_bare_ellipsis() {
    let cases = [
        ("🚀🚀🚀 deploys 🚀🚀🚀 every 🚀🚀🚀 night 🚀🚀🚀", "HTTPS 443"),
        ("מעביר בקשות למסד הנתונים הראשי", "PostgreSQL 5432"),
        ("يرسل الأحداث إلى الطابور", "AMQP"),
        (&"Supercalifragilisticexpialidocious".repeat(6), "gRPC"),
        ("", "HTTPS 443 (SQS API via VPC endpoint)"),
        ("", &"X".repeat(120)),
        ("writes", &"Protocolwithoutanyspaces".repeat(5)),
        ("", ""),
    ];
    for (label, protocol) in cases {
        let texts = edges::label_texts(label, protocol);
        if label.is_empty() && protocol.is_empty() {
            assert!(texts.is_empty(), "nothing to say, nothing drawn: {texts:?}");
            continue;
        }
        let (full, full_width) = &texts[0];
        assert_eq!(
            full,
            &edge_label(&Dependency {
                label: label.into(),
                protocol: protocol.into(),
                ..Dependency::default()
            })
        );
        for (text, width) in &texts[1..] {
            assert!(width < full_width, "{text:?} is no narrower than {full:?}");
            assert!(
                text.chars().any(|c| c != '…' && !c.is_whitespace()),
                "{text:?} says nothing"
            );
            assert!(
                text.is_empty() || !text.starts_with('…'),
                "{text:?} starts with the cut"
            );
        }
        let unique: std::collections::HashSet<&String> = texts.iter().map(|(t, _)| t).collect();
        assert_eq!(unique.len(), texts.len(), "{texts:?} repeats a text");
    }
}

#[test]
fn a_label_splits_back_into_its_words_and_protocol() {
    for (label, protocol) in [
        ("calls", "HTTPS 443"),
        ("", "HTTPS 443"),
        ("calls", ""),
        ("a · b", "c"),
        ("", "a · b"),
        ("x · y", "x · y"),
    ] {
        let full = edge_label(&Dependency {
            label: label.into(),
            protocol: protocol.into(),
            ..Dependency::default()
        });
        assert_eq!(edges::label_parts(&full, protocol), (label, protocol), "{full:?}");
    }
}

const HOSTILE: &[&str] = &[
    "",
    "   ",
    "<script>alert(1)</script>",
    "a & b \"quoted\" 'single'",
    "Ünïcødé ✓ — 東京リージョン 데이터베이스",
    "line\nbreak\ttab",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    "end",
    "{ [ ( | ) ] }",
    "\u{202e}right-to-left override",
];

fn name_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        "[a-zA-Z0-9 ]{1,60}",
        "\\PC{0,40}",
    ]
}

prop_compose! {
    fn project_strategy()(
        layer_count in 1usize..6,
        zone_parents in proptest::collection::vec(proptest::option::of(0usize..8), 0..8),
        zone_names in proptest::collection::vec(name_strategy(), 8),
        components in proptest::collection::vec(
            (proptest::option::of(0usize..6), proptest::collection::vec(0usize..8, 0..4),
             proptest::option::of((0.0f32..3000.0, 0.0f32..400.0)), name_strategy(), name_strategy()),
            0..30,
        ),
        links in proptest::collection::vec((0usize..30, 0usize..30, name_strategy(), "[A-Z]{0,5} ?[0-9]{0,4}"), 0..40),
    ) -> Project {
        let mut project = synth::generate(0);
        project.layers.truncate(layer_count);
        project.zones = zone_parents
            .iter()
            .enumerate()
            .map(|(i, parent)| Zone {
                id: ZoneId(i as u32 + 1),
                name: zone_names[i].clone(),
                kind: ZoneKind::VARIANTS[i % ZoneKind::VARIANTS.len()],
                // Parents come before children, as a forest.
                parent: parent.filter(|p| *p < i).map(|p| ZoneId(p as u32 + 1)),
                public: i % 3 == 0,
                ..Zone::default()
            })
            .collect();
        let zone_count = project.zones.len();
        project.components = components
            .into_iter()
            .enumerate()
            .map(|(i, (layer, zones, position, name, technology))| Component {
                id: ComponentId(i as u32 + 1),
                name,
                technology,
                kind: ComponentKind::VARIANTS[i % ComponentKind::VARIANTS.len()],
                layer: layer.filter(|l| *l < layer_count).map(|l| project.layers[l].id),
                // Several zones, as a hand-edited file may list them: an
                // ancestor with its descendant, repeats, unknown ids.
                zones: {
                    let mut listed: Vec<ZoneId> = Vec::new();
                    for z in zones.iter().filter(|z| **z < zone_count + 1).map(|z| ZoneId(*z as u32 + 1)) {
                        if !listed.contains(&z) {
                            listed.push(z);
                        }
                    }
                    listed
                },
                position: position.map(|(x, y)| Position { x, y }),
                ..Component::default()
            })
            .collect();
        let count = project.components.len();
        project.dependencies = links
            .into_iter()
            .filter(|(from, to, _, _)| *from < count && *to < count)
            .enumerate()
            .map(|(i, (from, to, label, protocol))| Dependency {
                id: DependencyId(i as u32 + 1),
                from: ComponentId(from as u32 + 1),
                to: ComponentId(to as u32 + 1),
                label,
                protocol,
                kind: DependencyKind::VARIANTS[i % DependencyKind::VARIANTS.len()],
                ..Dependency::default()
            })
            .collect();
        project
    }
}

proptest! {
    #![proptest_config(crate::core::proptest_support::cases(200))]

    /// Zones overlap only when nested, every box lies in its zones and
    /// outside the others, no two boxes overlap, no title is covered and
    /// no name is cut, whatever the project.
    #[test]
    fn every_project_draws_without_faults(project in project_strategy()) {
        let geometry = Geometry::of(&project);
        prop_assert_eq!(faults(&project, &geometry), Faults::default());
    }
}

/// How far `r` is from the nearest point of the route `points` (straight
/// pieces across and upright).
fn distance_to_route(r: &Rect, points: &[(f32, f32)]) -> f32 {
    points
        .windows(2)
        .map(|pair| {
            let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
            let dx = (r.x - x1.max(x2)).max(x1.min(x2) - r.right()).max(0.0);
            let dy = (r.y - y1.max(y2)).max(y1.min(y2) - r.bottom()).max(0.0);
            dx.hypot(dy)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Labels a reader could pin on the wrong line: one further than the
/// label gap from its own route, or with another edge's route nearer
/// than twice that.
fn misread_labels<'a>(
    labelled: impl Iterator<Item = &'a edges::EdgeDrawing>,
    all: &[&edges::EdgeDrawing],
) -> Vec<String> {
    let mut found = Vec::new();
    for edge in labelled {
        let Some(label) = &edge.label else { continue };
        let own = distance_to_route(&label.rect, &edge.points);
        if own > edges::LABEL_GAP + 0.01 {
            found.push(format!("{:?} label {own} from its route", edge.id));
        }
        for other in all.iter().filter(|other| other.id != edge.id) {
            let near = distance_to_route(&label.rect, &other.points);
            if near < edges::OTHER_ROUTES_CLEAR || near <= own {
                found.push(format!(
                    "{:?} label {own} from its route, {near} from {:?}'s",
                    edge.id, other.id
                ));
            }
        }
    }
    found
}

#[test]
fn every_example_label_reads_as_its_own_edges() {
    for project in examples().iter().chain([&synth::generate(200)]) {
        let geometry = Geometry::of(project);
        let all: Vec<&edges::EdgeDrawing> = geometry.edges.iter().collect();
        assert_eq!(
            misread_labels(geometry.edges.iter(), &all),
            Vec::<String>::new(),
            "{}",
            project.meta.name
        );
        let labelled = geometry.edges.iter().filter(|e| e.label.is_some()).count();
        // Shortening, not leaving labels out, makes the room; only a few
        // routes deep inside a crowded channel are left to the tooltip.
        assert!(
            labelled * 100 >= geometry.edges.len() * 90,
            "{}: {labelled} of {} labelled",
            project.meta.name,
            geometry.edges.len()
        );
    }
}

/// Where a large drawing's channels crowd, a label is shortened, keeps
/// its protocol alone, or moves another aside before it is left out.
#[test]
fn a_large_drawing_labels_nearly_every_edge() {
    let geometry = Geometry::of(&synth::generate(1000));
    let labelled = geometry.edges.iter().filter(|e| e.label.is_some()).count();
    assert!(
        labelled * 100 >= geometry.edges.len() * 92,
        "{labelled} of {} labelled",
        geometry.edges.len()
    );
}

proptest! {
    #![proptest_config(crate::core::proptest_support::cases(200))]

    /// Every placed label lies within the label gap of its own route and
    /// every other edge's route is at least twice as far: a reader pins
    /// it on its own line.
    #[test]
    fn every_label_reads_as_its_own_edges(project in project_strategy()) {
        let geometry = Geometry::of(&project);
        let all: Vec<&edges::EdgeDrawing> = geometry.edges.iter().collect();
        prop_assert_eq!(misread_labels(geometry.edges.iter(), &all), Vec::<String>::new());
    }
}

/// The labels a drawing's index holds for later placements (and drags)
/// are the labels drawn, each once where it is drawn: a label moved to
/// make room leaves nothing behind where it was.
#[test]
fn the_label_index_holds_the_labels_drawn() {
    let key = |owner: u32, r: &Rect| (owner, [r.x, r.y, r.width, r.height].map(f32::to_bits));
    for project in examples().into_iter().chain([synth::generate_with(200, 300, 0)]) {
        let geometry = Geometry::of(&project);
        let mut drawn: Vec<_> = (geometry.edges.iter().enumerate())
            .filter_map(|(edge, drawing)| drawing.label.as_ref().map(|place| key(edge as u32, &place.rect)))
            .collect();
        drawn.sort_unstable();
        let mut indexed: Vec<_> = geometry.drawn.labels.all().map(|e| key(e.owner, &e.rect)).collect();
        indexed.sort_unstable();
        // An entry over two strips is listed once per strip.
        indexed.dedup();
        assert_eq!(indexed, drawn, "{}", project.meta.name);
    }
}

/// What is wrong with the drawing while `moving` is dragged: a route that
/// passes through the moved box without touching it, a changed route
/// through any box it does not touch or through a zone title, a label on
/// the moved box, a changed label on a box, a title or another label.
fn drag_faults(project: &Project, geometry: &Geometry, preview: &drag::DragPreview) -> Vec<String> {
    let ends: HashMap<DependencyId, (ComponentId, ComponentId)> =
        project.dependencies.iter().map(|d| (d.id, (d.from, d.to))).collect();
    let boxes: Vec<(ComponentId, Rect)> = geometry
        .nodes
        .iter()
        .map(|(id, r)| {
            let now = preview.moved.iter().find(|(m, _)| m == id).map_or(*r, |(_, m)| *m);
            (*id, now)
        })
        .collect();
    let edges: Vec<&edges::EdgeDrawing> = (0..geometry.edges.len())
        .filter_map(|i| preview.edge(geometry, i))
        .collect();
    let labels: Vec<Rect> = edges.iter().filter_map(|e| e.label.as_ref().map(|l| l.rect)).collect();
    let changed = |id: DependencyId| preview.edges.iter().any(|(_, e)| e.id == id);
    let mut found = Vec::new();
    for &edge in &preview.unrouted {
        found.push(format!("{:?} left unrouted", geometry.edges[edge].id));
    }
    for edge in &edges {
        let (from, to) = ends[&edge.id];
        for pair in edge.points.windows(2) {
            for (id, r) in &boxes {
                let moved = preview.moved.iter().any(|(m, _)| m == id);
                if *id != from && *id != to && (moved || changed(edge.id)) && crosses(pair[0], pair[1], r) {
                    found.push(format!("{:?} {:?} through {:?}", edge.id, edge.points, id));
                }
            }
            for zone in geometry.zones.iter().filter(|_| changed(edge.id)) {
                if crosses(pair[0], pair[1], &zone.title_rect()) {
                    found.push(format!("{:?} through the title of {:?}", edge.id, zone.id));
                }
            }
        }
        for zone in geometry.zones.iter().filter(|_| changed(edge.id)) {
            for (side, length) in runs_along_sides(&edge.points, &zone.rect) {
                found.push(format!("{:?} along the {side} of {:?} for {length}", edge.id, zone.id));
            }
        }
        let Some(label) = &edge.label else { continue };
        for (id, r) in &boxes {
            let moved = preview.moved.iter().any(|(m, _)| m == id);
            if (moved || changed(edge.id)) && r.overlaps(&label.rect) {
                found.push(format!("label of {:?} on {:?}", edge.id, id));
            }
        }
        if changed(edge.id)
            && (geometry.zones.iter().any(|z| z.title_rect().overlaps(&label.rect))
                || labels.iter().filter(|other| label.rect.overlaps(other)).count() > 1)
        {
            found.push(format!("label of {:?} covers a title or a label", edge.id));
        }
    }
    let changed_edges = edges.iter().copied().filter(|e| changed(e.id));
    found.extend(misread_labels(changed_edges, &edges));
    found
}

/// Whether the box `index` moved by `delta` keeps `margin` from every
/// other box, zone title and band name (a drop the layout could draw).
fn lands_in_the_open(geometry: &Geometry, index: usize, delta: (f32, f32), margin: f32) -> bool {
    let r = geometry.nodes[index].1;
    let moved = Rect {
        x: r.x + delta.0,
        y: r.y + delta.1,
        ..r
    }
    .expand(margin);
    moved.x >= 0.0
        && geometry
            .nodes
            .iter()
            .enumerate()
            .all(|(i, (_, o))| i == index || !o.overlaps(&moved))
        && geometry.zones.iter().all(|z| !z.title_rect().overlaps(&moved))
        && geometry
            .bands
            .iter()
            .all(|b| !edges::band_name_rect(b).overlaps(&moved))
}

#[test]
fn dragging_a_box_reroutes_its_edges_and_those_it_blocks() {
    let project = synth::generate(300);
    let geometry = Geometry::of(&project);
    let mut tried = 0;
    for (index, (id, _)) in geometry.nodes.iter().enumerate().step_by(7) {
        for delta in [(0.0, 160.0), (230.0, -120.0), (-400.0, 300.0), (35.0, 80.0)] {
            if !lands_in_the_open(&geometry, index, delta, 12.0) {
                continue;
            }
            tried += 1;
            let preview = geometry.drag_preview(&[*id], delta);
            assert_eq!(preview.moved.len(), 1);
            let touching = geometry.edges.iter().filter(|e| {
                project
                    .dependencies
                    .iter()
                    .any(|d| d.id == e.id && (d.from == *id || d.to == *id))
            });
            for edge in touching {
                assert!(
                    preview.edges.iter().any(|(_, e)| e.id == edge.id),
                    "{:?} re-routed",
                    edge.id
                );
            }
            assert_eq!(
                drag_faults(&project, &geometry, &preview),
                Vec::<String>::new(),
                "{id:?} by {delta:?}"
            );
            assert_eq!(
                preview.unrouted,
                Vec::<usize>::new(),
                "{id:?} by {delta:?}: every edge routed"
            );
        }
    }
    assert!(tried > 20, "only {tried} drops landed in the open");
}

proptest! {
    #![proptest_config(crate::core::proptest_support::cases(200))]

    /// While a box is dragged to open ground, no route passes through it,
    /// the re-routed edges pass through no other box and no title, and no
    /// label lies on it or on anything else.
    #[test]
    fn a_dragged_box_is_never_crossed_or_covered(
        project in project_strategy(),
        pick in 0usize..30,
        delta in (-500.0f32..500.0, -400.0f32..400.0),
    ) {
        let geometry = Geometry::of(&project);
        prop_assume!(!geometry.nodes.is_empty());
        let index = pick % geometry.nodes.len();
        prop_assume!(lands_in_the_open(&geometry, index, delta, 12.0));
        let preview = geometry.drag_preview(&[geometry.nodes[index].0], delta);
        prop_assert_eq!(drag_faults(&project, &geometry, &preview), Vec::<String>::new());
        // The fallback search alone keeps the same promises.
        let searched = geometry.preview(&[geometry.nodes[index].0], delta, false);
        prop_assert_eq!(drag_faults(&project, &geometry, &searched), Vec::<String>::new());
    }
}

proptest! {
    #![proptest_config(crate::core::proptest_support::cases(200))]

    /// A box dragged onto a zone's side, where a route leaving it would
    /// most easily follow the border: no re-routed edge runs along any
    /// zone's side, none passes through a box or a title, and every edge
    /// finds a route.
    #[test]
    fn a_box_dragged_onto_a_zone_side_keeps_its_routes_off_the_borders(
        project in project_strategy(),
        pick in 0usize..30,
        zone_pick in 0usize..8,
        right_side in any::<bool>(),
        off_side in -60.0f32..60.0,
        down in -200.0f32..200.0,
    ) {
        let geometry = Geometry::of(&project);
        prop_assume!(!geometry.nodes.is_empty() && !geometry.zones.is_empty());
        let index = pick % geometry.nodes.len();
        let zone = geometry.zones[zone_pick % geometry.zones.len()].rect;
        let side = if right_side { zone.right() } else { zone.x };
        let r = geometry.nodes[index].1;
        let delta = (side + off_side - r.center().0, zone.center().1 + down - r.center().1);
        prop_assume!(lands_in_the_open(&geometry, index, delta, 12.0));
        let preview = geometry.drag_preview(&[geometry.nodes[index].0], delta);
        prop_assert_eq!(drag_faults(&project, &geometry, &preview), Vec::<String>::new());
    }
}

/// The hostile-names fixture has no stored positions; its drawing must
/// still read as well as the examples: routes cross no more often than
/// Graphviz dot's drawing of the same graph (2), and none follows a
/// zone's border.
#[test]
fn the_hostile_fixture_crosses_no_more_than_dot() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-names.ron");
    let project = crate::store::load(&path).expect("the fixture loads");
    assert!(project.components.iter().all(|c| c.position.is_none()));
    let geometry = drawn_without_faults(&project);
    let crossings = count_piece_crossings(&geometry);
    assert!(crossings <= 2, "{crossings} crossings");
}

#[test]
fn a_route_beside_a_zone_side_is_found_and_one_across_it_is_not() {
    let zone = Rect {
        x: 100.0,
        y: 100.0,
        width: 300.0,
        height: 400.0,
    };
    let beside = [(90.0, 50.0), (104.0, 50.0), (104.0, 300.0), (200.0, 300.0)];
    assert_eq!(runs_along_sides(&beside, &zone), vec![("left", 200.0)]);
    let across = [(50.0, 300.0), (250.0, 300.0), (250.0, 600.0)];
    assert_eq!(runs_along_sides(&across, &zone), Vec::<(&str, f32)>::new());
    // Running along a side briefly, as a route does turning in at a corner.
    let brief = [(97.0, 80.0), (97.0, 120.0), (300.0, 120.0)];
    assert_eq!(runs_along_sides(&brief, &zone), Vec::<(&str, f32)>::new());
}
