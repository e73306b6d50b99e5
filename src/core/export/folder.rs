//! Writing the spec folder: staged, so a failed export leaves the folder as
//! it was, and owned, so one project never replaces another's spec.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Export;

/// Name of the file in an export folder that lists what Strata wrote, so a
/// later export can remove its own stale files and nothing else.
pub const MANIFEST: &str = ".strata-export";

/// The manifest line naming the project that wrote the folder. It is a
/// comment, so builds from before identities read such a manifest too.
const PROJECT_LINE: &str = "# project: ";
const PROJECT_NAME_LINE: &str = "# project name: ";

/// Review minutes live here; no export ever removes them.
const REVIEWS_FOLDER: &str = "reviews/";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0} exists and is not a folder; choose a folder to export into")]
    NotAFolder(PathBuf),
    #[error(
        "{folder} already has files Strata did not write: {}. Move them away, or export anyway to replace them (--force)",
        conflicts.join(", ")
    )]
    WouldOverwrite { folder: PathBuf, conflicts: Vec<String> },
    #[error(
        "{folder} holds the spec of another project (“{owner_name}”, identity {owner}); nothing was changed. Export into another folder, or export anyway to replace that spec (--force; its review minutes and hand-written files are kept)"
    )]
    AnotherProject {
        folder: PathBuf,
        owner: String,
        owner_name: String,
    },
    #[error("refusing to write {0}: not a safe relative path")]
    UnsafePath(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub folder: PathBuf,
    pub written: Vec<String>,
    /// Files an earlier export wrote that this one no longer produces.
    pub removed: Vec<String>,
    pub notes: Vec<String>,
}

/// What a folder's manifest says: the files Strata wrote there and, since
/// manifests record it, the project that wrote them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: Vec<String>,
    /// Empty for a manifest from before identities (or a project without
    /// one): such a folder is taken as this project's.
    pub project_id: String,
    pub project_name: String,
}

impl Manifest {
    /// The manifest in `folder`, if there is one.
    pub fn read(folder: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(folder.join(MANIFEST)).ok()?;
        let mut manifest = Manifest::default();
        for line in text.lines() {
            if let Some(id) = line.strip_prefix(PROJECT_LINE) {
                manifest.project_id = id.trim().to_owned();
            } else if let Some(name) = line.strip_prefix(PROJECT_NAME_LINE) {
                manifest.project_name = name.trim().to_owned();
            } else if !line.starts_with('#') && is_safe_relative(line) {
                manifest.files.push(line.to_owned());
            }
        }
        Some(manifest)
    }

    /// True when the folder was written by a project other than `project_id`.
    pub fn belongs_to_another(&self, project_id: &str) -> bool {
        !self.project_id.is_empty() && !project_id.is_empty() && self.project_id != project_id
    }

    fn text(export: &Export) -> String {
        let mut text = String::from("# Files written by Strata's export; Strata replaces or removes only these.\n");
        if !export.project_id.is_empty() {
            // One line each, whatever the name holds.
            let name: String = export
                .project_name
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            text.push_str(&format!(
                "{PROJECT_LINE}{}\n{PROJECT_NAME_LINE}{name}\n",
                export.project_id
            ));
        }
        for file in &export.files {
            text.push_str(&file.path);
            text.push('\n');
        }
        text
    }
}

/// The folder the window offers for a project's export: `infra-specs/`
/// beside the project file, unless another project's spec is there; then
/// `infra-specs-<file name>/`, numbered if needed. Never a folder holding
/// another project's export.
pub fn default_folder(beside: &Path, file_stem: Option<&str>, project_id: &str) -> PathBuf {
    let free = |folder: &Path| Manifest::read(folder).is_none_or(|m| !m.belongs_to_another(project_id));
    let first = beside.join("infra-specs");
    if free(&first) {
        return first;
    }
    let stem: String = file_stem
        .unwrap_or("project")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    (1..)
        .map(|n| match n {
            1 => beside.join(format!("infra-specs-{stem}")),
            n => beside.join(format!("infra-specs-{stem}-{n}")),
        })
        .find(|folder| free(folder))
        .unwrap_or(first)
}

