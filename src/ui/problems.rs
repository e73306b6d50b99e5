//! The problems panel: the project's structural problems and architecture
//! lints ([`crate::lint::lint`]) listed live, with their counts for the
//! status bar.
//!
//! The lints run only when the project changes: the panel keeps the last
//! result keyed by a revision the app passes in (anything that changes
//! whenever the project does). Clicking a problem reports the
//! [`Place`] it names; the app selects and centres it.

use egui::{RichText, Ui};

use super::tokens;
use super::widgets::label_widget;
use crate::check::{Diagnostic, Level, Place};
use crate::model::Project;

/// How many problems of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProblemCounts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl ProblemCounts {
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.info
    }
    pub fn of(&self, level: Level) -> usize {
        match level {
            Level::Error => self.errors,
            Level::Warning => self.warnings,
            Level::Info => self.info,
        }
    }
}

/// Counts `diagnostics` by severity.
pub fn problem_counts(diagnostics: &[Diagnostic]) -> ProblemCounts {
    let mut counts = ProblemCounts::default();
    for diagnostic in diagnostics {
        match diagnostic.level {
            Level::Error => counts.errors += 1,
            Level::Warning => counts.warnings += 1,
            Level::Info => counts.info += 1,
        }
    }
    counts
}

/// The panel's state: the cached lint result and which severities are
/// shown (not saved in the project).
#[derive(Clone, Debug)]
pub struct ProblemsState {
    /// The revision `diagnostics` were computed for.
    key: Option<u64>,
    diagnostics: Vec<Diagnostic>,
    counts: ProblemCounts,
    /// How many times the lints ran (tests check the cache with it).
    runs: usize,
    pub show_errors: bool,
    pub show_warnings: bool,
    pub show_info: bool,
    /// The problem last clicked (drawn selected).
    selected: Option<(&'static str, Place)>,
}

impl Default for ProblemsState {
    fn default() -> Self {
        ProblemsState {
            key: None,
            diagnostics: Vec::new(),
            counts: ProblemCounts::default(),
            runs: 0,
            show_errors: true,
            show_warnings: true,
            show_info: true,
            selected: None,
        }
    }
}

impl ProblemsState {
    /// Runs the lints if `revision` differs from the one of the cached
    /// result. Returns whether they ran.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> bool {
        if self.key == Some(revision) {
            return false;
        }
        self.diagnostics = crate::lint::lint(project);
        self.counts = problem_counts(&self.diagnostics);
        self.key = Some(revision);
        self.runs += 1;
        true
    }

    /// Forgets the cached result (e.g. after opening another project whose
    /// history revision may equal the old one).
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn counts(&self) -> ProblemCounts {
        self.counts
    }

    /// How many times the lints ran since the state was made.
    pub fn runs(&self) -> usize {
        self.runs
    }

    pub fn shows(&self, level: Level) -> bool {
        match level {
            Level::Error => self.show_errors,
            Level::Warning => self.show_warnings,
            Level::Info => self.show_info,
        }
    }

    fn toggle(&mut self, level: Level) {
        match level {
            Level::Error => self.show_errors = !self.show_errors,
            Level::Warning => self.show_warnings = !self.show_warnings,
            Level::Info => self.show_info = !self.show_info,
        }
    }

    /// The problems shown with the current filter.
    pub fn visible(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| self.shows(d.level))
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The status bar's summary of the cached result, e.g. "2 errors · 5
/// warnings"; "No problems" when there are none. Severities with no
/// problems are left out.
pub fn status_counts_text(state: &ProblemsState) -> String {
    let counts = state.counts();
    if counts.total() == 0 {
        return "No problems".to_owned();
    }
    let mut parts = Vec::new();
    if counts.errors > 0 {
        parts.push(plural(counts.errors, "error", "errors"));
    }
    if counts.warnings > 0 {
        parts.push(plural(counts.warnings, "warning", "warnings"));
    }
    if counts.info > 0 {
        parts.push(plural(counts.info, "note", "notes"));
    }
    parts.join(" · ")
}

/// The severity's glyph in the list.
pub fn level_icon(level: Level) -> &'static str {
    match level {
        Level::Error => "⊗",
        Level::Warning => "⚠",
        Level::Info => "ℹ",
    }
}

/// The accessible label of a problem's row: "L001: message".
pub fn row_label(diagnostic: &Diagnostic) -> String {
    format!("{}: {}", diagnostic.code, diagnostic.message)
}

