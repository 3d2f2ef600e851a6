//! The one-pass phrase matcher: every cue, name, alias, venue and quote
//! fragment of every claim, found in one reading of an article's words
//! (`phrases.rs`). A phrase is found wherever its words stand in the
//! normalised text, including inside another phrase; `mentions` then
//! drops a name inside a longer name of the same group ("president"
//! inside "us president").

use super::normalize::normalize_phrase;
use super::phrases::Phrases;
use crate::claims::{Claims, Idx};
use crate::lexicon;
use crate::lists::Lists;
use std::collections::{BTreeMap, HashMap};
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
    /// Byte range in the article's normalised text.
    pub norm: Range<usize>,
}

/// What finding an event's mentions needs of one of its cues, read once
/// from the claims: how many phrases it has, and whether one names an
/// act of saying ("announced", "statement").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueShape {
    pub parts: usize,
    pub statement: bool,
}

pub struct Matcher {
    /// Every phrase of every claim.
    phrases: Phrases<Tag>,
    /// The targets of each phrase (one phrase may name several things).
    targets: Lists<Target>,
    /// Words in each quote, normalised.
    pub quote_words: Vec<Vec<String>>,
    /// The shapes of each event's cues.
    cues: Lists<CueShape>,
}

/// A phrase's targets as the phrase finder keeps them, beside the
/// phrase: most phrases have one, packed into eight bytes. Packed, the
/// phrase finder's entry for a phrase fits in half a cache line; with
/// the target whole it took most of one, often across two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag(u64);

impl Tag {
    /// Several targets, none, or one too large to pack: those of
    /// [`Matcher::targets`]. No target packs to it (its kind is 7).
    const MANY: Tag = Tag(u64::MAX);

    /// The kind takes the low three bits, then come up to three fields
    /// of 32, 15 and 14 bits.
    fn new(targets: &[Target]) -> Tag {
        let [one] = targets else {
            return Tag::MANY;
        };
        let (kind, a, b, c) = match *one {
            Target::Cue { event, cue, part } => (0, event, cue, part),
            Target::Person(p) => (1, p, 0, 0),
            Target::Role { person, role } => (2, person, role, 0),
            Target::Organization(o) => (3, o, 0, 0),
            Target::Venue(v) => (4, v, 0, 0),
            Target::Quote { quote, word } => (5, quote, word, 0),
            Target::Weekday => (6, 0, 0, 0),
        };
        if a >= 1 << 32 || b >= 1 << 15 || c >= 1 << 14 {
            return Tag::MANY;
        }
        Tag(kind | (a as u64) << 3 | (b as u64) << 35 | (c as u64) << 50)
    }

    /// The one target, unless there are many.
    fn target(self) -> Option<Target> {
        let a = (self.0 >> 3) as u32 as usize;
        let b = (self.0 >> 35) as usize & ((1 << 15) - 1);
        let c = (self.0 >> 50) as usize;
        Some(match self.0 & 7 {
            0 => Target::Cue {
                event: a,
                cue: b,
                part: c,
            },
            1 => Target::Person(a),
            2 => Target::Role { person: a, role: b },
            3 => Target::Organization(a),
            4 => Target::Venue(a),
            5 => Target::Quote { quote: a, word: b },
            6 => Target::Weekday,
            _ => return None,
        })
    }
}

