//! One type for everything the user can ask the workbench to do. Each
//! command knows its label, its shortcut and its menu; the menu bar, the
//! keyboard handling and the command palette are all built from this list.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ComponentKind, VariantArray};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppCommand {
    NewFromTemplate,
    Open,
    OpenPath,
    Save,
    SaveAs,
    ExportSpec,
    ExportSvg,
    Quit,
    Undo,
    Redo,
    RedoAlt,
    Delete,
    Duplicate,
    SelectAll,
    Find,
    Rename,
    AutoArrange,
    GroupIntoZone,
    Fit,
    ZoomIn,
    ZoomOut,
    ToggleTheme,
    TogglePalette,
    ToggleInspector,
    CommandPalette,
    ShowTopology,
    ShowDocuments,
    TogglePreview,
    ToggleProblems,
    PresentDecisions,
    BlastRadius,
    DependencyExplorer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Review,
    /// Reachable from the palette and shortcuts only.
    Hidden,
}

impl AppCommand {
    pub const ALL: [AppCommand; 32] = [
        AppCommand::NewFromTemplate,
        AppCommand::Open,
        AppCommand::OpenPath,
        AppCommand::Save,
        AppCommand::SaveAs,
        AppCommand::ExportSpec,
        AppCommand::ExportSvg,
        AppCommand::Quit,
        AppCommand::Undo,
        AppCommand::Redo,
        AppCommand::RedoAlt,
        AppCommand::Delete,
        AppCommand::Duplicate,
        AppCommand::SelectAll,
        AppCommand::Find,
        AppCommand::Rename,
        AppCommand::AutoArrange,
        AppCommand::GroupIntoZone,
        AppCommand::Fit,
        AppCommand::ZoomIn,
        AppCommand::ZoomOut,
        AppCommand::ToggleTheme,
        AppCommand::TogglePalette,
        AppCommand::ToggleInspector,
        AppCommand::CommandPalette,
        AppCommand::ShowTopology,
        AppCommand::ShowDocuments,
        AppCommand::TogglePreview,
        AppCommand::ToggleProblems,
        AppCommand::PresentDecisions,
        AppCommand::BlastRadius,
        AppCommand::DependencyExplorer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AppCommand::NewFromTemplate => "New from template…",
            AppCommand::Open => "Open…",
            AppCommand::OpenPath => "Open by path…",
            AppCommand::Save => "Save",
            AppCommand::SaveAs => "Save As…",
            AppCommand::ExportSpec => "Export spec folder…",
            AppCommand::ExportSvg => "Export diagram as SVG…",
            AppCommand::Quit => "Quit",
            AppCommand::Undo => "Undo",
            AppCommand::Redo => "Redo",
            AppCommand::RedoAlt => "Redo (Ctrl+Y)",
            AppCommand::Delete => "Delete",
            AppCommand::Duplicate => "Duplicate",
            AppCommand::SelectAll => "Select all",
            AppCommand::Find => "Find component…",
            AppCommand::Rename => "Rename",
            AppCommand::AutoArrange => "Auto-arrange",
            AppCommand::GroupIntoZone => "Group into new zone",
            AppCommand::Fit => "Fit to window",
            AppCommand::ZoomIn => "Zoom in",
            AppCommand::ZoomOut => "Zoom out",
            AppCommand::ToggleTheme => "Dark / light theme",
            AppCommand::TogglePalette => "Show / hide palette",
            AppCommand::ToggleInspector => "Show / hide inspector",
            AppCommand::CommandPalette => "Command palette…",
            AppCommand::ShowTopology => "Topology",
            AppCommand::ShowDocuments => "Documents",
            AppCommand::TogglePreview => "Show / hide preview",
            AppCommand::ToggleProblems => "Show / hide problems",
            AppCommand::PresentDecisions => "Present decisions",
            AppCommand::BlastRadius => "Blast radius of the selection",
            AppCommand::DependencyExplorer => "Dependency explorer (graph)",
        }
    }

    pub fn menu(self) -> Menu {
        use AppCommand::*;
        match self {
            NewFromTemplate | Open | OpenPath | Save | SaveAs | ExportSpec | ExportSvg | Quit => Menu::File,
            Undo | Redo | Delete | Duplicate | SelectAll | Find | Rename | AutoArrange | GroupIntoZone => Menu::Edit,
            ShowTopology | ShowDocuments | Fit | ZoomIn | ZoomOut | ToggleTheme | TogglePalette | ToggleInspector
            | TogglePreview | ToggleProblems | CommandPalette => Menu::View,
            PresentDecisions | BlastRadius | DependencyExplorer => Menu::Review,
            RedoAlt => Menu::Hidden,
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let ctrl_shift = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key));
        let plain = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        match self {
            AppCommand::NewFromTemplate => ctrl(Key::N),
            AppCommand::Open => ctrl(Key::O),
            AppCommand::OpenPath => None,
            AppCommand::Save => ctrl(Key::S),
            AppCommand::SaveAs => ctrl_shift(Key::S),
            AppCommand::ExportSpec => ctrl(Key::E),
            AppCommand::ExportSvg => None,
            AppCommand::Quit => ctrl(Key::Q),
            AppCommand::Undo => ctrl(Key::Z),
            AppCommand::Redo => ctrl_shift(Key::Z),
            AppCommand::RedoAlt => ctrl(Key::Y),
            AppCommand::Delete => plain(Key::Delete),
            AppCommand::Duplicate => ctrl(Key::D),
            AppCommand::SelectAll => ctrl(Key::A),
            AppCommand::Find => ctrl(Key::F),
            AppCommand::Rename => plain(Key::F2),
            AppCommand::AutoArrange => ctrl_shift(Key::L),
            AppCommand::GroupIntoZone => ctrl(Key::G),
            AppCommand::Fit => plain(Key::F),
            AppCommand::ZoomIn => plain(Key::Plus),
            AppCommand::ZoomOut => plain(Key::Minus),
            AppCommand::ToggleTheme => None,
            AppCommand::TogglePalette => None,
            AppCommand::ToggleInspector => None,
            AppCommand::CommandPalette => ctrl(Key::K),
            AppCommand::ShowTopology => ctrl(Key::Num1),
            AppCommand::ShowDocuments => ctrl(Key::Num2),
            AppCommand::TogglePreview => ctrl_shift(Key::P),
            AppCommand::ToggleProblems => ctrl_shift(Key::M),
            AppCommand::PresentDecisions => plain(Key::F5),
            AppCommand::BlastRadius => ctrl(Key::B),
            AppCommand::DependencyExplorer => ctrl_shift(Key::B),
        }
    }

    /// Shortcuts without Ctrl would fire while typing, so they only count
    /// when no text field has the keyboard.
    pub fn needs_free_keyboard(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
            || matches!(
                self,
                AppCommand::Undo | AppCommand::Redo | AppCommand::RedoAlt | AppCommand::SelectAll
            )
    }

    /// Shortcuts that are a single key a user could be typing (a letter,
    /// `+`, `-`, Delete) act only while the canvas has the keyboard, never
    /// just after a text field let it go. Function keys are never typed.
    pub fn needs_canvas_focus(self) -> bool {
        self.shortcut().is_some_and(|s| {
            let function_key = matches!(s.logical_key, Key::F2 | Key::F5);
            s.modifiers.is_none() && !function_key
        })
    }

    /// Commands in the order shortcuts are matched: more modifiers first, so
    /// Ctrl+Shift+Z is not taken for Ctrl+Z.
    pub fn by_shortcut_priority() -> Vec<AppCommand> {
        let mut commands: Vec<AppCommand> = AppCommand::ALL
            .iter()
            .copied()
            .filter(|c| c.shortcut().is_some())
            .collect();
        commands.sort_by_key(|c| {
            let m = c.shortcut().map(|s| s.modifiers).unwrap_or_default();
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command || m.ctrl) + u8::from(m.alt))
        });
        commands
    }

    /// The shortcut as text, for menus and the palette.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut().map(|s| ctx.format_shortcut(&s)).unwrap_or_default()
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
        let commands = AppCommand::ALL.iter().map(|c| PaletteEntry::Run(*c));
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
        for command in AppCommand::ALL {
            if let Some(shortcut) = command.shortcut() {
                assert!(seen.insert(shortcut), "{command:?} reuses {shortcut:?}");
            }
        }
        assert_eq!(
            AppCommand::ExportSpec.shortcut(),
            Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::E))
        );
    }

    #[test]
    fn shift_variants_are_matched_first() {
        let order = AppCommand::by_shortcut_priority();
        let position = |c| order.iter().position(|x| *x == c).unwrap();
        assert!(position(AppCommand::Redo) < position(AppCommand::Undo));
        assert!(position(AppCommand::SaveAs) < position(AppCommand::Save));
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
