//! Word lists the rules share, kept in one place so each is tested once and
//! extended once.

/// Verbs that introduce what someone said: "X said", "said X", "X told".
pub const SPEECH_VERBS: Words = Words::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "tweeted",
    "tweets",
    "posted",
    "vented",
    "emphasized",
    "emphasised",
    "stressed",
    "stated",
    "states",
    "noted",
    "notes",
    "explained",
    "insisted",
    "declared",
    "remarked",
    "argued",
    "asked",
    "replied",
    "responded",
    "continued",
    "warned",
    "commented",
    "recalled",
    "acknowledged",
    "admitted",
    "conceded",
    "claimed",
    "announced",
    "suggested",
    "predicted",
    "quipped",
    "joked",
    "concluded",
    "confirmed",
    "urged",
]);

/// Speech verbs that may come before their speaker ("said Yuri Ushakov").
pub const INVERTIBLE: Words = Words::new(&[
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "continued",
    "explained",
    "noted",
    "stated",
    "declared",
    "insisted",
    "recalled",
    "warned",
    "replied",
    "quipped",
    "concluded",
]);

/// Phrases whose following name is the speaker ("according to X").
pub const SPEAKER_BEFORE_NAME: Phrases = Phrases::new(&[
    "according to",
    "as stated by",
    "stated by",
    "as said by",
    "as told by",
    "a statement from",
    "a statement by",
    "statement from",
    "statement by",
    "in the words of",
    "as put by",
]);

/// Phrases whose following name is not the speaker: an addressee or an
/// outlet ("told Putin", "as quoted by The Guardian", "via Reuters").
pub const NOT_SPEAKER_BEFORE_NAME: Phrases = Phrases::new(&[
    "quoted by",
    "via",
    "reported by",
    "told",
    "to",
    "with",
    "cited by",
    "published by",
    "tells",
]);

pub const PRONOUNS: Words = Words::new(&["he", "she", "they"]);

/// Verbs that date a report rather than the event reported: a date right
/// after them ("the Kremlin reported Tuesday") is when it was said.
pub const REPORT_VERBS: Words = Words::new(&[
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "announced",
    "announce",
    "announces",
    "confirmed",
    "confirms",
    "posted",
    "issued",
    "stated",
    "tweeted",
    "wrote",
    "added",
    "declared",
    "revealed",
    "disclosed",
    "published",
    "released",
    "asked",
    "explained",
    "noted",
    "briefed",
]);

/// Nouns that make an event an act of saying ("the Kremlin's statement").
pub const STATEMENT_NOUNS: Words = Words::new(&[
    "statement",
    "statements",
    "announcement",
    "announcements",
    "communique",
    "readout",
    "declaration",
    "tweet",
]);

/// Prepositions that place an event at a venue ("at the G20 summit").
pub const PLACING: &[&str] = &[
    "at",
    "in",
    "during",
    "inside",
    "within",
    "on the sidelines of",
    "on the margins of",
    "hosted by",
];

/// Words that may stand between a placing preposition and a venue
/// ("in the German city of Hamburg", "at the annual NATO summit").
pub const VENUE_MODIFIERS: Words = Words::new(&[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "annual", "upcoming", "recent",
    "city", "town", "capital", "village", "country", "of", "nearby", "host", "same", "s", "s'",
]);

