//! Generated Terraform states, for the import benchmark and tests: a
//! realistic mix (networks, subnets across three AZs, load balancers with
//! listeners and target groups, services, databases, caches, queues,
//! buckets with their configuration, security groups with rules) repeated
//! until the state holds the number of resources asked for.

use serde_json::{Value, json};

/// One estate's slice: the resources of one application stack.
fn stack(n: usize, out: &mut Vec<Value>) {
    let resource = |kind: &str, name: String, values: Value, depends_on: Vec<String>| {
        json!({
            "address": format!("{kind}.{name}"), "mode": "managed", "type": kind, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
            "values": values, "sensitive_values": {}, "depends_on": depends_on,
        })
    };
    let vpc = format!("vpc_{n}");
    out.push(resource(
        "aws_vpc",
        vpc.clone(),
        json!({"id": format!("vpc-{n}"), "arn": format!("arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-{n}"),
               "cidr_block": "10.0.0.0/16", "tags": {"Name": format!("stack-{n}")}}),
        vec![],
    ));
    for az in ["a", "b", "c"] {
        out.push(resource(
            "aws_subnet",
            format!("app_{n}_{az}"),
            json!({"id": format!("subnet-{n}-{az}"), "vpc_id": format!("vpc-{n}"),
                   "availability_zone": format!("eu-west-1{az}"), "tags": {"Name": format!("app-{n}-{az}")}}),
            vec![format!("aws_vpc.{vpc}")],
        ));
    }
    let subnets = json!([
        format!("subnet-{n}-a"),
        format!("subnet-{n}-b"),
        format!("subnet-{n}-c")
    ]);
    let sg = format!("sg-{n}");
    out.push(resource(
        "aws_security_group",
        format!("app_{n}"),
        json!({"id": sg, "vpc_id": format!("vpc-{n}")}),
        vec![format!("aws_vpc.{vpc}")],
    ));
    out.push(resource(
        "aws_security_group_rule",
        format!("app_{n}_https"),
        json!({"id": format!("sgr-{n}"), "security_group_id": sg, "from_port": 443}),
        vec![format!("aws_security_group.app_{n}")],
    ));
    let lb_arn = format!("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb-{n}");
    out.push(resource(
        "aws_lb",
        format!("front_{n}"),
        json!({"id": lb_arn, "arn": lb_arn, "internal": false, "load_balancer_type": "application", "subnets": subnets}),
        vec![format!("aws_subnet.app_{n}_a")],
    ));
    let tg_arn = format!("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg-{n}");
    out.push(resource(
        "aws_lb_target_group",
        format!("app_{n}"),
        json!({"id": tg_arn, "arn": tg_arn, "vpc_id": format!("vpc-{n}")}),
        vec![format!("aws_vpc.{vpc}")],
    ));
    out.push(resource(
        "aws_lb_listener",
        format!("https_{n}"),
        json!({"id": format!("listener-{n}"), "load_balancer_arn": lb_arn, "default_action": [{"target_group_arn": tg_arn}]}),
        vec![format!("aws_lb.front_{n}"), format!("aws_lb_target_group.app_{n}")],
    ));
    out.push(resource(
        "aws_ecs_service",
        format!("app_{n}"),
        json!({"id": format!("svc-{n}"), "launch_type": "FARGATE", "desired_count": 3,
               "network_configuration": [{"subnets": subnets, "security_groups": [sg]}],
               "load_balancer": [{"target_group_arn": tg_arn}]}),
        vec![
            format!("aws_lb_target_group.app_{n}"),
            format!("aws_security_group.app_{n}"),
            format!("aws_db_instance.db_{n}"),
            format!("aws_sqs_queue.jobs_{n}"),
        ],
    ));
    out.push(resource(
        "aws_db_instance",
        format!("db_{n}"),
        json!({"id": format!("db-{n}"), "engine": "postgres", "multi_az": true, "db_subnet_group_name": format!("dbsub-{n}")}),
        vec![format!("aws_db_subnet_group.db_{n}")],
    ));
    out.push(resource(
        "aws_db_subnet_group",
        format!("db_{n}"),
        json!({"id": format!("dbsub-{n}"), "name": format!("dbsub-{n}"), "subnet_ids": subnets}),
        vec![format!("aws_subnet.app_{n}_a")],
    ));
    out.push(resource(
        "aws_sqs_queue",
        format!("jobs_{n}"),
        json!({"id": format!("https://sqs/jobs-{n}"), "name": format!("jobs-{n}")}),
        vec![],
    ));
    out.push(resource(
        "aws_s3_bucket",
        format!("assets_{n}"),
        json!({"id": format!("assets-{n}"), "bucket": format!("assets-{n}")}),
        vec![],
    ));
    out.push(resource(
        "aws_s3_bucket_versioning",
        format!("assets_{n}"),
        json!({"id": format!("assets-{n}"), "bucket": format!("assets-{n}")}),
        vec![format!("aws_s3_bucket.assets_{n}")],
    ));
}

/// A `terraform show -json` state of `resources` resources (the last stack
/// cut short to hit the number exactly).
pub fn state_json(resources: usize) -> String {
    let mut all = Vec::with_capacity(resources + 16);
    let mut n = 0;
    while all.len() < resources {
        stack(n, &mut all);
        n += 1;
    }
    all.truncate(resources);
    json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": all}},
    })
    .to_string()
}
