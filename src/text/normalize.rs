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
    /// `map[i]` is the byte offset in the original text of the character that
    /// produced normalised byte `i`; `map[text.len()]` is the original length.
    map: Vec<u32>,
}

/// Longest bracketed insertion that is dropped; longer brackets are kept as words.
const MAX_BRACKET: usize = 40;

impl Normalized {
    /// Original byte offset of normalised byte `i`.
    pub fn original(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)] as usize
    }

    /// Original byte range of the normalised range `start..end`, where
    /// `start` is the first byte of a word and `end` the byte after its last.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.original(start)..self.original(end)
    }
}

/// Normalises `text` (see the module documentation).
pub fn normalize(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 2);
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + 3);
    out.push(b' ');
    map.push(0);
    // Letters and digits since the word began or since an abbreviation's dot.
    let mut run = 0usize;
    let mut at = 0;
    // ASCII, most of any article, is folded byte by byte; other characters
    // are decoded and folded through Unicode tables.
    while at < bytes.len() {
        let b = bytes[at];
        let (alphanumeric, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next().expect("at is a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            run += 1;
            if len == 1 {
                out.push(b.to_ascii_lowercase());
                map.push(at as u32);
            } else {
                let c = text[at..].chars().next().expect("at is a char boundary");
                push_folded(c, at, &mut out, &mut map);
            }
            at += len;
            continue;
        }
        if b == b'['
            && let Some(close) = bracket_end(text, at)
        {
            at = close + 1;
            continue;
        }
        // A dot after a single letter and before a letter is an
        // abbreviation's dot: "U.S." folds to "us", "U.S.A." to "usa".
        if b == b'.'
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
        if out.last() != Some(&b' ') {
            out.push(b' ');
            map.push(at as u32);
        }
        at += len;
    }
    if out.last() != Some(&b' ') {
        out.push(b' ');
        map.push(text.len() as u32);
    }
    map.push(text.len() as u32);
    let text = String::from_utf8(out).expect("only whole characters are pushed");
    Normalized { text, map }
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
fn push_folded(c: char, at: usize, out: &mut Vec<u8>, map: &mut Vec<u32>) {
    for d in c.nfkd().filter(|d| !is_combining_mark(*d)) {
        for l in d.to_lowercase() {
            if l.is_alphanumeric() {
                let mut buf = [0; 4];
                let bytes = l.encode_utf8(&mut buf).as_bytes();
                out.extend_from_slice(bytes);
                map.extend(std::iter::repeat_n(at as u32, bytes.len()));
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

    #[test]
    fn padding_delimits_every_word() {
        let n = normalize("Trump");
        assert_eq!(n.text, " trump ");
        assert_eq!(n.original_range(1, 6), 0..5);
    }
}
