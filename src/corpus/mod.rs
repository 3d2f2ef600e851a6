//! The corpus: finding article files, decoding them and dating them.

pub mod dateline;
pub mod frontmatter;
mod prefetch;

pub use prefetch::Prefetch;

use crate::error::Error;
use chrono::NaiveDate;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    Claims,
    FrontMatter,
    Dateline(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub date: NaiveDate,
    pub source: DateSource,
    /// The dateline's bytes, when the date was read from the text.
    pub span: Option<Range<usize>>,
}

impl Published {
    pub fn describe(&self) -> String {
        match self.source {
            DateSource::Claims => "date from the claims file's `articles`".into(),
            DateSource::FrontMatter => "date from the front matter".into(),
            DateSource::Dateline(form) => format!("date from {form}"),
        }
    }
}

/// Something odd about an input that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Notes are many where an archive holds other files beside its articles
/// (one for each photo skipped), so a report spills them as it does
/// findings.
impl crate::spill::Item for Note {
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        self.cmp(other)
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Note>() + self.file.len() + self.message.len()
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    /// The path as given on the command line joined with the path inside it.
    pub path: String,
    pub text: String,
    /// The part of `text` that is read: after any byte-order mark and front matter.
    pub body: Range<usize>,
    pub published: Option<Published>,
    pub notes: Vec<Note>,
}

/// Walks `paths` for article files, handing each to `found` as it is
/// found (in no set order: a report is sorted at the end), and to
/// `noted` a note on each file skipped. Every path is looked up before any file is
/// handed over, so a path that does not exist stops the run before any
/// work starts. A file reached from two of `paths` is handed over once.
pub fn walk(
    paths: &[PathBuf],
    mut found: impl FnMut(PathBuf),
    mut noted: impl FnMut(Note),
) -> Result<(), Error> {
    let mut roots = Vec::with_capacity(paths.len());
    for root in paths {
        let meta =
            std::fs::metadata(root).map_err(|e| Error::reading(root.display().to_string(), &e))?;
        roots.push((root, meta.is_file()));
    }
    // One walk never reaches a file twice; only paths of which one holds
    // another do. Others need no set of every path seen, which would grow
    // with the archive.
    let keys: Vec<Vec<u8>> = paths.iter().map(|p| key(p)).collect();
    let overlap = keys.iter().enumerate().any(|(i, a)| {
        keys.iter()
            .enumerate()
            .any(|(j, b)| i != j && a.starts_with(b))
    });
    let mut seen = overlap.then(std::collections::HashSet::new);
    let mut take = |path: PathBuf| {
        if seen.as_mut().is_none_or(|seen| seen.insert(key(&path))) {
            found(path);
        }
    };
    for (root, is_file) in roots {
        let shown = root.display().to_string();
        if is_file {
            if is_article(root) {
                take(root.clone());
            } else {
                noted(skipped(&shown));
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .require_git(false)
            .follow_links(true)
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    if is_article(e.path()) {
                        take(e.into_path());
                    } else {
                        noted(skipped(&e.path().display().to_string()));
                    }
                }
                Ok(_) => {}
                Err(e) => noted(Note {
                    file: shown.clone(),
                    line: None,
                    message: format!("skipped: {}", e.to_string().replace('\n', " ")),
                }),
            }
        }
    }
    Ok(())
}

/// A path's components joined into bytes, so that `corpus/a.txt` and
/// `corpus//a.txt` are one file, as `Path` compares them.
fn key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 4);
    for c in path.components() {
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        // A separator no name holds.
        key.push(0);
    }
    key
}

fn skipped(path: &str) -> Note {
    Note {
        file: path.to_string(),
        line: None,
        message: "skipped: not a .txt or .md article".into(),
    }
}

pub fn is_article(path: &Path) -> bool {
    has_extension(path, &["txt", "md", "markdown"])
}

fn is_markdown(path: &Path) -> bool {
    has_extension(path, &["md", "markdown"])
}

/// The extension is one of `lower`, in any case.
fn has_extension(path: &Path, lower: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| lower.iter().any(|l| e.eq_ignore_ascii_case(l)))
}

