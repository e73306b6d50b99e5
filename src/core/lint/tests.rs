//! Each lint has a project that triggers it and one that does not: the
//! clean base project below triggers nothing, and each test breaks it in one
//! way.

use super::blast::{self, DomainScope};
use super::*;

fn component(id: u32, name: &str, kind: ComponentKind, layer: u32, zone: Option<u32>) -> Component {
    let outside = kind.is_outside();
    Component {
        id: ComponentId(id),
        name: name.into(),
        kind,
        layer: Some(LayerId(layer)),
        zones: zone.map(ZoneId).into_iter().collect(),
        responsibilities: if outside {
            Responsibilities::default()
        } else {
            Responsibilities {
                manages: vec![format!("{name} resources")],
                provides: vec![format!("{name} capability")],
                exposes: Vec::new(),
            }
        },
        lifecycle: if outside {
            Lifecycle::default()
        } else {
            Lifecycle {
                provisioner: "Terraform".into(),
                update_strategy: "Rolling".into(),
                destruction: String::new(),
            }
        },
        backup: kind.holds_data().then(|| Backup {
            frequency: "Daily".into(),
            retention: "30 days".into(),
            location: "Other region".into(),
        }),
        cost: if outside {
            Cost::default()
        } else {
            Cost {
                current: Some(CostRange::exactly(100.0)),
                ..Cost::default()
            }
        },
        ..Component::default()
    }
}

fn dependency(id: u32, from: u32, to: u32) -> Dependency {
    Dependency {
        id: DependencyId(id),
        from: ComponentId(from),
        to: ComponentId(to),
        ..Dependency::default()
    }
}

fn zone(id: u32, name: &str, kind: ZoneKind, parent: Option<u32>) -> Zone {
    Zone {
        id: ZoneId(id),
        name: name.into(),
        kind,
        parent: parent.map(ZoneId),
        ..Zone::default()
    }
}

fn option(id: u32) -> DecisionOption {
    DecisionOption {
        id: OptionId(id),
        name: format!("Option {id}"),
        ..DecisionOption::default()
    }
}

fn decision(id: u32, status: DecisionStatus) -> Decision {
    Decision {
        id: DecisionId(id),
        number: id,
        title: format!("Decision {id}"),
        status,
        options: vec![option(1), option(2)],
        chosen: Some(OptionId(1)),
        rationale: "Cheaper and simpler.".into(),
        components: vec![ComponentId(4)],
        ..Decision::default()
    }
}

const USERS: u32 = 1;
const DNS: u32 = 2;
const ALB: u32 = 3;
const APP: u32 = 4;
const PRIMARY: u32 = 5;
const STANDBY: u32 = 6;
const BUCKET: u32 = 7;
const AZ_A: u32 = 3;
const AZ_B: u32 = 4;

