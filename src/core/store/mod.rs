//! The project file: versioned RON, written atomically.
//!
//! Layout on disk:
//! ```text
//! // Strata project file ...
//! (
//!     format_version: 2,
//!     project: ( meta: (...), layers: [...], ... ),
//! )
//! ```
//! Fields appear in the model's declaration order and lists keep the
//! architect's order, so the file diffs well in git.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{self, Diagnostic, Level};
use crate::model::Project;

mod compact;
mod identity;
pub mod recovery;
mod split;
pub use identity::{fresh_identity, identify, identity_of_file, stable_hash};

/// The format this build writes. Older versions are migrated on load; newer
/// ones are refused.
pub const FORMAT_VERSION: u32 = 2;

/// Files larger than this are refused before reading: a real project of
/// 20,000 components is a few tens of megabytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

const HEADER: &str = "// Strata project file. Readable and diffable; Strata rewrites it on save.\n";

#[derive(Serialize)]
struct FileRef<'a> {
    format_version: u32,
    project: &'a Project,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionedFile {
    #[allow(dead_code)]
    format_version: u32,
    project: Project,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{path}:{line}:{column}: the file is empty; a Strata project starts with `(format_version: {FORMAT_VERSION}, project: (...))`"
    )]
    Empty { path: PathBuf, line: usize, column: usize },
    #[error(
        "{path}: the file is {bytes} bytes, more than the {limit} bytes a project file may have; is this the right file?"
    )]
    TooLarge { path: PathBuf, bytes: u64, limit: u64 },
    #[error("{path}:{line}:{column}: this is not a text file ({reason}); a Strata project is a RON text file")]
    NotText {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}:{line}:{column}: written by a newer Strata (format version {found}; this build reads up to {FORMAT_VERSION}); open it with a newer Strata. The file was not changed"
    )]
    FutureVersion {
        path: PathBuf,
        found: u32,
        line: usize,
        column: usize,
    },
    #[error(
        "{path}:{}: the project is inconsistent:\n{}",
        first_position(problems),
        list_problems(problems)
    )]
    Invalid {
        path: PathBuf,
        problems: Vec<LocatedProblem>,
    },
}

impl LoadError {
    /// The line and column the error points at; `None` only for errors
    /// about the file as a whole (unreadable, too large).
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Io { .. } | LoadError::TooLarge { .. } => None,
            LoadError::Empty { line, column, .. }
            | LoadError::NotText { line, column, .. }
            | LoadError::Syntax { line, column, .. }
            | LoadError::FutureVersion { line, column, .. } => Some((*line, *column)),
            LoadError::Invalid { problems, .. } => problems.first().map(|p| (p.line, p.column)),
        }
    }
}

/// A structural problem and where in the file it sits.
#[derive(Clone, Debug, PartialEq)]
pub struct LocatedProblem {
    pub line: usize,
    pub column: usize,
    pub problem: Diagnostic,
}

fn first_position(problems: &[LocatedProblem]) -> String {
    problems
        .first()
        .map_or_else(|| "1:1".to_owned(), |p| format!("{}:{}", p.line, p.column))
}

