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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(
        words in prop::collection::vec(prop_oneof![
            "[A-Za-z]{1,9}",
            Just("Putin".to_string()), Just("Hamburg".to_string()), Just("G7 summit".to_string()),
            Just("“".to_string()), Just("”".to_string()), Just("\"".to_string()), Just("'".to_string()),
            Just("said".to_string()), Just("he".to_string()), Just("July 16".to_string()), Just("last Wednesday".to_string()),
            Just("Thursday, June 28".to_string()), Just("mid-July".to_string()), Just("[also]".to_string()),
            Just("U.S.".to_string()), Just("\n\n".to_string()), Just(". ".to_string()), Just("é".to_string()), Just("—".to_string()),
            Just("It will be the main international event of the summer".to_string()),
        ], 0..60),
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

    #[test]
    fn normalisation_maps_words_back(text in "\\PC{0,80}") {
        let n = claimcheck::text::normalize::normalize(&text);
        for (i, _) in n.text.char_indices() {
            prop_assert!(text.is_char_boundary(n.original(i)));
        }
    }
}
