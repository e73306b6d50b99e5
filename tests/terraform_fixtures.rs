//! The hand-written `terraform show -json` fixtures are what the import and
//! drift tests stand on: they must be valid JSON in Terraform's documented
//! layout, and consistent in themselves and with the e-commerce example.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use strata::model::Project;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/terraform")
}

fn load(name: &str) -> Value {
    let path = fixture_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every resource object of a values representation (`values` of a state,
/// `planned_values` of a plan), through every nested child module.
fn module_resources<'a>(module: &'a Value, out: &mut Vec<&'a Value>) {
    if let Some(resources) = module["resources"].as_array() {
        out.extend(resources);
    }
    if let Some(children) = module["child_modules"].as_array() {
        for child in children {
            let address = child["address"].as_str().expect("a child module has an address");
            assert!(address.starts_with("module."), "child module address {address}");
            module_resources(child, out);
        }
    }
}

fn state_resources(doc: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    module_resources(&doc["values"]["root_module"], &mut out);
    out
}

fn planned_resources(doc: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    module_resources(&doc["planned_values"]["root_module"], &mut out);
    out
}

fn addresses(resources: &[&Value]) -> BTreeSet<String> {
    resources
        .iter()
        .map(|r| r["address"].as_str().expect("resource address").to_owned())
        .collect()
}

/// `module.a.aws_x.y["k"]` → `module.a.aws_x.y`.
fn base_address(address: &str) -> &str {
    address
        .strip_suffix(']')
        .and_then(|a| a.rfind('[').map(|i| &address[..i]))
        .unwrap_or(address)
}

const STATES: [&str; 3] = [
    "ecommerce-state.json",
    "ecommerce-drift-state.json",
    "three-tier-state.json",
];
const PLANS: [&str; 2] = ["three-tier-plan.json", "modules-plan.json"];

#[test]
fn every_fixture_is_terraform_json_of_format_1() {
    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture folder") {
        let path = entry.expect("fixture entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name").to_owned();
        let doc = load(&name);
        let version = doc["format_version"].as_str().unwrap_or_default();
        assert!(version.starts_with("1."), "{name}: format_version {version:?}");
        assert!(doc["terraform_version"].is_string(), "{name}: terraform_version");
        seen.insert(name);
    }
    let expected: BTreeSet<String> = STATES.iter().chain(PLANS.iter()).map(|s| s.to_string()).collect();
    assert_eq!(seen, expected);
}

/// A resource's address is made of its module, type, name and index, as
/// Terraform writes them, and no address appears twice.
#[test]
fn resource_addresses_agree_with_their_parts() {
    for name in STATES.iter().chain(PLANS.iter()) {
        let doc = load(name);
        let resources = if name.contains("plan") {
            planned_resources(&doc)
        } else {
            state_resources(&doc)
        };
        assert!(resources.len() >= 10, "{name}: only {} resources", resources.len());
        for r in &resources {
            let address = r["address"].as_str().expect("address");
            let local = format!(
                "{}{}.{}",
                if r["mode"] == "data" { "data." } else { "" },
                r["type"].as_str().expect("type"),
                r["name"].as_str().expect("name")
            );
            let indexed = match &r["index"] {
                Value::Null => local,
                Value::Number(n) => format!("{local}[{n}]"),
                Value::String(s) => format!("{local}[\"{s}\"]"),
                other => panic!("{name}: {address} has index {other}"),
            };
            assert!(address.ends_with(&indexed), "{name}: {address} vs {indexed}");
            assert!(r["values"].is_object(), "{name}: {address} values");
            assert!(r["sensitive_values"].is_object(), "{name}: {address} sensitive_values");
        }
        assert_eq!(
            addresses(&resources).len(),
            resources.len(),
            "{name}: duplicate addresses"
        );
    }
}

/// Each plan lists a change for every planned managed resource, and its
/// configuration's references name resources that the plan has.
#[test]
fn plans_are_consistent_with_their_configuration() {
    for name in PLANS {
        let doc = load(name);
        let planned = addresses(&planned_resources(&doc));
        let changed: BTreeSet<String> = doc["resource_changes"]
            .as_array()
            .expect("resource_changes")
            .iter()
            .map(|c| c["address"].as_str().expect("address").to_owned())
            .collect();
        assert_eq!(planned, changed, "{name}");
        let unknown = doc["resource_changes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| {
                c["change"]["after_unknown"]
                    .as_object()
                    .is_some_and(|m| m.values().any(|v| v == true))
            })
            .count();
        assert!(unknown > 0, "{name}: no value unknown until apply");
        let config = &doc["configuration"]["root_module"];
        let mut references = Vec::new();
        collect_references(config, "", &mut references);
        assert!(references.len() > 5, "{name}: only {} references", references.len());
        let bases: BTreeSet<&str> = planned.iter().map(|a| base_address(a)).collect();
        let data = addresses(&prior_resources(&doc));
        for (module, reference) in references {
            let parts: Vec<&str> = reference.split('.').collect();
            if ["var", "local", "count", "each", "module", "path"].contains(&parts[0]) {
                continue;
            }
            let target = if parts[0] == "data" {
                format!("{module}{}", parts[..3].join("."))
            } else {
                format!("{module}{}", base_address(&parts[..2].join(".")))
            };
            assert!(
                bases.contains(target.as_str()) || data.contains(&target),
                "{name}: reference {reference} in {module:?} names nothing"
            );
        }
    }
}

fn prior_resources(doc: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    module_resources(&doc["prior_state"]["values"]["root_module"], &mut out);
    out
}

