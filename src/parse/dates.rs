//! Dates as reports write them: "7 to 18 November 2022", "29 September to 1 October 2020",
//! "10 June 2017 to 4 July 2017", "11 – 22 July 2022", "18 Feb 2014", "12/09/2016 to
//! 06/10/2016", two-digit years ("19 June 26"), and paused inspections in two parts
//! ("30 September to 11 October 2024 and 13 to 16 January 2025"). Letters add their own:
//! "the 15 and 16 of May 2018", "15, 16 and 21 July 2025", "29 and 30 September, and
//! 1 October 2020", a visit with no year ("on 30 and 31 January", the year from the letter's
//! date) and a mistyped five-digit year ("12 March 20219", read against the visit).

use std::sync::LazyLock;

use chrono::Datelike as _;
use regex::Regex;

use crate::model::Date;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d{2})\b
        | \b(?P<d>\d{1,2})(?:st|nd|rd|th)?\b
          (?:\s+(?:of\s+)?(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?)?
          (?:,?\s+(?P<y>\d{4}|\d{2})\b)?",
    )
    .expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let m = name.to_ascii_lowercase();
    let n = match m.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + y),
        4 if (1990..=2100).contains(&y) => Some(y),
        _ => None,
    }
}

/// A day with whatever month and year were written next to it.
#[derive(Clone, Copy, Debug)]
struct Partial {
    day: u32,
    month: Option<u32>,
    year: Option<i32>,
}

fn partials(text: &str) -> Vec<Partial> {
    let mut out = Vec::new();
    for c in TOKEN.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (c.name("nd"), c.name("nm"), c.name("ny")) {
            let (Ok(day), Ok(month)) = (d.as_str().parse(), m.as_str().parse()) else { continue };
            out.push(Partial { day, month: Some(month), year: year(y.as_str()) });
            continue;
        }
        let Some(d) = c.name("d") else { continue };
        let Ok(day) = d.as_str().parse::<u32>() else { continue };
        if !(1..=31).contains(&day) {
            continue;
        }
        let month = c.name("m").and_then(|m| month_number(m.as_str()));
        // A bare two-digit "year" needs a month before it to be a year.
        let year =
            c.name("y").and_then(|y| if month.is_some() || y.as_str().len() == 4 { year(y.as_str()) } else { None });
        out.push(Partial { day, month, year });
    }
    // Bare numbers after the last full date are not days of the range ("2022  2").
    while out.last().is_some_and(|p| p.month.is_none()) {
        out.pop();
    }
    out
}

fn complete(parts: &[Partial], i: usize) -> Option<Date> {
    let p = parts.get(i)?;
    let month = p.month.or_else(|| parts[i..].iter().find_map(|q| q.month))?;
    let year = p.year.or_else(|| parts[i..].iter().find_map(|q| q.year))?;
    Date::from_ymd_opt(year, month, p.day)
}

/// One date, such as "13 November 2020", "18 Feb 2014" or "12/09/2016".
pub fn parse_date(text: &str) -> Option<Date> {
    let parts = partials(text);
    let i = parts.iter().position(|p| p.month.is_some() && p.year.is_some())?;
    complete(&parts, i)
}

/// The first and last day of a range; both equal for a single date. The first day takes
/// its month and year from later parts when it has none ("7 to 18 November 2022").
pub fn parse_range(text: &str) -> Option<(Date, Date)> {
    let parts = partials(text);
    if parts.is_empty() {
        return None;
    }
    let start = complete(&parts, 0)?;
    let end = complete(&parts, parts.len() - 1)?;
    if end < start {
        // "29 December to 2 January 2021": the start is in the year before.
        let start = start.with_year(start.year() - 1)?;
        return (start <= end).then_some((start, end));
    }
    Some((start, end))
}

/// A range written without a year ("on 30 and 31 January"): the year is the one that
/// puts the range on or before `letter`, the date of the letter that reports it.
pub fn parse_range_before(text: &str, letter: Date) -> Option<(Date, Date)> {
    let mut parts = partials(text);
    if parts.is_empty() || parts.iter().any(|p| p.year.is_some()) {
        return parse_range(text);
    }
    for p in &mut parts {
        p.year = Some(letter.year());
    }
    let start = complete(&parts, 0)?;
    let end = complete(&parts, parts.len() - 1)?;
    let (start, end) =
        if end > letter { (start.with_year(start.year() - 1)?, end.with_year(end.year() - 1)?) } else { (start, end) };
    if end < start {
        // "29 December and 2 January" written in January.
        return Some((start.with_year(start.year() - 1)?, end));
    }
    Some((start, end))
}