fn list_problems(problems: &[LocatedProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - line {}, column {}: {}", p.line, p.column, p.problem.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong, in words, without the file name and position.
pub fn error_problem(error: &LoadError) -> String {
    match error {
        LoadError::Io { source, .. } => format!("It cannot be read: {source}."),
        LoadError::Empty { .. } => "The file is empty.".to_owned(),
        LoadError::TooLarge { bytes, limit, .. } => {
            format!("The file is {bytes} bytes, more than the {limit} bytes a project file may have.")
        }
        LoadError::NotText { reason, .. } => format!("This is not a text file ({reason})."),
        LoadError::Syntax { message, .. } => message.clone(),
        LoadError::FutureVersion { found, .. } => format!(
            "It was written by a newer Strata (format version {found}; this build reads up to {FORMAT_VERSION})."
        ),
        LoadError::Invalid { problems, .. } => format!("The project is inconsistent:\n{}", list_problems(problems)),
    }
}

/// What the user can do about it. The file itself is never changed.
pub fn error_advice(error: &LoadError) -> String {
    let backup = |path: &Path| {
        let name = backup_path(path);
        let name = name
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("restore the last good version from {name} (kept beside it by every save) or from version control")
    };
    match error {
        LoadError::Io { .. } => "Check that the file exists and that you may read it, or open another file.".to_owned(),
        LoadError::TooLarge { .. } => "Check that this is the right file, or open another one.".to_owned(),
        LoadError::Empty { path, .. } | LoadError::NotText { path, .. } => {
            format!("Open another file, or {}.", backup(path))
        }
        LoadError::Syntax { path, .. } => format!(
            "Correct the file at that line and column in a text editor, or {}. Strata left it unchanged.",
            backup(path)
        ),
        LoadError::FutureVersion { .. } => {
            "Open it with a newer version of Strata. Strata left the file unchanged.".to_owned()
        }
        LoadError::Invalid { path, .. } => format!(
            "Correct these references in a text editor (`strata check {}` lists them), or {}.",
            path.display(),
            backup(path)
        ),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path}: cannot save: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("cannot write the project as RON: {0}")]
    Serialize(String),
}

/// Reads, migrates and validates a project file. A project with structural
/// errors (dangling references, duplicate ids) is refused; use [`parse`] and
/// [`crate::check::structural`] to list them all.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    load_versioned(path).map(|(project, _)| project)
}

/// Refuses a parsed project with structural errors, naming where in `text`
/// each one sits.
pub fn validated(project: Project, text: &str, path: &Path) -> Result<Project, LoadError> {
    let mut locator = Locator::new(text);
    let problems: Vec<LocatedProblem> = check::structural(&project)
        .into_iter()
        .filter(|p| p.level == Level::Error)
        .map(|problem| {
            let (line, column) = locator.position_of(&problem);
            LocatedProblem { line, column, problem }
        })
        .collect();
    if problems.is_empty() {
        Ok(project)
    } else {
        Err(LoadError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// Reads and migrates a project file without checking its consistency.
pub fn parse_file(path: &Path) -> Result<Project, LoadError> {
    let bytes = read_bounded(path)?;
    parse_bytes(&bytes, path)
}

/// A project file's text, refused like [`parse_file`] refuses it when it
/// is too large, empty or not text.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = read_bounded(path)?;
    check_not_empty(&bytes, path)?;
    as_text(&bytes, path).map(str::to_owned)
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let bytes_on_disk = fs::metadata(path).map_err(io)?.len();
    if bytes_on_disk > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: bytes_on_disk,
            limit: MAX_FILE_BYTES,
        });
    }
    fs::read(path).map_err(io)
}

/// Parses project bytes; `path` only names the source in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Project, LoadError> {
    check_not_empty(bytes, path)?;
    let text = as_text(bytes, path)?;
    parse_str(text, path)
}

fn as_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, LoadError> {
    let not_text = |offset: usize, reason: String| {
        let (line, column) = line_column(&bytes[..offset]);
        LoadError::NotText {
            path: path.to_owned(),
            line,
            column,
            reason,
        }
    };
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(not_text(offset, format!("a NUL byte at offset {offset}")));
    }
    std::str::from_utf8(bytes).map_err(|error| {
        not_text(
            error.valid_up_to(),
            format!("invalid UTF-8 at offset {}", error.valid_up_to()),
        )
    })
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    (line, column)
}

/// Parses project text; `path` only names the source in messages.
pub fn parse_str(text: &str, path: &Path) -> Result<Project, LoadError> {
    parse_str_versioned(text, path).map(|(project, _)| project)
}

