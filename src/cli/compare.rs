//! `strata diff` and `strata merge`: comparing and combining versions of a
//! project file, also as git's external diff and merge driver.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::diff::source::{self, SourceError, Version};
use crate::diff::{self, DiffOptions, merge};
use crate::store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

/// What `strata diff` was asked.
pub struct DiffRequest {
    pub old: Option<String>,
    pub new: Option<PathBuf>,
    pub format: DiffFormat,
    pub layout: bool,
    /// git's seven external-diff arguments, when git calls us.
    pub git_external: Option<Vec<String>>,
}

pub fn diff_command(request: DiffRequest) -> ExitCode {
    if let Some(arguments) = &request.git_external {
        return git_external_diff(arguments, request.format, request.layout);
    }
    let (Some(old), Some(new)) = (request.old, request.new) else {
        eprintln!("strata diff: give two versions: strata diff OLD NEW (OLD may be git:REV)");
        return ExitCode::from(2);
    };
    let loaded = source::load(&old, &new).and_then(|old_version| {
        let new_version = source::load_file(&new)?;
        source::same_format(&[&old_version, &new_version])?;
        Ok((old_version, new_version))
    });
    let (old_version, new_version) = match loaded {
        Ok(pair) => pair,
        Err(error) => {
            eprintln!("strata diff: {error}");
            return ExitCode::from(2);
        }
    };
    let found = diff::diff(
        &old_version.project,
        &new_version.project,
        DiffOptions { layout: request.layout },
    );
    print_diff(&found, &old_version.name, &new_version.name, request.format);
    if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_diff(found: &diff::ProjectDiff, old: &str, new: &str, format: DiffFormat) {
    let text = match format {
        DiffFormat::Text => diff::render_text(found, old, new),
        DiffFormat::Markdown => diff::render_markdown(found, old, new),
        DiffFormat::Json => diff::render_json(found, old, new) + "\n",
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// git calls an external diff with `path old-file old-hex old-mode new-file
/// new-hex new-mode`; a side that does not exist is `/dev/null`. git stops
/// at a non-zero exit, so differences exit 0 here.
fn git_external_diff(arguments: &[String], format: DiffFormat, layout: bool) -> ExitCode {
    let [path, old_file, _, _, new_file, _, _] = arguments else {
        eprintln!(
            "strata diff --git-external: expected git's 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode), got {}",
            arguments.len()
        );
        return ExitCode::from(2);
    };
    let side = |file: &str, label: &str| -> Result<Version, SourceError> {
        if file == "/dev/null" {
            return Ok(Version {
                project: crate::model::Project::default(),
                format: store::FORMAT_VERSION,
                name: "/dev/null".into(),
            });
        }
        let mut version = source::load_file(Path::new(file))?;
        version.name = format!("{label}/{path}");
        Ok(version)
    };
    let loaded = side(old_file, "a").and_then(|old| Ok((old, side(new_file, "b")?)));
    match loaded {
        Ok((old, new)) => {
            let found = diff::diff(&old.project, &new.project, DiffOptions { layout });
            print_diff(&found, &old.name, &new.name, format);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("strata diff: {path}: {error}");
            ExitCode::from(2)
        }
    }
}

/// What `strata merge` was asked.
pub struct MergeRequest {
    pub base: PathBuf,
    pub ours: PathBuf,
    pub theirs: PathBuf,
    pub out: Option<PathBuf>,
    /// The file's name in the repository (git's `%P`), for messages and the
    /// conflicts file.
    pub path: Option<PathBuf>,
}

pub fn merge_command(request: MergeRequest) -> ExitCode {
    let loaded = (|| -> Result<[Version; 3], SourceError> {
        let ours = source::load_file(&request.ours)?;
        let theirs = source::load_file(&request.theirs)?;
        // git gives an empty ancestor when both branches added the file.
        let base_is_empty = std::fs::metadata(&request.base).is_ok_and(|m| m.len() == 0);
        let base = if base_is_empty {
            Version {
                project: crate::model::Project::default(),
                format: ours.format,
                name: request.base.display().to_string(),
            }
        } else {
            source::load_file(&request.base)?
        };
        let versions = [base, ours, theirs];
        source::same_format(&[&versions[0], &versions[1], &versions[2]])?;
        Ok(versions)
    })();
    let [base, ours, theirs] = match loaded {
        Ok(versions) => versions,
        Err(error) => {
            eprintln!("strata merge: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = merge::merge(&base.project, &ours.project, &theirs.project);
    let text = match store::to_ron_string(&outcome.project) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("strata merge: {error}");
            return ExitCode::from(2);
        }
    };
    let shown_name = request
        .path
        .as_ref()
        .or(request.out.as_ref())
        .map_or_else(|| ours.name.clone(), |p| p.display().to_string());
    let written = match &request.out {
        Some(out) => store::replace_atomically(out, text.as_bytes()).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(error) = written {
        eprintln!("strata merge: {error}");
        return ExitCode::from(2);
    }
    for note in &outcome.renumbered {
        eprintln!("strata merge: {shown_name}: {note}");
    }
    if outcome.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    report_conflicts(&request, &shown_name, &outcome);
    ExitCode::from(1)
}

fn report_conflicts(request: &MergeRequest, shown_name: &str, outcome: &merge::MergeOutcome) {
    for conflict in &outcome.conflicts {
        eprintln!(
            "strata merge: {shown_name}: conflict in {} field {}: ours {}, theirs {}; {}",
            conflict.item, conflict.field, conflict.ours, conflict.theirs, conflict.resolution
        );
    }
    let Some(anchor) = request.path.as_ref().or(request.out.as_ref()) else {
        return;
    };
    let mut sidecar = anchor.as_os_str().to_owned();
    sidecar.push(".conflicts.md");
    let sidecar = PathBuf::from(sidecar);
    let markdown = merge::conflicts_markdown(shown_name, outcome);
    match store::replace_atomically(&sidecar, markdown.as_bytes()) {
        Ok(()) => eprintln!(
            "strata merge: {} conflict(s) listed in {}",
            outcome.conflicts.len(),
            sidecar.display()
        ),
        Err(error) => eprintln!("strata merge: the conflicts could not be listed in a file: {error}"),
    }
}
