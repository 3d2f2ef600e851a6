//! Who said a quoted passage: the speaker named by a verb of saying next to
//! it ("X said", "said X", "X told reporters", "according to X"), a pronoun
//! resolved to the nearest person before it, or the speaker of the quote
//! before it in the same paragraph or the one before.
//!
//! Names inside quotation marks never speak, nor do addressees ("told
//! Putin") or outlets ("as quoted by The Guardian", "via Reuters"). Role
//! aliases ("the U.S. President") name their holder only while the role is
//! held on the date given.

use crate::analysis::Analysis;
use crate::claims::Speaker;
use crate::claims::model::Pronoun;
use crate::lexicon::{
    INVERTIBLE, NOT_SPEAKER_BEFORE_NAME, PRONOUNS, Phrases, SPEAKER_BEFORE_NAME, SPEECH_VERBS,
};
use crate::temporal::tense::words;
use crate::text::matcher::Target;
use crate::text::quotes::Quoted;
use chrono::NaiveDate;
use std::ops::Range;

/// How a speaker was found, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Named,
    Pronoun,
    Inherited,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub speaker: Speaker,
    /// Where the speaker is named (the pronoun, for a pronoun).
    pub span: Range<usize>,
    pub how: How,
}

/// A speaker candidate in the text: a named person or body, or a pronoun.
#[derive(Debug, Clone)]
struct Candidate {
    who: Option<Speaker>,
    span: Range<usize>,
    person: bool,
}

/// The speaker of every quoted passage of an article, in order.
pub fn speakers(a: &Analysis, date: Option<NaiveDate>) -> Vec<Option<Found>> {
    let mut out: Vec<Option<Found>> = Vec::with_capacity(a.quotes.len());
    for (i, q) in a.quotes.iter().enumerate() {
        let mut found = direct(a, q, date);
        if found.is_none() {
            found = inherited(a, i, &out, date);
        }
        out.push(found);
    }
    out
}

/// The speaker named beside the passage itself.
fn direct(a: &Analysis, q: &Quoted, date: Option<NaiveDate>) -> Option<Found> {
    let after = segment_after(a, q);
    let before = segment_before(a, q);
    attributions(a, after, date)
        .into_iter()
        .next()
        .or_else(|| attributions(a, before, date).into_iter().last())
        .and_then(|c| settle(a, c, q.outer.start, date))
}

/// The speaker carried over from the previous passage or sentence.
fn inherited(
    a: &Analysis,
    i: usize,
    earlier: &[Option<Found>],
    date: Option<NaiveDate>,
) -> Option<Found> {
    let q = &a.quotes[i];
    let p = a.paragraph_of(q.outer.start)?;
    let para = a.paragraphs[p].clone();
    let carry = |f: &Found| Found {
        how: How::Inherited,
        ..f.clone()
    };
    // The last passage before it in the same paragraph.
    if let Some(j) = (0..i)
        .rev()
        .find(|&j| a.quotes[j].outer.start >= para.start)
        && let Some(f) = &earlier[j]
    {
        return Some(carry(f));
    }
    // A sentence before it in the paragraph that names a speaker.
    if let Some(c) = attributions(a, para.start..q.outer.start, date)
        .into_iter()
        .last()
    {
        return settle(a, c, q.outer.start, date).map(|f| carry(&f));
    }
    // A paragraph that opens with the quote continues the previous one, or
    // is introduced by it ("Bolton said:" before a block quote).
    let opens = a.text()[para.start..q.outer.start].trim().is_empty();
    if opens && p > 0 {
        let prev = a.paragraphs[p - 1].clone();
        if a.text()[prev.clone()].trim_end().ends_with(':') {
            let from = a
                .sentence_at(prev.end.saturating_sub(1))
                .map_or(prev.start, |s| a.sentences[s].range.start);
            if let Some(c) = attributions(a, from..prev.end, date).into_iter().last() {
                return settle(a, c, q.outer.start, date);
            }
        }
        if let Some(j) = (0..i)
            .rev()
            .find(|&j| a.quotes[j].outer.start >= prev.start)
        {
            return earlier[j].as_ref().map(carry);
        }
    }
    None
}

