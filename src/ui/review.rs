//! Review mode: a full-window presentation of the decisions for a meeting,
//! run entirely from the keyboard, that records outcomes as edits.
//!
//! The view owns no project: [`review_ui`] reads the project, updates its
//! [`ReviewState`] and answers with [`Action`]s: the edits (with undo
//! labels) to apply this frame, and the requests to write the minutes or to
//! leave, so the host decides what "back to the canvas" means.

use std::borrow::Cow;

use egui::{Align2, Color32, FontId, Id, Key, Modifiers, Pos2, RichText, Sense, Stroke, StrokeKind, TextStyle, Vec2};

use super::action::Action;
use crate::edit::Edit;
use crate::layout::Geometry;
use crate::model::*;
use crate::review::since::SinceLastReview;
use crate::review::{self, ReviewError, ReviewFilter, ReviewSession, adr_label, decisions_for};

/// The one-line key legend shown at the bottom of the view.
pub const KEY_LEGEND: &str = "Left/Right or PgUp/PgDn step · Up/Down scroll · 1–9 choose option · A accept · R reject · \
     D defer · X deprecate · S supersede · T date today · P people · W rationale · N note · O follow-up · \
     F filter · C changes since the last review · M minutes · Esc leave";

/// A text field of the view. Letters are commands only while none of these
/// has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Attendee,
    Rationale,
    Note,
    FollowUp,
}

impl Field {
    fn id(self) -> Id {
        Id::new(("strata_review_field", self as u8))
    }
}

/// Everything review mode remembers between frames. Create it when the
/// presenter enters review mode; keep it while they are in it (the session
/// is what the minutes are written from).
#[derive(Clone, Debug)]
pub struct ReviewState {
    pub filter: ReviewFilter,
    /// The decision on screen. An id rather than a list index: accepting a
    /// decision under "proposed only" takes it out of the list, and the
    /// presenter must still see what they just recorded.
    pub current: Option<DecisionId>,
    /// The meeting: date, attendees, decisions discussed, follow-ups.
    pub session: ReviewSession,
    /// Components selected on the canvas when review began; the
    /// "linked to the selection" filter uses them.
    pub selection: Vec<ComponentId>,
    /// A problem for the presenter (an outcome that could not be recorded,
    /// minutes that could not be written), shown in the error colour. The
    /// host may set it too.
    pub message: Option<String>,
    /// Good news for the presenter (where the minutes went), set by the
    /// host; cleared by the next recorded outcome.
    pub notice: Option<String>,
    /// Choosing a successor after S: the highlighted candidate.
    picking_successor: Option<usize>,
    /// A or R pressed on a decision without a rationale: the outcome waits
    /// for the rationale field (Enter records both, Esc drops both).
    pending_outcome: Option<DecisionStatus>,
    /// The field that had the keyboard at the end of the last frame.
    typing: Option<Field>,
    focus_request: Option<Field>,
    attendee_text: String,
    rationale_text: String,
    note_text: String,
    follow_up_text: String,
    /// What changed since the last review's snapshot (set by the host);
    /// `None` when the project has no review with minutes yet.
    pub since_last_review: Option<Result<SinceLastReview, String>>,
    /// C shows those changes in place of the decision.
    pub showing_changes: bool,
}

impl Default for ReviewState {
    fn default() -> Self {
        ReviewState::new(&crate::today_iso())
    }
}

impl ReviewState {
    /// A fresh meeting dated `date` (`YYYY-MM-DD`), all decisions shown.
    pub fn new(date: &str) -> ReviewState {
        ReviewState {
            filter: ReviewFilter::All,
            current: None,
            session: ReviewSession::new(date),
            selection: Vec::new(),
            message: None,
            notice: None,
            picking_successor: None,
            pending_outcome: None,
            typing: None,
            focus_request: None,
            attendee_text: String::new(),
            rationale_text: String::new(),
            note_text: String::new(),
            follow_up_text: String::new(),
            since_last_review: None,
            showing_changes: false,
        }
    }

    /// Knows what changed since the last review (see
    /// [`review::since::since_last_review`]).
    pub fn with_changes(mut self, since: Option<Result<SinceLastReview, String>>) -> ReviewState {
        self.since_last_review = since;
        self
    }

    /// Starts on the decisions linked to `selection` when it is not empty.
    pub fn with_selection(mut self, selection: Vec<ComponentId>) -> ReviewState {
        if !selection.is_empty() {
            self.filter = ReviewFilter::LinkedTo(selection.clone());
        }
        self.selection = selection;
        self
    }

    /// The field that has the keyboard, if any.
    pub fn typing(&self) -> Option<Field> {
        self.typing
    }

    fn next_filter(&self) -> ReviewFilter {
        match self.filter {
            ReviewFilter::All => ReviewFilter::ProposedOnly,
            ReviewFilter::ProposedOnly if !self.selection.is_empty() => ReviewFilter::LinkedTo(self.selection.clone()),
            _ => ReviewFilter::All,
        }
    }
}

/// Colours of review mode, in one place, for dark and light.
struct Tokens {
    accepted: Color32,
    rejected: Color32,
    proposed: Color32,
    retired: Color32,
    pro: Color32,
    con: Color32,
    highlight: Color32,
    weak: Color32,
    strong: Color32,
    card: Color32,
}

