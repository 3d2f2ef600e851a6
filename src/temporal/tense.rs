//! The tense that governs a date in a sentence: it decides whether "on
//! Thursday" or "July 16" is the last one or the next one.
//!
//! The reader looks at the words before the date, nearest first, then the
//! words after it, and stops at the first sign of tense: a future marker
//! ("will", "is expected to"), a past form ("met", "announced"), or a
//! present form, which leaves the tense open.

use crate::text::sentences::clause_breaks;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

impl Tense {
    pub fn label(self) -> &'static str {
        match self {
            Tense::Past => "past tense",
            Tense::Future => "future tense",
            Tense::Unknown => "tense unclear",
        }
    }
}

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "ll",
    "won",
    "would",
    "upcoming",
    "forthcoming",
];
/// Words that mean the future when followed by "to" ("is expected to").
const FUTURE_BEFORE_TO: &[&str] = &[
    "expected",
    "going",
    "set",
    "due",
    "scheduled",
    "slated",
    "plans",
    "plan",
    "is",
    "are",
    "poised",
];
const PRESENT: &[&str] = &["is", "are", "am"];
const IRREGULAR_PAST: &[&str] = &[
    "was", "were", "had", "did", "met", "said", "told", "made", "took", "held", "went", "came",
    "saw", "gave", "got", "left", "spoke", "began", "knew", "thought", "found", "sent", "brought",
    "wrote", "struck", "shot", "won", "lost", "fell", "ran", "rose", "chose", "flew", "led",
    "paid", "sat", "stood", "became", "broke", "kept", "meant", "felt", "heard", "sought",
    "fought", "caught", "bought", "sold", "grew", "drew", "threw", "shook", "hung", "laid", "ago",
    "been", "agreed",
];
const NOT_PAST: &[&str] = &[
    "need", "speed", "seed", "feed", "indeed", "bed", "red", "shed", "bleed", "breed", "proceed",
    "exceed", "succeed", "embed", "hundred", "sacred", "naked", "wicked", "kindred", "reed",
    "greed", "deed", "weed", "steed", "creed", "heed",
];

/// Words of `sentence` with their byte offsets.
pub fn words(sentence: &str) -> Vec<(usize, &str)> {
    // About one word in every six bytes of prose: sized once, not grown.
    let mut out = Vec::with_capacity(sentence.len() / 6 + 1);
    let bytes = sentence.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is read byte by byte; other characters are decoded.
        let (alphanumeric, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => {
                let c = sentence[i..].chars().next().expect("a char boundary");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        if alphanumeric {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &sentence[s..i]));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, &sentence[s..]));
    }
    out
}

/// `word` in lowercase, borrowed when it already is (most words are).
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// `lower` is `word` in lowercase.
fn is_past(word: &str, lower: &str) -> bool {
    if IRREGULAR_PAST.contains(&lower) {
        return true;
    }
    word.chars().next().is_some_and(char::is_lowercase)
        && lower.len() > 3
        && lower.ends_with("ed")
        && !NOT_PAST.contains(&lower)
}

/// Auxiliaries before a participle: "will be held" is decided by "will",
/// "was held" by "was", "is held" leaves the tense open.
const PASSIVE: &[&str] = &["be", "being", "been"];

