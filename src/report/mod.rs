//! Formatters: each turns a [`Report`] into bytes and reads nothing else.

pub mod html;
pub mod json;
pub mod text;

use crate::finding::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the article line and a caret (default)
    Text,
    /// the JSON report of the spec, with `notes` and `sources` added
    Json,
    /// one self-contained HTML page, escaped, with a script-forbidding CSP
    Html,
}

/// Options that change how a report is rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Render {
    pub color: bool,
    /// List the notes (odd files, unresolved dates, unattributed quotes).
    pub notes: bool,
}

/// Renders `report`; `texts` gives each article's text by path, for the
/// text format's source lines.
pub fn render(
    report: &Report,
    format: Format,
    options: Render,
    texts: &dyn Fn(&str) -> Option<String>,
) -> String {
    match format {
        Format::Text => text::render(report, options, texts),
        Format::Json => json::render(report),
        Format::Html => html::render(report),
    }
}
