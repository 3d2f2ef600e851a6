//! `venue`: a sentence places an event at a venue of the same kind that is
//! neither the claimed venue, nor one containing it, nor one within it.
//!
//! A venue counts only where the sentence places something there: after a
//! placing preposition ("at the G20 summit", "in the German city of
//! Hamburg"), as "the X summit", or in apposition to a placed venue
//! ("in Helsinki, Finland"). A venue named as a speaker ("the Kremlin said")
//! places nothing.

use super::{Conflict, Output, Rule};
use crate::analysis::Analysis;
use crate::claims::{Idx, VenueKind};
use crate::lexicon;
use crate::temporal::tense::letter_before;
use crate::text::matcher::{Mention, Target};

pub struct VenueRule;

/// How many modifier words may stand between a preposition and a venue.
const MODIFIER_REACH: usize = 5;

impl Rule for VenueRule {
    fn id(&self) -> &'static str {
        "venue"
    }

    fn summary(&self) -> &'static str {
        "an event placed at a venue of the same kind that is neither the claimed one nor contains it nor lies within it"
    }

    fn explain(&self) -> &'static str {
        r#"A sentence that mentions an event places it at a venue of the same kind
(forum or place) that is neither the claimed venue, nor one that contains it
(Germany for Hamburg), nor one within it.

