//! The Markdown files of the spec folder, in reading order: one list read
//! by the exporter, the README's contents, the documents view (which file a
//! page becomes) and the live preview. A new file is one new entry here and
//! one new module in `files/`.

use super::files::{self, Lookup};

/// The pages of the documents view: the parts of the spec the architect
/// writes by hand. Each becomes (part of) one spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, strum::IntoStaticStr, strum::VariantArray)]
pub enum DocSection {
    /// Meta, context and SLOs.
    #[default]
    Overview,
    Environments,
    Assertions,
    Constraints,
    Vocabulary,
    Security,
    Observability,
    #[strum(serialize = "Disaster recovery")]
    DisasterRecovery,
    Cost,
    Deployment,
    Risks,
    Approval,
    #[strum(serialize = "Open questions")]
    OpenQuestions,
    Changelog,
    Decisions,
}

impl DocSection {
    pub fn label(self) -> &'static str {
        self.into()
    }

    /// The exported file this page becomes.
    pub fn file(self) -> &'static str {
        SPEC_FILES
            .iter()
            .find(|file| file.sections.contains(&self))
            .map_or(README, |file| file.path)
    }
}

/// One Markdown file of the spec folder.
pub struct SpecFile {
    /// Its path in the folder.
    pub path: &'static str,
    /// One line on what it holds, for the README's contents.
    pub description: &'static str,
    /// The documents-view pages whose text it shows (none for the files
    /// made from the topology).
    pub sections: &'static [DocSection],
    /// Its text, made from the project.
    pub render: fn(&Lookup) -> String,
}

/// The README's path: the file that lists the others.
pub const README: &str = "README.md";

/// Every Markdown file but the decision records, in reading order.
pub const SPEC_FILES: &[SpecFile] = &[
    SpecFile {
        path: README,
        description: "What the project is, its contents, key decisions and open problems.",
        sections: &[],
        render: files::readme::readme,
    },
    SpecFile {
        path: "overview.md",
        description: "System context: use case, traffic, data, latency, scale, compliance, budget, regions, SLOs, and the deployment topology.",
        sections: &[DocSection::Overview],
        render: files::overview::overview,
    },
    SpecFile {
        path: "architecture.md",
        description: "The layer view: each layer's components, isolation, security, scaling and dependencies; zones; blast radius.",
        sections: &[],
        render: files::architecture::architecture,
    },
    SpecFile {
        path: "responsibilities.md",
        description: "Per component: what it manages, provides and exposes, what it depends on, and its lifecycle.",
        sections: &[],
        render: files::responsibilities::responsibilities,
    },
    SpecFile {
        path: "tradeoffs.md",
        description: "Every decision with its options, pros and cons, outcome and rationale (one MADR file each under decisions/).",
        sections: &[DocSection::Decisions],
        render: files::tradeoffs::tradeoffs,
    },
    SpecFile {
        path: "security.md",
        description: "Threats and mitigations, compliance, exposure and encryption of each component, secrets, checklist.",
        sections: &[DocSection::Security],
        render: files::security::security,
    },
    SpecFile {
        path: "observability.md",
        description: "Metrics, logs, traces, alerts, dashboards and SLA targets.",
        sections: &[DocSection::Observability],
        render: files::observability::observability,
    },
    SpecFile {
        path: "disaster-recovery.md",
        description: "Backups per component, recovery targets (RTO/RPO) and the failover procedure.",
        sections: &[DocSection::DisasterRecovery],
        render: files::disaster_recovery::disaster_recovery,
    },
    SpecFile {
        path: "cost-management.md",
        description: "Monthly cost by component and by layer, current against proposed, and optimisation strategies.",
        sections: &[DocSection::Cost],
        render: files::cost_management::cost_management,
    },
    SpecFile {
        path: "assertions.md",
        description: "Testable statements about the infrastructure's behaviour (given / when / then).",
        sections: &[DocSection::Assertions],
        render: files::assertions::assertions,
    },
    SpecFile {
        path: "vocabulary.md",
        description: "The terms this spec uses, by category.",
        sections: &[DocSection::Vocabulary],
        render: files::vocabulary::vocabulary,
    },
    SpecFile {
        path: "environments.md",
        description: "Environments and the settings matrix.",
        sections: &[DocSection::Environments],
        render: files::environments::environments,
    },
    SpecFile {
        path: "constraints.md",
        description: "Rules the implementation must follow, by category.",
        sections: &[DocSection::Constraints],
        render: files::constraints::constraints,
    },
    SpecFile {
        path: "deployment.md",
        description: "Scaling strategy, CI/CD pipeline, deployment strategy per environment, checklist, rollback and testing plans.",
        sections: &[DocSection::Deployment],
        render: files::deployment::deployment,
    },
    SpecFile {
        path: "risks.md",
        description: "Risk assessment, questions for approval and the approval status.",
        sections: &[DocSection::Risks, DocSection::Approval],
        render: files::risks::risks,
    },
    SpecFile {
        path: "clarifications.md",
        description: "Open questions with their impact and status.",
        sections: &[DocSection::OpenQuestions],
        render: files::clarifications::clarifications,
    },
    SpecFile {
        path: "changelog.md",
        description: "Versions of this spec and what changed.",
        sections: &[DocSection::Changelog],
        render: files::changelog::changelog,
    },
];

/// The spec file at `path`, if it is one of the list.
pub fn spec_file(path: &str) -> Option<&'static SpecFile> {
    SPEC_FILES.iter().find(|file| file.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VariantArray;

    #[test]
    fn every_page_becomes_one_listed_file_and_paths_are_unique() {
        for &section in DocSection::VARIANTS {
            let owners = SPEC_FILES.iter().filter(|f| f.sections.contains(&section)).count();
            assert_eq!(owners, 1, "{section:?} is shown by {owners} files");
            assert!(spec_file(section.file()).is_some(), "{section:?}");
        }
        for (index, file) in SPEC_FILES.iter().enumerate() {
            assert!(file.path.ends_with(".md") && !file.description.is_empty());
            assert!(
                SPEC_FILES[..index].iter().all(|other| other.path != file.path),
                "{}",
                file.path
            );
        }
        assert_eq!(DocSection::Approval.file(), "risks.md");
        assert_eq!(DocSection::Decisions.file(), "tradeoffs.md");
    }
}
