//! The rules: one module each, behind one small trait. The registry lists
//! them; adding a rule is one module and one line here.

pub mod attribution;
pub mod date;
pub mod quote;
pub mod speaker;
pub mod venue;
pub mod weekday;

use crate::analysis::Analysis;
use crate::corpus::Note;
use crate::finding::{Finding, Severity, evidence};
use std::ops::Range;

pub trait Rule: Sync {
    /// The id used in reports and on the command line.
    fn id(&self) -> &'static str;
    /// One line on what the rule reports.
    fn summary(&self) -> &'static str;
    /// What the rule reads and reports, with an example (`claimcheck
    /// explain`, SARIF rule help).
    fn explain(&self) -> &'static str;
    fn check(&self, analysis: &Analysis, out: &mut Output);
}

/// What rules produce for one article.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

pub fn registry() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(date::DateRule),
        Box::new(venue::VenueRule),
        Box::new(attribution::AttributionRule),
        Box::new(quote::QuoteRule),
        Box::new(weekday::WeekdayRule),
    ]
}

/// A rule's documentation, for `explain`, `rules` and SARIF.
pub struct Doc {
    pub id: &'static str,
    pub summary: &'static str,
    pub explain: &'static str,
}

/// The documentation of every rule id a report can carry.
pub fn docs() -> Vec<Doc> {
    let mut docs: Vec<Doc> = registry()
        .iter()
        .map(|r| Doc {
            id: r.id(),
            summary: r.summary(),
            explain: r.explain(),
        })
        .collect();
    docs.push(Doc {
        id: crate::suppress::UNUSED,
        summary: "an inline suppression that matched no conflict",
        explain: r#"A `claimcheck: ignore RULE -- reason` directive (in an HTML comment or on a
line of its own) that covered no conflict of that rule: the error it
excused is gone or the directive is misplaced. Remove it. A warning by
default; set `severity: {unused-suppression: off}` to silence it."#,
    });
    docs
}

/// Every rule id a report can carry: the registry's and the suppression
/// check's.
pub fn ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = registry().iter().map(|r| r.id()).collect();
    ids.push(crate::suppress::UNUSED);
    ids
}

/// The rule's own `'static` id for `name`, read back from a report or a
/// spill, if it is one.
pub fn id(name: &str) -> Option<&'static str> {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDS.get_or_init(ids).iter().copied().find(|id| *id == name)
}

/// What a rule knows of a conflict; `Output::conflict` adds the rest.
pub struct Conflict {
    pub rule: &'static str,
    pub claim: Option<String>,
    pub span: Range<usize>,
    pub expected: String,
    pub message: String,
    pub sources: Vec<String>,
    pub claim_at: Option<(usize, usize)>,
}

impl Output {
    pub fn conflict(&mut self, a: &Analysis, sentence: Range<usize>, c: Conflict) {
        let text = a.text();
        let (line, column) = a.lines().line_column(text, c.span.start);
        let (end_line, end_column) = a.lines().line_column(text, c.span.end);
        let found = text[c.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.findings.push(Finding {
            rule: c.rule,
            severity: Severity::Error,
            claim: c.claim,
            file: a.article.path.clone(),
            line,
            column,
            end_line,
            end_column,
            found,
            expected: c.expected,
            message: c.message,
            evidence: evidence(
                &text[sentence.clone()],
                c.span.end.saturating_sub(sentence.start),
            ),
            sources: c.sources,
            claim_at: c.claim_at,
            span: c.span,
        });
    }

    pub fn note(&mut self, a: &Analysis, at: usize, message: String) {
        let (line, _) = a.lines().line_column(a.text(), at);
        self.notes.push(Note {
            file: a.article.path.clone(),
            line: Some(line),
            message,
        });
    }
}

/// "Tuesday 2017-07-04", for messages.
pub fn describe_day(d: chrono::NaiveDate) -> String {
    d.format("%A %Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
