//! YAML front matter at the top of a Markdown article.

use chrono::NaiveDate;
use serde::Deserialize;

pub struct FrontMatter {
    /// Where the article's text starts, after the closing `---`.
    pub body_start: usize,
    /// `published:` or else `date:`, if present and readable.
    pub date: Result<Option<NaiveDate>, String>,
    /// The line an error refers to (1-based).
    pub error_line: usize,
}

#[derive(Deserialize)]
struct Fields {
    date: Option<Scalar>,
    published: Option<Scalar>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Other(serde::de::IgnoredAny),
}

/// Splits off front matter starting at `start` (`---` on the first line).
pub fn split(text: &str, start: usize) -> Option<FrontMatter> {
    let rest = &text[start..];
    let first = rest.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut offset = start + first.len();
    let yaml_start = offset;
    for line in text[offset..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = &text[yaml_start..line_start];
            let (date, error_line) = parse(yaml);
            return Some(FrontMatter {
                body_start: offset,
                date,
                error_line: error_line.unwrap_or(1) + text[..yaml_start].lines().count(),
            });
        }
    }
    Some(FrontMatter {
        body_start: start,
        date: Err("it has no closing `---`".into()),
        error_line: text[..start].lines().count() + 1,
    })
}

fn parse(yaml: &str) -> (Result<Option<NaiveDate>, String>, Option<usize>) {
    if yaml.trim().is_empty() {
        return (Ok(None), None);
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_depth: 32, max_nodes: 10_000, max_aliases: 100 },
    };
    let fields: Fields = match serde_saphyr::from_str_with_options(yaml, options) {
        Ok(f) => f,
        Err(e) => {
            let line = e.location().map(|l| l.line() as usize);
            let message = e
                .without_snippet()
                .render_with_formatter(&serde_saphyr::UserMessageFormatter);
            let message = message.lines().next().unwrap_or("invalid YAML").to_string();
            return (Err(message), line);
        }
    };
    let value = match fields.published.or(fields.date) {
        Some(Scalar::Text(t)) => t,
        Some(Scalar::Other(_)) => return (Err("`date` is not text".into()), None),
        None => return (Ok(None), None),
    };
    let day = value.trim().get(..10).unwrap_or(value.trim());
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => (Ok(Some(d)), None),
        Err(_) => (Err(format!("`date` {value:?} is not YYYY-MM-DD")), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter() {
        let text = "---\ntitle: X\ndate: 2018-06-29T10:00:00Z\n---\nBody";
        let fm = split(text, 0).unwrap();
        assert_eq!(&text[fm.body_start..], "Body");
        assert_eq!(fm.date, Ok(NaiveDate::from_ymd_opt(2018, 6, 29)));
        let text = "---\npublished: 2018-07-02\ndate: 2019-01-01\n---\n";
        assert_eq!(
            split(text, 0).unwrap().date,
            Ok(NaiveDate::from_ymd_opt(2018, 7, 2))
        );
    }

    #[test]
    fn reports_bad_front_matter() {
        for text in [
            "---\ndate: [unclosed\n---\nBody",
            "---\ndate: tomorrow\n---\n",
            "---\na: &a [*a]\n---\n",
            "---\nno end",
        ] {
            let fm = split(text, 0).unwrap();
            assert!(fm.date.is_err(), "{text:?}");
        }
        assert!(split("No front matter", 0).is_none());
    }
}
