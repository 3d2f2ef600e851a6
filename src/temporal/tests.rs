//! Table-driven tests of reading and resolving expressions: each row is the
//! text, the publication date, the tense, and what it must mean.

use super::*;
use chrono::NaiveDate;

fn resolve_text(text: &str, published: &str, tense: Tense) -> String {
    let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let found = extract(text, 0..text.len(), &[]);
    let Some(expr) = found.first() else {
        return "none".into();
    };
    match resolve(expr, p, tense) {
        Resolution::Dates(d) => d
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" | "),
        Resolution::Unresolved(_) => "unresolved".into(),
    }
}

#[test]
fn resolves_expressions() {
    use Tense::*;
    // 2018-07-02 is a Monday, 2018-06-27 a Wednesday, 2018-06-28 a Thursday.
    let rows: &[(&str, &str, Tense, &str)] = &[
        ("July 16", "2018-07-02", Future, "2018-07-16"),
        ("July 16", "2018-07-02", Past, "2017-07-16"),
        ("July 16", "2018-07-02", Unknown, "2017-07-16 | 2018-07-16"),
        ("16 July", "2018-07-02", Future, "2018-07-16"),
        ("July 16th", "2018-07-02", Future, "2018-07-16"),
        ("Jul. 16", "2018-07-02", Future, "2018-07-16"),
        ("July 11-12", "2018-06-27", Future, "2018-07-11..2018-07-12"),
        (
            "July 11 and 12",
            "2018-06-27",
            Future,
            "2018-07-11..2018-07-12",
        ),
        ("June 24", "2018-07-02", Past, "2018-06-24"),
        ("20 January", "2017-07-04", Past, "2017-01-20"),
        ("July 7, 2017", "2018-07-02", Past, "2017-07-07"),
        ("July 7, 2017", "", Unknown, "2017-07-07"),
        ("16 July 2018", "", Unknown, "2018-07-16"),
        ("2018-07-16", "", Unknown, "2018-07-16"),
        ("July 16", "", Future, "unresolved"),
        ("in March", "2018-07-02", Past, "2018-03"),
        ("in March", "2018-02-02", Past, "2017-03"),
        ("in November", "2018-07-02", Future, "2018-11"),
        ("in November", "2018-11-20", Past, "2018-11"),
        ("in mid-July", "2017-07-04", Past, "2016-07-11..2016-07-20"),
        (
            "in mid-July",
            "2017-07-04",
            Future,
            "2017-07-11..2017-07-20",
        ),
        (
            "in early June",
            "2018-07-02",
            Past,
            "2018-06-01..2018-06-10",
        ),
        ("in late June", "2018-07-02", Past, "2018-06-21..2018-06-30"),
        (
            "by the end of June",
            "2018-06-02",
            Future,
            "2018-06-21..2018-06-30",
        ),
        ("last November", "2017-07-04", Unknown, "2016-11"),
        ("last November", "2017-12-04", Unknown, "2017-11"),
        ("next March", "2018-07-02", Unknown, "2019-03"),
        ("this July", "2018-07-02", Unknown, "2018-07"),
        ("last year in November", "2018-06-29", Past, "2017-11"),
        ("in November last year", "2018-06-29", Past, "2017-11"),
        ("in March 2018", "", Unknown, "2018-03"),
        ("mid-July 2018", "", Unknown, "2018-07-11..2018-07-20"),
        ("back in 2017", "", Unknown, "2017"),
        ("2017's", "", Unknown, "2017"),
        ("last Wednesday", "2018-07-02", Past, "2018-06-27"),
        (
            "last Wednesday",
            "2018-06-28",
            Past,
            "2018-06-20 | 2018-06-27",
        ),
        ("last Monday", "2018-07-02", Past, "2018-06-25"),
        ("on Thursday", "2018-06-27", Future, "2018-06-28"),
        ("on Thursday", "2018-06-27", Past, "2018-06-21"),
        (
            "on Thursday",
            "2018-06-27",
            Unknown,
            "2018-06-21 | 2018-06-28",
        ),
        ("on Thursday", "2018-06-28", Past, "2018-06-28"),
        ("on Thursday", "2018-06-28", Future, "2018-06-28"),
        ("Wednesday", "2018-06-28", Past, "2018-06-27"),
        ("Tuesday", "2017-07-04", Past, "2017-07-04"),
        ("this Friday", "2018-06-27", Unknown, "2018-06-29"),
        (
            "next Friday",
            "2018-06-27",
            Unknown,
            "2018-06-29 | 2018-07-06",
        ),
        ("next Monday", "2018-06-27", Unknown, "2018-07-02"),
        ("yesterday", "2017-07-04", Unknown, "2017-07-03"),
        ("today", "2018-06-28", Unknown, "2018-06-28"),
        ("tonight", "2018-06-28", Unknown, "2018-06-28"),
        ("tomorrow", "2018-12-31", Unknown, "2019-01-01"),
        ("last week", "2017-07-04", Unknown, "2017-06-26..2017-07-02"),
        ("this week", "2018-06-27", Unknown, "2018-06-25..2018-07-01"),
        ("next week", "2018-06-27", Unknown, "2018-07-02..2018-07-08"),
        ("last month", "2018-01-15", Unknown, "2017-12"),
        ("next month", "2018-06-27", Unknown, "2018-07"),
        ("this month", "2018-06-27", Unknown, "2018-06"),
        ("last year", "2018-06-27", Unknown, "2017"),
        ("next year", "2018-06-27", Unknown, "2019"),
        (
            "earlier this month",
            "2018-06-28",
            Past,
            "2018-06-01..2018-06-28",
        ),
        (
            "later this month",
            "2018-06-28",
            Future,
            "2018-06-28..2018-06-30",
        ),
        (
            "earlier in the year",
            "2017-07-04",
            Past,
            "2017-01-01..2017-07-04",
        ),
        (
            "later this year",
            "2017-07-04",
            Future,
            "2017-07-04..2017-12-31",
        ),
        (
            "In 2 Weeks",
            "2018-07-02",
            Unknown,
            "2018-07-13..2018-07-19",
        ),
        ("in two days", "2018-07-02", Unknown, "2018-07-04"),
        ("in a month", "2018-07-02", Unknown, "2018-08"),
        ("in a year's time", "2018-07-02", Unknown, "2019"),
        (
            "two weeks ago",
            "2018-07-02",
            Unknown,
            "2018-06-15..2018-06-21",
        ),
        ("three days ago", "2018-07-02", Unknown, "2018-06-29"),
        ("a year ago", "2018-07-02", Unknown, "2017"),
        ("a day after", "2018-07-02", Unknown, "unresolved"),
        ("the day before", "2018-07-02", Unknown, "unresolved"),
        ("the previous day", "2018-07-02", Unknown, "unresolved"),
        ("last Wednesday", "", Past, "unresolved"),
        ("Monday, July 16", "2018-07-02", Future, "2018-07-16"),
        ("Thursday, June 28", "2018-06-29", Past, "2018-06-28"),
        ("Friday, Feb. 29", "2016-03-01", Past, "2016-02-29"),
    ];
    let mut failures = Vec::new();
    for (text, published, tense, want) in rows {
        let got = resolve_text(text, published, *tense);
        if got != *want {
            failures.push(format!(
                "{text:?} published {published} {tense:?}: got {got}, want {want}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
