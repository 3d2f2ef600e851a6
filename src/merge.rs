//! `claimcheck merge`: the JSON reports of shards (`check --shard K/N`)
//! read back into one [`Report`], sorted as a single run sorts it, so the
//! merged JSON is byte-identical to a run over the whole corpus.

use crate::corpus::Note;
use crate::error::Error;
use crate::finding::{Finding, Report, Severity};
use crate::json_input::{self, Each};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    articles: usize,
    claims: usize,
    conflicts: usize,
}

/// Which shard of a split a report covers, 1-based.
#[derive(Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct Shard {
    index: u64,
    count: u64,
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

/// Reads one JSON report from its text; `name` names it in errors.
pub fn read(text: &str, name: &str) -> Result<Report, Error> {
    let mut report = Report::default();
    let document = Document {
        into: &mut report,
        articles: None,
    };
    let head = json_input::read_bytes(text.as_bytes(), name, REPORT, document)?;
    report.shard = head.shard.map(|s| (s.index, s.count));
    report.claims = check(head, name)?;
    report.sort().map_err(crate::spill_error)?;
    Ok(report)
}

/// Merges the JSON reports at `paths`: articles add up, conflicts and
/// notes are pooled and sorted. Shards of one run must agree on the claim
/// count, and a shard's report must come with every other shard's of its
/// split, each once ([`every_shard`]). No report may be given twice, or
/// share an article with another ([`shared_article`]). Each report is
/// read an element at a time, its conflicts handed one by one to the
/// merged report, which spills them past [`crate::spill::BUDGET`]: no
/// report is held whole but a small one's text (up to 8 MB, parsed from
/// memory).
pub fn merge_files(paths: &[PathBuf]) -> Result<Report, Error> {
    // Notes get a quarter of the budget, as in a check.
    let notes = crate::spill::Sorted::with_budget(crate::spill::BUDGET / 4);
    merge_into(
        paths,
        Report {
            notes,
            ..Report::default()
        },
    )
}

/// [`merge_files`] into `out`, whose findings' budget is kept.
fn merge_into(paths: &[PathBuf], mut out: Report) -> Result<Report, Error> {
    once_each(paths)?;
    // A missing shard is named before any report is read whole: a
    // large merge would otherwise find it only at the end.
    let named = |p: &PathBuf| lead(p).map(|s| (p.display().to_string(), Some(s)));
    if let Some(shards) = paths.iter().map(named).collect::<Option<Vec<_>>>() {
        every_shard(&shards)?;
    }
    let mut claims: Option<(String, usize)> = None;
    let mut shards = Vec::with_capacity(paths.len());
    let mut listed = 0;
    for path in paths {
        let name = path.display().to_string();
        let document = Document {
            into: &mut out,
            articles: None,
        };
        let head = json_input::read_path(path, REPORT, document)?;
        shards.push((name.clone(), head.shard));
        listed += head.conflicts;
        let n = check(head, &name)?;
        match &claims {
            Some((first, m)) if *m != n => {
                return Err(Error::Read {
                    path: name,
                    reason: format!(
                        "checked {n} claims but {first} checked {m}: shards of one run use one claims file"
                    ),
                });
            }
            Some(_) => {}
            None => claims = Some((name, n)),
        }
        out.claims = n;
    }
    every_shard(&shards)?;
    out.sort().map_err(crate::spill_error)?;
    // A check lists each conflict once: one listed twice, which the sort
    // dropped, shows an article in two reports. Which article is found
    // by reading them again, on this path only.
    if out.findings.len() < listed
        && let Some(reason) = shared_article(paths, listed - out.findings.len())?
    {
        return Err(Error::Usage { reason });
    }
    Ok(out)
}

