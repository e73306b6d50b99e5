//! The field view of model values: a value flattened to `path → leaf`
//! pairs, and a project's document sections as one JSON object.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::*;

/// `value` as `(path, leaf)` pairs: objects are walked by key
/// (`responsibilities.manages`), lists of objects by index (`risks[2].risk`);
/// lists of plain values are one leaf. The root itself has the path "".
pub fn flatten(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, inner) in map {
                let inner_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(inner, &inner_path, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (index, inner) in items.iter().enumerate() {
                flatten(inner, &format!("{path}[{index}]"), out);
            }
        }
        leaf => out.push((path.to_owned(), leaf.clone())),
    }
}

pub(crate) fn flat_map(value: &Value) -> BTreeMap<String, Value> {
    let mut pairs = Vec::new();
    flatten(value, "", &mut pairs);
    pairs.into_iter().collect()
}

/// The project-wide sections, in file order: everything but the id-keyed
/// lists (layers, zones, components, dependencies, decisions).
#[derive(Serialize)]
struct SectionsRef<'a> {
    meta: &'a Meta,
    context: &'a Context,
    environments: &'a Environments,
    assertions: &'a Vec<Assertion>,
    constraints: &'a Vec<ConstraintGroup>,
    vocabulary: &'a Vec<Term>,
    security: &'a Security,
    observability: &'a Observability,
    disaster_recovery: &'a DisasterRecovery,
    cost: &'a CostPlan,
    deployment: &'a Deployment,
    risks: &'a Vec<Risk>,
    approval: &'a Approval,
    open_questions: &'a Vec<OpenQuestion>,
    changelog: &'a Vec<ChangelogEntry>,
    lint_suppressions: &'a Vec<LintSuppression>,
}

/// The owned twin of [`SectionsRef`], for reading merged sections back.
#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
pub(crate) struct Sections {
    meta: Meta,
    context: Context,
    environments: Environments,
    assertions: Vec<Assertion>,
    constraints: Vec<ConstraintGroup>,
    vocabulary: Vec<Term>,
    security: Security,
    observability: Observability,
    disaster_recovery: DisasterRecovery,
    cost: CostPlan,
    deployment: Deployment,
    risks: Vec<Risk>,
    approval: Approval,
    open_questions: Vec<OpenQuestion>,
    changelog: Vec<ChangelogEntry>,
    lint_suppressions: Vec<LintSuppression>,
}

impl Sections {
    /// Puts these sections into `project`, leaving its id-keyed lists.
    pub(crate) fn install(self, project: &mut Project) {
        project.meta = self.meta;
        project.context = self.context;
        project.environments = self.environments;
        project.assertions = self.assertions;
        project.constraints = self.constraints;
        project.vocabulary = self.vocabulary;
        project.security = self.security;
        project.observability = self.observability;
        project.disaster_recovery = self.disaster_recovery;
        project.cost = self.cost;
        project.deployment = self.deployment;
        project.risks = self.risks;
        project.approval = self.approval;
        project.open_questions = self.open_questions;
        project.changelog = self.changelog;
        project.lint_suppressions = self.lint_suppressions;
    }
}

const SECTION_NAMES: [&str; 16] = [
    "meta",
    "context",
    "environments",
    "assertions",
    "constraints",
    "vocabulary",
    "security",
    "observability",
    "disaster_recovery",
    "cost",
    "deployment",
    "risks",
    "approval",
    "open_questions",
    "changelog",
    "lint_suppressions",
];

/// The names of the document sections, in file order.
pub fn section_names() -> [&'static str; 16] {
    SECTION_NAMES
}

/// A project's document sections as one JSON object keyed by section name.
pub(crate) fn sections(project: &Project) -> Map<String, Value> {
    let sections = SectionsRef {
        meta: &project.meta,
        context: &project.context,
        environments: &project.environments,
        assertions: &project.assertions,
        constraints: &project.constraints,
        vocabulary: &project.vocabulary,
        security: &project.security,
        observability: &project.observability,
        disaster_recovery: &project.disaster_recovery,
        cost: &project.cost,
        deployment: &project.deployment,
        risks: &project.risks,
        approval: &project.approval,
        open_questions: &project.open_questions,
        changelog: &project.changelog,
        lint_suppressions: &project.lint_suppressions,
    };
    match super::to_value(&sections) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_are_every_field_but_the_id_keyed_lists() {
        let Value::Object(whole) = super::super::to_value(&Project::default()) else {
            panic!("a project serializes to an object");
        };
        let id_keyed = ["layers", "zones", "components", "dependencies", "decisions"];
        let expected: Vec<&str> = whole
            .keys()
            .map(String::as_str)
            .filter(|key| !id_keyed.contains(key))
            .collect();
        let mut expected = expected;
        // An empty suppression list is left out of the file.
        if !expected.contains(&"lint_suppressions") {
            expected.push("lint_suppressions");
        }
        let mut names = section_names().to_vec();
        names.sort_unstable();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }

    #[test]
    fn sections_read_back_into_the_same_project() {
        let project = crate::templates::find("e-commerce")
            .expect("the e-commerce template")
            .instantiate("2026-01-01");
        let sections: Sections = serde_json::from_value(Value::Object(sections(&project))).expect("sections read back");
        let mut copy = project.clone();
        copy.meta = Meta::default();
        copy.environments = Environments::default();
        copy.risks.clear();
        sections.install(&mut copy);
        assert_eq!(copy, project);
    }

    #[test]
    fn flatten_walks_objects_and_lists_of_objects() {
        let value = serde_json::json!({"a": {"b": 1, "c": [1, 2]}, "d": [{"e": "x"}], "f": {}});
        let flat = flat_map(&value);
        assert_eq!(flat.get("a.b"), Some(&serde_json::json!(1)));
        assert_eq!(flat.get("a.c"), Some(&serde_json::json!([1, 2])));
        assert_eq!(flat.get("d[0].e"), Some(&serde_json::json!("x")));
        assert_eq!(flat.get("f"), Some(&serde_json::json!({})));
    }
}