/// Reads and dates one article. `claimed` is the date the claims file gives
/// it, if any. Unreadable or binary files give `None` and a note.
pub fn read(path: &Path, claimed: Option<NaiveDate>) -> Result<Article, Note> {
    let note = |message: String| Note {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let too_long = |len: u64| {
        note(format!(
            "skipped: {len} bytes, more than the {MAX_ARTICLE} an article may have"
        ))
    };
    let cannot = |e: std::io::Error| note(format!("skipped: cannot read: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    // Most articles are shorter than the first read and are never sized:
    // one system call fewer each, which counts over an archive.
    let mut bytes = Vec::with_capacity(FIRST_READ as usize);
    (&mut file)
        .take(FIRST_READ)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 == FIRST_READ {
        // A longer file is sized before it is read on, so that one too
        // long is refused unread.
        let len = file.metadata().map_or(0, |m| m.len());
        if len > MAX_ARTICLE {
            return Err(too_long(len));
        }
        bytes.reserve(len.saturating_sub(FIRST_READ) as usize + 1);
        // A file that grew since is read no further than `parse` refuses.
        file.take(MAX_ARTICLE + 1 - FIRST_READ)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    parse(path, bytes, claimed)
}

/// Bytes read before an article is sized.
const FIRST_READ: u64 = 16 * 1024;

/// The largest article read, in bytes: offsets are kept in 32 bits, and an
/// article this size is already an archive, not a page.
pub const MAX_ARTICLE: u64 = 1 << 30;

/// An article from its bytes, as [`read`] gives it; `path` decides the
/// format (Markdown front matter) and names the article in notes.
pub fn parse(path: &Path, bytes: Vec<u8>, claimed: Option<NaiveDate>) -> Result<Article, Note> {
    let shown = path.display().to_string();
    let note = |message: String| Note {
        file: shown.clone(),
        line: None,
        message,
    };
    if bytes.len() as u64 > MAX_ARTICLE {
        return Err(note(format!("skipped: more than {MAX_ARTICLE} bytes")));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(note("skipped: binary file (NUL bytes)".into()));
    }
    let mut notes = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            notes.push(note(format!(
                "not valid UTF-8 at byte {at}: read with replacement characters, so positions after it may be shifted"
            )));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut body = 0..text.len();
    if text.starts_with('\u{feff}') {
        body.start = '\u{feff}'.len_utf8();
    }
    let mut published = claimed.map(|date| Published {
        date,
        source: DateSource::Claims,
        span: None,
    });
    if is_markdown(path)
        && let Some(fm) = frontmatter::split(&text, body.start)
    {
        body.start = fm.body_start;
        match fm.date {
            Ok(Some(date)) if published.is_none() => {
                published = Some(Published {
                    date,
                    source: DateSource::FrontMatter,
                    span: None,
                })
            }
            Ok(_) => {}
            Err(message) => notes.push(Note {
                file: shown.clone(),
                line: Some(fm.error_line),
                message: format!("front matter ignored: {message}"),
            }),
        }
    }
    let dateline = dateline::find(&text, body.clone());
    if published.is_none() {
        published = dateline.as_ref().map(|d| Published {
            date: d.date,
            source: DateSource::Dateline(d.form),
            span: Some(d.span.clone()),
        });
    } else if let (Some(p), Some(d)) = (published.as_mut(), dateline) {
        // Still keep the dateline out of the text that is read for dates.
        p.span = Some(d.span);
    }
    if published.is_none() {
        let message = match dateline::find_yearless(&text, body.clone()) {
            Some(line) => format!(
                "the dateline “{line}” has no year: relative dates are left unresolved (give the article a date under `articles` in the claims file)"
            ),
            None => "no publication date found: relative dates are left unresolved".into(),
        };
        notes.push(note(message));
    }
    Ok(Article {
        path: shown,
        text,
        body,
        published,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_known_by_their_extension_in_any_case() {
        let rows = [
            ("a/b.txt", true, false),
            ("B.TXT", true, false),
            ("note.Md", true, true),
            ("x.markdown", true, true),
            ("x.MARKDOWN", true, true),
            ("x.txt.bak", false, false),
            ("txt", false, false),
            ("x.text", false, false),
            ("x.mdx", false, false),
        ];
        for (path, article, markdown) in rows {
            assert_eq!(is_article(Path::new(path)), article, "{path}");
            assert_eq!(is_markdown(Path::new(path)), markdown, "{path}");
        }
    }

    /// Articles shorter than, as long as and longer than the first read
    /// are read whole; a file past the limit is refused before it is
    /// read (a sparse file: no disk is spent on it).
    #[test]
    fn articles_of_every_length_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let first = FIRST_READ as usize;
        for len in [0, 1, first - 1, first, first + 1, 3 * first + 5] {
            let text: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            let path = dir.path().join(format!("{len}.txt"));
            std::fs::write(&path, &text).unwrap();
            let article = read(&path, None).unwrap_or_else(|n| panic!("{len}: {}", n.message));
            assert_eq!(article.text, text, "{len}");
        }
        let huge = dir.path().join("huge.txt");
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(MAX_ARTICLE + 1).unwrap();
        let Err(note) = read(&huge, None) else {
            panic!("a file past the limit is read")
        };
        assert!(note.message.contains("more than the"), "{}", note.message);
    }

    /// Every article under the paths is found once, whichever paths
    /// overlap and however they are spelled; other files get a note.
    #[test]
    fn walks_each_article_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        std::fs::create_dir_all(root.join("a")).unwrap();
        for name in ["b.txt", "a/z.md", "notes.pdf"] {
            std::fs::write(root.join(name), "text").unwrap();
        }
        let cases: &[(&[&str], &[&str], usize)] = &[
            (&["corpus"], &["corpus/a/z.md", "corpus/b.txt"], 1),
            (&["corpus", "corpus"], &["corpus/a/z.md", "corpus/b.txt"], 2),
            (&["corpus/b.txt", "corpus//b.txt"], &["corpus/b.txt"], 0),
            (
                &["corpus/a", "corpus"],
                &["corpus/a/z.md", "corpus/b.txt"],
                1,
            ),
            (&["corpus/notes.pdf"], &[], 1),
            // Disjoint paths, walked without a set of what was seen.
            (
                &["corpus/b.txt", "corpus/a"],
                &["corpus/a/z.md", "corpus/b.txt"],
                0,
            ),
        ];
        for (paths, want, skipped) in cases {
            let paths: Vec<PathBuf> = paths.iter().map(|p| dir.path().join(p)).collect();
            let mut got = Vec::new();
            let mut notes = Vec::new();
            walk(&paths, |p| got.push(p), |n| notes.push(n)).unwrap();
            let mut got: Vec<String> = got
                .iter()
                .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
                .collect();
            got.sort();
            assert_eq!(got, *want, "{paths:?}");
            assert_eq!(notes.len(), *skipped, "{paths:?}: {notes:?}");
        }
    }

    /// A missing path stops the walk before any file is handed over,
    /// even when it comes after one that exists.
    #[test]
    fn a_missing_path_stops_the_walk_before_it_starts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        let paths = [dir.path().join("a.txt"), dir.path().join("gone")];
        let mut found = 0;
        let err = walk(&paths, |_| found += 1, drop).unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
        assert_eq!(found, 0);
    }
}