/// The shard a report at `path` says it is, read from the fields before
/// its conflicts (where a check writes them) and nothing further. None
/// when they are not there (a whole run's report), or say what the whole
/// read will refuse and name.
fn lead(path: &std::path::Path) -> Option<Shard> {
    if !regular(path) {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let input = std::io::BufReader::with_capacity(1 << 13, file);
    let mut head = None;
    // The reader stops at the first other field by failing: what it
    // read is in `head`, and its error says only that it stopped.
    let _ = Lead { head: &mut head }.deserialize(&mut serde_json::Deserializer::from_reader(input));
    let (version, shard) = head?;
    let valid = version == 1 && (1..=shard.count).contains(&shard.index);
    valid.then_some(shard)
}

/// Whether `path` is a file that can be read more than once: a pipe
/// (`<(…)`, a FIFO) is read once, whole, and is not even opened before:
/// a writer whose reader opens and closes it unread may fail.
fn regular(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// The version and shard of a report, when both come before any other
/// field but its summary.
struct Lead<'a> {
    head: &'a mut Option<(u32, Shard)>,
}

impl<'de> DeserializeSeed<'de> for Lead<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Lead<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a claimcheck JSON report")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut version, mut shard) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => version = Some(map.next_value::<u32>()?),
                "shard" => shard = Some(map.next_value::<Shard>()?),
                "summary" => {
                    map.next_value::<de::IgnoredAny>()?;
                }
                _ => break,
            }
            if let (Some(v), Some(s)) = (version, shard) {
                *self.head = Some((v, s));
                break;
            }
        }
        Err(de::Error::custom("stopped"))
    }
}

/// Refuses a report given twice, by two names or one: its articles
/// would be counted twice. Paths that cannot be resolved are left to
/// the reading, which names them.
fn once_each(paths: &[PathBuf]) -> Result<(), Error> {
    let mut given = std::collections::HashMap::new();
    for path in paths {
        let Ok(real) = std::fs::canonicalize(path) else {
            continue;
        };
        if let Some(first) = given.insert(real, path) {
            return Err(Error::Usage {
                reason: format!(
                    "{} and {} are one report: its articles would be counted twice",
                    first.display(),
                    path.display()
                ),
            });
        }
    }
    Ok(())
}

/// The first article with conflicts in two of the reports at `paths`,
/// as the reason to refuse them: the reports of one archive's shards,
/// or of runs over different folders, never share one. None when the
/// repeats were within one report (which a check does not write).
fn shared_article(paths: &[PathBuf], repeats: usize) -> Result<Option<String>, Error> {
    // A pipe cannot be read twice: the repeats are then all there is to
    // say.
    if !paths.iter().all(|p| regular(p)) {
        return Ok(Some(format!(
            "{repeats} conflict{} listed twice among the reports: {DISJOINT}",
            if repeats == 1 { " is" } else { "s are" }
        )));
    }
    let mut articles = Articles::default();
    let mut scratch = Report::default();
    for (i, path) in paths.iter().enumerate() {
        articles.start(i);
        let document = Document {
            into: &mut scratch,
            articles: Some(&mut articles),
        };
        json_input::read_path(path, REPORT, document)?;
        if let Some((file, first)) = articles.shared.take() {
            return Ok(Some(format!(
                "{file} has conflicts in both {} and {}: {DISJOINT}",
                paths[first].display(),
                path.display()
            )));
        }
    }
    Ok(None)
}

/// Why reports that share an article are refused.
const DISJOINT: &str = "merge joins reports on different articles (the shards of one split, or runs over different folders), and an article in two would be counted twice";

/// The articles with conflicts in the reports read so far, by a hash of
/// their paths, each with the first report that named it. Conflicts are
/// listed by article, so each is looked up once per report.
#[derive(Default)]
struct Articles {
    first: std::collections::HashMap<u64, usize>,
    /// The report being read, and the last article it named.
    report: usize,
    last: Option<u64>,
    /// An article named by an earlier report, and that report.
    shared: Option<(String, usize)>,
}

impl Articles {
    /// Starts on report `i`.
    fn start(&mut self, i: usize) {
        self.report = i;
        self.last = None;
    }

    fn named(&mut self, file: &str) {
        // SipHash with fixed keys: the same on every run. Two of a
        // million paths share a hash with a chance of about 1 in 37
        // million.
        let hash = {
            use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
            BuildHasherDefault::<DefaultHasher>::default().hash_one(file)
        };
        if self.last == Some(hash) {
            return;
        }
        self.last = Some(hash);
        let first = *self.first.entry(hash).or_insert(self.report);
        if first != self.report && self.shared.is_none() {
            self.shared = Some((file.to_string(), first));
        }
    }
}

