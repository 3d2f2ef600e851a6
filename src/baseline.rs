//! Baselines: the conflicts a desk has accepted for now, keyed on content
//! (rule, claim, article, what was found and the sentence around it), so
//! an edit elsewhere in the article does not bring them back.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::{Finding, Report};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

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

impl Entry {
    fn of(f: &Finding) -> Entry {
        Entry {
            fingerprint: f.fingerprint(),
            rule: f.rule.to_string(),
            claim: f.claim.clone(),
            file: f.file.clone(),
            found: f.found.clone(),
        }
    }
}

impl Baseline {
    /// The baseline of everything `report` holds; fails only if spilled
    /// findings cannot be read back.
    pub fn of(report: &Report) -> std::io::Result<Baseline> {
        let conflicts = entries(report).map(|e| e.map(Cow::into_owned));
        Ok(Baseline {
            version: 1,
            conflicts: conflicts.collect::<std::io::Result<_>>()?,
        })
    }

    pub fn render(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a baseline serialises");
        out.push('\n');
        out
    }

    /// Writes the baseline of `report` to `out` as [`Baseline::render`]
    /// renders it, an article's entries at a time: an archive's baseline
    /// runs to tens of megabytes. Returns how many entries it wrote.
    pub fn write_of(report: &Report, out: &mut dyn Write) -> std::io::Result<usize> {
        out.write_all(b"{\n  \"version\": 1,\n  \"conflicts\": ")?;
        crate::report::json::write_array(
            entries(report),
            1,
            crate::report::json::nested_into,
            out,
        )?;
        out.write_all(b"\n}\n")?;
        Ok(report.findings.len())
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

/// The entries of `report`'s findings, sorted by file and then by
/// fingerprint (stably), an article's at a time: the findings come sorted
/// by file, so each article's entries are sorted alone.
fn entries(report: &Report) -> impl Iterator<Item = std::io::Result<Cow<'static, Entry>>> + '_ {
    let mut findings = report.findings.iter().peekable();
    let mut article: std::vec::IntoIter<Entry> = Vec::new().into_iter();
    std::iter::from_fn(move || {
        if let Some(e) = article.next() {
            return Some(Ok(Cow::Owned(e)));
        }
        let first = match findings.next()? {
            Ok(f) => f,
            Err(e) => return Some(Err(e)),
        };
        let mut held = vec![Entry::of(&first)];
        while let Some(Ok(f)) = findings.peek() {
            if f.file != first.file {
                break;
            }
            held.push(Entry::of(f));
            findings.next();
        }
        held.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        article = held.into_iter();
        article.next().map(|e| Ok(Cow::Owned(e)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spill::Sorted;

    /// Written an article at a time, held or spilled, the baseline is the
    /// one `serde_json` renders whole, entries sorted by file and
    /// fingerprint.
    #[test]
    fn written_as_it_goes_the_baseline_is_the_one_rendered_whole() {
        for count in [0, 1, 7, 3000] {
            for budget in [usize::MAX, 1] {
                let mut findings = Sorted::with_budget(budget);
                for i in 0..count {
                    // Spilled findings are read back by rule id: the
                    // sample's made-up rule would not be.
                    let mut f = crate::finding::sample(i);
                    f.rule = ["date", "venue", "weekday", "attribution"][i % 4];
                    findings.add(f).unwrap();
                }
                let mut report = Report {
                    findings,
                    ..Report::default()
                };
                report.sort().unwrap();
                let whole = Baseline::of(&report).unwrap();
                assert_eq!(whole.conflicts.len(), count);
                let sorted = whole
                    .conflicts
                    .is_sorted_by(|a, b| (&a.file, &a.fingerprint) <= (&b.file, &b.fingerprint));
                assert!(sorted, "{count}");
                let mut written = Vec::new();
                let n = Baseline::write_of(&report, &mut written).unwrap();
                assert_eq!(n, count);
                assert!(written == whole.render().as_bytes(), "{count}, {budget}");
            }
        }
    }
}
