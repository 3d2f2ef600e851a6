//! Folding of article and claim text into one comparable form, with a map
//! back to the original bytes.
//!
//! Both sides of every comparison go through [`normalize`], so a claim's
//! phrase and an article's words meet in the same alphabet: lowercase, no
//! accents, and every run of punctuation, quote marks, dashes, apostrophes
//! and white space folded into one space. Dots inside abbreviations vanish
//! ("U.S." reads as "us"), and short editorial insertions in square brackets
//! ("it [also] has") are dropped, as quotes are cited without them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalised text, padded with one space on each side so that every word,
/// including the first and the last, is delimited by spaces.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// The map back to the original bytes, run-length encoded: from
    /// normalised byte `segments[k].0` on, byte `i` came from original byte
    /// `segments[k].1 + (i - segments[k].0)`. Runs of letters keep their
    /// offsets, so there is one entry per folded separator or accented
    /// letter, not one per byte.
    segments: Vec<(u32, u32)>,
    /// The original length, where the end of the normalised text maps.
    len: usize,
}

/// Longest bracketed insertion that is dropped; longer brackets are kept as words.
const MAX_BRACKET: usize = 40;

impl Normalized {
    /// Original byte offset of normalised byte `i` (the original length
    /// for `i` at or past the end).
    pub fn original(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.len;
        }
        let k = self.segments.partition_point(|s| s.0 as usize <= i) - 1;
        let (from, to) = self.segments[k];
        to as usize + (i - from as usize)
    }

    /// Original byte range of the normalised range `start..end`, where
    /// `start` is the first byte of a word and `end` the byte after its last.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.original(start)..self.original(end)
    }

    /// A reader of [`Normalized::original_range`] for ranges asked in
    /// order of their ends, as matches are found: each is a step or two
    /// from the last, not a binary search.
    pub fn back(&self) -> Back<'_> {
        Back { norm: self, at: 0 }
    }
}

/// See [`Normalized::back`].
pub struct Back<'n> {
    norm: &'n Normalized,
    /// The segment of the last end read.
    at: usize,
}

impl Back<'_> {
    /// [`Normalized::original_range`] of `start..end`.
    pub fn range(&mut self, start: usize, end: usize) -> std::ops::Range<usize> {
        let n = self.norm;
        let segments = &n.segments;
        if end >= n.text.len() || start > end || segments.is_empty() {
            return n.original_range(start, end);
        }
        if (segments[self.at].0 as usize) > end {
            // Asked out of order: start again from the top.
            self.at = 0;
        }
        while segments
            .get(self.at + 1)
            .is_some_and(|s| s.0 as usize <= end)
        {
            self.at += 1;
        }
        let mut k = self.at;
        while segments[k].0 as usize > start {
            k -= 1;
        }
        let map = |k: usize, i: usize| {
            let (from, to) = segments[k];
            to as usize + (i - from as usize)
        };
        map(k, start)..map(self.at, end)
    }
}

/// ASCII letters and digits lowercased, and 0 for every other byte: one
/// lookup per byte in the hot loop.
pub(super) const FOLD: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 128 {
        if (i as u8).is_ascii_alphanumeric() {
            t[i] = (i as u8).to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// `c.is_alphanumeric()`, answered without Unicode's tables for what copy
/// holds most outside ASCII: the quotes and dashes of General Punctuation,
/// and accented Latin letters. The tables cost about 300 instructions a
/// character, and a closing quote was looked up twice (letter, then digit).
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        _ => c.is_alphanumeric(),
    }
}

/// The high bit of each byte of `x` that is an ASCII letter or digit. The
/// byte ranges are tested on the low seven bits, where adding a constant
/// below 0x80 never carries into the next byte.
pub(super) fn alphanumeric(x: u64) -> u64 {
    let low = x & !HIGH;
    let lower = low | (0x20 * ONES);
    let letter =
        lower.wrapping_add((0x80 - 0x61) * ONES) & !lower.wrapping_add((0x7f - 0x7a) * ONES);
    let digit = low.wrapping_add((0x80 - 0x30) * ONES) & !low.wrapping_add((0x7f - 0x39) * ONES);
    (letter | digit) & !x & HIGH
}

