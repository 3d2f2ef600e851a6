//! Property tests: arbitrary text never panics, and every reported span lies
//! on character boundaries and agrees with its line and column.

use claimcheck::analysis::Analysis;
use claimcheck::corpus::{Article, DateSource, Published};
use claimcheck::finding::line_column;
use claimcheck::rules::{Output, registry};
use claimcheck::text::matcher::Matcher;
use proptest::prelude::*;

fn claims() -> claimcheck::claims::Claims {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/claims.yaml")).unwrap();
    claimcheck::claims::parse(&text, "claims.yaml").unwrap()
}

/// Words of news-like text, claims' names and dates among them.
fn article_words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,9}",
            Just("Putin".to_string()),
            Just("Hamburg".to_string()),
            Just("G7 summit".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("said".to_string()),
            Just("he".to_string()),
            Just("July 16".to_string()),
            Just("last Wednesday".to_string()),
            Just("Thursday, June 28".to_string()),
            Just("mid-July".to_string()),
            Just("[also]".to_string()),
            Just("U.S.".to_string()),
            Just("\n\n".to_string()),
            Just(". ".to_string()),
            Just("é".to_string()),
            Just("—".to_string()),
            Just("It will be the main international event of the summer".to_string()),
        ],
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(
        words in article_words(),
        year in 1990i32..2030, day in 1u32..365,
    ) {
        let claims = claims();
        let matcher = Matcher::new(&claims);
        let text = words.join(" ");
        let date = chrono::NaiveDate::from_yo_opt(year, day);
        let article = Article {
            path: "a.txt".into(),
            text: text.clone(),
            body: 0..text.len(),
            published: date.map(|date| Published { date, source: DateSource::Claims, span: None }),
            notes: Vec::new(),
        };
        let analysis = Analysis::new(&claims, &matcher, &article);
        let mut out = Output::default();
        for rule in registry() {
            rule.check(&analysis, &mut out);
        }
        for f in out.findings {
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            prop_assert_eq!(line_column(&text, f.span.start), (f.line, f.column));
        }
    }

    /// A sweep over the sentences in order finds in each the mentions
    /// that searching its range finds, and that lie inside it.
    #[test]
    fn sentences_swept_hold_the_mentions_searched(words in article_words()) {
        let claims = claims();
        let matcher = Matcher::new(&claims);
        let text = words.join(" ");
        let article = Article {
            path: "a.txt".into(),
            text: text.clone(),
            body: 0..text.len(),
            published: None,
            notes: Vec::new(),
        };
        let analysis = Analysis::new(&claims, &matcher, &article);
        let mut sweep = analysis.sweep();
        for sentence in &analysis.sentences {
            let range = sentence.range.clone();
            let swept: Vec<_> = sweep.within(range.clone()).collect();
            let searched: Vec<_> = analysis.mentions_in(range.clone()).collect();
            // Every mention that lies inside the range, looked at one by one.
            let inside: Vec<_> = analysis
                .mentions
                .iter()
                .filter(|m| range.start <= m.span.start && m.span.start < range.end && m.span.end <= range.end)
                .collect();
            prop_assert_eq!(&swept, &searched);
            prop_assert_eq!(&swept, &inside);
        }
    }

    #[test]
    fn normalisation_maps_words_back(
        text in prop_oneof!["\\PC{0,80}", "[a-zA-Z0-9 .,\\[\\]éÉß’“”-]{0,80}"]
    ) {
        use claimcheck::text::normalize::{normalize, normalize_phrase};
        let n = normalize(&text);
        for (i, _) in n.text.char_indices() {
            prop_assert!(text.is_char_boundary(n.original(i)));
        }
        // Each normalised word maps back to original text that folds to it.
        let mut at = 0;
        for word in n.text.split(' ') {
            if !word.is_empty() {
                let back = &text[n.original_range(at, at + word.len())];
                prop_assert_eq!(normalize_phrase(back), word, "from {:?}", back);
            }
            at += word.len() + 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Reading time is total: any text, any publication date (calendar
    /// edges included), any tense, any anchor — no panic, and every
    /// resolved interval is ordered.
    #[test]
    fn resolution_is_total(
        words in prop::collection::vec(prop_oneof![
            "[A-Za-z0-9]{1,9}",
            Just("July".to_string()), Just("Sept.".to_string()), Just("31".to_string()), Just("29th".to_string()),
            Just("the".to_string()), Just("of".to_string()), Just("thirty-first".to_string()), Just("summer".to_string()),
            Just("last".to_string()), Just("next".to_string()), Just("this".to_string()), Just("weekend".to_string()),
            Just("ago".to_string()), Just("today".to_string()), Just("999".to_string()), Just("days".to_string()),
            Just("after".to_string()), Just("before".to_string()), Just("2018".to_string()), Just("-".to_string()),
            Just("Monday,".to_string()), Just("to".to_string()), Just("February".to_string()), Just("mid-".to_string()),
        ], 0..12),
        days in -3_000_000i32..3_000_000,
        amount in -100_000i64..100_000,
    ) {
        use claimcheck::temporal::{extract, resolve, Tense, DateRange};
        use claimcheck::temporal::extract::Unit;
        use claimcheck::temporal::resolve::from_anchor;
        let text = words.join(" ");
        let published = chrono::NaiveDate::from_num_days_from_ce_opt(days);
        for expr in extract(&text, 0..text.len(), &[]) {
            for tense in [Tense::Past, Tense::Future, Tense::Unknown] {
                for d in resolve(&expr, published, tense).dates() {
                    prop_assert!(d.start <= d.end);
                }
            }
        }
        if let Some(p) = published {
            for unit in [Unit::Day, Unit::Week, Unit::Weekend, Unit::Month, Unit::Year] {
                if let Some(d) = from_anchor(DateRange::day(p), amount, unit) {
                    prop_assert!(d.start <= d.end);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Suppression directives in any arrangement never panic, and every
    /// scope and unused-suppression span lies inside the text on
    /// character boundaries.
    #[test]
    fn suppressions_are_total(
        parts in prop::collection::vec(prop_oneof![
            Just("<!--".to_string()), Just("-->".to_string()), Just("claimcheck:".to_string()),
            Just(" ignore".to_string()), Just(" ignore-file".to_string()), Just(" disable".to_string()),
            Just(" enable".to_string()), Just(" venue".to_string()), Just(" date[x]".to_string()),
            Just(" all".to_string()), Just(" --".to_string()), Just("[".to_string()), Just("]".to_string()),
            Just("\n".to_string()), Just("\n\n".to_string()), Just("é".to_string()), Just(" why".to_string()),
            "[a-z ]{0,6}",
        ], 0..40),
    ) {
        let text = parts.concat();
        let rules = claimcheck::rules::ids();
        let mut notes = Vec::new();
        let directives = claimcheck::suppress::read(&text, &rules, &mut notes);
        for d in &directives {
            prop_assert!(d.scope.start <= d.scope.end && d.scope.end <= text.len());
            prop_assert!(text.is_char_boundary(d.scope.start) && text.is_char_boundary(d.scope.end));
        }
        let lines = claimcheck::finding::LineIndex::new(&text);
        let mut findings = Vec::new();
        for f in claimcheck::suppress::apply(&directives, &mut findings, "a.md", &text, &lines) {
            prop_assert!(text.get(f.span.clone()).is_some());
            prop_assert_eq!((f.line, f.column), line_column(&text, f.span.start));
        }
    }
}
