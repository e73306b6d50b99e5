//! Form pieces shared by the inspector and the documents view.
//!
//! Text is edited as a *draft*: while a field has focus the keystrokes go to
//! a copy kept in [`Drafts`]; when it loses focus (or Enter is pressed in a
//! single-line field) the draft is committed once. So one field edit is one
//! undo step, never one per keystroke. Drafts that do not parse (a number,
//! a date) stay visible with the error and are not committed.

use std::collections::HashMap;

use egui::{Id, Response, Ui};

use crate::model::CostRange;

#[derive(Debug)]
struct Draft {
    text: String,
    error: Option<String>,
}

/// Text being edited, by widget id.
#[derive(Debug, Default)]
pub struct Drafts {
    map: HashMap<Id, Draft>,
    /// A field to focus as soon as it is shown (a list item just added: it
    /// only exists from the next frame on).
    focus_when_shown: Option<Id>,
    /// The old view is being shown one more frame so its field can commit.
    holding: bool,
}

impl Drafts {
    /// Forgets every draft (e.g. when the selection changes).
    pub fn clear(&mut self) {
        self.map.clear();
    }
    /// True while some field holds uncommitted text.
    pub fn is_editing(&self) -> bool {
        !self.map.is_empty()
    }
    /// Call when what the view shows is about to change (another selection,
    /// another page). While a field holds typed text, returns true once:
    /// the caller shows the *old* view one more frame, in which the field
    /// loses focus and commits its text (so clicking elsewhere on the canvas
    /// never throws typing away). Then returns false: switch and clear.
    pub fn hold_for_commit(&mut self, ctx: &egui::Context) -> bool {
        let pending = self.map.values().any(|d| d.error.is_none());
        if self.holding || !pending {
            self.holding = false;
            return false;
        }
        if let Some(focused) = ctx.memory(|m| m.focused())
            && self.map.contains_key(&focused)
        {
            ctx.memory_mut(|m| m.surrender_focus(focused));
        }
        self.holding = true;
        ctx.request_repaint();
        true
    }

    /// Focuses the field `id` the next time it is shown.
    pub fn focus_when_shown(&mut self, id: Id) {
        self.focus_when_shown = Some(id);
    }
}

fn focus_next_field_id() -> Id {
    Id::new("strata-focus-next-field")
}

/// Makes the next draft-edited field drawn this frame take the keyboard,
/// with its text selected: the first field of a row just added, whose id
/// the list does not know.
pub fn focus_next_field(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(focus_next_field_id(), true));
}

/// Forgets a [`focus_next_field`] request nobody took (a row without text
/// fields), so it does not land on some unrelated field later.
pub fn cancel_focus_next_field(ctx: &egui::Context) {
    ctx.data_mut(|data| data.remove::<bool>(focus_next_field_id()));
}

fn take_focus_next_field(ctx: &egui::Context) -> bool {
    ctx.data_mut(|data| data.remove_temp::<bool>(focus_next_field_id()))
        .unwrap_or(false)
}

/// Asks list `list` to focus the first field of its row `index` when that
/// row is next drawn (see [`take_row_focus`]).
pub fn focus_row_when_shown(ctx: &egui::Context, list: Id, index: usize) {
    ctx.data_mut(|data| data.insert_temp(list.with("focus-row"), index));
}

/// Called by a list before drawing its row `index`: when that row was asked
/// to take focus, the row's first field will.
pub fn take_row_focus(ctx: &egui::Context, list: Id, index: usize) -> bool {
    let key = list.with("focus-row");
    let wanted = ctx.data(|data| data.get_temp::<usize>(key)) == Some(index);
    if wanted {
        ctx.data_mut(|data| data.remove::<usize>(key));
        focus_next_field(ctx);
    }
    wanted
}

/// Gives `response` the accessible label `label`; `shown` is the visible
/// label widget, if any, so screen readers and tests see one labelled field.
pub fn label_widget(ui: &Ui, response: &Response, label: &str, shown: Option<Id>) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(label.to_owned());
        if let Some(shown) = shown {
            node.push_labelled_by(shown.accesskit_id());
        }
    });
}

/// How a text field looks.
#[derive(Clone, Copy)]
pub struct Field<'a> {
    pub label: &'a str,
    pub multiline: bool,
    pub hint: &'a str,
    pub width: Option<f32>,
}

