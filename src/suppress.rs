//! Inline suppressions: an editor's word, inside the article, that a
//! conflict is known and accepted, with the reason.
//!
//! ```text
//! <!-- claimcheck: ignore venue -- the wire copy says G7; we quote it -->
//! claimcheck: ignore date[syrian-jet-shootdown] -- reason
//! ```
//!
//! A directive sits in an HTML comment (Markdown) or on a line of its own
//! (plain text, also in brackets: `[claimcheck: ...]`). `ignore` covers the
//! line it ends when text stands before it on that line, else the next
//! paragraph; `ignore-file` covers the article; `disable` covers everything
//! up to the next `enable` of the same targets (or the end). Targets are
//! rule ids, `rule[claim-id]`, or `all`. A directive that suppressed
//! nothing is reported as an `unused-suppression` finding.

use crate::corpus::Note;
use crate::finding::{Finding, LineIndex, Severity};
use std::ops::Range;
use std::sync::LazyLock;

/// The rule id of the finding for a suppression that matched nothing.
pub const UNUSED: &str = "unused-suppression";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// A rule id, or `None` for `all`.
    pub rule: Option<String>,
    pub claim: Option<String>,
}

impl Target {
    fn covers(&self, f: &Finding) -> bool {
        self.rule.as_deref().is_none_or(|r| r == f.rule)
            && self
                .claim
                .as_deref()
                .is_none_or(|c| f.claim.as_deref() == Some(c))
    }

    fn describe(&self) -> String {
        match (&self.rule, &self.claim) {
            (None, _) => "all".to_string(),
            (Some(r), None) => r.clone(),
            (Some(r), Some(c)) => format!("{r}[{c}]"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Verb {
    Ignore,
    IgnoreFile,
    Disable,
    Enable,
}

/// One directive as read from the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Where the directive is written (bytes of the article).
    pub span: Range<usize>,
    /// What it covers (bytes of the article).
    pub scope: Range<usize>,
    pub targets: Vec<Target>,
    pub reason: Option<String>,
}

static DIRECTIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?m)(?:<!--[ \t]*claimcheck:(?<c>[^\n]*?)-->|^[ \t]*\[claimcheck:(?<b>[^\n\]]*)\][ \t]*\r?$|^[ \t]*claimcheck:(?<p>[^\n]*?)[ \t]*\r?$)",
    )
    .expect("the directive pattern compiles")
});

/// Reads the directives of `text`; `rules` are the known rule ids. Faults
/// (an unknown verb or rule, a missing reason) become notes.
pub fn read(text: &str, rules: &[&str], notes: &mut Vec<(usize, String)>) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    let mut open: Vec<Directive> = Vec::new();
    for caps in DIRECTIVE.captures_iter(text) {
        let whole = caps.get(0).expect("a match has a whole");
        let body = ["c", "b", "p"]
            .iter()
            .find_map(|n| caps.name(n))
            .map_or("", |m| m.as_str());
        let span = whole.start()..whole.end();
        let (words, reason) = match body.split_once("--") {
            Some((w, r)) => (w, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
            None => (body, None),
        };
        let mut words = words.split([' ', '\t', ',']).filter(|w| !w.is_empty());
        let verb = match words.next() {
            Some("ignore") => Verb::Ignore,
            Some("ignore-file") => Verb::IgnoreFile,
            Some("disable") => Verb::Disable,
            Some("enable") => Verb::Enable,
            other => {
                notes.push((
                    span.start,
                    format!(
                        "claimcheck directive `{}` is not ignore, ignore-file, disable or enable; it was not applied",
                        other.unwrap_or("")
                    ),
                ));
                continue;
            }
        };
        let mut targets = Vec::new();
        let mut bad = false;
        for word in words {
            match target(word, rules) {
                Ok(t) => targets.push(t),
                Err(message) => {
                    notes.push((span.start, message));
                    bad = true;
                }
            }
        }
        if bad {
            continue;
        }
        if targets.is_empty() {
            notes.push((
                span.start,
                "claimcheck directive names no rule (write `all` to mean every rule); it was not applied"
                    .to_string(),
            ));
            continue;
        }
        if reason.is_none() && verb != Verb::Enable {
            notes.push((
                span.start,
                "suppression without a reason: add `-- why` so the next editor knows".to_string(),
            ));
        }
        let scope = match verb {
            Verb::Ignore => ignore_scope(text, &span),
            Verb::IgnoreFile => 0..text.len(),
            Verb::Disable => {
                open.push(Directive {
                    span: span.clone(),
                    scope: span.end..text.len(),
                    targets,
                    reason,
                });
                continue;
            }
            Verb::Enable => {
                match open.iter().rposition(|d| d.targets == targets) {
                    Some(i) => {
                        let mut d = open.remove(i);
                        d.scope.end = span.start;
                        out.push(d);
                    }
                    None => notes.push((
                        span.start,
                        "`enable` without a `disable` of the same rules before it".to_string(),
                    )),
                }
                continue;
            }
        };
        out.push(Directive {
            span,
            scope,
            targets,
            reason,
        });
    }
    out.extend(open);
    out.sort_by_key(|d| d.span.start);
    out
}

