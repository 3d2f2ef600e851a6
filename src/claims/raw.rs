//! The claims file exactly as written: serde types with positions, before
//! any reference or date is checked.

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

pub type Map<T> = Option<IndexMap<String, Spanned<T>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub version: Option<Spanned<u32>>,
    #[serde(default)]
    pub people: Map<Person>,
    #[serde(default)]
    pub organizations: Map<Organization>,
    #[serde(default)]
    pub venues: Map<Venue>,
    #[serde(default)]
    pub events: Map<Event>,
    #[serde(default)]
    pub quotes: Map<Quote>,
    #[serde(default)]
    pub articles: Map<Article>,
    /// Rule id → error, warning, info or off.
    #[serde(default)]
    pub severity: Map<String>,
}

impl File {
    /// Adds the next part of a file read in parts (`parts.rs`). None
    /// when both hold a key: only the whole file says what that means.
    pub fn join(&mut self, next: File) -> Option<()> {
        fn join<T>(into: &mut Map<T>, next: Map<T>) -> Option<()> {
            let Some(next) = next else { return Some(()) };
            let into = into.get_or_insert_with(IndexMap::new);
            for (key, value) in next {
                if into.insert(key, value).is_some() {
                    return None;
                }
            }
            Some(())
        }
        if let Some(version) = next.version {
            if self.version.is_some() {
                return None;
            }
            self.version = Some(version);
        }
        join(&mut self.people, next.people)?;
        join(&mut self.organizations, next.organizations)?;
        join(&mut self.venues, next.venues)?;
        join(&mut self.events, next.events)?;
        join(&mut self.quotes, next.quotes)?;
        join(&mut self.articles, next.articles)?;
        join(&mut self.severity, next.severity)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How articles refer back to the person: he, she or they.
    #[serde(default)]
    pub pronoun: Option<crate::claims::model::Pronoun>,
    #[serde(default)]
    pub roles: Vec<Spanned<Role>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub from: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub name: String,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub within: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub title: Option<String>,
    pub date: Option<Spanned<Date>>,
    pub venue: Option<Spanned<OneOrMany>>,
    pub participants: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub cues: Vec<Spanned<Cue>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An event's date: a date, month or year, or a range of them.
#[derive(Debug)]
pub enum Date {
    Text(String),
    Range { from: String, to: String },
}

/// A cue: one phrase, or phrases that must all be near.
#[derive(Debug)]
pub enum Cue {
    Phrase(String),
    All(Vec<String>),
}

/// An id, or a list of them.
#[derive(Debug)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

// These shapes are read by hand, not as `#[serde(untagged)]` enums: those
// buffered every value before trying each variant (a tenth of reading a
// large claims file), and a plain `2019` was then a number that no
// string variant took, so `date: 2019` and `cues: [[g20, 2019]]` failed.

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrList("an id or a list of ids"))
    }
}

impl<'de> Deserialize<'de> for Cue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(
            match d.deserialize_any(TextOrList("a phrase or a list of phrases"))? {
                OneOrMany::One(phrase) => Cue::Phrase(phrase),
                OneOrMany::Many(phrases) => Cue::All(phrases),
            },
        )
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// A scalar as text (a plain number as it is written, which for an
/// integer is its decimal digits), or a list of scalars.
struct TextOrList(&'static str);

impl<'de> Visitor<'de> for TextOrList {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
    }
}

struct DateVisitor;

/// A date range as written: both ends, and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    from: String,
    to: String,
}

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("YYYY-MM-DD, YYYY-MM, YYYY or {from: DATE, to: DATE}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Date::Text(v.to_string()))
    }

    /// A year written plain.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Date::Text(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let Range { from, to } = Range::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Date::Range { from, to })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub speaker: Spanned<OneOrMany>,
    pub said: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub published: Spanned<String>,
}
