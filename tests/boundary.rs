//! The core stays free of the GUI: no module outside `app/` and `ui/` (and
//! the binary's `main.rs`) may name egui, eframe or an egui crate. A core
//! that needs the GUI cannot be tested, benchmarked or run from the command
//! line without a window.

use std::path::{Path, PathBuf};

/// Folders and files under `src/` that may use the GUI.
fn is_gui_side(relative: &Path) -> bool {
    let first = relative.components().next().and_then(|c| c.as_os_str().to_str());
    matches!(first, Some("app" | "ui" | "main.rs"))
}

/// The code of a line, without its `//` comment (a comment may say what
/// the GUI does with a value).
fn code_of(line: &str) -> &str {
    let mut in_string = false;
    let mut previous = '\0';
    for (at, ch) in line.char_indices() {
        match ch {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && previous == '/' => return &line[..at - 1],
            _ => {}
        }
        previous = ch;
    }
    line
}

/// The GUI crate a line of code names, if any: `egui`, `eframe`, or a
/// crate whose name starts with `egui` (`egui_graphs`, `egui_kittest`).
fn gui_crate_named(line: &str) -> Option<String> {
    code_of(line)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|word| *word == "eframe" || word.starts_with("egui"))
        .map(str::to_owned)
}

fn rust_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_core_module_names_the_gui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut core_files = 0;
    let mut offences = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("a file under src");
        if is_gui_side(relative) {
            continue;
        }
        core_files += 1;
        let text = std::fs::read_to_string(path).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            if let Some(name) = gui_crate_named(line) {
                offences.push(format!("src/{}:{}: names `{name}`", relative.display(), number + 1));
            }
        }
    }
    assert!(
        core_files >= 20,
        "the walk found only {core_files} core files under {}",
        src.display()
    );
    assert!(
        offences.is_empty(),
        "core modules must not use the GUI; move this code to src/ui or src/app:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_sees_gui_names_in_code_only() {
    assert_eq!(gui_crate_named("use egui::Ui;").as_deref(), Some("egui"));
    assert_eq!(
        gui_crate_named("    let x = eframe::NativeOptions::default();").as_deref(),
        Some("eframe")
    );
    assert_eq!(
        gui_crate_named("use egui_graphs::Graph; // drawing").as_deref(),
        Some("egui_graphs")
    );
    assert_eq!(gui_crate_named("fn f(ui: &mut ::egui::Ui) {}").as_deref(), Some("egui"));
    assert_eq!(gui_crate_named("// the egui view shows this"), None);
    assert_eq!(gui_crate_named("/// Drawn by egui in the window."), None);
    assert_eq!(gui_crate_named("let url = \"http://example.org\"; // egui"), None);
    assert_eq!(gui_crate_named("let regui = 1;"), None);
}

#[test]
fn only_app_ui_and_the_binary_are_gui_side() {
    assert!(is_gui_side(Path::new("app/mod.rs")));
    assert!(is_gui_side(Path::new("ui/canvas.rs")));
    assert!(is_gui_side(Path::new("main.rs")));
    assert!(!is_gui_side(Path::new("export/svg.rs")));
    assert!(!is_gui_side(Path::new("lib.rs")));
    assert!(!is_gui_side(Path::new("core/model/mod.rs")));
}
