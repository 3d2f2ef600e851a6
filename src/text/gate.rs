//! A first, cheap look at an article's raw bytes, so that only the
//! stretches that may hold a phrase are normalised and matched.
//!
//! Every phrase has an anchor: its rarest pair of neighbouring words, or
//! its one word. The article's words, found from bit masks of 64 bytes at
//! a time, are hashed as they are read and tested in a bit set of the
//! words that end an anchor; a word that passes, alone and with the word
//! before it, is tested in a bit set of anchors, then in the sorted
//! anchors; around each hit, as many words are kept on either side as
//! the phrases with that anchor have there (a name's two words, a quote
//! fragment's five). A phrase lies whole around its anchor, so matching
//! the kept stretches finds exactly what matching the whole text finds,
//! as long as raw words are read as `normalize` reads them: ASCII letters
//! and digits in any case, with dots inside abbreviations dropped. A word
//! with a non-ASCII letter or digit (folded through Unicode tables) may be
//! any word, so it is kept like a hit, with as many words around it as the
//! longest phrase has; an article with a square bracket (an editorial
//! insertion is dropped, which may join the words around it) is matched
//! whole.

use super::bits::Bits;
use super::normalize::{FOLD, HIGH, ONES, alphanumeric};
use crate::lexicon::Words;
use foldhash::fast::FixedState;
use std::collections::HashMap;
use std::ops::Range;

/// Very frequent words, the worst anchors: a phrase is anchored on one of
/// its other words when it has one. Sorted, to be searched by halves.
const COMMON: Words = Words::new(&[
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
]);

pub struct Gate {
    /// Hashes of each phrase's anchor: a pair of neighbouring words, or
    /// the word of a one-word phrase.
    anchors: Bits,
    /// The same hashes, with how many words to keep on either side: the
    /// bit set lets through about one word in 32 that is no anchor, and
    /// keeping the words around it would cost more than this lookup. A
    /// map, not a sorted list: on copy full of names and quotes most
    /// words get here, and a binary search of 20,000 hashes missed the
    /// cache at every step.
    sides: HashMap<u64, Sides, FixedState>,
    /// Hashes of the words that may end an anchor: one-word anchors and
    /// the second words of pairs. Most words are none, and this one test
    /// spares them the pair's hash and its test.
    last: Bits,
    /// Most words in any phrase, less one: how many words around a word
    /// with a non-ASCII letter to keep.
    reach: usize,
}

/// How many words a phrase has before its anchor's last word, and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sides {
    before: usize,
    after: usize,
}

impl Sides {
    fn max(self, other: Sides) -> Sides {
        Sides {
            before: self.before.max(other.before),
            after: self.after.max(other.after),
        }
    }
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
        let mut anchors: Vec<(u64, Sides)> = Vec::new();
        let mut last = Vec::new();
        let mut longest = 1;
        for phrase in phrases {
            let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
            longest = longest.max(words.len());
            if let Some(found) = anchor(&words) {
                let sides = Sides {
                    before: found.at,
                    after: words.len() - 1 - found.at,
                };
                anchors.push((found.hash, sides));
                last.push(found.last);
            }
        }
        anchors.sort_unstable_by_key(|a| a.0);
        anchors.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 = kept.1.max(next.1);
            }
            same
        });
        last.sort_unstable();
        last.dedup();
        Gate {
            anchors: Bits::new(anchors.iter().map(|a| a.0)),
            sides: anchors.into_iter().collect(),
            last: Bits::new(last.into_iter()),
            reach: longest - 1,
        }
    }

    /// The sides of the anchor hashed `hash`, if it is one: the bit set
    /// answers most words, the sorted list the few it lets through.
    fn anchor_sides(&self, hash: u64) -> Option<Sides> {
        if !self.anchors.contains(hash) {
            return None;
        }
        self.sides.get(&hash).copied()
    }

    /// Whether the word hashed `hash` ends an anchor, alone or after the
    /// word hashed `previous` (none for the text's first word), and how
    /// many words around it to keep.
    #[inline(always)]
    fn ends_anchor(&self, previous: Option<u64>, hash: u64) -> Option<Sides> {
        if !self.last.contains(hash) {
            return None;
        }
        self.ends_anchor_slowly(previous, hash)
    }

    #[inline(never)]
    fn ends_anchor_slowly(&self, previous: Option<u64>, hash: u64) -> Option<Sides> {
        let alone = self.anchor_sides(hash);
        let pair = previous.and_then(|p| self.anchor_sides(pair_hash(p, hash)));
        match (alone, pair) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
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
        let mut scan = Scan::new(self, bytes.len(), whole);
        // The words of a run read the slow way, and an abbreviation's
        // letters without its dots.
        let mut slow = Vec::new();
        let mut letters = Vec::new();
        // Where the last word read the slow way ended: an abbreviation
        // may take in the runs after its own.
        let mut resume = 0;
        let stopped = runs(bytes, |run| {
            let from = run.start.max(resume);
            if from >= run.end {
                return false;
            }
            // A dot joins the next letters only after a single letter
            // ("U.S"): after a longer run it ends the word, as any
            // separator does.
            let plain = from == run.start
                && !run.high
                && (run.end - run.start > 1 || bytes.get(run.end) != Some(&b'.'));
            if plain {
                let hash = ascii_hash(bytes, run.start, run.end);
                return scan.word(run.start, run.end, Some(hash));
            }
            // Few runs need the slow reading: their words are listed
            // first, then taken like the others.
            resume = slowly(text, from, run.end, &mut letters, &mut slow);
            slow.iter()
                .any(|&(start, end, hash)| scan.word(start, end, hash))
        });
        if stopped {
            return Plan::Whole;
        }
        scan.finish()
    }
}

