//! Baselines: the conflicts a desk has accepted for now, keyed on content
//! (rule, claim, article, what was found and the sentence around it), so
//! an edit elsewhere in the article does not bring them back.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::{Finding, Report};
use crate::json_input::{self, Each};
use crate::spill::Sorted;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub claim: Option<String>,
    pub file: String,
    pub found: String,
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

/// Writes the baseline of `report` to `out`, an article's entries at a
/// time: an archive's baseline runs to tens of megabytes. Returns how many
/// entries it wrote.
pub fn write_of(report: &Report, out: &mut dyn Write) -> std::io::Result<usize> {
    out.write_all(b"{\n  \"version\": 1,\n  \"conflicts\": ")?;
    crate::report::json::write_array(entries(report), 1, crate::report::json::nested_into, out)?;
    out.write_all(b"\n}\n")?;
    Ok(report.findings.len())
}

/// A baseline ready to be applied article by article. It holds 24 bytes
/// an entry, not the entry: its article's path and its fingerprint as
/// numbers, and where it stands in the file; and about 40 an article. The few entries left stale
/// are read again from the file to be noted.
#[derive(Debug)]
pub struct Index {
    path: PathBuf,
    /// Sorted, so an article's entries, and within them a fingerprint's,
    /// are together and in the file's order.
    keys: Vec<Key>,
    /// Where each article's keys start, and how many there are.
    files: HashMap<u64, (usize, usize)>,
    /// A bit an entry: it accounted for no finding of its article.
    stale: Vec<AtomicU64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    file: u64,
    fingerprint: u64,
    entry: usize,
}

impl Key {
    fn of(e: &Entry, entry: usize) -> Key {
        // A fingerprint not written by claimcheck matches no finding but
        // by a 64-bit hash collision, as two paths share a key only by one.
        let hex = e.fingerprint.len() == 16
            && e.fingerprint
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let fingerprint = match u64::from_str_radix(&e.fingerprint, 16) {
            Ok(n) if hex => n,
            _ => hash(&e.fingerprint),
        };
        Key {
            file: hash(&e.file),
            fingerprint,
            entry,
        }
    }
}

fn hash(s: &str) -> u64 {
    // SipHash with fixed keys: the same number for the same path in one run.
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

const BASELINE: &str = "a claimcheck baseline";

impl Index {
    /// Reads the baseline file at `path`, an entry at a time.
    pub fn read(path: &Path) -> Result<Index, Error> {
        let mut keys = Vec::new();
        read_each(path, |entry, e| keys.push(Key::of(&e, entry)))?;
        keys.sort_unstable();
        keys.shrink_to_fit();
        let mut files = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            files.entry(k.file).or_insert((i, 0)).1 += 1;
        }
        let stale = (0..keys.len().div_ceil(64))
            .map(|_| AtomicU64::new(0))
            .collect();
        Ok(Index {
            path: path.to_path_buf(),
            keys,
            files,
            stale,
        })
    }

    /// Drops the findings of the article at `file` that the baseline
    /// holds, the first of each fingerprint first, and marks its entries
    /// that matched none: they are fixed and can leave the baseline.
    pub fn apply(&self, file: &str, findings: &mut Vec<Finding>) {
        let Some(&(start, len)) = self.files.get(&hash(file)) else {
            return;
        };
        let keys = &self.keys[start..start + len];
        // Entries used, counted at the first of their fingerprint's.
        let mut used = vec![0; keys.len()];
        findings.retain(|f| {
            let fingerprint = f.fingerprint_number();
            let first = keys.partition_point(|k| k.fingerprint < fingerprint);
            let same = keys[first..].partition_point(|k| k.fingerprint == fingerprint);
            if used.get(first).is_some_and(|n| *n < same) {
                used[first] += 1;
                return false;
            }
            true
        });
        let mut first = 0;
        while first < keys.len() {
            let fingerprint = keys[first].fingerprint;
            let same = keys[first..].partition_point(|k| k.fingerprint == fingerprint);
            for k in &keys[first + used[first]..first + same] {
                self.stale[k.entry / 64].fetch_or(1 << (k.entry % 64), Ordering::Relaxed);
            }
            first += same;
        }
    }

    fn is_stale(&self, entry: usize) -> bool {
        self.stale
            .get(entry / 64)
            .is_some_and(|w| w.load(Ordering::Relaxed) & (1 << (entry % 64)) != 0)
    }

    /// Notes each entry [`Index::apply`] found stale, read again from the
    /// file. Fails if the file cannot be read again, or changed since.
    pub fn stale_notes(&self, notes: &mut Sorted<Note>) -> Result<(), Error> {
        if self.stale.iter().all(|w| w.load(Ordering::Relaxed) == 0) {
            return Ok(());
        }
        let name = self.path.display().to_string();
        // Neither ends the reading early: that is for errors in the file.
        let mut changed = false;
        let mut spill = None;
        let count = read_each(&self.path, |entry, e| {
            if changed || spill.is_some() || !self.is_stale(entry) {
                return;
            }
            if self.keys.binary_search(&Key::of(&e, entry)).is_err() {
                changed = true;
                return;
            }
            let note = Note {
                file: e.file.clone(),
                line: None,
                message: format!(
                    "stale baseline entry in {name}: the {} conflict{} on “{}” is no longer found; run `claimcheck baseline` to drop it",
                    e.rule,
                    e.claim
                        .as_deref()
                        .map(|c| format!(" with {c}"))
                        .unwrap_or_default(),
                    e.found
                ),
            };
            spill = notes.add(note).err();
        })?;
        if let Some(e) = spill {
            return Err(crate::spill_error(e));
        }
        if changed || count != self.keys.len() {
            return Err(Error::Read {
                path: name,
                reason: "it changed during the check; check again".into(),
            });
        }
        Ok(())
    }
}

