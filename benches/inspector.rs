//! Frame cost of the inspector, the documents views and the preview on a
//! big project (issue target: ≤ 4 ms per frame with 5,000 components,
//! 7,500 dependencies and 200 decisions), headless: `Context::run_ui` plus
//! `tessellate`, at 1280×800.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use strata::model::{ComponentId, Project, VariantArray};
use strata::selection::Selection;
use strata::synth;
use strata::ui::{DocSection, DocumentsState, InspectorState, PreviewState, documents_ui, inspector_ui, preview_ui};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..egui::RawInput::default()
    }
}

/// One full frame: build the UI and tessellate what it drew.
fn frame(ctx: &egui::Context, mut ui_fn: impl FnMut(&mut egui::Ui)) -> usize {
    let output = ctx.run_ui(input(), |ui| ui_fn(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

/// The component with the most dependencies in and out: the fullest
/// inspector.
fn busiest_component(project: &Project) -> ComponentId {
    let mut degree = std::collections::HashMap::new();
    for d in &project.dependencies {
        *degree.entry(d.from).or_insert(0usize) += 1;
        *degree.entry(d.to).or_insert(0usize) += 1;
    }
    degree
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(id.0)))
        .map(|(id, _)| id)
        .unwrap()
}

fn inspector(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 200);
    let busiest = busiest_component(&project);
    // A hub: one component that 1,000 others depend on (a shared database).
    let mut hub_project = project.clone();
    let hub = hub_project.components[0].id;
    for dependency in hub_project.dependencies.iter_mut().filter(|d| d.from != hub).take(1000) {
        dependency.to = hub;
    }
    let mut group = c.benchmark_group("inspector_5000");
    for (name, selected, project) in [
        ("component_hub_1000_in", Selection::Component(hub), &hub_project),
        ("component_busiest", Selection::Component(busiest), &project),
        ("decision", Selection::Decision(project.decisions[0].id), &project),
        (
            "dependency",
            Selection::Dependency(project.dependencies[0].id),
            &project,
        ),
    ] {
        let ctx = egui::Context::default();
        let mut state = InspectorState::default();
        for _ in 0..3 {
            frame(&ctx, |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    inspector_ui(ui, project, &selected, &mut state);
                });
            });
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(frame(&ctx, |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        black_box(inspector_ui(ui, project, &selected, &mut state));
                    });
                }))
            })
        });
    }
    group.finish();
}

fn documents(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 200);
    let mut group = c.benchmark_group("documents_5000");
    for &section in DocSection::VARIANTS {
        let ctx = egui::Context::default();
        let mut state = DocumentsState::default();
        state.decision = Some(project.decisions[0].id);
        for _ in 0..3 {
            frame(&ctx, |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    documents_ui(ui, &project, section, &mut state);
                });
            });
        }
        group.bench_function(format!("{section:?}"), |b| {
            b.iter(|| {
                black_box(frame(&ctx, |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        black_box(documents_ui(ui, &project, section, &mut state));
                    });
                }))
            })
        });
    }
    group.finish();
}

/// The preview panel once its text is cached (what every frame costs while
/// the architect reads), for a component and for the biggest file.
fn preview(c: &mut Criterion) {
    let project = synth::generate_with(5000, 7500, 200);
    let busiest = busiest_component(&project);
    let mut group = c.benchmark_group("preview_5000");
    for (name, target) in [
        ("component_cached", strata::export::PreviewTarget::Component(busiest)),
        (
            "responsibilities_md_cached",
            strata::export::PreviewTarget::File("responsibilities.md"),
        ),
        (
            "tradeoffs_md_cached",
            strata::export::PreviewTarget::File("tradeoffs.md"),
        ),
        ("overview_md_cached", strata::export::PreviewTarget::File("overview.md")),
    ] {
        let ctx = egui::Context::default();
        let mut state = PreviewState::default();
        for _ in 0..3 {
            frame(&ctx, |ui| {
                egui::CentralPanel::default().show(ui, |ui| preview_ui(ui, &project, Some(&target), 1, &mut state));
            });
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(frame(&ctx, |ui| {
                    egui::CentralPanel::default().show(ui, |ui| preview_ui(ui, &project, Some(&target), 1, &mut state));
                }))
            })
        });
        assert_eq!(state.builds, 1, "the preview text is built once, not per frame");
    }
    group.bench_function("component_text_build", |b| {
        b.iter(|| {
            black_box(strata::export::preview(
                &project,
                &strata::export::PreviewTarget::Component(busiest),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, inspector, documents, preview);
criterion_main!(benches);
