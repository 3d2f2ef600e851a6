//! The one-pass phrase matcher: every cue, name, alias and venue of every
//! claim in one Aho-Corasick automaton, run once over an article's
//! normalised text; quote fragments are looked up word window by word
//! window in the same pass over the article.
//!
//! Phrases are stored padded with spaces (" g20 summit "), so a match always
//! starts and ends on word edges. Overlapping search finds every phrase,
//! including one inside another; `find` then drops a name inside a longer
//! name of the same group ("president" inside "us president").

use super::normalize::{Normalized, normalize_phrase};
use crate::claims::{Claims, Idx};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use foldhash::fast::FixedState;
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
    /// Quote fragments (runs of up to [`FRAGMENT_WORDS`] words), normalised,
    /// with what they stand for. A hash lookup per word of the article
    /// instead of automaton patterns: 10,000 quotes make ~40,000
    /// fragments, which made the automaton three times the size and most
    /// of its build time.
    windows: HashMap<Box<str>, Vec<Target>, FixedState>,
    /// The fragment lengths in words present in `windows`, ascending.
    window_sizes: Vec<usize>,
    /// The hashes of the fragments, to pass over most runs of words cheaply.
    window_bits: Bits,
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
        let mut windows: HashMap<Box<str>, Vec<Target>, FixedState> = HashMap::default();
        let mut window_sizes = Vec::new();
        for (i, q) in claims.quotes.iter().enumerate() {
            let normalized = normalize_phrase(&q.text);
            let words: Vec<String> = normalized.split(' ').map(str::to_string).collect();
            if !normalized.is_empty() {
                let size = FRAGMENT_WORDS.min(words.len());
                for start in 0..=words.len() - size {
                    let target = Target::Quote {
                        quote: i,
                        word: start,
                    };
                    let at = windows
                        .entry(words[start..start + size].join(" ").into())
                        .or_default();
                    if !at.contains(&target) {
                        at.push(target);
                    }
                }
                window_sizes.push(size);
            }
            quote_words.push(words);
        }
        window_sizes.sort_unstable();
        window_sizes.dedup();
        for w in WEEKDAYS {
            builder.add_normalized(w, Target::Weekday);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&builder.patterns)
            .expect("phrase patterns always build");
        let window_bits = Bits::new(windows.keys().map(|k| run_hash(k)));
        Matcher {
            automaton,
            targets: builder.targets,
            windows,
            window_sizes,
            window_bits,
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
        self.find_fragments(norm, &mut found);
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

impl Matcher {
    /// Quote fragments in `norm`: each run of words of a fragment's length,
    /// looked up whole. The normalised text is words between single
    /// spaces, with a space at each end, so a run is exactly the text an
    /// automaton pattern padded with spaces would have matched. A run's
    /// hash, made from its words' hashes as they are read, is tested in a
    /// bit set first: most runs are in no quote and cost no lookup.
    fn find_fragments(&self, norm: &Normalized, found: &mut Vec<Mention>) {
        if self.window_sizes.is_empty() {
            return;
        }
        let text = norm.text.as_bytes();
        // The starts and hashes of the last words, in a ring.
        const RING: usize = FRAGMENT_WORDS.next_power_of_two();
        let mut starts = [0usize; RING];
        let mut hashes = [0u64; RING];
        let mut words = 0usize;
        let mut from = 0;
        for at in memchr::memchr_iter(b' ', text) {
            if at > from {
                starts[words % RING] = from;
                hashes[words % RING] = word_hash(&text[from..at]);
                words += 1;
                for &size in &self.window_sizes {
                    if size > words {
                        break;
                    }
                    let first = words - size;
                    let window = (first..words).fold(0, |h, w| run_step(h, hashes[w % RING]));
                    if !self.window_bits.contains(window) {
                        continue;
                    }
                    let start = starts[first % RING];
                    // Both ends are next to ASCII spaces: character boundaries.
                    let run = &norm.text[start..at];
                    if let Some(targets) = self.windows.get(run) {
                        let span = norm.original_range(start, at);
                        found.extend(targets.iter().map(|&target| Mention {
                            target,
                            span: span.clone(),
                            norm: start..at,
                        }));
                    }
                }
            }
            from = at + 1;
        }
    }
}

/// A word's hash.
fn word_hash(word: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    FixedState::with_seed(0x5eed).hash_one(word)
}

/// One word's hash into a run's hash.
fn run_step(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash of a run of words written with single spaces, as
/// [`Matcher::find_fragments`] computes it while reading.
fn run_hash(run: &str) -> u64 {
    run.split(' ')
        .fold(0, |h, word| run_step(h, word_hash(word.as_bytes())))
}

/// A set of hashes that may answer yes wrongly but never no wrongly: one
/// bit per hash, with about sixteen bits for each member.
struct Bits {
    words: Vec<u64>,
    shift: u32,
}

impl Bits {
    fn new(hashes: impl ExactSizeIterator<Item = u64>) -> Bits {
        let bits = (hashes.len() * 16).next_power_of_two().max(1 << 12);
        let mut set = Bits {
            words: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        };
        for h in hashes {
            let i = set.index(h);
            set.words[i / 64] |= 1 << (i % 64);
        }
        set
    }

    fn index(&self, hash: u64) -> usize {
        // The top bits of a multiplied hash are its best mixed.
        (hash.wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.shift) as usize
    }

    fn contains(&self, hash: u64) -> bool {
        let i = self.index(hash);
        self.words[i / 64] & (1 << (i % 64)) != 0
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    const CLAIMS: &str = r#"
version: 1
people:
  putin: { name: Vladimir Putin, aliases: [Putin, Vladimir Putin] }
  ushakov: { name: Yuri Ushakov, aliases: [Ushakov] }
quotes:
  main-event: { text: "It will be the main international event of the summer.", speaker: ushakov }
  short: { text: "Very good thing.", speaker: putin }
"#;

    /// What `find` reports in `text`, as "target text" lines.
    fn found(text: &str) -> Vec<String> {
        let claims = crate::claims::parse(CLAIMS, "claims.yaml").unwrap();
        let matcher = Matcher::new(&claims);
        matcher
            .find(&normalize(text))
            .into_iter()
            .map(|m| format!("{:?} {}", m.target, &text[m.span]))
            .collect()
    }

    #[test]
    fn finds_names_and_quote_fragments() {
        let rows: &[(&str, &[&str])] = &[
            // A longer name hides the shorter one inside it.
            ("Vladimir Putin spoke.", &["Person(0) Vladimir Putin"]),
            ("Putin spoke.", &["Person(0) Putin"]),
            // Five-word fragments, across punctuation, case and spacing.
            (
                "He said: \"the MAIN international,  event of\" it.",
                &["Quote { quote: 0, word: 3 } the MAIN international,  event of"],
            ),
            (
                "It will be the main event.",
                &["Quote { quote: 0, word: 0 } It will be the main"],
            ),
            // A quote shorter than five words is matched whole.
            (
                "It is a very good thing.",
                &["Quote { quote: 1, word: 0 } very good thing"],
            ),
            // Near misses: four words of a fragment, a word out of order,
            // a quote's word inside a longer word.
            ("the main international event", &[]),
            ("it will the be main", &[]),
            ("very good things", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), *want, "{text}");
        }
    }

    #[test]
    fn overlapping_fragments_are_each_found() {
        let got = found("It will be the main international event");
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[2].starts_with("Quote { quote: 0, word: 2 } be the main"));
    }

    #[test]
    fn run_hash_matches_the_scan() {
        let claims = crate::claims::parse(CLAIMS, "claims.yaml").unwrap();
        let matcher = Matcher::new(&claims);
        for key in matcher.windows.keys() {
            assert!(matcher.window_bits.contains(run_hash(key)), "{key}");
        }
        assert_eq!(matcher.window_sizes, vec![3, 5]);
    }
}