/// The words of a normalised quote, as [`Matcher::quote_words`] keeps them.
pub fn words_of(normalized: &str) -> Vec<String> {
    normalized.split(' ').map(str::to_string).collect()
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
        // The quotes' fragments are a large share of the phrases of many
        // claims: they are made while the other phrases are gathered.
        let (mut builder, quotes) =
            rayon::join(|| PatternSet::of_names(claims), || Quotes::new(claims));
        let Quotes {
            words: quote_words,
            windows,
            short,
        } = quotes;
        for (phrase, target) in short {
            // A short quote counts only whole: one phrase like any other.
            builder.add_normalized(&phrase, target);
        }
        for w in WEEKDAYS {
            builder.add_normalized(w, Target::Weekday);
        }
        // Fragments come already apart, each with its targets: they skip
        // the set's map.
        let PatternSet {
            mut patterns,
            mut targets,
            ..
        } = builder;
        for (window, of) in windows {
            patterns.push(window.into_string());
            targets.push(of);
        }
        let cues = Lists::new(claims.events.iter().map(|e| {
            e.cues.iter().map(|cue| CueShape {
                parts: cue.len(),
                statement: cue.iter().any(|phrase| {
                    phrase
                        .split_whitespace()
                        .any(|w| lexicon::REPORT_VERBS.has(w) || lexicon::STATEMENT_NOUNS.has(w))
                }),
            })
        }));
        // Each phrase's targets in order, so that its mentions at one
        // place come out in the order they are sorted in.
        for of in &mut targets {
            of.sort_unstable();
        }
        let targets = Lists::new(targets);
        let tag = |i: usize| Tag::new(targets.get(i));
        Matcher {
            phrases: Phrases::new(patterns, tag),
            targets,
            quote_words,
            cues,
        }
    }

    /// The shapes of the cues of event `event`, in the claims' order.
    pub fn cues(&self, event: Idx) -> &[CueShape] {
        self.cues.get(event)
    }

    /// Every mention in `text`, sorted by position.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        // Gathered in this thread's buffer, and copied out at their
        // number: most articles of an archive mention nothing, and need no
        // vector at all.
        let mut found = FOUND.take();
        found.clear();
        self.phrases.find(text, |phrase, tag, span, norm| {
            let one = tag.target();
            let targets = match &one {
                Some(target) => std::slice::from_ref(target),
                None => self.targets.get(phrase),
            };
            for &target in targets {
                found.push(Mention {
                    target,
                    span: span.clone(),
                    norm: norm.clone(),
                });
            }
        });
        // In order of their spans, which is the order of their
        // normalised ranges too, as `drop_covered_names` needs.
        sort_nearly_sorted(&mut found, |m| (m.span.start, m.span.end, m.target));
        found.dedup();
        drop_covered_names(&mut found);
        let mentions = found.clone();
        // A huge article's are not kept.
        if found.capacity() <= KEPT_FOUND {
            FOUND.set(found);
        }
        mentions
    }
}

const KEPT_FOUND: usize = 1 << 14;