impl Tokens {
    fn of(visuals: &egui::Visuals) -> Tokens {
        let review = &crate::theme::theme().review;
        let colors = if visuals.dark_mode { &review.dark } else { &review.light };
        let color = super::tokens::color;
        Tokens {
            accepted: color(colors.accepted),
            rejected: color(colors.rejected),
            proposed: color(colors.proposed),
            retired: color(colors.retired),
            pro: color(colors.accepted),
            con: color(colors.rejected),
            highlight: color(colors.highlight),
            weak: visuals.weak_text_color(),
            strong: visuals.strong_text_color(),
            card: visuals.faint_bg_color,
        }
    }

    fn status(&self, status: DecisionStatus) -> Color32 {
        match status {
            DecisionStatus::Accepted => self.accepted,
            DecisionStatus::Rejected => self.rejected,
            DecisionStatus::Proposed => self.proposed,
            DecisionStatus::Deprecated | DecisionStatus::Superseded { .. } => self.retired,
        }
    }
}

/// Type large enough for a projector at 1280×720.
fn presentation_style(ui: &mut egui::Ui) {
    let style = ui.style_mut();
    style.text_styles.insert(TextStyle::Heading, FontId::proportional(32.0));
    style.text_styles.insert(TextStyle::Body, FontId::proportional(19.0));
    style.text_styles.insert(TextStyle::Button, FontId::proportional(19.0));
    style.text_styles.insert(TextStyle::Monospace, FontId::monospace(17.0));
    style.text_styles.insert(TextStyle::Small, FontId::proportional(15.0));
    style.spacing.item_spacing = Vec2::new(10.0, 8.0);
}

const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// What a key asked for this frame.
enum Command {
    Step(i32),
    First,
    Last,
    Scroll(f32),
    Choose(usize),
    Accept,
    Reject,
    Defer,
    Deprecate,
    Supersede,
    Today,
    Focus(Field),
    Filter,
    Minutes,
    Changes,
    Leave,
}

fn read_commands(ui: &egui::Ui) -> Vec<Command> {
    let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    let mut commands = Vec::new();
    for (key, command) in [
        (Key::ArrowRight, Command::Step(1)),
        (Key::PageDown, Command::Step(1)),
        (Key::ArrowLeft, Command::Step(-1)),
        (Key::PageUp, Command::Step(-1)),
        (Key::Home, Command::First),
        (Key::End, Command::Last),
        (Key::ArrowUp, Command::Scroll(120.0)),
        (Key::ArrowDown, Command::Scroll(-120.0)),
        (Key::A, Command::Accept),
        (Key::R, Command::Reject),
        (Key::D, Command::Defer),
        (Key::X, Command::Deprecate),
        (Key::S, Command::Supersede),
        (Key::T, Command::Today),
        (Key::P, Command::Focus(Field::Attendee)),
        (Key::W, Command::Focus(Field::Rationale)),
        (Key::N, Command::Focus(Field::Note)),
        (Key::O, Command::Focus(Field::FollowUp)),
        (Key::F, Command::Filter),
        (Key::M, Command::Minutes),
        (Key::C, Command::Changes),
        (Key::Escape, Command::Leave),
    ] {
        if pressed(key) {
            commands.push(command);
        }
    }
    for (index, key) in NUMBER_KEYS.into_iter().enumerate() {
        if pressed(key) {
            commands.push(Command::Choose(index));
        }
    }
    commands
}

/// The decision `delta` steps from `current` in `list` (project order).
/// When `current` is not in the list (it no longer matches the filter), the
/// step starts from where it sits in the project.
fn step_from(project: &Project, list: &[DecisionId], current: Option<DecisionId>, delta: i32) -> Option<DecisionId> {
    if list.is_empty() {
        return current;
    }
    let Some(current) = current else {
        return list.first().copied();
    };
    let target = if let Some(position) = list.iter().position(|id| *id == current) {
        let last = list.len() as i64 - 1;
        (position as i64 + i64::from(delta)).clamp(0, last) as usize
    } else {
        let order = |id: DecisionId| project.decision_index(id).unwrap_or(usize::MAX);
        let here = order(current);
        let after = list.iter().position(|id| order(*id) > here);
        match (delta > 0, after) {
            (true, Some(index)) => index,
            (true, None) => return Some(current),
            (false, Some(0)) => return Some(current),
            (false, Some(index)) => index - 1,
            (false, None) => list.len() - 1,
        }
    };
    list.get(target).copied()
}

/// Collects the frame's edits, computing each against the project as the
/// earlier ones leave it (so two outcomes in one frame do not overwrite each
/// other).
struct Recorder<'p> {
    project: Cow<'p, Project>,
    edits: Vec<(Edit, String)>,
    /// Asked of the host: Esc leaves ([`Action::LeaveReview`]), M writes the
    /// minutes ([`Action::WriteMinutes`]).
    requests: Vec<Action>,
    message: Option<String>,
}

impl Recorder<'_> {
    /// Queues the edit (the decision counts as discussed) and says whether
    /// the outcome stands. An outcome the decision already has counts as
    /// discussed when `confirms` (the presenter pressed its key), and
    /// records no step.
    fn record(
        &mut self,
        session: &mut ReviewSession,
        id: DecisionId,
        result: Result<Edit, ReviewError>,
        label: String,
        confirms: bool,
    ) -> bool {
        match result {
            Ok(edit) => match edit.clone().apply(self.project.to_mut()) {
                Ok(_) => {
                    session.mark_discussed(id);
                    self.edits.push((edit, label));
                    self.message = None;
                    true
                }
                Err(error) => {
                    self.message = Some(format!("Could not record: {error}"));
                    false
                }
            },
            Err(ReviewError::Unchanged) => {
                if confirms {
                    session.mark_discussed(id);
                }
                confirms
            }
            Err(error) => {
                self.message = Some(error.to_string());
                false
            }
        }
    }
}

