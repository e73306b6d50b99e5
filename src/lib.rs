//! Strata: a desktop workbench for infrastructure architects.
//!
//! `core` is the pure part: the project model and everything computed from
//! it, with no GUI dependency (`tests/boundary.rs` keeps it so). `cli` is the
//! command line over the core; `ui` holds the egui views and `app` is the
//! window's shell over them. The core's modules are re-exported at the top
//! (`strata::model`, `strata::layout`, ...), so paths stay short.

pub mod app;
pub mod cli;
pub mod core;
pub mod ui;

pub use crate::core::{
    check, diff, document, edit, export, fonts, layout, lint, model, review, selection, store, synth, templates,
    terraform, theme,
};

/// Today's date as `YYYY-MM-DD` in the user's own time zone, for new
/// projects and review minutes: a review held at 00:30 is dated that day,
/// not the day before in UTC.
pub fn today_iso() -> String {
    iso_date(&jiff::ZonedDateTime::now())
}

/// The calendar date of `time` where it happened, as `YYYY-MM-DD`.
pub fn iso_date(time: &jiff::ZonedDateTime) -> String {
    time.date().strftime("%Y-%m-%d").to_string()
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, b)| {
            if at == 4 || at == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped && jiff::civil::Date::strptime("%Y-%m-%d", text).is_ok()
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_are_local_not_utc() {
        // 01:00 UTC on 2 December is still 1 December five hours west.
        let instant: jiff::Timestamp = "2026-12-02T01:00:00Z".parse().expect("a valid instant");
        let west = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
        let east = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        assert_eq!(super::iso_date(&instant.to_zoned_datetime(west)), "2026-12-01");
        assert_eq!(super::iso_date(&instant.to_zoned_datetime(east)), "2026-12-02");
        assert_eq!(
            super::iso_date(&instant.to_zoned_datetime(jiff::tz::TimeZone::UTC)),
            "2026-12-02"
        );
        assert!(super::is_iso_date(&super::today_iso()));
    }

    #[test]
    fn iso_date_validation() {
        assert!(super::is_iso_date("2024-02-29"));
        assert!(!super::is_iso_date("2023-02-29"));
        assert!(!super::is_iso_date("2024-13-01"));
        assert!(!super::is_iso_date("24-01-01"));
        assert!(!super::is_iso_date("2024-01-0x"));
        assert!(!super::is_iso_date("+024-01-01"));
        assert!(!super::is_iso_date("2024-1-001"));
    }
}
