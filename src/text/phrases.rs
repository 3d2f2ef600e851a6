//! Finding phrases by their words' hashes, read from an article's raw
//! bytes in one pass.
//!
//! Every phrase has an anchor: its rarest pair of neighbouring words, or
//! its one word. The article's words, found from bit masks of 64 bytes at
//! a time, are hashed as they are read and tested in a bit set of the
//! words that end an anchor; a word that passes, alone and with the word
//! before it, is looked up in a map of anchors. Only the phrases anchored
//! there are then compared with the words around it: by hash, then byte
//! by byte. A phrase lies whole around its anchor, so this finds every
//! place where a phrase's words stand in the normalised text, as long as
//! raw words are read as `normalize` reads them: ASCII letters and digits
//! in any case are hashed from the raw bytes; a word with a non-ASCII
//! letter or digit, or with an abbreviation's dots, is folded as
//! `normalize` folds it first. An article with a square bracket (an
//! editorial insertion is dropped, which may join the words around it)
//! is normalised whole, and its words read from that.
//!
//! Before this, every kept stretch was normalised and walked by an
//! Aho-Corasick automaton: on copy that names claims in every paragraph,
//! its walk through 1.4 MB of states for 1,000 claims missed the cache
//! at most bytes.

use super::bits::Bits;
use super::normalize::{FOLD, ONES, is_alphanumeric, normalize};
use super::runs::runs;
use crate::lexicon::Words;
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

/// `T` is what the caller tags each phrase with, kept beside the phrase's
/// words: read at each place the phrase is found, a tag kept elsewhere was
/// a cache miss there.
pub struct Phrases<T> {
    /// Each phrase, normalised: words between single spaces.
    #[cfg(test)]
    texts: Vec<String>,
    /// What comparing each phrase reads, one phrase after another in
    /// the order of [`Phrases::anchored`], each from a multiple of eight
    /// bytes: its words' hashes, then (when they may not tell its words
    /// apart) its text. On dense copy most anchors are found, and a
    /// phrase's text kept apart was one more cache miss at each.
    records: Vec<u8>,
    /// Hashes of each phrase's anchor: a pair of neighbouring words, or
    /// the word of a one-word phrase.
    anchors: Bits,
    /// The same hashes, with the phrases anchored on each: a range of
    /// `anchored`. The bit set lets through about one word in 32 that is
    /// no anchor, so this table is asked for few words.
    at: Table,
    /// The phrases of each anchor, together, with all that comparing
    /// them needs but their records: on dense copy most words around an
    /// anchor are compared with a few phrases, and each place read
    /// elsewhere was a cache miss.
    anchored: Vec<Anchored<T>>,
    /// Hashes of the words that may end an anchor: one-word anchors and
    /// the second words of pairs. Most words are none, and this one test
    /// spares them the pair's hash and its test.
    last: Bits,
    /// Most words in any phrase: how far from an anchor its phrases reach.
    longest: usize,
}

/// Words read before the phrases at their anchors are compared, and the
/// words that no anchor still to come can reach are dropped: a huge
/// article's words are never all kept, and those kept stay in the cache.
const CHUNK: usize = 4096;

/// A phrase anchored on some anchor: with a tag of eight bytes, half a
/// cache line, and never across two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(align(32))]
struct Anchored<T> {
    phrase: u32,
    tag: T,
    /// Where its record starts in [`Phrases::records`], in eight bytes.
    record: u32,
    /// How many words it has, and the index of its anchor's last word.
    len: u32,
    at: u32,
    /// How many bytes its text has.
    text: u32,
    /// Whether it has a word that its hash may not tell apart: one
    /// longer than eight bytes, or not ASCII (see [`word_hash`]).
    checked: bool,
}

/// The buffers [`Phrases::find`] reads an article into. The words held
/// are about [`CHUNK`] (more only for claims with phrases thousands of
/// words long), and the hits those anchored among them; the folded bytes
/// are an article's, and more than [`KEPT_FOLDED`] are let go.
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    hits: Vec<Hit>,
    folded: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::default();
}

const KEPT_FOLDED: usize = 1 << 20;

/// A word of an article, as `normalize` would write it.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Its bytes in the article, from the first its normalised form
    /// comes from to where the next separator begins.
    start: u32,
    end: u32,
    /// Where it starts in the article's normalised text.
    norm: u32,
    /// Its normalised form: the article's bytes lowercased ([`PLAIN`]),
    /// or `len` bytes from `folded` in [`Reading::folded`].
    folded: u32,
    len: u32,
    hash: u64,
}