/// Shows review mode over the whole of `ui` and returns what to do this
/// frame: the edits, each with its undo label (apply them in order; they
/// were computed against `project` as given), then any request to write the
/// minutes or to leave.
pub fn review_ui(ui: &mut egui::Ui, project: &Project, state: &mut ReviewState) -> Vec<Action> {
    presentation_style(ui);
    let tokens = Tokens::of(ui.visuals());
    let list = decisions_for(project, &state.filter);
    if state.current.is_none_or(|id| project.decision(id).is_none()) {
        state.current = list.first().copied();
    }

    let mut recorder = Recorder {
        project: Cow::Borrowed(project),
        edits: Vec::new(),
        requests: Vec::new(),
        message: None,
    };
    let mut scroll = 0.0;
    if state.typing.is_none() {
        if state.picking_successor.is_some() {
            pick_successor_keys(ui, project, state, &mut recorder);
        } else {
            for command in read_commands(ui) {
                run_command(command, project, &list, state, &mut recorder, &mut scroll);
            }
        }
    }
    if let Some(message) = recorder.message.take() {
        state.message = Some(message);
    }
    // The fields first: what they record shows in the rest of this frame.
    let current_id = state.current;
    let field_responses = egui::Panel::bottom(Id::new("strata_review_controls"))
        .resizable(false)
        .show(ui, |ui| controls_ui(ui, state, current_id, &mut recorder, &tokens))
        .inner;
    // What the view shows: the project with this frame's edits in it.
    let shown: &Project = &recorder.project;
    let list = decisions_for(shown, &state.filter);
    let current = state.current.and_then(|id| shown.decision(id));

    egui::Panel::top(Id::new("strata_review_header"))
        .resizable(false)
        .show(ui, |ui| header_ui(ui, shown, state, &list, current, &tokens));
    let topology_width = (ui.available_width() * 0.38).max(200.0);
    egui::Panel::right(Id::new("strata_review_topology"))
        .resizable(false)
        .exact_size(topology_width)
        .show(ui, |ui| topology_ui(ui, shown, current, &tokens));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("strata_review_body")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if scroll != 0.0 {
                    ui.scroll_with_delta(Vec2::new(0.0, scroll));
                }
                match current {
                    _ if state.showing_changes => changes_ui(ui, state.since_last_review.as_ref(), &tokens),
                    Some(decision) => decision_ui(ui, shown, decision, state, &tokens),
                    None => {
                        ui.add_space(40.0);
                        ui.label(RichText::new(format!("No decisions match “{}”.", state.filter.label())).size(26.0));
                        ui.label("Press F to change the filter, Esc to leave.");
                    }
                }
            });
    });

    state.typing = field_responses;
    if let Some(message) = recorder.message {
        state.message = Some(message);
    } else if !recorder.edits.is_empty() {
        // Something was recorded: older problems and notices are stale.
        state.message = None;
        state.notice = None;
    }
    Action::edits(recorder.edits).chain(recorder.requests).collect()
}

fn run_command(
    command: Command,
    project: &Project,
    list: &[DecisionId],
    state: &mut ReviewState,
    recorder: &mut Recorder,
    scroll: &mut f32,
) {
    let current = state.current;
    let date = state.session.date.clone();
    match command {
        Command::Step(delta) => {
            state.showing_changes = false;
            state.current = step_from(project, list, current, delta);
            state.message = None;
        }
        Command::First => state.current = list.first().copied().or(current),
        Command::Last => state.current = list.last().copied().or(current),
        Command::Scroll(delta) => *scroll += delta,
        Command::Filter => {
            state.filter = state.next_filter();
            let list = decisions_for(project, &state.filter);
            if !state.current.is_some_and(|id| list.contains(&id)) {
                state.current = list.first().copied();
            }
        }
        Command::Minutes => recorder.requests.push(Action::WriteMinutes),
        Command::Changes => state.showing_changes = !state.showing_changes,
        Command::Leave => recorder.requests.push(Action::LeaveReview),
        Command::Focus(field) => state.focus_request = Some(field),
        _ => {
            let Some(id) = current else {
                state.message = Some("No decision on screen.".to_owned());
                return;
            };
            let working: &Project = &recorder.project;
            let Some(decision) = working.decision(id) else { return };
            let label = adr_label(decision);
            let attendees = state.session.attendees.clone();
            let deciders = state.session.deciders.clone();
            let asks_why = matches!(command, Command::Accept | Command::Reject);
            if asks_why && decision.rationale.trim().is_empty() {
                state.pending_outcome = Some(if matches!(command, Command::Accept) {
                    DecisionStatus::Accepted
                } else {
                    DecisionStatus::Rejected
                });
                state.focus_request = Some(Field::Rationale);
                return;
            }
            let (result, text) = match command {
                Command::Choose(index) => match decision.options.get(index) {
                    Some(option) => (
                        review::choose_option(working, id, option.id),
                        format!("Review: choose “{}” for {label}", option.name.trim()),
                    ),
                    None => {
                        recorder.message = Some(format!("{label} has no option {}.", index + 1));
                        return;
                    }
                },
                Command::Accept | Command::Reject | Command::Deprecate => {
                    let status = match command {
                        Command::Accept => DecisionStatus::Accepted,
                        Command::Reject => DecisionStatus::Rejected,
                        _ => DecisionStatus::Deprecated,
                    };
                    (
                        review::record_outcome(working, id, status, Some(&date), &deciders, &date),
                        format!("Review: {} {label}", status.label().to_lowercase()),
                    )
                }
                Command::Defer => (
                    review::defer(working, id, &date, &attendees, ""),
                    format!("Review: defer {label}"),
                ),
                Command::Today => (review::set_date(working, id, &date), format!("Review: date {label}")),
                Command::Supersede => {
                    if successor_candidates(working, id).is_empty() {
                        recorder.message = Some("No other decision can supersede this one.".to_owned());
                    } else {
                        state.picking_successor = Some(0);
                    }
                    return;
                }
                _ => return,
            };
            let follow_up = format!("{label} deferred: {}", decision.title.trim());
            if recorder.record(&mut state.session, id, result, text, true) && matches!(command, Command::Defer) {
                state.session.follow_ups.push(follow_up);
            }
        }
    }
}

