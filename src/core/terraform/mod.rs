//! Terraform: reading the JSON that `terraform show -json` prints for a plan
//! or a state, and turning it into a project.
//!
//! - `read`: the JSON reader, shared by import and drift. It keeps what an
//!   architecture needs (resources, their attributes without sensitive
//!   values, and the references between them) in one plain type,
//!   [`TerraformDoc`], whether the file was a plan or a state.
//! - `mapping`: what each resource type becomes (`assets/terraform.ron`).
//! - `estate`: the components, zones and arrows a plan or state stands for,
//!   and the summary of what was imported, folded and skipped.
//! - `merge`: the one edit that brings an estate into a project.
//! - `synth`: generated states for benchmarks and tests.
//! - `drift`: where a project's spec and a plan or state disagree.

pub mod drift;
mod estate;
mod mapping;
mod merge;
mod read;
pub mod synth;
mod zones;

pub use estate::{Estate, EstateComponent, EstateZone, ImportSummary, estate_of};
pub use mapping::{MAPPING_RON, Mapping, MappingTable, mapping_table};
pub use merge::{MergeReport, merge_edit};
pub use read::*;

use crate::edit::{Edit, EditError};
use crate::model::Project;

/// What an import brings: the edit for the project and what it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub edit: Edit,
    pub summary: ImportSummary,
    pub report: MergeReport,
}

/// The import of `doc` into `project`, as one edit (see [`merge_edit`]).
pub fn import_into(project: &Project, doc: &TerraformDoc) -> Import {
    let estate = estate_of(doc, mapping_table());
    let (edit, report) = merge_edit(project, &estate);
    Import {
        edit,
        summary: estate.summary,
        report,
    }
}

/// A new project named `name` holding the import of `doc`, laid out.
pub fn import_new(doc: &TerraformDoc, name: &str, today: &str) -> Result<(Project, ImportSummary), EditError> {
    let mut project = Project::new_layered(name, today);
    let import = import_into(&project, doc);
    import.edit.apply(&mut project)?;
    Ok((project, import.summary))
}

#[cfg(test)]
mod import_tests;
