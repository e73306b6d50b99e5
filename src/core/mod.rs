//! The core: a project and everything computed from it, without a window.
//!
//! - `model`: the project (layers, zones, components, dependencies,
//!   decisions, documents).
//! - `edit`: every change as an edit whose application returns its inverse,
//!   and the undo history; `document`: a project with its history, path,
//!   saved revision and recovery; `selection`: what the user has selected.
//! - `store`: the project file (versioned RON, written atomically) and the
//!   recovery copies.
//! - `check` and `lint`: structural problems and architecture findings.
//! - `layout`: bands, zones, boxes, routed dependencies and placed labels,
//!   shared by the canvas and the exported SVG.
//! - `export`: the infra-specs folder (Markdown, Mermaid, SVG, DOT).
//! - `diff`: the semantic diff and the three-way merge of two project
//!   versions, by id and field.
//! - `review`: tradeoff reviews and their minutes; `templates` and `synth`:
//!   starting projects and generated ones for tests and benchmarks;
//!   `theme`: the design tokens of `assets/theme.ron`; `fonts`: fallback
//!   fonts for the drawings.

pub mod check;
pub mod diff;
pub mod document;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod lint;
pub mod model;
#[cfg(test)]
pub(crate) mod proptest_support;
pub mod review;
pub mod selection;
pub mod store;
pub mod synth;
pub mod templates;
pub mod terraform;
pub mod theme;