/// Shards' reports join only as every shard of one split, each once: a
/// shard missing (a CI job that failed to upload) would leave its
/// articles out of a report that looks whole, and one given twice would
/// count its articles twice. Reports without a shard (whole runs, or
/// written before reports said their shard) are joined as they are, but
/// not with shards'.
fn every_shard(reports: &[(String, Option<Shard>)]) -> Result<(), Error> {
    let usage = |reason: String| Err(Error::Usage { reason });
    let Some((first, lead)) = reports.iter().find_map(|(name, s)| s.map(|s| (name, s))) else {
        return Ok(());
    };
    let n = lead.count;
    // The count comes from a file: nothing is sized by it.
    let mut given = std::collections::BTreeMap::new();
    for (name, shard) in reports {
        let Some(Shard { index: k, count }) = *shard else {
            return usage(format!(
                "{name} is a whole run's report and {first} is shard {}/{n}: merge joins the shards of one split, or whole runs",
                lead.index
            ));
        };
        if count != n {
            return usage(format!(
                "{name} is shard {k}/{count} and {first} is shard {}/{n}: the shards of one split have one count",
                lead.index
            ));
        }
        if let Some(other) = given.insert(k, name) {
            return usage(format!("shard {k}/{n} is given twice: {other} and {name}"));
        }
    }
    if given.len() as u64 != n {
        let missing: Vec<String> = (1..=n)
            .filter(|k| !given.contains_key(k))
            .take(5)
            .map(|k| format!("{k}/{n}"))
            .collect();
        let absent = n - given.len() as u64;
        let more = absent - missing.len() as u64;
        let listed = match (absent, more) {
            (1, _) => format!("shard {} is", missing[0]),
            (_, 0) => format!("shards {} are", missing.join(", ")),
            _ => format!("shards {} and {more} more are", missing.join(", ")),
        };
        return usage(format!(
            "{listed} missing: without every shard's report, the merged report would leave out their articles"
        ));
    }
    Ok(())
}

const REPORT: &str = "a claimcheck JSON report";

/// The claim count of a report read as `head`, once its head is checked.
fn check(head: Head, name: &str) -> Result<usize, Error> {
    let bad = |reason: String| Error::Read {
        path: name.to_string(),
        reason,
    };
    if head.version != 1 {
        return Err(bad(format!("report version {} is not 1", head.version)));
    }
    if let Some(Shard { index, count }) = head.shard
        && !(1..=count).contains(&index)
    {
        return Err(bad(format!(
            "it says it is shard {index}/{count}, which no split has: K must be between 1 and N"
        )));
    }
    if head.summary.conflicts != head.conflicts {
        return Err(bad(format!(
            "summary counts {} conflicts but the report lists {}",
            head.summary.conflicts, head.conflicts
        )));
    }
    Ok(head.summary.claims)
}

/// What a report says of itself, and how many conflicts it listed.
struct Head {
    version: u32,
    summary: Summary,
    shard: Option<Shard>,
    conflicts: usize,
}

/// A whole report, read into a report being merged.
struct Document<'a> {
    into: &'a mut Report,
    /// On the pass that looks for an article in two reports, only the
    /// conflicts' articles are read, into these.
    articles: Option<&'a mut Articles>,
}

