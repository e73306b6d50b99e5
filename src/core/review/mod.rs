//! Reviewing decisions in a meeting, without any GUI: which decisions to
//! present, the edits that record an outcome, and the minutes file.
//!
//! Every outcome function returns one [`Edit`] (a single undoable step) or a
//! [`ReviewError`] saying why nothing can be recorded. They read the project
//! and never change it; the caller applies the edit through
//! [`crate::edit::History`].

use std::io;
use std::path::{Path, PathBuf};

use crate::edit::Edit;
use crate::export::markdown::{Cell, Markdown, link};
use crate::export::text::{block, inline};
use crate::model::*;

/// Which decisions a review steps through.
#[derive(Clone, Debug, PartialEq, Eq, Default, strum::IntoStaticStr)]
pub enum ReviewFilter {
    #[default]
    #[strum(serialize = "All decisions")]
    All,
    /// Only decisions still waiting for an outcome.
    #[strum(serialize = "Proposed only")]
    ProposedOnly,
    /// Decisions that concern at least one of these components.
    #[strum(serialize = "Linked to the selection")]
    LinkedTo(Vec<ComponentId>),
}

impl ReviewFilter {
    pub fn label(&self) -> &'static str {
        self.into()
    }

    pub fn accepts(&self, decision: &Decision) -> bool {
        match self {
            ReviewFilter::All => true,
            ReviewFilter::ProposedOnly => decision.status == DecisionStatus::Proposed,
            ReviewFilter::LinkedTo(components) => decision.components.iter().any(|c| components.contains(c)),
        }
    }
}

/// The decisions a filter keeps, in project order.
pub fn decisions_for(project: &Project, filter: &ReviewFilter) -> Vec<DecisionId> {
    project
        .decisions
        .iter()
        .filter(|d| filter.accepts(d))
        .map(|d| d.id)
        .collect()
}

pub use crate::model::adr_label;

pub mod since;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReviewError {
    #[error("{0} does not exist")]
    MissingDecision(DecisionId),
    #[error("{decision} has no option {option}")]
    MissingOption { decision: DecisionId, option: OptionId },
    #[error("the successor {0} does not exist; create the new decision first")]
    MissingSuccessor(DecisionId),
    #[error("a decision cannot supersede itself; pick another decision")]
    SelfSupersede,
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD")]
    InvalidDate(String),
    #[error("a name is needed")]
    EmptyName,
    #[error("a note needs some text")]
    EmptyNote,
    #[error("a rationale is needed: say why this outcome")]
    NoRationale,
    /// The decision already says this; no step is recorded.
    #[error("nothing to change")]
    Unchanged,
}

fn decision(project: &Project, id: DecisionId) -> Result<&Decision, ReviewError> {
    project.decision(id).ok_or(ReviewError::MissingDecision(id))
}

/// One `UpdateDecision` from a changed copy, or `Unchanged`.
fn update(project: &Project, id: DecisionId, change: impl FnOnce(&mut Decision)) -> Result<Edit, ReviewError> {
    let before = decision(project, id)?;
    let mut after = before.clone();
    change(&mut after);
    if after == *before {
        return Err(ReviewError::Unchanged);
    }
    Ok(Edit::UpdateDecision(Box::new(after)))
}

fn check_date(date: &str) -> Result<(), ReviewError> {
    if crate::is_iso_date(date) {
        Ok(())
    } else {
        Err(ReviewError::InvalidDate(date.to_owned()))
    }
}

/// Marks `option` as the chosen one.
pub fn choose_option(project: &Project, id: DecisionId, option: OptionId) -> Result<Edit, ReviewError> {
    let current = decision(project, id)?;
    if current.option(option).is_none() {
        return Err(ReviewError::MissingOption { decision: id, option });
    }
    update(project, id, |d| d.chosen = Some(option))
}

/// Sets the status. `Superseded { by }` needs `by` to exist and be another
/// decision; the successor then gets a review note dated `date` saying what
/// it supersedes, in the same step (so the link points both ways).
pub fn set_status(project: &Project, id: DecisionId, status: DecisionStatus, date: &str) -> Result<Edit, ReviewError> {
    record_outcome(project, id, status, None, &[], date)
}

