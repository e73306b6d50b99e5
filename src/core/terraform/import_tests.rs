use serde_json::{Value, json};

use super::*;
use crate::model::*;

fn resource(address: &str, values: Value, depends_on: &[&str]) -> Value {
    let config = strip_instance_keys(address);
    let (kind, name) = config.split_once('.').unwrap_or_default();
    let index = address.find('[').map(|at| {
        let key = &address[at + 1..address.len() - 1];
        key.parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(key.trim_matches('"')))
    });
    json!({
        "address": address, "mode": "managed", "type": kind, "name": name, "index": index,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": values, "sensitive_values": {}, "depends_on": depends_on,
    })
}

/// A small shop: a VPC with two private subnets in two AZs, an ALB in front
/// of an ECS service through a target group, an RDS database in both
/// subnets through its subnet group, a queue, a bucket with its policy, a
/// security group and its rule, three workers made with `count`, a data
/// source and a type the table does not know.
fn shop_state() -> TerraformDoc {
    let subnets = json!(["subnet-a", "subnet-b"]);
    let state = json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": [
            resource("aws_vpc.main", json!({"id": "vpc-1", "arn": "arn:aws:ec2:eu-west-1:1:vpc/vpc-1", "tags": {"Name": "shop"}}), &[]),
            resource("aws_subnet.private[0]", json!({"id": "subnet-a", "vpc_id": "vpc-1", "availability_zone": "eu-west-1a", "tags": {"Name": "private-a"}}), &["aws_vpc.main"]),
            resource("aws_subnet.private[1]", json!({"id": "subnet-b", "vpc_id": "vpc-1", "availability_zone": "eu-west-1b", "tags": {"Name": "private-b"}}), &["aws_vpc.main"]),
            resource("aws_security_group.app", json!({"id": "sg-1", "vpc_id": "vpc-1"}), &["aws_vpc.main"]),
            resource("aws_security_group_rule.https", json!({"id": "sgr-1", "security_group_id": "sg-1"}), &["aws_security_group.app"]),
            resource("aws_lb.front", json!({"id": "lb-arn", "arn": "lb-arn", "load_balancer_type": "application", "subnets": subnets, "tags": {"Name": "shop-alb"}}), &["aws_subnet.private"]),
            resource("aws_lb_target_group.app", json!({"id": "tg-arn", "arn": "tg-arn", "vpc_id": "vpc-1"}), &["aws_vpc.main"]),
            resource("aws_lb_listener.https", json!({"id": "l-1", "load_balancer_arn": "lb-arn"}), &["aws_lb.front", "aws_lb_target_group.app"]),
            resource("aws_ecs_service.shop", json!({"id": "svc", "launch_type": "FARGATE", "network_configuration": [{"subnets": subnets}]}),
                     &["aws_lb_target_group.app", "aws_security_group.app", "aws_db_instance.orders", "aws_sqs_queue.jobs"]),
            resource("aws_db_subnet_group.db", json!({"id": "dbsub", "name": "dbsub", "subnet_ids": subnets}), &["aws_subnet.private"]),
            resource("aws_db_instance.orders", json!({"id": "db-1", "engine": "postgres", "db_subnet_group_name": "dbsub", "availability_zone": "eu-west-1a"}), &["aws_db_subnet_group.db"]),
            resource("aws_sqs_queue.jobs", json!({"id": "https://sqs/jobs", "name": "jobs"}), &[]),
            resource("aws_instance.worker[0]", json!({"id": "i-0", "instance_type": "t3.small", "subnet_id": "subnet-a"}), &["aws_sqs_queue.jobs"]),
            resource("aws_instance.worker[1]", json!({"id": "i-1", "instance_type": "t3.small", "subnet_id": "subnet-b"}), &["aws_sqs_queue.jobs"]),
            resource("aws_instance.worker[2]", json!({"id": "i-2", "instance_type": "t3.small", "subnet_id": "subnet-a"}), &["aws_sqs_queue.jobs"]),
            resource("aws_s3_bucket.assets", json!({"id": "shop-assets", "bucket": "shop-assets"}), &[]),
            resource("aws_s3_bucket_policy.assets", json!({"id": "shop-assets", "bucket": "shop-assets"}), &["aws_s3_bucket.assets"]),
            resource("acme_widget.thing", json!({"id": "w-1"}), &[]),
            {"address": "data.aws_caller_identity.me", "mode": "data", "type": "aws_caller_identity", "name": "me",
             "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"account_id": "1"}},
        ]}},
    });
    parse(state.to_string().as_bytes(), "shop.json").unwrap_or_else(|error| panic!("{error}"))
}

fn imported() -> (Project, ImportSummary) {
    import_new(&shop_state(), "Shop", "2026-01-01").unwrap_or_else(|error| panic!("{error}"))
}

fn named<'p>(project: &'p Project, name: &str) -> &'p Component {
    project
        .components
        .iter()
        .find(|component| component.name == name)
        .unwrap_or_else(|| panic!("no component {name}: {:?}", names(project)))
}

