//! What changed since the last review. Each review's minutes go with a
//! snapshot of the project as it stood in the meeting, and the project
//! remembers the latest snapshot, so the next review can open with the
//! differences instead of someone's memory of them.

use std::path::{Path, PathBuf};

use crate::diff::{self, DiffOptions, ProjectDiff};
use crate::edit::Edit;
use crate::model::Project;
use crate::store::{self, SaveError};

/// Where a session's snapshot goes inside the spec folder, beside its
/// minutes.
pub fn snapshot_file_name(date: &str) -> String {
    super::minutes_file_name(date).replace("-review.md", "-review.ron")
}

/// Writes `project` as the snapshot of the session dated `date`.
pub fn write_snapshot(project: &Project, date: &str, spec_folder: &Path) -> Result<PathBuf, SaveError> {
    let path = spec_folder.join(snapshot_file_name(date));
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| SaveError::Io {
            path: folder.to_owned(),
            source,
        })?;
    }
    let text = store::to_ron_string(project)?;
    store::replace_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// How the project names a snapshot: relative to the project file's folder
/// when it lies under it (so the reference survives a clone of the
/// repository), else the full path.
pub fn reference(snapshot: &Path, project_file: Option<&Path>) -> String {
    let folder = project_file
        .and_then(Path::parent)
        .filter(|f| !f.as_os_str().is_empty());
    let relative = folder.and_then(|folder| snapshot.strip_prefix(folder).ok());
    relative.unwrap_or(snapshot).to_string_lossy().into_owned()
}

/// The edit that makes the project remember `reference` as its last
/// review; `None` when it already does.
pub fn remember(project: &Project, reference: &str) -> Option<Edit> {
    if project.meta.last_review == reference {
        return None;
    }
    let mut meta = project.meta.clone();
    meta.last_review = reference.to_owned();
    Some(Edit::SetMeta(Box::new(meta)))
}

/// The differences between the last review's snapshot and the project now.
#[derive(Clone, Debug, PartialEq)]
pub struct SinceLastReview {
    /// The snapshot's file, as the project names it.
    pub snapshot: String,
    /// When that review met (from the snapshot's name), if it says.
    pub date: Option<String>,
    pub diff: ProjectDiff,
}

impl SinceLastReview {
    /// "the review of 2026-11-20", or "the last review" when the
    /// snapshot's name carries no date.
    pub fn when(&self) -> String {
        self.date
            .as_deref()
            .map_or("the last review".to_owned(), |d| format!("the review of {d}"))
    }
}

/// What changed since the last review, or `None` when the project has not
/// been reviewed with minutes yet. An unreadable snapshot is an error that
/// says which file and why.
pub fn since_last_review(project: &Project, project_file: Option<&Path>) -> Option<Result<SinceLastReview, String>> {
    let reference = project.meta.last_review.trim();
    if reference.is_empty() {
        return None;
    }
    let path = Path::new(reference);
    let path = match project_file.and_then(Path::parent) {
        Some(folder) if path.is_relative() => folder.join(path),
        _ => path.to_owned(),
    };
    Some(match store::load(&path) {
        Ok(mut reviewed) => {
            // Remembering the review is not a change to the architecture.
            reviewed.meta.last_review = project.meta.last_review.clone();
            Ok(SinceLastReview {
                snapshot: reference.to_owned(),
                date: review_date(&path),
                diff: diff::diff(&reviewed, project, DiffOptions::default()),
            })
        }
        Err(error) => Err(format!(
            "The last review's snapshot {} cannot be read: {error}",
            path.display()
        )),
    })
}

/// `2026-11-20` from `…/2026-11-20-review.ron`.
fn review_date(snapshot: &Path) -> Option<String> {
    let stem = snapshot.file_stem()?.to_str()?;
    let date = stem.strip_suffix("-review")?;
    crate::is_iso_date(date).then(|| date.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{ChangeKind, ItemKey};
    use crate::edit::History;

    #[test]
    fn a_project_never_reviewed_has_nothing_to_compare() {
        assert_eq!(
            since_last_review(&crate::templates::dated_example("e-commerce"), None),
            None
        );
    }

    #[test]
    fn the_next_review_sees_what_changed_since_the_snapshot() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project_file = dir.path().join("shop.ron");
        let spec = dir.path().join("infra-specs");
        let mut project = crate::templates::dated_example("e-commerce");
        let snapshot = write_snapshot(&project, "2026-11-20", &spec).expect("snapshot written");
        assert_eq!(snapshot, spec.join("reviews/2026-11-20-review.ron"));

        let reference = reference(&snapshot, Some(&project_file));
        assert_eq!(reference, "infra-specs/reviews/2026-11-20-review.ron");
        let mut history = History::new();
        let before = project.clone();
        let edit = remember(&project, &reference).expect("the project did not remember it yet");
        history.apply(&mut project, edit, "Record the review").expect("applies");
        assert_eq!(remember(&project, &reference), None, "remembering twice is no change");

        let unchanged = since_last_review(&project, Some(&project_file))
            .expect("reviewed")
            .expect("readable");
        assert!(unchanged.diff.is_empty(), "{:?}", unchanged.diff);
        assert_eq!(unchanged.date.as_deref(), Some("2026-11-20"));

        let renamed = project.components[0].id;
        project.components[0].name = "Checkout gateway".to_owned();
        let since = since_last_review(&project, Some(&project_file))
            .expect("reviewed")
            .expect("readable");
        assert_eq!(since.diff.changes.len(), 1);
        assert_eq!(since.diff.changes[0].item, ItemKey::Component(renamed.0));
        assert_eq!(since.diff.changes[0].change, ChangeKind::Changed);

        history.undo(&mut project);
        assert_eq!(project.meta, before.meta);
    }

    #[test]
    fn a_missing_snapshot_is_an_error_naming_the_file() {
        let mut project = crate::templates::dated_example("e-commerce");
        project.meta.last_review = "gone/2026-11-20-review.ron".to_owned();
        let error = since_last_review(&project, Some(Path::new("/nowhere/shop.ron")))
            .expect("reviewed")
            .expect_err("the file is missing");
        assert!(error.contains("/nowhere/gone/2026-11-20-review.ron"), "{error}");
    }
}
