//! `quote`: a known quote, found in quotation marks, whose words differ from
//! the curated text. Case, punctuation, quote style, ellipses ("…", "...")
//! and editorial brackets ("it [also] has") are not differences; quoting
//! only part of the quote, or more around it, is not either.

use super::attribution::Passage;
use super::{Conflict, Output, Rule};
use crate::analysis::Analysis;
use crate::text::normalize::normalize;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

pub struct QuoteRule;

/// A word of the quoted passage, or a mark where the writer signalled an
/// omission or an insertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Token<'w> {
    Word(&'w str),
    /// "…", "...", "[also]": stands for any words, or none.
    Elision,
}

impl Rule for QuoteRule {
    fn id(&self) -> &'static str {
        "quote"
    }

    fn summary(&self) -> &'static str {
        "a known quote whose words were changed (beyond case, punctuation, ellipses and brackets)"
    }

    fn explain(&self) -> &'static str {
        r#"A matched known quote whose words differ from the curated text beyond case,
punctuation, quote marks, ellipses and editorial brackets. The message shows
the word-level difference.

Example: "the biggest international event" for "the main international
event"."#
    }

    fn check(&self, a: &Analysis, out: &mut Output) {
        for Passage { fragment, region } in a.passages() {
            let Some(region) = *region else { continue };
            let passage = a.quotes[region].inner.clone();
            if fragment.exact && only_words_of(a.text(), &passage, &fragment.span) {
                continue;
            }
            let quote = &a.claims.quotes[fragment.quote];
            let words = &a.quote_words[fragment.quote];
            let Some(change) = compare(a.text(), passage, words) else {
                continue;
            };
            let sentence = a.sentence_range(&change.span);
            out.conflict(
                a,
                sentence,
                Conflict {
                    rule: "quote",
                    claim: Some(quote.id.clone()),
                    span: change.span,
                    message: format!(
                        "quotes {} with changed words: {}; {} has “{}”",
                        quote.id,
                        change.described,
                        a.claims.file_name(),
                        quote.text
                    ),
                    expected: change.expected,
                    sources: quote.sources.clone(),
                    claim_at: Some((quote.origin.line, quote.origin.column)),
                },
            );
        }
    }
}

/// Whether the passage `text[passage]` holds no word but those of `span`
/// inside it. When `span` is a fragment with the whole quote's words
/// ([`Fragment::exact`](super::attribution::Fragment)), the passage then
/// quotes it word for word, but for ellipses and brackets, which
/// [`compare`] passes over: there is nothing to compare.
pub(super) fn only_words_of(text: &str, passage: &Range<usize>, span: &Range<usize>) -> bool {
    let no_word = |r: Range<usize>| !text[r].chars().any(char::is_alphanumeric);
    passage.start <= span.start
        && span.end <= passage.end
        && no_word(passage.start..span.start)
        && no_word(span.end..passage.end)
}

/// A difference between a passage and the curated quote.
#[derive(Debug, PartialEq, Eq)]
pub struct Change {
    /// The article's words that differ (or where words are missing).
    pub span: Range<usize>,
    /// The curated words at that place.
    pub expected: String,
    /// The word-level difference: “main” → “biggest”, “very” missing.
    pub described: String,
}

