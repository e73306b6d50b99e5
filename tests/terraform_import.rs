//! `strata import terraform` as a user runs it (the real binary, real
//! files), and the imported projects of the hand-written fixtures as golden
//! files (`cargo insta review` shows a change).

use std::path::{Path, PathBuf};

use strata::model::Project;
use strata::{store, terraform};

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};

const FIXTURES: &str = "tests/fixtures/terraform";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES).join(name)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn every_fixture_imports_to_its_golden_project() {
    for name in [
        "ecommerce-state.json",
        "ecommerce-drift-state.json",
        "three-tier-plan.json",
        "three-tier-state.json",
        "modules-plan.json",
    ] {
        let doc = terraform::read_file(&fixture(name)).unwrap_or_else(|error| panic!("{error}"));
        let (project, summary) =
            terraform::import_new(&doc, name, "2026-01-01").unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(strata::check::structural(&project).is_empty(), "{name}");
        let text = store::to_ron_string(&project).expect("the project serialises");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots/terraform");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(
                name.replace(".json", ""),
                format!("{}\n\n{text}", summary.lines().join("\n"))
            );
        });
    }
}

#[test]
fn the_three_tier_plan_and_state_give_the_same_architecture() {
    let import = |name: &str| {
        let doc = terraform::read_file(&fixture(name)).unwrap_or_else(|error| panic!("{error}"));
        terraform::import_new(&doc, "x", "2026-01-01").expect("imports").0
    };
    let (plan, state) = (import("three-tier-plan.json"), import("three-tier-state.json"));
    let shape = |project: &Project| {
        let mut arrows: Vec<(String, String)> = project
            .dependencies
            .iter()
            .map(|d| {
                let name = |id| project.component(id).map(|c| c.name.clone()).unwrap_or_default();
                (name(d.from), name(d.to))
            })
            .collect();
        arrows.sort();
        let components: Vec<(String, Vec<String>)> = project
            .components
            .iter()
            .map(|c| (c.name.clone(), c.iac_addresses.clone()))
            .collect();
        (components, arrows)
    };
    assert_eq!(shape(&plan), shape(&state));
    let (_, arrows) = shape(&state);
    for (from, to) in [
        ("shop-web", "aws_autoscaling_group.web"),
        ("aws_autoscaling_group.web", "shop-app-internal"),
        ("shop-app-internal", "aws_autoscaling_group.app"),
        ("aws_autoscaling_group.app", "shop-db"),
    ] {
        assert!(
            arrows.contains(&(from.to_string(), to.to_string())),
            "{from} -> {to} in {arrows:?}"
        );
    }
}

