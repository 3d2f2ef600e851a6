//! `attribution`: a known quote, whole or a fragment of five words or more,
//! put in the mouth of a known speaker other than the claimed one. A known
//! quote with no speaker found is a note, not a conflict.

use super::speaker::{Found, How, speakers};
use super::{Conflict, Output, Rule};
use crate::analysis::Analysis;
use crate::lexicon::Words;
use crate::text::matcher::{FRAGMENT_WORDS, Target};
use std::ops::Range;

pub struct AttributionRule;

/// A run of matched quote words in the article.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub quote: usize,
    pub span: Range<usize>,
    pub words: usize,
    /// Its words are the whole quote's, in order: its windows run from
    /// the quote's first word to its last, each one word on from the one
    /// before, in the quote and in the text.
    pub exact: bool,
}

/// The fragments of known quotes in the article, merged from the
/// overlapping word windows the matcher found.
pub fn fragments(a: &Analysis) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    // Sized once: no more windows than mentions (a huge article's grow
    // past the first thousand).
    let mut windows: Vec<(usize, usize, Range<usize>, Range<usize>)> =
        Vec::with_capacity(a.mentions.len().min(1024));
    windows.extend(a.mentions.iter().filter_map(|m| match m.target {
        Target::Quote { quote, word } => Some((quote, word, m.norm.clone(), m.span.clone())),
        _ => None,
    }));
    windows.sort_by_key(|(q, _, n, _)| (*q, n.start));
    // An exact fragment's last window is its quote's last.
    let close = |f: &mut Fragment, last_word: usize| {
        let len = a_len(a, f.quote);
        f.exact &= last_word + FRAGMENT_WORDS.min(len) == len;
    };
    // The last window's word in its quote and start in the normalised text.
    let mut last = (0, 0);
    let mut last_norm_end = 0;
    for (quote, word, norm, span) in windows {
        let words = &a.quote_words[quote];
        let size = FRAGMENT_WORDS.min(words.len());
        match out.last_mut() {
            Some(f) if f.quote == quote && norm.start < last_norm_end => {
                f.span.end = f.span.end.max(span.end);
                f.words += 1;
                // Words are single-spaced in the normalised text.
                f.exact &= word == last.0 + 1 && norm.start == last.1 + words[last.0].len() + 1;
            }
            _ => {
                if let Some(f) = out.last_mut() {
                    close(f, last.0);
                }
                out.push(Fragment {
                    quote,
                    span,
                    words: size,
                    exact: word == 0,
                })
            }
        }
        last = (word, norm.start);
        last_norm_end = norm.end;
    }
    if let Some(f) = out.last_mut() {
        close(f, last.0);
    }
    out.sort_by_key(|f| (f.span.start, f.quote));
    out
}

/// The known quote's length in words.
fn a_len(a: &Analysis, quote: usize) -> usize {
    a.quote_words[quote].len()
}

/// A known quote as it stands in the article: the fragment, and the quoted
/// passage holding most of it (a quote may begin outside its marks: Russia
/// “continues to say …”). One per quote and passage.
pub struct Passage {
    pub fragment: Fragment,
    /// Index into `Analysis::quotes`.
    pub region: Option<usize>,
}

pub fn passages(a: &Analysis) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for f in fragments(a) {
        // Quotes are in text order and never overlap: only those from the
        // first ending after the fragment's start can overlap it.
        let first = a.quotes.partition_point(|q| q.inner.end <= f.span.start);
        let region = a.quotes[first..]
            .iter()
            .take_while(|q| q.inner.start < f.span.end)
            .enumerate()
            .map(|(i, q)| (first + i, q))
            .map(|(i, q)| {
                (
                    i,
                    q.inner
                        .end
                        .min(f.span.end)
                        .saturating_sub(q.inner.start.max(f.span.start)),
                )
            })
            .filter(|&(_, overlap)| overlap > 0)
            .max_by_key(|&(i, overlap)| (overlap, std::cmp::Reverse(i)))
            .map(|(i, _)| i);
        if !carries(a, &f, region.map(|r| &a.quotes[r])) {
            continue;
        }
        let key = (
            f.quote,
            region.map_or(f.span.start, |r| a.quotes[r].outer.start),
        );
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(Passage {
            fragment: f,
            region,
        });
    }
    out
}

