//! The pages that are lists of records: assertions, constraints,
//! vocabulary, risks, approval, open questions and the changelog.

use super::*;

pub(super) struct AssertionsPage;

impl Page for AssertionsPage {
    fn ui(&self, form: &mut Form, project: &Project, pickers: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut assertions = project.assertions.clone();
        form.undo("Edit assertions");
        form.cards("Assertion", &mut assertions, |card, i, a| {
            let n = i + 1;
            card.grid("grid", |form| {
                form.text(&format!("Assertion {n} title"), &mut a.title);
                form.text(&format!("Assertion {n} category"), &mut a.category);
                form.long_text(&format!("Assertion {n} given"), &mut a.given);
                form.long_text(&format!("Assertion {n} when"), &mut a.when);
                form.long_text(&format!("Assertion {n} then"), &mut a.then);
            });
            card.ui().label("And");
            card.list(&format!("Assertion {n} and"), &mut a.and);
            component_links(card, pickers, project, &mut a.components);
        });
        set_section(form, Section::Assertions(assertions), edits);
    }
}

pub(super) struct ConstraintsPage;

impl Page for ConstraintsPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut groups = project.constraints.clone();
        form.undo("Edit constraints");
        form.cards("Constraint group", &mut groups, |card, i, g| {
            let n = i + 1;
            card.cell(&format!("Constraint group {n} category"), &mut g.category, 240.0);
            card.list(&format!("Group {n} rule"), &mut g.rules);
        });
        set_section(form, Section::Constraints(groups), edits);
    }
}

pub(super) struct VocabularyPage;

impl Page for VocabularyPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut terms = project.vocabulary.clone();
        form.undo("Edit vocabulary");
        form.cards("Term", &mut terms, |card, i, t| {
            let n = i + 1;
            card.horizontal(|form| {
                form.cell(&format!("Term {n} name"), &mut t.term, 180.0);
                form.cell(&format!("Term {n} category"), &mut t.category, 140.0);
            });
            card.grid("grid", |form| {
                form.long_text(&format!("Term {n} definition"), &mut t.definition);
            });
            card.list(&format!("Term {n} detail"), &mut t.details);
        });
        set_section(form, Section::Vocabulary(terms), edits);
    }
}

pub(super) struct RisksPage;

impl Page for RisksPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut risks = project.risks.clone();
        form.undo("Edit risks");
        form.rows("Risk", &mut risks, |row, i, r| {
            let n = i + 1;
            row.pick_cell(&format!("Risk {n} level"), &mut r.level, RiskLevel::VARIANTS, |l| {
                l.label().to_owned()
            });
            row.cell(&format!("Risk {n}"), &mut r.risk, 240.0);
            row.cell(&format!("Risk {n} mitigation"), &mut r.mitigation, 240.0);
        });
        set_section(form, Section::Risks(risks), edits);
    }
}

pub(super) struct ApprovalPage;

impl Page for ApprovalPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut approval = project.approval.clone();
        form.undo("Edit approval");
        form.grid("approval", |form| {
            form.pick("Approval status", &mut approval.status, ApprovalStatus::VARIANTS, |s| {
                s.label().to_owned()
            });
        });
        form.ui().label("Approvers");
        form.list("Approver", &mut approval.approvers);
        form.heading("Questions for approval");
        form.cards("Approval question", &mut approval.questions, |card, i, q| {
            let n = i + 1;
            card.grid("grid", |form| {
                form.text(&format!("Question {n} topic"), &mut q.topic);
                form.long_text(&format!("Question {n}"), &mut q.question);
                form.long_text(&format!("Question {n} answer"), &mut q.answer);
            });
        });
        set_section(form, Section::Approval(approval), edits);
    }
}

pub(super) struct OpenQuestionsPage;

impl Page for OpenQuestionsPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut questions = project.open_questions.clone();
        form.undo("Edit open questions");
        form.rows("Open question", &mut questions, |row, i, q| {
            let n = i + 1;
            row.cell(&format!("Open question {n}"), &mut q.question, 220.0);
            row.cell(&format!("Open question {n} impact"), &mut q.impact, 140.0);
            row.pick_cell(
                &format!("Open question {n} status"),
                &mut q.status,
                QuestionStatus::VARIANTS,
                |s| s.label().to_owned(),
            );
            row.cell(&format!("Open question {n} answer"), &mut q.answer, 160.0);
        });
        set_section(form, Section::OpenQuestions(questions), edits);
    }
}

pub(super) struct ChangelogPage;

impl Page for ChangelogPage {
    fn ui(&self, form: &mut Form, project: &Project, _: &mut Pickers, edits: &mut Vec<(Edit, String)>) {
        let mut entries = project.changelog.clone();
        form.undo("Edit changelog");
        form.cards("Changelog entry", &mut entries, |card, i, e| {
            let n = i + 1;
            card.horizontal(|form| {
                form.cell(&format!("Entry {n} version"), &mut e.version, 80.0);
                form.date(&format!("Entry {n} date"), false, &mut e.date);
                form.cell(&format!("Entry {n} title"), &mut e.title, 240.0);
            });
            card.list(&format!("Entry {n} change"), &mut e.changes);
        });
        set_section(form, Section::Changelog(entries), edits);
    }
}
