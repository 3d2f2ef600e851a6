//! Baselines: the conflicts a desk has accepted for now, keyed on content
//! (rule, claim, article, what was found and the sentence around it), so
//! an edit elsewhere in the article does not bring them back.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub claim: Option<String>,
    pub file: String,
    pub found: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub conflicts: Vec<Entry>,
}

impl Baseline {
    /// The baseline of everything `report` holds.
    pub fn of(report: &Report) -> Baseline {
        let mut conflicts: Vec<Entry> = report
            .findings
            .iter()
            .map(|f| Entry {
                fingerprint: f.fingerprint(),
                rule: f.rule.to_string(),
                claim: f.claim.clone(),
                file: f.file.clone(),
                found: f.found.clone(),
            })
            .collect();
        conflicts.sort_by(|a, b| (&a.file, &a.fingerprint).cmp(&(&b.file, &b.fingerprint)));
        Baseline {
            version: 1,
            conflicts,
        }
    }

    pub fn render(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a baseline serialises");
        out.push('\n');
        out
    }

    /// Reads a baseline file's text; `name` names it in errors.
    pub fn read(text: &str, name: &str) -> Result<Baseline, Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let b: Baseline = serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Read {
            path: name.to_string(),
            reason: format!(
                "not a claimcheck baseline: line {}, column {}: {}: {}",
                e.inner().line(),
                e.inner().column(),
                e.path(),
                e.inner()
            ),
        })?;
        if b.version != 1 {
            return Err(Error::Read {
                path: name.to_string(),
                reason: format!("baseline version {} is not 1", b.version),
            });
        }
        Ok(b)
    }

    /// Drops the findings the baseline holds (each entry accounts for one
    /// finding) and notes entries for checked articles that matched none:
    /// they are fixed and can leave the baseline.
    pub fn apply(&self, report: &mut Report, name: &str) {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.conflicts {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        report.findings.retain(|f| {
            let fp = f.fingerprint();
            match left.get_mut(fp.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        // Looked up by halves below.
        report.checked.sort_unstable();
        for e in self.conflicts.iter().rev() {
            let Some(n) = left.get_mut(e.fingerprint.as_str()) else {
                continue;
            };
            if *n == 0 || report.checked.binary_search(&e.file).is_err() {
                continue;
            }
            *n -= 1;
            report.notes.push(Note {
                file: e.file.clone(),
                line: None,
                message: format!(
                    "stale baseline entry in {name}: the {} conflict{} on “{}” is no longer found; run `claimcheck baseline` to drop it",
                    e.rule,
                    e.claim.as_deref().map(|c| format!(" with {c}")).unwrap_or_default(),
                    e.found
                ),
            });
        }
        report.sort();
    }
}