/// Decisions that may supersede `id`: every other one, except those it
/// already supersedes.
fn successor_candidates(project: &Project, id: DecisionId) -> Vec<DecisionId> {
    project
        .decisions
        .iter()
        .filter(|d| d.id != id && d.status != (DecisionStatus::Superseded { by: id }))
        .map(|d| d.id)
        .collect()
}

fn pick_successor_keys(ui: &egui::Ui, project: &Project, state: &mut ReviewState, recorder: &mut Recorder) {
    let Some(id) = state.current else {
        state.picking_successor = None;
        return;
    };
    let candidates = successor_candidates(project, id);
    let Some(mut highlighted) = state.picking_successor else {
        return;
    };
    let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(Key::Escape) {
        state.picking_successor = None;
        return;
    }
    if pressed(Key::ArrowDown) {
        highlighted = (highlighted + 1).min(candidates.len().saturating_sub(1));
    }
    if pressed(Key::ArrowUp) {
        highlighted = highlighted.saturating_sub(1);
    }
    let mut picked = None;
    if pressed(Key::Enter) {
        picked = Some(highlighted);
    }
    for (index, key) in NUMBER_KEYS.into_iter().enumerate() {
        if pressed(key) {
            picked = Some(index);
        }
    }
    state.picking_successor = Some(highlighted);
    let Some(index) = picked else { return };
    let Some(&by) = candidates.get(index) else {
        recorder.message = Some(format!("There is no candidate {}.", index + 1));
        return;
    };
    state.picking_successor = None;
    let date = state.session.date.clone();
    let label = project.decision(id).map(adr_label).unwrap_or_default();
    let by_label = project.decision(by).map(adr_label).unwrap_or_default();
    let result = review::record_outcome(
        project,
        id,
        DecisionStatus::Superseded { by },
        Some(&date),
        &state.session.deciders,
        &date,
    );
    recorder.record(
        &mut state.session,
        id,
        result,
        format!("Review: {label} superseded by {by_label}"),
        true,
    );
}

fn status_text(project: &Project, decision: &Decision) -> String {
    match decision.status {
        DecisionStatus::Superseded { by } => match project.decision(by) {
            Some(successor) => format!("Superseded by {}", adr_label(successor)),
            None => "Superseded".to_owned(),
        },
        other => other.label().to_owned(),
    }
}

fn header_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &ReviewState,
    list: &[DecisionId],
    current: Option<&Decision>,
    tokens: &Tokens,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Decision review").color(tokens.weak));
        ui.label(RichText::new(project.meta.name.trim()).color(tokens.weak));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let position = current
                .and_then(|d| list.iter().position(|id| *id == d.id))
                .map_or("–".to_owned(), |p| (p + 1).to_string());
            ui.label(
                RichText::new(format!("{position} / {} · {}", list.len(), state.filter.label())).color(tokens.weak),
            );
            ui.label(RichText::new(format!("Meeting {}", state.session.date)).color(tokens.weak));
            if let Some(hint) = changes_hint(state.since_last_review.as_ref()) {
                ui.label(RichText::new(hint).color(tokens.highlight));
            }
        });
    });
    if let Some(decision) = current {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(adr_label(decision))
                    .text_style(TextStyle::Heading)
                    .color(tokens.weak),
            );
            ui.label(
                RichText::new(decision.title.trim())
                    .text_style(TextStyle::Heading)
                    .strong()
                    .color(tokens.strong),
            );
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(status_text(project, decision))
                    .size(22.0)
                    .strong()
                    .color(tokens.status(decision.status)),
            );
            let date = if decision.date.is_empty() {
                "not decided yet".to_owned()
            } else {
                decision.date.clone()
            };
            ui.label(RichText::new(format!("· {date}")).color(tokens.weak));
            if !decision.deciders.is_empty() {
                ui.label(RichText::new(format!("· decided by {}", decision.deciders.join(", "))).color(tokens.weak));
            }
        });
    }
    ui.add_space(4.0);
}

/// "12 changes since the review of 2026-11-20 · C" for the header.
fn changes_hint(since: Option<&Result<SinceLastReview, String>>) -> Option<String> {
    match since? {
        Ok(since) => Some(format!(
            "{} change(s) since {} · C",
            since.diff.changes.len(),
            since.when()
        )),
        Err(_) => Some("Last review unreadable · C".to_owned()),
    }
}

