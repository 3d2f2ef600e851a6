//! Paragraph and sentence boundaries in news text.
//!
//! Cues must co-occur in one sentence, so the splitter errs on the side of
//! keeping sentences whole: it never splits after a title ("Mr.", "Gen."), an
//! initial ("D. Trump"), a dotted abbreviation ("U.S."), or before a word in
//! lower case. A blank line always ends a paragraph.

use crate::lexicon::Words;
use crate::text::marks::Marks;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the article, without surrounding white space.
    pub range: Range<usize>,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// Words that end with a dot without ending a sentence.
const ABBREVIATIONS: Words = Words::new(&[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "maj", "sgt", "adm", "sen", "rep",
    "gov", "pres", "amb", "st", "jr", "sr", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
    "est", "fig", "p.m", "a.m",
]);

/// The longest of [`ABBREVIATIONS`], in bytes: most words before a dot
/// are longer, and need not be looked up.
const LONGEST_ABBREVIATION: usize = 6;

/// Splits `text[range]` into sentences.
pub fn split(text: &str, range: Range<usize>) -> Vec<Sentence> {
    split_paragraphs(text, &paragraphs(text, range))
}

/// Splits each of `paragraphs` (from [`paragraphs`]) into sentences.
pub fn split_paragraphs(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    // Sized once: about one sentence in every 80 bytes of news copy.
    let total: usize = paragraphs.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity((total / 80 + 1).min(4096));
    let mut ends = Vec::new();
    for (paragraph, para) in paragraphs.iter().cloned().enumerate() {
        let mut start = para.start;
        ends.clear();
        sentence_ends(text, para.clone(), &mut ends);
        for &end in &ends {
            push_trimmed(&mut out, text, start..end, paragraph);
            start = end;
        }
        push_trimmed(&mut out, text, start..para.end, paragraph);
    }
    out
}

/// The longest run read as one sentence. Real sentences are far shorter; a
/// run without sentence ends (a 50 MB line) is cut at white space so that
/// work per sentence stays bounded.
pub const MAX_SENTENCE: usize = 2_000;

fn push_trimmed(out: &mut Vec<Sentence>, text: &str, range: Range<usize>, paragraph: usize) {
    let mut range = range;
    while range.end - range.start > MAX_SENTENCE {
        let mut cut = range.start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[range.start..cut]
            .rfind(char::is_whitespace)
            .map(|i| range.start + i + 1)
            .filter(|&c| c > range.start + MAX_SENTENCE / 2)
            .unwrap_or(cut);
        push_piece(out, text, range.start..cut, paragraph);
        range.start = cut;
    }
    push_piece(out, text, range, paragraph);
}

fn push_piece(out: &mut Vec<Sentence>, text: &str, range: Range<usize>, paragraph: usize) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Sentence {
            range: range.start + lead..range.end - trail,
            paragraph,
        });
    }
}

/// Paragraphs: runs of text separated by blank lines.
pub fn paragraphs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // Sized once: news paragraphs are rarely shorter than 128 bytes.
    let mut out = Vec::with_capacity((range.len() / 128 + 1).min(1024));
    let mut start = range.start;
    let mut line_start = range.start;
    // Line by line: a blank line ends a paragraph. Most lines are not
    // blank, and `trim_start` says so at their first character.
    let blank = |r: Range<usize>| text[r].trim_start().is_empty();
    for newline in memchr::memchr_iter(b'\n', &text.as_bytes()[range.clone()]) {
        let end = range.start + newline + 1;
        if blank(line_start..end) {
            if line_start > start {
                out.push(start..line_start);
            }
            start = end;
        }
        line_start = end;
    }
    if start < range.end && !blank(start..range.end) {
        out.push(start..range.end);
    }
    out.retain(|r| !blank(r.clone()));
    out
}

/// Pushes to `out` the byte offsets just after each sentence-ending
/// punctuation in `range`.
fn sentence_ends(text: &str, range: Range<usize>, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let slice = &text[range.clone()];
    // Only terminators matter: '.', '!', '?' and '…' (which starts with
    // 0xE2); other bytes are skipped without decoding.
    let mut marks = Marks::new(slice.as_bytes(), [b'.', b'!', b'?'], 0xE2);
    let mut i = 0;
    while let Some(k) = marks.next(i) {
        i = k;
        let c = slice[i..].chars().next().expect("a char boundary");
        let at = range.start + i;
        i += c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow further terminators and closing quotes or brackets.
        let mut end = at + c.len_utf8();
        for d in slice[i..].chars() {
            if matches!(
                d,
                '.' | '!' | '?' | '”' | '’' | '"' | '\'' | ')' | ']' | '»'
            ) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end - range.start;
        if end >= range.end || !(bytes[end] as char).is_ascii_whitespace() {
            continue;
        }
        let next = text[end..range.end].trim_start().chars().next();
        let starts_sentence =
            next.is_some_and(|n| !n.is_lowercase() && !matches!(n, ',' | ';' | ':' | ')' | ']'));
        if starts_sentence && !(c == '.' && ends_abbreviation(&text[range.start..at])) {
            out.push(end);
        }
    }
}

/// True when the word before a dot is an abbreviation, an initial or a dotted
/// abbreviation such as "U.S".
fn ends_abbreviation(before: &str) -> bool {
    // Most sentences end in a word of lowercase ASCII letters: no initial,
    // no dotted abbreviation, and only a short one can be in the list.
    let bytes = before.as_bytes();
    let lower = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let start = bytes.len() - lower;
    let whole = start
        .checked_sub(1)
        .is_none_or(|i| bytes[i].is_ascii_whitespace() || matches!(bytes[i], b'(' | b'"'));
    !(whole && lower > LONGEST_ABBREVIATION) && last_word_is_abbreviation(before)
}

/// [`ends_abbreviation`], by reading the last word whatever it is.
fn last_word_is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '—' | '–'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1
        && word.chars().all(|c| c.is_alphabetic())
        && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
        // ASCII case is enough: no other character lowercases to one of
        // these letters (the Kelvin sign's "k" is in none of them).
        || ABBREVIATIONS.has(word)
}

