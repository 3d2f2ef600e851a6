//! The `claimcheck` command: argument parsing and exit codes, nothing else.

mod cli;

use claimcheck::baseline::{self, Index};
use claimcheck::report::{self, Format, Render};
use claimcheck::{Error, Report, Severity};
use clap::{CommandFactory, FromArgMatches};
use cli::{CheckArgs, Cli, ColorChoice, Command, MergeArgs, Output, Select};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

// Analysis makes many small, short-lived allocations per article; mimalloc
// serves them from per-thread pages at a fraction of glibc's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // `--format`/`--output` pairs are read from the subcommand's matches,
    // which keep the order the flags were given in.
    let sub = matches.subcommand().map(|(_, m)| m).expect("a subcommand");
    let outcome = match &cli.command {
        Command::Check(args) => cli::outputs(sub, &args.formats, &args.outputs, Format::Text)
            .and_then(|outputs| run(args, &outputs)),
        Command::Merge(args) => cli::outputs(sub, &args.formats, &args.outputs, Format::Json)
            .and_then(|outputs| merge(args, &outputs)),
        Command::Baseline(args) => baseline(args),
        Command::Rules => {
            for doc in claimcheck::rules::docs() {
                println!("{:<20} {}", doc.id, doc.summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => explain(rule),
        Command::Init { dir, force } => cli::init(dir, *force),
        Command::Schema => {
            print!("{}", claimcheck::schema::CLAIMS);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "claimcheck", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let page = clap_mangen::Man::new(Cli::command());
            let mut out = Vec::new();
            page.render(&mut out)
                .and_then(|_| cli::render_subcommand_pages(&mut out))
                .expect("a man page renders into memory");
            let _ = std::io::stdout().write_all(&out);
            Ok(ExitCode::SUCCESS)
        }
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a check and writes every requested report.
fn run(args: &CheckArgs, outputs: &[Output]) -> Result<ExitCode, Error> {
    // A bad baseline fails before the check, not after it.
    let baseline = args.baseline.as_deref().map(Index::read).transpose()?;
    // Only JUnit lists every article, and only it needs them listed.
    let junit = outputs.iter().any(|out| out.format == Format::Junit);
    let report = check(&args.select, baseline.as_ref(), junit)?;
    let to_terminal = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    emit_all(
        &report,
        outputs,
        Render {
            color,
            notes: args.notes || args.select.explain,
        },
    )?;
    let code = exit_code(&report, args.fail_level, args.exit_zero)?;
    // The process ends next: freeing a large report one allocation at a
    // time would only hold up the exit.
    std::mem::forget(report);
    Ok(code)
}

/// Reads the claims, works out which articles to read, and checks them,
/// with `baseline` applied, listing every article checked if `checked`.
fn check(select: &Select, baseline: Option<&Index>, checked: bool) -> Result<Report, Error> {
    let claims = claimcheck::claims::load(&select.claims)?;
    let dir = select
        .claims
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (paths, listed_notes) = cli::paths(select)?;
    let progress = cli::Progress::new(!select.no_progress);
    let tick = || progress.tick();
    let options = claimcheck::Options {
        explain: select.explain,
        shard: select.shard,
        severity: select.severity.clone(),
        progress: Some(&tick),
        checked,
        baseline,
        budget: None,
    };
    let mut report = claimcheck::check_with(&claims, &dir, &paths, options)?;
    // As the matcher: freed while the report is written.
    rayon::spawn(move || drop(claims));
    progress.finish();
    listed_notes
        .into_iter()
        .try_for_each(|note| report.notes.add(note))
        .and_then(|()| report.sort())
        .map_err(claimcheck::spill_error)?;
    Ok(report)
}

/// 1 when a conflict reaches the fail level, unless `--exit-zero`.
fn exit_code(report: &Report, fail_level: Severity, exit_zero: bool) -> Result<ExitCode, Error> {
    let mut failed = false;
    for f in report.findings.iter() {
        let f = f.map_err(claimcheck::spill_error)?;
        if f.severity.reaches(fail_level) {
            failed = true;
            break;
        }
    }
    Ok(if failed && !exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Merges shard reports.
fn merge(args: &MergeArgs, outputs: &[Output]) -> Result<ExitCode, Error> {
    let report = claimcheck::merge::merge_files(&args.reports)?;
    emit_all(
        &report,
        outputs,
        Render {
            color: false,
            notes: args.notes,
        },
    )?;
    exit_code(&report, args.fail_level, false)
}

/// Writes the baseline of the current conflicts.
fn baseline(args: &cli::BaselineArgs) -> Result<ExitCode, Error> {
    let report = check(&args.select, None, false)?;
    let mut written = 0;
    claimcheck::output::write_atomically_with(&args.output, |out| {
        written = baseline::write_of(&report, out)?;
        Ok(())
    })?;
    eprintln!(
        "wrote {written} conflict{} to {}",
        if written == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn explain(rule: &str) -> Result<ExitCode, Error> {
    let docs = claimcheck::rules::docs();
    match docs.iter().find(|d| d.id == rule) {
        Some(d) => {
            println!("{}: {}\n\n{}", d.id, d.summary, d.explain);
            println!(
                "\nSeverity: set `severity: {{{}: warning}}` in claims.yaml or pass `--severity {}=warning`; `off` turns it off.\n\
                 Suppress one case in the article: <!-- claimcheck: ignore {} -- reason -->",
                d.id, d.id, d.id
            );
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let ids: Vec<&str> = docs.iter().map(|d| d.id).collect();
            eprintln!(
                "error: unknown rule `{rule}`; {}",
                claimcheck::suggest::help(rule, "rule", &ids)
            );
            Ok(ExitCode::from(2))
        }
    }
}

/// Writes every requested format, each streamed from the report: files
/// first, each atomically, then standard output.
fn emit_all(report: &Report, outputs: &[Output], render: Render) -> Result<(), Error> {
    let options = |out: &Output| Render {
        color: render.color && out.path.is_none(),
        ..render
    };
    for out in outputs {
        if let Some(path) = &out.path {
            claimcheck::output::write_atomically_with(path, |w| {
                report::write(report, out.format, options(out), &article_text, w)
            })?;
        }
    }
    for out in outputs.iter().filter(|out| out.path.is_none()) {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let written = report::write(report, out.format, options(out), &article_text, &mut stdout)
            .and_then(|_| stdout.flush());
        match written {
            // A closed pipe (`| head`) is not an error worth a message.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(Error::Write {
                    path: "standard output".into(),
                    reason: e.to_string(),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// An article's text for the text report's source lines and the HTML page.
fn article_text(file: &str) -> Option<String> {
    std::fs::read(file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}
