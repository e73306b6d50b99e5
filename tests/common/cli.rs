//! Helpers shared by the tests that run the real `strata` binary.

use std::process::{Command, Output};

/// Runs the built `strata` binary with `args` and waits for it.
pub fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .output()
        .expect("the strata binary runs")
}

/// A process's output as text, for messages and assertions.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
