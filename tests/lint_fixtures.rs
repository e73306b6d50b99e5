//! Each of the connection and replication lints has a fixture that triggers
//! it and one that does not (tests/fixtures/lint/).

use std::path::Path;

fn codes(fixture: &str) -> Vec<&'static str> {
    let path = Path::new("tests/fixtures/lint").join(fixture);
    let project = strata::store::load(&path).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    strata::lint::lint(&project).iter().map(|d| d.code).collect()
}

fn messages(fixture: &str, code: &str) -> Vec<String> {
    let path = Path::new("tests/fixtures/lint").join(fixture);
    let project = strata::store::load(&path).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    strata::lint::lint(&project)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| d.message)
        .collect()
}

#[test]
fn l005_flags_a_component_with_no_dependencies() {
    let found = messages("unconnected-component.ron", "L005");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("\"Uploads bucket\""), "{}", found[0]);
    assert!(!codes("connected-components.ron").contains(&"L005"));
}

#[test]
fn l006_flags_a_queue_written_to_and_never_read() {
    let found = messages("queue-never-read.ron", "L006");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("\"Job queue\" is written to (API)"), "{}", found[0]);
    assert!(!codes("queue-read.ron").contains(&"L006"));
}

#[test]
fn l027_flags_a_replica_in_another_zone_without_replication() {
    let found = messages("replica-without-replication.ron", "L027");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0];
    assert!(message.contains("Primary DB in eu-west-1a"), "{message}");
    assert!(message.contains("Replica DB in eu-west-1b"), "{message}");
    // The replica silences the single-AZ lint: without L027 nothing would
    // say that the two stores are not joined.
    assert!(!codes("replica-without-replication.ron").contains(&"L022"));
    let quiet = codes("replica-with-replication.ron");
    assert!(!quiet.contains(&"L027") && !quiet.contains(&"L022"), "{quiet:?}");
}
