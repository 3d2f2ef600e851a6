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
mod json_input;
pub mod lexicon;
mod lists;
pub mod merge;
pub mod output;
pub mod report;
pub mod rules;
pub mod schema;
pub mod spill;
pub mod suggest;
pub mod suppress;
pub mod temporal;
pub mod text;

pub use error::Error;
pub use finding::{Finding, Report, Severity};

use analysis::Analysis;
use claims::Claims;
use spill::{Run, Sorted};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, OnceLock};
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
    /// List every article checked in [`Report::checked`], for JUnit's one
    /// test suite per article; off, the list is not kept at all.
    pub checked: bool,
    /// A baseline to apply to each article as it is checked; its entries
    /// that matched nothing are noted once every article is checked.
    pub baseline: Option<&'a baseline::Index>,
    /// Bytes of findings held in memory before they spill to temporary
    /// files, [`spill::BUDGET`] unless set; the articles listed and the
    /// notes get a quarter of it each.
    pub budget: Option<usize>,
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
    let rules = rules::registry();
    let ids = rules::ids();
    let severity = severities(claims, &options);
    let dated = ArticleDates::new(claims, claims_dir);
    // A few articles at a time, each step for all of them before the
    // next: each rule's code then runs over several articles while it is
    // in the instruction cache, where one article's whole path through
    // reading, matching and every rule was more than the cache holds.
    // Returns how many of `paths` it checked: up to [`FEW`], fewer when
    // their bytes pass [`FEW_BYTES`].
    let check_few = |matcher: &Matcher, paths: &[PathBuf], results: &mut Vec<Checked>| {
        let mut articles: Vec<Result<corpus::Article, corpus::Note>> = Vec::with_capacity(FEW);
        let mut bytes = 0;
        for path in paths.iter().take(FEW) {
            if let Some(tick) = options.progress {
                tick();
            }
            let article = corpus::read(path, dated.lookup(path));
            bytes += article.as_ref().map_or(0, |a| a.text.len());
            articles.push(article);
            if bytes >= FEW_BYTES {
                break;
            }
        }
        let read: Vec<&corpus::Article> = articles.iter().filter_map(|a| a.as_ref().ok()).collect();
        // The matcher's reading for all of them, then the rest.
        let mentions: Vec<_> = read
            .iter()
            .map(|a| analysis::mentions(matcher, a))
            .collect();
        let analyses: Vec<Analysis> = read
            .iter()
            .zip(mentions)
            .map(|(article, mentions)| {
                let mut analysis = Analysis::with_mentions(claims, matcher, article, mentions);
                analysis.explain = options.explain;
                analysis
            })
            .collect();
        let mut outs: Vec<rules::Output> =
            analyses.iter().map(|_| rules::Output::default()).collect();
        if options.explain {
            for (analysis, out) in analyses.iter().zip(&mut outs) {
                explain_publication(analysis, out);
            }
        }
        for rule in &rules {
            for (analysis, out) in analyses.iter().zip(&mut outs) {
                rule.check(analysis, out);
            }
        }
        let outs = analyses.iter().zip(outs).map(|(analysis, mut out)| {
            suppressions(analysis, &ids, &mut out);
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
            out.findings.dedup();
            let path = &analysis.article.path;
            if let Some(baseline) = options.baseline {
                baseline.apply(path, &mut out.findings);
            }
            out.notes.extend(analysis.article.notes.iter().cloned());
            (path.clone(), out)
        });
        // In any order: the report is sorted once every batch is in.
        results.extend(outs.map(Ok));
        results.extend(
            articles
                .iter()
                .filter_map(|a| a.as_ref().err().cloned().map(Err)),
        );
        articles.len()
    };
    let budget = options.budget.unwrap_or(spill::BUDGET);
    let gathered = Mutex::new(Gathered {
        report: Report {
            claims: claims.claim_count(),
            claims_file: claims.file_name().to_string(),
            // Each article's findings are gathered together, and no two
            // articles share a path: runs never repeat each other's items.
            // Paths and notes, small and cheap to read back, get a
            // quarter of the budget each.
            findings: Sorted::with_budget(budget).distinct(),
            checked: Sorted::with_budget(budget / 4).distinct(),
            // Notes may repeat (one per error the walk meets in a path).
            notes: Sorted::with_budget(budget / 4),
            shard: options.shard.map(|(k, n)| (k + 1, n)),
            ..Report::default()
        },
        keep_checked: options.checked,
        failed: None,
    });
    // Articles are checked as the walk finds them, in batches, once the
    // matcher is built: walking a large archive and building the matcher
    // for many claims each take tens of milliseconds, and neither waits
    // for the other, nor the checking for the end of the walk.
    let built = OnceLock::new();
    let flight = Flight::new(IN_FLIGHT.max(4 * rayon::current_num_threads()));
    let walked = rayon::in_place_scope(|scope| {
        scope.spawn(|_| {
            let _ = built.set(Matcher::new(claims));
        });
        let check = |batch: Vec<PathBuf>, matcher: &'_ Matcher| {
            let mut results = Vec::with_capacity(batch.len());
            let mut rest = &batch[..];
            while !rest.is_empty() {
                rest = &rest[check_few(matcher, rest, &mut results)..];
            }
            gather(&gathered, results);
            flight.end();
        };
        // The batch being filled, and full ones waiting for the matcher.
        let mut open = Vec::with_capacity(BATCH);
        let mut full = Vec::new();
        let on_shard = |file: &str| {
            options
                .shard
                .is_none_or(|(k, n)| merge::shard_of(file, n) == k)
        };
        let noted = |note: corpus::Note| {
            if on_shard(&note.file) {
                add_note(&gathered, note);
            }
        };
        let mut prefetch = corpus::Prefetch::default();
        let walked = corpus::walk(
            paths,
            |path| {
                if !on_shard(&path.display().to_string()) {
                    return;
                }
                prefetch.file(&path);
                open.push(path);
                if open.len() == BATCH {
                    full.push(std::mem::replace(&mut open, Vec::with_capacity(BATCH)));
                    if let Some(matcher) = built.get() {
                        for batch in full.drain(..) {
                            flight.start(true);
                            scope.spawn(move |_| check(batch, matcher));
                        }
                    }
                }
            },
            noted,
        );
        if walked.is_ok() {
            let matcher = wait_for(&built);
            // The last articles one job each, for the threads to share.
            full.extend(open.into_iter().map(|path| vec![path]));
            for batch in full {
                flight.start(false);
                scope.spawn(move |_| check(batch, matcher));
            }
        }
        walked
    });
    walked?;
    // Freeing a large matcher (tens of thousands of small allocations
    // for 10,000 claims) overlaps with sorting and writing the report.
    if let Some(matcher) = built.into_inner() {
        rayon::spawn(move || drop(matcher));
    }
    let gathered = gathered.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut report = gathered.report;
    if let (None, Some(baseline)) = (&gathered.failed, options.baseline) {
        baseline.stale_notes(&mut report.notes)?;
    }
    match gathered.failed {
        Some(e) => Err(e),
        None => report.sort(),
    }
    .map_err(spill_error)?;
    Ok(report)
}

