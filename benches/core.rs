//! Core speed targets (issue: load/save ≤ 100 ms and apply + undo ≤ 1 ms on
//! 5,000 components, 7,500 dependencies and 200 decisions).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::edit::Edit;
use strata::model::ComponentId;
use strata::{store, synth};

fn big_project() -> strata::model::Project {
    synth::generate_with(5000, 7500, 200)
}

fn load_and_save(c: &mut Criterion) {
    let project = big_project();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("big.ron");
    store::save(&path, &project).unwrap();
    let mut group = c.benchmark_group("store_5000");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| black_box(store::load(&path).unwrap())));
    group.bench_function("save", |b| b.iter(|| store::save(&path, black_box(&project)).unwrap()));
    group.finish();
}

fn apply_and_undo(c: &mut Criterion) {
    let mut project = big_project();
    let mut group = c.benchmark_group("edit_5000");
    let mut renamed = project.component(ComponentId(2500)).unwrap().clone();
    renamed.name = "Renamed".into();
    group.bench_function("update_component_apply_undo", |b| {
        b.iter(|| {
            let inverse = Edit::UpdateComponent(Box::new(renamed.clone()))
                .apply(&mut project)
                .unwrap();
            inverse.apply(&mut project).unwrap();
        })
    });
    group.bench_function("remove_component_apply_undo", |b| {
        b.iter(|| {
            let inverse = Edit::RemoveComponent(ComponentId(2500)).apply(&mut project).unwrap();
            inverse.apply(&mut project).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, load_and_save, apply_and_undo);
criterion_main!(benches);
