//! The drift check in the window: "Check drift against Terraform JSON…"
//! picks a plan or state, the Drift panel beside the problems lists the
//! findings, and the canvas marks the components they concern.

use std::path::Path;

use super::StrataApp;
use crate::ui::{Action, DriftRequest};

impl StrataApp {
    /// Compares the open project with the Terraform JSON at `path` and
    /// shows the findings (what the command does once a file is chosen).
    pub fn run_drift(&mut self, path: &Path) {
        let revision = self.document.revision();
        self.drift.run(path, self.document.project(), revision);
        self.canvas.drift_marks = self.drift.marks();
        self.after_drift_run();
    }

    fn after_drift_run(&mut self) {
        let Some(run) = &self.drift.run else { return };
        let file = run.file.display().to_string();
        match &run.doc {
            Ok(_) => {
                let findings = self.drift.findings();
                let contradictions = findings
                    .iter()
                    .filter(|f| f.diagnostic.level == crate::check::Level::Error)
                    .count();
                self.set_status(format!(
                    "Drift against {file}: {contradictions} contradiction(s), {} other finding(s)",
                    findings.len() - contradictions
                ));
            }
            Err(error) => self.set_error(format!("Cannot check drift: {error}")),
        }
    }

    /// Keeps the findings and the canvas marks in step with the project.
    pub(super) fn refresh_drift(&mut self) {
        let revision = self.document.revision();
        if self.drift.refresh(self.document.project(), revision) {
            self.canvas.drift_marks = self.drift.marks();
        }
    }

    /// Does what the Drift panel asked for.
    pub(super) fn drift_request(&mut self, request: DriftRequest) {
        match request {
            DriftRequest::GoTo(place) => self.actions.push(Action::GoTo(place)),
            DriftRequest::Rerun => {
                let revision = self.document.revision();
                self.drift.rerun(self.document.project(), revision);
                self.after_drift_run();
            }
            DriftRequest::Clear => self.drift.clear(),
        }
        self.canvas.drift_marks = self.drift.marks();
    }
}
