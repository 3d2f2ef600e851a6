//! The publication date written in an article: a by-line, a dateline or a
//! date line near the top. Stamps of later edits ("Last update: …",
//! "Updated …") are not publication dates and are skipped.

use crate::temporal::extract::month_number;
use crate::temporal::sources;
use crate::text::pattern::{Regex, built};
use chrono::NaiveDate;
use std::ops::Range;
use std::sync::OnceLock;

/// How far into the article a dateline is looked for.
const HEAD_LINES: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub date: NaiveDate,
    /// The dateline's bytes in the article (excluded from date reading).
    pub span: Range<usize>,
    /// Which form was recognised, for explanations.
    pub form: &'static str,
}

fn forms() -> &'static [(&'static str, Regex)] {
    static FORMS: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        sources::dateline_forms()
            .into_iter()
            .zip(built::FORMS)
            .map(|((name, source), at)| (name, Regex::built(&source, at)))
            .collect()
    })
}

/// The first date in a matched form: the one the form's own date
/// matched, as what comes before it (a by-line's name, a weekday) holds
/// no date.
fn date_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::built(sources::DATELINE_DATE, &built::DATELINE_DATE[0]))
}

/// A line that records an edit, not the publication.
fn is_update_stamp(line: &str) -> bool {
    let l = line.trim_start().as_bytes();
    [
        "last update",
        "last updated",
        "updated",
        "last modified",
        "modified",
        "edited",
        "revised",
    ]
    .iter()
    .any(|p| {
        l.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Finds the dateline in the first lines of `text[body]`.
pub fn find(text: &str, body: Range<usize>) -> Option<Dateline> {
    let mut offset = body.start;
    for line in text[body.clone()].split_inclusive('\n').take(HEAD_LINES) {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        // Every form holds a date, and every date a year of four digits:
        // most lines of prose have none and are passed over without
        // running the patterns.
        if !has_four_digits(line) || is_update_stamp(line) {
            continue;
        }
        for (form, re) in forms() {
            // The form is found without captures (a DFA search); so is the
            // date in it, by the small date pattern, and the date's parts
            // are then read from its words (captures cost several times
            // more than both searches).
            if let Some(m) = re.find_at_start(line) {
                let Some(date) = date_pattern()
                    .find(m.as_str())
                    .and_then(|d| date_of(d.as_str()))
                else {
                    continue;
                };
                return Some(Dateline {
                    date,
                    span: start + m.start()..start + m.end(),
                    form,
                });
            }
        }
    }
    None
}

/// Whether `line` has four ASCII digits in a row.
fn has_four_digits(line: &str) -> bool {
    let mut run = 0;
    for b in line.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// A wire dateline without a year ("MOSCOW, June 28 (Reuters) -"): its
/// text, so the note can say why relative dates stay unresolved. The year
/// is never guessed.
pub fn find_yearless(text: &str, body: Range<usize>) -> Option<String> {
    text[body]
        .lines()
        .take(HEAD_LINES)
        .find_map(|line| yearless().find(line).map(|m| m.as_str().trim().to_string()))
}

fn yearless() -> &'static Regex {
    static YEARLESS: OnceLock<Regex> = OnceLock::new();
    YEARLESS.get_or_init(|| Regex::built(sources::YEARLESS, &built::YEARLESS[0]))
}

/// The date of a match of [`sources::DATELINE_DATE`]: "June 28, 2018",
/// "28th June 2018" or "2018-06-28", read from its words.
fn date_of(date: &str) -> Option<NaiveDate> {
    let mut words = date
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let (first, second, third) = (words.next()?, words.next()?, words.next()?);
    // A day may carry an ordinal suffix ("28th").
    let day = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    let (y, m, d) = if first.starts_with(|c: char| c.is_ascii_alphabetic()) {
        (third, month_number(first)?, day(second)?)
    } else if second.starts_with(|c: char| c.is_ascii_alphabetic()) {
        (third, month_number(second)?, day(first)?)
    } else {
        (first, second.parse().ok()?, third.parse().ok()?)
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_datelines_in_many_forms() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Last update: March 29, 2024 01:04\n\nTitle\n\nBy Vusala Abbasova July 2, 2018\n",
                Some("2018-07-02"),
            ),
            (
                "Headline\n\nJune 28, 2018, 12:30 PM UTC\n\nText.",
                Some("2018-06-28"),
            ),
            (
                " date 2018-06-29 U.S President Donald Trump will hold a summit",
                Some("2018-06-29"),
            ),
            ("MOSCOW, June 28, 2018 (Reuters) - Text", Some("2018-06-28")),
            ("Published: 16 July 2018\n", Some("2018-07-16")),
            (
                "By Jane Doe and John Roe | Sept. 3, 2018 at 4:05 p.m. EDT\n",
                Some("2018-09-03"),
            ),
            ("Thursday, June 28, 2018\n", Some("2018-06-28")),
            ("Updated June 30, 2018\nNo date here.", None),
            ("  LAST UPDATED: June 30, 2018\n", None),
            ("Last modified: 2024-03-29\n", None),
            (
                "July 7, 2017, U.S. President Donald Trump met with Putin at the G-20.",
                None,
            ),
            ("MOSCOW, June 28 (Reuters) - no year", None),
            ("date 2018-02-30", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = find(text, 0..text.len()).map(|d| d.date.to_string());
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    /// The forms are searched from where a line starts, by the forward
    /// DFA alone: each begins with `^`, and finds there what a search of
    /// the whole line finds.
    #[test]
    fn forms_match_only_where_a_line_starts() {
        let lines = [
            "By Vusala Abbasova July 2, 2018",
            "June 28, 2018, 12:30 PM UTC",
            " date 2018-06-29 U.S President",
            "MOSCOW, June 28, 2018 (Reuters) - Text",
            "Thursday, June 28, 2018",
            "x By Jane Doe, June 28, 2018",
            "Text. MOSCOW, June 28, 2018 (Reuters) -",
            "",
        ];
        for (name, source) in sources::dateline_forms() {
            assert!(
                source.starts_with('^') || source.starts_with("(?i:^"),
                "{name}"
            );
        }
        for (name, re) in forms() {
            for line in lines {
                let whole = re.find(line).map(|m| m.range());
                let at_start = re.find_at_start(line).map(|m| m.range());
                assert_eq!(at_start, whole, "{name}: {line:?}");
            }
        }
    }

    #[test]
    fn notices_a_dateline_without_a_year() {
        let text = "Headline\nMOSCOW, June 28 (Reuters) - Text";
        assert_eq!(
            find_yearless(text, 0..text.len()).as_deref(),
            Some("MOSCOW, June 28 (Reuters) -")
        );
        let text = "MOSCOW, June 28, 2018 (Reuters) - Text";
        assert_eq!(find_yearless(text, 0..text.len()), None);
    }

    #[test]
    fn lines_without_a_year_are_passed_over() {
        let rows = [
            ("By Jane Doe, June 28, 2018", true),
            ("2018-06-29", true),
            ("x12345", true),
            ("June 28 at 12:30", false),
            ("201 8", false),
            ("", false),
        ];
        for (line, want) in rows {
            assert_eq!(has_four_digits(line), want, "{line}");
        }
        // The check is exact: a form that matched would hold a year.
        for (_, re) in forms() {
            assert!(re.find("By Jane Doe, June 28, 18").is_none());
        }
    }

    /// Each shape of date, read from its words, agrees with the groups
    /// the date pattern captures.
    #[test]
    fn dates_are_read_from_their_words() {
        let rows = [
            ("June 28, 2018", Some("2018-06-28")),
            ("Sept. 3 2018", Some("2018-09-03")),
            ("Jan 1st, 2019", Some("2019-01-01")),
            ("28 June 2018", Some("2018-06-28")),
            ("3 Sep. 2018", Some("2018-09-03")),
            ("1\u{a0}May\u{a0}2018", Some("2018-05-01")),
            ("2018-06-29", Some("2018-06-29")),
            ("February 30, 2018", None),
            ("2018-13-01", None),
            ("31 Nov 2018", None),
        ];
        for (text, want) in rows {
            let m = date_pattern().find(text).expect(text);
            assert_eq!(m.as_str(), text);
            let got = date_of(m.as_str()).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{text}");
            // The captured groups say the same.
            let c = date_pattern().captures(text).unwrap();
            let get = |n: &str| c.name(n).map(|m| m.as_str());
            let (y, mo, d) = if let Some(y) = get("y1") {
                (y, month_number(get("m1").unwrap()), get("d1").unwrap())
            } else if let Some(y) = get("y2") {
                (y, month_number(get("m2").unwrap()), get("d2").unwrap())
            } else {
                (
                    get("y3").unwrap(),
                    get("m3").unwrap().parse().ok(),
                    get("d3").unwrap(),
                )
            };
            let groups =
                NaiveDate::from_ymd_opt(y.parse().unwrap(), mo.unwrap(), d.parse().unwrap());
            assert_eq!(groups.map(|d| d.to_string()).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn span_covers_the_dateline_only() {
        let text = " date 2018-06-29 U.S President";
        let d = find(text, 0..text.len()).unwrap();
        assert_eq!(&text[d.span], " date 2018-06-29");
    }
}
