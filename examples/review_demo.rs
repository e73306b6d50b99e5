//! Review mode on its own window, wired the way the app wires it: apply the
//! returned edits through a History, Ctrl+Z / Ctrl+Shift+Z undo and redo,
//! M writes the minutes, Esc closes.
//!
//! `cargo run --example review_demo [TEMPLATE] [MINUTES_FOLDER] [light|dark]`

use std::path::PathBuf;

use strata::edit::History;
use strata::model::Project;
use strata::ui::Action;
use strata::ui::review::{ReviewState, review_ui};

struct Demo {
    project: Project,
    history: History,
    review: ReviewState,
    minutes_folder: PathBuf,
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let undo = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z));
        let redo = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z));
        if redo {
            self.history.redo(&mut self.project);
        } else if undo {
            self.history.undo(&mut self.project);
        }
        let actions = egui::CentralPanel::default()
            .show(ui, |ui| review_ui(ui, &self.project, &mut self.review))
            .inner;
        for action in actions {
            match action {
                Action::Edit { edit, label, .. } => {
                    if let Err(error) = self.history.apply(&mut self.project, edit, label) {
                        self.review.message = Some(format!("Could not record: {error}"));
                    }
                }
                Action::WriteMinutes => {
                    match strata::review::write_minutes(&self.project, &self.review.session, &self.minutes_folder) {
                        Ok(written) => {
                            self.review.notice = Some(format!("Minutes written to {}", written.minutes.display()))
                        }
                        Err(error) => self.review.message = Some(format!("Could not write the minutes: {error}")),
                    }
                }
                Action::LeaveReview => ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close),
                _ => {}
            }
        }
    }
}

fn main() -> eframe::Result {
    let mut args = std::env::args().skip(1);
    let template = args.next().unwrap_or_else(|| "e-commerce".to_owned());
    let minutes_folder = args
        .next()
        .map_or_else(|| std::env::temp_dir().join("strata-review-demo"), PathBuf::from);
    let theme = match args.next().as_deref() {
        Some("light") => Some(egui::Theme::Light),
        Some("dark") => Some(egui::Theme::Dark),
        _ => None,
    };
    let today = strata::today_iso();
    let project = match strata::templates::find(&template) {
        Some(found) => found.instantiate(&today),
        None => {
            eprintln!(
                "no template named {template}; try one of {:?}",
                strata::templates::names()
            );
            std::process::exit(2);
        }
    };
    let demo = Demo {
        project,
        history: History::new(),
        review: ReviewState::new(&today),
        minutes_folder,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Strata review")
            .with_inner_size([1280.0, 720.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Strata review",
        options,
        Box::new(move |cc| {
            if let Some(theme) = theme {
                cc.egui_ctx.set_theme(theme);
            }
            Ok(Box::new(demo))
        }),
    )
}
