//! A large claims file cut into parts that are read side by side.
//!
//! YAML reading is most of the fixed cost of a run with many claims, and
//! it runs on one thread. A claims file is a mapping of a few sections,
//! each a mapping of ids, so it can be cut between two ids of a section:
//! each part is the lines of its ids, preceded by its section's heading
//! on the line before them, and by blank lines above, so that every line
//! and column a part reports is the file's own. Reading the parts
//! merely shortens the wait: anything a part cannot read (an alias of an
//! anchor in another part, a duplicate id, any error) sends the caller
//! back to reading the file whole, which gives the reading and the
//! messages of record.

use std::ops::Range;

/// The line ranges of `text` to read apart, at least `min` bytes each
/// and at most `most` of them; none when the file is too small to cut or
/// not laid out as sections of ids.
pub fn cut(text: &str, min: usize, most: usize) -> Option<Vec<Part>> {
    if most < 2 || text.len() / 2 < min {
        return None;
    }
    let lines = Lines::new(text);
    let cuts = lines.cuts()?;
    // Greedy: close a part at the first place to cut past its share.
    let share = (text.len() / most).max(min);
    let mut parts = Vec::new();
    let mut start = Cut {
        line: 0,
        heading: None,
    };
    for at in cuts {
        let (from, to) = (lines.offset(start.line), lines.offset(at.line));
        if to - from >= share && text.len() - to >= min {
            parts.push(lines.part(&start, at.line));
            start = at;
        }
    }
    if parts.is_empty() {
        return None;
    }
    parts.push(lines.part(&start, lines.count()));
    Some(parts)
}

/// One part: the text to read, whose lines are numbered as the file's.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    /// The file's lines it holds (0-based), heading aside.
    pub lines: Range<usize>,
}

/// A line where a part may start, and the heading of the section it
/// starts inside (none when it is a heading itself).
struct Cut {
    line: usize,
    heading: Option<usize>,
}

struct Lines<'a> {
    text: &'a str,
    /// The byte offset of each line's start, and of the text's end.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        if *starts.last().expect("one start") != text.len() {
            starts.push(text.len());
        }
        Lines { text, starts }
    }

    fn count(&self) -> usize {
        self.starts.len() - 1
    }

    fn offset(&self, line: usize) -> usize {
        self.starts[line]
    }

    fn line(&self, n: usize) -> &'a str {
        &self.text[self.starts[n]..self.starts[n + 1]]
    }

    /// The lines where a part may start: each top-level key's heading,
    /// and each id of a section written as an indented block. None when
    /// a line could make a cut change the reading: a document marker or
    /// directive, a top-level line that is not a plain key, a key twice,
    /// or a line less indented than the ids of its section.
    fn cuts(&self) -> Option<Vec<Cut>> {
        let mut cuts = Vec::new();
        let mut keys: Vec<&str> = Vec::new();
        // In a section written as an indented block: its heading, and the
        // indentation of its ids once its first id is read (a cut before
        // the first id would leave its heading alone).
        let mut block: Option<(usize, Option<usize>)> = None;
        for n in 0..self.count() {
            let line = self.line(n);
            let body = line.trim_start_matches(' ');
            if body.trim().is_empty() || body.starts_with('#') {
                continue;
            }
            let indent = line.len() - body.len();
            if indent == 0 {
                if ["---", "...", "%"].iter().any(|m| line.starts_with(m)) {
                    return None;
                }
                let (key, rest) = heading(line)?;
                if keys.contains(&key) {
                    return None;
                }
                // Only comments may come before the first key.
                if !keys.is_empty() {
                    cuts.push(Cut {
                        line: n,
                        heading: None,
                    });
                }
                keys.push(key);
                let rest = rest.trim();
                block = (rest.is_empty() || rest.starts_with('#')).then_some((n, None));
                continue;
            }
            match block {
                Some((heading, None)) => block = Some((heading, Some(indent))),
                Some((_, Some(ids))) if indent < ids => return None,
                Some((heading, Some(ids))) if indent == ids && starts_id(body) => cuts.push(Cut {
                    line: n,
                    heading: Some(heading),
                }),
                _ => {}
            }
        }
        Some(cuts)
    }

    /// The part from cut `start` to line `end`: when it starts inside a
    /// section, that section's heading goes on the line before.
    fn part(&self, start: &Cut, end: usize) -> Part {
        let range = start.line..end;
        let bytes = self.offset(range.end) - self.offset(range.start);
        let mut text = String::with_capacity(range.start + bytes + 64);
        match start.heading {
            // An id comes after its heading: its line is past the first.
            Some(heading) => {
                text.extend(std::iter::repeat_n('\n', range.start - 1));
                text.push_str(self.line(heading).trim_end_matches(['\n', '\r']));
                text.push('\n');
            }
            None => text.extend(std::iter::repeat_n('\n', range.start)),
        }
        text.push_str(&self.text[self.offset(range.start)..self.offset(range.end)]);
        Part { text, lines: range }
    }
}

