//! Resolving an expression against the publication date and the tense.
//!
//! The result is one or more candidate intervals; a date rule finds a
//! conflict only when none of them can overlap the claimed date, so where
//! news usage is ambiguous ("last Wednesday" said on a Thursday) both
//! readings are kept rather than one guessed.

use super::extract::{Expression, Kind, Part, Season, Shift, Unit};
use super::range::{DateRange, last_of_month};
use super::tense::Tense;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Candidate intervals, in date order; the expression means one of them.
    Dates(Vec<DateRange>),
    /// Not resolvable, with the reason.
    Unresolved(&'static str),
}

impl Resolution {
    pub fn dates(&self) -> &[DateRange] {
        match self {
            Resolution::Dates(d) => d,
            Resolution::Unresolved(_) => &[],
        }
    }
}

/// True when the expression needs the publication date to mean anything.
pub fn is_relative(kind: &Kind) -> bool {
    !matches!(
        kind,
        Kind::Full { .. }
            | Kind::MonthYear { .. }
            | Kind::Year { .. }
            | Kind::YearPart { .. }
            | Kind::Run { year: Some(_), .. }
            | Kind::Season { year: Some(_), .. }
            | Kind::Anchored { .. }
    )
}

pub fn resolve(expr: &Expression, published: Option<NaiveDate>, tense: Tense) -> Resolution {
    use Resolution::*;
    if let Kind::Anchored { .. } = expr.kind {
        return Unresolved("it is counted from another date");
    }
    let absolute = match expr.kind {
        Kind::Full {
            year,
            month,
            day,
            last_day,
        } => Some(days(year, month, day, last_day)),
        Kind::MonthYear { year, month, part } => Some(part_of(year, month, part)),
        Kind::Year { year } => Some(DateRange::year(year)),
        Kind::YearPart { year, part } => Some(year_part(year, part)),
        Kind::Run {
            month,
            day,
            end_month,
            end_day,
            year: Some(year),
        } => Some(run(year, month, day, end_month, end_day)),
        Kind::Season {
            season,
            year: Some(year),
            ..
        } => Some(season_of(year, season)),
        _ => None,
    };
    if let Some(range) = absolute {
        return range.map_or(Unresolved("it is not a real date"), |r| Dates(vec![r]));
    }
    let Some(p) = published else {
        return Unresolved("the article has no publication date");
    };
    let found: Vec<Option<DateRange>> = match expr.kind {
        Kind::MonthDay {
            month,
            day,
            last_day,
        } => by_tense(p, tense, |y| days(y, month, day, last_day)),
        Kind::Month { month, part, shift } => match shift {
            Shift::Last => {
                let y = if month < p.month() {
                    p.year()
                } else {
                    p.year() - 1
                };
                vec![part_of(y, month, part)]
            }
            Shift::Next => {
                let y = if month > p.month() {
                    p.year()
                } else {
                    p.year() + 1
                };
                vec![part_of(y, month, part)]
            }
            Shift::This => vec![part_of(p.year(), month, part)],
            Shift::None => by_tense(p, tense, |y| part_of(y, month, part)),
        },
        Kind::MonthOfLastYear { month } => vec![part_of(p.year() - 1, month, Part::Whole)],
        Kind::Run {
            month,
            day,
            end_month,
            end_day,
            ..
        } => by_tense(p, tense, |y| run(y, month, day, end_month, end_day)),
        Kind::Season { season, shift, .. } => {
            let make = |y| season_of(y, season);
            let years = [p.year() - 2, p.year() - 1, p.year(), p.year() + 1];
            let all: Vec<DateRange> = years.iter().filter_map(|&y| make(y)).collect();
            match shift {
                Shift::Last => vec![all.iter().rev().find(|r| r.end < p).copied()],
                Shift::Next => vec![all.iter().find(|r| r.start > p).copied()],
                // The season under way, else the one that begins this year.
                Shift::This => vec![
                    all.iter()
                        .find(|r| r.start <= p && p <= r.end)
                        .or_else(|| all.iter().find(|r| r.start.year() == p.year()))
                        .copied(),
                ],
                Shift::None => by_tense(p, tense, make),
            }
        }
        Kind::Exact { amount, unit } => vec![exact(p, amount, unit).map(DateRange::day)],
        Kind::Calendar {
            unit: Unit::Weekend,
            shift,
        } => weekend(p, shift, tense),
        Kind::Weekday { weekday, shift } => weekday_dates(p, weekday, shift, tense),
        Kind::DayOffset(n) => vec![add_days(p, n).map(DateRange::day)],
        Kind::Calendar { unit, shift } => {
            let n = match shift {
                Shift::Last => -1,
                Shift::Next => 1,
                _ => 0,
            };
            vec![calendar(p, unit, n)]
        }
        Kind::RestOf { unit, later } => vec![calendar(p, unit, 0).map(|r| {
            if later {
                DateRange::new(p, r.end)
            } else {
                DateRange::new(r.start, p)
            }
        })],
        Kind::Offset { amount, unit } => vec![offset(p, amount, unit)],
        Kind::Full { .. }
        | Kind::MonthYear { .. }
        | Kind::Year { .. }
        | Kind::YearPart { .. }
        | Kind::Anchored { .. } => unreachable!("handled above"),
    };
    let mut dates: Vec<DateRange> = found.into_iter().flatten().collect();
    dates.sort();
    dates.dedup();
    if dates.is_empty() {
        Unresolved("it is not a real date")
    } else {
        Dates(dates)
    }
}

