use super::*;

fn read(text: &str) -> TerraformDoc {
    parse(text.as_bytes(), "test.json").unwrap_or_else(|error| panic!("should read: {error}"))
}

fn error(text: &str) -> TerraformError {
    match parse(text.as_bytes(), "test.json") {
        Ok(doc) => panic!("should be refused, read {} resources", doc.resources.len()),
        Err(error) => error,
    }
}

fn reference(from: &str, to: &str, via: &str) -> TfReference {
    TfReference {
        from: from.to_string(),
        to: to.to_string(),
        via: via.to_string(),
    }
}

const STATE: &str = r#"{
  "format_version": "1.0",
  "terraform_version": "1.9.5",
  "values": {
    "outputs": {"db_password": {"sensitive": true, "value": "hunter2-output", "type": "string"}},
    "root_module": {
      "resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
         "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1,
         "values": {"id": "vpc-1", "cidr_block": "10.0.0.0/16", "tags": {"Name": "prod"}},
         "sensitive_values": {"tags": {}}},
        {"address": "aws_instance.web[0]", "mode": "managed", "type": "aws_instance", "name": "web",
         "index": 0, "provider_name": "registry.terraform.io/hashicorp/aws",
         "values": {"id": "i-1", "subnet_id": "subnet-1"}, "sensitive_values": {},
         "depends_on": ["aws_vpc.main", "module.db.aws_db_instance.main"]},
        {"address": "aws_instance.web[1]", "mode": "managed", "type": "aws_instance", "name": "web",
         "index": 1, "provider_name": "registry.terraform.io/hashicorp/aws",
         "values": {"id": "i-2"}, "depends_on": ["aws_vpc.main"]}
      ],
      "child_modules": [{
        "address": "module.db",
        "resources": [
          {"address": "module.db.aws_db_instance.main", "mode": "managed", "type": "aws_db_instance",
           "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
           "values": {"id": "db-1", "password": "hunter2-password", "engine": "postgres",
                      "settings": [{"user": "app", "secret": "hunter2-nested"}]},
           "sensitive_values": {"password": true, "settings": [{"secret": true}]}},
          {"address": "module.db.aws_subnet.db[\"a.b\"]", "mode": "managed", "type": "aws_subnet",
           "name": "db", "index": "a.b", "provider_name": "registry.terraform.io/hashicorp/aws",
           "values": {"id": "subnet-2"}}
        ]
      }]
    }
  }
}"#;

#[test]
fn a_state_gives_every_resource_instance_with_its_module_and_key() {
    let doc = read(STATE);
    assert_eq!(doc.kind, DocKind::State);
    assert_eq!(doc.format_version, "1.0");
    assert_eq!(doc.terraform_version, "1.9.5");
    let addresses: Vec<_> = doc.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "aws_vpc.main",
            "aws_instance.web[0]",
            "aws_instance.web[1]",
            "module.db.aws_db_instance.main",
            "module.db.aws_subnet.db[\"a.b\"]"
        ]
    );
    let web = &doc.resources[2];
    assert_eq!(web.index, Some(ResourceIndex::Count(1)));
    assert_eq!(web.config_address(), "aws_instance.web");
    assert_eq!(web.mode, ResourceMode::Managed);
    assert_eq!(web.resource_type, "aws_instance");
    assert_eq!(web.provider_name, "registry.terraform.io/hashicorp/aws");
    let subnet = &doc.resources[4];
    assert_eq!(subnet.module_address, "module.db");
    assert_eq!(subnet.index, Some(ResourceIndex::Key("a.b".to_string())));
    assert_eq!(subnet.config_address(), "module.db.aws_subnet.db");
    assert_eq!(doc.resources[0].values["tags"]["Name"], "prod");
    assert!(doc.resources.iter().all(|r| r.actions.is_empty()));
}

#[test]
fn a_state_takes_its_references_from_depends_on() {
    let doc = read(STATE);
    assert_eq!(
        doc.references,
        [
            reference("aws_instance.web", "aws_vpc.main", "depends_on"),
            reference("aws_instance.web", "module.db.aws_db_instance.main", "depends_on"),
        ]
    );
}

#[test]
fn sensitive_values_and_outputs_never_reach_the_result() {
    let doc = read(STATE);
    let everything = format!("{doc:?}");
    for secret in ["hunter2-output", "hunter2-password", "hunter2-nested"] {
        assert!(!everything.contains(secret), "{secret} leaked");
    }
    let db = &doc.resources[3];
    assert!(db.values.get("password").is_none());
    assert_eq!(db.values["engine"], "postgres");
    assert_eq!(
        db.values["settings"][0]["user"], "app",
        "only the marked attribute goes"
    );
}

