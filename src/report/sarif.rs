//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run,
//! every rule described, one result per conflict with its region, snippet
//! and a content fingerprint that survives line moves.

use crate::finding::{Finding, Report, Severity};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Stands for the results in the document written around them; JSON
/// prints it as `"\u0001results\u0001"`, which no other value holds.
const RESULTS: &str = "\u{1}results\u{1}";

/// Writes the SARIF log of `report` to `out`, the results a block at a
/// time: as values all at once they took six times the log's size.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let docs = crate::rules::docs();
    let rules: Vec<Value> = docs
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "name": name(d.id),
                "shortDescription": { "text": d.summary },
                "fullDescription": { "text": d.explain },
                "help": { "text": d.explain },
                "defaultConfiguration": {
                    "level": if d.id == crate::suppress::UNUSED { "warning" } else { "error" }
                },
            })
        })
        .collect();
    let sarif = json!({
        "version": "2.1.0",
        "$schema": SCHEMA,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "claimcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": RESULTS,
        }]
    });
    let text = serde_json::to_string_pretty(&sarif)?;
    let mark = serde_json::to_string(RESULTS)?;
    let (head, tail) = text
        .split_once(&mark)
        .expect("the results' mark is in the document");
    out.write_all(head.as_bytes())?;
    // In the one run's object: the document, `runs`, the run, `results`.
    super::json::write_array(
        report.findings.iter(),
        3,
        |text, f, level| {
            let index = docs.iter().position(|d| d.id == f.rule);
            super::json::nested_into(text, &result(f, index), level)
        },
        out,
    )?;
    out.write_all(tail.as_bytes())?;
    out.write_all(b"\n")
}

fn result(f: &Finding, index: Option<usize>) -> Value {
    let mut message = f.message.clone();
    if !f.sources.is_empty() && !f.message.contains("(source:") {
        message.push_str(&format!(" (source: {})", f.sources.join(", ")));
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.file) },
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column.max(f.column),
                    "byteOffset": f.span.start,
                    "byteLength": f.span.len(),
                    "snippet": { "text": f.found },
                },
            }
        }],
        "partialFingerprints": { "claimcheck/v1": f.fingerprint() },
        "properties": {
            "claim": f.claim,
            "found": f.found,
            "expected": f.expected,
            "evidence": f.evidence,
            "sources": f.sources,
        },
    });
    if let Some(i) = index {
        result["ruleIndex"] = json!(i);
    }
    result
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// "date" → "Date", "unused-suppression" → "UnusedSuppression".
fn name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative URI reference for a path: `/` kept, everything outside the
/// unreserved set percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::BLOCK;

    /// The log written a block of results at a time is the one serde_json
    /// prints for the whole document, for none, one and more than a block.
    #[test]
    fn results_written_in_blocks_are_the_whole_document() {
        for count in [0, 1, 7, BLOCK + 300] {
            let report = Report {
                findings: (0..count).map(crate::finding::sample).collect(),
                ..Report::default()
            };
            let mut written = Vec::new();
            write(&report, &mut written).unwrap();
            let mut whole: Value = serde_json::from_slice(&written).unwrap();
            let docs = crate::rules::docs();
            let results: Vec<Value> = report
                .findings
                .to_vec()
                .unwrap()
                .iter()
                .map(|f| result(f, docs.iter().position(|d| d.id == f.rule)))
                .collect();
            assert_eq!(whole["runs"][0]["results"].as_array().unwrap(), &results);
            whole["runs"][0]["results"] = Value::Array(results);
            let mut want = serde_json::to_string_pretty(&whole).unwrap();
            want.push('\n');
            assert_eq!(String::from_utf8(written).unwrap(), want, "{count} results");
        }
    }

    #[test]
    fn paths_become_uri_references() {
        for (path, want) in [
            ("corpus/a.txt", "corpus/a.txt"),
            ("corpus/my article #1.md", "corpus/my%20article%20%231.md"),
            ("/abs/é.txt", "file:///abs/%C3%A9.txt"),
            ("./corpus/a.txt", "./corpus/a.txt"),
        ] {
            assert_eq!(uri(path), want);
        }
        assert_eq!(name("unused-suppression"), "UnusedSuppression");
    }
}