/// Shows the problems of `project` (lints rerun only when `revision`
/// changes) with severity filters; returns the place of the problem the
/// user clicked this frame.
pub fn problems_ui(ui: &mut Ui, project: &Project, revision: u64, state: &mut ProblemsState) -> Option<Place> {
    state.refresh(project, revision);
    let palette = tokens::palette(ui.visuals().dark_mode);
    let counts = state.counts();
    let mut clicked = None;

    ui.horizontal_wrapped(|ui| {
        ui.strong("Problems");
        for (level, name) in [
            (Level::Error, "Errors"),
            (Level::Warning, "Warnings"),
            (Level::Info, "Info"),
        ] {
            let color = tokens::level_color(level, palette);
            let text = RichText::new(format!("{} {name} {}", level_icon(level), counts.of(level)));
            let text = if counts.of(level) > 0 { text.color(color) } else { text };
            let response = ui
                .add(egui::Button::selectable(state.shows(level), text))
                .on_hover_text(format!("Show or hide {}", name.to_lowercase()));
            label_widget(ui, &response, &format!("{name} {}", counts.of(level)), None);
            if response.clicked() {
                state.toggle(level);
            }
        }
    });
    ui.separator();

    if state.diagnostics.is_empty() {
        ui.weak("No problems found.");
        return None;
    }
    let hidden = state.diagnostics.len() - state.visible().count();
    egui::ScrollArea::vertical()
        .id_salt("strata-problems")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let width = ui.available_width();
            for diagnostic in state.diagnostics.iter().filter(|d| state.shows(d.level)) {
                let color = tokens::level_color(diagnostic.level, palette);
                let selected = state
                    .selected
                    .as_ref()
                    .is_some_and(|(code, place)| *code == diagnostic.code && *place == diagnostic.place);
                let button = egui::Button::selectable(
                    selected,
                    (
                        RichText::new(level_icon(diagnostic.level)).color(color),
                        RichText::new(diagnostic.code).monospace().color(color),
                        // The message is the part that wraps (egui would
                        // otherwise pick the first text, the icon).
                        egui::AtomExt::atom_shrink(diagnostic.message.as_str(), true),
                    ),
                )
                .wrap()
                .min_size(egui::vec2(width, 0.0));
                let response = ui.add(button);
                label_widget(ui, &response, &row_label(diagnostic), None);
                let meaning = crate::lint::RULES
                    .iter()
                    .find(|r| r.code == diagnostic.code)
                    .map_or("", |r| r.meaning);
                let response = if meaning.is_empty() {
                    response.on_hover_text(format!("{} {}", diagnostic.level.label(), diagnostic.code))
                } else {
                    response.on_hover_text(format!("{} {}: {meaning}", diagnostic.level.label(), diagnostic.code))
                };
                if response.clicked() {
                    clicked = Some((diagnostic.code, diagnostic.place.clone()));
                }
            }
            if hidden > 0 {
                ui.weak(format!("{hidden} hidden by the filter"));
            }
        });
    if let Some((code, place)) = clicked {
        state.selected = Some((code, place.clone()));
        return Some(place);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Place;

    fn diagnostic(level: Level) -> Diagnostic {
        Diagnostic {
            level,
            code: "L001",
            message: "m".into(),
            place: Place::Project,
        }
    }

    #[test]
    fn counts_by_level() {
        let list = [
            diagnostic(Level::Error),
            diagnostic(Level::Warning),
            diagnostic(Level::Warning),
            diagnostic(Level::Info),
        ];
        assert_eq!(
            problem_counts(&list),
            ProblemCounts {
                errors: 1,
                warnings: 2,
                info: 1
            }
        );
        assert_eq!(problem_counts(&[]).total(), 0);
    }

    #[test]
    fn lints_rerun_only_when_the_revision_changes() {
        let mut project = crate::templates::default_project();
        let mut state = ProblemsState::default();
        assert!(state.refresh(&project, 1));
        assert!(!state.refresh(&project, 1));
        assert_eq!(state.runs(), 1);
        let before = state.counts();
        // Strip a component of its responsibilities: one more L001 warning,
        // but only once the revision moves.
        let component = project
            .components
            .iter_mut()
            .find(|c| !c.kind.is_outside() && !c.responsibilities.is_empty())
            .expect("a component with responsibilities");
        component.responsibilities = Default::default();
        assert!(!state.refresh(&project, 1));
        assert_eq!(state.counts(), before);
        assert!(state.refresh(&project, 2));
        assert_eq!(state.runs(), 2);
        assert_eq!(state.counts().warnings, before.warnings + 1);
        state.invalidate();
        assert!(state.refresh(&project, 2));
    }

    #[test]
    fn status_text_names_the_nonzero_counts() {
        let mut state = ProblemsState::default();
        assert_eq!(status_counts_text(&state), "No problems");
        state.counts = ProblemCounts {
            errors: 2,
            warnings: 5,
            info: 0,
        };
        assert_eq!(status_counts_text(&state), "2 errors · 5 warnings");
        state.counts = ProblemCounts {
            errors: 0,
            warnings: 1,
            info: 3,
        };
        assert_eq!(status_counts_text(&state), "1 warning · 3 notes");
    }

    #[test]
    fn the_filter_hides_levels() {
        let mut state = ProblemsState {
            diagnostics: vec![diagnostic(Level::Error), diagnostic(Level::Warning)],
            ..ProblemsState::default()
        };
        assert_eq!(state.visible().count(), 2);
        state.toggle(Level::Warning);
        assert_eq!(state.visible().count(), 1);
        assert!(state.visible().all(|d| d.level == Level::Error));
    }
}