/// Turns a candidate into a speaker, resolving a pronoun.
fn settle(a: &Analysis, c: Candidate, before: usize, date: Option<NaiveDate>) -> Option<Found> {
    match c.who {
        Some(speaker) => Some(Found {
            speaker,
            span: c.span,
            how: How::Named,
        }),
        None => {
            let pronoun = Pronoun::from_word(&a.text()[c.span.clone()]);
            let antecedent = preceding_person(a, before, date, pronoun)?;
            Some(Found {
                speaker: antecedent,
                span: c.span,
                how: How::Pronoun,
            })
        }
    }
}

/// The nearest person named before `at`, outside quotes, in the same or
/// the previous paragraph, whose pronoun (when the claims file gives one)
/// is `pronoun`.
fn preceding_person(
    a: &Analysis,
    at: usize,
    date: Option<NaiveDate>,
    pronoun: Option<Pronoun>,
) -> Option<Speaker> {
    let p = a
        .paragraph_of(at)
        .or_else(|| a.paragraphs.partition_point(|r| r.end <= at).checked_sub(1))?;
    let from = a.paragraphs[p.saturating_sub(1)].start;
    candidates(a, from..at, date)
        .into_iter()
        .rev()
        .find(|c| {
            c.person
                && matches!(c.who, Some(Speaker::Person(p))
                    if a.claims.people[p].pronoun.is_none_or(|have| Some(have) == pronoun))
        })
        .and_then(|c| c.who)
}

/// Named speakers and pronouns in `range`, outside quotes, in order.
fn candidates(a: &Analysis, range: Range<usize>, date: Option<NaiveDate>) -> Vec<Candidate> {
    let ws = words(&a.text()[range.clone()]);
    candidates_among(a, range, date, &ws)
}

