//! File dialogs off the UI thread.
//!
//! rfd's async dialogs run on a helper thread that blocks on them (with
//! `pollster`); the result comes back over a channel and wakes the UI with a repaint. With
//! no desktop portal and no `zenity`, rfd answers `None` at once: the app
//! tells those apart from a user's Cancel by how fast the answer came, and
//! offers a path field instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A dialog that answers faster than this did not really show.
pub const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    /// The Terraform plan or state the spec is checked against.
    DriftAgainst,
    SaveAs,
    /// The folder the spec export goes into.
    ExportFolder,
    /// Where the topology SVG goes.
    ExportSvg,
    /// A `terraform show -json` file to import.
    ImportTerraform,
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
        let terraform_json = |d: rfd::AsyncFileDialog, title: &str| {
            d.add_filter("Terraform JSON (terraform show -json)", &["json"])
                .add_filter("All files", &["*"])
                .set_title(title)
                .pick_file()
        };
        let path = match purpose {
            DialogPurpose::Open => {
                pollster::block_on(project_files(dialog).set_title("Open a Strata project").pick_file())
            }
            DialogPurpose::DriftAgainst => {
                pollster::block_on(terraform_json(dialog, "Check drift against a Terraform plan or state"))
            }
            DialogPurpose::SaveAs => pollster::block_on(
                project_files(dialog)
                    .set_title("Save the Strata project as")
                    .set_file_name(file_name)
                    .save_file(),
            ),
            DialogPurpose::ExportFolder => {
                pollster::block_on(dialog.set_title("Export the infra-specs folder into").pick_folder())
            }
            DialogPurpose::ImportTerraform => {
                pollster::block_on(terraform_json(dialog, "Import a Terraform plan or state"))
            }
            DialogPurpose::ExportSvg => pollster::block_on(
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
