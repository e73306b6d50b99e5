//! Kills `strata fmt` at random moments while it rewrites a large project:
//! the file must always be either the old bytes or the new bytes, never a
//! torn mixture.

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn a_kill_during_save_leaves_the_old_or_the_new_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("big.ron");
    let project = strata::synth::generate(3000);
    let canonical = strata::store::to_ron_string(&project).unwrap();
    // Same project, different bytes: two-space indentation.
    let original: String = canonical
        .lines()
        .map(|line| {
            let depth = line.len() - line.trim_start().len();
            format!("{}{}\n", " ".repeat(depth / 2), line.trim_start())
        })
        .collect();
    assert_ne!(original, canonical);
    let run_fmt = || {
        Command::new(env!("CARGO_BIN_EXE_strata"))
            .arg("fmt")
            .arg(&path)
            .spawn()
            .unwrap()
    };

    // How long one uninterrupted save takes on this machine.
    std::fs::write(&path, &original).unwrap();
    let started = Instant::now();
    assert!(run_fmt().wait().unwrap().success());
    let full_run = started.elapsed();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), canonical);

    let mut rng = strata::synth::Lcg::new(7);
    let (mut saw_old, mut saw_new) = (0, 0);
    for _ in 0..25 {
        std::fs::write(&path, &original).unwrap();
        let mut child = run_fmt();
        // Parsing comes first and writing last: aim most kills at the end,
        // where the file is being written and renamed.
        let span = full_run.as_micros() as u64;
        let delay_micros = span / 2 + rng.below(span as usize * 3 / 5 + 1) as u64;
        std::thread::sleep(Duration::from_micros(delay_micros));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap();
        if now == original {
            saw_old += 1;
        } else {
            assert_eq!(now, canonical, "the file is torn after a kill at {delay_micros} µs");
            saw_new += 1;
        }
        assert_eq!(strata::store::load(&path).unwrap(), project);
    }
    eprintln!("one save took {full_run:?}; after 25 kills: {saw_old} old, {saw_new} new");
    assert_eq!(saw_old + saw_new, 25);
    assert!(saw_old > 0, "some kills must land before the rename");
}
