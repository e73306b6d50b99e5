//! Crash-recovery copies: one per project file and one per window editing
//! a project that has no file, in a folder shared by every window.
//!
//! Each copy lives in a *slot* named by a key: `f-<hash of the canonical
//! path>` for a project file, `u-<random>` for a window without one (or for
//! a second window on a file another window already edits). A slot is
//! `KEY.ron` (the copy, written atomically), `KEY.origin` (the file it
//! belongs to; empty for a project without a file) and `KEY.lock`, which
//! the window using the slot holds locked for as long as it runs. The
//! operating system drops the lock when a process ends, however it ends, so
//! a copy whose lock can be taken belongs to a window that is gone: that is
//! the copy to offer. A copy whose lock cannot be taken belongs to a
//! running window and is left alone.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{SaveError, identity, replace_atomically, to_ron_string};
use crate::model::Project;

/// The folder shared by every window: `recovery` in the platform's data
/// folder for Strata (`$XDG_DATA_HOME/strata/recovery`, or
/// `~/.local/share/strata/recovery`, on Linux).
pub fn default_recovery_folder() -> Option<PathBuf> {
    let folders = directories::ProjectDirs::from("", "", "strata")?;
    Some(folders.data_dir().join("recovery"))
}

/// The slot key of a project file.
pub fn file_key(file: &Path) -> String {
    let canonical = fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    format!(
        "f-{:016x}",
        identity::stable_hash(canonical.as_os_str().as_encoded_bytes())
    )
}

/// One window's claim on a recovery slot; the claim ends when it is dropped
/// (or the process ends).
#[derive(Debug)]
pub struct Slot {
    folder: PathBuf,
    key: String,
    lock: Option<File>,
}

/// A copy left by a window that is gone, claimed while the user decides.
#[derive(Debug)]
pub struct Orphan {
    pub slot: Slot,
    /// The project, or why the copy cannot be read.
    pub project: Result<Project, String>,
    /// The project file the copy belongs to; `None` for a project that had
    /// no file.
    pub origin: Option<PathBuf>,
    pub age: Duration,
}

impl Slot {
    pub fn key(&self) -> &str {
        &self.key
    }

    fn path(&self, extension: &str) -> PathBuf {
        self.folder.join(format!("{}.{extension}", self.key))
    }

    pub fn copy_path(&self) -> PathBuf {
        self.path("ron")
    }

    /// Writes (or replaces) the copy atomically, with the file it belongs to.
    pub fn write(&self, project: &Project, origin: Option<&Path>) -> Result<(), SaveError> {
        let origin = origin
            .map(|p| fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()))
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        replace_atomically(&self.path("origin"), origin.as_bytes())?;
        replace_atomically(&self.copy_path(), to_ron_string(project)?.as_bytes())
    }

    /// Removes the copy; the slot stays claimed.
    pub fn remove_copy(&self) {
        let _ = fs::remove_file(self.copy_path());
        let _ = fs::remove_file(self.path("origin"));
    }

    fn read(self) -> Orphan {
        let copy = self.copy_path();
        let age = fs::metadata(&copy)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let origin = fs::read_to_string(self.path("origin"))
            .ok()
            .filter(|s| !s.trim().is_empty())
            .map(|s| PathBuf::from(s.trim_end_matches('\n')));
        let project = super::parse_file(&copy).map_err(|e| e.to_string());
        Orphan {
            slot: self,
            project,
            origin,
            age,
        }
    }
}

impl Drop for Slot {
    /// A slot left without a copy leaves nothing behind. The lock file is
    /// removed while still locked; whoever opened it meanwhile notices the
    /// file is gone and starts again (see [`try_lock`]).
    fn drop(&mut self) {
        if self.lock.is_some() && !self.copy_path().exists() {
            let _ = fs::remove_file(self.path("lock"));
        }
    }
}

/// Takes the lock file at `path`: `None` when another process holds it.
fn try_lock(path: &Path) -> io::Result<Option<File>> {
    for _ in 0..8 {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {
                if same_file(&file, path) {
                    return Ok(Some(file));
                }
                // Removed (and maybe re-created) by its last owner between
                // our open and our lock: try the file that is there now.
            }
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(error)) => return Err(error),
        }
    }
    Ok(None)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The recovery folder shared by every window.
#[derive(Clone, Debug)]
pub struct RecoveryFolder {
    folder: PathBuf,
}

impl RecoveryFolder {
    pub fn new(folder: impl Into<PathBuf>) -> RecoveryFolder {
        RecoveryFolder { folder: folder.into() }
    }

    pub fn path(&self) -> &Path {
        &self.folder
    }

