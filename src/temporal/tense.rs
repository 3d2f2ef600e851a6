//! The tense that governs a date in a sentence: it decides whether "on
//! Thursday" or "July 16" is the last one or the next one.
//!
//! The reader looks at the words before the date, nearest first, then the
//! words after it, and stops at the first sign of tense: a future marker
//! ("will", "is expected to"), a past form ("met", "announced"), or a
//! present form, which leaves the tense open.

use crate::text::normalize::ascii_run_end;
use crate::text::sentences::clause_breaks;
use std::borrow::Cow;
use std::sync::OnceLock;

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
    out.extend(each_word(sentence));
    out
}

/// [`words`] one at a time, for readers that keep none or only the last.
pub fn each_word(sentence: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = sentence.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (alphanumeric, len) = letter_at(sentence, i);
            if !alphanumeric {
                i += len;
                continue;
            }
            let start = i;
            loop {
                // Runs of ASCII letters and digits, most of a word, are
                // skipped eight bytes at a time; other characters are decoded.
                i = ascii_run_end(bytes, i);
                match letter_at(sentence, i) {
                    (true, len) if i < bytes.len() => i += len,
                    _ => break,
                }
            }
            return Some((start, &sentence[start..i]));
        }
        None
    })
}

/// The last two of [`words`] that start before `at`, the last first, read
/// backwards from `at` rather than over the whole sentence (`at` is on a
/// character boundary). A word that starts before `at` runs on past it.
pub fn two_words_before(sentence: &str, at: usize) -> [Option<&str>; 2] {
    let mut end = at;
    if at > 0 && letter_before(sentence, at).0 {
        while end < sentence.len() {
            let (alphanumeric, len) = letter_at(sentence, end);
            if !alphanumeric {
                break;
            }
            end += len;
        }
    }
    let mut words = words_back(&sentence[..end]);
    [words.next(), words.next()]
}

/// The words of `text` (as [`words`] reads them), from the last back:
/// what `text.rsplit(|c: char| !c.is_alphanumeric())` gives but for the
/// empty pieces, with ASCII bytes read as bytes.
pub fn words_back(text: &str) -> impl Iterator<Item = &str> {
    let mut end = text.len();
    std::iter::from_fn(move || {
        while end > 0 {
            let (alphanumeric, start) = letter_before(text, end);
            if alphanumeric {
                break;
            }
            end = start;
        }
        let word_end = end;
        while end > 0 {
            let (alphanumeric, start) = letter_before(text, end);
            if !alphanumeric {
                break;
            }
            end = start;
        }
        (end < word_end).then(|| &text[end..word_end])
    })
}

/// Whether the character before byte `end` (above 0) is a letter or
/// digit, and where it starts.
#[inline(always)]
pub(crate) fn letter_before(text: &str, end: usize) -> (bool, usize) {
    let byte = text.as_bytes()[end - 1];
    match ASCII_ALPHANUMERIC.get(byte as usize) {
        Some(&alphanumeric) => (alphanumeric, end - 1),
        None => other_letter_before(text, end),
    }
}

/// `u8::is_ascii_alphanumeric` of each ASCII byte, as a table: one load
/// where the test was a chain of compares on each byte read back.
const ASCII_ALPHANUMERIC: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

#[inline(never)]
fn other_letter_before(text: &str, end: usize) -> (bool, usize) {
    let c = text[..end].chars().next_back().expect("a char boundary");
    (c.is_alphanumeric(), end - c.len_utf8())
}