/// Where the run of ASCII letters and digits at `at` ends, found eight
/// bytes at a time.
pub(crate) fn ascii_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(eight) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let other = !alphanumeric(x) & HIGH;
        if other != 0 {
            return at + other.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(|&c| FOLD[c as usize] != 0) {
        at += 1;
    }
    at
}

/// Builds the normalised bytes and their run-length map together.
struct Builder {
    out: Vec<u8>,
    segments: Vec<(u32, u32)>,
}

impl Builder {
    /// Notes that the next output byte comes from original byte `at`.
    fn at(&mut self, at: usize) {
        let i = self.out.len();
        if let Some(&(from, to)) = self.segments.last()
            && to as usize + (i - from as usize) == at
        {
            return;
        }
        self.segments.push((i as u32, at as u32));
    }

    fn space(&mut self, at: usize) {
        if self.out.last() != Some(&b' ') {
            self.at(at);
            self.out.push(b' ');
        }
    }
}

/// Normalises `text` (see the module documentation).
pub fn normalize(text: &str) -> Normalized {
    let mut b = Builder {
        out: Vec::with_capacity(text.len() + 2),
        segments: Vec::with_capacity(text.len() / 16 + 4),
    };
    b.at(0);
    b.out.push(b' ');
    fold(&mut b, text);
    b.space(text.len());
    let text_out = String::from_utf8(b.out).expect("only whole characters are pushed");
    Normalized {
        text: text_out,
        segments: b.segments,
        len: text.len(),
    }
}

