//! `claimcheck merge`: the JSON reports of shards (`check --shard K/N`)
//! read back into one [`Report`], sorted as a single run sorts it, so the
//! merged JSON is byte-identical to a run over the whole corpus.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::{Finding, Report, Severity};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Json {
    version: u32,
    summary: Summary,
    conflicts: Vec<Conflict>,
    #[serde(default)]
    notes: Vec<JsonNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    articles: usize,
    claims: usize,
    conflicts: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Conflict {
    rule: String,
    claim: Option<String>,
    file: String,
    line: usize,
    column: usize,
    span: Span,
    found: String,
    expected: String,
    severity: String,
    message: String,
    evidence: String,
    #[serde(default)]
    sources: Vec<String>,
    end: Option<End>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    line: usize,
    column: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonNote {
    file: String,
    line: Option<usize>,
    message: String,
}

/// Reads one JSON report; `name` names it in errors.
pub fn read(text: &str, name: &str) -> Result<Report, Error> {
    let bad = |reason: String| Error::Read {
        path: name.to_string(),
        reason,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let json: Json = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        bad(format!(
            "not a claimcheck JSON report: line {}, column {}: {}: {}",
            inner.line(),
            inner.column(),
            e.path(),
            inner
        ))
    })?;
    if json.version != 1 {
        return Err(bad(format!("report version {} is not 1", json.version)));
    }
    if json.summary.conflicts != json.conflicts.len() {
        return Err(bad(format!(
            "summary counts {} conflicts but the report lists {}",
            json.summary.conflicts,
            json.conflicts.len()
        )));
    }
    let rules = crate::rules::ids();
    let mut findings = Vec::with_capacity(json.conflicts.len());
    for c in json.conflicts {
        let rule = rules
            .iter()
            .copied()
            .find(|id| *id == c.rule)
            .ok_or_else(|| bad(format!("unknown rule `{}`", c.rule)))?;
        let severity = Severity::parse(&c.severity)
            .ok_or_else(|| bad(format!("unknown severity `{}`", c.severity)))?;
        let end = c.end.map_or((c.line, c.column), |e| (e.line, e.column));
        findings.push(Finding {
            rule,
            severity,
            claim: c.claim,
            file: c.file,
            span: c.span.start..c.span.end,
            line: c.line,
            column: c.column,
            end_line: end.0,
            end_column: end.1,
            found: c.found,
            expected: c.expected,
            message: c.message,
            evidence: c.evidence,
            sources: c.sources,
            claim_at: None,
        });
    }
    Ok(Report {
        articles: json.summary.articles,
        claims: json.summary.claims,
        claims_file: String::new(),
        checked: Default::default(),
        findings: findings.into(),
        notes: json
            .notes
            .into_iter()
            .map(|n| Note {
                file: n.file,
                line: n.line,
                message: n.message,
            })
            .collect(),
    })
}

/// One report from several: articles add up, conflicts and notes are
/// pooled and sorted. Shards of one run must agree on the claim count.
/// Pooled conflicts past [`crate::spill::BUDGET`] spill to disk.
pub fn merge(reports: Vec<(String, Report)>) -> Result<Report, Error> {
    let mut out = Report::default();
    let mut claims: Option<(String, usize)> = None;
    for (name, r) in reports {
        match &claims {
            Some((first, n)) if *n != r.claims => {
                return Err(Error::Read {
                    path: name,
                    reason: format!(
                        "checked {} claims but {first} checked {n}: shards of one run use one claims file",
                        r.claims
                    ),
                });
            }
            Some(_) => {}
            None => claims = Some((name, r.claims)),
        }
        out.articles += r.articles;
        out.claims = r.claims;
        r.findings
            .iter()
            .try_for_each(|f| out.findings.add(f?.into_owned()))
            .map_err(crate::spill_error)?;
        out.notes.extend(r.notes);
    }
    out.sort().map_err(crate::spill_error)?;
    Ok(out)
}

/// Which shard a path belongs to: FNV-1a of its bytes, so the split is
/// stable across runs, machines and thread counts.
pub fn shard_of(path: &str, shards: u64) -> u64 {
    crate::finding::fnv1a(path.as_bytes()) % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_cover_every_path() {
        let paths: Vec<String> = (0..1000).map(|i| format!("corpus/{i}.txt")).collect();
        let mut counts = [0usize; 4];
        for p in &paths {
            let s = shard_of(p, 4);
            assert_eq!(s, shard_of(p, 4));
            counts[s as usize] += 1;
        }
        assert_eq!(counts.iter().sum::<usize>(), 1000);
        assert!(counts.iter().all(|&c| c > 200), "{counts:?}");
        assert_eq!(shard_of("a", 1), 0);
    }

    #[test]
    fn rejects_what_is_not_a_report() {
        for (text, want) in [
            ("{", "not a claimcheck JSON report"),
            ("[]", "not a claimcheck JSON report"),
            (
                r#"{"version":2,"summary":{"articles":0,"claims":0,"conflicts":0},"conflicts":[]}"#,
                "version 2",
            ),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":1},"conflicts":[]}"#,
                "counts 1 conflicts",
            ),
        ] {
            let err = read(text, "r.json").unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
    }
}
