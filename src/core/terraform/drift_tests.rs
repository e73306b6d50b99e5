use serde_json::json;

use super::*;
use crate::terraform::parse;

/// A state of `resources` (each `[address, type, values]`, root module).
fn state(resources: &[(&str, &str, Value)]) -> TerraformDoc {
    let list: Vec<Value> = resources
        .iter()
        .map(|(address, kind, values)| {
            let local = address.rsplit_once(&format!("{kind}.")).map_or(*address, |(_, l)| l);
            let (name, index) = match local.split_once('[') {
                Some((name, key)) => {
                    let key = key.trim_end_matches(']');
                    let index = key
                        .parse::<i64>()
                        .map_or_else(|_| json!(key.trim_matches('"')), |n| json!(n));
                    (name, Some(index))
                }
                None => (local, None),
            };
            let mut resource = json!({
                "address": address, "mode": "managed", "type": kind, "name": name,
                "provider_name": "registry.terraform.io/hashicorp/aws", "values": values, "sensitive_values": {},
            });
            if let Some(index) = index {
                resource["index"] = index;
            }
            resource
        })
        .collect();
    let (root, modules): (Vec<Value>, Vec<Value>) = list
        .into_iter()
        .partition(|r| !r["address"].as_str().unwrap_or_default().starts_with("module."));
    let children: Vec<Value> = modules
        .into_iter()
        .map(|r| {
            let address = r["address"].as_str().unwrap_or_default();
            let module = address.split('.').take(2).collect::<Vec<_>>().join(".");
            json!({"address": module, "resources": [r]})
        })
        .collect();
    let doc = json!({
        "format_version": "1.0", "terraform_version": "1.6.6",
        "values": {"root_module": {"resources": root, "child_modules": children}},
    });
    parse(doc.to_string().as_bytes(), "test.json").expect("test state parses")
}

/// Region → two AZs → one subnet each; a component `Database` in both
/// subnets, named by `addresses`.
fn project(addresses: &[&str]) -> Project {
    let zone = |id: u32, name: &str, kind: ZoneKind, parent: Option<u32>| Zone {
        id: ZoneId(id),
        name: name.into(),
        kind,
        parent: parent.map(ZoneId),
        ..Zone::default()
    };
    Project {
        zones: vec![
            zone(1, "us-east-1", ZoneKind::Region, None),
            zone(2, "us-east-1a", ZoneKind::AvailabilityZone, Some(1)),
            zone(3, "us-east-1b", ZoneKind::AvailabilityZone, Some(1)),
            zone(4, "data-1a", ZoneKind::Subnet, Some(2)),
            zone(5, "data-1b", ZoneKind::Subnet, Some(3)),
        ],
        components: vec![Component {
            id: ComponentId(7),
            name: "Orders DB".into(),
            kind: ComponentKind::Database,
            zones: vec![ZoneId(4), ZoneId(5)],
            iac_addresses: addresses.iter().map(|a| a.to_string()).collect(),
            ..Component::default()
        }],
        ..Project::default()
    }
}

fn codes(findings: &[DriftFinding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.diagnostic.code).collect()
}

fn rds(overrides: Value) -> Value {
    let mut values = json!({
        "identifier": "orders", "multi_az": true, "storage_encrypted": true,
        "kms_key_id": "arn:aws:kms:us-east-1:1:key/k", "backup_retention_period": 14,
        "deletion_protection": true, "publicly_accessible": false,
    });
    for (key, value) in overrides.as_object().into_iter().flatten() {
        values[key] = value.clone();
    }
    values
}

#[test]
fn a_consistent_estate_has_no_drift() {
    let mut project = project(&["aws_db_instance.orders"]);
    let db = &mut project.components[0];
    db.encryption.at_rest = "KMS customer-managed key".into();
    db.backup = Some(Backup {
        retention: "14 days".into(),
        ..Backup::default()
    });
    db.lifecycle.destruction = "Deletion protection on".into();
    let doc = state(&[("aws_db_instance.orders", "aws_db_instance", rds(json!({})))]);
    assert_eq!(drift(&project, &doc), []);
}

