//! GitHub Actions workflow commands: annotations on the pull request's
//! files, errors first. GitHub shows at most ten annotations of each level
//! per step, so the rest go to the log as plain lines; the cap never
//! changes the exit code.

use crate::finding::{Finding, Report, Severity};
use std::fmt::Write as _;

/// Annotations GitHub displays per level and step.
pub const PER_LEVEL: usize = 10;

/// Writes the commands for `report` to `out`: the annotations, at most
/// [`PER_LEVEL`] a level, errors first, then every other conflict, by
/// level in the report's order, then the notes and a summary line.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // One pass gathers each level's annotations and counts the rest;
    // each level's rest is then written in a pass of its own, so that
    // nothing held grows with the report.
    let mut annotations: [String; 3] = Default::default();
    let mut count = [0usize; 3];
    for f in report.findings.iter() {
        let f = f?;
        let level = f.severity as usize;
        count[level] += 1;
        if count[level] <= PER_LEVEL {
            let _ = writeln!(
                annotations[level],
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                property(&f.file),
                f.line,
                f.column,
                f.end_line,
                f.end_column.max(f.column),
                property(&title(&f)),
                data(&message(&f))
            );
        }
    }
    for a in &annotations {
        out.write_all(a.as_bytes())?;
    }
    let rest: usize = count.iter().map(|n| n.saturating_sub(PER_LEVEL)).sum();
    if rest > 0 {
        writeln!(
            out,
            "claimcheck: {rest} more conflicts beyond GitHub's {PER_LEVEL} annotations per level:"
        )?;
        for (level, n) in count.iter().enumerate() {
            if *n <= PER_LEVEL {
                continue;
            }
            let mut seen = 0;
            for f in report.findings.iter() {
                let f = f?;
                if f.severity as usize != level {
                    continue;
                }
                seen += 1;
                if seen <= PER_LEVEL {
                    continue;
                }
                writeln!(
                    out,
                    "{}:{}:{}: {}[{}] {}",
                    f.file,
                    f.line,
                    f.column,
                    f.severity.as_str(),
                    f.rule,
                    message(&f).replace('\n', " ")
                )?;
            }
        }
    }
    for n in report.notes.iter() {
        let n = n?;
        let at = n.line.map(|l| format!(":{l}")).unwrap_or_default();
        writeln!(out, "note: {}{at}: {}", n.file, n.message)?;
    }
    let n = report.findings.len();
    writeln!(
        out,
        "claimcheck: {} conflict{} in {} article{}{} ({} claims checked)",
        n,
        if n == 1 { "" } else { "s" },
        report.articles,
        if report.articles == 1 { "" } else { "s" },
        super::of_shard(report),
        report.claims
    )
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn title(f: &Finding) -> String {
    match &f.claim {
        Some(c) => format!("claimcheck {} ({c})", f.rule),
        None => format!("claimcheck {}", f.rule),
    }
}

fn message(f: &Finding) -> String {
    let mut m = f.message.clone();
    if !f.sources.is_empty() && !f.message.contains("(source:") {
        m.push_str(&format!("\nsource: {}", f.sources.join(", ")));
    }
    m
}

/// Escapes a command's message (GitHub's `escapeData`).
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (GitHub's `escapeProperty`).
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