/// Lowercase words, looked up in any ASCII case. Most words looked up
/// are in no list, and the lengths each first letter starts rule them
/// out before any comparison.
pub struct Words {
    list: &'static [&'static str],
    /// Bit `n` of `lengths[slot]`: a word of `n` bytes (31 for longer)
    /// starts with the letter of `slot` (26 for any other byte).
    lengths: [u32; 27],
    /// Bit `slot` of `lasts[first]`: a word that starts with the letter
    /// of `first` ends with the letter of `slot`. Most words that pass
    /// the lengths ("summit" for "stated") fail this.
    lasts: [u32; 27],
    /// The list is in byte order: a word that passes the mask is found
    /// by halves, not by reading the list through.
    sorted: bool,
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Words {
        // A word is its own last word.
        let (lengths, lasts) = last_word_masks(list);
        Words {
            list,
            lengths,
            lasts,
            sorted: is_sorted(list),
        }
    }

    /// Whether `word` is in the list, in any ASCII case.
    pub fn has(&self, word: &str) -> bool {
        let w = word.as_bytes();
        let first = slot(w.first());
        if self.lengths[first] & length_bit(w.len()) == 0
            || self.lasts[first] & (1 << slot(w.last())) == 0
        {
            return false;
        }
        if self.sorted {
            // Lowercased once, then compared as slices: an iterator of
            // lowercased bytes, compared at each step of the search, cost
            // twice as much.
            let mut lower = [0u8; 32];
            match lower.get_mut(..w.len()) {
                Some(lower) => {
                    lower.copy_from_slice(w);
                    lower.make_ascii_lowercase();
                    let lower = &*lower;
                    self.list
                        .binary_search_by(|l| l.as_bytes().cmp(lower))
                        .is_ok()
                }
                None => self
                    .list
                    .binary_search_by(|l| l.bytes().cmp(w.iter().map(u8::to_ascii_lowercase)))
                    .is_ok(),
            }
        } else {
            self.list.iter().any(|l| l.eq_ignore_ascii_case(word))
        }
    }

    pub fn list(&self) -> &'static [&'static str] {
        self.list
    }
}

/// Whether `word` is in a short list of lowercase words, in any ASCII case.
pub fn is_word_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Phrases of lowercase words, and the lengths their last words start
/// with each letter, as in [`Words`].
pub struct Phrases {
    list: &'static [&'static str],
    last: [u32; 27],
}

impl Phrases {
    pub const fn new(list: &'static [&'static str]) -> Phrases {
        Phrases {
            list,
            last: last_word_masks(list).0,
        }
    }

    pub fn list(&self) -> &'static [&'static str] {
        self.list
    }

    /// False when no phrase ends with the ASCII `word` in any case.
    pub fn may_end_with(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.last[slot(w.first())] & length_bit(w.len()) != 0
    }
}

/// Where the last word of `p` starts: after its last space.
const fn last_word_start(p: &[u8]) -> usize {
    let mut start = p.len();
    while start > 0 && p[start - 1] != b' ' {
        start -= 1;
    }
    start
}

/// The masks of [`Words`]: for each first letter of the last words
/// (after the last space) of `list`, the lengths of those words, and the
/// letters they end with.
const fn last_word_masks(list: &[&str]) -> ([u32; 27], [u32; 27]) {
    let mut lengths = [0; 27];
    let mut lasts = [0; 27];
    let mut i = 0;
    while i < list.len() {
        let p = list[i].as_bytes();
        let start = last_word_start(p);
        let (first, last) = if start < p.len() {
            (Some(&p[start]), Some(&p[p.len() - 1]))
        } else {
            (None, None)
        };
        lengths[slot(first)] |= length_bit(p.len() - start);
        lasts[slot(first)] |= 1 << slot(last);
        i += 1;
    }
    (lengths, lasts)
}

/// Whether `list` is in strictly rising byte order.
const fn is_sorted(list: &[&str]) -> bool {
    let mut i = 1;
    while i < list.len() {
        let (a, b) = (list[i - 1].as_bytes(), list[i].as_bytes());
        let mut at = 0;
        while at < a.len() && at < b.len() && a[at] == b[at] {
            at += 1;
        }
        let below = if at < a.len() && at < b.len() {
            a[at] < b[at]
        } else {
            a.len() < b.len()
        };
        if !below {
            return false;
        }
        i += 1;
    }
    true
}

