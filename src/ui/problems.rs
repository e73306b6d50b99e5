//! The problems panel: the project's structural problems and architecture
//! lints ([`crate::lint::lint`]) listed live, with their counts for the
//! status bar.
//!
//! The lints run only when the project changes: the panel keeps the last
//! result keyed by a revision the app passes in (anything that changes
//! whenever the project does). Clicking a problem reports the
//! [`Place`] it names; the app selects and centres it.

use std::collections::{BTreeMap, HashMap};

use egui::{RichText, Ui};

use super::action::Action;
use super::tokens;
use super::widgets::label_widget;
use crate::check::{Diagnostic, Level, Place};
use crate::edit::{Edit, Section};
use crate::model::{ComponentId, DecisionId, LayerId, LintSuppression, Project, ZoneId};

/// How many problems of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProblemCounts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl ProblemCounts {
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.info
    }
    pub fn of(&self, level: Level) -> usize {
        match level {
            Level::Error => self.errors,
            Level::Warning => self.warnings,
            Level::Info => self.info,
        }
    }
}

/// Counts `diagnostics` by severity.
pub fn problem_counts(diagnostics: &[Diagnostic]) -> ProblemCounts {
    let mut counts = ProblemCounts::default();
    for diagnostic in diagnostics {
        match diagnostic.level {
            Level::Error => counts.errors += 1,
            Level::Warning => counts.warnings += 1,
            Level::Info => counts.info += 1,
        }
    }
    counts
}

/// How the panel groups the findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One group per lint rule, with its meaning and a way to hide it.
    #[default]
    ByRule,
    /// One group per component (or decision, layer, section...).
    ByPlace,
}

/// The panel's state: the cached lint result and which severities are
/// shown (not saved in the project).
#[derive(Clone, Debug)]
pub struct ProblemsState {
    /// The revision `diagnostics` were computed for.
    key: Option<u64>,
    diagnostics: Vec<Diagnostic>,
    counts: ProblemCounts,
    /// Findings of the rules the project hides, by code.
    suppressed: BTreeMap<&'static str, usize>,
    /// How many times the lints ran (tests check the cache with it).
    runs: usize,
    pub show_errors: bool,
    pub show_warnings: bool,
    pub show_info: bool,
    pub grouping: Grouping,
    /// The rule being hidden and the reason typed so far.
    hiding: Option<(&'static str, String)>,
    /// The problem last clicked (drawn selected).
    selected: Option<(&'static str, Place)>,
    /// The code of the problem clicked this frame.
    clicked_code: Option<&'static str>,
    /// The groups last shown and what they were made for: the panel
    /// draws every frame, and grouping thousands of findings each time
    /// would cost more than drawing the few rows in view.
    grouped: Option<(GroupsKey, Groups)>,
}

/// Findings in groups: (group key, members as indices into the findings).
pub type Groups = Vec<(String, Vec<usize>)>;

/// What the groups depend on: the lint result, the grouping and the
/// severity filter.
type GroupsKey = (Option<u64>, Grouping, [bool; 3]);

impl Default for ProblemsState {
    fn default() -> Self {
        ProblemsState {
            key: None,
            diagnostics: Vec::new(),
            counts: ProblemCounts::default(),
            suppressed: BTreeMap::new(),
            runs: 0,
            show_errors: true,
            show_warnings: true,
            show_info: true,
            grouping: Grouping::default(),
            hiding: None,
            selected: None,
            clicked_code: None,
            grouped: None,
        }
    }
}

impl ProblemsState {
    /// Runs the lints if `revision` differs from the one of the cached
    /// result. Returns whether they ran.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> bool {
        if self.key == Some(revision) {
            return false;
        }
        let (hidden, shown): (Vec<Diagnostic>, Vec<Diagnostic>) = crate::lint::lint_all(project)
            .into_iter()
            .partition(|d| project.suppresses(d.code));
        self.suppressed = BTreeMap::new();
        for diagnostic in hidden {
            *self.suppressed.entry(diagnostic.code).or_default() += 1;
        }
        self.diagnostics = shown;
        self.counts = problem_counts(&self.diagnostics);
        self.key = Some(revision);
        self.runs += 1;
        true
    }

    /// Forgets the cached result (for a caller whose revision numbers
    /// start again, e.g. a bare history in a test harness).
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    /// The problems not hidden by the project's suppressions.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn counts(&self) -> ProblemCounts {
        self.counts
    }

    /// How many findings of rule `code` the project hides.
    pub fn suppressed(&self, code: &str) -> usize {
        self.suppressed.get(code).copied().unwrap_or(0)
    }

