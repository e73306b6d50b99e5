//! The window's side of crash recovery: its own slot in the shared recovery
//! folder, and the copies left by windows that are gone.

use std::path::Path;

use egui::Ui;

use super::{Dialog, StrataApp};

impl StrataApp {
    /// Claims the slot for the project now in the window (its file's, or
    /// one of its own), giving up the previous one and its copy.
    pub(super) fn claim_recovery_slot(&mut self) {
        if let Some(previous) = self.recovery_slot.take() {
            previous.remove_copy();
        }
        let Some(folder) = &self.recovery else { return };
        let claimed = match &self.path {
            Some(path) => folder.claim_for_file(path),
            None => folder.claim_unsaved(),
        };
        match claimed {
            Ok(slot) => self.recovery_slot = Some(slot),
            Err(error) => self.set_error(format!(
                "Crash recovery is off for this window: {}: {error}",
                folder.path().display()
            )),
        }
    }

    /// Writes the recovery copy now (the window does so every
    /// [`super::RECOVERY_INTERVAL`] while there are unsaved changes).
    pub fn write_recovery_copy(&mut self) {
        let Some(slot) = &self.recovery_slot else { return };
        match slot.write(&self.project, self.path.as_deref()) {
            Ok(()) => self.recovery_revision = Some(self.history.revision()),
            Err(error) => self.set_error(format!("Could not write the recovery copy: {error}")),
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
        Some(Dialog::Recovery {
            origin: orphan.origin.clone(),
            name: orphan
                .project
                .as_ref()
                .map_or_else(|_| String::new(), |p| p.meta.name.clone()),
            age_secs: orphan.age.as_secs(),
        })
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
    fn restore_first_orphan(&mut self) {
        if self.orphans.is_empty() {
            return;
        }
        let orphan = self.orphans.remove(0);
        let Ok(project) = orphan.project else { return };
        self.replace_project(project, orphan.origin.clone());
        // The window carries on in the copy's slot, so the copy is replaced
        // as the work goes on and removed by the next save.
        if let Some(own) = self.recovery_slot.replace(orphan.slot) {
            own.remove_copy();
        }
        self.history.mark_unsaved();
        let what = orphan
            .origin
            .as_ref()
            .map_or_else(|| "the unsaved project".to_owned(), |p| p.display().to_string());
        self.set_status(format!("Restored the recovery copy of {what}; save to keep it."));
    }

    fn discard_first_orphan(&mut self) {
        if !self.orphans.is_empty() {
            let orphan = self.orphans.remove(0);
            orphan.slot.remove_copy();
        }
    }

    /// The recovery question; returns what the dialog becomes once the
    /// user answered (the next copy's question, or nothing).
    pub(super) fn recovery_dialog_ui(
        &mut self,
        ui: &mut Ui,
        origin: Option<&Path>,
        name: &str,
        age_secs: u64,
    ) -> Option<Option<Dialog>> {
        ui.heading("Restore unsaved work?");
        let from = match origin {
            Some(path) => format!("{} (“{name}”)", path.display()),
            None => format!("“{name}”, a project that was never saved"),
        };
        ui.add(
            egui::Label::new(format!(
                "A Strata window did not close cleanly. It left a recovery copy of {from}, from {} ago.",
                describe_age(age_secs)
            ))
            .wrap(),
        );
        ui.weak("Restore opens it as that file, with its unsaved changes. Esc decides later and keeps the copy.");
        ui.add_space(8.0);
        let mut answered = false;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                self.restore_first_orphan();
                answered = true;
            }
            if ui.button("Discard recovery copy").clicked() {
                self.discard_first_orphan();
                answered = true;
            }
            if ui.button("Decide later").clicked() {
                self.decide_recovery_later();
                answered = true;
            }
        });
        answered.then(|| self.next_orphan_dialog())
    }
}

fn describe_age(seconds: u64) -> String {
    match seconds {
        0..120 => format!("{seconds} seconds"),
        120..7_200 => format!("{} minutes", seconds / 60),
        _ => format!("{} hours", seconds / 3_600),
    }
}
