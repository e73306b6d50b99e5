//! Where a version to compare comes from: a file, or a file as it was at a
//! git revision (`git:REV`).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::Project;
use crate::store::{self, LoadError};

/// One version of a project, ready to compare.
#[derive(Debug)]
pub struct Version {
    pub project: Project,
    /// The format version the text was written in.
    pub format: u32,
    /// How to name it to people: the path, or `REV:path`.
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error(
        "git is not installed or not on PATH ({0}); install git, or save the old version to a file and compare the two files"
    )]
    NoGit(String),
    #[error(
        "git cannot show {file} at revision \"{revision}\": {message}; check the revision with `git log -- {file}`"
    )]
    Revision {
        file: String,
        revision: String,
        message: String,
    },
    #[error(
        "{old} is in project format {old_format} and {new} in format {new_format}; migrate first: strata fmt FILE (for a git revision, migrate the file and commit it), then compare"
    )]
    FormatsDiffer {
        old: String,
        old_format: u32,
        new: String,
        new_format: u32,
    },
}

/// The text of `file` at git revision `revision`, read with `git show`
/// from the repository that holds `file`.
pub fn read_at_revision(file: &Path, revision: &str) -> Result<Vec<u8>, SourceError> {
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let output = Command::new("git")
        .arg("-C")
        .arg(&folder)
        .arg("show")
        .arg(format!("{revision}:./{name}"))
        .output()
        .map_err(|error| match error.kind() {
            ErrorKind::NotFound => SourceError::NoGit(error.to_string()),
            _ => SourceError::NoGit(format!("it could not be started: {error}")),
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr)
            .lines()
            .map(|line| line.trim_start_matches("fatal: ").trim())
            .map(|line| line.trim_end_matches('.'))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(SourceError::Revision {
            file: file.display().to_string(),
            revision: revision.to_owned(),
            message: if message.is_empty() {
                format!("git exited with {}", output.status)
            } else {
                message
            },
        });
    }
    Ok(output.stdout)
}

/// Loads `spec`: a path, or `git:REV` for `relative_to` at that revision.
pub fn load(spec: &str, relative_to: &Path) -> Result<Version, SourceError> {
    match spec.strip_prefix("git:") {
        Some(revision) => {
            let bytes = read_at_revision(relative_to, revision)?;
            let name = format!("{revision}:{}", relative_to.display());
            let (project, format) = store::load_bytes(&bytes, Path::new(&name))?;
            Ok(Version { project, format, name })
        }
        None => load_file(Path::new(spec)),
    }
}

/// Loads a project file, checked as `strata check` checks it.
pub fn load_file(path: &Path) -> Result<Version, SourceError> {
    let (project, format) = store::load_versioned(path)?;
    Ok(Version {
        project,
        format,
        name: path.display().to_string(),
    })
}

/// Refuses to compare versions written in different formats: a migration
/// would show as changes that nobody made.
pub fn same_format(versions: &[&Version]) -> Result<(), SourceError> {
    let Some(first) = versions.first() else {
        return Ok(());
    };
    match versions.iter().find(|v| v.format != first.format) {
        None => Ok(()),
        Some(other) => Err(SourceError::FormatsDiffer {
            old: first.name.clone(),
            old_format: first.format,
            new: other.name.clone(),
            new_format: other.format,
        }),
    }
}