/// A date whose year has a stray fifth digit ("12 March 20219"): of the years that
/// dropping one digit gives, the one that puts the date nearest after `after` (the visit
/// it reports on), within two years of it.
pub fn parse_date_mistyped_year(text: &str, after: Date) -> Option<Date> {
    static FIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{5})\b").expect("valid regex")
    });
    let c = FIVE.captures(text)?;
    let day: u32 = c[1].parse().ok()?;
    let month = month_number(&c[2])?;
    let digits = &c[3];
    (0..digits.len())
        .filter_map(|skip| {
            let y: String = digits.char_indices().filter(|&(i, _)| i != skip).map(|(_, ch)| ch).collect();
            Date::from_ymd_opt(y.parse().ok()?, month, day)
        })
        .filter(|d| *d >= after && (*d - after).num_days() <= 730)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn single_dates() {
        assert_eq!(parse_date("13 November 2020"), Some(d(2020, 11, 13)));
        assert_eq!(parse_date("Report published: 19 October 2015"), Some(d(2015, 10, 19)));
        assert_eq!(parse_date("18 Feb 2014"), Some(d(2014, 2, 18)));
        assert_eq!(parse_date("1st Sept. 2019"), Some(d(2019, 9, 1)));
        assert_eq!(parse_date("12/09/2016"), Some(d(2016, 9, 12)));
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn ranges_in_every_form() {
        let r = |s: &str| parse_range(s);
        assert_eq!(r("7 to 18 November 2022"), Some((d(2022, 11, 7), d(2022, 11, 18))));
        assert_eq!(r("29 September to 1 October 2020"), Some((d(2020, 9, 29), d(2020, 10, 1))));
        assert_eq!(r("10 June 2017 to 4 July 2017"), Some((d(2017, 6, 10), d(2017, 7, 4))));
        assert_eq!(r("11 – 22 July 2022"), Some((d(2022, 7, 11), d(2022, 7, 22))));
        assert_eq!(r("14 January – 5 February 2014"), Some((d(2014, 1, 14), d(2014, 2, 5))));
        assert_eq!(r("12/09/2016 to 06/10/2016"), Some((d(2016, 9, 12), d(2016, 10, 6))));
        assert_eq!(r("8 June to 19 June 26"), Some((d(2026, 6, 8), d(2026, 6, 19))));
        assert_eq!(r("5 and 6 May 2021"), Some((d(2021, 5, 5), d(2021, 5, 6))));
        assert_eq!(r("18 March 2021"), Some((d(2021, 3, 18), d(2021, 3, 18))));
        assert_eq!(
            r("30 September to 11 October 2024 and 13 to 16 January 2025"),
            Some((d(2024, 9, 30), d(2025, 1, 16)))
        );
        assert_eq!(r("29 December to 2 January 2021"), Some((d(2020, 12, 29), d(2021, 1, 2))));
    }

    #[test]
    fn letters_visit_dates() {
        let r = |s: &str| parse_range(s);
        assert_eq!(r("the 15 and 16 of May 2018"), Some((d(2018, 5, 15), d(2018, 5, 16))));
        assert_eq!(r("15, 16 and 21 July 2025"), Some((d(2025, 7, 15), d(2025, 7, 21))));
        assert_eq!(r("29 and 30 September, and 1 October 2020"), Some((d(2020, 9, 29), d(2020, 10, 1))));
        assert_eq!(r("31 October and 1 November 2023"), Some((d(2023, 10, 31), d(2023, 11, 1))));
        assert_eq!(r("11–12 March 2019"), Some((d(2019, 3, 11), d(2019, 3, 12))));
        assert_eq!(r("27 June 2022 to 1 July 2022"), Some((d(2022, 6, 27), d(2022, 7, 1))));
    }

    #[test]
    fn a_visit_without_a_year_takes_the_letters() {
        let r = parse_range_before;
        assert_eq!(r("30 and 31 January", d(2018, 2, 22)), Some((d(2018, 1, 30), d(2018, 1, 31))));
        assert_eq!(r("13 and 14 July", d(2021, 8, 23)), Some((d(2021, 7, 13), d(2021, 7, 14))));
        // A visit late in the year reported in the new year.
        assert_eq!(r("27 and 28 November", d(2019, 1, 8)), Some((d(2018, 11, 27), d(2018, 11, 28))));
        assert_eq!(r("30 December and 2 January", d(2020, 1, 20)), Some((d(2019, 12, 30), d(2020, 1, 2))));
        // A year written wins.
        assert_eq!(r("5 and 6 May 2021", d(2022, 1, 1)), Some((d(2021, 5, 5), d(2021, 5, 6))));
        assert_eq!(r("no dates", d(2022, 1, 1)), None);
    }

    #[test]
    fn a_five_digit_year_is_read_against_the_visit() {
        let visit_end = d(2019, 2, 20);
        assert_eq!(parse_date_mistyped_year("12 March 20119", visit_end), Some(d(2019, 3, 12)));
        assert_eq!(parse_date_mistyped_year("12 March 20219", d(2021, 2, 1)), Some(d(2021, 3, 12)));
        assert_eq!(parse_date_mistyped_year("12 March 20219", visit_end), Some(d(2019, 3, 12)));
        assert_eq!(parse_date_mistyped_year("12 March 2019", visit_end), None);
        assert_eq!(parse_date_mistyped_year("12 March 30000", visit_end), None);
    }
}
