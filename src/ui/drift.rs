//! The drift panel: the open project against a Terraform plan or state
//! ([`crate::terraform::drift`]), beside the problems.
//!
//! The Terraform file is read once per run (the command, or Re-run, which
//! reads it again); the comparison itself is redone whenever the project
//! changes, so a finding goes away as soon as the spec is corrected.
//! Clicking a finding reports the component it is placed on, like a
//! problem.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::problems::{RowBudget, diagnostic_row, level_icon};
use super::tokens;
use super::widgets::label_widget;
use crate::check::{Level, Place};
use crate::model::{ComponentId, Project};
use crate::terraform::drift::{DriftFinding, drift, rule_for};
use crate::terraform::{self, TerraformDoc};

/// One run: the file, what was read from it (or why it could not be), and
/// the findings for the project as it was at `revision`.
#[derive(Clone, Debug)]
pub struct DriftRun {
    pub file: PathBuf,
    pub doc: Result<TerraformDoc, String>,
    findings: Vec<DriftFinding>,
    revision: Option<u64>,
}

/// The panel's state (not saved in the project).
#[derive(Clone, Debug, Default)]
pub struct DriftState {
    pub run: Option<DriftRun>,
    /// The finding last clicked (drawn selected), by position.
    selected: Option<usize>,
    /// How many times the comparison ran (tests check the cache with it).
    comparisons: usize,
}

/// What the panel asks the app for besides a place to go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriftRequest {
    GoTo(Place),
    Rerun,
    Clear,
}

impl DriftState {
    /// Reads `file` and compares `project` (at `revision`) with it.
    pub fn run(&mut self, file: &Path, project: &Project, revision: u64) {
        let doc = terraform::read_file(file).map_err(|error| error.to_string());
        self.run = Some(DriftRun {
            file: file.to_owned(),
            doc,
            findings: Vec::new(),
            revision: None,
        });
        self.selected = None;
        self.refresh(project, revision);
    }

    /// Reads the last run's file again.
    pub fn rerun(&mut self, project: &Project, revision: u64) {
        if let Some(file) = self.run.as_ref().map(|r| r.file.clone()) {
            self.run(&file, project, revision);
        }
    }

    pub fn clear(&mut self) {
        self.run = None;
        self.selected = None;
    }

    pub fn is_open(&self) -> bool {
        self.run.is_some()
    }

    /// Compares again if the project changed since the last comparison;
    /// returns whether it did.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> bool {
        let Some(run) = &mut self.run else {
            return false;
        };
        if run.revision == Some(revision) {
            return false;
        }
        run.findings = match &run.doc {
            Ok(doc) => drift(project, doc),
            Err(_) => Vec::new(),
        };
        run.revision = Some(revision);
        self.comparisons += 1;
        true
    }

    pub fn findings(&self) -> &[DriftFinding] {
        self.run.as_ref().map_or(&[], |r| r.findings.as_slice())
    }

    pub fn comparisons(&self) -> usize {
        self.comparisons
    }

    /// The most severe finding of each component that has one: what the
    /// canvas marks.
    pub fn marks(&self) -> HashMap<ComponentId, Level> {
        let mut marks: HashMap<ComponentId, Level> = HashMap::new();
        for finding in self.findings() {
            if let Some(id) = finding.component() {
                let level = marks.entry(id).or_insert(finding.diagnostic.level);
                *level = (*level).min(finding.diagnostic.level);
            }
        }
        marks
    }
}

/// "3 errors · 2 warnings" for the panel's title.
fn counts_text(findings: &[DriftFinding]) -> String {
    let count = |level| findings.iter().filter(|f| f.diagnostic.level == level).count();
    let (errors, warnings) = (count(Level::Error), count(Level::Warning));
    if errors + warnings == 0 {
        return "no drift".to_owned();
    }
    format!(
        "{} {errors} contradiction{} · {} {warnings} warning{}",
        level_icon(Level::Error),
        if errors == 1 { "" } else { "s" },
        level_icon(Level::Warning),
        if warnings == 1 { "" } else { "s" }
    )
}