/// A report's spill (findings, notes or paths) that could not be written
/// or read back: a full or missing temporary folder.
pub fn spill_error(e: std::io::Error) -> Error {
    Error::Write {
        path: std::env::temp_dir().display().to_string(),
        reason: format!("a temporary file for the report: {e}"),
    }
}

/// One article's path and what the rules found in it, or why it could not
/// be read.
type Checked = Result<(String, rules::Output), corpus::Note>;

/// The report as batches end, and the first failure to spill.
struct Gathered {
    report: Report,
    keep_checked: bool,
    failed: Option<std::io::Error>,
}

/// Adds a batch's articles to the report. Batches end in any order: the
/// report is sorted once all have.
fn gather(gathered: &Mutex<Gathered>, results: Vec<Checked>) {
    let (findings, checked, notes) = {
        let mut g = gathered.lock().unwrap_or_else(|e| e.into_inner());
        let keep_checked = g.keep_checked;
        let report = &mut g.report;
        for r in results {
            match r {
                Ok((path, out)) => {
                    report.articles += 1;
                    if keep_checked {
                        report.checked.push(path);
                    }
                    for f in out.findings {
                        report.findings.push(f);
                    }
                    for n in out.notes {
                        report.notes.push(n);
                    }
                }
                Err(note) => report.notes.push(note),
            }
        }
        (
            report.findings.take_if_full(),
            report.checked.take_if_full(),
            report.notes.take_if_full(),
        )
    };
    // Written outside the lock: other batches gather meanwhile.
    write_run(gathered, findings, |r| &mut r.findings);
    write_run(gathered, checked, |r| &mut r.checked);
    write_run(gathered, notes, |r| &mut r.notes);
}

