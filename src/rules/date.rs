//! `date`: a sentence that mentions an event gives it a date that cannot
//! overlap the claimed one.
//!
//! Each date binds to the one event it modifies: the nearest cue on the same
//! side of any quotation mark. A date governed by a verb of saying ("the
//! Kremlin reported Tuesday") dates the report, so it binds only to an event
//! that is itself a statement (a cue such as "announced").

use super::{Conflict, Output, Rule, describe_day};
use crate::analysis::Analysis;
use crate::lexicon;
use crate::temporal::tense::words;
use crate::temporal::{Resolution, Tense, extract, resolve, tense_at};

pub struct DateRule;

/// How many words back a verb of saying still governs a date
/// ("posted to its website on Thursday").
const REPORT_REACH: usize = 6;

impl Rule for DateRule {
    fn id(&self) -> &'static str {
        "date"
    }

    fn summary(&self) -> &'static str {
        "an event given a date (absolute or relative to publication) that does not match its claimed date"
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        let text = a.text();
        let mut sentences: Vec<usize> = a.events.iter().map(|e| e.sentence).collect();
        sentences.dedup();
        for s in sentences {
            let range = a.sentences[s].range.clone();
            let sentence = &text[range.clone()];
            for expr in extract(text, range.clone(), &a.exclude) {
                let local = expr.span.start - range.start..expr.span.end - range.start;
                let by_report = report_verb(sentence, local.start).is_some();
                let Some(mention) = a.nearest_event(s, &expr.span, |e| !by_report || e.statement)
                else {
                    continue;
                };
                let event = &a.claims.events[mention.event];
                let Some(claimed) = event.date else { continue };
                let tense = tense_at(sentence, local.start, local.end);
                let written = expr.text(text);
                let dates = match resolve(&expr, a.published(), tense) {
                    Resolution::Dates(d) => d,
                    Resolution::Unresolved(why) => {
                        out.note(
                            a,
                            expr.span.start,
                            format!("“{written}” (near {}) left unresolved: {why}", event.id),
                        );
                        continue;
                    }
                };
                if dates.iter().any(|d| d.overlaps(&claimed)) {
                    continue;
                }
                let means = dates
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" or ");
                let reading = match (
                    crate::temporal::resolve::is_relative(&expr.kind),
                    a.published(),
                ) {
                    (true, Some(p)) => format!(
                        "“{written}” ({}, published {}) means {means}",
                        tense.label_for(&expr.kind),
                        describe_day(p)
                    ),
                    _ => format!("“{written}” means {means}"),
                };
                let expected = event
                    .date_text
                    .clone()
                    .unwrap_or_else(|| claimed.to_string());
                out.conflict(
                    a,
                    range.clone(),
                    Conflict {
                        rule: "date",
                        claim: Some(event.id.clone()),
                        span: expr.span.clone(),
                        message: format!(
                            "{reading}; {} dates {} {expected}",
                            a.claims.file_name(),
                            event.id
                        ),
                        expected,
                        sources: event.sources.clone(),
                        claim_at: Some((event.origin.line, event.origin.column)),
                    },
                );
            }
        }
    }
}

impl Tense {
    /// The tense, named only where it decided the reading.
    fn label_for(self, kind: &crate::temporal::Kind) -> &'static str {
        use crate::temporal::Kind::*;
        match kind {
            MonthDay { .. }
            | Month {
                shift: crate::temporal::extract::Shift::None,
                ..
            }
            | Weekday { .. } => self.label(),
            _ => "relative",
        }
    }
}

/// The verb of saying that governs a date starting at byte `at` of the
/// sentence, if one stands within a few words before it with no other verb
/// between ("reported Tuesday", "said on Wednesday").
pub fn report_verb(sentence: &str, at: usize) -> Option<&str> {
    let words = words(sentence);
    let before: Vec<&str> = words
        .iter()
        .filter(|(i, _)| *i < at)
        .map(|(_, w)| *w)
        .collect();
    for w in before.iter().rev().take(REPORT_REACH) {
        if lexicon::is_word_in(w, lexicon::REPORT_VERBS) {
            return Some(w);
        }
        let lower = w.to_lowercase();
        let verb_like = lower.ends_with("ing")
            || lower.ends_with("ed")
            || ["will", "was", "were", "is", "are", "met"].contains(&lower.as_str());
        if verb_like {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::report_verb;

    #[test]
    fn finds_the_verb_of_saying_that_governs_a_date() {
        let cases = [
            ("the Kremlin reported Tuesday.", "Tuesday", Some("reported")),
            (
                "A senior US official said on Tuesday that",
                "on Tuesday",
                Some("said"),
            ),
            (
                "reads a statement from the Kremlin and posted to its website on Thursday.",
                "on Thursday",
                Some("posted"),
            ),
            (
                "announced on Thursday, June 28.",
                "Thursday",
                Some("announced"),
            ),
            (
                "Putin told Bolton at the opening of their meeting Wednesday.",
                "Wednesday",
                None,
            ),
            ("Putin hosted Bolton on Wednesday.", "on Wednesday", None),
            ("Trump will meet Putin on July 16.", "on July 16", None),
        ];
        for (sentence, date, want) in cases {
            assert_eq!(
                report_verb(sentence, sentence.find(date).unwrap()),
                want,
                "{sentence}"
            );
        }
    }
}
