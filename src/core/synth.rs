//! Deterministic synthetic projects of any size, for benchmarks and stress
//! tests (`cargo run --release --example synth -- 5000 > big.ron`).

use std::collections::BTreeMap;

use crate::model::*;

/// A small linear congruential generator: reproducible without a `rand`
/// dependency, which is all a benchmark fixture needs.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u32() as usize) % bound.max(1)
    }
}

const KINDS_BY_LAYER: [&[ComponentKind]; 8] = [
    &[ComponentKind::Dns, ComponentKind::Cdn, ComponentKind::Waf],
    &[ComponentKind::Network, ComponentKind::Firewall],
    &[
        ComponentKind::LoadBalancer,
        ComponentKind::Gateway,
        ComponentKind::EventBus,
    ],
    &[ComponentKind::Service, ComponentKind::Worker, ComponentKind::Function],
    &[ComponentKind::Database, ComponentKind::Cache, ComponentKind::Queue],
    &[ComponentKind::ObjectStorage, ComponentKind::BlockStorage],
    &[ComponentKind::Monitoring],
    &[ComponentKind::SecretStore, ComponentKind::Identity],
];

/// A project with `components` components spread over the standard layers,
/// 1.5 dependencies per component (pointing down the layers), zones for two
/// regions with three availability zones each, and one decision per 25
/// components (at least one).
pub fn generate(components: usize) -> Project {
    generate_with(components, components * 3 / 2, (components / 25).max(1))
}

pub fn generate_with(component_count: usize, dependency_count: usize, decision_count: usize) -> Project {
    let mut rng = Lcg::new(component_count as u64);
    let mut project = Project::new_layered(
        &format!("Synthetic platform ({component_count} components)"),
        "2026-01-01",
    );
    project.meta.summary = "Generated for benchmarks and stress tests.".into();

    let availability_zones = add_zones(&mut project);
    let per_layer = add_components(&mut project, &mut rng, component_count, &availability_zones);
    add_dependencies(&mut project, &mut rng, dependency_count, &per_layer);
    add_decisions(&mut project, &mut rng, decision_count);
    add_environments(&mut project);
    project
}

/// Two regions of three availability zones each; returns the zones.
fn add_zones(project: &mut Project) -> Vec<ZoneId> {
    let mut zone_id = 0;
    let mut availability_zones = Vec::new();
    for region in ["eu-west-1", "us-east-1"] {
        zone_id += 1;
        let region_id = ZoneId(zone_id);
        project.zones.push(Zone {
            id: region_id,
            name: region.into(),
            kind: ZoneKind::Region,
            ..Zone::default()
        });
        for letter in ["a", "b", "c"] {
            zone_id += 1;
            availability_zones.push(ZoneId(zone_id));
            project.zones.push(Zone {
                id: ZoneId(zone_id),
                name: format!("{region}{letter}"),
                kind: ZoneKind::AvailabilityZone,
                parent: Some(region_id),
                ..Zone::default()
            });
        }
    }
    availability_zones
}

/// Components spread over the layers as in real estates; returns each
/// layer's components, in order.
fn add_components(
    project: &mut Project,
    rng: &mut Lcg,
    component_count: usize,
    availability_zones: &[ZoneId],
) -> Vec<Vec<ComponentId>> {
    let layer_count = project.layers.len();
    let mut per_layer = vec![Vec::new(); layer_count];
    for index in 0..component_count {
        // Most components are compute and data, as in real estates.
        let layer_index = match rng.below(10) {
            0 => 0,
            1 => 2,
            2..=5 => 3,
            6 | 7 => 4,
            8 => 5,
            _ => [1, 6, 7][rng.below(3)],
        };
        let kinds = KINDS_BY_LAYER[layer_index];
        let kind = kinds[rng.below(kinds.len())];
        let id = ComponentId(index as u32 + 1);
        let column = per_layer[layer_index].len();
        let az = rng.below(availability_zones.len());
        // Every fifth component runs in two AZs of its region (Multi-AZ),
        // and every seventh gives its cost as a range: both are common in
        // real estates and exercise format 2. No extra random draws, so the
        // rest of the project stays as it was.
        let mut zones = vec![availability_zones[az]];
        if index % 5 == 0 {
            zones.push(availability_zones[az / 3 * 3 + (az + 1) % 3]);
        }
        let amount = (rng.below(500) + 10) as f64;
        let current = if index % 7 == 0 {
            CostRange {
                low: amount,
                high: amount * 1.5,
            }
        } else {
            CostRange::exactly(amount)
        };
        per_layer[layer_index].push(id);
        project.components.push(Component {
            id,
            name: format!("{} {}", kind.label(), index + 1),
            kind,
            technology: "Synthetic".into(),
            layer: Some(project.layers[layer_index].id),
            zones,
            responsibilities: Responsibilities {
                manages: vec![format!("resources of component {}", index + 1)],
                provides: vec!["a synthetic capability".into()],
                exposes: Vec::new(),
            },
            lifecycle: Lifecycle {
                provisioner: "Terraform".into(),
                update_strategy: "Rolling".into(),
                destruction: String::new(),
            },
            cost: Cost {
                current: Some(current),
                proposed: None,
                note: String::new(),
            },
            iac_addresses: vec![format!("module.layer_{layer_index}.aws_instance.c{}", index + 1)],
            position: Some(Position {
                x: 40.0 + column as f32 * 200.0,
                y: 30.0,
            }),
            ..Component::default()
        });
    }
    per_layer
}