const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.6.0",
  "planned_values": {
    "outputs": {"token": {"sensitive": true}},
    "root_module": {
      "resources": [
        {"address": "aws_lb.front", "mode": "managed", "type": "aws_lb", "name": "front",
         "provider_name": "registry.terraform.io/hashicorp/aws",
         "values": {"internal": false, "name": "front"}, "sensitive_values": {}},
        {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu",
         "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "ami-1"}}
      ],
      "child_modules": [{
        "address": "module.app",
        "resources": [
          {"address": "module.app.aws_instance.web[\"blue\"]", "mode": "managed", "type": "aws_instance",
           "name": "web", "index": "blue", "provider_name": "registry.terraform.io/hashicorp/aws",
           "values": {"ami": "ami-1", "user_data": "hunter2-userdata"}, "sensitive_values": {}}
        ]
      }]
    }
  },
  "resource_changes": [
    {"address": "aws_lb.front", "mode": "managed", "type": "aws_lb", "name": "front",
     "change": {"actions": ["create"], "before": null, "after": {"internal": false},
                "after_unknown": {"arn": true}, "after_sensitive": {}}},
    {"address": "module.app.aws_instance.web[\"blue\"]", "module_address": "module.app",
     "mode": "managed", "type": "aws_instance", "name": "web", "index": "blue",
     "change": {"actions": ["update"], "before": {"user_data": "old"},
                "after": {"user_data": "hunter2-userdata"},
                "after_sensitive": {"user_data": true}}}
  ],
  "output_changes": {"token": {"actions": ["create"], "after": "hunter2-token", "after_sensitive": true}},
  "configuration": {
    "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
    "root_module": {
      "outputs": {"token": {"sensitive": true, "expression": {"references": ["var.token"]}}},
      "resources": [
        {"address": "aws_lb.front", "mode": "managed", "type": "aws_lb", "name": "front",
         "expressions": {
           "subnets": {"references": ["aws_subnet.public", "aws_subnet.public[0].id"]},
           "access_logs": [{"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}}],
           "security_groups": {"references": ["module.app.sg_id", "var.extra"]}
         },
         "depends_on": ["module.app"]},
        {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
         "expressions": {"bucket": {"references": ["aws_s3_bucket.logs.id", "local.prefix"]}}},
        {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu",
         "expressions": {"owners": {"constant_value": ["099720109477"]}}}
      ],
      "module_calls": {
        "app": {
          "source": "./app",
          "expressions": {"ami": {"references": ["data.aws_ami.ubuntu.id", "data.aws_ami.ubuntu"]}},
          "module": {
            "outputs": {"sg_id": {"expression": {"references": ["aws_security_group.web.id", "aws_security_group.web"]}}},
            "resources": [
              {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
               "expressions": {"ami": {"references": ["var.ami"]},
                               "vpc_security_group_ids": {"references": ["aws_security_group.web.id"]}},
               "for_each_expression": {"references": ["var.colours"]}},
              {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
               "expressions": {}}
            ]
          }
        }
      }
    }
  }
}"#;

#[test]
fn a_plan_gives_its_planned_resources_with_their_actions() {
    let doc = read(PLAN);
    assert_eq!(doc.kind, DocKind::Plan);
    let addresses: Vec<_> = doc.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "aws_lb.front",
            "data.aws_ami.ubuntu",
            "module.app.aws_instance.web[\"blue\"]"
        ]
    );
    assert_eq!(doc.resources[0].actions, ["create"]);
    assert_eq!(doc.resources[1].mode, ResourceMode::Data);
    assert_eq!(doc.resources[2].actions, ["update"]);
    assert_eq!(doc.resources[2].module_address, "module.app");
    assert_eq!(doc.provider_regions.get("aws").map(String::as_str), Some("eu-west-1"));
}

#[test]
fn a_plan_drops_what_after_sensitive_marks_and_keeps_no_outputs() {
    let doc = read(PLAN);
    let everything = format!("{doc:?}");
    assert!(!everything.contains("hunter2-userdata"));
    assert!(!everything.contains("hunter2-token"));
    assert_eq!(doc.resources[2].values["ami"], "ami-1");
}

#[test]
fn a_plan_takes_its_references_from_expressions_blocks_depends_on_and_modules() {
    let doc = read(PLAN);
    assert_eq!(
        doc.references,
        [
            reference("aws_lb.front", "aws_s3_bucket.logs", "access_logs"),
            reference("aws_lb.front", "aws_subnet.public", "subnets"),
            reference("aws_lb.front", "module.app.aws_instance.web", "depends_on"),
            reference("aws_lb.front", "module.app.aws_security_group.web", "depends_on"),
            // `module.app.sg_id` through the module's output
            reference("aws_lb.front", "module.app.aws_security_group.web", "security_groups"),
            // `var.ami` through the call's argument, to a data source
            reference("module.app.aws_instance.web", "data.aws_ami.ubuntu", "ami"),
            reference(
                "module.app.aws_instance.web",
                "module.app.aws_security_group.web",
                "vpc_security_group_ids"
            ),
        ],
        "`depends_on = [module.app]` stands for every resource of the module; no self-reference for the bucket"
    );
}