/// The whole outcome of a discussion as one step: the status, optionally the
/// decision date, and the people who decided (added to the deciders, never
/// removed). Superseding also notes the link on the successor, dated `date`.
pub fn record_outcome(
    project: &Project,
    id: DecisionId,
    status: DecisionStatus,
    decided_on: Option<&str>,
    deciders: &[String],
    date: &str,
) -> Result<Edit, ReviewError> {
    outcome(project, id, status, decided_on, deciders, date, None)
}

/// An outcome together with the reason for it, as one step (accepting or
/// rejecting a decision that had no rationale). The rationale must say
/// something.
pub fn record_outcome_with_rationale(
    project: &Project,
    id: DecisionId,
    status: DecisionStatus,
    rationale: &str,
    deciders: &[String],
    date: &str,
) -> Result<Edit, ReviewError> {
    if rationale.trim().is_empty() {
        return Err(ReviewError::NoRationale);
    }
    outcome(project, id, status, Some(date), deciders, date, Some(rationale.trim()))
}

fn outcome(
    project: &Project,
    id: DecisionId,
    status: DecisionStatus,
    decided_on: Option<&str>,
    deciders: &[String],
    date: &str,
    rationale: Option<&str>,
) -> Result<Edit, ReviewError> {
    let current = decision(project, id)?;
    if let Some(day) = decided_on {
        check_date(day)?;
    }
    let successor = match status {
        DecisionStatus::Superseded { by } if by == id => return Err(ReviewError::SelfSupersede),
        DecisionStatus::Superseded { by } => Some(project.decision(by).ok_or(ReviewError::MissingSuccessor(by))?),
        _ => None,
    };
    let own = update(project, id, |d| {
        d.status = status;
        if let Some(day) = decided_on {
            d.date = day.to_owned();
        }
        if let Some(rationale) = rationale {
            d.rationale = rationale.to_owned();
        }
        for name in deciders {
            let name = name.trim();
            if !name.is_empty() && !d.deciders.iter().any(|n| n == name) {
                d.deciders.push(name.to_owned());
            }
        }
    })?;
    let Some(successor) = successor else {
        return Ok(own);
    };
    let note = format!("Supersedes {}: {}", adr_label(current), current.title.trim());
    let mut back = successor.clone();
    if !back.review_notes.iter().any(|n| n.note == note) {
        back.review_notes.push(ReviewNote {
            date: date.to_owned(),
            attendees: deciders.to_vec(),
            note,
        });
    }
    if back == *successor {
        return Ok(own);
    }
    Ok(Edit::Batch(vec![own, Edit::UpdateDecision(Box::new(back))]))
}

/// Supersedes `id` by `by` (see [`set_status`]).
pub fn supersede(project: &Project, id: DecisionId, by: DecisionId, date: &str) -> Result<Edit, ReviewError> {
    set_status(project, id, DecisionStatus::Superseded { by }, date)
}

/// Defers a decision: it stays (or becomes) proposed and gets a review note
/// dated `date` with the attendees and `note` (a default text when empty).
pub fn defer(
    project: &Project,
    id: DecisionId,
    date: &str,
    attendees: &[String],
    note: &str,
) -> Result<Edit, ReviewError> {
    check_date(date)?;
    let text = if note.trim().is_empty() {
        "Deferred in review: still proposed, to be revisited.".to_owned()
    } else {
        format!("Deferred in review: {}", note.trim())
    };
    update(project, id, |d| {
        d.status = DecisionStatus::Proposed;
        d.review_notes.push(ReviewNote {
            date: date.to_owned(),
            attendees: attendees.to_vec(),
            note: text,
        });
    })
}

/// Sets the decision date (`YYYY-MM-DD`).
pub fn set_date(project: &Project, id: DecisionId, date: &str) -> Result<Edit, ReviewError> {
    check_date(date)?;
    update(project, id, |d| d.date = date.to_owned())
}

/// Adds a person to the deciders (once).
pub fn add_decider(project: &Project, id: DecisionId, name: &str) -> Result<Edit, ReviewError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ReviewError::EmptyName);
    }
    update(project, id, |d| {
        if !d.deciders.iter().any(|n| n == name) {
            d.deciders.push(name.to_owned());
        }
    })
}

