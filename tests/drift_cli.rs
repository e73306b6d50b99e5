//! `strata drift` run as a user would: the e-commerce example against the
//! hand-written Terraform states, in every output format, with check's
//! exit codes, and bad input refused without a panic.

use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli_support;
use cli_support::{strata, text};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> String {
    root().join("projects/e-commerce.ron").to_string_lossy().into_owned()
}

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/terraform")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The 1-based line of `field` inside the component whose id is `id` in
/// the example (its first line when it has no such field): found by
/// reading lines, independently of how the binary locates findings.
fn line_of(id: u32, field: &str) -> usize {
    let text = std::fs::read_to_string(example()).expect("example");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "components: [")
        .expect("components");
    let id_line = (start..lines.len())
        .find(|&i| lines[i].trim() == format!("id: {id},") && lines[i - 1].trim() == "(")
        .expect("component id");
    let indent_of = |line: &str| line.len() - line.trim_start().len();
    let end = (id_line..lines.len())
        .find(|&i| lines[i].trim() == ")," && indent_of(lines[i]) == indent_of(lines[id_line - 1]))
        .expect("component end");
    // The item's own fields are indented one step below its `(`.
    let indent = indent_of(lines[id_line]);
    (id_line..end)
        .find(|&i| indent_of(lines[i]) == indent && lines[i].trim_start().starts_with(&format!("{field}:")))
        .map_or(id_line, |i| i + 1)
}

