//! Strata: a desktop workbench for infrastructure architects.
//!
//! The core (`model`, `edit`, `store`, `check`, `review`, `templates`,
//! `synth`) has no GUI dependency; `ui` holds egui views and `app` is the
//! eframe shell over them.

pub mod app;
pub mod check;
pub mod cli;
pub mod diff;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod lint;
pub mod model;
pub mod review;
pub mod store;
pub mod synth;
pub mod templates;
pub mod ui;

/// Today's date as `YYYY-MM-DD` (UTC), for new projects and review minutes.
pub fn today_iso() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((seconds / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
pub fn civil_date(days_since_epoch: i64) -> String {
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(19_723), "2024-01-01");
        assert_eq!(super::civil_date(20_780), "2026-11-23");
    }

    #[test]
    fn iso_date_validation() {
        assert!(super::is_iso_date("2024-02-29"));
        assert!(!super::is_iso_date("2023-02-29"));
        assert!(!super::is_iso_date("2024-13-01"));
        assert!(!super::is_iso_date("24-01-01"));
        assert!(!super::is_iso_date("2024-01-0x"));
    }
}
