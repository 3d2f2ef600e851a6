//! The one data model for a conflict, created by rules, sorted once, and
//! rendered by every formatter.

use crate::corpus::Note;
use crate::spill::Sorted;
use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// Whether a finding of this severity reaches `level` (error reaches
    /// every level, info only info).
    pub fn reaches(self, level: Severity) -> bool {
        self <= level
    }
}

/// Serialised only to spill to disk ([`crate::spill`]); the JSON report
/// has a shape of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The event or quote id; `None` for rules that need no claim (weekday).
    pub claim: Option<String>,
    pub file: String,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// 1-based line and column just past the last character of `span`.
    pub end_line: usize,
    pub end_column: usize,
    /// What the article says, as written.
    pub found: String,
    /// What the claims file says.
    pub expected: String,
    pub message: String,
    /// The sentence the finding is in.
    pub evidence: String,
    pub sources: Vec<String>,
    /// Where the claim stands in the claims file (line, column).
    pub claim_at: Option<(usize, usize)>,
}

impl Finding {
    /// A stable key for the conflict that survives edits elsewhere in the
    /// article: rule, claim, file, and what was found in which sentence,
    /// with case and white space folded. Line numbers play no part.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.fingerprint_number())
    }

    /// The [`Finding::fingerprint`] before it is written in hexadecimal.
    pub fn fingerprint_number(&self) -> u64 {
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let key = format!(
            "{}\0{}\0{}\0{}\0{}",
            self.rule,
            self.claim.as_deref().unwrap_or(""),
            self.file,
            fold(&self.found),
            fold(&self.evidence)
        );
        fnv1a(key.as_bytes())
    }
}

impl crate::spill::Item for Finding {
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        order(self, other)
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Finding>()
            + self.claim.as_ref().map_or(0, String::len)
            + self.file.len()
            + self.found.len()
            + self.expected.len()
            + self.message.len()
            + self.evidence.len()
            + self.sources.iter().map(|s| s.len() + 24).sum::<usize>()
    }
}

/// A finding as read back from a spill, its rule's id not yet one of
/// the rules' own `'static` ones (serde's derive cannot read a `'static`
/// string from a file).
#[derive(Deserialize)]
struct Spilled {
    rule: String,
    severity: Severity,
    claim: Option<String>,
    file: String,
    span: Range<usize>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    found: String,
    expected: String,
    message: String,
    evidence: String,
    sources: Vec<String>,
    claim_at: Option<(usize, usize)>,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        let s = Spilled::deserialize(d)?;
        let rule = crate::rules::id(&s.rule)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule `{}`", s.rule)))?;
        Ok(Finding {
            rule,
            severity: s.severity,
            claim: s.claim,
            file: s.file,
            span: s.span,
            line: s.line,
            column: s.column,
            end_line: s.end_line,
            end_column: s.end_column,
            found: s.found,
            expected: s.expected,
            message: s.message,
            evidence: s.evidence,
            sources: s.sources,
            claim_at: s.claim_at,
        })
    }
}

/// FNV-1a, 64 bits: stable across runs, machines and Rust versions, which
/// std's hasher is not.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Everything a run found, ready to render.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub articles: usize,
    pub claims: usize,
    pub claims_file: String,
    /// In the spec's order once [`Report::sort`] has run; beyond a budget,
    /// on disk.
    pub findings: Sorted<Finding>,
    /// In order, without repeats, once sorted; beyond a budget, on disk.
    pub notes: Sorted<Note>,
    /// Every article checked, in order once sorted, when the check was
    /// asked to list them ([`crate::Options::checked`]: JUnit reads them);
    /// empty for merged reports, whose JSON lists only articles with
    /// findings.
    pub checked: Sorted<String>,
    /// The shard `(k, n)` (1-based, as `--shard K/N` is written) that the
    /// report covers, when the check was given one: `merge` checks that
    /// it joins every shard of a split once.
    pub shard: Option<(u64, u64)>,
}

impl Report {
    /// Sorts findings by file, position, then rule (the order the spec
    /// fixes), the articles checked, and notes by file and line, and
    /// drops exact repeats. Fails only if spilled findings cannot be read
    /// back or written.
    pub fn sort(&mut self) -> std::io::Result<()> {
        // Articles arrive in any order, each with its findings sorted: a
        // stable sort keeps an article's ties as they came, so the order
        // never depends on which thread finished first.
        self.findings.finish()?;
        self.checked.finish()?;
        self.notes.finish()
    }
}

