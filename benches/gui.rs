//! One frame of the workbench, headless (egui run + tessellate, CPU only),
//! at 1,000 components / 1,500 dependencies and 5,000 / 7,500, idle and
//! while dragging a component; plus auto-arrange of 1,000 components.
//! Targets (issue 4): ≤ 4 ms at 1k, ≤ 16 ms at 5k, arrange ≤ 100 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};
use strata::app::{AppOptions, Prefs, StrataApp};
use strata::{layout, synth};

const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(1280.0, 800.0));

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(SCREEN),
        events,
        ..RawInput::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut StrataApp, events: Vec<Event>) {
    let mut output = ctx.run_ui(input(events), |ui| app.frame_ui(ui));
    // No GPU here: the font atlas upload is dropped on purpose.
    output.textures_delta.clear();
    black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

/// An app showing a synthetic project, after its first frames (fonts,
/// geometry, fit). `zoom`: `None` keeps the fitted view.
fn app_with(components: usize, dependencies: usize, zoom: Option<f32>) -> (egui::Context, StrataApp) {
    let ctx = egui::Context::default();
    let mut app = StrataApp::with_prefs(AppOptions::headless(None), Prefs::default());
    app.set_project(synth::generate_with(components, dependencies, 0), None);
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    if let Some(zoom) = zoom {
        app.canvas.zoom = zoom;
        app.canvas.offset = vec2(0.0, 0.0);
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    for (components, dependencies) in [(1000, 1500), (5000, 7500)] {
        for (view, zoom) in [("fit", None), ("100%", Some(1.0))] {
            let (ctx, mut app) = app_with(components, dependencies, zoom);
            group.bench_function(format!("{components}/idle/{view}"), |b| {
                b.iter(|| frame(&ctx, &mut app, Vec::new()))
            });

            // Press on a visible component and keep moving it. A fitted
            // view of a very wide drawing may show none: then the first
            // component is brought to the middle, at the same zoom.
            let (ctx, mut app) = app_with(components, dependencies, zoom);
            let visible = |app: &StrataApp| {
                app.project()
                    .components
                    .iter()
                    .filter_map(|c| app.canvas.screen_rect_of(app.geometry(), c.id))
                    .any(|r| app.canvas.rect.shrink(40.0).contains(r.center()))
            };
            if !visible(&app) {
                let first = app.geometry().nodes[0].1.center();
                app.canvas.offset =
                    app.canvas.rect.center() - app.canvas.rect.min - vec2(first.0, first.1) * app.canvas.zoom;
                frame(&ctx, &mut app, Vec::new());
            }
            let target = app
                .project()
                .components
                .iter()
                .filter_map(|c| app.canvas.screen_rect_of(app.geometry(), c.id))
                .find(|r| app.canvas.rect.shrink(40.0).contains(r.center()))
                .expect("a visible component")
                .center();
            frame(&ctx, &mut app, vec![Event::PointerMoved(target)]);
            frame(
                &ctx,
                &mut app,
                vec![Event::PointerButton {
                    pos: target,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                }],
            );
            let mut step = 0u32;
            group.bench_function(format!("{components}/drag/{view}"), |b| {
                b.iter(|| {
                    step += 1;
                    let offset = vec2((step % 40) as f32 * 3.0, (step % 7) as f32 * 2.0 + 10.0);
                    frame(&ctx, &mut app, vec![Event::PointerMoved(target + offset)]);
                    // Checked here so a filtered run does not trip on it.
                    assert!(app.canvas.is_dragging(), "the benchmark really dragged");
                })
            });
        }
    }
    group.finish();
}

fn arrange(c: &mut Criterion) {
    let project = synth::generate_with(1000, 1500, 0);
    let mut group = c.benchmark_group("arrange");
    group.sample_size(20);
    group.bench_function("1000", |b| {
        b.iter(|| black_box(layout::arrange_edit(black_box(&project))))
    });
    group.finish();
}

criterion_group!(benches, frames, arrange);
criterion_main!(benches);
