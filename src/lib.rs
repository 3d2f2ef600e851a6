//! claimcheck: checks news articles against curated facts.
//!
//! The library reads a claims file ([`claims::load`]), walks and reads the
//! corpus ([`corpus`]), analyses each article once ([`analysis`]) and runs
//! every rule of [`rules::registry`] over that analysis. [`check`] ties the
//! steps together and returns a sorted [`Report`]; formatters in [`report`]
//! only read that report.

pub mod analysis;
pub mod baseline;
pub mod claims;
pub mod corpus;
pub mod error;
pub mod finding;
pub mod lexicon;
pub mod merge;
pub mod output;
pub mod report;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod suppress;
pub mod temporal;
pub mod text;

pub use error::Error;
pub use finding::{Finding, Report, Severity};

use analysis::Analysis;
use claims::Claims;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use text::matcher::Matcher;

/// How a check runs, beyond what it reads.
#[derive(Default)]
pub struct Options<'a> {
    /// Add a note for every publication date and every date read, saying
    /// where it came from and how it was resolved.
    pub explain: bool,
    /// Check only shard `k` of `n` (0-based), chosen by a stable hash of
    /// each article's path; notes on skipped files follow the same split.
    pub shard: Option<(u64, u64)>,
    /// Severity per rule id, over the claims file's `severity`; `None`
    /// turns a rule off.
    pub severity: Vec<(String, Option<Severity>)>,
    /// Called once per article read, from any thread (a progress bar).
    pub progress: Option<&'a (dyn Fn() + Sync)>,
}

/// The severity each rule's findings get: the default, then the claims
/// file, then the command line.
fn severities(claims: &Claims, options: &Options) -> Vec<(&'static str, Option<Severity>)> {
    rules::ids()
        .into_iter()
        .map(|id| {
            let default = if id == suppress::UNUSED {
                Severity::Warning
            } else {
                Severity::Error
            };
            let set = options
                .severity
                .iter()
                .rev()
                .chain(claims.severity.iter().rev())
                .find(|(rule, _)| rule == id)
                .map_or(Some(default), |(_, level)| *level);
            (id, set)
        })
        .collect()
}

/// Starts compiling the built-in date and dateline patterns on the thread
/// pool, to overlap with loading the claims: on a handful of articles,
/// compiling them is most of a run.
pub fn warm_up() {
    rayon::spawn(|| {
        rayon::join(
            temporal::extract::compile_all,
            corpus::dateline::compile_all,
        );
    });
}

/// Checks the articles under `paths` against `claims`. `claims_dir` is the
/// folder of the claims file, against which its `articles` paths are read.
pub fn check(claims: &Claims, claims_dir: &Path, paths: &[PathBuf]) -> Result<Report, Error> {
    check_with(claims, claims_dir, paths, Options::default())
}

/// [`check`] with [`Options`].
pub fn check_with(
    claims: &Claims,
    claims_dir: &Path,
    paths: &[PathBuf],
    options: Options,
) -> Result<Report, Error> {
    // Walking a large archive and building the matcher for many claims
    // each take tens of milliseconds: side by side, not one after the other.
    let (walked, matcher) = rayon::join(|| corpus::files(paths), || Matcher::new(claims));
    let (mut files, mut notes) = walked?;
    if let Some((k, n)) = options.shard {
        files.retain(|p| merge::shard_of(&p.display().to_string(), n) == k);
        notes.retain(|note| merge::shard_of(&note.file, n) == k);
    }
    let rules = rules::registry();
    let ids = rules::ids();
    let severity = severities(claims, &options);
    let dated = ArticleDates::new(claims, claims_dir);
    let check_one = |path: &PathBuf| -> Result<(String, rules::Output), corpus::Note> {
        if let Some(tick) = options.progress {
            tick();
        }
        let article = corpus::read(path, dated.lookup(path))?;
        let mut analysis = Analysis::new(claims, &matcher, &article);
        analysis.explain = options.explain;
        let mut out = rules::Output::default();
        if options.explain {
            explain_publication(&analysis, &mut out);
        }
        for rule in &rules {
            rule.check(&analysis, &mut out);
        }
        suppressions(&analysis, &ids, &mut out);
        out.findings.retain_mut(|f| {
            let level = severity.iter().find(|(id, _)| *id == f.rule);
            match level.and_then(|(_, l)| *l) {
                Some(l) => {
                    f.severity = l;
                    true
                }
                None => false,
            }
        });
        out.findings.sort_by(finding::order);
        out.notes.extend(article.notes.iter().cloned());
        Ok((article.path.clone(), out))
    };
    let mut report = Report {
        claims: claims.claim_count(),
        claims_file: claims.file_name().to_string(),
        ..Report::default()
    };
    // In slices, so that only one slice's results wait to be gathered, in
    // file order, whatever the size of the corpus.
    for slice in files.chunks(4096) {
        let results: Vec<_> = slice.par_iter().map(check_one).collect();
        for r in results {
            match r {
                Ok((path, out)) => {
                    report.articles += 1;
                    report.checked.push(path);
                    report.findings.extend(out.findings);
                    notes.extend(out.notes);
                }
                Err(note) => notes.push(note),
            }
        }
    }
    report.notes = notes;
    report.checked.sort();
    report.sort();
    Ok(report)
}

/// Applies the article's inline suppressions to its findings.
fn suppressions(a: &Analysis, ids: &[&str], out: &mut rules::Output) {
    let text = a.text();
    if !text.contains("claimcheck:") {
        return;
    }
    let mut raw = Vec::new();
    let directives = suppress::read(text, ids, &mut raw);
    let path = &a.article.path;
    let unused = suppress::apply(&directives, &mut out.findings, path, text, a.lines());
    out.findings.extend(unused);
    out.notes
        .extend(suppress::notes(path, text, a.lines(), raw));
}

/// The `--explain` note on where an article's publication date came from.
fn explain_publication(a: &Analysis, out: &mut rules::Output) {
    let message = match &a.article.published {
        Some(p) => format!(
            "published {} ({})",
            rules::describe_day(p.date),
            p.describe()
        ),
        None => "no publication date".to_string(),
    };
    let at = a
        .article
        .published
        .as_ref()
        .and_then(|p| p.span.as_ref())
        .map_or(a.article.body.start, |s| s.start);
    out.note(a, at, message);
}

/// The claims file's `articles` dates, matched to article files by their
/// real location so that `corpus/a.txt` and `./corpus/a.txt` are one file.
struct ArticleDates {
    entries: Vec<(PathBuf, chrono::NaiveDate)>,
}

impl ArticleDates {
    fn new(claims: &Claims, dir: &Path) -> Self {
        let entries = claims
            .articles
            .iter()
            .map(|a| {
                let p = dir.join(&a.path);
                (p.canonicalize().unwrap_or(p), a.published)
            })
            .collect();
        ArticleDates { entries }
    }

    fn lookup(&self, path: &Path) -> Option<chrono::NaiveDate> {
        // Finding the real location takes system calls for every part of
        // the path: not worth making when there is nothing to match.
        if self.entries.is_empty() {
            return None;
        }
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.entries
            .iter()
            .find(|(p, _)| *p == real)
            .map(|(_, d)| *d)
    }
}
