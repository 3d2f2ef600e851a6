//! The one-pass phrase matcher: every cue, name, alias, venue and quote
//! fragment of every claim in one Aho-Corasick automaton, run once over an
//! article's normalised text.
//!
//! Phrases are stored padded with spaces (" g20 summit "), so a match always
//! starts and ends on word edges. Overlapping search finds every phrase,
//! including one inside another; `find` then drops a name inside a longer
//! name of the same group ("president" inside "us president").

use super::normalize::{Normalized, normalize_phrase};
use crate::claims::{Claims, Idx};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// Quote fragments shorter than this many words are not matched on their own.
pub const FRAGMENT_WORDS: usize = 5;

/// What a phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// Part `part` of cue `cue` of an event.
    Cue {
        event: Idx,
        cue: usize,
        part: usize,
    },
    Person(Idx),
    /// An alias of a person's role, valid only while the role is held.
    Role {
        person: Idx,
        role: usize,
    },
    Organization(Idx),
    Venue(Idx),
    /// The words of a quote starting at word `word` (a fragment).
    Quote {
        quote: Idx,
        word: usize,
    },
    /// A weekday name: the sentence may hold a weekday and a date.
    Weekday,
}

impl Target {
    /// Targets of one group hide shorter matches of the same group inside them.
    fn group(&self) -> u8 {
        match self {
            Target::Cue { .. } => 0,
            Target::Person(_) | Target::Role { .. } | Target::Organization(_) => 1,
            Target::Venue(_) => 2,
            Target::Quote { .. } => 3,
            Target::Weekday => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    /// Byte range in the original article.
    pub span: Range<usize>,
    /// Byte range in the normalised text, without the padding.
    pub norm: Range<usize>,
}

pub struct Matcher {
    automaton: AhoCorasick,
    /// The targets of each pattern; one phrase may name several things.
    targets: Vec<Vec<Target>>,
    /// Words in each quote, normalised.
    pub quote_words: Vec<Vec<String>>,
}

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Matcher {
    pub fn new(claims: &Claims) -> Self {
        let mut builder = PatternSet::default();
        for (i, e) in claims.events.iter().enumerate() {
            for (c, cue) in e.cues.iter().enumerate() {
                for (p, phrase) in cue.iter().enumerate() {
                    builder.add(
                        phrase,
                        Target::Cue {
                            event: i,
                            cue: c,
                            part: p,
                        },
                    );
                }
            }
        }
        for (i, person) in claims.people.iter().enumerate() {
            for a in &person.aliases {
                builder.add(a, Target::Person(i));
            }
            for (r, role) in person.roles.iter().enumerate() {
                for a in role.aliases.iter().chain([&role.title]) {
                    builder.add(a, Target::Role { person: i, role: r });
                }
            }
        }
        for (i, o) in claims.organizations.iter().enumerate() {
            for a in &o.aliases {
                builder.add(a, Target::Organization(i));
            }
        }
        for (i, v) in claims.venues.iter().enumerate() {
            for a in &v.aliases {
                builder.add(a, Target::Venue(i));
            }
        }
        let mut quote_words = Vec::new();
        for (i, q) in claims.quotes.iter().enumerate() {
            let words: Vec<String> = normalize_phrase(&q.text)
                .split(' ')
                .map(str::to_string)
                .collect();
            let size = FRAGMENT_WORDS.min(words.len());
            for start in 0..=words.len() - size {
                builder.add_normalized(
                    &words[start..start + size].join(" "),
                    Target::Quote {
                        quote: i,
                        word: start,
                    },
                );
            }
            quote_words.push(words);
        }
        for w in WEEKDAYS {
            builder.add_normalized(w, Target::Weekday);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&builder.patterns)
            .expect("phrase patterns always build");
        Matcher {
            automaton,
            targets: builder.targets,
            quote_words,
        }
    }

    /// Every mention in `norm`, sorted by position.
    pub fn find(&self, norm: &Normalized) -> Vec<Mention> {
        let mut found = Vec::new();
        for m in self.automaton.find_overlapping_iter(&norm.text) {
            let inner = m.start() + 1..m.end() - 1;
            let span = norm.original_range(inner.start, inner.end);
            for &target in &self.targets[m.pattern().as_usize()] {
                found.push(Mention {
                    target,
                    span: span.clone(),
                    norm: inner.clone(),
                });
            }
        }
        let names = [0, 1, 2].map(|g| Longer::new(&found, g));
        found.retain(|m| {
            let g = m.target.group() as usize;
            g > 2 || !names[g].covers(&m.norm)
        });
        found.sort_by(|a, b| {
            (a.span.start, a.span.end, a.target).cmp(&(b.span.start, b.span.end, b.target))
        });
        found.dedup();
        found
    }
}

/// The name matches of one group, sorted by start, to ask in log time
/// whether a longer one covers a match ("Vladimir Putin" covers "Putin").
struct Longer {
    ranges: Vec<Range<usize>>,
    /// `max_end[i]`: the largest end among `ranges[..i]`.
    max_end: Vec<usize>,
}

impl Longer {
    fn new(found: &[Mention], group: u8) -> Self {
        let mut ranges: Vec<Range<usize>> = found
            .iter()
            .filter(|m| m.target.group() == group)
            .map(|m| m.norm.clone())
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut max_end = Vec::with_capacity(ranges.len() + 1);
        max_end.push(0);
        for r in &ranges {
            let last = *max_end.last().unwrap_or(&0);
            max_end.push(last.max(r.end));
        }
        Longer { ranges, max_end }
    }

    /// True when a strictly longer range contains `m`.
    fn covers(&self, m: &Range<usize>) -> bool {
        let before = self.ranges.partition_point(|r| r.start < m.start);
        if self.max_end[before] >= m.end && before > 0 {
            return true;
        }
        let same = self.ranges.partition_point(|r| r.start <= m.start);
        self.ranges[before..same]
            .last()
            .is_some_and(|r| r.end > m.end)
    }
}

#[derive(Default)]
struct PatternSet {
    patterns: Vec<String>,
    targets: Vec<Vec<Target>>,
    index: HashMap<String, usize>,
}

impl PatternSet {
    fn add(&mut self, phrase: &str, target: Target) {
        let normalized = normalize_phrase(phrase);
        if !normalized.is_empty() {
            self.add_normalized(&normalized, target);
        }
    }

    fn add_normalized(&mut self, normalized: &str, target: Target) {
        let padded = format!(" {normalized} ");
        let at = *self.index.entry(padded.clone()).or_insert_with(|| {
            self.patterns.push(padded);
            self.targets.push(Vec::new());
            self.patterns.len() - 1
        });
        if !self.targets[at].contains(&target) {
            self.targets[at].push(target);
        }
    }
}