fn names(project: &Project) -> Vec<&str> {
    project.components.iter().map(|c| c.name.as_str()).collect()
}

fn zone_names(project: &Project, component: &Component) -> Vec<String> {
    component
        .zones
        .iter()
        .filter_map(|id| project.zone(*id))
        .map(|zone| zone.name.clone())
        .collect()
}

fn arrows(project: &Project) -> Vec<(String, String)> {
    let name = |id| project.component(id).map_or(String::new(), |c| c.name.clone());
    project
        .dependencies
        .iter()
        .map(|d| (name(d.from), name(d.to)))
        .collect()
}

#[test]
fn components_are_the_architecture_not_every_resource() {
    let (project, _) = imported();
    assert_eq!(
        names(&project),
        [
            "shop-alb",
            "aws_ecs_service.shop",
            "aws_db_instance.orders",
            "aws_sqs_queue.jobs",
            "aws_instance.worker",
            "aws_s3_bucket.assets",
            "acme_widget.thing"
        ]
    );
    let alb = named(&project, "shop-alb");
    assert_eq!(alb.kind, ComponentKind::LoadBalancer);
    assert_eq!(alb.technology, "AWS Elastic Load Balancing (application)");
    let layer = project.layer(alb.layer.expect("a layer")).expect("the layer exists");
    assert_eq!(layer.kind, LayerKind::Integration);
    assert_eq!(alb.iac_addresses, ["aws_lb.front", "aws_lb_listener.https"]);
    let db = named(&project, "aws_db_instance.orders");
    assert_eq!(
        (db.kind, db.technology.as_str()),
        (ComponentKind::Database, "Amazon RDS (postgres)")
    );
    assert_eq!(db.iac_addresses, ["aws_db_instance.orders", "aws_db_subnet_group.db"]);
    let unknown = named(&project, "acme_widget.thing");
    assert_eq!((unknown.kind, unknown.layer), (ComponentKind::Other, None));
    assert!(
        crate::check::structural(&project).is_empty(),
        "{:?}",
        crate::check::structural(&project)
    );
}

#[test]
fn count_instances_fold_into_one_component_with_their_count() {
    let (project, _) = imported();
    let workers = named(&project, "aws_instance.worker");
    assert_eq!(workers.technology, "Amazon EC2 (t3.small) ×3");
    assert_eq!(workers.iac_addresses, ["aws_instance.worker"]);
    assert_eq!(
        zone_names(&project, workers),
        ["private-a", "private-b"],
        "two subnets, two zones"
    );
}

#[test]
fn zones_nest_region_vpc_az_subnet_and_components_sit_in_their_subnets() {
    let (project, _) = imported();
    let path = |name: &str| {
        let zone = project.zones.iter().find(|z| z.name == name).expect("the zone");
        project
            .zone_chain(zone.id)
            .iter()
            .filter_map(|id| project.zone(*id))
            .map(|z| format!("{}:{}", z.kind.label(), z.name))
            .collect::<Vec<_>>()
    };
    let chain = path("private-b");
    assert!(chain.contains(&"Region:eu-west-1".to_string()), "{chain:?}");
    assert!(chain.contains(&"VPC:shop".to_string()), "{chain:?}");
    assert!(chain.contains(&"Availability zone:eu-west-1b".to_string()), "{chain:?}");
    assert_eq!(project.zones.len(), 6, "region, VPC, two AZs, two subnets");
    for name in ["shop-alb", "aws_ecs_service.shop", "aws_db_instance.orders"] {
        assert_eq!(
            zone_names(&project, named(&project, name)),
            ["private-a", "private-b"],
            "{name}"
        );
    }
    assert!(named(&project, "aws_sqs_queue.jobs").zones.is_empty());
}

