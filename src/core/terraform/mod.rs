//! Terraform: reading the JSON that `terraform show -json` prints for a plan
//! or a state, and turning it into a project.
//!
//! - `read`: the JSON reader, shared by import and drift. It keeps what an
//!   architecture needs (resources, their attributes without sensitive
//!   values, and the references between them) in one plain type,
//!   [`TerraformDoc`], whether the file was a plan or a state.
//! - `drift`: where a project's spec and a plan or state disagree.

pub mod drift;
mod read;

pub use read::*;
