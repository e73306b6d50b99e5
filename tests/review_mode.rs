//! Review mode driven with keys only, as a presenter would: the host below
//! stands in for the app (it applies the returned edits through a History).

use egui::{Event, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strata::edit::History;
use strata::model::*;
use strata::review::{self, ReviewFilter};
use strata::ui::Action;
use strata::ui::review::{Field, ReviewState, review_ui};

struct Host {
    project: Project,
    history: History,
    review: ReviewState,
    labels: Vec<String>,
    errors: Vec<String>,
    /// What the view asked of the host besides edits (write the minutes,
    /// leave), in order.
    asked: Vec<Action>,
}

fn shop() -> Project {
    strata::templates::find("e-commerce")
        .expect("the e-commerce example exists")
        .instantiate("2026-01-01")
}

fn harness(project: Project) -> Harness<'static, Host> {
    let host = Host {
        project,
        history: History::new(),
        review: ReviewState::new(&strata::today_iso()),
        labels: Vec::new(),
        errors: Vec::new(),
        asked: Vec::new(),
    };
    Harness::builder().with_size([1280.0, 720.0]).build_ui_state(
        |ui, host: &mut Host| {
            for action in review_ui(ui, &host.project, &mut host.review) {
                let Action::Edit { edit, label, .. } = action else {
                    host.asked.push(action);
                    continue;
                };
                match host.history.apply(&mut host.project, edit, label.clone()) {
                    Ok(()) => host.labels.push(label),
                    Err(error) => host.errors.push(error.to_string()),
                }
            }
        },
        host,
    )
}

fn press(harness: &mut Harness<'_, Host>, key: Key) {
    harness.key_press(key);
    harness.step();
}

fn type_text(harness: &mut Harness<'_, Host>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.step();
}

fn first_proposed(project: &Project) -> (usize, DecisionId) {
    project
        .decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.status == DecisionStatus::Proposed && d.options.len() >= 2)
        .map(|(index, d)| (index, d.id))
        .expect("the example has a proposed decision with two options")
}

#[test]
fn a_meeting_recorded_with_keys_only_is_undoable() {
    let original = shop();
    let (position, id) = first_proposed(&original);
    let option = original.decision(id).map(|d| d.options[1].id).expect("option 2");
    let today = strata::today_iso();
    let mut harness = harness(original.clone());
    harness.step();
    assert_eq!(harness.state().review.current, Some(original.decisions[0].id));

    // Step to the first proposed decision.
    for _ in 0..position {
        press(&mut harness, Key::ArrowRight);
    }
    assert_eq!(harness.state().review.current, Some(id));
    let label = review::adr_label(original.decision(id).expect("decision"));
    assert!(
        harness.query_by_label_contains(&label).is_some(),
        "{label} is on screen"
    );

    // Choose option 2, accept: with no rationale yet, A asks for one and
    // Enter records both.
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::A);
    assert_eq!(harness.state().review.typing(), Some(Field::Rationale));
    assert_eq!(
        harness.state().project.decision(id).map(|d| d.status),
        Some(DecisionStatus::Proposed)
    );
    type_text(&mut harness, "Reads dominate");
    press(&mut harness, Key::Enter);

    // Add a decider: P focuses the field, Shift+Enter adds as a decider,
    // Esc leaves the field.
    press(&mut harness, Key::P);
    assert_eq!(harness.state().review.typing(), Some(Field::Attendee));
    type_text(&mut harness, "Alice");
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Enter);
    harness.step();
    assert_eq!(
        harness.state().review.typing(),
        Some(Field::Attendee),
        "ready for the next name"
    );
    // Letters typed into the field are text, not commands.
    type_text(&mut harness, "R");
    assert_eq!(
        harness.state().project.decision(id).map(|d| d.status),
        Some(DecisionStatus::Accepted)
    );
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().review.typing(), None);
    assert!(
        !harness.state().asked.contains(&Action::LeaveReview),
        "Esc in a field only leaves the field"
    );

    // Leave review mode.
    press(&mut harness, Key::Escape);
    let host = harness.state();
    assert!(host.asked.contains(&Action::LeaveReview));
    assert!(host.errors.is_empty(), "{:?}", host.errors);

    // The model holds the outcome.
    let decided = host.project.decision(id).expect("decision");
    assert_eq!(decided.chosen, Some(option));
    assert_eq!(decided.status, DecisionStatus::Accepted);
    assert_eq!(decided.rationale, "Reads dominate");
    assert_eq!(decided.date, today);
    assert!(decided.deciders.contains(&"Alice".to_owned()), "{:?}", decided.deciders);
    assert_eq!(host.review.session.attendees, vec!["Alice".to_owned()]);
    assert_eq!(host.review.session.deciders, vec!["Alice".to_owned()]);
    assert_eq!(host.review.session.discussed, vec![id]);
    assert_eq!(host.labels.len(), 3, "{:?}", host.labels);
    assert!(host.history.is_dirty());

    // Each step undoes on its own; all of them restore the project.
    let mut harness = harness;
    let host = harness.state_mut();
    assert_eq!(
        host.history.undo(&mut host.project).as_deref(),
        Some(format!("Review: Alice decides {label}").as_str())
    );
    assert!(
        host.project
            .decision(id)
            .is_some_and(|d| !d.deciders.contains(&"Alice".to_owned()))
    );
    assert_eq!(
        host.project.decision(id).map(|d| d.status),
        Some(DecisionStatus::Accepted)
    );
    host.history.undo(&mut host.project);
    assert_eq!(
        host.project.decision(id).map(|d| d.status),
        Some(DecisionStatus::Proposed)
    );
    host.history.undo(&mut host.project);
    assert_eq!(host.project, original);
    assert!(!host.history.is_dirty());
}