#[test]
fn the_drifted_state_gives_the_expected_findings_in_the_project_file() {
    let run = strata(&["drift", &example(), &fixture("ecommerce-drift-state.json")]);
    assert_eq!(run.status.code(), Some(1), "contradictions fail like check's errors");
    let out = text(&run.stdout);
    let baseline = clean_state_warnings();
    let found: Vec<(usize, String, String)> = out
        .lines()
        .filter(|l| l.contains("]: ") && !baseline.iter().any(|b| b == l))
        .map(|l| {
            let after_file = l
                .strip_prefix(&format!("{}:", example()))
                .expect("starts with the project file");
            let mut parts = after_file.splitn(3, ':');
            let line: usize = parts.next().and_then(|n| n.parse().ok()).expect("line");
            let rest = parts.nth(1).unwrap_or_default();
            let code = rest
                .split('[')
                .nth(1)
                .and_then(|c| c.split(']').next())
                .unwrap_or_default();
            (line, code.to_owned(), l.to_owned())
        })
        .collect();
    // Component ids in the example: 6 NAT gateway 1b, 7 ALB, 14 general-purpose
    // node group, 16 RDS primary, 17 RDS replica.
    let expected: Vec<(usize, &str, &str)> = vec![
        (
            line_of(7, "lifecycle"),
            "D007",
            "module.alb.aws_lb.public has enable_deletion_protection = false",
        ),
        (
            line_of(14, "scaling"),
            "D008",
            "module.eks.aws_eks_node_group.general_purpose scales from 1 to 20",
        ),
        (
            line_of(16, "zones"),
            "D003",
            "module.rds.aws_db_instance.primary has multi_az = false",
        ),
        (
            line_of(16, "encryption"),
            "D004",
            "module.rds.aws_db_instance.primary has storage_encrypted = false",
        ),
        (
            line_of(16, "backup"),
            "D005",
            "module.rds.aws_db_instance.primary has backup_retention_period = 1",
        ),
        (
            line_of(17, "encryption"),
            "D004",
            "module.rds.aws_db_instance.replica has storage_encrypted = false",
        ),
        (
            line_of(17, "exposure"),
            "D006",
            "module.rds.aws_db_instance.replica has publicly_accessible = true",
        ),
        (
            line_of(6, "iac_addresses"),
            "D002",
            "names module.vpc.aws_nat_gateway.this[1], which the state does not have",
        ),
        (2, "D001", "aws_instance.bastion (aws_instance, 2 instances: [0], [1])"),
        (
            2,
            "D001",
            "module.thumbnails.aws_lambda_function.resize (aws_lambda_function)",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{out}");
    for ((line, code, row), (want_line, want_code, want_text)) in found.iter().zip(&expected) {
        assert_eq!((line, code.as_str()), (want_line, *want_code), "{row}");
        assert!(row.contains(want_text), "{row}\nshould say: {want_text}");
    }
    let summary = format!("{}: 7 error(s), {} other problem(s)\n", example(), 3 + baseline.len());
    assert!(out.ends_with(&summary), "{out}");
}

/// The warnings of the clean state (resources the example does not draw,
/// such as the internet gateway): the drifted state has them too.
fn clean_state_warnings() -> Vec<String> {
    let run = strata(&["drift", &example(), &fixture("ecommerce-state.json")]);
    text(&run.stdout)
        .lines()
        .filter(|l| l.contains("warning[D001]"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_clean_state_contradicts_nothing() {
    let run = strata(&["drift", &example(), &fixture("ecommerce-state.json")]);
    let out = text(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{out}");
    assert!(!out.contains("error["), "{out}");
    assert!(out.contains("0 error(s)"), "{out}");
    // Every address the example names is in the clean state; resources it
    // does not draw (the internet gateway) may be listed as warnings.
    assert!(!out.contains("[D002]"), "{out}");
    assert!(
        out.lines()
            .filter(|l| l.contains("]: "))
            .all(|l| l.contains("warning[D001]")),
        "{out}"
    );
}

#[test]
fn warnings_alone_pass_unless_denied() {
    // A copy of the example without the ALB's and the databases' drifted
    // statements still sees the missing and the vanished resources.
    let folder = tempfile::tempdir().expect("temp");
    let mut project = strata::store::load(Path::new(&example())).expect("example");
    for component in &mut project.components {
        if component
            .iac_addresses
            .iter()
            .any(|a| a.contains("aws_db_instance") || a.contains("aws_lb.public") || a.contains("aws_eks_node_group"))
        {
            component.iac_addresses.clear();
        }
    }
    let path: PathBuf = folder.path().join("fewer addresses.ron");
    strata::store::save(&path, &project).expect("saved");
    let path = path.to_string_lossy().into_owned();
    let state = fixture("ecommerce-drift-state.json");
    let lenient = strata(&["drift", &path, &state]);
    let out = text(&lenient.stdout);
    assert_eq!(lenient.status.code(), Some(0), "{out}");
    assert!(out.contains("warning[D002]") && out.contains("warning[D001]"), "{out}");
    assert!(out.contains("aws_db_instance.primary"), "now unlisted: {out}");
    let strict = strata(&["drift", &path, &state, "--deny", "warnings"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn machine_formats_carry_rule_location_and_address() {
    let state = fixture("ecommerce-drift-state.json");
    let run = strata(&["drift", &example(), &state, "--format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(report["errors"], 7);
    let baseline = clean_state_warnings().len();
    assert_eq!(report["warnings"], 3 + baseline);
    let problems = report["problems"].as_array().expect("problems");
    let multi_az = problems.iter().find(|p| p["code"] == "D003").expect("D003");
    assert_eq!(multi_az["address"], "module.rds.aws_db_instance.primary");
    assert_eq!(multi_az["line"], line_of(16, "zones"));
    assert_eq!(multi_az["level"], "error");
    assert_eq!(multi_az["place"]["id"], 16);

    let run = strata(&["drift", &example(), &state, "--format", "github"]);
    let annotations = text(&run.stdout);
    assert_eq!(annotations.lines().count(), 10 + baseline, "{annotations}");
    assert!(
        annotations.contains(&format!("line={},", line_of(14, "scaling")))
            && annotations.contains("title=strata D008::"),
        "{annotations}"
    );

    let run = strata(&["drift", &example(), &state, "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&run.stdout).expect("SARIF");
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let d006 = rules.iter().find(|r| r["id"] == "D006").expect("D006 rule");
    assert_eq!(
        d006["shortDescription"]["text"],
        "private in the spec, reachable from the internet in Terraform"
    );
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(
        results
            .iter()
            .any(|r| r["properties"]["address"] == "module.eks.aws_eks_node_group.general_purpose")
    );
}

#[test]
fn a_plan_is_compared_by_its_planned_values() {
    // The three-tier plan names nothing in the e-commerce example: its
    // resources are all unlisted, and every address of the example is
    // missing from it.
    let run = strata(&[
        "drift",
        &example(),
        &fixture("three-tier-plan.json"),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(run.status.code(), Some(0));
    assert!(problems.iter().all(|p| p["code"] == "D001" || p["code"] == "D002"));
    let unlisted: Vec<&str> = problems
        .iter()
        .filter(|p| p["code"] == "D001")
        .filter_map(|p| p["address"].as_str())
        .collect();
    assert!(unlisted.contains(&"aws_autoscaling_group.web") && unlisted.contains(&"aws_db_instance.main"));
    assert!(
        !unlisted
            .iter()
            .any(|a| a.starts_with("aws_subnet") || a.starts_with("aws_security_group"))
    );
    assert!(problems.iter().any(|p| {
        p["code"] == "D002"
            && p["message"]
                .as_str()
                .unwrap_or_default()
                .contains("the plan does not have")
    }));
}

#[test]
fn unreadable_input_exits_2_with_the_reason() {
    let folder = tempfile::tempdir().expect("temp");
    let broken = folder.path().join("plan.json");
    std::fs::write(&broken, "{\n  \"format_version\": \"1.0\",\n  oops\n}").expect("written");
    let broken = broken.to_string_lossy().into_owned();
    let run = strata(&["drift", &example(), &broken]);
    assert_eq!(run.status.code(), Some(2));
    let message = text(&run.stderr);
    assert!(message.contains(&format!("{broken}:3:3: not JSON")), "{message}");
    assert!(!message.contains("panicked"), "{message}");

    let run = strata(&["drift", &example(), &broken, "--format", "github"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stdout).starts_with("::error file="), "{}", text(&run.stdout));

    let newer = folder.path().join("newer.json");
    std::fs::write(&newer, r#"{"format_version": "2.0", "values": {}}"#).expect("written");
    let run = strata(&["drift", &example(), &newer.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("this Strata reads format 1.x"),
        "{}",
        text(&run.stderr)
    );

    let run = strata(&["drift", "/no/such/project.ron", &fixture("ecommerce-state.json")]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!text(&run.stderr).is_empty());
}
