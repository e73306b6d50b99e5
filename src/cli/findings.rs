//! `strata check`'s findings for people and for CI: text lines, JSON,
//! GitHub Actions workflow annotations and SARIF 2.1.0, each naming the
//! file, line and column of the item a finding concerns.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::check::{Diagnostic, Level};
use crate::lint;
use crate::terraform::drift;

/// A finding and where in the file it sits (1-based).
pub struct Finding<'a> {
    pub problem: &'a Diagnostic,
    pub line: usize,
    pub column: usize,
    /// The infrastructure address a drift finding is about.
    pub address: Option<&'a str>,
}

/// `file:line:col: level[code]: message` lines and a summary line.
pub fn text(file: &Path, findings: &[Finding<'_>]) -> String {
    let mut out = String::new();
    for finding in findings {
        let problem = finding.problem;
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            file.display(),
            finding.line,
            finding.column,
            problem.level.label(),
            problem.code,
            problem.message
        );
    }
    let errors = count(findings, Level::Error);
    let _ = writeln!(
        out,
        "{}: {} error(s), {} other problem(s)",
        file.display(),
        errors,
        findings.len() - errors
    );
    out
}

fn count(findings: &[Finding<'_>], level: Level) -> usize {
    findings.iter().filter(|f| f.problem.level == level).count()
}

pub fn json(file: &Path, findings: &[Finding<'_>]) -> String {
    let problems: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let mut value = serde_json::to_value(finding.problem).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("file".into(), json!(file));
                map.insert("line".into(), json!(finding.line));
                map.insert("column".into(), json!(finding.column));
                if let Some(address) = finding.address {
                    map.insert("address".into(), json!(address));
                }
            }
            value
        })
        .collect();
    json!({
        "file": file,
        "readable": true,
        "errors": count(findings, Level::Error),
        "warnings": count(findings, Level::Warning),
        "problems": problems,
    })
    .to_string()
        + "\n"
}

/// GitHub's escaping of an annotation's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of an annotation's property (file, title).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line: `::error file=F,line=L,col=C,title=T::message`.
pub fn github_line(level: Level, file: &Path, line: usize, column: usize, title: &str, message: &str) -> String {
    let command = match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "notice",
    };
    format!(
        "::{command} file={},line={line},col={column},title={}::{}\n",
        escape_property(&file.to_string_lossy()),
        escape_property(title),
        escape_data(message)
    )
}

pub fn github(file: &Path, findings: &[Finding<'_>]) -> String {
    findings
        .iter()
        .map(|f| {
            let title = format!("strata {}", f.problem.code);
            github_line(f.problem.level, file, f.line, f.column, &title, &f.problem.message)
        })
        .collect()
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// A file path as a SARIF `uri`: forward slashes, and the characters a URI
/// may not hold percent-encoded.
fn uri(file: &Path) -> String {
    let mut out = String::new();
    for byte in file.to_string_lossy().replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A SARIF 2.1.0 log with one run: the rules that fired, then the results.
pub fn sarif(file: &Path, findings: &[Finding<'_>]) -> String {
    let mut rules: BTreeMap<&str, Value> = BTreeMap::new();
    for finding in findings {
        let code = finding.problem.code;
        rules.entry(code).or_insert_with(|| {
            let rule = lint::rule_for(code).or_else(|| drift::rule_for(code));
            let (meaning, level) = rule.map_or(
                (
                    "a structural problem: the project is inconsistent",
                    finding.problem.level,
                ),
                |rule| (rule.meaning, rule.level),
            );
            json!({
                "id": code,
                "shortDescription": { "text": meaning },
                "defaultConfiguration": { "level": sarif_level(level) },
            })
        });
    }
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.problem.code,
                "level": sarif_level(f.problem.level),
                "message": { "text": f.problem.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(file) },
                        "region": { "startLine": f.line, "startColumn": f.column },
                    }
                }],
            });
            if let Some(address) = f.address {
                result["properties"] = json!({ "address": address });
            }
            result
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "strata",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.into_values().collect::<Vec<_>>(),
                }
            },
            "results": results,
        }]
    })
    .to_string()
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Place;

    fn problem(level: Level, message: &str) -> Diagnostic {
        Diagnostic {
            level,
            code: "L001",
            message: message.into(),
            place: Place::Project,
        }
    }

    #[test]
    fn github_annotations_escape_what_github_parses() {
        let line = github_line(
            Level::Warning,
            Path::new("a,b:c.ron"),
            3,
            9,
            "strata L001",
            "50% done\nnext line",
        );
        assert_eq!(
            line,
            "::warning file=a%2Cb%3Ac.ron,line=3,col=9,title=strata L001::50%25 done%0Anext line\n"
        );
    }

    #[test]
    fn sarif_has_the_required_shape() {
        let warning = problem(Level::Warning, "no responsibilities");
        let findings = [Finding {
            problem: &warning,
            line: 12,
            column: 5,
            address: None,
        }];
        let log: Value = serde_json::from_str(&sarif(Path::new("dir/my project.ron"), &findings)).unwrap();
        assert_eq!(log["version"], "2.1.0");
        assert!(log["$schema"].as_str().is_some_and(|s| s.contains("sarif-2.1.0")));
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "strata");
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "L001");
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "L001");
        assert_eq!(result["level"], "warning");
        assert_eq!(result["message"]["text"], "no responsibilities");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "dir/my%20project.ron");
        assert_eq!(location["region"]["startLine"], 12);
        assert_eq!(location["region"]["startColumn"], 5);
    }
}