const PLAIN: u32 = u32::MAX;

/// Phrases anchored on the word `word`: a range of [`Phrases::anchored`].
struct Hit {
    word: u32,
    anchored: (u32, u32),
}

/// The anchors' hashes, each with its range of [`Phrases::anchored`]:
/// open addressing from the top bits of the hash, with a hash and its
/// range side by side, so that a lookup reads one place in memory (a
/// general map read its control bytes, then its entry).
struct Table {
    /// At least a third empty, so every probe ends; an empty slot's
    /// range is empty (`to` is 0), which no anchor's is.
    slots: Vec<Slot>,
    shift: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    from: u32,
    to: u32,
}

impl Table {
    /// `groups`: each anchor's hash (all different) and range.
    fn new(groups: &[(u64, u32, u32)]) -> Table {
        let size = (groups.len() + groups.len() / 2 + 1).next_power_of_two();
        let mut table = Table {
            slots: vec![Slot::default(); size],
            shift: 64 - size.trailing_zeros(),
        };
        for &(hash, from, to) in groups {
            let mut i = table.index(hash);
            while table.slots[i].to != 0 {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = Slot { hash, from, to };
        }
        table
    }

    fn index(&self, hash: u64) -> usize {
        // The top bits of a multiplied hash are its best mixed; a size of
        // one leaves none (and a shift of 64 would overflow).
        hash.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .checked_shr(self.shift)
            .unwrap_or(0) as usize
    }

    fn get(&self, hash: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len() - 1;
        let mut i = self.index(hash);
        loop {
            let slot = self.slots[i];
            if slot.to == 0 {
                return None;
            }
            if slot.hash == hash {
                return Some((slot.from, slot.to));
            }
            i = (i + 1) & mask;
        }
    }
}

impl<T: Copy> Phrases<T> {
    /// `texts`: every phrase, normalised, words between single spaces.
    /// Phrase `i` is the `i`-th, tagged `tag(i)`.
    pub fn new(texts: Vec<String>, tag: impl Fn(usize) -> T) -> Phrases<T> {
        // Each phrase's anchor and its index in `phrases`: sorted as pairs
        // of numbers, which move faster than the phrases.
        let mut anchors: Vec<(u64, u32)> = Vec::with_capacity(texts.len());
        // The phrases that have an anchor, in their order.
        let mut phrases = Vec::with_capacity(texts.len());
        let mut hashes = Vec::with_capacity(2 * texts.len());
        let mut longest = 1;
        // Where each phrase's word hashes start in `hashes`.
        let mut starts = Vec::with_capacity(texts.len() + 1);
        for (i, text) in texts.iter().enumerate() {
            let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            longest = longest.max(words.len());
            starts.push(hashes.len());
            hashes.extend(words.iter().map(|w| whole_word_hash(w)));
            // First each phrase on its rarest pair.
            if let Some(found) = anchor(&words, &hashes[starts[i]..], |_| 1) {
                anchors.push((found.hash, phrases.len() as u32));
                phrases.push(Anchored {
                    phrase: i as u32,
                    tag: tag(i),
                    // Until the records are laid out: where its hashes
                    // start in `hashes`.
                    record: starts[i] as u32,
                    len: words.len() as u32,
                    at: found.at as u32,
                    text: text.len() as u32,
                    checked: words.iter().any(|w| w.len() > 8 || !w.is_ascii()),
                });
            }
        }
        starts.push(hashes.len());
        // Grouped by anchor, and in the phrases' order within a group.
        anchors.sort_unstable();
        // A phrase is split again here rather than kept split: for 10,000
        // claims that was megabytes held through the build, at its peak.
        let phrase = |k: u32| {
            let i = phrases[k as usize].phrase as usize;
            let words = texts[i].split(' ').filter(|w| !w.is_empty()).collect();
            (words, &hashes[starts[i]..starts[i + 1]])
        };
        let moves = spread(&anchors, phrase);
        if !moves.is_empty() {
            for (k, found) in moves {
                anchors[k].0 = found.hash;
                phrases[anchors[k].1 as usize].at = found.at as u32;
            }
            anchors.sort_unstable();
        }
        let mut groups = Vec::new();
        let mut from = 0;
        for group in anchors.chunk_by(|a, b| a.0 == b.0) {
            let to = from + group.len();
            groups.push((group[0].0, from as u32, to as u32));
            from = to;
        }
        let at = Table::new(&groups);
        let mut anchored: Vec<Anchored<T>> =
            anchors.iter().map(|&(_, k)| phrases[k as usize]).collect();
        // The words that end an anchor.
        let mut last: Vec<u64> = anchored
            .iter()
            .map(|a| hashes[(a.record + a.at) as usize])
            .collect();
        // The records, in the order of `anchored`: the phrases at an
        // anchor are compared together, and what they read is then one
        // stretch of memory, not places all over the tables.
        // Sized whole first: grown by doubling, it held up to twice its
        // bytes (8.8 MB at the peak of building 10,000 claims' tables).
        let size = anchored
            .iter()
            .map(|a| {
                let text = if a.checked { a.text as usize } else { 0 };
                8 * a.len as usize + text.next_multiple_of(8)
            })
            .sum();
        let mut records = Vec::with_capacity(size);
        for a in &mut anchored {
            let from = a.record as usize;
            a.record = (records.len() / 8) as u32;
            for h in &hashes[from..from + a.len as usize] {
                records.extend_from_slice(&h.to_le_bytes());
            }
            if a.checked {
                records.extend_from_slice(texts[a.phrase as usize].as_bytes());
                records.resize(records.len().next_multiple_of(8), 0);
            }
        }
        debug_assert_eq!(records.len(), size);
        last.sort_unstable();
        last.dedup();
        Phrases {
            #[cfg(test)]
            texts,
            records,
            anchors: Bits::new(groups.iter().map(|g| g.0)),
            at,
            anchored,
            last: Bits::new(last.into_iter()),
            longest,
        }
    }

