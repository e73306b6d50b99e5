//! `strata drift PROJECT FILE.json`: the spec against a Terraform plan or
//! state, reported like `check`'s findings.

use std::path::Path;
use std::process::ExitCode;

use super::{Format, print_findings, report_failure, report_unreadable};
use crate::check::Diagnostic;
use crate::store;
use crate::terraform::{self, TerraformError, drift};

pub fn drift_command(project_file: &Path, terraform_file: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let read = store::read_text(project_file).and_then(|text| Ok((store::parse_str(&text, project_file)?, text)));
    let (project, text) = match read {
        Ok(read) => read,
        Err(error) => {
            report_unreadable(project_file, &error, format);
            return ExitCode::from(2);
        }
    };
    let doc = match terraform::read_file(terraform_file) {
        Ok(doc) => doc,
        Err(error) => {
            report_failure(terraform_file, &error.to_string(), error_position(&error), format);
            return ExitCode::from(2);
        }
    };
    let found = drift::drift(&project, &doc);
    let addressed: Vec<(&Diagnostic, Option<&str>)> = found
        .iter()
        .map(|f| (&f.diagnostic, Some(f.address.as_str())))
        .collect();
    print_findings(project_file, &text, &addressed, format, deny_warnings)
}

/// Where in the Terraform file the reader stopped, when it knows.
fn error_position(error: &TerraformError) -> Option<(usize, usize)> {
    match error {
        TerraformError::NotJson { line, column, .. } | TerraformError::Shape { line, column, .. } => {
            Some((*line, *column))
        }
        _ => None,
    }
}
