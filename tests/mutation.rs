//! Mutation test over the example files: random byte edits, truncations,
//! deletions and inserted tokens, each loaded and, when it loads, exported
//! in memory. Nothing may panic, and every load error names a line and
//! column. Deterministic (a fixed seed per file), so a failure replays.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Per file; with six files, 2,100 loads in all: about twenty seconds of
/// one core in a debug build. `STRATA_MUTATIONS=n` runs n per file instead
/// (say 1000, six thousand loads, for a deeper search before a release).
fn mutations_per_file() -> usize {
    std::env::var("STRATA_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(350)
}

/// Tokens that mean something to RON or to the project format.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "Some(",
    "None",
    "zones: [1, 1],",
    "zones: [999],",
    "zone: Some(1),",
    "format_version: 9,",
    "format_version: 1,",
    "id: 1,",
    "(low: 5.0, high: 1.0)",
    "(low: 1.0)",
    "/*",
    "*/",
    "//",
    "r#\"",
    "NaN",
    "inf",
    "-1",
    "99999999999999999999",
    "1e309",
    "parent: Some(1),",
    "iac_addresses: [\"a\", 3],",
    "\u{0}",
    "\u{feff}",
    "é",
    "\n",
];

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn mutate(original: &[u8], rng: &mut Lcg) -> (String, Vec<u8>) {
    let mut bytes = original.to_vec();
    let at = rng.below(bytes.len());
    match rng.below(5) {
        0 => {
            let byte = rng.below(256) as u8;
            bytes[at] = byte;
            (format!("byte {at} set to {byte:#04x}"), bytes)
        }
        1 => {
            bytes.truncate(at);
            (format!("truncated at {at}"), bytes)
        }
        2 => {
            let length = 1 + rng.below(40);
            let end = (at + length).min(bytes.len());
            bytes.drain(at..end);
            (format!("bytes {at}..{end} deleted"), bytes)
        }
        _ => {
            let token = TOKENS[rng.below(TOKENS.len())];
            bytes.splice(at..at, token.bytes());
            (format!("{token:?} inserted at {at}"), bytes)
        }
    }
}

fn example_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in ["projects", "tests/fixtures/format1"] {
        let mut found: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "ron"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

#[test]
fn mutated_example_files_never_panic_and_every_error_names_a_position() {
    let files = example_files();
    assert!(files.len() >= 6, "{files:?}");
    let (mut loaded, mut refused) = (0, 0);
    for (index, file) in files.iter().enumerate() {
        let original = std::fs::read(file).unwrap();
        let mut rng = Lcg(0x5eed + index as u64);
        for _ in 0..mutations_per_file() {
            let (what, bytes) = mutate(&original, &mut rng);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                match strata::store::load_bytes(&bytes, Path::new("mutant.ron")) {
                    Ok((project, _)) => {
                        let export = strata::export::render(&project);
                        assert!(!export.files.is_empty());
                        Ok(())
                    }
                    Err(error) => Err(error),
                }
            }));
            match outcome {
                Ok(Ok(())) => loaded += 1,
                Ok(Err(error)) => {
                    refused += 1;
                    let message = error.to_string();
                    let (line, column) = error
                        .position()
                        .unwrap_or_else(|| panic!("{}: {what}: no position in: {message}", file.display()));
                    assert!(
                        message.starts_with(&format!("mutant.ron:{line}:{column}:")),
                        "{}: {what}: {message}",
                        file.display()
                    );
                }
                Err(_) => panic!("{}: {what}: loading or exporting panicked", file.display()),
            }
        }
    }
    // Both paths were exercised.
    assert!(loaded > 50 && refused > 50, "loaded {loaded}, refused {refused}");
}