/// The gate's reading of one text: the words so far and the stretches
/// kept around anchors.
struct Scan<'g> {
    gate: &'g Gate,
    len: usize,
    whole: fn(usize, usize, usize) -> bool,
    /// The starts of the last `reach + 1` words, in a ring indexed
    /// through `mask`.
    starts: Vec<usize>,
    mask: usize,
    words: usize,
    /// The last word's hash, for pairs: none before the first word and
    /// after a word with a non-ASCII letter.
    previous: Option<u64>,
    out: Vec<Range<usize>>,
    /// Bytes in `out`.
    kept: usize,
    /// The stretch being kept: its start, and the last word it takes
    /// ([`CLOSED`] when none is open).
    from: usize,
    until: usize,
    /// The end of the last word read.
    end: usize,
}

const CLOSED: usize = usize::MAX;

impl<'g> Scan<'g> {
    fn new(gate: &'g Gate, len: usize, whole: fn(usize, usize, usize) -> bool) -> Self {
        let mask = (gate.reach + 1).next_power_of_two() - 1;
        Scan {
            gate,
            len,
            whole,
            starts: vec![0; mask + 1],
            mask,
            words: 0,
            previous: None,
            out: Vec::new(),
            kept: 0,
            from: 0,
            until: CLOSED,
            end: 0,
        }
    }

    /// Takes the word `start..end`, with its hash, or none for a word
    /// with a non-ASCII letter (kept like an anchor: folded through
    /// Unicode tables, it may be any word). True when the stretches
    /// have grown to most of the text.
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, hash: Option<u64>) -> bool {
        let n = self.words;
        self.words = n + 1;
        self.starts[n & self.mask] = start;
        self.end = end;
        let hit = match hash {
            Some(hash) => {
                let hit = self.gate.ends_anchor(self.previous, hash);
                self.previous = Some(hash);
                hit
            }
            None => {
                self.previous = None;
                let reach = self.gate.reach;
                Some(Sides {
                    before: reach,
                    after: reach,
                })
            }
        };
        if let Some(sides) = hit
            && self.keep(n, end, sides)
        {
            return true;
        }
        if self.until == n {
            self.kept += push(&mut self.out, self.from..end);
            self.until = CLOSED;
        }
        false
    }

    /// Keeps `sides` words around word `n`, which ends at `end`: opens a
    /// stretch or makes the open one longer. Few words are kept, so this
    /// stays out of the loop over every word.
    #[inline(never)]
    fn keep(&mut self, n: usize, end: usize, sides: Sides) -> bool {
        let from = self.starts[n.saturating_sub(sides.before) & self.mask];
        if self.until == CLOSED {
            self.from = from;
            self.until = n + sides.after;
        } else {
            self.from = self.from.min(from);
            self.until = self.until.max(n + sides.after);
        }
        // Bytes of the open stretch that a closed one already counts.
        let counted = self.out.last().map_or(self.from, |l| l.end.max(self.from));
        (self.whole)(self.kept + (end - counted), end, self.len)
    }

    fn finish(mut self) -> Plan {
        if self.until != CLOSED {
            self.kept += push(&mut self.out, self.from..self.end);
        }
        if (self.whole)(self.kept, self.len, self.len) {
            return Plan::Whole;
        }
        Plan::Stretches(self.out)
    }
}

