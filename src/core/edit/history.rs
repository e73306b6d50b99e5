//! Undo and redo as a list of steps, each holding an edit and its inverse
//! (after helix's `history.rs`). "Unsaved changes" is simply "the current
//! revision differs from the saved one".

use super::{Edit, EditError};
use crate::model::Project;

struct Step {
    label: String,
    /// Re-applies the step (redo).
    forward: Edit,
    /// Takes the step back (undo).
    backward: Edit,
    /// Revision before and after the step.
    before: u64,
    after: u64,
    /// Consecutive steps with the same key fold into one (a drag, typing
    /// into one field).
    merge_key: Option<String>,
}

/// What the GUI shows about a step (menu labels, history list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepInfo {
    pub label: String,
}

#[derive(Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    current: u64,
    next: u64,
    saved: Option<u64>,
}

impl History {
    /// A history whose starting state counts as saved.
    pub fn new() -> History {
        History {
            done: Vec::new(),
            undone: Vec::new(),
            current: 0,
            next: 1,
            saved: Some(0),
        }
    }

    /// Applies `edit` as one undoable step.
    pub fn apply(&mut self, project: &mut Project, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.apply_with_key(project, edit, label.into(), None)
    }

    /// Applies `edit`, folding it into the previous step when that step has
    /// the same `merge_key` and nothing was undone since.
    pub fn apply_merging(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        merge_key: impl Into<String>,
    ) -> Result<(), EditError> {
        self.apply_with_key(project, edit, label.into(), Some(merge_key.into()))
    }

    fn apply_with_key(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: String,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let forward = edit.clone();
        let backward = edit.apply(project)?;
        self.undone.clear();
        let after = self.fresh_revision();
        if let Some(key) = &merge_key
            && let Some(last) = self.done.last_mut()
            && last.merge_key.as_deref() == Some(key.as_str())
            && last.after == self.current
        {
            let previous_forward = std::mem::replace(&mut last.forward, Edit::Batch(Vec::new()));
            let previous_backward = std::mem::replace(&mut last.backward, Edit::Batch(Vec::new()));
            last.forward = Edit::Batch(vec![previous_forward, forward]);
            last.backward = Edit::Batch(vec![backward, previous_backward]);
            last.after = after;
            last.label = label;
            self.current = after;
            return Ok(());
        }
        self.done.push(Step {
            label,
            forward,
            backward,
            before: self.current,
            after,
            merge_key,
        });
        self.current = after;
        Ok(())
    }

    fn fresh_revision(&mut self) -> u64 {
        let revision = self.next;
        self.next += 1;
        revision
    }

    /// Ends any merging run, so the next edit starts a new step even with the
    /// same key (e.g. when a field loses focus).
    pub fn seal(&mut self) {
        if let Some(last) = self.done.last_mut() {
            last.merge_key = None;
        }
    }

    /// Takes back the last step; returns its label.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let mut step = self.done.pop()?;
        let backward = std::mem::replace(&mut step.backward, Edit::Batch(Vec::new()));
        match backward.apply(project) {
            Ok(forward) => {
                step.forward = forward;
                step.merge_key = None;
                self.current = step.before;
                let label = step.label.clone();
                self.undone.push(step);
                Some(label)
            }
            Err(error) => {
                // Only possible if the project was changed behind the
                // history's back; drop the history rather than corrupt data.
                debug_assert!(false, "undo failed: {error}");
                self.done.clear();
                self.undone.clear();
                None
            }
        }
    }

    /// Re-applies the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let mut step = self.undone.pop()?;
        let forward = std::mem::replace(&mut step.forward, Edit::Batch(Vec::new()));
        match forward.apply(project) {
            Ok(backward) => {
                step.backward = backward;
                self.current = step.after;
                let label = step.label.clone();
                self.done.push(step);
                Some(label)
            }
            Err(error) => {
                debug_assert!(false, "redo failed: {error}");
                self.undone.clear();
                None
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }
    /// Steps that can be undone, oldest first.
    pub fn steps(&self) -> Vec<StepInfo> {
        self.done.iter().map(|s| StepInfo { label: s.label.clone() }).collect()
    }

    /// The revision the project is at now.
    pub fn revision(&self) -> u64 {
        self.current
    }
    /// Records that the current state has been written to disk.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current);
    }
    /// Records that the current state matches nothing on disk (a project
    /// restored from a recovery copy, or created from a template).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }
    /// True when the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current)
    }
}