    /// How many times the lints ran since the state was made.
    pub fn runs(&self) -> usize {
        self.runs
    }

    pub fn shows(&self, level: Level) -> bool {
        match level {
            Level::Error => self.show_errors,
            Level::Warning => self.show_warnings,
            Level::Info => self.show_info,
        }
    }

    fn toggle(&mut self, level: Level) {
        match level {
            Level::Error => self.show_errors = !self.show_errors,
            Level::Warning => self.show_warnings = !self.show_warnings,
            Level::Info => self.show_info = !self.show_info,
        }
    }

    /// The problems shown with the current filter.
    pub fn visible(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| self.shows(d.level))
    }

    /// The visible problems in groups, in order of first appearance (so
    /// the group of the first error comes first): (group key, members as
    /// indices into [`ProblemsState::diagnostics`]).
    pub fn groups(&self, project: &Project) -> Groups {
        let mut groups: Groups = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (at, diagnostic) in self.diagnostics.iter().enumerate() {
            if !self.shows(diagnostic.level) {
                continue;
            }
            let key = match self.grouping {
                Grouping::ByRule => diagnostic.code.to_owned(),
                Grouping::ByPlace => place_title(project, &diagnostic.place),
            };
            match index.get(&key) {
                Some(&group) => groups[group].1.push(at),
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push((key, vec![at]));
                }
            }
        }
        groups
    }

    /// The groups for this frame: the last ones while nothing they depend
    /// on changed. The caller gives them back with [`Self::keep_groups`].
    fn take_groups(&mut self, project: &Project) -> (GroupsKey, Groups) {
        let key = (
            self.key,
            self.grouping,
            [self.show_errors, self.show_warnings, self.show_info],
        );
        match self.grouped.take() {
            Some((cached, groups)) if cached == key => (key, groups),
            _ => (key, self.groups(project)),
        }
    }

    fn keep_groups(&mut self, key: GroupsKey, groups: Groups) {
        self.grouped = Some((key, groups));
    }
}

/// The title of the group of problems at `place`: the component's name,
/// the decision's number and title, or the section.
pub fn place_title(project: &Project, place: &Place) -> String {
    let named = |name: &str, fallback: String| {
        if name.trim().is_empty() {
            fallback
        } else {
            name.to_owned()
        }
    };
    match place {
        Place::Project => "Whole project".to_owned(),
        Place::Layer { id } => project.layer(LayerId(*id)).map_or_else(
            || format!("Layer {id}"),
            |l| format!("Layer {}", named(&l.name, id.to_string())),
        ),
        Place::Zone { id } => project.zone(ZoneId(*id)).map_or_else(
            || format!("Zone {id}"),
            |z| format!("Zone {}", named(&z.name, id.to_string())),
        ),
        Place::Component { id } => project.component(ComponentId(*id)).map_or_else(
            || format!("Component {id}"),
            |c| named(&c.name, format!("Component {id}")),
        ),
        Place::Dependency { id } => format!("Dependency {id}"),
        Place::Decision { id } => project.decisions.iter().find(|d| d.id == DecisionId(*id)).map_or_else(
            || format!("Decision {id}"),
            |d| format!("Decision {} {}", d.number, d.title),
        ),
        Place::Section { section, .. } => {
            let mut title = section.replace('_', " ");
            if let Some(first) = title.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            title
        }
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The status bar's summary of the cached result, e.g. "2 errors · 5
/// warnings"; "No problems" when there are none. Severities with no
/// problems are left out.
pub fn status_counts_text(state: &ProblemsState) -> String {
    let counts = state.counts();
    if counts.total() == 0 {
        return "No problems".to_owned();
    }
    let mut parts = Vec::new();
    if counts.errors > 0 {
        parts.push(plural(counts.errors, "error", "errors"));
    }
    if counts.warnings > 0 {
        parts.push(plural(counts.warnings, "warning", "warnings"));
    }
    if counts.info > 0 {
        parts.push(plural(counts.info, "note", "notes"));
    }
    parts.join(" · ")
}

/// The severity's glyph in the list.
pub fn level_icon(level: Level) -> &'static str {
    match level {
        Level::Error => "⊗",
        Level::Warning => "⚠",
        Level::Info => "ℹ",
    }
}

/// The accessible label of a problem's row: "L001: message".
pub fn row_label(diagnostic: &Diagnostic) -> String {
    format!("{}: {}", diagnostic.code, diagnostic.message)
}

/// Shows the problems of `project` (lints rerun only when `revision`
/// changes) with severity filters, grouped by rule or by place; returns
/// what the user asked for this frame.
pub fn problems_ui(ui: &mut Ui, project: &Project, revision: u64, state: &mut ProblemsState) -> Option<Action> {
    state.refresh(project, revision);
    header_ui(ui, state);
    ui.separator();
    let mut action = None;
    egui::ScrollArea::vertical()
        .id_salt("strata-problems")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if state.diagnostics.is_empty() {
                ui.weak("No problems found.");
            }
            let (groups_key, groups) = state.take_groups(project);
            let rows = RowBudget::for_rows(groups.iter().map(|(_, members)| members.len()).sum());
            for (key, members) in &groups {
                if let Some(asked) = group_ui(ui, project, state, key, members, rows) {
                    action = Some(asked);
                }
            }
            state.keep_groups(groups_key, groups);
            let hidden = state.diagnostics.len() - state.visible().count();
            if hidden > 0 {
                ui.weak(format!("{hidden} hidden by the filter"));
            }
            if let Some(asked) = suppressions_ui(ui, project, state) {
                action = Some(asked);
            }
        });
    if let Some(Action::GoTo(place)) = &action
        && let Some(code) = state.clicked_code.take()
    {
        state.selected = Some((code, place.clone()));
    }
    action
}