    /// Calls `found(phrase, tag, span, norm)` for every place in `text` where
    /// a phrase stands whole: its bytes in `text`, and its range in the
    /// normalised text. Each place is found once, in no particular order.
    pub fn find(&self, text: &str, found: impl FnMut(usize, T, Range<usize>, Range<usize>)) {
        // The buffers of the last article read on this thread: new ones
        // for each article were large allocations into cold memory, 2% of
        // the instructions on an archive that names nothing and 3% of its
        // time.
        let mut scratch = SCRATCH.take();
        scratch.words.clear();
        scratch.hits.clear();
        scratch.folded.clear();
        let mut reading = Reading {
            phrases: self,
            text,
            words: scratch.words,
            base: 0,
            folded: scratch.folded,
            hits: scratch.hits,
            norm: 1,
            found,
        };
        reading.read();
        reading.compare(true);
        // A huge article's normalised text is not kept.
        if reading.folded.capacity() > KEPT_FOLDED {
            reading.folded = Vec::new();
        }
        SCRATCH.set(Scratch {
            words: reading.words,
            hits: reading.hits,
            folded: reading.folded,
        });
    }

    /// The words of `reading` from `first` on, when they are phrase
    /// `a`'s. Their hashes are compared first. The hash of a word of
    /// up to eight bytes is its bytes (and length) mixed one to one, with
    /// bit 5 set in each, which no normalised word differs by: when all
    /// of a phrase's words are that short and ASCII, equal hashes are
    /// equal words. Other phrases are compared byte by byte.
    fn stands_at<'r, F>(
        &self,
        reading: &'r Reading<T, F>,
        a: &Anchored<T>,
        first: usize,
    ) -> Option<&'r [Word]> {
        let len = a.len as usize;
        let record = &self.records[8 * a.record as usize..];
        let (hashes, rest) = record.split_at(8 * len);
        let hashes = hashes
            .chunks_exact(8)
            .map(|h| u64::from_le_bytes(h.try_into().expect("eight bytes")));
        let first = first.checked_sub(reading.base)?;
        let words = reading.words.get(first..first + len)?;
        if !a.checked {
            let same = words
                .iter()
                .zip(hashes)
                .all(|(w, h)| w.hash == h && w.len <= 8);
            return same.then_some(words);
        }
        if words.iter().zip(hashes).any(|(w, h)| w.hash != h) {
            return None;
        }
        let text = &rest[..a.text as usize];
        let mut at = 0;
        for w in words {
            let end = at + w.len as usize;
            let whole = text.get(end).is_none_or(|&b| b == b' ');
            if !whole || !text.get(at..end).is_some_and(|want| reading.is(w, want)) {
                return None;
            }
            at = end + 1;
        }
        Some(words)
    }
}

/// An article's words, as [`Phrases::find`] reads them, and the
/// phrases found.
struct Reading<'t, 'p, T, F> {
    phrases: &'p Phrases<T>,
    text: &'t str,
    /// The words read and not yet dropped: the first is word `base` of
    /// the article.
    words: Vec<Word>,
    base: usize,
    /// The normalised forms of the words that are not plain ASCII.
    folded: Vec<u8>,
    hits: Vec<Hit>,
    /// Where the next word starts in the normalised text.
    norm: usize,
    found: F,
}

