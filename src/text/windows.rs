//! Quote fragments looked up by hash, for claim files with more fragments
//! than the matcher's automaton holds cheaply.
//!
//! Each run of [`FRAGMENT_WORDS`] words of an article is looked up whole.
//! The normalised text is words between single spaces, with a space at
//! each end, so a run is exactly the text an automaton pattern padded with
//! spaces would have matched, and both ways find the same fragments. A
//! run's hash rolls along with the words and is tested in a bit set first:
//! most runs are in no quote and cost no lookup.

use super::bits::Bits;
use super::matcher::{FRAGMENT_WORDS, Mention, Target};
use super::normalize::Normalized;
use foldhash::fast::FixedState;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

pub struct Windows {
    /// Each fragment, normalised, with what it stands for.
    map: HashMap<Box<str>, Vec<Target>, FixedState>,
    bits: Bits,
}

impl Windows {
    /// `windows`: fragments of exactly [`FRAGMENT_WORDS`] words.
    pub fn new(windows: BTreeMap<Box<str>, Vec<Target>>) -> Windows {
        let bits = Bits::new(windows.keys().map(|run| run_hash(run)));
        Windows {
            map: windows.into_iter().collect(),
            bits,
        }
    }

    /// Pushes a mention for every fragment in `norm`.
    pub fn find(&self, norm: &Normalized, found: &mut Vec<Mention>) {
        let text = norm.text.as_bytes();
        // The starts and hashes of the last words, in a ring.
        const RING: usize = (FRAGMENT_WORDS + 1).next_power_of_two();
        let mut starts = [0usize; RING];
        let mut hashes = [0u64; RING];
        let mut window = 0u64;
        let mut words = 0;
        let mut from = 1;
        let mut back = norm.back();
        for (at, &byte) in text.iter().enumerate().skip(1) {
            if byte != b' ' {
                continue;
            }
            let word = word_hash(&text[from..at]);
            window = window.wrapping_mul(ROLL).wrapping_add(word);
            if words >= FRAGMENT_WORDS {
                let gone = hashes[(words - FRAGMENT_WORDS) % RING];
                window = window.wrapping_sub(gone.wrapping_mul(ROLL_OUT));
            }
            starts[words % RING] = from;
            hashes[words % RING] = word;
            words += 1;
            from = at + 1;
            if words < FRAGMENT_WORDS || !self.bits.contains(window) {
                continue;
            }
            let start = starts[(words - FRAGMENT_WORDS) % RING];
            // Both ends are next to ASCII spaces: character boundaries.
            if let Some(targets) = self.map.get(&norm.text[start..at]) {
                let span = back.range(start, at);
                found.extend(targets.iter().map(|&target| Mention {
                    target,
                    span: span.clone(),
                    norm: start..at,
                }));
            }
        }
    }
}

fn word_hash(word: &[u8]) -> u64 {
    FixedState::with_seed(0x5eed).hash_one(word)
}

/// The base of the rolling hash of a run: its words' hashes are the digits
/// of a number in base `ROLL`, modulo 2^64, so the next word is added and
/// the first taken away in constant time.
const ROLL: u64 = 0x9e37_79b9_7f4a_7c15;

/// `ROLL` to the power [`FRAGMENT_WORDS`]: the weight of the word leaving.
const ROLL_OUT: u64 = {
    let mut p = 1u64;
    let mut i = 0;
    while i < FRAGMENT_WORDS {
        p = p.wrapping_mul(ROLL);
        i += 1;
    }
    p
};

/// The hash of a run of words written with single spaces, as
/// [`Windows::find`] rolls it while reading.
fn run_hash(run: &str) -> u64 {
    run.split(' ').fold(0, |h, word| {
        h.wrapping_mul(ROLL)
            .wrapping_add(word_hash(word.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn windows(runs: &[&str]) -> Windows {
        Windows::new(
            runs.iter()
                .enumerate()
                .map(|(i, run)| {
                    let target = Target::Quote { quote: i, word: 0 };
                    (Box::from(*run), vec![target])
                })
                .collect(),
        )
    }

    #[test]
    fn finds_every_run_and_nothing_else() {
        let w = windows(&["the main international event of", "a b c d e"]);
        let rows: &[(&str, &[&str])] = &[
            (
                "“The main international event, of”",
                &["The main international event, of"],
            ),
            ("a b c d e f a b c d e", &["a b c d e", "a b c d e"]),
            ("at the main international event", &[]),
            ("the main international events of", &[]),
            ("a b c d", &[]),
            ("", &[]),
        ];
        for (text, want) in rows {
            let mut found = Vec::new();
            w.find(&normalize(text), &mut found);
            let got: Vec<&str> = found.iter().map(|m| &text[m.span.clone()]).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn run_hashes_are_the_rolled_ones() {
        let text = normalize("one two three four five six seven");
        let runs = ["one two three four five", "three four five six seven"];
        let w = windows(&runs);
        for run in runs {
            assert!(w.bits.contains(run_hash(run)), "{run}");
        }
        let mut found = Vec::new();
        w.find(&text, &mut found);
        assert_eq!(found.len(), 2);
    }
}