/// What changed since the last review, in place of the decision (C).
fn changes_ui(ui: &mut egui::Ui, since: Option<&Result<SinceLastReview, String>>, tokens: &Tokens) {
    ui.add_space(12.0);
    let since = match since {
        None => {
            ui.label(RichText::new("No earlier review").size(26.0).color(tokens.strong));
            ui.label(
                "Minutes written with M keep a snapshot of the project beside them; \
                 the next review shows here what changed since. Press C to go back.",
            );
            return;
        }
        Some(Err(message)) => {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
            return;
        }
        Some(Ok(since)) => since,
    };
    ui.label(
        RichText::new(format!("Changes since {}", since.when()))
            .size(26.0)
            .strong()
            .color(tokens.strong),
    );
    ui.label(RichText::new(format!("Compared with {}. Press C to go back.", since.snapshot)).color(tokens.weak));
    ui.add_space(8.0);
    if since.diff.is_empty() {
        ui.label(RichText::new("Nothing changed.").size(20.0));
    }
    for change in &since.diff.changes {
        let (text, color) = super::compare::change_line(change);
        ui.label(RichText::new(text).size(18.0).color(color));
    }
}

fn decision_ui(ui: &mut egui::Ui, project: &Project, decision: &Decision, state: &ReviewState, tokens: &Tokens) {
    if state.picking_successor.is_some() {
        successor_picker_ui(ui, project, decision, state, tokens);
        ui.separator();
    }
    if !decision.context.trim().is_empty() {
        ui.label(RichText::new("Context").strong().color(tokens.weak));
        ui.label(decision.context.trim());
    }
    if !decision.drivers.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Drivers").strong().color(tokens.weak));
        for driver in &decision.drivers {
            ui.label(format!("•  {}", driver.trim()));
        }
    }
    ui.add_space(8.0);
    if decision.options.is_empty() {
        ui.label(RichText::new("No options recorded yet.").italics().color(tokens.weak));
    } else {
        options_ui(ui, decision, tokens);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Decision").strong().color(tokens.weak));
    match decision.chosen_option() {
        Some(option) => ui.label(
            RichText::new(format!("Chosen: {}", option.name.trim()))
                .size(22.0)
                .strong(),
        ),
        None => ui.label(RichText::new("No option chosen yet").italics().color(tokens.weak)),
    };
    if !decision.rationale.trim().is_empty() {
        ui.label(decision.rationale.trim());
    }
    let notes: Vec<&ReviewNote> = decision.review_notes.iter().rev().take(3).collect();
    if !notes.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Review notes").strong().color(tokens.weak));
        for note in notes {
            ui.label(RichText::new(format!("{}: {}", note.date, note.note.trim())).text_style(TextStyle::Small));
        }
    }
}

fn options_ui(ui: &mut egui::Ui, decision: &Decision, tokens: &Tokens) {
    let count = decision.options.len();
    // Side by side while each card keeps a readable width; wrap otherwise.
    let per_row = ((ui.available_width() / 240.0).floor() as usize).clamp(1, count.max(1));
    for (row, chunk) in decision.options.chunks(per_row).enumerate() {
        ui.columns(per_row, |columns| {
            for (column, option) in chunk.iter().enumerate() {
                let number = row * per_row + column + 1;
                option_card_ui(
                    &mut columns[column],
                    number,
                    option,
                    decision.chosen == Some(option.id),
                    tokens,
                );
            }
        });
    }
}

fn option_card_ui(ui: &mut egui::Ui, number: usize, option: &DecisionOption, chosen: bool, tokens: &Tokens) {
    let stroke = if chosen {
        Stroke::new(3.0, tokens.highlight)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::new()
        .fill(tokens.card)
        .stroke(stroke)
        .corner_radius(8.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Columns lay out justified; cards read better ragged-right.
            ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                option_card_body_ui(ui, number, option, chosen, tokens)
            });
        });
}

fn option_card_body_ui(ui: &mut egui::Ui, number: usize, option: &DecisionOption, chosen: bool, tokens: &Tokens) {
    ui.horizontal_wrapped(|ui| {
        let key = if number <= 9 {
            format!("{number}")
        } else {
            "·".to_owned()
        };
        ui.label(RichText::new(key).size(22.0).strong().color(tokens.highlight));
        ui.label(
            RichText::new(option.name.trim())
                .size(21.0)
                .strong()
                .color(tokens.strong),
        );
    });
    if chosen {
        ui.label(RichText::new("✔ chosen").strong().color(tokens.highlight));
    }
    if !option.description.trim().is_empty() {
        ui.label(RichText::new(option.description.trim()).text_style(TextStyle::Small));
    }
    for pro in &option.pros {
        ui.label(RichText::new(format!("+ {}", pro.trim())).color(tokens.pro));
    }
    for con in &option.cons {
        ui.label(RichText::new(format!("− {}", con.trim())).color(tokens.con));
    }
    if !option.cost_note.trim().is_empty() {
        ui.label(
            RichText::new(format!("Cost: {}", option.cost_note.trim()))
                .italics()
                .color(tokens.weak),
        );
    }
}

fn successor_picker_ui(
    ui: &mut egui::Ui,
    project: &Project,
    decision: &Decision,
    state: &ReviewState,
    tokens: &Tokens,
) {
    ui.label(
        RichText::new(
            "Superseded by which decision? Press its number (or Up/Down and Enter); Esc cancels. \
             The successor will point back.",
        )
        .strong()
        .color(tokens.highlight),
    );
    for (index, id) in successor_candidates(project, decision.id).into_iter().enumerate() {
        let Some(candidate) = project.decision(id) else {
            continue;
        };
        let key = if index < 9 {
            format!("{}", index + 1)
        } else {
            "  ".to_owned()
        };
        let text = format!("{key}  {}: {}", adr_label(candidate), candidate.title.trim());
        let mut rich = RichText::new(text);
        if state.picking_successor == Some(index) {
            rich = rich.strong().background_color(ui.visuals().selection.bg_fill);
        }
        ui.label(rich);
    }
}

