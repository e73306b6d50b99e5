//! Widgets and views of the workbench window. They read the project, keep
//! their own UI state and report what the user did as edits; the app applies
//! them through the history once per frame. They never change the project
//! themselves.

pub mod canvas;
pub mod review;
pub mod tokens;
