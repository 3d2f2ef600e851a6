//! The JSON report (spec §5): fields in the spec's order, sorted findings,
//! byte-identical from run to run. `sources` and `notes` are additions.

use crate::finding::{Finding, Report};
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    summary: Summary,
    conflicts: Conflicts<'a>,
    notes: Vec<Note<'a>>,
}

/// The conflicts, serialised one by one from the findings.
struct Conflicts<'a>(&'a [Finding]);

impl Serialize for Conflicts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(conflict))
    }
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

pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let json = Json {
        version: 1,
        summary: Summary {
            articles: report.articles,
            claims: report.claims,
            conflicts: report.findings.len(),
        },
        conflicts: Conflicts(&report.findings),
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
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}

fn conflict(f: &Finding) -> Conflict<'_> {
    Conflict {
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
    }
}