/// The attendee and rationale fields (always), the note and follow-up
/// fields (while in use), the message line and the key legend. Returns the
/// field that has the keyboard.
/// The keys of this frame the control rows answer to.
#[derive(Clone, Copy)]
struct RowKeys {
    enter: bool,
    escape: bool,
    shift: bool,
}

fn controls_ui(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    current: Option<DecisionId>,
    recorder: &mut Recorder,
    tokens: &Tokens,
) -> Option<Field> {
    let current: Option<Decision> = current.and_then(|id| recorder.project.decision(id).cloned());
    let current = current.as_ref();
    ui.add_space(4.0);
    let keys = ui.input(|i| RowKeys {
        enter: i.key_pressed(Key::Enter),
        escape: i.key_pressed(Key::Escape),
        shift: i.modifiers.shift,
    });
    let mut typing = attendees_row_ui(ui, state, current, recorder, tokens, keys);
    typing = rationale_row_ui(ui, state, current, recorder, tokens, keys).or(typing);
    typing = note_rows_ui(ui, state, current, recorder, tokens, keys).or(typing);
    state.focus_request = None;
    status_lines_ui(ui, state, recorder, tokens);
    ui.add_space(4.0);
    typing
}

/// Attendees and deciders are kept apart: Enter adds a name to the
/// meeting, Shift+Enter (or clicking a name) marks it as a decider.
/// Outcomes name the deciders only. Marking someone while a decision this
/// meeting has recorded something on is on screen adds them to its
/// deciders (an old decision shown in passing keeps its own).
fn attendees_row_ui(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    current: Option<&Decision>,
    recorder: &mut Recorder,
    tokens: &Tokens,
    keys: RowKeys,
) -> Option<Field> {
    let RowKeys { enter, escape, shift } = keys;
    let mut typing = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("P  Attendees:").color(tokens.weak));
        if state.session.attendees.is_empty() {
            ui.label(RichText::new("none yet").strong());
        }
        let mut marked = None;
        for name in &state.session.attendees {
            let mut decides = state.session.deciders.contains(name);
            let text = if decides {
                format!("{name} (decider)")
            } else {
                name.clone()
            };
            if ui
                .toggle_value(&mut decides, text)
                .on_hover_text("Click to mark or unmark as a decider")
                .clicked()
            {
                marked = Some(name.clone());
            }
        }
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.attendee_text)
                .id(Field::Attendee.id())
                .hint_text("name, Enter adds, Shift+Enter adds as decider")
                .desired_width(400.0),
        );
        if response.lost_focus() && enter {
            let name = state.attendee_text.trim().to_owned();
            if !name.is_empty() {
                state.session.add_attendee(&name);
                if shift && !state.session.deciders.contains(&name) {
                    marked = Some(name);
                }
            }
            state.attendee_text.clear();
            response.request_focus();
        }
        if let Some(name) = marked {
            mark_decider(state, current, recorder, &name);
        }
        if escape && response.lost_focus() {
            state.attendee_text.clear();
        }
        if state.focus_request == Some(Field::Attendee) {
            response.request_focus();
        }
        if response.has_focus() {
            typing = Some(Field::Attendee);
        }
    });

    typing
}

/// Rationale of the decision on screen: Enter records it, Esc drops the
/// change.
fn rationale_row_ui(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    current: Option<&Decision>,
    recorder: &mut Recorder,
    tokens: &Tokens,
    keys: RowKeys,
) -> Option<Field> {
    let escape = keys.escape;
    let date = state.session.date.clone();
    let mut typing = None;
    if let (Some(status), Some(decision)) = (state.pending_outcome, current) {
        ui.label(
            RichText::new(format!(
                "Why is {} {}? Type the rationale and press Enter to record both; Esc cancels.",
                adr_label(decision),
                status.label().to_lowercase()
            ))
            .strong()
            .color(tokens.highlight),
        );
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("W  Rationale:").color(tokens.weak));
        let editing = state.typing == Some(Field::Rationale) || state.focus_request == Some(Field::Rationale);
        if !editing {
            state.rationale_text = current.map(|d| d.rationale.clone()).unwrap_or_default();
        }
        let response = ui.add_enabled(
            current.is_some(),
            egui::TextEdit::singleline(&mut state.rationale_text)
                .id(Field::Rationale.id())
                .hint_text("why this option, Enter records")
                .desired_width(ui.available_width()),
        );
        let pending = if response.lost_focus() || current.is_none() {
            state.pending_outcome.take()
        } else {
            None
        };
        if let (Some(status), Some(decision)) = (pending, current) {
            if escape {
                recorder.message = Some(format!(
                    "Nothing recorded: {} needs a rationale to be {}.",
                    adr_label(decision),
                    status.label().to_lowercase()
                ));
            } else {
                let result = review::record_outcome_with_rationale(
                    &recorder.project,
                    decision.id,
                    status,
                    &state.rationale_text,
                    &state.session.deciders,
                    &date,
                );
                recorder.record(
                    &mut state.session,
                    decision.id,
                    result,
                    format!("Review: {} {}", status.label().to_lowercase(), adr_label(decision)),
                    true,
                );
            }
        } else if response.lost_focus()
            && !escape
            && let Some(decision) = current
        {
            let result = review::set_rationale(&recorder.project, decision.id, &state.rationale_text);
            recorder.record(
                &mut state.session,
                decision.id,
                result,
                format!("Review: rationale of {}", adr_label(decision)),
                false,
            );
        }
        if state.focus_request == Some(Field::Rationale) {
            response.request_focus();
        }
        if response.has_focus() {
            typing = Some(Field::Rationale);
        }
    });

    typing
}

