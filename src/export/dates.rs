//! Working days and bank holidays in England (and Wales), for the statutory action-plan
//! due date: 70 working days after a full inspection report is published. Pure date
//! arithmetic; the result is only ever offered as a suggestion, never written into an
//! annotation.

use chrono::{Datelike as _, Days, Weekday};

use crate::model::{Date, ImportedReport, ReportKind};

/// Working days an authority has, after a full inspection report is published, to send
/// Ofsted its action plan.
pub const ACTION_PLAN_WORKING_DAYS: u32 = 70;

/// The statutory due date for a full inspection's action plan: 70 working days after the
/// report's publication (its letter date), skipping weekends and bank holidays in England.
/// `None` for other kinds of report, or when the report has no date.
pub fn suggested_due_date(report: &ImportedReport) -> Option<Date> {
    if report.meta.kind != ReportKind::FullInspection {
        return None;
    }
    report.meta.letter_date.map(|published| add_working_days(published, ACTION_PLAN_WORKING_DAYS))
}

/// The date `n` working days after `start` (which itself does not count), skipping
/// Saturdays, Sundays and bank holidays in England.
pub fn add_working_days(start: Date, n: u32) -> Date {
    let mut date = start;
    let mut remaining = n;
    while remaining > 0 {
        date = date.succ_opt().unwrap_or(date);
        if is_working_day(date) {
            remaining -= 1;
        }
    }
    date
}

/// Whether `date` is a weekday that is not a bank holiday in England.
pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(date)
}

/// Whether `date` is a bank holiday in England and Wales.
pub fn is_bank_holiday(date: Date) -> bool {
    bank_holidays(date.year()).contains(&date)
}