fn days(year: i32, month: u32, day: u32, last_day: u32) -> Option<DateRange> {
    Some(DateRange::new(
        NaiveDate::from_ymd_opt(year, month, day)?,
        NaiveDate::from_ymd_opt(year, month, last_day)?,
    ))
}

fn run(year: i32, month: u32, day: u32, end_month: u32, end_day: u32) -> Option<DateRange> {
    let end_year = if end_month < month { year + 1 } else { year };
    Some(DateRange::new(
        NaiveDate::from_ymd_opt(year, month, day)?,
        NaiveDate::from_ymd_opt(end_year, end_month, end_day)?,
    ))
}

/// Thirds of a year: early is January to April, mid May to August, late
/// September to December.
fn year_part(year: i32, part: Part) -> Option<DateRange> {
    let (from, to) = match part {
        Part::Whole => (1, 12),
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    };
    Some(DateRange::new(
        DateRange::month(year, from)?.start,
        DateRange::month(year, to)?.end,
    ))
}

/// A meteorological season; winter begins in December of `year`.
fn season_of(year: i32, season: Season) -> Option<DateRange> {
    let (from, to, end_year) = match season {
        Season::Spring => (3, 5, year),
        Season::Summer => (6, 8, year),
        Season::Autumn => (9, 11, year),
        Season::Winter => (12, 2, year + 1),
    };
    Some(DateRange::new(
        DateRange::month(year, from)?.start,
        DateRange::month(end_year, to)?.end,
    ))
}

/// The interval `amount` units after (or before) an anchor: after counts
/// from its last day, before from its first. Weeks allow a day either side.
pub fn from_anchor(anchor: DateRange, amount: i64, unit: Unit) -> Option<DateRange> {
    let base = if amount >= 0 {
        anchor.end
    } else {
        anchor.start
    };
    match unit {
        Unit::Day => add_days(base, amount).map(DateRange::day),
        Unit::Week | Unit::Weekend => {
            let mid = add_days(base, amount.checked_mul(7)?)?;
            Some(DateRange::new(add_days(mid, -1)?, add_days(mid, 1)?))
        }
        Unit::Month | Unit::Year => {
            let months = if unit == Unit::Year {
                amount.checked_mul(12)?
            } else {
                amount
            };
            let d = add_months(base, months)?;
            match unit {
                Unit::Year => DateRange::year(d.year()),
                _ => DateRange::month(d.year(), d.month()),
            }
        }
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let n32 = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(n32))
    } else {
        d.checked_sub_months(Months::new(n32))
    }
}

/// "a year ago today": the same day, `amount` units away.
fn exact(p: NaiveDate, amount: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(p, amount),
        Unit::Week | Unit::Weekend => add_days(p, amount.checked_mul(7)?),
        Unit::Month => add_months(p, amount),
        Unit::Year => add_months(p, amount.checked_mul(12)?),
    }
}

/// Saturday and Sunday: "last weekend" is the one before this week's,
/// "next weekend" may be this week's or the one after, "over the weekend"
/// follows the tense.
fn weekend(p: NaiveDate, shift: Shift, tense: Tense) -> Vec<Option<DateRange>> {
    let of_week = |weeks: i64| -> Option<DateRange> {
        let saturday = add_days(monday_of(p)?, 5 + 7 * weeks)?;
        Some(DateRange::new(saturday, add_days(saturday, 1)?))
    };
    let in_weekend = p.weekday().num_days_from_monday() >= 5;
    let latest = if in_weekend { of_week(0) } else { of_week(-1) };
    match shift {
        Shift::Last => vec![of_week(-1)],
        Shift::This => vec![of_week(0)],
        Shift::Next if in_weekend => vec![of_week(1)],
        Shift::Next => vec![of_week(0), of_week(1)],
        Shift::None => match tense {
            Tense::Past => vec![latest],
            Tense::Future => vec![of_week(0)],
            Tense::Unknown => vec![latest, of_week(0)],
        },
    }
}