/// Adds a note from the walk (a file skipped) as `gather` adds others.
fn add_note(gathered: &Mutex<Gathered>, note: corpus::Note) {
    let notes = {
        let mut g = gathered.lock().unwrap_or_else(|e| e.into_inner());
        g.report.notes.push(note);
        g.report.notes.take_if_full()
    };
    write_run(gathered, notes, |r| &mut r.notes);
}

/// Writes items taken out of one of the report's collections to a run,
/// and adds the run to it.
fn write_run<T: spill::Item>(
    gathered: &Mutex<Gathered>,
    items: Option<Vec<T>>,
    into: fn(&mut Report) -> &mut Sorted<T>,
) {
    let Some(items) = items else {
        return;
    };
    let taken = items.len();
    let written = Run::write(items);
    let mut g = gathered.lock().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = written.and_then(|run| into(&mut g.report).add_run(run, taken)) {
        g.failed.get_or_insert(e);
    }
}

/// Articles checked as one job: enough that spawning jobs costs little
/// beside them, few enough that checking starts early in the walk and
/// that no thread is left long with the last job. A job checks its
/// articles in turn: splitting it further would let a thread waiting for
/// its other half start another job inside it, and hold both jobs'
/// memory at once.
const BATCH: usize = 32;

/// Articles checked a step at a time together (see `check_with`), and
/// their bytes at most, past the last one's: an archive of huge articles
/// holds no more of them at once than this.
const FEW: usize = 16;
const FEW_BYTES: usize = 1 << 20;

/// Batches spawned and not yet gathered, at most (or four a thread, if
/// more): the walk outruns the checking, and an archive's every path would
/// otherwise wait in the pool's queue, each batch holding its own.
const IN_FLIGHT: usize = 64;

/// How many batches are spawned and not yet gathered. A walk that waits
/// resumes only once half of them have ended, so that it wakes once per
/// half a limit of batches, not once per batch.
struct Flight {
    count: Mutex<usize>,
    ended: Condvar,
    limit: usize,
}

impl Flight {
    fn new(limit: usize) -> Flight {
        Flight {
            count: Mutex::new(0),
            ended: Condvar::new(),
            limit,
        }
    }

    /// Counts one more batch, once fewer than the limit are in flight
    /// (`wait`) or at once (the last batches). Outside the pool it waits
    /// for half of them to end; on a thread of the pool (a check run
    /// inside it) it checks other batches meanwhile, since waiting there
    /// could hold up the very batches waited for.
    fn start(&self, wait: bool) {
        let lock = || self.count.lock().unwrap_or_else(|e| e.into_inner());
        let mut count = lock();
        if wait && *count >= self.limit {
            while *count > self.limit / 2 {
                if rayon::current_thread_index().is_none() {
                    count = self.ended.wait(count).unwrap_or_else(|e| e.into_inner());
                    continue;
                }
                drop(count);
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
                count = lock();
            }
        }
        *count += 1;
    }

    fn end(&self) {
        let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
        *count -= 1;
        if *count == self.limit / 2 {
            self.ended.notify_one();
        }
    }
}

/// The matcher, once built. On a thread of the pool, other jobs run
/// meanwhile: the one building it may wait behind this one.
fn wait_for(built: &OnceLock<Matcher>) -> &Matcher {
    loop {
        if let Some(matcher) = built.get() {
            return matcher;
        }
        match rayon::yield_now() {
            None => return built.wait(),
            Some(rayon::Yield::Executed) => {}
            Some(rayon::Yield::Idle) => std::thread::yield_now(),
        }
    }
}