/// Compares the passage `text[passage]` with the curated quote, given as
/// its normalised words (the matcher's), aligned on their common words;
/// `None` when they agree.
pub fn compare(text: &str, passage: Range<usize>, curated: &[String]) -> Option<Change> {
    let (words, marks, spans) = tokens(text, passage);
    let found: Vec<Token> = marks
        .into_iter()
        .map(|m| m.map_or(Token::Elision, |r| Token::Word(&words[r])))
        .collect();
    let want: Vec<Token> = curated
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| Token::Word(w))
        .collect();
    // Most passages quote a run of the words as they are: no diff needed.
    if !found.is_empty() && want.windows(found.len()).any(|w| w == found.as_slice()) {
        return None;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &want, &found);
    // Before the first and after the last common word, a passage may quote
    // only part of the quote or run on past it; only words put in place of
    // the quote's own count there.
    let first = ops
        .iter()
        .position(|op| matches!(op, DiffOp::Equal { .. }))?;
    let last = ops
        .iter()
        .rposition(|op| matches!(op, DiffOp::Equal { .. }))?;
    let mut changes: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        // At the edges, a long divergence is the passage going its own way
        // (another sentence in the same marks), not an altered word.
        let edge = i < first || i > last;
        let swap =
            matches!(*op, DiffOp::Replace { old_len, new_len, .. } if old_len <= 2 && new_len <= 2);
        if edge && !swap {
            continue;
        }
        let (old, new) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        // An elision mark may stand for whatever was left out or added.
        let marked = found[new.clone()].contains(&Token::Elision)
            || (new.is_empty() && touches_elision(&found, new.start));
        if !marked {
            changes.push((old, new));
        }
    }
    let (old, new) = changes.first()?.clone();
    let words = |ts: &[Token]| {
        ts.iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(*w),
                Token::Elision => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Missing words: point at the word after the gap (or the last word).
    let span = if new.is_empty() {
        spans
            .get(new.start)
            .or(spans.last())
            .cloned()
            .unwrap_or(0..0)
    } else {
        spans[new.start].start..spans[new.end - 1].end
    };
    let described = changes
        .iter()
        .map(|(o, n)| match (o.is_empty(), n.is_empty()) {
            (false, false) => format!(
                "“{}” → “{}”",
                words(&want[o.clone()]),
                words(&found[n.clone()])
            ),
            (false, true) => format!("“{}” missing", words(&want[o.clone()])),
            _ => format!("“{}” added", words(&found[n.clone()])),
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(Change {
        span,
        expected: words(&want[old]),
        described,
    })
}

fn touches_elision(found: &[Token], at: usize) -> bool {
    at.checked_sub(1)
        .is_some_and(|i| found[i] == Token::Elision)
        || found.get(at) == Some(&Token::Elision)
}

/// The passage as words with their byte spans, ellipses and editorial
/// brackets as elisions: the normalised words one after another in a
/// string, and each token as its range there (none for an elision).
type Tokens = (String, Vec<Option<Range<usize>>>, Vec<Range<usize>>);

fn tokens(text: &str, passage: Range<usize>) -> Tokens {
    let slice = &text[passage.clone()];
    // Sized for the passage: about one word in every six bytes.
    let mut out: Tokens = (
        String::with_capacity(slice.len()),
        Vec::with_capacity(slice.len() / 6 + 2),
        Vec::with_capacity(slice.len() / 6 + 2),
    );
    let push_words = |from: usize, to: usize, (words, found, spans): &mut Tokens| {
        let norm = normalize(&slice[from..to]);
        let mut start = None;
        let mut back = norm.back();
        for (i, c) in norm.text.char_indices().chain([(norm.text.len(), ' ')]) {
            match (c == ' ', start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let at = words.len();
                    words.push_str(&norm.text[s..i]);
                    found.push(Some(at..words.len()));
                    let range = back.range(s, i);
                    spans
                        .push(passage.start + from + range.start..passage.start + from + range.end);
                    start = None;
                }
                _ => {}
            }
        }
    };
    let mut at = 0;
    for m in elisions(slice) {
        push_words(at, m.start, &mut out);
        out.1.push(None);
        out.2.push(passage.start + m.start..passage.start + m.end);
        at = m.end;
    }
    push_words(at, slice.len(), &mut out);
    out
}

/// The marks of an elision in `text`, in order: three dots, each but the
/// first after at most one white space ("...", ". . ."), "…", and an
/// editorial bracket of at most 60 characters on one line ("[also]").
/// Read by hand: as a regular expression (`\.\s?\.\s?\.|…|\[[^\]\n]{0,60}\]`,
/// which a test compares this with) it cost more to compile than the
/// quote rule spends on a handful of articles.
fn elisions(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // Three first bytes, so one `memchr3` (not `text::marks`, which
        // adds a fourth). `…` is E2 80 A6; 0xE2 only ever starts a
        // character, so every position found is a character's start.
        while let Some(k) = memchr::memchr3(b'.', b'[', 0xE2, &bytes[at..]) {
            let start = at + k;
            let end = match bytes[start] {
                b'.' => dots(text, start),
                b'[' => bracket(text, start),
                _ => text[start..]
                    .starts_with('…')
                    .then_some(start + '…'.len_utf8()),
            };
            match end {
                Some(end) => {
                    at = end;
                    return Some(start..end);
                }
                None => at = start + 1,
            }
        }
        None
    })
}

/// Where three dots that start at `start` end.
fn dots(text: &str, start: usize) -> Option<usize> {
    let mut at = start + 1;
    for _ in 0..2 {
        let c = text[at..].chars().next()?;
        if c.is_whitespace() {
            at += c.len_utf8();
        }
        if !text[at..].starts_with('.') {
            return None;
        }
        at += 1;
    }
    Some(at)
}