Example: "during the G7 summit in Hamburg" when claims.yaml puts the meeting
at the G20 summit."#
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        let text = a.text();
        // Reused from sentence to sentence.
        let mut placed: Vec<&Mention> = Vec::new();
        let mut sweep = a.sweep();
        for s in a.event_sentences() {
            let range = a.sentences[s].range.clone();
            let venues = sweep
                .within(range.clone())
                .filter(|m| matches!(m.target, Target::Venue(_)));
            placed.clear();
            for m in venues {
                let before = &text[range.start..m.span.start];
                let after = &text[m.span.end..range.end];
                // "in Helsinki, Finland": a venue right after a placed one
                // continues the place when it contains it or lies within it.
                // Asked only of venues the words before do not place:
                // each reads the claims, a cache miss on dense copy.
                let in_apposition = || {
                    placed.last().is_some_and(|p| {
                        let gap = text[p.span.end..m.span.start].trim();
                        let related = match (p.target, m.target) {
                            (Target::Venue(x), Target::Venue(y)) => {
                                a.claims.venue_within(x, y) || a.claims.venue_within(y, x)
                            }
                            _ => false,
                        };
                        (gap == "," || gap.is_empty()) && related
                    })
                };
                let forum = || matches!(m.target, Target::Venue(v) if a.claims.places().kind(v) == VenueKind::Forum);
                if is_placed(before)
                    || (forum() && names_summit(&text[m.span.clone()], after))
                    || in_apposition()
                {
                    placed.push(m);
                }
            }
            for m in placed.drain(..) {
                let Target::Venue(found) = m.target else {
                    continue;
                };
                let Some(mention) = a.nearest_event(s, &m.span, |_| true) else {
                    continue;
                };
                if let Some(expected) = mismatch(a, mention.event, found) {
                    let event = &a.claims.events[mention.event];
                    out.conflict(
                        a,
                        range.clone(),
                        Conflict {
                            rule: "venue",
                            claim: Some(event.id.clone()),
                            span: m.span.clone(),
                            message: format!(
                                "places {} at {}; {} says {}",
                                event.id,
                                a.claims.venues[found].name,
                                a.claims.file_name(),
                                a.claims.venue_names(event)
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
}

/// The claimed venues of `found`'s kind, named, when `found` is none of
/// them, contains none and lies within none; `None` when it fits or when no
/// venue of its kind is claimed.
fn mismatch(a: &Analysis, event: Idx, found: Idx) -> Option<String> {
    let places = a.claims.places();
    let kind = places.kind(found);
    let same_kind = || places.of_event(event).filter(|&c| places.kind(c) == kind);
    // None of its kind is claimed: nothing to contradict.
    same_kind().next()?;
    let fits = same_kind().any(|c| places.within(c, found) || places.within(found, c));
    (!fits).then(|| {
        same_kind()
            .map(|c| a.claims.venues[c].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The most words a placing phrase has ("on the sidelines of").
const PLACING_WORDS: usize = 4;

/// The words [`is_placed`] reads: the modifiers and the phrase before them.
const KEEP: usize = MODIFIER_REACH + PLACING_WORDS;

/// True when the words before a venue end in a placing preposition,
/// allowing a few modifiers between ("in the German city of").
fn is_placed(before: &str) -> bool {
    let mut words = LastWords::new(before);
    for skip in 0..=MODIFIER_REACH {
        // The last `skip` words are modifiers: those after the first
        // were checked at the skips before.
        if skip > 0 && !words.get(skip - 1).is_some_and(is_modifier) {
            return false;
        }
        let mut ends_with = |phrase: &str| {
            (skip..)
                .zip(phrase.rsplit(' '))
                .all(|(i, want)| words.get(i).is_some_and(|w| w.eq_ignore_ascii_case(want)))
        };
        if lexicon::PLACING.iter().any(|p| ends_with(p)) {
            return true;
        }
    }
    false
}

/// Marks that end a clause: a placing phrase does not reach across a
/// comma, a dash, a bracket or a quotation mark.
const CLAUSE_MARKS: [char; 10] = [',', ';', ':', '—', '–', '(', ')', '“', '”', '"'];

/// The words a placing phrase and its modifiers can take: at most the last
/// [`KEEP`] of the last clause of `before`, read back from its end as they
/// are asked for. Most venues are placed, or not, by the word or two
/// before them.
struct LastWords<'a> {
    before: &'a str,
    /// Where the words not yet read end.
    end: usize,
    /// The words read, the last first.
    found: [&'a str; KEEP],
    n: usize,
    /// A clause mark or the start of `before` was reached.
    done: bool,
}

impl<'a> LastWords<'a> {
    fn new(before: &'a str) -> Self {
        LastWords {
            before,
            end: before.len(),
            found: [""; KEEP],
            n: 0,
            done: false,
        }
    }

    /// The `i`-th word from the end (0 for the last).
    fn get(&mut self, i: usize) -> Option<&'a str> {
        while self.n <= i && self.n < KEEP && !self.done {
            match self.next_word() {
                Some(word) => {
                    self.found[self.n] = word;
                    self.n += 1;
                }
                None => self.done = true,
            }
        }
        self.found[..self.n].get(i).copied()
    }

    fn next_word(&mut self) -> Option<&'a str> {
        let before = self.before;
        while self.end > 0 {
            let (alphanumeric, start) = letter_before(before, self.end);
            if alphanumeric {
                break;
            }
            if before[start..self.end].starts_with(CLAUSE_MARKS) {
                return None;
            }
            self.end = start;
        }
        let word_end = self.end;
        while self.end > 0 {
            let (alphanumeric, start) = letter_before(before, self.end);
            if !alphanumeric {
                break;
            }
            self.end = start;
        }
        (self.end < word_end).then(|| &before[self.end..word_end])
    }
}

/// The last clause of `before`.
#[cfg(test)]
fn clause_end(before: &str) -> &str {
    before.rsplit(CLAUSE_MARKS).next().unwrap_or(before)
}

/// A word that may stand between a placing phrase and a venue: a
/// modifier ("the annual"), a number, a name ("the German city of").
fn is_modifier(w: &str) -> bool {
    lexicon::VENUE_MODIFIERS.has(w)
        || w.chars().all(|c| c.is_ascii_digit())
        || w.chars().next().is_some_and(char::is_uppercase)
}

/// "the G7 summit": a forum named as a summit places the event there.
fn names_summit(written: &str, after: &str) -> bool {
    let next = after.trim_start();
    written.to_lowercase().contains("summit")
        || (next.len() < after.len()
            && next
                .get(..6)
                .is_some_and(|w| w.eq_ignore_ascii_case("summit")))
}

#[cfg(test)]
mod tests {
    use super::is_placed;

    /// Every word of the clause read, as the ring of the last ones reads
    /// them: a reference that keeps them all.
    fn placed_by_all_words(before: &str) -> bool {
        let words: Vec<&str> = crate::temporal::tense::words(super::clause_end(before))
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        for skip in 0..=super::MODIFIER_REACH.min(words.len()) {
            let (head, tail) = words.split_at(words.len() - skip);
            let modifiers_ok = tail.iter().copied().all(super::is_modifier);
            if !modifiers_ok {
                return false;
            }
            let ends_with = |phrase: &str| {
                let n = phrase.split(' ').count();
                head.len() >= n
                    && head[head.len() - n..]
                        .iter()
                        .zip(phrase.split(' '))
                        .all(|(a, b)| a.eq_ignore_ascii_case(b))
            };
            if crate::lexicon::PLACING.iter().any(|p| ends_with(p)) {
                return true;
            }
        }
        false
    }

    #[test]
    fn the_last_words_place_as_all_words_do() {
        let pieces = [
            "met ",
            "at ",
            "the ",
            "on ",
            "sidelines ",
            "of ",
            "City ",
            "annual ",
            "in ",
            "2018 ",
            "Hamburg ",
            "visit ",
            ", ",
            "hosted ",
            "by ",
            "its ",
            "é ",
            "— ",
            "(",
            "“",
            "ü",
        ];
        let texts = crate::text::sample_texts(&pieces, 90, 60);
        let mut placed = 0;
        for text in &texts {
            let want = placed_by_all_words(text);
            assert_eq!(is_placed(text), want, "{text:?}");
            placed += usize::from(want);
        }
        assert!(placed > 100 && placed < texts.len() - 100, "{placed}");
    }

    #[test]
    fn placing_phrases_fit_the_words_kept() {
        for p in crate::lexicon::PLACING {
            assert!(p.split(' ').count() <= super::PLACING_WORDS, "{p}");
        }
    }

    #[test]
    fn reads_placing_prepositions() {
        let placed = [
            "met at the ",
            "during the ",
            "at the G20 summit in the German city of ",
            "at the 2017 G-20 ",
            "will be held on July 16 in ",
            "at the annual NATO summit in ",
            "on the sidelines of the ",
        ];
        assert!(!is_placed("in the German city of Hamburg, the "));
        for before in placed {
            assert!(is_placed(before), "{before:?}");
        }
        let not_placed = [
            "",
            "the ",
            "a statement from the ",
            "made a call to the ",
            "visits ",
            "Your visit to ",
            "interested in talking about the ",
        ];
        for before in not_placed {
            assert!(!is_placed(before), "{before:?}");
        }
    }
}
