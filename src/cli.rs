//! The command line: flags, pairing `--format` with `--output`, which
//! articles to read, the progress bar and `init`.

use claimcheck::corpus::Note;
use claimcheck::report::Format;
use claimcheck::{Error, Severity};
use clap::{ArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Checks news articles against curated facts before they are published",
    after_help = "Exit codes: 0 no conflict at or above --fail-level; 1 conflicts found; 2 the run could not be done."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check articles against the claims file and report every conflict
    Check(CheckArgs),
    /// Write the current conflicts to a baseline file, for `check --baseline`
    Baseline(BaselineArgs),
    /// Merge the JSON reports of shards (`check --shard K/N`) into one
    Merge(MergeArgs),
    /// List the rules
    Rules,
    /// Explain one rule: what it reads, what it reports, how to tune it
    Explain {
        /// A rule id (see `claimcheck rules`)
        rule: String,
    },
    /// Write a starter claims.yaml, corpus/ and GitHub workflow
    Init {
        /// The folder to set up
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite files that exist
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of claims.yaml, for editors that validate YAML
    Schema,
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

/// What to check: the claims, the articles and how to read them.
#[derive(clap::Args)]
pub struct Select {
    /// The claims file
    #[arg(long, value_name = "FILE", default_value = "claims.yaml")]
    pub claims: PathBuf,
    /// Also note how each article was dated and how each date was read
    /// (implies --notes)
    #[arg(long)]
    pub explain: bool,
    /// Check only shard K of N (1-based), split by a stable hash of each
    /// article's path; `claimcheck merge` joins the JSON reports
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    /// Set a rule's severity (error, warning, info) or turn it off, over
    /// claims.yaml's `severity`; repeatable
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_severity)]
    pub severity: Vec<(String, Option<Severity>)>,
    /// Check only the articles listed in FILE (one path per line; `-` for
    /// standard input) that lie under the PATHs
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Check only the articles under the PATHs that changed since the git
    /// revision REF (committed, staged, unstaged or new)
    #[arg(long, value_name = "REF", conflicts_with = "files_from")]
    pub changed_since: Option<String>,
    /// Never show the progress bar (shown only on a terminal, for large
    /// corpora)
    #[arg(long)]
    pub no_progress: bool,
    /// Articles: .txt and .md files, or folders walked recursively
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub select: Select,
    /// Report format; repeat `--format F --output FILE` to write several
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<Format>,
    /// Write the report of the --format before it to FILE, atomically
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// When to colour the text report (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// List notes (skipped files, unresolved dates, quotes with no speaker)
    #[arg(long)]
    pub notes: bool,
    /// Exit 1 only for conflicts at or above this severity
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Severity::Info)]
    pub fail_level: Severity,
    /// Exit 0 even when conflicts are found (2 still means the run failed)
    #[arg(long)]
    pub exit_zero: bool,
    /// Report only conflicts not in this baseline (`claimcheck baseline`),
    /// and note its entries that are no longer found
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub select: Select,
    /// Where to write the baseline
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "claimcheck-baseline.json"
    )]
    pub output: PathBuf,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Report format (default json); repeat `--format F --output FILE` to write several
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<Format>,
    /// Write the report of the --format before it to FILE, atomically
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// List notes in the text format
    #[arg(long)]
    pub notes: bool,
    /// Exit 1 only for conflicts at or above this severity
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Severity::Info)]
    pub fail_level: Severity,
    /// JSON reports written by `check --format json --shard K/N`
    #[arg(value_name = "REPORT", required = true)]
    pub reports: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// One report to write: a format and a file, or standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// Pairs each `--output` with the `--format` written before it. With one
