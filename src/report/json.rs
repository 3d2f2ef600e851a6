//! The JSON report (spec §5): fields in the spec's order, sorted findings,
//! byte-identical from run to run. `sources`, `end`, `notes` and, in a
//! shard's report, `shard` are additions.

use crate::finding::{Finding, Report};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

#[derive(Serialize)]
struct Summary {
    articles: usize,
    claims: usize,
    conflicts: usize,
}

/// Which shard of a split a report covers (`--shard K/N`), 1-based.
#[derive(Serialize)]
struct Shard {
    index: u64,
    count: u64,
}

#[derive(Serialize)]
struct Conflict<'a> {
    rule: &'a str,
    claim: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    span: Span,
    found: &'a str,
    expected: &'a str,
    severity: &'a str,
    message: &'a str,
    evidence: &'a str,
    sources: &'a [String],
    end: End,
}

/// Where the span ends: the line and column just past its last character.
#[derive(Serialize)]
struct End {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Note<'a> {
    file: &'a str,
    line: Option<usize>,
    message: &'a str,
}

/// Writes the report as `serde_json` pretty-prints it. The conflicts,
/// most of a large report, are rendered a block at a time on every
/// thread, and written in order.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let summary = Summary {
        articles: report.articles,
        claims: report.claims,
        conflicts: report.findings.len(),
    };
    out.write_all(b"{\n  \"version\": 1,\n  \"summary\": ")?;
    out.write_all(&nested(&summary, 1)?)?;
    if let Some((index, count)) = report.shard {
        out.write_all(b",\n  \"shard\": ")?;
        out.write_all(&nested(&Shard { index, count }, 1)?)?;
    }
    out.write_all(b",\n  \"conflicts\": ")?;
    write_array(
        report.findings.iter(),
        1,
        |text, f, level| nested_into(text, &conflict(f), level),
        out,
    )?;
    out.write_all(b",\n  \"notes\": ")?;
    write_array(
        report.notes.iter(),
        1,
        |text, n, level| nested_into(text, &note(n), level),
        out,
    )?;
    out.write_all(b"\n}\n")
}

/// Conflicts rendered together: enough for every thread to share, few
/// enough that the rendered text held at once stays small.
pub(crate) const BLOCK: usize = 1024;

/// Writes `items` as the array at nesting `level` of a pretty-printed
/// document, each element as `render` writes it at `level + 1` (with
/// [`nested_into`]): a block at a time, its elements rendered on every
/// thread, so that no more than a block of the items and of the text is
/// held.
pub(crate) fn write_array<'a, T: Clone + Sync + 'a>(
    items: impl Iterator<Item = std::io::Result<Cow<'a, T>>>,
    level: usize,
    render: impl Fn(&mut Vec<u8>, &T, usize) -> std::io::Result<()> + Sync,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return out.write_all(b"[]");
    }
    let before = [b",\n".as_slice(), &b" ".repeat(2 * (level + 1))].concat();
    out.write_all(b"[")?;
    // The first element's comma is left out.
    let mut skip = 1;
    let mut block = Vec::with_capacity(BLOCK);
    loop {
        block.clear();
        for item in items.by_ref().take(BLOCK) {
            block.push(item?);
        }
        if block.is_empty() {
            break;
        }
        let parts: Vec<Vec<u8>> = block
            .par_chunks(BLOCK / 16)
            .map(|part| {
                let mut text = Vec::new();
                for item in part {
                    text.extend_from_slice(&before);
                    render(&mut text, item, level + 1)?;
                }
                Ok(text)
            })
            .collect::<std::io::Result<_>>()?;
        for part in parts {
            out.write_all(&part[skip..])?;
            skip = 0;
        }
    }
    out.write_all(b"\n")?;
    out.write_all(&b" ".repeat(2 * level))?;
    out.write_all(b"]")
}

/// `value` pretty-printed at nesting `level` of the document: its lines
/// after the first indented by two spaces a level.
pub(crate) fn nested(value: &impl Serialize, level: usize) -> std::io::Result<Vec<u8>> {
    let mut text = Vec::new();
    nested_into(&mut text, value, level)?;
    Ok(text)
}

/// [`nested`], written at the end of `text`.
pub(crate) fn nested_into(
    text: &mut Vec<u8>,
    value: &impl Serialize,
    level: usize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(text, Indented::at(level));
    value.serialize(&mut serializer)?;
    Ok(())
}

