//! Fallback fonts for the window: when the project (or what the user types)
//! holds characters egui's bundled fonts lack, the system faces that draw
//! them are added behind the bundled ones. Only the faces needed are read,
//! so a Latin-only project costs nothing and a Chinese one loads one face.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

use crate::fonts::{FoundFace, SystemFonts, beyond_latin, missing_font_notice};

/// What the window has asked of the system's fonts so far.
#[derive(Default)]
pub struct FontFallback {
    /// Scanned on first need (most projects never need it).
    system: Option<SystemFonts>,
    /// Characters already looked at (drawn, given a face, or reported).
    checked: HashSet<char>,
    added: Vec<FoundFace>,
    disabled: bool,
    /// The missing-font notice is shown once per session.
    noticed: bool,
    /// How long finding and loading faces took in all (start-up cost).
    pub spent: Duration,
}

impl FontFallback {
    /// Off (`enabled` false) in headless tests that do not test fonts.
    pub fn new(enabled: bool) -> FontFallback {
        FontFallback {
            disabled: !enabled,
            ..FontFallback::default()
        }
    }

    /// Faces added so far, in the order they were added.
    pub fn added(&self) -> &[FoundFace] {
        &self.added
    }

    /// Makes the characters of `text` drawable from the next frame on, as
    /// far as installed fonts allow. Returns the one-time notice naming the
    /// font package to install when some have no font at all.
    pub fn cover(&mut self, ctx: &egui::Context, text: &str) -> Option<String> {
        if self.disabled {
            return None;
        }
        let fresh: Vec<char> = beyond_latin(text)
            .into_iter()
            .filter(|c| !c.is_control() && !c.is_whitespace() && self.checked.insert(*c))
            .collect();
        if fresh.is_empty() {
            return None;
        }
        let missing: Vec<char> = fresh.into_iter().filter(|c| !drawable(ctx, *c)).collect();
        if missing.is_empty() {
            return None;
        }
        let started = Instant::now();
        let system = self.system.get_or_insert_with(SystemFonts::scan);
        let coverage = system.cover(missing);
        for face in coverage.faces {
            if self.added.contains(&face) {
                continue;
            }
            // A face that cannot be read now (removed since the scan) is
            // skipped: its characters stay boxes, nothing else breaks.
            let Ok(bytes) = std::fs::read(&face.path) else { continue };
            let mut data = FontData::from_owned(bytes);
            data.index = face.index;
            let name = format!("system:{}#{}", face.path.display(), face.index);
            ctx.add_font(FontInsert::new(
                &name,
                data,
                vec![
                    InsertFontFamily {
                        family: FontFamily::Proportional,
                        priority: FontPriority::Lowest,
                    },
                    InsertFontFamily {
                        family: FontFamily::Monospace,
                        priority: FontPriority::Lowest,
                    },
                ],
            ));
            self.added.push(face);
        }
        self.spent += started.elapsed();
        ctx.request_repaint();
        if self.noticed {
            return None;
        }
        let notice = missing_font_notice(&coverage.uncovered);
        self.noticed = notice.is_some();
        notice
    }
}

/// True when one of the window's fonts has a glyph for `c`. (egui's own
/// `has_glyph` answers no for every glyph of the font that also holds the
/// replacement box, which is its emoji font.)
pub fn drawable(ctx: &egui::Context, c: char) -> bool {
    ctx.fonts_mut(|fonts| {
        fonts
            .fonts
            .font(&FontFamily::Proportional)
            .characters()
            .contains_key(&c)
    })
}