/// Reads the words of `text[from..to]` character by character, as
/// `normalize` does, for a run with non-ASCII bytes or followed by a dot:
/// into `words`, with their hashes (none for a word with a non-ASCII
/// letter). Returns where the last word ended, which an abbreviation may
/// put past `to`.
fn slowly(
    text: &str,
    from: usize,
    to: usize,
    letters: &mut Vec<u8>,
    words: &mut Vec<(usize, usize, Option<u64>)>,
) -> usize {
    let bytes = text.as_bytes();
    words.clear();
    let mut at = from;
    while at < to {
        let byte = bytes[at];
        if byte.is_ascii() {
            if FOLD[byte as usize] == 0 {
                at += 1;
                continue;
            }
        } else {
            let c = char_at(text, at);
            if !c.is_alphanumeric() {
                at += c.len_utf8();
                continue;
            }
        }
        let start = at;
        let hash = match read_word(text, &mut at) {
            Word::Ascii => Some(ascii_hash(bytes, start, at)),
            Word::Abbreviation => {
                letters.clear();
                letters.extend(bytes[start..at].iter().filter(|b| **b != b'.'));
                Some(word_hash(letters, 0, letters.len()))
            }
            Word::Other => None,
        };
        words.push((start, at, hash));
    }
    at
}

/// The hash of an ASCII word, from one load when it fits in eight bytes.
#[inline]
fn ascii_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    if len <= 8 {
        mix(len as u64, load(bytes, start) & below(len))
    } else {
        word_hash(bytes, start, end)
    }
}

/// A run of bytes that may make words: ASCII letters and digits, and
/// non-ASCII bytes (which may be letters or punctuation).
#[derive(Debug, PartialEq, Eq)]
struct Run {
    start: usize,
    end: usize,
    /// It has a non-ASCII byte.
    high: bool,
}

/// Calls `take` on each run of `bytes` in order, until it returns true
/// (and then returns true). Runs are found 64 bytes at a time: each block
/// is classed into bit masks, eight bytes at a time, and runs begin and
/// end at the edges of the mask of bytes that may make words. In a block,
/// the k-th end closes the k-th start, but for a run begun in an earlier
/// block, which the block's first end closes.
#[inline(always)]
fn runs(bytes: &[u8], mut take: impl FnMut(Run) -> bool) -> bool {
    let len = bytes.len();
    // Whether the last block ended inside a run, and where that run began.
    let mut carry = 0;
    let mut open = 0;
    let mut base = 0;
    // A run open at the end of the text is ended by one more, empty block.
    while base < len || carry != 0 {
        let (word, high) = match bytes.get(base..base + 64) {
            Some(block) => classify(block.try_into().expect("64 bytes")),
            None => {
                // The last block, padded with separators.
                let mut block = [0u8; 64];
                let rest = bytes.get(base..).unwrap_or_default();
                block[..rest.len()].copy_from_slice(rest);
                classify(&block)
            }
        };
        let before = (word << 1) | carry;
        let mut starts = word & !before;
        let mut ends = !word & before;
        // A run begun in an earlier block is closed by this block's first
        // end (few are); this loop has one call of `take`, to inline it.
        let mut carried = carry != 0;
        while ends != 0 {
            let end = ends.trailing_zeros();
            ends &= ends - 1;
            let (start, high) = if carried {
                carried = false;
                // Its bytes are looked at again.
                let end = base + end as usize;
                (open, !bytes[open..end].is_ascii())
            } else {
                let start = starts.trailing_zeros();
                starts &= starts - 1;
                // Most blocks are all ASCII.
                let high = high != 0 && high & (u64::MAX << start) & !(u64::MAX << end) != 0;
                (base + start as usize, high)
            };
            if take(Run {
                start,
                end: base + end as usize,
                high,
            }) {
                return true;
            }
        }
        if starts != 0 {
            open = base + starts.trailing_zeros() as usize;
        }
        carry = word >> 63;
        base += 64;
    }
    false
}

