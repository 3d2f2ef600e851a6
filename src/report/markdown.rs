//! A Markdown report for pull-request comments and `$GITHUB_STEP_SUMMARY`:
//! a summary by rule, then one table per article. GitHub caps a comment
//! at 65,536 characters, so the tables stop short of that and say how many
//! conflicts were left out.

use crate::finding::{Finding, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Room left under GitHub's comment limit for the closing lines.
const BUDGET: usize = 60_000;

/// The comment for `report`; fails only if spilled findings cannot be read
/// back.
pub fn render(report: &Report) -> std::io::Result<String> {
    let n = report.findings.len();
    let mut out = format!(
        "## claimcheck: {} conflict{} in {} article{}\n\n",
        n,
        if n == 1 { "" } else { "s" },
        report.articles,
        if report.articles == 1 { "" } else { "s" }
    );
    if n == 0 {
        let _ = writeln!(
            out,
            "No article contradicts the {} claims checked.",
            report.claims
        );
        notes(report, &mut out)?;
        return Ok(out);
    }
    out.push_str("| rule | severity | conflicts |\n| --- | --- | ---: |\n");
    let mut rules: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in report.findings.iter() {
        let f = f?;
        *rules.entry((f.rule, f.severity.as_str())).or_default() += 1;
    }
    for ((rule, severity), count) in &rules {
        let _ = writeln!(out, "| `{rule}` | {severity} | {count} |");
    }
    let mut file = String::new();
    let mut written = 0;
    for f in report.findings.iter() {
        let f = f?;
        if out.len() > BUDGET {
            break;
        }
        if written == 0 || file != f.file {
            file.clone_from(&f.file);
            let _ = write!(
                out,
                "\n### {}\n\n| where | rule | found | expected | claim | message |\n| --- | --- | --- | --- | --- | --- |\n",
                cell(&f.file)
            );
        }
        row(&f, &mut out);
        written += 1;
    }
    if written < n {
        let _ = writeln!(
            out,
            "\n_{} more conflict{} not shown: see the full report in the job log._",
            n - written,
            if n - written == 1 { "" } else { "s" }
        );
    }
    notes(report, &mut out)?;
    Ok(out)
}

fn row(f: &Finding, out: &mut String) {
    let source = f
        .sources
        .first()
        .filter(|_| !f.message.contains("(source:"))
        .map(|s| format!(" (source: {})", cell(s)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {}:{} | `{}` | {} | {} | {} | {}{} |",
        f.line,
        f.column,
        f.rule,
        cell(&f.found),
        cell(&f.expected),
        f.claim
            .as_deref()
            .map(|c| format!("`{}`", c.replace('`', "")))
            .unwrap_or_default(),
        cell(&f.message),
        source
    );
}

fn notes(report: &Report, out: &mut String) -> std::io::Result<()> {
    if report.notes.is_empty() {
        return Ok(());
    }
    let _ = write!(
        out,
        "\n<details><summary>{} note{}</summary>\n\n",
        report.notes.len(),
        if report.notes.len() == 1 { "" } else { "s" }
    );
    for note in report.notes.iter().take(200) {
        let note = note?;
        let at = note.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(out, "- {}{at}: {}", cell(&note.file), cell(&note.message));
    }
    if report.notes.len() > 200 {
        let _ = writeln!(out, "- ... and {} more", report.notes.len() - 200);
    }
    out.push_str("\n</details>\n");
    Ok(())
}

/// Text safe in a table cell: no line breaks, pipes or markup that would
/// run (HTML is escaped; Markdown emphasis and links are escaped too).
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_hold_no_markup() {
        assert_eq!(
            cell("a|b\n<script>*x* [l](u)"),
            "a\\|b &lt;script&gt;\\*x\\* \\[l\\](u)"
        );
    }
}