fn collect_references(module: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    for resource in module["resources"].as_array().into_iter().flatten() {
        walk_expressions(&resource["expressions"], prefix, out);
    }
    for (call, body) in module["module_calls"].as_object().into_iter().flatten() {
        collect_references(&body["module"], &format!("{prefix}module.{call}."), out);
    }
}

fn walk_expressions(value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "references" {
                    for reference in inner.as_array().into_iter().flatten() {
                        out.push((prefix.to_owned(), reference.as_str().unwrap_or_default().to_owned()));
                    }
                } else if key != "constant_value" {
                    walk_expressions(inner, prefix, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk_expressions(v, prefix, out)),
        _ => {}
    }
}

/// The secrets the reader must never copy are there, marked sensitive, so
/// the import's and drift's tests can look for them.
#[test]
fn fixtures_carry_marked_sensitive_values() {
    let state = load("ecommerce-state.json");
    let marked = state_resources(&state)
        .into_iter()
        .filter(|r| {
            r["sensitive_values"]
                .as_object()
                .is_some_and(|m| m.values().any(|v| v == true))
        })
        .count();
    assert!(marked >= 3, "{marked} resources with sensitive attributes");
    assert_eq!(state["values"]["outputs"]["db_master_password"]["sensitive"], true);
    let plan = load("modules-plan.json");
    assert_eq!(
        plan["configuration"]["root_module"]["outputs"]["db_password"]["sensitive"],
        true
    );
    assert_eq!(plan["planned_values"]["outputs"]["admin_token"]["sensitive"], true);
    let modules: BTreeSet<&str> = planned_resources(&plan)
        .iter()
        .filter_map(|r| r["address"].as_str())
        .filter(|a| a.starts_with("module."))
        .collect();
    assert!(
        modules
            .iter()
            .any(|a| a.starts_with("module.network.module.endpoints."))
    );
    let indexes: Vec<&Value> = planned_resources(&plan).iter().map(|r| &r["index"]).collect();
    assert!(indexes.iter().any(|i| i.is_number()) && indexes.iter().any(|i| i.is_string()));
}

/// The e-commerce example's infrastructure addresses all exist in the clean
/// state (an address without an index stands for all its instances).
#[test]
fn ecommerce_addresses_exist_in_the_clean_state() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron");
    let project: Project = strata::store::load(&example).expect("example loads");
    let state = load("ecommerce-state.json");
    let present = addresses(&state_resources(&state));
    let bases: BTreeSet<&str> = present.iter().map(|a| base_address(a)).collect();
    let mut count = 0;
    for component in &project.components {
        for address in &component.iac_addresses {
            count += 1;
            assert!(
                present.contains(address) || bases.contains(address.as_str()),
                "{}: {address} is not in the state",
                component.name
            );
        }
    }
    assert!(count >= 20, "only {count} addresses in the example");
}

/// The drifted state differs from the clean one exactly where the drift
/// tests expect findings.
#[test]
fn drift_state_differs_where_intended() {
    let clean = load("ecommerce-state.json");
    let drift = load("ecommerce-drift-state.json");
    let clean_addresses = addresses(&state_resources(&clean));
    let drift_addresses = addresses(&state_resources(&drift));
    let gone: Vec<&String> = clean_addresses.difference(&drift_addresses).collect();
    let new: Vec<&String> = drift_addresses.difference(&clean_addresses).collect();
    assert_eq!(
        gone,
        ["module.vpc.aws_eip.nat[1]", "module.vpc.aws_nat_gateway.this[1]"]
    );
    assert_eq!(
        new,
        [
            "aws_instance.bastion[0]",
            "aws_instance.bastion[1]",
            "module.thumbnails.aws_lambda_function.resize"
        ]
    );
    let primary = state_resources(&drift)
        .into_iter()
        .find(|r| r["address"] == "module.rds.aws_db_instance.primary")
        .expect("primary");
    assert_eq!(primary["values"]["multi_az"], false);
    assert_eq!(primary["values"]["storage_encrypted"], false);
    assert_eq!(primary["values"]["backup_retention_period"], 1);
}

/// The shared reader takes every fixture: plans as plans, states as
/// states, all their managed resources, and none of their secrets.
#[test]
fn every_fixture_reads_through_the_terraform_reader() {
    use strata::terraform::{DocKind, ResourceMode, read_file};
    let secrets = [
        "Pl4in-Text-But-Sensitive-42",
        "redis-auth-token-0123456789abcdef",
        "three-tier-Secret-9f8e7d",
        "tok-live-7d1f0c9e2b4a6f38",
    ];
    for name in STATES.iter().chain(PLANS.iter()) {
        let doc = read_file(&fixture_dir().join(name)).unwrap_or_else(|e| panic!("{e}"));
        let expected_kind = if name.contains("plan") {
            DocKind::Plan
        } else {
            DocKind::State
        };
        assert_eq!(doc.kind, expected_kind, "{name}");
        let json = load(name);
        let listed = if name.contains("plan") {
            planned_resources(&json)
        } else {
            state_resources(&json)
        };
        let managed_in_file: BTreeSet<String> = listed
            .iter()
            .filter(|r| r["mode"] == "managed")
            .map(|r| r["address"].as_str().unwrap_or_default().to_owned())
            .collect();
        let managed_read: BTreeSet<String> = doc
            .resources
            .iter()
            .filter(|r| r.mode == ResourceMode::Managed)
            .map(|r| r.address.clone())
            .collect();
        assert_eq!(managed_read, managed_in_file, "{name}");
        let values = format!("{:?}", doc.resources);
        for secret in secrets {
            assert!(!values.contains(secret), "{name}: a sensitive value was read");
        }
        if name.contains("plan") {
            assert!(!doc.references.is_empty(), "{name}: no references read");
        }
    }
}
