//! Every non-ASCII character the window writes must exist in egui's
//! bundled fonts, or it is drawn as an empty box. `→`, `✕` and `▸` were
//! such boxes until a screenshot showed them. The characters allowed here
//! were each seen drawn correctly in a screenshot of the real window.

use std::collections::BTreeSet;
use std::path::Path;

const SEEN_DRAWN: &str = "·…■−“”⚠⏵•×✔☰▶⊗ℹ—–λ⏶⏷";

/// The characters inside string literals on non-comment lines.
fn literal_chars(source: &str) -> BTreeSet<char> {
    let mut found = BTreeSet::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut inside = false;
        let mut escaped = false;
        for c in code.chars() {
            match (inside, escaped, c) {
                (true, false, '\\') => escaped = true,
                (true, true, _) => escaped = false,
                (_, false, '"') => inside = !inside,
                (true, false, c) if !c.is_ascii() => {
                    found.insert(c);
                }
                _ => {}
            }
        }
    }
    found
}

#[test]
fn the_window_only_writes_characters_its_fonts_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeSet<char> = SEEN_DRAWN.chars().collect();
    let mut problems = Vec::new();
    for folder in ["ui", "app"] {
        let dir = root.join(folder);
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("source file");
                for c in literal_chars(&source).difference(&allowed) {
                    problems.push(format!("{} uses {c:?} (U+{:04X})", path.display(), *c as u32));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "characters not seen drawn by egui's fonts (check a screenshot, then allow them):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scan_finds_characters_in_literals_but_not_in_comments() {
    let found = literal_chars("// → in a comment\nlet a = \"x → y\"; let b = '✕';\nlet c = \"\\\"→\\\"\";");
    assert_eq!(found, BTreeSet::from(['→']));
}
