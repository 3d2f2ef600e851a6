//! A first, cheap look at an article's raw bytes, so that only the
//! stretches that may hold a phrase are normalised and matched.
//!
//! Every phrase has an anchor: its rarest pair of neighbouring words, or
//! its one word. The article's words, and each pair of them, are hashed as
//! they are read and tested in a bit set of anchors; around each hit, as
//! many words as the longest phrase has are kept on either side. A phrase
//! lies whole around its anchor, so matching the kept stretches finds
//! exactly what matching the whole text finds, as long as raw words are
//! read as `normalize` reads them: ASCII letters and digits in any case,
//! with dots inside abbreviations dropped. A word with a non-ASCII letter
//! or digit (folded through Unicode tables) may be any word, so it is kept
//! like a hit; an article with a square bracket (an editorial insertion is
//! dropped, which may join the words around it) is matched whole.

use super::bits::Bits;
use super::normalize::FOLD;
use std::ops::Range;

/// Very frequent words, the worst anchors: a phrase is anchored on one of
/// its other words when it has one. Sorted, to be searched by halves.
const COMMON: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "but",
    "by",
    "can",
    "could",
    "day",
    "did",
    "do",
    "first",
    "for",
    "from",
    "get",
    "had",
    "has",
    "have",
    "he",
    "her",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "like",
    "make",
    "me",
    "meeting",
    "minister",
    "more",
    "most",
    "mr",
    "ms",
    "my",
    "new",
    "next",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "people",
    "president",
    "s",
    "said",
    "say",
    "says",
    "she",
    "so",
    "some",
    "summit",
    "talks",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "time",
    "to",
    "told",
    "two",
    "up",
    "us",
    "was",
    "we",
    "week",
    "well",
    "were",
    "what",
    "when",
    "which",
    "who",
    "will",
    "with",
    "would",
    "year",
    "you",
];

pub struct Gate {
    /// Hashes of each phrase's anchor: a pair of neighbouring words, or
    /// the word of a one-word phrase.
    anchors: Bits,
    /// Most words in any phrase, less one: how many words around an
    /// anchor to keep.
    reach: usize,
}

/// What to normalise and match in a text.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// The whole text.
    Whole,
    /// Only these stretches, in order and apart (none: nothing to match),
    /// which are at most half of the text.
    Stretches(Vec<Range<usize>>),
}