/// Whether the character at byte `i` is a letter or digit, and its length
/// (one past the end).
fn letter_at(sentence: &str, i: usize) -> (bool, usize) {
    match sentence.as_bytes().get(i) {
        None => (false, 1),
        Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        Some(_) => {
            let c = sentence[i..].chars().next().expect("a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
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

/// Each word list with its bit.
const LISTS: [(&[&str], u8); 6] = [
    (FUTURE, IN_FUTURE),
    (FUTURE_BEFORE_TO, IN_FUTURE_BEFORE_TO),
    (PRESENT, IN_PRESENT),
    (IRREGULAR_PAST, IN_IRREGULAR_PAST),
    (NOT_PAST, IN_NOT_PAST),
    (PASSIVE, IN_PASSIVE),
];

const IN_FUTURE: u8 = 1;
const IN_FUTURE_BEFORE_TO: u8 = 2;
const IN_PRESENT: u8 = 4;
const IN_IRREGULAR_PAST: u8 = 8;
const IN_NOT_PAST: u8 = 16;
const IN_PASSIVE: u8 = 32;

/// The word lists `word` is in, whatever its case, as `IN_` bits. Words of
/// up to eight ASCII bytes (most words, and most of the lists) are looked
/// up as integers in one sorted table; the others are lowercased and
/// compared with each list's longer words.
fn lists(word: &str) -> u8 {
    type Table = (Vec<(u64, u8)>, Vec<(&'static str, u8)>);
    static TABLE: OnceLock<Table> = OnceLock::new();
    let (short, long) = TABLE.get_or_init(|| {
        let mut short: Vec<(u64, u8)> = Vec::new();
        let mut long = Vec::new();
        for (list, bit) in LISTS {
            for w in list {
                match key(w) {
                    Some(k) => short.push((k, bit)),
                    None => long.push((*w, bit)),
                }
            }
        }
        short.sort_unstable();
        short.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 |= later.1;
            }
            same
        });
        (short, long)
    });
    match key(word) {
        Some(k) => short
            .binary_search_by_key(&k, |e| e.0)
            .map_or(0, |i| short[i].1),
        None => {
            let lower = lowercase(word);
            long.iter()
                .filter(|(w, _)| *w == lower.as_ref())
                .fold(0, |of, (_, bit)| of | bit)
        }
    }
}

/// A word of one to eight ASCII bytes, lowercased, as an integer (padded
/// with zeros, so a word with a zero byte has none).
fn key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 8 || !word.is_ascii() || bytes.contains(&0) {
        return None;
    }
    let mut eight = [0u8; 8];
    eight[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(eight.map(|b| b.to_ascii_lowercase())))
}

/// A regular past form ("announced"), or one of the irregular ones.
fn is_past(word: &str, lists: u8) -> bool {
    if lists & IN_IRREGULAR_PAST != 0 {
        return true;
    }
    if !word.chars().next().is_some_and(char::is_lowercase) || lists & IN_NOT_PAST != 0 {
        return false;
    }
    if word.is_ascii() {
        word.len() > 3 && crate::lexicon::ends_with_ignore_case(word, "ed")
    } else {
        let lower = word.to_lowercase();
        lower.len() > 3 && lower.ends_with("ed")
    }
}

/// Auxiliaries before a participle: "will be held" is decided by "will",
/// "was held" by "was", "is held" leaves the tense open.
const PASSIVE: &[&str] = &["be", "being", "been"];

/// Classifies one word; `prev` and `next` are its neighbours in the sentence.
fn sign(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<Tense> {
    let of = lists(word);
    if of & IN_FUTURE_BEFORE_TO != 0 && next.is_some_and(|n| n.eq_ignore_ascii_case("to")) {
        return Some(Tense::Future);
    }
    let past = is_past(word, of);
    if past && let Some(prev) = prev {
        let before = lists(prev);
        if before & IN_PASSIVE != 0 {
            return None;
        }
        if before & IN_PRESENT != 0 {
            return Some(Tense::Unknown);
        }
    }
    if of & IN_FUTURE != 0 {
        return Some(Tense::Future);
    }
    if past {
        return Some(Tense::Past);
    }
    if of & IN_PRESENT != 0 {
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

    /// One lookup in the merged table says what each list says, in any
    /// case.
    #[test]
    fn the_table_holds_each_list() {
        let all = LISTS;
        let others = [
            "",
            "summit",
            "wills",
            "wil",
            "zzz",
            "a",
            "met\0",
            "forthcomin",
            "Ŵill",
        ];
        let words = all.iter().flat_map(|(l, _)| l.iter()).chain(&others);
        for word in words {
            for case in [word.to_string(), word.to_uppercase()] {
                let lower = case.to_lowercase();
                for (list, bit) in all {
                    let want = list.contains(&lower.as_str());
                    assert_eq!(lists(&case) & bit != 0, want, "{case}");
                }
            }
        }
        // Past forms both ways.
        let rows = [
            ("announced", true),
            ("ANNOUNCED", false),
            ("Announced", false),
            ("red", false),
            ("need", false),
            ("met", true),
            ("Met", true),
            ("bed", false),
            ("fed", false),
            ("réfuted", true),
            ("summit", false),
        ];
        for (word, want) in rows {
            assert_eq!(is_past(word, lists(word)), want, "{word}");
        }
    }

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

    /// Words found eight bytes at a time are those read character by
    /// character, wherever runs start and end.
    #[test]
    fn words_are_read_as_one_character_at_a_time() {
        fn by_chars(text: &str) -> Vec<(usize, &str)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, &text[s..i]));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        }
        let pieces = ["a", "Z", "9", " ", ".", "é", "—", "日", "summit ", "’"];
        for text in crate::text::sample_texts(&pieces, 40, 20) {
            assert_eq!(words(&text), by_chars(&text), "{text:?}");
        }
    }

    /// Reading back from a point finds the last two words that start
    /// before it, as reading the whole sentence does, at every point.
    #[test]
    fn two_words_before_are_the_last_of_all_words() {
        let pieces = ["a", "Z", "9", " ", ".", "é", "—", "日", "on ", "’"];
        for text in crate::text::sample_texts(&pieces, 30, 12) {
            let all = words(&text);
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let before: Vec<&str> = all.iter().filter(|w| w.0 < at).map(|w| w.1).collect();
                let want = [before.last().copied(), before.iter().rev().nth(1).copied()];
                assert_eq!(two_words_before(&text, at), want, "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn words_back_are_the_pieces_of_rsplit() {
        let pieces = ["a", "Z", "9", " ", ".", "é", "—", "日", "said ", "’"];
        for text in crate::text::sample_texts(&pieces, 30, 12) {
            let want: Vec<&str> = text
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words_back(&text).collect::<Vec<_>>(), want, "{text:?}");
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
