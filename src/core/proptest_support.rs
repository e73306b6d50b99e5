//! One configuration for every property test in the crate.

use proptest::test_runner::{Config, FileFailurePersistence};

/// `cases` random cases, with the seeds of past failures kept beside the
/// test's source file (`tests.proptest-regressions` next to `tests.rs`)
/// rather than in a folder at the top of the repository.
pub fn cases(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    }
}
