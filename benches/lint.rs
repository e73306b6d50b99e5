//! Lint and blast-radius speed targets (issue 6: all lints ≤ 50 ms and blast
//! radius ≤ 5 ms on 5,000 components, 7,500 dependencies, 200 decisions).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::lint::{self, blast};
use strata::model::{ComponentId, ComponentKind};
use strata::synth;

fn lints(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 200);
    let mut group = c.benchmark_group("lint_5000");
    group.sample_size(30);
    group.bench_function("all_lints", |b| b.iter(|| black_box(lint::lint(black_box(&project)))));
    group.finish();
}

fn blast_radius(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 200);
    // The component with the most dependents: the worst case for a query.
    let index = blast::BlastIndex::new(&project);
    let counts = index.dependent_counts();
    let (worst, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(_, count)| *count)
        .expect("components exist");
    let worst = project.components[worst].id;
    let database = project
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Database)
        .map_or(ComponentId(1), |c| c.id);
    let mut group = c.benchmark_group("blast_5000");
    group.bench_function("blast_radius_most_depended_on", |b| {
        b.iter(|| black_box(blast::blast_radius(&project, black_box(worst))))
    });
    group.bench_function("blast_radius_database", |b| {
        b.iter(|| black_box(blast::blast_radius(&project, black_box(database))))
    });
    group.bench_function("indexed_radius_most_depended_on", |b| {
        b.iter(|| black_box(index.radius(black_box(worst))))
    });
    group.bench_function("single_failure_domains", |b| {
        b.iter(|| black_box(blast::single_failure_domains(black_box(&project))))
    });
    group.sample_size(10);
    group.bench_function("markdown_section", |b| {
        b.iter(|| black_box(blast::blast_radius_markdown(black_box(&project))))
    });
    group.finish();
}

criterion_group!(benches, lints, blast_radius);
criterion_main!(benches);
