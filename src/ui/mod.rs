//! Self-contained GUI pieces the app wires into its panels. Each takes the
//! project read-only and returns edits (with undo labels); none depends on
//! the app type.

pub mod documents;
pub mod inspector;
pub mod preview;
pub mod widgets;

pub use documents::{DocSection, DocumentsState, documents_ui};
pub use inspector::{InspectorState, Selected, add_component_menu_ui, inspector_ui};
pub use preview::{PreviewState, preview_ui};
