//! Small text helpers for the exported Markdown: escaping, money, slugs.
//! Everything a user typed passes through here (or through the writer in
//! `markdown.rs`) before it reaches a file.

use crate::model::CostRange;

/// User text for inline Markdown: one line, with HTML-significant
/// characters escaped so `List<String>` reads as typed.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Multi-line user text as Markdown paragraphs. Line structure is kept, so
/// an architect's own lists survive; raw HTML is neutralised.
pub fn block(text: &str) -> String {
    text.lines()
        .map(inline_keep_indent)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn inline_keep_indent(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    format!("{}{}", &line[..indent].replace('\t', "    "), inline(line))
}

/// Text or a visible gap.
pub fn or_gap(text: &str, gap: &str) -> String {
    let value = inline(text);
    if value.is_empty() { format!("_{gap}_") } else { value }
}

/// A file-name-safe slug: lowercase ASCII letters, digits and single
/// hyphens, at most 60 characters; never empty, never a path.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        let ch = ch.to_ascii_lowercase();
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        fallback.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Money in whole cents, so totals add up exactly.
pub fn cents(amount: f64) -> i64 {
    if amount.is_finite() {
        (amount * 100.0).round() as i64
    } else {
        0
    }
}

/// `1234567` cents → `12,345.67`; whole amounts lose the decimals.
pub fn money(cents: i64) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let fraction = cents % 100;
    let sign = if negative { "-" } else { "" };
    if fraction == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction:02}")
    }
}

pub fn signed_money(cents: i64) -> String {
    if cents > 0 {
        format!("+{}", money(cents))
    } else {
        money(cents)
    }
}

/// User text as a Markdown code span (an infrastructure address, say): the
/// fence is longer than any run of backticks inside, so nothing escapes it.
pub fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    if text.trim().is_empty() {
        return "—".to_owned();
    }
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A cost range in whole cents; a single figure has `low == high`. Totals
/// add lows and highs separately, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CentsRange {
    pub low: i64,
    pub high: i64,
}

impl CentsRange {
    pub fn exactly(cents: i64) -> CentsRange {
        CentsRange {
            low: cents,
            high: cents,
        }
    }

    /// A recorded range, or zero when none was recorded.
    pub fn of(range: Option<CostRange>) -> CentsRange {
        range.map_or_else(CentsRange::default, |r| CentsRange {
            low: cents(r.low),
            high: cents(r.high),
        })
    }

    /// Every difference `proposed − current` the two ranges allow: from the
    /// lowest proposed minus the highest current to the highest proposed
    /// minus the lowest current.
    pub fn difference(proposed: CentsRange, current: CentsRange) -> CentsRange {
        CentsRange {
            low: proposed.low - current.high,
            high: proposed.high - current.low,
        }
    }
}

impl std::ops::Add for CentsRange {
    type Output = CentsRange;
    fn add(self, other: CentsRange) -> CentsRange {
        CentsRange {
            low: self.low + other.low,
            high: self.high + other.high,
        }
    }
}

impl std::ops::AddAssign for CentsRange {
    fn add_assign(&mut self, other: CentsRange) {
        *self = *self + other;
    }
}

impl std::iter::Sum for CentsRange {
    fn sum<I: Iterator<Item = CentsRange>>(iter: I) -> CentsRange {
        iter.fold(CentsRange::default(), |a, b| a + b)
    }
}

/// `485–935`, or `485` when low and high agree.
pub fn money_range(range: CentsRange) -> String {
    if range.low == range.high {
        money(range.low)
    } else {
        format!("{}–{}", money(range.low), money(range.high))
    }
}

/// `+335–+785`, or `+335` when low and high agree.
pub fn signed_money_range(range: CentsRange) -> String {
    if range.low == range.high {
        signed_money(range.low)
    } else {
        format!("{}–{}", signed_money(range.low), signed_money(range.high))
    }
}

pub fn optional_money_range(range: Option<CostRange>) -> String {
    range.map_or_else(|| "—".to_owned(), |r| money_range(CentsRange::of(Some(r))))
}

/// "1 layer", "3 layers".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Use EKS, not ECS!", "x"), "use-eks-not-ecs");
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(slug("東京 🚀", "decision"), "decision");
        assert_eq!(slug(&"a".repeat(500), "x").len(), 60);
    }

    #[test]
    fn money_formats_and_adds_in_cents() {
        assert_eq!(money(cents(1234567.5)), "1,234,567.50");
        assert_eq!(money(cents(100.0)), "100");
        assert_eq!(signed_money(-2500), "-25");
        assert_eq!(signed_money(2550), "+25.50");
        assert_eq!(cents(0.1) + cents(0.2), cents(0.3));
    }

    #[test]
    fn ranges_add_lows_and_highs_and_write_an_en_dash() {
        let cluster = CentsRange::of(Some(CostRange {
            low: 173.0,
            high: 573.0,
        }));
        let rest = CentsRange::of(Some(CostRange {
            low: 312.0,
            high: 362.0,
        }));
        assert_eq!(money_range(cluster + rest), "485–935");
        assert_eq!(money_range(CentsRange::exactly(15000)), "150");
        let difference = CentsRange::difference(cluster + rest, CentsRange::exactly(15000));
        assert_eq!(signed_money_range(difference), "+335–+785");
        assert_eq!(
            signed_money_range(CentsRange::difference(
                CentsRange::exactly(100),
                CentsRange::exactly(300)
            )),
            "-2"
        );
        assert_eq!(optional_money_range(None), "—");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(
            code_span("module.db.aws_db_instance.primary"),
            "`module.db.aws_db_instance.primary`"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("<b>\nnext"), "`<b> next`");
    }
}