/// Users → DNS → ALB (integration) → App → primary database (AZ a),
/// replicated to a standby (AZ b); App → bucket. Triggers no lint.
fn clean() -> Project {
    use ComponentKind as K;
    let mut project = Project::new_layered("Clean", "2026-01-01");
    project.zones = vec![
        zone(1, "eu-west-1", ZoneKind::Region, None),
        zone(2, "VPC", ZoneKind::Vpc, Some(1)),
        zone(AZ_A, "eu-west-1a", ZoneKind::AvailabilityZone, Some(2)),
        zone(AZ_B, "eu-west-1b", ZoneKind::AvailabilityZone, Some(2)),
    ];
    project.components = vec![
        component(USERS, "Users", K::User, 1, None),
        Component {
            exposure: Exposure::Public,
            ..component(DNS, "DNS", K::Dns, 1, None)
        },
        component(ALB, "ALB", K::LoadBalancer, 3, Some(2)),
        component(APP, "App", K::Service, 4, Some(2)),
        component(PRIMARY, "Primary DB", K::Database, 5, Some(AZ_A)),
        component(STANDBY, "Standby DB", K::Database, 5, Some(AZ_B)),
        component(BUCKET, "Bucket", K::ObjectStorage, 6, Some(1)),
    ];
    project.dependencies = vec![
        dependency(1, USERS, DNS),
        dependency(2, DNS, ALB),
        dependency(3, ALB, APP),
        dependency(4, APP, PRIMARY),
        Dependency {
            kind: DependencyKind::Replication,
            ..dependency(5, PRIMARY, STANDBY)
        },
        dependency(6, APP, BUCKET),
    ];
    project.decisions = vec![decision(1, DecisionStatus::Accepted)];
    project.assertions = vec![Assertion {
        title: "Survives an AZ failure".into(),
        given: "production".into(),
        when: "AZ a fails".into(),
        then: "the standby takes over".into(),
        components: vec![ComponentId(PRIMARY)],
        ..Assertion::default()
    }];
    project.security.threats = vec![Threat {
        threat: "SQL injection".into(),
        mitigations: vec!["WAF".into()],
        components: vec![ComponentId(APP)],
        ..Threat::default()
    }];
    project.open_questions = vec![OpenQuestion {
        question: "Which region for DR?".into(),
        impact: "Latency and cost of replication".into(),
        ..OpenQuestion::default()
    }];
    project.vocabulary = vec![
        Term {
            term: "VPC".into(),
            category: "Network".into(),
            definition: "An isolated network.".into(),
            details: Vec::new(),
        },
        Term {
            term: "Subnet".into(),
            category: "Network".into(),
            definition: "A part of a VPC.".into(),
            details: Vec::new(),
        },
    ];
    project
}

fn component_mut(project: &mut Project, id: u32) -> &mut Component {
    project
        .components
        .iter_mut()
        .find(|c| c.id == ComponentId(id))
        .expect("test component exists")
}

fn codes(project: &Project) -> Vec<&'static str> {
    lint(project).iter().map(|d| d.code).collect()
}

fn find(project: &Project, code: &str) -> Vec<Diagnostic> {
    lint(project).into_iter().filter(|d| d.code == code).collect()
}

#[test]
fn the_clean_project_has_no_problems() {
    assert_eq!(lint(&clean()), vec![]);
}

#[test]
fn rule_codes_are_unique_and_never_structural() {
    let mut seen = HashSet::new();
    for rule in RULES {
        assert!(rule.code.starts_with('L'), "{}", rule.code);
        assert!(seen.insert(rule.code), "{} twice", rule.code);
        assert!(!rule.meaning.is_empty());
    }
}

#[test]
fn l007_a_name_too_long_for_a_diagram_is_named_by_its_opening_and_its_length() {
    let mut project = clean();
    component_mut(&mut project, APP).name = "a".repeat(LONGEST_NAME);
    assert!(find(&project, "L007").is_empty(), "a name of the longest length passes");
    let long = format!("Orders API {}", "x".repeat(10_000));
    component_mut(&mut project, APP).name = long.clone();
    let found = find(&project, "L007");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: APP });
    let message = &found[0].message;
    assert!(message.contains("Orders API xxx"), "{message}");
    assert!(message.contains("10011 characters"), "{message}");
    assert!(message.contains("description"), "says where the rest goes: {message}");
    assert!(message.len() < 400, "the message does not repeat the whole name");
}

#[test]
fn l001_component_without_responsibilities() {
    let mut project = clean();
    component_mut(&mut project, APP).responsibilities = Responsibilities::default();
    let found = find(&project, "L001");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: APP });
    assert_eq!(found[0].level, Level::Warning);
    // Users have none in the clean project and are not flagged.
}

#[test]
fn l002_component_without_lifecycle() {
    let mut project = clean();
    component_mut(&mut project, APP).lifecycle.update_strategy.clear();
    let found = find(&project, "L002");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("update strategy"), "{}", found[0].message);
    assert!(!found[0].message.contains("provisioner"), "{}", found[0].message);
}