/// The note and follow-up fields, shown while in use (N, O).
fn note_rows_ui(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    current: Option<&Decision>,
    recorder: &mut Recorder,
    tokens: &Tokens,
    keys: RowKeys,
) -> Option<Field> {
    let RowKeys { enter, escape, .. } = keys;
    let date = state.session.date.clone();
    let mut typing = None;
    for (field, key, label, hint) in [
        (Field::Note, "N", "Note:", "a review note on this decision, Enter adds"),
        (
            Field::FollowUp,
            "O",
            "Follow-up:",
            "an open item for the minutes, Enter adds",
        ),
    ] {
        let in_use = state.typing == Some(field) || state.focus_request == Some(field);
        if !in_use {
            continue;
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{key}  {label}")).color(tokens.weak));
            let text = match field {
                Field::Note => &mut state.note_text,
                _ => &mut state.follow_up_text,
            };
            let response = ui.add(
                egui::TextEdit::singleline(text)
                    .id(field.id())
                    .hint_text(hint)
                    .desired_width(ui.available_width()),
            );
            if response.lost_focus() && enter {
                let entered = text.trim().to_owned();
                text.clear();
                if !entered.is_empty() {
                    match (field, current) {
                        (Field::FollowUp, _) => state.session.follow_ups.push(entered),
                        (_, Some(decision)) => {
                            let note = ReviewNote {
                                date: date.clone(),
                                attendees: state.session.attendees.clone(),
                                note: entered,
                            };
                            let result = review::add_review_note(&recorder.project, decision.id, note);
                            recorder.record(
                                &mut state.session,
                                decision.id,
                                result,
                                format!("Review: note on {}", adr_label(decision)),
                                false,
                            );
                        }
                        (_, None) => {}
                    }
                }
            }
            if escape && response.lost_focus() {
                text.clear();
            }
            if state.focus_request == Some(field) {
                response.request_focus();
            }
            if response.has_focus() {
                typing = Some(field);
            }
        });
    }
    typing
}

/// The problem, notice or follow-up count, and the key legend.
fn status_lines_ui(ui: &mut egui::Ui, state: &ReviewState, recorder: &Recorder, tokens: &Tokens) {
    if let Some(message) = recorder.message.as_ref().or(state.message.as_ref()) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    } else if let Some(notice) = &state.notice {
        ui.label(RichText::new(notice).color(tokens.accepted));
    } else if !state.session.follow_ups.is_empty() {
        ui.label(
            RichText::new(format!("{} open follow-up(s)", state.session.follow_ups.len()))
                .color(tokens.weak)
                .text_style(TextStyle::Small),
        );
    }
    ui.label(
        RichText::new(KEY_LEGEND)
            .text_style(TextStyle::Small)
            .color(tokens.weak),
    );
}

/// Marks or unmarks `name` as a decider of the meeting; a new decider is
/// also added to the decision on screen once this meeting has discussed it.
fn mark_decider(state: &mut ReviewState, current: Option<&Decision>, recorder: &mut Recorder, name: &str) {
    if !state.session.toggle_decider(name) {
        return;
    }
    if let Some(decision) = current.filter(|d| state.session.discussed.contains(&d.id)) {
        let result = review::add_decider(&recorder.project, decision.id, name);
        recorder.record(
            &mut state.session,
            decision.id,
            result,
            format!("Review: {name} decides {}", adr_label(decision)),
            false,
        );
    }
}

fn band_colour(kind: LayerKind, visuals: &egui::Visuals) -> Color32 {
    let light = Color32::from_hex(&crate::export::svg::band_fill(kind)).unwrap_or(Color32::LIGHT_GRAY);
    if visuals.dark_mode {
        // The same hue, sunk into the dark background.
        visuals.panel_fill.lerp_to_gamma(light, 0.12)
    } else {
        light
    }
}

/// The topology, scaled to fit, with the decision's components highlighted
/// and everything else dimmed.
fn topology_ui(ui: &mut egui::Ui, project: &Project, current: Option<&Decision>, tokens: &Tokens) {
    ui.add_space(6.0);
    ui.label(RichText::new("Topology").strong().color(tokens.weak));
    // The names of what the decision touches, readable from the back of
    // the room; the map below shows where they sit.
    let touched_names: Vec<&str> = current
        .map(|d| {
            d.components
                .iter()
                .filter_map(|id| project.component(*id))
                .map(|c| c.name.trim())
                .collect()
        })
        .unwrap_or_default();
    let names_height = if touched_names.is_empty() {
        30.0
    } else {
        (ui.available_height() * 0.3).clamp(60.0, 200.0)
    };
    let size = Vec2::new(ui.available_width(), (ui.available_height() - names_height).max(80.0));
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    if touched_names.is_empty() {
        ui.label(RichText::new("This decision names no components.").color(tokens.weak));
    } else {
        ui.label(RichText::new("Touches").strong().color(tokens.weak));
        ui.label(
            RichText::new(touched_names.join("  ·  "))
                .color(tokens.highlight)
                .strong(),
        );
    }
    topology_map_ui(ui, rect, project, current, tokens);
}

