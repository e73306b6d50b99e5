//! Geometry speed (targets: bands, zones, boxes, routes and labels for
//! 1,000 components / 1,500 dependencies in ≤ 20 ms, 5,000 / 7,500 in
//! ≤ 100 ms), and the drawing while a box is dragged at 5,000 components
//! (re-routing and re-labelling only what the drag touches).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::layout::Geometry;
use strata::synth;

fn geometry(c: &mut Criterion) {
    let mut group = c.benchmark_group("geometry");
    group.sample_size(20);
    for (components, dependencies) in [(1000, 1500), (5000, 7500)] {
        let project = synth::generate_with(components, dependencies, 0);
        group.bench_function(format!("{components}_{dependencies}"), |b| {
            b.iter(|| black_box(Geometry::of(black_box(&project))))
        });
    }
    group.finish();
}

/// A drag of the component with the most dependencies, one step further
/// each iteration (down across rows and sideways across columns).
fn drag(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 0);
    let geometry = Geometry::of(&project);
    let busiest = project
        .components
        .iter()
        .max_by_key(|c| {
            project
                .dependencies
                .iter()
                .filter(|d| d.from == c.id || d.to == c.id)
                .count()
        })
        .map(|c| c.id)
        .expect("components");
    let mut step = 0u32;
    c.bench_function("drag_preview_5000", |b| {
        b.iter(|| {
            step += 1;
            let delta = ((step % 50) as f32 * 37.0, (step % 13) as f32 * 23.0 + 5.0);
            black_box(geometry.drag_preview(&[busiest], delta))
        })
    });
}

criterion_group!(benches, geometry, drag);
criterion_main!(benches);
