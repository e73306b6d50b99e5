//! Widgets of the workbench window. They read the project and report what
//! the user did; they never change the project themselves.

pub mod canvas;
pub mod tokens;