#[test]
fn l003_component_without_layer() {
    let mut project = clean();
    component_mut(&mut project, BUCKET).layer = None;
    assert_eq!(find(&project, "L003")[0].place, Place::Component { id: BUCKET });
    component_mut(&mut project, USERS).layer = None;
    assert_eq!(find(&project, "L003").len(), 1, "users need no layer");
}

#[test]
fn l004_dependency_cycle_inside_one_layer() {
    let mut project = clean();
    project
        .components
        .push(component(8, "Worker", ComponentKind::Worker, 4, Some(2)));
    project.dependencies.push(dependency(7, APP, 8));
    assert!(!codes(&project).contains(&"L004"), "a chain is no cycle");
    project.dependencies.push(dependency(8, 8, APP));
    let found = find(&project, "L004");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("App") && found[0].message.contains("Worker"));
    assert_eq!(found[0].level, Level::Warning);
}

#[test]
fn l004_ignores_cycles_across_layers() {
    let mut project = clean();
    project.dependencies.push(dependency(7, PRIMARY, APP));
    assert!(!codes(&project).contains(&"L004"));
}

#[test]
fn l004_finds_long_cycles_without_recursion() {
    let mut project = clean();
    let first = 100;
    let count = 20_000;
    for index in 0..count {
        project.components.push(component(
            first + index,
            &format!("s{index}"),
            ComponentKind::Service,
            4,
            Some(2),
        ));
        project
            .dependencies
            .push(dependency(first + index, first + index, first + (index + 1) % count));
    }
    let found = find(&project, "L004");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.starts_with("20000 components"), "{}", found[0].message);
}

#[test]
fn l010_and_l011_decision_options() {
    let mut project = clean();
    project.decisions[0].options.truncate(1);
    assert_eq!(codes(&project), vec!["L011"]);
    project.decisions[0].options.clear();
    project.decisions[0].chosen = None;
    let found = codes(&project);
    assert!(found.contains(&"L010"), "{found:?}");
    assert!(!found.contains(&"L011"), "{found:?}");
}

#[test]
fn l012_accepted_without_rationale_or_choice() {
    let mut project = clean();
    project.decisions[0].rationale.clear();
    let found = find(&project, "L012");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].level, Level::Error);
    assert!(found[0].message.contains("rationale"));
    project.decisions[0].chosen = None;
    assert!(find(&project, "L012")[0].message.contains("chosen option"));
    project.decisions[0].status = DecisionStatus::Proposed;
    assert!(find(&project, "L012").is_empty(), "a proposal needs neither yet");
}

#[test]
fn l013_superseded_by_a_decision_not_in_effect() {
    let mut project = clean();
    project.decisions[0].status = DecisionStatus::Superseded { by: DecisionId(2) };
    project.decisions.push(decision(2, DecisionStatus::Accepted));
    assert!(lint(&project).is_empty(), "{:?}", lint(&project));
    project.decisions[1].status = DecisionStatus::Proposed;
    let found = find(&project, "L013");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Decision { id: 1 });
}

#[test]
fn superseded_by_a_missing_decision_is_structural() {
    let mut project = clean();
    project.decisions[0].status = DecisionStatus::Superseded { by: DecisionId(9) };
    assert_eq!(codes(&project), vec!["S004"]);
}

#[test]
fn l014_superseded_chain_loops() {
    let mut project = clean();
    project.decisions[0].status = DecisionStatus::Superseded { by: DecisionId(2) };
    project
        .decisions
        .push(decision(2, DecisionStatus::Superseded { by: DecisionId(1) }));
    let found = find(&project, "L014");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].level, Level::Error);
}

#[test]
fn decision_linked_to_a_removed_component_is_structural() {
    let mut project = clean();
    project.decisions[0].components.push(ComponentId(77));
    assert_eq!(codes(&project), vec!["S004"]);
}

