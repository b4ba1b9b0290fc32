//! Dates as reports write them: "7 to 18 November 2022", "29 September to 1 October 2020",
//! "10 June 2017 to 4 July 2017", "11 – 22 July 2022", "18 Feb 2014", "12/09/2016 to
//! 06/10/2016", two-digit years ("19 June 26"), and paused inspections in two parts
//! ("30 September to 11 October 2024 and 13 to 16 January 2025").

use std::sync::LazyLock;

use chrono::Datelike as _;
use regex::Regex;

use crate::model::Date;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d{2})\b
        | \b(?P<d>\d{1,2})(?:st|nd|rd|th)?\b
          (?:\s+(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?)?
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
}