impl<T: Copy, F: FnMut(usize, T, Range<usize>, Range<usize>)> Reading<'_, '_, T, F> {
    /// Reads the words of the text, comparing phrases as it goes.
    fn read(&mut self) {
        let bytes = self.text.as_bytes();
        if memchr::memchr(b'[', bytes).is_some() {
            self.normalised();
            return;
        }
        // An abbreviation's letters without its dots.
        let mut letters = Vec::new();
        // Where the last word read the slow way ended: an abbreviation
        // may take in the runs after its own.
        let mut resume = 0;
        runs(bytes, |run| {
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
                self.word(run.start, run.end, hash, PLAIN, run.end - run.start);
            } else {
                // Few runs need the slow reading.
                resume = self.slowly(from, run.end, &mut letters);
            }
            false
        });
    }

    /// Compares the phrases at each anchor whose phrases' words are all
    /// read (at the end of the text, every anchor), then drops the words
    /// no anchor still to come can reach back to.
    fn compare(&mut self, end: bool) {
        let p = self.phrases;
        let read = self.base + self.words.len();
        let ready = if end {
            self.hits.len()
        } else {
            self.hits
                .partition_point(|h| h.word as usize + p.longest <= read)
        };
        for i in 0..ready {
            let hit = &self.hits[i];
            let (from, to) = hit.anchored;
            for a in &p.anchored[from as usize..to as usize] {
                let Some(first) = (hit.word as usize).checked_sub(a.at as usize) else {
                    continue;
                };
                if let Some(words) = p.stands_at(self, a, first) {
                    let (head, tail) = (words[0], words[words.len() - 1]);
                    let span = head.start as usize..tail.end as usize;
                    let norm = head.norm as usize..tail.norm as usize + tail.len as usize;
                    (self.found)(a.phrase as usize, a.tag, span, norm);
                }
            }
        }
        self.hits.drain(..ready);
        // A phrase at an anchor still to come starts at most `longest`
        // words before it, and the next anchor is at or after the first
        // left (or the next word).
        let next = self.hits.first().map_or(read, |h| h.word as usize);
        let keep = next.saturating_sub(p.longest).max(self.base);
        self.words.drain(..keep - self.base);
        self.base = keep;
    }

    /// Takes the word `start..end`, hashed `hash`, whose normalised form
    /// is `len` bytes: the article's own ([`PLAIN`]) or from `folded`.
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, hash: u64, folded: u32, len: usize) {
        // When the buffer is full, the words read are compared and
        // dropped, and it is grown only if few were: it holds about
        // [`CHUNK`] words, and the push below then needs no check of its own.
        if self.words.len() == self.words.capacity() {
            self.compare(false);
            if self.words.capacity() - self.words.len() < CHUNK / 2 {
                self.words.reserve(CHUNK);
            }
        }
        let n = self.base + self.words.len();
        self.words.push(Word {
            start: start as u32,
            end: end as u32,
            norm: self.norm as u32,
            folded,
            len: len as u32,
            hash,
        });
        self.norm += len + 1;
        if self.phrases.last.contains(hash) {
            self.anchor_ends(n, hash);
        }
    }

    /// Notes the anchors that end at word `n`, alone or with the word
    /// before it. Few words get here, so this stays out of the loop over
    /// every word.
    #[inline(never)]
    fn anchor_ends(&mut self, n: usize, hash: u64) {
        let p = self.phrases;
        // The word before, which `compare` always keeps (every phrase is
        // a word or more long): none before the first word.
        let before = self.words.len().checked_sub(2);
        let pair = before.map(|i| pair_hash(self.words[i].hash, hash));
        for anchor in [Some(hash), pair].into_iter().flatten() {
            if !p.anchors.contains(anchor) {
                continue;
            }
            if let Some(anchored) = p.at.get(anchor) {
                self.hits.push(Hit {
                    word: n as u32,
                    anchored,
                });
            }
        }
    }

    /// Reads the words of `text[from..to]` character by character, as
    /// `normalize` does, for a run with non-ASCII bytes or followed by a
    /// dot. Returns where the last word ended, which an abbreviation may
    /// put past `to`.
    fn slowly(&mut self, from: usize, to: usize, letters: &mut Vec<u8>) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
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
                if !is_alphanumeric(c) {
                    at += c.len_utf8();
                    continue;
                }
            }
            let start = at;
            match read_word(text, &mut at) {
                Kind::Ascii => {
                    let hash = ascii_hash(bytes, start, at);
                    self.word(start, at, hash, PLAIN, at - start);
                }
                Kind::Abbreviation => {
                    letters.clear();
                    letters.extend(
                        bytes[start..at]
                            .iter()
                            .filter(|b| **b != b'.')
                            .map(|b| b.to_ascii_lowercase()),
                    );
                    self.folded_word(start, at, letters);
                }
                Kind::Other => {
                    // Folded through Unicode tables, as `normalize` folds
                    // it: its first bytes may fold to nothing, and all of
                    // them may.
                    let n = normalize(&text[start..at]);
                    let form = n.text.trim_matches(' ');
                    if !form.is_empty() {
                        let first = start + n.original(1);
                        self.folded_word(first, at, form.as_bytes());
                    }
                }
            }
        }
        at
    }

    /// Takes the word `start..end`, whose normalised form is `form`.
    fn folded_word(&mut self, start: usize, end: usize, form: &[u8]) {
        let at = self.folded.len();
        self.folded.extend_from_slice(form);
        let hash = word_hash(form, 0, form.len());
        self.word(start, end, hash, at as u32, form.len());
    }

    /// Reads the words of the whole text normalised, for a text whose
    /// square brackets `normalize` may drop.
    fn normalised(&mut self) {
        let n = normalize(self.text);
        let norm = n.text.as_bytes();
        // The words' forms, there before the first phrase is compared.
        self.folded = norm.to_vec();
        let mut back = n.back();
        let mut at = 0;
        for word in norm.split(|&b| b == b' ') {
            let start = at;
            at += word.len() + 1;
            if word.is_empty() {
                continue;
            }
            let span = back.range(start, start + word.len());
            let hash = word_hash(norm, start, start + word.len());
            self.word(span.start, span.end, hash, start as u32, word.len());
        }
    }
}

