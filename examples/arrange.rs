//! Auto-arranges a project file in place, as the window's Auto-arrange
//! does, and saves it through the store (so the file keeps its canonical
//! style and a `.bak`): `cargo run --release --example arrange -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: arrange FILE");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&path);
    let mut project = match strata::store::load(path) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let before = strata::layout::count_piece_crossings(&strata::layout::Geometry::of(&project));
    let started = std::time::Instant::now();
    let edit = strata::layout::arrange_edit(&project);
    let took = started.elapsed();
    if let Err(error) = edit.apply(&mut project) {
        eprintln!("arrange: {error}");
        std::process::exit(1);
    }
    let after = strata::layout::count_piece_crossings(&strata::layout::Geometry::of(&project));
    eprintln!("crossings {before} -> {after} (arranged in {took:.2?})");
    if let Err(error) = strata::store::save(path, &project) {
        eprintln!("arrange: {error}");
        std::process::exit(1);
    }
}
