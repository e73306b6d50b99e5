//! The command line. Subcommands call the same core as the GUI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{Diagnostic, Level};
use crate::{lint, store, templates};

mod compare;
mod drift;
mod findings;
mod import;
pub use compare::DiffFormat;
pub use import::ImportSource;

#[derive(Parser, Debug)]
#[command(
    name = "strata",
    version,
    about = "A desktop workbench for infrastructure architects",
    long_about = "Strata designs layered infrastructure topologies, records their tradeoffs and exports the infra-specs/ folder.\n\nWith no subcommand it opens the workbench window, on FILE if given, else on the bundled e-commerce example.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A project file to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a project file in the workbench window.
    Open { file: PathBuf },
    /// Check a project file: structural problems and architecture lints.
    ///
    /// Prints `FILE:LINE:COL: level[code]: message` lines, or JSON, GitHub
    /// Actions annotations or SARIF 2.1.0 with `--format`. Exit code 0 when
    /// no error was found (warnings and infos allowed unless `--deny
    /// warnings`), 1 when errors were found, 2 when the file cannot be read.
    Check {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// `--deny warnings`: warnings fail the check too (exit code 1).
        #[arg(long, value_enum)]
        deny: Vec<Deny>,
    },
    /// Compare a project with a Terraform plan or state (the output of
    /// `terraform show -json`): resources no component lists, addresses the
    /// plan or state lacks, and what the spec states that the resources
    /// contradict (Multi-AZ, encryption at rest, backup retention, private
    /// exposure, deletion protection, scaling range).
    ///
    /// Findings are located in PROJECT like `check`'s and printed in the
    /// same formats, with the same exit codes: 0 when no contradiction was
    /// found (unless `--deny warnings`), 1 when one was, 2 when a file
    /// cannot be read.
    Drift {
        project: PathBuf,
        terraform: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// `--deny warnings`: warnings fail too (exit code 1).
        #[arg(long, value_enum)]
        deny: Vec<Deny>,
    },
    /// Create a project file from a template.
    New {
        file: PathBuf,
        /// One of: e-commerce, three-tier, data-platform, empty.
        #[arg(long, short, default_value = "empty")]
        template: String,
        /// Overwrite FILE if it exists (the old file is kept as FILE.bak).
        #[arg(long)]
        force: bool,
    },
    /// Rewrite a project file in canonical form (stable field order and
    /// indentation), atomically.
    Fmt { file: PathBuf },
    /// Export the infra-specs/ folder (Markdown, Mermaid, SVG, DOT).
    Export {
        file: PathBuf,
        /// The folder to write; created if needed.
        #[arg(long, short)]
        out: PathBuf,
        /// Replace files in the folder that an earlier Strata export did not
        /// write, or another project's export (review minutes and
        /// hand-written files are always kept).
        #[arg(long)]
        force: bool,
    },
    /// List the templates `new` accepts.
    Templates,
    /// Write a synthetic project of N components, auto-arranged as the
    /// window's Auto-arrange would (for trying Strata at scale and for
    /// benchmarks).
    ///
    /// The project is the same for the same N: N components over the
    /// standard layers, 1.5 dependencies per component, two regions of
    /// three availability zones (every fifth component in two of them),
    /// and up to 200 decisions. Written to FILE, or to standard output.
    Synth {
        /// How many components.
        components: usize,
        /// Where to write the project; standard output if not given.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Overwrite FILE if it exists (the old file is kept as FILE.bak).
        #[arg(long)]
        force: bool,
    },
    /// Compare two versions of a project by id: what was added, removed or
    /// changed, field by field.
    ///
    /// OLD may be `git:REV`: NEW as it was at that git revision. Exit code 0
    /// when they are equal, 1 when they differ, 2 on an error. Positions on
    /// the canvas count only with `--layout`.
    Diff {
        #[arg(required_unless_present = "git_external")]
        old: Option<String>,
        #[arg(required_unless_present = "git_external")]
        new: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Also report components that moved on the canvas.
        #[arg(long)]
        layout: bool,
        /// Run as git's external diff (`git config diff.strata.command
        /// "strata diff --git-external"`): git passes seven arguments.
        #[arg(long, num_args = 7, value_names = ["PATH", "OLD_FILE", "OLD_HEX", "OLD_MODE", "NEW_FILE", "NEW_HEX", "NEW_MODE"], conflicts_with_all = ["old", "new"])]
        git_external: Option<Vec<String>>,
    },
    /// Import infrastructure code into a project: `strata import terraform
    /// FILE.json --out NEW.ron` or `--into PROJECT.ron`.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Print a generated `terraform show -json` state of N resources (for
    /// benchmarks and trying the import at scale).
    SynthTerraform { resources: usize },
    /// Three-way merge of a project by id and field; usable as git's merge
    /// driver (`strata merge %O %A %B -o %A --path %P`).
    ///
    /// Items both sides added get distinct ids. A field both sides changed
    /// differently keeps ours and is listed on stderr and in
    /// OUT.conflicts.md (or PATH.conflicts.md); the exit code is then 1.
    /// Exit code 2: a version could not be read; nothing is written.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the merged project; standard output if not given.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// The file's path in the repository (git's %P), for messages and
        /// the conflicts file.
        #[arg(long)]
        path: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::…`).
    Github,
    /// A SARIF 2.1.0 log, for code-scanning views.
    Sarif,
}

/// Which findings besides errors fail `strata check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

