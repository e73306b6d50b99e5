//! The table of what each Terraform resource type becomes, kept as data in
//! `assets/terraform.ron` (the file's header explains each entry).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{ComponentKind, LayerKind, ZoneKind};

pub const MAPPING_RON: &str = include_str!("../../../assets/terraform.ron");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingTable {
    pub resources: BTreeMap<String, Mapping>,
}

/// What one resource type becomes.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Mapping {
    Component {
        kind: ComponentKind,
        layer: LayerKind,
        technology: String,
        /// An attribute whose value details the technology (the engine).
        #[serde(default)]
        detail: Option<String>,
    },
    Zone(ZoneKind),
    /// A list of subnets that the resources naming it run in.
    SubnetGroup,
    /// Configures the resource named by the first of these attributes that
    /// names one (else the one it refers to); counted into it.
    Fold {
        into: Vec<String>,
    },
    /// Wiring: what refers to it and what it refers to are connected.
    Junction,
    Skip(String),
}

impl MappingTable {
    pub fn parse(text: &str) -> Result<MappingTable, ron::error::SpannedError> {
        ron::from_str(text)
    }

    pub fn get(&self, resource_type: &str) -> Option<&Mapping> {
        self.resources.get(resource_type)
    }
}

static TABLE: LazyLock<MappingTable> = LazyLock::new(|| match MappingTable::parse(MAPPING_RON) {
    Ok(table) => table,
    // The file is part of the binary and a test parses it: a build with a
    // broken table should never have shipped.
    Err(error) => panic!("assets/terraform.ron: {error}"),
});

/// The mapping table, parsed on first use.
pub fn mapping_table() -> &'static MappingTable {
    &TABLE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses() {
        let table = MappingTable::parse(MAPPING_RON).unwrap_or_else(|error| panic!("{error}"));
        assert!(table.resources.len() > 200, "{}", table.resources.len());
    }

    fn component_kind(resource_type: &str) -> Option<ComponentKind> {
        match mapping_table().get(resource_type) {
            Some(Mapping::Component { kind, .. }) => Some(*kind),
            _ => None,
        }
    }

    #[test]
    fn the_types_the_issue_lists_are_components() {
        use ComponentKind::*;
        let expected = [
            ("aws_lb", LoadBalancer),
            ("aws_alb", LoadBalancer),
            ("aws_elb", LoadBalancer),
            ("aws_instance", Service),
            ("aws_autoscaling_group", Service),
            ("aws_ecs_service", Service),
            ("aws_eks_cluster", Service),
            ("aws_eks_node_group", Worker),
            ("aws_lambda_function", Function),
            ("aws_db_instance", Database),
            ("aws_rds_cluster", Database),
            ("aws_elasticache_cluster", Cache),
            ("aws_elasticache_replication_group", Cache),
            ("aws_dynamodb_table", Database),
            ("aws_sqs_queue", Queue),
            ("aws_sns_topic", EventBus),
            ("aws_s3_bucket", ObjectStorage),
            ("aws_cloudfront_distribution", Cdn),
            ("aws_wafv2_web_acl", Waf),
            ("aws_route53_zone", Dns),
            ("aws_nat_gateway", Gateway),
            ("aws_api_gateway_rest_api", Gateway),
            ("aws_apigatewayv2_api", Gateway),
            ("aws_kms_key", SecretStore),
            ("aws_secretsmanager_secret", SecretStore),
            ("aws_cloudwatch_log_group", Monitoring),
            // Google Cloud
            ("google_compute_instance", Service),
            ("google_container_cluster", Service),
            ("google_sql_database_instance", Database),
            ("google_storage_bucket", ObjectStorage),
            ("google_pubsub_topic", EventBus),
            ("google_compute_url_map", LoadBalancer),
            ("google_redis_instance", Cache),
            ("google_cloudfunctions_function", Function),
            // Azure
            ("azurerm_linux_virtual_machine", Service),
            ("azurerm_kubernetes_cluster", Service),
            ("azurerm_mssql_server", Database),
            ("azurerm_postgresql_flexible_server", Database),
            ("azurerm_storage_account", ObjectStorage),
            ("azurerm_servicebus_namespace", Queue),
            ("azurerm_lb", LoadBalancer),
            ("azurerm_redis_cache", Cache),
            ("azurerm_linux_function_app", Function),
        ];
        for (resource_type, kind) in expected {
            assert_eq!(component_kind(resource_type), Some(kind), "{resource_type}");
        }
    }

    #[test]
    fn networks_become_zones_and_configuration_folds() {
        for (resource_type, kind) in [
            ("aws_vpc", ZoneKind::Vpc),
            ("aws_subnet", ZoneKind::Subnet),
            ("google_compute_network", ZoneKind::Vpc),
            ("google_compute_subnetwork", ZoneKind::Subnet),
            ("azurerm_virtual_network", ZoneKind::Vpc),
            ("azurerm_subnet", ZoneKind::Subnet),
        ] {
            assert_eq!(
                mapping_table().get(resource_type),
                Some(&Mapping::Zone(kind)),
                "{resource_type}"
            );
        }
        for resource_type in [
            "aws_security_group_rule",
            "aws_iam_role_policy_attachment",
            "aws_route_table_association",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_lb_listener_rule",
            "aws_lb_target_group_attachment",
        ] {
            assert!(
                matches!(mapping_table().get(resource_type), Some(Mapping::Fold { .. })),
                "{resource_type}"
            );
        }
    }
}