#[test]
fn rationale_defer_and_supersede_by_keys() {
    let original = shop();
    let mut harness = harness(original.clone());
    // The host may change the filter between frames; clearing `current`
    // starts on the first decision the filter keeps.
    harness.state_mut().review.filter = ReviewFilter::ProposedOnly;
    harness.state_mut().review.current = None;
    harness.step();
    let proposed = review::decisions_for(&original, &ReviewFilter::ProposedOnly);
    assert!(proposed.len() >= 2);
    let first = proposed[0];
    assert_eq!(harness.state().review.current, Some(first));

    // W: write the rationale, Enter records it.
    press(&mut harness, Key::W);
    type_text(&mut harness, "Reads dominate");
    press(&mut harness, Key::Enter);
    assert_eq!(
        harness.state().project.decision(first).map(|d| d.rationale.as_str()),
        Some("Reads dominate")
    );
    assert_eq!(harness.state().review.typing(), None);

    // D: defer; stays proposed, gets a note, becomes a follow-up.
    let notes = original.decision(first).map_or(0, |d| d.review_notes.len());
    press(&mut harness, Key::D);
    let host = harness.state();
    let deferred = host.project.decision(first).expect("decision");
    assert_eq!(deferred.status, DecisionStatus::Proposed);
    assert_eq!(deferred.review_notes.len(), notes + 1);
    assert_eq!(host.review.session.follow_ups.len(), 1);

    // Next proposed decision; S then 1 supersedes it by the first candidate.
    press(&mut harness, Key::PageDown);
    let second = proposed[1];
    assert_eq!(harness.state().review.current, Some(second));
    press(&mut harness, Key::S);
    press(&mut harness, Key::Num1);
    let host = harness.state();
    let successor = original
        .decisions
        .iter()
        .find(|d| d.id != second)
        .map(|d| d.id)
        .expect("another decision");
    assert_eq!(
        host.project.decision(second).map(|d| d.status),
        Some(DecisionStatus::Superseded { by: successor })
    );
    let second_label = review::adr_label(original.decision(second).expect("decision"));
    assert!(
        host.project
            .decision(successor)
            .is_some_and(|d| d.review_notes.iter().any(|n| n.note.contains(&second_label))),
        "the successor points back"
    );
    // The superseded decision left the "proposed only" list but stays on screen.
    assert_eq!(host.review.current, Some(second));
    assert!(host.errors.is_empty(), "{:?}", host.errors);

    // The minutes cover both decisions and the follow-up.
    let minutes = review::minutes_markdown(&host.project, &host.review.session);
    assert!(minutes.contains("Deferred in review"));
    assert!(minutes.contains(&format!("### {second_label}:")));
    assert!(minutes.contains("Superseded by ADR-"));
    assert!(minutes.contains("- [ ] "));

    // M asks the host for minutes; Esc leaves.
    press(&mut harness, Key::M);
    press(&mut harness, Key::Escape);
    assert!(harness.state().asked.contains(&Action::WriteMinutes));
    assert!(harness.state().asked.contains(&Action::LeaveReview));

    // Undo everything.
    let host = harness.state_mut();
    while host.history.undo(&mut host.project).is_some() {}
    assert_eq!(host.project, original);
}

