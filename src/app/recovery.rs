//! The window's side of crash recovery: its document's slot in the shared
//! recovery folder, and the copies left by windows that are gone.

use std::time::Instant;

use super::dialogs::{Dialog, RecoveryQuestion};
use super::{RECOVERY_INTERVAL, StrataApp};

impl StrataApp {
    /// Claims the slot for the project now in the window (its file's, or
    /// one of its own), giving up the previous one and its copy.
    pub(super) fn claim_recovery_slot(&mut self) {
        self.document.set_recovery_slot(None);
        let Some(folder) = &self.recovery else { return };
        let claimed = match self.document.path() {
            Some(path) => folder.claim_for_file(path),
            None => folder.claim_unsaved(),
        };
        match claimed {
            Ok(slot) => self.document.set_recovery_slot(Some(slot)),
            Err(error) => self.set_error(format!(
                "Crash recovery is off for this window: {}: {error}",
                folder.path().display()
            )),
        }
    }

    /// Writes the recovery copy now (the window does so every
    /// [`super::RECOVERY_INTERVAL`] while there are unsaved changes).
    pub fn write_recovery_copy(&mut self) {
        if let Err(error) = self.document.write_recovery_copy() {
            self.set_error(format!("Could not write the recovery copy: {error}"));
        }
    }

    /// Writes the recovery copy every [`RECOVERY_INTERVAL`] while there are
    /// unsaved changes it does not hold yet.
    pub(super) fn autosave_recovery(&mut self, ctx: &egui::Context) {
        if !self.document.has_recovery_slot() || !self.is_dirty() {
            return;
        }
        let since = self.last_recovery_write.elapsed();
        if since >= RECOVERY_INTERVAL {
            if self.document.recovery_is_stale() {
                self.write_recovery_copy();
            }
            self.last_recovery_write = Instant::now();
            ctx.request_repaint_after(RECOVERY_INTERVAL);
        } else {
            // One wake-up when the next copy is due: a timer, not a loop.
            ctx.request_repaint_after(RECOVERY_INTERVAL - since);
        }
    }

    /// Claims the copies left by windows that are gone. One that cannot be
    /// read is reported and removed: there is nothing in it to restore.
    pub(super) fn collect_orphans(&mut self) {
        let Some(folder) = &self.recovery else { return };
        let mut orphans = folder.orphans();
        let mut unreadable = Vec::new();
        orphans.retain(|orphan| match &orphan.project {
            Ok(_) => true,
            Err(error) => {
                orphan.slot.remove_copy();
                unreadable.push(error.clone());
                false
            }
        });
        if !unreadable.is_empty() {
            self.set_error(format!(
                "A recovery copy was found but cannot be read: {}",
                unreadable.join("; ")
            ));
        }
        self.orphans = orphans;
    }

    /// The recovery question for the next copy left, if any.
    fn next_orphan_dialog(&self) -> Option<Dialog> {
        let orphan = self.orphans.first()?;
        Some(Dialog::Recovery(RecoveryQuestion {
            origin: orphan.origin.clone(),
            name: orphan
                .project
                .as_ref()
                .map_or_else(|_| String::new(), |p| p.meta.name.clone()),
            age_secs: orphan.age.as_secs(),
        }))
    }

    pub(super) fn offer_next_orphan(&mut self) {
        if self.dialog.is_none() {
            self.dialog = self.next_orphan_dialog();
        }
    }

    /// Esc: every copy stays where it is, to be offered at the next start.
    pub(super) fn decide_recovery_later(&mut self) {
        let count = self.orphans.len();
        self.orphans.clear();
        if count > 0 {
            self.set_status(format!(
                "Kept {count} recovery cop{}; Strata offers {} again at its next start.",
                if count == 1 { "y" } else { "ies" },
                if count == 1 { "it" } else { "them" },
            ));
        }
    }

    /// Restores the first copy, as the file it belongs to.
    pub(super) fn restore_first_orphan(&mut self) {
        if self.orphans.is_empty() {
            return;
        }
        let orphan = self.orphans.remove(0);
        let Ok(project) = orphan.project else { return };
        self.replace_document(crate::document::Document::new(project, orphan.origin.clone()));
        // The window carries on in the copy's slot, so the copy is replaced
        // as the work goes on and removed by the next save.
        self.document.set_recovery_slot(Some(orphan.slot));
        self.document.mark_unsaved();
        let what = orphan
            .origin
            .as_ref()
            .map_or_else(|| "the unsaved project".to_owned(), |p| p.display().to_string());
        self.set_status(format!("Restored the recovery copy of {what}; save to keep it."));
    }

    pub(super) fn discard_first_orphan(&mut self) {
        if !self.orphans.is_empty() {
            let orphan = self.orphans.remove(0);
            orphan.slot.remove_copy();
        }
    }
}