#[test]
fn l020_data_reachable_from_the_public_edge_reports_the_path() {
    let mut project = clean();
    project.dependencies.push(dependency(7, DNS, APP));
    let found = find(&project, "L020");
    assert_eq!(found.len(), 3, "primary, standby and bucket: {found:?}");
    assert!(found[1].message.contains("DNS → App → Primary DB → Standby DB"));
    assert!(
        found[0].message.contains("DNS → App → Primary DB"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].place, Place::Component { id: PRIMARY });
}

#[test]
fn l020_a_security_layer_component_guards_the_path() {
    let mut project = clean();
    project
        .components
        .push(component(8, "Firewall", ComponentKind::Firewall, 8, Some(2)));
    project.dependencies.push(dependency(7, DNS, 8));
    project.dependencies.push(dependency(8, 8, BUCKET));
    assert!(!codes(&project).contains(&"L020"));
    // A firewall in the edge layer is itself public, not a guard.
    component_mut(&mut project, 8).layer = Some(LayerId(1));
    let found = find(&project, "L020");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains(": Firewall → Bucket;"),
        "{}",
        found[0].message
    );
}

#[test]
fn l020_public_app_is_a_source() {
    let mut project = clean();
    component_mut(&mut project, APP).exposure = Exposure::Public;
    let found = find(&project, "L020");
    assert!(found.iter().any(|d| d.message.contains("App → Bucket")), "{found:?}");
}

#[test]
fn l021_public_data_component() {
    let mut project = clean();
    component_mut(&mut project, BUCKET).exposure = Exposure::Internal;
    assert!(lint(&project).is_empty());
    component_mut(&mut project, BUCKET).exposure = Exposure::Public;
    let found = codes(&project);
    assert_eq!(found, vec!["L021"], "reported once, as public, not also as reachable");
    assert_eq!(lint(&project)[0].level, Level::Error);
}

#[test]
fn l022_data_store_in_a_single_availability_zone() {
    let mut project = clean();
    project.components.retain(|c| c.id != ComponentId(STANDBY));
    project.dependencies.retain(|d| d.to != ComponentId(STANDBY));
    let found = find(&project, "L022");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("eu-west-1a"), "{}", found[0].message);
}

#[test]
fn l022_a_replica_in_another_zone_counts_even_in_another_layer() {
    let mut project = clean();
    component_mut(&mut project, STANDBY).layer = Some(LayerId(6));
    assert!(!codes(&project).contains(&"L022"));
    // Without the replication dependency it is single-AZ.
    project.dependencies.retain(|d| d.kind != DependencyKind::Replication);
    assert!(codes(&project).contains(&"L022"));
}

#[test]
fn l022_regional_data_stores_are_not_judged() {
    let mut project = clean();
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(2)];
    component_mut(&mut project, STANDBY).zones = vec![ZoneId(2)];
    assert!(!codes(&project).contains(&"L022"));
}

#[test]
fn l023_and_l024_data_without_backup() {
    let mut project = clean();
    component_mut(&mut project, BUCKET).backup = None;
    let found = find(&project, "L023");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: BUCKET });
    let mut cache = component(8, "Cache", ComponentKind::Cache, 5, Some(2));
    cache.backup = None;
    project.components.push(cache);
    project.dependencies.push(dependency(7, APP, 8));
    let found = find(&project, "L024");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].level, Level::Info);
}

#[test]
fn l025_component_without_cost_when_others_have_one() {
    let mut project = clean();
    component_mut(&mut project, APP).cost = Cost::default();
    let found = find(&project, "L025");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: APP });
    for component in &mut project.components {
        component.cost = Cost::default();
    }
    assert!(find(&project, "L025").is_empty(), "nobody has a cost yet");
}

#[test]
fn l026_layer_in_a_single_availability_zone() {
    let mut project = clean();
    component_mut(&mut project, APP).zones = vec![ZoneId(AZ_A)];
    let found = find(&project, "L026");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Layer { id: 4 });
    assert!(found[0].message.contains("eu-west-1a") && found[0].message.contains("App"));
}

