//! GitHub Actions workflow commands: annotations on the pull request's
//! files, errors first. GitHub shows at most ten annotations of each level
//! per step, so the rest go to the log as plain lines; the cap never
//! changes the exit code.

use crate::finding::{Finding, Report, Severity};
use std::fmt::Write;

/// Annotations GitHub displays per level and step.
pub const PER_LEVEL: usize = 10;

pub fn render(report: &Report) -> String {
    let mut order: Vec<&Finding> = report.findings.iter().collect();
    // Stable: within a level, the report's own order.
    order.sort_by_key(|f| f.severity);
    let mut out = String::new();
    let mut shown = [0usize; 3];
    let mut rest = Vec::new();
    for f in order {
        let slot = &mut shown[f.severity as usize];
        if *slot < PER_LEVEL {
            *slot += 1;
            let _ = writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                property(&f.file),
                f.line,
                f.column,
                f.end_line,
                f.end_column.max(f.column),
                property(&title(f)),
                data(&message(f))
            );
        } else {
            rest.push(f);
        }
    }
    if !rest.is_empty() {
        let _ = writeln!(
            out,
            "claimcheck: {} more conflicts beyond GitHub's {PER_LEVEL} annotations per level:",
            rest.len()
        );
        for f in rest {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                f.file,
                f.line,
                f.column,
                f.severity.as_str(),
                f.rule,
                message(f).replace('\n', " ")
            );
        }
    }
    for n in &report.notes {
        let at = n.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(out, "note: {}{at}: {}", n.file, n.message);
    }
    let _ = writeln!(
        out,
        "claimcheck: {} conflict{} in {} article{} ({} claims checked)",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        report.articles,
        if report.articles == 1 { "" } else { "s" },
        report.claims
    );
    out
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