/// What `main` should do after the command line is parsed.
pub enum Outcome {
    /// Open the window on this file (or the default project).
    Gui(Option<PathBuf>),
    Exit(ExitCode),
}

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        None => Outcome::Gui(cli.file),
        Some(Command::Open { file }) => Outcome::Gui(Some(file)),
        Some(Command::Check { file, format, deny }) => {
            Outcome::Exit(check_command(&file, format, deny.contains(&Deny::Warnings)))
        }
        Some(Command::Drift {
            project,
            terraform,
            format,
            deny,
        }) => Outcome::Exit(drift::drift_command(
            &project,
            &terraform,
            format,
            deny.contains(&Deny::Warnings),
        )),
        Some(Command::New { file, template, force }) => Outcome::Exit(new_command(&file, &template, force)),
        Some(Command::Fmt { file }) => Outcome::Exit(fmt_command(&file)),
        Some(Command::Export { file, out, force }) => Outcome::Exit(export_command(&file, &out, force)),
        Some(Command::Diff {
            old,
            new,
            format,
            layout,
            git_external,
        }) => Outcome::Exit(compare::diff_command(compare::DiffRequest {
            old,
            new,
            format,
            layout,
            git_external,
        })),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            out,
            path,
        }) => Outcome::Exit(compare::merge_command(compare::MergeRequest {
            base,
            ours,
            theirs,
            out,
            path,
        })),
        Some(Command::Synth { components, out, force }) => {
            Outcome::Exit(synth_command(components, out.as_deref(), force))
        }
        Some(Command::Import { source }) => Outcome::Exit(import::import_command(source)),
        Some(Command::SynthTerraform { resources }) => Outcome::Exit(import::synth_command(resources)),
        Some(Command::Templates) => {
            let mut out = std::io::stdout().lock();
            for template in templates::TEMPLATES {
                let _ = writeln!(out, "{:<14} {}", template.name, template.title);
            }
            Outcome::Exit(ExitCode::SUCCESS)
        }
    }
}

fn check_command(file: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let read = store::read_text(file).and_then(|text| Ok((store::parse_str(&text, file)?, text)));
    let (project, text) = match read {
        Ok(read) => read,
        Err(error) => {
            report_unreadable(file, &error, format);
            return ExitCode::from(2);
        }
    };
    let problems = lint::lint(&project);
    let addressed: Vec<(&Diagnostic, Option<&str>)> = problems.iter().map(|p| (p, None)).collect();
    print_findings(file, &text, &addressed, format, deny_warnings)
}

