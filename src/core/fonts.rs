//! System fonts that can draw what the bundled fonts cannot (CJK, Arabic,
//! Hebrew, Devanagari, Thai…), found through fontconfig's folders and the
//! usual font folders. No GUI here: the window asks which faces cover the
//! characters it is missing and loads only those.
//!
//! Scanning reads each font's name table, not its glyphs, so it is cheap;
//! which characters a face covers is read from its character map only for
//! the characters still missing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use skrifa::{FontRef, MetadataProvider, Tag};

/// A face of a system font file (a `.ttc` holds several).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundFace {
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
}

/// What a set of characters needs: the faces that draw them, fewest first
/// found, and the characters no installed face draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    pub faces: Vec<FoundFace>,
    pub uncovered: Vec<char>,
}

/// The fonts installed on this system.
pub struct SystemFonts {
    db: fontdb::Database,
    /// Regional preference for Han characters ("SC", "JP", …), from the
    /// locale: the same character is drawn differently in each region.
    cjk_region: &'static str,
}

impl SystemFonts {
    /// The fonts fontconfig knows and those in the usual folders.
    pub fn scan() -> SystemFonts {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        SystemFonts {
            db,
            cjk_region: cjk_region_for_locale(&locale()),
        }
    }

    /// Only the fonts in `folders` (tests).
    pub fn in_folders(folders: &[&Path]) -> SystemFonts {
        let mut db = fontdb::Database::new();
        for folder in folders {
            db.load_fonts_dir(folder);
        }
        SystemFonts { db, cjk_region: "SC" }
    }

    pub fn face_count(&self) -> usize {
        self.db.len()
    }

    /// The faces that draw `chars`: the preferred face for the first
    /// character still missing, then the next, so a name in one script
    /// loads one font. Faces without outlines (colour bitmap emoji) are
    /// skipped: the window cannot draw them.
    pub fn cover(&self, chars: impl IntoIterator<Item = char>) -> Coverage {
        let mut missing: BTreeSet<char> = chars.into_iter().collect();
        let mut faces = Vec::new();
        let candidates = self.candidates();
        while let Some(&first) = missing.iter().next() {
            let found = candidates.iter().find_map(|(id, family, path)| {
                let covered = self.db.with_face_data(*id, |data, index| {
                    let font = FontRef::from_index(data, index).ok()?;
                    if !has_outlines(&font) {
                        return None;
                    }
                    let charmap = font.charmap();
                    charmap.map(first)?;
                    Some(
                        missing
                            .iter()
                            .copied()
                            .filter(|c| charmap.map(*c).is_some())
                            .collect::<Vec<char>>(),
                    )
                })??;
                let index = self.db.face(*id)?.index;
                Some((
                    FoundFace {
                        family: family.clone(),
                        path: path.clone(),
                        index,
                    },
                    covered,
                ))
            });
            match found {
                Some((face, covered)) => {
                    for c in covered {
                        missing.remove(&c);
                    }
                    faces.push(face);
                }
                None => {
                    missing.remove(&first);
                    return self.finish(faces, first, missing);
                }
            }
        }
        Coverage {
            faces,
            uncovered: Vec::new(),
        }
    }

    /// The rest of [`Self::cover`] once `first` has no face: cover what
    /// else can be covered and report `first` as uncovered.
    fn finish(&self, mut faces: Vec<FoundFace>, first: char, rest: BTreeSet<char>) -> Coverage {
        let more = self.cover(rest);
        for face in more.faces {
            if !faces.contains(&face) {
                faces.push(face);
            }
        }
        let mut uncovered = vec![first];
        uncovered.extend(more.uncovered);
        Coverage { faces, uncovered }
    }

