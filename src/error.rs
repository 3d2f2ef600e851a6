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
            let caret_at = line
                .chars()
                .take(self.column.saturating_sub(1))
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
