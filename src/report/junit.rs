//! JUnit XML, for CI systems that show test results (GitLab, Jenkins,
//! Azure): one test suite per article, one test case per article and rule,
//! failing with that rule's conflicts.

use crate::finding::{Finding, Report};
use std::fmt::Write as _;

/// Writes the JUnit XML of `report` to `out` a suite at a time: for an
/// archive the document runs to tens of megabytes, which were held whole.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rules: Vec<&str> = crate::rules::registry().iter().map(|r| r.id()).collect();
    let mut extra_rules: Vec<&str> = Vec::new();
    for f in report.findings.iter() {
        let rule = f?.rule;
        if !rules.contains(&rule) && !extra_rules.contains(&rule) {
            extra_rules.push(rule);
        }
    }
    extra_rules.sort_unstable();
    let cases = |found: &[&'_ Finding]| -> Vec<(&str, usize)> {
        rules
            .iter()
            .chain(&extra_rules)
            .map(|&rule| (rule, found.iter().filter(|f| f.rule == rule).count()))
            .filter(|&(rule, n)| n > 0 || rules.contains(&rule))
            .collect()
    };
    // The totals head the document: counted before any suite is written.
    let (mut tests, mut failures) = (0, 0);
    super::each_file(report, true, |_, found| {
        let cases = cases(found);
        tests += cases.len();
        failures += cases.iter().filter(|&&(_, n)| n > 0).count();
        Ok(())
    })?;
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"claimcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    )?;
    let mut suite = String::new();
    super::each_file(report, true, |file, found| {
        suite.clear();
        let cases = cases(found);
        for &(rule, n) in &cases {
            let _ = write!(
                suite,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(file),
                escape(rule)
            );
            if n == 0 {
                suite.push_str("/>\n");
                continue;
            }
            let text: Vec<String> = found
                .iter()
                .filter(|f| f.rule == rule)
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
                    "{n} {rule} conflict{}",
                    if n == 1 { "" } else { "s" }
                )),
                escape(&text.join("\n\n"))
            );
        }
        let s_failures = cases.iter().filter(|&&(_, n)| n > 0).count();
        write!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{s_failures}\" errors=\"0\" skipped=\"0\">\n{suite}  </testsuite>\n",
            escape(file),
            cases.len()
        )
    })?;
    out.write_all(b"</testsuites>\n")
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