    /// File faces in order of preference: upright regular sans faces first,
    /// the locale's CJK region before the others, monospace and serif last.
    fn candidates(&self) -> Vec<(fontdb::ID, String, PathBuf)> {
        let mut faces: Vec<(u32, fontdb::ID, String, PathBuf)> = self
            .db
            .faces()
            .filter_map(|face| {
                let path = match &face.source {
                    fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                let family = face.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
                let mut penalty = u32::from(face.weight.0.abs_diff(400) / 100);
                if face.style != fontdb::Style::Normal {
                    penalty += 10;
                }
                if family.contains("Mono") {
                    penalty += 5;
                }
                if family.contains("Serif") {
                    penalty += 3;
                }
                if family.contains("CJK") && !family.ends_with(self.cjk_region) {
                    penalty += 1;
                }
                Some((penalty, face.id, family, path))
            })
            .collect();
        faces.sort_by(|a, b| (a.0, &a.2, &a.3).cmp(&(b.0, &b.2, &b.3)));
        faces
            .into_iter()
            .map(|(_, id, family, path)| (id, family, path))
            .collect()
    }
}

/// True when the face has glyph outlines (TrueType or CFF), which the
/// window's renderer can draw; colour bitmap fonts have none.
fn has_outlines(font: &FontRef<'_>) -> bool {
    [Tag::new(b"glyf"), Tag::new(b"CFF "), Tag::new(b"CFF2")]
        .into_iter()
        .any(|tag| font.table_data(tag).is_some())
}

fn locale() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default()
}

/// The Noto CJK region suffix for a locale such as `ja_JP.UTF-8`.
fn cjk_region_for_locale(locale: &str) -> &'static str {
    let locale = locale.to_ascii_lowercase();
    if locale.starts_with("ja") {
        "JP"
    } else if locale.starts_with("ko") {
        "KR"
    } else if locale.starts_with("zh_tw") {
        "TC"
    } else if locale.starts_with("zh_hk") {
        "HK"
    } else {
        "SC"
    }
}

/// The Debian/Ubuntu package that draws `c`, for the notice shown when no
/// installed font does.
pub fn font_package_for(c: char) -> &'static str {
    match u32::from(c) {
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => "fonts-noto-cjk",
        0x2600..=0x27BF | 0x1F000..=0x1FAFF => "fonts-symbola",
        _ => "fonts-noto-core",
    }
}

/// The sentence shown once when some characters of the project have no
/// font: which characters and which package to install.
pub fn missing_font_notice(uncovered: &[char]) -> Option<String> {
    if uncovered.is_empty() {
        return None;
    }
    let sample: String = uncovered.iter().take(5).collect();
    let packages: BTreeSet<&str> = uncovered.iter().map(|c| font_package_for(*c)).collect();
    let packages: Vec<&str> = packages.into_iter().collect();
    Some(format!(
        "No installed font draws some characters in this project ({sample}): install {} (e.g. `sudo apt install {}`) and restart Strata.",
        packages.join(" and "),
        packages.join(" ")
    ))
}

/// The characters of `text` the bundled fonts may lack: everything beyond
/// Latin-1, once each.
pub fn beyond_latin(text: &str) -> BTreeSet<char> {
    text.chars().filter(|c| u32::from(*c) > 0xFF).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_named_by_script() {
        assert_eq!(font_package_for('中'), "fonts-noto-cjk");
        assert_eq!(font_package_for('한'), "fonts-noto-cjk");
        assert_eq!(font_package_for('ア'), "fonts-noto-cjk");
        assert_eq!(font_package_for('ب'), "fonts-noto-core");
        assert_eq!(font_package_for('🦀'), "fonts-symbola");
        let notice = missing_font_notice(&['中', 'ب']).expect("a notice");
        assert!(notice.contains("fonts-noto-cjk and fonts-noto-core"), "{notice}");
        assert!(notice.contains("中"), "{notice}");
        assert_eq!(missing_font_notice(&[]), None);
    }

    #[test]
    fn the_locale_picks_the_cjk_region() {
        assert_eq!(cjk_region_for_locale("ja_JP.UTF-8"), "JP");
        assert_eq!(cjk_region_for_locale("zh_TW.UTF-8"), "TC");
        assert_eq!(cjk_region_for_locale("en_GB.UTF-8"), "SC");
        assert_eq!(cjk_region_for_locale(""), "SC");
    }

    #[test]
    fn only_characters_beyond_latin_1_are_checked() {
        let found = beyond_latin("Café 订单服务 → ok");
        assert_eq!(found, BTreeSet::from(['订', '单', '服', '务', '→']));
    }

    #[test]
    fn an_empty_folder_covers_nothing_and_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fonts = SystemFonts::in_folders(&[dir.path()]);
        assert_eq!(fonts.face_count(), 0);
        let coverage = fonts.cover(['中', 'ب']);
        assert!(coverage.faces.is_empty());
        assert_eq!(coverage.uncovered, vec!['ب', '中']);
    }
}
