//! Regular expressions for the date patterns and datelines, built on the
//! `regex` crate's own engine (`regex-automata`) with its literal prefilters
//! off.
//!
//! Why not `regex::Regex`: its prefilters (literal extraction, reverse
//! suffix and inner searches) cost half of each pattern's compile time, and
//! they buy nothing here: every haystack is one sentence or one line, and a
//! trigger-word scan already decided that the pattern can match. The
//! ~35 patterns are compiled in every run, so for a handful of articles
//! compiling is most of the run. The API mirrors `regex` where it is used.

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::ops::Range;

pub struct Regex(meta::Regex);

/// A matched group: its bytes in the haystack.
#[derive(Debug, Clone, Copy)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The groups of one match.
pub struct Groups<'h> {
    hay: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    fn group(&self, span: Option<regex_automata::Span>) -> Option<Match<'h>> {
        span.map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
    /// The whole match.
    pub fn whole(&self) -> Match<'h> {
        self.group(self.caps.get_group(0))
            .expect("group 0 is set on every match")
    }
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.group(self.caps.get_group_by_name(name))
    }
}

/// `groups["name"]`, for groups every match of the pattern sets (as in `regex`).
impl<'h> std::ops::Index<&str> for Groups<'h> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        match self.name(name) {
            Some(m) => m.as_str(),
            None => panic!("group {name:?} is not set in this match"),
        }
    }
}

impl Regex {
    /// Compiles `source`; the patterns are constants of this crate, so an
    /// invalid one is a bug caught by the tests.
    pub fn new(source: &str) -> Regex {
        let config = meta::Config::new().auto_prefilter(false);
        match meta::Regex::builder().configure(config).build(source) {
            Ok(re) => Regex(re),
            Err(e) => panic!("invalid built-in pattern {source:?}: {e}"),
        }
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.0.find(hay).map(|m| Match {
            hay,
            start: m.start(),
            end: m.end(),
        })
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.0.find_iter(hay).map(move |m| Match {
            hay,
            start: m.start(),
            end: m.end(),
        })
    }

    /// The first match's groups, by a captures search of the whole text:
    /// what the tests check [`Regex::groups`] against.
    #[cfg(test)]
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Groups<'h>> {
        let mut caps = self.0.create_captures();
        self.0.captures(hay, &mut caps);
        caps.is_match().then_some(Groups { hay, caps })
    }

    #[cfg(test)]
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Groups<'h>> + 'r
    where
        'h: 'r,
    {
        self.0
            .find_iter(hay)
            .map(move |m| self.groups(hay, m.range()))
    }

    /// The groups of the match at `at` (from [`Regex::find_iter`]). Matches
    /// are found by the DFA alone and their groups read only when wanted,
    /// anchored to the match: most searches fail, and a failed one, or a
    /// match the caller passes over, allocates no groups.
    pub fn groups<'h>(&self, hay: &'h str, at: Range<usize>) -> Groups<'h> {
        let mut caps = self.0.create_captures();
        let input = Input::new(hay).span(at).anchored(Anchored::Yes);
        self.0.search_captures(&input, &mut caps);
        Groups { hay, caps }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_name_and_position() {
        let re = Regex::new(r"(?P<month>[A-Z][a-z]+) (?P<day>[0-9]+)(?P<th>th)?");
        let found: Vec<_> = re.captures_iter("on July 16 and June 4th").collect();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].whole().as_str(), "July 16");
        assert_eq!(found[0].name("day").unwrap().range(), 8..10);
        assert!(found[0].name("th").is_none());
        assert_eq!(found[1].name("th").unwrap().as_str(), "th");
        assert!(re.captures("no date").is_none());
        assert_eq!(re.find("x June 4").unwrap().start(), 2);
        assert_eq!(re.find_iter("July 1, May 2").count(), 2);
    }

    /// Groups read after the DFA's match are those a captures search of the
    /// whole text reads: alternatives of different lengths, optional groups,
    /// and a word boundary just past the match that looks outside it.
    #[test]
    fn groups_are_those_of_a_whole_search() {
        let rows = [
            (
                r"\b(?P<a>May|Mayday)(?P<b> [0-9]+)?\b",
                "Mayday 5, May 12th, May 3 and May.",
            ),
            (r"(?P<x>a+?)(?P<y>a*)b", "aaab ab b aab"),
            (
                r"(?P<w>last|next)? ?(?P<d>Monday|Mon)\b",
                "next Monday, Mon, last Mon.",
            ),
        ];
        for (source, hay) in rows {
            let ours = Regex::new(source);
            let whole = meta::Regex::new(source).unwrap();
            let got: Vec<Vec<Option<Range<usize>>>> = ours
                .captures_iter(hay)
                .map(|g| {
                    (0..g.caps.group_len())
                        .map(|i| g.caps.get_group(i).map(|s| s.range()))
                        .collect()
                })
                .collect();
            let want: Vec<Vec<Option<Range<usize>>>> = whole
                .captures_iter(hay)
                .map(|c| {
                    (0..c.group_len())
                        .map(|i| c.get_group(i).map(|s| s.range()))
                        .collect()
                })
                .collect();
            assert!(!want.is_empty(), "{source}");
            assert_eq!(got, want, "{source} on {hay:?}");
        }
    }
}
