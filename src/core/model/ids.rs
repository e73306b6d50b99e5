//! Stable identifiers. Everything that is referenced from elsewhere in a
//! project carries one of these; references never use vector positions, so
//! reordering a list never breaks a link.

use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

define_id!(
    /// Identifies a layer band.
    LayerId, "layer#"
);
define_id!(
    /// Identifies a zone (region, availability zone, VPC, ...).
    ZoneId, "zone#"
);
define_id!(
    /// Identifies a component on the topology.
    ComponentId, "component#"
);
define_id!(
    /// Identifies a dependency arrow between two components.
    DependencyId, "dependency#"
);
define_id!(
    /// Identifies a decision (tradeoff record).
    DecisionId, "decision#"
);
define_id!(
    /// Identifies one option inside a decision.
    OptionId, "option#"
);
define_id!(
    /// Identifies an environment (a column of the settings matrix).
    EnvironmentId, "environment#"
);
