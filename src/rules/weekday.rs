//! `weekday`: a weekday written beside a date on which it does not fall
//! ("Monday, June 28, 2018"). Needs no claim: the calendar is the source.

use super::{Conflict, Output, Rule};
use crate::analysis::Analysis;
use crate::temporal::{Kind, Resolution, resolve};
use chrono::{Datelike, Weekday};

pub struct WeekdayRule;

impl Rule for WeekdayRule {
    fn id(&self) -> &'static str {
        "weekday"
    }

    fn summary(&self) -> &'static str {
        "a weekday that does not fall on the date written next to it"
    }

    fn explain(&self) -> &'static str {
        r#"A date written with a weekday that does not fall on it, such as "Monday,
June 28, 2018" (a Thursday). Needs no claim."#
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        let text = a.text();
        for &s in &a.weekdays {
            let range = a.sentences[s].range.clone();
            let mut reader = None;
            for expr in a.expressions(s) {
                let Some((weekday, _)) = expr.weekday.clone() else {
                    continue;
                };
                let local = expr.span.start - range.start..expr.span.end - range.start;
                let tense = reader
                    .get_or_insert_with(|| a.reader(s))
                    .tense_at(local.start, local.end);
                let Resolution::Dates(dates) = resolve(expr, a.published(), tense) else {
                    continue;
                };
                if dates.iter().any(|d| d.start.weekday() == weekday) {
                    continue;
                }
                let actual: Vec<String> = dates
                    .iter()
                    .map(|d| format!("{} is a {}", d.start, name(d.start.weekday())))
                    .collect();
                let year_note = if matches!(expr.kind, Kind::MonthDay { .. }) {
                    " (year from the publication date)"
                } else {
                    ""
                };
                out.conflict(
                    a,
                    range.clone(),
                    Conflict {
                        rule: "weekday",
                        claim: None,
                        span: expr.span.clone(),
                        expected: dates
                            .iter()
                            .map(|d| name(d.start.weekday()))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        message: format!(
                            "“{}” names a {}, but {}{year_note}",
                            expr.text(text),
                            name(weekday),
                            actual.join(" and ")
                        ),
                        sources: vec!["the Gregorian calendar".into()],
                        claim_at: None,
                    },
                );
            }
        }
    }
}

pub fn name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