/// The title row: severity filters and the grouping.
fn header_ui(ui: &mut Ui, state: &mut ProblemsState) {
    let palette = tokens::palette(ui.visuals().dark_mode);
    let counts = state.counts();
    ui.horizontal_wrapped(|ui| {
        ui.strong("Problems");
        for (level, name) in [
            (Level::Error, "Errors"),
            (Level::Warning, "Warnings"),
            (Level::Info, "Info"),
        ] {
            let color = tokens::level_color(level, palette);
            let text = RichText::new(format!("{} {name} {}", level_icon(level), counts.of(level)));
            let text = if counts.of(level) > 0 { text.color(color) } else { text };
            let response = ui
                .add(egui::Button::selectable(state.shows(level), text))
                .on_hover_text(format!("Show or hide {}", name.to_lowercase()));
            label_widget(ui, &response, &format!("{name} {}", counts.of(level)), None);
            if response.clicked() {
                state.toggle(level);
            }
        }
        ui.separator();
        ui.weak("Group by");
        for (grouping, name) in [(Grouping::ByRule, "Rule"), (Grouping::ByPlace, "Component")] {
            let response = ui
                .add(egui::Button::selectable(state.grouping == grouping, name))
                .on_hover_text(format!("Group the problems by {}", name.to_lowercase()));
            label_widget(ui, &response, &format!("Group by {}", name.to_lowercase()), None);
            if response.clicked() {
                state.grouping = grouping;
            }
        }
    });
}

/// The accessible label of a group's header, e.g. "L005 (3)".
pub fn group_label(title: &str, count: usize) -> String {
    format!("{title} ({count})")
}

/// One collapsible group; for a rule, its meaning and "Hide this rule".
fn group_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut ProblemsState,
    key: &str,
    members: &[usize],
    rows: RowBudget,
) -> Option<Action> {
    let rule = match state.grouping {
        Grouping::ByRule => crate::lint::rule_for(key),
        Grouping::ByPlace => None,
    };
    let title = match rule {
        Some(rule) => format!("{key} · {}", rule.meaning),
        None => key.to_owned(),
    };
    let mut action = None;
    let header = egui::CollapsingHeader::new(RichText::new(group_label(&title, members.len())).strong())
        .id_salt(("strata-problem-group", state.grouping == Grouping::ByRule, key))
        .default_open(true)
        .show(ui, |ui| {
            if let Some(rule) = rule
                && let Some(asked) = hide_rule_ui(ui, project, state, rule.code)
            {
                action = Some(asked);
            }
            for &at in members {
                let Some(diagnostic) = state.diagnostics.get(at) else {
                    continue;
                };
                let row = ui.id().with(("strata-problem-row", at));
                if rows.row(ui, row, |ui| problem_row(ui, state, diagnostic)) {
                    state.clicked_code = Some(diagnostic.code);
                    action = Some(Action::GoTo(diagnostic.place.clone()));
                }
            }
        });
    label_widget(ui, &header.header_response, &group_label(key, members.len()), None);
    action
}

