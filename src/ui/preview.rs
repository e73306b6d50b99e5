//! Live preview: the Markdown the export writes for the selection or the
//! documents page, rendered with egui_commonmark. The text comes from
//! [`crate::export::preview`] (the exporter itself) and is rebuilt only when
//! the target or the project's revision changes.

use egui::Ui;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use super::documents::DocSection;
use crate::export::{self, PreviewTarget};
use crate::model::Project;
use crate::selection::Selection;

/// What identifies one rendering of the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    target: PreviewTarget,
    /// The document's revision: it moves with every change and differs
    /// between documents.
    revision: u64,
}

/// The preview's cache and options.
#[derive(Default)]
pub struct PreviewState {
    markdown: CommonMarkCache,
    key: Option<Key>,
    text: String,
    /// Show the Markdown source instead of the rendering.
    pub show_source: bool,
    /// How many times the text was rebuilt (for tests and diagnostics).
    pub builds: u64,
}

impl std::fmt::Debug for PreviewState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreviewState")
            .field("key", &self.key)
            .field("builds", &self.builds)
            .finish_non_exhaustive()
    }
}

impl PreviewState {
    /// The Markdown for `target` at `revision`, rebuilt only when either
    /// changed.
    pub fn text(&mut self, project: &Project, target: &PreviewTarget, revision: u64) -> &str {
        let key = Key {
            target: *target,
            revision,
        };
        if self.key != Some(key) {
            self.text = capped(export::preview(project, target));
            self.key = Some(key);
            self.builds += 1;
        }
        &self.text
    }
}

/// The most Markdown the preview shows. egui_commonmark parses the whole
/// text every frame (≈40 µs per KB here), so a whole file of a
/// 5,000-component project (megabytes) would cost over 100 ms a frame.
pub const PREVIEW_LIMIT_BYTES: usize = 24 * 1024;

/// `text` cut at the last section heading before [`PREVIEW_LIMIT_BYTES`],
/// with a note saying so; short texts are returned as they are.
fn capped(text: String) -> String {
    let mut text = shorten_tables(text);
    if text.len() <= PREVIEW_LIMIT_BYTES {
        return text;
    }
    let head = &text[..text.floor_char_boundary(PREVIEW_LIMIT_BYTES)];
    // The last heading of any level, else the last paragraph break.
    let heading = ["\n# ", "\n## ", "\n### ", "\n#### "]
        .iter()
        .filter_map(|marker| head.rfind(marker))
        .max()
        .filter(|&at| at > 0);
    let cut = heading.or_else(|| head.rfind("\n\n")).map_or(head.len(), |at| at + 1);
    let total = text.len();
    text.truncate(cut);
    text.push_str(&format!(
        "\n---\n\n_The preview shows the first {} KB of {} KB; the exported file has everything._\n",
        cut / 1024,
        total / 1024
    ));
    text
}

/// Rows of one Markdown table the preview shows; tables are the costliest
/// thing to lay out (200 decisions in tradeoffs.md took ~4.7 ms a frame).
pub const PREVIEW_TABLE_ROWS: usize = 40;

/// Every table longer than [`PREVIEW_TABLE_ROWS`] rows cut short, with a
/// line saying how many rows the exported file has besides.
fn shorten_tables(text: String) -> String {
    let mut rows_in_table = 0usize;
    let mut skipped = 0usize;
    if !text.lines().any(|line| line.starts_with('|')) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.starts_with('|') {
            rows_in_table += 1;
            // Header and delimiter rows do not count.
            if rows_in_table > PREVIEW_TABLE_ROWS + 2 {
                skipped += 1;
                continue;
            }
        } else {
            if skipped > 0 {
                out.push_str(&format!("\n_… and {skipped} more rows in the exported file._\n"));
            }
            rows_in_table = 0;
            skipped = 0;
        }
        out.push_str(line);
    }
    if skipped > 0 {
        out.push_str(&format!("\n_… and {skipped} more rows in the exported file._\n"));
    }
    out
}

/// The one rule for what the preview shows: the documents page open in the
/// window (`page`), else the selected component or decision; nothing for
/// other selections.
pub fn preview_target(page: Option<DocSection>, selection: &Selection) -> Option<PreviewTarget> {
    if let Some(page) = page {
        return Some(PreviewTarget::File(page.file()));
    }
    match selection {
        Selection::Component(id) => Some(PreviewTarget::Component(*id)),
        Selection::Decision(id) => Some(PreviewTarget::Decision(*id)),
        _ => None,
    }
}

/// The preview panel's contents. `revision` must change whenever the
/// project does ([`crate::document::Document::revision`]).
pub fn preview_ui(
    ui: &mut Ui,
    project: &Project,
    target: Option<&PreviewTarget>,
    revision: u64,
    state: &mut PreviewState,
) {
    ui.horizontal(|ui| {
        ui.strong("Preview");
        ui.checkbox(&mut state.show_source, "Markdown source");
    });
    let Some(target) = target else {
        ui.weak("Select something to see what the export writes for it.");
        return;
    };
    ui.weak(match target {
        PreviewTarget::Component(_) => "Its entry in responsibilities.md".to_owned(),
        PreviewTarget::Decision(id) => project
            .decision(*id)
            .map_or_else(String::new, |d| format!("decisions/{}", export::decision_file_name(d))),
        PreviewTarget::File(path) => (*path).to_owned(),
    });
    ui.separator();
    let show_source = state.show_source;
    // Split borrows: the text and the Markdown cache live side by side.
    state.text(project, target, revision);
    let PreviewState { markdown, text, .. } = state;
    // The preview fills exactly the space it is given: wide lines (Mermaid
    // code blocks, tables) scroll or clip instead of widening the panel.
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    if show_source {
        egui::ScrollArea::both()
            .id_salt("preview_source")
            .auto_shrink([false, false])
            .show(&mut child, |ui| {
                ui.add(
                    egui::Label::new(egui::RichText::new(text.as_str()).monospace())
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            });
    } else {
        CommonMarkViewer::new().show_scrollable("preview_markdown", &mut child, markdown, text);
    }
    ui.allocate_rect(rect, egui::Sense::hover());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_a_heading_with_a_note() {
        let section = format!(
            "# File\n\n## Components\n\n{}",
            "### Component\n\nSome text about it.\n\n".repeat(5000)
        );
        let capped = capped(section.clone());
        assert!(capped.len() < PREVIEW_LIMIT_BYTES + 200);
        assert!(
            capped.len() > PREVIEW_LIMIT_BYTES - 200,
            "cut at the last heading, not the first"
        );
        assert!(capped.contains("the exported file has everything"));
        let body = capped.split("\n---\n").next().unwrap_or_default();
        assert!(body.ends_with("\n\n") || body.ends_with('\n'));
        assert!(section.starts_with(body));
        assert_eq!(super::capped("short".to_owned()), "short");
    }

    #[test]
    fn long_tables_keep_their_first_rows() {
        let rows: String = (0..100).map(|i| format!("| {i} | row |\n")).collect();
        let text = format!("Intro\n\n| N | What |\n|---|---|\n{rows}\nAfter\n");
        let short = shorten_tables(text);
        assert!(short.contains("| 39 | row |") && !short.contains("| 40 | row |"));
        assert!(short.contains("60 more rows"));
        assert!(short.ends_with("After\n"));
    }
}
