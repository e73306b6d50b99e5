//! Speed targets of the git integration (issue 14): on two 5,000-component
//! projects differing in about 1 % of items, diff <= 100 ms and three-way
//! merge <= 200 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::diff::{self, DiffOptions, merge};
use strata::model::{Component, Project};
use strata::synth;

/// About 1 % of the components changed (every `stride`th from `offset`),
/// a few added and one removed.
fn changed(base: &Project, offset: usize, label: &str) -> Project {
    let mut project = base.clone();
    for component in project.components.iter_mut().skip(offset).step_by(100) {
        component.technology = format!("{label} technology");
        component.description = format!("changed by {label}");
    }
    for index in 0..5 {
        let id = project.next_component_id();
        project.components.push(Component {
            id,
            name: format!("{label} added {index}"),
            ..Component::default()
        });
    }
    project.risks.push(strata::model::Risk {
        risk: format!("{label} risk"),
        ..Default::default()
    });
    project
}

fn diff_and_merge(c: &mut Criterion) {
    let base = synth::generate_with(5000, 7500, 200);
    let ours = changed(&base, 0, "ours");
    let theirs = changed(&base, 50, "theirs");
    assert!(merge::merge(&base, &ours, &theirs).conflicts.is_empty());
    let mut group = c.benchmark_group("git_5000");
    group.sample_size(20);
    group.bench_function("diff", |b| {
        b.iter(|| black_box(diff::diff(&base, &ours, DiffOptions::default())))
    });
    group.bench_function("merge", |b| b.iter(|| black_box(merge::merge(&base, &ours, &theirs))));
    group.finish();
}

criterion_group!(benches, diff_and_merge);
criterion_main!(benches);