/// Bit masks of a block's bytes that may make words, and of its
/// non-ASCII bytes.
#[inline]
fn classify(block: &[u8; 64]) -> (u64, u64) {
    let eights: [u64; 8] = std::array::from_fn(|i| {
        u64::from_le_bytes(block[8 * i..8 * i + 8].try_into().expect("eight bytes"))
    });
    let mut word = 0;
    for (i, x) in eights.iter().enumerate() {
        word |= gather(alphanumeric(*x) | (x & HIGH)) << (8 * i);
    }
    // Most blocks are all ASCII.
    let mut high = 0;
    if eights.iter().fold(0, |any, x| any | x) & HIGH != 0 {
        for (i, x) in eights.iter().enumerate() {
            high |= gather(x & HIGH) << (8 * i);
        }
    }
    (word, high)
}

/// The high bits of the eight bytes of `x`, as the eight low bits of a
/// word: each lands at its own place in the product's top byte, and no
/// two partial products meet.
fn gather(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
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

/// A phrase's anchor: its hash, the hash of its last word, and the
/// index of that word in the phrase.
#[derive(Debug, PartialEq, Eq)]
struct Anchor {
    hash: u64,
    last: u64,
    at: usize,
}

/// The anchor of a phrase: its rarest pair of neighbouring ASCII words,
/// or else its rarest ASCII word. A phrase with no ASCII word has none:
/// it can only stand where a non-ASCII letter does, which is kept.
fn anchor(words: &[&str]) -> Option<Anchor> {
    let ascii = |w: &str| w.bytes().all(|b| FOLD[b as usize] == b && b != 0);
    // Each word's rarity, none for a word that is not ASCII.
    let rare: Vec<Option<usize>> = words.iter().map(|w| ascii(w).then(|| rarity(w))).collect();
    let pair = rare
        .windows(2)
        .enumerate()
        .filter_map(|(i, r)| Some((i, r[0]? + r[1]?)))
        .max_by_key(|&(_, r)| r)
        .map(|(i, _)| (i, &words[i..i + 2]));
    match pair {
        Some((i, p)) => {
            let last = whole_word_hash(p[1]);
            Some(Anchor {
                hash: pair_hash(whole_word_hash(p[0]), last),
                last,
                at: i + 1,
            })
        }
        None => rare
            .iter()
            .enumerate()
            .filter_map(|(at, r)| Some((at, (*r)?)))
            .max_by_key(|&(_, r)| r)
            .map(|(at, _)| {
                let hash = whole_word_hash(words[at]);
                Anchor {
                    hash,
                    last: hash,
                    at,
                }
            }),
    }
}

fn whole_word_hash(word: &str) -> u64 {
    word_hash(word.as_bytes(), 0, word.len())
}

/// How good an anchor a word makes: a rare word beats a common one, a
/// word with letters one of digits only, a long word a short one.
fn rarity(word: &str) -> usize {
    if COMMON.has(word) {
        return 0;
    }
    let letters = word.bytes().any(|b| b.is_ascii_alphabetic());
    word.len() + if letters { 16 } else { 0 }
}

/// Adds a stretch that ends at or past the last one, joined to those it
/// touches or overlaps (a phrase's words may reach back over stretches
/// kept for shorter ones), and says by how many bytes the stretches grew.
fn push(out: &mut Vec<Range<usize>>, mut stretch: Range<usize>) -> usize {
    let mut joined = 0;
    while let Some(last) = out.last()
        && stretch.start <= last.end
    {
        stretch.start = stretch.start.min(last.start);
        stretch.end = stretch.end.max(last.end);
        joined += last.len();
        out.pop();
    }
    let grown = stretch.len() - joined;
    out.push(stretch);
    grown
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
            "main",
        ]);
        assert_eq!(gate.reach, 4);
        let rows: &[(&str, Option<&[&str]>)] = &[
            ("Nothing to see here.", Some(&[])),
            // Only as many words as the phrase has on each side of its
            // anchor ("g20 summit") are kept.
            ("The G20 summit met.", Some(&["G20 summit"])),
            (
                "one two three four five PUTIN six seven eight nine ten eleven",
                Some(&["PUTIN"]),
            ),
            ("a b c putin d putin e f", Some(&["putin", "putin"])),
            // A phrase's words reach back over a shorter phrase's stretch:
            // the two make one.
            (
                "x the main international event of y",
                Some(&["the main international event of"]),
            ),
            (
                "x main y the main international event",
                Some(&["main", "the main international event"]),
            ),
            // A phrase of several words is anchored on a pair of them.
            ("The summit opened in the G20 era.", Some(&[])),
            // Its words in the other order are no anchor.
            ("a summit, G20 b", Some(&[])),
            (
                "so it was the International, “EVENT” of the day",
                Some(&["was the International, “EVENT” of"]),
            ),
            // Abbreviations read as one word, as normalised.
            ("Made in the U.S.A. today", Some(&["U.S.A"])),
            ("U. S. A. and G.20 summit", Some(&[])),
            // A dot after a longer word ends it, like a space.
            ("at the G20.Summit now", Some(&["G20.Summit"])),
            ("The summit.G20 b", Some(&[])),
            // Non-ASCII punctuation separates words; a word with a
            // non-ASCII letter is kept, as it might be any word, with
            // as many words around it as the longest phrase needs.
            ("“Putin’s” visit", Some(&["Putin"])),
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
    fn words_the_bit_set_lets_through_are_not_kept() {
        let gate = Gate::new(["putin", "g20 summit", "helsinki talks"]);
        // Thousands of distinct words and pairs: some pass the bit set.
        let filler: Vec<String> = (0..4000).map(|i| format!("w{i}")).collect();
        let text = filler.join(" ");
        assert_eq!(stretches(&gate, &text), Some(vec![]));
        let text = format!("{text} putin");
        assert_eq!(stretches(&gate, &text).map(|s| s.len()), Some(1));
    }

    #[test]
    fn mostly_kept_texts_are_matched_whole() {
        let gate = Gate::new(["putin", "one two three four five six"]);
        let filler = "a b c d e f g h i j ".repeat(10);
        let sparse = format!("{filler}Putin {filler}");
        assert!(matches!(gate.plan(&sparse), Plan::Stretches(s) if s.len() == 1));
        let dense = "a one two three four five six ".repeat(20);
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
        assert!(COMMON.list().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn anchors_prefer_rare_words() {
        // The words, the anchor, and the index of its last word.
        let cases = [
            (&["the", "summit", "of", "helsinki"][..], "of helsinki", 3),
            // A tie goes to the later pair.
            (
                &["the", "helsinki", "summit", "of"][..],
                "helsinki summit",
                2,
            ),
            (&["vote", "2019"][..], "vote 2019", 1),
            (&["said"][..], "said", 0),
        ];
        for (words, want, at) in cases {
            let pair: Vec<&str> = want.split(' ').collect();
            let last = whole_word_hash(pair[pair.len() - 1]);
            let hash = match pair[..] {
                [_] => last,
                [a, _] => pair_hash(whole_word_hash(a), last),
                _ => unreachable!(),
            };
            let want = Anchor { hash, last, at };
            assert_eq!(anchor(words), Some(want), "{words:?}");
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

    fn collect_runs(bytes: &[u8]) -> Vec<Run> {
        let mut out = Vec::new();
        runs(bytes, |run| {
            out.push(run);
            false
        });
        out
    }

    /// Runs found one byte at a time.
    fn runs_by_bytes(bytes: &[u8]) -> Vec<Run> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let in_run = |b: u8| FOLD[b as usize] != 0 || !b.is_ascii();
            if !in_run(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && in_run(bytes[at]) {
                at += 1;
            }
            let high = !bytes[start..at].is_ascii();
            out.push(Run {
                start,
                end: at,
                high,
            });
        }
        out
    }

    #[test]
    fn runs_are_found_across_blocks() {
        let pieces = ["a", "Z", "9", " ", ".", "é", "—", "\n", "word "];
        // A fixed sequence of texts, long enough to cross blocks, and
        // of every length up to three blocks.
        for text in crate::text::sample_texts(&pieces, 200, 8) {
            let bytes = text.as_bytes();
            assert_eq!(collect_runs(bytes), runs_by_bytes(bytes), "{text:?}");
        }
        let edge = format!("{}é{}", "a".repeat(63), "b".repeat(64));
        let got = collect_runs(edge.as_bytes());
        let want = [Run {
            start: 0,
            end: edge.len(),
            high: true,
        }];
        assert_eq!(got, want);
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