/// Parses project text and tells which format version the text was in, so
/// the window can say that saving will write the current one.
pub fn parse_str_versioned(text: &str, path: &Path) -> Result<(Project, u32), LoadError> {
    let (version, at) = declared_version(text);
    let project = match version {
        0 => migrate::from_v0(text, path)?,
        1 => migrate::from_v1(text, path)?,
        FORMAT_VERSION => versioned_from_ron(text, path)?,
        found => {
            let (line, column) = line_column(&text.as_bytes()[..at]);
            return Err(LoadError::FutureVersion {
                path: path.to_owned(),
                found,
                line,
                column,
            });
        }
    };
    Ok((project, version))
}

/// [`load`], also telling which format version the file was in.
pub fn load_versioned(path: &Path) -> Result<(Project, u32), LoadError> {
    let bytes = read_bounded(path)?;
    load_bytes(&bytes, path)
}

/// Reads, migrates and validates project bytes; `path` only names the
/// source in messages. Tells which format version the bytes were in.
pub fn load_bytes(bytes: &[u8], path: &Path) -> Result<(Project, u32), LoadError> {
    check_not_empty(bytes, path)?;
    let text = as_text(bytes, path)?;
    let (project, version) = parse_str_versioned(text, path)?;
    validated(project, text, path).map(|project| (project, version))
}

fn check_not_empty(bytes: &[u8], path: &Path) -> Result<(), LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let (line, column) = line_column(bytes);
        return Err(LoadError::Empty {
            path: path.to_owned(),
            line,
            column,
        });
    }
    Ok(())
}

/// The `format_version` a file declares, or 0 for files from before
/// versioning (a bare project), and the byte offset where it is written.
/// Read from the text rather than by a second full parse: the field is the
/// first thing in every versioned file.
fn declared_version(text: &str) -> (u32, usize) {
    let Some(at) = text.find("format_version") else {
        return (0, 0);
    };
    let rest = text[at + "format_version".len()..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return (FORMAT_VERSION, at);
    };
    let digits: String = rest.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
    // Anything unreadable falls through to the real parser, which reports it
    // with a position.
    (digits.parse().unwrap_or(FORMAT_VERSION), at)
}

/// The project of a versioned file, its long lists parsed on several
/// threads when the text allows it (see `split`).
fn versioned_from_ron(text: &str, path: &Path) -> Result<Project, LoadError> {
    let compact = compact::without_indentation(text);
    if let Some(file) = compact.as_deref().and_then(split::parse_versioned) {
        return Ok(file.project);
    }
    Ok(from_compact_or_ron::<VersionedFile>(text, compact.as_deref(), path)?.project)
}

fn from_ron<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    from_compact_or_ron(text, compact::without_indentation(text).as_deref(), path)
}

/// `text` parsed, through its `compact` form when there is one.
fn from_compact_or_ron<T: serde::de::DeserializeOwned>(
    text: &str,
    compact: Option<&str>,
    path: &Path,
) -> Result<T, LoadError> {
    // The short text parses to the same value; any failure is parsed again
    // from the original, so messages name the user's own lines and columns.
    if let Some(compact) = compact
        && let Ok(value) = ron::Options::default().from_str(compact)
    {
        return Ok(value);
    }
    ron::Options::default()
        .from_str(text)
        .map_err(|error: ron::error::SpannedError| {
            let mut message = describe_ron_error(&error.code);
            // Every complete project file ends with `)`; one that does not was
            // almost certainly cut off, whatever the parser tripped over first.
            if error.code != ron::error::Error::Eof && !text.trim_end().ends_with(')') {
                message.push_str(" (the file does not end with `)`: was it truncated?)");
            }
            LoadError::Syntax {
                path: path.to_owned(),
                line: error.span.start.line,
                column: error.span.start.col,
                message,
            }
        })
}

