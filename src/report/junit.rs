//! JUnit XML, for CI systems that show test results (GitLab, Jenkins,
//! Azure): one test suite per article, one test case per article and rule,
//! failing with that rule's conflicts.

use crate::finding::{Finding, Report};
use std::collections::BTreeSet;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let rules: Vec<&str> = crate::rules::registry().iter().map(|r| r.id()).collect();
    let mut files: BTreeSet<&str> = report.checked.iter().map(String::as_str).collect();
    files.extend(report.findings.iter().map(|f| f.file.as_str()));
    let mut extra_rules: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.rule)
        .filter(|r| !rules.contains(r))
        .collect();
    extra_rules.sort_unstable();
    extra_rules.dedup();
    let mut body = String::new();
    let (mut tests, mut failures) = (0, 0);
    for file in &files {
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.file == *file).collect();
        let mut suite = String::new();
        let (mut s_tests, mut s_failures) = (0, 0);
        for rule in rules.iter().chain(&extra_rules) {
            let mine: Vec<&&Finding> = found.iter().filter(|f| f.rule == *rule).collect();
            if !rules.contains(rule) && mine.is_empty() {
                continue;
            }
            s_tests += 1;
            let _ = write!(
                suite,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(file),
                escape(rule)
            );
            if mine.is_empty() {
                suite.push_str("/>\n");
                continue;
            }
            s_failures += 1;
            let text: Vec<String> = mine
                .iter()
                .map(|f| {
                    format!(
                        "{}:{}:{}: {} [{}]\n  found: {}\n  expected: {}\n  evidence: {}{}",
                        f.file,
                        f.line,
                        f.column,
                        f.message,
                        f.severity.as_str(),
                        f.found,
                        f.expected,
                        f.evidence,
                        if f.sources.is_empty() {
                            String::new()
                        } else {
                            format!("\n  source: {}", f.sources.join(", "))
                        }
                    )
                })
                .collect();
            let _ = write!(
                suite,
                ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                escape(rule),
                escape(&format!(
                    "{} {} conflict{}",
                    mine.len(),
                    rule,
                    if mine.len() == 1 { "" } else { "s" }
                )),
                escape(&text.join("\n\n"))
            );
        }
        tests += s_tests;
        failures += s_failures;
        let _ = write!(
            body,
            "  <testsuite name=\"{}\" tests=\"{s_tests}\" failures=\"{s_failures}\" errors=\"0\" skipped=\"0\">\n{suite}  </testsuite>\n",
            escape(file)
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"claimcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}</testsuites>\n"
    )
}

/// Escapes text for XML content and attributes; characters XML 1.0 cannot
/// hold (NUL and other controls) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("<a href=\"x\">&'\0"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{fffd}"
        );
        assert_eq!(escape("a\nb"), "a&#10;b");
    }
}