#[test]
fn arrows_follow_traffic_through_folds_and_junctions() {
    let (project, _) = imported();
    let mut arrows = arrows(&project);
    arrows.sort();
    let expected = [
        ("aws_ecs_service.shop", "aws_db_instance.orders"),
        ("aws_ecs_service.shop", "aws_sqs_queue.jobs"),
        ("aws_instance.worker", "aws_sqs_queue.jobs"),
        // The service names the target group; the listener joins it to the
        // load balancer: traffic runs from the load balancer.
        ("shop-alb", "aws_ecs_service.shop"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(arrows, expected);
    let into_queue = project
        .dependencies
        .iter()
        .find(|d| project.component(d.to).is_some_and(|c| c.kind == ComponentKind::Queue))
        .expect("an arrow into the queue");
    assert_eq!(into_queue.kind, DependencyKind::Async);
}

#[test]
fn the_summary_counts_imported_folded_skipped_and_unknown() {
    let (_, summary) = imported();
    assert_eq!(summary.resources, 19);
    assert_eq!(
        summary.imported, 12,
        "7 component resources (3 workers) and 3 zone resources... {summary:?}"
    );
    assert_eq!(summary.folded_total(), 6);
    assert_eq!(summary.folded.get("aws_security_group_rule"), Some(&1));
    assert_eq!(summary.skipped_total(), 1);
    assert_eq!(summary.unknown.get("acme_widget"), Some(&1));
    let lines = summary.lines().join("\n");
    assert!(
        lines.contains("imported 12 of 19 resources as 7 components and 6 zones, with 4 dependencies"),
        "{lines}"
    );
    assert!(lines.contains("aws_s3_bucket_policy ×1"), "{lines}");
    assert!(
        lines.contains("data sources are read, not managed): data.aws_caller_identity ×1"),
        "{lines}"
    );
    assert!(lines.contains("generic components: acme_widget ×1"), "{lines}");
}

#[test]
fn the_imported_project_is_laid_out() {
    let (project, _) = imported();
    assert!(project.components.iter().all(|c| c.position.is_some()));
}

#[test]
fn a_merge_keeps_what_the_architect_wrote_and_updates_what_import_owns() {
    let (mut project, _) = imported();
    let index = project
        .components
        .iter()
        .position(|c| c.iac_addresses.first().map(String::as_str) == Some("aws_db_instance.orders"))
        .expect("the database");
    let db = &mut project.components[index];
    db.name = "Orders DB".into();
    // What an earlier import wrote: the import's to update.
    db.technology = "Amazon RDS (mysql) ×2".into();
    db.responsibilities.manages.push("orders".into());
    db.notes = "keep me".into();
    db.kind = ComponentKind::Cache;
    let queue = project
        .components
        .iter_mut()
        .find(|c| c.iac_addresses.first().map(String::as_str) == Some("aws_sqs_queue.jobs"))
        .expect("the queue");
    queue.technology = "SQS standard queue, 4-day retention".into();
    let before = project.clone();
    let import = import_into(&project, &shop_state());
    assert_eq!(import.report.components_added, 0, "{:?}", import.report);
    assert_eq!(import.report.components_updated, 1, "only the database differs");
    assert_eq!(import.report.zones_added, 0);
    assert_eq!(import.report.dependencies_added, 0);
    let undo = import.edit.apply(&mut project).expect("the merge applies");
    let db = &project.components[index];
    assert_eq!(db.name, "Orders DB");
    assert_eq!(db.technology, "Amazon RDS (postgres)");
    assert_eq!(db.responsibilities.manages, ["orders"]);
    assert_eq!(db.notes, "keep me");
    assert_eq!(db.kind, ComponentKind::Cache);
    assert_eq!(
        named(&project, "aws_sqs_queue.jobs").technology,
        "SQS standard queue, 4-day retention",
        "the architect's words stay"
    );
    assert_eq!(project.components.len(), before.components.len());
    undo.apply(&mut project).expect("the undo applies");
    assert_eq!(project, before, "one edit, undone as one");
}

#[test]
fn a_merge_adds_only_what_is_new_and_deletes_nothing() {
    let mut project = Project::new_layered("Mine", "2026-01-01");
    project.components.push(Component {
        id: ComponentId(1),
        name: "Legacy mainframe".into(),
        ..Component::default()
    });
    let import = import_into(&project, &shop_state());
    assert_eq!(import.report.components_added, 7);
    import.edit.apply(&mut project).expect("applies");
    assert_eq!(project.components.len(), 8);
    assert_eq!(project.components[0].name, "Legacy mainframe");
    assert!(
        project.components[1..].iter().all(|c| c.position.is_none()),
        "placed by the layout, not arranged over the user's drawing"
    );
    let again = import_into(&project, &shop_state());
    assert!(again.report.changes_nothing(), "{:?}", again.report);
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;
    use crate::model::Project;

    proptest! {
        #![proptest_config(crate::core::proptest_support::cases(16))]

        /// Any generated state imports into a valid project; importing it
        /// again changes nothing; and the merge's inverse restores the
        /// project it was applied to.
        #[test]
        fn imports_are_valid_idempotent_and_undoable(resources in 1usize..90) {
            let doc = parse(synth::state_json(resources).as_bytes(), "synth.json").expect("reads");
            let (project, summary) = import_new(&doc, "synth", "2026-01-01").expect("applies");
            prop_assert!(crate::check::structural(&project).is_empty());
            prop_assert_eq!(summary.resources, resources);
            prop_assert_eq!(summary.imported + summary.folded_total() + summary.skipped_total(), resources);
            let again = import_into(&project, &doc);
            prop_assert!(again.report.changes_nothing(), "{:?}", again.report);
            let mut empty = Project::new_layered("x", "2026-01-01");
            let before = empty.clone();
            let undo = import_into(&empty, &doc).edit.apply(&mut empty).expect("applies");
            undo.apply(&mut empty).expect("undoes");
            prop_assert_eq!(empty, before);
        }

        /// No input makes the reader panic: it reads it or says why not.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,200}", wrap in any::<bool>()) {
            let text = if wrap { format!("{{\"format_version\": \"1.0\", \"values\": {text}}}") } else { text };
            let _ = parse(text.as_bytes(), "fuzz.json");
        }
    }
}