#[test]
fn l030_to_l034_topology_requirements() {
    let project = clean();
    let mut empty = project.clone();
    empty.components.clear();
    empty.dependencies.clear();
    empty.decisions[0].components.clear();
    empty.assertions.clear();
    empty.security.threats.clear();
    assert_eq!(codes(&empty), vec!["L030", "L031", "L032", "L033", "L034"]);
    for (code, id) in [("L030", DNS), ("L031", ALB), ("L032", APP), ("L034", BUCKET)] {
        let mut missing = project.clone();
        missing.components.retain(|c| c.id != ComponentId(id));
        missing.dependencies.clear();
        missing.decisions.clear();
        missing.assertions.clear();
        missing.security.threats.clear();
        assert!(codes(&missing).contains(&code), "{code}: {:?}", codes(&missing));
        assert_eq!(
            codes(&missing).iter().filter(|c| c.starts_with("L03")).count(),
            1,
            "{code}"
        );
    }
}

#[test]
fn l035_compute_without_availability_zones() {
    let mut project = clean();
    for zone in &mut project.zones {
        if zone.kind == ZoneKind::AvailabilityZone {
            zone.kind = ZoneKind::Subnet;
        }
    }
    let found = find(&project, "L035");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].level, Level::Info);
}

#[test]
fn l040_to_l043_sections() {
    let mut project = clean();
    project.assertions[0].components.clear();
    project.security.threats[0].components.clear();
    project.open_questions[0].impact = "  ".into();
    project.vocabulary.push(Term {
        term: " vpc ".into(),
        ..Term::default()
    });
    let found = lint(&project);
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["L040", "L041", "L042", "L043"]);
    assert_eq!(
        found[3].place,
        Place::Section {
            section: "vocabulary".into(),
            item: Some(3)
        }
    );
    assert!(found[3].message.contains("#1 and #3"), "{}", found[3].message);
}

#[test]
fn structural_problems_come_first_with_errors() {
    let mut project = clean();
    project.dependencies.push(dependency(9, APP, 99));
    component_mut(&mut project, APP).responsibilities = Responsibilities::default();
    project.decisions[0].rationale.clear();
    let found = lint(&project);
    let levels: Vec<Level> = found.iter().map(|d| d.level).collect();
    let mut sorted = levels.clone();
    sorted.sort();
    assert_eq!(levels, sorted);
    assert_eq!(found[0].code, "S004");
    assert!(found.iter().any(|d| d.code == "L012"));
    assert!(found.iter().any(|d| d.code == "L001"));
}

#[test]
fn every_emitted_lint_code_is_documented() {
    let project = crate::synth::generate_with(400, 900, 20);
    let mut broken = project.clone();
    broken.decisions[1].rationale.clear();
    broken.decisions[1].status = DecisionStatus::Accepted;
    for diagnostic in lint(&broken) {
        if diagnostic.code.starts_with('L') {
            let rule = rule_for(diagnostic.code).expect("documented");
            assert_eq!(rule.level, diagnostic.level);
        }
    }
}

#[test]
fn blast_radius_follows_dependencies_both_ways() {
    let project = clean();
    let radius = blast::blast_radius(&project, ComponentId(APP));
    assert_eq!(radius.direct_dependents, vec![ComponentId(ALB)]);
    assert_eq!(
        radius.dependents,
        vec![ComponentId(ALB), ComponentId(DNS), ComponentId(USERS)]
    );
    assert_eq!(
        radius.direct_dependencies,
        vec![ComponentId(PRIMARY), ComponentId(BUCKET)]
    );
    assert_eq!(
        radius.dependencies,
        vec![ComponentId(PRIMARY), ComponentId(BUCKET), ComponentId(STANDBY)]
    );
    assert_eq!(radius.availability_zones, vec![]);
    let standby = blast::blast_radius(&project, ComponentId(STANDBY));
    assert_eq!(standby.dependents.len(), 5);
    assert!(standby.dependencies.is_empty());
    assert_eq!(standby.availability_zones, vec![ZoneId(AZ_B)]);
}

