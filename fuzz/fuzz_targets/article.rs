//! A whole article, as bytes from disk, through reading, analysis and every
//! rule against the bundled claims: no panic, and every finding's span lies
//! on character boundaries and agrees with its line and column.
#![no_main]

use claimcheck::analysis::Analysis;
use claimcheck::finding::line_column;
use claimcheck::rules::{Output, registry};
use claimcheck::text::matcher::Matcher;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn claims() -> &'static claimcheck::claims::Claims {
    static CLAIMS: OnceLock<claimcheck::claims::Claims> = OnceLock::new();
    CLAIMS.get_or_init(|| {
        let text = include_str!("../../claims.yaml");
        claimcheck::claims::parse(text, "claims.yaml").expect("the bundled claims load")
    })
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(claims()))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so front matter is reached too.
    let (path, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("fuzz.md", rest),
        Some((_, rest)) => ("fuzz.txt", rest),
        None => ("fuzz.txt", data),
    };
    let Ok(article) = claimcheck::corpus::parse(Path::new(path), bytes.to_vec(), None) else {
        return;
    };
    let analysis = Analysis::new(claims(), matcher(), &article);
    let mut out = Output::default();
    for rule in registry() {
        rule.check(&analysis, &mut out);
    }
    let text = &article.text;
    for f in out.findings {
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert_eq!(line_column(text, f.span.start), (f.line, f.column));
    }
});