fn target(word: &str, rules: &[&str]) -> Result<Target, String> {
    if word == "all" {
        return Ok(Target {
            rule: None,
            claim: None,
        });
    }
    let (rule, claim) = match word.split_once('[') {
        Some((r, c)) if c.ends_with(']') && c.len() > 1 => {
            (r, Some(c.trim_end_matches(']').to_string()))
        }
        Some(_) => {
            return Err(format!(
                "claimcheck directive: `{word}` is not RULE[CLAIM-ID]"
            ));
        }
        None => (word, None),
    };
    if !rules.contains(&rule) {
        return Err(format!(
            "claimcheck directive: unknown rule `{rule}`; {}",
            crate::suggest::help(rule, "rule", rules)
        ));
    }
    Ok(Target {
        rule: Some(rule.to_string()),
        claim,
    })
}

/// A trailing directive covers its own line; a directive on a line of its
/// own covers the next paragraph (up to a blank line).
fn ignore_scope(text: &str, span: &Range<usize>) -> Range<usize> {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..span.start].trim().is_empty() {
        return line_start..span.end;
    }
    let rest = &text[span.end..];
    let skip = rest.len() - rest.trim_start().len();
    let start = span.end + skip;
    let end = blank_line_after(text, start);
    start..end
}

fn blank_line_after(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim().is_empty() {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Drops the findings that a directive covers and turns every directive
/// target that covered nothing into an `unused-suppression` finding.
pub fn apply(
    directives: &[Directive],
    findings: &mut Vec<Finding>,
    file: &str,
    text: &str,
    lines: &LineIndex,
) -> Vec<Finding> {
    let mut used = vec![vec![false; 0]; directives.len()];
    for (d, u) in directives.iter().zip(used.iter_mut()) {
        *u = vec![false; d.targets.len()];
    }
    findings.retain(|f| {
        let mut keep = true;
        for (d, u) in directives.iter().zip(used.iter_mut()) {
            if f.span.start < d.scope.start || f.span.start >= d.scope.end {
                continue;
            }
            for (t, hit) in d.targets.iter().zip(u.iter_mut()) {
                if t.covers(f) {
                    *hit = true;
                    keep = false;
                }
            }
        }
        keep
    });
    let mut unused = Vec::new();
    for (d, u) in directives.iter().zip(&used) {
        for (t, hit) in d.targets.iter().zip(u) {
            if *hit {
                continue;
            }
            let (line, column) = lines.line_column(text, d.span.start);
            let (end_line, end_column) = lines.line_column(text, d.span.end);
            let written = text[d.span.clone()].trim().to_string();
            unused.push(Finding {
                rule: UNUSED,
                severity: Severity::Warning,
                claim: t.claim.clone(),
                file: file.to_string(),
                span: d.span.clone(),
                line,
                column,
                end_line,
                end_column,
                found: written.clone(),
                expected: String::new(),
                message: format!(
                    "this suppression of `{}` matched no conflict; remove it",
                    t.describe()
                ),
                evidence: written,
                sources: Vec::new(),
                claim_at: None,
            });
        }
    }
    unused
}

/// Notes from [`read`] as report notes.
pub fn notes(file: &str, text: &str, lines: &LineIndex, raw: Vec<(usize, String)>) -> Vec<Note> {
    raw.into_iter()
        .map(|(at, message)| Note {
            file: file.to_string(),
            line: Some(lines.line_column(text, at).0),
            message,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[&str] = &["date", "venue", "attribution", "quote", "weekday"];

    fn finding(rule: &'static str, claim: &str, at: usize) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            claim: Some(claim.to_string()),
            file: "a.md".into(),
            span: at..at + 1,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            found: String::new(),
            expected: String::new(),
            message: String::new(),
            evidence: String::new(),
            sources: Vec::new(),
            claim_at: None,
        }
    }

    /// (article with `@` marking the finding, finding rule and claim,
    /// suppressed?, unused targets)
    #[test]
    fn directives_cover_what_they_say_and_nothing_else() {
        let cases: &[(&str, &str, &str, bool, usize)] = &[
            // Trailing comment: its own line.
            (
                "x @ y <!-- claimcheck: ignore venue -- wire copy -->\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "x @ y\nz <!-- claimcheck: ignore venue -- wire copy -->\n",
                "venue",
                "m",
                false,
                1,
            ),
            // Line of its own: the next paragraph, not the one after.
            (
                "<!-- claimcheck: ignore venue -- why -->\nx @ y\nmore\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "<!-- claimcheck: ignore venue -- why -->\nx\n\n@ y\n",
                "venue",
                "m",
                false,
                1,
            ),
            (
                "claimcheck: ignore venue -- plain text form\n\nx @\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "[claimcheck: ignore venue -- bracketed]\nx @\n",
                "venue",
                "m",
                true,
                0,
            ),
            // Another rule, another claim: not covered.
            (
                "<!-- claimcheck: ignore date -- why -->\nx @\n",
                "venue",
                "m",
                false,
                1,
            ),
            (
                "<!-- claimcheck: ignore venue[other] -- why -->\nx @\n",
                "venue",
                "m",
                false,
                1,
            ),
            (
                "<!-- claimcheck: ignore venue[m] -- why -->\nx @\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "<!-- claimcheck: ignore date, venue -- why -->\nx @\n",
                "venue",
                "m",
                true,
                1,
            ),
            (
                "<!-- claimcheck: ignore all -- why -->\nx @\n",
                "quote",
                "m",
                true,
                0,
            ),
            // File and block scope.
            (
                "@\n\n\n<!-- claimcheck: ignore-file venue -- why -->\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "<!-- claimcheck: disable venue -- why -->\na\n\n@\n<!-- claimcheck: enable venue -->\n",
                "venue",
                "m",
                true,
                0,
            ),
            (
                "<!-- claimcheck: disable venue -- why -->\n<!-- claimcheck: enable venue -->\n@\n",
                "venue",
                "m",
                false,
                1,
            ),
            // A directive quoted in prose is not a directive.
            (
                "He wrote claimcheck: ignore venue in the memo. @\n",
                "venue",
                "m",
                false,
                0,
            ),
        ];
        for (text, rule, claim, suppressed, unused) in cases {
            let at = text.find('@').unwrap();
            let mut notes = Vec::new();
            let ds = read(text, RULES, &mut notes);
            let mut findings = vec![finding(rule, claim, at)];
            let lines = LineIndex::new(text);
            let left = apply(&ds, &mut findings, "a.md", text, &lines);
            assert_eq!(findings.is_empty(), *suppressed, "{text:?}");
            assert_eq!(left.len(), *unused, "{text:?}: {left:?}");
            assert!(left.iter().all(|f| f.rule == UNUSED));
        }
    }

    #[test]
    fn faulty_directives_are_notes_and_not_applied() {
        for (text, want) in [
            (
                "<!-- claimcheck: ignore venu -- why -->\n@",
                "unknown rule `venu`",
            ),
            (
                "<!-- claimcheck: ignroe venue -- why -->\n@",
                "`ignroe` is not ignore",
            ),
            ("<!-- claimcheck: ignore -- why -->\n@", "names no rule"),
            (
                "<!-- claimcheck: ignore venue[ -- why -->\n@",
                "is not RULE[CLAIM-ID]",
            ),
            (
                "<!-- claimcheck: enable venue -->\n@",
                "without a `disable`",
            ),
        ] {
            let mut notes = Vec::new();
            let ds = read(text, RULES, &mut notes);
            assert!(ds.is_empty(), "{text}");
            assert!(
                notes.iter().any(|(_, m)| m.contains(want)),
                "{text}: {notes:?}"
            );
        }
        let mut notes = Vec::new();
        let ds = read("<!-- claimcheck: ignore venue -->\n@", RULES, &mut notes);
        assert_eq!(ds.len(), 1, "a suppression without a reason still applies");
        assert!(notes[0].1.contains("without a reason"));
    }
}