/// Removes a person from the deciders.
pub fn remove_decider(project: &Project, id: DecisionId, name: &str) -> Result<Edit, ReviewError> {
    let name = name.trim();
    update(project, id, |d| d.deciders.retain(|n| n != name))
}

/// Replaces the rationale.
pub fn set_rationale(project: &Project, id: DecisionId, rationale: &str) -> Result<Edit, ReviewError> {
    update(project, id, |d| d.rationale = rationale.trim().to_owned())
}

/// Appends a review note.
pub fn add_review_note(project: &Project, id: DecisionId, note: ReviewNote) -> Result<Edit, ReviewError> {
    if note.note.trim().is_empty() {
        return Err(ReviewError::EmptyNote);
    }
    check_date(&note.date)?;
    update(project, id, |d| d.review_notes.push(note))
}

/// One meeting: who came, what was discussed, what is left to do.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReviewSession {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub attendees: Vec<String>,
    /// The attendees the architect marked as deciders: outcomes recorded in
    /// this meeting name them (and only them) as the decision's deciders.
    pub deciders: Vec<String>,
    /// In the order they were first discussed, each once.
    pub discussed: Vec<DecisionId>,
    pub follow_ups: Vec<String>,
}

impl ReviewSession {
    pub fn new(date: &str) -> ReviewSession {
        ReviewSession {
            date: date.to_owned(),
            ..ReviewSession::default()
        }
    }

    /// Adds an attendee once; returns false for an empty or known name.
    pub fn add_attendee(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() || self.attendees.iter().any(|a| a == name) {
            return false;
        }
        self.attendees.push(name.to_owned());
        true
    }

    /// Marks an attendee as a decider, or no longer; an unknown name joins
    /// the meeting first. Returns whether the name now decides.
    pub fn toggle_decider(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.add_attendee(name);
        if let Some(index) = self.deciders.iter().position(|d| d == name) {
            self.deciders.remove(index);
            false
        } else {
            self.deciders.push(name.to_owned());
            true
        }
    }

    pub fn mark_discussed(&mut self, id: DecisionId) {
        if !self.discussed.contains(&id) {
            self.discussed.push(id);
        }
    }
}

/// `reviews/YYYY-MM-DD-review.md`, relative to the spec folder. A date that
/// is not `YYYY-MM-DD` gives `reviews/undated-review.md` rather than a
/// strange path.
pub fn minutes_file_name(date: &str) -> String {
    if crate::is_iso_date(date) {
        format!("reviews/{date}-review.md")
    } else {
        "reviews/undated-review.md".to_owned()
    }
}

/// A decision's outcome in words, user text unescaped (the writer escapes
/// it where it lands).
fn status_text(project: &Project, decision: &Decision) -> String {
    match decision.status {
        DecisionStatus::Superseded { by } => match project.decision(by) {
            Some(successor) => format!("Superseded by {}: {}", adr_label(successor), successor.title),
            None => "Superseded (successor missing)".to_owned(),
        },
        other => other.label().to_owned(),
    }
}

/// User text for a line of the minutes, or Strata's placeholder (already
/// Markdown) when it is blank.
fn or_placeholder(text: &str, placeholder: &str) -> String {
    if text.trim().is_empty() {
        placeholder.to_owned()
    } else {
        inline(text)
    }
}

