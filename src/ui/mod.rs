//! egui views over the core. Each view reads the project, keeps its own UI
//! state and returns the edits it wants applied; the app applies them
//! through the history once per frame.

pub mod review;
