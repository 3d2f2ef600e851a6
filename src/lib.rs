//! claimcheck: checks news articles against curated facts.
//!
//! The library reads a claims file ([`claims::load`]), walks and reads the
//! corpus ([`corpus`]), analyses each article once ([`analysis`]) and runs
//! every rule of [`rules::registry`] over that analysis. [`check`] ties the
//! steps together and returns a sorted [`Report`]; formatters in [`report`]
//! only read that report.

pub mod analysis;
pub mod claims;
pub mod corpus;
pub mod error;
pub mod finding;
pub mod lexicon;
pub mod merge;
pub mod output;
pub mod report;
pub mod rules;
pub mod suggest;
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Add a note for every publication date and every date read, saying
    /// where it came from and how it was resolved.
    pub explain: bool,
    /// Check only shard `k` of `n` (0-based), chosen by a stable hash of
    /// each article's path; notes on skipped files follow the same split.
    pub shard: Option<(u64, u64)>,
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
    let (mut files, mut notes) = corpus::files(paths)?;
    if let Some((k, n)) = options.shard {
        files.retain(|p| merge::shard_of(&p.display().to_string(), n) == k);
        notes.retain(|note| merge::shard_of(&note.file, n) == k);
    }
    let matcher = Matcher::new(claims);
    let rules = rules::registry();
    let dated = ArticleDates::new(claims, claims_dir);
    let results: Vec<Result<rules::Output, corpus::Note>> = files
        .par_iter()
        .map(|path| {
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
            out.notes.extend(article.notes.iter().cloned());
            Ok(out)
        })
        .collect();
    let mut report = Report {
        claims: claims.claim_count(),
        claims_file: claims.file_name().to_string(),
        ..Report::default()
    };
    for r in results {
        match r {
            Ok(out) => {
                report.articles += 1;
                report.findings.extend(out.findings);
                notes.extend(out.notes);
            }
            Err(note) => notes.push(note),
        }
    }
    report.notes = notes;
    report.sort();
    Ok(report)
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
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.entries
            .iter()
            .find(|(p, _)| *p == real)
            .map(|(_, d)| *d)
    }
}
