//! An Aho-Corasick automaton's states walked by hand. The crate's
//! overlapping iterator restarts its search at each match; on copy with a
//! match every few bytes, that restart was a large share of the search.

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use std::ops::Range;

/// Calls `found(pattern, start..end)` for every match of `automaton` (built
/// with `MatchKind::Standard`) in `haystack`, overlapping ones included, in
/// order of their ends and, at one end, in the automaton's order: the
/// order of `find_overlapping_iter`. Stops when `found` returns false.
/// An automaton built for anchored searches only finds nothing.
pub fn each_match<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    mut found: impl FnMut(usize, Range<usize>) -> bool,
) {
    let Ok(mut sid) = automaton.start_state(Anchored::No) else {
        return;
    };
    let mut at = 0;
    while let Some((end, next)) = to_match(automaton, haystack, at, sid) {
        (at, sid) = (end, next);
        for i in 0..automaton.match_len(sid) {
            let pattern = automaton.match_pattern(sid, i);
            let start = end - automaton.pattern_len(pattern);
            if !found(pattern.as_usize(), start..end) {
                return;
            }
        }
    }
}

/// Walks from state `sid` at byte `at` to the next match state: the end of
/// the byte that led to it, and the state. Not inlined: in the caller's
/// loop, with the matches' handling beside it, the state and position were
/// kept on the stack, a store and a load more on each byte's chain of
/// dependent loads.
#[inline(never)]
fn to_match<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    at: usize,
    mut sid: StateID,
) -> Option<(usize, StateID)> {
    for (i, &byte) in haystack.get(at..)?.iter().enumerate() {
        sid = automaton.next_state(Anchored::No, sid, byte);
        if automaton.is_special(sid) && automaton.is_match(sid) {
            return Some((at + i + 1, sid));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::each_match;
    use aho_corasick::nfa::{contiguous, noncontiguous};
    use aho_corasick::{AhoCorasick, MatchKind, dfa};

    #[test]
    fn finds_what_the_overlapping_iterator_finds() {
        let patterns = [" a ", " a b ", "b", "ab", "b c", "abc", "c", " "];
        let pieces = ["a", "b", "c", " ", "ab", "é"];
        let texts = crate::text::sample_texts(&pieces, 40, 20);
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let nfa = contiguous::NFA::new(patterns).unwrap();
        let dfa = dfa::DFA::new(patterns).unwrap();
        let slow = noncontiguous::NFA::new(patterns).unwrap();
        for text in &texts {
            let want: Vec<(usize, std::ops::Range<usize>)> = reference
                .find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.range()))
                .collect();
            for got in [
                collect(&nfa, text),
                collect(&dfa, text),
                collect(&slow, text),
            ] {
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    fn collect<A: aho_corasick::automaton::Automaton>(
        automaton: &A,
        text: &str,
    ) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        each_match(automaton, text.as_bytes(), |p, r| {
            out.push((p, r));
            true
        });
        out
    }

    #[test]
    fn stops_when_asked() {
        let nfa = contiguous::NFA::new(["a"]).unwrap();
        let mut seen = 0;
        each_match(&nfa, b"aaaa", |_, _| {
            seen += 1;
            seen < 2
        });
        assert_eq!(seen, 2);
    }
}
