//! File dialogs off the UI thread, and the crash-recovery copy.
//!
//! rfd's async dialogs run on a helper thread driven by a tiny executor; the
//! result comes back over a channel and wakes the UI with a repaint. With
//! no desktop portal and no `zenity`, rfd answers `None` at once: the app
//! tells those apart from a user's Cancel by how fast the answer came, and
//! offers a path field instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use crate::model::Project;
use crate::store;

/// A dialog that answers faster than this did not really show.
pub const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    /// The folder the spec export goes into.
    ExportFolder,
    /// Where the topology SVG goes.
    ExportSvg,
}

#[derive(Debug)]
pub struct DialogAnswer {
    pub purpose: DialogPurpose,
    pub path: Option<PathBuf>,
    pub elapsed: Duration,
}

/// Shows a native dialog on a helper thread.
pub fn spawn_dialog(
    purpose: DialogPurpose,
    ctx: egui::Context,
    folder: Option<PathBuf>,
    file_name: String,
) -> Receiver<DialogAnswer> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut dialog = rfd::AsyncFileDialog::new();
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        let project_files =
            |d: rfd::AsyncFileDialog| d.add_filter("Strata project", &["ron"]).add_filter("All files", &["*"]);
        let path = match purpose {
            DialogPurpose::Open => block_on(project_files(dialog).set_title("Open a Strata project").pick_file()),
            DialogPurpose::SaveAs => block_on(
                project_files(dialog)
                    .set_title("Save the Strata project as")
                    .set_file_name(file_name)
                    .save_file(),
            ),
            DialogPurpose::ExportFolder => {
                block_on(dialog.set_title("Export the infra-specs folder into").pick_folder())
            }
            DialogPurpose::ExportSvg => block_on(
                dialog
                    .add_filter("SVG image", &["svg"])
                    .set_title("Export the topology as SVG")
                    .set_file_name("topology.svg")
                    .save_file(),
            ),
        }
        .map(|handle| handle.path().to_owned());
        let _ = sender.send(DialogAnswer {
            purpose,
            path,
            elapsed: started.elapsed(),
        });
        ctx.request_repaint();
    });
    receiver
}

struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current (helper) thread.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// `$XDG_DATA_HOME/strata/recovery.ron` (or `~/.local/share/...`).
pub fn default_recovery_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))?;
    Some(base.join("strata").join("recovery.ron"))
}

/// The file next to the recovery copy that names the project's own file.
fn origin_path(recovery: &Path) -> PathBuf {
    recovery.with_extension("origin")
}

pub fn write_recovery(recovery: &Path, project: &Project, origin: Option<&Path>) -> Result<(), String> {
    if let Some(folder) = recovery.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let text = store::to_ron_string(project).map_err(|e| e.to_string())?;
    std::fs::write(recovery, text).map_err(|e| format!("{}: {e}", recovery.display()))?;
    let origin_text = origin
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::fs::write(origin_path(recovery), origin_text).map_err(|e| format!("{}: {e}", recovery.display()))
}

pub fn remove_recovery(recovery: &Path) {
    let _ = std::fs::remove_file(recovery);
    let _ = std::fs::remove_file(origin_path(recovery));
}

/// A recovery copy left by a session that did not end cleanly.
#[derive(Debug)]
pub struct Recovered {
    pub project: Project,
    pub origin: Option<PathBuf>,
    pub age: Duration,
}

pub fn read_recovery(recovery: &Path) -> Option<Result<Recovered, String>> {
    if !recovery.exists() {
        return None;
    }
    let age = std::fs::metadata(recovery)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .unwrap_or_default();
    let origin = std::fs::read_to_string(origin_path(recovery))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| PathBuf::from(s.trim()));
    Some(
        store::parse_file(recovery)
            .map(|project| Recovered { project, origin, age })
            .map_err(|e| e.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_round_trip_and_removal() {
        let folder = tempfile::tempdir().unwrap();
        let recovery = folder.path().join("nested/recovery.ron");
        let project = crate::templates::default_project();
        write_recovery(&recovery, &project, Some(Path::new("/tmp/x.ron"))).unwrap();
        let recovered = read_recovery(&recovery).unwrap().unwrap();
        assert_eq!(recovered.project, project);
        assert_eq!(
            recovered.origin.as_deref(),
            Some(Path::new("/tmp/x.ron")),
            "a missing origin is kept as given"
        );
        remove_recovery(&recovery);
        assert!(read_recovery(&recovery).is_none());
    }

    #[test]
    fn block_on_runs_ready_futures() {
        assert_eq!(block_on(async { 41 + 1 }), 42);
    }
}