/// The bank holidays of England and Wales in `year`, in date order. Follows the rules of
/// the Banking and Financial Dealings Act 1971 and the royal proclamations since: New
/// Year's Day, Good Friday, Easter Monday, the early May bank holiday (from 1978), the
/// spring and summer bank holidays, Christmas Day and Boxing Day, with substitute days
/// when a fixed date falls at a weekend, plus the known one-off changes.
pub fn bank_holidays(year: i32) -> Vec<Date> {
    let Some(jan1) = ymd(year, 1, 1) else {
        return Vec::new();
    };
    let mut days = Vec::with_capacity(10);

    // New Year's Day, or the Monday after when it falls at a weekend.
    days.push(next_weekday(jan1));

    if let Some(easter) = easter_sunday(year) {
        days.extend(easter.checked_sub_days(Days::new(2)));
        days.extend(easter.checked_add_days(Days::new(1)));
    }

    // Early May: the first Monday of May, moved for VE day anniversaries in 1995 and 2020.
    if year >= 1978 {
        let early_may = match year {
            1995 => ymd(1995, 5, 8),
            2020 => ymd(2020, 5, 8),
            _ => first_monday(year, 5),
        };
        days.extend(early_may);
    }

    // Spring: the last Monday of May, moved to early June for jubilees.
    let spring = match year {
        2002 => ymd(2002, 6, 4),
        2012 => ymd(2012, 6, 4),
        2022 => ymd(2022, 6, 2),
        _ => last_monday(year, 5),
    };
    days.extend(spring);

    // Summer: the last Monday of August.
    days.extend(last_monday(year, 8));

    // Christmas Day and Boxing Day; a weekend one is replaced by the next free weekday.
    if let (Some(christmas), Some(boxing)) = (ymd(year, 12, 25), ymd(year, 12, 26)) {
        let christmas_observed = next_weekday(christmas);
        let mut boxing_observed = next_weekday(boxing);
        if boxing_observed == christmas_observed {
            boxing_observed = next_weekday(christmas_observed.succ_opt().unwrap_or(christmas_observed));
        }
        days.push(christmas_observed);
        days.push(boxing_observed);
    }

    // One-off bank holidays by royal proclamation.
    let one_offs: &[(i32, u32, u32)] = &[
        (1999, 12, 31), // Millennium
        (2002, 6, 3),   // Golden Jubilee
        (2011, 4, 29),  // Royal wedding
        (2012, 6, 5),   // Diamond Jubilee
        (2022, 6, 3),   // Platinum Jubilee
        (2022, 9, 19),  // State funeral of Queen Elizabeth II
        (2023, 5, 8),   // Coronation of King Charles III
    ];
    days.extend(one_offs.iter().filter(|(y, _, _)| *y == year).filter_map(|&(y, m, d)| ymd(y, m, d)));

    days.sort();
    days.dedup();
    days
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
pub fn easter_sunday(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::from_ymd_opt(year, month, day)
}

/// The date itself when it is a weekday, else the Monday after.
fn next_weekday(date: Date) -> Date {
    match date.weekday() {
        Weekday::Sat => date.checked_add_days(Days::new(2)).unwrap_or(date),
        Weekday::Sun => date.checked_add_days(Days::new(1)).unwrap_or(date),
        _ => date,
    }
}

fn first_monday(year: i32, month: u32) -> Option<Date> {
    Date::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<Date> {
    Date::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| Date::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn ds(list: &[&str]) -> Vec<Date> {
        list.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn easter_matches_known_dates() {
        for (year, easter) in [(2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20")] {
            assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
        }
        assert_eq!(easter_sunday(2038), Some(d("2038-04-25")));
        assert_eq!(easter_sunday(2008), Some(d("2008-03-23")));
    }

    // Lists from gov.uk/bank-holidays (England and Wales).
    #[test]
    fn bank_holidays_match_gov_uk() {
        assert_eq!(
            bank_holidays(2024),
            ds(&[
                "2024-01-01",
                "2024-03-29",
                "2024-04-01",
                "2024-05-06",
                "2024-05-27",
                "2024-08-26",
                "2024-12-25",
                "2024-12-26"
            ])
        );
        assert_eq!(
            bank_holidays(2022),
            ds(&[
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ])
        );
        assert_eq!(
            bank_holidays(2020),
            ds(&[
                "2020-01-01",
                "2020-04-10",
                "2020-04-13",
                "2020-05-08",
                "2020-05-25",
                "2020-08-31",
                "2020-12-25",
                "2020-12-28"
            ])
        );
        assert_eq!(
            bank_holidays(2021),
            ds(&[
                "2021-01-01",
                "2021-04-02",
                "2021-04-05",
                "2021-05-03",
                "2021-05-31",
                "2021-08-30",
                "2021-12-27",
                "2021-12-28"
            ])
        );
        assert_eq!(
            bank_holidays(2023),
            ds(&[
                "2023-01-02",
                "2023-04-07",
                "2023-04-10",
                "2023-05-01",
                "2023-05-08",
                "2023-05-29",
                "2023-08-28",
                "2023-12-25",
                "2023-12-26"
            ])
        );
        assert_eq!(
            bank_holidays(2012),
            ds(&[
                "2012-01-02",
                "2012-04-06",
                "2012-04-09",
                "2012-05-07",
                "2012-06-04",
                "2012-06-05",
                "2012-08-27",
                "2012-12-25",
                "2012-12-26"
            ])
        );
        // Christmas on a Friday: Boxing Day's substitute is the Monday.
        assert!(bank_holidays(2015).contains(&d("2015-12-28")));
        assert!(!bank_holidays(2015).contains(&d("2015-12-26")));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        assert!(!is_working_day(d("2024-03-29")));
        assert!(!is_working_day(d("2024-03-30")));
        assert!(is_working_day(d("2024-04-02")));
        // Friday + 1 working day = Monday.
        assert_eq!(add_working_days(d("2024-06-07"), 1), d("2024-06-10"));
        // Maundy Thursday + 1 = the Tuesday after Easter Monday.
        assert_eq!(add_working_days(d("2024-03-28"), 1), d("2024-04-02"));
        assert_eq!(add_working_days(d("2024-03-28"), 0), d("2024-03-28"));
    }

    #[test]
    fn seventy_working_days_after_publication() {
        // 14 weeks after Monday 8 January 2024 is Monday 15 April; Good Friday and Easter
        // Monday push it two working days on.
        assert_eq!(add_working_days(d("2024-01-08"), 70), d("2024-04-17"));
        // Published 13 June 2017 (Southwark): no holidays until 28 August, which is day 54;
        // 70 working days lands on Wednesday 20 September 2017.
        assert_eq!(add_working_days(d("2017-06-13"), 70), d("2017-09-20"));
        // Across Christmas and New Year: published Monday 2 December 2024.
        assert_eq!(add_working_days(d("2024-12-02"), 70), d("2025-03-13"));
    }

    #[test]
    fn only_full_inspections_get_a_suggestion() {
        let mut report = ImportedReport {
            id: crate::model::ReportId("r".into()),
            source_path: "r.pdf".into(),
            content_hash: String::new(),
            imported_at: d("2024-01-01").and_hms_opt(0, 0, 0).unwrap(),
            meta: crate::model::ReportMeta {
                kind: ReportKind::FullInspection,
                letter_date: Some(d("2024-01-08")),
                ..Default::default()
            },
            findings: Vec::new(),
            text: String::new(),
            page_starts: Vec::new(),
            annotations: Default::default(),
            actions: Vec::new(),
            plan: Default::default(),
        };
        assert_eq!(suggested_due_date(&report), Some(d("2024-04-17")));
        report.meta.kind = ReportKind::FocusedVisit;
        assert_eq!(suggested_due_date(&report), None);
        report.meta.kind = ReportKind::FullInspection;
        report.meta.letter_date = None;
        assert_eq!(suggested_due_date(&report), None);
    }
}
