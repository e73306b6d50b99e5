//! `cost-management.md`: monthly cost by component, by layer and in total.

use super::*;

pub fn cost_management(l: &Lookup) -> String {
    let p = l.project;
    let currency = if p.cost.currency.trim().is_empty() {
        "USD".to_owned()
    } else {
        inline(&p.cost.currency)
    };
    let mut out = Markdown::new();
    out.header(p, "Cost management");
    write!(
        out,
        "Monthly costs in {currency}. A dash means no figure was recorded; totals count it as zero, and a component with no current cost is treated as new."
    );
    let has_ranges = p
        .components
        .iter()
        .flat_map(|c| [c.cost.current, c.cost.proposed])
        .chain(p.cost.other.iter().flat_map(|line| [line.current, line.proposed]))
        .any(|range| range.is_some_and(|r| !r.is_single()));
    if has_ranges {
        out.push_str(
            " An estimate given as a range reads low–high; totals add the lows and the highs, and a difference range runs from the lowest to the highest difference the two ranges allow.",
        );
    }
    out.push_str("\n\n");
    let costed: Vec<&Component> = p.components.iter().filter(|c| c.cost.is_stated()).collect();
    let components_total = cost_by_component(&mut out, l, &costed);
    cost_by_layer(&mut out, l, &costed);

    out.push_str("## Other costs\n\n");
    let mut other = (CentsRange::default(), CentsRange::default());
    if p.cost.other.is_empty() {
        out.push_str("No other costs recorded.\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = p
            .cost
            .other
            .iter()
            .map(|line| {
                let (current, proposed) = (CentsRange::of(line.current), CentsRange::of(line.proposed));
                other.0 += current;
                other.1 += proposed;
                vec![
                    Cell::text(&line.item),
                    Cell::figure(optional_money_range(line.current)),
                    Cell::figure(optional_money_range(line.proposed)),
                    Cell::figure(signed_money_range(CentsRange::difference(proposed, current))),
                    Cell::text(&line.note),
                ]
            })
            .collect();
        out.table(&["Item", "Current", "Proposed", "Difference", "Note"], &rows);
    }

    out.push_str("## Totals\n\n");
    let total_row = |label: Cell, (current, proposed): (CentsRange, CentsRange), bold: bool| {
        let cells = [
            money_range(current),
            money_range(proposed),
            signed_money_range(CentsRange::difference(proposed, current)),
        ];
        let mut row = vec![label];
        row.extend(
            cells
                .into_iter()
                .map(|c| Cell::figure(if bold { format!("**{c}**") } else { c })),
        );
        row
    };
    let grand = (components_total.0 + other.0, components_total.1 + other.1);
    out.table(
        &["", "Current", "Proposed", "Difference"],
        &[
            total_row(Cell::fixed("Components"), components_total, false),
            total_row(Cell::fixed("Other"), other, false),
            total_row(Cell::fixed("**Total per month**"), grand, true),
        ],
    );
    if !p.context.budget.trim().is_empty() {
        writeln!(out, "Budget: {}\n", inline(&p.context.budget));
    }
    out.push_str("## Optimisation strategies\n\n");
    out.bullets(&p.cost.optimisations, "No optimisation strategies recorded yet.");
    out.into_string()
}

/// The "By component" table; returns the (current, proposed) totals.
fn cost_by_component(out: &mut Markdown, l: &Lookup, costed: &[&Component]) -> (CentsRange, CentsRange) {
    out.push_str("## By component\n\n");
    let (mut total_current, mut total_proposed) = (CentsRange::default(), CentsRange::default());
    if costed.is_empty() {
        out.push_str("No component costs recorded yet.\n\n");
    } else {
        let mut rows = Vec::new();
        for c in costed {
            let (current, proposed) = (CentsRange::of(c.cost.current), CentsRange::of(c.cost.proposed));
            total_current += current;
            total_proposed += proposed;
            rows.push(vec![
                Cell::text(&c.name),
                Cell::text(&l.layer_name(c.layer)),
                Cell::figure(optional_money_range(c.cost.current)),
                Cell::figure(optional_money_range(c.cost.proposed)),
                Cell::figure(signed_money_range(CentsRange::difference(proposed, current))),
                Cell::text(&c.cost.note),
            ]);
        }
        rows.push(vec![
            Cell::fixed("**Components total**"),
            Cell::fixed(""),
            Cell::figure(format!("**{}**", money_range(total_current))),
            Cell::figure(format!("**{}**", money_range(total_proposed))),
            Cell::figure(format!(
                "**{}**",
                signed_money_range(CentsRange::difference(total_proposed, total_current))
            )),
            Cell::fixed(""),
        ]);
        out.table(
            &["Component", "Layer", "Current", "Proposed", "Difference", "Note"],
            &rows,
        );
    }
    let uncosted: Vec<ComponentId> = l
        .project
        .components
        .iter()
        .filter(|c| !c.cost.is_stated() && !c.kind.is_outside())
        .map(|c| c.id)
        .collect();
    if !uncosted.is_empty() {
        writeln!(out, "No cost recorded for: {}.\n", l.component_names(&uncosted));
    }
    (total_current, total_proposed)
}

fn cost_by_layer(out: &mut Markdown, l: &Lookup, costed: &[&Component]) {
    let p = l.project;
    out.push_str("## By layer\n\n");
    let mut layer_rows = Vec::new();
    let mut layer_keys: Vec<Option<LayerId>> = p.layers.iter().map(|l| Some(l.id)).collect();
    layer_keys.push(None);
    for key in layer_keys {
        let members: Vec<&&Component> = costed
            .iter()
            .filter(|c| match key {
                Some(id) => c.layer == Some(id),
                None => c.layer.is_none_or(|id| !l.layers.contains_key(&id)),
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let current: CentsRange = members.iter().map(|c| CentsRange::of(c.cost.current)).sum();
        let proposed: CentsRange = members.iter().map(|c| CentsRange::of(c.cost.proposed)).sum();
        layer_rows.push(vec![
            Cell::text(&l.layer_name(key)),
            Cell::figure(money_range(current)),
            Cell::figure(money_range(proposed)),
            Cell::figure(signed_money_range(CentsRange::difference(proposed, current))),
        ]);
    }
    if layer_rows.is_empty() {
        out.push_str("No component costs recorded yet.\n\n");
    } else {
        out.table(&["Layer", "Current", "Proposed", "Difference"], &layer_rows);
    }
}