impl<T, F> Reading<'_, '_, T, F> {
    /// Whether the word `w` normalises to `want`.
    fn is(&self, w: &Word, want: &[u8]) -> bool {
        match w.folded {
            PLAIN => lowers_to(
                &self.text.as_bytes()[w.start as usize..w.end as usize],
                want,
            ),
            at => self.folded.get(at as usize..at as usize + w.len as usize) == Some(want),
        }
    }
}

/// Whether the ASCII letters and digits `raw` lowercase to `want`, eight
/// bytes at a time: setting bit 5 lowercases a letter and leaves a digit
/// as it is.
fn lowers_to(raw: &[u8], want: &[u8]) -> bool {
    raw.len() == want.len()
        && raw
            .chunks(8)
            .zip(want.chunks(8))
            .all(|(r, w)| (load(r, 0) | ((0x20 * ONES) & below(r.len()))) == load(w, 0))
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

/// What a word read the slow way holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
fn read_word(text: &str, at: &mut usize) -> Kind {
    let bytes = text.as_bytes();
    let mut kind = Kind::Ascii;
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
            if kind == Kind::Ascii {
                kind = Kind::Abbreviation;
            }
            run = 0;
            *at += 1;
            continue;
        }
        let c = char_at(text, *at);
        if !is_alphanumeric(c) {
            break;
        }
        kind = Kind::Other;
        run += 1;
        *at += c.len_utf8();
    }
    kind
}

fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("at is a char boundary")
}

/// A phrase's anchor: its hash, and the index of its last word in the
/// phrase.
#[derive(Debug, PartialEq, Eq)]
struct Anchor {
    hash: u64,
    at: usize,
}

/// Phrases on one anchor that are left there together, however rare
/// another of their pairs: the five-word windows of one quote share each
/// pair four at most, and they stand together where the quote does.
const CROWD: usize = 4;