    fn claim(&self, key: String) -> io::Result<Option<Slot>> {
        fs::create_dir_all(&self.folder)?;
        let lock = try_lock(&self.folder.join(format!("{key}.lock")))?;
        Ok(lock.map(|lock| Slot {
            folder: self.folder.clone(),
            key,
            lock: Some(lock),
        }))
    }

    /// The slot for a window editing `file`, or, when another window edits
    /// it too or a copy from a crash still waits there, a slot of its own.
    pub fn claim_for_file(&self, file: &Path) -> io::Result<Slot> {
        let key = file_key(file);
        if !self.folder.join(format!("{key}.ron")).exists()
            && let Some(slot) = self.claim(key)?
        {
            return Ok(slot);
        }
        self.claim_unsaved()
    }

    /// A new slot for a window whose project has no file.
    pub fn claim_unsaved(&self) -> io::Result<Slot> {
        loop {
            let key = format!("u-{}", &identity::fresh_identity()[..16]);
            if let Some(slot) = self.claim(key)? {
                return Ok(slot);
            }
        }
    }

    /// Copies whose window is gone, oldest first, each claimed until
    /// dropped. Copies of running windows are not listed.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut keys: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".ron"))
                    .map(str::to_owned)
            })
            .filter(|key| key.starts_with("f-") || key.starts_with("u-"))
            .collect();
        keys.sort();
        let mut orphans: Vec<Orphan> = keys
            .into_iter()
            .filter_map(|key| self.claim(key).ok().flatten())
            // Gone between the listing and the claim: nothing to offer.
            .filter(|slot| slot.copy_path().exists())
            .map(Slot::read)
            .collect();
        orphans.sort_by_key(|orphan| std::cmp::Reverse(orphan.age));
        orphans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> Project {
        crate::templates::default_project()
    }

    #[test]
    fn two_windows_on_two_files_keep_two_copies() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryFolder::new(folder.path().join("recovery"));
        let mine = folder.path().join("walk/mine.ron");
        let theirs = folder.path().join("walk2/mine.ron");
        let first = store.claim_for_file(&mine).unwrap();
        let second = store.claim_for_file(&theirs).unwrap();
        assert_ne!(first.key(), second.key());
        let mut other = shop();
        other.meta.name = "Other".into();
        first.write(&shop(), Some(&mine)).unwrap();
        second.write(&other, Some(&theirs)).unwrap();
        // Both windows still run: nothing is offered to a third.
        assert!(store.orphans().is_empty());
        drop(first);
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1, "only the copy of the window that is gone");
        assert_eq!(orphans[0].origin.as_deref(), Some(mine.as_path()));
        assert_eq!(orphans[0].project.as_ref().unwrap(), &shop());
    }

    #[test]
    fn a_second_window_on_the_same_file_gets_its_own_slot() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryFolder::new(folder.path());
        let file = folder.path().join("p.ron");
        let first = store.claim_for_file(&file).unwrap();
        let second = store.claim_for_file(&file).unwrap();
        assert_eq!(first.key(), file_key(&file));
        assert!(second.key().starts_with("u-"));
    }

    #[test]
    fn a_claimed_orphan_is_not_offered_twice_and_later_keeps_the_copy() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryFolder::new(folder.path());
        store.claim_unsaved().unwrap().write(&shop(), None).unwrap();
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].origin, None);
        assert!(store.orphans().is_empty(), "claimed by the first window that saw it");
        drop(orphans);
        let again = store.orphans();
        assert_eq!(again.len(), 1, "deciding later keeps the copy");
        again[0].slot.remove_copy();
        drop(again);
        assert!(store.orphans().is_empty());
        let left: Vec<_> = fs::read_dir(folder.path()).unwrap().collect();
        assert!(left.is_empty(), "a discarded copy leaves nothing: {left:?}");
    }

    #[test]
    fn a_leftover_copy_of_a_file_is_not_overwritten_by_a_new_window() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryFolder::new(folder.path());
        let file = folder.path().join("p.ron");
        store
            .claim_for_file(&file)
            .unwrap()
            .write(&shop(), Some(&file))
            .unwrap();
        let next = store.claim_for_file(&file).unwrap();
        assert_ne!(next.key(), file_key(&file));
    }
}

#[cfg(test)]
mod folder_tests {
    #[test]
    fn the_recovery_folder_is_in_the_data_folder_for_strata() {
        // Every test machine has a home folder, so there is a data folder.
        let folder = super::default_recovery_folder().expect("a data folder");
        assert!(folder.ends_with("strata/recovery"), "{}", folder.display());
        if let Some(data_home) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
            assert!(folder.starts_with(data_home));
        }
    }
}
