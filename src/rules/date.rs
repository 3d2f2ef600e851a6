//! `date`: a sentence that mentions an event gives it a date that cannot
//! overlap the claimed one.
//!
//! Each date binds to the one event it modifies: the nearest cue on the same
//! side of any quotation mark. A date governed by a verb of saying ("the
//! Kremlin reported Tuesday") dates the report, so it binds only to an event
//! that is itself a statement (a cue such as "announced").

use super::{Conflict, Output, Rule, describe_day};
use crate::analysis::Analysis;
use crate::claims::Idx;
use crate::lexicon;
use crate::temporal::resolve::{from_anchor, is_relative};
use crate::temporal::tense::{letter_before, two_words_before, words_back};
use crate::temporal::{DateRange, Expression, Kind, Resolution, Tense, resolve};

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

    fn explain(&self) -> &'static str {
        r#"A sentence that mentions an event (through its cues) and states or implies
a date that cannot overlap the event's claimed date or range.

Read: full and partial dates ("July 16", "16 July", "2018-07-16", "mid-July",
"the summer of 2018"), relative dates ("last Tuesday", "next month", "two
weeks ago") against the article's publication date, and dates anchored on
another event ("a day after the summit"). Tense decides direction. A date
attached to a verb of saying ("said on Wednesday") dates the report, not the
event. What cannot be resolved is a note, never a guess.

Example: "the jet was shot down in mid-July" when claims.yaml dates the
shootdown 2017-06-18."#
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        let text = a.text();
        // A date that is itself an anchor ("two days before July 16") is
        // not the event's date. Reused from sentence to sentence.
        let mut anchors_taken = Vec::new();
        for s in a.event_sentences() {
            let range = a.sentences[s].range.clone();
            let sentence = &text[range.clone()];
            let exprs = a.expressions(s);
            if exprs.is_empty() {
                continue;
            }
            anchors_taken.clear();
            anchors_taken.resize(exprs.len(), false);
            // Read only for a date that needs the tense: most are written out.
            let mut reader = None;
            for (i, expr) in exprs.iter().enumerate() {
                if anchors_taken[i] {
                    continue;
                }
                let local = expr.span.start - range.start..expr.span.end - range.start;
                let tense = if is_relative(&expr.kind) {
                    reader
                        .get_or_insert_with(|| a.reader(s))
                        .tense_at(local.start, local.end)
                } else {
                    Tense::Unknown
                };
                let written = expr.text(text);
                // The words before the date, read once for its verb of
                // saying and its bound.
                let mut before = None;
                let (dates, how, mention) = match expr.kind {
                    Kind::Anchored {
                        amount,
                        unit,
                        explicit,
                    } => {
                        let found = if explicit {
                            explicit_anchor(a, s, exprs, i, &mut anchors_taken)
                        } else {
                            spoken_anchor(a, s, &exprs[..i])
                        };
                        let Some(anchor) = found else {
                            if let Some(m) = a.nearest_event(s, &expr.span, |_| true) {
                                unresolved(
                                    a,
                                    out,
                                    expr,
                                    m.event,
                                    "it is counted from a date that is not known",
                                );
                            }
                            continue;
                        };
                        let dates: Vec<DateRange> = anchor
                            .dates
                            .iter()
                            .filter_map(|d| from_anchor(*d, amount, unit))
                            .collect();
                        if dates.is_empty() {
                            continue;
                        }
                        let mention = match anchor.event {
                            Some(anchor_event) => dated_event(a, s, expr, anchor_event),
                            None => a.nearest_event(s, &expr.span, |_| true),
                        };
                        (dates, How::Anchor(anchor), mention)
                    }
                    _ => {
                        let by_report = before
                            .get_or_insert_with(|| Before::new(sentence, local.start))
                            .report_verb()
                            .is_some();
                        let mention = a.nearest_event(s, &expr.span, |e| !by_report || e.statement);
                        let Some(m) = mention else { continue };
                        let dates = match resolve(expr, a.published(), tense) {
                            Resolution::Dates(d) => d,
                            Resolution::Unresolved(why) => {
                                unresolved(a, out, expr, m.event, why);
                                continue;
                            }
                        };
                        (dates, How::Tense(tense), mention)
                    }
                };
                let Some(mention) = mention else { continue };
                let event = &a.claims.events[mention.event];
                let Some(claimed) = event.date else { continue };
                let before = before.get_or_insert_with(|| Before::new(sentence, local.start));
                let bound = Bound::before(sentence, local.start, before);
                let fits = dates.iter().any(|d| bound.admits(d, &claimed));
                if fits && !a.explain {
                    continue;
                }
                // Worded only for a note or a conflict: most dates fit.
                let reading = reading(a, expr, written, &how, &dates);
                if a.explain {
                    out.note(
                        a,
                        expr.span.start,
                        format!(
                            "{}{reading}; bound to {} (claimed {claimed}): {}",
                            bound.prefix(),
                            event.id,
                            if fits { "consistent" } else { "conflict" }
                        ),
                    );
                }
                if fits {
                    continue;
                }
                let expected = event
                    .date_text
                    .clone()
                    .unwrap_or_else(|| claimed.to_string());
                let source = event
                    .sources
                    .first()
                    .map(|s| format!(" (source: {s})"))
                    .unwrap_or_default();
                out.conflict(
                    a,
                    range.clone(),
                    Conflict {
                        rule: "date",
                        claim: Some(event.id.clone()),
                        span: expr.span.clone(),
                        message: format!(
                            "{}{reading}; {} dates {} {expected}{source}",
                            bound.prefix(),
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

/// The note for a date that could not be read, near the event it would date.
fn unresolved(a: &Analysis, out: &mut Output, expr: &Expression, event: Idx, why: &str) {
    out.note(
        a,
        expr.span.start,
        format!(
            "“{}” (near {}) left unresolved: {why}",
            expr.text(a.text()),
            a.claims.events[event].id
        ),
    );
}

/// How a date was read, in words: the publication date and where it came
/// from, and the tense where it decided the reading.
fn reading(
    a: &Analysis,
    expr: &Expression,
    written: &str,
    how: &How,
    dates: &[DateRange],
) -> String {
    let means = or_list(dates);
    let tense = match how {
        How::Anchor(anchor) => return format!("“{written}” {} means {means}", anchor.describe(a)),
        How::Tense(tense) => tense,
    };
    match (is_relative(&expr.kind), &a.article.published) {
        (true, Some(p)) => format!(
            "“{written}” in an article published {} ({}) means {means} ({})",
            describe_day(p.date),
            p.describe(),
            tense.label_for(&expr.kind),
        ),
        _ => format!("“{written}” means {means}"),
    }
}

fn or_list(dates: &[DateRange]) -> String {
    dates
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// How a date was resolved: from an anchor, or against the publication
/// date in a tense.
enum How {
    Anchor(Anchor),
    Tense(Tense),
}

/// What an anchored expression counts from.
struct Anchor {
    /// The anchor's readings; an anchor date without a year may have two.
    dates: Vec<DateRange>,
    /// The event named as the anchor, or `None` for a date written out.
    event: Option<Idx>,
    text: String,
}

impl Anchor {
    fn describe(&self, a: &Analysis) -> String {
        match self.event {
            Some(e) => format!(
                "(counted from {}, dated {})",
                a.claims.events[e].id,
                or_list(&self.dates)
            ),
            None => format!("(counted from “{}”, {})", self.text, or_list(&self.dates)),
        }
    }
}

/// "a day after Putin hosted Bolton", "two days before July 16": the anchor
/// is the date or the dated event that follows the expression.
fn explicit_anchor(
    a: &Analysis,
    s: usize,
    exprs: &[Expression],
    i: usize,
    taken: &mut [bool],
) -> Option<Anchor> {
    let text = a.text();
    let end = exprs[i].span.end;
    if let Some(next) = exprs.get(i + 1) {
        let between = text[end..next.span.start].trim().to_lowercase();
        if between.is_empty() || between == "the" {
            taken[i + 1] = true;
            return reading_of(a, s, next);
        }
    }
    let (event, _) = a
        .events_in(s)
        .iter()
        .filter_map(|e| {
            let first = a
                .anchors_of(e)
                .iter()
                .map(|r| r.start)
                .filter(|&st| st >= end)
                .min()?;
            Some((e.event, first))
        })
        .min_by_key(|&(e, first)| (first, e))?;
    Some(Anchor {
        dates: vec![a.claims.events[event].date?],
        event: Some(event),
        text: String::new(),
    })
}

/// A written date as an anchor, read in the tense of its own sentence.
fn reading_of(a: &Analysis, sentence: usize, expr: &Expression) -> Option<Anchor> {
    let text = a.text();
    let range = a.sentences[sentence].range.clone();
    let local = expr.span.start - range.start..expr.span.end - range.start;
    let tense = a.reader(sentence).tense_at(local.start, local.end);
    let dates = resolve(expr, a.published(), tense).dates().to_vec();
    (!dates.is_empty()).then(|| Anchor {
        dates,
        event: None,
        text: expr.text(text).to_string(),
    })
}

/// "a day later", "the previous day": counted from the last date written
/// before, in this sentence or the one before it in the same paragraph.
/// Never guessed otherwise.
fn spoken_anchor(a: &Analysis, s: usize, earlier: &[Expression]) -> Option<Anchor> {
    let last = |exprs: &[Expression], sentence: usize| -> Option<Anchor> {
        let expr = exprs
            .iter()
            .rev()
            .find(|e| !matches!(e.kind, Kind::Anchored { .. }))?;
        reading_of(a, sentence, expr)
    };
    if !earlier.is_empty() {
        return last(earlier, s);
    }
    let previous = s.checked_sub(1)?;
    let here = a.sentences[s].range.start;
    let there = a.sentences[previous].range.clone();
    if a.paragraph_of(here) != a.paragraph_of(there.start) {
        return None;
    }
    last(a.expressions(previous), previous)
}

/// The event an anchored expression dates: not the anchor itself, and on
/// the expression's side of it ("X happened a day after Y"; "A day after
/// Y, X happened").
fn dated_event<'a>(
    a: &'a Analysis,
    s: usize,
    expr: &Expression,
    anchor: Idx,
) -> Option<&'a crate::analysis::EventMention> {
    let range = a.sentences[s].range.clone();
    let opens = a.text()[range.start..expr.span.start]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .count()
        <= 1;
    let clause_end = a.text()[expr.span.end..range.end]
        .find(',')
        .map_or(range.end, |i| expr.span.end + i);
    a.nearest_event(s, &expr.span, |e| {
        e.event != anchor
            && a.anchors_of(e).iter().all(|r| {
                if opens {
                    r.start >= clause_end
                } else {
                    r.end <= expr.span.start
                }
            })
    })
}

/// "before July 20", "since June": a date that bounds the event rather than
/// naming its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Exact,
    NotAfter,
    NotBefore,
}

impl Bound {
    /// The bound set by the words of a sentence before `at`, which
    /// `before` holds.
    fn before(sentence: &str, at: usize, before: &Before) -> Bound {
        let [last, second] = match before.inside {
            true => two_words_before(sentence, at),
            false => [before.words().first(), before.words().get(1)].map(|w| w.copied()),
        };
        let is =
            |word: Option<&str>, list: &[&str]| word.is_some_and(|w| lexicon::is_word_in(w, list));
        let pair = |first: &str, then: &str| is(second, &[first]) && is(last, &[then]);
        if pair("prior", "to") || pair("ahead", "of") || pair("later", "than") {
            Bound::NotAfter
        } else if pair("earlier", "than") {
            Bound::NotBefore
        } else if is(last, &["before", "until", "till", "by"]) {
            Bound::NotAfter
        } else if is(last, &["after", "since"]) {
            Bound::NotBefore
        } else {
            Bound::Exact
        }
    }

    /// Whether the claimed date can be what `read` says under this bound.
    fn admits(self, read: &DateRange, claimed: &DateRange) -> bool {
        match self {
            Bound::Exact => read.overlaps(claimed),
            Bound::NotAfter => claimed.start <= read.end,
            Bound::NotBefore => claimed.end >= read.start,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::NotAfter => "an upper bound: ",
            Bound::NotBefore => "a lower bound: ",
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

/// Words that end the reach of a verb of saying before a date.
const VERB_LIKE: lexicon::Words = lexicon::Words::new(&["will", "was", "were", "is", "are", "met"]);

/// The verb of saying that governs a date starting at byte `at` of the
/// sentence, if one stands within a few words before it with no other verb
/// between ("reported Tuesday", "said on Wednesday").
pub fn report_verb(sentence: &str, at: usize) -> Option<&str> {
    Before::new(sentence, at).report_verb()
}

/// The last [`REPORT_REACH`] words of a sentence before a date, the
/// nearest first: only these count, and they are read backwards from the
/// date rather than by splitting the whole sentence.
struct Before<'s> {
    words: [&'s str; REPORT_REACH],
    n: usize,
    /// The date starts inside a word.
    inside: bool,
}

impl<'s> Before<'s> {
    fn new(sentence: &'s str, at: usize) -> Before<'s> {
        let mut words = [""; REPORT_REACH];
        let mut n = 0;
        for (slot, w) in words.iter_mut().zip(words_back(&sentence[..at])) {
            *slot = w;
            n += 1;
        }
        Before {
            words,
            n,
            inside: at > 0 && letter_before(sentence, at).0,
        }
    }

    fn words(&self) -> &[&'s str] {
        &self.words[..self.n]
    }

    /// See [`report_verb`].
    fn report_verb(&self) -> Option<&'s str> {
        for &w in self.words() {
            if lexicon::REPORT_VERBS.has(w) {
                return Some(w);
            }
            let verb_like = lexicon::ends_with_ignore_case(w, "ing")
                || lexicon::ends_with_ignore_case(w, "ed")
                || VERB_LIKE.has(w);
            if verb_like {
                return None;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Before, Bound, report_verb};

    #[test]
    fn bounds_read_from_the_words_before_a_date() {
        let cases = [
            ("They met before July 20.", Bound::NotAfter),
            ("They met Until July 20.", Bound::NotAfter),
            ("They will meet prior to July 20.", Bound::NotAfter),
            ("No later than July 20.", Bound::NotAfter),
            ("Not EARLIER than July 20.", Bound::NotBefore),
            ("They have met since July 20.", Bound::NotBefore),
            ("They met on July 20.", Bound::Exact),
            ("July 20.", Bound::Exact),
            // Near misses: the words must stand right before the date.
            ("Before they met on July 20.", Bound::Exact),
            ("They met prior on July 20.", Bound::Exact),
            ("They met to July 20.", Bound::Exact),
            // A date that starts inside a word is bound by that word.
            ("They met beforeJuly 20.", Bound::Exact),
        ];
        for (sentence, want) in cases {
            let date = sentence.find("July").unwrap();
            let before = Before::new(sentence, date);
            assert_eq!(Bound::before(sentence, date, &before), want, "{sentence}");
        }
    }

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