const FIELDS: &[&str] = &["version", "summary", "shard", "conflicts", "notes"];

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = Head;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Head, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = Head;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a claimcheck JSON report")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Head, A::Error> {
        let (mut version, mut summary, mut conflicts, mut notes) = (None, None, None, false);
        let mut shard = None;
        while let Some(key) = map.next_key::<String>()? {
            let seen = match key.as_str() {
                "version" => version.replace(map.next_value::<u32>()?).is_some(),
                "summary" => summary.replace(map.next_value::<Summary>()?).is_some(),
                "shard" => shard.replace(map.next_value::<Shard>()?).is_some(),
                "conflicts" => {
                    let findings = &mut self.into.findings;
                    let mut articles = self.articles.as_deref_mut();
                    let listed = map.next_value_seed(Each::new(|c: Conflict| {
                        match articles.as_deref_mut() {
                            Some(articles) => {
                                articles.named(&c.file);
                                Ok(())
                            }
                            None => findings.add(finding(c)?).map_err(spill),
                        }
                    }))?;
                    conflicts.replace(listed).is_some()
                }
                "notes" => {
                    let notes_into = &mut self.into.notes;
                    map.next_value_seed(Each::new(|n: JsonNote| {
                        let note = Note {
                            file: n.file,
                            line: n.line,
                            message: n.message,
                        };
                        notes_into.add(note).map_err(spill)
                    }))?;
                    std::mem::replace(&mut notes, true)
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            };
            if seen {
                return Err(json_input::duplicate(FIELDS, &key));
            }
        }
        let summary: Summary = summary.ok_or_else(|| de::Error::missing_field("summary"))?;
        self.into.articles += summary.articles;
        Ok(Head {
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            summary,
            shard,
            conflicts: conflicts.ok_or_else(|| de::Error::missing_field("conflicts"))?,
        })
    }
}

/// A spill that failed, as the reader of a report says it.
fn spill(e: std::io::Error) -> String {
    format!("a temporary file for the report: {e}")
}

/// A conflict as the report lists it, as a finding.
fn finding(c: Conflict) -> Result<Finding, String> {
    let rule = crate::rules::id(&c.rule).ok_or_else(|| format!("unknown rule `{}`", c.rule))?;
    let severity =
        Severity::parse(&c.severity).ok_or_else(|| format!("unknown severity `{}`", c.severity))?;
    let end = c.end.map_or((c.line, c.column), |e| (e.line, e.column));
    Ok(Finding {
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
    })
}

/// Which shard a path belongs to: FNV-1a of its bytes, so the split is
/// stable across runs, machines and thread counts, then mixed. FNV-1a's
/// low bits depend only on the bytes' low bits: modulo 2 it is the parity
/// of the path's bytes, which puts every `story/story.md` in one shard.
pub fn shard_of(path: &str, shards: u64) -> u64 {
    mixed(crate::finding::fnv1a(path.as_bytes())) % shards.max(1)
}

