//! File dialogs off the UI thread.
//!
//! rfd's async dialogs run on a helper thread driven by a tiny executor; the
//! result comes back over a channel and wakes the UI with a repaint. With
//! no desktop portal and no `zenity`, rfd answers `None` at once: the app
//! tells those apart from a user's Cancel by how fast the answer came, and
//! offers a path field instead.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_on_runs_ready_futures() {
        assert_eq!(block_on(async { 41 + 1 }), 42);
    }
}
