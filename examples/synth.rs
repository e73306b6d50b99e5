//! Prints a synthetic project of N components (default 5000) as a Strata
//! project file: `cargo run --release --example synth -- 5000 > big.ron`.

fn main() {
    let components = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 5000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("usage: synth [COMPONENTS]   (a whole number, default 5000)");
            std::process::exit(2);
        }
    };
    let project = strata::synth::generate_with(components, components * 3 / 2, 200.min(components.max(1)));
    match strata::store::to_ron_string(&project) {
        Ok(text) => print!("{text}"),
        Err(error) => {
            eprintln!("synth: {error}");
            std::process::exit(1);
        }
    }
}