/// Where the editorial bracket that opens at `start` closes.
fn bracket(text: &str, start: usize) -> Option<usize> {
    let inside = start + 1;
    for (n, (i, c)) in text[inside..].char_indices().enumerate() {
        match c {
            ']' => return Some(inside + i + 1),
            '\n' => return None,
            _ if n == 60 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{compare, elisions};
    use crate::text::matcher::words_of;
    use crate::text::normalize::normalize_phrase;

    /// A curated quote's words, as the matcher keeps them.
    fn words(quote: &str) -> Vec<String> {
        words_of(&normalize_phrase(quote))
    }

    const MAIN: &str = "It will be the main international event of the summer.";
    const IMPORTANCE: &str = "It has enormous importance for Russia and America, but it has huge importance for the whole international situation.";

    #[test]
    fn fidelity_table() {
        // (curated quote, passage as printed, the difference or None)
        let rows: &[(&str, &str, Option<&str>)] = &[
            (
                MAIN,
                "It will be the main international event of the summer.",
                None,
            ),
            (
                MAIN,
                "it will be THE MAIN international event of the summer",
                None,
            ),
            (
                MAIN,
                "It will be the main international event of the summer!",
                None,
            ),
            (
                MAIN,
                "It will be the main international event, and we are all getting ready for it.",
                None,
            ),
            (
                MAIN,
                "I think it will be the main international event of the summer.",
                None,
            ),
            (MAIN, "the main international event of the summer", None),
            (MAIN, "It will be the main … event of the summer.", None),
            (MAIN, "It will be the main ... event of the summer.", None),
            (
                MAIN,
                "It will be the main [sporting and] international event of the summer.",
                None,
            ),
            (
                IMPORTANCE,
                "It has enormous importance for Russia and America, but it [also] has huge importance for the whole international situation.",
                None,
            ),
            (
                IMPORTANCE,
                "It has enormous importance for Russia and America … for the whole international situation.",
                None,
            ),
            (
                MAIN,
                "It will be the biggest international event of the summer.",
                Some("“main” → “biggest”"),
            ),
            (
                MAIN,
                "It will be the main event of the summer.",
                Some("“international” missing"),
            ),
            (
                MAIN,
                "It will be the main international event of the year.",
                Some("“summer” → “year”"),
            ),
            (
                MAIN,
                "It will not be the main international event of the summer.",
                Some("“not” added"),
            ),
            (
                MAIN,
                "It would be the main international event of the summer.",
                Some("“will” → “would”"),
            ),
            (
                MAIN,
                "It will be the main international event of this summer.",
                Some("“the” → “this”"),
            ),
            (
                IMPORTANCE,
                "It has great importance for Russia and America, but it has huge importance for the whole international situation.",
                Some("“enormous” → “great”"),
            ),
            (
                IMPORTANCE,
                "It has enormous importance for Russia and Europe, but it has huge importance for the whole international situation.",
                Some("“america” → “europe”"),
            ),
            (
                IMPORTANCE,
                "It has enormous importance for Russia and America, and it has huge importance for the whole international situation.",
                Some("“but” → “and”"),
            ),
            (
                IMPORTANCE,
                "It has enormous importance for Russia and America, but it has huge importance for the international situation.",
                Some("“whole” missing"),
            ),
        ];
        assert!(rows.len() >= 20);
        let mut failures = Vec::new();
        for (curated, printed, want) in rows {
            let got = compare(printed, 0..printed.len(), &words(curated)).map(|c| c.described);
            if got.as_deref() != *want {
                failures.push(format!("{printed:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn points_at_the_changed_words() {
        let printed = "It will be the biggest international event of the summer.";
        let change = compare(printed, 0..printed.len(), &words(MAIN)).unwrap();
        assert_eq!(&printed[change.span], "biggest");
        assert_eq!(change.expected, "main");
        let printed = "It will be the main event of the summer.";
        let change = compare(printed, 0..printed.len(), &words(MAIN)).unwrap();
        assert_eq!(&printed[change.span], "event");
        assert_eq!(change.expected, "international");
    }

    /// The marks read by hand are those the regular expression finds.
    #[test]
    fn elisions_are_those_of_the_pattern() {
        let pattern = regex::Regex::new(r"\.\s?\.\s?\.|…|\[[^\]\n]{0,60}\]").unwrap();
        let pieces = [
            ".", " ", "\u{a0}", "\u{2003}", "\n", "…", "[", "]", "a", "é", "[also]", "..", ". .",
            ".\t.",
        ];
        let mut texts: Vec<String> = vec![
            format!("[{}]", "x".repeat(60)),
            format!("[{}]", "x".repeat(61)),
            format!("[{}]", "é".repeat(60)),
            format!("[{}]", "é".repeat(61)),
            "[a\nb] [c] .. . . ...".to_string(),
            "it [also] has … and ... or . . . or .  . or [[x]]".to_string(),
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("w{a}{b}.{c}"));
                }
            }
        }
        for text in &texts {
            let want: Vec<_> = pattern.find_iter(text).map(|m| m.range()).collect();
            let got: Vec<_> = elisions(text).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
