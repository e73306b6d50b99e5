//! Widgets and views of the workbench window. Each reads the project, keeps
//! its own UI state and reports what the user did as edits (with undo
//! labels); the app applies them through the history once per frame. None
//! changes the project itself.

pub mod action;
pub mod canvas;
pub mod compare;
pub(crate) mod decision_editor;
pub mod documents;
pub mod drift;
pub mod explorer;
pub mod form;
pub mod inspector;
pub mod preview;
pub mod problems;
pub mod review;
pub mod tokens;
pub mod widgets;

pub use action::Action;
pub use documents::{DocSection, DocumentsState, documents_ui};
pub use drift::{DriftRequest, DriftState, drift_ui};
pub use explorer::{ExplorerState, explorer_ui};
pub use inspector::{InspectorState, add_component_menu_ui, inspector_ui, multi_component_ui};
pub use preview::{PreviewState, preview_ui};
pub use problems::{ProblemCounts, ProblemsState, problem_counts, problems_ui, status_counts_text};