fn topology_map_ui(ui: &egui::Ui, rect: egui::Rect, project: &Project, current: Option<&Decision>, tokens: &Tokens) {
    let painter = ui.painter_at(rect);
    let geometry = Geometry::of(project);
    if geometry.width <= 0.0 || geometry.height <= 0.0 || project.components.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "No components yet",
            FontId::proportional(18.0),
            tokens.weak,
        );
        return;
    }
    let margin = 8.0;
    let scale = ((rect.width() - 2.0 * margin) / geometry.width)
        .min((rect.height() - 2.0 * margin) / geometry.height)
        .max(0.01);
    let drawn = Vec2::new(geometry.width, geometry.height) * scale;
    let origin = rect.center() - drawn / 2.0;
    let screen_from_canvas = |x: f32, y: f32| Pos2::new(origin.x + x * scale, origin.y + y * scale);
    let screen_rect = |r: crate::layout::Rect| {
        egui::Rect::from_min_max(screen_from_canvas(r.x, r.y), screen_from_canvas(r.right(), r.bottom()))
    };
    let visuals = ui.visuals();
    let touched: &[ComponentId] = current.map_or(&[], |d| d.components.as_slice());
    let dim = |c: Color32| c.gamma_multiply(0.35);
    let label_size = (11.0 * scale * 1.6).clamp(0.0, 16.0);

    for band in &geometry.bands {
        let band_rect = egui::Rect::from_min_max(
            screen_from_canvas(0.0, band.top),
            screen_from_canvas(geometry.width, band.bottom()),
        );
        painter.rect_filled(band_rect, 0.0, band_colour(band.kind, visuals));
        if label_size >= 7.0 {
            painter.text(
                band_rect.left_top() + Vec2::new(4.0, 2.0),
                Align2::LEFT_TOP,
                &band.name,
                FontId::proportional(label_size),
                tokens.weak,
            );
        }
    }
    for zone in &geometry.zones {
        let stroke = Stroke::new(1.0, dim(visuals.widgets.noninteractive.fg_stroke.color));
        painter.rect_stroke(screen_rect(zone.rect), 4.0, stroke, StrokeKind::Inside);
    }
    for dependency in &project.dependencies {
        let (Some(from), Some(to)) = (geometry.node(dependency.from), geometry.node(dependency.to)) else {
            continue;
        };
        let (fx, fy) = from.center();
        let (tx, ty) = to.center();
        let lit = touched.contains(&dependency.from) || touched.contains(&dependency.to);
        let stroke = if lit {
            Stroke::new(2.0, tokens.highlight.gamma_multiply(0.8))
        } else {
            Stroke::new(1.0, dim(visuals.widgets.noninteractive.fg_stroke.color))
        };
        painter.line_segment([screen_from_canvas(fx, fy), screen_from_canvas(tx, ty)], stroke);
    }
    for component in &project.components {
        let Some(node) = geometry.node(component.id) else {
            continue;
        };
        let node_rect = screen_rect(node);
        let lit = touched.contains(&component.id);
        let (fill, stroke, text) = if lit {
            (
                tokens.highlight.gamma_multiply(0.25),
                Stroke::new(2.5, tokens.highlight),
                tokens.strong,
            )
        } else {
            (
                dim(visuals.extreme_bg_color),
                Stroke::new(1.0, dim(visuals.widgets.noninteractive.fg_stroke.color)),
                dim(visuals.text_color()),
            )
        };
        painter.rect_filled(node_rect, 3.0, fill);
        painter.rect_stroke(node_rect, 3.0, stroke, StrokeKind::Inside);
        let size = if lit { label_size.max(11.0) } else { label_size };
        if size >= 9.0 || lit {
            // One line, cut to the box so neighbours never overlap.
            let mut job = egui::text::LayoutJob::simple_singleline(
                component.name.trim().to_owned(),
                FontId::proportional(size),
                text,
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width((node_rect.width() - 4.0).max(8.0));
            let galley = painter.layout_job(job);
            painter.galley(node_rect.center() - galley.size() / 2.0, galley, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> Project {
        crate::templates::dated_example("e-commerce")
    }

    #[test]
    fn stepping_clamps_and_resumes_after_a_filtered_out_decision() {
        let project = shop();
        let all = decisions_for(&project, &ReviewFilter::All);
        assert_eq!(step_from(&project, &all, None, 1), all.first().copied());
        assert_eq!(step_from(&project, &all, Some(all[0]), -1), Some(all[0]));
        let last = *all.last().expect("decisions");
        assert_eq!(step_from(&project, &all, Some(last), 1), Some(last));
        let proposed = decisions_for(&project, &ReviewFilter::ProposedOnly);
        // An accepted decision before the first proposed one steps into the list.
        let accepted = project
            .decisions
            .iter()
            .find(|d| d.status == DecisionStatus::Accepted)
            .map(|d| d.id)
            .expect("accepted");
        assert_eq!(
            step_from(&project, &proposed, Some(accepted), 1),
            proposed.first().copied()
        );
        assert_eq!(step_from(&project, &[], Some(accepted), 1), Some(accepted));
    }

    #[test]
    fn filters_cycle_through_linked_only_with_a_selection() {
        let mut state = ReviewState::new("2026-11-23");
        assert_eq!(state.next_filter(), ReviewFilter::ProposedOnly);
        state.filter = ReviewFilter::ProposedOnly;
        assert_eq!(state.next_filter(), ReviewFilter::All);
        let state = ReviewState::new("2026-11-23").with_selection(vec![ComponentId(3)]);
        assert_eq!(state.filter, ReviewFilter::LinkedTo(vec![ComponentId(3)]));
        assert_eq!(state.next_filter(), ReviewFilter::All);
    }
}
