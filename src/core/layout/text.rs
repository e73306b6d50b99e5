//! Text measuring and wrapping for the geometry. The canvas and the SVG
//! use different fonts, so widths are estimated on the generous side: a
//! line the core says fits also fits in either renderer.

/// Bold name lines inside a component box.
pub const NAME_SIZE: f32 = 12.0;
pub const NAME_LINE: f32 = 15.0;
/// The technology line under the name.
pub const DETAIL_SIZE: f32 = 10.0;
pub const DETAIL_LINE: f32 = 13.0;
/// Edge labels.
pub const LABEL_SIZE: f32 = 10.0;
/// Zone titles.
pub const TITLE_SIZE: f32 = 11.0;
/// Band names (drawn upper-case, bold).
pub const BAND_SIZE: f32 = 14.0;

/// East Asian wide characters and pictographs take a full em.
fn is_wide(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1FAFF
            | 0x20000..=0x3FFFD
    )
}

/// Estimated advance of one character at `size` pixels.
pub fn char_width(c: char, size: f32) -> f32 {
    let em = if is_wide(c) {
        1.05
    } else if c.is_control() {
        0.0
    } else if "iljtfr.,:;'|!()[]{} ".contains(c) {
        0.42
    } else if c.is_uppercase() || "mwMW@%&".contains(c) {
        0.82
    } else {
        0.64
    };
    em * size
}

/// Estimated width of `text` on one line.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let plain: f32 = text.chars().map(|c| char_width(c, size)).sum();
    if bold { plain * 1.08 } else { plain }
}

/// Breaks `text` into lines no wider than `max_width`, at spaces where it
/// can and inside a word where a word alone is too long. Every character
/// other than whitespace is kept, in order: nothing is cut.
pub fn wrap(text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
    let factor = if bold { 1.08 } else { 1.0 };
    let width_of = |c: char| char_width(c, size) * factor;
    let space = width_of(' ');
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    // A hyphenated word may break after a hyphen: its pieces are glued
    // to each other without a space.
    let pieces = text
        .split_whitespace()
        .flat_map(|word| word.split_inclusive('-').enumerate().map(|(i, piece)| (piece, i > 0)));
    for (word, glued) in pieces {
        let word_width: f32 = word.chars().map(width_of).sum();
        let gap = if glued { 0.0 } else { space };
        if !line.is_empty() && line_width + gap + word_width <= max_width {
            if !glued {
                line.push(' ');
            }
            line.push_str(word);
            line_width += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        if word_width <= max_width {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word longer than a line: break it between characters.
        for c in word.chars() {
            let w = width_of(c);
            if !line.is_empty() && line_width + w > max_width {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` with each run of white space (newlines too) as one space, and
/// none at either end: how every text of the drawing is written.
pub fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` on one line of at most `max_width`, ending in "…" when cut.
pub fn shorten(text: &str, size: f32, max_width: f32) -> String {
    let text = single_spaced(text);
    if text_width(&text, size, false) <= max_width {
        return text;
    }
    let budget = max_width - char_width('…', size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(c, size);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_names_stay_on_one_line_and_long_ones_wrap_at_spaces() {
        assert_eq!(wrap("Orders API", NAME_SIZE, true, 150.0), vec!["Orders API"]);
        let lines = wrap(
            "General-purpose node pool for the batch workers",
            NAME_SIZE,
            true,
            150.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, NAME_SIZE, true) <= 150.0));
        let lines = wrap("Compute-optimized node group", NAME_SIZE, true, 110.0);
        assert_eq!(lines[0], "Compute-", "a long word breaks after its hyphen: {lines:?}");
    }

    #[test]
    fn shortening_marks_the_cut() {
        assert_eq!(shorten("PostgreSQL 16", DETAIL_SIZE, 200.0), "PostgreSQL 16");
        let short = shorten(&"Amazon Aurora PostgreSQL-compatible ".repeat(4), DETAIL_SIZE, 120.0);
        assert!(short.ends_with('…'));
        assert!(text_width(&short, DETAIL_SIZE, false) <= 120.0);
    }

    proptest! {
        /// Wrapping loses no character and keeps every line within the
        /// width unless one character alone is wider.
        #[test]
        fn wrapping_keeps_every_character(text in "\\PC{0,80}", width in 20.0f32..200.0) {
            let lines = wrap(&text, NAME_SIZE, true, width);
            let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(joined, original);
            for line in &lines {
                prop_assert!(text_width(line, NAME_SIZE, true) <= width || line.chars().count() == 1);
            }
        }
    }
}