#[test]
fn l022_a_multi_az_data_store_is_not_single_az() {
    let mut project = clean();
    project.components.retain(|c| c.id != ComponentId(STANDBY));
    project.dependencies.retain(|d| d.to != ComponentId(STANDBY));
    assert_eq!(find(&project, "L022").len(), 1);
    // The primary with its Multi-AZ standby: listed in both AZs.
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(AZ_A), ZoneId(AZ_B)];
    assert!(find(&project, "L022").is_empty());
    // Two zones that are not AZs of their own (subnets of one AZ) do not count.
    project.zones.push(Zone {
        id: ZoneId(40),
        name: "private-a".into(),
        kind: ZoneKind::Subnet,
        parent: Some(ZoneId(AZ_A)),
        ..Zone::default()
    });
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(AZ_A), ZoneId(40)];
    assert_eq!(find(&project, "L022").len(), 1);
}

#[test]
fn losing_one_az_takes_only_the_part_of_a_multi_az_component_there() {
    let mut project = clean();
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(AZ_A), ZoneId(AZ_B)];
    let radius = blast::blast_radius(&project, ComponentId(PRIMARY));
    assert_eq!(radius.availability_zones, vec![ZoneId(AZ_A), ZoneId(AZ_B)]);
    let loss = blast::zone_loss(&project, ZoneId(AZ_A));
    assert!(loss.degraded.contains(&ComponentId(PRIMARY)), "{loss:?}");
    assert!(!loss.failed.contains(&ComponentId(PRIMARY)), "{loss:?}");
    let loss = blast::zone_loss(&project, ZoneId(AZ_B));
    assert!(loss.failed.contains(&ComponentId(STANDBY)), "{loss:?}");
    assert!(loss.degraded.contains(&ComponentId(PRIMARY)), "{loss:?}");
}

#[test]
fn a_multi_az_component_is_no_single_failure_domain() {
    let mut project = clean();
    project.components.retain(|c| c.id != ComponentId(STANDBY));
    assert_eq!(blast::single_failure_domains(&project).len(), 2);
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(AZ_A), ZoneId(AZ_B)];
    assert_eq!(blast::single_failure_domains(&project), vec![]);
    let markdown = blast::blast_radius_markdown(&project);
    assert!(markdown.contains("eu-west-1a, eu-west-1b"), "{markdown}");
}

#[test]
fn blast_radius_of_a_missing_component_is_empty_and_cycles_terminate() {
    let mut project = clean();
    assert_eq!(blast::blast_radius(&project, ComponentId(42)).dependents, vec![]);
    project.dependencies.push(dependency(7, PRIMARY, APP));
    let radius = blast::blast_radius(&project, ComponentId(APP));
    assert!(!radius.dependents.contains(&ComponentId(APP)));
    assert!(radius.dependents.contains(&ComponentId(PRIMARY)));
    let counts = blast::BlastIndex::new(&project).dependent_counts();
    assert_eq!(counts.len(), project.components.len());
}

#[test]
fn single_failure_domains_by_data_kind_and_layer() {
    let mut project = clean();
    assert_eq!(blast::single_failure_domains(&project), vec![]);
    project.components.retain(|c| c.id != ComponentId(STANDBY));
    let domains = blast::single_failure_domains(&project);
    assert_eq!(domains.len(), 2, "{domains:?}");
    assert_eq!(
        domains[0].scope,
        DomainScope::DataKind {
            component_kind: ComponentKind::Database
        }
    );
    assert_eq!(domains[0].zone, ZoneId(AZ_A));
    assert_eq!(domains[1].scope, DomainScope::Layer { layer: LayerId(5) });
    assert_eq!(domains[1].components, vec![ComponentId(PRIMARY)]);
}