/// MurmurHash3's 64-bit finaliser: every bit of `h` moves every bit out.
fn mixed(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spill::Sorted;

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
        // Worked out apart (in Python): a CI matrix's shards must agree
        // across machines and versions of Rust.
        assert_eq!(shard_of("corpus/0000000.txt", 1 << 20), 783_744);
    }

    /// Layouts whose paths repeat a name: FNV-1a alone put every one of
    /// them in one shard of two.
    #[test]
    fn shards_split_every_layout_evenly() {
        type Layout = (&'static str, fn(usize) -> String);
        let layouts: [Layout; 4] = [
            ("numbered", |i| format!("corpus/{i:07}.txt")),
            ("story/story", |i| format!("news/{i}/{i}.md")),
            ("dated", |i| {
                format!(
                    "archive/{}/{:02}/{:02}/index.html",
                    2000 + i / 336,
                    i / 28 % 12 + 1,
                    i % 28 + 1
                )
            }),
            ("slug twice", |i| format!("s{i}-a/s{i}-a.html")),
        ];
        for (name, path) in layouts {
            for n in [2u64, 3, 4, 8, 16] {
                let mut counts = vec![0usize; n as usize];
                for i in 0..4000 {
                    counts[shard_of(&path(i), n) as usize] += 1;
                }
                let fair = 4000 / n as usize;
                assert!(
                    counts
                        .iter()
                        .all(|&c| c * 10 >= fair * 8 && c * 10 <= fair * 12),
                    "{name}, {n} shards: {counts:?}"
                );
            }
        }
    }

    #[test]
    fn only_every_shard_of_one_split_joins() {
        let of = |k, n| Some(Shard { index: k, count: n });
        let cases: Vec<(Vec<Option<Shard>>, Option<&str>)> = vec![
            (vec![], None),
            (vec![None, None], None),
            (vec![of(1, 1)], None),
            (vec![of(2, 3), of(3, 3), of(1, 3)], None),
            (vec![of(1, 3), of(3, 3)], Some("shard 2/3 is missing")),
            (vec![of(2, 4)], Some("shards 1/4, 3/4, 4/4 are missing")),
            (
                vec![of(1, 10)],
                Some("shards 2/10, 3/10, 4/10, 5/10, 6/10 and 4 more are missing"),
            ),
            (vec![of(1, u64::MAX)], Some("and 18446744073709551609 more")),
            (
                vec![of(1, 2), of(1, 2), of(2, 2)],
                Some("shard 1/2 is given twice: r0 and r1"),
            ),
            (
                vec![of(1, 2), of(2, 3)],
                Some("r1 is shard 2/3 and r0 is shard 1/2"),
            ),
            (
                vec![of(1, 2), None, of(2, 2)],
                Some("r1 is a whole run's report and r0"),
            ),
            (
                vec![None, of(1, 1)],
                Some("r0 is a whole run's report and r1"),
            ),
        ];
        for (shards, want) in cases {
            let reports: Vec<(String, Option<Shard>)> = shards
                .into_iter()
                .enumerate()
                .map(|(i, s)| (format!("r{i}"), s))
                .collect();
            let got = every_shard(&reports).err().map(|e| e.to_string());
            match want {
                None => assert_eq!(got, None),
                Some(want) => {
                    let got = got.unwrap_or_default();
                    assert!(got.contains(want), "{got:?} lacks {want:?}");
                }
            }
        }
    }

    /// A report's shard is read from the fields before its conflicts,
    /// and only when the whole read will not refuse it.
    #[test]
    fn a_shard_is_read_from_the_head() {
        // `S` stands for a summary.
        let cases = [
            (
                r#"{"version":1,S,"shard":{"index":2,"count":3},"conflicts":["#,
                Some((2, 3)),
            ),
            // Cut short after its head: the rest is never read.
            (
                r#"{"shard":{"index":1,"count":1},"version":1,"conflicts"#,
                Some((1, 1)),
            ),
            (r#"{"version":1,S,"conflicts":[]}"#, None),
            (
                r#"{"version":1,"conflicts":[],"shard":{"index":1,"count":2}}"#,
                None,
            ),
            (
                r#"{"version":2,"shard":{"index":1,"count":2},"conflicts":[]}"#,
                None,
            ),
            (
                r#"{"version":1,"shard":{"index":3,"count":2},"conflicts":[]}"#,
                None,
            ),
            (r#"{"version":1,"shard":{"index":1}}"#, None),
            ("[]", None),
            ("", None),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        for (text, want) in cases {
            let summary = r#""summary":{"articles":1,"claims":1,"conflicts":0}"#;
            std::fs::write(&path, text.replace('S', summary)).unwrap();
            let got = lead(&path).map(|s| (s.index, s.count));
            assert_eq!(got, want, "{text}");
        }
        assert!(lead(&dir.path().join("missing.json")).is_none());
    }

    /// Each report's articles with conflicts, in the order listed: the
    /// first article found in an earlier report, and that report.
    #[test]
    fn an_article_in_two_reports_is_found() {
        type Case = (
            &'static [&'static [&'static str]],
            Option<(&'static str, usize)>,
        );
        let cases: &[Case] = &[
            (&[], None),
            (&[&["a", "a", "b"], &["c"], &[]], None),
            (&[&["a", "b"], &["c", "b"]], Some(("b", 0))),
            (&[&["a"], &["b"], &["c", "a"]], Some(("a", 0))),
            (&[&["a"], &["b"], &["b"]], Some(("b", 1))),
            // The first found is kept; a report may begin with the
            // article the one before ended with.
            (&[&["a", "b"], &["b"], &["a"]], Some(("b", 0))),
            // Named again after another, within one report: one report.
            (&[&["a", "b", "a"], &["c"]], None),
        ];
        for (reports, want) in cases {
            let mut articles = Articles::default();
            for (i, files) in reports.iter().enumerate() {
                articles.start(i);
                files.iter().for_each(|f| articles.named(f));
            }
            let want = want.map(|(f, i)| (f.to_string(), i));
            assert_eq!(articles.shared, want, "{reports:?}");
        }
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
            (
                r#"{"version":1,"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"conflicts":[]}"#,
                "duplicate field `version`",
            ),
            (r#"{"version":1,"conflicts":[]}"#, "missing field `summary`"),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"conflicts":[],"extra":1}"#,
                "unknown field `extra`",
            ),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"conflicts":[]} x"#,
                "trailing characters",
            ),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"shard":{"index":0,"count":2},"conflicts":[]}"#,
                "shard 0/2, which no split has",
            ),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"shard":{"index":3,"count":2},"conflicts":[]}"#,
                "shard 3/2, which no split has",
            ),
            (
                r#"{"version":1,"summary":{"articles":0,"claims":0,"conflicts":0},"shard":{"index":1},"conflicts":[]}"#,
                "missing field `count`",
            ),
        ] {
            let err = read(text, "r.json").unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
        // A bad conflict is named by its place in the text.
        let mut conflict = serde_json::json!({
            "rule": "venue", "claim": "c", "file": "a.txt", "line": 1, "column": 1,
            "span": {"start": 0, "end": 1}, "found": "f", "expected": "e",
            "severity": "error", "message": "m", "evidence": "s"
        });
        let report = |conflict: &serde_json::Value| {
            serde_json::json!({
                "version": 1,
                "summary": {"articles": 1, "claims": 1, "conflicts": 1},
                "conflicts": [conflict]
            })
            .to_string()
        };
        assert_eq!(
            read(&report(&conflict), "r.json").unwrap().findings.len(),
            1
        );
        conflict["rule"] = "venu".into();
        let err = read(&report(&conflict), "r.json").unwrap_err().to_string();
        assert!(
            err.contains("line 1, column 241: conflicts: unknown rule `venu`"),
            "{err}"
        );
    }

    /// Shard reports merge to the same report whether the pooled
    /// conflicts spill to disk or not, and to the whole run's.
    #[test]
    fn merged_shards_spilled_or_held_are_the_whole_run() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let claims = crate::claims::load(&root.join("claims.yaml")).unwrap();
        let paths = [root.join("corpus")];
        let run = |shard| {
            let options = crate::Options {
                shard,
                ..crate::Options::default()
            };
            crate::check_with(&claims, root, &paths, options).unwrap()
        };
        let json = |report: &Report| {
            let mut out = Vec::new();
            crate::report::json::write(report, &mut out).unwrap();
            out
        };
        let dir = tempfile::tempdir().unwrap();
        let shards: Vec<PathBuf> = (0..3)
            .map(|k| {
                let path = dir.path().join(format!("{k}.json"));
                std::fs::write(&path, json(&run(Some((k, 3))))).unwrap();
                path
            })
            .collect();
        let whole = json(&run(None));
        let held = merge_files(&shards).unwrap();
        let spilled = Report {
            findings: Sorted::with_budget(1),
            ..Report::default()
        };
        let spilled = merge_into(&shards, spilled).unwrap();
        assert!(!held.findings.spilled() && spilled.findings.spilled());
        assert!(held.findings.len() > 1);
        assert!(json(&held) == whole);
        assert!(json(&spilled) == whole);
        // The whole run's report twice under two names, held or spilled:
        // the repeats name one of its articles.
        let whole_runs: Vec<PathBuf> = ["a.json", "b.json"]
            .iter()
            .map(|name| {
                let path = dir.path().join(name);
                std::fs::write(&path, &whole).unwrap();
                path
            })
            .collect();
        for budget in [crate::spill::BUDGET, 1] {
            let out = Report {
                findings: Sorted::with_budget(budget),
                ..Report::default()
            };
            assert!(merge_into(&whole_runs[..1], out.clone()).is_ok());
            let err = merge_into(&whole_runs, out).err().map(|e| e.to_string());
            let err = err.unwrap_or_default();
            assert!(err.contains("has conflicts in both"), "{budget}: {err}");
        }
    }
}
