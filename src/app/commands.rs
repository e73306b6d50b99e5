//! One type for everything the user can ask the workbench to do (after
//! rerun's `UICommand`). Each command carries its label and tooltip (derived
//! with strum), its shortcuts, its menu and when it is enabled; the menu
//! bar, the keyboard handling and the command palette all read it, so a
//! shortcut is written once and shown wherever the command is.

use egui::{Key, KeyboardShortcut, Modifiers};
use strum::{EnumIter, EnumMessage, IntoEnumIterator};

use super::Workspace;
use crate::edit::History;
use crate::model::{ComponentKind, VariantArray};
use crate::selection::Selection;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, EnumMessage)]
pub enum AppCommand {
    #[strum(
        message = "New from template…",
        detailed_message = "Start a new project from a template"
    )]
    NewFromTemplate,
    #[strum(message = "Open…", detailed_message = "Open a project file")]
    Open,
    #[strum(
        message = "Open by path…",
        detailed_message = "Type the path of a project file to open"
    )]
    OpenPath,
    #[strum(
        message = "Terraform JSON…",
        detailed_message = "Add the components, zones and dependencies of a `terraform show -json` plan or state to this project (one undo step)"
    )]
    ImportTerraform,
    #[strum(message = "Save", detailed_message = "Save the project to its file")]
    Save,
    #[strum(message = "Save As…", detailed_message = "Save the project to another file")]
    SaveAs,
    #[strum(message = "Export spec folder…", detailed_message = "Write the infra-specs folder")]
    ExportSpec,
    #[strum(
        message = "Export diagram as SVG…",
        detailed_message = "Write the topology as an SVG image"
    )]
    ExportSvg,
    #[strum(message = "Quit", detailed_message = "Close the window")]
    Quit,
    #[strum(message = "Undo", detailed_message = "Take back the last change")]
    Undo,
    #[strum(message = "Redo", detailed_message = "Make the last undone change again")]
    Redo,
    #[strum(message = "Delete", detailed_message = "Delete the selection")]
    Delete,
    #[strum(message = "Duplicate", detailed_message = "Copy the selected components")]
    Duplicate,
    #[strum(message = "Select all", detailed_message = "Select every component")]
    SelectAll,
    #[strum(
        message = "Find component…",
        detailed_message = "Find a component by name or technology"
    )]
    Find,
    #[strum(message = "Rename", detailed_message = "Rename the selected component")]
    Rename,
    #[strum(
        message = "Auto-arrange",
        detailed_message = "Order components in their bands to reduce crossings (one undo step)"
    )]
    AutoArrange,
    #[strum(
        message = "Group into new zone",
        detailed_message = "Put the selected components into a new zone"
    )]
    GroupIntoZone,
    #[strum(message = "Fit to window", detailed_message = "Fit the topology to the window")]
    Fit,
    #[strum(message = "Zoom in", detailed_message = "Zoom in on the topology")]
    ZoomIn,
    #[strum(message = "Zoom out", detailed_message = "Zoom out of the topology")]
    ZoomOut,
    #[strum(
        message = "Dark / light theme",
        detailed_message = "Switch between the dark and the light theme"
    )]
    ToggleTheme,
    #[strum(
        message = "Show / hide palette",
        detailed_message = "Show or hide the component palette"
    )]
    TogglePalette,
    #[strum(message = "Show / hide inspector", detailed_message = "Show or hide the inspector")]
    ToggleInspector,
    #[strum(message = "Command palette…", detailed_message = "Run any command by name")]
    CommandPalette,
    #[strum(message = "Topology", detailed_message = "Show the topology canvas")]
    ShowTopology,
    #[strum(message = "Documents", detailed_message = "Show the project-wide documents")]
    ShowDocuments,
    #[strum(
        message = "Show / hide preview",
        detailed_message = "Show or hide the Markdown preview"
    )]
    TogglePreview,
    #[strum(
        message = "Show / hide problems",
        detailed_message = "Show or hide the problems panel"
    )]
    ToggleProblems,
    #[strum(
        message = "Present decisions",
        detailed_message = "Review the decisions in a meeting"
    )]
    PresentDecisions,
    #[strum(
        message = "Blast radius of the selection",
        detailed_message = "Highlight what breaks if the selected component fails, and what it needs"
    )]
    BlastRadius,
    #[strum(
        message = "Check drift against Terraform JSON…",
        detailed_message = "Compare the spec with a Terraform plan or state (terraform show -json) and list where they disagree"
    )]
    CheckDrift,
    #[strum(
        message = "Dependency explorer (graph)",
        detailed_message = "Explore the selected component's dependencies as a graph"
    )]
    DependencyExplorer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Review,
}

/// What decides whether a command can run now.
pub struct CommandState<'a> {
    pub history: &'a History,
    pub selection: &'a Selection,
    pub workspace: Workspace,
    /// The window shows a file that cannot be opened, and no project.
    pub broken: bool,
}

impl AppCommand {
    /// Every command, in menu order.
    pub fn all() -> impl Iterator<Item = AppCommand> {
        AppCommand::iter()
    }

