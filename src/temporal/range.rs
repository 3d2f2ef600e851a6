//! A calendar interval: what every date, claimed or read, resolves to.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn day(d: NaiveDate) -> Self {
        DateRange { start: d, end: d }
    }

    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        DateRange {
            start: start.min(end),
            end: start.max(end),
        }
    }

    /// The whole of month `month` of `year`; `None` for an impossible month.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(DateRange::new(start, last_of_month(start)))
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(DateRange::new(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        ))
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Parses a claims-file date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse_claim(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => DateRange::year(num(y, 4)? as i32),
            [y, m] => DateRange::month(num(y, 4)? as i32, num(m, 2)?),
            [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                .map(DateRange::day),
            _ => None,
        }
    }
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

impl fmt::Display for DateRange {
    /// A day as `2018-07-16`, a whole month as `2018-07`, a whole year as
    /// `2018`, anything else as `2018-07-11..2018-07-12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, e) = (self.start, self.end);
        if s == e {
            write!(f, "{}", s.format("%Y-%m-%d"))
        } else if s.day() == 1
            && s.month() == 1
            && e.month() == 12
            && e.day() == 31
            && s.year() == e.year()
        {
            write!(f, "{}", s.year())
        } else if s.day() == 1 && e == last_of_month(s) {
            write!(f, "{}", s.format("%Y-%m"))
        } else {
            write!(f, "{}..{}", s.format("%Y-%m-%d"), e.format("%Y-%m-%d"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_claim_dates() {
        for (text, shown) in [
            ("2017-07-07", Some("2017-07-07")),
            ("2018-07", Some("2018-07")),
            ("2016", Some("2016")),
            ("2018-02-30", None),
            ("2018-13", None),
            ("18-07-01", None),
            ("2018-7-1", None),
            ("July 7", None),
        ] {
            assert_eq!(
                DateRange::parse_claim(text)
                    .map(|r| r.to_string())
                    .as_deref(),
                shown,
                "{text}"
            );
        }
    }

    #[test]
    fn overlap_is_inclusive() {
        let july = DateRange::month(2018, 7).unwrap();
        let d = |m, d| DateRange::day(NaiveDate::from_ymd_opt(2018, m, d).unwrap());
        assert!(july.overlaps(&d(7, 31)));
        assert!(july.overlaps(&d(7, 1)));
        assert!(!july.overlaps(&d(6, 30)));
        assert!(!july.overlaps(&d(8, 1)));
    }
}