/// format and one output, order does not matter (`-o r.json --format
/// json`). A format without an output goes to standard output; at most
/// one may. No `--format` at all means `default`.
pub fn outputs(
    m: &ArgMatches,
    formats: &[Format],
    paths: &[PathBuf],
    default: Format,
) -> Result<Vec<Output>, Error> {
    let usage = |reason: String| Error::Usage { reason };
    if formats.len() <= 1 && paths.len() <= 1 {
        return Ok(vec![Output {
            format: formats.first().copied().unwrap_or(default),
            path: paths.first().cloned(),
        }]);
    }
    let f_at: Vec<usize> = m
        .indices_of("formats")
        .map(Iterator::collect)
        .unwrap_or_default();
    let o_at: Vec<usize> = m
        .indices_of("outputs")
        .map(Iterator::collect)
        .unwrap_or_default();
    let mut out: Vec<Output> = formats
        .iter()
        .map(|&format| Output { format, path: None })
        .collect();
    for (path, at) in paths.iter().zip(&o_at) {
        let Some(k) = f_at.iter().rposition(|f| f < at) else {
            return Err(usage(format!(
                "--output {} comes before any --format: write each report as `--format F --output FILE`",
                path.display()
            )));
        };
        if let Some(first) = &out[k].path {
            return Err(usage(format!(
                "--format {} has two outputs ({} and {}); repeat --format for each",
                out[k].format.name(),
                first.display(),
                path.display()
            )));
        }
        out[k].path = Some(path.clone());
    }
    let to_stdout: Vec<&str> = out
        .iter()
        .filter(|o| o.path.is_none())
        .map(|o| o.format.name())
        .collect();
    if to_stdout.len() > 1 {
        return Err(usage(format!(
            "formats {} would all go to standard output; give each but one an --output FILE",
            to_stdout.join(", ")
        )));
    }
    Ok(out)
}

/// "2/4" as shard 1 (0-based) of 4.
fn parse_shard(text: &str) -> Result<(u64, u64), String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("`{text}` is not K/N (such as 1/4)"))?;
    let k: u64 = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a shard number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a shard count"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k - 1, n))
}

/// "weekday=warning" or "quote=off".
fn parse_severity(text: &str) -> Result<(String, Option<Severity>), String> {
    let (rule, level) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not RULE=LEVEL (such as weekday=warning)"))?;
    let ids = claimcheck::rules::ids();
    if !ids.contains(&rule) {
        return Err(format!(
            "unknown rule `{rule}`; {}",
            claimcheck::suggest::help(rule, "rule", &ids)
        ));
    }
    let level = match level {
        "off" => None,
        other => Some(Severity::parse(other).ok_or_else(|| {
            format!("`{other}` is not a severity: expected error, warning, info or off")
        })?),
    };
    Ok((rule.to_string(), level))
}

/// The paths to check, and notes on listed files that are gone. With
/// `--files-from` or `--changed-since`, the listed articles under the
/// PATHs; otherwise the PATHs.
pub fn paths(select: &Select) -> Result<(Vec<PathBuf>, Vec<Note>), Error> {
    let (listed, source) = if let Some(file) = &select.files_from {
        (read_list(file)?, file.display().to_string())
    } else if let Some(rev) = &select.changed_since {
        (
            changed_since(rev, &select.paths)?,
            format!("git diff {rev}"),
        )
    } else {
        return Ok((select.paths.clone(), Vec::new()));
    };
    // Compared by real location when the files exist (so `./corpus`, an
    // absolute path and a symlinked folder agree), else by the cleaned path.
    let roots: Vec<(PathBuf, Option<PathBuf>)> = select
        .paths
        .iter()
        .map(|p| (clean(p), p.canonicalize().ok()))
        .collect();
    let mut paths = Vec::new();
    let mut notes = Vec::new();
    // One file listed twice (say, relative and absolute) is checked once.
    let mut seen = std::collections::BTreeSet::new();
    for path in listed {
        let cleaned = clean(&path);
        let real = path.canonicalize().ok();
        let under = roots
            .iter()
            .any(|(root, real_root)| match (&real, real_root) {
                (Some(real), Some(real_root)) => real.starts_with(real_root),
                _ => root.as_os_str().is_empty() || cleaned.starts_with(root),
            });
        if !under || !claimcheck::corpus::is_article(&cleaned) {
            continue;
        }
        if let Some(real) = real {
            if seen.insert(real) {
                paths.push(path);
            }
        } else {
            notes.push(Note {
                file: path.display().to_string(),
                line: None,
                message: format!("listed by {source} but not found (deleted?); skipped"),
            });
        }
    }
    paths.sort();
    paths.dedup();
    Ok((paths, notes))
}

