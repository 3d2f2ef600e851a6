//! The `claimcheck` command: argument parsing and exit codes, nothing else.

use claimcheck::report::{self, Format, Render};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Checks news articles against curated facts before they are published"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles against the claims file and report every conflict
    Check(CheckArgs),
    /// List the rules
    Rules,
    /// Merge the JSON reports of shards (`check --shard K/N`) into one
    Merge(MergeArgs),
    /// Explain one rule
    Explain {
        /// A rule id (see `claimcheck rules`)
        rule: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The claims file
    #[arg(long, value_name = "FILE", default_value = "claims.yaml")]
    claims: PathBuf,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to colour the text report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// List notes (skipped files, unresolved dates, quotes with no speaker)
    #[arg(long)]
    notes: bool,
    /// Also note how each article was dated and how each date was read
    /// (implies --notes)
    #[arg(long)]
    explain: bool,
    /// Check only shard K of N (1-based), split by a stable hash of each
    /// article's path; `claimcheck merge` joins the JSON reports
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
    /// Articles: .txt and .md files, or folders walked recursively
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// List notes in the text format
    #[arg(long)]
    notes: bool,
    /// JSON reports written by `check --format json --shard K/N`
    #[arg(value_name = "REPORT", required = true)]
    reports: Vec<PathBuf>,
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

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => match run(&args) {
            Ok(true) => ExitCode::from(1),
            Ok(false) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Merge(args) => match merge(&args) {
            Ok(true) => ExitCode::from(1),
            Ok(false) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Rules => {
            for rule in claimcheck::rules::registry() {
                println!("{:<12} {}", rule.id(), rule.summary());
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => {
            let rules = claimcheck::rules::registry();
            match rules.iter().find(|r| r.id() == rule) {
                Some(r) => {
                    println!("{}: {}", r.id(), r.summary());
                    ExitCode::SUCCESS
                }
                None => {
                    let ids: Vec<&str> = rules.iter().map(|r| r.id()).collect();
                    eprintln!(
                        "error: unknown rule `{rule}`; {}",
                        claimcheck::suggest::help(&rule, "rule", &ids)
                    );
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Runs a check; `Ok(true)` when conflicts were found.
fn run(args: &CheckArgs) -> Result<bool, claimcheck::Error> {
    let claims = claimcheck::claims::load(&args.claims)?;
    let dir = args
        .claims
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let options = claimcheck::Options {
        explain: args.explain,
        shard: args.shard,
    };
    let report = claimcheck::check_with(&claims, &dir, &args.paths, options)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rendered = report::render(
        &report,
        args.format,
        Render {
            color,
            notes: args.notes || args.explain,
        },
        &article_text,
    );
    emit(args.output.as_deref(), &rendered)?;
    Ok(!report.findings.is_empty())
}

/// Merges shard reports; `Ok(true)` when they hold conflicts.
fn merge(args: &MergeArgs) -> Result<bool, claimcheck::Error> {
    let mut reports = Vec::new();
    for path in &args.reports {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => claimcheck::Error::NotFound { path: name.clone() },
            _ => claimcheck::Error::Read {
                path: name.clone(),
                reason: e.to_string(),
            },
        })?;
        reports.push((name.clone(), claimcheck::merge::read(&text, &name)?));
    }
    let report = claimcheck::merge::merge(reports)?;
    let rendered = report::render(
        &report,
        args.format,
        Render {
            color: false,
            notes: args.notes,
        },
        &article_text,
    );
    emit(args.output.as_deref(), &rendered)?;
    Ok(!report.findings.is_empty())
}

/// An article's text for the text report's source lines.
fn article_text(file: &str) -> Option<String> {
    std::fs::read(file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn emit(output: Option<&Path>, rendered: &str) -> Result<(), claimcheck::Error> {
    match output {
        Some(path) => claimcheck::output::write_atomically(path, rendered.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = out.write_all(rendered.as_bytes()).and_then(|_| out.flush());
            Ok(())
        }
    }
}