impl Gate {
    /// `phrases`: every phrase matched, normalised, words between single
    /// spaces.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Gate {
        let mut anchors = Vec::new();
        let mut longest = 1;
        for phrase in phrases {
            let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
            longest = longest.max(words.len());
            anchors.extend(anchor(&words));
        }
        anchors.sort_unstable();
        anchors.dedup();
        Gate {
            anchors: Bits::new(anchors.into_iter()),
            reach: longest - 1,
        }
    }

    /// The stretches of `text` that may hold a phrase, or the whole text
    /// when they are most of it.
    pub fn plan(&self, text: &str) -> Plan {
        self.plan_with(text, mostly_kept)
    }

    /// [`Gate::plan`], giving up on stretches when `whole(kept, read, len)`.
    fn plan_with(&self, text: &str, whole: fn(usize, usize, usize) -> bool) -> Plan {
        let bytes = text.as_bytes();
        if memchr::memchr(b'[', bytes).is_some() {
            return Plan::Whole;
        }
        // The starts of the last `reach + 1` words, in a ring indexed
        // through a mask.
        let mask = (self.reach + 1).next_power_of_two() - 1;
        let mut starts = vec![0; mask + 1];
        let mut words = 0;
        let mut previous = 0;
        let mut out: Vec<Range<usize>> = Vec::new();
        // Bytes in `out`.
        let mut kept = 0;
        // The stretch being kept: its start and the last word it takes.
        let mut open: Option<(usize, usize)> = None;
        // The end of the last word read.
        let mut end = 0;
        let mut letters = Vec::new();
        let mut at = skip_separators(bytes, 0);
        while at < bytes.len() {
            if !bytes[at].is_ascii() {
                let c = char_at(text, at);
                if !c.is_alphanumeric() {
                    at = skip_separators(bytes, at + c.len_utf8());
                    continue;
                }
            }
            // Most words are read from one load of eight bytes: their end,
            // their hash and the next word's start.
            let start = at;
            let x = load(bytes, at);
            let alnum = alphanumeric(x);
            let stop = !alnum & HIGH;
            at = match stop {
                0 => ascii_word_end(bytes, at + 8),
                _ => at + stop.trailing_zeros() as usize / 8,
            };
            let mut word = Word::Ascii;
            // A dot or a non-ASCII character may go on with the word.
            let slow = at < bytes.len() && (bytes[at] == b'.' || !bytes[at].is_ascii());
            if slow {
                at = start;
                word = read_word(text, &mut at);
            }
            end = at;
            let len = end - start;
            let hash = match word {
                Word::Ascii if len <= 8 => mix(len as u64, x & below(len)),
                Word::Ascii => word_hash(bytes, start, end),
                Word::Abbreviation => {
                    letters.clear();
                    letters.extend(bytes[start..end].iter().filter(|b| **b != b'.'));
                    word_hash(&letters, 0, letters.len())
                }
                Word::Other => 0,
            };
            at = match word {
                Word::Ascii if len < 8 && !slow => {
                    // Past the ASCII separator at `end`, in the same eight
                    // bytes.
                    let go = (alnum | (x & HIGH)) & !below(len + 1);
                    match go {
                        0 => skip_separators(bytes, start + 8),
                        _ => start + go.trailing_zeros() as usize / 8,
                    }
                }
                _ => skip_separators(bytes, end),
            };
            let n = words;
            words += 1;
            starts[n & mask] = start;
            // A word with a non-ASCII letter is folded by Unicode tables,
            // and may be any word: it is kept like an anchor.
            let hit = word == Word::Other
                || self.anchors.contains(hash)
                || (n > 0 && self.anchors.contains(pair_hash(previous, hash)));
            previous = hash;
            if hit {
                let last = n + self.reach;
                let from = match &mut open {
                    Some((from, until)) => {
                        *until = last;
                        *from
                    }
                    None => {
                        let from = starts[n.saturating_sub(self.reach) & mask];
                        open = Some((from, last));
                        from
                    }
                };
                if whole(kept + (end - from), end, bytes.len()) {
                    return Plan::Whole;
                }
            }
            if let Some((from, until)) = open
                && until == n
            {
                kept += push(&mut out, from..end);
                open = None;
            }
        }
        if let Some((from, _)) = open {
            kept += push(&mut out, from..end);
        }
        if whole(kept, bytes.len(), bytes.len()) {
            return Plan::Whole;
        }
        Plan::Stretches(out)
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII letter or digit. The
/// byte ranges are tested on the low seven bits, where adding a constant
/// below 0x80 never carries into the next byte.
fn alphanumeric(x: u64) -> u64 {
    let low = x & !HIGH;
    let lower = low | (0x20 * ONES);
    let letter =
        lower.wrapping_add((0x80 - 0x61) * ONES) & !lower.wrapping_add((0x7f - 0x7a) * ONES);
    let digit = low.wrapping_add((0x80 - 0x30) * ONES) & !low.wrapping_add((0x7f - 0x39) * ONES);
    (letter | digit) & !x & HIGH
}

/// The eight bytes from `at`, with zeros (separators) past the end.
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut buf = [0; 8];
            let rest = &bytes[at.min(bytes.len())..];
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// The low `n` bytes of a word set, for `n` from 1 to 8.
fn below(n: usize) -> u64 {
    u64::MAX >> (64 - 8 * n)
}

/// The first byte from `at` that is not an ASCII letter or digit, eight
/// bytes at a time.
fn ascii_word_end(bytes: &[u8], mut at: usize) -> usize {
    while at + 8 <= bytes.len() {
        let stop = !alphanumeric(load(bytes, at)) & HIGH;
        if stop != 0 {
            return at + stop.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while at < bytes.len() && FOLD[bytes[at] as usize] != 0 {
        at += 1;
    }
    at
}

/// The first byte from `at` that may begin a word: an ASCII letter or
/// digit, or a non-ASCII byte.
fn skip_separators(bytes: &[u8], mut at: usize) -> usize {
    while at + 8 <= bytes.len() {
        let x = load(bytes, at);
        let go = alphanumeric(x) | (x & HIGH);
        if go != 0 {
            return at + go.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while at < bytes.len() && bytes[at].is_ascii() && FOLD[bytes[at] as usize] == 0 {
        at += 1;
    }
    at
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// ASCII letters and digits only.
    Ascii,
    /// ASCII letters and digits with abbreviation dots between ("U.S").
    Abbreviation,
    /// With a non-ASCII letter or digit.
    Other,
}

/// Reads the word starting at `at`, moving `at` past it. Words end where
/// `normalize` puts a space: at any character but a letter or digit, and
/// at a dot unless it follows a single letter and precedes a letter
/// ("U.S." is "us").
fn read_word(text: &str, at: &mut usize) -> Word {
    let bytes = text.as_bytes();
    let mut kind = Word::Ascii;
    // Letters and digits since the word began or since an abbreviation's
    // dot, as `normalize` counts them.
    let mut run = 0;
    while *at < bytes.len() {
        let byte = bytes[*at];
        if byte.is_ascii() {
            if FOLD[byte as usize] != 0 {
                run += 1;
                *at += 1;
                continue;
            }
            let abbreviation = byte == b'.'
                && run == 1
                && *at + 1 < bytes.len()
                && char_at(text, *at + 1).is_alphabetic();
            if !abbreviation {
                break;
            }
            if kind == Word::Ascii {
                kind = Word::Abbreviation;
            }
            run = 0;
            *at += 1;
            continue;
        }
        let c = char_at(text, *at);
        if !c.is_alphanumeric() {
            break;
        }
        kind = Word::Other;
        run += 1;
        *at += c.len_utf8();
    }
    kind
}

fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("at is a char boundary")
}

/// The anchor hashes of a phrase: its rarest pair of neighbouring ASCII
/// words, or else its rarest ASCII word. A phrase with no ASCII word has
/// none: it can only stand where a non-ASCII letter does, which is kept.
fn anchor(words: &[&str]) -> Option<u64> {
    let ascii = |w: &str| w.bytes().all(|b| FOLD[b as usize] == b && b != 0);
    let pair = words
        .windows(2)
        .filter(|p| ascii(p[0]) && ascii(p[1]))
        .max_by_key(|p| rarity(p[0]) + rarity(p[1]));
    match pair {
        Some(p) => Some(pair_hash(whole_word_hash(p[0]), whole_word_hash(p[1]))),
        None => words
            .iter()
            .filter(|w| ascii(w))
            .max_by_key(|w| rarity(w))
            .map(|w| whole_word_hash(w)),
    }
}

fn whole_word_hash(word: &str) -> u64 {
    word_hash(word.as_bytes(), 0, word.len())
}

/// How good an anchor a word makes: a rare word beats a common one, a
/// word with letters one of digits only, a long word a short one.
fn rarity(word: &str) -> usize {
    if COMMON.binary_search(&word).is_ok() {
        return 0;
    }
    let letters = word.bytes().any(|b| b.is_ascii_alphabetic());
    word.len() + if letters { 16 } else { 0 }
}

/// Adds a stretch, joined to the last one if they touch or overlap, and
/// says by how many bytes the stretches grew.
fn push(out: &mut Vec<Range<usize>>, stretch: Range<usize>) -> usize {
    match out.last_mut() {
        Some(last) if stretch.start <= last.end => {
            let grown = stretch.end.saturating_sub(last.end);
            last.end += grown;
            grown
        }
        _ => {
            let grown = stretch.len();
            out.push(stretch);
            grown
        }
    }
}

/// Whether matching the whole text is cheaper, with `kept` bytes kept of
/// the first `read` of `len`: one pass over all of it costs less than
/// many over most of it. An article that names a claim in every
/// paragraph is seen to be one an eighth of the way in.
fn mostly_kept(kept: usize, read: usize, len: usize) -> bool {
    2 * kept > len || (8 * read >= len && 4 * kept > 3 * read)
}

const MIX: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of the word `bytes[start..end]`, ASCII letters and digits
/// whatever their case: eight bytes at a time, each with bit 5 set, which
/// lowercases letters and leaves digits as they are.
fn word_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut hash = (end - start) as u64;
    let mut at = start;
    while at < end {
        hash = mix(hash, load(bytes, at) & below((end - at).min(8)));
        at += 8;
    }
    hash
}

fn mix(hash: u64, eight: u64) -> u64 {
    (hash.rotate_left(5) ^ (eight | (0x20 * ONES))).wrapping_mul(MIX)
}

fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(17) ^ second).wrapping_mul(MIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stretches<'a>(gate: &Gate, text: &'a str) -> Option<Vec<&'a str>> {
        match gate.plan_with(text, |_, _, _| false) {
            Plan::Whole => None,
            Plan::Stretches(s) => Some(s.into_iter().map(|r| &text[r]).collect()),
        }
    }

    #[test]
    fn keeps_the_words_around_anchors() {
        let gate = Gate::new([
            "g20 summit",
            "putin",
            "the main international event of",
            "usa",
        ]);
        assert_eq!(gate.reach, 4);
        let rows: &[(&str, Option<&[&str]>)] = &[
            ("Nothing to see here.", Some(&[])),
            ("The G20 summit met.", Some(&["The G20 summit met"])),
            (
                "one two three four five PUTIN six seven eight nine ten eleven",
                Some(&["two three four five PUTIN six seven eight nine"]),
            ),
            // Two hits close together make one stretch.
            (
                "a b c d e f g h putin i j k putin l m n o p q",
                Some(&["e f g h putin i j k putin l m n o"]),
            ),
            // A phrase of several words is anchored on a pair of them.
            ("The summit opened in the G20 era.", Some(&[])),
            (
                "it was the International, “EVENT” day",
                Some(&["it was the International, “EVENT” day"]),
            ),
            // Abbreviations read as one word, as normalised.
            (
                "Made in the U.S.A. today",
                Some(&["Made in the U.S.A. today"]),
            ),
            ("U. S. A. and G.20 summit", Some(&[])),
            // Non-ASCII punctuation separates words; a word with a
            // non-ASCII letter is kept, as it might be any word.
            ("“Putin’s” visit", Some(&["Putin’s” visit"])),
            ("a b c d e f Vladímir", Some(&["c d e f Vladímir"])),
            // A bracket may join words: the whole text is matched.
            ("it [also] has", None),
        ];
        for (text, want) in rows {
            let want = want.map(|w| w.to_vec());
            assert_eq!(stretches(&gate, text), want, "{text}");
        }
    }

    #[test]
    fn mostly_kept_texts_are_matched_whole() {
        let gate = Gate::new(["putin", "one two three four five six"]);
        let filler = "a b c d e f g h i j ".repeat(10);
        let sparse = format!("{filler}Putin {filler}");
        assert!(matches!(gate.plan(&sparse), Plan::Stretches(s) if s.len() == 1));
        let dense = "Putin a b c d e f g h i j ".repeat(20);
        assert_eq!(gate.plan(&dense), Plan::Whole);
        // (kept, read, len): more than half of all, or three quarters of
        // what was read once an eighth is read.
        let rows = [
            ((51, 100, 100), true),
            ((50, 100, 100), false),
            ((10, 13, 100), true),
            ((9, 13, 100), false),
            ((12, 12, 100), false),
        ];
        for ((kept, read, len), want) in rows {
            assert_eq!(mostly_kept(kept, read, len), want, "{kept} {read} {len}");
        }
    }

    #[test]
    fn common_words_are_sorted() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn anchors_prefer_rare_words() {
        let cases = [
            (&["the", "summit", "of", "helsinki"][..], "of helsinki"),
            (&["vote", "2019"][..], "vote 2019"),
            (&["said"][..], "said"),
        ];
        for (words, want) in cases {
            let pair: Vec<&str> = want.split(' ').collect();
            let hash = match pair[..] {
                [one] => whole_word_hash(one),
                [a, b] => pair_hash(whole_word_hash(a), whole_word_hash(b)),
                _ => unreachable!(),
            };
            assert_eq!(anchor(words), Some(hash), "{words:?}");
        }
        assert_eq!(anchor(&["straße"]), None);
    }

    #[test]
    fn word_hashes_ignore_case_and_length_is_kept() {
        let pairs = [
            ("Helsinki", "helsinki"),
            ("G20", "g20"),
            ("INTERNATIONALLY", "internationally"),
        ];
        for (a, b) in pairs {
            assert_eq!(whole_word_hash(a), whole_word_hash(b));
        }
        assert_ne!(
            whole_word_hash("internationally"),
            whole_word_hash("internationallx")
        );
        assert_ne!(whole_word_hash("a"), whole_word_hash("aa"));
        // Read from a longer text, eight bytes at a time, or from its end.
        let text = b"xx Helsinki-internationally";
        assert_eq!(word_hash(text, 3, 11), whole_word_hash("helsinki"));
        assert_eq!(word_hash(text, 12, 27), whole_word_hash("internationally"));
    }

    #[test]
    fn eight_bytes_are_classed_as_one_by_one() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut block = *b"-a-Z-0-.";
                block[k] = b;
                let got = alphanumeric(u64::from_le_bytes(block));
                for (i, &byte) in block.iter().enumerate() {
                    let want = FOLD[byte as usize] != 0;
                    assert_eq!(got >> (8 * i + 7) & 1 == 1, want, "{block:?} at {i}");
                }
            }
        }
    }
}