#[test]
fn import_out_writes_a_project_that_checks_and_reports_what_it_did() {
    let folder = tempfile::tempdir().expect("a folder");
    let out = folder.path().join("shop.ron");
    let run = strata(&[
        "import",
        "terraform",
        arg(&fixture("ecommerce-state.json")),
        "--out",
        arg(&out),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(
        stdout.contains("imported 37 of 94 resources as 20 components"),
        "{stdout}"
    );
    assert!(
        stdout.contains("folded 57 into the components they configure"),
        "{stdout}"
    );
    assert!(stdout.contains("wrote "), "{stdout}");
    let check = strata(&["check", arg(&out)]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let project = store::load(&out).expect("loads");
    assert_eq!(project.meta.name, "ecommerce-state");
    assert!(!project.meta.id.is_empty(), "a new project gets its identity");
    // Never overwritten without --force.
    let again = strata(&[
        "import",
        "terraform",
        arg(&fixture("ecommerce-state.json")),
        "--out",
        arg(&out),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists; pass --force"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn import_into_keeps_the_architects_text_and_a_second_run_changes_nothing() {
    let folder = tempfile::tempdir().expect("a folder");
    let project_file = folder.path().join("e-commerce.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/e-commerce.ron"),
        &project_file,
    )
    .expect("a copy");
    let before = store::load(&project_file).expect("the example loads");
    let run = strata(&[
        "import",
        "terraform",
        arg(&fixture("ecommerce-state.json")),
        "--into",
        arg(&project_file),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let after = store::load(&project_file).expect("the merged project loads");
    for component in &before.components {
        let kept = after.component(component.id).expect("nothing is deleted");
        assert_eq!(kept.name, component.name);
        assert_eq!(kept.description, component.description);
        assert_eq!(kept.responsibilities, component.responsibilities);
        assert_eq!(kept.notes, component.notes);
        assert_eq!(kept.lifecycle, component.lifecycle);
        assert!(component.iac_addresses.iter().all(|a| kept.iac_addresses.contains(a)));
    }
    assert_eq!(after.decisions, before.decisions);
    assert_eq!(after.context, before.context);
    assert!(after.dependencies.len() >= before.dependencies.len());
    let eks = after
        .components
        .iter()
        .find(|c| c.iac_addresses.iter().any(|a| a == "module.eks.aws_eks_cluster.this"))
        .expect("the EKS cluster");
    let original = before.component(eks.id).expect("it was there");
    assert_eq!(
        eks.technology, original.technology,
        "the architect's technology text stays"
    );
    assert_eq!(
        eks.zones, original.zones,
        "zones the import does not know are the architect's"
    );
    let alb = after
        .components
        .iter()
        .find(|c| c.iac_addresses.first().map(String::as_str) == Some("module.alb.aws_lb.public"))
        .expect("the load balancer");
    assert!(
        alb.iac_addresses
            .iter()
            .any(|a| a == "module.alb.aws_lb_listener.https"),
        "the addresses of what folds into it are the import's: {:?}",
        alb.iac_addresses
    );
    let igw = after
        .components
        .iter()
        .find(|c| c.iac_addresses.first().map(String::as_str) == Some("module.vpc.aws_internet_gateway.this"))
        .expect("the internet gateway the example did not draw is added");
    assert_eq!(igw.kind, strata::model::ComponentKind::Gateway);
    let written = std::fs::read(&project_file).expect("readable");
    let second = strata(&[
        "import",
        "terraform",
        arg(&fixture("ecommerce-state.json")),
        "--into",
        arg(&project_file),
    ]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(
        text(&second.stdout).contains("already up to date"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(
        std::fs::read(&project_file).expect("readable"),
        written,
        "a second import rewrites nothing"
    );
}

/// Every bad input: exit code 2, a message naming the file and what was
/// expected, and neither a new file nor a change to an existing one.
#[test]
fn bad_input_is_refused_clearly_and_nothing_is_written_or_changed() {
    let folder = tempfile::tempdir().expect("a folder");
    let write = |name: &str, content: &str| {
        let path = folder.path().join(name);
        std::fs::write(&path, content).expect("written");
        path
    };
    let huge = folder.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|file| file.set_len(200 * 1024 * 1024))
        .expect("a sparse 200 MB file");
    let cases: Vec<(PathBuf, Vec<&str>)> = vec![
        (
            write("notes.json", "resource \"aws_s3_bucket\" \"x\" {}\n"),
            vec!["notes.json:1:1: not JSON", "terraform show -json"],
        ),
        (
            write("package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}"),
            vec!["package.json: JSON, but not Terraform output", "format_version"],
        ),
        (
            write("future.json", "{\"format_version\": \"2.0\", \"values\": {}}"),
            vec![
                "future.json: written by a newer Terraform",
                "this Strata reads format 1.x",
            ],
        ),
        (
            write(
                "empty-plan.json",
                "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}}, \"resource_changes\": []}",
            ),
            vec!["empty-plan.json: the plan has no resources"],
        ),
        (huge, vec!["huge.json: the file is 200.0 MB", "up to 64 MB"]),
        (
            folder.path().join("missing.json"),
            vec!["missing.json: cannot read the file"],
        ),
    ];
    let project_file = folder.path().join("project.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/three-tier.ron"),
        &project_file,
    )
    .expect("a copy");
    let project_bytes = std::fs::read(&project_file).expect("readable");
    for (input, expected) in cases {
        let out = folder.path().join("new.ron");
        let runs = [
            strata(&["import", "terraform", arg(&input), "--out", arg(&out)]),
            strata(&["import", "terraform", arg(&input), "--into", arg(&project_file)]),
        ];
        for run in runs {
            assert_eq!(run.status.code(), Some(2), "{}", input.display());
            let stderr = text(&run.stderr);
            assert!(!stderr.contains("panicked"), "{stderr}");
            for part in &expected {
                assert!(stderr.contains(part), "{}: {part:?} not in {stderr}", input.display());
            }
            assert!(!out.exists(), "{}: a project was written", input.display());
            assert_eq!(
                std::fs::read(&project_file).expect("readable"),
                project_bytes,
                "{}",
                input.display()
            );
            assert!(!folder.path().join("project.ron.bak").exists());
        }
    }
}

#[test]
fn an_unknown_resource_type_is_imported_as_a_generic_component_and_reported() {
    let folder = tempfile::tempdir().expect("a folder");
    let input = folder.path().join("odd.json");
    std::fs::write(
        &input,
        r#"{"format_version": "1.0", "values": {"root_module": {"resources": [
            {"address": "acme_rocket.main", "mode": "managed", "type": "acme_rocket", "name": "main",
             "provider_name": "registry.terraform.io/acme/acme", "values": {"id": "r-1"}}]}}}"#,
    )
    .expect("written");
    let out = folder.path().join("odd.ron");
    let run = strata(&["import", "terraform", arg(&input), "--out", arg(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("imported as generic components: acme_rocket ×1"),
        "{}",
        text(&run.stdout)
    );
    let project = store::load(&out).expect("loads");
    assert_eq!(project.components.len(), 1);
    assert_eq!(project.components[0].kind, strata::model::ComponentKind::Other);
    assert_eq!(project.components[0].iac_addresses, ["acme_rocket.main"]);
}

#[test]
fn no_sensitive_value_of_any_fixture_reaches_an_imported_project() {
    let folder = tempfile::tempdir().expect("a folder");
    for name in ["modules-plan.json", "ecommerce-state.json", "three-tier-plan.json"] {
        let out = folder.path().join(name.replace(".json", ".ron"));
        let run = strata(&["import", "terraform", arg(&fixture(name)), "--out", arg(&out)]);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
        let written = std::fs::read_to_string(&out).expect("readable");
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(name)).expect("readable")).expect("JSON");
        for secret in sensitive_strings(&raw) {
            assert!(!written.contains(&secret), "{name}: {secret} leaked");
        }
    }
}

/// The values the fixture marks sensitive (outputs and attributes).
fn sensitive_strings(doc: &serde_json::Value) -> Vec<String> {
    fn marked(values: &serde_json::Value, mask: &serde_json::Value, out: &mut Vec<String>) {
        match (values, mask) {
            (serde_json::Value::String(text), serde_json::Value::Bool(true)) if text.len() > 3 => {
                out.push(text.clone())
            }
            (serde_json::Value::Object(fields), serde_json::Value::Object(marks)) => {
                for (key, mark) in marks {
                    if let Some(field) = fields.get(key) {
                        marked(field, mark, out);
                    }
                }
            }
            (serde_json::Value::Array(items), serde_json::Value::Array(marks)) => {
                items.iter().zip(marks).for_each(|(item, mark)| marked(item, mark, out))
            }
            _ => {}
        }
    }
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        if let serde_json::Value::Object(fields) = value {
            if let (Some(values), Some(mask)) = (fields.get("values"), fields.get("sensitive_values")) {
                marked(values, mask, out);
            }
            if fields.get("sensitive") == Some(&serde_json::Value::Bool(true))
                && let Some(serde_json::Value::String(text)) = fields.get("value")
            {
                out.push(text.clone());
            }
            fields.values().for_each(|field| walk(field, out));
        } else if let serde_json::Value::Array(items) = value {
            items.iter().for_each(|item| walk(item, out));
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut out);
    out
}