/// The minutes of a session as Markdown.
pub fn minutes_markdown(project: &Project, session: &ReviewSession) -> String {
    let mut out = Markdown::new();
    let date = or_placeholder(&session.date, "undated");
    writeln!(out, "# Decision review {date}: {}\n", inline(&project.meta.name));
    let snapshot = since::snapshot_file_name(&session.date);
    let snapshot = snapshot.trim_start_matches("reviews/");
    writeln!(
        out,
        "The project as it stood in this review is {}: the next review opens with what changed since.\n",
        link(snapshot, snapshot)
    );
    out.push_str("## Attendees\n\n");
    let attendees: Vec<String> = session
        .attendees
        .iter()
        .map(|a| {
            if session.deciders.contains(a) && !inline(a).is_empty() {
                format!("{a} (decider)")
            } else {
                a.clone()
            }
        })
        .collect();
    out.bullets(&attendees, "_Not recorded._");

    out.push_str("## Decisions discussed\n\n");
    let discussed: Vec<&Decision> = session
        .discussed
        .iter()
        .filter_map(|id| project.decision(*id))
        .collect();
    if discussed.is_empty() {
        out.push_str("_No decision was discussed._\n\n");
    } else {
        let rows: Vec<Vec<Cell>> = discussed
            .iter()
            .map(|d| {
                vec![
                    Cell::markdown(adr_label(d)),
                    Cell::text(&d.title),
                    Cell::text(&status_text(project, d)),
                    Cell::text(d.chosen_option().map_or("", |o| o.name.as_str())),
                ]
            })
            .collect();
        out.table(&["Record", "Decision", "Outcome", "Chosen option"], &rows);
    }
    for d in &discussed {
        minutes_decision(&mut out, project, session, d);
    }

    out.push_str("## Open follow-ups\n\n");
    let mut follow_ups: Vec<String> = session
        .follow_ups
        .iter()
        .map(|f| inline(f))
        .filter(|f| !f.is_empty())
        .collect();
    for d in &discussed {
        if d.status == DecisionStatus::Proposed {
            follow_ups.push(format!("{} is still proposed: {}", adr_label(d), inline(&d.title)));
        }
    }
    if follow_ups.is_empty() {
        out.push_str("None.\n");
    } else {
        for item in follow_ups {
            writeln!(out, "- [ ] {item}");
        }
    }
    out.into_string()
}

/// One discussed decision's section of the minutes.
fn minutes_decision(out: &mut Markdown, project: &Project, session: &ReviewSession, d: &Decision) {
    writeln!(out, "### {}: {}\n", adr_label(d), inline(&d.title));
    writeln!(out, "- **Outcome:** {}", inline(&status_text(project, d)));
    let chosen = d.chosen_option().map_or("", |o| o.name.as_str());
    writeln!(out, "- **Chosen option:** {}", or_placeholder(chosen, "_none yet_"));
    writeln!(out, "- **Date:** {}", or_placeholder(&d.date, "_not decided_"));
    writeln!(
        out,
        "- **Deciders:** {}\n",
        or_placeholder(&d.deciders.join(", "), "_not recorded_")
    );
    let rationale = block(&d.rationale);
    if rationale.is_empty() {
        out.push_str("**Rationale:** _not recorded_\n\n");
    } else {
        writeln!(out, "**Rationale:**\n\n{rationale}\n");
    }
    let notes: Vec<String> = d
        .review_notes
        .iter()
        .filter(|n| n.date == session.date)
        .map(|n| n.note.clone())
        .collect();
    if notes.iter().any(|n| !inline(n).is_empty()) {
        out.push_str("**Notes from this review:**\n\n");
        out.bullets(&notes, "");
    }
}

/// The files a review leaves in the spec folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub minutes: PathBuf,
    /// The project as it stood in the meeting (see [`since`]).
    pub snapshot: PathBuf,
}