#[test]
fn blast_radius_markdown_lists_critical_components_and_domains() {
    let mut project = clean();
    let text = blast::blast_radius_markdown(&project);
    assert!(text.starts_with("## Blast radius and failure domains\n"), "{text}");
    assert!(
        text.contains("| Primary DB | Database | Data | eu-west-1a | App | 4 | 1 |"),
        "{text}"
    );
    assert!(text.contains("| ALB | Load balancer |"), "{text}");
    assert!(text.contains("No availability zone holds every component"), "{text}");
    project.components.retain(|c| c.id != ComponentId(STANDBY));
    component_mut(&mut project, PRIMARY).name = "Primary | main".into();
    let text = blast::blast_radius_markdown(&project);
    assert!(text.contains("| Primary \\| main |"), "{text}");
    assert!(
        text.contains("- Availability zone \"eu-west-1a\" holds every database component"),
        "{text}"
    );
}

#[test]
fn the_examples_have_no_error() {
    for template in crate::templates::TEMPLATES {
        let project = template.instantiate("2026-01-01");
        let errors: Vec<Diagnostic> = lint(&project).into_iter().filter(|d| d.level == Level::Error).collect();
        assert_eq!(errors, vec![], "{}", template.name);
    }
}

#[test]
fn l044_template_questions_are_not_answers() {
    let mut project = clean();
    {
        let db = component_mut(&mut project, PRIMARY);
        db.backup.get_or_insert_with(Backup::default).frequency = "Frequency? (e.g. daily)".into();
        db.lifecycle.update_strategy = "How is it updated? (e.g. rolling)".into();
    }
    let found = find(&project, "L044");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: PRIMARY });
    assert!(
        found[0].message.contains("Backup frequency") && found[0].message.contains("Update strategy"),
        "{}",
        found[0].message
    );
    // The question does not count as a stated update strategy either.
    assert!(
        find(&project, "L002")
            .iter()
            .any(|d| d.message.contains("update strategy"))
    );

    // Responsibilities that are only questions are no responsibilities.
    let app = component_mut(&mut project, APP);
    app.responsibilities = Responsibilities {
        manages: vec!["Which data? (e.g. orders, customers)".into()],
        ..Responsibilities::default()
    };
    assert_eq!(find(&project, "L001").len(), 1);
    assert_eq!(find(&project, "L044").len(), 2);
}

#[test]
fn l044_stays_quiet_on_answers_that_merely_end_in_a_question_mark_elsewhere() {
    // Only the fields templates fill are checked; a decision title or an
    // open question ends in "?" by nature.
    let mut project = clean();
    project.open_questions[0].question = "Which region first?".into();
    assert!(find(&project, "L044").is_empty());
}

#[test]
fn l005_component_with_no_dependencies() {
    let mut project = clean();
    project.dependencies.retain(|d| d.to != ComponentId(BUCKET));
    let found = find(&project, "L005");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Component { id: BUCKET });
    // Users and external systems are outside: they are not judged.
    project
        .components
        .push(component(9, "Partner", ComponentKind::ExternalSystem, 1, None));
    assert_eq!(find(&project, "L005").len(), 1);
}

#[test]
fn l005_stays_quiet_on_a_lone_component() {
    let mut project = clean();
    project.components.retain(|c| c.id == ComponentId(APP));
    project.dependencies.clear();
    assert!(find(&project, "L005").is_empty());
}

fn with_queue(reader: Option<(ComponentKind, &str)>) -> Project {
    let mut project = clean();
    project
        .components
        .push(component(20, "Jobs", ComponentKind::Queue, 5, Some(2)));
    project.dependencies.push(Dependency {
        label: "enqueues jobs".into(),
        ..dependency(20, APP, 20)
    });
    if let Some((kind, label)) = reader {
        project.components.push(component(21, "Consumer", kind, 4, Some(2)));
        project.dependencies.push(Dependency {
            label: label.into(),
            ..dependency(21, 21, 20)
        });
    }
    project
}