/// Classifies one word; `prev` and `next` are its neighbours in the sentence.
fn sign(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<Tense> {
    let lower = lowercase(word);
    let lower = lower.as_ref();
    if next.is_some_and(|n| n.eq_ignore_ascii_case("to")) && FUTURE_BEFORE_TO.contains(&lower) {
        return Some(Tense::Future);
    }
    let past = is_past(word, lower);
    if past {
        let prev = prev.map(lowercase);
        match prev.as_deref() {
            Some(p) if PASSIVE.contains(&p) => return None,
            Some(p) if PRESENT.contains(&p) => return Some(Tense::Unknown),
            _ => {}
        }
    }
    if FUTURE.contains(&lower) {
        return Some(Tense::Future);
    }
    if past {
        return Some(Tense::Past);
    }
    if PRESENT.contains(&lower) {
        return Some(Tense::Unknown);
    }
    None
}

/// The tense governing the expression that starts at byte `at` of `sentence`
/// and ends at `end`: read first within its own clause, then in the whole
/// sentence.
pub fn tense_at(sentence: &str, at: usize, end: usize) -> Tense {
    Reader::new(sentence).tense_at(at, end)
}

/// A sentence split into words and clauses once, for reading the tense of
/// each of its dates.
pub struct Reader<'s> {
    sentence: &'s str,
    words: Vec<(usize, &'s str)>,
    /// Clause starts, as offsets from `base`.
    breaks: Cow<'s, [usize]>,
    /// Where the sentence starts in the text `breaks` count in.
    base: usize,
}

impl<'s> Reader<'s> {
    pub fn new(sentence: &'s str) -> Self {
        Reader {
            sentence,
            words: words(sentence),
            breaks: Cow::Owned(clause_breaks(sentence, 0)),
            base: 0,
        }
    }

    /// A reader given the sentence's clause starts, already found as
    /// offsets in a text where the sentence starts at `base`.
    pub fn with_breaks(sentence: &'s str, breaks: &'s [usize], base: usize) -> Self {
        Reader {
            sentence,
            words: words(sentence),
            breaks: Cow::Borrowed(breaks),
            base,
        }
    }

    /// The sentence's words with their byte offsets.
    pub fn words(&self) -> &[(usize, &'s str)] {
        &self.words
    }

    /// [`tense_at`] for a date at `at..end` of the sentence.
    pub fn tense_at(&self, at: usize, end: usize) -> Tense {
        let (words, sentence) = (&self.words, self.sentence);
        let breaks = self.breaks.iter().map(|b| b - self.base);
        let from = breaks.clone().rev().find(|&b| b <= at).unwrap_or(0);
        let to = breaks.clone().find(|&b| b > at).unwrap_or(sentence.len());
        let clause = |i: &usize| (from..to).contains(&words[*i].0);
        // After a semicolon or a dash the clause stands alone, like a sentence.
        let alone = sentence[..from].trim_end().ends_with([';', '—', '–', '-']);
        read(words, at, end, clause)
            .or_else(|| (!alone).then(|| read(words, at, end, |_| true)).flatten())
            .unwrap_or(Tense::Unknown)
    }
}

/// The first sign of tense among the words before `at` (nearest first),
/// then the words after `end`, among those `keep` allows.
fn read(
    words: &[(usize, &str)],
    at: usize,
    end: usize,
    keep: impl Fn(&usize) -> bool,
) -> Option<Tense> {
    let sign_at = |i: usize| {
        let prev = i.checked_sub(1).map(|p| words[p].1);
        sign(words[i].1, prev, words.get(i + 1).map(|w| w.1))
    };
    // Words are in order: those before `at` are a prefix, read backwards.
    let before = words.partition_point(|w| w.0 < at);
    (0..before)
        .rev()
        .filter(&keep)
        .take(14)
        .find_map(sign_at)
        .or_else(|| {
            (0..words.len())
                .filter(|&i| words[i].0 >= end)
                .filter(&keep)
                .take(6)
                .find_map(sign_at)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let rows: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            (
                "G20 summit, 2018.",
                &[(0, "G20"), (4, "summit"), (12, "2018")],
            ),
            ("Putin’s talks", &[(0, "Putin"), (8, "s"), (10, "talks")]),
            ("Vladímir—Moskva", &[(0, "Vladímir"), (12, "Moskva")]),
            ("“twenty-one”", &[(3, "twenty"), (10, "one")]),
            ("日本 and Ω2", &[(0, "日本"), (7, "and"), (11, "Ω2")]),
        ];
        for (sentence, want) in rows {
            assert_eq!(words(sentence), *want, "{sentence}");
        }
    }

    #[test]
    fn reads_tense_around_a_date() {
        let cases = [
            (
                "Moscow and Washington will announce the time and place of the summit on Thursday.",
                "on Thursday",
                Tense::Future,
            ),
            (
                "Putin told Bolton at the opening of their meeting Wednesday.",
                "Wednesday",
                Tense::Past,
            ),
            (
                "Bolton, who earlier on Wednesday complimented Mr Putin",
                "earlier on Wednesday",
                Tense::Past,
            ),
            (
                "Putin and Trump will sit down together in Finland's capital, Helsinki, on July 16, amid",
                "on July 16",
                Tense::Future,
            ),
            (
                "The summit is expected to take place after Trump attends a Nato summit and visits Britain next month.",
                "next month",
                Tense::Future,
            ),
            (
                "after a US fighter knocked down a Russian-made Syrian aircraft in mid-July.",
                "mid-July",
                Tense::Past,
            ),
            ("The meeting is on Thursday.", "on Thursday", Tense::Unknown),
            (
                "The meeting will be held on July 16 in Helsinki",
                "on July 16",
                Tense::Future,
            ),
            (
                "The meeting was held on July 16 in Helsinki",
                "on July 16",
                Tense::Past,
            ),
            ("Talks on Thursday", "on Thursday", Tense::Unknown),
            (
                "the United States on Thursday",
                "on Thursday",
                Tense::Unknown,
            ),
            ("the need on Thursday", "on Thursday", Tense::Unknown),
            // The date's own clause speaks first.
            (
                "Putin met Bolton last Wednesday, and on July 16 he will meet Trump",
                "on July 16",
                Tense::Future,
            ),
            (
                "Bolton met Putin on Wednesday; the talks follow on July 16.",
                "on July 16",
                Tense::Unknown,
            ),
            (
                "The summit is held on July 16.",
                "on July 16",
                Tense::Unknown,
            ),
            (
                "The summit is expected to be held on July 16.",
                "on July 16",
                Tense::Future,
            ),
        ];
        for (sentence, date, want) in cases {
            let at = sentence.find(date).unwrap();
            assert_eq!(tense_at(sentence, at, at + date.len()), want, "{sentence}");
        }
    }
}