    pub fn label(self) -> &'static str {
        self.get_message().unwrap_or("")
    }

    pub fn tooltip(self) -> &'static str {
        self.get_detailed_message().unwrap_or("")
    }

    pub fn menu(self) -> Menu {
        use AppCommand::*;
        match self {
            NewFromTemplate | Open | OpenPath | ImportTerraform | Save | SaveAs | ExportSpec | ExportSvg | Quit => {
                Menu::File
            }
            Undo | Redo | Delete | Duplicate | SelectAll | Find | Rename | AutoArrange | GroupIntoZone => Menu::Edit,
            ShowTopology | ShowDocuments | Fit | ZoomIn | ZoomOut | ToggleTheme | TogglePalette | ToggleInspector
            | TogglePreview | ToggleProblems | CommandPalette => Menu::View,
            PresentDecisions | BlastRadius | CheckDrift | DependencyExplorer => Menu::Review,
        }
    }

    /// The command's shortcuts; the first is the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let ctrl = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let ctrl_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        match self {
            AppCommand::NewFromTemplate => vec![ctrl(Key::N)],
            AppCommand::Open => vec![ctrl(Key::O)],
            AppCommand::Save => vec![ctrl(Key::S)],
            AppCommand::SaveAs => vec![ctrl_shift(Key::S)],
            AppCommand::ExportSpec => vec![ctrl(Key::E)],
            AppCommand::Quit => vec![ctrl(Key::Q)],
            AppCommand::Undo => vec![ctrl(Key::Z)],
            AppCommand::Redo => vec![ctrl_shift(Key::Z), ctrl(Key::Y)],
            AppCommand::Delete => vec![plain(Key::Delete)],
            AppCommand::Duplicate => vec![ctrl(Key::D)],
            AppCommand::SelectAll => vec![ctrl(Key::A)],
            AppCommand::Find => vec![ctrl(Key::F)],
            AppCommand::Rename => vec![plain(Key::F2)],
            AppCommand::AutoArrange => vec![ctrl_shift(Key::L)],
            AppCommand::GroupIntoZone => vec![ctrl(Key::G)],
            AppCommand::Fit => vec![plain(Key::F)],
            // `+` is Shift+= on many keyboards.
            AppCommand::ZoomIn => vec![plain(Key::Plus), plain(Key::Equals)],
            AppCommand::ZoomOut => vec![plain(Key::Minus)],
            AppCommand::CommandPalette => vec![ctrl(Key::K)],
            AppCommand::ShowTopology => vec![ctrl(Key::Num1)],
            AppCommand::ShowDocuments => vec![ctrl(Key::Num2)],
            AppCommand::TogglePreview => vec![ctrl_shift(Key::P)],
            AppCommand::ToggleProblems => vec![ctrl_shift(Key::M)],
            AppCommand::PresentDecisions => vec![plain(Key::F5)],
            AppCommand::BlastRadius => vec![ctrl(Key::B)],
            AppCommand::DependencyExplorer => vec![ctrl_shift(Key::B)],
            AppCommand::OpenPath
            | AppCommand::CheckDrift
            | AppCommand::ImportTerraform
            | AppCommand::ExportSvg
            | AppCommand::ToggleTheme
            | AppCommand::TogglePalette
            | AppCommand::ToggleInspector => Vec::new(),
        }
    }

    /// Whether the command can run now (menus grey it out otherwise).
    pub fn is_enabled(self, state: &CommandState<'_>) -> bool {
        if state.broken && !self.works_without_project() {
            return false;
        }
        match self {
            AppCommand::Undo => state.history.can_undo(),
            AppCommand::Redo => state.history.can_redo(),
            AppCommand::Delete => !state.selection.is_empty(),
            AppCommand::Duplicate | AppCommand::GroupIntoZone => state.selection.has_components(),
            AppCommand::Rename => state.selection.single().is_some(),
            _ => true,
        }
    }

    /// What still makes sense with no project in the window.
    pub fn works_without_project(self) -> bool {
        matches!(
            self,
            AppCommand::Open
                | AppCommand::OpenPath
                | AppCommand::NewFromTemplate
                | AppCommand::Quit
                | AppCommand::ToggleTheme
        )
    }

    /// Whether a shortcut runs the command in `workspace`: canvas commands
    /// make no sense over the documents, and the review presentation takes
    /// its keys for itself.
    pub fn applies_in(self, workspace: Workspace) -> bool {
        use AppCommand::*;
        match workspace {
            Workspace::Topology => true,
            Workspace::Documents => !matches!(
                self,
                Delete
                    | Duplicate
                    | SelectAll
                    | Find
                    | Rename
                    | AutoArrange
                    | GroupIntoZone
                    | Fit
                    | ZoomIn
                    | ZoomOut
                    | BlastRadius
            ),
            Workspace::Review => matches!(self, Undo | Redo | Save | Quit),
        }
    }

    /// Shortcuts without Ctrl would fire while typing, so they only count
    /// when no text field has the keyboard.
    pub fn needs_free_keyboard(self, shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none() || matches!(self, AppCommand::Undo | AppCommand::Redo | AppCommand::SelectAll)
    }

    /// Shortcuts that are a single key a user could be typing (a letter,
    /// `+`, `-`, Delete) act only while the canvas has the keyboard, never
    /// just after a text field let it go. Function keys are never typed.
    pub fn needs_canvas_focus(shortcut: &KeyboardShortcut) -> bool {
        let function_key = matches!(shortcut.logical_key, Key::F2 | Key::F5);
        shortcut.modifiers.is_none() && !function_key
    }

    /// Every (command, shortcut) pair in the order shortcuts are matched:
    /// more modifiers first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
    pub fn by_shortcut_priority() -> Vec<(AppCommand, KeyboardShortcut)> {
        let mut pairs: Vec<(AppCommand, KeyboardShortcut)> = AppCommand::all()
            .flat_map(|command| command.shortcuts().into_iter().map(move |s| (command, s)))
            .collect();
        pairs.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command || m.ctrl) + u8::from(m.alt))
        });
        pairs
    }

    /// The first shortcut as text, for menus and the palette.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// The tooltip with the shortcut, e.g. "Fit the topology to the window
    /// (F)".
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut_text(ctx) {
            shortcut if shortcut.is_empty() => self.tooltip().to_owned(),
            shortcut => format!("{} ({shortcut})", self.tooltip()),
        }
    }
}