/// Prints `problems` (each with the infrastructure address it concerns,
/// if any) located in `file`'s `text`, in `format`; the exit code is 1
/// when one of them is an error, or a warning with `deny_warnings`.
fn print_findings(
    file: &Path,
    text: &str,
    problems: &[(&Diagnostic, Option<&str>)],
    format: Format,
    deny_warnings: bool,
) -> ExitCode {
    let mut locator = store::Locator::new(text);
    let located: Vec<findings::Finding<'_>> = problems
        .iter()
        .map(|&(problem, address)| {
            let (line, column) = locator.position_of(problem);
            findings::Finding {
                problem,
                line,
                column,
                address,
            }
        })
        .collect();
    let output = match format {
        Format::Text => findings::text(file, &located),
        Format::Json => findings::json(file, &located),
        Format::Github => findings::github(file, &located),
        Format::Sarif => findings::sarif(file, &located),
    };
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    let fails = |p: &Diagnostic| p.level == Level::Error || (deny_warnings && p.level == Level::Warning);
    if problems.iter().any(|(p, _)| fails(p)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A file that cannot be read is reported in the format asked for, at the
/// position the load error names.
fn report_unreadable(file: &Path, error: &store::LoadError, format: Format) {
    report_failure(file, &error.to_string(), error.position(), format);
}

/// `message` about `file` (at `position`, 1-based, when known) in the
/// format asked for: on stderr as text, else where a tool reads findings.
fn report_failure(file: &Path, message: &str, position: Option<(usize, usize)>, format: Format) {
    let (line, column) = position.unwrap_or((1, 1));
    match format {
        Format::Text => eprintln!("{message}"),
        Format::Json => println!(
            "{}",
            serde_json::json!({
                "file": file, "readable": false, "error": message, "line": line, "column": column,
            })
        ),
        Format::Github => print!(
            "{}",
            findings::github_line(Level::Error, file, line, column, "strata: unreadable file", message)
        ),
        Format::Sarif => {
            let problem = Diagnostic {
                level: Level::Error,
                code: "S000",
                message: message.to_owned(),
                place: crate::check::Place::Project,
            };
            print!(
                "{}",
                findings::sarif(
                    file,
                    &[findings::Finding {
                        problem: &problem,
                        line,
                        column,
                        address: None,
                    }]
                )
            );
        }
    }
}

fn new_command(file: &Path, template_name: &str, force: bool) -> ExitCode {
    let Some(template) = templates::find(template_name) else {
        eprintln!(
            "strata new: there is no template \"{template_name}\"; choose one of: {}",
            templates::names().join(", ")
        );
        return ExitCode::from(2);
    };
    if file.exists() && !force {
        eprintln!(
            "strata new: {} already exists; pass --force to replace it (the old file is kept as .bak)",
            file.display()
        );
        return ExitCode::from(2);
    }
    let mut project = template.instantiate(&crate::today_iso());
    store::identify(&mut project, None);
    match store::save(file, &project) {
        Ok(()) => {
            println!("created {} from the {} template", file.display(), template.name);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("strata new: {error}");
            ExitCode::from(2)
        }
    }
}

/// The most components `synth` writes: a project far larger than any
/// estate the window is made for.
const SYNTH_LIMIT: usize = 100_000;

fn synth_command(components: usize, out: Option<&Path>, force: bool) -> ExitCode {
    if components > SYNTH_LIMIT {
        eprintln!("strata synth: {components} components is more than {SYNTH_LIMIT}; ask for fewer");
        return ExitCode::from(2);
    }
    if let Some(file) = out
        && file.exists()
        && !force
    {
        eprintln!(
            "strata synth: {} already exists; pass --force to replace it (the old file is kept as .bak)",
            file.display()
        );
        return ExitCode::from(2);
    }
    let mut project = crate::synth::generate_with(components, components * 3 / 2, 200.min(components.max(1)));
    if let Err(error) = crate::layout::arrange_edit(&project).apply(&mut project) {
        eprintln!("strata synth: arranging the project failed: {error}");
        return ExitCode::from(2);
    }
    let written = match out {
        Some(file) => store::save(file, &project).map_err(|error| error.to_string()),
        None => store::to_ron_string(&project)
            .map_err(|error| error.to_string())
            .and_then(|text| {
                std::io::stdout()
                    .write_all(text.as_bytes())
                    .map_err(|error| format!("cannot write to standard output: {error}"))
            }),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("strata synth: {error}");
            ExitCode::from(2)
        }
    }
}

fn fmt_command(file: &Path) -> ExitCode {
    // A file that does not load is never rewritten.
    let (project, version) = match store::load_versioned(file) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("strata fmt: {error}");
            return ExitCode::from(2);
        }
    };
    match store::save(file, &project) {
        Ok(()) => {
            if version < store::FORMAT_VERSION {
                eprintln!(
                    "strata fmt: {}: migrated from project format {version} to format {}",
                    file.display(),
                    store::FORMAT_VERSION
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("strata fmt: {error}");
            ExitCode::from(2)
        }
    }
}

fn export_command(file: &Path, out: &Path, force: bool) -> ExitCode {
    let mut project = match store::load(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("strata export: {error}");
            return ExitCode::from(2);
        }
    };
    // A file without an identity gets the one the window would give it:
    // the same file always exports as the same project.
    store::identify(&mut project, Some(file));
    let export = crate::export::render(&project);
    match crate::export::write_folder(&export, out, force) {
        Ok(report) => {
            let mut stdout = std::io::stdout().lock();
            for path in &report.written {
                let _ = writeln!(stdout, "wrote {}", out.join(path).display());
            }
            for path in &report.removed {
                let _ = writeln!(stdout, "removed {} (no longer produced)", out.join(path).display());
            }
            for note in &report.notes {
                let _ = writeln!(stdout, "note: {note}");
            }
            let _ = writeln!(stdout, "exported {} files to {}", report.written.len(), out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("strata export: {error}");
            ExitCode::from(1)
        }
    }
}