/// Writes the minutes to `<spec_folder>/reviews/YYYY-MM-DD-review.md` and
/// the project as reviewed beside them, each atomically (a temporary file
/// renamed into place).
pub fn write_minutes(project: &Project, session: &ReviewSession, spec_folder: &Path) -> io::Result<Written> {
    let path = spec_folder.join(minutes_file_name(&session.date));
    let folder = path.parent().map_or_else(|| spec_folder.to_owned(), Path::to_path_buf);
    std::fs::create_dir_all(&folder)?;
    let snapshot = since::write_snapshot(project, &session.date, spec_folder)
        .map_err(|error| io::Error::other(error.to_string()))?;
    crate::store::replace_atomically(&path, minutes_markdown(project, session).as_bytes())
        .map_err(|error| io::Error::other(error.to_string()))?;
    Ok(Written {
        minutes: path,
        snapshot,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn shop() -> Project {
        crate::templates::dated_example("e-commerce")
    }

    fn proposed(project: &Project) -> DecisionId {
        project
            .decisions
            .iter()
            .find(|d| d.status == DecisionStatus::Proposed && d.options.len() >= 2)
            .map(|d| d.id)
            .expect("the example has a proposed decision with options")
    }

    fn apply(project: &mut Project, history: &mut History, edit: Edit) {
        history.apply(project, edit, "review").expect("edit applies");
    }

    #[test]
    fn filters_pick_decisions_in_project_order() {
        let project = shop();
        let all = decisions_for(&project, &ReviewFilter::All);
        assert_eq!(all.len(), project.decisions.len());
        let proposed = decisions_for(&project, &ReviewFilter::ProposedOnly);
        assert!(!proposed.is_empty());
        assert!(proposed.len() < all.len());
        for id in &proposed {
            assert_eq!(project.decision(*id).map(|d| d.status), Some(DecisionStatus::Proposed));
        }
        let first = &project.decisions[0];
        let component = first.components[0];
        let linked = decisions_for(&project, &ReviewFilter::LinkedTo(vec![component]));
        assert!(linked.contains(&first.id));
        for id in &linked {
            assert!(project.decision(*id).is_some_and(|d| d.components.contains(&component)));
        }
        assert!(decisions_for(&project, &ReviewFilter::LinkedTo(Vec::new())).is_empty());
    }

    #[test]
    fn minutes_escape_every_piece_of_user_text() {
        let mut project = shop();
        let id = proposed(&project);
        let decision = project.decisions.iter_mut().find(|d| d.id == id).expect("decision");
        decision.title = "Cache <script>x</script> | or not".to_owned();
        decision.options[0].name = "Redis | <b>cluster</b>".to_owned();
        decision.chosen = Some(decision.options[0].id);
        decision.deciders = vec!["<i>Ana</i>".to_owned()];
        let mut session = ReviewSession::new("2026-12-02");
        session.add_attendee("<img src=x> Bo");
        session.toggle_decider("<img src=x> Bo");
        session.follow_ups.push("Ask <ops> & sec".to_owned());
        session.mark_discussed(id);

        let minutes = minutes_markdown(&project, &session);
        for raw in ["<script>", "<b>", "<i>", "<img", "<ops>"] {
            assert!(!minutes.contains(raw), "{raw} reached the minutes raw:\n{minutes}");
        }
        assert!(minutes.contains("- &lt;img src=x&gt; Bo (decider)"), "{minutes}");
        assert!(
            minutes.contains("| Cache &lt;script&gt;x&lt;/script&gt; \\| or not |"),
            "{minutes}"
        );
        assert!(minutes.contains("Redis \\| &lt;b&gt;cluster&lt;/b&gt;"), "{minutes}");
        assert!(minutes.contains("- **Deciders:** &lt;i&gt;Ana&lt;/i&gt;"), "{minutes}");
        assert!(minutes.contains("- [ ] Ask &lt;ops&gt; &amp; sec"), "{minutes}");
    }

    #[test]
    fn choosing_an_option_is_one_undoable_step() {
        let mut project = shop();
        let original = project.clone();
        let id = proposed(&project);
        let option = project.decision(id).map(|d| d.options[1].id).expect("option");
        let mut history = History::new();
        let edit = choose_option(&project, id, option).expect("edit");
        apply(&mut project, &mut history, edit);
        assert_eq!(project.decision(id).and_then(|d| d.chosen), Some(option));
        assert_eq!(
            choose_option(&project, id, option),
            Err(ReviewError::Unchanged),
            "choosing it again records nothing"
        );
        assert!(matches!(
            choose_option(&project, id, OptionId(999)),
            Err(ReviewError::MissingOption { .. })
        ));
        assert_eq!(
            choose_option(&project, DecisionId(999), option),
            Err(ReviewError::MissingDecision(DecisionId(999)))
        );
        history.undo(&mut project);
        assert_eq!(project, original);
    }

    #[test]
    fn statuses_accept_reject_deprecate() {
        let mut project = shop();
        let id = proposed(&project);
        for status in [
            DecisionStatus::Accepted,
            DecisionStatus::Rejected,
            DecisionStatus::Deprecated,
            DecisionStatus::Proposed,
        ] {
            let edit = set_status(&project, id, status, "2026-11-23").expect("edit");
            edit.apply(&mut project).expect("applies");
            assert_eq!(project.decision(id).map(|d| d.status), Some(status));
        }
        assert_eq!(
            set_status(&project, id, DecisionStatus::Proposed, "2026-11-23"),
            Err(ReviewError::Unchanged)
        );
    }

    #[test]
    fn record_outcome_sets_status_date_and_deciders_at_once() {
        let mut project = shop();
        let original = project.clone();
        let id = proposed(&project);
        let people = vec!["Ana".to_owned(), " ".to_owned(), "Bo".to_owned()];
        let mut history = History::new();
        let edit = record_outcome(
            &project,
            id,
            DecisionStatus::Accepted,
            Some("2026-11-23"),
            &people,
            "2026-11-23",
        )
        .expect("edit");
        apply(&mut project, &mut history, edit);
        let decided = project.decision(id).expect("decision");
        assert_eq!(decided.status, DecisionStatus::Accepted);
        assert_eq!(decided.date, "2026-11-23");
        assert!(decided.deciders.ends_with(&["Ana".to_owned(), "Bo".to_owned()]));
        assert_eq!(history.steps().len(), 1);
        assert_eq!(
            record_outcome(
                &project,
                id,
                DecisionStatus::Accepted,
                Some("23/11/2026"),
                &[],
                "2026-11-23"
            ),
            Err(ReviewError::InvalidDate("23/11/2026".to_owned()))
        );
        history.undo(&mut project);
        assert_eq!(project, original);
    }

    #[test]
    fn superseding_needs_a_successor_that_points_back() {
        let mut project = shop();
        let original = project.clone();
        let id = proposed(&project);
        let successor = project
            .decisions
            .iter()
            .find(|d| d.id != id)
            .map(|d| d.id)
            .expect("another decision");
        assert_eq!(
            supersede(&project, id, DecisionId(999), "2026-11-23"),
            Err(ReviewError::MissingSuccessor(DecisionId(999)))
        );
        assert_eq!(
            supersede(&project, id, id, "2026-11-23"),
            Err(ReviewError::SelfSupersede)
        );

        let mut history = History::new();
        let edit = supersede(&project, id, successor, "2026-11-23").expect("edit");
        assert!(matches!(edit, Edit::Batch(ref edits) if edits.len() == 2));
        apply(&mut project, &mut history, edit);
        assert_eq!(
            project.decision(id).map(|d| d.status),
            Some(DecisionStatus::Superseded { by: successor })
        );
        let label = project.decision(id).map(adr_label).expect("label");
        let back = project.decision(successor).expect("successor");
        assert!(
            back.review_notes
                .iter()
                .any(|n| n.date == "2026-11-23" && n.note.starts_with(&format!("Supersedes {label}")))
        );
        assert_eq!(history.steps().len(), 1);
        history.undo(&mut project);
        assert_eq!(project, original);
    }

    #[test]
    fn deferring_keeps_proposed_and_notes_it() {
        let mut project = shop();
        let id = proposed(&project);
        let notes_before = project.decision(id).map_or(0, |d| d.review_notes.len());
        let attendees = vec!["Ana".to_owned()];
        defer(&project, id, "2026-11-23", &attendees, "")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        let d = project.decision(id).expect("decision");
        assert_eq!(d.status, DecisionStatus::Proposed);
        assert_eq!(d.review_notes.len(), notes_before + 1);
        let note = d.review_notes.last().expect("note");
        assert_eq!(note.attendees, attendees);
        assert!(note.note.starts_with("Deferred"));
        assert!(matches!(
            defer(&project, id, "someday", &attendees, ""),
            Err(ReviewError::InvalidDate(_))
        ));
    }

    #[test]
    fn dates_deciders_rationale_and_notes() {
        let mut project = shop();
        let id = proposed(&project);
        set_date(&project, id, "2026-02-28")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert_eq!(project.decision(id).map(|d| d.date.as_str()), Some("2026-02-28"));
        assert!(matches!(
            set_date(&project, id, "2026-02-30"),
            Err(ReviewError::InvalidDate(_))
        ));

        add_decider(&project, id, "  Chen ")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert!(
            project
                .decision(id)
                .is_some_and(|d| d.deciders.contains(&"Chen".to_owned()))
        );
        assert_eq!(add_decider(&project, id, "Chen"), Err(ReviewError::Unchanged));
        assert_eq!(add_decider(&project, id, "  "), Err(ReviewError::EmptyName));
        remove_decider(&project, id, "Chen")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert!(
            project
                .decision(id)
                .is_some_and(|d| !d.deciders.contains(&"Chen".to_owned()))
        );
        assert_eq!(remove_decider(&project, id, "Chen"), Err(ReviewError::Unchanged));

        set_rationale(&project, id, "Cheapest way to the read capacity we need.\n")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert_eq!(
            project.decision(id).map(|d| d.rationale.as_str()),
            Some("Cheapest way to the read capacity we need.")
        );

        let note = ReviewNote {
            date: "2026-11-23".to_owned(),
            attendees: vec!["Ana".to_owned()],
            note: "Load test first.".to_owned(),
        };
        add_review_note(&project, id, note.clone())
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert_eq!(project.decision(id).and_then(|d| d.review_notes.last()), Some(&note));
        let empty = ReviewNote {
            note: " ".to_owned(),
            ..note
        };
        assert_eq!(add_review_note(&project, id, empty), Err(ReviewError::EmptyNote));
    }

    #[test]
    fn attendees_decide_only_when_marked_and_a_rationale_comes_with_the_outcome() {
        let project = shop();
        let id = project.decisions[0].id;
        let mut session = ReviewSession::new("2026-11-23");
        session.add_attendee("Ana");
        assert!(session.toggle_decider("Bo"), "an unknown name joins and decides");
        assert_eq!(session.attendees, vec!["Ana".to_owned(), "Bo".to_owned()]);
        assert_eq!(session.deciders, vec!["Bo".to_owned()]);
        let minutes = minutes_markdown(&project, &session);
        assert!(
            minutes.contains("- Ana\n") && minutes.contains("- Bo (decider)"),
            "{minutes}"
        );
        assert!(!session.toggle_decider("Bo"));
        assert!(session.deciders.is_empty());

        assert_eq!(
            record_outcome_with_rationale(&project, id, DecisionStatus::Accepted, "  ", &[], "2026-11-23"),
            Err(ReviewError::NoRationale)
        );
        let mut decided = project.clone();
        record_outcome_with_rationale(
            &project,
            id,
            DecisionStatus::Rejected,
            " Too costly. ",
            &["Bo".to_owned()],
            "2026-11-23",
        )
        .expect("an outcome with a reason")
        .apply(&mut decided)
        .expect("applies");
        let d = decided.decision(id).expect("decision");
        assert_eq!(
            (d.status, d.rationale.as_str(), d.date.as_str()),
            (DecisionStatus::Rejected, "Too costly.", "2026-11-23")
        );
        assert!(d.deciders.contains(&"Bo".to_owned()));
    }

    #[test]
    fn session_attendees_and_discussed_are_unique() {
        let mut session = ReviewSession::new("2026-11-23");
        assert!(session.add_attendee(" Ana "));
        assert!(!session.add_attendee("Ana"));
        assert!(!session.add_attendee(""));
        session.mark_discussed(DecisionId(4));
        session.mark_discussed(DecisionId(4));
        assert_eq!(session.attendees, vec!["Ana".to_owned()]);
        assert_eq!(session.discussed, vec![DecisionId(4)]);
    }

    #[test]
    fn minutes_file_names() {
        assert_eq!(minutes_file_name("2026-11-23"), "reviews/2026-11-23-review.md");
        assert_eq!(minutes_file_name("../../etc"), "reviews/undated-review.md");
    }

    fn reviewed() -> (Project, ReviewSession, DecisionId) {
        let mut project = shop();
        let id = proposed(&project);
        let option = project.decision(id).map(|d| d.options[1].id).expect("option");
        let mut session = ReviewSession::new("2026-11-23");
        session.add_attendee("Ana <lead>");
        session.add_attendee("Bo");
        session.follow_ups.push("Run the week-2 load test".to_owned());
        // Each edit is computed from the project as the previous one left it.
        choose_option(&project, id, option)
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        set_rationale(&project, id, "Reads dominate | writes are rare.")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        record_outcome(
            &project,
            id,
            DecisionStatus::Accepted,
            Some("2026-11-23"),
            &session.attendees,
            "2026-11-23",
        )
        .expect("edit")
        .apply(&mut project)
        .expect("applies");
        session.mark_discussed(id);
        let other = project
            .decisions
            .iter()
            .find(|d| d.id != id && d.status == DecisionStatus::Proposed)
            .map(|d| d.id)
            .expect("another proposed decision");
        defer(&project, other, "2026-11-23", &session.attendees, "needs numbers")
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        session.mark_discussed(other);
        (project, session, id)
    }

    #[test]
    fn minutes_list_outcomes_attendees_and_follow_ups() {
        let (project, session, id) = reviewed();
        let text = minutes_markdown(&project, &session);
        let d = project.decision(id).expect("decision");
        let chosen = d.chosen_option().map(|o| o.name.clone()).expect("chosen");
        assert!(text.starts_with("# Decision review 2026-11-23: "), "{text}");
        assert!(text.contains("## Attendees\n\n- Ana &lt;lead&gt;\n- Bo\n"), "{text}");
        assert!(text.contains(&format!("### {}: {}", adr_label(d), d.title)));
        assert!(text.contains("- **Outcome:** Accepted"));
        assert!(text.contains(&format!("- **Chosen option:** {chosen}")));
        assert!(text.contains("- **Deciders:** "));
        assert!(text.contains("Reads dominate | writes are rare."));
        assert!(text.contains("| Accepted |"));
        assert!(text.contains("Deferred in review: needs numbers"));
        assert!(text.contains("## Open follow-ups\n\n- [ ] Run the week-2 load test\n"));
        assert!(text.contains("is still proposed"));
        // Decisions not discussed stay out.
        for other in project.decisions.iter().filter(|o| !session.discussed.contains(&o.id)) {
            assert!(!text.contains(&format!("### {}:", adr_label(other))));
        }
    }

    #[test]
    fn minutes_of_an_empty_session() {
        let text = minutes_markdown(&shop(), &ReviewSession::default());
        assert!(text.starts_with("# Decision review undated: "));
        assert!(text.contains("_Not recorded._"));
        assert!(text.contains("_No decision was discussed._"));
        assert!(text.ends_with("## Open follow-ups\n\nNone.\n"));
    }

    #[test]
    fn minutes_are_written_into_reviews() {
        let (project, session, _) = reviewed();
        let folder = tempfile::tempdir().expect("temp dir");
        let written = write_minutes(&project, &session, folder.path()).expect("written");
        assert_eq!(written.minutes, folder.path().join("reviews/2026-11-23-review.md"));
        assert_eq!(written.snapshot, folder.path().join("reviews/2026-11-23-review.ron"));
        let minutes = std::fs::read_to_string(&written.minutes).expect("readable");
        assert_eq!(minutes, minutes_markdown(&project, &session));
        assert!(
            minutes.contains("[2026-11-23-review.ron](2026-11-23-review.ron)"),
            "{minutes}"
        );
        assert_eq!(
            crate::store::load(&written.snapshot).expect("the snapshot loads"),
            project
        );
        // Writing again replaces the file and leaves no temporary behind.
        write_minutes(&project, &session, folder.path()).expect("rewritten");
        let names: Vec<_> = std::fs::read_dir(folder.path().join("reviews"))
            .expect("folder")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names.len(), 2, "minutes and snapshot only: {names:?}");
    }

    #[test]
    fn minutes_into_an_unwritable_place_fail_cleanly() {
        let folder = tempfile::tempdir().expect("temp dir");
        let blocker = folder.path().join("file");
        std::fs::write(&blocker, "not a folder").expect("write");
        assert!(write_minutes(&shop(), &ReviewSession::new("2026-11-23"), &blocker).is_err());
    }
}