#[test]
fn each_stated_property_the_resource_contradicts_is_one_error() {
    let mut project = project(&["aws_db_instance.orders"]);
    let db = &mut project.components[0];
    db.encryption.at_rest = "KMS customer-managed key".into();
    db.backup = Some(Backup {
        retention: "2 weeks".into(),
        ..Backup::default()
    });
    db.lifecycle.destruction = "Deletion protection on; final snapshot first".into();
    let doc = state(&[(
        "aws_db_instance.orders",
        "aws_db_instance",
        rds(json!({
            "multi_az": false, "storage_encrypted": false, "kms_key_id": "",
            "backup_retention_period": 3, "deletion_protection": false, "publicly_accessible": true,
        })),
    )]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D003", "D004", "D005", "D006", "D007"]);
    for f in &findings {
        assert_eq!(f.diagnostic.level, Level::Error);
        assert_eq!(f.address, "aws_db_instance.orders");
        assert_eq!(f.component(), Some(ComponentId(7)));
        assert!(
            f.diagnostic.message.contains("\"Orders DB\""),
            "{}",
            f.diagnostic.message
        );
    }
    let message = |code: &str| {
        findings
            .iter()
            .find(|f| f.diagnostic.code == code)
            .map(|f| f.diagnostic.message.clone())
            .unwrap_or_default()
    };
    assert!(message("D003").contains("us-east-1a and us-east-1b") && message("D003").contains("multi_az = false"));
    assert!(message("D004").contains("storage_encrypted = false and no kms_key_id"));
    assert!(message("D005").contains("14 days") && message("D005").contains("backup_retention_period = 3"));
    assert!(message("D006").contains("Private") && message("D006").contains("publicly_accessible = true"));
    assert!(message("D007").contains("deletion_protection = false"));
}

#[test]
fn subnets_in_one_zone_contradict_multi_az() {
    let project = project(&["aws_autoscaling_group.app"]);
    let doc = state(&[
        (
            "aws_subnet.a",
            "aws_subnet",
            json!({"id": "subnet-a", "availability_zone": "us-east-1a"}),
        ),
        (
            "aws_subnet.a2",
            "aws_subnet",
            json!({"id": "subnet-a2", "availability_zone": "us-east-1a"}),
        ),
        (
            "aws_autoscaling_group.app",
            "aws_autoscaling_group",
            json!({"min_size": 2, "max_size": 4, "vpc_zone_identifier": ["subnet-a", "subnet-a2"]}),
        ),
    ]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D003"]);
    assert!(findings[0].diagnostic.message.contains("only in us-east-1a"));
    // Two zones: no finding.
    let doc = state(&[
        (
            "aws_subnet.a",
            "aws_subnet",
            json!({"id": "subnet-a", "availability_zone": "us-east-1a"}),
        ),
        (
            "aws_subnet.b",
            "aws_subnet",
            json!({"id": "subnet-b", "availability_zone": "us-east-1b"}),
        ),
        (
            "aws_autoscaling_group.app",
            "aws_autoscaling_group",
            json!({"vpc_zone_identifier": ["subnet-a", "subnet-b"]}),
        ),
    ]);
    assert_eq!(drift(&project, &doc), []);
}

#[test]
fn scaling_ranges_of_groups_and_node_groups_are_compared() {
    let mut project = project(&["aws_eks_node_group.general", "aws_autoscaling_group.web"]);
    project.components[0].zones.clear();
    project.components[0].scaling = Scaling {
        min: Some(3),
        max: Some(10),
        ..Scaling::default()
    };
    let doc = state(&[
        (
            "aws_eks_node_group.general",
            "aws_eks_node_group",
            json!({"scaling_config": [{"min_size": 1, "max_size": 20, "desired_size": 2}]}),
        ),
        (
            "aws_autoscaling_group.web",
            "aws_autoscaling_group",
            json!({"min_size": 3, "max_size": 10, "desired_capacity": 3}),
        ),
    ]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D008"]);
    assert_eq!(findings[0].address, "aws_eks_node_group.general");
    assert!(
        findings[0].diagnostic.message.contains(
            "from 3 to 10 in the spec, but aws_eks_node_group.general scales from 1 to 20 in the state, desired 2"
        ),
        "{}",
        findings[0].diagnostic.message
    );
}

#[test]
fn base_addresses_and_modules_claim_their_instances() {
    let project = project(&["aws_instance.web", "module.cache", "aws_sqs_queue.jobs[1]"]);
    let doc = state(&[
        ("aws_instance.web[0]", "aws_instance", json!({})),
        ("aws_instance.web[1]", "aws_instance", json!({})),
        (
            "module.cache.aws_elasticache_cluster.c",
            "aws_elasticache_cluster",
            json!({}),
        ),
        ("aws_sqs_queue.jobs[0]", "aws_sqs_queue", json!({})),
        ("aws_sqs_queue.jobs[1]", "aws_sqs_queue", json!({})),
    ]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D001"]);
    assert_eq!(findings[0].address, "aws_sqs_queue.jobs");
    assert!(findings[0].diagnostic.message.contains("1 instance: [0]"));
    assert_eq!(findings[0].diagnostic.place, Place::Project);
}

#[test]
fn unlisted_resources_are_grouped_and_configuration_resources_ignored() {
    let project = project(&[]);
    let doc = state(&[
        ("aws_instance.bastion[0]", "aws_instance", json!({})),
        ("aws_instance.bastion[1]", "aws_instance", json!({})),
        ("aws_security_group.db", "aws_security_group", json!({})),
        ("aws_s3_bucket_policy.assets", "aws_s3_bucket_policy", json!({})),
        ("random_password.db", "random_password", json!({})),
        ("aws_lambda_function.resize", "aws_lambda_function", json!({})),
    ]);
    let findings = drift(&project, &doc);
    let addresses: Vec<&str> = findings.iter().map(|f| f.address.as_str()).collect();
    assert_eq!(addresses, ["aws_instance.bastion", "aws_lambda_function.resize"]);
    assert!(
        findings[0]
            .diagnostic
            .message
            .starts_with("aws_instance.bastion (aws_instance, 2 instances: [0], [1]) is in the state")
    );
    assert!(findings.iter().all(|f| f.diagnostic.level == Level::Warning));
}

#[test]
fn addresses_the_state_lacks_are_reported_and_other_identifiers_left_alone() {
    let project = project(&[
        "aws_db_instance.orders",
        "module.vpc.aws_nat_gateway.this[1]",
        "arn:aws:rds:us-east-1:1:db:orders",
    ]);
    let doc = state(&[("aws_db_instance.orders", "aws_db_instance", rds(json!({})))]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D002"]);
    assert_eq!(findings[0].address, "module.vpc.aws_nat_gateway.this[1]");
    assert!(findings[0].diagnostic.message.contains("which the state does not have"));
}

#[test]
fn private_components_behind_internet_facing_balancers_drift() {
    let mut project = project(&["aws_lb.internal_api"]);
    project.components[0].kind = ComponentKind::LoadBalancer;
    project.components[0].exposure = Exposure::Internal;
    project.components[0].zones.clear();
    let lb = |internal: bool| {
        state(&[(
            "aws_lb.internal_api",
            "aws_lb",
            json!({"internal": internal, "load_balancer_type": "application"}),
        )])
    };
    assert_eq!(codes(&drift(&project, &lb(false))), ["D006"]);
    assert_eq!(drift(&project, &lb(true)), []);
    project.components[0].exposure = Exposure::Public;
    assert_eq!(drift(&project, &lb(false)), []);
}

#[test]
fn what_the_spec_says_is_read_from_its_words() {
    assert_eq!(retention_days("7 days"), Some(7));
    assert_eq!(retention_days("5 days of snapshots; exports kept 30 days"), Some(5));
    assert_eq!(retention_days("2 weeks"), Some(14));
    assert_eq!(retention_days("1 month"), Some(30));
    assert_eq!(retention_days("None: messages are transient"), None);
    assert_eq!(retention_days("18446744073709551615 years"), Some(u64::MAX));
    assert!(states_deletion_protection(
        "Deletion protection on; a final snapshot is required"
    ));
    assert!(states_deletion_protection(
        "Deleting the Ingress removes the ALB; deletion protection is on in production"
    ));
    assert!(!states_deletion_protection("No deletion protection: it is a cache"));
    assert!(!states_deletion_protection("deletion_protection = false in staging"));
    assert!(!states_deletion_protection("Scale to zero, then delete"));
    assert!(states_encryption("SSE-KMS with the platform key"));
    assert!(!states_encryption("Not applicable (no data held)"));
    assert!(!states_encryption("None"));
    assert!(looks_like_terraform_address("module.vpc.aws_nat_gateway.this[0]"));
    assert!(looks_like_terraform_address(
        "aws_cloudwatch_log_group.this[\"/aws/eks/x\"]"
    ));
    assert!(looks_like_terraform_address("module.vpc"));
    assert!(looks_like_terraform_address("data.aws_ami.ubuntu"));
    assert!(!looks_like_terraform_address("arn:aws:rds:us-east-1:1:db:orders"));
    assert!(!looks_like_terraform_address(
        "urn:pulumi:prod::shop::aws:rds/instance:Instance::orders"
    ));
    assert!(!looks_like_terraform_address("orders"));
}

#[test]
fn resources_a_plan_destroys_are_not_in_the_estate() {
    let project = project(&["aws_sqs_queue.old"]);
    let queue = json!({
        "address": "aws_sqs_queue.old", "mode": "managed", "type": "aws_sqs_queue", "name": "old",
        "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"name": "old"}, "sensitive_values": {},
    });
    let plan = json!({
        "format_version": "1.2",
        "planned_values": {"root_module": {}},
        "resource_changes": [{
            "address": "aws_sqs_queue.old", "mode": "managed", "type": "aws_sqs_queue", "name": "old",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["delete"], "before": {"name": "old"}, "after": null},
        }],
        "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [queue]}}},
    });
    let doc = parse(plan.to_string().as_bytes(), "plan.json").expect("the plan reads");
    assert_eq!(doc.resources[0].actions, ["delete"]);
    let findings = drift(&project, &doc);
    assert_eq!(codes(&findings), ["D002"]);
    assert!(findings[0].diagnostic.message.contains("which the plan does not have"));
}

mod properties {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::*;

    /// Any JSON an attribute might hold, including the wrong type.
    fn attribute() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            "[a-z0-9 -]{0,8}".prop_map(Value::from),
            proptest::collection::vec("subnet-[ab]", 0..3).prop_map(|v| json!(v)),
            (any::<Option<u32>>(), any::<Option<u32>>())
                .prop_map(|(min, max)| json!([{"min_size": min, "max_size": max, "desired_size": min}])),
        ]
    }

    const ATTRIBUTES: &[&str] = &[
        "multi_az",
        "multi_az_enabled",
        "storage_encrypted",
        "kms_key_id",
        "backup_retention_period",
        "snapshot_retention_limit",
        "publicly_accessible",
        "internal",
        "deletion_protection",
        "enable_deletion_protection",
        "min_size",
        "max_size",
        "scaling_config",
        "subnet_ids",
        "availability_zones",
        "vpc_config",
    ];

    fn values() -> impl Strategy<Value = Value> {
        proptest::collection::btree_map(proptest::sample::select(ATTRIBUTES), attribute(), 0..10)
            .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
    }

    proptest! {
        /// Whatever the attributes and addresses hold, drift answers
        /// without panicking, and every finding is a drift rule placed on
        /// the whole project or on a component that exists.
        #[test]
        fn drift_is_total_and_places_findings_on_real_components(
            database in values(),
            group in values(),
            addresses in proptest::collection::vec(
                "(module\\.[a-z]{1,3}\\.)?aws_[a-z_]{1,6}\\.[a-z]{1,3}(\\[[0-9]\\])?|[a-z:/. ]{0,12}",
                0..4,
            ),
            retention in "[0-9]{0,25} (days|weeks|years|hours)?",
            lifecycle in "(no )?deletion protection( on| off)?",
            range in (proptest::option::of(0u32..40), proptest::option::of(0u32..40)),
        ) {
            let mut claimed: Vec<&str> = vec!["aws_db_instance.orders", "aws_autoscaling_group.web"];
            claimed.extend(addresses.iter().map(String::as_str));
            let mut project = project(&claimed);
            let component = &mut project.components[0];
            component.encryption.at_rest = "KMS customer-managed key".into();
            component.backup = Some(Backup { retention, ..Backup::default() });
            component.lifecycle.destruction = lifecycle;
            component.scaling = Scaling { min: range.0, max: range.1, ..Scaling::default() };
            let doc = state(&[
                ("aws_db_instance.orders", "aws_db_instance", database),
                ("aws_autoscaling_group.web", "aws_autoscaling_group", group),
                ("aws_instance.other", "aws_instance", json!({})),
            ]);
            for finding in drift(&project, &doc) {
                prop_assert!(rule_for(finding.diagnostic.code).is_some());
                prop_assert!(!finding.diagnostic.message.is_empty() && !finding.address.is_empty());
                match finding.component() {
                    Some(id) => prop_assert!(project.component(id).is_some()),
                    None => prop_assert_eq!(finding.diagnostic.code, "D001"),
                }
            }
        }
    }
}