fn describe_ron_error(code: &ron::error::Error) -> String {
    use ron::error::Error as E;
    match code {
        E::Eof => "the file ends too early: a bracket or parenthesis is not closed (was the file truncated?)".into(),
        E::ExceededRecursionLimit => {
            "nesting is deeper than any project needs; the file is not a Strata project".into()
        }
        other => format!("{other}"),
    }
}

/// The canonical text of a project file.
pub fn to_ron_string(project: &Project) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .escape_strings(false);
    let body = ron::ser::to_string_pretty(
        &FileRef {
            format_version: FORMAT_VERSION,
            project,
        },
        config,
    )
    .map_err(|error| SaveError::Serialize(error.to_string()))?;
    let mut text = String::with_capacity(HEADER.len() + body.len() + 1);
    text.push_str(HEADER);
    text.push_str(&body);
    text.push('\n');
    Ok(text)
}

/// Where the previous version of `path` is kept after a save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: the text goes to a temporary file in the same folder,
/// is flushed to disk and renamed over the target, so a crash leaves either
/// the old file or the new one, never a torn one. The previous version is
/// kept as `NAME.bak`.
pub fn save(path: &Path, project: &Project) -> Result<(), SaveError> {
    let text = to_ron_string(project)?;
    write_atomically(path, text.as_bytes())
}

/// Writes `bytes` to `path` atomically, keeping the old file as `.bak`.
/// An existing file keeps its permissions (and so does the `.bak`); a new
/// file gets the ones the user's umask gives any new file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_file(path, bytes, true)
}

/// Like [`write_atomically`], without keeping a `.bak` (recovery copies,
/// review minutes).
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_file(path, bytes, false)
}

fn write_file(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|m| m.permissions());
    let mut temporary = new_file_in(&folder, ".strata-save-", existing.as_ref()).map_err(io)?;
    temporary.write_all(bytes).map_err(io)?;
    temporary.as_file().sync_all().map_err(io)?;

    if keep_backup && existing.is_some() {
        // The backup is written the same way, so it is never torn either.
        let previous = fs::read(path).map_err(io)?;
        let mut backup = new_file_in(&folder, ".strata-bak-", existing.as_ref()).map_err(io)?;
        backup.write_all(&previous).map_err(io)?;
        backup.as_file().sync_all().map_err(io)?;
        backup.persist(backup_path(path)).map_err(|error| io(error.error))?;
    }
    temporary.persist(path).map_err(|error| io(error.error))?;
    // Make the rename itself durable; not every platform can open a folder.
    if let Ok(dir) = fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A temporary file in `folder` with the permissions it will keep once
/// renamed into place: `keep` when replacing a file, else those of any new
/// file (0666 less the umask; a temporary file is 0600 by default, which
/// would make every saved file private).
fn new_file_in(
    folder: &Path,
    prefix: &str,
    keep: Option<&fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(folder)?;
    if let Some(permissions) = keep {
        file.as_file().set_permissions(permissions.clone())?;
    }
    Ok(file)
}

/// A folder created like any new folder (0777 less the umask), for staging
/// a folder that will be renamed into place.
pub fn new_folder_in(folder: &Path, prefix: &str) -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(folder)
}

mod locate;
pub use locate::Locator;

mod migrate {
    //! One function per older format version, each producing the current
    //! model.
    use super::*;

    /// Version 1: a component had one `zone: Some(id)` and costs were single
    /// figures. The current model reads both spellings: the zone becomes a
    /// list of one (see `deserialize_zone_list`) and a figure becomes a range
    /// of one value (see `CostRange`), so the migration is the parse itself.
    pub(super) fn from_v1(text: &str, path: &Path) -> Result<Project, LoadError> {
        versioned_from_ron(text, path)
    }

    /// Version 0: a bare project with no `format_version` wrapper, as early
    /// hand-written files had. The fields are today's.
    pub(super) fn from_v0(text: &str, path: &Path) -> Result<Project, LoadError> {
        from_ron::<Project>(text, path)
    }
}

#[cfg(test)]
mod tests;
