//! The JSON report (spec §5): fields in the spec's order, sorted findings,
//! byte-identical from run to run. `sources` and `notes` are additions.

use crate::finding::Report;
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    summary: Summary,
    conflicts: Vec<Conflict<'a>>,
    notes: Vec<Note<'a>>,
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    claims: usize,
    conflicts: usize,
}

#[derive(Serialize)]
struct Conflict<'a> {
    rule: &'a str,
    claim: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    span: Span,
    found: &'a str,
    expected: &'a str,
    severity: &'a str,
    message: &'a str,
    evidence: &'a str,
    sources: &'a [String],
    end: End,
}

/// Where the span ends: the line and column just past its last character.
#[derive(Serialize)]
struct End {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Note<'a> {
    file: &'a str,
    line: Option<usize>,
    message: &'a str,
}

pub fn render(report: &Report) -> String {
    let json = Json {
        version: 1,
        summary: Summary {
            articles: report.articles,
            claims: report.claims,
            conflicts: report.findings.len(),
        },
        conflicts: report
            .findings
            .iter()
            .map(|f| Conflict {
                rule: f.rule,
                claim: f.claim.as_deref(),
                file: &f.file,
                line: f.line,
                column: f.column,
                span: Span {
                    start: f.span.start,
                    end: f.span.end,
                },
                found: &f.found,
                expected: &f.expected,
                severity: f.severity.as_str(),
                message: &f.message,
                evidence: &f.evidence,
                sources: &f.sources,
                end: End {
                    line: f.end_line,
                    column: f.end_column,
                },
            })
            .collect(),
        notes: report
            .notes
            .iter()
            .map(|n| Note {
                file: &n.file,
                line: n.line,
                message: &n.message,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&json).expect("the report serialises");
    out.push('\n');
    out
}