/// "Hide this rule…", then the reason asked before the rule is hidden.
fn hide_rule_ui(ui: &mut Ui, project: &Project, state: &mut ProblemsState, code: &'static str) -> Option<Action> {
    let editing = matches!(&state.hiding, Some((hiding, _)) if *hiding == code);
    if !editing {
        let response = ui
            .small_button(format!("Hide {code} for this project…"))
            .on_hover_text("Stop showing this rule's findings in this project, with a reason kept in the file");
        if response.clicked() {
            state.hiding = Some((code, String::new()));
        }
        return None;
    }
    let mut action = None;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let Some((_, reason)) = state.hiding.as_mut() else {
            return;
        };
        ui.label("Why?");
        let field = ui.add(
            egui::TextEdit::singleline(reason)
                .hint_text("e.g. the buckets are filled by a batch outside this design")
                .desired_width(320.0),
        );
        label_widget(ui, &field, &format!("Reason for hiding {code}"), None);
        let reason = reason.trim().to_owned();
        let hide = ui.add_enabled(!reason.is_empty(), egui::Button::new(format!("Hide {code}")));
        if hide.clicked() {
            let mut suppressions = project.lint_suppressions.clone();
            suppressions.retain(|s| s.code != code);
            suppressions.push(LintSuppression {
                code: code.to_owned(),
                reason,
            });
            action = Some(Action::Edit {
                merge_key: None,
                edit: Edit::SetSection(Box::new(Section::LintSuppressions(suppressions))),
                label: format!("Hide rule {code}"),
            });
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if close {
        state.hiding = None;
    }
    action
}

/// The rules the project hides, each with its reason, how many findings
/// it hides and "Show again".
fn suppressions_ui(ui: &mut Ui, project: &Project, state: &ProblemsState) -> Option<Action> {
    if project.lint_suppressions.is_empty() {
        return None;
    }
    let mut action = None;
    ui.add_space(4.0);
    let title = format!("Hidden rules ({})", project.lint_suppressions.len());
    egui::CollapsingHeader::new(RichText::new(&title).weak())
        .id_salt("strata-hidden-rules")
        .default_open(true)
        .show(ui, |ui| {
            for suppression in &project.lint_suppressions {
                ui.horizontal_wrapped(|ui| {
                    let meaning = crate::lint::rule_for(&suppression.code).map_or("", |r| r.meaning);
                    ui.label(RichText::new(&suppression.code).monospace());
                    ui.label(format!(
                        "{meaning} · {} hidden · because: {}",
                        state.suppressed(&suppression.code),
                        suppression.reason
                    ));
                    let response = ui.small_button("Show again");
                    label_widget(ui, &response, &format!("Show {} again", suppression.code), None);
                    if response.clicked() {
                        let mut suppressions = project.lint_suppressions.clone();
                        suppressions.retain(|s| s.code != suppression.code);
                        action = Some(Action::Edit {
                            merge_key: None,
                            edit: Edit::SetSection(Box::new(Section::LintSuppressions(suppressions))),
                            label: format!("Show rule {} again", suppression.code),
                        });
                    }
                });
            }
        });
    action
}

/// One problem: icon, code and message, selectable; returns whether it was
/// clicked.
fn problem_row(ui: &mut Ui, state: &ProblemsState, diagnostic: &Diagnostic) -> bool {
    let selected = state
        .selected
        .as_ref()
        .is_some_and(|(code, place)| *code == diagnostic.code && *place == diagnostic.place);
    let meaning = crate::lint::rule_for(diagnostic.code).map(|rule| rule.meaning);
    diagnostic_row(ui, selected, diagnostic, meaning)
}

/// How a list of findings is laid out: every row while the list is short,
/// so each is reachable by its label (screen readers, keyboard, tests)
/// and can scroll itself into view; past [`RowBudget::LAZY_AFTER`] rows
/// only the rows in view are laid out, each row out of view keeping the
/// room it took when last drawn (one line until then). Thousands of
/// findings then cost what the rows on screen cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RowBudget {
    lazy: bool,
}

impl RowBudget {
    /// Rows laid out in full every frame; a longer list is laid out lazily.
    pub(crate) const LAZY_AFTER: usize = 200;

    pub(crate) fn for_rows(count: usize) -> RowBudget {
        RowBudget {
            lazy: count > Self::LAZY_AFTER,
        }
    }