impl<'a> Field<'a> {
    pub fn line(label: &'a str) -> Field<'a> {
        Field {
            label,
            multiline: false,
            hint: "",
            width: None,
        }
    }
    pub fn multi(label: &'a str) -> Field<'a> {
        Field {
            multiline: true,
            ..Field::line(label)
        }
    }
    pub fn hint(mut self, hint: &'a str) -> Field<'a> {
        self.hint = hint;
        self
    }
    pub fn width(mut self, width: f32) -> Field<'a> {
        self.width = Some(width);
        self
    }
}

/// A draft-edited text field without a visible label (table cells); the
/// label is for accessibility. Returns the parsed value once, when the edit
/// is committed and differs from `current`.
pub fn parsed_cell<T>(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: Id,
    current: &str,
    field: Field,
    shown: Option<Id>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let drafting = drafts.map.contains_key(&id);
    let mut text = match drafts.map.get(&id) {
        Some(draft) => draft.text.clone(),
        None => current.to_owned(),
    };
    let mut edit = if field.multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut text)
    }
    .id(id)
    .hint_text(field.hint);
    edit = match field.width {
        Some(width) => edit.desired_width(width),
        None => edit.desired_width(f32::INFINITY),
    };
    let error = drafts.map.get(&id).and_then(|d| d.error.clone());
    // A template question ("Frequency? (e.g. daily)") is not an answer: it
    // looks like a hint, and focusing it selects it so typing replaces it.
    let question = !drafting && crate::templates::is_unanswered(current);
    if error.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    } else if question {
        edit = edit.text_color(ui.visuals().weak_text_color());
    }
    let response = ui.add(edit);
    if question
        && response.gained_focus()
        && let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id)
    {
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(current.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), id);
    }
    if drafts.focus_when_shown == Some(id) || take_focus_next_field(ui.ctx()) {
        drafts.focus_when_shown = None;
        response.scroll_to_me(None);
        response.request_focus();
        // Select what is there (a suggested name), so typing replaces it.
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state.cursor.set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(text.chars().count()),
        )));
        state.store(ui.ctx(), id);
    }
    label_widget(ui, &response, field.label, shown);
    if let Some(error) = &error {
        response.clone().on_hover_text(error);
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let mut committed = None;
    if response.lost_focus() {
        if text == current {
            drafts.map.remove(&id);
        } else {
            match parse(&text) {
                Ok(value) => {
                    drafts.map.remove(&id);
                    committed = Some(value);
                }
                Err(error) => {
                    drafts.map.insert(
                        id,
                        Draft {
                            text,
                            error: Some(error),
                        },
                    );
                }
            }
        }
    } else if response.has_focus() || (drafting && error.is_some()) {
        let error = if response.changed() { None } else { error };
        drafts.map.insert(id, Draft { text, error });
    } else if drafting {
        // Focus moved away without a lost-focus event (the widget was not
        // shown last frame): drop the stale draft.
        drafts.map.remove(&id);
    }
    committed
}

/// A plain text cell: the committed text, if it changed.
pub fn text_cell(
    ui: &mut Ui,
    drafts: &mut Drafts,
    id: Id,
    current: &str,
    field: Field,
    shown: Option<Id>,
) -> Option<String> {
    parsed_cell(ui, drafts, id, current, field, shown, |text| Ok(text.to_owned()))
}

/// A label and a text field on one grid row.
pub fn text_row(ui: &mut Ui, drafts: &mut Drafts, id: Id, current: &str, field: Field) -> Option<String> {
    let shown = ui.label(field.label).id;
    let value = text_cell(ui, drafts, id, current, field, Some(shown));
    ui.end_row();
    value
}

/// Parses an optional amount: empty means "not stated".
pub fn parse_amount(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim().replace([',', '_'], "");
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
        _ => Err(format!("\"{text}\" is not an amount (e.g. 1250.50)")),
    }
}

/// Parses an optional cost: `250`, or a range `50–100` (a hyphen works
/// too). Empty means "not stated".
pub fn parse_cost_range(text: &str) -> Result<Option<CostRange>, String> {
    let trimmed = text.trim();
    let Some((low, high)) = trimmed.split_once(['–', '-']).filter(|(low, _)| !low.trim().is_empty()) else {
        return Ok(parse_amount(trimmed)?.map(CostRange::exactly));
    };
    let bad = || format!("\"{trimmed}\" is not an amount or a range (e.g. 250 or 50–100)");
    let (Some(low), Some(high)) = (
        parse_amount(low).map_err(|_| bad())?,
        parse_amount(high).map_err(|_| bad())?,
    ) else {
        return Err(bad());
    };
    if low > high {
        return Err(format!(
            "the low end ({}) is above the high end ({})",
            amount_text(Some(low)),
            amount_text(Some(high))
        ));
    }
    Ok(Some(CostRange { low, high }))
}

/// `250`, or `50–100` for a range; empty when not stated.
pub fn cost_range_text(range: Option<CostRange>) -> String {
    match range {
        None => String::new(),
        Some(r) if r.is_single() => amount_text(Some(r.low)),
        Some(r) => format!("{}–{}", amount_text(Some(r.low)), amount_text(Some(r.high))),
    }
}