/// Reads the baseline at `path`, handing each entry to `each` with its
/// place in the file; returns how many there were.
fn read_each(path: &Path, each: impl FnMut(usize, Entry)) -> Result<usize, Error> {
    let (version, count) = json_input::read_path(path, BASELINE, Document { each })?;
    if version != 1 {
        return Err(Error::Read {
            path: path.display().to_string(),
            reason: format!("baseline version {version} is not 1"),
        });
    }
    Ok(count)
}

/// A baseline file, its entries handed one at a time to `each`. Its value
/// is the version and the count of entries.
struct Document<F> {
    each: F,
}

const FIELDS: &[&str] = &["version", "conflicts"];

impl<'de, F: FnMut(usize, Entry)> DeserializeSeed<'de> for Document<F> {
    type Value = (u32, usize);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(u32, usize), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(usize, Entry)> Visitor<'de> for Document<F> {
    type Value = (u32, usize);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a claimcheck baseline")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(u32, usize), A::Error> {
        let (mut version, mut conflicts) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            let seen = match key.as_str() {
                "version" => version.replace(map.next_value::<u32>()?).is_some(),
                "conflicts" => {
                    let mut entry = 0;
                    let each = &mut self.each;
                    let listed = map.next_value_seed(Each::new(|e: Entry| {
                        each(entry, e);
                        entry += 1;
                        Ok(())
                    }))?;
                    conflicts.replace(listed).is_some()
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            };
            if seen {
                return Err(json_input::duplicate(FIELDS, &key));
            }
        }
        Ok((
            version.ok_or_else(|| de::Error::missing_field("version"))?,
            conflicts.ok_or_else(|| de::Error::missing_field("conflicts"))?,
        ))
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
    use crate::finding::sample;

    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        conflicts: &'a [Entry],
    }

    /// Written an article at a time, held or spilled, the baseline is the
    /// one `serde_json` renders whole, entries sorted by file and
    /// fingerprint.
    #[test]
    fn written_as_it_goes_the_baseline_is_the_one_rendered_whole() {
        for count in [0, 1, 7, 3000] {
            for budget in [usize::MAX, 1] {
                let mut findings = Sorted::with_budget(budget);
                let mut conflicts = Vec::new();
                for i in 0..count {
                    // Spilled findings are read back by rule id: the
                    // sample's made-up rule would not be.
                    let mut f = sample(i);
                    f.rule = ["date", "venue", "weekday", "attribution"][i % 4];
                    conflicts.push(Entry::of(&f));
                    findings.add(f).unwrap();
                }
                conflicts.sort_by(|a, b| (&a.file, &a.fingerprint).cmp(&(&b.file, &b.fingerprint)));
                let mut report = Report {
                    findings,
                    ..Report::default()
                };
                report.sort().unwrap();
                let whole = Whole {
                    version: 1,
                    conflicts: &conflicts,
                };
                let mut rendered = serde_json::to_string_pretty(&whole).unwrap();
                rendered.push('\n');
                let mut written = Vec::new();
                let n = write_of(&report, &mut written).unwrap();
                assert_eq!(n, count);
                assert!(written == rendered.as_bytes(), "{count}, {budget}");
            }
        }
    }

    /// A finding of `file`, told apart by what was found.
    fn finding(file: &str, found: &str) -> Finding {
        Finding {
            file: file.into(),
            found: found.into(),
            ..sample(0)
        }
    }

    /// A baseline file of `entries` in a temporary folder.
    fn written_file(entries: &[Entry]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let whole = Whole {
            version: 1,
            conflicts: entries,
        };
        std::fs::write(&path, serde_json::to_string_pretty(&whole).unwrap()).unwrap();
        (dir, path)
    }

    /// Each case: the findings of the baseline (by what was found, all in
    /// `a.txt` unless they start with `b:`), the findings of a check of
    /// `a.txt`, those left, and the baseline's entries noted stale.
    #[test]
    fn an_entry_accounts_for_one_finding_of_its_article() {
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            (&[], &["x"], &["x"], &[]),
            (&["x"], &["x"], &[], &[]),
            (&["x"], &["y"], &["y"], &["x"]),
            // One entry, two findings alike: one is new.
            (&["x"], &["x", "x"], &["x"], &[]),
            // Two entries, one finding: the later entry is stale.
            (&["x", "x"], &["x"], &[], &["x"]),
            (&["x", "y", "z"], &["z", "w", "x"], &["w"], &["y"]),
            // Another article's entries neither match nor go stale here.
            (&["b:x"], &["x"], &["x"], &[]),
            (&["b:x", "y"], &["x"], &["x"], &["y"]),
        ];
        for (held, found, left, stale) in cases {
            let entries: Vec<Entry> = held
                .iter()
                .map(|h| match h.strip_prefix("b:") {
                    Some(x) => Entry::of(&finding("b.txt", x)),
                    None => Entry::of(&finding("a.txt", h)),
                })
                .collect();
            let (_dir, path) = written_file(&entries);
            let index = Index::read(&path).unwrap();
            let mut findings: Vec<Finding> = found.iter().map(|x| finding("a.txt", x)).collect();
            index.apply("a.txt", &mut findings);
            let kept: Vec<&str> = findings.iter().map(|f| f.found.as_str()).collect();
            assert_eq!(kept, *left, "{held:?} {found:?}");
            let mut notes = Sorted::default();
            index.stale_notes(&mut notes).unwrap();
            let noted: Vec<String> = notes
                .to_vec()
                .unwrap()
                .into_iter()
                .map(|n| n.message)
                .collect();
            assert_eq!(noted.len(), stale.len(), "{held:?} {found:?}: {noted:?}");
            for (note, x) in noted.iter().zip(*stale) {
                assert!(note.contains(&format!("on “{x}”")), "{note}");
                assert!(note.starts_with("stale baseline entry in "), "{note}");
            }
        }
    }

    /// A fingerprint is compared as claimcheck writes it: one written
    /// otherwise (in capitals, cut short, not hexadecimal) matches no
    /// finding, and its entry goes stale, as when fingerprints were
    /// compared as text.
    #[test]
    fn a_fingerprint_written_otherwise_matches_nothing() {
        let f = finding("a.txt", "x");
        let written = f.fingerprint();
        for other in [
            written.to_uppercase(),
            written[1..].to_string(),
            format!("+{}", &written[1..]),
            "not a fingerprint".into(),
            String::new(),
        ] {
            let mut entry = Entry::of(&f);
            entry.fingerprint = other.clone();
            let (_dir, path) = written_file(&[entry]);
            let index = Index::read(&path).unwrap();
            let mut findings = vec![f.clone()];
            index.apply("a.txt", &mut findings);
            assert_eq!(findings.len(), 1, "{other:?}");
            let mut notes = Sorted::default();
            index.stale_notes(&mut notes).unwrap();
            assert_eq!(notes.len(), 1, "{other:?}");
        }
    }

    /// Entries being marked by [`Index::apply`], the file is read again to
    /// note them: one that changed meanwhile is an error, not wrong notes.
    #[test]
    fn a_baseline_changed_during_the_check_is_an_error() {
        let entries = [
            Entry::of(&finding("a.txt", "x")),
            Entry::of(&finding("a.txt", "y")),
        ];
        let (_dir, path) = written_file(&entries);
        let index = Index::read(&path).unwrap();
        index.apply("a.txt", &mut Vec::new());
        for changed in [&entries[..1], &[entries[1].clone(), entries[0].clone()][..]] {
            std::fs::write(
                &path,
                serde_json::to_string(&Whole {
                    version: 1,
                    conflicts: changed,
                })
                .unwrap(),
            )
            .unwrap();
            let err = index.stale_notes(&mut Sorted::default()).unwrap_err();
            assert!(
                err.to_string().contains("changed during the check"),
                "{err}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_baseline() {
        let cases = [
            ("{}", "line 1, column 2: .: missing field `version`"),
            (
                "[]",
                "invalid type: sequence, expected a claimcheck baseline",
            ),
            (
                r#"{"version": 2, "conflicts": []}"#,
                "baseline version 2 is not 1",
            ),
            (
                r#"{"version": 1, "conflicts": [], "conflicts": []}"#,
                "duplicate field `conflicts`",
            ),
            (r#"{"version": 1, "extra": 0}"#, "unknown field `extra`"),
            (
                r#"{"version": 1, "conflicts": [{"fingerprint": "0", "rule": "date"}]}"#,
                "line 1, column 65: conflicts[0]: missing field `file`",
            ),
            (
                r#"{"version": 1, "conflicts": []} x"#,
                "trailing characters",
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        for (text, expected) in cases {
            std::fs::write(&path, text).unwrap();
            let err = Index::read(&path).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.contains("b.json"), "{err}");
        }
    }
}
