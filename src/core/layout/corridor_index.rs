//! The routes as they stand while corridors are chosen, filed by row, so
//! the crossings a corridor would make are counted from the few routes
//! in the rows it meets rather than from every route of the drawing.
//! Counting against every route made weighing corridors quadratic, so it
//! was kept to small drawings; filed by row it is cheap enough for large
//! ones, where crossings pile up most.

use super::route::Plan;

/// The horizontal runs of one channel: their left and right ends, each
/// sorted, so how many runs pass over an x is two binary searches.
#[derive(Clone, Default)]
struct Runs {
    lefts: Vec<f32>,
    rights: Vec<f32>,
}

impl Runs {
    fn insert(&mut self, a: f32, b: f32) {
        // A run of no length passes over nothing.
        if a != b {
            insert_sorted(&mut self.lefts, a.min(b));
            insert_sorted(&mut self.rights, a.max(b));
        }
    }

    fn remove(&mut self, a: f32, b: f32) {
        if a != b {
            remove_sorted(&mut self.lefts, a.min(b));
            remove_sorted(&mut self.rights, a.max(b));
        }
    }

    /// Runs with `x` strictly inside: every run starting left of `x`, but
    /// those ending at or left of it (which start left of it too).
    fn over(&self, x: f32) -> usize {
        self.lefts.partition_point(|&l| l < x) - self.rights.partition_point(|&r| r <= x)
    }
}

fn insert_sorted(values: &mut Vec<f32>, value: f32) {
    let at = values.partition_point(|&v| v < value);
    values.insert(at, value);
}

fn remove_sorted(values: &mut Vec<f32>, value: f32) {
    let at = values.partition_point(|&v| v < value);
    if values.get(at) == Some(&value) {
        values.remove(at);
    }
}

/// Per row: the runs in the channel under it, the runs in the channel
/// above its boxes, the corridors passing it, and the ends of the edges
/// with a corridor that leave from it and arrive in it.
pub(super) struct CorridorIndex {
    outer: Vec<Runs>,
    inner: Vec<Runs>,
    passing: Vec<Vec<f32>>,
    leaving: Vec<Vec<End>>,
    arriving: Vec<Vec<End>>,
}

/// An edge's end in a row, kept beside the row rather than looked up in
/// the plans: each count reads every end of two rows.
#[derive(Clone, Copy)]
struct End {
    edge: usize,
    owner: usize,
    port: f32,
    corridor: f32,
}

impl CorridorIndex {
    /// The index of `plans` as they stand, in `rows` rows.
    pub(super) fn of(plans: &[Plan], row_of: &[usize], rows: usize) -> CorridorIndex {
        let mut index = CorridorIndex {
            outer: vec![Runs::default(); rows],
            inner: vec![Runs::default(); rows],
            passing: vec![Vec::new(); rows],
            leaving: vec![Vec::new(); rows],
            arriving: vec![Vec::new(); rows],
        };
        for (edge, plan) in plans.iter().enumerate() {
            let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
            match plan.corridor {
                None if top == bottom => index.outer[top].insert(plan.upper_port, plan.lower_port),
                // Not routed yet: it meets nothing.
                None => {}
                Some(x) => index.file(plans, row_of, edge, x),
            }
        }
        index
    }

    /// Moves edge `edge`'s corridor to `x` (from wherever it was).
    pub(super) fn set_corridor(&mut self, plans: &[Plan], row_of: &[usize], edge: usize, x: f32) {
        let plan = &plans[edge];
        if let Some(old) = plan.corridor {
            let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
            self.outer[top].remove(plan.upper_port, old);
            self.inner[bottom].remove(old, plan.lower_port);
            for passing in &mut self.passing[top + 1..bottom] {
                remove_sorted(passing, old);
            }
            self.leaving[top].retain(|end| end.edge != edge);
            self.arriving[bottom].retain(|end| end.edge != edge);
        }
        self.file(plans, row_of, edge, x);
    }

    fn file(&mut self, plans: &[Plan], row_of: &[usize], edge: usize, x: f32) {
        let plan = &plans[edge];
        let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
        self.outer[top].insert(plan.upper_port, x);
        self.inner[bottom].insert(x, plan.lower_port);
        for passing in &mut self.passing[top + 1..bottom] {
            insert_sorted(passing, x);
        }
        self.leaving[top].push(End {
            edge,
            owner: plan.upper,
            port: plan.upper_port,
            corridor: x,
        });
        self.arriving[bottom].push(End {
            edge,
            owner: plan.lower,
            port: plan.lower_port,
            corridor: x,
        });
    }

    /// How many routes edge `edge` would cross through a corridor at `x`,
    /// as the other plans stand (an edge with no corridor yet counts only
    /// when its ends share a row). In the channels a route starts and ends
    /// in, two routes that enter and leave the channel in opposite orders
    /// cross once whatever their tracks, and others need not.
    pub(super) fn crossings(&self, plans: &[Plan], row_of: &[usize], edge: usize, x: f32) -> usize {
        self.crossings_at_each(plans, row_of, edge, [x])[0]
    }

    /// [`CorridorIndex::crossings`] at each of `xs`, reading the ends of
    /// the edge's two rows once for all of them.
    pub(super) fn crossings_at_each<const N: usize>(
        &self,
        plans: &[Plan],
        row_of: &[usize],
        edge: usize,
        xs: [f32; N],
    ) -> [usize; N] {
        let plan = &plans[edge];
        let (top, bottom) = (row_of[plan.upper], row_of[plan.lower]);
        let mut counts = xs.map(|x| {
            // Our corridor across the runs of the rows it passes.
            let passed: usize = (top + 1..bottom)
                .map(|row| self.outer[row].over(x) + self.inner[row].over(x))
                .sum();
            // Corridors passing our two rows across our runs there.
            passed
                + between_count(&self.passing[top], plan.upper_port, x)
                + between_count(&self.passing[bottom], x, plan.lower_port)
        });
        // Ports on one side of a box are spread again in the order of
        // where their routes head.
        for o in &self.leaving[top] {
            if o.edge != edge && o.owner != plan.upper {
                for (count, &x) in counts.iter_mut().zip(&xs) {
                    *count += usize::from(ports_swapped(plan.upper_port, o.port, x, o.corridor));
                }
            }
        }
        for o in &self.arriving[bottom] {
            if o.edge != edge && o.owner != plan.lower {
                for (count, &x) in counts.iter_mut().zip(&xs) {
                    *count += usize::from(ports_swapped(x, o.corridor, plan.lower_port, o.port));
                }
            }
        }
        counts
    }
}

/// Whether two routes that enter a channel at `enter` and `other_enter`
/// and leave it at `leave` and `other_leave` do so in opposite orders,
/// and so cross there whatever their tracks.
pub(super) fn ports_swapped(enter: f32, other_enter: f32, leave: f32, other_leave: f32) -> bool {
    enter != other_enter && leave != other_leave && (enter < other_enter) != (leave < other_leave)
}

/// How many of the sorted `values` lie strictly between `a` and `b`.
fn between_count(values: &[f32], a: f32, b: f32) -> usize {
    let (low, high) = (a.min(b), a.max(b));
    let first = values.partition_point(|&v| v <= low);
    let end = values.partition_point(|&v| v < high);
    end.saturating_sub(first)
}