thread_local! {
    static FOUND: std::cell::Cell<Vec<Mention>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Sorts `items` by `key`, by insertion: the phrases are found in the
/// order of their anchors, and a phrase starts at most its length in
/// words before its anchor, so each mention is only a few places from
/// its own. A general sort cost three times as much on copy that names
/// claims in every sentence. Past a few moves per item (claims that give
/// one phrase thousands of targets could make insertion quadratic), the
/// rest is left to a general sort.
fn sort_nearly_sorted<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let mut moves = 8 * items.len() + 64;
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            if moves == 0 {
                items.sort_unstable_by_key(&key);
                return;
            }
            moves -= 1;
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Drops each name inside a strictly longer name of its group ("Putin"
/// inside "Vladimir Putin"), in one pass over the mentions, which are in
/// order of their normalised ranges' starts: a longer name either starts
/// before (and ends at or after) or starts at the same place and ends
/// after.
fn drop_covered_names(found: &mut Vec<Mention>) {
    // The largest end per group among names starting before this block
    // of equal starts, and within it.
    let mut before = [0usize; 3];
    let mut covered: Vec<bool> = Vec::new();
    let mut block = 0;
    while block < found.len() {
        let start = found[block].norm.start;
        let next = block
            + found[block..]
                .iter()
                .take_while(|m| m.norm.start == start)
                .count();
        let mut longest = [0usize; 3];
        for m in &found[block..next] {
            let g = m.target.group() as usize;
            if g <= 2 {
                longest[g] = longest[g].max(m.norm.end);
            }
        }
        for (i, m) in found[block..next].iter().enumerate() {
            let g = m.target.group() as usize;
            if g <= 2 && (before[g] >= m.norm.end || longest[g] > m.norm.end) {
                if covered.is_empty() {
                    covered = vec![false; found.len()];
                }
                covered[block + i] = true;
            }
        }
        for g in 0..3 {
            before[g] = before[g].max(longest[g]);
        }
        block = next;
    }
    if !covered.is_empty() {
        let mut i = 0;
        found.retain(|_| {
            i += 1;
            !covered[i - 1]
        });
    }
}

/// The quotes' phrases: each quote's words, the fragments of the long
/// ones, and the short ones whole.
struct Quotes {
    words: Vec<Vec<String>>,
    /// In a BTreeMap so that patterns are added in the same order on every run.
    windows: BTreeMap<Box<str>, Vec<Target>>,
    short: Vec<(String, Target)>,
}

impl Quotes {
    fn new(claims: &Claims) -> Quotes {
        let mut words = Vec::new();
        let mut windows: BTreeMap<Box<str>, Vec<Target>> = BTreeMap::new();
        let mut short = Vec::new();
        for (i, q) in claims.quotes.iter().enumerate() {
            let normalized = normalize_phrase(&q.text);
            let quote = words_of(&normalized);
            if quote.len() >= FRAGMENT_WORDS {
                for (start, window) in quote.windows(FRAGMENT_WORDS).enumerate() {
                    let target = Target::Quote {
                        quote: i,
                        word: start,
                    };
                    let at = windows.entry(window.join(" ").into()).or_default();
                    if !at.contains(&target) {
                        at.push(target);
                    }
                }
            } else if !normalized.is_empty() {
                short.push((normalized, Target::Quote { quote: i, word: 0 }));
            }
            words.push(quote);
        }
        Quotes {
            words,
            windows,
            short,
        }
    }
}

#[derive(Default)]
struct PatternSet {
    patterns: Vec<String>,
    targets: Vec<Vec<Target>>,
    index: HashMap<String, usize>,
}

impl PatternSet {
    /// The cues, names, roles, organisations and venues of `claims`.
    fn of_names(claims: &Claims) -> PatternSet {
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
        builder
    }

    fn add(&mut self, phrase: &str, target: Target) {
        let normalized = normalize_phrase(phrase);
        if !normalized.is_empty() {
            self.add_normalized(&normalized, target);
        }
    }

    fn add_normalized(&mut self, normalized: &str, target: Target) {
        let at = *self.index.entry(normalized.to_string()).or_insert_with(|| {
            self.patterns.push(normalized.to_string());
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
    use proptest::prelude::*;

    const CLAIMS: &str = r#"
version: 1
people:
  putin: { name: Vladimir Putin, aliases: [Putin, Vladimir Putin] }
  ushakov: { name: Yuri Ushakov, aliases: [Ushakov] }
quotes:
  main-event: { text: "It will be the main international event of the summer.", speaker: ushakov }
  short: { text: "Very good thing.", speaker: putin }
"#;

    #[test]
    fn nearly_sorted_items_are_sorted_as_a_sort_sorts_them() {
        // Reversed, too far from its order for insertion alone.
        let far: Vec<(u32, u32)> = (0..200).rev().map(|i| (i, 0)).collect();
        let rows: [&[(u32, u32)]; 7] = [
            &far,
            &[],
            &[(1, 0)],
            &[(1, 0), (2, 0), (3, 0)],
            &[(2, 1), (1, 5), (3, 0), (2, 0), (5, 2), (4, 4)],
            &[(9, 0), (8, 0), (7, 0), (6, 0), (5, 0)],
            &[(3, 1), (3, 0), (3, 1), (1, 7), (3, 0)],
        ];
        for row in rows {
            let mut got = row.to_vec();
            sort_nearly_sorted(&mut got, |&(a, b)| (a, b));
            let mut want = row.to_vec();
            want.sort();
            assert_eq!(got, want, "{row:?}");
        }
    }

    #[test]
    fn tags_give_back_the_target_they_pack() {
        let big = 1 << 32;
        let rows = [
            (
                Target::Cue {
                    event: big - 1,
                    cue: (1 << 15) - 1,
                    part: (1 << 14) - 1,
                },
                true,
            ),
            (
                Target::Cue {
                    event: 3,
                    cue: 1,
                    part: 2,
                },
                true,
            ),
            (
                Target::Cue {
                    event: big,
                    cue: 0,
                    part: 0,
                },
                false,
            ),
            (
                Target::Cue {
                    event: 0,
                    cue: 1 << 15,
                    part: 0,
                },
                false,
            ),
            (
                Target::Cue {
                    event: 0,
                    cue: 0,
                    part: 1 << 14,
                },
                false,
            ),
            (Target::Person(7), true),
            (Target::Person(big), false),
            (Target::Role { person: 2, role: 5 }, true),
            (Target::Organization(big - 1), true),
            (Target::Venue(0), true),
            (
                Target::Quote {
                    quote: 9,
                    word: 300,
                },
                true,
            ),
            (
                Target::Quote {
                    quote: 9,
                    word: 1 << 15,
                },
                false,
            ),
            (Target::Weekday, true),
        ];
        for (target, packs) in rows {
            let want = packs.then_some(target);
            assert_eq!(Tag::new(&[target]).target(), want, "{target:?}");
        }
        assert_eq!(Tag::new(&[]).target(), None);
        assert_eq!(
            Tag::new(&[Target::Weekday, Target::Person(1)]).target(),
            None
        );
    }

    /// What `mentions` reports in `text`, as "target text" lines.
    fn found(text: &str) -> Vec<String> {
        let claims = crate::claims::parse(CLAIMS, "claims.yaml").unwrap();
        let matcher = Matcher::new(&claims);
        matcher
            .mentions(text)
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

    /// One pass drops what asking every pair drops: a name of a group
    /// inside a strictly longer name of the same group.
    #[test]
    fn covered_names_are_those_a_longer_name_holds() {
        let targets = [
            Target::Person(0),
            Target::Venue(1),
            Target::Organization(2),
            Target::Cue {
                event: 0,
                cue: 0,
                part: 0,
            },
            Target::Quote { quote: 0, word: 0 },
            Target::Weekday,
        ];
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..3000 {
            let found: Vec<Mention> = (0..next(12))
                .map(|_| {
                    let start = 1 + next(10) as usize;
                    let end = start + 1 + next(6) as usize;
                    Mention {
                        target: targets[next(6) as usize],
                        span: start..end,
                        norm: start..end,
                    }
                })
                .collect();
            let mut want: Vec<Mention> = found
                .iter()
                .filter(|m| {
                    let g = m.target.group();
                    g > 2
                        || !found.iter().any(|r| {
                            r.target.group() == g
                                && r.norm.start <= m.norm.start
                                && r.norm.end >= m.norm.end
                                && r.norm.len() > m.norm.len()
                        })
                })
                .cloned()
                .collect();
            let mut got = found.clone();
            got.sort_by_key(|m| m.norm.start);
            drop_covered_names(&mut got);
            let key = |m: &Mention| (m.norm.start, m.norm.end, m.target);
            want.sort_by_key(key);
            got.sort_by_key(key);
            assert_eq!(got, want, "{found:?}");
        }
    }

    #[test]
    fn cue_shapes_count_parts_and_acts_of_saying() {
        let claims = crate::claims::parse(
            r#"
version: 1
events:
  meeting: { date: 2017-07-07, cues: [first meeting, [Putin, Hamburg]] }
  said: { date: 2018-06-28, cues: [[Announced, summit], [the statement], [tweets]] }
"#,
            "claims.yaml",
        )
        .unwrap();
        let matcher = Matcher::new(&claims);
        let shape = |parts, statement| CueShape { parts, statement };
        assert_eq!(matcher.cues(0), [shape(1, false), shape(2, false)]);
        assert_eq!(
            matcher.cues(1),
            [shape(2, true), shape(1, true), shape(1, false)]
        );
    }

    /// The mentions made from every place a phrase stands, found by
    /// looking everywhere in the normalised text.
    fn mentions_everywhere(matcher: &Matcher, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        for (phrase, span, norm) in matcher.phrases.everywhere(text) {
            for &target in matcher.targets.get(phrase) {
                found.push(Mention {
                    target,
                    span: span.clone(),
                    norm: norm.clone(),
                });
            }
        }
        found.sort_by_key(|m| (m.norm.start, m.norm.end));
        drop_covered_names(&mut found);
        found.sort_by_key(|m| (m.span.start, m.span.end, m.target));
        found.dedup();
        found
    }

    fn bundled() -> Claims {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/claims.yaml");
        crate::claims::load(std::path::Path::new(path)).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The mentions are those that looking everywhere finds, on
        /// text of filler words, the bundled claims' names and quotes,
        /// marks, abbreviations, accents and brackets.
        #[test]
        fn mentions_are_those_found_looking_everywhere(
            words in prop::collection::vec(prop_oneof![
                12 => "[a-zA-Z0-9]{1,12}",
                12 => Just(" ".to_string()),
                2 => prop_oneof![
                    Just("Putin"), Just("Vladimir Putin"), Just("Hamburg"), Just("G7 summit"), Just("G20"),
                    Just("summit"), Just("Trump"), Just("U.S."), Just("U.S. President"), Just("Mr."),
                    Just("Vladímir"), Just("Straße"), Just("“"), Just("’s"), Just("—"), Just("\n\n"),
                    Just(". "), Just(", "), Just("[also]"), Just("Thursday"), Just("It will be the main"),
                    Just("international event of the summer"), Just("”"), Just("."), Just("é"), Just("["),
                ].prop_map(str::to_string),
            ], 0..320),
        ) {
            let claims = bundled();
            let matcher = Matcher::new(&claims);
            // Joined as they come: words run into marks and letters.
            let text = words.concat();
            prop_assert_eq!(matcher.mentions(&text), mentions_everywhere(&matcher, &text));
        }
    }
}
