//! The example projects shipped inside the binary, usable as templates for
//! `strata new` and File ▸ New, and the empty layered skeleton.

use std::path::Path;

use crate::model::Project;
use crate::store;

pub struct Template {
    /// What `--template` takes.
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The project file's text; `None` for the empty skeleton.
    source: Option<&'static str>,
    /// Where the example lives in the repository (for messages).
    pub file: &'static str,
}

pub const DEFAULT_TEMPLATE: &str = "e-commerce";

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "e-commerce",
        title: "E-commerce platform on Kubernetes",
        description: "DNS, ALB, EKS with frontend, backend and workers, RDS PostgreSQL Multi-AZ with a read replica, Redis, Prometheus/Grafana; blue-green deployment.",
        source: Some(include_str!("../projects/e-commerce.ron")),
        file: "projects/e-commerce.ron",
    },
    Template {
        name: "three-tier",
        title: "Three-tier web application across two availability zones",
        description: "DNS, CDN, WAF, ALB, app servers and workers per AZ, a database cluster, cache, queue and object storage.",
        source: Some(include_str!("../projects/three-tier.ron")),
        file: "projects/three-tier.ron",
    },
    Template {
        name: "data-platform",
        title: "Regulated health-data platform",
        description: "Event-driven ingestion across trust boundaries, two regions, HIPAA and GDPR compliance, key management and audit.",
        source: Some(include_str!("../projects/data-platform.ron")),
        file: "projects/data-platform.ron",
    },
    Template {
        name: "empty",
        title: "Empty layered project",
        description: "The standard layers (edge, network, integration, compute, data, storage, observability, security) and nothing else.",
        source: None,
        file: "",
    },
];

pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name.eq_ignore_ascii_case(name))
}

pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|t| t.name).collect()
}

impl Template {
    /// A fresh project from this template. Bundled examples are checked by
    /// the test suite, so loading them cannot fail in a released build.
    pub fn instantiate(&self, today: &str) -> Project {
        match self.source {
            Some(text) => store::parse_str(text, Path::new(self.file))
                .unwrap_or_else(|error| panic!("bundled example {} is broken: {error}", self.file)),
            None => Project::new_layered("Untitled architecture", today),
        }
    }
}

/// The project the app opens when given no file.
pub fn default_project() -> Project {
    find(DEFAULT_TEMPLATE)
        .expect("the default template exists")
        .instantiate(&crate::today_iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_example_loads_and_is_structurally_clean() {
        for template in TEMPLATES {
            let project = template.instantiate("2026-01-01");
            assert!(!project.meta.name.is_empty(), "{}", template.name);
            assert_eq!(crate::check::structural(&project), vec![], "{}", template.name);
        }
    }

    #[test]
    fn the_empty_template_has_the_standard_layers() {
        let project = find("empty").unwrap().instantiate("2026-02-03");
        assert_eq!(project.layers.len(), 8);
        assert_eq!(project.meta.last_updated, "2026-02-03");
        assert!(project.components.is_empty());
    }

    #[test]
    fn template_lookup_ignores_case() {
        assert_eq!(find("E-Commerce").map(|t| t.name), Some("e-commerce"));
        assert!(find("nope").is_none());
    }
}