/// `./corpus/a.txt` and `corpus/a.txt` as one path, `.` as the empty path.
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// One path per line (NUL-separated if the list holds a NUL, as from
/// `git diff -z`); blank lines are skipped.
fn read_list(file: &Path) -> Result<Vec<PathBuf>, Error> {
    let name = file.display().to_string();
    let mut text = String::new();
    let read = if name == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|e| Error::reading(name.clone(), &e))?;
    let sep = if text.contains('\0') { '\0' } else { '\n' };
    Ok(text
        .split(sep)
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

/// Files under `paths` that differ from `rev` in the work tree, and new
/// files git does not ignore, relative to the current folder.
fn changed_since(rev: &str, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage {
            reason: format!("--changed-since `{rev}` is not a git revision"),
        });
    }
    let git = |args: &[&str]| -> Result<Vec<PathBuf>, Error> {
        let out = std::process::Command::new("git")
            .args(args)
            .arg("--")
            .args(paths)
            .output()
            .map_err(|e| Error::Usage {
                reason: format!("--changed-since needs git: {e}"),
            })?;
        if !out.status.success() {
            return Err(Error::Usage {
                reason: format!(
                    "--changed-since {rev}: git {} failed: {}",
                    args[0],
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect())
    };
    let mut files = git(&[
        "diff",
        "--name-only",
        "-z",
        "--relative",
        "--no-renames",
        "--diff-filter=d",
        rev,
    ])?;
    files.extend(git(&["ls-files", "-z", "--others", "--exclude-standard"])?);
    Ok(files)
}

/// A count of articles read, drawn on standard error only when it is a
/// terminal and the corpus is large enough to wait for.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    seen: AtomicUsize,
}

/// Articles read before the bar appears; small runs never flash one.
const PROGRESS_AFTER: usize = 2_000;

impl Progress {
    pub fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {human_pos} articles checked ({elapsed})",
                )
                .expect("the progress template is valid"),
            );
            bar
        });
        Progress {
            bar,
            seen: AtomicUsize::new(0),
        }
    }

    pub fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        let n = self.seen.fetch_add(1, Ordering::Relaxed) + 1;
        if n == PROGRESS_AFTER {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.inc(1);
        if n == PROGRESS_AFTER {
            // Drawn at once: draws are rate-limited, and a run that ends
            // soon after would otherwise never show the bar.
            bar.force_draw();
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `claimcheck init`: a starter claims file, an empty corpus folder and a
/// GitHub workflow. Existing files are kept unless `--force`.
pub fn init(dir: &Path, force: bool) -> Result<std::process::ExitCode, Error> {
    let files: [(&str, &str); 3] = [
        ("claims.yaml", include_str!("../templates/claims.yaml")),
        (
            ".github/workflows/claimcheck.yml",
            include_str!("../templates/workflow.yml"),
        ),
        ("corpus/example.md", include_str!("../templates/example.md")),
    ];
    let write_error = |path: &Path, e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    for (name, text) in files {
        let path = dir.join(name);
        if path.exists() && !force {
            eprintln!("kept {} (exists; --force to overwrite)", path.display());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        claimcheck::output::write_atomically(&path, text.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!("next: edit claims.yaml, put articles in corpus/, run `claimcheck check`");
    Ok(std::process::ExitCode::SUCCESS)
}

/// Appends a section per subcommand to the man page, so `man claimcheck`
/// documents every flag.
pub fn render_subcommand_pages(out: &mut Vec<u8>) -> std::io::Result<()> {
    use clap::CommandFactory;
    for sub in Cli::command().get_subcommands() {
        let name = format!("claimcheck-{}", sub.get_name());
        clap_mangen::Man::new(sub.clone()).title(name).render(out)?;
    }
    Ok(())
}