/// Dependencies pointing down the layers (or sideways in the last one).
fn add_dependencies(project: &mut Project, rng: &mut Lcg, dependency_count: usize, per_layer: &[Vec<ComponentId>]) {
    let layer_count = project.layers.len();
    let component_count = project.components.len();
    let mut dependency_id = 0;
    while project.dependencies.len() < dependency_count && component_count > 1 {
        let from_index = rng.below(component_count);
        let from = project.components[from_index].id;
        let from_layer = project
            .layer_index(project.components[from_index].layer.expect("set above"))
            .unwrap_or(0);
        // Point down the layers, or sideways in the last one.
        let candidates: Vec<usize> = (from_layer + 1..layer_count)
            .filter(|&l| !per_layer[l].is_empty())
            .collect();
        let target_layer = if candidates.is_empty() {
            from_layer
        } else {
            candidates[rng.below(candidates.len().min(2))]
        };
        let targets = &per_layer[target_layer];
        let to = targets[rng.below(targets.len())];
        if to == from {
            continue;
        }
        dependency_id += 1;
        project.dependencies.push(Dependency {
            id: DependencyId(dependency_id),
            from,
            to,
            label: "calls".into(),
            protocol: "HTTPS 443".into(),
            ..Dependency::default()
        });
    }
}

/// Decisions with three options each, every other one accepted.
fn add_decisions(project: &mut Project, rng: &mut Lcg, decision_count: usize) {
    let component_count = project.components.len();
    for index in 0..decision_count {
        let id = DecisionId(index as u32 + 1);
        let options: Vec<DecisionOption> = (1..=3)
            .map(|o| DecisionOption {
                id: OptionId(o),
                name: format!("Option {o}"),
                description: "A synthetic option.".into(),
                pros: vec!["cheaper".into(), "simpler".into()],
                cons: vec!["slower".into()],
                cost_note: String::new(),
            })
            .collect();
        let components: Vec<ComponentId> = if component_count == 0 {
            Vec::new()
        } else {
            let mut picked: Vec<ComponentId> = (0..3)
                .map(|_| project.components[rng.below(component_count)].id)
                .collect();
            picked.sort();
            picked.dedup();
            picked
        };
        let accepted = index % 2 == 0;
        project.decisions.push(Decision {
            id,
            number: index as u32 + 1,
            title: format!("Synthetic decision {}", index + 1),
            status: if accepted {
                DecisionStatus::Accepted
            } else {
                DecisionStatus::Proposed
            },
            date: if accepted { "2026-01-01".into() } else { String::new() },
            context: "Generated.".into(),
            options,
            chosen: accepted.then_some(OptionId(1)),
            rationale: if accepted { "Generated.".into() } else { String::new() },
            components,
            ..Decision::default()
        });
    }
}

/// Three environments and ten settings.
fn add_environments(project: &mut Project) {
    let environments = ["Development", "Staging", "Production"];
    project.environments.environments = environments
        .iter()
        .enumerate()
        .map(|(index, name)| Environment {
            id: EnvironmentId(index as u32 + 1),
            name: (*name).into(),
            ..Environment::default()
        })
        .collect();
    project.environments.settings = (1..=10)
        .map(|row| Setting {
            name: format!("Setting {row}"),
            values: (1..=3)
                .map(|env| (EnvironmentId(env), format!("value {row}.{env}")))
                .collect::<BTreeMap<_, _>>(),
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_the_requested_size_consistently() {
        let project = generate(500);
        assert_eq!(project.components.len(), 500);
        assert_eq!(project.dependencies.len(), 750);
        assert_eq!(project.decisions.len(), 20);
        assert_eq!(crate::check::structural(&project), vec![]);
        assert_eq!(generate(500), project, "the generator is deterministic");
    }
}
