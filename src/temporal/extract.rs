//! Finding temporal expressions in a sentence. Each pattern is one row of
//! [`patterns`]; rows are tried in order and a later row never takes text an
//! earlier one matched, so "Thursday, June 28" is one expression, not two.

use crate::text::pattern::{Groups, Prebuilt, Regex, built};
use crate::text::scan::each_match;
use chrono::Weekday;
use std::ops::Range;
use std::sync::OnceLock;

/// Which part of a month an expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Early,
    Mid,
    Late,
}

/// last / this / next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    None,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    /// Saturday and Sunday ("last weekend").
    Weekend,
    Month,
    Year,
}

/// Meteorological seasons of the northern hemisphere, where the claims live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// What an expression says, before it is resolved against a publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A day or a run of days with its year ("July 16, 2018", "2018-07-16").
    Full {
        year: i32,
        month: u32,
        day: u32,
        last_day: u32,
    },
    /// A day or run of days without a year ("July 16", "16 July", "July 11-12").
    MonthDay {
        month: u32,
        day: u32,
        last_day: u32,
    },
    /// A month or part of one with its year ("July 2018", "mid-July 2018").
    MonthYear {
        year: i32,
        month: u32,
        part: Part,
    },
    /// A month or part of one without a year ("in March", "mid-July", "last November").
    Month {
        month: u32,
        part: Part,
        shift: Shift,
    },
    /// "last year in November".
    MonthOfLastYear {
        month: u32,
    },
    Year {
        year: i32,
    },
    /// "early 2018", "mid-2018", "the end of 2017".
    YearPart {
        year: i32,
        part: Part,
    },
    /// "June 30 to July 2", with or without a year.
    Run {
        month: u32,
        day: u32,
        end_month: u32,
        end_day: u32,
        year: Option<i32>,
    },
    /// "Thursday", "on Thursday", "last Wednesday", "next Monday".
    Weekday {
        weekday: Weekday,
        shift: Shift,
    },
    /// yesterday (-1), today and tonight (0), tomorrow (1).
    DayOffset(i64),
    /// "last week", "this month", "next year".
    Calendar {
        unit: Unit,
        shift: Shift,
    },
    /// "earlier this month" (false), "later this year" (true).
    RestOf {
        unit: Unit,
        later: bool,
    },
    /// "in two weeks" (positive), "two weeks ago" (negative).
    Offset {
        amount: i64,
        unit: Unit,
    },
    /// "a year ago today", "a week from today": exactly that day.
    Exact {
        amount: i64,
        unit: Unit,
    },
    /// "the summer of 2018", "last summer", "in the summer".
    Season {
        season: Season,
        year: Option<i32>,
        shift: Shift,
    },
    /// Counted from something else: "a day after" and "the day before" name
    /// the anchor right after them (`explicit`); "a day later" and "the
    /// previous day" count from a date said earlier.
    Anchored {
        amount: i64,
        unit: Unit,
        explicit: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// Byte range in the article.
    pub span: Range<usize>,
    pub kind: Kind,
    /// A weekday written beside a full or year-less date ("Thursday, June 28").
    pub weekday: Option<(Weekday, Range<usize>)>,
}

impl Expression {
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.span.clone()]
    }
}

type Build = fn(&Groups) -> Option<Kind>;

/// A weekday written beside a date, with its range in the match.
type Beside = Option<(Weekday, Range<usize>)>;

/// Reads a row's match without its groups (see [`read_month_day`]).
type Quick = fn(&str) -> Option<(Kind, Beside)>;

impl Pattern {
    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::built(&self.source, self.at))
    }
}

struct Pattern {
    source: String,
    /// Its DFAs, built with the binary.
    at: &'static Prebuilt,
    /// Loaded on first use: the trigger test skips most rows.
    regex: OnceLock<Regex>,
    build: Build,
    /// Reads the match by hand, for the rows most dates take.
    quick: Option<Quick>,
    /// Every match holds a year: a run of exactly four digits.
    year: bool,
    /// Every match starts at its month, or a weekday before it: the
    /// search starts just before the first month (see [`lead`]).
    month_first: bool,
    /// Trigger classes (bits of [`TRIGGERS`]) that must all occur in a
    /// sentence for the pattern to match there.
    needs: u16,
}

const MONTH: u16 = 1;
const DIGIT: u16 = 1 << 1;
const UNIT: u16 = 1 << 2;
const SEASON_WORD: u16 = 1 << 3;
const WEEKDAY_NAME: u16 = 1 << 4;
const EVE: u16 = 1 << 5;
const DAY_WORD: u16 = 1 << 6;
const ORDINAL_WORD: u16 = 1 << 7;
const PART_WORD: u16 = 1 << 8;
const SHIFT_WORD: u16 = 1 << 9;
/// "a day after", "a week before".
const AFTER: u16 = 1 << 10;
/// "a day later", "earlier this month".
const LATER: u16 = 1 << 11;
/// "the previous day".
const SEQUENCE: u16 = 1 << 12;
const AGO: u16 = 1 << 13;
const DASH: u16 = 1 << 14;
/// Two month triggers or more: a run across two months ("June 30 to
/// July 2") names both. Set by [`triggers`] from its count of `MONTH`.
const TWO_MONTHS: u16 = 1 << 15;