/// serde_json's pretty printer (two spaces a level) starting at a level
/// of nesting: a value is printed in place inside the document, where it
/// was printed alone and then indented line by line.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn at(level: usize) -> Indented {
        Indented {
            level,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(mark)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer, b"\n")?;
        }
        writer.write_all(mark)
    }

    /// `start` (a line break, after a comma or not), then the indent.
    fn line<W: ?Sized + Write>(&self, writer: &mut W, start: &[u8]) -> std::io::Result<()> {
        writer.write_all(start)?;
        for _ in 0..self.level {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, if first { b"\n" } else { b",\n" })
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, if first { b"\n" } else { b",\n" })
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn note(n: &crate::corpus::Note) -> Note<'_> {
    Note {
        file: &n.file,
        line: n.line,
        message: &n.message,
    }
}

fn conflict(f: &Finding) -> Conflict<'_> {
    Conflict {
        rule: f.rule,
        claim: f.claim.as_deref(),
        file: &f.file,
        line: f.line,
        column: f.column,
        span: Span {
            start: f.span.start,
            end: f.span.end,
        },
        found: &f.found,
        expected: &f.expected,
        severity: f.severity.as_str(),
        message: &f.message,
        evidence: &f.evidence,
        sources: &f.sources,
        end: End {
            line: f.end_line,
            column: f.end_column,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Note as ReportNote;

    /// The document as `serde_json` writes it whole: what [`write`]
    /// writes piece by piece.
    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        summary: Summary,
        #[serde(skip_serializing_if = "Option::is_none")]
        shard: Option<Shard>,
        conflicts: Vec<Conflict<'a>>,
        notes: Vec<Note<'a>>,
    }

    fn whole(report: &Report) -> Vec<u8> {
        let findings = report.findings.to_vec().unwrap();
        let notes = report.notes.to_vec().unwrap();
        let json = Whole {
            version: 1,
            summary: Summary {
                articles: report.articles,
                claims: report.claims,
                conflicts: report.findings.len(),
            },
            shard: report.shard.map(|(index, count)| Shard { index, count }),
            conflicts: findings.iter().map(conflict).collect(),
            notes: notes.iter().map(note).collect(),
        };
        let mut text = serde_json::to_vec_pretty(&json).unwrap();
        text.push(b'\n');
        text
    }

    /// A value printed in place at a level is serde_json's pretty print of
    /// it with every line after the first indented, empty and nested
    /// arrays and objects included.
    #[test]
    fn values_print_in_place_as_serde_json_prints_them_alone() {
        let values = [
            serde_json::json!(null),
            serde_json::json!("a \"b\"\n"),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([[], {}, [1, [2, {}]]]),
            serde_json::json!({"a": [], "b": {}, "c": [1, {"d": [], "e": {"f": "g"}}]}),
        ];
        for value in &values {
            let alone = serde_json::to_string_pretty(value).unwrap();
            for level in 0..4 {
                let indent = format!("\n{}", "  ".repeat(level));
                let want = alone.replace('\n', &indent);
                let got = String::from_utf8(nested(value, level).unwrap()).unwrap();
                assert_eq!(got, want, "{value} at level {level}");
            }
        }
    }

    /// Byte for byte what serialising the whole document gives, for no
    /// conflicts, a few, and more than a block of them.
    #[test]
    fn pieces_are_the_whole_document() {
        for (count, notes, shard) in [
            (0, 0, None),
            (1, 2, Some((2, 4))),
            (7, 0, None),
            (BLOCK + 300, 1, Some((1, 1))),
        ] {
            let report = Report {
                articles: count / 3 + 1,
                claims: 12,
                claims_file: "claims.yaml".into(),
                findings: (0..count).map(crate::finding::sample).collect(),
                notes: (0..notes)
                    .map(|i| ReportNote {
                        file: format!("corpus/{i}.txt"),
                        line: (i > 0).then_some(i),
                        message: "skipped: not UTF-8".into(),
                    })
                    .collect(),
                checked: Default::default(),
                shard,
            };
            let mut text = Vec::new();
            write(&report, &mut text).unwrap();
            assert_eq!(
                String::from_utf8(text).unwrap(),
                String::from_utf8(whole(&report)).unwrap(),
                "{count} conflicts, {notes} notes"
            );
        }
    }
}
