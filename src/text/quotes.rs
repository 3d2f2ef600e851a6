//! Quoted passages: where a paragraph's quotation marks open and close.
//!
//! Straight, curly, low and angle marks all count, and an opening mark of one
//! style may be closed by another (“…" is common in copy). Single marks count
//! only at word edges, so apostrophes ("Putin’s", "leaders' summit") are not
//! taken for quotes. A quote left open at the end of a paragraph runs to its
//! end, the usual way a quote continues into the next paragraph.

use crate::text::marks::Marks;
use crate::text::normalize::is_alphanumeric;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// The passage with its marks.
    pub outer: Range<usize>,
    /// The passage without its marks.
    pub inner: Range<usize>,
}

const DOUBLE_OPEN: &[char] = &['“', '"', '«', '„', '”'];
const DOUBLE_CLOSE: &[char] = &['”', '"', '»', '“'];
const SINGLE_OPEN: &[char] = &['‘', '\'', '‹', '’'];
const SINGLE_CLOSE: &[char] = &['’', '\'', '›', '‘'];

/// Quoted passages of `text[paragraph]`, in order, not nested.
pub fn find(text: &str, paragraph: Range<usize>) -> Vec<Quoted> {
    if let Some(block) = block_quote(text, paragraph.clone()) {
        return vec![block];
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None; // (outer start, inner start, double?)
    let slice = &text[paragraph.clone()];
    let bytes = slice.as_bytes();
    // Every quotation mark starts with one of these bytes: `"`, `'`, 0xC2
    // (« ») or 0xE2 (“ ” ‘ ’ „ ‹ ›). Other characters change nothing, so
    // only these positions are looked at, with their neighbours decoded.
    let mut marks = Marks::new(bytes, [b'"', b'\'', 0xE2], 0xC2);
    let mut from = 0;
    while let Some(i) = marks.next(from) {
        from = i + 1;
        let Some(c) = slice[i..].chars().next() else {
            continue;
        };
        if !DOUBLE_OPEN.contains(&c)
            && !DOUBLE_CLOSE.contains(&c)
            && !SINGLE_OPEN.contains(&c)
            && !SINGLE_CLOSE.contains(&c)
        {
            continue;
        }
        let at = paragraph.start + i;
        let len = c.len_utf8();
        let prev = slice[..i].chars().next_back();
        let next = slice[i + len..].chars().next();
        match open {
            None => {
                let opens = (DOUBLE_OPEN.contains(&c) && next.is_some_and(|n| !n.is_whitespace()))
                    || (SINGLE_OPEN.contains(&c)
                        && prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p))
                        && next.is_some_and(is_alphanumeric));
                if opens {
                    open = Some((at, at + len, DOUBLE_OPEN.contains(&c)));
                }
            }
            Some((outer, inner, double)) => {
                let closes = if double {
                    DOUBLE_CLOSE.contains(&c)
                } else {
                    SINGLE_CLOSE.contains(&c)
                        && prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_none_or(|n| !is_alphanumeric(n))
                };
                if closes {
                    out.push(Quoted {
                        outer: outer..at + len,
                        inner: inner..at,
                    });
                    open = None;
                }
            }
        }
    }
    if let Some((outer, inner, _)) = open {
        let end = paragraph.start + slice.trim_end().len();
        out.push(Quoted {
            outer: outer..end,
            inner: inner..end,
        });
    }
    out
}

/// A Markdown block quote: a paragraph whose every line starts with `>`.
fn block_quote(text: &str, paragraph: Range<usize>) -> Option<Quoted> {
    let slice = &text[paragraph.clone()];
    // The first line decides for most paragraphs, without reading it all.
    if !slice.trim_start().starts_with('>') {
        return None;
    }
    let mut lines = slice.lines().filter(|l| !l.trim().is_empty());
    if !lines.all(|l| l.trim_start().starts_with('>')) {
        return None;
    }
    let lead = slice.len() - slice.trim_start().len();
    let marker = slice[lead..].find('>')? + lead;
    let inner_start = paragraph.start + marker + 1;
    let end = paragraph.start + slice.trim_end().len();
    Some(Quoted {
        outer: paragraph.start + lead..end,
        inner: inner_start..end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text, 0..text.len())
            .into_iter()
            .map(|q| &text[q.inner])
            .collect()
    }

    #[test]
    fn finds_quotes_of_every_style() {
        let cases: &[(&str, &[&str])] = &[
            ("“We agreed,” said Yuri Ushakov.", &["We agreed,"]),
            ("\"It's planned,\" he said.", &["It's planned,"]),
            (
                "\"There are many topics,” Pompeo said.",
                &["There are many topics,"],
            ),
            ("'It's good for us,' he emphasized.", &["It's good for us,"]),
            ("a leaders' summit in Vietnam", &[]),
            ("Putin’s visit and Trump’s call", &[]),
            ("He said “A” and “B”.", &["A", "B"]),
            ("“It continues", &["It continues"]),
            ("«Nous verrons» dit-il", &["Nous verrons"]),
            (
                "> A block quote\n> on two lines.",
                &[" A block quote\n> on two lines."],
            ),
            ("Not > a block quote", &[]),
            (
                "the “prospects for ‘cooperation’ now”",
                &["prospects for ‘cooperation’ now"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&inner(text), want, "{text:?}");
        }
    }
}
