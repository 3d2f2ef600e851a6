//! The HTML report: one self-contained page. Every string from an article
//! or the claims file is escaped, and a Content-Security-Policy forbids
//! scripts and any outside resource, so nothing in the data can run.

use crate::finding::Report;
use std::fmt::Write;

/// The page's policy: no scripts at all, styles only from the page itself.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}\
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}\
mark{background:#ffd6d6}.rule{font-family:monospace}.sources{font-size:.9em;color:#555}";

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

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <title>claimcheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(
        out,
        "<h1>claimcheck: {} conflict{} in {} article{} ({} claims checked)</h1>",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        report.articles,
        if report.articles == 1 { "" } else { "s" },
        report.claims
    );
    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    out.push_str("<ul class=\"summary\">\n");
    for rule in &rules {
        let n = report.findings.iter().filter(|f| f.rule == *rule).count();
        let _ = writeln!(
            out,
            "<li><span class=\"rule\">{}</span>: {n}</li>",
            escape(rule)
        );
    }
    out.push_str("</ul>\n");
    let mut file: Option<&str> = None;
    for f in &report.findings {
        if file != Some(f.file.as_str()) {
            if file.is_some() {
                out.push_str("</table>\n");
            }
            file = Some(&f.file);
            let _ = writeln!(
                out,
                "<h2>{}</h2>\n<table>\n<tr><th>where</th><th>rule</th><th>article</th><th>claim</th><th>expected</th><th>sources</th></tr>",
                escape(&f.file)
            );
        }
        let evidence = match f.evidence.find(f.found.as_str()) {
            Some(i) => format!(
                "{}<mark>{}</mark>{}",
                escape(&f.evidence[..i]),
                escape(&f.found),
                escape(&f.evidence[i + f.found.len()..])
            ),
            None => format!(
                "{} (<mark>{}</mark>)",
                escape(&f.evidence),
                escape(&f.found)
            ),
        };
        let sources: Vec<String> = f.sources.iter().map(|s| escape(s)).collect();
        let _ = writeln!(
            out,
            "<tr class=\"conflict\"><td>{}:{}</td><td class=\"rule\">{}</td><td>{evidence}<br><small>{}</small></td><td>{}</td><td>{}</td><td class=\"sources\">{}</td></tr>",
            f.line,
            f.column,
            escape(f.rule),
            escape(&f.message),
            escape(f.claim.as_deref().unwrap_or("")),
            escape(&f.expected),
            sources.join("<br>")
        );
    }
    if file.is_some() {
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
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