/// The phrases to move off an anchor that more than [`CROWD`] phrases
/// share (`anchors`: anchors and phrases, sorted, each phrase on its
/// rarest pair), each to another of its pairs that is rarer for the
/// phrases already on it: all the phrases on an anchor are compared
/// wherever it stands ("climate summit" for forty events' "climate summit
/// 2019"). `phrase(k)` gives phrase `k`'s words and their hashes. Each
/// move is an index into `anchors` and the new anchor.
fn spread<'p>(
    anchors: &[(u64, u32)],
    phrase: impl Fn(u32) -> (Vec<&'p str>, &'p [u64]),
) -> Vec<(usize, Anchor)> {
    let on = |hash: u64| {
        anchors.partition_point(|a| a.0 <= hash) - anchors.partition_point(|a| a.0 < hash)
    };
    let mut moves = Vec::new();
    let mut from = 0;
    for group in anchors.chunk_by(|a, b| a.0 == b.0) {
        let (hash, size) = (group[0].0, group.len());
        if size > CROWD {
            for (k, &(_, p)) in group.iter().enumerate() {
                let (words, hashes) = phrase(p);
                let share = |h: u64| if h == hash { size } else { on(h) + 1 };
                let found = anchor(&words, hashes, |h| share(h) as u64);
                if let Some(found) = found.filter(|f| f.hash != hash) {
                    moves.push((from + k, found));
                }
            }
        }
        from += size;
    }
    moves
}

/// A phrase's possible anchors, from its words' hashes: each pair of
/// neighbouring words, as the index of its second word and its hash; or
/// the word of a one-word phrase.
fn candidates(hashes: &[u64]) -> impl Iterator<Item = (usize, u64)> + '_ {
    let one = (hashes.len() == 1).then(|| (0, hashes[0]));
    let pairs = hashes
        .windows(2)
        .enumerate()
        .map(|(i, p)| (i + 1, pair_hash(p[0], p[1])));
    one.into_iter().chain(pairs)
}

/// The anchor of a phrase (its words, and their hashes): of its pairs of
/// neighbouring words, the one with the rarest words for the fewest
/// phrases that would share it (`share` of its hash); or the word of a
/// one-word phrase. A phrase with no word has none.
fn anchor(words: &[&str], hashes: &[u64], share: impl Fn(u64) -> u64) -> Option<Anchor> {
    let rare: Vec<u64> = words.iter().map(|w| rarity(w) as u64).collect();
    candidates(hashes)
        .map(|(at, hash)| {
            let rarity = rare[at] + if at > 0 { rare[at - 1] } else { 0 };
            (rarity, share(hash).max(1), Anchor { hash, at })
        })
        // Rarity over sharing, compared without dividing; a tie goes to
        // the later pair.
        .max_by(|(r1, s1, _), (r2, s2, _)| (r1 * s2).cmp(&(r2 * s1)))
        .map(|(_, _, anchor)| anchor)
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
    let letters = word.chars().any(char::is_alphabetic);
    word.len() + if letters { 16 } else { 0 }
}

