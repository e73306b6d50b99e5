//! A project's identity: which project an export folder (or a recovery
//! copy) belongs to.
//!
//! A project gets an identity once, when it is created, and keeps it in
//! `meta.id` through saves, renames and copies (a copy of the file *is* the
//! same project, as a second checkout of a repository is).
//!
//! Files written before identities existed have none. Such a file is given
//! one derived from its canonical path: the same file exported twice (say
//! from the command line, never saved in between) always gets the same
//! identity, so it never conflicts with itself, and two different files
//! never share one. The window keeps that derived identity and writes it
//! with the next save, so exports made before and after agree. A project
//! that has no file yet (a new one, the bundled example) gets a fresh one.

use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use crate::model::Project;

/// Gives `project` an identity if it has none: derived from `file` when it
/// came from one, else fresh. Returns true when it gave one.
pub fn identify(project: &mut Project, file: Option<&Path>) -> bool {
    if !project.meta.id.is_empty() {
        return false;
    }
    project.meta.id = match file {
        Some(file) => identity_of_file(file),
        None => fresh_identity(),
    };
    true
}

/// The identity of an identity-less project file: a hash of its canonical
/// path (the path as given when it cannot be resolved).
pub fn identity_of_file(file: &Path) -> String {
    let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    format!("path-{:016x}", stable_hash(canonical.as_os_str().as_encoded_bytes()))
}

/// A new identity, different for every call in every process.
pub fn fresh_identity() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    // The standard library seeds `RandomState` from the operating system's
    // randomness; the clock, process and counter make two calls differ
    // even where that seed repeats.
    let half = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u64(count);
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}

/// FNV-1a: the same bytes give the same number in every build and on every
/// machine (the standard hasher promises neither).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_is_given_once_and_then_kept() {
        let mut project = Project::default();
        assert!(identify(&mut project, None));
        let first = project.meta.id.clone();
        assert_eq!(first.len(), 32);
        assert!(!identify(&mut project, Some(Path::new("/elsewhere.ron"))));
        assert_eq!(project.meta.id, first);
    }

    #[test]
    fn fresh_identities_differ() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| fresh_identity()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn a_file_without_identity_always_gets_the_same_one_and_another_file_another() {
        let folder = tempfile::tempdir().unwrap();
        let a = folder.path().join("a.ron");
        let b = folder.path().join("b.ron");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let via_dot = folder.path().join(".").join("a.ron");
        assert_eq!(identity_of_file(&a), identity_of_file(&via_dot));
        assert_ne!(identity_of_file(&a), identity_of_file(&b));
        assert_eq!(stable_hash(b"strata"), stable_hash(b"strata"));
    }
}