/// Words of which a pattern needs one for each class it names; matched
/// without case, anywhere (so "jul" stands for July, "week" for weekend,
/// "first" for "twenty-first"). One scan of a sentence for all of them
/// decides which of the ~30 patterns can match, instead of running each
/// over every sentence: a sentence with a month and a year runs the five
/// patterns that read months with numbers, not the ordinal, "last" or
/// "mid-" ones. Two classes are single bytes and found by [`triggers`]
/// apart: `DIGIT` (any of 0-9) and `DASH` ("-").
const TRIGGERS: &[(u16, &[&str])] = &[
    (
        MONTH,
        &[
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
    ),
    (UNIT, &["day", "week", "month", "year"]),
    (
        SEASON_WORD,
        &["spring", "summer", "autumn", "fall", "winter"],
    ),
    (WEEKDAY_NAME, crate::text::matcher::WEEKDAYS),
    (EVE, &["eve"]),
    (
        DAY_WORD,
        &[
            "yesterday",
            "today",
            "tonight",
            "tomorrow",
            "night",
            "morning",
            "afternoon",
            "evening",
        ],
    ),
    (
        ORDINAL_WORD,
        &[
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "teenth",
            "twentieth",
            "thirtieth",
        ],
    ),
    (
        PART_WORD,
        &[
            "early",
            "mid",
            "late",
            "end",
            "beginning",
            "start",
            "middle",
        ],
    ),
    (SHIFT_WORD, &["last", "this", "next", "past", "coming"]),
    (AFTER, &["before", "after", "prior", "ahead"]),
    (LATER, &["earlier", "later", "before"]),
    (SEQUENCE, &["previous", "following", "next", "same"]),
    (AGO, &["ago"]),
];

/// Every trigger class.
fn every_class() -> u16 {
    TRIGGERS
        .iter()
        .fold(TWO_MONTHS | DIGIT | DASH, |m, (c, _)| m | c)
}

/// What each row of [`patterns`] needs, in the rows' order, with an
/// example the row reads (tested: the example matches its row and holds
/// what the row needs).
const NEEDS: &[(u16, &str)] = &[
    (DIGIT | DASH, "2018-07-16"),
    (MONTH | TWO_MONTHS | DIGIT, "June 30 to July 2"),
    (MONTH | DIGIT, "July 16"),
    (MONTH | DIGIT, "16 July"),
    (MONTH | ORDINAL_WORD, "the seventh of July"),
    (MONTH | ORDINAL_WORD, "July the seventh"),
    (MONTH | SHIFT_WORD | UNIT, "last year in November"),
    (MONTH | SHIFT_WORD | UNIT, "in November last year"),
    (MONTH | PART_WORD, "mid-July"),
    (DIGIT | PART_WORD, "mid-2018"),
    (MONTH | DIGIT, "July 2018"),
    (MONTH | SHIFT_WORD, "last November"),
    (MONTH, "in November"),
    (SEASON_WORD | DIGIT, "the summer of 2018"),
    (SEASON_WORD | SHIFT_WORD, "last summer"),
    (SEASON_WORD, "in the summer"),
    (UNIT | DAY_WORD, "the day after tomorrow"),
    (UNIT | DAY_WORD, "a year ago today"),
    (UNIT | AFTER, "a day after"),
    (EVE, "on the eve of"),
    (UNIT | LATER, "a day later"),
    (UNIT | SEQUENCE, "the previous day"),
    (WEEKDAY_NAME, "Thursday"),
    (DAY_WORD, "yesterday"),
    (UNIT | LATER, "earlier this month"),
    (UNIT | SHIFT_WORD, "last week"),
    (UNIT, "over the weekend"),
    (UNIT, "in two weeks"),
    (UNIT | AGO, "two weeks ago"),
    (DIGIT, "2018"),
];

/// What one scan of a sentence found: the trigger classes, and where
/// the month words stand.
#[derive(Debug, Clone, Copy)]
struct Present {
    classes: u16,
    /// Starts of the first month triggers (three letters) in the text;
    /// `months_seen` past their number when there were more, or the
    /// scan stopped early.
    months: [usize; 4],
    months_seen: usize,
    /// Whether rows whose matches would all touch what is taken are
    /// passed over (see [`extract_with`]).
    skip_taken: bool,
}

impl Present {
    /// Every class, and no row passed over: what the skips are tested against.
    #[cfg(test)]
    fn everything() -> Present {
        Present {
            classes: every_class(),
            months: [0; 4],
            months_seen: usize::MAX,
            skip_taken: false,
        }
    }

    /// True when every month word is known to lie in `taken`.
    fn months_taken(&self, base: usize, taken: impl Fn(&Range<usize>) -> bool) -> bool {
        self.months_seen <= self.months.len()
            && self.months[..self.months_seen]
                .iter()
                .all(|&m| taken(&(base + m..base + m + 3)))
    }
}

/// The trigger classes present in `text`, and where its months stand.
fn triggers(text: &str) -> Present {
    // A DFA: the trigger words are few, and each sentence a rule reads is
    // scanned byte by byte.
    static SCAN: OnceLock<(aho_corasick::dfa::DFA, Vec<u16>)> = OnceLock::new();
    let (scan, class) = SCAN.get_or_init(|| {
        let (words, class): (Vec<&str>, Vec<u16>) = TRIGGERS
            .iter()
            .flat_map(|(c, words)| words.iter().map(move |w| (*w, *c)))
            .unzip();
        let scan = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("trigger words build");
        (scan, class)
    });
    let all = every_class();
    // Digits and hyphens are single bytes, found faster by a byte search
    // than as words of the scan, where each was a match to report.
    let bytes = text.as_bytes();
    let mut classes = 0;
    if has_digit(bytes) {
        classes |= DIGIT;
    }
    if memchr::memchr(b'-', bytes).is_some() {
        classes |= DASH;
    }
    let mut present = Present {
        classes,
        months: [0; 4],
        months_seen: 0,
        skip_taken: true,
    };
    each_match(scan, bytes, |pattern, at| {
        let c = class[pattern];
        if c == MONTH && !month_token_at(bytes, at.start) {
            return true;
        }
        if c == MONTH {
            if let Some(month) = present.months.get_mut(present.months_seen) {
                *month = at.start;
            }
            present.months_seen += 1;
            if present.months_seen == 2 {
                present.classes |= TWO_MONTHS;
            }
        }
        present.classes |= c;
        if present.classes == all {
            present.months_seen = usize::MAX;
            return false;
        }
        true
    });
    present
}

/// Whether `bytes` hold an ASCII digit. A block's bytes are tested
/// together, which the compiler does with vector instructions; on dense
/// copy a sentence's first digit is often in its date, near its end.
fn has_digit(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(32);
    blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
        || blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// The months of [`MONTHS`] as they are written, without their dots.
const MONTH_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
];

/// Whether a month of [`MONTHS`] may be written at byte `at`: in every
/// row, a month is followed by a dot, a comma, white space or an ASCII
/// word boundary, never by a letter, digit or underscore. A trigger
/// inside a word ("Maya", "Ivanov", "summary") is no month, and a row
/// that needs one is not tried for it.
fn month_token_at(text: &[u8], at: usize) -> bool {
    // Every month word is capitalised; most triggers are inside words
    // ("summary", "decided").
    text[at].is_ascii_uppercase()
        && MONTH_WORDS.iter().any(|w| {
            text[at] == w.as_bytes()[0]
                && text[at..].starts_with(w.as_bytes())
                && !text
                    .get(at + w.len())
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// Whether `span` overlaps any of `taken`.
fn overlaps(taken: &[Range<usize>], span: &Range<usize>) -> bool {
    taken.iter().any(|t| meet(t, span))
}

/// Whether two ranges share a byte.
fn meet(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The runs of exactly four digits in a sentence (a year's), as ranges
/// in the article: the first [`Years::KEPT`] of them, kept without an
/// allocation (a sentence names one or two).
struct Years {
    runs: [Range<usize>; Years::KEPT],
    /// How many runs there are, kept or not.
    len: usize,
}

impl Years {
    const KEPT: usize = 8;

    /// The runs in `slice`, which stands at `base` in the article.
    fn new(slice: &str, base: usize) -> Years {
        let bytes = slice.as_bytes();
        let mut years = Years {
            runs: std::array::from_fn(|_| 0..0),
            len: 0,
        };
        let mut i = 0;
        while let Some(k) = bytes[i..].iter().position(u8::is_ascii_digit) {
            let start = i + k;
            let end = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |n| start + n);
            if end - start == 4 {
                if let Some(run) = years.runs.get_mut(years.len) {
                    *run = base + start..base + end;
                }
                years.len += 1;
            }
            i = end;
        }
        years
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether every run is `taken`: never when there are more than
    /// were kept, so that a row is then tried.
    fn all_taken(&self, taken: impl Fn(&Range<usize>) -> bool) -> bool {
        self.len <= Self::KEPT && self.runs[..self.len].iter().all(taken)
    }
}

fn patterns() -> &'static [Pattern] {
    static PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let sources = super::sources::rows();
        assert_eq!(
            sources.len(),
            NEEDS.len(),
            "every pattern says what it needs"
        );
        assert_eq!(sources.len(), BUILDS.len(), "every pattern is read");
        assert_eq!(sources.len(), built::ROWS.len(), "every pattern is built");
        sources
            .into_iter()
            .zip(BUILDS)
            .zip(NEEDS)
            .zip(built::ROWS)
            .enumerate()
            .map(|(row, (((source, build), &(needs, _)), at))| Pattern {
                at,
                regex: OnceLock::new(),
                build,
                quick: QUICK.iter().find(|q| q.0 == row).map(|q| q.1),
                year: YEAR_ROWS.contains(&row),
                month_first: month_first(&source),
                source,
                needs,
            })
            .collect()
    })
}

/// What each row's match says, read from its groups, in the order of
/// [`super::sources::rows`].
const BUILDS: [Build; 30] = [
    // "2018-07-16"
    |c| full(c, num(c, "m")?),
    // "June 30 to July 2"
    |c| {
        Some(Kind::Run {
            month: month(c)?,
            day: num(c, "day")?,
            end_month: month_number(c.name("month2")?.as_str())?,
            end_day: num(c, "last")?,
            year: num(c, "year").map(|y| y as i32),
        })
    },
    // "July 16"
    |c| match c.name("year") {
        Some(_) => full(c, month(c)?),
        None => month_day(c, month(c)?),
    },
    // "16 July"
    |c| match c.name("year") {
        Some(_) => full(c, month(c)?),
        None => month_day(c, month(c)?),
    },
    // "the seventh of July"
    |c| ordinal_date(c),
    // "July the seventh"
    |c| ordinal_date(c),
    // "last year in November"
    |c| Some(Kind::MonthOfLastYear { month: month(c)? }),
    // "in November last year"
    |c| Some(Kind::MonthOfLastYear { month: month(c)? }),
    // "mid-July"
    |c| {
        let part = part(c);
        match c.name("year") {
            Some(_) => Some(Kind::MonthYear {
                year: num(c, "year")? as i32,
                month: month(c)?,
                part,
            }),
            None => Some(Kind::Month {
                month: month(c)?,
                part,
                shift: Shift::None,
            }),
        }
    },
    // "mid-2018"
    |c| {
        Some(Kind::YearPart {
            year: num(c, "year")? as i32,
            part: part(c),
        })
    },
    // "July 2018"
    |c| {
        Some(Kind::MonthYear {
            year: num(c, "year")? as i32,
            month: month(c)?,
            part: Part::Whole,
        })
    },
    // "last November"
    |c| {
        Some(Kind::Month {
            month: month(c)?,
            part: Part::Whole,
            shift: shift(c),
        })
    },
    // "in November"
    |c| {
        Some(Kind::Month {
            month: month(c)?,
            part: Part::Whole,
            shift: Shift::None,
        })
    },
    // "the summer of 2018"
    |c| {
        Some(Kind::Season {
            season: season(c)?,
            year: Some(num(c, "year")? as i32),
            shift: Shift::None,
        })
    },
    // "last summer"
    |c| {
        Some(Kind::Season {
            season: season(c)?,
            year: None,
            shift: shift(c),
        })
    },
    // "in the summer"
    |c| {
        Some(Kind::Season {
            season: season(c)?,
            year: None,
            shift: Shift::None,
        })
    },
    // "the day after tomorrow"
    |c| {
        Some(Kind::DayOffset(
            if c["which"].to_lowercase().starts_with("after") {
                2
            } else {
                -2
            },
        ))
    },
    // "a year ago today"
    |c| {
        let sign = if c["dir"].eq_ignore_ascii_case("ago") {
            -1
        } else {
            1
        };
        Some(Kind::Exact {
            amount: sign * amount(c)?,
            unit: unit(c)?,
        })
    },
    // "a day after"
    |c| counted(c, "after", true),
    // "on the eve of"
    |_| {
        Some(Kind::Anchored {
            amount: -1,
            unit: Unit::Day,
            explicit: true,
        })
    },
    // "a day later"
    |c| counted(c, "later", false),
    // "the previous day"
    |c| {
        let amount = match c["dir"].to_lowercase().as_str() {
            "previous" => -1,
            "same" => 0,
            _ => 1,
        };
        Some(Kind::Anchored {
            amount,
            unit: unit(c)?,
            explicit: false,
        })
    },
    // "Thursday"
    |c| {
        Some(Kind::Weekday {
            weekday: weekday(c)?,
            shift: shift(c),
        })
    },
    // "yesterday"
    |c| {
        Some(Kind::DayOffset(match c["word"].to_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            w if w.starts_with("last") => -1,
            _ => 0,
        }))
    },
    // "earlier this month"
    |c| {
        Some(Kind::RestOf {
            unit: unit(c)?,
            later: c["which"].eq_ignore_ascii_case("later"),
        })
    },
    // "last week"
    |c| {
        Some(Kind::Calendar {
            unit: unit(c)?,
            shift: shift(c),
        })
    },
    // "over the weekend"
    |c| {
        Some(Kind::Calendar {
            unit: unit(c)?,
            shift: Shift::None,
        })
    },
    // "in two weeks"
    |c| {
        Some(Kind::Offset {
            amount: amount(c)?,
            unit: unit(c)?,
        })
    },
    // "two weeks ago"
    |c| {
        Some(Kind::Offset {
            amount: -amount(c)?,
            unit: unit(c)?,
        })
    },
    // "2018"
    |c| {
        Some(Kind::Year {
            year: num(c, "year")? as i32,
        })
    },
];

/// The rows whose every match holds a year, "2018-07-16", "mid-2018",
/// "July 2018", "the summer of 2018" and "2018": a run of exactly four
/// digits, as nothing but a non-digit may stand on either side of it.
const YEAR_ROWS: [usize; 5] = [0, 9, 10, 13, 29];

/// The rows most dates take, read from their match by hand: "July 16",
/// "Thursday, July 16, 2018", "July 11-12" and "July 2018".
const QUICK: [(usize, Quick); 4] = [
    (2, read_month_day),
    (10, read_month_year),
    (22, read_weekday),
    (29, read_year),
];

/// A match of row 22 ("Thursday", "last Wednesday", "earlier on
/// Monday"): the weekday is the last word, and the words before it, if
/// any, are the shift.
fn read_weekday(m: &str) -> Option<(Kind, Beside)> {
    let (shift, day) = match m.rfind(char::is_whitespace) {
        Some(at) => (shift_of(&m[..at]), &m[at..]),
        None => (Shift::None, m),
    };
    let weekday = weekday_from(day.trim_start())?;
    Some((Kind::Weekday { weekday, shift }, None))
}

/// A match of row 29 ("2018", "2018's"): a year, its first four bytes.
fn read_year(m: &str) -> Option<(Kind, Beside)> {
    let year = m.get(..4)?.parse().ok()?;
    Some((Kind::Year { year }, None))
}

/// A match of row 10 ("July 2018", "Sept., 2018"): a month, then a year.
fn read_month_year(m: &str) -> Option<(Kind, Beside)> {
    let year = m.get(m.len().checked_sub(4)?..)?.parse().ok()?;
    let month = month_number(m)?;
    Some((
        Kind::MonthYear {
            year,
            month,
            part: Part::Whole,
        },
        None,
    ))
}

/// A match of row 2 read by hand. Its groups are told apart by
/// what they are: a weekday name first, then the month, then runs of
/// digits, of at most two for the days and of four for the year. The
/// anchored captures search this replaces cost about 3,500 instructions a
/// date, and most dates take this row.
fn read_month_day(m: &str) -> Option<(Kind, Beside)> {
    // The pattern's weekday names are capitalised: "Monday", not "monday".
    let weekday = crate::text::matcher::WEEKDAYS.iter().find_map(|w| {
        let (w, head) = (w.as_bytes(), m.as_bytes().get(..w.len())?);
        (head[0] == w[0].to_ascii_uppercase() && head[1..] == w[1..]).then(|| &m[..w.len()])
    });
    let after = weekday.map_or(0, str::len);
    let month =
        month_number(m[after..].trim_start_matches(|c: char| c == ',' || c.is_whitespace()))?;
    let mut runs = m.as_bytes()[after..]
        .split(|b| !b.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(|run| {
            (
                run.len(),
                run.iter().fold(0u32, |n, d| {
                    n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
                }),
            )
        });
    let (_, day) = runs.next()?;
    let (mut last, mut year) = (None, None);
    for (len, n) in runs {
        match len {
            4 => year = Some(n as i32),
            _ => last = Some(n),
        }
    }
    let last_day = last.filter(|&l| l > day).unwrap_or(day);
    let kind = match year {
        Some(year) => Kind::Full {
            year,
            month,
            day,
            last_day,
        },
        None => Kind::MonthDay {
            month,
            day,
            last_day,
        },
    };
    let beside = weekday.and_then(|w| Some((weekday_from(w)?, 0..w.len())));
    Some((kind, beside))
}

/// "a day after", "two weeks later": counted from an anchor, forward when
/// the direction is `forward`, by one unit when no number is given.
fn counted(c: &Groups, forward: &str, explicit: bool) -> Option<Kind> {
    let sign = if c["dir"].eq_ignore_ascii_case(forward) {
        1
    } else {
        -1
    };
    Some(Kind::Anchored {
        amount: sign * amount(c).unwrap_or(1),
        unit: unit(c)?,
        explicit,
    })
}

fn num(c: &Groups, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn full(c: &Groups, month: u32) -> Option<Kind> {
    let day = num(c, "day")?;
    Some(Kind::Full {
        year: num(c, "year")? as i32,
        month,
        day,
        last_day: num(c, "last").filter(|&l| l > day).unwrap_or(day),
    })
}

fn month_day(c: &Groups, month: u32) -> Option<Kind> {
    let day = num(c, "day")?;
    Some(Kind::MonthDay {
        month,
        day,
        last_day: num(c, "last").filter(|&l| l > day).unwrap_or(day),
    })
}

/// The month a name or abbreviation names, by its first three letters.
pub fn month_number(name: &str) -> Option<u32> {
    // Setting bit 5 lowercases an ASCII letter, and makes no other byte
    // a lowercase letter.
    let head = name.as_bytes().get(..3)?;
    let lowered = [head[0] | 0x20, head[1] | 0x20, head[2] | 0x20];
    let months = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    months
        .iter()
        .position(|m| **m == lowered)
        .map(|i| i as u32 + 1)
}

fn month(c: &Groups) -> Option<u32> {
    month_number(c.name("month")?.as_str())
}

pub fn weekday_from(name: &str) -> Option<Weekday> {
    name.get(..3)?
        .to_ascii_lowercase()
        .parse::<Weekday>()
        .ok()
        .or_else(|| name.parse().ok())
}

fn weekday(c: &Groups) -> Option<Weekday> {
    weekday_from(c.name("weekday")?.as_str())
}

fn shift(c: &Groups) -> Shift {
    c.name("shift")
        .map_or(Shift::None, |s| shift_of(s.as_str()))
}

/// The shift that the words of `s` name ("last", "this coming").
fn shift_of(s: &str) -> Shift {
    let s = s.to_ascii_lowercase();
    let s: Vec<&str> = s.split_whitespace().collect();
    match s.as_slice() {
        ["last"] | ["past"] | ["this", "past"] => Shift::Last,
        ["next"] | ["coming"] | ["this", "coming"] => Shift::Next,
        ["this"] => Shift::This,
        _ => Shift::None,
    }
}

fn season(c: &Groups) -> Option<Season> {
    match c.name("season")?.as_str().to_ascii_lowercase().as_str() {
        "spring" => Some(Season::Spring),
        "summer" => Some(Season::Summer),
        "autumn" | "fall" => Some(Season::Autumn),
        "winter" => Some(Season::Winter),
        _ => None,
    }
}

/// "the seventh of July": the ordinal word as a day number.
fn ordinal_date(c: &Groups) -> Option<Kind> {
    const UNITS: [&str; 9] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    const TENS: [&str; 11] = [
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let word = c
        .name("ordinal")?
        .as_str()
        .to_ascii_lowercase()
        .replace('-', "");
    let unit = |w: &str| UNITS.iter().position(|u| *u == w).map(|i| i as u32 + 1);
    let day = unit(&word)
        .or_else(|| TENS.iter().position(|t| *t == word).map(|i| 10 + i as u32))
        .or_else(|| (word == "thirtieth").then_some(30))
        .or_else(|| Some(20 + unit(word.strip_prefix("twenty")?)?))
        .or_else(|| Some(30 + unit(word.strip_prefix("thirty")?)?))?;
    let month = month(c)?;
    Some(match num(c, "year") {
        Some(year) => Kind::Full {
            year: year as i32,
            month,
            day,
            last_day: day,
        },
        None => Kind::MonthDay {
            month,
            day,
            last_day: day,
        },
    })
}

fn part(c: &Groups) -> Part {
    let p = c
        .name("part")
        .map(|m| m.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    if p == "early" || p.contains("beginning") || p.contains("start") {
        Part::Early
    } else if p == "mid" || p.contains("middle") {
        Part::Mid
    } else {
        Part::Late
    }
}

fn unit(c: &Groups) -> Option<Unit> {
    match c.name("unit")?.as_str().to_ascii_lowercase().as_str() {
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "weekend" => Some(Unit::Weekend),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

fn amount(c: &Groups) -> Option<i64> {
    let words = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let n = c.name("n")?.as_str().to_ascii_lowercase();
    if n == "an" {
        return Some(1);
    }
    words
        .iter()
        .position(|w| *w == n)
        .map(|i| i.max(1) as i64)
        .or_else(|| n.parse().ok())
}

/// The temporal expressions in `text[range]`, in order, never overlapping.
/// Expressions that touch `exclude` (a dateline) are skipped.
pub fn extract(text: &str, range: Range<usize>, exclude: &[Range<usize>]) -> Vec<Expression> {
    let present = triggers(&text[range.clone()]);
    extract_with(text, range, exclude, present)
}

/// [`extract`], trying only the patterns whose needs are in `present`.
/// A row is also passed over when every match it could make would touch
/// an expression already taken (or `exclude`): a row that needs a month
/// when every month word is taken, a row that needs a year when every
/// run of four digits is. On copy that writes "on April 19, 2019", the
/// rows tried after the first that matches find only what it took.
fn extract_with(
    text: &str,
    range: Range<usize>,
    exclude: &[Range<usize>],
    present: Present,
) -> Vec<Expression> {
    let slice = &text[range.clone()];
    let mut out: Vec<Expression> = Vec::new();
    // What is taken: the expressions found so far, and `exclude`.
    let taken = |out: &[Expression], span: &Range<usize>| {
        overlaps(exclude, span) || out.iter().any(|e| meet(&e.span, span))
    };
    let mut years = None;
    for pattern in patterns() {
        if pattern.needs & present.classes != pattern.needs {
            continue;
        }
        if present.skip_taken
            && ((pattern.needs & MONTH != 0
                && present.months_taken(range.start, |m| taken(&out, m)))
                || (pattern.year
                    && years
                        .get_or_insert_with(|| Years::new(slice, range.start))
                        .all_taken(|year| taken(&out, year))))
        {
            continue;
        }
        let regex = pattern.regex();
        // On copy that names dates late in long sentences, most of the
        // bytes scanned were before the first month.
        let from = match pattern.month_first {
            true => lead(slice, present.months[0]),
            false => 0,
        };
        for whole in regex.find_iter_from(slice, from) {
            let span = range.start + whole.start()..range.start + whole.end();
            if taken(&out, &span) {
                continue;
            }
            let Some((kind, weekday)) = read(pattern, slice, whole.range()) else {
                continue;
            };
            if !plausible(&kind)
                || (matches!(kind, Kind::Year { .. })
                    && !standalone(slice, whole.start(), whole.end()))
            {
                continue;
            }
            let at = range.start + whole.start();
            let weekday = weekday.map(|(w, r)| (w, at + r.start..at + r.end));
            out.push(Expression {
                span,
                kind,
                weekday,
            });
            // Every further match would hold a month word, now all taken:
            // the search for one that is not there is spared.
            if present.skip_taken
                && pattern.needs & MONTH != 0
                && present.months_taken(range.start, |m| taken(&out, m))
            {
                break;
            }
        }
    }
    out.sort_by_key(|e| e.span.start);
    out
}

/// Whether every match of the row `source` starts at its month, or at a
/// weekday, comma and white space before it ("Thursday, July 16").
fn month_first(source: &str) -> bool {
    let weekday = format!(r"(?:{},?\s+)?", super::sources::WEEKDAY);
    let rest = source.strip_prefix(weekday.as_str()).unwrap_or(source);
    rest.starts_with("(?P<month>")
}

/// Where a match of a [`month_first`] row may start at the earliest, when
/// the first month word of `slice` is at `month`: before the white space
/// and commas before it, and the longest weekday's bytes before those.
/// Every match holds a month word, and the trigger scan found the first.
fn lead(slice: &str, month: usize) -> usize {
    let before = slice[..month].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let mut at = before.len().saturating_sub("Wednesday".len());
    while !slice.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What a pattern's match at `at` in `slice` says, and the weekday
/// beside it (its range relative to the match).
fn read(pattern: &Pattern, slice: &str, at: Range<usize>) -> Option<(Kind, Beside)> {
    match pattern.quick {
        Some(quick) => quick(&slice[at]),
        None => read_groups(pattern, slice, at),
    }
}

/// [`read`] by the pattern's groups: every row can be read this way.
fn read_groups(pattern: &Pattern, slice: &str, at: Range<usize>) -> Option<(Kind, Beside)> {
    let c = pattern.regex().groups(slice, at.clone());
    let kind = (pattern.build)(&c)?;
    let weekday = c
        .name("weekday")
        .filter(|_| matches!(kind, Kind::Full { .. } | Kind::MonthDay { .. }))
        .and_then(|w| {
            Some((
                weekday_from(w.as_str())?,
                w.start() - at.start..w.end() - at.start,
            ))
        });
    Some((kind, weekday))
}

/// A bare year must stand alone: not money ("$2017"), not part of a number.
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| "$€£#,.".contains(c) || c.is_ascii_digit())
        && !after.is_some_and(|c| c == '%' || c.is_ascii_digit())
}

fn plausible(kind: &Kind) -> bool {
    match *kind {
        Kind::Full {
            day,
            last_day,
            month,
            ..
        }
        | Kind::MonthDay {
            day,
            last_day,
            month,
        } => (1..=31).contains(&day) && last_day <= 31 && (1..=12).contains(&month),
        Kind::Run { day, end_day, .. } => (1..=31).contains(&day) && (1..=31).contains(&end_day),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::sources::MONTHS;

    #[test]
    fn each_pattern_needs_what_its_example_has() {
        for (pattern, (needs, example)) in patterns().iter().zip(NEEDS) {
            let m = pattern.regex().find(example);
            assert_eq!(m.map(|m| m.as_str()), Some(*example), "{example}");
            assert_eq!(triggers(example).classes & needs, *needs, "{example}");
            assert!(
                !pattern.year || !Years::new(example, 0).is_empty(),
                "{example}"
            );
        }
        // And on real copy: every match of every pattern holds a trigger
        // of each class it needs, so skipping sentences without one loses
        // nothing.
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(corpus).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (pattern, (needs, _)) in patterns().iter().zip(NEEDS) {
                for m in pattern.regex().find_iter(&text) {
                    assert_eq!(
                        triggers(m.as_str()).classes & needs,
                        *needs,
                        "{}",
                        m.as_str()
                    );
                    assert!(
                        !pattern.year || !Years::new(m.as_str(), 0).is_empty(),
                        "{}",
                        m.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn years_are_runs_of_four_digits_and_all_taken_only_when_all_kept() {
        // A text, its runs as (start, end), and whether a row needing a
        // year is passed over when no run is taken.
        type Case = (&'static str, &'static [(usize, usize)], bool);
        let cases: &[Case] = &[
            ("no year here", &[], true),
            ("on April 19, 2019", &[(13, 17)], false),
            (
                "from 2018 to 2019, not 20190 or 201",
                &[(5, 9), (13, 17)],
                false,
            ),
        ];
        for (text, runs, all) in cases {
            let years = Years::new(text, 100);
            let shifted: Vec<_> = runs.iter().map(|&(s, e)| s + 100..e + 100).collect();
            assert_eq!(&years.runs[..years.len], &shifted[..], "{text}");
            assert_eq!(years.all_taken(|_| false), *all, "{text}");
            assert!(years.all_taken(|_| true), "{text}");
        }
        // More runs than are kept: a row is never passed over for them.
        let many = "2001 ".repeat(Years::KEPT + 1);
        let years = Years::new(&many, 0);
        assert_eq!(years.len, Years::KEPT + 1);
        assert!(!years.all_taken(|_| true));
    }

    /// The rows read by hand read what their groups say, on every form
    /// they take: weekday or not, comma or not, runs, suffixes,
    /// abbreviations, years, odd spacing and text around them.
    #[test]
    fn rows_read_by_hand_are_read_by_groups() {
        assert_eq!(
            QUICK.map(|(row, _)| NEEDS[row].1),
            ["July 16", "July 2018", "Thursday", "2018"]
        );
        let mut texts = vec![
            "on Thursday, July 16, 2018.".to_string(),
            "Sunday May 5 and 6 2019 x".to_string(),
            "xMay 5-123".to_string(),
            "Jul. 4th–5th, 1999; Sept. 30 through 2, 2101".to_string(),
            "Monday,\u{a0}Dec 01 until 31st\n2020s".to_string(),
            "May 9 , 2018 and June 3rd,2018 and Mar. 3 to 4 2019".to_string(),
            "in July 2018, Sept.,\n2019 and May  20189 or Mar. 1899s".to_string(),
        ];
        for weekday in ["", "Friday, ", "Saturday  ", "Wednesday,\n"] {
            for month in ["January", "Feb", "Feb.", "Mar.", "May", "Sept.", "Sep."] {
                for day in ["", "1", "09", "31st", "2nd", "3rd"] {
                    for last in ["", "-12", " – 3", " and 30th", " to 4", "through5"] {
                        for year in ["", ", 2018", " 1850", ",2199", ", 2018x", ", 20189"] {
                            texts.push(format!("({weekday}{month} {day}{last}{year})"));
                        }
                    }
                }
            }
        }
        for month in ["July", "Jan", "Jan.", "Mar.", "Sept.", "Sep.", "September"] {
            for between in [" ", ", ", ",\n", "  ", " ,", ",\u{2003}"] {
                for year in ["2018", "1850", "2199", "2018x", "20189", "2018's", "218"] {
                    texts.push(format!("in {month}{between}{year}."));
                }
            }
        }
        for shift in [
            "",
            "last ",
            "Last ",
            "this\u{a0}",
            "NEXT  ",
            "earlier on ",
            "late\non ",
            "On ",
            "past ",
            "lasts ",
        ] {
            for day in crate::text::matcher::WEEKDAYS {
                for after in ["", ".", "s", ",", "'s"] {
                    let day = format!("{}{}", day[..1].to_ascii_uppercase(), &day[1..]);
                    texts.push(format!("({shift}{day}{after})"));
                }
            }
        }
        for before in ["", "in ", "$", "x", "'"] {
            for year in ["2018", "1850", "2199", "1799", "20189", "218"] {
                for after in ["", "'s", "’s", "s", ".", "%"] {
                    texts.push(format!("{before}{year}{after} "));
                }
            }
        }
        for (row, quick) in QUICK {
            let pattern = &patterns()[row];
            let mut read_by_hand = 0;
            for text in &texts {
                for m in pattern.regex().find_iter(text) {
                    assert_eq!(
                        quick(m.as_str()),
                        read_groups(pattern, text, m.range()),
                        "row {row}: {:?}",
                        m.as_str()
                    );
                    read_by_hand += 1;
                }
            }
            assert!(read_by_hand > 100, "row {row}: {read_by_hand}");
        }
    }

    #[test]
    fn month_words_are_the_months_of_the_patterns() {
        // `month_token_at` passes over triggers in lowercase.
        assert!(
            MONTH_WORDS
                .iter()
                .all(|w| w.as_bytes()[0].is_ascii_uppercase())
        );
        let mut from_pattern: Vec<String> = MONTHS
            .split('|')
            .map(|m| {
                m.trim_end_matches(r"\.?")
                    .trim_end_matches(r"\.")
                    .to_string()
            })
            .collect();
        from_pattern.sort();
        let mut words: Vec<String> = MONTH_WORDS.iter().map(|w| w.to_string()).collect();
        words.sort();
        assert_eq!(words, from_pattern);
        let rows = [
            ("May 5", true),
            ("Jan.", true),
            ("July,", true),
            ("Sept", true),
            ("Mar\u{e9}", true),
            ("Maya", false),
            ("Ivanov", false),
            ("may 5", false),
            ("Jan_", false),
            ("Dec7", false),
        ];
        for (text, want) in rows {
            assert_eq!(month_token_at(text.as_bytes(), 0), want, "{text}");
        }
    }

    /// Rows passed over because what they would match is taken find
    /// nothing that trying them finds: on real copy, line by line, and on
    /// lines where every later row would match only what an earlier took.
    #[test]
    fn rows_passed_over_would_find_only_what_is_taken() {
        let mut lines: Vec<String> = [
            "They met on April 19, 2019, in May 2019 and on 16 July 2018.",
            "The summit took place in April 2019 and in the summer of 2019.",
            "It was held Thursday, June 28, 2018 (2018-06-28), not mid-2018.",
            "On July 16 and 17, 2018, the 16th of July, last July, in July.",
            "Since June 30 to July 2, 2019 and 2019's events; $2019 and 20190.",
        ]
        .map(String::from)
        .to_vec();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(corpus).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(String::from));
        }
        let mut skipped = 0;
        for line in &lines {
            let all = extract_with(line, 0..line.len(), &[], Present::everything());
            assert_eq!(extract(line, 0..line.len(), &[]), all, "{line}");
            let dateline = 0..line.len().min(10);
            let dateline = std::slice::from_ref(&dateline);
            let with = extract_with(line, 0..line.len(), dateline, Present::everything());
            assert_eq!(extract(line, 0..line.len(), dateline), with, "{line}");
            let present = triggers(line);
            let taken: Vec<Range<usize>> = all.iter().map(|e| e.span.clone()).collect();
            skipped += usize::from(
                present.months_taken(0, |m| overlaps(&taken, m)) && present.months_seen > 0,
            );
        }
        assert!(skipped >= 5, "{skipped}");
    }

    #[test]
    fn months_are_numbered_by_their_first_three_letters() {
        let table = [
            ("January", Some(1)),
            ("FEB", Some(2)),
            ("mar.", Some(3)),
            ("Sept", Some(9)),
            ("dec", Some(12)),
            ("Ma", None),
            ("Mé", None),
            ("J@N", None),
            ("jun\u{e9}", Some(6)),
            ("", None),
        ];
        for (name, want) in table {
            assert_eq!(month_number(name), want, "{name}");
        }
        for (i, name) in MONTH_WORDS.iter().enumerate() {
            let want = [
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12,
            ];
            assert_eq!(month_number(name), Some(want[i]), "{name}");
        }
    }

    #[test]
    fn digits_are_found_in_any_block() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let text = vec![b'x'; len];
            assert!(!has_digit(&text));
            for at in 0..len {
                for (byte, digit) in [(b'0', true), (b'9', true), (b'/', false), (b':', false)] {
                    let mut text = text.clone();
                    text[at] = byte;
                    assert_eq!(has_digit(&text), digit, "{len} {at} {byte}");
                }
            }
        }
    }

    #[test]
    fn rows_led_by_their_month_are_searched_from_it() {
        let first: Vec<usize> = (0..patterns().len())
            .filter(|&row| patterns()[row].month_first)
            .collect();
        assert_eq!(first, [1, 2, 5, 10]);
        // (text, where its first month is, where a search may start)
        let table = [
            ("On July 16", 3, 0),
            ("They met on Thursday, July 16", 22, 11),
            ("They met on Wednesday ,\u{a0} July 16", 26, 12),
            ("In the Zürich suburb, May 5", 23, 12),
            // Nine bytes back is inside "ü".
            ("Zü abcdefg July 16", 12, 1),
        ];
        for (text, month, want) in table {
            assert!(MONTH_WORDS.iter().any(|m| text[month..].starts_with(m)));
            assert_eq!(lead(text, month), want, "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Skipping the patterns whose trigger words are missing, or whose
        /// months or years are all taken, finds what trying every pattern
        /// finds.
        #[test]
        fn triggers_skip_only_patterns_that_cannot_match(
            words in proptest::collection::vec(proptest::prop_oneof![
                "[a-z]{1,6}", "[0-9]{1,4}",
                proptest::sample::select(VOCABULARY.to_vec()).prop_map(String::from),
            ], 0..14),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", " ", ", ", "-", " – ", ". ", "", ",\u{a0}"]), 14),
            cut in 0usize..60,
        ) {
            let mut text = String::new();
            for (word, sep) in words.iter().zip(&seps) {
                text.push_str(word);
                text.push_str(sep);
            }
            // A dateline to leave out, somewhere in the text.
            let exclude = cut.min(text.len())..(cut + 12).min(text.len());
            for exclude in [&[][..], std::slice::from_ref(&exclude)] {
                proptest::prop_assert_eq!(
                    extract(&text, 0..text.len(), exclude),
                    extract_with(&text, 0..text.len(), exclude, Present::everything())
                );
            }
            for (row, quick) in QUICK {
                let pattern = &patterns()[row];
                for m in pattern.regex().find_iter(&text) {
                    proptest::prop_assert_eq!(
                        quick(m.as_str()),
                        read_groups(pattern, &text, m.range())
                    );
                }
            }
        }
    }

    use proptest::strategy::Strategy;

    /// Words the date patterns are made of, in the cases they are written.
    const VOCABULARY: &[&str] = &[
        // Month letters inside words, and months in other cases.
        "Maya",
        "Ivanov",
        "Mayday",
        "XJuly",
        "JULY",
        "may",
        "Sept_",
        "Decé",
        "July",
        "Jul.",
        "Sept.",
        "March",
        "Mar.",
        "May",
        "June",
        "16",
        "2018",
        "30th",
        "the",
        "of",
        "in",
        "on",
        "last",
        "Last",
        "this",
        "next",
        "past",
        "coming",
        "year",
        "years",
        "week",
        "weeks",
        "weekend",
        "month",
        "day",
        "days",
        "ago",
        "from",
        "today",
        "tomorrow",
        "yesterday",
        "night",
        "morning",
        "after",
        "before",
        "prior",
        "to",
        "ahead",
        "earlier",
        "later",
        "previous",
        "following",
        "same",
        "that",
        "a",
        "two",
        "eve",
        "early",
        "mid",
        "late",
        "end",
        "beginning",
        "middle",
        "seventh",
        "twenty-first",
        "thirteenth",
        "summer",
        "fall",
        "Thursday",
        "Wednesday",
        "and",
        "through",
        "over",
        "during",
        "time",
        "2018-07-16",
    ];

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        extract(text, 0..text.len(), &[])
            .into_iter()
            .map(|e| (text[e.span.clone()].to_string(), e.kind))
            .collect()
    }

    #[test]
    fn finds_each_form() {
        use Kind::*;
        let md = |month, day, last_day| MonthDay {
            month,
            day,
            last_day,
        };
        let cases: Vec<(&str, &str, Kind)> = vec![
            ("on July 16 in Helsinki", "July 16", md(7, 16, 16)),
            ("on July 16th", "July 16th", md(7, 16, 16)),
            ("on Jul. 16", "Jul. 16", md(7, 16, 16)),
            ("on Sept. 3", "Sept. 3", md(9, 3, 3)),
            ("the year -20 January", "20 January", md(1, 20, 20)),
            ("held July 11-12", "July 11-12", md(7, 11, 12)),
            ("held July 11 and 12", "July 11 and 12", md(7, 11, 12)),
            (
                "July 7, 2017, U.S.",
                "July 7, 2017",
                Full {
                    year: 2017,
                    month: 7,
                    day: 7,
                    last_day: 7,
                },
            ),
            (
                "on 16 July 2018.",
                "16 July 2018",
                Full {
                    year: 2018,
                    month: 7,
                    day: 16,
                    last_day: 16,
                },
            ),
            (
                "date 2018-06-29 U.S",
                "2018-06-29",
                Full {
                    year: 2018,
                    month: 6,
                    day: 29,
                    last_day: 29,
                },
            ),
            (
                "in mid-July.",
                "mid-July",
                Month {
                    month: 7,
                    part: Part::Mid,
                    shift: Shift::None,
                },
            ),
            (
                "in early June",
                "early June",
                Month {
                    month: 6,
                    part: Part::Early,
                    shift: Shift::None,
                },
            ),
            (
                "by the end of June",
                "the end of June",
                Month {
                    month: 6,
                    part: Part::Late,
                    shift: Shift::None,
                },
            ),
            (
                "in March, suggested",
                "in March",
                Month {
                    month: 3,
                    part: Part::Whole,
                    shift: Shift::None,
                },
            ),
            (
                "in last November's",
                "last November",
                Month {
                    month: 11,
                    part: Part::Whole,
                    shift: Shift::Last,
                },
            ),
            (
                "was last year in November when",
                "last year in November",
                MonthOfLastYear { month: 11 },
            ),
            (
                "in March 2018",
                "March 2018",
                MonthYear {
                    year: 2018,
                    month: 3,
                    part: Part::Whole,
                },
            ),
            ("back in 2017, during", "2017", Year { year: 2017 }),
            ("2017's summit", "2017's", Year { year: 2017 }),
            (
                "last Wednesday, the",
                "last Wednesday",
                Weekday {
                    weekday: chrono::Weekday::Wed,
                    shift: Shift::Last,
                },
            ),
            (
                "reported Tuesday.",
                "Tuesday",
                Weekday {
                    weekday: chrono::Weekday::Tue,
                    shift: Shift::None,
                },
            ),
            (
                "on Thursday.",
                "on Thursday",
                Weekday {
                    weekday: chrono::Weekday::Thu,
                    shift: Shift::None,
                },
            ),
            ("met Kisliak yesterday to", "yesterday", DayOffset(-1)),
            (
                "visits Britain next month.",
                "next month",
                Calendar {
                    unit: Unit::Month,
                    shift: Shift::Next,
                },
            ),
            (
                "earlier this month when",
                "earlier this month",
                RestOf {
                    unit: Unit::Month,
                    later: false,
                },
            ),
            (
                "Meet In Helsinki In 2 Weeks",
                "In 2 Weeks",
                Offset {
                    amount: 2,
                    unit: Unit::Week,
                },
            ),
            (
                "two weeks ago",
                "two weeks ago",
                Offset {
                    amount: -2,
                    unit: Unit::Week,
                },
            ),
            (
                "a day after Putin hosted",
                "a day after",
                Anchored {
                    amount: 1,
                    unit: Unit::Day,
                    explicit: true,
                },
            ),
        ];
        for (text, want_text, want) in cases {
            let got = kinds(text);
            assert_eq!(got, vec![(want_text.to_string(), want)], "{text:?}");
        }
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "Theresa May said",
            "he may march on",
            "2,000 troops",
            "a $2017 bill",
            "June 32 is no day",
            "the 12:30 PM slot",
        ] {
            assert_eq!(kinds(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn keeps_weekday_beside_a_date() {
        let text = "announced on Thursday, June 28.";
        let e = &extract(text, 0..text.len(), &[])[0];
        assert_eq!(&text[e.span.clone()], "Thursday, June 28");
        assert_eq!(e.weekday.as_ref().map(|w| w.0), Some(chrono::Weekday::Thu));
    }

    #[test]
    fn skips_excluded_spans() {
        let text = "date 2018-06-29 Trump will hold a summit";
        let dateline = [5..15, 40..41];
        assert!(extract(text, 0..text.len(), &dateline).is_empty());
    }
}