/// Applies the article's inline suppressions to its findings.
fn suppressions(a: &Analysis, ids: &[&str], out: &mut rules::Output) {
    let text = a.text();
    // A vector search: most articles hold no directive, and this reads
    // every byte of each.
    if memchr::memmem::find(text.as_bytes(), b"claimcheck:").is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled articles copied many times over, in more batches than
    /// one, with a file that is no article.
    fn many_articles() -> (tempfile::TempDir, Claims) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let claims = claims::load(&root.join("claims.yaml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut sources: Vec<_> = std::fs::read_dir(root.join("corpus"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        sources.sort();
        for copy in 0..(2 * BATCH / sources.len() + 1) {
            let sub = dir.path().join(format!("{copy:03}"));
            std::fs::create_dir(&sub).unwrap();
            for source in &sources {
                std::fs::copy(source, sub.join(source.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(dir.path().join("scan.pdf"), "not an article").unwrap();
        (dir, claims)
    }

    fn summary(report: &Report) -> (usize, Vec<String>, Vec<(String, usize)>, usize) {
        let findings = report
            .findings
            .to_vec()
            .unwrap()
            .into_iter()
            .map(|f| (f.file, f.span.start))
            .collect();
        let checked = report.checked.to_vec().unwrap();
        (report.articles, checked, findings, report.notes.len())
    }

    /// A check that lists the articles it checked.
    fn listing(claims: &Claims, paths: &[PathBuf], budget: Option<usize>) -> Report {
        let options = Options {
            checked: true,
            budget,
            ..Options::default()
        };
        check_with(claims, Path::new(""), paths, options).unwrap()
    }

    /// The same report whether the check runs outside the thread pool or
    /// on it, with one thread or two: nothing waits on a job queued
    /// behind it, and the order never depends on which batch ends first.
    #[test]
    fn the_report_is_the_same_on_any_thread() {
        let (dir, claims) = many_articles();
        let paths = [dir.path().to_path_buf()];
        let outside = listing(&claims, &paths, None);
        let articles = 2 * BATCH / 5 * 5 + 5;
        assert_eq!(outside.articles, articles);
        // Each article once, in order, whatever order the batches ended in.
        let checked = outside.checked.to_vec().unwrap();
        assert_eq!(checked.len(), articles);
        assert!(checked.is_sorted());
        // Every copy has the same findings (fewer than the bundled run's:
        // the claims file dates one article by its path).
        let copies = articles / 5;
        assert!(!outside.findings.is_empty());
        assert_eq!(outside.findings.len() % copies, 0);
        let notes = outside.notes.to_vec().unwrap();
        let skipped = notes.iter().filter(|n| n.file.ends_with("scan.pdf"));
        assert_eq!(skipped.count(), 1);
        for threads in [1, 2] {
            // On its own thread, so that a deadlock fails the test rather
            // than hanging it (the limit is generous: no speed is tested).
            let (send, receive) = std::sync::mpsc::channel();
            let (claims, paths) = (claims.clone(), paths.clone());
            std::thread::spawn(move || {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let inside = pool.install(|| listing(&claims, &paths, None));
                send.send(summary(&inside)).unwrap();
            });
            let inside = receive
                .recv_timeout(std::time::Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("the check on {threads} threads never ended"));
            assert_eq!(inside, summary(&outside), "{threads} threads");
        }
    }

    /// Batches started faster than they end wait below the limit and all
    /// end: from outside the pool (on the condition variable) and from a
    /// thread of a pool of one or two (checking other batches meanwhile,
    /// where waiting would hold up the very batches waited for).
    #[test]
    fn batches_in_flight_stay_under_the_limit_and_all_end() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        for threads in [1, 2] {
            for on_pool in [false, true] {
                let (send, receive) = std::sync::mpsc::channel();
                std::thread::spawn(move || {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .build()
                        .unwrap();
                    let flight = Flight::new(4);
                    let (peak, ended) = (AtomicUsize::new(0), AtomicUsize::new(0));
                    let run = || {
                        pool.in_place_scope(|scope| {
                            for _ in 0..200 {
                                flight.start(true);
                                let now = *flight.count.lock().unwrap();
                                peak.fetch_max(now, SeqCst);
                                scope.spawn(|_| {
                                    std::thread::sleep(std::time::Duration::from_micros(100));
                                    ended.fetch_add(1, SeqCst);
                                    flight.end();
                                });
                            }
                        })
                    };
                    if on_pool {
                        pool.install(run);
                    } else {
                        run();
                    }
                    send.send((peak.into_inner(), ended.into_inner())).unwrap();
                });
                let (peak, ended) = receive
                    .recv_timeout(std::time::Duration::from_secs(120))
                    .unwrap_or_else(|_| panic!("{threads} threads, on the pool {on_pool}: stuck"));
                assert_eq!(ended, 200, "{threads} threads, on the pool {on_pool}");
                assert!(
                    (2..=4).contains(&peak),
                    "{threads} threads, on the pool {on_pool}: {peak}"
                );
            }
        }
    }

    /// Articles checked together, a step at a time, report what each
    /// checked alone reports: with files that cannot be read among them,
    /// and with articles large enough to end a group early.
    #[test]
    fn articles_checked_together_report_what_each_alone_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let claims = claims::load(&root.join("claims.yaml")).unwrap();
        let mut sources: Vec<String> = std::fs::read_dir(root.join("corpus"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        sources.sort();
        let filler = "The talks went on late into the night.\n\n".repeat(FEW_BYTES / 64);
        let big = format!("{}\n\n{filler}{}", sources[0], sources[1]);
        assert!(FEW_BYTES / 2 < big.len() && big.len() < FEW_BYTES);
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3 * FEW {
            let text = match i % 7 {
                3 => "not\0text".to_string(),
                5 => big.clone(),
                _ => sources[i % sources.len()].clone(),
            };
            std::fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
        }
        let seen = |reports: &[Report]| {
            let mut findings: Vec<_> = reports
                .iter()
                .flat_map(|r| r.findings.to_vec().unwrap())
                .map(|f| (f.file, f.span.start, f.span.end, f.rule))
                .collect();
            let mut notes: Vec<_> = reports
                .iter()
                .flat_map(|r| r.notes.to_vec().unwrap())
                .collect();
            let mut checked: Vec<_> = reports
                .iter()
                .flat_map(|r| r.checked.to_vec().unwrap())
                .collect();
            findings.sort();
            notes.sort();
            checked.sort();
            let articles: usize = reports.iter().map(|r| r.articles).sum();
            (articles, checked, findings, notes)
        };
        let together = listing(&claims, &[dir.path().to_path_buf()], None);
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let alone: Vec<Report> = files
            .iter()
            .map(|f| listing(&claims, std::slice::from_ref(f), None))
            .collect();
        let (articles, _, findings, notes) = seen(std::slice::from_ref(&together));
        assert_eq!(articles, 3 * FEW - 7);
        assert!(findings.len() > 10, "{}", findings.len());
        assert_eq!(
            notes
                .iter()
                .filter(|n| n.message.contains("binary"))
                .count(),
            7
        );
        assert!(seen(std::slice::from_ref(&together)) == seen(&alone));
    }

    /// Every format writes the same bytes whether the findings, the
    /// articles listed and the notes spilled to disk or were held.
    #[test]
    fn spilled_reports_write_what_held_ones_do() {
        let (dir, claims) = many_articles();
        let paths = [dir.path().to_path_buf()];
        let held = listing(&claims, &paths, None);
        let spilled = listing(&claims, &paths, Some(1));
        assert!(!held.findings.spilled() && !held.checked.spilled());
        assert!(spilled.findings.spilled() && spilled.checked.spilled());
        assert!(spilled.notes.spilled() && !spilled.notes.is_empty());
        assert_eq!(summary(&held), summary(&spilled));
        let texts = |file: &str| std::fs::read_to_string(file).ok();
        for format in <report::Format as clap::ValueEnum>::value_variants() {
            let write = |r: &Report| {
                let mut out = Vec::new();
                report::write(r, *format, report::Render::default(), &texts, &mut out).unwrap();
                out
            };
            assert!(write(&held) == write(&spilled), "{}", format.name());
        }
    }

    /// Shards split the articles and the notes between them, once each.
    #[test]
    fn shards_split_the_articles() {
        let (dir, claims) = many_articles();
        let paths = [dir.path().to_path_buf()];
        let whole = listing(&claims, &paths, None);
        let mut checked = Vec::new();
        let mut findings = 0;
        let mut notes = 0;
        for k in 0..3 {
            let options = Options {
                shard: Some((k, 3)),
                checked: true,
                ..Options::default()
            };
            let shard = check_with(&claims, Path::new(""), &paths, options).unwrap();
            assert!(shard.articles < whole.articles, "shard {k}");
            checked.extend(shard.checked.to_vec().unwrap());
            findings += shard.findings.len();
            notes += shard.notes.len();
        }
        checked.sort();
        assert_eq!(checked, whole.checked.to_vec().unwrap());
        assert_eq!(findings, whole.findings.len());
        assert_eq!(notes, whole.notes.len());
    }
}