/// Parses an optional whole count: empty means "not stated".
pub fn parse_count(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("\"{text}\" is not a whole number"))
}

/// Accepts an empty date or a real `YYYY-MM-DD` one.
pub fn parse_date(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() || crate::is_iso_date(text) {
        Ok(text.to_owned())
    } else {
        Err(format!("\"{text}\" is not a date; write YYYY-MM-DD"))
    }
}

/// Writes an amount the way a person types it.
pub fn amount_text(amount: Option<f64>) -> String {
    amount.map_or_else(String::new, |a| {
        if a.fract() == 0.0 {
            format!("{a:.0}")
        } else {
            format!("{a:.2}")
        }
    })
}

/// A combo box over `options`; returns the new choice when it changes.
pub fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: Id,
    label: &str,
    shown: Option<Id>,
    current: T,
    options: &[T],
    name: impl Fn(T) -> String,
) -> Option<T> {
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for &option in options {
                if ui.selectable_label(option == current, name(option)).clicked() && option != current {
                    chosen = Some(option);
                }
            }
        })
        .response;
    label_widget(ui, &response, label, shown);
    chosen
}

/// A label and a combo box on one grid row.
pub fn combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: Id,
    label: &str,
    current: T,
    options: &[T],
    name: impl Fn(T) -> String,
) -> Option<T> {
    let shown = ui.label(label).id;
    let value = combo(ui, id, label, Some(shown), current, options, name);
    ui.end_row();
    value
}

/// A labelled checkbox; returns the new value when toggled.
pub fn check(ui: &mut Ui, label: &str, current: bool) -> Option<bool> {
    let mut value = current;
    ui.checkbox(&mut value, label).changed().then_some(value)
}

/// What a row's drag handle or − button asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// Take the row at `from` out and put it back at `to`.
    Move {
        from: usize,
        to: usize,
    },
    Remove(usize),
}

/// The payload of a row being dragged by its handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowDrag {
    list: Id,
    from: usize,
}

/// Where a dragged row would land: the last row whose top is above the
/// pointer (`tops` are last frame's row tops; rows not on screen are NaN).
fn drop_index(tops: &[f32], pointer_y: f32) -> Option<usize> {
    let shown = || tops.iter().enumerate().filter(|(_, top)| !top.is_nan());
    shown()
        .filter(|(_, top)| **top <= pointer_y)
        .map(|(index, _)| index)
        .next_back()
        .or_else(|| shown().map(|(index, _)| index).next())
}

/// The controls at the end of row `index` of `len` in the list `list`: a
/// drag handle (☰: drag it to reorder; click it for Move up / Move down,
/// which keyboard and screen-reader users need too) and − to remove.
/// Labelled `"Reorder {what} {n}"` and `"Remove {what} {n}"`.
pub fn row_controls(ui: &mut Ui, list: Id, what: &str, index: usize, len: usize) -> Option<RowAction> {
    let ctx = ui.ctx().clone();
    let n = index + 1;
    let mut action = None;
    let handle = ui
        .add(egui::Button::new("☰").small().sense(egui::Sense::click_and_drag()))
        .on_hover_text("Drag to reorder, or click for Move up / Move down")
        .labelled(ui, &format!("Reorder {what} {n}"));
    if handle.hovered() || handle.dragged() {
        ctx.set_cursor_icon(egui::CursorIcon::Grab);
    }
    handle.dnd_set_drag_payload(RowDrag { list, from: index });

    // Remember where this row starts, for the drop next frame.
    let tops_id = list.with("row-tops");
    ctx.data_mut(|data| {
        let tops = data.get_temp_mut_or_default::<Vec<f32>>(tops_id);
        tops.resize(len, f32::NAN);
        tops[index] = handle.rect.top();
    });
    if let Some(drag) = egui::DragAndDrop::payload::<RowDrag>(&ctx)
        && drag.list == list
        // Only while a row of this list is dragged: not a copy per row per frame.
        && let Some(tops) = ctx.data_mut(|data| data.get_temp::<Vec<f32>>(tops_id))
        && let Some(pointer) = ctx.input(|i| i.pointer.interact_pos().or(i.pointer.latest_pos()))
        && let Some(to) = drop_index(&tops, pointer.y)
    {
        if ctx.input(|i| i.pointer.any_released()) {
            egui::DragAndDrop::clear_payload(&ctx);
            if to != drag.from {
                action = Some(RowAction::Move { from: drag.from, to });
            }
        } else if to == index && to != drag.from {
            // Show where it lands: above this row when moving up, below
            // it when moving down.
            let y = if to < drag.from {
                handle.rect.top() - 2.0
            } else {
                tops.get(index + 1)
                    .copied()
                    .filter(|t| !t.is_nan())
                    .map_or(handle.rect.bottom() + 2.0, |t| t - 2.0)
            };
            let x = ui.max_rect().x_range();
            ui.painter()
                .hline(x, y, egui::Stroke::new(2.0, ui.visuals().selection.stroke.color));
        }
    }

    egui::Popup::menu(&handle).show(|ui| {
        if ui.add_enabled(index > 0, egui::Button::new("Move up")).clicked() {
            action = Some(RowAction::Move {
                from: index,
                to: index - 1,
            });
        }
        if ui
            .add_enabled(index + 1 < len, egui::Button::new("Move down"))
            .clicked()
        {
            action = Some(RowAction::Move {
                from: index,
                to: index + 1,
            });
        }
        if ui.add_enabled(index > 0, egui::Button::new("Move to top")).clicked() {
            action = Some(RowAction::Move { from: index, to: 0 });
        }
        if ui
            .add_enabled(index + 1 < len, egui::Button::new("Move to bottom"))
            .clicked()
        {
            action = Some(RowAction::Move {
                from: index,
                to: len - 1,
            });
        }
    });
    if ui
        .add(egui::Button::new("−").small())
        .on_hover_text("Remove")
        .labelled(ui, &format!("Remove {what} {n}"))
        .clicked()
    {
        action = Some(RowAction::Remove(index));
    }
    action
}

