//! `strata import terraform`: a project from `terraform show -json` output,
//! new or merged into an existing one; and `strata synth-terraform`, the
//! generator of large states for benchmarks.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::store;
use crate::terraform;

#[derive(Subcommand, Debug)]
pub enum ImportSource {
    /// Import a Terraform plan or state, as printed by `terraform show -json`.
    ///
    /// Components come from the resource types (mapping table
    /// assets/terraform.ron), zones from VPCs, subnets and availability
    /// zones, dependencies from the references. With `--into`, components
    /// are matched by their Terraform addresses: new ones are added, the
    /// import's own fields (technology, zones, addresses) are updated, and
    /// nothing the architect wrote is deleted or overwritten. Exit code 2 on
    /// any error, and then no file is written or changed.
    Terraform {
        file: PathBuf,
        /// Write a new project file.
        #[arg(long, required_unless_present = "into", conflicts_with = "into")]
        out: Option<PathBuf>,
        /// Merge into this existing project file (rewritten atomically,
        /// the old one kept as .bak).
        #[arg(long)]
        into: Option<PathBuf>,
        /// With `--out`: replace an existing file (kept as .bak).
        #[arg(long, requires = "out")]
        force: bool,
    },
}

pub fn import_command(source: ImportSource) -> ExitCode {
    let ImportSource::Terraform { file, out, into, force } = source;
    let result = match (out, into) {
        (_, Some(into)) => import_into(&file, &into),
        (Some(out), None) => import_new(&file, &out, force),
        (None, None) => Err("say where the project goes: --out NEW.ron or --into PROJECT.ron".to_string()),
    };
    match result {
        Ok(lines) => {
            let mut stdout = std::io::stdout().lock();
            for line in lines {
                let _ = writeln!(stdout, "{line}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("strata import terraform: {message}");
            ExitCode::from(2)
        }
    }
}

fn import_new(file: &Path, out: &Path, force: bool) -> Result<Vec<String>, String> {
    if out.exists() && !force {
        return Err(format!(
            "{} already exists; pass --force to replace it (the old file is kept as .bak), or --into to merge into it",
            out.display()
        ));
    }
    let doc = terraform::read_file(file).map_err(|error| error.to_string())?;
    let name = file.file_stem().map_or_else(
        || "Imported estate".to_string(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    let (mut project, summary) = terraform::import_new(&doc, &name, &crate::today_iso())
        .map_err(|error| format!("{}: {error}", file.display()))?;
    store::identify(&mut project, None);
    store::save(out, &project).map_err(|error| error.to_string())?;
    let mut lines = summary.lines();
    lines.push(format!("wrote {}", out.display()));
    Ok(lines)
}

fn import_into(file: &Path, into: &Path) -> Result<Vec<String>, String> {
    let mut project = store::load(into).map_err(|error| error.to_string())?;
    let doc = terraform::read_file(file).map_err(|error| error.to_string())?;
    let import = terraform::import_into(&project, &doc);
    let mut lines = import.summary.lines();
    lines.push(import.report.line());
    if import.report.changes_nothing() {
        lines.push(format!("{} is already up to date; left unchanged", into.display()));
        return Ok(lines);
    }
    import.edit.apply(&mut project).map_err(|error| {
        format!(
            "{}: the import does not fit {}: {error}",
            file.display(),
            into.display()
        )
    })?;
    store::save(into, &project).map_err(|error| error.to_string())?;
    lines.push(format!("wrote {}", into.display()));
    Ok(lines)
}

/// Prints a generated `terraform show -json` state of `resources` resources.
pub fn synth_command(resources: usize) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(terraform::synth::state_json(resources).as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("strata synth-terraform: {error}");
            ExitCode::from(2)
        }
    }
}