impl Rule for AttributionRule {
    fn id(&self) -> &'static str {
        "attribution"
    }

    fn summary(&self) -> &'static str {
        "a known quote attributed to a different known speaker"
    }

    fn explain(&self) -> &'static str {
        r#"A known quote (whole, or a fragment of five or more words) attributed to a
different known speaker. Speakers are read from speech verbs in both orders
("X said", "said X", "according to X"), titles held at the time ("Kremlin
aide"), pronouns, and the previous paragraph for quote paragraphs. Outlets,
addressees and names inside the quote are not speakers. No speaker found is
a note, not a conflict.

Example: a line of Yuri Ushakov's given to Dmitry Peskov."#
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        // One speaker table per date roles are read at; most quotes share
        // the publication date, so this is usually computed once.
        let mut tables: Vec<(Option<chrono::NaiveDate>, Vec<Option<Found>>)> = Vec::new();
        for Passage {
            fragment: f,
            region,
        } in a.passages()
        {
            let region = *region;
            let quote = &a.claims.quotes[f.quote];
            let found = region.and_then(|r| {
                let date = quote.said.or(a.published());
                let at = match tables.iter().position(|(d, _)| *d == date) {
                    Some(i) => i,
                    None => {
                        tables.push((date, speakers(a, date)));
                        tables.len() - 1
                    }
                };
                tables[at].1[r].clone()
            });
            // Only a note or a conflict shows it.
            let excerpt = || excerpt(&a.text()[f.span.clone()]);
            let Some(Found { speaker, span, how }) = found else {
                out.note(
                    a,
                    f.span.start,
                    format!(
                        "quote `{}` (“{}”) found, but no speaker is named near it",
                        quote.id,
                        excerpt()
                    ),
                );
                continue;
            };
            if quote.speakers.contains(&speaker) {
                continue;
            }
            let claims = a.claims;
            let expected = quote
                .speakers
                .iter()
                .map(|&s| claims.speaker_name(s))
                .collect::<Vec<_>>()
                .join(" or ");
            let written = &a.text()[span.clone()];
            let reading = match how {
                How::Named => format!("names {}", claims.speaker_name(speaker)),
                How::Pronoun => format!(
                    "“{written}” refers back to {}",
                    claims.speaker_name(speaker)
                ),
                How::Inherited => format!("continues a quote of {}", claims.speaker_name(speaker)),
            };
            let sentence = a.sentence_range(&span);
            out.conflict(
                a,
                sentence,
                Conflict {
                    rule: "attribution",
                    claim: Some(quote.id.clone()),
                    span,
                    message: format!(
                        "attributes “{}” ({}) to {} ({reading}); {} says {expected}",
                        excerpt(),
                        quote.id,
                        claims.speaker_name(speaker),
                        claims.file_name()
                    ),
                    expected,
                    sources: quote.sources.clone(),
                    claim_at: Some((quote.origin.line, quote.origin.column)),
                },
            );
        }
    }
}

/// Words too common to make a fragment a quote on their own ("it will be the main").
const STOPWORDS: Words = Words::new(&[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "it", "its", "is", "was", "be", "been", "will", "would", "that", "this", "there", "we",
    "i", "you", "he", "she", "they", "our", "us", "s", "t", "have", "has", "had", "not", "do",
    "as", "are", "were", "main", "very", "can",
]);

/// Fragments this long always count as the quote.
const CONVINCING_WORDS: usize = 8;

/// A short fragment counts only when it is most of the quoted passage it
/// stands in or most of the known quote; five common words ("the United
/// States and Russia") inside a longer, different passage are chance.
fn carries(a: &Analysis, f: &Fragment, passage: Option<&crate::text::quotes::Quoted>) -> bool {
    // The whole quote always counts; a part needs two words that are not
    // stopwords, so only a part is normalised to count them.
    let whole = f.words >= a_len(a, f.quote);
    if !whole
        && crate::text::normalize::normalize_phrase(&a.text()[f.span.clone()])
            .split(' ')
            .filter(|w| !STOPWORDS.has(w))
            .nth(1)
            .is_none()
    {
        return false;
    }
    if f.words >= CONVINCING_WORDS || 2 * f.words >= a_len(a, f.quote) {
        return true;
    }
    passage.is_some_and(|p| {
        let passage_words = crate::text::normalize::normalize_phrase(&a.text()[p.inner.clone()])
            .split(' ')
            .count();
        2 * f.words >= passage_words
    })
}

/// The first words of a quote, for messages.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}
