//! Terraform import speed (target: a 5,000-resource state read, mapped to
//! components, zones and arrows, merged into a new project and laid out in
//! ≤ 500 ms). The state comes from the same generator as
//! `strata synth-terraform`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::terraform;

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("terraform_import");
    group.sample_size(10);
    for resources in [1000, 5000] {
        let state = terraform::synth::state_json(resources);
        group.bench_function(format!("state_{resources}"), |b| {
            b.iter(|| {
                let doc = terraform::parse(black_box(state.as_bytes()), "synth.json").expect("the state reads");
                black_box(terraform::import_new(&doc, "synth", "2026-01-01").expect("the import applies"))
            })
        });
    }
    let state = terraform::synth::state_json(5000);
    group.bench_function("read_only_5000", |b| {
        b.iter(|| black_box(terraform::parse(black_box(state.as_bytes()), "synth.json").expect("the state reads")))
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