/// Words that begin a clause after a comma.
const AFTER_COMMA: &[&str] = &[
    "and", "but", "while", "whereas", "although", "though", "which", "who", "whom", "where",
    "when", "as", "so", "yet", "or",
];

/// Where clauses of a sentence begin: after a semicolon or a dash, and at a
/// coordinating or relative word after a comma (", and", ", while",
/// ", which"). A date belongs to the event of its own clause first.
pub fn clause_breaks(sentence: &str, offset: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let bytes = sentence.as_bytes();
    // Only these marks matter; `—` and `–` start with 0xE2.
    let mut marks = Marks::new(bytes, [b';', b',', b'-'], 0xE2);
    let mut i = 0;
    while let Some(k) = marks.next(i) {
        let c = sentence[k..].chars().next().expect("a char boundary");
        let next = k + c.len_utf8();
        i = next;
        match c {
            ';' | '—' => out.push(offset + next),
            '–' | '-' if k > 0 && bytes[k - 1] == b' ' && bytes.get(next) == Some(&b' ') => {
                out.push(offset + next)
            }
            ',' => {
                let rest = sentence[next..].trim_start();
                let word = &rest[..rest
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len())];
                // ASCII case is enough: no other letter lowercases to the
                // ASCII of these words (the Kelvin sign's "k" is in none).
                if AFTER_COMMA.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    out.push(offset + next);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn splits_news_text() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The U.S. President met Mr. Putin on July 16. They talked.",
                &[
                    "The U.S. President met Mr. Putin on July 16.",
                    "They talked.",
                ],
            ),
            (
                "July 7, 2017, U.S. President Donald Trump met Putin. / Evan Vucci",
                &[
                    "July 7, 2017, U.S. President Donald Trump met Putin.",
                    "/ Evan Vucci",
                ],
            ),
            (
                "a “witch hunt.” Russia “continues to say” Trump tweeted.",
                &[
                    "a “witch hunt.”",
                    "Russia “continues to say” Trump tweeted.",
                ],
            ),
            (
                "Leave a Reply to D.H. Nast Cancel reply",
                &["Leave a Reply to D.H. Nast Cancel reply"],
            ),
            (
                "Headline\n\nBody one. Body two.",
                &["Headline", "Body one.", "Body two."],
            ),
            ("it is 3 p.m. today.", &["it is 3 p.m. today."]),
            (
                "Gen. Smith said so. \"Yes,\" he said.",
                &["Gen. Smith said so.", "\"Yes,\" he said."],
            ),
            (
                "SEN. SMITH said so. Then … He left!",
                &["SEN. SMITH said so.", "Then …", "He left!"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&sentences(text), want, "{text:?}");
        }
        // Abbreviations are compared in ASCII case, which is Unicode case
        // but for the Kelvin sign, lowercased to "k".
        assert!(ABBREVIATIONS.list().iter().all(|a| !a.contains('k')));
        assert_eq!(
            ABBREVIATIONS.list().iter().map(|a| a.len()).max(),
            Some(LONGEST_ABBREVIATION)
        );
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        let rows = [
            ("the parliament", false),
            ("comment", false),
            ("(constructive", false),
            ("Mr", true),
            ("met gen", true),
            ("approx", true),
            ("D", true),
            ("x", false),
            ("U.S", true),
            ("u.s.parliament", true),
            ("“approximately", false),
            ("—mr", true),
            ("3 p.m", true),
            ("", false),
            ("ends ", false),
            ("naïve", false),
        ];
        for (before, want) in rows {
            assert_eq!(ends_abbreviation(before), want, "{before:?}");
            assert_eq!(last_word_is_abbreviation(before), want, "{before:?}");
        }
    }

    /// Clause starts found mark by mark are those a reading of every
    /// character finds.
    #[test]
    fn clause_breaks_are_read_at_marks() {
        fn by_chars(sentence: &str) -> Vec<usize> {
            let mut out = Vec::new();
            let bytes = sentence.as_bytes();
            for (i, c) in sentence.char_indices() {
                let next = i + c.len_utf8();
                let word: String = sentence[next..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                let spaced = i > 0 && bytes[i - 1] == b' ' && bytes.get(next) == Some(&b' ');
                if matches!(c, ';' | '—')
                    || (matches!(c, '–' | '-') && spaced)
                    || (c == ',' && AFTER_COMMA.contains(&word.as_str()))
                {
                    out.push(next);
                }
            }
            out
        }
        let pieces = [
            ",",
            ", and",
            ",AND ",
            ", Which",
            " - ",
            "-",
            " – ",
            "—",
            ";",
            "é",
            "while",
            "who",
            " ",
            "x",
            ", \u{212a}and",
            "so",
            "AS",
        ];
        for text in crate::text::sample_texts(&pieces, 40, 20) {
            assert_eq!(clause_breaks(&text, 0), by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn numbers_paragraphs() {
        let text = "One. Two.\n\n\n  Three.\r\n\r\nFour.";
        let got: Vec<usize> = split(text, 0..text.len())
            .iter()
            .map(|s| s.paragraph)
            .collect();
        assert_eq!(got, vec![0, 0, 1, 2]);
    }
}
