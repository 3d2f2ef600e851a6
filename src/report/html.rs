//! The HTML report: one self-contained page a person can read. A summary by
//! rule, then each article with its conflicts marked in place beside the
//! claim, its expected value and sources. Filters by rule and article are
//! radio buttons and CSS, so the page needs no script at all: a
//! Content-Security-Policy forbids scripts and outside resources, and every
//! string from an article or the claims file is escaped.

use crate::finding::{Finding, Report, floor_char_boundary};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The page's policy: no scripts at all, styles only from the page itself.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

/// Articles longer than this show only the lines around their conflicts.
const WHOLE_ARTICLE: usize = 100_000;

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:90rem;padding:0 1rem;color:#222}\
h1{font-size:1.4rem}h2{font-size:1.05rem;margin:0 0 .5rem;word-break:break-all}\
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}\
.filters{display:flex;flex-wrap:wrap;gap:.3rem;margin:.6rem 0}.filters .k{font-weight:600;margin-right:.4rem}\
.filters label{border:1px solid #bbb;border-radius:1rem;padding:.1rem .7rem;cursor:pointer;font-size:.9em}\
input.f{position:absolute;opacity:0;pointer-events:none}\
article{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;border-top:1px solid #ccc;padding:1rem 0}\
.text{white-space:pre-wrap;font:13px/1.5 ui-monospace,monospace;background:#fafafa;padding:.6rem;max-height:40rem;overflow:auto}\
mark{background:#ffc9c9;border-bottom:2px solid #c00}mark sup{font-size:.7em;color:#c00}\
ol.conflicts{margin:0;padding-left:1.4rem}li.conflict{margin-bottom:.8rem}\
.rule{font-family:ui-monospace,monospace;background:#eee;padding:0 .3rem}.sev-warning{background:#fff1c2}.sev-info{background:#dbeafe}\
dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:.3rem 0}dt{color:#666}dd{margin:0}\
.sources{font-size:.9em;word-break:break-all}.gap{color:#999}";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the page for `report` to `sink` an article at a time: for an
/// archive the page runs to tens of megabytes, which were held whole.
pub fn write(
    report: &Report,
    texts: &dyn Fn(&str) -> Option<String>,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // What is written is gathered here and handed on past this many bytes.
    const HELD: usize = 1 << 16;
    // A first pass counts the articles with conflicts and each rule's;
    // the article filters and the articles are then written a file at a
    // time (the findings are sorted by file), holding one article's
    // conflicts and at most `HELD` bytes of the page.
    let mut articles = 0;
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    super::each_file(report, false, |_, found| {
        articles += 1;
        for f in found {
            *rules.entry(f.rule).or_default() += 1;
        }
        Ok(())
    })?;
    let mut out = String::new();
    let mut flush = |out: &mut String| {
        if out.len() > HELD {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
        std::io::Result::Ok(())
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <title>claimcheck report</title>\n<style>{STYLE}{}",
        rule_css(&rules)
    );
    for i in 0..articles {
        let _ = write!(
            out,
            "#a-{i}:checked~main article:not(.a-{i}){{display:none}}#a-{i}:checked~nav label[for=a-{i}]{{background:#222;color:#fff}}"
        );
        flush(&mut out)?;
    }
    out.push_str("</style>\n</head>\n<body>\n");
    let n = report.findings.len();
    let _ = writeln!(
        out,
        "<h1>claimcheck: {n} conflict{} in {} article{} ({} claims checked{})</h1>",
        if n == 1 { "" } else { "s" },
        report.articles,
        if report.articles == 1 { "" } else { "s" },
        report.claims,
        if report.claims_file.is_empty() {
            String::new()
        } else {
            format!(" from {}", escape(&report.claims_file))
        }
    );
    out.push_str("<table class=\"summary\"><tr><th>rule</th><th>conflicts</th></tr>\n");
    for (rule, count) in &rules {
        let _ = writeln!(
            out,
            "<tr><td class=\"rule\">{}</td><td>{count}</td></tr>",
            escape(rule)
        );
    }
    out.push_str("</table>\n");
    // The radio buttons precede everything they filter, for `~` selectors.
    out.push_str("<input class=\"f\" type=\"radio\" name=\"rule\" id=\"r-all\" checked>");
    for rule in rules.keys() {
        let _ = write!(
            out,
            "<input class=\"f\" type=\"radio\" name=\"rule\" id=\"r-{rule}\">"
        );
    }
    out.push_str("<input class=\"f\" type=\"radio\" name=\"article\" id=\"a-all\" checked>");
    for i in 0..articles {
        let _ = write!(
            out,
            "<input class=\"f\" type=\"radio\" name=\"article\" id=\"a-{i}\">"
        );
        flush(&mut out)?;
    }
    out.push_str(
        "\n<nav class=\"filters\"><span class=\"k\">rule</span><label for=\"r-all\">all</label>",
    );
    for (rule, count) in &rules {
        let _ = write!(
            out,
            "<label for=\"r-{rule}\">{} ({count})</label>",
            escape(rule)
        );
    }
    out.push_str("</nav>\n<nav class=\"filters\"><span class=\"k\">article</span><label for=\"a-all\">all</label>");
    let mut i = 0;
    super::each_file(report, false, |file, found| {
        let _ = write!(
            out,
            "<label for=\"a-{i}\">{} ({})</label>",
            escape(file),
            found.len()
        );
        i += 1;
        flush(&mut out)
    })?;
    out.push_str("</nav>\n<main>\n");
    let (mut i, mut numbered) = (0, 0);
    super::each_file(report, false, |file, found| {
        let found: Vec<(usize, &Finding)> = found
            .iter()
            .enumerate()
            .map(|(k, f)| (numbered + k + 1, *f))
            .collect();
        numbered += found.len();
        let mut classes = format!("a-{i}");
        i += 1;
        let mut seen: Vec<&str> = found.iter().map(|(_, f)| f.rule).collect();
        seen.sort_unstable();
        seen.dedup();
        for rule in seen {
            let _ = write!(classes, " has-{rule}");
        }
        let _ = writeln!(out, "<article class=\"{classes}\">");
        let _ = writeln!(out, "<div><h2>{}</h2>", escape(file));
        let text = texts(file);
        out.push_str(&article_text(text.as_deref(), &found));
        out.push_str("</div>\n<ol class=\"conflicts\">\n");
        for (n, f) in found {
            conflict(n, f, &mut out);
        }
        out.push_str("</ol>\n</article>\n");
        flush(&mut out)
    })?;
    out.push_str("</main>\n");
    if !report.notes.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} note{}</summary><ul>",
            report.notes.len(),
            if report.notes.len() == 1 { "" } else { "s" }
        );
        for note in report.notes.iter() {
            let note = note?;
            let at = note.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li>{}{at}: {}</li>",
                escape(&note.file),
                escape(&note.message)
            );
            flush(&mut out)?;
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str("</body>\n</html>\n");
    sink.write_all(out.as_bytes())
}

/// One rule per filter: a checked rule hides other rules' conflicts and
/// the articles without one (a checked article hides the others: those
/// rules are written with the articles' filters).
fn rule_css(rules: &BTreeMap<&str, usize>) -> String {
    let mut css = String::from(
        "#r-all:checked~nav label[for=r-all],#a-all:checked~nav label[for=a-all]{background:#222;color:#fff}",
    );
    for rule in rules.keys() {
        let _ = write!(
            css,
            "#r-{rule}:checked~main li.conflict:not(.r-{rule}),#r-{rule}:checked~main mark:not(.r-{rule}) sup,#r-{rule}:checked~main article:not(.has-{rule}){{display:none}}\
             #r-{rule}:checked~main mark:not(.r-{rule}){{background:none;border:0}}\
             #r-{rule}:checked~nav label[for=r-{rule}]{{background:#222;color:#fff}}"
        );
    }
    css
}

fn conflict(n: usize, f: &Finding, out: &mut String) {
    let sources: Vec<String> = f.sources.iter().map(|s| escape(s)).collect();
    let _ = write!(
        out,
        "<li class=\"conflict r-{rule}\" id=\"c-{n}\" value=\"{n}\"><span class=\"rule sev-{sev}\">{rule}</span> {sev} at <a href=\"#m-{n}\">{}:{}</a><br>{}\n\
         <dl><dt>found</dt><dd>{}</dd><dt>expected</dt><dd>{}</dd><dt>claim</dt><dd>{}</dd><dt>sentence</dt><dd>{}</dd><dt>sources</dt><dd class=\"sources\">{}</dd></dl></li>\n",
        f.line,
        f.column,
        escape(&f.message),
        escape(&f.found),
        escape(&f.expected),
        escape(f.claim.as_deref().unwrap_or("(none)")),
        escape(&f.evidence),
        if sources.is_empty() {
            "(none)".to_string()
        } else {
            sources.join("<br>")
        },
        rule = escape(f.rule),
        sev = f.severity.as_str(),
    );
}

/// The article's text with each conflict marked where it stands. Spans
/// that no longer fit the file (it changed since the check) are not marked.
fn article_text(text: Option<&str>, found: &[(usize, &Finding)]) -> String {
    let Some(text) = text else {
        return "<p class=\"gap\">(the article could not be read to show it here)</p>\n".into();
    };
    let mut marks: Vec<(usize, &Finding)> = found
        .iter()
        .filter(|(_, f)| fits(text, f))
        .copied()
        .collect();
    marks.sort_by_key(|(n, f)| (f.span.start, *n));
    let shown = shown_ranges(text, &marks);
    let mut out = String::from("<div class=\"text\">");
    let mut marks = marks.into_iter().peekable();
    for (k, range) in shown.iter().enumerate() {
        if k > 0 || range.start > 0 {
            out.push_str("<span class=\"gap\">[…]\n</span>");
        }
        let mut at = range.start;
        while let Some((n, f)) = marks.peek().copied() {
            if f.span.start >= range.end {
                break;
            }
            marks.next();
            if f.span.start < at {
                continue; // overlaps the previous mark; listed beside
            }
            out.push_str(&escape(&text[at..f.span.start]));
            let _ = write!(
                out,
                "<mark class=\"r-{}\" id=\"m-{n}\">{}<sup>{n}</sup></mark>",
                escape(f.rule),
                escape(&text[f.span.clone()])
            );
            at = f.span.end;
        }
        if at < range.end {
            out.push_str(&escape(&text[at..range.end]));
        }
    }
    if shown.last().is_some_and(|r| r.end < text.len()) {
        out.push_str("<span class=\"gap\">\n[…]</span>");
    }
    out.push_str("</div>\n");
    out
}

fn fits(text: &str, f: &Finding) -> bool {
    text.get(f.span.clone())
        .is_some_and(|s| s.split_whitespace().collect::<Vec<_>>().join(" ") == f.found)
}

/// The whole text when it is short; else the lines around each mark.
fn shown_ranges(text: &str, marks: &[(usize, &Finding)]) -> Vec<std::ops::Range<usize>> {
    if text.len() <= WHOLE_ARTICLE {
        return std::iter::once(0..text.len()).collect();
    }
    if marks.is_empty() {
        return std::iter::once(0..floor_char_boundary(text, WHOLE_ARTICLE)).collect();
    }
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (_, f) in marks {
        let start = floor_char_boundary(text, f.span.start.saturating_sub(400));
        let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end = floor_char_boundary(text, f.span.end + 400);
        let end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        match ranges.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
