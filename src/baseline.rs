//! Baselines: the conflicts a desk has accepted for now, keyed on content
//! (rule, claim, article, what was found and the sentence around it), so
//! an edit elsewhere in the article does not bring them back.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::{Finding, Report};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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
    /// The baseline of everything `report` holds; fails only if spilled
    /// findings cannot be read back.
    pub fn of(report: &Report) -> std::io::Result<Baseline> {
        let mut conflicts = Vec::with_capacity(report.findings.len());
        for f in report.findings.iter() {
            let f = f?;
            conflicts.push(Entry {
                fingerprint: f.fingerprint(),
                rule: f.rule.to_string(),
                claim: f.claim.clone(),
                file: f.file.clone(),
                found: f.found.clone(),
            });
        }
        conflicts.sort_by(|a, b| (&a.file, &a.fingerprint).cmp(&(&b.file, &b.fingerprint)));
        Ok(Baseline {
            version: 1,
            conflicts,
        })
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

    /// The baseline ready to be applied article by article; `name` names
    /// it in notes.
    pub fn by_file<'a>(&'a self, name: &'a str) -> ByFile<'a> {
        let mut files: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in &self.conflicts {
            files.entry(e.file.as_str()).or_default().push(e);
        }
        ByFile { name, files }
    }
}

/// A baseline's entries by article. An entry accounts for one finding of
/// its own article with its fingerprint, so the baseline is applied as
/// each article is checked: no list of every article checked, which
/// grows with the archive, is kept to find the stale entries after.
pub struct ByFile<'a> {
    name: &'a str,
    files: HashMap<&'a str, Vec<&'a Entry>>,
}

impl ByFile<'_> {
    /// Drops the findings of the article at `file` that the baseline
    /// holds, in order, and notes its entries that matched none: they are
    /// fixed and can leave the baseline.
    pub fn apply(&self, file: &str, findings: &mut Vec<Finding>, notes: &mut Vec<Note>) {
        let Some(entries) = self.files.get(file) else {
            return;
        };
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in entries {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        findings.retain(|f| {
            let fp = f.fingerprint();
            match left.get_mut(fp.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        for e in entries.iter().rev() {
            let Some(n) = left.get_mut(e.fingerprint.as_str()) else {
                continue;
            };
            if *n == 0 {
                continue;
            }
            *n -= 1;
            notes.push(Note {
                file: e.file.clone(),
                line: None,
                message: format!(
                    "stale baseline entry in {}: the {} conflict{} on “{}” is no longer found; run `claimcheck baseline` to drop it",
                    self.name,
                    e.rule,
                    e.claim.as_deref().map(|c| format!(" with {c}")).unwrap_or_default(),
                    e.found
                ),
            });
        }
    }
}
