//! What a view asks of the app. Every view (canvas, inspector, documents,
//! problems, review, dialogs, menus) answers with [`Action`]s; the app
//! drains them once per frame, after every view has been drawn, so a view
//! never changes the project or another view's state itself.

use egui::Pos2;

use crate::app::AppCommand;
use crate::check::Place;
use crate::edit::Edit;
use crate::model::{ComponentKind, DecisionId, ZoneKind};
use crate::selection::Selection;

#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Change the project as one undo step; with a `merge_key`, fold into
    /// the previous step of the same key (arrow-key nudges, typing).
    Edit {
        edit: Edit,
        label: String,
        merge_key: Option<String>,
    },
    /// Run a command, as if chosen from a menu.
    Command(AppCommand),
    /// Add a component of `kind` at a canvas point, select it and rename it.
    AddComponent { kind: ComponentKind, at: Pos2 },
    /// Add a component of `kind` where the palette puts it (its usual band).
    AddFromPalette(ComponentKind),
    /// Put the selected components into a new zone (of this kind, or the
    /// kind that usually nests in their current zone).
    GroupIntoZone(Option<ZoneKind>),
    /// Select this (and show it in the inspector).
    Select(Selection),
    /// Select and centre what a problem names.
    GoTo(Place),
    /// Open a decision in Documents ▸ Decisions; `new` when it was created
    /// this frame (its name field takes the keyboard).
    OpenDecision { id: DecisionId, new: bool },
    /// Write the review minutes beside the spec.
    WriteMinutes,
    /// Leave the review presentation for the canvas.
    LeaveReview,
    /// Close the compare view.
    LeaveCompare,
    /// Something worth telling the user in the status bar.
    Status(String),
}

impl Action {
    /// An edit as its own undo step.
    pub fn edit(edit: Edit, label: impl Into<String>) -> Action {
        Action::Edit {
            edit,
            label: label.into(),
            merge_key: None,
        }
    }

    /// Edits with their undo labels, as actions (views that list edits).
    pub fn edits(edits: impl IntoIterator<Item = (Edit, String)>) -> impl Iterator<Item = Action> {
        edits.into_iter().map(|(edit, label)| Action::edit(edit, label))
    }
}