#[test]
fn a_plan_without_planned_values_uses_its_changes() {
    let doc = read(
        r#"{"format_version": "1.1", "resource_changes": [
            {"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs",
             "change": {"actions": ["create"], "after": {"name": "jobs", "kms": "hunter2"},
                        "after_sensitive": {"kms": true}}},
            {"address": "aws_sqs_queue.old", "mode": "managed", "type": "aws_sqs_queue", "name": "old",
             "change": {"actions": ["delete"], "after": null}}]}"#,
    );
    assert_eq!(doc.resources.len(), 1, "a deleted resource is not planned");
    assert_eq!(doc.resources[0].values["name"], "jobs");
    assert!(!format!("{doc:?}").contains("hunter2"));
}

#[test]
fn instance_keys_and_attributes_are_stripped_from_addresses() {
    assert_eq!(strip_instance_keys("aws_x.y[\"k]\\\"[\"]"), "aws_x.y");
    assert_eq!(strip_instance_keys("module.m[0].aws_x.y[3]"), "module.m.aws_x.y");
    assert_eq!(resource_address_of("aws_x.y.id").as_deref(), Some("aws_x.y"));
    assert_eq!(resource_address_of("aws_x.y[\"k\"]").as_deref(), Some("aws_x.y"));
    assert_eq!(
        resource_address_of("module.m.aws_x.y").as_deref(),
        Some("module.m.aws_x.y")
    );
    assert_eq!(
        resource_address_of("module.m[1].module.n.data.t.n.id").as_deref(),
        Some("module.m.module.n.data.t.n")
    );
    assert_eq!(resource_address_of("var.x"), None);
    assert_eq!(resource_address_of("module.m"), None);
    assert_eq!(resource_address_of("aws_x"), None);
}

#[test]
fn text_that_is_not_json_is_refused_with_its_position() {
    let refused = error("{\n  \"format_version\": \"1.0\",\n  oops\n}");
    assert!(
        matches!(refused, TerraformError::NotJson { line: 3, .. }),
        "{refused:?}"
    );
    let message = refused.to_string();
    assert!(message.starts_with("test.json:3:"), "{message}");
    assert!(message.contains("terraform show -json"), "{message}");
    assert!(matches!(error(""), TerraformError::NotJson { .. }));
}

#[test]
fn json_that_is_not_terraform_output_is_refused() {
    for text in [
        "[1, 2]",
        "{\"resources\": []}",
        "{\"format_version\": 1}",
        "{\"format_version\": \"abc\", \"values\": {}}",
    ] {
        let refused = error(text);
        assert!(
            matches!(refused, TerraformError::NotTerraform { .. }),
            "{text}: {refused:?}"
        );
        assert!(refused.to_string().contains("not Terraform output"), "{refused}");
        assert!(refused.to_string().starts_with("test.json: "), "{refused}");
    }
}

#[test]
fn a_newer_major_format_is_refused_before_its_shape_is_read() {
    let refused = error(r#"{"format_version": "2.0", "values": [1, 2, 3]}"#);
    assert!(matches!(refused, TerraformError::NewerFormat { .. }), "{refused:?}");
    let message = refused.to_string();
    assert!(
        message.contains("newer Terraform") && message.contains("2.0") && message.contains("1.x"),
        "{message}"
    );
}

#[test]
fn a_plan_or_state_without_resources_is_refused() {
    let plan = error(r#"{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": []}"#);
    assert!(
        matches!(plan, TerraformError::NoResources { kind: "plan", .. }),
        "{plan:?}"
    );
    assert!(plan.to_string().contains("the plan has no resources"));
    let empty_state = error(r#"{"format_version": "1.0"}"#);
    assert!(
        matches!(empty_state, TerraformError::NoResources { kind: "state", .. }),
        "{empty_state:?}"
    );
}

#[test]
fn a_wrong_shape_is_refused_with_its_position() {
    let refused = error("{\"format_version\": \"1.0\",\n \"values\": {\"root_module\": {\"resources\": 7}}}");
    assert!(matches!(refused, TerraformError::Shape { line: 2, .. }), "{refused:?}");
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_without_reading_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("huge.json");
    let file = std::fs::File::create(&path).expect("a file");
    // Sparse: the length is what is checked, so nothing is written.
    file.set_len(200 * 1024 * 1024).expect("a length");
    let refused = read_file(&path).expect_err("too large");
    assert!(matches!(refused, TerraformError::TooLarge { .. }), "{refused:?}");
    let message = refused.to_string();
    assert!(
        message.contains("huge.json") && message.contains("200.0 MB") && message.contains("64 MB"),
        "{message}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let refused = read_file(Path::new("/nonexistent/plan.json")).expect_err("missing");
    assert!(
        refused.to_string().starts_with("/nonexistent/plan.json: cannot read"),
        "{refused}"
    );
}
