//! Word lists the rules share, kept in one place so each is tested once and
//! extended once.

/// Verbs that introduce what someone said: "X said", "said X", "X told".
pub const SPEECH_VERBS: &[&str] = &[
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
];

/// Speech verbs that may come before their speaker ("said Yuri Ushakov").
pub const INVERTIBLE: &[&str] = &[
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
];

/// Phrases whose following name is the speaker ("according to X").
pub const SPEAKER_BEFORE_NAME: &[&str] = &[
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
];

/// Phrases whose following name is not the speaker: an addressee or an
/// outlet ("told Putin", "as quoted by The Guardian", "via Reuters").
pub const NOT_SPEAKER_BEFORE_NAME: &[&str] = &[
    "quoted by",
    "via",
    "reported by",
    "told",
    "to",
    "with",
    "cited by",
    "published by",
    "tells",
];

pub const PRONOUNS: &[&str] = &["he", "she", "they"];

/// Verbs that date a report rather than the event reported: a date right
/// after them ("the Kremlin reported Tuesday") is when it was said.
pub const REPORT_VERBS: &[&str] = &[
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
];

/// Nouns that make an event an act of saying ("the Kremlin's statement").
pub const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "announcement",
    "announcements",
    "communique",
    "readout",
    "declaration",
    "tweet",
];

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
pub const VENUE_MODIFIERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "annual", "upcoming", "recent",
    "city", "town", "capital", "village", "country", "of", "nearby", "host", "same", "s", "s'",
];

pub fn is_word_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
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
            STATEMENT_NOUNS,
            SPEECH_VERBS,
            INVERTIBLE,
            SPEAKER_BEFORE_NAME,
            NOT_SPEAKER_BEFORE_NAME,
            REPORT_VERBS,
            PLACING,
            VENUE_MODIFIERS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert_eq!(*w, w.to_lowercase());
                assert!(seen.insert(*w), "{w} twice");
            }
        }
        for v in INVERTIBLE {
            assert!(SPEECH_VERBS.contains(v), "{v} must be a speech verb");
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