/// Relative paths made of lowercase ASCII names only: nothing a user typed
/// can climb out of the folder.
pub(super) fn is_safe_relative(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() <= 2
        && parts.iter().all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// Refuses before anything is written: a folder holding another project's
/// spec, or files this export would overwrite that Strata did not write.
fn check_ownership(
    export: &Export,
    folder: &Path,
    previous: Option<&Manifest>,
    replace_foreign: bool,
) -> Result<(), ExportError> {
    if !folder.is_dir() || replace_foreign {
        return Ok(());
    }
    if let Some(manifest) = previous.filter(|m| m.belongs_to_another(&export.project_id)) {
        return Err(ExportError::AnotherProject {
            folder: folder.to_owned(),
            owner: manifest.project_id.clone(),
            owner_name: manifest.project_name.clone(),
        });
    }
    let listed = |path: &String| previous.is_some_and(|m| m.files.contains(path));
    let conflicts: Vec<String> = export
        .files
        .iter()
        .filter(|f| !listed(&f.path) && folder.join(&f.path).exists())
        .filter(|f| fs::read_to_string(folder.join(&f.path)).map_or(true, |existing| existing != f.contents))
        .map(|f| f.path.clone())
        .collect();
    if conflicts.is_empty() {
        Ok(())
    } else {
        Err(ExportError::WouldOverwrite {
            folder: folder.to_owned(),
            conflicts,
        })
    }
}

/// Writes the export into `folder` (created if needed). Everything is
/// first written to a temporary folder beside it, so an error while writing
/// leaves the folder as it was. Files listed in the previous manifest that
/// are no longer produced are removed; other files (and review minutes) are
/// never touched. A file Strata would overwrite but did not write, or a
/// folder another project exported into, is a conflict unless
/// `replace_foreign` is set.
pub fn write_folder(export: &Export, folder: &Path, replace_foreign: bool) -> Result<WriteReport, ExportError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ExportError::Io { path, source }
    };
    for file in &export.files {
        if !is_safe_relative(&file.path) {
            return Err(ExportError::UnsafePath(file.path.clone()));
        }
    }
    if folder.exists() && !folder.is_dir() {
        return Err(ExportError::NotAFolder(folder.to_owned()));
    }
    let previous = Manifest::read(folder);
    check_ownership(export, folder, previous.as_ref(), replace_foreign)?;
    let parent = match folder.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;

    // Created like any new folder (the umask decides), since it may become
    // the export folder itself.
    let staging = crate::store::new_folder_in(&parent, ".strata-export-").map_err(io(&parent))?;
    // Each sub-folder is created once, not once per file: metadata calls
    // are what a spec folder of hundreds of files costs on slow disks.
    let mut made = std::collections::HashSet::new();
    let mut ensure_folder = |dir: &Path| -> Result<(), ExportError> {
        if made.insert(dir.to_owned()) {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        Ok(())
    };
    for file in &export.files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            ensure_folder(dir)?;
        }
        // No fsync per file: an export can always be regenerated, and
        // syncing 50 files costs a second on slow disks. What matters is
        // that a failed write never replaces a good folder, which staging
        // and renaming give.
        let mut handle = fs::File::create(&path).map_err(io(&path))?;
        handle.write_all(file.contents.as_bytes()).map_err(io(&path))?;
    }
    let manifest_path = staging.path().join(MANIFEST);
    fs::write(&manifest_path, Manifest::text(export)).map_err(io(&manifest_path))?;

    let written: Vec<String> = export.files.iter().map(|f| f.path.clone()).collect();
    let mut removed = Vec::new();
    if !folder.exists() {
        // Nothing there yet: the whole folder appears at once.
        let staged = staging.keep();
        fs::rename(&staged, folder).map_err(io(folder))?;
    } else {
        for file in written.iter().map(String::as_str).chain(std::iter::once(MANIFEST)) {
            let target = folder.join(file);
            if let Some(dir) = target.parent() {
                ensure_folder(dir)?;
            }
            fs::rename(staging.path().join(file), &target).map_err(io(&target))?;
        }
        let stale = previous
            .iter()
            .flat_map(|m| m.files.iter())
            .filter(|p| !written.contains(p) && !p.starts_with(REVIEWS_FOLDER));
        for stale in stale {
            let path = folder.join(stale);
            if path.is_file() {
                fs::remove_file(&path).map_err(io(&path))?;
                removed.push(stale.clone());
            }
        }
    }
    Ok(WriteReport {
        folder: folder.to_owned(),
        written,
        removed,
        notes: export.notes.clone(),
    })
}
