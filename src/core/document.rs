//! The open project as the window holds it: the project, its undo history,
//! its file, and its crash-recovery slot (after helix's `Document`, which
//! owns its history and its last saved revision).
//!
//! Nothing changes the project except through a [`Document`] method, so one
//! counter, [`Document::revision`], answers "did the project change?" for
//! every cache above it (geometry, lints, preview, explorer, highlight).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::edit::{Edit, EditError, History};
use crate::model::Project;
use crate::store::{self, SaveError, recovery::Slot};

/// Revisions are handed out process-wide, so a document that replaces
/// another never starts at a number the old one had: a cache keyed on the
/// revision cannot mistake one project for the other.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

pub struct Document {
    project: Project,
    history: History,
    path: Option<PathBuf>,
    /// What the title calls the project while it has no file (`None`:
    /// "Untitled").
    untitled_name: Option<&'static str>,
    /// Changes with every change to the project (edit, undo, redo) and
    /// differs between documents.
    revision: u64,
    /// This window's claim in the shared recovery folder.
    recovery: Option<Slot>,
    /// The revision the recovery copy holds, if one was written.
    recovered_revision: Option<u64>,
}

impl Document {
    /// A document over `project`, opened from `path` (or new); its starting
    /// state counts as saved.
    pub fn new(project: Project, path: Option<PathBuf>) -> Document {
        Document {
            project,
            history: History::new(),
            path,
            untitled_name: None,
            revision: fresh_revision(),
            recovery: None,
            recovered_revision: None,
        }
    }

    /// A new document named `name` in the title until it is saved.
    pub fn untitled(project: Project, name: &'static str) -> Document {
        Document {
            untitled_name: Some(name),
            ..Document::new(project, None)
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    /// The number every cache of the project is keyed on.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// True when the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name for the title, or what the window calls the project
    /// without one.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || self.untitled_name.unwrap_or("Untitled").to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Applies `edit` as one undo step; with a `merge_key`, it folds into
    /// the previous step of the same key (a drag, typing into one field).
    pub fn apply(&mut self, edit: Edit, label: String, merge_key: Option<String>) -> Result<(), EditError> {
        let result = match merge_key {
            Some(key) => self.history.apply_merging(&mut self.project, edit, label, key),
            None => self.history.apply(&mut self.project, edit, label),
        };
        if result.is_ok() {
            self.revision = fresh_revision();
        }
        result
    }

    /// Takes back the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.project)?;
        self.revision = fresh_revision();
        Some(label)
    }

    /// Re-applies the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.project)?;
        self.revision = fresh_revision();
        Some(label)
    }

    /// Records that the project matches nothing on disk (created from a
    /// template, restored from a recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// The project's identity: its own, or for a file from before
    /// identities the one derived from the file it was opened from (what
    /// its exports used so far, and what the next save records).
    pub fn identity(&self) -> String {
        match &self.path {
            _ if !self.project.meta.id.is_empty() => self.project.meta.id.clone(),
            Some(path) => store::identity_of_file(path),
            // Every project without a file is given one when created.
            None => String::new(),
        }
    }

    /// Saves to `path`, which becomes the document's file. Returns whether
    /// the file changed (the recovery slot then belongs to another file).
    pub fn save_to(&mut self, path: &Path) -> Result<bool, SaveError> {
        // Recorded once, and kept from then on (not an edit: nothing the
        // user changed, and undo must not take it away).
        self.project.meta.id = self.identity();
        store::save(path, &self.project)?;
        let moved = self.path.as_deref() != Some(path);
        self.path = Some(path.to_owned());
        self.untitled_name = None;
        self.history.mark_saved();
        if !moved && let Some(slot) = &self.recovery {
            slot.remove_copy();
        }
        self.recovered_revision = None;
        Ok(moved)
    }

    /// Takes `slot` as the document's recovery slot, giving up the previous
    /// one and its copy.
    pub fn set_recovery_slot(&mut self, slot: Option<Slot>) {
        if let Some(previous) = std::mem::replace(&mut self.recovery, slot) {
            previous.remove_copy();
        }
        self.recovered_revision = None;
    }
    pub fn has_recovery_slot(&self) -> bool {
        self.recovery.is_some()
    }

    /// Writes the recovery copy now, if there is a slot.
    pub fn write_recovery_copy(&mut self) -> Result<(), SaveError> {
        let Some(slot) = &self.recovery else { return Ok(()) };
        slot.write(&self.project, self.path.as_deref())?;
        self.recovered_revision = Some(self.revision);
        Ok(())
    }
    /// True when the recovery copy lags behind the project.
    pub fn recovery_is_stale(&self) -> bool {
        self.recovery.is_some() && self.is_dirty() && self.recovered_revision != Some(self.revision)
    }

    /// A clean exit leaves no recovery copy behind.
    pub fn close_cleanly(&mut self) {
        if let Some(slot) = self.recovery.take() {
            slot.remove_copy();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentId;

    fn rename_first(document: &Document, name: &str) -> Edit {
        let mut component = document.project().components[0].clone();
        component.name = name.to_owned();
        Edit::UpdateComponent(Box::new(component))
    }

    #[test]
    fn every_change_moves_the_revision_and_undo_never_returns_an_old_one() {
        let mut document = Document::new(crate::templates::default_project(), None);
        let mut seen = vec![document.revision()];
        let edit = rename_first(&document, "Renamed");
        document.apply(edit, "Rename".into(), None).expect("applies");
        seen.push(document.revision());
        assert!(document.is_dirty());
        document.undo().expect("undoes");
        assert!(!seen.contains(&document.revision()), "undo is a change too");
        assert!(!document.is_dirty(), "back at the saved state");
        seen.push(document.revision());
        document.redo().expect("redoes");
        assert!(!seen.contains(&document.revision()));
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut document = Document::new(crate::templates::default_project(), None);
        let before = document.revision();
        let refused = document.apply(Edit::RemoveComponent(ComponentId(999_999)), "Delete".into(), None);
        assert!(refused.is_err());
        assert_eq!(document.revision(), before);
        assert!(!document.is_dirty());
    }

    #[test]
    fn two_documents_never_share_a_revision() {
        let first = Document::new(crate::templates::default_project(), None);
        let second = Document::new(crate::templates::default_project(), None);
        assert_ne!(first.revision(), second.revision());
    }

    #[test]
    fn saving_records_the_file_and_the_identity() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("p.ron");
        let mut project = crate::templates::default_project();
        store::identify(&mut project, None);
        let mut document = Document::untitled(project, "Example");
        assert_eq!(document.display_name(), "Example");
        let edit = rename_first(&document, "Changed");
        document.apply(edit, "Rename".into(), None).expect("applies");
        assert_eq!(document.save_to(&path).ok(), Some(true));
        assert!(!document.is_dirty());
        assert_eq!(document.display_name(), "p.ron");
        let saved = store::load(&path).expect("reloads");
        assert!(!saved.meta.id.is_empty());
        assert_eq!(saved.meta.id, document.identity());
        assert_eq!(saved.components[0].name, "Changed");
    }
}