/// Shows the last run's findings for `project` (compared again when
/// `revision` changes); returns what the user asked for this frame.
pub fn drift_ui(ui: &mut Ui, project: &Project, revision: u64, state: &mut DriftState) -> Option<DriftRequest> {
    state.refresh(project, revision);
    let Some(run) = &state.run else {
        return None;
    };
    let mut request = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Drift");
        let file = run
            .file
            .file_name()
            .map_or_else(|| run.file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let source = match &run.doc {
            Ok(doc) => format!(
                "against {file} ({}, {} resources)",
                doc.kind.label(),
                doc.resources.len()
            ),
            Err(_) => format!("against {file}"),
        };
        ui.label(source).on_hover_text(run.file.display().to_string());
        if run.doc.is_ok() {
            ui.label(counts_text(&run.findings));
        }
        let rerun = ui
            .small_button("Re-run")
            .on_hover_text("Read the Terraform file again and compare");
        label_widget(ui, &rerun, "Re-run drift", None);
        if rerun.clicked() {
            request = Some(DriftRequest::Rerun);
        }
        let clear = ui
            .small_button("Clear")
            .on_hover_text("Close the drift findings and their marks");
        label_widget(ui, &clear, "Clear drift", None);
        if clear.clicked() {
            request = Some(DriftRequest::Clear);
        }
    });
    ui.separator();
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("strata-drift")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if let Err(error) = &run.doc {
                let palette = tokens::palette(ui.visuals().dark_mode);
                ui.add(egui::Label::new(RichText::new(error).color(tokens::level_color(Level::Error, palette))).wrap());
                return;
            }
            if run.findings.is_empty() {
                ui.weak("The spec and the Terraform file agree.");
            }
            let rows = RowBudget::for_rows(run.findings.len());
            for (index, finding) in run.findings.iter().enumerate() {
                let meaning = rule_for(finding.diagnostic.code).map(|r| r.meaning);
                let row = ui.id().with(("strata-drift-row", index));
                let selected = state.selected == Some(index);
                if rows.row(ui, row, |ui| diagnostic_row(ui, selected, &finding.diagnostic, meaning)) {
                    clicked = Some(index);
                }
            }
        });
    if let Some(index) = clicked {
        state.selected = Some(index);
        if let Some(finding) = state.findings().get(index) {
            request = Some(DriftRequest::GoTo(finding.diagnostic.place.clone()));
        }
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/terraform")
            .join(name)
    }

    fn example() -> Project {
        crate::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron")).expect("example")
    }

    #[test]
    fn a_run_compares_once_per_revision_and_marks_the_worst_level() {
        let mut project = example();
        let mut state = DriftState::default();
        state.run(&fixture("ecommerce-drift-state.json"), &project, 1);
        assert_eq!(state.comparisons(), 1);
        assert!(!state.refresh(&project, 1));
        let marks = state.marks();
        assert_eq!(marks.get(&ComponentId(16)), Some(&Level::Error), "RDS primary");
        assert_eq!(
            marks.get(&ComponentId(6)),
            Some(&Level::Warning),
            "the NAT gateway that is gone"
        );
        // Correcting the spec (the node group's range) removes its finding
        // at the next revision.
        let group = project
            .components
            .iter_mut()
            .find(|c| c.id == ComponentId(14))
            .expect("node group");
        group.scaling.min = Some(1);
        group.scaling.max = Some(20);
        assert!(state.marks().contains_key(&ComponentId(14)));
        assert!(state.refresh(&project, 2));
        assert!(!state.marks().contains_key(&ComponentId(14)));
        state.clear();
        assert!(state.marks().is_empty() && !state.is_open());
    }

    #[test]
    fn an_unreadable_file_is_kept_as_its_error() {
        let project = example();
        let mut state = DriftState::default();
        state.run(Path::new("/no/such/state.json"), &project, 1);
        let run = state.run.as_ref().expect("a run");
        let error = run.doc.as_ref().expect_err("unreadable");
        assert!(error.contains("/no/such/state.json"), "{error}");
        assert!(state.findings().is_empty());
    }
}