/// Applies a row action to a list.
pub fn apply_row_action<T>(items: &mut Vec<T>, action: RowAction) {
    match action {
        RowAction::Move { from, to } if from < items.len() && to < items.len() && from != to => {
            let item = items.remove(from);
            items.insert(to, item);
        }
        RowAction::Remove(i) if i < items.len() => {
            items.remove(i);
        }
        _ => {}
    }
}

trait Labelled {
    fn labelled(self, ui: &Ui, label: &str) -> Self;
}

impl Labelled for Response {
    fn labelled(self, ui: &Ui, label: &str) -> Self {
        label_widget(ui, &self, label, None);
        self
    }
}

/// A button with its own accessible label (for symbol buttons like "+").
pub fn button(ui: &mut Ui, text: &str, label: &str) -> bool {
    ui.button(text).labelled(ui, label).clicked()
}

/// An editable list of short texts: one field per item with a drag handle
/// and −, and
/// "+" to add one. Items are labelled `"{what} {n}"`. Returns the new list
/// when something was committed.
pub fn string_list(ui: &mut Ui, drafts: &mut Drafts, id: Id, what: &str, items: &[String]) -> Option<Vec<String>> {
    let mut result = None;
    let len = items.len();
    for (index, item) in items.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = format!("{what} {}", index + 1);
            let width = (ui.available_width() - 60.0).max(80.0);
            if let Some(text) = text_cell(ui, drafts, id.with(index), item, Field::line(&label).width(width), None) {
                let mut list = items.to_vec();
                list[index] = text;
                result = Some(list);
            }
            if let Some(action) = row_controls(ui, id, what, index, len) {
                let mut list = items.to_vec();
                apply_row_action(&mut list, action);
                result = Some(list);
            }
        });
    }
    if button(ui, "+", &format!("Add {what}")) {
        let mut list = items.to_vec();
        list.push(String::new());
        // Focus the new item so the user can type at once.
        drafts.focus_when_shown(id.with(len));
        result = Some(list);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_move_and_are_removed() {
        let mut items = vec!['a', 'b', 'c', 'd'];
        apply_row_action(&mut items, RowAction::Move { from: 0, to: 2 });
        assert_eq!(items, ['b', 'c', 'a', 'd']);
        apply_row_action(&mut items, RowAction::Move { from: 3, to: 0 });
        assert_eq!(items, ['d', 'b', 'c', 'a']);
        apply_row_action(&mut items, RowAction::Move { from: 1, to: 9 });
        assert_eq!(items, ['d', 'b', 'c', 'a'], "out of range is ignored");
        apply_row_action(&mut items, RowAction::Remove(1));
        assert_eq!(items, ['d', 'c', 'a']);
    }

    #[test]
    fn a_row_lands_under_the_last_top_above_the_pointer() {
        let tops = [10.0, 40.0, 70.0];
        assert_eq!(drop_index(&tops, 5.0), Some(0));
        assert_eq!(drop_index(&tops, 45.0), Some(1));
        assert_eq!(drop_index(&tops, 500.0), Some(2));
        assert_eq!(drop_index(&[f32::NAN, 40.0, 70.0], 5.0), Some(1), "only rows on screen");
        assert_eq!(drop_index(&[], 5.0), None);
    }
}