/// [`candidates`], where `ws` are the words of `range`.
fn candidates_among(
    a: &Analysis,
    range: Range<usize>,
    date: Option<NaiveDate>,
    ws: &[(usize, &str)],
) -> Vec<Candidate> {
    let text = a.text();
    let mut out: Vec<Candidate> = a
        .mentions_in(range.clone())
        .filter(|m| a.quote_at(m.span.start).is_none())
        .filter_map(|m| {
            let (who, person) = match m.target {
                Target::Person(p) => (Speaker::Person(p), true),
                Target::Role { person, role }
                    if a.claims.people[person].roles[role].held_on(date) =>
                {
                    (Speaker::Person(person), true)
                }
                Target::Organization(o) => (Speaker::Organization(o), false),
                _ => return None,
            };
            let before = &text[range.start.min(m.span.start)..m.span.start];
            let excluded = ends_with_phrase(before, &NOT_SPEAKER_BEFORE_NAME)
                && !ends_with_phrase(before, &SPEAKER_BEFORE_NAME);
            (!excluded).then_some(Candidate {
                who: Some(who),
                span: m.span.clone(),
                person,
            })
        })
        .collect();
    for &(at, w) in ws {
        let start = range.start + at;
        if PRONOUNS.has(w) && a.quote_at(start).is_none() {
            out.push(Candidate {
                who: None,
                span: start..start + w.len(),
                person: true,
            });
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Every attribution in `range`, in order of the verb or phrase that makes it.
fn attributions(a: &Analysis, range: Range<usize>, date: Option<NaiveDate>) -> Vec<Candidate> {
    if range.is_empty() {
        return Vec::new();
    }
    let text = a.text();
    let ws = words(&text[range.clone()]);
    let cands = candidates_among(a, range.clone(), date, &ws);
    let mut out = Vec::new();
    for (n, &(at, w)) in ws.iter().enumerate() {
        let start = range.start + at;
        if a.quote_at(start).is_some() {
            continue;
        }
        let end = start + w.len();
        // "according to X", "a statement from X"
        // `w` is the last word of the text before `end`.
        if may_end_phrase(w, &SPEAKER_BEFORE_NAME)
            && ends_with_phrase(&text[range.start..end], &SPEAKER_BEFORE_NAME)
        {
            let window = clause_after(text, end, range.end);
            if let Some(c) = prefer_person(
                cands
                    .iter()
                    .filter(|c| c.span.start >= end && c.span.end <= window && c.who.is_some()),
            ) {
                out.push(c.clone());
                continue;
            }
        }
        if !SPEECH_VERBS.has(w) {
            continue;
        }
        // "X said", "X, though, added", "he said"
        let lead = ws[..n]
            .iter()
            .rev()
            .take(5)
            .next_back()
            .map_or(range.start, |(i, _)| range.start + i);
        let before: Vec<&Candidate> = cands
            .iter()
            .filter(|c| {
                c.span.end <= start
                    && c.span.start >= lead
                    && !text[c.span.end..start].contains(['“', '”', '"'])
            })
            .collect();
        if let Some(nearest) = before.last() {
            let pick = if nearest.who.is_some() && !nearest.person {
                before
                    .iter()
                    .rev()
                    .find(|c| c.person && c.who.is_some())
                    .copied()
                    .unwrap_or(nearest)
            } else {
                nearest
            };
            out.push(pick.clone());
            continue;
        }
        // "said X", "said the U.S. President"
        if INVERTIBLE.has(w) {
            let reach = ws.get(n + 4).map_or(range.end, |(i, _)| range.start + i);
            if let Some(c) = prefer_person(
                cands
                    .iter()
                    .filter(|c| c.span.start >= end && c.span.start <= reach && c.who.is_some()),
            ) {
                out.push(c.clone());
            }
        }
    }
    out
}

fn prefer_person<'c>(mut it: impl Iterator<Item = &'c Candidate> + Clone) -> Option<&'c Candidate> {
    it.clone().find(|c| c.person).or_else(|| it.next())
}

/// The end of the clause starting at `from`: the next comma, semicolon,
/// quotation mark or "via".
fn clause_after(text: &str, from: usize, limit: usize) -> usize {
    let slice = &text[from..limit];
    let mut end = slice
        .find([',', ';', '“', '”', '"', '('])
        .unwrap_or(slice.len());
    if let Some(v) = slice[..end].find(" via ") {
        end = v;
    }
    from + end
}

/// True when `text` ends with one of `phrases` as whole words, allowing an
/// article between the phrase and what follows ("as quoted by the").
fn ends_with_phrase(text: &str, phrases: &Phrases) -> bool {
    // Only the last words can end with a phrase: read those, backwards,
    // not the whole text (callers pass everything before a word).
    const REACH: usize = 8;
    let mut words = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    // Most words end no phrase and are no article: the words before them
    // are not read.
    if !may_end_phrase(first, phrases) {
        return false;
    }
    let article = is_article(first);
    let mut last = [""; REACH];
    last[0] = first;
    let mut n = 1;
    for w in words.take(REACH - 1) {
        last[n] = w;
        n += 1;
    }
    // `last[skip..]` read backwards ends with the phrase.
    let ends = |skip: usize| {
        phrases.list().iter().any(|p| {
            let mut k = skip;
            p.rsplit(' ').all(|pw| {
                let hit = k < n && same_word(last[k], pw);
                k += 1;
                hit
            })
        })
    };
    ends(0) || (article && ends(1))
}

fn is_article(word: &str) -> bool {
    ["the", "a", "an"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
}

/// Whether a text whose last word is `word` may end with one of
/// `phrases` ([`ends_with_phrase`]): `word` ends one, or is an article.
fn may_end_phrase(word: &str, phrases: &Phrases) -> bool {
    if is_article(word) {
        return true;
    }
    if word.is_ascii() && !phrases.may_end_with(word) {
        return false;
    }
    phrases.list().iter().any(|p| {
        if !word.is_ascii() {
            return p.rsplit(' ').next().is_some_and(|pw| same_word(word, pw));
        }
        // The phrase ends with the word, after a space or as a whole.
        let cut = p.len().wrapping_sub(word.len());
        p.get(cut..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(word))
            && (cut == 0 || p.as_bytes()[cut - 1] == b' ')
    })
}

/// `word` in any case is `lower`.
fn same_word(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// The passage after a quote to the end of its sentence (or of the next
/// one, when the quote ends its sentence: “…!” Trump tweeted.), stopping at
/// the next quote.
fn segment_after(a: &Analysis, q: &Quoted) -> Range<usize> {
    let text = a.text();
    let Some(s) = a.sentence_at(q.outer.end.saturating_sub(1)) else {
        return q.outer.end..q.outer.end;
    };
    let mut end = a.sentences[s].range.end.max(q.outer.end);
    let rest = &text[q.outer.end..end];
    if !rest.chars().any(char::is_alphanumeric)
        && let Some(next) = a.sentences.get(s + 1)
    {
        let opens_quote = text[next.range.clone()].starts_with(['“', '"', '‘', '\'', '«']);
        if next.paragraph == a.sentences[s].paragraph && !opens_quote {
            end = next.range.end;
        }
    }
    let next_quote = a
        .quotes
        .get(a.quotes.partition_point(|o| o.outer.start < q.outer.end))
        .map_or(end, |o| o.outer.start);
    q.outer.end..end.min(next_quote)
}

/// The passage before a quote back to the start of its sentence or the end
/// of the previous quote.
fn segment_before(a: &Analysis, q: &Quoted) -> Range<usize> {
    let floor = a
        .sentence_at(q.outer.start)
        .map_or(q.outer.start, |s| a.sentences[s].range.start);
    let prev_quote = a
        .quotes
        .partition_point(|o| o.outer.end <= q.outer.start)
        .checked_sub(1)
        .map_or(floor, |i| a.quotes[i].outer.end);
    floor.max(prev_quote).min(q.outer.start)..q.outer.start
}

#[cfg(test)]
mod reach {
    use super::*;

    #[test]
    fn phrases_fit_the_words_read_back() {
        for p in SPEAKER_BEFORE_NAME
            .list()
            .iter()
            .chain(NOT_SPEAKER_BEFORE_NAME.list())
        {
            assert!(p.split(' ').count() < 8, "{p}");
        }
        assert!(ends_with_phrase("said, according to", &SPEAKER_BEFORE_NAME));
        assert!(ends_with_phrase(
            "as quoted by the",
            &NOT_SPEAKER_BEFORE_NAME
        ));
        assert!(!ends_with_phrase(
            "quoted by nobody",
            &NOT_SPEAKER_BEFORE_NAME
        ));
        // Both ways: a phrase's end, an article after it, other words.
        let rows = [
            ("a statement by", true),
            ("A STATEMENT FROM the", true),
            ("in the words of an", true),
            ("a statement by them", false),
            ("statement, by", true),
            ("the", false),
            ("", false),
            ("“according to”", true),
            ("according to ", true),
            ("according tot", false),
            ("according o", false),
            ("la sécurité, a statement by", true),
            ("by the Kremlin’s", false),
        ];
        for (text, want) in rows {
            assert_eq!(
                ends_with_phrase(text, &SPEAKER_BEFORE_NAME),
                want,
                "{text:?}"
            );
        }
    }

    /// The mask of last words only rules out words that end no phrase.
    #[test]
    fn the_last_word_mask_loses_no_phrase() {
        let plain = |word: &str, phrases: &Phrases| {
            is_article(word)
                || phrases
                    .list()
                    .iter()
                    .any(|p| p.rsplit(' ').next().is_some_and(|pw| same_word(word, pw)))
        };
        for phrases in [&SPEAKER_BEFORE_NAME, &NOT_SPEAKER_BEFORE_NAME] {
            let mut words = vec![
                "", "x", "tO", "BY", "bye", "vIa", "teLLs", "\u{212a}", "of", "fro",
            ];
            for p in phrases.list() {
                words.extend(p.split(' '));
            }
            let mut all: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            all.extend(words.iter().map(|w| w.to_uppercase()));
            all.extend(words.iter().map(|w| format!("{w}s")));
            for w in &all {
                assert_eq!(may_end_phrase(w, phrases), plain(w, phrases), "{w:?}");
            }
        }
    }
}