    /// Shows the row `id` with `show` (which returns whether it was
    /// clicked) where it can be seen, or only its room where not.
    pub(crate) fn row(self, ui: &mut Ui, id: egui::Id, show: impl FnOnce(&mut Ui) -> bool) -> bool {
        if !self.lazy {
            return show(ui);
        }
        let width = ui.available_width();
        let one_line = (ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y)
            .max(ui.spacing().interact_size.y);
        let height = ui.data(|d| d.get_temp::<f32>(id)).unwrap_or(one_line);
        let room = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
        if !ui.is_rect_visible(room) {
            ui.allocate_space(egui::vec2(width, height));
            return false;
        }
        let top = ui.cursor().min.y;
        let clicked = show(ui);
        let drawn = ui.min_rect().bottom() - top;
        if drawn > 0.0 && (drawn - height).abs() > 0.5 {
            ui.data_mut(|d| d.insert_temp(id, drawn));
        }
        clicked
    }
}

/// A finding's row: icon, code and message, selectable, with the rule's
/// `meaning` on hover; returns whether it was clicked. The problems and
/// the drift panels list their findings with it.
pub(crate) fn diagnostic_row(ui: &mut Ui, selected: bool, diagnostic: &Diagnostic, meaning: Option<&str>) -> bool {
    let palette = tokens::palette(ui.visuals().dark_mode);
    let width = ui.available_width();
    let color = tokens::level_color(diagnostic.level, palette);
    let button = egui::Button::selectable(
        selected,
        (
            RichText::new(level_icon(diagnostic.level)).color(color),
            RichText::new(diagnostic.code).monospace().color(color),
            // The message is the part that wraps (egui would otherwise
            // pick the first text, the icon).
            egui::AtomExt::atom_shrink(diagnostic.message.as_str(), true),
        ),
    )
    .wrap()
    .min_size(egui::vec2(width, 0.0));
    let response = ui.add(button);
    label_widget(ui, &response, &row_label(diagnostic), None);
    let response = match meaning {
        Some(meaning) => response.on_hover_text(format!("{} {}: {meaning}", diagnostic.level.label(), diagnostic.code)),
        None => response.on_hover_text(format!("{} {}", diagnostic.level.label(), diagnostic.code)),
    };
    response.clicked()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Place;

    fn diagnostic(level: Level) -> Diagnostic {
        Diagnostic {
            level,
            code: "L001",
            message: "m".into(),
            place: Place::Project,
        }
    }

    #[test]
    fn counts_by_level() {
        let list = [
            diagnostic(Level::Error),
            diagnostic(Level::Warning),
            diagnostic(Level::Warning),
            diagnostic(Level::Info),
        ];
        assert_eq!(
            problem_counts(&list),
            ProblemCounts {
                errors: 1,
                warnings: 2,
                info: 1
            }
        );
        assert_eq!(problem_counts(&[]).total(), 0);
    }

    #[test]
    fn lints_rerun_only_when_the_revision_changes() {
        let mut project = crate::templates::default_project();
        let mut state = ProblemsState::default();
        assert!(state.refresh(&project, 1));
        assert!(!state.refresh(&project, 1));
        assert_eq!(state.runs(), 1);
        let before = state.counts();
        // Strip a component of its responsibilities: one more L001 warning,
        // but only once the revision moves.
        let component = project
            .components
            .iter_mut()
            .find(|c| !c.kind.is_outside() && !c.responsibilities.is_empty())
            .expect("a component with responsibilities");
        component.responsibilities = Default::default();
        assert!(!state.refresh(&project, 1));
        assert_eq!(state.counts(), before);
        assert!(state.refresh(&project, 2));
        assert_eq!(state.runs(), 2);
        assert_eq!(state.counts().warnings, before.warnings + 1);
        state.invalidate();
        assert!(state.refresh(&project, 2));
    }

    #[test]
    fn status_text_names_the_nonzero_counts() {
        let mut state = ProblemsState::default();
        assert_eq!(status_counts_text(&state), "No problems");
        state.counts = ProblemCounts {
            errors: 2,
            warnings: 5,
            info: 0,
        };
        assert_eq!(status_counts_text(&state), "2 errors · 5 warnings");
        state.counts = ProblemCounts {
            errors: 0,
            warnings: 1,
            info: 3,
        };
        assert_eq!(status_counts_text(&state), "1 warning · 3 notes");
    }

    #[test]
    fn the_filter_hides_levels() {
        let mut state = ProblemsState {
            diagnostics: vec![diagnostic(Level::Error), diagnostic(Level::Warning)],
            ..ProblemsState::default()
        };
        assert_eq!(state.visible().count(), 2);
        state.toggle(Level::Warning);
        assert_eq!(state.visible().count(), 1);
        assert!(state.visible().all(|d| d.level == Level::Error));
    }
}