/// Folds `text` onto `b`.
fn fold(b: &mut Builder, text: &str) {
    let bytes = text.as_bytes();
    // Letters and digits since the word began or since an abbreviation's dot.
    let mut run = 0usize;
    let mut at = 0;
    // Runs of ASCII letters and digits, most of any article, are copied in
    // one go; other characters are decoded and folded through Unicode tables.
    while at < bytes.len() {
        let byte = bytes[at];
        if FOLD[byte as usize] != 0 {
            b.at(at);
            let end = ascii_run_end(bytes, at);
            // Bit 5 lowercases an ASCII letter and is set in every digit.
            b.out.extend(bytes[at..end].iter().map(|&c| c | 0x20));
            run += end - at;
            at = end;
            continue;
        }
        let (alphanumeric, len) = if byte.is_ascii() {
            (false, 1)
        } else {
            let c = text[at..].chars().next().expect("at is a char boundary");
            (is_alphanumeric(c), c.len_utf8())
        };
        if alphanumeric {
            run += 1;
            let c = text[at..].chars().next().expect("at is a char boundary");
            push_folded(c, at, b);
            at += len;
            continue;
        }
        if byte == b'['
            && let Some(close) = bracket_end(text, at)
        {
            at = close + 1;
            continue;
        }
        // A dot after a single letter and before a letter is an
        // abbreviation's dot: "U.S." folds to "us", "U.S.A." to "usa".
        if byte == b'.'
            && run == 1
            && text[at + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        {
            run = 0;
            at += 1;
            continue;
        }
        run = 0;
        b.space(at);
        at += len;
    }
}

/// End of a short editorial insertion starting at `open` ("[also]").
fn bracket_end(text: &str, open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    let close = rest.find(']')?;
    let inner = &rest[..close];
    (close <= MAX_BRACKET && !inner.contains(['\n', '[']) && !inner.trim().is_empty())
        .then_some(open + 1 + close)
}

/// Lowercases `c` and strips its accents, mapping every output byte to `at`.
fn push_folded(c: char, at: usize, b: &mut Builder) {
    for d in c.nfkd().filter(|d| !is_combining_mark(*d)) {
        for l in d.to_lowercase() {
            if is_alphanumeric(l) {
                let mut buf = [0; 4];
                for &byte in l.encode_utf8(&mut buf).as_bytes() {
                    b.at(at);
                    b.out.push(byte);
                }
            }
        }
    }
}

/// Normalises a claim phrase and strips the padding: the form stored in
/// patterns and compared in tests.
pub fn normalize_phrase(phrase: &str) -> String {
    normalize(phrase).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_answer_is_unicodes_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folds_case_quotes_dashes_and_space() {
        let cases = [
            ("Finland’s capital", "finland s capital"),
            ("Finland's  capital", "finland s capital"),
            ("G-20", "g 20"),
            ("G–20", "g 20"),
            ("U.S. President", "us president"),
            ("U.S President", "us president"),
            ("US president", "us president"),
            ("Sergéi Kisliak", "sergei kisliak"),
            ("ÉLYSÉE", "elysee"),
            ("“It will be…”", "it will be"),
            ("it [also] has", "it has"),
            ("D.H. Nast", "dh nast"),
            ("Mr. Putin", "mr putin"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_phrase(input), want, "{input:?}");
        }
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let text = "“Déjà vu” — said the U.S. President.";
        let n = normalize(text);
        let start = n.text.find("us president").unwrap();
        let end = start + "us president".len();
        assert_eq!(&text[n.original_range(start, end)], "U.S. President");
        let start = n.text.find("deja").unwrap();
        assert_eq!(&text[n.original_range(start, start + 7)], "Déjà vu");
    }

    /// The run copy's shortcuts agree with the table: runs end where
    /// `FOLD` says, wherever they fall in the eight bytes read at once,
    /// and bit 5 folds what `FOLD` folds.
    #[test]
    fn runs_end_and_fold_as_the_table_says() {
        for c in 0..=255u8 {
            if FOLD[c as usize] != 0 {
                assert_eq!(FOLD[c as usize], c | 0x20, "{c}");
            }
        }
        let pieces = ["a", "Z", "7", " ", "é", "."];
        for text in crate::text::sample_texts(&pieces, 40, 20) {
            let text = text.as_bytes();
            for at in 0..text.len() {
                let mut want = at;
                while want < text.len() && FOLD[text[want] as usize] != 0 {
                    want += 1;
                }
                assert_eq!(ascii_run_end(text, at), want, "{text:?} at {at}");
            }
        }
    }

    /// The cursor maps every range as the binary search does, asked in
    /// order of ends (as matches come) and out of order.
    #[test]
    fn the_cursor_maps_back_as_the_search_does() {
        let texts = [
            "“Déjà vu” — said the U.S. President, it [also] has… ÉLYSÉE.",
            "Trump",
            "",
            "a  b   c",
        ];
        for text in texts {
            let n = normalize(text);
            let len = n.text.len();
            let mut pairs: Vec<(usize, usize)> = (0..=len + 1)
                .flat_map(|e| (0..=e).map(move |s| (s, e)))
                .collect();
            for order in ["by ends", "backwards"] {
                if order == "backwards" {
                    pairs.reverse();
                }
                let mut back = n.back();
                for &(s, e) in &pairs {
                    assert_eq!(
                        back.range(s, e),
                        n.original_range(s, e),
                        "{text:?} {s}..{e} {order}"
                    );
                }
            }
        }
    }

    #[test]
    fn padding_delimits_every_word() {
        let n = normalize("Trump");
        assert_eq!(n.text, " trump ");
        assert_eq!(n.original_range(1, 6), 0..5);
    }

    #[test]
    fn eight_bytes_are_classed_as_one_by_one() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut block = *b"-a-Z-0-.";
                block[k] = b;
                let got = alphanumeric(u64::from_le_bytes(block));
                for (i, &byte) in block.iter().enumerate() {
                    let want = FOLD[byte as usize] != 0;
                    assert_eq!(got >> (8 * i + 7) & 1 == 1, want, "{block:?} at {i}");
                }
            }
        }
    }
}
