//! Errors that stop a run (exit code 2). Conflicts are not errors: they are
//! the report.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Claims(Box<ClaimsError>),
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    /// Flags that cannot work together.
    #[error("{reason}")]
    Usage { reason: String },
}

impl Error {
    /// A file at `path` that could not be opened or read: missing, or
    /// unreadable for the reason the system gives.
    pub fn reading(path: String, e: &std::io::Error) -> Error {
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            _ => Error::Read {
                path,
                reason: e.to_string(),
            },
        }
    }
}

/// A claims file that cannot be used, with the place and the key at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsError {
    pub file: String,
    /// 1-based; 0 when the fault has no single place (an empty file).
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Dotted path of the key at fault, such as `events.hamburg-meeting.venue`.
    pub key: String,
    pub message: String,
    pub help: Option<String>,
    /// The claims file's line at fault, shown under the message.
    pub source_line: Option<String>,
}

impl From<ClaimsError> for Error {
    fn from(e: ClaimsError) -> Self {
        Error::Claims(Box::new(e))
    }
}

impl fmt::Display for ClaimsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": ")?;
        if !self.key.is_empty() {
            write!(f, "{}: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(line) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let (line, column) = window(line, self.column.saturating_sub(1));
            let caret_at = line
                .chars()
                .take(column)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {caret_at}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// At most [`WIDTH`] characters of a long line around the 0-based character
/// `column`, with `...` where it was cut, and the column within the window.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(chars.len() - WIDTH);
    let end = start + WIDTH;
    let mut out = String::new();
    let mut at = column - start.min(column);
    if start > 0 {
        out.push_str("...");
        at += 3;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push_str("...");
    }
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_shown_around_the_column() {
        assert_eq!(window("short", 2), ("short".to_string(), 2));
        let long = "x".repeat(300);
        let (shown, at) = window(&long, 150);
        assert_eq!(shown.chars().count(), 106);
        assert!(shown.starts_with("...") && shown.ends_with("..."));
        assert_eq!(at, 53);
        let (shown, at) = window(&long, 0);
        assert_eq!((shown.len(), at), (103, 0));
        let (shown, at) = window(&long, 299);
        assert!(shown.starts_with("...") && !shown.ends_with("..."));
        assert_eq!(at, 3 + 99);
    }
}
