//! One form layer for the inspector and the documents view.
//!
//! A form edits a copy of a value: each row reads and writes one field of
//! it (`form.text("Owner", &mut next.owner)`), so no field is chosen by a
//! key. Text goes through the form's [`Drafts`] (committed once, when the
//! field loses focus), widget ids come from the form's base id and the
//! row's label, and the form remembers whether anything changed and under
//! which undo label ("Edit owner"). The caller turns a changed copy into
//! one edit.

use std::fmt::Debug;
use std::hash::Hash;

use egui::{Id, Ui};

use super::widgets::*;

/// Rows a single-line table is built of are this tall, so a long table can
/// be virtualised with `ScrollArea::show_rows`.
pub const ROW_HEIGHT: f32 = 24.0;

pub struct Form<'a> {
    ui: &'a mut Ui,
    drafts: &'a mut Drafts,
    base: Id,
    /// The undo label of the rows that follow.
    undo: String,
    /// The undo label of the last row that changed its field.
    changed: Option<String>,
}

impl<'a> Form<'a> {
    /// A form drawn in `ui`, its widget ids under `base`.
    pub fn new(ui: &'a mut Ui, drafts: &'a mut Drafts, base: Id) -> Form<'a> {
        Form {
            ui,
            drafts,
            base,
            undo: String::new(),
            changed: None,
        }
    }

    /// The form's own `Ui`, for what is not a field (a heading, a note).
    pub fn ui(&mut self) -> &mut Ui {
        self.ui
    }

    /// The form's `Ui` and drafts together, for a widget the form has no
    /// row for (a matrix of cells).
    pub fn parts(&mut self) -> (&mut Ui, &mut Drafts) {
        (self.ui, self.drafts)
    }

    /// The id of the field labelled `label`.
    pub fn id(&self, label: impl Hash + Debug) -> Id {
        self.base.with(label)
    }

    /// The undo label of the rows that follow ("Edit lifecycle").
    pub fn undo(&mut self, label: &str) -> &mut Self {
        label.clone_into(&mut self.undo);
        self
    }

    /// Records that a row changed its field, under the current undo label.
    pub fn mark_changed(&mut self) {
        self.changed = Some(self.undo.clone());
    }

    /// Records `changed` (a row's answer), returning it.
    fn note(&mut self, changed: bool) -> bool {
        if changed {
            self.mark_changed();
        }
        changed
    }

    pub fn changed(&self) -> bool {
        self.changed.is_some()
    }

    /// The undo label of the change made since the last call, if any (a
    /// page that makes one edit per part: project details, then context).
    pub fn take_change(&mut self) -> Option<String> {
        self.changed.take()
    }

    /// The undo label of the last change, if anything changed.
    pub fn finish(self) -> Option<String> {
        self.changed
    }

    /// Runs `add` on a form over `ui` (a grid's, a row's) that shares
    /// this form's drafts, base id and undo label; returns its change.
    fn inner(ui: &mut Ui, drafts: &mut Drafts, base: Id, undo: String, add: impl FnOnce(&mut Form)) -> Option<String> {
        let mut inner = Form {
            ui,
            drafts,
            base,
            undo,
            changed: None,
        };
        add(&mut inner);
        inner.changed
    }

    /// Keeps a part's change as this form's change.
    fn absorb(&mut self, changed: Option<String>) {
        if changed.is_some() {
            self.changed = changed;
        }
    }

    /// Rows laid out as a two-column grid: labels left, fields right.
    pub fn grid(&mut self, salt: impl Hash + Debug, add: impl FnOnce(&mut Form)) {
        let (base, undo) = (self.base, self.undo.clone());
        let drafts = &mut *self.drafts;
        let mut changed = None;
        egui::Grid::new(base.with(salt))
            .num_columns(2)
            .spacing([8.0, 4.0])
            .min_col_width(110.0)
            .show(self.ui, |ui| changed = Form::inner(ui, drafts, base, undo, add));
        self.absorb(changed);
    }

    /// Fields side by side on one line.
    pub fn horizontal(&mut self, add: impl FnOnce(&mut Form)) {
        let (base, undo) = (self.base, self.undo.clone());
        let drafts = &mut *self.drafts;
        let mut changed = None;
        self.ui
            .horizontal(|ui| changed = Form::inner(ui, drafts, base, undo, add));
        self.absorb(changed);
    }

    /// A collapsible part of the form, open at first when `open`.
    pub fn section(&mut self, title: &str, open: bool, add: impl FnOnce(&mut Form)) {
        let (base, undo) = (self.base, self.undo.clone());
        let drafts = &mut *self.drafts;
        let mut changed = None;
        egui::CollapsingHeader::new(title)
            .default_open(open)
            .id_salt(base.with(("section", title)))
            .show(self.ui, |ui| changed = Form::inner(ui, drafts, base, undo, add));
        self.absorb(changed);
    }

    /// A heading between groups of rows.
    pub fn heading(&mut self, text: &str) {
        self.ui.add_space(6.0);
        self.ui.label(egui::RichText::new(text).strong().size(15.0));
    }

    /// A labelled text row.
    pub fn text<'f>(&mut self, field: impl Into<Field<'f>>, slot: &mut String) -> bool {
        let field = field.into();
        let id = self.id(field.label);
        let changed = match text_row(self.ui, self.drafts, id, slot, field) {
            Some(text) => {
                *slot = text;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A labelled multi-line text row.
    pub fn long_text(&mut self, label: &str, slot: &mut String) -> bool {
        self.text(Field::multi(label), slot)
    }

    /// A text row that refuses to become blank (a name): blank text is
    /// dropped and the field shows the old value again.
    pub fn required_text<'f>(&mut self, field: impl Into<Field<'f>>, slot: &mut String) -> bool {
        let before = slot.clone();
        let changed = self.text(field, slot);
        if changed && slot.trim().is_empty() {
            *slot = before;
            return false;
        }
        changed
    }

    /// A text cell without a visible label (in a table row); `label` is
    /// what screen readers and tests see, and the hint.
    pub fn cell(&mut self, label: &str, slot: &mut String, width: f32) -> bool {
        self.cell_field(Field::line(label).hint(label).width(width), slot)
    }

    /// A text cell without a visible label, shaped by `field`.
    pub fn cell_field(&mut self, field: Field, slot: &mut String) -> bool {
        let id = self.id(field.label);
        let changed = match text_cell(self.ui, self.drafts, id, slot, field, None) {
            Some(text) => {
                *slot = text;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A value typed as text and parsed; a draft that does not parse stays
    /// visible with the error and is not committed. With `row`, a grid row
    /// with a visible label; else a cell.
    pub fn parsed<'f, T>(
        &mut self,
        field: impl Into<Field<'f>>,
        row: bool,
        slot: &mut T,
        show: impl Fn(&T) -> String,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> bool {
        let field = field.into();
        let id = self.id(field.label);
        let shown = row.then(|| self.ui.label(field.label).id);
        let value = parsed_cell(self.ui, self.drafts, id, &show(slot), field, shown, parse);
        if row {
            self.ui.end_row();
        }
        let changed = match value {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A whole number, or nothing, as a grid row.
    pub fn count(&mut self, label: &str, slot: &mut Option<u32>) -> bool {
        self.parsed(
            Field::line(label).width(80.0),
            true,
            slot,
            |v| v.map_or_else(String::new, |v| v.to_string()),
            parse_count,
        )
    }

    /// A date (`YYYY-MM-DD`, or empty). With `row`, a grid row with a
    /// visible label; else a cell.
    pub fn date(&mut self, label: &str, row: bool, slot: &mut String) -> bool {
        self.parsed(
            Field::line(label).hint("YYYY-MM-DD").width(100.0),
            row,
            slot,
            String::clone,
            parse_date,
        )
    }

    /// A choice among `options`, as a labelled grid row.
    pub fn pick<T: Copy + PartialEq>(
        &mut self,
        label: &str,
        slot: &mut T,
        options: &[T],
        name: impl Fn(T) -> String,
    ) -> bool {
        let id = self.id(label);
        let changed = match combo_row(self.ui, id, label, *slot, options, name) {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A choice among `options` without a visible label (in a table row).
    pub fn pick_cell<T: Copy + PartialEq>(
        &mut self,
        label: &str,
        slot: &mut T,
        options: &[T],
        name: impl Fn(T) -> String,
    ) -> bool {
        let id = self.id(label);
        let changed = match combo(self.ui, id, label, None, *slot, options, name) {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A row drawn by `widget`, for a field the form has no row for (the
    /// zone tree, a cost range): it gets the form's `Ui` and drafts, the
    /// id for `salt` and the current value, and returns the new value when
    /// it changed.
    pub fn custom<T>(
        &mut self,
        salt: impl Hash + Debug,
        slot: &mut T,
        widget: impl FnOnce(&mut Ui, &mut Drafts, Id, &T) -> Option<T>,
    ) -> bool {
        let id = self.id(salt);
        let changed = match widget(self.ui, self.drafts, id, slot) {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A checkbox labelled `label`.
    pub fn check(&mut self, label: &str, slot: &mut bool) -> bool {
        let changed = match check(self.ui, label, *slot) {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// An editable list of short texts, its items labelled `"{what} {n}"`.
    pub fn list(&mut self, what: &str, slot: &mut Vec<String>) -> bool {
        let id = self.id(("list", what));
        let changed = match string_list(self.ui, self.drafts, id, what, slot) {
            Some(list) => {
                *slot = list;
                true
            }
            None => false,
        };
        self.note(changed)
    }

    /// A list of items shown as a table of single-line rows, virtualised
    /// (only visible rows are built), each with a drag handle and −, and a
    /// "+ {what}" button. `row` edits one item through a form of its own.
    pub fn rows<T: Clone + Default>(
        &mut self,
        what: &str,
        slot: &mut Vec<T>,
        mut row: impl FnMut(&mut Form, usize, &mut T),
    ) -> bool {
        let list = self.id(("rows", what));
        let items = slot.clone();
        let mut result = None;
        let len = items.len();
        let height = ROW_HEIGHT + self.ui.spacing().item_spacing.y;
        let (ui, drafts, undo) = (&mut *self.ui, &mut *self.drafts, self.undo.clone());
        egui::ScrollArea::vertical()
            .id_salt(list.with("scroll"))
            .max_height(height * 16.0)
            .auto_shrink([false, true])
            .show_rows(ui, ROW_HEIGHT, len, |ui, range| {
                for index in range {
                    let Some(item) = items.get(index) else { continue };
                    ui.horizontal(|ui| {
                        ui.set_height(ROW_HEIGHT);
                        let focus = take_row_focus(ui.ctx(), list, index);
                        let mut copy = item.clone();
                        let mut form = Form {
                            ui,
                            drafts,
                            base: list.with(index),
                            undo: undo.clone(),
                            changed: None,
                        };
                        row(&mut form, index, &mut copy);
                        let changed = form.changed();
                        if focus {
                            cancel_focus_next_field(ui.ctx());
                        }
                        if changed {
                            let mut next = items.to_vec();
                            next[index] = copy;
                            result = Some(next);
                        }
                        if let Some(action) = row_controls(ui, list, what, index, len) {
                            let mut next = items.to_vec();
                            apply_row_action(&mut next, action);
                            result = Some(next);
                        }
                    });
                }
            });
        self.add_button(what, list, len, &mut result, &items);
        self.take(slot, result)
    }

    /// A list of items shown as cards (for items with long text), each
    /// with its number, a drag handle and −, and a "+ {what}" button.
    pub fn cards<T: Clone + Default>(
        &mut self,
        what: &str,
        slot: &mut Vec<T>,
        mut card: impl FnMut(&mut Form, usize, &mut T),
    ) -> bool {
        let list = Id::new(("cards", what));
        let items = slot.clone();
        let mut result = None;
        let len = items.len();
        for (index, item) in items.iter().enumerate() {
            let base = self.base.with(("card", what, index));
            egui::Frame::group(self.ui.style()).show(self.ui, |ui| {
                ui.set_width(ui.available_width());
                let mut action = None;
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(format!("{what} {}", index + 1)).strong());
                    action = row_controls(ui, list, what, index, len);
                });
                let focus = take_row_focus(ui.ctx(), list, index);
                let mut copy = item.clone();
                let mut form = Form {
                    ui,
                    drafts: &mut *self.drafts,
                    base,
                    undo: self.undo.clone(),
                    changed: None,
                };
                card(&mut form, index, &mut copy);
                let changed = form.changed();
                if focus {
                    cancel_focus_next_field(ui.ctx());
                }
                if changed {
                    let mut next = items.to_vec();
                    next[index] = copy;
                    result = Some(next);
                }
                if let Some(action) = action {
                    let mut next = items.to_vec();
                    apply_row_action(&mut next, action);
                    result = Some(next);
                }
            });
        }
        self.add_button(what, list, len, &mut result, &items);
        self.take(slot, result)
    }

    /// The "+ {what}" button under a list of rows or cards.
    fn add_button<T: Clone + Default>(
        &mut self,
        what: &str,
        list: Id,
        len: usize,
        result: &mut Option<Vec<T>>,
        items: &[T],
    ) {
        if button(self.ui, &format!("+ {what}"), &format!("Add {what}")) {
            let mut next = items.to_vec();
            next.push(T::default());
            focus_row_when_shown(self.ui.ctx(), list, len);
            *result = Some(next);
        }
    }

    fn take<T>(&mut self, slot: &mut Vec<T>, result: Option<Vec<T>>) -> bool {
        let changed = match result {
            Some(list) => {
                *slot = list;
                true
            }
            None => false,
        };
        self.note(changed)
    }
}

impl<'a> From<&'a str> for Field<'a> {
    fn from(label: &'a str) -> Field<'a> {
        Field::line(label)
    }
}

impl<'a> From<&'a String> for Field<'a> {
    fn from(label: &'a String) -> Field<'a> {
        Field::line(label)
    }
}
