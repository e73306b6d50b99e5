//! What the user has picked: one value shared by the canvas, the inspector,
//! the preview and the app's commands.
//!
//! Exactly one kind of thing is selected at a time, by construction: one or
//! several components, or one arrow, zone, layer or decision.

use std::collections::BTreeSet;

use crate::model::{ComponentId, DecisionId, DependencyId, LayerId, Project, ZoneId};

/// The current selection. `Components` always holds two or more ids (one is
/// [`Selection::Component`]); build it with [`Selection::of_components`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    Component(ComponentId),
    Components(BTreeSet<ComponentId>),
    Dependency(DependencyId),
    /// A zone picked by its label (its fields show in the inspector).
    Zone(ZoneId),
    /// A layer picked by its band label.
    Layer(LayerId),
    Decision(DecisionId),
}

impl Selection {
    pub fn only(id: ComponentId) -> Selection {
        Selection::Component(id)
    }
    pub fn only_zone(id: ZoneId) -> Selection {
        Selection::Zone(id)
    }
    pub fn only_layer(id: LayerId) -> Selection {
        Selection::Layer(id)
    }
    pub fn only_dependency(id: DependencyId) -> Selection {
        Selection::Dependency(id)
    }

    /// The selection of these components (nothing, one, or several).
    pub fn of_components(ids: impl IntoIterator<Item = ComponentId>) -> Selection {
        let mut ids: BTreeSet<ComponentId> = ids.into_iter().collect();
        match ids.len() {
            0 => Selection::Nothing,
            1 => ids.pop_first().map_or(Selection::Nothing, Selection::Component),
            _ => Selection::Components(ids),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Selection::Nothing
    }
    pub fn clear(&mut self) {
        *self = Selection::Nothing;
    }

    /// The selected components, in id order (empty when something else is
    /// selected).
    pub fn components(&self) -> Vec<ComponentId> {
        match self {
            Selection::Component(id) => vec![*id],
            Selection::Components(ids) => ids.iter().copied().collect(),
            _ => Vec::new(),
        }
    }
    pub fn has_components(&self) -> bool {
        matches!(self, Selection::Component(_) | Selection::Components(_))
    }
    pub fn component_count(&self) -> usize {
        match self {
            Selection::Component(_) => 1,
            Selection::Components(ids) => ids.len(),
            _ => 0,
        }
    }
    pub fn contains(&self, id: ComponentId) -> bool {
        match self {
            Selection::Component(one) => *one == id,
            Selection::Components(ids) => ids.contains(&id),
            _ => false,
        }
    }
    /// The single selected component, if exactly one is selected.
    pub fn single(&self) -> Option<ComponentId> {
        match self {
            Selection::Component(id) => Some(*id),
            _ => None,
        }
    }
    pub fn dependency(&self) -> Option<DependencyId> {
        match self {
            Selection::Dependency(id) => Some(*id),
            _ => None,
        }
    }
    pub fn zone(&self) -> Option<ZoneId> {
        match self {
            Selection::Zone(id) => Some(*id),
            _ => None,
        }
    }
    pub fn layer(&self) -> Option<LayerId> {
        match self {
            Selection::Layer(id) => Some(*id),
            _ => None,
        }
    }

    /// Adds `id` to the selected components (anything else selected is
    /// dropped).
    pub fn insert(&mut self, id: ComponentId) {
        let mut ids = self.components();
        ids.push(id);
        *self = Selection::of_components(ids);
    }
    /// Removes `id` from the selected components; false if it was not there.
    pub fn remove(&mut self, id: ComponentId) -> bool {
        if !self.contains(id) {
            return false;
        }
        *self = Selection::of_components(self.components().into_iter().filter(|c| *c != id));
        true
    }
    /// Adds `id` if it was not selected, removes it if it was (Shift+click).
    pub fn toggle(&mut self, id: ComponentId) {
        if !self.remove(id) {
            self.insert(id);
        }
    }

    /// Drops ids that no longer exist (after undo, delete, open).
    pub fn retain_existing(&mut self, project: &Project) {
        let kept = match self {
            Selection::Nothing => return,
            Selection::Component(_) | Selection::Components(_) => {
                let ids = self.components();
                let kept: Vec<ComponentId> = ids
                    .iter()
                    .copied()
                    .filter(|id| project.component(*id).is_some())
                    .collect();
                if kept.len() != ids.len() {
                    *self = Selection::of_components(kept);
                }
                return;
            }
            Selection::Dependency(id) => project.dependency(*id).is_some(),
            Selection::Zone(id) => project.zone(*id).is_some(),
            Selection::Layer(id) => project.layer(*id).is_some(),
            Selection::Decision(id) => project.decision(*id).is_some(),
        };
        if !kept {
            self.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_component_is_a_single_and_several_are_a_set() {
        assert_eq!(Selection::of_components([]), Selection::Nothing);
        assert_eq!(
            Selection::of_components([ComponentId(3)]).single(),
            Some(ComponentId(3))
        );
        let two = Selection::of_components([ComponentId(2), ComponentId(1), ComponentId(2)]);
        assert_eq!(two.single(), None);
        assert_eq!(two.components(), vec![ComponentId(1), ComponentId(2)]);
    }

    #[test]
    fn adding_a_component_drops_an_arrow_or_zone() {
        let mut selection = Selection::only_dependency(DependencyId(1));
        selection.insert(ComponentId(4));
        assert_eq!(selection, Selection::only(ComponentId(4)));
        selection = Selection::only_zone(ZoneId(1));
        selection.toggle(ComponentId(5));
        assert_eq!(selection.components(), vec![ComponentId(5)]);
        assert_eq!(selection.zone(), None);
    }

    #[test]
    fn vanished_things_leave_the_selection() {
        let project = crate::templates::default_project();
        let first = project.components[0].id;
        let mut selection = Selection::of_components([first, ComponentId(999_999)]);
        selection.retain_existing(&project);
        assert_eq!(selection, Selection::only(first));
        let mut gone = Selection::only_zone(ZoneId(999_999));
        gone.retain_existing(&project);
        assert!(gone.is_empty());
    }

    proptest! {
        /// Toggling never breaks the invariant: `Components` holds two or
        /// more ids, and the set is what was toggled an odd number of times.
        #[test]
        fn toggling_keeps_one_form_per_count(ids in proptest::collection::vec(0u32..6, 0..20)) {
            let mut selection = Selection::Nothing;
            let mut expected = BTreeSet::new();
            for id in ids {
                selection.toggle(ComponentId(id));
                if !expected.remove(&ComponentId(id)) {
                    expected.insert(ComponentId(id));
                }
                if let Selection::Components(set) = &selection {
                    prop_assert!(set.len() >= 2);
                }
                prop_assert_eq!(selection.components(), expected.iter().copied().collect::<Vec<_>>());
                prop_assert_eq!(selection.is_empty(), expected.is_empty());
            }
        }
    }
}