/// The report's order of findings: file, position, then rule (the order
/// the spec fixes), and the rest only to make it total.
pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        &a.file,
        a.span.start,
        a.rule,
        a.span.end,
        &a.claim,
        &a.message,
    )
        .cmp(&(
            &b.file,
            b.span.start,
            b.rule,
            b.span.end,
            &b.claim,
            &b.message,
        ))
}

/// 1-based line and character column of byte `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at);
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// Line starts and character counts of one text, built once, so that each
/// finding's line and column cost a binary search and a short count, not a
/// scan from the start (a 50 MB article can have thousands of findings).
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte, chars before it)` every [`STEP`] bytes, on char boundaries.
    marks: Vec<(usize, usize)>,
}

const STEP: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let (mut byte, mut chars) = (0, 0);
        for k in 0..=text.len() / STEP {
            let next = floor_char_boundary(text, k * STEP);
            chars += text[byte..next].chars().count();
            byte = next;
            marks.push((byte, chars));
        }
        LineIndex { starts, marks }
    }

    fn chars_before(&self, text: &str, at: usize) -> usize {
        let (byte, chars) = self.marks[(at / STEP).min(self.marks.len() - 1)];
        chars + text[byte..at].chars().count()
    }

    /// 1-based line and column (in characters) of byte `at` of `text`, the
    /// text this index was built from.
    pub fn line_column(&self, text: &str, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(text, at);
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let column = self.chars_before(text, at) - self.chars_before(text, start) + 1;
        (line, column)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// The largest char boundary of `text` at or before `at`.
pub fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The line of `text` that holds byte `at`, without its line break.
pub fn line_text(text: &str, at: usize) -> &str {
    let at = floor_char_boundary(text, at);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim_end_matches('\r')
}

/// The sentence as evidence: white space folded, long sentences cut after
/// the finding with " ...".
pub fn evidence(sentence: &str, finding_end: usize) -> String {
    const SHORT: usize = 200;
    let folded: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= SHORT {
        return folded;
    }
    let keep_to = sentence[..floor_char_boundary(sentence, finding_end)]
        .split_whitespace()
        .count();
    let words: Vec<&str> = folded.split(' ').collect();
    let cut = (keep_to + 2).max(12).min(words.len());
    if cut >= words.len() {
        folded
    } else {
        format!("{} ...", words[..cut].join(" "))
    }
}

/// The `i`th of a run of findings with every kind of text a report
/// escapes (quotes, backslashes, control and non-ASCII characters), every
/// severity, a rule no registry knows and zero to two sources: for the
/// formats' tests.
#[cfg(test)]
pub fn sample(i: usize) -> Finding {
    Finding {
        rule: ["date", "venue", "weekday", "not-a-rule"][i % 4],
        severity: [Severity::Error, Severity::Warning, Severity::Info][i % 3],
        claim: (i % 3 != 2).then(|| format!("event-{i}")),
        file: format!("corpus/{:04} é.txt", i / 3),
        span: i..i + 5,
        line: i + 1,
        column: 3,
        end_line: i + 2,
        end_column: 1,
        found: "on \"March 3\"\n".into(),
        expected: "2019-03-03".into(),
        message: format!("message {i} \u{2014} with \\ and \t"),
        evidence: "He said: \u{201c}it was Monday\u{201d}.".into(),
        sources: (0..i % 3)
            .map(|k| format!("https://example.org/{k}"))
            .collect(),
        claim_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lines() {
        let text = "ab\r\n“Déjà” vu\nx";
        assert_eq!(line_column(text, 0), (1, 1));
        let at = text.find("vu").unwrap();
        assert_eq!(line_column(text, at), (2, 8));
        assert_eq!(line_text(text, at), "“Déjà” vu");
        assert_eq!(line_text(text, 1), "ab");
        assert_eq!(line_column(text, text.len()), (3, 2));
        let long = format!(
            "{}\n{}é{}",
            "ab".repeat(5000),
            "é".repeat(3000),
            "x".repeat(9000)
        );
        let index = LineIndex::new(&long);
        for at in (0..long.len()).step_by(997).chain([long.len()]) {
            assert_eq!(index.line_column(&long, at), line_column(&long, at), "{at}");
        }
    }

    #[test]
    fn evidence_is_folded_and_cut() {
        assert_eq!(evidence("a  b\nc", 1), "a b c");
        let long = "word ".repeat(100);
        let e = evidence(&long, 10);
        assert!(e.ends_with(" ...") && e.len() < 100, "{e}");
    }
}