const fn slot(first: Option<&u8>) -> usize {
    match first {
        Some(c) if c.is_ascii_alphabetic() => (c.to_ascii_lowercase() - b'a') as usize,
        _ => 26,
    }
}

const fn length_bit(len: usize) -> u32 {
    1 << if len < 31 { len } else { 31 }
}

/// Whether `word` ends with the lowercase ASCII `suffix`, in any case,
/// without lowercasing a copy of the word.
pub fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase_and_unique() {
        for list in [
            STATEMENT_NOUNS.list(),
            SPEECH_VERBS.list(),
            INVERTIBLE.list(),
            SPEAKER_BEFORE_NAME.list(),
            NOT_SPEAKER_BEFORE_NAME.list(),
            REPORT_VERBS.list(),
            PLACING,
            VENUE_MODIFIERS.list(),
            PRONOUNS.list(),
        ] {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert_eq!(*w, w.to_lowercase());
                assert!(seen.insert(*w), "{w} twice");
            }
        }
        for v in INVERTIBLE.list() {
            assert!(SPEECH_VERBS.has(v), "{v} must be a speech verb");
        }
    }

    /// The length masks rule out only words the list does not hold.
    #[test]
    fn words_are_found_as_the_plain_lookup_finds_them() {
        const ODD: Words = Words::new(&[
            "a",
            "s'",
            "\u{e9}t\u{e9}",
            "7th",
            "internationalisation-wide-word",
        ]);
        // Sorted, so looked up by halves.
        // With a word longer than the buffer a probe is lowercased into.
        const SORTED: Words = Words::new(&[
            "7th",
            "a",
            "an",
            "he",
            "s'",
            "said",
            "the",
            "thirty-three-thousand-three-hundred-and-three",
            "\u{e9}t\u{e9}",
        ]);
        const { assert!(SORTED.sorted && !ODD.sorted) };
        let lists = [
            SPEECH_VERBS,
            INVERTIBLE,
            REPORT_VERBS,
            STATEMENT_NOUNS,
            VENUE_MODIFIERS,
            PRONOUNS,
            ODD,
            SORTED,
        ];
        let probes = [
            "",
            "a",
            "A",
            "an",
            "s",
            "s'",
            "S'",
            "said",
            "SAID",
            "Said",
            "saids",
            "sai",
            "told",
            "he",
            "He",
            "HE",
            "hex",
            "\u{e9}t\u{e9}",
            "\u{c9}t\u{e9}",
            "7th",
            "7TH",
            "8th",
            "the",
            "statement",
            "Statements",
            "tweet",
            "internationalisation-wide-word",
            "internationalisation-wide-wore",
            "city",
            "capital",
            "\u{e9}",
            "'s",
        ];
        for words in &lists {
            // The masks hold last words: a list of words holds no phrase.
            assert!(words.list().iter().all(|w| !w.contains(' ')));
            let mut all: Vec<String> = probes.iter().map(|p| p.to_string()).collect();
            for w in words.list() {
                all.push(w.to_string());
                all.push(w.to_uppercase());
                all.push(format!("{w}s"));
                let mut shorter = w.chars();
                shorter.next_back();
                all.push(shorter.as_str().to_string());
            }
            for probe in &all {
                assert_eq!(
                    words.has(probe),
                    is_word_in(probe, words.list()),
                    "{probe:?}"
                );
            }
        }
    }

    #[test]
    fn suffixes_in_any_case() {
        let rows = [
            ("meeting", "ing", true),
            ("MEETING", "ing", true),
            ("Visited", "ed", true),
            ("ing", "ing", true),
            ("ng", "ing", false),
            ("sing", "ed", false),
            ("", "ed", false),
            ("caf\u{e9}d", "ed", false),
            ("\u{e9}ed", "ed", true),
        ];
        for (word, suffix, want) in rows {
            assert_eq!(ends_with_ignore_case(word, suffix), want, "{word} {suffix}");
        }
    }
}