#[test]
fn attendees_notes_follow_ups_and_other_outcomes_by_keys() {
    let original = shop();
    let first = original.decisions[0].clone();
    let (position, id) = first_proposed(&original);
    let mut harness = harness(original.clone());
    harness.step();

    // Names typed while an old decision is on screen only join the meeting.
    press(&mut harness, Key::P);
    type_text(&mut harness, "Zed");
    press(&mut harness, Key::Enter);
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().review.session.attendees, vec!["Zed".to_owned()]);
    assert_eq!(harness.state().project.decision(first.id), Some(&first));
    assert!(harness.state().labels.is_empty());

    // Home/End and back: the last decision, then the first proposed one.
    press(&mut harness, Key::End);
    assert_eq!(harness.state().review.current, original.decisions.last().map(|d| d.id));
    press(&mut harness, Key::Home);
    for _ in 0..position {
        press(&mut harness, Key::PageDown);
    }
    assert_eq!(harness.state().review.current, Some(id));

    // R on a decision without a rationale asks for one; Esc records nothing.
    press(&mut harness, Key::R);
    assert_eq!(harness.state().review.typing(), Some(Field::Rationale));
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().project.decision(id), original.decision(id));
    assert!(
        harness
            .state()
            .review
            .message
            .as_deref()
            .is_some_and(|m| m.contains("needs a rationale")),
        "{:?}",
        harness.state().review.message
    );

    // R again with a reason rejects, dated the meeting's day. Zed only
    // attended: attendees are not deciders unless marked so.
    press(&mut harness, Key::R);
    type_text(&mut harness, "Over budget");
    press(&mut harness, Key::Enter);
    let rejected = harness.state().project.decision(id).cloned().expect("decision");
    assert_eq!(rejected.status, DecisionStatus::Rejected);
    assert_eq!(rejected.rationale, "Over budget");
    assert!(
        !rejected.deciders.contains(&"Zed".to_owned()),
        "{:?}",
        rejected.deciders
    );
    assert_eq!(rejected.date, harness.state().review.session.date);

    // N adds a review note; O adds a follow-up to the session only.
    press(&mut harness, Key::N);
    assert_eq!(harness.state().review.typing(), Some(Field::Note));
    type_text(&mut harness, "Check the load-test numbers");
    press(&mut harness, Key::Enter);
    assert!(
        harness
            .state()
            .project
            .decision(id)
            .and_then(|d| d.review_notes.last())
            .is_some_and(|n| n.note == "Check the load-test numbers" && n.attendees == ["Zed".to_owned()])
    );
    press(&mut harness, Key::O);
    type_text(&mut harness, "Ask finance for the budget");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().review.typing(), None);
    assert_eq!(
        harness.state().review.session.follow_ups,
        vec!["Ask finance for the budget".to_owned()]
    );

    // X deprecates; pressing it again records nothing new.
    press(&mut harness, Key::X);
    press(&mut harness, Key::X);
    assert_eq!(
        harness.state().project.decision(id).map(|d| d.status),
        Some(DecisionStatus::Deprecated)
    );
    // A number with no option behind it says so and changes nothing.
    press(&mut harness, Key::Num9);
    assert!(
        harness
            .state()
            .review
            .message
            .as_deref()
            .is_some_and(|m| m.contains("no option 9"))
    );

    let host = harness.state_mut();
    assert_eq!(host.labels.len(), 3, "{:?}", host.labels);
    assert_eq!(host.review.session.discussed, vec![id]);
    while host.history.undo(&mut host.project).is_some() {}
    assert_eq!(host.project, original);
}

#[test]
fn the_view_renders_in_dark_and_light_with_nothing_to_show() {
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        let mut project = shop();
        project.decisions.clear();
        let mut harness = Harness::builder()
            .with_size([1280.0, 720.0])
            .with_theme(theme)
            .build_ui_state(
                |ui, state: &mut ReviewState| {
                    let edits = review_ui(ui, &project, state);
                    assert!(edits.is_empty());
                },
                ReviewState::new("2026-11-23"),
            );
        harness.step();
        harness.key_press(Key::A);
        harness.step();
        assert!(harness.query_by_label_contains("No decisions match").is_some());
        assert_eq!(harness.state().current, None);
    }
}

#[test]
fn clicking_an_attendee_marks_them_as_a_decider_of_what_is_decided() {
    let original = shop();
    let (position, id) = first_proposed(&original);
    let mut harness = harness(original.clone());
    harness.step();
    for _ in 0..position {
        press(&mut harness, Key::ArrowRight);
    }
    for name in ["Ana", "Bo"] {
        press(&mut harness, Key::P);
        type_text(&mut harness, name);
        press(&mut harness, Key::Enter);
        press(&mut harness, Key::Escape);
    }
    assert!(harness.state().review.session.deciders.is_empty());
    harness.get_by_label("Bo").click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().review.session.deciders, vec!["Bo".to_owned()]);
    harness.get_by_label("Bo (decider)");

    press(&mut harness, Key::W);
    type_text(&mut harness, "Cheaper reads");
    press(&mut harness, Key::Enter);
    press(&mut harness, Key::A);
    let decided = harness.state().project.decision(id).cloned().expect("decision");
    assert_eq!(
        decided.status,
        DecisionStatus::Accepted,
        "a rationale was there: no question"
    );
    assert!(decided.deciders.contains(&"Bo".to_owned()), "{:?}", decided.deciders);
    assert!(!decided.deciders.contains(&"Ana".to_owned()), "{:?}", decided.deciders);

    // Marked later, while the decision is on screen: Ana joins its deciders.
    harness.get_by_label("Ana").click();
    harness.step();
    harness.step();
    let decided = harness.state().project.decision(id).cloned().expect("decision");
    assert!(decided.deciders.contains(&"Ana".to_owned()), "{:?}", decided.deciders);
    let minutes = review::minutes_markdown(&harness.state().project, &harness.state().review.session);
    assert!(
        minutes.contains("- Ana (decider)") && minutes.contains("- Bo (decider)"),
        "{minutes}"
    );
}