#[test]
fn l006_queue_written_to_and_never_read() {
    let found = find(&with_queue(None), "L006");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("written to (App)"), "{}", found[0].message);
    // A service whose label says it polls reads the queue.
    assert!(find(&with_queue(Some((ComponentKind::Service, "Long-polls jobs"))), "L006").is_empty());
    // An unlabelled worker is taken for the consumer.
    assert!(find(&with_queue(Some((ComponentKind::Worker, ""))), "L006").is_empty());
    // A second producer is not a reader, even a worker that says it publishes.
    assert_eq!(
        find(&with_queue(Some((ComponentKind::Service, "sends jobs"))), "L006").len(),
        1
    );
    assert_eq!(
        find(&with_queue(Some((ComponentKind::Worker, "publishes results"))), "L006").len(),
        1
    );
    // The first verb decides: this worker writes, whatever comes later.
    assert_eq!(
        find(
            &with_queue(Some((ComponentKind::Worker, "enqueues jobs to be processed"))),
            "L006"
        )
        .len(),
        1
    );
    // Words that merely contain a verb do not count ("thread" is no "read").
    assert_eq!(
        find(
            &with_queue(Some((ComponentKind::Service, "one thread per job"))),
            "L006"
        )
        .len(),
        1
    );
}

#[test]
fn l006_an_event_bus_that_delivers_to_a_subscriber_is_read() {
    let mut project = with_queue(None);
    component_mut(&mut project, 20).kind = ComponentKind::EventBus;
    assert_eq!(find(&project, "L006").len(), 1);
    project.dependencies.push(dependency(22, 20, BUCKET));
    assert!(find(&project, "L006").is_empty());
}

#[test]
fn l027_replica_in_another_zone_without_replication() {
    let mut project = clean();
    project.dependencies.retain(|d| d.kind != DependencyKind::Replication);
    project.dependencies.push(dependency(30, APP, STANDBY));
    let found = find(&project, "L027");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].place, Place::Component { id: PRIMARY });
    assert!(
        found[0].message.contains("Standby DB in eu-west-1b"),
        "{}",
        found[0].message
    );
    // The standby alone keeps L022 quiet: L027 is what reports the gap.
    assert!(find(&project, "L022").is_empty());
}

#[test]
fn l027_a_store_listed_in_several_zones_is_multi_az_in_itself() {
    let mut project = clean();
    project.dependencies.retain(|d| d.kind != DependencyKind::Replication);
    project.dependencies.push(dependency(30, APP, STANDBY));
    assert_eq!(find(&project, "L027").len(), 1);
    // A managed Multi-AZ primary (both AZs in its zones) next to the
    // standby: only the standby, alone in its AZ, is unreplicated.
    component_mut(&mut project, PRIMARY).zones = vec![ZoneId(AZ_A), ZoneId(AZ_B)];
    let found = find(&project, "L027");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].place, Place::Component { id: STANDBY });
    assert!(!found[0].message.contains("Primary DB"), "{}", found[0].message);
}

#[test]
fn suppressed_rules_are_left_out_but_structural_problems_never_are() {
    let mut project = clean();
    project.dependencies.retain(|d| d.to != ComponentId(BUCKET));
    project.dependencies.push(dependency(40, APP, 99));
    project.lint_suppressions = vec![
        LintSuppression {
            code: "L005".into(),
            reason: "filled by hand".into(),
        },
        LintSuppression {
            code: "S004".into(),
            reason: "cannot hide this".into(),
        },
    ];
    let all: Vec<&str> = lint_all(&project).iter().map(|d| d.code).collect();
    assert!(all.contains(&"L005"), "{all:?}");
    let shown = codes(&project);
    assert!(!shown.contains(&"L005"), "{shown:?}");
    assert!(shown.contains(&"S004"), "{shown:?}");
}