fn part_of(year: i32, month: u32, part: Part) -> Option<DateRange> {
    let whole = DateRange::month(year, month)?;
    let day = |d| NaiveDate::from_ymd_opt(year, month, d);
    Some(match part {
        Part::Whole => whole,
        Part::Early => DateRange::new(whole.start, day(10)?),
        Part::Mid => DateRange::new(day(11)?, day(20)?),
        Part::Late => DateRange::new(day(21)?, whole.end),
    })
}

/// Picks the year of a year-less date: the latest that has begun by the
/// publication date for the past, the earliest not yet over for the future,
/// both for an unclear tense.
fn by_tense(
    p: NaiveDate,
    tense: Tense,
    make: impl Fn(i32) -> Option<DateRange>,
) -> Vec<Option<DateRange>> {
    // Four years either side, so that "February 29" finds its leap year.
    let candidates: Vec<DateRange> = (p.year() - 4..=p.year() + 4).filter_map(make).collect();
    let past = candidates.iter().rev().find(|r| r.start <= p).copied();
    let future = candidates.iter().find(|r| r.end >= p).copied();
    match tense {
        Tense::Past => vec![past],
        Tense::Future => vec![future],
        Tense::Unknown => vec![past, future],
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -(d.weekday().num_days_from_monday() as i64))
}

fn weekday_dates(p: NaiveDate, w: Weekday, shift: Shift, tense: Tense) -> Vec<Option<DateRange>> {
    let back =
        (p.weekday().num_days_from_monday() as i64 - w.num_days_from_monday() as i64).rem_euclid(7);
    let previous = add_days(p, if back == 0 { -7 } else { -back });
    let ahead =
        (w.num_days_from_monday() as i64 - p.weekday().num_days_from_monday() as i64).rem_euclid(7);
    let following = add_days(p, if ahead == 0 { 7 } else { ahead });
    let this_week = monday_of(p).and_then(|m| add_days(m, w.num_days_from_monday() as i64));
    let same_week = |d: Option<NaiveDate>| d.is_some() && monday_of(d.unwrap()) == monday_of(p);
    let day = |d: Option<NaiveDate>| d.map(DateRange::day);
    match shift {
        // "last Wednesday" on a Thursday may mean yesterday or a week before.
        Shift::Last if same_week(previous) => {
            vec![day(previous.and_then(|d| add_days(d, -7))), day(previous)]
        }
        Shift::Last => vec![day(previous)],
        Shift::Next if same_week(following) => {
            vec![day(following), day(following.and_then(|d| add_days(d, 7)))]
        }
        Shift::Next => vec![day(following)],
        Shift::This => vec![day(this_week)],
        Shift::None if w == p.weekday() => vec![Some(DateRange::day(p))],
        Shift::None => match tense {
            Tense::Past => vec![day(previous)],
            Tense::Future => vec![day(following)],
            Tense::Unknown => vec![day(previous), day(following)],
        },
    }
}

fn calendar(p: NaiveDate, unit: Unit, n: i64) -> Option<DateRange> {
    match unit {
        Unit::Day => add_days(p, n).map(DateRange::day),
        Unit::Week | Unit::Weekend => {
            let monday = add_days(monday_of(p)?, 7 * n)?;
            Some(DateRange::new(monday, add_days(monday, 6)?))
        }
        Unit::Month => {
            let first = add_months(p.with_day(1)?, n)?;
            Some(DateRange::new(first, last_of_month(first)))
        }
        Unit::Year => DateRange::year(p.year().checked_add(i32::try_from(n).ok()?)?),
    }
}

/// "in two weeks", "three days ago": days are exact, weeks allow three days
/// either side, months and years name the whole month or year.
fn offset(p: NaiveDate, amount: i64, unit: Unit) -> Option<DateRange> {
    match unit {
        Unit::Day => add_days(p, amount).map(DateRange::day),
        Unit::Week | Unit::Weekend => {
            let mid = add_days(p, amount.checked_mul(7)?)?;
            Some(DateRange::new(add_days(mid, -3)?, add_days(mid, 3)?))
        }
        Unit::Month => calendar(p, Unit::Month, amount),
        Unit::Year => calendar(p, Unit::Year, amount),
    }
}