/// One line of the command palette (Ctrl+K): a command, or adding a
/// component of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteEntry {
    Run(AppCommand),
    Add(ComponentKind),
}

impl PaletteEntry {
    pub fn label(self) -> String {
        match self {
            PaletteEntry::Run(command) => command.label().to_owned(),
            PaletteEntry::Add(kind) => format!("Add component: {}", kind.label()),
        }
    }

    /// The entries whose label holds every word of `filter` (any case, any
    /// order), so "add data" finds "Add component: Database".
    pub fn matching(filter: &str) -> Vec<PaletteEntry> {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        let commands = AppCommand::all().map(PaletteEntry::Run);
        let adds = ComponentKind::VARIANTS.iter().map(|k| PaletteEntry::Add(*k));
        commands
            .chain(adds)
            .filter(|entry| {
                let label = entry.label().to_lowercase();
                words.iter().all(|word| label.contains(word.as_str()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn shortcuts_are_unique_and_ctrl_e_exports() {
        let mut seen = HashSet::new();
        for command in AppCommand::all() {
            for shortcut in command.shortcuts() {
                assert!(seen.insert(shortcut), "{command:?} reuses {shortcut:?}");
            }
        }
        assert_eq!(
            AppCommand::ExportSpec.shortcuts().first(),
            Some(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E))
        );
    }

    #[test]
    fn every_command_has_a_label_and_a_tooltip() {
        for command in AppCommand::all() {
            assert!(!command.label().is_empty(), "{command:?} has no label");
            assert!(!command.tooltip().is_empty(), "{command:?} has no tooltip");
        }
    }

    #[test]
    fn redo_answers_to_both_of_its_shortcuts() {
        let redo = AppCommand::Redo.shortcuts();
        assert!(redo.contains(&KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)));
        assert!(redo.contains(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)));
    }

    #[test]
    fn shift_variants_are_matched_first() {
        let order = AppCommand::by_shortcut_priority();
        let position = |c| order.iter().position(|(x, _)| *x == c).unwrap();
        assert!(position(AppCommand::Redo) < position(AppCommand::Undo));
        assert!(position(AppCommand::SaveAs) < position(AppCommand::Save));
    }

    #[test]
    fn enabled_follows_the_history_and_the_selection() {
        let history = History::new();
        let nothing = Selection::Nothing;
        let state = CommandState {
            history: &history,
            selection: &nothing,
            workspace: Workspace::Topology,
            broken: false,
        };
        assert!(!AppCommand::Undo.is_enabled(&state));
        assert!(!AppCommand::Delete.is_enabled(&state));
        assert!(AppCommand::Save.is_enabled(&state));
        let one = Selection::only(crate::model::ComponentId(1));
        let broken = CommandState {
            selection: &one,
            broken: true,
            ..state
        };
        assert!(
            !AppCommand::Delete.is_enabled(&broken),
            "nothing to delete without a project"
        );
        assert!(AppCommand::Open.is_enabled(&broken));
    }

    #[test]
    fn the_palette_finds_add_commands_by_any_words() {
        assert_eq!(
            PaletteEntry::matching("add data"),
            vec![PaletteEntry::Add(ComponentKind::Database)]
        );
        let every_kind = PaletteEntry::matching("add component");
        assert_eq!(every_kind.len(), ComponentKind::VARIANTS.len());
        assert!(PaletteEntry::matching("EXPORT spec").contains(&PaletteEntry::Run(AppCommand::ExportSpec)));
        assert!(PaletteEntry::matching("no such thing").is_empty());
    }
}
