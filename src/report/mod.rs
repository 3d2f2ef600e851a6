//! Formatters: each turns a [`Report`] into bytes and reads nothing else.

pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the article line and a caret (default)
    Text,
    /// the JSON report of the spec, with `notes` and `sources` added
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers
    Sarif,
    /// GitHub Actions annotations (workflow commands), errors first
    Github,
    /// JUnit XML: one test case per article and rule
    Junit,
    /// Markdown, for pull-request comments and job summaries
    Markdown,
    /// one self-contained HTML page, escaped, with a script-forbidding CSP
    Html,
}

impl Format {
    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// Options that change how a report is rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Render {
    pub color: bool,
    /// List the notes (odd files, unresolved dates, unattributed quotes).
    pub notes: bool,
}

/// Writes `report` to `out`; `texts` gives each article's text by path, for
/// the text format's source lines and the HTML page's articles. Every
/// format but Markdown (which stops short of GitHub's comment limit) is
/// written a conflict, a block of them, a suite or an article at a time
/// rather than built whole first. Fails when `out` does, or when spilled
/// findings cannot be read back.
pub fn write(
    report: &Report,
    format: Format,
    options: Render,
    texts: &dyn Fn(&str) -> Option<String>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => text::write(report, options, texts, out),
        Format::Json => json::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Html => html::write(report, texts, out),
        Format::Github => github::write(report, out),
        Format::Markdown => out.write_all(markdown::render(report)?.as_bytes()),
    }
}

/// " of shard K/N" for a shard's report, to follow its article count in
/// a summary line; nothing for a whole run's.
pub(crate) fn of_shard(report: &Report) -> String {
    report
        .shard
        .map(|(k, n)| format!(" of shard {k}/{n}"))
        .unwrap_or_default()
}

/// Calls `visit` with each file in order that has findings (and, if
/// `checked`, each file checked) and its findings: the lists are sorted by
/// file and read side by side, so that only one article's findings are
/// held at a time.
pub(crate) fn each_file(
    report: &Report,
    checked: bool,
    mut visit: impl FnMut(&str, &[&Finding]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let none = crate::spill::Sorted::default();
    let mut checked = if checked { &report.checked } else { &none }.iter();
    let mut findings = report.findings.iter();
    let mut next_path = checked.next().transpose()?;
    let mut next_finding = findings.next().transpose()?;
    let mut found = Vec::new();
    loop {
        let file = match (&next_path, &next_finding) {
            (None, None) => return Ok(()),
            (Some(p), None) => p.to_string(),
            (None, Some(f)) => f.file.clone(),
            (Some(p), Some(f)) => p.as_str().min(f.file.as_str()).to_string(),
        };
        while next_path.as_deref().is_some_and(|p| *p == file) {
            next_path = checked.next().transpose()?;
        }
        found.clear();
        while let Some(f) = next_finding.take_if(|f| f.file == file) {
            found.push(f);
            next_finding = findings.next().transpose()?;
        }
        let refs: Vec<&Finding> = found.iter().map(|f| &**f).collect();
        visit(&file, &refs)?;
    }
}