const MIX: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of the word `bytes[start..end]`, ASCII letters and digits
/// whatever their case, or a normalised word: eight bytes at a time, each
/// with bit 5 set, which lowercases letters and leaves digits as they
/// are (and leaves the bytes of other letters as distinct as it finds
/// them: only the hash of their normalised form is ever asked).
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
impl<T: Copy> Phrases<T> {
    /// Every place where a phrase's words stand in `normalize(text)`,
    /// found by looking everywhere: what `find` must report.
    pub(crate) fn everywhere(&self, text: &str) -> Vec<(usize, Range<usize>, Range<usize>)> {
        let n = normalize(text);
        let mut out = Vec::new();
        for (phrase, want) in self.texts.iter().enumerate() {
            let padded = format!(" {want} ");
            let mut from = 0;
            while let Some(at) = n.text[from..].find(&padded) {
                let start = from + at + 1;
                let end = start + want.len();
                out.push((phrase, n.original_range(start, end), start..end));
                from = start;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `find` reports, sorted: each phrase with its bytes in `text`
    /// and its normalised range.
    /// Phrases tagged with their own index: the tag found is checked.
    fn found(phrases: &Phrases<usize>, text: &str) -> Vec<(usize, Range<usize>, Range<usize>)> {
        let mut out = Vec::new();
        phrases.find(text, |phrase, tag, span, norm| {
            assert_eq!(tag, phrase);
            out.push((phrase, span, norm))
        });
        out.sort_by_key(|f| (f.1.start, f.1.end, f.0));
        out
    }

    fn everywhere(
        phrases: &Phrases<usize>,
        text: &str,
    ) -> Vec<(usize, Range<usize>, Range<usize>)> {
        let mut out = phrases.everywhere(text);
        out.sort_by_key(|f| (f.1.start, f.1.end, f.0));
        out
    }

    const TEXTS: &[&str] = &[
        "g20 summit",
        "putin",
        "the main international event of",
        "usa",
        "main",
        "us president",
        "sergei kisliak",
        "elysee",
        "dh nast",
        "a",
        "straße",
        "internationally recognised",
        "it has",
    ];

    #[test]
    fn finds_phrases_where_normalize_puts_their_words() {
        let phrases = Phrases::new(TEXTS.iter().map(|t| t.to_string()).collect(), |i| i);
        let rows: &[(&str, &[&str])] = &[
            ("Nothing to see here.", &[]),
            ("The G20 summit met.", &["G20 summit"]),
            ("a b c putin d PUTIN e", &["a", "putin", "PUTIN"]),
            // One phrase inside another is found too.
            (
                "x the main international event of y",
                &["the main international event of", "main"],
            ),
            // A phrase of several words is found only in its order.
            ("The summit opened in the G20 era.", &[]),
            ("a summit, G20 b", &["a"]),
            (
                "so it was the Main International, “EVENT” of the day",
                &["the Main International, “EVENT” of", "Main"],
            ),
            // Abbreviations read as one word, as normalised.
            ("Made in the U.S.A. today", &["U.S.A"]),
            ("The U.S. President said", &["U.S. President"]),
            ("U. S. A. and G.20 summit", &["A"]),
            ("by D.H. Nast", &["D.H. Nast"]),
            // A dot after a longer word ends it, like a space.
            ("at the G20.Summit now", &["G20.Summit"]),
            // Non-ASCII punctuation separates words; letters fold.
            ("“Putin’s” visit", &["Putin"]),
            (
                "Sergéi Kisliak at the ÉLYSÉE",
                &["Sergéi Kisliak", "ÉLYSÉE"],
            ),
            ("die Straße", &["Straße"]),
            // Long words are told apart by their bytes.
            (
                "Internationally recognised",
                &["Internationally recognised"],
            ),
            ("Internationally recognized", &[]),
            // A bracket may join words: the text is read normalised.
            ("it [also] has", &["it [also] has"]),
            ("the G2[0]0 summit", &["G2[0]0 summit"]),
        ];
        for (text, want) in rows {
            let got = found(&phrases, text);
            let spans: Vec<&str> = got.iter().map(|f| &text[f.1.clone()]).collect();
            assert_eq!(spans, *want, "{text}");
            assert_eq!(got, everywhere(&phrases, text), "{text}");
        }
    }

    /// On texts made of words of the phrases, separators, abbreviations,
    /// accents and brackets, `find` reports what looking everywhere in
    /// the normalised text finds.
    #[test]
    fn finds_what_looking_everywhere_finds() {
        let phrases = Phrases::new(TEXTS.iter().map(|t| t.to_string()).collect(), |i| i);
        let pieces = [
            "g20 ",
            "summit ",
            "G20",
            " ",
            "Putin",
            "’s ",
            "U.",
            "S.",
            "A ",
            "President ",
            "the ",
            "main ",
            "international ",
            "event ",
            "of ",
            "Sergéi ",
            "kisliak ",
            "É",
            "lysée ",
            "D.H. ",
            "nast",
            ". ",
            "[x] ",
            "[",
            "]",
            "straße ",
            "a",
            "—",
            "\n",
            "internationally ",
            "recognised ",
        ];
        let texts = crate::text::sample_texts(&pieces, 120, 6);
        for text in &texts {
            assert_eq!(
                found(&phrases, text),
                everywhere(&phrases, text),
                "{text:?}"
            );
        }
        // All of them in one text, without brackets and with: many times
        // `CHUNK` words, so phrases are compared chunk by chunk and some
        // stand across the words held at a time.
        let long = texts.concat().replace(['[', ']'], " ").repeat(4);
        let words = long.split(' ').filter(|w| !w.is_empty()).count();
        assert!(words > 5 * CHUNK, "{words}");
        for text in [long.clone(), format!("{long}[x]")] {
            let got = found(&phrases, &text);
            assert!(got.len() > 1000, "{}", got.len());
            assert!(got == everywhere(&phrases, &text));
        }
    }

    #[test]
    fn words_the_bit_set_lets_through_are_not_found() {
        let texts = ["putin", "g20 summit", "helsinki talks"];
        let phrases = Phrases::new(texts.iter().map(|t| t.to_string()).collect(), |i| i);
        // Thousands of distinct words and pairs: some pass the bit set.
        let filler: Vec<String> = (0..4000).map(|i| format!("w{i}")).collect();
        let text = filler.join(" ");
        assert_eq!(found(&phrases, &text), []);
        let text = format!("{text} putin");
        assert_eq!(found(&phrases, &text).len(), 1);
    }

    #[test]
    fn common_words_are_sorted() {
        assert!(COMMON.list().windows(2).all(|w| w[0] < w[1]));
    }

    fn hashed(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| whole_word_hash(w)).collect()
    }

    fn anchor_of(words: &[&str], want: &str, at: usize) -> Anchor {
        let pair: Vec<&str> = want.split(' ').collect();
        let last = whole_word_hash(pair[pair.len() - 1]);
        let hash = match pair[..] {
            [_] => last,
            [a, _] => pair_hash(whole_word_hash(a), last),
            _ => unreachable!("{words:?}"),
        };
        Anchor { hash, at }
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
            (&["straße"][..], "straße", 0),
        ];
        for (words, want, at) in cases {
            let want = anchor_of(words, want, at);
            assert_eq!(
                anchor(words, &hashed(words), |_| 1),
                Some(want),
                "{words:?}"
            );
        }
        assert_eq!(anchor(&[], &[], |_| 1), None);
    }

    /// The anchor phrase `phrase` is compared at.
    fn anchored_at(phrases: &Phrases<usize>, phrase: usize) -> u64 {
        let slot = phrases
            .at
            .slots
            .iter()
            .find(|s| {
                phrases.anchored[s.from as usize..s.to as usize]
                    .iter()
                    .any(|a| a.phrase as usize == phrase)
            })
            .expect("anchored");
        slot.hash
    }

    #[test]
    fn anchors_shared_by_many_phrases_give_way() {
        let pair = |a: &str, b: &str| pair_hash(whole_word_hash(a), whole_word_hash(b));
        let years = ["2019", "2020", "2021", "2022", "2023", "2024"];
        // How many phrases share "climate summit" (rarity 23 + 0), and
        // the anchor of the first: "summit 2019" has rarity 0 + 4, and no
        // phrase on it yet. Up to four stay together whatever the rarity.
        let cases = [
            (1, pair("climate", "summit")),
            (4, pair("climate", "summit")),
            (5, pair("climate", "summit")),
            (6, pair("summit", "2019")),
        ];
        for (n, want) in cases {
            let texts = years[..n].iter().map(|y| format!("climate summit {y}"));
            let phrases = Phrases::new(texts.collect(), |i| i);
            assert_eq!(anchored_at(&phrases, 0), want, "{n} phrases");
            let text = format!("the climate summit {} ended", years[n - 1]);
            assert_eq!(found(&phrases, &text).len(), 1, "{text}");
        }
        // Two five-word windows of one quote, both on their rarest pair:
        // they stay together.
        let windows = ["aa bb cccccc dddddd ee", "bb cccccc dddddd ee ff"];
        let phrases = Phrases::new(windows.map(String::from).to_vec(), |i| i);
        assert_eq!(anchored_at(&phrases, 0), anchored_at(&phrases, 1));
        // A pair taken by others weighs as theirs and this phrase's.
        let share = |h: u64| if h == pair("summit", "2019") { 9 } else { 1 };
        let words = ["climate", "summit", "2019"];
        let want = anchor_of(&words, "climate summit", 1);
        assert_eq!(anchor(&words, &hashed(&words), share), Some(want));
    }

    #[test]
    fn the_table_finds_its_anchors_and_nothing_else() {
        let spread = |i: u64| (i ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        for n in [0u32, 1, 2, 3, 100, 5_000] {
            let groups: Vec<(u64, u32, u32)> = (0..n)
                .map(|i| (spread(i.into()), 2 * i, 2 * i + 1))
                .collect();
            let table = Table::new(&groups);
            assert!(3 * groups.len() <= 2 * table.slots.len(), "{n}");
            for &(hash, from, to) in &groups {
                assert_eq!(table.get(hash), Some((from, to)), "{n}");
            }
            for i in n..n + 1_000 {
                assert_eq!(table.get(spread(i.into())), None, "{n}");
            }
        }
    }

    #[test]
    fn raw_words_lower_to_normalised_ones() {
        let rows = [
            ("Helsinki", "helsinki", true),
            ("G20", "g20", true),
            ("INTERNATIONALLY", "internationally", true),
            ("Internationalisation2030", "internationalisation2030", true),
            ("internationallx", "internationally", false),
            ("Helsinkj", "helsinki", false),
            ("abc", "abcd", false),
            ("abcd", "abc", false),
            ("a", "a", true),
            ("Q", "q", true),
            ("1", "q", false),
        ];
        for (raw, want, same) in rows {
            assert_eq!(
                lowers_to(raw.as_bytes(), want.as_bytes()),
                same,
                "{raw} {want}"
            );
        }
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
}