/// A top-level line's key and what follows its colon, if it is a plain
/// key (letters, digits, `_` and `-`).
fn heading(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let spaced = rest.is_empty() || rest.starts_with([' ', '\n', '\r']);
    (plain && spaced).then_some((key, rest))
}

/// Whether an indented line's text starts an id: a plain or quoted key,
/// not a list item, a complex key or a continued value.
fn starts_id(body: &str) -> bool {
    body.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first line of each part and the lines its text numbers as
    /// the file's.
    fn starts(text: &str, min: usize, most: usize) -> Option<Vec<usize>> {
        let parts = cut(text, min, most)?;
        for part in &parts {
            let lines: Vec<&str> = part.text.split_inclusive('\n').collect();
            let file: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines.len(), part.lines.end, "{part:?}");
            for n in part.lines.clone() {
                assert_eq!(lines[n], file[n], "line {n} of {part:?}");
            }
        }
        let covered: Vec<usize> = parts.iter().flat_map(|p| p.lines.clone()).collect();
        assert_eq!(covered, (0..text.lines().count()).collect::<Vec<_>>());
        Some(parts.iter().map(|p| p.lines.start).collect())
    }

    const FILE: &str = "version: 1\n\
        people:\n  a: { name: A }\n  # a comment\n  b:\n    name: B\n\
        # between\n\
        events:\n  e: { date: 2020-01-01 }\n  f: { date: 2020-01-02 }\n\
        severity: { date: warning,\n  venue: off }\n";

    #[test]
    fn cuts_between_ids_and_sections() {
        let rows: &[(&str, usize, usize, Option<&[usize]>)] = &[
            // Every id but a section's first, and every heading.
            (FILE, 1, 100, Some(&[0, 1, 4, 7, 9, 10])),
            // At most two parts, each at least its share.
            (FILE, 1, 2, Some(&[0, 9])),
            // Too short to cut.
            (FILE, FILE.len(), 100, None),
            (FILE, 1, 1, None),
            // Read whole: a document marker, a directive, a key twice, a
            // top-level line that is no plain key, an id less indented
            // than the first.
            ("---\nversion: 1\npeople:\n  a: {}\n", 1, 9, None),
            ("%YAML 1.2\nversion: 1\npeople:\n  a: {}\n", 1, 9, None),
            ("people:\n  a: {}\npeople:\n  b: {}\n", 1, 9, None),
            ("people:\n  a: {}\n\"events\":\n  b: {}\n", 1, 9, None),
            ("people:\n- a\n- b\n", 1, 9, None),
            ("people:\n    a: {}\n  b: {}\n", 1, 9, None),
            ("people: &p\n  a: {}\nevents: *p\n", 1, 9, Some(&[0, 2])),
            // An indented comment before the first key.
            ("  # note\npeople:\n  a: {}\n  b: {}\n", 1, 9, Some(&[0, 3])),
        ];
        for (text, min, most, want) in rows {
            assert_eq!(starts(text, *min, *most).as_deref(), *want, "{text}");
        }
    }

    /// Any text, cut or not, is cut into parts that hold its lines in
    /// place: made of lines a claims file may or may not have.
    #[test]
    fn parts_keep_every_line_in_place() {
        let pieces = [
            "version: 1",
            "people:",
            "events:",
            "quotes: {}",
            "  a:",
            "  b: { x: 1 }",
            "    name: N",
            "  # c",
            "# c",
            "",
            "   ",
            "- item",
            "\tkey: v",
            "---",
            "...",
            "  \"q\": 1",
            "  - x",
            "      deeper",
            " one",
            "caf\u{e9}: x",
            "  \u{e9}t\u{e9}: 1",
            "key:value",
            "  x: |",
            "    text",
            "\r",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let lines: Vec<&str> = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let mut text = lines.join(if next(4) == 0 { "\r\n" } else { "\n" });
            if next(2) == 0 {
                text.push('\n');
            }
            starts(&text, 1 + next(20), 1 + next(8));
        }
    }

    #[test]
    fn a_part_inside_a_section_has_its_heading_on_the_line_before() {
        let parts = cut(FILE, 1, 100).unwrap();
        let b = &parts[2];
        assert_eq!(b.lines, 4..7);
        assert_eq!(b.text, "\n\n\npeople:\n  b:\n    name: B\n# between\n");
    }
}
