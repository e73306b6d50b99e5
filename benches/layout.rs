//! Geometry speed (targets: bands, zones, boxes, routes and labels for
//! 1,000 components / 1,500 dependencies in ≤ 20 ms, 5,000 / 7,500 in
//! ≤ 100 ms).

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

criterion_group!(benches, geometry);
criterion_main!(benches);
