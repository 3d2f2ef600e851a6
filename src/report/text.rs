//! The text report: one rustc-style block per conflict (file:line:col, the
//! article line, a caret under the finding, the claim, its expected value
//! and its source), then a summary line.

use crate::finding::{Finding, Report, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write;

use super::Render;

/// Article lines longer than this are cut around the finding.
const WIDTH: usize = 140;

pub fn write(
    report: &Report,
    options: Render,
    texts: &dyn Fn(&str) -> Option<String>,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(WIDTH);
    let mut cache: Option<(String, Option<String>)> = None;
    for f in report.findings.iter() {
        let f = f?;
        if cache.as_ref().is_none_or(|(p, _)| *p != f.file) {
            cache = Some((f.file.clone(), texts(&f.file)));
        }
        let text = cache.as_ref().and_then(|(_, t)| t.as_deref());
        sink.write_all(block(&renderer, report, &f, text).as_bytes())?;
        sink.write_all(b"\n\n")?;
    }
    if options.notes {
        // Written as read: an archive's skipped files are many notes.
        for n in report.notes.iter() {
            let n = n?;
            let at = n.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(sink, "note: {}{at}: {}", n.file, n.message)?;
        }
        if !report.notes.is_empty() {
            sink.write_all(b"\n")?;
        }
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "{} in {} {}{} ({} {} checked)",
        plural(report.findings.len(), "conflict"),
        report.articles,
        if report.articles == 1 {
            "article"
        } else {
            "articles"
        },
        super::of_shard(report),
        report.claims,
        if report.claims == 1 {
            "claim"
        } else {
            "claims"
        },
    );
    if !report.notes.is_empty() && !options.notes {
        let _ = write!(
            out,
            "; {} (--notes to list)",
            plural(report.notes.len(), "note")
        );
    }
    out.push('\n');
    sink.write_all(out.as_bytes())
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn block(renderer: &Renderer, report: &Report, f: &Finding, text: Option<&str>) -> String {
    let level = match f.severity {
        crate::Severity::Error => Level::ERROR,
        crate::Severity::Warning => Level::WARNING,
        crate::Severity::Info => Level::INFO,
    };
    // Findings with nothing expected (an unused suppression) point, and
    // the message says the rest.
    let label = if f.expected.is_empty() {
        String::new()
    } else {
        format!("found “{}”, expected {}", f.found, f.expected)
    };
    let origin = format!("{}:{}:{}", f.file, f.line, f.column);
    let title = level.primary_title(f.message.as_str()).id(f.rule);
    let line;
    let first = match text {
        Some(text) => {
            // Only the part of the line the renderer can show: it measures
            // what it is given, and a line may be 50 MB long.
            let span = f.span.start.min(text.len())..f.span.end.min(text.len());
            let lo = floor_char_boundary(text, span.start.saturating_sub(2 * WIDTH));
            let from = text[lo..span.start].rfind('\n').map_or(lo, |i| lo + i + 1);
            let hi = floor_char_boundary(text, (span.end + 2 * WIDTH).min(text.len()));
            let to = text[span.end..hi].find('\n').map_or(hi, |i| span.end + i);
            line = text[from..to].trim_end_matches('\r').to_string();
            let start = span.start - from;
            let end = (span.end - from).min(line.len()).max(start);
            title.element(
                Snippet::source(line.as_str())
                    .line_start(f.line)
                    .annotation(
                        AnnotationKind::Primary
                            .span(start..end)
                            .label(label.as_str()),
                    ),
            )
        }
        None => title.element(Level::NOTE.message(format!("at {origin}: {label}"))),
    };
    let mut groups = vec![first];
    if f.expected.is_empty() && f.claim.is_none() && f.sources.is_empty() {
        return finish(
            renderer.render(&groups).to_string(),
            text.is_some(),
            f,
            &origin,
        );
    }
    let claim = match (&f.claim, f.claim_at) {
        (Some(id), Some((l, c))) => format!(
            "claim `{id}` ({}:{l}:{c}) expects {}",
            report.claims_file, f.expected
        ),
        (Some(id), None) => format!("claim `{id}` expects {}", f.expected),
        (None, _) => format!("expected {}", f.expected),
    };
    let mut footer = Group::with_title(Level::NOTE.secondary_title(claim));
    for s in &f.sources {
        footer = footer.element(Level::HELP.message(format!("source: {s}")));
    }
    groups.push(footer);
    finish(
        renderer.render(&groups).to_string(),
        text.is_some(),
        f,
        &origin,
    )
}

fn finish(rendered: String, with_source: bool, f: &Finding, origin: &str) -> String {
    if !with_source {
        return rendered;
    }
    // The origin is written here, not by the renderer, which would count
    // the column from the shown part of the line.
    let pad = " ".repeat(f.line.to_string().len());
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{pad}--> {origin}\n{rest}"),
        None => rendered,
    }
}
